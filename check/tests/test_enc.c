/*
 * Legacy CJK encodings: planted hits in text that iconv writes in GB18030
 * (four-byte sequences), Big5, EUC-KR, Shift-JIS and EUC-JP; traditional
 * forms of simplified keywords; and no hit of one encoding's form in text
 * of another, where the same bytes spell other characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "corpus.h"
#include "kw.h"
#include "lenc.h"
#include "scan.h"

/* Long enough (over LENC_MIN_CHARS characters) for the encoding to be decided. */
static const char simp[] = "根据保密工作要求，本单位的文件和资料必须按照规定存放在保密柜中，"
                           "不得带出办公区域，也不得通过互联网传输。各部门负责人应当定期检查。";
static const char trad[] =
    "根據保密工作要求，本單位的機密文件和內部資料必須按照規定存放在保密櫃中，"
    "不得帶出辦公區域，也不得通過網際網路傳輸。各部門負責人應當定期檢查。";
static const char korean[] =
    "이 문서는 비밀 문서이므로 외부로 반출할 수 없습니다. 모든 직원은 보안 "
    "규정을 지켜야 하며 정기적으로 점검을 받아야 합니다. 국가 기밀을 "
    "보호하는 것은 우리의 의무입니다.";
static const char japanese[] = "この文書は機密文書ですので、外部に持ち出すことはできません。"
                               "すべての職員は規定を守り、定期的に点検を受けなければなりません。";

struct fixture {
	struct kw_set ks;
	struct scan_engine fast, full;
};

static void load(struct fixture *f, const char *kws)
{
	size_t line;

	kw_set_init(&f->ks);
	assert_int_equal(kw_set_load_mem(&f->ks, kws, strlen(kws), &line), KW_OK);
	assert_int_equal(scan_engine_init(&f->fast, &f->ks, MATCH_AUTO, 0), SCAN_OK);
	assert_int_equal(scan_engine_init(&f->full, &f->ks, MATCH_AC, SCAN_ENGINE_ALL_FORMS),
	                 SCAN_OK);
}

static void unload(struct fixture *f)
{
	scan_engine_release(&f->fast);
	scan_engine_release(&f->full);
	kw_set_release(&f->ks);
}

/*
 * Scans data with both engines (they must agree) and returns "kw/enc ..." of
 * the hits, in the order of the result, into out.
 */
static void hits(struct fixture *f, const struct cbuf *data, char *out, size_t cap)
{
	struct scan_file a, b;
	size_t i, o = 0;

	assert_int_equal(scan_buffer(&f->fast, (const unsigned char *)data->ptr, data->len, &a),
	                 SCAN_OK);
	assert_int_equal(scan_buffer(&f->full, (const unsigned char *)data->ptr, data->len, &b),
	                 SCAN_OK);
	assert_int_equal(a.nhits, b.nhits);
	out[0] = '\0';
	for (i = 0; i < a.nhits; i++) {
		assert_int_equal(a.hits[i].kw, b.hits[i].kw);
		assert_int_equal(a.hits[i].enc, b.hits[i].enc);
		o += (size_t)snprintf(out + o, cap - o, "%s%s/%s", i ? " " : "",
		                      f->ks.words[a.hits[i].kw], kw_enc_name(a.hits[i].enc));
		assert_true(o < cap);
		assert_non_null(a.hits[i].context);
	}
	scan_file_release(&a);
	scan_file_release(&b);
}

/* data = text in encoding enc, then raw bytes tail (may be NULL). */
static void make(struct cbuf *data, const char *enc, const char *text, const char *tail)
{
	cbuf_reset(data);
	assert_int_equal(corpus_conv(data, enc, text), 0);
	if (tail)
		cbuf_append(data, tail, strlen(tail));
}

