/* Rival profiles: the parameters of the planning rival, read from
 * scenarios/rivals/NAME.json (see scenarios/rivals/README.md).  Ids are kept as
 * text and resolved against the scenario when a rival starts, so one profile
 * serves every scenario that has the named items (missing ones are skipped). */
#ifndef SHAPAN_AI_PROFILE_H
#define SHAPAN_AI_PROFILE_H

#include "shapan/ai.h"

#define AI_MAX_STEPS 24

typedef struct {
    int year, quarter;
    bool plant; /* a plant (type = plant type) or a line (type = line type) */
    bool buy;   /* plants: buy instead of rent */
    char type[SHAPAN_ID_LEN];
    char product[SHAPAN_ID_LEN]; /* lines */
} AiBuild;

typedef struct {
    int year, quarter;
    char id[SHAPAN_ID_LEN];
} AiDev;

struct ShapanProfile {
    char name[32];
    char description[160];
    AiBuild builds[AI_MAX_STEPS];
    int nbuilds;
    AiDev products[SHAPAN_MAX_PRODUCTS];
    int nproducts;
    AiDev markets[SHAPAN_MAX_MARKETS];
    int nmarkets;
    AiDev isos[SHAPAN_MAX_ISOS];
    int nisos;
    int ad_percent;       /* ads relative to what the planned sales need (100 = just enough) */
    int ad_extra;         /* W added to every cell it advertises in */
    int overbook_percent; /* picks up to capacity x (100 + this) / 100 */
    int loan_cap_percent; /* never borrows beyond this share of the loan cap */
    int long_percent;     /* share of the year's capital spending funded by a long loan */
    int long_years;
    int64_t reserve;        /* cash kept free beyond the known payments */
    int carry_quarters;     /* stock to carry into next year: quarters of each line's output */
    int ad_noise_percent;   /* seeded +- variation of ads, so equal rivals don't tie */
    bool bids;              /* answers bid orders it can make */
    bool endgame;           /* in the last quarter, buys what raises the score more than it
                               costs: rented plants, instant lines in free slots, last
                               instalments of certificates and R&D */
    int bid_markup_percent; /* bid price = direct cost x qty x this / 100 */
    bool discount;          /* discounts receivables to pay what is due */
    bool idle;              /* does nothing at all (the idle rival) */
    int shrink_ad_percent;  /* distressed (plan_shrink.c): ads scaled to this share */
    bool shrink_invest;     /* distressed: no new builds, R&D, markets or ISO */
    int crowd_percent;      /* share of the rivals' last-year sales counted against each cell
                               when its ads are split over the markets (plan_meeting.c) */
    bool share_picks;       /* buys no more picks in a cell than its share of the orders
                               among the rivals that sold there last year */
    int emergency_units;    /* an order due now that stock lacks at most this many units of:
                               buys them at the emergency price (plan_moves.c) */
    int floor_years;        /* the last years in which a score heading below idle's holds back
                               (plan_shrink.c) */
    int floor_margin;       /* percent of idle's score added to that floor */
};

#endif
