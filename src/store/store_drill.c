#include "store_drill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/incident.h"
#include "../core/inspect.h"
#include "../util/bjtime.h"
#include "store_incident.h"
#include "store_int.h"

#define DRILL_COLS                                                                                 \
	"id, unit_id, plan_id, title, scenario, playbooks, kind, planned_on, state, incident_id, " \
	"started_at, ended_at, summary, summarised_at, notice, notified_at, reason, created_by, "  \
	"created_at, updated_at"

static int32_t day_of(int64_t ms)
{
	return ms ? (int32_t)((ms / 1000 + BJTIME_OFFSET_S) / 86400) : 0;
}

static char *dup_text(const unsigned char *s)
{
	return strdup(s ? (const char *)s : "");
}

void drill_rec_release(struct drill_rec *d)
{
	free(d->scenario);
	free(d->summary);
	free(d->notice);
	json_decref(d->playbooks);
	d->scenario = d->summary = d->notice = NULL;
	d->playbooks = NULL;
}

static void row_to_drill(sqlite3_stmt *s, void *out)
{
	struct drill_rec *d = out;

	memset(d, 0, sizeof(*d));
	d->id = sqlite3_column_int64(s, 0);
	d->unit_id = sqlite3_column_int64(s, 1);
	d->plan_id = sqlite3_column_int64(s, 2);
	store_copy_text(d->title, sizeof(d->title), sqlite3_column_text(s, 3));
	d->scenario = dup_text(sqlite3_column_text(s, 4));
	d->playbooks = store_json_col(s, 5);
	if (!json_is_array(d->playbooks)) {
		json_decref(d->playbooks);
		d->playbooks = json_array();
	}
	d->kind = (enum drill_kind)sqlite3_column_int(s, 6);
	d->planned_on = sqlite3_column_int(s, 7);
	d->state = (enum drill_state)sqlite3_column_int(s, 8);
	d->incident_id = sqlite3_column_int64(s, 9);
	d->started_at = sqlite3_column_int64(s, 10);
	d->ended_at = sqlite3_column_int64(s, 11);
	d->summary = dup_text(sqlite3_column_text(s, 12));
	d->summarised_at = sqlite3_column_int64(s, 13);
	d->notice = dup_text(sqlite3_column_text(s, 14));
	d->notified_at = sqlite3_column_int64(s, 15);
	store_copy_text(d->reason, sizeof(d->reason), sqlite3_column_text(s, 16));
	d->created_by = sqlite3_column_int64(s, 17);
	d->created_at = sqlite3_column_int64(s, 18);
	d->updated_at = sqlite3_column_int64(s, 19);
}

enum store_err drill_insert(struct db *db, struct drill_rec *d)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret =
	    store_prepare(db,
	                  "INSERT INTO drills(unit_id, plan_id, title, scenario, playbooks, kind, "
	                  "planned_on, state, created_by, created_at, updated_at) VALUES "
	                  "(?,?,?,?,?,?,?,?,?,?,?)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, d->unit_id);
	sqlite3_bind_int64(s, 2, d->plan_id);
	sqlite3_bind_text(s, 3, d->title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, d->scenario ? d->scenario : "", -1, SQLITE_TRANSIENT);
	store_bind_json(s, 5, d->playbooks);
	sqlite3_bind_int(s, 6, d->kind);
	sqlite3_bind_int(s, 7, d->planned_on);
	sqlite3_bind_int(s, 8, d->state);
	sqlite3_bind_int64(s, 9, d->created_by);
	sqlite3_bind_int64(s, 10, d->created_at);
	sqlite3_bind_int64(s, 11, d->updated_at);
	ret = store_step_done(db, s);
	if (ret)
		return ret;
	d->id = sqlite3_last_insert_rowid(db->h);
	for (int i = 0; i < d->nparticipants && !ret; i++) {
		ret = store_prepare(db,
		                    "INSERT OR IGNORE INTO drill_participants(drill_id, person_id) "
		                    "VALUES (?, ?)",
		                    &s);
		if (ret)
			return ret;
		sqlite3_bind_int64(s, 1, d->id);
		sqlite3_bind_int64(s, 2, d->participants[i]);
		ret = store_step_done(db, s);
	}
	return ret;
}

