#include "lenc.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jw.h"
#include "lenc_table.h"

static int in(unsigned c, unsigned lo, unsigned hi)
{
	return c >= lo && c <= hi;
}

size_t lenc_char_len(enum kw_enc enc, const unsigned char *s, size_t i, size_t n)
{
	unsigned b = s[i], t = i + 1 < n ? s[i + 1] : 0;

	switch (enc) {
	case KW_GBK:
		if (!in(b, 0x81, 0xFE))
			return 1;
		if (in(t, 0x30, 0x39) && i + 3 < n && in(s[i + 2], 0x81, 0xFE) &&
		    in(s[i + 3], 0x30, 0x39))
			return 4;
		return in(t, 0x40, 0x7E) || in(t, 0x80, 0xFE) ? 2 : 1;
	case KW_BIG5:
		return in(b, 0x81, 0xFE) && (in(t, 0x40, 0x7E) || in(t, 0xA1, 0xFE)) ? 2 : 1;
	case KW_EUCKR:
		return in(b, 0x81, 0xFE) &&
		               (in(t, 0x41, 0x5A) || in(t, 0x61, 0x7A) || in(t, 0x81, 0xFE))
		           ? 2
		           : 1;
	case KW_SJIS:
		return (in(b, 0x81, 0x9F) || in(b, 0xE0, 0xFC)) &&
		               (in(t, 0x40, 0x7E) || in(t, 0x80, 0xFC))
		           ? 2
		           : 1;
	case KW_EUCJP:
		if (b == 0x8E)
			return in(t, 0xA1, 0xDF) ? 2 : 1;
		if (b == 0x8F)
			return in(t, 0xA1, 0xFE) && i + 2 < n && in(s[i + 2], 0xA1, 0xFE) ? 3 : 1;
		return in(b, 0xA1, 0xFE) && in(t, 0xA1, 0xFE) ? 2 : 1;
	case KW_EUCTW:
		if (b == 0x8E)
			return in(t, 0xA1, 0xB0) && i + 3 < n && in(s[i + 2], 0xA1, 0xFE) &&
			               in(s[i + 3], 0xA1, 0xFE)
			           ? 4
			           : 1;
		return in(b, 0xA1, 0xFE) && in(t, 0xA1, 0xFE) ? 2 : 1;
	case KW_JOHAB:
		if (in(b, 0x84, 0xD3))
			return in(t, 0x41, 0x7E) || in(t, 0x81, 0xFE) ? 2 : 1;
		return (in(b, 0xD8, 0xDE) || in(b, 0xE0, 0xF9)) &&
		               (in(t, 0x31, 0x7E) || in(t, 0x91, 0xFE))
		           ? 2
		           : 1;
	default:
		return 1;
	}
}

/* Whether byte b may be followed by more bytes of its character in enc. */
static int may_go_on(enum kw_enc enc, unsigned b)
{
	switch (enc) {
	case KW_GBK:
		return in(b, 0x81, 0xFE) || in(b, 0x30, 0x39); /* 0x30-0x39: four-byte middle */
	case KW_SJIS:
		return in(b, 0x81, 0x9F) || in(b, 0xE0, 0xFC);
	case KW_EUCJP:
		return b == 0x8E || b == 0x8F || in(b, 0xA1, 0xFE);
	default:
		return in(b, 0x81, 0xFE);
	}
}

#define ESC 0x1B
#define SO 0x0E
#define SI 0x0F

/* A byte of a two-byte section (or of ASCII text, or of an escape sequence). */
static int graphic(unsigned c)
{
	return in(c, 0x21, 0x7E);
}

/* What an escape sequence does to a text of an ISO-2022 encoding. */
enum iso_act {
	ISO_UNKNOWN, /* no sequence known (or cut off) */
	ISO_OURS,    /* the encoding's two-byte set into G0 */
	ISO_G0,      /* another set into G0 */
	ISO_G1,      /* the two-byte set into G1 */
	ISO_G1_OTHER,
	ISO_KEEP, /* a set into G2 or G3, or a single shift: the set in use stays */
};

