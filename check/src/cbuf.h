/*
 * cbuf — the endpoint checker's growable byte buffer with a hard size cap.
 *
 * Everything baomi-check builds from outside input (inflated zip entries,
 * extracted text, reports) grows through a cbuf, so a hostile file can never
 * make the checker allocate without bound.  The contents are always
 * NUL-terminated.
 */
#ifndef BAOMI_CHECK_CBUF_H
#define BAOMI_CHECK_CBUF_H

#include <stdarg.h>
#include <stddef.h>

enum cbuf_err {
	CBUF_OK = 0,
	CBUF_TOO_BIG, /* the append would pass the cap */
	CBUF_NOMEM,
};

struct cbuf {
	char *ptr;
	size_t len;
	size_t cap;
	size_t max; /* hard limit on len */
};

void cbuf_init(struct cbuf *b, size_t max);
void cbuf_release(struct cbuf *b);
void cbuf_reset(struct cbuf *b);
/* Makes room for n more bytes without changing len. */
enum cbuf_err cbuf_reserve(struct cbuf *b, size_t n);
enum cbuf_err cbuf_append(struct cbuf *b, const void *data, size_t n);
enum cbuf_err cbuf_putc(struct cbuf *b, char c);
enum cbuf_err cbuf_puts(struct cbuf *b, const char *s);
enum cbuf_err cbuf_printf(struct cbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The first occurrence of needle[0..m) in hay[0..n), or NULL (memmem is not ISO C). */
const void *cbuf_find(const void *hay, size_t n, const void *needle, size_t m);

#endif
