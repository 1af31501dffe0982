/*
 * store_places.c — 保密要害部门部位: the register, its responsible people,
 * visits and their log, and the links from campaigns and incidents.
 */
#include "store_places.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/inspect.h"
#include "../util/bjtime.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "store_inspect.h"
#include "store_int.h"

#define PLACE_COLS                                                                                 \
	"p.id, p.unit_id, p.name, p.kind, p.level, p.location, p.department_id, p.measures, "      \
	"p.chain, p.review_due, p.reviewed_on, p.notes, p.created_by, p.created_at, "              \
	"p.updated_at, "                                                                           \
	"(SELECT person_id FROM key_place_people WHERE place_id = p.id AND role = 'A'), "          \
	"(SELECT person_id FROM key_place_people WHERE place_id = p.id AND role = 'B')"

/* The standing campaign unapproved entries go to, and its checklist item. */
#define PLACES_CAMPAIGN_KEY "key_places_campaign"
#define PLACES_ITEM_CODE "YH-1"

static void row_to_place(sqlite3_stmt *s, void *out)
{
	struct place_rec *p = out;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(s, 0);
	p->unit_id = sqlite3_column_int64(s, 1);
	store_copy_text(p->name, sizeof(p->name), sqlite3_column_text(s, 2));
	p->kind = (enum place_kind)sqlite3_column_int(s, 3);
	p->level = (enum level)sqlite3_column_int(s, 4);
	store_copy_text(p->location, sizeof(p->location), sqlite3_column_text(s, 5));
	p->department_id = sqlite3_column_int64(s, 6);
	store_copy_text(p->measures, sizeof(p->measures), sqlite3_column_text(s, 7));
	store_copy_text(p->chain, sizeof(p->chain), sqlite3_column_text(s, 8));
	p->review_due = sqlite3_column_int(s, 9);
	p->reviewed_on = sqlite3_column_int(s, 10);
	store_copy_text(p->notes, sizeof(p->notes), sqlite3_column_text(s, 11));
	p->created_by = sqlite3_column_int64(s, 12);
	p->created_at = sqlite3_column_int64(s, 13);
	p->updated_at = sqlite3_column_int64(s, 14);
	p->person_a = sqlite3_column_int64(s, 15);
	p->person_b = sqlite3_column_int64(s, 16);
}

bool place_may_see(const struct place_rec *p, const struct place_viewer *v)
{
	if (v->roles & (ROLE_OFFICER | ROLE_LEADER | ROLE_DUTY))
		return true;
	return v->person_id && (v->person_id == p->person_a || v->person_id == p->person_b);
}

static enum store_err people_save(struct db *db, const struct place_rec *p)
{
	static const char roles[2][2] = {"A", "B"};
	int64_t who[2] = {p->person_a, p->person_b};
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db, "DELETE FROM key_place_people WHERE place_id = ?", &s);

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, p->id);
	ret = store_step_done(db, s);
	for (int i = 0; !ret && i < 2; i++) {
		if (!who[i])
			continue;
		ret = store_prepare(
		    db, "INSERT INTO key_place_people(place_id, role, person_id) VALUES (?,?,?)",
		    &s);
		if (ret)
			break;
		sqlite3_bind_int64(s, 1, p->id);
		sqlite3_bind_text(s, 2, roles[i], 1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, who[i]);
		ret = store_step_done(db, s);
	}
	return ret;
}

static void bind_place(sqlite3_stmt *s, const struct place_rec *p)
{
	sqlite3_bind_text(s, 1, p->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, p->kind);
	sqlite3_bind_int(s, 3, p->level);
	sqlite3_bind_text(s, 4, p->location, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 5, p->department_id);
	sqlite3_bind_text(s, 6, p->measures[0] ? p->measures : "[]", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, p->chain, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 8, p->review_due);
	store_bind_opt(s, 9, p->reviewed_on);
	sqlite3_bind_text(s, 10, p->notes, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 11, p->updated_at);
}

