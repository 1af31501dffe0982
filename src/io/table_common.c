/*
 * table_common — errors, UTF-8 checks, row assembly and the choice of reader.
 */
#include "table_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *table_strerror(enum table_err err)
{
	switch (err) {
	case TABLE_OK:
		return "成功 ok";
	case TABLE_BAD_ENCODING:
		return "无法识别的文字编码 unrecognised text encoding";
	case TABLE_BAD_FORMAT:
		return "文件格式错误 malformed file";
	case TABLE_TOO_BIG:
		return "文件超过大小上限 file over a size limit";
	case TABLE_NOMEM:
		return "内存不足 out of memory";
	case TABLE_STOPPED:
		return "已中止 stopped";
	}
	return "?";
}

void table_set_error(struct table_error *err, int line, const char *fmt, ...)
{
	va_list ap;
	size_t n, i;

	if (!err)
		return;
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	/* Drop a multi-byte character cut by the truncation. */
	n = strlen(err->message);
	i = utf8_check((const unsigned char *)err->message, n);
	err->message[i] = '\0';
}

int table_line_at(const unsigned char *s, size_t off)
{
	size_t i;
	int line = 1;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n'))) {
			if (line < 0x7fffffff)
				line++;
		}
	}
	return line;
}

void table_col_name(int col, char out[8])
{
	char tmp[8];
	int n = 0, i;

	if (col < 0)
		col = 0;
	do {
		tmp[n++] = (char)('A' + col % 26);
		col = col / 26 - 1;
	} while (col >= 0 && n < 7);
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

void table_rowbuf_init(struct table_rowbuf *rb)
{
	buf_init(&rb->text, (size_t)TABLE_MAX_COLS * (TABLE_MAX_CELL + 1));
	rb->ncells = 0;
	rb->last = -1;
}

void table_rowbuf_release(struct table_rowbuf *rb)
{
	buf_release(&rb->text);
}

void table_rowbuf_reset(struct table_rowbuf *rb)
{
	buf_reset(&rb->text);
	rb->ncells = 0;
	rb->last = -1;
}

enum table_err table_rowbuf_put(struct table_rowbuf *rb, int col, const char *s, size_t n)
{
	enum buf_err be;

	if (col < rb->ncells || col >= TABLE_MAX_COLS || n > TABLE_MAX_CELL)
		return TABLE_BAD_FORMAT;
	while (rb->ncells < col) {
		rb->off[rb->ncells] = SIZE_MAX;
		rb->len[rb->ncells] = 0;
		rb->ncells++;
	}
	if (n == 0) {
		rb->off[col] = SIZE_MAX;
		rb->len[col] = 0;
	} else {
		rb->off[col] = rb->text.len;
		rb->len[col] = n;
		be = buf_append(&rb->text, s, n);
		if (!be)
			be = buf_append(&rb->text, "", 1);
		if (be)
			return be == BUF_NOMEM ? TABLE_NOMEM : TABLE_TOO_BIG;
		rb->last = col;
	}
	rb->ncells = col + 1;
	return TABLE_OK;
}

enum table_err table_rowbuf_emit(struct table_rowbuf *rb, int line,
                                 int (*cb)(const struct table_row *row, void *arg), void *arg)
{
	struct table_row row;
	int i;

	if (rb->last < 0)
		return TABLE_OK;
	for (i = 0; i <= rb->last; i++)
		rb->cells[i] = rb->off[i] == SIZE_MAX ? "" : rb->text.ptr + rb->off[i];
	row.line = line;
	row.ncells = rb->last + 1;
	row.cells = rb->cells;
	row.lens = rb->len;
	return cb(&row, arg) ? TABLE_STOPPED : TABLE_OK;
}

enum table_err table_read_auto(const void *buf, size_t len,
                               int (*cb)(const struct table_row *row, void *arg), void *arg,
                               struct table_error *err)
{
	const unsigned char *p = buf;

	if (len >= 4 && p[0] == 'P' && p[1] == 'K' &&
	    ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6)))
		return table_read_xlsx(buf, len, cb, arg, err);
	if (len >= 8 && memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0) {
		table_set_error(err, 0,
		                "不支持旧版 .xls 或加密的工作簿，请另存为 .xlsx 或 CSV；"
		                "old .xls and encrypted workbooks are not supported, save as .xlsx "
		                "or CSV");
		return TABLE_BAD_FORMAT;
	}
	return table_read_csv(buf, len, cb, arg, err);
}
