/* Rivals are players (STYLE.md habit 11): they see only the public views and
 * their own board, their commands are their own team's, the same seed gives the
 * same game, every shipped profile loads, and an all-profile game ends. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meetutil.h"
#include "playutil.h"

#include "shapan/game.h"
#include "shapan/report.h"

#define MIX_N 6
static const char *const MIX[MIX_N] = {"expert",   "aggressive", "balanced",
                                       "cautious", "idle",       "balanced"};

/* The standard scenario (its book is sized for 6 teams). */
static ShapanScenario *standard(void) { return pu_scenario("standard.json", 0); }

/* --- (a) no cheating ------------------------------------------------------------------ */

static void test_views_are_private(void **state)
{
    (void)state;
    ShapanScenario *sc = tu_load_standard();
    static const MuOrder book[] = {{"A1", 2, "local", "P1", 2, 100, 4, 0, 0, false}};
    mu_book(sc, book, 1);
    ShapanWorld *w = tu_world(sc, 2);
    /* a board is only ever its owner's */
    assert_non_null(shapan_view_own(w, 1));
    assert_null(shapan_view_own(w, 0));
    assert_null(shapan_view_own(w, 3));
    /* spying: nothing until paid for, then a snapshot of that moment, for the payer only */
    assert_null(shapan_view_spied(w, 1, 2));
    assert_null(shapan_view_spied(w, 2, 1));
    TU_OK(w, "{'cmd':'spy','team':1,'target':2}");
    const ShapanTeam *seen = shapan_view_spied(w, 1, 2);
    assert_non_null(seen);
    int64_t cash_seen = seen->cash;
    assert_int_equal(cash_seen, tu_cash(w, 2));
    assert_null(shapan_view_spied(w, 2, 1));

    /* ads: hidden until the meeting starts (every live team has submitted) */
    mu_year1(w, 1, "P1", "local", "");
    mu_year1(w, 2, "P1", "local", "");
    int m = tu_market(w, "local"), p = tu_product(w, "P1");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':20}]}");
    assert_false(shapan_meeting_open(w));
    assert_int_equal(shapan_view_ad(w, 1, m, p), 0);
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[{'market':'local','product':'P1','amount':10}]}");
    assert_true(shapan_meeting_open(w));
    assert_int_equal(shapan_view_ad(w, 1, m, p), 20);
    assert_int_equal(shapan_view_ad(w, 2, m, p), 10);
    /* the spied board stays the snapshot of year 1 */
    seen = shapan_view_spied(w, 1, 2);
    assert_non_null(seen);
    assert_int_equal(seen->cash, cash_seen);
    assert_int_equal(seen->year, 1);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* Every command a rival decides is for its own team (the runner also refuses others). */
typedef struct {
    long seen, accepted;
    int wrong_team;
} Watch;

static void watch(void *ctx, int team, const ShapanCommand *c, ShapanErrorCode rc)
{
    Watch *wt = ctx;
    wt->seen++;
    wt->accepted += rc == SHAPAN_OK;
    if (c->team != team && !wt->wrong_team)
        wt->wrong_team = team;
}

static ShapanGame *mix_game(const ShapanScenario *sc, ShapanProfile **profiles, uint64_t seed)
{
    ShapanController ctrl[MIX_N];
    memset(ctrl, 0, sizeof ctrl);
    for (int t = 0; t < MIX_N; t++)
        ctrl[t].profile = profiles[t];
    ShapanError e;
    ShapanGame *g = shapan_game_create(sc, seed, MIX_N, ctrl, &e);
    if (!g)
        fail_msg("game: %s: %s", e.where, e.message);
    return g;
}

static void load_mix(ShapanProfile **out)
{
    for (int t = 0; t < MIX_N; t++)
        out[t] = pu_profile(MIX[t]);
}

static void free_mix(ShapanProfile **p)
{
    for (int t = 0; t < MIX_N; t++)
        shapan_profile_free(p[t]);
}

static void play_ok(ShapanGame *g)
{
    ShapanError e;
    memset(&e, 0, sizeof e);
    int human = -1;
    ShapanErrorCode rc = shapan_game_play(g, 5000000, &human, &e);
    if (rc != SHAPAN_OK)
        fail_msg("%s: %s: %s", e.where, shapan_error_name(e.code), e.message);
    assert_int_equal(human, 0);
    assert_true(shapan_world_over(shapan_game_world(g)));
}

