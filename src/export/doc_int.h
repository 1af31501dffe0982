/*
 * Shared by the two report renderers (doc_pdf, doc_xlsx): the caps and the
 * error of a buf.
 */
#ifndef BAOMI_EXPORT_DOC_INT_H
#define BAOMI_EXPORT_DOC_INT_H

#include <stdbool.h>

#include "doc.h"

/* Whether block b is a table that is drawn (not NULL, at least one column). */
bool doc_is_table(const struct doc_block *b);

/* DOC_TOO_BIG when d passes a DOC_MAX_* cap. */
enum doc_err doc_check(const struct doc *d);

/* Cell (row, col) of t, never NULL. */
const char *doc_cell(const struct doc_table *t, size_t row, size_t col);

/* Header col of t, never NULL. */
const char *doc_header(const struct doc_table *t, size_t col);

enum doc_err doc_buf_err(enum buf_err e);

#endif