enum store_err place_insert(struct db *db, struct place_rec *p)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "INSERT INTO key_places(name, kind, level, location, department_id, "
	                    "measures, chain, review_due, reviewed_on, notes, updated_at, unit_id, "
	                    "created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	bind_place(s, p);
	sqlite3_bind_int64(s, 12, p->unit_id);
	sqlite3_bind_int64(s, 13, p->created_by);
	sqlite3_bind_int64(s, 14, p->created_at);
	ret = store_step_done(db, s);
	if (ret)
		return ret;
	p->id = sqlite3_last_insert_rowid(db->h);
	return people_save(db, p);
}

enum store_err place_get(struct db *db, int64_t id, struct place_rec *p)
{
	return store_get_row(db, "SELECT " PLACE_COLS " FROM key_places p WHERE p.id = ?", id,
	                     row_to_place, p);
}

enum store_err place_save(struct db *db, const struct place_rec *p)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "UPDATE key_places SET name = ?, kind = ?, level = ?, location = ?, "
	                    "department_id = ?, measures = ?, chain = ?, review_due = ?, "
	                    "reviewed_on = ?, notes = ?, updated_at = ? WHERE id = ?",
	                    &s);
	if (ret)
		return ret;
	bind_place(s, p);
	sqlite3_bind_int64(s, 12, p->id);
	ret = store_step_done(db, s);
	if (!ret && !sqlite3_changes(db->h))
		ret = STORE_NOTFOUND;
	return ret ? ret : people_save(db, p);
}

/* {role, person_id, name, title, phone, department} of a place's responsible people. */
static enum store_err people_json(struct db *db, int64_t place_id, json_t **out)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db,
	                  "SELECT k.role, pe.id, pe.name, pe.title, pe.phone, d.name, pe.status "
	                  "FROM key_place_people k JOIN people pe ON pe.id = k.person_id "
	                  "LEFT JOIN departments d ON d.id = pe.department_id "
	                  "WHERE k.place_id = ? ORDER BY k.role",
	                  &s);
	int rc;

	*out = NULL;
	if (ret)
		return ret;
	*out = json_array();
	sqlite3_bind_int64(s, 1, place_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum person_status st = (enum person_status)sqlite3_column_int(s, 6);

		json_array_append_new(
		    *out, json_pack("{ss sI ss ss ss so ss}", "role", store_col_text(s, 0),
		                    "person_id", (json_int_t)sqlite3_column_int64(s, 1), "name",
		                    store_col_text(s, 2), "title", store_col_text(s, 3), "phone",
		                    store_col_text(s, 4), "department",
		                    sqlite3_column_type(s, 5) == SQLITE_NULL
		                        ? json_null()
		                        : json_string(store_col_text(s, 5)),
		                    "status", person_status_code(st)));
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE) {
		json_decref(*out);
		*out = NULL;
		return db_fail(db, rc);
	}
	return STORE_OK;
}

/* The name of a row in a table by id, "" when none. */
static void name_of(struct db *db, const char *sql, int64_t id, char *out, size_t n)
{
	sqlite3_stmt *s;

	out[0] = '\0';
	if (!id || store_prepare(db, sql, &s))
		return;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		store_copy_text(out, n, sqlite3_column_text(s, 0));
	store_finish(db, s);
}

static json_t *measures_json(const char *text)
{
	json_t *m = json_loads(text, 0, NULL);

	if (!json_is_array(m)) {
		json_decref(m);
		m = json_array();
	}
	return m;
}

enum store_err place_json(struct db *db, const struct place_rec *p, int32_t today, json_t **out)
{
	char dept[129];
	json_t *people;
	enum store_err ret = people_json(db, p->id, &people);

	*out = NULL;
	if (ret)
		return ret;
	name_of(db, "SELECT name FROM departments WHERE id = ?", p->department_id, dept,
	        sizeof(dept));
	*out = json_pack(
	    "{sI ss ss ss ss ss so so so ss so so sb so so}", "id", (json_int_t)p->id, "name",
	    p->name, "kind", place_kind_code(p->kind), "level", level_code(p->level), "location",
	    p->location, "chain", p->chain, "department_id",
	    p->department_id ? json_integer(p->department_id) : json_null(), "department",
	    dept[0] ? json_string(dept) : json_null(), "measures", measures_json(p->measures),
	    "notes", p->notes, "review_due", store_day_json(p->review_due, 0), "reviewed_on",
	    store_day_json(p->reviewed_on, 0), "review_overdue",
	    place_review_overdue(p->review_due, today), "people", people, "updated_at",
	    store_time_json(p->updated_at));
	return *out ? STORE_OK : STORE_IO;
}

