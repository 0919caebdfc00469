/* The money rules of RULES.md with the default scenario's numbers: loans and their
 * interest, the loan cap, discounting, income tax with loss carry-forward, default
 * penalties, emergency purchases and inventory sales.  Every command goes through
 * the command table and is followed by shapan_world_verify (boardutil.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardutil.h"

typedef struct {
    ShapanScenario *sc;
    ShapanWorld *w;
} Fx;

static Fx fx_new(void)
{
    Fx f;
    f.sc = tu_load_standard();
    tu_clear_orders(f.sc); /* no orders unless the test adds them */
    f.w = NULL;
    return f;
}

static void fx_start(Fx *f, int nteams) { f->w = tu_world(f->sc, nteams); }

static void fx_free(Fx *f)
{
    shapan_world_destroy(f->w);
    shapan_scenario_free(f->sc);
}

/* §1/§3: short loan 409 taken Y1Q4 S1 is repaid at Y2Q4 S1 with 409 + half_up(20.45) = 429,
 * before that quarter's new loans. */
static void test_short_loan_interest(void **state)
{
    (void)state;
    Fx f = fx_new();
    fx_start(&f, 1);
    ShapanWorld *w = f.w;
    /* two loans of 10 in Y1Q3: each is repaid with 10 + half_up(0.5) = 11 (rounded per
     * loan, as the rule is stated per principal; on the total it would be 21) */
    TU_GOTO(w, 1, 1, 3, S1);
    TU_OK(w, "{'cmd':'short_loan','team':1,'amount':10}");
    TU_OK(w, "{'cmd':'short_loan','team':1,'amount':10}");
    TU_GOTO(w, 1, 1, 4, S1);
    TU_OK(w, "{'cmd':'short_loan','team':1,'amount':409}");
    assert_int_equal(tu_cash(w, 1), 675 - 3 * 14 + 20 + 409);
    TU_GOTO(w, 1, 1, 4, S6);
    ShapanStatement y1 = tu_stmt(w, 1, 1);
    assert_int_equal(y1.balance[SHAPAN_BAL_SHORT_LOANS], 429);
    assert_int_equal(y1.income[SHAPAN_INC_FINANCE], 0); /* interest is paid with the principal */

    TU_GOTO(w, 1, 2, 2, S6);
    int64_t before = tu_cash(w, 1);
    TU_NEXT(w, 1, 1); /* Y2Q3 S1 */
    assert_int_equal(before - tu_cash(w, 1), 22);
    assert_int_equal(tu_booked(w, 1, 2, 3, SHAPAN_ACC_FINANCE, SHAPAN_ACC_CASH), 2);
    TU_GOTO(w, 1, 2, 3, S6);
    before = tu_cash(w, 1);
    assert_int_equal(tu_stmt(w, 1, 2).balance[SHAPAN_BAL_SHORT_LOANS], 409);
    TU_NEXT(w, 1, 1); /* Y2Q4 S1 */
    assert_int_equal(before - tu_cash(w, 1), 429);
    assert_int_equal(tu_booked(w, 1, 2, 4, SHAPAN_ACC_FINANCE, SHAPAN_ACC_CASH), 20);
    assert_int_equal(tu_booked(w, 1, 2, 4, SHAPAN_ACC_SHORT_LOANS, SHAPAN_ACC_CASH), 409);
    ShapanStatement y2 = tu_stmt(w, 1, 2);
    assert_int_equal(y2.balance[SHAPAN_BAL_SHORT_LOANS], 0);
    assert_int_equal(y2.income[SHAPAN_INC_FINANCE], 2 + 20);
    assert_int_equal(tu_team(w, 1)->nloans, 0);
    fx_free(&f);
}

/* §1: minimum 10, cap 3 x equity of the previous year (year 1: 675 -> 2025), short loans
 * only in S1, long loans only in the long-loan window, terms 1-4 years. */
