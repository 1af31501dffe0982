/*
 * libFuzzer target: the XML text extractor, checked against the reference
 * (byte-at-a-time) extractor: same bytes, same result, also at a small cap
 * and after text already in the buffer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cbuf.h"
#include "xmltext.h"
#include "xmltext_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same(const uint8_t *data, size_t size, size_t max, size_t pre)
{
	struct cbuf a, b;
	enum cbuf_err ea, eb;

	cbuf_init(&a, max);
	cbuf_init(&b, max);
	if (pre && (cbuf_append(&a, "pre", 3) || cbuf_append(&b, "pre", 3)))
		abort();
	ea = xmltext_extract((const char *)data, size, &a);
	eb = xmltext_extract_ref((const char *)data, size, &b);
	if (ea != eb || a.len != b.len || (a.len && memcmp(a.ptr, b.ptr, a.len) != 0))
		abort();
	cbuf_release(&a);
	cbuf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	same(data, size, 1u << 22, 0);
	/* A cap somewhere inside the output, picked by the input. */
	same(data, size, size ? 3 + data[0] % (size + 1) : 3, 1);
	return 0;
}
