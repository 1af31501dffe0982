/*
 * store_pubrev.c — 信息发布保密审查 in SQLite (see store_pubrev.h).
 */
#include "store_pubrev.h"

#include <stdlib.h>
#include <string.h>

#include "../core/role.h"
#include "../util/bjtime.h"
#include "../util/buf.h"
#include "store_int.h"

/* ---- keywords ---- */

enum store_err pubkw_list(struct db *db, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err e = store_prepare(db,
	                                 "SELECT id, word, level, note, updated_at FROM "
	                                 "review_keywords ORDER BY level DESC, word",
	                                 &s);
	int rc;

	*items = NULL;
	if (e)
		return e;
	*items = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(*items,
		                      json_pack("{sI ss ss ss so}", "id",
		                                (json_int_t)sqlite3_column_int64(s, 0), "word",
		                                store_col_text(s, 1), "level",
		                                level_code((enum level)sqlite3_column_int(s, 2)),
		                                "note", store_col_text(s, 3), "updated_at",
		                                store_time_json(sqlite3_column_int64(s, 4))));
	store_finish(db, s);
	*total = (int64_t)json_array_size(*items);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err pubkw_insert(struct db *db, const char *word, int level, const char *note,
                            int64_t by, int64_t *id)
{
	sqlite3_stmt *s;
	enum store_err e = store_prepare(
	    db,
	    "INSERT INTO review_keywords(word, level, note, created_by, created_at, updated_at) "
	    "VALUES (?,?,?,?,?,?5)",
	    &s);

	if (e)
		return e;
	sqlite3_bind_text(s, 1, word, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, level);
	sqlite3_bind_text(s, 3, note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, by);
	sqlite3_bind_int64(s, 5, bjtime_now_ms());
	e = store_step_done(db, s);
	if (!e)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum store_err pubkw_update(struct db *db, int64_t id, const char *word, int level,
                            const char *note)
{
	sqlite3_stmt *s;
	enum store_err e = store_prepare(db,
	                                 "UPDATE review_keywords SET word = coalesce(?2, word), "
	                                 "level = CASE WHEN ?3 < 0 THEN level ELSE ?3 END, "
	                                 "note = coalesce(?4, note), updated_at = ?5 WHERE id = ?1",
	                                 &s);

	if (e)
		return e;
	sqlite3_bind_int64(s, 1, id);
	if (word)
		sqlite3_bind_text(s, 2, word, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 3, level);
	if (note)
		sqlite3_bind_text(s, 4, note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, bjtime_now_ms());
	e = store_step_done(db, s);
	if (!e && sqlite3_changes(db->h) == 0)
		e = STORE_NOTFOUND;
	return e;
}

enum store_err pubkw_delete(struct db *db, int64_t id, char *word, size_t wn)
{
	sqlite3_stmt *s;
	enum store_err e =
	    store_prepare(db, "DELETE FROM review_keywords WHERE id = ? RETURNING word", &s);
	int rc;

	if (e)
		return e;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_copy_text(word, wn, sqlite3_column_text(s, 0));
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return word[0] ? STORE_OK : STORE_NOTFOUND;
}

/* ---- words ---- */

static enum store_err words_push(struct pubrev_word **out, size_t *n, size_t *cap,
                                 enum pubrev_hit_kind kind, int64_t id, const char *w, int level)
{
	struct pubrev_word *x;

	if (!w || !*w || strlen(w) >= sizeof(x->word))
		return STORE_OK;
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;

		x = realloc(*out, nc * sizeof(*x));
		if (!x)
			return STORE_IO;
		*out = x;
		*cap = nc;
	}
	x = &(*out)[(*n)++];
	x->kind = kind;
	x->id = id;
	snprintf(x->word, sizeof(x->word), "%s", w);
	x->level = level;
	return STORE_OK;
}

enum store_err pubrev_words(struct db *db, const struct carrier_viewer *v, struct pubrev_word **out,
                            size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct buf sql;
	size_t cap = 0;
	enum store_err e;
	int rc;

	*out = NULL;
	*n = 0;
	e = store_prepare(db, "SELECT id, word, level FROM review_keywords ORDER BY id LIMIT ?",
	                  &s);
	if (e)
		return e;
	sqlite3_bind_int(s, 1, PUBREV_KEYWORDS_MAX);
	while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW)
		e = words_push(out, n, &cap, PUBREV_HIT_KEYWORD, sqlite3_column_int64(s, 0),
		               store_col_text(s, 1), sqlite3_column_int(s, 2));
	store_finish(db, s);
	if (e)
		return e;
	/* need-to-know: only carriers the submitter may see are named to them */
	buf_init(&sql, 4096);
	buf_puts(&sql, "SELECT c.id, c.title, c.number, c.level FROM carriers c WHERE c.level >= 2 "
	               "AND c.state <> 7 AND ");
	store_visible_pred(&sql, v);
	buf_puts(&sql, " ORDER BY c.id DESC LIMIT :lim");
	rc = sqlite3_prepare_v2(db->h, sql.ptr, -1, &s, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	store_visible_bind(s, v);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":lim"), PUBREV_CARRIERS_MAX);
	while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const char *title = store_col_text(s, 1);

		/* a title of a character or two says nothing on its own */
		if (strlen(title) >= 9)
			e = words_push(out, n, &cap, PUBREV_HIT_CARRIER, id, title,
			               sqlite3_column_int(s, 3));
		if (!e)
			e = words_push(out, n, &cap, PUBREV_HIT_CARRIER, id, store_col_text(s, 2),
			               sqlite3_column_int(s, 3));
	}
	sqlite3_finalize(s);
	if (!e && rc != SQLITE_DONE && rc != SQLITE_ROW)
		e = db_fail(db, rc);
	return e;
}

