#include "oletext.h"

#include <stdint.h>

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
