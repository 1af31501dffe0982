/*
 * Unit tests of the pieces: the two matchers agree on random input, the
 * GBK boundary rule, XML text extraction, keyword loading, zip and OLE2 on
 * bad input, and report digests that catch an edit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ac.h"
#include "cbuf.h"
#include "corpus.h"
#include "kw.h"
#include "match.h"
#include "ole2.h"
#include "report.h"
#include "scan.h"
#include "u8text.h"
#include "xmltext.h"
#include "zipr.h"

#include <libdeflate.h>

struct ev {
	unsigned id;
	size_t end;
};

struct evs {
	struct ev *v;
	size_t n, cap;
};

static int collect(unsigned id, size_t end, void *ctx)
{
	struct evs *e = ctx;

	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 256;
		e->v = realloc(e->v, e->cap * sizeof(*e->v));
	}
	e->v[e->n].id = id;
	e->v[e->n].end = end;
	e->n++;
	return 0;
}

static int cmp_ev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static uint32_t rng = 12345;

static unsigned rnd(unsigned n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
}

/* Random patterns over a small alphabet (overlaps, prefixes, NULs, duplicates). */
static void test_engines_agree(void **state)
{
	unsigned round;

	(void)state;
	if (!match_hs_available())
		skip();
	for (round = 0; round < 40; round++) {
		unsigned char *pats[200], text[20000];
		const unsigned char *cp[200];
		size_t lens[200], n = 1 + rnd(200), i, tl = sizeof(text);
		unsigned alpha = 2 + rnd(round % 2 ? 4 : 250);
		struct match_db *a, *h;
		struct match_scratch *sa, *sh;
		struct evs ea = {0}, eh = {0};

		for (i = 0; i < n; i++) {
			size_t k;

			lens[i] = 1 + rnd(round % 3 ? 6 : 20);
			pats[i] = malloc(lens[i]);
			for (k = 0; k < lens[i]; k++)
				pats[i][k] = (unsigned char)rnd(alpha);
			cp[i] = pats[i];
		}
		if (n > 3) {
			free(pats[1]); /* a duplicate */
			pats[1] = malloc(lens[0]);
			lens[1] = lens[0];
			memcpy(pats[1], pats[0], lens[0]);
			cp[1] = pats[1];
		}
		for (i = 0; i < tl; i++)
			text[i] = (unsigned char)rnd(alpha);
		assert_int_equal(match_db_new(&a, MATCH_AC, cp, lens, n), MATCH_OK);
		assert_int_equal(match_db_new(&h, MATCH_HS, cp, lens, n), MATCH_OK);
		assert_int_equal(match_scratch_new(a, &sa), MATCH_OK);
		assert_int_equal(match_scratch_new(h, &sh), MATCH_OK);
		match_scan(a, sa, text, tl, collect, &ea);
		match_scan(h, sh, text, tl, collect, &eh);
		qsort(ea.v, ea.n, sizeof(*ea.v), cmp_ev);
		qsort(eh.v, eh.n, sizeof(*eh.v), cmp_ev);
		assert_int_equal(ea.n, eh.n);
		for (i = 0; i < ea.n; i++) {
			assert_int_equal(ea.v[i].id, eh.v[i].id);
			assert_int_equal(ea.v[i].end, eh.v[i].end);
		}
		free(ea.v);
		free(eh.v);
		match_scratch_free(sa);
		match_scratch_free(sh);
		match_db_free(a);
		match_db_free(h);
		for (i = 0; i < n; i++)
			free(pats[i]);
	}
}

/* Aho-Corasick alone, against a naive search. */
static void test_ac_naive(void **state)
{
	const unsigned char *pats[3] = {(const unsigned char *)"he", (const unsigned char *)"she",
	                                (const unsigned char *)"hers"};
	size_t lens[3] = {2, 3, 4};
	struct ac *ac;
	struct evs e = {0};
	const char *text = "ushers she hers";

	(void)state;
	assert_int_equal(ac_build(&ac, pats, lens, 3), AC_OK);
	ac_scan(ac, (const unsigned char *)text, strlen(text), collect, &e);
	/* ushers: she@4 he@4 hers@6; she@10 he@10; he@13 hers@15 */
	assert_int_equal(e.n, 7);
	ac_free(ac);
	free(e.v);
}

