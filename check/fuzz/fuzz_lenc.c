/*
 * libFuzzer target: the legacy-encoding detector and character boundaries.
 * lenc_detect always names some encoding; for each encoding, the boundaries
 * found going forward with a kept position (as the scan does, hits in order)
 * are the ones found from nothing at each offset, and the offsets a plain
 * left-to-right reading from the start reaches are boundaries (but in the
 * stateful ISO-2022 encodings, where byte 0 is in ASCII).  A context's end
 * lies within the text, and lenc_iso2022 reads any bytes.  The fast sample
 * counts, lenc_detect, lenc_utf8 and lenc_utf16 agree with their references
 * (tests/lenc_ref.c).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <string.h>

#include "lenc.h"
#include "lenc_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum kw_enc encs[] = {KW_GBK,       KW_BIG5,      KW_EUCKR,     KW_SJIS,
	                                   KW_EUCJP,     KW_EUCTW,     KW_JOHAB,     KW_ISO2022JP,
	                                   KW_ISO2022KR, KW_ISO2022CN, KW_ISO2022CNS};
	size_t e, pos, at, next;
	struct lenc_stats fast, ref;

	if (lenc_detect(data, size) == 0 || (lenc_iso2022(data, size) & ~LENC_ISO2022_BITS))
		abort();
	lenc_count(data, size, &fast);
	lenc_count_ref(data, size, &ref);
	if (memcmp(&fast, &ref, sizeof(fast)) != 0 ||
	    lenc_utf8(data, size) != lenc_utf8_ref(data, size) ||
	    lenc_utf16(data, size) != lenc_utf16_ref(data, size) ||
	    lenc_detect(data, size) != lenc_detect_ref(data, size))
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

			/* (ISO-2022's kept position carries a mark in its top bit.) */
			if (a != b || (at > pos && !LENC_ISO2022(encs[e])) ||
			    lenc_ctx_start(encs[e], data, size, pos, 24) > pos ||
			    lenc_ctx_end(encs[e], data, size, pos, 24) > size)
				abort();
			/* Reading from byte 0: every boundary reached is one. */
			if (pos == next && pos < size && !LENC_ISO2022(encs[e])) {
				len = lenc_char_len(encs[e], data, pos, size);
				if (len < 1 || len > 4 || !b)
					abort();
				next += len;
			}
		}
	}
	return 0;
}
