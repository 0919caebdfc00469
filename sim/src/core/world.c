/* World lifecycle, the opening position, views, score. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "team/common.h"

uint64_t journal_mix(uint64_t prev, const ShapanEntry *e)
{
    uint64_t kind = ((uint64_t)(uint16_t)e->year << 40) | ((uint64_t)(uint8_t)e->quarter << 32) |
                    ((uint64_t)(uint8_t)e->stage << 24) | ((uint64_t)e->debit << 16) |
                    ((uint64_t)e->credit << 8);
    uint64_t v[4] = {kind, (uint64_t)(int64_t)e->detail, (uint64_t)(int64_t)e->seq,
                     (uint64_t)e->amount};
    uint64_t h = prev;
    for (int i = 0; i < 4; i++) {
        h = (h ^ v[i]) * 0x100000001B3ull;
        h ^= h >> 32;
    }
    return h;
}

/* Adds entry e to the journal's sums: its year's, the total and the top year. */
static inline void journal_book(Journal *j, const ShapanEntry *e)
{
    int y = e->year;
    if (y < 0 || y >= JOURNAL_YEARS)
        return;
    ledger_add(j->sums[y], e);
    ledger_add(j->total, e);
    if (y > j->top)
        j->top = y;
}

ShapanErrorCode journal_append(Journal *j, const ShapanEntry *e, int n)
{
    if (n <= 0)
        return SHAPAN_OK;
    if (j->n + n > j->cap) {
        int cap = j->cap ? j->cap : 512; /* a team's 5 years are about 400 entries */
        while (cap < j->n + n)
            cap *= 2;
        ShapanEntry *ne = realloc(j->e, sizeof *ne * (size_t)cap);
        if (!ne)
            return SHAPAN_E_INTERNAL;
        j->e = ne;
        uint64_t *np = realloc(j->prefix, sizeof *np * (size_t)cap);
        if (!np)
            return SHAPAN_E_INTERNAL;
        j->prefix = np;
        j->cap = cap;
    }
    /* one or two entries, mostly: copied one by one, not by a call of memcpy */
    for (int i = 0; i < n; i++) {
        j->e[j->n + i] = e[i];
        journal_book(j, &e[i]);
    }
    j->n += n;
    return SHAPAN_OK;
}

uint64_t journal_digest(Journal *j)
{
    for (int i = j->mixed; i < j->n; i++)
        j->prefix[i] = journal_mix(i ? j->prefix[i - 1] : 0xCBF29CE484222325ull, &j->e[i]);
    j->mixed = j->n;
    return j->n ? j->prefix[j->n - 1] : 0;
}

void journal_cut(Journal *j, int n)
{
    j->n = n;
    if (j->mixed > n)
        j->mixed = n;
    memset(j->sums, 0, sizeof j->sums);
    memset(j->total, 0, sizeof j->total);
    j->top = 0;
    for (int i = 0; i < j->n; i++)
        journal_book(j, &j->e[i]);
}

void world_clear_undo(ShapanWorld *w, int ti)
{
    UndoStack *u = &w->undo[ti];
    for (int i = 0; i < u->n; i++)
        board_give(&w->scratch->pool, u->s[i].team);
    u->n = 0;
}

void shapan_world_set_undo(ShapanWorld *w, int team, bool undo)
{
    if (team < 1 || team > w->nteams)
        return;
    w->no_undo[team - 1] = !undo;
    w->scratch->valid = false; /* a kept run was made in the other mode */
    if (!undo)
        world_clear_undo(w, team - 1);
}

void world_clear_all_undo(ShapanWorld *w)
{
    for (int ti = 0; ti < w->nteams; ti++)
        world_clear_undo(w, ti);
}

/* Opening balances as year-0 entries against the opening account, so that the
 * ledger explains every figure of the year-0 statements. */
