/* Scenario loading: entry points, error collection, top-level fields, finance
 * and meeting parameters.  The catalogue, book and opening passes live in
 * catalogue.c, book.c and opening.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/loader.h"

/* ---- error collection ------------------------------------------------------------- */

void cat_push(CatLoader *ld, const ShapanError *e)
{
    if (ld->nerrs < ld->max_errs && ld->errs)
        ld->errs[ld->nerrs] = *e;
    ld->nerrs++;
}

void cat_error(CatLoader *ld, ShapanErrorCode code, const char *where, const char *fmt, ...)
{
    ShapanError e;
    e.code = code;
    snprintf(e.where, sizeof e.where, "%s", where ? where : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    cat_push(ld, &e);
}

void cat_keys(CatLoader *ld, const cJSON *obj, const char *const *allowed, const char *path)
{
    ShapanError tmp[16];
    int n = shapan_json_check_keys(obj, allowed, path, tmp, 16);
    for (int i = 0; i < n; i++) {
        if (i < 16)
            cat_push(ld, &tmp[i]);
        else
            ld->nerrs++; /* counted, not described: errs[] would overflow anyway */
    }
}

/* Each wrapper forwards to jsonutil and records a failure. */
#define CAT_WRAP(call)                                                                             \
    do {                                                                                           \
        ShapanError e_;                                                                            \
        if (call)                                                                                  \
            return true;                                                                           \
        cat_push(ld, &e_);                                                                         \
        return false;                                                                              \
    } while (0)

bool cat_int(CatLoader *ld, const cJSON *o, const char *key, int64_t min, int64_t max, int64_t *out,
             const char *path)
{
    CAT_WRAP(shapan_json_int(o, key, min, max, out, path, &e_));
}

bool cat_int_opt(CatLoader *ld, const cJSON *o, const char *key, int64_t min, int64_t max,
                 int64_t dflt, int64_t *out, const char *path)
{
    CAT_WRAP(shapan_json_int_opt(o, key, min, max, dflt, out, path, &e_));
}

bool cat_i32(CatLoader *ld, const cJSON *o, const char *key, int min, int max, int *out,
             const char *path)
{
    CAT_WRAP(shapan_json_int32(o, key, min, max, out, path, &e_));
}

bool cat_i32_opt(CatLoader *ld, const cJSON *o, const char *key, int min, int max, int dflt,
                 int *out, const char *path)
{
    CAT_WRAP(shapan_json_int32_opt(o, key, min, max, dflt, out, path, &e_));
}

bool cat_bool_opt(CatLoader *ld, const cJSON *o, const char *key, bool dflt, bool *out,
                  const char *path)
{
    CAT_WRAP(shapan_json_bool_opt(o, key, dflt, out, path, &e_));
}

bool cat_string_opt(CatLoader *ld, const cJSON *o, const char *key, const char *dflt, char *out,
                    size_t cap, const char *path)
{
    CAT_WRAP(shapan_json_string_opt(o, key, dflt, out, cap, path, &e_));
}

bool cat_id(CatLoader *ld, const cJSON *o, const char *key, char *out, size_t cap, const char *path)
{
    CAT_WRAP(shapan_json_id(o, key, out, cap, path, &e_));
}

bool cat_rate_opt(CatLoader *ld, const cJSON *o, const char *key, ShapanRate dflt, ShapanRate *out,
                  const char *path)
{
    CAT_WRAP(shapan_json_rate_opt(o, key, dflt, out, path, &e_));
}

const cJSON *cat_array(CatLoader *ld, const cJSON *o, const char *key, const char *path)
{
    ShapanError e;
    const cJSON *a = shapan_json_array(o, key, path, &e);
    if (!a)
        cat_push(ld, &e);
    return a;
}

const cJSON *cat_array_opt(CatLoader *ld, const cJSON *o, const char *key, const char *path)
{
    ShapanError e;
    bool bad;
    const cJSON *a = shapan_json_array_opt(o, key, path, &bad, &e);
    if (bad)
        cat_push(ld, &e);
    return a;
}

const cJSON *cat_object_opt(CatLoader *ld, const cJSON *o, const char *key, const char *path)
{
    ShapanError e;
    bool bad;
    const cJSON *a = shapan_json_object_opt(o, key, path, &bad, &e);
    if (bad)
        cat_push(ld, &e);
    return a;
}

int cat_ref(CatLoader *ld, const cJSON *o, const char *key, const char *path, const char *what,
            int (*lookup)(const ShapanScenario *, const char *))
{
    char where[128];
    shapan_json_path_key(where, sizeof where, path, key);
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!it || cJSON_IsNull(it)) {
        cat_error(ld, SHAPAN_E_FIELD, where, "missing field: expected a %s id", what);
        return -1;
    }
    if (!cJSON_IsString(it) || !it->valuestring) {
        cat_error(ld, SHAPAN_E_FIELD, where, "expected a %s id (a string)", what);
        return -1;
    }
    int idx = lookup(ld->sc, it->valuestring);
    if (idx < 0)
        cat_error(ld, SHAPAN_E_UNKNOWN_ID, where, "no %s with id \"%.40s\"", what, it->valuestring);
    return idx;
}

