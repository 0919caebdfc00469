/* Whole-file reads and atomic writes.  POSIX: an interrupted write must never
 * leave a half-written log or report behind, so data goes to a temporary file
 * in the same folder, is flushed to disk, and is renamed over the target. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shapan/log.h"

char *shapan_read_file(const char *path, size_t *len, ShapanError *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        shapan_error_set(err, SHAPAN_E_IO, path, "cannot open for reading: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (!buf) {
        fclose(f);
        shapan_error_set(err, SHAPAN_E_IO, path, "out of memory while reading");
        return NULL;
    }
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        free(buf);
        shapan_error_set(err, SHAPAN_E_IO, path, "read failed: %s", strerror(e));
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* The folder part of path ("." if none) into buf. */
static void dir_of(const char *path, char *buf, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(buf, n, ".");
    } else if (slash == path) {
        snprintf(buf, n, "/");
    } else {
        snprintf(buf, n, "%.*s", (int)(slash - path), path);
    }
}

ShapanErrorCode shapan_write_atomic(const char *path, const char *data, size_t len,
                                    ShapanError *err)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return shapan_error_set(err, SHAPAN_E_IO, path, "out of memory");
    snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return shapan_error_set(err, SHAPAN_E_IO, path, "cannot create a temporary file: %s",
                                strerror(e));
    }
    /* mkstemp makes the file private; a log or report is an ordinary document */
    (void)fchmod(fd, 0644);
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        return shapan_error_set(err, SHAPAN_E_IO, path, "cannot open the temporary file: %s",
                                strerror(e));
    }
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fflush(f) == 0 && ok;
    int e = errno;
    ok = ok && fsync(fileno(f)) == 0;
    if (!ok)
        e = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        unlink(tmp);
        free(tmp);
        return shapan_error_set(err, SHAPAN_E_IO, path, "write failed: %s", strerror(e));
    }
    if (rename(tmp, path) != 0) {
        e = errno;
        unlink(tmp);
        free(tmp);
        return shapan_error_set(err, SHAPAN_E_IO, path, "cannot rename the temporary file: %s",
                                strerror(e));
    }
    free(tmp);
    /* make the rename itself durable; failure here loses nothing already written */
    char dir[1024];
    dir_of(path, dir, sizeof dir);
    int dfd = open(dir, O_RDONLY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    return SHAPAN_OK;
}
