/* The ledger: debit/credit sums and the statements of RULES.md §6. */
#include <string.h>

#include "core/internal.h"

static const char *const account_names[SHAPAN_ACC_COUNT] = {
    "cash",        "receivables",  "wip",          "finished",    "materials",     "plants",
    "machinery",   "construction", "long_loans",   "short_loans", "special_loans", "tax_payable",
    "capital",     "retained",     "revenue",      "direct_cost", "admin",         "ads",
    "maintenance", "loss",         "conversion",   "rent",        "market_dev",    "rnd",
    "iso",         "info",         "depreciation", "finance",     "tax",           "opening",
};

const char *shapan_account_name(ShapanAccount a)
{
    if ((int)a < 0 || a >= SHAPAN_ACC_COUNT)
        return "?";
    return account_names[a];
}

/* +1 for debit-normal accounts (assets, expenses, the opening suspense account),
 * -1 for credit-normal ones (liabilities, equity, revenue). */
const int8_t ledger_sign[SHAPAN_ACC_COUNT] = {
    [SHAPAN_ACC_CASH] = 1,
    [SHAPAN_ACC_RECEIVABLES] = 1,
    [SHAPAN_ACC_WIP] = 1,
    [SHAPAN_ACC_FINISHED] = 1,
    [SHAPAN_ACC_MATERIALS] = 1,
    [SHAPAN_ACC_PLANTS] = 1,
    [SHAPAN_ACC_MACHINERY] = 1,
    [SHAPAN_ACC_CONSTRUCTION] = 1,
    [SHAPAN_ACC_LONG_LOANS] = -1,
    [SHAPAN_ACC_SHORT_LOANS] = -1,
    [SHAPAN_ACC_SPECIAL_LOANS] = -1,
    [SHAPAN_ACC_TAX_PAYABLE] = -1,
    [SHAPAN_ACC_CAPITAL] = -1,
    [SHAPAN_ACC_RETAINED] = -1,
    [SHAPAN_ACC_REVENUE] = -1,
    [SHAPAN_ACC_DIRECT_COST] = 1,
    [SHAPAN_ACC_ADMIN] = 1,
    [SHAPAN_ACC_ADS] = 1,
    [SHAPAN_ACC_MAINTENANCE] = 1,
    [SHAPAN_ACC_LOSS] = 1,
    [SHAPAN_ACC_CONVERSION] = 1,
    [SHAPAN_ACC_RENT] = 1,
    [SHAPAN_ACC_MARKET_DEV] = 1,
    [SHAPAN_ACC_RND] = 1,
    [SHAPAN_ACC_ISO] = 1,
    [SHAPAN_ACC_INFO] = 1,
    [SHAPAN_ACC_DEPRECIATION] = 1,
    [SHAPAN_ACC_FINANCE] = 1,
    [SHAPAN_ACC_TAX] = 1,
    [SHAPAN_ACC_OPENING] = 1,
};

void journal_upto(const Journal *j, int year, int64_t out[SHAPAN_ACC_COUNT])
{
    memcpy(out, j->total, sizeof j->total);
    for (int y = year < 0 ? 0 : year + 1; y <= j->top; y++)
        for (int a = 0; a < SHAPAN_ACC_COUNT; a++)
            out[a] -= j->sums[y][a];
}

static void add_entries(const ShapanEntry *e, int n, int max_year, int only_year,
                        int64_t out[SHAPAN_ACC_COUNT])
{
    for (int i = 0; i < n; i++) {
        if (e[i].year > max_year || (only_year >= 0 && e[i].year != only_year))
            continue;
        ledger_add(out, &e[i]);
    }
}

void ledger_sums(const ShapanEntry *e, int n, const ShapanEntry *extra, int nextra, int max_year,
                 int only_year, int64_t out[SHAPAN_ACC_COUNT])
{
    memset(out, 0, sizeof(int64_t) * SHAPAN_ACC_COUNT);
    add_entries(e, n, max_year, only_year, out);
    if (extra)
        add_entries(extra, nextra, max_year, only_year, out);
}