int cat_count(CatLoader *ld, const cJSON *arr, int cap, const char *path, const char *what)
{
    int n = cJSON_GetArraySize(arr);
    if (n > cap) {
        cat_error(ld, SHAPAN_E_CAPACITY, path, "%d %s: at most %d are supported", n, what, cap);
        n = cap;
    }
    return n;
}

/* ---- top level, finance, meeting ---------------------------------------------------- */

static const char *const top_keys[] = {
    "format",        "name",        "currency",       "years",
    "meeting_years", "capital",     "forecast_teams", "teams_sized_for",
    "max_plants",    "materials",   "products",       "markets",
    "isos",          "plant_types", "line_types",     "finance",
    "meeting",       "generator",   "forecast",       "orders",
    "opening",       NULL};

static void load_top(CatLoader *ld, const cJSON *root)
{
    ShapanScenario *sc = ld->sc;
    int format = 1;
    cat_i32_opt(ld, root, "format", 1, 1, 1, &format, "");
    {
        ShapanError e;
        if (!shapan_json_string(root, "name", sc->name, sizeof sc->name, "", &e))
            cat_push(ld, &e);
    }
    if (cat_string_opt(ld, root, "currency", "W", sc->currency, sizeof sc->currency, "") &&
        !sc->currency[0])
        cat_error(ld, SHAPAN_E_RANGE, "currency", "empty currency: expected e.g. \"W\" or \"M\"");
    /* a broken year count would make every dated item look wrong: check those
     * against the largest count instead, the year error itself is reported */
    if (!cat_i32(ld, root, "years", 1, SHAPAN_MAX_YEARS, &sc->years, ""))
        sc->years = SHAPAN_MAX_YEARS;
    cat_int(ld, root, "capital", 0, CAT_MONEY_MAX, &sc->capital, "");
    if (!cat_i32(ld, root, "forecast_teams", 1, SHAPAN_MAX_TEAMS, &sc->forecast_teams, ""))
        sc->forecast_teams = 1;
    cat_i32_opt(ld, root, "teams_sized_for", 1, SHAPAN_MAX_TEAMS, sc->forecast_teams,
                &sc->teams_sized_for, "");
    if (!cat_i32(ld, root, "max_plants", 1, SHAPAN_MAX_PLANTS, &sc->max_plants, ""))
        sc->max_plants = SHAPAN_MAX_PLANTS;

    const cJSON *my = cat_array(ld, root, "meeting_years", "");
    int n = my ? cat_count(ld, my, SHAPAN_MAX_YEARS, "meeting_years", "meeting years") : 0;
    for (int i = 0; i < n; i++) {
        char where[64];
        int64_t y;
        shapan_json_path_index(where, sizeof where, "meeting_years", i);
        ShapanError e;
        if (!shapan_json_int_value(cJSON_GetArrayItem(my, i), 1, SHAPAN_MAX_YEARS, &y, where, &e)) {
            cat_push(ld, &e);
            continue;
        }
        if (y > sc->years)
            cat_error(ld, SHAPAN_E_RANGE, where, "year %d: the game has %d years", (int)y,
                      sc->years);
        else if (sc->meeting_year[y])
            cat_error(ld, SHAPAN_E_RANGE, where, "year %d listed twice", (int)y);
        else
            sc->meeting_year[y] = true;
    }
}

static ShapanRate rate(int64_t num, int64_t den)
{
    ShapanRate r = {num, den};
    return r;
}

static const char *const finance_keys[] = {"long_rate",
                                           "long_min_years",
                                           "long_max_years",
                                           "long_min",
                                           "short_rate",
                                           "short_term_q",
                                           "short_min",
                                           "loan_cap",
                                           "discount_near",
                                           "discount_far",
                                           "admin_fee",
                                           "info_fee",
                                           "tax_rate",
                                           "penalty_rate",
                                           "emergency_material",
                                           "emergency_product",
                                           "sale_product",
                                           "sale_material",
                                           NULL};

