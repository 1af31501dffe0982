/*
 * scan — the keyword scan: walk paths, read files, find keywords.
 *
 * The calling thread walks the paths and feeds a bounded queue of file
 * names; `jobs` worker threads take files from it, each with its own match
 * scratch and large reused buffers (no process or allocation per file on
 * the plain-text path).  A worker sniffs the format from the first bytes:
 * zip (docx/xlsx/pptx/odt/ods/odp, entries inflated, XML stripped, runs
 * joined; package parts that hold no text skipped), OLE2 (.doc/.xls/.ppt/.wps
 * streams reassembled; the text records of Excel and PowerPoint, metadata and
 * macros as their own part; fonts, styles and pictures skipped), PDF (poppler),
 * OFD (ofd.h), RTF (rtf.h) and HTML (html.h, also by a .html/.htm name),
 * gzip (inflated as a stream), with --ocr images, image-only PDF pages and
 * the pictures inside documents (Tesseract, ocr.h; blip.h), and anything
 * else as plain text read in windows that overlap by the longest pattern,
 * so no match is lost at a window edge.  Containers nest (a docx inside a
 * zip is read as a docx).
 * Archives (zip that is no document, tar, 7z, rar: arch.h) and mail (.eml,
 * mbox: mime.h) are read member by member, and each member is an entry of
 * its own in the result, its path "archive!member" ("a.zip!b.tar!c.txt",
 * "mail.eml!附件.docx", "box.mbox!3!x.xls"); the archive's entry keeps its
 * own format, encryption and errors.
 * Only files with hits, errors or encryption are kept in the result.
 *
 * Every file is read under a budget of time and memory (scan_opts): the
 * in-process extractors (zip, OLE2, XML, gzip) check the deadline between
 * entries, streams and windows and size their buffers to what the budget
 * leaves; PDF goes to a worker process held to the same budget (pdftext.h).
 * A file over budget is listed under errors with a reason that starts with
 * "timeout" or "memory", and the scan goes on.  Each thread holds one file,
 * so `jobs` threads never hold more than `jobs` budgets.
 */
#ifndef BAOMI_CHECK_SCAN_H
#define BAOMI_CHECK_SCAN_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "cbuf.h"
#include "kw.h"
#include "match.h"

enum scan_err {
	SCAN_OK = 0,
	SCAN_BAD_PATH, /* a path given on the command line cannot be read */
	SCAN_ENGINE,   /* the matcher could not be built */
	SCAN_NOMEM,
	SCAN_OCR, /* --ocr was asked for and cannot run here (why says what to install) */
};

struct scan_opts {
	const char *const *paths;
	size_t npaths;
	unsigned jobs;
	enum match_engine engine;
	unsigned engine_flags; /* enum scan_engine_flags */
	int progress;          /* draw a progress line on stderr */
	double file_timeout;   /* seconds per file; 0: SCAN_FILE_TIMEOUT */
	size_t file_memory;    /* bytes per file; 0: SCAN_FILE_MEMORY */
	int ocr;               /* read text in images and image-only PDF pages (ocr.h) */
	unsigned ocr_dpi;      /* resolution PDF pages are rendered at; 0: OCR_DPI */
	const char *ocr_lang;  /* Tesseract's models, "chi_sim+eng"; NULL: OCR_LANGS */
};

#define SCAN_FILE_TIMEOUT 10.0               /* default per-file time budget, seconds */
#define SCAN_FILE_MEMORY ((size_t)256 << 20) /* default per-file memory budget */

/*
 * Where in a document a hit is: its text, its metadata (OOXML docProps, ODF
 * meta.xml, OLE2 property sets) or its macros (VBA, ODF Basic).
 */
enum scan_part {
	SCAN_PART_BODY = 0,
	SCAN_PART_METADATA,
	SCAN_PART_MACRO,
};

const char *scan_part_name(enum scan_part part); /* body, metadata, macro */

