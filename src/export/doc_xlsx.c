/*
 * doc_xlsx — a report as an XLSX workbook, through the io layer's workbook
 * writer (table_book: libxlsxwriter in constant-memory mode, a private
 * temporary file removed before returning).
 *
 * Every text goes through the export text filter first, so that any input
 * makes a valid file: the io layer refuses bad UTF-8 rather than repair it.
 */
#include "doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/table.h"
#include "text.h"

#define COVER_NAME "概况"
#define MAX_SHEET_ROWS 1048576 /* Excel's rows */

static enum doc_err doc_err_of(enum table_err e)
{
	switch (e) {
	case TABLE_OK:
		return DOC_OK;
	case TABLE_NOMEM:
		return DOC_NOMEM;
	case TABLE_TOO_BIG:
		return DOC_TOO_BIG;
	case TABLE_BAD_ENCODING:
	case TABLE_BAD_FORMAT:
	case TABLE_STOPPED:
		break;
	}
	return DOC_RENDER;
}

/*
 * Filtered texts kept together, each NUL-terminated in one buffer and
 * found by its offset (pointers only once the buffer no longer moves), each
 * with a tag (the line style of the cover sheet).
 */
struct texts {
	struct buf b;
	size_t *off;
	int *tag;
	size_t n, cap;
	size_t max; /* strings */
	enum doc_err err;
};

static void texts_init(struct texts *t, size_t max)
{
	memset(t, 0, sizeof(*t));
	buf_init(&t->b, 3 * DOC_MAX_TEXT + 64); /* U+FFFD for each bad byte */
	t->max = max;
}

static void texts_reset(struct texts *t)
{
	buf_reset(&t->b);
	t->n = 0;
}

static void texts_release(struct texts *t)
{
	buf_release(&t->b);
	free(t->off);
	free(t->tag);
}

static void texts_add(struct texts *t, size_t off, int tag)
{
	if (t->n >= t->max) {
		t->err = DOC_TOO_BIG;
		return;
	}
	if (t->n == t->cap) {
		size_t ncap = t->cap ? 2 * t->cap : 64;
		size_t *o = realloc(t->off, ncap * sizeof(*o));
		int *g;

		if (o)
			t->off = o;
		g = o ? realloc(t->tag, ncap * sizeof(*g)) : NULL;
		if (!g) {
			t->err = DOC_NOMEM;
			return;
		}
		t->tag = g;
		t->cap = ncap;
	}
	t->off[t->n] = off;
	t->tag[t->n] = tag;
	t->n++;
}

/* Appends s (filtered) as one string, or as one string per line when split. */
static void texts_put(struct texts *t, const char *s, bool split, int tag)
{
	size_t start = t->b.len;

	if (t->err)
		return;
	t->err = doc_buf_err(export_text_append(&t->b, s, false));
	if (!t->err)
		t->err = doc_buf_err(buf_append(&t->b, "", 1)); /* the terminating NUL, kept */
	if (!t->err)
		texts_add(t, start, tag);
	/* after the filter every line break is a "\n" */
	for (size_t i = start; split && !t->err && i < t->b.len; i++) {
		if (t->b.ptr[i] == '\n') {
			t->b.ptr[i] = '\0';
			texts_add(t, i + 1, tag);
		}
	}
}

static const char *texts_at(const struct texts *t, size_t i)
{
	return t->b.ptr + t->off[i];
}

/* ---- sheet names ---- */

/*
 * The sheet name of each drawn table, in order: the heading before it made
 * valid and unique (COVER_NAME is taken first), or "表N".
 */
static void sheet_names(const struct doc *d, char (*names)[TABLE_SHEET_NAME_SIZE])
{
	const char *taken[DOC_MAX_TABLES + 1];
	const char *heading = NULL;
	size_t n = 0;

	taken[0] = COVER_NAME;
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		char fallback[32];

		if (b->kind == DOC_HEADING)
			heading = b->text;
		if (!doc_is_table(b))
			continue;
		snprintf(fallback, sizeof(fallback), "表%zu", n + 1);
		table_sheet_name(heading, fallback, taken, n + 1, names[n]);
		taken[n + 1] = names[n];
		n++;
	}
}

/* ---- the cover sheet ---- */

