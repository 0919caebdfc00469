/* Checked JSON reading and writing on top of cJSON, shared by the scenario
 * loader, the command decoder and the log reader.
 *
 * Reading: every getter takes the object, a key, the object's JSON path (for
 * messages, may be "" for the root) and an error to fill.  It returns true on
 * success; on failure it fills *err (code + "path.key" + a sentence) and leaves
 * *out untouched.  Codes: absent or wrong JSON type -> E_FIELD; a number that
 * is not an integer, beyond +-2^53 or outside [min, max] -> E_AMOUNT; a string
 * too long or an id with bad characters -> E_RANGE; a rate that is not
 * "num/den" -> E_FIELD, den == 0 or beyond the limits -> E_AMOUNT.
 *
 * Numbers: cJSON keeps every number as an IEEE binary64.  We never convert it
 * with arithmetic: the integer is decoded exactly from its bits, so 2.5, 1e300,
 * NaN and 2^53 are all rejected and nothing is rounded.
 *
 * Writing: integers are emitted as raw decimal text (cJSON_CreateRaw), so no
 * binary64 ever appears on the way out either.  Rates are written "num/den". */
#ifndef SHAPAN_JSONUTIL_H
#define SHAPAN_JSONUTIL_H

#include <cjson/cJSON.h>

#include "shapan/types.h"

/* Largest magnitude accepted by the integer readers: 2^53 - 1. */
#define SHAPAN_JSON_INT_MAX INT64_C(9007199254740991)
/* Limits of a rate's numerator and denominator (keeps x * num in int64 for x <= 1e9). */
#define SHAPAN_JSON_RATE_MAX INT64_C(1000000000)

/* Parses text[0..len) (need not be NUL-terminated).  Rejects trailing
 * non-whitespace.  On failure returns NULL with E_JSON and where = "line N"
 * (1-based, the line of the offending character).  Caller frees with cJSON_Delete. */
cJSON *shapan_json_parse(const char *text, size_t len, ShapanError *err);

/* Paths: buf = path + "." + key (or key when path is ""), buf = path + "[i]". */
/* The decimal text of v in buf (24 bytes); returns where it starts in buf. */
const char *shapan_json_int_text(int64_t v, char buf[24]);
void shapan_json_path_key(char *buf, size_t cap, const char *path, const char *key);
void shapan_json_path_index(char *buf, size_t cap, const char *path, int index);

/* Exact integer value of a number item; where names it in the error. */
bool shapan_json_int_value(const cJSON *item, int64_t min, int64_t max, int64_t *out,
                           const char *where, ShapanError *err);
/* Required integer field obj[key] in [min, max]. */
bool shapan_json_int(const cJSON *obj, const char *key, int64_t min, int64_t max, int64_t *out,
                     const char *path, ShapanError *err);
/* Optional: *out = dflt when the key is absent (or JSON null). */
bool shapan_json_int_opt(const cJSON *obj, const char *key, int64_t min, int64_t max, int64_t dflt,
                         int64_t *out, const char *path, ShapanError *err);
/* Same for an int-typed destination (min/max must fit in int). */
bool shapan_json_int32(const cJSON *obj, const char *key, int min, int max, int *out,
                       const char *path, ShapanError *err);
bool shapan_json_int32_opt(const cJSON *obj, const char *key, int min, int max, int dflt, int *out,
                           const char *path, ShapanError *err);

bool shapan_json_bool(const cJSON *obj, const char *key, bool *out, const char *path,
                      ShapanError *err);
bool shapan_json_bool_opt(const cJSON *obj, const char *key, bool dflt, bool *out, const char *path,
                          ShapanError *err);

/* String field copied into out[cap] (NUL-terminated); longer than cap-1 bytes -> E_RANGE. */
bool shapan_json_string(const cJSON *obj, const char *key, char *out, size_t cap, const char *path,
                        ShapanError *err);
bool shapan_json_string_opt(const cJSON *obj, const char *key, const char *dflt, char *out,
                            size_t cap, const char *path, ShapanError *err);
/* An id: 1..cap-1 characters from [A-Za-z0-9_.-]. */
bool shapan_json_id(const cJSON *obj, const char *key, char *out, size_t cap, const char *path,
                    ShapanError *err);
/* Checks an id string held by an item (e.g. an array element or an object key). */
bool shapan_json_id_text(const char *s, size_t cap, const char *where, ShapanError *err);

/* A rate: the string "num/den" (decimal digits, 0 <= num, 0 < den, both <=
 * SHAPAN_JSON_RATE_MAX) or a plain non-negative integer n meaning n/1. */
bool shapan_json_rate_value(const cJSON *item, ShapanRate *out, const char *where,
                            ShapanError *err);
bool shapan_json_rate(const cJSON *obj, const char *key, ShapanRate *out, const char *path,
                      ShapanError *err);
bool shapan_json_rate_opt(const cJSON *obj, const char *key, ShapanRate dflt, ShapanRate *out,
                          const char *path, ShapanError *err);

/* Field of a given container type: NULL with E_FIELD when absent or mistyped.
 * The _opt forms return NULL without an error when the key is absent or null,
 * and NULL with an error (*bad = true) when it is present but mistyped. */
const cJSON *shapan_json_array(const cJSON *obj, const char *key, const char *path,
                               ShapanError *err);
const cJSON *shapan_json_object(const cJSON *obj, const char *key, const char *path,
                                ShapanError *err);
const cJSON *shapan_json_array_opt(const cJSON *obj, const char *key, const char *path, bool *bad,
                                   ShapanError *err);
const cJSON *shapan_json_object_opt(const cJSON *obj, const char *key, const char *path, bool *bad,
                                    ShapanError *err);

/* Reports keys of obj that are not in allowed[] (NULL-terminated) and keys
 * that appear twice (cJSON keeps both; readers see the first), both E_FIELD.
 * Fills up to max_errs errors and returns how many problems there were. */
int shapan_json_check_keys(const cJSON *obj, const char *const *allowed, const char *path,
                           ShapanError *errs, int max_errs);

/* Writing.  All return false only when cJSON runs out of memory. */
cJSON *shapan_json_new_int(int64_t v);
bool shapan_json_add_int(cJSON *obj, const char *key, int64_t v);
bool shapan_json_add_rate(cJSON *obj, const char *key, ShapanRate r);
bool shapan_json_add_string(cJSON *obj, const char *key, const char *s);
bool shapan_json_add_bool(cJSON *obj, const char *key, bool b);
/* "num/den" into buf (at least 48 bytes). */
void shapan_json_rate_text(ShapanRate r, char *buf, size_t cap);

#endif
