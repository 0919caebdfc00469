/* Scenario loader, writer, look-ups and jsonutil. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "catalogue/catalogue.h"
#include "catalogue/jsonutil.h"
#include "shapan/scenario.h"

#define MAX_ERRS 32

static ShapanScenario *load_ok(const char *rel)
{
    ShapanError errs[MAX_ERRS];
    int n = -1;
    ShapanScenario *sc = shapan_scenario_load(tu_path(rel), errs, MAX_ERRS, &n);
    for (int i = 0; i < n && i < MAX_ERRS; i++)
        print_error("%s: %s %s: %s\n", rel, shapan_error_name(errs[i].code), errs[i].where,
                    errs[i].message);
    assert_int_equal(n, 0);
    assert_non_null(sc);
    return sc;
}

static char *read_text(const char *rel, size_t *len)
{
    FILE *f = fopen(tu_path(rel), "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* ---- one defect per file ------------------------------------------------------------ */

typedef struct {
    const char *file; /* tests/data/bad/scenario_<file>.json */
    ShapanErrorCode code;
    const char *where;
} BadCase;

static const BadCase bad_cases[] = {
    {"malformed", SHAPAN_E_JSON, "line 6"},
    {"trailing", SHAPAN_E_JSON, "line 223"},
    {"missing_field", SHAPAN_E_FIELD, "materials[1].price"},
    {"negative_price", SHAPAN_E_AMOUNT, "materials[0].price"},
    {"fractional_qty", SHAPAN_E_AMOUNT, "orders[0].qty"},
    {"bom_unknown_material", SHAPAN_E_UNKNOWN_ID, "products[0].bom[0].item"},
    {"order_unknown_market", SHAPAN_E_UNKNOWN_ID, "orders[1].market"},
    {"bom_cycle", SHAPAN_E_REF, "products[0].bom[0].item"},
    {"bom_cycle_two", SHAPAN_E_REF, "products[1].bom[0].item"},
    {"duplicate_id", SHAPAN_E_REF, "plant_types[1].id"},
    {"duplicate_order_id", SHAPAN_E_REF, "orders[1].id"},
    {"rate_zero_den", SHAPAN_E_AMOUNT, "finance.tax_rate"},
    {"rate_malformed", SHAPAN_E_FIELD, "finance.tax_rate"},
    {"opening_line_bad_plant", SHAPAN_E_REF, "opening.lines[0].plant"},
    {"opening_unbalanced", SHAPAN_E_AMOUNT, "opening"},
    {"opening_unknown_material", SHAPAN_E_UNKNOWN_ID, "opening.materials.R9"},
    {"opening_wip_too_long", SHAPAN_E_RANGE, "opening.lines[0].wip_left"},
    {"opening_arrival_past_lead", SHAPAN_E_RANGE, "opening.arrivals.Q2.R1"},
    {"opening_wip_unqualified", SHAPAN_E_REF, "opening.lines[0].product"},
    {"opening_too_many_lines", SHAPAN_E_CAPACITY, "opening.lines[2].plant"},
    {"order_bad_delivery", SHAPAN_E_RANGE, "orders[0].delivery"},
    {"order_bad_term", SHAPAN_E_RANGE, "orders[0].term"},
    {"order_year_out_of_range", SHAPAN_E_RANGE, "orders[0].year"},
    {"order_zero_qty", SHAPAN_E_AMOUNT, "orders[0].qty"},
    {"order_unknown_iso", SHAPAN_E_UNKNOWN_ID, "orders[1].iso[0]"},
    {"bid_with_price", SHAPAN_E_RANGE, "orders[2].price"},
    {"generator_share", SHAPAN_E_RANGE, "generator.bid_share"},
    {"unknown_field", SHAPAN_E_FIELD, "yeras"},
    {"mistyped_field", SHAPAN_E_FIELD, "years"},
    {"huge_number", SHAPAN_E_AMOUNT, "capital"},
    {"too_many_materials", SHAPAN_E_CAPACITY, "materials"},
    {"forecast_duplicate_cell", SHAPAN_E_REF, "forecast[2]"},
    {"line_total_not_multiple", SHAPAN_E_AMOUNT, "line_types[0].total"},
    {"meeting_year_zero", SHAPAN_E_AMOUNT, "meeting_years[0]"},
    {"mixed_item_ids", SHAPAN_E_REF, "products[0].id"},
};
#define NBAD ((int)(sizeof bad_cases / sizeof bad_cases[0]))

