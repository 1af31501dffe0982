/*
 * pdftext — the text of a PDF document, through poppler.
 *
 * PDF text is positioned glyphs behind font encodings and ToUnicode maps;
 * only an established library gets it right, so this is a thin adapter
 * over poppler-glib, loaded when the first PDF comes.  Built without
 * poppler, or on a computer without it, every PDF is reported as
 * "could not parse: PDF support not available".
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
};

/* Whether PDF text can be read here (loads poppler-glib the first time). */
int pdftext_available(void);
/*
 * Appends the UTF-8 text of every page (pages end with a newline) to out.
 * why receives poppler's reason on PDFTEXT_BAD.
 */
enum pdftext_err pdftext_extract(const unsigned char *data, size_t len, struct cbuf *out, char *why,
                                 size_t whylen);
const char *pdftext_strerror(enum pdftext_err err);

#endif
