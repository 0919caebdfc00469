/* The world: every team's board, the order meeting, the ledger.  All mutable
 * game state lives here; it changes only through shapan_cmd_apply (command.h).
 * The front end and rivals read it through the const views below. */
#ifndef SHAPAN_WORLD_H
#define SHAPAN_WORLD_H

#include "shapan/scenario.h"

/* Ledger accounts (every entry a debit and a credit).  Every movement is one ShapanEntry that
 * debits one account and credits another; statements are sums of entries. */
typedef enum {
    /* assets */
    SHAPAN_ACC_CASH = 0,
    SHAPAN_ACC_RECEIVABLES,
    SHAPAN_ACC_WIP,
    SHAPAN_ACC_FINISHED,
    SHAPAN_ACC_MATERIALS,
    SHAPAN_ACC_PLANTS,
    SHAPAN_ACC_MACHINERY,
    SHAPAN_ACC_CONSTRUCTION,
    /* liabilities */
    SHAPAN_ACC_LONG_LOANS,
    SHAPAN_ACC_SHORT_LOANS,
    SHAPAN_ACC_SPECIAL_LOANS,
    SHAPAN_ACC_TAX_PAYABLE,
    /* equity */
    SHAPAN_ACC_CAPITAL,
    SHAPAN_ACC_RETAINED,
    /* income statement */
    SHAPAN_ACC_REVENUE,
    SHAPAN_ACC_DIRECT_COST,
    SHAPAN_ACC_ADMIN,
    SHAPAN_ACC_ADS,
    SHAPAN_ACC_MAINTENANCE,
    SHAPAN_ACC_LOSS,
    SHAPAN_ACC_CONVERSION,
    SHAPAN_ACC_RENT,
    SHAPAN_ACC_MARKET_DEV,
    SHAPAN_ACC_RND,
    SHAPAN_ACC_ISO,
    SHAPAN_ACC_INFO,
    SHAPAN_ACC_DEPRECIATION,
    SHAPAN_ACC_FINANCE,
    SHAPAN_ACC_TAX,
    /* opening balances only: nets to zero */
    SHAPAN_ACC_OPENING,
    SHAPAN_ACC_COUNT
} ShapanAccount;
const char *shapan_account_name(ShapanAccount a); /* "cash", "admin", ... */

typedef struct {
    int16_t year; /* the year it is booked in (0 = opening) */
    int8_t quarter;
    int8_t stage;          /* ShapanStage at which it happened */
    uint8_t debit, credit; /* ShapanAccount */
    int16_t detail;        /* item, market, product, line ... or -1 */
    int32_t seq;           /* the command (log seq) that caused it; 0 = opening */
    int64_t amount;        /* may be negative (a leased line's residual) */
} ShapanEntry;

typedef enum { SHAPAN_PLANT_OWNED = 0, SHAPAN_PLANT_RENTED, SHAPAN_PLANT_GONE } ShapanPlantStatus;

typedef struct {
    int8_t type;
    int8_t status;   /* ShapanPlantStatus */
    int16_t rent_aq; /* rented: the quarter of the last rent payment (anniversary) */
} ShapanPlant;

typedef enum {
    SHAPAN_LINE_BUILDING = 0, /* instalments being paid */
    SHAPAN_LINE_READY,        /* idle or producing */
    SHAPAN_LINE_CONVERTING,
    SHAPAN_LINE_SOLD
} ShapanLineStatus;

typedef struct {
    int8_t type;
    int8_t plant;   /* 1-based plant number */
    int8_t product; /* product it is set up for */
    int8_t status;  /* ShapanLineStatus */
    int8_t paid_n;  /* instalments paid */
    int8_t convert_left;
    int8_t wip_left; /* quarters until the unit in process is finished; 0 = idle */
    int8_t wip_product;
    int16_t last_invest_aq; /* quarter of the last instalment */
    int16_t completed_year; /* year construction completed */
    int64_t paid;           /* money invested (construction in progress until ready) */
    /* net book value once complete; it changes only at year end, so a sale's loss
     * (book - residual) is the book value at the last year end minus the residual.
     * A unit in process is valued at its product's direct cost (wip_product). */
    int64_t book;
} ShapanLine;

typedef struct {
    int64_t principal;
    int16_t due; /* long: year of repayment; short: absolute quarter of repayment */
    int8_t is_short;
    int8_t pad;
} ShapanLoan;

typedef enum { SHAPAN_HELD_OPEN = 0, SHAPAN_HELD_DELIVERED, SHAPAN_HELD_REVOKED } ShapanHeldStatus;

typedef struct {
    int32_t order; /* scenario order index */
    int8_t status; /* ShapanHeldStatus */
    int8_t delivery;
    int8_t term;
    int8_t pad;
    int64_t price;
} ShapanHeld;

