/*
 * api.c — dispatch, authentication, CSRF, the connection pool and the
 * helpers every handler uses.
 */
#include "api.h"

#include <ctype.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../util/bjtime.h"

/* JSON trees hold passwords from request bodies: wipe every block jansson frees. */
static void json_free_wiped(void *p)
{
	if (p) {
		sodium_memzero(p, malloc_usable_size(p));
		free(p);
	}
}

int api_init(struct api *app, struct store *st, int pool_size, bool secure_cookie)
{
	memset(app, 0, sizeof(*app));
	json_set_alloc_funcs(malloc, json_free_wiped);
	app->st = st;
	app->secure_cookie = secure_cookie;
	if (pool_size < 1)
		pool_size = 1;
	if (pool_size > API_POOL_MAX)
		pool_size = API_POOL_MAX;
	pthread_mutex_init(&app->lock, NULL);
	pthread_mutex_init(&app->rl_lock, NULL);
	pthread_cond_init(&app->cond, NULL);
	for (int i = 0; i < pool_size; i++) {
		if (db_open(&app->pool[i], st) != STORE_OK) {
			api_release(app);
			return -1;
		}
		app->free_list[app->nfree++] = app->pool[i];
		app->npool++;
	}
	return 0;
}

void api_release(struct api *app)
{
	for (int i = 0; i < app->npool; i++)
		db_close(app->pool[i]);
	app->npool = app->nfree = 0;
	pthread_mutex_destroy(&app->lock);
	pthread_mutex_destroy(&app->rl_lock);
	pthread_cond_destroy(&app->cond);
}

bool api_login_rate_ok(struct api *app, const char *client, int64_t now_ms)
{
	uint32_t h = 2166136261u; /* FNV-1a of the address */
	struct api_rl_slot *slot;
	bool ok;

	for (const unsigned char *p = (const unsigned char *)client; *p; p++)
		h = (h ^ *p) * 16777619u;
	pthread_mutex_lock(&app->rl_lock);
	slot = &app->rl[h % API_RL_SLOTS];
	if (slot->hash != h || now_ms - slot->window_ms > 60 * 1000) {
		slot->hash = h;
		slot->count = 0;
		slot->window_ms = now_ms;
	}
	ok = ++slot->count <= API_LOGIN_RATE;
	pthread_mutex_unlock(&app->rl_lock);
	return ok;
}

static struct db *pool_get(struct api *app)
{
	struct db *db;

	pthread_mutex_lock(&app->lock);
	while (app->nfree == 0)
		pthread_cond_wait(&app->cond, &app->lock);
	db = app->free_list[--app->nfree];
	pthread_mutex_unlock(&app->lock);
	return db;
}

static void pool_put(struct api *app, struct db *db)
{
	db_rollback(db); /* a handler that failed mid-transaction leaves nothing behind */
	pthread_mutex_lock(&app->lock);
	app->free_list[app->nfree++] = db;
	pthread_cond_signal(&app->cond);
	pthread_mutex_unlock(&app->lock);
}

/* ---- replies ---- */

void api_reply(struct api_ctx *c, int status, json_t *obj)
{
	char *s;

	c->resp->status = status;
	c->resp->content_type = "application/json; charset=utf-8";
	buf_reset(&c->resp->body);
	if (!obj) {
		c->resp->status = 500;
		buf_puts(&c->resp->body,
		         "{\"error\":{\"code\":\"internal\",\"message\":\"内部错误\","
		         "\"message_en\":\"internal error\"}}");
		return;
	}
	s = json_dumps(obj, JSON_COMPACT | JSON_ENSURE_ASCII * 0);
	json_decref(obj);
	if (!s || buf_puts(&c->resp->body, s) != BUF_OK) {
		c->resp->status = 500;
		buf_reset(&c->resp->body);
		buf_puts(&c->resp->body,
		         "{\"error\":{\"code\":\"internal\",\"message\":\"响应过大\","
		         "\"message_en\":\"response too large\"}}");
	}
	free(s);
}

void api_reply_list(struct api_ctx *c, json_t *items, int64_t total)
{
	api_reply(c, 200, json_pack("{so sI}", "items", items, "total", (json_int_t)total));
}

