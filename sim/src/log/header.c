/* The log header line and the progress measures behind checkpoints. */
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/jsonutil.h"
#include "log/log_private.h"

void shapan_log_header_free(ShapanLogHeader *h)
{
    if (!h)
        return;
    free(h->scenario_json);
    h->scenario_json = NULL;
}

void shapan_checkpoint_label(char *buf, size_t n, int year, int quarter)
{
    if (quarter <= 0)
        snprintf(buf, n, "Y%dM", year);
    else
        snprintf(buf, n, "Y%dQ%d", year, quarter);
}

void shapan_log_hash_hex(uint64_t hash, char out[17]) { snprintf(out, 17, "%016" PRIx64, hash); }

void shapan_log_add_check(ShapanSb *sb, const ShapanWorld *w, int year, int quarter)
{
    char label[32], hex[17];
    shapan_checkpoint_label(label, sizeof label, year, quarter);
    shapan_log_hash_hex(shapan_world_hash(w), hex);
    shapan_sb_addf(sb, "{\"check\":\"%s\",\"hash\":\"%s\"}\n", label, hex);
}

/* The quarter a team has completed: S6 of the quarter it is in, else the one before. */
static int team_completed_aq(int year, int quarter, ShapanStage stage)
{
    if (stage == SHAPAN_STAGE_S6)
        return shapan_aq(year, quarter);
    if (stage >= SHAPAN_STAGE_S1)
        return shapan_aq(year, quarter) - 1;
    return shapan_aq(year, 1) - 1; /* year start, meeting, long-loan window */
}

int shapan_log_completed_aq(const ShapanWorld *w)
{
    int low = INT_MIN;
    bool any = false;
    for (int t = 1; t <= shapan_world_teams(w); t++) {
        int y = 0, q = 0;
        if (shapan_view_bankrupt(w, t, &y, &q))
            continue;
        ShapanStage st = SHAPAN_STAGE_YEAR_START;
        shapan_view_position(w, t, &y, &q, &st);
        int aq = team_completed_aq(y, q, st);
        if (!any || aq < low)
            low = aq;
        any = true;
    }
    return any ? low : INT_MIN;
}

int shapan_log_meeting_done(const ShapanWorld *w)
{
    const ShapanScenario *sc = shapan_world_scenario(w);
    /* every live team's position bounds the meetings behind all of them */
    int low_year = INT_MAX;
    ShapanStage low_stage = SHAPAN_STAGE_S6;
    bool any = false;
    for (int t = 1; t <= shapan_world_teams(w); t++) {
        int y = 0, q = 0;
        if (shapan_view_bankrupt(w, t, &y, &q))
            continue;
        ShapanStage st = SHAPAN_STAGE_YEAR_START;
        shapan_view_position(w, t, &y, &q, &st);
        if (!any || y < low_year || (y == low_year && st < low_stage)) {
            low_year = y;
            low_stage = st;
        }
        any = true;
    }
    if (!any)
        return -1;
    /* the slowest team is past this year's meeting once it reached the long-loan window */
    int last = low_stage >= SHAPAN_STAGE_LONG_LOAN ? low_year : low_year - 1;
    if (shapan_meeting_open(w) && shapan_meeting_year(w) <= last)
        last = shapan_meeting_year(w) - 1;
    for (int y = last < sc->years ? last : sc->years; y >= 1; y--)
        if (y <= SHAPAN_MAX_YEARS && sc->meeting_year[y])
            return y;
    return 0;
}

char *shapan_log_header_embed(const char *scenario_json, uint64_t seed, int nteams,
                              const ShapanTeamInfo *teams, ShapanError *err)
{
    ShapanSb sb;
    shapan_sb_init(&sb);
    shapan_sb_addf(&sb, "{\"log\":\"shapan\",\"format\":%d,\"scenario\":", SHAPAN_LOG_FORMAT);
    shapan_sb_add(&sb, scenario_json);
    /* integers beyond 2^53 do not survive a JSON number: such seeds are written as text */
    if (seed <= UINT64_C(9007199254740992))
        shapan_sb_addf(&sb, ",\"seed\":%" PRIu64 ",\"teams\":[", seed);
    else
        shapan_sb_addf(&sb, ",\"seed\":\"%" PRIu64 "\",\"teams\":[", seed);
    for (int i = 0; i < nteams; i++) {
        char name[SHAPAN_NAME_LEN];
        if (teams && teams[i].name[0])
            snprintf(name, sizeof name, "%s", teams[i].name);
        else
            snprintf(name, sizeof name, "Team %d", i + 1);
        shapan_sb_add(&sb, i ? ",{\"name\":" : "{\"name\":");
        shapan_sb_add_jstr(&sb, name);
        shapan_sb_add(&sb, ",\"controller\":");
        shapan_sb_add_jstr(&sb, teams && teams[i].controller[0] ? teams[i].controller : "human");
        shapan_sb_add(&sb, "}");
    }
    shapan_sb_add(&sb, "]}");
    char *line = shapan_sb_take(&sb);
    if (!line)
        shapan_error_set(err, SHAPAN_E_INTERNAL, "header", "out of memory");
    return line;
}

static ShapanErrorCode header_error(ShapanError *err, const char *path, const char *what)
{
    return shapan_error_set(err, SHAPAN_E_LOG, "LOG:line 1", "header %s: %s", path, what);
}

