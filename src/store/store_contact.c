/*
 * store_contact.c — the contact list (通讯录) and the register of rewards
 * and penalties (奖惩).
 */
#include "store_contact.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* ---- contacts ---- */

#define CONTACT_COLS                                                                               \
	"id, kind, trust, name, grp, title, ab, liaison, contact_person, office_phone, mobile, "   \
	"address, notes, ord, person_id, account_id, created_at, updated_at"

static void row_to_contact(sqlite3_stmt *s, void *out)
{
	struct contact_rec *r = out;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->kind = (enum contact_kind)sqlite3_column_int(s, 1);
	r->trust = (enum contact_trust)sqlite3_column_int(s, 2);
	store_copy_text(r->name, sizeof(r->name), sqlite3_column_text(s, 3));
	store_copy_text(r->grp, sizeof(r->grp), sqlite3_column_text(s, 4));
	store_copy_text(r->title, sizeof(r->title), sqlite3_column_text(s, 5));
	store_copy_text(r->ab, sizeof(r->ab), sqlite3_column_text(s, 6));
	r->liaison = sqlite3_column_int(s, 7) != 0;
	store_copy_text(r->contact_person, sizeof(r->contact_person), sqlite3_column_text(s, 8));
	store_copy_text(r->office_phone, sizeof(r->office_phone), sqlite3_column_text(s, 9));
	store_copy_text(r->mobile, sizeof(r->mobile), sqlite3_column_text(s, 10));
	store_copy_text(r->address, sizeof(r->address), sqlite3_column_text(s, 11));
	store_copy_text(r->notes, sizeof(r->notes), sqlite3_column_text(s, 12));
	r->ord = sqlite3_column_int(s, 13);
	r->person_id = sqlite3_column_int64(s, 14);
	r->account_id = sqlite3_column_int64(s, 15);
	r->created_at = sqlite3_column_int64(s, 16);
	r->updated_at = sqlite3_column_int64(s, 17);
}

enum store_err contact_insert(struct db *db, struct contact_rec *r)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db,
	                    "INSERT INTO contacts(kind, trust, name, grp, title, ab, liaison, "
	                    "contact_person, office_phone, mobile, address, notes, ord, person_id, "
	                    "account_id, created_at, updated_at) "
	                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, r->kind);
	sqlite3_bind_int(s, 2, r->trust);
	sqlite3_bind_text(s, 3, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, r->grp, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, r->ab, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 7, r->liaison);
	sqlite3_bind_text(s, 8, r->contact_person, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, r->office_phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, r->mobile, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, r->address, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, r->notes, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 13, r->ord);
	store_bind_opt(s, 14, r->person_id);
	store_bind_opt(s, 15, r->account_id);
	sqlite3_bind_int64(s, 16, r->created_at);
	sqlite3_bind_int64(s, 17, r->updated_at);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	r->id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

enum store_err contact_get(struct db *db, int64_t id, struct contact_rec *r)
{
	memset(r, 0, sizeof(*r));
	return store_get_row(db, "SELECT " CONTACT_COLS " FROM contacts WHERE id = ?", id,
	                     row_to_contact, r);
}

/* The columns a change may set, one at a time (never a whole row read earlier). */
static const char *const text_columns[] = {
    "name",         "grp",    "title",   "ab",    "contact_person",
    "office_phone", "mobile", "address", "notes", NULL};
static const char *const int_columns[] = {"kind",      "trust",      "liaison", "ord",
                                          "person_id", "account_id", NULL};

static bool known(const char *const *cols, const char *c)
{
	for (; *cols; cols++)
		if (!strcmp(*cols, c))
			return true;
	return false;
}

static enum store_err set_column(struct db *db, int64_t id, const char *column, const char *t,
                                 int64_t v, bool text)
{
	char sql[96];
	sqlite3_stmt *s;
	enum store_err ret;

	if (!known(text ? text_columns : int_columns, column))
		return STORE_INVALID;
	snprintf(sql, sizeof(sql), "UPDATE contacts SET %s = ? WHERE id = ?", column);
	ret = store_prepare(db, sql, &s);
	if (ret)
		return ret;
	if (text)
		sqlite3_bind_text(s, 1, t, -1, SQLITE_STATIC);
	else if (!strcmp(column, "person_id") || !strcmp(column, "account_id"))
		store_bind_opt(s, 1, v);
	else
		sqlite3_bind_int64(s, 1, v);
	sqlite3_bind_int64(s, 2, id);
	ret = store_step_done(db, s);
	if (!ret && !sqlite3_changes(db->h))
		return STORE_NOTFOUND;
	return ret;
}

enum store_err contact_set_text(struct db *db, int64_t id, const char *column, const char *v)
{
	return set_column(db, id, column, v, 0, true);
}

enum store_err contact_set_int(struct db *db, int64_t id, const char *column, int64_t v)
{
	return set_column(db, id, column, NULL, v, false);
}

