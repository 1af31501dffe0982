/*
 * xmltext_ref — the first, byte-at-a-time XML text extractor, kept only as
 * the oracle for the fast one in src/xmltext.c: the fuzz target and the unit
 * tests check that both give the same bytes and the same result for any input.
 */
#include "xmltext_ref.h"

#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Local names (after any prefix) of elements that end a block of text. */
static int ends_block(const char *name, size_t n)
{
	static const char *const names[] = {
	    "p",  "h",          "si",        "c",      "tc",        "tr",   "row",
	    "cr", "table-cell", "table-row", "txBody", "list-item", "note", "comment"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
			return 1;
	return 0;
}

/* Local names of empty elements that stand for a space. */
static int is_space_elem(const char *name, size_t n)
{
	return (n == 2 && memcmp(name, "br", 2) == 0) || (n == 3 && memcmp(name, "tab", 3) == 0) ||
	       (n == 1 && name[0] == 's') || (n == 10 && memcmp(name, "line-break", 10) == 0);
}

static enum cbuf_err put_cp(struct cbuf *out, unsigned long cp)
{
	char u[4];

	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return cbuf_append(out, "\xEF\xBF\xBD", 3);
	if (cp < 0x80) {
		u[0] = (char)cp;
		return cbuf_append(out, u, 1);
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		return cbuf_append(out, u, 2);
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return cbuf_append(out, u, 3);
	}
	u[0] = (char)(0xF0 | (cp >> 18));
	u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return cbuf_append(out, u, 4);
}

/* Decodes the reference at s[0] == '&'; *used is how many bytes it took. */
static enum cbuf_err put_ref(const char *s, size_t n, struct cbuf *out, size_t *used)
{
	static const struct {
		const char *name;
		char c;
	} ents[] = {{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
	size_t i, lim = n < 12 ? n : 12;

	for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++) {
		size_t l = strlen(ents[i].name);

		if (n - 1 >= l && memcmp(s + 1, ents[i].name, l) == 0) {
			*used = l + 1;
			return cbuf_append(out, &ents[i].c, 1);
		}
	}
	if (n >= 4 && s[1] == '#') {
		unsigned long cp = 0;
		int hex = s[2] == 'x' || s[2] == 'X', digits = 0;

		for (i = hex ? 3 : 2; i < lim; i++) {
			char c = s[i];
			unsigned d;

			if (c == ';')
				break;
			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				d = (unsigned)(c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				d = (unsigned)(c - 'A' + 10);
			else
				break;
			cp = cp * (hex ? 16 : 10) + d;
			digits++;
		}
		if (i < lim && s[i] == ';' && digits) {
			*used = i + 1;
			return put_cp(out, cp);
		}
	}
	*used = 1;
	return cbuf_append(out, "&", 1);
}

/* Where the markup starting at x[i] == '<' ends (index past it), or n. */
static size_t skip_markup(const char *x, size_t n, size_t i, const char *end_seq)
{
	size_t el = strlen(end_seq);
	const char *p;

	if (i >= n)
		return n;
	p = cbuf_find(x + i, n - i, end_seq, el);
	return p ? (size_t)(p - x) + el : n;
}

enum cbuf_err xmltext_extract_ref(const char *x, size_t n, struct cbuf *out)
{
	size_t i = 0, node_start = out->len;
	int only_space = 1, saw_nl = 0;
	enum cbuf_err err = CBUF_OK;

	while (i < n && !err) {
		char c = x[i];

		if (c != '<') {
			size_t j = i;

			/* A run of plain text bytes up to the next markup or reference. */
			while (j < n && x[j] != '<' && x[j] != '&') {
				if (!is_space(x[j]))
					only_space = 0;
				else if (x[j] == '\n')
					saw_nl = 1;
				j++;
			}
			if (j > i)
				err = cbuf_append(out, x + i, j - i);
			if (!err && j < n && x[j] == '&') {
				size_t used;

				only_space = 0;
				err = put_ref(x + j, n - j, out, &used);
				j += used;
			}
			i = j;
			continue;
		}
		/* Markup ends the text node: drop it when it was indentation. */
		if (only_space && saw_nl)
			out->len = node_start;
		if (n - i >= 9 && memcmp(x + i, "<![CDATA[", 9) == 0) {
			const char *p = cbuf_find(x + i + 9, n - i - 9, "]]>", 3);
			size_t e = p ? (size_t)(p - x) : n;

			err = cbuf_append(out, x + i + 9, e - i - 9);
			i = p ? e + 3 : n;
		} else if (n - i >= 4 && memcmp(x + i, "<!--", 4) == 0) {
			i = skip_markup(x, n, i + 4, "-->");
		} else if (n - i >= 2 && (x[i + 1] == '?' || x[i + 1] == '!')) {
			i = skip_markup(x, n, i + 2, ">");
		} else {
			/* A start or end tag: find its name and whether it closes a block. */
			size_t s = i + 1, e, name_end, local;
			int closing = 0, selfclose;

			if (s < n && x[s] == '/') {
				closing = 1;
				s++;
			}
			name_end = s;
			while (name_end < n && !is_space(x[name_end]) && x[name_end] != '>' &&
			       x[name_end] != '/')
				name_end++;
			e = name_end;
			/* Attribute values may hold '>' only when quoted. */
			while (e < n && x[e] != '>') {
				if (x[e] == '"' || x[e] == '\'') {
					const char *q = memchr(x + e + 1, x[e], n - e - 1);

					e = q ? (size_t)(q - x) : n;
				}
				if (e < n)
					e++;
			}
			selfclose = e > s && e < n && x[e - 1] == '/';
			local = name_end;
			while (local > s && x[local - 1] != ':')
				local--;
			if ((closing || selfclose) && ends_block(x + local, name_end - local))
				err = cbuf_putc(out, '\n');
			else if (!closing && is_space_elem(x + local, name_end - local))
				err = cbuf_putc(out, ' ');
			i = e < n ? e + 1 : n;
		}
		node_start = out->len;
		only_space = 1;
		saw_nl = 0;
	}
	if (!err && only_space && saw_nl)
		out->len = node_start;
	if (out->ptr && out->len <= out->max)
		out->ptr[out->len] = '\0';
	return err;
}
