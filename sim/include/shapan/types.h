/* Shapan core: limits, exact rationals, errors, shared enums.
 * Everything in sim/ is deterministic: integers only, no clock, no I/O side effects. */
#ifndef SHAPAN_TYPES_H
#define SHAPAN_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Fixed capacities.  Indices into catalogue arrays are 0-based; plant and
 * line numbers in commands are 1-based "in the order they were created". */
#define SHAPAN_MAX_TEAMS 30
#define SHAPAN_MAX_MATERIALS 8
#define SHAPAN_MAX_PRODUCTS 8
#define SHAPAN_MAX_ITEMS (SHAPAN_MAX_MATERIALS + SHAPAN_MAX_PRODUCTS)
#define SHAPAN_MAX_MARKETS 8
#define SHAPAN_MAX_ISOS 4
#define SHAPAN_MAX_PLANT_TYPES 4
#define SHAPAN_MAX_LINE_TYPES 8
#define SHAPAN_MAX_BOM 6
#define SHAPAN_MAX_YEARS 8
/* absolute quarter index aq = (year-1)*4 + (quarter-1); room for terms past the last year */
#define SHAPAN_MAX_QUARTERS (SHAPAN_MAX_YEARS * 4 + 12)
#define SHAPAN_MAX_ORDERS 4096
#define SHAPAN_MAX_PLANTS 16
#define SHAPAN_MAX_LINES 32
#define SHAPAN_MAX_LOANS 40
#define SHAPAN_MAX_HELD 64 /* orders held by one team in one year */
#define SHAPAN_MAX_CELLS (SHAPAN_MAX_MARKETS * SHAPAN_MAX_PRODUCTS)
#define SHAPAN_ID_LEN 24
#define SHAPAN_NAME_LEN 64

/* An exact rational, e.g. 125/1000 for 12.5 %.  den > 0. */
typedef struct {
    int64_t num;
    int64_t den;
} ShapanRate;

/* Rounding of x * r, named at each use as in RULES.md §0. */
int64_t shapan_half_up(int64_t x, ShapanRate r);
int64_t shapan_ceil(int64_t x, ShapanRate r);
int64_t shapan_floor(int64_t x, ShapanRate r);
/* half_up(a / b) for b > 0 (a may be negative: rounds half away from zero) */
int64_t shapan_div_half_up(int64_t a, int64_t b);

/* Error codes: stable, printed by name ("E_CASH"). */
typedef enum {
    SHAPAN_OK = 0,
    SHAPAN_E_JSON,          /* malformed JSON */
    SHAPAN_E_FIELD,         /* missing or mistyped field */
    SHAPAN_E_UNKNOWN_ID,    /* an id that the scenario does not define */
    SHAPAN_E_AMOUNT,        /* negative, zero, non-integer or out-of-range number */
    SHAPAN_E_RANGE,         /* value outside the allowed set */
    SHAPAN_E_REF,           /* scenario cross-reference broken */
    SHAPAN_E_CAPACITY,      /* a fixed capacity would be exceeded */
    SHAPAN_E_TEAM,          /* no such team */
    SHAPAN_E_STAGE,         /* command not allowed in the team's stage */
    SHAPAN_E_CASH,          /* not enough cash for a payment */
    SHAPAN_E_LOAN_CAP,      /* loans would exceed the cap */
    SHAPAN_E_NO_SLOT,       /* no free line slot / plant limit */
    SHAPAN_E_NOT_QUALIFIED, /* product R&D not done */
    SHAPAN_E_NO_CERT,       /* market or ISO certificate missing */
    SHAPAN_E_NOT_YOUR_TURN, /* order meeting: another team's turn */
    SHAPAN_E_STOCK,         /* not enough stock */
    SHAPAN_E_STATE,         /* object in the wrong state (line busy, plant not empty, ...) */
    SHAPAN_E_ONCE,          /* already done this quarter / year */
    SHAPAN_E_NOTHING,       /* nothing to undo / nothing to do */
    SHAPAN_E_BANKRUPT,      /* team is bankrupt */
    SHAPAN_E_GAME_OVER,     /* the last year is closed */
    SHAPAN_E_WAIT,          /* waiting for other teams (sync point) */
    SHAPAN_E_LOG,           /* log header or line broken */
    SHAPAN_E_HASH,          /* checkpoint hash mismatch */
    SHAPAN_E_IO,            /* file could not be read or written */
    SHAPAN_E_INTERNAL,      /* invariant broken: a bug */
    SHAPAN_E_COUNT
} ShapanErrorCode;

/* Every failing call fills one of these.  `where` names the JSON path, log
 * line or command field; `message` is one sentence saying what was expected. */
typedef struct {
    ShapanErrorCode code;
    char where[128];
    char message[256];
} ShapanError;

const char *shapan_error_name(ShapanErrorCode code); /* "E_CASH"; static string */
/* Fills err (if non-NULL) and returns code.  printf-style message. */
ShapanErrorCode shapan_error_set(ShapanError *err, ShapanErrorCode code, const char *where,
                                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Stages a team moves through (INTERFACES.md §2). */
typedef enum {
    SHAPAN_STAGE_YEAR_START = 0,
    SHAPAN_STAGE_MEETING,
    SHAPAN_STAGE_LONG_LOAN,
    SHAPAN_STAGE_S1,
    SHAPAN_STAGE_S2,
    SHAPAN_STAGE_S3,
    SHAPAN_STAGE_S4,
    SHAPAN_STAGE_S5,
    SHAPAN_STAGE_S6,
    SHAPAN_STAGE_COUNT
} ShapanStage;
const char *shapan_stage_name(ShapanStage s); /* "year_start", "meeting", "long_loan", "S1".."S6" */

static inline int shapan_aq(int year, int quarter) { return (year - 1) * 4 + (quarter - 1); }

/* Deterministic RNG (splitmix64 seeded, xoshiro256**), owned by whoever holds it. */
typedef struct {
    uint64_t s[4];
} ShapanRng;
void shapan_rng_seed(ShapanRng *r, uint64_t seed);
uint64_t shapan_rng_next(ShapanRng *r);
/* uniform in [0, n) for n > 0, without modulo bias */
uint64_t shapan_rng_below(ShapanRng *r, uint64_t n);

#endif
