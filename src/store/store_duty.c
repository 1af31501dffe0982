/*
 * store_duty.c — the duty roster: shifts, who takes a role's work, handover
 * notes and the duty log.
 */
#include "store_duty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/role.h"
#include "../util/bjtime.h"
#include "store_incident.h"
#include "store_int.h"

#define SHIFT_COLS                                                                                 \
	"id, unit_id, kind, starts_at, ends_at, officer_id, leader_id, a_id, b_id, absent, "       \
	"phone, "                                                                                  \
	"note, version, created_by, updated_at"

static void row_to_shift(sqlite3_stmt *s, void *out)
{
	struct dshift_rec *r = out;

	memset(r, 0, sizeof(*r));
	r->s.id = sqlite3_column_int64(s, 0);
	r->unit_id = sqlite3_column_int64(s, 1);
	r->s.kind = (enum duty_kind)sqlite3_column_int(s, 2);
	r->s.starts_at = sqlite3_column_int64(s, 3);
	r->s.ends_at = sqlite3_column_int64(s, 4);
	for (int i = 0; i < DUTY_SLOT_COUNT; i++)
		r->s.who[i] = sqlite3_column_int64(s, 5 + i);
	r->s.absent = (unsigned)sqlite3_column_int(s, 9);
	store_copy_text(r->s.phone, sizeof(r->s.phone), sqlite3_column_text(s, 10));
	store_copy_text(r->note, sizeof(r->note), sqlite3_column_text(s, 11));
	r->version = sqlite3_column_int(s, 12);
	r->created_by = sqlite3_column_int64(s, 13);
	r->updated_at = sqlite3_column_int64(s, 14);
}

static void bind_people(sqlite3_stmt *s, int first, const struct duty_shift *d)
{
	for (int i = 0; i < DUTY_SLOT_COUNT; i++)
		store_bind_opt(s, first + i, d->who[i]);
}

enum store_err dshift_insert(struct db *db, struct dshift_rec *r)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret =
	    store_prepare(db,
	                  "INSERT INTO duty_shifts(unit_id, kind, starts_at, ends_at, officer_id, "
	                  "leader_id, a_id, b_id, absent, phone, note, created_by, updated_at) "
	                  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, r->unit_id);
	sqlite3_bind_int(s, 2, r->s.kind);
	sqlite3_bind_int64(s, 3, r->s.starts_at);
	sqlite3_bind_int64(s, 4, r->s.ends_at);
	bind_people(s, 5, &r->s);
	sqlite3_bind_int(s, 9, (int)r->s.absent);
	sqlite3_bind_text(s, 10, r->s.phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, r->note, -1, SQLITE_STATIC);
	store_bind_opt(s, 12, r->created_by);
	sqlite3_bind_int64(s, 13, r->updated_at);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	r->s.id = sqlite3_last_insert_rowid(db->h);
	r->version = 1;
	return STORE_OK;
}

enum store_err dshift_get(struct db *db, int64_t id, struct dshift_rec *r)
{
	return store_get_row(db, "SELECT " SHIFT_COLS " FROM duty_shifts WHERE id = ?", id,
	                     row_to_shift, r);
}

enum store_err dshift_update(struct db *db, struct dshift_rec *r)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret =
	    store_prepare(db,
	                  "UPDATE duty_shifts SET kind = ?, starts_at = ?, ends_at = ?, "
	                  "officer_id = ?, leader_id = ?, a_id = ?, b_id = ?, absent = ?, "
	                  "phone = ?, note = ?, updated_at = ?, version = version + 1 WHERE id = ?",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, r->s.kind);
	sqlite3_bind_int64(s, 2, r->s.starts_at);
	sqlite3_bind_int64(s, 3, r->s.ends_at);
	bind_people(s, 4, &r->s);
	sqlite3_bind_int(s, 8, (int)r->s.absent);
	sqlite3_bind_text(s, 9, r->s.phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, r->note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 11, r->updated_at);
	sqlite3_bind_int64(s, 12, r->s.id);
	ret = store_step_done(db, s);
	if (!ret)
		r->version++;
	return ret;
}

