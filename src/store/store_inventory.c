#include "store_inventory.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define INV_COLS                                                                                   \
	"i.id, i.unit_id, i.name, i.kind, i.department_id, i.location, i.types, i.state, "         \
	"i.opened_by, i.opened_at, i.closed_by, i.closed_at"

static void row_to_inv(sqlite3_stmt *s, void *out)
{
	struct inv_rec *r = out;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->unit_id = sqlite3_column_int64(s, 1);
	store_copy_text(r->name, sizeof(r->name), sqlite3_column_text(s, 2));
	r->kind = (enum inv_kind)sqlite3_column_int(s, 3);
	r->department_id = sqlite3_column_int64(s, 4);
	store_copy_text(r->location, sizeof(r->location), sqlite3_column_text(s, 5));
	r->types = (uint32_t)sqlite3_column_int64(s, 6);
	r->closed = sqlite3_column_int(s, 7) != 0;
	r->opened_by = sqlite3_column_int64(s, 8);
	r->opened_at = sqlite3_column_int64(s, 9);
	r->closed_by = sqlite3_column_int64(s, 10);
	r->closed_at = sqlite3_column_int64(s, 11);
}

enum store_err inv_get(struct db *db, int64_t id, struct inv_rec *r)
{
	return store_get_row(db, "SELECT " INV_COLS " FROM inventories i WHERE i.id = ?", id,
	                     row_to_inv, r);
}

/* The ledger's carriers still held, with their department (carrier_department) and place. */
#define HELD_SQL                                                                                   \
	"SELECT c.id, c.type, c.state, c.location, "                                               \
	"  coalesce(pc.department_id, ph.department_id, 0) "                                       \
	"FROM carriers c LEFT JOIN people pc ON pc.id = c.custodian_id "                           \
	"LEFT JOIN people ph ON ph.id = c.handler_id "

enum store_err inv_insert(struct db *db, struct inv_rec *r, int64_t *n)
{
	sqlite3_stmt *s, *ins = NULL;
	enum store_err ret;
	struct inv_scope scope = {r->department_id, r->location, r->types};
	int rc = SQLITE_DONE;

	*n = 0;
	ret =
	    store_prepare(db,
	                  "INSERT INTO inventories(unit_id, name, kind, department_id, location, "
	                  "types, state, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, r->unit_id);
	sqlite3_bind_text(s, 2, r->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 3, (int)r->kind);
	store_bind_opt(s, 4, r->department_id);
	sqlite3_bind_text(s, 5, r->location, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 6, (int64_t)r->types);
	sqlite3_bind_int64(s, 7, r->opened_by);
	sqlite3_bind_int64(s, 8, r->opened_at);
	ret = store_step_done(db, s);
	if (ret)
		return ret;
	r->id = sqlite3_last_insert_rowid(db->h);

	ret = store_prepare(db, HELD_SQL "WHERE c.state IN (?, ?, ?, ?, ?) ORDER BY c.id", &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, CS_IN_CUSTODY);
	sqlite3_bind_int(s, 2, CS_BORROWED);
	sqlite3_bind_int(s, 3, CS_CIRCULATING);
	sqlite3_bind_int(s, 4, CS_TAKEN_OUT);
	sqlite3_bind_int(s, 5, CS_IN_REPAIR);
	ret = store_prepare(
	    db, "INSERT INTO inventory_expected(inventory_id, carrier_id) VALUES (?, ?)", &ins);
	while (!ret && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!inv_expected(&scope, sqlite3_column_int64(s, 4), store_col_text(s, 3),
		                  (enum carrier_type)sqlite3_column_int(s, 1),
		                  (enum carrier_state)sqlite3_column_int(s, 2)))
			continue;
		if (++*n > INV_EXPECTED_MAX) {
			ret = STORE_INVALID;
			snprintf(db->errmsg, sizeof(db->errmsg), "more than %d carriers in scope",
			         INV_EXPECTED_MAX);
			break;
		}
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, r->id);
		sqlite3_bind_int64(ins, 2, sqlite3_column_int64(s, 0));
		rc = sqlite3_step(ins);
		if (rc != SQLITE_DONE)
			ret = db_fail(db, rc);
	}
	if (!ret && rc != SQLITE_DONE)
		ret = db_fail(db, rc);
	store_finish(db, s);
	if (ins)
		store_finish(db, ins);
	return ret;
}

