/* Commands <-> JSON: every command type round-trips; bad input is refused with
 * the exact code and field path. */
#include <stdlib.h>
#include <string.h>

#include "playutil.h"
#include "shapan/command.h"

static ShapanScenario *g_sc; /* test fixture, set up once */

static int setup(void **state)
{
    (void)state;
    g_sc = pu_scenario("standard-base.json", 6);
    return g_sc && g_sc->norders > 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    shapan_scenario_free(g_sc);
    return 0;
}

/* A command of `type` with every field it carries set to a distinct valid value. */
static ShapanCommand sample(ShapanCmdType type)
{
    const ShapanScenario *sc = g_sc;
    ShapanCommand c = shapan_cmd_simple(type, 3);
    c.order = sc->norders - 1;
    c.market = sc->nmarkets - 1;
    c.product = sc->nproducts - 1;
    c.iso = sc->nisos - 1;
    c.plant = 2;
    c.line = 4;
    c.target = 5;
    c.amount = 123;
    c.years = 3;
    c.price = 456;
    c.delivery = 2;
    c.term = 4;
    c.slots[0] = 1, c.slots[1] = 0, c.slots[2] = 30, c.slots[3] = 4;
    c.items[0] = 6;
    c.items[2] = 12;
    c.items[sc->nmaterials + 1] = 2;
    c.nbids = 2;
    c.bids[0].market = 0, c.bids[0].product = 0, c.bids[0].amount = 10;
    c.bids[1].market = 1, c.bids[1].product = 2, c.bids[1].amount = 31;
    if (type == SHAPAN_CMD_BUY_PLANT || type == SHAPAN_CMD_RENT_PLANT)
        c.kind = sc->nplant_types - 1;
    else if (type == SHAPAN_CMD_BUILD_LINE)
        c.kind = sc->nline_types - 1;
    return c;
}

/* The fields `type` carries, compared one by one (padding never compared). */
static void assert_same(ShapanCmdType type, const ShapanCommand *a, const ShapanCommand *b)
{
    assert_int_equal(a->type, b->type);
    assert_int_equal(a->team, b->team);
    switch (type) {
    case SHAPAN_CMD_ADS:
        assert_int_equal(a->nbids, b->nbids);
        for (int i = 0; i < a->nbids; i++) {
            assert_int_equal(a->bids[i].market, b->bids[i].market);
            assert_int_equal(a->bids[i].product, b->bids[i].product);
            assert_int_equal(a->bids[i].amount, b->bids[i].amount);
        }
        break;
    case SHAPAN_CMD_PICK:
    case SHAPAN_CMD_DECLINE:
    case SHAPAN_CMD_DELIVER: assert_int_equal(a->order, b->order); break;
    case SHAPAN_CMD_PASS:
        assert_int_equal(a->market, b->market);
        assert_int_equal(a->product, b->product);
        break;
    case SHAPAN_CMD_BID:
        assert_int_equal(a->order, b->order);
        assert_int_equal(a->price, b->price);
        assert_int_equal(a->delivery, b->delivery);
        assert_int_equal(a->term, b->term);
        break;
    case SHAPAN_CMD_LONG_LOAN:
        assert_int_equal(a->amount, b->amount);
        assert_int_equal(a->years, b->years);
        break;
    case SHAPAN_CMD_SHORT_LOAN: assert_int_equal(a->amount, b->amount); break;
    case SHAPAN_CMD_ORDER_MATERIALS:
    case SHAPAN_CMD_EMERGENCY_BUY:
    case SHAPAN_CMD_SELL_INVENTORY:
        for (int i = 0; i < SHAPAN_MAX_ITEMS; i++)
            assert_int_equal(a->items[i], b->items[i]);
        break;
    case SHAPAN_CMD_BUY_PLANT:
    case SHAPAN_CMD_RENT_PLANT: assert_int_equal(a->kind, b->kind); break;
    case SHAPAN_CMD_BUILD_LINE:
        assert_int_equal(a->plant, b->plant);
        assert_int_equal(a->kind, b->kind);
        assert_int_equal(a->product, b->product);
        break;
    case SHAPAN_CMD_CONVERT_LINE:
        assert_int_equal(a->line, b->line);
        assert_int_equal(a->product, b->product);
        break;
    case SHAPAN_CMD_INVEST_LINE:
    case SHAPAN_CMD_SELL_LINE:
    case SHAPAN_CMD_PRODUCE: assert_int_equal(a->line, b->line); break;
    case SHAPAN_CMD_DEVELOP_PRODUCT: assert_int_equal(a->product, b->product); break;
    case SHAPAN_CMD_SELL_PLANT:
    case SHAPAN_CMD_RENT_TO_BUY:
    case SHAPAN_CMD_RETURN_PLANT:
    case SHAPAN_CMD_DISCOUNT_PLANT: assert_int_equal(a->plant, b->plant); break;
    case SHAPAN_CMD_DEVELOP_MARKET: assert_int_equal(a->market, b->market); break;
    case SHAPAN_CMD_DEVELOP_ISO: assert_int_equal(a->iso, b->iso); break;
    case SHAPAN_CMD_DISCOUNT:
        for (int i = 0; i < 4; i++)
            assert_int_equal(a->slots[i], b->slots[i]);
        break;
    case SHAPAN_CMD_SPY: assert_int_equal(a->target, b->target); break;
    default: break;
    }
}

