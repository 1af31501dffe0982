/*
 * Archives and mail: members reported as entries of their own
 * ("a.zip!dir/b.docx", "box.mbox!2!list.txt"), every format inside read,
 * encryption of an archive and of a member reported with its format, and
 * archive bombs (deep nesting, a huge member, a huge total) cut off with a
 * reason while the other members are still read.
 *
 * zip and tar (plain, gzip, bzip2, xz) come from Python's zipfile and
 * tarfile (mkarch.py), 7z and encrypted zip from libarchive's writer, RAR5
 * byte by byte (corpus_rar5); RAR4 is not written (no writer here), only
 * its encrypted-header flag is checked by the units.
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
#include <unistd.h>
#include <zlib.h>

#include "arch.h"
#include "corpus.h"
#include "kw.h"
#include "mime.h"
#include "scan.h"

#ifndef CK_TESTS_SRC
#error "CK_TESTS_SRC (this directory) must be defined"
#endif

static const char keywords[] = "绝密\n涉密\nTOPSECRET\n内部资料\n机密\n秘密\n核心\n保密\n";
static char dir[64];
static int have_python;

static int put(const char *sub, const char *name, const struct cbuf *b)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s/%s", dir, sub, name);
	return corpus_write(p, b->ptr, b->len);
}

static void b64(struct cbuf *out, const char *s, size_t n)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		cbuf_putc(out, al[u[i] >> 2]);
		cbuf_putc(out, al[(u[i] & 3) << 4 | u[i + 1] >> 4]);
		cbuf_putc(out, al[(u[i + 1] & 15) << 2 | u[i + 2] >> 6]);
		cbuf_putc(out, al[u[i + 2] & 63]);
	}
	if (n - i == 1) {
		cbuf_putc(out, al[u[i] >> 2]);
		cbuf_putc(out, al[(u[i] & 3) << 4]);
		cbuf_puts(out, "==");
	} else if (n - i == 2) {
		cbuf_putc(out, al[u[i] >> 2]);
		cbuf_putc(out, al[(u[i] & 3) << 4 | u[i + 1] >> 4]);
		cbuf_putc(out, al[(u[i + 1] & 15) << 2]);
		cbuf_putc(out, '=');
	}
}

/* GBK bytes of a UTF-8 string, base64. */
static void gbk_b64(struct cbuf *out, const char *utf8)
{
	struct cbuf g;

	cbuf_init(&g, 4096);
	corpus_conv(&g, "GBK", utf8);
	b64(out, g.ptr, g.len);
	cbuf_release(&g);
}

