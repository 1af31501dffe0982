/*
 * lenc_ref — the first, byte-at-a-time counting of lenc_detect, the first
 * lenc_detect (both passes always) and the first lenc_utf8 and lenc_utf16,
 * kept only as the oracle for the fast ones in src/lenc.c (table-driven
 * counts, Shift-JIS's pass skipped where it cannot change the answer, scans
 * that stop once the answer is known): tests/lenc_agree.c and the fuzz
 * target check that both give the same counts and answers for any input.
 */
#include "lenc_ref.h"

#include <string.h>

static int in(unsigned c, unsigned lo, unsigned hi)
{
	return c >= lo && c <= hi;
}

/* Whether b t is a Hangul syllable as Johab composes it (1 initial 5 vowel 5 final 5 bits). */
static int johab_hangul(unsigned b, unsigned t)
{
	unsigned c = b << 8 | t, l = c >> 10 & 0x1F, v = c >> 5 & 0x1F, f = c & 0x1F;

	return (c & 0x8000) && in(l, 2, 20) && in(v, 3, 29) && v % 8 >= 2 && in(f, 1, 29) &&
	       f != 18 && (in(t, 0x41, 0x7E) || in(t, 0x81, 0xFE));
}

void lenc_count_ref(const unsigned char *s, size_t n, struct lenc_stats *st)
{
	size_t i = 0;

	memset(st, 0, sizeof(*st));
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
		if (johab_hangul(b, t)) {
			st->johab++;
			st->johab_open += (t & 0x1F) == 1;
		}
		if (t >= 0xA1 && in(b, 0xB0, 0xC3))
			st->tw_gap++;
		else if (t >= 0xA1 && in(b, 0xC4, 0xFD))
			st->tw_han++;
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

unsigned lenc_detect_ref(const unsigned char *s, size_t n)
{
	struct lenc_stats st;
	unsigned valid = 0;
	size_t take = LENC_STEP;

	/* A growing prefix, until it holds enough characters to go by. */
	for (;;) {
		lenc_count_ref(s, take < n ? take : n, &st);
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
		if (st.sj_kana * 10 >= st.sj && st.sj_bad * 50 <= st.sj)
			return (1u << KW_SJIS);
		if (st.kana * 5 >= st.pairs && (st.lo + st.mid) * 50 <= st.pairs)
			return (1u << KW_EUCJP);
		if (st.johab * 2 >= st.pairs && st.johab_open * 10 >= st.johab * 3)
			return (1u << KW_JOHAB);
		if ((st.lo + st.mid + st.tw_gap) * 50 <= st.pairs && st.tw_han * 2 >= st.pairs &&
		    !st.four)
			return (1u << KW_EUCTW);
		if (st.lo * 10 >= st.pairs && st.mid * 20 <= st.lo && !st.four)
			return (1u << KW_BIG5);
		if (st.hangul * 10 >= st.pairs * 7 && st.upper * 10 <= st.pairs && !st.four)
			return (1u << KW_EUCKR);
		return (1u << KW_GBK);
	}
	/* Too little to tell: every encoding the text is valid in. */
	if (!st.gb_bad)
		valid |= (1u << KW_GBK);
	if (!st.gb_bad && !st.mid && !st.four)
		valid |= (1u << KW_BIG5);
	if (!st.gb_bad && !st.kr_bad && !st.four)
		valid |= (1u << KW_EUCKR);
	if (!st.sj_bad)
		valid |= (1u << KW_SJIS);
	if (!st.gb_bad && !st.lo && !st.mid && !st.four)
		valid |= (1u << KW_EUCJP);
	if (!st.gb_bad && !st.lo && !st.mid && !st.four && !st.tw_gap)
		valid |= (1u << KW_EUCTW);
	if (!st.gb_bad && !st.four && st.johab == st.pairs)
		valid |= (1u << KW_JOHAB);
	return valid ? valid : (1u << KW_GBK);
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

int lenc_utf16_ref(const unsigned char *s, size_t n)
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

int lenc_utf8_ref(const unsigned char *s, size_t n)
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