struct scan_hit {
	unsigned kw;
	enum kw_enc enc;
	enum scan_part part;
	unsigned page; /* 0, or the page as a reader numbers it: an OFD page, or one OCR read */
	int ocr;       /* read by OCR from the page's image (ocr: true) */
	uint64_t count;
	char *context; /* UTF-8, around the first occurrence */
};

struct scan_file {
	char *path; /* a file, or a member of one: "archive.zip!dir/file.docx" */
	const char *format;
	char *error; /* why (part of) the file could not be read, or NULL */
	/* The format of an encrypted document in the file (the file itself or
	 * one inside it): doc, xls, ppt, docx (OOXML in an OLE2 container), odt,
	 * pdf, zip, 7z …; NULL when none.  Not an error: a finding. */
	const char *encrypted;
	struct scan_hit *hits;
	size_t nhits;
};

struct scan_result {
	struct scan_file *files; /* sorted by path */
	size_t nfiles;
	uint64_t files_scanned;
	uint64_t bytes_scanned; /* bytes of the files on disk */
	uint64_t text_bytes;    /* bytes given to the matcher */
	uint64_t files_with_hits;
	uint64_t hits_total;
	uint64_t files_with_errors;
	uint64_t files_encrypted;
	double elapsed;
	const char *engine;
	unsigned jobs;
};

/*
 * The keyword set compiled for matching: one database with the UTF-8,
 * GB18030 and UTF-16LE forms, and one with the forms that can occur in a
 * UTF-8 window (u8text.h), which is all a window that is UTF-8 text needs.
 * Both give the same hits.  The forms of the other legacy encodings are
 * matched in a second pass, only over text in that encoding (lenc.h).  The
 * UTF-8 database is built first; the full one when the first window that is
 * not UTF-8 needs it (a scan of docx files never does), since compiling it
 * is most of a short scan's start-up.  With Hyperscan, an Aho-Corasick copy
 * of the UTF-8 database, built in a few milliseconds, matches first: the
 * workers start at once, and the hits are the same whichever matched
 * (match.h).  Hyperscan matches long text faster, but its compile costs as
 * much CPU as matching tens of megabytes with the copy; it is compiled on a
 * thread of its own once the scan shows it will pay: when the walker has
 * seen files that may be long plain text (scan_engine_expect), or the copy
 * has matched SCAN_HS_AFTER bytes.  A scan of office documents, whose text
 * is short, is often over before that.
 */
struct scan_engine {
	const struct kw_set *ks;
	enum match_engine kind;
	int windowed;             /* windows are classified: utf8 (or utf8_ac) serves UTF-8 ones */
	struct match_db *utf8;    /* once utf8_state is 1 */
	struct match_db *utf8_ac; /* Aho-Corasick copy matching until then (NULL: none) */
	unsigned char *utf8_keep; /* the patterns of utf8, for the thread compiling it */
	atomic_int utf8_state;    /* 0 not built, 1 built, -1 could not be (utf8_ac goes on) */
	atomic_int utf8_started;  /* the thread compiling utf8 has been started */
	atomic_ullong ac_bytes;   /* bytes utf8_ac has matched */
	pthread_t utf8_thread;    /* compiling utf8 (utf8_thread_on) */
	atomic_int utf8_thread_on;
	unsigned *utf8_pat;   /* id in utf8 -> pattern index in ks */
	struct match_db *all; /* once all_state is 1 */
	unsigned *all_pat;    /* id in all -> pattern index in ks */
	atomic_int all_state; /* 0 not built, 1 built, -1 could not be built */
	pthread_mutex_t mu;
	pthread_t early;        /* building `all` ahead of need (scan_engine_expect) */
	atomic_int expected;    /* early has been started */
	enum match_err all_err; /* why `all` could not be built */
	unsigned maybe_other;   /* files seen that may not be UTF-8 (the walker's count) */
	int hinted;             /* maybe_other reached SCAN_EXPECT_AFTER */
	/* The forms of the other legacy encodings (Big5, EUC-KR, Shift-JIS,
	 * EUC-JP, EUC-TW, Johab, the ISO-2022 ones), and the traditional UTF-16LE
	 * and (for text that is not a UTF-8 window) UTF-8 forms (at KW_UTF16LE,
	 * KW_UTF8), one database each, built when the first text in that
	 * encoding comes (legacy_state 1; -1 could not be built; NULL: no
	 * keyword has a form there). */
	struct match_db *legacy[KW_NENC];
	unsigned *legacy_pat[KW_NENC];
	atomic_int legacy_state[KW_NENC];
	enum match_err legacy_err[KW_NENC];
};