int64_t ledger_net(const int64_t s[SHAPAN_ACC_COUNT])
{
    int64_t net = s[SHAPAN_ACC_REVENUE];
    for (int a = SHAPAN_ACC_DIRECT_COST; a <= SHAPAN_ACC_TAX; a++)
        net -= s[a];
    return net;
}

int64_t ledger_equity(const int64_t s[SHAPAN_ACC_COUNT])
{
    int64_t assets = 0, liab = 0;
    for (int a = SHAPAN_ACC_CASH; a <= SHAPAN_ACC_CONSTRUCTION; a++)
        assets += s[a];
    for (int a = SHAPAN_ACC_LONG_LOANS; a <= SHAPAN_ACC_TAX_PAYABLE; a++)
        liab += s[a];
    return assets - liab;
}

/* The journal's sums for years lo..hi, plus the ctx buffer's entries of those years. */
static void ctx_sums(const Ctx *c, int lo, int hi, int64_t s[SHAPAN_ACC_COUNT])
{
    const Journal *j = &c->w->journal[c->ti];
    if (lo <= 0) {
        journal_upto(j, hi, s);
    } else {
        memset(s, 0, sizeof(int64_t) * SHAPAN_ACC_COUNT);
        for (int y = lo; y <= hi && y < JOURNAL_YEARS; y++)
            for (int a = 0; a < SHAPAN_ACC_COUNT; a++)
                s[a] += j->sums[y][a];
    }
    for (int i = 0; i < c->nbuf; i++)
        if (c->buf[i].year >= lo && c->buf[i].year <= hi)
            ledger_add(s, &c->buf[i]);
}

int64_t ctx_equity_at(const Ctx *c, int year)
{
    int64_t s[SHAPAN_ACC_COUNT];
    ctx_sums(c, 0, year, s);
    return ledger_equity(s);
}

int64_t ctx_net_of_year(const Ctx *c, int year)
{
    int64_t s[SHAPAN_ACC_COUNT];
    ctx_sums(c, year, year, s);
    return ledger_net(s);
}

static const int exp_accounts[SHAPAN_EXP_TOTAL] = {
    SHAPAN_ACC_ADMIN,      SHAPAN_ACC_ADS,  SHAPAN_ACC_MAINTENANCE, SHAPAN_ACC_LOSS,
    SHAPAN_ACC_CONVERSION, SHAPAN_ACC_RENT, SHAPAN_ACC_MARKET_DEV,  SHAPAN_ACC_RND,
    SHAPAN_ACC_ISO,        SHAPAN_ACC_INFO,
};