static void test_round_trip_every_command(void **state)
{
    (void)state;
    for (int t = 0; t < SHAPAN_CMD_COUNT; t++) {
        ShapanCommand c = sample((ShapanCmdType)t);
        char *text = shapan_cmd_to_json(g_sc, &c, 7 + t);
        assert_non_null(text);
        ShapanCommand d;
        ShapanError e;
        memset(&e, 0, sizeof e);
        if (shapan_cmd_from_json(g_sc, text, strlen(text), &d, &e) != SHAPAN_OK)
            fail_msg("%s: %s: %s", text, e.where, e.message);
        assert_same((ShapanCmdType)t, &c, &d);
        /* encoding the decoded copy gives the same text: the order of keys is stable */
        char *again = shapan_cmd_to_json(g_sc, &d, 7 + t);
        assert_string_equal(text, again);
        free(again);
        free(text);
    }
}

static void test_names(void **state)
{
    (void)state;
    for (int t = 0; t < SHAPAN_CMD_COUNT; t++)
        assert_int_equal(shapan_cmd_from_name(shapan_cmd_name((ShapanCmdType)t)), t);
    assert_int_equal(shapan_cmd_from_name("fly"), SHAPAN_CMD_COUNT);
    assert_string_equal(shapan_cmd_name(SHAPAN_CMD_END_QUARTER), "end_quarter");
}

static void test_exact_text(void **state)
{
    (void)state;
    ShapanCommand c = shapan_cmd_simple(SHAPAN_CMD_NEXT, 2);
    char *t = shapan_cmd_to_json(g_sc, &c, 5);
    assert_string_equal(t, "{\"seq\":5,\"cmd\":\"next\",\"team\":2}");
    free(t);
    t = shapan_cmd_to_json(g_sc, &c, 0); /* seq <= 0 is omitted */
    assert_string_equal(t, "{\"cmd\":\"next\",\"team\":2}");
    free(t);
    c = shapan_cmd_simple(SHAPAN_CMD_ADS, 1);
    c.nbids = 1;
    c.bids[0].market = (int8_t)shapan_scenario_market(g_sc, "local");
    c.bids[0].product = (int8_t)shapan_scenario_product(g_sc, "P1");
    c.bids[0].amount = 10;
    t = shapan_cmd_to_json(g_sc, &c, 1);
    assert_string_equal(
        t, "{\"seq\":1,\"cmd\":\"ads\",\"team\":1,\"bids\":[{\"market\":\"local\",\"product\":"
           "\"P1\",\"amount\":10}]}");
    free(t);
    c = shapan_cmd_simple(SHAPAN_CMD_ORDER_MATERIALS, 4);
    c.items[shapan_scenario_item(g_sc, "R3")] = 12;
    c.items[shapan_scenario_item(g_sc, "R1")] = 6;
    t = shapan_cmd_to_json(g_sc, &c, 9);
    assert_string_equal(t, "{\"seq\":9,\"cmd\":\"order_materials\",\"team\":4,\"items\":{\"R1\":6,"
                           "\"R3\":12}}");
    free(t);
}

