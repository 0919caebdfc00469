/* An accepted shapan_cmd_check is kept, and an apply of the very same command for
 * the same team at the same seq commits it without running the command again
 * (core/command.c).  Every test compares with a world that applies the command
 * unchecked: the result must be the same to the hash, and a kept result is never
 * reused once anything else has happened. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardutil.h"
#include "core/internal.h"

/* The command in `json` (' for "), decoded; fails the test if it does not decode. */
static ShapanCommand cmd(const ShapanWorld *w, const char *json)
{
    char text[256];
    snprintf(text, sizeof text, "%s", json);
    for (char *p = text; *p; p++)
        if (*p == '\'')
            *p = '"';
    ShapanCommand c;
    ShapanError e = {0};
    if (shapan_cmd_from_json(shapan_world_scenario(w), text, strlen(text), &c, &e) != SHAPAN_OK)
        fail_msg("%s: %s: %s", text, e.where, e.message);
    return c;
}

static ShapanErrorCode check(const ShapanWorld *w, const char *json)
{
    ShapanCommand c = cmd(w, json);
    ShapanError e = {0};
    return shapan_cmd_check(w, &c, &e);
}

static ShapanErrorCode apply(ShapanWorld *w, const char *json)
{
    ShapanCommand c = cmd(w, json);
    ShapanError e = {0};
    return shapan_cmd_apply(w, &c, &e);
}

/* Applies `json` to both worlds: a after whatever it has kept, b unchecked. */
static void both(ShapanWorld *a, ShapanWorld *b, const char *json)
{
    ShapanErrorCode ra = apply(a, json), rb = apply(b, json);
    if (ra || rb)
        fail_msg("%s: %s, %s", json, shapan_error_name(ra), shapan_error_name(rb));
}

static bool kept(const ShapanWorld *w) { return w->scratch->valid; }

/* Each test's two worlds of two teams, both with team 1 at Y1Q1 S3 (675 W in
 * cash): `a` checks and applies, `b` applies the same commands unchecked. */
typedef struct {
    ShapanWorld *a, *b;
} Twins;

static int twins_setup(void **state)
{
    Twins *tw = malloc(sizeof *tw);
    assert_non_null(tw);
    tw->a = tu_world(tu_sc, 2);
    TU_GOTO(tw->a, 1, 1, 1, S3);
    TU_GOTO(tw->a, 2, 1, 1, S3);
    assert_int_equal(tu_cash(tw->a, 1), 675);
    tw->b = shapan_world_clone(tw->a);
    assert_non_null(tw->b);
    assert_int_equal(shapan_world_hash(tw->a), shapan_world_hash(tw->b));
    *state = tw;
    return 0;
}

static int twins_teardown(void **state)
{
    Twins *tw = *state;
    shapan_world_destroy(tw->a);
    shapan_world_destroy(tw->b);
    free(tw);
    return 0;
}

static const char *const RENT_SMALL = "{'cmd':'rent_plant','team':1,'type':'small'}";
static const char *const RENT_LARGE = "{'cmd':'rent_plant','team':1,'type':'large'}";

static void test_check_then_apply_is_apply(void **state)
{
    Twins *tw = *state;
    ShapanWorld *a = tw->a, *b = tw->b;
    uint64_t h0 = shapan_world_hash(a);
    assert_int_equal(check(a, RENT_SMALL), SHAPAN_OK);
    assert_true(kept(a));
    assert_int_equal(shapan_world_hash(a), h0); /* the kept result is no part of the state */
    assert_int_equal(tu_cash(a, 1), 675);
    assert_int_equal(apply(a, RENT_SMALL), SHAPAN_OK);
    assert_false(kept(a));
    assert_int_equal(apply(b, RENT_SMALL), SHAPAN_OK);
    assert_int_equal(tu_cash(a, 1), 675 - 9); /* a small plant's rent */
    assert_int_equal(tu_team(a, 1)->nplants, 1);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
    /* `next` and end_quarter (not undoable) the same way */
    assert_int_equal(check(a, "{'cmd':'end_quarter','team':1}"), SHAPAN_OK);
    both(a, b, "{'cmd':'end_quarter','team':1}");
    assert_int_equal(tu_stage(a, 1), S6);
    assert_int_equal(tu_cash(a, 1), 675 - 9 - 14); /* the admin fee */
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
    ShapanError e = {0};
    assert_int_equal(shapan_world_verify(a, &e), SHAPAN_OK);
}

