/* Commands <-> JSON (INTERFACES.md §2).  One table names each command's fields;
 * decoding and encoding both walk it, so the two can't drift apart. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "catalogue/jsonutil.h"
#include "core/command_json.h"
#include "log/textutil.h"

/* Field kinds: each names one JSON key and one ShapanCommand member. */
enum {
    F_END = 0,
    F_ORDER,      /* "order": order id -> order */
    F_MARKET,     /* "market": market id -> market */
    F_PRODUCT,    /* "product": product id -> product */
    F_ISO,        /* "iso": ISO id -> iso */
    F_PLANT_TYPE, /* "type": plant type id -> kind */
    F_LINE_TYPE,  /* "type": line type id -> kind */
    F_PLANT,      /* "plant": 1-based */
    F_LINE,       /* "line": 1-based */
    F_TARGET,     /* "target": 1-based team */
    F_AMOUNT,     /* "amount": W >= 0 */
    F_YEARS,      /* "years" >= 0 */
    F_PRICE,      /* "price": W >= 0 */
    F_DELIVERY,   /* "delivery" >= 0 */
    F_TERM,       /* "term" >= 0 */
    F_SLOTS,      /* "slots": [a1, a2, a3, a4] */
    F_ITEMS,      /* "items": {"R1": n, ...} */
    F_BIDS,       /* "bids": [{market, product, amount}] */
    F_KIND_COUNT
};

static const char *const field_keys[F_KIND_COUNT] = {
    "",       "order",  "market", "product", "iso",      "type", "type",  "plant", "line",
    "target", "amount", "years",  "price",   "delivery", "term", "slots", "items", "bids",
};

#define CMD_MAX_FIELDS 4

typedef struct {
    const char *name;
    unsigned char fields[CMD_MAX_FIELDS]; /* in encoding order, F_END-terminated */
} CmdSpec;

static const CmdSpec cmd_specs[SHAPAN_CMD_COUNT] = {
    [SHAPAN_CMD_ADS] = {"ads", {F_BIDS}},
    [SHAPAN_CMD_PICK] = {"pick", {F_ORDER}},
    [SHAPAN_CMD_PASS] = {"pass", {F_MARKET, F_PRODUCT}},
    [SHAPAN_CMD_BID] = {"bid", {F_ORDER, F_PRICE, F_DELIVERY, F_TERM}},
    [SHAPAN_CMD_DECLINE] = {"decline", {F_ORDER}},
    [SHAPAN_CMD_LONG_LOAN] = {"long_loan", {F_AMOUNT, F_YEARS}},
    [SHAPAN_CMD_SHORT_LOAN] = {"short_loan", {F_AMOUNT}},
    [SHAPAN_CMD_ORDER_MATERIALS] = {"order_materials", {F_ITEMS}},
    [SHAPAN_CMD_BUY_PLANT] = {"buy_plant", {F_PLANT_TYPE}},
    [SHAPAN_CMD_RENT_PLANT] = {"rent_plant", {F_PLANT_TYPE}},
    [SHAPAN_CMD_BUILD_LINE] = {"build_line", {F_PLANT, F_LINE_TYPE, F_PRODUCT}},
    [SHAPAN_CMD_INVEST_LINE] = {"invest_line", {F_LINE}},
    [SHAPAN_CMD_CONVERT_LINE] = {"convert_line", {F_LINE, F_PRODUCT}},
    [SHAPAN_CMD_SELL_LINE] = {"sell_line", {F_LINE}},
    [SHAPAN_CMD_PRODUCE] = {"produce", {F_LINE}},
    [SHAPAN_CMD_DELIVER] = {"deliver", {F_ORDER}},
    [SHAPAN_CMD_DEVELOP_PRODUCT] = {"develop_product", {F_PRODUCT}},
    [SHAPAN_CMD_SELL_PLANT] = {"sell_plant", {F_PLANT}},
    [SHAPAN_CMD_RENT_TO_BUY] = {"rent_to_buy", {F_PLANT}},
    [SHAPAN_CMD_RETURN_PLANT] = {"return_plant", {F_PLANT}},
    [SHAPAN_CMD_DEVELOP_MARKET] = {"develop_market", {F_MARKET}},
    [SHAPAN_CMD_DEVELOP_ISO] = {"develop_iso", {F_ISO}},
    [SHAPAN_CMD_DISCOUNT] = {"discount", {F_SLOTS}},
    [SHAPAN_CMD_DISCOUNT_PLANT] = {"discount_plant", {F_PLANT}},
    [SHAPAN_CMD_EMERGENCY_BUY] = {"emergency_buy", {F_ITEMS}},
    [SHAPAN_CMD_SELL_INVENTORY] = {"sell_inventory", {F_ITEMS}},
    [SHAPAN_CMD_SPY] = {"spy", {F_TARGET}},
    [SHAPAN_CMD_NEXT] = {"next", {F_END}},
    [SHAPAN_CMD_END_QUARTER] = {"end_quarter", {F_END}},
    [SHAPAN_CMD_UNDO] = {"undo", {F_END}},
    [SHAPAN_CMD_CONCEDE] = {"concede", {F_END}},
    [SHAPAN_CMD_FORCE_END_QUARTER] = {"force_end_quarter", {F_END}},
};

