/* Private to the core: the world struct and the command context shared by the
 * domain modules (team/, turn/, finance/, market/). */
#ifndef SHAPAN_INTERNAL_H
#define SHAPAN_INTERNAL_H

#include "shapan/command.h"

#define SHAPAN_MAX_BID_GROUP 8
#define CTX_MAX_ENTRIES 640

#define JOURNAL_YEARS (SHAPAN_MAX_YEARS + 2) /* entries are booked in years 0..years+1 */

typedef struct {
    ShapanEntry *e;
    uint64_t *prefix; /* prefix[i]: digest of entries 0..i, so the state hash needs no walk */
    int n, cap;
    int mixed; /* entries whose prefix is computed: the hash extends it (journal_digest) */
    /* account balances per booking year, kept with the entries (statements read them;
     * shapan_world_verify recomputes them from the entries), their sum over the years,
     * and a year above which every row is zero: a balance up to a year is the total
     * less the few rows after it (journal_upto) */
    int64_t sums[JOURNAL_YEARS][SHAPAN_ACC_COUNT];
    int64_t total[SHAPAN_ACC_COUNT];
    int top;
} Journal;
/* Cuts the journal back to its first n entries (undo) and recomputes the sums. */
void journal_cut(Journal *j, int n);
/* The digest of every entry (0 for none).  It computes the prefixes appended since the
 * last call and keeps them: a world is hashed from one thread at a time, like every
 * other call on it; unhashed games (a tournament's) never compute them. */
uint64_t journal_digest(Journal *j);
/* +1 for debit-normal accounts, -1 for credit-normal ones (finance/ledger.c). */
extern const int8_t ledger_sign[SHAPAN_ACC_COUNT];
/* Adds one entry's debit and credit to a balance array (signs per account kind). */
static inline void ledger_add(int64_t out[SHAPAN_ACC_COUNT], const ShapanEntry *e)
{
    out[e->debit] += ledger_sign[e->debit] * e->amount;
    out[e->credit] -= ledger_sign[e->credit] * e->amount;
}
/* The journal's balances of the years up to `year` (none for a year below 0). */
void journal_upto(const Journal *j, int year, int64_t out[SHAPAN_ACC_COUNT]);
/* Digest of one more entry on top of the digest of the entries before it. */
uint64_t journal_mix(uint64_t prev, const ShapanEntry *e);

typedef struct {
    ShapanTeam *team; /* the board before the command, owned by the stack */
    int journal_len;
} UndoSnap;

typedef struct {
    UndoSnap *s;
    int n, cap;
} UndoStack;

typedef enum {
    MEET_NONE = 0, /* no meeting running */
    MEET_CELLS,    /* pick orders */
    MEET_BIDS      /* bid groups */
} MeetPhase;

/* Context of one team-local command: a scratch board and a buffer of ledger
 * entries.  Nothing reaches the world unless the command succeeds. */
typedef struct {
    const ShapanWorld *w;
    const ShapanScenario *sc;
    int ti;        /* 0-based team */
    ShapanTeam *t; /* the board being changed: a copy of the team's board (a pool board) */
    ShapanEntry buf[CTX_MAX_ENTRIES];
    int nbuf;
    int32_t seq;
    /* booking date and stage of the entries being made */
    int by, bq, bstage;
    ShapanError *err;
} Ctx;

/* Spare boards.  Boards move by pointer between the teams, the undo stacks and
 * the command scratch; the pool keeps the unused ones, so a command costs one
 * board copy and no allocation. */
typedef struct {
    ShapanTeam **free;
    int n, cap; /* cap >= made: giving a board back never allocates */
    int made;   /* boards this pool has allocated */
} BoardPool;

/* Bytes [off, off + len) of a board; board_span(BOARD_AT(cash), sizeof t->cash). */
typedef struct {
    uint16_t off, len;
} BoardSpan;
#define BOARD_AT(field) offsetof(ShapanTeam, field)
static inline BoardSpan board_span(size_t off, size_t bytes)
{
    return (BoardSpan){(uint16_t)off, (uint16_t)bytes};
}
/* The position, the counts and the cash: written by every step and command run in place. */
static inline BoardSpan board_head_span(void)
{
    return board_span(0, BOARD_AT(cash) + sizeof(((ShapanTeam *)0)->cash));
}
#define TURN_SPANS_MAX 3
/* Spans of one command run in place: a `next`'s (turn_next_spans) or, for a team
 * whose undo is off, a frequent command's (team_cmd_spans). */