void shapan_statement(const ShapanWorld *w, int team, int year, ShapanStatement *out)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    if (team < 1 || team > w->nteams)
        return;
    const Journal *j = &w->journal[team - 1];
    /* the balance sheet sums every year up to this one (journal_upto); the income side
     * is this year's row; the earlier years' net profit (retained earnings) is the
     * balance's net less this year's (ledger_net is linear) */
    static const int64_t none[SHAPAN_ACC_COUNT];
    const int64_t *py = year >= 0 && year < JOURNAL_YEARS ? j->sums[year] : none;
    int64_t bs[SHAPAN_ACC_COUNT];
    journal_upto(j, year, bs);
    int64_t *x = out->expenses;
    for (int k = 0; k < SHAPAN_EXP_TOTAL; k++) {
        x[k] = py[exp_accounts[k]];
        x[SHAPAN_EXP_TOTAL] += x[k];
    }
    int64_t *in = out->income;
    in[SHAPAN_INC_REVENUE] = py[SHAPAN_ACC_REVENUE];
    in[SHAPAN_INC_DIRECT_COST] = py[SHAPAN_ACC_DIRECT_COST];
    in[SHAPAN_INC_GROSS] = in[SHAPAN_INC_REVENUE] - in[SHAPAN_INC_DIRECT_COST];
    in[SHAPAN_INC_OVERHEAD] = x[SHAPAN_EXP_TOTAL];
    in[SHAPAN_INC_EBITDA] = in[SHAPAN_INC_GROSS] - in[SHAPAN_INC_OVERHEAD];
    in[SHAPAN_INC_DEPRECIATION] = py[SHAPAN_ACC_DEPRECIATION];
    in[SHAPAN_INC_EBIT] = in[SHAPAN_INC_EBITDA] - in[SHAPAN_INC_DEPRECIATION];
    in[SHAPAN_INC_FINANCE] = py[SHAPAN_ACC_FINANCE];
    in[SHAPAN_INC_EBT] = in[SHAPAN_INC_EBIT] - in[SHAPAN_INC_FINANCE];
    in[SHAPAN_INC_TAX] = py[SHAPAN_ACC_TAX];
    in[SHAPAN_INC_NET] = in[SHAPAN_INC_EBT] - in[SHAPAN_INC_TAX];

    int64_t *b = out->balance;
    b[SHAPAN_BAL_CASH] = bs[SHAPAN_ACC_CASH];
    b[SHAPAN_BAL_RECEIVABLES] = bs[SHAPAN_ACC_RECEIVABLES];
    b[SHAPAN_BAL_WIP] = bs[SHAPAN_ACC_WIP];
    b[SHAPAN_BAL_FINISHED] = bs[SHAPAN_ACC_FINISHED];
    b[SHAPAN_BAL_MATERIALS] = bs[SHAPAN_ACC_MATERIALS];
    b[SHAPAN_BAL_CURRENT_TOTAL] = b[SHAPAN_BAL_CASH] + b[SHAPAN_BAL_RECEIVABLES] +
                                  b[SHAPAN_BAL_WIP] + b[SHAPAN_BAL_FINISHED] +
                                  b[SHAPAN_BAL_MATERIALS];
    b[SHAPAN_BAL_PLANTS] = bs[SHAPAN_ACC_PLANTS];
    b[SHAPAN_BAL_MACHINERY] = bs[SHAPAN_ACC_MACHINERY];
    b[SHAPAN_BAL_CONSTRUCTION] = bs[SHAPAN_ACC_CONSTRUCTION];
    b[SHAPAN_BAL_FIXED_TOTAL] =
        b[SHAPAN_BAL_PLANTS] + b[SHAPAN_BAL_MACHINERY] + b[SHAPAN_BAL_CONSTRUCTION];
    b[SHAPAN_BAL_ASSETS_TOTAL] = b[SHAPAN_BAL_CURRENT_TOTAL] + b[SHAPAN_BAL_FIXED_TOTAL];
    b[SHAPAN_BAL_LONG_LOANS] = bs[SHAPAN_ACC_LONG_LOANS];
    b[SHAPAN_BAL_SHORT_LOANS] = bs[SHAPAN_ACC_SHORT_LOANS];
    b[SHAPAN_BAL_SPECIAL_LOANS] = bs[SHAPAN_ACC_SPECIAL_LOANS];
    b[SHAPAN_BAL_TAX_PAYABLE] = bs[SHAPAN_ACC_TAX_PAYABLE];
    b[SHAPAN_BAL_LIABILITIES_TOTAL] = b[SHAPAN_BAL_LONG_LOANS] + b[SHAPAN_BAL_SHORT_LOANS] +
                                      b[SHAPAN_BAL_SPECIAL_LOANS] + b[SHAPAN_BAL_TAX_PAYABLE];
    b[SHAPAN_BAL_CAPITAL] = bs[SHAPAN_ACC_CAPITAL];
    /* retained = opening retained + every earlier year's net profit */
    b[SHAPAN_BAL_RETAINED] = bs[SHAPAN_ACC_RETAINED] + (ledger_net(bs) - ledger_net(py));
    b[SHAPAN_BAL_NET_PROFIT] = in[SHAPAN_INC_NET];
    b[SHAPAN_BAL_EQUITY] =
        b[SHAPAN_BAL_CAPITAL] + b[SHAPAN_BAL_RETAINED] + b[SHAPAN_BAL_NET_PROFIT];
    b[SHAPAN_BAL_TOTAL] = b[SHAPAN_BAL_LIABILITIES_TOTAL] + b[SHAPAN_BAL_EQUITY];
}

const ShapanEntry *shapan_ledger(const ShapanWorld *w, int team, int *n)
{
    if (team < 1 || team > w->nteams) {
        *n = 0;
        return NULL;
    }
    *n = w->journal[team - 1].n;
    return w->journal[team - 1].e;
}
