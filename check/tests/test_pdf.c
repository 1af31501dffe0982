/*
 * PDF text as a reader sees it: text outside the CropBox, words hyphenated
 * at a line end, a NUL inside a page's text, annotations and form field
 * values, a header after a BOM, fonts that cannot be mapped (an error for
 * the file), a CJK font that needs poppler-data, text that annotations draw
 * (a push button's caption, a stamp), ligatures spelt out, and a word
 * whose glyphs step back on the same baseline.  Each PDF is built
 * here and read through scan_buffer, that is through the worker process.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "corpus.h"
#include "kw.h"
#include "pdftext.h"
#include "scan.h"

static const char keywords[] = "OUTSIDECROP\nstructure\nAFTERNUL\nANNOTNOTE\nFREETEXTNOTE\n"
                               "FIELDVALUE\nCHOICEVALUE\nBOMPDF\n绝密\nBUTTONCAPTION\n"
                               "STAMPTEXT\ndefinitely\nGraduates\n";

static struct kw_set ks;
static struct scan_engine eng;

static int setup(void **state)
{
	size_t line;

	(void)state;
	kw_set_init(&ks);
	if (kw_set_load_mem(&ks, keywords, strlen(keywords), &line) != KW_OK)
		return -1;
	return scan_engine_init(&eng, &ks, MATCH_AC, 0) == SCAN_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	scan_engine_release(&eng);
	kw_set_release(&ks);
	pdftext_shutdown();
	return 0;
}

/* Occurrences of word in f. */
static uint64_t count_of(const struct scan_file *f, const char *word)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < f->nhits; i++)
		if (strcmp(ks.words[f->hits[i].kw], word) == 0)
			n += f->hits[i].count;
	return n;
}

/*
 * A one-page PDF: page_extra goes into the page dictionary, fonts into its
 * resources (NULL: F1, object 5, Helvetica), content is its stream,
 * catalog_extra goes into the catalog, and objects 6... are extra.
 */
static void scan_page(const char *prefix, const char *catalog_extra, const char *page_extra,
                      const char *fonts, const char *content, const struct pdf_obj *extra,
                      size_t nextra, struct scan_file *f)
{
	char catalog[512], page[1024];
	struct pdf_obj objs[12];
	struct cbuf b;
	size_t i;

	snprintf(catalog, sizeof(catalog), "<< /Type /Catalog /Pages 2 0 R %s >>", catalog_extra);
	snprintf(page, sizeof(page),
	         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Resources << /Font "
	         "<< %s >> >> /Contents 4 0 R >>",
	         page_extra, fonts ? fonts : "/F1 5 0 R");
	objs[0] = (struct pdf_obj){catalog, NULL, 0};
	objs[1] = (struct pdf_obj){"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", NULL, 0};
	objs[2] = (struct pdf_obj){page, NULL, 0};
	objs[3] = (struct pdf_obj){"", content, strlen(content)};
	objs[4] =
	    (struct pdf_obj){"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", NULL, 0};
	for (i = 0; i < nextra; i++)
		objs[5 + i] = extra[i];
	cbuf_init(&b, 1 << 20);
	assert_int_equal(corpus_pdf_objs(&b, prefix, objs, 5 + nextra), 0);
	assert_int_equal(scan_buffer(&eng, (const unsigned char *)b.ptr, b.len, f), SCAN_OK);
	cbuf_release(&b);
}

static void need_pdf(void)
{
	if (!pdftext_available())
		skip();
}

/*
 * scan_page with font F2 (object 7, Helvetica) whose codes map to Unicode
 * by a ToUnicode CMap (object 6) called name, of the bfchar and bfrange
 * sections maps.
 */
static void scan_tounicode(const char *name, const char *maps, const char *content,
                           struct scan_file *f)
{
	char cmap[1024];
	struct pdf_obj extra[2] = {
	    {"", cmap, 0},
	    {"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>", NULL, 0},
	};
	int n = snprintf(cmap, sizeof(cmap),
	                 "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                 "/CMapName /%s def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\n"
	                 "endcodespacerange\n%sendcmap\nCMapName currentdict /CMap defineresource "
	                 "pop\nend\nend\n",
	                 name, maps);

	assert_true(n > 0 && (size_t)n < sizeof(cmap));
	extra[0].slen = (size_t)n;
	scan_page("", "", "", "/F2 7 0 R", content, extra, 2, f);
}

/*
 * scan_page with fonts, of which object 6 is a Type0 font of base font base
 * and CMap encoding, without ToUnicode, whose CID font (object 7) is of
 * Adobe's character collection ordering and supplement.
 */
