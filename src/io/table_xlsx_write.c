/*
 * table_xlsx_write — sheets of text cells as an XLSX file in memory.
 *
 * libxlsxwriter (1.1.4 in Debian 12, which has no memory output) writes to a
 * path, so the workbook goes to a private temporary file (mkstemp, mode
 * 0600) that is read back and removed.  Rows stream through constant_memory
 * mode: a million-row ledger costs one row of memory, not a million (each
 * sheet keeps a temporary file of its own open until the book is closed).
 *
 * table_xlsx_write is a book of one table sheet; reports add several sheets
 * and a cover sheet of lines through table_book_*.
 */
#include "table_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#define MAX_DATA_ROWS 1048575 /* Excel's 1,048,576 rows less the header */
#define MIN_WIDTH 8
#define MAX_WIDTH 60
#define LINES_WIDTH 100   /* the one column of a lines sheet */
#define SHEET_NAME_MAX 31 /* UTF-16 units */

/* Columns a code point takes on screen: CJK and full-width forms take two. */
static int cp_width(uint32_t cp)
{
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000)
		return 2;
	return 1;
}

/* Width of the longest line of valid UTF-8 s, capped at MAX_WIDTH. */
static int text_width(const unsigned char *s)
{
	int w = 0, best = 0;

	while (*s && best < MAX_WIDTH) {
		uint32_t cp = *s;
		int n = cp < 0x80 ? 1 : cp < 0xe0 ? 2 : cp < 0xf0 ? 3 : 4;

		if (n > 1) {
			cp &= 0x3f >> (n - 1);
			for (int k = 1; k < n; k++)
				cp = (cp << 6) | (s[k] & 0x3f);
		}
		s += n;
		if (cp == '\n') {
			w = 0;
			continue;
		}
		w += cp_width(cp);
		if (w > best)
			best = w;
	}
	return best;
}

/*
 * XML 1.0 cannot carry most control characters; Excel writes them as
 * _xHHHH_, and a literal "_x" that looks like such an escape gets its
 * underscore escaped (_x005F_).  table_read_xlsx undoes both.
 */
static int needs_escape(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c == '_' && s[1] == 'x'))
			return 1;
	}
	return 0;
}

static int is_x_escape(const char *s)
{
	for (int k = 2; k < 6; k++)
		if (!strchr("0123456789abcdefABCDEF", s[k]) || !s[k])
			return 0;
	return s[0] == '_' && (s[1] == 'x' || s[1] == 'X') && s[6] == '_';
}

static enum table_err escape(struct buf *b, const char *s)
{
	buf_reset(b);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		enum buf_err e;

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			e = buf_printf(b, "_x%04X_", c);
		else if (c == '_' && strlen(s) >= 7 && is_x_escape(s))
			e = buf_puts(b, "_x005F_");
		else
			e = buf_append(b, s, 1);
		if (e)
			return e == BUF_NOMEM ? TABLE_NOMEM : TABLE_TOO_BIG;
	}
	return TABLE_OK;
}

static enum table_err lxw_rc(lxw_error e)
{
	switch (e) {
	case LXW_NO_ERROR:
		return TABLE_OK;
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return TABLE_NOMEM;
	case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
	case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
		return TABLE_TOO_BIG;
	default:
		return TABLE_BAD_FORMAT;
	}
}

/* Writes one cell after checking its encoding; updates the column's width. */
static enum table_err put_cell(lxw_worksheet *ws, lxw_row_t row, int col, const char *s,
                               lxw_format *fmt, struct buf *scratch, int *width)
{
	size_t n = strlen(s);
	enum table_err rc;
	int w;

	if (utf8_check((const unsigned char *)s, n) != n)
		return TABLE_BAD_ENCODING;
	if (n == 0)
		return TABLE_OK;
	w = text_width((const unsigned char *)s);
	if (w > *width)
		*width = w;
	if (needs_escape(s)) {
		rc = escape(scratch, s);
		if (rc)
			return rc;
		s = scratch->ptr;
	}
	return lxw_rc(worksheet_write_string(ws, row, (lxw_col_t)col, s, fmt));
}

