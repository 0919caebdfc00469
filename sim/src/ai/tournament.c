/* Tournaments (shapan/game.h): seeded all-rival games with the seats filled by
 * cycling the profile list, and the statistics the strength tests read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shapan/game.h"
#include "shapan/report.h"

int shapan_tournament_seat(int game, int seat, int nprofiles)
{
    return nprofiles > 0 ? (game % nprofiles + seat % nprofiles) % nprofiles : 0;
}

static void add_game(ShapanTournamentStats *stats, int np, const ShapanWorld *w,
                     const int *seat_profile)
{
    int order[SHAPAN_MAX_TEAMS];
    int n = shapan_ranking(w, order);
    int best[SHAPAN_TOURNAMENT_MAX_PROFILES];
    for (int p = 0; p < np; p++)
        best[p] = 0; /* 0 = not in this game */
    for (int i = 0; i < n; i++) {
        int t = order[i], p = seat_profile[t - 1], rank = i + 1;
        ShapanTournamentStats *s = &stats[p];
        s->seats++;
        s->rank[i]++;
        int64_t score = 0, potential = 0;
        if (shapan_view_bankrupt(w, t, NULL, NULL))
            s->bankrupt++;
        else if (shapan_team_score(w, t, &score, &potential))
            s->score_sum += score;
        if (!best[p] || rank < best[p])
            best[p] = rank;
    }
    for (int a = 0; a < np; a++) {
        if (!best[a])
            continue;
        stats[a].games++;
        for (int b = 0; b < np; b++) {
            if (b == a || !best[b])
                continue;
            stats[a].met[b]++;
            if (best[a] < best[b])
                stats[a].above[b]++;
        }
    }
}

ShapanErrorCode shapan_tournament_run(const ShapanTournament *t, ShapanTournamentStats *stats,
                                      ShapanError *err)
{
    int np = t->nprofiles;
    if (np < 1 || np > SHAPAN_TOURNAMENT_MAX_PROFILES)
        return shapan_error_set(err, SHAPAN_E_RANGE, "profiles", "Expected 1..%d profiles, got %d.",
                                SHAPAN_TOURNAMENT_MAX_PROFILES, np);
    if (t->teams < 1 || t->teams > SHAPAN_MAX_TEAMS)
        return shapan_error_set(err, SHAPAN_E_TEAM, "teams", "Expected 1..%d teams, got %d.",
                                SHAPAN_MAX_TEAMS, t->teams);
    memset(stats, 0, (size_t)np * sizeof *stats);
    for (int g = 0; g < t->games; g++) {
        ShapanController ctrl[SHAPAN_MAX_TEAMS];
        int seat_profile[SHAPAN_MAX_TEAMS];
        for (int s = 0; s < t->teams; s++) {
            seat_profile[s] = shapan_tournament_seat(g, s, np);
            ctrl[s] = t->profiles[seat_profile[s]];
            ctrl[s].name = NULL;
        }
        uint64_t seed = t->seed + (uint64_t)g;
        /* a private copy of the scenario whose order book is this game's */
        ShapanScenario book = *t->scenario;
        book.orders = NULL;
        book.norders = 0;
        book.order_index = NULL; /* the copy's own, built by the generator */
        book.norder_index = 0;
        const ShapanScenario *sc = t->scenario;
        if (!t->fixed_book) {
            if (shapan_generate_orders(&book, t->teams, seed, err) != SHAPAN_OK)
                return err ? err->code : SHAPAN_E_RANGE;
            sc = &book;
        }
        ShapanGame *game = shapan_game_create_unlogged(sc, seed, t->teams, ctrl, err);
        if (!game) {
            free(book.orders);
            free(book.order_index);
            return err ? err->code : SHAPAN_E_INTERNAL;
        }
        int human = 0;
        ShapanError e;
        memset(&e, 0, sizeof e);
        ShapanErrorCode rc = shapan_game_play(game, t->max_commands, &human, &e);
        if (rc == SHAPAN_OK && human)
            rc = shapan_error_set(&e, SHAPAN_E_WAIT, "", "Team %d is a human.", human);
        if (rc != SHAPAN_OK) {
            char where[sizeof e.where];
            snprintf(where, sizeof where, "game %d (seed %llu): %.80s", g, (unsigned long long)seed,
                     e.where);
            shapan_error_set(err, rc, where, "%s", e.message);
            shapan_game_destroy(game);
            free(book.orders);
            free(book.order_index);
            return rc;
        }
        const ShapanWorld *w = shapan_game_world(game);
        add_game(stats, np, w, seat_profile);
        bool go_on =
            !t->on_game || t->on_game(t->ctx, g, seed, w, shapan_game_teams(game), seat_profile);
        shapan_game_destroy(game);
        free(book.orders);
        free(book.order_index);
        if (!go_on)
            break;
    }
    return SHAPAN_OK;
}
