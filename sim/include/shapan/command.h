/* Commands: the one door into the future.  Every state change is a command;
 * every command has a pure check and an apply, from one table. */
#ifndef SHAPAN_COMMAND_H
#define SHAPAN_COMMAND_H

#include "shapan/world.h"

typedef enum {
    SHAPAN_CMD_ADS = 0,
    SHAPAN_CMD_PICK,
    SHAPAN_CMD_PASS,
    SHAPAN_CMD_BID,
    SHAPAN_CMD_DECLINE,
    SHAPAN_CMD_LONG_LOAN,
    SHAPAN_CMD_SHORT_LOAN,
    SHAPAN_CMD_ORDER_MATERIALS,
    SHAPAN_CMD_BUY_PLANT,
    SHAPAN_CMD_RENT_PLANT,
    SHAPAN_CMD_BUILD_LINE,
    SHAPAN_CMD_INVEST_LINE,
    SHAPAN_CMD_CONVERT_LINE,
    SHAPAN_CMD_SELL_LINE,
    SHAPAN_CMD_PRODUCE,
    SHAPAN_CMD_DELIVER,
    SHAPAN_CMD_DEVELOP_PRODUCT,
    SHAPAN_CMD_SELL_PLANT,
    SHAPAN_CMD_RENT_TO_BUY,
    SHAPAN_CMD_RETURN_PLANT,
    SHAPAN_CMD_DEVELOP_MARKET,
    SHAPAN_CMD_DEVELOP_ISO,
    SHAPAN_CMD_DISCOUNT,
    SHAPAN_CMD_DISCOUNT_PLANT,
    SHAPAN_CMD_EMERGENCY_BUY,
    SHAPAN_CMD_SELL_INVENTORY,
    SHAPAN_CMD_SPY,
    SHAPAN_CMD_NEXT,
    SHAPAN_CMD_END_QUARTER,
    SHAPAN_CMD_UNDO,
    SHAPAN_CMD_CONCEDE,
    SHAPAN_CMD_FORCE_END_QUARTER,
    SHAPAN_CMD_COUNT
} ShapanCmdType;

const char *shapan_cmd_name(ShapanCmdType t);         /* "ads", "pick", ... */
ShapanCmdType shapan_cmd_from_name(const char *name); /* SHAPAN_CMD_COUNT if unknown */

typedef struct {
    int8_t market, product;
    int32_t amount; /* W, 0 .. 1,000,000 (the decoder checks) */
} ShapanAdBid;

/* One decoded command.  Catalogue references are indices into the scenario;
 * team, plant, line and target are 1-based as in the log.  bids[i] for i >= nbids
 * is unspecified and never read (the encoder, the checks and the kept run's key stop
 * at nbids). */
typedef struct {
    ShapanCmdType type;
    int team;
    int order;           /* pick, bid, decline, deliver: scenario order index */
    int market, product; /* pass, build_line, convert_line, develop_*: indices */
    int iso;
    int kind;                        /* buy/rent_plant: plant type; build_line: line type */
    int plant, line;                 /* 1-based */
    int target;                      /* spy: 1-based team */
    int64_t amount;                  /* loans */
    int years;                       /* long_loan */
    int64_t price;                   /* bid */
    int delivery, term;              /* bid */
    int64_t slots[4];                /* discount */
    int64_t items[SHAPAN_MAX_ITEMS]; /* order_materials, emergency_buy, sell_inventory */
    int nbids;                       /* ads */
    ShapanAdBid bids[SHAPAN_MAX_CELLS];
} ShapanCommand;

/* Pure: would `c` be accepted now?  Never changes the world's state (its hash,
 * views and statements) once it returns.  It runs in the world's scratch (a `next`
 * on the team's own board, put back before it returns), so calls on one world must
 * not overlap, views included (one thread at a time); an accepted check is kept
 * there, and an apply of the same command right after it costs no second run. */
ShapanErrorCode shapan_cmd_check(const ShapanWorld *w, const ShapanCommand *c, ShapanError *err);
/* Applies `c` if it is accepted; a rejected command changes nothing.  The
 * accepted command gets seq = shapan_world_seq(w) before the call. */
ShapanErrorCode shapan_cmd_apply(ShapanWorld *w, const ShapanCommand *c, ShapanError *err);

/* JSON (INTERFACES.md §2).  Decoding resolves ids against the scenario and
 * rejects unknown ids, missing fields, non-integers; err->where names the field. */
ShapanErrorCode shapan_cmd_from_json(const ShapanScenario *sc, const char *text, size_t len,
                                     ShapanCommand *out, ShapanError *err);
/* Encodes with the given seq (omitted when seq <= 0); caller frees. */
char *shapan_cmd_to_json(const ShapanScenario *sc, const ShapanCommand *c, int32_t seq);

/* Convenience constructors for tests, rivals and the front end: every field 0 but
 * type and team, every byte defined (the decoder starts from one). */
ShapanCommand shapan_cmd_simple(ShapanCmdType type, int team);
/* The same, built in place in *c (no copy of the whole command: rivals build
 * many candidates per decision), except that the bids (nbids is 0) are left as they
 * were: every field before them is zeroed, padding included. */
void shapan_cmd_init(ShapanCommand *c, ShapanCmdType type, int team);

#endif
