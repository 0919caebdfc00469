/* The order-book generator (RULES.md §9) on the default forecast table, built in code
 * so that the test does not depend on the scenario loader. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "shapan/scenario.h"

#define NM 5
#define NP 5

static const char *const MARKETS[NM] = {"local", "regional", "domestic", "asia", "intl"};
static const char *const PRODUCTS[NP] = {"P1", "P2", "P3", "P4", "P5"};

/* RULES.md §9: quantity, average unit price in tenths, number of orders; {0,0,0} = "–" */
typedef struct {
    int year, market;
    int cell[NP][3];
} Row;

static const Row TABLE[] = {
    {2, 0, {{45, 412, 15}, {67, 632, 18}, {44, 715, 15}, {0, 0, 0}, {0, 0, 0}}},
    {2, 1, {{77, 395, 25}, {44, 640, 16}, {51, 708, 19}, {34, 1021, 12}, {0, 0, 0}}},
    {2, 2, {{43, 505, 14}, {42, 688, 15}, {37, 781, 12}, {28, 1133, 8}, {0, 0, 0}}},
    {3, 0, {{52, 451, 16}, {36, 670, 13}, {47, 732, 16}, {0, 0, 0}, {26, 1116, 8}}},
    {3, 1, {{60, 428, 20}, {59, 647, 18}, {39, 715, 12}, {40, 962, 12}, {0, 0, 0}}},
    {3, 2, {{33, 505, 10}, {43, 703, 13}, {26, 762, 9}, {25, 1055, 9}, {12, 1234, 5}}},
    {4, 0, {{46, 401, 16}, {0, 0, 0}, {51, 716, 18}, {48, 1003, 14}, {0, 0, 0}}},
    {4, 1, {{0, 0, 0}, {54, 616, 18}, {0, 0, 0}, {48, 1031, 13}, {38, 1123, 11}}},
    {4, 2, {{33, 421, 13}, {47, 647, 16}, {47, 742, 16}, {0, 0, 0}, {26, 1175, 9}}},
    {4, 3, {{0, 0, 0}, {33, 636, 14}, {40, 722, 15}, {25, 1096, 9}, {0, 0, 0}}},
    {4, 4, {{23, 450, 10}, {37, 690, 11}, {35, 803, 11}, {0, 0, 0}, {0, 0, 0}}},
    {5, 0, {{0, 0, 0}, {53, 629, 17}, {39, 753, 15}, {42, 986, 14}, {42, 1112, 14}}},
    {5, 1, {{50, 445, 16}, {54, 634, 18}, {37, 788, 14}, {34, 1036, 12}, {0, 0, 0}}},
    {5, 2, {{49, 466, 13}, {0, 0, 0}, {0, 0, 0}, {32, 1080, 12}, {25, 1164, 8}}},
    {5, 3, {{36, 480, 12}, {48, 689, 14}, {34, 773, 13}, {0, 0, 0}, {14, 1197, 4}}},
    {5, 4, {{23, 537, 10}, {31, 696, 11}, {33, 769, 11}, {0, 0, 0}, {0, 0, 0}}},
};

static ShapanScenario *default_scenario(void)
{
    ShapanScenario *sc = calloc(1, sizeof *sc);
    assert_non_null(sc);
    strcpy(sc->name, "test");
    sc->years = 5;
    sc->forecast_teams = 27;
    for (int y = 2; y <= 5; y++)
        sc->meeting_year[y] = true;
    sc->nmarkets = NM;
    for (int m = 0; m < NM; m++)
        strcpy(sc->markets[m].id, MARKETS[m]);
    sc->nproducts = NP;
    for (int p = 0; p < NP; p++)
        strcpy(sc->products[p].id, PRODUCTS[p]);
    /* RULES.md §9's shares (a loaded scenario gets them as defaults) */
    sc->gen.iso_share = (ShapanRate){8, 100};
    sc->gen.bid_share = (ShapanRate){3, 100};
    sc->gen.price_spread = (ShapanRate){10, 100};
    sc->nisos = 2;
    strcpy(sc->isos[0].id, "ISO9000");
    strcpy(sc->isos[1].id, "ISO14000");
    for (size_t i = 0; i < sizeof TABLE / sizeof TABLE[0]; i++)
        for (int p = 0; p < NP; p++) {
            ShapanForecastCell *f = &sc->forecast[TABLE[i].year][TABLE[i].market][p];
            f->qty = TABLE[i].cell[p][0];
            f->avg_price_x10 = TABLE[i].cell[p][1];
            f->count = TABLE[i].cell[p][2];
        }
    return sc;
}