/* Another team's command in between moves seq on: the kept run (whose ledger
 * entries carry the old seq) is not reused.  Team 2's command is an undo, which
 * runs nothing in the scratch. */
static void test_other_team_in_between(void **state)
{
    Twins *tw = *state;
    ShapanWorld *a = tw->a, *b = tw->b;
    both(a, b, "{'cmd':'rent_plant','team':2,'type':'medium'}");
    assert_int_equal(tu_cash(a, 2), 675 - 31);
    int32_t seq = shapan_world_seq(a);
    assert_int_equal(check(a, RENT_SMALL), SHAPAN_OK);
    both(a, b, "{'cmd':'undo','team':2}");
    both(a, b, RENT_SMALL);
    int n = 0;
    const ShapanEntry *e = shapan_ledger(a, 1, &n);
    assert_int_equal(e[n - 1].seq, seq + 1); /* team 1's rent is the second command */
    assert_int_equal(e[n - 1].amount, 9);
    assert_int_equal(tu_cash(a, 2), 675);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));

    /* a check of team 2's command replaces team 1's kept run: team 1's is run again */
    assert_int_equal(check(a, RENT_LARGE), SHAPAN_OK);
    assert_int_equal(check(a, "{'cmd':'rent_plant','team':2,'type':'small'}"), SHAPAN_OK);
    both(a, b, RENT_LARGE);
    assert_int_equal(tu_cash(a, 1), 675 - 9 - 51);
    assert_int_equal(tu_cash(a, 2), 675);
    assert_int_equal(tu_team(a, 1)->nplants, 2);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
}

/* A check of one command, then an apply of another: the other one is run. */
static void test_check_a_apply_b(void **state)
{
    Twins *tw = *state;
    ShapanWorld *a = tw->a, *b = tw->b;
    assert_int_equal(check(a, RENT_SMALL), SHAPAN_OK);
    both(a, b, RENT_LARGE);
    assert_int_equal(tu_cash(a, 1), 675 - 51);
    assert_int_equal(tu_team(a, 1)->plants[0].type, tu_team(b, 1)->plants[0].type);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
    /* the same type, another amount */
    TU_GOTO(a, 1, 1, 2, S1);
    TU_GOTO(b, 1, 1, 2, S1);
    assert_int_equal(check(a, "{'cmd':'short_loan','team':1,'amount':100}"), SHAPAN_OK);
    both(a, b, "{'cmd':'short_loan','team':1,'amount':200}");
    assert_int_equal(tu_cash(a, 1), tu_cash(b, 1));
    assert_int_equal(tu_team(a, 1)->loans[tu_team(a, 1)->nloans - 1].principal, 200);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
}

/* The kept run's key holds the arrays for the types that read them: a check of one
 * emergency buy, then an apply of the same type with other items, runs the other. */
static void test_check_a_apply_b_items(void **state)
{
    Twins *tw = *state;
    ShapanWorld *a = tw->a, *b = tw->b;
    assert_int_equal(check(a, "{'cmd':'emergency_buy','team':1,'items':{'R1':1}}"), SHAPAN_OK);
    assert_true(kept(a));
    both(a, b, "{'cmd':'emergency_buy','team':1,'items':{'R1':2}}");
    assert_int_equal(tu_team(a, 1)->materials[0], 2);
    assert_int_equal(tu_cash(a, 1), tu_cash(b, 1));
    assert_true(tu_cash(a, 1) < 675);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
    /* and the kept run of the very same items is committed like an apply */
    assert_int_equal(check(a, "{'cmd':'emergency_buy','team':1,'items':{'R1':3}}"), SHAPAN_OK);
    both(a, b, "{'cmd':'emergency_buy','team':1,'items':{'R1':3}}");
    assert_int_equal(tu_team(a, 1)->materials[0], 5);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
}

