/* Checked JSON reading and writing (see jsonutil.h for the contract). */
#include "catalogue/jsonutil.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The exact integer decoder reads the number's bits; that only works if cJSON's
 * number is an 8-byte IEEE binary64, which every supported platform has. */
_Static_assert(sizeof(((const cJSON *)0)->valuedouble) == sizeof(uint64_t),
               "cJSON numbers must be 64-bit IEEE binary64");

static bool fail(ShapanError *err, ShapanErrorCode code, const char *where, const char *msg)
{
    shapan_error_set(err, code, where, "%s", msg);
    return false;
}

static int line_of(const char *text, size_t upto)
{
    int line = 1;
    for (size_t i = 0; i < upto; i++)
        if (text[i] == '\n')
            line++;
    return line;
}

cJSON *shapan_json_parse(const char *text, size_t len, ShapanError *err)
{
    char where[32];
    size_t start = 0;
    /* editors on Windows like to prepend a UTF-8 byte order mark */
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        start = 3;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text + start, len - start, &end, 0);
    if (!root) {
        size_t off = end ? (size_t)(end - text) : start;
        if (off > len)
            off = len;
        snprintf(where, sizeof where, "line %d", line_of(text, off));
        shapan_error_set(err, SHAPAN_E_JSON, where, "malformed JSON near byte %zu", off);
        return NULL;
    }
    size_t off = end ? (size_t)(end - text) : len;
    for (; off < len; off++) {
        char c = text[off];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0')
            continue;
        snprintf(where, sizeof where, "line %d", line_of(text, off));
        shapan_error_set(err, SHAPAN_E_JSON, where,
                         "unexpected text after the end of the JSON value at byte %zu", off);
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

const char *shapan_json_int_text(int64_t v, char buf[24])
{
    char *p = buf + 23;
    uint64_t u = v < 0 ? 0u - (uint64_t)v : (uint64_t)v;
    *p = '\0';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    return p;
}

/* Appends s to buf[*n] within cap (always terminated): the loaders build a path for
 * every value they read, so these run hot and avoid printf. */
static void path_put(char *buf, size_t cap, size_t *n, const char *s)
{
    while (*s && *n + 1 < cap)
        buf[(*n)++] = *s++;
    buf[*n] = '\0';
}

void shapan_json_path_key(char *buf, size_t cap, const char *path, const char *key)
{
    size_t n = 0;
    if (cap == 0)
        return;
    buf[0] = '\0';
    if (path && path[0]) {
        path_put(buf, cap, &n, path);
        path_put(buf, cap, &n, ".");
    }
    path_put(buf, cap, &n, key);
}

void shapan_json_path_index(char *buf, size_t cap, const char *path, int index)
{
    char num[24];
    size_t n = 0;
    if (cap == 0)
        return;
    buf[0] = '\0';
    path_put(buf, cap, &n, path ? path : "");
    path_put(buf, cap, &n, "[");
    path_put(buf, cap, &n, shapan_json_int_text(index, num));
    path_put(buf, cap, &n, "]");
}

/* Decodes the binary64 bits exactly.  Returns 0 ok, 1 not an integer, 2 too large. */
static int exact_integer(const cJSON *item, int64_t *out)
{
    uint64_t bits;
    memcpy(&bits, &item->valuedouble, sizeof bits);
    bool neg = (bits >> 63) != 0;
    int e = (int)((bits >> 52) & 0x7ff);
    uint64_t frac = bits & ((UINT64_C(1) << 52) - 1);
    if (e == 0x7ff)
        return 2; /* infinity or NaN: beyond any range */
    if (e == 0) {
        if (frac != 0)
            return 1; /* subnormal: a tiny fraction */
        *out = 0;
        return 0;
    }
    if (e < 1023)
        return 1; /* 0 < |x| < 1 */
    if (e > 1075)
        return 2; /* |x| >= 2^53 */
    uint64_t mant = frac | (UINT64_C(1) << 52);
    int shift = 1075 - e; /* value = mant / 2^shift, 0 <= shift <= 52 */
    if (shift > 0 && (mant & ((UINT64_C(1) << shift) - 1)) != 0)
        return 1;
    uint64_t mag = mant >> shift;
    if (mag > (uint64_t)SHAPAN_JSON_INT_MAX)
        return 2; /* exactly 2^53 */
    *out = neg ? -(int64_t)mag : (int64_t)mag;
    return 0;
}

bool shapan_json_int_value(const cJSON *item, int64_t min, int64_t max, int64_t *out,
                           const char *where, ShapanError *err)
{
    if (!item || !cJSON_IsNumber(item))
        return fail(err, SHAPAN_E_FIELD, where, "expected an integer");
    int64_t v = 0;
    int r = exact_integer(item, &v);
    if (r == 1)
        return fail(err, SHAPAN_E_AMOUNT, where, "expected an integer, not a fraction");
    if (r == 2) {
        shapan_error_set(err, SHAPAN_E_AMOUNT, where,
                         "number too large: expected an integer from %" PRId64 " to %" PRId64, min,
                         max);
        return false;
    }
    if (v < min || v > max) {
        shapan_error_set(err, SHAPAN_E_AMOUNT, where,
                         "%" PRId64 " is out of range: expected %" PRId64 " to %" PRId64, v, min,
                         max);
        return false;
    }
    *out = v;
    return true;
}

static const cJSON *field(const cJSON *obj, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    return (it && cJSON_IsNull(it)) ? NULL : it;
}

bool shapan_json_int(const cJSON *obj, const char *key, int64_t min, int64_t max, int64_t *out,
                     const char *path, ShapanError *err)
{
    char where[128];
    shapan_json_path_key(where, sizeof where, path, key);
    const cJSON *it = field(obj, key);
    if (!it)
        return fail(err, SHAPAN_E_FIELD, where, "missing field: expected an integer");
    return shapan_json_int_value(it, min, max, out, where, err);
}

bool shapan_json_int_opt(const cJSON *obj, const char *key, int64_t min, int64_t max, int64_t dflt,
                         int64_t *out, const char *path, ShapanError *err)
{
    if (!field(obj, key)) {
        *out = dflt;
        return true;
    }
    return shapan_json_int(obj, key, min, max, out, path, err);
}

bool shapan_json_int32(const cJSON *obj, const char *key, int min, int max, int *out,
                       const char *path, ShapanError *err)
{
    int64_t v;
    if (!shapan_json_int(obj, key, min, max, &v, path, err))
        return false;
    *out = (int)v;
    return true;
}

bool shapan_json_int32_opt(const cJSON *obj, const char *key, int min, int max, int dflt, int *out,
                           const char *path, ShapanError *err)
{
    int64_t v;
    if (!shapan_json_int_opt(obj, key, min, max, dflt, &v, path, err))
        return false;
    *out = (int)v;
    return true;
}

bool shapan_json_bool(const cJSON *obj, const char *key, bool *out, const char *path,
                      ShapanError *err)
{
    char where[128];
    shapan_json_path_key(where, sizeof where, path, key);
    const cJSON *it = field(obj, key);
    if (!it)
        return fail(err, SHAPAN_E_FIELD, where, "missing field: expected true or false");
    if (!cJSON_IsBool(it))
        return fail(err, SHAPAN_E_FIELD, where, "expected true or false");
    *out = cJSON_IsTrue(it) != 0;
    return true;
}

bool shapan_json_bool_opt(const cJSON *obj, const char *key, bool dflt, bool *out, const char *path,
                          ShapanError *err)
{
    if (!field(obj, key)) {
        *out = dflt;
        return true;
    }
    return shapan_json_bool(obj, key, out, path, err);
}

bool shapan_json_string(const cJSON *obj, const char *key, char *out, size_t cap, const char *path,
                        ShapanError *err)
{
    char where[128];
    shapan_json_path_key(where, sizeof where, path, key);
    const cJSON *it = field(obj, key);
    if (!it)
        return fail(err, SHAPAN_E_FIELD, where, "missing field: expected a string");
    if (!cJSON_IsString(it) || !it->valuestring)
        return fail(err, SHAPAN_E_FIELD, where, "expected a string");
    size_t n = strlen(it->valuestring);
    if (n >= cap) {
        shapan_error_set(err, SHAPAN_E_RANGE, where, "string too long: at most %zu bytes", cap - 1);
        return false;
    }
    memcpy(out, it->valuestring, n + 1);
    return true;
}

bool shapan_json_string_opt(const cJSON *obj, const char *key, const char *dflt, char *out,
                            size_t cap, const char *path, ShapanError *err)
{
    if (!field(obj, key)) {
        snprintf(out, cap, "%s", dflt);
        return true;
    }
    return shapan_json_string(obj, key, out, cap, path, err);
}

bool shapan_json_id_text(const char *s, size_t cap, const char *where, ShapanError *err)
{
    size_t n = strlen(s);
    if (n == 0)
        return fail(err, SHAPAN_E_RANGE, where, "empty id");
    if (n >= cap) {
        shapan_error_set(err, SHAPAN_E_RANGE, where, "id too long: at most %zu characters",
                         cap - 1);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || c == '.';
        if (!ok)
            return fail(err, SHAPAN_E_RANGE, where,
                        "an id may only hold letters, digits, '_', '-' and '.'");
    }
    return true;
}

bool shapan_json_id(const cJSON *obj, const char *key, char *out, size_t cap, const char *path,
                    ShapanError *err)
{
    char where[128];
    if (!shapan_json_string(obj, key, out, cap, path, err))
        return false;
    shapan_json_path_key(where, sizeof where, path, key);
    if (!shapan_json_id_text(out, cap, where, err)) {
        out[0] = '\0';
        return false;
    }
    return true;
}

/* Up to 10 decimal digits, value <= SHAPAN_JSON_RATE_MAX.  Returns chars used, 0 on error. */
static size_t parse_digits(const char *s, int64_t *out)
{
    size_t i = 0;
    int64_t v = 0;
    while (s[i] >= '0' && s[i] <= '9') {
        if (i >= 10)
            return 0;
        v = v * 10 + (s[i] - '0');
        i++;
    }
    *out = v;
    return i;
}

bool shapan_json_rate_value(const cJSON *item, ShapanRate *out, const char *where, ShapanError *err)
{
    if (item && cJSON_IsNumber(item)) {
        int64_t n;
        if (!shapan_json_int_value(item, 0, SHAPAN_JSON_RATE_MAX, &n, where, err))
            return false;
        out->num = n;
        out->den = 1;
        return true;
    }
    if (!item || !cJSON_IsString(item) || !item->valuestring)
        return fail(err, SHAPAN_E_FIELD, where,
                    "expected a rate: a string \"num/den\" such as \"125/1000\", or an integer");
    const char *s = item->valuestring;
    int64_t num, den;
    size_t a = parse_digits(s, &num);
    if (a == 0 || s[a] != '/')
        return fail(err, SHAPAN_E_FIELD, where, "expected a rate \"num/den\" such as \"125/1000\"");
    size_t b = parse_digits(s + a + 1, &den);
    if (b == 0 || s[a + 1 + b] != '\0')
        return fail(err, SHAPAN_E_FIELD, where, "expected a rate \"num/den\" such as \"125/1000\"");
    if (den == 0)
        return fail(err, SHAPAN_E_AMOUNT, where, "a rate's denominator must not be 0");
    if (num > SHAPAN_JSON_RATE_MAX || den > SHAPAN_JSON_RATE_MAX) {
        shapan_error_set(err, SHAPAN_E_AMOUNT, where,
                         "a rate's numerator and denominator must be at most %" PRId64,
                         SHAPAN_JSON_RATE_MAX);
        return false;
    }
    out->num = num;
    out->den = den;
    return true;
}

bool shapan_json_rate(const cJSON *obj, const char *key, ShapanRate *out, const char *path,
                      ShapanError *err)
{
    char where[128];
    shapan_json_path_key(where, sizeof where, path, key);
    const cJSON *it = field(obj, key);
    if (!it)
        return fail(err, SHAPAN_E_FIELD, where, "missing field: expected a rate \"num/den\"");
    return shapan_json_rate_value(it, out, where, err);
}

bool shapan_json_rate_opt(const cJSON *obj, const char *key, ShapanRate dflt, ShapanRate *out,
                          const char *path, ShapanError *err)
{
    if (!field(obj, key)) {
        *out = dflt;
        return true;
    }
    return shapan_json_rate(obj, key, out, path, err);
}

static const cJSON *container(const cJSON *obj, const char *key, const char *path, bool want_array,
                              bool optional, bool *bad, ShapanError *err)
{
    char where[128];
    shapan_json_path_key(where, sizeof where, path, key);
    const cJSON *it = field(obj, key);
    const char *what = want_array ? "an array" : "an object";
    if (!it) {
        if (!optional)
            shapan_error_set(err, SHAPAN_E_FIELD, where, "missing field: expected %s", what);
        return NULL;
    }
    if (want_array ? !cJSON_IsArray(it) : !cJSON_IsObject(it)) {
        shapan_error_set(err, SHAPAN_E_FIELD, where, "expected %s", what);
        if (bad)
            *bad = true;
        return NULL;
    }
    return it;
}

const cJSON *shapan_json_array(const cJSON *obj, const char *key, const char *path,
                               ShapanError *err)
{
    return container(obj, key, path, true, false, NULL, err);
}

const cJSON *shapan_json_object(const cJSON *obj, const char *key, const char *path,
                                ShapanError *err)
{
    return container(obj, key, path, false, false, NULL, err);
}

const cJSON *shapan_json_array_opt(const cJSON *obj, const char *key, const char *path, bool *bad,
                                   ShapanError *err)
{
    *bad = false;
    return container(obj, key, path, true, true, bad, err);
}

const cJSON *shapan_json_object_opt(const cJSON *obj, const char *key, const char *path, bool *bad,
                                    ShapanError *err)
{
    *bad = false;
    return container(obj, key, path, false, true, bad, err);
}

int shapan_json_check_keys(const cJSON *obj, const char *const *allowed, const char *path,
                           ShapanError *errs, int max_errs)
{
    int n = 0;
    char where[128];
    for (const cJSON *c = obj ? obj->child : NULL; c; c = c->next) {
        const char *k = c->string ? c->string : "";
        shapan_json_path_key(where, sizeof where, path, k);
        bool known = (allowed == NULL);
        for (int i = 0; allowed && allowed[i]; i++)
            if (strcmp(allowed[i], k) == 0)
                known = true;
        bool dup = false;
        for (const cJSON *p = obj->child; p != c; p = p->next)
            if (p->string && strcmp(p->string, k) == 0)
                dup = true;
        if (!known || dup) {
            if (n < max_errs)
                shapan_error_set(&errs[n], SHAPAN_E_FIELD, where,
                                 dup ? "duplicate key" : "unknown field");
            n++;
        }
    }
    return n;
}

cJSON *shapan_json_new_int(int64_t v)
{
    char buf[24];
    return cJSON_CreateRaw(shapan_json_int_text(v, buf));
}

bool shapan_json_add_int(cJSON *obj, const char *key, int64_t v)
{
    cJSON *n = shapan_json_new_int(v);
    if (!n)
        return false;
    return cJSON_AddItemToObject(obj, key, n) != 0;
}

void shapan_json_rate_text(ShapanRate r, char *buf, size_t cap)
{
    snprintf(buf, cap, "%" PRId64 "/%" PRId64, r.num, r.den);
}

bool shapan_json_add_rate(cJSON *obj, const char *key, ShapanRate r)
{
    char buf[48];
    shapan_json_rate_text(r, buf, sizeof buf);
    return cJSON_AddStringToObject(obj, key, buf) != NULL;
}

bool shapan_json_add_string(cJSON *obj, const char *key, const char *s)
{
    return cJSON_AddStringToObject(obj, key, s) != NULL;
}

bool shapan_json_add_bool(cJSON *obj, const char *key, bool b)
{
    return cJSON_AddBoolToObject(obj, key, b) != NULL;
}
