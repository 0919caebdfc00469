/* The planning rival's generators: each proposes the next command it wants in
 * its stage (builds, instalments, production, materials, deliveries, R&D,
 * certificates, loans, the last quarter's buys). */
#include <stdlib.h>
#include <string.h>

#include "ai/plan.h"

/* ---- generators ------------------------------------------------------------------------ */

/* build_line in the first plant with a free slot; false if every plant is full. */
bool plan_build_line_cmd(const View *v, int type, int product, ShapanCommand *c)
{
    for (int k = 0; k < v->t->nplants; k++) {
        const ShapanPlant *pp = &v->t->plants[k];
        if (pp->status == SHAPAN_PLANT_GONE)
            continue;
        int used = 0;
        for (int j = 0; j < v->t->nlines; j++)
            used += v->t->lines[j].plant == k + 1 && v->t->lines[j].status != SHAPAN_LINE_SOLD;
        if (used < v->sc->plant_types[pp->type].slots) {
            shapan_cmd_init(c, SHAPAN_CMD_BUILD_LINE, v->team);
            c->plant = k + 1;
            c->kind = type;
            c->product = product;
            return true;
        }
    }
    return false;
}

bool plan_gen_build(const View *v, ShapanCommand *c)
{
    int i = plan_next_build(v);
    if (i < 0 || plan_holds_back(v) || !plan_affordable(v, plan_build_cost(v, i)))
        return false;
    const AiBuild *b = &v->pl->p->builds[i];
    if (b->plant) {
        shapan_cmd_init(c, b->buy ? SHAPAN_CMD_BUY_PLANT : SHAPAN_CMD_RENT_PLANT, v->team);
        c->kind = v->pl->build_type[i];
        return true;
    }
    return plan_build_line_cmd(v, v->pl->build_type[i], v->pl->build_product[i], c);
}

bool plan_gen_invest(const View *v, ShapanCommand *c)
{
    for (int i = 0; i < v->t->nlines; i++) {
        const ShapanLine *l = &v->t->lines[i];
        const ShapanLineType *lt = &v->sc->line_types[l->type];
        if (l->status != SHAPAN_LINE_BUILDING || l->paid_n >= shapan_line_instalments(lt) ||
            l->last_invest_aq == v->aq)
            continue;
        if (!plan_affordable(v, lt->total / shapan_line_instalments(lt)))
            return false;
        shapan_cmd_init(c, SHAPAN_CMD_INVEST_LINE, v->team);
        c->line = i + 1;
        return true;
    }
    return false;
}

bool plan_gen_produce(const View *v, ShapanCommand *c)
{
    for (int i = 0; i < v->t->nlines; i++) {
        const ShapanLine *l = &v->t->lines[i];
        if (l->status != SHAPAN_LINE_READY || l->wip_left > 0 || !v->t->qualified[l->product] ||
            plan_want_units(v, l->product) <= 0)
            continue;
        const ShapanProduct *pr = &v->sc->products[l->product];
        bool have = true;
        for (int k = 0; k < pr->nbom; k++) {
            const ShapanBomItem *b = &pr->bom[k];
            int64_t s = b->kind == SHAPAN_ITEM_MATERIAL ? v->t->materials[b->index]
                                                        : v->t->products[b->index];
            have = have && s >= b->qty;
        }
        if (!have || v->t->cash < pr->processing)
            continue;
        shapan_cmd_init(c, SHAPAN_CMD_PRODUCE, v->team);
        c->line = i + 1;
        return true;
    }
    return false;
}

