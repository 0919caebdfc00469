/* Seeded property test: thousands of random commands for random teams on a 3-4
 * team game of the default scenario with a small hand-made order book.  For every
 * command (tu_apply): check's verdict equals apply's, a rejected command leaves the
 * hash unchanged, shapan_world_verify holds.  At the end the game must equal both a
 * clone taken midway that received the same accepted commands and a fresh world
 * that replayed them all after a JSON round trip.  The generator leans on
 * next/end_quarter and on the meeting commands that are due, so games go through
 * the years, their meetings and bid groups, and usually finish. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meetutil.h"

#define SEEDS 24
#define MAX_STEPS 6000

typedef struct {
    ShapanRng rng;
    const ShapanScenario *sc;
    int nteams;
} Gen;

static int below(Gen *g, int n) { return (int)shapan_rng_below(&g->rng, (uint64_t)n); }
static bool chance(Gen *g, int percent) { return below(g, 100) < percent; }

/* A small book: years 2-5, local/regional/domestic/asia x P1-P3, 1-3 orders a cell,
 * some asking ISO from year 3, and 4 bid orders in years 3 and 5. */
static void make_book(ShapanScenario *sc, uint64_t seed)
{
    ShapanRng r;
    shapan_rng_seed(&r, seed * 7919 + 1);
    ShapanOrder *o = calloc(256, sizeof *o);
    assert_non_null(o);
    int n = 0;
    for (int y = 2; y <= 5; y++) {
        for (int m = 0; m < 4; m++)
            for (int p = 0; p < 3; p++) {
                int k = 1 + (int)shapan_rng_below(&r, 3);
                for (int i = 0; i < k; i++) {
                    ShapanOrder *x = &o[n++];
                    /* short ids: m and p are indices */
                    snprintf(x->id, sizeof x->id, "Y%d-%d-%d-%d", y, m, p, i + 1);
                    x->year = y;
                    x->market = m;
                    x->product = p;
                    x->qty = 1 + (int)shapan_rng_below(&r, 3);
                    int64_t dc = sc->products[p].direct_cost * x->qty;
                    x->price = dc + dc * (int64_t)(5 + shapan_rng_below(&r, 11)) / 10;
                    x->delivery = 1 + (int)shapan_rng_below(&r, 4);
                    x->term = (int)shapan_rng_below(&r, 5);
                    x->iso_mask = y >= 3 && shapan_rng_below(&r, 6) == 0
                                      ? 1u + (unsigned)shapan_rng_below(&r, 3)
                                      : 0u;
                }
            }
        if (y == 3 || y == 5)
            for (int i = 0; i < 4; i++) {
                ShapanOrder *x = &o[n++];
                snprintf(x->id, sizeof x->id, "Y%d-bid-%d", y, i + 1);
                x->year = y;
                x->market = (int)shapan_rng_below(&r, 3);
                x->product = (int)shapan_rng_below(&r, 3);
                x->qty = 1 + (int)shapan_rng_below(&r, 2);
                x->iso_mask = shapan_rng_below(&r, 4) == 0 ? 1u : 0u;
                x->bid = true;
            }
    }
    free(sc->orders);
    sc->orders = o;
    sc->norders = n;
}

static void random_fields(Gen *g, ShapanCommand *c)
{
    const ShapanScenario *sc = g->sc;
    static const int64_t amounts[] = {0, 5, 10, 20, 40, 60, 100, 409, 2000};
    c->order = below(g, sc->norders + 2) - 1;
    c->market = below(g, sc->nmarkets + 1);
    c->product = below(g, sc->nproducts + 1);
    c->iso = below(g, sc->nisos + 1);
    c->kind = below(g, 4);
    c->plant = below(g, 4);
    c->line = below(g, 6);
    c->target = below(g, g->nteams + 2);
    c->amount = amounts[below(g, 9)];
    c->years = below(g, 6);
    c->price = below(g, 200);
    c->delivery = below(g, 6);
    c->term = below(g, 6);
    for (int s = 0; s < 4; s++)
        c->slots[s] = chance(g, 70) ? 0 : below(g, 40);
    int nitems = sc->nmaterials + sc->nproducts;
    /* mostly materials, a unit or two: emergency products at 3 x cost drain cash fast */
    for (int k = below(g, 3); k > 0; k--)
        c->items[chance(g, 80) ? below(g, sc->nmaterials) : below(g, nitems)] = 1 + below(g, 2);
}