/* The escape sequence at s[e] (ESC) in text of enc: what it does, and in *n
 * its bytes (with the character a single shift takes). */
static enum iso_act iso_escape(enum kw_enc enc, const unsigned char *s, size_t len, size_t e,
                               size_t *n)
{
	/* What each sequence does in ISO-2022-JP, -KR, -CN (GB 2312), -CN (CNS). */
	static const struct {
		const char *seq;
		unsigned char act[4];
	} seqs[] = {
	    {"$B", {ISO_OURS, ISO_G0, ISO_G0, ISO_G0}},
	    {"$@", {ISO_OURS, ISO_G0, ISO_G0, ISO_G0}},
	    {"$(Q", {ISO_OURS, ISO_G0, ISO_G0, ISO_G0}},
	    {"$(O", {ISO_OURS, ISO_G0, ISO_G0, ISO_G0}},
	    {"$A", {ISO_G0, ISO_G0, ISO_OURS, ISO_G0}},
	    {"$(C", {ISO_G0, ISO_G0, ISO_G0, ISO_G0}},
	    {"$(D", {ISO_G0, ISO_G0, ISO_G0, ISO_G0}},
	    {"(B", {ISO_G0, ISO_G0, ISO_G0, ISO_G0}},
	    {"(J", {ISO_G0, ISO_G0, ISO_G0, ISO_G0}},
	    {"(I", {ISO_G0, ISO_G0, ISO_G0, ISO_G0}},
	    {"$)C", {ISO_G1_OTHER, ISO_G1, ISO_G1_OTHER, ISO_G1_OTHER}},
	    {"$)A", {ISO_G1_OTHER, ISO_G1_OTHER, ISO_G1, ISO_G1_OTHER}},
	    {"$)G", {ISO_G1_OTHER, ISO_G1_OTHER, ISO_G1_OTHER, ISO_G1}},
	    {"$)E", {ISO_G1_OTHER, ISO_G1_OTHER, ISO_G1_OTHER, ISO_G1_OTHER}},
	    {"$*H", {ISO_KEEP, ISO_KEEP, ISO_KEEP, ISO_KEEP}},
	    {"$+I", {ISO_KEEP, ISO_KEEP, ISO_KEEP, ISO_KEEP}},
	    {"N", {ISO_KEEP, ISO_KEEP, ISO_KEEP, ISO_KEEP}}, /* SS2 and SS3: one character */
	    {"O", {ISO_KEEP, ISO_KEEP, ISO_KEEP, ISO_KEEP}},
	};
	size_t k, l;

	for (k = 0; k < sizeof(seqs) / sizeof(seqs[0]); k++) {
		l = strlen(seqs[k].seq);
		if (e + 1 + l <= len && memcmp(s + e + 1, seqs[k].seq, l) == 0) {
			*n = 1 + l + (l == 1 ? 2 : 0);
			if (e + *n > len)
				return ISO_UNKNOWN;
			return (enum iso_act)seqs[k].act[enc - KW_ISO2022JP];
		}
	}
	return ISO_UNKNOWN;
}

/*
 * Whether the text of enc before s[p] leaves its two-byte set in use: read
 * back to the shift (SO/SI) and the designation that count, or to the line's
 * start (unshifted, ASCII in G0; G1 is KS X 1001 in ISO-2022-KR).
 */
static int iso_ours_at(enum kw_enc enc, const unsigned char *s, size_t len, size_t p)
{
	int shifted = -1, g0 = -1, g1 = -1;
	enum iso_act act;
	size_t i, n;

	for (i = p; i-- > 0;) {
		unsigned c = s[i];

		if (c == '\n' || c == '\r')
			break;
		if ((c == SO || c == SI) && shifted < 0)
			shifted = c == SO;
		/* ISO-2022-KR has one G1 set, designated once at the top. */
		if (enc == KW_ISO2022KR && shifted >= 0)
			return shifted;
		if (c != ESC)
			continue;
		act = iso_escape(enc, s, len, i, &n);
		if ((act == ISO_OURS || act == ISO_G0) && g0 < 0)
			g0 = act == ISO_OURS;
		if ((act == ISO_G1 || act == ISO_G1_OTHER) && g1 < 0)
			g1 = act == ISO_G1;
		/* ISO-2022-JP does not shift: its G0 is all there is. */
		if (enc == KW_ISO2022JP && g0 >= 0)
			return g0;
		if (shifted == 0 && g0 >= 0)
			return g0;
		if (shifted == 1 && g1 >= 0)
			return g1;
	}
	if (shifted == 1)
		return g1 >= 0 ? g1 : enc == KW_ISO2022KR;
	return g0 > 0;
}

