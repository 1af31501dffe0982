/*
 * Tests of the report renderer (src/export/doc.h): a campaign-style report
 * of headings, paragraphs and a 300-row table as PDF and as XLSX.
 *
 * The PDFs are checked with poppler-utils as a reader would see them:
 * pdftotext per page (the header row is repeated on every page a table
 * continues on, every row is there exactly once and in order, a row is not
 * cut across pages unless it is taller than a page), pdfinfo (page count)
 * and pdftoppm (no page is blank).  The workbooks are read back with our own
 * XLSX reader (src/io: the cover sheet, each table sheet by its sanitised
 * name), and with unzip for what the reader does not report (the frozen
 * header row).  Also: odd input, the caps, concurrent rendering.  The render
 * time of the 300-row report is printed.
 */
#include <math.h>
#include <stdbool.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <pthread.h>
#include <unistd.h>

#include "../../src/export/doc.h"
#include "../../src/io/table.h"
#include "../../src/util/buf.h"

#define OUT_MAX ((size_t)64 << 20)
#define KEEP_ENV "BAOMI_DOC_OUT"

#include "poppler.h"

/* ---- helpers: poppler-utils over a temporary file (and poppler.h) ---- */

/*
 * Text of page n (0: all pages) with line breaks and spaces removed; with
 * layout, as laid out on the page (a table row's cells side by side) rather
 * than in reading order (each cell's lines together).
 */
