#include "cbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cbuf_init(struct cbuf *b, size_t max)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void cbuf_release(struct cbuf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
}

void cbuf_reset(struct cbuf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

enum cbuf_err cbuf_reserve(struct cbuf *b, size_t n)
{
	size_t want, cap;
	char *p;

	if (n > b->max || b->len > b->max - n)
		return CBUF_TOO_BIG;
	want = b->len + n + 1;
	if (want <= b->cap)
		return CBUF_OK;
	cap = b->cap ? b->cap : 256;
	while (cap < want)
		cap = cap > ((size_t)-1) / 2 ? want : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	p = realloc(b->ptr, cap);
	if (!p)
		return CBUF_NOMEM;
	b->ptr = p;
	b->cap = cap;
	return CBUF_OK;
}

enum cbuf_err cbuf_append(struct cbuf *b, const void *data, size_t n)
{
	enum cbuf_err err = cbuf_reserve(b, n);

	if (err)
		return err;
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return CBUF_OK;
}

enum cbuf_err cbuf_putc(struct cbuf *b, char c)
{
	return cbuf_append(b, &c, 1);
}

enum cbuf_err cbuf_puts(struct cbuf *b, const char *s)
{
	return cbuf_append(b, s, strlen(s));
}

enum cbuf_err cbuf_printf(struct cbuf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;
	enum cbuf_err err;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return CBUF_NOMEM;
	if ((size_t)n < sizeof(small))
		return cbuf_append(b, small, (size_t)n);
	err = cbuf_reserve(b, (size_t)n);
	if (err)
		return err;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return CBUF_OK;
}

const void *cbuf_find(const void *hay, size_t n, const void *needle, size_t m)
{
	const unsigned char *h = hay, *nd = needle, *p;

	if (m == 0)
		return hay;
	while (n >= m) {
		p = memchr(h, nd[0], n - m + 1);
		if (!p)
			return NULL;
		if (memcmp(p, nd, m) == 0)
			return p;
		n -= (size_t)(p - h) + 1;
		h = p + 1;
	}
	return NULL;
}
