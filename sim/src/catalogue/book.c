/* Loader pass 2: the forecast table and the order book. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/loader.h"

/* An integer read with wide bounds, so that a value outside a small allowed set
 * is reported as E_RANGE by the caller rather than E_AMOUNT. */
static bool wide_int(CatLoader *ld, const cJSON *o, const char *key, int *out, const char *path)
{
    return cat_i32(ld, o, key, -1000000, 1000000, out, path);
}

static void range_error(CatLoader *ld, const char *path, const char *key, const char *msg, int v)
{
    char where[112];
    shapan_json_path_key(where, sizeof where, path, key);
    cat_error(ld, SHAPAN_E_RANGE, where, msg, v);
}

/* year in 1..years; with need_meeting, a year that has an order meeting */
static bool check_year(CatLoader *ld, const cJSON *o, const char *path, bool need_meeting,
                       int *year)
{
    if (!wide_int(ld, o, "year", year, path))
        return false;
    if (*year < 1 || *year > ld->sc->years) {
        char msg[96];
        snprintf(msg, sizeof msg, "year %%d: expected 1 to %d", ld->sc->years);
        range_error(ld, path, "year", msg, *year);
        return false;
    }
    if (need_meeting && !ld->sc->meeting_year[*year]) {
        range_error(ld, path, "year", "year %d has no order meeting (see meeting_years)", *year);
        return false;
    }
    return true;
}

void cat_load_forecast(CatLoader *ld, const cJSON *root)
{
    static const char *const keys[] = {"year",          "market", "product", "qty",
                                       "avg_price_x10", "count",  NULL};
    ShapanScenario *sc = ld->sc;
    const cJSON *arr = cat_array_opt(ld, root, "forecast", "");
    if (!arr)
        return;
    bool seen[SHAPAN_MAX_YEARS + 1][SHAPAN_MAX_MARKETS][SHAPAN_MAX_PRODUCTS];
    memset(seen, 0, sizeof seen);
    int n =
        cat_count(ld, arr, (SHAPAN_MAX_YEARS + 1) * SHAPAN_MAX_CELLS, "forecast", "forecast cells");
    for (int i = 0; i < n; i++) {
        char p[48];
        shapan_json_path_index(p, sizeof p, "forecast", i);
        const cJSON *o = cJSON_GetArrayItem(arr, i);
        if (!cJSON_IsObject(o)) {
            cat_error(ld, SHAPAN_E_FIELD, p, "expected an object");
            continue;
        }
        cat_keys(ld, o, keys, p);
        int year = 0;
        bool ok = check_year(ld, o, p, false, &year);
        int m = cat_ref(ld, o, "market", p, "market", shapan_scenario_market);
        int pr = cat_ref(ld, o, "product", p, "product", shapan_scenario_product);
        ShapanForecastCell cell = {0, 0, 0};
        ok = cat_i32(ld, o, "qty", 0, (int)CAT_QTY_MAX, &cell.qty, p) && ok;
        ok = cat_int(ld, o, "avg_price_x10", 0, CAT_MONEY_MAX, &cell.avg_price_x10, p) && ok;
        bool count_ok = cat_i32(ld, o, "count", 0, SHAPAN_MAX_ORDERS, &cell.count, p);
        /* the generator splits qty into count orders of at least one unit each */
        if (count_ok && cell.count > cell.qty) {
            range_error(ld, p, "count", "%d orders can't share fewer units (qty)", cell.count);
            count_ok = false;
        } else if (count_ok && cell.qty > 0 && cell.count == 0) {
            range_error(ld, p, "count", "count %d: a cell with a quantity needs an order",
                        cell.count);
            count_ok = false;
        }
        if (!ok || !count_ok || m < 0 || pr < 0)
            continue;
        if (seen[year][m][pr]) {
            cat_error(ld, SHAPAN_E_REF, p, "year %d, %s, %s is listed twice", year,
                      sc->markets[m].id, sc->products[pr].id);
            continue;
        }
        seen[year][m][pr] = true;
        sc->forecast[year][m][pr] = cell;
    }
}

static void load_order_isos(CatLoader *ld, const cJSON *o, const char *p, ShapanOrder *ord)
{
    char ap[80];
    shapan_json_path_key(ap, sizeof ap, p, "iso");
    const cJSON *arr = cat_array_opt(ld, o, "iso", p);
    int n = arr ? cJSON_GetArraySize(arr) : 0;
    for (int j = 0; j < n; j++) {
        char where[96];
        shapan_json_path_index(where, sizeof where, ap, j);
        const cJSON *it = cJSON_GetArrayItem(arr, j);
        if (!cJSON_IsString(it)) {
            cat_error(ld, SHAPAN_E_FIELD, where, "expected an ISO id (a string)");
            continue;
        }
        int k = shapan_scenario_iso(ld->sc, it->valuestring);
        if (k < 0)
            cat_error(ld, SHAPAN_E_UNKNOWN_ID, where, "no ISO with id \"%.40s\"", it->valuestring);
        else if (ord->iso_mask & (1u << k))
            cat_error(ld, SHAPAN_E_REF, where, "ISO \"%s\" listed twice", it->valuestring);
        else
            ord->iso_mask |= 1u << k;
    }
}

