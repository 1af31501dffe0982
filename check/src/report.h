/*
 * report — the signed report of `baomi-check all`, and its verification.
 *
 * The report file is, byte for byte:
 *
 *   {"format":"baomi-check-report","version":1,"digest_alg":"ALG","report":R,"digest":"HEX"}
 *
 * where R is one JSON object (host identity, time, operator, system checks,
 * keyword scan) and HEX the lowercase hex digest of exactly the bytes of R:
 * SHA-256 by default, HMAC-SM3 with the key in --hmac-key FILE.  Any edit of
 * R changes the digest; baomi verifies it when it imports the report.
 */
#ifndef BAOMI_CHECK_REPORT_H
#define BAOMI_CHECK_REPORT_H

#include <stddef.h>

#include "match.h"

/* Runs system checks and scan, writes the report; returns the exit code. */
int report_all(const char *role, const char *keywords, const char *media, const char *root,
               const char *hmac_key, unsigned jobs, enum match_engine engine, double file_timeout,
               size_t file_memory, int ocr, unsigned ocr_dpi, const char *ocr_lang,
               const char *const *paths, size_t npaths, const char *output, const char *version);
/* 0 when the digest matches, 1 when it does not, 2 when the file is unreadable. */
int report_verify(const char *path, const char *hmac_key);
/* Checks report bytes in memory; same codes, why gets the reason. */
int report_verify_mem(const char *data, size_t len, const unsigned char *key, size_t keylen,
                      char *why, size_t whylen);

#endif
