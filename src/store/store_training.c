/*
 * store_training.c — 保密教育培训 sessions, attendance and yearly targets.
 */
#include "store_training.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/bjtime.h"
#include "store_int.h"

#define SESSION_COLS                                                                               \
	"s.id, s.unit_id, s.kind, s.held_on, s.hours, s.title, s.trainer, s.material, "            \
	"s.created_by, s.created_at, s.updated_at"

/* The first and last day of a year; year 0 spans all days. */
static void year_span(int year, int32_t *from, int32_t *to)
{
	if (!year) {
		*from = INT32_MIN + 1;
		*to = INT32_MAX;
		return;
	}
	*from = bjtime_days_from_civil(year, 1, 1);
	*to = bjtime_days_from_civil(year, 12, 31);
}

static void row_to_session(sqlite3_stmt *q, void *out)
{
	struct training_session *s = out;

	s->id = sqlite3_column_int64(q, 0);
	s->unit_id = sqlite3_column_int64(q, 1);
	s->kind = (enum training_kind)sqlite3_column_int(q, 2);
	s->held_on = sqlite3_column_int(q, 3);
	s->hours = sqlite3_column_int(q, 4);
	store_copy_text(s->title, sizeof(s->title), sqlite3_column_text(q, 5));
	store_copy_text(s->trainer, sizeof(s->trainer), sqlite3_column_text(q, 6));
	store_copy_text(s->material, sizeof(s->material), sqlite3_column_text(q, 7));
	s->created_by = sqlite3_column_int64(q, 8);
	s->created_at = sqlite3_column_int64(q, 9);
	s->updated_at = sqlite3_column_int64(q, 10);
}

enum store_err training_insert(struct db *db, struct training_session *s)
{
	sqlite3_stmt *q;
	int64_t now = bjtime_now_ms();
	enum store_err ret =
	    store_prepare(db,
	                  "INSERT INTO training_sessions(unit_id, kind, held_on, hours, title, "
	                  "trainer, material, "
	                  "created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
	                  &q);

	if (ret)
		return ret;
	sqlite3_bind_int64(q, 1, s->unit_id);
	sqlite3_bind_int(q, 2, (int)s->kind);
	sqlite3_bind_int(q, 3, s->held_on);
	sqlite3_bind_int(q, 4, s->hours);
	sqlite3_bind_text(q, 5, s->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, s->trainer, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, s->material, -1, SQLITE_STATIC);
	store_bind_opt(q, 8, s->created_by);
	sqlite3_bind_int64(q, 9, now);
	sqlite3_bind_int64(q, 10, now);
	ret = store_step_done(db, q);
	if (!ret) {
		s->id = sqlite3_last_insert_rowid(db->h);
		s->created_at = s->updated_at = now;
	}
	return ret;
}

enum store_err training_update(struct db *db, const struct training_session *s)
{
	sqlite3_stmt *q;
	enum store_err ret = store_prepare(db,
	                                   "UPDATE training_sessions SET kind = ?, held_on = ?, "
	                                   "hours = ?, title = ?, trainer = ?, "
	                                   "material = ?, updated_at = ? WHERE id = ?",
	                                   &q);

	if (ret)
		return ret;
	sqlite3_bind_int(q, 1, (int)s->kind);
	sqlite3_bind_int(q, 2, s->held_on);
	sqlite3_bind_int(q, 3, s->hours);
	sqlite3_bind_text(q, 4, s->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, s->trainer, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, s->material, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 7, bjtime_now_ms());
	sqlite3_bind_int64(q, 8, s->id);
	ret = store_step_done(db, q);
	if (!ret && sqlite3_changes(db->h) == 0)
		ret = STORE_NOTFOUND;
	return ret;
}

enum store_err training_get(struct db *db, int64_t id, struct training_session *s)
{
	return store_get_row(db, "SELECT " SESSION_COLS " FROM training_sessions s WHERE s.id = ?",
	                     id, row_to_session, s);
}

static json_t *hours_json(int64_t tenths)
{
	return json_real((double)tenths / 10.0);
}

