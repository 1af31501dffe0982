/*
 * store_carrier.c — the carrier ledger: numbering, records with their
 * knowledge scope and search tokens, history, approval requests.  The
 * lists, search and counts are in store_carrier_list.c.
 */
#include "store.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/bjtime.h"
#include "../util/buf.h"

void carrier_rec_init(struct carrier_rec *c)
{
	memset(c, 0, sizeof(*c));
	c->level = LEVEL_CONFIDENTIAL;
	c->state = CS_IN_CUSTODY;
	c->copies = 1;
	c->classified_use = true;
	snprintf(c->origin, sizeof(c->origin), "made");
}

static void readers_text(const struct carrier_rec *c, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < c->nreaders && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%lld", i ? "," : "",
		                        (long long)c->readers[i]);
}

static void readers_parse(struct carrier_rec *c, const char *s)
{
	c->nreaders = 0;
	while (s && *s && c->nreaders < CARRIER_READERS_MAX) {
		char *end;
		long long v = strtoll(s, &end, 10);

		if (end == s)
			break;
		c->readers[c->nreaders++] = v;
		s = *end == ',' ? end + 1 : end;
	}
}

static bool id_repeated(const int64_t *ids, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (ids[k] == ids[i])
			return true;
	return false;
}

static bool carrier_open(const struct carrier_rec *c)
{
	return !level_is_classified(c->level) && !c->nscope_people && !c->nscope_depts;
}

/*
 * The tokens carriers_fts finds a carrier by besides its text (see schema
 * migration 3 and carrier_list): its level, state and type, and each way of
 * knowing it (named person, department, custodian, open) at its level.
 */
static void acl_text(const struct carrier_rec *c, char *out, size_t n)
{
	size_t len = (size_t)snprintf(out, n, "l%d s%d t%d", c->level, c->state, c->type);

	for (size_t i = 0; i < c->nscope_people && len < n; i++)
		if (!id_repeated(c->scope_people, i))
			len += (size_t)snprintf(out + len, n - len, " p%lldx%d",
			                        (long long)c->scope_people[i], c->level);
	for (size_t i = 0; i < c->nscope_depts && len < n; i++)
		if (!id_repeated(c->scope_depts, i))
			len += (size_t)snprintf(out + len, n - len, " d%lldx%d",
			                        (long long)c->scope_depts[i], c->level);
	if (c->custodian_id && len < n)
		len += (size_t)snprintf(out + len, n - len, " c%lldx%d", (long long)c->custodian_id,
		                        c->level);
	if (carrier_open(c) && len < n)
		snprintf(out + len, n - len, " ox%d", c->level);
}

/* Binds the mutable columns shared by insert and save, ?1..?33 and ?36..?38. */
static void bind_common(sqlite3_stmt *s, const struct carrier_rec *c)
{
	char readers[CARRIER_READERS_MAX * 21];
	/* "l4 s8 t13" and a token of at most 24 bytes for each way of knowing it */
	char acl[32 + (2 * CARRIER_SCOPE_MAX + 2) * 24];

	readers_text(c, readers, sizeof(readers));
	sqlite3_bind_int(s, 1, c->type);
	sqlite3_bind_text(s, 2, c->title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 3, c->level);
	sqlite3_bind_int(s, 4, c->state);
	store_bind_opt(s, 5, c->period_years);
	store_bind_opt(s, 6, c->release_on);
	sqlite3_bind_text(s, 7, c->release_condition, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 8, c->period_defaulted);
	sqlite3_bind_text(s, 9, c->period_basis, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 10, c->issued_on);
	store_bind_opt(s, 11, c->expires_on);
	sqlite3_bind_text(s, 12, c->classifier, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 13, c->classify_basis, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 14, c->custodian_id);
	store_bind_opt(s, 15, c->handler_id);
	store_bind_opt(s, 16, c->holder_id);
	store_bind_opt(s, 17, c->due_on);
	sqlite3_bind_text(s, 18, c->location, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 19, c->copies);
	sqlite3_bind_text(s, 20, c->copy_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 21, c->origin, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 22, c->sender, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 23, c->doc_no, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 24, c->pages);
	sqlite3_bind_text(s, 25, c->serial, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 26, c->asset_tag, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 27, c->model, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 28, c->capacity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 29, c->classified_use);
	store_bind_opt(s, 30, c->parent_id);
	sqlite3_bind_text(s, 31, readers, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 32, c->notes, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 33, bjtime_now_ms());
	sqlite3_bind_int(s, 36, carrier_open(c));
	acl_text(c, acl, sizeof(acl));
	sqlite3_bind_text(s, 37, acl, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 38, c->reviewed_on);
	store_bind_opt(s, 39, carrier_review_due(c->level, c->state, c->issued_on, c->reviewed_on));
}

