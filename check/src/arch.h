/*
 * arch — archives read through libarchive: zip, tar (plain or compressed
 * with gzip, bzip2 or xz), 7z and rar (4 and 5), read-only, from memory.
 *
 * The reader walks the members of one archive one after another; a
 * member's data is read into a capped buffer (cbuf), so a member larger
 * than the buffer's cap is refused, not held.  Every byte taken out of an
 * archive counts against a total the caller gives (the archive-bomb cap),
 * and a stop callback is asked between blocks (the per-file deadline).
 * A bzip2 or xz file that holds no archive is read as one member of the
 * "raw" kind (arch_raw).  Encryption is reported, never tried: libarchive's
 * own flags, and the RAR headers that are encrypted whole (which libarchive
 * cannot open at all) are recognised here.
 */
#ifndef BAOMI_CHECK_ARCH_H
#define BAOMI_CHECK_ARCH_H

#include <stddef.h>
#include <stdint.h>

#include "cbuf.h"

enum arch_err {
	ARCH_OK = 0,
	ARCH_END,       /* no more members */
	ARCH_CORRUPT,   /* libarchive refused the archive or a member (arch_why says why) */
	ARCH_ENCRYPTED, /* the member (or the whole archive) needs a password */
	ARCH_TOO_BIG,   /* the member does not fit in the buffer's cap */
	ARCH_TOTAL,     /* the archive gave more than the total allowed */
	ARCH_STOPPED,   /* the stop callback said so */
	ARCH_NOMEM,
	ARCH_UNAVAILABLE, /* libarchive could not be loaded (larch.h) */
};

struct arch;

/* Whether the first bytes are tar (ustar magic), rar, bzip2 or xz. */
int arch_sniff(const unsigned char *b, size_t n);
/* Whether gzip data holds a tar archive (its first 512 inflated bytes are a ustar header). */
int arch_gzip_tar(const unsigned char *b, size_t n);
/*
 * Whether a RAR archive is encrypted: its headers (RAR4 MHD_PASSWORD, a RAR5
 * archive encryption header), which libarchive cannot open, or a RAR5 file
 * (its encryption record), whose ciphertext libarchive would give as data.
 */
int arch_rar_encrypted(const unsigned char *b, size_t n);

/*
 * The memory a decoder of the archive needs before its first byte comes
 * out, as the archive's own headers state it: the largest of an xz
 * block's LZMA2 dictionary, a 7z folder's LZMA/LZMA2 dictionaries and
 * PPMd model memory, a RAR5 or RAR4 file's dictionary (RAR4 PPMd model
 * memory from a file's first data bytes), a zip member's LZMA, xz or PPMd
 * header.  0 when nothing is stated (stored, deflate, bzip2, tar).  Nothing
 * of the members is decoded.  A 7z header that is itself encoded (7-Zip's
 * default) is a need of its own (its LZMA dictionary and its size); when
 * that fits in limit it is decoded here (with liblzma, when built with it)
 * to see the folders' coders; else hidden is set: the folders were not seen.
 */
struct arch_need {
	uint64_t bytes;
	const char *what;   /* what states it ("xz LZMA2 字典 dictionary") */
	const char *format; /* xz, 7z, rar, zip; NULL for others */
	int hidden;
};

void arch_need(const unsigned char *b, size_t n, uint64_t limit, struct arch_need *need);

/* Opens an archive in memory (data must outlive it); ARCH_CORRUPT when it is none. */
enum arch_err arch_open(struct arch **out, const unsigned char *data, size_t len);
/* The kind: zip, tar, tar.gz, tar.bz2, tar.xz, 7z, rar; "gzip", "bzip2", "xz" when raw. */
const char *arch_format(const struct arch *a);
/* Whether the archive is one compressed file, not an archive (its one member has no name). */
int arch_raw(const struct arch *a);
/*
 * The next member that is a regular file: its name (valid until the next
 * call) and whether its data is encrypted.  Directories and links are passed.
 */
enum arch_err arch_next(struct arch *a, const char **name, int *encrypted);
/*
 * Reads the current member into out (reset first, up to out->max bytes);
 * *left is the total that may still be taken and is decreased.
 */
enum arch_err arch_read(struct arch *a, struct cbuf *out, uint64_t *left, int (*stop)(void *),
                        void *ctx);
/* libarchive's message for the last error; with a NULL, why libarchive could not be loaded (never
 * NULL). */
const char *arch_why(const struct arch *a);
const char *arch_strerror(enum arch_err err);
void arch_close(struct arch *a);

#endif