static enum table_err slurp(const char *path, void **out, size_t *outlen)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	char *p = NULL;
	enum table_err rc = TABLE_OK;

	if (!f)
		return TABLE_NOMEM;
	if (fstat(fileno(f), &sb) || sb.st_size <= 0) {
		rc = TABLE_BAD_FORMAT;
		goto out;
	}
	p = malloc((size_t)sb.st_size);
	if (!p) {
		rc = TABLE_NOMEM;
		goto out;
	}
	if (fread(p, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		rc = TABLE_BAD_FORMAT;
		goto out;
	}
	*out = p;
	*outlen = (size_t)sb.st_size;
	p = NULL;
out:
	free(p);
	fclose(f);
	return rc;
}

/* ---- the book ---- */

struct table_book {
	char path[4096];
	char tmpdir[4096];
	lxw_workbook *wb;
	lxw_format *head, *text, *wrap, *heading, *title;
	struct buf scratch;
	enum table_err rc; /* the first failure; the book is unusable after one */
};

void table_book_free(struct table_book *b)
{
	if (!b)
		return;
	if (b->wb)
		workbook_close(b->wb);
	if (b->path[0])
		unlink(b->path);
	buf_release(&b->scratch);
	free(b);
}

enum table_err table_book_new(struct table_book **book)
{
	const char *tmpdir = getenv("TMPDIR");
	lxw_workbook_options opt = {0};
	struct table_book *b;
	int fd;

