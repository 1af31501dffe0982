#include "xmltext.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * The extractor runs over every inflated document, so it works a text run or
 * a tag at a time (memchr, byte tables) rather than byte by byte.  Its output
 * never outgrows its input (a tag gives at most one byte, a reference fewer
 * bytes than it spells), so room for the input is reserved once and the loop
 * writes without growing; only the cap can stop it, exactly where the first,
 * byte-at-a-time extractor stopped (tests/xmltext_ref.c, checked by the fuzz
 * target and the unit tests).
 */

/* Bytes that end a tag name: white space, '>' and '/'. */
static const unsigned char name_stop[256] = {
    [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['>'] = 1, ['/'] = 1};
/* Bytes that matter inside a tag: its end and the quotes of attribute values. */
static const unsigned char tag_stop[256] = {['>'] = 1, ['"'] = 1, ['\''] = 1};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The first index from i on whose byte is in the table (name_stop or tag_stop), or n. */
static size_t scan_table(const char *x, size_t i, size_t n, const unsigned char *table)
{
	while (i < n && !table[(unsigned char)x[i]])
		i++;
	return i;
}

#ifdef __SSE2__
/* Same as scan_table(x, i, n, name_stop), 16 bytes at a time. */
static size_t name_end_at(const char *x, size_t i, size_t n)
{
	const __m128i sp = _mm_set1_epi8(' '), ht = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r'),
	              lf = _mm_set1_epi8('\n'), gt = _mm_set1_epi8('>'), sl = _mm_set1_epi8('/');

	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(x + i));
		__m128i m = _mm_or_si128(
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, ht)),
		                 _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf))),
		    _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, sl)));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);

		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
	return scan_table(x, i, n, name_stop);
}

/* Same as scan_table(x, i, n, tag_stop), 16 bytes at a time. */
static size_t tag_stop_at(const char *x, size_t i, size_t n)
{
	const __m128i gt = _mm_set1_epi8('>'), dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\'');

	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(x + i));
		__m128i m =
		    _mm_or_si128(_mm_cmpeq_epi8(v, gt),
		                 _mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq)));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);

		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
	return scan_table(x, i, n, tag_stop);
}

/* The first index from i on of '<' or '&', or n. */
static size_t text_end_at(const char *x, size_t i, size_t n)
{
	const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&');

	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(x + i));
		unsigned bits = (unsigned)_mm_movemask_epi8(
		    _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)));

		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
	while (i < n && x[i] != '<' && x[i] != '&')
		i++;
	return i;
}
#else
static size_t text_end_at(const char *x, size_t i, size_t n)
{
	while (i < n && x[i] != '<' && x[i] != '&')
		i++;
	return i;
}

static size_t name_end_at(const char *x, size_t i, size_t n)
{
	return scan_table(x, i, n, name_stop);
}

static size_t tag_stop_at(const char *x, size_t i, size_t n)
{
	return scan_table(x, i, n, tag_stop);
}
#endif

enum elem_kind {
	ELEM_OTHER = 0,
	ELEM_BLOCK, /* ends a block of text: p, h, si, c, tc, tr, row, cr, table-cell ... */
	ELEM_SPACE, /* an empty element that stands for a space: br, tab, s, line-break */
};

/* The kind of an element by its local name (after any prefix). */
static enum elem_kind elem_kind(const char *s, size_t n)
{
	switch (n) {
	case 1:
		if (s[0] == 'p' || s[0] == 'h' || s[0] == 'c')
			return ELEM_BLOCK;
		return s[0] == 's' ? ELEM_SPACE : ELEM_OTHER;
	case 2:
		if (memcmp(s, "si", 2) == 0 || memcmp(s, "tc", 2) == 0 || memcmp(s, "tr", 2) == 0 ||
		    memcmp(s, "cr", 2) == 0)
			return ELEM_BLOCK;
		return memcmp(s, "br", 2) == 0 ? ELEM_SPACE : ELEM_OTHER;
	case 3:
		if (memcmp(s, "row", 3) == 0)
			return ELEM_BLOCK;
		return memcmp(s, "tab", 3) == 0 ? ELEM_SPACE : ELEM_OTHER;
	case 4:
		return memcmp(s, "note", 4) == 0 ? ELEM_BLOCK : ELEM_OTHER;
	case 6:
		return memcmp(s, "txBody", 6) == 0 ? ELEM_BLOCK : ELEM_OTHER;
	case 7:
		return memcmp(s, "comment", 7) == 0 ? ELEM_BLOCK : ELEM_OTHER;
	case 9:
		return memcmp(s, "table-row", 9) == 0 || memcmp(s, "list-item", 9) == 0
		           ? ELEM_BLOCK
		           : ELEM_OTHER;
	case 10:
		if (memcmp(s, "table-cell", 10) == 0)
			return ELEM_BLOCK;
		return memcmp(s, "line-break", 10) == 0 ? ELEM_SPACE : ELEM_OTHER;
	default:
		return ELEM_OTHER;
	}
}