/* Undo after a kept run was committed gives back the board as it was. */
static void test_undo_after_checked_apply(void **state)
{
    Twins *tw = *state;
    ShapanWorld *a = tw->a, *b = tw->b;
    const ShapanTeam *board = tu_team(a, 1);
    ShapanTeam before = *board;
    assert_int_equal(check(a, RENT_SMALL), SHAPAN_OK);
    assert_int_equal(apply(a, RENT_SMALL), SHAPAN_OK);
    assert_int_equal(check(a, "{'cmd':'build_line','team':1,'plant':1,'type':'manual',"
                              "'product':'P1'}"),
                     SHAPAN_OK);
    assert_int_equal(apply(a, "{'cmd':'build_line','team':1,'plant':1,'type':'manual',"
                              "'product':'P1'}"),
                     SHAPAN_OK);
    assert_int_equal(tu_team(a, 1)->nlines, 1);
    assert_int_equal(apply(a, "{'cmd':'undo','team':1}"), SHAPAN_OK);
    assert_int_equal(tu_team(a, 1)->nlines, 0);
    assert_int_equal(tu_cash(a, 1), 675 - 9);
    assert_int_equal(apply(a, "{'cmd':'undo','team':1}"), SHAPAN_OK);
    /* the very board, untouched: its fields up to the lists byte for byte (past a
     * list's count the bytes of a board are never read) */
    assert_ptr_equal(tu_team(a, 1), board);
    assert_memory_equal(board, &before, offsetof(ShapanTeam, plants));
    assert_int_equal(board->nplants, 0);
    int n = 0;
    shapan_ledger(a, 1, &n);
    int nb = 0;
    shapan_ledger(b, 1, &nb);
    assert_int_equal(n, nb);
    /* b does the same unchecked: the same world, seq and all */
    assert_int_equal(apply(b, RENT_SMALL), SHAPAN_OK);
    assert_int_equal(apply(b, "{'cmd':'build_line','team':1,'plant':1,'type':'manual',"
                              "'product':'P1'}"),
                     SHAPAN_OK);
    assert_int_equal(apply(b, "{'cmd':'undo','team':1}"), SHAPAN_OK);
    assert_int_equal(apply(b, "{'cmd':'undo','team':1}"), SHAPAN_OK);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
}

/* A refused apply changes nothing, kept run or not. */
static void test_refused_apply_changes_nothing(void **state)
{
    Twins *tw = *state;
    ShapanWorld *a = tw->a, *b = tw->b;
    const char *too_dear = "{'cmd':'emergency_buy','team':1,'items':{'R1':1000}}";
    uint64_t h0 = shapan_world_hash(a);
    int32_t seq = shapan_world_seq(a);
    assert_int_equal(check(a, too_dear), SHAPAN_E_CASH);
    assert_false(kept(a));
    assert_int_equal(apply(a, too_dear), SHAPAN_E_CASH);
    assert_int_equal(shapan_world_hash(a), h0);
    /* refused while another command's run is kept; that one still applies right */
    assert_int_equal(check(a, RENT_SMALL), SHAPAN_OK);
    assert_int_equal(apply(a, too_dear), SHAPAN_E_CASH);
    assert_int_equal(apply(a, "{'cmd':'undo','team':1}"), SHAPAN_E_NOTHING);
    assert_int_equal(shapan_world_hash(a), h0);
    assert_int_equal(shapan_world_seq(a), seq);
    assert_int_equal(tu_cash(a, 1), 675);
    both(a, b, RENT_SMALL);
    assert_int_equal(tu_cash(a, 1), 675 - 9);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
}

/* A `next` whose step writes few spans of the board runs on the team's own board
 * (turn_next_spans): a check leaves it byte for byte as it was, kept or refused, and
 * its apply (kept or not, other commands in between or not) makes the same world as
 * an unchecked apply. */