static ShapanErrorCode open_company(Ctx *c)
{
    const ShapanScenario *sc = c->sc;
    const ShapanOpening *o = &sc->opening;
    ShapanTeam *t = c->t;
    ctx_date_auto(c, 0, 4, SHAPAN_STAGE_S6);
    /* a product that needs no R&D (rnd_quarters 0) is qualified from the start */
    for (int p = 0; p < sc->nproducts; p++)
        if (sc->products[p].rnd_quarters == 0)
            t->qualified[p] = 1;
    if (!o->present) {
        t->cash = sc->capital;
        return ctx_post(c, SHAPAN_ACC_CASH, SHAPAN_ACC_CAPITAL, sc->capital, -1);
    }
    ShapanErrorCode rc;
    const ShapanAccount O = SHAPAN_ACC_OPENING;
    t->cash = o->cash;
    rc = ctx_post(c, SHAPAN_ACC_CASH, O, o->cash, -1);
    for (int s = 0; s < 4 && !rc; s++) {
        t->recv[s] = o->receivables[s];
        rc = ctx_post(c, SHAPAN_ACC_RECEIVABLES, O, o->receivables[s], -1);
    }
    for (int m = 0; m < sc->nmaterials && !rc; m++) {
        t->materials[m] = o->materials[m];
        rc = ctx_post(c, SHAPAN_ACC_MATERIALS, O, o->materials[m] * sc->materials[m].price, m);
        for (int q = 0; q < 4; q++)
            t->arrivals[q][m] = (int32_t)o->arrivals[q][m];
    }
    for (int p = 0; p < sc->nproducts && !rc; p++) {
        t->products[p] = o->products[p];
        t->qualified[p] = (int8_t)(t->qualified[p] || o->qualified[p]);
        if (o->qualified[p])
            t->rnd_paid[p] = (int8_t)sc->products[p].rnd_quarters;
        rc = ctx_post(c, SHAPAN_ACC_FINISHED, O, o->products[p] * sc->products[p].direct_cost, p);
    }
    t->nplants = o->nplants;
    for (int i = 0; i < o->nplants && !rc; i++) {
        t->plants[i].type = (int8_t)o->plants[i].type;
        t->plants[i].status = o->plants[i].owned ? SHAPAN_PLANT_OWNED : SHAPAN_PLANT_RENTED;
        t->plants[i].rent_aq = (int16_t)o->plants[i].rent_start_aq;
        if (o->plants[i].owned)
            rc = ctx_post(c, SHAPAN_ACC_PLANTS, O, sc->plant_types[o->plants[i].type].buy, i);
    }
    t->nlines = o->nlines;
    for (int i = 0; i < o->nlines && !rc; i++) {
        const ShapanOpeningLine *ol = &o->lines[i];
        ShapanLine *l = &t->lines[i];
        const ShapanLineType *lt = &sc->line_types[ol->type];
        *l = (ShapanLine){0};
        l->type = (int8_t)ol->type;
        l->plant = (int8_t)ol->plant;
        l->product = (int8_t)ol->product;
        l->status = SHAPAN_LINE_READY;
        l->paid_n = (int8_t)line_instalments(lt);
        l->paid = lt->total;
        l->last_invest_aq = -1;
        l->completed_year = (int16_t)ol->completed_year;
        l->book = ol->book;
        l->wip_product = -1;
        rc = ctx_post(c, SHAPAN_ACC_MACHINERY, O, ol->book, i);
        if (ol->wip_left > 0 && !rc) {
            l->wip_left = (int8_t)ol->wip_left;
            l->wip_product = (int8_t)ol->product;
            rc = ctx_post(c, SHAPAN_ACC_WIP, O, sc->products[ol->product].direct_cost, i);
        }
    }
    for (int m = 0; m < sc->nmarkets; m++) {
        t->market_held[m] = o->markets[m];
        if (o->markets[m])
            t->market_paid[m] = (int8_t)sc->markets[m].years;
        t->sales_prev[m] = o->sales[m];
    }
    for (int i = 0; i < sc->nisos; i++) {
        t->iso_held[i] = o->isos[i];
        if (o->isos[i])
            t->iso_paid[i] = (int8_t)sc->isos[i].years;
    }
    t->nloans = o->nloans;
    for (int i = 0; i < o->nloans && !rc; i++) {
        const ShapanOpeningLoan *ol = &o->loans[i];
        t->loans[i].principal = ol->principal;
        t->loans[i].is_short = ol->is_short;
        t->loans[i].due = (int16_t)(ol->is_short ? ol->due_aq : ol->due_year);
        rc = ctx_post(c, O, ol->is_short ? SHAPAN_ACC_SHORT_LOANS : SHAPAN_ACC_LONG_LOANS,
                      ol->principal, -1);
    }
    t->tax_payable = o->tax_payable;
    t->loss_pool = o->loss_pool;
    if (!rc)
        rc = ctx_post(c, O, SHAPAN_ACC_TAX_PAYABLE, o->tax_payable, -1);
    if (rc)
        return rc;
    /* equity: capital, retained, and last year's income statement */
    static const ShapanAccount exp_acc[SHAPAN_EXP_TOTAL] = {
        SHAPAN_ACC_ADMIN,      SHAPAN_ACC_ADS,  SHAPAN_ACC_MAINTENANCE, SHAPAN_ACC_LOSS,
        SHAPAN_ACC_CONVERSION, SHAPAN_ACC_RENT, SHAPAN_ACC_MARKET_DEV,  SHAPAN_ACC_RND,
        SHAPAN_ACC_ISO,        SHAPAN_ACC_INFO,
    };
    if ((rc = ctx_post(c, O, SHAPAN_ACC_CAPITAL, sc->capital, -1)) ||
        (rc = ctx_post(c, O, SHAPAN_ACC_RETAINED, o->retained, -1)) ||
        (rc = ctx_post(c, O, SHAPAN_ACC_REVENUE, o->revenue, -1)) ||
        (rc = ctx_post(c, SHAPAN_ACC_DIRECT_COST, O, o->direct_cost, -1)) ||
        (rc = ctx_post(c, SHAPAN_ACC_DEPRECIATION, O, o->depreciation, -1)) ||
        (rc = ctx_post(c, SHAPAN_ACC_FINANCE, O, o->finance, -1)) ||
        (rc = ctx_post(c, SHAPAN_ACC_TAX, O, o->tax, -1)))
        return rc;
    for (int k = 0; k < SHAPAN_EXP_TOTAL; k++)
        if ((rc = ctx_post(c, exp_acc[k], O, o->expenses[k], -1)))
            return rc;
    return SHAPAN_OK;
}

