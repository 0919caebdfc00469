/* The scenario cache of replay (log.h), as grade uses it: logs with the same
 * embedded scenario share one loaded copy, and the replay is the same as without. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#include "shapan/log.h"

static void replay_ok(const char *rel, ShapanScenarioCache *cache, ShapanReplay *r)
{
    ShapanReplayOptions opt = {NULL, NULL, 0, 0, cache};
    ShapanError e;
    memset(&e, 0, sizeof e);
    if (shapan_replay_file(tu_path(rel), &opt, r, &e) != SHAPAN_OK)
        fail_msg("%s: %s: %s: %s", rel, e.where, shapan_error_name(e.code), e.message);
}

static void test_cache_shares_scenarios(void **state)
{
    (void)state;
    ShapanScenarioCache *cache = shapan_scenario_cache_create();
    assert_non_null(cache);
    ShapanReplay plain, a, b, c;
    replay_ok("tests/golden/ai-mix-1.jsonl", NULL, &plain);
    assert_false(plain.scenario_cached);
    replay_ok("tests/golden/ai-mix-1.jsonl", cache, &a);
    assert_true(a.scenario_cached);
    const ShapanScenario *first = a.scenario;
    uint64_t ha = shapan_world_hash(a.world);
    assert_true(ha == shapan_world_hash(plain.world));
    assert_int_equal(a.commands, plain.commands);
    assert_int_equal(a.checks, plain.checks);
    shapan_replay_free(&a);
    /* another log of the same scenario: the same copy */
    replay_ok("tests/golden/ai-mix-2.jsonl", cache, &b);
    assert_true(b.scenario_cached);
    assert_ptr_equal(b.scenario, first);
    shapan_replay_free(&b);
    /* another scenario: another copy, and the first one stays */
    replay_ok("tests/golden/idle-classic-4.jsonl", cache, &c);
    assert_true(c.scenario_cached);
    assert_ptr_not_equal(c.scenario, first);
    shapan_replay_free(&c);
    replay_ok("tests/golden/ai-mix-1.jsonl", cache, &a);
    assert_ptr_equal(a.scenario, first);
    assert_true(shapan_world_hash(a.world) == ha);
    shapan_replay_free(&a);
    shapan_replay_free(&plain);
    shapan_scenario_cache_destroy(cache);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_shares_scenarios),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
