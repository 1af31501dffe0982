#include "ole2.h"

#include <stdlib.h>
#include <string.h>

#define ENDOFCHAIN 0xFFFFFFFEu
#define FREESECT 0xFFFFFFFFu

static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

const char *ole2_strerror(enum ole2_err err)
{
	switch (err) {
	case OLE2_OK:
		return "成功 ok";
	case OLE2_NOT_OLE2:
		return "不是 OLE2 复合文档 not an OLE2 compound file";
	case OLE2_CORRUPT:
		return "OLE2 结构损坏 corrupt OLE2 structure";
	case OLE2_TOO_BIG:
		return "OLE2 流超过大小上限 OLE2 stream over the size cap";
	case OLE2_NOMEM:
		return "内存不足 out of memory";
	}
	return "?";
}

void ole2_init(struct ole2 *o, size_t max_stream)
{
	memset(o, 0, sizeof(*o));
	cbuf_init(&o->dir, max_stream);
	cbuf_init(&o->mini, max_stream);
}

void ole2_release(struct ole2 *o)
{
	free(o->fat);
	free(o->minifat);
	cbuf_release(&o->dir);
	cbuf_release(&o->mini);
	o->fat = NULL;
	o->minifat = NULL;
}

/*
 * Sector s and how many of its bytes the file holds: the last sector may be
 * short (Excel, POI and olefile accept such files), and what it holds is read.
 */
static const unsigned char *sector(const struct ole2 *o, uint32_t s, size_t *avail)
{
	size_t off, ssz = (size_t)1 << o->shift;

	if (s >= o->nsectors)
		return NULL;
	off = (size_t)(s + 1) << o->shift;
	*avail = o->len - off < ssz ? o->len - off : ssz;
	return o->data + off;
}

/* Entry k of a table sector that holds avail bytes; entries past them are free. */
static uint32_t table_entry(const unsigned char *p, size_t avail, size_t k)
{
	return 4 * k + 4 <= avail ? rd32(p + 4 * k) : FREESECT;
}

/* Follows a FAT chain from start, appending each sector (or `limit` bytes). */
static enum ole2_err read_chain(const struct ole2 *o, uint32_t start, uint64_t limit,
                                struct cbuf *out)
{
	size_t ssz = (size_t)1 << o->shift;
	uint32_t s = start, steps = 0;

	while (s != ENDOFCHAIN && limit > 0) {
		size_t avail = 0;
		const unsigned char *p = sector(o, s, &avail);
		size_t take = limit < ssz ? (size_t)limit : ssz;

		if (!p || s >= o->nfat || ++steps > o->nsectors)
			return OLE2_CORRUPT;
		/* A short last sector gives what it holds; the stream ends there. */
		if (take > avail)
			take = avail;
		switch (cbuf_append(out, p, take)) {
		case CBUF_OK:
			break;
		case CBUF_TOO_BIG:
			return OLE2_TOO_BIG;
		default:
			return OLE2_NOMEM;
		}
		limit -= take;
		s = o->fat[s];
	}
	return OLE2_OK;
}

static enum ole2_err load_fat(struct ole2 *o)
{
	const unsigned char *h = o->data;
	size_t ssz = (size_t)1 << o->shift, per = ssz / 4, i, n = 0;
	uint32_t nfatsec = rd32(h + 0x2C), difat = rd32(h + 0x44), ndifat = rd32(h + 0x48);
	uint32_t steps = 0;

	if (nfatsec > o->nsectors)
		return OLE2_CORRUPT;
	o->nfat = (uint32_t)(nfatsec * per);
	o->fat = malloc((o->nfat ? o->nfat : 1) * sizeof(uint32_t));
	if (!o->fat)
		return OLE2_NOMEM;
	/* The first 109 FAT sector numbers are in the header, the rest in DIFAT sectors. */
	for (i = 0; i < 109 && n < nfatsec; i++, n++) {
		size_t avail = 0, k;
		const unsigned char *p = sector(o, rd32(h + 0x4C + 4 * i), &avail);

		if (!p)
			return OLE2_CORRUPT;
		for (k = 0; k < per; k++)
			o->fat[n * per + k] = table_entry(p, avail, k);
	}
	while (n < nfatsec) {
		size_t davail = 0;
		const unsigned char *d = sector(o, difat, &davail);

		if (!d || ++steps > ndifat + 1 || steps > o->nsectors)
			return OLE2_CORRUPT;
		for (i = 0; i + 1 < per && n < nfatsec; i++, n++) {
			size_t avail = 0, k;
			const unsigned char *p = sector(o, table_entry(d, davail, i), &avail);

			if (!p)
				return OLE2_CORRUPT;
			for (k = 0; k < per; k++)
				o->fat[n * per + k] = table_entry(p, avail, k);
		}
		difat = table_entry(d, davail, per - 1);
	}
	return OLE2_OK;
}

enum ole2_err ole2_open(struct ole2 *o, const unsigned char *data, size_t len)
{
	const unsigned char *h = data;
	struct cbuf tmp;
	struct ole2_entry root;
	enum ole2_err err;
	unsigned mshift;

