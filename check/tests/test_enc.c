/*
 * Legacy CJK encodings: planted hits in text that iconv writes in GB18030
 * (four-byte sequences), Big5, EUC-KR, Shift-JIS, EUC-JP, EUC-TW, Johab and
 * ISO-2022-JP/-KR/-CN; traditional forms of simplified keywords and the
 * simplified form of traditional ones; and no hit of one encoding's form in
 * text of another, where the same bytes spell other characters, nor across
 * characters or escape sequences.
 */
#define _GNU_SOURCE /* memmem */
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

/*
 * Both engines on the keywords, the data being scanned (d), the keywords
 * being built (kws) and the last result (got).
 */
struct fixture {
	struct kw_set ks;
	struct scan_engine fast, full;
	struct cbuf d, kws;
	char got[512];
};

static void begin(struct fixture *f)
{
	cbuf_init(&f->d, 1u << 20);
	cbuf_init(&f->kws, 4096);
}

static void load(struct fixture *f, const char *kws)
{
	size_t line;

	kw_set_init(&f->ks);
	assert_int_equal(kw_set_load_mem(&f->ks, kws, strlen(kws), &line), KW_OK);
	assert_int_equal(scan_engine_init(&f->fast, &f->ks, MATCH_AUTO, 0), SCAN_OK);
	assert_int_equal(scan_engine_init(&f->full, &f->ks, MATCH_AC, SCAN_ENGINE_ALL_FORMS),
	                 SCAN_OK);
}

static void end(struct fixture *f)
{
	scan_engine_release(&f->fast);
	scan_engine_release(&f->full);
	kw_set_release(&f->ks);
	cbuf_release(&f->d);
	cbuf_release(&f->kws);
}

/* The encodings lenc_detect finds in d. */
static unsigned detected(const struct cbuf *d)
{
	return lenc_detect((const unsigned char *)d->ptr, d->len);
}

/*
 * Scans d with both engines (they must agree) and asserts "kw/enc ..." of
 * the hits, in the order of the result.
 */
