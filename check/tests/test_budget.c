/*
 * The per-file budget: crafted slow and huge files are cut off with the
 * reason "timeout" or "memory", within their budget, and the other files'
 * hits are still reported.  The inputs are made here: a PDF whose content
 * stream is 128 MiB of "q Q" (some 15 s of poppler, 250 KB on disk), a PDF
 * with one array of 40 million numbers (a gigabyte in poppler, 80 KB on
 * disk), a zip bomb (an entry of 100 MiB of zeros beside a small one with a
 * hit) and a gzip of 256 concatenated members of 16 MiB of zeros (4 GiB).
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

#include "corpus.h"
#include "kw.h"
#include "pdftext.h"
#include "scan.h"

static const char keywords[] = "绝密\n涉密\nTOPSECRET\n内部资料\n";
static char dir[64];

/* zlib of `reps` copies of unit after head, compressed as it goes. */
static void zlib_repeat(struct cbuf *out, const char *head, const char *unit, size_t reps,
                        const char *tail)
{
	z_stream z;
	size_t i;
	unsigned char buf[1 << 16];
	int rc;

	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit(&z, 6), Z_OK);
	for (i = 0; i <= reps + 1; i++) {
		const char *p = i == 0 ? head : i <= reps ? unit : tail;

		z.next_in = (unsigned char *)p;
		z.avail_in = (uInt)strlen(p);
		do {
			z.next_out = buf;
			z.avail_out = sizeof(buf);
			rc = deflate(&z, i == reps + 1 ? Z_FINISH : Z_NO_FLUSH);
			assert_int_equal(cbuf_append(out, buf, sizeof(buf) - z.avail_out), CBUF_OK);
		} while (z.avail_out == 0 || (i == reps + 1 && rc != Z_STREAM_END));
	}
	deflateEnd(&z);
}

/* A one-page PDF whose content stream is given deflated. */
static void write_pdf(const char *name, const struct cbuf *deflated)
{
	struct pdf_obj objs[5] = {
	    {"<< /Type /Catalog /Pages 2 0 R >>", NULL, 0},
	    {"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", NULL, 0},
	    {"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 "
	     "R >> >> /Contents 4 0 R >>",
	     NULL, 0},
	    {"/Filter /FlateDecode", deflated->ptr, deflated->len},
	    {"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", NULL, 0},
	};
	struct cbuf b;
	char p[128];

	cbuf_init(&b, 64u << 20);
	assert_int_equal(corpus_pdf_objs(&b, "", objs, 5), 0);
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	assert_int_equal(corpus_write(p, b.ptr, b.len), 0);
	cbuf_release(&b);
}

static void write_file(const char *name, const struct cbuf *b)
{
	char p[128];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	assert_int_equal(corpus_write(p, b->ptr, b->len), 0);
}

/*
 * Under AddressSanitizer the worker's heap lies in space reserved at start,
 * so RLIMIT_AS does not catch it growing: there the huge PDF is cut off by
 * time, and it goes with the slow files.
 */
#if defined(__SANITIZE_ADDRESS__)
#define HUGE_DIR "time"
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HUGE_DIR "time"
#endif
#endif
#ifndef HUGE_DIR
#define HUGE_DIR "memory"
#endif

