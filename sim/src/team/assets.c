/* Plants, lines and production (RULES.md §3, S2-S3). */
#include "team/common.h"

/* The prologue of every S3 command on an existing line. */
static ShapanErrorCode s3_line(Ctx *c, const ShapanCommand *cmd, const char *what, ShapanLine **l)
{
    ShapanErrorCode rc = team_require_stage(c, STAGE_BIT(SHAPAN_STAGE_S3), what, "in S3");
    if (rc)
        return rc;
    return team_get_line(c, cmd->line, l);
}

ShapanErrorCode team_order_materials(Ctx *c, const ShapanCommand *cmd)
{
    const ShapanScenario *sc = c->sc;
    ShapanErrorCode rc =
        team_require_stage(c,
                           STAGE_BIT(SHAPAN_STAGE_S2) | STAGE_BIT(SHAPAN_STAGE_S3) |
                               STAGE_BIT(SHAPAN_STAGE_S4) | STAGE_BIT(SHAPAN_STAGE_S5),
                           "order_materials", "in S2-S5");
    if (rc)
        return rc;
    int64_t total = 0;
    for (int i = 0; i < SHAPAN_MAX_ITEMS; i++) {
        if (cmd->items[i] < 0)
            return shapan_error_set(c->err, SHAPAN_E_AMOUNT, "items",
                                    "Quantities can't be negative.");
        if (cmd->items[i] > 0 && i >= sc->nmaterials)
            return shapan_error_set(c->err, SHAPAN_E_RANGE, "items",
                                    "Only raw materials can be ordered; %s is a product.",
                                    shapan_scenario_item_id(sc, i));
        total += cmd->items[i];
    }
    if (total <= 0)
        return shapan_error_set(c->err, SHAPAN_E_AMOUNT, "items", "Order at least one unit.");
    int aq = ctx_aq(c);
    for (int m = 0; m < sc->nmaterials; m++) {
        if (!cmd->items[m])
            continue;
        int at = aq + sc->materials[m].lead;
        if (at >= SHAPAN_MAX_QUARTERS || cmd->items[m] > 100000)
            return shapan_error_set(c->err, SHAPAN_E_RANGE, "items", "That order is out of range.");
        c->t->arrivals[at][m] += (int32_t)cmd->items[m];
    }
    return SHAPAN_OK;
}

static ShapanErrorCode new_plant(Ctx *c, const ShapanCommand *cmd, bool buy)
{
    const ShapanScenario *sc = c->sc;
    const char *what = buy ? "buy_plant" : "rent_plant";
    ShapanErrorCode rc = team_require_stage(c, STAGE_BIT(SHAPAN_STAGE_S3), what, "in S3");
    if (rc)
        return rc;
    if (cmd->kind < 0 || cmd->kind >= sc->nplant_types)
        return shapan_error_set(c->err, SHAPAN_E_UNKNOWN_ID, "type", "Unknown plant type.");
    const ShapanPlantType *pt = &sc->plant_types[cmd->kind];
    int all = 0, same = 0;
    for (int i = 0; i < c->t->nplants; i++) {
        if (c->t->plants[i].status == SHAPAN_PLANT_GONE)
            continue;
        all++;
        if (c->t->plants[i].type == cmd->kind)
            same++;
    }
    if (all >= sc->max_plants || c->t->nplants >= SHAPAN_MAX_PLANTS)
        return shapan_error_set(c->err, SHAPAN_E_NO_SLOT, "type",
                                "A team may have at most %d plants; team %d has %d.",
                                sc->max_plants, c->ti + 1, all);
    if (same >= pt->max_count)
        return shapan_error_set(c->err, SHAPAN_E_NO_SLOT, "type",
                                "A team may have at most %d plants of type %s.", pt->max_count,
                                pt->id);
    ShapanPlant *p = &c->t->plants[c->t->nplants++];
    p->type = (int8_t)cmd->kind;
    p->status = buy ? SHAPAN_PLANT_OWNED : SHAPAN_PLANT_RENTED;
    p->rent_aq = (int16_t)ctx_aq(c);
    if (buy)
        return ctx_pay(c, SHAPAN_ACC_PLANTS, pt->buy, cmd->kind, "the plant price");
    return ctx_pay(c, SHAPAN_ACC_RENT, pt->rent, cmd->kind, "the plant rent");
}

