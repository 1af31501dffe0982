/*
 * OFD, WPS Office, RTF and HTML: the planted files of corpus_formats give
 * exactly these hits (keywords split by markup or glyph placement found,
 * keywords in resources, scripts, fonts and binary data not), with the
 * format and part named; and the extractors' output on their own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "html.h"
#include "kw.h"
#include "match.h"
#include "ofd.h"
#include "rtf.h"
#include "scan.h"

static const char keywords[] = "绝密\n涉密\nTOPSECRET\n内部资料\n机密\n";

static const char *const expected[] = {
    /* OFD: characters of their own text objects on one line joined, lines
     * not; a font file and a font resource no text; the annotation's remark,
     * the attachment as a file; DocInfo and custom tags as metadata */
    "doc.ofd|ofd|utf-8|绝密|1|body",
    "doc.ofd|ofd|utf-8|涉密|1|body",
    "doc.ofd|ofd|utf-8|机密|1|body",
    "doc.ofd|ofd|utf-8|TOPSECRET|1|body",
    "doc.ofd|ofd|utf-8|内部资料|1|metadata",
    "doc.ofd|ofd|utf-8|机密|1|metadata",
    "glyphs.ofd|ofd|utf-8|内部资料|1|metadata",
    /* WPS Office, binary and OOXML */
    "writer.wps|wps|utf-16le|绝密|1|body",
    "sheet.et|et|utf-16le|涉密|1|body",
    "slides.dps|dps|utf-16le|机密|1|body",
    "ooxml.wps|wps|utf-8|内部资料|1|body",
    /* RTF: GBK escapes decoded, \u with its fallback skipped, \bin data,
     * pictures, object data, fonts and the generator no text */
    "gbk.rtf|rtf|utf-8|绝密|1|body",
    "gbk.rtf|rtf|utf-8|内部资料|1|metadata",
    "unicode.rtf|rtf|utf-8|内部资料|1|body",
    "unicode.rtf|rtf|utf-8|涉密|1|body",
    "binary.rtf|rtf|utf-8|机密|1|body",
    "binary.rtf|rtf|utf-8|绝密|1|body",
    /* HTML: references decoded, inline tags joined, script, style and
     * comments no text; a GB2312 page read as such */
    "entities.html|html|utf-8|机密|1|body",
    "entities.html|html|utf-8|绝密|1|body",
    "entities.html|html|utf-8|内部资料|1|metadata",
    "entities.html|html|utf-8|涉密|1|metadata",
    "gbk.htm|html|utf-8|机密|1|body",
    "gbk.htm|html|utf-8|涉密|1|body",
};

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/baomi-check-formats-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	return corpus_formats(dir);
}

static int teardown(void **state)
{
	(void)state;
	corpus_remove(dir);
	return 0;
}

static void run_engine(enum match_engine engine, unsigned flags)
{
	struct kw_set ks;
	struct scan_result r;
	struct scan_opts o;
	char got[160];
	size_t i, k, n = 0, nexp = sizeof(expected) / sizeof(expected[0]);
	int glyph_error = 0, encrypted = 0;

	memset(&o, 0, sizeof(o));
	o.engine = engine;
	o.engine_flags = flags;
	assert_int_equal(corpus_scan(dir, keywords, &o, &ks, &r), SCAN_OK);
	for (i = 0; i < r.nfiles; i++) {
		const struct scan_file *f = &r.files[i];
		const char *name = corpus_entry_name(f->path);

		for (k = 0; k < f->nhits; k++, n++) {
			size_t j, found = 0;

			corpus_hit_line(got, sizeof(got), f, k, &ks);
			printf("# %s\n", got);
			for (j = 0; j < nexp; j++)
				found |= strcmp(got, expected[j]) == 0;
			if (!found)
				fail_msg("unexpected hit %s", got);
		}
		if (strcmp(name, "glyphs.ofd") == 0) {
			assert_non_null(f->error);
			assert_non_null(strstr(f->error, "cannot be read"));
			glyph_error = 1;
		} else if (f->error) {
			fail_msg("unexpected error %s: %s", name, f->error);
		}
		if (strcmp(name, "enc.ofd") == 0) {
			assert_string_equal(f->encrypted, "ofd");
			assert_int_equal(f->nhits, 0);
			encrypted = 1;
		} else if (f->encrypted) {
			fail_msg("unexpected encrypted %s", name);
		}
	}
	assert_int_equal(n, nexp);
	assert_true(glyph_error);
	assert_true(encrypted);
	scan_result_release(&r);
	kw_set_release(&ks);
}

