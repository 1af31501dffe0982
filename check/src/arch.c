#include "arch.h"

#include <iconv.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#ifdef BAOMI_CHECK_HAVE_LZMA
#include <lzma.h>
#endif

#include "jw.h"
#include "larch.h"
#include "zipr.h"

#define ARCH_NAME_MAX 4096 /* bytes of a member's name kept */
#define ARCH_BLOCK (64u << 10)

struct arch {
	struct archive *a;
	const unsigned char *data;
	size_t len;
	int raw;
	int pending; /* the first header, read by arch_open, not yet given */
	struct archive_entry *entry;
	const char *format;
	char name[ARCH_NAME_MAX + 1];
};

/*
 * libarchive converts member names to the current locale's charset, and
 * under the C locale a UTF-8 name (a zip's UTF-8 flag, a pax header) does
 * not convert and is lost.  Its calls run with this thread in C.UTF-8.
 */
static locale_t utf8_locale;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void utf8_init(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

static locale_t enter(void)
{
	pthread_once(&utf8_once, utf8_init);
	return utf8_locale ? uselocale(utf8_locale) : (locale_t)0;
}

static void leave(locale_t old)
{
	if (old)
		uselocale(old);
}

static int is_tar_header(const unsigned char *b, size_t n)
{
	return n >= 263 && memcmp(b + 257, "ustar", 5) == 0 && (b[262] == 0 || b[262] == ' ');
}

static int is_bzip2(const unsigned char *b, size_t n)
{
	return n >= 10 && memcmp(b, "BZh", 3) == 0 && b[3] >= '1' && b[3] <= '9' &&
	       memcmp(b + 4, "1AY&SY", 6) == 0;
}

static int is_xz(const unsigned char *b, size_t n)
{
	return n >= 6 && memcmp(b,
	                        "\xFD"
	                        "7zXZ\0",
	                        6) == 0;
}

static int is_rar(const unsigned char *b, size_t n)
{
	return n >= 7 && memcmp(b, "Rar!\x1A\x07", 6) == 0;
}

int arch_sniff(const unsigned char *b, size_t n)
{
	return is_tar_header(b, n) || is_rar(b, n) || is_bzip2(b, n) || is_xz(b, n);
}

int arch_gzip_tar(const unsigned char *b, size_t n)
{
	unsigned char head[512];
	z_stream z;
	int ok = 0;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return 0;
	z.next_in = (unsigned char *)b;
	z.avail_in = (uInt)(n > 0xFFFFFFFFu ? 0xFFFFFFFFu : n);
	z.next_out = head;
	z.avail_out = sizeof(head);
	/* Deflate may give its first bytes only after many: a bounded number of rounds. */
	for (int i = 0; i < 64 && z.avail_out > 0; i++) {
		int rc = inflate(&z, Z_SYNC_FLUSH);

		if (rc != Z_OK)
			break;
	}
	ok = is_tar_header(head, sizeof(head) - z.avail_out);
	inflateEnd(&z);
	return ok;
}

/* RAR5's variable-length integer at *p (moved past it); 0 when it runs past end. */
static int rar5_vint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		unsigned char c = *(*p)++;

		*v |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			return 1;
		shift += 7;
	}
	return 0;
}

/*
 * Whether a RAR5 file or service header (type 2, 3) carries a file
 * encryption record (extra record type 1): libarchive gives such a file's
 * ciphertext as its data and does not say it is encrypted.
 */
static int rar5_file_encrypted(const unsigned char *b, size_t n)
{
	size_t at = 8;

	while (at + 4 < n) {
		const unsigned char *p = b + at + 4, *end = b + n, *bend;
		uint64_t size, type, flags, extra = 0, data = 0;

		if (!rar5_vint(&p, end, &size) || size > (uint64_t)(end - p))
			return 0;
		bend = p + size;
		if (!rar5_vint(&p, bend, &type) || !rar5_vint(&p, bend, &flags) ||
		    ((flags & 1) && !rar5_vint(&p, bend, &extra)) ||
		    ((flags & 2) && !rar5_vint(&p, bend, &data)))
			return 0;
		if ((type == 2 || type == 3) && extra > 0 && extra <= (uint64_t)(bend - p)) {
			const unsigned char *x = bend - extra;

			while (x < bend) {
				const unsigned char *rec;
				uint64_t rsize, rtype;

				if (!rar5_vint(&x, bend, &rsize) || rsize > (uint64_t)(bend - x))
					break;
				rec = x;
				if (rar5_vint(&x, rec + rsize, &rtype) && rtype == 1)
					return 1;
				x = rec + rsize;
				if (rsize == 0)
					break;
			}
		}
		if (type == 5 || data > (uint64_t)(end - bend))
			return 0;
		at = (size_t)(bend - b) + (size_t)data;
	}
	return 0;
}

