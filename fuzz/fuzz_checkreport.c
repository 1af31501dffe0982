/*
 * fuzz_checkreport — libFuzzer target for the reader of baomi-check
 * reports (src/io/checkreport.h).
 *
 * A fuzzer cannot forge a digest, so each input goes three ways:
 *   1. crep_parse as a whole report file, without a key;
 *   2. crep_parse with the key of the seeds made with --hmac-key;
 *   3. crep_parse_body, the parser of R alone, which only runs after the
 *      digest matched in real use and is otherwise out of reach.
 * The seeds in seeds/checkreport are the real reports of
 * tests/data/checkreport (whole files, which exercise 1 and 2, and their
 * R alone, which feed 3), one R with encrypted files and hit parts
 * (encrypted-body.json), and broken ones.
 *
 * Besides crashes, leaks and undefined behaviour it checks the promises of
 * checkreport.h: on failure the struct is empty and the message a
 * non-empty, terminated, valid UTF-8 string of any buffer size; on success
 * every string is there and valid UTF-8, the counts are within the limits
 * and agree with the checks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oracle_utf8.h"

#include "../src/io/checkreport.h"
#include "../src/io/checkreport_int.h"

static const unsigned char key[] = "hmac-key-for-tests";

static void str_ok(const char *s)
{
	if (!s || !valid_utf8((const unsigned char *)s, strlen(s)))
		abort();
}

static void check_ok(const struct crep *r)
{
	size_t failed = 0;

	if (r->nchecks > CREP_MAX_CHECKS || r->nhits > CREP_MAX_HITS ||
	    r->nerrors > CREP_MAX_ERRORS || r->nencrypted > CREP_MAX_ENCRYPTED ||
	    r->ndisks > CREP_MAX_DISKS || !r->checks || !r->hits || !r->errors || !r->encrypted ||
	    !r->disks)
		abort();
	if (strcmp(r->role, "classified") != 0 && strcmp(r->role, "unclassified") != 0)
		abort();
	if (r->classified != (strcmp(r->role, "classified") == 0))
		abort();
	str_ok(r->hostname);
	str_ok(r->machine_id);
	str_ok(r->os);
	str_ok(r->time);
	str_ok(r->operator_name);
	for (size_t i = 0; i < r->ndisks; i++)
		str_ok(r->disks[i]);
	for (size_t i = 0; i < r->nchecks; i++) {
		const struct crep_check *k = &r->checks[i];

		if ((unsigned)k->status > CREP_UNKNOWN || !k->id[0])
			abort();
		failed += k->status == CREP_FAIL;
		str_ok(k->id);
		str_ok(k->title);
		str_ok(k->title_zh);
		str_ok(k->title_en);
		str_ok(k->detail);
		str_ok(k->evidence);
		if (k->items)
			str_ok(k->items);
		if (strlen(k->title_zh) > strlen(k->title))
			abort();
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->checks[j].id, k->id) == 0)
				abort();
	}
	if (failed != r->nfailed)
		abort();
	for (size_t i = 0; i < r->nhits; i++) {
		const struct crep_hit *h = &r->hits[i];

		if (h->count < 1 || !h->path[0] || !h->keyword[0])
			abort();
		str_ok(h->path);
		str_ok(h->keyword);
		str_ok(h->encoding);
		str_ok(h->format);
		str_ok(h->part);
		str_ok(h->context);
	}
	for (size_t i = 0; i < r->nencrypted; i++) {
		if (!r->encrypted[i].path[0] || !r->encrypted[i].format[0])
			abort();
		str_ok(r->encrypted[i].path);
		str_ok(r->encrypted[i].format);
	}
	for (size_t i = 0; i < r->nerrors; i++) {
		str_ok(r->errors[i].path);
		str_ok(r->errors[i].format);
		str_ok(r->errors[i].reason);
	}
}

static void one(int how, const uint8_t *data, size_t size)
{
	struct crep r;
	char why[512];
	/* message buffers of every size from 1 to 512, by input length */
	size_t whylen = 1 + (size + (size_t)how * 97) % sizeof(why), n;
	enum crep_err rc;

	memset(why, 0x5a, sizeof(why));
	memset(&r, 0x5a, sizeof(r));
	if (how == 0)
		rc = crep_parse((const char *)data, size, NULL, 0, &r, why, whylen);
	else if (how == 1)
		rc = crep_parse((const char *)data, size, key, sizeof(key) - 1, &r, why, whylen);
	else
		rc = crep_parse_body((const char *)data, size, &r, why, whylen);
	n = strnlen(why, whylen);
	if (n == whylen || !valid_utf8((const unsigned char *)why, n))
		abort();
	if (rc == CREP_OK) {
		check_ok(&r);
		if (how < 2 && strlen(r.digest) != CREP_DIGEST_HEX)
			abort();
	} else {
		if (r.checks || r.hits || r.errors || r.encrypted || r.disks || r.arena ||
		    r.hostname[0] || (n == 0 && whylen > 4))
			abort();
		if (rc != CREP_BAD_FORMAT && rc != CREP_BAD_DIGEST && rc != CREP_NEED_KEY &&
		    rc != CREP_UNKEYED && rc != CREP_TOO_BIG)
			abort();
	}
	crep_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(0, data, size);
	one(1, data, size);
	one(2, data, size);
	return 0;
}
