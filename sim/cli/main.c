/* shapan-cli: headless Shapan (INTERFACES.md §1). */
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} CliCommand;

static const CliCommand commands[] = {
    {"validate", cli_validate, "check scenario files, printing every error"},
    {"replay", cli_replay, "re-apply a decision log, checking every recorded hash"},
    {"generate", cli_generate, "make a fresh order book from a scenario's forecast"},
    {"run", cli_run, "play a whole game with scripted rivals"},
    {"grade", cli_grade, "replay many logs and write one scoreboard row per team per log"},
    {"tournament", cli_tournament, "seeded all-rival games in mixed fields; strength tables"},
    {"bench", cli_bench, "measure games, replay and parse throughput"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: shapan-cli COMMAND [ARGS...]   (shapan-cli COMMAND --help)\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nexit status: 0 ok, 1 input rejected, 2 usage error\n");
}

/* The CLI plays thousands of games in a row (tournament, bench, grade), each
 * allocating and freeing a world and its undo stacks of a few hundred KB.  With
 * glibc's defaults those blocks are mmapped or trimmed back to the system at
 * every free and page-faulted in again by the next game; keep them instead. */
static void tune_allocator(void)
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
}

int main(int argc, char **argv)
{
    tune_allocator();
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (cli_is_help(argv[1])) {
        usage(stdout);
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "shapan-cli: unknown command \"%s\"\n\n", argv[1]);
    usage(stderr);
    return CLI_USAGE;
}