static void free_scenario(ShapanScenario *sc)
{
    shapan_scenario_free(sc); /* the book, its id index and the struct */
}

static ShapanScenario *generated(int teams, uint64_t seed)
{
    ShapanScenario *sc = default_scenario();
    ShapanError err;
    memset(&err, 0, sizeof err);
    assert_int_equal(shapan_generate_orders(sc, teams, seed, &err), SHAPAN_OK);
    assert_int_equal(sc->teams_sized_for, teams);
    return sc;
}

/* Totals of one cell: all orders, and pick orders only. */
typedef struct {
    int orders, qty, picks, pick_qty, bids;
    int64_t revenue;
    int max_qty;
} CellSum;

static CellSum cell_sum(const ShapanScenario *sc, int y, int m, int p)
{
    CellSum s;
    memset(&s, 0, sizeof s);
    for (int i = 0; i < sc->norders; i++) {
        const ShapanOrder *o = &sc->orders[i];
        if (o->year != y || o->market != m || o->product != p)
            continue;
        s.orders++;
        s.qty += o->qty;
        if (o->qty > s.max_qty)
            s.max_qty = o->qty;
        if (o->bid) {
            s.bids++;
        } else {
            s.picks++;
            s.pick_qty += o->qty;
            s.revenue += o->price;
        }
    }
    return s;
}

static void test_27_teams_match_the_table(void **state)
{
    (void)state;
    ShapanScenario *sc = generated(27, 1);
    assert_int_equal(sc->norders, 772); /* the sum of the table's order counts */
    CellSum s = cell_sum(sc, 2, 0, 0);
    assert_int_equal(s.qty, 45);
    assert_int_equal(s.orders, 15);
    int biggest = 0;
    for (int y = 1; y <= 5; y++)
        for (int m = 0; m < NM; m++)
            for (int p = 0; p < NP; p++) {
                s = cell_sum(sc, y, m, p);
                assert_int_equal(s.qty, sc->forecast[y][m][p].qty);
                assert_int_equal(s.orders, sc->forecast[y][m][p].count);
                if (s.max_qty > biggest)
                    biggest = s.max_qty;
            }
    assert_true(biggest <= 6); /* real books show 1-6 units per order */
    assert_true(biggest >= 5); /* and the split does vary */
    for (int i = 0; i < sc->norders; i++) {
        assert_true(sc->orders[i].qty >= 1);
        assert_true(sc->orders[i].year >= 2 && sc->orders[i].year <= 5);
    }
    free_scenario(sc);
}

