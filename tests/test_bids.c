/* Bid orders (RULES.md §4b) on the default scenario with hand-made books: groups of
 * 3 in book order, who may answer (market, ISO, win limit checked between groups
 * only), price bounds, the exact score, ties, the fee (booked as ads), a winner that
 * can't pay, and the cash needed for open bids. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meetutil.h"

#define BID "{'cmd':'bid','team':%d,'order':'%s','price':%d,'delivery':%d,'term':%d}"
#define DECLINE "{'cmd':'decline','team':%d,'order':'%s'}"

/* Five teams: 1-3 hold local, 4 holds regional, 5 holds nothing.  Year 2 has 4 bid
 * orders, so the win limit is half_up(3 x 4 / 5) = 2. */
static const MuOrder BOOK[] = {
    {"G1", 2, "local", "P1", 2, 0, 0, 0, 0, true},
    {"X1", 2, "local", "P1", 1, 40, 4, 0, 0, false}, /* a pick order between bid orders */
    {"G2", 2, "local", "P1", 1, 0, 0, 0, 0, true},
    {"H0", 3, "local", "P1", 1, 0, 0, 0, 0, true}, /* another year's bid order */
    {"G3", 2, "local", "P2", 1, 0, 0, 0, 0, true},
    {"G4", 2, "local", "P1", 1, 0, 0, 0, 0, true},
};

static void assert_group(const ShapanWorld *w, const char *const *ids, int n)
{
    int got[8];
    int k = shapan_meeting_bid_group(w, got, 8);
    assert_int_equal(k, n);
    for (int i = 0; i < n; i++)
        assert_int_equal(got[i], tu_order(w, ids[i]));
}

static const ShapanHeld *held(const ShapanWorld *w, int team, const char *order)
{
    const ShapanTeam *t = tu_team(w, team);
    for (int i = 0; i < t->nheld; i++)
        if (t->held[i].order == tu_order(w, order))
            return &t->held[i];
    return NULL;
}

/* Everything up to the open second group (order G4).  With `all3` team 1 wins all
 * of group 1 (3 wins > limit 2); without, team 3 takes G3 and team 1 stays at 2. */
