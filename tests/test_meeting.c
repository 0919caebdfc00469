/* The order meeting (RULES.md §4) on the default scenario with hand-made order
 * books, so that every number is known: picks per ad, who is ranked, the ranking
 * keys down to the submission order, the market leader, rounds and passes, the
 * checks on a pick, cell independence, and the way in and out of the meeting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meetutil.h"

#define NEXT "{'cmd':'next','team':%d}"
#define PICK "{'cmd':'pick','team':%d,'order':'%s'}"
#define PASS "{'cmd':'pass','team':%d,'market':'%s','product':'%s'}"

/* Teams in rank order in a cell (1-based), and the picks left of each. */
static void assert_ranked(const ShapanWorld *w, const char *m, const char *p, const int *teams,
                          const int *picks, int n)
{
    const ShapanCell *cell = shapan_meeting_cell(w, tu_market(w, m), tu_product(w, p));
    assert_non_null(cell);
    if (cell->nranked != n)
        print_error("%s/%s: %d ranked, expected %d\n", m, p, cell->nranked, n);
    assert_int_equal(cell->nranked, n);
    for (int k = 0; k < n; k++) {
        if (cell->ranked[k] + 1 != teams[k])
            print_error("%s/%s: rank %d is team %d, expected team %d\n", m, p, k + 1,
                        cell->ranked[k] + 1, teams[k]);
        assert_int_equal(cell->ranked[k] + 1, teams[k]);
        if (picks)
            assert_int_equal(cell->picks[k], picks[k]);
    }
}

static void assert_all_at_long_loan(const ShapanWorld *w)
{
    assert_false(shapan_meeting_open(w));
    for (int t = 1; t <= shapan_world_teams(w); t++)
        assert_int_equal(tu_stage(w, t), SHAPAN_STAGE_LONG_LOAN);
}

/* ---- picks per ad, ranked teams, rounds, passes, orders gone ---------------------------- */

static const MuOrder BOOK_ROUNDS[] = {
    {"L1", 2, "local", "P1", 1, 41, 4, 0, 0, false},
    {"L2", 2, "local", "P1", 1, 42, 4, 0, 0, false},
    {"L3", 2, "local", "P1", 1, 43, 4, 0, 0, false},
    {"L4", 2, "local", "P1", 1, 44, 4, 0, 0, false},
    {"L5", 2, "local", "P1", 1, 45, 4, 0, 0, false},
    {"L6", 2, "local", "P1", 1, 46, 4, 0, 0, false},
    {"L7", 2, "local", "P1", 1, 47, 4, 0, 0, false},
    {"L8", 2, "local", "P1", 1, 48, 4, 0, 0, false},
    {"M1", 2, "local", "P2", 2, 120, 4, 0, 0, false},
    {"M2", 2, "local", "P2", 2, 121, 4, 0, 0, false},
    {"Q1", 2, "local", "P2", 1, 60, 4, 0, 1, false}, /* asks ISO9000: nobody holds it in year 2 */
    {"N1", 2, "regional", "P1", 1, 40, 4, 0, 0, false},
};