json_t *training_json(const struct training_session *s, int64_t attendees)
{
	char c[BJTIME_ISO_LEN];

	bjtime_format_iso(s->created_at, c);
	return json_pack("{sI ss ss ss so so ss ss ss sI ss}", "id", (json_int_t)s->id, "kind",
	                 training_kind_code(s->kind), "kind_zh", training_kind_zh(s->kind),
	                 "kind_en", training_kind_en(s->kind), "held_on",
	                 store_day_json(s->held_on, PERSON_NO_DATE), "hours", hours_json(s->hours),
	                 "title", s->title, "trainer", s->trainer, "material", s->material,
	                 "attendees", (json_int_t)attendees, "created_at", c);
}

enum store_err training_list(struct db *db, int year, int kind, int64_t dept, int limit, int offset,
                             json_t **items, int64_t *total)
{
	sqlite3_stmt *q;
	int32_t from, to;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = 0;
	year_span(year, &from, &to);
	ret =
	    store_prepare(db,
	                  "SELECT count(*) FROM training_sessions WHERE held_on BETWEEN ?1 AND ?2 "
	                  "AND (?3 < 0 OR kind = ?3)",
	                  &q);
	if (ret)
		return ret;
	sqlite3_bind_int(q, 1, from);
	sqlite3_bind_int(q, 2, to);
	sqlite3_bind_int(q, 3, kind);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		*total = sqlite3_column_int64(q, 0);
	store_finish(db, q);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc);
	ret = store_prepare(db,
	                    "SELECT " SESSION_COLS ", (SELECT count(*) FROM training_attendance a "
	                    "JOIN people p ON p.id = a.person_id WHERE a.session_id = s.id "
	                    "AND (?4 = 0 OR p.department_id = ?4)) FROM training_sessions s "
	                    "WHERE s.held_on BETWEEN ?1 AND ?2 AND (?3 < 0 OR s.kind = ?3) "
	                    "ORDER BY s.held_on DESC, s.id DESC LIMIT ?5 OFFSET ?6",
	                    &q);
	if (ret)
		return ret;
	sqlite3_bind_int(q, 1, from);
	sqlite3_bind_int(q, 2, to);
	sqlite3_bind_int(q, 3, kind);
	sqlite3_bind_int64(q, 4, dept);
	sqlite3_bind_int(q, 5, limit);
	sqlite3_bind_int(q, 6, offset);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct training_session s;

		row_to_session(q, &s);
		json_array_append_new(*items, training_json(&s, sqlite3_column_int64(q, 11)));
	}
	store_finish(db, q);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err training_attend(struct db *db, int64_t session_id, int64_t person_id, bool set_score,
                               int score, int64_t by, bool *added)
{
	sqlite3_stmt *q;
	enum store_err ret;

	ret = store_prepare(db,
	                    "INSERT INTO training_attendance(session_id, person_id, score, "
	                    "signed_by, signed_at) VALUES (?,?,?,?,?) "
	                    "ON CONFLICT(session_id, person_id) DO NOTHING",
	                    &q);
	if (ret)
		return ret;
	sqlite3_bind_int64(q, 1, session_id);
	sqlite3_bind_int64(q, 2, person_id);
	if (set_score && score != TRAINING_NO_SCORE)
		sqlite3_bind_int(q, 3, score);
	else
		sqlite3_bind_null(q, 3);
	store_bind_opt(q, 4, by);
	sqlite3_bind_int64(q, 5, bjtime_now_ms());
	ret = store_step_done(db, q);
	if (ret)
		return ret;
	*added = sqlite3_changes(db->h) > 0;
	if (*added || !set_score)
		return STORE_OK;
	ret = store_prepare(db,
	                    "UPDATE training_attendance SET score = ? "
	                    "WHERE session_id = ? AND person_id = ?",
	                    &q);
	if (ret)
		return ret;
	if (score != TRAINING_NO_SCORE)
		sqlite3_bind_int(q, 1, score);
	else
		sqlite3_bind_null(q, 1);
	sqlite3_bind_int64(q, 2, session_id);
	sqlite3_bind_int64(q, 3, person_id);
	return store_step_done(db, q);
}