static int make_archives(struct cbuf *b)
{
	struct cbuf x, y;
	struct zip_item it[3];
	int rc = 0;

	cbuf_init(&x, 1u << 24);
	cbuf_init(&y, 1u << 24);
	/* 7z (LZMA) with a text file and a docx. */
	corpus_docx(&x, "<w:p><w:r><w:t>内部资料</w:t></w:r></w:p>");
	it[0] = (struct zip_item){"a/b.txt", "七z 绝密", 11, 0, 0};
	it[1] = (struct zip_item){"x.docx", x.ptr, x.len, 0, 0};
	rc |= corpus_archive(b, "7zip", NULL, NULL, NULL, it, 2);
	rc |= put("arch", "lib.7z", b);
	cbuf_reset(b);
	/* zip with real traditional (ZipCrypto) encryption: the archive is encrypted. */
	it[0] = (struct zip_item){"secret.txt", "涉密 in cipher", 16, 0, 0};
	rc |= corpus_archive(b, "zip", NULL, "zip:encryption=traditional", "pw", it, 1);
	rc |= put("arch", "locked.zip", b);
	/* ... and inside a tar: the member is encrypted, not the tar. */
	it[0] = (struct zip_item){"in/locked.zip", b->ptr, b->len, 0, 0};
	it[1] = (struct zip_item){"open.txt", "秘密", 6, 0, 0};
	rc |= corpus_archive(&y, "ustar", NULL, NULL, NULL, it, 2);
	rc |= put("arch", "outer.tar", &y);
	cbuf_reset(b);
	cbuf_reset(&y);
	/* A zip whose member name is GBK without the UTF-8 flag (zip on Chinese Windows). */
	corpus_conv(&y, "GBK", "机密名单.txt");
	cbuf_putc(&y, '\0');
	it[0] = (struct zip_item){y.ptr, "核心", 6, 1, 0};
	rc |= corpus_zip(b, it, 1);
	rc |= put("arch", "gbkname.zip", b);
	cbuf_reset(b);
	/* A zip embedded in a docx: its members have no path of their own, the hit is the docx's.
	 */
	cbuf_reset(&y);
	it[0] = (struct zip_item){"inside.txt", "保密 inside", 13, 1, 0};
	rc |= corpus_zip(&y, it, 1);
	it[0] = (struct zip_item){"word/document.xml", "<w:document/>", 13, 1, 0};
	it[1] = (struct zip_item){"word/embeddings/pkg.zip", y.ptr, y.len, 0, 0};
	rc |= corpus_zip(b, it, 2);
	rc |= put("arch", "embeds.docx", b);
	cbuf_reset(b);
	cbuf_reset(&y);
	/* RAR5, stored. */
	it[0] = (struct zip_item){"docs/秘.txt", "RAR 里的保密", 16, 0, 0};
	rc |= corpus_rar5(b, it, 1, 0);
	rc |= put("arch", "r5.rar", b);
	cbuf_reset(b);
	/* RAR5 whose headers are encrypted (rar -hp): libarchive cannot open it. */
	rc |= corpus_rar5(b, NULL, 0, 1);
	rc |= put("arch", "hidden.rar", b);
	cbuf_reset(b);
	/* RAR5 whose file is encrypted (rar -p): libarchive would give the ciphertext. */
	it[0] = (struct zip_item){"secret.txt", "ciphertext 绝密", 17, 0, 0};
	rc |= corpus_rar5(b, it, 1, 2);
	rc |= put("arch", "locked.rar", b);
	cbuf_reset(b);
	cbuf_release(&x);
	cbuf_release(&y);
	return rc;
}

