/* The planning rival.  It reads only its own board, the scenario (catalogue and
 * the public forecast) and the public meeting state, and answers one command at
 * a time.  Each stage runs a fixed list of generators; a generator proposes the
 * next command it wants, which must pass shapan_cmd_check, or it is exhausted
 * for this stage.  Cash is planned to the next S1 (the next chance to borrow):
 * discretionary spending never eats into what is already due by then. */
#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ai/plan.h"

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

void *shapan_planner_create(const ShapanProfile *p, const ShapanWorld *w, int team, uint64_t seed,
                            const PlanBook *book)
{
    /* the caches at its start are written before they are read: only what
     * follows them is zeroed (they are most of the planner) */
    Planner *pl = malloc(sizeof *pl);
    if (!pl)
        return NULL;
    memset(&pl->p, 0, sizeof *pl - offsetof(Planner, p));
    (void)team; /* each decision is told its team (shapan_planner_decide) */
    const ShapanScenario *sc = shapan_world_scenario(w);
    if (!book) {
        pl->own_book = plan_book_create(sc);
        if (!pl->own_book) {
            free(pl);
            return NULL;
        }
        book = pl->own_book;
    }
    pl->book = book;
    shapan_rng_seed(&pl->rng, seed);
    pl->p = p;
    pl->pos_key = -1;
    pl->sims_key.pos = -1;
    for (int k = 0; k < 2; k++) {
        pl->stmt[k].w = NULL;
        pl->stmt[k].year = -1;
    }
    pl->pend_plants = -1;
    pl->reserve = plan_money(sc, p->reserve);
    pl->ad_extra = plan_money(sc, p->ad_extra);
    pl->loan_step = plan_money(sc, 10) > 0 ? plan_money(sc, 10) : 1;
    pl->ad_noise = plan_money(sc, 3) > 0 ? plan_money(sc, 3) : 1;
    /* the units of each line type worth carrying into next year, and the
     * products made from other products: scenario and profile facts, made once */
    int carry = p->carry_quarters;
    for (int k = 0; k < sc->nline_types; k++) {
        int pq = sc->line_types[k].production_q;
        pl->carry_units[k] = carry / pq + (carry > 0 && pq > carry);
        int every = pq > 0 ? pq : HORIZON; /* a start every production time */
        for (int j = 0; j < HORIZON; j += every)
            pl->every_q[k] = (uint8_t)(pl->every_q[k] | 1u << j);
    }
    for (int k = 0; k < sc->nproducts; k++)
        for (int b = 0; b < sc->products[k].nbom; b++) {
            const ShapanBomItem *it = &sc->products[k].bom[b];
            if (it->kind == SHAPAN_ITEM_PRODUCT)
                pl->bom_products |= 1u << k;
            else if (it->kind == SHAPAN_ITEM_MATERIAL)
                pl->bom_materials[k][it->index] += it->qty;
        }
    pl->mat_last = -1;
    pl->mat_none_ok = true;
    for (int m = 0; m < sc->nmaterials; m++) {
        if (sc->materials[m].lead < HORIZON && sc->materials[m].lead > pl->mat_last)
            pl->mat_last = sc->materials[m].lead;
        if (sc->materials[m].lead < 1)
            pl->mat_none_ok = false;
    }
    for (int k = 0; k < sc->nline_types; k++)
        if (sc->line_types[k].production_q < 1)
            pl->mat_none_ok = false;
    for (int i = 0; i < p->nbuilds; i++) {
        const AiBuild *b = &p->builds[i];
        pl->build_type[i] = b->plant ? shapan_scenario_plant_type(sc, b->type)
                                     : shapan_scenario_line_type(sc, b->type);
        pl->build_product[i] = b->plant ? -1 : shapan_scenario_product(sc, b->product);
    }
    for (int k = 0; k < SHAPAN_MAX_PRODUCTS; k++)
        pl->rnd_start[k] = 1000; /* not planned */
    for (int i = 0; i < p->nproducts; i++) {
        pl->product[i] = shapan_scenario_product(sc, p->products[i].id);
        if (pl->product[i] >= 0) /* the last plan of a product stands */
            pl->rnd_start[pl->product[i]] = shapan_aq(p->products[i].year, p->products[i].quarter);
    }
    for (int i = 0; i < p->nmarkets; i++)
        pl->market[i] = shapan_scenario_market(sc, p->markets[i].id);
    for (int i = 0; i < p->nisos; i++)
        pl->iso[i] = shapan_scenario_iso(sc, p->isos[i].id);
    return pl;
}