enum store_err inv_list(struct db *db, int limit, int offset, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	*total = 0;
	ret = store_prepare(db, "SELECT count(*) FROM inventories", &s);
	if (ret)
		return ret;
	if (sqlite3_step(s) == SQLITE_ROW)
		*total = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	ret = store_prepare(
	    db,
	    "SELECT " INV_COLS ", coalesce(d.name, ''), "
	    "  (SELECT count(*) FROM inventory_expected e WHERE e.inventory_id = i.id), "
	    "  (SELECT count(*) FROM inventory_scans x WHERE x.inventory_id = i.id), "
	    "  coalesce(a.display_name, '') "
	    "FROM inventories i LEFT JOIN departments d ON d.id = i.department_id "
	    "LEFT JOIN accounts a ON a.id = i.opened_by "
	    "ORDER BY i.id DESC LIMIT ? OFFSET ?",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, limit);
	sqlite3_bind_int(s, 2, offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct inv_rec r;

		row_to_inv(s, &r);
		json_array_append_new(
		    *items,
		    json_pack("{sI ss ss ss so ss ss sI ss so so sI sI ss}", "id", (json_int_t)r.id,
		              "name", r.name, "kind", inv_kind_code(r.kind), "kind_zh",
		              inv_kind_zh(r.kind), "department_id",
		              r.department_id ? json_integer(r.department_id) : json_null(),
		              "department", store_col_text(s, 12), "location", r.location, "types",
		              (json_int_t)r.types, "state", r.closed ? "closed" : "open",
		              "opened_at", store_time_json(r.opened_at), "closed_at",
		              store_time_json(r.closed_at), "expected",
		              (json_int_t)sqlite3_column_int64(s, 13), "scans",
		              (json_int_t)sqlite3_column_int64(s, 14), "opened_by",
		              store_col_text(s, 15)));
	}
	ret = rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
	store_finish(db, s);
	return ret;
}

enum store_err inv_carrier_by_number(struct db *db, const char *number, int64_t *id)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*id = 0;
	ret = store_prepare(db,
	                    "SELECT id FROM carriers WHERE number = ? COLLATE NOCASE "
	                    "ORDER BY number = ?1 DESC, id LIMIT 1",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	ret = rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
	store_finish(db, s);
	return ret;
}

enum store_err inv_is_expected(struct db *db, int64_t id, int64_t carrier_id, bool *yes)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*yes = false;
	ret = store_prepare(db,
	                    "SELECT 1 FROM inventory_expected WHERE inventory_id = ? "
	                    "AND carrier_id = ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, carrier_id);
	rc = sqlite3_step(s);
	*yes = rc == SQLITE_ROW;
	ret = rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
	store_finish(db, s);
	return ret;
}

enum store_err inv_scan_insert(struct db *db, int64_t inventory_id, const char *number,
                               int64_t carrier_id, const char *place, int64_t account_id,
                               int64_t at, int64_t *id)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "INSERT INTO inventory_scans(inventory_id, number, carrier_id, place, "
	                    "by_account, at) VALUES (?, ?, ?, ?, ?, ?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, inventory_id);
	sqlite3_bind_text(s, 2, number, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 3, carrier_id);
	sqlite3_bind_text(s, 4, place, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, account_id);
	sqlite3_bind_int64(s, 6, at);
	ret = store_step_done(db, s);
	if (!ret)
		*id = sqlite3_last_insert_rowid(db->h);
	return ret;
}

void inv_facts_release(struct inv_facts *f)
{
	free(f->expected);
	free(f->scans);
	free(f->scan_by);
	free(f->scan_at);
	json_decref(f->hold);
	memset(f, 0, sizeof(*f));
}

/* A string kept alive in f->hold; the pointer stays valid until release. */
static const char *hold(struct inv_facts *f, const char *s)
{
	json_t *j = json_string(s ? s : "");

	if (!j || json_array_append_new(f->hold, j))
		return "";
	return json_string_value(j);
}

