#include "zipr.h"

#include <libdeflate.h>
#include <string.h>

#define SIG_EOCD 0x06054b50u
#define SIG_EOCD64 0x06064b50u
#define SIG_LOC64 0x07064b50u
#define SIG_CDH 0x02014b50u
#define SIG_LFH 0x04034b50u

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

const char *zipr_strerror(enum zipr_err err)
{
	switch (err) {
	case ZIPR_OK:
	case ZIPR_END:
		return "成功 ok";
	case ZIPR_NOT_ZIP:
		return "不是 zip 文件 not a zip file (no end of central directory)";
	case ZIPR_CORRUPT:
		return "zip 结构损坏 corrupt zip structure";
	case ZIPR_UNSUPPORTED:
		return "不支持的压缩方法 unsupported compression method";
	case ZIPR_ENCRYPTED:
		return "zip 条目已加密 encrypted zip entry";
	case ZIPR_TOO_BIG:
		return "zip 条目超过大小上限 zip entry over the size cap";
	case ZIPR_NOMEM:
		return "内存不足 out of memory";
	}
	return "?";
}

/* Reads the ZIP64 end record through its locator just before the EOCD. */
static enum zipr_err open64(struct zipr *z, size_t eocd)
{
	const unsigned char *d = z->data;
	uint64_t off;

	if (eocd < 20 || rd32(d + eocd - 20) != SIG_LOC64)
		return ZIPR_CORRUPT;
	off = rd64(d + eocd - 20 + 8);
	if (off > z->len || z->len - off < 56 || rd32(d + off) != SIG_EOCD64)
		return ZIPR_CORRUPT;
	z->left = rd64(d + off + 32);
	z->cd_end = rd64(d + off + 40); /* size, made absolute below */
	z->cd_off = rd64(d + off + 48);
	if (z->cd_off > z->len || z->cd_end > z->len - z->cd_off)
		return ZIPR_CORRUPT;
	z->cd_end += z->cd_off;
	return ZIPR_OK;
}

enum zipr_err zipr_open(struct zipr *z, const unsigned char *data, size_t len,
                        struct libdeflate_decompressor *dec)
{
	size_t i, lo;
	uint32_t cd_size, cd_off;

	memset(z, 0, sizeof(*z));
	z->data = data;
	z->len = len;
	z->dec = dec;
	if (len < 22)
		return ZIPR_NOT_ZIP;
	lo = len > 22 + 65535 ? len - 22 - 65535 : 0;
	for (i = len - 22 + 1; i-- > lo;) {
		if (rd32(data + i) != SIG_EOCD)
			continue;
		if ((size_t)rd16(data + i + 20) > len - i - 22)
			continue; /* the comment would pass the end: not an EOCD */
		z->left = rd16(data + i + 10);
		cd_size = rd32(data + i + 12);
		cd_off = rd32(data + i + 16);
		if (z->left == 0xFFFF || cd_size == 0xFFFFFFFFu || cd_off == 0xFFFFFFFFu)
			return open64(z, i);
		if (cd_off > len || cd_size > len - cd_off)
			return ZIPR_CORRUPT;
		z->cd_off = cd_off;
		z->cd_end = (uint64_t)cd_off + cd_size;
		return ZIPR_OK;
	}
	return ZIPR_NOT_ZIP;
}

/* Fills in the 64-bit fields that the record marks with all ones. */
static enum zipr_err read_zip64_extra(const unsigned char *x, size_t xlen, struct zipr_entry *e,
                                      int need_u, int need_c, int need_o)
{
	while (xlen >= 4) {
		unsigned id = rd16(x), sz = rd16(x + 2);
		const unsigned char *p = x + 4;
		size_t left = sz;

		if (sz > xlen - 4)
			return ZIPR_CORRUPT;
		if (id == 1) {
			if (need_u) {
				if (left < 8)
					return ZIPR_CORRUPT;
				e->usize = rd64(p);
				p += 8;
				left -= 8;
			}
			if (need_c) {
				if (left < 8)
					return ZIPR_CORRUPT;
				e->csize = rd64(p);
				p += 8;
				left -= 8;
			}
			if (need_o) {
				if (left < 8)
					return ZIPR_CORRUPT;
				e->local_off = rd64(p);
			}
			return ZIPR_OK;
		}
		x += 4 + sz;
		xlen -= 4 + (size_t)sz;
	}
	return (need_u || need_c || need_o) ? ZIPR_CORRUPT : ZIPR_OK;
}

