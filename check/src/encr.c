#include "encr.h"

#include <stdint.h>
#include <string.h>

#include "cbuf.h"

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static const unsigned char *find(const unsigned char *d, size_t n, const char *tok)
{
	return cbuf_find(d, n, tok, strlen(tok));
}

/* The last tok in d[from..to), or NULL. */
static const unsigned char *find_last(const unsigned char *d, size_t from, size_t to,
                                      const char *tok)
{
	const unsigned char *p = d + from, *last = NULL, *q;

	while ((q = find(p, (size_t)(d + to - p), tok)) != NULL) {
		last = q;
		p = q + 1;
	}
	return last;
}

#define PDF_DICT_REACH 4096 /* how far a dictionary is looked for around /Encrypt */

static int pdf_name_char(unsigned char c)
{
	return c > 0x20 && c < 0x7F && !strchr("/<>[]()%{}", c);
}

int encr_pdf(const unsigned char *d, size_t n)
{
	size_t at = 0;
	const unsigned char *p;

	while (at < n && (p = find(d + at, n - at, "/Encrypt")) != NULL) {
		size_t off = (size_t)(p - d),
		       from = off > PDF_DICT_REACH ? off - PDF_DICT_REACH : 0;
		size_t to = n - off > PDF_DICT_REACH ? off + PDF_DICT_REACH : n;
		const unsigned char *tr, *obj, *endobj, *stream, *bound;

		at = off + 8;
		if (at < n && pdf_name_char(d[at]))
			continue; /* /EncryptMetadata and the like */
		/* The nearest dictionary opener before it: a trailer or an object,
		 * after the end of the object or stream before. */
		tr = find_last(d, from, off, "trailer");
		obj = find_last(d, from, off, "obj");
		endobj = find_last(d, from, off, "endobj");
		stream = find_last(d, from, off, "stream");
		bound = endobj > stream ? endobj : stream;
		if (endobj && obj == endobj + 3)
			obj = NULL;
		if (tr && tr > bound && (!obj || tr > obj))
			return 1;
		if (obj && obj > bound) {
			/* An object's dictionary: a cross-reference stream's says /XRef. */
			const unsigned char *s = find(p, to - off, "stream");
			const unsigned char *e = find(p, to - off, "endobj");
			const unsigned char *end = s && (!e || s < e) ? s : e ? e : d + to;

			if (find(obj, (size_t)(end - obj), "/XRef"))
				return 1;
		}
	}
	return 0;
}

int encr_doc(const unsigned char *w, size_t n)
{
	/* FibBase: wIdent 0xA5EC, then flags at 0x0A with fEncrypted as bit 8. */
	return n >= 12 && rd16(w) == 0xA5EC && (rd16(w + 0x0A) & 0x0100) != 0;
}

int encr_xls(const unsigned char *w, size_t n)
{
	size_t pos = 0;

	/* The globals substream: BOF, then records up to EOF; FILEPASS comes early. */
	while (pos + 4 <= n) {
		unsigned type = rd16(w + pos), len = rd16(w + pos + 2);

		if (type == 0x002F)
			return 1;
		if (type == 0x000A)
			break;
		pos += 4 + (size_t)len;
	}
	return 0;
}

int encr_ppt_user(const unsigned char *u, size_t n)
{
	/* CurrentUserAtom: record header, size, then headerToken. */
	return n >= 16 && rd16(u + 2) == 0x0FF6 && rd32(u + 12) == 0xF3D1C4DFu;
}

int encr_ppt_doc(const unsigned char *d, size_t n)
{
	/* A CryptSession10Container: version 0xF, instance 0, type 0x2F14. */
	static const unsigned char hdr[4] = {0x0F, 0x00, 0x14, 0x2F};

	return cbuf_find(d, n, hdr, sizeof(hdr)) != NULL;
}

int encr_odf_manifest(const unsigned char *x, size_t n)
{
	return find(x, n, "encryption-data") != NULL;
}

static const unsigned char sig7z[6] = {'7', 'z', 0xBC, 0xAF, 0x27, 0x1C};

int encr_is_7z(const unsigned char *d, size_t n)
{
	return n >= 6 && memcmp(d, sig7z, 6) == 0;
}

int encr_7z_next(const unsigned char *d, size_t n, uint64_t *off, uint64_t *size)
{
	uint64_t lo, hi;

	if (n < 32 || !encr_is_7z(d, n))
		return 0;
	/* The start header: where the next (end) header lies after these 32 bytes. */
	lo = rd32(d + 12);
	hi = rd32(d + 16);
	*off = 32 + (lo | hi << 32);
	lo = rd32(d + 20);
	hi = rd32(d + 24);
	*size = lo | hi << 32;
	return *off >= 32 && *size > 0;
}

int encr_7z_header(const unsigned char *h, size_t n)
{
	/* A plain header (kHeader) or an encoded one (kEncodedHeader) lists its
	 * coders by id; 06 F1 07 01 is 7zAES.  An encoded header compressed with
	 * LZMA hides the coders of the files: then only an encrypted header shows. */
	if (n == 0 || (h[0] != 0x01 && h[0] != 0x17))
		return 0;
	static const unsigned char aes[4] = {0x06, 0xF1, 0x07, 0x01};

	return cbuf_find(h, n, aes, sizeof(aes)) != NULL;
}

int encr_7z(const unsigned char *d, size_t n)
{
	uint64_t off, size;

	if (!encr_7z_next(d, n, &off, &size) || off > n || size > n - off)
		return 0;
	return encr_7z_header(d + off, (size_t)size);
}