enum store_err inv_facts_load(struct db *db, const struct inv_rec *r, struct inv_facts *f)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc = SQLITE_DONE;
	size_t cap;

	memset(f, 0, sizeof(*f));
	f->hold = json_array();
	ret = store_prepare(db,
	                    "SELECT c.id, c.location, c.state FROM inventory_expected e "
	                    "JOIN carriers c ON c.id = e.carrier_id WHERE e.inventory_id = ? "
	                    "ORDER BY c.number",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, r->id);
	cap = 64;
	f->expected = malloc(cap * sizeof(*f->expected));
	while (f->expected && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (f->ne == cap) {
			void *p = realloc(f->expected, 2 * cap * sizeof(*f->expected));

			if (!p)
				break;
			f->expected = p;
			cap *= 2;
		}
		f->expected[f->ne++] =
		    (struct inv_carrier){sqlite3_column_int64(s, 0), hold(f, store_col_text(s, 1)),
		                         (enum carrier_state)sqlite3_column_int(s, 2)};
	}
	ret = !f->expected || rc == SQLITE_ROW ? STORE_IO
	      : rc == SQLITE_DONE              ? STORE_OK
	                                       : db_fail(db, rc);
	store_finish(db, s);
	if (ret)
		return ret;

	/* each scan with its carrier's facts: expected here, or no longer held */
	ret = store_prepare(
	    db,
	    "SELECT x.number, coalesce(x.carrier_id, 0), x.place, x.by_account, x.at, "
	    "  e.carrier_id IS NOT NULL, coalesce(c.state, 0) "
	    "FROM inventory_scans x LEFT JOIN carriers c ON c.id = x.carrier_id "
	    "LEFT JOIN inventory_expected e ON e.inventory_id = x.inventory_id "
	    "  AND e.carrier_id = x.carrier_id "
	    "WHERE x.inventory_id = ? ORDER BY x.id",
	    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, r->id);
	cap = 64;
	f->scans = malloc(cap * sizeof(*f->scans));
	f->scan_by = malloc(cap * sizeof(*f->scan_by));
	f->scan_at = malloc(cap * sizeof(*f->scan_at));
	while (f->scans && f->scan_by && f->scan_at && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t cid = sqlite3_column_int64(s, 1);
		enum carrier_state st = (enum carrier_state)sqlite3_column_int(s, 6);

		if (f->ns == cap) {
			void *a = realloc(f->scans, 2 * cap * sizeof(*f->scans));
			void *b = a ? realloc(f->scan_by, 2 * cap * sizeof(*f->scan_by)) : NULL;
			void *c = b ? realloc(f->scan_at, 2 * cap * sizeof(*f->scan_at)) : NULL;

			if (a)
				f->scans = a;
			if (b)
				f->scan_by = b;
			if (!c)
				break;
			f->scan_at = c;
			cap *= 2;
		}
		f->scan_by[f->ns] = sqlite3_column_int64(s, 3);
		f->scan_at[f->ns] = sqlite3_column_int64(s, 4);
		f->scans[f->ns++] = (struct inv_scan){
		    hold(f, store_col_text(s, 0)), cid, sqlite3_column_int(s, 5) != 0,
		    cid && st != CS_IN_CUSTODY && !inv_away_state(st),
		    hold(f, store_col_text(s, 2))};
	}
	ret = !f->scans || !f->scan_by || !f->scan_at || rc == SQLITE_ROW ? STORE_IO
	      : rc == SQLITE_DONE                                         ? STORE_OK
	                                                                  : db_fail(db, rc);
	store_finish(db, s);
	return ret;
}

enum store_err inv_close(struct db *db, int64_t id, int64_t account_id, int64_t at,
                         const struct inv_facts *f, const struct inv_line *lines, size_t n)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "UPDATE inventories SET state = 1, closed_by = ?, closed_at = ? "
	                    "WHERE id = ? AND state = 0",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, account_id);
	sqlite3_bind_int64(s, 2, at);
	sqlite3_bind_int64(s, 3, id);
	ret = store_step_done(db, s);
	if (ret)
		return ret;
	if (sqlite3_changes(db->h) != 1) {
		snprintf(db->errmsg, sizeof(db->errmsg), "inventory already closed");
		return STORE_CONFLICT;
	}
	ret = store_prepare(db,
	                    "INSERT INTO inventory_results(inventory_id, seq, carrier_id, number, "
	                    "status, location, place, scans) VALUES (?, ?, ?, "
	                    "coalesce((SELECT number FROM carriers WHERE id = ?3), ?), ?, ?, ?, ?)",
	                    &s);
	for (size_t i = 0; !ret && i < n; i++) {
		const struct inv_line *l = &lines[i];
		const char *loc = i < f->ne ? f->expected[i].location : "";
		const char *place = l->scan != SIZE_MAX ? f->scans[l->scan].where : "";

		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i + 1);
		store_bind_opt(s, 3, l->carrier_id);
		sqlite3_bind_text(s, 4, l->number ? l->number : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 5, (int)l->status);
		sqlite3_bind_text(s, 6, loc, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 7, place, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 8, l->nscans);
		if (i + 1 < n) {
			int rc = sqlite3_step(s);

			if (rc != SQLITE_DONE)
				ret = db_fail(db, rc);
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
		} else {
			ret = store_step_done(db, s);
			s = NULL;
		}
	}
	if (s)
		store_finish(db, s);
	return ret;
}