/* 1-based numbers and small counts live in int members; this keeps them far
 * from overflow while allowing any realistic value through to the engine. */
#define INT_FIELD_MAX 1000000000

const char *shapan_cmd_name(ShapanCmdType t)
{
    if ((int)t < 0 || t >= SHAPAN_CMD_COUNT)
        return "?";
    return cmd_specs[t].name;
}

/* strcmp == 0, with the first byte compared inline: most candidates differ there
 * (a replay matches every command name and key against these tables). */
static bool same(const char *a, const char *b) { return a[0] == b[0] && strcmp(a, b) == 0; }

ShapanCmdType shapan_cmd_from_name(const char *name)
{
    if (name)
        for (int i = 0; i < SHAPAN_CMD_COUNT; i++)
            if (same(cmd_specs[i].name, name))
                return (ShapanCmdType)i;
    return SHAPAN_CMD_COUNT;
}

void shapan_cmd_init(ShapanCommand *c, ShapanCmdType type, int team)
{
    /* the bids past nbids (0) are never read: their 512 bytes were most of the cost
     * of a rival's candidate */
    memset(c, 0, offsetof(ShapanCommand, bids));
    c->type = type;
    c->team = team;
}

ShapanCommand shapan_cmd_simple(ShapanCmdType type, int team)
{
    ShapanCommand c;
    memset(&c, 0, sizeof c); /* whole: a test or the decoder may compare its bytes */
    c.type = type;
    c.team = team;
    return c;
}

/* --- decoding ------------------------------------------------------------------------ */

/* Reads an integer member `key` of obj into *out, between lo and hi. */
static ShapanErrorCode get_int(const cJSON *obj, const char *key, const char *where, int64_t lo,
                               int64_t hi, int64_t *out, ShapanError *err)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it)
        return shapan_error_set(err, SHAPAN_E_FIELD, where, "missing field \"%s\" (an integer)",
                                key);
    if (!shapan_json_int_value(it, lo, hi, out, where, err))
        return err ? err->code : SHAPAN_E_FIELD;
    return SHAPAN_OK;
}

typedef int (*IdLookup)(const ShapanScenario *sc, const char *id);

/* Reads a catalogue id member `key` and resolves it with `look`. */
static ShapanErrorCode get_id(const ShapanScenario *sc, const cJSON *obj, const char *key,
                              const char *where, IdLookup look, const char *what, int *out,
                              ShapanError *err)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it)
        return shapan_error_set(err, SHAPAN_E_FIELD, where, "missing field \"%s\" (a %s id)", key,
                                what);
    if (!cJSON_IsString(it))
        return shapan_error_set(err, SHAPAN_E_FIELD, where, "expected a %s id (a string)", what);
    int idx = look(sc, it->valuestring);
    if (idx < 0)
        return shapan_error_set(err, SHAPAN_E_UNKNOWN_ID, where,
                                "\"%.40s\" is not a %s of this scenario", it->valuestring, what);
    *out = idx;
    return SHAPAN_OK;
}