/* Ads in 0-3 cells, mostly in markets the team holds and products it is qualified
 * for (so that it gets ranked and can pick), sometimes anywhere. */
static void random_ads(Gen *g, const ShapanTeam *t, ShapanCommand *c)
{
    static const int64_t ads[] = {0, 5, 10, 10, 15, 20, 30, 50, 70};
    c->nbids = 0;
    int held[SHAPAN_MAX_MARKETS], nh = 0;
    for (int m = 0; m < g->sc->nmarkets; m++)
        if (t && t->market_held[m])
            held[nh++] = m;
    bool used[SHAPAN_MAX_MARKETS][SHAPAN_MAX_PRODUCTS] = {{false}};
    /* one unheld market makes the whole command E_NO_CERT: rarely */
    bool anywhere = nh == 0 || chance(g, 10);
    for (int k = 1 + below(g, 3); k > 0; k--) {
        int m = anywhere ? below(g, 3) : held[below(g, nh)];
        int p = below(g, 3);
        if (t && !t->qualified[p] && chance(g, 70))
            continue;
        if (used[m][p])
            continue;
        used[m][p] = true;
        c->bids[c->nbids].market = (int8_t)m;
        c->bids[c->nbids].product = (int8_t)p;
        c->bids[c->nbids].amount = ads[below(g, 9)];
        c->nbids++;
    }
}

/* A meeting command that is due for team (1-based), if any. */
static bool due_meeting_command(Gen *g, const ShapanWorld *w, int team, ShapanCommand *c)
{
    const ShapanScenario *sc = g->sc;
    const ShapanTeam *t = shapan_view_own(w, team);
    if (t->stage == SHAPAN_STAGE_YEAR_START && sc->meeting_year[t->year]) {
        c->type = SHAPAN_CMD_ADS;
        random_ads(g, t, c);
        return true;
    }
    int orders[8];
    int n = shapan_meeting_bid_group(w, orders, 8);
    for (int i = 0; i < n; i++)
        if (shapan_meeting_bid_pending(w, team, orders[i])) {
            const ShapanOrder *o = &sc->orders[orders[i]];
            int64_t base = sc->products[o->product].direct_cost * o->qty;
            c->order = orders[i];
            c->type = chance(g, 30) ? SHAPAN_CMD_DECLINE : SHAPAN_CMD_BID;
            c->price = base + below(g, (int)(2 * base + 2));
            c->delivery = 1 + below(g, 4);
            c->term = below(g, 5);
            return true;
        }
    for (int m = 0; m < sc->nmarkets; m++)
        for (int p = 0; p < sc->nproducts; p++) {
            if (shapan_meeting_turn(w, m, p) != team)
                continue;
            int free_orders[64], k = 0;
            for (int i = 0; i < sc->norders && k < 64; i++)
                if (sc->orders[i].market == m && sc->orders[i].product == p && !sc->orders[i].bid &&
                    shapan_view_order_state(w, i) == SHAPAN_ORDER_FREE &&
                    sc->orders[i].year == shapan_meeting_year(w))
                    free_orders[k++] = i;
            if (k == 0 || chance(g, 20)) {
                c->type = SHAPAN_CMD_PASS;
                c->market = m;
                c->product = p;
            } else {
                c->type = SHAPAN_CMD_PICK;
                c->order = free_orders[below(g, k)];
            }
            return true;
        }
    return false;
}

/* Board commands that move a game towards orders: R&D, markets, ISO, and
 * deliveries of held orders from emergency stock. */
