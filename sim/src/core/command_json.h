/* Private: decoding a command from an already parsed JSON object, so the log
 * reader parses each line once. */
#ifndef SHAPAN_CORE_COMMAND_JSON_H
#define SHAPAN_CORE_COMMAND_JSON_H

#include <cjson/cJSON.h>

#include "shapan/command.h"

/* Same rules as shapan_cmd_from_json; `obj` stays owned by the caller.
 * Keys other than "cmd", "team", "seq" and the command's fields are rejected. */
ShapanErrorCode shapan_cmd_from_cjson(const ShapanScenario *sc, const cJSON *obj,
                                      ShapanCommand *out, ShapanError *err);

#endif
