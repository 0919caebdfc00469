/* Scenario writer: the canonical JSON of FORMAT.md.  Keys come in one fixed
 * order and zero-valued optional entries are left out, so that
 * load(to_json(sc)) rebuilds the same struct and the text can be hashed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/loader.h"

/* Builder state: one flag catches every allocation failure.  In digest mode
 * nothing is built: every value is folded into `h` with its key, in the order
 * the text would hold it, and containers are a stand-in node, so one writer
 * defines both the canonical text and the scenario's digest. */
typedef struct {
    bool ok;
    bool digest;
    uint64_t h;
} W;

static cJSON stand_in; /* the "container" of digest mode; never read or written */

/* Folds one token: a tag (what it is), the key and the value's text. */
static void w_fold(W *w, char tag, const char *k, const char *v)
{
    w->h = shapan_fnv1a(w->h, &tag, 1);
    w->h = shapan_fnv1a(w->h, k ? k : "", strlen(k ? k : "") + 1);
    w->h = shapan_fnv1a(w->h, v ? v : "", strlen(v ? v : "") + 1);
}

static cJSON *w_check(W *w, cJSON *item)
{
    if (!item)
        w->ok = false;
    return item;
}

static void w_int(W *w, cJSON *o, const char *k, int64_t v)
{
    if (w->digest) {
        char buf[24];
        w_fold(w, 'i', k, shapan_json_int_text(v, buf));
    } else if (!shapan_json_add_int(o, k, v)) {
        w->ok = false;
    }
}

static void w_str(W *w, cJSON *o, const char *k, const char *s)
{
    if (w->digest)
        w_fold(w, 's', k, s);
    else if (!shapan_json_add_string(o, k, s))
        w->ok = false;
}

static void w_bool(W *w, cJSON *o, const char *k, bool b)
{
    if (w->digest)
        w_fold(w, 'b', k, b ? "1" : "0");
    else if (!shapan_json_add_bool(o, k, b))
        w->ok = false;
}

static void w_rate(W *w, cJSON *o, const char *k, ShapanRate r)
{
    if (w->digest) {
        char buf[48];
        shapan_json_rate_text(r, buf, sizeof buf);
        w_fold(w, 'r', k, buf);
    } else if (!shapan_json_add_rate(o, k, r)) {
        w->ok = false;
    }
}

static cJSON *w_obj(W *w, cJSON *parent, const char *k)
{
    if (w->digest) {
        w_fold(w, '{', k, NULL);
        return &stand_in;
    }
    return w_check(w, cJSON_AddObjectToObject(parent, k));
}

static cJSON *w_arr(W *w, cJSON *parent, const char *k)
{
    if (w->digest) {
        w_fold(w, '[', k, NULL);
        return &stand_in;
    }
    return w_check(w, cJSON_AddArrayToObject(parent, k));
}

/* A new object appended to an array. */
static cJSON *w_elem(W *w, cJSON *arr)
{
    if (w->digest) {
        w_fold(w, 'e', NULL, NULL);
        return &stand_in;
    }
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(arr, o)) {
        cJSON_Delete(o);
        w->ok = false;
        return NULL;
    }
    return o;
}

static void w_push_str(W *w, cJSON *arr, const char *s)
{
    if (w->digest) {
        w_fold(w, 'S', NULL, s);
        return;
    }
    cJSON *it = cJSON_CreateString(s);
    if (!it || !cJSON_AddItemToArray(arr, it)) {
        cJSON_Delete(it);
        w->ok = false;
    }
}

static void w_push_int(W *w, cJSON *arr, int64_t v)
{
    if (w->digest) {
        char buf[24];
        w_fold(w, 'I', NULL, shapan_json_int_text(v, buf));
        return;
    }
    cJSON *n = shapan_json_new_int(v);
    if (!n || !cJSON_AddItemToArray(arr, n)) {
        cJSON_Delete(n);
        w->ok = false;
    }
}

/* Index -> id of arr[i] given &arr[0].id and the element size, tolerating a
 * broken index so that a bad in-memory scenario still prints. */
static const char *id_at(const char *first_id, size_t stride, int n, int i)
{
    if (i < 0 || i >= n)
        return "?";
    return first_id + (size_t)i * stride;
}
#define ID_OF(arr, n, i) id_at((arr)[0].id, sizeof(arr)[0], (n), (i))

