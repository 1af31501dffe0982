/*
 * api_accounts.c — accounts (system administrator), business roles
 * (security administrator), the password/lockout/session policy, and the
 * account directory (business users look colleagues up by name to assign
 * them work).
 *
 * The three administrator accounts are created by `baomi init` and cannot
 * be created, edited, disabled or have their passwords reset over the API:
 * otherwise the system administrator could take over the auditor's account
 * and the separation of the three would be void.
 */
#include "api.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../store/store_duty.h"
#include "../store/store_inspect.h"
#include "../util/bjtime.h"
#include "../util/utf8.h"

#define DIRECTORY_Q_MAX 64 /* bytes of the search text: a name, not a query language */
#define DIRECTORY_LIMIT 20
#define DIRECTORY_LIMIT_MAX 50

/*
 * Reads the account the route names.  A handler that changes it calls this
 * after api_tx_begin, so it decides on the account as it is under the write
 * lock, never on a copy read before.
 */
static bool load_target(struct api_ctx *c, struct account *a)
{
	enum store_err e = account_get(c->db, c->id, a);

	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	sodium_memzero(a->password_hash, sizeof(a->password_hash));
	return true;
}

static bool not_admin_account(struct api_ctx *c, const struct account *a)
{
	if (a->admin == ADMIN_NONE)
		return true;
	char id[24];

	snprintf(id, sizeof(id), "%lld", (long long)a->id);
	db_rollback(c->db); /* the refusal is recorded on its own */
	audit_append_tx(c->db, &c->actor, "account.denied", "account", id, AUDIT_DENIED, "{}");
	api_error(c, 403, "forbidden", "三员账户只能由本地命令行维护（baomi account）",
	          "administrator accounts are maintained only on the server's command line "
	          "(baomi account)",
	          NULL);
	return false;
}

static bool password_acceptable(struct api_ctx *c, const char *username, const char *pw,
                                const char *field)
{
	enum policy_err pe = policy_check_password(&c->policy, username, NULL, pw);

	if (pe) {
		api_weak_password(c, pe, field);
		return false;
	}
	return true;
}

static bool person_exists(struct api_ctx *c, int64_t id)
{
	struct person p;

	if (!id || person_get(c->db, id, &p) == STORE_OK)
		return true;
	api_error(c, 400, "invalid_field", "人员不存在", "no such person", "person_id");
	return false;
}

/*
 * Separation of duties ("the requester never approves", need-to-know) is
 * per person, so a person holds at most one enabled business account.
 * Decides inside the caller's transaction whether account `self` (0 for a
 * new one), enabled and linked to person_id, would be a second; answers 409
 * naming person_id when it would.
 */
static bool person_account_free(struct api_ctx *c, int64_t person_id, int64_t self)
{
	int64_t other = 0;
	enum store_err e;
	char zh[160], en[160];

	if (!person_id)
		return true;
	e = account_person_enabled(c->db, person_id, self, &other);
	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	if (!other)
		return true;
	snprintf(zh, sizeof(zh), "该人员已有启用的账户 #%lld，一人只能有一个启用的业务账户",
	         (long long)other);
	snprintf(en, sizeof(en),
	         "this person already has enabled account #%lld; a person holds at most one "
	         "enabled business account",
	         (long long)other);
	api_error(c, 409, "conflict", zh, en, "person_id");
	return false;
}