static void test_6_teams_scale_every_cell(void **state)
{
    (void)state;
    ShapanScenario *sc = generated(6, 7);
    int expected_orders = 0;
    for (int y = 2; y <= 5; y++)
        for (int m = 0; m < NM; m++)
            for (int p = 0; p < NP; p++) {
                const ShapanForecastCell *f = &sc->forecast[y][m][p];
                CellSum s = cell_sum(sc, y, m, p);
                if (f->qty == 0) {
                    assert_int_equal(s.orders, 0);
                    continue;
                }
                int q = (int)shapan_div_half_up((int64_t)f->qty * 6, 27);
                int c = (int)shapan_div_half_up((int64_t)f->count * 6, 27);
                c = c < 1 ? 1 : c;
                c = c > q ? q : c;
                assert_int_equal(s.qty, q);
                assert_int_equal(s.orders, c);
                expected_orders += c;
            }
    /* Y2 local P1: 45 x 6 / 27 = 10 units in half_up(15 x 6 / 27) = 3 orders */
    assert_int_equal(cell_sum(sc, 2, 0, 0).qty, 10);
    assert_int_equal(cell_sum(sc, 2, 0, 0).orders, 3);
    /* Y5 asia P5: 14 -> 3 units, 4 orders -> half_up(0.89) = 1 order */
    assert_int_equal(cell_sum(sc, 5, 3, 4).qty, 3);
    assert_int_equal(cell_sum(sc, 5, 3, 4).orders, 1);
    assert_int_equal(sc->norders, expected_orders);
    assert_int_equal(sc->norders, 173);
    for (int i = 0; i < sc->norders; i++)
        assert_true(sc->orders[i].qty >= 1);
    free_scenario(sc);
}

static void test_one_team_gets_one_order_per_cell_at_least(void **state)
{
    (void)state;
    ShapanScenario *sc = generated(1, 3);
    for (int y = 2; y <= 5; y++)
        for (int m = 0; m < NM; m++)
            for (int p = 0; p < NP; p++) {
                CellSum s = cell_sum(sc, y, m, p);
                if (sc->forecast[y][m][p].qty > 0) {
                    assert_true(s.orders >= 1);
                    assert_true(s.qty >= s.orders);
                } else {
                    assert_int_equal(s.orders, 0);
                }
            }
    free_scenario(sc);
}

/* In each cell, over its pick orders, every delivery quarter 1..4 and every term
 * 0..4 occurs within one of every other; bid orders carry none. */
static void check_spread(const ShapanScenario *sc)
{
    for (int y = 2; y <= 5; y++)
        for (int m = 0; m < NM; m++)
            for (int p = 0; p < NP; p++) {
                int dq[5] = {0}, tm[5] = {0};
                for (int i = 0; i < sc->norders; i++) {
                    const ShapanOrder *o = &sc->orders[i];
                    if (o->year != y || o->market != m || o->product != p)
                        continue;
                    if (o->bid) {
                        assert_int_equal(o->delivery, 0);
                        assert_int_equal(o->term, 0);
                        assert_int_equal(o->price, 0);
                        continue;
                    }
                    assert_true(o->delivery >= 1 && o->delivery <= 4);
                    assert_true(o->term >= 0 && o->term <= 4);
                    dq[o->delivery]++;
                    tm[o->term]++;
                }
                int lo = dq[1], hi = dq[1];
                for (int k = 2; k <= 4; k++) {
                    lo = dq[k] < lo ? dq[k] : lo;
                    hi = dq[k] > hi ? dq[k] : hi;
                }
                assert_true(hi - lo <= 1);
                lo = tm[0];
                hi = tm[0];
                for (int k = 1; k <= 4; k++) {
                    lo = tm[k] < lo ? tm[k] : lo;
                    hi = tm[k] > hi ? tm[k] : hi;
                }
                assert_true(hi - lo <= 1);
            }
}

static void test_delivery_and_terms_spread_evenly(void **state)
{
    (void)state;
    ShapanScenario *sc = generated(27, 11);
    check_spread(sc);
    free_scenario(sc);
    sc = generated(6, 11);
    check_spread(sc);
    free_scenario(sc);
}

