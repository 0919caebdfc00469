/* The report (INTERFACES.md §4) and its CSV form. */
#ifndef SHAPAN_REPORT_H
#define SHAPAN_REPORT_H

#include "shapan/log.h"

/* JSON report of a world; team names from `teams` (may be NULL: "Team N").
 * Caller frees. */
char *shapan_report_json(const ShapanWorld *w, const ShapanTeamInfo *teams);
/* Writes expenses.csv, income.csv, balance.csv and ranking.csv into dir (created
 * if missing): UTF-8 with BOM, zh-CN headers, one row per team per year. */
ShapanErrorCode shapan_report_csv(const ShapanWorld *w, const ShapanTeamInfo *teams,
                                  const char *dir, ShapanError *err);

/* Ranking: team numbers (1-based) ordered by score (bankrupt last, by equity),
 * ties by team number.  Returns count. */
int shapan_ranking(const ShapanWorld *w, int *teams_out);

#endif
