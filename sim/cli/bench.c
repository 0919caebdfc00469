/* shapan-cli bench [--scenario S] [--games N] [--seconds S] [--rivals DIR]
 * INTERFACES.md §5: all-AI games per second for 6 and 27 teams, replay speed of
 * a recorded 27-team log in commands per second, and the time to parse the same
 * log alone.  Reports numbers, asserts nothing.  The CLI reads the clock; the
 * core never does. */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cli.h"

#define BENCH_MIX "balanced,expert,aggressive,cautious"
#define BENCH_MAX_COMMANDS 5000000L

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct {
    int games;
    double seconds;
} BenchBudget;

/* Keeps going until `games` runs are done, or, with a time budget, until it is spent. */
static bool more(const BenchBudget *b, int done, double start)
{
    if (b->seconds > 0)
        return done < 1 || cli_now() - start < b->seconds;
    return done < b->games;
}

/* One all-AI game; logged (recorder, checkpoints) when `logged` or a log is wanted;
 * its log text is copied to *log when log != NULL. */
static bool play_one(const ShapanScenario *sc, const CliRoster *ro, int teams, uint64_t seed,
                     bool logged, long *commands, char **log)
{
    ShapanController ctrl[SHAPAN_MAX_TEAMS];
    for (int t = 0; t < teams; t++)
        ctrl[t] = cli_roster_controller(ro, ro->seq[t % ro->nseq]);
    ShapanError e;
    memset(&e, 0, sizeof e);
    ShapanGame *g = logged || log ? shapan_game_create(sc, seed, teams, ctrl, &e)
                                  : shapan_game_create_unlogged(sc, seed, teams, ctrl, &e);
    int human = 0;
    if (!g || shapan_game_play(g, BENCH_MAX_COMMANDS, &human, &e) != SHAPAN_OK) {
        fprintf(stderr, "bench: %d teams, seed %" PRIu64 ": %s: %s: %s\n", teams, seed, e.where,
                shapan_error_name(e.code), e.message);
        shapan_game_destroy(g);
        return false;
    }
    *commands += shapan_game_commands(g);
    if (log) {
        size_t len = 0;
        const char *text = shapan_recorder_text(shapan_game_recorder(g), &len);
        *log = malloc(len + 1);
        if (*log) {
            memcpy(*log, text, len);
            (*log)[len] = '\0';
        }
    }
    shapan_game_destroy(g);
    return true;
}

static bool bench_games(const char *label, const ShapanScenario *sc, const CliRoster *ro, int teams,
                        bool logged, const BenchBudget *b)
{
    long commands = 0;
    int n = 0;
    double start = cli_now();
    while (more(b, n, start)) {
        if (!play_one(sc, ro, teams, (uint64_t)n + 1, logged, &commands, NULL))
            return false;
        n++;
    }
    double dt = cli_now() - start;
    long tq = (long)n * teams * sc->years * 4;
    printf("%-26s %8.1f games/s  (%d games in %.3f s; %ld commands, %.0f commands/s;"
           " %ld team-quarters, %.2f us each)\n",
           label, n / dt, n, dt, commands, (double)commands / dt, tq, dt * 1e6 / (double)tq);
    return true;
}

/* Parses every line of the log with cJSON (no decode into commands, no apply). */
static long parse_lines(const char *text, size_t len)
{
    long lines = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n) {
            cJSON *j = cJSON_ParseWithLength(p, n);
            lines += j != NULL;
            cJSON_Delete(j);
        }
        p += n + 1;
    }
    return lines;
}

/* Reads the log as a replay does, without simulating: every line parsed, the
 * header's scenario loaded, every command decoded (decode_only). */
static long decode_log(const char *text, size_t len)
{
    ShapanReplayOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.decode_only = true;
    ShapanReplay r;
    ShapanError e;
    memset(&e, 0, sizeof e);
    long commands = shapan_replay_text(text, len, &opt, &r, &e) == SHAPAN_OK ? r.commands : -1;
    shapan_replay_free(&r);
    return commands;
}

static bool bench_replay(const char *log, const BenchBudget *b)
{
    size_t len = strlen(log);
    int n = 0, commands = 0;
    double start = cli_now();
    while (more(b, n, start)) {
        ShapanReplay r;
        ShapanError e;
        memset(&e, 0, sizeof e);
        if (shapan_replay_text(log, len, NULL, &r, &e) != SHAPAN_OK) {
            fprintf(stderr, "bench: replay: %s: %s: %s\n", e.where, shapan_error_name(e.code),
                    e.message);
            shapan_replay_free(&r);
            return false;
        }
        commands = r.commands;
        shapan_replay_free(&r);
        n++;
    }
    double replay = (cli_now() - start) / n;
    long lines = 0;
    int m = 0;
    start = cli_now();
    while (more(b, m, start)) {
        lines = parse_lines(log, len);
        m++;
    }
    double parse = (cli_now() - start) / m;
    long decoded = 0;
    int d = 0;
    start = cli_now();
    while (more(b, d, start)) {
        decoded = decode_log(log, len);
        d++;
    }
    double decode = (cli_now() - start) / d;
    printf("%-26s %8.0f commands/s (%d commands, %zu bytes: %.3f ms per replay, %d runs)\n",
           "replay 27 teams, 5 years", commands / replay, commands, len, replay * 1e3, n);
    printf("%-26s %8.0f lines/s    (%ld lines: %.3f ms per parse = %.0f%% of the replay)\n",
           "parse only (cJSON)", (double)lines / parse, lines, parse * 1e3, 100.0 * parse / replay);
    printf("%-26s %8.0f commands/s (%ld commands: %.3f ms = %.0f%% of the replay; replay = "
           "%.2f x this)\n",
           "read: parse + decode", (double)decoded / decode, decoded, decode * 1e3,
           100.0 * decode / replay, replay / decode);
    return true;
}

