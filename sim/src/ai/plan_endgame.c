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

/* Worth it when the points gained outweigh what the equity loses:
 * equity x points > cost x (100 + potential). */
bool plan_raises_score(const View *v, int64_t points, int64_t cost)
{
    ShapanStatement st;
    shapan_statement(v->w, v->team, v->year, &st);
    int64_t eq = st.balance[SHAPAN_BAL_EQUITY];
    int64_t pot = shapan_team_potential(v->w, v->t);
    return eq > 0 && eq * points > cost * (100 + pot);
}

/* S3: a line that is ready at once (no install quarters), in a free slot; it costs
 * its maintenance at the year end (no depreciation in its first year). */
bool plan_gen_endgame_line(const View *v, ShapanCommand *c)
{
    const ShapanScenario *sc = v->sc;
    if (!plan_last_quarter(v))
        return false;
    int best = -1;
    for (int k = 0; k < sc->nline_types; k++) {
        const ShapanLineType *lt = &sc->line_types[k];
        if (lt->install_q == 0 && lt->points > 0 &&
            (best < 0 || lt->points * 1000 - lt->maintenance >
                             sc->line_types[best].points * 1000 - sc->line_types[best].maintenance))
            best = k;
    }
    if (best < 0 ||
        !plan_raises_score(v, sc->line_types[best].points, sc->line_types[best].maintenance) ||
        !plan_affordable(v, sc->line_types[best].total))
        return false;
    return plan_build_line_cmd(v, best, 0, c);
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
            plan_affordable(v, pt->buy)) {
            *c = shapan_cmd_simple(SHAPAN_CMD_RENT_TO_BUY, v->team);
            c->plant = k + 1;
            return true;
        }
    }
    for (int m = 0; m < sc->nmarkets; m++) {
        const ShapanCert *ce = &sc->markets[m];
        if (!t->market_held[m] && t->market_last_year[m] != v->year &&
            t->market_paid[m] == ce->years - 1 && plan_raises_score(v, ce->points, ce->fee) &&
            plan_affordable(v, ce->fee)) {
            *c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_MARKET, v->team);
            c->market = m;
            return true;
        }
    }
    for (int i = 0; i < sc->nisos; i++) {
        const ShapanCert *ce = &sc->isos[i];
        if (!t->iso_held[i] && t->iso_last_year[i] != v->year && t->iso_paid[i] == ce->years - 1 &&
            plan_raises_score(v, ce->points, ce->fee) && plan_affordable(v, ce->fee)) {
            *c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_ISO, v->team);
            c->iso = i;
            return true;
        }
    }
    for (int p = 0; p < sc->nproducts; p++) {
        const ShapanProduct *pr = &sc->products[p];
        if (!t->qualified[p] && t->rnd_last_aq[p] != v->aq &&
            t->rnd_paid[p] == pr->rnd_quarters - 1 &&
            plan_raises_score(v, pr->points, pr->rnd_fee) && plan_affordable(v, pr->rnd_fee)) {
            *c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_PRODUCT, v->team);
            c->product = p;
            return true;
        }
    }
    return false;
}