static int setup(void **state)
{
	struct cbuf b, z;
	unsigned char *zeros;
	size_t i;
	char p[128];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/baomi-check-budget-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	/* Files cut off by time, and by memory (scanned with time to spare). */
	snprintf(p, sizeof(p), "%s/time", dir);
	if (mkdir(p, 0700))
		return -1;
	snprintf(p, sizeof(p), "%s/memory", dir);
	if (mkdir(p, 0700))
		return -1;
	cbuf_init(&b, 256u << 20);
	cbuf_init(&z, 256u << 20);
	cbuf_puts(&b, "这一行写着绝密\n");
	write_file("time/ok.txt", &b);
	write_file("memory/ok.txt", &b);
	cbuf_reset(&b);
	corpus_pdf(&b, "TOPSECRET report", "涉密");
	write_file("time/ok.pdf", &b);
	/* Slow: 32 Mi operators that do nothing. */
	cbuf_reset(&b);
	for (i = 0; i < 1024; i++)
		cbuf_puts(&b, "q Q\n");
	cbuf_reset(&z);
	zlib_repeat(&z, "BT /F1 12 Tf 72 700 Td (start) Tj ET\n", b.ptr, 32u << 10, "");
	write_pdf("time/slow.pdf", &z);
	/* Huge: one array of 40 Mi numbers, a gigabyte of objects in poppler. */
	cbuf_reset(&b);
	for (i = 0; i < 1024; i++)
		cbuf_puts(&b, "0 ");
	cbuf_reset(&z);
	zlib_repeat(&z, "BT /F1 12 Tf 72 600 Td [", b.ptr, 40u << 10, "(x)] TJ ET\n");
	write_pdf(HUGE_DIR "/huge.pdf", &z);
	/* A zip bomb beside an entry with a hit. */
	zeros = calloc(100u << 20, 1);
	if (!zeros)
		return -1;
	{
		static const char hit[] = "内部资料";
		struct zip_item it[2] = {{"zeros.txt", zeros, 100u << 20, 1, 0},
		                         {"note.txt", hit, sizeof(hit) - 1, 1, 0}};

		cbuf_reset(&b);
		corpus_zip(&b, it, 2);
		write_file("memory/bomb.zip", &b);
	}
	/* 4 GiB of zeros in 256 gzip members. */
	cbuf_reset(&z);
	corpus_gzip(&z, zeros, 16u << 20);
	cbuf_reset(&b);
	for (i = 0; i < 256; i++)
		cbuf_append(&b, z.ptr, z.len);
	write_file("time/bomb.gz", &b);
	free(zeros);
	cbuf_release(&b);
	cbuf_release(&z);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	corpus_remove(dir);
	return 0;
}

static const struct scan_file *file_named(const struct scan_result *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (strcmp(strrchr(r->files[i].path, '/') + 1, name) == 0)
			return &r->files[i];
	fail_msg("no entry for %s", name);
	return NULL;
}

static int has_hit(const struct scan_file *f, const struct kw_set *ks, const char *word)
{
	return corpus_hit(f, ks, word, NULL) != NULL;
}

static void expect_reason(const struct scan_file *f, const char *reason)
{
	if (!f->error || strncmp(f->error, reason, strlen(reason)) != 0)
		fail_msg("%s: expected %s, got %s", f->path, reason,
		         f->error ? f->error : "(none)");
}

/* Scans dir/sub with the budget; r is to be released. */
static void scan_sub(const char *sub, double seconds, size_t memory, struct kw_set *ks,
                     struct scan_result *r)
{
	assert_int_equal(corpus_scan_sub(dir, sub, keywords, seconds, memory, ks, r), SCAN_OK);
}

/* The slow PDF and the gzip bomb stop at their deadline; the other hits are there. */
static void test_timeout(void **state)
{
	struct kw_set ks;
	struct scan_result r;

	(void)state;
	scan_sub("time", 2, 0, &ks, &r);
	assert_true(has_hit(file_named(&r, "ok.txt"), &ks, "绝密"));
	expect_reason(file_named(&r, "bomb.gz"), "timeout");
	if (pdftext_available()) {
		assert_true(has_hit(file_named(&r, "ok.pdf"), &ks, "TOPSECRET"));
		assert_true(has_hit(file_named(&r, "ok.pdf"), &ks, "涉密"));
		expect_reason(file_named(&r, "slow.pdf"), "timeout");
		/* under ASan RLIMIT_AS does not hold the heap: the huge PDF ends at the deadline
		 * or when ASan's allocator refuses it (memory), either way within the budget */
		if (strcmp(HUGE_DIR, "time") == 0) {
			const struct scan_file *h = file_named(&r, "huge.pdf");

			if (!h->error || strncmp(h->error, "memory", 6) != 0)
				expect_reason(h, "timeout");
		}
	}
	/* Files of at most 2 s each on two threads, with room for a loaded machine. */
	assert_true(r.elapsed < 20);
	scan_result_release(&r);
	kw_set_release(&ks);
}

/* The huge PDF and the zip bomb stop at the memory budget, long before their deadline. */
static void test_memory(void **state)
{
	struct kw_set ks;
	struct scan_result r;

	(void)state;
	scan_sub("memory", 60, 64u << 20, &ks, &r);
	assert_true(has_hit(file_named(&r, "ok.txt"), &ks, "绝密"));
	expect_reason(file_named(&r, "bomb.zip"), "memory");
	/* the member beside the bomb is an entry of its own */
	assert_true(has_hit(file_named(&r, "bomb.zip!note.txt"), &ks, "内部资料"));
	if (pdftext_available() && strcmp(HUGE_DIR, "memory") == 0)
		expect_reason(file_named(&r, "huge.pdf"), "memory");
	assert_true(r.elapsed < 30);
	scan_result_release(&r);
	kw_set_release(&ks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_timeout),
	    cmocka_unit_test(test_memory),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
