#include <stdio.h>

#include "testutil.h"

const char *tu_path(const char *rel)
{
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s/%s", SHAPAN_SOURCE_DIR, rel);
    return buf;
}
