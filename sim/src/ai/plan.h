/* Private to the planning rival: its state, its view of one decision, and the
 * pieces shared by its files (plan_board.c: forecasting the own board and its
 * cash; plan_moves.c: the generators of each stage; plan_meeting.c: ads, picks
 * and bids; planner.c: deciding, moving on, raising cash). */
#ifndef SHAPAN_AI_PLAN_H
#define SHAPAN_AI_PLAN_H

#include "ai/planner.h"

#define HORIZON 8 /* quarters simulated ahead */

/* What the rivals sold at one year's meeting, from public order ownership:
 * units of each product per live rival, and the markets it sold in. */
typedef struct {
    int64_t units[SHAPAN_MAX_TEAMS + 1][SHAPAN_MAX_PRODUCTS];
    unsigned markets[SHAPAN_MAX_TEAMS + 1];
} RivalSales;

/* A line's simulation depends on the line, its product's R&D state and the
 * position (its quarter and which of before S1, S1-S3, S4-S5, S6 it is in): it
 * is kept from one decision to the next while all of these stay the same. */
/* Bit j of a line's starts / done: quarter aq + j (plan_sim_line). */
typedef struct PlanSims {
    uint8_t starts[SHAPAN_MAX_LINES];
    uint8_t done[SHAPAN_MAX_LINES];
} PlanSims;
_Static_assert(HORIZON <= 8, "a line's quarters are the bits of a byte");

typedef struct {
    int pos; /* aq * 4 + part of the quarter; -1: nothing kept */
    int nlines;
    ShapanLine lines[SHAPAN_MAX_LINES];
    /* R&D state of every product (a kept line's product is the one in `lines`) */
    int8_t rnd_paid_all[SHAPAN_MAX_PRODUCTS];
    int16_t rnd_last_aq_all[SHAPAN_MAX_PRODUCTS];
    int8_t qualified_all[SHAPAN_MAX_PRODUCTS];
} SimsKey;

/* What the ads of one product at a meeting take from all but its units, by
 * market (plan_meeting.c: product_basis). */
typedef struct {
    int64_t wt[SHAPAN_MAX_MARKETS];   /* the split's weights (crowd_percent applied) */
    int64_t held[SHAPAN_MAX_MARKETS]; /* the held cells' forecast quantities */
    int64_t wt_sum, held_sum;
    int64_t size[SHAPAN_MAX_MARKETS];      /* the cell's units in this game's book */
    int64_t per_order[SHAPAN_MAX_MARKETS]; /* units per order, rounded up */
    int64_t max_picks[SHAPAN_MAX_MARKETS]; /* share_picks' bound, -1: none */
} AdsBasis;

/* plan_ads without noise, product by product, and what it was made from
 * (plan_meeting.c). */
typedef struct {
    const ShapanWorld *w;               /* NULL: nothing kept */
    int year;                           /* the meeting's */
    unsigned mask;                      /* the markets that take ads */
    uint32_t gone;                      /* bankrupt teams */
    int64_t units[SHAPAN_MAX_PRODUCTS]; /* -1: not made by then; -2: nothing kept */
    int64_t ads[SHAPAN_MAX_PRODUCTS];
    unsigned basis_ready; /* bit p: the planner's ads_basis[p] */
} AdsKept;

/* A statement and the ledger it was summed from: the team's entry count and its
 * last entry.  The ledger only grows, except that an undo cuts it back, and what
 * is appended after an undo carries a later seq; so while that entry is still in
 * its place the entries before it are the same, and the statement stands if
 * every entry after it is booked in a later year. */
typedef struct {
    const ShapanWorld *w;
    int year; /* -1: nothing kept */
    int n;
    ShapanEntry last;
    ShapanStatement st;
} StmtKept;

/* The order book by year and, for the picks, by cell: scenario facts every
 * planner of a game reads (plan_book.c). */
struct PlanBook {
    /* orders of year y all lie in [year_lo[y], year_hi[y]) of the book (0..0: none) */
    int year_lo[SHAPAN_MAX_YEARS + 2], year_hi[SHAPAN_MAX_YEARS + 2];
    /* year y's orders up for picks (not bids) in book order by cell k (market x
     * SHAPAN_MAX_PRODUCTS + product): cell_orders[cell_first[y][k] .. cell_first[y][k + 1]) */
    int cell_first[SHAPAN_MAX_YEARS + 2][SHAPAN_MAX_MARKETS * SHAPAN_MAX_PRODUCTS + 1];
    int16_t cell_orders[SHAPAN_MAX_ORDERS];
};

#define PLAN_MAX_BIDS 64

