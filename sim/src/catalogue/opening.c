/* Loader pass 2 for the opening company (RULES.md §8), then its balance check. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "catalogue/loader.h"

/* {"R1": 3, ...}: ids resolved with lookup (a material or a product map). */
static void load_item_map(CatLoader *ld, const cJSON *o, const char *key, const char *path,
                          const char *what, int (*lookup)(const ShapanScenario *, const char *),
                          int64_t max, int64_t *out)
{
    char mp[96];
    shapan_json_path_key(mp, sizeof mp, path, key);
    const cJSON *map = cat_object_opt(ld, o, key, path);
    if (!map)
        return;
    cat_keys(ld, map, NULL, mp);
    for (const cJSON *it = map->child; it; it = it->next) {
        char where[128];
        shapan_json_path_key(where, sizeof where, mp, it->string);
        int k = lookup(ld->sc, it->string);
        if (k < 0) {
            cat_error(ld, SHAPAN_E_UNKNOWN_ID, where, "no %s with id \"%.40s\"", what, it->string);
            continue;
        }
        int64_t v;
        ShapanError e;
        if (!shapan_json_int_value(it, 0, max, &v, where, &e))
            cat_push(ld, &e);
        else if (cJSON_GetObjectItemCaseSensitive(map, it->string) == it)
            out[k] = v; /* a duplicate key is reported by cat_keys; the first counts */
    }
}

/* ["local", ...] into a flag per catalogue entry. */
static void load_id_set(CatLoader *ld, const cJSON *o, const char *key, const char *path,
                        const char *what, int (*lookup)(const ShapanScenario *, const char *),
                        bool *out)
{
    char ap[96];
    shapan_json_path_key(ap, sizeof ap, path, key);
    const cJSON *arr = cat_array_opt(ld, o, key, path);
    int j = 0;
    for (const cJSON *it = arr ? arr->child : NULL; it; it = it->next, j++) {
        char where[112];
        shapan_json_path_index(where, sizeof where, ap, j);
        if (!cJSON_IsString(it)) {
            cat_error(ld, SHAPAN_E_FIELD, where, "expected a %s id (a string)", what);
            continue;
        }
        int k = lookup(ld->sc, it->valuestring);
        if (k < 0)
            cat_error(ld, SHAPAN_E_UNKNOWN_ID, where, "no %s with id \"%.40s\"", what,
                      it->valuestring);
        else if (out[k])
            cat_error(ld, SHAPAN_E_REF, where, "\"%s\" listed twice", it->valuestring);
        else
            out[k] = true;
    }
}

static void load_receivables(CatLoader *ld, const cJSON *o, ShapanOpening *op)
{
    const char *ap = "opening.receivables";
    const cJSON *arr = cat_array_opt(ld, o, "receivables", "opening");
    if (!arr)
        return;
    if (cJSON_GetArraySize(arr) != 4) {
        cat_error(ld, SHAPAN_E_RANGE, ap, "expected 4 amounts, one per slot (Y1Q1..Y1Q4)");
        return;
    }
    for (int i = 0; i < 4; i++) {
        char where[48];
        ShapanError e;
        shapan_json_path_index(where, sizeof where, ap, i);
        if (!shapan_json_int_value(cJSON_GetArrayItem(arr, i), 0, CAT_MONEY_MAX,
                                   &op->receivables[i], where, &e))
            cat_push(ld, &e);
    }
}

