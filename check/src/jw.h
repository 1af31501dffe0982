/*
 * jw — a small JSON text writer over cbuf.
 *
 * The checker writes its reports by hand rather than through a DOM: file
 * paths from a disk need not be valid UTF-8, and jw turns every invalid
 * byte into U+FFFD instead of failing the report.
 */
#ifndef BAOMI_CHECK_JW_H
#define BAOMI_CHECK_JW_H

#include <stddef.h>

#include "cbuf.h"

/* Appends s (n bytes) as a quoted JSON string. */
enum cbuf_err jw_str(struct cbuf *b, const char *s, size_t n);
/* Same for a NUL-terminated string; NULL is written as null. */
enum cbuf_err jw_cstr(struct cbuf *b, const char *s);
/* Appends "key": with the key escaped. */
enum cbuf_err jw_key(struct cbuf *b, const char *key);
/* Length of the valid UTF-8 sequence at s[0..n), or 0 when invalid. */
size_t jw_utf8_len(const unsigned char *s, size_t n, unsigned *cp);

#endif