ShapanErrorCode team_buy_plant(Ctx *c, const ShapanCommand *cmd) { return new_plant(c, cmd, true); }
ShapanErrorCode team_rent_plant(Ctx *c, const ShapanCommand *cmd)
{
    return new_plant(c, cmd, false);
}

static int64_t instalment(const ShapanLineType *lt, int paid_n)
{
    int n = line_instalments(lt);
    int64_t each = lt->total / n;
    return paid_n == n - 1 ? lt->total - each * (n - 1) : each;
}

ShapanErrorCode team_build_line(Ctx *c, const ShapanCommand *cmd)
{
    const ShapanScenario *sc = c->sc;
    ShapanErrorCode rc = team_require_stage(c, STAGE_BIT(SHAPAN_STAGE_S3), "build_line", "in S3");
    if (rc)
        return rc;
    ShapanPlant *p;
    if ((rc = team_get_plant(c, cmd->plant, &p)))
        return rc;
    if (cmd->kind < 0 || cmd->kind >= sc->nline_types)
        return shapan_error_set(c->err, SHAPAN_E_UNKNOWN_ID, "type", "Unknown line type.");
    if (cmd->product < 0 || cmd->product >= sc->nproducts)
        return shapan_error_set(c->err, SHAPAN_E_UNKNOWN_ID, "product", "Unknown product.");
    int used = team_plant_lines(c->t, cmd->plant);
    if (used >= sc->plant_types[p->type].slots)
        return shapan_error_set(c->err, SHAPAN_E_NO_SLOT, "plant",
                                "Plant %d (%s) has all %d line slots in use.", cmd->plant,
                                sc->plant_types[p->type].id, sc->plant_types[p->type].slots);
    if (c->t->nlines >= SHAPAN_MAX_LINES)
        return shapan_error_set(c->err, SHAPAN_E_CAPACITY, "type",
                                "A team may build at most %d lines.", SHAPAN_MAX_LINES);
    const ShapanLineType *lt = &sc->line_types[cmd->kind];
    int li = c->t->nlines++;
    ShapanLine *l = &c->t->lines[li];
    *l = (ShapanLine){0};
    l->type = (int8_t)cmd->kind;
    l->plant = (int8_t)cmd->plant;
    l->product = (int8_t)cmd->product;
    l->status = SHAPAN_LINE_BUILDING;
    l->wip_product = -1;
    int64_t amount = instalment(lt, 0);
    l->paid = amount;
    l->paid_n = 1;
    l->last_invest_aq = (int16_t)ctx_aq(c);
    if ((rc = ctx_pay(c, SHAPAN_ACC_CONSTRUCTION, amount, li, "the line's first instalment")))
        return rc;
    if (lt->install_q == 0)
        return line_complete(c, l, li);
    return SHAPAN_OK;
}

ShapanErrorCode team_invest_line(Ctx *c, const ShapanCommand *cmd)
{
    ShapanLine *l;
    ShapanErrorCode rc = s3_line(c, cmd, "invest_line", &l);
    if (rc)
        return rc;
    const ShapanLineType *lt = &c->sc->line_types[l->type];
    if (l->status != SHAPAN_LINE_BUILDING || l->paid_n >= line_instalments(lt))
        return shapan_error_set(c->err, SHAPAN_E_STATE, "line",
                                "Line %d has no instalment left to pay.", cmd->line);
    if (l->last_invest_aq == ctx_aq(c))
        return shapan_error_set(c->err, SHAPAN_E_ONCE, "line",
                                "Line %d already had an instalment this quarter.", cmd->line);
    int64_t amount = instalment(lt, l->paid_n);
    l->paid += amount;
    l->paid_n++;
    l->last_invest_aq = (int16_t)ctx_aq(c);
    return ctx_pay(c, SHAPAN_ACC_CONSTRUCTION, amount, cmd->line - 1, "the line instalment");
}

