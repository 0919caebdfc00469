/* The planning rival when the business goes against it (profiles with
 * shrink_ad_percent < 100 or shrink_invest): it notices from its own board and
 * books that the year will lose money or that next year's cap won't hold its
 * debt, and cuts the spending that can't pay back in time. */
#include <stdlib.h>
#include <string.h>

#include "ai/plan.h"

/* Gross margin of the open orders still to deliver this year; an order whose
 * delivery quarter has passed (its S4 is over) is lost: its penalty instead. */
static int64_t open_margin(const View *v)
{
    int64_t s = 0;
    for (int i = 0; i < v->t->nheld; i++) {
        const ShapanHeld *h = &v->t->held[i];
        const ShapanOrder *o = &v->sc->orders[h->order];
        if (h->status != SHAPAN_HELD_OPEN)
            continue;
        if (h->delivery < v->quarter || (h->delivery == v->quarter && v->stage > SHAPAN_STAGE_S4))
            s -= shapan_half_up(h->price, v->sc->fin.penalty_rate);
        else
            s += h->price - v->sc->products[o->product].direct_cost * o->qty;
    }
    return s;
}

/* Fixed costs still to be booked this year: admin and rent renewals of the
 * quarters left, short-loan interest falling due, year-end maintenance and
 * depreciation. */
static int64_t costs_to_come(const View *v)
{
    const ShapanScenario *sc = v->sc;
    const ShapanTeam *t = v->t;
    int from = v->stage == SHAPAN_STAGE_S6 ? v->quarter + 1 : v->quarter;
    int64_t s = 0;
    for (int q = from; q <= 4; q++) {
        int aq = shapan_aq(v->year, q);
        s += sc->fin.admin_fee;
        for (int i = 0; i < t->nplants; i++) {
            int d = aq - t->plants[i].rent_aq;
            if (t->plants[i].status == SHAPAN_PLANT_RENTED && d >= 4 && d % 4 == 0)
                s += sc->plant_types[t->plants[i].type].rent;
        }
        for (int i = 0; i < t->nloans; i++)
            if (t->loans[i].is_short && t->loans[i].due == aq && (q > v->quarter || v->pre_s1))
                s += shapan_half_up(t->loans[i].principal, sc->fin.short_rate);
    }
    for (int i = 0; i < t->nlines; i++) {
        const ShapanLine *l = &t->lines[i];
        const ShapanLineType *lt = &sc->line_types[l->type];
        if (l->status == SHAPAN_LINE_SOLD || plan_line_ready_aq(v, l) > shapan_aq(v->year, 4))
            continue;
        s += lt->maintenance;
        if (l->status != SHAPAN_LINE_BUILDING && l->completed_year < v->year)
            s += l->book - lt->depreciation < lt->residual ? l->book - lt->residual
                                                           : lt->depreciation;
    }
    return s;
}

/* This year's closing equity as it stands to come out: booked so far, plus the
 * margin of the orders held, less the fixed costs still to come (tax ignored);
 * once per decision (both distress tests and every expense held back ask). */
int64_t plan_projected_equity(const View *v)
{
    PlanMemo *m = v->memo;
    if (!m->proj_ready) {
        m->proj = plan_equity_so_far(v) + open_margin(v) - costs_to_come(v);
        m->proj_ready = true;
    }
    return m->proj;
}

/* Idle's final equity (share capital less the admin fee of every quarter), the
 * score a planner must beat; 0 for a scenario with an opening company. */
static int64_t idle_floor(const ShapanScenario *sc)
{
    if (sc->opening.present)
        return 0;
    return sc->capital - sc->fin.admin_fee * 4 * sc->years;
}

/* The last floor_years of the game, when the final score as it stands to come out
 * (last year's equity plus this year's result, projected from its orders once
 * they are known, else last year's, for this year and each year left, times
 * 100 + the potential held now) is below idle's score plus floor_margin percent:
 * the planner counts as distressed (its ads cut, and with shrink_invest its
 * investments held back). */
