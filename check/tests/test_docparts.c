/*
 * Where in a document a hit is, for three formats that said it wrongly or
 * not at all: the body of an HTML mail is the text a mail reader shows
 * (tags dropped, character references decoded, in the part's charset); an
 * OFD page's hits carry the page number a reader shows (Document.xml's
 * order, not the zip's); the names of an xls file's defined names are
 * metadata.  Every file is written here, byte by byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "corpus.h"
#include "kw.h"
#include "scan.h"

static const char keywords[] = "绝密\n机密\n涉密\n内部资料\n秘密\n核心\nTOPSECRET\n保密\n";
static char dir[64];

static int put(const char *sub, const char *name, const struct cbuf *b)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, sub);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/%s/%s", dir, sub, name);
	return corpus_write(p, b->ptr, b->len);
}

static void b64(struct cbuf *out, const char *s, size_t n)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)u[i] << 16 | (i + 1 < n ? (unsigned)u[i + 1] << 8 : 0) |
		             (i + 2 < n ? u[i + 2] : 0);

		cbuf_putc(out, al[v >> 18]);
		cbuf_putc(out, al[v >> 12 & 63]);
		cbuf_putc(out, i + 1 < n ? al[v >> 6 & 63] : '=');
		cbuf_putc(out, i + 2 < n ? al[v & 63] : '=');
	}
}

/* utf8 converted to charset cs, base64. */
static int conv_b64(struct cbuf *out, const char *cs, const char *utf8)
{
	struct cbuf g;
	int rc;

	cbuf_init(&g, 1u << 16);
	rc = corpus_conv(&g, cs, utf8);
	b64(out, g.ptr, g.len);
	cbuf_release(&g);
	return rc;
}

static int make_mail(struct cbuf *b)
{
	int rc = 0;

	/* An HTML-only mail: a keyword split by a tag, one written as character references,
	 * and a keyword that is only markup (a class name), which no reader shows. */
	cbuf_puts(b, "From: a@example.cn\r\nTo: b@example.cn\r\nSubject: notice\r\n"
	             "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n"
	             "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
	             "<html><body><div class=3D\"TOPSECRET\"><p>=E7=BB=9D<b>=E5=AF=86</b>"
	             "=E6=96=87=E4=BB=B6</p><p>&#26426;&#23494;&#x7B49;=\r\n"
	             "=E7=BA=A7</p></div></body></html>\r\n");
	rc |= put("mail", "html.eml", b);
	cbuf_reset(b);
	/* multipart/alternative: a plain part without keywords, HTML parts in GB2312 (with
	 * a title), Big5, and GBK declared only by the page's meta tag. */
	cbuf_puts(b,
	          "From: a@example.cn\r\nTo: b@example.cn\r\nSubject: alt\r\n"
	          "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n"
	          "\r\n--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
	          "see the html version\r\n"
	          "--alt\r\nContent-Type: text/html; charset=gb2312\r\n"
	          "Content-Transfer-Encoding: base64\r\n\r\n");
	rc |= conv_b64(b, "GBK",
	               "<html><head><title>核心</title></head><body>这是涉<i>密</i>的，"
	               "&#x5185;部资料</body></html>");
	cbuf_puts(b, "\r\n--alt\r\nContent-Type: text/html; charset=big5\r\n"
	             "Content-Transfer-Encoding: base64\r\n\r\n");
	rc |= conv_b64(b, "BIG5", "<p>秘<span>密</span></p>");
	cbuf_puts(b, "\r\n--alt\r\nContent-Type: text/html\r\n"
	             "Content-Transfer-Encoding: base64\r\n\r\n");
	rc |= conv_b64(b, "GBK",
	               "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
	               "charset=gb2312\"></head><body>保<u>密</u></body></html>");
	cbuf_puts(b, "\r\n--alt--\r\n");
	rc |= put("mail", "alt.eml", b);
	cbuf_reset(b);
	return rc;
}

