/* The planning rival's forecast of its own board: when lines and products are
 * ready, what the lines make, what can be promised, and the cash up to the next
 * chance to borrow. */
#include <stdlib.h>
#include <string.h>

#include "ai/plan.h"

int64_t plan_ceil_to(int64_t x, int64_t step) { return (x + step - 1) / step * step; }

/* The profiles' money is in W of the default scenario, whose smallest ad is 10:
 * w in this scenario's unit is w x min_ad / 10, rounded half up (exactly w on
 * the default scenario; 60 W is 6 M on the classic one). */
int64_t plan_money(const ShapanScenario *sc, int64_t w)
{
    if (sc->meet.min_ad <= 0)
        return w;
    return (w * sc->meet.min_ad * 2 + 10) / 20;
}

/* x rounded down to the loan step (10 W in plan_money). */
int64_t plan_floor_loan(const View *v, int64_t x)
{
    return x / v->pl->loan_step * v->pl->loan_step;
}

void plan_year_orders(const View *v, int year, int *lo, int *hi)
{
    if (year < 0 || year >= SHAPAN_MAX_YEARS + 2) {
        *lo = 0;
        *hi = v->sc->norders;
        return;
    }
    *lo = v->pl->book->year_lo[year];
    *hi = v->pl->book->year_hi[year];
}

/* ---- forecasting the own board ------------------------------------------------------ */

/* Quarter (aq) from which product p can be made, assuming scheduled R&D is paid
 * every quarter from its start. */
int plan_qualified_from(const View *v, int p)
{
    const ShapanTeam *t = v->t;
    if (t->qualified[p])
        return -100;
    int left = v->sc->products[p].rnd_quarters - t->rnd_paid[p];
    int start = v->pl->rnd_start[p];
    if (start == 1000 && t->rnd_paid[p] == 0)
        return 1000;
    int first = v->aq;
    if (t->rnd_last_aq[p] == v->aq || v->stage > SHAPAN_STAGE_S5)
        first = v->aq + 1;
    if (start > first)
        first = start;
    return first + left; /* granted at the end of the last instalment's quarter */
}

/* Quarter from which a line can take a unit, assuming instalments every quarter. */
int plan_line_ready_aq(const View *v, const ShapanLine *l)
{
    const ShapanLineType *lt = &v->sc->line_types[l->type];
    switch (l->status) {
    case SHAPAN_LINE_READY: return v->aq;
    case SHAPAN_LINE_CONVERTING: return v->aq + l->convert_left + (v->pre_s1 ? -1 : 0);
    case SHAPAN_LINE_BUILDING: {
        int left = shapan_line_instalments(lt) - l->paid_n;
        if (left == 0)
            return l->last_invest_aq + 1;
        bool can_now = l->last_invest_aq != v->aq && v->stage <= SHAPAN_STAGE_S3;
        return (can_now ? v->aq : v->aq + 1) + left;
    }
    default: return 10000;
    }
}

/* Simulates one line for HORIZON quarters from now: bit j of *starts = a unit
 * starts at S3 of quarter aq+j, of *done = a unit reaches stock at S1 of aq+j. */
void plan_sim_line(const View *v, const ShapanLine *l, uint8_t *starts, uint8_t *done)
{
    int wl = l->wip_left, production_q = v->sc->line_types[l->type].production_q;
    /* from quarter `from` on a unit may start (as soon as the line is free),
     * before quarter `end` (the game's end); locals, as the stores below could
     * alias the view */
    int from = plan_line_ready_aq(v, l) - v->aq, qual = plan_qualified_from(v, l->product) - v->aq;
    if (qual > from)
        from = qual;
    if (from < (v->stage <= SHAPAN_STAGE_S3 ? 0 : 1))
        from = v->stage <= SHAPAN_STAGE_S3 ? 0 : 1;
    int end = (v->sc->years - v->year + 1) * 4 - (v->quarter - 1);
    bool pre_s1 = v->pre_s1;
    *starts = *done = 0;
    if (wl < 0)
        return; /* never free */
    /* the unit in process steps on at every S1 to come (this quarter's too
     * before it): the line is free in quarter free_at; from then on a unit
     * starts every production_q quarters, each done production_q later */
    unsigned d = 0;
    int free_at = 0;
    if (wl > 0) {
        free_at = wl - (pre_s1 ? 1 : 0);
        if (free_at < HORIZON)
            d = 1u << free_at;
    }
    int stop = end < HORIZON ? end : HORIZON, first = free_at > from ? free_at : from;
    if (first < stop) {
        unsigned s = ((unsigned)v->pl->every_q[l->type] << first) & ((1u << stop) - 1u);
        *starts = (uint8_t)s;
        if (production_q < HORIZON)
            d |= s << production_q; /* (bits past HORIZON dropped below) */
    }
    *done = (uint8_t)d;
}

