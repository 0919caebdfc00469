/* R&D, market and ISO development, plant sale/rent-to-buy/return (RULES.md §3, S3-S5). */
#include "team/common.h"

ShapanErrorCode team_develop_product(Ctx *c, const ShapanCommand *cmd)
{
    const ShapanScenario *sc = c->sc;
    ShapanErrorCode rc = team_require_stage(
        c, STAGE_BIT(SHAPAN_STAGE_S3) | STAGE_BIT(SHAPAN_STAGE_S4) | STAGE_BIT(SHAPAN_STAGE_S5),
        "develop_product", "in S3-S5");
    if (rc)
        return rc;
    int p = cmd->product;
    if (p < 0 || p >= sc->nproducts)
        return shapan_error_set(c->err, SHAPAN_E_UNKNOWN_ID, "product", "Unknown product.");
    if (c->t->qualified[p] || c->t->rnd_paid[p] >= sc->products[p].rnd_quarters)
        return shapan_error_set(c->err, SHAPAN_E_STATE, "product", "R&D of %s is already complete.",
                                sc->products[p].id);
    if (c->t->rnd_last_aq[p] == ctx_aq(c) && c->t->rnd_paid[p] > 0)
        return shapan_error_set(c->err, SHAPAN_E_ONCE, "product",
                                "%s already had its R&D instalment this quarter.",
                                sc->products[p].id);
    c->t->rnd_paid[p]++;
    c->t->rnd_last_aq[p] = (int16_t)ctx_aq(c);
    return ctx_pay(c, SHAPAN_ACC_RND, sc->products[p].rnd_fee, p, "the R&D instalment");
}

static ShapanErrorCode develop_cert(Ctx *c, const ShapanCert *cert, int8_t *paid, int8_t *last,
                                    const int8_t *held, ShapanAccount acc, int idx,
                                    const char *what)
{
    ShapanErrorCode rc = team_require_stage(c, STAGE_BIT(SHAPAN_STAGE_S5), what, "in S5 of Q4");
    if (rc)
        return rc;
    if (c->t->quarter != 4)
        return shapan_error_set(c->err, SHAPAN_E_STAGE, what,
                                "%s is allowed only in S5 of Q4; it is Q%d.", what, c->t->quarter);
    if (*held || *paid >= cert->years)
        return shapan_error_set(c->err, SHAPAN_E_STATE, what,
                                "%s is already developed or fully paid.", cert->id);
    if (*last == c->t->year)
        return shapan_error_set(c->err, SHAPAN_E_ONCE, what,
                                "%s already had its instalment this year.", cert->id);
    (*paid)++;
    *last = (int8_t)c->t->year;
    return ctx_pay(c, acc, cert->fee, idx, "the development instalment");
}

ShapanErrorCode team_develop_market(Ctx *c, const ShapanCommand *cmd)
{
    int m = cmd->market;
    if (m < 0 || m >= c->sc->nmarkets)
        return shapan_error_set(c->err, SHAPAN_E_UNKNOWN_ID, "market", "Unknown market.");
    return develop_cert(c, &c->sc->markets[m], &c->t->market_paid[m], &c->t->market_last_year[m],
                        &c->t->market_held[m], SHAPAN_ACC_MARKET_DEV, m, "develop_market");
}

ShapanErrorCode team_develop_iso(Ctx *c, const ShapanCommand *cmd)
{
    int i = cmd->iso;
    if (i < 0 || i >= c->sc->nisos)
        return shapan_error_set(c->err, SHAPAN_E_UNKNOWN_ID, "iso", "Unknown ISO certificate.");
    return develop_cert(c, &c->sc->isos[i], &c->t->iso_paid[i], &c->t->iso_last_year[i],
                        &c->t->iso_held[i], SHAPAN_ACC_ISO, i, "develop_iso");
}

/* Selling an owned plant: it leaves the books at its buy price; if lines stand
 * in it, it is rented from now on and a year's rent is paid. */
