/*
 * doc — what the PDF and XLSX report renderers share: caps, cell access and
 * the error names.
 */
#include "doc_int.h"

#include <assert.h>

#include "text.h"

bool doc_is_table(const struct doc_block *b)
{
	return b->kind == DOC_TABLE && b->table && b->table->ncols > 0;
}

const char *doc_cell(const struct doc_table *t, size_t row, size_t col)
{
	const char *s = t->cells ? t->cells[row * t->ncols + col] : NULL;

	return s ? s : "";
}

const char *doc_header(const struct doc_table *t, size_t col)
{
	const char *s = t->headers ? t->headers[col] : NULL;

	return s ? s : "";
}

/* Caps on the shape of t; adds its rows to *rows. */
static bool table_ok(const struct doc_table *t, size_t *rows, size_t *text)
{
	bool ok = true;

	if (t->ncols > DOC_MAX_COLS || t->nrows > DOC_MAX_ROWS - *rows)
		return false;
	*rows += t->nrows;
	for (size_t c = 0; ok && c < t->ncols; c++)
		ok = export_text_tally(text, doc_header(t, c), DOC_MAX_TEXT);
	for (size_t r = 0; ok && r < t->nrows; r++)
		for (size_t c = 0; ok && c < t->ncols; c++)
			ok = export_text_tally(text, doc_cell(t, r, c), DOC_MAX_TEXT);
	return ok;
}

enum doc_err doc_check(const struct doc *d)
{
	size_t text = 0, rows = 0, tables = 0;
	bool ok;

	assert(d && (d->blocks || !d->nblocks));
	if (d->nblocks > DOC_MAX_BLOCKS)
		return DOC_TOO_BIG;
	ok = export_text_tally(&text, d->mark, DOC_MAX_TEXT) &&
	     export_text_tally(&text, d->title, DOC_MAX_TEXT) &&
	     export_text_tally(&text, d->subtitle, DOC_MAX_TEXT) &&
	     export_text_tally(&text, d->footer, DOC_MAX_TEXT);
	for (size_t i = 0; ok && i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (doc_is_table(b))
			ok = ++tables <= DOC_MAX_TABLES && table_ok(b->table, &rows, &text);
		else if (b->kind != DOC_TABLE)
			ok = export_text_tally(&text, b->text, DOC_MAX_TEXT);
	}
	return ok ? DOC_OK : DOC_TOO_BIG;
}

enum doc_err doc_buf_err(enum buf_err e)
{
	switch (e) {
	case BUF_OK:
		return DOC_OK;
	case BUF_TOO_BIG:
		return DOC_TOO_BIG;
	case BUF_NOMEM:
		break;
	}
	return DOC_NOMEM;
}

const char *doc_err_en(enum doc_err e)
{
	switch (e) {
	case DOC_OK:
		return "ok";
	case DOC_NOMEM:
		return "out of memory";
	case DOC_TOO_BIG:
		return "report too large (blocks, tables, rows, text, pages or output size)";
	case DOC_RENDER:
		return "report rendering failed";
	case DOC_NO_FONT:
		return "no Chinese font installed (fonts-noto-cjk)";
	}
	return "unknown report error";
}