static bool useful_board_command(Gen *g, const ShapanWorld *w, int team, ShapanCommand *c)
{
    const ShapanScenario *sc = g->sc;
    const ShapanTeam *t = shapan_view_own(w, team);
    if (t->stage == SHAPAN_STAGE_S5 && t->quarter == 4 && chance(g, 70)) {
        if (chance(g, 75)) {
            c->type = SHAPAN_CMD_DEVELOP_MARKET;
            c->market = below(g, 3);
        } else {
            c->type = SHAPAN_CMD_DEVELOP_ISO;
            c->iso = below(g, sc->nisos);
        }
        return true;
    }
    if (t->stage >= SHAPAN_STAGE_S3 && t->stage <= SHAPAN_STAGE_S5 && chance(g, 30)) {
        c->type = SHAPAN_CMD_DEVELOP_PRODUCT;
        c->product = below(g, 3);
        return true;
    }
    if (t->cash < 150 && t->stage == SHAPAN_STAGE_S1 && chance(g, 60)) {
        c->type = SHAPAN_CMD_SHORT_LOAN;
        c->amount = 100;
        return true;
    }
    if (t->cash < 300 && t->stage == SHAPAN_STAGE_LONG_LOAN && chance(g, 60)) {
        c->type = SHAPAN_CMD_LONG_LOAN;
        c->amount = 200;
        c->years = 1 + below(g, 4);
        return true;
    }
    if (t->stage == SHAPAN_STAGE_S4 && t->nheld > 0 && chance(g, 60)) {
        const ShapanHeld *h = &t->held[below(g, t->nheld)];
        const ShapanOrder *o = &sc->orders[h->order];
        c->order = h->order;
        if (t->products[o->product] >= o->qty) {
            c->type = SHAPAN_CMD_DELIVER;
        } else {
            c->type = SHAPAN_CMD_EMERGENCY_BUY;
            memset(c->items, 0, sizeof c->items);
            c->items[sc->nmaterials + o->product] = o->qty - t->products[o->product];
        }
        return true;
    }
    return false;
}

static ShapanCommand generate(Gen *g, const ShapanWorld *w)
{
    int team = chance(g, 3) ? (chance(g, 50) ? 0 : g->nteams + 1) : 1 + below(g, g->nteams);
    ShapanCommand c = shapan_cmd_simple(SHAPAN_CMD_NEXT, team);
    random_fields(g, &c);
    int r = below(g, 1000);
    bool live = team >= 1 && team <= g->nteams && !shapan_view_bankrupt(w, team, NULL, NULL);
    if (live && r < 500 && due_meeting_command(g, w, team, &c))
        return c;
    if (live && r < 500 && useful_board_command(g, w, team, &c))
        return c;
    if (r < 330)
        c.type = SHAPAN_CMD_NEXT;
    else if (r < 380)
        c.type = SHAPAN_CMD_END_QUARTER;
    else if (r < 385)
        c.type = SHAPAN_CMD_FORCE_END_QUARTER;
    else if (r < 386)
        c.type = SHAPAN_CMD_CONCEDE;
    else {
        c.type = (ShapanCmdType)below(g, SHAPAN_CMD_COUNT);
        if (c.type == SHAPAN_CMD_CONCEDE)
            c.type = SHAPAN_CMD_UNDO;
        if (c.type == SHAPAN_CMD_ADS)
            random_ads(g, NULL, &c);
    }
    return c;
}

typedef struct {
    int finished, meetings, picks, bids, delivers, undos, accepted, rejected, bankrupt;
} Stats;