enum store_err contact_touch(struct db *db, int64_t id, int64_t now_ms)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db, "UPDATE contacts SET updated_at = ? WHERE id = ?", &s);

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, now_ms);
	sqlite3_bind_int64(s, 2, id);
	return store_step_done(db, s);
}

enum store_err contact_delete(struct db *db, int64_t id)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db, "DELETE FROM contacts WHERE id = ?", &s);

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	ret = store_step_done(db, s);
	if (!ret && !sqlite3_changes(db->h))
		return STORE_NOTFOUND;
	return ret;
}

json_t *contact_json(const struct contact_rec *r)
{
	json_t *o = json_pack(
	    "{sI ss ss ss ss ss ss ss sb ss ss ss ss ss ss si}", "id", (json_int_t)r->id, "kind",
	    contact_kind_code(r->kind), "kind_zh", contact_kind_zh(r->kind), "trust",
	    contact_trust_code(r->trust), "trust_zh", contact_trust_zh(r->trust), "name", r->name,
	    "group", r->grp, "title", r->title, "liaison", r->liaison, "ab", r->ab,
	    "contact_person", r->contact_person, "office_phone", r->office_phone, "mobile",
	    r->mobile, "address", r->address, "notes", r->notes, "ord", r->ord);

	if (!o)
		return NULL;
	json_object_set_new(o, "linked_person", json_boolean(r->person_id != 0));
	json_object_set_new(o, "linked_account", json_boolean(r->account_id != 0));
	json_object_set_new(o, "updated_at", store_time_json(r->updated_at));
	return o;
}

enum store_err contact_list(struct db *db, int kind, const char *q, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(db,
	                    "SELECT " CONTACT_COLS " FROM contacts WHERE (?1 < 0 OR kind = ?1) AND "
	                    "(?2 IS NULL OR instr(name || ' ' || grp || ' ' || title || ' ' || "
	                    "contact_person || ' ' || office_phone || ' ' || mobile || ' ' || "
	                    "address || ' ' || notes, ?2) > 0) "
	                    "ORDER BY kind, grp, ord, id LIMIT ?3",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, kind);
	if (q && *q)
		sqlite3_bind_text(s, 2, q, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 2);
	sqlite3_bind_int(s, 3, CONTACTS_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct contact_rec r;

		row_to_contact(s, &r);
		json_array_append_new(*items, contact_json(&r));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err contact_link_by_name(struct db *db, const char *name, int64_t *person_id,
                                    int64_t *account_id)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc, n = 0;

	*person_id = *account_id = 0;
	ret = store_prepare(db,
	                    "SELECT p.id, (SELECT a.id FROM accounts a WHERE a.person_id = p.id "
	                    "AND a.disabled = 0 ORDER BY a.id LIMIT 1) FROM people p "
	                    "WHERE p.name = ? LIMIT 2",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ == 0) {
			*person_id = sqlite3_column_int64(s, 0);
			*account_id = sqlite3_column_int64(s, 1);
		}
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	if (n != 1) /* the same name twice: nobody is guessed */
		*person_id = *account_id = 0;
	return STORE_OK;
}

bool contact_internal_exists(struct db *db, const char *name, const char *grp, const char *title)
{
	sqlite3_stmt *s;
	bool found;

	if (store_prepare(db,
	                  "SELECT 1 FROM contacts WHERE kind = 0 AND name = ? AND grp = ? AND "
	                  "title = ?",
	                  &s))
		return false;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, grp, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, title, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	store_finish(db, s);
	return found;
}

/* Whom to call, as a countdown row and a form show it. */
static json_t *callee_json(const struct contact_rec *r)
{
	const char *phone = r->mobile[0] ? r->mobile : r->office_phone;

	return json_pack("{ss ss ss ss ss ss ss}", "name", r->name, "kind_zh",
	                 contact_kind_zh(r->kind), "person",
	                 r->kind == CK_INTERNAL ? r->name : r->contact_person, "title", r->title,
	                 "phone", phone, "office_phone", r->office_phone, "mobile", r->mobile);
}

enum store_err contact_annotate_duties(struct db *db, json_t *duties)
{
	struct contact_rec *all = NULL;
	struct contact_cand *cand = NULL;
	sqlite3_stmt *s;
	enum store_err ret;
	size_t n = 0, cap = 0, i;
	json_t *d;
	int rc;

	if (!json_array_size(duties))
		return STORE_OK;
	ret = store_prepare(db, "SELECT " CONTACT_COLS " FROM contacts ORDER BY id LIMIT ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, CONTACTS_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			size_t c2 = cap ? 2 * cap : 32;
			struct contact_rec *a2 = realloc(all, c2 * sizeof(*all));

			if (!a2)
				break;
			all = a2;
			cap = c2;
		}
		row_to_contact(s, &all[n++]);
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE) {
		ret = rc == SQLITE_ROW ? STORE_IO : db_fail(db, rc);
		goto out;
	}
	cand = calloc(n ? n : 1, sizeof(*cand));
	if (!cand) {
		ret = STORE_IO;
		goto out;
	}
	for (i = 0; i < n; i++)
		cand[i] = (struct contact_cand){all[i].id,  all[i].kind,  all[i].trust,
		                                all[i].grp, all[i].ab[0], all[i].ord};
	json_array_foreach(duties, i, d)
	{
		int k = contact_pick(cand, n, json_str(d, "recipient"), json_str(d, "to"));

		json_object_set_new(d, "contact", k < 0 ? json_null() : callee_json(&all[k]));
	}
out:
	free(all);
	free(cand);
	return ret;
}

