/* The order meeting (RULES.md §4) and the bid orders (§4b). */
#include <stdio.h>
#include <string.h>

#include "team/common.h"

static bool live(const ShapanWorld *w, int ti) { return !w->teams[ti]->bankrupt; }

static ShapanErrorCode err_team(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    if (c->team < 1 || c->team > w->nteams)
        return shapan_error_set(err, SHAPAN_E_TEAM, "team", "There is no team %d (1 to %d).",
                                c->team, w->nteams);
    return SHAPAN_OK;
}

/* ---- cells ------------------------------------------------------------------------ */

/* The orders still on offer in the closed cells of the meeting are gone: one pass
 * over the meeting year's part of the book for every cell closed by the same step. */
static void drop_unpicked(ShapanWorld *w)
{
    for (int i = w->meet_lo; i < w->meet_hi; i++) {
        const ShapanOrder *o = &w->sc->orders[i];
        if (o->year == w->meet_year && !o->bid && w->order_state[i] == SHAPAN_ORDER_FREE &&
            w->cells[o->market][o->product].done)
            w->order_state[i] = SHAPAN_ORDER_GONE;
    }
}

/* Moves the turn to the next ranked team with picks left (a new round wraps
 * around); closes the cell when nobody has picks or no order is left.  True when
 * it closed the cell with orders still on offer: the caller runs drop_unpicked. */
static bool cell_advance(ShapanWorld *w, int m, int p, bool acted)
{
    ShapanCell *cell = &w->cells[m][p];
    if (cell->done)
        return false;
    if (cell->left > 0) {
        int start = acted ? cell->turn + 1 : cell->turn;
        for (int k = 0; k < cell->nranked; k++) {
            int pos = (start + k) % cell->nranked;
            if (cell->picks[pos] > 0 && live(w, cell->ranked[pos])) {
                cell->turn = (int8_t)pos;
                return false;
            }
        }
    }
    cell->done = 1;
    return cell->left > 0; /* left counts the cell's orders still free */
}

/* Market leader: the live team with the highest delivered sales there last year
 * (> 0); a tie, or a top seller that defaulted there, means no leader. */
static int market_leader(const ShapanWorld *w, int m)
{
    if (!w->sc->meet.market_leader)
        return -1;
    int best = -1;
    int64_t top = 0;
    bool tie = false;
    for (int ti = 0; ti < w->nteams; ti++) {
        if (!live(w, ti))
            continue;
        int64_t s = w->teams[ti]->sales_prev[m];
        if (s > top) {
            top = s;
            best = ti;
            tie = false;
        } else if (s == top && s > 0) {
            tie = true;
        }
    }
    if (best < 0 || tie || w->teams[best]->defaulted_prev[m])
        return -1;
    return best;
}

static int64_t market_total_ad(const ShapanTeam *t, int m)
{
    int64_t s = 0;
    for (int p = 0; p < SHAPAN_MAX_PRODUCTS; p++)
        s += t->ads[m][p];
    return s;
}

/* true if team a ranks before team b in cell (m, p) */
static bool ranks_before(const ShapanWorld *w, int leader, int m, int p, int a, int b)
{
    const ShapanTeam *ta = w->teams[a], *tb = w->teams[b];
    if ((a == leader) != (b == leader))
        return a == leader;
    if (ta->ads[m][p] != tb->ads[m][p])
        return ta->ads[m][p] > tb->ads[m][p];
    int64_t xa = market_total_ad(ta, m), xb = market_total_ad(tb, m);
    if (xa != xb)
        return xa > xb;
    if (ta->sales_prev[m] != tb->sales_prev[m])
        return ta->sales_prev[m] > tb->sales_prev[m];
    return ta->ads_rank < tb->ads_rank;
}

