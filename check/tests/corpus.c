#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void put16(struct cbuf *b, unsigned v)
{
	unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};

	cbuf_append(b, x, 2);
}

static void put32(struct cbuf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 24)};

	cbuf_append(b, x, 4);
}

int corpus_write(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

int corpus_conv(struct cbuf *out, const char *to, const char *utf8)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t inleft = strlen(utf8), cap = inleft * 4 + 8, outleft = cap;
	char *buf = malloc(cap), *in = (char *)utf8, *o = buf;
	int rc = 0;

	if (cd == (iconv_t)-1 || !buf) {
		free(buf);
		return -1;
	}
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1)
		rc = -1;
	else
		cbuf_append(out, buf, cap - outleft);
	iconv_close(cd);
	free(buf);
	return rc;
}

int corpus_zip(struct cbuf *out, const struct zip_item *items, size_t n)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
	struct cbuf cd;
	size_t *offs = calloc(n ? n : 1, sizeof(size_t)), base = out->len, i;
	size_t *csz = calloc(n ? n : 1, sizeof(size_t));
	uint32_t *crc = calloc(n ? n : 1, sizeof(uint32_t));
	int rc = -1;

	cbuf_init(&cd, (size_t)1 << 30);
	if (!c || !offs || !csz || !crc)
		goto out;
	for (i = 0; i < n; i++) {
		const struct zip_item *it = &items[i];
		size_t nl = strlen(it->name), bound = libdeflate_deflate_compress_bound(c, it->len);
		unsigned char *tmp = malloc(bound + 1);
		size_t clen = it->len;

		if (!tmp)
			goto out;
		crc[i] = libdeflate_crc32(0, it->data, it->len);
		if (it->deflate)
			clen = libdeflate_deflate_compress(c, it->data, it->len, tmp, bound);
		else
			memcpy(tmp, it->data, it->len);
		offs[i] = out->len - base;
		csz[i] = clen;
		put32(out, 0x04034b50);
		put16(out, 20);
		put16(out, it->flags);
		put16(out, it->deflate ? 8 : 0);
		put16(out, 0);
		put16(out, 0);
		put32(out, crc[i]);
		put32(out, (uint32_t)clen);
		put32(out, (uint32_t)it->len);
		put16(out, (unsigned)nl);
		put16(out, 0);
		cbuf_append(out, it->name, nl);
		cbuf_append(out, tmp, clen);
		free(tmp);
	}
	for (i = 0; i < n; i++) {
		size_t nl = strlen(items[i].name);

		put32(&cd, 0x02014b50);
		put16(&cd, 20);
		put16(&cd, 20);
		put16(&cd, items[i].flags);
		put16(&cd, items[i].deflate ? 8 : 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put32(&cd, crc[i]);
		put32(&cd, (uint32_t)csz[i]);
		put32(&cd, (uint32_t)items[i].len);
		put16(&cd, (unsigned)nl);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put32(&cd, 0);
		put32(&cd, (uint32_t)offs[i]);
		cbuf_append(&cd, items[i].name, nl);
	}
	{
		size_t cdoff = out->len - base;

		cbuf_append(out, cd.ptr, cd.len);
		put32(out, 0x06054b50);
		put16(out, 0);
		put16(out, 0);
		put16(out, (unsigned)n);
		put16(out, (unsigned)n);
		put32(out, (uint32_t)cd.len);
		put32(out, (uint32_t)cdoff);
		put16(out, 0);
	}
	rc = 0;
out:
	if (c)
		libdeflate_free_compressor(c);
	cbuf_release(&cd);
	free(offs);
	free(csz);
	free(crc);
	return rc;
}

