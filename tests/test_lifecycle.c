/* The life of a company, RULES.md with the default scenario's numbers: the worked
 * example of §7, plant rents, sales and 厂房贴现, refused mandatory payments and the
 * ways to go bankrupt, undo, the final score, and the classic scenario's opening. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardutil.h"

/* §7, the worked example: one real team's year 1, quarter by quarter. */
static void test_worked_example(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 1);
    TU_GOTO(w, 1, 1, 1, S6);
    assert_int_equal(tu_cash(w, 1), 661);
    TU_GOTO(w, 1, 1, 2, S3);
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'large'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'flex','product':'P2'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'flex','product':'P2'}");
    TU_GOTO(w, 1, 1, 2, S6);
    assert_int_equal(tu_cash(w, 1), 476);
    TU_GOTO(w, 1, 1, 3, S3);
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'auto','product':'P3'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'auto','product':'P3'}");
    TU_OK(w, "{'cmd':'invest_line','team':1,'line':1}");
    TU_OK(w, "{'cmd':'invest_line','team':1,'line':2}");
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P3'}");
    TU_GOTO(w, 1, 1, 3, S6);
    assert_int_equal(tu_cash(w, 1), 187);
    TU_GOTO(w, 1, 1, 4, S1);
    TU_OK(w, "{'cmd':'short_loan','team':1,'amount':409}");
    TU_NEXT(w, 1, 1);
    TU_OK(w, "{'cmd':'order_materials','team':1,'items':{'R1':6,'R3':12}}");
    assert_int_equal(tu_cash(w, 1), 187 + 409);
    TU_NEXT(w, 1, 1);
    for (int l = 1; l <= 4; l++)
        TU_OK(w, "{'cmd':'invest_line','team':1,'line':%d}", l);
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P1'}");
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P3'}");
    TU_GOTO(w, 1, 1, 4, S5);
    static const char *const markets[] = {"local", "regional", "domestic", "asia", "intl"};
    for (int m = 0; m < 5; m++)
        TU_OK(w, "{'cmd':'develop_market','team':1,'market':'%s'}", markets[m]);
    TU_OK(w, "{'cmd':'develop_iso','team':1,'iso':'ISO9000'}");
    TU_OK(w, "{'cmd':'develop_iso','team':1,'iso':'ISO14000'}");
    TU_FAIL(w, SHAPAN_E_ONCE, "{'cmd':'develop_market','team':1,'market':'asia'}");
    TU_NEXT(w, 1, 1);
    assert_int_equal(tu_cash(w, 1), 185);

    ShapanStatement st = tu_stmt(w, 1, 1);
    assert_int_equal(st.expenses[SHAPAN_EXP_ADMIN], 56);
    assert_int_equal(st.expenses[SHAPAN_EXP_RENT], 51);
    assert_int_equal(st.expenses[SHAPAN_EXP_MARKET_DEV], 54);
    assert_int_equal(st.expenses[SHAPAN_EXP_RND], 44);
    assert_int_equal(st.expenses[SHAPAN_EXP_ISO], 54);
    assert_int_equal(st.expenses[SHAPAN_EXP_TOTAL], 259);
    assert_int_equal(st.income[SHAPAN_INC_REVENUE], 0);
    assert_int_equal(st.income[SHAPAN_INC_NET], -259);
    assert_int_equal(st.income[SHAPAN_INC_TAX], 0);
    assert_int_equal(st.balance[SHAPAN_BAL_CASH], 185);
    assert_int_equal(st.balance[SHAPAN_BAL_CONSTRUCTION], 640);
    assert_int_equal(st.balance[SHAPAN_BAL_ASSETS_TOTAL], 825);
    assert_int_equal(st.balance[SHAPAN_BAL_SHORT_LOANS], 409);
    assert_int_equal(st.balance[SHAPAN_BAL_CAPITAL], 675);
    assert_int_equal(st.balance[SHAPAN_BAL_NET_PROFIT], -259);
    assert_int_equal(st.balance[SHAPAN_BAL_EQUITY], 416);
    assert_int_equal(st.balance[SHAPAN_BAL_TOTAL], 825);
    /* certificates of one year are granted at the year end; asia and intl need 3 */
    const ShapanTeam *t = tu_team(w, 1);
    assert_int_equal(t->market_held[tu_market(w, "local")], 1);
    assert_int_equal(t->market_held[tu_market(w, "domestic")], 1);
    assert_int_equal(t->market_held[tu_market(w, "asia")], 0);
    assert_int_equal(t->iso_held[0] + t->iso_held[1], 0);
    assert_int_equal(t->loss_pool, 259);

    /* year 2: the lines are ready at Q1 S1, the materials arrive at S2 for 156 */
    TU_GOTO(w, 1, 2, 1, S1);
    st = tu_stmt(w, 1, 2);
    assert_int_equal(st.balance[SHAPAN_BAL_MACHINERY], 640);
    assert_int_equal(st.balance[SHAPAN_BAL_CONSTRUCTION], 0);
    int64_t cash = tu_cash(w, 1);
    TU_NEXT(w, 1, 1);
    assert_int_equal(cash - tu_cash(w, 1), 6 * 8 + 12 * 9);
    assert_int_equal(tu_stmt(w, 1, 2).balance[SHAPAN_BAL_MATERIALS], 156);
    shapan_world_destroy(w);
}