enum store_err place_list(struct db *db, const struct place_viewer *v, int32_t today,
                          json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db,
	                                   "SELECT " PLACE_COLS " FROM key_places p "
	                                   "ORDER BY p.kind, p.name",
	                                   &s);
	int rc;

	*items = NULL;
	*total = 0;
	if (ret)
		return ret;
	*items = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct place_rec *p = malloc(sizeof(*p));
		json_t *o = NULL;

		if (!p) {
			rc = SQLITE_NOMEM;
			break;
		}
		row_to_place(s, p);
		if (place_may_see(p, v)) {
			ret = place_json(db, p, today, &o);
			if (!ret) {
				json_array_append_new(*items, o);
				(*total)++;
			}
		}
		free(p);
		if (ret)
			break;
	}
	store_finish(db, s);
	if (!ret && rc != SQLITE_DONE)
		ret = db_fail(db, rc);
	if (ret) {
		json_decref(*items);
		*items = NULL;
	}
	return ret;
}

enum store_err place_carriers(struct db *db, const struct place_rec *p,
                              const struct carrier_viewer *v, json_t **items)
{
	struct buf sql;
	sqlite3_stmt *s = NULL;
	enum store_err ret;
	int rc;

	*items = json_array();
	if (!p->location[0])
		return STORE_OK;
	buf_init(&sql, 4096);
	buf_puts(&sql, "SELECT c.id, c.number, c.type, c.title, c.level, c.state, c.location "
	               "FROM carriers c WHERE substr(c.location, 1, length(:loc)) = :loc "
	               "AND c.state NOT IN (:destroyed, :returned, :declassified) AND ");
	store_visible_pred(&sql, v);
	buf_puts(&sql, " ORDER BY c.number LIMIT 500");
	ret = store_prepare(db, sql.ptr, &s);
	buf_release(&sql);
	if (ret)
		return ret;
	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":loc"), p->location, -1,
	                  SQLITE_TRANSIENT);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":destroyed"), CS_DESTROYED);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":returned"), CS_RETURNED);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":declassified"), CS_DECLASSIFIED);
	store_visible_bind(s, v);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *items,
		    json_pack("{sI ss ss ss ss ss ss}", "id",
		              (json_int_t)sqlite3_column_int64(s, 0), "number",
		              store_col_text(s, 1), "type",
		              carrier_type_code((enum carrier_type)sqlite3_column_int(s, 2)),
		              "title", store_col_text(s, 3), "level",
		              level_code((enum level)sqlite3_column_int(s, 4)), "state",
		              carrier_state_code((enum carrier_state)sqlite3_column_int(s, 5)),
		              "location", store_col_text(s, 6)));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err place_campaigns(struct db *db, int64_t place_id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db,
	                                   "SELECT k.id, k.name, k.closed FROM campaign_places cp "
	                                   "JOIN campaigns k ON k.id = cp.campaign_id "
	                                   "WHERE cp.place_id = ? ORDER BY k.id DESC",
	                                   &s);
	int rc;

	*items = json_array();
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, place_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(*items, json_pack("{sI ss sb}", "id",
		                                        (json_int_t)sqlite3_column_int64(s, 0),
		                                        "name", store_col_text(s, 1), "closed",
		                                        sqlite3_column_int(s, 2) != 0));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err place_reviews_overdue(struct db *db, int32_t today, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db,
	                                   "SELECT id, name, review_due FROM key_places "
	                                   "WHERE review_due IS NOT NULL AND review_due < ? "
	                                   "ORDER BY review_due, id",
	                                   &s);
	int rc;

	*items = json_array();
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, today);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *items, json_pack("{sI ss so}", "id", (json_int_t)sqlite3_column_int64(s, 0),
		                      "name", store_col_text(s, 1), "review_due",
		                      store_day_json(sqlite3_column_int(s, 2), 0)));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- visits ---- */

#define VISIT_COLS                                                                                 \
	"id, place_id, kind, visitor, organisation, id_no, purpose, expected_at, escort_id, "      \
	"chain, step, state, decisions, unapproved, requested_by, requested_at, entered_at, "      \
	"left_at, recorded_by, finding_id, note"

