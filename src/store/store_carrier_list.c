/*
 * store_carrier_list.c — the ledger as each person may see it: lists,
 * full-text search, exact totals and statistics, with need-to-know on
 * every row.
 */
#include "fts_bigram.h"
#include "store.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

/*
 * How a list is answered.  carriers_fts indexes each carrier's number,
 * title and notes, and its acl tokens (schema migration 3): l<level>,
 * s<state>, t<type>, and one token per way of knowing it at its level,
 * p<person>x<level>, d<department>x<level>, c<custodian>x<level> and
 * ox<level> when it is open to the unit.  A viewer's visible set is then
 * the OR of a dozen short posting lists (their person, department and
 * custody tokens at each level they are cleared for), and a search, a
 * filter, the page and the exact total are one FTS5 expression over it,
 * evaluated inside FTS5 in id order: no visible set is ever built, sorted
 * or counted row by row in SQL.
 *
 * The officer sees every carrier they are cleared for: their totals come
 * from carrier_tally (counts by level, state and type kept by triggers)
 * and their plain pages from the table in id order.  Filters on custody
 * and dates run in SQL on the rows.  Every page row is checked once more
 * against the need-to-know rule in SQL (store_visible_pred), so a page can never
 * show what the rule forbids whatever the index holds.
 */

/* A filter on one token family (level, state or type) over its values. */
struct family {
	char prefix;            /* 'l', 's' or 't' */
	int nvalues;            /* LEVEL_COUNT, CS_COUNT or CT_COUNT */
	bool allowed[CT_COUNT]; /* the most values of the three */
	int64_t pos, neg;       /* carriers with an allowed / another value */
	bool constrained;       /* some value is not allowed */
};
_Static_assert((int)CT_COUNT >= (int)CS_COUNT && (int)CT_COUNT >= LEVEL_COUNT,
               "struct family holds the most values");

/* Counts by level, state and type (carrier_tally). */
struct tally {
	int64_t n[LEVEL_COUNT][CS_COUNT][CT_COUNT];
};

static enum store_err tally_load(struct db *db, struct tally *t)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db, "SELECT level, state, type, n FROM carrier_tally", &s);
	int rc;

	memset(t, 0, sizeof(*t));
	if (ret)
		return ret;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int l = sqlite3_column_int(s, 0), st = sqlite3_column_int(s, 1),
		    ty = sqlite3_column_int(s, 2);

		if (l >= 0 && l < LEVEL_COUNT && st >= 0 && st < CS_COUNT && ty >= 0 &&
		    ty < CT_COUNT)
			t->n[l][st][ty] = sqlite3_column_int64(s, 3);
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* The levels a viewer may see at all, narrowed by a level filter (-1 any). */
static bool level_allowed(const struct carrier_viewer *v, int level_filter, int l)
{
	return level_cleared_for(v->clearance, (enum level)l) &&
	       (level_filter < 0 || level_filter == l);
}

/* The three families for a filter, with their sizes from the tally. */
static void families_of(const struct carrier_viewer *v, const struct carrier_filter *f,
                        const struct tally *t, struct family fam[3])
{
	memset(fam, 0, 3 * sizeof(fam[0]));
	fam[0].prefix = 'l';
	fam[0].nvalues = LEVEL_COUNT;
	fam[1].prefix = 's';
	fam[1].nvalues = CS_COUNT;
	fam[2].prefix = 't';
	fam[2].nvalues = CT_COUNT;
	for (int l = 0; l < LEVEL_COUNT; l++)
		fam[0].allowed[l] = level_allowed(v, f->level, l);
	for (int s = 0; s < CS_COUNT; s++)
		fam[1].allowed[s] = f->state < 0 || f->state == s;
	for (int y = 0; y < CT_COUNT; y++)
		fam[2].allowed[y] = f->type < 0 || f->type == y;
	for (int l = 0; l < LEVEL_COUNT; l++)
		for (int s = 0; s < CS_COUNT; s++)
			for (int y = 0; y < CT_COUNT; y++) {
				int64_t n = t->n[l][s][y];

				fam[0].pos += fam[0].allowed[l] ? n : 0;
				fam[0].neg += fam[0].allowed[l] ? 0 : n;
				fam[1].pos += fam[1].allowed[s] ? n : 0;
				fam[1].neg += fam[1].allowed[s] ? 0 : n;
				fam[2].pos += fam[2].allowed[y] ? n : 0;
				fam[2].neg += fam[2].allowed[y] ? 0 : n;
			}
	for (int i = 0; i < 3; i++)
		for (int k = 0; k < fam[i].nvalues; k++)
			if (!fam[i].allowed[k])
				fam[i].constrained = true;
}