typedef struct {
    /* ---- first: what the keys further down describe, written before it is
     * read; shapan_planner_create zeroes everything from `p` on (a field added
     * below starts at zero) but not these, which are most of the planner (what
     * it zeroes stays under 2 KB, which glibc clears with vector stores), and
     * sets sims_key.pos and stmt's w and year */
    RivalSales sales;
    AdsBasis ads_basis[SHAPAN_MAX_PRODUCTS];                       /* ads_kept.basis_ready */
    int64_t ad_cells_ads[SHAPAN_MAX_MARKETS][SHAPAN_MAX_PRODUCTS]; /* ad_cells_ready */
    int8_t ad_cells[SHAPAN_MAX_CELLS][2];                          /* ad_cells_ready */
    StmtKept stmt[2]; /* statements by the parity of their year (last year's) */
    SimsKey sims_key; /* what `sims` were made from (pos -1: nothing) */
    PlanSims sims;
    int64_t cap[SHAPAN_MAX_PRODUCTS][HORIZON];
    /* ---- zeroed at creation from here on */
    const ShapanProfile *p;
    /* the profile's money in the scenario's unit (plan_money): its reserve and
     * ad_extra, the 10 W loans are rounded to and the 3 W span of ad noise */
    int64_t reserve, ad_extra, loan_step, ad_noise;
    int build_type[AI_MAX_STEPS];
    int build_product[AI_MAX_STEPS];
    int product[SHAPAN_MAX_PRODUCTS];
    int rnd_start[SHAPAN_MAX_PRODUCTS]; /* by scenario product: its R&D's first quarter, 1000 */
    int market[SHAPAN_MAX_MARKETS];
    int iso[SHAPAN_MAX_ISOS];
    int carry_units[SHAPAN_MAX_LINE_TYPES]; /* stock to carry per line (want_units_all) */
    /* by line type: bits 0, q, 2q, ... under HORIZON for its production time q */
    uint8_t every_q[SHAPAN_MAX_LINE_TYPES];
    unsigned bom_products; /* bit p: p is made from other products */
    /* units of each material in a unit of each product, and the longest lead
     * time under HORIZON (-1: none): scenario facts for plan_gen_materials */
    int64_t bom_materials[SHAPAN_MAX_PRODUCTS][SHAPAN_MAX_MATERIALS];
    int mat_last;
    int pos_key;
    unsigned done;
    int cash_step;
    int steps;     /* commands proposed at this position */
    ShapanRng rng; /* the rival's own generator: ad noise only */
    /* rival_sales of sales_world's sales_year meeting with the teams in
     * sales_gone bankrupt (these only change between meetings: cached, as every
     * cash plan in a fourth quarter asks for next year's ads) */
    const ShapanWorld *sales_world;
    int sales_year;
    uint32_t sales_gone;
    AdsKept ads_kept;
    /* the cells (market x product) where ad_cells_ads, this year's ads, rank
     * the team (at least the smallest ad), in market then product order */
    bool ad_cells_ready;
    int nad_cells;
    uint32_t sims_gen; /* counts the changes of `sims` (a line simulated again) */
    /* plan_capacity of each product, made from sims of cap_gen[p] and a stock of
     * cap_stock[p] (cap_gen[p] == 0: nothing kept) */
    uint32_t cap_gen[SHAPAN_MAX_PRODUCTS];
    int64_t cap_stock[SHAPAN_MAX_PRODUCTS];
    /* the units the lines add to each product in each quarter, from sims of
     * adds_gen (0: nothing kept) (capacity_of) */
    uint32_t adds_gen;
    int8_t adds[SHAPAN_MAX_PRODUCTS][HORIZON];
    /* plan_pending_builds of a board holding pend_plants plants and pend_lines
     * lines (all it reads of the board; pend_plants -1: nothing kept): pend_n
     * builds pending, the first at pend_first (-1: none) */
    int pend_plants, pend_lines, pend_n, pend_first;
    bool pending[AI_MAX_STEPS];
    /* the bids it made in the open bid group (order, delivery quarter): not
     * awarded yet, so not among its held orders, but it may win them all */
    int16_t bid_order[PLAN_MAX_BIDS];
    int8_t bid_delivery[PLAN_MAX_BIDS];
    int nbids;
    int16_t window_aq;    /* 1 + the quarter plan_window_carries holds in (0: none; Y1Q1 is 0) */
    const PlanBook *book; /* the game's, or own_book (made for a planner started alone) */
    PlanBook *own_book;
    /* plan_gen_materials is known to order nothing in S3 of quarter mat_none_aq - 1
     * (0: not known); mat_none_ok: the scenario lets that be known (planner.c) */
    bool mat_none_ok;
    int16_t mat_none_aq;
} Planner;

typedef struct {
    const ShapanWorld *w;
    const ShapanScenario *sc;
    const ShapanTeam *t;
    Planner *pl;
    int team;
    int year, quarter, aq;
    ShapanStage stage;
    bool pre_s1;           /* this quarter's S1 is still to come */
    struct PlanMemo *memo; /* what only the board decides, computed once per decision */
} View;

/* The board doesn't change inside one decision: what depends on it alone is
 * computed on first use and kept until the decision ends (a flag or a bit per
 * product says what is filled). */
typedef struct PlanMemo {
    bool sims_ready, cash_ready, ads_ready, want_ready;
    int64_t pre, post, recv; /* plan_cash_plan */
    bool so_far_ready;       /* this year's statement so far: */
    int64_t equity_so_far, ebt_so_far;
    int64_t next_ads; /* plan_ads of next year, without noise */
    int64_t want[SHAPAN_MAX_PRODUCTS];
    unsigned com_ready; /* bit p: com[p] (plan_committed) */
    int64_t com[SHAPAN_MAX_PRODUCTS][4];
    int8_t distress; /* plan_distressed: 0 not asked yet, 1 no, 2 yes */
    bool proj_ready;
    int64_t proj; /* plan_projected_equity */
} PlanMemo;