static void row_to_visit(sqlite3_stmt *s, void *out)
{
	struct visit_rec *v = out;

	memset(v, 0, sizeof(*v));
	v->id = sqlite3_column_int64(s, 0);
	v->place_id = sqlite3_column_int64(s, 1);
	v->kind = (enum visit_kind)sqlite3_column_int(s, 2);
	store_copy_text(v->visitor, sizeof(v->visitor), sqlite3_column_text(s, 3));
	store_copy_text(v->organisation, sizeof(v->organisation), sqlite3_column_text(s, 4));
	store_copy_text(v->id_no, sizeof(v->id_no), sqlite3_column_text(s, 5));
	store_copy_text(v->purpose, sizeof(v->purpose), sqlite3_column_text(s, 6));
	v->expected_at = sqlite3_column_int64(s, 7);
	v->escort_id = sqlite3_column_int64(s, 8);
	store_copy_text(v->chain, sizeof(v->chain), sqlite3_column_text(s, 9));
	v->step = sqlite3_column_int(s, 10);
	v->state = (enum visit_state)sqlite3_column_int(s, 11);
	store_copy_text(v->decisions, sizeof(v->decisions), sqlite3_column_text(s, 12));
	v->unapproved = sqlite3_column_int(s, 13) != 0;
	v->requested_by = sqlite3_column_int64(s, 14);
	v->requested_at = sqlite3_column_int64(s, 15);
	v->entered_at = sqlite3_column_int64(s, 16);
	v->left_at = sqlite3_column_int64(s, 17);
	v->recorded_by = sqlite3_column_int64(s, 18);
	v->finding_id = sqlite3_column_int64(s, 19);
	store_copy_text(v->note, sizeof(v->note), sqlite3_column_text(s, 20));
}

enum store_err visit_insert(struct db *db, struct visit_rec *v)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(
	    db,
	    "INSERT INTO place_visits(place_id, kind, visitor, organisation, id_no, purpose, "
	    "expected_at, escort_id, chain, step, state, decisions, unapproved, requested_by, "
	    "requested_at, entered_at, left_at, recorded_by, finding_id, note) "
	    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	    &s);

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, v->place_id);
	sqlite3_bind_int(s, 2, v->kind);
	sqlite3_bind_text(s, 3, v->visitor, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, v->organisation, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, v->id_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, v->purpose, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 7, v->expected_at);
	store_bind_opt(s, 8, v->escort_id);
	sqlite3_bind_text(s, 9, v->chain, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 10, v->step);
	sqlite3_bind_int(s, 11, v->state);
	sqlite3_bind_text(s, 12, v->decisions[0] ? v->decisions : "[]", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 13, v->unapproved);
	sqlite3_bind_int64(s, 14, v->requested_by);
	sqlite3_bind_int64(s, 15, v->requested_at);
	store_bind_opt(s, 16, v->entered_at);
	store_bind_opt(s, 17, v->left_at);
	store_bind_opt(s, 18, v->recorded_by);
	store_bind_opt(s, 19, v->finding_id);
	sqlite3_bind_text(s, 20, v->note, -1, SQLITE_TRANSIENT);
	ret = store_step_done(db, s);
	if (!ret)
		v->id = sqlite3_last_insert_rowid(db->h);
	return ret;
}

enum store_err visit_get(struct db *db, int64_t id, struct visit_rec *v)
{
	return store_get_row(db, "SELECT " VISIT_COLS " FROM place_visits WHERE id = ?", id,
	                     row_to_visit, v);
}

enum store_err visit_save_decision(struct db *db, const struct visit_rec *v, int at_step)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db,
	                                   "UPDATE place_visits SET step = ?, state = ?, "
	                                   "decisions = ? WHERE id = ? AND state = ? AND step = ?",
	                                   &s);

	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, v->step);
	sqlite3_bind_int(s, 2, v->state);
	sqlite3_bind_text(s, 3, v->decisions, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, v->id);
	sqlite3_bind_int(s, 5, VS_PENDING);
	sqlite3_bind_int(s, 6, at_step);
	ret = store_step_done(db, s);
	return !ret && !sqlite3_changes(db->h) ? STORE_CONFLICT : ret;
}

