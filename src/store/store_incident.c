/*
 * store_incident.c — incidents, their versions, timeline, tasks, deadlines
 * and filing numbers; warnings; trusted keys and received reports.
 */
#include "store_incident.h"
#include "store_duty.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/bjtime.h"

/* SQL form of inc_may_see(): ?A account, ?W watch role (0/1), ?C clearance. */

static void bind_viewer(sqlite3_stmt *s, int first, const struct inc_viewer *v)
{
	sqlite3_bind_int64(s, first, v->account_id);
	sqlite3_bind_int(s, first + 1, (v->roles & INC_WATCH_ROLES) ? 1 : 0);
	sqlite3_bind_int(s, first + 2, v->clearance);
}

/* ---- incidents ---- */

#define INC_COLS                                                                                   \
	"i.id, i.unit_id, i.kind, i.category, i.subcategory, i.title, i.state, i.info_level, "     \
	"i.prelim_level, i.proposed_level, i.confirmed_level, i.confirmed_by, i.confirmed_at, "    \
	"i.plan_id, i.response_level, i.discovered_at, i.reported_at, i.reported_by, "             \
	"i.activated_at, i.handling_at, i.handled_at, i.summarised_at, i.summarised_by, "          \
	"i.closed_at, i.closed_by, i.evaluated_at, i.filing_day, i.filing_nth, i.filing_total, "   \
	"i.version, i.report, i.factors, i.summary, i.evaluation, i.updated_at, "                  \
	"i.investigated_at, i.investigated_by, i.investigation, i.drill"
#define INC_NCOLS 39

void inc_rec_init(struct inc_rec *r)
{
	memset(r, 0, sizeof(*r));
	r->info_level = LEVEL_NONE;
	r->version = 1;
}

void inc_rec_release(struct inc_rec *r)
{
	json_decref(r->report);
	json_decref(r->factors);
	json_decref(r->summary);
	json_decref(r->evaluation);
	r->report = r->factors = r->summary = r->evaluation = NULL;
}

static void row_to_inc(sqlite3_stmt *s, void *out)
{
	struct inc_rec *r = out;

	inc_rec_init(r);
	r->id = sqlite3_column_int64(s, 0);
	r->unit_id = sqlite3_column_int64(s, 1);
	r->kind = (enum inc_kind)sqlite3_column_int(s, 2);
	r->category = (enum inc_category)sqlite3_column_int(s, 3);
	store_copy_text(r->subcategory, sizeof(r->subcategory), sqlite3_column_text(s, 4));
	store_copy_text(r->title, sizeof(r->title), sqlite3_column_text(s, 5));
	r->state = (enum inc_state)sqlite3_column_int(s, 6);
	r->info_level = (enum level)sqlite3_column_int(s, 7);
	r->prelim_level = (enum inc_level)sqlite3_column_int(s, 8);
	r->proposed_level = (enum inc_level)sqlite3_column_int(s, 9);
	r->confirmed_level = (enum inc_level)sqlite3_column_int(s, 10);
	r->confirmed_by = sqlite3_column_int64(s, 11);
	r->confirmed_at = sqlite3_column_int64(s, 12);
	r->plan_id = sqlite3_column_int64(s, 13);
	r->response_level = (enum inc_level)sqlite3_column_int(s, 14);
	r->discovered_at = sqlite3_column_int64(s, 15);
	r->reported_at = sqlite3_column_int64(s, 16);
	r->reported_by = sqlite3_column_int64(s, 17);
	r->activated_at = sqlite3_column_int64(s, 18);
	r->handling_at = sqlite3_column_int64(s, 19);
	r->handled_at = sqlite3_column_int64(s, 20);
	r->summarised_at = sqlite3_column_int64(s, 21);
	r->summarised_by = sqlite3_column_int64(s, 22);
	r->closed_at = sqlite3_column_int64(s, 23);
	r->closed_by = sqlite3_column_int64(s, 24);
	r->evaluated_at = sqlite3_column_int64(s, 25);
	r->filing_day = sqlite3_column_int(s, 26);
	r->filing_nth = sqlite3_column_int64(s, 27);
	r->filing_total = sqlite3_column_int64(s, 28);
	r->version = sqlite3_column_int(s, 29);
	r->report = store_json_col(s, 30);
	r->factors = store_json_col(s, 31);
	r->summary = store_json_col(s, 32);
	r->evaluation = store_json_col(s, 33);
	r->updated_at = sqlite3_column_int64(s, 34);
	r->investigated_at = sqlite3_column_int64(s, 35);
	r->investigated_by = sqlite3_column_int64(s, 36);
	store_copy_text(r->investigation, sizeof(r->investigation), sqlite3_column_text(s, 37));
	r->drill = sqlite3_column_int(s, 38) != 0;
}

/* Binds the columns of a new incident, from index 1. */
static void bind_inc(sqlite3_stmt *s, const struct inc_rec *r)
{
	sqlite3_bind_int64(s, 1, r->unit_id);
	sqlite3_bind_int(s, 2, r->kind);
	sqlite3_bind_int(s, 3, r->category);
	sqlite3_bind_text(s, 4, r->subcategory, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r->title, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, r->state);
	sqlite3_bind_int(s, 7, r->info_level);
	sqlite3_bind_int(s, 8, r->prelim_level);
	sqlite3_bind_int(s, 9, r->proposed_level);
	sqlite3_bind_int(s, 10, r->confirmed_level);
	store_bind_opt(s, 11, r->confirmed_by);
	store_bind_opt(s, 12, r->confirmed_at);
	store_bind_opt(s, 13, r->plan_id);
	sqlite3_bind_int(s, 14, r->response_level);
	sqlite3_bind_int64(s, 15, r->discovered_at);
	sqlite3_bind_int64(s, 16, r->reported_at);
	sqlite3_bind_int64(s, 17, r->reported_by);
	store_bind_opt(s, 18, r->activated_at);
	store_bind_opt(s, 19, r->handling_at);
	store_bind_opt(s, 20, r->handled_at);
	store_bind_opt(s, 21, r->summarised_at);
	store_bind_opt(s, 22, r->summarised_by);
	store_bind_opt(s, 23, r->closed_at);
	store_bind_opt(s, 24, r->closed_by);
	store_bind_opt(s, 25, r->evaluated_at);
	if (r->filing_total) {
		sqlite3_bind_int(s, 26, r->filing_day);
		sqlite3_bind_int64(s, 27, r->filing_nth);
		sqlite3_bind_int64(s, 28, r->filing_total);
	} else {
		sqlite3_bind_null(s, 26);
		sqlite3_bind_null(s, 27);
		sqlite3_bind_null(s, 28);
	}
	sqlite3_bind_int(s, 29, r->version);
	store_bind_json(s, 30, r->report);
	store_bind_json(s, 31, r->factors);
	store_bind_json(s, 32, r->summary);
	store_bind_json(s, 33, r->evaluation);
	sqlite3_bind_int64(s, 34, r->updated_at);
	sqlite3_bind_int(s, 35, r->drill);
}

enum store_err inc_insert(struct db *db, struct inc_rec *r)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(
	    db,
	    "INSERT INTO incidents(unit_id, kind, category, subcategory, title, state, info_level, "
	    "prelim_level, proposed_level, confirmed_level, confirmed_by, confirmed_at, plan_id, "
	    "response_level, discovered_at, reported_at, reported_by, activated_at, handling_at, "
	    "handled_at, summarised_at, summarised_by, closed_at, closed_by, evaluated_at, "
	    "filing_day, filing_nth, filing_total, version, report, factors, summary, evaluation, "
	    "updated_at, drill) VALUES "
	    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	    &s);
	if (ret)
		return ret;
	bind_inc(s, r);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	r->id = sqlite3_last_insert_rowid(db->h);
	return inc_add_version(db, r, r->reported_by);
}

enum store_err inc_get(struct db *db, int64_t id, struct inc_rec *r)
{
	inc_rec_init(r);
	return store_get_row(db, "SELECT " INC_COLS " FROM incidents i WHERE i.id = ?", id,
	                     row_to_inc, r);
}

