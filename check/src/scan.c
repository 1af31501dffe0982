#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "arch.h"
#include "blip.h"
#include "encr.h"
#include "html.h"
#include "jw.h"
#include "lenc.h"
#include "mime.h"
#include "ocr.h"
#include "ofd.h"
#include "ole2.h"
#include "oletext.h"
#include "pdftext.h"
#include "rtf.h"
#include "u8text.h"
#include "xmltext.h"
#include "zipr.h"

#define SCAN_CHUNK (4u << 20)           /* plain text is read in windows of this size */
#define SCAN_CONTAINER_MAX (256u << 20) /* whole-file formats up to this size */
#define SCAN_ENTRY_MAX (128u << 20)     /* one inflated entry, stream or extracted text */
#define SCAN_GZIP_MAX (4ull << 30)      /* bytes inflated from one gzip file */
#define SCAN_DEPTH 5                    /* containers inside containers */
#define SCAN_GBK_SLACK 4096             /* how far back a window edge looks for a GBK boundary */
#define SCAN_CTX 24                     /* context bytes on each side of a hit */
#define SCAN_QUEUE 4096
#define SCAN_EXPECT_AFTER 16 /* files that may not be UTF-8 before the full database is built */
#define SCAN_HS_AFTER (64ull << 20) /* bytes the Aho-Corasick copy matches before Hyperscan */
#define SCAN_MEMO 8                 /* XML entries each worker remembers */
#define SCAN_MEMO_MAX (256u << 10)  /* ... of up to this many stored bytes and of text */
#define SCAN_PDF_LOOK 1024          /* how far into a file "%PDF-" may start */

enum sniff {
	SNIFF_TEXT,
	SNIFF_ZIP,
	SNIFF_OLE2,
	SNIFF_PDF,
	SNIFF_GZIP,
	SNIFF_7Z,
	SNIFF_RTF,
	SNIFF_HTML,
	SNIFF_IMAGE, /* png, jpeg, tiff, bmp: read by OCR with --ocr, else as bytes */
	SNIFF_ARCH,  /* tar, rar, bzip2, xz (arch.h) */
	SNIFF_MAIL,  /* .eml or mbox (mime.h) */
};

struct queue {
	char **items;
	size_t head, count;
	int done;
	/* Who sleeps: the walker waits for room, workers for paths.  Nobody is woken
	 * for nothing, and the walker only when the queue is half empty. */
	int push_waiting;
	unsigned pop_waiting;
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
};

struct shared {
	struct scan_engine *eng;
	struct queue q;
	atomic_uint_fast64_t files, bytes, hit_files;
	atomic_int finished;
};

struct level {
	struct cbuf raw;
	struct cbuf text;
};

/* Where stream_text reads from: a file, memory, or gzip data in memory. */
struct source {
	int fd;
	/* A regular file: its size when opened, the bytes read so far, and whether
	 * a read came back short once that size was reached (the end, so no read
	 * that would only return 0 is made). */
	uint64_t size, pos;
	int eof;
	const unsigned char *mem;
	size_t memlen, mempos;
	z_stream *gz;
	int gz_end;
	uint64_t gz_out;
	const char *error;
};

/*
 * An XML entry of a zip met before: its data as stored in the zip and the
 * text they gave.  Office documents made by one program or from one template
 * share parts byte for byte ([Content_Types].xml, the theme, styles and
 * settings), and inflating even a small part costs microseconds (libdeflate
 * builds its decode tables per block).  Equal stored data, method and size
 * give equal bytes, so an entry equal to one remembered is neither inflated
 * nor parsed again; the stored bytes are compared whole, never a checksum,
 * so a crafted entry cannot pass for a known one.
 */
struct memo {
	int valid;
	unsigned method;
	uint64_t usize;
	uint64_t used; /* when last met: the one longest unused is replaced */
	unsigned char *data;
	char *text; /* NUL-terminated */
	size_t dlen, tlen, dcap, tcap;
	int quiet; /* the text holds no keyword: it need not be matched again */
};

struct worker {
	struct shared *sh;
	const struct kw_set *ks;
	struct scan_engine *eng;
	struct scan_scratch *ms;
	unsigned char *win;
	size_t chunk;
	struct cbuf whole;
	struct level lv[SCAN_DEPTH + 1];
	struct libdeflate_decompressor *dec;
	struct scan_file cur;
	size_t hitcap;
	uint64_t text_bytes;
	struct scan_file *files;
	size_t nfiles, fcap;
	/* The buffer being matched, for the callback. */
	const unsigned char *mbuf;
	size_t mlen, mskip;
	int mutf8;     /* whether mbuf is a UTF-8 window; -1 not known yet */
	unsigned menc; /* the legacy encodings mbuf's text may be in (lenc.h); 0 not known yet */
	size_t mat[KW_NENC]; /* a character boundary of each, for lenc_boundary */
	enum scan_part part; /* of the text being matched */
	pthread_t thread;
	int nomem;
	uint64_t found; /* occurrences counted, for the memo */
	struct memo memo[SCAN_MEMO];
	uint64_t memo_clock;
	/* The directory of the last file opened, kept open (see open_file). */
	int dir_tried, dir_fd;
	char *dir_path;
	size_t dir_len, dir_cap;
	/* The current file's budget (scan_opts) and whether it has been passed. */
	double budget_s;
	size_t budget_mem;
	struct timespec deadline;
	int over;         /* OVER_* bits */
	int ocr;          /* scan_opts.ocr */
	unsigned ocr_dpi; /* scan_opts.ocr_dpi */
	unsigned page;    /* of the text being matched (OCR, an OFD page), else 0 */
	int page_ocr;     /* that page's text is what OCR read */
	int top;          /* the depth at which the current entry (file or member) starts */
	/* scan_opts.ocr_lang */
	const char *ocr_lang;
};

enum { OVER_TIME = 1, OVER_MEMORY = 2 };

/* Builds a database of the patterns of ks that keep says to keep (NULL: all). */
static enum match_err build_db(struct match_db **out, enum match_engine kind,
                               const struct kw_set *ks, const unsigned char *keep)
{
	size_t cap = ks->npats ? ks->npats : 1, i, n = 0;
	const unsigned char **pats = malloc(cap * sizeof(*pats));
	size_t *lens = malloc(cap * sizeof(*lens));
	enum match_err err = MATCH_NOMEM;

	*out = NULL;
	if (pats && lens) {
		for (i = 0; i < ks->npats; i++)
			if (!keep || keep[i]) {
				pats[n] = ks->pats[i].bytes;
				lens[n++] = ks->pats[i].len;
			}
		err = match_db_new(out, kind, pats, lens, n);
	}
	free(pats);
	free(lens);
	return err;
}

/*
 * The patterns of database `which`: the full one (-1: the UTF-8, GB18030 and
 * UTF-16LE forms but the traditional ones) or that of one other legacy encoding (Big5 ...), matched
 * only in text that lenc_detect says is in it, or (KW_UTF16LE) the
 * traditional UTF-16LE forms, matched in text that lenc_utf16 finds.
 */
static int in_db(const struct kw_pattern *p, int which)
{
	/* Traditional UTF-16LE forms are many and slow the full database
	 * down: they have one of their own, for text that looks like UTF-16. */
	if (p->enc == KW_UTF16LE)
		return p->variant ? which == KW_UTF16LE : which < 0;
	if (p->enc == KW_UTF8)
		return p->variant ? which == KW_UTF8 : which < 0;
	if (which < 0)
		return p->enc == KW_GBK;
	return (int)p->enc == which;
}

/* Builds database `which` and its map from ids to pattern indexes (*out NULL: no pattern). */
static enum match_err build_sub(struct scan_engine *e, int which, struct match_db **out,
                                unsigned **map)
{
	const struct kw_set *ks = e->ks;
	unsigned char *keep = calloc(ks->npats ? ks->npats : 1, 1);
	size_t i, n = 0;
	enum match_err err = MATCH_NOMEM;

	*map = malloc((ks->npats ? ks->npats : 1) * sizeof(**map));
	if (keep && *map) {
		for (i = 0; i < ks->npats; i++)
			if (in_db(&ks->pats[i], which)) {
				keep[i] = 1;
				(*map)[n++] = (unsigned)i;
			}
		err = n || which < 0 ? build_db(out, e->kind, ks, keep) : MATCH_OK;
	}
	free(keep);
	return err;
}

static int has_suffix(const char *name, size_t n, const char *suf);

static void *build_utf8_main(void *arg)
{
	struct scan_engine *e = arg;
	struct match_db *db = NULL;
	enum match_err err = build_db(&db, e->kind, e->ks, e->utf8_keep);

	e->utf8 = db;
	/* Publishes e->utf8 to the workers' atomic_load in scan_engine_match. */
	atomic_store(&e->utf8_state, err ? -1 : 1);
	return NULL;
}

/*
 * The UTF-8 database with Hyperscan: an Aho-Corasick copy now, the Hyperscan
 * one when utf8_hs_start is called.  keep, the patterns to take, is then the
 * compiling thread's until it ends.
 */
static enum match_err start_utf8(struct scan_engine *e, unsigned char *keep)
{
	enum match_err err = build_db(&e->utf8_ac, MATCH_AC, e->ks, keep);

	if (!err)
		e->utf8_keep = keep;
	return err;
}

/* Starts compiling the Hyperscan UTF-8 database on a thread, once.  Without a
 * thread, the Aho-Corasick copy goes on matching. */
static void utf8_hs_start(struct scan_engine *e)
{
	if (!e->utf8_ac || atomic_exchange(&e->utf8_started, 1))
		return;
	if (pthread_create(&e->utf8_thread, NULL, build_utf8_main, e) == 0)
		atomic_store(&e->utf8_thread_on, 1);
}

/* e is to be released with scan_engine_release whatever this returns. */
enum scan_err scan_engine_init(struct scan_engine *e, const struct kw_set *ks,
                               enum match_engine engine, unsigned flags)
{
	unsigned char *keep = NULL;
	size_t i, n = 0;
	enum match_err merr = MATCH_OK;
	enum scan_err err = SCAN_OK;

	memset(e, 0, sizeof(*e));
	e->ks = ks;
	e->kind = engine == MATCH_AUTO ? (match_hs_available() ? MATCH_HS : MATCH_AC) : engine;
	pthread_mutex_init(&e->mu, NULL);
	atomic_init(&e->all_state, 0);
	atomic_init(&e->expected, 0);
	atomic_init(&e->utf8_state, 0);
	atomic_init(&e->utf8_started, 0);
	atomic_init(&e->ac_bytes, 0);
	atomic_init(&e->utf8_thread_on, 0);
	for (i = 0; i < KW_NENC; i++)
		atomic_init(&e->legacy_state[i], 0);
	keep = calloc(ks->npats ? ks->npats : 1, 1);
	e->utf8_pat = malloc((ks->npats ? ks->npats : 1) * sizeof(*e->utf8_pat));
	if (!keep || !e->utf8_pat) {
		err = SCAN_NOMEM;
		goto out;
	}
	for (i = 0; i < ks->npats; i++) {
		const struct kw_pattern *p = &ks->pats[i];

		/* Text that is UTF-8 is not UTF-16: its UTF-16LE forms are not looked for. */
		if (p->enc == KW_UTF8 || (p->enc == KW_GBK && u8t_possible(p->bytes, p->len))) {
			keep[i] = 1;
			e->utf8_pat[n++] = (unsigned)i;
		}
	}
	/* Classifying windows pays only where the check runs on SIMD, and only
	 * when some form cannot occur in UTF-8 text.  Otherwise the full
	 * database is all there is, built now. */
	e->windowed = !(flags & SCAN_ENGINE_ALL_FORMS) && u8t_simd() && n < ks->npats;
	if (!e->windowed)
		merr = scan_engine_build_all(e);
	else if (e->kind == MATCH_HS)
		merr = start_utf8(e, keep);
	else
		merr = build_db(&e->utf8, e->kind, ks, keep);
	if (e->windowed && !merr && !e->utf8_ac)
		atomic_store(&e->utf8_state, 1);
	if (merr)
		err = merr == MATCH_NOMEM ? SCAN_NOMEM : SCAN_ENGINE;
out:
	if (keep != e->utf8_keep)
		free(keep);
	return err;
}

static void *build_all_main(void *arg)
{
	scan_engine_build_all(arg);
	return NULL;
}

void scan_engine_expect(struct scan_engine *e, const char *path)
{
	/* Office documents and PDF give UTF-8 text; anything else may not. */
	static const char *const utf8_docs[] = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp",
	                                        ".docm", ".xlsm", ".pptm", ".pdf", ".ofd"};
	size_t i, n = strlen(path);

	if (e->hinted)
		return;
	for (i = 0; i < sizeof(utf8_docs) / sizeof(utf8_docs[0]); i++)
		if (has_suffix(path, n, utf8_docs[i]))
			return;
	/* A few such files are left to the workers: building it may take longer
	 * than scanning them, and they may well be UTF-8. */
	if (++e->maybe_other < SCAN_EXPECT_AFTER)
		return;
	e->hinted = 1;
	utf8_hs_start(e);
	/* Once only; a worker already building it just makes this thread wait. */
	if (!atomic_load(&e->all_state) && !atomic_exchange(&e->expected, 1) &&
	    pthread_create(&e->early, NULL, build_all_main, e) != 0)
		atomic_store(&e->expected, 0);
}

/* Joins the thread compiling the UTF-8 database, if one was started. */
static void utf8_hs_join(struct scan_engine *e)
{
	if (atomic_load(&e->utf8_thread_on)) {
		pthread_join(e->utf8_thread, NULL);
		atomic_store(&e->utf8_thread_on, 0);
	}
}

void scan_engine_wait(struct scan_engine *e)
{
	utf8_hs_start(e);
	utf8_hs_join(e);
}

void scan_engine_release(struct scan_engine *e)
{
	int i;

	/* Hyperscan's compiler cannot be stopped: a scan that started it waits for it. */
	utf8_hs_join(e);
	if (atomic_load(&e->expected))
		pthread_join(e->early, NULL);
	match_db_free(e->all);
	match_db_free(e->utf8);
	match_db_free(e->utf8_ac);
	free(e->utf8_keep);
	free(e->utf8_pat);
	free(e->all_pat);
	for (i = 0; i < KW_NENC; i++) {
		match_db_free(e->legacy[i]);
		free(e->legacy_pat[i]);
	}
	pthread_mutex_destroy(&e->mu);
	memset(e, 0, sizeof(*e));
}

