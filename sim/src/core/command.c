/* The command table: one pure check and one apply per command (STYLE.md habit 2). */
#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

typedef enum {
    KIND_TEAM,    /* runs on a scratch board; committed whole; reads no ads (TEAM_CMD_BYTES) */
    KIND_MEETING, /* ads, picks, passes, bids, declines */
    KIND_UNDO,
    KIND_CONCEDE,
} CmdKind;

typedef struct {
    CmdKind kind;
    TeamHandler handler;
    bool undoable;
    bool arrays;    /* the handler reads slots or items: they are part of the kept run's key */
    bool no_fields; /* the handler reads no field but the type and the team: nor does the key */
} CmdSpec;

static const CmdSpec specs[SHAPAN_CMD_COUNT] = {
    [SHAPAN_CMD_ADS] = {KIND_MEETING, NULL, false, false, false},
    [SHAPAN_CMD_PICK] = {KIND_MEETING, NULL, false, false, false},
    [SHAPAN_CMD_PASS] = {KIND_MEETING, NULL, false, false, false},
    [SHAPAN_CMD_BID] = {KIND_MEETING, NULL, false, false, false},
    [SHAPAN_CMD_DECLINE] = {KIND_MEETING, NULL, false, false, false},
    [SHAPAN_CMD_LONG_LOAN] = {KIND_TEAM, team_long_loan, true, false, false},
    [SHAPAN_CMD_SHORT_LOAN] = {KIND_TEAM, team_short_loan, true, false, false},
    [SHAPAN_CMD_ORDER_MATERIALS] = {KIND_TEAM, team_order_materials, true, true, false},
    [SHAPAN_CMD_BUY_PLANT] = {KIND_TEAM, team_buy_plant, true, false, false},
    [SHAPAN_CMD_RENT_PLANT] = {KIND_TEAM, team_rent_plant, true, false, false},
    [SHAPAN_CMD_BUILD_LINE] = {KIND_TEAM, team_build_line, true, false, false},
    [SHAPAN_CMD_INVEST_LINE] = {KIND_TEAM, team_invest_line, true, false, false},
    [SHAPAN_CMD_CONVERT_LINE] = {KIND_TEAM, team_convert_line, true, false, false},
    [SHAPAN_CMD_SELL_LINE] = {KIND_TEAM, team_sell_line, true, false, false},
    [SHAPAN_CMD_PRODUCE] = {KIND_TEAM, team_produce, true, false, false},
    [SHAPAN_CMD_DELIVER] = {KIND_TEAM, team_deliver, true, false, false},
    [SHAPAN_CMD_DEVELOP_PRODUCT] = {KIND_TEAM, team_develop_product, true, false, false},
    [SHAPAN_CMD_SELL_PLANT] = {KIND_TEAM, team_sell_plant, true, false, false},
    [SHAPAN_CMD_RENT_TO_BUY] = {KIND_TEAM, team_rent_to_buy, true, false, false},
    [SHAPAN_CMD_RETURN_PLANT] = {KIND_TEAM, team_return_plant, true, false, false},
    [SHAPAN_CMD_DEVELOP_MARKET] = {KIND_TEAM, team_develop_market, true, false, false},
    [SHAPAN_CMD_DEVELOP_ISO] = {KIND_TEAM, team_develop_iso, true, false, false},
    [SHAPAN_CMD_DISCOUNT] = {KIND_TEAM, team_discount, true, true, false},
    [SHAPAN_CMD_DISCOUNT_PLANT] = {KIND_TEAM, team_discount_plant, true, false, false},
    [SHAPAN_CMD_EMERGENCY_BUY] = {KIND_TEAM, team_emergency_buy, true, true, false},
    [SHAPAN_CMD_SELL_INVENTORY] = {KIND_TEAM, team_sell_inventory, true, true, false},
    [SHAPAN_CMD_SPY] = {KIND_TEAM, team_spy, false, false, false},
    [SHAPAN_CMD_NEXT] = {KIND_TEAM, turn_next, false, false, true},
    [SHAPAN_CMD_END_QUARTER] = {KIND_TEAM, turn_end_quarter, false, false, true},
    [SHAPAN_CMD_UNDO] = {KIND_UNDO, NULL, false, false, false},
    [SHAPAN_CMD_CONCEDE] = {KIND_CONCEDE, NULL, false, false, false},
    [SHAPAN_CMD_FORCE_END_QUARTER] = {KIND_TEAM, turn_end_quarter, false, false, false},
};

