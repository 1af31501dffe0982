/*
 * api_session.c — health, metadata, login, logout, password change and API
 * tokens.
 */
#include "api.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../core/audit_label.h"
#include "../core/level.h"
#include "../util/bjtime.h"

#define BAOMI_VERSION "0.1.0"

void api_healthz(struct api_ctx *c)
{
	api_reply(c, 200, json_pack("{ss ss}", "status", "ok", "version", BAOMI_VERSION));
}

static json_t *names(const char *code, const char *zh, const char *en)
{
	return json_pack("{ss ss ss}", "code", code, "zh", zh, "en", en);
}

void api_meta(struct api_ctx *c)
{
	json_t *admins = json_array(), *roles = json_array(), *classes = json_array();
	json_t *levels = json_array(), *statuses = json_array();
	json_t *events = json_array(), *objects = json_array();
	struct unit u;
	json_t *unit = json_null();

	for (int r = ADMIN_SYS; r <= ADMIN_AUDIT; r++)
		json_array_append_new(
		    admins, names(admin_role_code(r), admin_role_zh(r), admin_role_en(r)));
	for (int i = 0; i < ROLE_COUNT; i++) {
		uint32_t b = role_bit_at(i);

		json_array_append_new(roles, names(role_code(b), role_zh(b), role_en(b)));
	}
	for (int i = STAFF_CLASS_COUNT - 1; i >= 0; i--) {
		json_t *o = names(staff_class_code(i), staff_class_zh(i), staff_class_en(i));
		enum level cl = staff_class_clearance(i);

		json_object_set_new(o, "clearance",
		                    cl == LEVEL_NONE ? json_null() : json_string(level_code(cl)));
		json_array_append_new(classes, o);
	}
	for (int l = LEVEL_TOP_SECRET; l >= LEVEL_PUBLIC; l--) {
		json_t *o = names(level_code(l), level_zh(l), level_en(l));

		json_object_set_new(o, "max_years", json_integer(level_max_years(l)));
		json_array_append_new(levels, o);
	}
	for (int s = 0; s < PERSON_STATUS_COUNT; s++)
		json_array_append_new(statuses, names(person_status_code(s), person_status_zh(s),
		                                      person_status_en(s)));
	for (size_t i = 0; i < audit_event_count(); i++) {
		const struct audit_label *l = audit_event_at(i);

		json_array_append_new(events, names(l->code, l->zh, l->en));
	}
	for (size_t i = 0; i < audit_object_count(); i++) {
		const struct audit_label *l = audit_object_at(i);

		json_array_append_new(objects, names(l->code, l->zh, l->en));
	}
	if (unit_get(c->db, unit_home(c->db), &u) == STORE_OK)
		unit = json_pack("{sI ss}", "id", (json_int_t)u.id, "name", u.name);
	api_reply(c, 200,
	          json_pack("{ss so so so so so so so so}", "version", BAOMI_VERSION, "unit", unit,
	                    "admin_roles", admins, "roles", roles, "staff_classes", classes,
	                    "levels", levels, "person_statuses", statuses, "audit_events", events,
	                    "audit_objects", objects));
}

static void set_cookie(struct api_ctx *c, const char *token, bool clear)
{
	char v[256];

	snprintf(v, sizeof(v), "baomi_session=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
	         clear ? "" : token, c->app->secure_cookie ? "; Secure" : "",
	         clear ? "; Max-Age=0" : "");
	http_response_header(c->resp, "Set-Cookie", v);
}

static json_t *session_json(struct api_ctx *c, const char *token)
{
	json_t *o = json_pack("{so ss si}", "account", account_json(&c->acct), "csrf_token",
	                      c->ses.csrf, "idle_timeout_seconds", c->policy.session_idle_seconds);

	struct person p;

	/* the job title (职务) of the person behind the account: the header shows it */
	json_object_set_new(
	    o, "title",
	    c->acct.person_id && person_get(c->db, c->acct.person_id, &p) == STORE_OK && p.title[0]
	        ? json_string(p.title)
	        : json_null());
	if (token)
		json_object_set_new(o, "token", json_string(token));
	return o;
}