static bool line_idle_ready(const ShapanLine *l)
{
    return l->status == SHAPAN_LINE_READY && l->wip_left == 0;
}

ShapanErrorCode team_convert_line(Ctx *c, const ShapanCommand *cmd)
{
    ShapanLine *l;
    ShapanErrorCode rc = s3_line(c, cmd, "convert_line", &l);
    if (rc)
        return rc;
    if (cmd->product < 0 || cmd->product >= c->sc->nproducts)
        return shapan_error_set(c->err, SHAPAN_E_UNKNOWN_ID, "product", "Unknown product.");
    if (!line_idle_ready(l))
        return shapan_error_set(c->err, SHAPAN_E_STATE, "line",
                                "Only an idle ready line can be converted; line %d is not.",
                                cmd->line);
    if (l->product == cmd->product)
        return shapan_error_set(c->err, SHAPAN_E_STATE, "product",
                                "Line %d is already set up for %s.", cmd->line,
                                c->sc->products[cmd->product].id);
    const ShapanLineType *lt = &c->sc->line_types[l->type];
    int64_t fee = lt->convert_fee * (lt->convert_q > 1 ? lt->convert_q : 1);
    l->product = (int8_t)cmd->product;
    if (lt->convert_q > 0) {
        l->status = SHAPAN_LINE_CONVERTING;
        l->convert_left = (int8_t)lt->convert_q;
    }
    return ctx_pay(c, SHAPAN_ACC_CONVERSION, fee, cmd->line - 1, "the conversion fee");
}

ShapanErrorCode team_sell_line(Ctx *c, const ShapanCommand *cmd)
{
    ShapanLine *l;
    ShapanErrorCode rc = s3_line(c, cmd, "sell_line", &l);
    if (rc)
        return rc;
    if (!line_idle_ready(l))
        return shapan_error_set(c->err, SHAPAN_E_STATE, "line",
                                "Only an idle ready line can be sold; line %d is not.", cmd->line);
    const ShapanLineType *lt = &c->sc->line_types[l->type];
    int64_t book = l->book;
    l->status = SHAPAN_LINE_SOLD;
    l->book = 0;
    /* the residual comes in as cash (a leased line's negative residual is paid) */
    if (lt->residual >= 0)
        rc = ctx_receive(c, SHAPAN_ACC_MACHINERY, lt->residual, cmd->line - 1);
    else
        rc = ctx_pay(c, SHAPAN_ACC_MACHINERY, -lt->residual, cmd->line - 1, "returning the line");
    if (rc)
        return rc;
    return ctx_post(c, SHAPAN_ACC_LOSS, SHAPAN_ACC_MACHINERY, book - lt->residual, cmd->line - 1);
}

