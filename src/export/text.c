/*
 * text — the export text filter and the size tally.
 */
#include "text.h"

#include <string.h>

#include "../util/utf8.h"

/* Length of the valid UTF-8 sequence at s, or 0 if the byte at s starts none. */
static size_t utf8_valid_len(const unsigned char *s)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;

	return strnlen((const char *)s, n) == n && utf8_check(s, n) == n ? n : 0;
}

enum buf_err export_text_append(struct buf *out, const char *s, bool html)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *run = p; /* start of bytes to copy unchanged */
	enum buf_err e = BUF_OK;

	while (*p) {
		const char *rep = NULL;
		size_t n = utf8_valid_len(p), skip = 1;

		if (n == 0) {
			rep = "\xEF\xBF\xBD";
		} else if (*p == '\r') {
			rep = "\n";
			skip = p[1] == '\n' ? 2 : 1;
		} else if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7F) {
			rep = " ";
		} else if (html && *p == '&') {
			rep = "&amp;";
		} else if (html && *p == '<') {
			rep = "&lt;";
		} else if (html && *p == '>') {
			rep = "&gt;";
		} else if (html && *p == '"') {
			rep = "&quot;";
		} else if (html && *p == '\'') {
			rep = "&#39;";
		} else {
			p += n;
			continue;
		}
		e = buf_append(out, run, (size_t)(p - run));
		if (!e)
			e = buf_puts(out, rep);
		if (e)
			return e;
		p += skip;
		run = p;
	}
	return buf_append(out, run, (size_t)(p - run));
}

bool export_text_tally(size_t *total, const char *s, size_t max)
{
	if (s)
		*total += strlen(s);
	return *total <= max;
}
