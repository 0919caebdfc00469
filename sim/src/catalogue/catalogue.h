/* Catalogue helpers for the other sim/ modules (private to sim/). */
#ifndef SHAPAN_CATALOGUE_H
#define SHAPAN_CATALOGUE_H

#include "shapan/scenario.h"

/* shapan_scenario_from_json on an already parsed object (the log header's). */
struct cJSON;
ShapanScenario *shapan_scenario_from_tree(const struct cJSON *root, ShapanError *errs, int max_errs,
                                          int *nerrs);

/* 64-bit FNV-1a of every value shapan_scenario_to_json(sc) writes, with its key,
 * in the same order (the writer's digest mode: no text is built); what the
 * loader stores in sc->digest.  Code that changes a loaded scenario
 * (the order-book generator) calls it again to refresh the digest.  Never 0. */
uint64_t shapan_catalogue_digest(const ShapanScenario *sc);
/* Rebuilds sc->order_index (orders sorted by id) after the book changed. */
void shapan_catalogue_index(ShapanScenario *sc);

/* 64-bit FNV-1a of len bytes, continuing from h (start with SHAPAN_FNV_OFFSET). */
#define SHAPAN_FNV_OFFSET UINT64_C(0xcbf29ce484222325)
uint64_t shapan_fnv1a(uint64_t h, const void *data, size_t len);

#endif
