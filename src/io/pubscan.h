/*
 * pubscan — the publication review's scan of an uploaded draft.
 *
 * A thin entry over baomi-check's scanner (check/src, linked as the library
 * baomi_check_core): the same format sniffing, extractors (zip/OOXML/ODF,
 * OLE2, gzip, plain text in UTF-8, GBK or UTF-16) and matcher, run on the
 * uploaded bytes in memory under a time and memory budget.  PDF text is read
 * by baomi-check's worker process (pdftext.h), held to the same budget, so
 * poppler never runs inside the server.  No code of the checker is copied.
 */
#ifndef BAOMI_PUBSCAN_H
#define BAOMI_PUBSCAN_H

#include <stddef.h>
#include <stdint.h>

enum pubscan_err {
	PUBSCAN_OK = 0,
	PUBSCAN_ENGINE, /* the matcher could not be built from the words */
	PUBSCAN_NOMEM,
};

#define PUBSCAN_SECONDS 5.0               /* time budget of one draft */
#define PUBSCAN_MEMORY ((size_t)96 << 20) /* memory budget of one draft */
#define PUBSCAN_WORD_MAX 256              /* bytes of one word (the checker's limit) */

struct pubscan_hit {
	char *word;       /* the word found, as given (trimmed) */
	const char *part; /* "body", "metadata" or "macro" */
	uint64_t count;   /* occurrences in that part */
	char *context;    /* UTF-8 text around the first occurrence, or NULL */
};

struct pubscan_result {
	const char *format;    /* the sniffed format: text, docx, xlsx, pdf … */
	char *error;           /* why (part of) the draft could not be read, or NULL */
	const char *encrypted; /* format of an encrypted document inside, or NULL */
	struct pubscan_hit *hits;
	size_t nhits;
};

/*
 * Whether a word can be matched: 1 to PUBSCAN_WORD_MAX bytes of UTF-8
 * without control characters or surrounding spaces.
 */
int pubscan_word_ok(const char *w);
/*
 * Scans data[0..len) for the words (words that pubscan_word_ok refuses are
 * skipped; duplicates count once).  With no word at all only the format is
 * sniffed and nothing matches.  out is to be released whatever this returns.
 */
enum pubscan_err pubscan_run(const char *const *words, size_t nwords, const unsigned char *data,
                             size_t len, double seconds, size_t memory, struct pubscan_result *out);
void pubscan_result_release(struct pubscan_result *r);

#endif