void api_no_content(struct api_ctx *c)
{
	c->resp->status = 204;
	buf_reset(&c->resp->body);
}

void api_error(struct api_ctx *c, int status, const char *code, const char *zh, const char *en,
               const char *field)
{
	json_t *e = json_pack("{ss ss ss}", "code", code, "message", zh, "message_en", en);

	if (field)
		json_object_set_new(e, "field", json_string(field));
	api_reply(c, status, json_pack("{so}", "error", e));
}

void api_store_error(struct api_ctx *c, enum store_err e, const char *field)
{
	switch (e) {
	case STORE_OK:
		return;
	case STORE_NOTFOUND:
		api_error(c, 404, "not_found", "对象不存在", "not found", field);
		return;
	case STORE_CONFLICT:
		api_error(c, 409, "conflict", "该值已存在，不能重复", "this value already exists",
		          field);
		return;
	case STORE_INVALID:
		api_error(c, 400, "invalid_reference", "引用的对象不存在或取值不合规",
		          "a referenced object does not exist or a value is not allowed", field);
		return;
	case STORE_BUSY:
		api_error(c, 503, "busy", "系统繁忙，请稍后重试", "busy, try again", NULL);
		return;
	default:
		fprintf(stderr, "baomi: store error: %s\n", c->db->errmsg);
		api_error(c, 500, "internal", "内部错误", "internal error", NULL);
	}
}

void api_weak_password(struct api_ctx *c, enum policy_err pe, const char *field)
{
	char z[256], en[256];

	snprintf(z, sizeof(z), "%s（至少%d个字符，包含至少%d类字符，不得包含用户名）",
	         policy_err_zh(pe), c->policy.password_min_length, c->policy.password_min_classes);
	snprintf(en, sizeof(en),
	         "%s (at least %d characters of at least %d classes, not containing the user name)",
	         policy_err_en(pe), c->policy.password_min_length, c->policy.password_min_classes);
	api_error(c, 400, "weak_password", z, en, field);
}

/* ---- audit ---- */

/*
 * Detail keys that name people by id, as person ids or account ids.  The
 * auditor reads the log but not the person directory (三员分立), so the
 * record carries the names of those it names, as written: "names":
 * {"witnesses": ["李四", "王五"]}.  The log then reads 监销人：李四、王五, and a
 * search by a name finds the record.
 */
static const char *const audit_person_keys[] = {
    "person_id",  "returned_by",  "reader",   "supervisor_id", "witnesses",
    "companions", "readers",      "notified", "custodian_id",  "handler_id",
    "holder_id",  "scope_people", NULL};
static const char *const audit_account_keys[] = {"assignee_id", "inspectors", "responsible",
                                                 "responsible_id", NULL};

static bool key_in(const char *const *keys, const char *k)
{
	for (; *keys; keys++)
		if (strcmp(*keys, k) == 0)
			return true;
	return false;
}

/* The name of one person or account id, or NULL when there is none. */
static json_t *audit_name_of(struct api_ctx *c, bool person, json_t *v)
{
	int64_t id = json_is_integer(v) ? json_integer_value(v) : 0;

	if (id <= 0)
		return NULL;
	if (person) {
		struct person p;

		return person_get(c->db, id, &p) == STORE_OK ? json_string(p.name) : NULL;
	} else {
		struct account a;

		if (account_get(c->db, id, &a) != STORE_OK)
			return NULL;
		sodium_memzero(a.password_hash, sizeof(a.password_hash));
		return json_string(a.display_name);
	}
}

/* Adds "names" to a detail object that names people by id (see above). */
static void audit_add_names(struct api_ctx *c, json_t *detail)
{
	json_t *names = NULL, *v;
	const char *k;

	if (!json_is_object(detail) || json_object_get(detail, "names"))
		return;
	json_object_foreach(detail, k, v)
	{
		bool person = key_in(audit_person_keys, k);
		json_t *n = NULL;

		if (!person && !key_in(audit_account_keys, k))
			continue;
		if (json_is_array(v)) {
			size_t i;
			json_t *x;

			n = json_array();
			json_array_foreach(v, i, x)
			{
				json_t *one = audit_name_of(c, person, x);

				json_array_append_new(n, one ? one : json_string(""));
			}
		} else {
			n = audit_name_of(c, person, v);
		}
		if (!n)
			continue;
		if (!names)
			names = json_object();
		json_object_set_new(names, k, n);
	}
	if (names)
		json_object_set_new(detail, "names", names);
}