/* Checks that apply to every command: the team exists, plays, the game goes on. */
static ShapanErrorCode common_check(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    if ((int)c->type < 0 || c->type >= SHAPAN_CMD_COUNT)
        return shapan_error_set(err, SHAPAN_E_FIELD, "cmd", "Unknown command type %d.", c->type);
    if (c->team < 1 || c->team > w->nteams)
        return shapan_error_set(err, SHAPAN_E_TEAM, "team", "There is no team %d (1 to %d).",
                                c->team, w->nteams);
    const ShapanTeam *t = w->teams[c->team - 1];
    if (t->bankrupt)
        return shapan_error_set(err, SHAPAN_E_BANKRUPT, "team", "Team %d is bankrupt (Y%dQ%d).",
                                c->team, t->bankrupt_year, t->bankrupt_quarter);
    if (team_finished(w, t))
        return shapan_error_set(err, SHAPAN_E_GAME_OVER, "team",
                                "Team %d has closed the last year; the game is over.", c->team);
    return SHAPAN_OK;
}

/* Barriers stop undo (RULES.md §3): entering S6 starts a new undo range. */
static bool crossed_s6(const ShapanTeam *before, const ShapanTeam *after)
{
    return after->stage == SHAPAN_STAGE_S6 &&
           (before->stage != SHAPAN_STAGE_S6 || before->quarter != after->quarter ||
            before->year != after->year);
}

/* The world's scratch ctx on a copy of team ti's board (the one copy a command
 * costs); NULL when out of memory.  The world's state is not touched: the scratch
 * is no part of it. */
static Ctx *scratch_ctx(const ShapanWorld *w, int ti, ShapanError *err)
{
    Scratch *s = w->scratch;
    s->valid = false;
    if (!s->board && !(s->board = board_take(&s->pool))) {
        shapan_error_set(err, SHAPAN_E_INTERNAL, "cmd", "Out of memory.");
        return NULL;
    }
    board_copy(s->board, w->teams[ti], w->sc->nmarkets);
    ctx_init(&s->ctx, w, ti, s->board, err);
    return &s->ctx;
}

#ifndef NDEBUG
/* The in-place run of c on the team's board (now the board after it; `before` as it
 * was) made the same board and ledger entries as a run on a copy. */
static bool same_as_copy_run(const ShapanWorld *w, const ShapanCommand *c, ShapanErrorCode rc,
                             const ShapanTeam *before)
{
    const Ctx *x = &w->scratch->ctx;
    ShapanTeam *b = malloc(sizeof *b);
    Ctx *y = malloc(sizeof *y);
    if (!b || !y) {
        free(b);
        free(y);
        return true; /* nothing to compare with */
    }
    *b = *before;
    ctx_init(y, w, x->ti, b, NULL);
    bool same = specs[c->type].handler(y, c) == rc;
    if (same && rc == SHAPAN_OK)
        same = board_same(b, x->t) && y->nbuf == x->nbuf;
    for (int i = 0; same && rc == SHAPAN_OK && i < y->nbuf; i++) {
        const ShapanEntry *e = &x->buf[i], *f = &y->buf[i]; /* field by field: padding */
        same = e->year == f->year && e->quarter == f->quarter && e->stage == f->stage &&
               e->debit == f->debit && e->credit == f->credit && e->detail == f->detail &&
               e->seq == f->seq && e->amount == f->amount;
    }
    free(b);
    free(y);
    return same;
}
#endif

/* The scratch's spans of board b (in_place_spans): to `saved`, from it, and
 * exchanged with it.  Each span is one of a few lengths, each moved as a constant
 * size (a few register moves, not a call of memcpy). */
enum { SPANS_SAVE, SPANS_LOAD, SPANS_SWAP };
static inline void span_move(unsigned char *p, unsigned char *saved, int how, size_t len)
{
    unsigned char x[64];
    if (how == SPANS_SAVE) {
        memcpy(saved, p, len);
    } else if (how == SPANS_LOAD) {
        memcpy(p, saved, len);
    } else {
        memcpy(x, p, len);
        memcpy(p, saved, len);
        memcpy(saved, x, len);
    }
}

static void spans_move(const Scratch *s, ShapanTeam *b, unsigned char *saved, int how)
{
    for (int i = 0; i < s->nspans; i++) {
        unsigned char *p = (unsigned char *)b + s->spans[i].off;
        size_t len = s->spans[i].len;
        switch (len) {
        case 8: span_move(p, saved, how, 8); break;
        case 32: span_move(p, saved, how, 32); break;
        case 64: span_move(p, saved, how, 64); break;
        default: assert(0 && "turn_next_spans, team_cmd_spans: a span of another length"); break;
        }
        saved += len;
    }
}