/* A hash to check unknown user names against, so they cost as much as known ones. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_hash_init(void)
{
	char pw[32];

	randombytes_buf(pw, sizeof(pw));
	if (crypto_pwhash_str(dummy_hash, pw, sizeof(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy_hash[0] = '\0';
	sodium_memzero(pw, sizeof(pw));
}

static void login_fail(struct api_ctx *c)
{
	api_error(c, 401, "invalid_credentials", "用户名或密码错误", "wrong user name or password",
	          NULL);
}

static void locked_reply(struct api_ctx *c, int64_t until_ms)
{
	char until[BJTIME_ISO_LEN], z[160], en[160];

	bjtime_format_iso(until_ms, until);
	snprintf(z, sizeof(z), "连续登录失败次数过多，账户已锁定至 %s", until);
	snprintf(en, sizeof(en), "too many failed logins; account locked until %s", until);
	api_reply(c, 423,
	          json_pack("{s{ss ss ss ss}}", "error", "code", "account_locked", "message", z,
	                    "message_en", en, "locked_until", until));
}

/*
 * Counts a failed password (at login or at a password change) inside the
 * caller's write transaction, reading the count afresh under the lock, so
 * parallel attempts cannot overwrite each other's counts.  Locks the account
 * at the threshold and then ends its sessions.  Returns -1 on a store error
 * (answered), else whether the account is now locked.
 */
static int count_failure(struct api_ctx *c, const char *event, const char *reason, int64_t now)
{
	enum store_err e;
	bool locked;

	e = account_get(c->db, c->acct.id, &c->acct);
	sodium_memzero(c->acct.password_hash, sizeof(c->acct.password_hash));
	if (!e)
		e = account_login_failed(c->db, &c->acct, &c->policy, now, &locked);
	if (!e)
		e = api_audit(c, event, "account", c->acct.id, AUDIT_FAILED,
		              json_pack("{ss}", "reason", reason));
	if (!e && locked) {
		e = api_audit(c, "login.lockout", "account", c->acct.id, AUDIT_DENIED,
		              json_pack("{si}", "minutes", c->policy.lockout_minutes));
		if (!e)
			e = session_delete_account(c->db, c->acct.id, SESSION_LOGIN);
	}
	if (e) {
		api_store_error(c, e, NULL);
		return -1;
	}
	return locked;
}

void api_session_create(struct api_ctx *c)
{
	static const char *const fields[] = {"username", "password", NULL};
	char username[65] = "", password[POLICY_PASSWORD_MAX_BYTES + 1] = "";
	char token[SESSION_TOKEN_LEN + 1] = "";
	int64_t now = bjtime_now_ms();
	enum store_err e;
	bool pw_ok;
	int locked;

	if (api_only_fields(c, fields) ||
	    api_field_str(c, "username", username, sizeof(username), true) ||
	    api_field_str(c, "password", password, sizeof(password), true))
		goto out;
	if (!api_login_rate_ok(c->app, c->req->client, now)) {
		api_error(c, 429, "too_many_requests", "登录尝试过于频繁，请一分钟后再试",
		          "too many login attempts from this address; wait a minute", NULL);
		goto out;
	}
	c->actor.username = username;
	e = account_by_name(c->db, username, &c->acct);
	if (e == STORE_NOTFOUND) {
		/* Same work as a real check, so timing does not tell which names exist. */
		pthread_once(&dummy_once, dummy_hash_init);
		if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
			dummy_hash[0] = '$'; /* never true; keeps the result used */
		audit_append_tx(c->db, &c->actor, "login.failure", "account", "", AUDIT_FAILED,
		                "{\"reason\":\"unknown user\"}");
		login_fail(c);
		goto out;
	}
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	c->actor.account_id = c->acct.id;
	c->actor.admin = c->acct.admin;
	c->actor.roles = c->acct.roles;
	/* The hash runs for every known account, disabled or locked too (no timing tell). */
	pw_ok = account_password_ok(&c->acct, password);
	if (!api_tx_begin(c))
		goto out;
	/* Decide on the account as it is now, under the write lock. */
	e = account_get(c->db, c->acct.id, &c->acct);
	sodium_memzero(c->acct.password_hash, sizeof(c->acct.password_hash));
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (c->acct.locked_until > now) {
		e = api_audit(c, "login.locked", "account", c->acct.id, AUDIT_DENIED,
		              json_pack("{ss}", "reason", "account locked"));
		if (e) {
			api_store_error(c, e, NULL);
			goto out;
		}
		if (api_tx_commit(c))
			locked_reply(c, c->acct.locked_until);
		goto out;
	}
	if (c->acct.disabled || !pw_ok) {
		locked = count_failure(c, "login.failure",
		                       c->acct.disabled ? "disabled" : "wrong password", now);
		if (locked < 0 || !api_tx_commit(c))
			goto out;
		if (locked)
			locked_reply(c, c->acct.locked_until);
		else
			login_fail(c);
		goto out;
	}
	e = account_login_ok(c->db, &c->acct, now);
	if (!e)
		e = session_create(c->db, c->acct.id, SESSION_LOGIN, "", 0, c->req->client, token,
		                   &c->ses);
	if (!e)
		e = api_audit(c, "login.success", "account", c->acct.id, AUDIT_SUCCESS, NULL);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (!api_tx_commit(c))
		goto out;
	if (policy_password_expired(&c->policy, c->acct.password_changed_at, now))
		c->acct.must_change = true;
	set_cookie(c, token, false);
	api_reply(c, 200, session_json(c, token));
out:
	sodium_memzero(password, sizeof(password));
	sodium_memzero(token, sizeof(token));
}

