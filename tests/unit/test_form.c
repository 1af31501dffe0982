/*
 * Tests of the form export layer: the two report forms of seed 003 (附件二
 * 重大信息安全事件报告表, 附件三 重大信息安全事件处理结果报告表) rendered as
 * PDF and HTML.  The PDFs are checked with poppler-utils as a reader would
 * see them: pdffonts (a Noto CJK subset is embedded), pdftotext (the Chinese
 * is real text, and every paragraph of a value longer than a page is there
 * exactly once), pdfinfo (page count) and pdftoppm (the pages are not blank).
 * Also: empty and odd forms, bad UTF-8, the caps, concurrent rendering, and
 * the HTML escaping.  The render time of a typical 附件二 is printed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <unistd.h>

#include "../../src/export/form.h"
#include "../../src/util/buf.h"

#define OUT_MAX ((size_t)64 << 20)
#define KEEP_ENV "BAOMI_FORM_OUT"

#include "poppler.h"

/* ---- fixtures: the fields of 附件二 and 附件三 ---- */

static const char desc_text[] =
    "2026年11月21日14时20分,值班人员发现门户网站首页被篡改,出现非法言论;入侵检测系统同时报告"
    "来自境外地址的大量扫描和口令猜解。经初步核查,攻击者利用内容管理系统的文件上传漏洞写入网页"
    "后门,篡改首页并尝试横向访问办公网数据库服务器。2025年3月曾出现类似的扫描,当时未造成损害。";

static const struct form_field report_fields[] = {
    {"单位名称", "某市卫生健康委员会", false},
    {"报告人", "张伟(保密员)", false},
    {"联系电话", "0911-8112565", false},
    {"通讯地址", "某市人民路100号卫生健康委员会办公楼3层信息中心", false},
    {"传真", "0911-8112022", false},
    {"电子邮件", "xxzx@wjw.example.gov.cn", false},
    {"发生重大信息安全事件的网络与信息系统名称及用途",
     "门户网站群系统(政务公开、办事指南、公众留言)", true},
    {"负责部门", "信息中心", false},
    {"负责人", "李晓燕", false},
    {"重大信息安全事件的简要描述(如以前出现过类似情况也应加以说明)", desc_text, true},
    {"初步判定的事故原因", "内容管理系统文件上传功能未校验文件类型,补丁未及时更新。", true},
    {"当前采取的应对措施",
     "1. 已将被攻击的服务器从网络中隔离,保护现场;\n2. 清理非法信息,保存日志和审计记录;\n3. "
     "启用备用服务器发布静态页面;\n4. 已向本单位信息化领导小组汇报,并向公安机关报警。",
     true},
    {"本次重大信息安全事件的初步影响状况", "首页被篡改约40分钟,期间约1200人次访问。", true},
    {"事件后果", "社会影响较大,尚未发现数据泄露。", true},
    {"影响范围", "门户网站群(12个子站)", false},
    {"严重程度", "II级 重大", false},
    {"值班电话", "0911-8112000", false},
    {"传真", "0911-8112022", false},
};

static const struct form report_form = {
    .mark = "机密★10年",
    .title = "重大信息安全事件报告表",
    .subtitle = "报告时间: 2026年11月21日 15时04分",
    .fields = report_fields,
    .nfields = sizeof(report_fields) / sizeof(report_fields[0]),
    .footer = "打印时间: 2026年11月21日 15时30分    内部资料 注意保管",
};

/* A value of numbered paragraphs 【段0001】…, long enough for several pages. */
#define LONG_PARAS 120

static char *long_value(void)
{
	struct buf b;

	buf_init(&b, OUT_MAX);
	for (int i = 1; i <= LONG_PARAS; i++)
		buf_printf(
		    &b,
		    "【段%04d】%s处置过程:隔离受影响主机,提取日志,比对基线,清除后门,修补漏洞,"
		    "恢复服务并加强监测。%s",
		    i, i % 3 ? "" : "经与公安机关、电信运营商协同,", i < LONG_PARAS ? "\n" : "");
	return buf_detach(&b, NULL);
}

