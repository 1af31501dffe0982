/* xmltext_ref — the reference (slow) XML text extractor; see xmltext_ref.c. */
#ifndef BAOMI_CHECK_XMLTEXT_REF_H
#define BAOMI_CHECK_XMLTEXT_REF_H

#include <stddef.h>

#include "cbuf.h"

enum cbuf_err xmltext_extract_ref(const char *xml, size_t len, struct cbuf *out);

#endif