static void test_loan_limits(void **state)
{
    (void)state;
    Fx f = fx_new();
    fx_start(&f, 1);
    ShapanWorld *w = f.w;
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'short_loan','team':1,'amount':100}");
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'long_loan','team':1,'amount':100,'years':2}");
    TU_NEXT(w, 1, 1); /* long-loan window */
    assert_int_equal(tu_stage(w, 1), LL);
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'short_loan','team':1,'amount':100}");
    TU_FAIL(w, SHAPAN_E_AMOUNT, "{'cmd':'long_loan','team':1,'amount':9,'years':2}");
    TU_FAIL(w, SHAPAN_E_RANGE, "{'cmd':'long_loan','team':1,'amount':100,'years':0}");
    TU_FAIL(w, SHAPAN_E_RANGE, "{'cmd':'long_loan','team':1,'amount':100,'years':5}");
    TU_FAIL(w, SHAPAN_E_LOAN_CAP, "{'cmd':'long_loan','team':1,'amount':2026,'years':4}");
    TU_NEXT(w, 1, 1); /* S1 */
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'long_loan','team':1,'amount':100,'years':2}");
    TU_FAIL(w, SHAPAN_E_AMOUNT, "{'cmd':'short_loan','team':1,'amount':9}");
    TU_FAIL(w, SHAPAN_E_LOAN_CAP, "{'cmd':'short_loan','team':1,'amount':2026}");
    TU_OK(w, "{'cmd':'short_loan','team':1,'amount':2025}");
    TU_FAIL(w, SHAPAN_E_LOAN_CAP, "{'cmd':'short_loan','team':1,'amount':10}");
    TU_NEXT(w, 1, 1);
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'short_loan','team':1,'amount':10}");

    /* Y1 equity = 675 - 4 x 14 admin = 619 -> cap 1857.  In the Y2 window the short
     * loan due at Y2Q1 S1 still counts, so even 10 is over the cap. */
    TU_GOTO(w, 1, 2, 1, LL);
    int64_t eq = 0;
    assert_true(shapan_view_equity(w, 1, 1, &eq));
    assert_int_equal(eq, 619);
    TU_FAIL(w, SHAPAN_E_LOAN_CAP, "{'cmd':'long_loan','team':1,'amount':10,'years':1}");
    /* S1 repays it first (2025 + half_up(101.25) = 2126), then 1857 fits and 1858 does not */
    int64_t before = tu_cash(w, 1);
    TU_NEXT(w, 1, 1);
    assert_int_equal(before - tu_cash(w, 1), 2025 + 101);
    TU_FAIL(w, SHAPAN_E_LOAN_CAP, "{'cmd':'short_loan','team':1,'amount':1858}");
    TU_OK(w, "{'cmd':'short_loan','team':1,'amount':1857}");
    fx_free(&f);
}

/* §6: long-loan interest half_up(12 % x total) rounded once on the total; the principal
 * of a loan taken at year y start for n years is repaid at the start of year y + n. */