static enum doc_err cover_add(struct table_book *book, const struct doc *d,
                              char (*names)[TABLE_SHEET_NAME_SIZE])
{
	struct texts t;
	struct table_line *lines = NULL;
	size_t ntables = 0;
	enum doc_err e;

	texts_init(&t, MAX_SHEET_ROWS);
	if (d->mark && d->mark[0])
		texts_put(&t, d->mark, false, TABLE_LINE_HEADING);
	texts_put(&t, d->title, false, TABLE_LINE_TITLE);
	if (d->subtitle && d->subtitle[0])
		texts_put(&t, d->subtitle, true, TABLE_LINE_TEXT);
	texts_put(&t, NULL, false, TABLE_LINE_TEXT);
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		char note[TABLE_SHEET_NAME_SIZE + 64];

		if (b->kind == DOC_HEADING) {
			texts_put(&t, b->text, false, TABLE_LINE_HEADING);
		} else if (b->kind == DOC_PARAGRAPH) {
			texts_put(&t, b->text, true, TABLE_LINE_TEXT);
		} else if (doc_is_table(b)) {
			snprintf(note, sizeof(note), "（见工作表“%s”，%zu 行）", names[ntables++],
			         b->table->nrows);
			texts_put(&t, note, false, TABLE_LINE_TEXT);
		}
	}
	if (d->footer && d->footer[0]) {
		texts_put(&t, NULL, false, TABLE_LINE_TEXT);
		texts_put(&t, d->footer, true, TABLE_LINE_TEXT);
	}
	e = t.err;
	if (!e) {
		lines = calloc(t.n, sizeof(*lines));
		if (!lines)
			e = DOC_NOMEM;
	}
	for (size_t i = 0; !e && i < t.n; i++) {
		lines[i].text = texts_at(&t, i);
		lines[i].style = (enum table_line_style)t.tag[i];
	}
	if (!e)
		e = doc_err_of(table_book_add_lines(book, COVER_NAME, lines, t.n));
	free(lines);
	texts_release(&t);
	return e;
}

/* ---- table sheets ---- */

struct rows {
	const struct doc_table *t;
	size_t next;
	struct texts cells;
};

static int next_row(void *arg, const char **cells)
{
	struct rows *r = arg;

	if (r->next >= r->t->nrows)
		return 0;
	texts_reset(&r->cells);
	for (size_t i = 0; i < r->t->ncols; i++)
		texts_put(&r->cells, doc_cell(r->t, r->next, i), false, 0);
	if (r->cells.err)
		return -1;
	for (size_t i = 0; i < r->t->ncols; i++)
		cells[i] = texts_at(&r->cells, i);
	r->next++;
	return 1;
}

static enum doc_err table_add(struct table_book *book, const char *name, const struct doc_table *t)
{
	struct texts head;
	struct rows r = {.t = t, .next = 0};
	const char *headers[DOC_MAX_COLS];
	enum doc_err e;
	enum table_err te;

	texts_init(&head, DOC_MAX_COLS);
	texts_init(&r.cells, DOC_MAX_COLS);
	for (size_t i = 0; i < t->ncols; i++)
		texts_put(&head, doc_header(t, i), false, 0);
	e = head.err;
	for (size_t i = 0; !e && i < t->ncols; i++)
		headers[i] = texts_at(&head, i);
	if (!e) {
		te = table_book_add_table(book, name, headers, (int)t->ncols, next_row, &r);
		e = te == TABLE_STOPPED && r.cells.err ? r.cells.err : doc_err_of(te);
	}
	texts_release(&head);
	texts_release(&r.cells);
	return e;
}

enum doc_err doc_xlsx(const struct doc *d, struct buf *out)
{
	char(*names)[TABLE_SHEET_NAME_SIZE] = NULL;
	struct table_book *book = NULL;
	void *file = NULL;
	size_t len = 0, n = 0;
	enum doc_err e;

	e = doc_check(d);
	if (e)
		return e;
	names = calloc(DOC_MAX_TABLES, sizeof(*names));
	if (!names)
		return DOC_NOMEM;
	sheet_names(d, names);
	e = doc_err_of(table_book_new(&book));
	if (!e)
		e = cover_add(book, d, names);
	for (size_t i = 0; !e && i < d->nblocks; i++)
		if (doc_is_table(&d->blocks[i]))
			e = table_add(book, names[n++], d->blocks[i].table);
	if (!e) {
		e = doc_err_of(table_book_finish(book, &file, &len));
		book = NULL;
	}
	if (!e)
		e = doc_buf_err(buf_append(out, file, len));
	table_book_free(book);
	free(file);
	free(names);
	return e;
}