static void start_meeting(ShapanWorld *w, int year)
{
    const ShapanScenario *sc = w->sc;
    w->meet_year = year;
    w->meet_phase = MEET_CELLS;
    w->meet_live = shapan_world_live_teams(w);
    w->bid_total = 0;
    w->bid_next = 0;
    w->bid_n = 0;
    for (int m = 0; m < SHAPAN_MAX_MARKETS; m++)
        for (int p = 0; p < SHAPAN_MAX_PRODUCTS; p++)
            memset(&w->cells[m][p], 0, sizeof w->cells[m][p]);
    w->meet_lo = sc->norders;
    w->meet_hi = 0;
    for (int i = 0; i < sc->norders; i++) {
        const ShapanOrder *o = &sc->orders[i];
        if (o->year == year) {
            w->meet_lo = i < w->meet_lo ? i : w->meet_lo;
            w->meet_hi = i + 1;
        }
        if (o->year == year && o->bid)
            w->bid_total++;
        else if (o->year == year && w->order_state[i] == SHAPAN_ORDER_FREE)
            w->cells[o->market][o->product].left++;
    }
    bool gone = false;
    for (int m = 0; m < sc->nmarkets; m++) {
        int leader = market_leader(w, m);
        for (int p = 0; p < sc->nproducts; p++) {
            ShapanCell *cell = &w->cells[m][p];
            for (int ti = 0; ti < w->nteams; ti++) {
                if (!live(w, ti) || w->teams[ti]->ads[m][p] < sc->meet.min_ad)
                    continue;
                /* insertion sort by the ranking keys */
                int pos = cell->nranked++;
                while (pos > 0 && ranks_before(w, leader, m, p, ti, cell->ranked[pos - 1])) {
                    cell->ranked[pos] = cell->ranked[pos - 1];
                    pos--;
                }
                cell->ranked[pos] = (int8_t)ti;
            }
            for (int k = 0; k < cell->nranked; k++) {
                int64_t ad = w->teams[cell->ranked[k]]->ads[m][p];
                int64_t picks = 1 + (ad - sc->meet.min_ad) / sc->meet.pick_step;
                cell->picks[k] = (int8_t)(picks > 100 ? 100 : picks);
            }
            cell->turn = 0;
            gone |= cell_advance(w, m, p, false);
        }
    }
    if (gone)
        drop_unpicked(w);
}

/* ---- bid groups ------------------------------------------------------------------- */

static int64_t bid_limit(const ShapanWorld *w)
{
    if (w->meet_live <= 0)
        return 0;
    return shapan_div_half_up(w->sc->meet.bid_cap.num * w->bid_total,
                              w->sc->meet.bid_cap.den * w->meet_live);
}

static bool team_may_bid(const ShapanWorld *w, int ti, const ShapanOrder *o)
{
    const ShapanTeam *t = w->teams[ti];
    if (!live(w, ti) || !t->market_held[o->market])
        return false;
    for (int i = 0; i < w->sc->nisos; i++)
        if ((o->iso_mask & (1u << i)) && !t->iso_held[i])
            return false;
    return t->bid_wins <= bid_limit(w);
}

static void open_next_group(ShapanWorld *w)
{
    const ShapanScenario *sc = w->sc;
    w->bid_n = 0;
    while (w->bid_next < sc->norders && w->bid_n < sc->meet.group_size &&
           w->bid_n < SHAPAN_MAX_BID_GROUP) {
        int i = w->bid_next++;
        const ShapanOrder *o = &sc->orders[i];
        if (o->year != w->meet_year || !o->bid)
            continue;
        int g = w->bid_n++;
        w->bid_orders[g] = i;
        w->bid_eligible[g] = 0;
        memset(w->bids[g], 0, sizeof w->bids[g]);
        for (int ti = 0; ti < w->nteams; ti++)
            if (team_may_bid(w, ti, o))
                w->bid_eligible[g] |= 1u << ti;
    }
}

static bool group_complete(const ShapanWorld *w)
{
    for (int g = 0; g < w->bid_n; g++)
        for (int ti = 0; ti < w->nteams; ti++)
            if ((w->bid_eligible[g] & (1u << ti)) && w->bids[g][ti].state == 0)
                return false;
    return true;
}

/* score x (direct cost x qty), exact: base, delivery and term terms scaled, minus 8 x price */
static int64_t bid_score_scaled(const ShapanScenario *sc, const ShapanOrder *o, const ShapanBid *b)
{
    const ShapanMeetingRules *r = &sc->meet;
    int64_t d = sc->products[o->product].direct_cost * o->qty;
    int64_t fixed = r->score_base +
                    (r->score_delivery_base - b->delivery) * r->score_delivery_weight +
                    b->term * r->score_term_weight;
    return fixed * d - r->score_price_weight * b->price;
}

