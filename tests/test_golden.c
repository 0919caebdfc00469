/* RULES.md §7, the worked example, as a command script: year-1 statements to the W,
 * the cash after every quarter, and the year-2 material payment and short-loan
 * repayment.  The same script lives in tests/golden/rules7.jsonl (replayed by the
 * CLI's CTest); this test also replays that file and checks it ends in the same state. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meetutil.h"

#include <cjson/cJSON.h>

#include "shapan/log.h"
#include "shapan/report.h"

/* One step of the script: a command, and the cash it must leave (-1: not checked). */
typedef struct {
    const char *cmd;
    int64_t cash;
} Step;

/* Team 1 of a 1-team game on the default scenario.  ' stands for ". */
static const Step SCRIPT[] = {
    /* Q1: nothing but the admin fee */
    {"{'cmd':'next','team':1}", 675}, /* year_start -> long_loan (year 1 has no meeting) */
    {"{'cmd':'end_quarter','team':1}", 661},
    /* Q2: rent a large plant, two flex lines for P2 */
    {"{'cmd':'next','team':1}", -1}, /* S1 */
    {"{'cmd':'next','team':1}", -1}, /* S2 */
    {"{'cmd':'next','team':1}", -1}, /* S3 */
    {"{'cmd':'rent_plant','team':1,'type':'large'}", 610},
    {"{'cmd':'build_line','team':1,'plant':1,'type':'flex','product':'P2'}", 550},
    {"{'cmd':'build_line','team':1,'plant':1,'type':'flex','product':'P2'}", 490},
    {"{'cmd':'end_quarter','team':1}", 476},
    /* Q3: two auto lines for P3, invest both flex lines, R&D P3 */
    {"{'cmd':'next','team':1}", -1},
    {"{'cmd':'next','team':1}", -1},
    {"{'cmd':'next','team':1}", -1},
    {"{'cmd':'build_line','team':1,'plant':1,'type':'auto','product':'P3'}", 406},
    {"{'cmd':'build_line','team':1,'plant':1,'type':'auto','product':'P3'}", 336},
    {"{'cmd':'invest_line','team':1,'line':1}", 276},
    {"{'cmd':'invest_line','team':1,'line':2}", 216},
    {"{'cmd':'develop_product','team':1,'product':'P3'}", 201},
    {"{'cmd':'end_quarter','team':1}", 187},
    /* Q4 */
    {"{'cmd':'next','team':1}", 187}, /* S1 */
    {"{'cmd':'short_loan','team':1,'amount':409}", 596},
    {"{'cmd':'next','team':1}", -1}, /* S2 */
    {"{'cmd':'order_materials','team':1,'items':{'R1':6,'R3':12}}", 596},
    {"{'cmd':'next','team':1}", -1}, /* S3 */
    {"{'cmd':'invest_line','team':1,'line':1}", 536},
    {"{'cmd':'invest_line','team':1,'line':2}", 476},
    {"{'cmd':'invest_line','team':1,'line':3}", 406},
    {"{'cmd':'invest_line','team':1,'line':4}", 336},
    {"{'cmd':'develop_product','team':1,'product':'P1'}", 322},
    {"{'cmd':'develop_product','team':1,'product':'P3'}", 307},
    {"{'cmd':'next','team':1}", -1}, /* S4 */
    {"{'cmd':'next','team':1}", -1}, /* S5 */
    {"{'cmd':'develop_market','team':1,'market':'local'}", 299},
    {"{'cmd':'develop_market','team':1,'market':'regional'}", 291},
    {"{'cmd':'develop_market','team':1,'market':'domestic'}", 281},
    {"{'cmd':'develop_market','team':1,'market':'asia'}", 269},
    {"{'cmd':'develop_market','team':1,'market':'intl'}", 253},
    {"{'cmd':'develop_iso','team':1,'iso':'ISO9000'}", 232},
    {"{'cmd':'develop_iso','team':1,'iso':'ISO14000'}", 199},
    {"{'cmd':'next','team':1}", 185}, /* S6 of Q4: admin, then the year end */
    /* year 2 */
    {"{'cmd':'next','team':1}", 185},          /* year_start: no tax, no long loan */
    {"{'cmd':'ads','team':1,'bids':[]}", 185}, /* the empty book's meeting ends at once */
    /* not in §7: a long loan so that the team can pay its way to Y2Q4 S1 (cap 3 x 416) */
    {"{'cmd':'long_loan','team':1,'amount':500,'years':4}", 685},
    {"{'cmd':'next','team':1}", 685}, /* Y2Q1 S1: the lines become ready */
    {"{'cmd':'next','team':1}", 529}, /* S2: R1 x6 and R3 x12 arrive, 156 */
    {"{'cmd':'end_quarter','team':1}", 515},
    {"{'cmd':'end_quarter','team':1}", 450}, /* the plant's rent renews at the end of Q2 */
    {"{'cmd':'end_quarter','team':1}", 436},
    {"{'cmd':'next','team':1}", 7}, /* Y2Q4 S1: 409 + 20 repaid */
};
#define NSCRIPT ((int)(sizeof SCRIPT / sizeof SCRIPT[0]))