int arch_rar_encrypted(const unsigned char *b, size_t n)
{
	if (n >= 8 && memcmp(b, "Rar!\x1A\x07\x01\x00", 8) == 0) {
		/* RAR5: the first header after the signature is an archive
		 * encryption header (type 4) when the headers are encrypted. */
		const unsigned char *p = b + 8 + 4, *end = b + n;
		uint64_t size, type;

		if (n > 12 && rar5_vint(&p, end, &size) && rar5_vint(&p, end, &type) && type == 4)
			return 1;
		return rar5_file_encrypted(b, n);
	}
	/* RAR4: the main header (type 0x73) has MHD_PASSWORD (0x80) in its flags. */
	return n >= 7 + 7 && memcmp(b, "Rar!\x1A\x07\x00", 7) == 0 && b[7 + 2] == 0x73 &&
	       (b[7 + 3] & 0x80);
}

/* Little-endian reads; the caller has checked that the bytes are there. */
static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Keeps the largest need seen, with what states it. */
static void need_max(struct arch_need *n, uint64_t bytes, const char *what)
{
	if (bytes > n->bytes) {
		n->bytes = bytes;
		n->what = what;
	}
}

/* LZMA's 5 property bytes (lc/lp/pb, dictionary): the dictionary and the probability tables. */
static uint64_t lzma_props_need(const unsigned char *p)
{
	unsigned lclp = p[0] % 9 + p[0] / 9 % 5;

	return (uint64_t)le32(p + 1) + ((uint64_t)0x300 << (lclp > 12 ? 12 : lclp)) * 2;
}

/* LZMA2's one property byte: the dictionary (40 is 4 GiB - 1; above is invalid). */
static uint64_t lzma2_props_need(unsigned char d)
{
	if (d >= 40)
		return 0xFFFFFFFFu;
	return (uint64_t)(2 | (d & 1)) << (d / 2 + 11);
}

/* The xz multibyte integer at *p (moved past it); 0 when it runs past end or is too long. */
static int xz_vint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned i;

	*v = 0;
	for (i = 0; i < 9 && *p < end; i++) {
		unsigned char c = *(*p)++;

		*v |= (uint64_t)(c & 0x7F) << (7 * i);
		if (!(c & 0x80))
			return 1;
	}
	return 0;
}

/* One xz block header at b (its filter flags): the LZMA2 dictionary it states. */
static void xz_block_need(const unsigned char *b, const unsigned char *end, struct arch_need *n)
{
	const unsigned char *p, *hend;
	uint64_t v;
	unsigned filters, i;

	if (b >= end || b[0] == 0 || (size_t)(end - b) < (size_t)(b[0] + 1) * 4)
		return;
	hend = b + (b[0] + 1) * 4 - 4; /* before the header's CRC32 */
	filters = (b[1] & 3) + 1;
	p = b + 2;
	if (((b[1] & 0x40) && !xz_vint(&p, hend, &v)) || ((b[1] & 0x80) && !xz_vint(&p, hend, &v)))
		return;
	for (i = 0; i < filters; i++) {
		uint64_t id, size;

		if (!xz_vint(&p, hend, &id) || !xz_vint(&p, hend, &size) ||
		    size > (uint64_t)(hend - p))
			return;
		if (id == 0x21 && size == 1)
			need_max(n, lzma2_props_need(p[0]), "xz LZMA2 字典 dictionary");
		p += size;
	}
}

/*
 * xz: the first block's header, then every block of every stream found
 * from the end (stream footer, index, the blocks' sizes), since a block's
 * header need not say where the next one starts.
 */
