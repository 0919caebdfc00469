/* Shared helpers for the cmocka tests. */
#ifndef SHAPAN_TESTUTIL_H
#define SHAPAN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "shapan/types.h"

/* Path under the source tree: returns a static buffer. */
const char *tu_path(const char *rel);

#endif
