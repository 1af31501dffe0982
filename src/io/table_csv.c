/*
 * table_csv — CSV in (UTF-8, GB18030/GBK, UTF-16 with BOM) and out (UTF-8).
 *
 * Reading first settles the encoding of the whole buffer (converting it to
 * UTF-8 once with iconv if needed), then refuses NUL bytes, then walks the
 * records.  Line numbers count physical lines, so a quoted cell spanning
 * three lines moves the next record's line by three, as a text editor shows.
 */
#include "table_int.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* Converts in[0..len) from code to a malloc'd UTF-8 buffer; *bad is the offset of a failure. */
static enum table_err to_utf8(const char *code, const unsigned char *in, size_t len, char **out,
                              size_t *outlen, size_t *bad)
{
	iconv_t cd;
	char *ip = (char *)in, *op, *dst;
	size_t il = len, ol, cap;
	enum table_err rc = TABLE_OK;

	*out = NULL;
	*bad = 0;
	/* GB18030 and UTF-16 never take more than 3 UTF-8 bytes per 2 input bytes. */
	cap = len + len / 2 + 16;
	dst = malloc(cap);
	if (!dst)
		return TABLE_NOMEM;
	cd = iconv_open("UTF-8", code);
	if (cd == (iconv_t)-1) {
		free(dst);
		return TABLE_BAD_ENCODING;
	}
	op = dst;
	ol = cap - 1;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		*bad = (size_t)(ip - (char *)in);
		rc = errno == E2BIG ? TABLE_NOMEM : TABLE_BAD_ENCODING;
	}
	iconv_close(cd);
	if (rc) {
		free(dst);
		return rc;
	}
	*op = '\0';
	*out = dst;
	*outlen = (size_t)(op - dst);
	return TABLE_OK;
}

/* Line of UTF-16 code unit offset off (in bytes), counting LF and lone CR. */
static int utf16_line_at(const unsigned char *s, size_t off, int le)
{
	size_t i;
	int line = 1;

	for (i = 0; i + 1 < off; i += 2) {
		unsigned u =
		    le ? (unsigned)(s[i] | (s[i + 1] << 8)) : (unsigned)(s[i] << 8 | s[i + 1]);
		unsigned nx = 0;

		if (i + 3 < off)
			nx = le ? (unsigned)(s[i + 2] | (s[i + 3] << 8))
			        : (unsigned)(s[i + 2] << 8 | s[i + 3]);
		if (u == '\n' || (u == '\r' && nx != '\n'))
			line++;
	}
	return line;
}

/*
 * Settles the encoding: *text is either buf itself (UTF-8) or *owned, a
 * converted copy to free.
 */
static enum table_err decode(const unsigned char *in, size_t len, const char **text,
                             size_t *textlen, char **owned, struct table_error *err)
{
	size_t bad_utf8, bad_gb;
	enum table_err rc;
	char *conv;
	size_t convlen;

	*owned = NULL;
	if (len >= 2 && ((in[0] == 0xff && in[1] == 0xfe) || (in[0] == 0xfe && in[1] == 0xff))) {
		int le = in[0] == 0xff;

		rc = to_utf8(le ? "UTF-16LE" : "UTF-16BE", in + 2, len - 2, &conv, &convlen,
		             &bad_gb);
		if (rc == TABLE_BAD_ENCODING) {
			int line = utf16_line_at(in + 2, bad_gb, le);

			table_set_error(err, line,
			                "第 %d 行：UTF-16 编码无效 line %d: invalid UTF-16", line,
			                line);
		}
		if (rc)
			return rc;
		*owned = conv;
		*text = conv;
		*textlen = convlen;
		return TABLE_OK;
	}
	if (len >= 3 && in[0] == 0xef && in[1] == 0xbb && in[2] == 0xbf) {
		in += 3;
		len -= 3;
		bad_utf8 = utf8_check(in, len);
		if (bad_utf8 < len) {
			int line = table_line_at(in, bad_utf8);

			table_set_error(
			    err, line,
			    "第 %d 行：文件标明为 UTF-8，但含有无效字节 line %d: the file "
			    "is marked UTF-8 but holds invalid bytes",
			    line, line);
			return TABLE_BAD_ENCODING;
		}
		*text = (const char *)in;
		*textlen = len;
		return TABLE_OK;
	}
	bad_utf8 = utf8_check(in, len);
	if (bad_utf8 == len) {
		*text = (const char *)in;
		*textlen = len;
		return TABLE_OK;
	}
	rc = to_utf8("GB18030", in, len, &conv, &convlen, &bad_gb);
	if (rc == TABLE_BAD_ENCODING) {
		/* The encoding that got further is most likely the file's own. */
		size_t bad = bad_gb > bad_utf8 ? bad_gb : bad_utf8;
		int line = table_line_at(in, bad);

		table_set_error(err, line,
		                "第 %d 行：既不是 UTF-8 也不是 GBK/GB18030 编码 line %d: neither "
		                "UTF-8 nor GBK/GB18030 text",
		                line, line);
	}
	if (rc)
		return rc;
	*owned = conv;
	*text = conv;
	*textlen = convlen;
	/* A GB18030 byte order mark (84 31 95 33) becomes U+FEFF. */
	if (convlen >= 3 && memcmp(conv, "\xef\xbb\xbf", 3) == 0) {
		*text = conv + 3;
		*textlen = convlen - 3;
	}
	return TABLE_OK;
}

