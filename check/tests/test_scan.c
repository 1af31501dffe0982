/*
 * The planted corpus: every format and encoding, exact hits, no false hits
 * (a GBK decoy straddling characters, TOP/SECRET in separate paragraphs),
 * the same result from both engines, and the same from the small-window
 * in-memory path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"
#include "kw.h"
#include "match.h"
#include "pdftext.h"
#include "scan.h"

static const char keywords[] = "绝密\n涉密\nTOPSECRET\n内部资料\n";

static const char *const expected[] = {
    "big_gbk.txt|text|gbk|涉密|1|body",
    "big_utf8.txt|text|utf-8|绝密|1|body",
    "entity.docx|docx|utf-8|涉密|1|body",
    "gbk.txt|text|gbk|涉密|1|body",
    "gbk.txt|text|gbk|内部资料|1|body",
    "legacy.doc|doc|utf-16le|绝密|1|body",
    "legacy.doc|doc|utf-16le|内部资料|1|metadata",
    "log.txt.gz|gzip|utf-8|涉密|1|body",
    "outer.zip!inner/nested.docx|docx|utf-8|内部资料|1|body", /* a member: an entry of its own */
    "plain.7z!docs/note.txt|text|utf-8|涉密|1|body",          /* read by libarchive */
    "report.pdf|pdf|utf-8|涉密|1|body",
    "report.pdf|pdf|utf-8|TOPSECRET|1|body",
    "runs.xlsx|xlsx|utf-8|内部资料|1|body",
    "slide.pptx|pptx|utf-8|TOPSECRET|1|body",
    "span.odt|odt|utf-8|绝密|1|body",
    "split.docx|docx|utf-8|绝密|1|body",
    "utf16.txt|text|utf-16le|绝密|1|body",
    "utf16.txt|text|utf-16le|TOPSECRET|1|body",
    "utf8.txt|text|utf-8|绝密|1|body",
    /* metadata and macros as their own part; no hit in a relationship, a VML
     * drawing, a font name or a picture */
    "meta.docx|docx|utf-8|绝密|1|metadata",
    "macro.docm|docx|utf-8|TOPSECRET|2|macro", /* the VBA source decompressed */
    "fonts.xls|xls|utf-16le|涉密|1|body",
    "slides.ppt|ppt|utf-16le|内部资料|1|body",
    "slides.ppt|ppt|utf-8|TOPSECRET|1|metadata",
    /* the last 512-byte block short */
    "short_tail.doc|doc|utf-16le|绝密|1|body",
};

/* Encrypted files: name|format, and nothing else reported of them. */
static const char *const expected_encrypted[] = {
    "enc.7z|7z",           "enc.odt|odt",     "enc.pdf|pdf",     "enc.zip|zip",
    "enc_agile.docx|docx", "enc_rc4.doc|doc", "enc_rc4.ppt|ppt", "enc_rc4.xls|xls",
};

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/baomi-check-test-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	return corpus_planted(dir);
}

static int teardown(void **state)
{
	(void)state;
	corpus_remove(dir);
	return 0;
}

/* One line per hit (corpus_hit_line), in result order. */
static size_t lines_of(const struct scan_result *r, const struct kw_set *ks, char out[][160],
                       size_t max)
{
	size_t n = 0, i, k;

	for (i = 0; i < r->nfiles; i++)
		for (k = 0; k < r->files[i].nhits && n < max; k++, n++)
			corpus_hit_line(out[n], 160, &r->files[i], k, ks);
	return n;
}

static void run_engine(enum match_engine engine, unsigned flags)
{
	struct kw_set ks;
	struct scan_result r;
	struct scan_opts o;
	char got[64][160];
	size_t n, i, nexp = sizeof(expected) / sizeof(expected[0]);
	int corrupt = 0;

	memset(&o, 0, sizeof(o));
	o.engine = engine;
	o.engine_flags = flags;
	assert_int_equal(corpus_scan(dir, keywords, &o, &ks, &r), SCAN_OK);
	n = lines_of(&r, &ks, got, 64);
	for (i = 0; i < n; i++)
		printf("# %s\n", got[i]);
	if (!pdftext_available())
		nexp -= 2; /* report.pdf cannot be read without poppler */
	assert_int_equal(n, nexp);
	for (i = 0; i < n; i++) {
		size_t j, found = 0;

		for (j = 0; j < sizeof(expected) / sizeof(expected[0]); j++)
			if (strcmp(got[i], expected[j]) == 0)
				found = 1;
		if (!found)
			fail_msg("unexpected hit %s", got[i]);
	}
	for (i = 0; i < r.nfiles; i++) {
		if (!r.files[i].error)
			continue;
		if (strstr(r.files[i].path, "corrupt.docx"))
			corrupt = 1;
		else if (!strstr(r.files[i].path, "report.pdf") || pdftext_available())
			fail_msg("unexpected error %s: %s", r.files[i].path, r.files[i].error);
	}
	assert_true(corrupt);
	n = 0;
	for (i = 0; i < r.nfiles; i++) {
		const char *name = corpus_entry_name(r.files[i].path);
		size_t j, found = 0;

		if (!r.files[i].encrypted)
			continue;
		snprintf(got[0], sizeof(got[0]), "%s|%s", name, r.files[i].encrypted);
		printf("# encrypted %s\n", got[0]);
		for (j = 0; j < sizeof(expected_encrypted) / sizeof(expected_encrypted[0]); j++)
			found |= strcmp(got[0], expected_encrypted[j]) == 0;
		if (!found)
			fail_msg("unexpected encrypted %s", got[0]);
		assert_int_equal(r.files[i].nhits, 0);
		n++;
	}
	assert_int_equal(n, sizeof(expected_encrypted) / sizeof(expected_encrypted[0]));
	assert_int_equal(r.files_encrypted, n);
	assert_int_equal(r.files_scanned, 31);
	scan_result_release(&r);
	kw_set_release(&ks);
}

