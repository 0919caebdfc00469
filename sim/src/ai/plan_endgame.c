/* The planning rival's last quarter (profiles with "endgame"): the score is
 * half_up(equity x (100 + potential) / 100), so what turns cash into points
 * without costing equity (owned plants) or costing less than the points are worth
 * (a ready-at-once line, the last instalment of a certificate or of R&D) is bought
 * then; loans taken in the last year are never repaid within the game. */
#include <stdlib.h>
#include <string.h>

#include "ai/plan.h"

/* ---- the last quarter: score = half_up(equity x (100 + potential) / 100) ---------------- */

bool plan_last_quarter(const View *v)
{
    return v->pl->p->endgame && v->year == v->sc->years && v->quarter == 4;
}

/* Worth it when the points gained outweigh what the equity loses, at the equity
 * the year is to close with (its year-end maintenance and depreciation taken):
 * (equity - cost) x (100 + potential + points) > equity x (100 + potential). */
bool plan_raises_score(const View *v, int64_t points, int64_t cost)
{
    int64_t eq = plan_projected_equity(v);
    int64_t pot = shapan_team_potential(v->w, v->t);
    return eq > 0 && eq * points > cost * (100 + pot + points);
}

/* The ready-at-once line with the most points (cheapest upkeep on a tie), or -1. */
static int endgame_line_type(const ShapanScenario *sc)
{
    int best = -1;
    for (int k = 0; k < sc->nline_types; k++) {
        const ShapanLineType *lt = &sc->line_types[k];
        if (lt->install_q == 0 && lt->points > 0 &&
            (best < 0 || lt->points * 1000 - lt->maintenance >
                             sc->line_types[best].points * 1000 - sc->line_types[best].maintenance))
            best = k;
    }
    return best;
}

/* Cash free for the last quarter's buys: beyond what is due within the game (no
 * reserve: nothing after the last quarter needs one), and
 * beyond the rent-to-buys of S5 (a rented plant's points cost no new plant place)
 * that the cash and this quarter's collection will pay; one they won't pay keeps
 * nothing back, so the cash buys plants instead of lying idle at the end. */
static int64_t endgame_budget(const View *v)
{
    int64_t free = v->t->cash - plan_commitments(v);
    int64_t at_s5 = free + (v->stage < SHAPAN_STAGE_S4 ? v->t->recv[v->aq] : 0);
    for (int k = 0; k < v->t->nplants; k++) {
        const ShapanPlantType *pt = &v->sc->plant_types[v->t->plants[k].type];
        if (v->t->plants[k].status == SHAPAN_PLANT_RENTED && pt->points > 0 && at_s5 >= pt->buy) {
            free -= pt->buy;
            at_s5 -= pt->buy;
        }
    }
    return free;
}

typedef struct {
    int points;
    int64_t cost;
    int first; /* the plant type to buy first: the most points of the set */
} PlantSet;

/* The set of plants (most points, then least cost) that fits `left` more plant
 * places and `budget`, types from k on (each set is visited once). */
static void best_plants(const ShapanScenario *sc, int room[], int k, int left, int64_t budget,
                        PlantSet now, PlantSet *best)
{
    if (now.points > best->points || (now.points == best->points && now.cost < best->cost))
        *best = now;
    for (int j = k; j < sc->nplant_types && left > 0; j++) {
        const ShapanPlantType *pt = &sc->plant_types[j];
        if (room[j] <= 0 || pt->points <= 0 || pt->buy > budget)
            continue;
        PlantSet next = {now.points + pt->points, now.cost + pt->buy, now.first};
        if (next.first < 0 || pt->points > sc->plant_types[next.first].points)
            next.first = j;
        room[j]--;
        best_plants(sc, room, j, left - 1, budget - pt->buy, next, best);
        room[j]++;
    }
}

/* The plant type to buy now (equity unchanged: cash becomes a plant), or -1. */
static int endgame_plant(const View *v, int64_t budget)
{
    const ShapanScenario *sc = v->sc;
    int room[SHAPAN_MAX_PLANT_TYPES], left = sc->max_plants - plan_plants_held(v->t);
    for (int j = 0; j < sc->nplant_types; j++)
        room[j] = sc->plant_types[j].max_count;
    for (int i = 0; i < v->t->nplants; i++)
        if (v->t->plants[i].status != SHAPAN_PLANT_GONE)
            room[v->t->plants[i].type]--;
    PlantSet best = {0, 0, -1};
    best_plants(sc, room, 0, left, budget, best, &best);
    return best.first;
}