bool plan_gen_materials(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    int64_t need[HORIZON][SHAPAN_MAX_MATERIALS];
    int64_t want[SHAPAN_MAX_PRODUCTS];
    memcpy(want, plan_want_all(v), sizeof want);
    /* walk quarter by quarter so the earliest starts get the materials, up to the
     * longest lead time that can still be ordered for (later needs are not read) */
    int last = v->pl->mat_last;
    if (last >= 0) /* only the quarters read below */
        memset(need, 0, sizeof need[0] * (size_t)(last + 1));
    const PlanSims *sims = plan_sims(v);
    for (int j = 0; j <= last; j++) {
        /* beyond this year's orders, a new year's orders will come: keep lines fed */
        bool this_year = v->quarter - 1 + j < 4;
        for (int i = 0; i < v->t->nlines; i++) {
            const ShapanLine *l = &v->t->lines[i];
            if (l->status == SHAPAN_LINE_SOLD || !(sims->starts[i] >> j & 1u))
                continue;
            if (this_year && want[l->product] <= 0)
                continue;
            want[l->product]--;
            const int64_t *bom = v->pl->bom_materials[l->product];
            for (int m = 0; m < sc->nmaterials; m++)
                need[j][m] += bom[m];
        }
    }
    int64_t order[SHAPAN_MAX_MATERIALS] = {0};
    bool any = false;
    for (int m = 0; m < sc->nmaterials; m++) {
        int lead = sc->materials[m].lead;
        if (lead >= HORIZON)
            continue;
        int64_t s = v->t->materials[m];
        for (int j = 0; j <= lead; j++) {
            if (j > 0)
                s += v->t->arrivals[v->aq + j][m];
            s -= need[j][m];
            if (j < lead && s < 0)
                s = 0; /* a shortfall now can't be mended by ordering */
        }
        if (s < 0) {
            order[m] = -s;
            any = true;
        }
    }
    if (!any)
        return false; /* no command built for nothing */
    shapan_cmd_init(c, SHAPAN_CMD_ORDER_MATERIALS, v->team);
    memcpy(c->items, order, sizeof order);
    return true;
}

/* An order due now that stock lacks at most emergency_units of: buys the
 * missing units at the emergency price (RULES.md §1: 3 x direct cost) when
 * delivering beats the penalty, and when the cash, counting the order's price
 * (its receivable discounted at 9 % at most), still covers what is due before
 * the next chance to borrow. */
static bool gen_emergency(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    for (int i = 0; i < v->t->nheld; i++) {
        const ShapanHeld *h = &v->t->held[i];
        if (h->status != SHAPAN_HELD_OPEN || h->delivery != v->quarter)
            continue;
        const ShapanOrder *o = &sc->orders[h->order];
        int64_t lack = o->qty - v->t->products[o->product];
        if (lack <= 0 || lack > v->pl->p->emergency_units)
            continue;
        int64_t std = lack * sc->products[o->product].direct_cost;
        int64_t cost = shapan_half_up(std, sc->fin.emergency_product);
        /* the held order's price and term: a won bid's are its bid's (the
         * book's price of a bid order is 0), as the core prices its penalty */
        int64_t gain = h->price - sc->products[o->product].direct_cost * o->qty - (cost - std) +
                       shapan_half_up(h->price, sc->fin.penalty_rate);
        int64_t in = h->term ? h->price - shapan_ceil(h->price, sc->fin.discount_far) : h->price;
        if (gain <= 0 || v->t->cash < cost || v->t->cash < plan_need_with(v, cost - in))
            continue;
        shapan_cmd_init(c, SHAPAN_CMD_EMERGENCY_BUY, v->team);
        c->items[sc->nmaterials + o->product] = lack;
        return true;
    }
    return false;
}

/* Delivers in deadline order per product: stock goes to the order due first,
 * never to a later one while an earlier one that can still be met waits
 * (after buying the units of an order due now that gen_emergency buys). */
bool plan_gen_deliver(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    /* per product, the open order due first (the first held of a date) that is
     * not due now beyond the stock (lost anyway: it must not block); one pass,
     * which also sees whether gen_emergency has an order to weigh (one due now
     * that the stock lacks at most emergency_units of) */
    bool short_now = false;
    int first[SHAPAN_MAX_PRODUCTS];
    for (int p = 0; p < sc->nproducts; p++)
        first[p] = -1;
    for (int i = 0; i < v->t->nheld; i++) {
        const ShapanHeld *h = &v->t->held[i];
        if (h->status != SHAPAN_HELD_OPEN || h->delivery < v->quarter)
            continue;
        const ShapanOrder *o = &sc->orders[h->order];
        int p = o->product;
        if (h->delivery == v->quarter && v->t->products[p] < o->qty) {
            short_now = short_now || o->qty - v->t->products[p] <= v->pl->p->emergency_units;
            continue;
        }
        if (first[p] < 0 || h->delivery < v->t->held[first[p]].delivery)
            first[p] = i;
    }
    if (short_now && gen_emergency(v, c))
        return true;
    for (int p = 0; p < sc->nproducts; p++)
        if (first[p] >= 0 && v->t->products[p] >= sc->orders[v->t->held[first[p]].order].qty) {
            shapan_cmd_init(c, SHAPAN_CMD_DELIVER, v->team);
            c->order = v->t->held[first[p]].order;
            return true;
        }
    return false;
}

