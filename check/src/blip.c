#include "blip.h"

#include <stdint.h>
#include <string.h>

#include "ocr.h"

#define BLIP_HEADER 8 /* recVer/recInstance, recType, recLen */
#define BLIP_UID 16
#define BMP_FILE_HEADER 14

static unsigned u16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The picture types OCR reads: record type, the instance with one id, and the format. */
static const struct {
	unsigned type, inst;
	const char *format;
} kinds[] = {
    {0xF01E, 0x6E0, "png"},  /* OfficeArtBlipPNG */
    {0xF01D, 0x46A, "jpeg"}, /* OfficeArtBlipJPEG, RGB */
    {0xF01D, 0x6E2, "jpeg"}, /* ... CMYK */
    {0xF029, 0x6E4, "tiff"}, /* OfficeArtBlipTIFF */
    {0xF01F, 0x7A8, "dib"},  /* OfficeArtBlipDIB */
};

/* Whether a DIB starts with an info header of a size that exists. */
static int dib_header(const unsigned char *d, size_t n)
{
	uint32_t hs = n >= 4 ? u32(d) : 0;

	return n >= 16 &&
	       (hs == 12 || hs == 40 || hs == 52 || hs == 56 || hs == 64 || hs == 108 || hs == 124);
}

/* The picture of a record at s[0..n) when it is one, else 0. */
static int blip_at(const unsigned char *s, size_t n, struct blip *out)
{
	unsigned vi = u16(s), type = u16(s + 2), inst = vi >> 4;
	uint32_t len = u32(s + 4);
	size_t k, skip;

	if ((vi & 0xF) != 0 || len > n - BLIP_HEADER)
		return 0;
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const char *f;

		/* The odd instance has a second id. */
		if (kinds[k].type != type || (inst & ~1u) != kinds[k].inst)
			continue;
		skip = BLIP_UID * (1 + (inst & 1)) + 1;
		if (len <= skip)
			return 0;
		out->format = kinds[k].format;
		out->data = s + BLIP_HEADER + skip;
		out->len = len - skip;
		if (strcmp(out->format, "dib") == 0)
			return dib_header(out->data, out->len);
		f = ocr_sniff(out->data, out->len);
		return f && strcmp(f, out->format) == 0;
	}
	return 0;
}

int blip_next(const unsigned char *s, size_t n, size_t *pos, struct blip *out)
{
	size_t p;

	for (p = *pos; p + BLIP_HEADER <= n; p++) {
		/* Every picture type is 0xF0xx: one byte rules out most places. */
		if (s[p + 3] != 0xF0 || !blip_at(s + p, n - p, out))
			continue;
		*pos = (size_t)(out->data - s) + out->len;
		return 1;
	}
	*pos = n;
	return 0;
}

enum cbuf_err blip_xls_group(const unsigned char *wb, size_t n, struct cbuf *out)
{
	size_t p = 0;
	int in_group = 0;
	enum cbuf_err err = CBUF_OK;

	while (!err && p + 4 <= n) {
		unsigned type = u16(wb + p), len = u16(wb + p + 2);

		if (len > n - p - 4)
			break;
		in_group = type == 0x00EB || (in_group && type == 0x003C);
		if (in_group)
			err = cbuf_append(out, wb + p + 4, len);
		p += 4 + (size_t)len;
	}
	return err;
}

enum cbuf_err blip_dib_bmp(const unsigned char *d, size_t n, struct cbuf *out)
{
	uint64_t hs, bits, colours, entry = 4, masks = 0, off;
	unsigned char fh[BMP_FILE_HEADER] = {'B', 'M'};
	enum cbuf_err err;

	if (!dib_header(d, n))
		return CBUF_TOO_BIG;
	hs = u32(d);
	if (hs == 12) {
		/* BITMAPCOREHEADER: 3-byte palette entries. */
		bits = u16(d + 10);
		colours = bits <= 8 ? 1u << bits : 0;
		entry = 3;
	} else {
		if (n < 40)
			return CBUF_TOO_BIG;
		bits = u16(d + 14);
		colours = u32(d + 32);
		if (colours == 0 && bits <= 8)
			colours = 1u << bits;
		/* BI_BITFIELDS (3) and BI_ALPHABITFIELDS (6) put masks after a 40-byte header. */
		if (hs == 40 && u32(d + 16) == 3)
			masks = 12;
		else if (hs == 40 && u32(d + 16) == 6)
			masks = 16;
	}
	off = BMP_FILE_HEADER + hs + masks + colours * entry;
	if (off >= BMP_FILE_HEADER + (uint64_t)n || BMP_FILE_HEADER + (uint64_t)n > UINT32_MAX)
		return CBUF_TOO_BIG;
	for (int i = 0; i < 4; i++) {
		fh[2 + i] = (unsigned char)((BMP_FILE_HEADER + n) >> (8 * i));
		fh[10 + i] = (unsigned char)(off >> (8 * i));
	}
	err = cbuf_append(out, fh, sizeof(fh));
	if (!err)
		err = cbuf_append(out, d, n);
	return err;
}
