/* The report: every key of INTERFACES.md §4 for every year (year 0 too), null
 * scores for bankrupt teams, the CSV files with their BOM, the ranking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "playutil.h"
#include "shapan/report.h"

static const char *const team_keys[] = {"team",  "name",      "status", "bankrupt_at",
                                        "score", "potential", "equity", "years"};

static void check_section(const cJSON *year, const char *name, const char *const *keys, int n)
{
    const cJSON *sec = cJSON_GetObjectItemCaseSensitive(year, name);
    assert_true(cJSON_IsObject(sec));
    assert_int_equal(cJSON_GetArraySize(sec), n);
    int i = 0;
    for (const cJSON *k = sec->child; k; k = k->next, i++) {
        assert_string_equal(k->string, keys[i]); /* the documented order */
        assert_true(cJSON_IsNumber(k));
    }
}

/* Checks the report's structure; returns the parsed root (caller frees). */
static cJSON *check_report(const ShapanWorld *w, const ShapanTeamInfo *info)
{
    char *text = shapan_report_json(w, info);
    assert_non_null(text);
    cJSON *root = cJSON_Parse(text);
    free(text);
    assert_non_null(root);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(root, "format")->valueint, 1);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(root, "years")->valueint,
                     shapan_world_scenario(w)->years);
    const cJSON *fh = cJSON_GetObjectItemCaseSensitive(root, "final_hash");
    assert_true(cJSON_IsString(fh));
    char h[17];
    pu_hash(w, h);
    assert_string_equal(fh->valuestring, h);
    const cJSON *teams = cJSON_GetObjectItemCaseSensitive(root, "teams");
    assert_int_equal(cJSON_GetArraySize(teams), shapan_world_teams(w));
    int t = 1;
    for (const cJSON *team = teams->child; team; team = team->next, t++) {
        for (size_t k = 0; k < sizeof team_keys / sizeof team_keys[0]; k++)
            assert_non_null(cJSON_GetObjectItemCaseSensitive(team, team_keys[k]));
        assert_int_equal(cJSON_GetObjectItemCaseSensitive(team, "team")->valueint, t);
        const cJSON *years = cJSON_GetObjectItemCaseSensitive(team, "years");
        assert_int_equal(cJSON_GetArraySize(years), shapan_team_closed_year(w, t) + 1);
        int y = 0;
        for (const cJSON *year = years->child; year; year = year->next, y++) {
            assert_int_equal(cJSON_GetObjectItemCaseSensitive(year, "year")->valueint, y);
            check_section(year, "expenses", shapan_expense_keys, SHAPAN_EXP_COUNT);
            check_section(year, "income", shapan_income_keys, SHAPAN_INC_COUNT);
            check_section(year, "balance", shapan_balance_keys, SHAPAN_BAL_COUNT);
        }
        /* equity is the last closed year's */
        const cJSON *last = cJSON_GetArrayItem(years, cJSON_GetArraySize(years) - 1);
        const cJSON *bal = cJSON_GetObjectItemCaseSensitive(last, "balance");
        assert_int_equal(cJSON_GetObjectItemCaseSensitive(team, "equity")->valueint,
                         cJSON_GetObjectItemCaseSensitive(bal, "equity")->valueint);
    }
    return root;
}

static void test_report_active_game(void **state)
{
    (void)state;
    ShapanScenario *sc = pu_scenario("standard-base.json", 3);
    ShapanRecorder *r = pu_play(sc, "idle", 3, 2, 100000);
    const ShapanWorld *w = shapan_recorder_world(r);
    assert_true(shapan_world_over(w));
    cJSON *root = check_report(w, NULL);
    const cJSON *team = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "teams"), 0);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(team, "name")->valuestring, "Team 1");
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(team, "status")->valuestring, "active");
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(team, "bankrupt_at")));
    assert_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(team, "score")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(team, "years")),
                     sc->years + 1);
    /* year 0 of a company from cash: share capital only */
    const cJSON *y0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(team, "years"), 0);
    const cJSON *bal = cJSON_GetObjectItemCaseSensitive(y0, "balance");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(bal, "cash")->valueint, sc->capital);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(bal, "equity")->valueint, sc->capital);
    cJSON_Delete(root);

    int order[SHAPAN_MAX_TEAMS];
    assert_int_equal(shapan_ranking(w, order), 3);
    /* equal scores: ties by team number */
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 2);
    assert_int_equal(order[2], 3);
    shapan_recorder_destroy(r);
    shapan_scenario_free(sc);
}

