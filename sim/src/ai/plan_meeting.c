/* The planning rival in the order meeting: ads from capacity and the public
 * forecast, picks it can deliver, bids it can make. */
#include <stdlib.h>
#include <string.h>

#include "ai/plan.h"

/* ---- the meeting ---------------------------------------------------------------------- */

/* What the rivals sold at `year - 1`'s meeting (RivalSales), skipping bankrupt
 * teams; cached in the planner until a meeting year or a bankruptcy changes it. */
static uint32_t bankrupt_teams(const View *v)
{
    int nteams = shapan_world_teams(v->w);
    uint32_t gone = 0;
    for (int r = 1; r <= nteams; r++)
        if (shapan_view_bankrupt(v->w, r, NULL, NULL))
            gone |= 1u << r;
    return gone;
}

static const RivalSales *rival_sales(const View *v, int year, uint32_t gone)
{
    const ShapanScenario *sc = v->sc;
    Planner *pl = v->pl;
    RivalSales *rs = &pl->sales;
    if (pl->sales_world == v->w && pl->sales_year == year && pl->sales_gone == gone)
        return rs;
    /* only the rows of this game's teams: no reader goes past them */
    int nteams = shapan_world_teams(v->w);
    memset(rs->units, 0, sizeof rs->units[0] * (size_t)(nteams + 1));
    memset(rs->markets, 0, sizeof rs->markets[0] * (size_t)(nteams + 1));
    int lo, hi;
    plan_year_orders(v, year - 1, &lo, &hi);
    for (int i = lo; i < hi; i++) {
        const ShapanOrder *o = &sc->orders[i];
        int r = o->year == year - 1 ? shapan_view_order_owner(v->w, i) : 0;
        if (r <= 0 || r == v->team || (gone >> r & 1u))
            continue;
        rs->units[r][o->product] += o->qty;
        rs->markets[r] |= 1u << o->market;
    }
    pl->sales_world = v->w;
    pl->sales_year = year;
    pl->sales_gone = gone;
    return rs;
}

/* A forecast number (sized for forecast_teams teams) for this game's teams. */
static int64_t for_this_game(const View *v, int64_t forecast)
{
    int ft = v->sc->forecast_teams;
    return forecast * shapan_world_teams(v->w) / (ft ? ft : 1);
}

/* Units of market m's cell of product pr in `year`'s book, at least 1. */
static int64_t cell_units(const View *v, int year, int m, int pr)
{
    int64_t u = for_this_game(v, v->sc->forecast[year][m][pr].qty);
    return u > 1 ? u : 1;
}

/* How the units of product pr are split over the held markets (wt: each cell's
 * forecast quantity): less crowd_percent of what the rivals are likely to take
 * there (each rival's units of pr last year, spread over the markets it sold in
 * by this year's forecast).  A cell the rivals fill gets nothing, unless all do. */
static void market_weights(const View *v, const RivalSales *rs, int year, int pr,
                           int64_t wt[SHAPAN_MAX_MARKETS])
{
    const ShapanScenario *sc = v->sc;
    int64_t rival[SHAPAN_MAX_MARKETS] = {0}, sum = 0;
    int nteams = shapan_world_teams(v->w);
    for (int r = 1; r <= nteams; r++) {
        int64_t in = 0;
        for (int m = 0; m < sc->nmarkets; m++)
            in += (rs->markets[r] >> m & 1u) ? sc->forecast[year][m][pr].qty : 0;
        for (int m = 0; m < sc->nmarkets && in > 0; m++)
            if (rs->markets[r] >> m & 1u)
                rival[m] += rs->units[r][pr] * sc->forecast[year][m][pr].qty / in;
    }
    for (int m = 0; m < sc->nmarkets; m++) {
        /* the forecast is sized for forecast_teams teams */
        int64_t taken = rival[m] * sc->forecast_teams * v->pl->p->crowd_percent / 100 / nteams;
        rival[m] = wt[m] > taken ? wt[m] - taken : 0;
        sum += rival[m];
    }
    if (sum > 0)
        memcpy(wt, rival, sizeof rival);
}

/* The picks worth buying in a cell of f (book sized for nteams) where `rivals`
 * rivals sold last year: its share of the cell's orders, rounded up.  Each round
 * every ranked team takes one order, so picks beyond that are seldom used. */
static int64_t share_of_picks(const View *v, const ShapanForecastCell *f, int rivals)
{
    int64_t n = for_this_game(v, f->count);
    return (n + rivals) / (rivals + 1);
}

