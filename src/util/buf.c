#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

void buf_init(struct buf *b, size_t max)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void buf_release(struct buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

void buf_release_secret(struct buf *b)
{
	if (b->ptr)
		sodium_memzero(b->ptr, b->cap);
	buf_release(b);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

static enum buf_err buf_grow(struct buf *b, size_t extra)
{
	size_t need, ncap;
	char *p;

	if (extra > b->max || b->len > b->max - extra)
		return BUF_TOO_BIG;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return BUF_OK;
	ncap = b->cap ? b->cap : 256;
	while (ncap < need)
		ncap *= 2;
	if (ncap > b->max + 1)
		ncap = b->max + 1;
	p = realloc(b->ptr, ncap);
	if (!p)
		return BUF_NOMEM;
	b->ptr = p;
	b->cap = ncap;
	return BUF_OK;
}

enum buf_err buf_append(struct buf *b, const void *data, size_t n)
{
	enum buf_err e = buf_grow(b, n);

	if (e)
		return e;
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return BUF_OK;
}

enum buf_err buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

enum buf_err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	enum buf_err e;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return BUF_NOMEM;
	e = buf_grow(b, (size_t)n);
	if (e)
		return e;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return BUF_OK;
}

enum buf_err buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	enum buf_err e;

	va_start(ap, fmt);
	e = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return e;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->ptr;

	if (!p) {
		p = calloc(1, 1);
		if (len)
			*len = 0;
		return p;
	}
	if (len)
		*len = b->len;
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}
