/*
 * libFuzzer target: the text of an OFD page (Content.xml), with room to
 * spare and at a cap inside the output picked by the input; the page list
 * of OFD.xml and Document.xml; and the kind of an OFD entry named by the
 * input.  Whole OFD packages go through
 * check_fuzz_scan, seeded with the planted .ofd files.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/*
 * The input as OFD.xml, as a Document.xml and as its Annotations.xml: every
 * DocRoot a non-empty entry name, every page or annotation file listed
 * found again with a number from 1.
 */
static void pages(const uint8_t *data, size_t size)
{
	struct ofd_pages p;
	char name[OFD_PATH_MAX];
	size_t pos = 0, i, roots = 0;

	while (ofd_doc_root((const char *)data, size, &pos, name)) {
		if (!name[0] || pos > size || ++roots > size)
			abort();
	}
	ofd_pages_init(&p);
	ofd_pages_doc(&p, (const char *)data, size, "Doc_0/Document.xml", name);
	ofd_pages_annots(&p, (const char *)data, size, "Doc_0/Annots/Annotations.xml");
	for (i = 0; i < p.n; i++)
		if (p.v[i].number == 0 ||
		    ofd_page_number(&p, p.v[i].name, strlen(p.v[i].name)) == 0)
			abort();
	ofd_pages_release(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (ofd_entry_kind((const char *)data, size) > OFD_ENCRYPTION)
		abort();
	pages(data, size);
	run(data, size, 1u << 22);
	run(data, size, size ? 1 + data[0] % (size + 1) : 1);
	return 0;
}