static void xz_need(const unsigned char *b, size_t len, struct arch_need *n)
{
	size_t end = len;

	xz_block_need(b + 12, b + len, n);
	/* Each round goes back over one stream (at least 24 bytes). */
	while (end >= 24) {
		const unsigned char *f, *p, *iend;
		uint64_t back, records, at, i;

		while (end >= 24 && le32(b + end - 4) == 0)
			end -= 4; /* stream padding */
		if (end < 24 || memcmp(b + end - 2, "YZ", 2) != 0)
			return;
		f = b + end - 12;
		back = ((uint64_t)le32(f + 4) + 1) * 4;
		if (back > end - 24)
			return;
		p = f - back;
		iend = f;
		if (*p++ != 0 || !xz_vint(&p, iend, &records))
			return;
		at = 0;
		for (i = 0; i < records; i++) {
			uint64_t unpadded, usize;

			if (!xz_vint(&p, iend, &unpadded) || !xz_vint(&p, iend, &usize))
				return;
			at += (unpadded + 3) & ~(uint64_t)3;
			if (at > (uint64_t)(f - back - b))
				return;
		}
		if (at + 12 > (uint64_t)(f - back - b))
			return;
		end = (size_t)(f - back - b - at) - 12; /* this stream's header */
		if (memcmp(b + end,
		           "\xFD"
		           "7zXZ\0",
		           6) != 0)
			return;
		/* The blocks again, from the start, now that their places are known. */
		p = f - back + 1;
		xz_vint(&p, iend, &records);
		at = end + 12;
		for (i = 0; i < records; i++) {
			uint64_t unpadded, usize;

			xz_vint(&p, iend, &unpadded);
			xz_vint(&p, iend, &usize);
			xz_block_need(b + at, f - back, n);
			at += (unpadded + 3) & ~(uint64_t)3;
		}
	}
}

/* 7z's NUMBER at *p (moved past it); 0 when it runs past end. */
static int sz_num(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned char first, mask = 0x80;
	int i;

	if (*p >= end)
		return 0;
	first = *(*p)++;
	*v = 0;
	for (i = 0; i < 8; i++) {
		if (!(first & mask)) {
			*v |= (uint64_t)(first & (mask - 1)) << (8 * i);
			return 1;
		}
		if (*p >= end)
			return 0;
		*v |= (uint64_t) * (*p)++ << (8 * i);
		mask >>= 1;
	}
	return 1;
}

/* What a 7z streams info says of its first folder: enough to decode an encoded header. */
struct sz_first {
	uint64_t pack_pos, pack_size, unpack;
	const unsigned char *lzma; /* the properties when the folder is one LZMA coder */
};

/* 7z's folders (a streams info's unpack info, past kFolder): each folder's coders summed. */
static int sz_folders(const unsigned char **p, const unsigned char *end, struct arch_need *n,
                      struct sz_first *first)
{
	uint64_t folders, f;

