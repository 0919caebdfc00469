/* Scenario: the catalogue, the parameters, the order book and the opening company.
 * Loaded from JSON (scenarios/FORMAT.md).  A loaded scenario is immutable; worlds
 * keep a pointer to it, so it must outlive them.  Caller owns it (shapan_scenario_free). */
#ifndef SHAPAN_SCENARIO_H
#define SHAPAN_SCENARIO_H

#include "shapan/types.h"

typedef struct {
    char id[SHAPAN_ID_LEN];
    char name[SHAPAN_NAME_LEN];
    int64_t price;
    int lead; /* quarters */
} ShapanMaterial;

typedef enum { SHAPAN_ITEM_MATERIAL = 0, SHAPAN_ITEM_PRODUCT = 1 } ShapanItemKind;

typedef struct {
    ShapanItemKind kind;
    int index; /* into materials[] or products[] */
    int qty;
} ShapanBomItem;

typedef struct {
    char id[SHAPAN_ID_LEN];
    char name[SHAPAN_NAME_LEN];
    ShapanBomItem bom[SHAPAN_MAX_BOM];
    int nbom;
    int64_t processing;
    int64_t rnd_fee;  /* per quarter */
    int rnd_quarters; /* instalments needed */
    int points;
    int64_t direct_cost; /* derived by the loader: BOM at standard cost + processing */
} ShapanProduct;

/* A market or an ISO certificate: fee per year x years. */
typedef struct {
    char id[SHAPAN_ID_LEN];
    char name[SHAPAN_NAME_LEN];
    int64_t fee;
    int years;
    int points;
} ShapanCert;

typedef struct {
    char id[SHAPAN_ID_LEN];
    char name[SHAPAN_NAME_LEN];
    int64_t buy;
    int64_t rent; /* per year */
    int64_t sale; /* sale value */
    int slots;
    int points;    /* owned plants only */
    int max_count; /* of this type per team, bought + rented */
} ShapanPlantType;

typedef struct {
    char id[SHAPAN_ID_LEN];
    char name[SHAPAN_NAME_LEN];
    int64_t total;       /* price; instalment = total / max(1, install_q) */
    int install_q;       /* 0 = ready at once */
    int production_q;    /* quarters a unit spends in the line */
    int64_t convert_fee; /* per quarter; paid fee * max(1, convert_q) at once */
    int convert_q;       /* 0 = instant */
    int64_t maintenance; /* per year */
    int64_t residual;
    int64_t depreciation; /* per year, never below residual */
    int points;
} ShapanLineType;

/* ISO requirement bits of an order: bit i = isos[i] required. */
typedef struct {
    char id[SHAPAN_ID_LEN];
    int year;
    int market;
    int product;
    int qty;
    int64_t price; /* total price; 0 for a bid order */
    int delivery;  /* 1-4; 0 for a bid order */
    int term;      /* 0-4 */
    unsigned iso_mask;
    bool bid; /* 竞单 */
} ShapanOrder;

/* Forecast cell: quantity, average unit price in tenths of W, number of orders. */
typedef struct {
    int qty;
    int64_t avg_price_x10;
    int count;
} ShapanForecastCell;

typedef struct {
    ShapanRate long_rate;
    int long_min_years, long_max_years;
    int64_t long_min;
    ShapanRate short_rate;
    int short_term_q; /* quarters until a short loan is due (4) */
    int64_t short_min;
    ShapanRate loan_cap;      /* x equity at the end of the previous year (3/1) */
    ShapanRate discount_near; /* slots 1-2 (8/100) */
    ShapanRate discount_far;  /* slots 3-4 (9/100) */
    int64_t admin_fee;        /* per quarter */
    int64_t info_fee;         /* per spy look */
    ShapanRate tax_rate;
    ShapanRate penalty_rate;
    ShapanRate emergency_material; /* x price (2/1) */
    ShapanRate emergency_product;  /* x direct cost (3/1) */
    ShapanRate sale_product;       /* x direct cost (1/1) */
    ShapanRate sale_material;      /* x price, floor (80/100) */
} ShapanFinance;

typedef struct {
    int64_t min_ad;    /* 10 */
    int64_t pick_step; /* picks = 1 + floor((ad - min_ad) / pick_step) */
    bool market_leader;
    int group_size;                /* bid orders per group (3) */
    int64_t bid_fee;               /* 10 */
    ShapanRate bid_max;            /* price cap x direct cost x qty (3/1) */
    ShapanRate bid_cap;            /* wins limit = half_up(bid_cap * bids / live teams) (3/1) */
    int64_t score_base;            /* 100 */
    int score_delivery_base;       /* 5: (5 - delivery) */
    int64_t score_delivery_weight; /* 2 */
    int64_t score_term_weight;     /* 1 */
    int64_t score_price_weight;    /* 8 */
} ShapanMeetingRules;

