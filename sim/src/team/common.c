#include "team/common.h"

ShapanErrorCode team_require_stage(Ctx *c, unsigned mask, const char *what, const char *allowed)
{
    if (mask & STAGE_BIT(c->t->stage))
        return SHAPAN_OK;
    return shapan_error_set(
        c->err, SHAPAN_E_STAGE, what, "%s is allowed %s; team %d is at %s of Y%dQ%d.", what,
        allowed, c->ti + 1, shapan_stage_name((ShapanStage)c->t->stage), c->t->year, c->t->quarter);
}

ShapanErrorCode team_get_plant(Ctx *c, int plant, ShapanPlant **out)
{
    if (plant < 1 || plant > c->t->nplants || c->t->plants[plant - 1].status == SHAPAN_PLANT_GONE)
        return shapan_error_set(c->err, SHAPAN_E_RANGE, "plant", "Team %d has no plant number %d.",
                                c->ti + 1, plant);
    *out = &c->t->plants[plant - 1];
    return SHAPAN_OK;
}

ShapanErrorCode team_get_line(Ctx *c, int line, ShapanLine **out)
{
    if (line < 1 || line > c->t->nlines || c->t->lines[line - 1].status == SHAPAN_LINE_SOLD)
        return shapan_error_set(c->err, SHAPAN_E_RANGE, "line", "Team %d has no line number %d.",
                                c->ti + 1, line);
    *out = &c->t->lines[line - 1];
    return SHAPAN_OK;
}

int64_t team_loans_total(const ShapanTeam *t)
{
    int64_t s = 0;
    for (int i = 0; i < t->nloans; i++)
        s += t->loans[i].principal;
    return s;
}

int team_plant_lines(const ShapanTeam *t, int plant)
{
    int n = 0;
    for (int i = 0; i < t->nlines; i++)
        if (t->lines[i].plant == plant && t->lines[i].status != SHAPAN_LINE_SOLD)
            n++;
    return n;
}

bool plant_anniversary(const ShapanPlant *p, int aq)
{
    int d = aq - p->rent_aq;
    return p->status == SHAPAN_PLANT_RENTED && d >= 4 && d % 4 == 0;
}

int line_instalments(const ShapanLineType *lt) { return lt->install_q > 1 ? lt->install_q : 1; }

int shapan_line_instalments(const ShapanLineType *lt) { return line_instalments(lt); }

ShapanErrorCode line_complete(Ctx *c, ShapanLine *l, int li)
{
    l->status = SHAPAN_LINE_READY;
    l->completed_year = (int16_t)c->by;
    l->book = l->paid;
    return ctx_post(c, SHAPAN_ACC_MACHINERY, SHAPAN_ACC_CONSTRUCTION, l->paid, li);
}

/* Adds a span unless the list has it (a span written twice would be saved twice, the
 * second time as the first run left it). */
static int add_span(BoardSpan sp[CMD_SPANS_MAX], int n, BoardSpan s)
{
    for (int i = 0; i < n; i++)
        if (sp[i].off == s.off)
            return n;
    if (n < 0 || n == CMD_SPANS_MAX)
        return -1;
    sp[n] = s;
    return n + 1;
}

/* What the frequent handlers write (assets.c, loans.c): produce the cash, the stock
 * (the materials and products) and its line; short_loan the counts, the cash
 * and the new loan; build_line and invest_line the cash and the line; the develop
 * commands the cash and their fields; order_materials the arrivals rows of its lead
 * times. */
int team_cmd_spans(const ShapanWorld *w, const ShapanTeam *t, const ShapanCommand *c,
                   BoardSpan sp[CMD_SPANS_MAX])
{
    const ShapanScenario *sc = w->sc;
    int n = 0;
    switch (c->type) {
    case SHAPAN_CMD_PRODUCE:
        if (c->line < 1 || c->line > t->nlines)
            return 0; /* refused */
        sp[0] = board_head_span();
        sp[1] = board_span(BOARD_AT(materials), sizeof t->materials);
        sp[2] = board_span(BOARD_AT(products), sizeof t->products);
        sp[3] = board_span(BOARD_AT(lines) + sizeof t->lines[0] * (size_t)(c->line - 1),
                           sizeof t->lines[0]);
        return 4;
    case SHAPAN_CMD_SHORT_LOAN:
        if (t->nloans >= SHAPAN_MAX_LOANS - 1)
            return 0; /* (the span of two loans stays in the board) */
        sp[0] = board_head_span();
        /* the new loan and the next (never read: moved as one span of a common length) */
        sp[1] = board_span(BOARD_AT(loans) + sizeof t->loans[0] * (size_t)t->nloans,
                           2 * sizeof t->loans[0]);
        return 2;
    case SHAPAN_CMD_BUILD_LINE:
        if (t->nlines >= SHAPAN_MAX_LINES)
            return 0; /* refused */
        sp[0] = board_head_span();
        sp[1] = board_span(BOARD_AT(lines) + sizeof t->lines[0] * (size_t)t->nlines,
                           sizeof t->lines[0]);
        return 2;
    case SHAPAN_CMD_INVEST_LINE:
        if (c->line < 1 || c->line > t->nlines)
            return 0; /* refused */
        sp[0] = board_head_span();
        sp[1] = board_span(BOARD_AT(lines) + sizeof t->lines[0] * (size_t)(c->line - 1),
                           sizeof t->lines[0]);
        return 2;
    case SHAPAN_CMD_DEVELOP_PRODUCT: /* its R&D fields, with the qualifications: 32 bytes */
        sp[0] = board_head_span();
        sp[1] = board_span(BOARD_AT(rnd_paid), 32);
        return 2;
    case SHAPAN_CMD_DEVELOP_MARKET: /* the markets' and ISOs' fields: 32 bytes */
    case SHAPAN_CMD_DEVELOP_ISO:
        sp[0] = board_head_span();
        sp[1] = board_span(BOARD_AT(market_paid), 32);
        return 2;
    case SHAPAN_CMD_ORDER_MATERIALS: {
        /* booked in the board's quarter (S2-S5; at another stage it writes nothing) */
        int aq = shapan_aq(t->year, t->quarter);
        for (int m = 0; m < sc->nmaterials && n >= 0; m++) {
            int at = aq + sc->materials[m].lead;
            if (c->items[m] && at >= 0 && at < SHAPAN_MAX_QUARTERS)
                n = add_span(sp, n,
                             board_span(BOARD_AT(arrivals) + sizeof t->arrivals[0] * (size_t)at,
                                        sizeof t->arrivals[0]));
        }
        return n < 0 ? 0 : n;
    }
    default: return 0;
    }
}
