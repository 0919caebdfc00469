/* Boards by pointer: the pool of spare team boards and the command scratch
 * (see internal.h). */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

/* Under AddressSanitizer a board given back is freed and a board taken is new,
 * so a board pointer kept across an apply is a use-after-free the sanitizer
 * reports instead of a silent read of a recycled board. */
#if defined(POOL_RECYCLES)
/* set by the build (-DPOOL_RECYCLES=0: every board fresh, for valgrind's memcheck) */
#elif defined(__SANITIZE_ADDRESS__)
#define POOL_RECYCLES 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_RECYCLES 0
#endif
#endif
#ifndef POOL_RECYCLES
#define POOL_RECYCLES 1
#endif

void board_clear(ShapanTeam *b)
{
    /* in two spans of under 2 KB each: glibc clears a longer one with rep stosb */
    memset(b, 0, offsetof(ShapanTeam, arrivals));
    memset(b->arrivals, 0, offsetof(ShapanTeam, lines) - offsetof(ShapanTeam, arrivals));
}

/* A new board, zero up to its lists: board_copy skips the rows of arrivals and recv
 * outside both boards' windows (from their position), so they must be zero in the
 * destination too. */
static ShapanTeam *board_new(void)
{
    ShapanTeam *b = malloc(sizeof *b);
    if (b)
        board_clear(b);
    return b;
}

ShapanTeam *board_take(BoardPool *p)
{
    if (!POOL_RECYCLES)
        return board_new();
    if (p->n > 0)
        return p->free[--p->n];
    if (p->made == p->cap) {
        int cap = p->cap ? p->cap * 2 : 16;
        ShapanTeam **f = realloc(p->free, sizeof *f * (size_t)cap);
        if (!f)
            return NULL;
        p->free = f;
        p->cap = cap;
    }
    ShapanTeam *b = board_new();
    if (b)
        p->made++;
    return b;
}

void board_give(BoardPool *p, ShapanTeam *b)
{
    if (!b)
        return;
    if (!POOL_RECYCLES) {
        free(b);
        return;
    }
    p->free[p->n++] = b; /* room: cap >= made */
}

Scratch *scratch_create(void)
{
    Scratch *s = malloc(sizeof *s); /* the ctx's 15 KB entry buffer needs no zeroing */
    if (s) {
        s->pool = (BoardPool){0};
        s->board = NULL;
        s->ctx.t = NULL;
        s->valid = s->in_place = false;
    }
    return s;
}

void scratch_destroy(Scratch *s)
{
    if (!s)
        return;
    free(s->board);
    for (int i = 0; i < s->pool.n; i++)
        free(s->pool.free[i]);
    free(s->pool.free);
    free(s);
}

/* Bytes [from, to) of the board. */
static void copy_span(ShapanTeam *dst, const ShapanTeam *src, size_t from, size_t to)
{
    memcpy((char *)dst + from, (const char *)src + from, to - from);
}

#define AT(field) BOARD_AT(field)
#define USED(list, n) (AT(list) + sizeof src->list[0] * (size_t)src->n)

/* First row of arrivals and recv that board b may hold non-zero: its own quarter (the
 * rows of past quarters were emptied at their S2 and S4, and a command that fails
 * before doing so doesn't move the board on). */
static int rows_lo(const ShapanTeam *b)
{
    int aq = shapan_aq(b->year, b->quarter);
    return aq < 0 ? 0 : aq > SHAPAN_MAX_QUARTERS ? SHAPAN_MAX_QUARTERS : aq;
}

/* One past the last such row: BOARD_AHEAD past its quarter (a command books at most
 * one quarter past the board's, at S6, and writes at most 4 quarters past its booking
 * date: a material's lead time 1-4, an order's receivable term 0-4, a plant sale's
 * receivable 4; the opening's rows are 0-3 at Y1Q1). */
static int rows_hi(const ShapanTeam *b)
{
    int hi = rows_lo(b) + 1 + BOARD_AHEAD;
    return hi > SHAPAN_MAX_QUARTERS ? SHAPAN_MAX_QUARTERS : hi;
}

#ifndef NDEBUG
/* The rows of b outside [lo, hi) are zero. */
static bool rows_zero_outside(const ShapanTeam *b, int lo, int hi)
{
    for (int q = 0; q < SHAPAN_MAX_QUARTERS; q++) {
        if (q >= lo && q < hi)
            continue;
        if (b->recv[q])
            return false;
        for (int m = 0; m < SHAPAN_MAX_MATERIALS; m++)
            if (b->arrivals[q][m])
                return false;
    }
    return true;
}
#endif

#ifndef NDEBUG
/* The rows of b's ads from market m on are zero. */
static bool ads_zero_from(const ShapanTeam *b, int m)
{
    for (; m < SHAPAN_MAX_MARKETS; m++)
        for (int p = 0; p < SHAPAN_MAX_PRODUCTS; p++)
            if (b->ads[m][p])
                return false;
    return true;
}
#endif

void board_copy(ShapanTeam *dst, const ShapanTeam *src, int nmarkets)
{
    /* the rows either board may hold non-zero; outside them both are zero */
    int lo = rows_lo(src), hi = rows_hi(src);
    int dlo = rows_lo(dst), dhi = rows_hi(dst);
    lo = dlo < lo ? dlo : lo;
    hi = dhi > hi ? dhi : hi;
    assert(rows_zero_outside(src, rows_lo(src), rows_hi(src)));
    assert(rows_zero_outside(dst, dlo, dhi));
    /* the fields, counts included, the plants, whole, and the ads of the scenario's
     * markets: one span (world.h; an ad is only ever set for one of them) */
    assert(nmarkets >= 0 && nmarkets <= SHAPAN_MAX_MARKETS);
    assert(ads_zero_from(src, nmarkets) && ads_zero_from(dst, nmarkets));
    copy_span(dst, src, 0, AT(ads) + sizeof src->ads[0] * (size_t)nmarkets);
    if (lo < hi) {
        size_t a = AT(arrivals) + sizeof src->arrivals[0] * (size_t)lo;
        copy_span(dst, src, a, a + sizeof src->arrivals[0] * (size_t)(hi - lo));
        size_t r = AT(recv) + sizeof src->recv[0] * (size_t)lo;
        copy_span(dst, src, r, r + sizeof src->recv[0] * (size_t)(hi - lo));
    }
    copy_span(dst, src, AT(lines), USED(lines, nlines));
    copy_span(dst, src, AT(loans), USED(loans, nloans));
    copy_span(dst, src, AT(held), USED(held, nheld));
}

ShapanTeam *board_moved(BoardPool *p, ShapanTeam *b)
{
    if (POOL_RECYCLES)
        return b;
    ShapanTeam *n = board_take(p);
    if (!n)
        return b;
    board_copy(n, b, SHAPAN_MAX_MARKETS);
    board_give(p, b);
    return n;
}

#ifndef NDEBUG
bool board_same(const ShapanTeam *a, const ShapanTeam *b)
{
    const ShapanTeam *src = a; /* for USED */
    if (a->nlines != b->nlines || a->nloans != b->nloans || a->nheld != b->nheld)
        return false;
    return !memcmp(a, b, AT(lines)) &&
           !memcmp(a->lines, b->lines, USED(lines, nlines) - AT(lines)) &&
           !memcmp(a->loans, b->loans, USED(loans, nloans) - AT(loans)) &&
           !memcmp(a->held, b->held, USED(held, nheld) - AT(held));
}
#endif
