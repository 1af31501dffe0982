/*
 * labels — sheets of carrier labels (载体标签) as PDF for common A4 label
 * stock: on each label the carrier's number, its level mark and a QR code
 * that holds the number only (never the title), which the inventory page
 * reads back from a USB scanner.
 *
 * The QR code is made by libqrencode (error correction M, 8-bit mode, case
 * kept) and drawn module by module as filled squares with a quiet zone of
 * LABELS_QUIET modules on every side.  Reentrant like the other renderers.
 */
#ifndef BAOMI_EXPORT_LABELS_H
#define BAOMI_EXPORT_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/buf.h"

#define LABELS_MAX 2000 /* labels in one sheet set */
#define LABELS_QUIET 4  /* modules of white around the code */
#define LABELS_QR_MAX 177

/* A label stock: the grid on A4 portrait, in millimetres. */
struct labels_layout {
	const char *code; /* "a4-3x8" */
	const char *zh;   /* "A4 3×8（70×37 毫米）" */
	int cols, rows;
	double w, h;         /* one label */
	double left, top;    /* the first label's corner from the page's */
	double gap_x, gap_y; /* between labels */
};

/* The stocks offered, in order (n of them). */
const struct labels_layout *labels_layouts(size_t *n);
/* A stock by code, or NULL. */
const struct labels_layout *labels_layout_find(const char *code);

struct labels_item {
	const char *number; /* on the label and in the QR code */
	const char *mark;   /* 密级★保密期限, or the level's name when unclassified */
};

/* Where on its page label i (0-based, of all) lies, in points from the top left. */
void labels_cell(const struct labels_layout *l, size_t i, double *x, double *y, double *w,
                 double *h);
/*
 * Where the QR code of a label at (x, y, w, h) lies: its top left corner and
 * the side of one module (quiet zone included in the square of
 * width + 2 × LABELS_QUIET modules).
 */
void labels_qr_place(double x, double y, double w, double h, int width, double *qx, double *qy,
                     double *module);

/*
 * The QR matrix of text: *width modules a side, dark[y * width + x] true for
 * a dark module.  dark holds LABELS_QR_MAX² bytes.  false when the text
 * does not fit a QR code or memory ran out.
 */
bool labels_qr(const char *text, bool *dark, int *width);

enum labels_err {
	LABELS_OK = 0,
	LABELS_NOMEM,
	LABELS_TOO_BIG, /* over LABELS_MAX, or a number no QR code holds */
	LABELS_RENDER,
	LABELS_NO_FONT,
};

/* The sheets for items in the layout's order (left to right, top down), appended to out. */
enum labels_err labels_pdf(const struct labels_layout *l, const struct labels_item *items, size_t n,
                           struct buf *out);
const char *labels_err_en(enum labels_err e);

#endif
