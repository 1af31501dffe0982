/*
 * store_org.c — units (in a hierarchy), departments and people.
 */
#include "store.h"
#include "store_int.h"

#include <stdio.h>
#include <string.h>

#include "../util/bjtime.h"

static enum store_err step_done(struct db *db, sqlite3_stmt *s, bool need_change)
{
	int rc = sqlite3_step(s);

	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	if (need_change && sqlite3_changes(db->h) == 0)
		return STORE_NOTFOUND;
	return STORE_OK;
}

static int64_t count_rows(struct db *db, const char *sql, int64_t arg)
{
	sqlite3_stmt *s;
	int64_t n = 0;

	if (store_prepare(db, sql, &s))
		return 0;
	if (sqlite3_bind_parameter_count(s) >= 1)
		sqlite3_bind_int64(s, 1, arg);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	return n;
}

/* ---- units ---- */

enum store_err unit_insert(struct db *db, struct unit *u)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(
	    db, "INSERT INTO units(name, code, parent_id, created_at) VALUES (?,?,?,?)", &s);

	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, u->code, -1, SQLITE_STATIC);
	store_bind_opt(s, 3, u->parent_id);
	sqlite3_bind_int64(s, 4, bjtime_now_ms());
	ret = step_done(db, s, false);
	if (!ret)
		u->id = sqlite3_last_insert_rowid(db->h);
	return ret;
}

enum store_err unit_update(struct db *db, const struct unit *u)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(
	    db, "UPDATE units SET name = ?, code = ?, parent_id = ? WHERE id = ?", &s);

	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, u->code, -1, SQLITE_STATIC);
	store_bind_opt(s, 3, u->parent_id);
	sqlite3_bind_int64(s, 4, u->id);
	return step_done(db, s, true);
}

static void row_to_unit(sqlite3_stmt *s, void *out)
{
	struct unit *u = out;

	u->id = sqlite3_column_int64(s, 0);
	store_copy_text(u->name, sizeof(u->name), sqlite3_column_text(s, 1));
	store_copy_text(u->code, sizeof(u->code), sqlite3_column_text(s, 2));
	u->parent_id = sqlite3_column_int64(s, 3);
}

enum store_err unit_get(struct db *db, int64_t id, struct unit *u)
{
	return store_get_row(db, "SELECT id, name, code, parent_id FROM units WHERE id = ?", id,
	                     row_to_unit, u);
}

bool unit_parent_cycles(struct db *db, int64_t id, int64_t parent_id)
{
	/* Walk up from the new parent; meeting `id` means a cycle. Depth is capped. */
	for (int depth = 0; parent_id && depth < 64; depth++) {
		struct unit p;

		if (parent_id == id)
			return true;
		if (unit_get(db, parent_id, &p))
			return false;
		parent_id = p.parent_id;
	}
	return parent_id != 0;
}

json_t *unit_json(const struct unit *u)
{
	return json_pack("{sI ss ss so}", "id", (json_int_t)u->id, "name", u->name, "code", u->code,
	                 "parent_id", u->parent_id ? json_integer(u->parent_id) : json_null());
}

enum store_err unit_list(struct db *db, int limit, int offset, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = count_rows(db, "SELECT count(*) FROM units", 0);
	ret = store_prepare(
	    db, "SELECT id, name, code, parent_id FROM units ORDER BY id LIMIT ? OFFSET ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, limit);
	sqlite3_bind_int(s, 2, offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct unit u;

		row_to_unit(s, &u);
		json_array_append_new(*items, unit_json(&u));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

int64_t unit_home(struct db *db)
{
	return count_rows(db, "SELECT id FROM units WHERE is_home = 1", 0);
}

/* ---- departments ---- */

enum store_err dept_insert(struct db *db, struct department *d)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(
	    db, "INSERT INTO departments(unit_id, name, code, created_at) VALUES (?,?,?,?)", &s);

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, d->unit_id);
	sqlite3_bind_text(s, 2, d->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, d->code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, bjtime_now_ms());
	ret = step_done(db, s, false);
	if (!ret)
		d->id = sqlite3_last_insert_rowid(db->h);
	return ret;
}

enum store_err dept_update(struct db *db, const struct department *d)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db, "UPDATE departments SET name = ?, code = ? WHERE id = ?", &s);

	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, d->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, d->code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, d->id);
	return step_done(db, s, true);
}

