/*
 * libFuzzer target: the legacy-encoding detector and character boundaries.
 * lenc_detect always names some encoding; for each encoding, the boundaries
 * found going forward with a kept position (as the scan does, hits in order)
 * are the ones found from nothing at each offset, and the offsets a plain
 * left-to-right reading from the start reaches are boundaries.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "lenc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum kw_enc encs[] = {KW_GBK, KW_BIG5, KW_EUCKR, KW_SJIS, KW_EUCJP};
	size_t e, pos, at, next;

	if (lenc_detect(data, size) == 0)
		abort();
	/* Quadratic below: every offset is also found from nothing. */
	if (size > 1024)
		return 0;
	for (e = 0; e < sizeof(encs) / sizeof(encs[0]); e++) {
		at = (size_t)-1;
		next = 0;
		for (pos = 0; pos <= size; pos++) {
			size_t fresh = (size_t)-1, len;
			int a = lenc_boundary(encs[e], data, size, pos, &at, 8);
			int b = lenc_boundary(encs[e], data, size, pos, &fresh, 0);

			if (a != b || at > pos ||
			    lenc_ctx_start(encs[e], data, size, pos, 24) > pos)
				abort();
			/* Reading from byte 0: every boundary reached is one. */
			if (pos == next && pos < size) {
				len = lenc_char_len(encs[e], data, pos, size);
				if (len < 1 || len > 4 || !b)
					abort();
				next += len;
			}
		}
	}
	return 0;
}