/* §3 plants: the rent renews at the end of every 4th quarter after renting; returning
 * needs an empty plant and an anniversary quarter; rent-to-buy pays the full price in
 * any quarter, and in an anniversary quarter replaces the renewal. */
static void test_rent_return_rent_to_buy(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 1);
    TU_GOTO(w, 1, 1, 2, S3);
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'large'}"); /* plant 1: returned in Y2Q2 */
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'small'}"); /* plant 2: bought in Y1Q3 */
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'large'}"); /* plant 3: renews, bought Y3Q2 */
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':2,'type':'manual','product':'P1'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':3,'type':'manual','product':'P1'}");
    TU_GOTO(w, 1, 1, 2, S5);
    int64_t cash = tu_cash(w, 1);
    TU_NEXT(w, 1, 1);
    assert_int_equal(cash - tu_cash(w, 1), 14); /* no renewal in the quarter of renting */

    TU_GOTO(w, 1, 1, 3, S5);
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'return_plant','team':1,'plant':1}");
    cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'rent_to_buy','team':1,'plant':2}");
    assert_int_equal(cash - tu_cash(w, 1), 72);
    assert_int_equal(tu_team(w, 1)->plants[1].status, SHAPAN_PLANT_OWNED);
    assert_int_equal(tu_stmt(w, 1, 1).balance[SHAPAN_BAL_PLANTS], 72);
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'rent_to_buy','team':1,'plant':2}");
    TU_GOTO(w, 1, 1, 4, S6);
    assert_int_equal(tu_stmt(w, 1, 1).expenses[SHAPAN_EXP_RENT], 51 + 9 + 51);

    TU_GOTO(w, 1, 2, 1, S5);
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'return_plant','team':1,'plant':1}"); /* Y2Q1: no */
    TU_GOTO(w, 1, 2, 2, S5);
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'return_plant','team':1,'plant':2}"); /* owned */
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'return_plant','team':1,'plant':3}"); /* a line */
    TU_OK(w, "{'cmd':'return_plant','team':1,'plant':1}");
    assert_int_equal(tu_team(w, 1)->plants[0].status, SHAPAN_PLANT_GONE);
    cash = tu_cash(w, 1);
    TU_NEXT(w, 1, 1); /* only plant 3 renews */
    assert_int_equal(cash - tu_cash(w, 1), 51 + 14);
    assert_int_equal(tu_stmt(w, 1, 2).expenses[SHAPAN_EXP_RENT], 51);
    TU_GOTO(w, 1, 2, 3, S3);
    /* a returned plant's slots are gone */
    TU_FAIL(w, SHAPAN_E_RANGE,
            "{'cmd':'build_line','team':1,'plant':1,'type':'manual','product':'P1'}");

    TU_GOTO(w, 1, 3, 1, LL);
    TU_OK(w, "{'cmd':'long_loan','team':1,'amount':400,'years':2}");
    TU_GOTO(w, 1, 3, 2, S5);
    cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'rent_to_buy','team':1,'plant':3}");
    TU_NEXT(w, 1, 1); /* the purchase replaces this quarter's renewal */
    assert_int_equal(cash - tu_cash(w, 1), 481 + 14);
    ShapanStatement st = tu_stmt(w, 1, 3);
    assert_int_equal(st.expenses[SHAPAN_EXP_RENT], 0);
    assert_int_equal(st.balance[SHAPAN_BAL_PLANTS], 72 + 481);
    shapan_world_destroy(w);
}

