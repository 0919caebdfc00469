/* Helpers shared by the board actions. */
#ifndef SHAPAN_TEAM_COMMON_H
#define SHAPAN_TEAM_COMMON_H

#include "core/internal.h"

#define STAGE_BIT(s) (1u << (s))
#define STAGES_ANY 0xFFFFu

/* E_STAGE unless the board's stage is in mask; `what` names the command. */
ShapanErrorCode team_require_stage(Ctx *c, unsigned mask, const char *what, const char *allowed);
/* A 1-based plant/line number that exists, or an error. */
ShapanErrorCode team_get_plant(Ctx *c, int plant, ShapanPlant **out);
ShapanErrorCode team_get_line(Ctx *c, int line, ShapanLine **out);
int64_t team_loans_total(const ShapanTeam *t);
/* Line slots used in a plant (lines built or being built, not sold). */
int team_plant_lines(const ShapanTeam *t, int plant);
/* A line whose construction is complete: ready, its cost moves to machinery,
 * completed in the booking year (depreciation starts the year after). */
ShapanErrorCode line_complete(Ctx *c, ShapanLine *l, int li);
/* Anniversary of a rented plant's rent in quarter aq. */
bool plant_anniversary(const ShapanPlant *p, int aq);

#endif
