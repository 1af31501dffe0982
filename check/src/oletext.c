#include "oletext.h"

#include <stdint.h>
#include <string.h>

static unsigned rd16(const unsigned char *p)
{
	return (unsigned)(p[0] | (p[1] << 8));
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static enum cbuf_err put(struct cbuf *out, const unsigned char *p, size_t n)
{
	enum cbuf_err err = cbuf_append(out, p, n);

	return err ? err : cbuf_append(out, "\0", 2);
}

/* BIFF record types whose payload is text. */
static int xls_text_record(unsigned type)
{
	switch (type) {
	case 0x00FC: /* SST: the shared strings */
	case 0x0204: /* LABEL */
	case 0x00D6: /* RSTRING (BIFF5) */
	case 0x0207: /* STRING: a formula's text result */
	case 0x0085: /* BOUNDSHEET: sheet names */
	case 0x0014: /* HEADER */
	case 0x0015: /* FOOTER */
	case 0x01B6: /* TXO: a text box or comment, its text in the CONTINUE after */
	case 0x100D: /* SERIESTEXT: chart text */
		return 1;
	default:
		return 0;
	}
}

enum cbuf_err oletext_xls(const unsigned char *w, size_t n, struct cbuf *out)
{
	size_t pos = 0;
	int keep = 0; /* the last record was text: its CONTINUE records are too */
	enum cbuf_err err = CBUF_OK;

	while (!err && pos + 4 <= n) {
		unsigned type = rd16(w + pos), len = rd16(w + pos + 2);

		if (len > n - pos - 4)
			break;
		if (type == 0x003C) { /* CONTINUE */
			if (keep)
				err = put(out, w + pos + 4, len);
		} else {
			keep = xls_text_record(type);
			if (keep && type != 0x01B6)
				err = put(out, w + pos + 4, len);
		}
		pos += 4 + (size_t)len;
	}
	return err;
}

#define XLS_BOF 0x0809
#define XLS_NAME 0x0018
#define XLS_NAME_BUILTIN 0x0020 /* fBuiltin: the name is one code (Print_Area ...) */
#define XLS_NAME_AT 14          /* the name's offset in the record */

enum cbuf_err oletext_xls_names(const unsigned char *w, size_t n, struct cbuf *out)
{
	size_t pos = 0;
	int biff8 = 1, seen_bof = 0;
	enum cbuf_err err = CBUF_OK;

	while (!err && pos + 4 <= n) {
		unsigned type = rd16(w + pos), len = rd16(w + pos + 2);
		const unsigned char *r = w + pos + 4;

		if (len > n - pos - 4)
			break;
		pos += 4 + (size_t)len;
		/* The workbook's first BOF says the version: 0x0600 BIFF8, 0x0500 BIFF5. */
		if (type == XLS_BOF && !seen_bof && len >= 2) {
			seen_bof = 1;
			biff8 = rd16(r) >= 0x0600;
		}
		if (type != XLS_NAME || len < XLS_NAME_AT || (rd16(r) & XLS_NAME_BUILTIN))
			continue;
		{
			size_t cch = r[3], at = XLS_NAME_AT, size = 1;

			/* BIFF8: a byte saying whether the characters are 16-bit, then them. */
			if (biff8) {
				if (len < XLS_NAME_AT + 1)
					continue;
				size = (r[XLS_NAME_AT] & 1) ? 2 : 1;
				at++;
			}
			if (cch * size > len - at)
				cch = (len - at) / size;
			if (cch)
				err = put(out, r + at, cch * size);
		}
	}
	return err;
}

enum cbuf_err oletext_ppt(const unsigned char *d, size_t n, struct cbuf *out)
{
	size_t pos = 0;
	enum cbuf_err err = CBUF_OK;

	while (!err && pos + 8 <= n) {
		unsigned ver = d[pos] & 0x0F, type = rd16(d + pos + 2);
		uint32_t len = rd32(d + pos + 4);

		if (len > n - pos - 8)
			break;
		pos += 8;
		/* A container's payload is records: walk into it. */
		if (ver == 0x0F)
			continue;
		/* TextCharsAtom (UTF-16LE), TextBytesAtom (8-bit), CString (UTF-16LE). */
		if (type == 0x0FA0 || type == 0x0FA8 || type == 0x0FBA)
			err = put(out, d + pos, len);
		pos += len;
	}
	return err;
}

#define VBA_CHUNK 4096 /* bytes of source per compressed chunk */

/* Decompresses the chunks of a container whose signature byte is at d[0]. */
static enum cbuf_err vba_decompress(const unsigned char *d, size_t n, struct cbuf *out)
{
	size_t pos = 1;
	enum cbuf_err err = CBUF_OK;

	while (!err && pos + 2 <= n) {
		unsigned hdr = rd16(d + pos);
		size_t end = pos + (hdr & 0x0FFF) + 3, start = out->len;

		if (((hdr >> 12) & 7) != 3)
			break;
		if (end > n)
			end = n;
		pos += 2;
		if (!(hdr & 0x8000)) { /* stored */
			size_t take = n - pos < VBA_CHUNK ? n - pos : VBA_CHUNK;

			err = cbuf_append(out, d + pos, take);
			pos += take;
			continue;
		}
		while (!err && pos < end) {
			unsigned flags = d[pos++], bit;

			for (bit = 0; !err && bit < 8 && pos < end; bit++) {
				size_t diff = out->len - start, off, len, bits = 4, i;
				unsigned tok;

				if (!(flags & (1u << bit))) {
					err = cbuf_append(out, d + pos++, 1);
					continue;
				}
				if (pos + 2 > end)
					return err;
				tok = rd16(d + pos);
				pos += 2;
				while (((size_t)1 << bits) < diff)
					bits++;
				off = (tok >> (16 - bits)) + 1;
				len = (tok & (0xFFFFu >> bits)) + 3;
				if (off > diff || diff + len > VBA_CHUNK)
					return err;
				for (i = 0; !err && i < len; i++) {
					unsigned char c = (unsigned char)out->ptr[out->len - off];

					err = cbuf_append(out, &c, 1);
				}
			}
		}
		pos = end;
	}
	return err;
}

enum cbuf_err oletext_vba(const unsigned char *m, size_t n, struct cbuf *out, int *found)
{
	static const char first[] = "\0Attribut"; /* a flag byte of 8 literals, then the source */
	const unsigned char *p = m + 3;

	*found = 0;
	while (n >= 3 + sizeof(first) - 1 && p <= m + n - (sizeof(first) - 1)) {
		const unsigned char *q =
		    cbuf_find(p, (size_t)(m + n - p), first, sizeof(first) - 1);

		if (!q)
			break;
		/* the signature byte 1 and a compressed chunk header (0xB...) before it */
		if (q[-3] == 1 && (q[-1] & 0xF0) == 0xB0) {
			*found = 1;
			return vba_decompress(q - 3, (size_t)(m + n - (q - 3)), out);
		}
		p = q + 1;
	}
	return CBUF_OK;
}
