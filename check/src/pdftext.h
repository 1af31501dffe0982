/*
 * pdftext — the text of a PDF document, through poppler, in a worker process.
 *
 * PDF text is positioned glyphs behind font encodings and ToUnicode maps;
 * only an established library gets it right, so this is an adapter over
 * poppler-glib.  poppler is not made to be safe on hostile input: a small
 * file can make it run for minutes and take gigabytes (pdf.js's
 * bomb_giant.pdf).  So it never runs in the scanning process.  Each PDF is
 * sent to a worker process (this program again, started through
 * /proc/self/exe with BAOMI_CHECK_PDF_WORKER set, caught by a constructor
 * before main) that runs under RLIMIT_AS and RLIMIT_CPU for the file's
 * budget; the caller also keeps a wall-clock deadline and kills the worker
 * when it passes.  Workers are kept in a pool and reused (loading poppler
 * costs tens of milliseconds); each is used by one thread at a time, so
 * PDFs are read in parallel, one worker per scanning thread at most.
 *
 * What a reader sees is what is matched: the text of every page, taken over
 * the MediaBox (text outside the CropBox counts), a NUL in the text does not
 * cut off the rest of the page, words hyphenated at a line end are also
 * given joined, and the contents of annotations (comments, free text) and
 * the values of form fields follow each page's text.  A page whose fonts
 * poppler cannot map to Unicode (a CJK collection without poppler-data, an
 * unknown CMap) is reported, since its text is missing.
 *
 * Built without poppler, or on a computer without it, every PDF is reported
 * as "PDF support not available".
 */
#ifndef BAOMI_CHECK_PDFTEXT_H
#define BAOMI_CHECK_PDFTEXT_H

#include <stddef.h>

#include "cbuf.h"

enum pdftext_err {
	PDFTEXT_OK = 0,
	PDFTEXT_UNAVAILABLE, /* built without poppler, or it cannot be loaded */
	PDFTEXT_BAD,         /* poppler could not open the document */
	PDFTEXT_ENCRYPTED,
	PDFTEXT_TOO_BIG, /* the text passes out's cap */
	PDFTEXT_TIMEOUT, /* over the time budget: the worker was stopped */
	PDFTEXT_MEMORY,  /* over the memory budget */
	PDFTEXT_CRASH,   /* the worker died otherwise (why says how) */
	PDFTEXT_WORKER,  /* no worker process could be started */
};

struct pdftext_budget {
	double seconds; /* wall-clock and CPU time for this document */
	size_t memory;  /* bytes the worker may allocate for it */
};

/* Whether poppler-glib can be loaded here (loads it in this process; for tests). */
int pdftext_available(void);
/*
 * Appends the UTF-8 text of every page (pages end with a newline) to out:
 * text received before a failure stays there.  Problems that leave the rest
 * readable (a page whose fonts cannot be mapped) are appended to notes,
 * separated by "; ".  why receives the reason of a failure.
 */
enum pdftext_err pdftext_extract(const unsigned char *data, size_t len,
                                 const struct pdftext_budget *budget, struct cbuf *out,
                                 struct cbuf *notes, char *why, size_t whylen);
const char *pdftext_strerror(enum pdftext_err err);
/* Stops the idle workers (they are started again when needed). */
void pdftext_shutdown(void);

#endif