struct csv_reader {
	const char *s;
	size_t n;
	size_t pos;
	int line; /* physical line at pos */
	char delim;
	struct buf cell;
	struct table_rowbuf row;
};

static int bump_line(int line)
{
	return line < 0x7fffffff ? line + 1 : line;
}

/* Reads one quoted field; pos is just past the opening quote. */
static enum table_err read_quoted(struct csv_reader *r, int rec_line, int col,
                                  struct table_error *err)
{
	const char *s = r->s;
	size_t start;

	for (;;) {
		start = r->pos;
		while (r->pos < r->n && s[r->pos] != '"' && s[r->pos] != '\r' && s[r->pos] != '\n')
			r->pos++;
		if (buf_append(&r->cell, s + start, r->pos - start))
			goto too_big;
		if (r->pos >= r->n) {
			table_set_error(err, rec_line,
			                "第 %d 行第 %d 列：引号没有闭合 line %d, column %d: quote "
			                "not closed",
			                rec_line, col + 1, rec_line, col + 1);
			return TABLE_BAD_FORMAT;
		}
		if (s[r->pos] == '"') {
			if (r->pos + 1 < r->n && s[r->pos + 1] == '"') {
				if (buf_append(&r->cell, "\"", 1))
					goto too_big;
				r->pos += 2;
				continue;
			}
			r->pos++;
			break;
		}
		/* A line break inside the cell: CRLF and lone CR become LF. */
		if (s[r->pos] == '\r' && r->pos + 1 < r->n && s[r->pos + 1] == '\n')
			r->pos++;
		r->pos++;
		r->line = bump_line(r->line);
		if (buf_append(&r->cell, "\n", 1))
			goto too_big;
	}
	if (r->pos < r->n && s[r->pos] != r->delim && s[r->pos] != '\r' && s[r->pos] != '\n') {
		table_set_error(err, r->line,
		                "第 %d 行第 %d 列：右引号后有多余字符 line %d, column %d: "
		                "characters after the closing quote",
		                r->line, col + 1, r->line, col + 1);
		return TABLE_BAD_FORMAT;
	}
	return TABLE_OK;
too_big:
	table_set_error(err, rec_line,
	                "第 %d 行第 %d 列：单元格超过 %zu 字节 line %d, column %d: cell over %zu "
	                "bytes",
	                rec_line, col + 1, TABLE_MAX_CELL, rec_line, col + 1, TABLE_MAX_CELL);
	return TABLE_TOO_BIG;
}

/* Reads one record starting at pos and hands it to cb. */
static enum table_err read_record(struct csv_reader *r,
                                  int (*cb)(const struct table_row *row, void *arg), void *arg,
                                  struct table_error *err)
{
	const char *s = r->s;
	int rec_line = r->line, col = 0;
	enum table_err rc;