static ShapanWorld *run_script(const ShapanScenario *sc, int nsteps, bool check_cash)
{
    ShapanWorld *w = tu_world(sc, 1);
    for (int i = 0; i < nsteps; i++) {
        TU_OK(w, "%s", SCRIPT[i].cmd);
        if (check_cash && SCRIPT[i].cash >= 0 && tu_cash(w, 1) != SCRIPT[i].cash) {
            print_error("step %d %s: cash %lld, expected %lld\n", i, SCRIPT[i].cmd,
                        (long long)tu_cash(w, 1), (long long)SCRIPT[i].cash);
            fail();
        }
    }
    return w;
}

/* index of the step just after the year-1 close (the Q4 S6 `next`) */
static int year1_end_step(void)
{
    for (int i = 0; i < NSCRIPT; i++)
        if (SCRIPT[i].cash == 185)
            return i + 1;
    fail();
    return 0;
}

static void assert_year1(const ShapanWorld *w)
{
    ShapanStatement st;
    shapan_statement(w, 1, 1, &st);
    assert_int_equal(st.year, 1);
    const int64_t *e = st.expenses, *in = st.income, *b = st.balance;
    assert_int_equal(e[SHAPAN_EXP_ADMIN], 56);
    assert_int_equal(e[SHAPAN_EXP_ADS], 0);
    assert_int_equal(e[SHAPAN_EXP_MAINTENANCE], 0);
    assert_int_equal(e[SHAPAN_EXP_LOSS], 0);
    assert_int_equal(e[SHAPAN_EXP_CONVERSION], 0);
    assert_int_equal(e[SHAPAN_EXP_RENT], 51);
    assert_int_equal(e[SHAPAN_EXP_MARKET_DEV], 54);
    assert_int_equal(e[SHAPAN_EXP_RND], 44);
    assert_int_equal(e[SHAPAN_EXP_ISO], 54);
    assert_int_equal(e[SHAPAN_EXP_INFO], 0);
    assert_int_equal(e[SHAPAN_EXP_TOTAL], 259);
    assert_int_equal(in[SHAPAN_INC_REVENUE], 0);
    assert_int_equal(in[SHAPAN_INC_DIRECT_COST], 0);
    assert_int_equal(in[SHAPAN_INC_GROSS], 0);
    assert_int_equal(in[SHAPAN_INC_OVERHEAD], 259);
    assert_int_equal(in[SHAPAN_INC_EBITDA], -259);
    assert_int_equal(in[SHAPAN_INC_DEPRECIATION], 0);
    assert_int_equal(in[SHAPAN_INC_EBIT], -259);
    assert_int_equal(in[SHAPAN_INC_FINANCE], 0); /* the short loan's interest is paid in year 2 */
    assert_int_equal(in[SHAPAN_INC_EBT], -259);
    assert_int_equal(in[SHAPAN_INC_TAX], 0);
    assert_int_equal(in[SHAPAN_INC_NET], -259);
    assert_int_equal(b[SHAPAN_BAL_CASH], 185);
    assert_int_equal(b[SHAPAN_BAL_RECEIVABLES], 0);
    assert_int_equal(b[SHAPAN_BAL_WIP], 0);
    assert_int_equal(b[SHAPAN_BAL_FINISHED], 0);
    assert_int_equal(b[SHAPAN_BAL_MATERIALS], 0); /* ordered, not arrived: nothing owed yet */
    assert_int_equal(b[SHAPAN_BAL_CURRENT_TOTAL], 185);
    assert_int_equal(b[SHAPAN_BAL_PLANTS], 0); /* rented */
    assert_int_equal(b[SHAPAN_BAL_MACHINERY], 0);
    assert_int_equal(b[SHAPAN_BAL_CONSTRUCTION], 640);
    assert_int_equal(b[SHAPAN_BAL_FIXED_TOTAL], 640);
    assert_int_equal(b[SHAPAN_BAL_ASSETS_TOTAL], 825);
    assert_int_equal(b[SHAPAN_BAL_LONG_LOANS], 0);
    assert_int_equal(b[SHAPAN_BAL_SHORT_LOANS], 409);
    assert_int_equal(b[SHAPAN_BAL_SPECIAL_LOANS], 0);
    assert_int_equal(b[SHAPAN_BAL_TAX_PAYABLE], 0);
    assert_int_equal(b[SHAPAN_BAL_LIABILITIES_TOTAL], 409);
    assert_int_equal(b[SHAPAN_BAL_CAPITAL], 675);
    assert_int_equal(b[SHAPAN_BAL_RETAINED], 0);
    assert_int_equal(b[SHAPAN_BAL_NET_PROFIT], -259);
    assert_int_equal(b[SHAPAN_BAL_EQUITY], 416);
    assert_int_equal(b[SHAPAN_BAL_TOTAL], 825);
    int64_t eq = 0;
    assert_true(shapan_view_equity(w, 1, 1, &eq));
    assert_int_equal(eq, 416);
}

