/* shapan-cli tournament --profiles a,b,... --games N --teams T [--scenario S] [--seed K]
 *                       [--rivals DIR] [--csv FILE]
 * The games are played by the core (shapan_tournament_run); this file prints the
 * tables.  Every number is computed in integers, so the output is the same on
 * every machine. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define TOURNAMENT_MAX_COMMANDS 5000000L

typedef struct {
    const char *profiles, *scenario, *rivals, *csv;
    int games, teams;
    uint64_t seed;
    bool fixed_book;
} TournamentArgs;

static void tournament_help(void)
{
    printf("usage: shapan-cli tournament --profiles a,b,... --games N --teams T\n"
           "           [--scenario S] [--seed K] [--rivals DIR] [--csv FILE] [--fixed-book]\n\n"
           "Plays N seeded all-rival games of T teams (default scenario\n"
           "scenarios/standard.json, seed K = 1): game g (0-based) uses seed K+g, and its\n"
           "seat s (team s+1) is played by profiles[(g + s) %% P], so every profile meets\n"
           "every other equally often (docs/tournament.md).  Every game gets a fresh order\n"
           "book generated from the scenario's forecast for T teams with the game's seed\n"
           "(--fixed-book: all play the scenario's own book, regenerated for T teams with\n"
           "seed K if it was sized for another count).  Prints per profile: games, mean\n"
           "score (a bankrupt team counts\n"
           "as 0), bankruptcy rate and rank distribution, then a head-to-head table.\n"
           "  --csv FILE  one row per team per game\n%s",
           cli_roster_help());
}

static int parse_args(int argc, char **argv, TournamentArgs *a)
{
    a->scenario = "scenarios/standard.json";
    a->seed = 1;
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i], *v = NULL;
        if (cli_is_help(opt)) {
            tournament_help();
            return -1;
        }
        if (!strcmp(opt, "--fixed-book")) {
            a->fixed_book = true;
            continue;
        }
        if (strcmp(opt, "--profiles") && strcmp(opt, "--games") && strcmp(opt, "--teams") &&
            strcmp(opt, "--scenario") && strcmp(opt, "--seed") && strcmp(opt, "--rivals") &&
            strcmp(opt, "--csv"))
            return cli_usage_error("tournament", "unexpected argument %s", opt);
        if (!(v = cli_value(argc, argv, &i)))
            return CLI_USAGE;
        if (!strcmp(opt, "--profiles"))
            a->profiles = v;
        else if (!strcmp(opt, "--scenario"))
            a->scenario = v;
        else if (!strcmp(opt, "--rivals"))
            a->rivals = v;
        else if (!strcmp(opt, "--csv"))
            a->csv = v;
        else if (!strcmp(opt, "--games") && !cli_parse_int(v, 1, 10000000, &a->games))
            return cli_usage_error("tournament", "--games: expected 1..10000000, got %s", v);
        else if (!strcmp(opt, "--teams") && !cli_parse_int(v, 1, SHAPAN_MAX_TEAMS, &a->teams))
            return cli_usage_error("tournament", "--teams: expected 1..%d, got %s",
                                   SHAPAN_MAX_TEAMS, v);
        else if (!strcmp(opt, "--seed") && !cli_parse_u64(v, &a->seed))
            return cli_usage_error("tournament", "--seed: expected an integer >= 0, got %s", v);
    }
    if (!a->profiles || !a->games || !a->teams)
        return cli_usage_error("tournament", "--profiles, --games and --teams are required");
    return 0;
}

/* n / d as a percentage with one decimal, rounded half up: "73.2" */
static void percent(char *buf, size_t len, int64_t n, int64_t d)
{
    if (d <= 0) {
        snprintf(buf, len, "-");
        return;
    }
    int64_t x = (n * 2000 + d) / (2 * d);
    snprintf(buf, len, "%" PRId64 ".%" PRId64, x / 10, x % 10);
}

static bool csv_game(void *ctx, int game, uint64_t seed, const ShapanWorld *w,
                     const ShapanTeamInfo *teams, const int *seat_profile)
{
    CliBuf *b = ctx;
    (void)seat_profile;
    CliTeamResult r[SHAPAN_MAX_TEAMS];
    int n = cli_results(w, r);
    for (int t = 0; t < n; t++) {
        cli_buf_printf(b, "%d,%" PRIu64 ",%d,", game, seed, t + 1);
        cli_buf_csv(b, teams[t].controller + 3); /* "ai:NAME" */
        cli_buf_printf(b, ",");
        cli_buf_csv(b, teams[t].name);
        if (r[t].bankrupt)
            cli_buf_printf(b, ",bankrupt,Y%dQ%d", r[t].bankrupt_year, r[t].bankrupt_quarter);
        else
            cli_buf_printf(b, ",active,");
        cli_buf_printf(b, ",%" PRId64 ",", r[t].equity);
        if (r[t].scored)
            cli_buf_printf(b, "%" PRId64, r[t].score);
        cli_buf_printf(b, ",%d\r\n", r[t].rank);
    }
    return !b->failed;
}