static void test_iso_orders(void **state)
{
    (void)state;
    ShapanScenario *sc = generated(27, 5);
    int later = 0, iso = 0, both = 0, per_year[6] = {0};
    for (int i = 0; i < sc->norders; i++) {
        const ShapanOrder *o = &sc->orders[i];
        assert_true(o->iso_mask <= 3u);
        if (o->year == 2) {
            assert_int_equal(o->iso_mask, 0);
            continue;
        }
        later++;
        if (o->iso_mask) {
            iso++;
            per_year[o->year]++;
        }
        if (o->iso_mask == 3u)
            both++;
    }
    assert_int_equal(later, 603);
    /* half_up(8 % of 161, 214, 228) = 13 + 17 + 18 */
    assert_int_equal(per_year[3], 13);
    assert_int_equal(per_year[4], 17);
    assert_int_equal(per_year[5], 18);
    assert_int_equal(iso, 48);
    assert_true(iso * 100 >= later * 5 && iso * 100 <= later * 11);
    assert_true(both > 0 && both < iso);
    free_scenario(sc);

    /* a scenario with one ISO only asks for that one; with none, no order asks any */
    for (int n = 0; n <= 1; n++) {
        sc = default_scenario();
        sc->nisos = n;
        assert_int_equal(shapan_generate_orders(sc, 27, 5, NULL), SHAPAN_OK);
        int count = 0;
        for (int i = 0; i < sc->norders; i++) {
            assert_true(sc->orders[i].iso_mask <= (n == 1 ? 1u : 0u));
            count += sc->orders[i].iso_mask ? 1 : 0;
        }
        assert_int_equal(count, n == 1 ? 48 : 0);
        free_scenario(sc);
    }
}

static void test_bid_orders(void **state)
{
    (void)state;
    for (int teams = 6; teams <= 30; teams += 21) {
        ShapanScenario *sc = generated(teams, 9);
        int bids = 0, y3 = 0, y5 = 0;
        for (int i = 0; i < sc->norders; i++) {
            const ShapanOrder *o = &sc->orders[i];
            if (!o->bid)
                continue;
            bids++;
            assert_true(o->year == 3 || o->year == 5);
            y3 += o->year == 3;
            y5 += o->year == 5;
            assert_int_equal(o->price, 0);
            assert_int_equal(o->delivery, 0);
            assert_int_equal(o->term, 0);
            assert_true(o->qty >= 1);
            assert_int_equal(strncmp(o->id, o->year == 3 ? "Y3-B-" : "Y5-B-", 5), 0);
        }
        assert_true(bids * 100 >= sc->norders * 2 && bids * 100 <= sc->norders * 4);
        assert_true(y3 > 0 && y5 > 0 && y5 - y3 <= 1 && y5 >= y3);
        if (teams == 27) {
            assert_int_equal(bids, 23); /* half_up(3 % of 772): 11 in year 3, 12 in year 5 */
            assert_int_equal(y3, 11);
        }
        free_scenario(sc);
    }
    /* 27 teams, as the brief's measure */
    ShapanScenario *sc = generated(27, 9);
    int bids = 0;
    for (int i = 0; i < sc->norders; i++)
        bids += sc->orders[i].bid;
    assert_int_equal(bids, 23);
    free_scenario(sc);
}

static int bid_years_mask(int first, int last)
{
    ShapanScenario *sc = default_scenario();
    memset(sc->meeting_year, 0, sizeof sc->meeting_year);
    for (int y = first; y <= last; y++)
        sc->meeting_year[y] = true;
    assert_int_equal(shapan_generate_orders(sc, 27, 2, NULL), SHAPAN_OK);
    int mask = 0;
    for (int i = 0; i < sc->norders; i++)
        if (sc->orders[i].bid)
            mask |= 1 << sc->orders[i].year;
    free_scenario(sc);
    return mask;
}

static void test_bid_years_generalise(void **state)
{
    (void)state;
    assert_int_equal(bid_years_mask(2, 5), (1 << 3) | (1 << 5));
    assert_int_equal(bid_years_mask(2, 4), (1 << 3) | (1 << 4));
    assert_int_equal(bid_years_mask(2, 3), 1 << 3);
    assert_int_equal(bid_years_mask(2, 2), 0);
    assert_int_equal(bid_years_mask(3, 5), (1 << 4) | (1 << 5));
}