/* The order-book generator's shares (RULES.md §9). */
typedef struct {
    ShapanRate iso_share;    /* of the orders of each meeting year after the first (8/100) */
    ShapanRate bid_share;    /* of all orders, turned into bid orders (3/100) */
    ShapanRate price_spread; /* unit prices within avg +- avg x this (10/100) */
} ShapanGeneratorRules;

/* The opening company (RULES.md §8).  All zero for a company that starts from cash. */
typedef struct {
    int type; /* plant type */
    bool owned;
    int rent_start_aq; /* rented plants: the quarter of the last rent payment (may be < 0) */
} ShapanOpeningPlant;

typedef struct {
    int type;  /* line type */
    int plant; /* 1-based index into opening plants */
    int product;
    int64_t book; /* net book value (complete lines) */
    int wip_left; /* 0 = idle; n = the unit in process reaches stock at S1 of quarter n of year 1 */
    int completed_year; /* year it became ready (<= 0 for an inherited line) */
} ShapanOpeningLine;

typedef struct {
    int64_t principal;
    int due_year; /* long loans: principal repaid at the start of this year */
    int due_aq;   /* short loans: repaid at S1 of this absolute quarter */
    bool is_short;
} ShapanOpeningLoan;

/* Statement keys (INTERFACES.md §4) --------------------------------------------------- */
typedef enum {
    SHAPAN_EXP_ADMIN = 0,
    SHAPAN_EXP_ADS,
    SHAPAN_EXP_MAINTENANCE,
    SHAPAN_EXP_LOSS,
    SHAPAN_EXP_CONVERSION,
    SHAPAN_EXP_RENT,
    SHAPAN_EXP_MARKET_DEV,
    SHAPAN_EXP_RND,
    SHAPAN_EXP_ISO,
    SHAPAN_EXP_INFO,
    SHAPAN_EXP_TOTAL,
    SHAPAN_EXP_COUNT
} ShapanExpenseKey;

typedef enum {
    SHAPAN_INC_REVENUE = 0,
    SHAPAN_INC_DIRECT_COST,
    SHAPAN_INC_GROSS,
    SHAPAN_INC_OVERHEAD,
    SHAPAN_INC_EBITDA,
    SHAPAN_INC_DEPRECIATION,
    SHAPAN_INC_EBIT,
    SHAPAN_INC_FINANCE,
    SHAPAN_INC_EBT,
    SHAPAN_INC_TAX,
    SHAPAN_INC_NET,
    SHAPAN_INC_COUNT
} ShapanIncomeKey;

typedef enum {
    SHAPAN_BAL_CASH = 0,
    SHAPAN_BAL_RECEIVABLES,
    SHAPAN_BAL_WIP,
    SHAPAN_BAL_FINISHED,
    SHAPAN_BAL_MATERIALS,
    SHAPAN_BAL_CURRENT_TOTAL,
    SHAPAN_BAL_PLANTS,
    SHAPAN_BAL_MACHINERY,
    SHAPAN_BAL_CONSTRUCTION,
    SHAPAN_BAL_FIXED_TOTAL,
    SHAPAN_BAL_ASSETS_TOTAL,
    SHAPAN_BAL_LONG_LOANS,
    SHAPAN_BAL_SHORT_LOANS,
    SHAPAN_BAL_SPECIAL_LOANS,
    SHAPAN_BAL_TAX_PAYABLE,
    SHAPAN_BAL_LIABILITIES_TOTAL,
    SHAPAN_BAL_CAPITAL,
    SHAPAN_BAL_RETAINED,
    SHAPAN_BAL_NET_PROFIT,
    SHAPAN_BAL_EQUITY,
    SHAPAN_BAL_TOTAL,
    SHAPAN_BAL_COUNT
} ShapanBalanceKey;

/* JSON keys, in report order ("admin", "revenue", "cash", ...). */
extern const char *const shapan_expense_keys[SHAPAN_EXP_COUNT];
extern const char *const shapan_income_keys[SHAPAN_INC_COUNT];
extern const char *const shapan_balance_keys[SHAPAN_BAL_COUNT];
/* zh-CN headers for CSV ("管理费", ...). */
extern const char *const shapan_expense_zh[SHAPAN_EXP_COUNT];
extern const char *const shapan_income_zh[SHAPAN_INC_COUNT];
extern const char *const shapan_balance_zh[SHAPAN_BAL_COUNT];

