/*
 * store_plan.c — emergency plans, the shipped data files and the
 * working-day calendar in force.
 */
#include "store_incident.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "ui_assets.h"

/* ---- shipped data ---- */

const struct ui_asset *data_asset(const char *path)
{
	for (const struct ui_asset *a = data_assets; a->path; a++)
		if (!strcmp(a->path, path))
			return a;
	return NULL;
}

const char *data_file(const char *path, size_t *len)
{
	const struct ui_asset *a = data_asset(path);

	if (!a)
		return NULL;
	if (len)
		*len = a->len;
	return (const char *)a->data;
}

/* ---- the calendar ---- */

#define CALENDAR_KEY "calendar"

enum store_err calendar_load(struct db *db, struct calendar *c, const char **source)
{
	char *mine = NULL;
	const char *text;
	size_t len;
	int line = 0;
	enum store_err ret = setting_get(db, CALENDAR_KEY, &mine);

	if (ret)
		return ret;
	cal_init(c);
	/* stored only after it parsed; a failure here means the row was edited */
	if (mine && cal_parse(c, mine, strlen(mine), &line) == CAL_OK) {
		free(mine);
		if (source)
			*source = "operator";
		return STORE_OK;
	}
	free(mine);
	cal_init(c);
	text = data_file("calendar/cn.txt", &len);
	if (!text || cal_parse(c, text, len, &line) != CAL_OK)
		return STORE_CORRUPT;
	if (source)
		*source = "shipped";
	return STORE_OK;
}

enum store_err calendar_save(struct db *db, const char *text)
{
	return setting_put(db, CALENDAR_KEY, text);
}

/* ---- plans ---- */

#define PLAN_COLS                                                                                  \
	"id, unit_id, name, kind, version, status, body, template, created_by, created_at, "       \
	"updated_at, approved_by, approved_at, filed_with, filed_at, retired_at"

void plan_rec_release(struct plan_rec *p)
{
	json_decref(p->body);
	p->body = NULL;
}

static void row_to_plan(sqlite3_stmt *s, void *out)
{
	struct plan_rec *p = out;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(s, 0);
	p->unit_id = sqlite3_column_int64(s, 1);
	store_copy_text(p->name, sizeof(p->name), sqlite3_column_text(s, 2));
	p->kind = (enum plan_kind)sqlite3_column_int(s, 3);
	p->version = sqlite3_column_int(s, 4);
	p->status = (enum plan_status)sqlite3_column_int(s, 5);
	p->body = store_json_col(s, 6);
	store_copy_text(p->template_code, sizeof(p->template_code), sqlite3_column_text(s, 7));
	p->created_by = sqlite3_column_int64(s, 8);
	p->created_at = sqlite3_column_int64(s, 9);
	p->updated_at = sqlite3_column_int64(s, 10);
	p->approved_by = sqlite3_column_int64(s, 11);
	p->approved_at = sqlite3_column_int64(s, 12);
	store_copy_text(p->filed_with, sizeof(p->filed_with), sqlite3_column_text(s, 13));
	p->filed_at = sqlite3_column_int64(s, 14);
	p->retired_at = sqlite3_column_int64(s, 15);
}