enum store_err inc_save(struct db *db, const struct inc_rec *r)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	/* what was reported (unit, kind, category, discovery, reporter) never changes */
	ret = store_prepare(
	    db,
	    "UPDATE incidents SET title = ?, state = ?, info_level = ?, prelim_level = ?, "
	    "proposed_level = ?, confirmed_level = ?, confirmed_by = ?, confirmed_at = ?, "
	    "plan_id = ?, response_level = ?, activated_at = ?, handling_at = ?, handled_at = ?, "
	    "summarised_at = ?, summarised_by = ?, closed_at = ?, closed_by = ?, evaluated_at = ?, "
	    "filing_day = ?, filing_nth = ?, filing_total = ?, version = ?, report = ?, "
	    "factors = ?, summary = ?, evaluation = ?, updated_at = ?, investigated_at = ?, "
	    "investigated_by = ?, investigation = ? WHERE id = ?",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, r->title, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, r->state);
	sqlite3_bind_int(s, 3, r->info_level);
	sqlite3_bind_int(s, 4, r->prelim_level);
	sqlite3_bind_int(s, 5, r->proposed_level);
	sqlite3_bind_int(s, 6, r->confirmed_level);
	store_bind_opt(s, 7, r->confirmed_by);
	store_bind_opt(s, 8, r->confirmed_at);
	store_bind_opt(s, 9, r->plan_id);
	sqlite3_bind_int(s, 10, r->response_level);
	store_bind_opt(s, 11, r->activated_at);
	store_bind_opt(s, 12, r->handling_at);
	store_bind_opt(s, 13, r->handled_at);
	store_bind_opt(s, 14, r->summarised_at);
	store_bind_opt(s, 15, r->summarised_by);
	store_bind_opt(s, 16, r->closed_at);
	store_bind_opt(s, 17, r->closed_by);
	store_bind_opt(s, 18, r->evaluated_at);
	if (r->filing_total) {
		sqlite3_bind_int(s, 19, r->filing_day);
		sqlite3_bind_int64(s, 20, r->filing_nth);
		sqlite3_bind_int64(s, 21, r->filing_total);
	} else {
		sqlite3_bind_null(s, 19);
		sqlite3_bind_null(s, 20);
		sqlite3_bind_null(s, 21);
	}
	sqlite3_bind_int(s, 22, r->version);
	store_bind_json(s, 23, r->report);
	store_bind_json(s, 24, r->factors);
	store_bind_json(s, 25, r->summary);
	store_bind_json(s, 26, r->evaluation);
	sqlite3_bind_int64(s, 27, r->updated_at);
	store_bind_opt(s, 28, r->investigated_at);
	store_bind_opt(s, 29, r->investigated_by);
	sqlite3_bind_text(s, 30, r->investigation, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 31, r->id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return sqlite3_changes(db->h) ? STORE_OK : STORE_NOTFOUND;
}

static json_t *level_json(enum inc_level l)
{
	if (l == IL_NONE)
		return json_null();
	return json_pack("{ss ss ss}", "code", inc_level_code(l), "zh", inc_level_zh(l), "color",
	                 inc_level_color(l));
}

json_t *inc_json(const struct inc_rec *r)
{
	json_t *o = json_object();
	char filing[96] = "";

	if (r->filing_total)
		inc_filing_format(filing, sizeof(filing), r->filing_day, r->filing_nth,
		                  r->filing_total);
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "unit_id", json_integer(r->unit_id));
	json_object_set_new(o, "kind", json_string(inc_kind_code(r->kind)));
	json_object_set_new(o, "kind_zh", json_string(inc_kind_zh(r->kind)));
	json_object_set_new(o, "category", json_string(inc_category_code(r->category)));
	json_object_set_new(o, "category_zh", json_string(inc_category_zh(r->category)));
	json_object_set_new(o, "subcategory", json_string(r->subcategory));
	if (r->subcategory[0]) {
		int i = inc_subcategory_parse(r->category, r->subcategory);

		json_object_set_new(o, "subcategory_zh",
		                    json_string(i >= 0 ? inc_subcategory_zh(r->category, i) : ""));
	}
	json_object_set_new(o, "title", json_string(r->title));
	json_object_set_new(o, "state", json_string(inc_state_code(r->state)));
	json_object_set_new(o, "state_zh", json_string(inc_state_zh(r->state)));
	json_object_set_new(o, "info_level",
	                    r->info_level == LEVEL_NONE ? json_null()
	                                                : json_string(level_code(r->info_level)));
	json_object_set_new(o, "prelim_level", level_json(r->prelim_level));
	json_object_set_new(o, "proposed_level", level_json(r->proposed_level));
	json_object_set_new(o, "confirmed_level", level_json(r->confirmed_level));
	json_object_set_new(o, "confirmed_by",
	                    r->confirmed_by ? json_integer(r->confirmed_by) : json_null());
	json_object_set_new(o, "confirmed_at", store_time_json(r->confirmed_at));
	json_object_set_new(o, "plan_id", r->plan_id ? json_integer(r->plan_id) : json_null());
	json_object_set_new(o, "response_level", level_json(r->response_level));
	json_object_set_new(o, "discovered_at", store_time_json(r->discovered_at));
	json_object_set_new(o, "reported_at", store_time_json(r->reported_at));
	json_object_set_new(o, "reported_by", json_integer(r->reported_by));
	json_object_set_new(o, "activated_at", store_time_json(r->activated_at));
	json_object_set_new(o, "handling_at", store_time_json(r->handling_at));
	json_object_set_new(o, "handled_at", store_time_json(r->handled_at));
	json_object_set_new(o, "summarised_at", store_time_json(r->summarised_at));
	json_object_set_new(o, "closed_at", store_time_json(r->closed_at));
	json_object_set_new(o, "evaluated_at", store_time_json(r->evaluated_at));
	json_object_set_new(o, "filing_number", filing[0] ? json_string(filing) : json_null());
	json_object_set_new(o, "version", json_integer(r->version));
	json_object_set_new(o, "report", r->report ? json_incref(r->report) : json_object());
	json_object_set_new(o, "factors", r->factors ? json_incref(r->factors) : json_object());
	json_object_set_new(o, "summary", r->summary ? json_incref(r->summary) : json_object());
	json_object_set_new(o, "evaluation",
	                    r->evaluation ? json_incref(r->evaluation) : json_object());
	json_object_set_new(o, "updated_at", store_time_json(r->updated_at));
	json_object_set_new(o, "investigated_at", store_time_json(r->investigated_at));
	json_object_set_new(o, "investigation", json_string(r->investigation));
	json_object_set_new(o, "drill", json_boolean(r->drill));
	return o;
}

enum store_err inc_add_version(struct db *db, const struct inc_rec *r, int64_t by)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret =
	    store_prepare(db,
	                  "INSERT INTO incident_versions(incident_id, version, report, by_account, "
	                  "at) VALUES (?,?,?,?,?)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_int(s, 2, r->version);
	store_bind_json(s, 3, r->report);
	sqlite3_bind_int64(s, 4, by);
	sqlite3_bind_int64(s, 5, r->updated_at);
	return store_step_done(db, s);
}