static void test_next_in_place(void **state)
{
    Twins *tw = *state;
    ShapanWorld *a = tw->a, *b = tw->b;
    const char *next = "{'cmd':'next','team':1}";
    ShapanTeam *was = malloc(sizeof *was);
    assert_non_null(was);
    /* refused: the admin fee at S6 can't be paid (cash set by hand in both worlds,
     * then set back) */
    TU_GOTO(a, 1, 1, 1, S5);
    TU_GOTO(b, 1, 1, 1, S5);
    ShapanTeam *t = a->teams[0];
    int64_t cash = t->cash;
    a->teams[0]->cash = b->teams[0]->cash = 3;
    *was = *t;
    uint64_t h = shapan_world_hash(a);
    int32_t seq = shapan_world_seq(a);
    assert_int_equal(check(a, next), SHAPAN_E_CASH);
    assert_false(kept(a));
    assert_memory_equal(t, was, sizeof *was); /* every byte, not only the used ones */
    assert_int_equal(apply(a, next), SHAPAN_E_CASH);
    assert_int_equal(apply(b, next), SHAPAN_E_CASH);
    assert_memory_equal(t, was, sizeof *was);
    assert_int_equal(shapan_world_hash(a), h);
    assert_int_equal(shapan_world_seq(a), seq);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
    a->teams[0]->cash = b->teams[0]->cash = cash;
    /* accepted: materials arriving later in the year, a rented plant's rent renewed */
    both(a, b, "{'cmd':'order_materials','team':1,'items':{'R1':2,'R2':1}}");
    TU_GOTO(a, 1, 1, 2, S3);
    TU_GOTO(b, 1, 1, 2, S3);
    both(a, b, RENT_SMALL);
    int in_place = 0;
    for (int step = 0; step < 30 && tu_stage(a, 1) != YS; step++) {
        t = a->teams[0];
        BoardSpan sp[TURN_SPANS_MAX];
        bool light = turn_next_spans(t, sp) > 0;
        *was = *t;
        h = shapan_world_hash(a);
        assert_int_equal(check(a, next), SHAPAN_OK);
        assert_true(kept(a));
        assert_int_equal(a->scratch->in_place, light);
        in_place += light;
        assert_ptr_equal(a->teams[0], t);
        assert_memory_equal(t, was, sizeof *was);
        assert_int_equal(shapan_world_hash(a), h);
        if (step % 3 == 1) /* another team's command in between: run again */
            both(a, b, "{'cmd':'next','team':2}");
        both(a, b, next);
        assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
    }
    assert_true(in_place >= 10);
    assert_true(tu_team(a, 1)->materials[0] + tu_team(a, 1)->materials[1] > 0); /* arrived */
    ShapanError e = {0};
    assert_int_equal(shapan_world_verify(a, &e), SHAPAN_OK);
    free(was);
}

/* Boards a and b hold the same: the fields up to the lists and the used part of each. */
static void assert_same_board(const ShapanTeam *a, const ShapanTeam *b)
{
    assert_memory_equal(a, b, offsetof(ShapanTeam, lines));
    assert_memory_equal(a->lines, b->lines, sizeof a->lines[0] * (size_t)a->nlines);
    assert_memory_equal(a->loans, b->loans, sizeof a->loans[0] * (size_t)a->nloans);
    assert_memory_equal(a->held, b->held, sizeof a->held[0] * (size_t)a->nheld);
}

/* Team t's boards and ledgers in a and b are the same. */
static void assert_same_team(const ShapanWorld *a, const ShapanWorld *b, int t)
{
    assert_same_board(tu_team(a, t), tu_team(b, t));
    int na = 0, nb = 0;
    const ShapanEntry *ea = shapan_ledger(a, t, &na), *eb = shapan_ledger(b, t, &nb);
    assert_int_equal(na, nb);
    for (int i = 0; i < na; i++) {
        assert_int_equal(ea[i].year, eb[i].year);
        assert_int_equal(ea[i].quarter, eb[i].quarter);
        assert_int_equal(ea[i].stage, eb[i].stage);
        assert_int_equal(ea[i].debit, eb[i].debit);
        assert_int_equal(ea[i].credit, eb[i].credit);
        assert_int_equal(ea[i].detail, eb[i].detail);
        assert_int_equal(ea[i].seq, eb[i].seq);
        assert_int_equal(ea[i].amount, eb[i].amount);
    }
}

/* `json`, of team 1 whose undo is off in a: a refused check and apply leave the board
 * byte for byte as it was; an accepted check too, keeping its run in place for the
 * apply, which makes the board and ledger of b, where it runs on a copy. */