static void test_same_seed_same_book(void **state)
{
    (void)state;
    ShapanScenario *a = generated(27, 42);
    ShapanScenario *b = generated(27, 42);
    ShapanScenario *c = generated(27, 43);
    assert_int_equal(a->norders, b->norders);
    assert_memory_equal(a->orders, b->orders, (size_t)a->norders * sizeof *a->orders);
    assert_int_equal(a->norders, c->norders); /* counts come from the table, not the seed */
    assert_true(memcmp(a->orders, c->orders, (size_t)a->norders * sizeof *a->orders) != 0);
    /* regenerating in place replaces the book (the old one is freed: ASan checks) */
    ShapanError err;
    assert_int_equal(shapan_generate_orders(c, 27, 42, &err), SHAPAN_OK);
    assert_memory_equal(a->orders, c->orders, (size_t)a->norders * sizeof *a->orders);
    free_scenario(a);
    free_scenario(b);
    free_scenario(c);
}

static void test_editing_one_cell_keeps_the_others(void **state)
{
    (void)state;
    ShapanScenario *a = generated(27, 8);
    ShapanScenario *b = default_scenario();
    b->forecast[2][1][0].avg_price_x10 = 500; /* Y2 regional P1 */
    assert_int_equal(shapan_generate_orders(b, 27, 8, NULL), SHAPAN_OK);
    assert_int_equal(a->norders, b->norders);
    for (int i = 0; i < a->norders; i++) {
        bool edited =
            a->orders[i].year == 2 && a->orders[i].market == 1 && a->orders[i].product == 0;
        if (edited)
            assert_true(b->orders[i].price > a->orders[i].price);
        else
            assert_memory_equal(&a->orders[i], &b->orders[i], sizeof a->orders[i]);
    }
    free_scenario(a);
    free_scenario(b);
}

static void test_prices_follow_the_average(void **state)
{
    (void)state;
    ShapanScenario *sc = generated(27, 13);
    int64_t worst_x1000 = 0; /* largest deviation of a cell's mean unit price, per mille */
    for (int y = 2; y <= 5; y++)
        for (int m = 0; m < NM; m++)
            for (int p = 0; p < NP; p++) {
                int64_t avg = sc->forecast[y][m][p].avg_price_x10;
                CellSum s = cell_sum(sc, y, m, p);
                if (s.picks == 0)
                    continue;
                int64_t target = (int64_t)s.pick_qty * avg; /* tenths */
                int64_t dev = 10 * s.revenue - target;
                if (dev < 0)
                    dev = -dev;
                /* mean unit price within +-3 % */
                assert_true(dev * 100 <= target * 3);
                /* revenue sanity: off by at most the per-order rounding plus one order's units */
                assert_true(dev <= 5 * s.picks + s.max_qty);
                if (dev * 1000 / target > worst_x1000)
                    worst_x1000 = dev * 1000 / target;
            }
    assert_true(worst_x1000 <= 5);
    /* every unit price within +-10 % (plus rounding) and some real variation */
    int varied = 0;
    for (int i = 0; i < sc->norders; i++) {
        const ShapanOrder *o = &sc->orders[i];
        if (o->bid)
            continue;
        int64_t avg = sc->forecast[o->year][o->market][o->product].avg_price_x10;
        int64_t dev = 10 * o->price - o->qty * avg;
        if (dev < 0)
            dev = -dev;
        assert_true(o->price >= 1);
        assert_true(dev <= o->qty * (avg / 10) + 5);
        if (dev * 100 > o->qty * avg * 4)
            varied++;
    }
    assert_true(varied * 5 > sc->norders); /* over a fifth deviate by more than 4 % */
    free_scenario(sc);
}

