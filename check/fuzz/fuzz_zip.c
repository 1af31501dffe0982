/* libFuzzer target: the zip reader (central directory, local headers, inflate). */
#include <libdeflate.h>
#include <stddef.h>
#include <stdint.h>

#include "cbuf.h"
#include "zipr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct libdeflate_decompressor *dec;
	struct zipr z;
	struct zipr_entry e;
	struct cbuf out;
	const unsigned char *bytes;
	size_t len;

	if (!dec)
		dec = libdeflate_alloc_decompressor();
	cbuf_init(&out, 1u << 24);
	if (zipr_open(&z, data, size, dec) == ZIPR_OK)
		while (zipr_next(&z, &e) == ZIPR_OK)
			zipr_extract(&z, &e, &out, &bytes, &len);
	cbuf_release(&out);
	return 0;
}
