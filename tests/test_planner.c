/* Planner behaviours, each pinned by the tournament game that showed it (seed 1,
 * the test seed, unless named; docs/tournament.md): bids of the open bid group
 * count as committed units (plan_board.c, rivals.md "Bid orders"), the last
 * quarter keeps no cash reserve and buys on an exact score gain (plan_endgame.c),
 * the last year's first repayment is paid by the reserve or carried by that
 * year's long-loan window (plan_moves.c), and expert's survival floor covers the
 * last three years (scenarios/rivals/expert.json, plan_shrink.c).
 *
 * Game g of a tournament with seed S plays seed S + g, seat s held by profile
 * (g + s) mod P (shapan_tournament_seat), with a fresh order book generated from
 * that seed.  A one-game tournament with seed S + g and the profile list rotated
 * by g plays the same game, so the tests run only the games they look at. */
#include <stdio.h>
#include <string.h>

#include "playutil.h"

#include "shapan/game.h"

#define TEAMS 6

typedef struct {
    int rotate;         /* the game's g mod P: list entry p is profile (p + rotate) mod P */
    int profile[TEAMS]; /* per seat, an index into PU_PROFILES */
    int64_t score[TEAMS];
    int64_t cash[TEAMS];  /* closing cash */
    int64_t loss5[TEAMS]; /* year 5's loss line (default penalties among it) */
    int penalties[TEAMS]; /* default penalties paid over the game */
    int64_t longs[TEAMS]; /* long-loan principal outstanding at the end */
} Result;

/* A revoked order's penalty is the only loss paid in cash against an order
 * (stages.c year end); the emergency premium's detail is -1 and sale losses are
 * posted against the asset, not paid. */
static int default_penalties(const ShapanWorld *w, int team)
{
    int n = 0, pen = 0;
    const ShapanEntry *le = shapan_ledger(w, team, &n);
    for (int i = 0; i < n; i++)
        pen +=
            le[i].debit == SHAPAN_ACC_LOSS && le[i].credit == SHAPAN_ACC_CASH && le[i].detail >= 0;
    return pen;
}

static bool on_game(void *ctx, int game, uint64_t seed, const ShapanWorld *w,
                    const ShapanTeamInfo *teams, const int *seat_profile)
{
    (void)game;
    (void)seed;
    (void)teams;
    Result *r = ctx;
    for (int s = 0; s < TEAMS; s++) {
        int t = s + 1;
        int64_t potential = 0;
        r->profile[s] = (seat_profile[s] + r->rotate) % NPROF;
        r->score[s] = -1; /* bankrupt */
        shapan_team_score(w, t, &r->score[s], &potential);
        r->cash[s] = shapan_view_own(w, t)->cash;
        ShapanStatement st;
        shapan_statement(w, t, 5, &st);
        r->loss5[s] = st.expenses[SHAPAN_EXP_LOSS];
        r->penalties[s] = default_penalties(w, t);
        const ShapanTeam *team = shapan_view_own(w, t);
        for (int i = 0; i < team->nloans; i++)
            r->longs[s] += team->loans[i].is_short ? 0 : team->loans[i].principal;
    }
    return true;
}

/* Plays game g of the seed-`base` tournament of the five shipped profiles, six
 * teams on the standard scenario (test_tournament.c's field), and fills r. */
static void play_seed(uint64_t base, int g, Result *r)
{
    memset(r, 0, sizeof *r);
    r->rotate = g % NPROF;
    ShapanTournamentStats st[NPROF];
    pu_tournament(r->rotate, 1, TEAMS, base + (uint64_t)g, on_game, r, st);
}

/* Game g of the seed-1 tournament (the test seed). */
static void play(int g, Result *r) { play_seed(1, g, r); }

/* play_seed(base, g) for a game whose seats 1 and 6 both hold `profile` (the two
 * copies). */
static void play_pair_seed(uint64_t base, int g, int profile, Result *r)
{
    play_seed(base, g, r);
    assert_int_equal(r->profile[0], profile);
    assert_int_equal(r->profile[5], profile);
}

static void play_pair(int g, int profile, Result *r) { play_pair_seed(1, g, profile, r); }

/* Every planning team scores above idle's 395. */
static void assert_above_idle(const Result *r)
{
    for (int s = 0; s < TEAMS; s++)
        if (r->profile[s] != IDLE)
            assert_true(r->score[s] > 395);
}

/* Game 880, seating expert, aggressive, balanced, cautious, idle, expert.  Team 6,
 * the weaker expert, held a pick of 5 P2 due in Q2 of year 5 and won two Q1 bids
 * of the same group (3 and 2 P2) on top of it, each checked alone against its
 * held orders: the pick was revoked at year end, 63 W of penalty, score 372.  With
 * the group's bids counted as committed it offers the second bid for Q4, delivers
 * all three and scores 724 (713 on the bid fix alone). */
