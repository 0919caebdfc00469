/* Shared by grade, tournament and bench: one team's final standing, and a
 * growable text buffer for CSV output. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_results(const ShapanWorld *w, CliTeamResult *out)
{
    int n = shapan_world_teams(w);
    int order[SHAPAN_MAX_TEAMS];
    int k = shapan_ranking(w, order);
    for (int t = 1; t <= n; t++) {
        CliTeamResult *r = &out[t - 1];
        memset(r, 0, sizeof *r);
        r->team = t;
        r->bankrupt = shapan_view_bankrupt(w, t, &r->bankrupt_year, &r->bankrupt_quarter);
        r->scored = shapan_team_score(w, t, &r->score, &r->potential);
        ShapanStatement st;
        shapan_statement(w, t, shapan_team_closed_year(w, t), &st);
        r->equity = st.balance[SHAPAN_BAL_EQUITY];
    }
    for (int i = 0; i < k; i++)
        if (order[i] >= 1 && order[i] <= n)
            out[order[i] - 1].rank = i + 1;
    return n;
}

bool cli_buf_printf(CliBuf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = b->cap - b->len;
        int n = b->data ? vsnprintf(b->data + b->len, room, fmt, ap) : -2;
        va_end(ap);
        if (n == -1) {
            b->failed = true;
            return false;
        }
        if (n >= 0 && (size_t)n < room) {
            b->len += (size_t)n;
            return true;
        }
        size_t need = b->len + (n > 0 ? (size_t)n : 0) + 1;
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < need)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = true;
            return false;
        }
        b->data = p;
        b->cap = cap;
    }
}

bool cli_buf_csv(CliBuf *b, const char *field)
{
    if (!strpbrk(field, ",\"\r\n"))
        return cli_buf_printf(b, "%s", field);
    if (!cli_buf_printf(b, "\""))
        return false;
    for (const char *p = field; *p; p++)
        if (!cli_buf_printf(b, *p == '"' ? "\"\"" : "%c", *p))
            return false;
    return cli_buf_printf(b, "\"");
}

void cli_buf_free(CliBuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}