/* A bid order's price, delivery and term come from the winning bid. */
static void check_bid_blank(CatLoader *ld, const cJSON *o, const char *p, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!it || cJSON_IsNull(it))
        return;
    int64_t v;
    ShapanError e;
    if (shapan_json_int_value(it, 0, 0, &v, key, &e))
        return; /* 0 is accepted as "none" */
    char where[96];
    shapan_json_path_key(where, sizeof where, p, key);
    cat_error(ld, SHAPAN_E_RANGE, where, "a bid order has no %s: the winning bid sets it (omit it)",
              key);
}

static void load_order(CatLoader *ld, const cJSON *o, const char *p, ShapanOrder *ord)
{
    static const char *const keys[] = {"id",       "year", "market", "product", "qty", "price",
                                       "delivery", "term", "iso",    "bid",     NULL};
    cat_keys(ld, o, keys, p);
    cat_id(ld, o, "id", ord->id, SHAPAN_ID_LEN, p);
    check_year(ld, o, p, true, &ord->year);
    ord->market = cat_ref(ld, o, "market", p, "market", shapan_scenario_market);
    ord->product = cat_ref(ld, o, "product", p, "product", shapan_scenario_product);
    cat_i32(ld, o, "qty", 1, (int)CAT_QTY_MAX, &ord->qty, p);
    cat_bool_opt(ld, o, "bid", false, &ord->bid, p);
    load_order_isos(ld, o, p, ord);
    if (ord->bid) {
        check_bid_blank(ld, o, p, "price");
        check_bid_blank(ld, o, p, "delivery");
        check_bid_blank(ld, o, p, "term");
        return;
    }
    cat_int(ld, o, "price", 1, CAT_MONEY_MAX, &ord->price, p);
    if (wide_int(ld, o, "delivery", &ord->delivery, p) && (ord->delivery < 1 || ord->delivery > 4))
        range_error(ld, p, "delivery", "delivery quarter %d: expected 1 to 4", ord->delivery);
    if (wide_int(ld, o, "term", &ord->term, p) && (ord->term < 0 || ord->term > 4))
        range_error(ld, p, "term", "receivable term %d: expected 0 to 4 quarters", ord->term);
}

static int cmp_order_ptr(const void *a, const void *b)
{
    const ShapanOrder *x = *(const ShapanOrder *const *)a, *y = *(const ShapanOrder *const *)b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x < y ? -1 : (x > y ? 1 : 0); /* book order: the first keeps the id */
}

/* Duplicate order ids, reported in book order; sorting keeps it O(n log n). */
static void check_order_ids(CatLoader *ld)
{
    ShapanScenario *sc = ld->sc;
    int n = sc->norders;
    if (n < 2)
        return;
    const ShapanOrder **by_id = malloc((size_t)n * sizeof *by_id);
    int *first = malloc((size_t)n * sizeof *first);
    if (!by_id || !first) {
        free(by_id);
        free(first);
        cat_error(ld, SHAPAN_E_INTERNAL, "orders", "out of memory");
        return;
    }
    for (int i = 0; i < n; i++) {
        by_id[i] = &sc->orders[i];
        first[i] = -1;
    }
    qsort(by_id, (size_t)n, sizeof *by_id, cmp_order_ptr);
    for (int i = 1; i < n; i++) {
        if (!by_id[i]->id[0] || strcmp(by_id[i]->id, by_id[i - 1]->id) != 0)
            continue;
        int head = (int)(by_id[i - 1] - sc->orders);
        if (first[head] >= 0)
            head = first[head];
        first[by_id[i] - sc->orders] = head;
    }
    for (int i = 0; i < n; i++) {
        if (first[i] < 0)
            continue;
        char where[48];
        snprintf(where, sizeof where, "orders[%d].id", i);
        cat_error(ld, SHAPAN_E_REF, where, "duplicate id \"%s\": orders[%d] has it already",
                  sc->orders[i].id, first[i]);
    }
    free(by_id);
    free(first);
}

void cat_load_orders(CatLoader *ld, const cJSON *root)
{
    ShapanScenario *sc = ld->sc;
    const cJSON *arr = cat_array_opt(ld, root, "orders", "");
    if (!arr)
        return;
    int n = cat_count(ld, arr, SHAPAN_MAX_ORDERS, "orders", "orders");
    if (n == 0)
        return;
    sc->orders = calloc((size_t)n, sizeof *sc->orders);
    if (!sc->orders) {
        cat_error(ld, SHAPAN_E_INTERNAL, "orders", "out of memory");
        return;
    }
    sc->norders = n;
    int i = 0;
    for (const cJSON *o = arr->child; o && i < n; o = o->next, i++) {
        char p[32];
        shapan_json_path_index(p, sizeof p, "orders", i);
        if (!cJSON_IsObject(o)) {
            cat_error(ld, SHAPAN_E_FIELD, p, "expected an object");
            continue;
        }
        load_order(ld, o, p, &sc->orders[i]);
    }
    check_order_ids(ld);
}
