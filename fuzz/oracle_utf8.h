/*
 * oracle_utf8.h — a strict UTF-8 check for the fuzzers, written apart from
 * the one under test (src/util/utf8.c) so that each checks the other.
 */
#ifndef BAOMI_FUZZ_ORACLE_UTF8_H
#define BAOMI_FUZZ_ORACLE_UTF8_H

#include <stddef.h>

static inline int valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], need, cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c < 0xe0)
			need = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c < 0xf0)
			need = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c < 0xf5)
			need = 3, cp = c & 0x07;
		else
			return 0;
		if (n - i <= need)
			return 0;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000))) ||
		    (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		i += need + 1;
	}
	return 1;
}

#endif