enum store_err drill_get(struct db *db, int64_t id, struct drill_rec *d)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	memset(d, 0, sizeof(*d));
	ret = store_get_row(db, "SELECT " DRILL_COLS " FROM drills WHERE id = ?", id, row_to_drill,
	                    d);
	if (ret)
		return ret;
	if (!d->scenario || !d->summary || !d->notice)
		return STORE_IO;
	ret = store_prepare(db,
	                    "SELECT person_id FROM drill_participants WHERE drill_id = ? ORDER BY "
	                    "person_id",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && d->nparticipants < DRILL_MAX_PARTICIPANTS)
		d->participants[d->nparticipants++] = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err drill_save_state(struct db *db, const struct drill_rec *d)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "UPDATE drills SET state = ?, incident_id = ?, started_at = ?, "
	                    "ended_at = ?, summary = ?, summarised_at = ?, notice = ?, "
	                    "notified_at = ?, reason = ?, updated_at = ? WHERE id = ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, d->state);
	store_bind_opt(s, 2, d->incident_id);
	store_bind_opt(s, 3, d->started_at);
	store_bind_opt(s, 4, d->ended_at);
	sqlite3_bind_text(s, 5, d->summary ? d->summary : "", -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 6, d->summarised_at);
	sqlite3_bind_text(s, 7, d->notice ? d->notice : "", -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 8, d->notified_at);
	sqlite3_bind_text(s, 9, d->reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 10, d->updated_at);
	sqlite3_bind_int64(s, 11, d->id);
	return store_step_done(db, s);
}

enum store_err drill_event(struct db *db, int64_t drill_id, int64_t account_id, const char *action,
                           const char *detail)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "INSERT INTO drill_events(drill_id, at, account_id, action, detail) "
	                    "VALUES (?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, drill_id);
	sqlite3_bind_int64(s, 2, bjtime_now_ms());
	store_bind_opt(s, 3, account_id);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, detail ? detail : "", -1, SQLITE_TRANSIENT);
	return store_step_done(db, s);
}

bool drill_has_participant(const struct drill_rec *d, int64_t person_id)
{
	for (int i = 0; person_id && i < d->nparticipants; i++)
		if (d->participants[i] == person_id)
			return true;
	return false;
}

bool drill_task_holder(struct db *db, int64_t drill_id, int64_t account_id)
{
	sqlite3_stmt *s;
	bool yes = false;

	if (!account_id ||
	    store_prepare(db,
	                  "SELECT 1 FROM rect_tasks t JOIN findings f ON f.id = "
	                  "t.finding_id WHERE f.drill_id = ? AND t.responsible_id = ?",
	                  &s))
		return false;
	sqlite3_bind_int64(s, 1, drill_id);
	sqlite3_bind_int64(s, 2, account_id);
	yes = sqlite3_step(s) == SQLITE_ROW;
	store_finish(db, s);
	return yes;
}