static void test_long_loan_interest(void **state)
{
    (void)state;
    Fx f = fx_new();
    fx_start(&f, 2);
    ShapanWorld *w = f.w;
    TU_GOTO(w, 1, 1, 1, LL);
    TU_OK(w, "{'cmd':'long_loan','team':1,'amount':15,'years':1}");
    TU_OK(w, "{'cmd':'long_loan','team':1,'amount':15,'years':2}");
    TU_GOTO(w, 2, 1, 1, LL);
    TU_OK(w, "{'cmd':'long_loan','team':2,'amount':100,'years':4}");
    assert_int_equal(tu_stmt(w, 1, 1).balance[SHAPAN_BAL_LONG_LOANS], 30);

    TU_GOTO_ALL(w, 1, 4, S6);
    int64_t c1 = tu_cash(w, 1), c2 = tu_cash(w, 2);
    TU_GOTO_ALL(w, 2, 1, YS);
    /* 12 % x 30 = 3.6 -> 4 (not 2 + 2), then loan A's 15 */
    assert_int_equal(tu_booked(w, 1, 2, 1, SHAPAN_ACC_FINANCE, SHAPAN_ACC_CASH), 4);
    assert_int_equal(tu_booked(w, 1, 2, 1, SHAPAN_ACC_LONG_LOANS, SHAPAN_ACC_CASH), 15);
    assert_int_equal(c1 - tu_cash(w, 1), 19);
    assert_int_equal(tu_booked(w, 2, 2, 1, SHAPAN_ACC_FINANCE, SHAPAN_ACC_CASH), 12);
    assert_int_equal(c2 - tu_cash(w, 2), 12);
    assert_int_equal(tu_stmt(w, 1, 2).balance[SHAPAN_BAL_LONG_LOANS], 15);

    TU_GOTO_ALL(w, 3, 1, YS);
    /* 12 % x 15 = 1.8 -> 2, then loan B */
    assert_int_equal(tu_booked(w, 1, 3, 1, SHAPAN_ACC_FINANCE, SHAPAN_ACC_CASH), 2);
    assert_int_equal(tu_booked(w, 1, 3, 1, SHAPAN_ACC_LONG_LOANS, SHAPAN_ACC_CASH), 15);
    assert_int_equal(tu_stmt(w, 1, 3).balance[SHAPAN_BAL_LONG_LOANS], 0);
    assert_int_equal(tu_stmt(w, 1, 2).income[SHAPAN_INC_FINANCE], 4);

    TU_GOTO_ALL(w, 5, 1, YS);
    /* team 2: interest at the start of years 2..5, principal at the start of year 5 */
    for (int y = 2; y <= 5; y++)
        assert_int_equal(tu_booked(w, 2, y, 1, SHAPAN_ACC_FINANCE, SHAPAN_ACC_CASH), 12);
    assert_int_equal(tu_booked(w, 2, 4, 1, SHAPAN_ACC_LONG_LOANS, SHAPAN_ACC_CASH), 0);
    assert_int_equal(tu_booked(w, 2, 5, 1, SHAPAN_ACC_LONG_LOANS, SHAPAN_ACC_CASH), 100);
    assert_int_equal(tu_team(w, 2)->nloans, 0);
    fx_free(&f);
}

/* Year 1 of a team that can take local P1 orders in year 2: P1 R&D in Q1, the local
 * market in Q4 (14 + 8 + 4 x 14 admin = 78 of expenses). */
static void year1_local_p1(ShapanWorld *w, int team)
{
    TU_GOTO(w, team, 1, 1, S3);
    TU_OK(w, "{'cmd':'develop_product','team':%d,'product':'P1'}", team);
    TU_GOTO(w, team, 1, 4, S5);
    TU_OK(w, "{'cmd':'develop_market','team':%d,'market':'local'}", team);
    TU_GOTO(w, team, 1, 4, S6);
    assert_int_equal(tu_stmt(w, team, 1).income[SHAPAN_INC_NET], -78);
}

/* §3 discount: fee = ceil((a1 + a2) x 8 %) + ceil((a3 + a4) x 9 %); slots 1 and 2 are
 * discounted together.  Receivables come from delivered orders with a term. */