static char *page_text(const char *path, int n, bool layout)
{
	char range[64] = "";
	char *t;
	size_t j = 0;

	if (n)
		snprintf(range, sizeof(range), "-f %d -l %d", n, n);
	t = run("pdftotext -enc UTF-8 %s %s '%s' -", layout ? "-layout" : "", range, path);
	for (size_t i = 0; t[i]; i++)
		if (t[i] != '\n' && t[i] != ' ' && t[i] != '\f')
			t[j++] = t[i];
	t[j] = '\0';
	return t;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ---- fixtures: a self-inspection campaign report ---- */

#define NROWS 300
#define NCOLS 6

static const char *const find_headers[NCOLS] = {"序号",     "部门",     "检查项目",
                                                "问题描述", "严重程度", "整改状态"};
static const double find_widths[NCOLS] = {0.6, 1.4, 2, 4, 1, 1.2};

static const char *const depts[] = {"办公室", "信息中心", "财务科", "人事科", "医政科"};
static const char *const items[] = {"涉密计算机内外网隔离", "移动存储介质交叉使用", "屏幕保护口令",
                                    "涉密载体登记", "保密承诺书签订"};
static const char *const levels[] = {"一般", "较重", "严重"};
static const char *const states[] = {"待整改", "整改中", "已整改", "已验证", "已逾期"};

struct report {
	char *cells[NROWS * NCOLS];
	struct doc_table findings, summary;
	struct doc_block blocks[8];
	struct doc doc;
};

static const char *const sum_headers[] = {"部门", "检查项", "不符合项", "得分"};
static const char *const sum_cells[] = {
    "办公室", "32", "3", "91.5", "信息中心", "40", "7", "85.0", "财务科", "28", "1", "97.0",
};

static void report_init(struct report *r)
{
	for (int i = 0; i < NROWS; i++) {
		char s[512];

		snprintf(s, sizeof(s), "%d", i + 1);
		r->cells[i * NCOLS + 0] = strdup(s);
		r->cells[i * NCOLS + 1] = strdup(depts[i % 5]);
		r->cells[i * NCOLS + 2] = strdup(items[(i / 5) % 5]);
		/* first and last line unique: a row cut across pages shows */
		snprintf(s, sizeof(s), "问题%04d:%s%s\n整改通知〔2026〕%04d号", i + 1,
		         i % 7 ? "发现一台涉密计算机曾连接互联网"
		               : "检查发现移动存储介质在涉密计算机和非涉密计算机之间交叉使用,"
		                 "未履行审批手续,且未登记",
		         i % 11 ? "" : "\n(复查时仍未整改)", i + 1);
		r->cells[i * NCOLS + 3] = strdup(s);
		r->cells[i * NCOLS + 4] = strdup(levels[i % 3]);
		r->cells[i * NCOLS + 5] = strdup(states[i % 5]);
	}
	r->findings = (struct doc_table){.headers = find_headers,
	                                 .ncols = NCOLS,
	                                 .widths = find_widths,
	                                 .cells = (const char *const *)r->cells,
	                                 .nrows = NROWS};
	r->summary =
	    (struct doc_table){.headers = sum_headers, .ncols = 4, .cells = sum_cells, .nrows = 3};
	r->blocks[0] = (struct doc_block){DOC_HEADING, "一、基本情况", NULL};
	r->blocks[1] = (struct doc_block){
	    DOC_PARAGRAPH,
	    "根据年度保密工作安排,本单位于2026年10月开展保密自查自评工作,覆盖全部12个内设机构和"
	    "涉密岗位人员。自查分为查摆问题、专项检查、整改落实、上级督查四个阶段。\n"
	    "自查采用逐项对照检查表、抽查涉密计算机和移动存储介质、查阅登记台账等方式进行。",
	    NULL};
	r->blocks[2] = (struct doc_block){DOC_HEADING, "二、各部门得分", NULL};
	r->blocks[3] = (struct doc_block){DOC_TABLE, NULL, &r->summary};
	r->blocks[4] = (struct doc_block){DOC_HEADING, "三、发现问题及整改情况", NULL};
	r->blocks[5] = (struct doc_block){DOC_TABLE, NULL, &r->findings};
	r->blocks[6] = (struct doc_block){DOC_HEADING, "四、下一步工作", NULL};
	r->blocks[7] = (struct doc_block){
	    DOC_PARAGRAPH, "对逾期未整改的问题,由保密办督促责任部门限期整改,并纳入年度考核。",
	    NULL};
	r->doc = (struct doc){.mark = "秘密★5年",
	                      .title = "2026年度保密自查自评工作报告",
	                      .subtitle = "某市卫生健康委员会  2026年11月30日",
	                      .blocks = r->blocks,
	                      .nblocks = 8,
	                      .footer = "打印时间: 2026年11月30日 10时00分    内部资料 注意保管"};
}

static void report_release(struct report *r)
{
	for (int i = 0; i < NROWS * NCOLS; i++)
		free(r->cells[i]);
}

/* ---- PDF ---- */

#define FIND_HEAD "序号部门检查项目问题描述严重程度整改状态"

static void test_pdf_report(void **state)
{
	struct report r;
	struct buf out;
	char path[256], want[64];
	char *text;
	double t0, cold, warm;
	int pages, with_rows = 0, seen = 0;
	const int reps = 3;

	(void)state;
	report_init(&r);
	buf_init(&out, OUT_MAX);
	t0 = now_ms();
	assert_int_equal(doc_pdf(&r.doc, &out), DOC_OK);
	cold = now_ms() - t0;
	t0 = now_ms();
	for (int i = 0; i < reps; i++) {
		buf_reset(&out);
		assert_int_equal(doc_pdf(&r.doc, &out), DOC_OK);
	}
	warm = (now_ms() - t0) / reps;
	assert_memory_equal(out.ptr, "%PDF-", 5);
	keep(&out, "report.pdf");
	write_temp(&out, path);
	pages = pdf_pages(path);
	print_message("%d-row report PDF: %d pages, %zu bytes, first render %.0f ms, then %.0f ms "
	              "each\n",
	              NROWS, pages, out.len, cold, warm);
	assert_true(pages >= 5);

	text = page_text(path, 0, false);
	assert_non_null(strstr(text, "2026年度保密自查自评工作报告"));
	assert_non_null(strstr(text, "某市卫生健康委员会2026年11月30日"));
	assert_non_null(strstr(text, "根据年度保密工作安排"));
	assert_non_null(strstr(text, "三、发现问题及整改情况"));
	/* every finding once, in order: nothing lost or doubled at a page break */
	{
		const char *pos = text;

		for (int i = 1; i <= NROWS; i++) {
			const char *hit;

			snprintf(want, sizeof(want), "问题%04d:", i);
			hit = strstr(pos, want);
			assert_non_null(hit);
			assert_null(strstr(hit + 1, want));
			pos = hit;
		}
	}
	/* the last row, whole */
	assert_non_null(strstr(text, "300医政科保密承诺书签订问题0300:"));
	assert_non_null(strstr(text, "对逾期未整改的问题"));
	free(text);

	for (int n = 1; n <= pages; n++) {
		char num[64];
		char *lay = page_text(path, n, true);

		text = page_text(path, n, false);
		snprintf(num, sizeof(num), "第%d页共%d页", n, pages);
		assert_non_null(strstr(text, num));
		assert_non_null(strstr(text, "内部资料注意保管"));
		/* the 密级★保密期限 mark at the top of page 1 only (GB/T 9704) */
		if (n == 1)
			assert_memory_equal(text, "秘密★5年2026年度", strlen("秘密★5年2026年度"));
		else
			assert_null(strstr(text, "秘密★"));
		/* the summary table is on page 1, with its header */
		if (n == 1)
			assert_non_null(
			    strstr(lay, "部门检查项不符合项得分办公室32391.5信息中心40785.0"));
		/* the findings' header once on every page with findings, page 2 included */
		if (strstr(text, "问题0")) {
			assert_int_equal(count(lay, FIND_HEAD), 1);
			with_rows++;
		}
		/* no row cut: a row begun on this page ends on it */
		for (int i = 1; i <= NROWS; i++) {
			char end[64];

			snprintf(want, sizeof(want), "问题%04d:", i);
			snprintf(end, sizeof(end), "〔2026〕%04d号", i);
			assert_true(!strstr(text, want) == !strstr(text, end));
			seen += strstr(text, want) != NULL;
		}
		free(lay);
		free(text);
		assert_true(page_ink(path, n) > 5);
	}
	assert_int_equal(seen, NROWS);
	assert_true(with_rows == pages - 1 || with_rows == pages);
	unlink(path);
	buf_release(&out);
	report_release(&r);
}

/* A row taller than a page is split between lines, under the header repeated on each page. */
static void test_pdf_tall_row(void **state)
{
	static const char *const heads[] = {"编号", "内容", "备注"};
	const char *cells[4 * 3] = {"A1", "短行", "甲", "A2", NULL, "乙", "A3", "最后一行", "丙"};
	struct doc_table t = {.headers = heads, .ncols = 3, .cells = cells, .nrows = 3};
	struct doc_block blocks[] = {{DOC_HEADING, "长内容", NULL}, {DOC_TABLE, NULL, &t}};
	struct doc d = {.title = "超长单元格", .blocks = blocks, .nblocks = 2};
	struct buf v, out;
	char path[256], want[32];
	char *text;
	int pages;

	(void)state;
	buf_init(&v, OUT_MAX);
	for (int i = 0; i < 300; i++)
		buf_printf(&v, "〔%03d〕涉密载体的制作、收发、传递、使用、复制、保存、维修和销毁%s",
		           i, i % 10 == 9 ? "\n" : "");
	cells[4] = v.ptr;
	buf_init(&out, OUT_MAX);
	assert_int_equal(doc_pdf(&d, &out), DOC_OK);
	keep(&out, "tall-row.pdf");
	write_temp(&out, path);
	pages = pdf_pages(path);
	assert_true(pages >= 3);
	text = page_text(path, 0, false);
	{
		const char *pos = text;

		for (int i = 0; i < 300; i++) {
			const char *hit;

			snprintf(want, sizeof(want), "〔%03d〕", i);
			hit = strstr(pos, want);
			assert_non_null(hit);
			assert_null(strstr(hit + 1, want));
			pos = hit;
		}
		assert_non_null(strstr(pos, "A3"));
		assert_non_null(strstr(pos, "最后一行"));
	}
	free(text);
	for (int n = 1; n <= pages; n++) {
		text = page_text(path, n, true);
		assert_int_equal(count(text, "编号内容备注"), 1);
		free(text);
		assert_true(page_ink(path, n) > 5);
	}
	unlink(path);
	buf_release(&out);
	buf_release(&v);
}

/* A heading is never the last thing on a page: it moves to the page of what follows it. */
static void test_pdf_heading_kept(void **state)
{
	static const char *const heads[] = {"项目", "结果"};
	static const char *const cells[] = {"内外网隔离", "符合", "屏幕保护", "不符合"};
	struct doc_table t = {.headers = heads, .ncols = 2, .cells = cells, .nrows = 2};
	struct doc_block blocks[4] = {{DOC_PARAGRAPH, NULL, NULL},
	                              {DOC_HEADING, "五、检查结果", NULL},
	                              {DOC_TABLE, NULL, &t},
	                              {DOC_HEADING, "六、结束语", NULL}};
	struct doc d = {.title = "标题保持", .blocks = blocks, .nblocks = 4};
	struct buf fill, out;
	char path[256];
	int moved = 0;

	(void)state;
	buf_init(&fill, OUT_MAX);
	buf_init(&out, OUT_MAX);
	for (int k = 34; k <= 50; k++) {
		int pages, hpage = 0, tpage = 0;

		buf_reset(&fill);
		for (int i = 0; i < k; i++)
			buf_printf(&fill, "%s填充第%02d行", i ? "\n" : "", i);
		blocks[0].text = fill.ptr;
		buf_reset(&out);
		assert_int_equal(doc_pdf(&d, &out), DOC_OK);
		write_temp(&out, path);
		pages = pdf_pages(path);
		for (int n = 1; n <= pages; n++) {
			char *text = page_text(path, n, true);

			if (strstr(text, "五、检查结果"))
				hpage = n;
			if (strstr(text, "项目结果") && !tpage)
				tpage = n;
			free(text);
		}
		unlink(path);
		if (hpage == 0 || hpage != tpage)
			fail_msg("%d lines before: heading on page %d, table on page %d", k, hpage,
			         tpage);
		moved += hpage == 2;
	}
	/* some of these put the heading on page 2 */
	assert_true(moved > 0 && moved < 17);
	buf_release(&fill);
	buf_release(&out);
}

/* Nothing at all, NULLs, skipped tables, bad UTF-8, odd widths, the most columns. */
static void test_pdf_odd(void **state)
{
	static const char *const many_heads[DOC_MAX_COLS] = {
	    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	    "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
	const char *many_cells[DOC_MAX_COLS];
	const double odd_widths[3] = {0, -1, NAN};
	static const char *const three[] = {"列一", "列二", "列三"};
	static const char *const cells[] = {"x",
	                                    "y",
	                                    "z",
	                                    "很长的英文单词"
	                                    "Supercalifragilisticexpialidocious"
	                                    "Supercalifragilisticexpialidocious",
	                                    NULL,
	                                    "w"};
	struct doc_table no_cols = {.headers = three, .ncols = 0, .nrows = 5};
	struct doc_table nulls = {.ncols = 2, .nrows = 2};
	struct doc_table odd = {
	    .headers = three, .ncols = 3, .widths = odd_widths, .cells = cells, .nrows = 2};
	struct doc_table empty = {.headers = three, .ncols = 3, .nrows = 0};
	struct doc_table many = {
	    .headers = many_heads, .ncols = DOC_MAX_COLS, .cells = many_cells, .nrows = 1};
	struct doc_block blocks[] = {
	    {DOC_HEADING, NULL, NULL},
	    {DOC_PARAGRAPH, "坏\xff字节\xe4\xb8与控制\x01字符\r\n换行", NULL},
	    {DOC_TABLE, NULL, NULL},
	    {DOC_TABLE, NULL, &no_cols},
	    {DOC_TABLE, NULL, &nulls},
	    {DOC_TABLE, NULL, &odd},
	    {DOC_TABLE, NULL, &empty},
	    {DOC_TABLE, NULL, &many},
	    {DOC_PARAGRAPH, "", NULL},
	};
	struct doc d = {.blocks = blocks, .nblocks = sizeof(blocks) / sizeof(blocks[0])};
	struct doc nothing = {.title = NULL};
	struct buf out;
	char path[256];
	char *text;

	(void)state;
	for (int i = 0; i < DOC_MAX_COLS; i++)
		many_cells[i] = "值";
	buf_init(&out, OUT_MAX);
	assert_int_equal(doc_pdf(&nothing, &out), DOC_OK);
	write_temp(&out, path);
	assert_int_equal(pdf_pages(path), 1);
	text = page_text(path, 1, false);
	assert_string_equal(text, "第1页共1页");
	free(text);
	unlink(path);

	buf_reset(&out);
	assert_int_equal(doc_pdf(&d, &out), DOC_OK);
	keep(&out, "odd.pdf");
	write_temp(&out, path);
	text = page_text(path, 0, false);
	assert_non_null(strstr(text, "坏\xEF\xBF\xBD字节\xEF\xBF\xBD\xEF\xBF\xBD与控制字符换行"));
	assert_non_null(strstr(text, "Supercalifragilistic"));
	assert_non_null(strstr(text, "列一"));
	free(text);
	text = page_text(path, 0, true);
	assert_non_null(strstr(text, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸"));
	assert_non_null(strstr(text, "值值值值值值值值值值值值值值值值值值值值"));
	free(text);
	unlink(path);
	buf_release(&out);
}

/*
 * Letters without a space: pango wraps such a run in time quadratic in its
 * length (seconds for 40,000 letters, hours for megabytes) unless the
 * renderer gives it places to break; those must not show in the text.
 */
static void test_pdf_long_run(void **state)
{
	static const char *const heads[] = {"编号", "摘要"};
	const char *cells[2];
	struct doc_table t = {.headers = heads, .ncols = 2, .cells = cells, .nrows = 1};
	struct doc_block blocks[] = {{DOC_PARAGRAPH, NULL, NULL}, {DOC_TABLE, NULL, &t}};
	struct doc d = {.title = "长串", .blocks = blocks, .nblocks = 2};
	struct buf para, digits, out;
	char path[256];
	char *text;
	double t0;

	(void)state;
	buf_init(&para, OUT_MAX);
	buf_init(&digits, OUT_MAX);
	while (para.len < 200000)
		buf_puts(&para, "abcdefghijklmnopqrstuvwxyz");
	while (digits.len < 40000)
		buf_puts(&digits, "0123456789");
	blocks[0].text = para.ptr;
	cells[0] = digits.ptr;
	cells[1] = "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
	buf_init(&out, OUT_MAX);
	t0 = now_ms();
	assert_int_equal(doc_pdf(&d, &out), DOC_OK);
	print_message("%zu letters and %zu digits without a space: %.0f ms\n", para.len, digits.len,
	              now_ms() - t0);
	keep(&out, "long-run.pdf");
	write_temp(&out, path);
	text = page_text(path, 0, false);
	/* without the page numbers ("第1页共88页"), the letters are whole */
	for (char *p = strstr(text, "第"); p; p = strstr(p, "第")) {
		char *q = strstr(p, "页共"), *r = q ? strstr(q + strlen("页共"), "页") : NULL;

		assert_non_null(r);
		memmove(p, r + strlen("页"), strlen(r + strlen("页")) + 1);
	}
	assert_non_null(strstr(text, para.ptr));
	assert_non_null(strstr(text, "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca4"));
	free(text);
	unlink(path);
	buf_release(&out);
	buf_release(&para);
	buf_release(&digits);
}

/* ---- XLSX ---- */

struct rows {
	struct buf out;
	int n;
};

static int collect(const struct table_row *row, void *arg)
{
	struct rows *r = arg;

	buf_printf(&r->out, "%d:", row->line);
	for (int i = 0; i < row->ncells; i++)
		buf_printf(&r->out, "%s%s", i ? "|" : "", row->cells[i]);
	buf_puts(&r->out, "\n");
	r->n++;
	return 0;
}

/* The rows of the sheet named name (NULL: the first) as "line:cell|cell\n"; *n their number. */
static char *read_sheet(const struct buf *xlsx, const char *name, int *n)
{
	struct rows r = {.n = 0};
	struct table_error err;
	enum table_err rc;

	buf_init(&r.out, OUT_MAX);
	rc = name ? table_read_xlsx_sheet(xlsx->ptr, xlsx->len, name, collect, &r, &err)
	          : table_read_auto(xlsx->ptr, xlsx->len, collect, &r, &err);
	if (rc)
		fail_msg("reading sheet %s: %s", name ? name : "(first)", err.message);
	if (n)
		*n = r.n;
	buf_puts(&r.out, "");
	return buf_detach(&r.out, NULL);
}

static void test_xlsx_report(void **state)
{
	struct report r;
	struct buf out;
	char path[256], want[256];
	char *rows, *xml;
	int n;
	double t0;

	(void)state;
	report_init(&r);
	buf_init(&out, OUT_MAX);
	t0 = now_ms();
	assert_int_equal(doc_xlsx(&r.doc, &out), DOC_OK);
	print_message("%d-row report XLSX: %zu bytes, %.0f ms\n", NROWS, out.len, now_ms() - t0);
	keep(&out, "report.xlsx");
	assert_memory_equal(out.ptr, "PK\x03\x04", 4);

	/* the cover sheet comes first: what an import or a reader opening it sees */
	rows = read_sheet(&out, NULL, &n);
	assert_string_equal(
	    rows,
	    "1:秘密★5年\n"
	    "2:2026年度保密自查自评工作报告\n"
	    "3:某市卫生健康委员会  2026年11月30日\n"
	    "5:一、基本情况\n"
	    "6:根据年度保密工作安排,本单位于2026年10月开展保密自查自评工作,覆盖全部12个内设"
	    "机构和涉密岗位人员。自查分为查摆问题、专项检查、整改落实、上级督查四个阶段。\n"
	    "7:自查采用逐项对照检查表、抽查涉密计算机和移动存储介质、查阅登记台账等方式进行。\n"
	    "8:二、各部门得分\n"
	    "9:（见工作表“二、各部门得分”，3 行）\n"
	    "10:三、发现问题及整改情况\n"
	    "11:（见工作表“三、发现问题及整改情况”，300 行）\n"
	    "12:四、下一步工作\n"
	    "13:对逾期未整改的问题,由保密办督促责任部门限期整改,并纳入年度考核。\n"
	    "15:打印时间: 2026年11月30日 10时00分    内部资料 注意保管\n");
	free(rows);

	rows = read_sheet(&out, "二、各部门得分", &n);
	assert_string_equal(rows, "1:部门|检查项|不符合项|得分\n2:办公室|32|3|91.5\n"
	                          "3:信息中心|40|7|85.0\n4:财务科|28|1|97.0\n");
	free(rows);

	rows = read_sheet(&out, "三、发现问题及整改情况", &n);
	assert_int_equal(n, NROWS + 1);
	assert_non_null(strstr(rows, "1:序号|部门|检查项目|问题描述|严重程度|整改状态\n"));
	snprintf(want, sizeof(want), "301:300|医政科|保密承诺书签订|%s|严重|已逾期\n",
	         r.cells[299 * NCOLS + 3]);
	assert_non_null(strstr(rows, want));
	assert_non_null(strstr(rows,
	                       "\n13:12|信息中心|屏幕保护口令|问题0012:发现一台涉密计算机曾连接"
	                       "互联网\n(复查时仍未整改)\n整改通知〔2026〕0012号|严重|"));
	free(rows);

	/* the parts as an office program sees them */
	write_temp(&out, path);
	xml = run("unzip -p '%s' xl/workbook.xml", path);
	assert_non_null(strstr(xml, "<sheet name=\"概况\" sheetId=\"1\""));
	assert_non_null(strstr(xml, "<sheet name=\"二、各部门得分\" sheetId=\"2\""));
	assert_non_null(strstr(xml, "<sheet name=\"三、发现问题及整改情况\" sheetId=\"3\""));
	free(xml);
	xml = run("unzip -p '%s' xl/worksheets/sheet2.xml", path);
	assert_non_null(strstr(xml, "<t>信息中心</t>"));
	assert_non_null(strstr(xml, "<pane ySplit=\"1\" topLeftCell=\"A2\""));
	assert_non_null(strstr(xml, "<autoFilter ref=\"A1:D4\"/>"));
	free(xml);
	unlink(path);
	buf_release(&out);
	report_release(&r);
}

/* Sheet names from headings: Excel's forbidden characters, 31 characters, unique. */
static void test_xlsx_sheet_names(void **state)
{
	static const char *const heads[] = {"列"};
	static const char *const cells[] = {"值"};
	static const char forty[] =
	    "问题/整改?情况*统计[分]:部门\\汇总表一二三四五六七八九十甲乙丙丁戊己庚辛壬";
	const struct doc_table t = {.headers = heads, .ncols = 1, .cells = cells, .nrows = 1};
	const struct doc_block blocks[] = {
	    {DOC_TABLE, NULL, &t}, {DOC_HEADING, forty, NULL},
	    {DOC_TABLE, NULL, &t}, {DOC_PARAGRAPH, "说明", NULL},
	    {DOC_TABLE, NULL, &t}, {DOC_HEADING, "概况", NULL},
	    {DOC_TABLE, NULL, &t}, {DOC_HEADING, "History", NULL},
	    {DOC_TABLE, NULL, &t}, {DOC_HEADING, "'第\n五'", NULL},
	    {DOC_TABLE, NULL, &t},
	};
	static const char *const names[] = {
	    "表1",
	    "问题_整改_情况_统计_分__部门_汇总表一二三四五六七八九十",
	    "问题_整改_情况_统计_分__部门_汇总表一二三四五六 (2)",
	    "概况 (2)",
	    "History (2)",
	    "第_五",
	};
	struct doc d = {.title = "表名", .blocks = blocks, .nblocks = 11};
	struct buf out;
	char path[256];
	char *rows, *xml;

	(void)state;
	assert_int_equal(strlen(forty), 33 * 3 + 7); /* 40 characters */
	buf_init(&out, OUT_MAX);
	assert_int_equal(doc_xlsx(&d, &out), DOC_OK);
	keep(&out, "names.xlsx");
	write_temp(&out, path);
	xml = run("unzip -p '%s' xl/workbook.xml", path);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char want[256];

		rows = read_sheet(&out, names[i], NULL);
		assert_string_equal(rows, "1:列\n2:值\n");
		free(rows);
		snprintf(want, sizeof(want), "<sheet name=\"%s\" sheetId=\"%zu\"", names[i], i + 2);
		assert_non_null(strstr(xml, want));
	}
	free(xml);
	rows = read_sheet(&out, NULL, NULL);
	assert_non_null(strstr(rows, "（见工作表“History (2)”，1 行）"));
	free(rows);
	unlink(path);
	buf_release(&out);
}

/* Bad UTF-8 and control characters make a valid workbook, not an error. */
static void test_xlsx_odd(void **state)
{
	static const char *const heads[] = {"a\xff", NULL};
	static const char *const cells[] = {"x\x01y", NULL, "_x0041_", "多\r\n行"};
	struct doc_table t = {.headers = heads, .ncols = 2, .cells = cells, .nrows = 2};
	struct doc_table nulls = {.ncols = 1, .nrows = 1};
	struct doc_block blocks[] = {{DOC_PARAGRAPH, NULL, NULL},
	                             {DOC_TABLE, NULL, &t},
	                             {DOC_TABLE, NULL, NULL},
	                             {DOC_TABLE, NULL, &nulls}};
	struct doc d = {.blocks = blocks, .nblocks = 4};
	struct doc nothing = {.title = NULL};
	struct buf out;
	char *rows;

	(void)state;
	buf_init(&out, OUT_MAX);
	assert_int_equal(doc_xlsx(&d, &out), DOC_OK);
	rows = read_sheet(&out, "表1", NULL);
	assert_string_equal(rows, "1:a\xEF\xBF\xBD\n2:x y\n3:_x0041_|多\n行\n");
	free(rows);
	rows = read_sheet(&out, "表2", NULL);
	assert_string_equal(rows, "");
	free(rows);
	buf_reset(&out);
	assert_int_equal(doc_xlsx(&nothing, &out), DOC_OK);
	rows = read_sheet(&out, "概况", NULL);
	assert_string_equal(rows, "");
	free(rows);
	buf_release(&out);
}

/* ---- caps ---- */

static void expect_too_big(const struct doc *d)
{
	struct buf out;

	buf_init(&out, OUT_MAX);
	assert_int_equal(doc_pdf(d, &out), DOC_TOO_BIG);
	buf_reset(&out);
	assert_int_equal(doc_xlsx(d, &out), DOC_TOO_BIG);
	buf_release(&out);
}

static void test_caps(void **state)
{
	static const char *const heads[DOC_MAX_COLS + 1] = {"列"};
	struct doc_block *blocks = calloc(DOC_MAX_BLOCKS + 1, sizeof(*blocks));
	struct doc_table t = {.headers = heads, .ncols = 1, .nrows = 1};
	struct doc d = {.title = "大", .blocks = blocks};
	struct report r;
	struct buf big, out;
	const char **cells;
	double t0;

	(void)state;
	assert_non_null(blocks);
	/* blocks, tables, columns, rows of all tables together */
	for (int i = 0; i <= DOC_MAX_BLOCKS; i++)
		blocks[i] = (struct doc_block){DOC_PARAGRAPH, "段", NULL};
	d.nblocks = DOC_MAX_BLOCKS + 1;
	expect_too_big(&d);
	for (int i = 0; i <= DOC_MAX_TABLES; i++)
		blocks[i] = (struct doc_block){DOC_TABLE, NULL, &t};
	d.nblocks = DOC_MAX_TABLES + 1;
	expect_too_big(&d);
	t.ncols = DOC_MAX_COLS + 1;
	d.nblocks = 1;
	expect_too_big(&d);
	t.ncols = 1;
	t.nrows = DOC_MAX_ROWS / 2 + 1;
	d.nblocks = 2;
	expect_too_big(&d);

	/* text */
	buf_init(&big, OUT_MAX);
	while (big.len <= DOC_MAX_TEXT)
		buf_puts(&big, "超长内容超长内容超长内容超长内容");
	blocks[0] = (struct doc_block){DOC_PARAGRAPH, big.ptr, NULL};
	d.nblocks = 1;
	expect_too_big(&d);

	/* pages: a paragraph of empty lines (refused at layout) ... */
	buf_reset(&big);
	while (big.len < 70000)
		buf_puts(&big, "\n");
	blocks[0].text = big.ptr;
	t0 = now_ms();
	buf_init(&out, OUT_MAX);
	assert_int_equal(doc_pdf(&d, &out), DOC_TOO_BIG);
	print_message("refusing %zu empty lines took %.0f ms\n", big.len, now_ms() - t0);
	/* ... and a table of 20,000 rows of three lines (refused at page 1001) */
	cells = calloc(DOC_MAX_ROWS, sizeof(*cells));
	assert_non_null(cells);
	for (int i = 0; i < DOC_MAX_ROWS; i++)
		cells[i] = "甲\n乙\n丙";
	t.cells = cells;
	t.nrows = DOC_MAX_ROWS;
	blocks[0] = (struct doc_block){DOC_TABLE, NULL, &t};
	t0 = now_ms();
	buf_reset(&out);
	assert_int_equal(doc_pdf(&d, &out), DOC_TOO_BIG);
	print_message("refusing %d rows of three lines (over %d pages) took %.0f ms\n",
	              DOC_MAX_ROWS, DOC_MAX_PAGES, now_ms() - t0);
	free(cells);

	/* a cell over Excel's 32,767 characters */
	buf_reset(&big);
	while (big.len <= 40000)
		buf_puts(&big, "abcdefghij");
	{
		const char *one[] = {big.ptr};

		t.cells = one;
		t.nrows = 1;
		buf_reset(&out);
		assert_int_equal(doc_xlsx(&d, &out), DOC_TOO_BIG);
		buf_reset(&out);
		assert_int_equal(doc_pdf(&d, &out), DOC_OK);
	}
	buf_release(&big);
	buf_release(&out);

	/* the output buffer's own cap */
	report_init(&r);
	buf_init(&out, 2000);
	assert_int_equal(doc_pdf(&r.doc, &out), DOC_TOO_BIG);
	buf_release(&out);
	buf_init(&out, 2000);
	assert_int_equal(doc_xlsx(&r.doc, &out), DOC_TOO_BIG);
	buf_release(&out);
	report_release(&r);
	free(blocks);
}

/* ---- threads ---- */

struct job {
	const struct doc *d;
	bool xlsx;
	enum doc_err err;
	size_t len;
	char head[8];
};

static void *render_job(void *arg)
{
	struct job *j = arg;
	struct buf out;

	for (int i = 0; i < 2; i++) {
		buf_init(&out, OUT_MAX);
		j->err = j->xlsx ? doc_xlsx(j->d, &out) : doc_pdf(j->d, &out);
		j->len = out.len;
		memcpy(j->head, out.ptr ? out.ptr : "", out.len >= 4 ? 4 : 0);
		buf_release(&out);
		if (j->err)
			break;
	}
	return NULL;
}

/* HTTP worker threads render at the same time. */
static void test_threads(void **state)
{
	struct report r;
	pthread_t th[4];
	struct job jobs[4];

	(void)state;
	report_init(&r);
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){.d = &r.doc, .xlsx = i % 2};
		assert_int_equal(pthread_create(&th[i], NULL, render_job, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(jobs[i].err, DOC_OK);
		assert_memory_equal(jobs[i].head, jobs[i].xlsx ? "PK\x03\x04" : "%PDF", 4);
		assert_true(jobs[i].len > 10000);
	}
	report_release(&r);
}

static void test_err_en(void **state)
{
	(void)state;
	assert_string_equal(doc_err_en(DOC_OK), "ok");
	assert_non_null(strstr(doc_err_en(DOC_TOO_BIG), "too large"));
	assert_non_null(strstr(doc_err_en(DOC_NO_FONT), "fonts-noto-cjk"));
	assert_non_null(doc_err_en((enum doc_err)99));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pdf_report),
	    cmocka_unit_test(test_pdf_tall_row),
	    cmocka_unit_test(test_pdf_heading_kept),
	    cmocka_unit_test(test_pdf_odd),
	    cmocka_unit_test(test_pdf_long_run),
	    cmocka_unit_test(test_xlsx_report),
	    cmocka_unit_test(test_xlsx_sheet_names),
	    cmocka_unit_test(test_xlsx_odd),
	    cmocka_unit_test(test_caps),
	    cmocka_unit_test(test_threads),
	    cmocka_unit_test(test_err_en),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