/* ---- submissions ---- */

enum store_err pubrev_insert(struct db *db, const char *title, const char *channel,
                             const struct pubrev_chain *chain, int64_t by, int64_t dept,
                             int64_t *id)
{
	sqlite3_stmt *s;
	char steps[64];
	enum store_err e = store_prepare(db,
	                                 "INSERT INTO pub_reviews(title, channel, submitted_by, "
	                                 "department_id, state, steps, step, version, created_at, "
	                                 "updated_at) VALUES (?,?,?,?,0,?,0,0,?6,?6)",
	                                 &s);

	if (e)
		return e;
	pubrev_chain_format(chain, steps, sizeof(steps));
	sqlite3_bind_text(s, 1, title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, channel, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, by);
	store_bind_opt(s, 4, dept);
	sqlite3_bind_text(s, 5, steps, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 6, bjtime_now_ms());
	e = store_step_done(db, s);
	if (!e)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum store_err pubrev_get(struct db *db, int64_t id, struct pubrev_row *r)
{
	sqlite3_stmt *s;
	enum store_err e = store_prepare(
	    db,
	    "SELECT r.id, r.title, r.channel, r.submitted_by, r.department_id, r.state, r.steps, "
	    "r.step, r.version, coalesce(r.frozen_sha256, ''), r.created_at, r.updated_at, "
	    "coalesce(v.sha256, ''), (SELECT count(*) FROM pub_hits h WHERE h.review_id = r.id AND "
	    "h.version = r.version AND h.cleared_at IS NULL) FROM pub_reviews r LEFT JOIN "
	    "pub_versions v ON v.review_id = r.id AND v.version = r.version WHERE r.id = ?",
	    &s);
	int rc;

	memset(r, 0, sizeof(*r));
	if (e)
		return e;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		r->id = sqlite3_column_int64(s, 0);
		store_copy_text(r->title, sizeof(r->title), sqlite3_column_text(s, 1));
		store_copy_text(r->channel, sizeof(r->channel), sqlite3_column_text(s, 2));
		r->sub.submitted_by = sqlite3_column_int64(s, 3);
		r->sub.department_id = sqlite3_column_int64(s, 4);
		r->sub.state = (enum pubrev_state)sqlite3_column_int(s, 5);
		pubrev_chain_parse(store_col_text(s, 6), &r->sub.chain);
		r->sub.step = sqlite3_column_int(s, 7);
		r->version = sqlite3_column_int(s, 8);
		store_copy_text(r->frozen, sizeof(r->frozen), sqlite3_column_text(s, 9));
		r->created_at = sqlite3_column_int64(s, 10);
		r->updated_at = sqlite3_column_int64(s, 11);
		store_copy_text(r->sha256, sizeof(r->sha256), sqlite3_column_text(s, 12));
		r->sub.uncleared = sqlite3_column_int(s, 13);
	}
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}

