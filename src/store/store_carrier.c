/*
 * store_carrier.c — the carrier ledger: numbering, records with their
 * knowledge scope, need-to-know filtered lists, history, approval requests.
 */
#include "store.h"
#include "fts_bigram.h"
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

/* A carriers row as row_to_carrier() reads it; the table is aliased c. */
#define CARRIER_COLS                                                                               \
	"c.id, c.unit_id, c.number, c.type, c.title, c.level, c.state, c.period_years, "           \
	"c.release_on, c.release_condition, c.period_defaulted, c.period_basis, c.issued_on, "     \
	"c.expires_on, c.classifier, c.classify_basis, c.custodian_id, c.handler_id, "             \
	"c.holder_id, c.due_on, c.location, c.copies, c.copy_no, c.origin, c.sender, c.doc_no, "   \
	"c.pages, c.serial, c.asset_tag, c.model, c.capacity, c.classified_use, c.parent_id, "     \
	"c.readers, c.notes, c.created_at, c.updated_at, c.reviewed_on, c.review_due"

static void row_to_carrier(sqlite3_stmt *s, void *out)
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
	enum store_err ret = store_get_row(
	    db, "SELECT " CARRIER_COLS " FROM carriers c WHERE c.id = ?", id, row_to_carrier, c);
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

json_t *carrier_json(const struct carrier_rec *c)
{
	char cr[BJTIME_ISO_LEN], up[BJTIME_ISO_LEN];
	json_t *o;

	bjtime_format_iso(c->created_at, cr);
	bjtime_format_iso(c->updated_at, up);
	o = json_pack("{sI ss ss ss ss ss so so ss sb ss so so ss ss}", "id", (json_int_t)c->id,
	              "number", c->number, "type", carrier_type_code(c->type), "title", c->title,
	              "level", level_code(c->level), "state", carrier_state_code(c->state),
	              "period_years", c->period_years ? json_integer(c->period_years) : json_null(),
	              "release_on", store_day_json(c->release_on, 0), "release_condition",
	              c->release_condition, "period_defaulted", c->period_defaulted, "period_basis",
	              c->period_basis, "issued_on", store_day_json(c->issued_on, 0), "expires_on",
	              store_day_json(c->expires_on, 0), "classifier", c->classifier,
	              "classify_basis", c->classify_basis);
	json_object_update_missing_new(
	    o, json_pack("{so so so so ss si ss ss ss ss so ss ss ss ss sb so so ss so so}",
	                 "custodian_id", id_or_null(c->custodian_id), "handler_id",
	                 id_or_null(c->handler_id), "holder_id", id_or_null(c->holder_id), "due_on",
	                 store_day_json(c->due_on, 0), "location", c->location, "copies", c->copies,
	                 "copy_no", c->copy_no, "origin", c->origin, "sender", c->sender, "doc_no",
	                 c->doc_no, "pages", c->pages ? json_integer(c->pages) : json_null(),
	                 "serial", c->serial, "asset_tag", c->asset_tag, "model", c->model,
	                 "capacity", c->capacity, "classified_use", c->classified_use, "parent_id",
	                 id_or_null(c->parent_id), "readers",
	                 ids_json(c->readers, (size_t)c->nreaders), "notes", c->notes,
	                 "scope_people", ids_json(c->scope_people, c->nscope_people),
	                 "scope_departments", ids_json(c->scope_depts, c->nscope_depts)));
	json_object_set_new(o, "reviewed_on", store_day_json(c->reviewed_on, 0));
	json_object_set_new(o, "review_due_on", store_day_json(c->review_due, 0));
	json_object_set_new(o, "created_at", json_string(cr));
	json_object_set_new(o, "updated_at", json_string(up));
	return o;
}

/* ---- need-to-know lists, search and counts ---- */

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
 * against the need-to-know rule in SQL (visible_pred), so a page can never
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
static void visible_pred(struct buf *b, const struct carrier_viewer *v)
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