bool plan_gen_rnd(const View *v, ShapanCommand *c)
{
    const ShapanProfile *p = v->pl->p;
    for (int i = 0; i < p->nproducts; i++) {
        int pr = v->pl->product[i];
        if (pr < 0 || v->t->qualified[pr] || v->t->rnd_last_aq[pr] == v->aq ||
            v->t->rnd_paid[pr] >= v->sc->products[pr].rnd_quarters ||
            shapan_aq(p->products[i].year, p->products[i].quarter) > v->aq)
            continue;
        if (p->endgame && v->sc->products[pr].rnd_quarters - v->t->rnd_paid[pr] >
                              shapan_aq(v->sc->years, 4) - v->aq + 1)
            continue;
        /* held back or not affordable: nothing (asked only when there is an
         * instalment to pay: the distress test costs more than the search) */
        if (plan_holds_back_expense(v, v->sc->products[pr].rnd_fee) ||
            !plan_affordable(v, v->sc->products[pr].rnd_fee))
            return false;
        shapan_cmd_init(c, SHAPAN_CMD_DEVELOP_PRODUCT, v->team);
        c->product = pr;
        return true;
    }
    return false;
}

/* A market instalment (Q4) comes before next year's ads, which are cut to the
 * cash left at year start anyway, and may use the reserve: it is small, and a
 * year missed keeps the market's orders out of reach a year longer. */
static bool market_affordable(const View *v, int64_t cost)
{
    int64_t ads = v->year < v->sc->years ? plan_next_ads(v) : 0;
    return v->t->cash >= plan_need_with(v, cost) - ads;
}

bool plan_gen_cert(const View *v, ShapanCommand *c)
{
    const ShapanProfile *p = v->pl->p;
    if (v->quarter != 4)
        return false; /* plan_holds_back: asked once there is an instalment to pay */
    for (int i = 0; i < p->nmarkets; i++) {
        int m = v->pl->market[i];
        if (m < 0 || v->t->market_held[m] || v->t->market_last_year[m] == v->year ||
            v->t->market_paid[m] >= v->sc->markets[m].years || p->markets[i].year > v->year)
            continue;
        /* an endgame planner pays nothing that can't complete before the game ends */
        if (p->endgame &&
            v->sc->markets[m].years - v->t->market_paid[m] > v->sc->years - v->year + 1)
            continue;
        if (plan_holds_back_expense(v, v->sc->markets[m].fee) ||
            !market_affordable(v, v->sc->markets[m].fee))
            return false;
        shapan_cmd_init(c, SHAPAN_CMD_DEVELOP_MARKET, v->team);
        c->market = m;
        return true;
    }
    for (int i = 0; i < p->nisos; i++) {
        int k = v->pl->iso[i];
        if (k < 0 || v->t->iso_held[k] || v->t->iso_last_year[k] == v->year ||
            v->t->iso_paid[k] >= v->sc->isos[k].years || p->isos[i].year > v->year)
            continue;
        if (p->endgame && v->sc->isos[k].years - v->t->iso_paid[k] > v->sc->years - v->year + 1)
            continue;
        if (plan_holds_back_expense(v, v->sc->isos[k].fee) ||
            !plan_affordable(v, v->sc->isos[k].fee))
            return false;
        shapan_cmd_init(c, SHAPAN_CMD_DEVELOP_ISO, v->team);
        c->iso = k;
        return true;
    }
    return false;
}