/* The spans that command c of its team may write when it runs in place on the team's
 * board (a `next`, or a frequent command of a team whose undo is off): their count,
 * or 0 for a run on a copy. */
static inline int in_place_spans(const ShapanWorld *w, const ShapanCommand *c,
                                 BoardSpan spans[CMD_SPANS_MAX])
{
    if (c->type == SHAPAN_CMD_NEXT)
        return turn_next_spans(w->teams[c->team - 1], spans);
    if (!w->no_undo[c->team - 1] || !specs[c->type].undoable)
        return 0;
    return team_cmd_spans(w, w->teams[c->team - 1], c, spans);
}

/* Runs command c of the team in place on its board, the spans it may write (the
 * scratch's, n of them: in_place_spans) saved first: the board is left as the
 * command made it (the scratch's ctx holds its entries), or as it was when it is
 * refused. */
static ShapanErrorCode run_in_place(const ShapanWorld *w, const ShapanCommand *c, int n,
                                    ShapanError *err)
{
    Scratch *s = w->scratch;
    int ti = c->team - 1;
    ShapanTeam *t = w->teams[ti];
    s->valid = false;
    s->nspans = n;
    spans_move(s, t, s->saved, SPANS_SAVE);
#ifndef NDEBUG
    ShapanTeam *before = malloc(sizeof *before);
    if (before)
        *before = *t;
#endif
    ctx_init(&s->ctx, w, ti, t, err);
    ShapanErrorCode rc = specs[c->type].handler(&s->ctx, c);
#ifndef NDEBUG
    assert(!before || same_as_copy_run(w, c, rc, before));
#endif
    if (rc)
        spans_move(s, t, s->saved, SPANS_LOAD);
#ifndef NDEBUG
    assert(rc == SHAPAN_OK || !before || !memcmp(before, t, sizeof *t));
    free(before);
#endif
    return rc;
}

/* Runs a team command in the scratch. */
static ShapanErrorCode run_team(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    Ctx *ctx = scratch_ctx(w, c->team - 1, err);
    if (!ctx)
        return SHAPAN_E_INTERNAL;
    return specs[c->type].handler(ctx, c);
}

/* The kept run's key: the fields of a team command that its handler may read (every
 * field before the ads' bids; the ads are read by the meeting only), the arrays of
 * slots and items only for the types that read them.  Copied and compared field by
 * field, not as 232 bytes: a rival has just written the command field by field, and
 * perf put the time of memcmp's 232 bytes on its first wide load (a load over several
 * narrower stores in flight can't be forwarded from them). */
#define KEY_ARRAYS_FROM offsetof(ShapanCommand, slots)
#define KEY_ARRAYS_BYTES (offsetof(ShapanCommand, nbids) - KEY_ARRAYS_FROM)

/* The scalar fields of the key, one list for the copy and the comparison. */
// clang-format off
#define KEY_FIELDS(X) \
    X(type) X(team) X(order) X(market) X(product) X(iso) X(kind) X(plant) X(line) \
    X(target) X(amount) X(years) X(price) X(delivery) X(term)
// clang-format on
#define KEY_SIZE(f) +sizeof(((ShapanCommand *)0)->f)
/* every field before the arrays is in the list (68 bytes of them, 4 of padding) */
_Static_assert(0 KEY_FIELDS(KEY_SIZE) == 68 && KEY_ARRAYS_FROM == 72,
               "a field added to ShapanCommand before its bids must join KEY_FIELDS");

static void key_copy(ShapanCommand *k, const ShapanCommand *c)
{
    k->type = c->type;
    k->team = c->team;
    if (specs[c->type].no_fields) /* nothing else is compared (key_same) */
        return;
#define KEY_COPY(f) k->f = c->f;
    KEY_FIELDS(KEY_COPY)
#undef KEY_COPY
    if (specs[c->type].arrays)
        memcpy((char *)k + KEY_ARRAYS_FROM, (const char *)c + KEY_ARRAYS_FROM, KEY_ARRAYS_BYTES);
}

