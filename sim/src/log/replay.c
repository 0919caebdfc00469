/* Replay: re-apply a decision log line by line, verifying every checkpoint.
 * A replay never runs a rival; the log alone decides the game. */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/jsonutil.h"
#include "core/command_json.h"
#include "log/log_private.h"

/* where = "LOG:line N" */
static ShapanErrorCode line_error(ShapanError *err, ShapanErrorCode code, int line, const char *msg)
{
    char where[32];
    snprintf(where, sizeof where, "LOG:line %d", line);
    return shapan_error_set(err, code, where, "%s", msg);
}

/* The loader's result; its first error becomes err, prefixed by `origin`. */
static ShapanScenario *loaded(ShapanScenario *sc, const ShapanError *first, int nerrs,
                              const char *origin, ShapanError *err)
{
    if (!sc) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s: %s: %s (%d error%s in all)", origin, first->where,
                 first->message, nerrs, nerrs == 1 ? "" : "s");
        shapan_error_set(err, first->code ? first->code : SHAPAN_E_LOG, "LOG:line 1", "%s", msg);
    }
    return sc;
}

/* Loads a scenario from text. */
static ShapanScenario *load_scenario(const char *text, size_t len, const char *origin,
                                     ShapanError *err)
{
    ShapanError errs[1];
    int nerrs = 0;
    memset(errs, 0, sizeof errs);
    ShapanScenario *sc = shapan_scenario_from_json(text, len, errs, 1, &nerrs);
    return loaded(sc, errs, nerrs, origin, err);
}

/* Loads the scenario object embedded in the parsed header. */
static ShapanScenario *load_embedded(const cJSON *tree, ShapanError *err)
{
    ShapanError errs[1];
    int nerrs = 0;
    memset(errs, 0, sizeof errs);
    ShapanScenario *sc = shapan_scenario_from_tree(tree, errs, 1, &nerrs);
    return loaded(sc, errs, nerrs, "embedded scenario", err);
}

/* Reads a scenario file, checks the header's sha256 (if any) and loads it. */
static ShapanScenario *load_scenario_file(const char *path, const char *sha256, ShapanError *err)
{
    size_t len = 0;
    ShapanError ioerr;
    char *text = shapan_read_file(path, &len, &ioerr);
    if (!text) {
        shapan_error_set(err, SHAPAN_E_IO, "LOG:line 1", "scenario %s: %s", path, ioerr.message);
        return NULL;
    }
    if (sha256 && sha256[0]) {
        char got[65];
        shapan_sha256_hex(text, len, got);
        if (strcmp(got, sha256) != 0) {
            shapan_error_set(err, SHAPAN_E_HASH, "LOG:line 1",
                             "scenario %s has sha256 %s, the header names %s", path, got, sha256);
            free(text);
            return NULL;
        }
    }
    ShapanScenario *sc = load_scenario(text, len, path, err);
    free(text);
    return sc;
}

#define CACHE_SLOTS 4

struct ShapanScenarioCache {
    char *text[CACHE_SLOTS]; /* the embedded scenario text each slot was loaded from */
    ShapanScenario *sc[CACHE_SLOTS];
    int next; /* slot to replace next (round robin) */
};

ShapanScenarioCache *shapan_scenario_cache_create(void)
{
    return calloc(1, sizeof(ShapanScenarioCache));
}

void shapan_scenario_cache_destroy(ShapanScenarioCache *c)
{
    if (!c)
        return;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        free(c->text[i]);
        shapan_scenario_free(c->sc[i]);
    }
    free(c);
}

/* The embedded scenario through the cache: the same text gives the same scenario.
 * A slot is only replaced when no replay still uses it, which the caller ensures
 * by freeing each replay before starting more than CACHE_SLOTS new scenarios. */
static ShapanScenario *cached_scenario(ShapanScenarioCache *c, const char *text, ShapanError *err)
{
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (c->text[i] && strcmp(c->text[i], text) == 0)
            return c->sc[i];
    size_t len = strlen(text);
    ShapanScenario *sc = load_scenario(text, len, "embedded scenario", err);
    char *copy = sc ? malloc(len + 1) : NULL;
    if (!copy)
        return sc; /* not cached: the replay owns it */
    memcpy(copy, text, len + 1);
    int i = c->next;
    c->next = (c->next + 1) % CACHE_SLOTS;
    free(c->text[i]);
    shapan_scenario_free(c->sc[i]);
    c->text[i] = copy;
    c->sc[i] = sc;
    return sc;
}

