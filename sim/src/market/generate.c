/* The order-book generator (RULES.md §9): turns the public forecast
 * (quantity / average unit price / number of orders per year x market x product)
 * into a concrete order book for a given team count and seed.
 *
 * Determinism: the book is a pure function of (scenario, teams, seed).  The only
 * source of variation is ShapanRng, and every cell / year draws from its own
 * stream seeded from (seed, purpose, year, market, product), so editing one
 * forecast cell leaves the orders of every other cell as they were (only the
 * year-wide ISO and bid picks can move).  Integers only; prices are worked in
 * tenths of W, as the forecast states them, and rounded half up once per order.
 *
 * Order ids (unique, readable, stable for a given input):
 *   pick order  "Y<year>-<market id>-<product id>-<nn>"    e.g. "Y2-local-P1-03"
 *   bid order   "Y<year>-B-<market id>-<product id>-<nn>"  e.g. "Y3-B-domestic-P2-01"
 * <nn> is 1-based, at least two digits, and counts pick and bid orders of the
 * cell separately, so the pick ids of a cell have no gaps.  With catalogue ids
 * free of '-' the bid form has one more segment than the pick form and can't
 * clash with it; a final check refuses any collision all the same (E_REF).
 *
 * Book order: year, then market order, then product order, then the index in
 * the cell.  Bid orders keep their place in that order, because the meeting
 * auctions them in book order, in groups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "shapan/scenario.h"

/* Generator parameters of §9.  The scenario format has no fields for them (they
 * shape a book, they are not rules of play), so they live here. */
#define QUARTERS 4 /* delivery quarters 1..4 */
#define TERMS 5    /* receivable terms 0..4 */
/* Input bounds that keep every product below in int64 with room to spare. */
#define MAX_CELL_QTY 1000000
#define MAX_AVG_PRICE_X10 1000000000

/* RNG stream purposes: one stream per (purpose, place). */
enum { STREAM_SPLIT = 1, STREAM_DRESS = 2, STREAM_ISO = 3, STREAM_BID = 4 };

typedef struct {
    int year, market, product;
    int qty;   /* scaled quantity of the cell */
    int count; /* scaled number of orders */
    int first; /* index of the cell's first order in the book */
    int64_t avg_x10;
} GenCell;

typedef struct {
    GenCell cells[SHAPAN_MAX_YEARS * SHAPAN_MAX_CELLS];
    int ncells;
    int norders;
    int year_first[SHAPAN_MAX_YEARS + 1]; /* book range of each year's orders */
    int year_count[SHAPAN_MAX_YEARS + 1];
} GenPlan;

static uint64_t stream_seed(uint64_t seed, int purpose, int year, int market, int product)
{
    /* a distinct odd multiplier per place; shapan_rng_seed then mixes with splitmix64 */
    uint64_t key = (uint64_t)purpose;
    key = key * 64u + (uint64_t)year;
    key = key * 64u + (uint64_t)market;
    key = key * 64u + (uint64_t)product;
    return seed ^ ((key + 1u) * 0x9E3779B97F4A7C15ull);
}

static int pick_below(ShapanRng *r, int n) { return (int)shapan_rng_below(r, (uint64_t)n); }