static void expect(struct fixture *f, const char *want)
{
	struct scan_file a, b;
	size_t i, o = 0, cap = sizeof(f->got);
	char *out = f->got;

	assert_int_equal(scan_buffer(&f->fast, (const unsigned char *)f->d.ptr, f->d.len, &a),
	                 SCAN_OK);
	assert_int_equal(scan_buffer(&f->full, (const unsigned char *)f->d.ptr, f->d.len, &b),
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
	assert_string_equal(out, want);
}

/* data = text in encoding enc, then raw bytes tail (may be NULL). */
static void make(struct cbuf *data, const char *enc, const char *text, const char *tail)
{
	cbuf_reset(data);
	assert_int_equal(corpus_conv(data, enc, text), 0);
	if (tail)
		cbuf_append(data, tail, strlen(tail));
}

/* expect() on text in encoding enc, then raw bytes tail (may be NULL). */
static void expect_in(struct fixture *f, const char *enc, const char *text, const char *tail,
                      const char *want)
{
	make(&f->d, enc, text, tail);
	expect(f, want);
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

	(void)state;
	begin(&f);
	load(&f, "机密\n内部资料\n網際網路\n");
	expect_in(&f, "BIG5", trad, NULL, "机密/big5 内部资料/big5 網際網路/big5");
	expect_in(&f, "UTF-8", trad, NULL, "机密/utf-8 内部资料/utf-8 網際網路/utf-8");
	expect_in(&f, "UTF-16LE", trad, NULL, "机密/utf-16le 内部资料/utf-16le 網際網路/utf-16le");
	/* The simplified text still gives the GBK hits, and only those. */
	expect_in(&f, "GB18030", simp, NULL, "");
	cbuf_reset(&f.d);
	assert_int_equal(corpus_conv(&f.d, "GB18030", simp), 0);
	assert_int_equal(corpus_conv(&f.d, "GB18030", "另附内部资料一份。"), 0);
	expect(&f, "内部资料/gbk");
	end(&f);
}

/*
 * GBK 秘密 is C3 D8 C3 DC; in Big5 text these bytes are two other
 * (traditional) characters: no hit.  Nor is Big5 機密 (BE F7 B1 4B) one in
 * GBK text, where it spells two other characters.
 */
static void test_no_cross_hits(void **state)
{
	struct fixture f;

	(void)state;
	begin(&f);
	load(&f, "秘密\n機密\n");
	expect_in(&f, "BIG5", trad, "\xC3\xD8\xC3\xDC", "機密/big5");
	expect_in(&f, "GB18030", simp, "\xBE\xF7\xB1\x4B", "");
	end(&f);
}

/* Korean keywords in EUC-KR; the GBK form of the hanzi that spell the same bytes does not hit. */
static void test_euckr(void **state)
{
	struct fixture f;

	(void)state;
	begin(&f);
	/* 비밀 in EUC-KR read as GBK: two Chinese characters. */
	assert_int_equal(corpus_conv(&f.d, "EUC-KR", "비밀"), 0);
	unconv(&f.kws, "GBK", f.d.ptr, f.d.len);
	cbuf_puts(&f.kws, "\n비밀\n보안 규정\n");
	load(&f, f.kws.ptr);
	expect_in(&f, "EUC-KR", korean, NULL, "비밀/euc-kr 보안 규정/euc-kr");
	expect_in(&f, "UTF-8", korean, NULL, "비밀/utf-8 보안 규정/utf-8");
	end(&f);
}

/* Japanese keywords in Shift-JIS (CP932) and EUC-JP. */
static void test_japanese(void **state)
{
	struct fixture f;

	(void)state;
	begin(&f);
	load(&f, "機密文書\n持ち出す\n");
	expect_in(&f, "CP932", japanese, NULL, "機密文書/shift-jis 持ち出す/shift-jis");
	expect_in(&f, "EUC-JP", japanese, NULL, "機密文書/euc-jp 持ち出す/euc-jp");
	end(&f);
}

/*
 * GB18030 four-byte sequences: 㒣 (U+34A3, CJK Ext-A) is 82 30 81 30.  It is
 * found in GB18030 text, and not across two other four-byte characters whose
 * bytes hold it: ⺜« is 81 39 [82 30 81 30] 85 30.
 */
static void test_gb18030_four_byte(void **state)
{
	struct fixture f;

	(void)state;
	begin(&f);
	load(&f, "㒣\n");
	expect_in(&f, "GB18030", "档案号㒣字第三号", NULL, "㒣/gbk");
	make(&f.d, "GB18030", "部首⺜«说明", NULL);
	assert_memory_equal(f.d.ptr + 4, "\x81\x39\x82\x30\x81\x30\x85\x30", 8);
	expect(&f, "");
	end(&f);
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
	assert_int_equal(detected(&d), 1u << KW_GBK);
	make(&d, "BIG5", trad, NULL);
	assert_int_equal(detected(&d), 1u << KW_BIG5);
	make(&d, "EUC-KR", korean, NULL);
	assert_int_equal(detected(&d), 1u << KW_EUCKR);
	make(&d, "CP932", japanese, NULL);
	assert_int_equal(detected(&d), 1u << KW_SJIS);
	make(&d, "EUC-JP", japanese, NULL);
	assert_int_equal(detected(&d), 1u << KW_EUCJP);
	/* Too short to tell: every encoding it is valid in. */
	make(&d, "GB18030", "机密", NULL);
	assert_true(detected(&d) & 1u << KW_GBK);
	cbuf_release(&d);
}

/*
 * A keyword made of the bytes enc's text has at data[off..off+4), which
 * straddle its characters (two other characters when read from off), as
 * UTF-8 into kws; pre: bytes that put a decoder into the state of data at
 * off (ISO-2022's escape sequence and SO).  Where those bytes are no two
 * characters, the next pair of characters is tried (off + 2, ...).
 */
static void straddling(struct cbuf *kws, const char *enc, const char *pre, const struct cbuf *data,
                       size_t off)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	char in[16], out[64], *ip, *op;
	size_t p = strlen(pre), inleft, outleft, tries;

	assert_true(cd != (iconv_t)-1 && p + 4 <= sizeof(in));
	for (tries = 0; tries < 16 && off + 4 <= data->len; tries++, off += 2) {
		memcpy(in, pre, p);
		memcpy(in + p, data->ptr + off, 4);
		ip = in;
		op = out;
		inleft = p + 4;
		outleft = sizeof(out);
		iconv(cd, NULL, NULL, NULL, NULL);
		/* Two characters of three UTF-8 bytes: Hanzi, kana or Hangul. */
		if (iconv(cd, &ip, &inleft, &op, &outleft) != (size_t)-1 &&
		    sizeof(out) - outleft == 6) {
			cbuf_append(kws, out, 6);
			cbuf_puts(kws, "\n");
			iconv_close(cd);
			return;
		}
	}
	iconv_close(cd);
	fail_msg("no two characters at %zu in %s", off, enc);
}