enum store_err api_audit(struct api_ctx *c, const char *event, const char *otype, int64_t oid,
                         enum audit_result result, json_t *detail)
{
	char id[24] = "";
	char *d = NULL;
	enum store_err ret;

	if (oid)
		snprintf(id, sizeof(id), "%lld", (long long)oid);
	if (detail) {
		audit_add_names(c, detail);
		d = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(detail);
	}
	ret = audit_append(c->db, &c->actor, event, otype, id, result, d ? d : "{}");
	free(d);
	return ret;
}

bool api_tx_begin(struct api_ctx *c)
{
	enum store_err e = db_begin(c->db);

	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	return true;
}

bool api_tx_commit(struct api_ctx *c)
{
	enum store_err e = db_commit(c->db);

	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	return true;
}

void api_deny(struct api_ctx *c, const char *why)
{
	char detail[512];
	json_t *d =
	    json_pack("{ss ss ss}", "method", c->req->method, "path", c->req->path, "why", why);
	char *s = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);

	snprintf(detail, sizeof(detail), "%s", s ? s : "{}");
	free(s);
	json_decref(d);
	db_rollback(c->db); /* nothing the handler wrote before refusing stays */
	audit_append_tx(c->db, &c->actor, "access.denied", "route", "", AUDIT_DENIED, detail);
	api_error(c, 403, "forbidden", "无权执行此操作", "you are not allowed to do this", NULL);
}

/* Whether to write this refusal; *reported gets the repeats left unwritten before it. */
static bool hidden_rate_ok(struct api *app, int64_t account_id, const char *otype, int64_t now_ms,
                           int *reported)
{
	uint32_t h = 2166136261u; /* FNV-1a of the account id and the object type */
	struct api_hidden_slot *slot;
	bool ok;

	for (int i = 0; i < 8; i++)
		h = (h ^ (uint8_t)((uint64_t)account_id >> (8 * i))) * 16777619u;
	for (const unsigned char *p = (const unsigned char *)otype; *p; p++)
		h = (h ^ *p) * 16777619u;
	*reported = 0;
	pthread_mutex_lock(&app->rl_lock);
	slot = &app->hidden[h % API_HIDDEN_SLOTS];
	if (slot->hash != h || now_ms - slot->window_ms > 60 * 1000) {
		if (slot->hash == h)
			*reported = slot->suppressed;
		slot->hash = h;
		slot->count = 0;
		slot->suppressed = 0;
		slot->window_ms = now_ms;
	}
	ok = ++slot->count <= API_HIDDEN_RATE;
	if (!ok)
		slot->suppressed++;
	pthread_mutex_unlock(&app->rl_lock);
	return ok;
}

void api_hidden(struct api_ctx *c, const char *otype, int64_t oid, const char *zh, const char *en)
{
	int repeats = 0;

	db_rollback(c->db);
	if (hidden_rate_ok(c->app, c->actor.account_id, otype, bjtime_now_ms(), &repeats)) {
		json_t *d = json_pack("{ss ss ss}", "method", c->req->method, "path", c->req->path,
		                      "why", "not found or outside need-to-know");
		char id[24] = "", *s;

		if (repeats)
			json_object_set_new(d, "unrecorded_repeats", json_integer(repeats));
		s = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(d);
		if (oid)
			snprintf(id, sizeof(id), "%lld", (long long)oid);
		audit_append_tx(c->db, &c->actor, "access.denied", otype, id, AUDIT_DENIED,
		                s ? s : "{}");
		free(s);
	}
	api_error(c, 404, "not_found", zh, en, NULL);
}

bool api_require(struct api_ctx *c, enum perm p)
{
	char why[32];

	if (role_may(c->actor.admin, c->actor.roles, p))
		return true;
	snprintf(why, sizeof(why), "perm %d", (int)p);
	api_deny(c, why);
	return false;
}

/* ---- request fields ---- */

