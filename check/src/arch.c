#include "arch.h"

#include <iconv.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "jw.h"
#include "larch.h"

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
	const char *s = a && a->a ? archive_error_string(a->a) : NULL;

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
