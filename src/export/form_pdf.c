/*
 * form_pdf — a form as an A4 PDF drawn with cairo and pango.
 *
 * cairo's PDF surface embeds a subset of the Noto CJK font and a ToUnicode
 * map, so the Chinese text prints on any machine and can still be searched
 * and copied (libharu, the other candidate, renders blank CJK pages).
 *
 * All text is set in Noto Serif CJK SC (宋体 style, as official forms are),
 * not Noto Sans CJK: the CFF subsetter of cairo 1.16 (Debian 12) miscounts
 * hintmask bytes when a glyph's first hintmask follows path operators, drops
 * local subroutines the glyph still calls, and so prints 如 blank and 瘃 in
 * part (Sans Regular; 忉 and 烪 in Sans Bold).  Checked over every BMP
 * character of the four faces of fonts-noto-cjk 20220127: the two Serif
 * faces are not affected.  tests/unit/test_form.c renders these glyphs.
 *
 * The form is a list of rows, each a few cells (one pango layout per cell,
 * wrapped to the cell's width).  Rows are laid out top to bottom; a row that
 * does not fit on the rest of the page is either moved to the next page or,
 * when it is tall, split between two lines of text: each cell keeps the index
 * of its next undrawn line, and the rest continues at the top of the next
 * page, under a shaded "label(续)" row for wide values.  The same pagination
 * runs twice over the same layouts: once to count pages (nothing drawn), once
 * to draw, so that every page can say "第 N 页 共 M 页".
 *
 * Everything lives in one call: the surface, the cairo context, a pango font
 * map and context of its own, the layouts.  Only fontconfig's configuration
 * (and cairo's font face cache) is process-wide, and both are thread-safe.
 */
#include "form_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

/* A4 in points; margins 20 mm at the sides and top. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 56.693
#define TABLE_W (PAGE_W - 2 * MARGIN)
#define LABEL_W 84.0 /* label column of a shared row: 7 characters */
#define PAD_X 4.0    /* text inside a box */
#define PAD_Y 3.0    /* text inside a box */
#define PAGENO_TOP (PAGE_H - 36.0)
#define FOOTER_MAX_H 40.0     /* a footer is cut to about three lines */
#define RULE_W 0.75           /* box lines */
#define SHADE 0.90            /* label boxes, grey level */
#define EMPTY_WIDE_LINES 4    /* an empty wide box is this many lines tall */
#define MAX_LINES_PER_PAGE 64 /* more body lines than fit on a page */
#define WIDE_LINES 2          /* a filled one at least this many */

#define FONT_BODY "Noto Serif CJK SC 10.5"     /* 五号 */
#define FONT_TITLE "Noto Serif CJK SC Bold 18" /* 小二 */
#define FONT_SMALL "Noto Serif CJK SC 9"

struct pline {
	PangoLayoutLine *line;
	double top, bottom; /* logical extent in the layout, points */
	double baseline;
	double x; /* start of the line (alignment) */
};

struct pcell {
	PangoLayout *layout; /* NULL: no cell */
	struct pline *lines;
	int nlines;
	int next; /* first line not yet drawn */
	double x, w;
	bool shaded;
};

#define ROW_CELLS 4

struct prow {
	struct pcell c[ROW_CELLS];
	int nc;
	struct pcell cont; /* "label(续)" above the rest of a split wide value */
	double min_h;      /* least height of the box when it is not split */
	double gap;        /* space after the row */
	bool box;          /* bordered cells (the title rows have none) */
	bool keep;         /* keep with the next row: a wide value's label */
};

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *ctx;
	PangoFontDescription *body, *title, *small;
	struct buf text; /* scratch: cleaned text for a layout */
	struct prow *rows;
	size_t nrows;
	PangoLayout *footer;
	double footer_h;
	double bottom; /* lowest y a row may reach */
	double line_h; /* one body line */
	/* pagination state */
	bool draw;
	int page, npages;
	double y;
	bool at_top;
	enum form_err err;
};

struct sink {
	struct buf *b;
	enum buf_err err;
};

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *s = closure;

	if (!s->err)
		s->err = buf_append(s->b, data, len);
	return s->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* ---- building the rows ---- */

