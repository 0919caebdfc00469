/* Private to catalogue/: the loader's context and its passes.
 *
 * The loader runs in passes so that every problem can be reported with its JSON
 * path (STYLE.md habit 7): pass 1 reads the catalogue and registers ids, pass 2
 * resolves cross-references (BOMs, forecast, orders, opening company), pass 3
 * derives what depends on everything (direct costs, the opening balance check,
 * the digest).  A pass never stops at an error; a value that failed to load
 * stays zero and later checks that would only repeat the problem are skipped. */
#ifndef SHAPAN_CATALOGUE_LOADER_H
#define SHAPAN_CATALOGUE_LOADER_H

#include "catalogue/jsonutil.h"
#include "shapan/scenario.h"

/* Upper bounds for amounts in a scenario: large enough for any game, small
 * enough that qty * price * rate stays far inside int64. */
#define CAT_MONEY_MAX INT64_C(1000000000)
#define CAT_QTY_MAX INT64_C(1000000)
#define CAT_POINTS_MAX 1000
#define CAT_QUARTERS_MAX 32

typedef struct {
    ShapanScenario *sc;
    ShapanError *errs;
    int max_errs;
    int nerrs;
    bool bad_costs; /* a material price or a BOM failed: skip checks built on direct costs */
} CatLoader;

void cat_push(CatLoader *ld, const ShapanError *e);
void cat_error(CatLoader *ld, ShapanErrorCode code, const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Unknown and duplicate keys of obj (allowed is NULL-terminated; NULL = duplicates only). */
void cat_keys(CatLoader *ld, const cJSON *obj, const char *const *allowed, const char *path);

/* Wrappers over jsonutil that record the error in the loader. */
bool cat_int(CatLoader *ld, const cJSON *o, const char *key, int64_t min, int64_t max, int64_t *out,
             const char *path);
bool cat_int_opt(CatLoader *ld, const cJSON *o, const char *key, int64_t min, int64_t max,
                 int64_t dflt, int64_t *out, const char *path);
bool cat_i32(CatLoader *ld, const cJSON *o, const char *key, int min, int max, int *out,
             const char *path);
bool cat_i32_opt(CatLoader *ld, const cJSON *o, const char *key, int min, int max, int dflt,
                 int *out, const char *path);
bool cat_bool_opt(CatLoader *ld, const cJSON *o, const char *key, bool dflt, bool *out,
                  const char *path);
bool cat_string_opt(CatLoader *ld, const cJSON *o, const char *key, const char *dflt, char *out,
                    size_t cap, const char *path);
bool cat_id(CatLoader *ld, const cJSON *o, const char *key, char *out, size_t cap,
            const char *path);
bool cat_rate_opt(CatLoader *ld, const cJSON *o, const char *key, ShapanRate dflt, ShapanRate *out,
                  const char *path);
const cJSON *cat_array(CatLoader *ld, const cJSON *o, const char *key, const char *path);
const cJSON *cat_array_opt(CatLoader *ld, const cJSON *o, const char *key, const char *path);
const cJSON *cat_object_opt(CatLoader *ld, const cJSON *o, const char *key, const char *path);
/* Resolves o[key] (a string id) with lookup; E_FIELD if absent, E_UNKNOWN_ID
 * naming `what` if not found.  Returns the index or -1. */
int cat_ref(CatLoader *ld, const cJSON *o, const char *key, const char *path, const char *what,
            int (*lookup)(const ShapanScenario *, const char *));
/* Number of elements of an array, capped at cap with one E_CAPACITY at path. */
int cat_count(CatLoader *ld, const cJSON *arr, int cap, const char *path, const char *what);

/* Passes (catalogue.c, book.c, opening.c). */
void cat_load_catalogue(CatLoader *ld, const cJSON *root); /* pass 1: ids and fields */
void cat_load_boms(CatLoader *ld, const cJSON *root);      /* pass 2: BOMs, cycles, costs */
void cat_load_forecast(CatLoader *ld, const cJSON *root);  /* pass 2 */
void cat_load_orders(CatLoader *ld, const cJSON *root);    /* pass 2 */
void cat_load_opening(CatLoader *ld, const cJSON *root);   /* pass 2 + balance check */

/* Canonical JSON tree of a scenario (write.c); NULL when out of memory. */
cJSON *cat_to_tree(const ShapanScenario *sc);
/* Canonical text, laid out one catalogue entry / order per line (write.c). */
char *cat_print(const cJSON *tree);

#endif