static void in_place_step(ShapanWorld *a, ShapanWorld *b, const char *json, ShapanErrorCode want,
                          bool light)
{
    ShapanTeam *t = a->teams[0];
    ShapanTeam *was = malloc(sizeof *was);
    assert_non_null(was);
    *was = *t;
    uint64_t h = shapan_world_hash(a);
    BoardSpan sp[CMD_SPANS_MAX];
    ShapanCommand c = cmd(a, json);
    assert_int_equal(team_cmd_spans(a, t, &c, sp) > 0, light);
    ShapanErrorCode rc = check(a, json);
    if (rc != want)
        fail_msg("%s: %s, expected %s", json, shapan_error_name(rc), shapan_error_name(want));
    assert_int_equal(kept(a), want == SHAPAN_OK);
    assert_int_equal(kept(a) && a->scratch->in_place, want == SHAPAN_OK && light);
    assert_ptr_equal(a->teams[0], t);
    assert_memory_equal(t, was, sizeof *was); /* every byte, not only the used ones */
    assert_int_equal(shapan_world_hash(a), h);
    assert_int_equal(apply(a, json), want);
    assert_int_equal(apply(b, json), want);
    if (want != SHAPAN_OK) {
        assert_memory_equal(t, was, sizeof *was);
        assert_int_equal(shapan_world_hash(a), h);
    }
    assert_same_team(a, b, 1);
    assert_int_equal(a->undo[0].n, 0); /* no snapshot kept */
    free(was);
}

/* A team whose undo is off (a rival's) runs its frequent commands in place
 * (team_cmd_spans): refused or only checked they leave its board as it was, byte for
 * byte, and applied they make what a run on a copy makes (b, whose teams keep their
 * undo); its undo is refused, while another team of the same world can still undo;
 * at the quarter's end, where every undo stack is emptied, both worlds hash the same. */
static void test_no_undo_in_place(void **state)
{
    Twins *tw = *state;
    ShapanWorld *a = tw->a, *b = tw->b;
    shapan_world_set_undo(a, 1, false);
    both(a, b, RENT_LARGE);
    in_place_step(a, b, "{'cmd':'build_line','team':1,'plant':1,'type':'manual','product':'P1'}",
                  SHAPAN_OK, true);
    in_place_step(a, b, "{'cmd':'build_line','team':1,'plant':1,'type':'manual','product':'P1'}",
                  SHAPAN_OK, true);
    in_place_step(a, b, "{'cmd':'build_line','team':1,'plant':1,'type':'auto','product':'P1'}",
                  SHAPAN_OK, true);
    in_place_step(a, b, "{'cmd':'invest_line','team':1,'line':3}", SHAPAN_E_ONCE, true);
    in_place_step(a, b, "{'cmd':'develop_product','team':1,'product':'P1'}", SHAPAN_OK, true);
    in_place_step(a, b, "{'cmd':'develop_product','team':1,'product':'P2'}", SHAPAN_OK, true);
    in_place_step(a, b, "{'cmd':'develop_market','team':1,'market':'regional'}", SHAPAN_E_STAGE,
                  true);
    assert_true(b->undo[0].n > 0);
    TU_GOTO(a, 1, 1, 2, S1);
    TU_GOTO(b, 1, 1, 2, S1);
    in_place_step(a, b, "{'cmd':'short_loan','team':1,'amount':5}", SHAPAN_E_AMOUNT, true);
    in_place_step(a, b, "{'cmd':'short_loan','team':1,'amount':20}", SHAPAN_OK, true);
    in_place_step(a, b, "{'cmd':'order_materials','team':1,'items':{'R1':2}}", SHAPAN_E_STAGE,
                  true);
    TU_GOTO(a, 1, 1, 2, S2);
    TU_GOTO(b, 1, 1, 2, S2);
    in_place_step(a, b, "{'cmd':'order_materials','team':1,'items':{'R1':2,'R2':1}}", SHAPAN_OK,
                  true);
    TU_GOTO(a, 1, 1, 2, S3);
    TU_GOTO(b, 1, 1, 2, S3);
    in_place_step(a, b, "{'cmd':'invest_line','team':1,'line':3}", SHAPAN_OK, true);
    in_place_step(a, b, "{'cmd':'produce','team':1,'line':1}", SHAPAN_E_STOCK, true);
    in_place_step(a, b, "{'cmd':'produce','team':1,'line':9}", SHAPAN_E_RANGE, false);
    both(a, b, "{'cmd':'emergency_buy','team':1,'items':{'R1':2}}");
    in_place_step(a, b, "{'cmd':'produce','team':1,'line':1}", SHAPAN_OK, true);
    /* team 2 keeps its undo */
    both(a, b, "{'cmd':'rent_plant','team':2,'type':'small'}");
    int64_t cash = tu_cash(a, 2);
    both(a, b, "{'cmd':'build_line','team':2,'plant':1,'type':'manual','product':'P1'}");
    assert_true(tu_cash(a, 2) < cash);
    both(a, b, "{'cmd':'undo','team':2}");
    assert_int_equal(tu_cash(a, 2), cash);
    assert_same_team(a, b, 2);
    /* checked, another team's command in between, then applied: run again */
    assert_int_equal(check(a, "{'cmd':'produce','team':1,'line':2}"), SHAPAN_OK);
    both(a, b, "{'cmd':'next','team':2}");
    in_place_step(a, b, "{'cmd':'produce','team':1,'line':2}", SHAPAN_OK, true);
    in_place_step(a, b, "{'cmd':'produce','team':1,'line':2}", SHAPAN_E_STATE, true);
    assert_int_equal(apply(a, "{'cmd':'undo','team':1}"), SHAPAN_E_NOTHING);
    TU_GOTO(a, 1, 1, 2, S6);
    TU_GOTO(b, 1, 1, 2, S6);
    TU_GOTO(a, 2, 1, 2, S6);
    TU_GOTO(b, 2, 1, 2, S6);
    assert_int_equal(b->undo[0].n + b->undo[1].n, 0);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
    ShapanError e = {0};
    assert_int_equal(shapan_world_verify(a, &e), SHAPAN_OK);
    TU_GOTO(a, 1, 1, 4, S5);
    TU_GOTO(b, 1, 1, 4, S5);
    in_place_step(a, b, "{'cmd':'develop_market','team':1,'market':'regional'}", SHAPAN_OK, true);
    in_place_step(a, b, "{'cmd':'develop_iso','team':1,'iso':'ISO9000'}", SHAPAN_OK, true);
    in_place_step(a, b, "{'cmd':'develop_iso','team':1,'iso':'ISO9000'}", SHAPAN_E_ONCE, true);
    /* back on: the team keeps snapshots again */
    shapan_world_set_undo(a, 1, true);
    both(a, b, "{'cmd':'emergency_buy','team':1,'items':{'R1':1}}");
    assert_int_equal(a->undo[0].n, 1);
    both(a, b, "{'cmd':'undo','team':1}");
    assert_same_team(a, b, 1); /* (b keeps the develop commands' snapshots too) */
    assert_int_equal(a->undo[0].n, 0);
}

