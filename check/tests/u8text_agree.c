/*
 * u8text_agree — the SIMD UTF-8 window check (AVX2 on x86-64, NEON on
 * arm64) agrees with the byte-at-a-time one on a million random buffers and
 * on every cut of a known text.  No library but libc, so that it also runs
 * built for arm64 under qemu-user (tests/CMakeLists.txt): the NEON path is
 * tested on every run even on an x86-64 machine.
 *
 *   u8text_agree [N]    N random buffers (default 1,000,000); exit 0 when
 *                       all agree, 1 with the first disagreement
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "u8text.h"
#include "xorshift.h"

static unsigned long long seed = 88172645463325252ull;

static unsigned next(void)
{
	return xorshift_next(&seed);
}

static int agree(const unsigned char *s, size_t n)
{
	int a = u8t_window(s, n), b = u8t_window_scalar(s, n);
	size_t i;

	if (a == b)
		return 1;
	printf("disagree (simd %d, scalar %d) on %zu bytes:", a, b, n);
	for (i = 0; i < n; i++)
		printf(" %02x", s[i]);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long rounds = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	static const char *const pieces[] = {"a", "\n", "é", "中", "文", "😀", "\xEF\xBF\xBD"};
	unsigned char buf[300];
	size_t i, n, off;

	if (!u8t_simd())
		printf("u8text_agree: no SIMD path on this CPU, scalar only\n");
	/* Every prefix of a text, with every byte in turn made a stray lead. */
	for (n = 0; n + 3 <= sizeof(buf); n += 3)
		memcpy(buf + n, "中", 3);
	for (n = 1; n <= 140; n++) {
		if (!u8t_window(buf, n))
			return printf("a valid prefix of %zu bytes refused\n", n), 1;
		for (off = 0; off < n; off++) {
			unsigned char keep = buf[off];

			buf[off] = 0xC3;
			if (!agree(buf, n))
				return 1;
			buf[off] = 0;
			if (u8t_window(buf, n))
				return printf("a NUL at %zu of %zu not seen\n", off, n), 1;
			buf[off] = keep;
		}
	}
	/* Random text: mostly valid characters, some stray bytes. */
	for (i = 0; i < rounds; i++) {
		size_t len = 0, cap = 8 + next() % (sizeof(buf) - 16);

		while (len + 4 < cap) {
			unsigned r = next() % 100;

			if (r < 3) {
				buf[len++] = (unsigned char)next();
			} else {
				const char *p = pieces[r % 7];

				memcpy(buf + len, p, strlen(p));
				len += strlen(p);
			}
		}
		for (off = 0; off < 4 && off < len; off++)
			if (!agree(buf + off, len - off))
				return 1;
	}
	printf("u8text_agree: SIMD and scalar agree (%lu random buffers)\n", rounds);
	return 0;
}