/* 附件三 with fields[8] (处理过程及结果) set to value. */
static void result_form(struct form *f, struct form_field *fields, const char *value)
{
	const struct form_field tmpl[] = {
	    {"单位名称", "某市卫生健康委员会", false},
	    {"联系人", "张伟", false},
	    {"联系电话", "0911-8112565", false},
	    {"通讯地址", "某市人民路100号", false},
	    {"网络或信息系统名称及用途", "门户网站群系统(政务公开、办事指南、公众留言)", true},
	    {"已采用的安全措施", "防火墙、入侵检测、网页防篡改、每日备份。", true},
	    {"重大信息安全事件的补充描述及最后判定的事故原因", desc_text, true},
	    {"对本次重大信息安全事件的事后影响状况", "已恢复,无数据外泄。", true},
	    {"本次重大信息安全事件的主要处理过程及结果", value, true},
	    {"事件后果", "社会影响较大", false},
	    {"影响范围", "门户网站群", false},
	    {"严重程度", "II级 重大", false},
	    {"针对此类事件应采取的保障网络与信息系统安全的措施和建议",
	     "定期漏洞扫描,上线前安全测评,网页防篡改全覆盖。", true},
	    {"报告人签名", NULL, false},
	};

	memset(f, 0, sizeof(*f));
	memcpy(fields, tmpl, sizeof(tmpl));
	f->title = "重大信息安全事件处理结果报告表";
	f->subtitle =
	    "原事件报告时间: 2026年11月21日 15时04分\n备案编号: 2026年11月28日第1号总第17号";
	f->fields = fields;
	f->nfields = sizeof(tmpl) / sizeof(tmpl[0]);
	f->footer = "打印时间: 2026年11月28日 09时00分";
}
#define RESULT_NFIELDS 14

/* ---- helpers: poppler-utils over a temporary file (and poppler.h) ---- */

/* Text of the PDF with line breaks and spaces removed (wrapping breaks words anywhere). */
static char *pdf_text(const char *path)
{
	char *t = run("pdftotext -enc UTF-8 '%s' -", path);
	size_t j = 0;

	for (size_t i = 0; t[i]; i++)
		if (t[i] != '\n' && t[i] != ' ')
			t[j++] = t[i];
	t[j] = '\0';
	return t;
}

/* Whether the bytes p[0..n) hold s (a PDF holds NUL bytes: no strstr). */
static int contains(const char *p, size_t n, const char *s)
{
	size_t k = strlen(s);

	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(p + i, s, k) == 0)
			return 1;
	return 0;
}

/* ---- PDF ---- */

static void test_pdf_report(void **state)
{
	struct buf out;
	char path[256];
	char *fonts, *text;
	double t0, cold, warm;
	const int reps = 10;

	(void)state;
	buf_init(&out, OUT_MAX);
	t0 = now_ms();
	assert_int_equal(form_pdf(&report_form, &out), FORM_OK);
	cold = now_ms() - t0;
	assert_true(out.len > 1000);
	assert_memory_equal(out.ptr, "%PDF-", 5);
	assert_true(contains(out.ptr, out.len, "/FontFile"));

	t0 = now_ms();
	for (int i = 0; i < reps; i++) {
		buf_reset(&out);
		assert_int_equal(form_pdf(&report_form, &out), FORM_OK);
	}
	warm = (now_ms() - t0) / reps;
	print_message("附件二 PDF: %zu bytes, first render %.1f ms, then %.1f ms each\n", out.len,
	              cold, warm);

	keep(&out, "report.pdf");
	write_temp(&out, path);
	/* subsets of Noto Serif CJK SC, embedded, with a Unicode map */
	fonts = run("pdffonts '%s'", path);
	assert_non_null(strstr(fonts, "+NotoSerifCJKsc-Regular"));
	assert_non_null(strstr(fonts, "+NotoSerifCJKsc-Bold"));
	assert_non_null(strstr(fonts, "CID Type 0C"));
	assert_null(strstr(fonts, " no "));
	free(fonts);

	assert_int_equal(pdf_pages(path), 1);
	text = pdf_text(path);
	/* GB/T 9704: the 密级★保密期限 mark comes first, top left, above the title */
	assert_memory_equal(text, "机密★10年重大信息安全事件报告表",
	                    strlen("机密★10年重大信息安全事件报告表"));
	assert_non_null(strstr(text, "重大信息安全事件报告表"));
	assert_non_null(strstr(text, "报告时间:2026年11月21日15时04分"));
	assert_non_null(strstr(text, "单位名称"));
	assert_non_null(strstr(text, "某市卫生健康委员会"));
	assert_non_null(strstr(text, "xxzx@wjw.example.gov.cn"));
	assert_non_null(strstr(text, "当时未造成损害。"));
	assert_non_null(strstr(text, "内部资料注意保管"));
	assert_non_null(strstr(text, "第1页共1页"));
	free(text);

	assert_true(page_ink(path, 1) > 20);
	unlink(path);
	buf_release(&out);
}