static void load_arrivals(CatLoader *ld, const cJSON *o, ShapanOpening *op)
{
    static const char *const keys[] = {"Q1", "Q2", "Q3", "Q4", NULL};
    const char *ap = "opening.arrivals";
    const cJSON *map = cat_object_opt(ld, o, "arrivals", "opening");
    if (!map)
        return;
    cat_keys(ld, map, keys, ap);
    for (int q = 0; q < 4; q++) {
        load_item_map(ld, map, keys[q], ap, "material", shapan_scenario_material, CAT_QTY_MAX,
                      op->arrivals[q]);
        /* an order placed before the game arrives within its lead time */
        for (int m = 0; m < ld->sc->nmaterials; m++) {
            if (op->arrivals[q][m] > 0 && q + 1 > ld->sc->materials[m].lead) {
                char where[64];
                snprintf(where, sizeof where, "%s.%s.%s", ap, keys[q], ld->sc->materials[m].id);
                cat_error(ld, SHAPAN_E_RANGE, where,
                          "%s has a lead time of %d: an order placed before year 1 arrives by Q%d",
                          ld->sc->materials[m].id, ld->sc->materials[m].lead,
                          ld->sc->materials[m].lead);
            }
        }
    }
}

static void load_plants(CatLoader *ld, const cJSON *o, ShapanOpening *op)
{
    static const char *const keys[] = {"type", "owned", "rent_start_aq", NULL};
    const ShapanScenario *sc = ld->sc;
    const cJSON *arr = cat_array_opt(ld, o, "plants", "opening");
    if (!arr)
        return;
    int cap = sc->max_plants < SHAPAN_MAX_PLANTS ? sc->max_plants : SHAPAN_MAX_PLANTS;
    int n = cat_count(ld, arr, cap, "opening.plants", "plants");
    int per_type[SHAPAN_MAX_PLANT_TYPES] = {0};
    for (int i = 0; i < n; i++) {
        char p[48];
        shapan_json_path_index(p, sizeof p, "opening.plants", i);
        ShapanOpeningPlant *pl = &op->plants[i];
        op->nplants = i + 1;
        const cJSON *po = cJSON_GetArrayItem(arr, i);
        pl->type = -1;
        if (!cJSON_IsObject(po)) {
            cat_error(ld, SHAPAN_E_FIELD, p, "expected an object");
            continue;
        }
        cat_keys(ld, po, keys, p);
        pl->type = cat_ref(ld, po, "type", p, "plant type", shapan_scenario_plant_type);
        cat_bool_opt(ld, po, "owned", true, &pl->owned, p);
        char where[80];
        shapan_json_path_key(where, sizeof where, p, "rent_start_aq");
        const cJSON *ra = cJSON_GetObjectItemCaseSensitive(po, "rent_start_aq");
        if (pl->owned && ra && !cJSON_IsNull(ra))
            cat_error(ld, SHAPAN_E_FIELD, where, "an owned plant pays no rent: omit rent_start_aq");
        /* the last payment was within the year before Y1Q1 (absolute quarters -4..-1) */
        if (!pl->owned)
            cat_i32(ld, po, "rent_start_aq", -4, -1, &pl->rent_start_aq, p);
        if (pl->type >= 0 && ++per_type[pl->type] > sc->plant_types[pl->type].max_count) {
            shapan_json_path_key(where, sizeof where, p, "type");
            cat_error(ld, SHAPAN_E_CAPACITY, where, "more %s plants than max_count %d",
                      sc->plant_types[pl->type].id, sc->plant_types[pl->type].max_count);
        }
    }
}