/* Carriers the officer's filter matches, from the tally. */
static int64_t tally_count(const struct tally *t, const struct family fam[3])
{
	int64_t n = 0;

	for (int l = 0; l < LEVEL_COUNT; l++)
		for (int s = 0; s < CS_COUNT; s++)
			for (int y = 0; y < CT_COUNT; y++)
				if (fam[0].allowed[l] && fam[1].allowed[s] && fam[2].allowed[y])
					n += t->n[l][s][y];
	return n;
}

/* A search word's tokens: how many, and how many are plain ASCII. */
struct word_tokens {
	int n, ascii;
};

static int count_token(void *ctx, const char *tok, int toklen, int start, int end)
{
	struct word_tokens *w = ctx;
	bool ascii = true;

	(void)start, (void)end;
	for (int i = 0; i < toklen; i++)
		if ((unsigned char)tok[i] >= 0x80)
			ascii = false;
	w->n++;
	w->ascii += ascii;
	return 0;
}

/*
 * The user's words as FTS5 phrases on the text columns, joined by AND;
 * no operator can come from input.  Words without any token (punctuation)
 * are left out.  A phrase is kept off the acl column by a column filter,
 * which FTS5 checks on every position; a word whose tokens all hold a
 * non-ASCII character (Chinese) cannot match an acl token, all of which are
 * ASCII, so it goes without.  Returns the number of phrases, or -1 when too
 * long.
 */
static int match_words(struct buf *m, const char *q)
{
	const char *p = q;
	int nwords = 0;

	while (*p) {
		const char *w;
		size_t n;
		struct word_tokens wt = {0, 0};

		while (*p == ' ' || *p == '\t')
			p++;
		w = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		n = (size_t)(p - w);
		if (!n)
			break;
		fts_bigram_tokenize(w, (int)n, count_token, &wt);
		if (!wt.n)
			continue;
		if (nwords++ && buf_puts(m, " AND "))
			return -1;
		if (buf_puts(m, wt.ascii ? "{number title notes} : \"" : "\""))
			return -1;
		for (size_t i = 0; i < n; i++)
			if ((w[i] == '"' && buf_puts(m, "\"")) || buf_append(m, &w[i], 1))
				return -1;
		if (buf_puts(m, "\""))
			return -1;
	}
	return nwords;
}

/* Appends " AND " between positive parts. */
static void match_and(struct buf *m)
{
	if (m->len)
		buf_puts(m, " AND ");
}

/*
 * The viewer's visible set: their person, department and custody tokens
 * at each level they may see (and that the filter asks for), and the open
 * carriers at the unclassified levels.
 */
static void match_visible(struct buf *m, const struct carrier_viewer *v,
                          const struct carrier_filter *f)
{
	const char *sep = "";

	match_and(m);
	buf_puts(m, "acl : (");
	for (int l = 0; l < LEVEL_COUNT; l++) {
		if (!level_allowed(v, f->level, l))
			continue;
		if (v->person_id) {
			buf_printf(m, "%sp%lldx%d OR c%lldx%d", sep, (long long)v->person_id, l,
			           (long long)v->person_id, l);
			sep = " OR ";
		}
		if (v->department_id) {
			buf_printf(m, "%sd%lldx%d", sep, (long long)v->department_id, l);
			sep = " OR ";
		}
		if (!level_is_classified((enum level)l)) {
			buf_printf(m, "%sox%d", sep, l);
			sep = " OR ";
		}
	}
	/* nothing visible at all: a token no carrier has */
	buf_puts(m, *sep ? ")" : "none)");
}