/* §3: selling an owned plant gives a receivable of its sale value due 4 quarters later;
 * with lines in it, it becomes rented and a year's rent is paid now.  厂房贴现 of a large
 * plant = 481 - ceil(481 x 9 %) = 437, less 51 rent if lines stand in it. */
static void test_sell_and_discount_plant(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 3);
    for (int team = 1; team <= 3; team++) {
        TU_GOTO(w, team, 1, 1, S3);
        TU_OK(w, "{'cmd':'buy_plant','team':%d,'type':'large'}", team);
        assert_int_equal(tu_cash(w, team), 675 - 481);
    }
    /* team 1: empty plant sold in S5 -> 481 due at S4 of Y2Q1 (slot 4) */
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'sell_plant','team':1,'plant':1}");
    TU_GOTO(w, 1, 1, 1, S5);
    TU_OK(w, "{'cmd':'sell_plant','team':1,'plant':1}");
    assert_int_equal(tu_team(w, 1)->recv[shapan_aq(2, 1)], 481);
    assert_int_equal(tu_team(w, 1)->plants[0].status, SHAPAN_PLANT_GONE);
    ShapanStatement st = tu_stmt(w, 1, 1);
    assert_int_equal(st.balance[SHAPAN_BAL_PLANTS], 0);
    assert_int_equal(st.balance[SHAPAN_BAL_RECEIVABLES], 481);
    assert_int_equal(st.expenses[SHAPAN_EXP_LOSS], 0);
    TU_FAIL(w, SHAPAN_E_AMOUNT, "{'cmd':'discount','team':1,'slots':[0,0,1,0]}");

    /* team 2: lines stand in it: 437 - 51 = 386, the plant is rented from now */
    TU_OK(w, "{'cmd':'build_line','team':2,'plant':1,'type':'manual','product':'P1'}");
    int64_t cash = tu_cash(w, 2);
    TU_OK(w, "{'cmd':'discount_plant','team':2,'plant':1}");
    assert_int_equal(tu_cash(w, 2) - cash, 386);
    const ShapanTeam *t = tu_team(w, 2);
    assert_int_equal(t->plants[0].status, SHAPAN_PLANT_RENTED);
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'discount_plant','team':2,'plant':1}");
    st = tu_stmt(w, 2, 1);
    assert_int_equal(st.income[SHAPAN_INC_FINANCE], 44);
    assert_int_equal(st.expenses[SHAPAN_EXP_RENT], 51);
    assert_int_equal(st.balance[SHAPAN_BAL_PLANTS], 0);

    /* team 3: empty plant, 437 at once */
    cash = tu_cash(w, 3);
    TU_OK(w, "{'cmd':'discount_plant','team':3,'plant':1}");
    assert_int_equal(tu_cash(w, 3) - cash, 437);
    assert_int_equal(tu_team(w, 3)->plants[0].status, SHAPAN_PLANT_GONE);
    /* and a plant with a line sold in S5: receivable 481 and a year's rent now */
    TU_GOTO(w, 3, 1, 2, S1);
    TU_OK(w, "{'cmd':'short_loan','team':3,'amount':200}"); /* for the rest of the year */
    TU_NEXT(w, 3, 2);
    TU_OK(w, "{'cmd':'buy_plant','team':3,'type':'large'}");
    TU_OK(w, "{'cmd':'build_line','team':3,'plant':2,'type':'manual','product':'P1'}");
    TU_GOTO(w, 3, 1, 2, S5);
    cash = tu_cash(w, 3);
    TU_OK(w, "{'cmd':'sell_plant','team':3,'plant':2}");
    assert_int_equal(cash - tu_cash(w, 3), 51);
    assert_int_equal(tu_team(w, 3)->recv[shapan_aq(2, 2)], 481);
    assert_int_equal(tu_team(w, 3)->plants[1].status, SHAPAN_PLANT_RENTED);

    /* team 1 collects at S4 of Y2Q1; team 2's rent renews at the end of Y2Q1 */
    TU_GOTO_ALL(w, 2, 1, S3);
    cash = tu_cash(w, 1);
    TU_NEXT(w, 1, 1);
    assert_int_equal(tu_cash(w, 1) - cash, 481);
    assert_int_equal(tu_stmt(w, 1, 2).balance[SHAPAN_BAL_RECEIVABLES], 0);
    TU_GOTO(w, 2, 2, 1, S5);
    cash = tu_cash(w, 2);
    TU_NEXT(w, 2, 1);
    assert_int_equal(cash - tu_cash(w, 2), 51 + 14);
    shapan_world_destroy(w);
}

