/*
 * store_account.c — accounts (argon2id passwords), login sessions, API
 * tokens, and the policy settings.
 */
#include "store.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../util/bjtime.h"

/* ---- policy ---- */

static const struct {
	const char *key;
	size_t off;
} policy_keys[] = {
    {"password_min_length", offsetof(struct policy, password_min_length)},
    {"password_min_classes", offsetof(struct policy, password_min_classes)},
    {"password_max_age_days", offsetof(struct policy, password_max_age_days)},
    {"lockout_threshold", offsetof(struct policy, lockout_threshold)},
    {"lockout_minutes", offsetof(struct policy, lockout_minutes)},
    {"session_idle_seconds", offsetof(struct policy, session_idle_seconds)},
};
#define POLICY_KEYS (sizeof(policy_keys) / sizeof(policy_keys[0]))

/*
 * Every request reads the policy; it changes only through policy_save(),
 * whose commit bumps st->policy_gen, so a connection keeps the copy it read
 * until then (read the generation first, then the rows).
 */
enum store_err policy_load(struct db *db, struct policy *p)
{
	unsigned gen = __atomic_load_n(&db->st->policy_gen, __ATOMIC_ACQUIRE);
	sqlite3_stmt *s;
	int rc;

	if (db->policy_cached && db->policy_gen == gen && !db->policy_dirty) {
		*p = db->policy;
		return STORE_OK;
	}
	policy_defaults(p);
	rc = store_prepare_rc(db, "SELECT key, value FROM settings WHERE key LIKE 'policy.%'", &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 0) + strlen("policy.");

		for (size_t i = 0; i < POLICY_KEYS; i++)
			if (strcmp(k, policy_keys[i].key) == 0)
				*(int *)((char *)p + policy_keys[i].off) = sqlite3_column_int(s, 1);
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	if (!db->policy_dirty) {
		db->policy = *p;
		db->policy_gen = gen;
		db->policy_cached = true;
	}
	return STORE_OK;
}

enum store_err policy_save(struct db *db, const struct policy *p)
{
	sqlite3_stmt *s;
	int rc = store_prepare_rc(
	    db, "INSERT OR REPLACE INTO settings(key, value) VALUES ('policy.' || ?, ?)", &s);

	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	db->policy_dirty = true; /* db_commit bumps st->policy_gen */
	for (size_t i = 0; i < POLICY_KEYS; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, policy_keys[i].key, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, *(const int *)((const char *)p + policy_keys[i].off));
		rc = sqlite3_step(s);
		if (rc != SQLITE_DONE)
			break;
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- accounts ---- */

#define ACCOUNT_COLS                                                                               \
	"id, username, display_name, person_id, admin_role, roles, must_change, disabled, "        \
	"failed_logins, locked_until, last_login, password_changed_at, created_at, password_hash"

static void row_to_account(sqlite3_stmt *s, struct account *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(s, 0);
	store_copy_text(a->username, sizeof(a->username), sqlite3_column_text(s, 1));
	store_copy_text(a->display_name, sizeof(a->display_name), sqlite3_column_text(s, 2));
	a->person_id = sqlite3_column_int64(s, 3);
	a->admin = (enum admin_role)sqlite3_column_int(s, 4);
	a->roles = (uint32_t)sqlite3_column_int64(s, 5);
	a->must_change = sqlite3_column_int(s, 6) != 0;
	a->disabled = sqlite3_column_int(s, 7) != 0;
	a->failed_logins = sqlite3_column_int(s, 8);
	a->locked_until = sqlite3_column_int64(s, 9);
	a->last_login = sqlite3_column_int64(s, 10);
	a->password_changed_at = sqlite3_column_int64(s, 11);
	a->created_at = sqlite3_column_int64(s, 12);
	store_copy_text(a->password_hash, sizeof(a->password_hash), sqlite3_column_text(s, 13));
}

static enum store_err account_fetch(struct db *db, const char *where, int64_t id, const char *name,
                                    struct account *a)
{
	char sql[512];
	sqlite3_stmt *s;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT " ACCOUNT_COLS " FROM accounts WHERE %s", where);
	rc = store_prepare_rc(db, sql, &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	if (name)
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		row_to_account(s, a);
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}

enum store_err account_get(struct db *db, int64_t id, struct account *a)
{
	return account_fetch(db, "id = ?", id, NULL, a);
}

enum store_err account_by_name(struct db *db, const char *username, struct account *a)
{
	return account_fetch(db, "username = ?", 0, username, a);
}

static json_t *time_or_null(int64_t ms)
{
	char ts[BJTIME_ISO_LEN];

	if (!ms)
		return json_null();
	bjtime_format_iso(ms, ts);
	return json_string(ts);
}

json_t *account_json(const struct account *a)
{
	json_t *roles = json_array();

	for (int i = 0; i < ROLE_COUNT; i++)
		if (a->roles & role_bit_at(i))
			json_array_append_new(roles, json_string(role_code(role_bit_at(i))));
	return json_pack(
	    "{sI ss ss so so so sb sb so so so so}", "id", (json_int_t)a->id, "username",
	    a->username, "display_name", a->display_name, "person_id",
	    a->person_id ? json_integer(a->person_id) : json_null(), "admin_role",
	    a->admin ? json_string(admin_role_code(a->admin)) : json_null(), "roles", roles,
	    "must_change_password", a->must_change, "disabled", a->disabled, "locked_until",
	    a->locked_until > bjtime_now_ms() ? time_or_null(a->locked_until) : json_null(),
	    "last_login", time_or_null(a->last_login), "password_changed_at",
	    time_or_null(a->password_changed_at), "created_at", time_or_null(a->created_at));
}

enum store_err account_list(struct db *db, int limit, int offset, json_t **items, int64_t *total)
{
	sqlite3_stmt *s;
	int rc;