static void test_pdf_long_value(void **state)
{
	struct form f;
	struct form_field fields[RESULT_NFIELDS];
	struct buf out;
	char path[256], want[64], last[64];
	char *value = long_value(), *text;
	int pages;

	(void)state;
	result_form(&f, fields, value);
	assert_int_equal(f.nfields, RESULT_NFIELDS);
	buf_init(&out, OUT_MAX);
	assert_int_equal(form_pdf(&f, &out), FORM_OK);
	keep(&out, "result-long.pdf");
	write_temp(&out, path);

	pages = pdf_pages(path);
	print_message("附件三 with a %zu-byte value: %d pages, %zu bytes\n", strlen(value), pages,
	              out.len);
	assert_true(pages >= 3);
	text = pdf_text(path);
	assert_non_null(strstr(text, "重大信息安全事件处理结果报告表"));
	assert_non_null(strstr(text, "备案编号:2026年11月28日第1号总第17号"));
	/* every paragraph once, in order: nothing lost or doubled at a page break */
	{
		const char *pos = text;

		for (int i = 1; i <= LONG_PARAS; i++) {
			const char *hit;

			snprintf(want, sizeof(want), "【段%04d】", i);
			hit = strstr(pos, want);
			assert_non_null(hit);
			assert_null(strstr(hit + 1, want));
			pos = hit;
		}
	}
	/* the rows after the long value, and the page footer */
	assert_non_null(strstr(text, "本次重大信息安全事件的主要处理过程及结果(续)"));
	assert_non_null(strstr(text, "网页防篡改全覆盖。"));
	assert_non_null(strstr(text, "报告人签名"));
	snprintf(last, sizeof(last), "第%d页共%d页", pages, pages);
	assert_non_null(strstr(text, last));
	free(text);

	for (int n = 1; n <= pages; n++)
		assert_true(page_ink(path, n) > 5);
	unlink(path);
	buf_release(&out);
	free(value);
}

/* A single value longer than a page, with nothing else: split by lines, all of it rendered. */
static void test_pdf_value_longer_than_page(void **state)
{
	struct buf v, out;
	struct form_field fld[2] = {{"内容", NULL, true}, {"签名", "", false}};
	struct form f = {.title = "测试", .fields = fld, .nfields = 2};
	char path[256], want[32];
	char *text;

	(void)state;
	buf_init(&v, OUT_MAX);
	/* one paragraph without line breaks, about 4 pages */
	for (int i = 0; i < 400; i++)
		buf_printf(&v, "〔%03d〕国家秘密的密级分为绝密机密秘密三级", i);
	fld[0].value = v.ptr;
	buf_init(&out, OUT_MAX);
	assert_int_equal(form_pdf(&f, &out), FORM_OK);
	keep(&out, "one-long-value.pdf");
	write_temp(&out, path);
	assert_true(pdf_pages(path) >= 3);
	text = pdf_text(path);
	for (int i = 0; i < 400; i++) {
		snprintf(want, sizeof(want), "〔%03d〕", i);
		assert_non_null(strstr(text, want));
	}
	assert_non_null(strstr(text, "内容(续)"));
	free(text);
	unlink(path);
	buf_release(&out);
	buf_release(&v);
}

