/*
 * libFuzzer target: the mail reader (mime.h) on any bytes, as one message
 * and as an mbox.  Besides memory errors it checks that the decoded text
 * and attachments never pass the buffers' caps and that the mbox messages
 * tile the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cbuf.h"
#include "mime.h"

#define CAP (1u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_text(void *ctx, const unsigned char *b, size_t n, int header)
{
	(void)header;
	if (n > CAP || (n && !b))
		abort();
	*(size_t *)ctx += n;
	return 0;
}

static int on_attachment(void *ctx, const char *name, const unsigned char *b, size_t n)
{
	if (n > CAP || (n && !b) || !name || !name[0] || strlen(name) > 4 * 512)
		abort();
	*(size_t *)ctx += n;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cbuf raw, text;
	size_t got = 0, pos = 0, mlen, seen = 0;
	const unsigned char *msg;
	struct mime_sink sink = {on_text, on_attachment, &got};
	volatile enum mime_kind kind = mime_sniff(data, size);

	(void)kind;
	cbuf_init(&raw, CAP);
	cbuf_init(&text, CAP);
	mime_message(data, size, &raw, &text, &sink);
	while (mime_mbox_next(data, size, &pos, &msg, &mlen)) {
		if (msg < data || msg + mlen > data + size || pos > size || mlen > size - seen)
			abort();
		seen = pos;
		mime_message(msg, mlen, &raw, &text, &sink);
	}
	cbuf_release(&raw);
	cbuf_release(&text);
	return 0;
}
