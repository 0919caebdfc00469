/* The board rules of RULES.md with the default scenario's numbers: line instalments
 * and readiness, slots, conversion, production with its BOM and processing fee,
 * R&D and qualification, depreciation down to the residual. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardutil.h"

static const ShapanLine *line(const ShapanWorld *w, int team, int n)
{
    const ShapanTeam *t = tu_team(w, team);
    assert_true(n >= 1 && n <= t->nlines);
    return &t->lines[n - 1];
}

/* §3 build a line: flex bought Y1Q2, invested Y1Q3 and Y1Q4 -> ready at Y2Q1 S1; never
 * two instalments in one quarter; pausing is allowed; construction in progress while
 * building, machinery once complete; no maintenance while building. */
static void test_line_instalments_and_readiness(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 1);
    TU_GOTO(w, 1, 1, 2, S3);
    TU_FAIL(w, SHAPAN_E_RANGE,
            "{'cmd':'build_line','team':1,'plant':1,'type':'flex','product':'P2'}");
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'large'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'flex','product':'P2'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'auto','product':'P1'}");
    TU_FAIL(w, SHAPAN_E_ONCE, "{'cmd':'invest_line','team':1,'line':1}");
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'produce','team':1,'line':1}");
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'sell_line','team':1,'line':1}"); /* under construction */
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'convert_line','team':1,'line':1,'product':'P3'}");
    assert_int_equal(tu_cash(w, 1), 675 - 14 - 51 - 60 - 70);
    ShapanStatement st = tu_stmt(w, 1, 1);
    assert_int_equal(st.balance[SHAPAN_BAL_CONSTRUCTION], 130);
    assert_int_equal(st.balance[SHAPAN_BAL_MACHINERY], 0);

    TU_GOTO(w, 1, 1, 3, S3);
    TU_OK(w, "{'cmd':'invest_line','team':1,'line':1}"); /* the auto line pauses */
    TU_FAIL(w, SHAPAN_E_ONCE, "{'cmd':'invest_line','team':1,'line':1}");
    TU_GOTO(w, 1, 1, 4, S1);
    assert_int_equal(line(w, 1, 2)->status, SHAPAN_LINE_BUILDING);
    TU_GOTO(w, 1, 1, 4, S3);
    TU_OK(w, "{'cmd':'invest_line','team':1,'line':1}");
    TU_OK(w, "{'cmd':'invest_line','team':1,'line':2}");
    assert_int_equal(tu_stmt(w, 1, 1).balance[SHAPAN_BAL_CONSTRUCTION], 180 + 140);
    /* paid in full: no instalment left, but not ready before the next quarter */
    TU_GOTO(w, 1, 1, 4, S6);
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'invest_line','team':1,'line':1}");
    assert_int_equal(line(w, 1, 1)->status, SHAPAN_LINE_BUILDING);
    st = tu_stmt(w, 1, 1);
    assert_int_equal(st.balance[SHAPAN_BAL_CONSTRUCTION], 320);
    assert_int_equal(st.balance[SHAPAN_BAL_MACHINERY], 0);
    assert_int_equal(st.expenses[SHAPAN_EXP_MAINTENANCE], 0);
    assert_int_equal(st.income[SHAPAN_INC_DEPRECIATION], 0);

    TU_GOTO(w, 1, 2, 1, LL);
    assert_int_equal(line(w, 1, 1)->status, SHAPAN_LINE_BUILDING);
    TU_NEXT(w, 1, 1); /* Y2Q1 S1 */
    assert_int_equal(line(w, 1, 1)->status, SHAPAN_LINE_READY);
    assert_int_equal(line(w, 1, 2)->status, SHAPAN_LINE_READY);
    st = tu_stmt(w, 1, 2);
    assert_int_equal(st.balance[SHAPAN_BAL_CONSTRUCTION], 0);
    assert_int_equal(st.balance[SHAPAN_BAL_MACHINERY], 320);
    TU_GOTO(w, 1, 2, 1, S3);
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'invest_line','team':1,'line':1}");
    /* completed in year 2: maintenance 15 + 11 that year, no depreciation */
    TU_GOTO(w, 1, 2, 4, S6);
    st = tu_stmt(w, 1, 2);
    assert_int_equal(st.expenses[SHAPAN_EXP_MAINTENANCE], 26);
    assert_int_equal(st.income[SHAPAN_INC_DEPRECIATION], 0);
    assert_int_equal(st.balance[SHAPAN_BAL_MACHINERY], 320);
    shapan_world_destroy(w);
}