static void test_report_bankrupt_teams(void **state)
{
    (void)state;
    /* the inherited classic company can't pay its way without acting: the idle rival concedes */
    ShapanScenario *sc = pu_scenario("classic.json", 2);
    ShapanRecorder *r = pu_play(sc, "idle", 2, 3, 100000);
    const ShapanWorld *w = shapan_recorder_world(r);
    cJSON *root = check_report(w, NULL);
    int y = 0, q = 0;
    if (shapan_view_bankrupt(w, 1, &y, &q)) {
        const cJSON *team = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "teams"), 0);
        char at[16];
        snprintf(at, sizeof at, "Y%dQ%d", y, q);
        assert_string_equal(cJSON_GetObjectItemCaseSensitive(team, "status")->valuestring,
                            "bankrupt");
        assert_string_equal(cJSON_GetObjectItemCaseSensitive(team, "bankrupt_at")->valuestring, at);
        assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(team, "score")));
        assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(team, "potential")));
    }
    cJSON_Delete(root);
    shapan_recorder_destroy(r);
    shapan_scenario_free(sc);
}

static void check_csv(const char *dir, const char *file, int expect_rows)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    size_t len = 0;
    ShapanError e;
    char *text = shapan_read_file(path, &len, &e);
    assert_non_null(text);
    assert_true(len > 3);
    assert_memory_equal(text, "\xEF\xBB\xBF", 3);
    int rows = 0;
    for (const char *p = text; *p; p++)
        rows += *p == '\n';
    assert_int_equal(rows, expect_rows + 1);
    if (strcmp(file, "ranking.csv") != 0) {
        assert_true(strncmp(text + 3, "队伍,", strlen("队伍,")) == 0);
        assert_non_null(strstr(text, "年份"));
    }
    free(text);
}

static void test_csv(void **state)
{
    (void)state;
    ShapanScenario *sc = pu_scenario("standard-base.json", 2);
    ShapanRecorder *r = pu_play(sc, "idle", 2, 4, 100000);
    const ShapanWorld *w = shapan_recorder_world(r);
    ShapanTeamInfo info[2];
    memset(info, 0, sizeof info);
    snprintf(info[0].name, sizeof info[0].name, "红队, \"A\"");
    snprintf(info[1].name, sizeof info[1].name, "蓝队");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/csv", pu_tmpdir()); /* created by the call */
    ShapanError e;
    assert_int_equal(shapan_report_csv(w, info, dir, &e), SHAPAN_OK);
    int rows = shapan_team_closed_year(w, 1) + 1 + shapan_team_closed_year(w, 2) + 1;
    check_csv(dir, "expenses.csv", rows);
    check_csv(dir, "income.csv", rows);
    check_csv(dir, "balance.csv", rows);
    check_csv(dir, "ranking.csv", 2);
    char path[600];
    snprintf(path, sizeof path, "%s/ranking.csv", dir);
    size_t len = 0;
    char *text = shapan_read_file(path, &len, &e);
    assert_non_null(strstr(text, "\"红队, \"\"A\"\"\"")); /* quoted, quotes doubled */
    free(text);
    assert_int_equal(shapan_report_csv(w, info, "/nonexistent-dir/x", &e), SHAPAN_E_IO);
    shapan_recorder_destroy(r);
    shapan_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_active_game),
        cmocka_unit_test(test_report_bankrupt_teams),
        cmocka_unit_test(test_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