/* One family as `acl : (x1 OR x2)` of what it allows, or of what it excludes. */
static void match_family(struct buf *m, const struct family *fam, bool excluded)
{
	const char *sep = "";

	buf_puts(m, "acl : (");
	for (int k = 0; k < fam->nvalues; k++) {
		if (fam->allowed[k] == excluded)
			continue;
		buf_printf(m, "%s%c%d", sep, fam->prefix, k);
		sep = " OR ";
	}
	buf_puts(m, *sep ? ")" : "none)");
}

/*
 * The FTS5 expression of a list: the words, the viewer's visible set, and
 * the families the filter narrows.  A family is written as what it allows,
 * or (when that is the longer posting list and something else drives the
 * match) as NOT what it excludes: seeking through the list of nearly every
 * carrier costs far more than skipping the few others.  Returns 0, 1 when
 * nothing can match (the words are only punctuation), -1 when too long.
 */
static int match_build(struct buf *m, const struct carrier_viewer *v,
                       const struct carrier_filter *f, struct family fam[3])
{
	bool exclude[3] = {false, false, false};
	int smallest = -1;

	if (f->q && *f->q) {
		int n = match_words(m, f->q);

		if (n <= 0)
			return n < 0 ? -1 : 1;
	}
	if (!v->officer) {
		match_visible(m, v, f);
		fam[0].constrained = false; /* the visible set's tokens carry the level */
	}
	for (int i = 0; i < 3; i++) {
		if (!fam[i].constrained)
			continue;
		exclude[i] = fam[i].neg < fam[i].pos;
		if (smallest < 0 || fam[i].pos < fam[smallest].pos)
			smallest = i;
	}
	if (!m->len && smallest >= 0)
		exclude[smallest] = false;
	for (int i = 0; i < 3; i++)
		if (fam[i].constrained && !exclude[i]) {
			match_and(m);
			match_family(m, &fam[i], false);
		}
	for (int i = 0; i < 3; i++) {
		struct buf w;

		if (!fam[i].constrained || !exclude[i])
			continue;
		/* (A) NOT acl : (excluded values) */
		buf_init(&w, m->max);
		buf_printf(&w, "(%s) NOT ", m->ptr);
		match_family(&w, &fam[i], true);
		buf_reset(m);
		buf_puts(m, w.ptr);
		buf_release(&w);
	}
	return m->len >= m->max - 64 ? -1 : 0;
}

/*
 * The need-to-know rule in SQL on a carriers row c, the same rule as
 * carrier_may_see(): cleared for the level, and the unit's officer, or the
 * custodian, or in the scope by name or department, or open to the unit.
 */
void store_visible_pred(struct buf *b, const struct carrier_viewer *v)
{
	buf_puts(b, "c.level <= :clear");
	if (v->officer)
		return;
	buf_puts(b, " AND (c.open = 1 OR c.custodian_id = :pid OR EXISTS (SELECT 1 FROM "
	            "carrier_scope s WHERE s.carrier_id = c.id AND (s.person_id = :pid OR "
	            "s.department_id = :dept)))");
}

static void bind_named(sqlite3_stmt *s, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i)
		sqlite3_bind_int64(s, i, v);
}

void store_visible_bind(sqlite3_stmt *s, const struct carrier_viewer *v)
{
	int clear = v->clearance == LEVEL_NONE ? LEVEL_INTERNAL : v->clearance;

	if (clear < LEVEL_INTERNAL)
		clear = LEVEL_INTERNAL;
	bind_named(s, ":clear", clear);
	bind_named(s, ":pid", v->person_id ? v->person_id : -1);
	bind_named(s, ":dept", v->department_id ? v->department_id : -1);
}

static bool has_row_filters(const struct carrier_filter *f)
{
	return f->custodian_id || f->expiring_days > 0 || f->expired || f->overdue ||
	       f->review_days > 0;
}

