/*
 * libFuzzer target: the text of an OFD page (Content.xml) and the kind of
 * an OFD entry named by the input, with room to spare and at a cap inside
 * the output picked by the input.  Whole OFD packages go through
 * check_fuzz_scan, seeded with the planted .ofd files.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cbuf.h"
#include "ofd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run(const uint8_t *data, size_t size, size_t max)
{
	struct cbuf text;
	unsigned unreadable = 0;

	cbuf_init(&text, max);
	if (ofd_page_text((const char *)data, size, &text, &unreadable) == CBUF_OK &&
	    text.len > max)
		abort();
	cbuf_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (ofd_entry_kind((const char *)data, size) > OFD_ENCRYPTION)
		abort();
	run(data, size, 1u << 22);
	run(data, size, size ? 1 + data[0] % (size + 1) : 1);
	return 0;
}
