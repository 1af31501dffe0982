/*
 * libFuzzer target: the image sniffing of --ocr (ocr_sniff, which reads the
 * first bytes of every file), the joining of Chinese characters that
 * Tesseract separates (ocr_join_cjk), the pictures of .doc and .ppt streams
 * (blip_next, blip_dib_bmp; blip_xls_group, whose output is walked too) and
 * the --ocr-lang syntax.  Besides memory
 * errors it checks that joining only removes whitespace (the other bytes
 * stay, in order), never grows the text, and that joining again changes
 * nothing; that every picture found lies in the input after the last one;
 * and that a BMP made of a DIB is one ocr_sniff takes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "blip.h"
#include "cbuf.h"
#include "ocr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void check_blips(const uint8_t *data, size_t size)
{
	struct blip p;
	struct cbuf bmp;
	size_t pos = 0, last = 0;

	cbuf_init(&bmp, 1u << 24);
	while (blip_next(data, size, &pos, &p)) {
		if (p.data < data + last || p.data + p.len > data + size || pos > size ||
		    pos <= last)
			abort();
		last = pos;
		cbuf_reset(&bmp);
		if (strcmp(p.format, "dib") == 0 && blip_dib_bmp(p.data, p.len, &bmp) == CBUF_OK &&
		    (!ocr_sniff((const unsigned char *)bmp.ptr, bmp.len) || bmp.len != p.len + 14))
			abort();
	}
	if (pos != size)
		abort();
	cbuf_release(&bmp);
}

/* The input as an Excel Workbook stream: its drawing group is no longer than it. */
static void check_xls(const uint8_t *data, size_t size)
{
	struct cbuf group;

	cbuf_init(&group, 1u << 24);
	if (blip_xls_group(data, size, &group) != CBUF_OK || group.len > size)
		abort();
	check_blips((const uint8_t *)group.ptr, group.len);
	cbuf_release(&group);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	volatile const char *kind = ocr_sniff(data, size);
	char *s = malloc(size + 1);
	size_t n, i = 0, o = 0;

	(void)kind;
	if (!s)
		return 0;
	memcpy(s, data, size);
	n = ocr_join_cjk(s, size);
	if (n > size || ocr_join_cjk(s, n) != n)
		abort();
	/* The output is the input less some whitespace. */
	while (i < size) {
		if (o < n && (unsigned char)s[o] == data[i]) {
			o++;
			i++;
		} else if (ws(data[i])) {
			i++;
		} else {
			abort();
		}
	}
	if (o != n)
		abort();
	/* The same bytes as a --ocr-lang value. */
	memcpy(s, data, size);
	s[size] = '\0';
	(void)ocr_langs_valid(s);
	free(s);
	check_blips(data, size);
	check_xls(data, size);
	return 0;
}