static ShapanWorld *to_second_group(const ShapanScenario *sc, bool all3)
{
    ShapanWorld *w = tu_world(sc, 5);
    const char *markets[5] = {"local", "local", "local", "regional", ""};
    for (int t = 1; t <= 5; t++)
        mu_year1(w, t, "P1", markets[t - 1], "");
    assert_int_equal(tu_cash(w, 2), 597);
    /* team 2 spends all but 25 on one ad: room for two open bids, not three */
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[{'market':'local','product':'P1','amount':572}]}");
    for (int t = 1; t <= 5; t++)
        if (t != 2)
            TU_OK(w, "{'cmd':'ads','team':%d,'bids':[]}", t);
    /* bids wait for the cells */
    TU_FAIL(w, SHAPAN_E_STAGE, BID, 1, "G1", 48, 2, 1);
    assert_int_equal(shapan_meeting_bid_group(w, (int[8]){0}, 8), 0);
    TU_OK(w, "{'cmd':'pick','team':2,'order':'X1'}");

    /* group 1: the first three bid orders of the year, in book order */
    assert_group(w, (const char *[]){"G1", "G2", "G3"}, 3);
    assert_true(shapan_meeting_open(w));
    assert_true(shapan_meeting_bid_pending(w, 1, tu_order(w, "G1")));
    assert_false(shapan_meeting_bid_pending(w, 4, tu_order(w, "G1"))); /* no local */
    assert_false(shapan_meeting_bid_pending(w, 5, tu_order(w, "G1")));
    TU_FAIL(w, SHAPAN_E_NO_CERT, BID, 4, "G1", 48, 2, 1);
    TU_FAIL(w, SHAPAN_E_NO_CERT, DECLINE, 5, "G1");
    TU_FAIL(w, SHAPAN_E_STAGE, BID, 1, "H0", 20, 2, 1);
    TU_FAIL(w, SHAPAN_E_STAGE, BID, 1, "G4", 20, 2, 1);
    TU_FAIL(w, SHAPAN_E_STAGE, BID, 1, "X1", 20, 2, 1);
    /* price from 16 x 2 = 32 to 3 x 32 = 96; delivery 1-4; term 0-4 */
    TU_FAIL(w, SHAPAN_E_AMOUNT, BID, 1, "G1", 31, 2, 1);
    TU_FAIL(w, SHAPAN_E_AMOUNT, BID, 1, "G1", 97, 2, 1);
    TU_FAIL(w, SHAPAN_E_RANGE, BID, 1, "G1", 48, 0, 1);
    TU_FAIL(w, SHAPAN_E_RANGE, BID, 1, "G1", 48, 5, 1);
    TU_FAIL(w, SHAPAN_E_RANGE, BID, 1, "G1", 48, 2, 5);

    /* G1: 95 each (100 + 3 x 2 + 1 - 8 x 48 / 32); the earlier bid wins the tie */
    TU_OK(w, BID, 1, "G1", 48, 2, 1);
    TU_FAIL(w, SHAPAN_E_ONCE, BID, 1, "G1", 50, 2, 1);
    TU_FAIL(w, SHAPAN_E_ONCE, DECLINE, 1, "G1");
    TU_OK(w, BID, 2, "G1", 48, 2, 1);
    TU_OK(w, DECLINE, 3, "G1");
    assert_false(shapan_meeting_bid_pending(w, 3, tu_order(w, "G1")));
    /* G2: team 2 16/Q4/0 = 94; team 1 17/Q3/1 = 96.5 */
    TU_OK(w, BID, 2, "G2", 16, 4, 0);
    TU_OK(w, BID, 1, "G2", 17, 3, 1);
    TU_OK(w, DECLINE, 3, "G2");
    /* G3 (P2, 27 to 81): team 2 has 25 W and two open bids: a third fee is not covered */
    TU_FAIL(w, SHAPAN_E_AMOUNT, BID, 3, "G3", 26, 4, 1);
    TU_FAIL(w, SHAPAN_E_AMOUNT, BID, 3, "G3", 82, 4, 1);
    TU_FAIL(w, SHAPAN_E_CASH, BID, 2, "G3", 27, 4, 0);
    TU_OK(w, DECLINE, 2, "G3");
    /* team 3 first: 103 - 8 x 31 / 27 = 93.81...; team 1: 102 - 8 = 94.  Exact
     * fractions give team 1 the order; an integer 8 x 31 / 27 = 9 would tie at 94 and
     * hand it to team 3's earlier bid. */
    TU_OK(w, BID, 3, "G3", 31, 4, 1);
    assert_int_equal(mu_state(w, "G3"), SHAPAN_ORDER_FREE);
    assert_int_equal(tu_cash(w, 1), 597);
    if (!all3) {
        TU_OK(w, DECLINE, 1, "G3");
        assert_int_equal(mu_owner(w, "G3"), 3);
        assert_int_equal(tu_cash(w, 3), 587);
        /* exactly at the limit (2 wins, not more): team 1 may answer on G4 */
        assert_group(w, (const char *[]){"G4"}, 1);
        assert_true(shapan_meeting_bid_pending(w, 1, tu_order(w, "G4")));
        return w;
    }
    TU_OK(w, BID, 1, "G3", 27, 4, 0);

    /* resolved: team 1 won all three (the limit is not checked inside a group) */
    assert_int_equal(mu_owner(w, "G1"), 1);
    assert_int_equal(mu_owner(w, "G2"), 1);
    assert_int_equal(mu_owner(w, "G3"), 1);
    assert_int_equal(tu_cash(w, 1), 597 - 30);
    assert_int_equal(tu_cash(w, 2), 25);
    assert_int_equal(tu_cash(w, 3), 597);
    const ShapanHeld *h = held(w, 1, "G1");
    assert_non_null(h);
    assert_int_equal(h->price, 48);
    assert_int_equal(h->delivery, 2);
    assert_int_equal(h->term, 1);
    h = held(w, 1, "G2");
    assert_non_null(h);
    assert_int_equal(h->price, 17);
    assert_int_equal(h->delivery, 3);
    ShapanStatement st;
    shapan_statement(w, 1, 2, &st);
    assert_int_equal(st.expenses[SHAPAN_EXP_ADS], 30); /* the fees are ads */

    /* group 2: team 1 has 3 wins > 2 and may not answer; teams 2 and 3 must */
    assert_group(w, (const char *[]){"G4"}, 1);
    assert_false(shapan_meeting_bid_pending(w, 1, tu_order(w, "G4")));
    assert_true(shapan_meeting_bid_pending(w, 2, tu_order(w, "G4")));
    assert_true(shapan_meeting_bid_pending(w, 3, tu_order(w, "G4")));
    TU_FAIL(w, SHAPAN_E_NO_CERT, BID, 1, "G4", 16, 1, 4);
    return w;
}