const char *scan_engine_name(const struct scan_engine *e)
{
	int i, hs = atomic_load(&e->utf8_state) > 0 || atomic_load(&e->all_state) > 0;

	for (i = 0; i < KW_NENC; i++)
		hs |= atomic_load(&e->legacy_state[i]) > 0 && e->legacy[i];
	return e->kind == MATCH_HS && hs ? "hyperscan" : "aho-corasick";
}

enum match_err scan_engine_build_all(struct scan_engine *e)
{
	enum match_err err = MATCH_OK;
	int state = atomic_load(&e->all_state);

	if (state > 0)
		return MATCH_OK;
	pthread_mutex_lock(&e->mu);
	state = atomic_load(&e->all_state);
	if (state == 0) {
		err = build_sub(e, -1, &e->all, &e->all_pat);
		e->all_err = err;
		atomic_store(&e->all_state, err ? -1 : 1);
	} else if (state < 0) {
		err = e->all_err;
	}
	pthread_mutex_unlock(&e->mu);
	return err;
}

struct scan_scratch {
	struct match_scratch *ms;
	int fits_utf8; /* ms fits e->utf8 */
	int fits_all;  /* ms has been made to fit e->all too */
	unsigned fits; /* ... and e->legacy[enc], bit enc */
	int broken;    /* growing it failed: Hyperscan may have freed it */
	int last_utf8; /* the last window was a UTF-8 window (-1: not classified) */
};

enum match_err scan_scratch_new(const struct scan_engine *e, struct scan_scratch **out)
{
	struct scan_scratch *s = calloc(1, sizeof(*s));
	enum match_err err = MATCH_NOMEM;

	*out = NULL;
	if (!s)
		return err;
	/* Made for the database that matches first; fitted to the others when
	 * they first match. */
	err = match_scratch_new(!e->windowed ? e->all : e->utf8_ac ? e->utf8_ac : e->utf8, &s->ms);
	if (err) {
		free(s);
		return err;
	}
	s->fits_utf8 = e->windowed && !e->utf8_ac;
	s->fits_all = !e->windowed;
	s->last_utf8 = -1;
	*out = s;
	return MATCH_OK;
}

void scan_scratch_free(struct scan_scratch *s)
{
	if (!s)
		return;
	match_scratch_free(s->ms);
	free(s);
}

/* Maps ids of a database back to pattern indexes. */
struct id_map {
	const unsigned *pat;
	match_fn fn;
	void *ctx;
};

static int id_on_match(unsigned id, size_t end, void *ctx)
{
	struct id_map *m = ctx;

	return m->fn(m->pat[id], end, m->ctx);
}

enum match_err scan_engine_match(struct scan_engine *e, struct scan_scratch *s,
                                 const unsigned char *buf, size_t len, match_fn fn, void *ctx)
{
	int small = e->windowed && u8t_window(buf, len);
	enum match_err err;

	if (s->broken)
		return MATCH_NOMEM;
	s->last_utf8 = e->windowed ? small : -1;
	if (small) {
		struct id_map m = {e->utf8_pat, fn, ctx};

		if (atomic_load(&e->utf8_state) <= 0) {
			/* Hyperscan pays once this much text has come. */
			if (!atomic_load(&e->utf8_started) &&
			    atomic_fetch_add(&e->ac_bytes, len) + len >= SCAN_HS_AFTER)
				utf8_hs_start(e);
			return match_scan(e->utf8_ac, s->ms, buf, len, id_on_match, &m);
		}
		if (!s->fits_utf8) {
			err = match_scratch_fit(e->utf8, s->ms);
			s->broken = err != MATCH_OK;
			if (err)
				return err;
			s->fits_utf8 = 1;
		}
		return match_scan(e->utf8, s->ms, buf, len, id_on_match, &m);
	}
	err = scan_engine_build_all(e);
	if (!err && !s->fits_all) {
		err = match_scratch_fit(e->all, s->ms);
		s->fits_all = !err;
		s->broken = err != MATCH_OK;
	}
	if (!err) {
		struct id_map m = {e->all_pat, fn, ctx};

		err = match_scan(e->all, s->ms, buf, len, id_on_match, &m);
		/* The traditional UTF-8 forms, in UTF-8 text (in the window
		 * database they are matched with the others; a windowed engine
		 * found above that this is no UTF-8 window). */
		if (!err && ((!e->windowed && u8t_window(buf, len)) || lenc_utf8(buf, len)))
			err = scan_engine_match_legacy(e, s, KW_UTF8, buf, len, fn, ctx);
	}
	return err;
}

int scan_scratch_utf8(const struct scan_scratch *s)
{
	return s->last_utf8;
}

enum match_err scan_engine_match_legacy(struct scan_engine *e, struct scan_scratch *s,
                                        enum kw_enc enc, const unsigned char *buf, size_t len,
                                        match_fn fn, void *ctx)
{
	struct id_map m = {NULL, fn, ctx};
	enum match_err err = MATCH_OK;

	if (s->broken)
		return MATCH_NOMEM;
	if (atomic_load(&e->legacy_state[enc]) == 0) {
		pthread_mutex_lock(&e->mu);
		if (atomic_load(&e->legacy_state[enc]) == 0) {
			err = build_sub(e, (int)enc, &e->legacy[enc], &e->legacy_pat[enc]);
			e->legacy_err[enc] = err;
			atomic_store(&e->legacy_state[enc], err ? -1 : 1);
		}
		pthread_mutex_unlock(&e->mu);
	}
	if (atomic_load(&e->legacy_state[enc]) < 0)
		return e->legacy_err[enc];
	if (!e->legacy[enc])
		return MATCH_OK;
	if (!(s->fits & 1u << enc)) {
		err = match_scratch_fit(e->legacy[enc], s->ms);
		if (err) {
			s->broken = 1;
			return err;
		}
		s->fits |= 1u << enc;
	}
	m.pat = e->legacy_pat[enc];
	return match_scan(e->legacy[enc], s->ms, buf, len, id_on_match, &m);
}

const char *scan_part_name(enum scan_part part)
{
	switch (part) {
	case SCAN_PART_METADATA:
		return "metadata";
	case SCAN_PART_MACRO:
		return "macro";
	default:
		return "body";
	}
}

void scan_result_init(struct scan_result *r)
{
	memset(r, 0, sizeof(*r));
}

void scan_file_release(struct scan_file *f)
{
	size_t i;

	for (i = 0; i < f->nhits; i++)
		free(f->hits[i].context);
	free(f->hits);
	free(f->path);
	free(f->error);
	memset(f, 0, sizeof(*f));
}

void scan_result_release(struct scan_result *r)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		scan_file_release(&r->files[i]);
	free(r->files);
	scan_result_init(r);
}

static void set_error(struct worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Records why (part of) the current file could not be read; the first few reasons are kept. */
static void set_error(struct worker *w, const char *fmt, ...)
{
	char msg[512];
	size_t old = w->cur.error ? strlen(w->cur.error) : 0;
	char *p;
	va_list ap;

	if (old > 1024)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p = realloc(w->cur.error, old + strlen(msg) + 3);
	if (!p) {
		w->nomem = 1;
		return;
	}
	if (old)
		memcpy(p + old, "; ", 3);
	else
		p[0] = '\0';
	strcat(p, msg);
	w->cur.error = p;
}

/* Starts the budget of a file: its deadline, and buffers from earlier files let go. */
static void budget_start(struct worker *w)
{
	struct timespec *d = &w->deadline;
	double whole = (double)(time_t)w->budget_s;
	int i;

	w->over = 0;
	clock_gettime(CLOCK_MONOTONIC, d);
	d->tv_sec += (time_t)whole;
	d->tv_nsec += (long)((w->budget_s - whole) * 1e9);
	if (d->tv_nsec >= 1000000000L) {
		d->tv_sec++;
		d->tv_nsec -= 1000000000L;
	}
	/* Large buffers kept from an earlier file would count against this one. */
	if (w->whole.cap > w->budget_mem / 64)
		cbuf_release(&w->whole);
	for (i = 0; i <= SCAN_DEPTH; i++) {
		if (w->lv[i].raw.cap > w->budget_mem / 64)
			cbuf_release(&w->lv[i].raw);
		if (w->lv[i].text.cap > w->budget_mem / 64)
			cbuf_release(&w->lv[i].text);
	}
}

/* Seconds left of the current file's time (0 once passed). */
static double time_left(const struct worker *w)
{
	struct timespec now;
	double s;

	clock_gettime(CLOCK_MONOTONIC, &now);
	s = (double)(w->deadline.tv_sec - now.tv_sec) +
	    (double)(w->deadline.tv_nsec - now.tv_nsec) / 1e9;
	return s > 0 ? s : 0;
}

/* Whether the current file is out of time (then nothing more of it is read). */
static int out_of_time(struct worker *w)
{
	if (!(w->over & OVER_TIME) && time_left(w) <= 0)
		w->over |= OVER_TIME;
	return w->over & OVER_TIME;
}

/* The bytes the worker's buffers for file contents hold. */
static size_t mem_held(const struct worker *w)
{
	size_t n = w->whole.cap;
	int i;

	for (i = 0; i <= SCAN_DEPTH; i++)
		n += w->lv[i].raw.cap + w->lv[i].text.cap;
	return n;
}

/* Caps b at dflt or at what the budget leaves beside the other buffers, the smaller. */
static void mem_cap(struct worker *w, struct cbuf *b, size_t dflt)
{
	size_t others = mem_held(w) - b->cap;
	size_t room = w->budget_mem > others ? w->budget_mem - others : 0;

	b->max = room < dflt ? room : dflt;
}

/* Notes that b's cap refused something: the budget's doing when it is below dflt. */
static int mem_refused(struct worker *w, const struct cbuf *b, size_t dflt)
{
	if (b->max < dflt) {
		w->over |= OVER_MEMORY;
		return 1;
	}
	return 0;
}

/* Puts the budget's reason first in the file's error, once the file is done. */
static void budget_report(struct worker *w)
{
	char *old = w->cur.error;

	if (!w->over)
		return;
	w->cur.error = NULL;
	if (w->over & OVER_TIME)
		set_error(w,
		          "timeout: 超过每文件时间预算 %g 秒，其余部分未扫描 over the per-file "
		          "time budget of %g s, the rest was not scanned",
		          w->budget_s, w->budget_s);
	if (w->over & OVER_MEMORY)
		set_error(w,
		          "memory: 超过每文件内存预算 %zu MiB，部分内容未扫描 over the per-file "
		          "memory budget of %zu MiB, part was not scanned",
		          w->budget_mem >> 20, w->budget_mem >> 20);
	if (old) {
		set_error(w, "%s", old);
		free(old);
	}
}

/* Notes an encrypted document of this format in the current file (the first one found). */
static void set_encrypted(struct worker *w, const char *format)
{
	if (!w->cur.encrypted)
		w->cur.encrypted = format;
}

/* Converts bytes in `from` to UTF-8, one '?' for each undecodable unit. */
static char *to_utf8(const char *from, const unsigned char *s, size_t n, size_t unit)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap = n * 3 + 8, outleft = cap;
	char *out = malloc(cap + 1), *o = out, *in = (char *)s;
	size_t inleft = n;

	if (!out || cd == (iconv_t)-1) {
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		free(out);
		return NULL;
	}
	while (inleft > 0 && outleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			break;
		if (errno == E2BIG)
			break;
		*o++ = '?';
		outleft--;
		if (inleft < unit)
			break;
		in += unit;
		inleft -= unit;
	}
	iconv_close(cd);
	*o = '\0';
	return out;
}

/* Whether the UTF-16LE code unit at p can be part of a line of text. */
static int utf16_text_unit(const unsigned char *p)
{
	unsigned u = (unsigned)(p[0] | p[1] << 8);

	/* A low byte of 0 with a high one below 0x20 is mostly a length or a flag. */
	return (u >= 0x20 || u == 0x09) && (u < 0xD800 || u >= 0xF900) && u < 0xFFF0 &&
	       !(p[0] == 0 && p[1] < 0x20);
}

static char *make_context(const unsigned char *b, size_t len, size_t start, size_t end,
                          enum kw_enc enc)
{
	size_t a, z, r = 0;
	char *s = NULL;
	unsigned char *p;

