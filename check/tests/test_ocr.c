/*
 * Unit tests of the parts of --ocr that need no Tesseract: which files are
 * images (ocr_sniff), the joining of the Chinese characters that
 * Tesseract separates with spaces (ocr_join_cjk), the pictures of .doc and
 * .ppt streams (blip.h) and the --ocr-lang syntax (ocr_langs_valid).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "blip.h"
#include "ocr.h"

static void test_sniff(void **state)
{
	static const unsigned char bmp[18] = {'B', 'M', 0x36, 0, 0, 0, 0, 0,
	                                      0,   0,   0x36, 0, 0, 0, 40};
	static const unsigned char bmw[] = "BMW drove 40 km to the office.";
	static const unsigned char bmp_bad[18] = {'B', 'M', 0x36, 0, 0, 0, 0, 0,
	                                          0,   0,   0x36, 0, 0, 0, 41};

	(void)state;
	assert_string_equal(ocr_sniff((const unsigned char *)"\x89PNG\r\n\x1a\n\0\0", 10), "png");
	assert_null(ocr_sniff((const unsigned char *)"\x89PNG\r\n\x1a", 7));
	assert_string_equal(ocr_sniff((const unsigned char *)"\xFF\xD8\xFF\xE0", 4), "jpeg");
	assert_string_equal(ocr_sniff((const unsigned char *)"II*\0\x08\0\0\0", 8), "tiff");
	assert_string_equal(ocr_sniff((const unsigned char *)"MM\0*\0\0\0\x08", 8), "tiff");
	assert_string_equal(ocr_sniff(bmp, sizeof(bmp)), "bmp");
	/* "BM" starting a line of text, or an info header size that does not exist */
	assert_null(ocr_sniff(bmw, sizeof(bmw) - 1));
	assert_null(ocr_sniff(bmp_bad, sizeof(bmp_bad)));
	assert_null(ocr_sniff(bmp, 17));
	assert_null(ocr_sniff((const unsigned char *)"%PDF-1.7", 8));
	assert_null(ocr_sniff((const unsigned char *)"", 0));
}

static void join(const char *in, const char *want)
{
	char buf[256];
	size_t n = strlen(in);

	memcpy(buf, in, n);
	n = ocr_join_cjk(buf, n);
	buf[n] = '\0';
	assert_string_equal(buf, want);
}

static void test_join(void **state)
{
	(void)state;
	/* Tesseract's "机 密" is 机密; across a line end too */
	join("此 件 为 机 密 文 件", "此件为机密文件");
	/* ★ (U+2605) is a symbol, not CJK: its spaces stay */
	join("绝 密 ★ 启 动 前", "绝密 ★ 启动前");
	join("机\n密", "机密");
	join("机 \t\n 密", "机密");
	join("第 2 页 机 密", "第 2 页机密");
	/* Latin words keep their spaces, and spaces beside them stay */
	join("TOP SECRET 文件", "TOP SECRET 文件");
	join("文件 TOP  SECRET", "文件 TOP  SECRET");
	/* full-width punctuation (U+FF0C) counts as CJK */
	join("文件 ， 不得", "文件，不得");
	/* broken UTF-8 is left as it is */
	join("\xE6\x9C \xE5\xAF\x86", "\xE6\x9C \xE5\xAF\x86");
	join("", "");
	join("   ", "   ");
}

/* Appends a BLIP record: header (instance, type, length), ids, tag, then the picture. */
static void put_blip(struct cbuf *b, unsigned inst, unsigned type, const void *pic, size_t n)
{
	unsigned char h[8] = {(unsigned char)(inst << 4), (unsigned char)(inst >> 4),
	                      (unsigned char)type, (unsigned char)(type >> 8)};
	size_t ids = 16 * (1 + (inst & 1));
	uint32_t len = (uint32_t)(ids + 1 + n);

	memcpy(h + 4, &len, 4);
	assert_int_equal(cbuf_append(b, h, 8), CBUF_OK);
	for (size_t i = 0; i < ids; i++)
		cbuf_putc(b, (char)0xA5);
	cbuf_putc(b, (char)0xFF);
	cbuf_append(b, pic, n);
}

static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR-png";
static const unsigned char jpeg[] = "\xFF\xD8\xFF\xE0jpeg-data";