enum store_err pubrev_ids(struct db *db, bool reviewing_only, int64_t **ids, size_t *n)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	enum store_err e = store_prepare(
	    db, "SELECT id FROM pub_reviews WHERE state = 0 OR NOT ? ORDER BY id DESC", &s);
	int rc;

	*ids = NULL;
	*n = 0;
	if (e)
		return e;
	sqlite3_bind_int(s, 1, reviewing_only);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			int64_t *p = realloc(*ids, nc * sizeof(*p));

			if (!p) {
				store_finish(db, s);
				return STORE_IO;
			}
			*ids = p;
			cap = nc;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err pubrev_add_version(struct db *db, int64_t review_id, int version, const char *name,
                                  const char *format, const void *data, size_t len, const char *sha,
                                  const char *scan_error, int64_t by)
{
	sqlite3_stmt *s;
	int64_t now = bjtime_now_ms();
	enum store_err e = store_prepare(
	    db,
	    "INSERT INTO pub_versions(review_id, version, file_name, format, size, sha256, data, "
	    "scan_error, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
	    &s);

	if (e)
		return e;
	sqlite3_bind_int64(s, 1, review_id);
	sqlite3_bind_int(s, 2, version);
	sqlite3_bind_text(s, 3, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, format, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)len);
	sqlite3_bind_text(s, 6, sha, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob64(s, 7, data, len, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, scan_error, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 9, by);
	sqlite3_bind_int64(s, 10, now);
	e = store_step_done(db, s);
	if (e)
		return e;
	e = store_prepare(db,
	                  "UPDATE pub_reviews SET version = ?2, state = 0, step = 0, "
	                  "frozen_sha256 = NULL, updated_at = ?3 WHERE id = ?1",
	                  &s);
	if (e)
		return e;
	sqlite3_bind_int64(s, 1, review_id);
	sqlite3_bind_int(s, 2, version);
	sqlite3_bind_int64(s, 3, now);
	return store_step_done(db, s);
}

enum store_err pubrev_add_hit(struct db *db, int64_t review_id, int version,
                              enum pubrev_hit_kind kind, const char *word, int level,
                              int64_t ref_id, const char *part, int64_t count, const char *context)
{
	sqlite3_stmt *s;
	enum store_err e = store_prepare(
	    db,
	    "INSERT INTO pub_hits(review_id, version, kind, word, level, keyword_id, carrier_id, "
	    "part, count, context) VALUES (?,?,?,?,?,?,?,?,?,?)",
	    &s);

	if (e)
		return e;
	sqlite3_bind_int64(s, 1, review_id);
	sqlite3_bind_int(s, 2, version);
	sqlite3_bind_int(s, 3, kind);
	sqlite3_bind_text(s, 4, word, -1, SQLITE_TRANSIENT);
	if (level >= 0)
		sqlite3_bind_int(s, 5, level);
	store_bind_opt(s, 6, kind == PUBREV_HIT_KEYWORD ? ref_id : 0);
	store_bind_opt(s, 7, kind == PUBREV_HIT_CARRIER ? ref_id : 0);
	sqlite3_bind_text(s, 8, part, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 9, count);
	sqlite3_bind_text(s, 10, context ? context : "", -1, SQLITE_TRANSIENT);
	return store_step_done(db, s);
}

