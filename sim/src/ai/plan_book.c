/* The order book indexed for the planners (ai/planner.h: PlanBook): which part
 * of the book holds each year's orders, and each year's orders up for picks by
 * cell (a pick looks at one cell).  Made once per game, before any planner. */
#include <stdlib.h>
#include <string.h>

#include "ai/plan.h"

PlanBook *plan_book_create(const ShapanScenario *sc)
{
    PlanBook *b = malloc(sizeof *b);
    if (!b)
        return NULL;
    enum { NY = SHAPAN_MAX_YEARS + 2, NCELLS = SHAPAN_MAX_MARKETS * SHAPAN_MAX_PRODUCTS };
    memset(b->year_lo, 0, sizeof b->year_lo);
    memset(b->year_hi, 0, sizeof b->year_hi);
    for (int i = 0; i < sc->norders; i++) {
        int y = sc->orders[i].year;
        if (y < 0 || y >= NY)
            continue;
        if (b->year_hi[y] == 0)
            b->year_lo[y] = i;
        b->year_hi[y] = i + 1;
    }
    /* year by year: counted by cell, then placed in book order (each order's
     * cell, -1 for none, noted in the first pass so the second reads no order) */
    int base = 0;
    int8_t cell[SHAPAN_MAX_ORDERS];
    for (int y = 0; y < NY; y++) {
        int *first = b->cell_first[y];
        memset(first, 0, sizeof b->cell_first[y]);
        int lo = b->year_lo[y], hi = b->year_hi[y];
        for (int i = lo; i < hi; i++) {
            const ShapanOrder *o = &sc->orders[i];
            cell[i - lo] = -1;
            if (o->year == y && !o->bid) {
                cell[i - lo] = (int8_t)(o->market * SHAPAN_MAX_PRODUCTS + o->product);
                first[cell[i - lo] + 1]++;
            }
        }
        first[0] = base;
        for (int k = 0; k < NCELLS; k++)
            first[k + 1] += first[k];
        base = first[NCELLS];
        int fill[NCELLS];
        memcpy(fill, first, sizeof fill);
        for (int i = lo; i < hi; i++)
            if (cell[i - lo] >= 0)
                b->cell_orders[fill[cell[i - lo]]++] = (int16_t)i;
    }
    return b;
}

void plan_book_destroy(PlanBook *b) { free(b); }
