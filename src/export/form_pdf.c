/*
 * form_pdf — a form as an A4 PDF drawn with cairo and pango (pdf_common
 * holds the set-up, the fonts and why they are Noto Serif CJK SC).
 *
 * The form is a list of rows, each a few cells (one pango layout per cell,
 * wrapped to the cell's width).  Rows are laid out top to bottom; a row that
 * does not fit on the rest of the page is either moved to the next page or,
 * when it is tall, split between two lines of text: each cell keeps the index
 * of its next undrawn line, and the rest continues at the top of the next
 * page, under a shaded "label(续)" row for wide values.  The same pagination
 * runs twice over the same layouts: once to count pages (nothing drawn), once
 * to draw, so that every page can say "第 N 页 共 M 页".
 */
#include "form_int.h"

#include <math.h>
#include <stdlib.h>

#include "pdf_common.h"

#define TABLE_W PDF_TEXT_W
#define LABEL_W 84.0       /* label column of a shared row: 7 characters */
#define EMPTY_WIDE_LINES 4 /* an empty wide box is this many lines tall */
#define WIDE_LINES 2       /* a filled one at least this many */

#define ROW_CELLS 4

struct prow {
	struct pdf_cell c[ROW_CELLS];
	int nc;
	struct pdf_cell cont; /* "label(续)" above the rest of a split wide value */
	double min_h;         /* least height of the box when it is not split */
	double gap;           /* space after the row */
	bool box;             /* bordered cells (the title rows have none) */
	bool keep;            /* keep with the next row: a wide value's label */
};

struct fpdf {
	struct pdf pdf;
	struct prow *rows;
	size_t nrows;
};

/* ---- building the rows ---- */

static void cell_init(struct pdf *p, struct pdf_cell *c, const char *s, const char *suffix,
                      enum pdf_font font, double x, double w, PangoAlignment align, bool shaded)
{
	pdf_cell_init(p, c, s, suffix, font, align, 0, x, w, shaded);
}

static struct prow *row_add(struct fpdf *p)
{
	struct prow *r = &p->rows[p->nrows++];

	r->box = true;
	return r;
}

/* The rows of f: the 密级 mark, title, subtitle, then the table. */
static void rows_build(struct fpdf *fp, const struct form *f)
{
	struct pdf *p = &fp->pdf;
	struct prow *r;
	size_t i = 0;

	/* at most: mark, title, subtitle, two rows per field */
	fp->rows = calloc(3 + 2 * f->nfields, sizeof(*fp->rows));
	if (!fp->rows) {
		p->err = PDF_NOMEM;
		return;
	}
	if (f->mark && f->mark[0]) {
		r = row_add(fp);
		r->box = false;
		r->gap = 4;
		r->nc = 1;
		cell_init(p, &r->c[0], f->mark, NULL, PDF_HEADING, PDF_MARGIN, TABLE_W,
		          PANGO_ALIGN_LEFT, false);
	}
	r = row_add(fp);
	r->box = false;
	r->gap = 10;
	r->nc = 1;
	cell_init(p, &r->c[0], f->title, NULL, PDF_TITLE, PDF_MARGIN, TABLE_W, PANGO_ALIGN_CENTER,
	          false);
	if (f->subtitle && f->subtitle[0]) {
		r = row_add(fp);
		r->box = false;
		r->gap = 6;
		r->nc = 1;
		cell_init(p, &r->c[0], f->subtitle, NULL, PDF_BODY, PDF_MARGIN, TABLE_W,
		          PANGO_ALIGN_LEFT, false);
	}
	while (i < f->nfields && !p->err) {
		const struct form_field *a = &f->fields[i];
		const double vw = (TABLE_W - 2 * LABEL_W) / 2;

		r = row_add(fp);
		if (a->wide) {
			r->keep = true;
			r->nc = 1;
			cell_init(p, &r->c[0], a->label, NULL, PDF_BODY, PDF_MARGIN, TABLE_W,
			          PANGO_ALIGN_LEFT, true);
			r = row_add(fp);
			r->nc = 1;
			r->min_h =
			    (a->value && a->value[0] ? WIDE_LINES : EMPTY_WIDE_LINES) * p->line_h +
			    2 * PDF_PAD_Y;
			cell_init(p, &r->c[0], a->value, NULL, PDF_BODY, PDF_MARGIN, TABLE_W,
			          PANGO_ALIGN_LEFT, false);
			cell_init(p, &r->cont, a->label, "(续)", PDF_BODY, PDF_MARGIN, TABLE_W,
			          PANGO_ALIGN_LEFT, true);
			i++;
		} else if (i + 1 < f->nfields && !f->fields[i + 1].wide) {
			const struct form_field *b = &f->fields[i + 1];

			r->nc = 4;
			cell_init(p, &r->c[0], a->label, NULL, PDF_BODY, PDF_MARGIN, LABEL_W,
			          PANGO_ALIGN_CENTER, true);
			cell_init(p, &r->c[1], a->value, NULL, PDF_BODY, PDF_MARGIN + LABEL_W, vw,
			          PANGO_ALIGN_LEFT, false);
			cell_init(p, &r->c[2], b->label, NULL, PDF_BODY, PDF_MARGIN + LABEL_W + vw,
			          LABEL_W, PANGO_ALIGN_CENTER, true);
			cell_init(p, &r->c[3], b->value, NULL, PDF_BODY,
			          PDF_MARGIN + 2 * LABEL_W + vw, vw, PANGO_ALIGN_LEFT, false);
			i += 2;
		} else {
			r->nc = 2;
			cell_init(p, &r->c[0], a->label, NULL, PDF_BODY, PDF_MARGIN, LABEL_W,
			          PANGO_ALIGN_CENTER, true);
			cell_init(p, &r->c[1], a->value, NULL, PDF_BODY, PDF_MARGIN + LABEL_W,
			          TABLE_W - LABEL_W, PANGO_ALIGN_LEFT, false);
			i++;
		}
	}
}

