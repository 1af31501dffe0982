/*
 * fuzz_inventory_scan — libFuzzer target for what a label scanner types into
 * the inventory page (inv_scan_parse, src/core/inventory.h).
 *
 * Checks the promises besides crashes and undefined behaviour: on success a
 * number of 1..INV_NUMBER_MAX bytes of A-Z, 0-9, '-', '_', '.' with a letter or
 * digit, which parses again to itself (a number read back from a label is
 * the same number); on failure an empty output; input over INV_SCAN_MAX bytes
 * is always INV_SCAN_TOO_LONG.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/inventory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[INV_NUMBER_MAX + 1], again[INV_NUMBER_MAX + 1];
	enum inv_scan_err e = inv_scan_parse((const char *)data, size, out);
	size_t n = strnlen(out, sizeof(out));
	int alnum = 0;

	if (n == sizeof(out))
		abort();
	if (size > INV_SCAN_MAX && e != INV_SCAN_TOO_LONG)
		abort();
	if (e != INV_SCAN_OK) {
		if (n)
			abort();
		return 0;
	}
	if (!n || n > INV_NUMBER_MAX)
		abort();
	for (size_t i = 0; i < n; i++) {
		char c = out[i];

		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			alnum = 1;
		else if (c != '-' && c != '_' && c != '.')
			abort();
	}
	if (!alnum)
		abort();
	if (inv_scan_parse(out, n, again) != INV_SCAN_OK || strcmp(out, again) != 0)
		abort();
	return 0;
}