/* The mark of a cached section in *at that is not in the encoding's set. */
#define ISO_NOT ((size_t)1 << (sizeof(size_t) * 8 - 1))

/*
 * lenc_boundary for ISO-2022 (LENC_ISO2022): *at is a position inside the
 * last section looked at (ISO_NOT set: not of enc's two-byte set; else an
 * even number of bytes after its start), or (size_t)-1.
 */
static int iso_boundary(enum kw_enc enc, const unsigned char *s, size_t len, size_t pos, size_t *at,
                        size_t back)
{
	size_t r, sec, n, i, a = *at & ~ISO_NOT;
	int ours;

	if (*at != (size_t)-1 && a <= pos) {
		for (i = a; i < pos && graphic(s[i]); i++)
			;
		if (i == pos) {
			sec = a;
			ours = !(*at & ISO_NOT);
			goto known;
		}
	}
	for (r = pos; r > 0 && graphic(s[r - 1]);)
		r--;
	if (r == 0)
		return 0;
	if (s[r - 1] == SO) {
		sec = r;
	} else if (s[r - 1] == ESC) {
		if (iso_escape(enc, s, len, r - 1, &n) == ISO_UNKNOWN)
			return 0;
		sec = r - 1 + n;
		if (pos < sec)
			return 0;
	} else {
		return 0;
	}
	ours = iso_ours_at(enc, s, len, sec);
known:
	if (!ours) {
		*at = (pos > sec + back ? pos - back : sec) | ISO_NOT;
		return 0;
	}
	*at = pos > sec + back ? sec + (pos - back - sec) / 2 * 2 : sec;
	return (pos - sec) % 2 == 0;
}

int lenc_boundary(enum kw_enc enc, const unsigned char *s, size_t len, size_t pos, size_t *at,
                  size_t back)
{
	size_t i = *at, keep;

	if (LENC_ISO2022(enc))
		return iso_boundary(enc, s, len, pos, at, back);

	if (i == (size_t)-1 || i > pos) {
		i = pos;
		while (i > 0 && may_go_on(enc, s[i - 1]))
			i--;
	}
	keep = i;
	while (i < pos) {
		if (i + back <= pos)
			keep = i;
		i += lenc_char_len(enc, s, i, len);
	}
	*at = keep;
	return i == pos;
}

size_t lenc_ctx_start(enum kw_enc enc, const unsigned char *s, size_t len, size_t pos, size_t max)
{
	size_t a = pos > max ? pos - max : 0, at = (size_t)-1;

	/* The boundary kept for hits to come is max bytes back, or the section's start. */
	if (LENC_ISO2022(enc))
		return iso_boundary(enc, s, len, pos, &at, max) ? at : pos;

	while (a < pos && !lenc_boundary(enc, s, len, a, &at, 0)) {
		a++;
		at = (size_t)-1;
	}
	return a;
}

size_t lenc_ctx_end(enum kw_enc enc, const unsigned char *s, size_t len, size_t end, size_t max)
{
	size_t z = end;

	if (LENC_ISO2022(enc)) {
		while (z + 2 <= len && z - end < max && graphic(s[z]) && graphic(s[z + 1]))
			z += 2;
		return z;
	}
	while (z < len && z - end < max)
		z += lenc_char_len(enc, s, z, len);
	return z;
}