#define CMD_SPANS_MAX 8
/* Room for the spans of one such command: a `next`'s (the position, counts and cash,
 * 32 bytes, and at most two spans of 64 bytes or less) or a team command's (at most
 * 256: eight rows of arrivals). */
#define BOARD_SAVE_MAX 256

/* The scratch of team commands, one per world, behind a pointer: shapan_cmd_check
 * (on a const world) runs there too.  An accepted check stays here (`valid`), so
 * that applying the same command for the same team at the same seq commits the
 * checked board instead of running the command again.
 *
 * A `next` whose step writes only a few spans of the board (turn_next_spans: every
 * step but into S1, the year's end and the next year's start) runs on the team's own board
 * instead of a copy: those spans are saved first and put back after a check (the
 * board is then as it was, byte for byte), and an accepted check keeps the spans'
 * new bytes for the apply (`in_place`).  So do the frequent commands of a team whose
 * undo is off (shapan_world_set_undo; team_cmd_spans): with no snapshot to keep, the
 * board they replace would only go back to the pool. */
typedef struct {
    BoardPool pool;
    ShapanTeam *board; /* the copy a team command ran on (owned here, or NULL) */
    Ctx ctx;           /* the last run: on `board`, or in place on the team's board */
    bool valid;        /* ctx holds the accepted check of `cmd` at `seq` */
    bool in_place;     /* valid: a run in place; `saved` holds the spans after it */
    int nspans;
    BoardSpan spans[CMD_SPANS_MAX];
    int32_t seq;       /* the world's seq when it was checked */
    ShapanCommand cmd; /* the checked command's key: the fields its type reads (command.c) */
    _Alignas(8) unsigned char saved[BOARD_SAVE_MAX];
} Scratch;

struct ShapanWorld {
    const ShapanScenario *sc;
    uint64_t seed;
    ShapanRng rng;
    int nteams;
    int32_t seq;                         /* seq of the next accepted command */
    ShapanTeam *teams[SHAPAN_MAX_TEAMS]; /* pool boards, NULL past nteams */
    Journal *journal; /* nteams of them, owned (2.4 KB each: not 30 for every game) */
    UndoStack undo[SHAPAN_MAX_TEAMS];
    ShapanTeam *spied[SHAPAN_MAX_TEAMS];   /* last paid look, owned */
    int8_t spied_target[SHAPAN_MAX_TEAMS]; /* 1-based, 0 none */
    int8_t order_owner[SHAPAN_MAX_ORDERS]; /* 1-based team, 0 none */
    int8_t order_state[SHAPAN_MAX_ORDERS];
    /* order meeting */
    int8_t ads_count[SHAPAN_MAX_YEARS + 2]; /* ads submitted per year, for ranks */
    int8_t meeting_done[SHAPAN_MAX_YEARS + 2];
    int meet_phase;
    int meet_year;
    int meet_live; /* live teams when the meeting started */
    /* the book's orders of the meeting year are all in [meet_lo, meet_hi) (a book sorted
     * by year holds no other there); derived at its start, so not hashed */
    int meet_lo, meet_hi;
    int bid_total; /* bid orders of the meeting year */
    int bid_next;  /* book index to continue the search for the next group */
    int bid_n;     /* orders in the open group */
    int bid_orders[SHAPAN_MAX_BID_GROUP];
    uint32_t bid_eligible[SHAPAN_MAX_BID_GROUP]; /* team bitmask */
    ShapanBid bids[SHAPAN_MAX_BID_GROUP][SHAPAN_MAX_TEAMS];
    ShapanCell cells[SHAPAN_MAX_MARKETS][SHAPAN_MAX_PRODUCTS];
    Scratch *scratch;               /* owned; not part of the state (never hashed or compared) */
    bool no_undo[SHAPAN_MAX_TEAMS]; /* the team's undo is off (shapan_world_set_undo) */
};