enum store_err pubrev_decide(struct db *db, const struct pubrev_row *r, int step,
                             const struct pubrev_sub *next, const char *role, const char *decision,
                             const char *reason, int64_t by)
{
	sqlite3_stmt *s;
	int64_t now = bjtime_now_ms();
	enum store_err e = store_prepare(
	    db,
	    "UPDATE pub_reviews SET state = ?4, step = ?5, updated_at = ?6, "
	    "frozen_sha256 = CASE WHEN ?4 = 1 THEN (SELECT sha256 FROM pub_versions v WHERE "
	    "v.review_id = ?1 AND v.version = ?3) ELSE NULL END "
	    "WHERE id = ?1 AND step = ?2 AND version = ?3 AND state = 0",
	    &s);

	if (e)
		return e;
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_int(s, 2, step);
	sqlite3_bind_int(s, 3, r->version);
	sqlite3_bind_int(s, 4, next->state);
	sqlite3_bind_int(s, 5, next->step);
	sqlite3_bind_int64(s, 6, now);
	e = store_step_done(db, s);
	if (e)
		return e;
	if (sqlite3_changes(db->h) != 1)
		return STORE_CONFLICT;
	e = store_prepare(db,
	                  "INSERT INTO pub_decisions(review_id, version, step, role, decision, "
	                  "reason, by_account, at) VALUES (?,?,?,?,?,?,?,?)",
	                  &s);
	if (e)
		return e;
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_int(s, 2, r->version);
	sqlite3_bind_int(s, 3, step);
	sqlite3_bind_text(s, 4, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, decision, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 7, by);
	sqlite3_bind_int64(s, 8, now);
	return store_step_done(db, s);
}

enum store_err pubrev_hit_get(struct db *db, int64_t hit_id, int64_t *review_id, int *version,
                              bool *cleared)
{
	sqlite3_stmt *s;
	enum store_err e = store_prepare(
	    db, "SELECT review_id, version, cleared_at IS NOT NULL FROM pub_hits WHERE id = ?", &s);
	int rc;

	if (e)
		return e;
	sqlite3_bind_int64(s, 1, hit_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*review_id = sqlite3_column_int64(s, 0);
		*version = sqlite3_column_int(s, 1);
		*cleared = sqlite3_column_int(s, 2) != 0;
	}
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}

enum store_err pubrev_hit_clear(struct db *db, int64_t hit_id, const char *reason, int64_t by)
{
	sqlite3_stmt *s;
	enum store_err e = store_prepare(db,
	                                 "UPDATE pub_hits SET cleared_by = ?2, cleared_at = ?3, "
	                                 "clear_reason = ?4 WHERE id = ?1 AND cleared_at IS NULL",
	                                 &s);

	if (e)
		return e;
	sqlite3_bind_int64(s, 1, hit_id);
	sqlite3_bind_int64(s, 2, by);
	sqlite3_bind_int64(s, 3, bjtime_now_ms());
	sqlite3_bind_text(s, 4, reason, -1, SQLITE_TRANSIENT);
	e = store_step_done(db, s);
	if (!e && sqlite3_changes(db->h) != 1)
		e = STORE_CONFLICT;
	return e;
}