static void test_ids_are_unique_and_readable(void **state)
{
    (void)state;
    ShapanScenario *sc = generated(27, 21);
    for (int i = 0; i < sc->norders; i++)
        for (int j = i + 1; j < sc->norders; j++)
            assert_string_not_equal(sc->orders[i].id, sc->orders[j].id);
    assert_string_equal(sc->orders[0].id, "Y2-local-P1-01");
    assert_string_equal(sc->orders[14].id, "Y2-local-P1-15");
    assert_string_equal(sc->orders[15].id, "Y2-local-P2-01");
    assert_string_equal(sc->orders[sc->norders - 1].id, "Y5-intl-P3-11");
    /* book order: year, market, product */
    for (int i = 1; i < sc->norders; i++) {
        const ShapanOrder *a = &sc->orders[i - 1], *b = &sc->orders[i];
        int ka = (a->year * 16 + a->market) * 16 + a->product;
        int kb = (b->year * 16 + b->market) * 16 + b->product;
        assert_true(ka <= kb);
    }
    /* the pick ids of a cell have no gaps, nor have its bid ids */
    for (int y = 3; y <= 5; y += 2)
        for (int m = 0; m < NM; m++)
            for (int p = 0; p < NP; p++) {
                int npick = 0, nbid = 0;
                for (int i = 0; i < sc->norders; i++) {
                    const ShapanOrder *o = &sc->orders[i];
                    if (o->year != y || o->market != m || o->product != p)
                        continue;
                    char want[SHAPAN_ID_LEN];
                    if (o->bid)
                        snprintf(want, sizeof want, "Y%d-B-%s-%s-%02d", y, MARKETS[m], PRODUCTS[p],
                                 ++nbid);
                    else
                        snprintf(want, sizeof want, "Y%d-%s-%s-%02d", y, MARKETS[m], PRODUCTS[p],
                                 ++npick);
                    assert_string_equal(o->id, want);
                }
            }
    free_scenario(sc);
}

static void test_errors_leave_the_book_unchanged(void **state)
{
    (void)state;
    ShapanScenario *sc = generated(27, 4);
    int n = sc->norders;
    ShapanOrder *before = malloc((size_t)n * sizeof *before);
    assert_non_null(before);
    memcpy(before, sc->orders, (size_t)n * sizeof *before);
    ShapanOrder *ptr = sc->orders;
    ShapanError err;

    memset(&err, 0, sizeof err);
    assert_int_equal(shapan_generate_orders(sc, 0, 4, &err), SHAPAN_E_RANGE);
    assert_int_equal(err.code, SHAPAN_E_RANGE);
    assert_string_equal(err.where, "teams");
    assert_int_equal(shapan_generate_orders(sc, SHAPAN_MAX_TEAMS + 1, 4, &err), SHAPAN_E_RANGE);

    sc->forecast_teams = 0;
    assert_int_equal(shapan_generate_orders(sc, 6, 4, &err), SHAPAN_E_RANGE);
    assert_string_equal(err.where, "forecast_teams");
    sc->forecast_teams = 27;

    sc->forecast[3][2][4].qty = -1;
    assert_int_equal(shapan_generate_orders(sc, 6, 4, &err), SHAPAN_E_AMOUNT);
    assert_string_equal(err.where, "forecast[3].domestic.P5");
    sc->forecast[3][2][4].qty = 12;

    /* every count x 6: 772 x 6 = 4632 orders at 27 teams, more than SHAPAN_MAX_ORDERS */
    for (int y = 2; y <= 5; y++)
        for (int m = 0; m < NM; m++)
            for (int p = 0; p < NP; p++) {
                sc->forecast[y][m][p].qty *= 6;
                sc->forecast[y][m][p].count *= 6;
            }
    assert_int_equal(shapan_generate_orders(sc, 27, 4, &err), SHAPAN_E_CAPACITY);
    assert_int_equal(err.code, SHAPAN_E_CAPACITY);

    assert_ptr_equal(sc->orders, ptr);
    assert_int_equal(sc->norders, n);
    assert_int_equal(sc->teams_sized_for, 27);
    assert_memory_equal(sc->orders, before, (size_t)n * sizeof *before);
    free(before);
    free_scenario(sc);
}

