/*
 * rtf — the text of an RTF document, decoded to UTF-8.
 *
 * A single pass over the bytes with a stack of group states: control words
 * and symbols are read, \'hh escapes and 8-bit bytes are decoded in the code
 * page of the document (\ansicpgN) or of the current font (\fcharsetN in the
 * font table: 134 is GBK, 136 Big5 ...), \uN gives the character N (negative
 * N as 65536 + N, surrogate pairs joined) and then skips the \ucN characters
 * of its fallback.  Destinations that are no text are skipped whole: the
 * font, colour and style tables, pictures, object data, field instructions
 * and every \* destination but annotations and shapes (a text box's text
 * is read once, its properties and its fallback copy not); \binN skips N
 * raw bytes.  The \info group (title, subject, author, keywords, comments)
 * is the metadata.
 * Paragraph and row ends become line ends, cells tabs.  Any bytes give some
 * text, never an error but the cap.
 */
#ifndef BAOMI_CHECK_RTF_H
#define BAOMI_CHECK_RTF_H

#include <stddef.h>

#include "cbuf.h"

/* Whether b[0..n) starts like an RTF document ("{\rtf"). */
int rtf_sniff(const unsigned char *b, size_t n);
/*
 * Appends the document's text to text and its \info to meta (up to meta's
 * cap, silently); CBUF_TOO_BIG when text reaches its cap, CBUF_NOMEM.
 */
enum cbuf_err rtf_extract(const unsigned char *b, size_t n, struct cbuf *text, struct cbuf *meta);

#endif