/* ---- pagination ---- */

static double row_pad(const struct prow *r)
{
	return r->box ? PDF_PAD_Y : 0;
}

/* Height of the row's remaining text, padding included (0 when all drawn). */
static double row_rest_h(const struct prow *r)
{
	double h = 0;

	for (int i = 0; i < r->nc; i++)
		h = fmax(h, pdf_cell_rest_h(&r->c[i]));
	return h > 0 ? h + 2 * row_pad(r) : 0;
}

/* Height of the first n lines of the row (what must follow a kept label). */
static double row_head_h(const struct prow *r, int n)
{
	double h = 0;

	for (int i = 0; i < r->nc; i++) {
		int end = r->c[i].next + n;

		h = fmax(h, pdf_lines_h(&r->c[i], end < r->c[i].nlines ? end : r->c[i].nlines));
	}
	return h + 2 * row_pad(r);
}

/*
 * Draws lines [next, upto[i]) of each cell of r in boxes of height h at p->y
 * (when drawing), then moves every cell's next on.
 */
static void row_chunk(struct pdf *p, struct prow *r, double h, const int *upto)
{
	for (int i = 0; i < r->nc; i++) {
		struct pdf_cell *c = &r->c[i];

		if (r->box)
			pdf_box(p, c->x, p->y, c->w, h, c->shaded);
		pdf_cell_draw(p, c, p->y + row_pad(r), upto[i]);
		c->next = upto[i];
	}
}

/* Draws "label(续)" at the top of a page, above the rest of a split value. */
static void row_cont(struct pdf *p, struct prow *r)
{
	struct prow head = {.nc = 1, .box = true};
	int upto;
	double h;

	head.c[0] = r->cont;
	upto = pdf_lines_fit(&head.c[0], (p->bottom - p->y) / 4);
	if (upto < 1)
		upto = 1;
	h = pdf_lines_h(&head.c[0], upto) + 2 * PDF_PAD_Y;
	row_chunk(p, &head, h, &upto);
	p->y += h;
}

