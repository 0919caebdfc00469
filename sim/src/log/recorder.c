/* The recorder: record what you play, play what you record.  Each command is
 * encoded, the text decoded again, and only the decoded copy is applied, so a
 * live game and its replay see byte-identical commands.  The same goes for the
 * scenario: the world runs on the copy decoded from the header line. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "log/log_private.h"

struct ShapanRecorder {
    ShapanScenario *sc; /* the scenario as decoded from the header (owned) */
    ShapanWorld *world;
    ShapanSb text;
    int last_aq;      /* newest quarter checkpointed */
    int last_meeting; /* newest meeting year checkpointed */
};

/* The scenario as a replay will see it: serialised to one line, and loaded back
 * from that text.  The world runs on the loaded copy, so nothing that the text
 * does not carry (a stale digest, a field the writer forgets) can make the
 * live game differ from its replay. */
static ShapanScenario *scenario_as_logged(const ShapanScenario *sc, char **text, ShapanError *err)
{
    *text = shapan_scenario_to_json(sc);
    if (!*text) {
        shapan_error_set(err, SHAPAN_E_INTERNAL, "scenario",
                         "the scenario could not be serialised");
        return NULL;
    }
    cJSON_Minify(*text); /* one JSON value per line: the layout goes, the content stays */
    ShapanError errs[1];
    int nerrs = 0;
    memset(errs, 0, sizeof errs);
    ShapanScenario *copy = shapan_scenario_from_json(*text, strlen(*text), errs, 1, &nerrs);
    if (!copy) {
        shapan_error_set(err, SHAPAN_E_INTERNAL, "scenario",
                         "the serialised scenario does not load back: %.100s: %.100s",
                         errs[0].where, errs[0].message);
        free(*text);
        *text = NULL;
    }
    return copy;
}

ShapanRecorder *shapan_recorder_create(const ShapanScenario *sc, uint64_t seed, int nteams,
                                       const ShapanTeamInfo *teams, ShapanError *err)
{
    ShapanRecorder *r = calloc(1, sizeof *r);
    if (!r) {
        shapan_error_set(err, SHAPAN_E_INTERNAL, "recorder", "out of memory");
        return NULL;
    }
    shapan_sb_init(&r->text);
    char *scen = NULL;
    r->sc = scenario_as_logged(sc, &scen, err);
    if (!r->sc) {
        free(r);
        return NULL;
    }
    r->world = shapan_world_create(r->sc, seed, nteams, err);
    char *header = r->world ? shapan_log_header_embed(scen, seed, nteams, teams, err) : NULL;
    free(scen);
    if (!header) {
        shapan_recorder_destroy(r);
        return NULL;
    }
    shapan_sb_add(&r->text, header);
    shapan_sb_add(&r->text, "\n");
    free(header);
    /* a world may start past some milestones (never in practice): don't re-announce them */
    r->last_aq = shapan_log_completed_aq(r->world);
    r->last_meeting = shapan_log_meeting_done(r->world);
    if (r->text.oom) {
        shapan_error_set(err, SHAPAN_E_INTERNAL, "recorder", "out of memory");
        shapan_recorder_destroy(r);
        return NULL;
    }
    return r;
}

void shapan_recorder_destroy(ShapanRecorder *r)
{
    if (!r)
        return;
    shapan_world_destroy(r->world);
    shapan_scenario_free(r->sc);
    shapan_sb_free(&r->text);
    free(r);
}

ShapanWorld *shapan_recorder_world(ShapanRecorder *r) { return r->world; }

/* Checkpoints due after an accepted command: the newest quarter every live
 * team has completed, then a meeting every live team is past. */
static void add_checkpoints(ShapanRecorder *r)
{
    int aq = shapan_log_completed_aq(r->world);
    if (aq != INT_MIN && aq > r->last_aq) {
        shapan_log_add_check(&r->text, r->world, aq / 4 + 1, aq % 4 + 1);
        r->last_aq = aq;
    }
    int m = shapan_log_meeting_done(r->world);
    if (m > r->last_meeting) {
        shapan_log_add_check(&r->text, r->world, m, 0);
        r->last_meeting = m;
    }
}

ShapanErrorCode shapan_recorder_apply(ShapanRecorder *r, const ShapanCommand *c, ShapanError *err)
{
    char *line = shapan_cmd_to_json(r->sc, c, shapan_world_seq(r->world));
    if (!line)
        return shapan_error_set(err, SHAPAN_E_INTERNAL, "recorder", "out of memory");
    ShapanCommand decoded;
    ShapanErrorCode rc = shapan_cmd_from_json(r->sc, line, strlen(line), &decoded, err);
    if (rc == SHAPAN_OK)
        rc = shapan_cmd_apply(r->world, &decoded, err);
    if (rc == SHAPAN_OK) {
        shapan_sb_add(&r->text, line);
        shapan_sb_add(&r->text, "\n");
        add_checkpoints(r);
    }
    free(line);
    if (rc == SHAPAN_OK && r->text.oom)
        return shapan_error_set(err, SHAPAN_E_INTERNAL, "recorder",
                                "out of memory: the log is incomplete");
    return rc;
}

const char *shapan_recorder_text(const ShapanRecorder *r, size_t *len)
{
    if (len)
        *len = r->text.len;
    return r->text.buf ? r->text.buf : "";
}

ShapanErrorCode shapan_recorder_save(const ShapanRecorder *r, const char *path, ShapanError *err)
{
    if (r->text.oom)
        return shapan_error_set(err, SHAPAN_E_INTERNAL, path,
                                "the log is incomplete (out of memory)");
    size_t len = 0;
    const char *text = shapan_recorder_text(r, &len);
    return shapan_write_atomic(path, text, len, err);
}