	switch (enc) {
	case KW_UTF8:
		a = start > SCAN_CTX ? start - SCAN_CTX : 0;
		while (a < start && (b[a] & 0xC0) == 0x80)
			a++;
		z = len - end > SCAN_CTX ? end + SCAN_CTX : len;
		while (z > end && z < len && (b[z] & 0xC0) == 0x80)
			z--;
		/* Only the UTF-8 text around it: in a binary stream it ends at bytes
		 * that are no UTF-8. */
		for (r = a; r < z;) {
			unsigned cp;
			size_t n = jw_utf8_len(b + r, z - r, &cp);

			if (n && cp != 0) {
				r += n;
			} else if (r < start) {
				a = ++r;
			} else {
				z = r > end ? r : end;
				break;
			}
		}
		s = malloc(z - a + 1);
		if (s) {
			memcpy(s, b + a, z - a);
			s[z - a] = '\0';
		}
		break;
	case KW_UTF16LE:
		/* As far as the text goes: UTF-16 text in a binary stream ends at a
		 * NUL, a control character or a unit that no text holds. */
		a = start;
		while (a >= 2 && start - a < SCAN_CTX && utf16_text_unit(b + a - 2))
			a -= 2;
		z = end;
		while (z + 2 <= len && z - end < SCAN_CTX && utf16_text_unit(b + z))
			z += 2;
		s = to_utf8("UTF-16LE", b + a, z - a, 2);
		break;
	default: {
		unsigned char *t;

		a = lenc_ctx_start(enc, b, len, start, SCAN_CTX);
		z = lenc_ctx_end(enc, b, len, end, SCAN_CTX);
		t = lenc_ctx_bytes(enc, b + a, z - a);
		s = t ? to_utf8(lenc_iconv_name(enc), t, z - a, 1) : NULL;
		free(t);
		break;
	}
	}
	if (!s)
		return NULL;
	/* One line: controls become spaces. */
	for (p = (unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			*p = ' ';
	return s;
}

/*
 * Whether a legacy form at mbuf[start..] is in text of its encoding, on a
 * character boundary (lenc.h).  A UTF-8 window takes GB18030 forms only.
 */
static int legacy_text(struct worker *w, enum kw_enc enc, size_t start)
{
	unsigned encs;

	if (w->mutf8 < 0)
		w->mutf8 = u8t_window(w->mbuf, w->mlen);
	if (w->mutf8) {
		encs = 1u << KW_GBK | (w->menc & LENC_ISO2022_BITS);
	} else {
		if (!w->menc)
			w->menc = lenc_detect(w->mbuf, w->mlen);
		encs = w->menc;
	}
	return (encs & 1u << enc) &&
	       lenc_boundary(enc, w->mbuf, w->mlen, start, &w->mat[enc], w->ks->maxlen);
}

static int on_match(unsigned id, size_t end, void *ctx)
{
	struct worker *w = ctx;
	const struct kw_pattern *pat = &w->ks->pats[id];
	size_t start, i;
	struct scan_hit *h;

	if (end <= w->mskip)
		return 0;
	start = end - pat->len;
	if (KW_LEGACY(pat->enc) && !legacy_text(w, pat->enc, start))
		return 0;
	if (pat->enc == KW_UTF16LE) {
		/* Only in text that decodes as UTF-16: never in a UTF-8 window (the
		 * smaller pattern set has no UTF-16LE form, and this gives the full
		 * set the same hits), nor among 8-bit text or binary. */
		if (w->mutf8 < 0)
			w->mutf8 = u8t_window(w->mbuf, w->mlen);
		if (w->mutf8 || !kw_utf16_text(w->mbuf, w->mlen, start, end))
			return 0;
	}
	for (i = 0; i < w->cur.nhits; i++) {
		h = &w->cur.hits[i];
		if (h->kw == pat->kw && h->enc == pat->enc && h->part == w->part &&
		    h->page == w->page && h->ocr == w->page_ocr) {
			w->found++;
			h->count++;
			return 0;
		}
	}
	if (w->cur.nhits == w->hitcap) {
		size_t ncap = w->hitcap ? w->hitcap * 2 : 8;

		h = realloc(w->cur.hits, ncap * sizeof(*h));
		if (!h) {
			w->nomem = 1;
			return 1;
		}
		w->cur.hits = h;
		w->hitcap = ncap;
	}
	h = &w->cur.hits[w->cur.nhits++];
	h->kw = pat->kw;
	h->enc = pat->enc;
	h->part = w->part;
	h->page = w->page;
	h->ocr = w->page_ocr;
	h->count = 1;
	w->found++;
	h->context = make_context(w->mbuf, w->mlen, start, end, pat->enc);
	return 0;
}

/*
 * Matches the forms of Big5, EUC-KR, Shift-JIS, EUC-JP, EUC-TW, Johab and
 * ISO-2022 in mbuf when its text is in one of them (a UTF-8 window: only the
 * ISO-2022 ones), and the traditional UTF-16LE forms when it holds
 * UTF-16 CJK text: never in a UTF-8 window, and in other text as lenc_detect
 * and lenc_utf16 decide (GB18030's forms are in the full database).
 */
static enum match_err match_legacy(struct worker *w)
{
	enum match_err err = MATCH_OK;
	int e;

	if (w->mutf8 < 0)
		w->mutf8 = scan_scratch_utf8(w->ms);
	if (w->mutf8 < 0)
		w->mutf8 = u8t_window(w->mbuf, w->mlen);
	if (w->mutf8) {
		/* 7-bit ISO-2022 text is UTF-8 too: its forms where it designates their sets. */
		if (!w->menc)
			w->menc = lenc_iso2022(w->mbuf, w->mlen);
	} else {
		if (lenc_utf16(w->mbuf, w->mlen))
			err = scan_engine_match_legacy(w->eng, w->ms, KW_UTF16LE, w->mbuf, w->mlen,
			                               on_match, w);
		if (!w->menc)
			w->menc = lenc_detect(w->mbuf, w->mlen);
	}
	for (e = KW_BIG5; e < KW_NENC && !err && !w->nomem; e++)
		if (w->menc & 1u << e && (!w->mutf8 || LENC_ISO2022(e)))
			err = scan_engine_match_legacy(w->eng, w->ms, (enum kw_enc)e, w->mbuf,
			                               w->mlen, on_match, w);
	return err;
}

/*
 * Matches buf[0..len), ignoring matches that end within the first skip bytes.
 * Returns 0, or -1 when the matcher failed (the file's error says why).
 */
static int match_window(struct worker *w, const unsigned char *buf, size_t len, size_t skip)
{
	enum match_err err;
	int i;

	if (len <= skip)
		return 0;
	w->mbuf = buf;
	w->mlen = len;
	w->mskip = skip;
	w->mutf8 = -1;
	/* A window that goes on from the last one (skip: their overlap) is the
	 * same text: the encoding decided for the first holds for the file. */
	if (!skip)
		w->menc = 0;
	for (i = 0; i < KW_NENC; i++)
		w->mat[i] = (size_t)-1;
	w->text_bytes += len - skip;
	err = scan_engine_match(w->eng, w->ms, buf, len, on_match, w);
	if (!err && !w->nomem)
		err = match_legacy(w);
	if (err == MATCH_NOMEM)
		w->nomem = 1;
	if (err)
		set_error(w, "匹配引擎出错 matcher failed: %s",
		          err == MATCH_NOMEM ? "内存不足 out of memory"
		                             : "无法建立匹配库 cannot build the pattern database");
	return err || w->nomem ? -1 : 0;
}

static enum sniff sniff(const unsigned char *b, size_t n)
{
	if (n >= 4 && b[0] == 'P' && b[1] == 'K' &&
	    ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6)))
		return SNIFF_ZIP;
	if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return SNIFF_OLE2;
	if (n >= 3 && b[0] == 0x1F && b[1] == 0x8B && b[2] == 8)
		return SNIFF_GZIP;
	if (encr_is_7z(b, n))
		return SNIFF_7Z;
	if (ocr_sniff(b, n))
		return SNIFF_IMAGE;
	if (arch_sniff(b, n))
		return SNIFF_ARCH;
	if (mime_sniff(b, n))
		return SNIFF_MAIL;
	/* Readers take a PDF whose header comes after a BOM or other bytes. */
	if (cbuf_find(b, n < SCAN_PDF_LOOK ? n : SCAN_PDF_LOOK, "%PDF-", 5))
		return SNIFF_PDF;
	if (rtf_sniff(b, n))
		return SNIFF_RTF;
	if (html_sniff(b, n))
		return SNIFF_HTML;
	return SNIFF_TEXT;
}

/* Reads up to n bytes; 0 at the end or on error (src->error says which). */
static size_t source_read(struct source *src, unsigned char *buf, size_t n)
{
	size_t got = 0;

	if (src->gz) {
		z_stream *z = src->gz;

		while (got < n && !src->gz_end) {
			int rc;

			if (src->gz_out >= SCAN_GZIP_MAX) {
				src->error = "gzip 解压超过上限 gzip output over the cap";
				break;
			}
			z->next_out = buf + got;
			z->avail_out = (uInt)(n - got);
			rc = inflate(z, Z_NO_FLUSH);
			got = n - z->avail_out;
			src->gz_out = z->total_out;
			if (rc == Z_STREAM_END) {
				/* Concatenated members: go on while gzip data follows. */
				if (z->avail_in >= 2 && z->next_in[0] == 0x1F &&
				    z->next_in[1] == 0x8B)
					inflateReset(z);
				else
					src->gz_end = 1;
			} else if (rc != Z_OK) {
				src->error = "gzip 数据损坏 corrupt gzip data";
				src->gz_end = 1;
			}
		}
		return got;
	}
	if (src->mem) {
		size_t take = src->memlen - src->mempos < n ? src->memlen - src->mempos : n;

		memcpy(buf, src->mem + src->mempos, take);
		src->mempos += take;
		return take;
	}
	while (got < n && !src->eof) {
		ssize_t r = read(src->fd, buf + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			src->error = "读取失败 read error";
			break;
		}
		if (r == 0) {
			src->eof = 1;
			break;
		}
		got += (size_t)r;
		src->pos += (size_t)r;
		/* A regular file reads short only at its end.  Short of the size
		 * that fstat gave, the file shrank or is one of the pseudo-files
		 * (sysfs) that read in pieces: read on until 0.  A size of 0 proves
		 * nothing either (procfs).  Otherwise the file has been read up to
		 * its end, even when it grew since fstat. */
		if (got < n && src->size > 0 && src->pos >= src->size)
			src->eof = 1;
	}
	return got;
}

/*
 * Matches a stream of text window by window; the first n bytes are already in
 * w->win.  Each window keeps the tail of the last one (the longest pattern
 * less one byte, pulled back to a GBK character boundary) so that matches
 * across a window edge are found once.
 */
static void stream_text(struct worker *w, struct source *src, size_t n)
{
	size_t len = n, carry = 0, keep, cs, q, r;

	for (;;) {
		match_window(w, w->win, len, carry);
		if (w->nomem)
			return;
		/* Inflating is extracting: it runs on the file's time. */
		if (src->gz && out_of_time(w))
			break;
		keep = w->ks->maxlen ? w->ks->maxlen - 1 : 0;
		if (keep > len)
			keep = len;
		cs = len - keep;
		q = cs;
		while (q > 0 && cs - q < SCAN_GBK_SLACK && w->win[q - 1] >= 0x81)
			q--;
		if (q == 0 || w->win[q - 1] < 0x81)
			cs = q;
		memmove(w->win, w->win + cs, len - cs);
		carry = len - cs;
		r = source_read(src, w->win + carry, w->chunk);
		if (r == 0)
			break;
		len = carry + r;
	}
	if (src->error)
		set_error(w, "%s", src->error);
}

static void scan_blob(struct worker *w, const unsigned char *data, size_t len, int depth);
static void scan_archive(struct worker *w, const unsigned char *data, size_t len, int depth);
static void scan_picture(struct worker *w, const char *name, size_t nl, const unsigned char *data,
                         size_t len, int depth);
static void scan_blips(struct worker *w, const char *stream, const unsigned char *data, size_t len,
                       int xls, int depth);

static int has_suffix(const char *name, size_t n, const char *suf)
{
	size_t l = strlen(suf), i;

	if (n < l)
		return 0;
	for (i = 0; i < l; i++) {
		char c = name[n - l + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suf[i])
			return 0;
	}
	return 1;
}

/* Pictures, sound, video and fonts inside an office document: no text to find. */
static int is_media(const char *name, size_t n)
{
	static const char *const ext[] = {"png",  "jpg", "jpeg", "gif", "bmp",   "tif",
	                                  "tiff", "emf", "wmf",  "wdp", "jfif",  "mp3",
	                                  "mp4",  "wav", "avi",  "ttf", "odttf", "fntdata"};
	size_t i, dot = n, el;

	/* One look for the extension, not one suffix test for each. */
	while (dot > 0 && n - dot < 8 && name[dot - 1] != '.')
		dot--;
	if (dot == 0 || name[dot - 1] != '.')
		return 0;
	el = n - dot;
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (strlen(ext[i]) == el && has_suffix(name, n, ext[i]))
			return 1;
	return 0;
}

/* Pictures in a document that OCR may read (--ocr), by their names. */
static int is_ocr_picture(const char *name, size_t n)
{
	static const char *const ext[] = {".png", ".jpg", ".jpeg", ".jfif",
	                                  ".bmp", ".tif", ".tiff"};
	size_t i;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (has_suffix(name, n, ext[i]))
			return 1;
	return 0;
}

/* What kind of zip this is, from its central directory (z is not advanced). */
static const char *zip_label(struct worker *w, const struct zipr *start)
{
	struct zipr z = *start;
	struct zipr_entry e;
	const char *label = "zip";

	while (zipr_next(&z, &e) == ZIPR_OK) {
		if (ofd_is_root(e.name, e.name_len))
			return "ofd";
		if (e.name_len > 5 && memcmp(e.name, "word/", 5) == 0)
			return "docx";
		if (e.name_len > 3 && memcmp(e.name, "xl/", 3) == 0)
			return "xlsx";
		if (e.name_len > 4 && memcmp(e.name, "ppt/", 4) == 0)
			return "pptx";
		if (e.name_len == 8 && memcmp(e.name, "mimetype", 8) == 0 && e.method == 0) {
			const unsigned char *b;
			size_t bl;
			static const char pre[] = "application/vnd.oasis.opendocument.";

			if (zipr_extract(&z, &e, &w->whole, &b, &bl) == ZIPR_OK &&
			    bl > sizeof(pre) - 1 && memcmp(b, pre, sizeof(pre) - 1) == 0) {
				const char *kind = (const char *)b + sizeof(pre) - 1;
				size_t kl = bl - (sizeof(pre) - 1);

				if (kl == 4 && memcmp(kind, "text", 4) == 0)
					return "odt";
				if (kl == 11 && memcmp(kind, "spreadsheet", 11) == 0)
					return "ods";
				if (kl == 12 && memcmp(kind, "presentation", 12) == 0)
					return "odp";
				return "odf";
			}
		}
	}
	return label;
}

/* The remembered XML entry with these stored bytes, or NULL. */
static const struct memo *memo_find(struct worker *w, const struct zipr_entry *e,
                                    const unsigned char *d, size_t dl)
{
	size_t i;

	for (i = 0; i < SCAN_MEMO; i++) {
		struct memo *m = &w->memo[i];

		if (m->valid && m->dlen == dl && m->usize == e->usize && m->method == e->method &&
		    memcmp(m->data, d, dl) == 0) {
			m->used = ++w->memo_clock;
			return m;
		}
	}
	return NULL;
}

/* Remembers an XML entry and its text, in place of the one longest unused. */
static void memo_put(struct worker *w, const struct zipr_entry *e, const unsigned char *d,
                     size_t dl, const char *t, size_t tl, int quiet)
{
	struct memo *m = &w->memo[0];
	size_t i;

	if (dl > SCAN_MEMO_MAX || tl > SCAN_MEMO_MAX)
		return;
	for (i = 1; i < SCAN_MEMO && m->valid; i++)
		if (!w->memo[i].valid || w->memo[i].used < m->used)
			m = &w->memo[i];
	m->valid = 0;
	/* Only a help: without memory the entry is simply not remembered. */
	if (dl > m->dcap) {
		unsigned char *p = realloc(m->data, dl);

		if (!p)
			return;
		m->data = p;
		m->dcap = dl;
	}
	if (tl + 1 > m->tcap) {
		char *p = realloc(m->text, tl + 1);

		if (!p)
			return;
		m->text = p;
		m->tcap = tl + 1;
	}
	memcpy(m->data, d, dl);
	memcpy(m->text, t, tl);
	m->text[tl] = '\0';
	m->dlen = dl;
	m->tlen = tl;
	m->method = e->method;
	m->usize = e->usize;
	m->used = ++w->memo_clock;
	m->quiet = quiet;
	m->valid = 1;
}

