/*
 * fuzz_pubscan — libFuzzer target for the publication review's upload path
 * (src/io/pubscan.h): an uploaded draft of any bytes goes through
 * baomi-check's sniffing, extractors and matcher as the server runs them.
 *
 * Besides crashes, leaks and undefined behaviour it checks the promises of
 * pubscan.h: a format is always named; every hit is one of the words given,
 * in a known part, counted at least once, with a context that is valid UTF-8;
 * an error is valid UTF-8; the sentinel word never shows.  The seeds in
 * seeds/pubscan are a docx, ODF and plain text in UTF-8, GBK and UTF-16LE
 * holding the words.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oracle_utf8.h"

#include "../src/io/pubscan.h"

static const char *const words[] = {"方舱选址方案", "SWJW-SZ-2026-WJ-000001",
                                    "关于做好应急处置工作的通知", "secret"};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static void str_ok(const char *s)
{
	if (!s || !valid_utf8((const unsigned char *)s, strlen(s)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pubscan_result r;
	size_t i, k;

	if (pubscan_run(words, NWORDS, data, size, 2.0, (size_t)64 << 20, &r) == PUBSCAN_OK) {
		str_ok(r.format);
		if (r.error)
			str_ok(r.error);
		for (i = 0; i < r.nhits; i++) {
			const struct pubscan_hit *h = &r.hits[i];

			for (k = 0; k < NWORDS && strcmp(h->word, words[k]); k++)
				;
			if (k == NWORDS || h->count < 1 ||
			    (strcmp(h->part, "body") && strcmp(h->part, "metadata") &&
			     strcmp(h->part, "macro")))
				abort();
			if (h->context)
				str_ok(h->context);
		}
	}
	pubscan_result_release(&r);
	return 0;
}
