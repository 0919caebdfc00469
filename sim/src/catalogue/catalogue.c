/* Loader pass 1 (catalogue entries and their ids) and the BOM pass (item
 * references, cycles, direct costs). */
#include <stdio.h>
#include <string.h>

#include "catalogue/loader.h"

/* Reports an id that an earlier entry of the same kind already uses. */
static void check_unique(CatLoader *ld, const char *kind, const char *id, int i,
                         const char *(*id_of)(const ShapanScenario *, int))
{
    if (!id[0])
        return;
    for (int j = 0; j < i; j++) {
        if (strcmp(id_of(ld->sc, j), id) == 0) {
            char where[96];
            snprintf(where, sizeof where, "%s[%d].id", kind, i);
            cat_error(ld, SHAPAN_E_REF, where, "duplicate id \"%s\": %s[%d] has it already", id,
                      kind, j);
            return;
        }
    }
}

static const char *mat_id(const ShapanScenario *sc, int i) { return sc->materials[i].id; }
static const char *prod_id(const ShapanScenario *sc, int i) { return sc->products[i].id; }
static const char *market_id(const ShapanScenario *sc, int i) { return sc->markets[i].id; }
static const char *iso_id(const ShapanScenario *sc, int i) { return sc->isos[i].id; }
static const char *plant_id(const ShapanScenario *sc, int i) { return sc->plant_types[i].id; }
static const char *line_id(const ShapanScenario *sc, int i) { return sc->line_types[i].id; }

/* Opens the array root[key] and returns its element count (capped); requires >= min_n. */
static const cJSON *open_list(CatLoader *ld, const cJSON *root, const char *key, bool optional,
                              int min_n, int cap, int *n)
{
    const cJSON *arr = optional ? cat_array_opt(ld, root, key, "") : cat_array(ld, root, key, "");
    *n = arr ? cat_count(ld, arr, cap, key, key) : 0;
    if (arr && *n < min_n)
        cat_error(ld, SHAPAN_E_RANGE, key, "at least %d entry is needed", min_n);
    return arr;
}

/* The entry's object, or NULL with E_FIELD. */
static const cJSON *entry(CatLoader *ld, const cJSON *arr, int i, const char *kind, char *path,
                          size_t cap)
{
    shapan_json_path_index(path, cap, kind, i);
    const cJSON *o = cJSON_GetArrayItem(arr, i);
    if (!cJSON_IsObject(o)) {
        cat_error(ld, SHAPAN_E_FIELD, path, "expected an object");
        return NULL;
    }
    return o;
}

/* id (required) and name (optional, defaults to the id). */
static void id_name(CatLoader *ld, const cJSON *o, char *id, char *name, const char *path)
{
    cat_id(ld, o, "id", id, SHAPAN_ID_LEN, path);
    cat_string_opt(ld, o, "name", id, name, SHAPAN_NAME_LEN, path);
}

static void load_materials(CatLoader *ld, const cJSON *root)
{
    static const char *const keys[] = {"id", "name", "price", "lead", NULL};
    ShapanScenario *sc = ld->sc;
    int n;
    const cJSON *arr = open_list(ld, root, "materials", false, 1, SHAPAN_MAX_MATERIALS, &n);
    for (int i = 0; i < n; i++) {
        char p[64];
        ShapanMaterial *m = &sc->materials[i];
        const cJSON *o = entry(ld, arr, i, "materials", p, sizeof p);
        sc->nmaterials = i + 1;
        if (!o)
            continue;
        cat_keys(ld, o, keys, p);
        id_name(ld, o, m->id, m->name, p);
        check_unique(ld, "materials", m->id, i, mat_id);
        if (!cat_int(ld, o, "price", 0, CAT_MONEY_MAX, &m->price, p))
            ld->bad_costs = true;
        /* an order arrives 1..4 quarters later: the opening company holds 4 arrival slots */
        cat_i32(ld, o, "lead", 1, 4, &m->lead, p);
    }
}

