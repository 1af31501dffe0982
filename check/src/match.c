#include "match.h"

#include <stdlib.h>

#include "ac.h"

#ifdef BAOMI_CHECK_HAVE_HS
#include <hs/hs.h>
#endif

struct match_db {
	enum match_engine engine;
	struct ac *ac;
#ifdef BAOMI_CHECK_HAVE_HS
	hs_database_t *hs;
#endif
};

struct match_scratch {
#ifdef BAOMI_CHECK_HAVE_HS
	hs_scratch_t *hs;
#endif
	int unused;
};

int match_hs_available(void)
{
#ifdef BAOMI_CHECK_HAVE_HS
	return hs_valid_platform() == HS_SUCCESS;
#else
	return 0;
#endif
}

#ifdef BAOMI_CHECK_HAVE_HS
static enum match_err hs_build(struct match_db *db, const unsigned char *const *pats,
                               const size_t *lens, size_t n)
{
	unsigned *ids = NULL, *flags = NULL, i;
	hs_compile_error_t *cerr = NULL;
	enum match_err err = MATCH_OK;

	ids = malloc((n ? n : 1) * sizeof(*ids));
	flags = calloc(n ? n : 1, sizeof(*flags));
	if (!ids || !flags) {
		err = MATCH_NOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		ids[i] = i;
	if (hs_compile_lit_multi((const char *const *)pats, flags, ids, lens, (unsigned)n,
	                         HS_MODE_BLOCK, NULL, &db->hs, &cerr) != HS_SUCCESS) {
		hs_free_compile_error(cerr);
		err = MATCH_COMPILE;
	}
out:
	free(ids);
	free(flags);
	return err;
}
#endif

enum match_err match_db_new(struct match_db **out, enum match_engine engine,
                            const unsigned char *const *pats, const size_t *lens, size_t n)
{
	struct match_db *db;
	enum match_err err = MATCH_OK;

	*out = NULL;
	if (engine == MATCH_AUTO)
		engine = match_hs_available() ? MATCH_HS : MATCH_AC;
	if (engine == MATCH_HS && !match_hs_available())
		return MATCH_UNAVAILABLE;
	db = calloc(1, sizeof(*db));
	if (!db)
		return MATCH_NOMEM;
	db->engine = engine;
	if (engine == MATCH_AC) {
		enum ac_err aerr = ac_build(&db->ac, pats, lens, n);

		if (aerr)
			err = aerr == AC_NOMEM ? MATCH_NOMEM : MATCH_COMPILE;
	}
#ifdef BAOMI_CHECK_HAVE_HS
	else {
		err = hs_build(db, pats, lens, n);
	}
#endif
	if (err) {
		match_db_free(db);
		return err;
	}
	*out = db;
	return MATCH_OK;
}

void match_db_free(struct match_db *db)
{
	if (!db)
		return;
	ac_free(db->ac);
#ifdef BAOMI_CHECK_HAVE_HS
	if (db->hs)
		hs_free_database(db->hs);
#endif
	free(db);
}

const char *match_db_engine_name(const struct match_db *db)
{
	return db->engine == MATCH_HS ? "hyperscan" : "aho-corasick";
}

enum match_engine match_db_engine(const struct match_db *db)
{
	return db->engine;
}

enum match_err match_scratch_new(const struct match_db *db, struct match_scratch **out)
{
	struct match_scratch *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return MATCH_NOMEM;
#ifdef BAOMI_CHECK_HAVE_HS
	if (db->hs && hs_alloc_scratch(db->hs, &s->hs) != HS_SUCCESS) {
		free(s);
		return MATCH_NOMEM;
	}
#else
	(void)db;
#endif
	*out = s;
	return MATCH_OK;
}

enum match_err match_scratch_fit(const struct match_db *db, struct match_scratch *s)
{
#ifdef BAOMI_CHECK_HAVE_HS
	if (db->hs && hs_alloc_scratch(db->hs, &s->hs) != HS_SUCCESS)
		return MATCH_NOMEM;
#else
	(void)db;
	(void)s;
#endif
	return MATCH_OK;
}

void match_scratch_free(struct match_scratch *s)
{
	if (!s)
		return;
#ifdef BAOMI_CHECK_HAVE_HS
	if (s->hs)
		hs_free_scratch(s->hs);
#endif
	free(s);
}

#ifdef BAOMI_CHECK_HAVE_HS
struct hs_ctx {
	match_fn fn;
	void *ctx;
};

static int hs_on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
                       void *ctx)
{
	struct hs_ctx *c = ctx;

	(void)from;
	(void)flags;
	return c->fn(id, (size_t)to, c->ctx);
}
#endif

enum match_err match_scan(const struct match_db *db, struct match_scratch *s,
                          const unsigned char *buf, size_t len, match_fn fn, void *ctx)
{
	if (db->engine == MATCH_AC) {
		ac_scan(db->ac, buf, len, fn, ctx);
		return MATCH_OK;
	}
#ifdef BAOMI_CHECK_HAVE_HS
	{
		struct hs_ctx c = {fn, ctx};
		hs_error_t e;

		/* Hyperscan takes an unsigned length; callers cap buffers below it. */
		if (len > 0xFFFFFFFFu)
			return MATCH_COMPILE;
		e = hs_scan(db->hs, (const char *)buf, (unsigned)len, 0, s->hs, hs_on_match, &c);
		if (e != HS_SUCCESS && e != HS_SCAN_TERMINATED)
			return MATCH_COMPILE;
	}
#else
	(void)s;
#endif
	return MATCH_OK;
}