static int make_mail(struct cbuf *b)
{
	struct cbuf d, g;
	int rc = 0;

	cbuf_init(&d, 1u << 20);
	cbuf_init(&g, 1u << 20);
	/* Subject in GBK (B), a second subject-like field split between two words
	 * inside a character, a From name in UTF-8 (Q). */
	cbuf_puts(b, "Received: from mx.example.cn\r\nFrom: =?utf-8?Q?=E6=9C=BA=E5=AF=86?= "
	             "<a@example.cn>\r\nTo: b@example.cn\r\nSubject: =?gbk?B?");
	gbk_b64(b, "绝密通知");
	cbuf_puts(b, "?=\r\nThread-Topic: =?GB2312?B?");
	corpus_conv(&g, "GBK", "保密");
	b64(b, g.ptr, 3);
	cbuf_puts(b, "?=\r\n =?GB2312?B?");
	b64(b, g.ptr + 3, 1);
	cbuf_puts(b, "?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
	             "boundary=\"=_outer\"\r\n\r\nThis is a multi-part message.\r\n"
	             "--=_outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
	             "--inner\r\nContent-Type: text/plain; charset=utf-8\r\n"
	             "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
	             "=E5=86=85=E9=83=A8=\r\n=E8=B5=84=E6=96=99\r\n"
	             "--inner\r\nContent-Type: text/html; charset=gb2312\r\n"
	             "Content-Transfer-Encoding: base64\r\n\r\n");
	gbk_b64(b, "<html><body><p>这是涉密的</p></body></html>");
	cbuf_puts(b, "\r\n--inner--\r\n\r\n--=_outer\r\nContent-Type: message/rfc822\r\n\r\n"
	             "From: c@example.cn\r\nSubject: fwd\r\n\r\nforwarded TOPSECRET text\r\n"
	             "--=_outer\r\nContent-Type: application/vnd.openxmlformats-officedocument."
	             "wordprocessingml.document\r\nContent-Disposition: attachment;\r\n"
	             " filename*0*=UTF-8''%E5%90%8D%E5%8D%95;\r\n filename*1*=.docx\r\n"
	             "Content-Transfer-Encoding: base64\r\n\r\n");
	corpus_docx(&d, "<w:p><w:r><w:t>核心</w:t></w:r></w:p>");
	b64(b, d.ptr, d.len);
	cbuf_puts(b, "\r\n--=_outer--\r\n");
	rc |= put("mail", "mail.eml", b);
	cbuf_reset(b);
	/* mbox: two messages, the second with an attachment (Thunderbird's "From - " lines). */
	cbuf_puts(b, "From - Mon Jan  1 00:00:00 2024\nFrom: x@example.cn\nSubject: hello\n\n"
	             "nothing to see\n\nFrom - Mon Jan  1 00:00:01 2024\nFrom: x@example.cn\n"
	             "Subject: list\nContent-Type: multipart/mixed; boundary=b1\n\n--b1\n"
	             "Content-Type: text/plain\n\nbody with TOPSECRET\n--b1\nContent-Type: "
	             "text/plain; name=\"list.txt\"\nContent-Disposition: attachment; "
	             "filename=\"list.txt\"\nContent-Transfer-Encoding: base64\n\n");
	b64(b, "名单：秘密", 15);
	cbuf_puts(b, "\n--b1--\n");
	rc |= put("mail", "box.mbox", b);
	cbuf_reset(b);
	/* Text that starts like a header but is no mail; and header lines that are. */
	cbuf_puts(b, "From: someone who wrote\nthis is 绝密 text\n");
	rc |= put("mail", "note.txt", b);
	cbuf_reset(b);
	cbuf_puts(b, "Subject: 涉密会议\nDate: today\n\n正文 内部资料\n");
	rc |= put("mail", "headers.txt", b);
	cbuf_reset(b);
	cbuf_release(&d);
	cbuf_release(&g);
	return rc;
}

/* gzip'd tar (libarchive's writer) of n members of size bytes of zeros, after one with a hit. */
static int zeros_tgz(struct cbuf *b, size_t n, size_t size, const char *last)
{
	struct zip_item *it = calloc(n + 2, sizeof(*it));
	char *zeros = calloc(size ? size : 1, 1), names[64][16];
	size_t i, k = 0;
	int rc;

	if (!it || !zeros || n > 60) {
		free(it);
		free(zeros);
		return -1;
	}
	it[k++] = (struct zip_item){"first.txt", "绝密", 6, 0, 0};
	for (i = 0; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "z%zu.bin", i);
		it[k++] = (struct zip_item){names[i], zeros, size, 0, 0};
	}
	if (last)
		it[k++] = (struct zip_item){"after.txt", last, strlen(last), 0, 0};
	rc = corpus_archive(b, "ustar", "gzip", "gzip:compression-level=1", NULL, it, k);
	free(it);
	free(zeros);
	return rc;
}