static void load_products(CatLoader *ld, const cJSON *root)
{
    static const char *const keys[] = {"id",      "name",         "bom",    "processing",
                                       "rnd_fee", "rnd_quarters", "points", NULL};
    ShapanScenario *sc = ld->sc;
    int n;
    const cJSON *arr = open_list(ld, root, "products", false, 1, SHAPAN_MAX_PRODUCTS, &n);
    for (int i = 0; i < n; i++) {
        char p[64];
        ShapanProduct *pr = &sc->products[i];
        const cJSON *o = entry(ld, arr, i, "products", p, sizeof p);
        sc->nproducts = i + 1;
        if (!o)
            continue;
        cat_keys(ld, o, keys, p);
        id_name(ld, o, pr->id, pr->name, p);
        check_unique(ld, "products", pr->id, i, prod_id);
        /* items ({"R1": n, "P2": n}) share one namespace */
        for (int j = 0; pr->id[0] && j < sc->nmaterials; j++)
            if (strcmp(sc->materials[j].id, pr->id) == 0) {
                char where[80];
                snprintf(where, sizeof where, "%s.id", p);
                cat_error(ld, SHAPAN_E_REF, where,
                          "id \"%s\" is also materials[%d]'s: items need distinct ids", pr->id, j);
            }
        if (!cat_int(ld, o, "processing", 0, CAT_MONEY_MAX, &pr->processing, p))
            ld->bad_costs = true;
        cat_int(ld, o, "rnd_fee", 0, CAT_MONEY_MAX, &pr->rnd_fee, p);
        cat_i32(ld, o, "rnd_quarters", 0, CAT_QUARTERS_MAX, &pr->rnd_quarters, p);
        cat_i32(ld, o, "points", 0, CAT_POINTS_MAX, &pr->points, p);
    }
}

static void load_certs(CatLoader *ld, const cJSON *root, const char *kind, ShapanCert *out,
                       int *count, int cap, bool optional,
                       const char *(*id_of)(const ShapanScenario *, int))
{
    static const char *const keys[] = {"id", "name", "fee", "years", "points", NULL};
    int n;
    const cJSON *arr = open_list(ld, root, kind, optional, optional ? 0 : 1, cap, &n);
    for (int i = 0; i < n; i++) {
        char p[64];
        ShapanCert *c = &out[i];
        const cJSON *o = entry(ld, arr, i, kind, p, sizeof p);
        *count = i + 1;
        if (!o)
            continue;
        cat_keys(ld, o, keys, p);
        id_name(ld, o, c->id, c->name, p);
        check_unique(ld, kind, c->id, i, id_of);
        cat_int(ld, o, "fee", 0, CAT_MONEY_MAX, &c->fee, p);
        cat_i32(ld, o, "years", 1, SHAPAN_MAX_YEARS, &c->years, p);
        cat_i32(ld, o, "points", 0, CAT_POINTS_MAX, &c->points, p);
    }
}

static void load_plant_types(CatLoader *ld, const cJSON *root)
{
    static const char *const keys[] = {"id",    "name",   "buy",       "rent", "sale",
                                       "slots", "points", "max_count", NULL};
    ShapanScenario *sc = ld->sc;
    int n;
    const cJSON *arr = open_list(ld, root, "plant_types", false, 1, SHAPAN_MAX_PLANT_TYPES, &n);
    for (int i = 0; i < n; i++) {
        char p[64];
        ShapanPlantType *t = &sc->plant_types[i];
        const cJSON *o = entry(ld, arr, i, "plant_types", p, sizeof p);
        sc->nplant_types = i + 1;
        if (!o)
            continue;
        cat_keys(ld, o, keys, p);
        id_name(ld, o, t->id, t->name, p);
        check_unique(ld, "plant_types", t->id, i, plant_id);
        if (!cat_int(ld, o, "buy", 0, CAT_MONEY_MAX, &t->buy, p))
            ld->bad_costs = true;
        cat_int(ld, o, "rent", 0, CAT_MONEY_MAX, &t->rent, p);
        cat_int_opt(ld, o, "sale", 0, CAT_MONEY_MAX, t->buy, &t->sale, p);
        cat_i32(ld, o, "slots", 1, SHAPAN_MAX_LINES, &t->slots, p);
        cat_i32(ld, o, "points", 0, CAT_POINTS_MAX, &t->points, p);
        cat_i32_opt(ld, o, "max_count", 1, SHAPAN_MAX_PLANTS, sc->max_plants, &t->max_count, p);
    }
}