/* Rivals that sold product pr and sold in market m last year. */
static int rivals_in(const View *v, const RivalSales *rs, int m, int pr)
{
    int k = 0, nteams = shapan_world_teams(v->w);
    for (int r = 1; r <= nteams; r++)
        k += rs->units[r][pr] > 0 && (rs->markets[r] >> m & 1u);
    return k;
}

/* The ad of cell m of a product (basis b): enough picks for `share` units (with
 * share_picks, no more than its share of the orders among the rivals there),
 * scaled by the profile. */
static int64_t cell_ad(const View *v, const AdsBasis *b, int m, int64_t share, bool noise)
{
    const ShapanScenario *sc = v->sc;
    const ShapanProfile *p = v->pl->p;
    int64_t per_order = b->per_order[m];
    int64_t picks = (share + per_order - 1) / per_order;
    if (b->max_picks[m] >= 0 && picks > b->max_picks[m])
        picks = b->max_picks[m];
    if (picks < 1)
        picks = 1;
    /* the extra picks scale with ad_percent; ad_extra is a flat bid for rank */
    int64_t ad =
        sc->meet.min_ad + sc->meet.pick_step * (picks - 1) * p->ad_percent / 100 + v->pl->ad_extra;
    if (noise && p->ad_noise_percent > 0) {
        /* 0..2 W more (plan_money), seeded: equal rivals rarely tie exactly */
        ad += (int64_t)shapan_rng_below(&v->pl->rng, (uint64_t)v->pl->ad_noise);
    }
    return ad < sc->meet.min_ad ? sc->meet.min_ad : ad;
}

/* Adds to share[] the units split over the cells by wt (summing to sum), each
 * cell up to its size in the book; returns the units no cell took. */
static int64_t split_units(const View *v, const AdsBasis *b, int64_t units,
                           const int64_t wt[SHAPAN_MAX_MARKETS], int64_t sum,
                           int64_t share[SHAPAN_MAX_MARKETS])
{
    int64_t left = units;
    for (int m = 0; m < v->sc->nmarkets && sum > 0 && units > 0; m++) {
        int64_t room = b->size[m] - share[m];
        int64_t u = wt[m] ? (units * wt[m] + sum - 1) / sum : 0;
        u = u < room ? u : room > 0 ? room : 0;
        share[m] += u;
        left -= u;
    }
    return left > 0 ? left : 0;
}

/* Markets whose cells take ads for `year`'s meeting: held, or (a later year)
 * held by then if every instalment left is paid in time. */
static unsigned ad_markets(const View *v, int year)
{
    const ShapanTeam *t = v->t;
    unsigned mask = 0;
    for (int m = 0; m < v->sc->nmarkets; m++)
        if (t->market_held[m] || (t->market_paid[m] + (t->market_last_year[m] == v->year ? 0 : 1) >=
                                      v->sc->markets[m].years &&
                                  year > v->year))
            mask |= 1u << m;
    return mask;
}

/* What the ads of product pr at `year`'s meeting, in the markets of `mask`,
 * take from all but its units: the cells' weights (with crowd_percent, less
 * what the rivals are likely to take), their sizes, units per order and the
 * picks share_picks allows. */
static void product_basis(const View *v, const RivalSales *rs, int year, unsigned mask, int pr,
                          AdsBasis *b)
{
    const ShapanScenario *sc = v->sc;
    const ShapanProfile *p = v->pl->p;
    memset(b, 0, sizeof *b);
    for (int m = 0; m < sc->nmarkets; m++) {
        const ShapanForecastCell *f = &sc->forecast[year][m][pr];
        if ((mask >> m & 1u) && f->qty > 0)
            b->wt[m] = b->held[m] = f->qty;
        b->size[m] = cell_units(v, year, m, pr);
        b->per_order[m] = f->count > 0 ? (f->qty + f->count - 1) / f->count : 1;
        int rivals = p->share_picks ? rivals_in(v, rs, m, pr) : 0;
        b->max_picks[m] = p->share_picks && rivals > 0 ? share_of_picks(v, f, rivals) : -1;
    }
    if (p->crowd_percent > 0)
        market_weights(v, rs, year, pr, b->wt);
    for (int m = 0; m < sc->nmarkets; m++) {
        b->wt_sum += b->wt[m];
        b->held_sum += b->held[m];
    }
}

