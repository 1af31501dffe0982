/*
 * pdf_common — the cairo and pango set-up, text cells and page ends shared
 * by the PDF renderers.
 *
 * cairo's PDF surface embeds a subset of the Noto CJK font and a ToUnicode
 * map, so the Chinese text prints on any machine and can still be searched
 * and copied (libharu, the other candidate, renders blank CJK pages).
 *
 * All text is set in Noto Serif CJK SC (宋体 style, as official documents
 * are), not Noto Sans CJK: the CFF subsetter of cairo 1.16 (Debian 12)
 * miscounts hintmask bytes when a glyph's first hintmask follows path
 * operators, drops local subroutines the glyph still calls, and so prints 如
 * blank and 瘃 in part (Sans Regular; 忉 and 烪 in Sans Bold).  Checked over
 * every BMP character of the four faces of fonts-noto-cjk 20220127: the two
 * Serif faces are not affected.  tests/unit/test_form.c renders these glyphs.
 *
 * Everything lives in one struct pdf owned by one call: the surface, the
 * cairo context, a pango font map and context of its own, the layouts.
 * Only fontconfig's configuration (and cairo's font face cache) is
 * process-wide, and both are thread-safe, so HTTP worker threads may render
 * at the same time.  cairo and fontconfig keep a little memory of their own
 * (tests/lsan.supp).
 */
#include "pdf_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <cairo-pdf.h>

#include "text.h"

#define PAGENO_TOP (PDF_PAGE_H - 36.0)
#define RUN_MAX 32        /* code points without a break opportunity before a U+200B goes in */
#define FOOTER_MAX_H 40.0 /* a footer is cut to about three lines */

static const char *const font_names[PDF_NFONTS] = {
    [PDF_BODY] = "Noto Serif CJK SC 10.5",       [PDF_BOLD] = "Noto Serif CJK SC Bold 10.5",
    [PDF_SMALL] = "Noto Serif CJK SC 9",         [PDF_SMALL_BOLD] = "Noto Serif CJK SC Bold 9",
    [PDF_HEADING] = "Noto Serif CJK SC Bold 14", [PDF_TITLE] = "Noto Serif CJK SC Bold 18",
};

enum pdf_err pdf_buf_err(enum buf_err e)
{
	switch (e) {
	case BUF_OK:
		return PDF_OK;
	case BUF_TOO_BIG:
		return PDF_TOO_BIG;
	case BUF_NOMEM:
		break;
	}
	return PDF_NOMEM;
}

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_sink *s = closure;

	if (!s->err)
		s->err = buf_append(s->b, data, len);
	return s->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* ---- cells ---- */

static bool breaks_run(gunichar c)
{
	GUnicodeBreakType b = g_unichar_break_type(c);

	return g_unichar_isspace(c) || b == G_UNICODE_BREAK_IDEOGRAPHIC ||
	       b == G_UNICODE_BREAK_ZERO_WIDTH_SPACE;
}

/*
 * pango 1.50 lays out a run of text with no break opportunity (letters or
 * digits without a space) in time quadratic in its length when it has to
 * wrap it: 40,000 letters take seconds, the 8 MB a report may hold would
 * take hours.  A zero-width space (U+200B: invisible, and not in the text a
 * reader extracts or copies) after every RUN_MAX code points of such a run
 * gives pango places to break and keeps layout linear; it goes before a
 * base character only, never between a character and its marks.
 *
 * Sets *text and *len to p->text, or to p->runs when something went in.
 */
static void break_runs(struct pdf *p, const char **text, size_t *len)
{
	const char *s = p->text.ptr ? p->text.ptr : "", *end = s + p->text.len, *done = s;
	int run = 0;

	*text = s;
	*len = p->text.len;
	buf_reset(&p->runs);
	for (const char *q = s; q < end && !p->err; q = g_utf8_next_char(q)) {
		gunichar c = g_utf8_get_char(q);

		if (breaks_run(c)) {
			run = 0;
			continue;
		}
		if (run >= RUN_MAX && !g_unichar_ismark(c) &&
		    g_unichar_type(c) != G_UNICODE_FORMAT) {
			enum buf_err e = buf_append(&p->runs, done, (size_t)(q - done));

			if (!e)
				e = buf_puts(&p->runs, "\xE2\x80\x8B");
			p->err = pdf_buf_err(e);
			done = q;
			run = 0;
		}
		run++;
	}
	if (done == s || p->err)
		return;
	p->err = pdf_buf_err(buf_append(&p->runs, done, (size_t)(end - done)));
	*text = p->runs.ptr;
	*len = p->runs.len;
}

