/* The planning rival: one mechanism, many profiles (ai/profile.h). */
#ifndef SHAPAN_AI_PLANNER_H
#define SHAPAN_AI_PLANNER_H

#include "ai/profile.h"

void *shapan_planner_create(const ShapanProfile *p, const ShapanWorld *w, int team, uint64_t seed);
void shapan_planner_destroy(void *st);
bool shapan_planner_decide(void *st, const ShapanWorld *w, int team, ShapanCommand *out);

#endif
