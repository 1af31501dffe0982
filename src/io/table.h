/*
 * table — rows of text cells in and out of CSV and XLSX files.
 *
 * The ledger import and export sit on top of this layer; it knows nothing of
 * their columns.  Readers take a whole file in memory (an upload body), check
 * its encoding and structure, and hand each row to a callback as UTF-8 cells.
 * Writers pull rows from a callback and return the whole file as one malloc'd
 * buffer, ready to be sent as an HTTP download.
 *
 * Everything read is capped (TABLE_MAX_*): an oversized or hostile file ends
 * with TABLE_TOO_BIG or TABLE_BAD_FORMAT and a message naming the line, never
 * with unbounded memory.  On failure struct table_error holds the 1-based line
 * the user sees (0 when the failure concerns the whole file) and a message in
 * Chinese then English, always valid UTF-8.
 */
#ifndef BAOMI_IO_TABLE_H
#define BAOMI_IO_TABLE_H

#include <stddef.h>

#define TABLE_MAX_INPUT ((size_t)64 << 20) /* CSV file; XLSX parts other than the sheet */
#define TABLE_MAX_SHEET ((unsigned long long)1 << 30) /* XLSX worksheet XML, streamed */
#define TABLE_MAX_ROWS 1000000                        /* highest line / row number delivered */
#define TABLE_MAX_COLS 256
#define TABLE_MAX_CELL ((size_t)32 << 10) /* bytes of UTF-8 per cell */

enum table_err {
	TABLE_OK = 0,
	TABLE_BAD_ENCODING, /* neither UTF-8, GB18030/GBK nor UTF-16 with a BOM */
	TABLE_BAD_FORMAT,   /* broken quoting, not a workbook, NUL byte, bad XML ... */
	TABLE_TOO_BIG,      /* a TABLE_MAX_* cap was passed */
	TABLE_NOMEM,
	TABLE_STOPPED, /* the row callback returned non-zero (read) or < 0 (write) */
};

struct table_error {
	int line; /* 1-based line / row number the user sees; 0 for the whole file */
	char message[256];
};

/*
 * One row.  line is the CSV physical line on which the record starts, or the
 * XLSX row number (the r attribute).  cells[i] is NUL-terminated UTF-8 of
 * lens[i] bytes, never NULL; column positions are kept (an empty cell between
 * two filled ones is ""), trailing empty cells are dropped, and a row whose
 * cells are all empty is not delivered.  The arrays live until the callback
 * returns.
 */
struct table_row {
	int line;
	int ncells;
	const char **cells;
	const size_t *lens;
};

/*
 * CSV (RFC 4180: comma separated, "quoted" fields with "" for a quote and
 * embedded commas and line breaks, CRLF or LF, last line break optional).
 * A first line with tabs and no comma makes the file tab separated (Excel's
 * "Unicode text").  Encodings: UTF-8 with or without BOM; if the bytes are not
 * UTF-8, GB18030 (a superset of GBK and GB2312); UTF-16LE/BE with a BOM.  A
 * cell the CSV writer protected against formula injection ('= '+ '- '@) gets
 * its apostrophe back off, so an export imports unchanged.
 * cb returning non-zero stops the read with TABLE_STOPPED.
 */
enum table_err table_read_csv(const void *buf, size_t len,
                              int (*cb)(const struct table_row *row, void *arg), void *arg,
                              struct table_error *err);

/*
 * XLSX: the first worksheet of the workbook, shared and inline strings (rich
 * text runs joined), numbers (at most 15 significant digits, as Excel shows
 * them), booleans as TRUE/FALSE, error values as their text, and numbers in a
 * date-formatted cell as "YYYY-MM-DD" ("YYYY-MM-DD HH:MM:SS" or "HH:MM:SS"
 * for formats with a time).  Formulas give their cached value.  The sheet
 * XML streams from the inflater into the parser (up to TABLE_MAX_SHEET bytes,
 * a million rows); shared strings, styles and the workbook parts are
 * inflated whole, each up to TABLE_MAX_INPUT.  Old .xls, encrypted and .ods
 * files are refused with a message saying to save as .xlsx or CSV.
 */
enum table_err table_read_xlsx(const void *buf, size_t len,
                               int (*cb)(const struct table_row *row, void *arg), void *arg,
                               struct table_error *err);

/*
 * As table_read_xlsx, but the worksheet whose name is sheet (compared byte
 * for byte); NULL is the first.  A workbook without such a sheet is
 * TABLE_BAD_FORMAT.
 */
