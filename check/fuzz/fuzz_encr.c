/*
 * libFuzzer target: the encryption marks of every format (encr.h) and the
 * text records and defined names of Excel and PowerPoint streams (oletext.h),
 * on any bytes.
 * Besides memory errors it checks that the text copied out is never more
 * than the stream and two NUL bytes per record (a record has a header of
 * at least 4 bytes, so at most 1.5 times the stream).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cbuf.h"
#include "encr.h"
#include "oletext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cbuf out;
	uint64_t off, len;
	volatile int any = 0;
	int found;

	any += encr_pdf(data, size);
	any += encr_doc(data, size);
	any += encr_xls(data, size);
	any += encr_ppt_user(data, size);
	any += encr_ppt_doc(data, size);
	any += encr_odf_manifest(data, size);
	any += encr_7z(data, size);
	any += encr_7z_header(data, size);
	if (encr_7z_next(data, size, &off, &len) && off < 32)
		abort();
	cbuf_init(&out, 1u << 24);
	if (oletext_xls(data, size, &out) == CBUF_OK && out.len > size + size / 2)
		abort();
	/* defined names: at most the record's bytes past its 14-byte header, and two NULs */
	cbuf_reset(&out);
	if (oletext_xls_names(data, size, &out) == CBUF_OK && out.len > size)
		abort();
	cbuf_reset(&out);
	if (oletext_ppt(data, size, &out) == CBUF_OK && out.len > size)
		abort();
	/* a VBA module: the decompressed source grows at most 4096 bytes per chunk */
	cbuf_reset(&out);
	if (oletext_vba(data, size, &out, &found) == CBUF_OK && out.len > 4096 * (size / 2 + 1))
		abort();
	cbuf_release(&out);
	(void)any;
	return 0;
}