void pdf_cell_init(struct pdf *p, struct pdf_cell *c, const char *s, const char *suffix,
                   enum pdf_font font, PangoAlignment align, double indent, double x, double w,
                   bool shaded)
{
	PangoLayoutIter *it;
	const char *text;
	size_t len;
	int i = 0;

	c->x = x;
	c->w = w;
	c->shaded = shaded;
	c->next = 0;
	if (p->err)
		return;
	buf_reset(&p->text);
	p->err = pdf_buf_err(export_text_append(&p->text, s, false));
	if (!p->err && suffix)
		p->err = pdf_buf_err(buf_puts(&p->text, suffix));
	if (!p->err)
		break_runs(p, &text, &len);
	if (p->err)
		return;
	c->layout = pango_layout_new(p->ctx);
	pango_layout_set_font_description(c->layout, p->font[font]);
	pango_layout_set_width(c->layout, (int)((w - 2 * PDF_PAD_X) * PANGO_SCALE));
	pango_layout_set_wrap(c->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(c->layout, align);
	if (indent > 0)
		pango_layout_set_indent(c->layout, (int)(indent * PANGO_SCALE));
	pango_layout_set_text(c->layout, text, (int)len);

	c->nlines = pango_layout_get_line_count(c->layout);
	/* more lines than the page cap allows; also keeps pango's int coordinates from overflowing
	 */
	if (c->nlines > p->max_pages * PDF_MAX_LINES_PER_PAGE) {
		p->err = PDF_TOO_BIG;
		return;
	}
	c->lines = calloc((size_t)(c->nlines > 0 ? c->nlines : 1), sizeof(*c->lines));
	if (!c->lines) {
		p->err = PDF_NOMEM;
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

void pdf_cell_release(struct pdf_cell *c)
{
	if (c->layout)
		g_object_unref(c->layout);
	free(c->lines);
	c->layout = NULL;
	c->lines = NULL;
	c->nlines = 0;
	c->next = 0;
}

double pdf_lines_h(const struct pdf_cell *c, int end)
{
	if (end <= c->next)
		return 0;
	return c->lines[end - 1].bottom - c->lines[c->next].top;
}

double pdf_cell_rest_h(const struct pdf_cell *c)
{
	return pdf_lines_h(c, c->nlines);
}

int pdf_lines_fit(const struct pdf_cell *c, double h)
{
	int n = 0;

	while (c->next + n < c->nlines && pdf_lines_h(c, c->next + n + 1) <= h)
		n++;
	return n;
}

void pdf_cell_draw(struct pdf *p, const struct pdf_cell *c, double y, int end)
{
	if (!p->draw || p->err)
		return;
	for (int i = c->next; i < end; i++) {
		const struct pdf_line *l = &c->lines[i];

		cairo_move_to(p->cr, c->x + PDF_PAD_X + l->x,
		              y + l->baseline - c->lines[c->next].top);
		pango_cairo_show_layout_line(p->cr, l->line);
	}
}

void pdf_box(struct pdf *p, double x, double y, double w, double h, bool shaded)
{
	cairo_t *cr = p->cr;

	if (!p->draw || p->err)
		return;
	cairo_rectangle(cr, x, y, w, h);
	if (shaded) {
		cairo_set_source_rgb(cr, PDF_SHADE, PDF_SHADE, PDF_SHADE);
		cairo_fill_preserve(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, p->rule_w);
	cairo_stroke(cr);
}

/* ---- pages ---- */

/* The footer and the page number, then the page goes out (when drawing). */
static void page_finish(struct pdf *p)
{
	cairo_t *cr = p->cr;
	PangoLayout *l;
	char num[64];

	if (!p->draw || p->err)
		return;
	if (p->footer) {
		cairo_save(cr);
		cairo_rectangle(cr, PDF_MARGIN, PAGENO_TOP - 4 - p->footer_h, PDF_TEXT_W,
		                p->footer_h);
		cairo_clip(cr);
		cairo_move_to(cr, PDF_MARGIN, PAGENO_TOP - 4 - p->footer_h);
		pango_cairo_show_layout(cr, p->footer);
		cairo_restore(cr);
	}
	snprintf(num, sizeof(num), "第 %d 页 共 %d 页", p->page, p->npages);
	l = pango_layout_new(p->ctx);
	pango_layout_set_font_description(l, p->font[PDF_SMALL]);
	pango_layout_set_width(l, (int)(PDF_TEXT_W * PANGO_SCALE));
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pango_layout_set_text(l, num, -1);
	cairo_move_to(cr, PDF_MARGIN, PAGENO_TOP);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	cairo_show_page(cr);
}

void pdf_pass_begin(struct pdf *p, bool draw)
{
	p->draw = draw;
	p->page = 1;
	p->y = PDF_MARGIN;
	p->at_top = true;
}

void pdf_page_new(struct pdf *p)
{
	if (p->err)
		return;
	page_finish(p);
	p->page++;
	p->y = PDF_MARGIN;
	p->at_top = true;
	if (p->page > p->max_pages)
		p->err = PDF_TOO_BIG;
}

void pdf_pass_end(struct pdf *p)
{
	page_finish(p);
	p->npages = p->page;
}

/* ---- set-up ---- */

/* PDF_NO_FONT unless some installed font has a glyph for 中. */
static enum pdf_err font_check(struct pdf *p)
{
	PangoLanguage *zh = pango_language_from_string("zh-cn");
	PangoFontset *fs = pango_context_load_fontset(p->ctx, p->font[PDF_BODY], zh);
	PangoFont *font;
	PangoCoverage *cov;
	enum pdf_err e = PDF_NO_FONT;

	if (!fs)
		return PDF_NO_FONT;
	font = pango_fontset_get_font(fs, 0x4E2D);
	if (font) {
		cov = pango_font_get_coverage(font, zh);
		if (cov && pango_coverage_get(cov, 0x4E2D) != PANGO_COVERAGE_NONE)
			e = PDF_OK;
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
	p->err = pdf_buf_err(export_text_append(&p->text, footer, false));
	if (p->err)
		return;
	p->footer = pango_layout_new(p->ctx);
	pango_layout_set_font_description(p->footer, p->font[PDF_SMALL]);
	pango_layout_set_width(p->footer, (int)(PDF_TEXT_W * PANGO_SCALE));
	pango_layout_set_wrap(p->footer, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(p->footer, (int)(FOOTER_MAX_H * PANGO_SCALE));
	pango_layout_set_ellipsize(p->footer, PANGO_ELLIPSIZE_END);
	pango_layout_set_text(p->footer, p->text.ptr, (int)p->text.len);
	pango_layout_get_extents(p->footer, &ink, &logical);
	p->footer_h = fmin((double)logical.height / PANGO_SCALE, FOOTER_MAX_H);
}

enum pdf_err pdf_open(struct pdf *p, struct buf *out, const char *title, const char *footer,
                      size_t text_max, int max_pages)
{
	cairo_font_options_t *fo;
	PangoLayout *probe;
	PangoRectangle ink, logical;

	p->sink.b = out;
	p->sink.err = BUF_OK;
	p->max_pages = max_pages;
	p->rule_w = PDF_RULE_W;
	buf_init(&p->text, text_max);
	buf_init(&p->runs, text_max + text_max / 8 + 64); /* 3 bytes per 32 code points or more */
	p->surface =
	    cairo_pdf_surface_create_for_stream(sink_write, &p->sink, PDF_PAGE_W, PDF_PAGE_H);
	p->cr = cairo_create(p->surface);
	if (cairo_status(p->cr))
		return p->err =
		           cairo_status(p->cr) == CAIRO_STATUS_NO_MEMORY ? PDF_NOMEM : PDF_RENDER;

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

	for (int i = 0; i < PDF_NFONTS; i++)
		p->font[i] = pango_font_description_from_string(font_names[i]);
	if (font_check(p))
		return p->err = PDF_NO_FONT;

	probe = pango_layout_new(p->ctx);
	pango_layout_set_font_description(probe, p->font[PDF_BODY]);
	pango_layout_set_text(probe, "中", -1);
	pango_layout_get_extents(probe, &ink, &logical);
	p->line_h = (double)logical.height / PANGO_SCALE;
	g_object_unref(probe);

	footer_init(p, footer);
	p->bottom = PAGENO_TOP - (p->footer ? p->footer_h + 12 : 10);
	if (!p->err) {
		buf_reset(&p->text);
		p->err = pdf_buf_err(export_text_append(&p->text, title, false));
	}
	if (!p->err) {
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, p->text.ptr);
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "baomi");
	}
	return p->err;
}

enum pdf_err pdf_close(struct pdf *p)
{
	enum pdf_err e = p->err;

	if (p->surface) {
		cairo_status_t st;

		cairo_surface_finish(p->surface);
		st = cairo_surface_status(p->surface);
		if (!e && p->sink.err)
			e = pdf_buf_err(p->sink.err);
		if (!e && st)
			e = st == CAIRO_STATUS_NO_MEMORY ? PDF_NOMEM : PDF_RENDER;
	}
	if (p->footer)
		g_object_unref(p->footer);
	for (int i = 0; i < PDF_NFONTS; i++)
		if (p->font[i])
			pango_font_description_free(p->font[i]);
	if (p->ctx)
		g_object_unref(p->ctx);
	if (p->fontmap)
		g_object_unref(p->fontmap);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surface)
		cairo_surface_destroy(p->surface);
	buf_release(&p->text);
	buf_release(&p->runs);
	return e;
}