/* Asserts the hit of keyword word in d, its encoding and count, as "word/enc*count" (none: ""). */
static void expect_count(struct fixture *f, const char *word, const char *want)
{
	struct scan_file a;
	size_t i;

	assert_int_equal(scan_buffer(&f->fast, (const unsigned char *)f->d.ptr, f->d.len, &a),
	                 SCAN_OK);
	f->got[0] = '\0';
	for (i = 0; i < a.nhits; i++)
		if (strcmp(f->ks.words[a.hits[i].kw], word) == 0)
			snprintf(f->got, sizeof(f->got), "%s/%s*%u", word,
			         kw_enc_name(a.hits[i].enc), (unsigned)a.hits[i].count);
	scan_file_release(&a);
	assert_string_equal(f->got, want);
}

/*
 * EUC-TW: traditional text with plane-1 characters and 机 (plane 2, the
 * four bytes 8E A2 A2 D4), found by simplified and traditional keywords; a
 * keyword spelt by the bytes across two characters is not.
 */
static void test_euctw(void **state)
{
	struct fixture f;

	(void)state;
	begin(&f);
	make(&f.d, "EUC-TW", trad, NULL);
	assert_int_equal(detected(&f.d), 1u << KW_EUCTW);
	cbuf_puts(&f.kws, "机密\n内部资料\n規定\n");
	straddling(&f.kws, "EUC-TW", "", &f.d, 1); /* 根據保密: D5 [FC F0 E3 CF] F1 */
	load(&f, f.kws.ptr);
	expect_in(&f, "EUC-TW", trad, NULL, "机密/euc-tw 内部资料/euc-tw 規定/euc-tw");
	make(&f.d, "EUC-TW", trad, "");
	assert_int_equal(corpus_conv(&f.d, "EUC-TW", "另存机密"), 0);
	assert_memory_equal(f.d.ptr + f.d.len - 6, "\x8E\xA2\xA2\xD4\xD9\xEF", 6);
	expect_count(&f, "机密", "机密/euc-tw*2");
	end(&f);
}

/* Johab: Hangul composed from its jamo, and Hanja; no hit across two syllables. */
static void test_johab(void **state)
{
	struct fixture f;

	(void)state;
	begin(&f);
	make(&f.d, "JOHAB", korean, NULL);
	assert_int_equal(detected(&f.d), 1u << KW_JOHAB);
	cbuf_puts(&f.kws, "비밀\n보안 규정\n國家\n");
	straddling(&f.kws, "JOHAB", "", &f.d, 4); /* 이 문서는: 문[1] 서 는[0] */
	load(&f, f.kws.ptr);
	make(&f.d, "JOHAB", korean, NULL);
	assert_int_equal(corpus_conv(&f.d, "JOHAB", " 國家 보안"), 0);
	expect(&f, "비밀/johab 보안 규정/johab 國家/johab");
	end(&f);
}

/*
 * ISO-2022-JP: the keyword inside an ESC $ B section is found; the same
 * bytes in ASCII text, straddling two characters, or starting inside the
 * escape sequence ($ B 5 ! is ESC $ B 機 read one byte late) are not.
 */
static void test_iso2022jp(void **state)
{
	struct fixture f;

	(void)state;
	begin(&f);
	make(&f.d, "ISO-2022-JP", "国家機密", NULL);
	assert_memory_equal(f.d.ptr, "\x1B$B9q2H5!L)", 11);
	cbuf_puts(&f.kws, "機密\n持ち出す\n");
	straddling(&f.kws, "ISO-2022-JP", "\x1B$B", &f.d, 4); /* q2H5 */
	straddling(&f.kws, "ISO-2022-JP", "\x1B$B", &f.d, 1); /* $B9q */
	load(&f, f.kws.ptr);
	make(&f.d, "ISO-2022-JP", japanese, NULL);
	assert_int_equal(detected(&f.d), 1u << KW_ISO2022JP);
	expect(&f, "機密/iso-2022-jp 持ち出す/iso-2022-jp");
	make(&f.d, "ISO-2022-JP", "国家機密", "\n5!L) ASCII\n");
	expect_count(&f, "機密", "機密/iso-2022-jp*1");
	expect(&f, "機密/iso-2022-jp");
	end(&f);
}