static ShapanErrorCode get_items(const ShapanScenario *sc, const cJSON *obj, ShapanCommand *c,
                                 ShapanError *err)
{
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(obj, "items");
    if (!items)
        return shapan_error_set(err, SHAPAN_E_FIELD, "items",
                                "missing field \"items\" (an object of item id: quantity)");
    if (!cJSON_IsObject(items))
        return shapan_error_set(err, SHAPAN_E_FIELD, "items",
                                "expected an object of item id: quantity");
    bool seen[SHAPAN_MAX_ITEMS] = {false};
    for (const cJSON *it = items->child; it; it = it->next) {
        char where[128];
        shapan_json_path_key(where, sizeof where, "items", it->string ? it->string : "");
        int idx = it->string ? shapan_scenario_item(sc, it->string) : -1;
        if (idx < 0 || idx >= SHAPAN_MAX_ITEMS)
            return shapan_error_set(err, SHAPAN_E_UNKNOWN_ID, where,
                                    "not a material or product of this scenario");
        if (seen[idx])
            return shapan_error_set(err, SHAPAN_E_FIELD, where, "item given twice");
        seen[idx] = true;
        int64_t v = 0;
        ShapanErrorCode rc = get_int(items, it->string, where, 0, SHAPAN_JSON_INT_MAX, &v, err);
        if (rc)
            return rc;
        c->items[idx] = v;
    }
    return SHAPAN_OK;
}

static ShapanErrorCode get_slots(const cJSON *obj, ShapanCommand *c, ShapanError *err)
{
    const cJSON *slots = cJSON_GetObjectItemCaseSensitive(obj, "slots");
    if (!slots)
        return shapan_error_set(err, SHAPAN_E_FIELD, "slots",
                                "missing field \"slots\" ([a1, a2, a3, a4])");
    if (!cJSON_IsArray(slots) || cJSON_GetArraySize(slots) != 4)
        return shapan_error_set(err, SHAPAN_E_FIELD, "slots",
                                "expected an array of 4 amounts [a1, a2, a3, a4]");
    int i = 0;
    for (const cJSON *it = slots->child; it; it = it->next, i++) {
        char where[32];
        shapan_json_path_index(where, sizeof where, "slots", i);
        if (!shapan_json_int_value(it, 0, SHAPAN_JSON_INT_MAX, &c->slots[i], where, err))
            return err ? err->code : SHAPAN_E_FIELD;
    }
    return SHAPAN_OK;
}

static ShapanErrorCode get_bids(const ShapanScenario *sc, const cJSON *obj, ShapanCommand *c,
                                ShapanError *err)
{
    const cJSON *bids = cJSON_GetObjectItemCaseSensitive(obj, "bids");
    if (!bids)
        return shapan_error_set(err, SHAPAN_E_FIELD, "bids",
                                "missing field \"bids\" (an array, possibly empty)");
    if (!cJSON_IsArray(bids))
        return shapan_error_set(err, SHAPAN_E_FIELD, "bids",
                                "expected an array of {market, product, amount}");
    int i = 0;
    for (const cJSON *b = bids->child; b; b = b->next, i++) {
        char where[64];
        if (i >= SHAPAN_MAX_CELLS) {
            snprintf(where, sizeof where, "bids[%d]", i);
            return shapan_error_set(err, SHAPAN_E_CAPACITY, where, "at most %d ad cells",
                                    SHAPAN_MAX_CELLS);
        }
        if (!cJSON_IsObject(b)) {
            snprintf(where, sizeof where, "bids[%d]", i);
            return shapan_error_set(err, SHAPAN_E_FIELD, where,
                                    "expected an object {market, product, amount}");
        }
        int m = 0, p = 0;
        int64_t amount = 0;
        char at[24];
        shapan_json_path_index(at, sizeof at, "bids", i);
        shapan_json_path_key(where, sizeof where, at, "market");
        ShapanErrorCode rc =
            get_id(sc, b, "market", where, shapan_scenario_market, "market", &m, err);
        if (rc)
            return rc;
        shapan_json_path_key(where, sizeof where, at, "product");
        rc = get_id(sc, b, "product", where, shapan_scenario_product, "product", &p, err);
        if (rc)
            return rc;
        shapan_json_path_key(where, sizeof where, at, "amount");
        rc = get_int(b, "amount", where, 0, INT32_MAX, &amount, err);
        if (rc)
            return rc;
        for (const cJSON *k = b->child; k; k = k->next)
            if (!k->string || !(same(k->string, "market") || same(k->string, "product") ||
                                same(k->string, "amount"))) {
                snprintf(where, sizeof where, "bids[%d].%.40s", i, k->string ? k->string : "");
                return shapan_error_set(err, SHAPAN_E_FIELD, where, "unknown field");
            }
        for (int j = 0; j < i; j++)
            if (c->bids[j].market == m && c->bids[j].product == p) {
                snprintf(where, sizeof where, "bids[%d]", i);
                return shapan_error_set(err, SHAPAN_E_FIELD, where,
                                        "cell %s/%s already has an ad in bids[%d]",
                                        sc->markets[m].id, sc->products[p].id, j);
            }
        c->bids[i].market = (int8_t)m;
        c->bids[i].product = (int8_t)p;
        c->bids[i].amount = (int32_t)amount; /* 0..INT32_MAX here; the rules allow 1,000,000 */
    }
    c->nbids = i;
    return SHAPAN_OK;
}