	if (!sz_num(p, end, &folders) || *p >= end || *(*p)++ != 0)
		return 0; /* folders kept in another stream are not read */
	for (f = 0; f < folders; f++) {
		uint64_t coders, c, out = 0, in = 0, need = 0;
		const char *what = NULL;

		if (!sz_num(p, end, &coders) || coders > 64)
			return 0;
		for (c = 0; c < coders; c++) {
			unsigned char flags;
			const unsigned char *id;
			uint64_t cin = 1, cout = 1, psize = 0;

			if (*p >= end)
				return 0;
			flags = *(*p)++;
			if ((size_t)(end - *p) < (size_t)(flags & 0x0F))
				return 0;
			id = *p;
			*p += flags & 0x0F;
			if ((flags & 0x10) && (!sz_num(p, end, &cin) || !sz_num(p, end, &cout)))
				return 0;
			if ((flags & 0x20) &&
			    (!sz_num(p, end, &psize) || psize > (uint64_t)(end - *p)))
				return 0;
			if ((flags & 0x0F) == 3 && memcmp(id, "\x03\x01\x01", 3) == 0 &&
			    psize == 5) {
				need += lzma_props_need(*p);
				what = "7z LZMA 字典 dictionary";
				if (f == 0 && coders == 1)
					first->lzma = *p;
			} else if ((flags & 0x0F) == 1 && id[0] == 0x21 && psize == 1) {
				need += lzma2_props_need(**p);
				what = "7z LZMA2 字典 dictionary";
			} else if ((flags & 0x0F) == 3 && memcmp(id, "\x03\x04\x01", 3) == 0 &&
			           psize == 5) {
				need += le32(*p + 1);
				what = "7z PPMd 模型内存 model memory";
			}
			*p += psize;
			in += cin;
			out += cout;
			if (in > 64 || out > 64)
				return 0;
		}
		if (what)
			need_max(n, need, what);
		if (out == 0 || in < out - 1)
			return 0;
		/* bind pairs, then the packed streams' indices when more than one */
		for (c = 0; c + 1 < out; c++) {
			uint64_t x;

			if (!sz_num(p, end, &x) || !sz_num(p, end, &x))
				return 0;
		}
		if (in - (out - 1) > 1)
			for (c = 0; c < in - (out - 1); c++) {
				uint64_t x;

				if (!sz_num(p, end, &x))
					return 0;
			}
	}
	return 1;
}

/* A 7z streams info up to its folders' sizes: pack info passed, unpack info's folders read. */
static int sz_streams(const unsigned char **p, const unsigned char *end, struct arch_need *n,
                      struct sz_first *first)
{
	uint64_t v, packs, i;

	memset(first, 0, sizeof(*first));
	if (*p < end && **p == 0x06) { /* kPackInfo */
		(*p)++;
		if (!sz_num(p, end, &first->pack_pos) || !sz_num(p, end, &packs))
			return 0;
		for (;;) {
			unsigned char t;

			if (*p >= end)
				return 0;
			t = *(*p)++;
			if (t == 0x00)
				break;
			if (t != 0x09 || packs > (uint64_t)(end - *p))
				return 0; /* CRCs of pack streams are not written by 7-Zip */
			for (i = 0; i < packs; i++) {
				if (!sz_num(p, end, &v))
					return 0;
				if (i == 0)
					first->pack_size = v;
			}
		}
	}
	if (*p + 1 < end && (*p)[0] == 0x07 && (*p)[1] == 0x0B) { /* kUnPackInfo, kFolder */
		*p += 2;
		if (!sz_folders(p, end, n, first))
			return 0;
		if (*p < end && **p == 0x0C) { /* kCodersUnPackSize: the first folder's first */
			(*p)++;
			return sz_num(p, end, &first->unpack);
		}
	}
	return 1;
}

/* A 7z header (past kHeader): the folders of its streams. */
static void sz_header(const unsigned char *p, const unsigned char *end, struct arch_need *n)
{
	struct sz_first first;

	if (p < end && *p == 0x02) { /* kArchiveProperties */
		p++;
		for (;;) {
			uint64_t t, s;

			if (!sz_num(&p, end, &t))
				return;
			if (t == 0)
				break;
			if (!sz_num(&p, end, &s) || s > (uint64_t)(end - p))
				return;
			p += s;
		}
	}
	if (p < end && *p == 0x03) { /* kAdditionalStreamsInfo: its folders are enough */
		p++;
		sz_streams(&p, end, n, &first);
		return;
	}
	if (p < end && *p == 0x04) { /* kMainStreamsInfo */
		p++;
		sz_streams(&p, end, n, &first);
	}
}

#ifdef BAOMI_CHECK_HAVE_LZMA
/* Decodes an LZMA-encoded 7z header of size bytes (liblzma, raw LZMA1); NULL when it fails. */
static unsigned char *sz_decode(const unsigned char *in, size_t in_len, const unsigned char *props,
                                size_t size)
{
	lzma_filter f[2] = {{LZMA_FILTER_LZMA1, NULL}, {LZMA_VLI_UNKNOWN, NULL}};
	lzma_stream s = LZMA_STREAM_INIT;
	unsigned char *out = malloc(size ? size : 1);
	lzma_ret rc = LZMA_PROG_ERROR;

	if (!out || lzma_properties_decode(&f[0], NULL, props, 5) != LZMA_OK)
		goto out;
	if (lzma_raw_decoder(&s, f) != LZMA_OK)
		goto out;
	s.next_in = in;
	s.avail_in = in_len;
	s.next_out = out;
	s.avail_out = size;
	do
		rc = lzma_code(&s, LZMA_FINISH);
	while (rc == LZMA_OK && s.avail_out > 0 && s.avail_in > 0);
out:
	lzma_end(&s);
	free(f[0].options);
	if ((rc == LZMA_OK || rc == LZMA_STREAM_END) && s.avail_out == 0)
		return out;
	free(out);
	return NULL;
}
#endif