static bool in_cache(const ShapanScenarioCache *c, const ShapanScenario *sc)
{
    for (int i = 0; c && i < CACHE_SLOTS; i++)
        if (c->sc[i] == sc)
            return true;
    return false;
}

/* `tree` is the header's embedded scenario object (when h->scenario_embedded). */
static ShapanScenario *header_scenario(ShapanLogHeader *h, const cJSON *tree,
                                       const ShapanReplayOptions *opt, ShapanError *err)
{
    if (opt && opt->scenario_override)
        return load_scenario_file(opt->scenario_override, h->sha256, err);
    if (h->scenario_embedded && opt && opt->cache) {
        /* the cache knows a scenario by its text */
        h->scenario_json = cJSON_PrintUnformatted(tree);
        if (!h->scenario_json) {
            shapan_error_set(err, SHAPAN_E_INTERNAL, "LOG:line 1", "out of memory");
            return NULL;
        }
        return cached_scenario(opt->cache, h->scenario_json, err);
    }
    if (h->scenario_embedded)
        return load_embedded(tree, err);
    char path[1100];
    const char *dir = opt && opt->log_dir && opt->log_dir[0] ? opt->log_dir : ".";
    if (h->scenario_path[0] == '/')
        snprintf(path, sizeof path, "%s", h->scenario_path);
    else
        snprintf(path, sizeof path, "%s/%s", dir, h->scenario_path);
    return load_scenario_file(path, h->sha256, err);
}

static bool until_reached(const ShapanWorld *w, const ShapanReplayOptions *opt)
{
    if (!opt || opt->until_year <= 0 || !w)
        return false;
    int q = opt->until_quarter > 0 ? opt->until_quarter : 4;
    int aq = shapan_log_completed_aq(w);
    return aq != INT_MIN && aq >= shapan_aq(opt->until_year, q);
}

static ShapanErrorCode replay_check(const cJSON *obj, const ShapanWorld *w, int line,
                                    ShapanError *err)
{
    const cJSON *label = cJSON_GetObjectItemCaseSensitive(obj, "check");
    const cJSON *hash = cJSON_GetObjectItemCaseSensitive(obj, "hash");
    if (!cJSON_IsString(label) || !cJSON_IsString(hash))
        return line_error(err, SHAPAN_E_LOG, line,
                          "checkpoint: expected {\"check\": label, \"hash\": 16 hex digits}");
    char got[17];
    shapan_log_hash_hex(shapan_world_hash(w), got);
    if (strcmp(got, hash->valuestring) != 0) {
        char msg[200];
        snprintf(msg, sizeof msg, "checkpoint %.20s: the log has hash %.20s, the replay has %s",
                 label->valuestring, hash->valuestring, got);
        return line_error(err, SHAPAN_E_HASH, line, msg);
    }
    return SHAPAN_OK;
}

/* A command line the decoder or the rules refused: "LOG:line N", "where: why". */
static ShapanErrorCode command_error(ShapanError *err, ShapanErrorCode rc, int line,
                                     const ShapanError *e)
{
    char msg[512];
    if (e->where[0])
        snprintf(msg, sizeof msg, "%s: %s", e->where, e->message);
    else
        snprintf(msg, sizeof msg, "%s", e->message);
    return line_error(err, rc, line, msg);
}

static ShapanErrorCode replay_command(const cJSON *obj, ShapanReplay *out, int line,
                                      ShapanError *err)
{
    char msg[512];
    const cJSON *seq = cJSON_GetObjectItemCaseSensitive(obj, "seq");
    if (seq && out->world) {
        int64_t v = 0;
        int32_t want = shapan_world_seq(out->world);
        if (!shapan_json_int_value(seq, 1, INT32_MAX, &v, "seq", NULL) || v != want) {
            snprintf(msg, sizeof msg, "seq: expected %" PRId32 " (the next command's number)",
                     want);
            return line_error(err, SHAPAN_E_LOG, line, msg);
        }
    }
    ShapanCommand c;
    ShapanError e;
    memset(&e, 0, sizeof e);
    ShapanErrorCode rc = shapan_cmd_from_cjson(out->scenario, obj, &c, &e);
    if (rc == SHAPAN_OK && out->world) /* without one (decode_only) it is only decoded */
        rc = shapan_cmd_apply(out->world, &c, &e);
    if (rc != SHAPAN_OK)
        return command_error(err, rc, line, &e);
    out->commands++;
    return SHAPAN_OK;
}