/* Filters checked on the carriers row c: custody and dates. */
static void row_filters_sql(struct buf *b, const struct carrier_filter *f)
{
	if (f->custodian_id)
		buf_puts(b, " AND c.custodian_id = :cust");
	if (f->expiring_days > 0)
		buf_puts(b, " AND c.expires_on >= :today AND c.expires_on <= :today + :days "
		            "AND c.state NOT IN (5, 6, 7, 8)");
	if (f->expired)
		buf_puts(b, " AND c.expires_on < :today AND c.state NOT IN (5, 6, 7, 8)");
	if (f->overdue)
		buf_puts(b, " AND c.state IN (1, 3) AND c.due_on < :today");
	if (f->review_days > 0)
		buf_puts(b, " AND c.review_due <= :today + :rdays");
}

/* The same filters as plain SQL on level, state and type. */
static void family_sql(struct buf *b, const struct carrier_filter *f)
{
	if (f->type >= 0)
		buf_puts(b, " AND c.type = :type");
	if (f->level >= 0)
		buf_puts(b, " AND c.level = :level");
	if (f->state >= 0)
		buf_puts(b, " AND c.state = :state");
}

static void filter_bind(sqlite3_stmt *s, const struct carrier_filter *f, const char *match)
{
	bind_named(s, ":type", f->type);
	bind_named(s, ":level", f->level);
	bind_named(s, ":state", f->state);
	bind_named(s, ":cust", f->custodian_id);
	bind_named(s, ":today", f->today);
	bind_named(s, ":days", f->expiring_days);
	bind_named(s, ":rdays", f->review_days);
	bind_named(s, ":limit", f->limit);
	bind_named(s, ":offset", f->offset);
	if (match) {
		int i = sqlite3_bind_parameter_index(s, ":m");

		if (i)
			sqlite3_bind_text(s, i, match, -1, SQLITE_STATIC);
	}
}

/* Runs a query of carrier rows (CARRIER_COLS) or, when items is NULL, one count. */
static enum store_err run_list(struct db *db, const char *sql, const struct carrier_viewer *v,
                               const struct carrier_filter *f, const char *match, json_t *items,
                               int64_t *count)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db, sql, &s);
	int rc;

	if (ret)
		return ret;
	store_visible_bind(s, v);
	filter_bind(s, f, match);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!items) {
			*count = sqlite3_column_int64(s, 0);
		} else {
			struct carrier_rec c;

			store_row_to_carrier(s, &c);
			json_array_append_new(items, carrier_json(&c));
		}
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

struct carrier_list_tuning carrier_list_tuning = {
    /* an officer's plain page scans the table in id order when about this few rows will do */
    .scan_rows = 4000,
    /* a viewer's row filter drives from its index when it has fewer candidates than this */
    .row_probe = 2000,
    /* see fts_collect() */
    .collect_viewer = 16384,
    .collect_officer = 4096,
};

/* Rows a row filter's index can give, counted up to the row_probe. */
static enum store_err row_filter_candidates(struct db *db, const struct carrier_filter *f,
                                            int64_t *n)
{
	struct buf sql;
	enum store_err ret;

	buf_init(&sql, 1024);
	buf_puts(&sql, "SELECT count(*) FROM (SELECT 1 FROM carriers c WHERE 1");
	if (f->custodian_id)
		buf_puts(&sql, " AND c.custodian_id = :cust");
	else if (f->overdue)
		buf_puts(&sql, " AND c.due_on < :today");
	else if (f->review_days > 0)
		buf_puts(&sql, " AND c.review_due <= :today + :rdays");
	else if (f->expiring_days > 0)
		buf_puts(&sql, " AND c.expires_on >= :today AND c.expires_on <= :today + :days");
	else
		buf_puts(&sql, " AND c.expires_on < :today");
	buf_printf(&sql, " LIMIT %d)", carrier_list_tuning.row_probe);
	{
		struct carrier_viewer nobody = {.clearance = LEVEL_NONE};

		ret = run_list(db, sql.ptr, &nobody, f, NULL, NULL, n);
	}
	buf_release(&sql);
	return ret;
}