/*
 * Lays out one row from p->y on, across as many pages as it needs.  A row
 * that does not fit goes whole to the next page if it would leave less than
 * two lines of a cell behind (or is a label that must stay with its value, or
 * an empty box); otherwise it is split after the last line that fits.
 */
static void row_place(struct pdf *p, struct prow *r, const struct prow *next)
{
	bool split = false;

	while (!p->err) {
		double avail = p->bottom - p->y;
		double content = row_rest_h(r);
		double need = split ? content : fmax(content, r->min_h);
		double keep = r->keep && next ? row_head_h(next, 2) : 0;
		int upto[ROW_CELLS];
		double h = 0;
		bool moved = false, done = true;

		if (need + keep <= avail) {
			for (int i = 0; i < r->nc; i++)
				upto[i] = r->c[i].nlines;
			row_chunk(p, r, need, upto);
			p->y += need + r->gap;
			p->at_top = false;
			return;
		}
		for (int i = 0; i < r->nc; i++) {
			const struct pdf_cell *c = &r->c[i];
			int left = c->nlines - c->next;

			upto[i] = c->next + pdf_lines_fit(c, avail - 2 * row_pad(r));
			if (left > 0 && upto[i] - c->next < (left < 2 ? left : 2))
				moved = true;
		}
		if (!p->at_top && (moved || r->keep || content <= avail)) {
			pdf_page_new(p);
			continue;
		}
		/* split here; at the top of a page, always make progress */
		for (int i = 0; i < r->nc; i++) {
			struct pdf_cell *c = &r->c[i];

			if (p->at_top && upto[i] == c->next && c->next < c->nlines)
				upto[i] = c->next + 1;
			h = fmax(h, pdf_lines_h(c, upto[i]));
			if (upto[i] < c->nlines)
				done = false;
		}
		h += 2 * row_pad(r);
		row_chunk(p, r, h, upto);
		if (done) {
			p->y += h + r->gap;
			p->at_top = false;
			return;
		}
		pdf_page_new(p);
		split = true;
		if (r->cont.layout && !p->err)
			row_cont(p, r);
	}
}

/* One pass over all rows; counts the pages, and draws them when drawing. */
static void paginate(struct fpdf *fp, bool draw)
{
	struct pdf *p = &fp->pdf;

	pdf_pass_begin(p, draw);
	for (size_t i = 0; i < fp->nrows; i++)
		for (int j = 0; j < fp->rows[i].nc; j++)
			fp->rows[i].c[j].next = 0;
	for (size_t i = 0; i < fp->nrows && !p->err; i++)
		row_place(p, &fp->rows[i], i + 1 < fp->nrows ? &fp->rows[i + 1] : NULL);
	pdf_pass_end(p);
}

static void rows_release(struct fpdf *fp)
{
	for (size_t i = 0; i < fp->nrows; i++) {
		for (int j = 0; j < fp->rows[i].nc; j++)
			pdf_cell_release(&fp->rows[i].c[j]);
		pdf_cell_release(&fp->rows[i].cont);
	}
	free(fp->rows);
}

static enum form_err form_err_of(enum pdf_err e)
{
	switch (e) {
	case PDF_OK:
		return FORM_OK;
	case PDF_NOMEM:
		return FORM_NOMEM;
	case PDF_TOO_BIG:
		return FORM_TOO_BIG;
	case PDF_RENDER:
		return FORM_RENDER;
	case PDF_NO_FONT:
		return FORM_NO_FONT;
	}
	return FORM_RENDER;
}

enum form_err form_pdf(const struct form *f, struct buf *out)
{
	struct fpdf fp = {.nrows = 0};
	struct pdf *p = &fp.pdf;
	enum form_err e;

	e = form_check(f);
	if (e)
		return e;
	/* U+FFFD for each bad byte */
	if (!pdf_open(p, out, f->title, f->footer, 3 * FORM_MAX_TEXT + 64, FORM_MAX_PAGES)) {
		rows_build(&fp, f);
		if (!p->err)
			paginate(&fp, false);
		if (!p->err)
			paginate(&fp, true);
	}
	rows_release(&fp);
	return form_err_of(pdf_close(p));
}
