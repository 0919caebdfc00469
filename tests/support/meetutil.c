/* Test helpers shared by test_meeting.c, test_bids.c, test_golden.c, test_random.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meetutil.h"

ShapanScenario *mu_load(void)
{
    ShapanError errs[8];
    int nerrs = 0;
    ShapanScenario *sc =
        shapan_scenario_load(tu_path("scenarios/standard-base.json"), errs, 8, &nerrs);
    for (int i = 0; i < nerrs && i < 8; i++)
        print_error("scenario: %s at %s: %s\n", shapan_error_name(errs[i].code), errs[i].where,
                    errs[i].message);
    assert_non_null(sc);
    return sc;
}

static int lookup_or_die(int idx, const char *what, const char *id)
{
    if (idx < 0) {
        print_error("unknown %s \"%s\"\n", what, id);
        fail();
    }
    return idx;
}

void mu_book(ShapanScenario *sc, const MuOrder *orders, int n)
{
    free(sc->orders);
    sc->orders = n > 0 ? calloc((size_t)n, sizeof *sc->orders) : NULL;
    sc->norders = n;
    for (int i = 0; i < n; i++) {
        const MuOrder *m = &orders[i];
        ShapanOrder *o = &sc->orders[i];
        snprintf(o->id, sizeof o->id, "%s", m->id);
        o->year = m->year;
        o->market = (int)lookup_or_die(shapan_scenario_market(sc, m->market), "market", m->market);
        o->product = lookup_or_die(shapan_scenario_product(sc, m->product), "product", m->product);
        o->qty = m->qty;
        o->price = m->bid ? 0 : m->price;
        o->delivery = m->bid ? 0 : m->delivery;
        o->term = m->bid ? 0 : m->term;
        o->iso_mask = m->iso;
        o->bid = m->bid;
    }
}

ShapanWorld *mu_world(const ShapanScenario *sc, int nteams)
{
    ShapanError err;
    ShapanWorld *w = shapan_world_create(sc, 1, nteams, &err);
    if (!w)
        print_error("world: %s: %s\n", shapan_error_name(err.code), err.message);
    assert_non_null(w);
    return w;
}

char mu_context[160];

ShapanErrorCode mu_apply(ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    uint64_t h0 = shapan_world_hash(w);
    ShapanError cerr;
    ShapanErrorCode rc_check = shapan_cmd_check(w, c, &cerr);
    uint64_t h1 = shapan_world_hash(w);
    if (h0 != h1) {
        print_error("%s: shapan_cmd_check(%s) changed the world\n", mu_context,
                    shapan_cmd_name(c->type));
        fail();
    }
    ShapanErrorCode rc = shapan_cmd_apply(w, c, err);
    if (rc != rc_check) {
        print_error("%s: %s by team %d: check says %s (%s), apply says %s (%s)\n",
                    mu_context, shapan_cmd_name(c->type), c->team, shapan_error_name(rc_check),
                    cerr.message, shapan_error_name(rc), err->message);
        fail();
    }
    if (rc != SHAPAN_OK && shapan_world_hash(w) != h0) {
        print_error("%s: rejected %s (%s) changed the world\n", mu_context,
                    shapan_cmd_name(c->type), shapan_error_name(rc));
        fail();
    }
    ShapanError verr;
    if (shapan_world_verify(w, &verr) != SHAPAN_OK) {
        print_error("%s: after %s by team %d: verify: %s at %s: %s\n", mu_context,
                    shapan_cmd_name(c->type),
                    c->team, shapan_error_name(verr.code), verr.where, verr.message);
        fail();
    }
    return rc;
}

static ShapanErrorCode vtry(ShapanWorld *w, ShapanError *err, char *text, size_t n,
                            const char *fmt, va_list ap)
{
    vsnprintf(text, n, fmt, ap);
    for (char *p = text; *p; p++)
        if (*p == '\'')
            *p = '"';
    ShapanCommand c;
    ShapanErrorCode rc = shapan_cmd_from_json(shapan_world_scenario(w), text, strlen(text), &c, err);
    if (rc)
        return rc;
    return mu_apply(w, &c, err);
}

ShapanErrorCode mu_try(ShapanWorld *w, ShapanError *err, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    ShapanErrorCode rc = vtry(w, err, text, sizeof text, fmt, ap);
    va_end(ap);
    return rc;
}

void mu_ok_at(const char *file, int line, ShapanWorld *w, const char *fmt, ...)
{
    char text[2048];
    ShapanError err = {0};
    va_list ap;
    va_start(ap, fmt);
    ShapanErrorCode rc = vtry(w, &err, text, sizeof text, fmt, ap);
    va_end(ap);
    if (rc != SHAPAN_OK) {
        print_error("%s:%d: %s refused: %s at %s: %s\n", file, line, text, shapan_error_name(rc),
                    err.where, err.message);
        fail();
    }
}

void mu_fail_at(const char *file, int line, ShapanWorld *w, ShapanErrorCode want,
                const char *fmt, ...)
{
    char text[2048];
    ShapanError err = {0};
    va_list ap;
    va_start(ap, fmt);
    ShapanErrorCode rc = vtry(w, &err, text, sizeof text, fmt, ap);
    va_end(ap);
    if (rc != want) {
        print_error("%s:%d: %s: expected %s, got %s (%s)\n", file, line, text,
                    shapan_error_name(want), shapan_error_name(rc),
                    rc ? err.message : "accepted");
        fail();
    }
}

void mu_next(ShapanWorld *w, int team, int n)
{
    for (int i = 0; i < n; i++)
        MU_OK(w, "{'cmd':'next','team':%d}", team);
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
            int p = mu_product(w, id);
            if (shapan_world_scenario(w)->products[p].rnd_quarters < min_quarters)
                continue;
        }
        MU_OK(w, "{'cmd':'%s','team':%d,'%s':'%s'}", cmd, team, key, id);
    }
}

void mu_year1(ShapanWorld *w, int team, const char *products, const char *markets,
              const char *isos)
{
    mu_next(w, team, 1); /* year_start -> long_loan: year 1 has no meeting */
    MU_OK(w, "{'cmd':'end_quarter','team':%d}", team); /* S6 of Q1 */
    MU_OK(w, "{'cmd':'end_quarter','team':%d}", team); /* S6 of Q2 */
    mu_next(w, team, 3);                                /* S3 of Q3 */
    each_id(w, team, "develop_product", "product", products, 2);
    MU_OK(w, "{'cmd':'end_quarter','team':%d}", team); /* S6 of Q3 */
    mu_next(w, team, 3);                                /* S3 of Q4 */
    each_id(w, team, "develop_product", "product", products, 0);
    mu_next(w, team, 2); /* S5 of Q4 */
    each_id(w, team, "develop_market", "market", markets, 0);
    each_id(w, team, "develop_iso", "iso", isos, 0);
    mu_next(w, team, 2); /* S6 (year end), then year_start of year 2 */
    assert_int_equal(mu_team(w, team)->year, 2);
    assert_int_equal(mu_stage(w, team), SHAPAN_STAGE_YEAR_START);
}