/* Fisher-Yates: a seeded permutation of v[0..n). */
static void shuffle_ints(ShapanRng *r, int *v, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = pick_below(r, i + 1);
        int t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

/* Partial Fisher-Yates: afterwards idx[0..k) is a uniformly drawn k-subset of idx[0..n). */
static void choose_subset(ShapanRng *r, int *idx, int n, int k)
{
    for (int i = 0; i < k && i < n; i++) {
        int j = i + pick_below(r, n - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
    }
}

static int first_meeting_year(const ShapanScenario *sc)
{
    for (int y = 1; y <= sc->years; y++)
        if (sc->meeting_year[y])
            return y;
    return 0;
}

static ShapanErrorCode check_inputs(const ShapanScenario *sc, int teams, ShapanError *err)
{
    if (teams < 1 || teams > SHAPAN_MAX_TEAMS)
        return shapan_error_set(err, SHAPAN_E_RANGE, "teams", "teams must be 1..%d, got %d",
                                SHAPAN_MAX_TEAMS, teams);
    if (sc->forecast_teams <= 0)
        return shapan_error_set(err, SHAPAN_E_RANGE, "forecast_teams",
                                "forecast_teams must be > 0, got %d", sc->forecast_teams);
    const ShapanRate *share[] = {&sc->gen.iso_share, &sc->gen.bid_share, &sc->gen.price_spread};
    static const char *const share_key[] = {"generator.iso_share", "generator.bid_share",
                                            "generator.price_spread"};
    for (int i = 0; i < 3; i++)
        if (share[i]->den <= 0 || share[i]->num < 0 || share[i]->num > share[i]->den)
            return shapan_error_set(err, SHAPAN_E_RANGE, share_key[i],
                                    "a share from 0 to 1 was expected, got %lld/%lld",
                                    (long long)share[i]->num, (long long)share[i]->den);
    if (sc->years < 1 || sc->years > SHAPAN_MAX_YEARS)
        return shapan_error_set(err, SHAPAN_E_RANGE, "years", "years must be 1..%d, got %d",
                                SHAPAN_MAX_YEARS, sc->years);
    if (sc->nmarkets < 0 || sc->nmarkets > SHAPAN_MAX_MARKETS || sc->nproducts < 0 ||
        sc->nproducts > SHAPAN_MAX_PRODUCTS || sc->nisos < 0 || sc->nisos > SHAPAN_MAX_ISOS)
        return shapan_error_set(err, SHAPAN_E_RANGE, "catalogue",
                                "markets, products or ISOs outside the fixed capacities");
    return SHAPAN_OK;
}

/* "forecast[2].local.P1": names the cell in an error. */
static const char *cell_where(char *buf, size_t size, const ShapanScenario *sc, int y, int m, int p)
{
    snprintf(buf, size, "forecast[%d].%s.%s", y, sc->markets[m].id, sc->products[p].id);
    return buf;
}

/* Scales every non-empty cell of a meeting year to the team count and lays out
 * the book ranges.  Nothing is allocated yet, so a refusal here costs nothing. */
static ShapanErrorCode plan_book(const ShapanScenario *sc, int teams, GenPlan *plan,
                                 ShapanError *err)
{
    char where[96];
    plan->ncells = 0;
    plan->norders = 0;
    for (int y = 1; y <= sc->years; y++) {
        plan->year_first[y] = plan->norders;
        plan->year_count[y] = 0;
        if (!sc->meeting_year[y])
            continue;
        for (int m = 0; m < sc->nmarkets; m++) {
            for (int p = 0; p < sc->nproducts; p++) {
                const ShapanForecastCell *f = &sc->forecast[y][m][p];
                if (f->qty < 0 || f->qty > MAX_CELL_QTY || f->count < 0 ||
                    f->count > MAX_CELL_QTY || f->avg_price_x10 < 0 ||
                    f->avg_price_x10 > MAX_AVG_PRICE_X10)
                    return shapan_error_set(err, SHAPAN_E_AMOUNT,
                                            cell_where(where, sizeof where, sc, y, m, p),
                                            "quantity and count must be 0..%d and the "
                                            "average price 0..%d tenths",
                                            MAX_CELL_QTY, MAX_AVG_PRICE_X10);
                if (f->qty == 0)
                    continue;
                int64_t q = shapan_div_half_up((int64_t)f->qty * teams, sc->forecast_teams);
                int64_t c = shapan_div_half_up((int64_t)f->count * teams, sc->forecast_teams);
                /* a non-empty cell always offers something, and every order holds >= 1 unit */
                if (q < 1)
                    q = 1;
                if (c < 1)
                    c = 1;
                if (c > q)
                    c = q;
                if (plan->norders + c > SHAPAN_MAX_ORDERS)
                    return shapan_error_set(err, SHAPAN_E_CAPACITY,
                                            cell_where(where, sizeof where, sc, y, m, p),
                                            "the book would exceed %d orders", SHAPAN_MAX_ORDERS);
                GenCell *cell = &plan->cells[plan->ncells++];
                cell->year = y;
                cell->market = m;
                cell->product = p;
                cell->qty = (int)q;
                cell->count = (int)c;
                cell->first = plan->norders;
                cell->avg_x10 = f->avg_price_x10;
                plan->norders += (int)c;
                plan->year_count[y] += (int)c;
            }
        }
    }
    return SHAPAN_OK;
}

/* Splits the cell's quantity into its orders: an even split, then `count`
 * seeded one-unit moves between orders, then a seeded order.  The sum stays
 * exact.  Orders stay within 1..hi, hi = min(2 x ceil(mean), max(6, ceil(mean) + 1)):
 * the 1-6 units a real book shows for the default table's means of 2-4. */
static void split_cell(ShapanRng *r, const GenCell *c, ShapanOrder *o, int *scratch)
{
    int n = c->count;
    int base = c->qty / n, extra = c->qty % n;
    int ceil_mean = (c->qty + n - 1) / n;
    int hi = ceil_mean + 1 > 6 ? ceil_mean + 1 : 6;
    if (hi > 2 * ceil_mean)
        hi = 2 * ceil_mean;
    for (int i = 0; i < n; i++)
        scratch[i] = base + (i < extra ? 1 : 0);
    if (n > 1) {
        for (int k = 0; k < n; k++) {
            int from = pick_below(r, n);
            int to = pick_below(r, n - 1);
            if (to >= from)
                to++;
            if (scratch[from] > 1 && scratch[to] < hi) {
                scratch[from]--;
                scratch[to]++;
            }
        }
        shuffle_ints(r, scratch, n);
    }
    for (int i = 0; i < n; i++) {
        o[i].year = c->year;
        o[i].market = c->market;
        o[i].product = c->product;
        o[i].qty = scratch[i];
    }
}

/* ISO requirements: in each meeting year after the first (no team can hold a
 * certificate at the first meeting) exactly half_up(8 % of that year's orders)
 * seeded orders ask ISO bit 0, bit 1 or both - only ISOs the scenario has. */
static void mark_iso(const ShapanScenario *sc, const GenPlan *plan, uint64_t seed,
                     ShapanOrder *orders, int *scratch)
{
    int first = first_meeting_year(sc);
    if (sc->nisos <= 0)
        return;
    for (int y = first + 1; y <= sc->years; y++) {
        int n = plan->year_count[y];
        if (!sc->meeting_year[y] || n == 0)
            continue;
        ShapanRng r;
        shapan_rng_seed(&r, stream_seed(seed, STREAM_ISO, y, 0, 0));
        int k = (int)shapan_half_up(n, sc->gen.iso_share);
        for (int i = 0; i < n; i++)
            scratch[i] = plan->year_first[y] + i;
        choose_subset(&r, scratch, n, k);
        for (int i = 0; i < k; i++)
            orders[scratch[i]].iso_mask = sc->nisos >= 2 ? (unsigned)(pick_below(&r, 3) + 1) : 1u;
    }
}

/* The bid years: among the meeting years other than the first, the middle one and
 * the last of all meeting years (default 2..5 -> 3 and 5; 2..4 -> 3 and 4;
 * 2..3 -> 3; a single meeting year -> none).  Returns how many (0..2). */
static int bid_years(const ShapanScenario *sc, int out[2])
{
    int list[SHAPAN_MAX_YEARS];
    int n = 0, nb = 0;
    for (int y = 1; y <= sc->years; y++)
        if (sc->meeting_year[y])
            list[n++] = y;
    if (n < 2)
        return 0;
    int mid = (n - 1) / 2;
    if (mid > 0 && mid < n - 1)
        out[nb++] = list[mid];
    out[nb++] = list[n - 1];
    return nb;
}

/* Bid orders: half_up(3 % of all orders), split evenly between the bid years
 * (the later year takes an odd one), each year's share drawn from its orders. */
static void mark_bids(const ShapanScenario *sc, const GenPlan *plan, uint64_t seed,
                      ShapanOrder *orders, int *scratch)
{
    int years[2];
    int nb = bid_years(sc, years);
    if (nb == 0)
        return;
    int total = (int)shapan_half_up(plan->norders, sc->gen.bid_share);
    int share[2] = {0, 0};
    int spill = 0;
    for (int j = 0; j < nb; j++) {
        share[j] = total / nb + (j >= nb - total % nb ? 1 : 0);
        if (share[j] > plan->year_count[years[j]]) {
            spill += share[j] - plan->year_count[years[j]];
            share[j] = plan->year_count[years[j]];
        }
    }
    /* a year too small for its share hands the rest to the other year */
    for (int j = nb - 1; j >= 0 && spill > 0; j--) {
        int room = plan->year_count[years[j]] - share[j];
        int add = room < spill ? room : spill;
        share[j] += add;
        spill -= add;
    }
    for (int j = 0; j < nb; j++) {
        int y = years[j], n = plan->year_count[y];
        ShapanRng r;
        shapan_rng_seed(&r, stream_seed(seed, STREAM_BID, y, 0, 0));
        for (int i = 0; i < n; i++)
            scratch[i] = plan->year_first[y] + i;
        choose_subset(&r, scratch, n, share[j]);
        for (int i = 0; i < share[j]; i++)
            orders[scratch[i]].bid = true;
    }
}

/* Unit prices of the cell's pick orders, in tenths: each drawn in avg +- avg x spread,
 * then shifted together (within the same band) so that sum(qty x unit) meets
 * pick quantity x avg to less than one order's quantity in tenths; the total
 * price is half_up(qty x unit / 10), at least 1 W. */
static void price_cell(ShapanRng *r, const GenCell *c, ShapanOrder *o, ShapanRate spread)
{
    int64_t avg = c->avg_x10, w = shapan_floor(avg, spread);
    int64_t lo = avg - w, hi = avg + w;
    int64_t gap = 0, qpick = 0;
    for (int i = 0; i < c->count; i++) {
        if (o[i].bid)
            continue;
        o[i].price = lo + (int64_t)shapan_rng_below(r, (uint64_t)(2 * w + 1));
        gap += o[i].qty * (avg - o[i].price);
        qpick += o[i].qty;
    }
    /* Spread the gap as an even shift per unit; a clamped order leaves its part to
     * the orders after it, and a later pass picks up what the band refused. */
    for (int pass = 0; pass < 4 && gap != 0; pass++) {
        int64_t qleft = qpick;
        for (int i = 0; i < c->count && gap != 0; i++) {
            if (o[i].bid)
                continue;
            int64_t u = o[i].price + gap / qleft;
            if (u < lo)
                u = lo;
            if (u > hi)
                u = hi;
            gap -= o[i].qty * (u - o[i].price);
            o[i].price = u;
            qleft -= o[i].qty;
        }
    }
    for (int i = 0; i < c->count; i++) {
        if (o[i].bid)
            continue;
        int64_t total = shapan_div_half_up(o[i].qty * o[i].price, 10);
        o[i].price = total < 1 ? 1 : total;
    }
}

/* Delivery quarters and receivable terms of the cell's pick orders: a round-robin
 * from a seeded start, then a seeded permutation, so every value occurs within
 * one of every other.  Bid orders carry none: the winning bid supplies them. */
static void dress_cell(ShapanRng *r, const GenCell *c, ShapanOrder *o, int *scratch,
                       ShapanRate spread)
{
    int n = 0;
    for (int i = 0; i < c->count; i++)
        if (!o[i].bid)
            n++;
    int start = pick_below(r, QUARTERS);
    for (int k = 0; k < n; k++)
        scratch[k] = (start + k) % QUARTERS + 1;
    shuffle_ints(r, scratch, n);
    for (int i = 0, k = 0; i < c->count; i++)
        o[i].delivery = o[i].bid ? 0 : scratch[k++];
    start = pick_below(r, TERMS);
    for (int k = 0; k < n; k++)
        scratch[k] = (start + k) % TERMS;
    shuffle_ints(r, scratch, n);
    for (int i = 0, k = 0; i < c->count; i++)
        o[i].term = o[i].bid ? 0 : scratch[k++];
    price_cell(r, c, o, spread);
}

static ShapanErrorCode name_cell(const ShapanScenario *sc, const GenCell *c, ShapanOrder *o,
                                 ShapanError *err)
{
    int npick = 0, nbid = 0;
    for (int i = 0; i < c->count; i++) {
        const char *mk = sc->markets[c->market].id, *pr = sc->products[c->product].id;
        int len =
            o[i].bid
                ? snprintf(o[i].id, sizeof o[i].id, "Y%d-B-%s-%s-%02d", c->year, mk, pr, ++nbid)
                : snprintf(o[i].id, sizeof o[i].id, "Y%d-%s-%s-%02d", c->year, mk, pr, ++npick);
        if (len < 0 || (size_t)len >= sizeof o[i].id)
            return shapan_error_set(err, SHAPAN_E_CAPACITY, "orders",
                                    "order id for year %d, %s, %s would exceed %d characters",
                                    c->year, mk, pr, SHAPAN_ID_LEN - 1);
    }
    return SHAPAN_OK;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Ids must be unique for the meeting's look-ups; only catalogue ids holding '-'
 * could make two collide. */
static ShapanErrorCode check_unique(const ShapanOrder *orders, int n, ShapanError *err)
{
    if (n < 2)
        return SHAPAN_OK;
    const char **ids = malloc((size_t)n * sizeof *ids);
    if (!ids)
        return shapan_error_set(err, SHAPAN_E_CAPACITY, "orders", "out of memory");
    for (int i = 0; i < n; i++)
        ids[i] = orders[i].id;
    qsort(ids, (size_t)n, sizeof *ids, cmp_id);
    ShapanErrorCode rc = SHAPAN_OK;
    for (int i = 1; i < n && rc == SHAPAN_OK; i++)
        if (strcmp(ids[i - 1], ids[i]) == 0)
            rc = shapan_error_set(err, SHAPAN_E_REF, "orders",
                                  "two generated orders share the id %s; market and product "
                                  "ids must not contain '-'",
                                  ids[i]);
    free(ids);
    return rc;
}

int shapan_generate_orders(ShapanScenario *sc, int teams, uint64_t seed, ShapanError *err)
{
    if (!sc)
        return (int)shapan_error_set(err, SHAPAN_E_INTERNAL, "scenario", "no scenario given");
    ShapanErrorCode rc = check_inputs(sc, teams, err);
    if (rc != SHAPAN_OK)
        return (int)rc;
    GenPlan *plan = malloc(sizeof *plan);
    if (!plan)
        return (int)shapan_error_set(err, SHAPAN_E_CAPACITY, "orders", "out of memory");
    rc = plan_book(sc, teams, plan, err);
    if (rc != SHAPAN_OK) {
        free(plan);
        return (int)rc;
    }

    /* calloc: padding bytes are zero too, so two books can be compared byte for byte */
    ShapanOrder *orders = NULL;
    int *scratch = NULL;
    if (plan->norders > 0) {
        orders = calloc((size_t)plan->norders, sizeof *orders);
        scratch = calloc((size_t)plan->norders, sizeof *scratch);
        if (!orders || !scratch) {
            free(orders);
            free(scratch);
            free(plan);
            return (int)shapan_error_set(err, SHAPAN_E_CAPACITY, "orders", "out of memory");
        }
    }

    /* Quantities first, then the year-wide ISO and bid picks, then delivery, terms
     * and prices over the pick orders only, so that those stay evenly spread and
     * the cell's pick revenue matches the forecast average. */
    for (int i = 0; i < plan->ncells; i++) {
        const GenCell *c = &plan->cells[i];
        ShapanRng r;
        shapan_rng_seed(&r, stream_seed(seed, STREAM_SPLIT, c->year, c->market, c->product));
        split_cell(&r, c, orders + c->first, scratch);
    }
    mark_iso(sc, plan, seed, orders, scratch);
    mark_bids(sc, plan, seed, orders, scratch);
    for (int i = 0; i < plan->ncells && rc == SHAPAN_OK; i++) {
        const GenCell *c = &plan->cells[i];
        ShapanRng r;
        shapan_rng_seed(&r, stream_seed(seed, STREAM_DRESS, c->year, c->market, c->product));
        dress_cell(&r, c, orders + c->first, scratch, sc->gen.price_spread);
        rc = name_cell(sc, c, orders + c->first, err);
    }
    if (rc == SHAPAN_OK)
        rc = check_unique(orders, plan->norders, err);
    int norders = plan->norders;
    free(scratch);
    free(plan);
    if (rc != SHAPAN_OK) {
        free(orders);
        return (int)rc;
    }

    free(sc->orders);
    sc->orders = orders;
    sc->norders = norders;
    sc->teams_sized_for = teams;
    sc->digest = shapan_catalogue_digest(sc); /* the book is part of the scenario's identity */
    shapan_catalogue_index(sc);
    return SHAPAN_OK;
}