static void test_rounds_and_passes(void **state)
{
    (void)state;
    ShapanScenario *sc = MU_LOAD_BOOK(BOOK_ROUNDS);
    ShapanWorld *w = tu_world(sc, 4);
    for (int t = 1; t <= 4; t++)
        mu_year1(w, t, t == 3 ? "P1" : "P1 P2", "local", ""); /* team 3: no P2 R&D */
    /* 675 - admin 56 - R&D - local 8 */
    assert_int_equal(tu_cash(w, 1), 675 - 56 - 28 - 8);
    assert_int_equal(tu_cash(w, 3), 675 - 56 - 14 - 8);

    /* a meeting year: `next` and `end_quarter` can't leave the year start */
    TU_FAIL(w, SHAPAN_E_STAGE, NEXT, 1);
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'end_quarter','team':1}");
    /* ads only in held markets; the total is paid at once */
    TU_FAIL(w, SHAPAN_E_NO_CERT,
            "{'cmd':'ads','team':1,'bids':[{'market':'regional','product':'P1','amount':10}]}");
    ShapanError e = {0}; /* the error names the bid */
    assert_int_equal(tu_try(w, &e,
                            "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1',"
                            "'amount':10},{'market':'regional','product':'P1','amount':10}]}"),
                     SHAPAN_E_NO_CERT);
    assert_string_equal(e.where, "bids[1]");
    TU_FAIL(w, SHAPAN_E_CASH,
            "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':300},"
            "{'market':'local','product':'P2','amount':284}]}");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':50}]}");
    assert_int_equal(tu_cash(w, 1), 583 - 50);
    assert_int_equal(tu_stage(w, 1), SHAPAN_STAGE_MEETING);
    /* a second ads command, or picks before every team has submitted, are refused */
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'ads','team':1,'bids':[]}");
    TU_FAIL(w, SHAPAN_E_STAGE, PICK, 1, "L1");
    TU_FAIL(w, SHAPAN_E_WAIT, NEXT, 1);
    assert_false(shapan_meeting_open(w));
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[{'market':'local','product':'P1','amount':30}]}");
    TU_OK(w, "{'cmd':'ads','team':3,'bids':[{'market':'local','product':'P1','amount':29},"
             "{'market':'local','product':'P2','amount':10}]}");
    TU_OK(w, "{'cmd':'ads','team':4,'bids':[{'market':'local','product':'P1','amount':9},"
             "{'market':'local','product':'P2','amount':10}]}");
    assert_true(shapan_meeting_open(w));
    ShapanStatement st;
    shapan_statement(w, 3, 2, &st);
    assert_int_equal(st.expenses[SHAPAN_EXP_ADS], 39);
    assert_int_equal(shapan_view_ad(w, 4, tu_market(w, "local"), tu_product(w, "P1")), 9);

    /* picks = 1 + floor((ad - 10) / 20): 50 -> 3, 30 -> 2, 29 -> 1; 9 is not ranked */
    assert_ranked(w, "local", "P1", (int[]){1, 2, 3}, (int[]){3, 2, 1}, 3);
    /* local/P2: both 10 (1 pick each), same market total 39 vs 19: team 3 first */
    assert_ranked(w, "local", "P2", (int[]){3, 4}, (int[]){1, 1}, 2);
    /* no ad in regional: the cell is closed and its order gone at once */
    assert_int_equal(mu_turn(w, "regional", "P1"), 0);
    assert_int_equal(mu_state(w, "N1"), SHAPAN_ORDER_GONE);

    /* round 1: 1, 2, 3 */
    assert_int_equal(mu_turn(w, "local", "P1"), 1);
    TU_FAIL(w, SHAPAN_E_NOT_YOUR_TURN, PICK, 2, "L2");
    TU_FAIL(w, SHAPAN_E_NOT_YOUR_TURN, PICK, 4, "L1"); /* ad 9: not ranked */
    TU_FAIL(w, SHAPAN_E_NOT_YOUR_TURN, PASS, 4, "local", "P1");
    TU_FAIL(w, SHAPAN_E_STATE, PICK, 1, "N1");         /* gone */
    TU_FAIL(w, SHAPAN_E_NOT_YOUR_TURN, PICK, 1, "M1"); /* not ranked in local/P2 */
    TU_OK(w, PICK, 1, "L1");
    TU_FAIL(w, SHAPAN_E_STATE, PICK, 2, "L1"); /* taken */
    TU_OK(w, PICK, 2, "L2");
    TU_OK(w, PICK, 3, "L3");
    /* round 2: team 3 has no picks left */
    assert_int_equal(mu_turn(w, "local", "P1"), 1);
    TU_OK(w, PICK, 1, "L5");
    assert_int_equal(mu_turn(w, "local", "P1"), 2);
    TU_OK(w, PASS, 2, "local", "P1"); /* gives up its second pick */
    /* round 3: only team 1 */
    assert_int_equal(mu_turn(w, "local", "P1"), 1);
    TU_FAIL(w, SHAPAN_E_NOT_YOUR_TURN, PICK, 3, "L4");
    TU_OK(w, PICK, 1, "L8");
    assert_int_equal(mu_turn(w, "local", "P1"), 0);
    /* orders not taken are gone; the taken ones have their owner */
    const char *gone[] = {"L4", "L6", "L7"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(mu_state(w, gone[i]), SHAPAN_ORDER_GONE);
        assert_int_equal(mu_owner(w, gone[i]), 0);
    }
    assert_int_equal(mu_owner(w, "L1"), 1);
    assert_int_equal(mu_owner(w, "L2"), 2);
    assert_int_equal(mu_owner(w, "L3"), 3);
    assert_int_equal(mu_owner(w, "L5"), 1);
    assert_int_equal(mu_owner(w, "L8"), 1);
    assert_int_equal(tu_team(w, 1)->nheld, 3);
    assert_int_equal(tu_team(w, 2)->nheld, 1);

    /* local/P2: team 3 is ranked but not qualified; nobody holds ISO9000 */
    assert_int_equal(mu_turn(w, "local", "P2"), 3);
    TU_FAIL(w, SHAPAN_E_NOT_QUALIFIED, PICK, 3, "M1");
    TU_OK(w, PASS, 3, "local", "P2");
    assert_int_equal(mu_turn(w, "local", "P2"), 4);
    TU_FAIL(w, SHAPAN_E_NO_CERT, PICK, 4, "Q1");
    assert_true(shapan_meeting_open(w));
    TU_OK(w, PICK, 4, "M2");
    /* the last cell closed and there are no bid orders: everybody moves on */
    assert_int_equal(mu_state(w, "M1"), SHAPAN_ORDER_GONE);
    assert_int_equal(mu_state(w, "Q1"), SHAPAN_ORDER_GONE);
    assert_all_at_long_loan(w);
    TU_FAIL(w, SHAPAN_E_STAGE, PICK, 1, "L4");
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'ads','team':1,'bids':[]}");
    /* the held orders keep the book's terms */
    const ShapanTeam *t4 = tu_team(w, 4);
    assert_int_equal(t4->nheld, 1);
    assert_int_equal(t4->held[0].order, tu_order(w, "M2"));
    assert_int_equal(t4->held[0].price, 121);
    assert_int_equal(t4->held[0].delivery, 4);
    TU_OK(w, NEXT, 1); /* the long-loan window leads into Q1 */
    assert_int_equal(tu_stage(w, 1), SHAPAN_STAGE_S1);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* ---- ranking keys ----------------------------------------------------------------------- */