	*book = NULL;
	b = calloc(1, sizeof(*b));
	if (!b)
		return TABLE_NOMEM;
	buf_init(&b->scratch, TABLE_MAX_CELL * 8);
	if (!tmpdir || !*tmpdir || strlen(tmpdir) > sizeof(b->path) - 32)
		tmpdir = "/tmp";
	strcpy(b->tmpdir, tmpdir);
	snprintf(b->path, sizeof(b->path), "%s/baomi-xlsx-XXXXXX", tmpdir);
	fd = mkstemp(b->path);
	if (fd < 0) {
		b->path[0] = '\0';
		table_book_free(b);
		return TABLE_NOMEM;
	}
	close(fd);
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = b->tmpdir;
	b->wb = workbook_new_opt(b->path, &opt);
	if (b->wb) {
		b->head = workbook_add_format(b->wb);
		b->text = workbook_add_format(b->wb);
		b->wrap = workbook_add_format(b->wb);
		b->heading = workbook_add_format(b->wb);
		b->title = workbook_add_format(b->wb);
	}
	if (!b->wb || !b->head || !b->text || !b->wrap || !b->heading || !b->title) {
		table_book_free(b);
		return TABLE_NOMEM;
	}
	format_set_bold(b->head);
	format_set_pattern(b->head, LXW_PATTERN_SOLID);
	format_set_bg_color(b->head, 0xDDEBF7);
	format_set_border(b->head, LXW_BORDER_THIN);
	format_set_align(b->head, LXW_ALIGN_CENTER);
	format_set_align(b->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_num_format(b->text, "@");
	format_set_num_format(b->wrap, "@");
	format_set_text_wrap(b->wrap);
	format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(b->heading, "@");
	format_set_bold(b->heading);
	format_set_font_size(b->heading, 12);
	format_set_num_format(b->title, "@");
	format_set_bold(b->title);
	format_set_font_size(b->title, 16);
	*book = b;
	return TABLE_OK;
}

/* A new sheet named name, or NULL with b->rc set. */
static lxw_worksheet *add_sheet(struct table_book *b, const char *name)
{
	lxw_worksheet *ws;

	if (!name || workbook_validate_sheet_name(b->wb, name) != LXW_NO_ERROR) {
		b->rc = TABLE_BAD_FORMAT;
		return NULL;
	}
	ws = workbook_add_worksheet(b->wb, name);
	if (!ws)
		b->rc = TABLE_NOMEM;
	return ws;
}

enum table_err table_book_add_table(struct table_book *b, const char *sheet_name,
                                    const char *const *headers, int ncols,
                                    int (*next_row)(void *arg, const char **cells), void *arg)
{
	lxw_worksheet *ws;
	const char **cells = NULL;
	int *width = NULL;
	lxw_row_t row = 0;
	enum table_err rc;
	int i, more;

	if (b->rc)
		return b->rc;
	if (ncols < 1 || ncols > TABLE_MAX_COLS)
		return b->rc = TABLE_BAD_FORMAT;
	ws = add_sheet(b, sheet_name);
	if (!ws)
		return b->rc;
	cells = calloc((size_t)ncols, sizeof(*cells));
	width = calloc((size_t)ncols, sizeof(*width));
	if (!cells || !width) {
		rc = TABLE_NOMEM;
		goto out;
	}
	/* constant_memory flushes rows as they go: row options come first */
	rc = lxw_rc(worksheet_set_row(ws, 0, 20, b->head));
	for (i = 0; i < ncols && !rc; i++)
		rc = put_cell(ws, 0, i, headers[i] ? headers[i] : "", b->head, &b->scratch,
		              &width[i]);
	while (!rc) {
		memset(cells, 0, (size_t)ncols * sizeof(*cells));
		more = next_row(arg, cells);
		if (more < 0)
			rc = TABLE_STOPPED;
		if (more <= 0)
			break;
		if (row >= MAX_DATA_ROWS) {
			rc = TABLE_TOO_BIG;
			break;
		}
		row++;
		for (i = 0; i < ncols && !rc; i++)
			rc = put_cell(ws, row, i, cells[i] ? cells[i] : "",
			              cells[i] && strchr(cells[i], '\n') ? b->wrap : b->text,
			              &b->scratch, &width[i]);
	}
	for (i = 0; i < ncols && !rc; i++) {
		int w = width[i] + 2;

		w = w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : w;
		rc = lxw_rc(worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w, b->text));
	}
	if (!rc)
		worksheet_freeze_panes(ws, 1, 0);
	if (!rc)
		rc = lxw_rc(worksheet_autofilter(ws, 0, 0, row, (lxw_col_t)(ncols - 1)));
out:
	free(cells);
	free(width);
	return b->rc = rc;
}

enum table_err table_book_add_lines(struct table_book *b, const char *sheet_name,
                                    const struct table_line *lines, size_t nlines)
{
	lxw_worksheet *ws;
	enum table_err rc = TABLE_OK;
	int width = 0;

	if (b->rc)
		return b->rc;
	if (nlines > MAX_DATA_ROWS + 1)
		return b->rc = TABLE_TOO_BIG;
	ws = add_sheet(b, sheet_name);
	if (!ws)
		return b->rc;
	rc = lxw_rc(worksheet_set_column(ws, 0, 0, LINES_WIDTH, b->wrap));
	for (size_t i = 0; i < nlines && !rc; i++) {
		lxw_format *f = lines[i].style == TABLE_LINE_TITLE     ? b->title
		                : lines[i].style == TABLE_LINE_HEADING ? b->heading
		                                                       : b->wrap;

		rc = put_cell(ws, (lxw_row_t)i, 0, lines[i].text ? lines[i].text : "", f,
		              &b->scratch, &width);
	}
	return b->rc = rc;
}

enum table_err table_book_finish(struct table_book *b, void **out, size_t *outlen)
{
	enum table_err rc = b->rc;
	lxw_error ce = workbook_close(b->wb);

	*out = NULL;
	*outlen = 0;
	b->wb = NULL;
	if (!rc && ce)
		rc = lxw_rc(ce);
	if (!rc)
		rc = slurp(b->path, out, outlen);
	table_book_free(b);
	return rc;
}

