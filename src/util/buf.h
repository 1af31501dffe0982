/*
 * buf — a growable byte buffer with a hard size cap.
 *
 * Everything that grows from outside input (request bodies, exports, JSON
 * replies) goes through a buf so that no request can make the program
 * allocate without bound.  The contents are always NUL-terminated.
 */
#ifndef BAOMI_BUF_H
#define BAOMI_BUF_H

#include <stdarg.h>
#include <stddef.h>

enum buf_err {
	BUF_OK = 0,
	BUF_TOO_BIG, /* the append would pass the cap */
	BUF_NOMEM,
};

struct buf {
	char *ptr;
	size_t len;
	size_t cap;
	size_t max; /* hard limit on len */
};

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
/* Wipes the bytes before freeing: for buffers that held secrets. */
void buf_release_secret(struct buf *b);
void buf_reset(struct buf *b);
enum buf_err buf_append(struct buf *b, const void *data, size_t n);
enum buf_err buf_puts(struct buf *b, const char *s);
enum buf_err buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
enum buf_err buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Hands the allocation to the caller (free() it); the buf is left empty. */
char *buf_detach(struct buf *b, size_t *len);

#endif
