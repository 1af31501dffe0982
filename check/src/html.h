/*
 * html — the text of an HTML page as a browser shows it.
 *
 * Tags are dropped without a separator, so a keyword split by inline markup
 * (<b>机</b>密) is found; the elements that start a block (p, div, br, li,
 * td, h1 ...) end a line, so that words of different blocks do not join.
 * Character references are decoded (&#26426; &#x5BC6; and the common named
 * ones), script and style contents and comments are skipped, and white
 * space runs become one space as a browser shows them.  The title and the
 * description, keywords and author meta tags are the page's metadata.  Not a
 * validating parser: any bytes give some text, never an error but the cap.
 */
#ifndef BAOMI_CHECK_HTML_H
#define BAOMI_CHECK_HTML_H

#include <stddef.h>

#include "cbuf.h"

/* Whether b[0..n) starts like an HTML page: <!DOCTYPE html or <html, after a BOM,
 * white space or an XML declaration. */
int html_sniff(const unsigned char *b, size_t n);
/* Whether the page declares a GBK-family charset (gbk, gb2312, gb18030) in its first 4 KiB
 * (<meta charset>, http-equiv, or an XML declaration) and has no UTF-8 byte-order mark. */
int html_gbk(const unsigned char *b, size_t n);
/* Converts GB18030 bytes to UTF-8 (one '?' per byte that does not decode), appended to out. */
enum cbuf_err html_gbk_to_utf8(const unsigned char *b, size_t n, struct cbuf *out);
/*
 * Appends the page's text to text and its title and meta descriptions to
 * meta (up to meta's cap, silently); CBUF_TOO_BIG when text reaches its cap.
 */
enum cbuf_err html_extract(const unsigned char *b, size_t n, struct cbuf *text, struct cbuf *meta);

#endif
