/* The state hash, field-by-field comparison and the invariant check.  One walker
 * visits every field in a canonical order; the hash, the comparison and the
 * path of a difference are all sinks of that walker (never raw struct bytes). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "team/common.h"

typedef enum { SINK_HASH, SINK_COLLECT, SINK_NAME } SinkMode;

typedef struct {
    SinkMode mode;
    uint64_t h;
    int64_t *vals;
    size_t n, cap;
    size_t want; /* SINK_NAME: index whose path to write */
    char *path;
    size_t pathlen;
} Sink;

static void emit_slow(Sink *s, int64_t v, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void emit_slow(Sink *s, int64_t v, const char *fmt, ...)
{
    switch (s->mode) {
    case SINK_HASH: break; /* EMIT hashes inline */
    case SINK_COLLECT:
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 4096;
            int64_t *nv = realloc(s->vals, cap * sizeof *nv);
            if (!nv)
                return;
            s->vals = nv;
            s->cap = cap;
        }
        s->vals[s->n] = v;
        break;
    case SINK_NAME:
        if (s->n == s->want) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(s->path, s->pathlen, fmt, ap);
            va_end(ap);
        }
        break;
    }
    s->n++;
}

/* The hash is the hot sink (every checkpoint): one inline step, and the path
 * arguments are never evaluated for it.  One 64-bit FNV-style step per field,
 * with a fold so high bits mix down. */
static inline void hash_step(Sink *s, int64_t v)
{
    s->h = (s->h ^ (uint64_t)v) * 0x100000001B3ull;
    s->h ^= s->h >> 32;
    s->n++;
}

#define EMIT(s, v, ...)                                                                            \
    ((s)->mode == SINK_HASH ? hash_step((s), (int64_t)(v))                                         \
                            : emit_slow((s), (int64_t)(v), __VA_ARGS__))

