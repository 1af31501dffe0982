/*
 * form — what the PDF and HTML renderers share: caps, the text filter and
 * the error names.
 */
#include "form_int.h"

#include <assert.h>
#include <string.h>

enum form_err form_check(const struct form *f)
{
	size_t total = 0;
	const char *parts[3];

	assert(f && (f->fields || !f->nfields));
	if (f->nfields > FORM_MAX_FIELDS)
		return FORM_TOO_BIG;
	parts[0] = f->title;
	parts[1] = f->subtitle;
	parts[2] = f->footer;
	for (size_t i = 0; i < 3; i++) {
		if (parts[i])
			total += strlen(parts[i]);
		if (total > FORM_MAX_TEXT)
			return FORM_TOO_BIG;
	}
	for (size_t i = 0; i < f->nfields; i++) {
		if (f->fields[i].label)
			total += strlen(f->fields[i].label);
		if (f->fields[i].value)
			total += strlen(f->fields[i].value);
		if (total > FORM_MAX_TEXT)
			return FORM_TOO_BIG;
	}
	return FORM_OK;
}

enum form_err form_buf_err(enum buf_err e)
{
	switch (e) {
	case BUF_OK:
		return FORM_OK;
	case BUF_TOO_BIG:
		return FORM_TOO_BIG;
	case BUF_NOMEM:
		break;
	}
	return FORM_NOMEM;
}

/*
 * Length of the valid UTF-8 sequence at s (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), or 0 if the byte at s starts none.
 */
static size_t utf8_valid_len(const unsigned char *s)
{
	unsigned char c = s[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

enum form_err form_text_append(struct buf *out, const char *s, bool html)
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
			return form_buf_err(e);
		p += skip;
		run = p;
	}
	return form_buf_err(buf_append(out, run, (size_t)(p - run)));
}

const char *form_err_en(enum form_err e)
{
	switch (e) {
	case FORM_OK:
		return "ok";
	case FORM_NOMEM:
		return "out of memory";
	case FORM_TOO_BIG:
		return "form too large (fields, text, pages or output size)";
	case FORM_RENDER:
		return "PDF rendering failed";
	case FORM_NO_FONT:
		return "no Chinese font installed (fonts-noto-cjk)";
	}
	return "unknown form error";
}
