/* The report (INTERFACES.md §4) and its CSV form.  Everything here is read
 * from public views and statements: the report can't disagree with the game. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log/log_private.h"
#include "shapan/report.h"

static void team_name(const ShapanTeamInfo *teams, int team, char *buf, size_t n)
{
    if (teams && teams[team - 1].name[0])
        snprintf(buf, n, "%s", teams[team - 1].name);
    else
        snprintf(buf, n, "Team %d", team);
}

/* Equity at the end of the team's last closed year (the opening equity before that). */
static int64_t team_equity(const ShapanWorld *w, int team)
{
    ShapanStatement st;
    shapan_statement(w, team, shapan_team_closed_year(w, team), &st);
    return st.balance[SHAPAN_BAL_EQUITY];
}

static void add_section(ShapanSb *sb, const char *name, const char *const *keys,
                        const int64_t *vals, int n)
{
    shapan_sb_addf(sb, ",\"%s\":{", name);
    for (int i = 0; i < n; i++)
        shapan_sb_addf(sb, "%s\"%s\":%" PRId64, i ? "," : "", keys[i], vals[i]);
    shapan_sb_add(sb, "}");
}

static void add_team(ShapanSb *sb, const ShapanWorld *w, const ShapanTeamInfo *teams, int team)
{
    char name[SHAPAN_NAME_LEN];
    team_name(teams, team, name, sizeof name);
    int by = 0, bq = 0;
    bool bankrupt = shapan_view_bankrupt(w, team, &by, &bq);
    int64_t score = 0, potential = 0;
    bool scored = shapan_team_score(w, team, &score, &potential);

    shapan_sb_addf(sb, "{\"team\":%d,\"name\":", team);
    shapan_sb_add_jstr(sb, name);
    shapan_sb_addf(sb, ",\"status\":\"%s\",\"bankrupt_at\":", bankrupt ? "bankrupt" : "active");
    if (bankrupt)
        shapan_sb_addf(sb, "\"Y%dQ%d\"", by, bq);
    else
        shapan_sb_add(sb, "null");
    if (scored)
        shapan_sb_addf(sb, ",\"score\":%" PRId64 ",\"potential\":%" PRId64, score, potential);
    else
        shapan_sb_add(sb, ",\"score\":null,\"potential\":null");
    shapan_sb_addf(sb, ",\"equity\":%" PRId64 ",\"years\":[", team_equity(w, team));
    int closed = shapan_team_closed_year(w, team);
    for (int y = 0; y <= closed; y++) {
        ShapanStatement st;
        shapan_statement(w, team, y, &st);
        /* a year per line keeps golden-report diffs readable */
        shapan_sb_addf(sb, "%s\n{\"year\":%d", y ? "," : "", y);
        add_section(sb, "expenses", shapan_expense_keys, st.expenses, SHAPAN_EXP_COUNT);
        add_section(sb, "income", shapan_income_keys, st.income, SHAPAN_INC_COUNT);
        add_section(sb, "balance", shapan_balance_keys, st.balance, SHAPAN_BAL_COUNT);
        shapan_sb_add(sb, "}");
    }
    shapan_sb_add(sb, "]}");
}

char *shapan_report_json(const ShapanWorld *w, const ShapanTeamInfo *teams)
{
    ShapanSb sb;
    shapan_sb_init(&sb);
    char hash[17];
    shapan_log_hash_hex(shapan_world_hash(w), hash);
    shapan_sb_addf(&sb, "{\"format\":1,\"years\":%d,\"final_hash\":\"%s\",\"teams\":[",
                   shapan_world_scenario(w)->years, hash);
    for (int t = 1; t <= shapan_world_teams(w); t++) {
        shapan_sb_add(&sb, t > 1 ? ",\n" : "\n");
        add_team(&sb, w, teams, t);
    }
    shapan_sb_add(&sb, "]}\n");
    return shapan_sb_take(&sb);
}

/* --- ranking --------------------------------------------------------------------------- */

typedef struct {
    int team;
    int group; /* 0 scored, 1 live without a score yet, 2 bankrupt */
    int64_t key;
} RankRow;

static bool rank_before(const RankRow *a, const RankRow *b)
{
    if (a->group != b->group)
        return a->group < b->group;
    if (a->key != b->key)
        return a->key > b->key;
    return a->team < b->team;
}

int shapan_ranking(const ShapanWorld *w, int *teams_out)
{
    RankRow rows[SHAPAN_MAX_TEAMS];
    int n = shapan_world_teams(w);
    for (int t = 1; t <= n; t++) {
        RankRow r = {t, 1, team_equity(w, t)};
        int64_t score = 0, potential = 0;
        int y = 0, q = 0;
        if (shapan_view_bankrupt(w, t, &y, &q)) {
            r.group = 2;
        } else if (shapan_team_score(w, t, &score, &potential)) {
            r.group = 0;
            r.key = score;
        }
        /* insertion sort: at most 30 rows, and stable by construction */
        int i = t - 1;
        while (i > 0 && rank_before(&r, &rows[i - 1])) {
            rows[i] = rows[i - 1];
            i--;
        }
        rows[i] = r;
    }
    for (int i = 0; i < n; i++)
        teams_out[i] = rows[i].team;
    return n;
}