static int bad_field(struct api_ctx *c, const char *field, const char *zh, const char *en)
{
	char z[256], e[256];

	snprintf(z, sizeof(z), "字段 %s：%s", field, zh);
	snprintf(e, sizeof(e), "field %s: %s", field, en);
	api_error(c, 400, "invalid_field", z, e, field);
	return -1;
}

int api_refuse_null(struct api_ctx *c, const char *field)
{
	return bad_field(c, field, "不能为null", "must not be null");
}

int api_only_keys(struct api_ctx *c, json_t *obj, const char *path, const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		bool ok = false;

		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				ok = true;
		if (!ok) {
			char name[64], full[128];
			size_t n = strlen(key);

			/* cut a long name on a UTF-8 character boundary */
			if (n > sizeof(name) - 1) {
				n = sizeof(name) - 1;
				while (n > 0 && ((unsigned char)key[n] & 0xc0) == 0x80)
					n--;
			}
			memcpy(name, key, n);
			name[n] = '\0';
			snprintf(full, sizeof(full), "%s%s%s", path, *path ? "." : "", name);
			return bad_field(c, full, "未知字段", "unknown field");
		}
	}
	return 0;
}

int api_only_fields(struct api_ctx *c, const char *const *allowed)
{
	return api_only_keys(c, c->body, "", allowed);
}

/*
 * The value of a body field, or NULL when it is absent.  A null where the
 * field is not nullable answers 400 and sets *refused; absent and required
 * answers 400 too.
 */
static json_t *field_value(struct api_ctx *c, const char *field, bool required, bool nullable,
                           bool *refused)
{
	json_t *v = c->body ? json_object_get(c->body, field) : NULL;

	*refused = true;
	if (!v && required)
		bad_field(c, field, "必填", "is required");
	else if (v && json_is_null(v) && (required || !nullable))
		api_refuse_null(c, field);
	else
		*refused = false;
	return v;
}

int api_field_str(struct api_ctx *c, const char *field, char *out, size_t cap, bool required)
{
	bool refused;
	json_t *v = field_value(c, field, required, false, &refused);
	const char *s;
	size_t n;

	if (refused)
		return -1;
	if (!v)
		return 0;
	if (!json_is_string(v))
		return bad_field(c, field, "应为字符串", "must be a string");
	s = json_string_value(v);
	n = json_string_length(v);
	if (n >= cap) {
		char z[64], e[64];

		snprintf(z, sizeof(z), "过长（最多%zu字节）", cap - 1);
		snprintf(e, sizeof(e), "too long (at most %zu bytes)", cap - 1);
		return bad_field(c, field, z, e);
	}
	if (strlen(s) != n)
		return bad_field(c, field, "不得包含NUL字符", "must not contain NUL");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
			return bad_field(c, field, "不得包含控制字符",
			                 "must not contain control characters");
	if (required) {
		const char *t = s;

		while (*t == ' ')
			t++;
		if (!*t)
			return bad_field(c, field, "不能为空", "must not be empty");
	}
	memcpy(out, s, n + 1);
	return 0;
}

static int field_id(struct api_ctx *c, const char *field, int64_t *out, bool required,
                    bool nullable)
{
	bool refused;
	json_t *v = field_value(c, field, required, nullable, &refused);

	if (refused)
		return -1;
	if (!v)
		return 0;
	if (json_is_null(v)) {
		*out = 0;
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return bad_field(c, field, "应为正整数编号", "must be a positive integer id");
	*out = json_integer_value(v);
	return 0;
}

int api_field_id(struct api_ctx *c, const char *field, int64_t *out, bool required)
{
	return field_id(c, field, out, required, false);
}

int api_field_id_or_null(struct api_ctx *c, const char *field, int64_t *out)
{
	return field_id(c, field, out, false, true);
}

int api_field_int(struct api_ctx *c, const char *field, int *out, int lo, int hi, bool required)
{
	bool refused;
	json_t *v = field_value(c, field, required, false, &refused);

	if (refused)
		return -1;
	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
		char z[96], e[96];

		snprintf(z, sizeof(z), "应为%d到%d之间的整数", lo, hi);
		snprintf(e, sizeof(e), "must be an integer from %d to %d", lo, hi);
		return bad_field(c, field, z, e);
	}
	*out = (int)json_integer_value(v);
	return 0;
}

