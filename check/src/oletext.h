/*
 * oletext — the document text of binary Excel and PowerPoint streams.
 *
 * A Workbook stream (BIFF5/BIFF8, also WPS .et) and a PowerPoint Document
 * stream (also WPS .dps) are sequences of records; text lives in a few kinds
 * of them, and the rest holds font and style names, number formats,
 * drawings and pictures, which are no document text and only give false
 * hits.  These functions copy the payloads of the text records, as they
 * are (UTF-16LE or 8-bit strings with their small headers), each followed
 * by two NUL bytes so that no match spans two records.  A record that
 * runs past the stream ends the walk.
 */
#ifndef BAOMI_CHECK_OLETEXT_H
#define BAOMI_CHECK_OLETEXT_H

#include <stddef.h>

#include "cbuf.h"

/* Cell strings (shared strings, labels, formula results), sheet names, headers,
 * footers and text boxes.  Returns the cbuf error of out (CBUF_OK). */
enum cbuf_err oletext_xls(const unsigned char *workbook, size_t n, struct cbuf *out);
/*
 * The names of the workbook's defined names (NAME records, BIFF8 and
 * BIFF5), built-in ones (Print_Area, _FilterDatabase ...) left out: their
 * characters (UTF-16LE, or 8-bit when the record stores them so), each name
 * followed by two NUL bytes.  Metadata, not cell text.
 */
enum cbuf_err oletext_xls_names(const unsigned char *workbook, size_t n, struct cbuf *out);
/* Text of slides, notes and masters (TextChars, TextBytes and CString atoms). */
enum cbuf_err oletext_ppt(const unsigned char *doc, size_t n, struct cbuf *out);

/*
 * The source code of a VBA module stream: the stream starts with compiled
 * code and ends with the source in the MS-OVBA compressed container, which
 * begins "Attribute VB_" in every module.  Decompresses it into out;
 * *found is 0 when the stream holds no such container (then nothing is
 * written).  A corrupt container ends the text where it breaks.
 */
enum cbuf_err oletext_vba(const unsigned char *module, size_t n, struct cbuf *out, int *found);

#endif