/* Stops the scan at the limit'th match. */
struct stop_at {
	struct evs e;
	size_t limit;
};

static int collect_until(unsigned id, size_t end, void *ctx)
{
	struct stop_at *st = ctx;

	collect(id, end, &st->e);
	return st->e.n == st->limit;
}

/*
 * Aho-Corasick scans long buffers as two halves at once (ac.c): against a
 * naive search, on texts of every length around the split and with more
 * matches than it holds back, the matches come whole, in order of their
 * end, and a callback that stops the scan sees exactly the first ones.
 */
static void test_ac_halves(void **state)
{
	unsigned round;

	(void)state;
	for (round = 0; round < 300; round++) {
		unsigned char pats[20][12], text[3000];
		const unsigned char *cp[20];
		size_t lens[20], n = 1 + rnd(20), tl = rnd(round % 4 ? 700 : sizeof(text)), i, k, p;
		unsigned alpha = 2 + rnd(round % 2 ? 3 : 60);
		struct evs naive = {0};
		struct stop_at all = {{0}, 0}, part = {{0}, 0};
		struct ac *ac;

		for (i = 0; i < n; i++) {
			lens[i] = 1 + rnd(12);
			for (k = 0; k < lens[i]; k++)
				pats[i][k] = (unsigned char)rnd(alpha);
			cp[i] = pats[i];
		}
		for (i = 0; i < tl; i++)
			text[i] = (unsigned char)rnd(alpha);
		for (i = 1; i <= tl; i++)
			for (p = 0; p < n; p++)
				if (lens[p] <= i &&
				    memcmp(text + i - lens[p], pats[p], lens[p]) == 0)
					collect((unsigned)p, i, &naive);
		assert_int_equal(ac_build(&ac, cp, lens, n), AC_OK);
		assert_int_equal(ac_scan(ac, text, tl, collect_until, &all), 0);
		assert_int_equal(all.e.n, naive.n);
		for (i = 1; i < all.e.n; i++)
			assert_true(all.e.v[i - 1].end <= all.e.v[i].end);
		if (naive.n) {
			/* The same matches as the whole scan's first ones. */
			part.limit = 1 + rnd((unsigned)naive.n);
			assert_int_equal(ac_scan(ac, text, tl, collect_until, &part), 1);
			assert_int_equal(part.e.n, part.limit);
			for (i = 0; i < part.e.n; i++) {
				assert_int_equal(part.e.v[i].id, all.e.v[i].id);
				assert_int_equal(part.e.v[i].end, all.e.v[i].end);
			}
		}
		if (naive.n) {
			qsort(all.e.v, all.e.n, sizeof(*all.e.v), cmp_ev);
			qsort(naive.v, naive.n, sizeof(*naive.v), cmp_ev);
		}
		for (i = 0; i < naive.n; i++) {
			assert_int_equal(all.e.v[i].id, naive.v[i].id);
			assert_int_equal(all.e.v[i].end, naive.v[i].end);
		}
		ac_free(ac);
		free(naive.v);
		free(all.e.v);
		free(part.e.v);
	}
}

static void xt(const char *in, const char *want)
{
	struct cbuf o;

	cbuf_init(&o, 1 << 20);
	assert_int_equal(xmltext_extract(in, strlen(in), &o), CBUF_OK);
	assert_string_equal(o.ptr ? o.ptr : "", want);
	cbuf_release(&o);
}

static void test_xmltext(void **state)
{
	(void)state;
	xt("<w:p><w:r><w:t>绝</w:t></w:r><w:r><w:t>密</w:t></w:r></w:p>", "绝密\n");
	xt("<a>x &lt;&amp;&gt; &#x6D89;&#23494; &bogus;</a>", "x <&> 涉密 &bogus;");
	xt("<p>A</p>\n   <p>B</p>", "A\nB\n");
	xt("<t xml:space=\"preserve\"> </t><t>b</t>", " b");
	xt("<![CDATA[<raw>]]><!-- c --><?pi x?>z", "<raw>z");
	xt("<a title=\"x>y\">t</a>", "t");
	xt("<unclosed", "");
	xt("<text:p>a<text:s/>b<text:tab/>c</text:p>", "a b c\n");
}