static int make_bombs(struct cbuf *b)
{
	struct cbuf x;
	struct zip_item it[1];
	int rc = 0, i;

	cbuf_init(&x, 1u << 24);
	/* Zips stored in zips, 9 deep, the innermost holding a keyword. */
	cbuf_puts(&x, "the bottom says TOPSECRET");
	for (i = 0; i < 9; i++) {
		cbuf_reset(b);
		it[0] = (struct zip_item){i ? "z.zip" : "bottom.txt", x.ptr, x.len, 0, 0};
		rc |= corpus_zip(b, it, 1);
		cbuf_reset(&x);
		cbuf_append(&x, b->ptr, b->len);
	}
	rc |= put("bomb", "deep.zip", b);
	cbuf_reset(b);
	/* One member of 64 MiB of zeros between two with hits. */
	rc |= zeros_tgz(b, 1, 64u << 20, "涉密");
	rc |= put("bomb", "huge.tar.gz", b);
	cbuf_reset(b);
	/* Twelve members of 8 MiB: each fits the budget, together they pass the total. */
	rc |= zeros_tgz(b, 12, 8u << 20, NULL);
	rc |= put("bomb", "many.tar.gz", b);
	cbuf_reset(b);
	/* An mbox and a tar bigger than the window (4 MiB) and the budget: read as raw bytes. */
	while (b->len < (6u << 20))
		cbuf_puts(b, "From - Mon Jan  1 00:00:00 2024\nFrom: a@b\nSubject: s\n\nline\n\n");
	cbuf_puts(b, "From - Tue\nFrom: a@b\nSubject: last\n\nthe last one is 机密\n");
	rc |= put("big", "big.mbox", b);
	cbuf_reset(b);
	{
		char *filler = malloc(6u << 20);
		struct zip_item t[2];

		if (!filler)
			return -1;
		memset(filler, 'x', 6u << 20);
		t[0] = (struct zip_item){"filler.txt", filler, 6u << 20, 0, 0};
		t[1] = (struct zip_item){"end.txt", "末尾的核心", 15, 0, 0};
		rc |= corpus_archive(b, "ustar", NULL, NULL, NULL, t, 2);
		free(filler);
	}
	rc |= put("big", "big.tar", b);
	cbuf_reset(b);
	cbuf_release(&x);
	return rc;
}

/*
 * A 7z (libarchive's writer, header not encoded) whose first coder's
 * properties are set to state props (LZMA: lc/lp/pb and a dictionary; PPMd:
 * order and model memory), the header's CRCs made right again.
 */
static int sz_with_props(struct cbuf *b, const char *options, const char *coder,
                         const unsigned char props[5])
{
	struct zip_item it[1] = {{"in.txt", "七z TOPSECRET", 15, 0, 0}};
	unsigned char *u;
	size_t off, size, i;
	uLong crc;

	if (corpus_archive(b, "7zip", NULL, options, NULL, it, 1) || b->len < 32)
		return -1;
	u = (unsigned char *)b->ptr;
	off = 32 + (size_t)u[12] + ((size_t)u[13] << 8);
	size = (size_t)u[20] + ((size_t)u[21] << 8);
	if (off + size > b->len || u[off] != 0x01)
		return -1; /* only a header that is not encoded is changed here */
	for (i = off; i + 10 <= off + size; i++)
		if (memcmp(u + i, coder, 5) == 0)
			break;
	if (i + 10 > off + size)
		return -1;
	memcpy(u + i + 5, props, 5);
	crc = crc32(0, u + off, (uInt)size);
	for (i = 0; i < 4; i++)
		u[28 + i] = (unsigned char)(crc >> (8 * i));
	crc = crc32(0, u + 12, 20);
	for (i = 0; i < 4; i++)
		u[8 + i] = (unsigned char)(crc >> (8 * i));
	return 0;
}

/* Archives that state a decoder memory past the budget, and normal ones beside them. */
static int make_dict(struct cbuf *b)
{
	static const unsigned char lzma_huge[5] = {0x5D, 0, 0, 0, 0x60};  /* 1.5 GiB */
	static const unsigned char lzma_small[5] = {0x5D, 0, 0, 0x10, 0}; /* 1 MiB */
	static const unsigned char ppmd_huge[5] = {6, 0, 0, 0, 0x40};     /* 1 GiB */
	static const char lzma_id[] = "\x23\x03\x01\x01\x05", ppmd_id[] = "\x23\x03\x04\x01\x05";
	int rc = 0;

	rc |= sz_with_props(b, "7zip:compression=lzma1", lzma_id, lzma_huge);
	rc |= put("dict", "huge.7z", b);
	cbuf_reset(b);
	rc |= sz_with_props(b, "7zip:compression=ppmd", ppmd_id, ppmd_huge);
	rc |= put("dict", "ppmd.7z", b);
	cbuf_reset(b);
	rc |= sz_with_props(b, "7zip:compression=lzma1", lzma_id, lzma_small);
	rc |= put("dict", "small.7z", b);
	cbuf_reset(b);
	return rc;
}