/* Spends exactly 675 - keep in Y1Q1 S3: a large plant, three flex lines, P1 R&D. */
static void spend_all(ShapanWorld *w, int team, bool keep_admin)
{
    TU_GOTO(w, team, 1, 1, S3);
    TU_OK(w, "{'cmd':'buy_plant','team':%d,'type':'large'}", team);
    for (int i = 0; i < 3; i++)
        TU_OK(w, "{'cmd':'build_line','team':%d,'plant':1,'type':'flex','product':'P1'}", team);
    if (!keep_admin)
        TU_OK(w, "{'cmd':'develop_product','team':%d,'product':'P1'}", team);
    assert_int_equal(tu_cash(w, team), keep_admin ? 14 : 0);
}

/* §3/§5.6: a mandatory payment the cash can't cover refuses the advance and changes
 * nothing; the team raises cash and goes on.  Forced on, it is bankrupt in that
 * quarter; conceding at S6 is a bankruptcy in the next quarter. */
static void test_refused_payment_and_bankruptcy(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 3);
    spend_all(w, 1, false);
    TU_NEXT(w, 1, 2);                                     /* S4 and S5 have no payment */
    TU_FAIL(w, SHAPAN_E_CASH, "{'cmd':'next','team':1}"); /* the admin fee at S6 */
    TU_FAIL(w, SHAPAN_E_CASH, "{'cmd':'end_quarter','team':1}");
    assert_int_equal(tu_stage(w, 1), S5);
    TU_OK(w, "{'cmd':'discount_plant','team':1,'plant':1}"); /* 437 - 51 */
    TU_NEXT(w, 1, 1);
    assert_int_equal(tu_cash(w, 1), 386 - 14);
    assert_false(shapan_view_bankrupt(w, 1, NULL, NULL));

    /* forced on at S5 with no cash: bankrupt in Y1Q1, no statements for year 1 */
    spend_all(w, 2, false);
    TU_NEXT(w, 2, 2);
    TU_OK(w, "{'cmd':'force_end_quarter','team':2}");
    int y = 0, q = 0;
    assert_true(shapan_view_bankrupt(w, 2, &y, &q));
    assert_int_equal(y, 1);
    assert_int_equal(q, 1);
    assert_int_equal(shapan_team_closed_year(w, 2), 0);
    int64_t eq;
    assert_false(shapan_view_equity(w, 2, 1, &eq));
    TU_FAIL(w, SHAPAN_E_BANKRUPT, "{'cmd':'next','team':2}");
    TU_FAIL(w, SHAPAN_E_BANKRUPT, "{'cmd':'discount_plant','team':2,'plant':1}");
    TU_FAIL(w, SHAPAN_E_BANKRUPT, "{'cmd':'undo','team':2}");

    /* cash 0 after the admin fee at S6: the next quarter can't be paid; conceding now is
     * a bankruptcy in Y1Q2 */
    spend_all(w, 3, true);
    TU_GOTO(w, 3, 1, 1, S6);
    assert_int_equal(tu_cash(w, 3), 0);
    TU_OK(w, "{'cmd':'concede','team':3}");
    assert_true(shapan_view_bankrupt(w, 3, &y, &q));
    assert_int_equal(y, 1);
    assert_int_equal(q, 2);
    TU_FAIL(w, SHAPAN_E_BANKRUPT, "{'cmd':'concede','team':3}");
    assert_int_equal(shapan_world_live_teams(w), 1);
    shapan_world_destroy(w);
}