enum store_err training_unattend(struct db *db, int64_t session_id, int64_t person_id)
{
	sqlite3_stmt *q;
	enum store_err ret = store_prepare(
	    db, "DELETE FROM training_attendance WHERE session_id = ? AND person_id = ?", &q);

	if (ret)
		return ret;
	sqlite3_bind_int64(q, 1, session_id);
	sqlite3_bind_int64(q, 2, person_id);
	ret = store_step_done(db, q);
	if (!ret && sqlite3_changes(db->h) == 0)
		ret = STORE_NOTFOUND;
	return ret;
}

static json_t *score_json(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? json_null()
	                                                : json_integer(sqlite3_column_int(q, i));
}

enum store_err training_attendees(struct db *db, int64_t session_id, int64_t dept, json_t **items)
{
	sqlite3_stmt *q;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(db,
	                    "SELECT p.id, p.name, p.department_id, coalesce(d.name, ''), "
	                    "p.staff_class, a.score FROM training_attendance a "
	                    "JOIN people p ON p.id = a.person_id "
	                    "LEFT JOIN departments d ON d.id = p.department_id "
	                    "WHERE a.session_id = ?1 AND (?2 = 0 OR p.department_id = ?2) "
	                    "ORDER BY d.code, d.id, p.name, p.id",
	                    &q);
	if (ret)
		return ret;
	sqlite3_bind_int64(q, 1, session_id);
	sqlite3_bind_int64(q, 2, dept);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		enum staff_class sc = (enum staff_class)sqlite3_column_int(q, 4);