/* ---- rewards and penalties ---- */

enum store_err reward_insert(struct db *db, struct reward_rec *r)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db,
	                    "INSERT INTO rewards(kind, person_id, department_id, incident_id, "
	                    "campaign_id, basis, decided_by, decided_on, created_by, created_at) "
	                    "VALUES (?,?,?,?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, r->kind);
	store_bind_opt(s, 2, r->person_id);
	store_bind_opt(s, 3, r->department_id);
	store_bind_opt(s, 4, r->incident_id);
	store_bind_opt(s, 5, r->campaign_id);
	sqlite3_bind_text(s, 6, r->basis, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, r->decided_by, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 8, r->decided_on);
	sqlite3_bind_int64(s, 9, r->created_by);
	sqlite3_bind_int64(s, 10, r->created_at);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	r->id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

enum store_err reward_list(struct db *db, const struct reward_filter *f, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(
	    db,
	    "SELECT r.id, r.kind, r.person_id, p.name, coalesce(d.name, pd.name, ''), "
	    "r.incident_id, i.title, i.drill, r.campaign_id, k.name, r.basis, r.decided_by, "
	    "r.decided_on, r.created_at FROM rewards r "
	    "LEFT JOIN people p ON p.id = r.person_id "
	    "LEFT JOIN departments pd ON pd.id = p.department_id "
	    "LEFT JOIN departments d ON d.id = r.department_id "
	    "LEFT JOIN incidents i ON i.id = r.incident_id "
	    "LEFT JOIN campaigns k ON k.id = r.campaign_id "
	    "WHERE (?1 = 0 OR r.id = ?1) AND (?2 = 0 OR r.incident_id = ?2) AND "
	    "(?3 = 0 OR r.campaign_id = ?3) AND (?4 OR r.kind NOT IN (2, 3, 4)) "
	    "ORDER BY r.decided_on DESC, r.id DESC LIMIT 5000",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, f->id);
	sqlite3_bind_int64(s, 2, f->incident_id);
	sqlite3_bind_int64(s, 3, f->campaign_id);
	sqlite3_bind_int(s, 4, f->penalties);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum reward_kind k = (enum reward_kind)sqlite3_column_int(s, 1);
		bool person = sqlite3_column_type(s, 2) != SQLITE_NULL;
		json_t *src = json_null();

		if (sqlite3_column_type(s, 5) != SQLITE_NULL)
			src = json_pack("{ss sI ss}", "type",
			                sqlite3_column_int(s, 7) ? "drill" : "incident", "id",
			                (json_int_t)sqlite3_column_int64(s, 5), "title",
			                store_col_text(s, 6));
		else if (sqlite3_column_type(s, 8) != SQLITE_NULL)
			src = json_pack("{ss sI ss}", "type", "campaign", "id",
			                (json_int_t)sqlite3_column_int64(s, 8), "title",
			                store_col_text(s, 9));
		json_array_append_new(
		    *items,
		    json_pack("{sI ss ss sb ss ss ss so ss ss so so}", "id",
		              (json_int_t)sqlite3_column_int64(s, 0), "kind", reward_kind_code(k),
		              "kind_zh", reward_kind_zh(k), "penalty", reward_is_penalty(k),
		              "subject_type", person ? "person" : "department", "subject",
		              person ? store_col_text(s, 3) : store_col_text(s, 4), "department",
		              store_col_text(s, 4), "source", src, "basis", store_col_text(s, 10),
		              "decided_by", store_col_text(s, 11), "decided_on",
		              store_day_json(sqlite3_column_int(s, 12), INT32_MIN), "created_at",
		              store_time_json(sqlite3_column_int64(s, 13))));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err reward_subject_by_name(struct db *db, bool person, const char *name, int64_t *id)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc, n = 0;

	*id = 0;
	ret = store_prepare(db,
	                    person ? "SELECT id FROM people WHERE name = ? LIMIT 2"
	                           : "SELECT id FROM departments WHERE name = ? LIMIT 2",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (n++ == 0)
			*id = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return n == 0 ? STORE_NOTFOUND : n > 1 ? STORE_CONFLICT : STORE_OK;
}