static ShapanErrorCode parse_seed(const cJSON *it, uint64_t *out, ShapanError *err)
{
    int64_t v = 0;
    if (cJSON_IsString(it)) {
        const char *s = it->valuestring;
        if (!*s || strlen(s) > 20)
            return header_error(err, "seed", "expected a decimal integer");
        uint64_t acc = 0;
        for (; *s; s++) {
            if (!isdigit((unsigned char)*s))
                return header_error(err, "seed", "expected a decimal integer");
            uint64_t d = (uint64_t)(*s - '0');
            if (acc > (UINT64_MAX - d) / 10)
                return header_error(err, "seed", "larger than 2^64 - 1");
            acc = acc * 10 + d;
        }
        *out = acc;
        return SHAPAN_OK;
    }
    if (!shapan_json_int_value(it, 0, SHAPAN_JSON_INT_MAX, &v, "seed", NULL))
        return header_error(err, "seed", "expected an integer >= 0");
    *out = (uint64_t)v;
    return SHAPAN_OK;
}

static ShapanErrorCode parse_scenario(const cJSON *it, ShapanLogHeader *h, ShapanError *err)
{
    if (!cJSON_IsObject(it))
        return header_error(err, "scenario",
                            "expected the scenario object or {\"path\", \"sha256\"}");
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(it, "path");
    if (!path) {
        h->scenario_embedded = true; /* the replay loads it from the parsed object */
        return SHAPAN_OK;
    }
    if (!cJSON_IsString(path) || !path->valuestring[0] ||
        strlen(path->valuestring) >= sizeof h->scenario_path)
        return header_error(err, "scenario.path", "expected a file path (a string)");
    snprintf(h->scenario_path, sizeof h->scenario_path, "%s", path->valuestring);
    const cJSON *sha = cJSON_GetObjectItemCaseSensitive(it, "sha256");
    if (sha) {
        if (!cJSON_IsString(sha) || strlen(sha->valuestring) != 64)
            return header_error(err, "scenario.sha256", "expected 64 hex digits");
        for (int i = 0; i < 64; i++) {
            char c = (char)tolower((unsigned char)sha->valuestring[i]);
            if (!isxdigit((unsigned char)c))
                return header_error(err, "scenario.sha256", "expected 64 hex digits");
            h->sha256[i] = c;
        }
        h->sha256[64] = '\0';
    }
    return SHAPAN_OK;
}

static ShapanErrorCode parse_teams(const cJSON *it, ShapanLogHeader *h, ShapanError *err)
{
    if (!cJSON_IsArray(it))
        return header_error(err, "teams", "expected an array of {name, controller}");
    int n = cJSON_GetArraySize(it);
    if (n < 1 || n > SHAPAN_MAX_TEAMS) {
        char what[64];
        snprintf(what, sizeof what, "expected 1..%d teams, got %d", SHAPAN_MAX_TEAMS, n);
        return header_error(err, "teams", what);
    }
    int i = 0;
    for (const cJSON *t = it->child; t; t = t->next, i++) {
        char path[64];
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(t, "name");
        const cJSON *ctl = cJSON_GetObjectItemCaseSensitive(t, "controller");
        snprintf(path, sizeof path, "teams[%d].name", i);
        if (!cJSON_IsString(name) || strlen(name->valuestring) >= SHAPAN_NAME_LEN)
            return header_error(err, path, "expected a name (a string of < 64 bytes)");
        snprintf(path, sizeof path, "teams[%d].controller", i);
        if (!cJSON_IsString(ctl) || strlen(ctl->valuestring) >= sizeof h->teams[i].controller ||
            (strcmp(ctl->valuestring, "human") && strncmp(ctl->valuestring, "ai:", 3)))
            return header_error(err, path, "expected \"human\" or \"ai:PROFILE\"");
        snprintf(h->teams[i].name, sizeof h->teams[i].name, "%s", name->valuestring);
        snprintf(h->teams[i].controller, sizeof h->teams[i].controller, "%s", ctl->valuestring);
    }
    h->nteams = n;
    return SHAPAN_OK;
}

ShapanErrorCode shapan_log_header_parse(const cJSON *obj, ShapanLogHeader *h, ShapanError *err)
{
    if (!cJSON_IsObject(obj))
        return header_error(err, "", "expected a JSON object");
    const cJSON *tag = cJSON_GetObjectItemCaseSensitive(obj, "log");
    if (!cJSON_IsString(tag) || strcmp(tag->valuestring, "shapan"))
        return header_error(err, "log", "expected \"shapan\" (this is not a Shapan log)");
    int64_t format = 0;
    if (!shapan_json_int_value(cJSON_GetObjectItemCaseSensitive(obj, "format"), 0,
                               SHAPAN_JSON_INT_MAX, &format, "format", NULL))
        return header_error(err, "format", "expected an integer");
    if (format < 1 || format > SHAPAN_LOG_FORMAT) {
        char what[96];
        snprintf(what, sizeof what, "format %" PRId64 " is not readable (this program reads 1..%d)",
                 format, SHAPAN_LOG_FORMAT);
        return header_error(err, "format", what);
    }
    h->format = (int)format;
    const cJSON *scen = cJSON_GetObjectItemCaseSensitive(obj, "scenario");
    if (!scen)
        return header_error(err, "scenario", "missing");
    ShapanErrorCode rc = parse_scenario(scen, h, err);
    if (rc)
        return rc;
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(obj, "seed");
    if (!seed)
        return header_error(err, "seed", "missing");
    rc = parse_seed(seed, &h->seed, err);
    if (rc)
        return rc;
    const cJSON *teams = cJSON_GetObjectItemCaseSensitive(obj, "teams");
    if (!teams)
        return header_error(err, "teams", "missing");
    return parse_teams(teams, h, err);
}