enum store_err inc_versions(struct db *db, int64_t id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(db,
	                    "SELECT v.version, v.report, v.by_account, a.display_name, v.at "
	                    "FROM incident_versions v LEFT JOIN accounts a ON a.id = v.by_account "
	                    "WHERE v.incident_id = ? ORDER BY v.version",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *items,
		    json_pack("{si so sI ss so}", "version", sqlite3_column_int(s, 0), "report",
		              store_json_col(s, 1), "by", (json_int_t)sqlite3_column_int64(s, 2),
		              "by_name", store_col_text(s, 3), "at",
		              store_time_json(sqlite3_column_int64(s, 4))));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err inc_event(struct db *db, int64_t incident_id, int64_t account_id, const char *action,
                         json_t *detail)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(
	    db,
	    "INSERT INTO incident_events(incident_id, at, account_id, action, detail) "
	    "VALUES (?,?,?,?,?)",
	    &s);
	if (ret) {
		json_decref(detail);
		return ret;
	}
	sqlite3_bind_int64(s, 1, incident_id);
	sqlite3_bind_int64(s, 2, bjtime_now_ms());
	store_bind_opt(s, 3, account_id);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_STATIC);
	store_bind_json(s, 5, detail);
	rc = sqlite3_step(s);
	store_finish(db, s);
	json_decref(detail);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err inc_timeline(struct db *db, int64_t id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(db,
	                    "SELECT e.id, e.at, e.account_id, a.display_name, e.action, e.detail "
	                    "FROM incident_events e LEFT JOIN accounts a ON a.id = e.account_id "
	                    "WHERE e.incident_id = ? ORDER BY e.id",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 3);

		json_array_append_new(
		    *items,
		    json_pack("{sI so sI ss ss so}", "id", (json_int_t)sqlite3_column_int64(s, 0),
		              "at", store_time_json(sqlite3_column_int64(s, 1)), "account_id",
		              (json_int_t)sqlite3_column_int64(s, 2), "by", name ? name : "系统",
		              "action", (const char *)sqlite3_column_text(s, 4), "detail",
		              store_json_col(s, 5)));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

bool inc_is_assignee(struct db *db, int64_t incident_id, int64_t account_id)
{
	sqlite3_stmt *s;
	bool yes = false;

	if (!account_id || store_prepare(db,
	                                 "SELECT 1 FROM incident_tasks WHERE incident_id = ? AND "
	                                 "assignee_id = ? LIMIT 1",
	                                 &s))
		return false;
	sqlite3_bind_int64(s, 1, incident_id);
	sqlite3_bind_int64(s, 2, account_id);
	yes = sqlite3_step(s) == SQLITE_ROW;
	store_finish(db, s);
	return yes;
}

#define INC_LIST_WHERE                                                                             \
	" FROM incidents i WHERE " INC_VISIBLE(                                                    \
	    "?1", "?2",                                                                            \
	    "?3") " AND (?4 < 0 OR i.kind = ?4) "                                                  \
	          "AND (?5 < 0 OR i.state = ?5) AND (?6 < 0 OR i.confirmed_level = ?6) "           \
	          "AND (?7 = 0 OR i.state NOT IN (7, 8, 9)) AND (?8 IS NULL OR instr(i.title, "    \
	          "?8) > 0) "                                                                      \
	          "AND (?9 = 0 OR EXISTS (SELECT 1 FROM incident_deadlines d WHERE d.incident_id " \
	          "= i.id "                                                                        \
	          "AND d.met_at IS NULL AND d.due_at <= ?10)) AND (?13 < 0 OR i.drill = ?13)"

static void bind_inc_filter(sqlite3_stmt *s, const struct inc_viewer *v, const struct inc_filter *f,
                            int64_t now_ms)
{
	bind_viewer(s, 1, v);
	sqlite3_bind_int(s, 4, f->kind);
	sqlite3_bind_int(s, 5, f->state);
	sqlite3_bind_int(s, 6, f->level);
	sqlite3_bind_int(s, 7, f->open_only);
	if (f->q && *f->q)
		sqlite3_bind_text(s, 8, f->q, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 8);
	sqlite3_bind_int(s, 9, f->overdue_only);
	sqlite3_bind_int64(s, 10, now_ms);
	sqlite3_bind_int(s, 13, f->drill);
}

enum store_err inc_list(struct db *db, const struct inc_viewer *v, const struct inc_filter *f,
                        int64_t now_ms, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = 0;
	ret = store_prepare(db, "SELECT count(*)" INC_LIST_WHERE, &s);
	if (ret)
		return ret;
	bind_inc_filter(s, v, f, now_ms);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc);

	ret = store_prepare(db,
	                    "SELECT " INC_COLS ", (SELECT count(*) FROM incident_deadlines d WHERE "
	                    "d.incident_id = i.id AND d.met_at IS NULL AND d.due_at <= ?10), "
	                    "(SELECT min(d.due_at) FROM incident_deadlines d WHERE d.incident_id = "
	                    "i.id AND d.met_at IS NULL AND d.due_at > ?10)" INC_LIST_WHERE
	                    " ORDER BY i.id DESC LIMIT ?11 OFFSET ?12",
	                    &s);
	if (ret)
		return ret;
	bind_inc_filter(s, v, f, now_ms);
	sqlite3_bind_int(s, 11, f->limit);
	sqlite3_bind_int(s, 12, f->offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct inc_rec r;
		json_t *o;

		row_to_inc(s, &r);
		/* the list shows the header, not the report's fields */
		o = json_pack("{sI ss ss ss ss ss ss so so sI so so si}", "id", (json_int_t)r.id,
		              "kind", inc_kind_code(r.kind), "kind_zh", inc_kind_zh(r.kind),
		              "category", inc_category_code(r.category), "category_zh",
		              inc_category_zh(r.category), "title", r.title, "state_zh",
		              inc_state_zh(r.state), "confirmed_level",
		              level_json(r.confirmed_level), "prelim_level",
		              level_json(r.prelim_level), "reported_by", (json_int_t)r.reported_by,
		              "reported_at", store_time_json(r.reported_at), "next_due",
		              store_time_json(sqlite3_column_int64(s, INC_NCOLS + 1)), "overdue",
		              sqlite3_column_int(s, INC_NCOLS));
		json_object_set_new(o, "state", json_string(inc_state_code(r.state)));
		json_object_set_new(o, "drill", json_boolean(r.drill));
		json_array_append_new(*items, o);
		inc_rec_release(&r);
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* Upsert-and-return of a counter row; day -1 holds the unit's running total. */
static enum store_err counter_next(struct db *db, int64_t unit_id, int32_t day, int64_t *n)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db,
	                    "INSERT INTO filing_counters(unit_id, day, n) VALUES (?, ?, 1) "
	                    "ON CONFLICT(unit_id, day) DO UPDATE SET n = n + 1 RETURNING n",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_int(s, 2, day);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	return rc == SQLITE_ROW ? STORE_OK : db_fail(db, rc);
}

enum store_err inc_file_number(struct db *db, int64_t unit_id, int64_t now_ms, int32_t *day,
                               int64_t *nth, int64_t *total)
{
	enum store_err ret;

	*day = (int32_t)((now_ms / 1000 + BJTIME_OFFSET_S) / 86400);
	ret = counter_next(db, unit_id, *day, nth);
	if (!ret)
		ret = counter_next(db, unit_id, -1, total);
	return ret;
}

enum store_err inc_link_carrier(struct db *db, int64_t incident_id, int64_t carrier_id)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "INSERT OR IGNORE INTO incident_carriers(incident_id, carrier_id) "
	                    "VALUES (?, ?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, incident_id);
	sqlite3_bind_int64(s, 2, carrier_id);
	return store_step_done(db, s);
}