static void test_groups_scores_and_fees(void **state)
{
    (void)state;
    ShapanScenario *sc = MU_LOAD_BOOK(BOOK);
    ShapanWorld *w = to_second_group(sc, true);
    /* team 2 bids best (104) and then spends its cash below the fee */
    TU_OK(w, BID, 2, "G4", 16, 1, 4);
    TU_OK(w, "{'cmd':'emergency_buy','team':2,'items':{'R1':1}}");
    assert_int_equal(tu_cash(w, 2), 9);
    TU_OK(w, BID, 3, "G4", 48, 4, 0); /* 78 */
    /* team 2 can't pay: the next-best bid wins */
    assert_int_equal(mu_owner(w, "G4"), 3);
    assert_int_equal(tu_cash(w, 3), 587);
    assert_int_equal(tu_cash(w, 2), 9);
    const ShapanHeld *h = held(w, 3, "G4");
    assert_non_null(h);
    assert_int_equal(h->price, 48);
    assert_int_equal(h->delivery, 4);
    assert_int_equal(h->term, 0);
    /* the last group is done: every live team is at the long-loan window */
    assert_false(shapan_meeting_open(w));
    for (int t = 1; t <= 5; t++)
        assert_int_equal(tu_stage(w, t), SHAPAN_STAGE_LONG_LOAN);
    assert_int_equal(mu_state(w, "H0"), SHAPAN_ORDER_FREE); /* next year's */
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* An order that no bidder can pay for is gone. */
static void test_nobody_pays(void **state)
{
    (void)state;
    ShapanScenario *sc = MU_LOAD_BOOK(BOOK);
    ShapanWorld *w = to_second_group(sc, true);
    TU_OK(w, BID, 2, "G4", 16, 1, 4);
    TU_OK(w, "{'cmd':'emergency_buy','team':2,'items':{'R1':1}}");
    TU_OK(w, DECLINE, 3, "G4");
    assert_int_equal(mu_state(w, "G4"), SHAPAN_ORDER_GONE);
    assert_int_equal(mu_owner(w, "G4"), 0);
    assert_int_equal(tu_cash(w, 2), 9);
    assert_false(shapan_meeting_open(w));
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

static void test_limit_boundary(void **state)
{
    (void)state;
    ShapanScenario *sc = MU_LOAD_BOOK(BOOK);
    ShapanWorld *w = to_second_group(sc, false);
    TU_OK(w, BID, 1, "G4", 20, 4, 0);
    TU_OK(w, DECLINE, 2, "G4");
    TU_OK(w, DECLINE, 3, "G4");
    assert_int_equal(mu_owner(w, "G4"), 1);
    assert_int_equal(tu_team(w, 1)->bid_wins, 3);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* Year 3: ISO requirements for picks and bids; an order nobody may bid on is gone. */
static void test_iso_year3(void **state)
{
    (void)state;
    static const MuOrder book[] = {
        {"J1", 3, "local", "P1", 1, 40, 4, 0, 1, false}, /* ISO9000 */
        {"J2", 3, "local", "P1", 1, 41, 4, 0, 0, false},
        {"I1", 3, "local", "P1", 1, 0, 0, 0, 1, true}, /* ISO9000 */
        {"I2", 3, "local", "P1", 1, 0, 0, 0, 2, true}, /* ISO14000: nobody */
    };
    ShapanScenario *sc = tu_load_standard();
    mu_book(sc, book, 4);
    ShapanWorld *w = tu_world(sc, 2);
    mu_year1(w, 1, "P1", "local", "ISO9000");
    mu_year1(w, 2, "P1", "local", "");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[]}");
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[]}");
    mu_finish_year(w, 1, "", "ISO9000");
    mu_finish_year(w, 2, "", "");
    assert_true(tu_team(w, 1)->iso_held[0]);
    assert_false(tu_team(w, 2)->iso_held[0]);
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[{'market':'local','product':'P1','amount':30}]}");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':10}]}");
    assert_int_equal(mu_turn(w, "local", "P1"), 2);
    TU_FAIL(w, SHAPAN_E_NO_CERT, "{'cmd':'pick','team':2,'order':'J1'}");
    TU_OK(w, "{'cmd':'pick','team':2,'order':'J2'}");
    TU_OK(w, "{'cmd':'pick','team':1,'order':'J1'}");
    assert_group(w, (const char *[]){"I1", "I2"}, 2);
    assert_false(shapan_meeting_bid_pending(w, 2, tu_order(w, "I1")));
    assert_false(shapan_meeting_bid_pending(w, 1, tu_order(w, "I2")));
    TU_FAIL(w, SHAPAN_E_NO_CERT, BID, 2, "I1", 16, 4, 0);
    TU_FAIL(w, SHAPAN_E_NO_CERT, BID, 1, "I2", 16, 4, 0);
    TU_OK(w, BID, 1, "I1", 16, 4, 0);
    assert_int_equal(mu_owner(w, "J1"), 1);
    assert_int_equal(mu_owner(w, "I1"), 1);
    assert_int_equal(mu_state(w, "I2"), SHAPAN_ORDER_GONE);
    assert_false(shapan_meeting_open(w));
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_groups_scores_and_fees),
        cmocka_unit_test(test_nobody_pays),
        cmocka_unit_test(test_limit_boundary),
        cmocka_unit_test(test_iso_year3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