/* Parts of an office package that hold no document text: relationships,
 * content types, manifests, settings and VML drawings (markup only). */
static int zip_no_text(const char *name, size_t n)
{
	static const char *const whole[] = {"mimetype", "[Content_Types].xml",
	                                    "META-INF/manifest.xml", "manifest.rdf"};
	static const char *const suffix[] = {".rels", ".vml", "settings.xml", "Settings.xml"};
	size_t i;

	for (i = 0; i < sizeof(whole) / sizeof(whole[0]); i++)
		if (strlen(whole[i]) == n && memcmp(name, whole[i], n) == 0)
			return 1;
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++)
		if (n >= strlen(suffix[i]) &&
		    memcmp(name + n - strlen(suffix[i]), suffix[i], strlen(suffix[i])) == 0)
			return 1;
	return 0;
}

static int has_prefix(const char *name, size_t n, const char *pre)
{
	size_t l = strlen(pre);

	return n >= l && memcmp(name, pre, l) == 0;
}

/* Which part of an office package an entry is: metadata, macros or the text. */
static enum scan_part zip_part(const char *name, size_t n)
{
	if (has_prefix(name, n, "docProps/") || has_prefix(name, n, "customXml/") ||
	    (n == 8 && memcmp(name, "meta.xml", 8) == 0))
		return SCAN_PART_METADATA;
	if (has_suffix(name, n, "vbaproject.bin") || has_suffix(name, n, "vbadata.xml") ||
	    has_prefix(name, n, "Basic/"))
		return SCAN_PART_MACRO;
	return SCAN_PART_BODY;
}

/* Whether an ODF package is encrypted: its manifest names encryption data. */
static int odf_encrypted(struct cbuf *tmp, const struct zipr *start)
{
	struct zipr z = *start;
	struct zipr_entry e;
	const unsigned char *b;
	size_t bl;

	while (zipr_next(&z, &e) == ZIPR_OK)
		if (e.name_len == 21 && memcmp(e.name, "META-INF/manifest.xml", 21) == 0)
			return zipr_extract(&z, &e, tmp, &b, &bl) == ZIPR_OK &&
			       encr_odf_manifest(b, bl);
	return 0;
}

/*
 * WPS Office writes .wps, .et and .dps files in the formats of Word, Excel
 * and PowerPoint (OLE2 or OOXML): the file's name tells them apart.
 */
static const char *wps_label(const struct worker *w, const char *label)
{
	static const char *const map[][2] = {{"doc", "wps"}, {"docx", "wps"}, {"xls", "et"},
	                                     {"xlsx", "et"}, {"ppt", "dps"},  {"pptx", "dps"}};
	const char *p = w->cur.path;
	size_t n = p ? strlen(p) : 0, i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		size_t l = strlen(map[i][1]);

		if (strcmp(label, map[i][0]) == 0 && n > l + 1 && p[n - l - 1] == '.' &&
		    has_suffix(p, n, map[i][1]))
			return map[i][1];
	}
	return label;
}

/* The entry of an OFD package named name, extracted into tmp; 0 when it cannot be read. */
static int ofd_part(const struct zipr *start, const char *name, struct cbuf *tmp,
                    const unsigned char **b, size_t *bl)
{
	struct zipr z = *start;
	struct zipr_entry e;

	while (zipr_next(&z, &e) == ZIPR_OK)
		if (e.name_len == strlen(name) && memcmp(e.name, name, e.name_len) == 0)
			return !(e.flags & 1) && zipr_extract(&z, &e, tmp, b, bl) == ZIPR_OK;
	return 0;
}

/* The reader's page numbers (ofd.h) from OFD.xml and its documents' Document.xml. */
static void ofd_read_pages(struct worker *w, const struct zipr *start, struct level *lv,
                           struct ofd_pages *pages)
{
	const unsigned char *root, *b;
	size_t rl, bl, pos = 0;
	char doc[OFD_PATH_MAX];

	mem_cap(w, &lv->text, SCAN_ENTRY_MAX);
	mem_cap(w, &lv->raw, SCAN_ENTRY_MAX);
	if (!ofd_part(start, "OFD.xml", &lv->text, &root, &rl))
		return;
	while (!out_of_time(w) && ofd_doc_root((const char *)root, rl, &pos, doc)) {
		char annots[OFD_PATH_MAX];
		enum cbuf_err err = CBUF_OK;

		if (!ofd_part(start, doc, &lv->raw, &b, &bl))
			continue;
		err = ofd_pages_doc(pages, (const char *)b, bl, doc, annots);
		if (!err && annots[0] && ofd_part(start, annots, &lv->raw, &b, &bl))
			err = ofd_pages_annots(pages, (const char *)b, bl, annots);
		w->nomem |= err == CBUF_NOMEM;
	}
}

/*
 * An OFD document (ofd.h): the text of its pages and annotations, its
 * metadata, and its attachments as files.  Encryptions.xml makes its parts
 * ciphertext: then it is reported encrypted and not read.  A page's hits
 * carry its number as a reader shows it.
 */
static void scan_ofd(struct worker *w, const struct zipr *start, int depth)
{
	enum scan_part outer = w->part;
	struct level *lv = &w->lv[depth];
	struct zipr z = *start;
	struct zipr_entry e;
	enum zipr_err err;
	struct ofd_pages pages;

	while (zipr_next(&z, &e) == ZIPR_OK)
		if (ofd_entry_kind(e.name, e.name_len) == OFD_ENCRYPTION) {
			set_encrypted(w, "ofd");
			return;
		}
	ofd_pages_init(&pages);
	ofd_read_pages(w, start, lv, &pages);
	z = *start;
	while (!out_of_time(w) && (err = zipr_next(&z, &e)) != ZIPR_END) {
		enum ofd_entry kind = ofd_entry_kind(e.name, e.name_len);
		int nl = e.name_len > 200 ? 200 : (int)e.name_len;
		const unsigned char *b;
		unsigned unreadable = 0;
		enum cbuf_err cerr;
		size_t bl;
		int picture;

		if (err) {
			set_error(w, "%s", zipr_strerror(err));
			break;
		}
		/* With --ocr, the pictures of its resources (Res/) and attachments. */
		picture = w->ocr && (kind == OFD_SKIP || kind == OFD_ATTACH) &&
		          is_ocr_picture(e.name, e.name_len);
		if (!picture &&
		    (kind == OFD_SKIP || (kind == OFD_ATTACH && is_media(e.name, e.name_len))))
			continue;
		if (e.flags & 1) {
			set_encrypted(w, "ofd");
			continue;
		}
		mem_cap(w, &lv->raw, SCAN_ENTRY_MAX);
		err = zipr_extract(&z, &e, &lv->raw, &b, &bl);
		if (err == ZIPR_TOO_BIG && mem_refused(w, &lv->raw, SCAN_ENTRY_MAX))
			continue;
		if (err) {
			set_error(w, "条目 entry %.*s: %s", nl, e.name, zipr_strerror(err));
			w->nomem |= err == ZIPR_NOMEM;
			continue;
		}
		w->part = outer;
		if (picture) {
			scan_picture(w, e.name, e.name_len, b, bl, depth);
			continue;
		}
		if (kind == OFD_ATTACH) {
			scan_blob(w, b, bl, depth + 1);
			continue;
		}
		if (kind == OFD_META && outer == SCAN_PART_BODY)
			w->part = SCAN_PART_METADATA;
		cbuf_reset(&lv->text);
		mem_cap(w, &lv->text, SCAN_ENTRY_MAX);
		cerr = kind == OFD_PAGE ? ofd_page_text((const char *)b, bl, &lv->text, &unreadable)
		                        : xmltext_extract((const char *)b, bl, &lv->text);
		w->nomem |= cerr == CBUF_NOMEM;
		if (cerr == CBUF_TOO_BIG && !mem_refused(w, &lv->text, SCAN_ENTRY_MAX))
			set_error(w, "条目 entry %.*s: 文本超过上限 text over the cap", nl, e.name);
		if (unreadable)
			set_error(
			    w,
			    "OFD 页面 %.*s 的文字无法读取：%u 个文字对象只有字形编号、没有文字 "
			    "the text of the page cannot be read: %u text objects have glyph "
			    "ids only",
			    nl, e.name, unreadable, unreadable);
		if (kind == OFD_PAGE || kind == OFD_ANNOT)
			w->page = ofd_page_number(&pages, e.name, e.name_len);
		match_window(w, (const unsigned char *)lv->text.ptr, lv->text.len, 0);
		w->page = 0;
	}
	w->part = outer;
	ofd_pages_release(&pages);
}

static void scan_zip(struct worker *w, const unsigned char *data, size_t len, int depth)
{
	enum scan_part outer = w->part;
	struct zipr z;
	struct zipr_entry e;
	struct level *lv = &w->lv[depth];
	enum zipr_err err;
	const char *label = "zip";
	int office;

	err = zipr_open(&z, data, len, w->dec);
	if (!err)
		label = zip_label(w, &z);
	office = strcmp(label, "zip") != 0;
	/* A zip that is no document: an archive whose members are entries of their own. */
	if (!err && !office) {
		scan_archive(w, data, len, depth);
		return;
	}
	if (depth == w->top)
		w->cur.format = wps_label(w, label);
	if (err) {
		set_error(w, "%s", zipr_strerror(err));
		return;
	}
	if (strcmp(label, "ofd") == 0) {
		scan_ofd(w, &z, depth);
		return;
	}
	/* An encrypted ODF document: its parts are ciphertext. */
	if (label[0] == 'o' && odf_encrypted(&lv->text, &z)) {
		set_encrypted(w, label);
		return;
	}
	for (;;) {
		const unsigned char *b, *d = NULL;
		size_t bl, dl = 0;
		int xml, picture = 0;

		if (out_of_time(w))
			break;
		err = zipr_next(&z, &e);
		if (err == ZIPR_END)
			break;
		if (err) {
			set_error(w, "%s", zipr_strerror(err));
			break;
		}
		if (e.name_len == 0 || e.name[e.name_len - 1] == '/')
			continue;
		if (office && (is_media(e.name, e.name_len) || zip_no_text(e.name, e.name_len))) {
			/* With --ocr, pictures (word/media, xl/media, ppt/media, Pictures/) are
			 * read by OCR, never as text. */
			picture = w->ocr && is_ocr_picture(e.name, e.name_len);
			if (!picture)
				continue;
		}
		/* General-purpose bit 0: the entry is encrypted. */
		if (e.flags & 1) {
			set_encrypted(w, label);
			continue;
		}
		w->part = outer;
		if (office && outer == SCAN_PART_BODY)
			w->part = zip_part(e.name, e.name_len);
		xml = has_suffix(e.name, e.name_len, ".xml");
		mem_cap(w, &lv->raw, SCAN_ENTRY_MAX);
		if (xml && zipr_data(&z, &e, lv->raw.max, &d, &dl) == ZIPR_OK) {
			const struct memo *m = memo_find(w, &e, d, dl);

			if (m && m->quiet)
				w->text_bytes += m->tlen;
			else if (m)
				match_window(w, (const unsigned char *)m->text, m->tlen, 0);
			if (m)
				continue;
		}
		err = zipr_extract(&z, &e, &lv->raw, &b, &bl);
		if (err == ZIPR_TOO_BIG && mem_refused(w, &lv->raw, SCAN_ENTRY_MAX))
			continue;
		if (err) {
			set_error(w, "条目 entry %.*s: %s",
			          (int)(e.name_len > 200 ? 200 : e.name_len), e.name,
			          zipr_strerror(err));
			if (err == ZIPR_NOMEM)
				w->nomem = 1;
			continue;
		}
		if (picture) {
			scan_picture(w, e.name, e.name_len, b, bl, depth);
		} else if (xml) {
			uint64_t found = w->found;
			int capped;

			cbuf_reset(&lv->text);
			mem_cap(w, &lv->text, SCAN_ENTRY_MAX);
			capped = xmltext_extract((const char *)b, bl, &lv->text) != CBUF_OK;
			if (capped && !mem_refused(w, &lv->text, SCAN_ENTRY_MAX))
				set_error(w, "条目 entry %.*s: 文本超过上限 text over the cap",
				          (int)(e.name_len > 200 ? 200 : e.name_len), e.name);
			if (match_window(w, (const unsigned char *)lv->text.ptr, lv->text.len, 0) ==
			        0 &&
			    !capped && d)
				memo_put(w, &e, d, dl, lv->text.ptr, lv->text.len,
				         w->found == found);
		} else {
			scan_blob(w, b, bl, depth + 1);
		}
	}
	w->part = outer;
}

static const char *ole2_label(const struct ole2 *o)
{
	struct ole2_entry e;
	size_t i;

	for (i = 0; i < o->nentries; i++) {
		if (ole2_entry_get(o, i, &e))
			continue;
		if (strcmp(e.name, "WordDocument") == 0)
			return "doc";
		if (strcmp(e.name, "Workbook") == 0 || strcmp(e.name, "Book") == 0)
			return "xls";
		if (strcmp(e.name, "PowerPoint Document") == 0)
			return "ppt";
	}
	return "ole2";
}

/* What an OLE2 stream holds, from its name and the storages above it. */
enum ole2_kind {
	OLE2_KIND_SKIP,      /* fonts, styles, pictures, OLE plumbing */
	OLE2_KIND_RAW,       /* anything else: read as it is (it may be a container) */
	OLE2_KIND_WORD,      /* WordDocument: the text of a .doc */
	OLE2_KIND_XLS,       /* Workbook: its text records */
	OLE2_KIND_PPT,       /* PowerPoint Document: its text atoms */
	OLE2_KIND_PPT_USER,  /* Current User: who saved it last; says if encrypted */
	OLE2_KIND_META,      /* property sets */
	OLE2_KIND_MACRO,     /* VBA */
	OLE2_KIND_ENCRYPTED, /* EncryptedPackage: an encrypted OOXML document */
};

#define OLE2_TREE_DEPTH 32 /* storages above a stream that are looked at */

/*
 * The parent storage of every entry, from the directory's tree of red-black
 * sibling trees; entries the tree does not reach, and the root, get
 * UINT32_MAX.  NULL without memory.
 */