static void print_tables(const CliRoster *ro, const ShapanTournamentStats *st, int teams)
{
    char a[32], b[32];
    printf("%-12s %7s %7s %10s %9s  rank distribution (teams finishing 1st, 2nd, ...)\n", "profile",
           "games", "teams", "mean*", "bankrupt");
    for (int p = 0; p < ro->n; p++) {
        const ShapanTournamentStats *s = &st[p];
        int64_t mean10 = s->seats ? (s->score_sum * 20 + s->seats) / (2 * s->seats) : 0;
        percent(b, sizeof b, s->bankrupt, s->seats);
        snprintf(a, sizeof a, "%" PRId64 ".%" PRId64, mean10 / 10, mean10 % 10);
        printf("%-12s %7d %7d %10s %8s%%  ", ro->rivals[p].name, s->games, s->seats, a, b);
        for (int r = 0; r < teams; r++)
            printf("%s%d", r ? " " : "", s->rank[r]);
        printf("\n");
    }
    printf("* mean score over the profile's teams; a bankrupt team counts as 0.\n\n");
    printf("head to head: %% of the games with both in which the row's best-placed team\n"
           "ranked above the column's (a bankrupt team ranks below every live one)\n%-12s",
           "");
    for (int q = 0; q < ro->n; q++)
        printf(" %11.11s", ro->rivals[q].name);
    printf("\n");
    for (int p = 0; p < ro->n; p++) {
        printf("%-12s", ro->rivals[p].name);
        for (int q = 0; q < ro->n; q++) {
            if (p == q)
                snprintf(a, sizeof a, "-");
            else
                percent(a, sizeof a, st[p].above[q], st[p].met[q]);
            printf(" %11s", a);
        }
        printf("\n");
    }
}

int cli_tournament(int argc, char **argv)
{
    TournamentArgs a;
    memset(&a, 0, sizeof a);
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? CLI_OK : rc;
    CliRoster ro;
    rc = cli_roster_parse("tournament", a.profiles, a.scenario, a.rivals, &ro);
    if (rc == CLI_OK && (ro.n != ro.nseq || ro.n > SHAPAN_TOURNAMENT_MAX_PROFILES))
        rc = cli_usage_error("tournament", "--profiles: 1..%d different names, each once",
                             SHAPAN_TOURNAMENT_MAX_PROFILES);
    if (rc != CLI_OK) {
        cli_roster_free(&ro);
        return rc;
    }
    ShapanScenario *sc = cli_load_scenario(a.scenario);
    if (!sc) {
        cli_roster_free(&ro);
        return CLI_REJECTED;
    }
    ShapanError e;
    memset(&e, 0, sizeof e);
    int status = CLI_OK;
    if (a.fixed_book && sc->teams_sized_for != a.teams &&
        shapan_generate_orders(sc, a.teams, a.seed, &e) != SHAPAN_OK) {
        cli_print_error(stderr, a.scenario, &e);
        status = CLI_REJECTED;
    }
    ShapanController ctrl[SHAPAN_TOURNAMENT_MAX_PROFILES];
    for (int p = 0; p < ro.n; p++)
        ctrl[p] = cli_roster_controller(&ro, p);
    CliBuf csv = {NULL, 0, 0, false};
    cli_buf_printf(&csv, "\xEF\xBB\xBF"
                         "game,seed,team,profile,name,status,bankrupt_at,equity,"
                         "score,rank\r\n");
    ShapanTournament t = {.scenario = sc,
                          .profiles = ctrl,
                          .nprofiles = ro.n,
                          .games = a.games,
                          .teams = a.teams,
                          .seed = a.seed,
                          .max_commands = TOURNAMENT_MAX_COMMANDS,
                          .fixed_book = a.fixed_book,
                          .on_game = a.csv ? csv_game : NULL,
                          .ctx = &csv};
    ShapanTournamentStats stats[SHAPAN_TOURNAMENT_MAX_PROFILES];
    if (status == CLI_OK && shapan_tournament_run(&t, stats, &e) != SHAPAN_OK) {
        cli_print_error(stderr, a.scenario, &e);
        status = CLI_REJECTED;
    }
    if (status == CLI_OK) {
        printf("tournament: %d games of %d teams, seeds %" PRIu64 "..%" PRIu64 ", %s\n\n", a.games,
               a.teams, a.seed, a.seed + (uint64_t)a.games - 1, a.scenario);
        print_tables(&ro, stats, a.teams);
        if (a.csv && (csv.failed || !cli_write(a.csv, csv.data)))
            status = CLI_REJECTED;
    }
    cli_buf_free(&csv);
    shapan_scenario_free(sc);
    cli_roster_free(&ro);
    return status;
}
