/* shapan-cli run --scenario S --seed N --ai PROFILE[,PROFILE...] [--teams N]
 *                [--rivals DIR] [--human NAME...] [--log OUT.jsonl] [--report OUT.json] */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A loop that never ends is a bug in a rival or the engine: stop it. */
#define RUN_MAX_COMMANDS 5000000

typedef struct {
    const char *scenario, *log, *report, *ai, *rivals;
    uint64_t seed;
    bool have_seed;
    int teams;
    const char *humans[SHAPAN_MAX_TEAMS];
    int nhumans;
} RunArgs;

static void run_help(void)
{
    printf("usage: shapan-cli run --scenario S --seed N --ai PROFILE[,PROFILE...] [--teams N]\n"
           "                      [--rivals DIR] [--human NAME...] [--log OUT.jsonl]\n"
           "                      [--report OUT.json]\n\n"
           "Plays a game: humans take the first team numbers, the rival profiles the rest\n"
           "(round-robin; 6 teams unless --teams).  Stops when the game is over, or when\n"
           "only a human can move.  Prints the final ranking.\n%sbuilt-in rivals:",
           cli_roster_help());
    for (int i = 0; i < shapan_rival_count(); i++)
        printf("\n  %-10s %s", shapan_rival_at(i)->name, shapan_rival_at(i)->description);
    printf("\n");
}

static int parse_args(int argc, char **argv, RunArgs *a)
{
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i], *v = NULL;
        if (cli_is_help(opt)) {
            run_help();
            return -1;
        }
        if (strcmp(opt, "--scenario") && strcmp(opt, "--seed") && strcmp(opt, "--ai") &&
            strcmp(opt, "--teams") && strcmp(opt, "--human") && strcmp(opt, "--log") &&
            strcmp(opt, "--report") && strcmp(opt, "--rivals"))
            return cli_usage_error("run", "unexpected argument %s", opt);
        if (!(v = cli_value(argc, argv, &i)))
            return CLI_USAGE;
        if (!strcmp(opt, "--scenario")) {
            a->scenario = v;
        } else if (!strcmp(opt, "--log")) {
            a->log = v;
        } else if (!strcmp(opt, "--report")) {
            a->report = v;
        } else if (!strcmp(opt, "--ai")) {
            a->ai = v;
        } else if (!strcmp(opt, "--rivals")) {
            a->rivals = v;
        } else if (!strcmp(opt, "--seed")) {
            if (!cli_parse_u64(v, &a->seed))
                return cli_usage_error("run", "--seed: expected an integer >= 0, got %s", v);
            a->have_seed = true;
        } else if (!strcmp(opt, "--teams")) {
            if (!cli_parse_int(v, 1, SHAPAN_MAX_TEAMS, &a->teams))
                return cli_usage_error("run", "--teams: expected 1..%d, got %s", SHAPAN_MAX_TEAMS,
                                       v);
        } else {
            /* --human NAME [NAME...]: every following word up to the next option */
            for (;;) {
                if (a->nhumans >= SHAPAN_MAX_TEAMS)
                    return cli_usage_error("run", "at most %d humans", SHAPAN_MAX_TEAMS);
                if (!v[0] || strlen(v) >= SHAPAN_NAME_LEN)
                    return cli_usage_error("run", "--human: a name of 1..%d bytes",
                                           SHAPAN_NAME_LEN - 1);
                a->humans[a->nhumans++] = v;
                if (i + 1 >= argc || argv[i + 1][0] == '-')
                    break;
                v = argv[++i];
            }
        }
    }
    if (!a->scenario || !a->have_seed || !a->ai)
        return cli_usage_error("run", "--scenario, --seed and --ai are required");
    if (!a->teams)
        a->teams = a->nhumans > 6 ? a->nhumans : 6;
    if (a->nhumans > a->teams)
        return cli_usage_error("run", "%d humans do not fit in %d teams", a->nhumans, a->teams);
    return 0;
}

int cli_run(int argc, char **argv)
{
    RunArgs a;
    memset(&a, 0, sizeof a);
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? CLI_OK : rc;
    CliRoster roster;
    rc = cli_roster_parse("run", a.ai, a.scenario, a.rivals, &roster);
    if (rc != CLI_OK) {
        cli_roster_free(&roster);
        return rc;
    }
    ShapanScenario *sc = cli_load_scenario(a.scenario);
    if (!sc) {
        cli_roster_free(&roster);
        return CLI_REJECTED;
    }
    ShapanController ctrl[SHAPAN_MAX_TEAMS];
    memset(ctrl, 0, sizeof ctrl);
    for (int t = 1; t <= a.teams; t++) {
        if (t <= a.nhumans)
            ctrl[t - 1].name = a.humans[t - 1];
        else
            ctrl[t - 1] =
                cli_roster_controller(&roster, roster.seq[(t - a.nhumans - 1) % roster.nseq]);
    }
    ShapanError e;
    memset(&e, 0, sizeof e);
    ShapanGame *g = shapan_game_create(sc, a.seed, a.teams, ctrl, &e);
    if (!g) {
        cli_print_error(stderr, a.scenario, &e);
        shapan_scenario_free(sc);
        cli_roster_free(&roster);
        return CLI_REJECTED;
    }
    int status = CLI_OK, human = 0;
    if (shapan_game_play(g, RUN_MAX_COMMANDS, &human, &e) != SHAPAN_OK) {
        cli_print_error(stderr, a.scenario, &e);
        status = CLI_REJECTED;
    } else if (human) {
        int y = 0, q = 0;
        ShapanStage st = SHAPAN_STAGE_YEAR_START;
        shapan_view_position(shapan_game_world(g), human, &y, &q, &st);
        printf("waiting for human team %d at Y%dQ%d %s\n", human, y, q, shapan_stage_name(st));
    }
    const ShapanWorld *w = shapan_game_world(g);
    const ShapanTeamInfo *info = shapan_game_teams(g);
    /* the log is written even after a failure: it is what someone will debug */
    if (a.log && shapan_recorder_save(shapan_game_recorder(g), a.log, &e) != SHAPAN_OK) {
        cli_print_error(stderr, a.log, &e);
        status = CLI_REJECTED;
    }
    if (a.report && !cli_write_report(w, info, a.report))
        status = CLI_REJECTED;
    cli_print_ranking(w, info);
    shapan_game_destroy(g);
    shapan_scenario_free(sc);
    cli_roster_free(&roster);
    return status;
}