static void test_discount_fees(void **state)
{
    (void)state;
    Fx f = fx_new();
    tu_add_order(f.sc, "D1", 2, "local", "P1", 1, 77, 1, 3);
    tu_add_order(f.sc, "D2", 2, "local", "P1", 1, 30, 1, 1);
    tu_add_order(f.sc, "D3", 2, "local", "P1", 1, 30, 1, 2);
    fx_start(&f, 1);
    ShapanWorld *w = f.w;
    year1_local_p1(w, 1);
    TU_NEXT(w, 1, 1); /* Y2 year start */
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':50}]}");
    /* 1 + floor((50 - 10) / 20) = 3 picks */
    TU_OK(w, "{'cmd':'pick','team':1,'order':'D1'}");
    TU_OK(w, "{'cmd':'pick','team':1,'order':'D2'}");
    TU_OK(w, "{'cmd':'pick','team':1,'order':'D3'}");
    assert_int_equal(tu_stage(w, 1), LL);
    TU_GOTO(w, 1, 2, 1, S4);
    TU_OK(w, "{'cmd':'emergency_buy','team':1,'items':{'P1':3}}");
    TU_OK(w, "{'cmd':'deliver','team':1,'order':'D1'}");
    TU_OK(w, "{'cmd':'deliver','team':1,'order':'D2'}");
    TU_OK(w, "{'cmd':'deliver','team':1,'order':'D3'}");
    /* term k -> due at S4 k quarters later: Y2Q2 30, Y2Q3 30, Y2Q4 77 (slots 1, 2, 3) */
    const ShapanTeam *t = tu_team(w, 1);
    assert_int_equal(t->recv[shapan_aq(2, 2)], 30);
    assert_int_equal(t->recv[shapan_aq(2, 3)], 30);
    assert_int_equal(t->recv[shapan_aq(2, 4)], 77);
    ShapanStatement st = tu_stmt(w, 1, 2);
    assert_int_equal(st.balance[SHAPAN_BAL_RECEIVABLES], 137);
    assert_int_equal(st.income[SHAPAN_INC_REVENUE], 137);
    assert_int_equal(st.income[SHAPAN_INC_DIRECT_COST], 3 * 16);

    TU_FAIL(w, SHAPAN_E_AMOUNT, "{'cmd':'discount','team':1,'slots':[0,0,78,0]}");
    TU_FAIL(w, SHAPAN_E_AMOUNT, "{'cmd':'discount','team':1,'slots':[0,0,0,0]}");
    TU_FAIL(w, SHAPAN_E_AMOUNT, "{'cmd':'discount','team':1,'slots':[0,0,0,1]}");
    int64_t cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'discount','team':1,'slots':[0,0,77,0]}"); /* ceil(6.93) = 7 */
    assert_int_equal(tu_cash(w, 1) - cash, 70);
    cash = tu_cash(w, 1);
    /* together ceil(30 x 8 %) = ceil(2.4) = 3; slot by slot it would be 2 + 2 */
    TU_OK(w, "{'cmd':'discount','team':1,'slots':[15,15,0,0]}");
    assert_int_equal(tu_cash(w, 1) - cash, 27);
    st = tu_stmt(w, 1, 2);
    assert_int_equal(st.income[SHAPAN_INC_FINANCE], 10);
    assert_int_equal(st.balance[SHAPAN_BAL_RECEIVABLES], 30);

    /* the rest is collected at S4 of its quarter */
    TU_GOTO(w, 1, 2, 2, S3);
    cash = tu_cash(w, 1);
    TU_NEXT(w, 1, 1);
    assert_int_equal(tu_cash(w, 1) - cash, 15);
    /* at S6 slot 1 is the next quarter's collection: Y2Q3's 15 */
    TU_GOTO(w, 1, 2, 2, S6);
    TU_FAIL(w, SHAPAN_E_AMOUNT, "{'cmd':'discount','team':1,'slots':[16,0,0,0]}");
    cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'discount','team':1,'slots':[15,0,0,0]}"); /* ceil(1.2) = 2 */
    assert_int_equal(tu_cash(w, 1) - cash, 13);
    assert_int_equal(tu_stmt(w, 1, 2).balance[SHAPAN_BAL_RECEIVABLES], 0);
    fx_free(&f);
}

/* §6 tax: pool of losses; tax = half_up(25 % x max(0, EBT - pool)), paid next year start.
 * Team 1: Y1 -78, Y2 EBT 384 -> half_up(25 % x 306) = half_up(76.5) = 77.
 * Team 2: Y1 -78, Y2 EBT 35 -> no tax, pool 78 - 35 = 43. */