/* Simulates again the lines whose simulation `k` no longer describes. */
static void sims_update(const View *v, SimsKey *k, PlanSims *s)
{
    const ShapanTeam *t = v->t;
    int part = v->pre_s1                     ? 0
               : v->stage <= SHAPAN_STAGE_S3 ? 1
               : v->stage <= SHAPAN_STAGE_S5 ? 2
                                             : 3;
    int pos = v->aq * 4 + part;
    /* most often nothing changed: one comparison of the whole key first */
    if (k->pos == pos && k->nlines == t->nlines &&
        !memcmp(k->lines, t->lines, sizeof t->lines[0] * (size_t)t->nlines) &&
        !memcmp(k->rnd_paid_all, t->rnd_paid, sizeof k->rnd_paid_all) &&
        !memcmp(k->rnd_last_aq_all, t->rnd_last_aq, sizeof k->rnd_last_aq_all) &&
        !memcmp(k->qualified_all, t->qualified, sizeof k->qualified_all))
        return;
    int kept = k->pos == pos ? k->nlines : 0;
    bool changed = k->pos != pos || k->nlines != t->nlines;
    for (int i = 0; i < t->nlines; i++) {
        const ShapanLine *l = &t->lines[i];
        int p = l->product;
        /* the *_all arrays still hold what line i was simulated with: its
         * product is the same (compared with the line) */
        if (i < kept && !memcmp(&k->lines[i], l, sizeof *l) &&
            k->rnd_paid_all[p] == t->rnd_paid[p] && k->rnd_last_aq_all[p] == t->rnd_last_aq[p] &&
            k->qualified_all[p] == t->qualified[p])
            continue;
        plan_sim_line(v, l, &s->starts[i], &s->done[i]);
        changed = true;
        memcpy(&k->lines[i], l, sizeof *l); /* padding too: memcmp reads it */
    }
    k->pos = pos;
    k->nlines = t->nlines;
    memcpy(k->rnd_paid_all, t->rnd_paid, sizeof k->rnd_paid_all);
    memcpy(k->rnd_last_aq_all, t->rnd_last_aq, sizeof k->rnd_last_aq_all);
    memcpy(k->qualified_all, t->qualified, sizeof k->qualified_all);
    if (changed && ++v->pl->sims_gen == 0)
        v->pl->sims_gen = 1; /* 0 stands for nothing kept */
}

const PlanSims *plan_sims(const View *v)
{
    PlanMemo *m = v->memo;
    PlanSims *s = &v->pl->sims;
    if (!m->sims_ready) {
        sims_update(v, &v->pl->sims_key, s);
        m->sims_ready = true;
    }
    return s;
}

/* The units the lines add to each product's stock at each of the next HORIZON
 * quarters, from the simulations of sims_gen: one pass over the lines for every
 * product (plan_ads asks them all). */
static void capacity_adds(const View *v)
{
    Planner *pl = v->pl;
    const ShapanTeam *t = v->t;
    const PlanSims *s = plan_sims(v);
    if (pl->adds_gen == pl->sims_gen)
        return;
    memset(pl->adds, 0, sizeof pl->adds);
    for (int i = 0; i < t->nlines; i++) {
        const ShapanLine *l = &t->lines[i];
        if (l->status == SHAPAN_LINE_SOLD)
            continue;
        unsigned done = s->done[i];
        /* what is done now is the unit in process; later ones, the line's product */
        int now = l->wip_left > 0 ? l->wip_product : l->product;
        if (now >= 0 && now < SHAPAN_MAX_PRODUCTS)
            pl->adds[now][0] = (int8_t)(pl->adds[now][0] + (int)(done & 1u));
        if (l->product < 0 || l->product >= SHAPAN_MAX_PRODUCTS)
            continue;
        for (int j = 1; j < HORIZON; j++)
            pl->adds[l->product][j] = (int8_t)(pl->adds[l->product][j] + (int)(done >> j & 1u));
    }
    pl->adds_gen = pl->sims_gen;
}