/* One team's board: plain data; the world keeps each board by pointer (a command
 * runs on a copy that replaces it; undo snapshots are the replaced boards).  The
 * order of the fields is the copy's: every fixed field, the small plants list and the
 * ads first (one span, which ends at the last market the scenario has), then the
 * quarter rows and the lists, of which a copy takes only the part in use
 * (core/board.c).  The hash walks the fields by name, not in this order. */
typedef struct {
    int8_t bankrupt;
    int8_t year, quarter, stage; /* position; stage is a ShapanStage */
    int8_t bankrupt_year, bankrupt_quarter;
    int8_t closed_year;                 /* last year whose books are closed (0 at start) */
    int8_t ads_rank;                    /* submission rank of this year's ads, 0 = not yet */
    int nplants, nlines, nloans, nheld; /* used entries of plants, lines, loans, held */
    int64_t cash;
    int64_t materials[SHAPAN_MAX_MATERIALS];
    int64_t products[SHAPAN_MAX_PRODUCTS];
    int8_t rnd_paid[SHAPAN_MAX_PRODUCTS];
    int16_t rnd_last_aq[SHAPAN_MAX_PRODUCTS];
    int8_t qualified[SHAPAN_MAX_PRODUCTS];
    int8_t market_paid[SHAPAN_MAX_MARKETS];
    int8_t market_last_year[SHAPAN_MAX_MARKETS];
    int8_t market_held[SHAPAN_MAX_MARKETS];
    int8_t iso_paid[SHAPAN_MAX_ISOS];
    int8_t iso_last_year[SHAPAN_MAX_ISOS];
    int8_t iso_held[SHAPAN_MAX_ISOS];
    int8_t defaulted[SHAPAN_MAX_MARKETS]; /* revoked an order of this market this year */
    int8_t defaulted_prev[SHAPAN_MAX_MARKETS];
    int32_t bid_wins;                       /* bid orders won this year */
    int64_t sales[SHAPAN_MAX_MARKETS];      /* delivered revenue this year */
    int64_t sales_prev[SHAPAN_MAX_MARKETS]; /* last year */
    int64_t tax_payable;
    int64_t loss_pool;     /* losses not yet offset against profit */
    int64_t equity_closed; /* equity at the end of closed_year (the loan cap's base) */
    ShapanPlant plants[SHAPAN_MAX_PLANTS]; /* 64 bytes: copied whole with the fields */
    int64_t ads[SHAPAN_MAX_MARKETS][SHAPAN_MAX_PRODUCTS];        /* this year's ads */
    int32_t arrivals[SHAPAN_MAX_QUARTERS][SHAPAN_MAX_MATERIALS]; /* ordered, arriving at S2 */
    int64_t recv[SHAPAN_MAX_QUARTERS];                           /* receivables by due quarter */
    ShapanLine lines[SHAPAN_MAX_LINES];
    ShapanLoan loans[SHAPAN_MAX_LOANS];
    ShapanHeld held[SHAPAN_MAX_HELD]; /* orders won this year */
} ShapanTeam;

/* Order meeting state of one (market, product) cell. */
typedef struct {
    int8_t nranked;
    int8_t ranked[SHAPAN_MAX_TEAMS]; /* team indices (0-based), in rank order */
    int8_t picks[SHAPAN_MAX_TEAMS];  /* picks left, per rank position */
    int8_t turn;                     /* rank position whose turn it is */
    int8_t done;
    int16_t left; /* orders of the cell still on offer */
} ShapanCell;

typedef struct {
    int32_t seq; /* seq of the bid command, for ties */
    int64_t price;
    int8_t delivery, term;
    int8_t state; /* 0 = not answered, 1 = bid, 2 = declined */
} ShapanBid;

typedef struct ShapanWorld ShapanWorld;

/* Order ownership, public after each meeting. */
typedef enum {
    SHAPAN_ORDER_FREE = 0, /* still on offer (or not yet offered) */
    SHAPAN_ORDER_TAKEN,    /* won by `owner` */
    SHAPAN_ORDER_GONE      /* not taken when its cell or bid closed */
} ShapanOrderState;

/* --- lifecycle -------------------------------------------------------------------- */
/* Creates a world for nteams teams (1..30) at year_start of year 1, after the
 * opening payments.  The scenario must outlive the world.  NULL + err on failure. */
ShapanWorld *shapan_world_create(const ShapanScenario *sc, uint64_t seed, int nteams,
                                 ShapanError *err);
void shapan_world_destroy(ShapanWorld *w);
/* Deep copy (ledger, undo stacks, everything). */
ShapanWorld *shapan_world_clone(const ShapanWorld *w);
/* Turns team `team`'s undo off (undo false) or back on (true; a new world has every
 * team's on), for a seat that never undoes (a scripted rival's).  A team whose undo
 * is off keeps no undo snapshots: its `undo` is refused (E_NOTHING), and its frequent
 * commands run in place on its board, which saves a board copy each; every command
 * is accepted or refused as before, with the same board and ledger.  The state hash
 * covers the undo stacks, so while a quarter is open such a world hashes differently
 * from one whose teams keep their undo: a logged game, whose checkpoints a replay
 * compares, keeps every team's undo on.  At the end of a game every stack is empty
 * either way.  Turning it off empties the team's stack. */