enum store_err inv_results(struct db *db, int64_t id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret =
	    store_prepare(db,
	                  "SELECT coalesce(carrier_id, 0), number, status, location, place, scans "
	                  "FROM inventory_results WHERE inventory_id = ? ORDER BY seq",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *items, json_pack("{sI ss si ss ss si}", "carrier_id",
		                      (json_int_t)sqlite3_column_int64(s, 0), "number",
		                      store_col_text(s, 1), "status", sqlite3_column_int(s, 2),
		                      "location", store_col_text(s, 3), "place",
		                      store_col_text(s, 4), "scans", sqlite3_column_int(s, 5)));
	ret = rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
	store_finish(db, s);
	return ret;
}

enum store_err inv_incident_get(struct db *db, int64_t id, int64_t carrier_id, int64_t *incident_id)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*incident_id = 0;
	ret = store_prepare(db,
	                    "SELECT incident_id FROM inventory_incidents "
	                    "WHERE inventory_id = ? AND carrier_id = ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, carrier_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*incident_id = sqlite3_column_int64(s, 0);
	ret = rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
	store_finish(db, s);
	return ret;
}

enum store_err inv_incident_link(struct db *db, int64_t id, int64_t carrier_id, int64_t incident_id)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret =
	    store_prepare(db,
	                  "INSERT INTO inventory_incidents(inventory_id, carrier_id, incident_id) "
	                  "VALUES (?, ?, ?)",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, carrier_id);
	sqlite3_bind_int64(s, 3, incident_id);
	return store_step_done(db, s);
}

enum store_err inv_pack_put(struct db *db, int64_t id, const struct inv_pack *p, int64_t account_id,
                            int64_t at)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret =
	    store_prepare(db,
	                  "INSERT INTO inventory_packing(inventory_id, carrier_id, packed_by, box, "
	                  "taken_by, at, by_account) VALUES (?, ?, ?, ?, ?, ?, ?) "
	                  "ON CONFLICT(inventory_id, carrier_id) DO UPDATE SET "
	                  "packed_by = excluded.packed_by, box = excluded.box, "
	                  "taken_by = excluded.taken_by, at = excluded.at, "
	                  "by_account = excluded.by_account",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, p->carrier_id);
	store_bind_opt(s, 3, p->packed_by);
	sqlite3_bind_text(s, 4, p->box, -1, SQLITE_TRANSIENT);
	store_bind_opt(s, 5, p->taken_by);
	sqlite3_bind_int64(s, 6, at);
	sqlite3_bind_int64(s, 7, account_id);
	return store_step_done(db, s);
}

enum store_err inv_pack_list(struct db *db, int64_t id, json_t **items)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret =
	    store_prepare(db,
	                  "SELECT k.carrier_id, k.packed_by, coalesce(pp.name, ''), k.box, "
	                  "  k.taken_by, coalesce(pt.name, ''), k.at, coalesce(a.display_name, '') "
	                  "FROM inventory_packing k LEFT JOIN people pp ON pp.id = k.packed_by "
	                  "LEFT JOIN people pt ON pt.id = k.taken_by "
	                  "LEFT JOIN accounts a ON a.id = k.by_account "
	                  "WHERE k.inventory_id = ? ORDER BY k.carrier_id",
	                  &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *items, json_pack("{sI so ss ss so ss so ss}", "carrier_id",
		                      (json_int_t)sqlite3_column_int64(s, 0), "packed_by",
		                      store_id_json(s, 1), "packed_by_name", store_col_text(s, 2),
		                      "box", store_col_text(s, 3), "taken_by", store_id_json(s, 4),
		                      "taken_by_name", store_col_text(s, 5), "at",
		                      store_time_json(sqlite3_column_int64(s, 6)), "recorded_by",
		                      store_col_text(s, 7)));
	ret = rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
	store_finish(db, s);
	return ret;
}

enum store_err label_print_count(struct db *db, int64_t carrier_id, int64_t *n)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*n = 0;
	ret = store_prepare(db, "SELECT count(*) FROM label_prints WHERE carrier_id = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, carrier_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	ret = rc == SQLITE_ROW ? STORE_OK : db_fail(db, rc);
	store_finish(db, s);
	return ret;
}

enum store_err label_print_insert(struct db *db, int64_t carrier_id, const char *layout,
                                  int64_t account_id, int64_t at)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    "INSERT INTO label_prints(carrier_id, layout, by_account, at) "
	                    "VALUES (?, ?, ?, ?)",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, carrier_id);
	sqlite3_bind_text(s, 2, layout, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, account_id);
	sqlite3_bind_int64(s, 4, at);
	return store_step_done(db, s);
}
