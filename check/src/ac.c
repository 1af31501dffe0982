#include "ac.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A transition value: state index times nclasses, top bit = state has output. */
#define AC_OUT 0x80000000u

struct ac {
	uint32_t *delta; /* nstates * nclasses transitions */
	uint32_t nclasses;
	uint32_t nstates;
	uint8_t cls[256];    /* byte -> class */
	int32_t *out_first;  /* per state: first pattern ending here, or -1 */
	int32_t *pat_next;   /* per pattern: next pattern ending in the same state */
	uint32_t *dict_link; /* per state: nearest suffix state with output, or 0 */
};

void ac_free(struct ac *ac)
{
	if (!ac)
		return;
	free(ac->delta);
	free(ac->out_first);
	free(ac->pat_next);
	free(ac->dict_link);
	free(ac);
}

enum ac_err ac_build(struct ac **out, const unsigned char *const *pats, const size_t *lens,
                     size_t n)
{
	struct ac *ac = NULL;
	uint32_t *fail = NULL, *queue = NULL;
	uint8_t used[256] = {0};
	size_t total = 1, i, j;
	uint32_t nc = 1, s, c, head = 0, tail = 0;
	enum ac_err err = AC_OK;

	*out = NULL;
	for (i = 0; i < n; i++) {
		if (lens[i] == 0)
			return AC_EMPTY_PATTERN;
		total += lens[i];
		if (total > AC_MAX_STATES)
			return AC_TOO_BIG;
		for (j = 0; j < lens[i]; j++)
			used[pats[i][j]] = 1;
	}
	ac = calloc(1, sizeof(*ac));
	if (!ac)
		return AC_NOMEM;
	for (c = 0; c < 256; c++)
		ac->cls[c] = used[c] ? (uint8_t)nc++ : 0;
	if (nc > 256) {
		/* All 256 bytes used: class 0 is shared with one real byte. */
		nc = 1;
		for (c = 0; c < 256; c++)
			ac->cls[c] = (uint8_t)(c == 0 ? 0 : nc++);
		nc = 256;
	}
	ac->nclasses = nc;
	if ((uint64_t)total * nc >= AC_OUT) {
		err = AC_TOO_BIG;
		goto out;
	}
	ac->delta = calloc(total * nc, sizeof(uint32_t));
	ac->out_first = malloc(total * sizeof(int32_t));
	ac->dict_link = calloc(total, sizeof(uint32_t));
	ac->pat_next = malloc((n ? n : 1) * sizeof(int32_t));
	fail = calloc(total, sizeof(uint32_t));
	queue = malloc(total * sizeof(uint32_t));
	if (!ac->delta || !ac->out_first || !ac->dict_link || !ac->pat_next || !fail || !queue) {
		err = AC_NOMEM;
		goto out;
	}
	for (i = 0; i < total; i++)
		ac->out_first[i] = -1;
	/* The trie; transitions hold plain state numbers while building. */
	ac->nstates = 1;
	for (i = 0; i < n; i++) {
		s = 0;
		for (j = 0; j < lens[i]; j++) {
			uint32_t *t = &ac->delta[(size_t)s * nc + ac->cls[pats[i][j]]];

			if (*t == 0)
				*t = ac->nstates++;
			s = *t;
		}
		ac->pat_next[i] = ac->out_first[s];
		ac->out_first[s] = (int32_t)i;
	}
	/* Breadth-first: failure links, dictionary links, then the full DFA. */
	for (c = 0; c < nc; c++) {
		uint32_t t = ac->delta[c];

		if (t) {
			fail[t] = 0;
			queue[tail++] = t;
		}
	}
	while (head < tail) {
		uint32_t r = queue[head++];

		ac->dict_link[r] = ac->out_first[fail[r]] >= 0 ? fail[r] : ac->dict_link[fail[r]];
		for (c = 0; c < nc; c++) {
			uint32_t *t = &ac->delta[(size_t)r * nc + c];
			uint32_t f = ac->delta[(size_t)fail[r] * nc + c];

			if (*t) {
				fail[*t] = f;
				queue[tail++] = *t;
			} else {
				*t = f;
			}
		}
	}
	/* Premultiply and flag states that have output. */
	for (i = 0; i < (size_t)ac->nstates * nc; i++) {
		uint32_t t = ac->delta[i];
		uint32_t v = t * nc;

		if (ac->out_first[t] >= 0 || ac->dict_link[t])
			v |= AC_OUT;
		ac->delta[i] = v;
	}
out:
	free(fail);
	free(queue);
	if (err) {
		ac_free(ac);
		return err;
	}
	*out = ac;
	return AC_OK;
}

static int report(const struct ac *ac, uint32_t s, size_t end, ac_match_fn fn, void *ctx)
{
	while (s) {
		int32_t p;

		for (p = ac->out_first[s]; p >= 0; p = ac->pat_next[p])
			if (fn((unsigned)p, end, ctx))
				return 1;
		s = ac->dict_link[s];
	}
	return 0;
}

int ac_scan(const struct ac *ac, const unsigned char *buf, size_t len, ac_match_fn fn, void *ctx)
{
	const uint32_t *delta = ac->delta;
	const uint8_t *cls = ac->cls;
	uint32_t v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		v = delta[(v & ~AC_OUT) + cls[buf[i]]];
		if (v & AC_OUT) {
			if (report(ac, (v & ~AC_OUT) / ac->nclasses, i + 1, fn, ctx))
				return 1;
		}
	}
	return 0;
}