/* n zero bytes, or NULL.  Cleared in pieces under 2 KB: calloc clears a block this
 * size with `rep stosb` (glibc's threshold is 2 KB), which callgrind counts per
 * byte; the pieces are vector stores (about 36K counted instructions a 6-team world,
 * the same wall time). */
static void *zalloc(size_t n)
{
    enum { PIECE = 1536 };
    unsigned char *p = malloc(n);
    for (size_t at = 0; p && at < n; at += PIECE)
        memset(p + at, 0, n - at < PIECE ? n - at : PIECE);
    return p;
}

ShapanWorld *shapan_world_create(const ShapanScenario *sc, uint64_t seed, int nteams,
                                 ShapanError *err)
{
    if (!sc || nteams < 1 || nteams > SHAPAN_MAX_TEAMS) {
        shapan_error_set(err, SHAPAN_E_RANGE, "teams", "A game has 1 to %d teams; got %d.",
                         SHAPAN_MAX_TEAMS, nteams);
        return NULL;
    }
    if (sc->norders > SHAPAN_MAX_ORDERS || sc->years < 1 || sc->years > SHAPAN_MAX_YEARS) {
        shapan_error_set(err, SHAPAN_E_RANGE, "scenario", "The scenario is out of range.");
        return NULL;
    }
    ShapanWorld *w = zalloc(sizeof *w);
    Ctx *c = malloc(sizeof *c);
    if (w) {
        w->nteams = nteams;
        w->journal = zalloc((size_t)nteams * sizeof(Journal));
        w->scratch = scratch_create();
    }
    if (!w || !c || !w->journal || !w->scratch) {
        shapan_world_destroy(w);
        free(c);
        shapan_error_set(err, SHAPAN_E_INTERNAL, "world", "Out of memory.");
        return NULL;
    }
    w->sc = sc;
    w->seed = seed;
    shapan_rng_seed(&w->rng, seed);
    w->seq = 1;
    for (int ti = 0; ti < nteams; ti++) {
        ShapanTeam *t = board_take(&w->scratch->pool);
        if (!t) {
            free(c);
            shapan_world_destroy(w);
            shapan_error_set(err, SHAPAN_E_INTERNAL, "world", "Out of memory.");
            return NULL;
        }
        board_clear(t); /* an empty board: its lists are read only up to their counts */
        w->teams[ti] = t;
        t->year = 1;
        t->quarter = 1;
        t->stage = SHAPAN_STAGE_YEAR_START;
        for (int p = 0; p < SHAPAN_MAX_PRODUCTS; p++)
            t->rnd_last_aq[p] = -1;
        ctx_init(c, w, ti, t, err); /* on the team's own board: a failure ends the world */
        c->seq = 0;
        ShapanErrorCode rc = open_company(c);
        c->t->equity_closed = ctx_equity_at(c, 0);
        if (!rc)
            rc = turn_enter_year_start(c);
        if (rc) {
            free(c);
            shapan_world_destroy(w);
            return NULL;
        }
        journal_append(&w->journal[ti], c->buf, c->nbuf);
    }
    free(c);
    return w;
}