static ShapanErrorCode get_field(const ShapanScenario *sc, const cJSON *obj, int kind,
                                 ShapanCommand *c, ShapanError *err)
{
    const char *key = field_keys[kind];
    int64_t v = 0;
    ShapanErrorCode rc = SHAPAN_OK;
    switch (kind) {
    case F_ORDER: return get_id(sc, obj, key, key, shapan_scenario_order, "order", &c->order, err);
    case F_MARKET:
        return get_id(sc, obj, key, key, shapan_scenario_market, "market", &c->market, err);
    case F_PRODUCT:
        return get_id(sc, obj, key, key, shapan_scenario_product, "product", &c->product, err);
    case F_ISO:
        return get_id(sc, obj, key, key, shapan_scenario_iso, "ISO certificate", &c->iso, err);
    case F_PLANT_TYPE:
        return get_id(sc, obj, key, key, shapan_scenario_plant_type, "plant type", &c->kind, err);
    case F_LINE_TYPE:
        return get_id(sc, obj, key, key, shapan_scenario_line_type, "line type", &c->kind, err);
    case F_PLANT:
    case F_LINE:
    case F_TARGET:
        rc = get_int(obj, key, key, 1, INT_FIELD_MAX, &v, err);
        if (rc == SHAPAN_OK) {
            int *dst = kind == F_PLANT ? &c->plant : kind == F_LINE ? &c->line : &c->target;
            *dst = (int)v;
        }
        return rc;
    case F_YEARS:
    case F_DELIVERY:
    case F_TERM:
        rc = get_int(obj, key, key, 0, INT_FIELD_MAX, &v, err);
        if (rc == SHAPAN_OK) {
            int *dst = kind == F_YEARS ? &c->years : kind == F_DELIVERY ? &c->delivery : &c->term;
            *dst = (int)v;
        }
        return rc;
    case F_AMOUNT: return get_int(obj, key, key, 0, SHAPAN_JSON_INT_MAX, &c->amount, err);
    case F_PRICE: return get_int(obj, key, key, 0, SHAPAN_JSON_INT_MAX, &c->price, err);
    case F_SLOTS: return get_slots(obj, c, err);
    case F_ITEMS: return get_items(sc, obj, c, err);
    case F_BIDS: return get_bids(sc, obj, c, err);
    default: return shapan_error_set(err, SHAPAN_E_INTERNAL, key, "bad field kind");
    }
}

static bool key_allowed(const CmdSpec *spec, const char *key)
{
    if (same(key, "cmd") || same(key, "team") || same(key, "seq"))
        return true;
    for (int i = 0; i < CMD_MAX_FIELDS && spec->fields[i] != F_END; i++)
        if (same(key, field_keys[spec->fields[i]]))
            return true;
    return false;
}