static enum store_err scope_write(struct db *db, const struct carrier_rec *c)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db, "DELETE FROM carrier_scope WHERE carrier_id = ?", &s);
	int rc;

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, c->id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	ret = store_prepare(
	    db, "INSERT INTO carrier_scope(carrier_id, person_id, department_id) VALUES (?,?,?)",
	    &s);
	if (ret)
		return ret;
	for (size_t i = 0; i < c->nscope_people + c->nscope_depts; i++) {
		bool person = i < c->nscope_people;

		if (person ? id_repeated(c->scope_people, i)
		           : id_repeated(c->scope_depts, i - c->nscope_people))
			continue;
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, c->id);
		store_bind_opt(s, 2, person ? c->scope_people[i] : 0);
		store_bind_opt(s, 3, person ? 0 : c->scope_depts[i - c->nscope_people]);
		rc = sqlite3_step(s);
		if (rc != SQLITE_DONE) {
			store_finish(db, s);
			return db_fail(db, rc);
		}
	}
	store_finish(db, s);
	return STORE_OK;
}

enum store_err carrier_insert(struct db *db, struct carrier_rec *c, const char *unit_code)
{
	sqlite3_stmt *s;
	enum carrier_category cat = carrier_type_category(c->type);
	int y;
	unsigned m, d;
	int64_t seq = 0;
	enum store_err ret;
	int rc;

	bjtime_civil_from_days((int32_t)(bjtime_now_ms() / 1000 / 86400 +
	                                 (bjtime_now_ms() / 1000 % 86400 >= 16 * 3600)),
	                       &y, &m, &d);
	/* the year's sequence per unit and category; numbers are never reused */
	ret =
	    store_prepare(db,
	                  "INSERT INTO carrier_seq(unit_id, year, category, last) VALUES (?,?,?,1) "
	                  "ON CONFLICT(unit_id, year, category) DO UPDATE SET last = last + 1 "
	                  "RETURNING last",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, c->unit_id);
	sqlite3_bind_int(s, 2, y);
	sqlite3_bind_text(s, 3, carrier_category_code(cat), -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		seq = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc);
	carrier_number_format(c->number, sizeof(c->number), unit_code, y, cat, seq);
	ret = store_prepare(
	    db,
	    "INSERT INTO carriers(type, title, level, state, period_years, release_on, "
	    "release_condition, period_defaulted, period_basis, issued_on, expires_on, "
	    "classifier, classify_basis, custodian_id, handler_id, holder_id, due_on, "
	    "location, copies, copy_no, origin, sender, doc_no, pages, serial, asset_tag, "
	    "model, capacity, classified_use, parent_id, readers, notes, updated_at, "
	    "created_at, unit_id, number, open, acl, reviewed_on, review_due) VALUES (?1,?2,?3,?4,"
	    "?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,"
	    "?27,?28,?29,?30,?31,?32,?33,?33,?34,?35,?36,?37,?38,?39)",
	    &s);
	if (ret)
		return ret;
	bind_common(s, c);
	sqlite3_bind_int64(s, 34, c->unit_id);
	sqlite3_bind_text(s, 35, c->number, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	c->id = sqlite3_last_insert_rowid(db->h);
	ret = scope_write(db, c);
	if (ret)
		return ret;
	return carrier_get(db, c->id, c);
}

enum store_err carrier_save(struct db *db, const struct carrier_rec *c)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(
	    db,
	    "UPDATE carriers SET type=?1, title=?2, level=?3, state=?4, period_years=?5, "
	    "release_on=?6, release_condition=?7, period_defaulted=?8, period_basis=?9, "
	    "issued_on=?10, expires_on=?11, classifier=?12, classify_basis=?13, custodian_id=?14, "
	    "handler_id=?15, holder_id=?16, due_on=?17, location=?18, copies=?19, copy_no=?20, "
	    "origin=?21, sender=?22, doc_no=?23, pages=?24, serial=?25, asset_tag=?26, model=?27, "
	    "capacity=?28, classified_use=?29, parent_id=?30, readers=?31, notes=?32, "
	    "updated_at=?33, open=?36, acl=?37, reviewed_on=?38, review_due=?39 WHERE id = ?34",
	    &s);
	int rc;

