/* The planning rival.  It reads only its own board, the scenario (catalogue and
 * the public forecast) and the public meeting state, and answers one command at
 * a time.  Each stage runs a fixed list of generators; a generator proposes the
 * next command it wants, which must pass shapan_cmd_check, or it is exhausted
 * for this stage.  Cash is planned to the next S1 (the next chance to borrow):
 * discretionary spending never eats into what is already due by then. */
#include <stdlib.h>
#include <string.h>

#include "ai/planner.h"

#define HORIZON 8 /* quarters simulated ahead */

enum {
    G_ADS = 1u << 0,
    G_LONG = 1u << 1,
    G_SHORT = 1u << 2,
    G_MATERIALS = 1u << 3,
    G_BUILD = 1u << 4,
    G_INVEST = 1u << 5,
    G_PRODUCE = 1u << 6,
    G_DELIVER = 1u << 7,
    G_RND = 1u << 8,
    G_CERT = 1u << 9,
    G_END = 1u << 10,
};

typedef struct {
    const ShapanProfile *p;
    int team;
    int build_type[AI_MAX_STEPS];
    int build_product[AI_MAX_STEPS];
    int product[SHAPAN_MAX_PRODUCTS];
    int market[SHAPAN_MAX_MARKETS];
    int iso[SHAPAN_MAX_ISOS];
    int pos_key;
    unsigned done;
    int cash_step;
    int steps;     /* commands proposed at this position */
    ShapanRng rng; /* the rival's own generator: ad noise only */
} Planner;

typedef struct {
    const ShapanWorld *w;
    const ShapanScenario *sc;
    const ShapanTeam *t;
    Planner *pl;
    int team;
    int year, quarter, aq;
    ShapanStage stage;
    bool pre_s1; /* this quarter's S1 is still to come */
} View;

void *shapan_planner_create(const ShapanProfile *p, const ShapanWorld *w, int team, uint64_t seed)
{
    Planner *pl = calloc(1, sizeof *pl);
    if (!pl)
        return NULL;
    shapan_rng_seed(&pl->rng, seed);
    const ShapanScenario *sc = shapan_world_scenario(w);
    pl->p = p;
    pl->team = team;
    pl->pos_key = -1;
    for (int i = 0; i < p->nbuilds; i++) {
        const AiBuild *b = &p->builds[i];
        pl->build_type[i] = b->plant ? shapan_scenario_plant_type(sc, b->type)
                                     : shapan_scenario_line_type(sc, b->type);
        pl->build_product[i] = b->plant ? -1 : shapan_scenario_product(sc, b->product);
    }
    for (int i = 0; i < p->nproducts; i++)
        pl->product[i] = shapan_scenario_product(sc, p->products[i].id);
    for (int i = 0; i < p->nmarkets; i++)
        pl->market[i] = shapan_scenario_market(sc, p->markets[i].id);
    for (int i = 0; i < p->nisos; i++)
        pl->iso[i] = shapan_scenario_iso(sc, p->isos[i].id);
    return pl;
}

void shapan_planner_destroy(void *st) { free(st); }

static int64_t ceil_to(int64_t x, int64_t step) { return (x + step - 1) / step * step; }

/* ---- forecasting the own board ------------------------------------------------------ */

/* Quarter (aq) from which product p can be made, assuming scheduled R&D is paid
 * every quarter from its start. */
