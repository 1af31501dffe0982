/*
 * Shared by the two form renderers: the size caps and the one text filter
 * both outputs go through.
 */
#ifndef BAOMI_EXPORT_FORM_INT_H
#define BAOMI_EXPORT_FORM_INT_H

#include <stdbool.h>

#include "form.h"

/* FORM_TOO_BIG when f has more than FORM_MAX_FIELDS fields or FORM_MAX_TEXT bytes of text. */
enum form_err form_check(const struct form *f);

/*
 * Appends s (NULL is "") to out as valid UTF-8: each byte that does not start
 * a valid sequence becomes U+FFFD, "\r\n" and "\r" become "\n", and control
 * characters other than TAB and LF become a space.  With html, & < > " ' are
 * written as entities.
 */
enum form_err form_text_append(struct buf *out, const char *s, bool html);

/* The buf error as a form error. */
enum form_err form_buf_err(enum buf_err e);

#endif