	if (ret)
		return ret;
	bind_common(s, c);
	sqlite3_bind_int64(s, 34, c->id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	if (!sqlite3_changes(db->h))
		return STORE_NOTFOUND;
	return scope_write(db, c);
}

enum store_err carrier_save_lifecycle(struct db *db, const struct carrier_rec *c)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(
	    db,
	    "UPDATE carriers SET level=?3, state=?4, period_years=?5, release_on=?6, "
	    "period_defaulted=?8, expires_on=?11, holder_id=?16, due_on=?17, location=?18, "
	    "copies=?19, readers=?31, updated_at=?33, open=?36, acl=?37, reviewed_on=?38, "
	    "review_due=?39 WHERE id = ?34",
	    &s);
	int rc;

	if (ret)
		return ret;
	bind_common(s, c);
	sqlite3_bind_int64(s, 34, c->id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return sqlite3_changes(db->h) ? STORE_OK : STORE_NOTFOUND;
}

/* The columns a correction writes for each field, as bind_common numbers them. */
static const struct {
	const char *field;
	const char *set;
} correction_cols[] = {
    {"title", "title=?2"},
    {"issued_on", "issued_on=?10, expires_on=?11, review_due=?39"},
    {"classifier", "classifier=?12"},
    {"classify_basis", "classify_basis=?13"},
    {"location", "location=?18"},
    {"copy_no", "copy_no=?20"},
    {"origin", "origin=?21"},
    {"sender", "sender=?22"},
    {"doc_no", "doc_no=?23"},
    {"pages", "pages=?24"},
    {"serial", "serial=?25"},
    {"asset_tag", "asset_tag=?26"},
    {"model", "model=?27"},
    {"capacity", "capacity=?28"},
    {"classified_use", "classified_use=?29"},
    {"notes", "notes=?32"},
    {"scope_people", "open=?36, acl=?37"},
    {"scope_departments", "open=?36, acl=?37"},
};

enum store_err carrier_save_correction(struct db *db, const struct carrier_rec *c,
                                       const char *const *fields, size_t nfields)
{
	struct buf sql;
	sqlite3_stmt *s;
	enum store_err ret;
	bool scope = false, acl = false;
	enum buf_err be;
	int rc;

	buf_init(&sql, 1024);
	be = buf_puts(&sql, "UPDATE carriers SET updated_at=?33");
	for (size_t i = 0; i < nfields; i++)
		for (size_t k = 0; k < sizeof(correction_cols) / sizeof(correction_cols[0]); k++) {
			bool is_scope;

			if (strcmp(fields[i], correction_cols[k].field))
				continue;
			is_scope = !strncmp(fields[i], "scope_", 6);
			scope |= is_scope;
			if (is_scope && acl)
				break; /* people and departments share the search tokens */
			acl |= is_scope;
			if (!be)
				be = buf_printf(&sql, ", %s", correction_cols[k].set);
		}
	if (!be)
		be = buf_puts(&sql, " WHERE id = ?34");
	ret = be ? STORE_IO : store_prepare(db, sql.ptr, &s);
	buf_release(&sql);
	if (ret)
		return ret;
	bind_common(s, c);
	sqlite3_bind_int64(s, 34, c->id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	if (!sqlite3_changes(db->h))
		return STORE_NOTFOUND;
	return scope ? scope_write(db, c) : STORE_OK;
}

enum store_err carrier_state_before_leak(struct db *db, int64_t carrier_id, enum carrier_state *out)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db,
	                                   "SELECT detail FROM carrier_events WHERE carrier_id = ? "
	                                   "AND action = 'compromised' ORDER BY id DESC",
	                                   &s);
	int rc = SQLITE_DONE;

	*out = CS_COUNT;
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, carrier_id);
	while (*out == CS_COUNT && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *d = json_loads((const char *)sqlite3_column_text(s, 0), 0, NULL);
		const char *before = json_string_value(json_object_get(d, "state_before"));

		if (before && carrier_state_parse(before, out))
			*out = CS_COUNT;
		json_decref(d);
	}
	store_finish(db, s);
	return *out != CS_COUNT || rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