unsigned char *lenc_ctx_bytes(enum kw_enc enc, const unsigned char *s, size_t n)
{
	unsigned char *p = malloc(n ? n : 1);
	size_t i;

	if (!p)
		return NULL;
	for (i = 0; i < n; i++) {
		/* ISO-2022-CN's SS2 (a CNS plane 2 character in a keyword) is EUC-TW's 8E A2. */
		if (enc == KW_ISO2022CNS && s[i] == ESC && i + 1 < n && s[i + 1] == 'N') {
			p[i++] = 0x8E;
			p[i] = 0xA2;
		} else {
			p[i] = LENC_ISO2022(enc) ? (unsigned char)(s[i] | 0x80) : s[i];
		}
	}
	return p;
}

/* The code of cp in table t[0..n) (0: none). */
static unsigned lookup(const unsigned short (*t)[2], size_t n, unsigned cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && t[lo][0] == cp ? t[lo][1] : 0;
}

/* Johab's 5-bit codes of the 21 vowels (those of the 19 initials are 2-20,
 * of the 28 finals 1-17 and 19-29). */
static const unsigned char johab_v[21] = {3,  4,  5,  6,  7,  10, 11, 12, 13, 14, 15,
                                          18, 19, 20, 21, 22, 23, 26, 27, 28, 29};

/* The code of cp in enc (EUC-TW: CNS row/cell, bit 15 plane 2; Johab), 0 none. */
static unsigned table_code(enum kw_enc enc, unsigned cp)
{
	if (enc == KW_EUCTW)
		return lookup(lenc_cns, sizeof(lenc_cns) / sizeof(lenc_cns[0]), cp);
	if (cp >= 0xAC00 && cp <= 0xD7A3) {
		unsigned x = cp - 0xAC00, t = x % 28;

		return 0x8000 | (x / 588 + 2) << 10 | (unsigned)johab_v[x % 588 / 28] << 5 |
		       (t < 17 ? t + 1 : t + 2);
	}
	return lookup(lenc_johab, sizeof(lenc_johab) / sizeof(lenc_johab[0]), cp);
}

/* Writes the form of s[0..n) in enc at p (NULL: only counts); returns its length, 0 none. */
static size_t form(enum kw_enc enc, const char *s, size_t n, unsigned char *p)
{
	size_t i = 0, o = 0, l;
	unsigned cp, c;

	while (i < n) {
		l = jw_utf8_len((const unsigned char *)s + i, n - i, &cp);
		if (!l)
			return 0;
		i += l;
		if (cp < 0x80) {
			if (p)
				p[o] = (unsigned char)cp;
			o++;
			continue;
		}
		c = table_code(enc, cp);
		if (!c)
			return 0;
		if (enc == KW_EUCTW && (c & 0x8000)) {
			if (p) {
				p[o] = 0x8E;
				p[o + 1] = 0xA2;
			}
			o += 2;
		}
		if (p) {
			p[o] = (unsigned char)(enc == KW_JOHAB ? c >> 8 : (c >> 8 | 0x80));
			p[o + 1] = (unsigned char)(enc == KW_JOHAB ? c : (c | 0x80));
		}
		o += 2;
	}
	return o;
}

int lenc_form(enum kw_enc enc, const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	/* Counted first: most keywords have no form in most encodings. */
	size_t len = form(enc, s, n, NULL);

	if (!len)
		return 1;
	*out = malloc(len);
	if (!*out)
		return -1;
	*outlen = form(enc, s, n, *out);
	return 0;
}

const char *lenc_iconv_name(enum kw_enc enc)
{
	switch (enc) {
	case KW_GBK:
		return "GB18030";
	case KW_BIG5:
		return "BIG5-HKSCS";
	case KW_EUCKR:
		return "CP949";
	case KW_SJIS:
		return "CP932";
	case KW_EUCJP:
		return "EUC-JP";
	case KW_EUCTW:
		return "EUC-TW";
	case KW_JOHAB:
		return "JOHAB";
	case KW_ISO2022JP:
		return "EUC-JP";
	case KW_ISO2022KR:
		return "CP949";
	case KW_ISO2022CN:
		return "GB18030";
	case KW_ISO2022CNS:
		return "EUC-TW";
	case KW_UTF16LE:
		return "UTF-16LE";
	default:
		return "UTF-8";
	}
}