static int qualified_from(const View *v, int p)
{
    const ShapanTeam *t = v->t;
    if (t->qualified[p])
        return -100;
    int left = v->sc->products[p].rnd_quarters - t->rnd_paid[p];
    int start = 1000;
    for (int i = 0; i < v->pl->p->nproducts; i++)
        if (v->pl->product[i] == p)
            start = shapan_aq(v->pl->p->products[i].year, v->pl->p->products[i].quarter);
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
static int line_ready_aq(const View *v, const ShapanLine *l)
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

/* Simulates one line for HORIZON quarters from now: starts[j] = a unit starts at
 * S3 of quarter aq+j, done[j] = units reaching stock at S1 of aq+j. */
static void sim_line(const View *v, const ShapanLine *l, int starts[HORIZON], int done[HORIZON])
{
    const ShapanLineType *lt = &v->sc->line_types[l->type];
    int wl = l->wip_left;
    int ready = line_ready_aq(v, l);
    int qual = qualified_from(v, l->product);
    for (int j = 0; j < HORIZON; j++) {
        starts[j] = done[j] = 0;
        int aq = v->aq + j;
        if ((j > 0 || v->pre_s1) && wl > 0 && --wl == 0)
            done[j] = 1;
        bool can = (j > 0 || v->stage <= SHAPAN_STAGE_S3) && aq >= ready && aq >= qual && wl == 0;
        if (can && v->year + (v->quarter - 1 + j) / 4 <= v->sc->years) {
            starts[j] = 1;
            wl = lt->production_q;
        }
    }
}

/* Units of p in stock by S4 of each of the next HORIZON quarters (cumulative). */
static void capacity(const View *v, int p, int64_t avail[HORIZON])
{
    const ShapanTeam *t = v->t;
    int64_t c = t->products[p];
    int64_t add[HORIZON] = {0};
    for (int i = 0; i < t->nlines; i++) {
        const ShapanLine *l = &t->lines[i];
        if (l->status == SHAPAN_LINE_SOLD)
            continue;
        int starts[HORIZON], done[HORIZON];
        sim_line(v, l, starts, done);
        for (int j = 0; j < HORIZON; j++)
            if (done[j] && (l->wip_left > 0 && j == 0 ? l->wip_product : l->product) == p)
                add[j] += done[j];
    }
    for (int j = 0; j < HORIZON; j++) {
        c += add[j];
        avail[j] = c;
    }
}

/* Open orders of p due by the end of quarter j of this year (cumulative), by index. */
static void committed(const View *v, int p, int64_t out[4])
{
    memset(out, 0, sizeof(int64_t) * 4);
    for (int i = 0; i < v->t->nheld; i++) {
        const ShapanHeld *h = &v->t->held[i];
        const ShapanOrder *o = &v->sc->orders[h->order];
        if (h->status != SHAPAN_HELD_OPEN || o->product != p)
            continue;
        for (int d = h->delivery; d <= 4; d++)
            out[d - 1] += o->qty;
    }
}

/* Can an order of qty units of p due by quarter `delivery` be met on top of the
 * orders already held?  (Earliest-deadline-first feasibility, year start view.) */
static bool feasible(const View *v, int p, int qty, int delivery)
{
    int64_t avail[HORIZON], com[4];
    capacity(v, p, avail);
    committed(v, p, com);
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
static int64_t want_units(const View *v, int p)
{
    const ShapanTeam *t = v->t;
    int64_t need = 0, have = t->products[p];
    for (int i = 0; i < t->nheld; i++) {
        const ShapanHeld *h = &t->held[i];
        if (h->status == SHAPAN_HELD_OPEN && v->sc->orders[h->order].product == p)
            need += v->sc->orders[h->order].qty;
    }
    /* products used to make other products count as demand too */
    for (int i = 0; i < t->nlines; i++) {
        const ShapanLine *l = &t->lines[i];
        if (l->wip_left > 0 && l->wip_product == p)
            have++;
        if (l->status == SHAPAN_LINE_SOLD)
            continue;
        const ShapanProduct *pr = &v->sc->products[l->product];
        for (int k = 0; k < pr->nbom; k++)
            if (pr->bom[k].kind == SHAPAN_ITEM_PRODUCT && pr->bom[k].index == p)
                need += pr->bom[k].qty;
        if (l->product == p && v->year < v->sc->years)
            need += v->pl->p->carry_quarters / v->sc->line_types[l->type].production_q +
                    (v->pl->p->carry_quarters > 0 &&
                     v->sc->line_types[l->type].production_q > v->pl->p->carry_quarters);
    }
    /* before the first meeting year nothing is sold: build the carry only */
    return need - have;
}

/* ---- cash ------------------------------------------------------------------------- */

static int64_t loans_total(const ShapanTeam *t, bool short_only)
{
    int64_t s = 0;
    for (int i = 0; i < t->nloans; i++)
        if (!short_only || t->loans[i].is_short)
            s += t->loans[i].principal;
    return s;
}

static int64_t plan_ads(const View *v, int year, ShapanCommand *c);

/* What is due before the next chance to borrow, less what comes in first.  At
 * year start and in the meeting that chance is the long-loan window; there it
 * is S1, whose repayments come before its loans; after S1 it is the next S1. */
/* Payments before this quarter's S4 collection (pre), after it up to the next
 * S1 (post), and that collection (recv). */
static void cash_plan(const View *v, int64_t *pre, int64_t *post, int64_t *recv)
{
    const ShapanScenario *sc = v->sc;
    const ShapanTeam *t = v->t;
    int aq = v->aq;
    *pre = *post = *recv = 0;
    if (v->stage == SHAPAN_STAGE_YEAR_START || v->stage == SHAPAN_STAGE_MEETING)
        return;
    for (int i = 0; i < t->nloans; i++) {
        const ShapanLoan *l = &t->loans[i];
        if (!l->is_short)
            continue;
        int64_t amount = l->principal + shapan_half_up(l->principal, sc->fin.short_rate);
        if (v->pre_s1 && l->due == aq)
            *pre += amount;
        else if (l->due == aq + 1)
            *post += amount;
    }
    if (v->stage == SHAPAN_STAGE_LONG_LOAN) {
        *post = 0; /* S1 lends again after its repayments */
        return;
    }
    if (v->stage == SHAPAN_STAGE_S6)
        return; /* the quarter is closed: only the next S1 remains */
    if (v->stage < SHAPAN_STAGE_S2)
        for (int m = 0; m < sc->nmaterials; m++)
            *pre += t->arrivals[aq][m] * sc->materials[m].price;
    if (v->stage <= SHAPAN_STAGE_S3)
        for (int i = 0; i < t->nlines; i++) {
            int starts[HORIZON], done[HORIZON];
            sim_line(v, &t->lines[i], starts, done);
            if (starts[0])
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
            if (t->lines[i].status != SHAPAN_LINE_SOLD && line_ready_aq(v, &t->lines[i]) <= aq)
                due += sc->line_types[t->lines[i].type].maintenance;
        int64_t longs = loans_total(t, false) - loans_total(t, true);
        due += shapan_half_up(longs, sc->fin.long_rate);
        for (int i = 0; i < t->nloans; i++)
            if (!t->loans[i].is_short && t->loans[i].due == v->year + 1)
                due += t->loans[i].principal;
        ShapanStatement st;
        shapan_statement(v->w, v->team, v->year, &st);
        if (st.income[SHAPAN_INC_EBT] > 0)
            due += shapan_half_up(st.income[SHAPAN_INC_EBT], sc->fin.tax_rate);
        due += plan_ads(v, v->year + 1, NULL); /* paid at year start, before the next S1 */
    }
    *post += due;
}

/* The most cash needed at any point before the next chance to borrow, if
 * `extra` more is spent before S4.  At year start and in the meeting that
 * chance is the long-loan window; there it is S1 (after its repayments); after
 * S1 it is the next S1. */
static int64_t need_with(const View *v, int64_t extra)
{
    int64_t pre, post, recv;
    cash_plan(v, &pre, &post, &recv);
    int64_t before = pre + extra, after = pre + extra + post - recv;
    return before > after ? before : after;
}

static int64_t commitments(const View *v) { return need_with(v, 0); }

static bool affordable(const View *v, int64_t cost)
{
    return v->t->cash >= need_with(v, cost) + v->pl->p->reserve;
}

/* Room under the loan cap; `percent` of the cap at most (the profile's limit for
 * spending it chooses; 100 for payments already due). */
static int64_t loan_headroom_at(const View *v, int percent)
{
    int64_t eq = 0;
    if (v->year - 1 == v->t->closed_year)
        eq = v->t->equity_closed; /* the board keeps it: no pass over the ledger */
    else if (!shapan_view_equity(v->w, v->team, v->year - 1, &eq))
        return 0;
    if (eq <= 0)
        return 0;
    int64_t cap = shapan_floor(eq, v->sc->fin.loan_cap) * percent / 100;
    return cap - loans_total(v->t, false);
}

/* For spending it chooses, the planner also respects the cap it will face next
 * year: 3 x the equity as it stands now (this year's statements so far). */
static int64_t loan_headroom(const View *v)
{
    int64_t room = loan_headroom_at(v, v->pl->p->loan_cap_percent);
    ShapanStatement st;
    shapan_statement(v->w, v->team, v->year, &st);
    int64_t eq = st.balance[SHAPAN_BAL_EQUITY];
    int64_t next =
        (eq > 0 ? shapan_floor(eq, v->sc->fin.loan_cap) : 0) * v->pl->p->loan_cap_percent / 100 -
        loans_total(v->t, false);
    return next < room ? next : room;
}

/* ---- schedule ------------------------------------------------------------------------ */

static int plants_held(const ShapanTeam *t)
{
    int n = 0;
    for (int i = 0; i < t->nplants; i++)
        n += t->plants[i].status != SHAPAN_PLANT_GONE;
    return n;
}

/* Marks the scheduled builds not made yet: the k-th plant (line) of the plan is
 * made once the board holds more than k plants (lines).  Returns how many. */
static int pending_builds(const View *v, bool pending[AI_MAX_STEPS])
{
    const ShapanProfile *p = v->pl->p;
    int plants = 0, lines = 0, n = 0;
    for (int i = 0; i < p->nbuilds; i++) {
        const AiBuild *b = &p->builds[i];
        pending[i] = false;
        if (v->pl->build_type[i] < 0 || (!b->plant && v->pl->build_product[i] < 0))
            continue;
        bool made = b->plant ? plants_held(v->t) > plants : v->t->nlines > lines;
        if (b->plant)
            plants++;
        else
            lines++;
        pending[i] = !made;
        n += !made;
    }
    return n;
}

/* Index of the first scheduled build not yet made, if it is due now. */
static int next_build(const View *v)
{
    bool pending[AI_MAX_STEPS];
    pending_builds(v, pending);
    for (int i = 0; i < v->pl->p->nbuilds; i++)
        if (pending[i]) {
            const AiBuild *b = &v->pl->p->builds[i];
            return shapan_aq(b->year, b->quarter) <= v->aq ? i : -1;
        }
    return -1;
}

static int64_t build_cost(const View *v, int i)
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
static int64_t capex_of_year(const View *v, int year)
{
    int64_t s = 0;
    for (int i = 0; i < v->pl->p->nbuilds; i++) {
        const AiBuild *b = &v->pl->p->builds[i];
        if (b->year != year || v->pl->build_type[i] < 0)
            continue;
        s += b->plant ? build_cost(v, i) : v->sc->line_types[v->pl->build_type[i]].total;
    }
    return s;
}

/* ---- generators ------------------------------------------------------------------------ */

static bool gen_build(const View *v, ShapanCommand *c)
{
    int i = next_build(v);
    if (i < 0 || !affordable(v, build_cost(v, i)))
        return false;
    const AiBuild *b = &v->pl->p->builds[i];
    if (b->plant) {
        *c = shapan_cmd_simple(b->buy ? SHAPAN_CMD_BUY_PLANT : SHAPAN_CMD_RENT_PLANT, v->team);
        c->kind = v->pl->build_type[i];
        return true;
    }
    for (int k = 0; k < v->t->nplants; k++) {
        const ShapanPlant *pp = &v->t->plants[k];
        if (pp->status == SHAPAN_PLANT_GONE)
            continue;
        int used = 0;
        for (int j = 0; j < v->t->nlines; j++)
            used += v->t->lines[j].plant == k + 1 && v->t->lines[j].status != SHAPAN_LINE_SOLD;
        if (used < v->sc->plant_types[pp->type].slots) {
            *c = shapan_cmd_simple(SHAPAN_CMD_BUILD_LINE, v->team);
            c->plant = k + 1;
            c->kind = v->pl->build_type[i];
            c->product = v->pl->build_product[i];
            return true;
        }
    }
    return false;
}

static bool gen_invest(const View *v, ShapanCommand *c)
{
    for (int i = 0; i < v->t->nlines; i++) {
        const ShapanLine *l = &v->t->lines[i];
        const ShapanLineType *lt = &v->sc->line_types[l->type];
        if (l->status != SHAPAN_LINE_BUILDING || l->paid_n >= shapan_line_instalments(lt) ||
            l->last_invest_aq == v->aq)
            continue;
        if (!affordable(v, lt->total / shapan_line_instalments(lt)))
            return false;
        *c = shapan_cmd_simple(SHAPAN_CMD_INVEST_LINE, v->team);
        c->line = i + 1;
        return true;
    }
    return false;
}

static bool gen_produce(const View *v, ShapanCommand *c)
{
    for (int i = 0; i < v->t->nlines; i++) {
        const ShapanLine *l = &v->t->lines[i];
        if (l->status != SHAPAN_LINE_READY || l->wip_left > 0 || !v->t->qualified[l->product] ||
            want_units(v, l->product) <= 0)
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
        *c = shapan_cmd_simple(SHAPAN_CMD_PRODUCE, v->team);
        c->line = i + 1;
        return true;
    }
    return false;
}

static bool gen_materials(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    int64_t need[HORIZON][SHAPAN_MAX_MATERIALS] = {{0}};
    int64_t want[SHAPAN_MAX_PRODUCTS];
    for (int p = 0; p < sc->nproducts; p++)
        want[p] = want_units(v, p);
    /* walk quarter by quarter so the earliest starts get the materials */
    int starts[SHAPAN_MAX_LINES][HORIZON], done[HORIZON];
    for (int i = 0; i < v->t->nlines; i++)
        sim_line(v, &v->t->lines[i], starts[i], done);
    for (int j = 0; j < HORIZON; j++)
        for (int i = 0; i < v->t->nlines; i++) {
            const ShapanLine *l = &v->t->lines[i];
            if (l->status == SHAPAN_LINE_SOLD || !starts[i][j])
                continue;
            /* beyond this year's orders, a new year's orders will come: keep lines fed */
            int year_of = v->year + (v->quarter - 1 + j) / 4;
            if (year_of == v->year && want[l->product] <= 0)
                continue;
            want[l->product]--;
            const ShapanProduct *pr = &sc->products[l->product];
            for (int k = 0; k < pr->nbom; k++)
                if (pr->bom[k].kind == SHAPAN_ITEM_MATERIAL)
                    need[j][pr->bom[k].index] += pr->bom[k].qty;
        }
    *c = shapan_cmd_simple(SHAPAN_CMD_ORDER_MATERIALS, v->team);
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
            c->items[m] = -s;
            any = true;
        }
    }
    return any;
}

