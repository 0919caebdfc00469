/* Moving through the year: stages and their automatic steps (RULES.md §2, §3). */
#include "team/common.h"

void turn_make_bankrupt(ShapanTeam *t, int year, int quarter)
{
    t->bankrupt = 1;
    t->bankrupt_year = (int8_t)year;
    t->bankrupt_quarter = (int8_t)quarter;
    for (int i = 0; i < t->nheld; i++)
        if (t->held[i].status == SHAPAN_HELD_OPEN)
            t->held[i].status = SHAPAN_HELD_REVOKED; /* no penalty */
}

ShapanErrorCode turn_enter_year_start(Ctx *c)
{
    const ShapanScenario *sc = c->sc;
    ShapanTeam *t = c->t;
    ctx_date_auto(c, t->year, 1, SHAPAN_STAGE_YEAR_START);
    ShapanErrorCode rc = SHAPAN_OK;
    if (t->tax_payable > 0) {
        rc = ctx_pay(c, SHAPAN_ACC_TAX_PAYABLE, t->tax_payable, -1, "last year's income tax");
        t->tax_payable = 0;
        if (rc)
            return rc;
    }
    int64_t long_total = 0;
    for (int i = 0; i < t->nloans; i++)
        if (!t->loans[i].is_short)
            long_total += t->loans[i].principal;
    /* interest is rounded once on the total, then the principal due is repaid */
    if ((rc = ctx_pay(c, SHAPAN_ACC_FINANCE, shapan_half_up(long_total, sc->fin.long_rate), -1,
                      "long-loan interest")))
        return rc;
    int k = 0;
    for (int i = 0; i < t->nloans; i++) {
        ShapanLoan l = t->loans[i];
        if (!l.is_short && l.due <= t->year) {
            if ((rc = ctx_pay(c, SHAPAN_ACC_LONG_LOANS, l.principal, -1, "a long loan due")))
                return rc;
        } else {
            t->loans[k++] = l;
        }
    }
    t->nloans = k;
    t->ads_rank = 0;
    t->bid_wins = 0;
    for (int m = 0; m < SHAPAN_MAX_MARKETS; m++)
        for (int p = 0; p < SHAPAN_MAX_PRODUCTS; p++)
            t->ads[m][p] = 0;
    return SHAPAN_OK;
}

static ShapanErrorCode enter_s1(Ctx *c)
{
    const ShapanScenario *sc = c->sc;
    ShapanTeam *t = c->t;
    int aq = ctx_aq(c);
    ShapanErrorCode rc;
    int k = 0;
    for (int i = 0; i < t->nloans; i++) {
        ShapanLoan l = t->loans[i];
        if (l.is_short && l.due <= aq) {
            if ((rc = ctx_pay(c, SHAPAN_ACC_SHORT_LOANS, l.principal, -1, "a short loan due")) ||
                (rc =
                     ctx_pay(c, SHAPAN_ACC_FINANCE, shapan_half_up(l.principal, sc->fin.short_rate),
                             -1, "short-loan interest")))
                return rc;
        } else {
            t->loans[k++] = l;
        }
    }
    t->nloans = k;
    for (int i = 0; i < t->nlines; i++) {
        ShapanLine *l = &t->lines[i];
        if (l->wip_left > 0 && --l->wip_left == 0) {
            t->products[l->wip_product]++;
            if ((rc = ctx_post(c, SHAPAN_ACC_FINISHED, SHAPAN_ACC_WIP,
                               c->sc->products[l->wip_product].direct_cost, i)))
                return rc;
            l->wip_product = -1;
        }
    }
    for (int i = 0; i < t->nlines; i++) {
        ShapanLine *l = &t->lines[i];
        const ShapanLineType *lt = &sc->line_types[l->type];
        if (l->status == SHAPAN_LINE_BUILDING && l->paid_n >= line_instalments(lt) &&
            l->last_invest_aq < aq) {
            if ((rc = line_complete(c, l, i)))
                return rc;
        } else if (l->status == SHAPAN_LINE_CONVERTING && --l->convert_left <= 0) {
            l->convert_left = 0;
            l->status = SHAPAN_LINE_READY;
        }
    }
    return SHAPAN_OK;
}

static ShapanErrorCode enter_s2(Ctx *c)
{
    const ShapanScenario *sc = c->sc;
    int aq = ctx_aq(c);
    ShapanErrorCode rc;
    for (int m = 0; m < sc->nmaterials; m++) {
        int32_t q = c->t->arrivals[aq][m];
        if (!q)
            continue;
        c->t->arrivals[aq][m] = 0;
        c->t->materials[m] += q;
        if ((rc = ctx_pay(c, SHAPAN_ACC_MATERIALS, q * sc->materials[m].price, m,
                          "materials arriving")))
            return rc;
    }
    return SHAPAN_OK;
}

static ShapanErrorCode enter_s4(Ctx *c)
{
    int aq = ctx_aq(c);
    int64_t due = c->t->recv[aq];
    c->t->recv[aq] = 0;
    return ctx_receive(c, SHAPAN_ACC_RECEIVABLES, due, -1);
}

