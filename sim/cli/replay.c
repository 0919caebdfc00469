/* shapan-cli replay LOG.jsonl [--scenario FILE] [--report OUT.json] [--csv DIR] [--until Y.Q] */
#include <inttypes.h>
#include <string.h>

#include "cli.h"

static void replay_help(void)
{
    printf("usage: shapan-cli replay LOG.jsonl [--scenario FILE] [--report OUT.json]\n"
           "                         [--csv DIR] [--until Y.Q]\n\n"
           "Re-applies every command of a decision log and checks every recorded hash,\n"
           "then prints one line per team: name, status, equity, score.\n"
           "  --scenario FILE  use this scenario instead of the header's (a sha256 in the\n"
           "                   header must still match)\n"
           "  --report FILE    write the JSON report (INTERFACES.md §4)\n"
           "  --csv DIR        write expenses.csv, income.csv, balance.csv, ranking.csv\n"
           "  --until Y.Q      stop once every live team has completed quarter Q of year Y\n"
           "A rejected log prints LOG: LOG:line N: E_CODE: message and exits 1.\n");
}

static void print_summary(const ShapanReplay *r)
{
    const ShapanWorld *w = r->world;
    for (int t = 1; t <= shapan_world_teams(w); t++) {
        int by = 0, bq = 0;
        bool bankrupt = shapan_view_bankrupt(w, t, &by, &bq);
        int64_t score = 0, potential = 0;
        bool scored = shapan_team_score(w, t, &score, &potential);
        ShapanStatement st;
        shapan_statement(w, t, shapan_team_closed_year(w, t), &st);
        char status[24], sc[24];
        if (bankrupt)
            snprintf(status, sizeof status, "bankrupt Y%dQ%d", by, bq);
        else
            snprintf(status, sizeof status, "active");
        if (scored)
            snprintf(sc, sizeof sc, "%" PRId64, score);
        else
            snprintf(sc, sizeof sc, "-");
        printf("team %d  %s  status %s  equity %" PRId64 "  score %s\n", t,
               r->header.teams[t - 1].name, status, st.balance[SHAPAN_BAL_EQUITY], sc);
    }
}

int cli_replay(int argc, char **argv)
{
    const char *log = NULL, *report = NULL, *csv = NULL;
    ShapanReplayOptions opt = {.log_dir = NULL};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (cli_is_help(a)) {
            replay_help();
            return CLI_OK;
        }
        if (a[0] != '-' || !a[1]) {
            if (log)
                return cli_usage_error("replay", "only one log file, got %s and %s", log, a);
            log = a;
            continue;
        }
        if (strcmp(a, "--scenario") && strcmp(a, "--report") && strcmp(a, "--csv") &&
            strcmp(a, "--until"))
            return cli_usage_error("replay", "unknown option %s", a);
        if (!(v = cli_value(argc, argv, &i)))
            return CLI_USAGE;
        if (!strcmp(a, "--scenario"))
            opt.scenario_override = v;
        else if (!strcmp(a, "--report"))
            report = v;
        else if (!strcmp(a, "--csv"))
            csv = v;
        else if (!cli_parse_quarter(v, &opt.until_year, &opt.until_quarter))
            return cli_usage_error("replay", "--until: expected Y.Q (e.g. 3.2), got %s", v);
    }
    if (!log)
        return cli_usage_error("replay", "expected a log file");

    ShapanReplay r;
    ShapanError e;
    memset(&e, 0, sizeof e);
    ShapanErrorCode rc = shapan_replay_file(log, &opt, &r, &e);
    if (rc != SHAPAN_OK) {
        cli_print_error(stderr, log, &e);
        shapan_replay_free(&r);
        return CLI_REJECTED;
    }
    if (r.truncated_line)
        fprintf(stderr, "%s: LOG:line %d: truncated last line ignored\n", log, r.truncated_line);
    printf("%s: %d commands, %d checkpoints verified%s\n", log, r.commands, r.checks,
           r.stopped_early ? " (stopped at --until)" : "");
    print_summary(&r);
    int status = CLI_OK;
    if (report && !cli_write_report(r.world, r.header.teams, report))
        status = CLI_REJECTED;
    if (csv && shapan_report_csv(r.world, r.header.teams, csv, &e) != SHAPAN_OK) {
        cli_print_error(stderr, csv, &e);
        status = CLI_REJECTED;
    }
    shapan_replay_free(&r);
    return status;
}