static void load_line_types(CatLoader *ld, const cJSON *root)
{
    static const char *const keys[] = {"id",           "name",         "total",     "install_q",
                                       "production_q", "convert_fee",  "convert_q", "maintenance",
                                       "residual",     "depreciation", "points",    NULL};
    ShapanScenario *sc = ld->sc;
    int n;
    const cJSON *arr = open_list(ld, root, "line_types", false, 1, SHAPAN_MAX_LINE_TYPES, &n);
    for (int i = 0; i < n; i++) {
        char p[64];
        ShapanLineType *t = &sc->line_types[i];
        const cJSON *o = entry(ld, arr, i, "line_types", p, sizeof p);
        sc->nline_types = i + 1;
        if (!o)
            continue;
        cat_keys(ld, o, keys, p);
        id_name(ld, o, t->id, t->name, p);
        check_unique(ld, "line_types", t->id, i, line_id);
        bool ok = cat_int(ld, o, "total", 0, CAT_MONEY_MAX, &t->total, p);
        ok = cat_i32(ld, o, "install_q", 0, CAT_QUARTERS_MAX, &t->install_q, p) && ok;
        /* equal instalments: a remainder would leave money nowhere in the books */
        if (ok && t->total % (t->install_q > 1 ? t->install_q : 1) != 0) {
            char where[80];
            snprintf(where, sizeof where, "%s.total", p);
            cat_error(ld, SHAPAN_E_AMOUNT, where,
                      "total %lld is not a multiple of install_q %d (equal instalments)",
                      (long long)t->total, t->install_q);
        }
        cat_i32(ld, o, "production_q", 1, CAT_QUARTERS_MAX, &t->production_q, p);
        cat_int(ld, o, "convert_fee", 0, CAT_MONEY_MAX, &t->convert_fee, p);
        cat_i32(ld, o, "convert_q", 0, CAT_QUARTERS_MAX, &t->convert_q, p);
        cat_int(ld, o, "maintenance", 0, CAT_MONEY_MAX, &t->maintenance, p);
        /* negative for a leased line: returning it costs money */
        cat_int(ld, o, "residual", -CAT_MONEY_MAX, CAT_MONEY_MAX, &t->residual, p);
        cat_int(ld, o, "depreciation", 0, CAT_MONEY_MAX, &t->depreciation, p);
        cat_i32(ld, o, "points", 0, CAT_POINTS_MAX, &t->points, p);
    }
}

void cat_load_catalogue(CatLoader *ld, const cJSON *root)
{
    ShapanScenario *sc = ld->sc;
    load_materials(ld, root);
    load_products(ld, root);
    load_certs(ld, root, "markets", sc->markets, &sc->nmarkets, SHAPAN_MAX_MARKETS, false,
               market_id);
    load_certs(ld, root, "isos", sc->isos, &sc->nisos, SHAPAN_MAX_ISOS, true, iso_id);
    load_plant_types(ld, root);
    load_line_types(ld, root);
}

/* ---- BOMs ------------------------------------------------------------------------- */

static void load_bom(CatLoader *ld, const cJSON *po, int pi)
{
    static const char *const keys[] = {"item", "qty", NULL};
    ShapanScenario *sc = ld->sc;
    ShapanProduct *pr = &sc->products[pi];
    char p[64], bp[80];
    snprintf(p, sizeof p, "products[%d]", pi);
    snprintf(bp, sizeof bp, "%s.bom", p);
    const cJSON *arr = cat_array(ld, po, "bom", p);
    if (!arr) {
        ld->bad_costs = true;
        return;
    }
    int n = cat_count(ld, arr, SHAPAN_MAX_BOM, bp, "BOM items");
    for (int j = 0; j < n; j++) {
        char ip[96];
        const cJSON *o = entry(ld, arr, j, bp, ip, sizeof ip);
        if (!o) {
            ld->bad_costs = true;
            continue;
        }
        cat_keys(ld, o, keys, ip);
        int item = cat_ref(ld, o, "item", ip, "material or product", shapan_scenario_item);
        int qty = 0;
        bool ok = cat_i32(ld, o, "qty", 1, 99, &qty, ip);
        if (item < 0 || !ok) {
            ld->bad_costs = true;
            continue;
        }
        for (int k = 0; k < pr->nbom; k++) {
            int other = pr->bom[k].kind == SHAPAN_ITEM_MATERIAL ? pr->bom[k].index
                                                                : sc->nmaterials + pr->bom[k].index;
            if (other == item) {
                char where[112];
                snprintf(where, sizeof where, "%s.item", ip);
                cat_error(ld, SHAPAN_E_REF, where, "item \"%s\" listed twice: add the qty instead",
                          shapan_scenario_item_id(sc, item));
                ok = false;
            }
        }
        if (!ok) {
            ld->bad_costs = true;
            continue;
        }
        ShapanBomItem *b = &pr->bom[pr->nbom];
        /* the raw BOM position is kept for messages: bom[] is dense */
        if (item < sc->nmaterials) {
            b->kind = SHAPAN_ITEM_MATERIAL;
            b->index = item;
        } else {
            b->kind = SHAPAN_ITEM_PRODUCT;
            b->index = item - sc->nmaterials;
        }
        b->qty = qty;
        pr->nbom++;
    }
}