void store_row_to_carrier(sqlite3_stmt *s, void *out)
{
	struct carrier_rec *c = out;

	carrier_rec_init(c);
	c->id = sqlite3_column_int64(s, 0);
	c->unit_id = sqlite3_column_int64(s, 1);
	store_copy_text(c->number, sizeof(c->number), sqlite3_column_text(s, 2));
	c->type = (enum carrier_type)sqlite3_column_int(s, 3);
	store_copy_text(c->title, sizeof(c->title), sqlite3_column_text(s, 4));
	c->level = (enum level)sqlite3_column_int(s, 5);
	c->state = (enum carrier_state)sqlite3_column_int(s, 6);
	c->period_years = sqlite3_column_int(s, 7);
	c->release_on = sqlite3_column_int(s, 8);
	store_copy_text(c->release_condition, sizeof(c->release_condition),
	                sqlite3_column_text(s, 9));
	c->period_defaulted = sqlite3_column_int(s, 10) != 0;
	store_copy_text(c->period_basis, sizeof(c->period_basis), sqlite3_column_text(s, 11));
	c->issued_on = sqlite3_column_int(s, 12);
	c->expires_on = sqlite3_column_int(s, 13);
	store_copy_text(c->classifier, sizeof(c->classifier), sqlite3_column_text(s, 14));
	store_copy_text(c->classify_basis, sizeof(c->classify_basis), sqlite3_column_text(s, 15));
	c->custodian_id = sqlite3_column_int64(s, 16);
	c->handler_id = sqlite3_column_int64(s, 17);
	c->holder_id = sqlite3_column_int64(s, 18);
	c->due_on = sqlite3_column_int(s, 19);
	store_copy_text(c->location, sizeof(c->location), sqlite3_column_text(s, 20));
	c->copies = sqlite3_column_int(s, 21);
	store_copy_text(c->copy_no, sizeof(c->copy_no), sqlite3_column_text(s, 22));
	store_copy_text(c->origin, sizeof(c->origin), sqlite3_column_text(s, 23));
	store_copy_text(c->sender, sizeof(c->sender), sqlite3_column_text(s, 24));
	store_copy_text(c->doc_no, sizeof(c->doc_no), sqlite3_column_text(s, 25));
	c->pages = sqlite3_column_int(s, 26);
	store_copy_text(c->serial, sizeof(c->serial), sqlite3_column_text(s, 27));
	store_copy_text(c->asset_tag, sizeof(c->asset_tag), sqlite3_column_text(s, 28));
	store_copy_text(c->model, sizeof(c->model), sqlite3_column_text(s, 29));
	store_copy_text(c->capacity, sizeof(c->capacity), sqlite3_column_text(s, 30));
	c->classified_use = sqlite3_column_int(s, 31) != 0;
	c->parent_id = sqlite3_column_int64(s, 32);
	readers_parse(c, (const char *)sqlite3_column_text(s, 33));
	store_copy_text(c->notes, sizeof(c->notes), sqlite3_column_text(s, 34));
	c->created_at = sqlite3_column_int64(s, 35);
	c->updated_at = sqlite3_column_int64(s, 36);
	c->reviewed_on = sqlite3_column_int(s, 37);
	c->review_due = sqlite3_column_int(s, 38);
}

enum store_err carrier_get(struct db *db, int64_t id, struct carrier_rec *c)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_get_row(db, "SELECT " CARRIER_COLS " FROM carriers c WHERE c.id = ?", id,
	                  store_row_to_carrier, c);
	int rc;

	if (ret)
		return ret;
	ret = store_prepare(
	    db, "SELECT person_id, department_id FROM carrier_scope WHERE carrier_id = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_type(s, 0) != SQLITE_NULL &&
		    c->nscope_people < CARRIER_SCOPE_MAX)
			c->scope_people[c->nscope_people++] = sqlite3_column_int64(s, 0);
		else if (sqlite3_column_type(s, 1) != SQLITE_NULL &&
		         c->nscope_depts < CARRIER_SCOPE_MAX)
			c->scope_depts[c->nscope_depts++] = sqlite3_column_int64(s, 1);
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