static void test_year1_statements(void **state)
{
    (void)state;
    ShapanScenario *sc = tu_load_standard();
    ShapanWorld *w = run_script(sc, year1_end_step(), true);
    assert_int_equal(shapan_team_closed_year(w, 1), 1);
    assert_year1(w);
    /* the line book: 2 flex lines at 3 x 60, 2 auto lines at 2 x 70, all still building */
    const ShapanTeam *t = tu_team(w, 1);
    assert_int_equal(t->nlines, 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal(t->lines[i].status, SHAPAN_LINE_BUILDING);
    assert_true(t->qualified[tu_product(w, "P1")] && t->qualified[tu_product(w, "P3")]);
    for (int m = 0; m < 3; m++)
        assert_true(t->market_held[m]); /* local, regional, domestic: 1 year each */
    assert_false(t->market_held[tu_market(w, "asia")]);
    assert_false(t->iso_held[0]);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* Sum of a team's cash entries into `acc` booked at (year, quarter, stage). */
static int64_t paid_at(const ShapanWorld *w, ShapanAccount acc, int year, int quarter,
                       ShapanStage stage)
{
    int n = 0;
    const ShapanEntry *e = shapan_ledger(w, 1, &n);
    int64_t s = 0;
    for (int i = 0; i < n; i++)
        if (e[i].debit == acc && e[i].credit == SHAPAN_ACC_CASH && e[i].year == year &&
            e[i].quarter == quarter && e[i].stage == (int)stage)
            s += e[i].amount;
    return s;
}

static void test_year2_payments(void **state)
{
    (void)state;
    ShapanScenario *sc = tu_load_standard();
    ShapanWorld *w = run_script(sc, NSCRIPT, true);
    /* materials arrive at Y2Q1 S2 and are paid then: 6 x 8 + 12 x 9 */
    assert_int_equal(paid_at(w, SHAPAN_ACC_MATERIALS, 2, 1, SHAPAN_STAGE_S2), 156);
    assert_int_equal(paid_at(w, SHAPAN_ACC_MATERIALS, 1, 4, SHAPAN_STAGE_S2), 0);
    const ShapanTeam *t = tu_team(w, 1);
    assert_int_equal(t->materials[shapan_scenario_material(sc, "R1")], 6);
    assert_int_equal(t->materials[shapan_scenario_material(sc, "R3")], 12);
    /* the short loan is repaid at Y2Q4 S1: 409 + half_up(409 x 5%) = 429 */
    assert_int_equal(paid_at(w, SHAPAN_ACC_SHORT_LOANS, 2, 4, SHAPAN_STAGE_S1), 409);
    assert_int_equal(paid_at(w, SHAPAN_ACC_FINANCE, 2, 4, SHAPAN_STAGE_S1), 20);
    assert_int_equal(paid_at(w, SHAPAN_ACC_SHORT_LOANS, 2, 3, SHAPAN_STAGE_S1), 0);
    /* rented at Y1Q2: the rent renews at the end of Y2Q2 (S6) */
    assert_int_equal(paid_at(w, SHAPAN_ACC_RENT, 2, 2, SHAPAN_STAGE_S6), 51);
    assert_int_equal(paid_at(w, SHAPAN_ACC_RENT, 2, 1, SHAPAN_STAGE_S6), 0);
    /* the lines became ready at Y2Q1 S1 */
    for (int i = 0; i < 4; i++)
        assert_int_equal(t->lines[i].status, SHAPAN_LINE_READY);
    ShapanStatement st;
    shapan_statement(w, 1, 2, &st);
    assert_int_equal(st.balance[SHAPAN_BAL_MACHINERY], 640);
    assert_int_equal(st.balance[SHAPAN_BAL_CONSTRUCTION], 0);
    /* year 1's statements do not move once the year is closed */
    assert_year1(w);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* tests/golden/rules7.jsonl holds the same script: replaying it ends in the same state. */
static void test_jsonl_matches(void **state)
{
    (void)state;
    ShapanScenario *sc = tu_load_standard();
    ShapanWorld *w = run_script(sc, NSCRIPT, false);
    ShapanReplayOptions opt = {0};
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", tu_path("tests/golden"));
    opt.log_dir = dir;
    ShapanReplay r;
    ShapanError err = {0};
    ShapanErrorCode rc = shapan_replay_file(tu_path("tests/golden/rules7.jsonl"), &opt, &r, &err);
    if (rc)
        print_error("replay: %s at %s: %s\n", shapan_error_name(rc), err.where, err.message);
    assert_int_equal(rc, SHAPAN_OK);
    assert_int_equal(r.commands, NSCRIPT);
    char diff[256] = "";
    bool same = shapan_world_equal(w, r.world, diff, sizeof diff);
    if (!same)
        print_error("the replayed log differs at %s\n", diff);
    assert_true(same);
    assert_true(shapan_world_hash(w) == shapan_world_hash(r.world));
    assert_year1(r.world);
    shapan_replay_free(&r);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* The report's year 1 equals tests/golden/rules7.expected.json (hand-checked
 * against §7), key by key, so a report diff later has a reviewed reference. */
static void test_report_matches_expected(void **state)
{
    (void)state;
    ShapanScenario *sc = tu_load_standard();
    ShapanWorld *w = run_script(sc, NSCRIPT, false);
    ShapanError err;
    size_t len = 0;
    char *text = shapan_read_file(tu_path("tests/golden/rules7.expected.json"), &len, &err);
    assert_non_null(text);
    cJSON *exp = cJSON_Parse(text);
    free(text);
    assert_non_null(exp);
    char *rep_text = shapan_report_json(w, NULL);
    assert_non_null(rep_text);
    cJSON *rep = cJSON_Parse(rep_text);
    free(rep_text);
    assert_non_null(rep);
    cJSON *team = cJSON_GetArrayItem(cJSON_GetObjectItem(rep, "teams"), 0);
    cJSON *y1 = cJSON_GetArrayItem(cJSON_GetObjectItem(team, "years"), 1);
    assert_non_null(y1);
    assert_int_equal(cJSON_GetObjectItem(y1, "year")->valueint, 1);
    const char *groups[] = {"expenses", "income", "balance"};
    int compared = 0;
    for (int g = 0; g < 3; g++) {
        const cJSON *eg = cJSON_GetObjectItem(exp, groups[g]);
        const cJSON *rg = cJSON_GetObjectItem(y1, groups[g]);
        assert_non_null(eg);
        assert_non_null(rg);
        assert_int_equal(cJSON_GetArraySize(eg), cJSON_GetArraySize(rg));
        for (const cJSON *k = eg->child; k; k = k->next) {
            const cJSON *v = cJSON_GetObjectItem(rg, k->string);
            if (!v || !cJSON_IsNumber(v) || v->valuedouble != k->valuedouble) {
                print_error("%s.%s: report %g, expected %g\n", groups[g], k->string,
                            v ? v->valuedouble : -1e9, k->valuedouble);
                fail();
            }
            compared++;
        }
    }
    assert_int_equal(compared, SHAPAN_EXP_COUNT + SHAPAN_INC_COUNT + SHAPAN_BAL_COUNT);
    cJSON_Delete(rep);
    cJSON_Delete(exp);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

/* A second, idle team changes nothing for team 1 (teams move independently). */
static void test_two_teams(void **state)
{
    (void)state;
    ShapanScenario *sc = tu_load_standard();
    ShapanWorld *w = tu_world(sc, 2);
    int n = year1_end_step();
    for (int i = 0; i < n; i++)
        TU_OK(w, "%s", SCRIPT[i].cmd);
    TU_NEXT(w, 2, 1);
    for (int q = 0; q < 4; q++)
        TU_OK(w, "{'cmd':'end_quarter','team':2}");
    assert_year1(w);
    ShapanStatement st;
    shapan_statement(w, 2, 1, &st);
    assert_int_equal(st.balance[SHAPAN_BAL_CASH], 675 - 56);
    assert_int_equal(st.balance[SHAPAN_BAL_EQUITY], 675 - 56);
    shapan_world_destroy(w);
    shapan_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year1_statements), cmocka_unit_test(test_year2_payments),
        cmocka_unit_test(test_jsonl_matches),    cmocka_unit_test(test_report_matches_expected),
        cmocka_unit_test(test_two_teams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
