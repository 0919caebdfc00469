/* shapan-cli run --scenario S --seed N --ai PROFILE[,PROFILE...] [--teams N]
 *                [--human NAME...] [--log OUT.jsonl] [--report OUT.json] */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "shapan/ai.h"

/* A loop that never ends is a bug in a rival or the engine: stop it. */
#define RUN_MAX_COMMANDS 5000000

typedef struct {
    const char *scenario, *log, *report, *ai;
    uint64_t seed;
    bool have_seed;
    int teams;
    const char *humans[SHAPAN_MAX_TEAMS];
    int nhumans;
} RunArgs;

static void run_help(void)
{
    printf("usage: shapan-cli run --scenario S --seed N --ai PROFILE[,PROFILE...] [--teams N]\n"
           "                      [--human NAME...] [--log OUT.jsonl] [--report OUT.json]\n\n"
           "Plays a game: humans take the first team numbers, the rival profiles the rest\n"
           "(round-robin; 6 teams unless --teams).  Stops when the game is over, or when\n"
           "only a human can move.  Prints the final ranking.\nprofiles:");
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
            strcmp(opt, "--report"))
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
        } else if (!strcmp(opt, "--seed")) {
            if (!cli_parse_u64(v, &a->seed))
                return cli_usage_error("run", "--seed: expected an integer >= 0, got %s", v);
            a->have_seed = true;
        } else if (!strcmp(opt, "--teams")) {
            if (!cli_parse_int(v, 1, SHAPAN_MAX_TEAMS, &a->teams))
                return cli_usage_error("run", "--teams: expected 1..%d, got %s",
                                       SHAPAN_MAX_TEAMS, v);
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

/* Splits "a,b,c" into rival profiles; prints the unknown one. */
static int parse_profiles(const char *list, const ShapanRival **out, int max)
{
    int n = 0;
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)len, p);
        const ShapanRival *r = shapan_rival_find(name);
        if (!r || n >= max) {
            cli_usage_error("run", "--ai: unknown rival profile \"%s\"", name);
            return -1;
        }
        out[n++] = r;
        p = comma ? comma + 1 : p + len;
    }
    if (n == 0)
        cli_usage_error("run", "--ai: expected at least one profile");
    return n ? n : -1;
}

/* A live human team whose game is not over: the run stops for it. */
static int waiting_human(const ShapanWorld *w, int nhumans)
{
    int years = shapan_world_scenario(w)->years;
    for (int t = 1; t <= nhumans; t++) {
        int y = 0, q = 0;
        if (!shapan_view_bankrupt(w, t, &y, &q) && shapan_team_closed_year(w, t) < years)
            return t;
    }
    return 0;
}

/* Asks every rival in team order for one command per round until nobody moves. */
static int play(ShapanRecorder *rec, ShapanAi *ais, int nteams, int nhumans, const char *where)
{
    ShapanWorld *w = shapan_recorder_world(rec);
    ShapanError last;
    memset(&last, 0, sizeof last);
    int last_team = 0;
    for (long played = 0; !shapan_world_over(w);) {
        bool moved = false;
        for (int t = nhumans + 1; t <= nteams; t++) {
            ShapanCommand c;
            if (!shapan_ai_decide(&ais[t - 1], w, &c))
                continue;
            ShapanError e;
            memset(&e, 0, sizeof e);
            ShapanErrorCode rc = shapan_recorder_apply(rec, &c, &e);
            shapan_ai_feedback(&ais[t - 1], &c, rc);
            if (rc == SHAPAN_OK) {
                moved = true;
                if (++played > RUN_MAX_COMMANDS) {
                    fprintf(stderr, "%s: E_INTERNAL: more than %d commands: stopped\n", where,
                            RUN_MAX_COMMANDS);
                    return CLI_REJECTED;
                }
            } else {
                last = e;
                last_team = t;
            }
        }
        if (moved)
            continue;
        int human = waiting_human(w, nhumans);
        if (human) {
            int y = 0, q = 0;
            ShapanStage st = SHAPAN_STAGE_YEAR_START;
            shapan_view_position(w, human, &y, &q, &st);
            printf("waiting for human team %d at Y%dQ%d %s\n", human, y, q, shapan_stage_name(st));
            return CLI_OK;
        }
        if (last_team) {
            char buf[160];
            snprintf(buf, sizeof buf, "%s: team %d (%s)", where, last_team,
                     ais[last_team - 1].rival->name);
            fprintf(stderr, "%s: no team can move; the last rejected command: %s: %s\n", buf,
                    shapan_error_name(last.code), last.message);
        } else {
            fprintf(stderr, "%s: E_WAIT: no team can move, and the game is not over\n", where);
        }
        return CLI_REJECTED;
    }
    return CLI_OK;
}