/* §1/§3: a line needs a free slot; at most 4 plants; a manual line is ready at once. */
static void test_slots_and_plants(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 1);
    TU_GOTO(w, 1, 1, 1, S2);
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'rent_plant','team':1,'type':'small'}");
    TU_NEXT(w, 1, 1);
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'small'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'manual','product':'P1'}");
    assert_int_equal(line(w, 1, 1)->status, SHAPAN_LINE_READY);
    ShapanStatement st = tu_stmt(w, 1, 1);
    assert_int_equal(st.balance[SHAPAN_BAL_MACHINERY], 40);
    assert_int_equal(st.balance[SHAPAN_BAL_CONSTRUCTION], 0);
    TU_FAIL(w, SHAPAN_E_NO_SLOT,
            "{'cmd':'build_line','team':1,'plant':1,'type':'manual','product':'P1'}");
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'small'}");
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'small'}");
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'medium'}");
    TU_FAIL(w, SHAPAN_E_NO_SLOT, "{'cmd':'rent_plant','team':1,'type':'small'}");
    TU_FAIL(w, SHAPAN_E_NO_SLOT, "{'cmd':'buy_plant','team':1,'type':'large'}");
    for (int i = 0; i < 3; i++)
        TU_OK(w, "{'cmd':'build_line','team':1,'plant':4,'type':'manual','product':'P1'}");
    TU_FAIL(w, SHAPAN_E_NO_SLOT,
            "{'cmd':'build_line','team':1,'plant':4,'type':'manual','product':'P1'}");
    assert_int_equal(tu_cash(w, 1), 675 - 3 * 9 - 31 - 4 * 40);
    shapan_world_destroy(w);
}

/* §3 convert: manual 10 and instant (it can produce in the same stage), auto 10 and
 * ready at S1 a quarter later, flex free; a busy line can't be converted. */
static void test_conversion(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 1);
    TU_GOTO(w, 1, 1, 1, S3);
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'large'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'manual','product':'P1'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'auto','product':'P1'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'flex','product':'P1'}");
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P1'}");
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P2'}");
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'convert_line','team':1,'line':2,'product':'P2'}");
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'convert_line','team':1,'line':1,'product':'P1'}");
    TU_GOTO(w, 1, 1, 2, S3);
    TU_OK(w, "{'cmd':'invest_line','team':1,'line':2}");
    TU_OK(w, "{'cmd':'invest_line','team':1,'line':3}");
    TU_OK(w, "{'cmd':'emergency_buy','team':1,'items':{'R1':1,'R2':1,'R3':1}}");
    TU_OK(w, "{'cmd':'produce','team':1,'line':1}");
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'convert_line','team':1,'line':1,'product':'P2'}");

    /* the auto line is ready at Y1Q3 S1; converted now it produces from Q4 */
    TU_GOTO(w, 1, 1, 3, S3);
    TU_OK(w, "{'cmd':'invest_line','team':1,'line':3}");
    int64_t cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'convert_line','team':1,'line':2,'product':'P2'}");
    assert_int_equal(cash - tu_cash(w, 1), 10);
    assert_int_equal(line(w, 1, 2)->status, SHAPAN_LINE_CONVERTING);
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'produce','team':1,'line':2}");
    TU_GOTO(w, 1, 1, 3, S6);
    assert_int_equal(line(w, 1, 2)->status, SHAPAN_LINE_CONVERTING);
    TU_NEXT(w, 1, 1); /* Y1Q4 S1: the manual P1 is done, the auto line is ready */
    assert_int_equal(line(w, 1, 2)->status, SHAPAN_LINE_READY);
    assert_int_equal(line(w, 1, 2)->product, tu_product(w, "P2"));
    assert_int_equal(tu_team(w, 1)->products[tu_product(w, "P1")], 1);
    TU_GOTO(w, 1, 1, 4, S3);
    TU_OK(w, "{'cmd':'produce','team':1,'line':2}"); /* P2 from the R2 + R3 bought in Q2 */

    /* manual: 10, instant, produces P2 in the same stage */
    cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'convert_line','team':1,'line':1,'product':'P2'}");
    assert_int_equal(cash - tu_cash(w, 1), 10);
    assert_int_equal(line(w, 1, 1)->status, SHAPAN_LINE_READY);
    TU_OK(w, "{'cmd':'emergency_buy','team':1,'items':{'R2':1,'R3':1}}");
    TU_OK(w, "{'cmd':'produce','team':1,'line':1}");
    /* flex: completed at Y1Q4 S1, conversion is free and instant */
    assert_int_equal(line(w, 1, 3)->status, SHAPAN_LINE_READY);
    cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'convert_line','team':1,'line':3,'product':'P2'}");
    assert_int_equal(cash - tu_cash(w, 1), 0);
    assert_int_equal(line(w, 1, 3)->status, SHAPAN_LINE_READY);
    assert_int_equal(line(w, 1, 3)->product, tu_product(w, "P2"));
    assert_int_equal(tu_stmt(w, 1, 1).expenses[SHAPAN_EXP_CONVERSION], 20);
    shapan_world_destroy(w);
}