int corpus_docx(struct cbuf *out, const char *body)
{
	static const char ct[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
	    "Extension=\"xml\" ContentType=\"application/xml\"/><Override "
	    "PartName=\"/word/document.xml\" "
	    "ContentType=\"application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
	struct cbuf doc;
	struct zip_item items[2];
	int rc;

	cbuf_init(&doc, (size_t)1 << 30);
	cbuf_puts(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
	                "2006/main\"><w:body>");
	cbuf_puts(&doc, body);
	cbuf_puts(&doc, "</w:body></w:document>");
	items[0] = (struct zip_item){"[Content_Types].xml", ct, sizeof(ct) - 1, 1, 0};
	items[1] = (struct zip_item){"word/document.xml", doc.ptr, doc.len, 1, 0};
	rc = corpus_zip(out, items, 2);
	cbuf_release(&doc);
	return rc;
}

static void dir_entry(unsigned char *d, const char *name, int type, uint32_t left, uint32_t right,
                      uint32_t child, uint32_t start, uint32_t size)
{
	size_t i, n = strlen(name);

	memset(d, 0, 128);
	for (i = 0; i < n; i++)
		d[2 * i] = (unsigned char)name[i];
	d[0x40] = (unsigned char)(2 * (n + 1));
	d[0x42] = (unsigned char)type;
	d[0x43] = 1;
	memcpy(d + 0x44, &left, 4);
	memcpy(d + 0x48, &right, 4);
	memcpy(d + 0x4C, &child, 4);
	memcpy(d + 0x74, &start, 4);
	memcpy(d + 0x78, &size, 4);
}

int corpus_ole2(struct cbuf *out, const char *text, const char *small)
{
	unsigned char file[13 * 512], stream[4096], mini[256];
	struct cbuf t, s;
	uint32_t fat[128], minifat[128], v;
	size_t i;
	const uint32_t none = 0xFFFFFFFFu, end = 0xFFFFFFFEu;

	cbuf_init(&t, 4096);
	cbuf_init(&s, 256);
	if (corpus_conv(&t, "UTF-16LE", text) || corpus_conv(&s, "UTF-16LE", small) ||
	    t.len > 4096 - 506 || s.len > 200) {
		cbuf_release(&t);
		cbuf_release(&s);
		return -1;
	}
	memset(stream, 'x', sizeof(stream));
	memcpy(stream + 506, t.ptr, t.len);
	memset(mini, 0, sizeof(mini));
	memcpy(mini, s.ptr, s.len);
	memset(file, 0, sizeof(file));
	/* Header. */
	memcpy(file, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	file[0x18] = 0x3E;
	file[0x1A] = 3;
	file[0x1C] = 0xFE;
	file[0x1D] = 0xFF;
	file[0x1E] = 9;
	file[0x20] = 6;
	v = 1;
	memcpy(file + 0x2C, &v, 4); /* FAT sectors */
	v = 1;
	memcpy(file + 0x30, &v, 4); /* first directory sector */
	v = 4096;
	memcpy(file + 0x38, &v, 4);
	v = 2;
	memcpy(file + 0x3C, &v, 4); /* first mini FAT sector */
	v = 1;
	memcpy(file + 0x40, &v, 4);
	memcpy(file + 0x44, &end, 4);
	for (i = 0; i < 109; i++)
		memcpy(file + 0x4C + 4 * i, &none, 4);
	v = 0;
	memcpy(file + 0x4C, &v, 4);
	/* FAT: 0 FAT, 1 dir, 2 mini FAT, 3 mini stream, 4..11 WordDocument in reverse. */
	for (i = 0; i < 128; i++)
		fat[i] = minifat[i] = none;
	fat[0] = 0xFFFFFFFDu;
	fat[1] = fat[2] = fat[3] = end;
	for (i = 5; i <= 11; i++)
		fat[i] = (uint32_t)(i - 1);
	fat[4] = end;
	memcpy(file + 512, fat, 512);
	/* Directory. */
	dir_entry(file + 1024, "Root Entry", 5, none, none, 1, 3, 256);
	dir_entry(file + 1024 + 128, "WordDocument", 2, none, 2, none, 11, 4096);
	dir_entry(file + 1024 + 256, "\005SummaryInformation", 2, none, none, none, 0,
	          (uint32_t)s.len);
	/* Mini FAT and mini stream. */
	minifat[0] = 1;
	minifat[1] = 2;
	minifat[2] = 3;
	minifat[3] = end;
	memcpy(file + 1536, minifat, 512);
	memcpy(file + 2048, mini, 256);
	for (i = 0; i < 8; i++)
		memcpy(file + (size_t)(11 - i + 1) * 512, stream + i * 512, 512);
	cbuf_append(out, file, sizeof(file));
	cbuf_release(&t);
	cbuf_release(&s);
	return 0;
}

int corpus_ole2_streams(struct cbuf *out, const struct ole2_item *items, size_t n)
{
	const uint32_t none = 0xFFFFFFFFu, end = 0xFFFFFFFEu;
	size_t ndir = (n + 1 + 3) / 4, nfat = 1, nsec, i, k, data_sec = 0;
	uint32_t *fat = NULL, *start = calloc(n + 1, sizeof(uint32_t));
	uint32_t *last = calloc(n + 1, sizeof(uint32_t)); /* last child added, per parent */
	unsigned char *file = NULL, *dir;
	int rc = -1;

	if (!start || !last)
		goto out;
	for (i = 0; i < n; i++)
		data_sec += (items[i].len + 511) / 512;
	while ((nfat * 128) < nfat + ndir + data_sec)
		nfat++;
	nsec = nfat + ndir + data_sec;
	if (nfat > 109)
		goto out;
	fat = malloc(nfat * 512);
	file = calloc(1, (nsec + 1) * 512);
	if (!fat || !file)
		goto out;
	memset(fat, 0xFF, nfat * 512);
	for (i = 0; i < nfat; i++)
		fat[i] = 0xFFFFFFFDu;
	for (i = 0; i < ndir; i++)
		fat[nfat + i] = i + 1 < ndir ? (uint32_t)(nfat + i + 1) : end;
	k = nfat + ndir;
	for (i = 0; i < n; i++) {
		size_t ns = (items[i].len + 511) / 512, j;

		start[i] = ns ? (uint32_t)k : end;
		for (j = 0; j < ns; j++, k++) {
			fat[k] = j + 1 < ns ? (uint32_t)(k + 1) : end;
			memcpy(file + (k + 1) * 512, (const char *)items[i].data + j * 512,
			       items[i].len - j * 512 < 512 ? items[i].len - j * 512 : 512);
		}
	}
	memcpy(file, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	file[0x18] = 0x3E;
	file[0x1A] = 3;
	file[0x1C] = 0xFE;
	file[0x1D] = 0xFF;
	file[0x1E] = 9;
	file[0x20] = 6;
	memcpy(file + 0x2C, &(uint32_t){(uint32_t)nfat}, 4);
	memcpy(file + 0x30, &(uint32_t){(uint32_t)nfat}, 4);
	memcpy(file + 0x3C, &end, 4);
	memcpy(file + 0x44, &end, 4);
	for (i = 0; i < 109; i++)
		memcpy(file + 0x4C + 4 * i, i < nfat ? &(uint32_t){(uint32_t)i} : &none, 4);
	memcpy(file + 512, fat, nfat * 512);
	/* Directory: the root, then each item; a storage's children chained as right siblings. */
	dir = file + (nfat + 1) * 512;
	dir_entry(dir, "Root Entry", 5, none, none, none, end, 0);
	for (i = 0; i < n; i++) {
		size_t par = items[i].parent < 0 ? 0 : (size_t)items[i].parent + 1;
		unsigned char *pe = dir + 128 * par;

		dir_entry(dir + 128 * (i + 1), items[i].name, items[i].data ? 2 : 1, none, none,
		          none, start[i], (uint32_t)items[i].len);
		if (last[par])
			memcpy(dir + 128 * last[par] + 0x48, &(uint32_t){(uint32_t)(i + 1)}, 4);
		else
			memcpy(pe + 0x4C, &(uint32_t){(uint32_t)(i + 1)}, 4);
		last[par] = (uint32_t)(i + 1);
	}
	for (i = n + 1; i < ndir * 4; i++)
		dir_entry(dir + 128 * i, "", 0, none, none, none, 0, 0);
	rc = cbuf_append(out, file, (nsec + 1) * 512) ? -1 : 0;
out:
	free(fat);
	free(file);
	free(start);
	free(last);
	return rc;
}

int corpus_pdf(struct cbuf *out, const char *ascii, const char *cjk)
{
	struct cbuf content, cmap, u16;
	size_t offs[8], i, nch, base = out->len;
	char line[256];
	int rc = -1;

	cbuf_init(&content, 1 << 20);
	cbuf_init(&cmap, 1 << 20);
	cbuf_init(&u16, 1 << 20);
	if (corpus_conv(&u16, "UTF-16BE", cjk))
		goto out;
	nch = u16.len / 2;
	cbuf_printf(&content, "BT /F1 12 Tf 72 720 Td (%s) Tj ET\nBT /F2 12 Tf 72 690 Td <", ascii);
	for (i = 0; i < nch; i++)
		cbuf_printf(&content, "%04zx", i + 1);
	cbuf_puts(&content, "> Tj ET\n");
	cbuf_printf(&cmap,
	            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n%zu beginbfchar\n",
	            nch);
	for (i = 0; i < nch; i++)
		cbuf_printf(&cmap, "<%04zx> <%02x%02x>\n", i + 1, (unsigned char)u16.ptr[2 * i],
		            (unsigned char)u16.ptr[2 * i + 1]);
	cbuf_puts(&cmap, "endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\n"
	                 "end\n");
	cbuf_puts(out, "%PDF-1.4\n");
	offs[1] = out->len - base;
	cbuf_puts(out, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
	offs[2] = out->len - base;
	cbuf_puts(out, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
	offs[3] = out->len - base;
	cbuf_puts(out, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
	               "<< /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >> endobj\n");
	offs[4] = out->len - base;
	cbuf_printf(out, "4 0 obj << /Length %zu >> stream\n", content.len);
	cbuf_append(out, content.ptr, content.len);
	cbuf_puts(out, "endstream endobj\n");
	offs[5] = out->len - base;
	cbuf_puts(out, "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
	offs[6] = out->len - base;
	cbuf_puts(out, "6 0 obj << /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding "
	               "/Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >> endobj\n");
	offs[7] = out->len - base;
	cbuf_puts(out, "7 0 obj << /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
	               "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
	               "/FontDescriptor 9 0 R >> endobj\n");
	{
		size_t o8 = out->len - base, o9, xref;

		cbuf_printf(out, "8 0 obj << /Length %zu >> stream\n", cmap.len);
		cbuf_append(out, cmap.ptr, cmap.len);
		cbuf_puts(out, "endstream endobj\n");
		o9 = out->len - base;
		cbuf_puts(out, "9 0 obj << /Type /FontDescriptor /FontName /SimSun /Flags 4 "
		               "/FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 "
		               "/CapHeight 700 /StemV 80 >> endobj\n");
		xref = out->len - base;
		cbuf_puts(out, "xref\n0 10\n0000000000 65535 f \n");
		for (i = 1; i <= 7; i++) {
			snprintf(line, sizeof(line), "%010zu 00000 n \n", offs[i]);
			cbuf_puts(out, line);
		}
		snprintf(line, sizeof(line), "%010zu 00000 n \n%010zu 00000 n \n", o8, o9);
		cbuf_puts(out, line);
		cbuf_printf(out, "trailer << /Size 10 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
		            xref);
	}
	rc = 0;
out:
	cbuf_release(&content);
	cbuf_release(&cmap);
	cbuf_release(&u16);
	return rc;
}

int corpus_pdf_objs(struct cbuf *out, const char *prefix, const struct pdf_obj *objs, size_t n)
{
	size_t base = out->len, *offs = calloc(n + 1, sizeof(*offs)), i, xref;
	int rc = 0;

	if (!offs)
		return -1;
	rc |= cbuf_puts(out, prefix) != CBUF_OK;
	rc |= cbuf_puts(out, "%PDF-1.7\n") != CBUF_OK;
	for (i = 0; i < n; i++) {
		offs[i] = out->len - base;
		if (objs[i].stream) {
			rc |= cbuf_printf(out, "%zu 0 obj\n<< /Length %zu %s >>\nstream\n", i + 1,
			                  objs[i].slen, objs[i].body) != CBUF_OK;
			rc |= cbuf_append(out, objs[i].stream, objs[i].slen) != CBUF_OK;
			rc |= cbuf_puts(out, "\nendstream\nendobj\n") != CBUF_OK;
		} else {
			rc |= cbuf_printf(out, "%zu 0 obj\n%s\nendobj\n", i + 1, objs[i].body) !=
			      CBUF_OK;
		}
	}
	xref = out->len - base;
	rc |= cbuf_printf(out, "xref\n0 %zu\n0000000000 65535 f \n", n + 1) != CBUF_OK;
	for (i = 0; i < n; i++)
		rc |= cbuf_printf(out, "%010zu 00000 n \n", offs[i]) != CBUF_OK;
	rc |= cbuf_printf(out, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
	                  n + 1, xref) != CBUF_OK;
	free(offs);
	return rc ? -1 : 0;
}

int corpus_zlib(struct cbuf *out, const void *data, size_t len)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
	size_t bound, n;

	if (!c)
		return -1;
	bound = libdeflate_zlib_compress_bound(c, len);
	if (cbuf_reserve(out, bound)) {
		libdeflate_free_compressor(c);
		return -1;
	}
	n = libdeflate_zlib_compress(c, data, len, out->ptr + out->len, bound);
	out->len += n;
	libdeflate_free_compressor(c);
	return n ? 0 : -1;
}

int corpus_gzip(struct cbuf *out, const void *data, size_t len)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
	size_t bound, n;

	if (!c)
		return -1;
	bound = libdeflate_gzip_compress_bound(c, len);
	if (cbuf_reserve(out, bound)) {
		libdeflate_free_compressor(c);
		return -1;
	}
	n = libdeflate_gzip_compress(c, data, len, out->ptr + out->len, bound);
	out->len += n;
	libdeflate_free_compressor(c);
	return n ? 0 : -1;
}

static int wr(const char *dir, const char *name, const struct cbuf *b)
{
	char p[4096];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return corpus_write(p, b->ptr, b->len);
}

/* A BIFF record: type, length, payload. */
static void biff(struct cbuf *b, unsigned type, const void *data, size_t len)
{
	put16(b, type);
	put16(b, (unsigned)len);
	cbuf_append(b, data, len);
}

/* A PowerPoint record header; containers have version 0xF. */
static void ppt_rec(struct cbuf *b, unsigned ver, unsigned type, uint32_t len)
{
	put16(b, ver);
	put16(b, type);
	put32(b, len);
}

/*
 * Encrypted documents of every format, each holding a keyword that must not
 * be found (the readers stop at the encryption mark), and the same formats
 * plain where that tells them apart.
 */
static int planted_encrypted(const char *dir, struct cbuf *b)
{
	static const unsigned char bof[16] = {0x00, 0x06, 0x05, 0x00};
	static const unsigned char filepass[6] = {0x01, 0x00, 0x01, 0x00, 0x02, 0x00};
	static const unsigned char aes_7z[] = {0x17, 0x06, 0x00, 0x01, 0x09, 0x10, 0x00, 0x07,
	                                       0x0B, 0x01, 0x00, 0x01, 0x24, 0x06, 0xF1, 0x07,
	                                       0x01, 0x02, 0x00, 0x00, 0x0C, 0x10, 0x00, 0x00};
	struct cbuf s, t;
	struct ole2_item oi[4];
	struct zip_item zi[3];
	int rc = 0;

	cbuf_init(&s, 1u << 20);
	cbuf_init(&t, 1u << 20);
	/* .doc with fEncrypted in the FIB (RC4). */
	put16(&s, 0xA5EC);
	put16(&s, 0x00C1);
	put32(&s, 0);
	put16(&s, 0);
	put16(&s, 0x0300); /* fEncrypted, fWhichTblStm */
	rc |= corpus_conv(&s, "UTF-16LE", "密文里的绝密");
	oi[0] = (struct ole2_item){"WordDocument", s.ptr, s.len, -1};
	oi[1] = (struct ole2_item){"1Table", "\x10\x20", 2, -1};
	rc |= corpus_ole2_streams(b, oi, 2);
	rc |= wr(dir, "enc_rc4.doc", b);
	cbuf_reset(b);
	cbuf_reset(&s);
	/* .xls with FILEPASS (RC4). */
	biff(&s, 0x0809, bof, sizeof(bof));
	biff(&s, 0x002F, filepass, sizeof(filepass));
	cbuf_reset(&t);
	put32(&t, 1);
	put32(&t, 1);
	put16(&t, 2);
	cbuf_putc(&t, 1);
	rc |= corpus_conv(&t, "UTF-16LE", "绝密");
	biff(&s, 0x00FC, t.ptr, t.len);
	biff(&s, 0x000A, "", 0);
	oi[0] = (struct ole2_item){"Workbook", s.ptr, s.len, -1};
	rc |= corpus_ole2_streams(b, oi, 1);
	rc |= wr(dir, "enc_rc4.xls", b);
	cbuf_reset(b);
	cbuf_reset(&s);
	/* .ppt whose Current User carries the encrypted header token. */
	ppt_rec(&s, 0, 0x0FF6, 24);
	put32(&s, 0x14);
	put32(&s, 0xF3D1C4DFu);
	cbuf_append(&s, "\0\0\0\0user\0\0\0\0\0\0\0\0", 16);
	/* ... and its document stream a CryptSession10Container (RC4 CryptoAPI). */
	cbuf_reset(&t);
	ppt_rec(&t, 0, 0x0FA0, 4);
	rc |= corpus_conv(&t, "UTF-16LE", "绝密");
	ppt_rec(&t, 0x0F, 0x2F14, 8);
	put32(&t, 0x00040002);
	put32(&t, 0x24);
	oi[0] = (struct ole2_item){"Current User", s.ptr, s.len, -1};
	oi[1] = (struct ole2_item){"PowerPoint Document", t.ptr, t.len, -1};
	rc |= corpus_ole2_streams(b, oi, 2);
	rc |= wr(dir, "enc_rc4.ppt", b);
	cbuf_reset(b);
	/* OOXML encrypted with a password: an OLE2 container. */
	oi[0] = (struct ole2_item){"\006DataSpaces", NULL, 0, -1};
	oi[1] = (struct ole2_item){"Version", "\x3C\0\0\0", 4, 0};
	oi[2] = (struct ole2_item){"EncryptionInfo", "\x04\0\x04\0\x40\0\0\0", 8, -1};
	oi[3] = (struct ole2_item){"EncryptedPackage", "\x20\0\0\0\0\0\0\0绝密TOPSECRET", 23, -1};
	rc |= corpus_ole2_streams(b, oi, 4);
	rc |= wr(dir, "enc_agile.docx", b);
	cbuf_reset(b);
	/* ODF whose manifest names encryption data. */
	{
		static const char mt[] = "application/vnd.oasis.opendocument.text";
		static const char mf[] =
		    "<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\">"
		    "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\"/>"
		    "</manifest:file-entry></manifest:manifest>";
		static const char ct[] = "\x8F\x12绝密 ciphertext";

		zi[0] = (struct zip_item){"mimetype", mt, sizeof(mt) - 1, 0, 0};
		zi[1] = (struct zip_item){"META-INF/manifest.xml", mf, sizeof(mf) - 1, 1, 0};
		zi[2] = (struct zip_item){"content.xml", ct, sizeof(ct) - 1, 0, 0};
		rc |= corpus_zip(b, zi, 3);
		rc |= wr(dir, "enc.odt", b);
		cbuf_reset(b);
	}
	/* zip with an encrypted entry (general-purpose bit 0). */
	zi[0] = (struct zip_item){"secret.txt", "涉密 cipher", 13, 0, 1};
	zi[1] = (struct zip_item){"readme.txt", "hello", 5, 0, 0};
	rc |= corpus_zip(b, zi, 2);
	rc |= wr(dir, "enc.zip", b);
	cbuf_reset(b);
	/* PDF with /Encrypt in its trailer. */
	cbuf_reset(&t);
	rc |= corpus_pdf(&t, "public notice", "普通");
	{
		const char *tr = strstr(t.ptr, "trailer << ");

		if (!tr) {
			rc = -1;
		} else {
			size_t at = (size_t)(tr - t.ptr) + 11;

			cbuf_append(b, t.ptr, at);
			cbuf_puts(b, "/Encrypt 9 0 R ");
			cbuf_append(b, t.ptr + at, t.len - at);
			rc |= wr(dir, "enc.pdf", b);
			cbuf_reset(b);
		}
	}
	/* 7z: an encrypted header (AES coder), which libarchive cannot open ... */
	cbuf_append(b, "7z\xBC\xAF\x27\x1C\x00\x04", 8);
	put32(b, 0);
	put32(b, 16);
	put32(b, 0);
	put32(b, (uint32_t)sizeof(aes_7z));
	put32(b, 0);
	put32(b, 0);
	cbuf_append(b, "\x5A\x11\x93\xC4\x0B\x7E\x21\x99\x3D\xE0\x42\x18\x6F\xA7\x0C\x55", 16);
	cbuf_append(b, aes_7z, sizeof(aes_7z));
	rc |= wr(dir, "enc.7z", b);
	cbuf_reset(b);
	/* ... and a real one (LZMA), read member by member. */
	zi[0] = (struct zip_item){"docs/note.txt", "7z 里的涉密", 15, 0, 0};
	rc |= corpus_archive(b, "7zip", NULL, NULL, NULL, zi, 1);
	rc |= wr(dir, "plain.7z", b);
	cbuf_reset(b);
	cbuf_release(&s);
	cbuf_release(&t);
	return rc;
}

/*
 * A VBA source in an MS-OVBA compressed container: the text as literal
 * tokens, then one copy token repeating copy_len bytes from copy_off back.
 */
static void vba_container(struct cbuf *b, const char *text, size_t copy_off, size_t copy_len)
{
	size_t n = strlen(text), i, at, bits = 4, flag = 0;

	cbuf_putc(b, 1);
	at = b->len;
	put16(b, 0);
	for (i = 0; i <= n; i++) {
		if (i % 8 == 0) {
			flag = b->len;
			cbuf_putc(b, 0);
		}
		if (i < n)
			cbuf_putc(b, text[i]);
	}
	while (((size_t)1 << bits) < n)
		bits++;
	/* the copy is token n of the sequence: its flag bit set */
	b->ptr[flag] = (char)(1u << (n % 8));
	put16(b, (unsigned)(((copy_off - 1) << (16 - bits)) | (copy_len - 3)));
	i = b->len - at; /* the chunk with its header */
	b->ptr[at] = (char)((i - 3) & 0xFF);
	b->ptr[at + 1] = (char)(0xB0 | ((i - 3) >> 8));
}

/*
 * Where a hit is: metadata and macros as their own part; markup, fonts,
 * styles and pictures not at all.
 */
static int planted_parts(const char *dir, struct cbuf *b)
{
	static const char doc[] = "<w:document><w:body><w:p><w:t>普通正文</w:t></w:p></w:body>"
	                          "</w:document>";
	static const char core[] = "<cp:coreProperties><dc:title>绝密</dc:title>"
	                           "</cp:coreProperties>";
	static const char rels[] = "<Relationships><Relationship Id=\"rId1\" "
	                           "Target=\"TOPSECRET.xml\"/></Relationships>";
	static const unsigned char bof[16] = {0x00, 0x06, 0x05, 0x00};
	static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
	static const char vml[] = "<v:shape>涉密</v:shape>";
	static const char project[] = "ID=\"{1}\"\r\nName=\"VBAProject\"\r\n";
	struct cbuf s, t, v;
	struct ole2_item oi[5];
	struct zip_item zi[5];
	int rc = 0;

	cbuf_init(&s, 1u << 20);
	cbuf_init(&t, 1u << 20);
	cbuf_init(&v, 1u << 20);
	/* docx: the title in docProps is metadata; a relationship target is no text. */
	zi[0] = (struct zip_item){"word/document.xml", doc, sizeof(doc) - 1, 1, 0};
	zi[1] = (struct zip_item){"docProps/core.xml", core, sizeof(core) - 1, 1, 0};
	zi[2] = (struct zip_item){"word/_rels/document.xml.rels", rels, sizeof(rels) - 1, 1, 0};
	zi[3] = (struct zip_item){"word/vmlDrawing1.vml", vml, sizeof(vml) - 1, 1, 0};
	rc |= corpus_zip(b, zi, 4);
	rc |= wr(dir, "meta.docx", b);
	cbuf_reset(b);
	/* docm: the VBA project is macro. */
	oi[0] = (struct ole2_item){"PROJECT", project, sizeof(project) - 1, -1};
	oi[1] = (struct ole2_item){"VBA", NULL, 0, -1};
	/* compiled code, then the source: TOPSECRET once as literals, once as a copy */
	cbuf_reset(&t);
	cbuf_append(&t, "\x01\x16\x03\x00\x00\xF0\x00\x00", 8);
	vba_container(&t, "Attribute VB_Name = \"Module1\"\r\nSub A()\r\n' TOPSECRET", 10, 10);
	oi[2] = (struct ole2_item){"Module1", t.ptr, t.len, 1};
	rc |= corpus_ole2_streams(&v, oi, 3);
	zi[1] = (struct zip_item){"word/vbaProject.bin", v.ptr, v.len, 1, 0};
	rc |= corpus_zip(b, zi, 2);
	rc |= wr(dir, "macro.docm", b);
	cbuf_reset(b);
	/* xls: a font named 绝密 is no text; the shared string 涉密 is. */
	biff(&s, 0x0809, bof, sizeof(bof));
	put16(&t, 200);
	cbuf_append(&t, "\0\0\x90\x01\0\0\0\0\0\0\0\0", 12);
	cbuf_putc(&t, 2);
	cbuf_putc(&t, 1);
	rc |= corpus_conv(&t, "UTF-16LE", "绝密");
	biff(&s, 0x0031, t.ptr, t.len);
	cbuf_reset(&t);
	put32(&t, 1);
	put32(&t, 1);
	put16(&t, 2);
	cbuf_putc(&t, 1);
	rc |= corpus_conv(&t, "UTF-16LE", "涉密");
	biff(&s, 0x00FC, t.ptr, t.len);
	biff(&s, 0x000A, "", 0);
	oi[0] = (struct ole2_item){"Workbook", s.ptr, s.len, -1};
	rc |= corpus_ole2_streams(b, oi, 1);
	rc |= wr(dir, "fonts.xls", b);
	cbuf_reset(b);
	/* ppt: a font entity 绝密 and a picture holding 涉密 are no text; the slide
	 * text 内部资料 is; who saved it (Current User) is metadata. */
	cbuf_reset(&s);
	cbuf_reset(&t);
	rc |= corpus_conv(&t, "UTF-16LE", "绝密");
	while (t.len < 64)
		cbuf_putc(&t, 0);
	cbuf_reset(&v);
	rc |= corpus_conv(&v, "UTF-16LE", "内部资料");
	ppt_rec(&s, 0x0F, 0x03E8, (uint32_t)(8 + 8 + 64 + 8 + 8 + v.len));
	ppt_rec(&s, 0x0F, 0x07D5, 8 + 64);
	ppt_rec(&s, 0, 0x0FB7, 64);
	cbuf_append(&s, t.ptr, 64);
	ppt_rec(&s, 0x0F, 0x0FF0, (uint32_t)(8 + v.len));
	ppt_rec(&s, 0, 0x0FA0, (uint32_t)v.len);
	cbuf_append(&s, v.ptr, v.len);
	cbuf_reset(&t);
	cbuf_append(&t, png, sizeof(png) - 1);
	rc |= corpus_conv(&t, "UTF-16LE", "涉密");
	cbuf_reset(&v);
	ppt_rec(&v, 0, 0x0FF6, 24);
	put32(&v, 0x14);
	put32(&v, 0xE391C05Fu);
	cbuf_append(&v, "\0\0\0\0TOPSECRET\0\0\0\0\0\0\0", 16);
	oi[0] = (struct ole2_item){"PowerPoint Document", s.ptr, s.len, -1};
	oi[1] = (struct ole2_item){"Pictures", t.ptr, t.len, -1};
	oi[2] = (struct ole2_item){"Current User", v.ptr, v.len, -1};
	rc |= corpus_ole2_streams(b, oi, 3);
	rc |= wr(dir, "slides.ppt", b);
	cbuf_reset(b);
	/* An OLE2 file whose last 512-byte block is short: read as far as it goes. */
	rc |= corpus_ole2(b, "这是一个文件，绝密", "");
	b->len -= 8;
	rc |= wr(dir, "short_tail.doc", b);
	cbuf_reset(b);
	cbuf_release(&s);
	cbuf_release(&t);
	cbuf_release(&v);
	return rc;
}

/*
 * The planted corpus of the tests; tests/test_scan.c lists the exact hits it
 * must give for the keywords 绝密, 涉密, TOPSECRET, 内部资料.
 */
int corpus_planted(const char *dir)
{
	struct cbuf b, x;
	struct zip_item it[4];
	size_t i;
	int rc = 0;

	cbuf_init(&b, (size_t)1 << 30);
	cbuf_init(&x, (size_t)1 << 30);
#define EMIT(name)                                                                                 \
	do {                                                                                       \
		rc |= wr(dir, name, &b);                                                           \
		cbuf_reset(&b);                                                                    \
	} while (0)
	cbuf_puts(&b, "通知：这份绝密材料不得外传。\nplain text line\n");
	EMIT("utf8.txt");
	rc |= corpus_conv(&b, "GBK", "本单位涉密人员名单，属内部资料。\r\n");
	EMIT("gbk.txt");
	/* GBK bytes of 涉密 (C9 E6 C3 DC) straddling characters: 傻 (B0 C9) 婷? (E6 C3) 莉? (DC
	 * A1). */
	cbuf_append(&b, "AB\xB0\xC9\xE6\xC3\xDC\xA1\r\n", 10);
	EMIT("gbk_decoy.txt");
	cbuf_append(&b, "\xFF\xFE", 2);
	rc |= corpus_conv(&b, "UTF-16LE", "机要：TOPSECRET 绝密\r\n");
	EMIT("utf16.txt");
	cbuf_puts(&b, "普通通知，没有关键词。TOP SECRET 绝 密\n");
	EMIT("clean.txt");
	/* Across the 4 MiB window edge: 绝密 in UTF-8, 涉密 in GBK text with line breaks. */
	for (i = 0; b.len < (4u << 20) - 4; i++)
		cbuf_putc(&b, (char)('a' + i % 26));
	cbuf_puts(&b, "绝密");
	while (b.len < (5u << 20))
		cbuf_puts(&b, "filler text\n");
	EMIT("big_utf8.txt");
	while (b.len < (4u << 20) - 200)
		rc |= corpus_conv(&b, "GBK", "中文内容，这是一行普通的文字。\n");
	while (b.len < (4u << 20) - 2)
		cbuf_putc(&b, '.');
	rc |= corpus_conv(&b, "GBK", "涉密");
	while (b.len < (5u << 20))
		rc |= corpus_conv(&b, "GBK", "中文内容\n");
	EMIT("big_gbk.txt");
	/* docx: 绝密 split across runs; TOP and SECRET in different paragraphs. */
	rc |= corpus_docx(&b, "<w:p><w:r><w:t>这是</w:t></w:r><w:r><w:t>绝</w:t></w:r>"
	                      "<w:r><w:rPr><w:b/></w:rPr><w:t>密</w:t></w:r></w:p>\n  "
	                      "<w:p><w:r><w:t>TOP</w:t></w:r></w:p><w:p><w:r><w:t>SECRET</w:t>"
	                      "</w:r></w:p>");
	EMIT("split.docx");
	/* docx: 涉密 through a character reference, a clean body otherwise. */
	rc |= corpus_docx(&b, "<w:p><w:r><w:t>涉&#23494;事项 &amp; 说明</w:t></w:r></w:p>");
	EMIT("entity.docx");
	/* xlsx: 内部资料 as two rich-text runs of one shared string. */
	{
		static const char ss[] =
		    "<?xml version=\"1.0\"?><sst><si><t>封面</t></si><si><r><t>"
		    "内部</t></r><r><rPr><b/></rPr><t>资料</t></r></si></sst>";
		static const char sh[] = "<worksheet><sheetData><row><c t=\"s\"><v>1</v></c></row>"
		                         "</sheetData></worksheet>";

		it[0] = (struct zip_item){"xl/sharedStrings.xml", ss, sizeof(ss) - 1, 1, 0};
		it[1] = (struct zip_item){"xl/worksheets/sheet1.xml", sh, sizeof(sh) - 1, 1, 0};
		rc |= corpus_zip(&b, it, 2);
		EMIT("runs.xlsx");
	}
	{
		static const char sl[] = "<p:sld><p:txBody><a:p><a:r><a:t>TOP</a:t></a:r><a:r>"
		                         "<a:t>SECRET</a:t></a:r></a:p></p:txBody></p:sld>";

		it[0] = (struct zip_item){"ppt/slides/slide1.xml", sl, sizeof(sl) - 1, 1, 0};
		rc |= corpus_zip(&b, it, 1);
		EMIT("slide.pptx");
	}
	{
		static const char mt[] = "application/vnd.oasis.opendocument.text";
		static const char ct[] = "<office:document-content><office:body><office:text>"
		                         "<text:p>绝<text:span>密</text:span></text:p>"
		                         "</office:text></office:body></office:document-content>";

		it[0] = (struct zip_item){"mimetype", mt, sizeof(mt) - 1, 0, 0};
		it[1] = (struct zip_item){"content.xml", ct, sizeof(ct) - 1, 1, 0};
		rc |= corpus_zip(&b, it, 2);
		EMIT("span.odt");
	}
	{
		static const char t[] = "压缩日志：涉密\n";

		rc |= corpus_gzip(&b, t, sizeof(t) - 1);
		EMIT("log.txt.gz");
	}
	rc |= corpus_ole2(&b, "这是绝密文件", "内部资料");
	EMIT("legacy.doc");
	rc |= corpus_pdf(&b, "TOPSECRET report", "涉密");
	EMIT("report.pdf");
	cbuf_append(&b, "PK\x03\x04garbage that is not a zip", 30);
	EMIT("corrupt.docx");
	/* A docx inside a zip, stored. */
	rc |= corpus_docx(&x, "<w:p><w:r><w:t>内部</w:t></w:r><w:r><w:t>资料</w:t></w:r></w:p>");
	it[0] = (struct zip_item){"inner/nested.docx", x.ptr, x.len, 0, 0};
	rc |= corpus_zip(&b, it, 1);
	EMIT("outer.zip");
	rc |= planted_encrypted(dir, &b);
	rc |= planted_parts(dir, &b);
#undef EMIT
	cbuf_release(&b);
	cbuf_release(&x);
	return rc ? -1 : 0;
}

int corpus_scan(const char *path, const char *keywords, struct scan_opts *o, struct kw_set *ks,
                struct scan_result *r)
{
	const char *paths[1] = {path};
	char why[256];
	size_t line, i, k;
	int rc;

	kw_set_init(ks);
	if (kw_set_load_mem(ks, keywords, strlen(keywords), &line) != KW_OK)
		return -1;
	o->paths = paths;
	o->npaths = 1;
	if (!o->jobs)
		o->jobs = 2;
	rc = (int)scan_run(ks, o, r, why, sizeof(why));
	o->paths = NULL;
	if (rc != SCAN_OK) {
		printf("# scan of %s: %s\n", path, why);
		return rc;
	}
	for (i = 0; i < r->nfiles; i++) {
		const struct scan_file *f = &r->files[i];

		printf("# %s [%s]%s%s%s%s\n", f->path, f->format, f->encrypted ? " encrypted " : "",
		       f->encrypted ? f->encrypted : "", f->error ? " error: " : "",
		       f->error ? f->error : "");
		for (k = 0; k < f->nhits; k++)
			printf("#    %s %s %s page %u: %s\n", ks->words[f->hits[k].kw],
			       kw_enc_name(f->hits[k].enc), scan_part_name(f->hits[k].part),
			       f->hits[k].page, f->hits[k].context ? f->hits[k].context : "");
	}
	printf("# %.2f s\n", r->elapsed);
	return SCAN_OK;
}

int corpus_scan_sub(const char *dir, const char *sub, const char *keywords, double seconds,
                    size_t memory, struct kw_set *ks, struct scan_result *r)
{
	struct scan_opts o;
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	memset(&o, 0, sizeof(o));
	o.engine = MATCH_AC;
	o.file_timeout = seconds;
	o.file_memory = memory;
	return corpus_scan(path, keywords, &o, ks, r);
}

const struct scan_file *corpus_entry(const struct scan_result *r, const char *dir, const char *sub,
                                     const char *name)
{
	char want[512];
	size_t i;

	snprintf(want, sizeof(want), "%s/%s/%s", dir, sub, name);
	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].path, want) == 0)
			return &r->files[i];
	return NULL;
}

const struct scan_file *corpus_first_error(const struct scan_result *r)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].error)
			return &r->files[i];
	return NULL;
}

const struct scan_hit *corpus_hit(const struct scan_file *f, const struct kw_set *ks,
                                  const char *word, const char *part)
{
	size_t i;

	for (i = 0; i < f->nhits; i++)
		if (strcmp(ks->words[f->hits[i].kw], word) == 0 &&
		    (!part || strcmp(scan_part_name(f->hits[i].part), part) == 0))
			return &f->hits[i];
	return NULL;
}

const char *corpus_entry_name(const char *path)
{
	const char *bang = strchr(path, '!'), *p = bang ? bang : path + strlen(path);

	while (p > path && p[-1] != '/')
		p--;
	return p;
}

void corpus_hit_line(char *out, size_t cap, const struct scan_file *f, size_t k,
                     const struct kw_set *ks)
{
	snprintf(out, cap, "%s|%s|%s|%s|%llu|%s", corpus_entry_name(f->path), f->format,
	         kw_enc_name(f->hits[k].enc), ks->words[f->hits[k].kw],
	         (unsigned long long)f->hits[k].count, scan_part_name(f->hits[k].part));
}

void corpus_remove(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char p[512];

	while (d && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, de->d_name);
		if (unlink(p) != 0)
			corpus_remove(p);
	}
	if (d)
		closedir(d);
	rmdir(path);
}