static void expect_error(const char *json, ShapanErrorCode code, const char *where)
{
    ShapanCommand c;
    ShapanError e;
    memset(&e, 0, sizeof e);
    ShapanErrorCode rc = shapan_cmd_from_json(g_sc, json, strlen(json), &c, &e);
    if (rc != code || strcmp(e.where, where) != 0)
        fail_msg("%s: expected %s at \"%s\", got %s at \"%s\" (%s)", json, shapan_error_name(code),
                 where, shapan_error_name(rc), e.where, e.message);
    assert_int_equal(e.code, code);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    expect_error("{\"cmd\":\"fly\",\"team\":1}", SHAPAN_E_UNKNOWN_ID, "cmd");
    expect_error("{\"team\":1}", SHAPAN_E_FIELD, "cmd");
    expect_error("{\"cmd\":\"next\"}", SHAPAN_E_FIELD, "team");
    expect_error("{\"cmd\":\"next\",\"team\":\"1\"}", SHAPAN_E_FIELD, "team");
    expect_error("{\"cmd\":\"next\",\"team\":0}", SHAPAN_E_TEAM, "team");
    expect_error("{\"cmd\":\"short_loan\",\"team\":1,\"amount\":1.5}", SHAPAN_E_AMOUNT, "amount");
    expect_error("{\"cmd\":\"short_loan\",\"team\":1,\"amount\":-20}", SHAPAN_E_AMOUNT, "amount");
    expect_error("{\"cmd\":\"short_loan\",\"team\":1,\"amount\":1e300}", SHAPAN_E_AMOUNT, "amount");
    expect_error("{\"cmd\":\"short_loan\",\"team\":1}", SHAPAN_E_FIELD, "amount");
    expect_error("{\"cmd\":\"long_loan\",\"team\":1,\"amount\":100}", SHAPAN_E_FIELD, "years");
    expect_error("{\"cmd\":\"ads\",\"team\":1,\"bids\":[{\"market\":\"local\",\"product\":\"P1\","
                 "\"amount\":10},{\"market\":\"local\",\"product\":\"P2\",\"amount\":10},"
                 "{\"market\":\"mars\",\"product\":\"P1\",\"amount\":10}]}",
                 SHAPAN_E_UNKNOWN_ID, "bids[2].market");
    expect_error("{\"cmd\":\"ads\",\"team\":1,\"bids\":[{\"market\":\"local\",\"product\":\"P1\","
                 "\"amount\":-1}]}",
                 SHAPAN_E_AMOUNT, "bids[0].amount");
    expect_error("{\"cmd\":\"ads\",\"team\":1}", SHAPAN_E_FIELD, "bids");
    expect_error("{\"cmd\":\"pass\",\"team\":1,\"market\":\"local\",\"product\":\"P9\"}",
                 SHAPAN_E_UNKNOWN_ID, "product");
    expect_error("{\"cmd\":\"pick\",\"team\":1,\"order\":\"nope\"}", SHAPAN_E_UNKNOWN_ID, "order");
    expect_error("{\"cmd\":\"order_materials\",\"team\":1,\"items\":{\"R1\":2,\"R9\":1}}",
                 SHAPAN_E_UNKNOWN_ID, "items.R9");
    expect_error("{\"cmd\":\"order_materials\",\"team\":1,\"items\":{\"R1\":-2}}", SHAPAN_E_AMOUNT,
                 "items.R1");
    expect_error("{\"cmd\":\"discount\",\"team\":1,\"slots\":[1,2,3]}", SHAPAN_E_FIELD, "slots");
    expect_error("{\"cmd\":\"discount\",\"team\":1,\"slots\":[1,2,3,0.5]}", SHAPAN_E_AMOUNT,
                 "slots[3]");
    expect_error("{\"cmd\":\"build_line\",\"team\":1,\"plant\":1,\"type\":\"laser\",\"product\":"
                 "\"P1\"}",
                 SHAPAN_E_UNKNOWN_ID, "type");
    expect_error("{\"cmd\":\"build_line\",\"team\":1,\"plant\":0,\"type\":\"flex\",\"product\":"
                 "\"P1\"}",
                 SHAPAN_E_AMOUNT, "plant");
    expect_error("{\"cmd\":\"next\",\"team\":1,\"colour\":\"red\"}", SHAPAN_E_FIELD, "colour");
    expect_error("{\"cmd\":\"next\",\"team\":1,\"team\":2}", SHAPAN_E_FIELD, "team");
    expect_error("{\"cmd\":\"next\",", SHAPAN_E_JSON, "");
    expect_error("[1,2]", SHAPAN_E_JSON, "");
}

