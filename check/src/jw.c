#include "jw.h"

#include <string.h>

size_t jw_utf8_len(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

enum cbuf_err jw_str(struct cbuf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, len;
	unsigned cp;
	enum cbuf_err err;

	err = cbuf_putc(b, '"');
	while (!err && i < n) {
		unsigned char c = p[i];

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			run++;
			i++;
			continue;
		}
		if (run) {
			err = cbuf_append(b, p + i - run, run);
			run = 0;
			if (err)
				break;
		}
		if (c == '"' || c == '\\') {
			char esc[2] = {'\\', (char)c};

			err = cbuf_append(b, esc, 2);
			i++;
		} else if (c == '\n') {
			err = cbuf_append(b, "\\n", 2);
			i++;
		} else if (c == '\t') {
			err = cbuf_append(b, "\\t", 2);
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			err = cbuf_printf(b, "\\u%04x", c);
			i++;
		} else {
			len = jw_utf8_len(p + i, n - i, &cp);
			if (len) {
				err = cbuf_append(b, p + i, len);
				i += len;
			} else {
				err = cbuf_append(b, "\xEF\xBF\xBD", 3);
				i++;
			}
		}
	}
	if (!err && run)
		err = cbuf_append(b, p + i - run, run);
	if (!err)
		err = cbuf_putc(b, '"');
	return err;
}

enum cbuf_err jw_cstr(struct cbuf *b, const char *s)
{
	if (!s)
		return cbuf_puts(b, "null");
	return jw_str(b, s, strlen(s));
}

enum cbuf_err jw_key(struct cbuf *b, const char *key)
{
	enum cbuf_err err = jw_cstr(b, key);

	if (!err)
		err = cbuf_putc(b, ':');
	return err;
}
