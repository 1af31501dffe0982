#include "ac.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* A transition value: state index times nclasses, top bit = state has output. */
#define AC_OUT 0x80000000u

struct ac {
	uint32_t *delta; /* nstates * nclasses transitions */
	size_t mapped;   /* bytes of delta when it was mapped (table_alloc), else 0 */
	uint32_t nclasses;
	uint32_t nstates;
	size_t maxlen;       /* the longest pattern */
	uint8_t cls[256];    /* byte -> class */
	int32_t *out_first;  /* per state: first pattern ending here, or -1 */
	int32_t *pat_next;   /* per pattern: next pattern ending in the same state */
	uint32_t *dict_link; /* per state: nearest suffix state with output, or 0 */
};

void ac_free(struct ac *ac)
{
	if (!ac)
		return;
	if (ac->mapped)
		munmap(ac->delta, ac->mapped);
	else
		free(ac->delta);
	free(ac->out_first);
	free(ac->pat_next);
	free(ac->dict_link);
	free(ac);
}

/*
 * A zeroed table of n transitions.  One of megabytes is mapped with huge
 * pages asked for (Linux gives them where transparent huge pages are on
 * madvise, as Debian has them): a few page faults instead of one per 4 KiB
 * while it is built, and fewer TLB misses while it is scanned.
 */
static uint32_t *table_alloc(size_t n, size_t *mapped)
{
	size_t len = n * sizeof(uint32_t);

	*mapped = 0;
#ifdef MADV_HUGEPAGE
	if (len >= ((size_t)2 << 20)) {
		void *p =
		    mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return NULL;
		madvise(p, len, MADV_HUGEPAGE); /* a hint: without it, small pages */
		*mapped = len;
		return p;
	}
#endif
	return calloc(n, sizeof(uint32_t));
}

enum ac_err ac_build(struct ac **out, const unsigned char *const *pats, const size_t *lens,
                     size_t n)
{
	struct ac *ac = NULL;
	uint32_t *fail = NULL, *queue = NULL;
	uint8_t used[256] = {0};
	size_t total = 1, maxlen = 0, i, j;
	uint32_t nc = 1, s, c, head = 0, tail = 0;
	enum ac_err err = AC_OK;

	*out = NULL;
	for (i = 0; i < n; i++) {
		if (lens[i] == 0)
			return AC_EMPTY_PATTERN;
		total += lens[i];
		if (lens[i] > maxlen)
			maxlen = lens[i];
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
	ac->maxlen = maxlen;
	if ((uint64_t)total * nc >= AC_OUT) {
		err = AC_TOO_BIG;
		goto out;
	}
	ac->delta = table_alloc(total * nc, &ac->mapped);
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

/* One step: the transition of state value v on byte b. */
#define AC_STEP(v, b) (delta[((v) & ~AC_OUT) + cls[(b)]])

/*
 * Scans buf[from..to) on from state value *v; reports the matches that end
 * after skip.  Returns 1 when the callback stopped the scan.
 */
static int scan_run(const struct ac *ac, uint32_t *v, const unsigned char *buf, size_t from,
                    size_t to, size_t skip, ac_match_fn fn, void *ctx)
{
	const uint32_t *delta = ac->delta;
	const uint8_t *cls = ac->cls;
	uint32_t x = *v;
	size_t i;

	for (i = from; i < to; i++) {
		x = AC_STEP(x, buf[i]);
		if ((x & AC_OUT) && i + 1 > skip &&
		    report(ac, (x & ~AC_OUT) / ac->nclasses, i + 1, fn, ctx))
			return 1;
	}
	*v = x;
	return 0;
}

/* Matches of the second half held back until the first half has been reported. */
#define AC_HELD 32
/* Buffers shorter than this are one stream: splitting would not pay. */
#define AC_SPLIT 256

int ac_scan(const struct ac *ac, const unsigned char *buf, size_t len, ac_match_fn fn, void *ctx)
{
	const uint32_t *delta = ac->delta;
	const uint8_t *cls = ac->cls;
	uint32_t v1 = 0, v2 = 0, held_state[AC_HELD];
	size_t held_end[AC_HELD], nheld = 0, mid, start2, i, k;
	int pending = 0;

	if (len < AC_SPLIT || ac->maxlen == 0 || len / 2 < ac->maxlen)
		return scan_run(ac, &v1, buf, 0, len, 0, fn, ctx);
	/*
	 * Two halves at once, so that the table loads of one do not wait for
	 * the other's: each step of a DFA depends on the one before.  The first
	 * half reports the matches ending up to mid; the second starts the
	 * longest pattern less one byte before mid and reports those ending
	 * after it, in order, after the first half's.
	 */
	mid = len / 2;
	start2 = mid - (ac->maxlen - 1);
	for (i = 0; i < mid; i++) {
		v1 = AC_STEP(v1, buf[i]);
		v2 = AC_STEP(v2, buf[start2 + i]);
		if ((v1 & AC_OUT) && report(ac, (v1 & ~AC_OUT) / ac->nclasses, i + 1, fn, ctx))
			return 1;
		if ((v2 & AC_OUT) && start2 + i + 1 > mid) {
			if (nheld == AC_HELD) {
				pending = 1; /* reported after the held ones */
				break;
			}
			held_state[nheld] = (v2 & ~AC_OUT) / ac->nclasses;
			held_end[nheld++] = start2 + i + 1;
		}
	}
	/* Too many held: the first half alone up to mid, then the second from its place. */
	if (pending) {
		if (scan_run(ac, &v1, buf, i + 1, mid, 0, fn, ctx))
			return 1;
		i++;
	}
	for (k = 0; k < nheld; k++)
		if (report(ac, held_state[k], held_end[k], fn, ctx))
			return 1;
	if (pending && report(ac, (v2 & ~AC_OUT) / ac->nclasses, start2 + i, fn, ctx))
		return 1;
	return scan_run(ac, &v2, buf, start2 + i, len, mid, fn, ctx);
}