int cli_run(int argc, char **argv)
{
    RunArgs a;
    memset(&a, 0, sizeof a);
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? CLI_OK : rc;
    const ShapanRival *profiles[SHAPAN_MAX_TEAMS];
    int nprof = parse_profiles(a.ai, profiles, SHAPAN_MAX_TEAMS);
    if (nprof < 0)
        return CLI_USAGE;

    ShapanScenario *sc = cli_load_scenario(a.scenario);
    if (!sc)
        return CLI_REJECTED;
    ShapanTeamInfo info[SHAPAN_MAX_TEAMS];
    memset(info, 0, sizeof info);
    for (int t = 1; t <= a.teams; t++) {
        ShapanTeamInfo *ti = &info[t - 1];
        if (t <= a.nhumans) {
            snprintf(ti->name, sizeof ti->name, "%s", a.humans[t - 1]);
            snprintf(ti->controller, sizeof ti->controller, "human");
        } else {
            const ShapanRival *r = profiles[(t - a.nhumans - 1) % nprof];
            snprintf(ti->name, sizeof ti->name, "%.40s %d", r->name, t);
            snprintf(ti->controller, sizeof ti->controller, "ai:%.20s", r->name);
        }
    }
    ShapanError e;
    memset(&e, 0, sizeof e);
    ShapanRecorder *rec = shapan_recorder_create(sc, a.seed, a.teams, info, &e);
    if (!rec) {
        cli_print_error(stderr, a.scenario, &e);
        shapan_scenario_free(sc);
        return CLI_REJECTED;
    }
    ShapanAi ais[SHAPAN_MAX_TEAMS];
    memset(ais, 0, sizeof ais);
    int status = CLI_OK;
    for (int t = a.nhumans + 1; t <= a.teams && status == CLI_OK; t++) {
        /* each rival gets its own stream, derived from the game seed and its team */
        uint64_t seed = a.seed * UINT64_C(0x9E3779B97F4A7C15) + (uint64_t)t;
        if (!shapan_ai_start(&ais[t - 1], profiles[(t - a.nhumans - 1) % nprof],
                             shapan_recorder_world(rec), t, seed)) {
            fprintf(stderr, "%s: team %d: the rival could not start (out of memory)\n",
                    a.scenario, t);
            status = CLI_REJECTED;
        }
    }
    if (status == CLI_OK)
        status = play(rec, ais, a.teams, a.nhumans, a.scenario);
    const ShapanWorld *w = shapan_recorder_world(rec);
    /* the log is written even after a failure: it is what someone will debug */
    if (a.log && shapan_recorder_save(rec, a.log, &e) != SHAPAN_OK) {
        cli_print_error(stderr, a.log, &e);
        status = CLI_REJECTED;
    }
    if (a.report && !cli_write_report(w, info, a.report))
        status = CLI_REJECTED;
    cli_print_ranking(w, info);
    for (int t = 0; t < a.teams; t++)
        shapan_ai_stop(&ais[t]);
    shapan_recorder_destroy(rec);
    shapan_scenario_free(sc);
    return status;
}