static void test_blip(void **state)
{
	/* A 40-byte info header, 8 bits a pixel, 2 colours used: the pixels at 14+40+8. */
	unsigned char dib[40 + 8 + 4] = {40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 8};
	struct cbuf b, bmp;
	struct blip p;
	size_t pos = 0, last;

	(void)state;
	dib[32] = 2;
	cbuf_init(&b, 1 << 20);
	cbuf_init(&bmp, 1 << 20);
	/* A PICF-like header, a PNG BLIP, a metafile (EMF) BLIP, a JPEG with two ids,
	 * a DIB, then a PNG record whose length runs past the stream. */
	cbuf_append(&b, "\0\0\0\0\x44\0 PICF header with 0xF0 bytes \xF0\xF0", 36);
	put_blip(&b, 0x6E0, 0xF01E, png, sizeof(png) - 1);
	put_blip(&b, 0x3D4, 0xF01A, png, sizeof(png) - 1);
	put_blip(&b, 0x46B, 0xF01D, jpeg, sizeof(jpeg) - 1);
	put_blip(&b, 0x7A8, 0xF01F, dib, sizeof(dib));
	last = b.len;
	put_blip(&b, 0x6E0, 0xF01E, png, sizeof(png) - 1);
	b.ptr[last + 7] = 0x7F; /* the top byte of its recLen */

	assert_int_equal(blip_next((unsigned char *)b.ptr, b.len, &pos, &p), 1);
	assert_string_equal(p.format, "png");
	assert_int_equal(p.len, sizeof(png) - 1);
	assert_memory_equal(p.data, png, p.len);
	/* the EMF is passed over, the JPEG's second id skipped */
	assert_int_equal(blip_next((unsigned char *)b.ptr, b.len, &pos, &p), 1);
	assert_string_equal(p.format, "jpeg");
	assert_memory_equal(p.data, jpeg, sizeof(jpeg) - 1);
	assert_int_equal(blip_next((unsigned char *)b.ptr, b.len, &pos, &p), 1);
	assert_string_equal(p.format, "dib");
	assert_int_equal(p.len, sizeof(dib));
	assert_int_equal(blip_dib_bmp(p.data, p.len, &bmp), CBUF_OK);
	assert_int_equal(bmp.len, 14 + sizeof(dib));
	assert_memory_equal(bmp.ptr, "BM", 2);
	assert_int_equal((unsigned char)bmp.ptr[2], 14 + sizeof(dib));
	assert_int_equal((unsigned char)bmp.ptr[10], 14 + 40 + 2 * 4);
	assert_string_equal(ocr_sniff((unsigned char *)bmp.ptr, bmp.len), "bmp");
	/* the truncated record is no picture */
	assert_int_equal(blip_next((unsigned char *)b.ptr, b.len, &pos, &p), 0);
	assert_int_equal(pos, b.len);

	/* A PNG record whose data are no PNG; a DIB whose palette passes its end. */
	cbuf_reset(&b);
	put_blip(&b, 0x6E0, 0xF01E, jpeg, sizeof(jpeg) - 1);
	pos = 0;
	assert_int_equal(blip_next((unsigned char *)b.ptr, b.len, &pos, &p), 0);
	dib[32] = 200;
	cbuf_reset(&bmp);
	assert_int_equal(blip_dib_bmp(dib, sizeof(dib), &bmp), CBUF_TOO_BIG);
	assert_int_equal(blip_dib_bmp(dib, 12, &bmp), CBUF_TOO_BIG);
	pos = 0;
	assert_int_equal(blip_next((unsigned char *)"", 0, &pos, &p), 0);
	cbuf_release(&b);
	cbuf_release(&bmp);
}

static void rec(struct cbuf *b, unsigned type, const char *data)
{
	size_t n = strlen(data);
	unsigned char h[4] = {(unsigned char)type, (unsigned char)(type >> 8), (unsigned char)n, 0};

	cbuf_append(b, h, 4);
	cbuf_append(b, data, n);
}

static void test_xls_group(void **state)
{
	struct cbuf wb, out;

	(void)state;
	cbuf_init(&wb, 1 << 16);
	cbuf_init(&out, 1 << 16);
	/* BOF, the group in an MsoDrawingGroup and two Continue records, a cell, a Continue of
	 * something else, a second group, then a record that runs past the end. */
	rec(&wb, 0x0809, "bof");
	rec(&wb, 0x00EB, "group-");
	rec(&wb, 0x003C, "goes-");
	rec(&wb, 0x003C, "on|");
	rec(&wb, 0x0204, "label");
	rec(&wb, 0x003C, "not-this");
	rec(&wb, 0x00EB, "second");
	rec(&wb, 0x00EB, "cut");
	wb.ptr[wb.len - 5] = 100;
	assert_int_equal(blip_xls_group((unsigned char *)wb.ptr, wb.len, &out), CBUF_OK);
	assert_string_equal(out.ptr, "group-goes-on|second");
	cbuf_release(&wb);
	cbuf_release(&out);
}

static void test_langs(void **state)
{
	char longs[OCR_LANGS_MAX + 2];

	(void)state;
	assert_true(ocr_langs_valid("chi_sim+eng"));
	assert_true(ocr_langs_valid("eng"));
	assert_true(ocr_langs_valid("script/HanS+chi_tra_vert"));
	assert_false(ocr_langs_valid(""));
	assert_false(ocr_langs_valid("eng+"));
	assert_false(ocr_langs_valid("+eng"));
	assert_false(ocr_langs_valid("chi_sim++eng"));
	assert_false(ocr_langs_valid("/etc/x"));
	assert_false(ocr_langs_valid("eng+/x"));
	assert_false(ocr_langs_valid("../eng"));
	assert_false(ocr_langs_valid("chi sim"));
	assert_false(ocr_langs_valid("中文"));
	memset(longs, 'a', sizeof(longs) - 1);
	longs[sizeof(longs) - 1] = '\0';
	assert_false(ocr_langs_valid(longs));
	longs[OCR_LANGS_MAX] = '\0';
	assert_true(ocr_langs_valid(longs));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sniff), cmocka_unit_test(test_join),
	    cmocka_unit_test(test_blip),  cmocka_unit_test(test_xls_group),
	    cmocka_unit_test(test_langs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
