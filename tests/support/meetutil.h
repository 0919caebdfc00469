/* Helpers for the meeting, bid, golden and random tests: a scenario with a
 * hand-made order book, a team's way through year 1, the state of the meeting.
 * Commands and their checked apply are boardutil.h's (TU_OK, TU_FAIL, tu_apply). */
#ifndef SHAPAN_MEETUTIL_H
#define SHAPAN_MEETUTIL_H

#include "boardutil.h"

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

/* Replaces the scenario's order book with `n` orders (n may be 0). */
void mu_book(ShapanScenario *sc, const MuOrder *orders, int n);
/* The default scenario with its book replaced by `orders`; caller frees. */
ShapanScenario *mu_load_book(const MuOrder *orders, int n);
#define MU_LOAD_BOOK(book) mu_load_book((book), (int)(sizeof(book) / sizeof((book)[0])))

/* Plays `team` through year 1 to year_start of year 2: R&D of `products` (space
 * separated; 2-quarter products in Q3 and Q4, others in Q4), development of `markets`
 * and `isos` in Q4 S5.  Any list may be "" . */
void mu_year1(ShapanWorld *w, int team, const char *products, const char *markets,
              const char *isos);
/* A world of `nteams` on sc, every team played through year 1 with the same
 * `products` and `markets` (no ISO): all stand at the year start of year 2. */
ShapanWorld *mu_start(const ShapanScenario *sc, int nteams, const char *products,
                      const char *markets);

/* `next` for `team` until it stands at (year, quarter, stage); quarter is ignored
 * for year_start/meeting/long_loan. */
void mu_to(ShapanWorld *w, int team, int year, int quarter, ShapanStage stage);
/* From anywhere in a year (after its meeting) to year_start of the next year,
 * developing `markets` and `isos` in Q4 S5 on the way. */
void mu_finish_year(ShapanWorld *w, int team, const char *markets, const char *isos);

/* Whose turn it is in a cell (1-based team, 0 closed). */
int mu_turn(const ShapanWorld *w, const char *market, const char *product);
/* Owner of an order (1-based team, 0 none) and its state. */
int mu_owner(const ShapanWorld *w, const char *order);
ShapanOrderState mu_state(const ShapanWorld *w, const char *order);

#endif
