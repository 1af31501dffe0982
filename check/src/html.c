#include "u8text.h"
#include "html.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#define HTML_CHARSET_LOOK 4096 /* how far the charset declaration is looked for */
#define HTML_NAME_MAX 16       /* tag and entity names compared, longer ones are unknown */

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

/* Whether b[0..n) starts with the ASCII word w, ignoring case. */
static int starts_ci(const unsigned char *b, size_t n, const char *w)
{
	size_t l = strlen(w), i;

	if (n < l)
		return 0;
	for (i = 0; i < l; i++)
		if (lower(b[i]) != w[i])
			return 0;
	return 1;
}

/* The first i >= from where b[i..) starts with w ignoring case, or n. */
static size_t find_ci(const unsigned char *b, size_t n, size_t from, const char *w)
{
	size_t i;

	for (i = from; i < n; i++)
		if (lower(b[i]) == w[0] && starts_ci(b + i, n - i, w))
			return i;
	return n;
}

int html_sniff(const unsigned char *b, size_t n)
{
	size_t i = 0;

	if (n == 0) /* no bytes (and perhaps no buffer): b + i would be undefined */
		return 0;

	if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && i < 256 && is_space(b[i]))
		i++;
	if (starts_ci(b + i, n - i, "<?xml")) {
		const unsigned char *e = memchr(b + i, '>', n - i < 256 ? n - i : 256);

		if (!e)
			return 0;
		i = (size_t)(e - b) + 1;
		while (i < n && i < 512 && is_space(b[i]))
			i++;
	}
	return starts_ci(b + i, n - i, "<!doctype html") || starts_ci(b + i, n - i, "<html");
}

/* Whether word (charset, encoding) is followed by a GBK-family name in b[0..n). */
static int declares_gbk(const unsigned char *b, size_t n, const char *word)
{
	size_t i = 0;

	while ((i = find_ci(b, n, i, word)) < n) {
		i += strlen(word);
		while (i < n && (is_space(b[i]) || b[i] == '=' || b[i] == '"' || b[i] == '\''))
			i++;
		if (starts_ci(b + i, n - i, "gb2312") || starts_ci(b + i, n - i, "gbk") ||
		    starts_ci(b + i, n - i, "gb18030") || starts_ci(b + i, n - i, "x-gbk"))
			return 1;
	}
	return 0;
}

int html_gbk(const unsigned char *b, size_t n)
{
	size_t look = n < HTML_CHARSET_LOOK ? n : HTML_CHARSET_LOOK;

	/* A byte-order mark says UTF-8 whatever the page declares. */
	if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
		return 0;
	/* <meta charset="gbk">, http-equiv's content="text/html; charset=gbk", and
	 * encoding="gb2312" in the XML declaration of XHTML */
	return declares_gbk(b, look, "charset") || declares_gbk(b, look, "encoding");
}

enum cbuf_err html_gbk_to_utf8(const unsigned char *b, size_t n, struct cbuf *out)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char *in = (char *)b;
	size_t inleft = n;
	enum cbuf_err err = CBUF_OK;

	if (cd == (iconv_t)-1)
		return CBUF_NOMEM;
	while (inleft > 0) {
		char *o;
		size_t outleft, room = inleft * 2 + 16;

		err = cbuf_reserve(out, room);
		if (err)
			break;
		o = out->ptr + out->len;
		outleft = room;
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1) {
			out->len = (size_t)(o - out->ptr);
			break;
		}
		out->len = (size_t)(o - out->ptr);
		if (errno == E2BIG)
			continue;
		/* A byte that does not decode, or a character cut at the end. */
		out->ptr[out->len++] = '?';
		in++;
		inleft--;
	}
	if (!err)
		out->ptr[out->len] = '\0';
	iconv_close(cd);
	return err;
}

/* Appends code point cp as UTF-8. */
static enum cbuf_err put_utf8(struct cbuf *out, unsigned long cp)
{
	char u[4];
	size_t n = u8t_encode(cp, u);

	return cbuf_append(out, u, n);
}

