/*
 * ac — a portable Aho-Corasick multi-pattern matcher.
 *
 * The fallback engine where Hyperscan/vectorscan is not available
 * (LoongArch, MIPS, or a build without it).  The automaton is a full DFA over
 * byte classes (bytes that no pattern uses share one class), so the inner
 * loop is one table load per input byte.  It reports every occurrence of
 * every pattern, overlapping ones included, exactly as Hyperscan does.
 */
#ifndef BAOMI_CHECK_AC_H
#define BAOMI_CHECK_AC_H

#include <stddef.h>

enum ac_err {
	AC_OK = 0,
	AC_EMPTY_PATTERN,
	AC_TOO_BIG, /* the automaton would pass AC_MAX_STATES */
	AC_NOMEM,
};

#define AC_MAX_STATES (1u << 21)

struct ac;

/* Returns nonzero to stop the scan.  end is the offset just past the match. */
typedef int (*ac_match_fn)(unsigned id, size_t end, void *ctx);

enum ac_err ac_build(struct ac **out, const unsigned char *const *pats, const size_t *lens,
                     size_t n);
void ac_free(struct ac *ac);
/* Returns 1 when the callback stopped the scan, else 0. */
int ac_scan(const struct ac *ac, const unsigned char *buf, size_t len, ac_match_fn fn, void *ctx);

#endif