/* S3: a ready-at-once line in a free slot (it costs its maintenance at the year
 * end, no depreciation in its first year) while its points are worth more than
 * that and more per W than a plant's; then plants, the most points the cash buys. */
bool plan_gen_endgame_line(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    if (!plan_last_quarter(v))
        return false;
    int64_t budget = endgame_budget(v);
    int plant = endgame_plant(v, budget);
    int line = endgame_line_type(sc);
    if (line >= 0 && sc->line_types[line].total <= budget) {
        const ShapanLineType *lt = &sc->line_types[line];
        int64_t eq = plan_projected_equity(v);
        int64_t gain = eq * lt->points -
                       lt->maintenance * (100 + shapan_team_potential(v->w, v->t) + lt->points);
        const ShapanPlantType *pt = plant >= 0 ? &sc->plant_types[plant] : NULL;
        if (gain > 0 && (!pt || gain * pt->buy > eq * pt->points * lt->total) &&
            plan_build_line_cmd(v, line, 0, c))
            return true;
    }
    if (plant < 0)
        return false;
    shapan_cmd_init(c, SHAPAN_CMD_BUY_PLANT, v->team);
    c->kind = plant;
    return true;
}

/* S1 of the last quarter: every loan taken now falls due after the game, so it
 * costs nothing; borrow all the cap allows for the buys above. */
bool plan_gen_endgame_short(const View *v, ShapanCommand *c)
{
    if (!plan_last_quarter(v))
        return false;
    int64_t amount = plan_floor_loan(v, plan_loan_headroom_at(v, 100));
    if (amount < v->sc->fin.short_min)
        return false;
    shapan_cmd_init(c, SHAPAN_CMD_SHORT_LOAN, v->team);
    c->amount = amount;
    return true;
}

/* Affordable in the last quarter: what is due within the game stays covered, no
 * reserve kept past its end. */
static bool endgame_affordable(const View *v, int64_t cost)
{
    return v->t->cash >= plan_need_with(v, cost);
}

/* The first certificate (market or ISO) whose last instalment is due and worth
 * its points, and affordable; -1 if none. */
static int last_instalment(const View *v, const ShapanCert *certs, int n, const int8_t *held,
                           const int8_t *last_year, const int8_t *paid)
{
    for (int k = 0; k < n; k++) {
        const ShapanCert *ce = &certs[k];
        if (!held[k] && last_year[k] != v->year && paid[k] == ce->years - 1 &&
            plan_raises_score(v, ce->points, ce->fee) && endgame_affordable(v, ce->fee))
            return k;
    }
    return -1;
}

/* S5: rent-to-buy (cash becomes a plant: equity unchanged, its points count), and
 * the last instalment of a certificate or of R&D when its points are worth the fee. */
bool plan_gen_endgame_s5(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    const ShapanTeam *t = v->t;
    if (!plan_last_quarter(v))
        return false;
    for (int k = 0; k < t->nplants; k++) {
        const ShapanPlantType *pt = &sc->plant_types[t->plants[k].type];
        if (t->plants[k].status == SHAPAN_PLANT_RENTED && pt->points > 0 &&
            endgame_affordable(v, pt->buy)) {
            shapan_cmd_init(c, SHAPAN_CMD_RENT_TO_BUY, v->team);
            c->plant = k + 1;
            return true;
        }
    }
    int m = last_instalment(v, sc->markets, sc->nmarkets, t->market_held, t->market_last_year,
                            t->market_paid);
    if (m >= 0) {
        shapan_cmd_init(c, SHAPAN_CMD_DEVELOP_MARKET, v->team);
        c->market = m;
        return true;
    }
    int i = last_instalment(v, sc->isos, sc->nisos, t->iso_held, t->iso_last_year, t->iso_paid);
    if (i >= 0) {
        shapan_cmd_init(c, SHAPAN_CMD_DEVELOP_ISO, v->team);
        c->iso = i;
        return true;
    }
    for (int p = 0; p < sc->nproducts; p++) {
        const ShapanProduct *pr = &sc->products[p];
        if (!t->qualified[p] && t->rnd_last_aq[p] != v->aq &&
            t->rnd_paid[p] == pr->rnd_quarters - 1 &&
            plan_raises_score(v, pr->points, pr->rnd_fee) && endgame_affordable(v, pr->rnd_fee)) {
            shapan_cmd_init(c, SHAPAN_CMD_DEVELOP_PRODUCT, v->team);
            c->product = p;
            return true;
        }
    }
    return false;
}
