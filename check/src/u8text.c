#include "u8text.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define U8T_AVX2 1
#elif defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
#define U8T_NEON 1
#endif

/* Strict UTF-8 from s[i] on, no NUL; the last character may be cut short. */
static int valid_from(const unsigned char *s, size_t i, size_t n)
{
	while (i < n) {
		unsigned c = s[i], lo = 0x80, hi = 0xBF;
		size_t k, need;

		if (c < 0x80) {
			if (c == 0)
				return 0;
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			lo = c == 0xE0 ? 0xA0 : 0x80; /* overlong */
			hi = c == 0xED ? 0x9F : 0xBF; /* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			lo = c == 0xF0 ? 0x90 : 0x80; /* overlong */
			hi = c == 0xF4 ? 0x8F : 0xBF; /* above U+10FFFF */
		} else {
			return 0;
		}
		for (k = 1; k <= need; k++) {
			if (i + k >= n)
				return 1;
			c = s[i + k];
			if (c < lo || c > hi)
				return 0;
			lo = 0x80;
			hi = 0xBF;
		}
		i += need + 1;
	}
	return 1;
}

/* Up to three continuation bytes: the tail of a character the window edge cut. */
static size_t skip_cut_tail(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && (s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

int u8t_window_scalar(const unsigned char *s, size_t n)
{
	return valid_from(s, skip_cut_tail(s, n), n);
}

/*
 * The SIMD paths check 16 or 32 bytes at once with the lookup method of
 * Keiser and Lemire ("Validating UTF-8 in less than one instruction per
 * byte", 2021): three table lookups on the high and low nibbles of each byte
 * and of the byte before it give the error classes a pair of bytes can be
 * in; the bytes two and three back tell where a third or fourth byte must
 * follow.  Unlike a whole-document validator, the end of the checked blocks
 * is not required to end a character: the bytes after the blocks are checked
 * by valid_from from the start of the character they belong to.
 */
#define TOO_SHORT 0x01      /* 11______ 0_______, 11______ 11______ */
#define TOO_LONG 0x02       /* 0_______ 10______ */
#define OVERLONG_3 0x04     /* 11100000 100_____ */
#define TOO_LARGE 0x08      /* 11110100 1001____, 11110100 101_____, 11110101+ 10______ */
#define SURROGATE 0x10      /* 11101101 101_____ */
#define OVERLONG_2 0x20     /* 1100000_ 10______ */
#define TOO_LARGE_1000 0x40 /* 11110101+ 1000____ */
#define OVERLONG_4 0x40     /* 11110000 1000____ */
#define TWO_CONTS 0x80      /* 10______ 10______ */
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

/* By the high nibble of the first byte of a pair. */
#define T_BYTE1_HIGH                                                                               \
	TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TWO_CONTS, \
	    TWO_CONTS, TWO_CONTS, TWO_CONTS, TOO_SHORT | OVERLONG_2, TOO_SHORT,                    \
	    TOO_SHORT | OVERLONG_3 | SURROGATE,                                                    \
	    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4
/* By the low nibble of the first byte. */
#define T_BYTE1_LOW                                                                                \
	CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY,            \
	    CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000,                                 \
	    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,                \
	    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,                \
	    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,                \
	    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,    \
	    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000
/* By the high nibble of the second byte. */
#define T_BYTE2_HIGH                                                                               \
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,    \
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,          \
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,                            \
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                             \
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE, TOO_SHORT, TOO_SHORT,       \
	    TOO_SHORT, TOO_SHORT

#if defined(U8T_AVX2) || defined(U8T_NEON)
static const unsigned char tab_byte1_high[16] = {T_BYTE1_HIGH};
static const unsigned char tab_byte1_low[16] = {T_BYTE1_LOW};
static const unsigned char tab_byte2_high[16] = {T_BYTE2_HIGH};
#endif

#ifdef U8T_AVX2
/*
 * Checks whole 32-byte blocks of s[0..n), s[-1] being taken as ASCII.
 * Returns how many bytes it checked, or (size_t)-1 at the first error.
 */
__attribute__((target("avx2"))) static size_t blocks_avx2(const unsigned char *s, size_t n)
{
	const __m256i t1 = _mm256_broadcastsi128_si256(
	    _mm_loadu_si128((const __m128i *)(const void *)tab_byte1_high));
	const __m256i t2 = _mm256_broadcastsi128_si256(
	    _mm_loadu_si128((const __m128i *)(const void *)tab_byte1_low));
	const __m256i t3 = _mm256_broadcastsi128_si256(
	    _mm_loadu_si128((const __m128i *)(const void *)tab_byte2_high));
	const __m256i nib = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
	const __m256i third = _mm256_set1_epi8((char)(0xE0 - 0x80));
	const __m256i fourth = _mm256_set1_epi8((char)(0xF0 - 0x80));
	const __m256i high = _mm256_set1_epi8((char)0x80);
	__m256i prev = zero;
	size_t i;

	for (i = 0; n - i >= 32; i += 32) {
		__m256i in = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		/* The 16 bytes before each lane: prev's high lane, then in's low lane. */
		__m256i before = _mm256_permute2x128_si256(prev, in, 0x21);
		__m256i p1 = _mm256_alignr_epi8(in, before, 15);
		__m256i p2 = _mm256_alignr_epi8(in, before, 14);
		__m256i p3 = _mm256_alignr_epi8(in, before, 13);
		__m256i sc = _mm256_and_si256(
		    _mm256_and_si256(
		        _mm256_shuffle_epi8(t1, _mm256_and_si256(_mm256_srli_epi16(p1, 4), nib)),
		        _mm256_shuffle_epi8(t2, _mm256_and_si256(p1, nib))),
		    _mm256_shuffle_epi8(t3, _mm256_and_si256(_mm256_srli_epi16(in, 4), nib)));
		__m256i must = _mm256_and_si256(
		    _mm256_or_si256(_mm256_subs_epu8(p2, third), _mm256_subs_epu8(p3, fourth)),
		    high);
		__m256i err =
		    _mm256_or_si256(_mm256_xor_si256(must, sc), _mm256_cmpeq_epi8(in, zero));

		if (!_mm256_testz_si256(err, err))
			return (size_t)-1;
		prev = in;
	}
	return i;
}
#endif

#ifdef U8T_NEON
/* Checks whole 16-byte blocks, as blocks_avx2 does. */
static size_t blocks_neon(const unsigned char *s, size_t n)
{
	const uint8x16_t t1 = vld1q_u8(tab_byte1_high), t2 = vld1q_u8(tab_byte1_low),
	                 t3 = vld1q_u8(tab_byte2_high);
	const uint8x16_t nib = vdupq_n_u8(0x0F), zero = vdupq_n_u8(0);
	const uint8x16_t third = vdupq_n_u8(0xE0 - 0x80), fourth = vdupq_n_u8(0xF0 - 0x80);
	const uint8x16_t high = vdupq_n_u8(0x80);
	uint8x16_t prev = zero;
	size_t i;

	for (i = 0; n - i >= 16; i += 16) {
		uint8x16_t in = vld1q_u8(s + i);
		uint8x16_t p1 = vextq_u8(prev, in, 15), p2 = vextq_u8(prev, in, 14),
		           p3 = vextq_u8(prev, in, 13);
		uint8x16_t sc = vandq_u8(
		    vandq_u8(vqtbl1q_u8(t1, vshrq_n_u8(p1, 4)), vqtbl1q_u8(t2, vandq_u8(p1, nib))),
		    vqtbl1q_u8(t3, vshrq_n_u8(in, 4)));
		uint8x16_t must =
		    vandq_u8(vorrq_u8(vqsubq_u8(p2, third), vqsubq_u8(p3, fourth)), high);
		uint8x16_t err = vorrq_u8(veorq_u8(must, sc), vceqq_u8(in, zero));

		if (vmaxvq_u8(err))
			return (size_t)-1;
		prev = in;
	}
	return i;
}
#endif

int u8t_simd(void)
{
#if defined(U8T_AVX2)
	return __builtin_cpu_supports("avx2");
#elif defined(U8T_NEON)
	return 1;
#else
	return 0;
#endif
}

int u8t_window(const unsigned char *s, size_t n)
{
	size_t i = skip_cut_tail(s, n), done = 0, b;

#if defined(U8T_AVX2)
	if (__builtin_cpu_supports("avx2"))
		done = blocks_avx2(s + i, n - i);
#elif defined(U8T_NEON)
	done = blocks_neon(s + i, n - i);
#endif
	if (done == (size_t)-1)
		return 0;
	/* Go on from the start of the character that the last block cut, if any:
	 * its lead byte is at most three bytes back. */
	b = i + done;
	if (done > 0) {
		size_t j = b - 1;

		while (j > i && b - j < 3 && (s[j] & 0xC0) == 0x80)
			j--;
		if (s[j] >= 0xC0 && (size_t)(s[j] >= 0xF0 ? 4 : s[j] >= 0xE0 ? 3 : 2) > b - j)
			b = j;
	}
	return valid_from(s, b, n);
}

int u8t_possible(const unsigned char *p, size_t n)
{
	/* Bit k of the state set: k more continuation bytes are due.  Any state
	 * can start, since a pattern may begin inside a character. */
	unsigned set = 0xF;
	size_t i;

	for (i = 0; i < n && set; i++) {
		unsigned c = p[i], next = 0;

		if ((c & 0xC0) == 0x80)
			next |= (set >> 1) & 0x7;
		if (set & 1) {
			if (c >= 0x01 && c < 0x80)
				next |= 1;
			else if (c >= 0xC2 && c <= 0xDF)
				next |= 2;
			else if (c >= 0xE0 && c <= 0xEF)
				next |= 4;
			else if (c >= 0xF0 && c <= 0xF4)
				next |= 8;
		}
		set = next;
	}
	return set != 0;
}

size_t u8t_encode(unsigned long cp, char u[4])
{
	size_t n;

	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
		cp = 0xFFFD;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return n;
}
