#include "xmltext.h"

#include <stdint.h>
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

/* A start or end tag: where its name and its local name (after any prefix) start and end. */
struct tag {
	size_t s, local, name_end;
};

/* From e on, the end of a tag ('>' outside quoted attribute values), or n. */
static size_t tag_end_from(const char *x, size_t e, size_t n)
{
	for (;;) {
		const char *q;

		e = e < n ? tag_stop_at(x, e, n) : n;
		if (e >= n || x[e] == '>')
			return e;
		q = memchr(x + e + 1, x[e], n - e - 1);
		e = q ? (size_t)(q - x) + 1 : n;
	}
}

#ifdef __SSE2__
/* Bit k set where x[k] is '>', '"' and '\'' (three masks), for 16 bytes. */
static void tag_masks(const char *x, unsigned *gt, unsigned *dq, unsigned *sq)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)x);

	*gt = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
	*dq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
	*sq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
}
#endif

/* The tag at x[i] == '<' (not <! or <?): fills in t, returns the index of its '>' or n. */
static size_t tag_at(const char *x, size_t i, size_t n, struct tag *t)
{
	size_t s = i + 1, name_end, local;

#ifdef __SSE2__
	/*
	 * Most tags are short (</w:t>, <w:rPr>, <w:rFonts w:hint="eastAsia"/>):
	 * the bytes after the '<' are loaded 16 at a time (at most 32) into
	 * masks, which give the end of the name, the last ':' in it and, quotes
	 * paired bit by bit, the '>', instead of a scan each.
	 */
	if (n - i > 16) {
		const char *b = x + i + 1; /* bit k of a mask is b[k] */
		const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)b);
		const unsigned closing = b[0] == '/';
		/* White space, '>' and '/' end a name; the '/' of an end tag does not. */
		unsigned stop =
		    (unsigned)_mm_movemask_epi8(_mm_or_si128(
		        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
		                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
		                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
		                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')))),
		        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('>')),
		                     _mm_cmpeq_epi8(v, _mm_set1_epi8('/'))))) &
		    ~closing;

		s += closing;
		if (stop) {
			unsigned ne = (unsigned)__builtin_ctz(stop), have = 16, g, d, q;
			unsigned colon =
			    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(':'))) &
			    ((1u << ne) - 1);
			uint64_t gt, dq, sq, p = ne;

			t->s = s;
			t->name_end = i + 1 + ne;
			t->local = colon ? i + 1 + 32 - (unsigned)__builtin_clz(colon) : s;
			tag_masks(b, &g, &d, &q);
			/* The first '>' or quote is a '>': the end, wherever the name ends
			 * ('>' also ends the name).  Not waiting for ne shortens the
			 * chain from one tag to the next. */
			if ((g | d | q) & g & (0u - (g | d | q)))
				return i + 1 + (unsigned)__builtin_ctz(g);
			gt = g;
			dq = d;
			sq = q;
			/* From bit p on (quotes inside the name do not count), outside quotes. */
			for (;;) {
				uint64_t stops = (gt | dq | sq) >> p << p, twin;

				if (stops) {
					p = (unsigned)__builtin_ctzll(stops);
					if (gt >> p & 1)
						return i + 1 + p;
					/* A quoted value: on after its closing quote. */
					twin = ((dq >> p & 1) ? dq : sq) >> (p + 1);
					if (twin) {
						p += 2 + (unsigned)__builtin_ctzll(twin);
						continue;
					}
				}
				/* Nothing more in the masks: 16 bytes more, or the scans. */
				if (have == 16 && n - i > 32) {
					tag_masks(b + 16, &g, &d, &q);
					gt |= (uint64_t)g << 16;
					dq |= (uint64_t)d << 16;
					sq |= (uint64_t)q << 16;
					have = 32;
					continue;
				}
				return tag_end_from(x, i + 1 + (stops ? p : have), n);
			}
		}
		/* A name of 16 bytes or more. */
		name_end = name_end_at(x, i + 17, n);
	} else
#endif
	{
		if (s < n && x[s] == '/')
			s++;
		name_end = s < n ? name_end_at(x, s, n) : n;
	}
	local = name_end;
	while (local > s && x[local - 1] != ':')
		local--;
	t->s = s;
	t->local = local;
	t->name_end = name_end;
	/* Attribute values may hold '>' only when quoted. */
	return tag_end_from(x, name_end, n);
}

/*
 * Text x[i..k) of a node that has been white space so far: clears
 * *only_space at the first other byte, and notes a line break in it.
 */
static inline void note_space(const char *x, size_t i, size_t k, int *only_space, int *saw_nl)
{
	for (; i < k && is_space(x[i]); i++)
		if (x[i] == '\n')
			*saw_nl = 1;
	if (i < k)
		*only_space = 0;
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
#ifdef __SSE2__
			/*
			 * A short text node (a run's few characters) that ends in
			 * markup: copied with one 16-byte store, which the room
			 * reserved (lim plus the NUL) allows.
			 */
			if (n - i >= 16 && lim - ol >= 16) {
				const __m128i v =
				    _mm_loadu_si128((const __m128i *)(const void *)(x + i));
				unsigned m = (unsigned)_mm_movemask_epi8(
				    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')),
				                 _mm_cmpeq_epi8(v, _mm_set1_epi8('&'))));
				size_t k = i + (m ? (unsigned)__builtin_ctz(m) : 0);

				if (m && x[k] == '<') {
					if (only_space)
						note_space(x, i, k, &only_space, &saw_nl);
					_mm_storeu_si128((__m128i *)(void *)(ob + ol), v);
					ol += k - i;
					i = k;
					continue;
				}
			}
#endif
			/* A text node: runs of plain bytes between references, up to the markup. */
			for (;;) {
				size_t k = text_end_at(x, i, n);

				if (only_space)
					note_space(x, i, k, &only_space, &saw_nl);
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
		if (n - i >= 2 && (x[i + 1] == '!' || x[i + 1] == '?')) {
			if (n - i >= 9 && memcmp(x + i, "<![CDATA[", 9) == 0) {
				const char *p = cbuf_find(x + i + 9, n - i - 9, "]]>", 3);
				size_t e = p ? (size_t)(p - x) : n;

				EMIT(x + i + 9, e - i - 9);
				i = p ? e + 3 : n;
			} else if (n - i >= 4 && memcmp(x + i, "<!--", 4) == 0) {
				i = skip_past(x, n, i + 4, "-->", 3);
			} else {
				i = skip_past(x, n, i + 2, ">", 1);
			}
		} else {
			/* A start or end tag: whether it closes a block or stands for a space. */
			struct tag t;
			size_t e = tag_at(x, i, n, &t);
			int closing = t.s > i + 1;
			int selfclose = e > t.s && e < n && x[e - 1] == '/';
			enum elem_kind kind = elem_kind(x + t.local, t.name_end - t.local);

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
