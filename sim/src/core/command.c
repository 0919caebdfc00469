/* The command table: one pure check and one apply per command (STYLE.md habit 2). */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

typedef enum {
    KIND_TEAM,    /* runs on a scratch board; committed whole */
    KIND_MEETING, /* ads, picks, passes, bids, declines */
    KIND_UNDO,
    KIND_CONCEDE,
} CmdKind;

typedef struct {
    CmdKind kind;
    TeamHandler handler;
    bool undoable;
} CmdSpec;

static const CmdSpec specs[SHAPAN_CMD_COUNT] = {
    [SHAPAN_CMD_ADS] = {KIND_MEETING, NULL, false},
    [SHAPAN_CMD_PICK] = {KIND_MEETING, NULL, false},
    [SHAPAN_CMD_PASS] = {KIND_MEETING, NULL, false},
    [SHAPAN_CMD_BID] = {KIND_MEETING, NULL, false},
    [SHAPAN_CMD_DECLINE] = {KIND_MEETING, NULL, false},
    [SHAPAN_CMD_LONG_LOAN] = {KIND_TEAM, team_long_loan, true},
    [SHAPAN_CMD_SHORT_LOAN] = {KIND_TEAM, team_short_loan, true},
    [SHAPAN_CMD_ORDER_MATERIALS] = {KIND_TEAM, team_order_materials, true},
    [SHAPAN_CMD_BUY_PLANT] = {KIND_TEAM, team_buy_plant, true},
    [SHAPAN_CMD_RENT_PLANT] = {KIND_TEAM, team_rent_plant, true},
    [SHAPAN_CMD_BUILD_LINE] = {KIND_TEAM, team_build_line, true},
    [SHAPAN_CMD_INVEST_LINE] = {KIND_TEAM, team_invest_line, true},
    [SHAPAN_CMD_CONVERT_LINE] = {KIND_TEAM, team_convert_line, true},
    [SHAPAN_CMD_SELL_LINE] = {KIND_TEAM, team_sell_line, true},
    [SHAPAN_CMD_PRODUCE] = {KIND_TEAM, team_produce, true},
    [SHAPAN_CMD_DELIVER] = {KIND_TEAM, team_deliver, true},
    [SHAPAN_CMD_DEVELOP_PRODUCT] = {KIND_TEAM, team_develop_product, true},
    [SHAPAN_CMD_SELL_PLANT] = {KIND_TEAM, team_sell_plant, true},
    [SHAPAN_CMD_RENT_TO_BUY] = {KIND_TEAM, team_rent_to_buy, true},
    [SHAPAN_CMD_RETURN_PLANT] = {KIND_TEAM, team_return_plant, true},
    [SHAPAN_CMD_DEVELOP_MARKET] = {KIND_TEAM, team_develop_market, true},
    [SHAPAN_CMD_DEVELOP_ISO] = {KIND_TEAM, team_develop_iso, true},
    [SHAPAN_CMD_DISCOUNT] = {KIND_TEAM, team_discount, true},
    [SHAPAN_CMD_DISCOUNT_PLANT] = {KIND_TEAM, team_discount_plant, true},
    [SHAPAN_CMD_EMERGENCY_BUY] = {KIND_TEAM, team_emergency_buy, true},
    [SHAPAN_CMD_SELL_INVENTORY] = {KIND_TEAM, team_sell_inventory, true},
    [SHAPAN_CMD_SPY] = {KIND_TEAM, team_spy, false},
    [SHAPAN_CMD_NEXT] = {KIND_TEAM, turn_next, false},
    [SHAPAN_CMD_END_QUARTER] = {KIND_TEAM, turn_end_quarter, false},
    [SHAPAN_CMD_UNDO] = {KIND_UNDO, NULL, false},
    [SHAPAN_CMD_CONCEDE] = {KIND_CONCEDE, NULL, false},
    [SHAPAN_CMD_FORCE_END_QUARTER] = {KIND_TEAM, turn_end_quarter, false},
};

/* Checks that apply to every command: the team exists, plays, the game goes on. */
static ShapanErrorCode common_check(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    if ((int)c->type < 0 || c->type >= SHAPAN_CMD_COUNT)
        return shapan_error_set(err, SHAPAN_E_FIELD, "cmd", "Unknown command type %d.", c->type);
    if (c->team < 1 || c->team > w->nteams)
        return shapan_error_set(err, SHAPAN_E_TEAM, "team", "There is no team %d (1 to %d).",
                                c->team, w->nteams);
    const ShapanTeam *t = &w->teams[c->team - 1];
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

static ShapanErrorCode run_team(const ShapanWorld *w, const ShapanCommand *c, Ctx *ctx,
                                ShapanError *err)
{
    ctx_init(ctx, w, c->team - 1, err);
    return specs[c->type].handler(ctx, c);
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
    case KIND_TEAM: {
        Ctx ctx; /* a scratch board and ledger buffer, discarded */
        return run_team(w, c, &ctx, err);
    }
    }
    return SHAPAN_OK;
}