void carrier_access_of(const struct carrier_rec *c, struct carrier_access *a)
{
	a->level = c->level;
	a->custodian_id = c->custodian_id;
	a->scope_people = c->scope_people;
	a->nscope_people = c->nscope_people;
	a->scope_depts = c->scope_depts;
	a->nscope_depts = c->nscope_depts;
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *ids_json(const int64_t *ids, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_integer(ids[i]));
	return a;
}

/* Field by field into one object: lists of hundreds of carriers build many. */
json_t *carrier_json(const struct carrier_rec *c)
{
	char cr[BJTIME_ISO_LEN], up[BJTIME_ISO_LEN];
	json_t *o = json_object();

#define SET(k, v) json_object_set_new_nocheck(o, k, v)
	bjtime_format_iso(c->created_at, cr);
	bjtime_format_iso(c->updated_at, up);
	SET("id", json_integer(c->id));
	SET("number", json_string(c->number));
	SET("type", json_string(carrier_type_code(c->type)));
	SET("title", json_string(c->title));
	SET("level", json_string(level_code(c->level)));
	SET("state", json_string(carrier_state_code(c->state)));
	SET("period_years", c->period_years ? json_integer(c->period_years) : json_null());
	SET("release_on", store_day_json(c->release_on, 0));
	SET("release_condition", json_string(c->release_condition));
	SET("period_defaulted", json_boolean(c->period_defaulted));
	SET("period_basis", json_string(c->period_basis));
	SET("issued_on", store_day_json(c->issued_on, 0));
	SET("expires_on", store_day_json(c->expires_on, 0));
	SET("classifier", json_string(c->classifier));
	SET("classify_basis", json_string(c->classify_basis));
	SET("custodian_id", id_or_null(c->custodian_id));
	SET("handler_id", id_or_null(c->handler_id));
	SET("holder_id", id_or_null(c->holder_id));
	SET("due_on", store_day_json(c->due_on, 0));
	SET("location", json_string(c->location));
	SET("copies", json_integer(c->copies));
	SET("copy_no", json_string(c->copy_no));
	SET("origin", json_string(c->origin));
	SET("sender", json_string(c->sender));
	SET("doc_no", json_string(c->doc_no));
	SET("pages", c->pages ? json_integer(c->pages) : json_null());
	SET("serial", json_string(c->serial));
	SET("asset_tag", json_string(c->asset_tag));
	SET("model", json_string(c->model));
	SET("capacity", json_string(c->capacity));
	SET("classified_use", json_boolean(c->classified_use));
	SET("parent_id", id_or_null(c->parent_id));
	SET("readers", ids_json(c->readers, (size_t)c->nreaders));
	SET("notes", json_string(c->notes));
	SET("scope_people", ids_json(c->scope_people, c->nscope_people));
	SET("scope_departments", ids_json(c->scope_depts, c->nscope_depts));
	SET("reviewed_on", store_day_json(c->reviewed_on, 0));
	SET("review_due_on", store_day_json(c->review_due, 0));
	SET("created_at", json_string(cr));
	SET("updated_at", json_string(up));
#undef SET
	return o;
}

