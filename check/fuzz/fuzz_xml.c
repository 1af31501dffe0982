/* libFuzzer target: the XML text extractor. */
#include <stddef.h>
#include <stdint.h>

#include "cbuf.h"
#include "xmltext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cbuf out;

	cbuf_init(&out, 1u << 22);
	xmltext_extract((const char *)data, size, &out);
	cbuf_release(&out);
	return 0;
}