static void test_ranking_year2(void **state)
{
    (void)state;
    static const MuOrder book[] = {
        {"A1", 2, "local", "P1", 1, 40, 4, 0, 0, false},
        {"A2", 2, "local", "P2", 1, 60, 4, 0, 0, false},
    };
    ShapanScenario *sc = tu_load_standard();
    mu_book(sc, book, 2);
    ShapanWorld *w = mu_start(sc, 4, "P1", "local");
    /* submission order 4, 1, 3, 2; all 20 in local/P1; team 2 also 10 in local/P2 */
    TU_OK(w, "{'cmd':'ads','team':4,'bids':[{'market':'local','product':'P1','amount':20}]}");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':20}]}");
    TU_OK(w, "{'cmd':'ads','team':3,'bids':[{'market':'local','product':'P1','amount':20}]}");
    assert_int_equal(tu_team(w, 3)->ads_rank, 3);
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[{'market':'local','product':'P1','amount':20},"
             "{'market':'local','product':'P2','amount':10}]}");
    /* no sales last year, so no leader: team 2 by its market total, then submission order */
    assert_ranked(w, "local", "P1", (int[]){2, 4, 1, 3}, (int[]){1, 1, 1, 1}, 4);
    assert_ranked(w, "local", "P2", (int[]){2}, (int[]){1}, 1);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* Year 2 sells into three markets so that year 3 has: a leader in local (team 1,
 * 60), a tie in regional (teams 1 and 2, 50 each), and in domestic a top seller
 * (team 1, 80) that defaulted on another domestic order. */
static const MuOrder BOOK_LEADER[] = {
    {"A1", 2, "local", "P1", 1, 60, 1, 0, 0, false},
    {"A2", 2, "local", "P1", 1, 40, 1, 0, 0, false},
    {"A3", 2, "local", "P1", 1, 40, 1, 0, 0, false},
    {"B1", 2, "regional", "P1", 1, 50, 1, 0, 0, false},
    {"B2", 2, "regional", "P1", 1, 50, 1, 0, 0, false},
    {"C1", 2, "domestic", "P1", 1, 80, 1, 0, 0, false},
    {"C2", 2, "domestic", "P1", 1, 55, 1, 0, 0, false}, /* team 1 will default */
    {"C3", 2, "domestic", "P1", 1, 20, 1, 0, 0, false},
    {"D1", 3, "local", "P1", 1, 41, 4, 0, 0, false},
    {"D2", 3, "local", "P1", 1, 42, 4, 0, 0, false},
    {"E1", 3, "regional", "P1", 1, 43, 4, 0, 0, false},
    {"F1", 3, "domestic", "P1", 1, 44, 4, 0, 0, false},
};

/* At Y2Q1 S4: buy the units in an emergency and deliver. */
static void deliver_now(ShapanWorld *w, int team, const char *const *orders, int n)
{
    mu_to(w, team, 2, 1, SHAPAN_STAGE_S4);
    TU_OK(w, "{'cmd':'emergency_buy','team':%d,'items':{'P1':%d}}", team, n);
    for (int i = 0; i < n; i++)
        TU_OK(w, "{'cmd':'deliver','team':%d,'order':'%s'}", team, orders[i]);
}

static void test_leader_year3(void **state)
{
    (void)state;
    ShapanScenario *sc = MU_LOAD_BOOK(BOOK_LEADER);
    ShapanWorld *w = mu_start(sc, 4, "P1", "local regional domestic");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':10},"
             "{'market':'regional','product':'P1','amount':10},"
             "{'market':'domestic','product':'P1','amount':30}]}");
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[{'market':'local','product':'P1','amount':10},"
             "{'market':'regional','product':'P1','amount':10},"
             "{'market':'domestic','product':'P1','amount':10}]}");
    TU_OK(w, "{'cmd':'ads','team':3,'bids':[{'market':'local','product':'P1','amount':10}]}");
    TU_OK(w, "{'cmd':'ads','team':4,'bids':[]}");
    assert_ranked(w, "domestic", "P1", (int[]){1, 2}, (int[]){2, 1}, 2);
    TU_OK(w, PICK, 1, "A1");
    TU_OK(w, PICK, 2, "A2");
    TU_OK(w, PICK, 3, "A3");
    TU_OK(w, PICK, 1, "B1");
    TU_OK(w, PICK, 2, "B2");
    TU_OK(w, PICK, 1, "C1");
    TU_OK(w, PICK, 2, "C3");
    TU_OK(w, PICK, 1, "C2");
    assert_all_at_long_loan(w);
    deliver_now(w, 1, (const char *[]){"A1", "B1", "C1"}, 3); /* not C2: revoked at year end */
    deliver_now(w, 2, (const char *[]){"A2", "B2", "C3"}, 3);
    deliver_now(w, 3, (const char *[]){"A3"}, 1);
    for (int t = 1; t <= 4; t++)
        mu_finish_year(w, t, "", "");
    /* the revoked order: penalty half_up(55 x 20%) = 11, booked as loss */
    ShapanStatement st;
    shapan_statement(w, 1, 2, &st);
    assert_int_equal(st.income[SHAPAN_INC_REVENUE], 190);
    /* + emergency premium 2 x 16 each */
    assert_int_equal(st.expenses[SHAPAN_EXP_LOSS], 11 + 3 * 32);
    const ShapanTeam *t1 = tu_team(w, 1);
    assert_int_equal(t1->sales_prev[tu_market(w, "local")], 60);
    assert_int_equal(t1->sales_prev[tu_market(w, "domestic")], 80);
    assert_true(t1->defaulted_prev[tu_market(w, "domestic")]);
    assert_false(t1->defaulted_prev[tu_market(w, "local")]);

    /* year 3: submission order 4, 3, 2, 1 */
    TU_OK(w, "{'cmd':'ads','team':4,'bids':[{'market':'local','product':'P1','amount':30}]}");
    TU_OK(w, "{'cmd':'ads','team':3,'bids':[{'market':'local','product':'P1','amount':30},"
             "{'market':'regional','product':'P1','amount':30},"
             "{'market':'domestic','product':'P1','amount':30}]}");
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[{'market':'local','product':'P1','amount':30},"
             "{'market':'regional','product':'P1','amount':10},"
             "{'market':'domestic','product':'P1','amount':20}]}");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':10},"
             "{'market':'regional','product':'P1','amount':10},"
             "{'market':'domestic','product':'P1','amount':10}]}");
    /* local: team 1 leads (60) despite the lowest ad; 2 and 3 tie on ad, market total
     * and last year's sales (40): submission order puts 3 first; 4 sold nothing */
    assert_ranked(w, "local", "P1", (int[]){1, 3, 2, 4}, (int[]){1, 2, 2, 2}, 4);
    /* regional: 1 and 2 tie at 50, so no leader; then 2 before 1 by submission */
    assert_ranked(w, "regional", "P1", (int[]){3, 2, 1}, NULL, 3);
    /* domestic: team 1 sold most (80) but defaulted there: no leader (team 2 is not one) */
    assert_ranked(w, "domestic", "P1", (int[]){3, 2, 1}, NULL, 3);
    assert_int_equal(mu_turn(w, "local", "P1"), 1);
    TU_FAIL(w, SHAPAN_E_NOT_YOUR_TURN, PICK, 3, "D1");
    TU_OK(w, PICK, 1, "D1");
    TU_OK(w, PICK, 3, "D2");
    assert_int_equal(mu_state(w, "D2"), SHAPAN_ORDER_TAKEN);
    assert_int_equal(mu_turn(w, "local", "P1"), 0); /* no order left */
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* A bankrupt or conceded team is not the leader, and a tie at the top needs two
 * live sellers: once team 2 concedes, team 1 alone is the top seller of regional. */