static void catalogue(W *w, cJSON *root, const ShapanScenario *sc)
{
    cJSON *a = w_arr(w, root, "materials");
    for (int i = 0; a && i < sc->nmaterials; i++) {
        const ShapanMaterial *m = &sc->materials[i];
        cJSON *o = w_elem(w, a);
        w_str(w, o, "id", m->id);
        w_str(w, o, "name", m->name);
        w_int(w, o, "price", m->price);
        w_int(w, o, "lead", m->lead);
    }
    a = w_arr(w, root, "products");
    for (int i = 0; a && i < sc->nproducts; i++) {
        const ShapanProduct *p = &sc->products[i];
        cJSON *o = w_elem(w, a);
        w_str(w, o, "id", p->id);
        w_str(w, o, "name", p->name);
        cJSON *bom = w_arr(w, o, "bom");
        for (int k = 0; bom && k < p->nbom; k++) {
            cJSON *b = w_elem(w, bom);
            int item = p->bom[k].kind == SHAPAN_ITEM_MATERIAL ? p->bom[k].index
                                                              : sc->nmaterials + p->bom[k].index;
            const char *id = shapan_scenario_item_id(sc, item);
            w_str(w, b, "item", id ? id : "?");
            w_int(w, b, "qty", p->bom[k].qty);
        }
        w_int(w, o, "processing", p->processing);
        w_int(w, o, "rnd_fee", p->rnd_fee);
        w_int(w, o, "rnd_quarters", p->rnd_quarters);
        w_int(w, o, "points", p->points);
    }
    for (int kind = 0; kind < 2; kind++) {
        const ShapanCert *c = kind ? sc->isos : sc->markets;
        int n = kind ? sc->nisos : sc->nmarkets;
        a = w_arr(w, root, kind ? "isos" : "markets");
        for (int i = 0; a && i < n; i++) {
            cJSON *o = w_elem(w, a);
            w_str(w, o, "id", c[i].id);
            w_str(w, o, "name", c[i].name);
            w_int(w, o, "fee", c[i].fee);
            w_int(w, o, "years", c[i].years);
            w_int(w, o, "points", c[i].points);
        }
    }
    a = w_arr(w, root, "plant_types");
    for (int i = 0; a && i < sc->nplant_types; i++) {
        const ShapanPlantType *t = &sc->plant_types[i];
        cJSON *o = w_elem(w, a);
        w_str(w, o, "id", t->id);
        w_str(w, o, "name", t->name);
        w_int(w, o, "buy", t->buy);
        w_int(w, o, "rent", t->rent);
        w_int(w, o, "sale", t->sale);
        w_int(w, o, "slots", t->slots);
        w_int(w, o, "points", t->points);
        w_int(w, o, "max_count", t->max_count);
    }
    a = w_arr(w, root, "line_types");
    for (int i = 0; a && i < sc->nline_types; i++) {
        const ShapanLineType *t = &sc->line_types[i];
        cJSON *o = w_elem(w, a);
        w_str(w, o, "id", t->id);
        w_str(w, o, "name", t->name);
        w_int(w, o, "total", t->total);
        w_int(w, o, "install_q", t->install_q);
        w_int(w, o, "production_q", t->production_q);
        w_int(w, o, "convert_fee", t->convert_fee);
        w_int(w, o, "convert_q", t->convert_q);
        w_int(w, o, "maintenance", t->maintenance);
        w_int(w, o, "residual", t->residual);
        w_int(w, o, "depreciation", t->depreciation);
        w_int(w, o, "points", t->points);
    }
}

static void rules(W *w, cJSON *root, const ShapanScenario *sc)
{
    const ShapanFinance *f = &sc->fin;
    cJSON *o = w_obj(w, root, "finance");
    w_rate(w, o, "long_rate", f->long_rate);
    w_int(w, o, "long_min_years", f->long_min_years);
    w_int(w, o, "long_max_years", f->long_max_years);
    w_int(w, o, "long_min", f->long_min);
    w_rate(w, o, "short_rate", f->short_rate);
    w_int(w, o, "short_term_q", f->short_term_q);
    w_int(w, o, "short_min", f->short_min);
    w_rate(w, o, "loan_cap", f->loan_cap);
    w_rate(w, o, "discount_near", f->discount_near);
    w_rate(w, o, "discount_far", f->discount_far);
    w_int(w, o, "admin_fee", f->admin_fee);
    w_int(w, o, "info_fee", f->info_fee);
    w_rate(w, o, "tax_rate", f->tax_rate);
    w_rate(w, o, "penalty_rate", f->penalty_rate);
    w_rate(w, o, "emergency_material", f->emergency_material);
    w_rate(w, o, "emergency_product", f->emergency_product);
    w_rate(w, o, "sale_product", f->sale_product);
    w_rate(w, o, "sale_material", f->sale_material);

    const ShapanMeetingRules *m = &sc->meet;
    o = w_obj(w, root, "meeting");
    w_int(w, o, "min_ad", m->min_ad);
    w_int(w, o, "pick_step", m->pick_step);
    w_bool(w, o, "market_leader", m->market_leader);
    w_int(w, o, "group_size", m->group_size);
    w_int(w, o, "bid_fee", m->bid_fee);
    w_rate(w, o, "bid_max", m->bid_max);
    w_rate(w, o, "bid_cap", m->bid_cap);
    w_int(w, o, "score_base", m->score_base);
    w_int(w, o, "score_delivery_base", m->score_delivery_base);
    w_int(w, o, "score_delivery_weight", m->score_delivery_weight);
    w_int(w, o, "score_term_weight", m->score_term_weight);
    w_int(w, o, "score_price_weight", m->score_price_weight);

    const ShapanGeneratorRules *g = &sc->gen;
    o = w_obj(w, root, "generator");
    w_rate(w, o, "iso_share", g->iso_share);
    w_rate(w, o, "bid_share", g->bid_share);
    w_rate(w, o, "price_spread", g->price_spread);
}

