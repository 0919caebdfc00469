/* The decision log (INTERFACES.md §3): JSON Lines, header + commands + checkpoints.
 * Recording encodes each command, decodes it back and applies the decoded copy,
 * so what is played and what is recorded can't differ. */
#ifndef SHAPAN_LOG_H
#define SHAPAN_LOG_H

#include "shapan/command.h"

#define SHAPAN_LOG_FORMAT 1

typedef struct {
    char name[SHAPAN_NAME_LEN];
    char controller[32]; /* "human" or "ai:PROFILE" */
} ShapanTeamInfo;

typedef struct {
    int format;
    uint64_t seed;
    int nteams;
    ShapanTeamInfo teams[SHAPAN_MAX_TEAMS];
    bool scenario_embedded;  /* the header holds the scenario object itself */
    char *scenario_json;     /* its text (owned) once printed for the scenario cache, or NULL */
    char scenario_path[512]; /* or a path relative to the log's folder */
    char sha256[65];         /* "" if not given */
} ShapanLogHeader;
void shapan_log_header_free(ShapanLogHeader *h);

/* --- recording ------------------------------------------------------------------------ */
typedef struct ShapanRecorder ShapanRecorder;
/* Starts a game: creates the world and the header line.  The scenario is
 * embedded whole (scenario_json may be NULL: it is serialised from sc).  The
 * recorder owns the world; sc must outlive it. */
ShapanRecorder *shapan_recorder_create(const ShapanScenario *sc, uint64_t seed, int nteams,
                                       const ShapanTeamInfo *teams, ShapanError *err);
void shapan_recorder_destroy(ShapanRecorder *r);
ShapanWorld *shapan_recorder_world(ShapanRecorder *r);
/* Encodes, decodes, applies the decoded copy; on success appends the line
 * (and any checkpoint lines that become due).  Rejected: nothing changes. */
ShapanErrorCode shapan_recorder_apply(ShapanRecorder *r, const ShapanCommand *c, ShapanError *err);
/* The whole log text so far (owned by the recorder). */
const char *shapan_recorder_text(const ShapanRecorder *r, size_t *len);
/* Writes the log atomically (temp file, fsync, rename). */
ShapanErrorCode shapan_recorder_save(const ShapanRecorder *r, const char *path, ShapanError *err);

/* --- replay -------------------------------------------------------------------------- */
typedef struct {
    ShapanLogHeader header;
    ShapanScenario *scenario; /* owned */
    ShapanWorld *world;       /* owned */
    int commands;             /* commands applied (decoded, with decode_only) */
    int checks;               /* checkpoints verified */
    int truncated_line;       /* line number of an ignored truncated last line, or 0 */
    bool stopped_early;       /* --until reached */
    bool scenario_cached;     /* scenario belongs to the options' cache, not to this replay */
} ShapanReplay;

/* Scenarios already loaded, for replaying many logs (grade): a log whose embedded
 * scenario text equals a cached one reuses it instead of loading it again.  Not
 * shared between threads (one per thread).  It owns its scenarios (the replay's
 * scenario_cached is then true) and holds the last 4 distinct ones: a replay that
 * used it must be freed before 4 more distinct scenarios are loaded through it,
 * and before the cache is destroyed. */
typedef struct ShapanScenarioCache ShapanScenarioCache;
ShapanScenarioCache *shapan_scenario_cache_create(void); /* NULL when out of memory */
void shapan_scenario_cache_destroy(ShapanScenarioCache *c);

typedef struct {
    const char *log_dir;           /* folder the log lives in (for a header scenario path) */
    const char *scenario_override; /* --scenario FILE, or NULL */
    int until_year, until_quarter; /* 0 = to the end */
    ShapanScenarioCache *cache;    /* NULL: every replay loads its own scenario */
    /* Only read the log: parse every line, load the header's scenario and decode
     * every command, but create no world, apply nothing and verify no checkpoint
     * (what "only parsing" a log costs; bench compares a replay with it). */
    bool decode_only;
} ShapanReplayOptions;

/* Replays log text.  Any bad line stops with err->where = "LOG:line N" and the
 * error; out->world then holds the state before that line (out is always filled
 * and must be freed).  A checkpoint whose hash differs is E_HASH. */
ShapanErrorCode shapan_replay_text(const char *text, size_t len, const ShapanReplayOptions *opt,
                                   ShapanReplay *out, ShapanError *err);
ShapanErrorCode shapan_replay_file(const char *path, const ShapanReplayOptions *opt,
                                   ShapanReplay *out, ShapanError *err);
void shapan_replay_free(ShapanReplay *r);

/* Label of the checkpoint after the given quarter ("Y2Q3") or meeting ("Y2M"). */
void shapan_checkpoint_label(char *buf, size_t n, int year, int quarter);

/* --- files ------------------------------------------------------------------------------ */
/* Reads a whole file (NUL-terminated, caller frees). */
char *shapan_read_file(const char *path, size_t *len, ShapanError *err);
/* Writes atomically: temp file in the same folder, fsync, rename. */
ShapanErrorCode shapan_write_atomic(const char *path, const char *data, size_t len,
                                    ShapanError *err);
/* SHA-256 as 64 lowercase hex digits + NUL. */
void shapan_sha256_hex(const void *data, size_t len, char out[65]);

#endif
