/*
 * utf8 — strict UTF-8 checking for outside input (no overlong forms, no
 * surrogates, nothing past U+10FFFF).
 */
#ifndef BAOMI_UTF8_H
#define BAOMI_UTF8_H

#include <stddef.h>

/* Offset of the first byte that does not start a valid UTF-8 sequence, or len. */
size_t utf8_check(const unsigned char *s, size_t len);

#endif
