/* The command context: a scratch board and a ledger buffer (see internal.h). */
#include <string.h>

#include "core/internal.h"

void ctx_init(Ctx *c, const ShapanWorld *w, int ti, ShapanTeam *board, ShapanError *err)
{
    c->w = w;
    c->sc = w->sc;
    c->ti = ti;
    c->t = board;
    c->nbuf = 0;
    c->seq = w->seq;
    c->err = err;
    ctx_date_action(c);
}

void team_book_date(const ShapanTeam *t, int *year, int *quarter)
{
    int y = t->year, q = t->quarter;
    if (t->stage < SHAPAN_STAGE_S1) {
        q = 1;
    } else if (t->stage == SHAPAN_STAGE_S6) {
        if (q == 4) {
            y++;
            q = 1;
        } else {
            q++;
        }
    }
    *year = y;
    *quarter = q;
}

void ctx_date_action(Ctx *c)
{
    team_book_date(c->t, &c->by, &c->bq);
    c->bstage = c->t->stage;
}

void ctx_date_auto(Ctx *c, int year, int quarter, int stage)
{
    c->by = year;
    c->bq = quarter;
    c->bstage = stage;
}

int ctx_aq(const Ctx *c) { return shapan_aq(c->by, c->bq); }

ShapanErrorCode ctx_post(Ctx *c, ShapanAccount debit, ShapanAccount credit, int64_t amount,
                         int detail)
{
    if (amount == 0)
        return SHAPAN_OK;
    if (c->nbuf >= CTX_MAX_ENTRIES)
        return shapan_error_set(c->err, SHAPAN_E_CAPACITY, "ledger",
                                "One command may make at most %d ledger entries.", CTX_MAX_ENTRIES);
    ShapanEntry *e = &c->buf[c->nbuf++];
    e->year = (int16_t)c->by;
    e->quarter = (int8_t)c->bq;
    e->stage = (int8_t)c->bstage;
    e->debit = (uint8_t)debit;
    e->credit = (uint8_t)credit;
    e->detail = (int16_t)detail;
    e->seq = c->seq;
    e->amount = amount;
    return SHAPAN_OK;
}

ShapanErrorCode ctx_pay(Ctx *c, ShapanAccount to, int64_t amount, int detail, const char *what)
{
    if (amount < 0)
        return ctx_receive(c, to, -amount, detail);
    if (c->t->cash < amount)
        return shapan_error_set(c->err, SHAPAN_E_CASH, what,
                                "Team %d needs %lld W for %s but has %lld W in cash.", c->ti + 1,
                                (long long)amount, what, (long long)c->t->cash);
    c->t->cash -= amount;
    return ctx_post(c, to, SHAPAN_ACC_CASH, amount, detail);
}

ShapanErrorCode ctx_receive(Ctx *c, ShapanAccount from, int64_t amount, int detail)
{
    if (amount < 0)
        return ctx_pay(c, from, -amount, detail, "a payment");
    c->t->cash += amount;
    return ctx_post(c, SHAPAN_ACC_CASH, from, amount, detail);
}

int team_first_collect_aq(const ShapanTeam *t)
{
    if (t->stage < SHAPAN_STAGE_S1)
        return shapan_aq(t->year, 1);
    int aq = shapan_aq(t->year, t->quarter);
    return t->stage >= SHAPAN_STAGE_S4 ? aq + 1 : aq;
}

int shapan_view_first_collect_aq(const ShapanTeam *t) { return team_first_collect_aq(t); }
