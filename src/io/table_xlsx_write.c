/*
 * table_xlsx_write — one sheet of text cells as an XLSX file in memory.
 *
 * libxlsxwriter writes to a path, so the workbook goes to a private
 * temporary file (mkstemp, mode 0600) that is read back and removed.  Rows
 * stream through constant_memory mode: a million-row ledger costs one row of
 * memory, not a million.
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

enum table_err table_xlsx_write(const char *sheet_name, const char *const *headers, int ncols,
                                int (*next_row)(void *arg, const char **cells), void *arg,
                                void **out, size_t *outlen)
{
	const char *tmpdir = getenv("TMPDIR");
	char path[4096];
	lxw_workbook_options opt = {0};
	lxw_workbook *wb = NULL;
	lxw_worksheet *ws;
	lxw_format *head, *text, *wrap;
	const char **cells = NULL;
	int *width = NULL;
	struct buf scratch;
	lxw_row_t row = 0;
	enum table_err rc = TABLE_OK;
	int fd, i, more, have_file = 0;

	*out = NULL;
	*outlen = 0;
	buf_init(&scratch, TABLE_MAX_CELL * 8);
	if (ncols < 1 || ncols > TABLE_MAX_COLS)
		return TABLE_BAD_FORMAT;
	if (!tmpdir || !*tmpdir || strlen(tmpdir) > sizeof(path) - 32)
		tmpdir = "/tmp";
	snprintf(path, sizeof(path), "%s/baomi-xlsx-XXXXXX", tmpdir);
	fd = mkstemp(path);
	if (fd < 0)
		return TABLE_NOMEM;
	close(fd);
	have_file = 1;

	cells = calloc((size_t)ncols, sizeof(*cells));
	width = calloc((size_t)ncols, sizeof(*width));
	if (!cells || !width) {
		rc = TABLE_NOMEM;
		goto out;
	}
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = (char *)tmpdir;
	wb = workbook_new_opt(path, &opt);
	if (!wb) {
		rc = TABLE_NOMEM;
		goto out;
	}
	if (!sheet_name || workbook_validate_sheet_name(wb, sheet_name) != LXW_NO_ERROR) {
		rc = TABLE_BAD_FORMAT;
		goto out;
	}
	ws = workbook_add_worksheet(wb, sheet_name);
	head = workbook_add_format(wb);
	text = workbook_add_format(wb);
	wrap = workbook_add_format(wb);
	if (!ws || !head || !text || !wrap) {
		rc = TABLE_NOMEM;
		goto out;
	}
	format_set_bold(head);
	format_set_pattern(head, LXW_PATTERN_SOLID);
	format_set_bg_color(head, 0xDDEBF7);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_num_format(text, "@");
	format_set_num_format(wrap, "@");
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	/* constant_memory flushes rows as they go: row options come first */
	rc = lxw_rc(worksheet_set_row(ws, 0, 20, head));

	for (i = 0; i < ncols && !rc; i++)
		rc = put_cell(ws, 0, i, headers[i] ? headers[i] : "", head, &scratch, &width[i]);
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
			              cells[i] && strchr(cells[i], '\n') ? wrap : text, &scratch,
			              &width[i]);
	}
	if (rc)
		goto out;
	for (i = 0; i < ncols && !rc; i++) {
		int w = width[i] + 2;

		w = w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : w;
		rc = lxw_rc(worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w, text));
	}
	if (!rc)
		worksheet_freeze_panes(ws, 1, 0);
	if (!rc)
		rc = lxw_rc(worksheet_autofilter(ws, 0, 0, row, (lxw_col_t)(ncols - 1)));
out:
	if (wb) {
		lxw_error ce = workbook_close(wb);

		if (!rc && ce)
			rc = lxw_rc(ce);
	}
	if (!rc)
		rc = slurp(path, out, outlen);
	if (have_file)
		unlink(path);
	free(cells);
	free(width);
	buf_release(&scratch);
	return rc;
}