/* The ads of one product (basis b), `units` of it to sell (see plan_ads). */
static int64_t product_ads(const View *v, const AdsBasis *b, int pr, int64_t units,
                           ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    int64_t total = 0, share[SHAPAN_MAX_MARKETS] = {0};
    int64_t left = split_units(v, b, units, b->wt, b->wt_sum, share);
    if (v->pl->p->crowd_percent > 0 && left > 0)
        split_units(v, b, left, b->held, b->held_sum, share); /* what the open cells can't take */
    for (int m = 0; m < sc->nmarkets; m++) {
        if (!share[m])
            continue;
        int64_t ad = cell_ad(v, b, m, share[m], c != NULL);
        if (c) {
            ShapanAdBid *bid = &c->bids[c->nbids++];
            bid->market = (int8_t)m;
            bid->product = (int8_t)pr;
            bid->amount = (int32_t)(ad < 1000000 ? ad : 1000000);
        }
        total += ad;
    }
    return total;
}

/* The ads for `year`'s meeting: enough picks in every held market to sell what
 * the lines can make by Q4 of that year, split over the markets by their cells'
 * size (market_weights; the units the cells the rivals leave can't take go to
 * the held cells by size), scaled by the profile.  Fills c (when given) and
 * returns the total.  Without c (no noise drawn) each product's part is kept in
 * the planner while what it is made from stays the same: its units, the
 * markets, the meeting's year and the bankrupt teams. */
int64_t plan_ads(const View *v, int year, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    const ShapanProfile *p = v->pl->p;
    int j = shapan_aq(year, 4) - v->aq;
    if (year > sc->years || !sc->meeting_year[year] || j < 0 || j >= HORIZON)
        return 0;
    bool rivals = p->crowd_percent > 0 || p->share_picks;
    uint32_t gone = rivals ? bankrupt_teams(v) : 0;
    unsigned mask = ad_markets(v, year);
    AdsKept *k = &v->pl->ads_kept;
    if (k->w != v->w || k->year != year || k->mask != mask || k->gone != gone) {
        k->w = v->w;
        k->year = year;
        k->mask = mask;
        k->gone = gone;
        k->basis_ready = 0;
        for (int pr = 0; pr < SHAPAN_MAX_PRODUCTS; pr++)
            k->units[pr] = -2; /* nothing kept */
    }
    const RivalSales *rs = NULL;
    int64_t total = 0;
    for (int pr = 0; pr < sc->nproducts; pr++) {
        int64_t units = -1; /* not made by then */
        if (plan_qualified_from(v, pr) <= shapan_aq(year, 1)) {
            units = plan_capacity(v, pr)[j] * (100 + p->overbook_percent) / 100;
        }
        if (!c && k->units[pr] == units) {
            total += k->ads[pr];
            continue;
        }
        int64_t ads = 0;
        if (units >= 0) {
            if (!(k->basis_ready >> pr & 1u)) {
                if (rivals && !rs)
                    rs = rival_sales(v, year, gone);
                product_basis(v, rs, year, mask, pr, &v->pl->ads_basis[pr]);
                k->basis_ready |= 1u << pr;
            }
            ads = product_ads(v, &v->pl->ads_basis[pr], pr, units, c);
        }
        if (!c) {
            k->units[pr] = units;
            k->ads[pr] = ads;
        }
        total += ads;
    }
    return total;
}

/* Discounts receivables, nearest slots first, for `gap` more cash (grossed up
 * for the fee); false if there are none. */
static bool discount_for(const View *v, int64_t gap, ShapanCommand *c)
{
    int64_t want = gap * 100 / 90 + 1;
    int first = shapan_view_first_collect_aq(v->t);
    bool any = false;
    shapan_cmd_init(c, SHAPAN_CMD_DISCOUNT, v->team);
    for (int k = 0; k < 4 && want > 0; k++) {
        int64_t a = v->t->recv[first + k] < want ? v->t->recv[first + k] : want;
        c->slots[k] = a;
        want -= a;
        any = any || a > 0;
    }
    return any && shapan_cmd_check(v->w, c, NULL) == SHAPAN_OK;
}

/* The year's ads, or first a discount when the cash can't pay them: the Q4
 * loans stop at this year's cap, and a year that can't advertise sells nothing
 * while its fixed costs run on (8-9 % of the ads is the cheaper loss). */