void shapan_world_destroy(ShapanWorld *w)
{
    if (!w)
        return;
    for (int ti = 0; w->journal && ti < w->nteams; ti++) {
        free(w->journal[ti].e);
        free(w->journal[ti].prefix);
    }
    free(w->journal);
    for (int ti = 0; ti < SHAPAN_MAX_TEAMS; ti++) {
        free(w->teams[ti]);
        for (int i = 0; i < w->undo[ti].n; i++)
            free(w->undo[ti].s[i].team);
        free(w->undo[ti].s);
        free(w->spied[ti]);
    }
    scratch_destroy(w->scratch);
    free(w);
}

/* A new board of c's pool holding *b; NULL when out of memory. */
static ShapanTeam *clone_board(ShapanWorld *c, const ShapanTeam *b)
{
    ShapanTeam *n = board_take(&c->scratch->pool);
    if (n)
        *n = *b;
    return n;
}

ShapanWorld *shapan_world_clone(const ShapanWorld *w)
{
    ShapanWorld *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    memcpy(c, w, sizeof *c);
    for (int ti = 0; ti < SHAPAN_MAX_TEAMS; ti++) {
        c->teams[ti] = NULL;
        c->undo[ti] = (UndoStack){0};
        c->spied[ti] = NULL;
    }
    c->journal = calloc((size_t)w->nteams, sizeof(Journal));
    c->scratch = scratch_create(); /* its own, empty: no checked run is shared */
    bool ok = c->journal && c->scratch;
    for (int ti = 0; ti < w->nteams && ok; ti++) {
        ok = (c->teams[ti] = clone_board(c, w->teams[ti])) != NULL;
        ok = ok && journal_append(&c->journal[ti], w->journal[ti].e, w->journal[ti].n) == SHAPAN_OK;
        const UndoStack *u = &w->undo[ti];
        if (ok && u->n > 0) {
            c->undo[ti].s = malloc(sizeof(UndoSnap) * (size_t)u->n);
            ok = c->undo[ti].s != NULL;
            c->undo[ti].cap = ok ? u->n : 0;
            for (int i = 0; i < u->n && ok; i++) {
                UndoSnap *snap = &c->undo[ti].s[i];
                snap->journal_len = u->s[i].journal_len;
                ok = (snap->team = clone_board(c, u->s[i].team)) != NULL;
                c->undo[ti].n += ok;
            }
        }
        if (ok && w->spied[ti]) {
            c->spied[ti] = malloc(sizeof(ShapanTeam));
            ok = c->spied[ti] != NULL;
            if (ok)
                *c->spied[ti] = *w->spied[ti];
        }
    }
    if (!ok) {
        shapan_world_destroy(c);
        return NULL;
    }
    return c;
}