enum store_err carrier_event(struct db *db, const struct actor *a, int64_t carrier_id,
                             const char *action, const char *detail)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db,
	                                   "INSERT INTO carrier_events(carrier_id, ts, account_id, "
	                                   "username, action, detail) VALUES (?,?,?,?,?,?)",
	                                   &s);
	int rc;

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, carrier_id);
	sqlite3_bind_int64(s, 2, bjtime_now_ms());
	sqlite3_bind_int64(s, 3, a->account_id);
	sqlite3_bind_text(s, 4, a->username ? a->username : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, detail ? detail : "{}", -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err carrier_held_by(struct db *db, int64_t person_id, json_t **numbers, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*numbers = json_array();
	*total = 0;
	ret = store_prepare(db,
	                    "SELECT number FROM carriers WHERE holder_id = ? AND state IN (?, ?) "
	                    "ORDER BY number",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int(s, 2, CS_BORROWED);
	sqlite3_bind_int(s, 3, CS_TAKEN_OUT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((*total)++ < 50)
			json_array_append_new(*numbers,
			                      json_string((const char *)sqlite3_column_text(s, 0)));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err carrier_history(struct db *db, int64_t carrier_id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(db,
	                    "SELECT id, ts, username, action, detail FROM carrier_events "
	                    "WHERE carrier_id = ? ORDER BY id",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, carrier_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char ts[BJTIME_ISO_LEN];
		json_t *detail = json_loads((const char *)sqlite3_column_text(s, 4), 0, NULL);

		bjtime_format_iso(sqlite3_column_int64(s, 1), ts);
		json_array_append_new(*items,
		                      json_pack("{sI ss ss ss so}", "id",
		                                (json_int_t)sqlite3_column_int64(s, 0), "time", ts,
		                                "username", (const char *)sqlite3_column_text(s, 2),
		                                "action", (const char *)sqlite3_column_text(s, 3),
		                                "detail", detail ? detail : json_object()));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- approvals ---- */

enum store_err approval_steps(struct db *db, const char *action, enum level l, char *out, size_t n)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db,
	                                   "SELECT steps FROM approval_rules WHERE action = ? AND "
	                                   "min_level <= ? ORDER BY min_level DESC LIMIT 1",
	                                   &s);
	int rc;

	out[0] = '\0';
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, action, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, l);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_copy_text(out, n, sqlite3_column_text(s, 0));
	store_finish(db, s);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? STORE_OK : db_fail(db, rc);
}

#define REQUEST_COLS                                                                               \
	"id, carrier_id, action, reason, requested_by, requested_at, steps, step, status, "        \
	"decisions"

static void row_to_request(sqlite3_stmt *s, void *out)
{
	struct carrier_request *r = out;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->carrier_id = sqlite3_column_int64(s, 1);
	store_copy_text(r->action, sizeof(r->action), sqlite3_column_text(s, 2));
	store_copy_text(r->reason, sizeof(r->reason), sqlite3_column_text(s, 3));
	r->requested_by = sqlite3_column_int64(s, 4);
	r->requested_at = sqlite3_column_int64(s, 5);
	store_copy_text(r->steps, sizeof(r->steps), sqlite3_column_text(s, 6));
	r->step = sqlite3_column_int(s, 7);
	store_copy_text(r->status, sizeof(r->status), sqlite3_column_text(s, 8));
	store_copy_text(r->decisions, sizeof(r->decisions), sqlite3_column_text(s, 9));
}

enum store_err request_insert(struct db *db, struct carrier_request *r)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db,
	                  "INSERT INTO carrier_requests(carrier_id, action, reason, "
	                  "requested_by, requested_at, steps, step, status) "
	                  "VALUES (?,?,?,?,?,?,0,?)",
	                  &s);
	int rc;

	if (ret)
		return ret;
	r->requested_at = bjtime_now_ms();
	sqlite3_bind_int64(s, 1, r->carrier_id);
	sqlite3_bind_text(s, 2, r->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, r->requested_by);
	sqlite3_bind_int64(s, 5, r->requested_at);
	sqlite3_bind_text(s, 6, r->steps, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, r->status, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	r->id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

static enum store_err request_one(struct db *db, const char *sql, int64_t a, const char *b,
                                  struct carrier_request *r)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db, sql, &s);
	int rc;

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, a);
	if (b)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		row_to_request(s, r);
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}

enum store_err request_get(struct db *db, int64_t id, struct carrier_request *r)
{
	return store_get_row(db, "SELECT " REQUEST_COLS " FROM carrier_requests WHERE id = ?", id,
	                     row_to_request, r);
}

enum store_err request_find_approved(struct db *db, int64_t carrier_id, const char *action,
                                     struct carrier_request *r)
{
	return request_one(db,
	                   "SELECT " REQUEST_COLS " FROM carrier_requests WHERE carrier_id = ? "
	                   "AND action = ? AND status = 'approved' ORDER BY id LIMIT 1",
	                   carrier_id, action, r);
}

/* Sets what one decision changed, only while the request is still pending at `at_step`. */
enum store_err request_decide(struct db *db, const struct carrier_request *r, int at_step)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db,
	                                   "UPDATE carrier_requests SET step = ?, status = ?, "
	                                   "decisions = ? WHERE id = ? AND status = 'pending' "
	                                   "AND step = ?",
	                                   &s);
	int rc;

	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, r->step);
	sqlite3_bind_text(s, 2, r->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->decisions, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, r->id);
	sqlite3_bind_int(s, 5, at_step);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return sqlite3_changes(db->h) ? STORE_OK : STORE_CONFLICT;
}