	*items = json_array();
	*total = 0;
	rc = store_prepare_rc(db, "SELECT count(*) FROM accounts", &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	if (sqlite3_step(s) == SQLITE_ROW)
		*total = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	rc = store_prepare_rc(
	    db, "SELECT " ACCOUNT_COLS " FROM accounts ORDER BY id LIMIT ? OFFSET ?", &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_int(s, 1, limit);
	sqlite3_bind_int(s, 2, offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct account a;

		row_to_account(s, &a);
		json_array_append_new(*items, account_json(&a));
		sodium_memzero(a.password_hash, sizeof(a.password_hash));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/*
 * The account directory.  A business account is one with no administrator
 * role and at least one business role, the same accounts work may be
 * assigned to (incident tasks, inspectors, rectification).  Only the display
 * name is searched: user names are not returned, and matching them would let
 * a caller find out a colleague's user name letter by letter.  SQLite's
 * lower() folds ASCII only, which is what "without regard to case" means for
 * Latin names; Chinese has no case.  The department comes from the linked
 * person.
 */
enum store_err account_directory(struct db *db, const char *q, int limit, json_t **items,
                                 int64_t *total)
{
	static const char from[] = " FROM accounts a LEFT JOIN people p ON p.id = a.person_id "
	                           "LEFT JOIN departments d ON d.id = p.department_id "
	                           "WHERE a.admin_role = 0 AND a.roles != 0 AND a.disabled = 0 "
	                           "AND instr(lower(a.display_name), lower(?1)) > 0";
	char sql[640];
	sqlite3_stmt *s;
	int rc;

	*items = json_array();
	*total = 0;
	snprintf(sql, sizeof(sql), "SELECT count(*)%s", from);
	rc = store_prepare_rc(db, sql, &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc);
	/* names that start with the text first, then by name */
	snprintf(sql, sizeof(sql),
	         "SELECT a.id, a.display_name, d.name%s ORDER BY "
	         "instr(lower(a.display_name), lower(?1)) != 1, a.display_name, a.id LIMIT ?2",
	         from);
	rc = store_prepare_rc(db, sql, &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *items, json_pack("{sI ss so}", "id", (json_int_t)sqlite3_column_int64(s, 0),
		                      "display_name", store_col_text(s, 1), "department",
		                      sqlite3_column_type(s, 2) == SQLITE_NULL
		                          ? json_null()
		                          : json_string(store_col_text(s, 2))));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

static enum store_err hash_password(struct db *db, const char *password, char out[128])
{
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		snprintf(db->errmsg, sizeof(db->errmsg), "out of memory hashing a password");
		return STORE_IO;
	}
	return STORE_OK;
}

enum store_err account_insert(struct db *db, struct account *a, const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	enum store_err ret = hash_password(db, password, hash);

	return ret ? ret : account_insert_hashed(db, a, hash);
}

enum store_err account_insert_hashed(struct db *db, struct account *a, const char *hash)
{
	sqlite3_stmt *s;
	int64_t now = bjtime_now_ms();
	int rc;

	rc = store_prepare_rc(db,
	                      "INSERT INTO accounts(username, display_name, person_id, admin_role, "
	                      "roles, password_hash, password_changed_at, must_change, disabled, "
	                      "created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
	                      &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_text(s, 1, a->username, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, a->display_name, -1, SQLITE_STATIC);
	if (a->person_id)
		sqlite3_bind_int64(s, 3, a->person_id);
	sqlite3_bind_int(s, 4, a->admin);
	sqlite3_bind_int64(s, 5, a->roles);
	sqlite3_bind_text(s, 6, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, now);
	sqlite3_bind_int(s, 8, a->must_change);
	sqlite3_bind_int(s, 9, a->disabled);
	sqlite3_bind_int64(s, 10, now);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	a->id = sqlite3_last_insert_rowid(db->h);
	a->created_at = a->password_changed_at = now;
	return STORE_OK;
}

/*
 * The account writers below each change only their own columns, so a
 * request that changes the display name cannot put back a role, an enabled
 * flag or a failure count that another request changed meanwhile.  Callers
 * read and decide inside the same write transaction.
 */
static enum store_err account_changed(struct db *db, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return sqlite3_changes(db->h) ? STORE_OK : STORE_NOTFOUND;
}

enum store_err account_set_profile(struct db *db, const struct account *a)
{
	sqlite3_stmt *s;
	int rc = store_prepare_rc(
	    db, "UPDATE accounts SET display_name = ?, person_id = ?, disabled = ? WHERE id = ?",
	    &s);

	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_text(s, 1, a->display_name, -1, SQLITE_STATIC);
	store_bind_opt(s, 2, a->person_id);
	sqlite3_bind_int(s, 3, a->disabled);
	sqlite3_bind_int64(s, 4, a->id);
	return account_changed(db, s);
}

enum store_err account_set_roles(struct db *db, int64_t id, uint32_t roles)
{
	sqlite3_stmt *s;
	int rc = store_prepare_rc(db, "UPDATE accounts SET roles = ? WHERE id = ?", &s);

	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_int64(s, 1, roles);
	sqlite3_bind_int64(s, 2, id);
	return account_changed(db, s);
}

enum store_err account_unlock(struct db *db, int64_t id)
{
	sqlite3_stmt *s;
	int rc = store_prepare_rc(
	    db, "UPDATE accounts SET failed_logins = 0, locked_until = 0 WHERE id = ?", &s);

	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_int64(s, 1, id);
	return account_changed(db, s);
}

enum store_err account_person_enabled(struct db *db, int64_t person_id, int64_t except,
                                      int64_t *other)
{
	sqlite3_stmt *s;
	int rc = store_prepare_rc(db,
	                          "SELECT id FROM accounts WHERE person_id = ? AND id <> ? AND "
	                          "disabled = 0 AND admin_role = 0 ORDER BY id LIMIT 1",
	                          &s);

	*other = 0;
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, except);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*other = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err account_set_password(struct db *db, int64_t id, const char *password,
                                    bool must_change)
{
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *s;
	enum store_err ret = hash_password(db, password, hash);
	int rc;

	if (ret)
		return ret;
	rc = store_prepare_rc(db,
	                      "UPDATE accounts SET password_hash = ?, password_changed_at = ?, "
	                      "must_change = ?, failed_logins = 0, locked_until = 0 WHERE id = ?",
	                      &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, bjtime_now_ms());
	sqlite3_bind_int(s, 3, must_change);
	sqlite3_bind_int64(s, 4, id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	sodium_memzero(hash, sizeof(hash));
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return sqlite3_changes(db->h) ? STORE_OK : STORE_NOTFOUND;
}

bool account_password_ok(const struct account *a, const char *password)
{
	return crypto_pwhash_str_verify(a->password_hash, password, strlen(password)) == 0;
}

static enum store_err exec_bind2(struct db *db, const char *sql, int64_t a, int64_t b, int64_t c)
{
	sqlite3_stmt *s;
	int rc = store_prepare_rc(db, sql, &s);

	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (sqlite3_bind_parameter_count(s) >= 3)
		sqlite3_bind_int64(s, 3, c);
	return store_step_done(db, s);
}

enum store_err account_login_failed(struct db *db, struct account *a, const struct policy *p,
                                    int64_t now_ms, bool *locked)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	/* counted in the row itself, whatever copy of the account the caller holds */
	ret = exec_bind2(db, "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE id = ?",
	                 a->id, 0, 0);
	if (ret)
		return ret;
	rc = store_prepare_rc(db, "SELECT failed_logins, locked_until FROM accounts WHERE id = ?",
	                      &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_int64(s, 1, a->id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		a->failed_logins = sqlite3_column_int(s, 0);
		a->locked_until = sqlite3_column_int64(s, 1);
	}
	store_finish(db, s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
	*locked = policy_should_lock(p, a->failed_logins);
	if (!*locked)
		return STORE_OK;
	a->locked_until = policy_lock_until(p, now_ms);
	a->failed_logins = 0;
	return exec_bind2(db,
	                  "UPDATE accounts SET failed_logins = 0, locked_until = ? WHERE id = ?",
	                  a->locked_until, a->id, 0);
}

enum store_err account_login_ok(struct db *db, struct account *a, int64_t now_ms)
{
	a->failed_logins = 0;
	a->last_login = now_ms;
	return exec_bind2(db,
	                  "UPDATE accounts SET failed_logins = 0, locked_until = 0, last_login = ? "
	                  "WHERE id = ?",
	                  now_ms, a->id, 0);
}

/* ---- sessions and API tokens ---- */

static void token_hash(const char *token, uint8_t out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token),
	                   (const unsigned char *)"baomi-session", 13);
}

static void random_token(char out[SESSION_TOKEN_LEN + 1])
{
	uint8_t raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, SESSION_TOKEN_LEN + 1, raw, sizeof(raw),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

enum store_err session_create(struct db *db, int64_t account_id, enum session_kind kind,
                              const char *name, int64_t expires_at, const char *source,
                              char token_out[SESSION_TOKEN_LEN + 1], struct session *ses)
{
	uint8_t h[32];
	sqlite3_stmt *s;
	int64_t now = bjtime_now_ms();
	int rc;

	memset(ses, 0, sizeof(*ses));
	random_token(token_out);
	if (kind == SESSION_LOGIN)
		random_token(ses->csrf);
	token_hash(token_out, h);
	rc = store_prepare_rc(
	    db,
	    "INSERT INTO sessions(token_hash, account_id, kind, name, csrf, "
	    "source, created_at, last_seen, expires_at) VALUES (?,?,?,?,?,?,?,?,?)",
	    &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_blob(s, 1, h, sizeof(h), SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, account_id);
	sqlite3_bind_int(s, 3, kind);
	sqlite3_bind_text(s, 4, name ? name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, ses->csrf, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, source ? source : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, now);
	sqlite3_bind_int64(s, 8, now);
	sqlite3_bind_int64(s, 9, expires_at);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	ses->id = sqlite3_last_insert_rowid(db->h);
	ses->account_id = account_id;
	ses->kind = kind;
	ses->last_seen = now;
	ses->expires_at = expires_at;
	return STORE_OK;
}

enum store_err session_lookup(struct db *db, const char *token, struct session *ses)
{
	uint8_t h[32];
	sqlite3_stmt *s;
	int rc;

	memset(ses, 0, sizeof(*ses));
	token_hash(token, h);
	rc = store_prepare_rc(db,
	                      "SELECT id, account_id, kind, csrf, last_seen, expires_at "
	                      "FROM sessions WHERE token_hash = ?",
	                      &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_blob(s, 1, h, sizeof(h), SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		ses->id = sqlite3_column_int64(s, 0);
		ses->account_id = sqlite3_column_int64(s, 1);
		ses->kind = (enum session_kind)sqlite3_column_int(s, 2);
		store_copy_text(ses->csrf, sizeof(ses->csrf), sqlite3_column_text(s, 3));
		ses->last_seen = sqlite3_column_int64(s, 4);
		ses->expires_at = sqlite3_column_int64(s, 5);
	}
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}

enum store_err session_touch(struct db *db, int64_t id, int64_t now_ms)
{
	return exec_bind2(db, "UPDATE sessions SET last_seen = ? WHERE id = ?", now_ms, id, 0);
}

enum store_err session_delete(struct db *db, int64_t id)
{
	return exec_bind2(db, "DELETE FROM sessions WHERE id = ?", id, 0, 0);
}

enum store_err session_delete_account(struct db *db, int64_t account_id, enum session_kind kind)
{
	return exec_bind2(db, "DELETE FROM sessions WHERE account_id = ? AND kind = ?", account_id,
	                  kind, 0);
}

enum store_err session_delete_others(struct db *db, int64_t account_id, int64_t keep)
{
	return exec_bind2(db, "DELETE FROM sessions WHERE account_id = ? AND id <> ?", account_id,
	                  keep, 0);
}

enum store_err token_list(struct db *db, int64_t account_id, int limit, int offset, json_t **items,
                          int64_t *total)
{
	sqlite3_stmt *s;
	int rc;

	*items = json_array();
	*total = 0;
	rc = store_prepare_rc(db, "SELECT count(*) FROM sessions WHERE account_id = ? AND kind = 1",
	                      &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_int64(s, 1, account_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc);
	rc = store_prepare_rc(db,
	                      "SELECT id, name, created_at, expires_at, last_seen FROM sessions "
	                      "WHERE account_id = ? AND kind = 1 ORDER BY id LIMIT ? OFFSET ?",
	                      &s);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	sqlite3_bind_int64(s, 1, account_id);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int(s, 3, offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t created = sqlite3_column_int64(s, 2);
		int64_t used = sqlite3_column_int64(s, 4);

		json_array_append_new(
		    *items,
		    json_pack("{sI ss so so so}", "id", (json_int_t)sqlite3_column_int64(s, 0),
		              "name", (const char *)sqlite3_column_text(s, 1), "created_at",
		              time_or_null(created), "expires_at",
		              time_or_null(sqlite3_column_int64(s, 3)), "last_used",
		              used > created ? time_or_null(used) : json_null()));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err token_delete(struct db *db, int64_t account_id, int64_t id)
{
	enum store_err ret =
	    exec_bind2(db, "DELETE FROM sessions WHERE id = ? AND account_id = ? AND kind = 1", id,
	               account_id, 0);

	if (ret)
		return ret;
	return sqlite3_changes(db->h) ? STORE_OK : STORE_NOTFOUND;
}

enum store_err setting_get(struct db *db, const char *key, char **out)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*out = NULL;
	ret = store_prepare(db, "SELECT value FROM settings WHERE key = ?", &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && !(*out = strdup((const char *)sqlite3_column_text(s, 0))))
		rc = SQLITE_NOMEM;
	store_finish(db, s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return STORE_OK;
	return rc == SQLITE_NOMEM ? STORE_IO : db_fail(db, rc);
}

enum store_err setting_put(struct db *db, const char *key, const char *value)
{
	sqlite3_stmt *s;
	enum store_err ret;

	ret = store_prepare(db,
	                    *value ? "INSERT OR REPLACE INTO settings(key, value) VALUES (?1, ?2)"
	                           : "DELETE FROM settings WHERE key = ?1 AND ?2 IS NOT NULL",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_TRANSIENT);
	return store_step_done(db, s);
}