static uint32_t *ole2_parents(const struct ole2 *o)
{
	size_t n = o->nentries, top = 0, i;
	uint32_t *parent = malloc(n * sizeof(*parent));
	uint32_t *stack = malloc(n * 2 * sizeof(*stack));
	unsigned char *seen = calloc(n, 1);
	struct ole2_entry e;

	if (!parent || !stack || !seen) {
		free(parent);
		parent = NULL;
		goto out;
	}
	for (i = 0; i < n; i++)
		parent[i] = UINT32_MAX;
	/* Pairs (entry, its parent); each entry is taken once, so a loop ends. */
	if (ole2_entry_get(o, 0, &e) == OLE2_OK && e.child < n) {
		stack[top++] = e.child;
		stack[top++] = 0;
		seen[0] = 1;
	}
	while (top) {
		uint32_t par = stack[--top], x = stack[--top];

		if (seen[x] || ole2_entry_get(o, x, &e))
			continue;
		seen[x] = 1;
		parent[x] = par;
		if (e.left < n && !seen[e.left] && top + 2 <= 2 * n) {
			stack[top++] = e.left;
			stack[top++] = par;
		}
		if (e.right < n && !seen[e.right] && top + 2 <= 2 * n) {
			stack[top++] = e.right;
			stack[top++] = par;
		}
		if (e.child < n && !seen[e.child] && top + 2 <= 2 * n) {
			stack[top++] = e.child;
			stack[top++] = x;
		}
	}
out:
	free(stack);
	free(seen);
	return parent;
}

/* Whether a storage above entry i holds VBA macros. */
static int ole2_in_vba(const struct ole2 *o, const uint32_t *parent, size_t i)
{
	struct ole2_entry e;
	unsigned d;

	for (d = 0; parent && d < OLE2_TREE_DEPTH && parent[i] != UINT32_MAX; d++) {
		i = parent[i];
		if (ole2_entry_get(o, i, &e) == OLE2_OK &&
		    (strcmp(e.name, "VBA") == 0 || strcmp(e.name, "_VBA_PROJECT_CUR") == 0 ||
		     strcmp(e.name, "Macros") == 0))
			return 1;
	}
	return 0;
}

static enum ole2_kind ole2_kind(const struct ole2 *o, const uint32_t *parent, size_t i,
                                const struct ole2_entry *e, const char *label)
{
	static const char *const skip[] = {"1Table",      "0Table",  "Pictures",   "EncryptionInfo",
	                                   "\001CompObj", "\001Ole", "\003ObjInfo"};
	size_t k;

	if (ole2_in_vba(o, parent, i))
		return OLE2_KIND_MACRO;
	if (e->name[0] == '\005')
		return OLE2_KIND_META;
	for (k = 0; k < sizeof(skip) / sizeof(skip[0]); k++)
		if (strcmp(e->name, skip[k]) == 0)
			return OLE2_KIND_SKIP;
	/* Presentation caches (pictures of embedded objects), .doc pictures. */
	if (strncmp(e->name, "\002OlePres", 10) == 0 ||
	    (strcmp(e->name, "Data") == 0 && strcmp(label, "doc") == 0))
		return OLE2_KIND_SKIP;
	if (strcmp(e->name, "WordDocument") == 0)
		return OLE2_KIND_WORD;
	if (strcmp(e->name, "Workbook") == 0 || strcmp(e->name, "Book") == 0)
		return OLE2_KIND_XLS;
	if (strcmp(e->name, "PowerPoint Document") == 0)
		return OLE2_KIND_PPT;
	if (strcmp(e->name, "Current User") == 0)
		return OLE2_KIND_PPT_USER;
	if (strcmp(e->name, "EncryptedPackage") == 0)
		return OLE2_KIND_ENCRYPTED;
	return OLE2_KIND_RAW;
}

/* Whether a stream of a .doc, .ppt or .xls holds its pictures (blip.h), which --ocr reads. */
static int ole2_pictures(const char *label, const char *name)
{
	if (strcmp(label, "doc") == 0)
		return strcmp(name, "Data") == 0 || strcmp(name, "WordDocument") == 0;
	if (strcmp(label, "xls") == 0)
		return strcmp(name, "Workbook") == 0;
	return strcmp(label, "ppt") == 0 && strcmp(name, "Pictures") == 0;
}

/* Whether a stream is a picture (an image inside a document has no text). */
static int is_picture(const unsigned char *b, size_t n)
{
	return (n >= 8 && memcmp(b, "\x89PNG\r\n\x1A\n", 8) == 0) ||
	       (n >= 3 && memcmp(b, "\xFF\xD8\xFF", 3) == 0) ||
	       (n >= 6 && memcmp(b, "GIF8", 4) == 0) ||
	       (n >= 4 && memcmp(b, "\xD7\xCD\xC6\x9A", 4) == 0) ||
	       (n >= 44 && b[0] == 1 && b[1] == 0 && b[2] == 0 && b[3] == 0 &&
	        memcmp(b + 40, " EMF", 4) == 0);
}

/* The kind of an encrypted OOXML document, from the file's name (the package is ciphertext). */
static const char *ooxml_kind(const struct worker *w, int depth)
{
	static const char *const ext[] = {"docx", "docm", "dotx", "xlsx", "xlsm", "xlsb",
	                                  "pptx", "pptm", "wps",  "et",   "dps"};
	const char *p = w->cur.path;
	size_t i, n = p ? strlen(p) : 0;

	for (i = 0; depth == w->top && i < sizeof(ext) / sizeof(ext[0]); i++)
		if (n > strlen(ext[i]) + 1 && p[n - strlen(ext[i]) - 1] == '.' &&
		    has_suffix(p, n, ext[i]))
			return ext[i];
	return "ooxml";
}

/* Matches the text records of a Workbook or PowerPoint Document stream. */
static void scan_records(struct worker *w, struct level *lv, const struct ole2_entry *e,
                         enum ole2_kind kind)
{
	const unsigned char *b = (const unsigned char *)lv->raw.ptr;
	enum cbuf_err err;

	cbuf_reset(&lv->text);
	err = kind == OLE2_KIND_XLS ? oletext_xls(b, lv->raw.len, &lv->text)
	                            : oletext_ppt(b, lv->raw.len, &lv->text);
	if (err == CBUF_NOMEM)
		w->nomem = 1;
	else if (err)
		set_error(w, "流 stream %s: 文本超过上限 text over the cap", e->name);
	match_window(w, (const unsigned char *)lv->text.ptr, lv->text.len, 0);
	if (kind == OLE2_KIND_XLS && !w->nomem) {
		enum scan_part outer = w->part;

		/* Defined names: metadata. */
		cbuf_reset(&lv->text);
		err = oletext_xls_names(b, lv->raw.len, &lv->text);
		w->nomem |= err == CBUF_NOMEM;
		if (outer == SCAN_PART_BODY)
			w->part = SCAN_PART_METADATA;
		match_window(w, (const unsigned char *)lv->text.ptr, lv->text.len, 0);
		w->part = outer;
	}
}

/* Matches the decompressed source of a VBA module stream; 0 when it holds none. */
static int scan_vba(struct worker *w, struct level *lv, const struct ole2_entry *e)
{
	int found;
	enum cbuf_err err;

	cbuf_reset(&lv->text);
	err = oletext_vba((const unsigned char *)lv->raw.ptr, lv->raw.len, &lv->text, &found);
	if (!found)
		return 0;
	if (err == CBUF_NOMEM)
		w->nomem = 1;
	else if (err)
		set_error(w, "流 stream %s: 文本超过上限 text over the cap", e->name);
	match_window(w, (const unsigned char *)lv->text.ptr, lv->text.len, 0);
	return 1;
}

static void scan_ole2(struct worker *w, const unsigned char *data, size_t len, int depth)
{
	struct ole2 o;
	struct ole2_entry e;
	struct level *lv = &w->lv[depth];
	enum ole2_err err;
	enum scan_part outer = w->part;
	const char *label, *fmt;
	uint32_t *parent = NULL;
	size_t i;

	ole2_init(&o, SCAN_ENTRY_MAX);
	err = ole2_open(&o, data, len);
	if (err) {
		if (depth == w->top)
			w->cur.format = "ole2";
		set_error(w, "%s", ole2_strerror(err));
		goto out;
	}
	label = ole2_label(&o);
	fmt = depth == w->top ? wps_label(w, label) : label;
	if (depth == w->top)
		w->cur.format = fmt;
	parent = ole2_parents(&o);
	if (!parent) {
		w->nomem = 1;
		goto out;
	}
	for (i = 0; i < o.nentries && !out_of_time(w); i++) {
		const unsigned char *b;
		enum ole2_kind kind;
		int pictures;

		if (ole2_entry_get(&o, i, &e) || e.type != OLE2_STREAM)
			continue;
		kind = ole2_kind(&o, parent, i, &e, label);
		pictures = w->ocr && ole2_pictures(label, e.name);
		if (kind == OLE2_KIND_SKIP && !pictures)
			continue;
		if (kind == OLE2_KIND_ENCRYPTED) {
			set_encrypted(w, ooxml_kind(w, depth));
			continue;
		}
		mem_cap(w, &lv->raw, SCAN_ENTRY_MAX);
		err = ole2_read(&o, &e, &lv->raw);
		if (err == OLE2_TOO_BIG && mem_refused(w, &lv->raw, SCAN_ENTRY_MAX))
			continue;
		if (err) {
			set_error(w, "流 stream %s: %s", e.name, ole2_strerror(err));
			continue;
		}
		b = (const unsigned char *)lv->raw.ptr;
		w->part = outer;
		if (pictures)
			scan_blips(w, e.name, b, lv->raw.len, strcmp(label, "xls") == 0, depth);
		if (kind == OLE2_KIND_SKIP)
			continue;
		switch (kind) {
		case OLE2_KIND_WORD:
			if (encr_doc(b, lv->raw.len)) {
				set_encrypted(w, fmt);
				continue;
			}
			break;
		case OLE2_KIND_XLS:
			if (encr_xls(b, lv->raw.len))
				set_encrypted(w, fmt);
			else
				scan_records(w, lv, &e, kind);
			continue;
		case OLE2_KIND_PPT:
			if (encr_ppt_doc(b, lv->raw.len))
				set_encrypted(w, fmt);
			else
				scan_records(w, lv, &e, kind);
			continue;
		case OLE2_KIND_PPT_USER:
			if (encr_ppt_user(b, lv->raw.len))
				set_encrypted(w, fmt);
			/* The name of who saved it last is metadata. */
			/* fall through */
		case OLE2_KIND_META:
			if (outer == SCAN_PART_BODY)
				w->part = SCAN_PART_METADATA;
			match_window(w, b, lv->raw.len, 0);
			continue;
		case OLE2_KIND_MACRO:
			if (outer == SCAN_PART_BODY)
				w->part = SCAN_PART_MACRO;
			if (scan_vba(w, lv, &e))
				continue;
			break;
		default:
			if (is_picture(b, lv->raw.len))
				continue;
			break;
		}
		scan_blob(w, b, lv->raw.len, depth + 1);
	}
	w->part = outer;
out:
	free(parent);
	ole2_release(&o);
}

/* A page of text that OCR read: matched as that page's. */
static int ocr_on_page(unsigned page, const char *text, size_t len, void *ctx)
{
	struct worker *w = ctx;

	w->page = page ? page : 1;
	w->page_ocr = 1;
	match_window(w, (const unsigned char *)text, len, 0);
	w->page = 0;
	w->page_ocr = 0;
	return 0;
}

/* OCR (ocr.h) in a worker process, with what is left of the file's budget. */
static void scan_ocr(struct worker *w, enum ocr_kind kind, const unsigned char *data, size_t len)
{
	struct ocr_budget b;
	char why[512];
	enum ocr_err err;

	if (out_of_time(w))
		return;
	b.seconds = time_left(w);
	b.memory = w->budget_mem > mem_held(w) ? w->budget_mem - mem_held(w) : 0;
	b.dpi = w->ocr_dpi;
	b.langs = w->ocr_lang;
	err = ocr_run(kind, data, len, &b, ocr_on_page, w, why, sizeof(why));
	if (err == OCR_TIMEOUT)
		w->over |= OVER_TIME;
	else if (err == OCR_MEMORY)
		w->over |= OVER_MEMORY;
	else if (err)
		set_error(w, "%s%s%s", ocr_strerror(err), why[0] ? ": " : "", why);
}

/* An image: its bytes as before (text in its metadata), then what OCR reads in it. */
static void scan_image(struct worker *w, const unsigned char *data, size_t len, int depth)
{
	if (depth == w->top)
		w->cur.format = ocr_sniff(data, len);
	match_window(w, data, len, 0);
	if (w->ocr && !w->nomem)
		scan_ocr(w, OCR_IMAGE, data, len);
}

/*
 * PDF text comes from a worker process with what is left of the file's
 * time, and as memory what the budget leaves beside the bytes held here.
 */
static void scan_pdf(struct worker *w, const unsigned char *data, size_t len, int depth)
{
	struct level *lv = &w->lv[depth];
	struct pdftext_budget b;
	struct cbuf notes;
	char why[256];
	enum pdftext_err err;
	int enc;

	if (out_of_time(w))
		return;
	cbuf_init(&notes, 1024);
	cbuf_reset(&lv->text);
	mem_cap(w, &lv->text, SCAN_ENTRY_MAX);
	b.seconds = time_left(w);
	b.memory = w->budget_mem > mem_held(w) ? w->budget_mem - mem_held(w) : 0;
	err = pdftext_extract(data, len, &b, &lv->text, &notes, why, sizeof(why));
	/* "%PDF-" after the first byte may be no PDF at all but text that names it. */
	if (err == PDFTEXT_BAD && memcmp(data, "%PDF-", 5 < len ? 5 : len) != 0) {
		if (depth == w->top)
			w->cur.format = "text";
		match_window(w, data, len, 0);
		goto out;
	}
	if (depth == w->top)
		w->cur.format = "pdf";
	/* Encrypted: a finding, and when a password is needed no error besides. */
	enc = encr_pdf(data, len);
	if (enc)
		set_encrypted(w, "pdf");
	if (err == PDFTEXT_TIMEOUT)
		w->over |= OVER_TIME;
	else if (err == PDFTEXT_MEMORY ||
	         (err == PDFTEXT_TOO_BIG && mem_refused(w, &lv->text, SCAN_ENTRY_MAX)))
		w->over |= OVER_MEMORY;
	else if (err && !enc)
		set_error(w, "%s%s%s", pdftext_strerror(err), why[0] ? ": " : "", why);
	if (notes.len)
		set_error(w, "%s", notes.ptr);
	if (lv->text.len)
		match_window(w, (const unsigned char *)lv->text.ptr, lv->text.len, 0);
	/* Pages that are pictures of text (scans); only a PDF with an image XObject
	 * (a stream, so its dictionary is never compressed) can have them. */
	if (w->ocr && err == PDFTEXT_OK && cbuf_find(data, len, "/Image", 6))
		scan_ocr(w, OCR_PDF, data, len);
out:
	cbuf_release(&notes);
}

