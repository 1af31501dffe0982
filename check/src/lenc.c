#include "lenc.h"

#include <string.h>

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

int lenc_boundary(enum kw_enc enc, const unsigned char *s, size_t len, size_t pos, size_t *at,
                  size_t back)
{
	size_t i = *at, keep;

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

	while (a < pos && !lenc_boundary(enc, s, len, a, &at, 0)) {
		a++;
		at = (size_t)-1;
	}
	return a;
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
	case KW_UTF16LE:
		return "UTF-16LE";
	default:
		return "UTF-8";
	}
}

/* What one pass over a sample counts. */
struct stats {
	size_t pairs;               /* two-byte characters, read as lead 81-FE + trail */
	size_t four;                /* GB18030 four-byte sequences */
	size_t gb_bad;              /* a lead without a valid GBK trail */
	size_t lo, mid;             /* trails 40-7E, 80-A0 */
	size_t kana;                /* rows A4/A5 with a trail A1-FE (EUC-JP kana) */
	size_t hangul;              /* rows B0-C8 with a trail A1-FE, or CP949's extension */
	size_t upper;               /* rows C9-FE with a trail A1-FE */
	size_t kr_bad;              /* trails CP949 does not have */
	size_t sj, sj_kana, sj_bad; /* Shift-JIS: two-byte characters, kana, bad bytes */
};

/* One pass over s[0..n): the two-byte statistics, and Shift-JIS's. */
static void count(const unsigned char *s, size_t n, struct stats *st)
{
	size_t i = 0;

	while (i < n) {
		unsigned b = s[i], t;

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
		if (t < 0x40 || t == 0x7F || t == 0xFF) {
			st->gb_bad++;
			i++;
			continue;
		}
		st->pairs++;
		if (t <= 0x7E) {
			st->lo++;
			if (!in(t, 0x41, 0x5A) && !in(t, 0x61, 0x7A))
				st->kr_bad++;
			else if (b >= 0xC7)
				st->kr_bad++;
			else
				st->hangul++;
		} else if (t <= 0xA0) {
			st->mid++;
			if (b >= 0xC7 || t == 0x80)
				st->kr_bad++;
			else
				st->hangul++;
		} else if (in(b, 0xB0, 0xC8)) {
			st->hangul++;
		} else if (b >= 0xC9) {
			st->upper++;
		} else if (b == 0xA4 || b == 0xA5) {
			st->kana++;
		}
		i += 2;
	}
	for (i = 0; i < n;) {
		unsigned b = s[i], t;

		if (b < 0x80 || in(b, 0xA1, 0xDF)) {
			i++;
			continue;
		}
		t = i + 1 < n ? s[i + 1] : 0;
		if (!(in(b, 0x81, 0x9F) || in(b, 0xE0, 0xFC)) ||
		    !(in(t, 0x40, 0x7E) || in(t, 0x80, 0xFC))) {
			st->sj_bad += i + 1 < n; /* a lead cut by the sample's end is no error */
			i++;
			continue;
		}
		st->sj++;
		if ((b == 0x82 && in(t, 0x9F, 0xF1)) || (b == 0x83 && in(t, 0x40, 0x96)))
			st->sj_kana++;
		i += 2;
	}
}

#define BIT(e) (1u << (e))

unsigned lenc_detect(const unsigned char *s, size_t n)
{
	struct stats st;
	unsigned valid = 0;
	size_t take = LENC_STEP;

	/* A growing prefix, until it holds enough characters to go by. */
	for (;;) {
		memset(&st, 0, sizeof(st));
		count(s, take < n ? take : n, &st);
		if (take >= n || take >= LENC_SAMPLE || st.pairs + st.four >= LENC_ENOUGH ||
		    st.sj >= LENC_ENOUGH)
			break;
		take *= 4;
	}
	if (st.pairs + st.four >= LENC_MIN_CHARS || st.sj >= LENC_MIN_CHARS) {
		if (st.sj_kana * 10 >= st.sj && st.sj_bad * 50 <= st.sj)
			return BIT(KW_SJIS);
		if (st.kana * 5 >= st.pairs && (st.lo + st.mid) * 50 <= st.pairs)
			return BIT(KW_EUCJP);
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

	if (units < 2)
		return 0;
	for (k = 0; k < LENC_U16_BLOCKS; k++) {
		const unsigned char *b = s + (n - blk) / (LENC_U16_BLOCKS - 1) * k;

		for (a = 0; a < 2; a++) {
			size_t text = 0, cjk = 0;

			for (i = a; i + 2 <= blk; i += 2) {
				int u = utf16_unit(b + i);

				text += u > 0;
				cjk += u == 2;
			}
			/* Most units text, a tenth of them ideographs. */
			if (text * 4 >= units * 3 && cjk * 10 >= units)
				return 1;
		}
	}
	return 0;
}

int lenc_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, high = 0, ok = 0, k, need;

	if (n > LENC_STEP)
		n = LENC_STEP;
	while (i < n) {
		unsigned c = s[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		need = in(c, 0xC2, 0xDF) ? 1 : in(c, 0xE0, 0xEF) ? 2 : in(c, 0xF0, 0xF4) ? 3 : 0;
		for (k = 1; need && k <= need; k++)
			if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
				need = 0;
		if (need) {
			ok += need + 1;
			high += need + 1;
			i += need + 1;
		} else {
			high++;
			i++;
		}
	}
	return high > 0 && ok * 4 >= high * 3;
}