/* An unlogged game (tournaments, benchmarks: every rival's undo off, so its
 * commands run without undo snapshots) plays the same game as a logged one: the
 * same commands accepted and the same world at the end. */
static void test_unlogged_same_game(void **state)
{
    (void)state;
    ShapanScenario *sc = standard();
    ShapanProfile *pr[MIX_N];
    load_mix(pr);
    ShapanController ctrl[MIX_N];
    memset(ctrl, 0, sizeof ctrl);
    for (int t = 0; t < MIX_N; t++)
        ctrl[t].profile = pr[t];
    for (uint64_t seed = 1; seed <= 3; seed++) {
        ShapanGame *logged = mix_game(sc, pr, seed);
        ShapanError e;
        ShapanGame *bare = shapan_game_create_unlogged(sc, seed, MIX_N, ctrl, &e);
        assert_non_null(bare);
        assert_null(shapan_game_recorder(bare));
        play_ok(logged);
        play_ok(bare);
        assert_true(shapan_game_commands(logged) > 1000);
        assert_int_equal(shapan_game_commands(bare), shapan_game_commands(logged));
        assert_true(shapan_world_hash(shapan_game_world(bare)) ==
                    shapan_world_hash(shapan_game_world(logged)));
        shapan_game_destroy(logged);
        shapan_game_destroy(bare);
    }
    free_mix(pr);
    shapan_scenario_free(sc);
}

static void test_commands_are_own_team(void **state)
{
    (void)state;
    ShapanScenario *sc = standard();
    ShapanProfile *pr[MIX_N];
    load_mix(pr);
    ShapanGame *g = mix_game(sc, pr, 3);
    Watch wt = {0, 0, 0};
    shapan_game_observe(g, watch, &wt);
    play_ok(g);
    assert_int_equal(wt.wrong_team, 0);
    assert_true(wt.accepted > 100);
    assert_int_equal(wt.accepted, shapan_game_commands(g));
    /* and the log holds exactly the accepted commands: it replays to the same state */
    size_t len = 0;
    const char *text = shapan_recorder_text(shapan_game_recorder(g), &len);
    ShapanReplay r;
    ShapanError e;
    assert_int_equal(shapan_replay_text(text, len, NULL, &r, &e), SHAPAN_OK);
    assert_int_equal(r.commands, (int)wt.accepted);
    assert_true(shapan_world_hash(r.world) == shapan_world_hash(shapan_game_world(g)));
    shapan_replay_free(&r);
    shapan_game_destroy(g);
    free_mix(pr);
    shapan_scenario_free(sc);
}

/* A rival can't see another team's private board: two copies of the same rival,
 * one deciding on the real world and one on a copy in which team 2 has just
 * bought a unit of material (cash and stock: private), decide the same command
 * at every step of a game. */
static void test_decisions_ignore_private_boards(void **state)
{
    (void)state;
    ShapanScenario *sc = standard();
    enum { N = 3 };
    const char *names[N] = {"expert", "balanced", "aggressive"};
    ShapanProfile *pr[N];
    for (int i = 0; i < N; i++)
        pr[i] = pu_profile(names[i]);
    ShapanError e;
    ShapanWorld *w = shapan_world_create(sc, 5, N, &e);
    assert_non_null(w);
    ShapanAi ai[N], twin;
    for (int t = 1; t <= N; t++)
        assert_true(
            shapan_ai_start_profile(&ai[t - 1], pr[t - 1], w, t, shapan_game_rival_seed(5, t)));
    assert_true(shapan_ai_start_profile(&twin, pr[0], w, 1, shapan_game_rival_seed(5, 1)));
    int compared = 0, steps = 0;
    for (bool moved = true; moved && !shapan_world_over(w) && steps < 100000;) {
        moved = false;
        for (int t = 1; t <= N; t++) {
            ShapanCommand c;
            if (t == 1) {
                ShapanWorld *copy = shapan_world_clone(w);
                assert_non_null(copy);
                ShapanCommand buy = shapan_cmd_simple(SHAPAN_CMD_EMERGENCY_BUY, 2);
                buy.items[0] = 1;
                bool changed = shapan_cmd_apply(copy, &buy, &e) == SHAPAN_OK;
                ShapanCommand d;
                bool a = shapan_ai_decide(&ai[0], w, &c);
                bool b = shapan_ai_decide(&twin, changed ? copy : w, &d);
                assert_int_equal(a, b);
                if (a) {
                    char *ja = shapan_cmd_to_json(sc, &c, 0), *jb = shapan_cmd_to_json(sc, &d, 0);
                    if (strcmp(ja, jb))
                        fail_msg("step %d: %s on the world, %s on the copy", steps, ja, jb);
                    free(ja);
                    free(jb);
                    compared += changed;
                }
                shapan_world_destroy(copy);
                if (!a)
                    continue;
            } else if (!shapan_ai_decide(&ai[t - 1], w, &c)) {
                continue;
            }
            assert_int_equal(c.team, t);
            ShapanErrorCode rc = shapan_cmd_apply(w, &c, &e);
            shapan_ai_feedback(&ai[t - 1], &c, rc);
            if (t == 1)
                shapan_ai_feedback(&twin, &c, rc);
            if (rc == SHAPAN_OK) {
                moved = true;
                steps++;
            }
        }
    }
    assert_true(shapan_world_over(w));
    assert_true(compared > 50);
    for (int t = 0; t < N; t++)
        shapan_ai_stop(&ai[t]);
    shapan_ai_stop(&twin);
    shapan_world_destroy(w);
    for (int i = 0; i < N; i++)
        shapan_profile_free(pr[i]);
    shapan_scenario_free(sc);
}

