/* The idle rival: the minimum player.  It never builds, borrows or sells; it
 * only keeps the game moving — empty ads, passing its meeting turns,
 * declining bid orders, and ending quarters (conceding when it can't pay to
 * move on).  Other profiles start from here. */
#include <stdlib.h>

#include "ai/rivals.h"

/* A meeting turn of ours, or a bid order we must answer: pass or decline it. */
static bool idle_meeting(const ShapanWorld *w, int team, ShapanCommand *out)
{
    const ShapanScenario *sc = shapan_world_scenario(w);
    for (int m = 0; m < sc->nmarkets; m++)
        for (int p = 0; p < sc->nproducts; p++)
            if (shapan_meeting_turn(w, m, p) == team) {
                shapan_cmd_init(out, SHAPAN_CMD_PASS, team);
                out->market = m;
                out->product = p;
                return true;
            }
    int orders[64];
    int n = shapan_meeting_bid_group(w, orders, 64);
    for (int i = 0; i < n; i++)
        if (shapan_meeting_bid_pending(w, team, orders[i])) {
            shapan_cmd_init(out, SHAPAN_CMD_DECLINE, team);
            out->order = orders[i];
            return true;
        }
    return false;
}

/* Moves on with `type`; a move refused for lack of cash can never succeed for a
 * team that raises none, so the idle rival concedes instead of blocking the game. */
static bool idle_move(const ShapanWorld *w, int team, ShapanCmdType type, ShapanCommand *out)
{
    shapan_cmd_init(out, type, team);
    ShapanError e;
    if (shapan_cmd_check(w, out, &e) == SHAPAN_E_CASH)
        shapan_cmd_init(out, SHAPAN_CMD_CONCEDE, team);
    return true;
}

static bool idle_decide(void *st, const ShapanWorld *w, int team, ShapanCommand *out)
{
    (void)st;
    if (shapan_world_over(w))
        return false;
    int year = 0, quarter = 0;
    if (shapan_view_bankrupt(w, team, &year, &quarter))
        return false;
    const ShapanScenario *sc = shapan_world_scenario(w);
    const ShapanTeam *own = shapan_view_own(w, team);
    ShapanStage stage = SHAPAN_STAGE_YEAR_START;
    shapan_view_position(w, team, &year, &quarter, &stage);
    bool meeting_year = year >= 1 && year <= SHAPAN_MAX_YEARS && sc->meeting_year[year];

    /* the meeting may be running while we still wait at year start or meeting */
    if (shapan_meeting_open(w) && idle_meeting(w, team, out))
        return true;
    switch (stage) {
    case SHAPAN_STAGE_YEAR_START:
        if (meeting_year) {
            if (own && own->ads_rank != 0)
                return false;                           /* ads in: waiting for the others */
            shapan_cmd_init(out, SHAPAN_CMD_ADS, team); /* nbids 0 */
            return true;
        }
        return idle_move(w, team, SHAPAN_CMD_END_QUARTER, out);
    case SHAPAN_STAGE_MEETING: return false; /* nothing of ours is open in the meeting */
    case SHAPAN_STAGE_S6:
        if (shapan_team_closed_year(w, team) >= sc->years)
            return false; /* our game is over */
        return idle_move(w, team, quarter >= 4 ? SHAPAN_CMD_NEXT : SHAPAN_CMD_END_QUARTER, out);
    default: /* long-loan window, S1..S5 */ return idle_move(w, team, SHAPAN_CMD_END_QUARTER, out);
    }
}

const ShapanRival shapan_rival_idle = {
    "idle",      "does nothing: empty ads, passes every pick, declines every bid, ends quarters",
    NULL,        NULL,
    idle_decide, NULL,
};