ShapanErrorCode shapan_cmd_from_cjson(const ShapanScenario *sc, const cJSON *obj,
                                      ShapanCommand *out, ShapanError *err)
{
    ShapanCommand c = shapan_cmd_simple(SHAPAN_CMD_NEXT, 0);
    if (!cJSON_IsObject(obj))
        return shapan_error_set(err, SHAPAN_E_JSON, "", "expected a JSON object");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(obj, "cmd");
    if (!name)
        return shapan_error_set(err, SHAPAN_E_FIELD, "cmd", "missing field \"cmd\"");
    if (!cJSON_IsString(name))
        return shapan_error_set(err, SHAPAN_E_FIELD, "cmd", "expected a command name (a string)");
    c.type = shapan_cmd_from_name(name->valuestring);
    if (c.type == SHAPAN_CMD_COUNT)
        return shapan_error_set(err, SHAPAN_E_UNKNOWN_ID, "cmd", "unknown command \"%.60s\"",
                                name->valuestring);
    const CmdSpec *spec = &cmd_specs[c.type];

    /* unknown or repeated keys are typos in a hand-written log: refuse them */
    for (const cJSON *k = obj->child; k; k = k->next) {
        const char *key = k->string ? k->string : "";
        if (!key_allowed(spec, key))
            return shapan_error_set(err, SHAPAN_E_FIELD, key, "unknown field for \"%s\"",
                                    spec->name);
        for (const cJSON *j = obj->child; j != k; j = j->next)
            if (j->string && same(j->string, key))
                return shapan_error_set(err, SHAPAN_E_FIELD, key, "field given twice");
    }

    int64_t team = 0;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(obj, "team");
    if (!t)
        return shapan_error_set(err, SHAPAN_E_FIELD, "team", "missing field \"team\"");
    ShapanErrorCode rc =
        get_int(obj, "team", "team", -SHAPAN_JSON_INT_MAX, SHAPAN_JSON_INT_MAX, &team, err);
    if (rc)
        return rc;
    if (team < 1 || team > SHAPAN_MAX_TEAMS)
        return shapan_error_set(err, SHAPAN_E_TEAM, "team",
                                "expected a team number 1..%d, got %" PRId64, SHAPAN_MAX_TEAMS,
                                team);
    c.team = (int)team;

    for (int i = 0; i < CMD_MAX_FIELDS && spec->fields[i] != F_END; i++) {
        rc = get_field(sc, obj, spec->fields[i], &c, err);
        if (rc)
            return rc;
    }
    *out = c;
    return SHAPAN_OK;
}

ShapanErrorCode shapan_cmd_from_json(const ShapanScenario *sc, const char *text, size_t len,
                                     ShapanCommand *out, ShapanError *err)
{
    const char *end = NULL;
    cJSON *obj = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!obj) {
        long at = end ? (long)(end - text) : 0;
        return shapan_error_set(err, SHAPAN_E_JSON, "", "malformed JSON near character %ld",
                                at + 1);
    }
    /* only whitespace may follow the object */
    for (const char *p = end; p && p < text + len && *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
            cJSON_Delete(obj);
            return shapan_error_set(err, SHAPAN_E_JSON, "",
                                    "unexpected text after the JSON object at character %ld",
                                    (long)(p - text) + 1);
        }
    ShapanErrorCode rc = shapan_cmd_from_cjson(sc, obj, out, err);
    cJSON_Delete(obj);
    return rc;
}

/* --- encoding ------------------------------------------------------------------------ */

/* An index the scenario does not define is written as "#N", which decoding
 * refuses with E_UNKNOWN_ID: a broken command can't sneak into a log. */
static void add_id(ShapanSb *sb, const char *id, int index)
{
    if (id) {
        shapan_sb_add_jstr(sb, id);
    } else {
        shapan_sb_addf(sb, "\"#%d\"", index);
    }
}

static const char *id_of(const ShapanCert *certs, int n, int i)
{
    return (i >= 0 && i < n) ? certs[i].id : NULL;
}

static const char *product_id(const ShapanScenario *sc, int i)
{
    return (i >= 0 && i < sc->nproducts) ? sc->products[i].id : NULL;
}

static void add_key(ShapanSb *sb, const char *key) { shapan_sb_addf(sb, ",\"%s\":", key); }