static ShapanErrorCode year_end(Ctx *c)
{
    const ShapanScenario *sc = c->sc;
    ShapanTeam *t = c->t;
    ShapanErrorCode rc;
    int64_t maint = 0;
    for (int i = 0; i < t->nlines; i++)
        if (t->lines[i].status == SHAPAN_LINE_READY || t->lines[i].status == SHAPAN_LINE_CONVERTING)
            maint += sc->line_types[t->lines[i].type].maintenance;
    if ((rc = ctx_pay(c, SHAPAN_ACC_MAINTENANCE, maint, -1, "line maintenance")))
        return rc;
    for (int i = 0; i < t->nheld; i++) {
        ShapanHeld *h = &t->held[i];
        if (h->status != SHAPAN_HELD_OPEN)
            continue;
        h->status = SHAPAN_HELD_REVOKED;
        t->defaulted[sc->orders[h->order].market] = 1;
        if ((rc = ctx_pay(c, SHAPAN_ACC_LOSS, shapan_half_up(h->price, sc->fin.penalty_rate),
                          h->order, "a default penalty")))
            return rc;
    }
    for (int i = 0; i < t->nlines; i++) {
        ShapanLine *l = &t->lines[i];
        const ShapanLineType *lt = &sc->line_types[l->type];
        if ((l->status == SHAPAN_LINE_READY || l->status == SHAPAN_LINE_CONVERTING) &&
            l->completed_year < t->year && l->book > lt->residual) {
            int64_t d = lt->depreciation;
            if (l->book - d < lt->residual)
                d = l->book - lt->residual;
            l->book -= d;
            if ((rc = ctx_post(c, SHAPAN_ACC_DEPRECIATION, SHAPAN_ACC_MACHINERY, d, i)))
                return rc;
        }
    }
    for (int m = 0; m < sc->nmarkets; m++)
        if (!t->market_held[m] && t->market_paid[m] >= sc->markets[m].years)
            t->market_held[m] = 1;
    for (int i = 0; i < sc->nisos; i++)
        if (!t->iso_held[i] && t->iso_paid[i] >= sc->isos[i].years)
            t->iso_held[i] = 1;
    /* income tax with loss carry-forward */
    int64_t ebt = ctx_net_of_year(c, t->year);
    int64_t taxable = ebt - t->loss_pool;
    int64_t tax = taxable > 0 ? shapan_half_up(taxable, sc->fin.tax_rate) : 0;
    if (ebt < 0)
        t->loss_pool += -ebt;
    else
        t->loss_pool = ebt >= t->loss_pool ? 0 : t->loss_pool - ebt;
    t->tax_payable += tax;
    if ((rc = ctx_post(c, SHAPAN_ACC_TAX, SHAPAN_ACC_TAX_PAYABLE, tax, -1)))
        return rc;
    t->closed_year = t->year;
    for (int m = 0; m < SHAPAN_MAX_MARKETS; m++) {
        t->sales_prev[m] = t->sales[m];
        t->sales[m] = 0;
        t->defaulted_prev[m] = t->defaulted[m];
        t->defaulted[m] = 0;
    }
    t->nheld = 0;
    t->equity_closed = ctx_equity_at(c, t->year);
    if (t->equity_closed < 0)
        turn_make_bankrupt(t, t->year + 1, 1);
    return SHAPAN_OK;
}

static ShapanErrorCode enter_s6(Ctx *c)
{
    const ShapanScenario *sc = c->sc;
    ShapanTeam *t = c->t;
    int aq = ctx_aq(c);
    ShapanErrorCode rc;
    for (int i = 0; i < t->nplants; i++) {
        ShapanPlant *p = &t->plants[i];
        if (plant_anniversary(p, aq)) {
            p->rent_aq = (int16_t)aq;
            if ((rc = ctx_pay(c, SHAPAN_ACC_RENT, sc->plant_types[p->type].rent, p->type,
                              "a plant's rent renewal")))
                return rc;
        }
    }
    for (int p = 0; p < sc->nproducts; p++)
        if (!t->qualified[p] && t->rnd_paid[p] >= sc->products[p].rnd_quarters)
            t->qualified[p] = 1;
    if ((rc = ctx_pay(c, SHAPAN_ACC_ADMIN, sc->fin.admin_fee, -1, "the admin fee")))
        return rc;
    if (t->quarter == 4)
        return year_end(c);
    return SHAPAN_OK;
}