/* The fast extractor against the reference one, at every cap, with text already in the buffer. */
static void test_kw_load(void **state)
{
	struct kw_set ks;
	size_t line;

	(void)state;
	kw_set_init(&ks);
	assert_int_equal(kw_set_load_mem(&ks, "\xEF\xBB\xBF绝密\r\n\n  ABC \n绝密\n", 26, &line),
	                 KW_OK);
	assert_int_equal(ks.nwords, 2);
	/* 绝密: UTF-8, GBK, UTF-16LE, then its traditional forms 絕密 絶密 (hant.h:
	 * UTF-8, UTF-16LE, Big5 where it has the characters); ABC: UTF-8 (= every
	 * legacy form), UTF-16LE. */
	assert_int_equal(ks.pats[1].enc, KW_GBK);
	assert_memory_equal(ks.pats[1].bytes, "\xBE\xF8\xC3\xDC", 4);
	assert_int_equal(ks.pats[2].enc, KW_UTF16LE);
	assert_int_equal(ks.pats[3].enc, KW_UTF8);
	assert_true(ks.pats[3].variant);
	assert_memory_equal(ks.pats[3].bytes, "絕密", strlen("絕密"));
	assert_int_equal(ks.pats[5].enc, KW_BIG5);
	assert_memory_equal(ks.pats[5].bytes, "\xB5\xB4\xB1\x4B", 4);
	assert_int_equal(ks.pats[ks.npats - 2].kw, 1);
	assert_int_equal(ks.pats[ks.npats - 2].enc, KW_UTF8);
	assert_int_equal(ks.pats[ks.npats - 1].enc, KW_UTF16LE);
	assert_int_equal(ks.pats[ks.npats - 3].kw, 0);
	kw_set_release(&ks);
	assert_int_equal(kw_set_load_mem(&ks, "ok\nbad\xFF\n", 8, &line), KW_BAD_UTF8);
	assert_int_equal(line, 2);
	kw_set_release(&ks);
	assert_int_equal(kw_set_load_mem(&ks, "\n \n", 3, &line), KW_EMPTY);
	kw_set_release(&ks);
	{
		/* The limit of words, each given twice: duplicates dropped
		 * wherever they come, one word more refused on its line. */
		size_t cap = 2 * (KW_MAX_COUNT + 1) * 8, n = 0, i;
		char *big = malloc(cap);

		assert_non_null(big);
		for (i = 0; i < KW_MAX_COUNT; i++)
			n += (size_t)snprintf(big + n, cap - n, "w%05zu\n", i);
		for (i = KW_MAX_COUNT; i-- > 0;)
			n += (size_t)snprintf(big + n, cap - n, "w%05zu\n", i);
		assert_int_equal(kw_set_load_mem(&ks, big, n, &line), KW_OK);
		assert_int_equal(ks.nwords, KW_MAX_COUNT);
		assert_string_equal(ks.words[KW_MAX_COUNT - 1], "w19999");
		kw_set_release(&ks);
		n += (size_t)snprintf(big + n, cap - n, "w%05d\n", KW_MAX_COUNT);
		assert_int_equal(kw_set_load_mem(&ks, big, n, &line), KW_TOO_LONG);
		assert_int_equal(line, 2 * KW_MAX_COUNT + 1);
		kw_set_release(&ks);
		free(big);
	}
}

