/*
 * Archives for the tests: any format libarchive writes (7z, zip with
 * traditional encryption, tar with gzip/bzip2/xz), and RAR5, which no
 * library here writes, built byte by byte from the published format (RAR
 * 5.0 archive format, rarlab.com): stored files, plain or with a file
 * encryption record (the data then stands for ciphertext), or an archive
 * whose headers are encrypted.
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "corpus.h"

static la_ssize_t to_cbuf(struct archive *a, void *ctx, const void *buf, size_t n)
{
	(void)a;
	return cbuf_append(ctx, buf, n) ? -1 : (la_ssize_t)n;
}

int corpus_archive(struct cbuf *out, const char *format, const char *filter, const char *options,
                   const char *passphrase, const struct zip_item *items, size_t n)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	int rc = -1;
	size_t i;

	if (!a || !e || archive_write_set_format_by_name(a, format) != ARCHIVE_OK)
		goto out;
	if (filter && archive_write_add_filter_by_name(a, filter) != ARCHIVE_OK)
		goto out;
	if (options && archive_write_set_options(a, options) != ARCHIVE_OK)
		goto out;
	if (passphrase && archive_write_set_passphrase(a, passphrase) != ARCHIVE_OK)
		goto out;
	/* Blocks of one byte: no padding of the last block to 10 KiB. */
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open(a, out, NULL, to_cbuf, NULL) != ARCHIVE_OK)
		goto out;
	for (i = 0; i < n; i++) {
		archive_entry_clear(e);
		archive_entry_set_pathname_utf8(e, items[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)items[i].len);
		archive_entry_set_mtime(e, 1700000000, 0);
		if (archive_write_header(a, e) != ARCHIVE_OK ||
		    archive_write_data(a, items[i].data, items[i].len) != (la_ssize_t)items[i].len)
			goto out;
	}
	rc = archive_write_close(a) == ARCHIVE_OK ? 0 : -1;
out:
	archive_entry_free(e);
	if (a)
		archive_write_free(a);
	return rc;
}

static void vint(struct cbuf *b, uint64_t v)
{
	do {
		unsigned char c = (unsigned char)(v & 0x7F);

		v >>= 7;
		cbuf_putc(b, (char)(v ? c | 0x80 : c));
	} while (v);
}

/* One RAR5 header: CRC32 of (size, body), size as vint, body. */
static void rar5_header(struct cbuf *out, const struct cbuf *body)
{
	struct cbuf h;
	uint32_t crc;
	unsigned char le[4];

	cbuf_init(&h, 1u << 20);
	vint(&h, body->len);
	cbuf_append(&h, body->ptr, body->len);
	crc = (uint32_t)crc32(0, (const unsigned char *)h.ptr, (uInt)h.len);
	le[0] = (unsigned char)crc;
	le[1] = (unsigned char)(crc >> 8);
	le[2] = (unsigned char)(crc >> 16);
	le[3] = (unsigned char)(crc >> 24);
	cbuf_append(out, le, 4);
	cbuf_append(out, h.ptr, h.len);
	cbuf_release(&h);
}

int corpus_rar5(struct cbuf *out, const struct zip_item *items, size_t n, int encrypted)
{
	struct cbuf b;
	size_t i;

	cbuf_init(&b, 1u << 20);
	cbuf_append(out, "Rar!\x1A\x07\x01\x00", 8);
	if (encrypted == 1) {
		/* Archive encryption header: type 4, version 0 (AES-256), no check value,
		 * KDF count 15, a salt; everything after it is ciphertext. */
		vint(&b, 4);
		vint(&b, 0);
		vint(&b, 0);
		vint(&b, 0);
		cbuf_putc(&b, 15);
		cbuf_append(&b, "0123456789abcdef", 16);
		rar5_header(out, &b);
		cbuf_append(out, "\x93\x11\xC4\x7E ciphertext 绝密", 22);
		cbuf_release(&b);
		return 0;
	}
	/* Main archive header: type 1, no flags. */
	cbuf_reset(&b);
	vint(&b, 1);
	vint(&b, 0);
	vint(&b, 0);
	rar5_header(out, &b);
	for (i = 0; i < n; i++) {
		uint32_t crc = (uint32_t)crc32(0, items[i].data, (uInt)items[i].len);
		size_t nl = strlen(items[i].name);

		/* A file encryption record (extra type 1): AES-256, KDF count 15, salt, IV. */
		struct cbuf x;

		cbuf_init(&x, 256);
		if (encrypted == 2) {
			struct cbuf r;

			cbuf_init(&r, 256);
			vint(&r, 1);
			vint(&r, 0);
			vint(&r, 0);
			cbuf_putc(&r, 15);
			cbuf_append(&r, "salt-salt-salt-s", 16);
			cbuf_append(&r, "iv-iv-iv-iv-iv-i", 16);
			vint(&x, r.len);
			cbuf_append(&x, r.ptr, r.len);
			cbuf_release(&r);
		}
		/* File header: type 2, data area present (extra area too when encrypted);
		 * CRC32 present; stored (method 0). */
		cbuf_reset(&b);
		vint(&b, 2);
		vint(&b, x.len ? 0x0003 : 0x0002);
		if (x.len)
			vint(&b, x.len);
		vint(&b, items[i].len);
		vint(&b, 0x0004);
		vint(&b, items[i].len);
		vint(&b, 0x20);
		cbuf_putc(&b, (char)crc);
		cbuf_putc(&b, (char)(crc >> 8));
		cbuf_putc(&b, (char)(crc >> 16));
		cbuf_putc(&b, (char)(crc >> 24));
		vint(&b, 0); /* compression: version 0, stored, smallest dictionary */
		vint(&b, 0); /* host OS: Windows (0x20: the archive attribute) */
		vint(&b, nl);
		cbuf_append(&b, items[i].name, nl);
		cbuf_append(&b, x.ptr, x.len);
		cbuf_release(&x);
		rar5_header(out, &b);
		cbuf_append(out, items[i].data, items[i].len);
	}
	/* End of archive header: type 5. */
	cbuf_reset(&b);
	vint(&b, 5);
	vint(&b, 0);
	vint(&b, 0);
	rar5_header(out, &b);
	cbuf_release(&b);
	return 0;
}