static bool at(const ShapanTeam *t, int year, int quarter, ShapanStage stage)
{
    if (t->year != year || t->stage != (int)stage)
        return false;
    return stage < SHAPAN_STAGE_S1 || t->quarter == quarter;
}

void mu_to(ShapanWorld *w, int team, int year, int quarter, ShapanStage stage)
{
    for (int guard = 0; !at(mu_team(w, team), year, quarter, stage); guard++) {
        if (guard > 200) {
            print_error("team %d never reaches Y%dQ%d %s\n", team, year, quarter,
                        shapan_stage_name(stage));
            fail();
        }
        MU_OK(w, "{'cmd':'next','team':%d}", team);
    }
}

void mu_finish_year(ShapanWorld *w, int team, const char *markets, const char *isos)
{
    int year = mu_team(w, team)->year;
    mu_to(w, team, year, 4, SHAPAN_STAGE_S5);
    each_id(w, team, "develop_market", "market", markets, 0);
    each_id(w, team, "develop_iso", "iso", isos, 0);
    mu_next(w, team, 2);
    assert_int_equal(mu_team(w, team)->year, year + 1);
}

const ShapanTeam *mu_team(const ShapanWorld *w, int team)
{
    const ShapanTeam *t = shapan_view_own(w, team);
    assert_non_null(t);
    return t;
}

int64_t mu_cash(const ShapanWorld *w, int team) { return mu_team(w, team)->cash; }

ShapanStage mu_stage(const ShapanWorld *w, int team) { return (ShapanStage)mu_team(w, team)->stage; }

int mu_order(const ShapanWorld *w, const char *id)
{
    return lookup_or_die(shapan_scenario_order(shapan_world_scenario(w), id), "order", id);
}

int mu_market(const ShapanWorld *w, const char *id)
{
    return lookup_or_die(shapan_scenario_market(shapan_world_scenario(w), id), "market", id);
}

int mu_product(const ShapanWorld *w, const char *id)
{
    return lookup_or_die(shapan_scenario_product(shapan_world_scenario(w), id), "product", id);
}

int mu_turn(const ShapanWorld *w, const char *market, const char *product)
{
    return shapan_meeting_turn(w, mu_market(w, market), mu_product(w, product));
}

int mu_owner(const ShapanWorld *w, const char *order)
{
    return shapan_view_order_owner(w, mu_order(w, order));
}

ShapanOrderState mu_state(const ShapanWorld *w, const char *order)
{
    return shapan_view_order_state(w, mu_order(w, order));
}