enum store_err pubrev_publish(struct db *db, int64_t review_id, const char *sha,
                              const char *channel, const char *place, int32_t day, const char *note,
                              int64_t by, int64_t *id)
{
	sqlite3_stmt *s;
	enum store_err e = store_prepare(
	    db,
	    "INSERT INTO pub_publications(review_id, sha256, channel, place, published_on, note, "
	    "by_account, at) VALUES (?,?,?,?,?,?,?,?)",
	    &s);

	if (e)
		return e;
	sqlite3_bind_int64(s, 1, review_id);
	sqlite3_bind_text(s, 2, sha, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, channel, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, place, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 5, day);
	sqlite3_bind_text(s, 6, note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 7, by);
	sqlite3_bind_int64(s, 8, bjtime_now_ms());
	e = store_step_done(db, s);
	if (!e)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum store_err pubrev_file(struct db *db, int64_t review_id, char *name, size_t nn, void **data,
                           size_t *len)
{
	sqlite3_stmt *s;
	enum store_err e = store_prepare(db,
	                                 "SELECT v.file_name, v.data FROM pub_versions v JOIN "
	                                 "pub_reviews r ON r.id = v.review_id AND r.version = "
	                                 "v.version WHERE r.id = ?",
	                                 &s);
	int rc;

	*data = NULL;
	*len = 0;
	if (e)
		return e;
	sqlite3_bind_int64(s, 1, review_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(s, 1);

		store_copy_text(name, nn, sqlite3_column_text(s, 0));
		*data = malloc(n ? n : 1);
		if (*data) {
			memcpy(*data, sqlite3_column_blob(s, 1), n);
			*len = n;
		}
	}
	store_finish(db, s);
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	if (rc != SQLITE_ROW)
		return db_fail(db, rc);
	return *data ? STORE_OK : STORE_IO;
}

/* ---- JSON ---- */

static json_t *steps_json(const struct pubrev_chain *c)
{
	json_t *a = json_array();

	for (int i = 0; i < c->n; i++)
		json_array_append_new(a, json_string(role_code(c->steps[i])));
	return a;
}

/* An account's display name, "" when none. */
static json_t *name_of(struct db *db, int64_t account_id)
{
	sqlite3_stmt *s;
	json_t *n = NULL;

	if (!store_prepare(db, "SELECT display_name FROM accounts WHERE id = ?", &s)) {
		sqlite3_bind_int64(s, 1, account_id);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = json_string(store_col_text(s, 0));
		store_finish(db, s);
	}
	return n ? n : json_string("");
}

static json_t *dept_name(struct db *db, int64_t dept)
{
	sqlite3_stmt *s;
	json_t *n = NULL;

	if (dept && !store_prepare(db, "SELECT name FROM departments WHERE id = ?", &s)) {
		sqlite3_bind_int64(s, 1, dept);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = json_string(store_col_text(s, 0));
		store_finish(db, s);
	}
	return n ? n : json_null();
}

json_t *pubrev_summary_json(struct db *db, const struct pubrev_row *r)
{
	json_t *o =
	    json_pack("{sI ss ss ss so si si ss sI}", "id", (json_int_t)r->id, "title", r->title,
	              "channel", r->channel, "state", pubrev_state_code(r->sub.state), "steps",
	              steps_json(&r->sub.chain), "step", r->sub.step, "version", r->version,
	              "sha256", r->sha256, "submitted_by", (json_int_t)r->sub.submitted_by);

	json_object_set_new(o, "submitter", name_of(db, r->sub.submitted_by));
	json_object_set_new(o, "department", dept_name(db, r->sub.department_id));
	json_object_set_new(o, "frozen_sha256",
	                    r->frozen[0] ? json_string(r->frozen) : json_null());
	json_object_set_new(o, "hits_open", json_integer(r->sub.uncleared));
	json_object_set_new(o, "created_at", store_time_json(r->created_at));
	json_object_set_new(o, "updated_at", store_time_json(r->updated_at));
	return o;
}

/* The context with every occurrence of word masked (a carrier the reader may not see). */
static char *mask(const char *context, const char *word)
{
	struct buf b;
	size_t wl = strlen(word);
	const char *p = context, *q;
	char *out;

	buf_init(&b, 64 * 1024);
	while (wl && (q = strstr(p, word))) {
		buf_append(&b, p, (size_t)(q - p));
		buf_puts(&b, "■■■");
		p = q + wl;
	}
	buf_puts(&b, p);
	out = strdup(b.ptr ? b.ptr : "");
	buf_release(&b);
	return out;
}

static const char *const hit_kinds[] = {"keyword", "carrier", "unreadable"};

static json_t *hits_json(struct db *db, const struct pubrev_row *r,
                         bool (*may_see_carrier)(void *ctx, int64_t carrier_id), void *ctx)
{
	sqlite3_stmt *s;
	json_t *a = json_array();
	int rc;

	if (store_prepare(
	        db,
	        "SELECT h.id, h.kind, h.word, h.level, h.carrier_id, h.part, h.count, "
	        "h.context, h.cleared_by, h.cleared_at, h.clear_reason, c.number, c.title "
	        "FROM pub_hits h LEFT JOIN carriers c ON c.id = h.carrier_id "
	        "WHERE h.review_id = ? AND h.version = ? ORDER BY h.kind, h.id",
	        &s))
		return a;
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_int(s, 2, r->version);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int kind = sqlite3_column_int(s, 1);
		int64_t cid = sqlite3_column_int64(s, 4);
		bool hidden = kind == PUBREV_HIT_CARRIER && !may_see_carrier(ctx, cid);
		const char *word = store_col_text(s, 2);
		json_t *h = json_pack(
		    "{sI ss sb ss sI}", "id", (json_int_t)sqlite3_column_int64(s, 0), "kind",
		    hit_kinds[kind < 0 || kind > 2 ? 2 : kind], "hidden", hidden, "part",
		    store_col_text(s, 5), "count", (json_int_t)sqlite3_column_int64(s, 6));

		if (hidden) {
			char *m = mask(store_col_text(s, 7), word);

			json_object_set_new(h, "word", json_null());
			json_object_set_new(h, "context", json_string(m ? m : ""));
			json_object_set_new(h, "carrier", json_null());
			free(m);
		} else {
			json_object_set_new(h, "word",
			                    kind == PUBREV_HIT_UNREADABLE ? json_null()
			                                                  : json_string(word));
			json_object_set_new(h, "context", json_string(store_col_text(s, 7)));
			json_object_set_new(h, "carrier",
			                    kind == PUBREV_HIT_CARRIER && cid
			                        ? json_pack("{sI ss ss}", "id", (json_int_t)cid,
			                                    "number", store_col_text(s, 11),
			                                    "title", store_col_text(s, 12))
			                        : json_null());
		}
		json_object_set_new(
		    h, "level",
		    sqlite3_column_type(s, 3) == SQLITE_NULL || hidden
		        ? json_null()
		        : json_string(level_code((enum level)sqlite3_column_int(s, 3))));
		json_object_set_new(h, "cleared",
		                    json_boolean(sqlite3_column_type(s, 9) != SQLITE_NULL));
		json_object_set_new(h, "cleared_by",
		                    sqlite3_column_type(s, 8) == SQLITE_NULL
		                        ? json_null()
		                        : name_of(db, sqlite3_column_int64(s, 8)));
		json_object_set_new(h, "cleared_at", store_time_json(sqlite3_column_int64(s, 9)));
		json_object_set_new(h, "clear_reason", json_string(store_col_text(s, 10)));
		json_array_append_new(a, h);
	}
	store_finish(db, s);
	return a;
}

