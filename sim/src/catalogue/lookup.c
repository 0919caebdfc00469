/* Catalogue look-ups by id, statement key tables, FNV-1a. */
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"

const char *const shapan_expense_keys[SHAPAN_EXP_COUNT] = {
    "admin",      "ads", "maintenance", "loss", "conversion", "rent",
    "market_dev", "rnd", "iso",         "info", "total",
};
const char *const shapan_income_keys[SHAPAN_INC_COUNT] = {
    "revenue", "direct_cost", "gross", "overhead", "ebitda", "depreciation",
    "ebit",    "finance",     "ebt",   "tax",      "net",
};
const char *const shapan_balance_keys[SHAPAN_BAL_COUNT] = {
    "cash",         "receivables",   "wip",          "finished",
    "materials",    "current_total", "plants",       "machinery",
    "construction", "fixed_total",   "assets_total", "long_loans",
    "short_loans",  "special_loans", "tax_payable",  "liabilities_total",
    "capital",      "retained",      "net_profit",   "equity",
    "total",
};
const char *const shapan_expense_zh[SHAPAN_EXP_COUNT] = {
    "管理费",   "广告费",   "维护费",  "损失",   "转产费", "租金",
    "市场开拓", "产品研发", "ISO认证", "信息费", "合计",
};
const char *const shapan_income_zh[SHAPAN_INC_COUNT] = {
    "销售收入",       "直接成本", "毛利",     "综合费用", "折旧前利润", "折旧",
    "支付利息前利润", "财务费用", "税前利润", "所得税",   "净利润",
};
const char *const shapan_balance_zh[SHAPAN_BAL_COUNT] = {
    "现金",         "应收款",         "在制品",
    "产成品",       "原材料",         "流动资产合计",
    "厂房",         "机器设备",       "在建工程",
    "固定资产合计", "资产总计",       "长期负债",
    "短期负债",     "特别贷款",       "应交所得税",
    "负债合计",     "股东资本",       "利润留存",
    "年度净利",     "所有者权益合计", "负债和所有者权益总计",
};

/* An entry whose id failed to load is "" and never matches. */
#define FIND(arr, n)                                                                               \
    do {                                                                                           \
        if (!sc || !id || !id[0])                                                                  \
            return -1;                                                                             \
        for (int i_ = 0; i_ < (n); i_++)                                                           \
            if (strcmp((arr)[i_].id, id) == 0)                                                     \
                return i_;                                                                         \
        return -1;                                                                                 \
    } while (0)

int shapan_scenario_material(const ShapanScenario *sc, const char *id)
{
    FIND(sc->materials, sc->nmaterials);
}

int shapan_scenario_product(const ShapanScenario *sc, const char *id)
{
    FIND(sc->products, sc->nproducts);
}

int shapan_scenario_market(const ShapanScenario *sc, const char *id)
{
    FIND(sc->markets, sc->nmarkets);
}

int shapan_scenario_iso(const ShapanScenario *sc, const char *id) { FIND(sc->isos, sc->nisos); }

int shapan_scenario_plant_type(const ShapanScenario *sc, const char *id)
{
    FIND(sc->plant_types, sc->nplant_types);
}

int shapan_scenario_line_type(const ShapanScenario *sc, const char *id)
{
    FIND(sc->line_types, sc->nline_types);
}

/* Merge sort of order indices by id (stable; no global comparator state, so
 * scenarios may be loaded on several threads at once). */
static void sort_ids(const ShapanOrder *o, int32_t *a, int32_t *tmp, int n)
{
    if (n < 2)
        return;
    int h = n / 2;
    sort_ids(o, a, tmp, h);
    sort_ids(o, a + h, tmp, n - h);
    int i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = strcmp(o[a[j]].id, o[a[i]].id) < 0 ? a[j++] : a[i++];
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, sizeof *a * (size_t)n);
}

void shapan_catalogue_index(ShapanScenario *sc)
{
    free(sc->order_index);
    sc->order_index = NULL;
    sc->norder_index = 0;
    if (sc->norders <= 0)
        return;
    int32_t *idx = malloc(sizeof(int32_t) * (size_t)sc->norders);
    int32_t *tmp = malloc(sizeof(int32_t) * (size_t)sc->norders);
    if (idx && tmp) {
        for (int i = 0; i < sc->norders; i++)
            idx[i] = i;
        sort_ids(sc->orders, idx, tmp, sc->norders);
        sc->order_index = idx;
        sc->norder_index = sc->norders;
        idx = NULL;
    }
    free(idx); /* out of memory: look-ups scan */
    free(tmp);
}

int shapan_scenario_order(const ShapanScenario *sc, const char *id)
{
    if (sc && id && sc->order_index && sc->norder_index == sc->norders) {
        int lo = 0, hi = sc->norder_index - 1;
        while (lo <= hi) {
            int mid = lo + (hi - lo) / 2;
            int k = sc->order_index[mid];
            int c = k < sc->norders ? strcmp(sc->orders[k].id, id) : 1;
            if (c == 0)
                return k;
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
    }
    FIND(sc->orders, sc->norders);
}

int shapan_scenario_item(const ShapanScenario *sc, const char *id)
{
    int m = shapan_scenario_material(sc, id);
    if (m >= 0)
        return m;
    int p = shapan_scenario_product(sc, id);
    return p >= 0 ? sc->nmaterials + p : -1;
}

const char *shapan_scenario_item_id(const ShapanScenario *sc, int item)
{
    if (!sc || item < 0)
        return NULL;
    if (item < sc->nmaterials)
        return sc->materials[item].id;
    if (item < sc->nmaterials + sc->nproducts)
        return sc->products[item - sc->nmaterials].id;
    return NULL;
}

int64_t shapan_scenario_item_cost(const ShapanScenario *sc, int item)
{
    if (!sc || item < 0)
        return 0;
    if (item < sc->nmaterials)
        return sc->materials[item].price;
    if (item < sc->nmaterials + sc->nproducts)
        return sc->products[item - sc->nmaterials].direct_cost;
    return 0;
}

int64_t shapan_scenario_loan_cap(const ShapanScenario *sc, int64_t equity)
{
    return equity > 0 ? shapan_floor(equity, sc->fin.loan_cap) : 0;
}

uint64_t shapan_fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}