/* Units of p in stock by S4 of each of the next HORIZON quarters (cumulative). */
static void capacity_of(const View *v, int p, int64_t avail[HORIZON])
{
    capacity_adds(v);
    int64_t c = v->t->products[p];
    for (int j = 0; j < HORIZON; j++) {
        c += v->pl->adds[p][j];
        avail[j] = c;
    }
}

/* Kept while the simulations and the stock of p stay the same (capacity_of
 * reads nothing else of the board but the lines, whose changes the simulations
 * follow); the planner's copy, valid until the next call. */
const int64_t *plan_capacity(const View *v, int p)
{
    Planner *pl = v->pl;
    plan_sims(v);
    if (pl->cap_gen[p] != pl->sims_gen || pl->cap_stock[p] != v->t->products[p]) {
        capacity_of(v, p, pl->cap[p]);
        pl->cap_gen[p] = pl->sims_gen;
        pl->cap_stock[p] = v->t->products[p];
    }
    return pl->cap[p];
}

/* Open orders of p due by the end of quarter j of this year (cumulative), by
 * index: once per decision (a meeting's turn asks it of every order it weighs). */
static const int64_t *committed_of(const View *v, int p)
{
    PlanMemo *m = v->memo;
    int64_t *out = m->com[p];
    if (m->com_ready >> p & 1u)
        return out;
    memset(out, 0, sizeof m->com[p]);
    for (int i = 0; i < v->t->nheld; i++) {
        const ShapanHeld *h = &v->t->held[i];
        const ShapanOrder *o = &v->sc->orders[h->order];
        if (h->status != SHAPAN_HELD_OPEN || o->product != p)
            continue;
        for (int d = h->delivery; d <= 4; d++)
            out[d - 1] += o->qty;
    }
    /* the bids of the open group: each answered alone, the team may win them all
     * (seed 1 game 880: an expert bid for 5 P2 units due in Q1 on top of a
     * 5-unit pick due in Q2, won both bids and paid the pick's penalty) */
    const Planner *pl = v->pl;
    for (int i = 0; i < pl->nbids; i++) {
        const ShapanOrder *o = &v->sc->orders[pl->bid_order[i]];
        /* still to answer: the bid was proposed but not made (never counted twice) */
        if (o->product != p ||
            shapan_view_order_state(v->w, pl->bid_order[i]) != SHAPAN_ORDER_FREE ||
            shapan_meeting_bid_pending(v->w, v->team, pl->bid_order[i]))
            continue;
        for (int d = pl->bid_delivery[i]; d <= 4; d++)
            out[d - 1] += o->qty;
    }
    m->com_ready |= 1u << p;
    return out;
}

void plan_committed(const View *v, int p, int64_t out[4])
{
    memcpy(out, committed_of(v, p), sizeof(int64_t) * 4);
}

static bool in_open_group(const ShapanWorld *w, int order)
{
    int orders[64];
    int n = shapan_meeting_bid_group(w, orders, 64);
    for (int i = 0; i < n; i++)
        if (orders[i] == order)
            return true;
    return false;
}

void plan_bid_made(const View *v, int order, int delivery)
{
    Planner *pl = v->pl;
    v->memo->com_ready = 0; /* the committed units count this bid from now on */
    int k = 0;
    for (int i = 0; i < pl->nbids; i++)
        if (pl->bid_order[i] != order && in_open_group(v->w, pl->bid_order[i])) {
            pl->bid_order[k] = pl->bid_order[i];
            pl->bid_delivery[k++] = pl->bid_delivery[i];
        }
    pl->nbids = k;
    if (k < PLAN_MAX_BIDS) {
        pl->bid_order[k] = (int16_t)order;
        pl->bid_delivery[k] = (int8_t)delivery;
        pl->nbids = k + 1;
    }
}

/* Can an order of qty units of p due by quarter `delivery` be met on top of the
 * orders already held?  (Earliest-deadline-first feasibility, year start view.) */
bool plan_feasible(const View *v, int p, int qty, int delivery)
{
    const int64_t *avail = plan_capacity(v, p);
    const int64_t *com = committed_of(v, p);
    int first = v->pre_s1 ? 0 : v->quarter - 1;
    for (int d = delivery; d <= 4; d++) {
        int j = d - 1 - first;
        if (j < 0)
            return false;
        int64_t cap = avail[j] * (100 + v->pl->p->overbook_percent) / 100;
        if (cap < com[d - 1] + qty)
            return false;
    }
    return true;
}

/* Units of p still worth making: open orders not covered by stock and work in
 * process, plus the stock to carry into next year (none in the last year). */