/* Dark pixels of text drawn by pango on a cairo image surface at dpi (the reference). */
static long screen_dark(const char *font, const char *text, int dpi)
{
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 200);
	cairo_t *cr = cairo_create(img);
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(fm);
	PangoLayout *l;
	PangoFontDescription *d = pango_font_description_from_string(font);
	unsigned char *px;
	int stride;
	long dark = 0;

	pango_cairo_context_set_resolution(ctx, 72);
	l = pango_layout_new(ctx);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, dpi / 72.0, dpi / 72.0);
	cairo_set_source_rgb(cr, 0, 0, 0);
	pango_layout_set_font_description(l, d);
	pango_layout_set_text(l, text, -1);
	cairo_move_to(cr, 10, 10);
	pango_cairo_show_layout(cr, l);
	cairo_surface_flush(img);
	px = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	for (int y = 0; y < 200; y++)
		for (int x = 0; x < 200; x++)
			if ((px[y * stride + x * 4 + 1]) < 128) /* green channel of xRGB */
				dark++;
	pango_font_description_free(d);
	g_object_unref(l);
	g_object_unref(ctx);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_destroy(img);
	return dark;
}

/*
 * Every glyph prints whole.  cairo 1.16's CFF subsetter drops subroutines of
 * some Noto Sans CJK glyphs (如 blank, 瘃 without 疒 in Regular; 忉, 烪 in
 * Bold); each character here, alone in a PDF, must leave about as much ink
 * (70–140 %) as pango draws on screen; a glyph missing a stroke leaves less.
 */
static void test_pdf_glyphs_whole(void **state)
{
	static const char *const chars[] = {"如", "瘃", "忉", "烪", "保", "密", "A", "5"};
	struct form_field fld = {"字", NULL, false};
	struct form f = {.title = "字形", .fields = &fld, .nfields = 1};
	struct buf out;
	char path[256];
	long total, blank;

	(void)state;
	buf_init(&out, OUT_MAX);
	assert_int_equal(form_pdf(&f, &out), FORM_OK);
	write_temp(&out, path);
	blank = page_dark(path, 1, 144, &total);
	unlink(path);
	for (size_t i = 0; i < sizeof(chars) / sizeof(chars[0]); i++) {
		long pdf, screen = screen_dark("Noto Serif CJK SC 10.5", chars[i], 144);

		fld.value = chars[i];
		buf_reset(&out);
		assert_int_equal(form_pdf(&f, &out), FORM_OK);
		write_temp(&out, path);
		pdf = page_dark(path, 1, 144, &total) - blank;
		unlink(path);
		if (pdf * 10 < screen * 7 || pdf * 7 > screen * 10)
			fail_msg("%s: %ld dark pixels in the PDF, %ld on screen", chars[i], pdf,
			         screen);
	}
	buf_release(&out);
}

/* NULL and empty values, no subtitle or footer, an odd narrow field, bad UTF-8, controls. */
static void test_pdf_empty_and_odd(void **state)
{
	struct form_field fld[] = {
	    {"单位名称", NULL, false},
	    {"报告人", "", false},
	    {"说明", NULL, true},
	    {"联系电话", "\xff\xfe坏\xe4\xb8", false},
	    {"备注", "甲\r\n乙\r丙\x01丁\t戊", true},
	    {NULL, "无标签", false},
	};
	struct form f = {.title = "空表", .fields = fld, .nfields = sizeof(fld) / sizeof(fld[0])};
	struct form bare = {.title = NULL};
	struct buf out;
	char path[256];
	char *text;

	(void)state;
	buf_init(&out, OUT_MAX);
	assert_int_equal(form_pdf(&f, &out), FORM_OK);
	keep(&out, "empty.pdf");
	write_temp(&out, path);
	assert_int_equal(pdf_pages(path), 1);
	text = pdf_text(path);
	assert_non_null(strstr(text, "空表"));
	assert_non_null(strstr(text, "\xEF\xBF\xBD\xEF\xBF\xBD坏\xEF\xBF\xBD"));
	assert_non_null(strstr(text, "甲乙丙丁"));
	assert_non_null(strstr(text, "无标签"));
	free(text);
	assert_true(page_ink(path, 1) > 5);
	unlink(path);

	buf_reset(&out);
	assert_int_equal(form_pdf(&bare, &out), FORM_OK);
	assert_memory_equal(out.ptr, "%PDF-", 5);
	buf_release(&out);
}