static const struct {
	const char *name;
	unsigned cp;
} named[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", ' '},     {"ensp", ' '},     {"emsp", ' '},     {"thinsp", ' '},   {"copy", 0xA9},
    {"reg", 0xAE},     {"middot", 0xB7},  {"times", 0xD7},   {"divide", 0xF7},  {"deg", 0xB0},
    {"laquo", 0xAB},   {"raquo", 0xBB},   {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bull", 0x2022},  {"hellip", 0x2026},
    {"yen", 0xA5},     {"sect", 0xA7},    {"trade", 0x2122},
};

/*
 * Decodes the character reference at b[0..n) (b[0] is '&') into out; returns
 * the bytes it took, 0 when it is none (then '&' is text).
 */
static size_t entity(const unsigned char *b, size_t n, struct cbuf *out, enum cbuf_err *err)
{
	size_t i = 1, k;
	unsigned long cp = 0;

	if (n > 2 && b[1] == '#') {
		int hex = n > 3 && lower(b[2]) == 'x';
		size_t digits = 0;

		i = hex ? 3 : 2;
		for (; i < n && digits < 8; i++, digits++) {
			int c = lower(b[i]), d;

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else
				break;
			cp = cp * (hex ? 16u : 10u) + (unsigned long)d;
		}
		if (!digits)
			return 0;
		/* Browsers take a numeric reference without its ';' as well. */
		if (i < n && b[i] == ';')
			i++;
		*err = put_utf8(out, cp);
		return i;
	}
	while (i < n && i <= HTML_NAME_MAX &&
	       ((b[i] >= 'a' && b[i] <= 'z') || (b[i] >= 'A' && b[i] <= 'Z')))
		i++;
	if (i >= n || b[i] != ';' || i == 1)
		return 0;
	for (k = 0; k < sizeof(named) / sizeof(named[0]); k++)
		if (strlen(named[k].name) == i - 1 && memcmp(b + 1, named[k].name, i - 1) == 0) {
			*err = put_utf8(out, named[k].cp);
			return i + 1;
		}
	return 0;
}

/* Appends text b[0..n) to out with references decoded and white space runs as one space. */
static enum cbuf_err put_text(const unsigned char *b, size_t n, struct cbuf *out)
{
	enum cbuf_err err = CBUF_OK;
	size_t i = 0;

	while (i < n && !err) {
		size_t j = i, used;

		while (j < n && b[j] != '&' && !is_space(b[j]))
			j++;
		err = cbuf_append(out, b + i, j - i);
		if (err || j == n)
			break;
		if (b[j] == '&') {
			used = entity(b + j, n - j, out, &err);
			if (!used) {
				err = cbuf_putc(out, '&');
				used = 1;
			}
			i = j + used;
			continue;
		}
		while (j < n && is_space(b[j]))
			j++;
		if (out->len && !is_space((unsigned char)out->ptr[out->len - 1]))
			err = cbuf_putc(out, ' ');
		i = j;
	}
	return err;
}

/* Elements that start or end a block: a line ends there. */
static int is_block(const char *t)
{
	static const char *const block[] = {
	    "p",       "div",    "br",         "li",    "ul",    "ol",         "dl",      "dt",
	    "dd",      "tr",     "td",         "th",    "table", "h1",         "h2",      "h3",
	    "h4",      "h5",     "h6",         "hr",    "pre",   "blockquote", "section", "article",
	    "header",  "footer", "nav",        "aside", "form",  "option",     "title",   "caption",
	    "address", "figure", "figcaption", "main",  "body",  "tbody",      "thead"};
	size_t i;

	for (i = 0; i < sizeof(block) / sizeof(block[0]); i++)
		if (strcmp(t, block[i]) == 0)
			return 1;
	return 0;
}

/* The value of attribute name in the tag's bytes a[0..n), as a span; 0 when absent. */
static int attr(const unsigned char *a, size_t n, const char *name, const unsigned char **v,
                size_t *vl)
{
	size_t l = strlen(name), i = 0;

	while (i < n) {
		size_t s;

		while (i < n && (is_space(a[i]) || a[i] == '/'))
			i++;
		s = i;
		while (i < n && !is_space(a[i]) && a[i] != '=' && a[i] != '/')
			i++;
		if (i - s == l && starts_ci(a + s, l, name)) {
			while (i < n && is_space(a[i]))
				i++;
			if (i >= n || a[i] != '=')
				return 0;
			i++;
			while (i < n && is_space(a[i]))
				i++;
			if (i < n && (a[i] == '"' || a[i] == '\'')) {
				const unsigned char *e = memchr(a + i + 1, a[i], n - i - 1);

				*v = a + i + 1;
				*vl = e ? (size_t)(e - *v) : n - i - 1;
			} else {
				s = i;
				while (i < n && !is_space(a[i]))
					i++;
				*v = a + s;
				*vl = i - s;
			}
			return 1;
		}
		/* skip this attribute's value */
		while (i < n && is_space(a[i]))
			i++;
		if (i < n && a[i] == '=') {
			i++;
			while (i < n && is_space(a[i]))
				i++;
			if (i < n && (a[i] == '"' || a[i] == '\'')) {
				const unsigned char *e = memchr(a + i + 1, a[i], n - i - 1);

				i = e ? (size_t)(e - a) + 1 : n;
			} else {
				while (i < n && !is_space(a[i]))
					i++;
			}
		}
	}
	return 0;
}

/* The end of the tag that starts at b[i] ('<'): the index after its '>', quotes respected. */
static size_t tag_end(const unsigned char *b, size_t n, size_t i)
{
	unsigned char q = 0;

	for (i++; i < n; i++) {
		if (q) {
			if (b[i] == q)
				q = 0;
		} else if (b[i] == '"' || b[i] == '\'') {
			q = b[i];
		} else if (b[i] == '>') {
			return i + 1;
		}
	}
	return n;
}

/* A line end unless the text already ends one (or is empty). */
static enum cbuf_err end_line(struct cbuf *out)
{
	if (out->len == 0 || out->ptr[out->len - 1] == '\n')
		return CBUF_OK;
	if (out->ptr[out->len - 1] == ' ')
		out->len--;
	return cbuf_putc(out, '\n');
}

/* Adds a meta tag's content to meta when it is a description, keywords or author. */
static void meta_tag(const unsigned char *a, size_t al, struct cbuf *meta)
{
	const unsigned char *v, *c;
	size_t vl, cl;

	if (!attr(a, al, "name", &v, &vl) || !attr(a, al, "content", &c, &cl))
		return;
	if ((vl == 11 && starts_ci(v, vl, "description")) ||
	    (vl == 8 && starts_ci(v, vl, "keywords")) || (vl == 6 && starts_ci(v, vl, "author"))) {
		if (put_text(c, cl, meta) == CBUF_OK)
			end_line(meta);
	}
}

enum cbuf_err html_extract(const unsigned char *b, size_t n, struct cbuf *text, struct cbuf *meta)
{
	size_t i = 0;
	int in_title = 0;
	enum cbuf_err err = CBUF_OK;

	while (i < n && !err) {
		const unsigned char *lt = memchr(b + i, '<', n - i);
		size_t j = lt ? (size_t)(lt - b) : n, s, e;
		char name[HTML_NAME_MAX + 1];
		size_t nl = 0;
		int close;

		if (in_title)
			put_text(b + i, j - i, meta); /* the meta buffer's cap only cuts it short */
		else
			err = put_text(b + i, j - i, text);
		if (err || j >= n)
			break;
		i = j;
		if (starts_ci(b + i, n - i, "<!--")) {
			const unsigned char *x = b + i + 4;
			size_t left = n - i - 4, k;

			for (k = 0; k + 3 <= left && memcmp(x + k, "-->", 3) != 0; k++)
				;
			i = k + 3 <= left ? i + 4 + k + 3 : n;
			continue;
		}
		close = i + 1 < n && b[i + 1] == '/';
		s = i + 1 + (size_t)close;
		if (s >= n || !((b[s] >= 'a' && b[s] <= 'z') || (b[s] >= 'A' && b[s] <= 'Z') ||
		                (!close && (b[s] == '!' || b[s] == '?')))) {
			/* A '<' that starts no tag is text. */
			err = in_title ? CBUF_OK : cbuf_putc(text, '<');
			i++;
			continue;
		}
		e = tag_end(b, n, i);
		while (s + nl < e && nl < HTML_NAME_MAX && !is_space(b[s + nl]) &&
		       b[s + nl] != '>' && b[s + nl] != '/') {
			name[nl] = (char)lower(b[s + nl]);
			nl++;
		}
		name[nl] = '\0';
		i = e;
		if (name[0] == '!' || name[0] == '?')
			continue;
		if (!close && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)) {
			/* Their contents are no text: on to the closing tag. */
			size_t c =
			    find_ci(b, n, i, strcmp(name, "script") == 0 ? "</script" : "</style");

			i = c < n ? tag_end(b, n, c) : n;
			continue;
		}
		if (strcmp(name, "title") == 0) {
			in_title = !close;
			if (close)
				end_line(meta);
		} else if (!close && strcmp(name, "meta") == 0) {
			meta_tag(b + s + nl, e - s - nl - (b[e - 1] == '>'), meta);
		}
		if (is_block(name))
			err = end_line(text);
	}
	return err;
}
