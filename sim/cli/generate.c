/* shapan-cli generate --scenario S --teams N --seed K [--out NEW.json] */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void generate_help(void)
{
    printf("usage: shapan-cli generate --scenario S --teams N --seed K [--out NEW.json]\n\n"
           "Replaces the scenario's order book with one generated from its forecast\n"
           "(RULES.md §9) for N teams and seed K, and writes the scenario to --out\n"
           "(atomically) or to standard output.\n");
}

int cli_generate(int argc, char **argv)
{
    const char *scen = NULL, *out = NULL;
    int teams = 0;
    uint64_t seed = 0;
    bool have_seed = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (cli_is_help(a)) {
            generate_help();
            return CLI_OK;
        }
        if (!strcmp(a, "--scenario") || !strcmp(a, "--teams") || !strcmp(a, "--seed") ||
            !strcmp(a, "--out")) {
            if (!(v = cli_value(argc, argv, &i)))
                return CLI_USAGE;
        } else {
            return cli_usage_error("generate", "unexpected argument %s", a);
        }
        if (!strcmp(a, "--scenario"))
            scen = v;
        else if (!strcmp(a, "--out"))
            out = v;
        else if (!strcmp(a, "--teams") && !cli_parse_int(v, 1, SHAPAN_MAX_TEAMS, &teams))
            return cli_usage_error("generate", "--teams: expected 1..%d, got %s", SHAPAN_MAX_TEAMS,
                                   v);
        else if (!strcmp(a, "--seed") && !(have_seed = cli_parse_u64(v, &seed)))
            return cli_usage_error("generate", "--seed: expected an integer >= 0, got %s", v);
    }
    if (!scen || !teams || !have_seed)
        return cli_usage_error("generate", "--scenario, --teams and --seed are required");
    ShapanScenario *sc = cli_load_scenario(scen);
    if (!sc)
        return CLI_REJECTED;
    ShapanError e;
    memset(&e, 0, sizeof e);
    if (shapan_generate_orders(sc, teams, seed, &e) != SHAPAN_OK) {
        cli_print_error(stderr, scen, &e);
        shapan_scenario_free(sc);
        return CLI_REJECTED;
    }
    char *json = shapan_scenario_to_json(sc);
    shapan_scenario_free(sc);
    if (!json) {
        fprintf(stderr, "%s: the scenario could not be serialised\n", scen);
        return CLI_REJECTED;
    }
    bool ok = cli_write(out, json);
    free(json);
    return ok ? CLI_OK : CLI_REJECTED;
}
