/*
 * pdf_common — what the PDF renderers (form_pdf, doc_pdf) share: an A4 PDF
 * written into a struct buf, a pango context of its own with the Noto Serif
 * CJK SC faces, text cells broken into lines that can be drawn a few at a
 * time (so that pages may break between them), boxes, and the page end with
 * the footer and "第 N 页 共 M 页".
 *
 * A renderer lays out its pages twice with the same code: a counting pass
 * (p->draw false: nothing drawn) and a drawing pass, so that every page can
 * name the number of pages.  pdf_pass_begin starts a pass on page 1,
 * pdf_page_new ends a page (drawing its footer and number) and starts the
 * next, pdf_pass_end ends the last.
 *
 * Errors stick: every function here does nothing once p->err is set, so a
 * renderer checks it at its loops and once at the end.  Internal to
 * src/export; the renderers' own headers are the interface.
 */
#ifndef BAOMI_EXPORT_PDF_COMMON_H
#define BAOMI_EXPORT_PDF_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "../util/buf.h"

/* the values of enum form_err and enum doc_err */
enum pdf_err {
	PDF_OK = 0,
	PDF_NOMEM,
	PDF_TOO_BIG,
	PDF_RENDER,
	PDF_NO_FONT,
};

/* A4 in points; margins 20 mm at the sides and top. */
#define PDF_PAGE_W 595.276
#define PDF_PAGE_H 841.890
#define PDF_MARGIN 56.693
#define PDF_TEXT_W (PDF_PAGE_W - 2 * PDF_MARGIN)
#define PDF_PAD_X 4.0   /* text inside a cell, left and right */
#define PDF_PAD_Y 3.0   /* text inside a box, above and below */
#define PDF_RULE_W 0.75 /* box lines, unless p->rule_w says otherwise */
#define PDF_SHADE 0.90  /* shaded boxes, grey level */
/* more body lines than fit on a page: a cell may have max_pages times this many */
#define PDF_MAX_LINES_PER_PAGE 64

enum pdf_font {
	PDF_BODY,       /* 10.5 pt, 五号 */
	PDF_BOLD,       /* 10.5 pt bold */
	PDF_SMALL,      /* 9 pt, 小五 */
	PDF_SMALL_BOLD, /* 9 pt bold */
	PDF_HEADING,    /* 14 pt bold, 四号 */
	PDF_TITLE,      /* 18 pt bold, 小二 */
	PDF_NFONTS,
};

struct pdf_line {
	PangoLayoutLine *line;
	double top, bottom; /* logical extent in the layout, points */
	double baseline;
	double x; /* start of the line (alignment, indent) */
};

/* A text laid out in a column: lines [next, nlines) are still to be drawn. */
struct pdf_cell {
	PangoLayout *layout; /* NULL: no text */
	struct pdf_line *lines;
	int nlines;
	int next;
	double x, w; /* the cell; its text is inset by PDF_PAD_X */
	bool shaded;
};

struct pdf_sink {
	struct buf *b;
	enum buf_err err;
};

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *ctx;
	PangoFontDescription *font[PDF_NFONTS];
	struct pdf_sink sink;
	struct buf text; /* scratch: cleaned text for a layout */
	struct buf runs; /* scratch: the same with breaks in long runs (pdf_common.c) */
	PangoLayout *footer;
	double footer_h;
	double bottom; /* lowest y the body may reach (above footer and page number) */
	double line_h; /* one PDF_BODY line */
	double rule_w; /* box lines */
	int max_pages;
	/* pagination */
	bool draw;
	int page, npages;
	double y;
	bool at_top; /* nothing placed on this page yet */
	enum pdf_err err;
};

/*
 * Starts a PDF written to out: the surface, the fonts (PDF_NO_FONT unless
 * some installed font covers Chinese), the title as metadata, the footer
 * (cut to about three lines) that every page carries.  text_max caps the
 * scratch buffer (3 times the longest text, for U+FFFD); more than
 * max_pages pages is PDF_TOO_BIG.  Returns p->err; call pdf_close in any case.
 */
enum pdf_err pdf_open(struct pdf *p, struct buf *out, const char *title, const char *footer,
                      size_t text_max, int max_pages);

/* Finishes the file into out (unless p->err), releases everything, returns the result. */
enum pdf_err pdf_close(struct pdf *p);

/*
 * Lays out s (through the text filter) and suffix (NULL: none, not filtered)
 * in font to the width of a cell at x of width w, wrapped anywhere, with the
 * first line of each paragraph indented by indent points.  On failure
 * p->err is set and c may be half made (pdf_cell_release copes).
 */
void pdf_cell_init(struct pdf *p, struct pdf_cell *c, const char *s, const char *suffix,
                   enum pdf_font font, PangoAlignment align, double indent, double x, double w,
                   bool shaded);
void pdf_cell_release(struct pdf_cell *c);

/* Height of lines [c->next, end) of c. */
double pdf_lines_h(const struct pdf_cell *c, int end);
/* Height of c's undrawn lines. */
double pdf_cell_rest_h(const struct pdf_cell *c);
/* How many of c's undrawn lines fit in height h. */
int pdf_lines_fit(const struct pdf_cell *c, double h);
/* Draws lines [c->next, end) (when p->draw) with the top of the first at y. */
void pdf_cell_draw(struct pdf *p, const struct pdf_cell *c, double y, int end);
/* A box with thin lines, filled grey when shaded (when p->draw). */
void pdf_box(struct pdf *p, double x, double y, double w, double h, bool shaded);

void pdf_pass_begin(struct pdf *p, bool draw);
void pdf_page_new(struct pdf *p);
/* Ends the last page; p->npages is then the number of pages. */
void pdf_pass_end(struct pdf *p);

/* The buf error as a pdf error. */
enum pdf_err pdf_buf_err(enum buf_err e);

#endif
