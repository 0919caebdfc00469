/* String builder (see textutil.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/textutil.h"

void shapan_sb_init(ShapanSb *sb)
{
    sb->buf = NULL;
    sb->len = 0;
    sb->cap = 0;
    sb->oom = false;
}

void shapan_sb_free(ShapanSb *sb)
{
    free(sb->buf);
    shapan_sb_init(sb);
}

static bool sb_reserve(ShapanSb *sb, size_t extra)
{
    if (sb->oom)
        return false;
    if (sb->len + extra + 1 <= sb->cap)
        return true;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < sb->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            sb->oom = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(sb->buf, cap);
    if (!p) {
        sb->oom = true;
        return false;
    }
    sb->buf = p;
    sb->cap = cap;
    return true;
}

void shapan_sb_addn(ShapanSb *sb, const char *s, size_t n)
{
    if (!sb_reserve(sb, n))
        return;
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void shapan_sb_add(ShapanSb *sb, const char *s) { shapan_sb_addn(sb, s, strlen(s)); }

void shapan_sb_addf(ShapanSb *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !sb_reserve(sb, (size_t)n)) {
        if (n < 0)
            sb->oom = true;
        va_end(ap2);
        return;
    }
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    sb->len += (size_t)n;
}

void shapan_sb_add_i64(ShapanSb *sb, int64_t v) { shapan_sb_addf(sb, "%" PRId64, v); }

void shapan_sb_add_jstr(ShapanSb *sb, const char *s)
{
    shapan_sb_addn(sb, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': shapan_sb_addn(sb, "\\\"", 2); break;
        case '\\': shapan_sb_addn(sb, "\\\\", 2); break;
        case '\n': shapan_sb_addn(sb, "\\n", 2); break;
        case '\r': shapan_sb_addn(sb, "\\r", 2); break;
        case '\t': shapan_sb_addn(sb, "\\t", 2); break;
        default:
            if (*p < 0x20)
                shapan_sb_addf(sb, "\\u%04x", (unsigned)*p);
            else
                shapan_sb_addn(sb, (const char *)p, 1);
        }
    }
    shapan_sb_addn(sb, "\"", 1);
}

char *shapan_sb_take(ShapanSb *sb)
{
    if (sb->oom) {
        shapan_sb_free(sb);
        return NULL;
    }
    if (!sb->buf && !sb_reserve(sb, 0))
        return NULL;
    if (sb->len == 0)
        sb->buf[0] = '\0';
    char *p = sb->buf;
    shapan_sb_init(sb);
    return p;
}
