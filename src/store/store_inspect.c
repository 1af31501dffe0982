/*
 * store_inspect.c — self-inspection: checklists, campaigns, results and
 * scores, evidence files, imported baomi-check reports, findings,
 * rectification tasks and spot checks.
 */
#include "store_inspect.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/bjtime.h"
#include "../util/buf.h"

/* ---- checklists ---- */

static bool item_text_ok(json_t *v, size_t max, bool required)
{
	if (!v || json_is_null(v))
		return !required;
	return json_is_string(v) && json_string_length(v) <= max &&
	       (!required || json_string_length(v) > 0);
}

enum store_err checklist_create(struct db *db, int64_t unit_id, const char *template_code,
                                json_t *doc, int64_t by, int64_t *id, char *why, size_t n)
{
	json_t *items = json_object_get(doc, "items"), *it;
	const char *name = json_string_value(json_object_get(doc, "name"));
	sqlite3_stmt *s;
	enum store_err ret;
	size_t i;

	if (!name || !json_is_array(items) || !json_array_size(items) ||
	    json_array_size(items) > 500) {
		snprintf(why, n, "checklist needs a name and 1..500 items");
		return STORE_INVALID;
	}
	ret =
	    store_prepare(db,
	                  "INSERT INTO checklists(unit_id, name, template, created_by, created_at) "
	                  "VALUES (?,?,?,?,?)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, template_code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, by);
	sqlite3_bind_int64(s, 5, bjtime_now_ms());
	ret = store_step_done(db, s);
	if (ret)
		return ret;
	*id = sqlite3_last_insert_rowid(db->h);
	json_array_foreach(items, i, it)
	{
		char ids[513] = "";
		size_t k;
		json_t *c;
		json_int_t w = json_integer_value(json_object_get(it, "weight"));

		if (!item_text_ok(json_object_get(it, "code"), 64, true) ||
		    !item_text_ok(json_object_get(it, "category"), 128, true) ||
		    !item_text_ok(json_object_get(it, "title"), 256, true) ||
		    !item_text_ok(json_object_get(it, "requirement"), 4000, true) ||
		    !item_text_ok(json_object_get(it, "method"), 4000, false) ||
		    !item_text_ok(json_object_get(it, "evidence"), 4000, false) || w < 1 ||
		    w > 100) {
			snprintf(
			    why, n,
			    "items[%zu]: code, category, title, requirement and a weight 1..100",
			    i);
			return STORE_INVALID;
		}
		json_array_foreach(json_object_get(it, "check_ids"), k, c)
		{
			const char *cid = json_string_value(c);

			if (!cid || !insp_check_known(cid) ||
			    strlen(ids) + strlen(cid) + 2 > sizeof(ids)) {
				snprintf(why, n, "items[%zu].check_ids[%zu]: not a baomi-check id",
				         i, k);
				return STORE_INVALID;
			}
			if (ids[0])
				strcat(ids, ",");
			strcat(ids, cid);
		}
		ret = store_prepare(
		    db,
		    "INSERT INTO checklist_items(checklist_id, ord, code, category, title, "
		    "requirement, method, evidence, weight, check_ids, keyword_hits) "
		    "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
		    &s);
		if (ret)
			return ret;
		sqlite3_bind_int64(s, 1, *id);
		sqlite3_bind_int(s, 2, (int)i + 1);
		sqlite3_bind_text(s, 3, json_string_value(json_object_get(it, "code")), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 4, json_string_value(json_object_get(it, "category")), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 5, json_string_value(json_object_get(it, "title")), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 6, json_string_value(json_object_get(it, "requirement")), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 7, json_str(it, "method"), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 8, json_str(it, "evidence"), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 9, (int)w);
		sqlite3_bind_text(s, 10, ids, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 11, json_is_true(json_object_get(it, "keyword_hits")));
		ret = store_step_done(db, s);
		if (ret == STORE_CONFLICT)
			snprintf(why, n, "items[%zu].code: duplicate", i);
		if (ret)
			return ret;
	}
	return STORE_OK;
}

enum store_err checklist_list(struct db *db, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(db,
	                    "SELECT c.id, c.name, c.template, c.created_at, (SELECT count(*) FROM "
	                    "checklist_items i WHERE i.checklist_id = c.id) FROM checklists c "
	                    "ORDER BY c.id DESC",
	                    &s);
	if (ret)
		return ret;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(*items, json_pack("{sI ss ss so si}", "id",
		                                        (json_int_t)sqlite3_column_int64(s, 0),
		                                        "name", store_col_text(s, 1), "template",
		                                        store_col_text(s, 2), "created_at",
		                                        store_time_json(sqlite3_column_int64(s, 3)),
		                                        "items", sqlite3_column_int(s, 4)));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

static json_t *item_row_json(sqlite3_stmt *s, int first)
{
	json_t *ids = json_array();
	const char *cs = store_col_text(s, first + 8);

	while (*cs) {
		const char *e = strchr(cs, ',');
		size_t len = e ? (size_t)(e - cs) : strlen(cs);

		json_array_append_new(ids, json_stringn(cs, len));
		cs += len + (e ? 1 : 0);
	}
	return json_pack(
	    "{sI ss ss ss ss ss ss si so sb}", "id", (json_int_t)sqlite3_column_int64(s, first),
	    "code", store_col_text(s, first + 1), "category", store_col_text(s, first + 2), "title",
	    store_col_text(s, first + 3), "requirement", store_col_text(s, first + 4), "method",
	    store_col_text(s, first + 5), "evidence", store_col_text(s, first + 6), "weight",
	    sqlite3_column_int(s, first + 7), "check_ids", ids, "keyword_hits",
	    sqlite3_column_int(s, first + 9) != 0);
}

#define ITEM_COLS                                                                                  \
	"i.id, i.code, i.category, i.title, i.requirement, i.method, i.evidence, i.weight, "       \
	"i.check_ids, i.keyword_hits"

enum store_err checklist_get(struct db *db, int64_t id, json_t **out)
{
	sqlite3_stmt *s;
	enum store_err ret;
	json_t *items;
	int rc;

	*out = NULL;
	ret = store_prepare(db, "SELECT name, template FROM checklists WHERE id = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = json_pack("{sI ss ss}", "id", (json_int_t)id, "name", store_col_text(s, 0),
		                 "template", store_col_text(s, 1));
	store_finish(db, s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
	items = json_array();
	json_object_set_new(*out, "items", items);
	ret = store_prepare(db,
	                    "SELECT " ITEM_COLS " FROM checklist_items i WHERE i.checklist_id = ? "
	                    "ORDER BY i.ord",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(items, item_row_json(s, 0));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

static void row_to_item(sqlite3_stmt *s, void *out)
{
	struct item_rec *it = out;

	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(s, 0);
	it->checklist_id = sqlite3_column_int64(s, 1);
	store_copy_text(it->code, sizeof(it->code), sqlite3_column_text(s, 2));
	store_copy_text(it->category, sizeof(it->category), sqlite3_column_text(s, 3));
	store_copy_text(it->title, sizeof(it->title), sqlite3_column_text(s, 4));
	it->weight = sqlite3_column_int(s, 5);
	store_copy_text(it->check_ids, sizeof(it->check_ids), sqlite3_column_text(s, 6));
	it->keyword_hits = sqlite3_column_int(s, 7) != 0;
}

#define ITEM_REC_COLS "id, checklist_id, code, category, title, weight, check_ids, keyword_hits"

enum store_err item_get(struct db *db, int64_t id, struct item_rec *it)
{
	return store_get_row(db, "SELECT " ITEM_REC_COLS " FROM checklist_items WHERE id = ?", id,
	                     row_to_item, it);
}

enum store_err item_for_check(struct db *db, int64_t checklist_id, const char *check_id,
                              struct item_rec *it)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret =
	    store_prepare(db,
	                  check_id ? "SELECT " ITEM_REC_COLS " FROM checklist_items WHERE "
	                             "checklist_id = ?1 AND instr(',' || check_ids || ',', ',' || "
	                             "?2 || ',') > 0 ORDER BY ord LIMIT 1"
	                           : "SELECT " ITEM_REC_COLS " FROM checklist_items WHERE "
	                             "checklist_id = ?1 AND keyword_hits <> 0 AND ?2 IS NULL "
	                             "ORDER BY ord LIMIT 1",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, checklist_id);
	if (check_id)
		sqlite3_bind_text(s, 2, check_id, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, 2);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		row_to_item(s, it);
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}

/* ---- campaigns ---- */

static json_t *phases_json(const struct insp_phase_dates *d)
{
	json_t *o = json_object();

	for (int p = 0; p < INSP_PHASE_COUNT; p++) {
		char k[40];

		snprintf(k, sizeof(k), "%s_start", insp_phase_code((enum insp_phase)p));
		json_object_set_new(o, k, store_day_json(d->start[p], 0));
		snprintf(k, sizeof(k), "%s_end", insp_phase_code((enum insp_phase)p));
		json_object_set_new(o, k, store_day_json(d->end[p], 0));
	}
	return o;
}

static void phases_parse(const char *text, struct insp_phase_dates *d)
{
	json_t *o = json_loads(text, 0, NULL);

	memset(d, 0, sizeof(*d));
	for (int p = 0; o && p < INSP_PHASE_COUNT; p++) {
		char k[40];

		snprintf(k, sizeof(k), "%s_start", insp_phase_code((enum insp_phase)p));
		bjtime_parse_date(json_str(o, k), &d->start[p]);
		snprintf(k, sizeof(k), "%s_end", insp_phase_code((enum insp_phase)p));
		bjtime_parse_date(json_str(o, k), &d->end[p]);
	}
	json_decref(o);
}

static enum store_err campaign_members(struct db *db, const struct campaign_rec *c)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db, "DELETE FROM campaign_departments WHERE campaign_id = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, c->id);
	if ((ret = store_step_done(db, s)))
		return ret;
	ret = store_prepare(db, "DELETE FROM campaign_inspectors WHERE campaign_id = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, c->id);
	if ((ret = store_step_done(db, s)))
		return ret;
	for (int i = 0; i < c->ndepts && !ret; i++) {
		ret = store_prepare(db,
		                    "INSERT OR IGNORE INTO campaign_departments(campaign_id, "
		                    "department_id) VALUES (?, ?)",
		                    &s);
		if (ret)
			return ret;
		sqlite3_bind_int64(s, 1, c->id);
		sqlite3_bind_int64(s, 2, c->depts[i]);
		ret = store_step_done(db, s);
	}
	for (int i = 0; i < c->ninspectors && !ret; i++) {
		ret = store_prepare(
		    db,
		    "INSERT OR IGNORE INTO campaign_inspectors(campaign_id, account_id) "
		    "VALUES (?, ?)",
		    &s);
		if (ret)
			return ret;
		sqlite3_bind_int64(s, 1, c->id);
		sqlite3_bind_int64(s, 2, c->inspectors[i]);
		ret = store_step_done(db, s);
	}
	return ret;
}

static void bind_phases(sqlite3_stmt *s, int i, const struct insp_phase_dates *d)
{
	json_t *o = phases_json(d);

	store_bind_json(s, i, o);
	json_decref(o);
}

enum store_err campaign_insert(struct db *db, struct campaign_rec *c)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "INSERT INTO campaigns(unit_id, name, checklist_id, phases, closed, "
	                    "created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, c->unit_id);
	sqlite3_bind_text(s, 2, c->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, c->checklist_id);
	bind_phases(s, 4, &c->phases);
	sqlite3_bind_int(s, 5, c->closed);
	sqlite3_bind_int64(s, 6, c->created_by);
	sqlite3_bind_int64(s, 7, c->created_at);
	sqlite3_bind_int64(s, 8, c->updated_at);
	ret = store_step_done(db, s);
	if (ret)
		return ret;
	c->id = sqlite3_last_insert_rowid(db->h);
	return campaign_members(db, c);
}

static void row_to_campaign(sqlite3_stmt *s, void *out)
{
	struct campaign_rec *c = out;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	c->unit_id = sqlite3_column_int64(s, 1);
	store_copy_text(c->name, sizeof(c->name), sqlite3_column_text(s, 2));
	c->checklist_id = sqlite3_column_int64(s, 3);
	phases_parse(store_col_text(s, 4), &c->phases);
	c->closed = sqlite3_column_int(s, 5) != 0;
	c->created_by = sqlite3_column_int64(s, 6);
	c->created_at = sqlite3_column_int64(s, 7);
	c->updated_at = sqlite3_column_int64(s, 8);
}

#define CAMPAIGN_COLS                                                                              \
	"id, unit_id, name, checklist_id, phases, closed, created_by, created_at, updated_at"

enum store_err campaign_get(struct db *db, int64_t id, struct campaign_rec *c)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_get_row(db, "SELECT " CAMPAIGN_COLS " FROM campaigns WHERE id = ?", id,
	                    row_to_campaign, c);
	if (ret)
		return ret;
	ret = store_prepare(db,
	                    "SELECT department_id FROM campaign_departments WHERE campaign_id = ? "
	                    "ORDER BY department_id",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && c->ndepts < CAMPAIGN_MAX_DEPTS)
		c->depts[c->ndepts++] = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	ret = store_prepare(db,
	                    "SELECT account_id FROM campaign_inspectors WHERE campaign_id = ? "
	                    "ORDER BY account_id",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && c->ninspectors < CAMPAIGN_MAX_INSPECTORS)
		c->inspectors[c->ninspectors++] = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	return STORE_OK;
}

enum store_err campaign_save(struct db *db, const struct campaign_rec *c)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "UPDATE campaigns SET name = ?, phases = ?, closed = ?, updated_at = ? "
	                    "WHERE id = ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, c->name, -1, SQLITE_TRANSIENT);
	bind_phases(s, 2, &c->phases);
	sqlite3_bind_int(s, 3, c->closed);
	sqlite3_bind_int64(s, 4, c->updated_at);
	sqlite3_bind_int64(s, 5, c->id);
	ret = store_step_done(db, s);
	return ret ? ret : campaign_members(db, c);
}

enum store_err campaign_inspector_names(struct db *db, const struct campaign_rec *c, json_t **out)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*out = json_object();
	ret =
	    store_prepare(db,
	                  "SELECT a.id, a.display_name FROM campaign_inspectors i JOIN accounts a "
	                  "ON a.id = i.account_id WHERE i.campaign_id = ?",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, c->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char key[24];

		snprintf(key, sizeof(key), "%lld", (long long)sqlite3_column_int64(s, 0));
		json_object_set_new(*out, key, json_string(store_col_text(s, 1)));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

json_t *campaign_json(const struct campaign_rec *c)
{
	json_t *depts = json_array(), *insp = json_array();
	int32_t today = (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400);
	int phase = insp_phase_on(&c->phases, today);

	for (int i = 0; i < c->ndepts; i++)
		json_array_append_new(depts, json_integer(c->depts[i]));
	for (int i = 0; i < c->ninspectors; i++)
		json_array_append_new(insp, json_integer(c->inspectors[i]));
	return json_pack(
	    "{sI ss sI so sb so so so so so}", "id", (json_int_t)c->id, "name", c->name,
	    "checklist_id", (json_int_t)c->checklist_id, "phases", phases_json(&c->phases),
	    "closed", c->closed, "current_phase",
	    phase < 0 ? json_null() : json_string(insp_phase_code((enum insp_phase)phase)),
	    "current_phase_zh",
	    phase < 0 ? json_null() : json_string(insp_phase_zh((enum insp_phase)phase)),
	    "departments", depts, "inspectors", insp, "created_at", store_time_json(c->created_at));
}

enum store_err campaign_list(struct db *db, const struct campaign_viewer *v, json_t **items,
                             int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	struct campaign_rec *c = malloc(sizeof(*c));
	int rc;

	*items = json_array();
	*total = 0;
	if (!c)
		return STORE_IO;
	ret = store_prepare(db, "SELECT id FROM campaigns ORDER BY id DESC", &s);
	if (ret)
		goto out;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ret = campaign_get(db, sqlite3_column_int64(s, 0), c);
		if (ret)
			break;
		if (!campaign_may_read(c, v, NULL))
			continue;
		if (*total < 200)
			json_array_append_new(*items, campaign_json(c));
		(*total)++;
	}
	store_finish(db, s);
	if (!ret && rc != SQLITE_DONE)
		ret = db_fail(db, rc);
out:
	free(c);
	return ret;
}

enum store_err campaign_inspects_open(struct db *db, int64_t account_id, bool *out)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*out = false;
	ret =
	    store_prepare(db,
	                  "SELECT 1 FROM campaign_inspectors i JOIN campaigns c "
	                  "ON c.id = i.campaign_id WHERE i.account_id = ? AND c.closed = 0 LIMIT 1",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, account_id);
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW;
	store_finish(db, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

bool campaign_has_inspector(const struct campaign_rec *c, int64_t account_id)
{
	for (int i = 0; i < c->ninspectors; i++)
		if (c->inspectors[i] == account_id)
			return true;
	return false;
}

bool campaign_has_dept(const struct campaign_rec *c, int64_t dept_id)
{
	for (int i = 0; i < c->ndepts; i++)
		if (c->depts[i] == dept_id)
			return true;
	return false;
}

bool campaign_may_read(const struct campaign_rec *c, const struct campaign_viewer *v, int64_t *dept)
{
	int64_t none;

	if (!dept)
		dept = &none;
	*dept = 0;
	if ((v->roles & (ROLE_OFFICER | ROLE_LEADER)) || campaign_has_inspector(c, v->account_id))
		return true;
	if ((v->roles & ROLE_DEPT_HEAD) && v->department_id &&
	    campaign_has_dept(c, v->department_id)) {
		*dept = v->department_id;
		return true;
	}
	return false;
}

/* ---- results and scores ---- */

enum store_err result_put(struct db *db, int64_t campaign_id, int64_t item_id, int64_t dept_id,
                          enum insp_result r, const char *note, int phase, int64_t by)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "INSERT OR REPLACE INTO campaign_results(campaign_id, item_id, "
	                    "department_id, result, note, phase, inspector_id, at) "
	                    "VALUES (?,?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, campaign_id);
	sqlite3_bind_int64(s, 2, item_id);
	sqlite3_bind_int64(s, 3, dept_id);
	sqlite3_bind_int(s, 4, r);
	sqlite3_bind_text(s, 5, note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 6, phase);
	sqlite3_bind_int64(s, 7, by);
	sqlite3_bind_int64(s, 8, bjtime_now_ms());
	return store_step_done(db, s);
}

enum store_err result_list(struct db *db, int64_t campaign_id, int64_t dept_id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret =
	    store_prepare(db,
	                  "SELECT r.item_id, i.code, r.department_id, r.result, r.note, r.phase, "
	                  "a.display_name, r.at, (SELECT count(*) FROM evidence_files e WHERE "
	                  "e.campaign_id = r.campaign_id AND e.item_id = r.item_id AND "
	                  "e.department_id = r.department_id) FROM campaign_results r JOIN "
	                  "checklist_items i ON i.id = r.item_id LEFT JOIN accounts a ON a.id = "
	                  "r.inspector_id WHERE r.campaign_id = ?1 AND (?2 = 0 OR r.department_id "
	                  "= ?2) ORDER BY r.department_id, i.ord",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, campaign_id);
	sqlite3_bind_int64(s, 2, dept_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum insp_result r = (enum insp_result)sqlite3_column_int(s, 3);
		enum insp_phase p = (enum insp_phase)sqlite3_column_int(s, 5);

		json_array_append_new(
		    *items,
		    json_pack("{sI ss sI ss ss ss ss ss so si}", "item_id",
		              (json_int_t)sqlite3_column_int64(s, 0), "code", store_col_text(s, 1),
		              "department_id", (json_int_t)sqlite3_column_int64(s, 2), "result",
		              insp_result_code(r), "result_zh", insp_result_zh(r), "note",
		              store_col_text(s, 4), "phase", insp_phase_code(p), "inspector",
		              store_col_text(s, 6), "at",
		              store_time_json(sqlite3_column_int64(s, 7)), "evidence_files",
		              sqlite3_column_int(s, 8)));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

static json_t *tally_json(const struct insp_tally *t)
{
	int x = insp_score_x100(t);

	return json_pack("{so si si si sI sI}", "score",
	                 x < 0 ? json_null() : json_real((double)x / 100.0), "compliant",
	                 t->compliant, "noncompliant", t->noncompliant, "not_applicable",
	                 t->not_applicable, "compliant_weight", (json_int_t)t->compliant_weight,
	                 "noncompliant_weight", (json_int_t)t->noncompliant_weight);
}

enum store_err campaign_scores(struct db *db, const struct campaign_rec *c, int64_t dept_id,
                               json_t **out)
{
	struct insp_tally unit, *dt;
	sqlite3_stmt *s;
	enum store_err ret;
	json_t *depts;
	int rc;

	*out = NULL;
	dt = calloc((size_t)c->ndepts + 1, sizeof(*dt));
	if (!dt)
		return STORE_IO;
	memset(&unit, 0, sizeof(unit));
	ret =
	    store_prepare(db,
	                  "SELECT r.department_id, r.result, i.weight FROM campaign_results r JOIN "
	                  "checklist_items i ON i.id = r.item_id WHERE r.campaign_id = ?",
	                  &s);
	if (ret) {
		free(dt);
		return ret;
	}
	sqlite3_bind_int64(s, 1, c->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t d = sqlite3_column_int64(s, 0);

		for (int i = 0; i < c->ndepts; i++)
			if (c->depts[i] == d)
				insp_tally_add(&dt[i], (enum insp_result)sqlite3_column_int(s, 1),
				               sqlite3_column_int(s, 2));
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE) {
		free(dt);
		return db_fail(db, rc);
	}
	depts = json_array();
	for (int i = 0; i < c->ndepts; i++) {
		struct department d;
		json_t *o;

		if (dept_id && c->depts[i] != dept_id)
			continue;
		o = tally_json(&dt[i]);
		json_object_set_new(o, "department_id", json_integer(c->depts[i]));
		json_object_set_new(o, "department",
		                    json_string(dept_get(db, c->depts[i], &d) ? "" : d.name));
		json_array_append_new(depts, o);
		insp_tally_merge(&unit, &dt[i]);
	}
	free(dt);
	*out = json_pack(
	    "{so so s[s s]}", "unit", dept_id ? json_null() : tally_json(&unit), "departments",
	    depts, "formula",
	    "部门得分 = 100 × 符合项权重之和 ÷（符合项 + 不符合项）权重之和；不适用项不计",
	    "unit score = 100 × compliant weight ÷ applicable weight over all results");
	return STORE_OK;
}

/* ---- evidence files ---- */

enum store_err evidence_insert(struct db *db, int64_t campaign_id, int64_t item_id, int64_t dept_id,
                               const char *name, const void *data, size_t len,
                               const char *sha256_hex, int64_t by, int64_t *id)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "INSERT INTO evidence_files(campaign_id, item_id, department_id, name, "
	                    "size, sha256, data, uploaded_by, at) VALUES (?,?,?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, campaign_id);
	sqlite3_bind_int64(s, 2, item_id);
	sqlite3_bind_int64(s, 3, dept_id);
	sqlite3_bind_text(s, 4, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, (int64_t)len);
	sqlite3_bind_text(s, 6, sha256_hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(s, 7, data, (int)len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, by);
	sqlite3_bind_int64(s, 9, bjtime_now_ms());
	ret = store_step_done(db, s);
	if (!ret)
		*id = sqlite3_last_insert_rowid(db->h);
	return ret;
}

enum store_err evidence_list(struct db *db, int64_t campaign_id, int64_t dept_id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(
	    db,
	    "SELECT id, item_id, department_id, name, size, sha256, at FROM "
	    "evidence_files WHERE campaign_id = ?1 AND (?2 = 0 OR department_id = ?2) "
	    "ORDER BY id",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, campaign_id);
	sqlite3_bind_int64(s, 2, dept_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *items,
		    json_pack(
		        "{sI sI sI ss sI ss so}", "id", (json_int_t)sqlite3_column_int64(s, 0),
		        "item_id", (json_int_t)sqlite3_column_int64(s, 1), "department_id",
		        (json_int_t)sqlite3_column_int64(s, 2), "name", store_col_text(s, 3),
		        "size", (json_int_t)sqlite3_column_int64(s, 4), "sha256",
		        store_col_text(s, 5), "at", store_time_json(sqlite3_column_int64(s, 6))));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err evidence_get(struct db *db, int64_t id, int64_t *campaign_id, int64_t *dept_id,
                            char *name, size_t n, void **data, size_t *len)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*data = NULL;
	ret = store_prepare(
	    db, "SELECT campaign_id, name, data, department_id FROM evidence_files WHERE id = ?",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*campaign_id = sqlite3_column_int64(s, 0);
		*dept_id = sqlite3_column_int64(s, 3);
		store_copy_text(name, n, sqlite3_column_text(s, 1));
		*len = (size_t)sqlite3_column_bytes(s, 2);
		*data = malloc(*len + 1);
		if (*data)
			memcpy(*data, sqlite3_column_blob(s, 2), *len);
	}
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return *data ? STORE_OK : STORE_IO;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}

/* ---- check reports ---- */

enum store_err check_report_find(struct db *db, int64_t campaign_id, const char *digest,
                                 int64_t *id)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*id = 0;
	ret = store_prepare(db, "SELECT id FROM check_reports WHERE campaign_id = ? AND digest = ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, campaign_id);
	sqlite3_bind_text(s, 2, digest, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}

enum store_err check_report_insert(struct db *db, struct check_report_rec *r, const char *body)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret =
	    store_prepare(db,
	                  "INSERT INTO check_reports(campaign_id, digest, hostname, machine_id, "
	                  "role, report_time, operator, carrier_id, department_id, nfailed, nhits, "
	                  "body, imported_by, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, r->campaign_id);
	sqlite3_bind_text(s, 2, r->digest, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, r->hostname, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, r->machine_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, r->role, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 6, r->report_time);
	sqlite3_bind_text(s, 7, r->operator_name, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 8, r->carrier_id);
	store_bind_opt(s, 9, r->department_id);
	sqlite3_bind_int(s, 10, r->nfailed);
	sqlite3_bind_int(s, 11, r->nhits);
	sqlite3_bind_text(s, 12, body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 13, r->imported_by);
	sqlite3_bind_int64(s, 14, r->imported_at);
	ret = store_step_done(db, s);
	if (!ret)
		r->id = sqlite3_last_insert_rowid(db->h);
	return ret;
}

enum store_err check_report_list(struct db *db, int64_t campaign_id, int64_t dept_id,
                                 json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(
	    db,
	    "SELECT r.id, r.digest, r.hostname, r.machine_id, r.role, r.report_time, "
	    "r.operator, r.carrier_id, c.number, r.department_id, r.nfailed, "
	    "r.nhits, r.imported_at FROM check_reports r LEFT JOIN carriers c ON "
	    "c.id = r.carrier_id WHERE r.campaign_id = ?1 AND (?2 = 0 OR r.department_id = ?2) "
	    "ORDER BY r.id",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, campaign_id);
	sqlite3_bind_int64(s, 2, dept_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *items,
		    json_pack("{sI ss ss ss ss so ss so ss so si si so sb}", "id",
		              (json_int_t)sqlite3_column_int64(s, 0), "digest",
		              store_col_text(s, 1), "hostname", store_col_text(s, 2), "machine_id",
		              store_col_text(s, 3), "role", store_col_text(s, 4), "report_time",
		              store_time_json(sqlite3_column_int64(s, 5)), "operator",
		              store_col_text(s, 6), "carrier_id", store_id_json(s, 7),
		              "carrier_number", store_col_text(s, 8), "department_id",
		              store_id_json(s, 9), "failed_checks", sqlite3_column_int(s, 10),
		              "keyword_hits", sqlite3_column_int(s, 11), "imported_at",
		              store_time_json(sqlite3_column_int64(s, 12)), "unknown_host",
		              sqlite3_column_int64(s, 7) == 0));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* The serial part of a /dev/disk/by-id name ("ata-Model_SERIAL" → "SERIAL"). */
static const char *disk_serial(const char *id)
{
	const char *u = strrchr(id, '_');

	return u ? u + 1 : id;
}

enum store_err match_computer(struct db *db, const char *machine_id, const char *const *disks,
                              size_t ndisks, int64_t *carrier_id, int64_t *dept_id)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc = SQLITE_DONE;

	*carrier_id = *dept_id = 0;
	for (size_t i = 0; i <= ndisks && !*carrier_id; i++) {
		const char *key = i == 0 ? machine_id : disk_serial(disks[i - 1]);

		if (!key || !*key)
			continue;
		ret = store_prepare(
		    db,
		    "SELECT c.id, coalesce(p.department_id, 0) FROM carriers c LEFT JOIN "
		    "people p ON p.id = c.custodian_id WHERE c.type = ?1 AND "
		    "c.classified_use <> 0 AND c.state NOT IN (5, 6) AND (c.serial = ?2 "
		    "OR (?3 AND c.asset_tag = ?2)) ORDER BY c.id LIMIT 1",
		    &s);
		if (ret)
			return ret;
		sqlite3_bind_int(s, 1, CT_COMPUTER);
		sqlite3_bind_text(s, 2, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 3, i == 0);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*carrier_id = sqlite3_column_int64(s, 0);
			*dept_id = sqlite3_column_int64(s, 1);
		}
		store_finish(db, s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_fail(db, rc);
	}
	return *carrier_id ? STORE_OK : STORE_NOTFOUND;
}

/* ---- findings ---- */

#define FINDING_COLS                                                                               \
	"id, campaign_id, item_id, department_id, severity, source, source_key, report_id, "       \
	"title, evidence, restricted, created_by, created_at, drill_id"

static void row_to_finding(sqlite3_stmt *s, void *out)
{
	struct finding_rec *f = out;

	memset(f, 0, sizeof(*f));
	f->id = sqlite3_column_int64(s, 0);
	f->campaign_id = sqlite3_column_int64(s, 1);
	f->item_id = sqlite3_column_int64(s, 2);
	f->department_id = sqlite3_column_int64(s, 3);
	f->severity = (enum insp_severity)sqlite3_column_int(s, 4);
	store_copy_text(f->source, sizeof(f->source), sqlite3_column_text(s, 5));
	store_copy_text(f->source_key, sizeof(f->source_key), sqlite3_column_text(s, 6));
	f->report_id = sqlite3_column_int64(s, 7);
	store_copy_text(f->title, sizeof(f->title), sqlite3_column_text(s, 8));
	store_copy_text(f->evidence, sizeof(f->evidence), sqlite3_column_text(s, 9));
	f->restricted = sqlite3_column_int(s, 10) != 0;
	f->created_by = sqlite3_column_int64(s, 11);
	f->created_at = sqlite3_column_int64(s, 12);
	f->drill_id = sqlite3_column_int64(s, 13);
}

enum store_err finding_insert(struct db *db, struct finding_rec *f, bool *created)
{
	sqlite3_stmt *s;
	enum store_err ret;

	*created = false;
	ret = store_prepare(db,
	                    "INSERT OR IGNORE INTO findings(campaign_id, item_id, department_id, "
	                    "severity, source, source_key, report_id, title, evidence, restricted, "
	                    "created_by, created_at, drill_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	store_bind_opt(s, 1, f->campaign_id);
	store_bind_opt(s, 2, f->item_id);
	store_bind_opt(s, 3, f->department_id);
	sqlite3_bind_int(s, 4, f->severity);
	sqlite3_bind_text(s, 5, f->source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, f->source_key, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 7, f->report_id);
	sqlite3_bind_text(s, 8, f->title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 9, f->evidence, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 10, f->restricted);
	sqlite3_bind_int64(s, 11, f->created_by);
	sqlite3_bind_int64(s, 12, f->created_at);
	store_bind_opt(s, 13, f->drill_id);
	ret = store_step_done(db, s);
	if (!ret && sqlite3_changes(db->h)) {
		*created = true;
		f->id = sqlite3_last_insert_rowid(db->h);
	}
	return ret;
}

enum store_err finding_get(struct db *db, int64_t id, struct finding_rec *f)
{
	return store_get_row(db, "SELECT " FINDING_COLS " FROM findings WHERE id = ?", id,
	                     row_to_finding, f);
}

enum store_err finding_list(struct db *db, int64_t campaign_id, int64_t dept_id, bool full,
                            int32_t today, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(db,
	                    "SELECT f.id, f.item_id, i.code, i.title, i.category, f.department_id, "
	                    "d.name, f.severity, f.source, f.title, f.evidence, f.restricted, "
	                    "f.created_at, t.id, t.state, t.deadline, t.responsible_id, "
	                    "a.display_name FROM findings f JOIN checklist_items i ON i.id = "
	                    "f.item_id LEFT JOIN departments d ON d.id = f.department_id LEFT JOIN "
	                    "rect_tasks t ON t.finding_id = f.id LEFT JOIN accounts a ON a.id = "
	                    "t.responsible_id WHERE f.campaign_id = ?1 AND (?2 = 0 OR "
	                    "f.department_id = ?2) ORDER BY f.severity DESC, f.id",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, campaign_id);
	sqlite3_bind_int64(s, 2, dept_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum insp_severity sev = (enum insp_severity)sqlite3_column_int(s, 7);
		bool hidden = sqlite3_column_int(s, 11) && !full;
		json_t *task = json_null();

		if (sqlite3_column_type(s, 13) != SQLITE_NULL) {
			enum rect_state st = (enum rect_state)sqlite3_column_int(s, 14);
			int32_t dl = sqlite3_column_int(s, 15);

			task = json_pack(
			    "{sI ss ss so sI ss sb}", "id", (json_int_t)sqlite3_column_int64(s, 13),
			    "state", rect_state_code(st), "state_zh", rect_state_zh(st), "deadline",
			    store_day_json(dl, 0), "responsible_id",
			    (json_int_t)sqlite3_column_int64(s, 16), "responsible",
			    store_col_text(s, 17), "overdue", rect_overdue(st, dl, today));
		}
		json_array_append_new(
		    *items,
		    json_pack("{sI sI ss ss ss so ss ss ss ss ss sb so so}", "id",
		              (json_int_t)sqlite3_column_int64(s, 0), "item_id",
		              (json_int_t)sqlite3_column_int64(s, 1), "item_code",
		              store_col_text(s, 2), "item_title", store_col_text(s, 3), "category",
		              store_col_text(s, 4), "department_id", store_id_json(s, 5),
		              "department", store_col_text(s, 6), "severity",
		              insp_severity_code(sev), "severity_zh", insp_severity_zh(sev),
		              "source", store_col_text(s, 8), "title", store_col_text(s, 9),
		              "restricted", hidden, "evidence",
		              json_string(hidden ? "（关键词命中详情仅保密员和检查人员可见）"
		                                 : store_col_text(s, 10)),
		              "created_at", store_time_json(sqlite3_column_int64(s, 12))));
		json_object_set_new(json_array_get(*items, json_array_size(*items) - 1), "task",
		                    task);
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- rectification ---- */

#define RTASK_COLS                                                                                 \
	"id, finding_id, department_id, responsible_id, plan, deadline, state, measures, reason, " \
	"done_by, done_at, verified_by, verified_at, escalated_at, created_by, created_at"

static void row_to_rtask(sqlite3_stmt *s, void *out)
{
	struct rtask_rec *t = out;

	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(s, 0);
	t->finding_id = sqlite3_column_int64(s, 1);
	t->department_id = sqlite3_column_int64(s, 2);
	t->responsible_id = sqlite3_column_int64(s, 3);
	store_copy_text(t->plan, sizeof(t->plan), sqlite3_column_text(s, 4));
	t->deadline = sqlite3_column_int(s, 5);
	t->state = (enum rect_state)sqlite3_column_int(s, 6);
	store_copy_text(t->measures, sizeof(t->measures), sqlite3_column_text(s, 7));
	store_copy_text(t->reason, sizeof(t->reason), sqlite3_column_text(s, 8));
	t->done_by = sqlite3_column_int64(s, 9);
	t->done_at = sqlite3_column_int64(s, 10);
	t->verified_by = sqlite3_column_int64(s, 11);
	t->verified_at = sqlite3_column_int64(s, 12);
	t->escalated_at = sqlite3_column_int64(s, 13);
	t->created_by = sqlite3_column_int64(s, 14);
	t->created_at = sqlite3_column_int64(s, 15);
}

enum store_err rtask_insert(struct db *db, struct rtask_rec *t)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret =
	    store_prepare(db,
	                  "INSERT INTO rect_tasks(finding_id, department_id, responsible_id, plan, "
	                  "deadline, state, created_by, created_at) VALUES (?,?,?,?,?,?,?,?)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, t->finding_id);
	store_bind_opt(s, 2, t->department_id);
	sqlite3_bind_int64(s, 3, t->responsible_id);
	sqlite3_bind_text(s, 4, t->plan, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 5, t->deadline);
	sqlite3_bind_int(s, 6, t->state);
	sqlite3_bind_int64(s, 7, t->created_by);
	sqlite3_bind_int64(s, 8, t->created_at);
	ret = store_step_done(db, s);
	if (!ret)
		t->id = sqlite3_last_insert_rowid(db->h);
	return ret;
}

enum store_err rtask_get(struct db *db, int64_t id, struct rtask_rec *t)
{
	return store_get_row(db, "SELECT " RTASK_COLS " FROM rect_tasks WHERE id = ?", id,
	                     row_to_rtask, t);
}

enum store_err rtask_save(struct db *db, const struct rtask_rec *t)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "UPDATE rect_tasks SET responsible_id = ?, plan = ?, deadline = ?, "
	                    "state = ?, measures = ?, reason = ?, done_by = ?, done_at = ?, "
	                    "verified_by = ?, verified_at = ?, escalated_at = ? WHERE id = ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, t->responsible_id);
	sqlite3_bind_text(s, 2, t->plan, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 3, t->deadline);
	sqlite3_bind_int(s, 4, t->state);
	sqlite3_bind_text(s, 5, t->measures, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, t->reason, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 7, t->done_by);
	store_bind_opt(s, 8, t->done_at);
	store_bind_opt(s, 9, t->verified_by);
	store_bind_opt(s, 10, t->verified_at);
	store_bind_opt(s, 11, t->escalated_at);
	sqlite3_bind_int64(s, 12, t->id);
	return store_step_done(db, s);
}

enum store_err rtask_list(struct db *db, int64_t campaign_id, int64_t responsible,
                          bool overdue_only, int32_t today, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret =
	    store_prepare(db,
	                  "SELECT t.id, t.finding_id, f.campaign_id, f.title, f.severity, "
	                  "t.department_id, d.name, t.responsible_id, a.display_name, t.plan, "
	                  "t.deadline, t.state, t.measures, t.reason, t.escalated_at, t.done_by, "
	                  "t.done_at, f.drill_id, coalesce(dr.title, '') FROM "
	                  "rect_tasks t JOIN findings f ON f.id = t.finding_id LEFT JOIN "
	                  "drills dr ON dr.id = f.drill_id LEFT JOIN "
	                  "departments d ON d.id = t.department_id LEFT JOIN accounts a ON a.id = "
	                  "t.responsible_id WHERE (?1 = 0 OR f.campaign_id = ?1) AND (?2 = 0 OR "
	                  "t.responsible_id = ?2) AND (?3 = 0 OR (t.state < 2 AND t.deadline < "
	                  "?4)) ORDER BY t.deadline, t.id LIMIT 1000",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, campaign_id);
	sqlite3_bind_int64(s, 2, responsible);
	sqlite3_bind_int(s, 3, overdue_only);
	sqlite3_bind_int(s, 4, today);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum rect_state st = (enum rect_state)sqlite3_column_int(s, 11);
		enum insp_severity sev = (enum insp_severity)sqlite3_column_int(s, 4);
		int32_t dl = sqlite3_column_int(s, 10);

		json_array_append_new(
		    *items,
		    json_pack("{sI sI so ss ss so ss sI ss ss so ss ss ss ss sb so so so so ss}",
		              "id", (json_int_t)sqlite3_column_int64(s, 0), "finding_id",
		              (json_int_t)sqlite3_column_int64(s, 1), "campaign_id",
		              store_id_json(s, 2), "finding", store_col_text(s, 3), "severity",
		              insp_severity_code(sev), "department_id", store_id_json(s, 5),
		              "department", store_col_text(s, 6), "responsible_id",
		              (json_int_t)sqlite3_column_int64(s, 7), "responsible",
		              store_col_text(s, 8), "plan", store_col_text(s, 9), "deadline",
		              store_day_json(dl, 0), "state", rect_state_code(st), "state_zh",
		              rect_state_zh(st), "measures", store_col_text(s, 12), "reason",
		              store_col_text(s, 13), "overdue", rect_overdue(st, dl, today),
		              "escalated_at", store_time_json(sqlite3_column_int64(s, 14)),
		              "done_by", store_id_json(s, 15), "done_at",
		              store_time_json(sqlite3_column_int64(s, 16)), "drill_id",
		              store_id_json(s, 17), "drill", store_col_text(s, 18)));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err rtask_sweep(struct db *db, int32_t today, int *n)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*n = 0;
	for (;;) {
		struct rtask_rec t;
		int64_t people[32];
		int np = 0;
		char title[257];

		ret = store_prepare(db,
		                    "SELECT " RTASK_COLS
		                    " FROM rect_tasks WHERE state < 2 AND deadline < "
		                    "? AND escalated_at IS NULL ORDER BY deadline LIMIT 1",
		                    &s);
		if (ret)
			return ret;
		sqlite3_bind_int(s, 1, today);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			row_to_rtask(s, &t);
		store_finish(db, s);
		if (rc == SQLITE_DONE)
			return STORE_OK;
		if (rc != SQLITE_ROW)
			return db_fail(db, rc);
		t.escalated_at = bjtime_now_ms();
		ret = rtask_save(db, &t);
		if (ret)
			return ret;
		/* the heads of the task's department */
		ret = store_prepare(
		    db,
		    "SELECT DISTINCT a.person_id FROM accounts a JOIN people p ON p.id = "
		    "a.person_id WHERE a.disabled = 0 AND (a.roles & ?) <> 0 AND "
		    "p.department_id = ? LIMIT 32",
		    &s);
		if (ret)
			return ret;
		sqlite3_bind_int64(s, 1, ROLE_DEPT_HEAD);
		sqlite3_bind_int64(s, 2, t.department_id);
		while (np < 32 && sqlite3_step(s) == SQLITE_ROW)
			people[np++] = sqlite3_column_int64(s, 0);
		store_finish(db, s);
		/* the task by its finding's title: no page shows an internal id */
		ret = store_prepare(db, "SELECT title FROM findings WHERE id = ?", &s);
		if (ret)
			return ret;
		sqlite3_bind_int64(s, 1, t.finding_id);
		rc = sqlite3_step(s);
		snprintf(title, sizeof(title), "%s", rc == SQLITE_ROW ? store_col_text(s, 0) : "");
		store_finish(db, s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_fail(db, rc);
		for (int i = 0; i < np && !ret; i++) {
			char zh[400], en[400];
			struct notification note = {
			    people[i], "rectification.overdue", "rect_task", t.id, zh, en};

			snprintf(zh, sizeof(zh), "整改任务「%.300s」已逾期（期限已过），请督促整改",
			         title);
			snprintf(en, sizeof(en), "Rectification task “%.300s” is overdue", title);
			ret = notification_add(db, &note);
		}
		if (ret)
			return ret;
		(*n)++;
	}
}

/* ---- spot checks ---- */

enum store_err spot_insert(struct db *db, int64_t campaign_id, int64_t task_id,
                           const char *superior_unit, const char *inspector, bool passed,
                           const char *note, int64_t by, int64_t *id)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret =
	    store_prepare(db,
	                  "INSERT INTO spot_checks(campaign_id, task_id, superior_unit, inspector, "
	                  "passed, note, by_account, at) VALUES (?,?,?,?,?,?,?,?)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, campaign_id);
	store_bind_opt(s, 2, task_id);
	sqlite3_bind_text(s, 3, superior_unit, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, inspector, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 5, passed);
	sqlite3_bind_text(s, 6, note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 7, by);
	sqlite3_bind_int64(s, 8, bjtime_now_ms());
	ret = store_step_done(db, s);
	if (!ret)
		*id = sqlite3_last_insert_rowid(db->h);
	return ret;
}

enum store_err spot_list(struct db *db, int64_t campaign_id, int64_t dept_id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(
	    db,
	    "SELECT id, task_id, superior_unit, inspector, passed, note, at FROM "
	    "spot_checks WHERE campaign_id = ?1 AND (?2 = 0 OR task_id IN (SELECT id FROM "
	    "rect_tasks WHERE department_id = ?2)) ORDER BY id",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, campaign_id);
	sqlite3_bind_int64(s, 2, dept_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *items, json_pack("{sI so ss ss sb ss so}", "id",
		                      (json_int_t)sqlite3_column_int64(s, 0), "task_id",
		                      store_id_json(s, 1), "superior_unit", store_col_text(s, 2),
		                      "inspector", store_col_text(s, 3), "passed",
		                      sqlite3_column_int(s, 4) != 0, "note", store_col_text(s, 5),
		                      "at", store_time_json(sqlite3_column_int64(s, 6))));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- media list ---- */

enum store_err media_list_text(struct db *db, char **text, size_t *len)
{
	sqlite3_stmt *s;
	enum store_err ret;
	struct buf b;
	int rc;

	buf_init(&b, 16u << 20);
	ret = store_prepare(
	    db,
	    "SELECT serial, level, classified_use, number FROM carriers WHERE type IN "
	    "(?, ?, ?, ?, ?) AND serial <> '' AND state NOT IN (5, 6) ORDER BY id",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, CT_USB);
	sqlite3_bind_int(s, 2, CT_HDD);
	sqlite3_bind_int(s, 3, CT_DISC);
	sqlite3_bind_int(s, 4, CT_CARD);
	sqlite3_bind_int(s, 5, CT_TAPE);
	buf_puts(&b,
	         "# baomi: registered removable media (SERIAL LEVEL), for baomi-check --media\n");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *serial = store_col_text(s, 0);
		enum level l = (enum level)sqlite3_column_int(s, 1);
		bool classified = sqlite3_column_int(s, 2) && level_is_classified(l);

		/* a serial with blanks cannot be a field of the list: left out */
		if (strpbrk(serial, " \t\r\n#"))
			continue;
		if (buf_printf(&b, "%s %s  # %s\n", serial,
		               classified ? level_zh(l) : "unclassified", store_col_text(s, 3))) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE) {
		buf_release(&b);
		return rc == SQLITE_NOMEM ? STORE_IO : db_fail(db, rc);
	}
	*text = buf_detach(&b, len);
	return STORE_OK;
}