static void test_bad_file(void **state)
{
    const BadCase *bc = *state;
    char rel[128];
    snprintf(rel, sizeof rel, "tests/data/bad/scenario_%s.json", bc->file);
    ShapanError errs[MAX_ERRS];
    int n = -1;
    ShapanScenario *sc = shapan_scenario_load(tu_path(rel), errs, MAX_ERRS, &n);
    assert_null(sc);
    for (int i = 0; i < n && i < MAX_ERRS; i++)
        print_message("  %s: %s %s: %s\n", bc->file, shapan_error_name(errs[i].code), errs[i].where,
                      errs[i].message);
    assert_int_equal(n, 1);
    assert_string_equal(shapan_error_name(errs[0].code), shapan_error_name(bc->code));
    assert_string_equal(errs[0].where, bc->where);
    assert_true(errs[0].message[0] != '\0');
}

static void test_three_defects(void **state)
{
    (void)state;
    ShapanError errs[MAX_ERRS];
    int n = -1;
    const char *path = tu_path("tests/data/bad/scenario_three_defects.json");
    assert_null(shapan_scenario_load(path, errs, MAX_ERRS, &n));
    assert_int_equal(n, 3);
    assert_int_equal(errs[0].code, SHAPAN_E_FIELD);
    assert_string_equal(errs[0].where, "materials[1].price");
    assert_int_equal(errs[1].code, SHAPAN_E_REF);
    assert_string_equal(errs[1].where, "plant_types[1].id");
    assert_int_equal(errs[2].code, SHAPAN_E_UNKNOWN_ID);
    assert_string_equal(errs[2].where, "orders[1].market");
    /* a short errs[] still gets the full count */
    ShapanError one;
    n = -1;
    assert_null(shapan_scenario_load(path, &one, 1, &n));
    assert_int_equal(n, 3);
    assert_string_equal(one.where, "materials[1].price");
    n = -1;
    assert_null(shapan_scenario_load(path, NULL, 0, &n));
    assert_int_equal(n, 3);
}

static void test_missing_file(void **state)
{
    (void)state;
    ShapanError e;
    int n = -1;
    assert_null(shapan_scenario_load("/nonexistent/x.json", &e, 1, &n));
    assert_int_equal(n, 1);
    assert_int_equal(e.code, SHAPAN_E_IO);
    assert_string_equal(e.where, "/nonexistent/x.json");
}

/* ---- the shipped scenarios -------------------------------------------------------- */