/* Encodes cp as UTF-8 into u (U+FFFD for what is no character); returns the length. */
static size_t put_cp(unsigned long cp, char *u)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		memcpy(u, "\xEF\xBF\xBD", 3);
		return 3;
	}
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | (cp >> 18));
	u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Decodes the reference at s[0] == '&' into u; *used is how many bytes it
 * took (never fewer than it gives, and never a '<').  Returns the length.
 */
static size_t put_ref(const char *s, size_t n, char *u, size_t *used)
{
	static const struct {
		const char *name;
		size_t len;
		char c;
	} ents[] = {{"lt;", 3, '<'},
	            {"gt;", 3, '>'},
	            {"amp;", 4, '&'},
	            {"quot;", 5, '"'},
	            {"apos;", 5, '\''}};
	size_t i, lim = n < 12 ? n : 12;

	for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++) {
		size_t l = ents[i].len;

		if (n - 1 >= l && memcmp(s + 1, ents[i].name, l) == 0) {
			*used = l + 1;
			u[0] = ents[i].c;
			return 1;
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
			return put_cp(cp, u);
		}
	}
	*used = 1;
	u[0] = '&';
	return 1;
}

/* Index just past the first end_seq[0..el) in x[i..n), or n. */
static size_t skip_past(const char *x, size_t n, size_t i, const char *end_seq, size_t el)
{
	const char *p;

	if (i >= n)
		return n;
	p = cbuf_find(x + i, n - i, end_seq, el);
	return p ? (size_t)(p - x) + el : n;
}

/* Appends src[0..k) at ob + *ol unless that passes lim. */
#define EMIT(src, k)                                                                               \
	do {                                                                                       \
		size_t k_ = (k);                                                                   \
		if (k_ > lim - ol) {                                                               \
			err = CBUF_TOO_BIG;                                                        \
			goto out;                                                                  \
		}                                                                                  \
		memcpy(ob + ol, (src), k_);                                                        \
		ol += k_;                                                                          \
	} while (0)

enum cbuf_err xmltext_extract(const char *x, size_t n, struct cbuf *out)
{
	size_t i = 0, ol, lim, node_start, room;
	char *ob;
	int only_space = 1, saw_nl = 0;
	enum cbuf_err err;

	room = out->len < out->max ? out->max - out->len : 0;
	err = cbuf_reserve(out, n < room ? n : room);
	if (err)
		return err;
	ob = out->ptr;
	ol = node_start = out->len;
	lim = ol + (n < room ? n : room);
	while (i < n) {
		if (x[i] != '<') {
			/* A text node: runs of plain bytes between references, up to the markup. */
			for (;;) {
				size_t k = text_end_at(x, i, n), t;

				if (only_space) {
					for (t = i; t < k && is_space(x[t]); t++)
						if (x[t] == '\n')
							saw_nl = 1;
					if (t < k)
						only_space = 0;
				}
				EMIT(x + i, k - i);
				i = k;
				if (k == n || x[k] == '<')
					break;
				{
					char u[4];
					size_t used, ul = put_ref(x + k, n - k, u, &used);

					only_space = 0;
					EMIT(u, ul);
					i = k + used;
				}
			}
			continue;
		}
		/* Markup ends the text node: drop it when it was indentation. */
		if (only_space && saw_nl)
			ol = node_start;
		if (n - i >= 9 && memcmp(x + i, "<![CDATA[", 9) == 0) {
			const char *p = cbuf_find(x + i + 9, n - i - 9, "]]>", 3);
			size_t e = p ? (size_t)(p - x) : n;

			EMIT(x + i + 9, e - i - 9);
			i = p ? e + 3 : n;
		} else if (n - i >= 4 && memcmp(x + i, "<!--", 4) == 0) {
			i = skip_past(x, n, i + 4, "-->", 3);
		} else if (n - i >= 2 && (x[i + 1] == '?' || x[i + 1] == '!')) {
			i = skip_past(x, n, i + 2, ">", 1);
		} else {
			/* A start or end tag: find its name and whether it closes a block. */
			size_t s = i + 1, e, name_end, local;
			int closing = 0, selfclose;
			enum elem_kind kind;

			if (s < n && x[s] == '/') {
				closing = 1;
				s++;
			}
			name_end = s < n ? name_end_at(x, s, n) : n;
			e = name_end;
			/* Attribute values may hold '>' only when quoted. */
			for (;;) {
				const char *q;

				e = e < n ? tag_stop_at(x, e, n) : n;
				if (e >= n || x[e] == '>')
					break;
				q = memchr(x + e + 1, x[e], n - e - 1);
				e = q ? (size_t)(q - x) + 1 : n;
			}
			selfclose = e > s && e < n && x[e - 1] == '/';
			local = name_end;
			while (local > s && x[local - 1] != ':')
				local--;
			kind = elem_kind(x + local, name_end - local);
			if ((closing || selfclose) && kind == ELEM_BLOCK)
				EMIT("\n", 1);
			else if (!closing && kind == ELEM_SPACE)
				EMIT(" ", 1);
			i = e < n ? e + 1 : n;
		}
		node_start = ol;
		only_space = 1;
		saw_nl = 0;
	}
	if (only_space && saw_nl)
		ol = node_start;
out:
	out->len = ol;
	ob[ol] = '\0';
	return err;
}