static void test_seq_is_ignored(void **state)
{
    (void)state;
    const char *json = "{\"seq\":99,\"cmd\":\"spy\",\"team\":2,\"target\":4}";
    ShapanCommand c;
    ShapanError e;
    assert_int_equal(shapan_cmd_from_json(g_sc, json, strlen(json), &c, &e), SHAPAN_OK);
    assert_int_equal(c.type, SHAPAN_CMD_SPY);
    assert_int_equal(c.team, 2);
    assert_int_equal(c.target, 4);
}

static void test_invalid_index_cannot_be_encoded(void **state)
{
    (void)state;
    /* an index the scenario lacks encodes as "#N", which decoding refuses */
    ShapanCommand c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_MARKET, 1);
    c.market = 99;
    char *t = shapan_cmd_to_json(g_sc, &c, 1);
    ShapanCommand d;
    ShapanError e;
    assert_int_equal(shapan_cmd_from_json(g_sc, t, strlen(t), &d, &e), SHAPAN_E_UNKNOWN_ID);
    assert_string_equal(e.where, "market");
    free(t);
}

/* shapan_cmd_init zeroes every field before the bids and leaves the bids: nothing
 * reads one past nbids, so an ads command built over old bytes encodes the same. */
static void test_init_leaves_the_bids(void **state)
{
    (void)state;
    ShapanCommand c;
    memset(&c, 0x5a, sizeof c);
    shapan_cmd_init(&c, SHAPAN_CMD_ADS, 1);
    assert_int_equal(c.type, SHAPAN_CMD_ADS);
    assert_int_equal(c.team, 1);
    assert_int_equal(c.nbids, 0);
    assert_int_equal(c.amount, 0);
    assert_int_equal(c.items[SHAPAN_MAX_ITEMS - 1], 0);
    assert_int_equal(c.bids[0].amount, 0x5a5a5a5a); /* left as it was */
    ShapanCommand z = shapan_cmd_simple(SHAPAN_CMD_ADS, 1);
    assert_int_equal(z.bids[SHAPAN_MAX_CELLS - 1].amount, 0); /* simple: every byte */
    c.nbids = z.nbids = 1;
    c.bids[0].market = z.bids[0].market = (int8_t)shapan_scenario_market(g_sc, "local");
    c.bids[0].product = z.bids[0].product = (int8_t)shapan_scenario_product(g_sc, "P1");
    c.bids[0].amount = z.bids[0].amount = 10;
    char *a = shapan_cmd_to_json(g_sc, &c, 1), *b = shapan_cmd_to_json(g_sc, &z, 1);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_every_command),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_exact_text),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_seq_is_ignored),
        cmocka_unit_test(test_invalid_index_cannot_be_encoded),
        cmocka_unit_test(test_init_leaves_the_bids),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