static void test_formats_ac(void **state)
{
	(void)state;
	run_engine(MATCH_AC, 0);
	run_engine(MATCH_AC, SCAN_ENGINE_ALL_FORMS);
}

static void test_formats_hs(void **state)
{
	(void)state;
	if (!match_hs_available())
		skip();
	run_engine(MATCH_HS, 0);
}

static void html_is(const char *in, const char *text, const char *meta)
{
	struct cbuf t, m;

	cbuf_init(&t, 1u << 20);
	cbuf_init(&m, 1u << 20);
	assert_int_equal(html_extract((const unsigned char *)in, strlen(in), &t, &m), CBUF_OK);
	assert_string_equal(t.ptr ? t.ptr : "", text);
	assert_string_equal(m.ptr ? m.ptr : "", meta);
	cbuf_release(&t);
	cbuf_release(&m);
}

static void test_html(void **state)
{
	struct cbuf u;
	static const unsigned char gbk[] = "<meta charset=GBK>\xBB\xFA\xC3\xDC";

	(void)state;
	html_is("<p>a&lt;b &#x41;&#66 &copy;&bogus; &</p><BR>x <i>y</i>z",
	        "a<b AB \xC2\xA9&bogus; &\nx yz", "");
	html_is("<SCRIPT type=x>if (a<b) { s = '</p>'; }</SCRIPT>t<style>p{}</style>"
	        "<meta content=\"k&amp;w\" name=Description><title>T 1</title>",
	        "t\n", "k&w\nT 1\n");
	html_is("1 < 2 <!-- <p>x</p> --> 3 <!-- open", "1 < 2 3 ", "");
	assert_true(html_sniff((const unsigned char *)"\xEF\xBB\xBF \n<!doctype HTML>", 19));
	assert_true(html_sniff((const unsigned char *)"<?xml version=\"1.0\"?>\n<html>", 28));
	assert_false(html_sniff((const unsigned char *)"<xml><html>", 11));
	assert_true(html_gbk(gbk, sizeof(gbk) - 1));
	assert_false(html_gbk((const unsigned char *)"<meta charset=utf-8>", 20));
	assert_true(
	    html_gbk((const unsigned char *)"<?xml version='1.0' encoding=\"GB2312\"?>", 39));
	assert_false(html_gbk((const unsigned char *)"\xEF\xBB\xBF<meta charset=gbk>", 21));
	cbuf_init(&u, 1u << 20);
	assert_int_equal(html_gbk_to_utf8((const unsigned char *)"\xBB\xFA\xC3\xDC\xB0", 5, &u),
	                 CBUF_OK);
	assert_string_equal(u.ptr, "机密?");
	cbuf_release(&u);
}

static void rtf_is(const char *in, const char *text, const char *meta)
{
	struct cbuf t, m;

	cbuf_init(&t, 1u << 20);
	cbuf_init(&m, 1u << 20);
	assert_int_equal(rtf_extract((const unsigned char *)in, strlen(in), &t, &m), CBUF_OK);
	assert_string_equal(t.ptr ? t.ptr : "", text);
	assert_string_equal(m.ptr ? m.ptr : "", meta);
	cbuf_release(&t);
	cbuf_release(&m);
}

