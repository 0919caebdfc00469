/* Reading rival profiles from JSON (scenarios/rivals/NAME.json). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ai/profile.h"
#include "catalogue/jsonutil.h"
#include "shapan/log.h"

static bool read_dev(const cJSON *arr, const char *key, AiDev *out, int max, int *n,
                     ShapanError *err)
{
    *n = 0;
    if (!arr)
        return true;
    if (!cJSON_IsArray(arr)) {
        shapan_error_set(err, SHAPAN_E_FIELD, key, "%s must be an array.", key);
        return false;
    }
    int i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        char path[64];
        shapan_json_path_index(path, sizeof path, key, i);
        if (i >= max) {
            shapan_error_set(err, SHAPAN_E_CAPACITY, path, "At most %d entries.", max);
            return false;
        }
        AiDev *d = &out[i];
        if (!shapan_json_id(it, "id", d->id, sizeof d->id, path, err) ||
            !shapan_json_int32_opt(it, "year", 1, SHAPAN_MAX_YEARS, 1, &d->year, path, err) ||
            !shapan_json_int32_opt(it, "quarter", 1, 4, 1, &d->quarter, path, err))
            return false;
        i++;
    }
    *n = i;
    return true;
}

ShapanProfile *shapan_profile_from_json(const char *text, size_t len, ShapanError *err)
{
    cJSON *root = shapan_json_parse(text, len, err);
    if (!root)
        return NULL;
    ShapanProfile *p = calloc(1, sizeof *p);
    bool ok = p != NULL;
    int64_t reserve = 0;
    ok =
        ok && shapan_json_string(root, "profile", p->name, sizeof p->name, "", err) &&
        shapan_json_string_opt(root, "description", "", p->description, sizeof p->description, "",
                               err) &&
        shapan_json_bool_opt(root, "idle", false, &p->idle, "", err) &&
        shapan_json_int32_opt(root, "ad_percent", 0, 1000, 100, &p->ad_percent, "", err) &&
        shapan_json_int32_opt(root, "ad_extra", 0, 1000, 0, &p->ad_extra, "", err) &&
        shapan_json_int32_opt(root, "overbook_percent", 0, 200, 0, &p->overbook_percent, "", err) &&
        shapan_json_int32_opt(root, "loan_cap_percent", 0, 100, 50, &p->loan_cap_percent, "",
                              err) &&
        shapan_json_int32_opt(root, "long_percent", 0, 100, 0, &p->long_percent, "", err) &&
        shapan_json_int32_opt(root, "long_years", 1, 5, 2, &p->long_years, "", err) &&
        shapan_json_int_opt(root, "reserve", 0, 100000, 20, &reserve, "", err) &&
        shapan_json_bool_opt(root, "bids", false, &p->bids, "", err) &&
        shapan_json_bool_opt(root, "endgame", false, &p->endgame, "", err) &&
        shapan_json_int32_opt(root, "carry_quarters", 0, 8, 2, &p->carry_quarters, "", err) &&
        shapan_json_int32_opt(root, "ad_noise_percent", 0, 50, 10, &p->ad_noise_percent, "", err) &&
        shapan_json_int32_opt(root, "bid_markup_percent", 100, 300, 180, &p->bid_markup_percent, "",
                              err) &&
        shapan_json_bool_opt(root, "discount", true, &p->discount, "", err) &&
        shapan_json_int32_opt(root, "shrink_ad_percent", 0, 100, 100, &p->shrink_ad_percent, "",
                              err) &&
        shapan_json_bool_opt(root, "shrink_invest", false, &p->shrink_invest, "", err) &&
        shapan_json_int32_opt(root, "crowd_percent", 0, 200, 0, &p->crowd_percent, "", err) &&
        shapan_json_bool_opt(root, "share_picks", false, &p->share_picks, "", err) &&
        shapan_json_int32_opt(root, "emergency_units", 0, 100, 0, &p->emergency_units, "", err) &&
        shapan_json_int32_opt(root, "floor_years", 0, SHAPAN_MAX_YEARS, 0, &p->floor_years, "",
                              err) &&
        shapan_json_int32_opt(root, "floor_margin", 0, 1000, 0, &p->floor_margin, "", err);
    if (ok)
        p->reserve = reserve;
    ok = ok &&
         read_dev(cJSON_GetObjectItemCaseSensitive(root, "products"), "products", p->products,
                  SHAPAN_MAX_PRODUCTS, &p->nproducts, err) &&
         read_dev(cJSON_GetObjectItemCaseSensitive(root, "markets"), "markets", p->markets,
                  SHAPAN_MAX_MARKETS, &p->nmarkets, err) &&
         read_dev(cJSON_GetObjectItemCaseSensitive(root, "isos"), "isos", p->isos, SHAPAN_MAX_ISOS,
                  &p->nisos, err);
    const cJSON *builds = cJSON_GetObjectItemCaseSensitive(root, "builds");
    if (ok && builds) {
        int i = 0;
        const cJSON *it;
        cJSON_ArrayForEach(it, builds)
        {
            char path[64];
            shapan_json_path_index(path, sizeof path, "builds", i);
            if (i >= AI_MAX_STEPS) {
                shapan_error_set(err, SHAPAN_E_CAPACITY, path, "At most %d builds.", AI_MAX_STEPS);
                ok = false;
                break;
            }
            AiBuild *b = &p->builds[i];
            char kind[16];
            ok =
                shapan_json_string(it, "build", kind, sizeof kind, path, err) &&
                shapan_json_id(it, "type", b->type, sizeof b->type, path, err) &&
                shapan_json_int32(it, "year", 1, SHAPAN_MAX_YEARS, &b->year, path, err) &&
                shapan_json_int32(it, "quarter", 1, 4, &b->quarter, path, err) &&
                shapan_json_bool_opt(it, "buy", false, &b->buy, path, err) &&
                shapan_json_string_opt(it, "product", "", b->product, sizeof b->product, path, err);
            if (!ok)
                break;
            b->plant = strcmp(kind, "plant") == 0;
            if (!b->plant && strcmp(kind, "line") != 0) {
                shapan_error_set(err, SHAPAN_E_RANGE, path, "build is \"plant\" or \"line\".");
                ok = false;
                break;
            }
            i++;
        }
        p->nbuilds = i;
    }
    cJSON_Delete(root);
    if (!ok) {
        free(p);
        return NULL;
    }
    return p;
}

ShapanProfile *shapan_profile_load(const char *path, ShapanError *err)
{
    size_t len = 0;
    char *text = shapan_read_file(path, &len, err);
    if (!text)
        return NULL;
    ShapanProfile *p = shapan_profile_from_json(text, len, err);
    free(text);
    if (!p && err) {
        char where[sizeof err->where];
        int n = snprintf(where, sizeof where, "%.60s: %.60s", path, err->where);
        if (n > 0)
            memcpy(err->where, where, sizeof where);
    }
    return p;
}

void shapan_profile_free(ShapanProfile *p) { free(p); }

const char *shapan_profile_name(const ShapanProfile *p) { return p->name; }