static void scan_gzip(struct worker *w, const unsigned char *data, size_t len, int depth)
{
	z_stream z;
	struct source src;
	size_t n;

	if (depth == w->top)
		w->cur.format = "gzip";
	memset(&z, 0, sizeof(z));
	memset(&src, 0, sizeof(src));
	if (inflateInit2(&z, 15 + 16) != Z_OK) {
		w->nomem = 1;
		return;
	}
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)(len > 0xFFFFFFFFu ? 0xFFFFFFFFu : len);
	src.gz = &z;
	n = source_read(&src, w->win, w->chunk);
	stream_text(w, &src, n);
	inflateEnd(&z);
}

#define SCAN_META_MAX (64u << 10) /* a page's title and meta descriptions, an RTF's \info */

/* HTML and RTF (html.h, rtf.h): their text, and their title or \info as metadata. */
static void scan_markup(struct worker *w, const unsigned char *data, size_t len, int depth,
                        enum sniff kind)
{
	struct level *lv = &w->lv[depth];
	enum scan_part outer = w->part;
	struct cbuf meta;
	enum cbuf_err err;

	if (depth == w->top)
		w->cur.format = kind == SNIFF_RTF ? "rtf" : "html";
	/* A page in GBK is read as UTF-8, so that its character references join its text. */
	if (kind == SNIFF_HTML && html_gbk(data, len)) {
		cbuf_reset(&lv->raw);
		mem_cap(w, &lv->raw, SCAN_ENTRY_MAX);
		err = html_gbk_to_utf8(data, len, &lv->raw);
		w->nomem |= err == CBUF_NOMEM;
		if (err == CBUF_TOO_BIG && !mem_refused(w, &lv->raw, SCAN_ENTRY_MAX))
			set_error(w, "文本超过上限 text over the cap");
		data = (const unsigned char *)lv->raw.ptr;
		len = lv->raw.len;
	}
	cbuf_init(&meta, SCAN_META_MAX);
	cbuf_reset(&lv->text);
	mem_cap(w, &lv->text, SCAN_ENTRY_MAX);
	err = kind == SNIFF_RTF ? rtf_extract(data, len, &lv->text, &meta)
	                        : html_extract(data, len, &lv->text, &meta);
	w->nomem |= err == CBUF_NOMEM;
	if (err == CBUF_TOO_BIG && !mem_refused(w, &lv->text, SCAN_ENTRY_MAX))
		set_error(w, "文本超过上限 text over the cap");
	match_window(w, (const unsigned char *)lv->text.ptr, lv->text.len, 0);
	if (meta.len && outer == SCAN_PART_BODY)
		w->part = SCAN_PART_METADATA;
	match_window(w, (const unsigned char *)meta.ptr, meta.len, 0);
	w->part = outer;
	cbuf_release(&meta);
}

#define SCAN_ARCH_TOTAL 4 /* one archive unpacks at most this many times the memory budget */

static void keep_current(struct worker *w);

/* The entry that a member interrupts, restored when the member is done. */
struct member_save {
	struct scan_file cur;
	size_t hitcap;
	enum scan_part part;
	int top;
};

/*
 * Starts an entry of its own for a member of an archive or a mail,
 * "outer!name", whose container starts at depth.  -1 without memory.
 */
static int member_begin(struct worker *w, struct member_save *s, const char *name, int depth)
{
	const char *outer = w->cur.path ? w->cur.path : "";
	size_t ol = strlen(outer), nl = strlen(name);
	char *p = malloc(ol + nl + 2);

	if (!p) {
		w->nomem = 1;
		return -1;
	}
	memcpy(p, outer, ol);
	p[ol] = '!';
	memcpy(p + ol + 1, name, nl + 1);
	s->cur = w->cur;
	s->hitcap = w->hitcap;
	s->part = w->part;
	s->top = w->top;
	memset(&w->cur, 0, sizeof(w->cur));
	w->cur.path = p;
	w->cur.format = "text";
	w->hitcap = 0;
	w->part = SCAN_PART_BODY;
	w->top = depth;
	return 0;
}

/* Keeps the member's entry when it has hits, errors or encryption, and goes back to the
 * outer one.
 */
static void member_end(struct worker *w, struct member_save *s)
{
	keep_current(w);
	w->cur = s->cur;
	w->hitcap = s->hitcap;
	w->part = s->part;
	w->top = s->top;
}

/*
 * A picture inside a document with --ocr (word/media/image1.png, a BLIP of
 * a .doc): OCR reads it, its bytes are no text.  When the document is an
 * entry of its own, the picture is an entry "document!name" beside it, as
 * the member of an archive is; inside a document embedded in another, its
 * hits are the entry's.  The time it takes is the document's.
 */
static void scan_picture(struct worker *w, const char *name, size_t nl, const unsigned char *data,
                         size_t len, int depth)
{
	struct member_save save;
	char path[512];
	int own = depth == w->top;

	if (!ocr_sniff(data, len) || out_of_time(w))
		return;
	snprintf(path, sizeof(path), "%.*s", (int)(nl < 500 ? nl : 500), name);
	if (own && member_begin(w, &save, path, depth + 1))
		return;
	if (own)
		w->cur.format = ocr_sniff(data, len);
	scan_ocr(w, OCR_IMAGE, data, len);
	if (own)
		member_end(w, &save);
}

/*
 * The pictures in a stream of a .doc or .ppt (blip.h), "Pictures/1.png" ...;
 * of an .xls Workbook stream (xls), those of its drawing group.
 */
static void scan_blips(struct worker *w, const char *stream, const unsigned char *data, size_t len,
                       int xls, int depth)
{
	struct blip p;
	struct cbuf bmp, group;
	size_t pos = 0;
	unsigned n = 0;
	enum cbuf_err err;
	size_t left = w->budget_mem > mem_held(w) ? w->budget_mem - mem_held(w) : 0;

	cbuf_init(&group, left);
	if (xls) {
		err = blip_xls_group(data, len, &group);
		w->nomem |= err == CBUF_NOMEM;
		if (err == CBUF_TOO_BIG)
			w->over |= OVER_MEMORY;
		data = (const unsigned char *)group.ptr;
		len = group.len;
	}
	cbuf_init(&bmp, left > group.cap ? left - group.cap : 0);
	while (!out_of_time(w) && !w->nomem && blip_next(data, len, &pos, &p)) {
		int dib = strcmp(p.format, "dib") == 0;
		char name[128];

		snprintf(name, sizeof(name), "%.64s/%u.%s", stream, ++n, dib ? "bmp" : p.format);
		if (!dib) {
			scan_picture(w, name, strlen(name), p.data, p.len, depth);
			continue;
		}
		/* A DIB becomes a BMP file; one too big for the budget is not read. */
		cbuf_reset(&bmp);
		err = blip_dib_bmp(p.data, p.len, &bmp);
		if (err == CBUF_NOMEM)
			w->nomem = 1;
		else if (err == CBUF_TOO_BIG && bmp.max < p.len + 14)
			w->over |= OVER_MEMORY;
		else if (!err)
			scan_picture(w, name, strlen(name), (const unsigned char *)bmp.ptr, bmp.len,
			             depth);
	}
	cbuf_release(&group);
	cbuf_release(&bmp);
}

static int arch_stop(void *ctx)
{
	return out_of_time(ctx);
}

/* Notes an encrypted archive that libarchive cannot open (7z or RAR with encrypted
 * headers). */
static int arch_locked(struct worker *w, const unsigned char *data, size_t len)
{
	if (encr_is_7z(data, len) && encr_7z(data, len))
		set_encrypted(w, "7z");
	else if (arch_rar_encrypted(data, len))
		set_encrypted(w, "rar");
	else
		return 0;
	return 1;
}

/*
 * An archive through libarchive: each member is read into this level's
 * buffer (capped by the budget) and scanned as an entry of its own; a
 * compressed file that holds no archive is scanned as this entry.
 */
static void scan_archive(struct worker *w, const unsigned char *data, size_t len, int depth)
{
	struct level *lv = &w->lv[depth];
	struct arch *a = NULL;
	uint64_t left = (uint64_t)w->budget_mem * SCAN_ARCH_TOTAL;
	struct arch_need need;
	enum arch_err err;
	const char *name;
	int enc, own = depth == w->top;

	/* The decoders' own memory, as the headers state it, is refused before any is taken. */
	arch_need(data, len, w->budget_mem > mem_held(w) ? w->budget_mem - mem_held(w) : 0, &need);
	if (need.bytes + mem_held(w) > (uint64_t)w->budget_mem && !arch_locked(w, data, len)) {
		if (own)
			w->cur.format = need.format;
		w->over |= OVER_MEMORY;
		set_error(w,
		          "%s: 解码需要 %llu MiB，未解压 the decoder needs %llu MiB, not unpacked",
		          need.what, (unsigned long long)(need.bytes >> 20),
		          (unsigned long long)(need.bytes >> 20));
		return;
	}
	err = arch_open(&a, data, len);
	if (own)
		w->cur.format = err ? (encr_is_7z(data, len) ? "7z" : "archive") : arch_format(a);
	if (err == ARCH_NOMEM)
		w->nomem = 1;
	if (err) {
		if (!arch_locked(w, data, len) && err != ARCH_NOMEM)
			set_error(w, "%s%s%s", arch_strerror(err), *arch_why(a) ? ": " : "",
			          arch_why(a));
		goto out;
	}
	if (arch_locked(w, data, len))
		goto out;
	while (!out_of_time(w) && !w->nomem) {
		struct member_save save;

		memset(&save, 0, sizeof(save));
		err = arch_next(a, &name, &enc);
		if (err == ARCH_END)
			break;
		if (err) {
			set_error(w, "%s: %s", arch_strerror(err), arch_why(a));
			break;
		}
		/* The archive's own encryption: a finding of the archive. */
		if (enc) {
			set_encrypted(w, arch_format(a));
			continue;
		}
		mem_cap(w, &lv->raw, SCAN_ENTRY_MAX);
		/* Members of an archive inside a document (an OLE2 stream, a docx part)
		 * have no path of their own: their hits are the document's. */
		own = depth == w->top && !arch_raw(a);
		if (own && member_begin(w, &save, name, depth + 1))
			break;
		err = arch_read(a, &lv->raw, &left, arch_stop, w);
		if (err == ARCH_ENCRYPTED)
			set_encrypted(w, arch_format(a));
		else if (err == ARCH_TOO_BIG && !mem_refused(w, &lv->raw, SCAN_ENTRY_MAX))
			set_error(w, "%s (%u MiB)", arch_strerror(err), SCAN_ENTRY_MAX >> 20);
		else if (err == ARCH_NOMEM)
			w->nomem = 1;
		else if (err == ARCH_CORRUPT)
			set_error(w, "%s: %s", arch_strerror(err), arch_why(a));
		else if (!err)
			scan_blob(w, (const unsigned char *)lv->raw.ptr, lv->raw.len, depth + 1);
		if (own)
			member_end(w, &save);
		if (err == ARCH_TOTAL) {
			set_error(
			    w, "%s (%llu MiB)", arch_strerror(err),
			    (unsigned long long)((uint64_t)w->budget_mem * SCAN_ARCH_TOTAL >> 20));
			break;
		}
		if (err == ARCH_CORRUPT || err == ARCH_STOPPED)
			break;
	}
out:
	arch_close(a);
}

struct mail_walk {
	struct worker *w;
	int depth; /* of the message's container */
};

static int mail_text(void *ctx, const unsigned char *b, size_t n, int header)
{
	struct mail_walk *m = ctx;
	enum scan_part outer = m->w->part;

	if (header && outer == SCAN_PART_BODY)
		m->w->part = SCAN_PART_METADATA;
	match_window(m->w, b, n, 0);
	m->w->part = outer;
	return m->w->nomem || out_of_time(m->w);
}

static int mail_attachment(void *ctx, const char *name, const unsigned char *b, size_t n)
{
	struct mail_walk *m = ctx;
	struct member_save save;
	int own = m->depth == m->w->top;

	if (own && member_begin(m->w, &save, name, m->depth + 1))
		return 1;
	scan_blob(m->w, b, n, m->depth + 1);
	if (own)
		member_end(m->w, &save);
	return m->w->nomem || out_of_time(m->w);
}

static void scan_message(struct worker *w, const unsigned char *data, size_t len, int depth)
{
	struct level *lv = &w->lv[depth];
	struct mail_walk m = {w, depth};
	struct mime_sink sink = {mail_text, mail_attachment, &m};
	enum mime_err err;

	mem_cap(w, &lv->raw, SCAN_ENTRY_MAX);
	mem_cap(w, &lv->text, SCAN_ENTRY_MAX);
	err = mime_message(data, len, &lv->raw, &lv->text, &sink);
	if (err == MIME_NOMEM)
		w->nomem = 1;
	else if (err == MIME_TOO_BIG && (mem_refused(w, &lv->raw, SCAN_ENTRY_MAX) ||
	                                 mem_refused(w, &lv->text, SCAN_ENTRY_MAX)))
		;
	else if (err && err != MIME_STOPPED)
		set_error(w, "%s", mime_strerror(err));
}

/* A mail (.eml) or an mbox, whose messages are entries "box!N" of their own. */
static void scan_mail(struct worker *w, const unsigned char *data, size_t len, int depth)
{
	enum mime_kind kind = mime_sniff(data, len);
	const unsigned char *msg;
	size_t pos = 0, mlen;
	unsigned n = 0;

	if (depth == w->top)
		w->cur.format = kind == MIME_MBOX ? "mbox" : "eml";
	/* Inside a document, an mbox's messages are no entries of their own. */
	if (kind != MIME_MBOX || depth != w->top) {
		scan_message(w, data, len, depth);
		return;
	}
	while (!out_of_time(w) && !w->nomem && mime_mbox_next(data, len, &pos, &msg, &mlen)) {
		struct member_save save;
		char name[24];

		snprintf(name, sizeof(name), "%u", ++n);
		/* The message lies in the mbox's bytes: it is read at this depth. */
		if (member_begin(w, &save, name, depth))
			break;
		w->cur.format = "eml";
		scan_message(w, msg, mlen, depth);
		member_end(w, &save);
	}
}

