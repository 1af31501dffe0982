/*
 * libFuzzer target: the image sniffing of --ocr (ocr_sniff, which reads the
 * first bytes of every file) and the joining of Chinese characters that
 * Tesseract separates (ocr_join_cjk).  Besides memory errors it checks
 * that joining only removes whitespace (the other bytes stay, in order),
 * never grows the text, and that joining again changes nothing.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ocr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
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
	free(s);
	return 0;
}