/* The book's index range holding every order of `year` (orders of other years
 * may lie in it too). */
void plan_year_orders(const View *v, int year, int *lo, int *hi);
int plan_qualified_from(const View *v, int p);
int plan_line_ready_aq(const View *v, const ShapanLine *l);
void plan_sim_line(const View *v, const ShapanLine *l, uint8_t *starts, uint8_t *done);
/* Line i's simulation for this decision (kept while its inputs stay the same). */
const PlanSims *plan_sims(const View *v);
/* This year's equity and EBT so far (its statement's, kept in the planner and
 * moved by the entries booked since), and next year's ads (plan_ads without
 * noise): each computed once per decision. */
int64_t plan_equity_so_far(const View *v);
int64_t plan_ebt_so_far(const View *v);
/* The statement of `year` (kept while the team's ledger stays the same). */
const ShapanStatement *plan_statement_of(const View *v, int year);
int64_t plan_next_ads(const View *v);
/* Units of p in stock by S4 of each of the next HORIZON quarters (the
 * planner's copy: read it before the next call). */
const int64_t *plan_capacity(const View *v, int p);
void plan_committed(const View *v, int p, int64_t out[4]);
bool plan_feasible(const View *v, int p, int qty, int delivery);
/* Remembers a bid it makes (plan_committed counts it until its group closes). */
void plan_bid_made(const View *v, int order, int delivery);
int64_t plan_want_units(const View *v, int p);
/* plan_want_units of every product (the decision's own copy). */
const int64_t *plan_want_all(const View *v);
int64_t plan_loans_total(const ShapanTeam *t, bool short_only);
/* What short loan l repays when it falls due: its principal and interest. */
int64_t plan_short_repayment(const ShapanScenario *sc, const ShapanLoan *l);
/* The reserve the cash keeps (the profile's, less what the last year lends back). */
int64_t plan_reserve(const View *v);
/* Q4 of the year before the last: what the next S1 repays; 0 in any other quarter. */
int64_t plan_last_year_repayment(const View *v);
/* Q4 of the year before the last: the last year's long-loan window, free within the
 * game, will lend the next S1's repayment (the cash plan leaves it out). */
bool plan_window_carries(const View *v);
void plan_cash_plan(const View *v, int64_t *pre, int64_t *post, int64_t *recv);
int64_t plan_need_with(const View *v, int64_t extra);
bool plan_affordable(const View *v, int64_t cost);
int64_t plan_loan_headroom_at(const View *v, int percent);
int64_t plan_loan_headroom(const View *v);
int plan_plants_held(const ShapanTeam *t);
int plan_pending_builds(const View *v, bool pending[AI_MAX_STEPS]);
int plan_next_build(const View *v);
int64_t plan_build_cost(const View *v, int i);
int64_t plan_capex_of_year(const View *v, int year);
int64_t plan_ceil_to(int64_t x, int64_t step);
int64_t plan_money(const ShapanScenario *sc, int64_t w);
int64_t plan_floor_loan(const View *v, int64_t x);
int64_t plan_commitments(const View *v);
bool plan_build_line_cmd(const View *v, int type, int product, ShapanCommand *c);
bool plan_gen_build(const View *v, ShapanCommand *c);
bool plan_gen_invest(const View *v, ShapanCommand *c);
bool plan_gen_produce(const View *v, ShapanCommand *c);
bool plan_gen_materials(const View *v, ShapanCommand *c);
bool plan_gen_deliver(const View *v, ShapanCommand *c);
bool plan_gen_rnd(const View *v, ShapanCommand *c);
bool plan_gen_cert(const View *v, ShapanCommand *c);
bool plan_last_quarter(const View *v);
bool plan_raises_score(const View *v, int64_t points, int64_t cost);
bool plan_gen_endgame_line(const View *v, ShapanCommand *c);
bool plan_gen_endgame_s5(const View *v, ShapanCommand *c);
bool plan_gen_endgame_short(const View *v, ShapanCommand *c);
int64_t plan_planned_spend(const View *v);
int64_t plan_projected_equity(const View *v);
bool plan_distressed(const View *v);
bool plan_holds_back(const View *v);
bool plan_holds_back_expense(const View *v, int64_t expense);
int64_t plan_shrink_ads(const View *v, ShapanCommand *c);
bool plan_gen_short(const View *v, ShapanCommand *c);
bool plan_gen_long(const View *v, ShapanCommand *c);
int64_t plan_ads(const View *v, int year, ShapanCommand *c);
bool plan_gen_ads(const View *v, ShapanCommand *c);
bool plan_order_ok(const View *v, const ShapanOrder *o);
bool plan_gen_pick(const View *v, int m, int pr, ShapanCommand *c);
bool plan_gen_bid(const View *v, int order, ShapanCommand *c);
bool plan_meeting_turn(const View *v, ShapanCommand *c);

#endif