static void want_units_all(const View *v, int64_t want[SHAPAN_MAX_PRODUCTS])
{
    const ShapanTeam *t = v->t;
    const ShapanScenario *sc = v->sc;
    for (int p = 0; p < sc->nproducts; p++)
        want[p] = -t->products[p];
    for (int i = 0; i < t->nheld; i++) {
        const ShapanHeld *h = &t->held[i];
        if (h->status == SHAPAN_HELD_OPEN)
            want[sc->orders[h->order].product] += sc->orders[h->order].qty;
    }
    /* products used to make other products count as demand too */
    bool carry = v->year < sc->years;
    for (int i = 0; i < t->nlines; i++) {
        const ShapanLine *l = &t->lines[i];
        if (l->wip_left > 0 && l->wip_product >= 0)
            want[l->wip_product]--;
        if (l->status == SHAPAN_LINE_SOLD)
            continue;
        if (v->pl->bom_products >> l->product & 1u) {
            const ShapanProduct *pr = &sc->products[l->product];
            for (int k = 0; k < pr->nbom; k++)
                if (pr->bom[k].kind == SHAPAN_ITEM_PRODUCT)
                    want[pr->bom[k].index] += pr->bom[k].qty;
        }
        if (carry)
            want[l->product] += v->pl->carry_units[l->type];
    }
    /* before the first meeting year nothing is sold: build the carry only */
}

const int64_t *plan_want_all(const View *v)
{
    PlanMemo *m = v->memo;
    if (!m->want_ready) {
        want_units_all(v, m->want);
        m->want_ready = true;
    }
    return m->want;
}

int64_t plan_want_units(const View *v, int p) { return plan_want_all(v)[p]; }

/* ---- cash ------------------------------------------------------------------------- */

int64_t plan_loans_total(const ShapanTeam *t, bool short_only)
{
    int64_t s = 0;
    for (int i = 0; i < t->nloans; i++)
        if (!short_only || t->loans[i].is_short)
            s += t->loans[i].principal;
    return s;
}

int64_t plan_short_repayment(const ShapanScenario *sc, const ShapanLoan *l)
{
    return l->principal + shapan_half_up(l->principal, sc->fin.short_rate);
}

static bool same_entry(const ShapanEntry *a, const ShapanEntry *b)
{
    return a->seq == b->seq && a->amount == b->amount && a->year == b->year &&
           a->quarter == b->quarter && a->stage == b->stage && a->debit == b->debit &&
           a->credit == b->credit && a->detail == b->detail;
}

const ShapanStatement *plan_statement_of(const View *v, int year)
{
    StmtKept *k = &v->pl->stmt[year & 1];
    int n;
    const ShapanEntry *e = shapan_ledger(v->w, v->team, &n);
    if (k->w == v->w && k->year == year && k->n <= n &&
        (k->n == 0 || same_entry(&k->last, &e[k->n - 1]))) {
        /* the entries it was made from are still there: it stands while every
         * entry booked since is of a later year */
        int i = k->n;
        while (i < n && e[i].year > year)
            i++;
        if (i == n) {
            k->n = n;
            if (n > 0)
                k->last = e[n - 1];
            return &k->st;
        }
    }
    shapan_statement(v->w, v->team, year, &k->st);
    k->w = v->w;
    k->year = year;
    k->n = n;
    if (n > 0)
        k->last = e[n - 1];
    return &k->st;
}

/* This year's statement so far, once per decision: the journal keeps its sums'
 * totals, so a statement is the total less a row or two. */
static const PlanMemo *year_so_far(const View *v)
{
    PlanMemo *m = v->memo;
    if (!m->so_far_ready) {
        ShapanStatement st;
        shapan_statement(v->w, v->team, v->year, &st);
        m->equity_so_far = st.balance[SHAPAN_BAL_EQUITY];
        m->ebt_so_far = st.income[SHAPAN_INC_EBT];
        m->so_far_ready = true;
    }
    return m;
}

int64_t plan_equity_so_far(const View *v) { return year_so_far(v)->equity_so_far; }

int64_t plan_ebt_so_far(const View *v) { return year_so_far(v)->ebt_so_far; }

int64_t plan_next_ads(const View *v)
{
    PlanMemo *m = v->memo;
    if (!m->ads_ready) {
        m->next_ads = plan_ads(v, v->year + 1, NULL);
        m->ads_ready = true;
    }
    return m->next_ads;
}

