/* shapan-cli grade LOG.jsonl|DIR... [--out FILE.csv] [--jobs N]
 * Replays many logs on worker threads (each replay is independent: its own
 * scenario and world, so the single-threaded core needs no locks) and writes one
 * scoreboard row per team per log, in the order the logs were named. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define GRADE_MAX_JOBS 16

typedef struct {
    char *path; /* owned */
    bool ok;
    ShapanError err;
    int truncated_line;
    int nteams;
    char names[SHAPAN_MAX_TEAMS][SHAPAN_NAME_LEN];
    CliTeamResult teams[SHAPAN_MAX_TEAMS];
} GradeLog;

typedef struct {
    GradeLog *logs;
    int n;
    int next, done; /* guarded by lock */
    int bar;        /* last progress drawn, in 1/40ths */
    bool tty;
    pthread_mutex_t lock;
} GradeQueue;

static void grade_help(void)
{
    printf("usage: shapan-cli grade LOG.jsonl|DIR... [--out FILE.csv] [--jobs N]\n\n"
           "Replays every log (a folder stands for every *.jsonl in it, sorted by name),\n"
           "checking every recorded hash, and writes a scoreboard CSV (UTF-8 with BOM) to\n"
           "--out or standard output: one row per team per log with log, team, name,\n"
           "status (active/bankrupt), bankrupt_at, equity, potential, score and rank within\n"
           "its log; a log that fails gets one row with status \"rejected\" and the error,\n"
           "and one line on stderr (LOG: LOG:line N: E_CODE: message); the batch goes on.\n"
           "  --jobs N  worker threads (default 2)\n"
           "Exit 0 if every log replayed, 1 if any was rejected.\n");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !strcmp(s + n - m, suf);
}

/* Appends one path (copied) to the list. */
static bool push(char ***list, int *n, int *cap, const char *dir, const char *name)
{
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 64;
        char **p = realloc(*list, (size_t)nc * sizeof *p);
        if (!p)
            return false;
        *list = p;
        *cap = nc;
    }
    size_t len = (dir ? strlen(dir) + 1 : 0) + strlen(name) + 1;
    char *s = malloc(len);
    if (!s)
        return false;
    if (dir)
        snprintf(s, len, "%s/%s", dir, name);
    else
        snprintf(s, len, "%s", name);
    (*list)[(*n)++] = s;
    return true;
}

/* Expands the arguments: a folder gives its *.jsonl files, sorted by name. */
static bool collect(const char *arg, char ***list, int *n, int *cap)
{
    struct stat st;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode))
        return push(list, n, cap, NULL, arg); /* a missing file is rejected by replay */
    DIR *d = opendir(arg);
    if (!d)
        return push(list, n, cap, NULL, arg);
    int first = *n;
    bool ok = true;
    size_t dl = strlen(arg);
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", (int)(dl > 1 && arg[dl - 1] == '/' ? dl - 1 : dl), arg);
    for (struct dirent *e; ok && (e = readdir(d));)
        if (e->d_name[0] != '.' && has_suffix(e->d_name, ".jsonl"))
            ok = push(list, n, cap, dir, e->d_name);
    closedir(d);
    if (ok)
        qsort(*list + first, (size_t)(*n - first), sizeof **list, cmp_str);
    return ok;
}

/* cache: this worker's scenarios (a batch of logs usually shares one) */
static void grade_one(GradeLog *g, ShapanScenarioCache *cache)
{
    ShapanReplay r;
    memset(&g->err, 0, sizeof g->err);
    ShapanReplayOptions opt = {.cache = cache};
    ShapanErrorCode rc = shapan_replay_file(g->path, &opt, &r, &g->err);
    g->ok = rc == SHAPAN_OK;
    if (g->ok) {
        g->truncated_line = r.truncated_line;
        g->nteams = cli_results(r.world, g->teams);
        for (int t = 0; t < g->nteams; t++)
            snprintf(g->names[t], sizeof g->names[t], "%s", r.header.teams[t].name);
    }
    shapan_replay_free(&r);
}

static void draw_bar(GradeQueue *q)
{
    int width = 40;
    int filled = q->n ? q->done * width / q->n : width;
    if (filled == q->bar && q->done != q->n)
        return;
    q->bar = filled;
    fprintf(stderr, "\r[%.*s%*s] %d/%d", filled, "########################################",
            width - filled, "", q->done, q->n);
    if (q->done == q->n)
        fputc('\n', stderr);
    fflush(stderr);
}

static void *worker(void *arg)
{
    GradeQueue *q = arg;
    ShapanScenarioCache *cache = shapan_scenario_cache_create(); /* NULL: no cache, slower */
    for (;;) {
        pthread_mutex_lock(&q->lock);
        int i = q->next < q->n ? q->next++ : -1;
        pthread_mutex_unlock(&q->lock);
        if (i < 0) {
            shapan_scenario_cache_destroy(cache);
            return NULL;
        }
        grade_one(&q->logs[i], cache);
        pthread_mutex_lock(&q->lock);
        q->done++;
        if (q->tty)
            draw_bar(q);
        pthread_mutex_unlock(&q->lock);
    }
}