/* §5.6: equity < 0 at the year end -> bankrupt as of Q1 of the next year; this year's
 * statements stand.  2025 borrowed and 2400 spent on emergency P1s (1600 premium). */
static void test_negative_equity_bankruptcy(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 1);
    TU_GOTO(w, 1, 1, 1, S1);
    TU_OK(w, "{'cmd':'short_loan','team':1,'amount':2025}");
    TU_OK(w, "{'cmd':'emergency_buy','team':1,'items':{'P1':50}}");
    TU_GOTO(w, 1, 1, 4, S5);
    assert_false(shapan_view_bankrupt(w, 1, NULL, NULL));
    TU_NEXT(w, 1, 1);
    int y = 0, q = 0;
    assert_true(shapan_view_bankrupt(w, 1, &y, &q));
    assert_int_equal(y, 2);
    assert_int_equal(q, 1);
    assert_int_equal(shapan_team_closed_year(w, 1), 1);
    int64_t eq = 0;
    assert_true(shapan_view_equity(w, 1, 1, &eq));
    assert_int_equal(eq, 675 - 1600 - 56);
    ShapanStatement st = tu_stmt(w, 1, 1);
    assert_int_equal(st.income[SHAPAN_INC_NET], -1656);
    assert_int_equal(st.balance[SHAPAN_BAL_FINISHED], 800);
    assert_int_equal(st.balance[SHAPAN_BAL_ASSETS_TOTAL], st.balance[SHAPAN_BAL_TOTAL]);
    TU_FAIL(w, SHAPAN_E_BANKRUPT, "{'cmd':'next','team':1}");
    TU_FAIL(w, SHAPAN_E_BANKRUPT, "{'cmd':'sell_inventory','team':1,'items':{'P1':1}}");
    assert_true(shapan_world_over(w));
    assert_false(shapan_team_score(w, 1, NULL, NULL));
    shapan_world_destroy(w);
}

/* The parts of a board an undo must restore (the hash also covers the seq and the
 * undo stack, which move on). */
typedef struct {
    int year, quarter, stage, nplants, nlines, nloans, nledger;
    int64_t cash, stock[SHAPAN_MAX_ITEMS], recv;
} Board;

static Board board(const ShapanWorld *w, int team)
{
    const ShapanTeam *t = tu_team(w, team);
    Board b;
    memset(&b, 0, sizeof b);
    b.year = t->year;
    b.quarter = t->quarter;
    b.stage = t->stage;
    b.nplants = t->nplants;
    b.nlines = t->nlines;
    b.nloans = t->nloans;
    b.cash = t->cash;
    for (int i = 0; i < SHAPAN_MAX_MATERIALS; i++)
        b.stock[i] = t->materials[i];
    for (int i = 0; i < SHAPAN_MAX_PRODUCTS; i++)
        b.stock[SHAPAN_MAX_MATERIALS + i] = t->products[i];
    for (int i = 0; i < SHAPAN_MAX_QUARTERS; i++)
        b.recv += t->recv[i];
    shapan_ledger(w, team, &b.nledger);
    return b;
}