/* §3 produce and R&D: qualification at the end of the quarter of the last instalment,
 * one instalment a quarter; the BOM leaves stock (P4 takes a finished P2), the
 * processing fee is paid, the unit is work in process at direct cost until it
 * finishes (1Q line: S1 of the next quarter; manual: two quarters). */
static void test_production_and_rnd(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 1);
    TU_GOTO(w, 1, 1, 1, S2);
    TU_FAIL(w, SHAPAN_E_STAGE, "{'cmd':'develop_product','team':1,'product':'P1'}");
    TU_OK(w, "{'cmd':'order_materials','team':1,'items':{'R1':2}}");
    TU_NEXT(w, 1, 1);
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'large'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'manual','product':'P1'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'leased','product':'P1'}");
    assert_int_equal(line(w, 1, 2)->status, SHAPAN_LINE_READY);
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P1'}");
    /* P1 needs one instalment: it is paid in full, although not yet qualified */
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'develop_product','team':1,'product':'P1'}");
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P4'}");
    TU_FAIL(w, SHAPAN_E_ONCE, "{'cmd':'develop_product','team':1,'product':'P4'}");
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P2'}");
    TU_OK(w, "{'cmd':'emergency_buy','team':1,'items':{'R1':1}}");
    TU_FAIL(w, SHAPAN_E_NOT_QUALIFIED, "{'cmd':'produce','team':1,'line':1}");
    TU_GOTO(w, 1, 1, 1, S5);
    assert_int_equal(tu_team(w, 1)->qualified[tu_product(w, "P1")], 0);
    TU_NEXT(w, 1, 1);
    assert_int_equal(tu_team(w, 1)->qualified[tu_product(w, "P1")], 1);
    assert_int_equal(tu_team(w, 1)->qualified[tu_product(w, "P4")], 0);
    assert_int_equal(tu_stmt(w, 1, 1).expenses[SHAPAN_EXP_RND], 14 + 16 + 14);

    /* Y1Q2: the 2 R1 ordered in Q1 arrive at S2 and are paid then (lead 1) */
    TU_GOTO(w, 1, 1, 2, S1);
    int64_t cash = tu_cash(w, 1);
    TU_NEXT(w, 1, 1);
    assert_int_equal(cash - tu_cash(w, 1), 16);
    assert_int_equal(tu_team(w, 1)->materials[tu_item(w, "R1")], 3);
    TU_NEXT(w, 1, 1);
    cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'produce','team':1,'line':1}"); /* manual, 2Q */
    TU_OK(w, "{'cmd':'produce','team':1,'line':2}"); /* leased, 1Q */
    assert_int_equal(cash - tu_cash(w, 1), 2 * 8);
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'produce','team':1,'line':2}");
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P4'}");
    ShapanStatement st = tu_stmt(w, 1, 1);
    assert_int_equal(st.balance[SHAPAN_BAL_WIP], 2 * 16);
    assert_int_equal(st.balance[SHAPAN_BAL_MATERIALS], 8);
    TU_GOTO(w, 1, 1, 2, S6);
    assert_int_equal(tu_team(w, 1)->products[tu_product(w, "P1")], 0);
    TU_NEXT(w, 1, 1); /* Y1Q3 S1 */
    assert_int_equal(tu_team(w, 1)->products[tu_product(w, "P1")], 1);
    assert_int_equal(line(w, 1, 1)->wip_left, 1);
    st = tu_stmt(w, 1, 1);
    assert_int_equal(st.balance[SHAPAN_BAL_WIP], 16);
    assert_int_equal(st.balance[SHAPAN_BAL_FINISHED], 16);
    TU_GOTO(w, 1, 1, 3, S5);
    TU_OK(w, "{'cmd':'develop_product','team':1,'product':'P4'}");
    assert_int_equal(tu_team(w, 1)->qualified[tu_product(w, "P4")], 0);
    TU_NEXT(w, 1, 1);
    assert_int_equal(tu_team(w, 1)->qualified[tu_product(w, "P4")], 1);
    TU_NEXT(w, 1, 1); /* Y1Q4 S1 */
    assert_int_equal(tu_team(w, 1)->products[tu_product(w, "P1")], 2);
    assert_int_equal(line(w, 1, 1)->wip_left, 0);

    /* P4 = P2 + R4 + 11: the finished P2 leaves stock */
    TU_GOTO(w, 1, 1, 4, S3);
    TU_FAIL(w, SHAPAN_E_STATE, "{'cmd':'develop_product','team':1,'product':'P4'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'leased','product':'P4'}");
    TU_FAIL(w, SHAPAN_E_STOCK, "{'cmd':'produce','team':1,'line':3}");
    TU_OK(w, "{'cmd':'emergency_buy','team':1,'items':{'P2':1,'R4':1}}");
    st = tu_stmt(w, 1, 1);
    int64_t finished = st.balance[SHAPAN_BAL_FINISHED],
            materials = st.balance[SHAPAN_BAL_MATERIALS];
    cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'produce','team':1,'line':3}");
    assert_int_equal(cash - tu_cash(w, 1), 11);
    assert_int_equal(tu_team(w, 1)->products[tu_product(w, "P2")], 0);
    assert_int_equal(tu_team(w, 1)->materials[tu_item(w, "R4")], 0);
    st = tu_stmt(w, 1, 1);
    assert_int_equal(finished - st.balance[SHAPAN_BAL_FINISHED], 27);
    assert_int_equal(materials - st.balance[SHAPAN_BAL_MATERIALS], 10);
    assert_int_equal(st.balance[SHAPAN_BAL_WIP], 48);
    TU_GOTO(w, 1, 1, 4, S6);
    /* maintenance: manual 15 + two leased 70 */
    assert_int_equal(tu_stmt(w, 1, 1).expenses[SHAPAN_EXP_MAINTENANCE], 15 + 2 * 70);
    assert_int_equal(tu_stmt(w, 1, 1).balance[SHAPAN_BAL_WIP], 48);
    TU_GOTO(w, 1, 2, 1, S1);
    assert_int_equal(tu_team(w, 1)->products[tu_product(w, "P4")], 1);
    st = tu_stmt(w, 1, 2);
    assert_int_equal(st.balance[SHAPAN_BAL_WIP], 0);
    assert_int_equal(st.balance[SHAPAN_BAL_FINISHED], 2 * 16 + 48);

    /* selling a leased line pays its residual of -70, booked as loss */
    TU_GOTO(w, 1, 2, 1, S3);
    cash = tu_cash(w, 1);
    TU_OK(w, "{'cmd':'sell_line','team':1,'line':2}");
    assert_int_equal(cash - tu_cash(w, 1), 70);
    assert_int_equal(tu_stmt(w, 1, 2).expenses[SHAPAN_EXP_LOSS], 70);
    TU_FAIL(w, SHAPAN_E_RANGE, "{'cmd':'produce','team':1,'line':2}");
    shapan_world_destroy(w);
}