	if (rec_line > TABLE_MAX_ROWS) {
		table_set_error(err, rec_line,
		                "第 %d 行：超过 %d 行上限 line %d: more than %d lines", rec_line,
		                TABLE_MAX_ROWS, rec_line, TABLE_MAX_ROWS);
		return TABLE_TOO_BIG;
	}
	table_rowbuf_reset(&r->row);
	for (;;) {
		const char *c;
		size_t clen;

		buf_reset(&r->cell);
		if (r->pos < r->n && s[r->pos] == '"') {
			r->pos++;
			rc = read_quoted(r, rec_line, col, err);
			if (rc)
				return rc;
		} else {
			size_t start = r->pos;

			while (r->pos < r->n && s[r->pos] != r->delim && s[r->pos] != '\r' &&
			       s[r->pos] != '\n')
				r->pos++;
			if (buf_append(&r->cell, s + start, r->pos - start)) {
				table_set_error(
				    err, rec_line,
				    "第 %d 行第 %d 列：单元格超过 %zu 字节 line %d, column "
				    "%d: cell over %zu bytes",
				    rec_line, col + 1, TABLE_MAX_CELL, rec_line, col + 1,
				    TABLE_MAX_CELL);
				return TABLE_TOO_BIG;
			}
		}
		if (col >= TABLE_MAX_COLS && r->cell.len == 0) {
			/* Empty cells past the cap: spreadsheets export such trails. */
		} else if (col >= TABLE_MAX_COLS) {
			table_set_error(err, rec_line,
			                "第 %d 行：超过 %d 列 line %d: more than %d columns",
			                rec_line, TABLE_MAX_COLS, rec_line, TABLE_MAX_COLS);
			return TABLE_TOO_BIG;
		} else {
			c = r->cell.len ? r->cell.ptr : "";
			clen = r->cell.len;
			/* Undo the writer's guard against formula injection. */
			if (clen >= 2 && c[0] == '\'' && strchr("=+-@\t\r", c[1])) {
				c++;
				clen--;
			}
			rc = table_rowbuf_put(&r->row, col, c, clen);
			if (rc)
				return rc;
		}
		if (col < TABLE_MAX_COLS)
			col++;
		if (r->pos < r->n && s[r->pos] == r->delim) {
			r->pos++;
			continue;
		}
		break;
	}
	if (r->pos < r->n) {
		if (s[r->pos] == '\r' && r->pos + 1 < r->n && s[r->pos + 1] == '\n')
			r->pos++;
		r->pos++;
		r->line = bump_line(r->line);
	}
	return table_rowbuf_emit(&r->row, rec_line, cb, arg);
}

/* Tab separated when the first line has tabs and no comma. */
static char pick_delim(const char *s, size_t n)
{
	size_t i, tabs = 0;

	for (i = 0; i < n && s[i] != '\n' && s[i] != '\r'; i++) {
		if (s[i] == ',')
			return ',';
		if (s[i] == '\t')
			tabs++;
	}
	return tabs ? '\t' : ',';
}

enum table_err table_read_csv(const void *buf, size_t len,
                              int (*cb)(const struct table_row *row, void *arg), void *arg,
                              struct table_error *err)
{
	struct csv_reader *r = NULL;
	const char *text;
	char *owned = NULL;
	const char *nul;
	size_t textlen;
	enum table_err rc;