static bool below_floor(const View *v, const ShapanStatement *last)
{
    const ShapanScenario *sc = v->sc;
    int left = sc->years - v->year;
    if (left >= v->pl->p->floor_years)
        return false;
    int64_t eq = last->balance[SHAPAN_BAL_EQUITY], year_net = last->income[SHAPAN_INC_NET];
    if (v->stage != SHAPAN_STAGE_YEAR_START && v->stage != SHAPAN_STAGE_MEETING)
        year_net = plan_projected_equity(v) - eq; /* this year's, its orders known */
    int64_t final = eq + year_net * (left + 1);
    int64_t pot = shapan_team_potential(v->w, v->t);
    return final * (100 + pot) < idle_floor(sc) * (100 + v->pl->p->floor_margin);
}

/* The business is going against it.  After the meeting (its orders known): next
 * year's cap, 3 x the projected equity, won't hold the debt it carries now.  At
 * year start (no orders yet): last year lost money, or another year like it
 * would leave a cap below the debt. */
static bool distressed_now(const View *v, const ShapanStatement *last)
{
    if (v->stage == SHAPAN_STAGE_YEAR_START || v->stage == SHAPAN_STAGE_MEETING) {
        if (v->year < 3)
            return false; /* year 1 sells nothing: its loss says nothing */
        int64_t net = last->income[SHAPAN_INC_NET];
        int64_t eq = last->balance[SHAPAN_BAL_EQUITY] + net;
        int64_t cap = shapan_scenario_loan_cap(v->sc, eq);
        return net < 0 || cap < plan_loans_total(v->t, false);
    }
    int64_t eq = plan_projected_equity(v);
    int64_t cap = shapan_scenario_loan_cap(v->sc, eq);
    return cap < plan_loans_total(v->t, false);
}

/* The business is going against it, or its score is heading below idle's
 * (asked by several generators: computed once per decision). */
bool plan_distressed(const View *v)
{
    PlanMemo *m = v->memo;
    if (!m->distress) {
        const ShapanStatement *last = plan_statement_of(v, v->year - 1); /* both tests read it */
        m->distress = distressed_now(v, last) || below_floor(v, last) ? 2 : 1;
    }
    return m->distress == 2;
}

/* Distressed, the ads are cut to shrink_ad_percent of each cell (never below
 * the minimum that ranks): it keeps a place in every cell it can fill for less.
 * Returns the new total. */
int64_t plan_shrink_ads(const View *v, ShapanCommand *c)
{
    int64_t total = 0;
    for (int i = 0; i < c->nbids; i++) {
        int64_t a = c->bids[i].amount * v->pl->p->shrink_ad_percent / 100;
        c->bids[i].amount = (int32_t)(a >= v->sc->meet.min_ad ? a : v->sc->meet.min_ad);
        total += c->bids[i].amount;
    }
    return total;
}

/* Distressed, a shrink_invest profile starts and pays no build, R&D, market or
 * ISO instalment: they pay back, if ever, after the cap has bitten. */
bool plan_holds_back(const View *v) { return v->pl->p->shrink_invest && plan_distressed(v); }

/* A shrink_invest profile also holds back an expense (an R&D, market or ISO
 * instalment: booked at once, unlike a line) that would itself put next year's
 * cap, 3 x the projected equity less it, below the debt it carries. */
bool plan_holds_back_expense(const View *v, int64_t expense)
{
    if (plan_holds_back(v))
        return true;
    if (!v->pl->p->shrink_invest || v->stage == SHAPAN_STAGE_YEAR_START ||
        v->stage == SHAPAN_STAGE_MEETING)
        return false;
    int64_t cap = shapan_scenario_loan_cap(v->sc, plan_projected_equity(v) - expense);
    return cap < plan_loans_total(v->t, false);
}