/* Appends bytes s[0..n) of encoding from as UTF-8, then a NUL. */
static void unconv(struct cbuf *out, const char *from, const char *s, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char buf[256], *in = (char *)s, *o = buf;
	size_t inleft = n, outleft = sizeof(buf);

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	cbuf_append(out, buf, sizeof(buf) - outleft);
}

/* A simplified keyword finds its traditional form in Big5, UTF-8 and UTF-16LE. */
static void test_big5_traditional(void **state)
{
	struct fixture f;
	struct cbuf d;
	char got[512];

	(void)state;
	cbuf_init(&d, 1u << 20);
	load(&f, "机密\n内部资料\n網際網路\n");
	make(&d, "BIG5", trad, NULL);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "机密/big5 内部资料/big5 網際網路/big5");
	make(&d, "UTF-8", trad, NULL);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "机密/utf-8 内部资料/utf-8 網際網路/utf-8");
	make(&d, "UTF-16LE", trad, NULL);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "机密/utf-16le 内部资料/utf-16le 網際網路/utf-16le");
	/* The simplified text still gives the GBK hits, and only those. */
	make(&d, "GB18030", simp, NULL);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "");
	cbuf_reset(&d);
	assert_int_equal(corpus_conv(&d, "GB18030", simp), 0);
	assert_int_equal(corpus_conv(&d, "GB18030", "另附内部资料一份。"), 0);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "内部资料/gbk");
	unload(&f);
	cbuf_release(&d);
}

/*
 * GBK 秘密 is C3 D8 C3 DC; in Big5 text these bytes are two other
 * (traditional) characters: no hit.  Nor is Big5 機密 (BE F7 B1 4B) one in
 * GBK text, where it spells two other characters.
 */
static void test_no_cross_hits(void **state)
{
	struct fixture f;
	struct cbuf d;
	char got[512];

	(void)state;
	cbuf_init(&d, 1u << 20);
	load(&f, "秘密\n機密\n");
	make(&d, "BIG5", trad, "\xC3\xD8\xC3\xDC");
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "機密/big5");
	make(&d, "GB18030", simp, "\xBE\xF7\xB1\x4B");
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "");
	unload(&f);
	cbuf_release(&d);
}

/* Korean keywords in EUC-KR; the GBK form of the hanzi that spell the same bytes does not hit. */
static void test_euckr(void **state)
{
	struct fixture f;
	struct cbuf d, kws;
	char got[512];

	(void)state;
	cbuf_init(&d, 1u << 20);
	cbuf_init(&kws, 4096);
	/* 비밀 in EUC-KR read as GBK: two Chinese characters. */
	assert_int_equal(corpus_conv(&d, "EUC-KR", "비밀"), 0);
	unconv(&kws, "GBK", d.ptr, d.len);
	cbuf_puts(&kws, "\n비밀\n보안 규정\n");
	load(&f, kws.ptr);
	make(&d, "EUC-KR", korean, NULL);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "비밀/euc-kr 보안 규정/euc-kr");
	make(&d, "UTF-8", korean, NULL);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "비밀/utf-8 보안 규정/utf-8");
	unload(&f);
	cbuf_release(&d);
	cbuf_release(&kws);
}

/* Japanese keywords in Shift-JIS (CP932) and EUC-JP. */
static void test_japanese(void **state)
{
	struct fixture f;
	struct cbuf d;
	char got[512];

	(void)state;
	cbuf_init(&d, 1u << 20);
	load(&f, "機密文書\n持ち出す\n");
	make(&d, "CP932", japanese, NULL);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "機密文書/shift-jis 持ち出す/shift-jis");
	make(&d, "EUC-JP", japanese, NULL);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "機密文書/euc-jp 持ち出す/euc-jp");
	unload(&f);
	cbuf_release(&d);
}

/*
 * GB18030 four-byte sequences: 㒣 (U+34A3, CJK Ext-A) is 82 30 81 30.  It is
 * found in GB18030 text, and not across two other four-byte characters whose
 * bytes hold it: ⺜« is 81 39 [82 30 81 30] 85 30.
 */