/*
 * 7z: the coders of the folders in the header.  A header that is itself
 * encoded (7-Zip's default) states its own coder and size: those are a need
 * too (libarchive decodes it first), and when they fit in limit and it is
 * one LZMA coder it is decoded here (with liblzma) and its folders read;
 * otherwise n->hidden says the folders were not seen.
 */
static void sz_need(const unsigned char *b, size_t len, struct arch_need *n, uint64_t limit)
{
	const unsigned char *p, *end;
	struct sz_first first;
	uint64_t off, size, head;

	if (len < 32)
		return;
	off = le64(b + 12);
	size = le64(b + 20);
	if (off > len - 32 || size > len - 32 - off)
		return;
	p = b + 32 + off;
	end = p + size;
	if (p >= end)
		return;
	if (*p == 0x01) { /* kHeader */
		sz_header(p + 1, end, n);
		return;
	}
	if (*p != 0x17) /* kEncodedHeader */
		return;
	p++;
	n->hidden = 1;
	if (!sz_streams(&p, end, n, &first) || !first.lzma)
		return;
	head = lzma_props_need(first.lzma) + first.unpack;
	need_max(n, head, "7z 编码的文件头 encoded header");
#ifdef BAOMI_CHECK_HAVE_LZMA
	if (head <= limit && first.pack_pos <= len - 32 &&
	    first.pack_size <= len - 32 - first.pack_pos && first.unpack > 0) {
		unsigned char *h = sz_decode(b + 32 + first.pack_pos, (size_t)first.pack_size,
		                             first.lzma, (size_t)first.unpack);

		if (h && h[0] == 0x01) {
			sz_header(h + 1, h + first.unpack, n);
			n->hidden = 0;
		}
		free(h);
	}
#else
	(void)limit;
#endif
}

/* RAR5: each compressed file's dictionary (window), from its file header. */
static void rar5_need(const unsigned char *b, size_t n, struct arch_need *need)
{
	size_t at = 8;

	while (at + 4 < n) {
		const unsigned char *p = b + at + 4, *end = b + n, *bend;
		uint64_t size, type, flags, extra = 0, data = 0;

		if (!rar5_vint(&p, end, &size) || size > (uint64_t)(end - p))
			return;
		bend = p + size;
		if (!rar5_vint(&p, bend, &type) || !rar5_vint(&p, bend, &flags) ||
		    ((flags & 1) && !rar5_vint(&p, bend, &extra)) ||
		    ((flags & 2) && !rar5_vint(&p, bend, &data)))
			return;
		if (type == 2) {
			uint64_t fflags, usize, attr, info;

			if (rar5_vint(&p, bend, &fflags) && rar5_vint(&p, bend, &usize) &&
			    rar5_vint(&p, bend, &attr) &&
			    (size_t)(bend - p) >=
			        ((fflags & 2) ? 4u : 0u) + ((fflags & 4) ? 4u : 0u)) {
				p += ((fflags & 2) ? 4 : 0) + ((fflags & 4) ? 4 : 0);
				if (rar5_vint(&p, bend, &info) && !(fflags & 1) &&
				    ((info >> 7) & 7) != 0)
					need_max(need, (uint64_t)0x20000 << ((info >> 10) & 15),
					         "RAR5 字典 dictionary");
			}
		}
		if (type == 4 || type == 5 || data > (uint64_t)(end - bend))
			return;
		at = (size_t)(bend - b) + (size_t)data;
	}
}

/*
 * RAR4: each file's dictionary (flags bits 5-7) and, for a file that
 * starts a PPMd block, the model memory its first data bytes state.
 */
