#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardutil.h"
#include "playutil.h"

ShapanScenario *pu_scenario(const char *rel, int order_teams)
{
    char path[512];
    snprintf(path, sizeof path, "scenarios/%s", rel);
    ShapanScenario *sc = tu_load(path);
    if (order_teams > 0) {
        ShapanError e;
        if (shapan_generate_orders(sc, order_teams, 1, &e) != SHAPAN_OK)
            fail_msg("generate: %s: %s", e.where, e.message);
    }
    return sc;
}

ShapanProfile *pu_profile(const char *name)
{
    char rel[128];
    snprintf(rel, sizeof rel, "scenarios/rivals/%s.json", name);
    ShapanError e;
    memset(&e, 0, sizeof e);
    ShapanProfile *p = shapan_profile_load(tu_path(rel), &e);
    if (!p)
        fail_msg("%s: %s: %s: %s", rel, e.where, shapan_error_name(e.code), e.message);
    return p;
}

const char *const PU_PROFILES[NPROF] = {"expert", "aggressive", "balanced", "cautious", "idle"};

void pu_tournament(int rotate, int games, int teams, uint64_t seed, ShapanTournamentGame on_game,
                   void *ctx, ShapanTournamentStats *st)
{
    ShapanScenario *sc = pu_scenario("standard.json", 0);
    ShapanProfile *pr[NPROF];
    ShapanController ctrl[NPROF];
    memset(ctrl, 0, sizeof ctrl);
    for (int p = 0; p < NPROF; p++) {
        pr[p] = pu_profile(PU_PROFILES[(p + rotate) % NPROF]);
        ctrl[p].profile = pr[p];
    }
    ShapanTournament t = {.scenario = sc,
                          .profiles = ctrl,
                          .nprofiles = NPROF,
                          .games = games,
                          .teams = teams,
                          .seed = seed,
                          .max_commands = 5000000,
                          .on_game = on_game,
                          .ctx = ctx};
    ShapanError e;
    memset(&e, 0, sizeof e);
    ShapanErrorCode rc = shapan_tournament_run(&t, st, &e);
    for (int p = 0; p < NPROF; p++) /* before the verdict: a failure leaks nothing */
        shapan_profile_free(pr[p]);
    shapan_scenario_free(sc);
    if (rc != SHAPAN_OK)
        fail_msg("%s: %s: %s", e.where, shapan_error_name(e.code), e.message);
}

ShapanRecorder *pu_play(const ShapanScenario *sc, const char *profile, int nteams, uint64_t seed,
                        int max_commands)
{
    ShapanTeamInfo info[SHAPAN_MAX_TEAMS];
    memset(info, 0, sizeof info);
    for (int t = 0; t < nteams; t++) {
        snprintf(info[t].name, sizeof info[t].name, "队伍 %d", t + 1);
        snprintf(info[t].controller, sizeof info[t].controller, "ai:%s", profile);
    }
    ShapanError e;
    ShapanRecorder *r = shapan_recorder_create(sc, seed, nteams, info, &e);
    if (!r)
        fail_msg("recorder: %s: %s", e.where, e.message);
    const ShapanRival *rival = shapan_rival_find(profile);
    assert_non_null(rival);
    ShapanAi ais[SHAPAN_MAX_TEAMS];
    for (int t = 1; t <= nteams; t++)
        assert_true(
            shapan_ai_start(&ais[t - 1], rival, shapan_recorder_world(r), t, seed + (uint64_t)t));
    int played = 0;
    bool moved = true;
    while (moved && played < max_commands && !shapan_world_over(shapan_recorder_world(r))) {
        moved = false;
        for (int t = 1; t <= nteams && played < max_commands; t++) {
            ShapanCommand c;
            if (!shapan_ai_decide(&ais[t - 1], shapan_recorder_world(r), &c))
                continue;
            if (shapan_recorder_apply(r, &c, &e) == SHAPAN_OK) {
                moved = true;
                played++;
            }
        }
    }
    for (int t = 0; t < nteams; t++)
        shapan_ai_stop(&ais[t]);
    return r;
}

const char *pu_tmpdir(void)
{
    static char buf[64];
    snprintf(buf, sizeof buf, "/tmp/shapan-test-XXXXXX");
    if (!mkdtemp(buf))
        fail_msg("mkdtemp failed");
    return buf;
}

void pu_hash(const ShapanWorld *w, char out[17])
{
    snprintf(out, 17, "%016" PRIx64, shapan_world_hash(w));
}
