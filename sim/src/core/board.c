/* Boards by pointer: the pool of spare team boards and the command scratch
 * (see internal.h). */
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

ShapanTeam *board_take(BoardPool *p)
{
    if (!POOL_RECYCLES)
        return malloc(sizeof(ShapanTeam));
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
    ShapanTeam *b = malloc(sizeof *b);
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
        s->ctx.t = NULL;
        s->valid = false;
    }
    return s;
}

void scratch_destroy(Scratch *s)
{
    if (!s)
        return;
    free(s->ctx.t);
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

#define AT(field) offsetof(ShapanTeam, field)
#define USED(list, n) (AT(list) + sizeof src->list[0] * (size_t)src->n)

void board_copy(ShapanTeam *dst, const ShapanTeam *src)
{
    copy_span(dst, src, 0, USED(plants, nplants));
    copy_span(dst, src, AT(nplants), USED(lines, nlines));
    copy_span(dst, src, AT(nlines), USED(loans, nloans));
    copy_span(dst, src, AT(nloans), USED(held, nheld));
    copy_span(dst, src, AT(nheld), sizeof *src);
}