void shapan_planner_destroy(void *st)
{
    Planner *pl = st;
    if (pl)
        plan_book_destroy(pl->own_book);
    free(pl);
}

/* ---- moving on ----------------------------------------------------------------------- */

/* Stock not needed for open orders (products) or for the next quarter's
 * production (materials): what can be sold without breaking a promise. */
static void excess_stock(const View *v, ShapanCommand *d)
{
    const ShapanScenario *sc = v->sc;
    shapan_cmd_init(d, SHAPAN_CMD_SELL_INVENTORY, v->team);
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
 * discount near receivables, then far ones, then sell what no order needs, then
 * an owned plant at once (厂房贴现: its fee costs less than the penalties of
 * orders whose stock is sold), then any stock; concede last. */
static bool advance(const View *v, ShapanCommand *c)
{
    shapan_cmd_init(c, SHAPAN_CMD_NEXT, v->team);
    ShapanErrorCode rc = shapan_cmd_check(v->w, c, NULL);
    if (rc != SHAPAN_E_CASH)
        return rc == SHAPAN_OK;
    Planner *pl = v->pl;
    pl->mat_none_aq = 0; /* a sale or a discount: see gen_materials_s3 */
    int first = shapan_view_first_collect_aq(v->t);
    while (pl->cash_step < 5) {
        int s = pl->cash_step++;
        ShapanCommand d;
        if (s == 3) {
            /* 厂房贴现: an owned plant is the last reserve of cash */
            shapan_cmd_init(&d, SHAPAN_CMD_DISCOUNT_PLANT, v->team);
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
            int64_t gap = plan_commitments(v) + plan_reserve(v) - v->t->cash;
            if (gap < v->pl->loan_step)
                gap = v->pl->loan_step;
            int64_t want = gap * 100 / 90 + 1;
            shapan_cmd_init(&d, SHAPAN_CMD_DISCOUNT, v->team);
            for (int k = 2 * s; k < 2 * s + 2 && want > 0; k++) {
                int64_t a = v->t->recv[first + k] < want ? v->t->recv[first + k] : want;
                d.slots[k] = a;
                want -= a;
            }
            if (want > 0 && s == 0)
                pl->cash_step = 1; /* near slots alone won't do: add the far ones next */
        } else if (s == 2) {
            excess_stock(v, &d);
        } else { /* s == 4 */
            shapan_cmd_init(&d, SHAPAN_CMD_SELL_INVENTORY, v->team);
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
    shapan_cmd_init(c, SHAPAN_CMD_CONCEDE, v->team);
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

/* S3's plan_gen_materials (for lines built or made ready just now) orders
 * nothing when since S2's, which ordered nothing or had its order applied (with
 * it, what it would order is nothing: an order arrives at its lead time, at
 * least 1 here), the team's board changed only by `next` (into S3 it writes
 * only the stage) and by produce.  A produce of line i (product p) lowers the
 * materials by p's, takes one from p's units wanted (the unit in process) and
 * drops bit 0, this quarter, of i's starts (it is free again after its
 * production time, at least 1 here; its later starts stay); this quarter the
 * first min(W, n) of the n lines of p starting then take materials, for the
 * W > 0 units of p wanted (produce asks for some), so one start fewer takes p's
 * materials and the stock after them, the units still wanted and every later
 * quarter's need are as before.  (Not so for a product made from products:
 * its produce changes their units wanted.) */
static bool gen_materials_s3(const View *v, ShapanCommand *c)
{
    if (v->pl->mat_none_aq == v->aq + 1) {
#ifndef NDEBUG
        ShapanCommand d;
        assert(!plan_gen_materials(v, &d));
#endif
        return false;
    }
    return plan_gen_materials(v, c);
}

bool shapan_planner_decide(void *st, const ShapanWorld *w, int team, ShapanCommand *out)
{
    Planner *pl = st;
    const ShapanScenario *sc = shapan_world_scenario(w);
    const ShapanTeam *t = shapan_view_own(w, team);
    /* (a world that is over has every team bankrupt or finished: no separate test) */
    if (!t || t->bankrupt || t->closed_year >= sc->years)
        return false;
    PlanMemo memo;
    memo.sims_ready = memo.cash_ready = memo.ads_ready = memo.want_ready = false;
    memo.com_ready = 0;
    memo.so_far_ready = false;
    memo.distress = 0;
    memo.proj_ready = false;
    View v = {.w = w, .sc = sc, .t = t, .pl = pl, .team = team, .memo = &memo};
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
    if (shapan_meeting_open(w) && plan_meeting_turn(&v, out))
        return true;
    if (pl->p->idle) {
        if (v.stage == SHAPAN_STAGE_YEAR_START && sc->meeting_year[v.year]) {
            if (v.t->ads_rank)
                return false;
            shapan_cmd_init(out, SHAPAN_CMD_ADS, team);
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
            plan_gen_ads(&v, out);
            if (shapan_cmd_check(w, out, NULL) != SHAPAN_OK)
                shapan_cmd_init(out, SHAPAN_CMD_ADS, team); /* nothing affordable */
            return true;
        }
        break;
    case SHAPAN_STAGE_MEETING: return false;
    case SHAPAN_STAGE_LONG_LOAN:
        if (try_gen(&v, G_LONG, plan_gen_long, out)) {
            pl->done |= G_LONG;
            return true;
        }
        break;
    case SHAPAN_STAGE_S1:
        if (try_gen(&v, G_SHORT, plan_gen_short, out)) {
            pl->done |= G_SHORT;
            return true;
        }
        break;
    case SHAPAN_STAGE_S2:
        if (!(pl->done & G_MATERIALS)) { /* try_gen, telling nothing ordered from a refusal */
            pl->done |= G_MATERIALS;
            bool order = plan_gen_materials(&v, out);
            bool ok = !order || shapan_cmd_check(w, out, NULL) == SHAPAN_OK;
            pl->mat_none_aq = ok && pl->mat_none_ok ? (int16_t)(v.aq + 1) : 0;
            if (order && ok)
                return true;
        }
        break;
    case SHAPAN_STAGE_S3:
        /* (between S2 and S3 of a quarter only these and `advance` write the board;
         * what writes more than gen_materials_s3 allows forgets mat_none_aq) */
        if (try_gen(&v, G_PRODUCE, plan_gen_produce, out)) {
            if (pl->bom_products >> t->lines[out->line - 1].product & 1u)
                pl->mat_none_aq = 0;
            return true;
        }
        if (try_gen(&v, G_INVEST, plan_gen_invest, out) ||
            try_gen(&v, G_BUILD, plan_gen_build, out) ||
            try_gen(&v, G_END, plan_gen_endgame_line, out)) {
            pl->mat_none_aq = 0;
            return true;
        }
        /* lines built just now need materials ordered ahead of their lead times */
        if (try_gen(&v, G_MATERIALS, gen_materials_s3, out)) {
            pl->done |= G_MATERIALS;
            return true;
        }
        break;
    case SHAPAN_STAGE_S4:
        if (try_gen(&v, G_DELIVER, plan_gen_deliver, out))
            return true;
        break;
    case SHAPAN_STAGE_S5:
        if (try_gen(&v, G_RND, plan_gen_rnd, out) || try_gen(&v, G_CERT, plan_gen_cert, out) ||
            try_gen(&v, G_END, plan_gen_endgame_s5, out))
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

bool plan_ai_start(ShapanAi *ai, const ShapanProfile *p, const ShapanWorld *w, int team,
                   uint64_t seed, const PlanBook *book)
{
    ai->rival = &planner_rival;
    ai->team = team;
    ai->state = shapan_planner_create(p, w, team, seed, book);
    if (!ai->state)
        ai->rival = NULL;
    return ai->state != NULL;
}

bool shapan_ai_start_profile(ShapanAi *ai, const ShapanProfile *p, const ShapanWorld *w, int team,
                             uint64_t seed)
{
    return plan_ai_start(ai, p, w, team, seed, NULL);
}