/* What one pair b t (lead 81-FE, a GBK trail) adds to lenc_count's counts. */
enum pair_bit {
	PB_JOHAB = 1 << 0,
	PB_JOHAB_OPEN = 1 << 1,
	PB_TW_GAP = 1 << 2,
	PB_TW_HAN = 1 << 3,
	PB_LO = 1 << 4,
	PB_MID = 1 << 5,
	PB_KR_BAD = 1 << 6,
	PB_HANGUL = 1 << 7,
	PB_UPPER = 1 << 8,
	PB_KANA = 1 << 9,
};

/* Whether b t is a Hangul syllable as Johab composes it (1 initial 5 vowel 5 final 5 bits). */
static int johab_hangul(unsigned b, unsigned t)
{
	unsigned c = b << 8 | t, l = c >> 10 & 0x1F, v = c >> 5 & 0x1F, f = c & 0x1F;

	return (c & 0x8000) && in(l, 2, 20) && in(v, 3, 29) && v % 8 >= 2 && in(f, 1, 29) &&
	       f != 18 && (in(t, 0x41, 0x7E) || in(t, 0x81, 0xFE));
}

static unsigned pair_bits(unsigned b, unsigned t)
{
	unsigned m = 0;

	if (johab_hangul(b, t))
		m |= PB_JOHAB | ((t & 0x1F) == 1 ? PB_JOHAB_OPEN : 0);
	if (t >= 0xA1 && in(b, 0xB0, 0xC3))
		m |= PB_TW_GAP;
	else if (t >= 0xA1 && in(b, 0xC4, 0xFD))
		m |= PB_TW_HAN;
	if (t <= 0x7E)
		m |= PB_LO | ((!in(t, 0x41, 0x5A) && !in(t, 0x61, 0x7A)) || b >= 0xC7 ? PB_KR_BAD
		                                                                      : PB_HANGUL);
	else if (t <= 0xA0)
		m |= PB_MID | (b >= 0xC7 || t == 0x80 ? PB_KR_BAD : PB_HANGUL);
	else if (in(b, 0xB0, 0xC8))
		m |= PB_HANGUL;
	else if (b >= 0xC9)
		m |= PB_UPPER;
	else if (b == 0xA4 || b == 0xA5)
		m |= PB_KANA;
	return m;
}

/*
 * lenc_count's tables, made once.  A pair's counts are a class of the few
 * (28) sets of pair_bits there are: the pass adds 1 to its class, and the
 * classes are added up into the counts at the end.
 */
#define PAIR_CLASSES 32
#define SJ_SKIP 1 /* a byte that is a character alone (ASCII, half-width kana) */
#define SJ_LEAD 2
#define SJ_TRAIL 4
#define SJ_KANA82 8 /* a trail that makes hiragana after 82, katakana after 83 */
#define SJ_KANA83 16
static struct {
	unsigned char pair[0xFE - 0x81 + 1][256]; /* class of b t, 0: t is no GBK trail */
	unsigned short bits[PAIR_CLASSES];
	unsigned char sj[256];
} tab;
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

static void tab_make(void)
{
	unsigned b, t, m, c, n = 1;

	for (b = 0x81; b <= 0xFE; b++)
		for (t = 0x40; t <= 0xFE; t++) {
			if (t == 0x7F)
				continue;
			m = pair_bits(b, t);
			for (c = 1; c < n && tab.bits[c] != m; c++)
				;
			if (c == n) {
				if (n == PAIR_CLASSES)
					abort(); /* pair_bits gives more sets than counted */
				tab.bits[n++] = (unsigned short)m;
			}
			tab.pair[b - 0x81][t] = (unsigned char)c;
		}
	for (b = 0; b < 256; b++)
		tab.sj[b] =
		    (unsigned char)((b < 0x80 || in(b, 0xA1, 0xDF) ? SJ_SKIP : 0) |
		                    (in(b, 0x81, 0x9F) || in(b, 0xE0, 0xFC) ? SJ_LEAD : 0) |
		                    (in(b, 0x40, 0x7E) || in(b, 0x80, 0xFC) ? SJ_TRAIL : 0) |
		                    (in(b, 0x9F, 0xF1) ? SJ_KANA82 : 0) |
		                    (in(b, 0x40, 0x96) ? SJ_KANA83 : 0));
}