/* Count and page in plain SQL on the rows: the officer's dense pages and row filters. */
static enum store_err sql_list(struct db *db, const struct carrier_viewer *v,
                               const struct carrier_filter *f, bool count, json_t *items,
                               int64_t *total)
{
	struct buf sql;
	enum store_err ret = STORE_OK;

	buf_init(&sql, 4096);
	if (count) {
		buf_puts(&sql, "SELECT count(*) FROM carriers c WHERE ");
		store_visible_pred(&sql, v);
		family_sql(&sql, f);
		row_filters_sql(&sql, f);
		ret = run_list(db, sql.ptr, v, f, NULL, NULL, total);
		buf_reset(&sql);
	}
	if (!ret && *total > f->offset && f->limit > 0) {
		buf_puts(&sql, "SELECT " CARRIER_COLS " FROM carriers c WHERE ");
		store_visible_pred(&sql, v);
		family_sql(&sql, f);
		row_filters_sql(&sql, f);
		buf_puts(&sql, " ORDER BY c.id DESC LIMIT :limit OFFSET :offset");
		ret = run_list(db, sql.ptr, v, f, NULL, items, NULL);
	}
	buf_release(&sql);
	return ret;
}

/* Appends the rows of ids (newest first), each checked against need-to-know once more. */
static enum store_err fetch_ids(struct db *db, const struct carrier_viewer *v, const int64_t *ids,
                                size_t n, json_t *items)
{
	struct buf sql;
	sqlite3_stmt *s;
	enum store_err ret;
	int rc = SQLITE_DONE;

	buf_init(&sql, 4096);
	buf_puts(&sql, "SELECT " CARRIER_COLS " FROM carriers c WHERE c.id = :id AND ");
	store_visible_pred(&sql, v);
	ret = store_prepare(db, sql.ptr, &s);
	buf_release(&sql);
	if (ret)
		return ret;
	store_visible_bind(s, v);
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(s);
		bind_named(s, ":id", ids[i]);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct carrier_rec c;

			store_row_to_carrier(s, &c);
			json_array_append_new(items, carrier_json(&c));
		}
		if (rc != SQLITE_DONE)
			break;
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/*
 * While a match has at most this many rows, one pass in id order counts
 * them and keeps the page; past it, FTS5 counts (without handing each row
 * out) and a second query reads the page newest first, stopping early.
 * Reading a short match newest first costs more than the whole pass, a
 * long one the reverse.  A viewer's matches are a part of their visible
 * set, typically thousands; an officer's search often most of the ledger
 * (carrier_list_tuning.collect_viewer and collect_officer).
 */
#define FTS_PAGE_MAX 20000

/*
 * One pass over the matches in id order: the total, and the newest
 * offset + limit ids in a ring.  *complete is false when it stopped at
 * the viewer's FTS_COLLECT_ rows.
 */
static enum store_err fts_collect(struct db *db, const struct carrier_viewer *v,
                                  const struct carrier_filter *f, const char *match, json_t *items,
                                  int64_t *total, bool *complete)
{
	size_t want = (size_t)f->offset + (size_t)(items && f->limit > 0 ? f->limit : 0);
	int64_t max =
	    v->officer ? carrier_list_tuning.collect_officer : carrier_list_tuning.collect_viewer;
	int64_t *ring = want ? malloc(want * sizeof(*ring)) : NULL, *page = NULL;
	struct buf sql;
	sqlite3_stmt *s = NULL;
	enum store_err ret;
	int64_t n = 0;
	size_t npage = 0;
	int rc;

	*complete = true;
	if (want && !ring)
		return STORE_IO;
	buf_init(&sql, 4096);
	if (!has_row_filters(f)) {
		buf_puts(&sql, "SELECT rowid FROM carriers_fts WHERE carriers_fts MATCH :m "
		               "ORDER BY rowid");
	} else {
		buf_puts(&sql,
		         "SELECT f.rowid FROM carriers_fts f JOIN carriers c ON c.id = f.rowid "
		         "WHERE carriers_fts MATCH :m");
		row_filters_sql(&sql, f);
		buf_puts(&sql, " ORDER BY f.rowid");
	}
	ret = store_prepare(db, sql.ptr, &s);
	buf_release(&sql);
	if (ret)
		goto out;
	filter_bind(s, f, match);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (want)
			ring[n % (int64_t)want] = sqlite3_column_int64(s, 0);
		if (++n > max && (int64_t)want <= max) {
			*complete = false;
			rc = SQLITE_DONE;
			break;
		}
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE) {
		ret = db_fail(db, rc);
		goto out;
	}
	if (!*complete)
		goto out;
	*total = n;
	/* the page: newest first, after skipping offset */
	page = want ? malloc(want * sizeof(*page)) : NULL;
	if (want && !page) {
		ret = STORE_IO;
		goto out;
	}
	for (int64_t i = n - 1 - f->offset; i >= 0 && i >= n - (int64_t)want; i--)
		page[npage++] = ring[i % (int64_t)want];
	if (npage)
		ret = fetch_ids(db, v, page, npage, items);