enum store_err visit_save_log(struct db *db, const struct visit_rec *v, enum visit_state from)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db,
	                                   "UPDATE place_visits SET state = ?, entered_at = ?, "
	                                   "left_at = ?, recorded_by = ?, escort_id = ?, note = ?, "
	                                   "finding_id = ? WHERE id = ? AND state = ?",
	                                   &s);

	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, v->state);
	store_bind_opt(s, 2, v->entered_at);
	store_bind_opt(s, 3, v->left_at);
	store_bind_opt(s, 4, v->recorded_by);
	store_bind_opt(s, 5, v->escort_id);
	sqlite3_bind_text(s, 6, v->note, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 7, v->finding_id);
	sqlite3_bind_int64(s, 8, v->id);
	sqlite3_bind_int(s, 9, from);
	ret = store_step_done(db, s);
	return !ret && !sqlite3_changes(db->h) ? STORE_CONFLICT : ret;
}

/* The role code of the visit's current step, "" once decided. */
static const char *visit_step_code(const struct visit_rec *v)
{
	uint32_t steps[PLACE_CHAIN_MAX];
	int n;

	if (v->state != VS_PENDING || place_chain_parse(v->chain, steps, &n, NULL, 0) ||
	    v->step >= n)
		return "";
	return place_step_code(steps[v->step]);
}

enum store_err visit_json(struct db *db, const struct visit_rec *v, json_t **out)
{
	char masked[33], escort[129], requester[129], recorder[129];
	json_t *dec = json_loads(v->decisions, 0, NULL);

	if (!json_is_array(dec)) {
		json_decref(dec);
		dec = json_array();
	}
	place_mask_id(v->id_no, masked, sizeof(masked));
	name_of(db, "SELECT name FROM people WHERE id = ?", v->escort_id, escort, sizeof(escort));
	name_of(db, "SELECT display_name FROM accounts WHERE id = ?", v->requested_by, requester,
	        sizeof(requester));
	name_of(db, "SELECT display_name FROM accounts WHERE id = ?", v->recorded_by, recorder,
	        sizeof(recorder));
	*out = json_pack(
	    "{sI sI ss ss ss ss ss so so so ss si ss ss so sb sI ss so so so so so ss}", "id",
	    (json_int_t)v->id, "place_id", (json_int_t)v->place_id, "kind",
	    visit_kind_code(v->kind), "visitor", v->visitor, "organisation", v->organisation,
	    "id_no_masked", masked, "purpose", v->purpose, "expected_at",
	    store_time_json(v->expected_at), "escort_id",
	    v->escort_id ? json_integer(v->escort_id) : json_null(), "escort",
	    escort[0] ? json_string(escort) : json_null(), "chain", v->chain, "step", v->step,
	    "step_role", visit_step_code(v), "state", visit_state_code(v->state), "decisions", dec,
	    "unapproved", v->unapproved, "requested_by", (json_int_t)v->requested_by,
	    "requested_by_name", requester, "requested_at", store_time_json(v->requested_at),
	    "entered_at", store_time_json(v->entered_at), "left_at", store_time_json(v->left_at),
	    "recorded_by_name", recorder[0] ? json_string(recorder) : json_null(), "finding_id",
	    v->finding_id ? json_integer(v->finding_id) : json_null(), "note", v->note);
	return *out ? STORE_OK : STORE_IO;
}

/* Rows of `sql` (VISIT_COLS, one id parameter unless 0) as visit JSON, those keep() keeps. */
static enum store_err visit_rows(struct db *db, const char *sql, int64_t id,
                                 bool (*keep)(struct db *db, struct visit_rec *v, json_t *o,
                                              const void *arg),
                                 const void *arg, json_t **items)
{
	sqlite3_stmt *s;
	struct visit_rec *v = malloc(sizeof(*v));
	enum store_err ret = v ? store_prepare(db, sql, &s) : STORE_IO;
	int rc = SQLITE_DONE;

	*items = json_array();
	if (ret) {
		free(v);
		return ret;
	}
	if (id)
		sqlite3_bind_int64(s, 1, id);
	while (!ret && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *o;

		row_to_visit(s, v);
		ret = visit_json(db, v, &o);
		if (ret)
			break;
		if (!keep || keep(db, v, o, arg))
			json_array_append_new(*items, o);
		else
			json_decref(o);
	}
	store_finish(db, s);
	free(v);
	if (!ret && rc != SQLITE_DONE)
		ret = db_fail(db, rc);
	return ret;
}