static void scan_blob(struct worker *w, const unsigned char *data, size_t len, int depth)
{
	enum sniff kind = sniff(data, len);

	if (depth > SCAN_DEPTH && kind != SNIFF_TEXT) {
		set_error(w,
		          "容器嵌套超过 %d 层，更深的内容按原始字节扫描 containers nested deeper "
		          "than %d, the rest read as raw bytes",
		          SCAN_DEPTH, SCAN_DEPTH);
		kind = SNIFF_TEXT;
	}

	switch (kind) {
	case SNIFF_ZIP:
		scan_zip(w, data, len, depth);
		break;
	case SNIFF_OLE2:
		scan_ole2(w, data, len, depth);
		break;
	case SNIFF_PDF:
		scan_pdf(w, data, len, depth);
		break;
	case SNIFF_RTF:
	case SNIFF_HTML:
		scan_markup(w, data, len, depth, kind);
		break;
	case SNIFF_IMAGE:
		scan_image(w, data, len, depth);
		break;
	case SNIFF_7Z:
	case SNIFF_ARCH:
		scan_archive(w, data, len, depth);
		break;
	case SNIFF_MAIL:
		scan_mail(w, data, len, depth);
		break;
	case SNIFF_GZIP:
		/* The window is free unless a gzip holds this blob: nested gzip is raw. */
		if (depth == 0 && !arch_gzip_tar(data, len)) {
			scan_gzip(w, data, len, depth);
			break;
		}
		/* A tar inside, or a gzip inside a container: libarchive inflates it. */
		scan_archive(w, data, len, depth);
		break;
	case SNIFF_TEXT:
		if (depth == w->top)
			w->cur.format = "text";
		match_window(w, data, len, 0);
		break;
	}
}

/* Whether a file's name says it is an HTML page (one without a doctype is sniffed as text).
 */
static int is_html_name(const char *path)
{
	size_t n = path ? strlen(path) : 0;

	return has_suffix(path, n, ".html") || has_suffix(path, n, ".htm") ||
	       has_suffix(path, n, ".xhtml") || has_suffix(path, n, ".shtml");
}

/* A whole file in memory: HTML named so by its file name is read as HTML. */
static void scan_whole(struct worker *w, const unsigned char *data, size_t len, enum sniff kind)
{
	if (kind == SNIFF_HTML || kind == SNIFF_RTF)
		scan_markup(w, data, len, 0, kind);
	else
		scan_blob(w, data, len, 0);
}

/* Scans one source: plain text streams through the window, containers are read whole. */
static void scan_source(struct worker *w, struct source *src, uint64_t size)
{
	size_t n = source_read(src, w->win, w->chunk);
	enum sniff kind = sniff(w->win, n);

	if (kind == SNIFF_TEXT && is_html_name(w->cur.path))
		kind = SNIFF_HTML;
	/* Markup too large to hold is matched as it is. */
	if ((kind == SNIFF_HTML || kind == SNIFF_RTF) && size > SCAN_CONTAINER_MAX)
		kind = SNIFF_TEXT;
	/* Without --ocr an image is bytes like text, as it always was. */
	if (kind == SNIFF_TEXT || (kind == SNIFF_IMAGE && !w->ocr)) {
		w->cur.format = kind == SNIFF_TEXT ? "text" : ocr_sniff(w->win, n);
		stream_text(w, src, n);
		return;
	}
	if (src->mem) {
		scan_whole(w, src->mem, src->memlen, kind);
		return;
	}
	/* A container that fits in the window is read no further (most documents):
	 * only gzip needs the window for its output. */
	if (kind != SNIFF_GZIP && n < w->chunk) {
		size_t r = source_read(src, w->win + n, w->chunk - n);

		if (r == 0) {
			if (src->error)
				set_error(w, "%s", src->error);
			scan_whole(w, w->win, n, kind);
			return;
		}
		n += r;
	}
	mem_cap(w, &w->whole, SCAN_CONTAINER_MAX);
	if (size > w->whole.max) {
		w->cur.format = kind == SNIFF_ZIP    ? "zip"
		                : kind == SNIFF_OLE2 ? "ole2"
		                : kind == SNIFF_PDF  ? "pdf"
		                : kind == SNIFF_RTF  ? "rtf"
		                : kind == SNIFF_HTML ? "html"
		                : kind == SNIFF_7Z   ? "7z"
		                : kind == SNIFF_ARCH ? "archive"
		                : kind == SNIFF_MAIL ? "mail"
		                                     : "gzip";
		if (kind == SNIFF_IMAGE)
			w->cur.format = ocr_sniff(w->win, n);
		if (!mem_refused(w, &w->whole, SCAN_CONTAINER_MAX))
			set_error(w, "文件超过 %u MiB 上限 file over the %u MiB cap",
			          SCAN_CONTAINER_MAX >> 20, SCAN_CONTAINER_MAX >> 20);
		/* A big mbox or tar still holds its plain text as it is: read as text. */
		if (kind == SNIFF_MAIL || kind == SNIFF_ARCH) {
			set_error(w, "按原始字节扫描 read as raw bytes");
			stream_text(w, src, n);
		}
		return;
	}
	cbuf_reset(&w->whole);
	/* The file may have grown since it was measured. */
	if (cbuf_reserve(&w->whole, ((size_t)size > n ? (size_t)size : n) + 1)) {
		w->nomem = 1;
		return;
	}
	memcpy(w->whole.ptr, w->win, n);
	w->whole.len = n;
	for (;;) {
		size_t room = w->whole.max - w->whole.len, r;

		if (cbuf_reserve(&w->whole, room < (1u << 20) ? room : (1u << 20)))
			break;
		r = source_read(src, (unsigned char *)w->whole.ptr + w->whole.len,
		                w->whole.cap - 1 - w->whole.len);
		if (r == 0)
			break;
		w->whole.len += r;
	}
	if (src->error)
		set_error(w, "%s", src->error);
	scan_whole(w, (const unsigned char *)w->whole.ptr, w->whole.len, kind);
}

static int worker_init(struct worker *w, struct scan_engine *eng, size_t chunk)
{
	const struct kw_set *ks = eng->ks;
	int i;

	memset(w, 0, sizeof(*w));
	w->dir_fd = -1;
	w->ks = ks;
	w->eng = eng;
	w->chunk = chunk;
	w->win = malloc(chunk + ks->maxlen + SCAN_GBK_SLACK + 16);
	w->budget_s = SCAN_FILE_TIMEOUT;
	w->budget_mem = SCAN_FILE_MEMORY;
	cbuf_init(&w->whole, SCAN_CONTAINER_MAX);
	for (i = 0; i <= SCAN_DEPTH; i++) {
		cbuf_init(&w->lv[i].raw, SCAN_ENTRY_MAX);
		cbuf_init(&w->lv[i].text, SCAN_ENTRY_MAX);
	}
	w->dec = libdeflate_alloc_decompressor();
	if (!w->win || !w->dec || scan_scratch_new(eng, &w->ms) != MATCH_OK)
		return -1;
	return 0;
}

static void worker_release(struct worker *w)
{
	int i;
	size_t k;

	free(w->win);
	if (w->dir_fd >= 0)
		close(w->dir_fd);
	free(w->dir_path);
	for (i = 0; i < SCAN_MEMO; i++) {
		free(w->memo[i].data);
		free(w->memo[i].text);
	}
	cbuf_release(&w->whole);
	for (i = 0; i <= SCAN_DEPTH; i++) {
		cbuf_release(&w->lv[i].raw);
		cbuf_release(&w->lv[i].text);
	}
	if (w->dec)
		libdeflate_free_decompressor(w->dec);
	scan_scratch_free(w->ms);
	scan_file_release(&w->cur);
	for (k = 0; k < w->nfiles; k++)
		scan_file_release(&w->files[k]);
	free(w->files);
}

/* Keeps the current file in the worker's list when it has hits or an error. */
static void keep_current(struct worker *w)
{
	if (w->cur.nhits == 0 && !w->cur.error && !w->cur.encrypted) {
		scan_file_release(&w->cur);
		w->hitcap = 0;
		return;
	}
	if (w->nfiles == w->fcap) {
		size_t ncap = w->fcap ? w->fcap * 2 : 16;
		struct scan_file *p = realloc(w->files, ncap * sizeof(*p));

		if (!p) {
			w->nomem = 1;
			scan_file_release(&w->cur);
			w->hitcap = 0;
			return;
		}
		w->files = p;
		w->fcap = ncap;
	}
	w->files[w->nfiles++] = w->cur;
	memset(&w->cur, 0, sizeof(w->cur));
	w->hitcap = 0;
}

/*
 * Opens a file by its name in its directory, which the worker keeps open for
 * the next file: the walker queues a directory's files one after another,
 * and looking up one name instead of every component of the path saves a
 * good part of the kernel's time per small file.  Anything else (a bare
 * name, a directory that cannot be opened) is opened by its path.
 */
static int open_file(struct worker *w, const char *path)
{
	const int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
	const char *slash = strrchr(path, '/');
	size_t dl;
	int fd;

	if (!slash || slash == path || slash[1] == '\0')
		return open(path, flags);
	dl = (size_t)(slash - path);
	if (!w->dir_tried || dl != w->dir_len || memcmp(path, w->dir_path, dl) != 0) {
		if (w->dir_fd >= 0)
			close(w->dir_fd);
		w->dir_fd = -1;
		w->dir_tried = 0;
		if (dl + 1 > w->dir_cap) {
			char *p = realloc(w->dir_path, dl + 1);

			if (!p)
				return open(path, flags);
			w->dir_path = p;
			w->dir_cap = dl + 1;
		}
		memcpy(w->dir_path, path, dl);
		w->dir_path[dl] = '\0';
		w->dir_len = dl;
		/* A directory that cannot be opened (execute-only) is tried once. */
		w->dir_fd = open(w->dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		w->dir_tried = 1;
	}
	if (w->dir_fd < 0)
		return open(path, flags);
	fd = openat(w->dir_fd, slash + 1, flags);
	/* The directory was renamed or replaced since it was opened: the path decides. */
	if (fd < 0 && (errno == ENOENT || errno == ENOTDIR))
		fd = open(path, flags);
	return fd;
}

static void scan_path(struct worker *w, char *path)
{
	struct source src;
	struct stat st;

	memset(&src, 0, sizeof(src));
	w->cur.path = path;
	w->cur.format = "text";
	budget_start(w);
	src.fd = open_file(w, path);
	if (src.fd < 0) {
		set_error(w, "无法打开 cannot open: %s", strerror(errno));
		goto out;
	}
	if (fstat(src.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		set_error(w, "不是普通文件 not a regular file");
		goto out;
	}
	src.size = (uint64_t)st.st_size;
	scan_source(w, &src, (uint64_t)st.st_size);
	budget_report(w);
	if (w->sh)
		atomic_fetch_add(&w->sh->bytes, (uint64_t)st.st_size);
out:
	if (src.fd >= 0)
		close(src.fd);
	if (w->sh) {
		atomic_fetch_add(&w->sh->files, 1);
		if (w->cur.nhits)
			atomic_fetch_add(&w->sh->hit_files, 1);
	}
	keep_current(w);
}

static void queue_push(struct queue *q, char *path)
{
	pthread_mutex_lock(&q->mu);
	while (q->count == SCAN_QUEUE) {
		q->push_waiting = 1;
		pthread_cond_wait(&q->not_full, &q->mu);
	}
	q->items[(q->head + q->count) % SCAN_QUEUE] = path;
	q->count++;
	if (q->pop_waiting)
		pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->mu);
}

static char *queue_pop(struct queue *q)
{
	char *p = NULL;

	pthread_mutex_lock(&q->mu);
	while (q->count == 0 && !q->done) {
		q->pop_waiting++;
		pthread_cond_wait(&q->not_empty, &q->mu);
		q->pop_waiting--;
	}
	if (q->count) {
		p = q->items[q->head];
		q->head = (q->head + 1) % SCAN_QUEUE;
		q->count--;
		if (q->push_waiting && q->count <= SCAN_QUEUE / 2) {
			q->push_waiting = 0;
			pthread_cond_signal(&q->not_full);
		}
	}
	pthread_mutex_unlock(&q->mu);
	return p;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	char *path;

	while ((path = queue_pop(&w->sh->q)) != NULL)
		scan_path(w, path);
	return NULL;
}

/* Adds an error entry found while walking (a directory that cannot be read). */
static void walk_error(struct worker *w, const char *path, const char *why)
{
	int e = errno;

	w->cur.path = strdup(path);
	w->cur.format = "directory";
	if (!w->cur.path) {
		w->nomem = 1;
		return;
	}
	set_error(w, "%s: %s", why, strerror(e));
	keep_current(w);
}

static void walk(struct shared *sh, struct worker *errs, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t dl = strlen(dir);

	if (!d) {
		walk_error(errs, dir, "无法打开目录 cannot open directory");
		return;
	}
	while ((de = readdir(d)) != NULL) {
		char *p;
		int type = de->d_type;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = malloc(dl + strlen(de->d_name) + 2);
		if (!p) {
			errs->nomem = 1;
			break;
		}
		memcpy(p, dir, dl);
		p[dl] = '/';
		strcpy(p + dl + 1 - (dl && dir[dl - 1] == '/'), de->d_name);
		if (type == DT_UNKNOWN) {
			struct stat st;

			type = lstat(p, &st) != 0    ? DT_UNKNOWN
			       : S_ISDIR(st.st_mode) ? DT_DIR
			       : S_ISREG(st.st_mode) ? DT_REG
			                             : DT_UNKNOWN;
		}
		if (type == DT_DIR) {
			walk(sh, errs, p);
			free(p);
		} else if (type == DT_REG) {
			scan_engine_expect(sh->eng, p);
			queue_push(&sh->q, p);
		} else {
			free(p); /* links, devices, sockets: not followed */
		}
	}
	closedir(d);
}

static void *progress_main(void *arg)
{
	struct shared *sh = arg;
	struct timespec ts = {0, 200 * 1000 * 1000};

	while (!atomic_load(&sh->finished)) {
		fprintf(stderr,
		        "\r扫描中 scanning: %llu 文件 files, %.1f MiB, %llu 命中文件 files "
		        "with hits ",
		        (unsigned long long)atomic_load(&sh->files),
		        (double)atomic_load(&sh->bytes) / (1024.0 * 1024.0),
		        (unsigned long long)atomic_load(&sh->hit_files));
		nanosleep(&ts, NULL);
	}
	fprintf(stderr, "\r\033[K");
	return NULL;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct scan_file *)a)->path, ((const struct scan_file *)b)->path);
}

