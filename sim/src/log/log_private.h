/* Private to the log module: the header line and the game-progress measures
 * that decide when checkpoints are due. */
#ifndef SHAPAN_LOG_PRIVATE_H
#define SHAPAN_LOG_PRIVATE_H

#include <cjson/cJSON.h>

#include "log/textutil.h"
#include "shapan/log.h"

/* The header line (no newline) embedding `scenario_json` (one line of JSON:
 * the scenario object); NULL on failure. */
char *shapan_log_header_embed(const char *scenario_json, uint64_t seed, int nteams,
                              const ShapanTeamInfo *teams, ShapanError *err);
/* Parses a header object into h (which the caller frees).  Errors are E_LOG
 * with `where` = "LOG:line 1" and the header's JSON path in the message. */
ShapanErrorCode shapan_log_header_parse(const cJSON *obj, ShapanLogHeader *h, ShapanError *err);

/* The lowest absolute quarter (aq) that every live team has completed, i.e.
 * entered S6 of; -1 before the first quarter ends; INT_MIN with no live team. */
int shapan_log_completed_aq(const ShapanWorld *w);
/* The latest meeting year every live team is past (0 if none; -1 with no live team). */
int shapan_log_meeting_done(const ShapanWorld *w);
/* {"check":"Y2Q3","hash":"..."} for the world as it stands, appended to sb with a newline. */
void shapan_log_add_check(ShapanSb *sb, const ShapanWorld *w, int year, int quarter);
/* 16 lowercase hex digits + NUL */
void shapan_log_hash_hex(uint64_t hash, char out[17]);

#endif
