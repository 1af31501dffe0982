/*
 * lenc_agree — lenc's fast sample counts (a table per pair) and text tests
 * (stopped once the answer is known) give what the byte-at-a-time reference
 * gives, on random mixtures of GBK, GB18030, Shift-JIS, UTF-8, UTF-16LE,
 * ASCII and random bytes, cut at random places.  No library but libc, so
 * that it also runs built for arm64 under qemu-user (tests/CMakeLists.txt).
 *
 *   lenc_agree [N]    N random buffers (default 10,000); exit 0 when all
 *                     agree, 1 with the first disagreement
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lenc.h"
#include "lenc_ref.h"
#include "xorshift.h"

static unsigned long long seed = 0x9E3779B97F4A7C15ull;

static unsigned next(void)
{
	return xorshift_next(&seed);
}

static unsigned pick(unsigned lo, unsigned hi)
{
	return lo + next() % (hi - lo + 1);
}

/* Appends one character or byte of a random kind at b[*n] (room for 4). */
static void put_piece(unsigned char *b, size_t *n, unsigned kind)
{
	unsigned cp;

	switch (kind) {
	case 0: /* any byte */
		b[(*n)++] = (unsigned char)next();
		break;
	case 1: /* ASCII text */
		b[(*n)++] = (unsigned char)pick(0x20, 0x7E);
		break;
	case 2: /* a GBK/Big5/EUC pair, any trail */
		b[(*n)++] = (unsigned char)pick(0x81, 0xFE);
		b[(*n)++] = (unsigned char)pick(0x30, 0xFF);
		break;
	case 3: /* a GB18030 four-byte sequence */
		b[(*n)++] = (unsigned char)pick(0x81, 0xFE);
		b[(*n)++] = (unsigned char)pick(0x30, 0x39);
		b[(*n)++] = (unsigned char)pick(0x81, 0xFE);
		b[(*n)++] = (unsigned char)pick(0x30, 0x39);
		break;
	case 4: /* Shift-JIS, kana rows often; now and then well-formed throughout */
		if (next() & 1) {
			b[(*n)++] =
			    (unsigned char)(next() & 1 ? pick(0x82, 0x83) : pick(0x80, 0xFF));
			b[(*n)++] = (unsigned char)pick(0x3F, 0xFD);
		} else {
			b[(*n)++] =
			    (unsigned char)(next() % 3 ? pick(0x82, 0x83) : pick(0xE0, 0xEF));
			b[(*n)++] = (unsigned char)pick(0x80, 0xFC);
		}
		break;
	case 5: /* UTF-8, CJK mostly */
		cp = next() % 4 ? pick(0x4E00, 0x9FFF) : pick(0x80, 0x10FFFF);
		if (cp < 0x800) {
			b[(*n)++] = (unsigned char)(0xC0 | cp >> 6);
		} else if (cp < 0x10000) {
			b[(*n)++] = (unsigned char)(0xE0 | cp >> 12);
			b[(*n)++] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		} else {
			b[(*n)++] = (unsigned char)(0xF0 | cp >> 18);
			b[(*n)++] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
			b[(*n)++] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		}
		b[(*n)++] = (unsigned char)(0x80 | (cp & 0x3F));
		break;
	default: /* a UTF-16LE unit: an ideograph, ASCII, CJK punctuation */
		cp = next() % 3 == 0 ? pick(0x20, 0x7E)
		     : next() % 5    ? pick(0x3400, 0x9FFF)
		                     : 0x3000;
		b[(*n)++] = (unsigned char)cp;
		b[(*n)++] = (unsigned char)(cp >> 8);
		break;
	}
}

static int same_counts(const unsigned char *s, size_t n)
{
	struct lenc_stats a, b;

	lenc_count(s, n, &a);
	lenc_count_ref(s, n, &b);
	if (memcmp(&a, &b, sizeof(a)) == 0)
		return 1;
	printf("counts disagree on %zu bytes: pairs %zu/%zu four %zu/%zu bad %zu/%zu sj %zu/%zu "
	       "sj_bad %zu/%zu johab %zu/%zu\n",
	       n, a.pairs, b.pairs, a.four, b.four, a.gb_bad, b.gb_bad, a.sj, b.sj, a.sj_bad,
	       b.sj_bad, a.johab, b.johab);
	return 0;
}

