/* Test helpers of the command-playing tests (see boardutil.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardutil.h"

ShapanScenario *tu_load(const char *rel)
{
    ShapanError errs[8];
    int nerrs = 0;
    ShapanScenario *sc = shapan_scenario_load(tu_path(rel), errs, 8, &nerrs);
    for (int i = 0; i < nerrs && i < 8; i++)
        print_error("%s: %s at %s: %s\n", rel, shapan_error_name(errs[i].code), errs[i].where,
                    errs[i].message);
    assert_non_null(sc);
    return sc;
}

/* A scenario index, or the test fails naming the id. */
static int found(int idx, const char *what, const char *id)
{
    if (idx < 0) {
        print_error("unknown %s \"%s\"\n", what, id);
        fail();
    }
    return idx;
}

ShapanScenario *tu_load_standard(void) { return tu_load("scenarios/standard-base.json"); }

void tu_clear_orders(ShapanScenario *sc)
{
    free(sc->orders);
    sc->orders = NULL;
    sc->norders = 0;
}

int tu_add_order(ShapanScenario *sc, const char *id, int year, const char *market,
                 const char *product, int qty, int64_t price, int delivery, int term)
{
    ShapanOrder *o = realloc(sc->orders, sizeof *o * (size_t)(sc->norders + 1));
    assert_non_null(o);
    sc->orders = o;
    o = &sc->orders[sc->norders];
    memset(o, 0, sizeof *o);
    snprintf(o->id, sizeof o->id, "%s", id);
    o->year = year;
    o->market = found(shapan_scenario_market(sc, market), "market", market);
    o->product = found(shapan_scenario_product(sc, product), "product", product);
    o->qty = qty;
    o->price = price;
    o->delivery = delivery;
    o->term = term;
    return sc->norders++;
}

ShapanWorld *tu_world(const ShapanScenario *sc, int nteams)
{
    ShapanError err = {0};
    ShapanWorld *w = shapan_world_create(sc, 1, nteams, &err);
    if (!w)
        print_error("world: %s: %s\n", shapan_error_name(err.code), err.message);
    assert_non_null(w);
    ShapanError verr = {0};
    if (shapan_world_verify(w, &verr) != SHAPAN_OK) {
        print_error("new world: verify: %s at %s: %s\n", shapan_error_name(verr.code), verr.where,
                    verr.message);
        fail();
    }
    return w;
}

ShapanScenario *tu_sc;

int tu_setup_no_orders(void **state)
{
    (void)state;
    tu_sc = tu_load_standard();
    tu_clear_orders(tu_sc);
    return 0;
}

int tu_teardown_scenario(void **state)
{
    (void)state;
    shapan_scenario_free(tu_sc);
    tu_sc = NULL;
    return 0;
}

char tu_context[160];

/* "<context>: " before a failure message, or nothing when tu_context is empty. */
static const char *ctx_sep(void) { return tu_context[0] ? ": " : ""; }

ShapanErrorCode tu_apply(ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    const char *ctx = tu_context, *sep = ctx_sep();
    uint64_t h0 = shapan_world_hash(w);
    int32_t seq0 = shapan_world_seq(w);
    ShapanError cerr = {0};
    ShapanErrorCode rc_check = shapan_cmd_check(w, c, &cerr);
    if (shapan_world_hash(w) != h0) {
        print_error("%s%sshapan_cmd_check(%s) changed the world\n", ctx, sep,
                    shapan_cmd_name(c->type));
        fail();
    }
    ShapanErrorCode rc = shapan_cmd_apply(w, c, err);
    if (rc != rc_check) {
        print_error("%s%s%s by team %d: check says %s (%s), apply says %s (%s)\n", ctx, sep,
                    shapan_cmd_name(c->type), c->team, shapan_error_name(rc_check), cerr.message,
                    shapan_error_name(rc), err->message);
        fail();
    }
    if (rc != SHAPAN_OK && (shapan_world_hash(w) != h0 || shapan_world_seq(w) != seq0)) {
        print_error("%s%srejected %s (%s) changed the world\n", ctx, sep, shapan_cmd_name(c->type),
                    shapan_error_name(rc));
        fail();
    }
    ShapanError verr = {0};
    if (shapan_world_verify(w, &verr) != SHAPAN_OK) {
        print_error("%s%safter %s by team %d: verify: %s at %s: %s\n", ctx, sep,
                    shapan_cmd_name(c->type), c->team, shapan_error_name(verr.code), verr.where,
                    verr.message);
        fail();
    }
    return rc;
}

/* Formats the command into text (' -> "), decodes and applies it checked. */
static ShapanErrorCode vtry(ShapanWorld *w, ShapanError *err, char *text, size_t n, const char *fmt,
                            va_list ap)
{
    vsnprintf(text, n, fmt, ap);
    for (char *p = text; *p; p++)
        if (*p == '\'')
            *p = '"';
    ShapanCommand c;
    ShapanErrorCode rc =
        shapan_cmd_from_json(shapan_world_scenario(w), text, strlen(text), &c, err);
    if (rc)
        return rc;
    return tu_apply(w, &c, err);
}

ShapanErrorCode tu_try(ShapanWorld *w, ShapanError *err, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    ShapanErrorCode rc = vtry(w, err, text, sizeof text, fmt, ap);
    va_end(ap);
    return rc;
}

