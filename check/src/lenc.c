#include "lenc.h"

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
	size_t pairs;   /* two-byte characters, read as lead 81-FE + trail */
	size_t four;    /* GB18030 four-byte sequences */
	size_t gb_bad;  /* a lead without a valid GBK trail */
	size_t lo, mid; /* trails 40-7E, 80-A0 */
	size_t kana;    /* rows A4/A5 with a trail A1-FE (EUC-JP kana) */
	size_t hangul;  /* rows B0-C8 with a trail A1-FE, or CP949's extension */
	size_t upper;   /* rows C9-FE with a trail A1-FE */
	size_t kr_bad;  /* trails CP949 does not have */
	size_t sj, sj_kana, sj_bad; /* Shift-JIS: two-byte characters, kana, bad bytes */
};

static void count_pairs(const unsigned char *s, size_t n, struct stats *st)
{
	size_t i = 0;

	while (i < n) {
		unsigned b = s[i], t;

		if (!in(b, 0x81, 0xFE)) {
			i++;
			continue;
		}
		if (i + 1 >= n)
			break;
		t = s[i + 1];
		if (lenc_char_len(KW_GBK, s, i, n) == 4) {
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
		if (t <= 0x7E)
			st->lo++;
		else if (t <= 0xA0)
			st->mid++;
		if (t >= 0xA1 && (b == 0xA4 || b == 0xA5))
			st->kana++;
		if ((t >= 0xA1 && in(b, 0xB0, 0xC8)) ||
		    (b <= 0xC6 && (in(t, 0x41, 0x5A) || in(t, 0x61, 0x7A) || in(t, 0x81, 0xA0))))
			st->hangul++;
		if (t >= 0xA1 && b >= 0xC9)
			st->upper++;
		if (lenc_char_len(KW_EUCKR, s, i, n) != 2 || (b >= 0xC7 && t < 0xA1))
			st->kr_bad++;
		i += 2;
	}
}

static void count_sjis(const unsigned char *s, size_t n, struct stats *st)
{
	size_t i = 0;

	while (i < n) {
		unsigned b = s[i], t;

		if (b < 0x80 || in(b, 0xA1, 0xDF)) {
			i++;
			continue;
		}
		if (lenc_char_len(KW_SJIS, s, i, n) != 2) {
			st->sj_bad++;
			i++;
			continue;
		}
		t = s[i + 1];
		st->sj++;
		if ((b == 0x82 && in(t, 0x9F, 0xF1)) || (b == 0x83 && in(t, 0x40, 0x96)))
			st->sj_kana++;
		i += 2;
	}
}

#define BIT(e) (1u << (e))

unsigned lenc_detect(const unsigned char *s, size_t n)
{
	struct stats st = {0};
	unsigned valid = 0;

	if (n > LENC_SAMPLE)
		n = LENC_SAMPLE;
	count_pairs(s, n, &st);
	count_sjis(s, n, &st);
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