static void load_lines(CatLoader *ld, const cJSON *o, ShapanOpening *op)
{
    static const char *const keys[] = {"type",     "plant",          "product", "book",
                                       "wip_left", "completed_year", NULL};
    const ShapanScenario *sc = ld->sc;
    const cJSON *arr = cat_array_opt(ld, o, "lines", "opening");
    if (!arr)
        return;
    int n = cat_count(ld, arr, SHAPAN_MAX_LINES, "opening.lines", "lines");
    int used[SHAPAN_MAX_PLANTS] = {0};
    for (int i = 0; i < n; i++) {
        char p[48], where[80];
        shapan_json_path_index(p, sizeof p, "opening.lines", i);
        ShapanOpeningLine *ln = &op->lines[i];
        op->nlines = i + 1;
        const cJSON *lo = cJSON_GetArrayItem(arr, i);
        ln->type = ln->product = -1;
        if (!cJSON_IsObject(lo)) {
            cat_error(ld, SHAPAN_E_FIELD, p, "expected an object");
            continue;
        }
        cat_keys(ld, lo, keys, p);
        ln->type = cat_ref(ld, lo, "type", p, "line type", shapan_scenario_line_type);
        ln->product = cat_ref(ld, lo, "product", p, "product", shapan_scenario_product);
        if (cat_i32(ld, lo, "plant", -1000, 1000, &ln->plant, p)) {
            shapan_json_path_key(where, sizeof where, p, "plant");
            if (ln->plant < 1 || ln->plant > op->nplants) {
                cat_error(ld, SHAPAN_E_REF, where,
                          "no opening plant %d: plants are numbered 1 to %d", ln->plant,
                          op->nplants);
            } else {
                const ShapanOpeningPlant *pl = &op->plants[ln->plant - 1];
                if (pl->type >= 0 && ++used[ln->plant - 1] > sc->plant_types[pl->type].slots)
                    cat_error(ld, SHAPAN_E_CAPACITY, where, "plant %d has only %d line slots",
                              ln->plant, sc->plant_types[pl->type].slots);
            }
        }
        bool book_ok = cat_int(ld, lo, "book", -CAT_MONEY_MAX, CAT_MONEY_MAX, &ln->book, p);
        if (book_ok && ln->type >= 0) {
            const ShapanLineType *lt = &sc->line_types[ln->type];
            /* depreciation never takes a line below its residual value */
            if (ln->book < lt->residual || (lt->total >= lt->residual && ln->book > lt->total)) {
                shapan_json_path_key(where, sizeof where, p, "book");
                cat_error(ld, SHAPAN_E_AMOUNT, where,
                          "book value %" PRId64 ": expected from the residual %" PRId64
                          " to the price %" PRId64,
                          ln->book, lt->residual, lt->total);
            }
        }
        if (cat_i32(ld, lo, "wip_left", 0, CAT_QUARTERS_MAX, &ln->wip_left, p) && ln->type >= 0 &&
            ln->wip_left > sc->line_types[ln->type].production_q) {
            shapan_json_path_key(where, sizeof where, p, "wip_left");
            cat_error(ld, SHAPAN_E_RANGE, where,
                      "wip_left %d: a %s line holds a unit for at most %d quarters", ln->wip_left,
                      sc->line_types[ln->type].id, sc->line_types[ln->type].production_q);
        }
        if (ln->wip_left > 0 && ln->product >= 0 && !op->qualified[ln->product]) {
            shapan_json_path_key(where, sizeof where, p, "product");
            cat_error(ld, SHAPAN_E_REF, where,
                      "a unit of %s is in process, but %s is not in opening.qualified",
                      sc->products[ln->product].id, sc->products[ln->product].id);
        }
        /* every opening line is inherited: it was ready before year 1 */
        cat_i32_opt(ld, lo, "completed_year", -100, 0, 0, &ln->completed_year, p);
    }
}

