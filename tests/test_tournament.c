/* The strength order of the shipped profiles, from a seeded tournament of 1,000
 * six-team games on the default scenario (the pairing rule of docs/tournament.md;
 * every game a fresh order book): expert beats aggressive and balanced, those beat
 * cautious, cautious beats idle, each in at least 70 % of the games where both
 * appear (best-placed team against best-placed team); balanced goes bankrupt in
 * fewer than 25 % of its teams; and idle ranks last in every game (every idle team
 * below every other).  A seeded simulation, not a timed test: the numbers are the
 * same on every run.  Other seeds still have games where idle is not last (seed
 * 1001: 3 of 1,000; docs/tournament.md). */
#include <stdio.h>
#include <string.h>

#include "playutil.h"

#include "shapan/game.h"
#include "shapan/report.h"

#define GAMES 1000
#define TEAMS 6

typedef struct {
    int idle_games; /* games with an idle team */
    int idle_last;  /* of those, games where every idle team ranks below every other */
} IdleWatch;

static bool on_game(void *ctx, int game, uint64_t seed, const ShapanWorld *w,
                    const ShapanTeamInfo *teams, const int *seat_profile)
{
    (void)game;
    (void)seed;
    (void)teams;
    IdleWatch *iw = ctx;
    int order[SHAPAN_MAX_TEAMS];
    int n = shapan_ranking(w, order);
    int nidle = 0;
    for (int i = 0; i < n; i++)
        nidle += seat_profile[order[i] - 1] == IDLE;
    if (!nidle)
        return true;
    iw->idle_games++;
    bool last = true;
    for (int i = n - nidle; i < n; i++)
        last = last && seat_profile[order[i] - 1] == IDLE;
    iw->idle_last += last;
    return true;
}

/* a beats b in at least 70 % of their common games */
static bool beats(const ShapanTournamentStats *st, int a, int b)
{
    const ShapanTournamentStats *s = &st[a];
    bool ok = s->met[b] > 0 && s->above[b] * 100 >= 70 * s->met[b];
    print_message("%-10s above %-10s in %4d of %4d games (%5.1f %%)%s\n", PU_PROFILES[a],
                  PU_PROFILES[b], s->above[b], s->met[b],
                  s->met[b] ? 100.0 * s->above[b] / s->met[b] : 0.0, ok ? "" : "   < 70 %");
    return ok;
}

static void test_strength_order(void **state)
{
    (void)state;
    IdleWatch iw = {0, 0};
    ShapanTournamentStats st[NPROF];
    pu_tournament(0, GAMES, TEAMS, 1, on_game, &iw, st);

    for (int p = 0; p < NPROF; p++)
        print_message("%-10s games %4d teams %4d mean score %7.1f bankrupt %5.1f %%\n",
                      PU_PROFILES[p], st[p].games, st[p].seats,
                      st[p].seats ? (double)st[p].score_sum / st[p].seats : 0.0,
                      st[p].seats ? 100.0 * st[p].bankrupt / st[p].seats : 0.0);
    bool ok = beats(st, EXPERT, AGGRESSIVE);
    ok = beats(st, EXPERT, BALANCED) && ok;
    ok = beats(st, AGGRESSIVE, CAUTIOUS) && ok;
    ok = beats(st, BALANCED, CAUTIOUS) && ok;
    ok = beats(st, CAUTIOUS, IDLE) && ok;
    bool solvent = st[BALANCED].bankrupt * 100 < 25 * st[BALANCED].seats;
    print_message("balanced bankrupt in %d of %d teams%s\n", st[BALANCED].bankrupt,
                  st[BALANCED].seats, solvent ? "" : "   >= 25 %");
    print_message("idle last in %d of %d games%s\n", iw.idle_last, iw.idle_games,
                  iw.idle_last == iw.idle_games ? "" : "   (must be every game)");
    assert_true(iw.idle_games > 0);
    assert_true(ok);
    assert_true(solvent);
    assert_int_equal(iw.idle_last, iw.idle_games);
}

/* The pairing rule itself: seat s of game g is profile (g + s) mod P. */
static void test_pairing_rule(void **state)
{
    (void)state;
    assert_int_equal(shapan_tournament_seat(0, 0, 5), 0);
    assert_int_equal(shapan_tournament_seat(0, 5, 5), 0);
    assert_int_equal(shapan_tournament_seat(3, 4, 5), 2);
    assert_int_equal(shapan_tournament_seat(7, 0, 3), 1);
    /* over P consecutive games every profile sits in every seat once */
    for (int s = 0; s < TEAMS; s++) {
        int seen[NPROF] = {0};
        for (int g = 0; g < NPROF; g++)
            seen[shapan_tournament_seat(g, s, NPROF)]++;
        for (int p = 0; p < NPROF; p++)
            assert_int_equal(seen[p], 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairing_rule),
        cmocka_unit_test(test_strength_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