enum store_err visit_list(struct db *db, int64_t place_id, json_t **items)
{
	return visit_rows(db,
	                  "SELECT " VISIT_COLS " FROM place_visits WHERE place_id = ? "
	                  "ORDER BY id DESC LIMIT 200",
	                  place_id, NULL, NULL, items);
}

/* A pending visit of a place the viewer may see, named with its place. */
static bool pending_keep(struct db *db, struct visit_rec *v, json_t *o, const void *arg)
{
	struct place_rec *p = malloc(sizeof(*p));
	bool keep = p && place_get(db, v->place_id, p) == STORE_OK && place_may_see(p, arg);

	if (keep) {
		json_object_set_new(o, "place_name", json_string(p->name));
		json_object_set_new(
		    o, "place_responsible",
		    json_boolean(((const struct place_viewer *)arg)->person_id &&
		                 (((const struct place_viewer *)arg)->person_id == p->person_a ||
		                  ((const struct place_viewer *)arg)->person_id == p->person_b)));
	}
	free(p);
	return keep;
}

enum store_err visit_pending(struct db *db, const struct place_viewer *v, json_t **items)
{
	return visit_rows(db,
	                  "SELECT " VISIT_COLS " FROM place_visits WHERE state = 0 "
	                  "ORDER BY id LIMIT 200",
	                  0, pending_keep, v, items);
}

/* ---- the standing campaign of unapproved entries ---- */

/* The open standing campaign, made (with its checklist) when there is none. */
static enum store_err standing_campaign(struct db *db, int64_t by, int64_t *campaign_id,
                                        int64_t *item_id)
{
	struct campaign_rec *k = calloc(1, sizeof(*k));
	char *text = NULL, why[160];
	int64_t clid = 0;
	sqlite3_stmt *s;
	enum store_err ret = k ? setting_get(db, PLACES_CAMPAIGN_KEY, &text) : STORE_IO;

	if (!ret && text && campaign_get(db, strtoll(text, NULL, 10), k) == STORE_OK && !k->closed)
		clid = k->checklist_id;
	free(text);
	if (!ret && !clid) {
		json_t *doc = json_pack(
		    "{ss s[{ss ss ss ss si}]}", "name", "要害部门部位日常检查", "items", "code",
		    PLACES_ITEM_CODE, "category", "要害部门部位管理", "title",
		    "非工作人员未经批准不得进入要害部门部位", "requirement",
		    "来访、维修维护人员进入要害部门部位须经审批并由工作人员全程陪同", "weight", 10);
		char idtext[24];
		int32_t today = (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400);

		ret =
		    doc ? checklist_create(db, unit_home(db), "", doc, by, &clid, why, sizeof(why))
		        : STORE_IO;
		json_decref(doc);
		if (!ret) {
			memset(k, 0, sizeof(*k));
			k->unit_id = unit_home(db);
			snprintf(k->name, sizeof(k->name), "要害部门部位日常检查");
			k->checklist_id = clid;
			k->phases.start[0] = today;
			k->created_by = by;
			k->created_at = k->updated_at = bjtime_now_ms();
			ret = campaign_insert(db, k);
		}
		if (!ret) {
			snprintf(idtext, sizeof(idtext), "%lld", (long long)k->id);
			ret = setting_put(db, PLACES_CAMPAIGN_KEY, idtext);
		}
	}
	if (!ret)
		ret = store_prepare(
		    db, "SELECT id FROM checklist_items WHERE checklist_id = ? AND code = ?", &s);
	if (!ret) {
		sqlite3_bind_int64(s, 1, clid);
		sqlite3_bind_text(s, 2, PLACES_ITEM_CODE, -1, SQLITE_STATIC);
		*item_id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		store_finish(db, s);
		if (!*item_id)
			ret = STORE_NOTFOUND;
	}
	if (!ret)
		*campaign_id = k->id;
	free(k);
	return ret;
}

