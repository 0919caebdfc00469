/* The planning rival: one mechanism, many profiles (ai/profile.h). */
#ifndef SHAPAN_AI_PLANNER_H
#define SHAPAN_AI_PLANNER_H

#include "ai/profile.h"

/* The order book indexed for the planners (by year, and by cell for the picks):
 * the same for every planner of a game, so the game makes it once and lends it
 * to them read-only.  plan_book_create returns NULL when out of memory; the
 * caller owns the book and destroys it after every planner reading it. */
typedef struct PlanBook PlanBook;
PlanBook *plan_book_create(const ShapanScenario *sc);
void plan_book_destroy(PlanBook *b);

/* book: made for w's scenario and outliving the planner, or NULL (the planner
 * makes its own). */
void *shapan_planner_create(const ShapanProfile *p, const ShapanWorld *w, int team, uint64_t seed,
                            const PlanBook *book);
void shapan_planner_destroy(void *st);
bool shapan_planner_decide(void *st, const ShapanWorld *w, int team, ShapanCommand *out);
/* shapan_ai_start_profile reading the game's book (as shapan_planner_create). */
bool plan_ai_start(ShapanAi *ai, const ShapanProfile *p, const ShapanWorld *w, int team,
                   uint64_t seed, const PlanBook *book);

#endif