static void test_zip_bad(void **state)
{
	struct zipr z;
	struct zipr_entry e;
	struct cbuf b, out;
	struct zip_item it = {"a.xml", "<a>hello</a>", 12, 1, 0};
	const unsigned char *bytes;
	size_t len, cut;

	(void)state;
	assert_int_equal(zipr_open(&z, (const unsigned char *)"PK\3\4xx", 6, NULL), ZIPR_NOT_ZIP);
	cbuf_init(&b, 1 << 20);
	cbuf_init(&out, 1 << 20);
	assert_int_equal(corpus_zip(&b, &it, 1), 0);
	z.dec = NULL;
	{
		struct libdeflate_decompressor *dec = libdeflate_alloc_decompressor();

		assert_int_equal(zipr_open(&z, (unsigned char *)b.ptr, b.len, dec), ZIPR_OK);
		assert_int_equal(zipr_next(&z, &e), ZIPR_OK);
		assert_int_equal(zipr_extract(&z, &e, &out, &bytes, &len), ZIPR_OK);
		assert_memory_equal(bytes, "<a>hello</a>", 12);
		assert_int_equal(zipr_next(&z, &e), ZIPR_END);
		/* Every truncation fails cleanly. */
		for (cut = 0; cut < b.len; cut++) {
			if (zipr_open(&z, (unsigned char *)b.ptr, cut, dec) != ZIPR_OK)
				continue;
			while (zipr_next(&z, &e) == ZIPR_OK)
				zipr_extract(&z, &e, &out, &bytes, &len);
		}
		/* The size cap. */
		out.max = 4;
		assert_int_equal(zipr_open(&z, (unsigned char *)b.ptr, b.len, dec), ZIPR_OK);
		assert_int_equal(zipr_next(&z, &e), ZIPR_OK);
		assert_int_equal(zipr_extract(&z, &e, &out, &bytes, &len), ZIPR_TOO_BIG);
		libdeflate_free_decompressor(dec);
	}
	cbuf_release(&b);
	cbuf_release(&out);
}

static void test_ole2(void **state)
{
	struct cbuf b, out;
	struct ole2 o;
	struct ole2_entry e;
	size_t i, streams = 0;

	(void)state;
	cbuf_init(&b, 1 << 20);
	cbuf_init(&out, 1 << 20);
	assert_int_equal(corpus_ole2(&b, "这是绝密文件", "内部资料"), 0);
	ole2_init(&o, 1 << 20);
	assert_int_equal(ole2_open(&o, (unsigned char *)b.ptr, b.len), OLE2_OK);
	for (i = 0; i < o.nentries; i++) {
		assert_int_equal(ole2_entry_get(&o, i, &e), OLE2_OK);
		if (e.type != OLE2_STREAM)
			continue;
		streams++;
		assert_int_equal(ole2_read(&o, &e, &out), OLE2_OK);
		if (strcmp(e.name, "WordDocument") == 0) {
			assert_int_equal(out.len, 4096);
			/* 绝 in UTF-16LE at 506 + 4, across the sector edge. */
			assert_memory_equal(out.ptr + 510, "\xdd\x7e\xc6\x5b", 4);
		} else {
			assert_memory_equal(out.ptr, "\x85\x51\xe8\x90", 4); /* 内部 */
		}
	}
	assert_int_equal(streams, 2);
	ole2_release(&o);
	/* A stream that starts past the end of the file. */
	b.ptr[1024 + 128 + 0x74] = (char)200;
	ole2_init(&o, 1 << 20);
	if (ole2_open(&o, (unsigned char *)b.ptr, b.len) == OLE2_OK) {
		for (i = 0; i < o.nentries; i++)
			if (ole2_entry_get(&o, i, &e) == OLE2_OK && e.type == OLE2_STREAM &&
			    strcmp(e.name, "WordDocument") == 0)
				assert_int_not_equal(ole2_read(&o, &e, &out), OLE2_OK);
	}
	ole2_release(&o);
	cbuf_release(&b);
	cbuf_release(&out);
}

