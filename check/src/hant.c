#include "hant.h"

#include "hant_table.h"

size_t hant_forms(unsigned cp, unsigned *out, size_t max)
{
	size_t lo = 0, hi = sizeof(hant_pairs) / sizeof(hant_pairs[0]), n = 0;

	/* The first pair of cp, by bisection; its forms follow it. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (hant_pairs[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < sizeof(hant_pairs) / sizeof(hant_pairs[0]) && hant_pairs[lo][0] == cp) {
		if (n < max)
			out[n++] = hant_pairs[lo][1];
		lo++;
	}
	return n;
}

unsigned hant_simplified(unsigned cp)
{
	size_t lo = 0, hi = sizeof(hans_pairs) / sizeof(hans_pairs[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (hans_pairs[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sizeof(hans_pairs) / sizeof(hans_pairs[0]) && hans_pairs[lo][0] == cp
	           ? hans_pairs[lo][1]
	           : 0;
}