/* k is a key_copy; c any command. */
static bool key_same(const ShapanCommand *k, const ShapanCommand *c)
{
    if (k->type != c->type || k->team != c->team)
        return false;
    if (specs[c->type].no_fields) /* `next`, end_quarter: half the commands */
        return true;
#define KEY_DIFFERS(f) k->f != c->f ||
    if (KEY_FIELDS(KEY_DIFFERS) false)
        return false;
#undef KEY_DIFFERS
    return !specs[c->type].arrays ||
           memcmp((const char *)k + KEY_ARRAYS_FROM, (const char *)c + KEY_ARRAYS_FROM,
                  KEY_ARRAYS_BYTES) == 0;
}

/* An accepted check's run stays in the scratch for an apply of the same command. */
static ShapanErrorCode check_team(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    Scratch *s = w->scratch;
    /* (the spans of the kept run are overwritten: the run below ends it anyway) */
    int n = in_place_spans(w, c, s->spans);
    ShapanErrorCode rc = n ? run_in_place(w, c, n, err) : run_team(w, c, err);
    if (rc == SHAPAN_OK) {
        if (n) /* the board as it was; `saved` keeps the spans as the run made them */
            spans_move(s, w->teams[c->team - 1], s->saved, SPANS_SWAP);
        s->valid = true;
        s->in_place = n > 0;
        s->seq = w->seq;
        key_copy(&s->cmd, c);
    }
    return rc;
}

/* Whether the scratch holds the accepted run of exactly `c` in the world as it is
 * now: every accepted command, of any team, moves seq on, and a rejected one
 * changes nothing. */
static bool scratch_holds(const ShapanWorld *w, const ShapanCommand *c)
{
    const Scratch *s = w->scratch;
    return s->valid && s->seq == w->seq && key_same(&s->cmd, c);
}

ShapanErrorCode shapan_cmd_check(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    ShapanErrorCode rc = common_check(w, c, err);
    if (rc)
        return rc;
    switch (specs[c->type].kind) {
    case KIND_MEETING: return meet_check(w, c, err);
    case KIND_UNDO:
        if (w->undo[c->team - 1].n == 0)
            return shapan_error_set(err, SHAPAN_E_NOTHING, "undo",
                                    "Team %d has nothing to undo in this quarter.", c->team);
        return SHAPAN_OK;
    case KIND_CONCEDE: return SHAPAN_OK;
    case KIND_TEAM: return check_team(w, c, err);
    }
    return SHAPAN_OK;
}

/* Room for one more snapshot, so that the push after an accepted run can't fail. */
static ShapanErrorCode undo_reserve(ShapanWorld *w, int ti)
{
    UndoStack *u = &w->undo[ti];
    if (u->n < u->cap)
        return SHAPAN_OK;
    int cap = u->cap ? u->cap * 2 : 32; /* a quarter of a rival's commands fits in 32 */
    UndoSnap *s = realloc(u->s, sizeof *s * (size_t)cap);
    if (!s)
        return SHAPAN_E_INTERNAL;
    u->s = s;
    u->cap = cap;
    return SHAPAN_OK;
}

/* The scratch board becomes team ti's board; returns the board it replaces. */
static ShapanTeam *install_scratch(ShapanWorld *w, int ti)
{
    ShapanTeam *old = w->teams[ti];
    w->teams[ti] = w->scratch->board;
    w->scratch->board = NULL;
    return old;
}

/* Commits the accepted run in the scratch: its board replaces the team's, whose
 * old board becomes the undo snapshot (undoable) or goes back to the pool; the
 * ledger entries join the journal. */
static void commit_team(ShapanWorld *w, const ShapanCommand *c, bool undoable)
{
    int ti = c->team - 1;
    const Ctx *x = &w->scratch->ctx;
    ShapanTeam *before = install_scratch(w, ti);
    const ShapanTeam *after = w->teams[ti];
    bool barrier = crossed_s6(before, after);
    if (undoable) {
        UndoStack *u = &w->undo[ti]; /* room reserved */
        u->s[u->n].team = before;
        u->s[u->n].journal_len = w->journal[ti].n;
        u->n++;
    }
    if (c->type == SHAPAN_CMD_SPY) {
        if (!w->spied[ti])
            w->spied[ti] = malloc(sizeof(ShapanTeam));
        if (w->spied[ti])
            *w->spied[ti] = *w->teams[c->target - 1];
        w->spied_target[ti] = (int8_t)c->target;
        world_clear_undo(w, ti);
    }
    journal_append(&w->journal[ti], x->buf, x->nbuf);
    if (barrier || after->bankrupt)
        world_clear_undo(w, ti);
    if (!undoable)
        board_give(&w->scratch->pool, before);
}

