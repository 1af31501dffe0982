#include "utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

size_t utf8_check(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t need;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			return i;
		}
		if (len - i <= need)
			return i;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += need + 1;
	}
	return len;
}

void utf8_snprintf(char *out, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;
	size_t len, lead;
	unsigned char c;

	if (!out || n == 0)
		return;
	va_start(ap, fmt);
	r = vsnprintf(out, n, fmt, ap);
	va_end(ap);
	if (r < 0) {
		out[0] = '\0';
		return;
	}
	if ((size_t)r < n)
		return;
	/* drop the last character if vsnprintf cut it */
	len = strlen(out);
	lead = len;
	while (lead > 0 && ((unsigned char)out[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead > 0 && (c = (unsigned char)out[lead - 1]) >= 0xc0 &&
	    len - (lead - 1) < (c >= 0xf0   ? 4u
	                        : c >= 0xe0 ? 3u
	                                    : 2u))
		out[lead - 1] = '\0';
}

void ascii_printable(char *out, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < n; i++)
		out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	out[i] = '\0';
}