static void csv_row(CliBuf *b, const GradeLog *g, int t)
{
    const CliTeamResult *r = &g->teams[t];
    cli_buf_csv(b, g->path);
    cli_buf_printf(b, ",%d,", r->team);
    cli_buf_csv(b, g->names[t]);
    if (r->bankrupt)
        cli_buf_printf(b, ",bankrupt,Y%dQ%d", r->bankrupt_year, r->bankrupt_quarter);
    else
        cli_buf_printf(b, ",active,");
    cli_buf_printf(b, ",%" PRId64, r->equity);
    if (r->scored)
        cli_buf_printf(b, ",%" PRId64 ",%" PRId64, r->potential, r->score);
    else
        cli_buf_printf(b, ",,");
    cli_buf_printf(b, ",%d,\r\n", r->rank);
}

static void csv_rejected(CliBuf *b, const GradeLog *g)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s: %s: %s", g->err.where, shapan_error_name(g->err.code),
             g->err.message);
    cli_buf_csv(b, g->path);
    cli_buf_printf(b, ",,,rejected,,,,,,");
    cli_buf_csv(b, msg);
    cli_buf_printf(b, "\r\n");
}

/* Runs the queue on `jobs` threads (the calling thread waits). */
static bool run_jobs(GradeQueue *q, int jobs)
{
    pthread_t th[GRADE_MAX_JOBS];
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&th[started], NULL, worker, q) != 0)
            break;
    if (started == 0) {
        worker(q); /* no thread could start: grade on this one */
        return true;
    }
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    return true;
}

int cli_grade(int argc, char **argv)
{
    const char *out = NULL;
    int jobs = 2;
    char **paths = NULL;
    int n = 0, cap = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (cli_is_help(a)) {
            grade_help();
            goto usage_done;
        }
        if (a[0] != '-' || !a[1]) {
            if (!collect(a, &paths, &n, &cap)) {
                fprintf(stderr, "shapan-cli grade: out of memory\n");
                goto fail;
            }
            continue;
        }
        if (strcmp(a, "--out") && strcmp(a, "--jobs")) {
            cli_usage_error("grade", "unknown option %s", a);
            goto usage;
        }
        if (!(v = cli_value(argc, argv, &i)))
            goto usage;
        if (!strcmp(a, "--out")) {
            out = v;
        } else if (!cli_parse_int(v, 1, GRADE_MAX_JOBS, &jobs)) {
            cli_usage_error("grade", "--jobs: expected 1..%d, got %s", GRADE_MAX_JOBS, v);
            goto usage;
        }
    }
    if (n == 0) {
        cli_usage_error("grade", "expected at least one log file or folder with *.jsonl");
        goto usage;
    }

    GradeQueue q;
    memset(&q, 0, sizeof q);
    q.logs = calloc((size_t)n, sizeof *q.logs);
    if (!q.logs) {
        fprintf(stderr, "shapan-cli grade: out of memory\n");
        goto fail;
    }
    q.n = n;
    q.bar = -1;
    q.tty = isatty(fileno(stderr)) != 0;
    for (int i = 0; i < n; i++)
        q.logs[i].path = paths[i];
    pthread_mutex_init(&q.lock, NULL);
    run_jobs(&q, jobs < n ? jobs : n);
    pthread_mutex_destroy(&q.lock);

    int rejected = 0;
    CliBuf b = {NULL, 0, 0, false};
    cli_buf_printf(&b, "\xEF\xBB\xBF"
                       "log,team,name,status,bankrupt_at,equity,potential,score,"
                       "rank,error\r\n");
    for (int i = 0; i < n; i++) {
        const GradeLog *g = &q.logs[i];
        if (!g->ok) {
            rejected++;
            cli_print_error(stderr, g->path, &g->err);
            csv_rejected(&b, g);
            continue;
        }
        if (g->truncated_line)
            fprintf(stderr, "%s: LOG:line %d: truncated last line ignored\n", g->path,
                    g->truncated_line);
        for (int t = 0; t < g->nteams; t++)
            csv_row(&b, g, t);
    }
    int status = rejected ? CLI_REJECTED : CLI_OK;
    if (b.failed) {
        fprintf(stderr, "shapan-cli grade: out of memory while writing the scoreboard\n");
        status = CLI_REJECTED;
    } else if (!cli_write(out, b.data)) {
        status = CLI_REJECTED;
    }
    if (out)
        fprintf(stderr, "%s: %d logs, %d rejected\n", out, n, rejected);
    cli_buf_free(&b);
    free(q.logs);
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return status;

usage_done:
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return CLI_OK;
usage:
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return CLI_USAGE;
fail:
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return CLI_REJECTED;
}