enum store_err place_entry_finding(struct db *db, const struct place_rec *p, struct visit_rec *v,
                                   int64_t by, int64_t *campaign_id)
{
	struct finding_rec *f = calloc(1, sizeof(*f));
	int64_t item = 0;
	bool created = false;
	sqlite3_stmt *s;
	enum store_err ret = f ? standing_campaign(db, by, campaign_id, &item) : STORE_IO;

	if (!ret) {
		f->campaign_id = *campaign_id;
		f->item_id = item;
		f->department_id = p->department_id;
		f->severity = IS_HIGH;
		snprintf(f->source, sizeof(f->source), "inspection");
		snprintf(f->source_key, sizeof(f->source_key), "place-visit/%lld",
		         (long long)v->id);
		utf8_snprintf(f->title, sizeof(f->title), "未经批准进入%s：%s（%s）", p->name,
		              v->visitor, v->organisation);
		utf8_snprintf(f->evidence, sizeof(f->evidence), "事由：%s", v->purpose);
		f->created_by = by;
		f->created_at = bjtime_now_ms();
		ret = finding_insert(db, f, &created);
	}
	if (!ret && created) {
		v->finding_id = f->id;
		ret = store_prepare(db, "UPDATE place_visits SET finding_id = ? WHERE id = ?", &s);
		if (!ret) {
			sqlite3_bind_int64(s, 1, f->id);
			sqlite3_bind_int64(s, 2, v->id);
			ret = store_step_done(db, s);
		}
	}
	if (!ret)
		ret = store_prepare(
		    db,
		    "INSERT OR IGNORE INTO campaign_places(campaign_id, place_id) VALUES (?, ?)",
		    &s);
	if (!ret) {
		sqlite3_bind_int64(s, 1, *campaign_id);
		sqlite3_bind_int64(s, 2, p->id);
		ret = store_step_done(db, s);
	}
	free(f);
	return ret;
}

/* ---- links ---- */

static enum store_err links_set(struct db *db, const char *del, const char *ins, int64_t owner,
                                const int64_t *ids, size_t n)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db, del, &s);

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, owner);
	ret = store_step_done(db, s);
	for (size_t i = 0; !ret && i < n; i++) {
		ret = store_prepare(db, ins, &s);
		if (ret)
			break;
		sqlite3_bind_int64(s, 1, owner);
		sqlite3_bind_int64(s, 2, ids[i]);
		ret = store_step_done(db, s);
	}
	return ret;
}

enum store_err campaign_places_set(struct db *db, int64_t campaign_id, const int64_t *ids, size_t n)
{
	return links_set(
	    db, "DELETE FROM campaign_places WHERE campaign_id = ?",
	    "INSERT OR IGNORE INTO campaign_places(campaign_id, place_id) VALUES (?,?)",
	    campaign_id, ids, n);
}

enum store_err incident_places_set(struct db *db, int64_t incident_id, const int64_t *ids, size_t n)
{
	return links_set(
	    db, "DELETE FROM incident_places WHERE incident_id = ?",
	    "INSERT OR IGNORE INTO incident_places(incident_id, place_id) VALUES (?,?)",
	    incident_id, ids, n);
}

enum store_err incident_places_list(struct db *db, int64_t incident_id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db,
	                                   "SELECT p.id, p.name, p.kind, p.location, p.level "
	                                   "FROM incident_places ip JOIN key_places p "
	                                   "ON p.id = ip.place_id WHERE ip.incident_id = ? "
	                                   "ORDER BY p.kind, p.name",
	                                   &s);
	int rc;

	*items = json_array();
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, incident_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *people = NULL;

		ret = people_json(db, sqlite3_column_int64(s, 0), &people);
		if (ret)
			break;
		json_array_append_new(
		    *items,
		    json_pack("{sI ss ss ss ss so}", "id", (json_int_t)sqlite3_column_int64(s, 0),
		              "name", store_col_text(s, 1), "kind",
		              place_kind_code((enum place_kind)sqlite3_column_int(s, 2)),
		              "location", store_col_text(s, 3), "level",
		              level_code((enum level)sqlite3_column_int(s, 4)), "people", people));
	}
	store_finish(db, s);
	if (!ret && rc != SQLITE_DONE)
		ret = db_fail(db, rc);
	return ret;
}