static void add_field(ShapanSb *sb, const ShapanScenario *sc, const ShapanCommand *c, int kind)
{
    add_key(sb, field_keys[kind]);
    switch (kind) {
    case F_ORDER:
        add_id(sb, (c->order >= 0 && c->order < sc->norders) ? sc->orders[c->order].id : NULL,
               c->order);
        break;
    case F_MARKET: add_id(sb, id_of(sc->markets, sc->nmarkets, c->market), c->market); break;
    case F_PRODUCT: add_id(sb, product_id(sc, c->product), c->product); break;
    case F_ISO: add_id(sb, id_of(sc->isos, sc->nisos, c->iso), c->iso); break;
    case F_PLANT_TYPE:
        add_id(sb,
               (c->kind >= 0 && c->kind < sc->nplant_types) ? sc->plant_types[c->kind].id : NULL,
               c->kind);
        break;
    case F_LINE_TYPE:
        add_id(sb, (c->kind >= 0 && c->kind < sc->nline_types) ? sc->line_types[c->kind].id : NULL,
               c->kind);
        break;
    case F_PLANT: shapan_sb_addf(sb, "%d", c->plant); break;
    case F_LINE: shapan_sb_addf(sb, "%d", c->line); break;
    case F_TARGET: shapan_sb_addf(sb, "%d", c->target); break;
    case F_AMOUNT: shapan_sb_add_i64(sb, c->amount); break;
    case F_YEARS: shapan_sb_addf(sb, "%d", c->years); break;
    case F_PRICE: shapan_sb_add_i64(sb, c->price); break;
    case F_DELIVERY: shapan_sb_addf(sb, "%d", c->delivery); break;
    case F_TERM: shapan_sb_addf(sb, "%d", c->term); break;
    case F_SLOTS:
        shapan_sb_addf(sb, "[%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 "]", c->slots[0],
                       c->slots[1], c->slots[2], c->slots[3]);
        break;
    case F_ITEMS: {
        int nitems = sc->nmaterials + sc->nproducts;
        bool first = true;
        shapan_sb_add(sb, "{");
        for (int i = 0; i < SHAPAN_MAX_ITEMS; i++) {
            if (c->items[i] == 0)
                continue;
            if (!first)
                shapan_sb_add(sb, ",");
            first = false;
            add_id(sb, i < nitems ? shapan_scenario_item_id(sc, i) : NULL, i);
            shapan_sb_addf(sb, ":%" PRId64, c->items[i]);
        }
        shapan_sb_add(sb, "}");
        break;
    }
    case F_BIDS: {
        int n = c->nbids < 0 ? 0 : c->nbids > SHAPAN_MAX_CELLS ? SHAPAN_MAX_CELLS : c->nbids;
        shapan_sb_add(sb, "[");
        for (int i = 0; i < n; i++) {
            const ShapanAdBid *b = &c->bids[i];
            shapan_sb_add(sb, i ? ",{\"market\":" : "{\"market\":");
            add_id(sb, id_of(sc->markets, sc->nmarkets, b->market), b->market);
            shapan_sb_add(sb, ",\"product\":");
            add_id(sb, product_id(sc, b->product), b->product);
            shapan_sb_addf(sb, ",\"amount\":%" PRId32 "}", b->amount);
        }
        shapan_sb_add(sb, "]");
        break;
    }
    default: break;
    }
}

char *shapan_cmd_to_json(const ShapanScenario *sc, const ShapanCommand *c, int32_t seq)
{
    ShapanSb sb;
    shapan_sb_init(&sb);
    shapan_sb_add(&sb, "{");
    if (seq > 0)
        shapan_sb_addf(&sb, "\"seq\":%" PRId32 ",", seq);
    shapan_sb_add(&sb, "\"cmd\":");
    add_id(&sb, ((int)c->type >= 0 && c->type < SHAPAN_CMD_COUNT) ? cmd_specs[c->type].name : NULL,
           (int)c->type);
    shapan_sb_addf(&sb, ",\"team\":%d", c->team);
    if ((int)c->type >= 0 && c->type < SHAPAN_CMD_COUNT) {
        const CmdSpec *spec = &cmd_specs[c->type];
        for (int i = 0; i < CMD_MAX_FIELDS && spec->fields[i] != F_END; i++)
            add_field(&sb, sc, c, spec->fields[i]);
    }
    shapan_sb_add(&sb, "}");
    return shapan_sb_take(&sb);
}
