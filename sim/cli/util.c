/* Helpers shared by the subcommands: argument parsing and printing. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

bool cli_parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-' || *s == '+')
        return false;
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return false;
    *out = (uint64_t)v;
    return true;
}

bool cli_parse_int(const char *s, int lo, int hi, int *out)
{
    if (!s || !*s)
        return false;
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

bool cli_parse_quarter(const char *s, int *year, int *quarter)
{
    int y = 0, q = 4;
    char tail = 0;
    if (sscanf(s, "Y%dQ%d%c", &y, &q, &tail) == 2 || sscanf(s, "%d.%d%c", &y, &q, &tail) == 2 ||
        (strchr(s, '.') == NULL && sscanf(s, "%d%c", &y, &tail) == 1)) {
        if (y >= 1 && y <= SHAPAN_MAX_YEARS && q >= 1 && q <= 4) {
            *year = y;
            *quarter = q;
            return true;
        }
    }
    return false;
}

bool cli_is_help(const char *arg) { return !strcmp(arg, "--help") || !strcmp(arg, "-h"); }

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    fprintf(stderr, "shapan-cli %s: ", cmd);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see shapan-cli %s --help)\n", cmd);
    return CLI_USAGE;
}

const char *cli_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "shapan-cli: option %s needs a value\n", argv[*i]);
        return NULL;
    }
    (*i)++;
    return argv[*i];
}

void cli_print_error(FILE *f, const char *file, const ShapanError *e)
{
    /* file errors name the file in `where` already */
    if (e->where[0] && strcmp(e->where, file) != 0)
        fprintf(f, "%s: %s: %s: %s\n", file, e->where, shapan_error_name(e->code), e->message);
    else
        fprintf(f, "%s: %s: %s\n", file, shapan_error_name(e->code), e->message);
}

#define CLI_MAX_ERRORS 256

ShapanScenario *cli_load_scenario(const char *path)
{
    ShapanError *errs = calloc(CLI_MAX_ERRORS, sizeof *errs);
    if (!errs) {
        fprintf(stderr, "%s: out of memory\n", path);
        return NULL;
    }
    int n = 0;
    ShapanScenario *sc = shapan_scenario_load(path, errs, CLI_MAX_ERRORS, &n);
    if (!sc) {
        for (int i = 0; i < n && i < CLI_MAX_ERRORS; i++)
            cli_print_error(stderr, path, &errs[i]);
        if (n > CLI_MAX_ERRORS)
            fprintf(stderr, "%s: ... and %d more errors\n", path, n - CLI_MAX_ERRORS);
        if (n == 0)
            fprintf(stderr, "%s: the scenario could not be loaded\n", path);
    }
    free(errs);
    return sc;
}

bool cli_write(const char *path, const char *text)
{
    if (!path) {
        fputs(text, stdout);
        return fflush(stdout) == 0;
    }
    ShapanError e;
    if (shapan_write_atomic(path, text, strlen(text), &e) != SHAPAN_OK) {
        cli_print_error(stderr, path, &e);
        return false;
    }
    return true;
}

bool cli_write_report(const ShapanWorld *w, const ShapanTeamInfo *teams, const char *path)
{
    char *json = shapan_report_json(w, teams);
    if (!json) {
        fprintf(stderr, "%s: out of memory while building the report\n", path);
        return false;
    }
    bool ok = cli_write(path, json);
    free(json);
    return ok;
}

void cli_print_ranking(const ShapanWorld *w, const ShapanTeamInfo *teams)
{
    int order[SHAPAN_MAX_TEAMS];
    int n = shapan_ranking(w, order);
    printf("%-4s %-4s %-24s %-14s %8s %8s\n", "rank", "team", "name", "status", "score", "equity");
    for (int i = 0; i < n; i++) {
        int t = order[i];
        int64_t score = 0, potential = 0, equity = 0;
        int by = 0, bq = 0;
        bool bankrupt = shapan_view_bankrupt(w, t, &by, &bq);
        bool scored = shapan_team_score(w, t, &score, &potential);
        ShapanStatement st;
        shapan_statement(w, t, shapan_team_closed_year(w, t), &st);
        equity = st.balance[SHAPAN_BAL_EQUITY];
        char name[SHAPAN_NAME_LEN + 8];
        if (teams && teams[t - 1].name[0])
            snprintf(name, sizeof name, "%s", teams[t - 1].name);
        else
            snprintf(name, sizeof name, "Team %d", t);
        char status[32], sc[24];
        if (bankrupt)
            snprintf(status, sizeof status, "bankrupt Y%dQ%d", by, bq);
        if (scored)
            snprintf(sc, sizeof sc, "%" PRId64, score);
        else
            snprintf(sc, sizeof sc, "-");
        printf("%-4d %-4d %-24s %-14s %8s %8" PRId64 "\n", i + 1, t, name,
               bankrupt ? status : "active", sc, equity);
    }
}
