/* Small text helpers shared by the command codec, the log and the report: a
 * growable string builder with exact integer printing and JSON string
 * escaping.  (Integers are read with catalogue/jsonutil.h.) */
#ifndef SHAPAN_LOG_TEXTUTIL_H
#define SHAPAN_LOG_TEXTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growable NUL-terminated buffer.  An allocation failure sets `oom`; later
 * appends are ignored and shapan_sb_take returns NULL, so callers check once. */
typedef struct {
    char *buf;
    size_t len, cap;
    bool oom;
} ShapanSb;

void shapan_sb_init(ShapanSb *sb);
void shapan_sb_free(ShapanSb *sb);
void shapan_sb_addn(ShapanSb *sb, const char *s, size_t n);
void shapan_sb_add(ShapanSb *sb, const char *s);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void shapan_sb_addf(ShapanSb *sb, const char *fmt, ...);
void shapan_sb_add_i64(ShapanSb *sb, int64_t v);
/* Appends s as a quoted JSON string (control characters, quotes, backslashes escaped). */
void shapan_sb_add_jstr(ShapanSb *sb, const char *s);
/* Hands the buffer to the caller (free()); NULL after an allocation failure. */
char *shapan_sb_take(ShapanSb *sb);

#endif