static json_t *versions_json(struct db *db, int64_t id)
{
	sqlite3_stmt *s;
	json_t *a = json_array();

	if (store_prepare(db,
	                  "SELECT version, file_name, format, size, sha256, scan_error, "
	                  "uploaded_at FROM pub_versions WHERE review_id = ? ORDER BY version DESC",
	                  &s))
		return a;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW)
		json_array_append_new(
		    a, json_pack("{si ss ss sI ss ss so}", "version", sqlite3_column_int(s, 0),
		                 "file_name", store_col_text(s, 1), "format", store_col_text(s, 2),
		                 "size", (json_int_t)sqlite3_column_int64(s, 3), "sha256",
		                 store_col_text(s, 4), "scan_error", store_col_text(s, 5),
		                 "uploaded_at", store_time_json(sqlite3_column_int64(s, 6))));
	store_finish(db, s);
	return a;
}

static json_t *decisions_json(struct db *db, int64_t id)
{
	sqlite3_stmt *s;
	json_t *a = json_array();

	if (store_prepare(db,
	                  "SELECT version, step, role, decision, reason, by_account, at FROM "
	                  "pub_decisions WHERE review_id = ? ORDER BY id",
	                  &s))
		return a;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW)
		json_array_append_new(
		    a, json_pack("{si si ss ss ss so so}", "version", sqlite3_column_int(s, 0),
		                 "step", sqlite3_column_int(s, 1), "role", store_col_text(s, 2),
		                 "decision", store_col_text(s, 3), "reason", store_col_text(s, 4),
		                 "by", name_of(db, sqlite3_column_int64(s, 5)), "at",
		                 store_time_json(sqlite3_column_int64(s, 6))));
	store_finish(db, s);
	return a;
}