/* One thread's scratch for matching, usable with both databases. */
struct scan_scratch;

enum scan_engine_flags {
	SCAN_ENGINE_ALL_FORMS = 1, /* never the smaller set: for tests and the ceiling */
};

enum scan_err scan_engine_init(struct scan_engine *e, const struct kw_set *ks,
                               enum match_engine engine, unsigned flags);
void scan_engine_release(struct scan_engine *e);
/* Compiles the UTF-8 database if it is not, and waits until it is (for timing the
 * matcher alone, and for tests): only while no worker matches with e. */
void scan_engine_wait(struct scan_engine *e);
/* "hyperscan" once a Hyperscan database has been built, else "aho-corasick". */
const char *scan_engine_name(const struct scan_engine *e);
/* Builds the full database now if it is not yet (for timing the matcher alone). */
enum match_err scan_engine_build_all(struct scan_engine *e);
/*
 * Says that a file is coming (the walker calls it).  Once 16 files whose
 * names say they may not be UTF-8 text have come (office documents and PDF
 * give UTF-8), the full database is built on a thread of its own, beside
 * the workers, rather than when a worker first needs it and waits; such
 * files may be long, so Hyperscan's UTF-8 database starts compiling too.
 */
void scan_engine_expect(struct scan_engine *e, const char *path);
enum match_err scan_scratch_new(const struct scan_engine *e, struct scan_scratch **out);
void scan_scratch_free(struct scan_scratch *s);
/*
 * Matches buf[0..len) with the patterns that can occur in it; fn gets
 * pattern indexes of e->ks and end offsets.
 */
enum match_err scan_engine_match(struct scan_engine *e, struct scan_scratch *s,
                                 const unsigned char *buf, size_t len, match_fn fn, void *ctx);
/* Whether the last window scan_engine_match matched was UTF-8 (-1: it did not look). */
int scan_scratch_utf8(const struct scan_scratch *s);
/* Matches buf[0..len) with the forms of enc (KW_BIG5 ... KW_EUCJP; KW_UTF16LE, KW_UTF8:
 * the traditional UTF-16LE, UTF-8 forms) alone. */
enum match_err scan_engine_match_legacy(struct scan_engine *e, struct scan_scratch *s,
                                        enum kw_enc enc, const unsigned char *buf, size_t len,
                                        match_fn fn, void *ctx);

void scan_result_init(struct scan_result *r);
void scan_result_release(struct scan_result *r);
/*
 * Scans opts->paths for the keywords of ks.  On SCAN_BAD_PATH, why names the
 * path and the reason.
 */
enum scan_err scan_run(const struct kw_set *ks, const struct scan_opts *opts,
                       struct scan_result *res, char *why, size_t whylen);
/* Appends the result as one JSON object. */
enum cbuf_err scan_result_json(const struct scan_result *r, const struct kw_set *ks,
                               struct cbuf *out);
/* Appends a report for people (Chinese first, then English). */
enum cbuf_err scan_result_text(const struct scan_result *r, const struct kw_set *ks,
                               struct cbuf *out);

/*
 * Scans one in-memory file as a worker would; for tests and fuzzing.
 * format is set to the sniffed format label.
 */
enum scan_err scan_buffer(struct scan_engine *e, const unsigned char *data, size_t len,
                          struct scan_file *out);
/* The same under a budget (0: the default). */
enum scan_err scan_buffer_budget(struct scan_engine *e, const unsigned char *data, size_t len,
                                 double seconds, size_t memory, struct scan_file *out);
void scan_file_release(struct scan_file *f);

#endif