static void assert_board(const Board *a, const Board *b)
{
    assert_int_equal(a->year, b->year);
    assert_int_equal(a->quarter, b->quarter);
    assert_int_equal(a->stage, b->stage);
    assert_int_equal(a->nplants, b->nplants);
    assert_int_equal(a->nlines, b->nlines);
    assert_int_equal(a->nloans, b->nloans);
    assert_int_equal(a->nledger, b->nledger);
    assert_int_equal(a->cash, b->cash);
    assert_int_equal(a->recv, b->recv);
    assert_memory_equal(a->stock, b->stock, sizeof a->stock);
}

/* §3 undo: the last action with the stage steps since; an action taken at S6 belongs
 * to the next quarter and can be undone from there; nothing before the quarter's S6;
 * spy is not undoable. */
static void test_undo(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 2);
    TU_GOTO(w, 1, 1, 1, S3);
    TU_FAIL(w, SHAPAN_E_NOTHING, "{'cmd':'undo','team':1}");
    Board b0 = board(w, 1);
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'small'}");
    Board b1 = board(w, 1);
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'manual','product':'P1'}");
    TU_NEXT(w, 1, 2);                    /* S5 */
    TU_OK(w, "{'cmd':'undo','team':1}"); /* the line, and the two steps */
    Board now = board(w, 1);
    assert_board(&now, &b1);
    TU_OK(w, "{'cmd':'undo','team':1}");
    now = board(w, 1);
    assert_board(&now, &b0);
    TU_FAIL(w, SHAPAN_E_NOTHING, "{'cmd':'undo','team':1}");

    /* entering S6 is a barrier */
    TU_GOTO(w, 1, 1, 1, S5);
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P1'}");
    TU_NEXT(w, 1, 1);
    TU_FAIL(w, SHAPAN_E_NOTHING, "{'cmd':'undo','team':1}");
    assert_int_equal(tu_cash(w, 1), 675 - 14 - 14);

    /* an action at S6 is dated in the next quarter and undone from its S1 */
    Board s6 = board(w, 1);
    TU_OK(w, "{'cmd':'emergency_buy','team':1,'items':{'R1':1}}");
    int n = 0;
    const ShapanEntry *e = shapan_ledger(w, 1, &n);
    assert_int_equal(e[n - 1].year, 1);
    assert_int_equal(e[n - 1].quarter, 2);
    TU_NEXT(w, 1, 1);
    assert_int_equal(tu_stage(w, 1), S1);
    TU_OK(w, "{'cmd':'undo','team':1}");
    now = board(w, 1);
    assert_board(&now, &s6);

    /* ... also across the year end: the next year start's interest is taken back */
    TU_GOTO(w, 2, 1, 1, LL);
    TU_OK(w, "{'cmd':'long_loan','team':2,'amount':100,'years':4}");
    TU_GOTO(w, 2, 1, 4, S6);
    Board y1 = board(w, 2);
    TU_OK(w, "{'cmd':'emergency_buy','team':2,'items':{'R1':1}}");
    TU_NEXT(w, 2, 1); /* year 2 start: 12 interest */
    assert_int_equal(tu_stage(w, 2), YS);
    assert_int_equal(y1.cash - 16 - 12, tu_cash(w, 2));
    TU_OK(w, "{'cmd':'undo','team':2}");
    now = board(w, 2);
    assert_board(&now, &y1);
    assert_int_equal(shapan_team_closed_year(w, 2), 1);

    /* spy: paid and seen, not undoable, and nothing before it can be undone either */
    TU_GOTO(w, 1, 1, 2, S3);
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'small'}");
    int64_t cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'spy','team':1,'target':2}");
    assert_int_equal(cash - tu_cash(w, 1), 5);
    assert_non_null(shapan_view_spied(w, 1, 2));
    TU_FAIL(w, SHAPAN_E_NOTHING, "{'cmd':'undo','team':1}");
    TU_FAIL(w, SHAPAN_E_TEAM, "{'cmd':'spy','team':1,'target':1}");
    assert_int_equal(tu_stmt(w, 1, 1).expenses[SHAPAN_EXP_INFO], 5);
    shapan_world_destroy(w);
}