out:
	free(ring);
	free(page);
	return ret;
}

/* Count (unless known) and page through carriers_fts. */
static enum store_err fts_list(struct db *db, const struct carrier_viewer *v,
                               const struct carrier_filter *f, struct family fam[3], bool count,
                               json_t *items, int64_t *total)
{
	struct buf sql, m;
	bool rows = has_row_filters(f), complete = false;
	enum store_err ret = STORE_OK;
	int mb;

	buf_init(&sql, 4096);
	buf_init(&m, 16384);
	mb = match_build(&m, v, f, fam);
	if (mb) {
		if (mb < 0) {
			ret = STORE_INVALID;
			snprintf(db->errmsg, sizeof(db->errmsg), "search text too long");
		}
		*total = 0;
		goto out;
	}
	if (count && (int64_t)f->offset + f->limit <= FTS_PAGE_MAX) {
		ret = fts_collect(db, v, f, m.ptr, items, total, &complete);
		if (ret || complete)
			goto out;
	}
	if (count) {
		if (!rows) {
			buf_puts(&sql,
			         "SELECT count(*) FROM carriers_fts WHERE carriers_fts MATCH :m");
		} else {
			buf_puts(&sql,
			         "SELECT count(*) FROM carriers_fts f JOIN carriers c ON c.id = "
			         "f.rowid WHERE carriers_fts MATCH :m");
			row_filters_sql(&sql, f);
		}
		ret = run_list(db, sql.ptr, v, f, m.ptr, NULL, total);
		buf_reset(&sql);
		if (ret || *total <= f->offset)
			goto out;
	}
	if (!items || f->limit <= 0)
		goto out;
	if (!rows) {
		buf_puts(&sql,
		         "SELECT " CARRIER_COLS " FROM carriers c WHERE c.id IN (SELECT rowid "
		         "FROM carriers_fts WHERE carriers_fts MATCH :m ORDER BY rowid DESC "
		         "LIMIT :limit OFFSET :offset) AND ");
		store_visible_pred(&sql, v);
		buf_puts(&sql, " ORDER BY c.id DESC");
	} else {
		buf_puts(&sql,
		         "SELECT " CARRIER_COLS " FROM carriers_fts f JOIN carriers c ON c.id "
		         "= f.rowid WHERE carriers_fts MATCH :m");
		row_filters_sql(&sql, f);
		buf_puts(&sql, " AND ");
		store_visible_pred(&sql, v);
		buf_puts(&sql, " ORDER BY f.rowid DESC LIMIT :limit OFFSET :offset");
	}
	ret = run_list(db, sql.ptr, v, f, m.ptr, items, NULL);
out:
	buf_release(&sql);
	buf_release(&m);
	return ret;
}