static void test_planted_ac(void **state)
{
	(void)state;
	run_engine(MATCH_AC, 0);
	run_engine(MATCH_AC, SCAN_ENGINE_ALL_FORMS);
}

static void test_planted_hs(void **state)
{
	(void)state;
	if (!match_hs_available())
		skip();
	run_engine(MATCH_HS, 0);
	run_engine(MATCH_HS, SCAN_ENGINE_ALL_FORMS);
}

/* The in-memory path with 4 KiB windows gives the same hits file by file. */
static void test_small_windows(void **state)
{
	struct kw_set ks;
	struct scan_engine eng;
	size_t line, i;
	DIR *d = opendir(dir);
	struct dirent *de;

	(void)state;
	kw_set_init(&ks);
	assert_int_equal(kw_set_load_mem(&ks, keywords, strlen(keywords), &line), KW_OK);
	assert_int_equal(scan_engine_init(&eng, &ks, MATCH_AC, 0), SCAN_OK);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		char p[512];
		FILE *f;
		unsigned char *data;
		long len;
		struct scan_file sf;
		size_t total = 0;

		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		f = fopen(p, "rb");
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		data = malloc((size_t)len + 1);
		assert_int_equal(fread(data, 1, (size_t)len, f), (size_t)len);
		fclose(f);
		assert_int_equal(scan_buffer(&eng, data, (size_t)len, &sf), SCAN_OK);
		for (i = 0; i < sf.nhits; i++)
			total += sf.hits[i].count;
		if (strcmp(de->d_name, "clean.txt") == 0 ||
		    strcmp(de->d_name, "gbk_decoy.txt") == 0)
			assert_int_equal(total, 0);
		else if (strcmp(de->d_name, "big_gbk.txt") == 0 ||
		         strcmp(de->d_name, "big_utf8.txt") == 0)
			assert_int_equal(total, 1);
		scan_file_release(&sf);
		free(data);
	}
	closedir(d);
	scan_engine_release(&eng);
	kw_set_release(&ks);
}

/*
 * Documents whose parts are equal byte for byte: a worker remembers the text
 * of parts it has read, and each document still gives its own hits.  Parts
 * of equal size but other bytes must not be taken for each other: the stored
 * bodies 绝密 and 涉密 are of one size, and so are the deflated ones here.
 */
static void test_shared_parts(void **state)
{
	static const char ct[] = "<Types><Default Extension=\"xml\"/></Types>";
	char d2[64], p[128];
	struct kw_set ks;
	struct scan_result r;
	struct scan_opts o;
	size_t i;

	(void)state;
	snprintf(d2, sizeof(d2), "/tmp/baomi-check-memo-XXXXXX");
	assert_non_null(mkdtemp(d2));
	for (i = 0; i < 12; i++) {
		const char *doc = i % 3 ? "<w:document><w:body><w:p><w:t>绝密</w:t></w:p></w:body>"
		                          "</w:document>"
		                        : "<w:document><w:body><w:p><w:t>涉密</w:t></w:p></w:body>"
		                          "</w:document>";
		struct zip_item items[2] = {
		    {"[Content_Types].xml", ct, sizeof(ct) - 1, 1, 0},
		    {"word/document.xml", doc, strlen(doc), (int)(i / 6), 0}};
		struct cbuf b;

		cbuf_init(&b, 1u << 20);
		assert_int_equal(corpus_zip(&b, items, 2), 0);
		snprintf(p, sizeof(p), "%s/%02zu.docx", d2, i);
		assert_int_equal(corpus_write(p, b.ptr, b.len), 0);
		cbuf_release(&b);
	}
	memset(&o, 0, sizeof(o));
	o.jobs = 1; /* one worker reads every document */
	o.engine = MATCH_AC;
	assert_int_equal(corpus_scan(d2, keywords, &o, &ks, &r), SCAN_OK);
	assert_int_equal(r.nfiles, 12);
	for (i = 0; i < r.nfiles; i++) {
		size_t num = strtoul(strrchr(r.files[i].path, '/') + 1, NULL, 10);

		assert_null(r.files[i].error);
		assert_int_equal(r.files[i].nhits, 1);
		assert_int_equal(r.files[i].hits[0].count, 1);
		assert_string_equal(ks.words[r.files[i].hits[0].kw], num % 3 ? "绝密" : "涉密");
		unlink(r.files[i].path);
	}
	rmdir(d2);
	scan_result_release(&r);
	kw_set_release(&ks);
}

