/*
 * libFuzzer target: the SIMD UTF-8 window check agrees with the byte-at-a-time
 * one on every input and every start offset (block edges fall everywhere), and
 * every short substring of a UTF-8 window is one u8t_possible accepts, which
 * is what makes the smaller pattern set of the scan exact.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "u8text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off, i, k;

	for (off = 0; off < size && off < 40; off++) {
		const unsigned char *s = data + off;
		size_t n = size - off;
		int v = u8t_window_scalar(s, n);

		if (u8t_window(s, n) != v)
			abort();
		if (!v || off)
			continue;
		for (i = 0; i < n; i++)
			for (k = 1; k <= 12 && i + k <= n; k++)
				if (!u8t_possible(s + i, k))
					abort();
	}
	return 0;
}
