/*
 * libFuzzer target: archives through libarchive as baomi-check reads them
 * (arch.h): every member read into a capped buffer under a total, and the
 * sniffers.  Besides memory errors it checks that no member passes the cap
 * and that the total never grows.  As in the scan, an archive whose headers
 * state a decoder memory over the budget (arch_need) is not opened.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "arch.h"
#include "cbuf.h"

#define CAP (1u << 20)
#define TOTAL (4ull << 20)
#define BUDGET (16u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arch *a = NULL;
	struct cbuf out;
	struct arch_need need;
	uint64_t left = TOTAL, before;
	const char *name;
	int enc, members = 0;

	/* The sniffers answer yes or no, and never read past size. */
	if (arch_sniff(data, size) < 0 || arch_gzip_tar(data, size) < 0 ||
	    arch_rar_encrypted(data, size) < 0)
		abort();
	arch_need(data, size, BUDGET, &need);
	if (need.bytes && (!need.what || !need.format))
		abort();
	if (need.bytes > BUDGET)
		return 0;
	cbuf_init(&out, CAP);
	if (arch_open(&a, data, size) == ARCH_OK) {
		while (members++ < 1000 && arch_next(a, &name, &enc) == ARCH_OK) {
			enum arch_err err;

			if (!name || enc < 0)
				abort();
			before = left;
			err = arch_read(a, &out, &left, NULL, NULL);
			if (out.len > CAP || left > before || before - left < out.len)
				abort();
			if (err == ARCH_TOTAL || err == ARCH_CORRUPT)
				break;
		}
	}
	arch_close(a);
	cbuf_release(&out);
	return 0;
}