static void test_bid_group_committed_game_880(void **state)
{
    (void)state;
    Result r;
    play_pair(880, EXPERT, &r);
    for (int s = 0; s < TEAMS; s++) {
        print_message("team %d %-10s score %5lld cash %4lld year-5 loss %3lld penalties %d\n",
                      s + 1, PU_PROFILES[r.profile[s]], (long long)r.score[s], (long long)r.cash[s],
                      (long long)r.loss5[s], r.penalties[s]);
        if (r.profile[s] != EXPERT)
            continue;
        assert_int_equal(r.penalties[s], 0);
        assert_int_equal(r.loss5[s], 0);
    }
    assert_true(r.score[5] >= 700);
}

/* The same over the first 20 games of the tournament: no team of any profile pays
 * a default penalty.  Before the fix four did (games 1, 9, 17 and 18; 121 over the
 * 1,000 games).  Not a law: four expert penalties are left in the 1,000 games
 * (230, 354, 590, 863), so this pins the games where there are none. */
static void test_no_default_penalty_first_games(void **state)
{
    (void)state;
    for (int g = 0; g < 20; g++) {
        Result r;
        play(g, &r);
        for (int s = 0; s < TEAMS; s++)
            if (r.penalties[s])
                fail_msg("game %d team %d (%s): %d default penalties", g, s + 1,
                         PU_PROFILES[r.profile[s]], r.penalties[s]);
    }
}

/* Game 618, seating cautious, idle, expert, aggressive, balanced, cautious.  Team 1,
 * the weaker cautious, kept its 150 W reserve at Y5Q4 S3 and bought three small
 * plants (6 points) with the 313 W above it, ending with 348 W unspent and a score
 * of 378.  With no reserve in the last quarter and points bought on the exact gain
 * at the projected closing equity it scored 388 and ended with 172 W, still below
 * idle's 395.  In Q4 of year 4 its reserve now pays the first repayment of year 5
 * (borrowed back there at no cost within the game) instead of a 150 W loan whose
 * interest year 5 paid: year 5's finance 40 -> 32 W, score 401 (closing cash 180 W),
 * and every team above idle. */
static void test_last_year_reserve_game_618(void **state)
{
    (void)state;
    Result r;
    play_pair(618, CAUTIOUS, &r);
    print_message("team 1 cautious score %lld closing cash %lld\n", (long long)r.score[0],
                  (long long)r.cash[0]);
    assert_int_equal(r.score[0], 401);
    assert_true(r.cash[0] <= 200);
    assert_above_idle(&r);
}

/* Game 170, seating expert, aggressive, balanced, cautious, idle, expert.  Team 6,
 * the stronger expert, carried 1,860 W of short debt into year 5: its Y4Q4 loan of
 * 750 W held the Y5Q1 repayment in cash (5 % of it paid in year 5), and it ended
 * with 30 W of long debt and 1,790.  Now the last year's long-loan window carries
 * that repayment (its Q4 loan 280 W, a 360 W long loan at the window, due after the
 * game) and it scores 2,168.  Decided afresh at every step, the window's test came
 * out differently in S5 than in S1: team 6 found its Asia instalment unaffordable,
 * lost the Asia cells of year 5 (1,253), and team 1 ended at 353, below idle; the
 * decision is now kept for the quarter. */
static void test_last_year_window_game_170(void **state)
{
    (void)state;
    Result r;
    play_pair(170, EXPERT, &r);
    print_message("team 6 expert score %lld long debt %lld\n", (long long)r.score[5],
                  (long long)r.longs[5]);
    assert_true(r.longs[5] >= 300);
    assert_true(r.score[5] >= 2000);
    assert_above_idle(&r);
}

/* Game 520 of the seed-4001 tournament (seed 4521), seating expert, aggressive,
 * balanced, cautious, idle, expert.  Team 1, the weaker expert, lost 186 W in
 * year 3 (revenue 494 W) and still paid its Asia instalment and built its fifth
 * line in Y3Q3; years 4 and 5 lost 181 and 174 W, it sold its plant in year 5
 * (厂房贴现) and scored 244, below idle.  With expert's survival floor over the
 * last three years (floor_years 3) its score heading below idle's + 30 % holds
 * both back in year 3: it keeps its plant, year 5 loses 82 W, and it scores 464. */
static void test_expert_floor_year_3_game_4001_520(void **state)
{
    (void)state;
    Result r;
    play_pair_seed(4001, 520, EXPERT, &r);
    print_message("team 1 expert score %lld\n", (long long)r.score[0]);
    assert_int_equal(r.score[0], 464);
    assert_above_idle(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bid_group_committed_game_880),
        cmocka_unit_test(test_no_default_penalty_first_games),
        cmocka_unit_test(test_last_year_reserve_game_618),
        cmocka_unit_test(test_last_year_window_game_170),
        cmocka_unit_test(test_expert_floor_year_3_game_4001_520),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