int api_field_bool(struct api_ctx *c, const char *field, bool *out, bool required)
{
	bool refused;
	json_t *v = field_value(c, field, required, false, &refused);

	if (refused)
		return -1;
	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return bad_field(c, field, "应为true或false", "must be true or false");
	*out = json_is_true(v);
	return 0;
}

static int field_date(struct api_ctx *c, const char *field, int32_t *out, bool required,
                      bool nullable)
{
	bool refused;
	json_t *v = field_value(c, field, required, nullable, &refused);

	if (refused)
		return -1;
	if (!v)
		return 0;
	if (json_is_null(v)) {
		*out = PERSON_NO_DATE;
		return 0;
	}
	if (!json_is_string(v) || bjtime_parse_date(json_string_value(v), out) != 0)
		return bad_field(c, field, "应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD");
	return 0;
}

int api_field_date(struct api_ctx *c, const char *field, int32_t *out, bool required)
{
	return field_date(c, field, out, required, false);
}

int api_field_date_or_null(struct api_ctx *c, const char *field, int32_t *out)
{
	return field_date(c, field, out, false, true);
}

int api_query_int(struct api_ctx *c, const char *name, int64_t *out, int64_t lo, int64_t hi)
{
	const char *s = http_query(c->req, name);
	char *end;
	long long v;

	if (!s)
		return 0;
	/* digits only: "", " 1", "1 " and "+1" are refused, not read as absent or trimmed */
	v = strtoll(s, &end, 10);
	if (!(isdigit((unsigned char)*s) || (*s == '-' && isdigit((unsigned char)s[1]))) || *end ||
	    v < lo || v > hi) {
		char z[128], e[128];

		snprintf(z, sizeof(z), "查询参数 %s 应为%lld到%lld之间的整数", name, (long long)lo,
		         (long long)hi);
		snprintf(e, sizeof(e), "query parameter %s must be an integer from %lld to %lld",
		         name, (long long)lo, (long long)hi);
		api_error(c, 400, "invalid_query", z, e, name);
		return -1;
	}
	*out = v;
	return 0;
}

void api_paging(struct api_ctx *c, int *limit, int *offset, bool *ok)
{
	int64_t l = 50, o = 0;

	*ok = api_query_int(c, "limit", &l, 1, 500) == 0 &&
	      api_query_int(c, "offset", &o, 0, INT32_MAX) == 0;
	*limit = (int)l;
	*offset = (int)o;
}

/* ---- authentication ---- */

static const char *bearer_token(const struct http_request *r)
{
	const char *h = http_header(r, "Authorization");

	if (h && strncasecmp(h, "Bearer ", 7) == 0)
		return h + 7;
	return NULL;
}

static bool token_shape_ok(const char *t)
{
	size_t n = strlen(t);

	if (n != SESSION_TOKEN_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z') ||
		      (t[i] >= '0' && t[i] <= '9') || t[i] == '-' || t[i] == '_'))
			return false;
	return true;
}

static void fill_actor(struct api_ctx *c)
{
	c->actor.account_id = c->acct.id;
	c->actor.username = c->acct.username;
	c->actor.admin = c->acct.admin;
	c->actor.roles = c->acct.roles;
	c->actor.person_id = c->acct.person_id;
	c->actor.department_id = 0;
	if (c->acct.person_id) {
		struct person p;

		if (person_get(c->db, c->acct.person_id, &p) == STORE_OK)
			c->actor.department_id = p.department_id;
	}
}