/* ---- views ----------------------------------------------------------------------- */

const ShapanScenario *shapan_world_scenario(const ShapanWorld *w) { return w->sc; }
int shapan_world_teams(const ShapanWorld *w) { return w->nteams; }
uint64_t shapan_world_seed(const ShapanWorld *w) { return w->seed; }
int32_t shapan_world_seq(const ShapanWorld *w) { return w->seq; }

int shapan_world_live_teams(const ShapanWorld *w)
{
    int n = 0;
    for (int ti = 0; ti < w->nteams; ti++)
        n += !w->teams[ti]->bankrupt;
    return n;
}

bool shapan_world_over(const ShapanWorld *w)
{
    for (int ti = 0; ti < w->nteams; ti++)
        if (!w->teams[ti]->bankrupt && !team_finished(w, w->teams[ti]))
            return false;
    return true;
}

const ShapanTeam *shapan_view_own(const ShapanWorld *w, int viewer)
{
    if (viewer < 1 || viewer > w->nteams)
        return NULL;
    return w->teams[viewer - 1];
}

const ShapanTeam *shapan_view_spied(const ShapanWorld *w, int viewer, int target)
{
    if (viewer < 1 || viewer > w->nteams || w->spied_target[viewer - 1] != target)
        return NULL;
    return w->spied[viewer - 1];
}

int shapan_view_order_owner(const ShapanWorld *w, int order)
{
    if (order < 0 || order >= w->sc->norders)
        return 0;
    return w->order_owner[order];
}

ShapanOrderState shapan_view_order_state(const ShapanWorld *w, int order)
{
    if (order < 0 || order >= w->sc->norders)
        return SHAPAN_ORDER_GONE;
    return (ShapanOrderState)w->order_state[order];
}

int64_t shapan_view_ad(const ShapanWorld *w, int team, int market, int product)
{
    if (team < 1 || team > w->nteams || market < 0 || market >= SHAPAN_MAX_MARKETS || product < 0 ||
        product >= SHAPAN_MAX_PRODUCTS)
        return 0;
    const ShapanTeam *t = w->teams[team - 1];
    /* ads are public once the meeting they were made for has started */
    bool started =
        (w->meet_phase != MEET_NONE && w->meet_year == t->year) || w->meeting_done[t->year];
    return started ? t->ads[market][product] : 0;
}

bool shapan_view_bankrupt(const ShapanWorld *w, int team, int *year, int *quarter)
{
    if (team < 1 || team > w->nteams)
        return false;
    const ShapanTeam *t = w->teams[team - 1];
    if (year)
        *year = t->bankrupt_year;
    if (quarter)
        *quarter = t->bankrupt_quarter;
    return t->bankrupt;
}

void shapan_view_position(const ShapanWorld *w, int team, int *year, int *quarter,
                          ShapanStage *stage)
{
    const ShapanTeam *t = w->teams[team - 1];
    *year = t->year;
    *quarter = t->quarter;
    *stage = (ShapanStage)t->stage;
}

