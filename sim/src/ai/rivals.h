/* Private: the profiles the registry lists.  Add a profile by defining a
 * ShapanRival in its own file and listing it here and in registry.c. */
#ifndef SHAPAN_AI_RIVALS_H
#define SHAPAN_AI_RIVALS_H

#include "shapan/ai.h"

extern const ShapanRival shapan_rival_idle;

#endif