/* The ledger's digest is computed when a hash asks for it: hashed between the
 * commands or only at the end, across an undo that cuts the ledger back, it is the
 * running digest of every entry. */
static void test_ledger_digest_after_undo(void **state)
{
    Twins *tw = *state;
    ShapanWorld *a = tw->a, *b = tw->b;
    int n0 = 0;
    shapan_ledger(a, 1, &n0);
    uint64_t h0 = shapan_world_hash(a);
    assert_int_equal(apply(a, RENT_SMALL), SHAPAN_OK);
    assert_true(shapan_world_hash(a) != h0); /* the rent's entries digested */
    assert_int_equal(apply(a, "{'cmd':'undo','team':1}"), SHAPAN_OK);
    int n1 = 0;
    shapan_ledger(a, 1, &n1);
    assert_int_equal(n1, n0); /* cut back past the digested entries */
    assert_int_equal(apply(a, RENT_LARGE), SHAPAN_OK);
    /* b hashes only at the end */
    assert_int_equal(apply(b, RENT_SMALL), SHAPAN_OK);
    assert_int_equal(apply(b, "{'cmd':'undo','team':1}"), SHAPAN_OK);
    assert_int_equal(apply(b, RENT_LARGE), SHAPAN_OK);
    assert_int_equal(shapan_world_hash(a), shapan_world_hash(b));
    /* and it is the digest of the entries, one on top of the other */
    int n = 0;
    const ShapanEntry *e = shapan_ledger(a, 1, &n);
    assert_true(n > 0);
    uint64_t d = 0xCBF29CE484222325ull;
    for (int i = 0; i < n; i++)
        d = journal_mix(d, &e[i]);
    assert_int_equal(journal_digest(&a->journal[0]), d);
    assert_int_equal(journal_digest(&b->journal[0]), d);
}