enum table_err table_read_xlsx_sheet(const void *buf, size_t len, const char *sheet,
                                     int (*cb)(const struct table_row *row, void *arg), void *arg,
                                     struct table_error *err);

/* A zip file goes to table_read_xlsx, anything else to table_read_csv. */
enum table_err table_read_auto(const void *buf, size_t len,
                               int (*cb)(const struct table_row *row, void *arg), void *arg,
                               struct table_error *err);

/*
 * Writers.  next_row fills cells[0..ncols-1] (NULL means an empty cell) and
 * returns 1, or returns 0 after the last row, or < 0 to abort (the writer then
 * returns TABLE_STOPPED).  Cells must be valid UTF-8 (TABLE_BAD_ENCODING if
 * not).  On TABLE_OK *out is a malloc'd buffer of *outlen bytes for the caller
 * to free(); on failure *out is NULL.
 *
 * table_xlsx_write: one sheet; a bold, shaded header row that stays frozen,
 * an autofilter over all columns, widths fitted to the text (a Chinese
 * character counts double), and every cell written as text so that numbers
 * such as 份号 "007" keep their leading zeros.  The file is built in a
 * temporary file under $TMPDIR (or /tmp) that is removed before returning.
 * At most 1,048,575 data rows and 32,767 characters per cell (Excel's limits:
 * TABLE_TOO_BIG).
 */
enum table_err table_xlsx_write(const char *sheet_name, const char *const *headers, int ncols,
                                int (*next_row)(void *arg, const char **cells), void *arg,
                                void **out, size_t *outlen);

/*
 * A workbook of several sheets, for reports: table_book_new starts one in a
 * private temporary file, each table_book_add_* appends a sheet, and
 * table_book_finish hands back the file (as table_xlsx_write does) and frees
 * the book; table_book_free drops an unfinished one.  After a failed add the
 * book only fails: finish returns the first error.  Sheet names must be valid
 * and unique (table_sheet_name makes them so; TABLE_BAD_FORMAT if not).
 */
struct table_book;

enum table_err table_book_new(struct table_book **book);

/* A sheet of text cells as table_xlsx_write writes it. */
enum table_err table_book_add_table(struct table_book *book, const char *sheet_name,
                                    const char *const *headers, int ncols,
                                    int (*next_row)(void *arg, const char **cells), void *arg);

enum table_line_style {
	TABLE_LINE_TEXT,    /* wrapped */
	TABLE_LINE_HEADING, /* bold */
	TABLE_LINE_TITLE,   /* bold, larger */
};

struct table_line {
	const char *text; /* valid UTF-8; NULL is an empty line */
	enum table_line_style style;
};

/*
 * A sheet of text lines down one wide column (a cover sheet: title, notes),
 * one line a row.  No header row, no filter.
 */
enum table_err table_book_add_lines(struct table_book *book, const char *sheet_name,
                                    const struct table_line *lines, size_t nlines);

enum table_err table_book_finish(struct table_book *book, void **out, size_t *outlen);
void table_book_free(struct table_book *book);

/* 31 characters of up to 4 bytes, and the NUL */
#define TABLE_SHEET_NAME_SIZE 128

/*
 * Makes out a sheet name Excel accepts from any text name (NULL, bad UTF-8
 * and control characters allowed): each of [ ] : * ? / \ and each control
 * character or invalid byte becomes '_', spaces and apostrophes at either
 * end are dropped, and the name is cut to 31 characters (UTF-16 units, as
 * Excel counts).  An empty result becomes fallback (treated the same way;
 * NULL is "Sheet").  The name is then made unique among taken[0..ntaken)
 * and the reserved "History" (ASCII case folded, as Excel compares) by
 * appending " (2)", " (3)" ... within the 31 characters.
 */
void table_sheet_name(const char *name, const char *fallback, const char *const *taken,
                      size_t ntaken, char out[TABLE_SHEET_NAME_SIZE]);

/*
 * table_csv_write: UTF-8 with a BOM (so Excel opens it as UTF-8), CRLF line
 * ends, fields quoted when they hold a comma, quote or line break, and a
 * leading apostrophe on cells that begin with = + - @ TAB or CR so that a
 * spreadsheet does not run them as formulas.
 */
enum table_err table_csv_write(const char *const *headers, int ncols,
                               int (*next_row)(void *arg, const char **cells), void *arg,
                               void **out, size_t *outlen);

/* A bilingual description of err, for logs. */
const char *table_strerror(enum table_err err);

#endif
