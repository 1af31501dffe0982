/*
 * store_audit.c — appending to, searching and verifying the audit chain.
 */
#include "store.h"
#include "store_int.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <pthread.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../core/audit_label.h"
#include "../core/level.h"
#include "../util/bjtime.h"
#include "../util/buf.h"
#include "schema.h"

static void actor_role(const struct actor *a, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	if (a->admin != ADMIN_NONE) {
		snprintf(out, n, "%s", admin_role_code(a->admin));
		return;
	}
	for (int i = 0; i < ROLE_COUNT; i++) {
		uint32_t bit = role_bit_at(i);

		if (!(a->roles & bit))
			continue;
		len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "," : "", role_code(bit));
		if (len >= n)
			break;
	}
}

/* Reads the chain head on db's connection (cached statement) or on h. */
static enum store_err head_read(struct db *db, sqlite3 *h, int64_t *last_id,
                                uint8_t last_mac[AUDIT_MAC_LEN], uint8_t head_mac[AUDIT_MAC_LEN],
                                bool *present)
{
	static const char sql[] = "SELECT last_id, last_mac, head_mac FROM audit_head";
	sqlite3_stmt *s;
	int rc;

	*present = false;
	*last_id = 0;
	memset(last_mac, 0, AUDIT_MAC_LEN);
	if (head_mac)
		memset(head_mac, 0, AUDIT_MAC_LEN);
	rc = db ? store_prepare_rc(db, sql, &s) : sqlite3_prepare_v2(h, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return STORE_IO;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*present = true;
		*last_id = sqlite3_column_int64(s, 0);
		if (sqlite3_column_bytes(s, 1) == AUDIT_MAC_LEN)
			memcpy(last_mac, sqlite3_column_blob(s, 1), AUDIT_MAC_LEN);
		if (head_mac && sqlite3_column_bytes(s, 2) == AUDIT_MAC_LEN)
			memcpy(head_mac, sqlite3_column_blob(s, 2), AUDIT_MAC_LEN);
	}
	if (db)
		store_finish(db, s);
	else
		sqlite3_finalize(s);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? STORE_OK : STORE_IO;
}

enum store_err audit_append(struct db *db, const struct actor *a, const char *event,
                            const char *object_type, const char *object_id,
                            enum audit_result result, const char *detail)
{
	struct audit_rec r;
	uint8_t prev[AUDIT_MAC_LEN], mac[AUDIT_MAC_LEN], head[AUDIT_MAC_LEN];
	char role[128];
	sqlite3_stmt *s = NULL;
	int64_t last_id;
	bool present;
	int rc;
	enum store_err ret;

	if (detail && strlen(detail) > AUDIT_DETAIL_MAX)
		detail = "{\"truncated\":true}";
	ret = head_read(db, NULL, &last_id, prev, NULL, &present);
	if (ret)
		return db_fail(db, SQLITE_ERROR);
	actor_role(a, role, sizeof(role));
	r.id = last_id + 1;
	r.ts_ms = bjtime_now_ms();
	r.account_id = a->account_id;
	r.username = a->username ? a->username : "";
	r.role = role;
	r.event = event;
	r.object_type = object_type ? object_type : "";
	r.object_id = object_id ? object_id : "";
	r.result = result;
	r.source = a->source ? a->source : "";
	r.detail = detail ? detail : "{}";
	audit_mac(&db->st->audit_key, &r, prev, mac);
	audit_head_mac(&db->st->audit_key, r.id, mac, head);