/* Returns true when the request carries a live session or token. */
static bool authenticate(struct api_ctx *c)
{
	const char *tok = bearer_token(c->req);
	int64_t now = bjtime_now_ms();
	enum store_err e;

	c->via_cookie = false;
	if (!tok) {
		tok = http_cookie(c->req, "baomi_session");
		c->via_cookie = tok != NULL;
	}
	if (!tok || !token_shape_ok(tok))
		goto unauth;
	e = session_lookup(c->db, tok, &c->ses);
	if (e)
		goto unauth;
	if (c->via_cookie && c->ses.kind != SESSION_LOGIN)
		goto unauth; /* API tokens are for the Authorization header only */
	if (c->ses.kind == SESSION_LOGIN &&
	    policy_session_idle(&c->policy, c->ses.last_seen, now)) {
		session_delete(c->db, c->ses.id);
		api_error(c, 401, "session_expired", "会话已超时，请重新登录",
		          "session expired, log in again", NULL);
		return false;
	}
	if (c->ses.kind == SESSION_API_TOKEN && c->ses.expires_at && c->ses.expires_at < now)
		goto unauth;
	if (account_get(c->db, c->ses.account_id, &c->acct) || c->acct.disabled)
		goto unauth;
	sodium_memzero(c->acct.password_hash, sizeof(c->acct.password_hash));
	if (policy_password_expired(&c->policy, c->acct.password_changed_at, now))
		c->acct.must_change = true;
	{
		/*
		 * Record activity at most every quarter of the idle timeout (15 s at
		 * most): a read then costs no write, and the session still ends
		 * within the timeout of the last activity, give or take that quarter.
		 */
		int64_t every = (int64_t)c->policy.session_idle_seconds * 250;

		if (every > 15000)
			every = 15000;
		if (now - c->ses.last_seen >= every)
			session_touch(c->db, c->ses.id, now);
	}
	c->authed = true;
	fill_actor(c);
	return true;
unauth:
	api_error(c, 401, "unauthenticated", "未登录或登录已失效", "not logged in", NULL);
	return false;
}

