/*
 * match — the multi-pattern engine behind the keyword scan.
 *
 * One interface over two engines: Hyperscan (or vectorscan) when the build
 * found it, and the portable Aho-Corasick of ac.c everywhere.  Both report
 * every occurrence of every literal pattern as (pattern id, end offset), so
 * the scan gives the same results whichever engine runs it.
 */
#ifndef BAOMI_CHECK_MATCH_H
#define BAOMI_CHECK_MATCH_H

#include <stddef.h>

enum match_err {
	MATCH_OK = 0,
	MATCH_UNAVAILABLE, /* engine not compiled in */
	MATCH_COMPILE,     /* the engine refused the patterns */
	MATCH_NOMEM,
};

enum match_engine {
	MATCH_AUTO = 0, /* Hyperscan when available, else Aho-Corasick */
	MATCH_AC,
	MATCH_HS,
};

struct match_db;
struct match_scratch;

/* Returns nonzero to stop the scan. */
typedef int (*match_fn)(unsigned id, size_t end, void *ctx);

int match_hs_available(void);
enum match_err match_db_new(struct match_db **out, enum match_engine engine,
                            const unsigned char *const *pats, const size_t *lens, size_t n);
void match_db_free(struct match_db *db);
const char *match_db_engine_name(const struct match_db *db);
enum match_engine match_db_engine(const struct match_db *db);
/* One scratch per thread. */
enum match_err match_scratch_new(const struct match_db *db, struct match_scratch **out);
/* Makes s usable with db as well (one scratch can serve several databases). */
enum match_err match_scratch_fit(const struct match_db *db, struct match_scratch *s);
void match_scratch_free(struct match_scratch *s);
/* Returns MATCH_OK (also when the callback stopped the scan). */
enum match_err match_scan(const struct match_db *db, struct match_scratch *s,
                          const unsigned char *buf, size_t len, match_fn fn, void *ctx);

#endif