/* Every finance field is optional; the defaults are RULES.md §1's. */
static void load_finance(CatLoader *ld, const cJSON *root)
{
    ShapanFinance *f = &ld->sc->fin;
    const char *p = "finance";
    const cJSON *o = cat_object_opt(ld, root, "finance", "");
    cat_keys(ld, o, finance_keys, p);
    cat_rate_opt(ld, o, "long_rate", rate(12, 100), &f->long_rate, p);
    cat_i32_opt(ld, o, "long_min_years", 1, SHAPAN_MAX_YEARS, 1, &f->long_min_years, p);
    if (cat_i32_opt(ld, o, "long_max_years", 1, SHAPAN_MAX_YEARS, 4, &f->long_max_years, p) &&
        f->long_max_years < f->long_min_years)
        cat_error(ld, SHAPAN_E_RANGE, "finance.long_max_years",
                  "long_max_years %d is below long_min_years %d", f->long_max_years,
                  f->long_min_years);
    cat_int_opt(ld, o, "long_min", 0, CAT_MONEY_MAX, 10, &f->long_min, p);
    cat_rate_opt(ld, o, "short_rate", rate(5, 100), &f->short_rate, p);
    cat_i32_opt(ld, o, "short_term_q", 1, 8, 4, &f->short_term_q, p);
    cat_int_opt(ld, o, "short_min", 0, CAT_MONEY_MAX, 10, &f->short_min, p);
    cat_rate_opt(ld, o, "loan_cap", rate(3, 1), &f->loan_cap, p);
    cat_rate_opt(ld, o, "discount_near", rate(8, 100), &f->discount_near, p);
    cat_rate_opt(ld, o, "discount_far", rate(9, 100), &f->discount_far, p);
    cat_int_opt(ld, o, "admin_fee", 0, CAT_MONEY_MAX, 14, &f->admin_fee, p);
    cat_int_opt(ld, o, "info_fee", 0, CAT_MONEY_MAX, 5, &f->info_fee, p);
    cat_rate_opt(ld, o, "tax_rate", rate(25, 100), &f->tax_rate, p);
    cat_rate_opt(ld, o, "penalty_rate", rate(20, 100), &f->penalty_rate, p);
    cat_rate_opt(ld, o, "emergency_material", rate(2, 1), &f->emergency_material, p);
    cat_rate_opt(ld, o, "emergency_product", rate(3, 1), &f->emergency_product, p);
    cat_rate_opt(ld, o, "sale_product", rate(1, 1), &f->sale_product, p);
    cat_rate_opt(ld, o, "sale_material", rate(80, 100), &f->sale_material, p);
}

static const char *const meeting_keys[] = {"min_ad",
                                           "pick_step",
                                           "market_leader",
                                           "group_size",
                                           "bid_fee",
                                           "bid_max",
                                           "bid_cap",
                                           "score_base",
                                           "score_delivery_base",
                                           "score_delivery_weight",
                                           "score_term_weight",
                                           "score_price_weight",
                                           NULL};

/* Every meeting field is optional; the defaults are RULES.md §1 / §4b's. */
static void load_meeting(CatLoader *ld, const cJSON *root)
{
    ShapanMeetingRules *m = &ld->sc->meet;
    const char *p = "meeting";
    const cJSON *o = cat_object_opt(ld, root, "meeting", "");
    cat_keys(ld, o, meeting_keys, p);
    cat_int_opt(ld, o, "min_ad", 0, CAT_MONEY_MAX, 10, &m->min_ad, p);
    /* a divisor: zero would make the pick count undefined */
    cat_int_opt(ld, o, "pick_step", 1, CAT_MONEY_MAX, 20, &m->pick_step, p);
    cat_bool_opt(ld, o, "market_leader", true, &m->market_leader, p);
    /* the engine keeps an open bid group in a fixed array of 8 */
    cat_i32_opt(ld, o, "group_size", 1, 8, 3, &m->group_size, p);
    cat_int_opt(ld, o, "bid_fee", 0, CAT_MONEY_MAX, 10, &m->bid_fee, p);
    if (cat_rate_opt(ld, o, "bid_max", rate(3, 1), &m->bid_max, p) &&
        m->bid_max.num < m->bid_max.den)
        cat_error(
            ld, SHAPAN_E_RANGE, "meeting.bid_max",
            "bid_max must be at least 1: a bid ranges from the direct cost to bid_max times it");
    cat_rate_opt(ld, o, "bid_cap", rate(3, 1), &m->bid_cap, p);
    cat_int_opt(ld, o, "score_base", 0, CAT_MONEY_MAX, 100, &m->score_base, p);
    cat_i32_opt(ld, o, "score_delivery_base", 0, 100, 5, &m->score_delivery_base, p);
    cat_int_opt(ld, o, "score_delivery_weight", 0, 1000, 2, &m->score_delivery_weight, p);
    cat_int_opt(ld, o, "score_term_weight", 0, 1000, 1, &m->score_term_weight, p);
    cat_int_opt(ld, o, "score_price_weight", 0, 1000, 8, &m->score_price_weight, p);
}

