/* The decision log: record a game with the idle rival, save it atomically,
 * replay it; tampering, truncation, missing checkpoints, --until, headers. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "playutil.h"

typedef struct {
    ShapanScenario *sc;
    ShapanRecorder *rec;
    char *text; /* the recorded log (copy) */
    size_t len;
    char final_hash[17];
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->sc = pu_scenario("standard-base.json", 4);
    f->rec = pu_play(f->sc, "idle", 4, 11, 100000);
    assert_true(shapan_world_over(shapan_recorder_world(f->rec)));
    const char *t = shapan_recorder_text(f->rec, &f->len);
    f->text = malloc(f->len + 1);
    memcpy(f->text, t, f->len + 1);
    pu_hash(shapan_recorder_world(f->rec), f->final_hash);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    shapan_recorder_destroy(f->rec);
    shapan_scenario_free(f->sc);
    free(f->text);
    free(f);
    return 0;
}

/* Start of line n (1-based) in text, or NULL. */
static char *line_at(char *text, int n)
{
    char *p = text;
    for (int i = 1; i < n && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return p;
}

/* First line number >= from that contains needle, or 0. */
static int find_line(const char *text, int from, const char *needle)
{
    int n = 1;
    for (const char *p = text; *p; n++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (n >= from) {
            char *line = strndup(p, len);
            bool hit = strstr(line, needle) != NULL;
            free(line);
            if (hit)
                return n;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    return 0;
}

/* text with every checkpoint line removed (caller frees) */
static char *without_checks(const char *text)
{
    char *out = malloc(strlen(text) + 1);
    size_t o = 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
        if (strncmp(p, "{\"check\"", 8) != 0) {
            memcpy(out + o, p, len);
            o += len;
        }
        p += len;
    }
    out[o] = '\0';
    return out;
}

static ShapanErrorCode replay(const char *text, const ShapanReplayOptions *opt, ShapanReplay *r,
                              ShapanError *e)
{
    memset(e, 0, sizeof *e);
    return shapan_replay_text(text, strlen(text), opt, r, e);
}

static void test_save_and_replay(void **state)
{
    Fixture *f = *state;
    char path[256];
    snprintf(path, sizeof path, "%s/game.jsonl", pu_tmpdir());
    ShapanError e;
    assert_int_equal(shapan_recorder_save(f->rec, path, &e), SHAPAN_OK);
    size_t len = 0;
    char *back = shapan_read_file(path, &len, &e);
    assert_non_null(back);
    assert_int_equal(len, f->len);
    assert_memory_equal(back, f->text, len);
    free(back);

    ShapanReplay r;
    assert_int_equal(shapan_replay_file(path, NULL, &r, &e), SHAPAN_OK);
    char h[17];
    pu_hash(r.world, h);
    assert_string_equal(h, f->final_hash);
    assert_true(r.checks >= 20); /* 5 years x 4 quarters + the meetings */
    assert_int_equal(r.truncated_line, 0);
    assert_false(r.stopped_early);
    assert_int_equal(r.header.nteams, 4);
    assert_string_equal(r.header.teams[0].controller, "ai:idle");
    assert_int_equal(r.header.seed, 11);
    char diff[256];
    assert_true(shapan_world_equal(r.world, shapan_recorder_world(f->rec), diff, sizeof diff));
    shapan_replay_free(&r);
}

static void test_checkpoint_lines(void **state)
{
    Fixture *f = *state;
    assert_true(find_line(f->text, 2, "{\"check\":\"Y1Q1\",\"hash\":\"") > 0);
    assert_true(find_line(f->text, 2, "{\"check\":\"Y2M\"") > 0);
    assert_true(find_line(f->text, 2, "{\"check\":\"Y5Q4\"") > 0);
    assert_int_equal(find_line(f->text, 2, "{\"check\":\"Y1M\""), 0); /* year 1 has no meeting */
    char label[16];
    shapan_checkpoint_label(label, sizeof label, 2, 3);
    assert_string_equal(label, "Y2Q3");
    shapan_checkpoint_label(label, sizeof label, 4, 0);
    assert_string_equal(label, "Y4M");
    /* commands are numbered 1, 2, 3 ... */
    assert_int_equal(find_line(f->text, 1, "{\"seq\":1,"), 2);
    assert_int_equal(find_line(f->text, 1, "{\"seq\":2,"), 3);
}

/* decode_only reads every line and decodes every command, applies nothing:
 * a tampered (but well-formed) log reads fine, an unknown command does not. */
static void test_decode_only(void **state)
{
    Fixture *f = *state;
    ShapanReplayOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.decode_only = true;
    ShapanReplay full, r;
    ShapanError e;
    assert_int_equal(replay(f->text, NULL, &full, &e), SHAPAN_OK);
    assert_int_equal(replay(f->text, &opt, &r, &e), SHAPAN_OK);
    assert_int_equal(r.commands, full.commands);
    assert_true(r.commands > 100);
    assert_null(r.world);
    assert_int_equal(r.checks, 0);
    assert_non_null(r.scenario);
    shapan_replay_free(&r);
    shapan_replay_free(&full);

    char *t = strdup(f->text);
    int n = find_line(t, 2, "\"cmd\":\"end_quarter\",\"team\":1}");
    assert_true(n > 0);
    char *p = strstr(line_at(t, n), "end_quarter");
    memcpy(p, "end_qu4rter", strlen("end_quarter"));
    assert_int_equal(replay(t, &opt, &r, &e), SHAPAN_E_UNKNOWN_ID);
    char where[32];
    snprintf(where, sizeof where, "LOG:line %d", n);
    assert_string_equal(e.where, where);
    shapan_replay_free(&r);
    free(t);
}

static void test_tampered_command(void **state)
{
    Fixture *f = *state;
    /* team 1's first end_quarter becomes a concession: accepted, but the game differs */
    char *t = strdup(f->text);
    int n = find_line(t, 2, "\"cmd\":\"end_quarter\",\"team\":1}");
    assert_true(n > 0);
    char *p = strstr(line_at(t, n), "end_quarter");
    char *mod = malloc(strlen(t) + 8);
    sprintf(mod, "%.*sconcede%s", (int)(p - t), t, p + strlen("end_quarter"));
    int check = find_line(mod, n, "{\"check\"");
    ShapanReplay r;
    ShapanError e;
    assert_int_equal(replay(mod, NULL, &r, &e), SHAPAN_E_HASH);
    char where[32];
    snprintf(where, sizeof where, "LOG:line %d", check);
    assert_string_equal(e.where, where);
    shapan_replay_free(&r);

    /* the same without checkpoints: team 1's next command is rejected, on its line */
    char *bare = without_checks(mod);
    int next = find_line(bare, n + 1, "\"team\":1}");
    assert_true(next > 0);
    assert_int_not_equal(replay(bare, NULL, &r, &e), SHAPAN_OK);
    snprintf(where, sizeof where, "LOG:line %d", next);
    assert_string_equal(e.where, where);
    assert_non_null(r.world);
    assert_int_equal(r.commands, next - 2);
    shapan_replay_free(&r);
    free(bare);
    free(mod);
    free(t);
}

static void test_tampered_seq_and_garbage(void **state)
{
    Fixture *f = *state;
    char *t = strdup(f->text);
    char *p = strstr(t, "{\"seq\":3,");
    assert_non_null(p);
    p[7] = '4'; /* line 4 now claims seq 4 */
    ShapanReplay r;
    ShapanError e;
    assert_int_equal(replay(t, NULL, &r, &e), SHAPAN_E_LOG);
    assert_string_equal(e.where, "LOG:line 4");
    shapan_replay_free(&r);
    p[7] = '3';
    p[1] = '#'; /* a malformed line in the middle stops the replay */
    assert_int_equal(replay(t, NULL, &r, &e), SHAPAN_E_JSON);
    assert_string_equal(e.where, "LOG:line 4");
    shapan_replay_free(&r);
    free(t);
}

static void test_truncated_last_line(void **state)
{
    Fixture *f = *state;
    char *t = strdup(f->text);
    int lines = 0;
    for (char *p = t; *p; p++)
        lines += *p == '\n';
    /* cut the last line in half and drop its newline */
    char *last = line_at(t, lines);
    size_t keep = (size_t)(last - t) + strlen(last) / 2;
    t[keep] = '\0';
    ShapanReplay r;
    ShapanError e;
    assert_int_equal(replay(t, NULL, &r, &e), SHAPAN_OK);
    assert_int_equal(r.truncated_line, lines);
    shapan_replay_free(&r);
    /* a broken last line that does end with a newline is an error */
    t[keep] = '\n';
    t[keep + 1] = '\0';
    assert_int_not_equal(replay(t, NULL, &r, &e), SHAPAN_OK);
    char where[32];
    snprintf(where, sizeof where, "LOG:line %d", lines);
    assert_string_equal(e.where, where);
    shapan_replay_free(&r);
    free(t);
}

static void test_no_checkpoints(void **state)
{
    Fixture *f = *state;
    char *bare = without_checks(f->text);
    ShapanReplay r;
    ShapanError e;
    assert_int_equal(replay(bare, NULL, &r, &e), SHAPAN_OK);
    assert_int_equal(r.checks, 0);
    char h[17];
    pu_hash(r.world, h);
    assert_string_equal(h, f->final_hash);
    shapan_replay_free(&r);
    free(bare);
}

static void test_until(void **state)
{
    Fixture *f = *state;
    ShapanReplayOptions opt = {NULL, NULL, 2, 3};
    ShapanReplay r;
    ShapanError e;
    assert_int_equal(replay(f->text, &opt, &r, &e), SHAPAN_OK);
    assert_true(r.stopped_early);
    /* the state is the one the Y2Q3 checkpoint recorded */
    int n = find_line(f->text, 2, "{\"check\":\"Y2Q3\"");
    char *line = line_at(f->text, n);
    char h[17];
    pu_hash(r.world, h);
    assert_memory_equal(strstr(line, "\"hash\":\"") + 8, h, 16);
    for (int t = 1; t <= 4; t++) {
        int y = 0, q = 0;
        ShapanStage st;
        shapan_view_position(r.world, t, &y, &q, &st);
        assert_true(shapan_aq(y, q) > shapan_aq(2, 3) ||
                    (shapan_aq(y, q) == shapan_aq(2, 3) && st == SHAPAN_STAGE_S6));
    }
    shapan_replay_free(&r);
}

static void test_scenario_by_path(void **state)
{
    Fixture *f = *state;
    const char *dir = pu_tmpdir();
    char spath[256], lpath[256];
    snprintf(spath, sizeof spath, "%s/s.json", dir);
    snprintf(lpath, sizeof lpath, "%s/g.jsonl", dir);
    char *scen = shapan_scenario_to_json(f->sc);
    ShapanError e;
    assert_int_equal(shapan_write_atomic(spath, scen, strlen(scen), &e), SHAPAN_OK);
    char sha[65];
    shapan_sha256_hex(scen, strlen(scen), sha);
    const char *body = strchr(f->text, '\n') + 1;
    char *log = malloc(strlen(body) + 512);
    sprintf(log,
            "{\"log\":\"shapan\",\"format\":1,\"scenario\":{\"path\":\"s.json\",\"sha256\":\"%s\"},"
            "\"seed\":11,\"teams\":[{\"name\":\"a\",\"controller\":\"human\"},{\"name\":\"b\","
            "\"controller\":\"ai:idle\"},{\"name\":\"c\",\"controller\":\"human\"},{\"name\":"
            "\"d\",\"controller\":\"human\"}]}\n%s",
            sha, body);
    assert_int_equal(shapan_write_atomic(lpath, log, strlen(log), &e), SHAPAN_OK);
    ShapanReplay r;
    assert_int_equal(shapan_replay_file(lpath, NULL, &r, &e), SHAPAN_OK);
    char h[17];
    pu_hash(r.world, h);
    assert_string_equal(h, f->final_hash);
    assert_string_equal(r.header.teams[1].name, "b");
    shapan_replay_free(&r);

    /* the override must still match the named sha256 */
    ShapanReplayOptions opt = {NULL, tu_path("scenarios/classic.json"), 0, 0};
    assert_int_equal(shapan_replay_file(lpath, &opt, &r, &e), SHAPAN_E_HASH);
    assert_string_equal(e.where, "LOG:line 1");
    shapan_replay_free(&r);
    free(log);
    free(scen);
}

static void test_bad_headers(void **state)
{
    (void)state;
    const char *bad[] = {
        "",
        "{\"log\":\"other\",\"format\":1}\n",
        "{\"log\":\"shapan\",\"format\":2,\"scenario\":{\"path\":\"x\"},\"seed\":1,\"teams\":[]}\n",
        "{\"log\":\"shapan\",\"format\":1,\"scenario\":{\"path\":\"x\"},\"seed\":1,\"teams\":[]}\n",
        "{\"log\":\"shapan\",\"format\":1,\"scenario\":{\"path\":\"/nonexistent/s.json\"},"
        "\"seed\":1,\"teams\":[{\"name\":\"a\",\"controller\":\"robot\"}]}\n",
        "{\"log\":\"shapan\",\"format\":1,\"scenario\":{\"path\":\"/nonexistent/s.json\"},"
        "\"seed\":1,\"teams\":[{\"name\":\"a\",\"controller\":\"human\"}]}\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ShapanReplay r;
        ShapanError e;
        assert_int_not_equal(replay(bad[i], NULL, &r, &e), SHAPAN_OK);
        assert_string_equal(e.where, "LOG:line 1");
        assert_null(r.world);
        shapan_replay_free(&r);
    }
}

static void test_files(void **state)
{
    (void)state;
    char sha[65];
    shapan_sha256_hex("abc", 3, sha);
    assert_string_equal(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    shapan_sha256_hex("", 0, sha);
    assert_string_equal(sha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    char path[256];
    snprintf(path, sizeof path, "%s/x.txt", pu_tmpdir());
    ShapanError e;
    assert_int_equal(shapan_write_atomic(path, "one", 3, &e), SHAPAN_OK);
    assert_int_equal(shapan_write_atomic(path, "two!", 4, &e), SHAPAN_OK);
    size_t len = 0;
    char *t = shapan_read_file(path, &len, &e);
    assert_string_equal(t, "two!");
    assert_int_equal(len, 4);
    free(t);
    assert_int_equal(shapan_write_atomic("/nonexistent-dir/x.txt", "a", 1, &e), SHAPAN_E_IO);
    assert_string_equal(e.where, "/nonexistent-dir/x.txt");
    assert_null(shapan_read_file("/nonexistent-dir/x.txt", &len, &e));
    assert_int_equal(e.code, SHAPAN_E_IO);
    assert_string_equal(e.where, "/nonexistent-dir/x.txt");
}

static void test_rejected_command_not_recorded(void **state)
{
    (void)state;
    ShapanScenario *sc = pu_scenario("standard-base.json", 2);
    ShapanError e;
    ShapanRecorder *r = shapan_recorder_create(sc, 5, 2, NULL, &e);
    assert_non_null(r);
    size_t before = 0, after = 0;
    shapan_recorder_text(r, &before);
    uint64_t h = shapan_world_hash(shapan_recorder_world(r));
    ShapanCommand c = shapan_cmd_simple(SHAPAN_CMD_SHORT_LOAN, 1); /* year start: not S1 */
    c.amount = 100;
    assert_int_not_equal(shapan_recorder_apply(r, &c, &e), SHAPAN_OK);
    c = shapan_cmd_simple(SHAPAN_CMD_DEVELOP_MARKET, 1);
    c.market = 42; /* not encodable */
    assert_int_equal(shapan_recorder_apply(r, &c, &e), SHAPAN_E_UNKNOWN_ID);
    shapan_recorder_text(r, &after);
    assert_int_equal(before, after);
    assert_true(h == shapan_world_hash(shapan_recorder_world(r)));
    const char *text = shapan_recorder_text(r, NULL);
    assert_true(strstr(text, "\"controller\":\"human\"") != NULL);
    assert_true(strstr(text, "\"name\":\"Team 2\"") != NULL);
    shapan_recorder_destroy(r);
    shapan_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_save_and_replay),
        cmocka_unit_test(test_checkpoint_lines),
        cmocka_unit_test(test_tampered_command),
        cmocka_unit_test(test_decode_only),
        cmocka_unit_test(test_tampered_seq_and_garbage),
        cmocka_unit_test(test_truncated_last_line),
        cmocka_unit_test(test_no_checkpoints),
        cmocka_unit_test(test_until),
        cmocka_unit_test(test_scenario_by_path),
        cmocka_unit_test(test_bad_headers),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_rejected_command_not_recorded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