/* ---- ctx helpers (core/ctx.c) ---- */
/* A ctx for team ti running on `board` (the caller's: a copy of the team's
 * board, or a new one); an empty ledger buffer, the action's booking date. */
void ctx_init(Ctx *c, const ShapanWorld *w, int ti, ShapanTeam *board, ShapanError *err);
/* Date of an action taken now: at S6 the next quarter; before S1 quarter 1. */
void team_book_date(const ShapanTeam *t, int *year, int *quarter);
void ctx_date_action(Ctx *c);
void ctx_date_auto(Ctx *c, int year, int quarter, int stage);
int ctx_aq(const Ctx *c); /* absolute quarter of the booking date */
/* Posts an entry; amount may be any sign.  Returns SHAPAN_OK or E_CAPACITY. */
ShapanErrorCode ctx_post(Ctx *c, ShapanAccount debit, ShapanAccount credit, int64_t amount,
                         int detail);
/* Pays `amount` cash into account `to` (an expense or an asset); E_CASH names `what`. */
ShapanErrorCode ctx_pay(Ctx *c, ShapanAccount to, int64_t amount, int detail, const char *what);
/* Receives cash from account `from`. */
ShapanErrorCode ctx_receive(Ctx *c, ShapanAccount from, int64_t amount, int detail);
/* First absolute quarter whose receivables are still to be collected (slot 1). */
int team_first_collect_aq(const ShapanTeam *t);

/* ---- ledger (finance/ledger.c) ---- */
/* Account balances of a team's journal (+ extra entries), for entries with
 * year <= max_year; if only_year >= 0 only entries of that year. */
void ledger_sums(const ShapanEntry *e, int n, const ShapanEntry *extra, int nextra, int max_year,
                 int only_year, int64_t out[SHAPAN_ACC_COUNT]);
int64_t ledger_net(const int64_t sums[SHAPAN_ACC_COUNT]);
int64_t ledger_equity(const int64_t sums[SHAPAN_ACC_COUNT]); /* balances up to a year */
/* Equity of the board in ctx at the end of `year` (journal + buffer). */
int64_t ctx_equity_at(const Ctx *c, int year);
int64_t ctx_net_of_year(const Ctx *c, int year);

