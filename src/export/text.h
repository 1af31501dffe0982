/*
 * text — the one filter every exported text goes through (PDF, HTML, XLSX),
 * and the tally the renderers' size caps are checked with.
 */
#ifndef BAOMI_EXPORT_TEXT_H
#define BAOMI_EXPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/buf.h"

/*
 * Appends s (NULL is "") to out as valid UTF-8: each byte that does not start
 * a valid sequence becomes U+FFFD, "\r\n" and "\r" become "\n", and control
 * characters other than TAB and LF become a space.  With html, & < > " ' are
 * written as entities.  Output can be up to three times the input.
 */
enum buf_err export_text_append(struct buf *out, const char *s, bool html);

/* Adds strlen(s) (0 for NULL) to *total; false once *total passes max. */
bool export_text_tally(size_t *total, const char *s, size_t max);

#endif
