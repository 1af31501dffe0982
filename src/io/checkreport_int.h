/*
 * checkreport_int.h — the body parser of checkreport, for its tests and
 * fuzz target only: the importer goes through crep_parse, which checks the
 * digest first.
 */
#ifndef BAOMI_IO_CHECKREPORT_INT_H
#define BAOMI_IO_CHECKREPORT_INT_H

#include "checkreport.h"

/*
 * Parses R, the report object, without any digest check (digest_alg and
 * digest stay empty).  Same limits, messages and failure contract as
 * crep_parse.
 */
enum crep_err crep_parse_body(const char *r, size_t len, struct crep *out, char *why,
                              size_t whylen);

#endif
