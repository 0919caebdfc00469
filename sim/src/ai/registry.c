/* The rival registry: a fixed table of profiles, looked up by name. */
#include <string.h>

#include "ai/rivals.h"

static const ShapanRival *const rival_table[] = {
    &shapan_rival_idle,
};

#define RIVAL_COUNT ((int)(sizeof rival_table / sizeof rival_table[0]))

int shapan_rival_count(void) { return RIVAL_COUNT; }

const ShapanRival *shapan_rival_at(int index)
{
    return (index >= 0 && index < RIVAL_COUNT) ? rival_table[index] : NULL;
}

const ShapanRival *shapan_rival_find(const char *name)
{
    if (!name)
        return NULL;
    for (int i = 0; i < RIVAL_COUNT; i++)
        if (strcmp(rival_table[i]->name, name) == 0)
            return rival_table[i];
    return NULL;
}

bool shapan_ai_start(ShapanAi *ai, const ShapanRival *rival, const ShapanWorld *w, int team,
                     uint64_t seed)
{
    ai->rival = rival;
    ai->team = team;
    ai->state = NULL;
    if (rival->create) {
        ai->state = rival->create(w, team, seed);
        if (!ai->state) {
            ai->rival = NULL;
            return false;
        }
    }
    return true;
}

void shapan_ai_stop(ShapanAi *ai)
{
    if (ai->rival && ai->rival->destroy)
        ai->rival->destroy(ai->state);
    ai->rival = NULL;
    ai->state = NULL;
}

bool shapan_ai_decide(ShapanAi *ai, const ShapanWorld *w, ShapanCommand *out)
{
    if (!ai->rival || !ai->rival->decide)
        return false;
    return ai->rival->decide(ai->state, w, ai->team, out);
}

void shapan_ai_feedback(ShapanAi *ai, const ShapanCommand *c, ShapanErrorCode rc)
{
    if (ai->rival && ai->rival->feedback)
        ai->rival->feedback(ai->state, c, rc);
}