/* ISO-2022-KR: KS X 1001 shifted out (SO ... SI) after the ESC $ ) C header. */
static void test_iso2022kr(void **state)
{
	struct fixture f;

	(void)state;
	begin(&f);
	make(&f.d, "ISO-2022-KR", korean, NULL);
	assert_memory_equal(f.d.ptr, "\x1B$)C\x0E", 5);
	cbuf_puts(&f.kws, "비밀\n보안 규정\n");
	/* 이 문서는 is ESC $ ) C SO 이 SI space SO 문서는: 문[1] 서 는[0] on. */
	straddling(&f.kws, "ISO-2022-KR", "\x1B$)C\x0E", &f.d, 11);
	load(&f, f.kws.ptr);
	make(&f.d, "ISO-2022-KR", korean, NULL);
	assert_int_equal(detected(&f.d), 1u << KW_ISO2022KR);
	/* 보안 규정 has a space: SI, an ASCII space, SO; no form. */
	expect(&f, "비밀/iso-2022-kr");
	/* 비밀's bytes 3A 71 39 50 as ASCII (SI) text: no hit. */
	make(&f.d, "ISO-2022-KR", korean, "\x0F :q9P\n");
	expect_count(&f, "비밀", "비밀/iso-2022-kr*1");
	end(&f);
}

/*
 * ISO-2022-CN: GB 2312 shifted out (ESC $ ) A, SO).  Traditional text goes
 * to CNS 11643 (ESC $ ) G): the GB 2312 form of the characters its bytes
 * spell is no hit there.
 */
static void test_iso2022cn(void **state)
{
	struct fixture f;
	const char *cns;

	(void)state;
	begin(&f);
	make(&f.d, "ISO-2022-CN", simp, NULL);
	assert_memory_equal(f.d.ptr, "\x1B$)A\x0E", 5);
	assert_int_equal(detected(&f.d), 1u << KW_ISO2022CN);
	cbuf_puts(&f.kws, "保密工作\n规定\n");
	straddling(&f.kws, "ISO-2022-CN", "\x1B$)A\x0E", &f.d, 6); /* 根[1] 据 保[0] */
	make(&f.d, "ISO-2022-CN", trad, NULL);
	cns = memmem(f.d.ptr, f.d.len, "\x1B$)G", 4);
	assert_non_null(cns);
	straddling(&f.kws, "ISO-2022-CN", "\x1B$)A\x0E", &f.d, (size_t)(cns + 4 - f.d.ptr));
	load(&f, f.kws.ptr);
	expect_in(&f, "ISO-2022-CN", simp, NULL, "保密工作/iso-2022-cn 规定/iso-2022-cn");
	/* glibc writes 保密工作 in CNS 11643 once 據 has designated it. */
	expect_in(&f, "ISO-2022-CN", trad, NULL, "保密工作/iso-2022-cn 规定/iso-2022-cn");
	assert_int_equal(detected(&f.d), 1u << KW_ISO2022CN | 1u << KW_ISO2022CNS);
	end(&f);
}

/* A traditional keyword finds simplified text (機密: 机密), a form of its own. */
static void test_traditional_finds_simplified(void **state)
{
	struct fixture f;
	size_t i;

	(void)state;
	begin(&f);
	load(&f, "機密檔案\n內部資料\n");
	for (i = 0; i < f.ks.npats; i++)
		assert_false(f.ks.pats[i].variant && f.ks.pats[i].enc != KW_UTF8 &&
		             f.ks.pats[i].enc != KW_UTF16LE && f.ks.pats[i].enc != KW_BIG5 &&
		             f.ks.pats[i].enc != KW_EUCTW);
	expect_in(&f, "UTF-8", simp, "这是机密档案。", "機密檔案/utf-8");
	make(&f.d, "GB18030", simp, NULL);
	assert_int_equal(corpus_conv(&f.d, "GB18030", "另附内部资料和机密档案。"), 0);
	expect(&f, "機密檔案/gbk 內部資料/gbk");
	make(&f.d, "UTF-16LE", simp, NULL);
	assert_int_equal(corpus_conv(&f.d, "UTF-16LE", "机密档案"), 0);
	expect(&f, "機密檔案/utf-16le");
	end(&f);
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
	    cmocka_unit_test(test_euctw),
	    cmocka_unit_test(test_johab),
	    cmocka_unit_test(test_iso2022jp),
	    cmocka_unit_test(test_iso2022kr),
	    cmocka_unit_test(test_iso2022cn),
	    cmocka_unit_test(test_traditional_finds_simplified),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