/* --- (b) determinism ------------------------------------------------------------------ */

static void test_same_seed_same_game(void **state)
{
    (void)state;
    ShapanScenario *sc = standard();
    ShapanProfile *pr[MIX_N];
    load_mix(pr);
    uint64_t h[2];
    char *text[2];
    for (int i = 0; i < 2; i++) {
        ShapanGame *g = mix_game(sc, pr, 11);
        play_ok(g);
        h[i] = shapan_world_hash(shapan_game_world(g));
        size_t len = 0;
        const char *t = shapan_recorder_text(shapan_game_recorder(g), &len);
        text[i] = malloc(len + 1);
        assert_non_null(text[i]);
        memcpy(text[i], t, len + 1);
        shapan_game_destroy(g);
    }
    assert_true(h[0] == h[1]);
    assert_string_equal(text[0], text[1]);
    free(text[0]);
    free(text[1]);
    /* rival seeds differ per team and per game seed */
    assert_true(shapan_game_rival_seed(11, 1) != shapan_game_rival_seed(11, 2));
    assert_true(shapan_game_rival_seed(11, 1) != shapan_game_rival_seed(12, 1));
    assert_true(shapan_game_rival_seed(11, 1) == shapan_game_rival_seed(11, 1));
    free_mix(pr);
    shapan_scenario_free(sc);
}

/* --- (c) every shipped profile loads --------------------------------------------------- */

static void test_every_profile_loads(void **state)
{
    (void)state;
    DIR *d = opendir(tu_path("scenarios/rivals"));
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json"))
            continue;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(len - 5), e->d_name);
        ShapanProfile *p = pu_profile(name);
        assert_string_equal(shapan_profile_name(p), name); /* file name = profile id */
        shapan_profile_free(p);
        n++;
    }
    closedir(d);
    assert_true(n >= 5);
    /* the built-in idle rival is there for a name with no file */
    assert_non_null(shapan_rival_find("idle"));
    assert_null(shapan_rival_find("no-such-rival"));
}

/* --- (d) an all-profile game ends, and idle is last ------------------------------------- */

static void test_mix_game_idle_last(void **state)
{
    (void)state;
    ShapanScenario *sc = standard();
    ShapanProfile *pr[MIX_N];
    load_mix(pr);
    ShapanGame *g = mix_game(sc, pr, 1);
    play_ok(g);
    const ShapanWorld *w = shapan_game_world(g);
    int order[SHAPAN_MAX_TEAMS];
    int n = shapan_ranking(w, order);
    assert_int_equal(n, MIX_N);
    for (int i = 0; i < n; i++)
        print_message("rank %d: team %d (%s)%s\n", i + 1, order[i], MIX[order[i] - 1],
                      shapan_view_bankrupt(w, order[i], NULL, NULL) ? " bankrupt" : "");
    const char *last = MIX[order[n - 1] - 1];
    shapan_game_destroy(g); /* before the verdict: a failure leaks nothing */
    free_mix(pr);
    shapan_scenario_free(sc);
    assert_string_equal(last, "idle");
}

