/*
 * ocr — text in images (png, jpeg, tiff, bmp) and in PDF pages that have no
 * text layer, through Tesseract, in a worker process.
 *
 * Scanned documents and photos of documents are where classified marks
 * often hide.  With `--ocr`, image files and the image-only pages of PDF
 * files go to a worker process (this program again, started through
 * /proc/self/exe with BAOMI_CHECK_OCR_WORKER set, caught by a constructor
 * before main) that loads libtesseract (its C API, and leptonica, which
 * comes with it, to decode the images) with dlopen, reads the models of
 * --ocr-lang (simplified Chinese and English by default) once, and answers
 * request after request.  A
 * PDF page whose text layer is empty and which shows images is rendered
 * with poppler-glib and cairo at the requested resolution and read the same
 * way.  Each request runs under RLIMIT_AS and RLIMIT_CPU for the file's
 * budget, and the caller kills the worker at a wall-clock deadline, so a
 * huge image is cut off with "timeout" or "memory" like any other file.
 *
 * Nothing here is loaded without --ocr: the package of baomi-check does not
 * depend on Tesseract, and a computer without it reports what to install.
 * Recognised text is given page by page; spaces that Tesseract puts
 * between Chinese characters are removed, so that keywords match.
 */
#ifndef BAOMI_CHECK_OCR_H
#define BAOMI_CHECK_OCR_H

#include <stddef.h>

enum ocr_err {
	OCR_OK = 0,
	OCR_UNAVAILABLE, /* built without Tesseract, or it or its language data are missing */
	OCR_BAD,         /* the image or document cannot be decoded */
	OCR_TIMEOUT,     /* over the time budget: the worker was stopped */
	OCR_MEMORY,      /* over the memory budget */
	OCR_CRASH,       /* the worker died otherwise (why says how) */
	OCR_WORKER,      /* no worker process could be started */
};

enum ocr_kind {
	OCR_IMAGE = 1, /* one image file (every page of a multi-page TIFF) */
	OCR_PDF = 2,   /* the pages of a PDF without text that show images */
};

#define OCR_DPI 300    /* default resolution image-only PDF pages are rendered at */
#define OCR_DPI_MIN 72 /* --ocr-dpi bounds */
#define OCR_DPI_MAX 1200
#define OCR_LANGS "chi_sim+eng" /* default models (--ocr-lang) */
#define OCR_LANGS_MAX 128       /* bytes of a --ocr-lang list */

struct ocr_budget {
	double seconds;    /* wall-clock and CPU time for this file */
	size_t memory;     /* bytes the worker may allocate for it */
	unsigned dpi;      /* for PDF pages; 0: OCR_DPI */
	const char *langs; /* the models to read with, "chi_sim+eng"; NULL: OCR_LANGS */
};

/* The image format its first bytes show: "png", "jpeg", "tiff", "bmp", or NULL. */
const char *ocr_sniff(const unsigned char *b, size_t n);
/*
 * Whether langs is a list of Tesseract language names joined by "+"
 * ("chi_sim+eng", "script/HanS"): letters, digits, '_', '-', and '/' not
 * first, at most OCR_LANGS_MAX bytes.
 */
int ocr_langs_valid(const char *langs);
/*
 * Whether OCR can run here: starts a worker, which loads Tesseract and the
 * models of langs (NULL: OCR_LANGS), each of which must be there (Tesseract
 * itself reads a list without the models it cannot find).  On failure why
 * says what to install.
 */
enum ocr_err ocr_check(const char *langs, char *why, size_t whylen);

/* Gets the recognised text of one page (1-based); nonzero stops. */
typedef int (*ocr_page_fn)(unsigned page, const char *text, size_t len, void *ctx);

/*
 * Recognises the text of data[0..len) page by page, calling fn for each
 * page with text as it comes; text received before a failure has been
 * given.  why receives the reason of a failure.
 */
enum ocr_err ocr_run(enum ocr_kind kind, const unsigned char *data, size_t len,
                     const struct ocr_budget *budget, ocr_page_fn fn, void *ctx, char *why,
                     size_t whylen);
const char *ocr_strerror(enum ocr_err err);
/*
 * Removes whitespace between two CJK characters in s[0..n) (Tesseract
 * separates them), in place; returns the new length.
 */
size_t ocr_join_cjk(char *s, size_t n);
/* Stops the idle workers (they are started again when needed). */
void ocr_shutdown(void);

#endif