enum store_err dshift_clear(struct db *db, int64_t unit_id, int64_t from, int64_t to, bool replace,
                            int *kept)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc, all = 0;

	*kept = 0;
	ret = store_prepare(
	    db,
	    "SELECT count(*), coalesce(sum(id IN (SELECT shift_id FROM duty_handovers) "
	    "OR id IN (SELECT shift_id FROM duty_log WHERE shift_id IS NOT NULL)), 0) "
	    "FROM duty_shifts WHERE unit_id = ? AND starts_at >= ? AND starts_at < ?",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		all = sqlite3_column_int(s, 0);
		*kept = sqlite3_column_int(s, 1);
	}
	store_finish(db, s);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc);
	if (all && (!replace || *kept))
		return STORE_CONFLICT;
	ret = store_prepare(db,
	                    "DELETE FROM duty_shifts WHERE unit_id = ? AND starts_at >= ? AND "
	                    "starts_at < ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	return store_step_done(db, s);
}

int64_t duty_person_unit(struct db *db, int64_t person_id)
{
	sqlite3_stmt *s;
	int64_t unit = 0;

	if (store_prepare(db, "SELECT unit_id FROM people WHERE id = ?", &s))
		return 0;
	sqlite3_bind_int64(s, 1, person_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		unit = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	return unit;
}

/* {id, name} of an account, or null. */
static json_t *duty_person_json(struct db *db, int64_t account)
{
	struct account a;

	if (!account || account_get(db, account, &a))
		return json_null();
	return json_pack("{sI ss sb}", "id", (json_int_t)account, "name",
	                 a.display_name[0] ? a.display_name : a.username, "disabled", a.disabled);
}

json_t *dshift_json(struct db *db, const struct dshift_rec *r)
{
	json_t *o =
	    json_pack("{sI ss ss so so ss ss si}", "id", (json_int_t)r->s.id, "kind",
	              duty_kind_code(r->s.kind), "kind_zh", duty_kind_zh(r->s.kind), "starts_at",
	              store_time_json(r->s.starts_at), "ends_at", store_time_json(r->s.ends_at),
	              "phone", r->s.phone, "note", r->note, "version", r->version);
	json_t *absent = json_array();

	for (int i = 0; i < DUTY_SLOT_COUNT; i++) {
		json_object_set_new(o, duty_slot_code((enum duty_slot)i),
		                    duty_person_json(db, r->s.who[i]));
		if (r->s.absent & (1u << i))
			json_array_append_new(absent,
			                      json_string(duty_slot_code((enum duty_slot)i)));
	}
	json_object_set_new(o, "absent", absent);
	return o;
}

enum store_err dshift_list(struct db *db, int64_t unit_id, int64_t from, int64_t to, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	struct dshift_rec *rows = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*items = json_array();
	/* a month is at most DUTY_MAX_SHIFTS of generated shifts plus edits */
	ret = store_prepare(db,
	                    "SELECT " SHIFT_COLS " FROM duty_shifts WHERE unit_id = ? AND "
	                    "ends_at > ? AND starts_at < ? ORDER BY starts_at, id LIMIT 1000",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			struct dshift_rec *more =
			    realloc(rows, (cap ? cap * 2 : 64) * sizeof(*rows));

			if (!more) {
				rc = SQLITE_NOMEM;
				break;
			}
			rows = more;
			cap = cap ? cap * 2 : 64;
		}
		row_to_shift(s, &rows[n++]);
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE) {
		free(rows);
		return rc == SQLITE_NOMEM ? STORE_IO : db_fail(db, rc);
	}
	/* names after the statement is given back: person_json prepares its own */
	for (size_t i = 0; i < n; i++)
		json_array_append_new(*items, dshift_json(db, &rows[i]));
	free(rows);
	return STORE_OK;
}