/* Delivers in deadline order per product: stock goes to the order due first,
 * never to a later one while an earlier one that can still be met waits. */
static bool gen_deliver(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    for (int p = 0; p < sc->nproducts; p++) {
        int first = -1;
        for (int i = 0; i < v->t->nheld; i++) {
            const ShapanHeld *h = &v->t->held[i];
            const ShapanOrder *o = &sc->orders[h->order];
            if (h->status != SHAPAN_HELD_OPEN || o->product != p || h->delivery < v->quarter)
                continue;
            /* due now and not coverable: it is lost anyway, don't let it block */
            if (h->delivery == v->quarter && v->t->products[p] < o->qty)
                continue;
            if (first < 0 || h->delivery < v->t->held[first].delivery)
                first = i;
        }
        if (first >= 0 && v->t->products[p] >= sc->orders[v->t->held[first].order].qty) {
            *c = shapan_cmd_simple(SHAPAN_CMD_DELIVER, v->team);
            c->order = v->t->held[first].order;
            return true;
        }
    }
    return false;
}

static bool gen_rnd(const View *v, ShapanCommand *c)
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
        if (!affordable(v, v->sc->products[pr].rnd_fee))
            return false;
        *c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_PRODUCT, v->team);
        c->product = pr;
        return true;
    }
    return false;
}