static enum store_err list_in_snapshot(struct db *db, const struct carrier_viewer *v,
                                       const struct carrier_filter *f, json_t **items,
                                       int64_t *total)
{
	struct tally *t = malloc(sizeof(*t));
	struct family fam[3];
	bool q = f->q && *f->q, rows = has_row_filters(f);
	enum store_err ret;

	*items = json_array();
	*total = 0;
	if (!t)
		return STORE_IO;
	ret = tally_load(db, t);
	if (ret)
		goto out;
	families_of(v, f, t, fam);
	if (v->officer && !q && !rows) {
		/* the officer's total from the tally; a dense page from the table */
		int64_t all = 0;

		*total = tally_count(t, fam);
		for (int l = 0; l < LEVEL_COUNT; l++)
			for (int s = 0; s < CS_COUNT; s++)
				for (int y = 0; y < CT_COUNT; y++)
					all += t->n[l][s][y];
		if (*total <= f->offset)
			goto out;
		if ((!fam[0].constrained && !fam[1].constrained && !fam[2].constrained) ||
		    (int64_t)(f->offset + f->limit) * all / *total <= carrier_list_tuning.scan_rows)
			ret = sql_list(db, v, f, false, *items, total);
		else
			ret = fts_list(db, v, f, fam, false, *items, total);
		goto out;
	}
	if (!q && rows) {
		/* custody and dates: from their index when it is selective */
		int64_t cand = 0;

		if (!v->officer)
			ret = row_filter_candidates(db, f, &cand);
		if (ret)
			goto out;
		if (v->officer || cand < carrier_list_tuning.row_probe) {
			ret = sql_list(db, v, f, true, *items, total);
			goto out;
		}
	}
	ret = fts_list(db, v, f, fam, true, *items, total);
out:
	free(t);
	return ret;
}

/*
 * Runs reads in one read transaction unless one is open: the total and the
 * page come from the same snapshot, and the WAL read lock is taken once.
 */
static bool snapshot_begin(struct db *db)
{
	return sqlite3_get_autocommit(db->h) &&
	       sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void snapshot_end(struct db *db, bool own)
{
	if (own)
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

/* A list item and its carrier id, sorted by id to find an item by its carrier. */
struct item_ref {
	int64_t id;
	json_t *item;
};

static int item_ref_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct item_ref *)a)->id, y = ((const struct item_ref *)b)->id;

	return (x > y) - (x < y);
}

/*
 * Fills each item's scope_people and scope_departments (carrier_json gives
 * them empty in lists) from carrier_scope, in one query over the page's ids.
 */
static enum store_err scope_fill(struct db *db, json_t *items)
{
	size_t n = json_array_size(items), i;
	struct item_ref *refs, key, *hit;
	json_t *ids = json_array(), *it;
	sqlite3_stmt *s = NULL;
	enum store_err ret = STORE_OK;
	char *text = NULL;
	int rc = SQLITE_DONE;

	if (!n) {
		json_decref(ids);
		return STORE_OK;
	}
	refs = malloc(n * sizeof(*refs));
	if (!refs) {
		json_decref(ids);
		return STORE_IO;
	}
	json_array_foreach(items, i, it)
	{
		refs[i].id = json_integer_value(json_object_get(it, "id"));
		refs[i].item = it;
		json_array_append_new(ids, json_integer(refs[i].id));
	}
	qsort(refs, n, sizeof(*refs), item_ref_cmp);
	text = json_dumps(ids, JSON_COMPACT);
	if (!text) {
		ret = STORE_IO;
		goto out;
	}
	ret = store_prepare(db,
	                    "SELECT carrier_id, person_id, department_id FROM carrier_scope WHERE "
	                    "carrier_id IN (SELECT value FROM json_each(?)) ORDER BY rowid",
	                    &s);
	if (ret)
		goto out;
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		bool person = sqlite3_column_type(s, 1) != SQLITE_NULL;

		key.id = sqlite3_column_int64(s, 0);
		hit = bsearch(&key, refs, n, sizeof(*refs), item_ref_cmp);
		if (hit)
			json_array_append_new(
			    json_object_get(hit->item,
			                    person ? "scope_people" : "scope_departments"),
			    json_integer(sqlite3_column_int64(s, person ? 1 : 2)));
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		ret = db_fail(db, rc);
out:
	free(text);
	free(refs);
	json_decref(ids);
	return ret;
}