enum store_err dshift_at(struct db *db, int64_t unit_id, int64_t at, struct dshift_rec *r)
{
	sqlite3_stmt *s;
	enum store_err ret;
	struct dshift_rec rows[16];
	struct duty_shift shifts[16];
	int n = 0, rc, best;

	/* the latest start wins (duty_on_at): the 16 latest starting shifts that cover `at` */
	ret = store_prepare(
	    db,
	    "SELECT " SHIFT_COLS " FROM duty_shifts WHERE unit_id = ? AND "
	    "starts_at <= ? AND ends_at > ? ORDER BY starts_at DESC, id DESC LIMIT 16",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_int64(s, 2, at);
	sqlite3_bind_int64(s, 3, at);
	while (n < 16 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		row_to_shift(s, &rows[n]);
		shifts[n] = rows[n].s;
		n++;
	}
	store_finish(db, s);
	if (n < 16 && rc != SQLITE_DONE)
		return db_fail(db, rc);
	best = duty_on_at(shifts, n, at);
	if (best < 0)
		return STORE_NOTFOUND;
	*r = rows[best];
	return STORE_OK;
}

/* The first enabled account with the role, none of `skip` (0 entries are no one). */
static int64_t first_with_role(struct db *db, uint32_t role, const int64_t skip[5])
{
	sqlite3_stmt *s;
	int64_t id = 0;

	if (!role ||
	    store_prepare(db,
	                  "SELECT id FROM accounts WHERE disabled = 0 AND (roles & ?) <> 0 "
	                  "AND id NOT IN (?,?,?,?,?) ORDER BY id LIMIT 1",
	                  &s))
		return 0;
	sqlite3_bind_int64(s, 1, role);
	for (int i = 0; i < 5; i++)
		sqlite3_bind_int64(s, 2 + i, skip[i]);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	return id;
}

static bool enabled(struct db *db, int64_t account)
{
	struct account a;

	return account && account_get(db, account, &a) == STORE_OK && !a.disabled;
}

static enum store_err taker(struct db *db, int64_t unit_id, uint32_t role, int64_t at,
                            int64_t also_skip, struct duty_taker *t)
{
	struct dshift_rec r;
	int64_t skip[5] = {also_skip, 0, 0, 0, 0};
	int slot = duty_slot_for_role(role);
	enum store_err e;

	memset(t, 0, sizeof(*t));
	t->slot = -1;
	t->how = DH_NONE;
	e = dshift_at(db, unit_id, at, &r);
	if (e && e != STORE_NOTFOUND)
		return e;
	if (!e) {
		bool able[DUTY_SLOT_COUNT];

		t->shift_id = r.s.id;
		for (int i = 0; i < DUTY_SLOT_COUNT; i++) {
			able[i] = enabled(db, r.s.who[i]) && r.s.who[i] != also_skip;
			if (duty_is_absent(&r.s, r.s.who[i]))
				skip[1 + i] = r.s.who[i];
		}
		if (slot >= 0) {
			t->slot = duty_pick(&r.s, (enum duty_slot)slot, able, &t->how);
			if (t->slot >= 0) {
				t->account_id = r.s.who[t->slot];
				return STORE_OK;
			}
		}
	}
	t->by_role = true;
	t->account_id = first_with_role(db, role, skip);
	return STORE_OK;
}

enum store_err duty_taker(struct db *db, int64_t unit_id, uint32_t role, int64_t at,
                          struct duty_taker *t)
{
	return taker(db, unit_id, role, at, 0, t);
}

static const char *name_of(struct db *db, int64_t account, char *buf, size_t n)
{
	struct account a;

	if (!account || account_get(db, account, &a))
		snprintf(buf, n, "（无人）");
	else
		snprintf(buf, n, "%s", a.display_name[0] ? a.display_name : a.username);
	return buf;
}

void duty_taker_note(struct db *db, uint32_t role, const struct duty_taker *t, json_t *detail)
{
	char name[160];
	const char *why = !t->shift_id                   ? "no_shift"
	                  : duty_slot_for_role(role) < 0 ? "role_not_on_roster"
	                                                 : "nobody_on_shift";
	const char *why_zh = !t->shift_id                   ? "此时无值班班次"
	                     : duty_slot_for_role(role) < 0 ? "值班表不含该角色"
	                                                    : "本班值班人员及 A/B 角均不在岗";

	json_object_set_new(detail, "role", json_string(role_code(role)));
	json_object_set_new(detail, "role_zh", json_string(role_zh(role)));
	json_object_set_new(detail, "how",
	                    json_string(t->by_role ? "by_role" : duty_how_code(t->how)));
	json_object_set_new(detail, "how_zh",
	                    json_string(t->by_role ? "按角色分派" : duty_how_zh(t->how)));
	if (t->by_role) {
		json_object_set_new(detail, "why", json_string(why));
		json_object_set_new(detail, "why_zh", json_string(why_zh));
	}
	json_object_set_new(detail, "to",
	                    t->account_id ? json_integer(t->account_id) : json_null());
	json_object_set_new(detail, "to_name",
	                    json_string(name_of(db, t->account_id, name, sizeof(name))));
	if (t->shift_id)
		json_object_set_new(detail, "shift", json_integer(t->shift_id));
}

enum store_err duty_reassign_tasks(struct db *db, int64_t account, int64_t at, int64_t by,
                                   const char *why, int *n)
{
	struct task_ref {
		int64_t id, incident_id, unit_id;
		char role[17];
		char title[257];
	} refs[64];
	int nref = 0, rc;
	sqlite3_stmt *s;
	enum store_err ret;

	*n = 0;
	/* open tasks on incidents not closed, evaluated or dismissed (states 7–9) */
	ret = store_prepare(db,
	                    "SELECT t.id, t.incident_id, i.unit_id, t.role, t.title FROM "
	                    "incident_tasks t JOIN incidents i ON i.id = t.incident_id WHERE "
	                    "t.assignee_id = ? AND t.status = 0 AND i.state NOT IN (7, 8, 9) "
	                    "ORDER BY t.id LIMIT 64",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, account);
	while (nref < 64 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		refs[nref].id = sqlite3_column_int64(s, 0);
		refs[nref].incident_id = sqlite3_column_int64(s, 1);
		refs[nref].unit_id = sqlite3_column_int64(s, 2);
		store_copy_text(refs[nref].role, sizeof(refs[nref].role),
		                sqlite3_column_text(s, 3));
		store_copy_text(refs[nref].title, sizeof(refs[nref].title),
		                sqlite3_column_text(s, 4));
		nref++;
	}
	store_finish(db, s);
	if (nref < 64 && rc != SQLITE_DONE)
		return db_fail(db, rc);
	for (int i = 0; i < nref; i++) {
		/* a task given by hand (no plan role) goes to whoever is on duty */
		uint32_t role = refs[i].role[0] ? role_parse(refs[i].role) : ROLE_DUTY;
		struct duty_taker t;
		char from[160];
		json_t *detail;

		ret = taker(db, refs[i].unit_id, role, at, account, &t);
		if (ret)
			return ret;
		if (!t.account_id || t.account_id == account)
			continue; /* nobody else: it stays, the to-do keeps showing it */
		ret =
		    store_prepare(db, "UPDATE incident_tasks SET assignee_id = ? WHERE id = ?", &s);
		if (ret)
			return ret;
		sqlite3_bind_int64(s, 1, t.account_id);
		sqlite3_bind_int64(s, 2, refs[i].id);
		ret = store_step_done(db, s);
		if (ret)
			return ret;
		detail = json_pack("{sI ss sI ss ss}", "task", (json_int_t)refs[i].id, "title",
		                   refs[i].title, "from", (json_int_t)account, "from_name",
		                   name_of(db, account, from, sizeof(from)), "reason", why);
		duty_taker_note(db, role, &t, detail);
		ret = inc_event(db, refs[i].incident_id, by, "task_reassigned", detail);
		if (!ret)
			ret =
			    duty_notify_task(db, t.account_id, refs[i].incident_id, refs[i].title);
		if (ret)
			return ret;
		(*n)++;
	}
	return STORE_OK;
}

enum store_err duty_notify_task(struct db *db, int64_t account, int64_t incident_id,
                                const char *title)
{
	struct account a;
	char zh[600], en[600];
	struct notification n = {0, "incident.task", "incident", incident_id, zh, en};

	if (!account || account_get(db, account, &a) || !a.person_id)
		return STORE_OK; /* no inbox */
	/* the plan step's text only: the incident's title may be beyond the holder's clearance */
	snprintf(zh, sizeof(zh), "分派给您的事件处置任务：%.400s", title);
	snprintf(en, sizeof(en), "An incident task for you: %.400s", title);
	n.person_id = a.person_id;
	return notification_add(db, &n);
}

void duty_phone_at(struct db *db, int64_t unit_id, int64_t at, char *out, size_t n)
{
	struct dshift_rec r;

	if (n)
		out[0] = '\0';
	if (at && dshift_at(db, unit_id, at, &r) == STORE_OK)
		snprintf(out, n, "%s", r.s.phone);
}

/* ---- handovers ---- */

enum store_err dhandover_add(struct db *db, int64_t shift_id, int64_t by, const char *text,
                             const char *pending, int64_t at, int64_t *id)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db,
	                    "INSERT INTO duty_handovers(shift_id, by_account, text, pending, at) "
	                    "VALUES (?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, shift_id);
	sqlite3_bind_int64(s, 2, by);
	sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, pending, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, at);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	*id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