static int same_tests(const unsigned char *s, size_t n)
{
	int u8 = lenc_utf8(s, n), u8r = lenc_utf8_ref(s, n);
	int u16 = lenc_utf16(s, n), u16r = lenc_utf16_ref(s, n);
	unsigned d = lenc_detect(s, n), dr = lenc_detect_ref(s, n);

	if (u8 == u8r && u16 == u16r && d == dr)
		return 1;
	printf("disagree on %zu bytes: lenc_utf8 %d (reference %d), lenc_utf16 %d (reference %d), "
	       "lenc_detect %#x (reference %#x)\n",
	       n, u8, u8r, u16, u16r, d, dr);
	return 0;
}

/*
 * Where lenc_detect may skip Shift-JIS's pass: text of enough two-byte
 * characters that are all one pair, around the edges of the kana rows, with
 * and without a lead-like byte (80-A0, E0-FF) at the very end.
 */
static int edges(void)
{
	static const unsigned char pairs[][2] = {
	    {0x82, 0x9F}, {0x82, 0xF1}, {0x83, 0x40}, {0x83, 0x96}, {0x82, 0x9E}, {0x82, 0xF2},
	    {0x83, 0x3F}, {0x83, 0x97}, {0xA1, 0xA1}, {0xB0, 0xA1}, {0xE0, 0x40}, {0x81, 0x40}};
	static unsigned char buf[2 * 400 + 1];
	size_t p, k, n;
	int tail;

	for (p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++)
		for (tail = 0; tail < 3; tail++) {
			for (k = 0; k < 400; k++)
				memcpy(buf + 2 * k, pairs[p], 2);
			n = 2 * 400;
			if (tail)
				buf[n++] = tail == 1 ? 0xE0 : 0x41;
			if (!same_counts(buf, n) || !same_tests(buf, n))
				return 0;
		}
	return 1;
}

int main(int argc, char **argv)
{
	static unsigned char buf[40000];
	long rounds = argc > 1 ? atol(argv[1]) : 10000, r;
	struct lenc_stats st;
	unsigned utf8_yes = 0, utf16_yes = 0, gbk = 0;

	if (!edges())
		return 1;
	for (r = 0; r < rounds; r++) {
		/* Mostly one kind with others mixed in, as real text and its damage are. */
		size_t n = 0, want = next() % 8 ? pick(0, 3000) : pick(3000, sizeof(buf) - 8), cut;
		unsigned main_kind = next() % 7, mix = pick(0, 40);

		while (n < want)
			put_piece(buf, &n, next() % 100 < mix ? next() % 7 : main_kind);
		cut = n ? next() % (n + 1) : 0;
		if (!same_counts(buf, n) || !same_counts(buf, cut) ||
		    !same_counts(buf + cut, n - cut) || !same_tests(buf, n) ||
		    !same_tests(buf, cut) || !same_tests(buf + cut, n - cut))
			return 1;
		utf8_yes += lenc_utf8(buf, n);
		utf16_yes += lenc_utf16(buf, n);
		lenc_count(buf, n, &st);
		gbk += st.pairs > st.gb_bad;
	}
	/* The mixtures reach both answers of each test. */
	if (rounds >= 1000 &&
	    (!utf8_yes || utf8_yes == rounds || !utf16_yes || utf16_yes == rounds || !gbk)) {
		printf("the random buffers miss a case: utf8 %u utf16 %u gbk %u of %ld\n", utf8_yes,
		       utf16_yes, gbk, rounds);
		return 1;
	}
	printf("lenc_agree: %ld buffers agree (utf8 %u, utf16 %u)\n", rounds, utf8_yes, utf16_yes);
	return 0;
}