bool plan_gen_ads(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    shapan_cmd_init(c, SHAPAN_CMD_ADS, v->team);
    int64_t total = plan_ads(v, v->year, c);
    if (v->pl->p->shrink_ad_percent < 100 && plan_distressed(v))
        total = plan_shrink_ads(v, c);
    /* keep what is due before the next S1 */
    int64_t budget = v->t->cash - plan_commitments(v) - v->pl->reserve;
    ShapanCommand d;
    if (total > budget && v->pl->p->discount && discount_for(v, total - budget, &d)) {
        *c = d;
        return true;
    }
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

/* Picks the best order of the cell it can deliver: first one that asks an ISO
 * certificate (only the teams holding it can take it; the others are left to
 * the rivals), then by value. */
bool plan_gen_pick(const View *v, int m, int pr, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    int best = -1;
    bool best_iso = false;
    int64_t best_value = 0;
    const PlanBook *book = v->pl->book;
    const int *first = book->cell_first[v->year] + m * SHAPAN_MAX_PRODUCTS + pr;
    for (int k = first[0]; k < first[1]; k++) {
        int i = book->cell_orders[k];
        const ShapanOrder *o = &sc->orders[i];
        if (shapan_view_order_state(v->w, i) != SHAPAN_ORDER_FREE || !plan_order_ok(v, o))
            continue;
        /* margin, less about 2 % of the price per quarter of credit */
        int64_t value = o->price - sc->products[pr].direct_cost * o->qty - o->price * o->term / 50;
        bool iso = o->iso_mask != 0;
        /* whether the lines can meet it is asked only of an order that would be
         * the best so far */
        if ((best < 0 || iso > best_iso || (iso == best_iso && value > best_value)) &&
            plan_feasible(v, pr, o->qty, o->delivery)) {
            best = i;
            best_iso = iso;
            best_value = value;
        }
    }
    if (best >= 0) {
        shapan_cmd_init(c, SHAPAN_CMD_PICK, v->team);
        c->order = best;
    } else {
        shapan_cmd_init(c, SHAPAN_CMD_PASS, v->team);
        c->market = m;
        c->product = pr;
    }
    return true;
}

bool plan_gen_bid(const View *v, int order, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    const ShapanOrder *o = &sc->orders[order];
    shapan_cmd_init(c, SHAPAN_CMD_DECLINE, v->team);
    c->order = order;
    if (!v->pl->p->bids || !v->t->qualified[o->product])
        return true;
    for (int d = 1; d <= 4; d++)
        if (plan_feasible(v, o->product, o->qty, d)) {
            int64_t base = sc->products[o->product].direct_cost * o->qty;
            ShapanCommand b;
            shapan_cmd_init(&b, SHAPAN_CMD_BID, v->team);
            b.order = order;
            b.price = base * v->pl->p->bid_markup_percent / 100;
            b.delivery = d;
            b.term = 0;
            if (shapan_cmd_check(v->w, &b, NULL) == SHAPAN_OK) {
                *c = b;
                plan_bid_made(v, order, d);
            }
            return true;
        }
    return true;
}

/* The cells where the team's ads rank it, kept while its ads stay the same
 * (they are set once a year: every turn of the meeting asks). */
static void ad_cells(const View *v)
{
    const ShapanScenario *sc = v->sc;
    Planner *pl = v->pl;
    size_t rows = sizeof v->t->ads[0] * (size_t)sc->nmarkets;
    if (pl->ad_cells_ready && !memcmp(pl->ad_cells_ads, v->t->ads, rows))
        return;
    pl->nad_cells = 0;
    for (int m = 0; m < sc->nmarkets; m++)
        for (int p = 0; p < sc->nproducts; p++)
            if (v->t->ads[m][p] >= sc->meet.min_ad) { /* else it isn't ranked there */
                pl->ad_cells[pl->nad_cells][0] = (int8_t)m;
                pl->ad_cells[pl->nad_cells++][1] = (int8_t)p;
            }
    memcpy(pl->ad_cells_ads, v->t->ads, rows);
    pl->ad_cells_ready = true;
}

bool plan_meeting_turn(const View *v, ShapanCommand *c)
{
    ad_cells(v);
    for (int k = 0; k < v->pl->nad_cells; k++) {
        int m = v->pl->ad_cells[k][0], p = v->pl->ad_cells[k][1];
        if (shapan_meeting_turn(v->w, m, p) == v->team)
            return plan_gen_pick(v, m, p, c);
    }
    int orders[SHAPAN_MAX_ORDERS > 64 ? 64 : SHAPAN_MAX_ORDERS];
    int n = shapan_meeting_bid_group(v->w, orders, 64);
    for (int i = 0; i < n; i++)
        if (shapan_meeting_bid_pending(v->w, v->team, orders[i]))
            return plan_gen_bid(v, orders[i], c);
    return false;
}