bool shapan_view_equity(const ShapanWorld *w, int team, int year, int64_t *equity)
{
    if (team < 1 || team > w->nteams || year > w->teams[team - 1]->closed_year)
        return false;
    const ShapanTeam *t = w->teams[team - 1];
    ShapanStatement st;
    if (year == t->closed_year) { /* the board keeps it (the loan cap's base): no pass */
        *equity = t->equity_closed;
#ifndef NDEBUG
        shapan_statement(w, team, year, &st);
        assert(st.balance[SHAPAN_BAL_EQUITY] == *equity);
#endif
        return true;
    }
    shapan_statement(w, team, year, &st);
    *equity = st.balance[SHAPAN_BAL_EQUITY];
    return true;
}

bool shapan_meeting_open(const ShapanWorld *w) { return w->meet_phase != MEET_NONE; }
int shapan_meeting_year(const ShapanWorld *w) { return w->meet_year; }

int shapan_meeting_turn(const ShapanWorld *w, int market, int product)
{
    if (w->meet_phase != MEET_CELLS || market < 0 || market >= w->sc->nmarkets || product < 0 ||
        product >= w->sc->nproducts)
        return 0;
    const ShapanCell *cell = &w->cells[market][product];
    if (cell->done || cell->nranked == 0)
        return 0;
    return cell->ranked[cell->turn] + 1;
}

const ShapanCell *shapan_meeting_cell(const ShapanWorld *w, int market, int product)
{
    if (market < 0 || market >= SHAPAN_MAX_MARKETS || product < 0 || product >= SHAPAN_MAX_PRODUCTS)
        return NULL;
    return &w->cells[market][product];
}

int shapan_meeting_bid_group(const ShapanWorld *w, int *orders, int max)
{
    if (w->meet_phase != MEET_BIDS)
        return 0;
    int n = 0;
    for (int g = 0; g < w->bid_n && n < max; g++)
        orders[n++] = w->bid_orders[g];
    return n;
}

bool shapan_meeting_bid_pending(const ShapanWorld *w, int team, int order)
{
    if (w->meet_phase != MEET_BIDS || team < 1 || team > w->nteams)
        return false;
    for (int g = 0; g < w->bid_n; g++)
        if (w->bid_orders[g] == order)
            return (w->bid_eligible[g] & (1u << (team - 1))) && w->bids[g][team - 1].state == 0;
    return false;
}

/* ---- score ----------------------------------------------------------------------- */

int shapan_team_closed_year(const ShapanWorld *w, int team)
{
    if (team < 1 || team > w->nteams)
        return 0;
    return w->teams[team - 1]->closed_year;
}

int64_t shapan_team_potential(const ShapanWorld *w, const ShapanTeam *t)
{
    const ShapanScenario *sc = w->sc;
    int64_t pts = 0;
    for (int m = 0; m < sc->nmarkets; m++)
        if (t->market_held[m])
            pts += sc->markets[m].points;
    for (int i = 0; i < sc->nisos; i++)
        if (t->iso_held[i])
            pts += sc->isos[i].points;
    for (int p = 0; p < sc->nproducts; p++)
        if (t->qualified[p])
            pts += sc->products[p].points;
    for (int i = 0; i < t->nplants; i++)
        if (t->plants[i].status == SHAPAN_PLANT_OWNED)
            pts += sc->plant_types[t->plants[i].type].points;
    for (int i = 0; i < t->nlines; i++)
        if (t->lines[i].status == SHAPAN_LINE_READY || t->lines[i].status == SHAPAN_LINE_CONVERTING)
            pts += sc->line_types[t->lines[i].type].points;
    return pts;
}

bool shapan_team_score(const ShapanWorld *w, int team, int64_t *score, int64_t *potential)
{
    if (team < 1 || team > w->nteams)
        return false;
    const ShapanTeam *t = w->teams[team - 1];
    if (t->bankrupt || !team_finished(w, t))
        return false;
    int64_t equity = 0;
    shapan_view_equity(w, team, t->closed_year, &equity);
    int64_t pot = shapan_team_potential(w, t);
    if (potential)
        *potential = pot;
    if (score)
        *score = shapan_div_half_up(equity * (100 + pot), 100);
    return true;
}