static const char ofd_root[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/"
    "2016\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID>"
    "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
/* The reader's order: Page_7, Page_0 (named from the package root), Page_3; the
 * annotations of the page with ID 12 (Page_0) in Page_0/Annotation.xml. */
static const char ofd_doc[] =
    "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:CommonData>"
    "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
    "<ofd:TemplatePage ID=\"9\" BaseLoc=\"Tpls/Tpl_0/Content.xml\"/></ofd:CommonData>"
    "<ofd:Pages><ofd:Page ID=\"11\" BaseLoc=\"Pages/Page_7/Content.xml\"/>"
    "<ofd:Page ID=\"12\" BaseLoc=\"/Doc_0/Pages/Page_0/Content.xml\"/>"
    "<ofd:Page ID=\"13\" BaseLoc=\"./Pages/Page_3/Content.xml\"/></ofd:Pages>"
    "<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>";
static const char ofd_annots[] = "<ofd:Annotations><ofd:Page PageID=\"12\"><ofd:FileLoc>"
                                 "Page_0/Annotation.xml</ofd:FileLoc></ofd:Page>"
                                 "</ofd:Annotations>";
static const char ofd_annot[] =
    "<ofd:PageAnnot><ofd:Annot ID=\"21\" Type=\"Stamp\"><ofd:Remark>内部资料</ofd:Remark>"
    "</ofd:Annot></ofd:PageAnnot>";

static void ofd_page(struct cbuf *out, const char *text)
{
	cbuf_printf(out,
	            "<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Content><ofd:Layer>"
	            "<ofd:TextObject ID=\"5\" Boundary=\"20 30 50 6\" Size=\"5\">"
	            "<ofd:TextCode X=\"0\" Y=\"5\">%s</ofd:TextCode></ofd:TextObject>"
	            "</ofd:Layer></ofd:Content></ofd:Page>",
	            text);
}

static int make_ofd(struct cbuf *b)
{
	struct cbuf p[4];
	struct zip_item it[8];
	int rc, i;

	for (i = 0; i < 4; i++)
		cbuf_init(&p[i], 1u << 16);
	ofd_page(&p[0], "第二页 绝密");
	ofd_page(&p[1], "第三页 涉密");
	ofd_page(&p[2], "第一页 机密");
	ofd_page(&p[3], "模板 核心");
	/* The zip holds the pages in the order 0, 3, 7: not the reader's. */
	it[0] = (struct zip_item){"OFD.xml", ofd_root, sizeof(ofd_root) - 1, 1, 0};
	it[1] = (struct zip_item){"Doc_0/Pages/Page_0/Content.xml", p[0].ptr, p[0].len, 1, 0};
	it[2] = (struct zip_item){"Doc_0/Pages/Page_3/Content.xml", p[1].ptr, p[1].len, 0, 0};
	it[3] = (struct zip_item){"Doc_0/Pages/Page_7/Content.xml", p[2].ptr, p[2].len, 1, 0};
	it[4] = (struct zip_item){"Doc_0/Tpls/Tpl_0/Content.xml", p[3].ptr, p[3].len, 1, 0};
	it[5] = (struct zip_item){"Doc_0/Annots/Page_0/Annotation.xml", ofd_annot,
	                          sizeof(ofd_annot) - 1, 1, 0};
	it[6] = (struct zip_item){"Doc_0/Document.xml", ofd_doc, sizeof(ofd_doc) - 1, 1, 0};
	it[7] = (struct zip_item){"Doc_0/Annots/Annotations.xml", ofd_annots,
	                          sizeof(ofd_annots) - 1, 1, 0};
	rc = corpus_zip(b, it, 8);
	rc |= put("ofd", "order.ofd", b);
	cbuf_reset(b);
	for (i = 0; i < 4; i++)
		cbuf_release(&p[i]);
	return rc;
}

static void put16(struct cbuf *b, unsigned v)
{
	cbuf_putc(b, (char)(v & 0xFF));
	cbuf_putc(b, (char)(v >> 8 & 0xFF));
}

static void biff(struct cbuf *b, unsigned type, const void *data, size_t len)
{
	put16(b, type);
	put16(b, (unsigned)len);
	cbuf_append(b, data, len);
}

/* A BIFF8 NAME record (Lbl): flags, the name's characters (16-bit when wide), no formula. */
static void name_rec(struct cbuf *s, unsigned flags, const char *chars, size_t n, int wide)
{
	struct cbuf r;

	cbuf_init(&r, 1024);
	put16(&r, flags);
	cbuf_putc(&r, 0);                        /* chKey */
	cbuf_putc(&r, (char)(wide ? n / 2 : n)); /* cch */
	put16(&r, 0);                            /* cce */
	put16(&r, 0);                            /* reserved */
	put16(&r, 0);                            /* itab */
	cbuf_append(&r, "\0\0\0\0", 4);          /* reserved */
	cbuf_putc(&r, wide ? 1 : 0);             /* fHighByte */
	cbuf_append(&r, chars, n);
	biff(s, 0x0018, r.ptr, r.len);
	cbuf_release(&r);
}

static int make_xls(struct cbuf *b)
{
	static const char bof[16] = {0x00, 0x06, 0x05, 0x00};
	struct cbuf s, t;
	struct ole2_item oi[1];
	int rc = 0;

	cbuf_init(&s, 1u << 16);
	cbuf_init(&t, 1u << 16);
	biff(&s, 0x0809, bof, sizeof(bof));
	/* a user's name in UTF-16LE, one in 8-bit characters */
	rc |= corpus_conv(&t, "UTF-16LE", "机密名单");
	name_rec(&s, 0, t.ptr, t.len, 1);
	name_rec(&s, 0x0001, "TOPSECRET_list", 14, 0);
	/* a built-in name (flag fBuiltin): its characters are a code, never text */
	cbuf_reset(&t);
	rc |= corpus_conv(&t, "UTF-16LE", "涉密");
	name_rec(&s, 0x0020, t.ptr, t.len, 1);
	/* one shared string: body text */
	cbuf_reset(&t);
	cbuf_append(&t, "\1\0\0\0\1\0\0\0\2\0\1", 11);
	rc |= corpus_conv(&t, "UTF-16LE", "核心");
	biff(&s, 0x00FC, t.ptr, t.len);
	biff(&s, 0x000A, "", 0);
	oi[0] = (struct ole2_item){"Workbook", s.ptr, s.len, -1};
	rc |= corpus_ole2_streams(b, oi, 1);
	rc |= put("xls", "names.xls", b);
	cbuf_reset(b);
	cbuf_release(&s);
	cbuf_release(&t);
	return rc;
}

static int setup(void **state)
{
	struct cbuf b;
	int rc = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/baomi-check-parts-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	cbuf_init(&b, 1u << 24);
	rc |= make_mail(&b);
	rc |= make_ofd(&b);
	rc |= make_xls(&b);
	cbuf_release(&b);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	corpus_remove(dir);
	return 0;
}

/* Scans dir/sub; no entry may have an error. */
static void scan_sub(const char *sub, struct kw_set *ks, struct scan_result *r)
{
	const struct scan_file *f;

	assert_int_equal(corpus_scan_sub(dir, sub, keywords, 0, 0, ks, r), SCAN_OK);
	f = corpus_first_error(r);
	if (f)
		fail_msg("unexpected error %s: %s", f->path, f->error);
}

static const struct scan_file *entry(const struct scan_result *r, const char *sub, const char *name)
{
	const struct scan_file *f = corpus_entry(r, dir, sub, name);

	if (!f)
		fail_msg("no entry %s/%s/%s", dir, sub, name);
	return f;
}

static const struct scan_hit *must_hit(const struct scan_file *f, const struct kw_set *ks,
                                       const char *word, const char *part)
{
	const struct scan_hit *h = corpus_hit(f, ks, word, part);

	if (!h)
		fail_msg("%s: no %s hit of %s", f->path, part, word);
	return h;
}

static void test_html_mail(void **state)
{
	struct kw_set ks;
	struct scan_result r;
	const struct scan_file *f;
	const struct scan_hit *h;

	(void)state;
	scan_sub("mail", &ks, &r);
	f = entry(&r, "mail", "html.eml");
	assert_string_equal(f->format, "eml");
	/* 绝<b>密</b>: the tag is gone from the text and from the context */
	h = must_hit(f, &ks, "绝密", "body");
	assert_non_null(strstr(h->context, "绝密文件"));
	assert_null(strchr(h->context, '<'));
	/* &#26426;&#23494;: decoded, and so is the context */
	h = must_hit(f, &ks, "机密", "body");
	assert_non_null(strstr(h->context, "机密等级"));
	assert_null(strstr(h->context, "&#"));
	/* a word in an attribute is markup, not text */
	assert_null(corpus_hit(f, &ks, "TOPSECRET", "body"));

	f = entry(&r, "mail", "alt.eml");
	must_hit(f, &ks, "涉密", "body");     /* GB2312, split by <i> */
	must_hit(f, &ks, "内部资料", "body"); /* &#x5185; joined to GB2312 text */
	must_hit(f, &ks, "核心", "metadata"); /* the page's title */
	assert_null(corpus_hit(f, &ks, "核心", "body"));
	must_hit(f, &ks, "秘密", "body");     /* Big5, split by <span> */
	h = must_hit(f, &ks, "保密", "body"); /* GBK from the meta tag, split by <u> */
	assert_int_equal(h->enc, KW_UTF8);
	scan_result_release(&r);
	kw_set_release(&ks);
}

static void test_ofd_page_order(void **state)
{
	struct kw_set ks;
	struct scan_result r;
	const struct scan_file *f;
	struct cbuf out;

	(void)state;
	scan_sub("ofd", &ks, &r);
	f = entry(&r, "ofd", "order.ofd");
	assert_string_equal(f->format, "ofd");
	assert_int_equal(must_hit(f, &ks, "机密", "body")->page, 1);
	assert_int_equal(must_hit(f, &ks, "绝密", "body")->page, 2);
	assert_int_equal(must_hit(f, &ks, "涉密", "body")->page, 3);
	assert_false(must_hit(f, &ks, "绝密", "body")->ocr);
	/* an annotation is on the page it belongs to */
	assert_int_equal(must_hit(f, &ks, "内部资料", "body")->page, 2);
	/* a template page is on no page of its own */
	assert_int_equal(must_hit(f, &ks, "核心", "body")->page, 0);
	/* the reports say the page, not as OCR */
	cbuf_init(&out, 1u << 20);
	assert_int_equal(scan_result_json(&r, &ks, &out), CBUF_OK);
	assert_non_null(strstr(out.ptr, "\"keyword\":\"绝密\",\"page\":2,"));
	assert_null(strstr(out.ptr, "\"ocr\""));
	cbuf_reset(&out);
	assert_int_equal(scan_result_text(&r, &ks, &out), CBUF_OK);
	assert_non_null(strstr(out.ptr, "order.ofd [ofd, utf-8, body, 第 3 页 page 3]"));
	cbuf_release(&out);
	scan_result_release(&r);
	kw_set_release(&ks);
}

static void test_xls_names(void **state)
{
	struct kw_set ks;
	struct scan_result r;
	const struct scan_file *f;

	(void)state;
	scan_sub("xls", &ks, &r);
	f = entry(&r, "xls", "names.xls");
	assert_string_equal(f->format, "xls");
	assert_int_equal(must_hit(f, &ks, "机密", "metadata")->enc, KW_UTF16LE);
	must_hit(f, &ks, "TOPSECRET", "metadata");
	assert_null(corpus_hit(f, &ks, "机密", "body"));
	/* the built-in name's characters are not read */
	assert_null(corpus_hit(f, &ks, "涉密", "metadata"));
	assert_null(corpus_hit(f, &ks, "涉密", "body"));
	must_hit(f, &ks, "核心", "body");
	scan_result_release(&r);
	kw_set_release(&ks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_html_mail),
	    cmocka_unit_test(test_ofd_page_order),
	    cmocka_unit_test(test_xls_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