static bool gen_cert(const View *v, ShapanCommand *c)
{
    const ShapanProfile *p = v->pl->p;
    if (v->quarter != 4)
        return false;
    for (int i = 0; i < p->nmarkets; i++) {
        int m = v->pl->market[i];
        if (m < 0 || v->t->market_held[m] || v->t->market_last_year[m] == v->year ||
            v->t->market_paid[m] >= v->sc->markets[m].years || p->markets[i].year > v->year)
            continue;
        /* an endgame planner pays nothing that can't complete before the game ends */
        if (p->endgame &&
            v->sc->markets[m].years - v->t->market_paid[m] > v->sc->years - v->year + 1)
            continue;
        if (!affordable(v, v->sc->markets[m].fee))
            return false;
        *c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_MARKET, v->team);
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
        if (!affordable(v, v->sc->isos[k].fee))
            return false;
        *c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_ISO, v->team);
        c->iso = k;
        return true;
    }
    return false;
}

/* ---- the last quarter: score = half_up(equity x (100 + potential) / 100) ---------------- */

static bool last_quarter(const View *v)
{
    return v->pl->p->endgame && v->year == v->sc->years && v->quarter == 4;
}

/* Worth it when the points gained outweigh what the equity loses:
 * equity x points > cost x (100 + potential). */