static void test_leader_ignores_dead_teams(void **state)
{
    (void)state;
    ShapanScenario *sc = MU_LOAD_BOOK(BOOK_LEADER);
    ShapanWorld *w = mu_start(sc, 3, "P1", "local regional domestic");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'regional','product':'P1','amount':10}]}");
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[{'market':'regional','product':'P1','amount':10}]}");
    TU_OK(w, "{'cmd':'ads','team':3,'bids':[]}");
    TU_OK(w, PICK, 1, "B1");
    TU_OK(w, PICK, 2, "B2");
    deliver_now(w, 1, (const char *[]){"B1"}, 1);
    deliver_now(w, 2, (const char *[]){"B2"}, 1);
    for (int t = 1; t <= 3; t++)
        mu_finish_year(w, t, "", "");
    TU_OK(w, "{'cmd':'concede','team':2}");
    TU_OK(w, "{'cmd':'ads','team':3,'bids':[{'market':'regional','product':'P1','amount':30}]}");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'regional','product':'P1','amount':10}]}");
    assert_ranked(w, "regional", "P1", (int[]){1, 3}, NULL, 2);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* ---- cells are independent --------------------------------------------------------------- */

static const MuOrder BOOK_CELLS[] = {
    {"A1", 2, "local", "P1", 1, 41, 4, 0, 0, false},
    {"A2", 2, "local", "P1", 1, 42, 4, 0, 0, false},
    {"A3", 2, "local", "P1", 1, 43, 4, 0, 0, false},
    {"B1", 2, "local", "P2", 1, 61, 4, 0, 0, false},
    {"B2", 2, "local", "P2", 1, 62, 4, 0, 0, false},
    {"B3", 2, "local", "P2", 1, 63, 4, 0, 0, false},
    {"C1", 2, "regional", "P1", 1, 44, 4, 0, 0, false},
};