static void play_seed(const ShapanScenario *sc, uint64_t seed, Stats *st)
{
    Gen g;
    shapan_rng_seed(&g.rng, seed);
    g.sc = sc;
    g.nteams = 3 + (int)(seed % 2);
    ShapanWorld *w = tu_world(sc, g.nteams);
    ShapanWorld *start = shapan_world_clone(w);
    ShapanWorld *mid = NULL;
    int clone_at = 200 + below(&g, MAX_STEPS / 2);
    ShapanCommand *log = malloc(sizeof *log * MAX_STEPS);
    assert_non_null(log);
    int nlog = 0;
    for (int step = 0; step < MAX_STEPS && !shapan_world_over(w); step++) {
        if (step == clone_at) {
            mid = shapan_world_clone(w);
            assert_non_null(mid);
        }
        snprintf(tu_context, sizeof tu_context, "seed %" PRIu64 " step %d", seed, step);
        ShapanCommand c = generate(&g, w);
        ShapanError err;
        if (tu_apply(w, &c, &err) != SHAPAN_OK) {
            st->rejected++;
            continue;
        }
        st->accepted++;
        st->picks += c.type == SHAPAN_CMD_PICK;
        st->bids += c.type == SHAPAN_CMD_BID;
        st->delivers += c.type == SHAPAN_CMD_DELIVER;
        st->undos += c.type == SHAPAN_CMD_UNDO;
        log[nlog++] = c;
        if (mid) {
            ShapanErrorCode rc = shapan_cmd_apply(mid, &c, &err);
            if (rc)
                print_error("%s: the clone refused %s: %s\n", tu_context, shapan_cmd_name(c.type),
                            err.message);
            assert_int_equal(rc, SHAPAN_OK);
        }
        for (int t = 1; t <= g.nteams; t++)
            assert_true(shapan_view_own(w, t)->cash >= 0);
    }
    char diff[256] = "";
    if (mid) {
        bool same = shapan_world_equal(w, mid, diff, sizeof diff);
        if (!same)
            print_error("seed %" PRIu64 ": the clone differs at %s\n", seed, diff);
        assert_true(same);
        assert_true(shapan_world_hash(w) == shapan_world_hash(mid));
    }
    /* a fresh copy replays the accepted commands, each after a JSON round trip */
    for (int i = 0; i < nlog; i++) {
        char *text = shapan_cmd_to_json(sc, &log[i], shapan_world_seq(start));
        assert_non_null(text);
        ShapanCommand back;
        ShapanError err;
        ShapanErrorCode rc = shapan_cmd_from_json(sc, text, strlen(text), &back, &err);
        if (rc == SHAPAN_OK)
            rc = shapan_cmd_apply(start, &back, &err);
        if (rc)
            print_error("seed %" PRIu64 ": replay of %s: %s\n", seed, text, err.message);
        free(text);
        assert_int_equal(rc, SHAPAN_OK);
    }
    bool same = shapan_world_equal(w, start, diff, sizeof diff);
    if (!same)
        print_error("seed %" PRIu64 ": the replayed copy differs at %s\n", seed, diff);
    assert_true(same);
    for (int t = 1; t <= g.nteams; t++)
        st->bankrupt += shapan_view_bankrupt(w, t, NULL, NULL);
    st->finished += shapan_world_over(w);
    for (int y = 2; y <= sc->years; y++) {
        int64_t eq;
        for (int t = 1; t <= g.nteams; t++)
            if (shapan_view_equity(w, t, y, &eq)) {
                st->meetings++;
                break;
            }
    }
    free(log);
    shapan_world_destroy(mid);
    shapan_world_destroy(start);
    shapan_world_destroy(w);
}

static void test_random_commands(void **state)
{
    (void)state;
    Stats st = {0};
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        ShapanScenario *sc = tu_load_standard();
        make_book(sc, seed);
        play_seed(sc, seed, &st);
        shapan_scenario_free(sc);
    }
    tu_context[0] = '\0';
    print_message("%d seeds: %d accepted, %d rejected, %d picks, %d bids, %d deliveries, %d undos, "
                  "%d years 2+ closed, %d games finished, %d teams bankrupt\n",
                  SEEDS, st.accepted, st.rejected, st.picks, st.bids, st.delivers, st.undos,
                  st.meetings, st.finished, st.bankrupt);
    /* the generator must reach the interesting parts, or the test proves little */
    assert_true(st.picks > 0);
    assert_true(st.bids > 0);
    assert_true(st.delivers > 0);
    assert_true(st.undos > 0);
    assert_true(st.meetings >= SEEDS);
    assert_true(st.finished > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_commands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