static void rar4_need(const unsigned char *b, size_t n, struct arch_need *need)
{
	size_t at = 7;

	while (at + 7 <= n) {
		const unsigned char *h = b + at;
		unsigned type = h[2], flags = h[3] | (unsigned)h[4] << 8;
		uint64_t hsize = h[5] | (unsigned)h[6] << 8, add = 0;

		if (hsize < 7 || hsize > n - at)
			return;
		if (type == 0x74 && hsize >= 32) {
			const unsigned char *d = h + hsize;
			uint64_t pack = le32(h + 7);

			if ((flags & 0x100) && hsize >= 40)
				pack |= (uint64_t)le32(h + 32) << 32;
			add = pack;
			if ((flags & 0xE0) != 0xE0 && h[25] != 0x30)
				need_max(need, (uint64_t)0x10000 << ((flags >> 5) & 7),
				         "RAR 字典 dictionary");
			/* Not solid, not encrypted, compressed: a PPMd block's first byte
			 * (0x80) with its memory flag (0x20) and MaxMB after it. */
			if (!(flags & 0x14) && h[25] != 0x30 && pack >= 2 &&
			    (size_t)(b + n - d) >= 2 && (d[0] & 0xA0) == 0xA0)
				need_max(need, ((uint64_t)d[1] + 1) << 20,
				         "RAR PPMd 模型内存 model memory");
		} else if (flags & 0x8000) {
			if (hsize < 11)
				return;
			add = le32(h + 7);
		}
		if (add > n - at - hsize)
			return;
		at += (size_t)hsize + (size_t)add;
	}
}

/* zip members compressed with LZMA (14), xz (95) or PPMd (98): what their data's header says. */
static void zip_need(const unsigned char *b, size_t len, struct arch_need *n)
{
	struct zipr z;
	struct zipr_entry e;
	unsigned count = 0;

	if (zipr_open(&z, b, len, NULL) != ZIPR_OK)
		return;
	while (count++ < 100000 && zipr_next(&z, &e) == ZIPR_OK) {
		const unsigned char *lh, *d;
		uint64_t off;
		size_t left;

		if ((e.method != 14 && e.method != 95 && e.method != 98) || (e.flags & 1) ||
		    e.local_off > len || len - e.local_off < 30)
			continue;
		lh = b + e.local_off;
		off = e.local_off + 30 + (uint64_t)(lh[26] | lh[27] << 8) + (lh[28] | lh[29] << 8);
		if (off > len)
			continue;
		d = b + off;
		left = len - (size_t)off;
		if (e.csize < left)
			left = (size_t)e.csize;
		if (e.method == 14 && left >= 9)
			need_max(n, lzma_props_need(d + 4), "zip LZMA 字典 dictionary");
		else if (e.method == 98 && left >= 2)
			need_max(n, ((uint64_t)((d[0] | d[1] << 8) >> 4 & 0xFF) + 1) << 20,
			         "zip PPMd 模型内存 model memory");
		else if (e.method == 95 && is_xz(d, left))
			xz_need(d, left, n);
	}
}

void arch_need(const unsigned char *b, size_t n, uint64_t limit, struct arch_need *need)
{
	memset(need, 0, sizeof(*need));
	if (is_xz(b, n)) {
		need->format = "xz";
		xz_need(b, n, need);
	} else if (n >= 32 && memcmp(b, "7z\xBC\xAF\x27\x1C", 6) == 0) {
		need->format = "7z";
		sz_need(b, n, need, limit);
	} else if (n >= 8 && memcmp(b, "Rar!\x1A\x07\x01\x00", 8) == 0) {
		need->format = "rar";
		rar5_need(b, n, need);
	} else if (n >= 7 && memcmp(b, "Rar!\x1A\x07\x00", 7) == 0) {
		need->format = "rar";
		rar4_need(b, n, need);
	} else if (n >= 4 && memcmp(b, "PK", 2) == 0) {
		need->format = "zip";
		zip_need(b, n, need);
	}
}