static int setup(void **state)
{
	struct cbuf b;
	char cmd[512];
	int rc = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/baomi-check-arch-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(cmd, sizeof(cmd), "%s/arch", dir);
	mkdir(cmd, 0700);
	snprintf(cmd, sizeof(cmd), "%s/mail", dir);
	mkdir(cmd, 0700);
	snprintf(cmd, sizeof(cmd), "%s/bomb", dir);
	mkdir(cmd, 0700);
	snprintf(cmd, sizeof(cmd), "%s/big", dir);
	mkdir(cmd, 0700);
	snprintf(cmd, sizeof(cmd), "%s/dict", dir);
	mkdir(cmd, 0700);
	snprintf(cmd, sizeof(cmd), "%s/dict16", dir);
	mkdir(cmd, 0700);
	cbuf_init(&b, 1u << 30);
	rc |= make_archives(&b);
	rc |= make_mail(&b);
	rc |= make_bombs(&b);
	rc |= make_dict(&b);
	cbuf_release(&b);
	snprintf(cmd, sizeof(cmd), "python3 %s/mkarch.py %s/arch", CK_TESTS_SRC, dir);
	have_python = system(cmd) == 0;
	snprintf(cmd, sizeof(cmd), "python3 %s/mkdict.py %s/dict %s/dict16", CK_TESTS_SRC, dir,
	         dir);
	have_python = have_python && system(cmd) == 0;
	if (!have_python)
		printf("# python3 missing: the zip and tar files of Python's writers are not "
		       "tested\n");
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	corpus_remove(dir);
	return 0;
}

/* Scans dir/sub with the budget; r is to be released. */
static void scan_sub(const char *sub, double seconds, size_t memory, struct kw_set *ks,
                     struct scan_result *r)
{
	assert_int_equal(corpus_scan_sub(dir, sub, keywords, seconds, memory, ks, r), SCAN_OK);
}

/* The entry whose path ends in the name (after the scanned directory). */
static const struct scan_file *entry(const struct scan_result *r, const char *sub, const char *name)
{
	const struct scan_file *f = corpus_entry(r, dir, sub, name);

	if (!f)
		fail_msg("no entry %s/%s/%s", dir, sub, name);
	return f;
}

static int has_entry(const struct scan_result *r, const char *sub, const char *name)
{
	return corpus_entry(r, dir, sub, name) != NULL;
}

static void expect_no_error(const struct scan_result *r)
{
	const struct scan_file *f = corpus_first_error(r);

	if (f)
		fail_msg("unexpected error %s: %s", f->path, f->error);
}

/* Asserts a hit of word in part, with the entry's format. */
static void expect_hit(const struct scan_result *r, const struct kw_set *ks, const char *sub,
                       const char *name, const char *format, const char *word, const char *part)
{
	const struct scan_file *f = entry(r, sub, name);

	assert_string_equal(f->format, format);
	if (!corpus_hit(f, ks, word, part))
		fail_msg("%s: no %s hit of %s", name, part, word);
}