/* This quarter's discretionary spending, as the generators would do it. */
int64_t plan_planned_spend(const View *v)
{
    int64_t s = 0;
    /* every build due by this quarter and not made yet */
    bool pending[AI_MAX_STEPS];
    plan_pending_builds(v, pending);
    for (int i = 0; i < v->pl->p->nbuilds; i++)
        if (pending[i] && shapan_aq(v->pl->p->builds[i].year, v->pl->p->builds[i].quarter) <= v->aq)
            s += plan_build_cost(v, i);
    for (int k = 0; k < v->t->nlines; k++) {
        const ShapanLine *l = &v->t->lines[k];
        const ShapanLineType *lt = &v->sc->line_types[l->type];
        if (l->status == SHAPAN_LINE_BUILDING && l->paid_n < shapan_line_instalments(lt))
            s += lt->total / shapan_line_instalments(lt);
    }
    const ShapanProfile *p = v->pl->p;
    for (int k = 0; k < p->nproducts; k++) {
        int pr = v->pl->product[k];
        if (pr >= 0 && !v->t->qualified[pr] &&
            shapan_aq(p->products[k].year, p->products[k].quarter) <= v->aq &&
            v->t->rnd_paid[pr] < v->sc->products[pr].rnd_quarters)
            s += v->sc->products[pr].rnd_fee;
    }
    if (v->quarter == 4) {
        for (int k = 0; k < p->nmarkets; k++) {
            int m = v->pl->market[k];
            if (m >= 0 && !v->t->market_held[m] && p->markets[k].year <= v->year &&
                v->t->market_paid[m] < v->sc->markets[m].years)
                s += v->sc->markets[m].fee;
        }
        for (int k = 0; k < p->nisos; k++) {
            int m = v->pl->iso[k];
            if (m >= 0 && !v->t->iso_held[m] && p->isos[k].year <= v->year &&
                v->t->iso_paid[m] < v->sc->isos[m].years)
                s += v->sc->isos[m].fee;
        }
    }
    return s;
}

/* The short loan S1 takes: what is due before the next S1 (the whole cap) and
 * the cash the planned spending needs (its share of the cap), with `reserve`
 * kept free; 0: none. */
static int64_t short_amount(const View *v, int64_t reserve)
{
    int64_t spend = plan_planned_spend(v);
    int64_t due = plan_commitments(v) + reserve - v->t->cash;
    int64_t all = plan_need_with(v, spend) + reserve - v->t->cash;
    spend = all - due; /* what the plan adds to the peak need */
    if (due + spend <= 0)
        return 0;
    /* what is already due may use the whole cap; what it merely plans, its share */
    int64_t must = due > 0 ? due : 0;
    int64_t want = spend - (due < 0 ? -due : 0);
    if (want > 0) { /* (none wanted: the cap needn't be asked) */
        int64_t room_spend = plan_loan_headroom(v) - must;
        if (want > room_spend)
            want = room_spend;
    }
    int64_t amount = plan_ceil_to(must + (want > 0 ? want : 0), v->pl->loan_step);
    if (amount <= 0)
        return 0;
    if (amount < v->sc->fin.short_min)
        amount = v->sc->fin.short_min;
    int64_t room = plan_loan_headroom_at(v, 100);
    if (amount > room)
        amount = plan_floor_loan(v, room);
    return amount < v->sc->fin.short_min ? 0 : amount;
}

/* Q4 of the year before the last: what the next S1 repays (principal and
 * interest); 0 in any other quarter. */
int64_t plan_last_year_repayment(const View *v)
{
    if (v->year != v->sc->years - 1 || v->quarter != 4)
        return 0;
    int64_t r = 0;
    for (int i = 0; i < v->t->nloans; i++) {
        const ShapanLoan *l = &v->t->loans[i];
        if (l->is_short && l->due == v->aq + 1)
            r += plan_short_repayment(v->sc, l);
    }
    return r;
}

/* A loan of the last year falls due after the game and costs nothing in it,
 * while one taken before costs its interest.  So in Q4 of the year before the
 * last, the reserve may pay (part of) the last year's first repayment, to be
 * borrowed back at that S1 for free: as much of it as that repayment, when next
 * year's cap (3 x this year's projected equity) leaves room for that after the
 * repayment, with `borrowing` more taken now.  The part of the reserve that
 * need not be held; 0 at any other time. */