/* A clone is a deep copy: its boards and undo snapshots are its own, so undoing in
 * the clone after the original is gone gives the original's undone board. */
static void test_clone_owns_its_boards(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 2);
    TU_GOTO(w, 1, 1, 1, S3);
    Board b0 = board(w, 1);
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'small'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'manual','product':'P1'}");
    ShapanWorld *c = shapan_world_clone(w);
    assert_non_null(c);
    char where[128];
    assert_true(shapan_world_equal(w, c, where, sizeof where));
    assert_int_equal(shapan_world_hash(w), shapan_world_hash(c));
    TU_OK(w, "{'cmd':'undo','team':1}");
    TU_OK(w, "{'cmd':'undo','team':1}");
    uint64_t undone = shapan_world_hash(w);
    shapan_world_destroy(w);
    TU_OK(c, "{'cmd':'undo','team':1}");
    TU_OK(c, "{'cmd':'undo','team':1}");
    assert_int_equal(shapan_world_hash(c), undone);
    Board now = board(c, 1);
    assert_board(&now, &b0);
    assert_int_equal(now.cash, 675);
    shapan_world_destroy(c);
}

/* §5.7: score = half_up(equity x (100 + potential) / 100) after the last year; after it
 * every command is refused (E_GAME_OVER); a bankrupt team has no score. */
static void test_score_and_game_over(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 2);
    TU_OK(w, "{'cmd':'concede','team':2}");
    TU_GOTO(w, 1, 1, 1, S3);
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P1'}");
    TU_OK(w, "{'cmd':'buy_plant','team':1,'type':'small'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'manual','product':'P1'}");
    TU_GOTO(w, 1, 1, 4, S5);
    TU_OK(w, "{'cmd':'develop_market','team':1,'market':'local'}");
    TU_GOTO(w, 1, 5, 4, S5);
    assert_false(shapan_team_score(w, 1, NULL, NULL));
    TU_NEXT(w, 1, 1);
    /* Y1 -93 (admin 56, R&D 14, market 8, maintenance 15); Y2-Y4 -81 (admin, maintenance,
     * depreciation 10); Y5 -71 (the manual line is at its residual 10) */
    int64_t eq = 0;
    assert_true(shapan_view_equity(w, 1, 5, &eq));
    assert_int_equal(eq, 675 - 93 - 3 * 81 - 71);
    int64_t score = 0, pot = 0;
    assert_true(shapan_team_score(w, 1, &score, &pot));
    assert_int_equal(pot, 6 + 5 + 2 + 5); /* local, P1, owned small plant, manual line */
    assert_int_equal(score, 316);         /* half_up(268 x 118 / 100) = half_up(316.24) */
    assert_true(shapan_world_over(w));
    TU_FAIL(w, SHAPAN_E_GAME_OVER, "{'cmd':'next','team':1}");
    TU_FAIL(w, SHAPAN_E_GAME_OVER, "{'cmd':'emergency_buy','team':1,'items':{'R1':1}}");
    TU_FAIL(w, SHAPAN_E_GAME_OVER, "{'cmd':'undo','team':1}");
    assert_false(shapan_team_score(w, 2, NULL, NULL));
    shapan_world_destroy(w);
}