	if (err) {
		err->line = 0;
		err->message[0] = '\0';
	}
	if (len > TABLE_MAX_INPUT) {
		table_set_error(err, 0, "文件超过 %zu MiB 上限 the file is over %zu MiB",
		                TABLE_MAX_INPUT >> 20, TABLE_MAX_INPUT >> 20);
		return TABLE_TOO_BIG;
	}
	rc = decode(buf, len, &text, &textlen, &owned, err);
	if (rc) {
		if (rc == TABLE_NOMEM)
			table_set_error(err, 0, "内存不足 out of memory");
		return rc;
	}
	nul = memchr(text, '\0', textlen);
	if (nul) {
		int line = table_line_at((const unsigned char *)text, (size_t)(nul - text));

		table_set_error(err, line,
		                "第 %d 行：含有 NUL 字节（可能是二进制文件） line %d: NUL byte (a "
		                "binary file?)",
		                line, line);
		rc = TABLE_BAD_FORMAT;
		goto out;
	}
	r = calloc(1, sizeof(*r));
	if (!r) {
		rc = TABLE_NOMEM;
		goto out;
	}
	r->s = text;
	r->n = textlen;
	r->line = 1;
	r->delim = pick_delim(text, textlen);
	buf_init(&r->cell, TABLE_MAX_CELL);
	table_rowbuf_init(&r->row);
	while (r->pos < r->n) {
		rc = read_record(r, cb, arg, err);
		if (rc)
			break;
	}
	if (rc == TABLE_NOMEM)
		table_set_error(err, r->line, "第 %d 行：内存不足 line %d: out of memory", r->line,
		                r->line);
	else if (rc == TABLE_STOPPED && err && !err->message[0])
		table_set_error(err, r->line, "第 %d 行：已中止 line %d: stopped", r->line,
		                r->line);
	buf_release(&r->cell);
	table_rowbuf_release(&r->row);
out:
	free(r);
	free(owned);
	return rc;
}

static enum table_err app(struct buf *b, const char *s, size_t n)
{
	switch (buf_append(b, s, n)) {
	case BUF_OK:
		return TABLE_OK;
	case BUF_NOMEM:
		return TABLE_NOMEM;
	default:
		return TABLE_TOO_BIG;
	}
}

/* Appends one field, quoted when needed and guarded against formula injection. */
static enum table_err put_field(struct buf *b, const char *s)
{
	size_t n = strlen(s), i, start;
	enum table_err rc;
	int guard, quote;

	if (utf8_check((const unsigned char *)s, n) != n)
		return TABLE_BAD_ENCODING;
	guard = n > 0 && strchr("=+-@\t\r", s[0]);
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote && (rc = app(b, "\"", 1)))
		return rc;
	if (guard && (rc = app(b, "'", 1)))
		return rc;
	for (i = start = 0; i < n; i++) {
		if (s[i] == '"') {
			rc = app(b, s + start, i + 1 - start);
			if (rc)
				return rc;
			start = i; /* the quote goes out twice */
		}
	}
	rc = app(b, s + start, n - start);
	if (!rc && quote)
		rc = app(b, "\"", 1);
	return rc;
}

static enum table_err put_record(struct buf *b, const char *const *cells, int ncols)
{
	enum table_err rc;
	int i;

	for (i = 0; i < ncols; i++) {
		if (i && (rc = app(b, ",", 1)))
			return rc;
		rc = put_field(b, cells[i] ? cells[i] : "");
		if (rc)
			return rc;
	}
	return app(b, "\r\n", 2);
}

enum table_err table_csv_write(const char *const *headers, int ncols,
                               int (*next_row)(void *arg, const char **cells), void *arg,
                               void **out, size_t *outlen)
{
	struct buf b;
	const char **cells = NULL;
	enum table_err rc;
	int more;

	*out = NULL;
	*outlen = 0;
	if (ncols < 1 || ncols > TABLE_MAX_COLS)
		return TABLE_BAD_FORMAT;
	buf_init(&b, (size_t)1 << 31);
	cells = calloc((size_t)ncols, sizeof(*cells));
	if (!cells) {
		rc = TABLE_NOMEM;
		goto out;
	}
	rc = app(&b, "\xef\xbb\xbf", 3);
	if (!rc)
		rc = put_record(&b, headers, ncols);
	while (!rc) {
		memset(cells, 0, (size_t)ncols * sizeof(*cells));
		more = next_row(arg, cells);
		if (more < 0)
			rc = TABLE_STOPPED;
		if (more <= 0)
			break;
		rc = put_record(&b, cells, ncols);
	}
	if (!rc)
		*out = buf_detach(&b, outlen);
out:
	free(cells);
	buf_release(&b);
	return rc;
}
