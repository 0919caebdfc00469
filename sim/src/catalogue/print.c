/* Layout of the canonical scenario text: readable and diff-friendly, one
 * catalogue entry, forecast cell or order per line, so that a regenerated
 * order book shows up in a review as changed lines rather than one blob. */
#include <stdlib.h>
#include <string.h>

#include "catalogue/loader.h"

typedef struct {
    char *p;
    size_t n, cap;
    bool oom;
} Buf;

static void put(Buf *b, const char *s, size_t len)
{
    if (b->oom)
        return;
    if (b->n + len + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 4096;
        while (ncap < b->n + len + 1)
            ncap *= 2;
        char *np = realloc(b->p, ncap);
        if (!np) {
            b->oom = true;
            return;
        }
        b->p = np;
        b->cap = ncap;
    }
    memcpy(b->p + b->n, s, len);
    b->n += len;
    b->p[b->n] = '\0';
}

static void put_s(Buf *b, const char *s) { put(b, s, strlen(s)); }

static void indent(Buf *b, int depth)
{
    for (int i = 0; i < depth; i++)
        put_s(b, "  ");
}

/* Keys are ids or fixed names, but escape anyway: the output must stay JSON. */
static void put_key(Buf *b, const char *k)
{
    static const char hex[] = "0123456789abcdef";
    put_s(b, "\"");
    for (const unsigned char *c = (const unsigned char *)k; *c; c++) {
        if (*c == '"' || *c == '\\') {
            char e[2] = {'\\', (char)*c};
            put(b, e, 2);
        } else if (*c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[*c >> 4], hex[*c & 15]};
            put(b, e, 6);
        } else {
            put(b, (const char *)c, 1);
        }
    }
    put_s(b, "\": ");
}

static void put_compact(Buf *b, const cJSON *v)
{
    char *s = cJSON_PrintUnformatted(v);
    if (!s) {
        b->oom = true;
        return;
    }
    put_s(b, s);
    cJSON_free(s);
}

/* Objects are opened up to depth 1 (the root, finance, meeting, opening);
 * arrays of objects up to depth 2 (catalogue lists, book, opening lists). */
static void put_value(Buf *b, const cJSON *v, int depth)
{
    bool open_obj = cJSON_IsObject(v) && v->child && depth <= 1;
    bool open_arr = cJSON_IsArray(v) && v->child && cJSON_IsObject(v->child) && depth <= 2;
    if (!open_obj && !open_arr) {
        put_compact(b, v);
        return;
    }
    put_s(b, open_obj ? "{\n" : "[\n");
    for (const cJSON *c = v->child; c; c = c->next) {
        indent(b, depth + 1);
        if (open_obj) {
            put_key(b, c->string ? c->string : "");
            put_value(b, c, depth + 1);
        } else {
            put_compact(b, c);
        }
        put_s(b, c->next ? ",\n" : "\n");
    }
    indent(b, depth);
    put_s(b, open_obj ? "}" : "]");
}

char *cat_print(const cJSON *tree)
{
    Buf b = {NULL, 0, 0, false};
    put_value(&b, tree, 0);
    put_s(&b, "\n");
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}
