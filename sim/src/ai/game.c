/* The game runner (shapan/game.h): rivals play through the recorder, one command
 * per team per pass, in team order, so the log holds every command in the order
 * it was applied and a replay needs no rival. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ai/planner.h"
#include "shapan/game.h"

struct ShapanGame {
    ShapanRecorder *rec; /* NULL for an unlogged game, which owns `world` instead */
    ShapanWorld *world;
    int nteams;
    bool human[SHAPAN_MAX_TEAMS];
    ShapanAi ais[SHAPAN_MAX_TEAMS];
    PlanBook *book;                       /* lent to the planners (NULL: none plays) */
    char ctrl_name[SHAPAN_MAX_TEAMS][32]; /* profile or rival name, "" for a human */
    ShapanTeamInfo info[SHAPAN_MAX_TEAMS];
    ShapanGameObserver observer;
    void *observer_ctx;
    long commands;
};

uint64_t shapan_game_rival_seed(uint64_t game_seed, int team)
{
    /* splitmix64's finaliser over seed + team x golden gamma: nearby seeds and
     * teams give unrelated streams */
    uint64_t z = game_seed + (uint64_t)team * UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Writes at most max bytes of src and a NUL at dst (room for them assumed) and
 * returns the NUL's place: snprintf's "%.<max>s" without its formatting
 * machinery (three calls a team were an eighth of a 6-team game's setup). */
static char *put_at_most(char *dst, const char *src, int max)
{
    while (max-- > 0 && *src)
        *dst++ = *src++;
    *dst = '\0';
    return dst;
}

static void fill_info(ShapanGame *g, int t, const ShapanController *c)
{
    _Static_assert(sizeof g->info[0].name > 60 && sizeof g->info[0].controller > 3 + 24 &&
                       sizeof g->ctrl_name[0] > 24 && SHAPAN_MAX_TEAMS < 100,
                   "the names fit");
    ShapanTeamInfo *ti = &g->info[t - 1];
    const char *who = c->profile ? shapan_profile_name(c->profile) : c->rival ? c->rival->name : "";
    g->human[t - 1] = !c->profile && !c->rival;
    put_at_most(g->ctrl_name[t - 1], who, 24);
    if (c->name && c->name[0])
        put_at_most(ti->name, c->name, 60);
    else { /* "%.40s %d" */
        char *e = put_at_most(ti->name, g->human[t - 1] ? "Team" : who, 40);
        *e++ = ' ';
        if (t >= 10)
            *e++ = (char)('0' + t / 10);
        *e++ = (char)('0' + t % 10);
        *e = '\0';
    }
    put_at_most(put_at_most(ti->controller, g->human[t - 1] ? "" : "ai:", 3),
                g->human[t - 1] ? "human" : who, 24);
}

static ShapanGame *game_create(const ShapanScenario *sc, uint64_t seed, int nteams,
                               const ShapanController *ctrl, bool logged, ShapanError *err);

ShapanGame *shapan_game_create(const ShapanScenario *sc, uint64_t seed, int nteams,
                               const ShapanController *ctrl, ShapanError *err)
{
    return game_create(sc, seed, nteams, ctrl, true, err);
}

ShapanGame *shapan_game_create_unlogged(const ShapanScenario *sc, uint64_t seed, int nteams,
                                        const ShapanController *ctrl, ShapanError *err)
{
    return game_create(sc, seed, nteams, ctrl, false, err);
}

static ShapanGame *game_create(const ShapanScenario *sc, uint64_t seed, int nteams,
                               const ShapanController *ctrl, bool logged, ShapanError *err)
{
    if (nteams < 1 || nteams > SHAPAN_MAX_TEAMS) {
        shapan_error_set(err, SHAPAN_E_TEAM, "teams", "Expected 1..%d teams, got %d.",
                         SHAPAN_MAX_TEAMS, nteams);
        return NULL;
    }
    ShapanGame *g = calloc(1, sizeof *g);
    if (!g) {
        shapan_error_set(err, SHAPAN_E_INTERNAL, "", "Out of memory.");
        return NULL;
    }
    g->nteams = nteams;
    for (int t = 1; t <= nteams; t++)
        fill_info(g, t, &ctrl[t - 1]);
    if (logged) {
        g->rec = shapan_recorder_create(sc, seed, nteams, g->info, err);
        if (g->rec)
            g->world = shapan_recorder_world(g->rec);
    } else {
        g->world = shapan_world_create(sc, seed, nteams, err);
    }
    if (!g->world) {
        shapan_recorder_destroy(g->rec);
        free(g);
        return NULL;
    }
    for (int t = 1; t <= nteams && !logged; t++) /* a rival never undoes */
        if (!g->human[t - 1])
            shapan_world_set_undo(g->world, t, false);
    const ShapanWorld *w = g->world;
    for (int t = 1; t <= nteams; t++) {
        const ShapanController *c = &ctrl[t - 1];
        uint64_t rs = shapan_game_rival_seed(seed, t);
        bool ok = true;
        if (c->profile) {
            if (!g->book)
                g->book = plan_book_create(shapan_world_scenario(w));
            ok = g->book && plan_ai_start(&g->ais[t - 1], c->profile, w, t, rs, g->book);
        } else if (c->rival)
            ok = shapan_ai_start(&g->ais[t - 1], c->rival, w, t, rs);
        if (!ok) {
            shapan_error_set(err, SHAPAN_E_INTERNAL, "", "Team %d: the rival %s could not start.",
                             t, g->ctrl_name[t - 1]);
            shapan_game_destroy(g);
            return NULL;
        }
    }
    return g;
}

void shapan_game_destroy(ShapanGame *g)
{
    if (!g)
        return;
    for (int t = 0; t < g->nteams; t++)
        shapan_ai_stop(&g->ais[t]);
    plan_book_destroy(g->book); /* after the planners reading it */
    if (g->rec)
        shapan_recorder_destroy(g->rec);
    else
        shapan_world_destroy(g->world);
    free(g);
}

void shapan_game_observe(ShapanGame *g, ShapanGameObserver fn, void *ctx)
{
    g->observer = fn;
    g->observer_ctx = ctx;
}

ShapanRecorder *shapan_game_recorder(ShapanGame *g) { return g->rec; }
const ShapanWorld *shapan_game_world(const ShapanGame *g) { return g->world; }
const ShapanTeamInfo *shapan_game_teams(const ShapanGame *g) { return g->info; }
long shapan_game_commands(const ShapanGame *g) { return g->commands; }

bool shapan_game_is_human(const ShapanGame *g, int team)
{
    return team >= 1 && team <= g->nteams && g->human[team - 1];
}

/* A live team whose last year is not closed yet. */
static bool still_playing(const ShapanWorld *w, int t)
{
    return !shapan_view_bankrupt(w, t, NULL, NULL) &&
           shapan_team_closed_year(w, t) < shapan_world_scenario(w)->years;
}

static int waiting_human(const ShapanGame *g, const ShapanWorld *w)
{
    for (int t = 1; t <= g->nteams; t++)
        if (g->human[t - 1] && still_playing(w, t))
            return t;
    return 0;
}

static ShapanErrorCode deadlock(const ShapanGame *g, const ShapanWorld *w, int team,
                                const ShapanCommand *last, const ShapanError *why, ShapanError *err)
{
    if (!team)
        for (int t = 1; t <= g->nteams && !team; t++)
            if (still_playing(w, t))
                team = t;
    if (!team)
        return shapan_error_set(err, SHAPAN_E_WAIT, "game",
                                "No team can move, and the game is not over.");
    int y = 0, q = 0;
    ShapanStage st = SHAPAN_STAGE_YEAR_START;
    shapan_view_position(w, team, &y, &q, &st);
    char where[96];
    const char *name = g->info[team - 1].name;
    snprintf(where, sizeof where, "team %d (%.24s) at Y%dQ%d %s", team, g->ctrl_name[team - 1], y,
             q, shapan_stage_name(st));
    if (last)
        return shapan_error_set(err, SHAPAN_E_WAIT, where,
                                "No team can move: %.60s's last command, %s, was rejected: "
                                "%s: %.120s",
                                name, shapan_cmd_name(last->type), shapan_error_name(why->code),
                                why->message);
    return shapan_error_set(err, SHAPAN_E_WAIT, where,
                            "No team can move, and %.60s has nothing to do.", name);
}

ShapanErrorCode shapan_game_play(ShapanGame *g, long max_commands, int *human, ShapanError *err)
{
    ShapanWorld *w = g->world;
    long played = 0;
    if (human)
        *human = 0;
    while (!shapan_world_over(w)) {
        bool moved = false;
        int last_team = 0;
        ShapanCommand last;
        ShapanError why; /* read only with `last`: set with it (not zeroed per pass) */
        why.code = SHAPAN_OK;
        why.where[0] = why.message[0] = '\0';
        for (int t = 1; t <= g->nteams; t++) {
            if (g->human[t - 1])
                continue;
            ShapanCommand c;
            if (!shapan_ai_decide(&g->ais[t - 1], w, &c))
                continue;
            if (c.team != t)
                return shapan_error_set(err, SHAPAN_E_INTERNAL, "game",
                                        "The rival of team %d (%s) built a %s command for "
                                        "team %d.",
                                        t, g->ctrl_name[t - 1], shapan_cmd_name(c.type), c.team);
            ShapanError e;
            ShapanErrorCode rc =
                g->rec ? shapan_recorder_apply(g->rec, &c, &e) : shapan_cmd_apply(w, &c, &e);
            shapan_ai_feedback(&g->ais[t - 1], &c, rc);
            if (g->observer)
                g->observer(g->observer_ctx, t, &c, rc);
            if (rc != SHAPAN_OK) {
                last_team = t;
                last = c;
                why = e;
                continue;
            }
            moved = true;
            g->commands++;
            if (++played > max_commands)
                return shapan_error_set(err, SHAPAN_E_INTERNAL, "game",
                                        "More than %ld rival commands: a rival that never "
                                        "settles.",
                                        max_commands);
        }
        if (moved)
            continue;
        int h = waiting_human(g, w);
        if (h) {
            if (human)
                *human = h;
            return SHAPAN_OK;
        }
        return deadlock(g, w, last_team, last_team ? &last : NULL, &why, err);
    }
    return SHAPAN_OK;
}
