/*
 * zipr — a zip reader over a buffer, for OOXML (docx/xlsx/pptx) and ODF.
 *
 * Reads the central directory (ZIP64 included), finds each entry's data
 * through its local header, and inflates it with libdeflate into a capped
 * buffer.  Every offset and size comes from the file and is checked against
 * the buffer before use; an entry larger than the cap is refused, so a zip
 * bomb costs at most the cap.
 */
#ifndef BAOMI_CHECK_ZIPR_H
#define BAOMI_CHECK_ZIPR_H

#include <stddef.h>
#include <stdint.h>

#include "cbuf.h"

enum zipr_err {
	ZIPR_OK = 0,
	ZIPR_END,         /* no more entries */
	ZIPR_NOT_ZIP,     /* no end-of-central-directory record */
	ZIPR_CORRUPT,     /* an offset, size or signature is wrong */
	ZIPR_UNSUPPORTED, /* a compression method other than stored/deflate */
	ZIPR_ENCRYPTED,
	ZIPR_TOO_BIG, /* the entry passes the size cap */
	ZIPR_NOMEM,
};

struct zipr_entry {
	const char *name; /* not NUL-terminated */
	size_t name_len;
	unsigned method;
	unsigned flags;
	uint64_t csize;
	uint64_t usize;
	uint64_t local_off;
};

struct zipr {
	const unsigned char *data;
	size_t len;
	uint64_t cd_off; /* next central-directory record */
	uint64_t cd_end;
	uint64_t left; /* entries still to read */
	struct libdeflate_decompressor *dec;
};

/* dec may be shared across files but not across threads. */
enum zipr_err zipr_open(struct zipr *z, const unsigned char *data, size_t len,
                        struct libdeflate_decompressor *dec);
enum zipr_err zipr_next(struct zipr *z, struct zipr_entry *e);
/*
 * Where the entry's data lie in the zip (as stored: deflated for method 8),
 * after the checks that zipr_extract makes first with out->max as max.
 * Equal data, method and sizes extract to equal bytes.
 */
enum zipr_err zipr_data(const struct zipr *z, const struct zipr_entry *e, size_t max,
                        const unsigned char **data, size_t *len);
/*
 * The entry's uncompressed bytes: a pointer into the zip for stored entries,
 * else into out (reset first), which caps the size.
 */
enum zipr_err zipr_extract(const struct zipr *z, const struct zipr_entry *e, struct cbuf *out,
                           const unsigned char **bytes, size_t *len);
const char *zipr_strerror(enum zipr_err err);

#endif
