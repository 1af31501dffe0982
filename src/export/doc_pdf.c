/*
 * doc_pdf — a report as an A4 PDF (cairo and pango through pdf_common).
 *
 * The blocks are placed top to bottom.  Texts (title, subtitle, headings,
 * paragraphs) are one pango layout each and break between lines at the
 * page end.  A table is placed a row at a time: the row's cells are laid
 * out, placed, and freed, so a table of thousands of rows holds one row of
 * layouts (and its header) at a time, not thousands.  A row that does not fit
 * on the rest of the page goes whole to the next, under the repeated header;
 * only a row taller than a whole page is split between lines, each cell
 * keeping the index of its next undrawn line as in form_pdf.
 *
 * The pages are laid out twice by the same code, once to count them and once
 * to draw them, so that every page can say "第 N 页 共 M 页"; layout is
 * deterministic, so both passes break at the same places.
 */
#include "doc_int.h"

#include <math.h>
#include <string.h>

#include "pdf_common.h"

#define MARK_AFTER 4.0 /* below the 密级 mark */
#define TITLE_AFTER 10.0
#define SUBTITLE_AFTER 8.0
#define HEADING_BEFORE 10.0 /* not at the top of a page */
#define HEADING_AFTER 4.0
#define PARA_AFTER 4.0
#define TABLE_BEFORE 4.0
#define TABLE_AFTER 10.0
#define PARA_INDENT 21.0 /* two characters of PDF_BODY, as Chinese paragraphs begin */
#define MIN_COL_W (2 * PDF_PAD_X + 10.0) /* one character of PDF_SMALL */
#define TABLE_RULE_W 0.5
#define MAX_HEAD_SHARE 3 /* a header row may take a third of a page */

struct dpdf {
	struct pdf pdf;
	/* the table being placed */
	const struct doc_table *t;
	size_t ncols;
	double colx[DOC_MAX_COLS], colw[DOC_MAX_COLS];
	struct pdf_cell head[DOC_MAX_COLS];
	double head_h;
	bool head_due; /* the header goes above the next row drawn */
	struct pdf_cell row[DOC_MAX_COLS];
};

static enum doc_err doc_err_of(enum pdf_err e)
{
	switch (e) {
	case PDF_OK:
		return DOC_OK;
	case PDF_NOMEM:
		return DOC_NOMEM;
	case PDF_TOO_BIG:
		return DOC_TOO_BIG;
	case PDF_RENDER:
		return DOC_RENDER;
	case PDF_NO_FONT:
		return DOC_NO_FONT;
	}
	return DOC_RENDER;
}

/* Height of c's next two lines (all of them if fewer): the least of it a page may hold. */
static double min2(const struct pdf_cell *c)
{
	return pdf_lines_h(c, c->nlines < c->next + 2 ? c->nlines : c->next + 2);
}

/* ---- texts ---- */

/* A text block's layout: a heading or a paragraph (indented, breaking anywhere). */
static void text_init(struct pdf *p, struct pdf_cell *c, const struct doc_block *b)
{
	if (b->kind == DOC_HEADING)
		pdf_cell_init(p, c, b->text, NULL, PDF_HEADING, PANGO_ALIGN_LEFT, 0,
		              PDF_MARGIN - PDF_PAD_X, PDF_TEXT_W + 2 * PDF_PAD_X, false);
	else
		pdf_cell_init(p, c, b->text, NULL, PDF_BODY, PANGO_ALIGN_LEFT, PARA_INDENT,
		              PDF_MARGIN - PDF_PAD_X, PDF_TEXT_W + 2 * PDF_PAD_X, false);
}

/*
 * Places a text without a box from p->y on, breaking between lines at the
 * page end: it moves on to the next page rather than leave fewer than two
 * lines behind, and leaves no single line alone on the next page when it can
 * help it.  A heading is not broken (unless longer than a page) and needs
 * keep points after it on its page too, or it goes to the next page.
 */