static void test_archives(void **state)
{
	struct kw_set ks;
	struct scan_result r;
	struct cbuf out;

	(void)state;
	scan_sub("arch", 10, 0, &ks, &r);
	expect_hit(&r, &ks, "arch", "lib.7z!a/b.txt", "text", "绝密", "body");
	expect_hit(&r, &ks, "arch", "lib.7z!x.docx", "docx", "内部资料", "body");
	assert_false(has_entry(&r, "arch", "lib.7z"));
	/* encryption of the archive itself, and of a member of another */
	assert_string_equal(entry(&r, "arch", "locked.zip")->encrypted, "zip");
	assert_int_equal(entry(&r, "arch", "locked.zip")->nhits, 0);
	assert_string_equal(entry(&r, "arch", "outer.tar!in/locked.zip")->encrypted, "zip");
	assert_false(has_entry(&r, "arch", "outer.tar"));
	expect_hit(&r, &ks, "arch", "outer.tar!open.txt", "text", "秘密", "body");
	expect_hit(&r, &ks, "arch", "gbkname.zip!机密名单.txt", "text", "核心", "body");
	expect_hit(&r, &ks, "arch", "r5.rar!docs/秘.txt", "text", "保密", "body");
	assert_string_equal(entry(&r, "arch", "hidden.rar")->encrypted, "rar");
	assert_null(entry(&r, "arch", "hidden.rar")->error);
	expect_hit(&r, &ks, "arch", "embeds.docx", "docx", "保密", "body");
	assert_false(has_entry(&r, "arch", "embeds.docx!inside.txt"));
	assert_string_equal(entry(&r, "arch", "locked.rar")->encrypted, "rar");
	assert_int_equal(entry(&r, "arch", "locked.rar")->nhits, 0);
	assert_false(has_entry(&r, "arch", "locked.rar!secret.txt"));
	if (have_python) {
		expect_hit(&r, &ks, "arch", "py.zip!dir/note.txt", "text", "绝密", "body");
		expect_hit(&r, &ks, "arch", "py.zip!报告/报告.docx", "docx", "涉密", "body");
		expect_hit(&r, &ks, "arch", "py.tar!x/内部.txt", "text", "内部资料", "body");
		expect_hit(&r, &ks, "arch", "py.tar!inner.zip!deep/t.txt", "text", "TOPSECRET",
		           "body");
		expect_hit(&r, &ks, "arch", "py.tar.gz!y.txt", "text", "涉密", "body");
		assert_int_equal(entry(&r, "arch", "py.tar.gz!y.txt")->hits[0].enc, KW_GBK);
		expect_hit(&r, &ks, "arch", "py.tar.bz2!y.txt", "text", "绝密", "body");
		expect_hit(&r, &ks, "arch", "py.tar.xz!y.txt", "text", "内部资料", "body");
		/* one compressed file, no tar: the file's own hit */
		expect_hit(&r, &ks, "arch", "py.txt.bz2", "bzip2", "涉密", "body");
		assert_false(has_entry(&r, "arch", "py.zip"));
	}
	expect_no_error(&r);
	/* The JSON and the text report name the member. */
	cbuf_init(&out, 1u << 24);
	assert_int_equal(scan_result_json(&r, &ks, &out), CBUF_OK);
	assert_non_null(strstr(out.ptr, "/arch/lib.7z!x.docx\",\"format\":\"docx\""));
	assert_non_null(strstr(out.ptr, "/arch/outer.tar!in/locked.zip\",\"format\":\"zip\"}"));
	cbuf_reset(&out);
	assert_int_equal(scan_result_text(&r, &ks, &out), CBUF_OK);
	assert_non_null(strstr(out.ptr, "/arch/r5.rar!docs/秘.txt [text, utf-8, body]"));
	cbuf_release(&out);
	scan_result_release(&r);
	kw_set_release(&ks);
}

static void test_mail(void **state)
{
	struct kw_set ks;
	struct scan_result r;

	(void)state;
	scan_sub("mail", 10, 0, &ks, &r);
	/* headers decoded: GBK B, UTF-8 Q, a character split between two words */
	expect_hit(&r, &ks, "mail", "mail.eml", "eml", "绝密", "metadata");
	expect_hit(&r, &ks, "mail", "mail.eml", "eml", "机密", "metadata");
	expect_hit(&r, &ks, "mail", "mail.eml", "eml", "保密", "metadata");
	/* quoted-printable across a soft break, GB2312 HTML in base64, a forwarded message */
	expect_hit(&r, &ks, "mail", "mail.eml", "eml", "内部资料", "body");
	expect_hit(&r, &ks, "mail", "mail.eml", "eml", "涉密", "body");
	expect_hit(&r, &ks, "mail", "mail.eml", "eml", "TOPSECRET", "body");
	/* the attachment, named by RFC 2231 continuations, read as a docx */
	expect_hit(&r, &ks, "mail", "mail.eml!名单.docx", "docx", "核心", "body");
	/* mbox: each message an entry, its attachments below it */
	expect_hit(&r, &ks, "mail", "box.mbox!2", "eml", "TOPSECRET", "body");
	expect_hit(&r, &ks, "mail", "box.mbox!2!list.txt", "text", "秘密", "body");
	assert_false(has_entry(&r, "mail", "box.mbox!1"));
	/* text that only starts like a header stays text; header lines make mail */
	expect_hit(&r, &ks, "mail", "note.txt", "text", "绝密", "body");
	expect_hit(&r, &ks, "mail", "headers.txt", "eml", "涉密", "metadata");
	expect_hit(&r, &ks, "mail", "headers.txt", "eml", "内部资料", "body");
	expect_no_error(&r);
	scan_result_release(&r);
	kw_set_release(&ks);
}

