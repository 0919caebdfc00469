/* shapan-cli validate SCENARIO.json... */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define VALIDATE_MAX_ERRORS 1000

int cli_validate(int argc, char **argv)
{
    if (argc >= 2 && cli_is_help(argv[1])) {
        printf("usage: shapan-cli validate SCENARIO.json...\n\n"
               "Checks each scenario file and prints every error as\n"
               "  FILE: JSON.PATH: E_CODE: message\n"
               "Exit status 1 if any file has an error.\n");
        return CLI_OK;
    }
    if (argc < 2)
        return cli_usage_error("validate", "expected at least one scenario file");
    ShapanError *errs = calloc(VALIDATE_MAX_ERRORS, sizeof *errs);
    if (!errs) {
        fprintf(stderr, "shapan-cli validate: out of memory\n");
        return CLI_REJECTED;
    }
    int status = CLI_OK;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) {
            free(errs);
            return cli_usage_error("validate", "unknown option %s", argv[i]);
        }
    }
    for (int i = 1; i < argc; i++) {
        int n = 0;
        ShapanScenario *sc = shapan_scenario_load(argv[i], errs, VALIDATE_MAX_ERRORS, &n);
        if (sc) {
            printf("%s: ok\n", argv[i]);
            shapan_scenario_free(sc);
            continue;
        }
        status = CLI_REJECTED;
        for (int k = 0; k < n && k < VALIDATE_MAX_ERRORS; k++)
            cli_print_error(stdout, argv[i], &errs[k]);
        if (n > VALIDATE_MAX_ERRORS)
            printf("%s: ... and %d more errors\n", argv[i], n - VALIDATE_MAX_ERRORS);
        if (n == 0)
            printf("%s: E_INTERNAL: rejected without an error message\n", argv[i]);
    }
    free(errs);
    return status;
}