static void book(W *w, cJSON *root, const ShapanScenario *sc)
{
    cJSON *a = w_arr(w, root, "forecast");
    int years = sc->years < SHAPAN_MAX_YEARS ? sc->years : SHAPAN_MAX_YEARS;
    for (int y = 1; a && y <= years; y++)
        for (int m = 0; m < sc->nmarkets; m++)
            for (int p = 0; p < sc->nproducts; p++) {
                const ShapanForecastCell *c = &sc->forecast[y][m][p];
                if (!c->qty && !c->avg_price_x10 && !c->count)
                    continue;
                cJSON *o = w_elem(w, a);
                w_int(w, o, "year", y);
                w_str(w, o, "market", sc->markets[m].id);
                w_str(w, o, "product", sc->products[p].id);
                w_int(w, o, "qty", c->qty);
                w_int(w, o, "avg_price_x10", c->avg_price_x10);
                w_int(w, o, "count", c->count);
            }
    a = w_arr(w, root, "orders");
    for (int i = 0; a && i < sc->norders; i++) {
        const ShapanOrder *d = &sc->orders[i];
        cJSON *o = w_elem(w, a);
        w_str(w, o, "id", d->id);
        w_int(w, o, "year", d->year);
        w_str(w, o, "market", ID_OF(sc->markets, sc->nmarkets, d->market));
        w_str(w, o, "product", ID_OF(sc->products, sc->nproducts, d->product));
        w_int(w, o, "qty", d->qty);
        if (d->bid) {
            w_bool(w, o, "bid", true);
        } else {
            w_int(w, o, "price", d->price);
            w_int(w, o, "delivery", d->delivery);
            w_int(w, o, "term", d->term);
        }
        if (d->iso_mask) {
            cJSON *iso = w_arr(w, o, "iso");
            for (int k = 0; iso && k < sc->nisos; k++)
                if (d->iso_mask & (1u << k))
                    w_push_str(w, iso, sc->isos[k].id);
        }
    }
}

/* {"R1": n, ...} with the non-zero entries only. */
static void item_map(W *w, cJSON *parent, const char *key, const int64_t *v, int n, const char *ids,
                     size_t stride, bool always)
{
    bool any = false;
    for (int i = 0; i < n; i++)
        any = any || v[i] != 0;
    if (!any && !always)
        return;
    cJSON *o = w_obj(w, parent, key);
    for (int i = 0; o && i < n; i++)
        if (v[i])
            w_int(w, o, id_at(ids, stride, n, i), v[i]);
}
#define ITEM_MAP(w, parent, key, v, arr, n, always)                                                \
    item_map((w), (parent), (key), (v), (n), (arr)[0].id, sizeof(arr)[0], (always))

static void id_set(W *w, cJSON *parent, const char *key, const bool *flags, int n, const char *ids,
                   size_t stride)
{
    cJSON *a = w_arr(w, parent, key);
    for (int i = 0; a && i < n; i++)
        if (flags[i])
            w_push_str(w, a, id_at(ids, stride, n, i));
}
#define ID_SET(w, parent, key, flags, arr, n)                                                      \
    id_set((w), (parent), (key), (flags), (n), (arr)[0].id, sizeof(arr)[0])