enum store_err carrier_list(struct db *db, const struct carrier_viewer *v,
                            const struct carrier_filter *f, json_t **items, int64_t *total)
{
	bool own = snapshot_begin(db);
	enum store_err ret = list_in_snapshot(db, v, f, items, total);

	if (!ret)
		ret = scope_fill(db, *items);

	snapshot_end(db, own);
	return ret;
}

static enum store_err stats_in_snapshot(struct db *db, const struct carrier_viewer *v,
                                        int32_t today, json_t **out)
{
	struct tally *t = malloc(sizeof(*t));
	struct carrier_filter f;
	int64_t by_level[LEVEL_COUNT] = {0}, by_state[CS_COUNT] = {0}, n[CS_COUNT] = {0};
	int64_t total = 0, overdue = 0, expiring = 0;
	json_t *jl, *js, *items = NULL;
	enum store_err ret;
	int most = 0;

	*out = NULL;
	if (!t)
		return STORE_IO;
	ret = tally_load(db, t);
	if (ret) {
		free(t);
		return ret;
	}
	memset(&f, 0, sizeof(f));
	f.type = f.level = f.state = -1;
	f.today = today;
	for (int l = 0; l < LEVEL_COUNT; l++)
		for (int s = 0; s < CS_COUNT; s++)
			for (int y = 0; y < CT_COUNT; y++) {
				n[s] += t->n[l][s][y];
				if (v->officer && level_allowed(v, -1, l)) {
					by_level[l] += t->n[l][s][y];
					by_state[s] += t->n[l][s][y];
				}
			}
	if (!v->officer) {
		struct family fam[3];

		/* by level through the visible set at each level; by state likewise,
		 * the commonest state as the rest of the total */
		for (int l = 0; !ret && l < LEVEL_COUNT; l++) {
			f.level = l;
			families_of(v, &f, t, fam);
			if (level_allowed(v, -1, l))
				ret = fts_list(db, v, &f, fam, true, NULL, &by_level[l]);
			total += by_level[l];
		}
		f.level = -1;
		for (int s = 1; s < CS_COUNT; s++)
			if (n[s] > n[most])
				most = s;
		for (int s = 0; !ret && s < CS_COUNT; s++) {
			if (s == most || !n[s])
				continue;
			f.state = s;
			families_of(v, &f, t, fam);
			ret = fts_list(db, v, &f, fam, true, NULL, &by_state[s]);
		}
		f.state = -1;
		by_state[most] = total;
		for (int s = 0; s < CS_COUNT; s++)
			if (s != most)
				by_state[most] -= by_state[s];
	}
	free(t);
	total = 0;
	for (int l = 0; l < LEVEL_COUNT; l++)
		total += by_level[l];
	f.limit = 0;
	f.overdue = 1;
	if (!ret)
		ret = list_in_snapshot(db, v, &f, &items, &overdue);
	if (!ret) {
		json_decref(items);
		f.overdue = 0;
		f.expiring_days = 30;
		ret = list_in_snapshot(db, v, &f, &items, &expiring);
	}
	json_decref(items);
	if (ret)
		return ret;
	jl = json_object();
	js = json_object();
	for (int l = 0; l < LEVEL_COUNT; l++)
		if (by_level[l])
			json_object_set_new(jl, level_code((enum level)l),
			                    json_integer(by_level[l]));
	for (int s = 0; s < CS_COUNT; s++)
		if (by_state[s])
			json_object_set_new(js, carrier_state_code((enum carrier_state)s),
			                    json_integer(by_state[s]));
	*out =
	    json_pack("{sI so so sI sI}", "total", (json_int_t)total, "by_level", jl, "by_state",
	              js, "overdue", (json_int_t)overdue, "expiring_30_days", (json_int_t)expiring);
	return STORE_OK;
}

enum store_err carrier_stats(struct db *db, const struct carrier_viewer *v, int32_t today,
                             json_t **out)
{
	bool own = snapshot_begin(db);
	enum store_err ret = stats_in_snapshot(db, v, today, out);

	snapshot_end(db, own);
	return ret;
}