static void bench_help(void)
{
    printf("usage: shapan-cli bench [--scenario S] [--games N] [--seconds S] [--rivals DIR]\n\n"
           "Measures, on the default scenario (scenarios/standard.json): all-AI games per\n"
           "second for 6 and 27 teams (profiles " BENCH_MIX " cycling; the\n"
           "order book is regenerated when the scenario is sized for another team count),\n"
           "the replay speed of a recorded 27-team game in commands per second, and the\n"
           "time to only parse that log (cJSON, every line, nothing applied), and to read\n"
           "it as a replay does without simulating: every line parsed, the header's\n"
           "scenario loaded, every command decoded; no world, no apply, no checkpoint.\n"
           "  --games N    games (and replays) per measurement (default 20)\n"
           "  --seconds S  instead: repeat each measurement for S seconds\n"
           "  --only M     one measurement: games6, logged6, games27, logged27, engine6\n"
           "               (six built-in idle rivals: the engine with rivals that cost\n"
           "               nothing) or replay\n"
           "               (to count its instructions alone: valgrind --tool=callgrind)\n");
}

/* The scenario with its order book sized for `teams` (regenerated, seed 1, if needed). */
static ShapanScenario *sized(const char *path, int teams)
{
    ShapanScenario *sc = cli_load_scenario(path);
    ShapanError e;
    memset(&e, 0, sizeof e);
    if (sc && sc->teams_sized_for != teams &&
        shapan_generate_orders(sc, teams, 1, &e) != SHAPAN_OK) {
        cli_print_error(stderr, path, &e);
        shapan_scenario_free(sc);
        return NULL;
    }
    return sc;
}

/* Six built-in idle rivals (sim/src/ai/idle.c): what the engine alone costs. */
static bool bench_engine(const ShapanScenario *sc, const BenchBudget *b)
{
    CliRoster idle;
    memset(&idle, 0, sizeof idle);
    snprintf(idle.rivals[0].name, sizeof idle.rivals[0].name, "idle");
    idle.rivals[0].rival = shapan_rival_find("idle");
    idle.n = idle.nseq = 1;
    return idle.rivals[0].rival && bench_games("6 built-in idle rivals", sc, &idle, 6, false, b);
}

static bool wanted(const char *only, const char *what) { return !only || !strcmp(only, what); }

int cli_bench(int argc, char **argv)
{
    const char *scen = "scenarios/standard.json", *rivals = NULL, *only = NULL;
    BenchBudget b = {20, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (cli_is_help(a)) {
            bench_help();
            return CLI_OK;
        }
        if (strcmp(a, "--scenario") && strcmp(a, "--games") && strcmp(a, "--seconds") &&
            strcmp(a, "--rivals") && strcmp(a, "--only"))
            return cli_usage_error("bench", "unexpected argument %s", a);
        if (!(v = cli_value(argc, argv, &i)))
            return CLI_USAGE;
        int secs = 0;
        if (!strcmp(a, "--scenario"))
            scen = v;
        else if (!strcmp(a, "--only")) {
            static const char *const names[] = {"games6",   "logged6", "games27",
                                                "logged27", "engine6", "replay"};
            bool known = false;
            for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
                known = known || !strcmp(v, names[k]);
            if (!known)
                return cli_usage_error("bench",
                                       "--only: expected games6, logged6, games27, "
                                       "logged27, engine6 or replay, got %s",
                                       v);
            only = v;
        } else if (!strcmp(a, "--rivals"))
            rivals = v;
        else if (!strcmp(a, "--games") && !cli_parse_int(v, 1, 1000000, &b.games))
            return cli_usage_error("bench", "--games: expected 1..1000000, got %s", v);
        else if (!strcmp(a, "--seconds")) {
            if (!cli_parse_int(v, 1, 3600, &secs))
                return cli_usage_error("bench", "--seconds: expected 1..3600, got %s", v);
            b.seconds = secs;
        }
    }
    CliRoster ro;
    int rc = cli_roster_parse("bench", BENCH_MIX, scen, rivals, &ro);
    if (rc != CLI_OK) {
        cli_roster_free(&ro);
        return rc;
    }
    ShapanScenario *sc6 = sized(scen, 6), *sc27 = sc6 ? sized(scen, 27) : NULL;
    int status = sc27 ? CLI_OK : CLI_REJECTED;
    char *log = NULL;
    if (status == CLI_OK) {
        printf("bench: %s, profiles " BENCH_MIX " cycling\n", scen);
        if ((wanted(only, "games6") &&
             !bench_games("all-AI games, 6 teams", sc6, &ro, 6, false, &b)) ||
            (wanted(only, "logged6") &&
             !bench_games("  the same, logged", sc6, &ro, 6, true, &b)) ||
            (wanted(only, "games27") &&
             !bench_games("all-AI games, 27 teams", sc27, &ro, 27, false, &b)) ||
            (wanted(only, "logged27") &&
             !bench_games("  the same, logged", sc27, &ro, 27, true, &b)) ||
            (wanted(only, "engine6") && !bench_engine(sc6, &b)))
            status = CLI_REJECTED;
    }
    long dummy = 0;
    if (status == CLI_OK && wanted(only, "replay") &&
        (!play_one(sc27, &ro, 27, 1, true, &dummy, &log) || !log || !bench_replay(log, &b)))
        status = CLI_REJECTED;
    free(log);
    shapan_scenario_free(sc6);
    shapan_scenario_free(sc27);
    cli_roster_free(&ro);
    return status;
}