/* Commits a run in place on team ti's board: only its entries join the journal; the
 * board stays (or moves: board_moved).  No such run starts at S6 (turn_next_spans;
 * the commands of team_cmd_spans are refused there), so it crosses the S6 barrier
 * when it ends there.  Such a run of an undoable command is of a team whose undo is
 * off: it keeps no snapshot. */
static void commit_in_place(ShapanWorld *w, int ti)
{
    const Ctx *x = &w->scratch->ctx;
    ShapanTeam *t = w->teams[ti] = board_moved(&w->scratch->pool, w->teams[ti]);
    journal_append(&w->journal[ti], x->buf, x->nbuf);
    if (t->stage == SHAPAN_STAGE_S6 || t->bankrupt)
        world_clear_undo(w, ti);
}

/* A team command through the scratch: the kept run of its check, or a new run. */
static ShapanErrorCode apply_team(ShapanWorld *w, const ShapanCommand *c, bool checked,
                                  ShapanError *err)
{
    int ti = c->team - 1;
    Scratch *s = w->scratch;
    ShapanErrorCode rc;
    int n = 0; /* (unchecked: the spans of a kept run are overwritten, as the run ends it) */
    if (checked ? s->in_place : (n = in_place_spans(w, c, s->spans)) > 0) {
        bool at_s6 = w->teams[ti]->stage == SHAPAN_STAGE_S6;
        if (checked)
            spans_move(s, w->teams[ti], s->saved, SPANS_LOAD);
        else if ((rc = run_in_place(w, c, n, err)))
            return rc;
        assert(!at_s6); /* (commit_in_place) */
        (void)at_s6;
        s->ctx.err = err;
        commit_in_place(w, ti);
        return SHAPAN_OK;
    }
    bool undoable = specs[c->type].undoable && !w->no_undo[ti];
    if (undoable && undo_reserve(w, ti) != SHAPAN_OK)
        return shapan_error_set(err, SHAPAN_E_INTERNAL, "cmd", "Out of memory.");
    /* a kept run was made with the check's err, which may be gone */
    if (!checked && (rc = run_team(w, c, err)))
        return rc;
    s->ctx.err = err;
    commit_team(w, c, undoable);
    return SHAPAN_OK;
}

static void concede(ShapanWorld *w, int ti)
{
    ShapanTeam *t = w->teams[ti];
    int y, q;
    team_book_date(t, &y, &q);
    turn_make_bankrupt(t, y, q);
    world_clear_undo(w, ti);
}

ShapanErrorCode shapan_cmd_apply(ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    /* a kept run passed common_check for this type and team in this very world */
    bool checked = scratch_holds(w, c);
    ShapanErrorCode rc;
    if (!checked && (rc = common_check(w, c, err)))
        return rc;
    int ti = c->team - 1;
    switch (specs[c->type].kind) {
    case KIND_MEETING: {
        if ((rc = meet_check(w, c, err)))
            return rc;
        const Ctx *ads = NULL;
        if (c->type == SHAPAN_CMD_ADS) {
            /* the ads are paid at once, on the scratch board like any payment */
            Ctx *x = scratch_ctx(w, ti, err);
            if (!x)
                return SHAPAN_E_INTERNAL;
            int64_t total = 0;
            for (int i = 0; i < c->nbids; i++)
                total += c->bids[i].amount;
            if ((rc = ctx_pay(x, SHAPAN_ACC_ADS, total, -1, "the ads")))
                return rc;
            board_give(&w->scratch->pool, install_scratch(w, ti));
            ads = x;
        }
        meet_apply(w, c, ads);
        break;
    }
    case KIND_UNDO: {
        UndoStack *u = &w->undo[ti];
        if (u->n == 0)
            return shapan_error_set(err, SHAPAN_E_NOTHING, "undo",
                                    "Team %d has nothing to undo in this quarter.", c->team);
        u->n--;
        board_give(&w->scratch->pool, w->teams[ti]);
        w->teams[ti] = u->s[u->n].team;
        journal_cut(&w->journal[ti], u->s[u->n].journal_len);
        break;
    }
    case KIND_CONCEDE: concede(w, ti); break;
    case KIND_TEAM:
        if ((rc = apply_team(w, c, checked, err)))
            return rc;
        break;
    }
    w->scratch->valid = false; /* the world moves on: no kept run survives it */
    if (w->teams[ti]->bankrupt)
        meet_drop_team(w, ti);
    meet_progress(w, ti); /* bid awards made now carry this command's seq */
    w->seq++;
    return SHAPAN_OK;
}
