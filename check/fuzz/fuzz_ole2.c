/* libFuzzer target: the OLE2 compound-file reader. */
#include <stddef.h>
#include <stdint.h>

#include "cbuf.h"
#include "ole2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ole2 o;
	struct ole2_entry e;
	struct cbuf out;
	size_t i;

	cbuf_init(&out, 1u << 24);
	ole2_init(&o, 1u << 24);
	if (ole2_open(&o, data, size) == OLE2_OK)
		for (i = 0; i < o.nentries && i < 4096; i++)
			if (ole2_entry_get(&o, i, &e) == OLE2_OK && e.type == OLE2_STREAM)
				ole2_read(&o, &e, &out);
	ole2_release(&o);
	cbuf_release(&out);
	return 0;
}
