/*
 * table_zip — just enough of a zip reader for XLSX: the central directory
 * (ZIP64 included), stored and deflated entries, inflated with zlib in
 * chunks so that a worksheet streams into the XML parser without ever being
 * whole in memory.  Every offset and size is checked against the buffer
 * before use; an entry whose declared size passes the caller's cap, or is
 * more than deflate can produce from its compressed bytes, is refused before
 * any work, and inflation stops at the declared size, so a zip bomb costs
 * nothing.  The CRC is checked at the end.
 */
#include "table_int.h"

#include <zlib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SIG_EOCD 0x06054b50u
#define SIG_EOCD64 0x06064b50u
#define SIG_LOC64 0x07064b50u
#define SIG_CDH 0x02014b50u
#define SIG_LFH 0x04034b50u
#define MAX_ENTRIES 100000
/* Deflate cannot expand more than 1032:1; allow slack for tiny entries. */
#define MAX_RATIO 1032
#define RATIO_SLACK 4096

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static uint64_t rd64(const unsigned char *p)
{
	return (uint64_t)rd32(p) | ((uint64_t)rd32(p + 4) << 32);
}

static enum table_err corrupt(struct table_error *err)
{
	table_set_error(err, 0,
	                "不是有效的 xlsx 文件（zip 结构损坏） not a valid xlsx file (damaged "
	                "zip structure)");
	return TABLE_BAD_FORMAT;
}

enum table_err table_zip_open(struct table_zip *z, const void *buf, size_t len,
                              struct table_error *err)
{
	const unsigned char *d = buf;
	size_t i, lo;

	memset(z, 0, sizeof(*z));
	z->data = d;
	z->len = len;
	if (len < 22)
		return corrupt(err);
	lo = len - 22 > 65535 ? len - 22 - 65535 : 0;
	for (i = len - 22;; i--) {
		if (rd32(d + i) == SIG_EOCD && i + 22 + rd16(d + i + 20) <= len)
			break;
		if (i == lo)
			return corrupt(err);
	}
	z->count = rd16(d + i + 10);
	z->cd_end = rd32(d + i + 12);
	z->cd_off = rd32(d + i + 16);
	if (z->count == 0xffff || z->cd_end == 0xffffffffu || z->cd_off == 0xffffffffu) {
		uint64_t off;

		if (i < 20 || rd32(d + i - 20) != SIG_LOC64)
			return corrupt(err);
		off = rd64(d + i - 20 + 8);
		if (off > len || len - off < 56 || rd32(d + off) != SIG_EOCD64)
			return corrupt(err);
		z->count = rd64(d + off + 32);
		z->cd_end = rd64(d + off + 40);
		z->cd_off = rd64(d + off + 48);
	}
	if (z->cd_off > len || z->cd_end > len - z->cd_off || z->count > MAX_ENTRIES)
		return corrupt(err);
	z->cd_end += z->cd_off;
	return TABLE_OK;
}

/* Sizes and offset from a ZIP64 extra field, for the fields marked 0xffffffff. */
static int zip64_extra(const unsigned char *x, size_t xlen, uint64_t *usize, uint64_t *csize,
                       uint64_t *loff)
{
	while (xlen >= 4) {
		unsigned id = rd16(x), sz = rd16(x + 2);
		const unsigned char *p = x + 4;
		size_t left = sz;

		if ((size_t)sz > xlen - 4)
			return -1;
		if (id == 1) {
			uint64_t *f[3] = {usize, csize, loff};

			for (int k = 0; k < 3; k++) {
				if (*f[k] != 0xffffffffu)
					continue;
				if (left < 8)
					return -1;
				*f[k] = rd64(p);
				p += 8;
				left -= 8;
			}
			return 0;
		}
		x += 4 + sz;
		xlen -= 4 + (size_t)sz;
	}
	return 0;
}

static int name_eq(const unsigned char *n, size_t nlen, const char *want)
{
	size_t wl = strlen(want);

	/* Part names may be stored with a leading slash by some writers. */
	if (nlen > 0 && n[0] == '/') {
		n++;
		nlen--;
	}
	return nlen == wl && strncasecmp((const char *)n, want, wl) == 0;
}

struct entry {
	unsigned method;
	unsigned flags;
	uint32_t crc;
	uint64_t csize;
	uint64_t usize;
	uint64_t data_off;
};

/* Finds name in the central directory: 1 found, 0 not found, -1 damaged. */
static int find_entry(const struct table_zip *z, const char *name, struct entry *e)
{
	const unsigned char *d = z->data;
	uint64_t off = z->cd_off, k, loff;

	for (k = 0; k < z->count; k++) {
		size_t nlen, xlen, clen;

		if (off > z->cd_end || z->cd_end - off < 46 || rd32(d + off) != SIG_CDH)
			return -1;
		nlen = rd16(d + off + 28);
		xlen = rd16(d + off + 30);
		clen = rd16(d + off + 32);
		if (z->cd_end - off - 46 < nlen + xlen + clen)
			return -1;
		if (name_eq(d + off + 46, nlen, name)) {
			e->flags = rd16(d + off + 8);
			e->method = rd16(d + off + 10);
			e->crc = rd32(d + off + 16);
			e->csize = rd32(d + off + 20);
			e->usize = rd32(d + off + 24);
			loff = rd32(d + off + 42);
			if (zip64_extra(d + off + 46 + nlen, xlen, &e->usize, &e->csize, &loff))
				return -1;
			if (loff > z->len || z->len - loff < 30 || rd32(d + loff) != SIG_LFH)
				return -1;
			e->data_off = loff + 30 + rd16(d + loff + 26) + rd16(d + loff + 28);
			if (e->data_off > z->len || e->csize > z->len - e->data_off)
				return -1;
			return 1;
		}
		off += 46 + nlen + xlen + clen;
	}
	return 0;
}