/* One `next` on the ctx board. */
static ShapanErrorCode step(Ctx *c)
{
    const ShapanScenario *sc = c->sc;
    ShapanTeam *t = c->t;
    switch (t->stage) {
    case SHAPAN_STAGE_YEAR_START:
        if (sc->meeting_year[t->year])
            return shapan_error_set(c->err, SHAPAN_E_STAGE, "next",
                                    "Year %d has an order meeting: submit ads (possibly empty) "
                                    "to leave the year start.",
                                    t->year);
        t->stage = SHAPAN_STAGE_LONG_LOAN;
        return SHAPAN_OK;
    case SHAPAN_STAGE_MEETING:
        return shapan_error_set(
            c->err, SHAPAN_E_WAIT, "next",
            "The order meeting is not over; it moves every team on when it ends.");
    case SHAPAN_STAGE_S6:
        if (t->quarter == 4) {
            if (t->year >= sc->years)
                return shapan_error_set(c->err, SHAPAN_E_GAME_OVER, "next", "The game is over.");
            t->year++;
            t->quarter = 1;
            t->stage = SHAPAN_STAGE_YEAR_START;
            return turn_enter_year_start(c);
        }
        t->quarter++;
        t->stage = SHAPAN_STAGE_S1;
        break;
    default: t->stage++; break;
    }
    ctx_date_auto(c, t->year, t->quarter, t->stage);
    switch (t->stage) {
    case SHAPAN_STAGE_S1: return enter_s1(c);
    case SHAPAN_STAGE_S2: return enter_s2(c);
    case SHAPAN_STAGE_S4: return enter_s4(c);
    case SHAPAN_STAGE_S6: return enter_s6(c);
    default: return SHAPAN_OK;
    }
}

/* A board span: `bytes` from byte `off`. */

/* What step() writes, stage by stage (see the enter_ functions above); into S1 it
 * may write every line and loan, more than a board copy's cost to save. */
int turn_next_spans(const ShapanTeam *t, BoardSpan sp[TURN_SPANS_MAX])
{
    int aq = shapan_aq(t->year, t->quarter);
    /* the position, the counts and the cash: every step's */
    sp[0] = board_head_span();
    switch (t->stage) {
    case SHAPAN_STAGE_YEAR_START: /* to long_loan, or refused (a meeting year) */
    case SHAPAN_STAGE_MEETING:    /* refused */
    case SHAPAN_STAGE_S2:         /* S3 and S5 have no automatic steps */
    case SHAPAN_STAGE_S4: return 1;
    case SHAPAN_STAGE_S1: /* enter_s2: this quarter's arrivals */
        if (aq < 0 || aq >= SHAPAN_MAX_QUARTERS)
            return 0;
        sp[1] = board_span(BOARD_AT(materials), sizeof t->materials);
        sp[2] = board_span(BOARD_AT(arrivals) + sizeof t->arrivals[0] * (size_t)aq,
                           sizeof t->arrivals[0]);
        return 3;
    case SHAPAN_STAGE_S3: /* enter_s4: this quarter's receivables */
        if (aq < 0 || aq >= SHAPAN_MAX_QUARTERS)
            return 0;
        sp[1] = board_span(BOARD_AT(recv) + sizeof t->recv[0] * (size_t)aq, sizeof t->recv[0]);
        return 2;
    case SHAPAN_STAGE_S5: /* enter_s6: rents and qualifications; in Q4 the year end too */
        if (t->quarter == 4)
            return 0;
        sp[1] = board_span(BOARD_AT(plants), sizeof t->plants);
        sp[2] = board_span(BOARD_AT(qualified), sizeof t->qualified);
        return 3;
    default: return 0; /* into S1, or the next year's start */
    }
}

ShapanErrorCode turn_next(Ctx *c, const ShapanCommand *cmd)
{
    (void)cmd;
    return step(c);
}

/* end_quarter and force_end_quarter: `next` until S6 of the current quarter (from
 * S6: of the next one).  With force, a failing payment makes the team bankrupt in
 * that payment's quarter and the steps before it stand. */
static ShapanErrorCode run_to_s6(Ctx *c, bool force)
{
    ShapanTeam *t = c->t;
    if (t->stage == SHAPAN_STAGE_MEETING ||
        (t->stage == SHAPAN_STAGE_YEAR_START && c->sc->meeting_year[t->year]))
        return shapan_error_set(c->err, SHAPAN_E_STAGE, "end_quarter",
                                "The ads and the order meeting come first.");
    bool first = true;
    ShapanTeam before; /* force only: the board before the step, kept if a payment fails */
    while (first || t->stage != SHAPAN_STAGE_S6) {
        first = false;
        if (force)
            before = *t; /* without force a failure discards the whole board */
        int nbuf = c->nbuf;
        ShapanErrorCode rc = step(c);
        if (rc == SHAPAN_E_CASH && force) {
            /* the payment's quarter: the stage being entered */
            int y = t->year, q = t->quarter;
            *t = before;
            c->nbuf = nbuf;
            turn_make_bankrupt(t, y, q);
            return SHAPAN_OK;
        }
        if (rc)
            return rc;
        if (t->bankrupt)
            return SHAPAN_OK;
        if (t->stage == SHAPAN_STAGE_YEAR_START && c->sc->meeting_year[t->year])
            return shapan_error_set(c->err, SHAPAN_E_STAGE, "end_quarter",
                                    "Year %d starts with ads and an order meeting; "
                                    "use next to enter it.",
                                    t->year);
    }
    return SHAPAN_OK;
}

ShapanErrorCode turn_end_quarter(Ctx *c, const ShapanCommand *cmd)
{
    return run_to_s6(c, cmd->type == SHAPAN_CMD_FORCE_END_QUARTER);
}