static void test_tax_loss_carry_forward(void **state)
{
    (void)state;
    Fx f = fx_new();
    tu_add_order(f.sc, "T1", 2, "local", "P1", 1, 500, 1, 0);
    tu_add_order(f.sc, "T2", 2, "local", "P1", 1, 150, 1, 0);
    fx_start(&f, 2);
    ShapanWorld *w = f.w;
    year1_local_p1(w, 1);
    year1_local_p1(w, 2);
    assert_int_equal(tu_stmt(w, 1, 1).income[SHAPAN_INC_TAX], 0);
    assert_int_equal(tu_team(w, 1)->loss_pool, 78);
    TU_NEXT(w, 1, 1);
    TU_NEXT(w, 2, 1);
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':12}]}");
    TU_OK(w, "{'cmd':'ads','team':2,'bids':[{'market':'local','product':'P1','amount':11}]}");
    TU_FAIL(w, SHAPAN_E_NOT_YOUR_TURN, "{'cmd':'pick','team':2,'order':'T2'}");
    TU_OK(w, "{'cmd':'pick','team':1,'order':'T1'}");
    TU_OK(w, "{'cmd':'pick','team':2,'order':'T2'}");
    /* the cap now uses the equity at the end of year 1: 3 x 597 = 1791 */
    TU_FAIL(w, SHAPAN_E_LOAN_CAP, "{'cmd':'long_loan','team':1,'amount':1792,'years':1}");
    for (int team = 1; team <= 2; team++) {
        TU_GOTO(w, team, 2, 1, S4);
        TU_OK(w, "{'cmd':'emergency_buy','team':%d,'items':{'P1':1}}", team);
        TU_OK(w, "{'cmd':'deliver','team':%d,'order':'T%d'}", team, team);
    }
    TU_GOTO_ALL(w, 2, 4, S6);
    ShapanStatement a = tu_stmt(w, 1, 2), b = tu_stmt(w, 2, 2);
    /* 500 - 16 - (56 admin + 12 ads + 32 emergency premium) */
    assert_int_equal(a.income[SHAPAN_INC_EBT], 384);
    assert_int_equal(a.income[SHAPAN_INC_TAX], 77);
    assert_int_equal(a.income[SHAPAN_INC_NET], 307);
    assert_int_equal(a.balance[SHAPAN_BAL_TAX_PAYABLE], 77);
    assert_int_equal(a.balance[SHAPAN_BAL_RETAINED], -78);
    assert_int_equal(a.balance[SHAPAN_BAL_EQUITY], 675 - 78 + 307);
    assert_int_equal(tu_team(w, 1)->loss_pool, 0);
    assert_int_equal(b.income[SHAPAN_INC_EBT], 35);
    assert_int_equal(b.income[SHAPAN_INC_TAX], 0);
    assert_int_equal(tu_team(w, 2)->loss_pool, 43);

    int64_t cash = tu_cash(w, 1);
    TU_GOTO_ALL(w, 3, 1, YS);
    assert_int_equal(cash - tu_cash(w, 1), 77);
    assert_int_equal(tu_stmt(w, 1, 3).balance[SHAPAN_BAL_TAX_PAYABLE], 0);
    /* year 3 is a loss (admin only): no tax, and it starts a new pool */
    TU_GOTO_ALL(w, 3, 4, S6);
    assert_int_equal(tu_stmt(w, 1, 3).income[SHAPAN_INC_TAX], 0);
    assert_int_equal(tu_team(w, 1)->loss_pool, 56);
    assert_int_equal(tu_team(w, 2)->loss_pool, 43 + 56);
    fx_free(&f);
}

/* §5.2: an order not delivered by its quarter is revoked at year end with a penalty of
 * half_up(20 % x price): 77 -> 15 (15.4), 78 -> 16 (15.6).  A delivered order costs nothing. */
static void test_default_penalties(void **state)
{
    (void)state;
    Fx f = fx_new();
    tu_add_order(f.sc, "P77", 2, "local", "P1", 1, 77, 2, 0);
    tu_add_order(f.sc, "P78", 2, "local", "P1", 1, 78, 3, 0);
    tu_add_order(f.sc, "P40", 2, "local", "P1", 1, 40, 1, 0);
    fx_start(&f, 1);
    ShapanWorld *w = f.w;
    year1_local_p1(w, 1);
    TU_NEXT(w, 1, 1);
    TU_OK(w, "{'cmd':'ads','team':1,'bids':[{'market':'local','product':'P1','amount':50}]}");
    TU_OK(w, "{'cmd':'pick','team':1,'order':'P77'}");
    TU_OK(w, "{'cmd':'pick','team':1,'order':'P78'}");
    TU_OK(w, "{'cmd':'pick','team':1,'order':'P40'}");
    TU_GOTO(w, 1, 2, 1, S4);
    TU_FAIL(w, SHAPAN_E_STOCK, "{'cmd':'deliver','team':1,'order':'P40'}");
    TU_OK(w, "{'cmd':'emergency_buy','team':1,'items':{'P1':2}}");
    TU_OK(w, "{'cmd':'deliver','team':1,'order':'P40'}");
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'deliver','team':1,'order':'P40'}");
    /* too late for P77 (due by Q2) in Q3 */
    TU_GOTO(w, 1, 2, 3, S4);
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'deliver','team':1,'order':'P77'}");
    TU_GOTO(w, 1, 2, 4, S5);
    assert_int_equal(tu_stmt(w, 1, 2).expenses[SHAPAN_EXP_LOSS], 2 * 32);
    int64_t cash = tu_cash(w, 1);
    TU_NEXT(w, 1, 1); /* S6: admin, year end */
    assert_int_equal(cash - tu_cash(w, 1), 14 + 15 + 16);
    ShapanStatement st = tu_stmt(w, 1, 2);
    assert_int_equal(st.expenses[SHAPAN_EXP_LOSS], 2 * 32 + 15 + 16);
    assert_int_equal(st.income[SHAPAN_INC_REVENUE], 40);
    const ShapanTeam *t = tu_team(w, 1);
    assert_int_equal(t->defaulted_prev[tu_market(w, "local")], 1);
    assert_int_equal(t->sales_prev[tu_market(w, "local")], 40);
    fx_free(&f);
}