static void row_to_dept(sqlite3_stmt *s, void *out)
{
	struct department *d = out;

	d->id = sqlite3_column_int64(s, 0);
	d->unit_id = sqlite3_column_int64(s, 1);
	store_copy_text(d->name, sizeof(d->name), sqlite3_column_text(s, 2));
	store_copy_text(d->code, sizeof(d->code), sqlite3_column_text(s, 3));
}

enum store_err dept_get(struct db *db, int64_t id, struct department *d)
{
	return store_get_row(db, "SELECT id, unit_id, name, code FROM departments WHERE id = ?", id,
	                     row_to_dept, d);
}

json_t *dept_json(const struct department *d)
{
	return json_pack("{sI sI ss ss}", "id", (json_int_t)d->id, "unit_id",
	                 (json_int_t)d->unit_id, "name", d->name, "code", d->code);
}

enum store_err dept_list(struct db *db, int64_t unit_id, json_t **items, int64_t *total)
{
	return dept_list_page(db, unit_id, -1, 0, items, total); /* LIMIT -1: all */
}

enum store_err dept_list_page(struct db *db, int64_t unit_id, int limit, int offset, json_t **items,
                              int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = count_rows(db, "SELECT count(*) FROM departments WHERE ?1 = 0 OR unit_id = ?1",
	                    unit_id);
	ret = store_prepare(db,
	                    "SELECT id, unit_id, name, code FROM departments "
	                    "WHERE ?1 = 0 OR unit_id = ?1 ORDER BY unit_id, code, id "
	                    "LIMIT ?2 OFFSET ?3",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int(s, 3, offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct department d;

		row_to_dept(s, &d);
		json_array_append_new(*items, dept_json(&d));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- people ---- */

#define PERSON_COLS                                                                                \
	"id, unit_id, department_id, name, title, phone, staff_class, commitment_signed_on, "      \
	"status, declassify_until, created_at, updated_at"

static void bind_opt_day(sqlite3_stmt *s, int i, int32_t day)
{
	if (day == PERSON_NO_DATE)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int(s, i, day);
}

static void bind_person(sqlite3_stmt *s, const struct person *p)
{
	sqlite3_bind_int64(s, 1, p->unit_id);
	store_bind_opt(s, 2, p->department_id);
	sqlite3_bind_text(s, 3, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, p->phone, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, p->staff_class);
	bind_opt_day(s, 7, p->commitment_signed_on);
	sqlite3_bind_int(s, 8, p->status);
	bind_opt_day(s, 9, p->declassify_until);
	sqlite3_bind_int64(s, 10, bjtime_now_ms());
}

enum store_err person_insert(struct db *db, struct person *p)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db,
	                  "INSERT INTO people(unit_id, department_id, name, title, "
	                  "phone, staff_class, commitment_signed_on, status, "
	                  "declassify_until, updated_at, created_at) "
	                  "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?10)",
	                  &s);

	if (ret)
		return ret;
	bind_person(s, p);
	ret = step_done(db, s, false);
	if (!ret)
		p->id = sqlite3_last_insert_rowid(db->h);
	return ret ? ret : person_get(db, p->id, p);
}

enum store_err person_update(struct db *db, const struct person *p)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db,
	                  "UPDATE people SET unit_id = ?1, department_id = ?2, name = ?3, "
	                  "title = ?4, phone = ?5, staff_class = ?6, "
	                  "commitment_signed_on = ?7, status = ?8, declassify_until = ?9, "
	                  "updated_at = ?10 WHERE id = ?11",
	                  &s);

	if (ret)
		return ret;
	bind_person(s, p);
	sqlite3_bind_int64(s, 11, p->id);
	return step_done(db, s, true);
}

static int32_t col_day(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? PERSON_NO_DATE : sqlite3_column_int(s, i);
}