static void visible_bind(sqlite3_stmt *s, const struct carrier_viewer *v)
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
	visible_bind(s, v);
	filter_bind(s, f, match);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!items) {
			*count = sqlite3_column_int64(s, 0);
		} else {
			struct carrier_rec c;

			row_to_carrier(s, &c);
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
		visible_pred(&sql, v);
		family_sql(&sql, f);
		row_filters_sql(&sql, f);
		ret = run_list(db, sql.ptr, v, f, NULL, NULL, total);
		buf_reset(&sql);
	}
	if (!ret && *total > f->offset && f->limit > 0) {
		buf_puts(&sql, "SELECT " CARRIER_COLS " FROM carriers c WHERE ");
		visible_pred(&sql, v);
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
	visible_pred(&sql, v);
	ret = store_prepare(db, sql.ptr, &s);
	buf_release(&sql);
	if (ret)
		return ret;
	visible_bind(s, v);
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(s);
		bind_named(s, ":id", ids[i]);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct carrier_rec c;

			row_to_carrier(s, &c);
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
		visible_pred(&sql, v);
		buf_puts(&sql, " ORDER BY c.id DESC");
	} else {
		buf_puts(&sql,
		         "SELECT " CARRIER_COLS " FROM carriers_fts f JOIN carriers c ON c.id "
		         "= f.rowid WHERE carriers_fts MATCH :m");
		row_filters_sql(&sql, f);
		buf_puts(&sql, " AND ");
		visible_pred(&sql, v);
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

enum store_err carrier_list(struct db *db, const struct carrier_viewer *v,
                            const struct carrier_filter *f, json_t **items, int64_t *total)
{
	bool own = snapshot_begin(db);
	enum store_err ret = list_in_snapshot(db, v, f, items, total);

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

enum store_err request_save(struct db *db, const struct carrier_request *r)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(
	    db, "UPDATE carrier_requests SET step = ?, status = ?, decisions = ? WHERE id = ?", &s);
	int rc;

	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, r->step);
	sqlite3_bind_text(s, 2, r->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->decisions, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, r->id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
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

enum store_err request_inbox(struct db *db, const struct carrier_viewer *v, uint32_t roles,
                             int64_t requested_by, json_t **items)
{
	struct buf sql;
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	buf_init(&sql, 4096);
	buf_puts(&sql, "SELECT r.id, r.carrier_id, r.action, r.reason, r.requested_by, "
	               "r.requested_at, r.steps, r.step, r.status, r.decisions, c.number, c.title, "
	               "c.level, a.username FROM carrier_requests r JOIN carriers c ON c.id = "
	               "r.carrier_id JOIN accounts a ON a.id = r.requested_by WHERE ");
	visible_pred(&sql, v);
	buf_puts(&sql, " AND (r.requested_by = :by OR r.status = 'pending') ORDER BY r.id DESC "
	               "LIMIT 500");
	ret = store_prepare(db, sql.ptr, &s);
	buf_release(&sql);
	if (ret)
		return ret;
	visible_bind(s, v);
	bind_named(s, ":by", requested_by);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct carrier_request r;
		char step[32] = "";
		const char *p;
		int i = 0;

		row_to_request(s, &r);
		/* the role of the current step */
		for (p = r.steps; *p && i < r.step; p++)
			if (*p == ',')
				i++;
		snprintf(step, sizeof(step), "%.*s", (int)strcspn(p, ","), p);
		if (r.requested_by == requested_by ||
		    (strcmp(r.status, "pending") == 0 && (roles & role_parse(step)))) {
			json_t *o = request_json(&r);

			/* what an inbox shows without fetching (and audit-reading) each carrier */
			json_object_set_new(o, "carrier_number",
			                    json_string((const char *)sqlite3_column_text(s, 10)));
			json_object_set_new(o, "carrier_title",
			                    json_string((const char *)sqlite3_column_text(s, 11)));
			json_object_set_new(o, "carrier_level",
			                    json_string(level_code(sqlite3_column_int(s, 12))));
			json_object_set_new(o, "requested_by_username",
			                    json_string((const char *)sqlite3_column_text(s, 13)));
			json_array_append_new(*items, o);
		}
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err carrier_stats(struct db *db, const struct carrier_viewer *v, int32_t today,
                             json_t **out)
{
	bool own = snapshot_begin(db);
	enum store_err ret = stats_in_snapshot(db, v, today, out);

	snapshot_end(db, own);
	return ret;
}