/* §5.3 depreciation, straight line, never below residual, none in the year of
 * completion: auto 140 -> 140 (Y1) -> 112 -> 84 -> 56 -> 28; manual 40 -> 40 -> 30 ->
 * 20 -> 10 -> 10.  A line sold during the year gets none and loses its book value at
 * the last year end minus its residual. */
static void test_depreciation(void **state)
{
    (void)state;
    ShapanWorld *w = tu_world(tu_sc, 2);
    TU_GOTO(w, 1, 1, 1, S3);
    TU_OK(w, "{'cmd':'rent_plant','team':1,'type':'small'}");
    TU_OK(w, "{'cmd':'build_line','team':1,'plant':1,'type':'auto','product':'P1'}");
    TU_GOTO(w, 1, 1, 2, S3);
    TU_OK(w, "{'cmd':'invest_line','team':1,'line':1}");
    TU_GOTO(w, 2, 1, 1, S3);
    TU_OK(w, "{'cmd':'rent_plant','team':2,'type':'medium'}");
    TU_OK(w, "{'cmd':'build_line','team':2,'plant':1,'type':'manual','product':'P1'}");
    TU_OK(w, "{'cmd':'build_line','team':2,'plant':1,'type':'manual','product':'P1'}");

    static const int64_t auto_book[6] = {0, 140, 112, 84, 56, 28};
    static const int64_t auto_dep[6] = {0, 0, 28, 28, 28, 28};
    static const int64_t man_dep[6] = {0, 0, 20, 10, 10, 0}; /* two lines in Y2, one after */
    static const int64_t man_book[6] = {0, 80, 60, 20, 10, 10};
    for (int y = 1; y <= 5; y++) {
        if (y == 3) {
            /* team 2 sells its second manual line: book 30 at the Y2 end, residual 10 */
            TU_GOTO_ALL(w, 3, 1, S3);
            int64_t cash = tu_cash(w, 2);
            TU_OK(w, "{'cmd':'sell_line','team':2,'line':2}");
            assert_int_equal(tu_cash(w, 2) - cash, 10);
            assert_int_equal(tu_stmt(w, 2, 3).expenses[SHAPAN_EXP_LOSS], 20);
            assert_int_equal(tu_stmt(w, 2, 3).balance[SHAPAN_BAL_MACHINERY], 30);
        }
        TU_GOTO_ALL(w, y, 4, S6);
        ShapanStatement a = tu_stmt(w, 1, y), m = tu_stmt(w, 2, y);
        assert_int_equal(a.income[SHAPAN_INC_DEPRECIATION], auto_dep[y]);
        assert_int_equal(a.balance[SHAPAN_BAL_MACHINERY], auto_book[y]);
        assert_int_equal(line(w, 1, 1)->book, auto_book[y]);
        assert_int_equal(m.income[SHAPAN_INC_DEPRECIATION], man_dep[y]);
        assert_int_equal(m.balance[SHAPAN_BAL_MACHINERY], man_book[y]);
        /* maintenance of every ready line, the sold one only while it stood */
        assert_int_equal(a.expenses[SHAPAN_EXP_MAINTENANCE], 11);
        assert_int_equal(m.expenses[SHAPAN_EXP_MAINTENANCE], y < 3 ? 30 : 15);
    }
    assert_int_equal(line(w, 2, 1)->book, 10);
    shapan_world_destroy(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_instalments_and_readiness),
        cmocka_unit_test(test_slots_and_plants),
        cmocka_unit_test(test_conversion),
        cmocka_unit_test(test_production_and_rnd),
        cmocka_unit_test(test_depreciation),
    };
    return cmocka_run_group_tests(tests, tu_setup_no_orders, tu_teardown_scenario);
}