/* §3: emergency purchase at 2 x price / 3 x direct cost, the premium is loss; inventory
 * sale of products at direct cost, materials floor(80 % x basket), the rest is loss. */
static void test_emergency_and_inventory_sale(void **state)
{
    (void)state;
    Fx f = fx_new();
    fx_start(&f, 1);
    ShapanWorld *w = f.w;
    /* any time: even at the year start */
    TU_FAIL(w, SHAPAN_E_CASH, "{'cmd':'emergency_buy','team':1,'items':{'P5':5}}"); /* 840 */
    TU_FAIL(w, SHAPAN_E_AMOUNT, "{'cmd':'emergency_buy','team':1,'items':{}}");
    TU_OK(w, "{'cmd':'emergency_buy','team':1,'items':{'R1':2,'R4':3,'P1':1}}");
    /* 2 x (16 + 30) + 3 x 16 = 140 paid; standard cost 46 + 16; premium 78 */
    assert_int_equal(tu_cash(w, 1), 675 - 140);
    const ShapanTeam *t = tu_team(w, 1);
    assert_int_equal(t->materials[tu_item(w, "R1")], 2);
    assert_int_equal(t->materials[tu_item(w, "R4")], 3);
    assert_int_equal(t->products[tu_product(w, "P1")], 1);
    ShapanStatement st = tu_stmt(w, 1, 1);
    assert_int_equal(st.expenses[SHAPAN_EXP_LOSS], 78);
    assert_int_equal(st.balance[SHAPAN_BAL_MATERIALS], 46);
    assert_int_equal(st.balance[SHAPAN_BAL_FINISHED], 16);

    TU_FAIL(w, SHAPAN_E_STOCK, "{'cmd':'sell_inventory','team':1,'items':{'R1':3}}");
    TU_FAIL(w, SHAPAN_E_STOCK, "{'cmd':'sell_inventory','team':1,'items':{'P2':1}}");
    int64_t cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'sell_inventory','team':1,'items':{'R1':2,'R4':3,'P1':1}}");
    /* floor(46 x 80 %) = 36 for the materials, 16 for the P1 */
    assert_int_equal(tu_cash(w, 1) - cash, 36 + 16);
    st = tu_stmt(w, 1, 1);
    assert_int_equal(st.expenses[SHAPAN_EXP_LOSS], 78 + 10);
    assert_int_equal(st.balance[SHAPAN_BAL_MATERIALS], 0);
    assert_int_equal(st.balance[SHAPAN_BAL_FINISHED], 0);

    /* the floor is taken over the basket's materials: 2 R1 + 1 R2 = 25 -> 20 (item by
     * item it would be 12 + 7 = 19) */
    TU_OK(w, "{'cmd':'emergency_buy','team':1,'items':{'R1':2,'R2':1}}");
    cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'sell_inventory','team':1,'items':{'R1':2,'R2':1}}");
    assert_int_equal(tu_cash(w, 1) - cash, 20);
    fx_free(&f);
}

