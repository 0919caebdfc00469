/* Scripted rivals (AI players).  A rival is a player: it reads the world only
 * through the public views of world.h and answers with commands, which go
 * through the same checks as a human's.  Profiles are a table of hooks; a
 * hook other than `name` and `decide` may be NULL. */
#ifndef SHAPAN_AI_H
#define SHAPAN_AI_H

#include "shapan/command.h"

typedef struct {
    const char *name;        /* profile id, as in "ai:idle" */
    const char *description; /* one line for --help */
    /* Private state for one team; NULL means "no state needed" or, when the
     * hook exists and fails, out of memory.  The seed drives the rival's own
     * generator: the world's RNG is never touched by a rival. */
    void *(*create)(const ShapanWorld *w, int team, uint64_t seed);
    void (*destroy)(void *st);
    /* The next command for `team` (1-based) into *out, or false when the team
     * has nothing to do now (waiting for others, or its game is over).  Pure
     * with respect to the world; may update its own state. */
    bool (*decide)(void *st, const ShapanWorld *w, int team, ShapanCommand *out);
    /* Told whether the last decided command was accepted (rc == SHAPAN_OK). */
    void (*feedback)(void *st, const ShapanCommand *c, ShapanErrorCode rc);
} ShapanRival;

/* Profile by name ("idle"), or NULL.  The table is static and immutable. */
const ShapanRival *shapan_rival_find(const char *name);
int shapan_rival_count(void);
const ShapanRival *shapan_rival_at(int index); /* 0..count-1, else NULL */

/* One rival playing one team: the profile plus its state (owned). */
typedef struct {
    const ShapanRival *rival;
    void *state;
    int team;
} ShapanAi;

/* false (and *ai cleared) if the profile's create hook fails. */
bool shapan_ai_start(ShapanAi *ai, const ShapanRival *rival, const ShapanWorld *w, int team,
                     uint64_t seed);
void shapan_ai_stop(ShapanAi *ai);
bool shapan_ai_decide(ShapanAi *ai, const ShapanWorld *w, ShapanCommand *out);
void shapan_ai_feedback(ShapanAi *ai, const ShapanCommand *c, ShapanErrorCode rc);

/* --- profiles: the planning rival's parameters as data (scenarios/rivals/NAME.json) --- */
typedef struct ShapanProfile ShapanProfile;
/* Reads a profile; errors name the JSON path.  Caller frees. */
ShapanProfile *shapan_profile_from_json(const char *text, size_t len, ShapanError *err);
ShapanProfile *shapan_profile_load(const char *path, ShapanError *err);
void shapan_profile_free(ShapanProfile *p);
const char *shapan_profile_name(const ShapanProfile *p);
/* Starts the planning rival with profile p (which must outlive the ai). */
bool shapan_ai_start_profile(ShapanAi *ai, const ShapanProfile *p, const ShapanWorld *w, int team,
                             uint64_t seed);

#endif