enum table_err table_xlsx_write(const char *sheet_name, const char *const *headers, int ncols,
                                int (*next_row)(void *arg, const char **cells), void *arg,
                                void **out, size_t *outlen)
{
	struct table_book *b;
	enum table_err rc;

	*out = NULL;
	*outlen = 0;
	if (ncols < 1 || ncols > TABLE_MAX_COLS)
		return TABLE_BAD_FORMAT;
	rc = table_book_new(&b);
	if (rc)
		return rc;
	rc = table_book_add_table(b, sheet_name, headers, ncols, next_row, arg);
	if (rc) {
		table_book_free(b);
		return rc;
	}
	return table_book_finish(b, out, outlen);
}

/* ---- sheet names ---- */

/* Length of the valid UTF-8 sequence at s (0 if none) and its code point. */
static size_t utf8_next(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] < 0x80 ? 1 : u[0] < 0xe0 ? 2 : u[0] < 0xf0 ? 3 : 4;
	size_t len = strnlen(s, n);

	if (len < n || utf8_check(u, n) != n)
		return 0;
	*cp = n == 1 ? u[0] : u[0] & (0x7f >> n);
	for (size_t k = 1; k < n; k++)
		*cp = (*cp << 6) | (u[k] & 0x3f);
	return n;
}

/*
 * Cleans name into out: at most max UTF-16 units, forbidden characters and
 * bad bytes as '_', no spaces or apostrophes at either end.  Returns the
 * length in bytes.
 */
static size_t sheet_clean(const char *name, char out[TABLE_SHEET_NAME_SIZE], int max)
{
	size_t len = 0;
	int units = 0;

	while (name && *name) {
		uint32_t cp = 0;
		size_t n = utf8_next(name, &cp);
		char c = 0;
		int u;

		if (n == 0) {
			c = '_';
			n = 1;
		} else if (cp < 0x20 || cp == 0x7f || (cp < 0x80 && strchr("[]:*?/\\", (int)cp))) {
			c = '_';
		}
		if (len == 0 && !c && (cp == ' ' || cp == '\'')) {
			name += n;
			continue;
		}
		u = !c && cp >= 0x10000 ? 2 : 1;
		if (units + u > max)
			break;
		if (c) {
			out[len++] = c;
		} else {
			memcpy(out + len, name, n);
			len += n;
		}
		units += u;
		name += n;
	}
	while (len > 0 && (out[len - 1] == ' ' || out[len - 1] == '\''))
		len--;
	out[len] = '\0';
	return len;
}

/* Equal but for the case of ASCII letters (no locale: UTF-8 bytes stay as they are). */
static int ascii_case_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return *a == *b;
}

static int name_taken(const char *s, const char *const *taken, size_t ntaken)
{
	if (ascii_case_equal(s, "History"))
		return 1;
	for (size_t i = 0; i < ntaken; i++)
		if (taken[i] && ascii_case_equal(s, taken[i]))
			return 1;
	return 0;
}

void table_sheet_name(const char *name, const char *fallback, const char *const *taken,
                      size_t ntaken, char out[TABLE_SHEET_NAME_SIZE])
{
	char base[TABLE_SHEET_NAME_SIZE];

	if (!sheet_clean(name, base, SHEET_NAME_MAX) &&
	    !sheet_clean(fallback, base, SHEET_NAME_MAX))
		strcpy(base, "Sheet");
	strcpy(out, base);
	/* at most ntaken + 1 tries: each clash is with another name */
	for (unsigned k = 2; name_taken(out, taken, ntaken); k++) {
		char suffix[16];
		int n = snprintf(suffix, sizeof(suffix), " (%u)", k);

		sheet_clean(base, out, SHEET_NAME_MAX - n);
		strcat(out, suffix);
	}
}
