/*
 * Tests of carrier label sheets (src/export/labels.h): the stocks' grids fit
 * A4, the sheets are real PDFs with the right page count and text (number
 * and mark, nothing else), and the QR code on the page is the matrix
 * libqrencode made for the number: the first page is rasterised with
 * pdftoppm and every module's centre is compared with the matrix, the quiet
 * zone included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "../../src/export/labels.h"
#include "../../src/util/buf.h"

#define OUT_MAX ((size_t)64 << 20)
#define KEEP_ENV "BAOMI_LABELS_OUT"

#include "poppler.h"

#define A4_W_MM 210.0
#define A4_H_MM 297.0
#define PT_PER_MM (72.0 / 25.4)

static void test_layouts_fit_a4(void **state)
{
	size_t n;
	const struct labels_layout *l = labels_layouts(&n);

	(void)state;
	assert_true(n >= 3);
	for (size_t i = 0; i < n; i++) {
		double right = l[i].left + l[i].cols * l[i].w + (l[i].cols - 1) * l[i].gap_x;
		double bottom = l[i].top + l[i].rows * l[i].h + (l[i].rows - 1) * l[i].gap_y;
		double x, y, w, h;

		assert_true(right <= A4_W_MM + 0.01);
		assert_true(bottom <= A4_H_MM + 0.01);
		assert_ptr_equal(labels_layout_find(l[i].code), &l[i]);
		/* the last label of a page, then the first of the next */
		labels_cell(&l[i], (size_t)(l[i].cols * l[i].rows - 1), &x, &y, &w, &h);
		assert_true(x + w <= A4_W_MM * PT_PER_MM + 0.1);
		labels_cell(&l[i], (size_t)(l[i].cols * l[i].rows), &x, &y, &w, &h);
		assert_true(x < 30 * PT_PER_MM && y < 30 * PT_PER_MM);
	}
	assert_null(labels_layout_find("letter-2x5"));
}

/* The grey of the pixel at (x, y) points on a page rendered at dpi. */
static int pixel(const unsigned char *px, int w, double x, double y, int dpi)
{
	int col = (int)(x / 72.0 * dpi), row = (int)(y / 72.0 * dpi);

	return px[(size_t)row * (size_t)w + (size_t)col];
}

static void test_qr_on_the_page(void **state)
{
	const struct labels_layout *l = labels_layout_find("a4-4x10");
	struct labels_item items[3] = {
	    {"SWJW-2026-WJ-000123", "机密★20年"},
	    {"SWJW-2026-JZ-000007", "秘密★10年"},
	    {"SWJW-2026-SB-000042", "内部"},
	};
	static bool dark[LABELS_QR_MAX * LABELS_QR_MAX];
	struct buf out;
	char path[256], prefix[300], pgm[320];
	int width, w, h, maxval, dpi = 300;
	unsigned char *px;
	FILE *fp;
	char *txt;

	(void)state;
	buf_init(&out, OUT_MAX);
	assert_int_equal(labels_pdf(l, items, 3, &out), LABELS_OK);
	assert_memory_equal(out.ptr, "%PDF-", 5);
	keep(&out, "labels.pdf");
	write_temp(&out, path);
	assert_int_equal(pdf_pages(path), 1);
	txt = run("pdftotext '%s' - | tr -d ' \\n-'", path);
	assert_non_null(strstr(txt, "机密★20年"));
	assert_non_null(strstr(txt, "SWJW2026SB000042"));
	free(txt);

	snprintf(prefix, sizeof(prefix), "%s-qr", path);
	free(run("pdftoppm -gray -r %d -f 1 -l 1 -singlefile '%s' '%s'", dpi, path, prefix));
	snprintf(pgm, sizeof(pgm), "%s.pgm", prefix);
	fp = fopen(pgm, "rb");
	assert_non_null(fp);
	assert_int_equal(fscanf(fp, "P5 %d %d %d", &w, &h, &maxval), 3);
	fgetc(fp);
	px = malloc((size_t)w * (size_t)h);
	assert_non_null(px);
	assert_int_equal(fread(px, 1, (size_t)w * (size_t)h, fp), (size_t)w * (size_t)h);
	fclose(fp);
	unlink(pgm);

	for (size_t i = 0; i < 3; i++) {
		double x, y, cw, ch, qx, qy, m;

		assert_true(labels_qr(items[i].number, dark, &width));
		assert_true(width >= 21 && (width - 17) % 4 == 0);
		labels_cell(l, i, &x, &y, &cw, &ch);
		labels_qr_place(x, y, cw, ch, width, &qx, &qy, &m);
		/* a module is at least 3 pixels at 300 dpi: its centre is unambiguous */
		assert_true(m / 72.0 * dpi >= 3.0);
		for (int r = -LABELS_QUIET; r < width + LABELS_QUIET; r++)
			for (int c = -LABELS_QUIET; c < width + LABELS_QUIET; c++) {
				bool in = r >= 0 && c >= 0 && r < width && c < width;
				bool want = in && dark[r * width + c];
				int g = pixel(px, w, qx + (c + 0.5) * m, qy + (r + 0.5) * m, dpi);

				if (want != (g < 128))
					fail_msg("label %zu module (%d,%d): grey %d, want %s", i, r,
					         c, g, want ? "dark" : "light");
			}
	}
	free(px);
	unlink(path);
	buf_release(&out);
}

static void test_pages_and_caps(void **state)
{
	const struct labels_layout *l = labels_layout_find("a4-3x8");
	struct labels_item *items = calloc(LABELS_MAX + 1, sizeof(*items));
	struct buf out;
	char path[256], *txt;
	static char longnum[3000];
	double t0;
	static bool dark[LABELS_QR_MAX * LABELS_QR_MAX];
	int width;

	(void)state;
	assert_non_null(items);
	for (size_t i = 0; i <= LABELS_MAX; i++)
		items[i] = (struct labels_item){"TEST-2026-WJ-000001", "秘密★10年"};
	buf_init(&out, OUT_MAX);
	t0 = now_ms();
	assert_int_equal(labels_pdf(l, items, 25, &out), LABELS_OK);
	printf("25 labels rendered in %.0f ms\n", now_ms() - t0);
	write_temp(&out, path);
	assert_int_equal(pdf_pages(path), 2); /* 24 on a page */
	assert_true(page_ink(path, 2) > 0);   /* the 25th label is on the second */
	txt = run("pdftotext '%s' -", path);
	assert_null(strstr(txt, "页")); /* a label sheet has no footer or page number */
	free(txt);
	unlink(path);
	buf_reset(&out);
	assert_int_equal(labels_pdf(l, items, LABELS_MAX + 1, &out), LABELS_TOO_BIG);
	/* a text no QR code holds (over 2,331 bytes at level M) */
	memset(longnum, 'A', sizeof(longnum) - 1);
	longnum[sizeof(longnum) - 1] = '\0';
	assert_false(labels_qr(longnum, dark, &width));
	items[0].number = longnum;
	assert_int_equal(labels_pdf(l, items, 1, &out), LABELS_TOO_BIG);
	buf_release(&out);
	free(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_layouts_fit_a4),
	    cmocka_unit_test(test_qr_on_the_page),
	    cmocka_unit_test(test_pages_and_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
