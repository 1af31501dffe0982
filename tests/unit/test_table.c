/*
 * Tests of the table I/O layer: CSV in all its encodings and quirks, XLSX
 * written by table_xlsx_write and read back, a hand-built workbook in the
 * shape LibreOffice and Excel write (shared strings with rich text and
 * phonetic runs, inline strings, date styles, gaps), and every refusal with
 * the line it names.  Workbooks are zipped here, in memory, by a small zip
 * writer over zlib, so the test needs no binary fixture.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <iconv.h>
#include <zlib.h>

#include "../../src/io/table.h"
#include "../../src/util/buf.h"

/* ---- helpers ---- */

/* Rows collected as "line:cell|cell|...\n". */
struct rows {
	struct buf out;
	int n;
	int stop_after; /* 0: never stop */
};

static int collect(const struct table_row *row, void *arg)
{
	struct rows *r = arg;

	buf_printf(&r->out, "%d:", row->line);
	for (int i = 0; i < row->ncells; i++) {
		assert_non_null(row->cells[i]);
		assert_int_equal(strlen(row->cells[i]), row->lens[i]);
		buf_printf(&r->out, "%s%s", i ? "|" : "", row->cells[i]);
	}
	buf_puts(&r->out, "\n");
	r->n++;
	return r->stop_after && r->n >= r->stop_after;
}

typedef enum table_err (*reader_fn)(const void *, size_t, int (*)(const struct table_row *, void *),
                                    void *, struct table_error *);

/* Reads buf with fn; returns the code, *text the rows (free it). */
static enum table_err read_with(reader_fn fn, const void *buf, size_t len, char **text,
                                struct table_error *err)
{
	struct rows r = {.n = 0};
	enum table_err rc;

	buf_init(&r.out, (size_t)64 << 20);
	rc = fn(buf, len, collect, &r, err);
	*text = buf_detach(&r.out, NULL);
	return rc;
}

static void expect_csv(const void *buf, size_t len, const char *want)
{
	struct table_error err;
	char *got;
	enum table_err rc = read_with(table_read_csv, buf, len, &got, &err);

	if (rc)
		fprintf(stderr, "error %d line %d: %s\n", rc, err.line, err.message);
	assert_int_equal(rc, TABLE_OK);
	assert_string_equal(got, want);
	free(got);
}

static void expect_csv_error(const void *buf, size_t len, enum table_err want, int line,
                             const char *needle)
{
	struct table_error err;
	char *got;
	enum table_err rc = read_with(table_read_csv, buf, len, &got, &err);

	free(got);
	assert_int_equal(rc, want);
	assert_int_equal(err.line, line);
	if (needle && !strstr(err.message, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, needle);
}

/* For string literals: their length without the terminating NUL. */
#define EXPECT_CSV(lit, want) expect_csv(lit, sizeof(lit) - 1, want)
#define EXPECT_CSV_ERROR(lit, rc, line, needle)                                                    \
	expect_csv_error(lit, sizeof(lit) - 1, rc, line, needle)

static char *iconv_to(const char *code, const char *utf8, size_t *outlen)
{
	iconv_t cd = iconv_open(code, "UTF-8");
	size_t il = strlen(utf8), ol = il * 4 + 8;
	char *out = malloc(ol), *op = out, *ip = (char *)utf8;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	return out;
}

/* ---- a zip writer for fixtures ---- */

struct zpart {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
	int store;  /* 1: method 0, else deflate */
};

static void put16(struct buf *b, unsigned v)
{
	unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};

	buf_append(b, x, 2);
}

static void put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