/* A new held order goes in book order, not in the order it was won: cells are
 * independent (RULES.md §4), so interleaving picks of different cells must give
 * the same board (and hash). */
static ShapanHeld *held_insert(ShapanTeam *t, int order)
{
    int k = t->nheld++;
    while (k > 0 && t->held[k - 1].order > order) {
        t->held[k] = t->held[k - 1];
        k--;
    }
    t->held[k] = (ShapanHeld){0};
    return &t->held[k];
}

static void award(ShapanWorld *w, int order, int ti, const ShapanBid *b)
{
    ShapanTeam *t = w->teams[ti];
    int y, q;
    team_book_date(t, &y, &q);
    ShapanEntry e = {0};
    e.year = (int16_t)y;
    e.quarter = (int8_t)q;
    e.stage = t->stage;
    e.debit = SHAPAN_ACC_ADS;
    e.credit = SHAPAN_ACC_CASH;
    e.detail = (int16_t)order;
    e.seq = w->seq;
    e.amount = w->sc->meet.bid_fee;
    journal_append(&w->journal[ti], &e, 1);
    t->cash -= w->sc->meet.bid_fee;
    ShapanHeld *h = held_insert(t, order);
    h->order = order;
    h->status = SHAPAN_HELD_OPEN;
    h->delivery = b->delivery;
    h->term = b->term;
    h->price = b->price;
    t->bid_wins++;
    w->order_owner[order] = (int8_t)(ti + 1);
    w->order_state[order] = SHAPAN_ORDER_TAKEN;
}

static void resolve_group(ShapanWorld *w)
{
    const ShapanScenario *sc = w->sc;
    for (int g = 0; g < w->bid_n; g++) {
        int order = w->bid_orders[g];
        const ShapanOrder *o = &sc->orders[order];
        bool used[SHAPAN_MAX_TEAMS] = {false};
        bool done = false;
        while (!done) {
            int best = -1;
            int64_t best_score = 0;
            for (int ti = 0; ti < w->nteams; ti++) {
                const ShapanBid *b = &w->bids[g][ti];
                if (used[ti] || b->state != 1 || !live(w, ti))
                    continue;
                int64_t s = bid_score_scaled(sc, o, b);
                if (best < 0 || s > best_score ||
                    (s == best_score && b->seq < w->bids[g][best].seq)) {
                    best = ti;
                    best_score = s;
                }
            }
            if (best < 0) {
                w->order_state[order] = SHAPAN_ORDER_GONE;
                done = true;
            } else if (w->teams[best]->cash >= sc->meet.bid_fee &&
                       w->teams[best]->nheld < SHAPAN_MAX_HELD) {
                award(w, order, best, &w->bids[g][best]);
                done = true;
            } else {
                used[best] = true;
            }
        }
    }
    w->bid_n = 0;
    world_clear_all_undo(w);
}

static void end_meeting(ShapanWorld *w)
{
    w->meet_phase = MEET_NONE;
    w->meeting_done[w->meet_year] = 1;
    for (int ti = 0; ti < w->nteams; ti++)
        if (live(w, ti) && w->teams[ti]->stage == SHAPAN_STAGE_MEETING)
            w->teams[ti]->stage = SHAPAN_STAGE_LONG_LOAN;
    world_clear_all_undo(w);
}

void meet_progress_any(ShapanWorld *w, int ti)
{
    const ShapanScenario *sc = w->sc;
    if (w->meet_phase == MEET_NONE) {
        /* the meeting starts when every live team has submitted its ads; most
         * commands are of a live team that hasn't (the loop would stop at it) */
        if (live(w, ti) && w->teams[ti]->stage != SHAPAN_STAGE_MEETING)
            return;
        int year = -1;
        for (int k = 0; k < w->nteams; k++) {
            if (!live(w, k))
                continue;
            const ShapanTeam *t = w->teams[k];
            if (t->stage != SHAPAN_STAGE_MEETING || (year >= 0 && t->year != year))
                return;
            year = t->year;
        }
        if (year < 0 || w->meeting_done[year])
            return;
        start_meeting(w, year);
    }
    for (;;) {
        if (w->meet_phase == MEET_CELLS) {
            for (int m = 0; m < sc->nmarkets; m++)
                for (int p = 0; p < sc->nproducts; p++)
                    if (!w->cells[m][p].done)
                        return;
            w->meet_phase = MEET_BIDS;
            open_next_group(w);
        }
        if (w->meet_phase != MEET_BIDS)
            return;
        if (w->bid_n > 0 && !group_complete(w))
            return;
        if (w->bid_n > 0)
            resolve_group(w);
        open_next_group(w);
        if (w->bid_n == 0) {
            end_meeting(w);
            return;
        }
    }
}

