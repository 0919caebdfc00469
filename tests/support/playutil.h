/* Helpers for the log and report tests: scenarios with a generated order book,
 * seeded all-rival games played through the recorder, temporary folders. */
#ifndef SHAPAN_PLAYUTIL_H
#define SHAPAN_PLAYUTIL_H

#include "testutil.h"

#include "shapan/ai.h"
#include "shapan/game.h"
#include "shapan/log.h"

/* Loads scenarios/<rel> and, when order_teams > 0, generates its order book for
 * that many teams (seed 1).  Fails the test on any error; caller frees. */
ShapanScenario *pu_scenario(const char *rel, int order_teams);
/* Loads the shipped rival profile scenarios/rivals/<name>.json.  Fails the test on
 * any error; caller frees (shapan_profile_free). */
ShapanProfile *pu_profile(const char *name);
/* Plays a game where every team is the `profile` rival, through a recorder,
 * until the world is over, nobody moves, or max_commands were applied. */
ShapanRecorder *pu_play(const ShapanScenario *sc, const char *profile, int nteams, uint64_t seed,
                        int max_commands);
/* The five shipped profiles of the strength test, strongest first. */
enum { EXPERT, AGGRESSIVE, BALANCED, CAUTIOUS, IDLE, NPROF };
extern const char *const PU_PROFILES[NPROF];
/* Plays `games` seeded games of `teams` teams on scenarios/standard.json from `seed`
 * (shapan_tournament_run), the tournament's profile list entry p being
 * PU_PROFILES[(p + rotate) % NPROF]; fills st[NPROF].  Fails the test on any error. */
void pu_tournament(int rotate, int games, int teams, uint64_t seed, ShapanTournamentGame on_game,
                   void *ctx, ShapanTournamentStats *st);
/* A fresh folder under /tmp (static buffer, valid until the next call). */
const char *pu_tmpdir(void);
/* 16 hex digits of the world hash */
void pu_hash(const ShapanWorld *w, char out[17]);

#endif
