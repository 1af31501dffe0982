#include "labels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "pdf_common.h"
#include "text.h"

#define MM (72.0 / 25.4)
#define PAD (1.5 * MM) /* inside a label's edge, and between the code and the text */

static const struct labels_layout layouts[] = {
    {"a4-3x8", "A4 3×8（70×37 毫米）", 3, 8, 70.0, 37.0, 0.0, 0.5, 0.0, 0.0},
    {"a4-2x7", "A4 2×7（99.1×38.1 毫米）", 2, 7, 99.1, 38.1, 4.65, 15.15, 2.5, 0.0},
    {"a4-4x10", "A4 4×10（48.5×25.4 毫米）", 4, 10, 48.5, 25.4, 8.0, 21.5, 0.0, 0.0},
};

const struct labels_layout *labels_layouts(size_t *n)
{
	*n = sizeof(layouts) / sizeof(layouts[0]);
	return layouts;
}

const struct labels_layout *labels_layout_find(const char *code)
{
	for (size_t i = 0; code && i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (strcmp(layouts[i].code, code) == 0)
			return &layouts[i];
	return NULL;
}

void labels_cell(const struct labels_layout *l, size_t i, double *x, double *y, double *w,
                 double *h)
{
	size_t per = (size_t)l->cols * (size_t)l->rows, k = i % per;
	size_t col = k % (size_t)l->cols, row = k / (size_t)l->cols;

	*x = (l->left + (double)col * (l->w + l->gap_x)) * MM;
	*y = (l->top + (double)row * (l->h + l->gap_y)) * MM;
	*w = l->w * MM;
	*h = l->h * MM;
}

void labels_qr_place(double x, double y, double w, double h, int width, double *qx, double *qy,
                     double *module)
{
	double side = fmin(h, w / 2) - 2 * PAD;

	*module = side / (width + 2 * LABELS_QUIET);
	*qx = x + PAD + LABELS_QUIET * *module;
	*qy = y + (h - side) / 2 + LABELS_QUIET * *module;
}

bool labels_qr(const char *text, bool *dark, int *width)
{
	QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);

	if (!q)
		return false;
	if (q->width > LABELS_QR_MAX) {
		QRcode_free(q);
		return false;
	}
	*width = q->width;
	for (int i = 0; i < q->width * q->width; i++)
		dark[i] = q->data[i] & 1;
	QRcode_free(q);
	return true;
}

/* The text of one line of a label through the export filter, laid out at font to width w. */
static PangoLayout *label_text(struct pdf *p, const char *s, enum pdf_font font, double w)
{
	PangoLayout *lay;

	buf_reset(&p->text);
	p->err = pdf_buf_err(export_text_append(&p->text, s, false));
	if (p->err)
		return NULL;
	lay = pango_layout_new(p->ctx);
	pango_layout_set_font_description(lay, p->font[font]);
	pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_CHAR);
	pango_layout_set_text(lay, p->text.ptr, (int)p->text.len);
	return lay;
}

static void draw_label(struct pdf *p, const struct labels_layout *l, size_t i,
                       const struct labels_item *it, bool *dark)
{
	cairo_t *cr = p->cr;
	double x, y, w, h, qx, qy, m, tx, tw, ty;
	int width;
	PangoLayout *mark = NULL, *num = NULL;
	PangoRectangle ink, lm, ln;

	labels_cell(l, i, &x, &y, &w, &h);
	if (!labels_qr(it->number ? it->number : "", dark, &width)) {
		p->err = PDF_TOO_BIG;
		return;
	}
	labels_qr_place(x, y, w, h, width, &qx, &qy, &m);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < width; r++)
		for (int c = 0; c < width; c++)
			if (dark[r * width + c])
				cairo_rectangle(cr, qx + c * m, qy + r * m, m, m);
	cairo_fill(cr);

	tx = qx + (width + LABELS_QUIET) * m + PAD;
	tw = x + w - PAD - tx;
	mark = label_text(p, it->mark, l->h < 30 ? PDF_SMALL_BOLD : PDF_BOLD, tw);
	if (mark)
		num = label_text(p, it->number, PDF_SMALL, tw);
	if (!mark || !num)
		goto out;
	pango_layout_get_extents(mark, &ink, &lm);
	pango_layout_get_extents(num, &ink, &ln);
	ty = y + (h - (double)(lm.height + ln.height) / PANGO_SCALE - PAD) / 2;
	cairo_save(cr);
	cairo_rectangle(cr, tx, y + PAD / 2, tw, h - PAD);
	cairo_clip(cr);
	cairo_move_to(cr, tx, ty);
	pango_cairo_show_layout(cr, mark);
	cairo_move_to(cr, tx, ty + (double)lm.height / PANGO_SCALE + PAD);
	pango_cairo_show_layout(cr, num);
	cairo_restore(cr);
out:
	if (mark)
		g_object_unref(mark);
	if (num)
		g_object_unref(num);
}

static enum labels_err from_pdf(enum pdf_err e)
{
	switch (e) {
	case PDF_OK:
		return LABELS_OK;
	case PDF_NOMEM:
		return LABELS_NOMEM;
	case PDF_TOO_BIG:
		return LABELS_TOO_BIG;
	case PDF_NO_FONT:
		return LABELS_NO_FONT;
	case PDF_RENDER:
		break;
	}
	return LABELS_RENDER;
}

enum labels_err labels_pdf(const struct labels_layout *l, const struct labels_item *items, size_t n,
                           struct buf *out)
{
	struct pdf p;
	size_t per = (size_t)l->cols * (size_t)l->rows;
	bool *dark;
	enum pdf_err e;

	if (n > LABELS_MAX)
		return LABELS_TOO_BIG;
	dark = malloc(sizeof(bool) * LABELS_QR_MAX * LABELS_QR_MAX);
	if (!dark)
		return LABELS_NOMEM;
	memset(&p, 0, sizeof(p));
	/* a number or mark is short: the scratch text holds 3 × 1 KiB */
	if (!pdf_open(&p, out, "载体标签", NULL, 3 * 1024, (int)(LABELS_MAX / per + 1))) {
		for (size_t i = 0; i < n && !p.err; i++) {
			if (i && i % per == 0)
				cairo_show_page(p.cr);
			draw_label(&p, l, i, &items[i], dark);
		}
		if (!p.err)
			cairo_show_page(p.cr);
	}
	e = pdf_close(&p);
	free(dark);
	return from_pdf(e);
}

const char *labels_err_en(enum labels_err e)
{
	switch (e) {
	case LABELS_OK:
		return "ok";
	case LABELS_NOMEM:
		return "out of memory";
	case LABELS_TOO_BIG:
		return "too many labels, or a number too long for a QR code";
	case LABELS_RENDER:
		return "rendering failed";
	case LABELS_NO_FONT:
		return "no installed font covers Chinese";
	}
	return "unknown error";
}