/* Archive bombs under a 16 MiB budget: each cut off with its reason, the rest read. */
static void test_bombs(void **state)
{
	struct kw_set ks;
	struct scan_result r;
	const struct scan_file *f;
	size_t i;
	int deep = 0;

	(void)state;
	scan_sub("bomb", 30, 16u << 20, &ks, &r);
	/* nesting: the container past the limit is read as bytes, with the reason */
	for (i = 0; i < r.nfiles; i++)
		if (strstr(r.files[i].path, "/deep.zip!") && r.files[i].error &&
		    strstr(r.files[i].error, "nested deeper than 5")) {
			deep = 1;
			assert_int_equal(r.files[i].nhits, 1);
		}
	assert_true(deep);
	/* a member over the budget */
	f = entry(&r, "bomb", "huge.tar.gz");
	assert_non_null(f->error);
	assert_int_equal(strncmp(f->error, "memory", 6), 0);
	expect_hit(&r, &ks, "bomb", "huge.tar.gz!first.txt", "text", "绝密", "body");
	expect_hit(&r, &ks, "bomb", "huge.tar.gz!after.txt", "text", "涉密", "body");
	/* the total: four times the budget */
	f = entry(&r, "bomb", "many.tar.gz");
	assert_non_null(f->error);
	assert_non_null(strstr(f->error, "archive bomb"));
	assert_non_null(strstr(f->error, "64 MiB"));
	expect_hit(&r, &ks, "bomb", "many.tar.gz!first.txt", "text", "绝密", "body");
	assert_true(r.elapsed < 30);
	scan_result_release(&r);
	kw_set_release(&ks);
}

/* An mbox or tar too big to read whole is still matched as raw bytes, with the reason. */
static void test_too_big(void **state)
{
	struct kw_set ks;
	struct scan_result r;
	const struct scan_file *f;

	(void)state;
	scan_sub("big", 30, 2u << 20, &ks, &r);
	f = entry(&r, "big", "big.mbox");
	assert_non_null(f->error);
	assert_non_null(strstr(f->error, "read as raw bytes"));
	expect_hit(&r, &ks, "big", "big.mbox", "mail", "机密", "body");
	f = entry(&r, "big", "big.tar");
	assert_non_null(strstr(f->error, "read as raw bytes"));
	expect_hit(&r, &ks, "big", "big.tar", "archive", "核心", "body");
	scan_result_release(&r);
	kw_set_release(&ks);
}

/* The sniffers: cheap refusals of plain text, RAR header encryption. */
static void test_sniff(void **state)
{
	static const char *const text[] = {"Hello world\n",    "Note: one\nplain text\n",
	                                   "From the start\n", "key: value\nk2: v\n",
	                                   "Subject: x\n",     "From: a\nnot a header line\n\n"};
	unsigned char rar4[14] = {'R', 'a', 'r', '!', 0x1A, 0x07, 0x00, 0, 0, 0x73, 0x80, 0, 0, 0};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		assert_int_equal(mime_sniff((const unsigned char *)text[i], strlen(text[i])),
		                 MIME_NONE);
	assert_int_equal(mime_sniff((const unsigned char *)"From: a\nTo: b\n\nx", 16), MIME_EML);
	assert_int_equal(mime_sniff((const unsigned char *)"From a@b Mon\nSubject: s\n\nbody", 30),
	                 MIME_MBOX);
	assert_true(arch_rar_encrypted(rar4, sizeof(rar4)));
	rar4[10] = 0;
	assert_false(arch_rar_encrypted(rar4, sizeof(rar4)));
	assert_true(arch_sniff(rar4, sizeof(rar4)));
}

