/*
 * Shared by the two form renderers: the size caps and the one text filter
 * both outputs go through (text.h).
 */
#ifndef BAOMI_EXPORT_FORM_INT_H
#define BAOMI_EXPORT_FORM_INT_H

#include <stdbool.h>

#include "form.h"

/* FORM_TOO_BIG when f has more than FORM_MAX_FIELDS fields or FORM_MAX_TEXT bytes of text. */
enum form_err form_check(const struct form *f);

/* The text filter of text.h (export_text_append) with a form error. */
enum form_err form_text_append(struct buf *out, const char *s, bool html);

/* The buf error as a form error. */
enum form_err form_buf_err(enum buf_err e);

#endif
