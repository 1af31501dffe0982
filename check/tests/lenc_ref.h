/* lenc_ref — the reference (slow) sample counts and text tests of lenc; see lenc_ref.c. */
#ifndef BAOMI_CHECK_LENC_REF_H
#define BAOMI_CHECK_LENC_REF_H

#include <stddef.h>

#include "lenc.h"

void lenc_count_ref(const unsigned char *s, size_t n, struct lenc_stats *st);
unsigned lenc_detect_ref(const unsigned char *s, size_t n);
int lenc_utf8_ref(const unsigned char *s, size_t n);
int lenc_utf16_ref(const unsigned char *s, size_t n);

#endif