/* Asserts that the entry was refused for the decoder memory its headers state, with no hit. */
static void expect_refused(const struct scan_result *r, const char *sub, const char *name,
                           const char *format, const char *what)
{
	const struct scan_file *f = entry(r, sub, name);

	assert_string_equal(f->format, format);
	assert_non_null(f->error);
	if (strncmp(f->error, "memory", 6) != 0 || !strstr(f->error, what))
		fail_msg("%s: want memory (%s), got %s", name, what, f->error);
	assert_int_equal(f->nhits, 0);
}

/*
 * Decoder memory stated by the headers (an xz or 7z LZMA dictionary, 7z
 * PPMd model memory, a RAR5 window, RAR4 PPMd) past the budget: refused
 * before decoding, with the memory reason and at once; normal archives of
 * the same kinds beside them still give their hits.
 */
static void test_decoder_memory(void **state)
{
	struct kw_set ks;
	struct scan_result r;

	(void)state;
	scan_sub("dict", 10, 0, &ks, &r);
	expect_refused(&r, "dict", "huge.7z", "7z", "7z LZMA");
	expect_refused(&r, "dict", "ppmd.7z", "7z", "7z PPMd");
	expect_hit(&r, &ks, "dict", "small.7z!in.txt", "text", "TOPSECRET", "body");
	if (have_python) {
		expect_refused(&r, "dict", "huge.txt.xz", "xz", "xz LZMA2");
		expect_refused(&r, "dict", "huge.tar.xz", "xz", "xz LZMA2");
		expect_refused(&r, "dict", "huge.rar", "rar", "RAR5");
		expect_hit(&r, &ks, "dict", "small.tar.xz!in.txt", "text", "内部资料", "body");
		expect_refused(&r, "dict", "two.txt.xz", "xz", "xz LZMA2");
		expect_refused(&r, "dict", "huge-lzma.zip", "zip", "zip LZMA");
		expect_hit(&r, &ks, "dict", "small-lzma.zip!a.txt", "text", "涉密", "body");
		/* 7-Zip's encoded header: decoded here to see the folders behind it */
#ifdef BAOMI_CHECK_HAVE_LZMA
		expect_refused(&r, "dict", "huge-enc.7z", "7z", "7z LZMA");
#endif
		expect_hit(&r, &ks, "dict", "small-enc.7z!in.txt", "text", "TOPSECRET", "body");
		expect_refused(&r, "dict", "hdr-enc.7z", "7z", "7z 编码的文件头 encoded header");
	}
	assert_true(r.elapsed < 5);
	scan_result_release(&r);
	kw_set_release(&ks);
	if (!have_python)
		return;
	/* Under a 16 MiB budget: a 64 MiB window or dictionary, 256 MiB of PPMd. */
	scan_sub("dict16", 10, 16u << 20, &ks, &r);
	expect_refused(&r, "dict16", "w64.rar", "rar", "RAR5");
	expect_refused(&r, "dict16", "ppmd.rar", "rar", "RAR PPMd");
	expect_refused(&r, "dict16", "d64.txt.xz", "xz", "xz LZMA2");
	expect_hit(&r, &ks, "dict16", "small.tar.xz!in.txt", "text", "秘密", "body");
	assert_true(r.elapsed < 5);
	scan_result_release(&r);
	kw_set_release(&ks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_archives), cmocka_unit_test(test_mail),
	    cmocka_unit_test(test_bombs),    cmocka_unit_test(test_too_big),
	    cmocka_unit_test(test_sniff),    cmocka_unit_test(test_decoder_memory),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