static void text_place(struct pdf *p, struct pdf_cell *c, double before, double after, bool heading,
                       double keep)
{
	if (!p->at_top)
		p->y += before;
	while (!p->err) {
		double avail = p->bottom - p->y;
		double rest = pdf_cell_rest_h(c);
		int left = c->nlines - c->next, n;

		if (rest + (p->at_top ? 0 : keep) <= avail) {
			pdf_cell_draw(p, c, p->y, c->nlines);
			p->y += rest + after;
			c->next = c->nlines;
			p->at_top = false;
			return;
		}
		n = pdf_lines_fit(c, avail);
		if (!p->at_top && (heading || n < (left < 2 ? left : 2))) {
			pdf_page_new(p);
			continue;
		}
		if (n < 1)
			n = 1; /* at the top of a page: progress */
		else if (left - n == 1 && n > 2)
			n--; /* a single last line would be alone on the next page */
		pdf_cell_draw(p, c, p->y, c->next + n);
		c->next += n;
		pdf_page_new(p);
	}
}

/* ---- tables ---- */

/* Column positions: at least MIN_COL_W each, the rest shared after widths. */
static void columns(struct dpdf *dp, const struct doc_table *t)
{
	double sum = 0, x = PDF_MARGIN;
	bool given = t->widths != NULL;

	for (size_t i = 0; given && i < t->ncols; i++) {
		if (!isfinite(t->widths[i]) || t->widths[i] <= 0)
			given = false;
		else
			sum += t->widths[i];
	}
	if (!given || !isfinite(sum))
		sum = (double)t->ncols;
	for (size_t i = 0; i < t->ncols; i++) {
		double share = given ? t->widths[i] / sum : 1.0 / (double)t->ncols;

		dp->colx[i] = x;
		dp->colw[i] = MIN_COL_W + (PDF_TEXT_W - (double)t->ncols * MIN_COL_W) * share;
		x += dp->colw[i];
	}
}

static double cells_h(const struct pdf_cell *c, size_t n)
{
	double h = 0;

	for (size_t i = 0; i < n; i++)
		h = fmax(h, pdf_cell_rest_h(&c[i]));
	return h + 2 * PDF_PAD_Y;
}

static void cells_release(struct pdf_cell *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pdf_cell_release(&c[i]);
}

/* Starts placing t: columns, header cells and their height. */
static void table_begin(struct dpdf *dp, const struct doc_table *t)
{
	struct pdf *p = &dp->pdf;

	dp->t = t;
	dp->ncols = t->ncols;
	columns(dp, t);
	for (size_t i = 0; i < t->ncols; i++)
		pdf_cell_init(p, &dp->head[i], doc_header(t, i), NULL, PDF_SMALL_BOLD,
		              PANGO_ALIGN_CENTER, 0, dp->colx[i], dp->colw[i], true);
	dp->head_h = cells_h(dp->head, t->ncols);
	if (!p->err && dp->head_h > (p->bottom - PDF_MARGIN) / MAX_HEAD_SHARE)
		p->err = PDF_TOO_BIG;
	dp->head_due = true;
}

static void table_end(struct dpdf *dp)
{
	cells_release(dp->head, dp->ncols);
	cells_release(dp->row, dp->ncols);
	dp->t = NULL;
}

static void row_init(struct dpdf *dp, size_t r)
{
	for (size_t i = 0; i < dp->ncols; i++)
		pdf_cell_init(&dp->pdf, &dp->row[i], doc_cell(dp->t, r, i), NULL, PDF_SMALL,
		              PANGO_ALIGN_LEFT, 0, dp->colx[i], dp->colw[i], false);
}

/* The header row at p->y (when due), text centred in its height. */
static void head_draw(struct dpdf *dp)
{
	struct pdf *p = &dp->pdf;

	if (!dp->head_due)
		return;
	for (size_t i = 0; i < dp->ncols; i++) {
		const struct pdf_cell *c = &dp->head[i];
		double slack = dp->head_h - 2 * PDF_PAD_Y - pdf_cell_rest_h(c);

		pdf_box(p, c->x, p->y, c->w, dp->head_h, true);
		pdf_cell_draw(p, c, p->y + PDF_PAD_Y + slack / 2, c->nlines);
	}
	p->y += dp->head_h;
	dp->head_due = false;
}