static void test_classic(void **state)
{
    (void)state;
    ShapanScenario *sc = load_ok("scenarios/classic.json");
    static const int64_t dc[] = {2, 3, 4, 5};
    assert_int_equal(sc->nproducts, 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal(sc->products[i].direct_cost, dc[i]);
    assert_int_equal(sc->years, 6);
    for (int y = 1; y <= 6; y++)
        assert_true(sc->meeting_year[y]);
    assert_string_equal(sc->currency, "M");
    assert_int_equal(sc->capital, 50);
    assert_int_equal(sc->max_plants, 2);
    assert_int_equal(sc->teams_sized_for, 6);
    assert_int_equal(sc->forecast_teams, 27);
    /* the order book is the generator's (shapan-cli generate); whatever it holds loaded clean */
    for (int i = 0; i < sc->norders; i++) {
        assert_true(sc->orders[i].year >= 1 && sc->orders[i].year <= 6);
        assert_true(sc->orders[i].market >= 0 && sc->orders[i].market < sc->nmarkets);
        assert_true(sc->orders[i].product >= 0 && sc->orders[i].product < sc->nproducts);
    }
    assert_int_equal(sc->fin.long_max_years, 5);
    assert_int_equal(sc->fin.discount_far.num, 125);
    assert_int_equal(sc->fin.discount_far.den, 1000);
    assert_int_equal(sc->meet.min_ad, 1);
    assert_int_equal(sc->meet.pick_step, 2);
    assert_int_equal(sc->line_types[shapan_scenario_line_type(sc, "semi")].points, 7);
    /* table year 2, local P1: 45 / 41.2 / 15, price x 2/16 -> half_up(51.5) = 52 */
    int local = shapan_scenario_market(sc, "local"), p1 = shapan_scenario_product(sc, "P1");
    assert_int_equal(sc->forecast[1][local][p1].qty, 45);
    assert_int_equal(sc->forecast[1][local][p1].avg_price_x10, 52);
    assert_int_equal(sc->forecast[1][local][p1].count, 15);
    /* years 5 and 6 reuse the table's year 5 */
    int asia = shapan_scenario_market(sc, "asia");
    assert_int_equal(sc->forecast[6][asia][p1].qty, sc->forecast[5][asia][p1].qty);
    assert_int_equal(sc->forecast[4][asia][p1].qty, 36);

    const ShapanOpening *op = &sc->opening;
    assert_true(op->present);
    assert_int_equal(op->cash, 20);
    assert_int_equal(op->receivables[2], 15);
    assert_int_equal(op->nplants, 1);
    assert_true(op->plants[0].owned);
    assert_int_equal(op->nlines, 4);
    assert_int_equal(op->lines[0].wip_left, 1);
    assert_int_equal(op->lines[2].wip_left, 3);
    assert_int_equal(op->lines[3].type, shapan_scenario_line_type(sc, "semi"));
    assert_int_equal(op->lines[3].book, 4);
    assert_int_equal(op->materials[0], 3);
    assert_int_equal(op->products[p1], 3);
    assert_int_equal(op->arrivals[0][0], 2);
    assert_true(op->markets[local]);
    assert_true(op->qualified[p1]);
    assert_int_equal(op->nloans, 2);
    assert_int_equal(op->loans[0].due_year, 5);
    assert_int_equal(op->loans[1].due_year, 6);
    assert_int_equal(op->tax_payable, 1);
    assert_int_equal(op->retained, 11);
    assert_int_equal(op->expenses[SHAPAN_EXP_TOTAL], 11);
    assert_int_equal(op->revenue - op->direct_cost - op->expenses[SHAPAN_EXP_TOTAL] -
                         op->depreciation - op->finance - op->tax,
                     3);
    assert_int_equal(op->sales[local], 35);
    assert_true(sc->digest != 0);
    shapan_scenario_free(sc);
}

static void test_standard_base(void **state)
{
    (void)state;
    ShapanScenario *sc = load_ok("scenarios/standard-base.json");
    static const int64_t dc[] = {16, 27, 36, 48, 56};
    assert_int_equal(sc->nproducts, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(sc->products[i].direct_cost, dc[i]);
    int p4 = shapan_scenario_product(sc, "P4");
    assert_int_equal(sc->products[p4].bom[0].kind, SHAPAN_ITEM_PRODUCT);
    assert_int_equal(sc->years, 5);
    assert_false(sc->meeting_year[1]);
    for (int y = 2; y <= 5; y++)
        assert_true(sc->meeting_year[y]);
    assert_int_equal(sc->capital, 675);
    assert_false(sc->opening.present);
    assert_int_equal(sc->norders, 0);
    assert_int_equal(sc->meet.min_ad, 10);
    assert_int_equal(sc->meet.pick_step, 20);
    assert_true(sc->meet.market_leader);
    assert_int_equal(sc->meet.group_size, 3);
    assert_int_equal(sc->meet.bid_fee, 10);
    assert_int_equal(sc->meet.score_price_weight, 8);
    assert_int_equal(sc->fin.long_rate.num * 100, 12 * sc->fin.long_rate.den);
    assert_int_equal(sc->fin.admin_fee, 14);
    int leased = shapan_scenario_line_type(sc, "leased");
    assert_int_equal(sc->line_types[leased].residual, -70);
    assert_int_equal(sc->plant_types[shapan_scenario_plant_type(sc, "large")].buy, 481);
    int local = shapan_scenario_market(sc, "local"), asia = shapan_scenario_market(sc, "asia");
    int p1 = shapan_scenario_product(sc, "P1"), p5 = shapan_scenario_product(sc, "P5");
    assert_int_equal(sc->forecast[2][local][p1].qty, 45);
    assert_int_equal(sc->forecast[2][local][p1].avg_price_x10, 412);
    assert_int_equal(sc->forecast[2][local][p1].count, 15);
    assert_int_equal(sc->forecast[5][asia][p5].avg_price_x10, 1197);
    assert_int_equal(sc->forecast[2][local][p4].qty, 0);
    shapan_scenario_free(sc);
}

/* ---- round trip ------------------------------------------------------------------- */

#define EQ(field) assert_true(a->field == b->field)
#define EQS(field) assert_string_equal(a->field, b->field)

static void compare(const ShapanScenario *a, const ShapanScenario *b)
{
    EQS(name);
    EQS(currency);
    EQ(years);
    EQ(teams_sized_for);
    EQ(forecast_teams);
    EQ(capital);
    EQ(max_plants);
    EQ(digest);
    for (int y = 0; y <= SHAPAN_MAX_YEARS; y++)
        EQ(meeting_year[y]);
    EQ(nmaterials);
    for (int i = 0; i < a->nmaterials; i++) {
        EQS(materials[i].id);
        EQS(materials[i].name);
        EQ(materials[i].price);
        EQ(materials[i].lead);
    }
    EQ(nproducts);
    for (int i = 0; i < a->nproducts; i++) {
        EQS(products[i].id);
        EQS(products[i].name);
        EQ(products[i].nbom);
        for (int k = 0; k < a->products[i].nbom; k++) {
            EQ(products[i].bom[k].kind);
            EQ(products[i].bom[k].index);
            EQ(products[i].bom[k].qty);
        }
        EQ(products[i].processing);
        EQ(products[i].rnd_fee);
        EQ(products[i].rnd_quarters);
        EQ(products[i].points);
        EQ(products[i].direct_cost);
    }
    EQ(nmarkets);
    EQ(nisos);
    for (int i = 0; i < a->nmarkets; i++) {
        EQS(markets[i].id);
        EQS(markets[i].name);
        EQ(markets[i].fee);
        EQ(markets[i].years);
        EQ(markets[i].points);
    }
    for (int i = 0; i < a->nisos; i++) {
        EQS(isos[i].id);
        EQ(isos[i].fee);
        EQ(isos[i].years);
        EQ(isos[i].points);
    }
    EQ(nplant_types);
    for (int i = 0; i < a->nplant_types; i++) {
        EQS(plant_types[i].id);
        EQ(plant_types[i].buy);
        EQ(plant_types[i].rent);
        EQ(plant_types[i].sale);
        EQ(plant_types[i].slots);
        EQ(plant_types[i].points);
        EQ(plant_types[i].max_count);
    }
    EQ(nline_types);
    for (int i = 0; i < a->nline_types; i++) {
        EQS(line_types[i].id);
        EQ(line_types[i].total);
        EQ(line_types[i].install_q);
        EQ(line_types[i].production_q);
        EQ(line_types[i].convert_fee);
        EQ(line_types[i].convert_q);
        EQ(line_types[i].maintenance);
        EQ(line_types[i].residual);
        EQ(line_types[i].depreciation);
        EQ(line_types[i].points);
    }
    assert_memory_equal(&a->fin.long_rate, &b->fin.long_rate, sizeof(ShapanRate));
    EQ(fin.long_min_years);
    EQ(fin.long_max_years);
    EQ(fin.short_term_q);
    EQ(fin.discount_far.num);
    EQ(fin.discount_far.den);
    EQ(fin.sale_material.num);
    EQ(fin.sale_material.den);
    EQ(fin.admin_fee);
    EQ(meet.min_ad);
    EQ(meet.pick_step);
    EQ(meet.market_leader);
    EQ(meet.bid_cap.num);
    EQ(meet.score_delivery_base);
    for (int y = 0; y <= SHAPAN_MAX_YEARS; y++)
        for (int m = 0; m < SHAPAN_MAX_MARKETS; m++)
            for (int p = 0; p < SHAPAN_MAX_PRODUCTS; p++) {
                EQ(forecast[y][m][p].qty);
                EQ(forecast[y][m][p].avg_price_x10);
                EQ(forecast[y][m][p].count);
            }
    EQ(norders);
    for (int i = 0; i < a->norders; i++) {
        EQS(orders[i].id);
        EQ(orders[i].year);
        EQ(orders[i].market);
        EQ(orders[i].product);
        EQ(orders[i].qty);
        EQ(orders[i].price);
        EQ(orders[i].delivery);
        EQ(orders[i].term);
        EQ(orders[i].iso_mask);
        EQ(orders[i].bid);
    }
    EQ(opening.present);
    EQ(opening.cash);
    for (int i = 0; i < 4; i++) {
        EQ(opening.receivables[i]);
        for (int m = 0; m < SHAPAN_MAX_MATERIALS; m++)
            EQ(opening.arrivals[i][m]);
    }
    EQ(opening.nplants);
    for (int i = 0; i < a->opening.nplants; i++) {
        EQ(opening.plants[i].type);
        EQ(opening.plants[i].owned);
        EQ(opening.plants[i].rent_start_aq);
    }
    EQ(opening.nlines);
    for (int i = 0; i < a->opening.nlines; i++) {
        EQ(opening.lines[i].type);
        EQ(opening.lines[i].plant);
        EQ(opening.lines[i].product);
        EQ(opening.lines[i].book);
        EQ(opening.lines[i].wip_left);
        EQ(opening.lines[i].completed_year);
    }
    for (int i = 0; i < SHAPAN_MAX_MATERIALS; i++)
        EQ(opening.materials[i]);
    for (int i = 0; i < SHAPAN_MAX_PRODUCTS; i++) {
        EQ(opening.products[i]);
        EQ(opening.qualified[i]);
    }
    for (int i = 0; i < SHAPAN_MAX_MARKETS; i++) {
        EQ(opening.markets[i]);
        EQ(opening.sales[i]);
    }
    for (int i = 0; i < SHAPAN_MAX_ISOS; i++)
        EQ(opening.isos[i]);
    EQ(opening.nloans);
    for (int i = 0; i < a->opening.nloans; i++) {
        EQ(opening.loans[i].principal);
        EQ(opening.loans[i].due_year);
        EQ(opening.loans[i].due_aq);
        EQ(opening.loans[i].is_short);
    }
    EQ(opening.tax_payable);
    EQ(opening.retained);
    EQ(opening.loss_pool);
    for (int k = 0; k < SHAPAN_EXP_COUNT; k++)
        EQ(opening.expenses[k]);
    EQ(opening.revenue);
    EQ(opening.direct_cost);
    EQ(opening.depreciation);
    EQ(opening.finance);
    EQ(opening.tax);
}

static void round_trip(const char *rel)
{
    ShapanScenario *a = load_ok(rel);
    char *t1 = shapan_scenario_to_json(a);
    assert_non_null(t1);
    ShapanError errs[MAX_ERRS];
    int n = -1;
    ShapanScenario *b = shapan_scenario_from_json(t1, strlen(t1), errs, MAX_ERRS, &n);
    assert_int_equal(n, 0);
    assert_non_null(b);
    char *t2 = shapan_scenario_to_json(b);
    assert_non_null(t2);
    assert_string_equal(t1, t2);
    compare(a, b);
    assert_true(a->digest == shapan_catalogue_digest(a));
    free(t1);
    free(t2);
    shapan_scenario_free(a);
    shapan_scenario_free(b);
}

/* The digest (the writer's digest mode) covers every kind of value the writer
 * writes: one changed value anywhere changes it, layout alone does not, and it
 * equals the digest of the reloaded canonical text. */
static uint64_t digest_of(const char *text)
{
    ShapanError errs[MAX_ERRS];
    int n = -1;
    ShapanScenario *sc = shapan_scenario_from_json(text, strlen(text), errs, MAX_ERRS, &n);
    for (int i = 0; i < n && i < MAX_ERRS; i++)
        print_error("%s: %s\n", errs[i].where, errs[i].message);
    assert_int_equal(n, 0);
    assert_non_null(sc);
    uint64_t d = sc->digest;
    assert_true(d == shapan_catalogue_digest(sc));
    shapan_scenario_free(sc);
    return d;
}

static char *replaced(const char *text, const char *needle, const char *with)
{
    const char *at = strstr(text, needle);
    assert_non_null(at);
    size_t pre = (size_t)(at - text), nl = strlen(needle), wl = strlen(with);
    char *out = malloc(strlen(text) - nl + wl + 1);
    assert_non_null(out);
    memcpy(out, text, pre);
    memcpy(out + pre, with, wl);
    strcpy(out + pre + wl, at + nl);
    return out;
}

static void test_digest_covers_values(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = read_text("scenarios/classic.json", &len);
    uint64_t base = digest_of(text);
    static const char *const edits[][2] = {
        {"\"name\": \"用友", "\"name\": \"X用友"},                        /* a string */
        {"\"max_plants\": 2", "\"max_plants\": 3"},                       /* a top-level int */
        {"\"years\":4,\"points\":14", "\"years\":4,\"points\":15"},       /* a certificate */
        {"{\"item\":\"R2\",\"qty\":1}]", "{\"item\":\"R2\",\"qty\":2}]"}, /* a bom */
        {"\"short_rate\": \"5/100\"", "\"short_rate\": \"6/100\""},       /* a rate */
        {"\"qty\":4,\"price\":20", "\"qty\":4,\"price\":21"},             /* an order */
        {"\"receivables\": [0,0,15,0]", "\"receivables\": [0,15,0,0]"},   /* opening */
        {"\"market_leader\": true", "\"market_leader\": false"},          /* a bool */
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        char *t = replaced(text, edits[i][0], edits[i][1]);
        if (digest_of(t) == base)
            fail_msg("edit %zu (%s) left the digest unchanged", i, edits[i][0]);
        free(t);
    }
    char *spaced = replaced(text, "\"max_plants\": 2", "\"max_plants\":    2");
    assert_true(digest_of(spaced) == base);
    free(spaced);
    ShapanScenario *sc = load_ok("scenarios/classic.json");
    char *canon = shapan_scenario_to_json(sc);
    assert_true(digest_of(canon) == base);
    free(canon);
    shapan_scenario_free(sc);
    free(text);
}

static void test_round_trip_classic(void **state)
{
    (void)state;
    round_trip("scenarios/classic.json");
}

static void test_round_trip_standard(void **state)
{
    (void)state;
    round_trip("scenarios/standard-base.json");
}

static void test_round_trip_mini(void **state)
{
    (void)state;
    round_trip("tests/data/scenario_mini.json");
}

/* The shipped files are already in canonical form, byte for byte. */
static void test_files_canonical(void **state)
{
    (void)state;
    static const char *const files[] = {"scenarios/classic.json", "scenarios/standard-base.json"};
    for (int i = 0; i < 2; i++) {
        size_t len;
        char *text = read_text(files[i], &len);
        ShapanScenario *sc = load_ok(files[i]);
        char *out = shapan_scenario_to_json(sc);
        assert_string_equal(text, out);
        free(out);
        free(text);
        shapan_scenario_free(sc);
    }
}

/* ---- the mini scenario: orders, defaults, look-ups -------------------------------- */

static void test_mini_and_lookups(void **state)
{
    (void)state;
    ShapanScenario *sc = load_ok("tests/data/scenario_mini.json");
    assert_int_equal(sc->products[0].direct_cost, 3);
    assert_int_equal(sc->products[1].direct_cost, 8); /* P1 (3) + R2 (3) + 2 */
    /* optional fields took their documented defaults */
    assert_string_equal(sc->materials[0].name, "R1");
    assert_int_equal(sc->teams_sized_for, 6);
    assert_int_equal(sc->plant_types[0].sale, 40);
    assert_int_equal(sc->plant_types[0].max_count, 2);
    assert_int_equal(sc->fin.loan_cap.num, 3);
    assert_int_equal(sc->fin.loan_cap.den, 1);
    assert_int_equal(sc->fin.admin_fee, 14);
    assert_int_equal(sc->meet.bid_fee, 10);
    assert_int_equal(sc->opening.lines[0].completed_year, 0);
    assert_int_equal(sc->opening.retained, -3);

    assert_int_equal(sc->norders, 3);
    assert_int_equal(shapan_scenario_order(sc, "O2"), 1);
    assert_int_equal(shapan_scenario_order(sc, "O9"), -1);
    const ShapanOrder *o2 = &sc->orders[1], *b1 = &sc->orders[2];
    assert_int_equal(o2->iso_mask, 1u);
    assert_int_equal(o2->price, 20);
    assert_int_equal(o2->delivery, 1);
    assert_true(b1->bid);
    assert_int_equal(b1->price, 0);
    assert_int_equal(b1->delivery, 0);
    assert_int_equal(b1->qty, 3);

    assert_int_equal(shapan_scenario_material(sc, "R2"), 1);
    assert_int_equal(shapan_scenario_material(sc, "P1"), -1);
    assert_int_equal(shapan_scenario_product(sc, "P2"), 1);
    assert_int_equal(shapan_scenario_market(sc, "local"), 0);
    assert_int_equal(shapan_scenario_iso(sc, "ISO9000"), 0);
    assert_int_equal(shapan_scenario_plant_type(sc, "large"), 0);
    assert_int_equal(shapan_scenario_line_type(sc, "manual"), 0);
    assert_int_equal(shapan_scenario_line_type(sc, ""), -1);
    assert_int_equal(shapan_scenario_item(sc, "R2"), 1);
    assert_int_equal(shapan_scenario_item(sc, "P2"), 3);
    assert_int_equal(shapan_scenario_item(sc, "X"), -1);
    assert_string_equal(shapan_scenario_item_id(sc, 2), "P1");
    assert_null(shapan_scenario_item_id(sc, 4));
    assert_int_equal(shapan_scenario_item_cost(sc, 1), 3);
    assert_int_equal(shapan_scenario_item_cost(sc, 3), 8);
    shapan_scenario_free(sc);
}

static void test_not_nul_terminated(void **state)
{
    (void)state;
    size_t len;
    char *text = read_text("tests/data/scenario_mini.json", &len);
    char *buf = malloc(len + 8);
    assert_non_null(buf);
    memcpy(buf, text, len);
    memcpy(buf + len, "garbage!", 8); /* past len: must never be read */
    int n = -1;
    ShapanError e;
    ShapanScenario *sc = shapan_scenario_from_json(buf, len, &e, 1, &n);
    assert_int_equal(n, 0);
    assert_non_null(sc);
    shapan_scenario_free(sc);
    /* cut inside the text: a parse error, not an overrun */
    assert_null(shapan_scenario_from_json(buf, len / 2, &e, 1, &n));
    assert_int_equal(n, 1);
    assert_int_equal(e.code, SHAPAN_E_JSON);
    free(buf);
    free(text);
}

static void test_key_tables(void **state)
{
    (void)state;
    assert_string_equal(shapan_expense_keys[SHAPAN_EXP_ADMIN], "admin");
    assert_string_equal(shapan_expense_keys[SHAPAN_EXP_MARKET_DEV], "market_dev");
    assert_string_equal(shapan_expense_keys[SHAPAN_EXP_TOTAL], "total");
    assert_string_equal(shapan_income_keys[SHAPAN_INC_EBITDA], "ebitda");
    assert_string_equal(shapan_income_keys[SHAPAN_INC_NET], "net");
    assert_string_equal(shapan_balance_keys[SHAPAN_BAL_CURRENT_TOTAL], "current_total");
    assert_string_equal(shapan_balance_keys[SHAPAN_BAL_TOTAL], "total");
    assert_string_equal(shapan_expense_zh[SHAPAN_EXP_ISO], "ISO认证");
    assert_string_equal(shapan_income_zh[SHAPAN_INC_EBIT], "支付利息前利润");
    assert_string_equal(shapan_balance_zh[SHAPAN_BAL_NET_PROFIT], "年度净利");
    assert_string_equal(shapan_balance_zh[SHAPAN_BAL_TOTAL], "负债和所有者权益总计");
    for (int i = 0; i < SHAPAN_BAL_COUNT; i++)
        assert_non_null(shapan_balance_zh[i]);
}

/* ---- jsonutil --------------------------------------------------------------------- */

static bool int_of(const char *json, int64_t *v, ShapanError *e)
{
    cJSON *root = shapan_json_parse(json, strlen(json), e);
    assert_non_null(root);
    bool ok = shapan_json_int(root, "v", -SHAPAN_JSON_INT_MAX, SHAPAN_JSON_INT_MAX, v, "x", e);
    cJSON_Delete(root);
    return ok;
}

static void test_json_int(void **state)
{
    (void)state;
    int64_t v = 0;
    ShapanError e;
    assert_true(int_of("{\"v\": 9007199254740991}", &v, &e));
    assert_true(v == INT64_C(9007199254740991));
    assert_true(int_of("{\"v\": -9007199254740991}", &v, &e));
    assert_true(v == -INT64_C(9007199254740991));
    assert_true(int_of("{\"v\": 1e2}", &v, &e));
    assert_int_equal(v, 100);
    assert_true(int_of("{\"v\": -0}", &v, &e));
    assert_int_equal(v, 0);
    assert_true(int_of("{\"v\": 3.0}", &v, &e));
    assert_int_equal(v, 3);
    static const char *const bad[] = {"{\"v\": 2.5}",
                                      "{\"v\": 0.001}",
                                      "{\"v\": 1e300}",
                                      "{\"v\": -1e300}",
                                      "{\"v\": 9007199254740992}",
                                      "{\"v\": 1e-320}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(int_of(bad[i], &v, &e));
        assert_int_equal(e.code, SHAPAN_E_AMOUNT);
        assert_string_equal(e.where, "x.v");
    }
    assert_false(int_of("{\"v\": \"3\"}", &v, &e));
    assert_int_equal(e.code, SHAPAN_E_FIELD);
    assert_false(int_of("{\"w\": 3}", &v, &e));
    assert_int_equal(e.code, SHAPAN_E_FIELD);
    /* range */
    cJSON *root = shapan_json_parse("{\"v\": 5}", 8, &e);
    assert_false(shapan_json_int(root, "v", 0, 4, &v, "", &e));
    assert_int_equal(e.code, SHAPAN_E_AMOUNT);
    assert_string_equal(e.where, "v");
    int i32 = 0;
    assert_true(shapan_json_int32_opt(root, "w", 0, 9, 7, &i32, "", &e));
    assert_int_equal(i32, 7);
    cJSON_Delete(root);
}

static void test_json_rate(void **state)
{
    (void)state;
    ShapanError e;
    ShapanRate r;
    const char *json = "{\"a\":\"125/1000\",\"b\":3,\"c\":\"1/0\",\"d\":\"-1/2\",\"e\":\"1/ 2\","
                       "\"f\":2.5,\"g\":\"12345678901/2\"}";
    cJSON *root = shapan_json_parse(json, strlen(json), &e);
    assert_non_null(root);
    assert_true(shapan_json_rate(root, "a", &r, "fin", &e));
    assert_int_equal(r.num, 125);
    assert_int_equal(r.den, 1000);
    assert_int_equal(shapan_half_up(100, r), 13);
    assert_true(shapan_json_rate(root, "b", &r, "fin", &e));
    assert_int_equal(r.num, 3);
    assert_int_equal(r.den, 1);
    assert_false(shapan_json_rate(root, "c", &r, "fin", &e));
    assert_int_equal(e.code, SHAPAN_E_AMOUNT);
    assert_string_equal(e.where, "fin.c");
    assert_false(shapan_json_rate(root, "d", &r, "fin", &e));
    assert_int_equal(e.code, SHAPAN_E_FIELD);
    assert_false(shapan_json_rate(root, "e", &r, "fin", &e));
    assert_int_equal(e.code, SHAPAN_E_FIELD);
    assert_false(shapan_json_rate(root, "f", &r, "fin", &e));
    assert_int_equal(e.code, SHAPAN_E_AMOUNT);
    assert_false(shapan_json_rate(root, "g", &r, "fin", &e));
    ShapanRate dflt = {1, 4};
    assert_true(shapan_json_rate_opt(root, "zz", dflt, &r, "fin", &e));
    assert_int_equal(r.den, 4);
    char buf[48];
    shapan_json_rate_text((ShapanRate){125, 1000}, buf, sizeof buf);
    assert_string_equal(buf, "125/1000");
    cJSON_Delete(root);
}

static void test_json_parse_and_keys(void **state)
{
    (void)state;
    ShapanError e;
    const char *bad = "{\n  \"a\": 1,\n  \"b\": ]\n}";
    assert_null(shapan_json_parse(bad, strlen(bad), &e));
    assert_int_equal(e.code, SHAPAN_E_JSON);
    assert_string_equal(e.where, "line 3");
    assert_null(shapan_json_parse("", 0, &e));
    assert_int_equal(e.code, SHAPAN_E_JSON);
    /* a byte order mark is skipped; a length shorter than the buffer is honoured */
    const char *bom = "\xEF\xBB\xBF{\"k\":1}xyz";
    cJSON *root = shapan_json_parse(bom, 10, &e);
    assert_non_null(root);
    static const char *const allowed[] = {"k", NULL};
    ShapanError errs[4];
    assert_int_equal(shapan_json_check_keys(root, allowed, "p", errs, 4), 0);
    cJSON_Delete(root);
    const char *dup = "{\"k\":1,\"x\":2,\"k\":3}";
    root = shapan_json_parse(dup, strlen(dup), &e);
    assert_int_equal(shapan_json_check_keys(root, allowed, "p", errs, 4), 2);
    assert_string_equal(errs[0].where, "p.x");
    assert_string_equal(errs[0].message, "unknown field");
    assert_string_equal(errs[1].where, "p.k");
    assert_string_equal(errs[1].message, "duplicate key");
    cJSON_Delete(root);
    /* writing integers never goes through binary64 text formatting */
    cJSON *o = cJSON_CreateObject();
    assert_true(shapan_json_add_int(o, "big", INT64_C(9007199254740991)));
    assert_true(shapan_json_add_int(o, "neg", -70));
    char *s = cJSON_PrintUnformatted(o);
    assert_string_equal(s, "{\"big\":9007199254740991,\"neg\":-70}");
    cJSON_free(s);
    cJSON_Delete(o);
}

int main(void)
{
    struct CMUnitTest tests[NBAD + 16];
    int n = 0;
    for (int i = 0; i < NBAD; i++) {
        struct CMUnitTest t = cmocka_unit_test_prestate(test_bad_file, (void *)&bad_cases[i]);
        t.name = bad_cases[i].file;
        tests[n++] = t;
    }
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_three_defects),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_classic),
        cmocka_unit_test(test_standard_base),
        cmocka_unit_test(test_round_trip_classic),
        cmocka_unit_test(test_digest_covers_values),
        cmocka_unit_test(test_round_trip_standard),
        cmocka_unit_test(test_round_trip_mini),
        cmocka_unit_test(test_files_canonical),
        cmocka_unit_test(test_mini_and_lookups),
        cmocka_unit_test(test_not_nul_terminated),
        cmocka_unit_test(test_key_tables),
        cmocka_unit_test(test_json_int),
        cmocka_unit_test(test_json_rate),
        cmocka_unit_test(test_json_parse_and_keys),
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        tests[n++] = fixed[i];
    return _cmocka_run_group_tests("scenario", tests, (size_t)n, NULL, NULL);
}