	rc = store_prepare_rc(db,
	                      "INSERT INTO audit(id, ts, account_id, username, role, event, "
	                      "object_type, object_id, result, source, detail, mac) "
	                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	                      &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_int64(s, 1, r.id);
	sqlite3_bind_int64(s, 2, r.ts_ms);
	sqlite3_bind_int64(s, 3, r.account_id);
	sqlite3_bind_text(s, 4, r.username, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r.role, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, r.event, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, r.object_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, r.object_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 9, r.result);
	sqlite3_bind_text(s, 10, r.source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, r.detail, -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 12, mac, AUDIT_MAC_LEN, SQLITE_STATIC);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	rc = store_prepare_rc(db,
	                      "INSERT INTO audit_head(one, last_id, last_mac, head_mac) "
	                      "VALUES (1, ?, ?, ?) ON CONFLICT(one) DO UPDATE SET "
	                      "last_id = excluded.last_id, last_mac = excluded.last_mac, "
	                      "head_mac = excluded.head_mac",
	                      &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_int64(s, 1, r.id);
	sqlite3_bind_blob(s, 2, mac, AUDIT_MAC_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(s, 3, head, AUDIT_MAC_LEN, SQLITE_STATIC);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	db->anchor_pending = true;
	db->anchor_id = r.id;
	memcpy(db->anchor_mac, mac, AUDIT_MAC_LEN);
	return STORE_OK;
}

enum store_err audit_append_tx(struct db *db, const struct actor *a, const char *event,
                               const char *object_type, const char *object_id,
                               enum audit_result result, const char *detail)
{
	enum store_err ret = db_begin(db);

	if (ret)
		return ret;
	ret = audit_append(db, a, event, object_type, object_id, result, detail);
	if (ret) {
		db_rollback(db);
		return ret;
	}
	return db_commit(db);
}

/* Builds " WHERE ..." for a filter and binds it; returns the next parameter index. */
static void filter_sql(const struct audit_filter *f, struct buf *sql)
{
	int n = 0;

	if (f->from_ms)
		buf_puts(sql, n++ ? " AND ts >= :from" : " WHERE ts >= :from");
	if (f->to_ms)
		buf_puts(sql, n++ ? " AND ts < :to" : " WHERE ts < :to");
	if (f->username && *f->username)
		buf_puts(sql, n++ ? " AND username = :user" : " WHERE username = :user");
	if (f->event && *f->event)
		buf_puts(sql, n++ ? " AND event LIKE :event ESCAPE '\\'"
		                  : " WHERE event LIKE :event ESCAPE '\\'");
	if (f->object_type && *f->object_type)
		buf_puts(sql, n++ ? " AND object_type = :otype" : " WHERE object_type = :otype");
	if (f->object_id && *f->object_id)
		buf_puts(sql, n++ ? " AND object_id = :oid" : " WHERE object_id = :oid");
	if (f->result >= 0)
		buf_puts(sql, n++ ? " AND result = :result" : " WHERE result = :result");
	if (f->q && *f->q) {
		buf_puts(sql, n++ ? " AND" : " WHERE");
		buf_puts(sql, " (detail LIKE :q ESCAPE '\\' OR username LIKE :q ESCAPE '\\'"
		              " OR event IN (SELECT value FROM json_each(:qevents))"
		              " OR object_type IN (SELECT value FROM json_each(:qobjects))"
		              " OR account_id IN (SELECT id FROM accounts"
		              " WHERE display_name LIKE :q ESCAPE '\\')"
		              " OR (:qlevel IS NOT NULL AND detail LIKE :qlevel))");
	}
}

static void bind_name_text(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_name_int(sqlite3_stmt *s, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i)
		sqlite3_bind_int64(s, i, v);
}

/* The codes of a label table whose Chinese or English label holds q, as a JSON array. */
static char *label_codes(const struct audit_label *(*at)(size_t), size_t n, const char *q)
{
	json_t *codes = json_array();
	char *out;

	for (size_t i = 0; i < n; i++) {
		const struct audit_label *l = at(i);

		if (strstr(l->zh, q) || strstr(l->en, q))
			json_array_append_new(codes, json_string(l->code));
	}
	out = json_dumps(codes, JSON_COMPACT);
	json_decref(codes);
	return out;
}

/* Binds the free-text search: q as a LIKE pattern, and the codes whose labels hold it. */
static void bind_q(sqlite3_stmt *s, const char *q)
{
	char pat[AUDIT_Q_MAX * 2 + 3], lv[32];
	char *events, *objects;
	size_t j = 0;

	pat[j++] = '%';
	for (const char *c = q; *c && j < sizeof(pat) - 3; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			pat[j++] = '\\';
		pat[j++] = *c;
	}
	pat[j++] = '%';
	pat[j] = '\0';
	bind_name_text(s, ":q", pat);
	events = label_codes(audit_event_at, audit_event_count(), q);
	objects = label_codes(audit_object_at, audit_object_count(), q);
	bind_name_text(s, ":qevents", events ? events : "[]");
	bind_name_text(s, ":qobjects", objects ? objects : "[]");
	free(events);
	free(objects);
	for (int l = LEVEL_TOP_SECRET; l >= LEVEL_PUBLIC; l--)
		if (strcmp(level_zh((enum level)l), q) == 0) {
			snprintf(lv, sizeof(lv), "%%\"%s\"%%", level_code((enum level)l));
			bind_name_text(s, ":qlevel", lv);
		}
}

static void filter_bind(sqlite3_stmt *s, const struct audit_filter *f)
{
	bind_name_int(s, ":from", f->from_ms);
	bind_name_int(s, ":to", f->to_ms);
	bind_name_text(s, ":user", f->username);
	if (f->event && *f->event) {
		/* "login" matches "login" and "login.*"; LIKE wildcards in input are escaped */
		char pat[160];
		size_t j = 0;

		for (const char *c = f->event; *c && j < sizeof(pat) - 4; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				pat[j++] = '\\';
			pat[j++] = *c;
		}
		pat[j] = '\0';
		if (!strchr(f->event, '.')) {
			pat[j++] = '%';
			pat[j] = '\0';
		}
		bind_name_text(s, ":event", pat);
	}
	bind_name_text(s, ":otype", f->object_type);
	bind_name_text(s, ":oid", f->object_id);
	bind_name_int(s, ":result", f->result);
	if (f->q && *f->q)
		bind_q(s, f->q);
}

static void row_to_rec(sqlite3_stmt *s, struct audit_rec *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->ts_ms = sqlite3_column_int64(s, 1);
	r->account_id = sqlite3_column_int64(s, 2);
	r->username = (const char *)sqlite3_column_text(s, 3);
	r->role = (const char *)sqlite3_column_text(s, 4);
	r->event = (const char *)sqlite3_column_text(s, 5);
	r->object_type = (const char *)sqlite3_column_text(s, 6);
	r->object_id = (const char *)sqlite3_column_text(s, 7);
	r->result = (enum audit_result)sqlite3_column_int(s, 8);
	r->source = (const char *)sqlite3_column_text(s, 9);
	r->detail = (const char *)sqlite3_column_text(s, 10);
}

#define AUDIT_COLS                                                                                 \
	"id, ts, account_id, username, role, event, object_type, object_id, result, source, "      \
	"detail"

json_t *audit_rec_json(const struct audit_rec *r)
{
	char ts[BJTIME_ISO_LEN];

	bjtime_format_iso(r->ts_ms, ts);
	return json_pack("{sI ss so ss ss ss ss ss ss ss ss}", "id", (json_int_t)r->id, "time", ts,
	                 "account_id", r->account_id ? json_integer(r->account_id) : json_null(),
	                 "username", r->username, "role", r->role, "event", r->event, "object_type",
	                 r->object_type, "object_id", r->object_id, "result",
	                 audit_result_code(r->result), "source", r->source, "detail", r->detail);
}

enum store_err audit_query(struct db *db, const struct audit_filter *f, json_t **items,
                           int64_t *total)
{
	struct buf sql;
	sqlite3_stmt *s = NULL;
	enum store_err ret = STORE_OK;
	int rc;

	*items = json_array();
	*total = 0;
	buf_init(&sql, 2048);
	buf_puts(&sql, "SELECT count(*) FROM audit");
	filter_sql(f, &sql);
	rc = sqlite3_prepare_v2(db->h, sql.ptr, -1, &s, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	filter_bind(s, f);
	if (sqlite3_step(s) == SQLITE_ROW)
		*total = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);

	buf_reset(&sql);
	buf_puts(&sql, "SELECT " AUDIT_COLS " FROM audit");
	filter_sql(f, &sql);
	buf_puts(&sql, " ORDER BY id DESC LIMIT :limit OFFSET :offset");
	rc = sqlite3_prepare_v2(db->h, sql.ptr, -1, &s, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	filter_bind(s, f);
	bind_name_int(s, ":limit", f->limit);
	bind_name_int(s, ":offset", f->offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_rec r;

		row_to_rec(s, &r);
		json_array_append_new(*items, audit_rec_json(&r));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		ret = db_fail(db, rc);
	buf_release(&sql);
	return ret;
fail:
	ret = db_fail(db, rc);
	buf_release(&sql);
	return ret;
}

enum store_err audit_each(struct db *db, const struct audit_filter *f,
                          int (*cb)(const struct audit_rec *r, void *arg), void *arg)
{
	struct buf sql;
	sqlite3_stmt *s = NULL;
	int rc;

	buf_init(&sql, 2048);
	buf_puts(&sql, "SELECT " AUDIT_COLS " FROM audit");
	filter_sql(f, &sql);
	buf_puts(&sql, " ORDER BY id");
	rc = sqlite3_prepare_v2(db->h, sql.ptr, -1, &s, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	filter_bind(s, f);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_rec r;

		row_to_rec(s, &r);
		if (cb(&r, arg))
			break;
	}
	sqlite3_finalize(s);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? STORE_OK : db_fail(db, rc);
}

/* ---- the anchor beside the key ---- */

static void anchor_mac(const struct hmac_sm3 *key, int64_t id, const uint8_t mac[AUDIT_MAC_LEN],
                       uint8_t out[AUDIT_MAC_LEN])
{
	uint8_t msg[7 + 8];

	memcpy(msg, "anchor:", 7);
	for (int i = 0; i < 8; i++)
		msg[7 + i] = (uint8_t)((uint64_t)id >> (8 * i));
	hmac_sm3_2(key, msg, sizeof(msg), mac, AUDIT_MAC_LEN, out);
}

/*
 * Rewrites audit.anchor in place: one write of a fixed-length record at
 * offset 0 of an existing file (the id padded with spaces), far cheaper
 * than a new file renamed over the old one, which ext4 turns into an inode
 * deletion and a data flush on every commit.  A write this small lies in
 * one sector, so it lands whole or not at all.
 */
enum store_err audit_anchor_write(struct store *st, int64_t id, const uint8_t mac[AUDIT_MAC_LEN])
{
	char path[4096], rec[256], hm[2 * AUDIT_MAC_LEN + 1], ha[2 * AUDIT_MAC_LEN + 1];
	uint8_t am[AUDIT_MAC_LEN];
	struct stat sb;
	int fd, n;
	enum store_err ret = STORE_OK;

	anchor_mac(&st->audit_key, id, mac, am);
	sodium_bin2hex(hm, sizeof(hm), mac, AUDIT_MAC_LEN);
	sodium_bin2hex(ha, sizeof(ha), am, AUDIT_MAC_LEN);
	n = snprintf(rec, sizeof(rec), "baomi-audit-anchor 1\n%-20lld %s %s\n", (long long)id, hm,
	             ha);
	snprintf(path, sizeof(path), "%s/%s", st->dir, STORE_ANCHOR_FILE);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return STORE_IO;
	if (pwrite(fd, rec, (size_t)n, 0) != n ||
	    (fstat(fd, &sb) == 0 && sb.st_size > n && ftruncate(fd, n) != 0))
		ret = STORE_IO;
	close(fd);
	return ret;
}

/* 0 read and authentic, -1 missing, -2 unreadable or altered */
static int anchor_read(const struct store *st, int64_t *id, uint8_t mac[AUDIT_MAC_LEN])
{
	char path[4096], hm[2 * AUDIT_MAC_LEN + 2], ha[2 * AUDIT_MAC_LEN + 2];
	uint8_t am[AUDIT_MAC_LEN], want[AUDIT_MAC_LEN];
	long long v;
	FILE *f;
	int n;

	snprintf(path, sizeof(path), "%s/%s", st->dir, STORE_ANCHOR_FILE);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fscanf(f, "baomi-audit-anchor 1 %lld %65s %65s", &v, hm, ha);
	fclose(f);
	if (n != 3 || v < 1 ||
	    sodium_hex2bin(mac, AUDIT_MAC_LEN, hm, strlen(hm), NULL, NULL, NULL) != 0 ||
	    sodium_hex2bin(am, AUDIT_MAC_LEN, ha, strlen(ha), NULL, NULL, NULL) != 0)
		return -2;
	anchor_mac(&st->audit_key, v, mac, want);
	if (sodium_memcmp(am, want, AUDIT_MAC_LEN) != 0)
		return -2;
	*id = v;
	return 0;
}

/* ---- verification ---- */

/*
 * SQLite lets a column hold any type; a record whose values were recast (a
 * BLOB username, a number stored as text) would hash the same but escape
 * typed searches.  Every column must have exactly the type the store writes.
 */
static bool row_types_ok(sqlite3_stmt *s)
{
	static const int ints[] = {0, 1, 2, 8};
	static const int texts[] = {3, 4, 5, 6, 7, 9, 10};

	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		if (sqlite3_column_type(s, ints[i]) != SQLITE_INTEGER)
			return false;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		const unsigned char *t;

		if (sqlite3_column_type(s, texts[i]) != SQLITE_TEXT)
			return false;
		t = sqlite3_column_text(s, texts[i]);
		if (!t || strlen((const char *)t) != (size_t)sqlite3_column_bytes(s, texts[i]))
			return false;
	}
	return sqlite3_column_type(s, 11) == SQLITE_BLOB;
}

struct verify_range {
	const struct store *st;
	int64_t lo, hi; /* inclusive ids */
	struct audit_verifier v;
	int64_t last_seen_id;
	enum store_err err;
};

static void *verify_range_run(void *arg)
{
	struct verify_range *vr = arg;
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	uint8_t prev[AUDIT_MAC_LEN];
	int rc;

	memset(prev, 0, sizeof(prev));
	vr->err = STORE_IO;
	if (sqlite3_open_v2(vr->st->db_path, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK)
		goto out;
	if (vr->lo > 1) {
		rc = sqlite3_prepare_v2(h, "SELECT mac FROM audit WHERE id = ?", -1, &s, NULL);
		if (rc != SQLITE_OK)
			goto out;
		sqlite3_bind_int64(s, 1, vr->lo - 1);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_bytes(s, 0) == AUDIT_MAC_LEN)
			memcpy(prev, sqlite3_column_blob(s, 0), AUDIT_MAC_LEN);
		sqlite3_finalize(s);
		s = NULL;
	}
	audit_verifier_init(&vr->v, &vr->st->audit_key, vr->lo, prev);
	rc = sqlite3_prepare_v2(h,
	                        "SELECT " AUDIT_COLS ", mac FROM audit WHERE id BETWEEN ? AND ? "
	                        "ORDER BY id",
	                        -1, &s, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(s, 1, vr->lo);
	sqlite3_bind_int64(s, 2, vr->hi);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_rec r;

		/* types first: reading a column as text may convert it in place */
		if (!row_types_ok(s)) {
			vr->v.bad_id = sqlite3_column_int64(s, 0);
			vr->v.reason = "a value's storage type or length was altered";
			break;
		}
		row_to_rec(s, &r);
		if (!audit_verifier_step(&vr->v, &r, sqlite3_column_blob(s, 11),
		                         sqlite3_column_bytes(s, 11)))
			break;
		vr->last_seen_id = r.id;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		goto out;
	vr->err = STORE_OK;
out:
	sqlite3_finalize(s);
	sqlite3_close(h);
	return NULL;
}

static bool anchored_mac_differs(sqlite3 *h, int64_t id, const uint8_t mac[AUDIT_MAC_LEN])
{
	sqlite3_stmt *s;
	bool differs = true;

	if (sqlite3_prepare_v2(h, "SELECT mac FROM audit WHERE id = ?", -1, &s, NULL) != SQLITE_OK)
		return true;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_bytes(s, 0) == AUDIT_MAC_LEN)
		differs = sodium_memcmp(sqlite3_column_blob(s, 0), mac, AUDIT_MAC_LEN) != 0;
	sqlite3_finalize(s);
	return differs;
}

/* The anchor against a log whose newest record is last_id, read on h. */
static void gap_classify(const struct store *st, sqlite3 *h, int64_t last_id, struct audit_gap *g)
{
	uint8_t amac[AUDIT_MAC_LEN];
	int64_t aid = 0;
	int a = anchor_read(st, &aid, amac);

	g->head_id = last_id;
	g->anchor_id = a == 0 ? aid : 0;
	g->missing = 0;
	if (a == -1)
		g->kind = AUDIT_GAP_NO_ANCHOR;
	else if (a == -2)
		g->kind = AUDIT_GAP_BAD_ANCHOR;
	else if (aid > last_id)
		g->kind = AUDIT_GAP_BEHIND;
	else if (anchored_mac_differs(h, aid, amac))
		g->kind = AUDIT_GAP_REWRITTEN;
	else
		g->kind = AUDIT_GAP_NONE;
	if (g->kind == AUDIT_GAP_BEHIND)
		g->missing = aid - last_id;
}

static void verify_fail(struct audit_verify_result *res, int64_t id, const char *reason)
{
	if (res->ok || id < res->first_bad_id) {
		res->ok = false;
		res->first_bad_id = id;
		snprintf(res->reason, sizeof(res->reason), "%s", reason);
	}
}

enum store_err audit_verify(struct store *st, int threads, bool check_anchor,
                            struct audit_verify_result *res)
{
	struct verify_range ranges[8];
	pthread_t tid[8];
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	int64_t last_id, stray = 0;
	uint8_t last_mac[AUDIT_MAC_LEN], head_mac[AUDIT_MAC_LEN], want[AUDIT_MAC_LEN];
	bool present;
	enum store_err ret = STORE_IO;

	memset(res, 0, sizeof(*res));
	res->ok = true;
	snprintf(res->reason, sizeof(res->reason), "unreadable database");
	if (sqlite3_open_v2(st->db_path, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		goto out;
	/* One read transaction (one snapshot) for the head and the stray count. */
	if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	if (head_read(NULL, h, &last_id, last_mac, head_mac, &present))
		goto out;
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM audit WHERE id < 1 OR id > ?", -1, &s,
	                       NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(s, 1, last_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		stray = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	res->reason[0] = '\0';
	ret = STORE_OK;
	if (!present || last_id < 1) {
		/* init writes records, so a baomi database always has a head */
		verify_fail(res, 1,
		            stray ? "records present but the chain head is missing"
		                  : "audit log emptied: the chain head is missing");
		goto out;
	}
	audit_head_mac(&st->audit_key, last_id, last_mac, want);
	if (sodium_memcmp(want, head_mac, AUDIT_MAC_LEN) != 0) {
		verify_fail(res, last_id, "chain head altered");
		goto out;
	}
	if (threads < 1)
		threads = 1;
	if (threads > 8)
		threads = 8;
	if (last_id < 10000)
		threads = 1;
	for (int i = 0; i < threads; i++) {
		ranges[i].st = st;
		ranges[i].lo = 1 + last_id * i / threads;
		ranges[i].hi = last_id * (i + 1) / threads;
		ranges[i].last_seen_id = ranges[i].lo - 1;
		if (i > 0 && pthread_create(&tid[i], NULL, verify_range_run, &ranges[i]) != 0) {
			ranges[i].err = STORE_IO;
			threads = i;
			break;
		}
	}
	verify_range_run(&ranges[0]);
	for (int i = 1; i < threads; i++)
		pthread_join(tid[i], NULL);
	for (int i = 0; i < threads; i++) {
		struct verify_range *r = &ranges[i];

		if (r->err) {
			ret = r->err;
			goto out;
		}
		res->records += r->v.checked;
		if (r->v.bad_id)
			verify_fail(res, r->v.bad_id, r->v.reason);
		else if (r->last_seen_id != r->hi)
			verify_fail(res, r->last_seen_id + 1, "record missing (gap in ids)");
	}
	if (res->ok && sodium_memcmp(ranges[threads - 1].v.prev, last_mac, AUDIT_MAC_LEN) != 0)
		verify_fail(res, last_id, "last record does not match the chain head");
	if (res->ok && stray)
		verify_fail(res, last_id + 1, "records beyond the chain head (inserted rows)");
	if (res->ok && check_anchor) {
		struct audit_gap g;

		gap_classify(st, h, last_id, &g);
		if (g.kind == AUDIT_GAP_NO_ANCHOR)
			verify_fail(res, last_id, "audit.anchor is missing beside the key");
		else if (g.kind == AUDIT_GAP_BAD_ANCHOR)
			verify_fail(res, last_id, "audit.anchor is unreadable or altered");
		else if (g.kind == AUDIT_GAP_BEHIND)
			verify_fail(res, last_id + 1,
			            "log rolled back: records up to the anchored one are gone");
		else if (g.kind == AUDIT_GAP_REWRITTEN)
			verify_fail(res, g.anchor_id, "log rewritten: the anchored record differs");
	}
out:
	sqlite3_close(h);
	return ret;
}

/* ---- rollback evidence ---- */

enum store_err audit_gap_check(struct store *st, struct audit_gap *g)
{
	uint8_t last_mac[AUDIT_MAC_LEN];
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	int64_t last_id;
	bool present;
	enum store_err ret = STORE_IO;

	memset(g, 0, sizeof(*g));
	if (sqlite3_open_v2(st->db_path, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	        SQLITE_OK ||
	    sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	if (head_read(NULL, h, &last_id, last_mac, NULL, &present))
		goto out;
	if (sqlite3_prepare_v2(h, "SELECT ts FROM audit WHERE id = ?", -1, &s, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(s, 1, last_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		g->head_ms = sqlite3_column_int64(s, 0);
	gap_classify(st, h, present ? last_id : 0, g);
	if (!present || last_id < 1) /* every anchored record is gone (missing), if any */
		g->kind = AUDIT_GAP_NO_HEAD;
	ret = STORE_OK;
out:
	sqlite3_finalize(s);
	sqlite3_close(h);
	return ret;
}

const char *audit_gap_code(enum audit_gap_kind k)
{
	static const char *const codes[] = {"none",      "behind",     "rewritten",
	                                    "no_anchor", "bad_anchor", "no_head"};

	return (unsigned)k < sizeof(codes) / sizeof(codes[0]) ? codes[k] : "unknown";
}

const char *audit_gap_zh(enum audit_gap_kind k)
{
	switch (k) {
	case AUDIT_GAP_NONE:
		return "审计日志与锚点一致";
	case AUDIT_GAP_BEHIND:
		return "数据库已回退：审计日志缺少锚点记录及其之前的若干条记录";
	case AUDIT_GAP_REWRITTEN:
		return "审计日志已被改写：锚点所指记录与日志中的不同";
	case AUDIT_GAP_NO_ANCHOR:
		return "审计锚点文件 audit.anchor 缺失";
	case AUDIT_GAP_BAD_ANCHOR:
		return "审计锚点文件 audit.anchor 无法读取或已被改动";
	case AUDIT_GAP_NO_HEAD:
		return "审计日志已被清空（没有链头）";
	}
	return "未知";
}

const char *audit_gap_en(enum audit_gap_kind k)
{
	switch (k) {
	case AUDIT_GAP_NONE:
		return "the audit log holds the anchored record";
	case AUDIT_GAP_BEHIND:
		return "the database was rolled back: the audit log ends before the anchored "
		       "record";
	case AUDIT_GAP_REWRITTEN:
		return "the audit log was rewritten: the anchored record differs";
	case AUDIT_GAP_NO_ANCHOR:
		return "audit.anchor is missing";
	case AUDIT_GAP_BAD_ANCHOR:
		return "audit.anchor is unreadable or altered";
	case AUDIT_GAP_NO_HEAD:
		return "the audit log was emptied (no chain head)";
	}
	return "unknown";
}

/*
 * How far the anchor may trail the newest commits: those committed while
 * it was being written (anchor_publish), a few per server thread at most.
 */
#define GAP_IN_FLIGHT 32
/*
 * Rows of one table a single audited transaction creates at most: one
 * object per record for most tables, but a checklist brings its items,
 * an incident its reporting duties, a change its notifications.
 */
#define GAP_ROWS_PER_RECORD 1000
/* How many days back carrier and filing numbers are raised at most (a log with no time). */
#define GAP_MAX_DAYS 400

/* Runs sql with ?1 = a, ?2 = b and ?3 = t (those of them it names). */
static int exec_int(sqlite3 *h, const char *sql, int64_t a, int64_t b, const char *t)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(h, sql, -1, &s, NULL);

	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (t)
		sqlite3_bind_text(s, 3, t, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum store_err store_raise_sequences(struct db *db, int64_t records, int64_t since_ms,
                                     int64_t *raised)
{
	int64_t n = (records > 0 ? records : 0) + GAP_IN_FLIGHT, ids = n * GAP_ROWS_PER_RECORD;
	int32_t today = (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400);
	int32_t first = (int32_t)((since_ms / 1000 + BJTIME_OFFSET_S) / 86400) - 1;
	int y0, y1, rc = SQLITE_OK;
	unsigned m, d;
	char sql[512];

	if (first < today - GAP_MAX_DAYS)
		first = today - GAP_MAX_DAYS;
	if (first > today)
		first = today;
	/* ids: past the highest ever issued (sqlite_sequence) or present */
	for (int i = 0; rc == SQLITE_OK && schema_id_tables[i]; i++) {
		const char *t = schema_id_tables[i];

		rc =
		    exec_int(db->h,
		             "INSERT INTO sqlite_sequence(name, seq) SELECT ?3, 0 WHERE NOT EXISTS "
		             "(SELECT 1 FROM sqlite_sequence WHERE name = ?3)",
		             0, 0, t);
		snprintf(sql, sizeof(sql),
		         "UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(id) FROM "
		         "\"%s\"), 0)) + ?1 WHERE name = ?3",
		         t);
		if (rc == SQLITE_OK)
			rc = exec_int(db->h, sql, ids, 0, t);
	}
	/* carrier numbers: this year's and those since the log's last record, every category */
	bjtime_civil_from_days(first, &y0, &m, &d);
	bjtime_civil_from_days(today, &y1, &m, &d);
	if (rc == SQLITE_OK)
		rc = exec_int(db->h, "UPDATE carrier_seq SET last = last + ?1 WHERE year >= ?2", n,
		              y0, NULL);
	for (int y = y0; rc == SQLITE_OK && y <= y1; y++)
		for (int c = 0; rc == SQLITE_OK && c < CC_COUNT; c++)
			rc = exec_int(
			    db->h,
			    "INSERT OR IGNORE INTO carrier_seq(unit_id, year, category, last) "
			    "SELECT id, ?2, ?3, ?1 FROM units",
			    n, y, carrier_category_code((enum carrier_category)c));
	/* incident filing numbers: each day's since then, and each unit's running total */
	if (rc == SQLITE_OK)
		rc = exec_int(db->h,
		              "UPDATE filing_counters SET n = n + ?1 WHERE day = -1 OR day >= ?2",
		              n, first, NULL);
	if (rc == SQLITE_OK)
		rc = exec_int(db->h,
		              "INSERT OR IGNORE INTO filing_counters(unit_id, day, n) "
		              "SELECT id, ?2, ?1 FROM units",
		              n, -1, NULL);
	for (int32_t day = first; rc == SQLITE_OK && day <= today; day++)
		rc = exec_int(db->h,
		              "INSERT OR IGNORE INTO filing_counters(unit_id, day, n) "
		              "SELECT id, ?2, ?1 FROM units",
		              n, day, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	*raised = ids;
	return STORE_OK;
}

enum store_err audit_gap_acknowledge(struct store *st, const char *reason, struct audit_gap *g,
                                     int64_t *raised, char *err, size_t errlen)
{
	struct actor cli = {.username = "console", .source = "cli"};
	struct audit_gap after;
	struct db *db = NULL;
	char oid[24], *ds = NULL;
	json_t *d = NULL;
	enum store_err ret = audit_gap_check(st, g);

	*raised = 0;
	if (ret) {
		snprintf(err, errlen, "cannot read the audit log");
		return ret;
	}
	if (g->kind == AUDIT_GAP_NONE)
		return STORE_NOTFOUND;
	ret = db_open(&db, st);
	if (!ret)
		ret = db_begin(db);
	if (ret) {
		snprintf(err, errlen, "cannot open the database: %s", db ? db->errmsg : "");
		goto out;
	}
	ret = store_raise_sequences(db, g->missing, g->head_ms, raised);
	if (!ret) {
		d = json_pack("{ss sI sI so ss ss sI}", "gap", audit_gap_code(g->kind), "anchor_id",
		              (json_int_t)g->anchor_id, "log_head_id", (json_int_t)g->head_id,
		              "missing", g->missing ? json_integer(g->missing) : json_null(),
		              "reason", reason, "operator", "cli", "ids_raised_by",
		              (json_int_t)*raised);
		ds = d ? json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		ret = ds ? STORE_OK : STORE_INVALID;
	}
	snprintf(oid, sizeof(oid), "%lld", (long long)g->anchor_id);
	if (!ret)
		ret = audit_append(db, &cli, "audit.gap_acknowledged", "audit", oid, AUDIT_SUCCESS,
		                   ds);
	if (!ret)
		ret = db_commit(db);
	if (ret) {
		snprintf(err, errlen, "cannot record the gap: %s", db->errmsg);
		db_rollback(db);
		goto out;
	}
	/* the commit moved the anchor to the new record; a failed write says so here */
	if (audit_gap_check(st, &after) || after.kind != AUDIT_GAP_NONE) {
		snprintf(err, errlen, "the gap is recorded, but %s/%s could not be rewritten",
		         st->dir, STORE_ANCHOR_FILE);
		ret = STORE_IO;
	}
out:
	free(ds);
	json_decref(d);
	db_close(db);
	return ret;
}
