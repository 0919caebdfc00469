/* Helpers for the tests that play commands (test_finance.c, test_production.c,
 * test_lifecycle.c, and through meetutil.h the meeting, bid, golden, random and
 * rival tests): load a scenario, apply commands written as JSON with every
 * invariant checked, walk a team to a given stage, read its board and statements.
 *
 * Commands are compact JSON in which ' stands for " and printf formats are
 * allowed: TU_OK(w, "{'cmd':'short_loan','team':1,'amount':%d}", 409). */
#ifndef SHAPAN_BOARDUTIL_H
#define SHAPAN_BOARDUTIL_H

#include "testutil.h"

#include "shapan/command.h"

/* Short names of the stages, as the board tests write positions:
 * TU_GOTO(w, 1, 2, 1, S3) is team 1 to Y2Q1 S3. */
#define YS SHAPAN_STAGE_YEAR_START
#define LL SHAPAN_STAGE_LONG_LOAN
#define S1 SHAPAN_STAGE_S1
#define S2 SHAPAN_STAGE_S2
#define S3 SHAPAN_STAGE_S3
#define S4 SHAPAN_STAGE_S4
#define S5 SHAPAN_STAGE_S5
#define S6 SHAPAN_STAGE_S6

/* scenarios/<rel> loaded with shapan_scenario_load; fails the test on any
 * error.  Caller frees with shapan_scenario_free. */
ShapanScenario *tu_load(const char *rel);
ShapanScenario *tu_load_standard(void); /* scenarios/standard-base.json */
/* Appends one pick order to the book; returns its index. */
int tu_add_order(ShapanScenario *sc, const char *id, int year, const char *market,
                 const char *product, int qty, int64_t price, int delivery, int term);
/* Drops every order of the book (so that meetings are empty). */
void tu_clear_orders(ShapanScenario *sc);
/* A world of nteams on sc (seed 1); fails unless it is created and verifies. */
ShapanWorld *tu_world(const ShapanScenario *sc, int nteams);

/* cmocka group setup/teardown: tu_sc is the default scenario with an empty order
 * book (so that the meetings are empty), loaded once for the whole group. */
extern ShapanScenario *tu_sc;
int tu_setup_no_orders(void **state);
int tu_teardown_scenario(void **state);

/* Applies one command with the invariants of STYLE.md habit 2 checked:
 * shapan_cmd_check agrees with shapan_cmd_apply, check never changes the hash, a
 * rejected command leaves the hash (and the seq) unchanged, and
 * shapan_world_verify holds afterwards.  Returns the code. */
ShapanErrorCode tu_apply(ShapanWorld *w, const ShapanCommand *c, ShapanError *err);
/* Printed before every failure of the helpers below (e.g. "seed 3 step 812");
 * empty by default. */
extern char tu_context[160];

/* The same for a command written as JSON ("{'cmd':'pick','team':1,'order':'A1'}",
 * printf-style); a command that does not decode returns the decoder's code. */
ShapanErrorCode tu_try(ShapanWorld *w, ShapanError *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The command must end with `want` (SHAPAN_OK: be accepted), or the test fails at
 * file:line with the command's text.  Use through TU_OK / TU_FAIL. */
void tu_expect_at(const char *file, int line, ShapanWorld *w, ShapanErrorCode want, const char *fmt,
                  ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
#define TU_OK(w, ...) tu_expect_at(__FILE__, __LINE__, (w), SHAPAN_OK, __VA_ARGS__)
#define TU_FAIL(w, code, ...) tu_expect_at(__FILE__, __LINE__, (w), (code), __VA_ARGS__)
/* The brief's spelling: a fixed JSON text, must be accepted / must be refused with code. */
#define tu_cmd(w, json) TU_OK((w), "%s", (json))
#define tu_reject(w, json, code) TU_FAIL((w), (code), "%s", (json))

/* `next` for team n times. */
#define TU_NEXT(w, team, n) tu_next_at(__FILE__, __LINE__, (w), (team), (n))
void tu_next_at(const char *file, int line, ShapanWorld *w, int team, int n);
/* Moves `team` forward with `next` (and empty ads at the year start of a meeting
 * year) until it stands at (year, quarter, stage); quarter is ignored for
 * year_start/meeting/long_loan.  Fails if the team is stuck (a meeting that waits
 * for other teams, a refused payment) or has passed the target. */
#define TU_GOTO(w, team, y, q, stage) tu_goto_at(__FILE__, __LINE__, (w), (team), (y), (q), (stage))
void tu_goto_at(const char *file, int line, ShapanWorld *w, int team, int year, int quarter,
                ShapanStage stage);

/* The same for every live team at once (the meetings wait for all of them). */
#define TU_GOTO_ALL(w, y, q, stage) tu_goto_all_at(__FILE__, __LINE__, (w), (y), (q), (stage))
void tu_goto_all_at(const char *file, int line, ShapanWorld *w, int year, int quarter,
                    ShapanStage stage);

const ShapanTeam *tu_team(const ShapanWorld *w, int team);
int64_t tu_cash(const ShapanWorld *w, int team);
ShapanStage tu_stage(const ShapanWorld *w, int team);
/* Statement of `team` for `year` (may be the running year: "so far"). */
ShapanStatement tu_stmt(const ShapanWorld *w, int team, int year);
/* Sum of the team's ledger entries of (year, quarter) that debit `debit` (any
 * credit when credit < 0) — e.g. finance paid at a year start. */
int64_t tu_booked(const ShapanWorld *w, int team, int year, int quarter, ShapanAccount debit,
                  int credit);
int tu_item(const ShapanWorld *w, const char *id); /* materials first, then products */
int tu_product(const ShapanWorld *w, const char *id);
int tu_market(const ShapanWorld *w, const char *id);
int tu_order(const ShapanWorld *w, const char *id); /* scenario index */

#endif