void shapan_world_set_undo(ShapanWorld *w, int team, bool undo);

/* Hash of the whole state in a canonical order (never raw struct bytes). */
uint64_t shapan_world_hash(const ShapanWorld *w);
/* Compares two worlds field by field; writes the first differing field's path
 * ("teams[2].lines[0].paid") into buf and returns false, or returns true. */
bool shapan_world_equal(const ShapanWorld *a, const ShapanWorld *b, char *buf, size_t n);
/* Checks every invariant: ledger balances equal the board (cash, stock, ...),
 * assets = liabilities + equity.  SHAPAN_OK or SHAPAN_E_INTERNAL naming the account. */
ShapanErrorCode shapan_world_verify(const ShapanWorld *w, ShapanError *err);

/* --- read-only views ---------------------------------------------------------------- */
const ShapanScenario *shapan_world_scenario(const ShapanWorld *w);
int shapan_world_teams(const ShapanWorld *w);
int shapan_world_live_teams(const ShapanWorld *w);
uint64_t shapan_world_seed(const ShapanWorld *w);
int32_t shapan_world_seq(const ShapanWorld *w); /* seq the next accepted command gets */
bool shapan_world_over(const ShapanWorld *w);   /* every team finished or bankrupt */
/* The board of `team` (1-based) as seen by `viewer`: its own board, or NULL.  Valid
 * until the next shapan_cmd_apply on this world (an accepted command replaces it). */
const ShapanTeam *shapan_view_own(const ShapanWorld *w, int viewer);
/* A rival's board as it stood when `viewer` last paid to spy on it, or NULL. */
const ShapanTeam *shapan_view_spied(const ShapanWorld *w, int viewer, int target);
/* Slot 1 of a board's receivables: the first absolute quarter still to be collected. */
int shapan_view_first_collect_aq(const ShapanTeam *t);
/* Instalments of a line type: max(1, install quarters). */
int shapan_line_instalments(const ShapanLineType *lt);
/* Public: order owner (1-based team, 0 = none) and state. */
int shapan_view_order_owner(const ShapanWorld *w, int order);
ShapanOrderState shapan_view_order_state(const ShapanWorld *w, int order);
/* Public after this year's meeting has started: a team's ad in a cell. */
int64_t shapan_view_ad(const ShapanWorld *w, int team, int market, int product);
/* Public: status of a team (bankrupt or not, where it is). */
bool shapan_view_bankrupt(const ShapanWorld *w, int team, int *year, int *quarter);
void shapan_view_position(const ShapanWorld *w, int team, int *year, int *quarter,
                          ShapanStage *stage);
/* Public year-end equity table: equity of `team` at the end of `year`, false if not closed. */
bool shapan_view_equity(const ShapanWorld *w, int team, int year, int64_t *equity);

/* Meeting state (public). */
bool shapan_meeting_open(const ShapanWorld *w); /* the current year's meeting is running */
int shapan_meeting_year(const ShapanWorld *w);
/* The team whose turn it is in a cell (1-based), 0 if the cell is closed/not open. */
int shapan_meeting_turn(const ShapanWorld *w, int market, int product);
const ShapanCell *shapan_meeting_cell(const ShapanWorld *w, int market, int product);
/* Bid orders of the open group: their order indices (returns count). */
int shapan_meeting_bid_group(const ShapanWorld *w, int *orders, int max);
/* Whether `team` must answer bid order `order` in the open group and has not yet. */
bool shapan_meeting_bid_pending(const ShapanWorld *w, int team, int order);

/* --- ledger and statements ----------------------------------------------------------- */
/* A team's ledger entries, in order (valid until the next apply). */
const ShapanEntry *shapan_ledger(const ShapanWorld *w, int team, int *n);

typedef struct {
    int year;
    int64_t expenses[SHAPAN_EXP_COUNT];
    int64_t income[SHAPAN_INC_COUNT];
    int64_t balance[SHAPAN_BAL_COUNT];
} ShapanStatement;
/* Statements of `team` for `year` (0 = opening), summed from the ledger: entries of
 * that year for the income side, entries up to it for the balance sheet.  May be
 * called for the running year (a statement "so far"). */
void shapan_statement(const ShapanWorld *w, int team, int year, ShapanStatement *out);
/* Last closed year of a team (0 if none). */
int shapan_team_closed_year(const ShapanWorld *w, int team);
/* Final score: false if bankrupt or the game is not over for this team. */
bool shapan_team_score(const ShapanWorld *w, int team, int64_t *score, int64_t *potential);
/* Potential points of a board as it stands. */
int64_t shapan_team_potential(const ShapanWorld *w, const ShapanTeam *t);

#endif