static int64_t reserve_lent(const View *v, int64_t borrowing)
{
    if (plan_window_carries(v))
        return 0; /* the window lends the repayment: the reserve stays */
    int64_t r = plan_last_year_repayment(v);
    int64_t lent = r < v->pl->reserve ? r : v->pl->reserve;
    if (lent <= 0)
        return 0;
    int64_t cap = shapan_scenario_loan_cap(v->sc, plan_projected_equity(v));
    return cap - (plan_loans_total(v->t, false) + borrowing - r) >= lent ? lent : 0;
}

int64_t plan_reserve(const View *v) { return v->pl->reserve - reserve_lent(v, 0); }

/* Next year's cap at this year's projected equity less the tax on this year's
 * gain (the loss pool left out: the cap comes out no lower). */
static int64_t next_cap(const View *v)
{
    int64_t eq = plan_projected_equity(v);
    int64_t gain = eq - plan_statement_of(v, v->year - 1)->balance[SHAPAN_BAL_EQUITY];
    if (gain > 0)
        eq -= shapan_half_up(gain, v->sc->fin.tax_rate);
    return shapan_scenario_loan_cap(v->sc, eq);
}

/* The last year's long-loan window comes before its first S1, and its loans
 * fall due after the game: it can lend that S1's repayment and the reserve for
 * free, where a Q4 loan that holds them in cash costs its interest.  Decided at
 * the Q4 S1 (plan_gen_short) and kept for the quarter. */
bool plan_window_carries(const View *v) { return v->pl->window_aq == v->aq + 1 && !v->pre_s1; }

bool plan_gen_short(const View *v, ShapanCommand *c)
{
    if (plan_gen_endgame_short(v, c))
        return true;
    int64_t r = plan_last_year_repayment(v);
    v->pl->window_aq = 0; /* first the loan as if no window came */
    int64_t amount = short_amount(v, v->pl->reserve);
    /* the window carries the repayment when the debt it would lend on, with
     * the repayment and the reserve on top, stays under next year's cap: the
     * loan is then planned without them */
    if (r > 0 && plan_loans_total(v->t, false) + amount + v->pl->reserve <= next_cap(v)) {
        v->pl->window_aq = (int16_t)(v->aq + 1);
        v->memo->cash_ready = false;
        amount = short_amount(v, v->pl->reserve);
    } else {
        int64_t lent = reserve_lent(v, 0);
        if (lent > 0) { /* the loan with less reserve, if the cap still lends it back */
            int64_t less = short_amount(v, v->pl->reserve - lent);
            if (reserve_lent(v, less) > 0)
                amount = less;
        }
    }
    if (amount <= 0)
        return false;
    shapan_cmd_init(c, SHAPAN_CMD_SHORT_LOAN, v->team);
    c->amount = amount;
    return true;
}

bool plan_gen_long(const View *v, ShapanCommand *c)
{
    const ShapanProfile *p = v->pl->p;
    int64_t amount =
        plan_ceil_to(plan_capex_of_year(v, v->year) * p->long_percent / 100, v->pl->loan_step);
    int64_t gap = plan_ceil_to(plan_commitments(v) + v->pl->reserve - v->t->cash, v->pl->loan_step);
    if (gap > amount)
        amount = gap; /* this quarter's S1 repayments come before any short loan */
    if (amount < v->sc->fin.long_min)
        return false; /* (the cap can only lower it, so the cap needn't be asked) */
    int64_t room = plan_loan_headroom(v);
    /* in the last year what S1 repays may use the whole cap (the window's loan
     * falls due after the game) */
    if (v->year == v->sc->years && gap > room) {
        int64_t whole = plan_loan_headroom_at(v, 100);
        room = gap < whole ? gap : whole;
    }
    if (amount > room)
        amount = plan_floor_loan(v, room);
    if (amount < v->sc->fin.long_min)
        return false;
    int years = p->long_years;
    if (years > v->sc->fin.long_max_years)
        years = v->sc->fin.long_max_years;
    shapan_cmd_init(c, SHAPAN_CMD_LONG_LOAN, v->team);
    c->amount = amount;
    c->years = years;
    return true;
}