enum zipr_err zipr_next(struct zipr *z, struct zipr_entry *e)
{
	const unsigned char *p;
	size_t nlen, xlen, clen;
	enum zipr_err err;

	if (z->left == 0 || z->cd_off >= z->cd_end)
		return ZIPR_END;
	if (z->cd_end - z->cd_off < 46)
		return ZIPR_CORRUPT;
	p = z->data + z->cd_off;
	if (rd32(p) != SIG_CDH)
		return ZIPR_CORRUPT;
	nlen = rd16(p + 28);
	xlen = rd16(p + 30);
	clen = rd16(p + 32);
	if (z->cd_end - z->cd_off - 46 < nlen + xlen + clen)
		return ZIPR_CORRUPT;
	memset(e, 0, sizeof(*e));
	e->flags = rd16(p + 8);
	e->method = rd16(p + 10);
	e->csize = rd32(p + 20);
	e->usize = rd32(p + 24);
	e->local_off = rd32(p + 42);
	e->name = (const char *)p + 46;
	e->name_len = nlen;
	err = read_zip64_extra(p + 46 + nlen, xlen, e, e->usize == 0xFFFFFFFFu,
	                       e->csize == 0xFFFFFFFFu, e->local_off == 0xFFFFFFFFu);
	if (err)
		return err;
	z->cd_off += 46 + nlen + xlen + clen;
	z->left--;
	return ZIPR_OK;
}

enum zipr_err zipr_data(const struct zipr *z, const struct zipr_entry *e, size_t max,
                        const unsigned char **data, size_t *len)
{
	const unsigned char *lh;
	uint64_t off;

	*data = NULL;
	*len = 0;
	if (e->flags & 1)
		return ZIPR_ENCRYPTED;
	if (e->method != 0 && e->method != 8)
		return ZIPR_UNSUPPORTED;
	if (e->local_off > z->len || z->len - e->local_off < 30)
		return ZIPR_CORRUPT;
	lh = z->data + e->local_off;
	if (rd32(lh) != SIG_LFH)
		return ZIPR_CORRUPT;
	off = e->local_off + 30 + (uint64_t)rd16(lh + 26) + rd16(lh + 28);
	if (off > z->len || e->csize > z->len - off)
		return ZIPR_CORRUPT;
	if (e->usize > max)
		return ZIPR_TOO_BIG;
	*data = z->data + off;
	*len = (size_t)e->csize;
	return ZIPR_OK;
}

enum zipr_err zipr_extract(const struct zipr *z, const struct zipr_entry *e, struct cbuf *out,
                           const unsigned char **bytes, size_t *len)
{
	const unsigned char *data;
	size_t dlen, got = 0;
	enum libdeflate_result r;
	enum zipr_err err;

	*bytes = NULL;
	*len = 0;
	err = zipr_data(z, e, out->max, &data, &dlen);
	if (err)
		return err;
	if (e->method == 0) {
		if (e->csize != e->usize)
			return ZIPR_CORRUPT;
		*bytes = data;
		*len = (size_t)e->usize;
		return ZIPR_OK;
	}
	cbuf_reset(out);
	if (cbuf_reserve(out, (size_t)e->usize))
		return ZIPR_NOMEM;
	r = libdeflate_deflate_decompress(z->dec, data, dlen, out->ptr, (size_t)e->usize, &got);
	if (r != LIBDEFLATE_SUCCESS || got != e->usize)
		return ZIPR_CORRUPT;
	out->len = got;
	out->ptr[got] = '\0';
	*bytes = (const unsigned char *)out->ptr;
	*len = got;
	return ZIPR_OK;
}