static void row_to_person(sqlite3_stmt *s, void *out)
{
	struct person *p = out;

	person_init(p);
	p->id = sqlite3_column_int64(s, 0);
	p->unit_id = sqlite3_column_int64(s, 1);
	p->department_id = sqlite3_column_int64(s, 2);
	store_copy_text(p->name, sizeof(p->name), sqlite3_column_text(s, 3));
	store_copy_text(p->title, sizeof(p->title), sqlite3_column_text(s, 4));
	store_copy_text(p->phone, sizeof(p->phone), sqlite3_column_text(s, 5));
	p->staff_class = (enum staff_class)sqlite3_column_int(s, 6);
	p->commitment_signed_on = col_day(s, 7);
	p->status = (enum person_status)sqlite3_column_int(s, 8);
	p->declassify_until = col_day(s, 9);
	p->created_at = sqlite3_column_int64(s, 10);
	p->updated_at = sqlite3_column_int64(s, 11);
}

enum store_err person_get(struct db *db, int64_t id, struct person *p)
{
	return store_get_row(db, "SELECT " PERSON_COLS " FROM people WHERE id = ?", id,
	                     row_to_person, p);
}

json_t *person_json(const struct person *p, bool names_only)
{
	enum level cl = staff_class_clearance(p->staff_class);
	char c[BJTIME_ISO_LEN], u[BJTIME_ISO_LEN];

	if (names_only)
		return json_pack("{sI so ss ss}", "id", (json_int_t)p->id, "department_id",
		                 p->department_id ? json_integer(p->department_id) : json_null(),
		                 "name", p->name, "status", person_status_code(p->status));
	bjtime_format_iso(p->created_at, c);
	bjtime_format_iso(p->updated_at, u);
	return json_pack(
	    "{sI sI so ss ss ss ss so so ss so ss ss}", "id", (json_int_t)p->id, "unit_id",
	    (json_int_t)p->unit_id, "department_id",
	    p->department_id ? json_integer(p->department_id) : json_null(), "name", p->name,
	    "title", p->title, "phone", p->phone, "staff_class", staff_class_code(p->staff_class),
	    "clearance", cl == LEVEL_NONE ? json_null() : json_string(level_code(cl)),
	    "commitment_signed_on", store_day_json(p->commitment_signed_on, PERSON_NO_DATE),
	    "status", person_status_code(p->status), "declassify_until",
	    store_day_json(p->declassify_until, PERSON_NO_DATE), "created_at", c, "updated_at", u);
}

enum store_err person_list(struct db *db, const struct person_filter *f, bool names_only,
                           json_t **items, int64_t *total)
{
	/* ?7: names only — search the name alone, so titles and phones stay hidden */
	static const char where[] = " FROM people WHERE (?1 = 0 OR department_id = ?1) "
	                            "AND (?2 < 0 OR status = ?2) AND (?3 < 0 OR staff_class = ?3) "
	                            "AND (?4 IS NULL OR instr(name, ?4) > 0 OR (?7 = 0 AND "
	                            "(instr(title, ?4) > 0 OR instr(phone, ?4) > 0)))";
	char sql[512];
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0)
			snprintf(sql, sizeof(sql), "SELECT count(*)%s", where);
		else
			snprintf(sql, sizeof(sql),
			         "SELECT " PERSON_COLS "%s ORDER BY department_id, id LIMIT ?5 "
			         "OFFSET ?6",
			         where);
		ret = store_prepare(db, sql, &s);
		if (ret)
			return ret;
		sqlite3_bind_int64(s, 1, f->department_id);
		sqlite3_bind_int(s, 2, f->status);
		sqlite3_bind_int(s, 3, f->staff_class);
		if (f->q && *f->q)
			sqlite3_bind_text(s, 4, f->q, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 7, names_only);
		if (pass == 0) {
			if (sqlite3_step(s) == SQLITE_ROW)
				*total = sqlite3_column_int64(s, 0);
			store_finish(db, s);
			continue;
		}
		sqlite3_bind_int(s, 5, f->limit);
		sqlite3_bind_int(s, 6, f->offset);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct person p;

			row_to_person(s, &p);
			json_array_append_new(*items, person_json(&p, names_only));
		}
		store_finish(db, s);
		if (rc != SQLITE_DONE)
			return db_fail(db, rc);
	}
	return STORE_OK;
}