static void test_pdf_caps(void **state)
{
	struct form_field many[FORM_MAX_FIELDS + 1];
	struct form f = {.title = "大", .fields = many, .nfields = FORM_MAX_FIELDS + 1};
	struct form_field one = {"内容", NULL, true};
	struct buf out, big;

	(void)state;
	for (size_t i = 0; i < FORM_MAX_FIELDS + 1; i++)
		many[i] = (struct form_field){"字段", "值", false};
	buf_init(&out, OUT_MAX);
	assert_int_equal(form_pdf(&f, &out), FORM_TOO_BIG);
	assert_int_equal(form_html(&f, &out), FORM_TOO_BIG);

	/* more text than FORM_MAX_TEXT */
	buf_init(&big, OUT_MAX);
	while (big.len <= FORM_MAX_TEXT)
		buf_puts(&big, "超长内容超长内容超长内容超长内容");
	one.value = big.ptr;
	f.fields = &one;
	f.nfields = 1;
	assert_int_equal(form_pdf(&f, &out), FORM_TOO_BIG);
	assert_int_equal(form_html(&f, &out), FORM_TOO_BIG);

	/* more pages than FORM_MAX_PAGES: a value of empty lines */
	buf_reset(&big);
	while (big.len < FORM_MAX_TEXT - 100)
		buf_puts(&big, "\n");
	one.value = big.ptr;
	{
		double t0 = now_ms();

		assert_int_equal(form_pdf(&f, &out), FORM_TOO_BIG);
		print_message("refusing %zu empty lines took %.0f ms\n", big.len, now_ms() - t0);
	}
	buf_release(&big);

	/* the output buffer's own cap */
	buf_release(&out);
	buf_init(&out, 2000);
	assert_int_equal(form_pdf(&report_form, &out), FORM_TOO_BIG);
	buf_release(&out);
	buf_init(&out, 2000);
	assert_int_equal(form_html(&report_form, &out), FORM_TOO_BIG);
	buf_release(&out);
}

struct job {
	const struct form *f;
	enum form_err err;
	size_t len;
	char head[8];
};

static void *render_job(void *arg)
{
	struct job *j = arg;
	struct buf out;

	for (int i = 0; i < 3; i++) {
		buf_init(&out, OUT_MAX);
		j->err = form_pdf(j->f, &out);
		j->len = out.len;
		memcpy(j->head, out.ptr ? out.ptr : "", out.len >= 5 ? 5 : 0);
		buf_release(&out);
		if (j->err)
			break;
	}
	return NULL;
}

/* HTTP worker threads render at the same time. */
static void test_pdf_threads(void **state)
{
	pthread_t th[4];
	struct job jobs[4];
	struct form f;
	struct form_field fields[RESULT_NFIELDS];
	char *value = long_value();

	(void)state;
	result_form(&f, fields, value);
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){.f = i % 2 ? &f : &report_form};
		assert_int_equal(pthread_create(&th[i], NULL, render_job, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(jobs[i].err, FORM_OK);
		assert_memory_equal(jobs[i].head, "%PDF-", 5);
		assert_true(jobs[i].len > 1000);
	}
	free(value);
}

/* ---- HTML ---- */