enum store_err dhandover_list(struct db *db, int64_t shift_id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret = store_prepare(
	    db,
	    "SELECT h.id, h.by_account, coalesce(nullif(a.display_name, ''), "
	    "a.username), h.text, h.pending, h.at FROM duty_handovers h JOIN accounts "
	    "a ON a.id = h.by_account WHERE h.shift_id = ? ORDER BY h.id",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, shift_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(*items,
		                      json_pack("{sI sI ss ss ss so}", "id",
		                                (json_int_t)sqlite3_column_int64(s, 0), "by",
		                                (json_int_t)sqlite3_column_int64(s, 1), "by_name",
		                                store_col_text(s, 2), "text", store_col_text(s, 3),
		                                "pending", store_col_text(s, 4), "at",
		                                store_time_json(sqlite3_column_int64(s, 5))));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- the duty log ---- */

static const char *const dlog_codes[DLOG_KIND_COUNT] = {"call", "event", "other"};
static const char *const dlog_zh[DLOG_KIND_COUNT] = {"来电", "事件", "其他"};

const char *dlog_kind_code(enum dlog_kind k)
{
	return (unsigned)k < DLOG_KIND_COUNT ? dlog_codes[k] : "";
}

const char *dlog_kind_zh(enum dlog_kind k)
{
	return (unsigned)k < DLOG_KIND_COUNT ? dlog_zh[k] : "";
}

int dlog_kind_parse(const char *s, enum dlog_kind *out)
{
	for (int i = 0; s && i < DLOG_KIND_COUNT; i++)
		if (!strcmp(s, dlog_codes[i])) {
			*out = (enum dlog_kind)i;
			return 0;
		}
	return -1;
}

#define DLOG_COLS                                                                                  \
	"id, unit_id, shift_id, kind, at, caller, text, by_account, incident_id, created_at"

static void row_to_dlog(sqlite3_stmt *s, void *out)
{
	struct dlog_rec *r = out;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->unit_id = sqlite3_column_int64(s, 1);
	r->shift_id = sqlite3_column_int64(s, 2);
	r->kind = (enum dlog_kind)sqlite3_column_int(s, 3);
	r->at = sqlite3_column_int64(s, 4);
	store_copy_text(r->caller, sizeof(r->caller), sqlite3_column_text(s, 5));
	store_copy_text(r->text, sizeof(r->text), sqlite3_column_text(s, 6));
	r->by_account = sqlite3_column_int64(s, 7);
	r->incident_id = sqlite3_column_int64(s, 8);
	r->created_at = sqlite3_column_int64(s, 9);
}

enum store_err dlog_insert(struct db *db, struct dlog_rec *r)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	ret = store_prepare(db,
	                    "INSERT INTO duty_log(unit_id, shift_id, kind, at, caller, text, "
	                    "by_account, created_at) VALUES (?,?,?,?,?,?,?,?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, r->unit_id);
	store_bind_opt(s, 2, r->shift_id);
	sqlite3_bind_int(s, 3, r->kind);
	sqlite3_bind_int64(s, 4, r->at);
	sqlite3_bind_text(s, 5, r->caller, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, r->text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, r->by_account);
	sqlite3_bind_int64(s, 8, r->created_at);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	r->id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

enum store_err dlog_get(struct db *db, int64_t id, struct dlog_rec *r)
{
	return store_get_row(db, "SELECT " DLOG_COLS " FROM duty_log WHERE id = ?", id, row_to_dlog,
	                     r);
}

enum store_err dlog_link(struct db *db, int64_t id, int64_t incident_id)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(
	    db, "UPDATE duty_log SET incident_id = ? WHERE id = ? AND incident_id IS NULL", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, incident_id);
	sqlite3_bind_int64(s, 2, id);
	ret = store_step_done(db, s);
	if (!ret && sqlite3_changes(db->h) != 1)
		ret = STORE_CONFLICT;
	return ret;
}

json_t *dlog_json(struct db *db, const struct dlog_rec *r)
{
	return json_pack("{sI so ss ss so ss ss so so so}", "id", (json_int_t)r->id, "shift_id",
	                 r->shift_id ? json_integer(r->shift_id) : json_null(), "kind",
	                 dlog_kind_code(r->kind), "kind_zh", dlog_kind_zh(r->kind), "at",
	                 store_time_json(r->at), "caller", r->caller, "text", r->text, "by",
	                 duty_person_json(db, r->by_account), "incident_id",
	                 r->incident_id ? json_integer(r->incident_id) : json_null(), "created_at",
	                 store_time_json(r->created_at));
}

enum store_err dlog_list(struct db *db, int64_t unit_id, int64_t from, int64_t to, int limit,
                         json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	struct dlog_rec *rows;
	int n = 0, rc;

	*items = json_array();
	*total = 0;
	ret = store_prepare(
	    db, "SELECT count(*) FROM duty_log WHERE unit_id = ? AND at >= ? AND at < ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc);
	rows = calloc((size_t)limit, sizeof(*rows));
	if (!rows)
		return STORE_IO;
	ret = store_prepare(db,
	                    "SELECT " DLOG_COLS " FROM duty_log WHERE unit_id = ? AND at >= ? AND "
	                    "at < ? ORDER BY at DESC, id DESC LIMIT ?",
	                    &s);
	if (ret) {
		free(rows);
		return ret;
	}
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	sqlite3_bind_int(s, 4, limit);
	while (n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW)
		row_to_dlog(s, &rows[n++]);
	store_finish(db, s);
	if (n < limit && rc != SQLITE_DONE) {
		free(rows);
		return db_fail(db, rc);
	}
	for (int i = 0; i < n; i++)
		json_array_append_new(*items, dlog_json(db, &rows[i]));
	free(rows);
	return STORE_OK;
}

json_t *dlog_of_incident(struct db *db, int64_t incident_id)
{
	sqlite3_stmt *s;
	struct dlog_rec r;
	bool found = false;

	if (store_prepare(db, "SELECT " DLOG_COLS " FROM duty_log WHERE incident_id = ?", &s))
		return NULL;
	sqlite3_bind_int64(s, 1, incident_id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		row_to_dlog(s, &r);
		found = true;
	}
	store_finish(db, s);
	if (!found)
		return NULL;
	return json_pack("{sI so ss ss ss}", "id", (json_int_t)r.id, "at", store_time_json(r.at),
	                 "kind", dlog_kind_code(r.kind), "kind_zh", dlog_kind_zh(r.kind), "text",
	                 r.text);
}