void api_accounts_list(struct api_ctx *c)
{
	json_t *items;
	int64_t total;
	int limit, offset;
	bool ok;
	enum store_err e;

	if (!api_require(c, PERM_ACCOUNT_READ))
		return;
	api_paging(c, &limit, &offset, &ok);
	if (!ok)
		return;
	e = account_list(c->db, limit, offset, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

void api_accounts_get(struct api_ctx *c)
{
	struct account a;

	if (!api_require(c, PERM_ACCOUNT_READ) || !load_target(c, &a))
		return;
	api_reply(c, 200, account_json(&a));
}

static bool username_ok(struct api_ctx *c, const char *u)
{
	size_t n = strlen(u);

	for (size_t i = 0; i < n; i++)
		if (!((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= '0' && u[i] <= '9') || u[i] == '.' ||
		      u[i] == '_' || u[i] == '-')) {
			api_error(c, 400, "invalid_field", "用户名只能包含小写字母、数字和 . _ -",
			          "user name may hold only a-z, 0-9 and . _ -", "username");
			return false;
		}
	if (n < 2) {
		api_error(c, 400, "invalid_field", "用户名至少2个字符",
		          "user name needs at least 2 characters", "username");
		return false;
	}
	return true;
}

void api_accounts_create(struct api_ctx *c)
{
	static const char *const fields[] = {"username", "display_name", "person_id", "password",
	                                     NULL};
	char pw[POLICY_PASSWORD_MAX_BYTES + 1] = "";
	struct account a;
	enum store_err e;

	memset(&a, 0, sizeof(a));
	if (!api_require(c, PERM_ACCOUNT_WRITE) || api_only_fields(c, fields) ||
	    api_field_str(c, "username", a.username, sizeof(a.username), true) ||
	    api_field_str(c, "display_name", a.display_name, sizeof(a.display_name), true) ||
	    api_field_id_or_null(c, "person_id", &a.person_id) ||
	    api_field_str(c, "password", pw, sizeof(pw), true))
		goto out;
	if (!username_ok(c, a.username) || !password_acceptable(c, a.username, pw, "password"))
		goto out;
	a.must_change = true;
	if (!api_tx_begin(c) || !person_exists(c, a.person_id) ||
	    !person_account_free(c, a.person_id, 0))
		goto out;
	e = account_insert(c->db, &a, pw);
	if (!e)
		e = api_audit(c, "account.create", "account", a.id, AUDIT_SUCCESS,
		              json_pack("{ss}", "username", a.username));
	if (e) {
		api_store_error(c, e, e == STORE_CONFLICT ? "username" : "person_id");
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, account_json(&a));
out:
	sodium_memzero(pw, sizeof(pw));
}

void api_accounts_update(struct api_ctx *c)
{
	static const char *const fields[] = {"display_name", "person_id", "disabled", NULL};
	struct account a;
	bool was_disabled;
	int64_t old_person;
	int moved = 0;
	enum store_err e;

	if (!api_require(c, PERM_ACCOUNT_WRITE) || api_only_fields(c, fields) || !api_tx_begin(c) ||
	    !load_target(c, &a) || !not_admin_account(c, &a))
		return;
	was_disabled = a.disabled;
	old_person = a.person_id;
	if (api_field_str(c, "display_name", a.display_name, sizeof(a.display_name), false) ||
	    api_field_id_or_null(c, "person_id", &a.person_id) ||
	    api_field_bool(c, "disabled", &a.disabled, false) || !person_exists(c, a.person_id))
		return;
	if (a.person_id != old_person && a.roles) {
		/* the linked person decides clearance and department: secadmin's business */
		api_error(
		    c, 403, "forbidden",
		    "该账户持有业务角色，须先由安全保密管理员撤销角色后再改变关联人员",
		    "the account holds business roles; the security administrator must revoke "
		    "them before its person link changes",
		    "person_id");
		return;
	}
	if (!a.disabled && (was_disabled || a.person_id != old_person) &&
	    !person_account_free(c, a.person_id, a.id))
		return;
	e = account_set_profile(c->db, &a);
	if (!e && a.disabled && !was_disabled) {
		e = session_delete_account(c->db, a.id, SESSION_LOGIN);
		if (!e)
			e = session_delete_account(c->db, a.id, SESSION_API_TOKEN);
		/* a disabled account's open incident tasks go to whoever is on duty in their role
		 */
		if (!e)
			e = duty_reassign_tasks(c->db, a.id, bjtime_now_ms(), c->actor.account_id,
			                        "account_disabled", &moved);
	}
	if (!e)
		e = api_audit(c,
		              a.disabled != was_disabled
		                  ? (a.disabled ? "account.disable" : "account.enable")
		                  : "account.update",
		              "account", a.id, AUDIT_SUCCESS,
		              moved ? json_pack("{si}", "tasks_reassigned", moved) : NULL);
	if (e) {
		api_store_error(c, e, "person_id");
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, account_json(&a));
}

void api_accounts_roles(struct api_ctx *c)
{
	static const char *const fields[] = {"roles", NULL};
	json_t *arr, *v;
	struct account a;
	uint32_t roles = 0, old;
	enum role_err re;
	enum store_err e;
	size_t i;

	if (!api_require(c, PERM_ROLE_GRANT) || api_only_fields(c, fields))
		return;
	arr = json_object_get(c->body, "roles");
	if (!json_is_array(arr)) {
		api_error(c, 400, "invalid_field", "roles 应为角色代码数组",
		          "roles must be an array of role codes", "roles");
		return;
	}
	json_array_foreach(arr, i, v)
	{
		uint32_t bit = json_is_string(v) ? role_parse(json_string_value(v)) : 0;

		if (!bit) {
			api_error(c, 400, "invalid_field", "未知角色（三员角色不能授予）",
			          "unknown role (administrator roles cannot be granted)", "roles");
			return;
		}
		roles |= bit;
	}
	if (!api_tx_begin(c) || !load_target(c, &a))
		return;
	re = role_check_combination(a.admin, roles);
	if (re) {
		api_audit(c, "account.roles", "account", a.id, AUDIT_DENIED, NULL);
		api_tx_commit(c);
		api_error(c, 403, "forbidden", role_err_zh(re), role_err_en(re), "roles");
		return;
	}
	/* an account left over from before the one-account rule gains no roles */
	if (roles && !a.disabled && !person_account_free(c, a.person_id, a.id))
		return;
	old = a.roles;
	a.roles = roles;
	e = account_set_roles(c->db, a.id, roles);
	if (!e)
		e = api_audit(
		    c, "account.roles", "account", a.id, AUDIT_SUCCESS,
		    json_pack("{sI sI}", "from", (json_int_t)old, "to", (json_int_t)roles));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, account_json(&a));
}

void api_accounts_reset(struct api_ctx *c)
{
	static const char *const fields[] = {"password", NULL};
	char pw[POLICY_PASSWORD_MAX_BYTES + 1] = "";
	struct account a;
	uint32_t old_roles;
	enum store_err e;

	if (!api_require(c, PERM_ACCOUNT_WRITE) || api_only_fields(c, fields) ||
	    api_field_str(c, "password", pw, sizeof(pw), true) || !api_tx_begin(c) ||
	    !load_target(c, &a))
		goto out;
	if (!not_admin_account(c, &a) || !password_acceptable(c, a.username, pw, "password"))
		goto out;
	/*
	 * A reset ends every session and token, and takes the business roles away:
	 * otherwise the system administrator could reset a confidentiality
	 * officer's password and read what the officer reads.  The security
	 * administrator grants the roles again once the holder is confirmed.
	 */
	old_roles = a.roles;
	e = account_set_password(c->db, a.id, pw, true);
	if (!e)
		e = session_delete_others(c->db, a.id, 0);
	if (!e && old_roles)
		e = account_set_roles(c->db, a.id, 0);
	if (!e)
		e = api_audit(c, "account.password_reset", "account", a.id, AUDIT_SUCCESS,
		              json_pack("{sI}", "roles_revoked", (json_int_t)old_roles));
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_no_content(c);
out:
	sodium_memzero(pw, sizeof(pw));
}

void api_accounts_unlock(struct api_ctx *c)
{
	struct account a;
	enum store_err e;

	/* the administrators' lockouts are lifted on the console only (baomi account) */
	if (!api_require(c, PERM_ACCOUNT_WRITE) || !api_tx_begin(c) || !load_target(c, &a) ||
	    !not_admin_account(c, &a))
		return;
	e = account_unlock(c->db, a.id);
	if (!e)
		e = api_audit(c, "account.unlock", "account", a.id, AUDIT_SUCCESS, NULL);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_no_content(c);
}

/* ---- account directory ---- */

/*
 * The rule is role_may_directory(): the roles that assign work, or an
 * inspector of an open campaign (asked of the store only when that could
 * decide it).  Answers 403, recorded, when the caller may not.
 */
static bool may_look_up(struct api_ctx *c)
{
	const struct actor *a = &c->actor;
	bool inspector = false;
	enum store_err e;

	if (role_may_directory(a->admin, a->roles, false))
		return true;
	if (role_may_directory(a->admin, a->roles, true)) {
		e = campaign_inspects_open(c->db, a->account_id, &inspector);
		if (e) {
			api_store_error(c, e, NULL);
			return false;
		}
		if (inspector)
			return true;
	}
	api_deny(c, "only roles that assign work, and inspectors of an open campaign, look "
	            "colleagues up");
	return false;
}

static void bad_q(struct api_ctx *c, const char *zh, const char *en)
{
	api_error(c, 400, "invalid_query", zh, en, "q");
}

/*
 * The text to look for: required, at most DIRECTORY_Q_MAX bytes of UTF-8
 * without control characters, spaces around it dropped.  Answers 400 naming
 * q and returns false when it is not.
 */
static bool directory_q(struct api_ctx *c, char out[DIRECTORY_Q_MAX + 1])
{
	const char *q = http_query(c->req, "q");
	size_t n;

	if (!q)
		q = "";
	while (*q == ' ')
		q++;
	n = strlen(q);
	while (n && q[n - 1] == ' ')
		n--;
	if (!n) {
		bad_q(c, "查询参数 q 必填（至少1个字符）",
		      "query parameter q is required (at least 1 character)");
		return false;
	}
	if (n > DIRECTORY_Q_MAX) {
		char zh[96], en[96];

		snprintf(zh, sizeof(zh), "查询参数 q 过长（最多%d字节）", DIRECTORY_Q_MAX);
		snprintf(en, sizeof(en), "query parameter q is too long (at most %d bytes)",
		         DIRECTORY_Q_MAX);
		bad_q(c, zh, en);
		return false;
	}
	if (utf8_check((const unsigned char *)q, n) != n) {
		bad_q(c, "查询参数 q 应为UTF-8文本", "query parameter q must be UTF-8 text");
		return false;
	}
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)q[i] < 0x20 || q[i] == 0x7f) {
			bad_q(c, "查询参数 q 不得包含控制字符",
			      "query parameter q must not contain control characters");
			return false;
		}
	memcpy(out, q, n);
	out[n] = '\0';
	return true;
}