/* A human seat stops the game where the human must act; nobody else is blocked forever. */
static void test_human_seat_stops(void **state)
{
    (void)state;
    ShapanScenario *sc = standard();
    ShapanProfile *p = pu_profile("balanced");
    ShapanController ctrl[2] = {{NULL, NULL, "小王"}, {p, NULL, NULL}};
    ShapanError e;
    ShapanGame *g = shapan_game_create(sc, 1, 2, ctrl, &e);
    assert_non_null(g);
    assert_true(shapan_game_is_human(g, 1));
    assert_false(shapan_game_is_human(g, 2));
    assert_string_equal(shapan_game_teams(g)[0].controller, "human");
    assert_string_equal(shapan_game_teams(g)[0].name, "小王");
    assert_string_equal(shapan_game_teams(g)[1].controller, "ai:balanced");
    int human = 0;
    assert_int_equal(shapan_game_play(g, 100000, &human, &e), SHAPAN_OK);
    assert_int_equal(human, 1);
    /* the human concedes: the rival plays to the end */
    ShapanCommand c = shapan_cmd_simple(SHAPAN_CMD_CONCEDE, 1);
    assert_int_equal(shapan_recorder_apply(shapan_game_recorder(g), &c, &e), SHAPAN_OK);
    assert_int_equal(shapan_game_play(g, 5000000, &human, &e), SHAPAN_OK);
    assert_int_equal(human, 0);
    assert_true(shapan_world_over(shapan_game_world(g)));
    shapan_game_destroy(g);
    shapan_profile_free(p);
    shapan_scenario_free(sc);
}

/* A rival that only ever proposes a refused command, and one that speaks for
 * another team: the runner stops and names the team. */
static bool stuck_decide(void *st, const ShapanWorld *w, int team, ShapanCommand *out)
{
    (void)st;
    (void)w;
    *out = shapan_cmd_simple(SHAPAN_CMD_UNDO, team); /* nothing to undo: E_NOTHING */
    return true;
}

static bool impostor_decide(void *st, const ShapanWorld *w, int team, ShapanCommand *out)
{
    (void)st;
    (void)w;
    *out = shapan_cmd_simple(SHAPAN_CMD_CONCEDE, team == 1 ? 2 : 1);
    return true;
}

static void test_deadlock_and_impostor_named(void **state)
{
    (void)state;
    ShapanScenario *sc = standard();
    ShapanRival stuck = {"stuck", "test", NULL, NULL, stuck_decide, NULL};
    ShapanRival impostor = {"impostor", "test", NULL, NULL, impostor_decide, NULL};
    ShapanController ctrl[2] = {{NULL, shapan_rival_find("idle"), NULL}, {NULL, &stuck, NULL}};
    ShapanError e;
    ShapanGame *g = shapan_game_create(sc, 1, 2, ctrl, &e);
    assert_non_null(g);
    memset(&e, 0, sizeof e);
    assert_int_equal(shapan_game_play(g, 100000, NULL, &e), SHAPAN_E_WAIT);
    print_message("%s: %s\n", e.where, e.message);
    assert_non_null(strstr(e.where, "team 2 (stuck)"));
    assert_non_null(strstr(e.message, "E_NOTHING"));
    shapan_game_destroy(g);

    ctrl[1].rival = &impostor;
    g = shapan_game_create(sc, 1, 2, ctrl, &e);
    assert_non_null(g);
    assert_int_equal(shapan_game_play(g, 100000, NULL, &e), SHAPAN_E_INTERNAL);
    assert_non_null(strstr(e.message, "team 2 (impostor)"));
    assert_int_equal(shapan_world_seq(shapan_game_world(g)) > 0, true);
    assert_false(shapan_view_bankrupt(shapan_game_world(g), 1, NULL, NULL));
    shapan_game_destroy(g);
    shapan_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_views_are_private),
        cmocka_unit_test(test_commands_are_own_team),
        cmocka_unit_test(test_unlogged_same_game),
        cmocka_unit_test(test_decisions_ignore_private_boards),
        cmocka_unit_test(test_same_seed_same_game),
        cmocka_unit_test(test_every_profile_loads),
        cmocka_unit_test(test_human_seat_stops),
        cmocka_unit_test(test_deadlock_and_impostor_named),
        cmocka_unit_test(test_mix_game_idle_last),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