static json_t *publication_json(struct db *db, sqlite3_stmt *s)
{
	/* columns: id, review_id, sha256, channel, place, published_on, note, by_account, at, title
	 */
	return json_pack(
	    "{sI sI ss ss ss so ss so so ss}", "id", (json_int_t)sqlite3_column_int64(s, 0),
	    "review_id", (json_int_t)sqlite3_column_int64(s, 1), "sha256", store_col_text(s, 2),
	    "channel", store_col_text(s, 3), "place", store_col_text(s, 4), "published_on",
	    store_day_json(sqlite3_column_int(s, 5), INT32_MIN), "note", store_col_text(s, 6), "by",
	    name_of(db, sqlite3_column_int64(s, 7)), "at",
	    store_time_json(sqlite3_column_int64(s, 8)), "title", store_col_text(s, 9));
}

#define PUBLICATION_SQL                                                                            \
	"SELECT p.id, p.review_id, p.sha256, p.channel, p.place, p.published_on, p.note, "         \
	"p.by_account, p.at, r.title FROM pub_publications p JOIN pub_reviews r ON r.id = "        \
	"p.review_id "

json_t *pubrev_detail_json(struct db *db, const struct pubrev_row *r,
                           bool (*may_see_carrier)(void *ctx, int64_t carrier_id), void *ctx)
{
	json_t *o = pubrev_summary_json(db, r), *pubs = json_array();
	sqlite3_stmt *s;

	json_object_set_new(o, "versions", versions_json(db, r->id));
	json_object_set_new(o, "hits", hits_json(db, r, may_see_carrier, ctx));
	json_object_set_new(o, "decisions", decisions_json(db, r->id));
	if (!store_prepare(db, PUBLICATION_SQL "WHERE p.review_id = ? ORDER BY p.id", &s)) {
		sqlite3_bind_int64(s, 1, r->id);
		while (sqlite3_step(s) == SQLITE_ROW)
			json_array_append_new(pubs, publication_json(db, s));
		store_finish(db, s);
	}
	json_object_set_new(o, "publications", pubs);
	return o;
}

enum store_err pubrev_register(struct db *db, bool (*visible)(void *ctx, int64_t review_id),
                               void *ctx, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err e =
	    store_prepare(db, PUBLICATION_SQL "ORDER BY p.published_on DESC, p.id DESC", &s);
	int rc;

	*items = NULL;
	if (e)
		return e;
	*items = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (visible(ctx, sqlite3_column_int64(s, 1)))
			json_array_append_new(*items, publication_json(db, s));
	store_finish(db, s);
	*total = (int64_t)json_array_size(*items);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}
