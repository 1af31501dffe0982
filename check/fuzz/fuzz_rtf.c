/*
 * libFuzzer target: the RTF text extractor, with room to spare and at a cap
 * inside its output picked by the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cbuf.h"
#include "rtf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run(const uint8_t *data, size_t size, size_t max)
{
	struct cbuf text, meta;

	cbuf_init(&text, max);
	cbuf_init(&meta, max);
	if (rtf_extract(data, size, &text, &meta) == CBUF_OK && text.len > max)
		abort();
	cbuf_release(&text);
	cbuf_release(&meta);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rtf_sniff(data, size);
	run(data, size, 1u << 22);
	run(data, size, size ? 1 + data[0] % (size + 1) : 1);
	return 0;
}