static void test_cells_independent(void **state)
{
    (void)state;
    ShapanScenario *sc = MU_LOAD_BOOK(BOOK_CELLS);
    ShapanWorld *a = mu_start(sc, 2, "P1 P2", "local regional");
    TU_OK(a, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':30},"
             "{'market':'local','product':'P2','amount':10},"
             "{'market':'regional','product':'P1','amount':10}]}");
    TU_OK(a, "{'cmd':'ads','team':2,'bids':[{'market':'local','product':'P1','amount':10},"
             "{'market':'local','product':'P2','amount':30}]}");
    ShapanWorld *b = shapan_world_clone(a);
    assert_non_null(b);
    char diff[256] = "";
    assert_true(shapan_world_equal(a, b, diff, sizeof diff));
    /* a: cell by cell */
    TU_OK(a, PICK, 1, "A1");
    TU_OK(a, PICK, 2, "A2");
    TU_OK(a, PICK, 1, "A3");
    TU_OK(a, PICK, 2, "B3");
    TU_OK(a, PICK, 1, "B1");
    TU_OK(a, PASS, 2, "local", "P2");
    TU_OK(a, PICK, 1, "C1");
    /* b: the same picks per cell, interleaved across the cells */
    TU_OK(b, PICK, 1, "C1");
    TU_OK(b, PICK, 2, "B3");
    TU_OK(b, PICK, 1, "A1");
    TU_OK(b, PICK, 1, "B1");
    TU_OK(b, PICK, 2, "A2");
    TU_OK(b, PASS, 2, "local", "P2");
    TU_OK(b, PICK, 1, "A3");
    assert_all_at_long_loan(a);
    assert_all_at_long_loan(b);
    bool same = shapan_world_equal(a, b, diff, sizeof diff);
    if (!same)
        print_error("interleaving changed the state at %s\n", diff);
    assert_true(same);
    assert_true(shapan_world_hash(a) == shapan_world_hash(b));
    assert_int_equal(mu_state(a, "B2"), SHAPAN_ORDER_GONE);
    shapan_world_destroy(b);
    shapan_world_destroy(a);
    shapan_scenario_free(sc);
}