void tu_expect_at(const char *file, int line, ShapanWorld *w, ShapanErrorCode want, const char *fmt,
                  ...)
{
    char text[2048];
    ShapanError err = {0};
    va_list ap;
    va_start(ap, fmt);
    ShapanErrorCode rc = vtry(w, &err, text, sizeof text, fmt, ap);
    va_end(ap);
    if (rc == want)
        return;
    if (want == SHAPAN_OK)
        print_error("%s%s%s refused: %s at %s: %s\n", tu_context, ctx_sep(), text,
                    shapan_error_name(rc), err.where, err.message);
    else
        print_error("%s%s%s: expected %s, got %s (%s)\n", tu_context, ctx_sep(), text,
                    shapan_error_name(want), shapan_error_name(rc), rc ? err.message : "accepted");
    _fail(file, line);
}

void tu_next_at(const char *file, int line, ShapanWorld *w, int team, int n)
{
    for (int i = 0; i < n; i++)
        tu_expect_at(file, line, w, SHAPAN_OK, "{'cmd':'next','team':%d}", team);
}

static int position_key(int year, int quarter, ShapanStage stage)
{
    if (stage < SHAPAN_STAGE_S1)
        quarter = 0; /* the year start, meeting and long-loan window come before Q1 S1 */
    return (year * 5 + quarter) * SHAPAN_STAGE_COUNT + (int)stage;
}

/* One step of `team` toward the target: 0 = there, 1 = moved, -1 = waits in the
 * meeting for other teams.  Fails on a refused step or a passed target. */
static int step_toward(const char *file, int line, ShapanWorld *w, int team, int want)
{
    const ShapanScenario *sc = shapan_world_scenario(w);
    int y, q;
    ShapanStage s;
    shapan_view_position(w, team, &y, &q, &s);
    int at = position_key(y, q, s);
    if (at == want)
        return 0;
    if (at > want) {
        print_error("team %d is at Y%dQ%d %s, past the target\n", team, y, q, shapan_stage_name(s));
        _fail(file, line);
    }
    if (s == SHAPAN_STAGE_MEETING)
        return -1;
    if (s == SHAPAN_STAGE_YEAR_START && sc->meeting_year[y])
        tu_expect_at(file, line, w, SHAPAN_OK, "{'cmd':'ads','team':%d,'bids':[]}", team);
    else
        tu_expect_at(file, line, w, SHAPAN_OK, "{'cmd':'next','team':%d}", team);
    return 1;
}

void tu_goto_at(const char *file, int line, ShapanWorld *w, int team, int year, int quarter,
                ShapanStage stage)
{
    int want = position_key(year, quarter, stage);
    for (int guard = 0; guard < 1000; guard++) {
        int r = step_toward(file, line, w, team, want);
        if (r == 0)
            return;
        if (r < 0) {
            print_error("team %d waits in the order meeting\n", team);
            _fail(file, line);
        }
    }
    _fail(file, line);
}

void tu_goto_all_at(const char *file, int line, ShapanWorld *w, int year, int quarter,
                    ShapanStage stage)
{
    int want = position_key(year, quarter, stage);
    for (int guard = 0; guard < 5000; guard++) {
        bool moved = false, all_there = true;
        for (int team = 1; team <= shapan_world_teams(w); team++) {
            if (shapan_view_bankrupt(w, team, NULL, NULL))
                continue;
            int r = step_toward(file, line, w, team, want);
            moved = moved || r > 0;
            all_there = all_there && r == 0;
        }
        if (all_there)
            return;
        if (!moved) {
            print_error("no team can move toward Y%dQ%d %s\n", year, quarter,
                        shapan_stage_name(stage));
            _fail(file, line);
        }
    }
    _fail(file, line);
}

const ShapanTeam *tu_team(const ShapanWorld *w, int team)
{
    const ShapanTeam *t = shapan_view_own(w, team);
    assert_non_null(t);
    return t;
}

int64_t tu_cash(const ShapanWorld *w, int team) { return tu_team(w, team)->cash; }

ShapanStage tu_stage(const ShapanWorld *w, int team)
{
    return (ShapanStage)tu_team(w, team)->stage;
}

ShapanStatement tu_stmt(const ShapanWorld *w, int team, int year)
{
    ShapanStatement st;
    shapan_statement(w, team, year, &st);
    return st;
}

int64_t tu_booked(const ShapanWorld *w, int team, int year, int quarter, ShapanAccount debit,
                  int credit)
{
    int n = 0;
    const ShapanEntry *e = shapan_ledger(w, team, &n);
    int64_t s = 0;
    for (int i = 0; i < n; i++)
        if (e[i].year == year && e[i].quarter == quarter && e[i].debit == debit &&
            (credit < 0 || e[i].credit == credit))
            s += e[i].amount;
    return s;
}

int tu_item(const ShapanWorld *w, const char *id)
{
    return found(shapan_scenario_item(shapan_world_scenario(w), id), "item", id);
}

int tu_product(const ShapanWorld *w, const char *id)
{
    return found(shapan_scenario_product(shapan_world_scenario(w), id), "product", id);
}

int tu_market(const ShapanWorld *w, const char *id)
{
    return found(shapan_scenario_market(shapan_world_scenario(w), id), "market", id);
}

int tu_order(const ShapanWorld *w, const char *id)
{
    return found(shapan_scenario_order(shapan_world_scenario(w), id), "order", id);
}