enum store_err inc_carriers(struct db *db, int64_t incident_id, json_t **ids)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*ids = json_array();
	ret = store_prepare(db,
	                    "SELECT carrier_id FROM incident_carriers WHERE incident_id = ? "
	                    "ORDER BY carrier_id",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, incident_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(*ids, json_integer(sqlite3_column_int64(s, 0)));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- tasks ---- */

static const char *const task_status_codes[] = {"open", "done", "cancelled"};
static const char *const task_status_zh[] = {"待办", "已完成", "已取消"};

#define TASK_COLS                                                                                  \
	"id, incident_id, step, phase, title, assignee_id, due_at, status, note, done_at, "        \
	"done_by, created_at"

static void row_to_task(sqlite3_stmt *s, void *out)
{
	struct task_rec *t = out;

	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(s, 0);
	t->incident_id = sqlite3_column_int64(s, 1);
	store_copy_text(t->step, sizeof(t->step), sqlite3_column_text(s, 2));
	store_copy_text(t->phase, sizeof(t->phase), sqlite3_column_text(s, 3));
	store_copy_text(t->title, sizeof(t->title), sqlite3_column_text(s, 4));
	t->assignee_id = sqlite3_column_int64(s, 5);
	t->due_at = sqlite3_column_int64(s, 6);
	t->status = (enum task_status)sqlite3_column_int(s, 7);
	store_copy_text(t->note, sizeof(t->note), sqlite3_column_text(s, 8));
	t->done_at = sqlite3_column_int64(s, 9);
	t->done_by = sqlite3_column_int64(s, 10);
	t->created_at = sqlite3_column_int64(s, 11);
}

enum store_err task_insert(struct db *db, struct task_rec *t)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(
	    db,
	    "INSERT INTO incident_tasks(incident_id, step, phase, title, assignee_id, "
	    "due_at, status, note, created_at, role) VALUES (?,?,?,?,?,?,?,?,?,?)",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, t->incident_id);
	sqlite3_bind_text(s, 2, t->step, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, t->phase, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, t->title, -1, SQLITE_STATIC);
	store_bind_opt(s, 5, t->assignee_id);
	store_bind_opt(s, 6, t->due_at);
	sqlite3_bind_int(s, 7, t->status);
	sqlite3_bind_text(s, 8, t->note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, t->created_at);
	sqlite3_bind_text(s, 10, t->role, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	t->id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

enum store_err task_get(struct db *db, int64_t id, struct task_rec *t)
{
	return store_get_row(db, "SELECT " TASK_COLS " FROM incident_tasks WHERE id = ?", id,
	                     row_to_task, t);
}

enum store_err task_save(struct db *db, const struct task_rec *t)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "UPDATE incident_tasks SET title = ?, assignee_id = ?, due_at = ?, "
	                    "status = ?, note = ?, done_at = ?, done_by = ? WHERE id = ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, t->title, -1, SQLITE_STATIC);
	store_bind_opt(s, 2, t->assignee_id);
	store_bind_opt(s, 3, t->due_at);
	sqlite3_bind_int(s, 4, t->status);
	sqlite3_bind_text(s, 5, t->note, -1, SQLITE_STATIC);
	store_bind_opt(s, 6, t->done_at);
	store_bind_opt(s, 7, t->done_by);
	sqlite3_bind_int64(s, 8, t->id);
	return store_step_done(db, s);
}

enum store_err task_list(struct db *db, int64_t incident_id, int64_t now_ms, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret =
	    store_prepare(db,
	                  "SELECT " TASK_COLS ", (SELECT display_name FROM accounts a WHERE a.id = "
	                  "t.assignee_id) FROM incident_tasks t WHERE incident_id = ? ORDER BY id",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, incident_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct task_rec t;
		const char *who = (const char *)sqlite3_column_text(s, 12);

		row_to_task(s, &t);
		json_array_append_new(
		    *items,
		    json_pack("{sI ss ss ss so ss so ss ss ss so sb}", "id", (json_int_t)t.id,
		              "step", t.step, "phase", t.phase, "title", t.title, "assignee_id",
		              t.assignee_id ? json_integer(t.assignee_id) : json_null(), "assignee",
		              who ? who : "", "due_at", store_time_json(t.due_at), "status",
		              task_status_codes[t.status % 3], "status_zh",
		              task_status_zh[t.status % 3], "note", t.note, "done_at",
		              store_time_json(t.done_at), "overdue",
		              t.status == TASK_OPEN && t.due_at && t.due_at < now_ms));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

int task_open_count(struct db *db, int64_t incident_id)
{
	sqlite3_stmt *s;
	int n = 0;

	if (store_prepare(
	        db, "SELECT count(*) FROM incident_tasks WHERE incident_id = ? AND status = 0", &s))
		return -1;
	sqlite3_bind_int64(s, 1, incident_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	store_finish(db, s);
	return n;
}

enum store_err task_list_assigned(struct db *db, const struct inc_viewer *v, int64_t now_ms,
                                  int limit, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = 0;
	ret = store_prepare(db,
	                    "SELECT t.id, t.incident_id, i.title, t.title, t.due_at FROM "
	                    "incident_tasks t JOIN incidents i ON i.id = t.incident_id WHERE "
	                    "t.assignee_id = ?1 AND t.status = 0 AND " INC_VISIBLE(
	                        "?1", "?2", "?3") " ORDER BY t.due_at IS NULL, t.due_at, t.id",
	                    &s);
	if (ret)
		return ret;
	bind_viewer(s, 1, v);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t due = sqlite3_column_int64(s, 4);

		if ((*total)++ >= limit)
			continue;
		json_array_append_new(
		    *items,
		    json_pack("{sI sI ss ss so sb}", "id", (json_int_t)sqlite3_column_int64(s, 0),
		              "incident_id", (json_int_t)sqlite3_column_int64(s, 1),
		              "incident_title", store_col_text(s, 2), "title", store_col_text(s, 3),
		              "due_at", store_time_json(due), "overdue", due && due < now_ms));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- deadlines ---- */

#define DUTY_COLS                                                                                  \
	"id, incident_id, seq, code, to_whom, what, amount, unit, anchor, prev_seq, escalate_to, " \
	"anchor_at, due_at, fallback, met_at, met_by, note, escalated_at, source, basis, "         \
	"recipient, superior, plan_code, plan_amount, plan_unit, recorded_at"

static void row_to_duty(sqlite3_stmt *s, void *out)
{
	struct duty_rec *d = out;

	memset(d, 0, sizeof(*d));
	d->id = sqlite3_column_int64(s, 0);
	d->incident_id = sqlite3_column_int64(s, 1);
	d->seq = sqlite3_column_int(s, 2);
	store_copy_text(d->code, sizeof(d->code), sqlite3_column_text(s, 3));
	store_copy_text(d->to_whom, sizeof(d->to_whom), sqlite3_column_text(s, 4));
	store_copy_text(d->what, sizeof(d->what), sqlite3_column_text(s, 5));
	d->amount = sqlite3_column_int(s, 6);
	d->unit = (enum dl_unit)sqlite3_column_int(s, 7);
	d->anchor = (enum dl_anchor)sqlite3_column_int(s, 8);
	d->prev_seq = sqlite3_column_int(s, 9);
	store_copy_text(d->escalate_to, sizeof(d->escalate_to), sqlite3_column_text(s, 10));
	d->anchor_at = sqlite3_column_int64(s, 11);
	d->due_at = sqlite3_column_int64(s, 12);
	d->fallback = sqlite3_column_int(s, 13) != 0;
	d->met_at = sqlite3_column_int64(s, 14);
	d->met_by = sqlite3_column_int64(s, 15);
	store_copy_text(d->note, sizeof(d->note), sqlite3_column_text(s, 16));
	d->escalated_at = sqlite3_column_int64(s, 17);
	d->source = (enum dl_source)sqlite3_column_int(s, 18);
	store_copy_text(d->basis, sizeof(d->basis), sqlite3_column_text(s, 19));
	store_copy_text(d->recipient, sizeof(d->recipient), sqlite3_column_text(s, 20));
	d->superior = sqlite3_column_int(s, 21) != 0;
	store_copy_text(d->plan_code, sizeof(d->plan_code), sqlite3_column_text(s, 22));
	d->plan_limit.amount = sqlite3_column_int(s, 23);
	d->plan_limit.unit = (enum dl_unit)sqlite3_column_int(s, 24);
	d->recorded_at = sqlite3_column_int64(s, 25);
}

enum store_err duty_insert(struct db *db, struct duty_rec *d)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret =
	    store_prepare(db,
	                  "INSERT INTO incident_deadlines(incident_id, seq, code, to_whom, what, "
	                  "amount, unit, anchor, prev_seq, escalate_to, source, basis, recipient, "
	                  "superior) VALUES "
	                  "(?1, (SELECT coalesce(max(seq), 0) + 1 FROM incident_deadlines WHERE "
	                  "incident_id = ?1), ?2, ?3, "
	                  /* a drill's duties say so wherever they are shown */
	                  "CASE WHEN (SELECT drill FROM incidents WHERE id = ?1) = 1 THEN "
	                  "'【演练】' || ?4 ELSE ?4 END, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
	                  "RETURNING seq",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, d->incident_id);
	sqlite3_bind_text(s, 2, d->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, d->to_whom, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, d->what, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, d->amount);
	sqlite3_bind_int(s, 6, d->unit);
	sqlite3_bind_int(s, 7, d->anchor);
	sqlite3_bind_int(s, 8, d->prev_seq);
	sqlite3_bind_text(s, 9, d->escalate_to, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 10, d->source);
	sqlite3_bind_text(s, 11, d->basis, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, d->recipient[0] ? d->recipient : d->to_whom, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 13, d->superior);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		d->seq = sqlite3_column_int(s, 0);
	store_finish(db, s);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc);
	d->id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

enum store_err duty_get(struct db *db, int64_t id, struct duty_rec *d)
{
	return store_get_row(db, "SELECT " DUTY_COLS " FROM incident_deadlines WHERE id = ?", id,
	                     row_to_duty, d);
}

enum store_err duty_save(struct db *db, const struct duty_rec *d)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret =
	    store_prepare(db,
	                  "UPDATE incident_deadlines SET anchor_at = ?, due_at = ?, fallback = ?, "
	                  "met_at = ?, met_by = ?, note = ?, escalated_at = ?, recorded_at = ? "
	                  "WHERE id = ?",
	                  &s);
	if (ret)
		return ret;
	store_bind_opt(s, 1, d->anchor_at);
	store_bind_opt(s, 2, d->due_at);
	sqlite3_bind_int(s, 3, d->fallback);
	store_bind_opt(s, 4, d->met_at);
	store_bind_opt(s, 5, d->met_by);
	sqlite3_bind_text(s, 6, d->note, -1, SQLITE_STATIC);
	store_bind_opt(s, 7, d->escalated_at);
	store_bind_opt(s, 8, d->recorded_at);
	sqlite3_bind_int64(s, 9, d->id);
	return store_step_done(db, s);
}

enum store_err duty_set_plan_limit(struct db *db, int64_t id, const char *plan_code,
                                   const struct dl_limit *limit)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "UPDATE incident_deadlines SET plan_code = ?, plan_amount = ?, "
	                    "plan_unit = ?, anchor_at = NULL, due_at = NULL WHERE id = ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, plan_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, limit->amount);
	sqlite3_bind_int(s, 3, limit->unit);
	sqlite3_bind_int64(s, 4, id);
	return store_step_done(db, s);
}

int duty_open_superior(struct db *db, int64_t incident_id, json_t *codes)
{
	sqlite3_stmt *s;
	int n = 0;

	if (store_prepare(db,
	                  "SELECT code FROM incident_deadlines WHERE incident_id = ? AND "
	                  "superior = 1 AND met_at IS NULL AND anchor_at IS NOT NULL ORDER BY seq",
	                  &s))
		return -1;
	sqlite3_bind_int64(s, 1, incident_id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		n++;
		if (codes)
			json_array_append_new(codes,
			                      json_string((const char *)sqlite3_column_text(s, 0)));
	}
	store_finish(db, s);
	return n;
}

static json_t *duty_json(const struct duty_rec *d, int64_t now_ms)
{
	enum dl_state st = dl_state_at(d->anchor_at, d->due_at, d->met_at, d->recorded_at, now_ms);
	json_t *o = json_pack(
	    "{sI si ss ss ss si ss ss ss ss so so sb so ss ss ss so}", "id", (json_int_t)d->id,
	    "seq", d->seq, "code", d->code, "to", d->to_whom, "what", d->what, "amount", d->amount,
	    "unit", dl_unit_code(d->unit), "unit_zh", dl_unit_zh(d->unit), "from",
	    dl_anchor_code(d->anchor), "from_zh", dl_anchor_zh(d->anchor), "anchor_at",
	    store_time_json(d->anchor_at), "due_at", store_time_json(d->due_at),
	    "calendar_fallback", d->fallback, "met_at", store_time_json(d->met_at), "state",
	    dl_state_code(st), "state_zh", dl_state_zh(st), "note", d->note, "escalated_at",
	    store_time_json(d->escalated_at));

	json_object_set_new(o, "escalate_to", json_string(d->escalate_to));
	json_object_set_new(o, "source", json_string(dl_source_code(d->source)));
	json_object_set_new(o, "source_zh", json_string(dl_source_zh(d->source)));
	json_object_set_new(o, "basis", json_string(d->basis));
	json_object_set_new(o, "recipient", json_string(d->recipient));
	json_object_set_new(o, "superior", json_boolean(d->superior));
	json_object_set_new(o, "plan_limit",
	                    d->plan_code[0] ? json_pack("{ss si ss ss}", "code", d->plan_code,
	                                                "amount", d->plan_limit.amount, "unit",
	                                                dl_unit_code(d->plan_limit.unit), "unit_zh",
	                                                dl_unit_zh(d->plan_limit.unit))
	                                    : json_null());
	json_object_set_new(o, "recorded_at", store_time_json(d->recorded_at));
	json_object_set_new(o, "backfilled",
	                    json_boolean(dl_backfilled(d->met_at, d->recorded_at)));
	/* seconds left (negative when overdue) while open; the UI counts down from it */
	json_object_set_new(o, "remaining_s",
	                    (st == DL_OPEN || st == DL_OVERDUE)
	                        ? json_integer((d->due_at - now_ms) / 1000)
	                        : json_null());
	return o;
}

enum store_err duty_list(struct db *db, int64_t incident_id, int64_t now_ms, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(db,
	                    "SELECT " DUTY_COLS " FROM incident_deadlines WHERE incident_id = ? "
	                    "ORDER BY seq",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, incident_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct duty_rec d;

		row_to_duty(s, &d);
		json_array_append_new(*items, duty_json(&d, now_ms));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

int duty_seq(struct db *db, int64_t incident_id, const char *code)
{
	sqlite3_stmt *s;
	int seq = 0;

	if (store_prepare(
	        db,
	        "SELECT seq FROM incident_deadlines WHERE incident_id = ?1 AND (code = ?2 OR "
	        "plan_code = ?2)",
	        &s))
		return 0;
	sqlite3_bind_int64(s, 1, incident_id);
	sqlite3_bind_text(s, 2, code, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		seq = sqlite3_column_int(s, 0);
	store_finish(db, s);
	return seq;
}

#define DUTY_MAX 64 /* duties of one incident looked at per refresh */

enum store_err duty_refresh(struct db *db, const struct inc_rec *r, const struct calendar *c)
{
	struct duty_rec *d;
	sqlite3_stmt *s;
	enum store_err ret;
	int rc, n = 0;

	d = calloc(DUTY_MAX, sizeof(*d));
	if (!d)
		return STORE_IO;
	ret = store_prepare(db,
	                    "SELECT " DUTY_COLS " FROM incident_deadlines WHERE incident_id = ? "
	                    "ORDER BY seq LIMIT 64",
	                    &s);
	if (ret)
		goto out;
	sqlite3_bind_int64(s, 1, r->id);
	while (n < DUTY_MAX && (rc = sqlite3_step(s)) == SQLITE_ROW)
		row_to_duty(s, &d[n++]);
	store_finish(db, s);
	for (int i = 0; i < n && !ret; i++) {
		int64_t at = 0;

		if (d[i].anchor_at)
			continue;
		switch (d[i].anchor) {
		case DL_FROM_DISCOVERED:
			at = r->discovered_at;
			break;
		case DL_FROM_REPORTED:
			at = r->reported_at;
			break;
		case DL_FROM_GRADED:
			at = r->confirmed_at;
			break;
		case DL_FROM_HANDLED:
			at = r->handled_at;
			break;
		case DL_FROM_INVESTIGATED:
			at = r->investigated_at;
			break;
		case DL_FROM_PREVIOUS:
			for (int j = 0; j < i; j++)
				if (d[j].seq == d[i].prev_seq)
					at = d[j].met_at;
			break;
		}
		if (!at)
			continue;
		d[i].anchor_at = at;
		d[i].due_at = dl_due_effective(c, &(struct dl_limit){d[i].amount, d[i].unit},
		                               d[i].plan_code[0] ? &d[i].plan_limit : NULL, at,
		                               &d[i].fallback);
		ret = duty_save(db, &d[i]);
	}
out:
	free(d);
	return ret;
}

/*
 * Tells the one on duty in the role (else the A, else the B role of the
 * shift, store_duty) that a duty is overdue; when nobody on duty can take
 * it, everyone holding the role (with a person, so an inbox), and the
 * timeline records that.
 */
static enum store_err notify_role(struct db *db, uint32_t role, const struct duty_rec *d,
                                  int64_t now_ms)
{
	sqlite3_stmt *s;
	enum store_err ret;
	char zh[400], en[400];
	struct notification n = {0, "incident.overdue", "incident", d->incident_id, zh, en};
	struct duty_taker dt;
	struct account a;
	int64_t people[64], unit = 0;
	int np = 0, rc;

	if (!role)
		return STORE_OK;
	/* the incident by its title: no page shows an internal id */
	ret = store_prepare(db, "SELECT title, unit_id FROM incidents WHERE id = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, d->incident_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		unit = sqlite3_column_int64(s, 1);
	snprintf(zh, sizeof(zh), "事件「%.200s」报告时限已逾期：%.120s",
	         rc == SQLITE_ROW ? store_col_text(s, 0) : "", d->to_whom);
	snprintf(en, sizeof(en), "Incident “%.200s”: a reporting duty is overdue (to %.120s)",
	         rc == SQLITE_ROW ? store_col_text(s, 0) : "", d->to_whom);
	store_finish(db, s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc);
	ret = duty_taker(db, unit, role, now_ms, &dt);
	if (ret)
		return ret;
	if (!dt.by_role && dt.account_id) {
		if (account_get(db, dt.account_id, &a) || !a.person_id)
			return STORE_OK; /* no inbox */
		n.person_id = a.person_id;
		return notification_add(db, &n);
	}
	{
		json_t *detail = json_pack("{ss}", "duty", d->code);

		duty_taker_note(db, role, &dt, detail);
		json_object_set_new(detail, "to", json_null());
		json_object_set_new(detail, "to_name", json_string(role_zh(role)));
		ret = inc_event(db, d->incident_id, 0, "notified_by_role", detail);
		if (ret)
			return ret;
	}
	ret = store_prepare(db,
	                    "SELECT DISTINCT person_id FROM accounts WHERE disabled = 0 AND "
	                    "person_id IS NOT NULL AND (roles & ?) <> 0 LIMIT 64",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, role);
	while (np < 64 && (rc = sqlite3_step(s)) == SQLITE_ROW)
		people[np++] = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	for (int i = 0; i < np && !ret; i++) {
		n.person_id = people[i];
		ret = notification_add(db, &n);
	}
	return ret;
}

enum store_err duty_sweep(struct db *db, int64_t now_ms, int *escalated)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;
	struct duty_rec d;

	*escalated = 0;
	for (;;) {
		/* nobody is told about a duty of an incident already closed or dismissed */
		ret = store_prepare(
		    db,
		    "SELECT " DUTY_COLS " FROM incident_deadlines WHERE met_at IS NULL "
		    "AND escalated_at IS NULL AND due_at IS NOT NULL AND due_at <= ? "
		    "AND incident_id NOT IN (SELECT id FROM incidents WHERE state IN "
		    "(7, 8, 9)) ORDER BY due_at LIMIT 1",
		    &s);
		if (ret)
			return ret;
		sqlite3_bind_int64(s, 1, now_ms);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			row_to_duty(s, &d);
		store_finish(db, s);
		if (rc == SQLITE_DONE)
			return STORE_OK;
		if (rc != SQLITE_ROW)
			return db_fail(db, rc);
		d.escalated_at = now_ms;
		ret = duty_save(db, &d);
		if (!ret) {
			uint32_t role = role_parse(d.escalate_to);

			ret = inc_event(db, d.incident_id, 0, "overdue",
			                json_pack("{ss ss so ss ss}", "duty", d.code, "to",
			                          d.to_whom, "due_at", store_time_json(d.due_at),
			                          "escalate_to", d.escalate_to, "escalate_to_zh",
			                          role ? role_zh(role) : d.escalate_to));
		}
		if (!ret)
			ret = notify_role(db, role_parse(d.escalate_to), &d, now_ms);
		if (ret)
			return ret;
		(*escalated)++;
	}
}

/*
 * The time a met duty is judged by, in SQL (dl_judged_ms): a 补录 (met
 * more than DL_BACKFILL_MS, bound as ?7, before it was recorded) counts
 * from its recording.
 */
#define DUTY_JUDGED "(CASE WHEN d.recorded_at - d.met_at > ?7 THEN d.recorded_at ELSE d.met_at END)"

enum store_err duty_stats(struct db *db, const struct inc_viewer *v, int64_t from_ms, int64_t to_ms,
                          int64_t now_ms, json_t **out)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*out = json_array();
	ret = store_prepare(
	    db,
	    "SELECT i.unit_id, u.name, count(*), "
	    "sum(d.met_at IS NOT NULL AND " DUTY_JUDGED " <= d.due_at), "
	    "sum(d.met_at IS NOT NULL AND " DUTY_JUDGED " > d.due_at), "
	    "sum(d.met_at IS NULL AND d.due_at <= ?4), "
	    "sum(d.met_at IS NULL AND d.due_at > ?4), "
	    "sum(d.recorded_at - d.met_at > ?7) "
	    "FROM incident_deadlines d JOIN incidents i ON i.id = d.incident_id "
	    "JOIN units u ON u.id = i.unit_id WHERE " INC_VISIBLE(
	        "?1", "?2",
	        "?3") " AND i.drill = 0 AND d.due_at >= ?5 AND d.due_at < ?6 GROUP BY i.unit_id "
	              "ORDER BY u.name",
	    &s);
	if (ret)
		return ret;
	bind_viewer(s, 1, v);
	sqlite3_bind_int64(s, 4, now_ms);
	sqlite3_bind_int64(s, 5, from_ms);
	sqlite3_bind_int64(s, 6, to_ms);
	sqlite3_bind_int64(s, 7, DL_BACKFILL_MS);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t on_time = sqlite3_column_int64(s, 3), late = sqlite3_column_int64(s, 4);
		int64_t overdue = sqlite3_column_int64(s, 5), decided = on_time + late + overdue;

		json_array_append_new(
		    *out, json_pack("{sI ss sI sI sI sI sI so}", "unit_id",
		                    (json_int_t)sqlite3_column_int64(s, 0), "unit",
		                    (const char *)sqlite3_column_text(s, 1), "duties",
		                    (json_int_t)sqlite3_column_int64(s, 2), "on_time",
		                    (json_int_t)on_time, "late", (json_int_t)late, "overdue",
		                    (json_int_t)overdue, "open",
		                    (json_int_t)sqlite3_column_int64(s, 6), "on_time_rate",
		                    decided ? json_real((double)on_time / (double)decided)
		                            : json_null()));
		json_object_set_new(json_array_get(*out, json_array_size(*out) - 1), "backfilled",
		                    json_integer(sqlite3_column_int64(s, 7)));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err duty_list_running(struct db *db, const struct inc_viewer *v, int64_t now_ms,
                                 int limit, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = 0;
	ret = store_prepare(
	    db,
	    "SELECT d.id, d.incident_id, i.title, d.what, d.to_whom, d.due_at FROM "
	    "incident_deadlines d JOIN incidents i ON i.id = d.incident_id WHERE d.met_at IS NULL "
	    "AND d.due_at > 0 AND i.state <> 9 AND NOT (i.drill = 1 AND i.state IN (7, 8)) "
	    "AND " INC_VISIBLE("?1", "?2", "?3")
	    /* the soonest first */
	    " ORDER BY d.due_at, d.id",
	    &s);
	if (ret)
		return ret;
	bind_viewer(s, 1, v);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t due = sqlite3_column_int64(s, 5);

		if ((*total)++ >= limit)
			continue;
		json_array_append_new(
		    *items, json_pack("{sI sI ss ss ss so sb}", "id",
		                      (json_int_t)sqlite3_column_int64(s, 0), "incident_id",
		                      (json_int_t)sqlite3_column_int64(s, 1), "incident_title",
		                      store_col_text(s, 2), "what", store_col_text(s, 3), "to",
		                      store_col_text(s, 4), "due_at", store_time_json(due),
		                      "overdue", due <= now_ms));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- warnings ---- */

#define WARN_COLS                                                                                  \
	"id, unit_id, level, category, title, state, version, body, start_at, created_by, "        \
	"created_at, updated_at, lifted_at, plan_id, "                                             \
	"(SELECT body FROM plans WHERE plans.id = warnings.plan_id), "                             \
	"(SELECT name FROM plans WHERE plans.id = warnings.plan_id)"

void warn_rec_release(struct warn_rec *w)
{
	json_decref(w->body);
	json_decref(w->scale);
	w->body = w->scale = NULL;
}

static void row_to_warn(sqlite3_stmt *s, void *out)
{
	struct warn_rec *w = out;
	json_t *plan;

	memset(w, 0, sizeof(*w));
	w->id = sqlite3_column_int64(s, 0);
	w->unit_id = sqlite3_column_int64(s, 1);
	w->level = sqlite3_column_int(s, 2);
	store_copy_text(w->category, sizeof(w->category), sqlite3_column_text(s, 3));
	store_copy_text(w->title, sizeof(w->title), sqlite3_column_text(s, 4));
	w->state = (enum warn_state)sqlite3_column_int(s, 5);
	w->version = sqlite3_column_int(s, 6);
	w->body = store_json_col(s, 7);
	w->start_at = sqlite3_column_int64(s, 8);
	w->created_by = sqlite3_column_int64(s, 9);
	w->created_at = sqlite3_column_int64(s, 10);
	w->updated_at = sqlite3_column_int64(s, 11);
	w->lifted_at = sqlite3_column_int64(s, 12);
	w->plan_id = sqlite3_column_int64(s, 13);
	plan = store_json_col(s, 14);
	if (json_is_array(json_object_get(plan, "warning_levels")))
		w->scale = json_incref(json_object_get(plan, "warning_levels"));
	json_decref(plan);
	store_copy_text(w->plan_name, sizeof(w->plan_name), sqlite3_column_text(s, 15));
}

int warn_scale_size(const json_t *scale)
{
	return scale ? (int)json_array_size(scale) : IL_IV;
}

json_t *warn_level_json(const json_t *scale, int rank)
{
	json_t *l;

	if (rank < 1 || rank > warn_scale_size(scale))
		return json_null();
	if (!scale)
		return json_pack("{si ss ss ss ss}", "rank", rank, "code",
		                 inc_level_code((enum inc_level)rank), "zh",
		                 inc_level_zh((enum inc_level)rank), "color",
		                 inc_level_color((enum inc_level)rank), "color_zh",
		                 inc_level_color_zh((enum inc_level)rank));
	l = json_array_get(scale, (size_t)rank - 1);
	return json_pack("{si ss ss ss ss ss}", "rank", rank, "code", json_str(l, "code"), "zh",
	                 json_str(l, "name"), "color", json_str(l, "color"), "color_zh",
	                 warn_color_zh(json_str(l, "color")) ? warn_color_zh(json_str(l, "color"))
	                                                     : "",
	                 "meaning", json_str(l, "meaning"));
}

enum store_err warn_version(struct db *db, const struct warn_rec *w, int64_t by)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "INSERT INTO warning_versions(warning_id, version, level, state, body, "
	                    "by_account, at) VALUES (?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, w->id);
	sqlite3_bind_int(s, 2, w->version);
	sqlite3_bind_int(s, 3, w->level);
	sqlite3_bind_int(s, 4, w->state);
	store_bind_json(s, 5, w->body);
	sqlite3_bind_int64(s, 6, by);
	sqlite3_bind_int64(s, 7, w->updated_at);
	return store_step_done(db, s);
}

enum store_err warn_insert(struct db *db, struct warn_rec *w)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db,
	                    "INSERT INTO warnings(unit_id, level, category, title, state, version, "
	                    "body, start_at, created_by, created_at, updated_at, plan_id) "
	                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, w->unit_id);
	sqlite3_bind_int(s, 2, w->level);
	sqlite3_bind_text(s, 3, w->category, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, w->title, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, w->state);
	sqlite3_bind_int(s, 6, w->version);
	store_bind_json(s, 7, w->body);
	sqlite3_bind_int64(s, 8, w->start_at);
	sqlite3_bind_int64(s, 9, w->created_by);
	sqlite3_bind_int64(s, 10, w->created_at);
	sqlite3_bind_int64(s, 11, w->updated_at);
	store_bind_opt(s, 12, w->plan_id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	w->id = sqlite3_last_insert_rowid(db->h);
	return warn_version(db, w, w->created_by);
}

enum store_err warn_get(struct db *db, int64_t id, struct warn_rec *w)
{
	memset(w, 0, sizeof(*w));
	return store_get_row(db, "SELECT " WARN_COLS " FROM warnings WHERE id = ?", id, row_to_warn,
	                     w);
}

enum store_err warn_save(struct db *db, const struct warn_rec *w, int64_t by)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db,
	                    "UPDATE warnings SET level = ?, category = ?, title = ?, state = ?, "
	                    "version = ?, body = ?, start_at = ?, updated_at = ?, lifted_at = ? "
	                    "WHERE id = ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, w->level);
	sqlite3_bind_text(s, 2, w->category, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, w->title, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, w->state);
	sqlite3_bind_int(s, 5, w->version);
	store_bind_json(s, 6, w->body);
	sqlite3_bind_int64(s, 7, w->start_at);
	sqlite3_bind_int64(s, 8, w->updated_at);
	store_bind_opt(s, 9, w->lifted_at);
	sqlite3_bind_int64(s, 10, w->id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return warn_version(db, w, by);
}

json_t *warn_json(const struct warn_rec *w)
{
	json_t *levels = json_array();
	json_t *o =
	    json_pack("{sI sI so ss ss ss ss si so so so so}", "id", (json_int_t)w->id, "unit_id",
	              (json_int_t)w->unit_id, "level", warn_level_json(w->scale, w->level),
	              "category", w->category, "title", w->title, "state",
	              warn_state_code(w->state), "state_zh", warn_state_zh(w->state), "version",
	              w->version, "start_at", store_time_json(w->start_at), "created_at",
	              store_time_json(w->created_at), "updated_at", store_time_json(w->updated_at),
	              "lifted_at", store_time_json(w->lifted_at));

	if (w->body)
		json_object_update(o, w->body);
	for (int i = 1; i <= warn_scale_size(w->scale); i++)
		json_array_append_new(levels, warn_level_json(w->scale, i));
	json_object_set_new(o, "levels", levels);
	json_object_set_new(
	    o, "plan",
	    w->plan_id ? json_pack("{sI ss}", "id", (json_int_t)w->plan_id, "name", w->plan_name)
	               : json_null());
	return o;
}

enum store_err warn_list(struct db *db, bool active_only, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = 0;
	ret = store_prepare(db,
	                    "SELECT " WARN_COLS " FROM warnings WHERE (? = 0 OR state <> 2) "
	                    "ORDER BY state = 2, level, id DESC LIMIT 500",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, active_only);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct warn_rec w;

		row_to_warn(s, &w);
		json_array_append_new(*items, warn_json(&w));
		warn_rec_release(&w);
		(*total)++;
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err warn_versions(struct db *db, const struct warn_rec *w, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(db,
	                    "SELECT v.version, v.level, v.state, v.body, a.display_name, v.at "
	                    "FROM warning_versions v LEFT JOIN accounts a ON a.id = v.by_account "
	                    "WHERE v.warning_id = ? ORDER BY v.version",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, w->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum warn_state st = (enum warn_state)sqlite3_column_int(s, 2);

		json_array_append_new(
		    *items, json_pack("{si so ss ss so ss so}", "version", sqlite3_column_int(s, 0),
		                      "level", warn_level_json(w->scale, sqlite3_column_int(s, 1)),
		                      "state", warn_state_code(st), "state_zh", warn_state_zh(st),
		                      "body", store_json_col(s, 3), "by", store_col_text(s, 4),
		                      "at", store_time_json(sqlite3_column_int64(s, 5))));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* Whether the audience ({all} or {roles, departments}) takes in this account. */
static bool audience_takes(json_t *to, uint32_t roles, int64_t dept)
{
	size_t i;
	json_t *x;

	if (json_is_true(json_object_get(to, "all")))
		return true;
	json_array_foreach(json_object_get(to, "roles"), i, x)
	{
		if (roles & role_parse(json_string_value(x)))
			return true;
	}
	json_array_foreach(json_object_get(to, "departments"), i, x)
	{
		if (dept && json_integer_value(x) == dept)
			return true;
	}
	return false;
}

enum store_err warn_notify(struct db *db, const struct warn_rec *w, int64_t by_account,
                           const char *kind, const char *zh, const char *en, int *n)
{
	sqlite3_stmt *s;
	enum store_err ret;
	struct notification note = {0, kind, "warning", w->id, zh, en};
	json_t *to = json_object_get(w->body, "audience_to");
	int64_t *people = NULL;
	size_t np = 0, cap = 0;
	int rc;

	*n = 0;
	/* the business accounts of the warning's unit, one inbox per person */
	ret = store_prepare(db,
	                    "SELECT DISTINCT a.person_id, a.roles, p.department_id FROM accounts a "
	                    "JOIN people p ON p.id = a.person_id WHERE a.disabled = 0 AND "
	                    "a.admin_role = 0 AND p.unit_id = ? AND a.id <> ? ORDER BY a.person_id",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, w->unit_id);
	sqlite3_bind_int64(s, 2, by_account);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t person = sqlite3_column_int64(s, 0);

		if (!audience_takes(to, (uint32_t)sqlite3_column_int64(s, 1),
		                    sqlite3_column_int64(s, 2)) ||
		    (np && people[np - 1] == person))
			continue;
		if (np == cap) {
			int64_t *more = realloc(people, (cap ? cap * 2 : 64) * sizeof(*people));

			if (!more) {
				store_finish(db, s);
				free(people);
				return STORE_IO;
			}
			people = more;
			cap = cap ? cap * 2 : 64;
		}
		people[np++] = person;
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		ret = db_fail(db, rc);
	for (size_t i = 0; i < np && !ret; i++) {
		note.person_id = people[i];
		ret = notification_add(db, &note);
	}
	if (!ret)
		*n = (int)np;
	free(people);
	return ret;
}

/* ---- trusted keys ---- */

enum store_err tkey_insert(struct db *db, const char *unit_code, const char *unit_name,
                           const char *fpr, const char *pem, int64_t by, int64_t at, int64_t *id)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db,
	                    "INSERT INTO trusted_keys(unit_code, unit_name, fingerprint, pem, "
	                    "added_by, added_at) VALUES (?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, unit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, unit_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, fpr, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, pem, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, by);
	sqlite3_bind_int64(s, 6, at);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	*id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

enum store_err tkey_delete(struct db *db, int64_t id)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db, "DELETE FROM trusted_keys WHERE id = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return sqlite3_changes(db->h) ? STORE_OK : STORE_NOTFOUND;
}

enum store_err tkey_list(struct db *db, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(db,
	                    "SELECT id, unit_code, unit_name, fingerprint, pem, added_at "
	                    "FROM trusted_keys ORDER BY unit_code",
	                    &s);
	if (ret)
		return ret;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *items,
		    json_pack("{sI ss ss ss ss so}", "id", (json_int_t)sqlite3_column_int64(s, 0),
		              "unit_code", (const char *)sqlite3_column_text(s, 1), "unit_name",
		              (const char *)sqlite3_column_text(s, 2), "fingerprint",
		              (const char *)sqlite3_column_text(s, 3), "pem",
		              (const char *)sqlite3_column_text(s, 4), "added_at",
		              store_time_json(sqlite3_column_int64(s, 5))));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err tkey_find(struct db *db, const char *fpr, char **pem, char *unit_name, size_t n)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*pem = NULL;
	ret =
	    store_prepare(db, "SELECT pem, unit_name FROM trusted_keys WHERE fingerprint = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, fpr, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*pem = strdup((const char *)sqlite3_column_text(s, 0));
		store_copy_text(unit_name, n, sqlite3_column_text(s, 1));
	}
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return *pem ? STORE_OK : STORE_IO;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}

/* ---- received reports ---- */

#define RECV_COLS                                                                                  \
	"r.id, r.signer, r.unit_code, r.unit_name, r.source_id, r.source_version, r.kind, "        \
	"r.title, r.info_level, r.level, r.state, r.signed_at, r.received_by, r.received_at, "     \
	"r.digest"

static void row_to_recv(sqlite3_stmt *s, void *out)
{
	struct recv_rec *r = out;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	store_copy_text(r->signer, sizeof(r->signer), sqlite3_column_text(s, 1));
	store_copy_text(r->unit_code, sizeof(r->unit_code), sqlite3_column_text(s, 2));
	store_copy_text(r->unit_name, sizeof(r->unit_name), sqlite3_column_text(s, 3));
	r->source_id = sqlite3_column_int64(s, 4);
	r->source_version = sqlite3_column_int(s, 5);
	r->kind = (enum inc_kind)sqlite3_column_int(s, 6);
	store_copy_text(r->title, sizeof(r->title), sqlite3_column_text(s, 7));
	r->info_level = (enum level)sqlite3_column_int(s, 8);
	r->level = (enum inc_level)sqlite3_column_int(s, 9);
	store_copy_text(r->state, sizeof(r->state), sqlite3_column_text(s, 10));
	store_copy_text(r->signed_at, sizeof(r->signed_at), sqlite3_column_text(s, 11));
	r->received_by = sqlite3_column_int64(s, 12);
	r->received_at = sqlite3_column_int64(s, 13);
	store_copy_text(r->digest, sizeof(r->digest), sqlite3_column_text(s, 14));
}

enum store_err recv_insert(struct db *db, struct recv_rec *r, const char *payload,
                           const char *package)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db,
	                    "INSERT INTO received_reports(signer, unit_code, unit_name, source_id, "
	                    "source_version, kind, title, info_level, level, state, signed_at, "
	                    "payload, package, received_by, received_at, digest) "
	                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, r->signer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->unit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->unit_name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, r->source_id);
	sqlite3_bind_int(s, 5, r->source_version);
	sqlite3_bind_int(s, 6, r->kind);
	sqlite3_bind_text(s, 7, r->title, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 8, r->info_level);
	sqlite3_bind_int(s, 9, r->level);
	sqlite3_bind_text(s, 10, r->state, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, r->signed_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, payload, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 13, package, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 14, r->received_by);
	sqlite3_bind_int64(s, 15, r->received_at);
	sqlite3_bind_text(s, 16, r->digest, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	r->id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

json_t *recv_json(const struct recv_rec *r)
{
	return json_pack(
	    "{sI ss ss ss sI si ss ss so so ss ss so ss}", "id", (json_int_t)r->id, "signer",
	    r->signer, "unit_code", r->unit_code, "unit_name", r->unit_name, "source_id",
	    (json_int_t)r->source_id, "source_version", r->source_version, "kind",
	    inc_kind_code(r->kind), "title", r->title, "info_level",
	    r->info_level == LEVEL_NONE ? json_null() : json_string(level_code(r->info_level)),
	    "level", level_json(r->level), "state", r->state, "signed_at", r->signed_at,
	    "received_at", store_time_json(r->received_at), "digest", r->digest);
}

enum store_err recv_list(struct db *db, enum level clearance, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = 0;
	ret =
	    store_prepare(db,
	                  "SELECT " RECV_COLS " FROM received_reports r WHERE r.info_level < 2 OR "
	                  "r.info_level <= ? ORDER BY r.id DESC LIMIT 500",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, clearance);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct recv_rec r;

		row_to_recv(s, &r);
		json_array_append_new(*items, recv_json(&r));
		(*total)++;
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err recv_get(struct db *db, int64_t id, struct recv_rec *r, json_t **payload)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*payload = NULL;
	ret = store_prepare(
	    db, "SELECT " RECV_COLS ", r.payload FROM received_reports r WHERE r.id = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		row_to_recv(s, r);
		*payload = store_json_col(s, 15);
	}
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}