void meet_drop_team(ShapanWorld *w, int ti)
{
    if (w->meet_phase == MEET_CELLS) {
        bool gone = false;
        for (int m = 0; m < w->sc->nmarkets; m++)
            for (int p = 0; p < w->sc->nproducts; p++) {
                ShapanCell *cell = &w->cells[m][p];
                for (int k = 0; k < cell->nranked; k++)
                    if (cell->ranked[k] == ti)
                        cell->picks[k] = 0;
                gone |= cell_advance(w, m, p, false);
            }
        if (gone)
            drop_unpicked(w);
    }
    for (int g = 0; g < w->bid_n; g++) {
        w->bid_eligible[g] &= ~(1u << ti);
        w->bids[g][ti].state = 0;
    }
}

/* ---- commands --------------------------------------------------------------------- */

static int cell_rank_pos(const ShapanCell *cell, int ti)
{
    for (int k = 0; k < cell->nranked; k++)
        if (cell->ranked[k] == ti)
            return k;
    return -1;
}

static ShapanErrorCode check_turn(const ShapanWorld *w, int ti, int m, int p, ShapanError *err)
{
    if (w->meet_phase != MEET_CELLS || w->teams[ti]->stage != SHAPAN_STAGE_MEETING)
        return shapan_error_set(
            err, SHAPAN_E_STAGE, "cmd",
            "Picks and passes are made while the order meeting's cells are open.");
    const ShapanCell *cell = &w->cells[m][p];
    if (cell->done)
        return shapan_error_set(err, SHAPAN_E_STATE, "market", "The cell %s/%s is closed.",
                                w->sc->markets[m].id, w->sc->products[p].id);
    if (cell_rank_pos(cell, ti) < 0)
        return shapan_error_set(err, SHAPAN_E_NOT_YOUR_TURN, "team",
                                "Team %d is not ranked in %s/%s (its ad is below %lld).", ti + 1,
                                w->sc->markets[m].id, w->sc->products[p].id,
                                (long long)w->sc->meet.min_ad);
    if (cell->ranked[cell->turn] != ti)
        return shapan_error_set(
            err, SHAPAN_E_NOT_YOUR_TURN, "team", "It is team %d's turn in %s/%s, not team %d's.",
            cell->ranked[cell->turn] + 1, w->sc->markets[m].id, w->sc->products[p].id, ti + 1);
    return SHAPAN_OK;
}

/* "bids[i]", the field of an error: formatted only when there is one. */
static const char *bid_where(char *buf, size_t n, int i)
{
    snprintf(buf, n, "bids[%d]", i);
    return buf;
}

static ShapanErrorCode check_ads(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    const ShapanScenario *sc = w->sc;
    const ShapanTeam *t = w->teams[c->team - 1];
    if (t->stage != SHAPAN_STAGE_YEAR_START || !sc->meeting_year[t->year])
        return shapan_error_set(err, SHAPAN_E_STAGE, "cmd",
                                "Ads are submitted at the start of a year with an order meeting.");
    bool seen[SHAPAN_MAX_MARKETS][SHAPAN_MAX_PRODUCTS] = {{false}};
    int64_t total = 0;
    char where[48];
    for (int i = 0; i < c->nbids; i++) {
        const ShapanAdBid *b = &c->bids[i];
        if (b->market < 0 || b->market >= sc->nmarkets || b->product < 0 ||
            b->product >= sc->nproducts)
            return shapan_error_set(err, SHAPAN_E_UNKNOWN_ID, bid_where(where, sizeof where, i),
                                    "Unknown market or product.");
        if (b->amount < 0 || b->amount > 1000000)
            return shapan_error_set(err, SHAPAN_E_AMOUNT, bid_where(where, sizeof where, i),
                                    "An ad is 0 to 1000000 W.");
        if (seen[b->market][b->product])
            return shapan_error_set(err, SHAPAN_E_RANGE, bid_where(where, sizeof where, i),
                                    "Cell %s/%s is named twice.", sc->markets[b->market].id,
                                    sc->products[b->product].id);
        seen[b->market][b->product] = true;
        if (b->amount > 0 && !t->market_held[b->market])
            return shapan_error_set(err, SHAPAN_E_NO_CERT, bid_where(where, sizeof where, i),
                                    "Team %d holds no %s market certificate.", c->team,
                                    sc->markets[b->market].id);
        total += b->amount;
    }
    if (total > t->cash)
        return shapan_error_set(err, SHAPAN_E_CASH, "bids",
                                "The ads cost %lld W; team %d has %lld W.", (long long)total,
                                c->team, (long long)t->cash);
    return SHAPAN_OK;
}

