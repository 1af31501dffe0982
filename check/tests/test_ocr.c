/*
 * Unit tests of the parts of --ocr that need no Tesseract: which files are
 * images (ocr_sniff) and the joining of the Chinese characters that
 * Tesseract separates with spaces (ocr_join_cjk).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sniff),
	    cmocka_unit_test(test_join),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