static void scan_type0(const char *fonts, const char *base, const char *encoding,
                       const char *ordering, int supplement, const char *content,
                       struct scan_file *f)
{
	char type0[256], cid[256];
	struct pdf_obj extra[2] = {{type0, NULL, 0}, {cid, NULL, 0}};

	snprintf(type0, sizeof(type0),
	         "<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /%s /DescendantFonts [7 0 "
	         "R] >>",
	         base, encoding);
	snprintf(cid, sizeof(cid),
	         "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /%s /CIDSystemInfo << /Registry "
	         "(Adobe) /Ordering (%s) /Supplement %d >> >>",
	         base, ordering, supplement);
	scan_page("", "", "", fonts, content, extra, 2, f);
}

static void test_outside_cropbox(void **state)
{
	struct scan_file f;

	(void)state;
	need_pdf();
	scan_page("", "", "/CropBox [0 0 200 200]", NULL,
	          "BT /F1 12 Tf 20 20 Td (inside) Tj ET\n"
	          "BT /F1 12 Tf 400 700 Td (OUTSIDECROP) Tj ET\n",
	          NULL, 0, &f);
	assert_string_equal(f.format, "pdf");
	assert_null(f.error);
	assert_int_equal(count_of(&f, "OUTSIDECROP"), 1);
	scan_file_release(&f);
}

/*
 * The same with the page dictionary inside a compressed object stream, found
 * through a cross-reference stream (as PDF 1.5 writers do).
 */