static const char *const generator_keys[] = {"iso_share", "bid_share", "price_spread", NULL};

/* The generator's shares are optional too; the defaults are RULES.md §9's. */
static void load_generator(CatLoader *ld, const cJSON *root)
{
    ShapanGeneratorRules *g = &ld->sc->gen;
    const char *p = "generator";
    const cJSON *o = cat_object_opt(ld, root, "generator", "");
    cat_keys(ld, o, generator_keys, p);
    static const char *const shares[] = {"generator.iso_share", "generator.bid_share",
                                         "generator.price_spread"};
    ShapanRate *r[] = {&g->iso_share, &g->bid_share, &g->price_spread};
    const ShapanRate dflt[] = {{8, 100}, {3, 100}, {10, 100}};
    for (int i = 0; i < 3; i++)
        if (cat_rate_opt(ld, o, generator_keys[i], dflt[i], r[i], p) && r[i]->num > r[i]->den)
            cat_error(ld, SHAPAN_E_RANGE, shares[i], "a share of at most 1 was expected");
}

/* ---- entry points ----------------------------------------------------------------- */

static ShapanScenario *load_tree(CatLoader *ld, const cJSON *root)
{
    ShapanScenario *sc = calloc(1, sizeof *sc);
    if (!sc) {
        cat_error(ld, SHAPAN_E_INTERNAL, "", "out of memory");
        return NULL;
    }
    ld->sc = sc;
    if (!cJSON_IsObject(root)) {
        cat_error(ld, SHAPAN_E_FIELD, "", "expected a JSON object at the top level");
    } else {
        cat_keys(ld, root, top_keys, "");
        load_top(ld, root);
        load_finance(ld, root);
        load_meeting(ld, root);
        load_generator(ld, root);
        cat_load_catalogue(ld, root);
        cat_load_boms(ld, root);
        cat_load_forecast(ld, root);
        cat_load_orders(ld, root);
        cat_load_opening(ld, root);
    }
    if (ld->nerrs == 0) {
        sc->digest = shapan_catalogue_digest(sc);
        shapan_catalogue_index(sc);
    }
    if (ld->nerrs > 0) {
        shapan_scenario_free(sc);
        return NULL;
    }
    return sc;
}

static void loader_start(CatLoader *ld, ShapanError *errs, int max_errs)
{
    memset(ld, 0, sizeof *ld);
    ld->errs = errs;
    ld->max_errs = errs ? max_errs : 0;
}

ShapanScenario *shapan_scenario_from_tree(const cJSON *root, ShapanError *errs, int max_errs,
                                          int *nerrs)
{
    CatLoader ld;
    loader_start(&ld, errs, max_errs);
    ShapanScenario *sc = load_tree(&ld, root);
    if (nerrs)
        *nerrs = ld.nerrs;
    return sc;
}

ShapanScenario *shapan_scenario_from_json(const char *text, size_t len, ShapanError *errs,
                                          int max_errs, int *nerrs)
{
    CatLoader ld;
    loader_start(&ld, errs, max_errs);
    ShapanError e;
    cJSON *root = text ? shapan_json_parse(text, len, &e) : NULL;
    ShapanScenario *sc = NULL;
    if (!root) {
        if (!text)
            shapan_error_set(&e, SHAPAN_E_JSON, "line 1", "no text");
        cat_push(&ld, &e);
    } else {
        sc = load_tree(&ld, root);
        cJSON_Delete(root);
    }
    if (nerrs)
        *nerrs = ld.nerrs;
    return sc;
}

ShapanScenario *shapan_scenario_load(const char *path, ShapanError *errs, int max_errs, int *nerrs)
{
    ShapanError e;
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0;
    bool ok = f != NULL;
    while (ok) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                ok = false;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            ok = !ferror(f);
            break;
        }
    }
    if (f)
        fclose(f);
    if (!ok) {
        free(buf);
        shapan_error_set(&e, SHAPAN_E_IO, path, "cannot read the scenario file");
        if (errs && max_errs > 0)
            errs[0] = e;
        if (nerrs)
            *nerrs = 1;
        return NULL;
    }
    ShapanScenario *sc = shapan_scenario_from_json(buf ? buf : "", len, errs, max_errs, nerrs);
    free(buf);
    return sc;
}

void shapan_scenario_free(ShapanScenario *sc)
{
    if (!sc)
        return;
    free(sc->orders);
    free(sc->order_index);
    free(sc);
}