static void walk_team(Sink *s, const char *who, int ti, const ShapanTeam *t, int nm, int np,
                      int nmk, int niso)
{
#define F(field) EMIT(s, (int64_t)t->field, "%s[%d]." #field, who, ti)
#define FA(field, n)                                                                               \
    for (int i_ = 0; i_ < (n); i_++)                                                               \
    EMIT(s, (int64_t)t->field[i_], "%s[%d]." #field "[%d]", who, ti, i_)
    F(bankrupt);
    F(year);
    F(quarter);
    F(stage);
    F(bankrupt_year);
    F(bankrupt_quarter);
    F(closed_year);
    F(ads_rank);
    F(cash);
    FA(materials, nm);
    FA(products, np);
    /* sparse by quarter: only what is on order or owed, each with its place */
    static const int32_t none[SHAPAN_MAX_MATERIALS];
    for (int q = 0; q < SHAPAN_MAX_QUARTERS; q++) {
        if (memcmp(t->arrivals[q], none, sizeof none) == 0)
            continue; /* most quarters order nothing: one compare of the row */
        for (int m = 0; m < nm; m++)
            if (t->arrivals[q][m]) {
                EMIT(s, q * SHAPAN_MAX_MATERIALS + m, "%s[%d].arrivals[%d][%d].at", who, ti, q, m);
                EMIT(s, t->arrivals[q][m], "%s[%d].arrivals[%d][%d]", who, ti, q, m);
            }
    }
    EMIT(s, -1, "%s[%d].arrivals.end", who, ti);
    for (int q = 0; q < SHAPAN_MAX_QUARTERS; q++)
        if (t->recv[q]) {
            EMIT(s, q, "%s[%d].recv[%d].at", who, ti, q);
            EMIT(s, t->recv[q], "%s[%d].recv[%d]", who, ti, q);
        }
    EMIT(s, -1, "%s[%d].recv.end", who, ti);
    F(nplants);
    for (int i = 0; i < t->nplants; i++) {
        const ShapanPlant *p = &t->plants[i];
        EMIT(s, p->type, "%s[%d].plants[%d].type", who, ti, i);
        EMIT(s, p->status, "%s[%d].plants[%d].status", who, ti, i);
        EMIT(s, p->rent_aq, "%s[%d].plants[%d].rent_aq", who, ti, i);
    }
    F(nlines);
    for (int i = 0; i < t->nlines; i++) {
        const ShapanLine *l = &t->lines[i];
#define L(field) EMIT(s, (int64_t)l->field, "%s[%d].lines[%d]." #field, who, ti, i)
        L(type);
        L(plant);
        L(product);
        L(status);
        L(paid_n);
        L(convert_left);
        L(wip_left);
        L(wip_product);
        L(last_invest_aq);
        L(completed_year);
        L(paid);
        L(book);
#undef L
    }
    F(nloans);
    for (int i = 0; i < t->nloans; i++) {
        EMIT(s, t->loans[i].principal, "%s[%d].loans[%d].principal", who, ti, i);
        EMIT(s, t->loans[i].due, "%s[%d].loans[%d].due", who, ti, i);
        EMIT(s, t->loans[i].is_short, "%s[%d].loans[%d].is_short", who, ti, i);
    }
    F(nheld);
    for (int i = 0; i < t->nheld; i++) {
        const ShapanHeld *h = &t->held[i];
        EMIT(s, h->order, "%s[%d].held[%d].order", who, ti, i);
        EMIT(s, h->status, "%s[%d].held[%d].status", who, ti, i);
        EMIT(s, h->delivery, "%s[%d].held[%d].delivery", who, ti, i);
        EMIT(s, h->term, "%s[%d].held[%d].term", who, ti, i);
        EMIT(s, h->price, "%s[%d].held[%d].price", who, ti, i);
    }
    FA(rnd_paid, np);
    FA(rnd_last_aq, np);
    FA(qualified, np);
    FA(market_paid, nmk);
    FA(market_last_year, nmk);
    FA(market_held, nmk);
    FA(iso_paid, niso);
    FA(iso_last_year, niso);
    FA(iso_held, niso);
    for (int m = 0; m < nmk; m++)
        for (int p = 0; p < np; p++)
            EMIT(s, t->ads[m][p], "%s[%d].ads[%d][%d]", who, ti, m, p);
    FA(sales, nmk);
    FA(sales_prev, nmk);
    FA(defaulted, nmk);
    FA(defaulted_prev, nmk);
    F(tax_payable);
    F(loss_pool);
    F(bid_wins);
    F(equity_closed);
#undef F
#undef FA
}

static void walk(Sink *s, const ShapanWorld *w)
{
    const ShapanScenario *sc = w->sc;
    int nm = sc->nmaterials, np = sc->nproducts, nmk = sc->nmarkets, niso = sc->nisos;
    EMIT(s, (int64_t)sc->digest, "scenario.digest");
    EMIT(s, (int64_t)w->seed, "seed");
    for (int i = 0; i < 4; i++)
        EMIT(s, (int64_t)w->rng.s[i], "rng[%d]", i);
    EMIT(s, w->nteams, "nteams");
    EMIT(s, w->seq, "seq");
    for (int ti = 0; ti < w->nteams; ti++) {
        walk_team(s, "teams", ti, w->teams[ti], nm, np, nmk, niso);
        Journal *j = &w->journal[ti]; /* the digest's cache is not state */
        EMIT(s, j->n, "ledger[%d].n", ti);
        if (s->mode == SINK_HASH) {
            /* the running digest stands for every entry */
            EMIT(s, (int64_t)journal_digest(j), "ledger[%d].digest", ti);
        } else
            for (int i = 0; i < j->n; i++) {
                const ShapanEntry *e = &j->e[i];
                int64_t packed = ((int64_t)e->year << 40) | ((int64_t)e->quarter << 32) |
                                 ((int64_t)e->stage << 24) | ((int64_t)e->debit << 16) |
                                 ((int64_t)e->credit << 8);
                EMIT(s, packed, "ledger[%d][%d].kind", ti, i);
                EMIT(s, e->detail, "ledger[%d][%d].detail", ti, i);
                EMIT(s, e->seq, "ledger[%d][%d].seq", ti, i);
                EMIT(s, e->amount, "ledger[%d][%d].amount", ti, i);
            }
        const UndoStack *u = &w->undo[ti];
        EMIT(s, u->n, "undo[%d].n", ti);
        for (int i = 0; i < u->n; i++) {
            EMIT(s, u->s[i].journal_len, "undo[%d][%d].journal_len", ti, i);
            walk_team(s, "undo", ti * 1000 + i, u->s[i].team, nm, np, nmk, niso);
        }
        EMIT(s, w->spied_target[ti], "spied_target[%d]", ti);
        if (w->spied[ti])
            walk_team(s, "spied", ti, w->spied[ti], nm, np, nmk, niso);
    }
    for (int i = 0; i < sc->norders; i++) {
        EMIT(s, w->order_owner[i], "orders[%d].owner", i);
        EMIT(s, w->order_state[i], "orders[%d].state", i);
    }
    for (int y = 0; y <= SHAPAN_MAX_YEARS + 1; y++) {
        EMIT(s, w->ads_count[y], "ads_count[%d]", y);
        EMIT(s, w->meeting_done[y], "meeting_done[%d]", y);
    }
    EMIT(s, w->meet_phase, "meet_phase");
    EMIT(s, w->meet_year, "meet_year");
    EMIT(s, w->meet_live, "meet_live");
    EMIT(s, w->bid_total, "bid_total");
    EMIT(s, w->bid_next, "bid_next");
    EMIT(s, w->bid_n, "bid_n");
    for (int g = 0; g < w->bid_n; g++) {
        EMIT(s, w->bid_orders[g], "bid_orders[%d]", g);
        EMIT(s, w->bid_eligible[g], "bid_eligible[%d]", g);
        for (int ti = 0; ti < w->nteams; ti++) {
            const ShapanBid *b = &w->bids[g][ti];
            EMIT(s, b->state, "bids[%d][%d].state", g, ti);
            EMIT(s, b->seq, "bids[%d][%d].seq", g, ti);
            EMIT(s, b->price, "bids[%d][%d].price", g, ti);
            EMIT(s, b->delivery, "bids[%d][%d].delivery", g, ti);
            EMIT(s, b->term, "bids[%d][%d].term", g, ti);
        }
    }
    if (w->meet_phase == MEET_CELLS)
        for (int m = 0; m < nmk; m++)
            for (int p = 0; p < np; p++) {
                const ShapanCell *c = &w->cells[m][p];
                EMIT(s, c->nranked, "cells[%d][%d].nranked", m, p);
                EMIT(s, c->turn, "cells[%d][%d].turn", m, p);
                EMIT(s, c->done, "cells[%d][%d].done", m, p);
                for (int k = 0; k < c->nranked; k++) {
                    EMIT(s, c->ranked[k], "cells[%d][%d].ranked[%d]", m, p, k);
                    EMIT(s, c->picks[k], "cells[%d][%d].picks[%d]", m, p, k);
                }
            }
}

uint64_t shapan_world_hash(const ShapanWorld *w)
{
    Sink s = {.mode = SINK_HASH, .h = 0xCBF29CE484222325ull};
    walk(&s, w);
    return s.h;
}

bool shapan_world_equal(const ShapanWorld *a, const ShapanWorld *b, char *buf, size_t n)
{
    Sink sa = {.mode = SINK_COLLECT}, sb = {.mode = SINK_COLLECT};
    walk(&sa, a);
    walk(&sb, b);
    size_t diff = SIZE_MAX;
    size_t lim = sa.n < sb.n ? sa.n : sb.n;
    for (size_t i = 0; i < lim && sa.vals && sb.vals; i++)
        if (sa.vals[i] != sb.vals[i]) {
            diff = i;
            break;
        }
    if (diff == SIZE_MAX && sa.n != sb.n)
        diff = lim;
    free(sa.vals);
    free(sb.vals);
    if (diff == SIZE_MAX)
        return true;
    if (buf && n) {
        snprintf(buf, n, "(end of state)");
        Sink name = {.mode = SINK_NAME, .want = diff, .path = buf, .pathlen = n};
        walk(&name, a);
    }
    return false;
}

/* Every balance-sheet account must equal what the board holds. */
ShapanErrorCode shapan_world_verify(const ShapanWorld *w, ShapanError *err)
{
    const ShapanScenario *sc = w->sc;
    for (int ti = 0; ti < w->nteams; ti++) {
        const ShapanTeam *t = w->teams[ti];
        int64_t s[SHAPAN_ACC_COUNT];
        ledger_sums(w->journal[ti].e, w->journal[ti].n, NULL, 0, 1 << 14, -1, s);
        /* the per-year sums statements read must be the entries', their total too,
         * and the rows above the journal's top zero */
        for (int a = 0; a < SHAPAN_ACC_COUNT; a++)
            if (s[a] != w->journal[ti].total[a])
                return shapan_error_set(err, SHAPAN_E_INTERNAL,
                                        shapan_account_name((ShapanAccount)a),
                                        "Team %d: the kept total of %s is %lld, the entries "
                                        "give %lld.",
                                        ti + 1, shapan_account_name((ShapanAccount)a),
                                        (long long)w->journal[ti].total[a], (long long)s[a]);
        for (int y = 0; y < JOURNAL_YEARS; y++) {
            int64_t one[SHAPAN_ACC_COUNT];
            ledger_sums(w->journal[ti].e, w->journal[ti].n, NULL, 0, y, y, one);
            for (int a = 0; a < SHAPAN_ACC_COUNT; a++)
                if (one[a] != w->journal[ti].sums[y][a] || (y > w->journal[ti].top && one[a] != 0))
                    return shapan_error_set(
                        err, SHAPAN_E_INTERNAL, shapan_account_name((ShapanAccount)a),
                        "Team %d: the kept sum of %s for year %d is %lld, the "
                        "entries give %lld.",
                        ti + 1, shapan_account_name((ShapanAccount)a), y,
                        (long long)w->journal[ti].sums[y][a], (long long)one[a]);
        }
        int64_t board[SHAPAN_ACC_COUNT] = {0};
        board[SHAPAN_ACC_CASH] = t->cash;
        for (int q = 0; q < SHAPAN_MAX_QUARTERS; q++)
            board[SHAPAN_ACC_RECEIVABLES] += t->recv[q];
        for (int m = 0; m < sc->nmaterials; m++)
            board[SHAPAN_ACC_MATERIALS] += t->materials[m] * sc->materials[m].price;
        for (int p = 0; p < sc->nproducts; p++)
            board[SHAPAN_ACC_FINISHED] += t->products[p] * sc->products[p].direct_cost;
        for (int i = 0; i < t->nplants; i++)
            if (t->plants[i].status == SHAPAN_PLANT_OWNED)
                board[SHAPAN_ACC_PLANTS] += sc->plant_types[t->plants[i].type].buy;
        for (int i = 0; i < t->nlines; i++) {
            const ShapanLine *l = &t->lines[i];
            if (l->wip_left > 0)
                board[SHAPAN_ACC_WIP] += sc->products[l->wip_product].direct_cost;
            if (l->status == SHAPAN_LINE_BUILDING)
                board[SHAPAN_ACC_CONSTRUCTION] += l->paid;
            else if (l->status != SHAPAN_LINE_SOLD)
                board[SHAPAN_ACC_MACHINERY] += l->book;
        }
        for (int i = 0; i < t->nloans; i++)
            board[t->loans[i].is_short ? SHAPAN_ACC_SHORT_LOANS : SHAPAN_ACC_LONG_LOANS] +=
                t->loans[i].principal;
        board[SHAPAN_ACC_TAX_PAYABLE] = t->tax_payable;
        for (int a = SHAPAN_ACC_CASH; a <= SHAPAN_ACC_TAX_PAYABLE; a++) {
            if (a == SHAPAN_ACC_SPECIAL_LOANS)
                continue;
            if (s[a] != board[a])
                return shapan_error_set(
                    err, SHAPAN_E_INTERNAL, shapan_account_name((ShapanAccount)a),
                    "Team %d: the ledger says %s = %lld, the board %lld.", ti + 1,
                    shapan_account_name((ShapanAccount)a), (long long)s[a], (long long)board[a]);
        }
        if (s[SHAPAN_ACC_OPENING] != 0)
            return shapan_error_set(err, SHAPAN_E_INTERNAL, "opening",
                                    "Team %d: the opening balances do not balance (%lld).", ti + 1,
                                    (long long)s[SHAPAN_ACC_OPENING]);
        if (t->cash < 0)
            return shapan_error_set(err, SHAPAN_E_INTERNAL, "cash", "Team %d: negative cash.",
                                    ti + 1);
        ShapanStatement closed;
        shapan_statement(w, ti + 1, t->closed_year, &closed);
        if (closed.balance[SHAPAN_BAL_EQUITY] != t->equity_closed)
            return shapan_error_set(err, SHAPAN_E_INTERNAL, "equity_closed",
                                    "Team %d: equity at the end of year %d is %lld, the board "
                                    "keeps %lld.",
                                    ti + 1, t->closed_year,
                                    (long long)closed.balance[SHAPAN_BAL_EQUITY],
                                    (long long)t->equity_closed);
        ShapanStatement st;
        shapan_statement(w, ti + 1, t->year + 1, &st);
        if (st.balance[SHAPAN_BAL_ASSETS_TOTAL] != st.balance[SHAPAN_BAL_TOTAL])
            return shapan_error_set(err, SHAPAN_E_INTERNAL, "balance",
                                    "Team %d: assets %lld != liabilities + equity %lld.", ti + 1,
                                    (long long)st.balance[SHAPAN_BAL_ASSETS_TOTAL],
                                    (long long)st.balance[SHAPAN_BAL_TOTAL]);
    }
    return SHAPAN_OK;
}
