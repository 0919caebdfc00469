/* Errors, exact rational rounding, the RNG, stage names. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shapan/types.h"

static const char *const error_names[SHAPAN_E_COUNT] = {
    "OK",         "E_JSON",
    "E_FIELD",    "E_UNKNOWN_ID",
    "E_AMOUNT",   "E_RANGE",
    "E_REF",      "E_CAPACITY",
    "E_TEAM",     "E_STAGE",
    "E_CASH",     "E_LOAN_CAP",
    "E_NO_SLOT",  "E_NOT_QUALIFIED",
    "E_NO_CERT",  "E_NOT_YOUR_TURN",
    "E_STOCK",    "E_STATE",
    "E_ONCE",     "E_NOTHING",
    "E_BANKRUPT", "E_GAME_OVER",
    "E_WAIT",     "E_LOG",
    "E_HASH",     "E_IO",
    "E_INTERNAL",
};

const char *shapan_error_name(ShapanErrorCode code)
{
    if ((int)code < 0 || code >= SHAPAN_E_COUNT)
        return "E_UNKNOWN";
    return error_names[code];
}

ShapanErrorCode shapan_error_set(ShapanError *err, ShapanErrorCode code, const char *where,
                                 const char *fmt, ...)
{
    if (err) {
        err->code = code;
        snprintf(err->where, sizeof err->where, "%s", where ? where : "");
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* floor(a / b) for b > 0 */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && (a < 0))
        q--;
    return q;
}

int64_t shapan_floor(int64_t x, ShapanRate r) { return floor_div(x * r.num, r.den); }

int64_t shapan_ceil(int64_t x, ShapanRate r) { return -floor_div(-(x * r.num), r.den); }

int64_t shapan_div_half_up(int64_t a, int64_t b)
{
    /* half away from zero: money is rounded symmetrically */
    if (a >= 0)
        return (2 * a + b) / (2 * b);
    return -((2 * -a + b) / (2 * b));
}

int64_t shapan_half_up(int64_t x, ShapanRate r) { return shapan_div_half_up(x * r.num, r.den); }

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void shapan_rng_seed(ShapanRng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t shapan_rng_next(ShapanRng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t shapan_rng_below(ShapanRng *r, uint64_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t v;
    do {
        v = shapan_rng_next(r);
    } while (v >= limit);
    return v % n;
}

static const char *const stage_names[SHAPAN_STAGE_COUNT] = {
    "year_start", "meeting", "long_loan", "S1", "S2", "S3", "S4", "S5", "S6",
};

const char *shapan_stage_name(ShapanStage s)
{
    if ((int)s < 0 || s >= SHAPAN_STAGE_COUNT)
        return "?";
    return stage_names[s];
}