static void test_rtf(void **state)
{
	struct cbuf in, want;
	size_t i;

	(void)state;
	/* A surrogate pair, escaped braces, a cell, the uc count kept per group. */
	rtf_is("{\\rtf1 a\\u-10179?\\u-8704?b \\{\\}\\\\ x\\cell y{\\uc0\\u26426}\\u23494?\\par}",
	       "a\xF0\x9F\x98\x80"
	       "b {}\\ x\ty机密\n",
	       "");
	/* Big5 by the font's charset (136), the document's code page for the rest. */
	rtf_is("{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f1\\fcharset136 B;}}\\f1\\'be\\'f7\\f0 "
	       "\\'bb\\'fa{\\info{\\keywords k}{\\nofpages 3}}}",
	       "機机", "k\n");
	/* Not closed, cut in an escape, a \bin longer than the rest. */
	/* A text box read once: not its properties nor its fallback copy. */
	rtf_is("{\\rtf1 a{\\shp{\\*\\shpinst{\\sp{\\sn fillColor}{\\sv 255}}{\\shptxt box}}"
	       "{\\shprslt{\\*\\do box}}}b}",
	       "a\nbox\nb", "");
	rtf_is("{\\rtf1 ab\\'c", "ab", "");
	rtf_is("{\\rtf1 ab\\bin99 cd", "ab", "");
	/* A character across the decoder's 256-byte batch stays whole. */
	cbuf_init(&in, 1u << 20);
	cbuf_init(&want, 1u << 20);
	cbuf_puts(&in, "{\\rtf1\\ansicpg936 \\'ff");
	cbuf_putc(&want, '?');
	for (i = 0; i < 127; i++) {
		cbuf_puts(&in, "\\'bb\\'fa");
		cbuf_puts(&want, "机");
	}
	cbuf_puts(&in, "\\'c3\\'dc}");
	cbuf_puts(&want, "密");
	rtf_is(in.ptr, want.ptr, "");
	cbuf_release(&in);
	cbuf_release(&want);
	assert_true(rtf_sniff((const unsigned char *)"{\\rtf1", 6));
	assert_false(rtf_sniff((const unsigned char *)"{\\rt", 4));
}

static void test_ofd_page(void **state)
{
	static const char page[] =
	    "<ofd:Page><!-- <ofd:TextCode>x</ofd:TextCode> -->"
	    "<ofd:TextObject Boundary=\"0 10 50 10\" Size=\"4\">"
	    "<ofd:TextCode X=\"1\" Y=\"3\">a&amp;b</ofd:TextCode>"
	    "<ofd:TextCode X=\"9\" Y=\"3.5\">c</ofd:TextCode>"
	    "<ofd:TextCode X=\"1\" Y=\"9\"><![CDATA[d<e]]></ofd:TextCode></ofd:TextObject>"
	    "<TextObject Boundary='0 19.1 5 5'><TextCode X='0' Y='-0.1'>f</TextCode>"
	    "</TextObject><ofd:TextObject Boundary=\"0 0 1 1\"><ofd:TextCode/></ofd:TextObject>"
	    "</ofd:Page>";
	struct cbuf t;
	unsigned unreadable = 0;

	(void)state;
	cbuf_init(&t, 1u << 20);
	assert_int_equal(ofd_page_text(page, sizeof(page) - 1, &t, &unreadable), CBUF_OK);
	assert_string_equal(t.ptr, "a&bc\nd<ef\n");
	assert_int_equal(unreadable, 0);
	assert_int_equal(ofd_entry_kind("Doc_0/Pages/Page_3/Content.xml", 30), OFD_PAGE);
	assert_int_equal(ofd_entry_kind("Doc_0/Tpls/Tpl_0/Content.xml", 28), OFD_PAGE);
	assert_int_equal(ofd_entry_kind("Doc_0/Res/image_1.png", 21), OFD_SKIP);
	assert_int_equal(ofd_entry_kind("Doc_0/Document.xml", 18), OFD_SKIP);
	assert_int_equal(ofd_entry_kind("Doc_0/Attachs/a.docx", 20), OFD_ATTACH);
	assert_int_equal(ofd_entry_kind("Doc_0/Attachs/Attachments.xml", 29), OFD_META);
	cbuf_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_formats_ac), cmocka_unit_test(test_formats_hs),
	    cmocka_unit_test(test_html),       cmocka_unit_test(test_rtf),
	    cmocka_unit_test(test_ofd_page),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