static bool csrf_ok(struct api_ctx *c)
{
	const char *m = c->req->method;
	const char *h;

	if (!c->via_cookie || strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return true;
	h = http_header(c->req, "X-CSRF-Token");
	return h && strlen(h) == strlen(c->ses.csrf) && c->ses.csrf[0] &&
	       sodium_memcmp(h, c->ses.csrf, strlen(h)) == 0;
}

static bool parse_body(struct api_ctx *c)
{
	json_error_t err;
	const char *ct = http_header(c->req, "Content-Type");

	if (ct && strncasecmp(ct, "application/json", 16) != 0) {
		api_error(c, 415, "unsupported_media_type", "请求体须为 application/json",
		          "request body must be application/json", NULL);
		return false;
	}
	c->body = json_loadb(c->req->body, c->req->body_len, JSON_REJECT_DUPLICATES, &err);
	if (!c->body) {
		char z[300], e[300];

		snprintf(z, sizeof(z), "JSON 格式错误（第%d行第%d列）：%s", err.line, err.column,
		         err.text);
		snprintf(e, sizeof(e), "malformed JSON (line %d, column %d): %s", err.line,
		         err.column, err.text);
		api_error(c, 400, "bad_json", z, e, NULL);
		return false;
	}
	if (!json_is_object(c->body)) {
		api_error(c, 400, "bad_json", "请求体须为 JSON 对象",
		          "request body must be a JSON object", NULL);
		return false;
	}
	return true;
}

/*
 * A route called in process as a named account, without a session: the
 * demo seeds its unit through the same handlers, rules and audit records a
 * user's requests go through (the audit source says "demo").  The forced
 * password change does not apply; nothing over HTTP reaches this.
 */
int api_call_as(struct api *app, const char *username, const char *method, const char *path,
                json_t *body, json_t **out)
{
	return api_call_raw_as(app, username, method, path, body, NULL, 0, out);
}

int api_call_raw_as(struct api *app, const char *username, const char *method, const char *path,
                    json_t *body, const void *raw, size_t rawlen, json_t **out)
{
	struct http_request req;
	struct http_response resp;
	struct api_ctx c;
	char p[512], *q, *save = NULL;
	int status = 500;

	memset(&req, 0, sizeof(req));
	memset(&c, 0, sizeof(c));
	snprintf(p, sizeof(p), "%s", path);
	q = strchr(p, '?');
	if (q) {
		*q++ = '\0';
		for (char *kv = strtok_r(q, "&", &save); kv && req.nquery < HTTP_MAX_PAIRS;
		     kv = strtok_r(NULL, "&", &save)) {
			char *eq = strchr(kv, '=');

			if (eq)
				*eq++ = '\0';
			req.query[req.nquery].name = kv;
			req.query[req.nquery++].value = eq ? eq : "";
		}
	}
	req.method = method;
	req.path = p;
	req.body = raw ? raw : "";
	req.body_len = raw ? rawlen : 0;
	snprintf(req.client, sizeof(req.client), "demo");
	http_response_init(&resp, 16u << 20);
	c.app = app;
	c.req = &req;
	c.resp = &resp;
	c.actor.source = req.client;
	for (int i = 0; i < api_nroutes; i++) {
		const struct api_route *r = &api_routes[i];

		if (strcmp(r->method, method) || !api_route_match(r->pattern, p, &c.id))
			continue;
		c.db = pool_get(app);
		if (policy_load(c.db, &c.policy) != STORE_OK)
			policy_defaults(&c.policy);
		if (account_by_name(c.db, username, &c.acct) == STORE_OK) {
			sodium_memzero(c.acct.password_hash, sizeof(c.acct.password_hash));
			c.authed = true;
			fill_actor(&c);
			if (r->flags & API_BODY)
				c.body = body ? json_incref(body) : json_object();
			r->fn(&c);
			json_decref(c.body);
			status = resp.status;
		}
		pool_put(app, c.db);
		break;
	}
	if (out)
		*out = resp.body.len ? json_loadb(resp.body.ptr, resp.body.len, 0, NULL) : NULL;
	http_response_release(&resp);
	return status;
}

void api_handle(void *appv, const struct http_request *req, struct http_response *resp)
{
	struct api *app = appv;
	struct api_ctx c;
	const struct api_route *route = NULL;
	bool path_known = false;
	int64_t id = 0;

	memset(&c, 0, sizeof(c));
	c.app = app;
	c.req = req;
	c.resp = resp;
	c.actor.source = req->client;
	c.actor.username = "";

	if (strcmp(req->path, "/") == 0 || strncmp(req->path, "/ui/", 4) == 0) {
		if (strcmp(req->method, "GET") && strcmp(req->method, "HEAD")) {
			api_error(&c, 405, "method_not_allowed", "不支持该请求方法",
			          "method not allowed", NULL);
			return;
		}
		api_ui_asset(&c);
		return;
	}
	for (int i = 0; i < api_nroutes; i++) {
		if (!api_route_match(api_routes[i].pattern, req->path, &id))
			continue;
		path_known = true;
		if (strcmp(api_routes[i].method, req->method) == 0) {
			route = &api_routes[i];
			break;
		}
	}
	if (!route) {
		if (path_known)
			api_error(&c, 405, "method_not_allowed", "不支持该请求方法",
			          "method not allowed", NULL);
		else
			api_error(&c, 404, "not_found", "没有这个地址", "no such path", NULL);
		return;
	}
	c.id = id;
	c.db = pool_get(app);
	if (policy_load(c.db, &c.policy) != STORE_OK)
		policy_defaults(&c.policy);
	if (!(route->flags & API_PUBLIC)) {
		if (!authenticate(&c))
			goto out;
		if (!csrf_ok(&c)) {
			audit_append_tx(c.db, &c.actor, "access.csrf", "route", "", AUDIT_DENIED,
			                "{}");
			api_error(&c, 403, "csrf_failed", "缺少或错误的 CSRF 令牌",
			          "missing or wrong CSRF token (X-CSRF-Token header)", NULL);
			goto out;
		}
		if (c.acct.must_change && !(route->flags & API_MUST_CHANGE_OK)) {
			api_error(&c, 403, "password_change_required", "请先修改初始密码或过期密码",
			          "change your initial or expired password first", NULL);
			goto out;
		}
	}
	if (req->query_nul) {
		/* the name is the client's own text, so only `field` carries it */
		api_error(&c, 400, "invalid_query", "查询参数不得包含NUL字符",
		          "query parameters must not contain NUL", req->query_nul);
		goto out;
	}
	if ((route->flags & API_BODY) && !parse_body(&c))
		goto out;
	route->fn(&c);
out:
	if (c.body)
		json_decref(c.body);
	sodium_memzero(&c.acct.password_hash, sizeof(c.acct.password_hash));
	pool_put(app, c.db);
}
