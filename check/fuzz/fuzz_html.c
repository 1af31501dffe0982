/*
 * libFuzzer target: the HTML text extractor and its charset handling, with
 * room to spare and at a cap inside the output picked by the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cbuf.h"
#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run(const uint8_t *data, size_t size, size_t max)
{
	struct cbuf text, meta, conv;

	cbuf_init(&text, max);
	cbuf_init(&meta, max);
	cbuf_init(&conv, max);
	if (html_extract(data, size, &text, &meta) == CBUF_OK && text.len > max)
		abort();
	if (html_gbk(data, size) && html_gbk_to_utf8(data, size, &conv) == CBUF_OK) {
		cbuf_reset(&text);
		html_extract((const uint8_t *)conv.ptr, conv.len, &text, &meta);
	}
	cbuf_release(&text);
	cbuf_release(&meta);
	cbuf_release(&conv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	html_sniff(data, size);
	run(data, size, 1u << 22);
	run(data, size, size ? 1 + data[0] % (size + 1) : 1);
	return 0;
}