/* Year 0 of the default scenario: share capital only. */
static void test_opening_statements(void **state)
{
    (void)state;
    Fx f = fx_new();
    fx_start(&f, 1);
    ShapanStatement st = tu_stmt(f.w, 1, 0);
    assert_int_equal(st.balance[SHAPAN_BAL_CASH], 675);
    assert_int_equal(st.balance[SHAPAN_BAL_ASSETS_TOTAL], 675);
    assert_int_equal(st.balance[SHAPAN_BAL_CAPITAL], 675);
    assert_int_equal(st.balance[SHAPAN_BAL_EQUITY], 675);
    assert_int_equal(st.balance[SHAPAN_BAL_LIABILITIES_TOTAL], 0);
    assert_int_equal(st.income[SHAPAN_INC_NET], 0);
    assert_int_equal(tu_cash(f.w, 1), 675);
    fx_free(&f);
}

/* §3/§5.6 at the year end: entering the next year start pays the tax and the long-loan
 * interest; when the cash can't cover them `next` is refused; forced on, the team is
 * bankrupt in Y2Q1 and year 1's statements stand.  An action at Y1Q4 S6 belongs to
 * year 2, and so does a concession there. */
static void test_year_start_payment_refused(void **state)
{
    (void)state;
    Fx f = fx_new();
    fx_start(&f, 2);
    ShapanWorld *w = f.w;
    /* 675 + 100 - 481 - 3 x 60 - (14 + 14 + 15) R&D - 8 market - 56 admin = 7 < 12 */
    TU_GOTO(w, 1, 1, 1, LL);
    TU_OK(w, "{'cmd':'long_loan','team':1,'amount':100,'years':3}");
    TU_GOTO(w, 1, 1, 1, S3);
    TU_OK(w, "{'cmd':'buy_plant','team':1,'type':'large'}");
    for (int i = 0; i < 3; i++)
        TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'flex','product':'P1'}");
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P1'}");
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P2'}");
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P3'}");
    TU_GOTO(w, 1, 1, 4, S5);
    TU_OK(w, "{'cmd':'develop_market','team':1,'market':'local'}");
    TU_NEXT(w, 1, 1);
    assert_int_equal(tu_cash(w, 1), 7);
    assert_int_equal(shapan_team_closed_year(w, 1), 1);
    TU_FAIL(w, SHAPAN_E_CASH, "{'cmd':'next','team':1}");
    TU_OK(w, "{'cmd':'force_end_quarter','team':1}");
    int y = 0, q = 0;
    assert_true(shapan_view_bankrupt(w, 1, &y, &q));
    assert_int_equal(y, 2);
    assert_int_equal(q, 1);
    int64_t eq = 0;
    assert_true(shapan_view_equity(w, 1, 1, &eq));
    assert_int_equal(eq, 675 - 56 - 43 - 8);

    /* team 2: a discount fee paid at Y1Q4 S6 is year 2's finance cost */
    TU_GOTO(w, 2, 1, 1, S3);
    TU_OK(w, "{'cmd':'buy_plant','team':2,'type':'large'}");
    TU_GOTO(w, 2, 1, 4, S5);
    TU_OK(w, "{'cmd':'sell_plant','team':2,'plant':1}"); /* 481 due at Y2Q4 */
    TU_NEXT(w, 2, 1);
    TU_OK(w, "{'cmd':'discount','team':2,'slots':[0,0,0,100]}"); /* ceil(9) = 9 */
    assert_int_equal(tu_stmt(w, 2, 1).income[SHAPAN_INC_FINANCE], 0);
    assert_int_equal(tu_stmt(w, 2, 2).income[SHAPAN_INC_FINANCE], 9);
    assert_int_equal(tu_stmt(w, 2, 1).balance[SHAPAN_BAL_RECEIVABLES], 481);
    assert_int_equal(tu_stmt(w, 2, 2).balance[SHAPAN_BAL_RECEIVABLES], 381);
    TU_OK(w, "{'cmd':'concede','team':2}");
    assert_true(shapan_view_bankrupt(w, 2, &y, &q));
    assert_int_equal(y, 2);
    assert_int_equal(q, 1);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opening_statements),
        cmocka_unit_test(test_short_loan_interest),
        cmocka_unit_test(test_loan_limits),
        cmocka_unit_test(test_long_loan_interest),
        cmocka_unit_test(test_discount_fees),
        cmocka_unit_test(test_tax_loss_carry_forward),
        cmocka_unit_test(test_default_penalties),
        cmocka_unit_test(test_emergency_and_inventory_sale),
        cmocka_unit_test(test_year_start_payment_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