/* board_copy copies the rows of arrivals and receivables from the earlier board's
 * quarter to BOARD_AHEAD past the later one's (the rest are zero in both): a recycled
 * board of an earlier quarter and a new one both end up equal to the source. */
static void test_board_copy_rows(void **state)
{
    (void)state;
    BoardPool pool = {0};
    ShapanTeam *src = board_take(&pool), *old = board_take(&pool);
    assert_non_null(src);
    assert_non_null(old);
    memset(src, 0, sizeof *src);
    memset(old, 0, sizeof *old);
    src->year = 3, src->quarter = 2; /* aq 9: rows 9..14 */
    old->year = 1, old->quarter = 4; /* aq 3: rows 3..8 */
    for (int k = 0; k <= BOARD_AHEAD; k++) {
        src->arrivals[9 + k][1] = 10 + k;
        src->recv[9 + k] = 100 + k;
        old->arrivals[3 + k][0] = 20 + k;
        old->recv[3 + k] = 200 + k;
    }
    src->cash = 77;
    src->equity_closed = 640;
    src->bid_wins = 2;
    src->nplants = 2;
    src->plants[1] = (ShapanPlant){.type = 1, .status = SHAPAN_PLANT_RENTED, .rent_aq = 8};
    src->nheld = 1;
    src->held[0] = (ShapanHeld){.order = 12, .delivery = 3, .term = 2, .price = 95};
    board_copy(old, src, SHAPAN_MAX_MARKETS);
    /* the fixed fields, the counts and the plants (one span), the used part of held */
    assert_int_equal(old->equity_closed, 640);
    assert_int_equal(old->bid_wins, 2);
    assert_int_equal(old->nplants, 2);
    assert_int_equal(old->plants[1].rent_aq, 8);
    assert_int_equal(old->plants[1].status, SHAPAN_PLANT_RENTED);
    assert_int_equal(old->nheld, 1);
    assert_int_equal(old->held[0].order, 12);
    assert_int_equal(old->held[0].price, 95);
    assert_memory_equal(old->arrivals, src->arrivals, sizeof src->arrivals);
    assert_memory_equal(old->recv, src->recv, sizeof src->recv);
    assert_int_equal(old->recv[3], 0);
    assert_int_equal(old->arrivals[8][0], 0);
    assert_int_equal(old->recv[14], 105);
    assert_int_equal(old->cash, 77);
    /* a new board of the pool: zero up to its lists, then a copy of src */
    ShapanTeam *fresh = board_take(&pool);
    assert_non_null(fresh);
    assert_int_equal(fresh->recv[0], 0);
    board_copy(fresh, src, SHAPAN_MAX_MARKETS);
    assert_memory_equal(fresh->arrivals, src->arrivals, sizeof src->arrivals);
    assert_memory_equal(fresh->recv, src->recv, sizeof src->recv);
    assert_int_equal(fresh->arrivals[14][1], 15);
    free(src);
    free(old);
    free(fresh);
    free(pool.free);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_check_then_apply_is_apply, twins_setup,
                                        twins_teardown),
        cmocka_unit_test_setup_teardown(test_other_team_in_between, twins_setup, twins_teardown),
        cmocka_unit_test_setup_teardown(test_check_a_apply_b, twins_setup, twins_teardown),
        cmocka_unit_test_setup_teardown(test_check_a_apply_b_items, twins_setup, twins_teardown),
        cmocka_unit_test_setup_teardown(test_undo_after_checked_apply, twins_setup, twins_teardown),
        cmocka_unit_test_setup_teardown(test_refused_apply_changes_nothing, twins_setup,
                                        twins_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_digest_after_undo, twins_setup, twins_teardown),
        cmocka_unit_test_setup_teardown(test_next_in_place, twins_setup, twins_teardown),
        cmocka_unit_test_setup_teardown(test_no_undo_in_place, twins_setup, twins_teardown),
        cmocka_unit_test(test_board_copy_rows),
    };
    return cmocka_run_group_tests(tests, tu_setup_no_orders, tu_teardown_scenario);
}