/* Draws lines [next, upto[i]) of each cell of the row in boxes of height h. */
static void row_chunk(struct dpdf *dp, double h, const int *upto)
{
	struct pdf *p = &dp->pdf;

	head_draw(dp);
	for (size_t i = 0; i < dp->ncols; i++) {
		struct pdf_cell *c = &dp->row[i];

		pdf_box(p, c->x, p->y, c->w, h, false);
		pdf_cell_draw(p, c, p->y + PDF_PAD_Y, upto[i]);
		c->next = upto[i];
	}
	p->y += h;
	p->at_top = false;
}

/*
 * Places the row: whole on this page when it fits, else whole on the next
 * (under the header again); a row taller than a page is split between
 * lines, starting here if at least two lines of each cell fit.
 */
static void row_place(struct dpdf *dp)
{
	struct pdf *p = &dp->pdf;
	const double pad = 2 * PDF_PAD_Y;

	while (!p->err) {
		double avail = p->bottom - p->y - (dp->head_due ? dp->head_h : 0);
		double need = cells_h(dp->row, dp->ncols);
		double fresh = p->bottom - PDF_MARGIN - dp->head_h; /* a new page holds */
		int upto[DOC_MAX_COLS];
		bool moved = false, done = true;
		double h = 0;

		for (size_t i = 0; i < dp->ncols; i++) {
			const struct pdf_cell *c = &dp->row[i];
			int left = c->nlines - c->next;

			upto[i] = c->next + pdf_lines_fit(c, avail - pad);
			if (upto[i] - c->next < (left < 2 ? left : 2))
				moved = true;
		}
		if (need <= avail) {
			for (size_t i = 0; i < dp->ncols; i++)
				upto[i] = dp->row[i].nlines;
			row_chunk(dp, need, upto);
			return;
		}
		if (!p->at_top && (need <= fresh || moved)) {
			pdf_page_new(p);
			dp->head_due = true;
			continue;
		}
		for (size_t i = 0; i < dp->ncols; i++) {
			struct pdf_cell *c = &dp->row[i];

			if (upto[i] == c->next && c->next < c->nlines)
				upto[i] = c->next + 1; /* at the top of a page: progress */
			h = fmax(h, pdf_lines_h(c, upto[i]));
			if (upto[i] < c->nlines)
				done = false;
		}
		row_chunk(dp, h + pad, upto);
		if (done)
			return;
		pdf_page_new(p);
		dp->head_due = true;
	}
}

/* Height the header and the start of the first row need (what a heading keeps). */
static double table_start_h(struct dpdf *dp)
{
	double h = dp->head_h;

	if (dp->t->nrows > 0) {
		double first = 0;

		row_init(dp, 0);
		for (size_t i = 0; i < dp->ncols; i++)
			first = fmax(first, min2(&dp->row[i]));
		h += first + 2 * PDF_PAD_Y;
		cells_release(dp->row, dp->ncols);
	}
	return h;
}

static void table_place(struct dpdf *dp, const struct doc_table *t)
{
	struct pdf *p = &dp->pdf;

	table_begin(dp, t);
	if (!p->at_top)
		p->y += TABLE_BEFORE;
	if (t->nrows == 0 && !p->err) {
		if (!p->at_top && dp->head_h > p->bottom - p->y)
			pdf_page_new(p);
		head_draw(dp);
		p->at_top = false;
	}
	for (size_t r = 0; r < t->nrows && !p->err; r++) {
		row_init(dp, r);
		row_place(dp);
		cells_release(dp->row, dp->ncols);
	}
	p->y += TABLE_AFTER;
	table_end(dp);
}