static ShapanErrorCode sell_owned_plant(Ctx *c, int plant, ShapanAccount proceeds_to)
{
    ShapanPlant *p;
    ShapanErrorCode rc = team_get_plant(c, plant, &p);
    if (rc)
        return rc;
    const ShapanPlantType *pt = &c->sc->plant_types[p->type];
    if (p->status != SHAPAN_PLANT_OWNED)
        return shapan_error_set(c->err, SHAPAN_E_STATE, "plant",
                                "Only an owned plant can be sold; plant %d is rented.", plant);
    int aq = ctx_aq(c);
    if (proceeds_to == SHAPAN_ACC_RECEIVABLES) {
        if (aq + 4 >= SHAPAN_MAX_QUARTERS)
            return shapan_error_set(c->err, SHAPAN_E_RANGE, "plant", "Too late to sell.");
        c->t->recv[aq + 4] += pt->sale;
        rc = ctx_post(c, SHAPAN_ACC_RECEIVABLES, SHAPAN_ACC_PLANTS, pt->sale, plant - 1);
    } else {
        /* 厂房贴现: the receivable is discounted at once at the 3-4 rate */
        int64_t fee = shapan_ceil(pt->sale, c->sc->fin.discount_far);
        rc = ctx_receive(c, SHAPAN_ACC_PLANTS, pt->sale - fee, plant - 1);
        if (!rc)
            rc = ctx_post(c, SHAPAN_ACC_FINANCE, SHAPAN_ACC_PLANTS, fee, plant - 1);
    }
    if (!rc)
        rc = ctx_post(c, SHAPAN_ACC_LOSS, SHAPAN_ACC_PLANTS, pt->buy - pt->sale, plant - 1);
    if (rc)
        return rc;
    if (team_plant_lines(c->t, plant) > 0) {
        p->status = SHAPAN_PLANT_RENTED;
        p->rent_aq = (int16_t)aq;
        return ctx_pay(c, SHAPAN_ACC_RENT, pt->rent, p->type, "the rent of the sold plant");
    }
    p->status = SHAPAN_PLANT_GONE;
    return SHAPAN_OK;
}

ShapanErrorCode team_sell_plant(Ctx *c, const ShapanCommand *cmd)
{
    ShapanErrorCode rc = team_require_stage(c, STAGE_BIT(SHAPAN_STAGE_S5), "sell_plant", "in S5");
    if (rc)
        return rc;
    return sell_owned_plant(c, cmd->plant, SHAPAN_ACC_RECEIVABLES);
}

ShapanErrorCode team_discount_plant(Ctx *c, const ShapanCommand *cmd)
{
    return sell_owned_plant(c, cmd->plant, SHAPAN_ACC_CASH);
}

/* The prologue of the S5 commands on a rented plant. */
static ShapanErrorCode s5_rented_plant(Ctx *c, const ShapanCommand *cmd, const char *what,
                                       ShapanPlant **p)
{
    ShapanErrorCode rc = team_require_stage(c, STAGE_BIT(SHAPAN_STAGE_S5), what, "in S5");
    if (rc)
        return rc;
    if ((rc = team_get_plant(c, cmd->plant, p)))
        return rc;
    if ((*p)->status != SHAPAN_PLANT_RENTED)
        return shapan_error_set(c->err, SHAPAN_E_STATE, "plant", "Plant %d is not rented.",
                                cmd->plant);
    return SHAPAN_OK;
}

ShapanErrorCode team_rent_to_buy(Ctx *c, const ShapanCommand *cmd)
{
    ShapanPlant *p;
    ShapanErrorCode rc = s5_rented_plant(c, cmd, "rent_to_buy", &p);
    if (rc)
        return rc;
    p->status = SHAPAN_PLANT_OWNED;
    return ctx_pay(c, SHAPAN_ACC_PLANTS, c->sc->plant_types[p->type].buy, p->type,
                   "the plant price");
}

ShapanErrorCode team_return_plant(Ctx *c, const ShapanCommand *cmd)
{
    ShapanPlant *p;
    ShapanErrorCode rc = s5_rented_plant(c, cmd, "return_plant", &p);
    if (rc)
        return rc;
    if (team_plant_lines(c->t, cmd->plant) > 0)
        return shapan_error_set(c->err, SHAPAN_E_STATE, "plant",
                                "Plant %d still has lines; only an empty plant can be returned.",
                                cmd->plant);
    if (!plant_anniversary(p, ctx_aq(c)))
        return shapan_error_set(c->err, SHAPAN_E_STATE, "plant",
                                "Plant %d can be returned only in a quarter its rent renews.",
                                cmd->plant);
    p->status = SHAPAN_PLANT_GONE;
    return SHAPAN_OK;
}