static ShapanErrorCode push_undo(ShapanWorld *w, int ti)
{
    UndoStack *u = &w->undo[ti];
    if (u->n == u->cap) {
        /* a quarter of a rival's commands fits in 32: growing from 8 copied the
         * snapshots (5.4 KB each) twice */
        int cap = u->cap ? u->cap * 2 : 32;
        UndoSnap *s = realloc(u->s, sizeof *s * (size_t)cap);
        if (!s)
            return SHAPAN_E_INTERNAL;
        u->s = s;
        u->cap = cap;
    }
    u->s[u->n].team = w->teams[ti];
    u->s[u->n].journal_len = w->journal[ti].n;
    u->n++;
    return SHAPAN_OK;
}

/* The command ran on the world's board (c->t); `before` is the board as it was.
 * An undoable command has already pushed `before` as its snapshot. */
void world_commit(ShapanWorld *w, Ctx *c, const ShapanTeam *before, bool undoable)
{
    (void)undoable;
    int ti = c->ti;
    bool barrier = crossed_s6(before, c->t);
    journal_append(&w->journal[ti], c->buf, c->nbuf);
    if (barrier || c->t->bankrupt)
        world_clear_undo(w, ti);
}

static void concede(ShapanWorld *w, int ti)
{
    ShapanTeam *t = &w->teams[ti];
    int y, q;
    team_book_date(t, &y, &q);
    turn_make_bankrupt(t, y, q);
    world_clear_undo(w, ti);
}

ShapanErrorCode shapan_cmd_apply(ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    ShapanErrorCode rc = common_check(w, c, err);
    if (rc)
        return rc;
    int ti = c->team - 1;
    Ctx scratch; /* the scratch board and ledger buffer of this command */
    switch (specs[c->type].kind) {
    case KIND_MEETING:
        if ((rc = meet_check(w, c, err)))
            return rc;
        if (c->type == SHAPAN_CMD_ADS) {
            /* the ads are paid at once, on a scratch board like any payment */
            ctx_init(&scratch, w, ti, err);
            int64_t total = 0;
            for (int i = 0; i < c->nbids; i++)
                total += c->bids[i].amount;
            if ((rc = ctx_pay(&scratch, SHAPAN_ACC_ADS, total, -1, "the ads")))
                return rc;
        }
        meet_apply(w, c, c->type == SHAPAN_CMD_ADS ? &scratch : NULL);
        break;
    case KIND_UNDO: {
        UndoStack *u = &w->undo[ti];
        if (u->n == 0)
            return shapan_error_set(err, SHAPAN_E_NOTHING, "undo",
                                    "Team %d has nothing to undo in this quarter.", c->team);
        u->n--;
        w->teams[ti] = u->s[u->n].team;
        w->journal[ti].n = u->s[u->n].journal_len;
        journal_resum(&w->journal[ti]);
        break;
    }
    case KIND_CONCEDE: concede(w, ti); break;
    case KIND_TEAM: {
        /* run on the world's board; keep the board as it was to restore it on a
         * refusal: an undoable command's snapshot is that copy (pushed first) */
        const ShapanTeam *before;
        bool undoable = specs[c->type].undoable;
        if (undoable) {
            if (push_undo(w, ti) != SHAPAN_OK)
                return shapan_error_set(err, SHAPAN_E_INTERNAL, "cmd", "Out of memory.");
            before = &w->undo[ti].s[w->undo[ti].n - 1].team;
        } else {
            scratch.own = w->teams[ti];
            before = &scratch.own;
        }
        ShapanTeam *live = &w->teams[ti];
        ctx_init_live(&scratch, w, ti, live, err);
        if ((rc = specs[c->type].handler(&scratch, c))) {
            *live = *before;
            if (undoable)
                w->undo[ti].n--;
            return rc;
        }
        if (c->type == SHAPAN_CMD_SPY) {
            if (!w->spied[ti])
                w->spied[ti] = malloc(sizeof(ShapanTeam));
            if (w->spied[ti])
                *w->spied[ti] = w->teams[c->target - 1];
            w->spied_target[ti] = (int8_t)c->target;
            world_clear_undo(w, ti);
        }
        world_commit(w, &scratch, before, undoable);
        break;
    }
    }
    if (w->teams[ti].bankrupt)
        meet_drop_team(w, ti);
    meet_progress(w); /* bid awards made now carry this command's seq */
    w->seq++;
    return SHAPAN_OK;
}