ShapanErrorCode team_produce(Ctx *c, const ShapanCommand *cmd)
{
    const ShapanScenario *sc = c->sc;
    ShapanLine *l;
    ShapanErrorCode rc = s3_line(c, cmd, "produce", &l);
    if (rc)
        return rc;
    if (!line_idle_ready(l))
        return shapan_error_set(c->err, SHAPAN_E_STATE, "line", "Line %d is not ready and idle.",
                                cmd->line);
    int p = l->product;
    const ShapanProduct *pr = &sc->products[p];
    if (!c->t->qualified[p])
        return shapan_error_set(c->err, SHAPAN_E_NOT_QUALIFIED, "line",
                                "Team %d is not qualified to make %s yet (R&D %d of %d).",
                                c->ti + 1, pr->id, c->t->rnd_paid[p], pr->rnd_quarters);
    for (int i = 0; i < pr->nbom; i++) {
        const ShapanBomItem *b = &pr->bom[i];
        int64_t have =
            b->kind == SHAPAN_ITEM_MATERIAL ? c->t->materials[b->index] : c->t->products[b->index];
        if (have < b->qty)
            return shapan_error_set(c->err, SHAPAN_E_STOCK, "line",
                                    "Making %s needs %d %s; team %d has %lld.", pr->id, b->qty,
                                    b->kind == SHAPAN_ITEM_MATERIAL ? sc->materials[b->index].id
                                                                    : sc->products[b->index].id,
                                    c->ti + 1, (long long)have);
    }
    for (int i = 0; i < pr->nbom; i++) {
        const ShapanBomItem *b = &pr->bom[i];
        if (b->kind == SHAPAN_ITEM_MATERIAL) {
            c->t->materials[b->index] -= b->qty;
            rc = ctx_post(c, SHAPAN_ACC_WIP, SHAPAN_ACC_MATERIALS,
                          b->qty * sc->materials[b->index].price, b->index);
        } else {
            c->t->products[b->index] -= b->qty;
            rc = ctx_post(c, SHAPAN_ACC_WIP, SHAPAN_ACC_FINISHED,
                          b->qty * sc->products[b->index].direct_cost, sc->nmaterials + b->index);
        }
        if (rc)
            return rc;
    }
    l->wip_product = (int8_t)p;
    l->wip_left = (int8_t)sc->line_types[l->type].production_q;
    return ctx_pay(c, SHAPAN_ACC_WIP, pr->processing, cmd->line - 1, "the processing fee");
}

ShapanErrorCode team_deliver(Ctx *c, const ShapanCommand *cmd)
{
    const ShapanScenario *sc = c->sc;
    ShapanErrorCode rc = team_require_stage(c, STAGE_BIT(SHAPAN_STAGE_S4), "deliver", "in S4");
    if (rc)
        return rc;
    ShapanHeld *h = NULL;
    for (int i = 0; i < c->t->nheld; i++)
        if (c->t->held[i].order == cmd->order)
            h = &c->t->held[i];
    if (!h || cmd->order < 0 || cmd->order >= sc->norders)
        return shapan_error_set(c->err, SHAPAN_E_STATE, "order",
                                "Team %d holds no such order this year.", c->ti + 1);
    const ShapanOrder *o = &sc->orders[cmd->order];
    if (h->status != SHAPAN_HELD_OPEN)
        return shapan_error_set(c->err, SHAPAN_E_STATE, "order",
                                "Order %s is already delivered or revoked.", o->id);
    if (c->t->quarter > h->delivery)
        return shapan_error_set(c->err, SHAPAN_E_STATE, "order",
                                "Order %s was due by Q%d; it is Q%d.", o->id, h->delivery,
                                c->t->quarter);
    if (c->t->products[o->product] < o->qty)
        return shapan_error_set(
            c->err, SHAPAN_E_STOCK, "order", "Order %s needs %d %s; team %d has %lld.", o->id,
            o->qty, sc->products[o->product].id, c->ti + 1, (long long)c->t->products[o->product]);
    c->t->products[o->product] -= o->qty;
    h->status = SHAPAN_HELD_DELIVERED;
    c->t->sales[o->market] += h->price;
    int aq = ctx_aq(c);
    if (h->term == 0) {
        rc = ctx_receive(c, SHAPAN_ACC_REVENUE, h->price, cmd->order);
    } else {
        c->t->recv[aq + h->term] += h->price;
        rc = ctx_post(c, SHAPAN_ACC_RECEIVABLES, SHAPAN_ACC_REVENUE, h->price, cmd->order);
    }
    if (rc)
        return rc;
    return ctx_post(c, SHAPAN_ACC_DIRECT_COST, SHAPAN_ACC_FINISHED,
                    sc->products[o->product].direct_cost * o->qty, cmd->order);
}