enum store_err request_use(struct db *db, int64_t id)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(
	    db, "UPDATE carrier_requests SET status = 'used' WHERE id = ? AND status = 'approved'",
	    &s);
	int rc;

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return sqlite3_changes(db->h) ? STORE_OK : STORE_CONFLICT;
}

json_t *request_json(const struct carrier_request *r)
{
	char ts[BJTIME_ISO_LEN];
	json_t *steps = json_array(), *dec = json_loads(r->decisions, 0, NULL);
	const char *p = r->steps;

	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		json_array_append_new(steps, json_stringn(p, n));
		p += n + (comma ? 1 : 0);
	}
	bjtime_format_iso(r->requested_at, ts);
	return json_pack("{sI sI ss ss sI ss so si ss so}", "id", (json_int_t)r->id, "carrier_id",
	                 (json_int_t)r->carrier_id, "action", r->action, "reason", r->reason,
	                 "requested_by", (json_int_t)r->requested_by, "requested_at", ts, "steps",
	                 steps, "step", r->step, "status", r->status, "decisions",
	                 dec ? dec : json_array());
}

static void bind_named(sqlite3_stmt *s, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i)
		sqlite3_bind_int64(s, i, v);
}

int request_step_role(const struct carrier_request *r, char *out, size_t n)
{
	const char *p;
	int i = 0;

	for (p = r->steps; *p && i < r->step; p++)
		if (*p == ',')
			i++;
	snprintf(out, n, "%.*s", (int)strcspn(p, ","), p);
	return i;
}

bool request_approver_cleared(int person_status, enum staff_class sc, enum level l)
{
	return person_status == PERSON_ACTIVE && level_cleared_for(staff_class_clearance(sc), l);
}

enum store_err request_approvers(struct db *db, uint32_t role, enum level l, int64_t dept,
                                 int64_t requester, struct request_approver *out, size_t max,
                                 size_t *n)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db,
	                  "SELECT a.id, a.person_id, a.display_name, p.status, "
	                  "p.staff_class FROM accounts a JOIN people p ON p.id = "
	                  "a.person_id WHERE a.disabled = 0 AND (a.roles & ?) <> 0 "
	                  "AND a.id <> ? AND (?3 = 0 OR p.department_id = ?3) ORDER BY a.id",
	                  &s);
	int rc = SQLITE_DONE;

	*n = 0;
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, role);
	sqlite3_bind_int64(s, 2, requester);
	sqlite3_bind_int64(s, 3, dept);
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct request_approver *a = &out[*n];

		if (!request_approver_cleared(sqlite3_column_int(s, 3), sqlite3_column_int(s, 4),
		                              l))
			continue;
		a->account_id = sqlite3_column_int64(s, 0);
		a->person_id = sqlite3_column_int64(s, 1);
		store_copy_text(a->display_name, sizeof(a->display_name),
		                sqlite3_column_text(s, 2));
		(*n)++;
	}
	if (*n == max)
		rc = SQLITE_DONE; /* enough found */
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* A request row with its carrier's summary and requester (REQUEST_LIST_COLS). */
static json_t *request_list_item(sqlite3_stmt *s, const struct carrier_request *r)
{
	json_t *o = request_json(r);

	json_object_set_new(o, "carrier_number",
	                    json_string((const char *)sqlite3_column_text(s, 10)));
	json_object_set_new(o, "carrier_title",
	                    json_string((const char *)sqlite3_column_text(s, 11)));
	json_object_set_new(o, "carrier_level", json_string(level_code(sqlite3_column_int(s, 12))));
	json_object_set_new(o, "requested_by_username",
	                    json_string((const char *)sqlite3_column_text(s, 13)));
	json_object_set_new(o, "requested_by_name",
	                    json_string((const char *)sqlite3_column_text(s, 14)));
	json_object_set_new(o, "summary_only", json_boolean(!sqlite3_column_int(s, 15)));
	return o;
}

/* Columns of REQUEST_COLS on r, then the summary; `vis` is the need-to-know predicate. */
static void request_list_select(struct buf *sql, const struct carrier_viewer *v, bool count)
{
	if (count) {
		buf_puts(sql, "SELECT count(*)");
	} else {
		buf_puts(sql, "SELECT r.id, r.carrier_id, r.action, r.reason, r.requested_by, "
		              "r.requested_at, r.steps, r.step, r.status, r.decisions, c.number, "
		              "c.title, c.level, a.username, a.display_name, (");
		store_visible_pred(sql, v);
		/* the carrier's department (carrier_department): its custodian's, else its
		 * handler's */
		buf_puts(
		    sql,
		    "), coalesce((SELECT department_id FROM people WHERE id = c.custodian_id), "
		    "(SELECT department_id FROM people WHERE id = c.handler_id), 0)");
	}
	buf_puts(sql, " FROM carrier_requests r JOIN carriers c ON c.id = r.carrier_id "
	              "JOIN accounts a ON a.id = r.requested_by WHERE ");
}