#define CHUNK ((size_t)64 << 10)

enum table_err table_zip_stream(const struct table_zip *z, const char *name, uint64_t max,
                                int (*sink)(void *ud, const char *p, size_t n, int last), void *ud,
                                int *found, struct table_error *err)
{
	struct entry e;
	z_stream zs;
	int zinit = 0, zr, f;
	unsigned char *out = NULL;
	uint64_t done = 0;
	uLong crc = crc32(0L, Z_NULL, 0);
	enum table_err rc = TABLE_OK;

	*found = 0;
	f = find_entry(z, name, &e);
	if (f < 0)
		return corrupt(err);
	if (f == 0)
		return TABLE_OK;
	*found = 1;
	if (e.flags & 1) {
		table_set_error(err, 0,
		                "工作簿已加密，请先取消密码 the workbook is encrypted: remove "
		                "its password first");
		return TABLE_BAD_FORMAT;
	}
	if (e.method != 0 && e.method != 8) {
		table_set_error(err, 0,
		                "%s 的压缩方法 %u 不受支持 %s: unsupported compression "
		                "method %u",
		                name, e.method, name, e.method);
		return TABLE_BAD_FORMAT;
	}
	if (e.usize > max) {
		table_set_error(err, 0, "%s 解压后超过 %llu MiB %s is over %llu MiB uncompressed",
		                name, (unsigned long long)(max >> 20), name,
		                (unsigned long long)(max >> 20));
		return TABLE_TOO_BIG;
	}
	if ((e.method == 0 && e.csize != e.usize) ||
	    (e.method == 8 && e.usize > e.csize * MAX_RATIO + RATIO_SLACK))
		return corrupt(err);
	if (e.method == 0) {
		const unsigned char *p = z->data + e.data_off;

		while (done < e.usize) {
			size_t n = e.usize - done > CHUNK ? CHUNK : (size_t)(e.usize - done);

			crc = crc32(crc, p + done, (uInt)n);
			done += n;
			if (sink(ud, (const char *)p + done - n, n, 0))
				return TABLE_STOPPED;
		}
		goto check;
	}
	out = malloc(CHUNK);
	if (!out)
		return TABLE_NOMEM;
	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) {
		rc = TABLE_NOMEM;
		goto out;
	}
	zinit = 1;
	if (e.csize > 0xffffffffu) {
		rc = corrupt(err);
		goto out;
	}
	zs.next_in = (unsigned char *)z->data + e.data_off;
	zs.avail_in = (uInt)e.csize;
	do {
		size_t n;

		zs.next_out = out;
		zs.avail_out = (uInt)CHUNK;
		zr = inflate(&zs, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END) {
			rc = corrupt(err);
			goto out;
		}
		n = CHUNK - zs.avail_out;
		if (n > e.usize - done) {
			rc = corrupt(err);
			goto out;
		}
		if (n == 0 && zr == Z_OK) {
			rc = corrupt(err); /* input ended before the stream did */
			goto out;
		}
		crc = crc32(crc, out, (uInt)n);
		done += n;
		if (n && sink(ud, (const char *)out, n, 0)) {
			rc = TABLE_STOPPED;
			goto out;
		}
	} while (zr != Z_STREAM_END);
check:
	if (done != e.usize || crc != e.crc) {
		rc = corrupt(err);
		goto out;
	}
	if (sink(ud, "", 0, 1))
		rc = TABLE_STOPPED;
out:
	if (zinit)
		inflateEnd(&zs);
	free(out);
	return rc;
}

static int to_buf(void *ud, const char *p, size_t n, int last)
{
	(void)last;
	return buf_append(ud, p, n) != BUF_OK;
}

enum table_err table_zip_read(const struct table_zip *z, const char *name, char **out,
                              size_t *outlen, struct table_error *err)
{
	struct buf b;
	enum table_err rc;
	int found;

	*out = NULL;
	*outlen = 0;
	buf_init(&b, TABLE_MAX_INPUT);
	rc = table_zip_stream(z, name, TABLE_MAX_INPUT, to_buf, &b, &found, err);
	if (rc == TABLE_STOPPED) {
		rc = TABLE_NOMEM; /* the size was checked first: only malloc can fail */
		table_set_error(err, 0, "内存不足 out of memory");
	}
	if (!rc && found) {
		*out = buf_detach(&b, outlen);
		if (!*out)
			rc = TABLE_NOMEM;
	}
	buf_release(&b);
	return rc;
}