static int cmp_hit(const void *a, const void *b)
{
	const struct scan_hit *x = a, *y = b;

	if (x->kw != y->kw)
		return x->kw < y->kw ? -1 : 1;
	if (x->enc != y->enc)
		return (int)x->enc - (int)y->enc;
	if (x->part != y->part)
		return (int)x->part - (int)y->part;
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->ocr - y->ocr;
}

static enum scan_err collect(struct scan_result *res, struct worker *w)
{
	size_t k;

	if (w->nfiles) {
		struct scan_file *p =
		    realloc(res->files, (res->nfiles + w->nfiles) * sizeof(*res->files));

		if (!p)
			return SCAN_NOMEM;
		res->files = p;
		for (k = 0; k < w->nfiles; k++) {
			struct scan_file *f = &w->files[k];

			if (f->nhits > 1)
				qsort(f->hits, f->nhits, sizeof(*f->hits), cmp_hit);
			res->files[res->nfiles++] = *f;
		}
		w->nfiles = 0;
	}
	res->text_bytes += w->text_bytes;
	return w->nomem ? SCAN_NOMEM : SCAN_OK;
}

enum scan_err scan_run(const struct kw_set *ks, const struct scan_opts *opts,
                       struct scan_result *res, char *why, size_t whylen)
{
	struct shared sh;
	struct worker *ws = NULL, errs;
	struct scan_engine eng;
	size_t i;
	unsigned jobs = opts->jobs ? opts->jobs : 1, started = 0;
	pthread_t prog;
	int prog_on = 0, errs_on = 0;
	struct timespec t0, t1;
	enum scan_err err = SCAN_OK;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&sh, 0, sizeof(sh));
	scan_result_init(res);
	if (whylen)
		why[0] = '\0';
	/* Every path must exist before anything starts. */
	for (i = 0; i < opts->npaths; i++) {
		struct stat st;

		if (stat(opts->paths[i], &st) != 0) {
			snprintf(why, whylen, "%s: %s", opts->paths[i], strerror(errno));
			return SCAN_BAD_PATH;
		}
	}
	/* --ocr that cannot run says so once, not once per image. */
	if (opts->ocr && ocr_check(opts->ocr_lang, why, whylen) != OCR_OK)
		return SCAN_OCR;
	err = scan_engine_init(&eng, ks, opts->engine, opts->engine_flags);
	if (err) {
		if (err == SCAN_ENGINE)
			snprintf(why, whylen, "无法建立匹配引擎 cannot build the matcher (%s)",
			         opts->engine == MATCH_HS ? "hyperscan" : "aho-corasick");
		goto out;
	}
	sh.q.items = malloc(SCAN_QUEUE * sizeof(char *));
	ws = calloc(jobs, sizeof(*ws));
	if (!sh.q.items || !ws) {
		err = SCAN_NOMEM;
		goto out;
	}
	res->jobs = jobs;
	sh.eng = &eng;
	pthread_mutex_init(&sh.q.mu, NULL);
	pthread_cond_init(&sh.q.not_empty, NULL);
	pthread_cond_init(&sh.q.not_full, NULL);
	if (worker_init(&errs, &eng, 4096)) {
		err = SCAN_NOMEM;
		goto out_sync;
	}
	errs_on = 1;
	for (started = 0; started < jobs; started++) {
		if (worker_init(&ws[started], &eng, SCAN_CHUNK)) {
			worker_release(&ws[started]);
			err = SCAN_NOMEM;
			break;
		}
		ws[started].sh = &sh;
		if (opts->file_timeout > 0)
			ws[started].budget_s = opts->file_timeout;
		if (opts->file_memory > 0)
			ws[started].budget_mem = opts->file_memory;
		ws[started].ocr = opts->ocr;
		ws[started].ocr_dpi = opts->ocr_dpi;
		ws[started].ocr_lang = opts->ocr_lang;
		if (pthread_create(&ws[started].thread, NULL, worker_main, &ws[started])) {
			worker_release(&ws[started]);
			err = SCAN_NOMEM;
			break;
		}
	}
	if (opts->progress && pthread_create(&prog, NULL, progress_main, &sh) == 0)
		prog_on = 1;
	for (i = 0; started && i < opts->npaths; i++) {
		struct stat st;
		char *p;

		if (stat(opts->paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			walk(&sh, &errs, opts->paths[i]);
			continue;
		}
		p = strdup(opts->paths[i]);
		if (p) {
			scan_engine_expect(&eng, p);
			queue_push(&sh.q, p);
		}
	}
	pthread_mutex_lock(&sh.q.mu);
	sh.q.done = 1;
	pthread_cond_broadcast(&sh.q.not_empty);
	pthread_mutex_unlock(&sh.q.mu);
	for (i = 0; i < started; i++) {
		pthread_join(ws[i].thread, NULL);
		if (collect(res, &ws[i]))
			err = SCAN_NOMEM;
	}
	res->engine = scan_engine_name(&eng);
	/* The full database, built late, could not be: the scan is not whole. */
	if (atomic_load(&eng.all_state) < 0 && !err) {
		err = eng.all_err == MATCH_NOMEM ? SCAN_NOMEM : SCAN_ENGINE;
		if (err == SCAN_ENGINE)
			snprintf(why, whylen, "无法建立匹配引擎 cannot build the matcher (%s)",
			         eng.kind == MATCH_HS ? "hyperscan" : "aho-corasick");
	}
	atomic_store(&sh.finished, 1);
	if (prog_on)
		pthread_join(prog, NULL);
	if (collect(res, &errs))
		err = SCAN_NOMEM;
	if (res->nfiles > 1)
		qsort(res->files, res->nfiles, sizeof(*res->files), cmp_file);
	res->files_scanned = atomic_load(&sh.files);
	res->bytes_scanned = atomic_load(&sh.bytes);
	for (i = 0; i < res->nfiles; i++) {
		size_t k;

		if (res->files[i].nhits)
			res->files_with_hits++;
		if (res->files[i].error)
			res->files_with_errors++;
		if (res->files[i].encrypted)
			res->files_encrypted++;
		for (k = 0; k < res->files[i].nhits; k++)
			res->hits_total += res->files[i].hits[k].count;
	}
out_sync:
	for (i = 0; i < started; i++)
		worker_release(&ws[i]);
	if (errs_on)
		worker_release(&errs);
	pthread_mutex_destroy(&sh.q.mu);
	pthread_cond_destroy(&sh.q.not_empty);
	pthread_cond_destroy(&sh.q.not_full);
out:
	free(ws);
	free(sh.q.items);
	scan_engine_release(&eng);
	pdftext_shutdown();
	ocr_shutdown();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	res->elapsed = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return err;
}

enum scan_err scan_buffer(struct scan_engine *e, const unsigned char *data, size_t len,
                          struct scan_file *out)
{
	return scan_buffer_budget(e, data, len, 0, 0, out);
}

enum scan_err scan_buffer_budget(struct scan_engine *e, const unsigned char *data, size_t len,
                                 double seconds, size_t memory, struct scan_file *out)
{
	struct worker w;
	struct source src;
	enum scan_err err = SCAN_OK;

	memset(out, 0, sizeof(*out));
	memset(&src, 0, sizeof(src));
	/* A small window, so that tests cross window edges. */
	if (worker_init(&w, e, 4096)) {
		worker_release(&w);
		return SCAN_NOMEM;
	}
	src.fd = -1;
	src.mem = data;
	src.memlen = len;
	w.cur.format = "text";
	if (seconds > 0)
		w.budget_s = seconds;
	if (memory > 0)
		w.budget_mem = memory;
	budget_start(&w);
	scan_source(&w, &src, len);
	budget_report(&w);
	if (w.cur.nhits > 1)
		qsort(w.cur.hits, w.cur.nhits, sizeof(*w.cur.hits), cmp_hit);
	if (w.nomem)
		err = SCAN_NOMEM;
	*out = w.cur;
	memset(&w.cur, 0, sizeof(w.cur));
	worker_release(&w);
	return err;
}

static enum cbuf_err file_hits_json(const struct scan_file *f, const struct kw_set *ks,
                                    struct cbuf *o, int *first)
{
	enum cbuf_err err = CBUF_OK;
	size_t k;

	for (k = 0; k < f->nhits && !err; k++) {
		const struct scan_hit *h = &f->hits[k];

		err = cbuf_puts(o, *first ? "\n    {" : ",\n    {");
		*first = 0;
		if (!err)
			err = jw_key(o, "path");
		if (!err)
			err = jw_cstr(o, f->path);
		if (!err)
			err = cbuf_printf(o,
			                  ",\"format\":\"%s\",\"encoding\":\"%s\",\"part\":"
			                  "\"%s\",\"keyword\":",
			                  f->format, kw_enc_name(h->enc), scan_part_name(h->part));
		if (!err)
			err = jw_cstr(o, ks->words[h->kw]);
		if (!err && h->page)
			err = cbuf_printf(o, "%s,\"page\":%u", h->ocr ? ",\"ocr\":true" : "",
			                  h->page);
		if (!err)
			err = cbuf_printf(
			    o, ",\"count\":%llu,\"context\":", (unsigned long long)h->count);
		if (!err)
			err = jw_cstr(o, h->context ? h->context : "");
		if (!err)
			err = cbuf_putc(o, '}');
	}
	return err;
}

enum cbuf_err scan_result_json(const struct scan_result *r, const struct kw_set *ks, struct cbuf *o)
{
	enum cbuf_err err;
	size_t i;
	int first = 1;

	err = cbuf_printf(
	    o,
	    "{\n  \"version\":1,\n  \"engine\":\"%s\",\n  \"jobs\":%u,\n"
	    "  \"keywords\":%zu,\n  \"files_scanned\":%llu,\n  \"bytes_scanned\":%llu,\n"
	    "  \"text_bytes\":%llu,\n  \"elapsed_seconds\":%.3f,\n"
	    "  \"files_with_hits\":%llu,\n  \"hits_total\":%llu,\n"
	    "  \"files_with_errors\":%llu,\n  \"files_encrypted\":%llu,\n  \"hits\":[",
	    r->engine ? r->engine : "", r->jobs, ks->nwords, (unsigned long long)r->files_scanned,
	    (unsigned long long)r->bytes_scanned, (unsigned long long)r->text_bytes, r->elapsed,
	    (unsigned long long)r->files_with_hits, (unsigned long long)r->hits_total,
	    (unsigned long long)r->files_with_errors, (unsigned long long)r->files_encrypted);
	for (i = 0; i < r->nfiles && !err; i++)
		err = file_hits_json(&r->files[i], ks, o, &first);
	if (!err)
		err = cbuf_puts(o, first ? "],\n  \"errors\":[" : "\n  ],\n  \"errors\":[");
	first = 1;
	for (i = 0; i < r->nfiles && !err; i++) {
		const struct scan_file *f = &r->files[i];

		if (!f->error)
			continue;
		err = cbuf_puts(o, first ? "\n    {\"path\":" : ",\n    {\"path\":");
		first = 0;
		if (!err)
			err = jw_cstr(o, f->path);
		if (!err)
			err = cbuf_printf(o, ",\"format\":\"%s\",\"reason\":", f->format);
		if (!err)
			err = jw_cstr(o, f->error);
		if (!err)
			err = cbuf_putc(o, '}');
	}
	if (!err)
		err = cbuf_puts(o, first ? "],\n  \"encrypted\":[" : "\n  ],\n  \"encrypted\":[");
	first = 1;
	for (i = 0; i < r->nfiles && !err; i++) {
		const struct scan_file *f = &r->files[i];

		if (!f->encrypted)
			continue;
		err = cbuf_puts(o, first ? "\n    {\"path\":" : ",\n    {\"path\":");
		first = 0;
		if (!err)
			err = jw_cstr(o, f->path);
		if (!err)
			err = cbuf_printf(o, ",\"format\":\"%s\"}", f->encrypted);
	}
	if (!err)
		err = cbuf_puts(o, first ? "]\n}" : "\n  ]\n}");
	return err;
}

enum cbuf_err scan_result_text(const struct scan_result *r, const struct kw_set *ks, struct cbuf *o)
{
	enum cbuf_err err = CBUF_OK;
	size_t i, k;

	for (i = 0; i < r->nfiles && !err; i++) {
		const struct scan_file *f = &r->files[i];

		for (k = 0; k < f->nhits && !err; k++) {
			const struct scan_hit *h = &f->hits[k];
			char ocr[48] = "";

			if (h->page)
				snprintf(ocr, sizeof(ocr), ", %s第 %u 页 page %u",
				         h->ocr ? "OCR " : "", h->page, h->page);
			err =
			    cbuf_printf(o,
			                "命中 HIT   %s [%s, %s, %s%s] 关键词 "
			                "keyword「%s」×%llu  …%s…\n",
			                f->path, f->format, kw_enc_name(h->enc),
			                scan_part_name(h->part), ocr, ks->words[h->kw],
			                (unsigned long long)h->count, h->context ? h->context : "");
		}
		if (!err && f->encrypted)
			err = cbuf_printf(o,
			                  "加密 ENCRYPTED %s [%s]: 文件已加密，无法检查内容 "
			                  "encrypted, its content cannot be checked\n",
			                  f->path, f->encrypted);
		if (!err && f->error)
			err = cbuf_printf(o, "无法解析 UNREADABLE %s [%s]: %s\n", f->path,
			                  f->format, f->error);
	}
	if (!err)
		err = cbuf_printf(
		    o,
		    "扫描 %llu 个文件 (%.1f MiB)，用时 %.2f 秒，%llu 个文件命中 %llu "
		    "处，%llu "
		    "个文件已加密，%llu 个文件无法解析。\n"
		    "Scanned %llu files (%.1f MiB) in %.2f s with %s on %u threads: %llu "
		    "hits in "
		    "%llu files, %llu files encrypted, %llu files could not be read.\n",
		    (unsigned long long)r->files_scanned, (double)r->bytes_scanned / 1048576.0,
		    r->elapsed, (unsigned long long)r->files_with_hits,
		    (unsigned long long)r->hits_total, (unsigned long long)r->files_encrypted,
		    (unsigned long long)r->files_with_errors, (unsigned long long)r->files_scanned,
		    (double)r->bytes_scanned / 1048576.0, r->elapsed, r->engine ? r->engine : "",
		    r->jobs, (unsigned long long)r->hits_total,
		    (unsigned long long)r->files_with_hits, (unsigned long long)r->files_encrypted,
		    (unsigned long long)r->files_with_errors);
	return err;
}