/* ---- the document ---- */

/* What must follow a heading on its page: the start of the next block drawn. */
static double keep_after(struct dpdf *dp, const struct doc *d, size_t i)
{
	struct pdf *p = &dp->pdf;
	struct pdf_cell c = {.layout = NULL};
	double h = 0;

	while (i < d->nblocks && d->blocks[i].kind == DOC_TABLE && !doc_is_table(&d->blocks[i]))
		i++;
	if (i >= d->nblocks)
		return 0;
	if (doc_is_table(&d->blocks[i])) {
		table_begin(dp, d->blocks[i].table);
		if (!p->err)
			h = TABLE_BEFORE + table_start_h(dp);
		table_end(dp);
		return h;
	}
	text_init(p, &c, &d->blocks[i]);
	if (!p->err)
		h = (d->blocks[i].kind == DOC_HEADING ? HEADING_BEFORE : 0) + min2(&c);
	pdf_cell_release(&c);
	return h;
}

static void block_place(struct dpdf *dp, const struct doc *d, size_t i)
{
	struct pdf *p = &dp->pdf;
	const struct doc_block *b = &d->blocks[i];
	struct pdf_cell c = {.layout = NULL};
	double keep;

	if (doc_is_table(b)) {
		table_place(dp, b->table);
		return;
	}
	if (b->kind == DOC_TABLE)
		return;
	keep = b->kind == DOC_HEADING ? keep_after(dp, d, i + 1) : 0;
	text_init(p, &c, b);
	if (b->kind == DOC_HEADING)
		text_place(p, &c, HEADING_BEFORE, HEADING_AFTER, true, keep);
	else
		text_place(p, &c, 0, PARA_AFTER, false, 0);
	pdf_cell_release(&c);
}

/* One pass over the document; counts the pages, and draws them when drawing. */
static void paginate(struct dpdf *dp, const struct doc *d, bool draw)
{
	struct pdf *p = &dp->pdf;
	struct pdf_cell c = {.layout = NULL};

	pdf_pass_begin(p, draw);
	if (d->mark && d->mark[0]) {
		pdf_cell_init(p, &c, d->mark, NULL, PDF_HEADING, PANGO_ALIGN_LEFT, 0, PDF_MARGIN,
		              PDF_TEXT_W, false);
		text_place(p, &c, 0, MARK_AFTER, false, 0);
		pdf_cell_release(&c);
	}
	if (d->title && d->title[0]) {
		pdf_cell_init(p, &c, d->title, NULL, PDF_TITLE, PANGO_ALIGN_CENTER, 0, PDF_MARGIN,
		              PDF_TEXT_W, false);
		text_place(p, &c, 0, TITLE_AFTER, false, 0);
		pdf_cell_release(&c);
	}
	if (d->subtitle && d->subtitle[0]) {
		pdf_cell_init(p, &c, d->subtitle, NULL, PDF_BODY, PANGO_ALIGN_CENTER, 0, PDF_MARGIN,
		              PDF_TEXT_W, false);
		text_place(p, &c, 0, SUBTITLE_AFTER, false, 0);
		pdf_cell_release(&c);
	}
	for (size_t i = 0; i < d->nblocks && !p->err; i++)
		block_place(dp, d, i);
	pdf_pass_end(p);
}

enum doc_err doc_pdf(const struct doc *d, struct buf *out)
{
	struct dpdf dp;
	struct pdf *p = &dp.pdf;
	enum doc_err e;

	e = doc_check(d);
	if (e)
		return e;
	memset(&dp, 0, sizeof(dp));
	/* U+FFFD for each bad byte */
	if (!pdf_open(p, out, d->title, d->footer, 3 * DOC_MAX_TEXT + 64, DOC_MAX_PAGES)) {
		p->rule_w = TABLE_RULE_W;
		paginate(&dp, d, false);
		if (!p->err)
			paginate(&dp, d, true);
	}
	return doc_err_of(pdf_close(p));
}