static ShapanErrorCode check_pick(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    const ShapanScenario *sc = w->sc;
    int ti = c->team - 1;
    if (c->order < 0 || c->order >= sc->norders)
        return shapan_error_set(err, SHAPAN_E_UNKNOWN_ID, "order", "Unknown order.");
    if (w->meet_phase != MEET_CELLS || w->teams[ti]->stage != SHAPAN_STAGE_MEETING)
        return shapan_error_set(
            err, SHAPAN_E_STAGE, "cmd",
            "Picks and passes are made while the order meeting's cells are open.");
    const ShapanOrder *o = &sc->orders[c->order];
    if (o->bid || o->year != w->meet_year || w->order_state[c->order] != SHAPAN_ORDER_FREE)
        return shapan_error_set(err, SHAPAN_E_STATE, "order",
                                "Order %s is not on offer in this meeting.", o->id);
    ShapanErrorCode rc = check_turn(w, ti, o->market, o->product, err);
    if (rc)
        return rc;
    const ShapanTeam *t = w->teams[ti];
    if (!t->qualified[o->product])
        return shapan_error_set(err, SHAPAN_E_NOT_QUALIFIED, "order",
                                "Team %d is not qualified to make %s.", c->team,
                                sc->products[o->product].id);
    for (int i = 0; i < sc->nisos; i++)
        if ((o->iso_mask & (1u << i)) && !t->iso_held[i])
            return shapan_error_set(err, SHAPAN_E_NO_CERT, "order", "Order %s needs %s.", o->id,
                                    sc->isos[i].id);
    if (t->nheld >= SHAPAN_MAX_HELD)
        return shapan_error_set(err, SHAPAN_E_CAPACITY, "order",
                                "A team can hold at most %d orders a year.", SHAPAN_MAX_HELD);
    return SHAPAN_OK;
}

static int group_index(const ShapanWorld *w, int order)
{
    for (int g = 0; g < w->bid_n; g++)
        if (w->bid_orders[g] == order)
            return g;
    return -1;
}

static ShapanErrorCode check_bid(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    const ShapanScenario *sc = w->sc;
    int ti = c->team - 1;
    if (c->order < 0 || c->order >= sc->norders)
        return shapan_error_set(err, SHAPAN_E_UNKNOWN_ID, "order", "Unknown order.");
    int g = w->meet_phase == MEET_BIDS ? group_index(w, c->order) : -1;
    if (g < 0)
        return shapan_error_set(err, SHAPAN_E_STAGE, "order",
                                "Order %s is not in the open bid group.", sc->orders[c->order].id);
    if (!(w->bid_eligible[g] & (1u << ti)))
        return shapan_error_set(err, SHAPAN_E_NO_CERT, "team",
                                "Team %d may not bid on %s (certificates or win limit).", c->team,
                                sc->orders[c->order].id);
    if (w->bids[g][ti].state != 0)
        return shapan_error_set(err, SHAPAN_E_ONCE, "order", "Team %d already answered on %s.",
                                c->team, sc->orders[c->order].id);
    if (c->type == SHAPAN_CMD_DECLINE)
        return SHAPAN_OK;
    const ShapanOrder *o = &sc->orders[c->order];
    int64_t base = sc->products[o->product].direct_cost * o->qty;
    int64_t max = shapan_floor(base, sc->meet.bid_max);
    if (c->price < base || c->price > max)
        return shapan_error_set(err, SHAPAN_E_AMOUNT, "price",
                                "A bid on %s is %lld to %lld W; got %lld.", o->id, (long long)base,
                                (long long)max, (long long)c->price);
    if (c->delivery < 1 || c->delivery > 4)
        return shapan_error_set(err, SHAPAN_E_RANGE, "delivery", "Delivery is quarter 1 to 4.");
    if (c->term < 0 || c->term > 4)
        return shapan_error_set(err, SHAPAN_E_RANGE, "term", "The receivable term is 0 to 4.");
    int open = 0;
    for (int k = 0; k < w->bid_n; k++)
        if (w->bids[k][ti].state == 1)
            open++;
    if (w->teams[ti]->cash < sc->meet.bid_fee * (open + 1))
        return shapan_error_set(
            err, SHAPAN_E_CASH, "price",
            "Each open bid needs %lld W in cash for its fee; team %d has %lld W.",
            (long long)sc->meet.bid_fee, c->team, (long long)w->teams[ti]->cash);
    return SHAPAN_OK;
}