	o->data = data;
	o->len = len;
	if (len < 512 || memcmp(h, sig, 8) != 0)
		return OLE2_NOT_OLE2;
	o->shift = rd16(h + 0x1E);
	mshift = rd16(h + 0x20);
	if ((o->shift != 9 && o->shift != 12) || mshift != 6 || rd16(h + 0x1C) != 0xFFFE)
		return OLE2_CORRUPT;
	if (len <= ((size_t)1 << o->shift))
		return OLE2_CORRUPT;
	/* Every sector the file begins, the last one perhaps short. */
	o->nsectors = (uint32_t)(((len - 1) >> o->shift));
	o->cutoff = rd32(h + 0x38);
	err = load_fat(o);
	if (err)
		return err;
	cbuf_reset(&o->dir);
	err = read_chain(o, rd32(h + 0x30), UINT64_MAX, &o->dir);
	if (err)
		return err;
	o->nentries = o->dir.len / 128;
	if (o->nentries == 0)
		return OLE2_CORRUPT;
	/* The mini FAT. */
	cbuf_init(&tmp, o->dir.max);
	err = read_chain(o, rd32(h + 0x3C), (uint64_t)rd32(h + 0x40) << o->shift, &tmp);
	if (!err && rd32(h + 0x3C) != ENDOFCHAIN && rd32(h + 0x3C) != FREESECT) {
		size_t i;

		o->nminifat = (uint32_t)(tmp.len / 4);
		o->minifat = malloc((o->nminifat ? o->nminifat : 1) * sizeof(uint32_t));
		if (!o->minifat)
			err = OLE2_NOMEM;
		for (i = 0; !err && i < o->nminifat; i++)
			o->minifat[i] = rd32((const unsigned char *)tmp.ptr + 4 * i);
	} else if (err == OLE2_CORRUPT && rd32(h + 0x3C) >= ENDOFCHAIN) {
		err = OLE2_OK;
	}
	cbuf_release(&tmp);
	if (err)
		return err;
	/* The mini stream is the root entry's stream in big sectors. */
	err = ole2_entry_get(o, 0, &root);
	if (err)
		return err;
	if (root.type != OLE2_ROOT)
		return OLE2_CORRUPT;
	cbuf_reset(&o->mini);
	if (root.start != ENDOFCHAIN && root.size > 0)
		err = read_chain(o, root.start, root.size, &o->mini);
	return err;
}

enum ole2_err ole2_entry_get(const struct ole2 *o, size_t i, struct ole2_entry *e)
{
	const unsigned char *d;
	size_t nlen, k, w = 0;

	if (i >= o->nentries)
		return OLE2_CORRUPT;
	d = (const unsigned char *)o->dir.ptr + i * 128;
	memset(e, 0, sizeof(*e));
	nlen = rd16(d + 0x40);
	if (nlen > 64)
		nlen = 64;
	/* Names are UTF-16LE without surrogates in practice; encode as UTF-8. */
	for (k = 0; k + 1 < nlen; k += 2) {
		unsigned c = rd16(d + k);

		if (c == 0)
			break;
		if (c < 0x80) {
			e->name[w++] = (char)c;
		} else if (c < 0x800) {
			e->name[w++] = (char)(0xC0 | (c >> 6));
			e->name[w++] = (char)(0x80 | (c & 0x3F));
		} else {
			e->name[w++] = (char)(0xE0 | (c >> 12));
			e->name[w++] = (char)(0x80 | ((c >> 6) & 0x3F));
			e->name[w++] = (char)(0x80 | (c & 0x3F));
		}
	}
	e->name[w] = '\0';
	e->type = (enum ole2_type)d[0x42];
	e->left = rd32(d + 0x44);
	e->right = rd32(d + 0x48);
	e->child = rd32(d + 0x4C);
	e->start = rd32(d + 0x74);
	e->size = rd32(d + 0x78);
	if (o->shift == 12)
		e->size |= (uint64_t)rd32(d + 0x7C) << 32;
	return OLE2_OK;
}

enum ole2_err ole2_read(const struct ole2 *o, const struct ole2_entry *e, struct cbuf *out)
{
	uint32_t s = e->start, steps = 0;
	uint64_t limit = e->size;

	cbuf_reset(out);
	if (e->type != OLE2_STREAM)
		return OLE2_CORRUPT;
	if (e->size > out->max)
		return OLE2_TOO_BIG;
	if (e->size >= o->cutoff)
		return read_chain(o, e->start, e->size, out);
	/* Small streams: 64-byte sectors of the mini stream, chained by the mini FAT. */
	while (s != ENDOFCHAIN && limit > 0) {
		size_t off = (size_t)s * 64, take = limit < 64 ? (size_t)limit : 64;

		if (s >= o->nminifat || off >= o->mini.len || o->mini.len - off < take ||
		    ++steps > o->nminifat)
			return OLE2_CORRUPT;
		if (cbuf_append(out, o->mini.ptr + off, take))
			return OLE2_NOMEM;
		limit -= take;
		s = o->minifat[s];
	}
	return limit ? OLE2_CORRUPT : OLE2_OK;
}