/* What the next year start takes: long-loan interest and principal, the tax, the ads. */
static int64_t year_start_payments(const View *v)
{
    const ShapanScenario *sc = v->sc;
    const ShapanTeam *t = v->t;
    int64_t longs = plan_loans_total(t, false) - plan_loans_total(t, true);
    int64_t due = shapan_half_up(longs, sc->fin.long_rate);
    for (int i = 0; i < t->nloans; i++)
        if (!t->loans[i].is_short && t->loans[i].due == v->year + 1)
            due += t->loans[i].principal;
    int64_t ebt = plan_ebt_so_far(v);
    if (ebt > 0)
        due += shapan_half_up(ebt, sc->fin.tax_rate);
    return due + plan_next_ads(v); /* paid at year start, before the next S1 */
}

/* What is due before the next chance to borrow, less what comes in first.  At
 * year start and in the meeting that chance is the long-loan window; there it
 * is S1, whose repayments come before its loans; after S1 it is the next S1. */
/* Payments before this quarter's S4 collection (pre), after it up to the next
 * S1 (post), and that collection (recv). */
static void cash_plan_of(const View *v, int64_t *pre, int64_t *post, int64_t *recv)
{
    const ShapanScenario *sc = v->sc;
    const ShapanTeam *t = v->t;
    int aq = v->aq;
    *pre = *post = *recv = 0;
    if (v->stage == SHAPAN_STAGE_YEAR_START || v->stage == SHAPAN_STAGE_MEETING)
        return;
    for (int i = 0; i < t->nloans; i++) {
        const ShapanLoan *l = &t->loans[i];
        /* (the others are not due by the next S1: their interest needn't be counted) */
        bool now = v->pre_s1 && l->due == aq;
        if (!l->is_short || (!now && l->due != aq + 1))
            continue;
        int64_t amount = plan_short_repayment(sc, l);
        if (now)
            *pre += amount;
        else if (aq + 1 <= shapan_aq(sc->years, 4))
            *post += amount; /* none falls due after the game */
    }
    if (v->stage == SHAPAN_STAGE_LONG_LOAN) {
        *post = 0; /* S1 lends again after its repayments */
        return;
    }
    if (plan_window_carries(v))
        *post -= plan_last_year_repayment(v);
    if (v->stage == SHAPAN_STAGE_S6)
        return; /* the quarter is closed: only the next S1 remains */
    if (v->stage < SHAPAN_STAGE_S2)
        for (int m = 0; m < sc->nmaterials; m++)
            *pre += t->arrivals[aq][m] * sc->materials[m].price;
    if (v->stage <= SHAPAN_STAGE_S3) {
        const PlanSims *s = plan_sims(v);
        for (int i = 0; i < t->nlines; i++)
            if (s->starts[i] & 1u)
                *pre += sc->products[t->lines[i].product].processing;
    }
    if (v->stage < SHAPAN_STAGE_S4)
        *recv = t->recv[aq];
    int64_t due = sc->fin.admin_fee;
    for (int i = 0; i < t->nplants; i++) {
        const ShapanPlant *pp = &t->plants[i];
        int d = aq - pp->rent_aq;
        if (pp->status == SHAPAN_PLANT_RENTED && d >= 4 && d % 4 == 0)
            due += sc->plant_types[pp->type].rent;
    }
    if (v->quarter == 4) {
        for (int i = 0; i < t->nlines; i++)
            if (t->lines[i].status != SHAPAN_LINE_SOLD && plan_line_ready_aq(v, &t->lines[i]) <= aq)
                due += sc->line_types[t->lines[i].type].maintenance;
        if (v->year < sc->years)
            due += year_start_payments(v);
    }
    *post += due;
}

void plan_cash_plan(const View *v, int64_t *pre, int64_t *post, int64_t *recv)
{
    PlanMemo *m = v->memo;
    if (!m->cash_ready) {
        cash_plan_of(v, &m->pre, &m->post, &m->recv);
        m->cash_ready = true;
    }
    *pre = m->pre;
    *post = m->post;
    *recv = m->recv;
}

/* The most cash needed at any point before the next chance to borrow, if
 * `extra` more is spent before S4.  At year start and in the meeting that
 * chance is the long-loan window; there it is S1 (after its repayments); after
 * S1 it is the next S1. */
int64_t plan_need_with(const View *v, int64_t extra)
{
    int64_t pre, post, recv;
    plan_cash_plan(v, &pre, &post, &recv);
    int64_t before = pre + extra, after = pre + extra + post - recv;
    return before > after ? before : after;
}