const char *arch_strerror(enum arch_err err)
{
	switch (err) {
	case ARCH_OK:
		return "ok";
	case ARCH_END:
		return "no more members";
	case ARCH_CORRUPT:
		return "压缩包损坏或无法读取 corrupt or unreadable archive";
	case ARCH_ENCRYPTED:
		return "已加密 encrypted";
	case ARCH_TOO_BIG:
		return "成员超过上限 member over the cap";
	case ARCH_TOTAL:
		return "解压总量超过上限 (疑似压缩炸弹) archive output over the total cap (an "
		       "archive bomb?)";
	case ARCH_STOPPED:
		return "stopped";
	case ARCH_NOMEM:
		return "内存不足 out of memory";
	case ARCH_UNAVAILABLE:
		return "无法加载 libarchive (未安装?) libarchive cannot be loaded (not installed?)";
	}
	return "unknown error";
}

static struct archive *reader(int raw)
{
	struct archive *a = archive_read_new();

	if (!a)
		return NULL;
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	if (raw) {
		archive_read_support_format_raw(a);
	} else {
		archive_read_support_format_tar(a);
		archive_read_support_format_zip(a);
		archive_read_support_format_7zip(a);
		archive_read_support_format_rar(a);
		archive_read_support_format_rar5(a);
	}
	return a;
}

static const char *format_of(struct archive *a, int raw)
{
	int filter = archive_filter_code(a, 0);

	if (raw)
		return filter == ARCHIVE_FILTER_GZIP    ? "gzip"
		       : filter == ARCHIVE_FILTER_BZIP2 ? "bzip2"
		                                        : "xz";
	switch (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) {
	case ARCHIVE_FORMAT_TAR:
		return filter == ARCHIVE_FILTER_GZIP    ? "tar.gz"
		       : filter == ARCHIVE_FILTER_BZIP2 ? "tar.bz2"
		       : filter == ARCHIVE_FILTER_XZ    ? "tar.xz"
		                                        : "tar";
	case ARCHIVE_FORMAT_ZIP:
		return "zip";
	case ARCHIVE_FORMAT_7ZIP:
		return "7z";
	case ARCHIVE_FORMAT_RAR:
	case ARCHIVE_FORMAT_RAR_V5:
		return "rar";
	default:
		return "archive";
	}
}

/* Opens with the archive formats, or as one compressed file; reads the first header. */
static int try_open(struct arch *a, int raw)
{
	int rc;

	if (a->a)
		archive_read_free(a->a);
	a->a = reader(raw);
	if (!a->a)
		return -1;
	if (archive_read_open_memory(a->a, a->data, a->len) != ARCHIVE_OK)
		return 1;
	rc = archive_read_next_header(a->a, &a->entry);
	if (rc == ARCHIVE_FATAL || rc == ARCHIVE_RETRY)
		return 1;
	a->raw = raw;
	a->pending = rc != ARCHIVE_EOF;
	a->format = format_of(a->a, raw);
	return 0;
}

static enum arch_err open_in(struct arch **out, const unsigned char *data, size_t len)
{
	struct arch *a = calloc(1, sizeof(*a));
	int rc;

	*out = NULL;
	if (!a)
		return ARCH_NOMEM;
	a->data = data;
	a->len = len;
	a->format = "archive";
	rc = try_open(a, 0);
	/* One compressed file that holds no archive. */
	if (rc > 0 && len >= 3 &&
	    ((data[0] == 0x1F && data[1] == 0x8B) || is_bzip2(data, len) || is_xz(data, len)))
		rc = try_open(a, 1);
	*out = a;
	if (rc < 0)
		return ARCH_NOMEM;
	return rc ? ARCH_CORRUPT : ARCH_OK;
}

const char *arch_format(const struct arch *a)
{
	return a->format;
}

int arch_raw(const struct arch *a)
{
	return a->raw;
}

/* Keeps the member's name as UTF-8: names stored in GBK (zip files made on Chinese Windows)
 * converted. */
