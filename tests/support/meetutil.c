/* Test helpers shared by test_meeting.c, test_bids.c, test_golden.c, test_random.c. */
#include <stdio.h>
#include <string.h>

#include "meetutil.h"

void mu_book(ShapanScenario *sc, const MuOrder *orders, int n)
{
    tu_clear_orders(sc);
    for (int i = 0; i < n; i++) {
        const MuOrder *m = &orders[i];
        int k = tu_add_order(sc, m->id, m->year, m->market, m->product, m->qty,
                             m->bid ? 0 : m->price, m->bid ? 0 : m->delivery, m->bid ? 0 : m->term);
        sc->orders[k].iso_mask = m->iso;
        sc->orders[k].bid = m->bid;
    }
}

ShapanScenario *mu_load_book(const MuOrder *orders, int n)
{
    ShapanScenario *sc = tu_load_standard();
    mu_book(sc, orders, n);
    return sc;
}

/* Runs `cmd` with field `key` set to every id of a space-separated list. */
static void each_id(ShapanWorld *w, int team, const char *cmd, const char *key, const char *list,
                    int min_quarters)
{
    /* split by hand: strtok_r is not C11 */
    for (const char *s = list; *s;) {
        while (*s == ' ')
            s++;
        size_t len = strcspn(s, " ");
        if (len == 0)
            break;
        char id[SHAPAN_ID_LEN];
        snprintf(id, sizeof id, "%.*s", (int)len, s);
        s += len;
        if (min_quarters > 1) {
            int p = tu_product(w, id);
            if (shapan_world_scenario(w)->products[p].rnd_quarters < min_quarters)
                continue;
        }
        TU_OK(w, "{'cmd':'%s','team':%d,'%s':'%s'}", cmd, team, key, id);
    }
}

void mu_year1(ShapanWorld *w, int team, const char *products, const char *markets, const char *isos)
{
    TU_NEXT(w, team, 1); /* year_start -> long_loan: year 1 has no meeting */
    TU_OK(w, "{'cmd':'end_quarter','team':%d}", team); /* S6 of Q1 */
    TU_OK(w, "{'cmd':'end_quarter','team':%d}", team); /* S6 of Q2 */
    TU_NEXT(w, team, 3);                               /* S3 of Q3 */
    each_id(w, team, "develop_product", "product", products, 2);
    TU_OK(w, "{'cmd':'end_quarter','team':%d}", team); /* S6 of Q3 */
    TU_NEXT(w, team, 3);                               /* S3 of Q4 */
    each_id(w, team, "develop_product", "product", products, 0);
    TU_NEXT(w, team, 2); /* S5 of Q4 */
    each_id(w, team, "develop_market", "market", markets, 0);
    each_id(w, team, "develop_iso", "iso", isos, 0);
    TU_NEXT(w, team, 2); /* S6 (year end), then year_start of year 2 */
    assert_int_equal(tu_team(w, team)->year, 2);
    assert_int_equal(tu_stage(w, team), SHAPAN_STAGE_YEAR_START);
}

ShapanWorld *mu_start(const ShapanScenario *sc, int nteams, const char *products,
                      const char *markets)
{
    ShapanWorld *w = tu_world(sc, nteams);
    for (int t = 1; t <= nteams; t++)
        mu_year1(w, t, products, markets, "");
    return w;
}

static bool at(const ShapanTeam *t, int year, int quarter, ShapanStage stage)
{
    if (t->year != year || t->stage != (int)stage)
        return false;
    return stage < SHAPAN_STAGE_S1 || t->quarter == quarter;
}

void mu_to(ShapanWorld *w, int team, int year, int quarter, ShapanStage stage)
{
    for (int guard = 0; !at(tu_team(w, team), year, quarter, stage); guard++) {
        if (guard > 200) {
            print_error("team %d never reaches Y%dQ%d %s\n", team, year, quarter,
                        shapan_stage_name(stage));
            fail();
        }
        TU_NEXT(w, team, 1);
    }
}

void mu_finish_year(ShapanWorld *w, int team, const char *markets, const char *isos)
{
    int year = tu_team(w, team)->year;
    mu_to(w, team, year, 4, SHAPAN_STAGE_S5);
    each_id(w, team, "develop_market", "market", markets, 0);
    each_id(w, team, "develop_iso", "iso", isos, 0);
    TU_NEXT(w, team, 2);
    assert_int_equal(tu_team(w, team)->year, year + 1);
}

int mu_turn(const ShapanWorld *w, const char *market, const char *product)
{
    return shapan_meeting_turn(w, tu_market(w, market), tu_product(w, product));
}

int mu_owner(const ShapanWorld *w, const char *order)
{
    return shapan_view_order_owner(w, tu_order(w, order));
}

ShapanOrderState mu_state(const ShapanWorld *w, const char *order)
{
    return shapan_view_order_state(w, tu_order(w, order));
}
