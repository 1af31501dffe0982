/*
 * xmltext — the text of an XML document, tags stripped and runs joined.
 *
 * Word splits a sentence into runs (<w:r><w:t>涉</w:t></w:r><w:r><w:t>密
 * </w:t></w:r>) whenever formatting, spelling marks or revision ids change;
 * a keyword split that way is only found when the runs are joined.  So the
 * extractor drops markup without a separator, but ends a line after the
 * elements that end a paragraph, cell or row (p, h, si, c, tc, tr, row,
 * table-cell ...), so that words of different paragraphs do not join.
 * Entities and character references are decoded; whitespace-only text that
 * spans a line break (indentation) is dropped.  Not a validating parser: any
 * byte sequence gives some text, never an error except the output cap.
 */
#ifndef BAOMI_CHECK_XMLTEXT_H
#define BAOMI_CHECK_XMLTEXT_H

#include <stddef.h>

#include "cbuf.h"

/* Appends the text of xml[0..len) to out; returns CBUF_TOO_BIG at the cap. */
enum cbuf_err xmltext_extract(const char *xml, size_t len, struct cbuf *out);

#endif
