/* shapan-cli: the only part of sim/ that prints or exits.  Each subcommand
 * returns its exit status: 0 ok, 1 rejected input, 2 usage error. */
#ifndef SHAPAN_CLI_H
#define SHAPAN_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "shapan/game.h"
#include "shapan/report.h"

enum { CLI_OK = 0, CLI_REJECTED = 1, CLI_USAGE = 2 };

int cli_validate(int argc, char **argv);
int cli_replay(int argc, char **argv);
int cli_generate(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_grade(int argc, char **argv);
int cli_tournament(int argc, char **argv);
int cli_bench(int argc, char **argv);

/* Rival profiles named on the command line (rivals.c). */
typedef struct {
    char name[32];
    ShapanProfile *profile;   /* loaded from rivals/NAME.json (owned), or NULL */
    const ShapanRival *rival; /* the built-in rival when there is no file */
} CliRival;

typedef struct {
    CliRival rivals[SHAPAN_MAX_TEAMS]; /* distinct names, in order of first mention */
    int n;
    int seq[SHAPAN_MAX_TEAMS]; /* the list as given: indices into rivals[] */
    int nseq;
} CliRoster;

/* Resolves "a,b,c" against `dir` (or SCENARIO's folder/rivals when dir is NULL);
 * prints the problem.  CLI_OK, CLI_USAGE (unknown name) or CLI_REJECTED (a
 * profile file that does not load).  Free with cli_roster_free in every case. */
int cli_roster_parse(const char *cmd, const char *list, const char *scenario, const char *dir,
                     CliRoster *r);
void cli_roster_free(CliRoster *r);
ShapanController cli_roster_controller(const CliRoster *r, int k);
const char *cli_roster_help(void);
/* One team's final standing (results.c). */
typedef struct {
    int team, rank; /* rank: position in shapan_ranking, from 1 */
    bool bankrupt, scored;
    int bankrupt_year, bankrupt_quarter;
    int64_t equity;           /* of the last closed year */
    int64_t score, potential; /* when scored */
} CliTeamResult;
/* Fills out[0..n-1] in team order; returns n = the number of teams. */
int cli_results(const ShapanWorld *w, CliTeamResult *out);

/* A growable text buffer; `failed` is set once an allocation fails. */
typedef struct {
    char *data;
    size_t len, cap;
    bool failed;
} CliBuf;
bool cli_buf_printf(CliBuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* One CSV field, quoted when it holds a comma, quote or line break. */
bool cli_buf_csv(CliBuf *b, const char *field);
void cli_buf_free(CliBuf *b);

/* Seconds from a monotonic clock (the CLI may read a clock; sim/ may not). */
double cli_now(void);

/* Argument helpers: false on a malformed value (the caller prints usage). */
bool cli_parse_u64(const char *s, uint64_t *out);
bool cli_parse_int(const char *s, int lo, int hi, int *out);
/* "3.2", "Y3Q2" or "3" (= 3.4) */
bool cli_parse_quarter(const char *s, int *year, int *quarter);
/* The value after option argv[*i], advancing *i; NULL (and a message) if missing. */
const char *cli_value(int argc, char **argv, int *i);
bool cli_is_help(const char *arg);
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* "FILE: WHERE: E_CODE: message" on f */
void cli_print_error(FILE *f, const char *file, const ShapanError *e);
/* Loads a scenario, printing every error; NULL if any. */
ShapanScenario *cli_load_scenario(const char *path);
/* Writes text to path atomically, or to stdout when path is NULL; prints failures. */
bool cli_write(const char *path, const char *text);
/* Writes the JSON report; prints failures. */
bool cli_write_report(const ShapanWorld *w, const ShapanTeamInfo *teams, const char *path);
/* One line per team: rank, team, name, status, score, equity. */
void cli_print_ranking(const ShapanWorld *w, const ShapanTeamInfo *teams);

#endif