/* --- CSV ------------------------------------------------------------------------------- */

/* A CSV field: quoted when it holds a separator, a quote or a line break. */
static void csv_field(ShapanSb *sb, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        shapan_sb_add(sb, s);
        return;
    }
    shapan_sb_add(sb, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            shapan_sb_add(sb, "\"\"");
        else
            shapan_sb_addn(sb, p, 1);
    }
    shapan_sb_add(sb, "\"");
}

static ShapanErrorCode csv_write(const char *dir, const char *file, ShapanSb *sb, ShapanError *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    char *text = shapan_sb_take(sb);
    if (!text)
        return shapan_error_set(err, SHAPAN_E_IO, path, "out of memory");
    ShapanErrorCode rc = shapan_write_atomic(path, text, strlen(text), err);
    free(text);
    return rc;
}

/* Excel needs the byte order mark to read UTF-8; CRLF is what it writes itself. */
static const char csv_bom[] = "\xEF\xBB\xBF";

static ShapanErrorCode csv_statements(const ShapanWorld *w, const ShapanTeamInfo *teams,
                                      const char *dir, const char *file, int section,
                                      ShapanError *err)
{
    static const int counts[3] = {SHAPAN_EXP_COUNT, SHAPAN_INC_COUNT, SHAPAN_BAL_COUNT};
    const char *const *zh = section == 0   ? shapan_expense_zh
                            : section == 1 ? shapan_income_zh
                                           : shapan_balance_zh;
    ShapanSb sb;
    shapan_sb_init(&sb);
    shapan_sb_add(&sb, csv_bom);
    shapan_sb_add(&sb, "队伍,名称,年份");
    for (int i = 0; i < counts[section]; i++) {
        shapan_sb_add(&sb, ",");
        csv_field(&sb, zh[i]);
    }
    shapan_sb_add(&sb, "\r\n");
    for (int t = 1; t <= shapan_world_teams(w); t++) {
        char name[SHAPAN_NAME_LEN];
        team_name(teams, t, name, sizeof name);
        int closed = shapan_team_closed_year(w, t);
        for (int y = 0; y <= closed; y++) {
            ShapanStatement st;
            shapan_statement(w, t, y, &st);
            const int64_t *vals = section == 0   ? st.expenses
                                  : section == 1 ? st.income
                                                 : st.balance;
            shapan_sb_addf(&sb, "%d,", t);
            csv_field(&sb, name);
            shapan_sb_addf(&sb, ",%d", y);
            for (int i = 0; i < counts[section]; i++)
                shapan_sb_addf(&sb, ",%" PRId64, vals[i]);
            shapan_sb_add(&sb, "\r\n");
        }
    }
    return csv_write(dir, file, &sb, err);
}

static ShapanErrorCode csv_ranking(const ShapanWorld *w, const ShapanTeamInfo *teams,
                                   const char *dir, ShapanError *err)
{
    ShapanSb sb;
    shapan_sb_init(&sb);
    shapan_sb_add(&sb, csv_bom);
    shapan_sb_add(&sb, "名次,队伍,名称,状态,破产时间,得分,潜力,权益\r\n");
    int order[SHAPAN_MAX_TEAMS];
    int n = shapan_ranking(w, order);
    for (int i = 0; i < n; i++) {
        int t = order[i];
        char name[SHAPAN_NAME_LEN];
        team_name(teams, t, name, sizeof name);
        int by = 0, bq = 0;
        bool bankrupt = shapan_view_bankrupt(w, t, &by, &bq);
        int64_t score = 0, potential = 0;
        bool scored = shapan_team_score(w, t, &score, &potential);
        shapan_sb_addf(&sb, "%d,%d,", i + 1, t);
        csv_field(&sb, name);
        shapan_sb_add(&sb, bankrupt ? ",破产" : ",正常");
        if (bankrupt)
            shapan_sb_addf(&sb, ",Y%dQ%d", by, bq);
        else
            shapan_sb_add(&sb, ",");
        if (scored)
            shapan_sb_addf(&sb, ",%" PRId64 ",%" PRId64, score, potential);
        else
            shapan_sb_add(&sb, ",,");
        shapan_sb_addf(&sb, ",%" PRId64 "\r\n", team_equity(w, t));
    }
    return csv_write(dir, "ranking.csv", &sb, err);
}

ShapanErrorCode shapan_report_csv(const ShapanWorld *w, const ShapanTeamInfo *teams,
                                  const char *dir, ShapanError *err)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return shapan_error_set(err, SHAPAN_E_IO, dir, "cannot create the folder: %s",
                                strerror(errno));
    static const char *const files[3] = {"expenses.csv", "income.csv", "balance.csv"};
    for (int s = 0; s < 3; s++) {
        ShapanErrorCode rc = csv_statements(w, teams, dir, files[s], s, err);
        if (rc)
            return rc;
    }
    return csv_ranking(w, teams, dir, err);
}