int64_t drill_of_incident(struct db *db, int64_t incident_id)
{
	sqlite3_stmt *s;
	int64_t id = 0;

	if (store_prepare(db, "SELECT id FROM drills WHERE incident_id = ?", &s))
		return 0;
	sqlite3_bind_int64(s, 1, incident_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	return id;
}

/* Runs a query with one id parameter and appends each row, as made by row, to arr. */
static enum store_err rows_json(struct db *db, const char *sql, int64_t id, json_t *arr,
                                json_t *(*row)(sqlite3_stmt *s, int32_t today), int32_t today)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db, sql, &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(arr, row(s, today));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

static json_t *participant_row(sqlite3_stmt *s, int32_t today)
{
	(void)today;
	return json_pack("{sI ss ss}", "id", (json_int_t)sqlite3_column_int64(s, 0), "name",
	                 store_col_text(s, 1), "department", store_col_text(s, 2));
}

static json_t *finding_row(sqlite3_stmt *s, int32_t today)
{
	enum insp_severity sev = (enum insp_severity)sqlite3_column_int(s, 2);
	json_t *o =
	    json_pack("{sI ss ss ss so ss ss so}", "id", (json_int_t)sqlite3_column_int64(s, 0),
	              "title", store_col_text(s, 1), "severity", insp_severity_code(sev),
	              "severity_zh", insp_severity_zh(sev), "department_id", store_id_json(s, 3),
	              "department", store_col_text(s, 4), "note", store_col_text(s, 5),
	              "created_at", store_time_json(sqlite3_column_int64(s, 6)));
	json_t *task = json_null();

	if (sqlite3_column_type(s, 7) != SQLITE_NULL) {
		enum rect_state st = (enum rect_state)sqlite3_column_int(s, 8);
		int32_t dl = sqlite3_column_int(s, 9);

		task = json_pack(
		    "{sI ss ss so sI ss ss sb}", "id", (json_int_t)sqlite3_column_int64(s, 7),
		    "state", rect_state_code(st), "state_zh", rect_state_zh(st), "deadline",
		    store_day_json(dl, 0), "responsible_id",
		    (json_int_t)sqlite3_column_int64(s, 10), "responsible", store_col_text(s, 11),
		    "plan", store_col_text(s, 12), "overdue", rect_overdue(st, dl, today));
	}
	json_object_set_new(o, "task", task);
	return o;
}

static json_t *event_row(sqlite3_stmt *s, int32_t today)
{
	(void)today;
	return json_pack("{so ss ss ss ss}", "at", store_time_json(sqlite3_column_int64(s, 0)),
	                 "by", store_col_text(s, 1), "action", store_col_text(s, 2), "action_zh",
	                 drill_event_zh(store_col_text(s, 2)), "detail", store_col_text(s, 3));
}

/* The drill's own columns, as the list and the detail show them. */
static json_t *drill_head_json(const struct drill_rec *d, const char *plan_name, int32_t today)
{
	json_t *o = json_pack(
	    "{sI sI ss ss ss so ss ss so ss ss sb so so so so so}", "id", (json_int_t)d->id,
	    "plan_id", (json_int_t)d->plan_id, "plan", plan_name, "title", d->title, "scenario",
	    d->scenario ? d->scenario : "", "playbooks",
	    d->playbooks ? json_incref(d->playbooks) : json_array(), "kind",
	    drill_kind_code(d->kind), "kind_zh", drill_kind_zh(d->kind), "planned_on",
	    store_day_json(d->planned_on, 0), "state", drill_state_code(d->state), "state_zh",
	    drill_state_zh(d->state), "late", drill_late(d->state, d->planned_on, today),
	    "incident_id", d->incident_id ? json_integer(d->incident_id) : json_null(),
	    "started_at", store_time_json(d->started_at), "ended_at", store_time_json(d->ended_at),
	    "summarised_at", store_time_json(d->summarised_at), "notified_at",
	    store_time_json(d->notified_at));

	json_object_set_new(o, "summary", json_string(d->summary ? d->summary : ""));
	json_object_set_new(o, "notice", json_string(d->notice ? d->notice : ""));
	json_object_set_new(o, "reason", json_string(d->reason));
	return o;
}

static enum store_err plan_name_of(struct db *db, int64_t plan_id, char *out, size_t n)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	out[0] = '\0';
	ret = store_prepare(db, "SELECT name, version FROM plans WHERE id = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, plan_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(out, n, "%s（第%d版）", store_col_text(s, 0), sqlite3_column_int(s, 1));
	store_finish(db, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err drill_detail_json(struct db *db, const struct drill_rec *d, int32_t today,
                                 json_t **out)
{
	json_t *people = json_array(), *findings = json_array(), *events = json_array();
	char plan[200];
	enum store_err ret;

	*out = NULL;
	ret = plan_name_of(db, d->plan_id, plan, sizeof(plan));
	if (!ret)
		ret = rows_json(
		    db,
		    "SELECT p.id, p.name, coalesce(dp.name, '') FROM drill_participants x "
		    "JOIN people p ON p.id = x.person_id LEFT JOIN departments dp ON "
		    "dp.id = p.department_id WHERE x.drill_id = ? ORDER BY p.id",
		    d->id, people, participant_row, today);
	if (!ret)
		ret = rows_json(
		    db,
		    "SELECT f.id, f.title, f.severity, f.department_id, coalesce(dp.name, ''), "
		    "f.evidence, f.created_at, t.id, t.state, t.deadline, t.responsible_id, "
		    "coalesce(a.display_name, ''), coalesce(t.plan, '') FROM findings f LEFT JOIN "
		    "departments dp ON dp.id = f.department_id LEFT JOIN rect_tasks t ON "
		    "t.finding_id = f.id LEFT JOIN accounts a ON a.id = t.responsible_id WHERE "
		    "f.drill_id = ? ORDER BY f.id",
		    d->id, findings, finding_row, today);
	if (!ret)
		ret =
		    rows_json(db,
		              "SELECT e.at, coalesce(a.display_name, ''), e.action, e.detail FROM "
		              "drill_events e LEFT JOIN accounts a ON a.id = e.account_id WHERE "
		              "e.drill_id = ? ORDER BY e.id",
		              d->id, events, event_row, today);
	if (ret) {
		json_decref(people);
		json_decref(findings);
		json_decref(events);
		return ret;
	}
	*out = drill_head_json(d, plan, today);
	json_object_set_new(*out, "participants", people);
	json_object_set_new(*out, "findings", findings);
	json_object_set_new(*out, "timeline", events);
	return STORE_OK;
}

enum store_err drill_list(struct db *db, int year, int32_t today, json_t **items)
{
	int32_t from = year ? bjtime_days_from_civil(year, 1, 1) : INT32_MIN;
	int32_t to = year ? bjtime_days_from_civil(year + 1, 1, 1) : INT32_MAX;
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret =
	    store_prepare(db,
	                  "SELECT " DRILL_COLS ", (SELECT p.name || '（第' || p.version || '版）' "
	                  "FROM plans p WHERE p.id = drills.plan_id), (SELECT count(*) FROM "
	                  "findings f WHERE f.drill_id = drills.id), (SELECT count(*) FROM "
	                  "drill_participants x WHERE x.drill_id = drills.id) FROM drills WHERE "
	                  "planned_on >= ? AND planned_on < ? ORDER BY planned_on, id LIMIT 1000",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct drill_rec d;
		json_t *o;

		row_to_drill(s, &d);
		o = drill_head_json(&d, store_col_text(s, 20), today);
		/* the list shows no long texts */
		json_object_del(o, "summary");
		json_object_del(o, "notice");
		json_object_set_new(o, "findings", json_integer(sqlite3_column_int64(s, 21)));
		json_object_set_new(o, "participants", json_integer(sqlite3_column_int64(s, 22)));
		json_array_append_new(*items, o);
		drill_rec_release(&d);
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err drill_plans(struct db *db, int year, int32_t today, json_t **items)
{
	int32_t from = bjtime_days_from_civil(year, 1, 1), mid = bjtime_days_from_civil(year, 7, 1);
	int32_t to = bjtime_days_from_civil(year + 1, 1, 1);
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	/*
	 * a drill of an earlier version of the plan (same unit and name) counts: a
	 * revision after a drill must not make the plan look never exercised
	 */
	ret = store_prepare(
	    db,
	    "SELECT p.id, p.name, p.version, p.kind, coalesce(p.approved_at, p.created_at), "
	    "(SELECT max(d.started_at) FROM drills d JOIN plans q ON q.id = d.plan_id WHERE "
	    "q.unit_id = p.unit_id AND q.name = p.name AND d.started_at IS NOT NULL), "
	    "(SELECT count(*) FROM drills d JOIN plans q ON q.id = d.plan_id WHERE q.unit_id = "
	    "p.unit_id AND q.name = p.name AND d.state <> 5 AND d.planned_on >= ?1 AND "
	    "d.planned_on < ?2), "
	    "(SELECT count(*) FROM drills d JOIN plans q ON q.id = d.plan_id WHERE q.unit_id = "
	    "p.unit_id AND q.name = p.name AND d.state <> 5 AND d.planned_on >= ?2 AND "
	    "d.planned_on < ?3) "
	    "FROM plans p WHERE p.status IN (1, 2) ORDER BY p.name, p.version",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, mid);
	sqlite3_bind_int(s, 3, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int32_t since = day_of(sqlite3_column_int64(s, 4));
		int32_t last = day_of(sqlite3_column_int64(s, 5));
		enum plan_kind k = (enum plan_kind)sqlite3_column_int(s, 3);

		json_array_append_new(
		    *items,
		    json_pack("{sI ss si ss ss so so so sb s[II]}", "plan_id",
		              (json_int_t)sqlite3_column_int64(s, 0), "name", store_col_text(s, 1),
		              "version", sqlite3_column_int(s, 2), "kind", plan_kind_code(k),
		              "kind_zh", plan_kind_zh(k), "in_force_since",
		              store_day_json(since, 0), "last_held", store_day_json(last, 0),
		              "due_on", store_day_json(drill_due_day(last, since), 0), "overdue",
		              drill_plan_overdue(last, since, today), "halves",
		              (json_int_t)sqlite3_column_int64(s, 6),
		              (json_int_t)sqlite3_column_int64(s, 7)));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err drill_close_incident(struct db *db, int64_t incident_id, int64_t by, int64_t now)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret =
	    store_prepare(db,
	                  "UPDATE incidents SET state = 7, closed_at = ?2, closed_by = ?3, "
	                  "updated_at = ?2 WHERE id = ?1 AND drill = 1 AND state NOT IN (7, 8, 9)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, incident_id);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int64(s, 3, by);
	ret = store_step_done(db, s);
	if (!ret && sqlite3_changes(db->h))
		ret = inc_event(db, incident_id, by, "close",
		                json_pack("{ss}", "reason", "演练结束，演练事件随之结案"));
	if (ret)
		return ret;
	ret = store_prepare(db,
	                    "UPDATE incident_tasks SET status = 2, note = '演练结束' WHERE "
	                    "incident_id = ? AND status = 0",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, incident_id);
	return store_step_done(db, s);
}

enum store_err drill_plan_draft(struct db *db, const struct plan_rec *p, int64_t *draft)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*draft = 0;
	ret = store_prepare(db,
	                    "SELECT id FROM plans WHERE unit_id = ? AND name = ? AND status = 0 "
	                    "LIMIT 1",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, p->unit_id);
	sqlite3_bind_text(s, 2, p->name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*draft = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err drill_people(struct db *db, json_t **items)
{
	*items = json_array();
	return rows_json(db,
	                 "SELECT p.id, p.name, coalesce(d.name, '') FROM people p LEFT JOIN "
	                 "departments d ON d.id = p.department_id WHERE p.status = ? ORDER BY p.id "
	                 "LIMIT 2000",
	                 PERSON_ACTIVE, *items, participant_row, 0);
}