/* Hits of one buffer with the smaller pattern set and with every form: they must agree. */
static size_t utf16_hits(struct scan_engine *fast, struct scan_engine *full,
                         const unsigned char *data, size_t len, enum kw_enc *enc)
{
	struct scan_file f, g;
	size_t i, n;

	assert_int_equal(scan_buffer(fast, data, len, &f), SCAN_OK);
	assert_int_equal(scan_buffer(full, data, len, &g), SCAN_OK);
	assert_int_equal(f.nhits, g.nhits);
	for (i = 0; i < f.nhits; i++) {
		assert_int_equal(f.hits[i].enc, g.hits[i].enc);
		assert_int_equal(f.hits[i].count, g.hits[i].count);
	}
	n = f.nhits;
	if (n && enc)
		*enc = f.hits[0].enc;
	scan_file_release(&f);
	scan_file_release(&g);
	return n;
}

/*
 * A keyword whose UTF-16LE form is printable ASCII (中华 is 2D 4E 4E 53,
 * "-NNS") is found only in text that decodes as UTF-16: not in ASCII or
 * other 8-bit text, not among 8-bit strings of a binary stream, and still
 * in UTF-16 text with or without a byte-order mark.
 */
static void test_utf16_ascii_form(void **state)
{
	static const char kws[] = "中华\n";
	static const char ascii[] = "Report: see table -NNS for the index.\n";
	static const char latin1[] = "caf\xE9 au lait -NNS and some more text\n";
	static const char biff[] = "\xFC\x00\x20\x00\x01\x00\x00\x00\x09\x00\x00See -NNS row";
	struct kw_set ks;
	struct scan_engine fast, full;
	struct cbuf b;
	size_t line;
	enum kw_enc enc = KW_UTF8;

	(void)state;
	kw_set_init(&ks);
	cbuf_init(&b, 1u << 20);
	assert_int_equal(kw_set_load_mem(&ks, kws, strlen(kws), &line), KW_OK);
	assert_int_equal(scan_engine_init(&fast, &ks, MATCH_AC, 0), SCAN_OK);
	assert_int_equal(scan_engine_init(&full, &ks, MATCH_AC, SCAN_ENGINE_ALL_FORMS), SCAN_OK);
	assert_int_equal(
	    utf16_hits(&fast, &full, (const unsigned char *)ascii, strlen(ascii), NULL), 0);
	assert_int_equal(
	    utf16_hits(&fast, &full, (const unsigned char *)latin1, strlen(latin1), NULL), 0);
	assert_int_equal(
	    utf16_hits(&fast, &full, (const unsigned char *)biff, sizeof(biff) - 1, NULL), 0);
	/* UTF-16LE text: with a BOM, with ASCII around, among Chinese. */
	cbuf_append(&b, "\xFF\xFE", 2);
	assert_int_equal(corpus_conv(&b, "UTF-16LE", "这是中华人民共和国的文件\r\n"), 0);
	assert_int_equal(utf16_hits(&fast, &full, (const unsigned char *)b.ptr, b.len, &enc), 1);
	assert_int_equal(enc, KW_UTF16LE);
	cbuf_reset(&b);
	assert_int_equal(corpus_conv(&b, "UTF-16LE", "Title: 中华 (draft)"), 0);
	assert_int_equal(utf16_hits(&fast, &full, (const unsigned char *)b.ptr, b.len, &enc), 1);
	/* A neighbour that no UTF-16 text holds (an unpaired surrogate). */
	cbuf_reset(&b);
	cbuf_append(&b, "\x00\xD8", 2);
	assert_int_equal(corpus_conv(&b, "UTF-16LE", "中华的"), 0);
	assert_int_equal(utf16_hits(&fast, &full, (const unsigned char *)b.ptr, b.len, NULL), 0);
	cbuf_release(&b);
	scan_engine_release(&fast);
	scan_engine_release(&full);
	kw_set_release(&ks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_planted_ac),       cmocka_unit_test(test_planted_hs),
	    cmocka_unit_test(test_small_windows),    cmocka_unit_test(test_shared_parts),
	    cmocka_unit_test(test_utf16_ascii_form),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
