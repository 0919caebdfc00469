/* Loans (RULES.md §1 finance, §3 S1 and the long-loan window). */
#include "team/common.h"

static ShapanErrorCode check_cap(Ctx *c, int64_t amount)
{
    const ShapanScenario *sc = c->sc;
    /* the cap uses the equity at the end of the previous year (year 1: opening) */
    int64_t equity =
        c->by - 1 == c->t->closed_year ? c->t->equity_closed : ctx_equity_at(c, c->by - 1);
    int64_t cap = shapan_scenario_loan_cap(sc, equity);
    int64_t after = team_loans_total(c->t) + amount;
    if (after > cap)
        return shapan_error_set(c->err, SHAPAN_E_LOAN_CAP, "amount",
                                "Loans would total %lld W, above the cap of %lld W "
                                "(%lld/%lld x equity %lld W at the end of year %d).",
                                (long long)after, (long long)cap, (long long)sc->fin.loan_cap.num,
                                (long long)sc->fin.loan_cap.den, (long long)equity, c->by - 1);
    if (c->t->nloans >= SHAPAN_MAX_LOANS)
        return shapan_error_set(c->err, SHAPAN_E_CAPACITY, "amount",
                                "A team may hold at most %d loans at once.", SHAPAN_MAX_LOANS);
    return SHAPAN_OK;
}

static ShapanErrorCode take_loan(Ctx *c, int64_t amount, bool is_short, int due)
{
    ShapanErrorCode rc = check_cap(c, amount);
    if (rc)
        return rc;
    ShapanLoan *l = &c->t->loans[c->t->nloans++];
    l->principal = amount;
    l->due = (int16_t)due;
    l->is_short = is_short;
    return ctx_receive(c, is_short ? SHAPAN_ACC_SHORT_LOANS : SHAPAN_ACC_LONG_LOANS, amount, -1);
}

ShapanErrorCode team_short_loan(Ctx *c, const ShapanCommand *cmd)
{
    ShapanErrorCode rc = team_require_stage(c, STAGE_BIT(SHAPAN_STAGE_S1), "short_loan", "in S1");
    if (rc)
        return rc;
    if (cmd->amount < c->sc->fin.short_min)
        return shapan_error_set(c->err, SHAPAN_E_AMOUNT, "amount",
                                "A short loan must be at least %lld W; got %lld.",
                                (long long)c->sc->fin.short_min, (long long)cmd->amount);
    int due = ctx_aq(c) + c->sc->fin.short_term_q;
    if (due >= SHAPAN_MAX_QUARTERS)
        return shapan_error_set(c->err, SHAPAN_E_RANGE, "amount",
                                "The loan would fall due too late.");
    return take_loan(c, cmd->amount, true, due);
}

ShapanErrorCode team_long_loan(Ctx *c, const ShapanCommand *cmd)
{
    const ShapanFinance *f = &c->sc->fin;
    ShapanErrorCode rc = team_require_stage(c, STAGE_BIT(SHAPAN_STAGE_LONG_LOAN), "long_loan",
                                            "only in the long-loan window after the meeting");
    if (rc)
        return rc;
    if (cmd->years < f->long_min_years || cmd->years > f->long_max_years)
        return shapan_error_set(c->err, SHAPAN_E_RANGE, "years",
                                "A long loan runs %d to %d years; got %d.", f->long_min_years,
                                f->long_max_years, cmd->years);
    if (cmd->amount < f->long_min)
        return shapan_error_set(c->err, SHAPAN_E_AMOUNT, "amount",
                                "A long loan must be at least %lld W; got %lld.",
                                (long long)f->long_min, (long long)cmd->amount);
    return take_loan(c, cmd->amount, false, c->by + cmd->years);
}