ShapanErrorCode meet_check(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err)
{
    ShapanErrorCode rc = err_team(w, c, err);
    if (rc)
        return rc;
    const ShapanScenario *sc = w->sc;
    switch (c->type) {
    case SHAPAN_CMD_ADS: return check_ads(w, c, err);
    case SHAPAN_CMD_PICK: return check_pick(w, c, err);
    case SHAPAN_CMD_PASS:
        if (c->market < 0 || c->market >= sc->nmarkets || c->product < 0 ||
            c->product >= sc->nproducts)
            return shapan_error_set(err, SHAPAN_E_UNKNOWN_ID, "market",
                                    "Unknown market or product.");
        return check_turn(w, c->team - 1, c->market, c->product, err);
    case SHAPAN_CMD_BID:
    case SHAPAN_CMD_DECLINE: return check_bid(w, c, err);
    default: return shapan_error_set(err, SHAPAN_E_INTERNAL, "cmd", "Not a meeting command.");
    }
}

void meet_apply(ShapanWorld *w, const ShapanCommand *c, const Ctx *ads_ctx)
{
    int ti = c->team - 1;
    ShapanTeam *t = w->teams[ti];
    switch (c->type) {
    case SHAPAN_CMD_ADS:
        /* the ads' payment was made on the scratch board, already the team's */
        journal_append(&w->journal[ti], ads_ctx->buf, ads_ctx->nbuf);
        for (int i = 0; i < c->nbids; i++)
            t->ads[c->bids[i].market][c->bids[i].product] = c->bids[i].amount;
        t->ads_rank = (int8_t)++w->ads_count[t->year];
        t->stage = SHAPAN_STAGE_MEETING;
        world_clear_undo(w, ti);
        break;
    case SHAPAN_CMD_PICK: {
        const ShapanOrder *o = &w->sc->orders[c->order];
        ShapanCell *cell = &w->cells[o->market][o->product];
        ShapanHeld *h = held_insert(t, c->order);
        h->order = c->order;
        h->status = SHAPAN_HELD_OPEN;
        h->delivery = (int8_t)o->delivery;
        h->term = (int8_t)o->term;
        h->price = o->price;
        w->order_owner[c->order] = (int8_t)(ti + 1);
        w->order_state[c->order] = SHAPAN_ORDER_TAKEN;
        cell->left--;
        cell->picks[cell->turn]--;
        if (cell_advance(w, o->market, o->product, true))
            drop_unpicked(w);
        world_clear_undo(w, ti);
        break;
    }
    case SHAPAN_CMD_PASS: {
        ShapanCell *cell = &w->cells[c->market][c->product];
        cell->picks[cell->turn] = 0;
        if (cell_advance(w, c->market, c->product, true))
            drop_unpicked(w);
        world_clear_undo(w, ti);
        break;
    }
    case SHAPAN_CMD_BID:
    case SHAPAN_CMD_DECLINE: {
        int g = group_index(w, c->order);
        ShapanBid *b = &w->bids[g][ti];
        b->state = c->type == SHAPAN_CMD_BID ? 1 : 2;
        b->seq = w->seq;
        b->price = c->price;
        b->delivery = (int8_t)c->delivery;
        b->term = (int8_t)c->term;
        world_clear_undo(w, ti);
        break;
    }
    default: break;
    }
}