static bool raises_score(const View *v, int64_t points, int64_t cost)
{
    ShapanStatement st;
    shapan_statement(v->w, v->team, v->year, &st);
    int64_t eq = st.balance[SHAPAN_BAL_EQUITY];
    int64_t pot = shapan_team_potential(v->w, v->t);
    return eq > 0 && eq * points > cost * (100 + pot);
}

/* S3: a line that is ready at once (no install quarters), in a free slot; it costs
 * its maintenance at the year end (no depreciation in its first year). */
static bool gen_endgame_line(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    if (!last_quarter(v))
        return false;
    int best = -1;
    for (int k = 0; k < sc->nline_types; k++) {
        const ShapanLineType *lt = &sc->line_types[k];
        if (lt->install_q == 0 && lt->points > 0 &&
            (best < 0 || lt->points * 1000 - lt->maintenance >
                             sc->line_types[best].points * 1000 - sc->line_types[best].maintenance))
            best = k;
    }
    if (best < 0 ||
        !raises_score(v, sc->line_types[best].points, sc->line_types[best].maintenance) ||
        !affordable(v, sc->line_types[best].total))
        return false;
    for (int k = 0; k < v->t->nplants; k++) {
        const ShapanPlant *pp = &v->t->plants[k];
        if (pp->status == SHAPAN_PLANT_GONE)
            continue;
        int used = 0;
        for (int j = 0; j < v->t->nlines; j++)
            used += v->t->lines[j].plant == k + 1 && v->t->lines[j].status != SHAPAN_LINE_SOLD;
        if (used < sc->plant_types[pp->type].slots) {
            *c = shapan_cmd_simple(SHAPAN_CMD_BUILD_LINE, v->team);
            c->plant = k + 1;
            c->kind = best;
            c->product = 0;
            return true;
        }
    }
    return false;
}

/* S5: rent-to-buy (cash becomes a plant: equity unchanged, its points count), and
 * the last instalment of a certificate or of R&D when its points are worth the fee. */
static bool gen_endgame_s5(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    const ShapanTeam *t = v->t;
    if (!last_quarter(v))
        return false;
    for (int k = 0; k < t->nplants; k++) {
        const ShapanPlantType *pt = &sc->plant_types[t->plants[k].type];
        if (t->plants[k].status == SHAPAN_PLANT_RENTED && pt->points > 0 &&
            affordable(v, pt->buy)) {
            *c = shapan_cmd_simple(SHAPAN_CMD_RENT_TO_BUY, v->team);
            c->plant = k + 1;
            return true;
        }
    }
    for (int m = 0; m < sc->nmarkets; m++) {
        const ShapanCert *ce = &sc->markets[m];
        if (!t->market_held[m] && t->market_last_year[m] != v->year &&
            t->market_paid[m] == ce->years - 1 && raises_score(v, ce->points, ce->fee) &&
            affordable(v, ce->fee)) {
            *c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_MARKET, v->team);
            c->market = m;
            return true;
        }
    }
    for (int i = 0; i < sc->nisos; i++) {
        const ShapanCert *ce = &sc->isos[i];
        if (!t->iso_held[i] && t->iso_last_year[i] != v->year && t->iso_paid[i] == ce->years - 1 &&
            raises_score(v, ce->points, ce->fee) && affordable(v, ce->fee)) {
            *c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_ISO, v->team);
            c->iso = i;
            return true;
        }
    }
    for (int p = 0; p < sc->nproducts; p++) {
        const ShapanProduct *pr = &sc->products[p];
        if (!t->qualified[p] && t->rnd_last_aq[p] != v->aq &&
            t->rnd_paid[p] == pr->rnd_quarters - 1 && raises_score(v, pr->points, pr->rnd_fee) &&
            affordable(v, pr->rnd_fee)) {
            *c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_PRODUCT, v->team);
            c->product = p;
            return true;
        }
    }
    return false;
}