/* Depth-first walk for cycles; state 0 new, 1 on the path, 2 done.  The back
 * edge of each cycle is reported at its BOM position. */
static void find_cycles(CatLoader *ld, int pi, int *state, const cJSON *products)
{
    ShapanScenario *sc = ld->sc;
    state[pi] = 1;
    ShapanProduct *pr = &sc->products[pi];
    for (int k = 0; k < pr->nbom; k++) {
        if (pr->bom[k].kind != SHAPAN_ITEM_PRODUCT)
            continue;
        int q = pr->bom[k].index;
        if (state[q] == 1) {
            /* find the raw position of this item in the JSON for the path */
            const cJSON *bom =
                cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(products, pi), "bom");
            int raw = 0, pos = 0;
            for (const cJSON *it = bom ? bom->child : NULL; it; it = it->next, pos++) {
                const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "item");
                if (cJSON_IsString(id) && strcmp(id->valuestring, sc->products[q].id) == 0) {
                    raw = pos;
                    break;
                }
            }
            char where[96];
            snprintf(where, sizeof where, "products[%d].bom[%d].item", pi, raw);
            if (q == pi)
                cat_error(ld, SHAPAN_E_REF, where, "BOM cycle: %s needs itself", pr->id);
            else
                cat_error(ld, SHAPAN_E_REF, where,
                          "BOM cycle: %s needs %s, whose BOM leads back to %s", pr->id,
                          sc->products[q].id, pr->id);
            ld->bad_costs = true;
        } else if (state[q] == 0) {
            find_cycles(ld, q, state, products);
        }
    }
    state[pi] = 2;
}

/* Direct cost once the graph is known to be acyclic: memoised recursion. */
static int64_t direct_cost(ShapanScenario *sc, int pi, bool *done)
{
    ShapanProduct *pr = &sc->products[pi];
    if (done[pi])
        return pr->direct_cost;
    int64_t c = pr->processing;
    for (int k = 0; k < pr->nbom; k++) {
        const ShapanBomItem *b = &pr->bom[k];
        int64_t unit = b->kind == SHAPAN_ITEM_MATERIAL ? sc->materials[b->index].price
                                                       : direct_cost(sc, b->index, done);
        c += unit * b->qty;
    }
    pr->direct_cost = c;
    done[pi] = true;
    return c;
}

void cat_load_boms(CatLoader *ld, const cJSON *root)
{
    ShapanScenario *sc = ld->sc;
    const cJSON *products = cJSON_GetObjectItemCaseSensitive(root, "products");
    for (int i = 0; i < sc->nproducts; i++) {
        const cJSON *po = cJSON_GetArrayItem(products, i);
        if (cJSON_IsObject(po))
            load_bom(ld, po, i);
    }
    int state[SHAPAN_MAX_PRODUCTS] = {0};
    for (int i = 0; i < sc->nproducts; i++)
        if (state[i] == 0)
            find_cycles(ld, i, state, products);
    if (ld->bad_costs)
        return; /* a cycle or a missing price: costs would be wrong, and it is reported */
    bool done[SHAPAN_MAX_PRODUCTS] = {false};
    for (int i = 0; i < sc->nproducts; i++)
        direct_cost(sc, i, done);
}