/*
 * The pending view: the caller's own requests on carriers they may see, and
 * pending ones whose current step they may decide (read in SQL, the step's
 * role and the clearance checked here on each row).
 */
static enum store_err request_pending(struct db *db, const struct carrier_viewer *v,
                                      const struct request_query *q, json_t *items)
{
	struct buf sql;
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	buf_init(&sql, 4096);
	request_list_select(&sql, v, false);
	buf_puts(&sql, "((");
	store_visible_pred(&sql, v);
	buf_puts(&sql, ") AND r.requested_by = :by) OR (r.status = 'pending' AND "
	               "r.requested_by <> :by AND c.level <= :clear) ORDER BY r.id DESC LIMIT 500");
	ret = store_prepare(db, sql.ptr, &s);
	buf_release(&sql);
	if (ret)
		return ret;
	store_visible_bind(s, v);
	bind_named(s, ":by", q->account_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct carrier_request r;
		char step[32];

		row_to_request(s, &r);
		request_step_role(&r, step, sizeof(step));
		/*
		 * a carrier the caller may not see: only by the right to decide its step;
		 * a 部门负责人 step, only for a carrier of the head's own department
		 */
		if (r.requested_by == q->account_id ||
		    (strcmp(r.status, "pending") == 0 && (q->roles & role_parse(step)) &&
		     (role_parse(step) != ROLE_DEPT_HEAD ||
		      (v->department_id && sqlite3_column_int64(s, 16) == v->department_id)) &&
		     (sqlite3_column_int(s, 15) ||
		      (q->in_post && level_cleared_for(v->clearance, sqlite3_column_int(s, 12))))))
			json_array_append_new(items, request_list_item(s, &r));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* The done view's condition: decided by the caller, or their own and decided. */
static void request_done_where(struct buf *sql, const struct carrier_viewer *v)
{
	buf_puts(sql, "c.level <= :clear AND (EXISTS (SELECT 1 FROM json_each(r.decisions) d "
	              "WHERE json_extract(d.value, '$.username') = :user) OR (r.requested_by = :by "
	              "AND r.status <> 'pending' AND (");
	store_visible_pred(sql, v);
	buf_puts(sql, ")))");
}

static enum store_err request_done(struct db *db, const struct carrier_viewer *v,
                                   const struct request_query *q, json_t *items, int64_t *total)
{
	struct buf sql;
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	for (int pass = 0; pass < 2; pass++) {
		buf_init(&sql, 4096);
		request_list_select(&sql, v, pass == 0);
		request_done_where(&sql, v);
		if (pass == 1)
			buf_puts(&sql, " ORDER BY r.id DESC LIMIT :limit OFFSET :offset");
		ret = store_prepare(db, sql.ptr, &s);
		buf_release(&sql);
		if (ret)
			return ret;
		store_visible_bind(s, v);
		bind_named(s, ":by", q->account_id);
		sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":user"), q->username, -1,
		                  SQLITE_STATIC);
		bind_named(s, ":limit", q->limit);
		bind_named(s, ":offset", q->offset);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct carrier_request r;

			if (pass == 0) {
				*total = sqlite3_column_int64(s, 0);
				continue;
			}
			row_to_request(s, &r);
			json_array_append_new(items, request_list_item(s, &r));
		}
		store_finish(db, s);
		if (rc != SQLITE_DONE)
			return db_fail(db, rc);
	}
	return STORE_OK;
}

enum store_err request_list(struct db *db, const struct carrier_viewer *v,
                            const struct request_query *q, json_t **items, int64_t *total)
{
	enum store_err e;

	*items = json_array();
	*total = 0;
	if (q->view == REQUEST_VIEW_DONE)
		return request_done(db, v, q, *items, total);
	e = request_pending(db, v, q, *items);
	*total = (int64_t)json_array_size(*items);
	return e;
}