static void test_report_digest(void **state)
{
	/* sha256 of {"a":1} */
	const char ok[] =
	    "{\"format\":\"baomi-check-report\",\"version\":1,\"digest_alg\":\"sha256\","
	    "\"report\":{\"a\":1},\"digest\":"
	    "\"015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862\"}\n";
	char bad[sizeof(ok)], why[256];

	(void)state;
	assert_int_equal(report_verify_mem(ok, strlen(ok), NULL, 0, why, sizeof(why)), 0);
	memcpy(bad, ok, sizeof(ok));
	bad[strstr(bad, "\"a\":1") - bad + 4] = '2';
	assert_int_equal(report_verify_mem(bad, strlen(bad), NULL, 0, why, sizeof(why)), 1);
	assert_int_equal(report_verify_mem("{}", 2, NULL, 0, why, sizeof(why)), 2);
	/* With a key the algorithm must be hmac-sm3. */
	assert_int_equal(
	    report_verify_mem(ok, strlen(ok), (const unsigned char *)"k", 1, why, sizeof(why)), 2);
}

static int w8(const char *s)
{
	return u8t_window((const unsigned char *)s, strlen(s));
}

/* The UTF-8 window check: what it accepts and refuses, SIMD and scalar alike. */
static void test_u8text_window(void **state)
{
	static const char *const good[] = {
	    "",
	    "plain ASCII",
	    "中文与English混排，含标点。",
	    "\x80\x80\x80\x61", /* a cut tail, then "a" */
	    "末尾截断\xE4\xB8", /* cut lead */
	    "\xF0\x9F\x98\x80 emoji",
	    "\xEF\xBF\xBD",
	    "\xF4\x8F\xBF\xBF",
	};
	static const char *const bad[] = {
	    "\x80\x80\x80\x80\x61", /* four continuation bytes */
	    "\xC3\xD8\xC3\xDC",     /* 秘密 in GBK */
	    "\xC0\x80",
	    "\xE0\x80\x80",
	    "\xED\xA0\x80",
	    "\xF4\x90\x80\x80",
	    "\xF5\x80\x80\x80",
	    "ab\xC3\x63", /* a lead, then "c" */
	    "\xFF",
	};
	unsigned char buf[400];
	unsigned seed = 12345;
	size_t i, off, n;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(w8(good[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(w8(bad[i]));
	/* A NUL is not text. */
	assert_false(u8t_window((const unsigned char *)"ab\0cd", 5));
	/* An error or a NUL in any place of a long buffer is seen, and a cut
	 * character at any block edge is not taken for one. */
	for (i = 0; i + 3 <= sizeof(buf); i += 3)
		memcpy(buf + i, "中", 3);
	for (n = 1; n <= 130; n++) {
		assert_true(u8t_window(buf, n));
		for (off = 0; off < n; off++) {
			unsigned char keep = buf[off];

			buf[off] = 0;
			assert_false(u8t_window(buf, n));
			buf[off] = 0xC3;
			assert_int_equal(u8t_window(buf, n), u8t_window_scalar(buf, n));
			buf[off] = keep;
		}
	}
	/* Random mixes of valid characters and stray bytes: both paths agree. */
	for (i = 0; i < 20000; i++) {
		size_t len = 0;

		while (len < sizeof(buf) - 4) {
			static const char *const pieces[] = {"a", "é", "中", "😀", "\n"};
			unsigned r;

			seed = seed * 1103515245u + 12345u;
			r = (seed >> 16) % 64;
			if (r < 5) {
				size_t l = strlen(pieces[r]);

				memcpy(buf + len, pieces[r], l);
				len += l;
			} else if (r == 5) {
				buf[len++] = (unsigned char)(seed >> 8);
			} else if (r < 40) {
				memcpy(buf + len, "中", 3);
				len += 3;
			} else {
				buf[len++] = 'x';
			}
			if ((seed >> 4) % 97 == 0)
				break;
		}
		for (off = 0; off < 4 && off < len; off++)
			assert_int_equal(u8t_window(buf + off, len - off),
			                 u8t_window_scalar(buf + off, len - off));
	}
}

/* Which byte forms can occur in UTF-8 text at all. */
static void test_u8text_possible(void **state)
{
	struct kw_set ks;
	size_t line, i;

	(void)state;
	kw_set_init(&ks);
	assert_int_equal(kw_set_load_mem(&ks, "秘密\n中\n专业\nA\n", 20, &line), KW_OK);
	for (i = 0; i < ks.npats; i++) {
		const struct kw_pattern *p = &ks.pats[i];
		int want;

		/* The forms the UTF-8 window set chooses from (scan_engine_init). */
		if (p->enc > KW_UTF16LE || p->variant)
			continue;
		want = p->enc == KW_UTF8 || strcmp(ks.words[p->kw], "专业") == 0 ||
		       (strcmp(ks.words[p->kw], "中") == 0 && p->enc == KW_UTF16LE) ||
		       (strcmp(ks.words[p->kw], "A") == 0 && p->enc == KW_GBK);

		/* 秘密 in GBK (C3 D8 ...) breaks UTF-8; 专业 in GBK (D7 A8 D2 B5) is
		 * two valid two-byte characters; 中 in UTF-16LE is "-N"; A in
		 * UTF-16LE has a NUL. */
		assert_int_equal(u8t_possible(p->bytes, p->len), want);
	}
	kw_set_release(&ks);
}

/* The smaller set finds what every form finds, also forms hidden in valid UTF-8. */
static void test_u8text_scan_same(void **state)
{
	static const char *const inputs[] = {
	    "GBK bytes that are valid UTF-8: \xD7\xA8\xD2\xB5 here", /* 专业 in GBK */
	    "UTF-16LE 中 in ASCII: x-Ny",                            /* "-N" */
	    "专业 in UTF-8, 中 too", "\xD7\xA8\xD2\xB5\xC3\xD8", /* 专业 in GBK, then not UTF-8 */
	};
	struct kw_set ks;
	struct scan_engine fast, full;
	size_t line, i, k, n = sizeof(inputs) / sizeof(inputs[0]);

	(void)state;
	kw_set_init(&ks);
	assert_int_equal(kw_set_load_mem(&ks, "专业\n中\n", 11, &line), KW_OK);
	assert_int_equal(scan_engine_init(&fast, &ks, MATCH_AUTO, 0), SCAN_OK);
	assert_int_equal(scan_engine_init(&full, &ks, MATCH_AUTO, SCAN_ENGINE_ALL_FORMS), SCAN_OK);
	assert_false(full.windowed);
	assert_int_equal(fast.windowed, !!u8t_simd());
	/* With Hyperscan, the first windows meet the Aho-Corasick copy while the
	 * UTF-8 database compiles; every input is matched again once it is built. */
	if (fast.windowed && fast.kind == MATCH_HS)
		assert_non_null(fast.utf8_ac);
	for (i = 0; i < 2 * n; i++) {
		struct scan_file a, b;
		const unsigned char *in = (const unsigned char *)inputs[i % n];

		if (i == n) {
			scan_engine_wait(&fast);
			if (fast.windowed)
				assert_non_null(fast.utf8);
		}
		assert_int_equal(scan_buffer(&fast, in, strlen(inputs[i % n]), &a), SCAN_OK);
		assert_int_equal(scan_buffer(&full, in, strlen(inputs[i % n]), &b), SCAN_OK);
		assert_true(a.nhits > 0);
		assert_int_equal(a.nhits, b.nhits);
		for (k = 0; k < a.nhits; k++) {
			assert_int_equal(a.hits[k].kw, b.hits[k].kw);
			assert_int_equal(a.hits[k].enc, b.hits[k].enc);
			assert_int_equal(a.hits[k].count, b.hits[k].count);
		}
		if (i % n == 0)
			assert_int_equal(a.hits[0].enc, KW_GBK);
		scan_file_release(&a);
		scan_file_release(&b);
	}
	scan_engine_release(&fast);
	scan_engine_release(&full);
	kw_set_release(&ks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_engines_agree),
	    cmocka_unit_test(test_ac_naive),
	    cmocka_unit_test(test_ac_halves),
	    cmocka_unit_test(test_xmltext),
	    cmocka_unit_test(test_kw_load),
	    cmocka_unit_test(test_zip_bad),
	    cmocka_unit_test(test_ole2),
	    cmocka_unit_test(test_report_digest),
	    cmocka_unit_test(test_u8text_window),
	    cmocka_unit_test(test_u8text_possible),
	    cmocka_unit_test(test_u8text_scan_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