static void opening(W *w, cJSON *root, const ShapanScenario *sc)
{
    const ShapanOpening *op = &sc->opening;
    cJSON *o = w_obj(w, root, "opening");
    if (!o)
        return;
    w_int(w, o, "cash", op->cash);
    cJSON *rec = w_arr(w, o, "receivables");
    for (int i = 0; rec && i < 4; i++)
        w_push_int(w, rec, op->receivables[i]);
    cJSON *a = w_arr(w, o, "plants");
    for (int i = 0; a && i < op->nplants; i++) {
        const ShapanOpeningPlant *p = &op->plants[i];
        cJSON *e = w_elem(w, a);
        w_str(w, e, "type", ID_OF(sc->plant_types, sc->nplant_types, p->type));
        w_bool(w, e, "owned", p->owned);
        if (!p->owned)
            w_int(w, e, "rent_start_aq", p->rent_start_aq);
    }
    a = w_arr(w, o, "lines");
    for (int i = 0; a && i < op->nlines; i++) {
        const ShapanOpeningLine *l = &op->lines[i];
        cJSON *e = w_elem(w, a);
        w_str(w, e, "type", ID_OF(sc->line_types, sc->nline_types, l->type));
        w_int(w, e, "plant", l->plant);
        w_str(w, e, "product", ID_OF(sc->products, sc->nproducts, l->product));
        w_int(w, e, "book", l->book);
        w_int(w, e, "wip_left", l->wip_left);
        w_int(w, e, "completed_year", l->completed_year);
    }
    ITEM_MAP(w, o, "materials", op->materials, sc->materials, sc->nmaterials, true);
    ITEM_MAP(w, o, "products", op->products, sc->products, sc->nproducts, true);
    cJSON *arr = w_obj(w, o, "arrivals");
    static const char *const qs[4] = {"Q1", "Q2", "Q3", "Q4"};
    for (int q = 0; arr && q < 4; q++)
        ITEM_MAP(w, arr, qs[q], op->arrivals[q], sc->materials, sc->nmaterials, false);
    ID_SET(w, o, "markets", op->markets, sc->markets, sc->nmarkets);
    ID_SET(w, o, "isos", op->isos, sc->isos, sc->nisos);
    ID_SET(w, o, "qualified", op->qualified, sc->products, sc->nproducts);
    a = w_arr(w, o, "loans");
    for (int i = 0; a && i < op->nloans; i++) {
        const ShapanOpeningLoan *l = &op->loans[i];
        cJSON *e = w_elem(w, a);
        w_str(w, e, "kind", l->is_short ? "short" : "long");
        w_int(w, e, "principal", l->principal);
        if (l->is_short)
            w_int(w, e, "due_quarter", l->due_aq + 1);
        else
            w_int(w, e, "due_year", l->due_year);
    }
    w_int(w, o, "tax_payable", op->tax_payable);
    w_int(w, o, "retained", op->retained);
    w_int(w, o, "loss_pool", op->loss_pool);
    cJSON *ly = w_obj(w, o, "last_year");
    if (ly) {
        w_int(w, ly, "revenue", op->revenue);
        w_int(w, ly, "direct_cost", op->direct_cost);
        w_int(w, ly, "depreciation", op->depreciation);
        w_int(w, ly, "finance", op->finance);
        w_int(w, ly, "tax", op->tax);
        cJSON *ex = w_obj(w, ly, "expenses");
        for (int k = 0; ex && k < SHAPAN_EXP_TOTAL; k++)
            w_int(w, ex, shapan_expense_keys[k], op->expenses[k]);
    }
    ITEM_MAP(w, o, "sales", op->sales, sc->markets, sc->nmarkets, true);
}

/* Every field of the scenario, in the canonical order, into root. */
static void write_all(W *w, cJSON *root, const ShapanScenario *sc)
{
    w_int(w, root, "format", 1);
    w_str(w, root, "name", sc->name);
    w_str(w, root, "currency", sc->currency);
    w_int(w, root, "years", sc->years);
    cJSON *my = w_arr(w, root, "meeting_years");
    for (int y = 1; my && y <= SHAPAN_MAX_YEARS; y++)
        if (sc->meeting_year[y])
            w_push_int(w, my, y);
    w_int(w, root, "capital", sc->capital);
    w_int(w, root, "forecast_teams", sc->forecast_teams);
    w_int(w, root, "teams_sized_for", sc->teams_sized_for);
    w_int(w, root, "max_plants", sc->max_plants);
    catalogue(w, root, sc);
    rules(w, root, sc);
    book(w, root, sc);
    if (sc->opening.present)
        opening(w, root, sc);
}

cJSON *cat_to_tree(const ShapanScenario *sc)
{
    W w = {true, false, 0};
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    write_all(&w, root, sc);
    if (!w.ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

uint64_t shapan_catalogue_digest(const ShapanScenario *sc)
{
    W w = {true, true, SHAPAN_FNV_OFFSET};
    write_all(&w, &stand_in, sc);
    return w.h ? w.h : 1; /* 0 is kept for "out of memory", as callers expect */
}

char *shapan_scenario_to_json(const ShapanScenario *sc)
{
    if (!sc)
        return NULL;
    cJSON *tree = cat_to_tree(sc);
    if (!tree)
        return NULL;
    char *text = cat_print(tree);
    cJSON_Delete(tree);
    return text;
}