static void load_loans(CatLoader *ld, const cJSON *o, ShapanOpening *op)
{
    static const char *const keys[] = {"kind", "principal", "due_year", "due_quarter", NULL};
    const cJSON *arr = cat_array_opt(ld, o, "loans", "opening");
    if (!arr)
        return;
    int n = cat_count(ld, arr, SHAPAN_MAX_LOANS, "opening.loans", "loans");
    for (int i = 0; i < n; i++) {
        char p[48], where[80], kind[8] = "";
        shapan_json_path_index(p, sizeof p, "opening.loans", i);
        ShapanOpeningLoan *ln = &op->loans[i];
        op->nloans = i + 1;
        const cJSON *lo = cJSON_GetArrayItem(arr, i);
        if (!cJSON_IsObject(lo)) {
            cat_error(ld, SHAPAN_E_FIELD, p, "expected an object");
            continue;
        }
        cat_keys(ld, lo, keys, p);
        cat_int(ld, lo, "principal", 1, CAT_MONEY_MAX, &ln->principal, p);
        ShapanError e;
        shapan_json_path_key(where, sizeof where, p, "kind");
        if (!shapan_json_string(lo, "kind", kind, sizeof kind, p, &e)) {
            cat_push(ld, &e);
            continue;
        }
        const char *bad = NULL;
        if (strcmp(kind, "long") == 0) {
            ln->is_short = false;
            cat_i32(ld, lo, "due_year", 1, 2 * SHAPAN_MAX_YEARS, &ln->due_year, p);
            bad = "due_quarter";
        } else if (strcmp(kind, "short") == 0) {
            int q = 0;
            ln->is_short = true;
            /* a short loan taken last year is due within Y1Q1..Y1Q<term> */
            if (cat_i32(ld, lo, "due_quarter", 1, ld->sc->fin.short_term_q, &q, p))
                ln->due_aq = q - 1;
            bad = "due_year";
        } else {
            cat_error(ld, SHAPAN_E_RANGE, where, "kind \"%s\": expected \"long\" or \"short\"",
                      kind);
            continue;
        }
        const cJSON *other = cJSON_GetObjectItemCaseSensitive(lo, bad);
        if (other && !cJSON_IsNull(other)) {
            shapan_json_path_key(where, sizeof where, p, bad);
            cat_error(ld, SHAPAN_E_FIELD, where, "a %s loan has no %s", kind, bad);
        }
    }
}

static void load_last_year(CatLoader *ld, const cJSON *o, ShapanOpening *op)
{
    static const char *const keys[] = {"revenue",  "direct_cost", "depreciation", "finance", "tax",
                                       "expenses", NULL};
    const char *p = "opening.last_year";
    const cJSON *ly = cat_object_opt(ld, o, "last_year", "opening");
    cat_keys(ld, ly, keys, p);
    cat_int_opt(ld, ly, "revenue", 0, CAT_MONEY_MAX, 0, &op->revenue, p);
    cat_int_opt(ld, ly, "direct_cost", 0, CAT_MONEY_MAX, 0, &op->direct_cost, p);
    cat_int_opt(ld, ly, "depreciation", 0, CAT_MONEY_MAX, 0, &op->depreciation, p);
    cat_int_opt(ld, ly, "finance", 0, CAT_MONEY_MAX, 0, &op->finance, p);
    cat_int_opt(ld, ly, "tax", 0, CAT_MONEY_MAX, 0, &op->tax, p);
    const char *ep = "opening.last_year.expenses";
    const cJSON *ex = cat_object_opt(ld, ly, "expenses", p);
    const char *ekeys[SHAPAN_EXP_COUNT + 1]; /* the shared table has no NULL end */
    for (int k = 0; k < SHAPAN_EXP_COUNT; k++)
        ekeys[k] = shapan_expense_keys[k];
    ekeys[SHAPAN_EXP_COUNT] = NULL;
    cat_keys(ld, ex, ekeys, ep);
    int64_t sum = 0;
    for (int k = 0; k < SHAPAN_EXP_TOTAL; k++) {
        cat_int_opt(ld, ex, shapan_expense_keys[k], 0, CAT_MONEY_MAX, 0, &op->expenses[k], ep);
        sum += op->expenses[k];
    }
    op->expenses[SHAPAN_EXP_TOTAL] = sum;
    /* "total" is derived; it may be given as a check, as on a paper statement */
    int64_t total;
    if (cat_int_opt(ld, ex, "total", 0, CAT_MONEY_MAX, sum, &total, ep) && total != sum)
        cat_error(ld, SHAPAN_E_AMOUNT, "opening.last_year.expenses.total",
                  "total %" PRId64 " is not the sum of the expenses, %" PRId64, total, sum);
}

