/* shapan-cli: the only part of sim/ that prints or exits.  Each subcommand
 * returns its exit status: 0 ok, 1 rejected input, 2 usage error. */
#ifndef SHAPAN_CLI_H
#define SHAPAN_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "shapan/report.h"

enum { CLI_OK = 0, CLI_REJECTED = 1, CLI_USAGE = 2 };

int cli_validate(int argc, char **argv);
int cli_replay(int argc, char **argv);
int cli_generate(int argc, char **argv);
int cli_run(int argc, char **argv);

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
