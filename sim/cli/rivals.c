/* Resolving rival names for run, tournament and bench: NAME is the profile file
 * rivals/NAME.json next to the scenario (or in --rivals DIR); a name with no
 * file is a built-in rival of that name (idle). */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static void rivals_dir_of(const char *scenario, const char *dir, char *out, size_t n)
{
    if (dir) {
        snprintf(out, n, "%s", dir);
        return;
    }
    const char *slash = scenario ? strrchr(scenario, '/') : NULL;
    if (slash)
        snprintf(out, n, "%.*s/rivals", (int)(slash - scenario), scenario);
    else
        snprintf(out, n, "rivals");
}

static int find_or_add(const char *cmd, CliRoster *r, const char *name, const char *dir)
{
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->rivals[i].name, name))
            return i;
    if (r->n >= SHAPAN_MAX_TEAMS) {
        cli_usage_error(cmd, "at most %d different rival profiles", SHAPAN_MAX_TEAMS);
        return -CLI_USAGE;
    }
    CliRival *cr = &r->rivals[r->n];
    memset(cr, 0, sizeof *cr);
    snprintf(cr->name, sizeof cr->name, "%s", name);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.json", dir, name);
    struct stat stb;
    if (stat(path, &stb) == 0) {
        ShapanError e;
        memset(&e, 0, sizeof e);
        cr->profile = shapan_profile_load(path, &e);
        if (!cr->profile) {
            fprintf(stderr, "%s: %s: %s\n", e.where[0] ? e.where : path, shapan_error_name(e.code),
                    e.message);
            return -CLI_REJECTED;
        }
    } else if (!(cr->rival = shapan_rival_find(name))) {
        cli_usage_error(cmd,
                        "unknown rival profile \"%s\" (no %s, and no built-in rival of "
                        "that name)",
                        name, path);
        return -CLI_USAGE;
    }
    return r->n++;
}

int cli_roster_parse(const char *cmd, const char *list, const char *scenario, const char *dir,
                     CliRoster *r)
{
    memset(r, 0, sizeof *r);
    char folder[900];
    rivals_dir_of(scenario, dir, folder, sizeof folder);
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0 || len >= sizeof r->rivals[0].name) {
            cli_usage_error(cmd, "expected PROFILE[,PROFILE...], got \"%s\"", list);
            cli_roster_free(r);
            return CLI_USAGE;
        }
        if (r->nseq >= SHAPAN_MAX_TEAMS) {
            cli_usage_error(cmd, "at most %d profiles in a list", SHAPAN_MAX_TEAMS);
            cli_roster_free(r);
            return CLI_USAGE;
        }
        char name[sizeof r->rivals[0].name];
        memcpy(name, p, len);
        name[len] = '\0';
        int k = find_or_add(cmd, r, name, folder);
        if (k < 0) {
            cli_roster_free(r);
            return -k;
        }
        r->seq[r->nseq++] = k;
        p = comma ? comma + 1 : p + len;
    }
    if (r->nseq == 0) {
        cli_usage_error(cmd, "expected at least one rival profile");
        return CLI_USAGE;
    }
    return CLI_OK;
}

void cli_roster_free(CliRoster *r)
{
    for (int i = 0; i < r->n; i++)
        shapan_profile_free(r->rivals[i].profile);
    memset(r, 0, sizeof *r);
}

ShapanController cli_roster_controller(const CliRoster *r, int k)
{
    ShapanController c = {r->rivals[k].profile, r->rivals[k].rival, NULL};
    return c;
}

const char *cli_roster_help(void)
{
    return "A profile NAME is the file rivals/NAME.json in the scenario's folder (or in\n"
           "--rivals DIR); a name with no file is a built-in rival (idle).\n";
}