static void keep_name(struct arch *a)
{
	const char *n = archive_entry_pathname_utf8(a->entry);
	size_t len, i;

	if (!n)
		n = archive_entry_pathname(a->entry);
	if (!n || !n[0])
		n = "(unnamed)";
	len = strlen(n);
	if (len > ARCH_NAME_MAX)
		len = ARCH_NAME_MAX;
	for (i = 0; i < len;) {
		unsigned cp;
		size_t k = jw_utf8_len((const unsigned char *)n + i, len - i, &cp);

		if (!k)
			break;
		i += k;
	}
	if (i < len) {
		iconv_t cd = iconv_open("UTF-8", "GB18030");

		if (cd != (iconv_t)-1) {
			char *in = (char *)n, *o = a->name;
			size_t inl = len, outl = ARCH_NAME_MAX;

			if (iconv(cd, &in, &inl, &o, &outl) != (size_t)-1 && inl == 0) {
				*o = '\0';
				iconv_close(cd);
				return;
			}
			iconv_close(cd);
		}
	}
	memcpy(a->name, n, len);
	a->name[len] = '\0';
}

static enum arch_err next_in(struct arch *a, const char **name, int *encrypted)
{
	for (;;) {
		int rc = ARCHIVE_OK;

		if (a->pending)
			a->pending = 0;
		else
			rc = archive_read_next_header(a->a, &a->entry);
		if (rc == ARCHIVE_EOF)
			return ARCH_END;
		if (rc == ARCHIVE_FATAL || rc == ARCHIVE_RETRY)
			return ARCH_CORRUPT;
		/* Directories, links, devices pass; a type that is not said is taken as a file. */
		if (!a->raw && archive_entry_filetype(a->entry) != AE_IFREG &&
		    archive_entry_filetype(a->entry) != 0)
			continue;
		keep_name(a);
		*name = a->name;
		*encrypted = archive_entry_is_data_encrypted(a->entry) > 0 ||
		             archive_entry_is_metadata_encrypted(a->entry) > 0;
		return ARCH_OK;
	}
}

static enum arch_err read_in(struct arch *a, struct cbuf *out, uint64_t *left, int (*stop)(void *),
                             void *ctx)
{
	cbuf_reset(out);
	for (;;) {
		size_t room = out->max - out->len, want = ARCH_BLOCK;
		la_ssize_t r;
		char one;

		if (stop && stop(ctx))
			return ARCH_STOPPED;
		if (room == 0 || *left == 0) {
			/* Full: one byte more says whether the member goes on. */
			r = archive_read_data(a->a, &one, 1);
			if (r == 0)
				return ARCH_OK;
			if (r < 0)
				break;
			return *left == 0 ? ARCH_TOTAL : ARCH_TOO_BIG;
		}
		if (want > room)
			want = room;
		if (want > *left)
			want = (size_t)*left;
		if (cbuf_reserve(out, want) != CBUF_OK)
			return ARCH_NOMEM;
		r = archive_read_data(a->a, out->ptr + out->len, want);
		if (r < 0)
			break;
		if (r == 0)
			return ARCH_OK;
		*left -= (uint64_t)r;
		out->len += (size_t)r;
		out->ptr[out->len] = '\0';
	}
	return archive_entry_is_data_encrypted(a->entry) > 0 ? ARCH_ENCRYPTED : ARCH_CORRUPT;
}

enum arch_err arch_open(struct arch **out, const unsigned char *data, size_t len)
{
	locale_t old;
	enum arch_err err;

	*out = NULL;
	if (larch_load() != 0)
		return ARCH_UNAVAILABLE;
	old = enter();
	err = open_in(out, data, len);

	leave(old);
	return err;
}

enum arch_err arch_next(struct arch *a, const char **name, int *encrypted)
{
	locale_t old = enter();
	enum arch_err err = next_in(a, name, encrypted);

	leave(old);
	return err;
}

enum arch_err arch_read(struct arch *a, struct cbuf *out, uint64_t *left, int (*stop)(void *),
                        void *ctx)
{
	locale_t old = enter();
	enum arch_err err = read_in(a, out, left, stop, ctx);

	leave(old);
	return err;
}

const char *arch_why(const struct arch *a)
{
	const char *s = !a ? larch_why() : a->a ? archive_error_string(a->a) : NULL;

	return s ? s : "";
}

void arch_close(struct arch *a)
{
	if (!a)
		return;
	if (a->a)
		archive_read_free(a->a);
	free(a);
}