int64_t plan_commitments(const View *v) { return plan_need_with(v, 0); }

bool plan_affordable(const View *v, int64_t cost)
{
    return v->t->cash >= plan_need_with(v, cost) + plan_reserve(v);
}

/* Room under the loan cap; `percent` of the cap at most (the profile's limit for
 * spending it chooses; 100 for payments already due). */
int64_t plan_loan_headroom_at(const View *v, int percent)
{
    int64_t eq = 0;
    if (!shapan_view_equity(v->w, v->team, v->year - 1, &eq))
        return 0;
    if (eq <= 0)
        return 0;
    int64_t cap = shapan_scenario_loan_cap(v->sc, eq) * percent / 100;
    return cap - plan_loans_total(v->t, false);
}

/* For spending it chooses, the planner also respects the cap it will face next
 * year: 3 x the equity as it stands now (this year's statements so far). */
int64_t plan_loan_headroom(const View *v)
{
    int64_t room = plan_loan_headroom_at(v, v->pl->p->loan_cap_percent);
    int64_t eq = plan_equity_so_far(v);
    int64_t next = shapan_scenario_loan_cap(v->sc, eq) * v->pl->p->loan_cap_percent / 100 -
                   plan_loans_total(v->t, false);
    return next < room ? next : room;
}

/* ---- schedule ------------------------------------------------------------------------ */

int plan_plants_held(const ShapanTeam *t)
{
    int n = 0;
    for (int i = 0; i < t->nplants; i++)
        n += t->plants[i].status != SHAPAN_PLANT_GONE;
    return n;
}

/* Marks the scheduled builds not made yet: the k-th plant of the plan is made
 * once the board holds more than k plants (an inherited plant serves the plan:
 * its free slots take the planned lines), the k-th line once the board holds
 * more than k lines beyond the inherited ones: kept in the planner while the
 * board's counts of plants held and of lines stay the same. */
static void pending_update(const View *v)
{
    Planner *pl = v->pl;
    const ShapanProfile *p = pl->p;
    int held = plan_plants_held(v->t);
    if (pl->pend_plants == held && pl->pend_lines == v->t->nlines)
        return;
    int plants = 0, lines = v->sc->opening.nlines, n = 0;
    pl->pend_first = -1;
    for (int i = 0; i < p->nbuilds; i++) {
        const AiBuild *b = &p->builds[i];
        pl->pending[i] = false;
        if (pl->build_type[i] < 0 || (!b->plant && pl->build_product[i] < 0))
            continue;
        bool made = b->plant ? held > plants : v->t->nlines > lines;
        if (b->plant)
            plants++;
        else
            lines++;
        pl->pending[i] = !made;
        n += !made;
        if (!made && pl->pend_first < 0)
            pl->pend_first = i;
    }
    pl->pend_plants = held;
    pl->pend_lines = v->t->nlines;
    pl->pend_n = n;
}

/* The builds pending (pending_update); returns how many. */
int plan_pending_builds(const View *v, bool pending[AI_MAX_STEPS])
{
    pending_update(v);
    memcpy(pending, v->pl->pending, sizeof(bool) * (size_t)v->pl->p->nbuilds);
    return v->pl->pend_n;
}

/* Index of the first scheduled build not yet made, if it is due now. */
int plan_next_build(const View *v)
{
    pending_update(v);
    int i = v->pl->pend_first;
    if (i < 0)
        return -1;
    const AiBuild *b = &v->pl->p->builds[i];
    return shapan_aq(b->year, b->quarter) <= v->aq ? i : -1;
}

int64_t plan_build_cost(const View *v, int i)
{
    const AiBuild *b = &v->pl->p->builds[i];
    if (b->plant) {
        const ShapanPlantType *pt = &v->sc->plant_types[v->pl->build_type[i]];
        return b->buy ? pt->buy : pt->rent;
    }
    const ShapanLineType *lt = &v->sc->line_types[v->pl->build_type[i]];
    return lt->total / shapan_line_instalments(lt);
}

/* Capital spending scheduled in a year (for the long loan). */
int64_t plan_capex_of_year(const View *v, int year)
{
    int64_t s = 0;
    for (int i = 0; i < v->pl->p->nbuilds; i++) {
        const AiBuild *b = &v->pl->p->builds[i];
        if (b->year != year || v->pl->build_type[i] < 0)
            continue;
        s += b->plant ? plan_build_cost(v, i) : v->sc->line_types[v->pl->build_type[i]].total;
    }
    return s;
}