/* §8: the classic scenario's inherited company: year 0 and the payments of entering
 * year 1 (tax 1, interest half_up(10 % x 40) = 4). */
static void test_classic_opening(void **state)
{
    (void)state;
    ShapanScenario *sc = tu_load("scenarios/classic.json");
    ShapanWorld *w = tu_world(sc, 1);
    ShapanStatement st = tu_stmt(w, 1, 0);
    assert_int_equal(st.balance[SHAPAN_BAL_ASSETS_TOTAL], 105);
    assert_int_equal(st.balance[SHAPAN_BAL_TOTAL], 105);
    assert_int_equal(st.balance[SHAPAN_BAL_EQUITY], 64);
    assert_int_equal(st.balance[SHAPAN_BAL_CASH], 20);
    assert_int_equal(st.balance[SHAPAN_BAL_RECEIVABLES], 15);
    assert_int_equal(st.balance[SHAPAN_BAL_LONG_LOANS], 40);
    assert_int_equal(st.balance[SHAPAN_BAL_TAX_PAYABLE], 1);
    assert_int_equal(st.balance[SHAPAN_BAL_CAPITAL], 50);
    assert_int_equal(st.balance[SHAPAN_BAL_RETAINED], 11);
    assert_int_equal(st.balance[SHAPAN_BAL_NET_PROFIT], 3);
    assert_int_equal(st.balance[SHAPAN_BAL_PLANTS], 40);
    assert_int_equal(st.balance[SHAPAN_BAL_MACHINERY], 13);
    assert_int_equal(st.income[SHAPAN_INC_REVENUE], 35);
    assert_int_equal(st.income[SHAPAN_INC_NET], 3);

    assert_int_equal(tu_stage(w, 1), YS);
    assert_int_equal(tu_cash(w, 1), 15);
    assert_int_equal(tu_booked(w, 1, 1, 1, SHAPAN_ACC_TAX_PAYABLE, SHAPAN_ACC_CASH), 1);
    assert_int_equal(tu_booked(w, 1, 1, 1, SHAPAN_ACC_FINANCE, SHAPAN_ACC_CASH), 4);
    st = tu_stmt(w, 1, 1);
    assert_int_equal(st.balance[SHAPAN_BAL_TAX_PAYABLE], 0);
    assert_int_equal(st.income[SHAPAN_INC_FINANCE], 4);
    assert_int_equal(st.balance[SHAPAN_BAL_RETAINED], 14);

    /* year 1 has a meeting: ads first; then the inherited P1s reach stock at S1 of Q1 (1),
     * Q2 (2) and Q3 (1), and the 15 in slot 3 is collected at S4 of Y1Q3 */
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'next','team':1}");
    int p1 = tu_product(w, "P1");
    TU_GOTO(w, 1, 1, 1, S1);
    assert_int_equal(tu_team(w, 1)->products[p1], 4);
    TU_GOTO(w, 1, 1, 2, S1);
    assert_int_equal(tu_team(w, 1)->products[p1], 6);
    TU_GOTO(w, 1, 1, 3, S1);
    assert_int_equal(tu_team(w, 1)->products[p1], 7);
    TU_GOTO(w, 1, 1, 3, S3);
    int64_t cash = tu_cash(w, 1);
    TU_NEXT(w, 1, 1);
    assert_int_equal(tu_cash(w, 1) - cash, 15);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example),
        cmocka_unit_test(test_rent_return_rent_to_buy),
        cmocka_unit_test(test_sell_and_discount_plant),
        cmocka_unit_test(test_refused_payment_and_bankruptcy),
        cmocka_unit_test(test_negative_equity_bankruptcy),
        cmocka_unit_test(test_undo),
        cmocka_unit_test(test_clone_owns_its_boards),
        cmocka_unit_test(test_score_and_game_over),
        cmocka_unit_test(test_classic_opening),
    };
    return cmocka_run_group_tests(tests, tu_setup_no_orders, tu_teardown_scenario);
}