/* Splits off the next line: [*start, *end) without the newline; false at the end. */
static bool next_line(const char *text, size_t len, size_t *pos, size_t *start, size_t *end,
                      bool *has_newline)
{
    if (*pos >= len)
        return false;
    *start = *pos;
    const char *nl = memchr(text + *pos, '\n', len - *pos);
    *end = nl ? (size_t)(nl - text) : len;
    *has_newline = nl != NULL;
    *pos = nl ? *end + 1 : len;
    if (*end > *start && text[*end - 1] == '\r')
        (*end)--;
    return true;
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

ShapanErrorCode shapan_replay_text(const char *text, size_t len, const ShapanReplayOptions *opt,
                                   ShapanReplay *out, ShapanError *err)
{
    memset(out, 0, sizeof *out);
    size_t pos = 0, start = 0, end = 0;
    bool nl = false;
    if (!next_line(text, len, &pos, &start, &end, &nl))
        return line_error(err, SHAPAN_E_LOG, 1, "empty log: expected the header line");
    cJSON *obj = cJSON_ParseWithLength(text + start, end - start);
    if (!obj)
        return line_error(err, SHAPAN_E_LOG, 1, "header: malformed JSON");
    ShapanErrorCode rc = shapan_log_header_parse(obj, &out->header, err);
    if (rc == SHAPAN_OK)
        out->scenario = header_scenario(
            &out->header, cJSON_GetObjectItemCaseSensitive(obj, "scenario"), opt, err);
    cJSON_Delete(obj);
    if (rc)
        return rc;
    if (!out->scenario)
        return err ? err->code : SHAPAN_E_LOG;
    out->scenario_cached = in_cache(opt ? opt->cache : NULL, out->scenario);
    ShapanError werr;
    bool simulate = !(opt && opt->decode_only); /* else no world: nothing applied or checked */
    if (simulate)
        out->world =
            shapan_world_create(out->scenario, out->header.seed, out->header.nteams, &werr);
    if (simulate && !out->world) {
        char msg[512];
        snprintf(msg, sizeof msg, "cannot start the game: %s", werr.message);
        return line_error(err, werr.code, 1, msg);
    }

    for (int line = 2; next_line(text, len, &pos, &start, &end, &nl); line++) {
        if (blank(text + start, end - start))
            continue;
        obj = cJSON_ParseWithLength(text + start, end - start);
        if (!obj) {
            /* a crash while writing leaves a partial last line: that is not a bad log */
            if (!nl) {
                out->truncated_line = line;
                break;
            }
            return line_error(err, SHAPAN_E_JSON, line, "malformed JSON");
        }
        if (!cJSON_IsObject(obj)) {
            cJSON_Delete(obj);
            return line_error(err, SHAPAN_E_LOG, line, "expected a command or checkpoint object");
        }
        if (cJSON_GetObjectItemCaseSensitive(obj, "check")) {
            rc = out->world ? replay_check(obj, out->world, line, err) : SHAPAN_OK;
            if (rc == SHAPAN_OK && out->world)
                out->checks++;
        } else if (cJSON_GetObjectItemCaseSensitive(obj, "cmd")) {
            if (until_reached(out->world, opt)) {
                out->stopped_early = true;
                cJSON_Delete(obj);
                break;
            }
            rc = replay_command(obj, out, line, err);
        } else {
            rc = line_error(err, SHAPAN_E_LOG, line,
                            "expected a command (\"cmd\") or a checkpoint (\"check\")");
        }
        cJSON_Delete(obj);
        if (rc)
            return rc;
    }
    return SHAPAN_OK;
}

ShapanErrorCode shapan_replay_file(const char *path, const ShapanReplayOptions *opt,
                                   ShapanReplay *out, ShapanError *err)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    char *text = shapan_read_file(path, &len, err);
    if (!text)
        return SHAPAN_E_IO;
    ShapanReplayOptions o;
    memset(&o, 0, sizeof o);
    if (opt)
        o = *opt;
    char dir[1024];
    if (!o.log_dir) {
        const char *slash = strrchr(path, '/');
        if (!slash)
            snprintf(dir, sizeof dir, ".");
        else if (slash == path)
            snprintf(dir, sizeof dir, "/");
        else
            snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
        o.log_dir = dir;
    }
    ShapanErrorCode rc = shapan_replay_text(text, len, &o, out, err);
    free(text);
    return rc;
}

void shapan_replay_free(ShapanReplay *r)
{
    if (!r)
        return;
    shapan_world_destroy(r->world);
    if (!r->scenario_cached)
        shapan_scenario_free(r->scenario);
    shapan_log_header_free(&r->header);
    memset(r, 0, sizeof *r);
}