/* This quarter's discretionary spending, as the generators would do it. */
static int64_t planned_spend(const View *v)
{
    int64_t s = 0;
    /* every build due by this quarter and not made yet */
    bool pending[AI_MAX_STEPS];
    pending_builds(v, pending);
    for (int i = 0; i < v->pl->p->nbuilds; i++)
        if (pending[i] && shapan_aq(v->pl->p->builds[i].year, v->pl->p->builds[i].quarter) <= v->aq)
            s += build_cost(v, i);
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

static bool gen_short(const View *v, ShapanCommand *c)
{
    int64_t spend = planned_spend(v);
    int64_t due = commitments(v) + v->pl->p->reserve - v->t->cash;
    int64_t all = need_with(v, spend) + v->pl->p->reserve - v->t->cash;
    spend = all - due; /* what the plan adds to the peak need */
    if (due + spend <= 0)
        return false;
    /* what is already due may use the whole cap; what it merely plans, its share */
    int64_t must = due > 0 ? due : 0;
    int64_t room_spend = loan_headroom(v) - must;
    int64_t want = spend - (due < 0 ? -due : 0);
    if (want > room_spend)
        want = room_spend;
    int64_t amount = ceil_to(must + (want > 0 ? want : 0), 10);
    if (amount <= 0)
        return false;
    if (amount < v->sc->fin.short_min)
        amount = v->sc->fin.short_min;
    int64_t room = loan_headroom_at(v, 100);
    if (amount > room)
        amount = room / 10 * 10;
    if (amount < v->sc->fin.short_min)
        return false;
    *c = shapan_cmd_simple(SHAPAN_CMD_SHORT_LOAN, v->team);
    c->amount = amount;
    return true;
}

static bool gen_long(const View *v, ShapanCommand *c)
{
    const ShapanProfile *p = v->pl->p;
    int64_t amount = ceil_to(capex_of_year(v, v->year) * p->long_percent / 100, 10);
    int64_t gap = ceil_to(commitments(v) + p->reserve - v->t->cash, 10);
    if (gap > amount)
        amount = gap; /* this quarter's S1 repayments come before any short loan */
    int64_t room = loan_headroom(v);
    if (amount > room)
        amount = room / 10 * 10;
    if (amount < v->sc->fin.long_min)
        return false;
    int years = p->long_years;
    if (years > v->sc->fin.long_max_years)
        years = v->sc->fin.long_max_years;
    *c = shapan_cmd_simple(SHAPAN_CMD_LONG_LOAN, v->team);
    c->amount = amount;
    c->years = years;
    return true;
}

/* ---- the meeting ---------------------------------------------------------------------- */

/* The ads for `year`'s meeting: enough picks in every held market to sell what
 * the lines can make by Q4 of that year, split by the public forecast, scaled by
 * the profile.  Fills c (when given) and returns the total. */
static int64_t plan_ads(const View *v, int year, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    const ShapanProfile *p = v->pl->p;
    int nteams = shapan_world_teams(v->w);
    int j = shapan_aq(year, 4) - v->aq;
    int64_t total = 0;
    if (year > sc->years || !sc->meeting_year[year] || j < 0 || j >= HORIZON)
        return 0;
    for (int pr = 0; pr < sc->nproducts; pr++) {
        if (qualified_from(v, pr) > shapan_aq(year, 1))
            continue;
        int64_t avail[HORIZON];
        capacity(v, pr, avail);
        int64_t units = avail[j] * (100 + p->overbook_percent) / 100;
        int64_t fq[SHAPAN_MAX_MARKETS] = {0}, sum = 0;
        for (int m = 0; m < sc->nmarkets; m++) {
            const ShapanForecastCell *f = &sc->forecast[year][m][pr];
            bool held = v->t->market_held[m] ||
                        (v->t->market_paid[m] + (v->t->market_last_year[m] == v->year ? 0 : 1) >=
                             sc->markets[m].years &&
                         year > v->year);
            if (!held || f->qty <= 0)
                continue;
            fq[m] = f->qty;
        }
        for (int m = 0; m < sc->nmarkets; m++)
            sum += fq[m];
        for (int m = 0; m < sc->nmarkets && units > 0; m++) {
            if (!fq[m])
                continue;
            const ShapanForecastCell *f = &sc->forecast[year][m][pr];
            int64_t share = (units * fq[m] + sum - 1) / sum;
            int64_t cell_units =
                (int64_t)f->qty * nteams / (sc->forecast_teams ? sc->forecast_teams : 1);
            if (cell_units < 1)
                cell_units = 1;
            if (share > cell_units)
                share = cell_units;
            int64_t per_order = f->count > 0 ? (f->qty + f->count - 1) / f->count : 1;
            int64_t picks = (share + per_order - 1) / per_order;
            if (picks < 1)
                picks = 1;
            /* the extra picks scale with ad_percent; ad_extra is a flat bid for rank */
            int64_t ad = sc->meet.min_ad + sc->meet.pick_step * (picks - 1) * p->ad_percent / 100 +
                         p->ad_extra;
            if (c && p->ad_noise_percent > 0) {
                /* 0..2 W more, seeded: equal rivals rarely tie exactly */
                ad += (int64_t)shapan_rng_below(&v->pl->rng, 3);
            }
            if (ad < sc->meet.min_ad)
                ad = sc->meet.min_ad;
            if (c) {
                ShapanAdBid *b = &c->bids[c->nbids++];
                b->market = (int8_t)m;
                b->product = (int8_t)pr;
                b->amount = ad;
            }
            total += ad;
        }
    }
    return total;
}

static bool gen_ads(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    *c = shapan_cmd_simple(SHAPAN_CMD_ADS, v->team);
    int64_t total = plan_ads(v, v->year, c);
    /* keep what is due before the next S1 */
    int64_t budget = v->t->cash - commitments(v) - v->pl->p->reserve;
    if (total > budget && total > 0) {
        for (int i = 0; i < c->nbids; i++) {
            int64_t a = budget > 0 ? c->bids[i].amount * budget / total : 0;
            c->bids[i].amount = a >= sc->meet.min_ad ? a : 0;
        }
    }
    return true;
}

static bool order_ok(const View *v, const ShapanOrder *o)
{
    for (int i = 0; i < v->sc->nisos; i++)
        if ((o->iso_mask & (1u << i)) && !v->t->iso_held[i])
            return false;
    return v->t->qualified[o->product];
}

static bool gen_pick(const View *v, int m, int pr, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    int best = -1;
    int64_t best_value = 0;
    for (int i = 0; i < sc->norders; i++) {
        const ShapanOrder *o = &sc->orders[i];
        if (o->year != v->year || o->bid || o->market != m || o->product != pr ||
            shapan_view_order_state(v->w, i) != SHAPAN_ORDER_FREE || !order_ok(v, o) ||
            !feasible(v, pr, o->qty, o->delivery))
            continue;
        /* margin, less about 2 % of the price per quarter of credit */
        int64_t value = o->price - sc->products[pr].direct_cost * o->qty - o->price * o->term / 50;
        if (best < 0 || value > best_value) {
            best = i;
            best_value = value;
        }
    }
    if (best >= 0) {
        *c = shapan_cmd_simple(SHAPAN_CMD_PICK, v->team);
        c->order = best;
    } else {
        *c = shapan_cmd_simple(SHAPAN_CMD_PASS, v->team);
        c->market = m;
        c->product = pr;
    }
    return true;
}

static bool gen_bid(const View *v, int order, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    const ShapanOrder *o = &sc->orders[order];
    *c = shapan_cmd_simple(SHAPAN_CMD_DECLINE, v->team);
    c->order = order;
    if (!v->pl->p->bids || !v->t->qualified[o->product])
        return true;
    for (int d = 1; d <= 4; d++)
        if (feasible(v, o->product, o->qty, d)) {
            int64_t base = sc->products[o->product].direct_cost * o->qty;
            ShapanCommand b = shapan_cmd_simple(SHAPAN_CMD_BID, v->team);
            b.order = order;
            b.price = base * v->pl->p->bid_markup_percent / 100;
            b.delivery = d;
            b.term = 0;
            if (shapan_cmd_check(v->w, &b, NULL) == SHAPAN_OK)
                *c = b;
            return true;
        }
    return true;
}

static bool meeting_turn(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    for (int m = 0; m < sc->nmarkets; m++)
        for (int p = 0; p < sc->nproducts; p++)
            if (shapan_meeting_turn(v->w, m, p) == v->team)
                return gen_pick(v, m, p, c);
    int orders[SHAPAN_MAX_ORDERS > 64 ? 64 : SHAPAN_MAX_ORDERS];
    int n = shapan_meeting_bid_group(v->w, orders, 64);
    for (int i = 0; i < n; i++)
        if (shapan_meeting_bid_pending(v->w, v->team, orders[i]))
            return gen_bid(v, orders[i], c);
    return false;
}

/* ---- moving on ----------------------------------------------------------------------- */

/* Stock not needed for open orders (products) or for the next quarter's
 * production (materials): what can be sold without breaking a promise. */
static void excess_stock(const View *v, ShapanCommand *d)
{
    const ShapanScenario *sc = v->sc;
    *d = shapan_cmd_simple(SHAPAN_CMD_SELL_INVENTORY, v->team);
    for (int p = 0; p < sc->nproducts; p++) {
        int64_t need = 0;
        for (int i = 0; i < v->t->nheld; i++) {
            const ShapanHeld *h = &v->t->held[i];
            if (h->status == SHAPAN_HELD_OPEN && sc->orders[h->order].product == p)
                need += sc->orders[h->order].qty;
        }
        if (v->t->products[p] > need)
            d->items[sc->nmaterials + p] = v->t->products[p] - need;
    }
    int64_t use[SHAPAN_MAX_MATERIALS] = {0};
    for (int i = 0; i < v->t->nlines; i++) {
        const ShapanLine *l = &v->t->lines[i];
        if (l->status == SHAPAN_LINE_SOLD)
            continue;
        const ShapanProduct *pr = &sc->products[l->product];
        for (int k = 0; k < pr->nbom; k++)
            if (pr->bom[k].kind == SHAPAN_ITEM_MATERIAL)
                use[pr->bom[k].index] += pr->bom[k].qty;
    }
    for (int m = 0; m < sc->nmaterials; m++)
        if (v->t->materials[m] > use[m])
            d->items[m] = v->t->materials[m] - use[m];
}

/* `next`, or, if a payment on the way can't be met, raise cash step by step:
 * discount near receivables, then far ones, then sell what no order needs,
 * then any stock; concede last. */
static bool advance(const View *v, ShapanCommand *c)
{
    *c = shapan_cmd_simple(SHAPAN_CMD_NEXT, v->team);
    ShapanErrorCode rc = shapan_cmd_check(v->w, c, NULL);
    if (rc != SHAPAN_E_CASH)
        return rc == SHAPAN_OK;
    Planner *pl = v->pl;
    int first = shapan_view_first_collect_aq(v->t);
    while (pl->cash_step < 5) {
        int s = pl->cash_step++;
        ShapanCommand d;
        if (s == 4) {
            /* 厂房贴现: an owned plant is the last reserve of cash */
            d = shapan_cmd_simple(SHAPAN_CMD_DISCOUNT_PLANT, v->team);
            for (int i = 0; i < v->t->nplants; i++)
                if (v->t->plants[i].status == SHAPAN_PLANT_OWNED)
                    d.plant = i + 1;
            if (d.plant && shapan_cmd_check(v->w, &d, NULL) == SHAPAN_OK) {
                *c = d;
                pl->cash_step = 0; /* a sale may be followed by more steps */
                return true;
            }
            continue;
        }
        if (s < 2) {
            if (!v->pl->p->discount)
                continue;
            /* only what is missing, grossed up for the fee, nearest slots first */
            int64_t gap = commitments(v) + v->pl->p->reserve - v->t->cash;
            if (gap < 10)
                gap = 10;
            int64_t want = gap * 100 / 90 + 1;
            d = shapan_cmd_simple(SHAPAN_CMD_DISCOUNT, v->team);
            for (int k = 2 * s; k < 2 * s + 2 && want > 0; k++) {
                int64_t a = v->t->recv[first + k] < want ? v->t->recv[first + k] : want;
                d.slots[k] = a;
                want -= a;
            }
            if (want > 0 && s == 0)
                pl->cash_step = 1; /* near slots alone won't do: add the far ones next */
        } else if (s == 2) {
            excess_stock(v, &d);
        } else {
            d = shapan_cmd_simple(SHAPAN_CMD_SELL_INVENTORY, v->team);
            for (int m = 0; m < v->sc->nmaterials; m++)
                d.items[m] = v->t->materials[m];
            for (int p = 0; p < v->sc->nproducts; p++)
                d.items[v->sc->nmaterials + p] = v->t->products[p];
        }
        if (shapan_cmd_check(v->w, &d, NULL) == SHAPAN_OK) {
            *c = d;
            return true;
        }
    }
    *c = shapan_cmd_simple(SHAPAN_CMD_CONCEDE, v->team);
    return true;
}

typedef bool (*Gen)(const View *v, ShapanCommand *c);

static bool try_gen(const View *v, unsigned bit, Gen g, ShapanCommand *c)
{
    if (v->pl->done & bit)
        return false;
    if (g(v, c) && shapan_cmd_check(v->w, c, NULL) == SHAPAN_OK)
        return true;
    v->pl->done |= bit;
    return false;
}

bool shapan_planner_decide(void *st, const ShapanWorld *w, int team, ShapanCommand *out)
{
    Planner *pl = st;
    const ShapanScenario *sc = shapan_world_scenario(w);
    if (shapan_world_over(w) || shapan_view_bankrupt(w, team, NULL, NULL) ||
        shapan_team_closed_year(w, team) >= sc->years)
        return false;
    View v = {.w = w, .sc = sc, .t = shapan_view_own(w, team), .pl = pl, .team = team};
    shapan_view_position(w, team, &v.year, &v.quarter, &v.stage);
    v.aq = shapan_aq(v.year, v.quarter);
    v.pre_s1 = v.stage < SHAPAN_STAGE_S1;
    int key = v.aq * 16 + (int)v.stage;
    if (key != pl->pos_key) {
        pl->pos_key = key;
        pl->done = 0;
        pl->cash_step = 0;
        pl->steps = 0;
    }
    if (shapan_meeting_open(w) && meeting_turn(&v, out))
        return true;
    if (pl->p->idle) {
        if (v.stage == SHAPAN_STAGE_YEAR_START && sc->meeting_year[v.year]) {
            if (v.t->ads_rank)
                return false;
            *out = shapan_cmd_simple(SHAPAN_CMD_ADS, team);
            return true;
        }
        if (v.stage == SHAPAN_STAGE_MEETING)
            return false;
        return advance(&v, out);
    }
    if (++pl->steps > 200)
        return advance(&v, out); /* a generator that never settles: move on */
    switch (v.stage) {
    case SHAPAN_STAGE_YEAR_START:
        if (sc->meeting_year[v.year]) {
            if (v.t->ads_rank)
                return false;
            gen_ads(&v, out);
            if (shapan_cmd_check(w, out, NULL) != SHAPAN_OK)
                *out = shapan_cmd_simple(SHAPAN_CMD_ADS, team); /* nothing affordable */
            return true;
        }
        break;
    case SHAPAN_STAGE_MEETING: return false;
    case SHAPAN_STAGE_LONG_LOAN:
        if (try_gen(&v, G_LONG, gen_long, out)) {
            pl->done |= G_LONG;
            return true;
        }
        break;
    case SHAPAN_STAGE_S1:
        if (try_gen(&v, G_SHORT, gen_short, out)) {
            pl->done |= G_SHORT;
            return true;
        }
        break;
    case SHAPAN_STAGE_S2:
        if (try_gen(&v, G_MATERIALS, gen_materials, out)) {
            pl->done |= G_MATERIALS;
            return true;
        }
        break;
    case SHAPAN_STAGE_S3:
        if (try_gen(&v, G_PRODUCE, gen_produce, out) || try_gen(&v, G_INVEST, gen_invest, out) ||
            try_gen(&v, G_BUILD, gen_build, out) || try_gen(&v, G_END, gen_endgame_line, out))
            return true;
        /* lines built just now need materials ordered ahead of their lead times */
        if (try_gen(&v, G_MATERIALS, gen_materials, out)) {
            pl->done |= G_MATERIALS;
            return true;
        }
        break;
    case SHAPAN_STAGE_S4:
        if (try_gen(&v, G_DELIVER, gen_deliver, out))
            return true;
        break;
    case SHAPAN_STAGE_S5:
        if (try_gen(&v, G_RND, gen_rnd, out) || try_gen(&v, G_CERT, gen_cert, out) ||
            try_gen(&v, G_END, gen_endgame_s5, out))
            return true;
        break;
    default: break;
    }
    return advance(&v, out);
}

static void *planner_create_stub(const ShapanWorld *w, int team, uint64_t seed)
{
    (void)w;
    (void)team;
    (void)seed;
    return NULL; /* the planner starts only through shapan_ai_start_profile */
}

static const ShapanRival planner_rival = {
    "planner",
    "the planning rival, driven by a profile",
    planner_create_stub,
    shapan_planner_destroy,
    shapan_planner_decide,
    NULL,
};

bool shapan_ai_start_profile(ShapanAi *ai, const ShapanProfile *p, const ShapanWorld *w, int team,
                             uint64_t seed)
{
    ai->rival = &planner_rival;
    ai->team = team;
    ai->state = shapan_planner_create(p, w, team, seed);
    if (!ai->state)
        ai->rival = NULL;
    return ai->state != NULL;
}