enum store_err plan_insert(struct db *db, struct plan_rec *p)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret =
	    store_prepare(db,
	                  "INSERT INTO plans(unit_id, name, kind, version, status, body, template, "
	                  "created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, p->unit_id);
	sqlite3_bind_text(s, 2, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, p->kind);
	sqlite3_bind_int(s, 4, p->version);
	sqlite3_bind_int(s, 5, p->status);
	store_bind_json(s, 6, p->body);
	sqlite3_bind_text(s, 7, p->template_code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, p->created_by);
	sqlite3_bind_int64(s, 9, p->created_at);
	sqlite3_bind_int64(s, 10, p->updated_at);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	p->id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

enum store_err plan_get(struct db *db, int64_t id, struct plan_rec *p)
{
	memset(p, 0, sizeof(*p));
	return store_get_row(db, "SELECT " PLAN_COLS " FROM plans WHERE id = ?", id, row_to_plan,
	                     p);
}

enum store_err plan_save(struct db *db, const struct plan_rec *p)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(
	    db,
	    "UPDATE plans SET name = ?, kind = ?, status = ?, body = ?, updated_at = ?, "
	    "approved_by = ?, approved_at = ?, filed_with = ?, filed_at = ?, "
	    "retired_at = ? WHERE id = ?",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, p->kind);
	sqlite3_bind_int(s, 3, p->status);
	store_bind_json(s, 4, p->body);
	sqlite3_bind_int64(s, 5, p->updated_at);
	store_bind_opt(s, 6, p->approved_by);
	store_bind_opt(s, 7, p->approved_at);
	sqlite3_bind_text(s, 8, p->filed_with, -1, SQLITE_STATIC);
	store_bind_opt(s, 9, p->filed_at);
	store_bind_opt(s, 10, p->retired_at);
	sqlite3_bind_int64(s, 11, p->id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return sqlite3_changes(db->h) ? STORE_OK : STORE_NOTFOUND;
}

json_t *plan_json(const struct plan_rec *p, bool with_body)
{
	json_t *o = json_pack(
	    "{sI sI ss ss ss sI ss ss ss sI so so so ss so so}", "id", (json_int_t)p->id, "unit_id",
	    (json_int_t)p->unit_id, "name", p->name, "kind", plan_kind_code(p->kind), "kind_zh",
	    plan_kind_zh(p->kind), "version", (json_int_t)p->version, "status",
	    plan_status_code(p->status), "status_zh", plan_status_zh(p->status), "template",
	    p->template_code, "created_by", (json_int_t)p->created_by, "created_at",
	    store_time_json(p->created_at), "updated_at", store_time_json(p->updated_at),
	    "approved_at", store_time_json(p->approved_at), "filed_with", p->filed_with, "filed_at",
	    store_time_json(p->filed_at), "retired_at", store_time_json(p->retired_at));

	if (o && with_body)
		json_object_set_new(o, "body", p->body ? json_incref(p->body) : json_object());
	return o;
}

enum store_err plan_list(struct db *db, int kind, int status, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = 0;
	ret = store_prepare(db,
	                    "SELECT " PLAN_COLS " FROM plans WHERE (?1 < 0 OR kind = ?1) AND "
	                    "(?2 < 0 OR status = ?2) ORDER BY name, version DESC",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, kind);
	sqlite3_bind_int(s, 2, status);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct plan_rec p;

		row_to_plan(s, &p);
		json_array_append_new(*items, plan_json(&p, false));
		plan_rec_release(&p);
		(*total)++;
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err plan_in_force_for(struct db *db, int64_t unit_id, enum inc_kind k,
                                 struct plan_rec *p)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	memset(p, 0, sizeof(*p));
	/* a plan of the incident's own kind before a general one; newest first */
	ret =
	    store_prepare(db,
	                  "SELECT " PLAN_COLS " FROM plans WHERE unit_id = ? AND status IN (?, ?) "
	                  "AND kind IN (?, ?) ORDER BY kind = ? DESC, approved_at DESC, id DESC "
	                  "LIMIT 1",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_int(s, 2, PST_APPROVED);
	sqlite3_bind_int(s, 3, PST_FILED);
	sqlite3_bind_int(s, 4, k == IK_LEAK ? PK_LEAK : PK_CYBER);
	sqlite3_bind_int(s, 5, PK_OTHER);
	sqlite3_bind_int(s, 6, k == IK_LEAK ? PK_LEAK : PK_CYBER);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		row_to_plan(s, p);
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}

int plan_next_version(struct db *db, int64_t unit_id, const char *name)
{
	sqlite3_stmt *s;
	int v = 1;

	if (store_prepare(db, "SELECT max(version) FROM plans WHERE unit_id = ? AND name = ?", &s))
		return 1;
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0) + 1;
	store_finish(db, s);
	return v;
}