/*
 * GET /api/v1/account-directory?q=TEXT&limit=N — the enabled business
 * accounts whose display name holds TEXT, as {id, display_name,
 * department}: enough to pick a colleague, nothing of their roles, status,
 * user name or clearance.  A lookup, not a staff list: q is required and
 * at most DIRECTORY_LIMIT_MAX come back.  The administrators are never
 * listed (no work is assigned to them).
 */
void api_directory_list(struct api_ctx *c)
{
	char q[DIRECTORY_Q_MAX + 1];
	int64_t limit = DIRECTORY_LIMIT, total;
	json_t *items;
	enum store_err e;

	if (!may_look_up(c) || !directory_q(c, q) ||
	    api_query_int(c, "limit", &limit, 1, DIRECTORY_LIMIT_MAX))
		return;
	e = account_directory(c->db, q, (int)limit, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

static json_t *policy_json(const struct policy *p)
{
	return json_pack("{si si si si si si}", "password_min_length", p->password_min_length,
	                 "password_min_classes", p->password_min_classes, "password_max_age_days",
	                 p->password_max_age_days, "lockout_threshold", p->lockout_threshold,
	                 "lockout_minutes", p->lockout_minutes, "session_idle_seconds",
	                 p->session_idle_seconds);
}

void api_policy_get(struct api_ctx *c)
{
	if (!api_require(c, PERM_POLICY_READ))
		return;
	api_reply(c, 200, policy_json(&c->policy));
}

void api_policy_put(struct api_ctx *c)
{
	static const char *const fields[] = {"password_min_length",
	                                     "password_min_classes",
	                                     "password_max_age_days",
	                                     "lockout_threshold",
	                                     "lockout_minutes",
	                                     "session_idle_seconds",
	                                     NULL};
	struct policy p = c->policy;
	const char *field = NULL;
	enum store_err e;

	/* PUT replaces the whole policy: every field is required (GET, change, PUT) */
	if (!api_require(c, PERM_POLICY_WRITE) || api_only_fields(c, fields) ||
	    api_field_int(c, "password_min_length", &p.password_min_length, 0, 1000, true) ||
	    api_field_int(c, "password_min_classes", &p.password_min_classes, 0, 1000, true) ||
	    api_field_int(c, "password_max_age_days", &p.password_max_age_days, 0, 100000, true) ||
	    api_field_int(c, "lockout_threshold", &p.lockout_threshold, 0, 1000, true) ||
	    api_field_int(c, "lockout_minutes", &p.lockout_minutes, 0, 100000, true) ||
	    api_field_int(c, "session_idle_seconds", &p.session_idle_seconds, 0, 1000000, true))
		return;
	if (policy_validate(&p, &field)) {
		char z[128], en[128];

		snprintf(z, sizeof(z), "%s 超出允许范围", field);
		snprintf(en, sizeof(en), "%s is out of the allowed range", field);
		api_error(c, 400, "invalid_field", z, en, field);
		return;
	}
	if (!api_tx_begin(c))
		return;
	e = policy_save(c->db, &p);
	if (!e)
		e = api_audit(c, "policy.update", "policy", 0, AUDIT_SUCCESS, policy_json(&p));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, policy_json(&p));
}