void api_session_get(struct api_ctx *c)
{
	api_reply(c, 200, session_json(c, NULL));
}

void api_session_delete(struct api_ctx *c)
{
	enum store_err e;

	if (!api_tx_begin(c))
		return;
	e = session_delete(c->db, c->ses.id);
	if (!e)
		e = api_audit(c, "logout", "account", c->acct.id, AUDIT_SUCCESS, NULL);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!api_tx_commit(c))
		return;
	set_cookie(c, "", true);
	api_no_content(c);
}

void api_session_password(struct api_ctx *c)
{
	static const char *const fields[] = {"old_password", "new_password", NULL};
	char oldp[POLICY_PASSWORD_MAX_BYTES + 1] = "", newp[POLICY_PASSWORD_MAX_BYTES + 1] = "";
	struct account full;
	enum policy_err pe;
	enum store_err e;

	if (api_only_fields(c, fields) ||
	    api_field_str(c, "old_password", oldp, sizeof(oldp), true) ||
	    api_field_str(c, "new_password", newp, sizeof(newp), true))
		goto out;
	if (account_get(c->db, c->acct.id, &full) != STORE_OK ||
	    !account_password_ok(&full, oldp)) {
		int locked;

		if (!api_tx_begin(c))
			goto out;
		locked = count_failure(c, "password.change", "wrong old password", bjtime_now_ms());
		if (locked < 0 || !api_tx_commit(c))
			goto out;
		if (locked)
			locked_reply(c, c->acct.locked_until);
		else
			api_error(c, 400, "invalid_credentials", "原密码错误", "wrong old password",
			          "old_password");
		goto out;
	}
	pe = policy_check_password(&c->policy, c->acct.username, oldp, newp);
	if (pe) {
		api_weak_password(c, pe, "new_password");
		goto out;
	}
	if (!api_tx_begin(c))
		goto out;
	e = account_set_password(c->db, c->acct.id, newp, false);
	/* a new password ends every other session and every API token */
	if (!e)
		e = session_delete_others(c->db, c->acct.id, c->ses.id);
	if (!e)
		e = api_audit(c, "password.change", "account", c->acct.id, AUDIT_SUCCESS, NULL);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_no_content(c);
out:
	sodium_memzero(&full, sizeof(full));
	sodium_memzero(oldp, sizeof(oldp));
	sodium_memzero(newp, sizeof(newp));
}

void api_tokens_list(struct api_ctx *c)
{
	json_t *items;
	int64_t total;
	int limit, offset;
	bool ok;
	enum store_err e;

	api_paging(c, &limit, &offset, &ok);
	if (!ok)
		return;
	e = token_list(c->db, c->acct.id, limit, offset, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

void api_tokens_create(struct api_ctx *c)
{
	static const char *const fields[] = {"name", "expires_days", NULL};
	char name[65] = "";
	char token[SESSION_TOKEN_LEN + 1];
	char exp[BJTIME_ISO_LEN];
	int days = 0;
	int64_t expires;
	struct session s;
	enum store_err e;

	if (api_only_fields(c, fields) || api_field_str(c, "name", name, sizeof(name), true) ||
	    api_field_int(c, "expires_days", &days, 1, 366, true))
		return;
	if (c->ses.kind != SESSION_LOGIN) {
		api_error(c, 403, "forbidden", "令牌不能再创建令牌", "a token cannot create tokens",
		          NULL);
		return;
	}
	expires = bjtime_now_ms() + (int64_t)days * 86400 * 1000;
	if (!api_tx_begin(c))
		return;
	e = session_create(c->db, c->acct.id, SESSION_API_TOKEN, name, expires, c->req->client,
	                   token, &s);
	if (!e)
		e = api_audit(c, "token.create", "token", s.id, AUDIT_SUCCESS,
		              json_pack("{ss si}", "name", name, "expires_days", days));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!api_tx_commit(c))
		return;
	bjtime_format_iso(expires, exp);
	api_reply(c, 201,
	          json_pack("{sI ss ss ss}", "id", (json_int_t)s.id, "name", name, "token", token,
	                    "expires_at", exp));
	sodium_memzero(token, sizeof(token));
}

void api_tokens_delete(struct api_ctx *c)
{
	enum store_err e;

	if (!api_tx_begin(c))
		return;
	e = token_delete(c->db, c->acct.id, c->id);
	if (!e)
		e = api_audit(c, "token.revoke", "token", c->id, AUDIT_SUCCESS, NULL);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_no_content(c);
}