/* The counts of pairs (all but Shift-JIS's) of s[0..n) into *st, the rest zero. */
static void count_pairs(const unsigned char *s, size_t n, struct lenc_stats *st)
{
	size_t hist[PAIR_CLASSES] = {0}, i = 0, c;
	unsigned b, t;

	pthread_once(&tab_once, tab_make);
	memset(st, 0, sizeof(*st));
	while (i < n) {
		b = s[i];
		if (b < 0x81 || b == 0xFF) {
			i++;
			continue;
		}
		if (i + 1 >= n)
			break;
		t = s[i + 1];
		if (in(t, 0x30, 0x39) && i + 3 < n && in(s[i + 2], 0x81, 0xFE) &&
		    in(s[i + 3], 0x30, 0x39)) {
			st->four++;
			i += 4;
			continue;
		}
		c = tab.pair[b - 0x81][t];
		if (!c) {
			st->gb_bad++;
			i++;
			continue;
		}
		hist[c]++;
		i += 2;
	}
	for (c = 1; c < PAIR_CLASSES; c++) {
		unsigned m = tab.bits[c];

		st->pairs += hist[c];
		st->johab += m & PB_JOHAB ? hist[c] : 0;
		st->johab_open += m & PB_JOHAB_OPEN ? hist[c] : 0;
		st->tw_gap += m & PB_TW_GAP ? hist[c] : 0;
		st->tw_han += m & PB_TW_HAN ? hist[c] : 0;
		st->lo += m & PB_LO ? hist[c] : 0;
		st->mid += m & PB_MID ? hist[c] : 0;
		st->kr_bad += m & PB_KR_BAD ? hist[c] : 0;
		st->hangul += m & PB_HANGUL ? hist[c] : 0;
		st->upper += m & PB_UPPER ? hist[c] : 0;
		st->kana += m & PB_KANA ? hist[c] : 0;
	}
}

/* Shift-JIS's counts of s[0..n): its own pass, its characters start elsewhere. */
static void count_sjis(const unsigned char *s, size_t n, struct lenc_stats *st)
{
	size_t i;

	for (i = 0; i < n;) {
		unsigned lead = tab.sj[s[i]], trail;

		if (lead & SJ_SKIP) {
			i++;
			continue;
		}
		trail = tab.sj[i + 1 < n ? s[i + 1] : 0];
		if (!(lead & SJ_LEAD) || !(trail & SJ_TRAIL)) {
			st->sj_bad += i + 1 < n; /* a lead cut by the sample's end is no error */
			i++;
			continue;
		}
		st->sj++;
		st->sj_kana +=
		    (s[i] == 0x82 && (trail & SJ_KANA82)) || (s[i] == 0x83 && (trail & SJ_KANA83));
		i += 2;
	}
}

void lenc_count(const unsigned char *s, size_t n, struct lenc_stats *st)
{
	count_pairs(s, n, st);
	count_sjis(s, n, st);
}

/*
 * Whether Shift-JIS is ruled out for s[0..n) without its pass: lenc_detect
 * takes it when a tenth of its characters are kana and one byte in fifty at
 * most is bad.  With no kana pair anywhere (82 9F-F1, 83 40-96), that needs
 * no character and no bad byte at all, which a byte 80-A0 or E0-FF before
 * the last rules out: read as Shift-JIS it is a lead or a bad byte, or the
 * trail of a character.  GBK and EUC text has such bytes in its first few.
 */
