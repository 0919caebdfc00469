/* Helpers for the meeting, golden and random tests: scenario with a hand-made
 * order book, commands written as compact JSON, and the invariants every
 * command must keep (check == apply, a rejection changes nothing, verify). */
#ifndef SHAPAN_MEETUTIL_H
#define SHAPAN_MEETUTIL_H

#include "testutil.h"

#include "shapan/command.h"

/* One order of a hand-made book; ids are the rulebook's. iso: bit 0 ISO9000, bit 1 ISO14000. */
typedef struct {
    const char *id;
    int year;
    const char *market, *product;
    int qty;
    int64_t price; /* 0 for a bid order */
    int delivery, term;
    unsigned iso;
    bool bid;
} MuOrder;

/* The default scenario (scenarios/standard-base.json); caller frees. */
ShapanScenario *mu_load(void);
/* Replaces the scenario's order book with `n` orders (n may be 0). */
void mu_book(ShapanScenario *sc, const MuOrder *orders, int n);
ShapanWorld *mu_world(const ShapanScenario *sc, int nteams);

/* Applies one command with every invariant checked: shapan_cmd_check's verdict
 * equals shapan_cmd_apply's, check never changes the hash, a rejected command
 * leaves the hash unchanged, shapan_world_verify holds afterwards. */
ShapanErrorCode mu_apply(ShapanWorld *w, const ShapanCommand *c, ShapanError *err);
/* Printed with every invariant failure (e.g. "seed 3 step 812"); empty by default. */
extern char mu_context[160];

/* Commands as JSON with ' for " ("{'cmd':'pick','team':1,'order':'A1'}"), printf-style.
 * A command that does not decode returns the decoder's code. */
ShapanErrorCode mu_try(ShapanWorld *w, ShapanError *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void mu_ok_at(const char *file, int line, ShapanWorld *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
void mu_fail_at(const char *file, int line, ShapanWorld *w, ShapanErrorCode want,
                const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
#define MU_OK(w, ...) mu_ok_at(__FILE__, __LINE__, (w), __VA_ARGS__)
#define MU_FAIL(w, code, ...) mu_fail_at(__FILE__, __LINE__, (w), (code), __VA_ARGS__)

/* `next` for `team`, n times. */
void mu_next(ShapanWorld *w, int team, int n);
/* Plays `team` through year 1 to year_start of year 2: R&D of `products` (space
 * separated; 2-quarter products in Q3 and Q4, others in Q4), development of `markets`
 * and `isos` in Q4 S5.  Any list may be "" . */
void mu_year1(ShapanWorld *w, int team, const char *products, const char *markets,
              const char *isos);

/* `next` for `team` until it stands at (year, quarter, stage); quarter is ignored
 * for year_start/meeting/long_loan. */
void mu_to(ShapanWorld *w, int team, int year, int quarter, ShapanStage stage);
/* From anywhere in a year (after its meeting) to year_start of the next year,
 * developing `markets` and `isos` in Q4 S5 on the way. */
void mu_finish_year(ShapanWorld *w, int team, const char *markets, const char *isos);

const ShapanTeam *mu_team(const ShapanWorld *w, int team);
int64_t mu_cash(const ShapanWorld *w, int team);
ShapanStage mu_stage(const ShapanWorld *w, int team);
int mu_order(const ShapanWorld *w, const char *id); /* scenario index, asserts it exists */
int mu_market(const ShapanWorld *w, const char *id);
int mu_product(const ShapanWorld *w, const char *id);
/* Whose turn it is in a cell (1-based team, 0 closed). */
int mu_turn(const ShapanWorld *w, const char *market, const char *product);
/* Owner of an order (1-based team, 0 none) and its state. */
int mu_owner(const ShapanWorld *w, const char *order);
ShapanOrderState mu_state(const ShapanWorld *w, const char *order);

#endif
