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