static int sjis_ruled_out(const unsigned char *s, size_t n)
{
	const unsigned char *p;
	size_t i;

	for (p = s; (p = memchr(p, 0x82, (size_t)(s + n - p))) != NULL && p + 1 < s + n; p++)
		if (in(p[1], 0x9F, 0xF1))
			return 0;
	for (p = s; (p = memchr(p, 0x83, (size_t)(s + n - p))) != NULL && p + 1 < s + n; p++)
		if (in(p[1], 0x40, 0x96))
			return 0;
	for (i = 0; i + 1 < n; i++)
		if (in(s[i], 0x80, 0xA0) || s[i] >= 0xE0)
			return 1;
	return 0;
}

#define BIT(e) (1u << (e))

unsigned lenc_iso2022(const unsigned char *s, size_t n)
{
	static const struct {
		const char *seq;
		enum kw_enc enc;
	} seqs[] = {{"$B", KW_ISO2022JP},   {"$@", KW_ISO2022JP},  {"$(Q", KW_ISO2022JP},
	            {"$)C", KW_ISO2022KR},  {"$)A", KW_ISO2022CN}, {"$A", KW_ISO2022CN},
	            {"$)G", KW_ISO2022CNS}, {"$*H", KW_ISO2022CNS}};
	const unsigned char *p = s, *end = s + n;
	unsigned found = 0;
	size_t k, l;

	while ((p = memchr(p, ESC, (size_t)(end - p))) != NULL) {
		p++;
		for (k = 0; k < sizeof(seqs) / sizeof(seqs[0]); k++) {
			l = strlen(seqs[k].seq);
			if ((size_t)(end - p) >= l && memcmp(p, seqs[k].seq, l) == 0)
				found |= BIT(seqs[k].enc);
		}
	}
	return found;
}

unsigned lenc_detect(const unsigned char *s, size_t n)
{
	struct lenc_stats st;
	unsigned valid = 0;
	size_t take = LENC_STEP, m;
	int sjis = 1; /* Shift-JIS is still in question (its counts are in st) */

	/* A growing prefix, until it holds enough characters to go by. */
	for (;;) {
		m = take < n ? take : n;
		count_pairs(s, m, &st);
		if (st.pairs + st.four >= LENC_ENOUGH && sjis_ruled_out(s, m)) {
			sjis = 0;
			break;
		}
		count_sjis(s, m, &st);
		if (take >= n || take >= LENC_SAMPLE || st.pairs + st.four >= LENC_ENOUGH ||
		    st.sj >= LENC_ENOUGH)
			break;
		take *= 4;
	}
	if (take > n)
		take = n;
	/* ISO-2022 text is 7-bit: a stray 8-bit byte in a hundred at most. */
	if ((st.pairs + st.four + st.gb_bad) * 100 <= take && (valid = lenc_iso2022(s, take)))
		return valid;
	if (st.pairs + st.four >= LENC_MIN_CHARS || st.sj >= LENC_MIN_CHARS) {
		if (sjis && st.sj_kana * 10 >= st.sj && st.sj_bad * 50 <= st.sj)
			return BIT(KW_SJIS);
		if (st.kana * 5 >= st.pairs && (st.lo + st.mid) * 50 <= st.pairs)
			return BIT(KW_EUCJP);
		if (st.johab * 2 >= st.pairs && st.johab_open * 10 >= st.johab * 3)
			return BIT(KW_JOHAB);
		if ((st.lo + st.mid + st.tw_gap) * 50 <= st.pairs && st.tw_han * 2 >= st.pairs &&
		    !st.four)
			return BIT(KW_EUCTW);
		if (st.lo * 10 >= st.pairs && st.mid * 20 <= st.lo && !st.four)
			return BIT(KW_BIG5);
		if (st.hangul * 10 >= st.pairs * 7 && st.upper * 10 <= st.pairs && !st.four)
			return BIT(KW_EUCKR);
		return BIT(KW_GBK);
	}
	/* Too little to tell: every encoding the text is valid in. */
	if (!st.gb_bad)
		valid |= BIT(KW_GBK);
	if (!st.gb_bad && !st.mid && !st.four)
		valid |= BIT(KW_BIG5);
	if (!st.gb_bad && !st.kr_bad && !st.four)
		valid |= BIT(KW_EUCKR);
	if (!st.sj_bad)
		valid |= BIT(KW_SJIS);
	if (!st.gb_bad && !st.lo && !st.mid && !st.four)
		valid |= BIT(KW_EUCJP);
	if (!st.gb_bad && !st.lo && !st.mid && !st.four && !st.tw_gap)
		valid |= BIT(KW_EUCTW);
	if (!st.gb_bad && !st.four && st.johab == st.pairs)
		valid |= BIT(KW_JOHAB);
	return valid ? valid : BIT(KW_GBK);
}

