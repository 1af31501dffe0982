/*
 * pubscan.c — the draft's scan through baomi-check's scanner (see pubscan.h).
 */
#include "pubscan.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

#include "cbuf.h"
#include "kw.h"
#include "scan.h"

/*
 * A word the scanner is always given, so that a draft is sniffed and read
 * (encryption and unreadable parts found) even when the unit has no
 * keyword and the submitter sees no carrier: two private-use characters
 * (U+F8FF), which no review reports.
 */
static const char pubscan_sentinel[] = "\xEF\xA3\xBF\xEF\xA3\xBF";

int pubscan_word_ok(const char *w)
{
	size_t n = strlen(w);

	if (n == 0 || n > PUBSCAN_WORD_MAX || w[0] == ' ' || w[n - 1] == ' ')
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)w[i] < 0x20 || w[i] == 0x7f)
			return 0;
	return 1;
}

void pubscan_result_release(struct pubscan_result *r)
{
	for (size_t i = 0; i < r->nhits; i++) {
		free(r->hits[i].word);
		free(r->hits[i].context);
	}
	free(r->hits);
	free(r->error);
	memset(r, 0, sizeof(*r));
}

/* The words one a line, as the keyword loader reads them. */
static enum pubscan_err word_lines(const char *const *words, size_t nwords, struct cbuf *b)
{
	if (cbuf_puts(b, pubscan_sentinel) || cbuf_putc(b, '\n'))
		return PUBSCAN_NOMEM;
	for (size_t i = 0; i < nwords; i++) {
		if (!pubscan_word_ok(words[i]))
			continue;
		if (cbuf_puts(b, words[i]) || cbuf_putc(b, '\n'))
			return PUBSCAN_NOMEM;
	}
	return PUBSCAN_OK;
}

/*
 * The scanner's error names zip entries and paths byte for byte; the answer
 * is JSON, so each byte that starts no valid UTF-8 sequence becomes '?'.
 */
static void utf8_mend(char *s)
{
	size_t len = strlen(s);

	for (size_t at = 0; (at += utf8_check((const unsigned char *)s + at, len - at)) < len; at++)
		s[at] = '?';
}

/* Moves the scanner's file result into out, dropping the sentinel's hits. */
static enum pubscan_err take(const struct kw_set *ks, struct scan_file *f,
                             struct pubscan_result *out)
{
	out->format = f->format;
	out->encrypted = f->encrypted;
	out->error = f->error;
	f->error = NULL;
	if (out->error)
		utf8_mend(out->error);
	if (!f->nhits)
		return PUBSCAN_OK;
	out->hits = calloc(f->nhits, sizeof(*out->hits));
	if (!out->hits)
		return PUBSCAN_NOMEM;
	for (size_t i = 0; i < f->nhits; i++) {
		struct scan_hit *h = &f->hits[i];
		struct pubscan_hit *o;

		if (h->kw == 0) /* the sentinel is the first word */
			continue;
		/* one hit per word and part, whatever byte form it took */
		o = NULL;
		for (size_t k = 0; k < out->nhits; k++)
			if (!strcmp(out->hits[k].word, ks->words[h->kw]) &&
			    !strcmp(out->hits[k].part, scan_part_name(h->part)))
				o = &out->hits[k];
		if (o) {
			o->count += h->count;
			continue;
		}
		o = &out->hits[out->nhits];
		o->word = strdup(ks->words[h->kw]);
		if (!o->word)
			return PUBSCAN_NOMEM;
		out->nhits++;
		o->part = scan_part_name(h->part);
		o->count = h->count;
		o->context = h->context;
		h->context = NULL;
	}
	return PUBSCAN_OK;
}

enum pubscan_err pubscan_run(const char *const *words, size_t nwords, const unsigned char *data,
                             size_t len, double seconds, size_t memory, struct pubscan_result *out)
{
	struct kw_set ks;
	struct scan_engine eng;
	struct scan_file f;
	struct cbuf lines;
	enum pubscan_err err;
	enum scan_err serr;
	size_t line;
	int eng_on = 0;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	kw_set_init(&ks);
	cbuf_init(&lines, (size_t)(KW_MAX_COUNT + 1) * (PUBSCAN_WORD_MAX + 1));
	err = word_lines(words, nwords, &lines);
	if (err)
		goto out;
	switch (kw_set_load_mem(&ks, lines.ptr, lines.len, &line)) {
	case KW_OK:
		break;
	case KW_NOMEM:
		err = PUBSCAN_NOMEM;
		goto out;
	default: /* too many words: the caller caps them */
		err = PUBSCAN_ENGINE;
		goto out;
	}
	eng_on = 1;
	serr = scan_engine_init(&eng, &ks, MATCH_AUTO, 0);
	if (!serr)
		serr = scan_buffer_budget(&eng, data, len, seconds, memory, &f);
	if (serr) {
		err = serr == SCAN_NOMEM ? PUBSCAN_NOMEM : PUBSCAN_ENGINE;
		goto out;
	}
	err = take(&ks, &f, out);
out:
	scan_file_release(&f);
	if (eng_on)
		scan_engine_release(&eng);
	kw_set_release(&ks);
	cbuf_release(&lines);
	return err;
}