/* ---- team actions (team/): check+apply on the ctx ---- */
typedef ShapanErrorCode (*TeamHandler)(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_short_loan(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_long_loan(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_order_materials(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_buy_plant(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_rent_plant(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_build_line(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_invest_line(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_convert_line(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_sell_line(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_produce(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_deliver(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_develop_product(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_sell_plant(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_rent_to_buy(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_return_plant(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_develop_market(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_develop_iso(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_discount(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_discount_plant(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_emergency_buy(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_sell_inventory(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode team_spy(Ctx *c, const ShapanCommand *cmd);

/* ---- stages (turn/stages.c) ---- */
ShapanErrorCode turn_next(Ctx *c, const ShapanCommand *cmd);
ShapanErrorCode turn_end_quarter(Ctx *c, const ShapanCommand *cmd);
/* The spans of board t that a `next` from its position may write, when they are few:
 * the count (1..TURN_SPANS_MAX; every span 8, 32 or 64 bytes long), or
 * 0 for a step that may write more (into S1, the year's end, the next year's start).
 * A write of step() outside them is a bug that the builds with assertions report
 * (core/command.c compares with a run on a copy). */
int turn_next_spans(const ShapanTeam *t, BoardSpan spans[TURN_SPANS_MAX]);
/* The spans of board t that team command c (of a team whose undo is off) may write,
 * when they are few: the count (1..CMD_SPANS_MAX; each span 8, 32 or 64 bytes
 * long), or 0 for a command that runs on a copy.  Next to the handlers it describes
 * (team/common.c); a write outside them is reported by the builds with assertions. */
int team_cmd_spans(const ShapanWorld *w, const ShapanTeam *t, const ShapanCommand *c,
                   BoardSpan spans[CMD_SPANS_MAX]);
/* Runs the entry steps of year_start of c->t.year (tax, interest, principal). */
ShapanErrorCode turn_enter_year_start(Ctx *c);
/* Marks the board bankrupt at (year, quarter) and revokes its open orders. */
void turn_make_bankrupt(ShapanTeam *t, int year, int quarter);
/* The board has closed the scenario's last year (inline: every check asks). */
static inline bool team_finished(const ShapanWorld *w, const ShapanTeam *t)
{
    return t->closed_year >= w->sc->years;
}
int line_instalments(const ShapanLineType *lt);

/* ---- meeting (market/meeting.c) ---- */
ShapanErrorCode meet_check(const ShapanWorld *w, const ShapanCommand *cmd, ShapanError *err);
/* Applies an already-checked meeting command (ads/pick/pass/bid/decline).  For ads,
 * ads_ctx holds the payment's entries; its board is already the team's. */
void meet_apply(ShapanWorld *w, const ShapanCommand *cmd, const Ctx *ads_ctx);
/* Moves the meeting on as far as it can (start, close cells, open/resolve bid
 * groups, end).  Called after every accepted command, with its team (0-based). */
void meet_progress_any(ShapanWorld *w, int ti);
/* The same, inline for the common case: no meeting running and the command's team
 * live and not yet in the meeting (every team must be, for it to start). */
static inline void meet_progress(ShapanWorld *w, int ti)
{
    if (w->meet_phase == MEET_NONE && !w->teams[ti]->bankrupt &&
        w->teams[ti]->stage != SHAPAN_STAGE_MEETING)
        return;
    meet_progress_any(w, ti);
}
/* A team left the game: take it out of the meeting. */
void meet_drop_team(ShapanWorld *w, int ti);

/* ---- world internals (core/world.c, core/command.c) ---- */
void world_clear_undo(ShapanWorld *w, int ti); /* its boards go back to the pool */
void world_clear_all_undo(ShapanWorld *w);
ShapanErrorCode journal_append(Journal *j, const ShapanEntry *e, int n);

/* ---- boards (core/board.c) ---- */
/* Zeroes a board up to its lists (nothing reads a list past its count). */
void board_clear(ShapanTeam *b);
/* A board of the pool: one given back, or a new one zero up to its lists (the rest
 * undefined); NULL when out of memory. */
ShapanTeam *board_take(BoardPool *p);
/* Gives a board back to the pool it came from (NULL is ignored); never fails. */
void board_give(BoardPool *p, ShapanTeam *b);
/* Quarters past a board's own that a row of its arrivals or recv may be written for
 * (one for a command at S6, booked in the next quarter, + 4: the longest lead time,
 * receivable term and plant sale receivable; the loader and the bid check bound them). */
#define BOARD_AHEAD 5
/* *dst = *src for every purpose: the fields, the ads of the first nmarkets markets (in
 * the boards of a world whose scenario has that many the other rows are zero), the
 * used part of each list (plants, lines, loans, held orders) and the rows of arrivals
 * and recv from the earlier board's quarter to BOARD_AHEAD past the later one's.
 * Nothing reads a list past its count: an element is written whole when a list grows
 * (about 60% of the bytes of a board in play).  Every row outside that window is zero
 * in both boards: a board of a past quarter was emptied at its S2 and S4 and none is
 * written further ahead (asserted in builds with assertions; dst must be a board or
 * from board_take). */
void board_copy(ShapanTeam *dst, const ShapanTeam *src, int nmarkets);
/* Board b after it changed in place: b itself, or, in builds whose pool doesn't recycle
 * (ASan, -DPOOL_RECYCLES=0), a new copy of it, b freed, so that a board pointer kept
 * across an apply is still reported (b itself too when out of memory). */
ShapanTeam *board_moved(BoardPool *p, ShapanTeam *b);
#ifndef NDEBUG
/* a and b hold the same board: fields, rows and the used part of each list. */
bool board_same(const ShapanTeam *a, const ShapanTeam *b);
#endif
Scratch *scratch_create(void);    /* NULL when out of memory */
void scratch_destroy(Scratch *s); /* its board and every pool board */

#endif