/* Whether the code unit at s is one UTF-16 Chinese text is made of; 2: a CJK ideograph. */
static int utf16_unit(const unsigned char *s)
{
	unsigned lo = s[0], hi = s[1];

	if (in(hi, 0x34, 0x9F))
		return 2;
	return (hi == 0 && (in(lo, 0x20, 0x7E) || lo == 0x09 || lo == 0x0A || lo == 0x0D)) ||
	       hi == 0x30 || hi == 0xFF || hi == 0x20;
}

int lenc_utf16(const unsigned char *s, size_t n)
{
	size_t blk = n < LENC_U16_BLOCK ? n : LENC_U16_BLOCK, units = blk / 2, k, i, a;
	/* What the counts must reach: three quarters text, a tenth ideographs. */
	size_t need_text = (units * 3 + 3) / 4, need_cjk = (units + 9) / 10;

	if (units < 2)
		return 0;
	for (k = 0; k < LENC_U16_BLOCKS; k++) {
		const unsigned char *b = s + (n - blk) / (LENC_U16_BLOCKS - 1) * k;

		for (a = 0; a < 2; a++) {
			size_t text = 0, cjk = 0, other = 0, steps = (blk - a) / 2;

			if (steps < need_text)
				continue;
			/* Given up as soon as too many units are not text. */
			for (i = a; i + 2 <= blk && other <= steps - need_text; i += 2) {
				int u = utf16_unit(b + i);

				text += u > 0;
				cjk += u == 2;
				other += u == 0;
			}
			if (text >= need_text && cjk >= need_cjk)
				return 1;
		}
	}
	return 0;
}

/* Bytes after a UTF-8 lead byte (0: no lead, or one that starts no character). */
static size_t utf8_follow(unsigned c)
{
	return in(c, 0xC2, 0xDF) ? 1 : in(c, 0xE0, 0xEF) ? 2 : in(c, 0xF0, 0xF4) ? 3 : 0;
}

int lenc_utf8(const unsigned char *s, size_t n)
{
	size_t i, high = 0, trail = 0, bad = 0, k, need;

	if (n > LENC_STEP)
		n = LENC_STEP;
	/* Eight bytes at a time: per byte, bit 7 is set above 0x7F, and bit 7 but
	 * not bit 6 in a trail byte; the 0/1 bytes are summed by a multiply. */
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w, h;

		memcpy(&w, s + i, 8);
		h = w >> 7 & 0x0101010101010101u;
		high += (size_t)(h * 0x0101010101010101u >> 56);
		trail += (size_t)((h & ~(w >> 6)) * 0x0101010101010101u >> 56);
	}
	for (; i < n; i++) {
		high += s[i] >> 7;
		trail += (s[i] & 0xC0) == 0x80;
	}
	/* A character of k bytes has k - 1 trail bytes (80-BF), so at most twice as
	 * many bytes are in characters as there are trail bytes: GBK text, a
	 * quarter of whose bytes are in 80-BF, is turned down here. */
	if (trail * 2 * 4 < high * 3)
		return 0;
	/* Each byte above 0x7F is in a character or bad: a quarter of them bad at most. */
	for (i = 0; i < n;) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		need = utf8_follow(s[i]);
		for (k = 1; need && k <= need; k++)
			if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
				need = 0;
		if (need) {
			i += need + 1;
		} else {
			if (++bad * 4 > high)
				return 0;
			i++;
		}
	}
	return high > 0;
}