static char *zip_build(const struct zpart *parts, int n, size_t *outlen)
{
	struct buf b, cd;
	uint32_t *offs = calloc((size_t)n, sizeof(*offs));

	buf_init(&b, (size_t)256 << 20);
	buf_init(&cd, (size_t)1 << 20);
	for (int i = 0; i < n; i++) {
		size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
		uLong crc = crc32(0, (const Bytef *)parts[i].data, (uInt)len);
		unsigned char *comp = NULL;
		size_t clen = len;
		unsigned method = parts[i].store ? 0 : 8;

		if (method == 8) {
			z_stream zs;

			memset(&zs, 0, sizeof(zs));
			assert_int_equal(
			    deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
			clen = deflateBound(&zs, len);
			comp = malloc(clen);
			zs.next_in = (Bytef *)parts[i].data;
			zs.avail_in = (uInt)len;
			zs.next_out = comp;
			zs.avail_out = (uInt)clen;
			assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
			clen = zs.total_out;
			deflateEnd(&zs);
		}
		offs[i] = (uint32_t)b.len;
		put32(&b, 0x04034b50);
		put16(&b, 20);
		put16(&b, 0);
		put16(&b, method);
		put16(&b, 0);
		put16(&b, 0x21);
		put32(&b, (uint32_t)crc);
		put32(&b, (uint32_t)clen);
		put32(&b, (uint32_t)len);
		put16(&b, (unsigned)strlen(parts[i].name));
		put16(&b, 0);
		buf_puts(&b, parts[i].name);
		buf_append(&b, comp ? (const char *)comp : parts[i].data, clen);

		put32(&cd, 0x02014b50);
		put16(&cd, 20);
		put16(&cd, 20);
		put16(&cd, 0);
		put16(&cd, method);
		put16(&cd, 0);
		put16(&cd, 0x21);
		put32(&cd, (uint32_t)crc);
		put32(&cd, (uint32_t)clen);
		put32(&cd, (uint32_t)len);
		put16(&cd, (unsigned)strlen(parts[i].name));
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put32(&cd, 0);
		put32(&cd, offs[i]);
		buf_puts(&cd, parts[i].name);
		free(comp);
	}
	{
		uint32_t cd_off = (uint32_t)b.len;

		buf_append(&b, cd.ptr, cd.len);
		put32(&b, 0x06054b50);
		put16(&b, 0);
		put16(&b, 0);
		put16(&b, (unsigned)n);
		put16(&b, (unsigned)n);
		put32(&b, (uint32_t)cd.len);
		put32(&b, cd_off);
		put16(&b, 0);
	}
	buf_release(&cd);
	free(offs);
	return buf_detach(&b, outlen);
}

static const char CT[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char ROOT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";
/* The first sheet is rId3 → worksheets/sheet2.xml, so a reader guessing sheet1 fails. */
static const char WORKBOOK[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr date1904=\"false\"/><sheets>"
    "<sheet name=\"台账\" sheetId=\"1\" state=\"visible\" r:id=\"rId3\"/>"
    "<sheet name=\"其他\" sheetId=\"2\" state=\"visible\" r:id=\"rId4\"/>"
    "</sheets></workbook>";
static const char WB_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId4\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/></Relationships>";
static const char STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/mm/dd;@\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.00_);[Red]\\(0.00\\)\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"&quot;第&quot;0&quot;号&quot;\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"8\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"22\"/><xf numFmtId=\"20\"/>"
    "<xf numFmtId=\"166\"/><xf numFmtId=\"31\"/></cellXfs></styleSheet>";
static const char SHARED[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"5\" "
    "uniqueCount=\"5\">"
    "<si><t>载体编号</t></si>"
    "<si><t xml:space=\"preserve\">名称 </t></si>"
    "<si><r><rPr><b/></rPr><t>机密</t></r><r><t>文件_x000D_</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>"
    "<si><t>A&amp;B &lt;C&gt;</t></si>"
    "<si><t/></si></sst>";
static const char SHEET2[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<x:dimension ref=\"A1:L5\"/><x:sheetData>"
    "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"s\">"
    "<x:v>1</x:v></x:c></x:row>"
    "<x:row r=\"3\" spans=\"1:12\">"
    "<x:c r=\"A3\" t=\"s\"><x:v>2</x:v></x:c>"
    "<x:c r=\"C3\" t=\"inlineStr\"><x:is><x:r><x:t>内联</x:t></x:r><x:r><x:t>字符串</x:t></x:r>"
    "</x:is></x:c>"
    "<x:c r=\"D3\" s=\"1\"><x:v>45292</x:v></x:c>"
    "<x:c r=\"E3\" s=\"2\"><x:v>45337.5</x:v></x:c>"
    "<x:c r=\"F3\" s=\"3\"><x:v>0.30000000000000004</x:v></x:c>"
    "<x:c r=\"G3\" t=\"b\"><x:v>1</x:v></x:c>"
    "<x:c r=\"H3\" t=\"str\"><x:f>A3&amp;\"x\"</x:f><x:v>公式</x:v></x:c>"
    "<x:c r=\"I3\" t=\"e\"><x:v>#N/A</x:v></x:c>"
    "<x:c r=\"J3\" s=\"4\"><x:v>45292.75</x:v></x:c>"
    "<x:c r=\"K3\" s=\"5\"><x:v>0.5</x:v></x:c>"
    "<x:c r=\"L3\" s=\"6\"><x:v>12</x:v></x:c>"
    "</x:row>"
    "<x:row r=\"4\"><x:c r=\"A4\" t=\"s\"><x:v>3</x:v></x:c><x:c r=\"B4\"><x:v>1E+3</x:v></x:c>"
    "<x:c r=\"C4\" s=\"7\"><x:v>59</x:v></x:c><x:c r=\"D4\" s=\"7\"><x:v>60</x:v></x:c>"
    "<x:c r=\"E4\" s=\"7\"><x:v>61</x:v></x:c><x:c r=\"F4\"><x:v>123456789012</x:v></x:c>"
    "<x:c r=\"G4\"><x:v>-0.25</x:v></x:c></x:row>"
    "<x:row r=\"5\"><x:c r=\"A5\" s=\"1\"/><x:c r=\"B5\" t=\"s\"><x:v>4</x:v></x:c></x:row>"
    "<x:row r=\"7\"><x:c t=\"inlineStr\"><x:is><x:t>无引用</x:t></x:is></x:c>"
    "<x:c><x:v>2</x:v></x:c></x:row>"
    "</x:sheetData></x:worksheet>";
static const char SHEET1[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row>"
    "</sheetData></worksheet>";

/* A workbook with the standard parts and the given first sheet and shared strings. */
static char *workbook_with(const char *sheet, const char *shared, int store, size_t *len)
{
	struct zpart parts[] = {
	    {"[Content_Types].xml", CT, 0, store},
	    {"_rels/.rels", ROOT_RELS, 0, store},
	    {"xl/workbook.xml", WORKBOOK, 0, store},
	    {"xl/_rels/workbook.xml.rels", WB_RELS, 0, store},
	    {"xl/styles.xml", STYLES, 0, store},
	    {"xl/sharedStrings.xml", shared, 0, store},
	    {"xl/worksheets/sheet1.xml", SHEET1, 0, store},
	    {"xl/worksheets/sheet2.xml", sheet, 0, store},
	};

	return zip_build(parts, 8, len);
}

static enum table_err read_sheet(const char *sheet, char **text, struct table_error *err)
{
	size_t len;
	char *zip = workbook_with(sheet, SHARED, 0, &len);
	enum table_err rc = read_with(table_read_xlsx, zip, len, text, err);

	free(zip);
	return rc;
}

static void expect_sheet_error(const char *body, enum table_err want, int line, const char *needle)
{
	char sheet[4096], *got;
	struct table_error err;
	enum table_err rc;

	snprintf(sheet, sizeof(sheet),
	         "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	         "<sheetData>%s</sheetData></worksheet>",
	         body);
	rc = read_sheet(sheet, &got, &err);
	free(got);
	if (rc != want)
		fprintf(stderr, "got %d: %s\n", rc, err.message);
	assert_int_equal(rc, want);
	assert_int_equal(err.line, line);
	if (needle && !strstr(err.message, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, needle);
}

/* ---- CSV ---- */

static void test_csv_rfc4180(void **state)
{
	static const char in[] = "编号,名称,备注\r\n"
	                         "A-1,\"含,逗号\",\"他说\"\"好\"\"\"\r\n"
	                         "A-2,\"两行\r\n文字\",\r\n"
	                         "A-3,,末尾\n"
	                         "\n"
	                         ",,\n"
	                         "A-4,a\"b,\"\"";
	(void)state;
	expect_csv(in, sizeof(in) - 1,
	           "1:编号|名称|备注\n"
	           "2:A-1|含,逗号|他说\"好\"\n"
	           "3:A-2|两行\n文字\n"
	           "5:A-3||末尾\n"
	           "8:A-4|a\"b\n");
}

static void test_csv_line_endings(void **state)
{
	(void)state;
	EXPECT_CSV("a,b\rc,d\r", "1:a|b\n2:c|d\n");
	EXPECT_CSV("a\n\nb\r\n", "1:a\n3:b\n");
	EXPECT_CSV("", "");
	EXPECT_CSV("x", "1:x\n");
	EXPECT_CSV("\"q\"", "1:q\n");
	EXPECT_CSV("a,", "1:a\n");
	EXPECT_CSV(",b", "1:|b\n");
}

static void test_csv_bom_and_tabs(void **state)
{
	static const char utf8[] = "\xef\xbb\xbf密级,期限\n机密,20\n";
	char *u16;
	size_t n;

	(void)state;
	expect_csv(utf8, sizeof(utf8) - 1, "1:密级|期限\n2:机密|20\n");
	/* Excel's "Unicode text": UTF-16LE with a BOM, tab separated. */
	u16 = iconv_to("UTF-16", "密级\t期限\r\n绝密\t\"30\"\r\n", &n);
	if ((unsigned char)u16[0] == 0xfe) { /* make sure of LE with BOM */
		free(u16);
		u16 = iconv_to("UTF-16LE", "\xef\xbb\xbf密级\t期限\r\n绝密\t\"30\"\r\n", &n);
	}
	assert_true((unsigned char)u16[0] == 0xff && (unsigned char)u16[1] == 0xfe);
	expect_csv(u16, n, "1:密级|期限\n2:绝密|30\n");
	free(u16);
	u16 = iconv_to("UTF-16BE", "\xef\xbb\xbf秘密,10\n", &n);
	expect_csv(u16, n, "1:秘密|10\n");
	free(u16);
	/* A lone surrogate in UTF-16 on line 2. */
	expect_csv_error("\xff\xfe"
	                 "a\0\n\0"
	                 "\x00\xd8"
	                 "b\0",
	                 10, TABLE_BAD_ENCODING, 2, "UTF-16");
}

static void test_csv_gbk(void **state)
{
	static const char utf8[] = "载体编号,名称,密级\r\n"
	                           "BM-2024-001,\"关于保密工作的通知,附件\",机密\r\n"
	                           "BM-2024-002,涉密计算机台账,秘密\r\n";
	char *gbk;
	size_t n;

	(void)state;
	gbk = iconv_to("GBK", utf8, &n);
	expect_csv(gbk, n,
	           "1:载体编号|名称|密级\n"
	           "2:BM-2024-001|关于保密工作的通知,附件|机密\n"
	           "3:BM-2024-002|涉密计算机台账|秘密\n");
	free(gbk);
	/* GB18030 four-byte characters (𠀀 U+20000, € in GB18030 form). */
	gbk = iconv_to("GB18030", "名,\xf0\xa0\x80\x80\xe2\x82\xac\n", &n);
	expect_csv(gbk, n, "1:名|\xf0\xa0\x80\x80\xe2\x82\xac\n");
	free(gbk);
}

static void test_csv_bad_encoding(void **state)
{
	/* GBK text, then a byte no encoding accepts on line 3. */
	char *gbk, bad[256];
	size_t n;

	(void)state;
	gbk = iconv_to("GBK", "机密,文件\n秘密,载体\n", &n);
	memcpy(bad, gbk, n);
	memcpy(bad + n, "x,\xff\xfe\n", 5);
	free(gbk);
	expect_csv_error(bad, n + 5, TABLE_BAD_ENCODING, 3, "GBK");
	/* UTF-8 text broken on line 2 (a truncated 机). */
	expect_csv_error("ok\n\xe6\x9c,\xff\n", 7, TABLE_BAD_ENCODING, 2, "UTF-8");
	/* Marked UTF-8 by its BOM, but line 2 is not. */
	expect_csv_error("\xef\xbb\xbf"
	                 "a\n\xc3(\n",
	                 8, TABLE_BAD_ENCODING, 2, "UTF-8");
}

static void test_csv_format_errors(void **state)
{
	(void)state;
	EXPECT_CSV_ERROR("a,b\nc,\"open\n\nd", TABLE_BAD_FORMAT, 2, "引号");
	EXPECT_CSV_ERROR("a\nb\n\"x\"y,z\n", TABLE_BAD_FORMAT, 3, "quote");
	EXPECT_CSV_ERROR("a,b\nc,d\0e\n", TABLE_BAD_FORMAT, 2, "NUL");
	/* NUL inside a multi-line cell: its own line. */
	EXPECT_CSV_ERROR("\"a\nb\0\"", TABLE_BAD_FORMAT, 2, "NUL");
}

static void test_csv_caps(void **state)
{
	struct buf b;
	char *big;
	int i;

	(void)state;
	buf_init(&b, (size_t)16 << 20);
	/* 256 columns pass, 257 do not; empty trailing columns past 256 are ignored. */
	buf_puts(&b, "h\n");
	for (i = 0; i < 256; i++)
		buf_puts(&b, i ? ",x" : "x");
	buf_puts(&b, ",,,,\n");
	for (i = 0; i < 257; i++)
		buf_puts(&b, i ? ",y" : "y");
	buf_puts(&b, "\n");
	expect_csv_error(b.ptr, b.len, TABLE_TOO_BIG, 3, "256");
	/* A cell of 32 KiB + 1 on line 2. */
	buf_reset(&b);
	buf_puts(&b, "a\n\"");
	for (i = 0; i < (int)TABLE_MAX_CELL + 1; i++)
		buf_puts(&b, "z");
	buf_puts(&b, "\"\n");
	expect_csv_error(b.ptr, b.len, TABLE_TOO_BIG, 2, "32768");
	/* More than a million lines. */
	buf_reset(&b);
	for (i = 0; i < TABLE_MAX_ROWS + 1; i++)
		buf_append(&b, "1\n", 2);
	expect_csv_error(b.ptr, b.len, TABLE_TOO_BIG, TABLE_MAX_ROWS + 1, "1000000");
	buf_release(&b);
	/* The whole file over 64 MiB is refused before it is looked at. */
	big = calloc(1, TABLE_MAX_INPUT + 1);
	expect_csv_error(big, TABLE_MAX_INPUT + 1, TABLE_TOO_BIG, 0, "MiB");
	free(big);
}

static void test_csv_stop(void **state)
{
	struct rows r = {.stop_after = 2};
	struct table_error err;

	(void)state;
	buf_init(&r.out, 4096);
	assert_int_equal(table_read_csv("a\nb\nc\n", 6, collect, &r, &err), TABLE_STOPPED);
	assert_int_equal(r.n, 2);
	assert_int_equal(err.line, 3);
	buf_release(&r.out);
}

/* ---- writers ---- */

struct source {
	const char *const (*rows)[4];
	int n, i;
};

static int next_row(void *arg, const char **cells)
{
	struct source *s = arg;

	if (s->i >= s->n)
		return 0;
	for (int k = 0; k < 4; k++)
		cells[k] = s->rows[s->i][k];
	s->i++;
	return 1;
}

static int failing_row(void *arg, const char **cells)
{
	(void)arg;
	(void)cells;
	return -1;
}

static const char *const headers[4] = {"载体编号", "名称", "密级", "备注"};
static const char *const data_rows[][4] = {
    {"BM-001", "关于加强保密管理的通知（2024年第3号）", "机密", NULL},
    {"007", "a,b", "\"引号\"", "两行\n文字"},
    {"=SUM(A1:A3)", "+86", "-5", "@cmd"},
    {"ctl\x01x", "_x0041_ literal", "", "末列"},
    {"", "", "", ""},
};

static void test_csv_write(void **state)
{
	struct source src = {data_rows, 4, 0};
	void *out;
	size_t len;
	static const char want[] = "\xef\xbb\xbf载体编号,名称,密级,备注\r\n"
	                           "BM-001,关于加强保密管理的通知（2024年第3号）,机密,\r\n"
	                           "007,\"a,b\",\"\"\"引号\"\"\",\"两行\n文字\"\r\n"
	                           "'=SUM(A1:A3),'+86,'-5,'@cmd\r\n"
	                           "ctl\x01x,_x0041_ literal,,末列\r\n";
	char *got;
	struct table_error err;

	(void)state;
	assert_int_equal(table_csv_write(headers, 4, next_row, &src, &out, &len), TABLE_OK);
	assert_int_equal(len, sizeof(want) - 1);
	assert_memory_equal(out, want, len);
	/* It reads back as written, the formula guard undone. */
	assert_int_equal(read_with(table_read_csv, out, len, &got, &err), TABLE_OK);
	assert_string_equal(got, "1:载体编号|名称|密级|备注\n"
	                         "2:BM-001|关于加强保密管理的通知（2024年第3号）|机密\n"
	                         "3:007|a,b|\"引号\"|两行\n文字\n"
	                         "5:=SUM(A1:A3)|+86|-5|@cmd\n"
	                         "6:ctl\x01x|_x0041_ literal||末列\n");
	free(got);
	free(out);
	/* Refusals. */
	assert_int_equal(table_csv_write(headers, 4, failing_row, NULL, &out, &len), TABLE_STOPPED);
	assert_null(out);
	{
		static const char *const bad[][4] = {{"ok", "\xff", "", ""}};
		struct source b = {bad, 1, 0};

		assert_int_equal(table_csv_write(headers, 4, next_row, &b, &out, &len),
		                 TABLE_BAD_ENCODING);
		assert_null(out);
	}
}

static void test_xlsx_round_trip(void **state)
{
	struct source src = {data_rows, 5, 0};
	void *out;
	size_t len;
	char *got;
	struct table_error err;

	(void)state;
	assert_int_equal(table_xlsx_write("涉密载体台账", headers, 4, next_row, &src, &out, &len),
	                 TABLE_OK);
	assert_true(len > 1000);
	assert_memory_equal(out, "PK\x03\x04", 4);
	assert_int_equal(read_with(table_read_auto, out, len, &got, &err), TABLE_OK);
	assert_string_equal(got, "1:载体编号|名称|密级|备注\n"
	                         "2:BM-001|关于加强保密管理的通知（2024年第3号）|机密\n"
	                         "3:007|a,b|\"引号\"|两行\n文字\n"
	                         "4:=SUM(A1:A3)|+86|-5|@cmd\n"
	                         "5:ctl\x01x|_x0041_ literal||末列\n");
	free(got);
	if (getenv("TABLE_KEEP_XLSX")) {
		FILE *f = fopen(getenv("TABLE_KEEP_XLSX"), "wb");

		fwrite(out, 1, len, f);
		fclose(f);
	}
	free(out);
	/* Refusals: bad sheet name, bad UTF-8, a cell over Excel's limit, abort. */
	src.i = 0;
	assert_int_equal(table_xlsx_write("a/b", headers, 4, next_row, &src, &out, &len),
	                 TABLE_BAD_FORMAT);
	assert_null(out);
	assert_int_equal(table_xlsx_write("s", headers, 4, failing_row, NULL, &out, &len),
	                 TABLE_STOPPED);
	{
		static const char *const bad[][4] = {{"ok", "\xc0\x80", "", ""}};
		struct source b = {bad, 1, 0};

		assert_int_equal(table_xlsx_write("s", headers, 4, next_row, &b, &out, &len),
		                 TABLE_BAD_ENCODING);
	}
	{
		char *huge = malloc(40000);
		const char *row[4] = {huge, "", "", ""};
		const char *const(*rows)[4] = (const char *const(*)[4]) & row;
		struct source b = {rows, 1, 0};

		memset(huge, 'w', 39999);
		huge[39999] = '\0';
		assert_int_equal(table_xlsx_write("s", headers, 4, next_row, &b, &out, &len),
		                 TABLE_TOO_BIG);
		free(huge);
	}
}

/* A workbook of a cover sheet and two tables; each read back by name. */
static void test_xlsx_book(void **state)
{
	static const struct table_line lines[] = {
	    {"2026年度保密自查报告", TABLE_LINE_TITLE},
	    {"一、概况", TABLE_LINE_HEADING},
	    {"本次自查覆盖12个部门。", TABLE_LINE_TEXT},
	    {NULL, TABLE_LINE_TEXT},
	    {"完", TABLE_LINE_TEXT},
	};
	struct source a = {data_rows, 2, 0}, b = {data_rows + 2, 1, 0};
	struct table_book *book;
	struct table_error err;
	void *out;
	size_t len;
	char *got;

	(void)state;
	assert_int_equal(table_book_new(&book), TABLE_OK);
	assert_int_equal(table_book_add_lines(book, "概况", lines, 5), TABLE_OK);
	assert_int_equal(table_book_add_table(book, "载体", headers, 4, next_row, &a), TABLE_OK);
	assert_int_equal(table_book_add_table(book, "Sheet (2)", headers, 4, next_row, &b),
	                 TABLE_OK);
	assert_int_equal(table_book_finish(book, &out, &len), TABLE_OK);
	assert_memory_equal(out, "PK\x03\x04", 4);

	/* the first sheet is what an import would read */
	assert_int_equal(read_with(table_read_auto, out, len, &got, &err), TABLE_OK);
	assert_string_equal(got,
	                    "1:2026年度保密自查报告\n2:一、概况\n3:本次自查覆盖12个部门。\n5:完\n");
	free(got);
	{
		struct rows r = {.n = 0};

		buf_init(&r.out, 1 << 20);
		assert_int_equal(table_read_xlsx_sheet(out, len, "Sheet (2)", collect, &r, &err),
		                 TABLE_OK);
		assert_string_equal(r.out.ptr,
		                    "1:载体编号|名称|密级|备注\n2:=SUM(A1:A3)|+86|-5|@cmd\n");
		buf_reset(&r.out);
		assert_int_equal(table_read_xlsx_sheet(out, len, "载体", collect, &r, &err),
		                 TABLE_OK);
		assert_non_null(strstr(r.out.ptr, "3:007|a,b|\"引号\"|两行\n文字\n"));
		buf_reset(&r.out);
		assert_int_equal(table_read_xlsx_sheet(out, len, "载", collect, &r, &err),
		                 TABLE_BAD_FORMAT);
		assert_non_null(strstr(err.message, "no such sheet"));
		buf_release(&r.out);
	}
	free(out);

	/* a bad or repeated name fails the sheet and the book; so does a row source */
	a.i = 0;
	assert_int_equal(table_book_new(&book), TABLE_OK);
	assert_int_equal(table_book_add_table(book, "x", headers, 4, next_row, &a), TABLE_OK);
	assert_int_equal(table_book_add_table(book, "x", headers, 4, next_row, &a),
	                 TABLE_BAD_FORMAT);
	assert_int_equal(table_book_add_lines(book, "y", lines, 1), TABLE_BAD_FORMAT);
	assert_int_equal(table_book_finish(book, &out, &len), TABLE_BAD_FORMAT);
	assert_null(out);
	assert_int_equal(table_book_new(&book), TABLE_OK);
	assert_int_equal(table_book_add_table(book, "x", headers, 4, failing_row, NULL),
	                 TABLE_STOPPED);
	table_book_free(book);
	assert_int_equal(table_book_new(&book), TABLE_OK);
	assert_int_equal(table_book_add_lines(book, "a:b", lines, 1), TABLE_BAD_FORMAT);
	table_book_free(book);
	table_book_free(NULL);
}

static void expect_sheet_name(const char *name, const char *fallback, const char *const *taken,
                              size_t ntaken, const char *want)
{
	char out[TABLE_SHEET_NAME_SIZE];

	table_sheet_name(name, fallback, taken, ntaken, out);
	assert_string_equal(out, want);
}

static void test_sheet_name(void **state)
{
	static const char *const taken[] = {"概况", "发现问题清单", "发现问题清单 (2)", "abc"};
	/* 40 characters with every forbidden one */
	static const char forty[] =
	    "问题/整改?情况*统计[分]:部门\\汇总表一二三四五六七八九十甲乙丙丁戊己庚辛壬";
	static const char *const long_name[] = {
	    "一二三四五六七八九十一二三四五六七八九十一二三四五六七'  一"};

	(void)state;
	assert_int_equal(strlen(forty), 33 * 3 + 7); /* 33 Chinese, 7 ASCII */
	expect_sheet_name("整改情况", NULL, NULL, 0, "整改情况");
	expect_sheet_name(forty, NULL, NULL, 0,
	                  "问题_整改_情况_统计_分__部门_汇总表一二三四五六七八九十");
	expect_sheet_name("  'x' ", NULL, NULL, 0, "x");
	expect_sheet_name("'''", "表3", NULL, 0, "表3");
	expect_sheet_name(NULL, NULL, NULL, 0, "Sheet");
	expect_sheet_name("", "''", NULL, 0, "Sheet");
	expect_sheet_name("a\tb\x01\xff\xe4\xb8", NULL, NULL, 0, "a_b____"); /* each bad byte */
	expect_sheet_name("history", NULL, NULL, 0, "history (2)");
	expect_sheet_name("ABC", NULL, taken, 4, "ABC (2)");
	expect_sheet_name("发现问题清单", NULL, taken, 4, "发现问题清单 (3)");
	expect_sheet_name("概况", NULL, taken, 4, "概况 (2)");
	/* a supplementary character counts two, and is not cut in half */
	expect_sheet_name("𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀", NULL, NULL, 0,
	                  "𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀");
	/* cut at 31, then again to make room for the number: no space or apostrophe at the end */
	expect_sheet_name(long_name[0], NULL, NULL, 0,
	                  "一二三四五六七八九十一二三四五六七八九十一二三四五六七'  一");
	expect_sheet_name(long_name[0], NULL, long_name, 1,
	                  "一二三四五六七八九十一二三四五六七八九十一二三四五六七 (2)");
}

/* ---- XLSX reading ---- */

static void test_xlsx_libreoffice_shape(void **state)
{
	char *got;
	struct table_error err;

	(void)state;
	assert_int_equal(read_sheet(SHEET2, &got, &err), TABLE_OK);
	assert_string_equal(got, "1:载体编号|名称 \n"
	                         "3:机密文件\r||内联字符串|2024-01-01|2024-02-15|0.3|TRUE|公式|#N/"
	                         "A|2024-01-01 18:00:00|12:00:00|12\n"
	                         "4:A&B <C>|1000|1900-02-28|1900-02-29|1900-03-01|123456789012|-0."
	                         "25\n"
	                         "7:无引用|2\n");
	free(got);
}

static void test_xlsx_stored_and_1904(void **state)
{
	static const char wb1904[] =
	    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	    "<workbookPr date1904=\"1\"/><sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId3\"/>"
	    "</sheets></workbook>";
	static const char sheet[] =
	    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	    "<sheetData><row r=\"2\"><c r=\"B2\" s=\"1\"><v>0</v></c><c r=\"C2\" t=\"d\">"
	    "<v>2024-05-01T00:00:00</v></c></row></sheetData></worksheet>";
	struct zpart parts[] = {
	    {"_rels/.rels", ROOT_RELS, 0, 1},
	    {"xl/workbook.xml", wb1904, 0, 1},
	    {"xl/_rels/workbook.xml.rels", WB_RELS, 0, 1},
	    {"XL/STYLES.XML", STYLES, 0, 1},
	    {"xl/worksheets/sheet2.xml", sheet, 0, 1},
	};
	size_t len;
	char *zip = zip_build(parts, 5, &len), *got;
	struct table_error err;

	(void)state;
	assert_int_equal(read_with(table_read_xlsx, zip, len, &got, &err), TABLE_OK);
	assert_string_equal(got, "2:|1904-01-01|2024-05-01\n");
	free(got);
	free(zip);
}

static void test_xlsx_errors(void **state)
{
	char *zip, *got;
	size_t len;
	struct table_error err;

	(void)state;
	expect_sheet_error("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row>", TABLE_BAD_FORMAT,
	                   1, "A1");
	expect_sheet_error("<row r=\"4\"><c r=\"B4\"><v>1</v></c><c r=\"A4\"><v>2</v></c></row>",
	                   TABLE_BAD_FORMAT, 4, "A4");
	expect_sheet_error("<row r=\"4\"/><row r=\"2\"/>", TABLE_BAD_FORMAT, 2, NULL);
	/* Column IW is the 257th; an empty styled cell there is fine, a value is not. */
	expect_sheet_error("<row r=\"9\"><c r=\"A9\"><v>1</v></c><c r=\"IW9\" s=\"1\"/></row>"
	                   "<row r=\"10\"><c r=\"IW10\"><v>1</v></c></row>",
	                   TABLE_TOO_BIG, 10, "IW10");
	expect_sheet_error("<row r=\"1000001\"><c r=\"A1000001\"><v>1</v></c></row>", TABLE_TOO_BIG,
	                   1000001, "1000000");
	expect_sheet_error("<row r=\"3\"><c r=\"A3\"><v>1</v></c></row><row r=\"4\"><c>",
	                   TABLE_BAD_FORMAT, 4, "XML");
	/* A cell over 32 KiB. */
	{
		char *sheet = malloc(TABLE_MAX_CELL + 512);
		int n =
		    sprintf(sheet, "<worksheet><sheetData><row r=\"6\"><c r=\"B6\" t=\"inlineStr\">"
		                   "<is><t>");

		memset(sheet + n, 'q', TABLE_MAX_CELL + 1);
		strcpy(sheet + n + TABLE_MAX_CELL + 1,
		       "</t></is></c></row></sheetData></worksheet>");
		assert_int_equal(read_sheet(sheet, &got, &err), TABLE_TOO_BIG);
		assert_int_equal(err.line, 6);
		assert_non_null(strstr(err.message, "B6"));
		free(got);
		free(sheet);
	}
	/* A DOCTYPE (entity expansion) is refused. */
	{
		static const char bomb[] =
		    "<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]>"
		    "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;"
		    "</t></is></c></row></sheetData></worksheet>";

		assert_int_equal(read_sheet(bomb, &got, &err), TABLE_BAD_FORMAT);
		assert_non_null(strstr(err.message, "DTD"));
		free(got);
	}
	/* Not a workbook: a zip without xl/workbook.xml, an OLE2 file, garbage zip. */
	{
		struct zpart parts[] = {{"content.xml", "<a/>", 0, 0}};

		zip = zip_build(parts, 1, &len);
		assert_int_equal(read_with(table_read_auto, zip, len, &got, &err),
		                 TABLE_BAD_FORMAT);
		assert_non_null(strstr(err.message, "xlsx"));
		free(got);
		/* A flipped byte in the compressed data fails the CRC or inflate. */
		zip[40] ^= 0x55;
		assert_int_equal(read_with(table_read_xlsx, zip, len, &got, &err),
		                 TABLE_BAD_FORMAT);
		free(got);
		free(zip);
	}
	assert_int_equal(
	    read_with(table_read_auto, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old xls", 16, &got, &err),
	    TABLE_BAD_FORMAT);
	assert_non_null(strstr(err.message, ".xls"));
	free(got);
	assert_int_equal(read_with(table_read_xlsx, "PK\x03\x04 junk", 9, &got, &err),
	                 TABLE_BAD_FORMAT);
	free(got);
}

static void test_xlsx_oversized_entry(void **state)
{
	/* 65 MiB of shared strings squeeze into ~65 KiB: refused by declared size. */
	size_t big = TABLE_MAX_INPUT + ((size_t)1 << 20), len;
	char *ss = malloc(big), *zip, *got;
	struct table_error err;

	(void)state;
	memset(ss, ' ', big);
	memcpy(ss, "<sst>", 5);
	{
		struct zpart parts[] = {
		    {"_rels/.rels", ROOT_RELS, 0, 0},
		    {"xl/workbook.xml", WORKBOOK, 0, 0},
		    {"xl/_rels/workbook.xml.rels", WB_RELS, 0, 0},
		    {"xl/sharedStrings.xml", ss, big, 0},
		    {"xl/worksheets/sheet2.xml", SHEET1, 0, 0},
		};

		zip = zip_build(parts, 5, &len);
	}
	free(ss);
	assert_true(len < ((size_t)1 << 20));
	assert_int_equal(read_with(table_read_xlsx, zip, len, &got, &err), TABLE_TOO_BIG);
	assert_non_null(strstr(err.message, "sharedStrings"));
	free(got);
	free(zip);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_rfc4180),
	    cmocka_unit_test(test_csv_line_endings),
	    cmocka_unit_test(test_csv_bom_and_tabs),
	    cmocka_unit_test(test_csv_gbk),
	    cmocka_unit_test(test_csv_bad_encoding),
	    cmocka_unit_test(test_csv_format_errors),
	    cmocka_unit_test(test_csv_caps),
	    cmocka_unit_test(test_csv_stop),
	    cmocka_unit_test(test_csv_write),
	    cmocka_unit_test(test_xlsx_round_trip),
	    cmocka_unit_test(test_xlsx_book),
	    cmocka_unit_test(test_sheet_name),
	    cmocka_unit_test(test_xlsx_libreoffice_shape),
	    cmocka_unit_test(test_xlsx_stored_and_1904),
	    cmocka_unit_test(test_xlsx_errors),
	    cmocka_unit_test(test_xlsx_oversized_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
