/*
 * table_int — helpers shared by the table readers and writers; not part of
 * the io layer's interface (include table.h for that).
 */
#ifndef BAOMI_IO_TABLE_INT_H
#define BAOMI_IO_TABLE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "table.h"

/*
 * Fills err (if not NULL) with line and a printf-formatted message, cut at a
 * UTF-8 character boundary when it does not fit.
 */
void table_set_error(struct table_error *err, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* 1-based line of byte offset off: LF, CRLF and a lone CR each end a line. */
int table_line_at(const unsigned char *s, size_t off);

/* Writes the spreadsheet column name of 0-based col ("A", "AB" ...) into out[8]. */
void table_col_name(int col, char out[8]);

/*
 * One row being assembled: cells are put in increasing column order, gaps are
 * filled with "", then the row goes to the callback.
 */
struct table_rowbuf {
	struct buf text; /* the cells' bytes, each followed by a NUL */
	size_t off[TABLE_MAX_COLS];
	size_t len[TABLE_MAX_COLS];
	const char *cells[TABLE_MAX_COLS];
	int ncells; /* columns put so far */
	int last;   /* highest column holding a non-empty cell, -1 if none */
};

void table_rowbuf_init(struct table_rowbuf *rb);
void table_rowbuf_release(struct table_rowbuf *rb);
void table_rowbuf_reset(struct table_rowbuf *rb);
/* col must be >= rb->ncells and < TABLE_MAX_COLS; n <= TABLE_MAX_CELL. */
enum table_err table_rowbuf_put(struct table_rowbuf *rb, int col, const char *s, size_t n);
/* TABLE_OK (also when the row is empty and skipped) or TABLE_STOPPED. */
enum table_err table_rowbuf_emit(struct table_rowbuf *rb, int line,
                                 int (*cb)(const struct table_row *row, void *arg), void *arg);

/* A zip archive in memory (the central directory is read on each lookup). */
struct table_zip {
	const unsigned char *data;
	size_t len;
	uint64_t cd_off;
	uint64_t cd_end;
	uint64_t count;
};

enum table_err table_zip_open(struct table_zip *z, const void *buf, size_t len,
                              struct table_error *err);
/*
 * Inflates the entry named name (compared without regard to ASCII case) in
 * chunks handed to sink; last is 1 on a final call with n == 0.  A missing
 * entry is TABLE_OK with *found 0.  An entry declaring more than max bytes
 * is TABLE_TOO_BIG; sink returning non-zero stops with TABLE_STOPPED.
 */
enum table_err table_zip_stream(const struct table_zip *z, const char *name, uint64_t max,
                                int (*sink)(void *ud, const char *p, size_t n, int last), void *ud,
                                int *found, struct table_error *err);
/*
 * Inflates the entry named name (compared without regard to ASCII case, as
 * OPC part names are) into a malloc'd buffer with a NUL after its *outlen
 * bytes.  A missing entry is TABLE_OK with *out NULL.  Entries over
 * TABLE_MAX_INPUT are TABLE_TOO_BIG.
 */
enum table_err table_zip_read(const struct table_zip *z, const char *name, char **out,
                              size_t *outlen, struct table_error *err);

#endif