static void test_outside_cropbox_objstm(void **state)
{
	static const char page[] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /CropBox "
	                           "[0 0 200 200] /Resources << /Font << /F1 5 0 R >> >> "
	                           "/Contents 4 0 R >>";
	static const char content[] = "BT /F1 12 Tf 20 20 Td (inside) Tj ET\n"
	                              "BT /F1 12 Tf 400 700 Td (OUTSIDECROP) Tj ET\n";
	struct cbuf b, os, z;
	size_t off[8], i;
	unsigned char xr[8 * 7];
	struct scan_file f;

	(void)state;
	need_pdf();
	cbuf_init(&b, 1 << 20);
	cbuf_init(&os, 1 << 20);
	cbuf_init(&z, 1 << 20);
	cbuf_puts(&os, "3 0 ");
	cbuf_puts(&os, page);
	assert_int_equal(corpus_zlib(&z, os.ptr, os.len), 0);
	cbuf_puts(&b, "%PDF-1.7\n");
	off[1] = b.len;
	cbuf_puts(&b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = b.len;
	cbuf_puts(&b, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
	off[4] = b.len;
	cbuf_printf(&b, "4 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
	            sizeof(content) - 1, content);
	off[5] = b.len;
	cbuf_puts(&b, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
	off[6] = b.len;
	cbuf_printf(&b,
	            "6 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %zu "
	            ">>\nstream\n",
	            z.len);
	cbuf_append(&b, z.ptr, z.len);
	cbuf_puts(&b, "\nendstream\nendobj\n");
	off[7] = b.len;
	/* Entries of 1 + 4 + 2 bytes: type, offset or object stream, generation or index. */
	memset(xr, 0, sizeof(xr));
	for (i = 0; i < 8; i++) {
		uint32_t v = i == 3 ? 6 : i == 0 ? 0 : (uint32_t)off[i];

		xr[i * 7] = i == 0 ? 0 : i == 3 ? 2 : 1;
		xr[i * 7 + 1] = (unsigned char)(v >> 24);
		xr[i * 7 + 2] = (unsigned char)(v >> 16);
		xr[i * 7 + 3] = (unsigned char)(v >> 8);
		xr[i * 7 + 4] = (unsigned char)v;
	}
	xr[5] = xr[6] = 0xFF;
	cbuf_printf(&b,
	            "7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length %zu "
	            ">>\nstream\n",
	            sizeof(xr));
	cbuf_append(&b, xr, sizeof(xr));
	cbuf_printf(&b, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", off[7]);
	assert_int_equal(scan_buffer(&eng, (const unsigned char *)b.ptr, b.len, &f), SCAN_OK);
	assert_string_equal(f.format, "pdf");
	assert_null(f.error);
	assert_int_equal(count_of(&f, "OUTSIDECROP"), 1);
	scan_file_release(&f);
	cbuf_release(&b);
	cbuf_release(&os);
	cbuf_release(&z);
}

static void test_hyphenated(void **state)
{
	struct scan_file f;

	(void)state;
	need_pdf();
	scan_page("", "", "", NULL,
	          "BT /F1 12 Tf 72 700 Td (the struc-) Tj 0 -14 Td (ture of it) Tj ET\n", NULL, 0,
	          &f);
	assert_null(f.error);
	assert_int_equal(count_of(&f, "structure"), 1);
	scan_file_release(&f);
}

static void test_nul_in_text(void **state)
{
	struct scan_file f;

	(void)state;
	need_pdf();
	/* Font F2, object 7, maps code 0 to "A" and U+0000 (a single U+0000 is "unmapped"). */
	scan_tounicode(
	    "T", "1 beginbfchar\n<00> <00410000>\nendbfchar\n",
	    "BT /F2 12 Tf 72 700 Td (BEFORE \\000 AFTERNUL) Tj 0 -14 Td (AFTERNUL) Tj ET\n", &f);
	assert_null(f.error);
	assert_int_equal(count_of(&f, "AFTERNUL"), 2);
	scan_file_release(&f);
}

static void test_annotations(void **state)
{
	struct pdf_obj extra[2] = {
	    {"<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /Contents (ANNOTNOTE) >>",
	     NULL, 0},
	    {"<< /Type /Annot /Subtype /FreeText /Rect [100 200 300 250] /DA (/Helv 12 Tf 0 g) "
	     "/Contents (FREETEXTNOTE) >>",
	     NULL, 0},
	};
	struct scan_file f;

	(void)state;
	need_pdf();
	scan_page("", "", "/Annots [6 0 R 7 0 R]", NULL, "BT /F1 12 Tf 72 700 Td (body) Tj ET\n",
	          extra, 2, &f);
	assert_null(f.error);
	assert_int_equal(count_of(&f, "ANNOTNOTE"), 1);
	/* Its contents, and what poppler draws of it. */
	assert_true(count_of(&f, "FREETEXTNOTE") >= 1);
	scan_file_release(&f);
}

static void test_form_fields(void **state)
{
	struct pdf_obj extra[2] = {
	    {"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (FIELDVALUE) "
	     "/Rect [100 600 300 620] /P 3 0 R >>",
	     NULL, 0},
	    {"<< /Type /Annot /Subtype /Widget /FT /Ch /Ff 131072 /T (pick) "
	     "/Opt [(one) (CHOICEVALUE)] /V (CHOICEVALUE) /Rect [100 500 300 520] /P 3 0 R >>",
	     NULL, 0},
	};
	struct scan_file f;

	(void)state;
	need_pdf();
	scan_page("", "/AcroForm << /Fields [6 0 R 7 0 R] >>", "/Annots [6 0 R 7 0 R]", NULL,
	          "BT /F1 12 Tf 72 700 Td (form) Tj ET\n", extra, 2, &f);
	assert_null(f.error);
	assert_true(count_of(&f, "FIELDVALUE") >= 1);
	assert_true(count_of(&f, "CHOICEVALUE") >= 1);
	scan_file_release(&f);
}

/*
 * A push button's caption is only in what it draws (its appearance
 * stream), as is the text of a stamp: pdftotext and a reader show both.
 */
static void test_drawn_by_annotations(void **state)
{
	static const char button[] = "BT /Helv 10 Tf 2 5 Td (BUTTONCAPTION) Tj ET";
	static const char stamp[] = "BT /Helv 14 Tf 5 10 Td (STAMPTEXT) Tj ET";
	struct pdf_obj extra[4] = {
	    {"<< /Type /Annot /Subtype /Widget /FT /Btn /Ff 65536 /T (b) /MK << >> "
	     "/Rect [100 600 200 620] /P 3 0 R /AP << /N 7 0 R >> >>",
	     NULL, 0},
	    {"/Type /XObject /Subtype /Form /BBox [0 0 100 20] /Resources << /Font << /Helv 5 0 R "
	     ">> >>",
	     button, sizeof(button) - 1},
	    {"<< /Type /Annot /Subtype /Stamp /Rect [100 300 300 340] /AP << /N 9 0 R >> >>", NULL,
	     0},
	    {"/Type /XObject /Subtype /Form /BBox [0 0 200 40] /Resources << /Font << /Helv 5 0 R "
	     ">> >>",
	     stamp, sizeof(stamp) - 1},
	};
	struct scan_file f;

	(void)state;
	need_pdf();
	scan_page("", "/AcroForm << /Fields [6 0 R] >>", "/Annots [6 0 R 8 0 R]", NULL,
	          "BT /F1 12 Tf 72 700 Td (form) Tj ET\n", extra, 4, &f);
	assert_null(f.error);
	assert_int_equal(count_of(&f, "BUTTONCAPTION"), 1);
	assert_int_equal(count_of(&f, "STAMPTEXT"), 1);
	scan_file_release(&f);
}

/* "ﬁ" (U+FB01, as the font's ToUnicode says) in "deﬁnitely" is found as "definitely". */
static void test_ligatures(void **state)
{
	struct scan_file f;

	(void)state;
	need_pdf();
	scan_tounicode("L",
	               "5 beginbfchar\n<41> <FB01>\n<64> <0064>\n<65> <0065>\n<6E> <006E>\n"
	               "<69> <0069>\nendbfchar\n1 beginbfrange\n<6C> <79> <006C>\nendbfrange\n",
	               "BT /F2 12 Tf 72 700 Td (deAnitely) Tj ET\n", &f);
	assert_null(f.error);
	assert_int_equal(count_of(&f, "definitely"), 1);
	scan_file_release(&f);
}

/*
 * Glyphs moved back (a writer's widths that do not match the font): poppler
 * starts a new line at each step back, a reader sees one word.
 */
static void test_step_back(void **state)
{
	struct scan_file f;

	(void)state;
	need_pdf();
	scan_page("", "", "", NULL,
	          "BT /F1 12 Tf 72 700 Td [(Our Gr) 900 (aduat) 900 (es)] TJ ET\n", NULL, 0, &f);
	assert_null(f.error);
	assert_int_equal(count_of(&f, "Graduates"), 1);
	scan_file_release(&f);
}

static void test_header_after_bom(void **state)
{
	static const char text[] = "这段文字提到 %PDF- 文件头，内容绝密\n";
	struct scan_file f;

	(void)state;
	need_pdf();
	scan_page("\xEF\xBB\xBF", "", "", NULL, "BT /F1 12 Tf 72 700 Td (BOMPDF) Tj ET\n", NULL, 0,
	          &f);
	assert_string_equal(f.format, "pdf");
	assert_int_equal(count_of(&f, "BOMPDF"), 1);
	scan_file_release(&f);
	/* Text that only names the header is still read as text. */
	assert_int_equal(scan_buffer(&eng, (const unsigned char *)text, sizeof(text) - 1, &f),
	                 SCAN_OK);
	assert_string_equal(f.format, "text");
	assert_null(f.error);
	assert_int_equal(count_of(&f, "绝密"), 1);
	scan_file_release(&f);
}

static void test_unmapped_font(void **state)
{
	struct scan_file f;
	char content[] = "BT /F1 12 Tf 72 700 Td (BOMPDF) Tj ET\nBT /F9 12 Tf 72 650 Td <7EDD5BC6> "
	                 "Tj ET\n";

	(void)state;
	need_pdf();
	scan_type0("/F1 5 0 R /F9 6 0 R", "Foo", "UniFoo-UCS2-H", "Foo", 0, content, &f);
	assert_int_equal(count_of(&f, "BOMPDF"), 1);
	assert_non_null(f.error);
	assert_non_null(strstr(f.error, "page 1: fonts cannot be mapped"));
	scan_file_release(&f);
}

/* A Chinese font without ToUnicode, mapped only through poppler-data's tables. */
static void test_cjk_needs_poppler_data(void **state)
{
	struct scan_file f;
	struct stat st;

	(void)state;
	need_pdf();
	if (stat("/usr/share/poppler/cMap/Adobe-GB1", &st) != 0)
		skip();
	scan_type0("/F9 6 0 R", "STSong-Light", "UniGB-UCS2-H", "GB1", 2,
	           "BT /F9 12 Tf 72 650 Td <7EDD5BC6> Tj ET\n", &f);
	assert_null(f.error);
	assert_int_equal(count_of(&f, "绝密"), 1);
	scan_file_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_outside_cropbox),
	    cmocka_unit_test(test_outside_cropbox_objstm),
	    cmocka_unit_test(test_hyphenated),
	    cmocka_unit_test(test_nul_in_text),
	    cmocka_unit_test(test_annotations),
	    cmocka_unit_test(test_form_fields),
	    cmocka_unit_test(test_drawn_by_annotations),
	    cmocka_unit_test(test_ligatures),
	    cmocka_unit_test(test_step_back),
	    cmocka_unit_test(test_header_after_bom),
	    cmocka_unit_test(test_unmapped_font),
	    cmocka_unit_test(test_cjk_needs_poppler_data),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