static void test_gb18030_four_byte(void **state)
{
	struct fixture f;
	struct cbuf d;
	char got[512];

	(void)state;
	cbuf_init(&d, 1u << 20);
	load(&f, "㒣\n");
	make(&d, "GB18030", "档案号㒣字第三号", NULL);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "㒣/gbk");
	make(&d, "GB18030", "部首⺜«说明", NULL);
	assert_memory_equal(d.ptr + 4, "\x81\x39\x82\x30\x81\x30\x85\x30", 8);
	hits(&f, &d, got, sizeof(got));
	assert_string_equal(got, "");
	unload(&f);
	cbuf_release(&d);
}

/* Character boundaries of each encoding, and the detector on plain samples. */
static void test_lenc_units(void **state)
{
	const unsigned char gbk[] = "AB\xB0\xC9\xE6\xC3\xDC\xA1";
	const unsigned char four[] = "\x81\x39\x82\x30\x81\x30\x85\x30";
	const unsigned char sjis[] = "\xB1\x88\x9F\x82\xA0"; /* ｱ 亜 あ */
	struct cbuf d;
	size_t at = (size_t)-1;

	(void)state;
	assert_true(lenc_boundary(KW_GBK, gbk, 8, 0, &at, 0));
	at = (size_t)-1;
	assert_true(lenc_boundary(KW_GBK, gbk, 8, 2, &at, 0));
	at = (size_t)-1;
	assert_false(lenc_boundary(KW_GBK, gbk, 8, 3, &at, 0)); /* inside 傻 */
	at = (size_t)-1;
	assert_true(lenc_boundary(KW_GBK, gbk, 8, 4, &at, 0));
	at = (size_t)-1;
	assert_false(lenc_boundary(KW_GBK, four, 8, 2, &at, 0));
	at = (size_t)-1;
	assert_true(lenc_boundary(KW_GBK, four, 8, 4, &at, 0));
	at = (size_t)-1;
	assert_true(lenc_boundary(KW_SJIS, sjis, 5, 1, &at, 0)); /* after half-width ｱ */
	at = (size_t)-1;
	assert_false(lenc_boundary(KW_SJIS, sjis, 5, 2, &at, 0));
	at = (size_t)-1;
	assert_true(lenc_boundary(KW_SJIS, sjis, 5, 3, &at, 0));
	cbuf_init(&d, 1u << 20);
	assert_int_equal(corpus_conv(&d, "GB18030", simp), 0);
	assert_int_equal(lenc_detect((const unsigned char *)d.ptr, d.len), 1u << KW_GBK);
	make(&d, "BIG5", trad, NULL);
	assert_int_equal(lenc_detect((const unsigned char *)d.ptr, d.len), 1u << KW_BIG5);
	make(&d, "EUC-KR", korean, NULL);
	assert_int_equal(lenc_detect((const unsigned char *)d.ptr, d.len), 1u << KW_EUCKR);
	make(&d, "CP932", japanese, NULL);
	assert_int_equal(lenc_detect((const unsigned char *)d.ptr, d.len), 1u << KW_SJIS);
	make(&d, "EUC-JP", japanese, NULL);
	assert_int_equal(lenc_detect((const unsigned char *)d.ptr, d.len), 1u << KW_EUCJP);
	/* Too short to tell: every encoding it is valid in. */
	make(&d, "GB18030", "机密", NULL);
	assert_true(lenc_detect((const unsigned char *)d.ptr, d.len) & 1u << KW_GBK);
	cbuf_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_big5_traditional),
	    cmocka_unit_test(test_no_cross_hits),
	    cmocka_unit_test(test_euckr),
	    cmocka_unit_test(test_japanese),
	    cmocka_unit_test(test_gb18030_four_byte),
	    cmocka_unit_test(test_lenc_units),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