typedef struct {
    bool present; /* false: a company that starts from cash (share capital only) */
    int64_t cash;
    int64_t receivables[4]; /* by slot 1..4 from Y1Q1 (slot 1 = collected at S4 of Y1Q1) */
    ShapanOpeningPlant plants[SHAPAN_MAX_PLANTS];
    int nplants;
    ShapanOpeningLine lines[SHAPAN_MAX_LINES];
    int nlines;
    int64_t materials[SHAPAN_MAX_MATERIALS]; /* units in stock */
    int64_t products[SHAPAN_MAX_PRODUCTS];
    int64_t arrivals[4][SHAPAN_MAX_MATERIALS]; /* material orders arriving at S2 of Y1Q(1+i), paid
                                                  then */
    bool markets[SHAPAN_MAX_MARKETS];          /* held certificates */
    bool isos[SHAPAN_MAX_ISOS];
    bool qualified[SHAPAN_MAX_PRODUCTS];
    ShapanOpeningLoan loans[SHAPAN_MAX_LOANS];
    int nloans;
    int64_t tax_payable;
    int64_t retained;
    int64_t loss_pool;
    /* last year's statements (year 0): expense lines and income lines other than derived totals */
    int64_t expenses[SHAPAN_EXP_COUNT]; /* TOTAL ignored (derived) */
    int64_t revenue, direct_cost, depreciation, finance, tax;
    int64_t sales[SHAPAN_MAX_MARKETS]; /* last year's delivered sales per market */
} ShapanOpening;

typedef struct {
    char name[SHAPAN_NAME_LEN];
    char currency[8]; /* "W" or "M" */
    int years;
    int teams_sized_for; /* the team count the order book was sized for */
    int forecast_teams;  /* the team count the forecast table was sized for (27) */
    int64_t capital;     /* share capital = initial cash of a company from cash */
    bool meeting_year[SHAPAN_MAX_YEARS + 1]; /* years with an order meeting */

    ShapanMaterial materials[SHAPAN_MAX_MATERIALS];
    int nmaterials;
    ShapanProduct products[SHAPAN_MAX_PRODUCTS];
    int nproducts;
    ShapanCert markets[SHAPAN_MAX_MARKETS];
    int nmarkets;
    ShapanCert isos[SHAPAN_MAX_ISOS];
    int nisos;
    ShapanPlantType plant_types[SHAPAN_MAX_PLANT_TYPES];
    int nplant_types;
    int max_plants;
    ShapanLineType line_types[SHAPAN_MAX_LINE_TYPES];
    int nline_types;

    ShapanFinance fin;
    ShapanMeetingRules meet;
    ShapanGeneratorRules gen;

    /* forecast[year][market][product] */
    ShapanForecastCell forecast[SHAPAN_MAX_YEARS + 1][SHAPAN_MAX_MARKETS][SHAPAN_MAX_PRODUCTS];

    ShapanOrder *orders; /* order book, in book order; owned by the scenario */
    int norders;
    /* order indices sorted by id, for look-ups (owned; rebuilt by the loader and
     * the generator; a look-up that misses falls back to a scan, so a book edited
     * by hand is still searched right) */
    int32_t *order_index;
    int norder_index;

    ShapanOpening opening;

    uint64_t digest; /* hash of the canonical scenario content, set by the loader */
} ShapanScenario;

/* Loading.  Every problem found is reported, each with its JSON path
 * ("products[3].bom[0].item"); errs[] receives up to max_errs of them and
 * *nerrs the total count.  Returns NULL when any error was found. */
ShapanScenario *shapan_scenario_from_json(const char *text, size_t len, ShapanError *errs,
                                          int max_errs, int *nerrs);
/* Reads a file (no printing); a read failure is one E_IO error naming the path. */
ShapanScenario *shapan_scenario_load(const char *path, ShapanError *errs, int max_errs, int *nerrs);
void shapan_scenario_free(ShapanScenario *sc);
/* Serialises back to JSON (FORMAT.md); caller frees with free(). */
char *shapan_scenario_to_json(const ShapanScenario *sc);

/* Catalogue look-ups by id: index, or -1. */
int shapan_scenario_material(const ShapanScenario *sc, const char *id);
int shapan_scenario_product(const ShapanScenario *sc, const char *id);
int shapan_scenario_market(const ShapanScenario *sc, const char *id);
int shapan_scenario_iso(const ShapanScenario *sc, const char *id);
int shapan_scenario_plant_type(const ShapanScenario *sc, const char *id);
int shapan_scenario_line_type(const ShapanScenario *sc, const char *id);
int shapan_scenario_order(const ShapanScenario *sc, const char *id);
/* Items ({"R1": n, "P2": n}) are numbered materials first, then products. */
int shapan_scenario_item(const ShapanScenario *sc, const char *id);
const char *shapan_scenario_item_id(const ShapanScenario *sc, int item);
/* standard cost of an item: material price or product direct cost */
int64_t shapan_scenario_item_cost(const ShapanScenario *sc, int item);
/* The loan cap for an equity (RULES.md §2: loan_cap x the equity at the end of
 * the previous year); 0 when that equity is not positive. */
int64_t shapan_scenario_loan_cap(const ShapanScenario *sc, int64_t equity);

/* RULES.md §9: replaces the order book with one generated from the forecast for
 * `teams` teams and `seed`.  Deterministic. */
int shapan_generate_orders(ShapanScenario *sc, int teams, uint64_t seed, ShapanError *err);

#endif