/* A team that concedes during the meeting leaves its cells; the others go on. */
static void test_concede_in_meeting(void **state)
{
    (void)state;
    ShapanScenario *sc = MU_LOAD_BOOK(BOOK_CELLS);
    ShapanWorld *w = mu_start(sc, 2, "P1 P2", "local regional");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':30}]}");
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[{'market':'local','product':'P1','amount':10}]}");
    TU_OK(w, PICK, 1, "A1");
    assert_int_equal(mu_turn(w, "local", "P1"), 2);
    TU_OK(w, "{'cmd':'concede','team':2}");
    TU_FAIL(w, SHAPAN_E_BANKRUPT, PICK, 2, "A2");
    assert_int_equal(mu_turn(w, "local", "P1"), 1);
    TU_OK(w, PICK, 1, "A2");
    assert_false(shapan_meeting_open(w));
    assert_int_equal(tu_stage(w, 1), SHAPAN_STAGE_LONG_LOAN);
    assert_int_equal(mu_state(w, "A3"), SHAPAN_ORDER_GONE);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* The last team without ads concedes: the meeting starts for the others at once. */
static void test_concede_starts_meeting(void **state)
{
    (void)state;
    ShapanScenario *sc = MU_LOAD_BOOK(BOOK_CELLS);
    ShapanWorld *w = mu_start(sc, 2, "P1 P2", "local regional");
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':30}]}");
    assert_false(shapan_meeting_open(w));
    TU_OK(w, "{'cmd':'concede','team':2}");
    assert_true(shapan_meeting_open(w));
    assert_int_equal(mu_turn(w, "local", "P1"), 1);
    TU_OK(w, PICK, 1, "A1");
    assert_int_equal(mu_state(w, "A1"), SHAPAN_ORDER_TAKEN);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rounds_and_passes),
        cmocka_unit_test(test_ranking_year2),
        cmocka_unit_test(test_leader_year3),
        cmocka_unit_test(test_leader_ignores_dead_teams),
        cmocka_unit_test(test_cells_independent),
        cmocka_unit_test(test_concede_in_meeting),
        cmocka_unit_test(test_concede_starts_meeting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
