/* The planning rival in the order meeting: ads from capacity and the public
 * forecast, picks it can deliver, bids it can make. */
#include <stdlib.h>
#include <string.h>

#include "ai/plan.h"

/* ---- the meeting ---------------------------------------------------------------------- */

/* The ads for `year`'s meeting: enough picks in every held market to sell what
 * the lines can make by Q4 of that year, split by the public forecast, scaled by
 * the profile.  Fills c (when given) and returns the total. */
int64_t plan_ads(const View *v, int year, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    const ShapanProfile *p = v->pl->p;
    int nteams = shapan_world_teams(v->w);
    int j = shapan_aq(year, 4) - v->aq;
    int64_t total = 0;
    if (year > sc->years || !sc->meeting_year[year] || j < 0 || j >= HORIZON)
        return 0;
    for (int pr = 0; pr < sc->nproducts; pr++) {
        if (plan_qualified_from(v, pr) > shapan_aq(year, 1))
            continue;
        int64_t avail[HORIZON];
        plan_capacity(v, pr, avail);
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
                b->amount = (int32_t)(ad < 1000000 ? ad : 1000000);
            }
            total += ad;
        }
    }
    return total;
}

bool plan_gen_ads(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    *c = shapan_cmd_simple(SHAPAN_CMD_ADS, v->team);
    int64_t total = plan_ads(v, v->year, c);
    if (v->pl->p->shrink_ad_percent < 100 && plan_distressed(v))
        total = plan_shrink_ads(v, c);
    /* keep what is due before the next S1 */
    int64_t budget = v->t->cash - plan_commitments(v) - v->pl->p->reserve;
    if (total > budget && total > 0) {
        for (int i = 0; i < c->nbids; i++) {
            int64_t a = budget > 0 ? c->bids[i].amount * budget / total : 0;
            c->bids[i].amount = (int32_t)(a >= sc->meet.min_ad ? a : 0);
        }
    }
    return true;
}

bool plan_order_ok(const View *v, const ShapanOrder *o)
{
    for (int i = 0; i < v->sc->nisos; i++)
        if ((o->iso_mask & (1u << i)) && !v->t->iso_held[i])
            return false;
    return v->t->qualified[o->product];
}

bool plan_gen_pick(const View *v, int m, int pr, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    int best = -1;
    int64_t best_value = 0;
    for (int i = 0; i < sc->norders; i++) {
        const ShapanOrder *o = &sc->orders[i];
        if (o->year != v->year || o->bid || o->market != m || o->product != pr ||
            shapan_view_order_state(v->w, i) != SHAPAN_ORDER_FREE || !plan_order_ok(v, o) ||
            !plan_feasible(v, pr, o->qty, o->delivery))
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

bool plan_gen_bid(const View *v, int order, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    const ShapanOrder *o = &sc->orders[order];
    *c = shapan_cmd_simple(SHAPAN_CMD_DECLINE, v->team);
    c->order = order;
    if (!v->pl->p->bids || !v->t->qualified[o->product])
        return true;
    for (int d = 1; d <= 4; d++)
        if (plan_feasible(v, o->product, o->qty, d)) {
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

bool plan_meeting_turn(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    for (int m = 0; m < sc->nmarkets; m++)
        for (int p = 0; p < sc->nproducts; p++)
            if (shapan_meeting_turn(v->w, m, p) == v->team)
                return plan_gen_pick(v, m, p, c);
    int orders[SHAPAN_MAX_ORDERS > 64 ? 64 : SHAPAN_MAX_ORDERS];
    int n = shapan_meeting_bid_group(v->w, orders, 64);
    for (int i = 0; i < n; i++)
        if (shapan_meeting_bid_pending(v->w, v->team, orders[i]))
            return plan_gen_bid(v, orders[i], c);
    return false;
}