		json_array_append_new(
		    *items,
		    json_pack("{sI ss so ss ss ss so}", "person_id",
		              (json_int_t)sqlite3_column_int64(q, 0), "name", store_col_text(q, 1),
		              "department_id", store_id_json(q, 2), "department",
		              store_col_text(q, 3), "staff_class", staff_class_code(sc),
		              "staff_class_zh", staff_class_zh(sc), "score", score_json(q, 5)));
	}
	store_finish(db, q);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err training_dept_people(struct db *db, int64_t dept, json_t **ids)
{
	sqlite3_stmt *q;
	enum store_err ret;
	int rc;

	*ids = json_array();
	ret = store_prepare(db,
	                    "SELECT id FROM people WHERE department_id = ? AND status = 0 "
	                    "ORDER BY name, id",
	                    &q);
	if (ret)
		return ret;
	sqlite3_bind_int64(q, 1, dept);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		json_array_append_new(*ids, json_integer(sqlite3_column_int64(q, 0)));
	store_finish(db, q);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err training_record(struct db *db, int64_t person_id, int year, json_t **sessions,
                               int64_t *tenths)
{
	sqlite3_stmt *q;
	int32_t from, to;
	enum store_err ret;
	int rc;

	*sessions = json_array();
	*tenths = 0;
	year_span(year, &from, &to);
	ret = store_prepare(db,
	                    "SELECT " SESSION_COLS ", a.score FROM training_attendance a "
	                    "JOIN training_sessions s ON s.id = a.session_id "
	                    "WHERE a.person_id = ? AND s.held_on BETWEEN ? AND ? "
	                    "ORDER BY s.held_on DESC, s.id DESC",
	                    &q);
	if (ret)
		return ret;
	sqlite3_bind_int64(q, 1, person_id);
	sqlite3_bind_int(q, 2, from);
	sqlite3_bind_int(q, 3, to);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct training_session s;
		json_t *o;

		row_to_session(q, &s);
		*tenths += s.hours;
		o = training_json(&s, 0);
		json_object_del(o, "attendees");
		json_object_set_new(o, "score", score_json(q, 11));
		json_array_append_new(*sessions, o);
	}
	store_finish(db, q);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err training_year_people(struct db *db, int year, int64_t dept, json_t **rows)
{
	sqlite3_stmt *q;
	int32_t from, to;
	enum store_err ret;
	int rc;

	*rows = json_array();
	year_span(year, &from, &to);
	ret = store_prepare(
	    db,
	    "SELECT p.id, p.name, p.department_id, coalesce(d.name, ''), p.staff_class, "
	    "coalesce(sum(s.hours), 0), count(s.id) FROM people p "
	    "LEFT JOIN departments d ON d.id = p.department_id "
	    "LEFT JOIN training_attendance a ON a.person_id = p.id "
	    "LEFT JOIN training_sessions s ON s.id = a.session_id AND s.held_on BETWEEN ?1 AND ?2 "
	    "WHERE p.status = 0 AND (?3 = 0 OR p.department_id = ?3) "
	    "GROUP BY p.id ORDER BY d.code, d.id, p.name, p.id",
	    &q);
	if (ret)
		return ret;
	sqlite3_bind_int(q, 1, from);
	sqlite3_bind_int(q, 2, to);
	sqlite3_bind_int64(q, 3, dept);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		json_array_append_new(
		    *rows,
		    json_pack("{sI ss so ss si sI sI}", "person_id",
		              (json_int_t)sqlite3_column_int64(q, 0), "name", store_col_text(q, 1),
		              "department_id", store_id_json(q, 2), "department",
		              store_col_text(q, 3), "staff_class", sqlite3_column_int(q, 4),
		              "tenths", (json_int_t)sqlite3_column_int64(q, 5), "sessions",
		              (json_int_t)sqlite3_column_int64(q, 6)));
	store_finish(db, q);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

static enum store_err exists(struct db *db, const char *sql, int64_t a, int64_t b, int64_t c,
                             bool *yes)
{
	sqlite3_stmt *q;
	enum store_err ret = store_prepare(db, sql, &q);
	int rc;

	if (ret)
		return ret;
	sqlite3_bind_int64(q, 1, a);
	sqlite3_bind_int64(q, 2, b);
	sqlite3_bind_int64(q, 3, c);
	rc = sqlite3_step(q);
	*yes = rc == SQLITE_ROW;
	store_finish(db, q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err training_pre_post_done(struct db *db, int64_t person_id, int32_t today, bool *done)
{
	return exists(db,
	              "SELECT 1 FROM training_attendance a JOIN training_sessions s "
	              "ON s.id = a.session_id WHERE a.person_id = ?1 AND s.kind = ?2 "
	              "AND s.held_on <= ?3 LIMIT 1",
	              person_id, TRAINING_PRE_POST, today, done);
}

enum store_err training_holiday_held(struct db *db, int32_t from, int32_t to, bool *held)
{
	return exists(db,
	              "SELECT 1 FROM training_sessions WHERE kind = ?1 "
	              "AND held_on BETWEEN ?2 AND ?3 LIMIT 1",
	              TRAINING_HOLIDAY, from, to, held);
}

static const char *const target_keys[STAFF_CLASS_COUNT] = {"none", "general", "important", "core"};

enum store_err training_targets_load(struct db *db, struct training_targets *t)
{
	char *text = NULL;
	json_t *j;
	enum store_err ret = setting_get(db, "training.targets", &text);

	training_targets_default(t);
	if (ret || !text)
		return ret;
	j = json_loads(text, 0, NULL);
	free(text);
	for (int i = 0; j && i < STAFF_CLASS_COUNT; i++) {
		json_t *v = json_object_get(j, target_keys[i]);

		if (json_is_integer(v) && json_integer_value(v) >= 0 &&
		    json_integer_value(v) <= TRAINING_TARGET_MAX)
			t->tenths[i] = (int)json_integer_value(v);
	}
	json_decref(j);
	return STORE_OK;
}

enum store_err training_targets_save(struct db *db, const struct training_targets *t)
{
	json_t *j = json_object();
	char *text;
	enum store_err ret;

	for (int i = 0; i < STAFF_CLASS_COUNT; i++)
		json_object_set_new(j, target_keys[i], json_integer(t->tenths[i]));
	text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (!text)
		return STORE_IO;
	ret = setting_put(db, "training.targets", text);
	free(text);
	return ret;
}