static void test_too_long_ids_are_refused(void **state)
{
    (void)state;
    ShapanScenario *sc = default_scenario();
    strcpy(sc->markets[1].id, "a_very_long_market_id");
    ShapanError err;
    assert_int_equal(shapan_generate_orders(sc, 27, 1, &err), SHAPAN_E_CAPACITY);
    assert_null(sc->orders);
    assert_int_equal(sc->norders, 0);
    free_scenario(sc);

    sc = default_scenario();
    strcpy(sc->markets[0].id, "x-P1"); /* "Y2-x-P1-P1-01" ... */
    strcpy(sc->markets[1].id, "x");
    strcpy(sc->products[1].id, "P1-P1"); /* ... also "Y2-x-P1-P1-01" (regional P2) */
    assert_int_equal(shapan_generate_orders(sc, 27, 1, &err), SHAPAN_E_REF);
    assert_null(sc->orders);
    free_scenario(sc);
}

static void test_empty_forecast_gives_an_empty_book(void **state)
{
    (void)state;
    ShapanScenario *sc = default_scenario();
    memset(sc->forecast, 0, sizeof sc->forecast);
    assert_int_equal(shapan_generate_orders(sc, 6, 1, NULL), SHAPAN_OK);
    assert_int_equal(sc->norders, 0);
    assert_int_equal(sc->teams_sized_for, 6);
    free_scenario(sc);
}

/* The generator's shares are scenario data: no bid orders when bid_share is 0, no
 * ISO orders when iso_share is 0, and every unit price exactly the average when
 * the spread is 0 (the book's revenue then differs from qty x avg by rounding only). */
static void test_shares_are_scenario_data(void **state)
{
    (void)state;
    ShapanScenario *sc = default_scenario();
    sc->gen.bid_share = (ShapanRate){0, 1};
    sc->gen.iso_share = (ShapanRate){0, 1};
    sc->gen.price_spread = (ShapanRate){0, 1};
    ShapanError e;
    assert_int_equal(shapan_generate_orders(sc, 27, 5, &e), SHAPAN_OK);
    int bids = 0, isos = 0;
    for (int i = 0; i < sc->norders; i++) {
        bids += sc->orders[i].bid;
        isos += sc->orders[i].iso_mask != 0;
    }
    assert_int_equal(bids, 0);
    assert_int_equal(isos, 0);
    /* Y2 local P1: 45 units at 41.2 -> 1854 W in all (each order half_up(qty x 41.2)) */
    int64_t total = 0;
    for (int i = 0; i < sc->norders; i++)
        if (sc->orders[i].year == 2 && sc->orders[i].market == 0 && sc->orders[i].product == 0)
            total += sc->orders[i].price;
    assert_true(total >= 1854 - 15 && total <= 1854 + 15);
    shapan_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shares_are_scenario_data),
        cmocka_unit_test(test_27_teams_match_the_table),
        cmocka_unit_test(test_6_teams_scale_every_cell),
        cmocka_unit_test(test_one_team_gets_one_order_per_cell_at_least),
        cmocka_unit_test(test_delivery_and_terms_spread_evenly),
        cmocka_unit_test(test_iso_orders),
        cmocka_unit_test(test_bid_orders),
        cmocka_unit_test(test_bid_years_generalise),
        cmocka_unit_test(test_same_seed_same_book),
        cmocka_unit_test(test_editing_one_cell_keeps_the_others),
        cmocka_unit_test(test_prices_follow_the_average),
        cmocka_unit_test(test_ids_are_unique_and_readable),
        cmocka_unit_test(test_errors_leave_the_book_unchanged),
        cmocka_unit_test(test_too_long_ids_are_refused),
        cmocka_unit_test(test_empty_forecast_gives_an_empty_book),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
