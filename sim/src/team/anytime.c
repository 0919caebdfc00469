/* Any-time actions: discount, emergency purchase, inventory sale, spy (RULES.md §3). */
#include "team/common.h"

ShapanErrorCode team_discount(Ctx *c, const ShapanCommand *cmd)
{
    const ShapanFinance *f = &c->sc->fin;
    int first = team_first_collect_aq(c->t);
    int64_t total = 0;
    for (int s = 0; s < 4; s++) {
        int64_t a = cmd->slots[s];
        if (a < 0)
            return shapan_error_set(c->err, SHAPAN_E_AMOUNT, "slots",
                                    "Discount amounts can't be negative (slot %d).", s + 1);
        if (a > c->t->recv[first + s])
            return shapan_error_set(c->err, SHAPAN_E_AMOUNT, "slots",
                                    "Slot %d holds %lld W of receivables; can't discount %lld.",
                                    s + 1, (long long)c->t->recv[first + s], (long long)a);
        total += a;
    }
    if (total == 0)
        return shapan_error_set(c->err, SHAPAN_E_AMOUNT, "slots", "Name an amount to discount.");
    int64_t fee = shapan_ceil(cmd->slots[0] + cmd->slots[1], f->discount_near) +
                  shapan_ceil(cmd->slots[2] + cmd->slots[3], f->discount_far);
    for (int s = 0; s < 4; s++)
        c->t->recv[first + s] -= cmd->slots[s];
    ShapanErrorCode rc = ctx_receive(c, SHAPAN_ACC_RECEIVABLES, total - fee, -1);
    if (rc)
        return rc;
    return ctx_post(c, SHAPAN_ACC_FINANCE, SHAPAN_ACC_RECEIVABLES, fee, -1);
}

static ShapanErrorCode check_items(Ctx *c, const ShapanCommand *cmd)
{
    int64_t total = 0;
    int n = c->sc->nmaterials + c->sc->nproducts;
    for (int i = 0; i < SHAPAN_MAX_ITEMS; i++) {
        if (cmd->items[i] < 0 || cmd->items[i] > 100000 || (i >= n && cmd->items[i]))
            return shapan_error_set(c->err, SHAPAN_E_AMOUNT, "items",
                                    "Item quantities must be 0 to 100000.");
        total += cmd->items[i];
    }
    if (total == 0)
        return shapan_error_set(c->err, SHAPAN_E_AMOUNT, "items", "Name at least one unit.");
    return SHAPAN_OK;
}

ShapanErrorCode team_emergency_buy(Ctx *c, const ShapanCommand *cmd)
{
    const ShapanScenario *sc = c->sc;
    ShapanErrorCode rc = check_items(c, cmd);
    if (rc)
        return rc;
    int64_t std_m = 0, std_p = 0, pay = 0;
    for (int i = 0; i < sc->nmaterials + sc->nproducts; i++) {
        int64_t q = cmd->items[i];
        if (!q)
            continue;
        int64_t cost = q * shapan_scenario_item_cost(sc, i);
        bool mat = i < sc->nmaterials;
        pay += shapan_half_up(cost, mat ? sc->fin.emergency_material : sc->fin.emergency_product);
        if (mat) {
            std_m += cost;
            c->t->materials[i] += q;
        } else {
            std_p += cost;
            c->t->products[i - sc->nmaterials] += q;
        }
    }
    if (c->t->cash < pay)
        return shapan_error_set(c->err, SHAPAN_E_CASH, "items",
                                "The emergency purchase costs %lld W; team %d has %lld W.",
                                (long long)pay, c->ti + 1, (long long)c->t->cash);
    if ((rc = ctx_pay(c, SHAPAN_ACC_MATERIALS, std_m, -1, "materials")) ||
        (rc = ctx_pay(c, SHAPAN_ACC_FINISHED, std_p, -1, "products")))
        return rc;
    return ctx_pay(c, SHAPAN_ACC_LOSS, pay - std_m - std_p, -1, "the emergency premium");
}

ShapanErrorCode team_sell_inventory(Ctx *c, const ShapanCommand *cmd)
{
    const ShapanScenario *sc = c->sc;
    ShapanErrorCode rc = check_items(c, cmd);
    if (rc)
        return rc;
    int64_t std_m = 0, std_p = 0;
    for (int i = 0; i < sc->nmaterials + sc->nproducts; i++) {
        int64_t q = cmd->items[i];
        if (!q)
            continue;
        bool mat = i < sc->nmaterials;
        int64_t *stock = mat ? &c->t->materials[i] : &c->t->products[i - sc->nmaterials];
        if (*stock < q)
            return shapan_error_set(
                c->err, SHAPAN_E_STOCK, "items", "Team %d has %lld %s; can't sell %lld.", c->ti + 1,
                (long long)*stock, shapan_scenario_item_id(sc, i), (long long)q);
        *stock -= q;
        if (mat)
            std_m += q * shapan_scenario_item_cost(sc, i);
        else
            std_p += q * shapan_scenario_item_cost(sc, i);
    }
    int64_t cash_m = shapan_floor(std_m, sc->fin.sale_material);
    int64_t cash_p = shapan_floor(std_p, sc->fin.sale_product);
    if ((rc = ctx_receive(c, SHAPAN_ACC_MATERIALS, cash_m, -1)) ||
        (rc = ctx_post(c, SHAPAN_ACC_LOSS, SHAPAN_ACC_MATERIALS, std_m - cash_m, -1)) ||
        (rc = ctx_receive(c, SHAPAN_ACC_FINISHED, cash_p, -1)))
        return rc;
    return ctx_post(c, SHAPAN_ACC_LOSS, SHAPAN_ACC_FINISHED, std_p - cash_p, -1);
}

ShapanErrorCode team_spy(Ctx *c, const ShapanCommand *cmd)
{
    if (cmd->target < 1 || cmd->target > c->w->nteams || cmd->target == c->ti + 1)
        return shapan_error_set(c->err, SHAPAN_E_TEAM, "target",
                                "Spy on another team, 1 to %d (not yourself).", c->w->nteams);
    return ctx_pay(c, SHAPAN_ACC_INFO, c->sc->fin.info_fee, cmd->target - 1, "the information fee");
}
