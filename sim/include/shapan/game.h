/* The game runner: plays a game through a recorder (log.h), asking each rival
 * in team order for one command per pass, so that every command a rival plays
 * is logged like a human's (a replay never re-runs an AI).  Humans move by
 * applying their commands to the recorder between calls to shapan_game_play. */
#ifndef SHAPAN_GAME_H
#define SHAPAN_GAME_H

#include "shapan/ai.h"
#include "shapan/log.h"

/* Who plays one team.  A profile (the planning rival) wins over a built-in
 * rival; both NULL means a human.  The pointed-to profile and rival must outlive
 * the game; `name` is copied (NULL or "": "PROFILE N", or "Team N" for a human). */
typedef struct {
    const ShapanProfile *profile;
    const ShapanRival *rival;
    const char *name;
} ShapanController;

/* Called after every command a rival decided, accepted or not (rc).  `team` is
 * the team whose rival decided it.  For tests, counters and progress. */
typedef void (*ShapanGameObserver)(void *ctx, int team, const ShapanCommand *c, ShapanErrorCode rc);

typedef struct ShapanGame ShapanGame;

/* The rival seed of team `team` (1-based): a mix of the game seed and the team,
 * so each rival has its own stream and the same game seed gives the same rivals. */
uint64_t shapan_game_rival_seed(uint64_t game_seed, int team);

/* Starts a game of nteams teams, ctrl[0..nteams-1] in team order; creates the
 * recorder (header: the team names and "human" / "ai:PROFILE") and starts every
 * rival with shapan_game_rival_seed.  sc must outlive the game.  NULL + err. */
ShapanGame *shapan_game_create(const ShapanScenario *sc, uint64_t seed, int nteams,
                               const ShapanController *ctrl, ShapanError *err);
/* The same game without a log (no recorder, no checkpoints): commands are applied
 * directly, which gives the same world (the codec round-trips every command), and
 * every rival's seat has its undo off (shapan_world_set_undo: a rival never undoes,
 * so its commands run without undo snapshots; the state hash differs only while a
 * quarter is open, and the end of the game is the same).  For tournaments and
 * benchmarks; shapan_game_recorder returns NULL for it. */
ShapanGame *shapan_game_create_unlogged(const ShapanScenario *sc, uint64_t seed, int nteams,
                                        const ShapanController *ctrl, ShapanError *err);
void shapan_game_destroy(ShapanGame *g);
void shapan_game_observe(ShapanGame *g, ShapanGameObserver fn, void *ctx);

ShapanRecorder *shapan_game_recorder(ShapanGame *g); /* NULL for an unlogged game */
const ShapanWorld *shapan_game_world(const ShapanGame *g);
const ShapanTeamInfo *shapan_game_teams(const ShapanGame *g); /* nteams entries */
bool shapan_game_is_human(const ShapanGame *g, int team);
long shapan_game_commands(const ShapanGame *g); /* rival commands accepted so far */

/* Plays rivals until the game is over (SHAPAN_OK, *human = 0), or only a human
 * can move (SHAPAN_OK, *human = that team), or nobody can (SHAPAN_E_WAIT: err
 * names the team, its position and the last rejected command), or a rival
 * breaks the rules of the interface (SHAPAN_E_INTERNAL: a command for another
 * team, more than max_commands commands in this call).  human may be NULL. */
ShapanErrorCode shapan_game_play(ShapanGame *g, long max_commands, int *human, ShapanError *err);

/* --- tournaments: seeded all-rival games in mixed fields (docs/tournament.md) --------- */
#define SHAPAN_TOURNAMENT_MAX_PROFILES 16

/* Pairing rule: in game g (0-based) seat s (0-based, = team s+1) is played by
 * profile (g + s) mod nprofiles, and game g uses seed base + g (for the game and
 * for its order book). */
int shapan_tournament_seat(int game, int seat, int nprofiles);

typedef struct {
    int games;                  /* games it appeared in */
    int seats;                  /* teams it played, over all games */
    int64_t score_sum;          /* sum of its teams' scores; a bankrupt team counts 0 */
    int bankrupt;               /* teams that went bankrupt */
    int rank[SHAPAN_MAX_TEAMS]; /* rank[r]: its teams that finished (r+1)-th */
    /* head to head, against profile j: games where both appeared, and of those the
     * games where this profile's best-placed team ranked above j's best-placed team
     * (rank = shapan_ranking order: a bankrupt team ranks below every live one) */
    int met[SHAPAN_TOURNAMENT_MAX_PROFILES];
    int above[SHAPAN_TOURNAMENT_MAX_PROFILES];
} ShapanTournamentStats;

/* Called after each game, before its world is destroyed.  seat_profile[s] is
 * the profile index of team s+1.  Return false to stop the tournament. */
typedef bool (*ShapanTournamentGame)(void *ctx, int game, uint64_t seed, const ShapanWorld *w,
                                     const ShapanTeamInfo *teams, const int *seat_profile);

typedef struct {
    const ShapanScenario *scenario;
    const ShapanController *profiles; /* nprofiles controllers (their names are ignored) */
    int nprofiles;
    int games, teams;
    uint64_t seed;     /* game g uses seed + g */
    long max_commands; /* per game */
    /* false (the default): every game gets a fresh order book generated from the
     * scenario's forecast for `teams` teams with the game's seed, as an instructor
     * makes one per competition; true: every game plays the scenario's own book */
    bool fixed_book;
    ShapanTournamentGame on_game; /* may be NULL */
    void *ctx;
} ShapanTournament;

/* Plays the games one after another and fills stats[0..nprofiles-1].  A game
 * that stalls stops the tournament: err->where names the game and its seed. */
ShapanErrorCode shapan_tournament_run(const ShapanTournament *t, ShapanTournamentStats *stats,
                                      ShapanError *err);

#endif