/*
 * Makes c a cell at x of width w showing s, and records its lines.  On
 * failure p->err is set and c may be half made (cell_release copes).
 */
static void cell_init(struct pdf *p, struct pcell *c, const char *s, const char *suffix,
                      const PangoFontDescription *font, double x, double w, PangoAlignment align,
                      bool shaded)
{
	PangoLayoutIter *it;
	int i = 0;

	c->x = x;
	c->w = w;
	c->shaded = shaded;
	c->next = 0;
	if (p->err)
		return;
	buf_reset(&p->text);
	p->err = form_text_append(&p->text, s, false);
	if (!p->err && suffix)
		p->err = form_buf_err(buf_puts(&p->text, suffix));
	if (p->err)
		return;
	c->layout = pango_layout_new(p->ctx);
	pango_layout_set_font_description(c->layout, font);
	pango_layout_set_width(c->layout, (int)((w - 2 * PAD_X) * PANGO_SCALE));
	pango_layout_set_wrap(c->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(c->layout, align);
	pango_layout_set_text(c->layout, p->text.ptr ? p->text.ptr : "", (int)p->text.len);

	c->nlines = pango_layout_get_line_count(c->layout);
	/* more lines than the page cap allows; also keeps pango's int coordinates from overflowing
	 */
	if (c->nlines > FORM_MAX_PAGES * MAX_LINES_PER_PAGE) {
		p->err = FORM_TOO_BIG;
		return;
	}
	c->lines = calloc((size_t)(c->nlines > 0 ? c->nlines : 1), sizeof(*c->lines));
	if (!c->lines) {
		p->err = FORM_NOMEM;
		return;
	}
	it = pango_layout_get_iter(c->layout);
	do {
		int y0, y1;
		PangoRectangle logical;

		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		c->lines[i].line = pango_layout_iter_get_line_readonly(it);
		c->lines[i].top = (double)y0 / PANGO_SCALE;
		c->lines[i].bottom = (double)y1 / PANGO_SCALE;
		c->lines[i].baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		c->lines[i].x = (double)logical.x / PANGO_SCALE;
		i++;
	} while (i < c->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	c->nlines = i;
}

static void cell_release(struct pcell *c)
{
	if (c->layout)
		g_object_unref(c->layout);
	free(c->lines);
	c->layout = NULL;
	c->lines = NULL;
}

static struct prow *row_add(struct pdf *p)
{
	struct prow *r = &p->rows[p->nrows++];

	r->box = true;
	return r;
}

/* The rows of f: title, subtitle, then the table. */
static void rows_build(struct pdf *p, const struct form *f)
{
	struct prow *r;
	size_t i = 0;

	/* at most: title, subtitle, two rows per field */
	p->rows = calloc(2 + 2 * f->nfields, sizeof(*p->rows));
	if (!p->rows) {
		p->err = FORM_NOMEM;
		return;
	}
	r = row_add(p);
	r->box = false;
	r->gap = 10;
	r->nc = 1;
	cell_init(p, &r->c[0], f->title, NULL, p->title, MARGIN, TABLE_W, PANGO_ALIGN_CENTER,
	          false);
	if (f->subtitle && f->subtitle[0]) {
		r = row_add(p);
		r->box = false;
		r->gap = 6;
		r->nc = 1;
		cell_init(p, &r->c[0], f->subtitle, NULL, p->body, MARGIN, TABLE_W,
		          PANGO_ALIGN_LEFT, false);
	}
	while (i < f->nfields && !p->err) {
		const struct form_field *a = &f->fields[i];
		const double vw = (TABLE_W - 2 * LABEL_W) / 2;

		r = row_add(p);
		if (a->wide) {
			r->keep = true;
			r->nc = 1;
			cell_init(p, &r->c[0], a->label, NULL, p->body, MARGIN, TABLE_W,
			          PANGO_ALIGN_LEFT, true);
			r = row_add(p);
			r->nc = 1;
			r->min_h =
			    (a->value && a->value[0] ? WIDE_LINES : EMPTY_WIDE_LINES) * p->line_h +
			    2 * PAD_Y;
			cell_init(p, &r->c[0], a->value, NULL, p->body, MARGIN, TABLE_W,
			          PANGO_ALIGN_LEFT, false);
			cell_init(p, &r->cont, a->label, "(续)", p->body, MARGIN, TABLE_W,
			          PANGO_ALIGN_LEFT, true);
			i++;
		} else if (i + 1 < f->nfields && !f->fields[i + 1].wide) {
			const struct form_field *b = &f->fields[i + 1];

			r->nc = 4;
			cell_init(p, &r->c[0], a->label, NULL, p->body, MARGIN, LABEL_W,
			          PANGO_ALIGN_CENTER, true);
			cell_init(p, &r->c[1], a->value, NULL, p->body, MARGIN + LABEL_W, vw,
			          PANGO_ALIGN_LEFT, false);
			cell_init(p, &r->c[2], b->label, NULL, p->body, MARGIN + LABEL_W + vw,
			          LABEL_W, PANGO_ALIGN_CENTER, true);
			cell_init(p, &r->c[3], b->value, NULL, p->body, MARGIN + 2 * LABEL_W + vw,
			          vw, PANGO_ALIGN_LEFT, false);
			i += 2;
		} else {
			r->nc = 2;
			cell_init(p, &r->c[0], a->label, NULL, p->body, MARGIN, LABEL_W,
			          PANGO_ALIGN_CENTER, true);
			cell_init(p, &r->c[1], a->value, NULL, p->body, MARGIN + LABEL_W,
			          TABLE_W - LABEL_W, PANGO_ALIGN_LEFT, false);
			i++;
		}
	}
}

/* ---- pagination ---- */

static double row_pad(const struct prow *r)
{
	return r->box ? PAD_Y : 0;
}

/* Height of lines [c->next, end) of c. */
static double lines_h(const struct pcell *c, int end)
{
	if (end <= c->next)
		return 0;
	return c->lines[end - 1].bottom - c->lines[c->next].top;
}

/* How many of c's remaining lines fit in height h (from c->next on). */
static int lines_fit(const struct pcell *c, double h)
{
	int n = 0;

	while (c->next + n < c->nlines && lines_h(c, c->next + n + 1) <= h)
		n++;
	return n;
}

/* Height of the row's remaining text, padding included (0 when all drawn). */
static double row_rest_h(const struct prow *r)
{
	double h = 0;

	for (int i = 0; i < r->nc; i++)
		h = fmax(h, lines_h(&r->c[i], r->c[i].nlines));
	return h > 0 ? h + 2 * row_pad(r) : 0;
}

/* Height of the first n lines of the row (what must follow a kept label). */
static double row_head_h(const struct prow *r, int n)
{
	double h = 0;

	for (int i = 0; i < r->nc; i++) {
		int end = r->c[i].next + n;

		h = fmax(h, lines_h(&r->c[i], end < r->c[i].nlines ? end : r->c[i].nlines));
	}
	return h + 2 * row_pad(r);
}

static void draw_lines(struct pdf *p, const struct pcell *c, double y, int end)
{
	cairo_t *cr = p->cr;

	for (int i = c->next; i < end; i++) {
		const struct pline *l = &c->lines[i];

		cairo_move_to(cr, c->x + PAD_X + l->x, y + l->baseline - c->lines[c->next].top);
		pango_cairo_show_layout_line(cr, l->line);
	}
}

/*
 * Draws lines [next, upto[i]) of each cell of r in boxes of height h at p->y
 * (when drawing), then moves every cell's next on.
 */
static void row_chunk(struct pdf *p, struct prow *r, double h, const int *upto)
{
	cairo_t *cr = p->cr;

	for (int i = 0; i < r->nc; i++) {
		struct pcell *c = &r->c[i];

		if (p->draw && r->box) {
			cairo_rectangle(cr, c->x, p->y, c->w, h);
			if (c->shaded) {
				cairo_set_source_rgb(cr, SHADE, SHADE, SHADE);
				cairo_fill_preserve(cr);
			}
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_set_line_width(cr, RULE_W);
			cairo_stroke(cr);
		}
		if (p->draw)
			draw_lines(p, c, p->y + row_pad(r), upto[i]);
		c->next = upto[i];
	}
}

static void page_finish(struct pdf *p)
{
	cairo_t *cr = p->cr;

	if (p->draw) {
		PangoLayout *l;
		char num[64];

		if (p->footer) {
			cairo_save(cr);
			cairo_rectangle(cr, MARGIN, PAGENO_TOP - 4 - p->footer_h, TABLE_W,
			                p->footer_h);
			cairo_clip(cr);
			cairo_move_to(cr, MARGIN, PAGENO_TOP - 4 - p->footer_h);
			pango_cairo_show_layout(cr, p->footer);
			cairo_restore(cr);
		}
		snprintf(num, sizeof(num), "第 %d 页 共 %d 页", p->page, p->npages);
		l = pango_layout_new(p->ctx);
		pango_layout_set_font_description(l, p->small);
		pango_layout_set_width(l, (int)(TABLE_W * PANGO_SCALE));
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		pango_layout_set_text(l, num, -1);
		cairo_move_to(cr, MARGIN, PAGENO_TOP);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
		cairo_show_page(cr);
	}
}

static void page_new(struct pdf *p)
{
	page_finish(p);
	p->page++;
	p->y = MARGIN;
	p->at_top = true;
	if (p->page > FORM_MAX_PAGES)
		p->err = FORM_TOO_BIG;
}

/* Draws "label(续)" at the top of a page, above the rest of a split value. */
static void row_cont(struct pdf *p, struct prow *r)
{
	struct prow head = {.nc = 1, .box = true};
	int upto;
	double h;

	head.c[0] = r->cont;
	upto = lines_fit(&head.c[0], (p->bottom - p->y) / 4);
	if (upto < 1)
		upto = 1;
	h = lines_h(&head.c[0], upto) + 2 * PAD_Y;
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
			const struct pcell *c = &r->c[i];
			int left = c->nlines - c->next;

			upto[i] = c->next + lines_fit(c, avail - 2 * row_pad(r));
			if (left > 0 && upto[i] - c->next < (left < 2 ? left : 2))
				moved = true;
		}
		if (!p->at_top && (moved || r->keep || content <= avail)) {
			page_new(p);
			continue;
		}
		/* split here; at the top of a page, always make progress */
		for (int i = 0; i < r->nc; i++) {
			struct pcell *c = &r->c[i];

			if (p->at_top && upto[i] == c->next && c->next < c->nlines)
				upto[i] = c->next + 1;
			h = fmax(h, lines_h(c, upto[i]));
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
		page_new(p);
		split = true;
		if (r->cont.layout && !p->err)
			row_cont(p, r);
	}
}

/* One pass over all rows; counts the pages, and draws them when p->draw. */
static void paginate(struct pdf *p, bool draw)
{
	p->draw = draw;
	p->page = 1;
	p->y = MARGIN;
	p->at_top = true;
	for (size_t i = 0; i < p->nrows; i++)
		for (int j = 0; j < p->rows[i].nc; j++)
			p->rows[i].c[j].next = 0;
	for (size_t i = 0; i < p->nrows && !p->err; i++)
		row_place(p, &p->rows[i], i + 1 < p->nrows ? &p->rows[i + 1] : NULL);
	if (!p->err)
		page_finish(p);
	p->npages = p->page;
}

/* ---- set-up ---- */

/* FORM_NO_FONT unless some installed font has a glyph for 中. */
static enum form_err font_check(struct pdf *p)
{
	PangoLanguage *zh = pango_language_from_string("zh-cn");
	PangoFontset *fs = pango_context_load_fontset(p->ctx, p->body, zh);
	PangoFont *font;
	PangoCoverage *cov;
	enum form_err e = FORM_NO_FONT;

	if (!fs)
		return FORM_NO_FONT;
	font = pango_fontset_get_font(fs, 0x4E2D);
	if (font) {
		cov = pango_font_get_coverage(font, zh);
		if (cov && pango_coverage_get(cov, 0x4E2D) != PANGO_COVERAGE_NONE)
			e = FORM_OK;
		if (cov)
			g_object_unref(cov);
		g_object_unref(font);
	}
	g_object_unref(fs);
	return e;
}

static void footer_init(struct pdf *p, const char *footer)
{
	PangoRectangle ink, logical;

	if (!footer || !footer[0] || p->err)
		return;
	buf_reset(&p->text);
	p->err = form_text_append(&p->text, footer, false);
	if (p->err)
		return;
	p->footer = pango_layout_new(p->ctx);
	pango_layout_set_font_description(p->footer, p->small);
	pango_layout_set_width(p->footer, (int)(TABLE_W * PANGO_SCALE));
	pango_layout_set_wrap(p->footer, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(p->footer, (int)(FOOTER_MAX_H * PANGO_SCALE));
	pango_layout_set_ellipsize(p->footer, PANGO_ELLIPSIZE_END);
	pango_layout_set_text(p->footer, p->text.ptr, (int)p->text.len);
	pango_layout_get_extents(p->footer, &ink, &logical);
	p->footer_h = fmin((double)logical.height / PANGO_SCALE, FOOTER_MAX_H);
}

static enum form_err setup(struct pdf *p, struct sink *sink, const struct form *f)
{
	cairo_font_options_t *fo;
	PangoLayout *probe;
	PangoRectangle ink, logical;

	p->surface = cairo_pdf_surface_create_for_stream(sink_write, sink, PAGE_W, PAGE_H);
	p->cr = cairo_create(p->surface);
	if (cairo_status(p->cr))
		return cairo_status(p->cr) == CAIRO_STATUS_NO_MEMORY ? FORM_NOMEM : FORM_RENDER;

	p->fontmap = pango_cairo_font_map_new();
	p->ctx = pango_font_map_create_context(p->fontmap);
	pango_cairo_update_context(p->cr, p->ctx);
	pango_cairo_context_set_resolution(p->ctx, 72); /* font sizes in points = user units */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(p->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(p->ctx, FALSE);
	pango_context_set_language(p->ctx, pango_language_from_string("zh-cn"));

	p->body = pango_font_description_from_string(FONT_BODY);
	p->title = pango_font_description_from_string(FONT_TITLE);
	p->small = pango_font_description_from_string(FONT_SMALL);
	if (font_check(p))
		return FORM_NO_FONT;

	probe = pango_layout_new(p->ctx);
	pango_layout_set_font_description(probe, p->body);
	pango_layout_set_text(probe, "中", -1);
	pango_layout_get_extents(probe, &ink, &logical);
	p->line_h = (double)logical.height / PANGO_SCALE;
	g_object_unref(probe);

	footer_init(p, f->footer);
	p->bottom = PAGENO_TOP - (p->footer ? p->footer_h + 12 : 10);
	if (!p->err)
		rows_build(p, f);
	if (!p->err) {
		buf_reset(&p->text);
		p->err = form_text_append(&p->text, f->title, false);
	}
	if (!p->err) {
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, p->text.ptr);
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "baomi");
	}
	return p->err;
}

static void pdf_release(struct pdf *p)
{
	for (size_t i = 0; i < p->nrows; i++) {
		for (int j = 0; j < p->rows[i].nc; j++)
			cell_release(&p->rows[i].c[j]);
		cell_release(&p->rows[i].cont);
	}
	free(p->rows);
	if (p->footer)
		g_object_unref(p->footer);
	if (p->body)
		pango_font_description_free(p->body);
	if (p->title)
		pango_font_description_free(p->title);
	if (p->small)
		pango_font_description_free(p->small);
	if (p->ctx)
		g_object_unref(p->ctx);
	if (p->fontmap)
		g_object_unref(p->fontmap);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surface)
		cairo_surface_destroy(p->surface);
	buf_release(&p->text);
}

enum form_err form_pdf(const struct form *f, struct buf *out)
{
	struct pdf p = {.err = FORM_OK};
	struct sink sink = {.b = out, .err = BUF_OK};
	enum form_err e;
	cairo_status_t st;

	e = form_check(f);
	if (e)
		return e;
	buf_init(&p.text, 3 * FORM_MAX_TEXT + 64); /* U+FFFD for each bad byte */
	e = setup(&p, &sink, f);
	if (!e) {
		paginate(&p, false);
		if (!p.err)
			paginate(&p, true);
		e = p.err;
	}
	if (p.surface) {
		cairo_surface_finish(p.surface);
		st = cairo_surface_status(p.surface);
		if (!e && sink.err)
			e = form_buf_err(sink.err);
		if (!e && st)
			e = st == CAIRO_STATUS_NO_MEMORY ? FORM_NOMEM : FORM_RENDER;
	}
	pdf_release(&p);
	return e;
}
