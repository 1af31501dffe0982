/*
 * utf8 — strict UTF-8 checking for outside input (no overlong forms, no
 * surrogates, nothing past U+10FFFF).
 */
#ifndef BAOMI_UTF8_H
#define BAOMI_UTF8_H

#include <stddef.h>

/* Offset of the first byte that does not start a valid UTF-8 sequence, or len. */
size_t utf8_check(const unsigned char *s, size_t len);
/*
 * snprintf into out (n bytes) for messages; when the text is cut, it is
 * cut back to a whole UTF-8 character.  Nothing happens when out is NULL.
 */
void utf8_snprintf(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Copies s as printable ASCII (others become '?'), at most n - 1 bytes, for messages. */
void ascii_printable(char *out, size_t n, const char *s);

#endif