/* Assets = liabilities + equity, each side valued as the engine will book it. */
static void check_balance(CatLoader *ld, const ShapanOpening *op)
{
    const ShapanScenario *sc = ld->sc;
    int64_t rec = 0, wip = 0, fin = 0, mat = 0, plants = 0, mach = 0, loans = 0;
    for (int i = 0; i < 4; i++)
        rec += op->receivables[i];
    for (int i = 0; i < op->nlines; i++) {
        mach += op->lines[i].book;
        if (op->lines[i].wip_left > 0)
            wip += sc->products[op->lines[i].product].direct_cost;
    }
    for (int i = 0; i < sc->nproducts; i++)
        fin += op->products[i] * sc->products[i].direct_cost;
    for (int i = 0; i < sc->nmaterials; i++)
        mat += op->materials[i] * sc->materials[i].price;
    for (int i = 0; i < op->nplants; i++)
        if (op->plants[i].owned)
            plants += sc->plant_types[op->plants[i].type].buy;
    for (int i = 0; i < op->nloans; i++)
        loans += op->loans[i].principal;
    int64_t net = op->revenue - op->direct_cost - op->expenses[SHAPAN_EXP_TOTAL] -
                  op->depreciation - op->finance - op->tax;
    int64_t assets = op->cash + rec + wip + fin + mat + plants + mach;
    int64_t liab = loans + op->tax_payable;
    int64_t equity = sc->capital + op->retained + net;
    if (assets != liab + equity)
        cat_error(ld, SHAPAN_E_AMOUNT, "opening",
                  "the opening balance does not balance: assets %" PRId64 " (cash %" PRId64
                  ", receivables %" PRId64 ", wip %" PRId64 ", finished %" PRId64
                  ", materials %" PRId64 ", plants %" PRId64 ", machinery %" PRId64
                  ") != liabilities %" PRId64 " + equity %" PRId64 " (capital %" PRId64
                  ", retained %" PRId64 ", net profit %" PRId64 ")",
                  assets, op->cash, rec, wip, fin, mat, plants, mach, liab, equity, sc->capital,
                  op->retained, net);
}

void cat_load_opening(CatLoader *ld, const cJSON *root)
{
    static const char *const keys[] = {
        "cash",     "receivables", "plants",    "lines",     "materials", "products",
        "arrivals", "markets",     "isos",      "qualified", "loans",     "tax_payable",
        "retained", "loss_pool",   "last_year", "sales",     NULL};
    ShapanScenario *sc = ld->sc;
    ShapanOpening *op = &sc->opening;
    int errs_before = ld->nerrs;
    const cJSON *o = cat_object_opt(ld, root, "opening", "");
    if (!o)
        return;
    op->present = true;
    const char *p = "opening";
    cat_keys(ld, o, keys, p);
    cat_int(ld, o, "cash", 0, CAT_MONEY_MAX, &op->cash, p);
    load_receivables(ld, o, op);
    load_id_set(ld, o, "markets", p, "market", shapan_scenario_market, op->markets);
    load_id_set(ld, o, "isos", p, "ISO", shapan_scenario_iso, op->isos);
    load_id_set(ld, o, "qualified", p, "product", shapan_scenario_product, op->qualified);
    load_plants(ld, o, op);
    load_lines(ld, o, op);
    load_item_map(ld, o, "materials", p, "material", shapan_scenario_material, CAT_QTY_MAX,
                  op->materials);
    load_item_map(ld, o, "products", p, "product", shapan_scenario_product, CAT_QTY_MAX,
                  op->products);
    load_arrivals(ld, o, op);
    load_loans(ld, o, op);
    cat_int_opt(ld, o, "tax_payable", 0, CAT_MONEY_MAX, 0, &op->tax_payable, p);
    cat_int_opt(ld, o, "retained", -CAT_MONEY_MAX, CAT_MONEY_MAX, 0, &op->retained, p);
    cat_int_opt(ld, o, "loss_pool", 0, CAT_MONEY_MAX, 0, &op->loss_pool, p);
    load_last_year(ld, o, op);
    load_item_map(ld, o, "sales", p, "market", shapan_scenario_market, CAT_MONEY_MAX, op->sales);
    /* with any earlier problem the sums would only echo it */
    if (ld->nerrs == 0 && errs_before == 0 && !ld->bad_costs)
        check_balance(ld, op);
}