static void test_html_report(void **state)
{
	struct buf out;

	(void)state;
	buf_init(&out, OUT_MAX);
	assert_int_equal(form_html(&report_form, &out), FORM_OK);
	keep(&out, "report.html");
	assert_memory_equal(out.ptr, "<!DOCTYPE html>", 15);
	assert_non_null(strstr(out.ptr, "<html lang=\"zh-CN\">"));
	assert_non_null(strstr(out.ptr, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(out.ptr, "<title>重大信息安全事件报告表</title>"));
	assert_non_null(strstr(out.ptr, "<body class=\"form\">\n<p class=\"mark\">机密★10年</p>\n"
	                                "<h1>重大信息安全事件报告表</h1>"));
	assert_non_null(
	    strstr(out.ptr, "<th>单位名称</th><td>某市卫生健康委员会</td><th>报告人</th>"));
	assert_non_null(strstr(out.ptr, "<td class=\"w\" colspan=\"4\">1. 已将被攻击的服务器"));
	assert_non_null(strstr(out.ptr, "内部资料 注意保管"));
	/* nothing loaded from outside */
	assert_null(strstr(out.ptr, "http://"));
	assert_null(strstr(out.ptr, "https://"));
	assert_null(strstr(out.ptr, "<script"));
	/* no inline style (the server's CSP forbids it): one stylesheet from the server */
	assert_null(strstr(out.ptr, "<style"));
	assert_null(strstr(out.ptr, "style="));
	assert_null(strstr(out.ptr, "unsafe-inline"));
	assert_non_null(strstr(out.ptr, "<link rel=\"stylesheet\" href=\"/ui/form.css\">"));
	assert_non_null(strstr(out.ptr, "content=\"default-src 'none'; style-src 'self'\""));
	buf_release(&out);
}

static void test_html_escaping(void **state)
{
	struct form_field fld[] = {
	    {"<b>标签</b>", "<script>alert('x')</script> & \"引号\"", false},
	    {"说明", NULL, true},
	    {"单独", "a\r\nb\x01\xff", false},
	};
	struct form f = {
	    .title = "表<i>", .subtitle = "x\"y", .fields = fld, .nfields = 3, .footer = "'f'&"};
	struct buf out;

	(void)state;
	buf_init(&out, OUT_MAX);
	assert_int_equal(form_html(&f, &out), FORM_OK);
	assert_null(strstr(out.ptr, "<script"));
	assert_null(strstr(out.ptr, "<b>"));
	assert_null(strstr(out.ptr, "<i>"));
	assert_non_null(strstr(out.ptr, "<title>表&lt;i&gt;</title>"));
	assert_non_null(
	    strstr(out.ptr, "<th>&lt;b&gt;标签&lt;/b&gt;</th><td "
	                    "colspan=\"3\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
	                    "&quot;引号&quot;</td>"));
	/* a narrow field without a partner takes the rest of the row; CRLF, control, bad byte */
	assert_non_null(strstr(out.ptr, "<th>单独</th><td colspan=\"3\">a\nb \xEF\xBF\xBD</td>"));
	assert_non_null(strstr(
	    out.ptr,
	    "<tr class=\"k\"><th class=\"w\" colspan=\"4\">说明</th></tr>\n<tr class=\"v\"><td "
	    "class=\"w\" colspan=\"4\"></td>"));
	assert_non_null(strstr(out.ptr, "<p class=\"sub\">x&quot;y</p>"));
	assert_non_null(strstr(out.ptr, "<p class=\"foot\">&#39;f&#39;&amp;</p>"));
	buf_release(&out);
}

static void test_err_en(void **state)
{
	(void)state;
	assert_string_equal(form_err_en(FORM_OK), "ok");
	assert_non_null(strstr(form_err_en(FORM_TOO_BIG), "too large"));
	assert_non_null(strstr(form_err_en(FORM_NO_FONT), "fonts-noto-cjk"));
	assert_non_null(form_err_en((enum form_err)99));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pdf_report),
	    cmocka_unit_test(test_pdf_long_value),
	    cmocka_unit_test(test_pdf_value_longer_than_page),
	    cmocka_unit_test(test_pdf_glyphs_whole),
	    cmocka_unit_test(test_pdf_empty_and_odd),
	    cmocka_unit_test(test_pdf_caps),
	    cmocka_unit_test(test_pdf_threads),
	    cmocka_unit_test(test_html_report),
	    cmocka_unit_test(test_html_escaping),
	    cmocka_unit_test(test_err_en),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
