/*
 * api_plan.c — emergency plans as data (templates, editing, approval,
 * filing, revision), warnings (预警: publish, adjust, lift) and the
 * working-day calendar.
 */
#include "api_incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/bjtime.h"

static const char *const template_paths[] = {"plans/leak.json", "plans/cyber.json", NULL};

/* ---- plan body validation ---- */

struct vctx {
	struct api_ctx *c;
	char path[128];
};

static int vfail(struct vctx *v, const char *zh, const char *en)
{
	api_error(v->c, 400, "invalid_field", zh, en, v->path);
	return -1;
}

static bool code_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 32)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return false;
	return true;
}

static bool text_ok(json_t *v, size_t max, bool required)
{
	if (!v)
		return !required;
	return json_is_string(v) && json_string_length(v) <= max &&
	       strlen(json_string_value(v)) == json_string_length(v) &&
	       (!required || json_string_length(v) > 0);
}

static int only_keys(struct vctx *v, json_t *o, const char *const *keys)
{
	const char *k;
	json_t *x;
	size_t base = strlen(v->path);

	json_object_foreach(o, k, x)
	{
		bool ok = false;

		for (const char *const *p = keys; *p; p++)
			if (!strcmp(*p, k))
				ok = true;
		if (!ok) {
			snprintf(v->path + base, sizeof(v->path) - base, ".%.40s", k);
			return vfail(v, "未知字段", "unknown field");
		}
	}
	return 0;
}

static int check_duty(struct vctx *v, json_t *d, bool first, json_t *seen)
{
	static const char *const keys[] = {"code",      "to",       "what",   "amount",
	                                   "unit",      "from",     "levels", "escalate_to",
	                                   "recipient", "superior", NULL};
	size_t base = strlen(v->path), i;
	enum dl_unit u;
	enum dl_anchor a;
	json_t *l;
	const char *code = json_string_value(json_object_get(d, "code"));
	const char *esc = json_string_value(json_object_get(d, "escalate_to"));

#define AT(f) snprintf(v->path + base, sizeof(v->path) - base, "." f)
	if (!json_is_object(d))
		return vfail(v, "应为对象", "must be an object");
	if (only_keys(v, d, keys))
		return -1;
	AT("code");
	if (!code_ok(code))
		return vfail(v, "应为1–32位小写字母、数字或-", "must be 1-32 of a-z, 0-9, -");
	if (json_object_get(seen, code))
		return vfail(v, "同一报告链中代码重复", "duplicate code in the chain");
	json_object_set_new(seen, code, json_true());
	AT("to");
	if (!text_ok(json_object_get(d, "to"), 256, true))
		return vfail(v, "必填（最多256字节）", "is required (at most 256 bytes)");
	AT("what");
	if (!text_ok(json_object_get(d, "what"), 512, false))
		return vfail(v, "应为字符串（最多512字节）",
		             "must be a string (at most 512 bytes)");
	AT("unit");
	if (dl_unit_parse(json_string_value(json_object_get(d, "unit")), &u))
		return vfail(v, "应为 minutes/hours/days/workdays",
		             "must be minutes, hours, days or workdays");
	AT("amount");
	if (!json_is_integer(json_object_get(d, "amount")) ||
	    json_integer_value(json_object_get(d, "amount")) < 1 ||
	    json_integer_value(json_object_get(d, "amount")) > dl_amount_max(u))
		return vfail(v, "时限数值超出范围", "amount out of range for its unit");
	AT("from");
	if (dl_anchor_parse(json_string_value(json_object_get(d, "from")), &a))
		return vfail(v, "应为 discovered/reported/previous/graded/handled/investigated",
		             "must be discovered, reported, previous, graded, handled or "
		             "investigated");
	if (a == DL_FROM_PREVIOUS && first)
		return vfail(v, "报告链的第一项不能从上一项起算",
		             "the first duty of a chain cannot count from the previous one");
	AT("levels");
	l = json_object_get(d, "levels");
	if (l && !json_is_array(l))
		return vfail(v, "应为级别数组（空数组表示所有事件）",
		             "must be an array of levels (empty: every incident)");
	json_array_foreach(l, i, l)
	{
		enum inc_level lv;

		if (!json_is_string(l) || inc_level_parse(json_string_value(l), &lv) ||
		    lv == IL_NONE)
			return vfail(v, "级别应为 I/II/III/IV", "levels must be I, II, III or IV");
	}
	AT("recipient");
	if (!text_ok(json_object_get(d, "recipient"), 128, false))
		return vfail(v, "应为字符串（最多128字节）",
		             "must be a string (at most 128 bytes)");
	AT("superior");
	if (json_object_get(d, "superior") && !json_is_boolean(json_object_get(d, "superior")))
		return vfail(v, "应为 true 或 false", "must be true or false");
	AT("escalate_to");
	if (esc && *esc && !role_parse(esc))
		return vfail(v, "应为角色代码（如 leader、command）",
		             "must be a role code (leader, command ...)");
#undef AT
	v->path[base] = '\0';
	return 0;
}

static int check_playbook(struct vctx *v, json_t *pb, json_t *seen)
{
	static const char *const keys[] = {"code", "name", "categories", "steps", NULL};
	static const char *const skeys[] = {"phase", "title", "role", "due_minutes", NULL};
	size_t base = strlen(v->path), i;
	json_t *x;
	const char *code = json_string_value(json_object_get(pb, "code"));

	if (!json_is_object(pb))
		return vfail(v, "应为对象", "must be an object");
	if (only_keys(v, pb, keys))
		return -1;
	snprintf(v->path + base, sizeof(v->path) - base, ".code");
	if (!code_ok(code))
		return vfail(v, "应为1–32位小写字母、数字或-", "must be 1-32 of a-z, 0-9, -");
	if (json_object_get(seen, code))
		return vfail(v, "处置指南代码重复", "duplicate playbook code");
	json_object_set_new(seen, code, json_true());
	snprintf(v->path + base, sizeof(v->path) - base, ".name");
	if (!text_ok(json_object_get(pb, "name"), 256, true))
		return vfail(v, "必填（最多256字节）", "is required (at most 256 bytes)");
	snprintf(v->path + base, sizeof(v->path) - base, ".categories");
	if (!json_is_array(json_object_get(pb, "categories")))
		return vfail(v, "应为事件类别代码数组（* 表示全部）",
		             "must be an array of category codes (* for all)");
	json_array_foreach(json_object_get(pb, "categories"), i, x)
	{
		enum inc_category cat;
		const char *s = json_string_value(x);

		if (!s || (strcmp(s, "*") && inc_category_parse(s, &cat)))
			return vfail(v, "未知的事件类别", "unknown incident category");
	}
	if (!json_is_array(json_object_get(pb, "steps")) ||
	    json_array_size(json_object_get(pb, "steps")) > 32) {
		snprintf(v->path + base, sizeof(v->path) - base, ".steps");
		return vfail(v, "应为步骤数组（最多32项）", "must be an array of at most 32 steps");
	}
	json_array_foreach(json_object_get(pb, "steps"), i, x)
	{
		json_t *due = json_object_get(x, "due_minutes");
		const char *role = json_string_value(json_object_get(x, "role"));

		snprintf(v->path + base, sizeof(v->path) - base, ".steps[%zu]", i);
		if (!json_is_object(x))
			return vfail(v, "应为对象", "must be an object");
		if (only_keys(v, x, skeys))
			return -1;
		snprintf(v->path + base, sizeof(v->path) - base, ".steps[%zu].title", i);
		if (!text_ok(json_object_get(x, "title"), 512, true))
			return vfail(v, "必填（最多512字节）", "is required (at most 512 bytes)");
		snprintf(v->path + base, sizeof(v->path) - base, ".steps[%zu].phase", i);
		if (!text_ok(json_object_get(x, "phase"), 32, false))
			return vfail(v, "应为字符串（最多32字节）",
			             "must be a string (at most 32 bytes)");
		snprintf(v->path + base, sizeof(v->path) - base, ".steps[%zu].role", i);
		if (role && *role && !role_parse(role))
			return vfail(v, "应为角色代码", "must be a role code");
		snprintf(v->path + base, sizeof(v->path) - base, ".steps[%zu].due_minutes", i);
		if (due && (!json_is_integer(due) || json_integer_value(due) < 0 ||
		            json_integer_value(due) > 525600))
			return vfail(v, "应为0–525600之间的分钟数",
			             "must be minutes between 0 and 525600");
	}
	v->path[base] = '\0';
	return 0;
}

/*
 * The plan's own warning scale (预警分级), most severe first: 1 to 4 levels,
 * each {code, name, color, meaning}; warnings under the plan are stored by
 * their rank in it and shown by its names.
 */
static int check_warning_levels(struct vctx *v, json_t *levels)
{
	static const char *const keys[] = {"code", "name", "color", "meaning", NULL};
	json_t *x, *seen;
	size_t i;
	int ret = -1;

	if (!levels)
		return 0;
	snprintf(v->path, sizeof(v->path), "body.warning_levels");
	if (!json_is_array(levels) || !json_array_size(levels) || json_array_size(levels) > 4)
		return vfail(v, "应为1–4个预警级别（由高到低）",
		             "must be an array of 1 to 4 warning levels, most severe first");
	seen = json_object();
	json_array_foreach(levels, i, x)
	{
		const char *code = json_string_value(json_object_get(x, "code"));
		const char *name = json_string_value(json_object_get(x, "name"));

		snprintf(v->path, sizeof(v->path), "body.warning_levels[%zu]", i);
		if (!json_is_object(x)) {
			vfail(v, "应为对象", "must be an object");
			goto out;
		}
		if (only_keys(v, x, keys))
			goto out;
		snprintf(v->path, sizeof(v->path), "body.warning_levels[%zu].code", i);
		if (!text_ok(json_object_get(x, "code"), 8, true) || json_object_get(seen, code)) {
			vfail(v, "必填（最多8字节），且不得重复",
			      "is required (at most 8 bytes), unique");
			goto out;
		}
		json_object_set_new(seen, code, json_true());
		snprintf(v->path, sizeof(v->path), "body.warning_levels[%zu].name", i);
		if (!text_ok(json_object_get(x, "name"), 64, true) ||
		    (strcmp(name, code) && json_object_get(seen, name))) {
			vfail(v, "必填（最多64字节），且不得与其他级别重复",
			      "is required (at most 64 bytes), unique");
			goto out;
		}
		json_object_set_new(seen, name, json_true());
		snprintf(v->path, sizeof(v->path), "body.warning_levels[%zu].color", i);
		if (!warn_color_zh(json_string_value(json_object_get(x, "color")))) {
			vfail(v, "应为 red/orange/yellow/blue（红/橙/黄/蓝）",
			      "must be red, orange, yellow or blue");
			goto out;
		}
		snprintf(v->path, sizeof(v->path), "body.warning_levels[%zu].meaning", i);
		if (!text_ok(json_object_get(x, "meaning"), 512, false)) {
			vfail(v, "应为字符串（最多512字节）",
			      "must be a string (at most 512 bytes)");
			goto out;
		}
	}
	ret = 0;
out:
	json_decref(seen);
	return ret;
}

/* Checks a plan body; answers 400 naming the path ("body.chains[0].duties[1].amount"). */
static int validate_body(struct api_ctx *c, json_t *body)
{
	static const char *const keys[] = {"purpose",        "scope",  "basis",         "command",
	                                   "grading",        "chains", "chains_active", "playbooks",
	                                   "warning_levels", NULL};
	struct vctx v = {c, "body"};
	json_t *chains = json_object_get(body, "chains"), *x, *y;
	json_t *seen = json_object();
	size_t i, j;
	int ret = -1;

	if (!json_is_object(body)) {
		vfail(&v, "应为对象", "must be an object");
		goto out;
	}
	if (only_keys(&v, body, keys))
		goto out;
	for (i = 0; i < 3; i++) {
		snprintf(v.path, sizeof(v.path), "body.%s", keys[i]);
		if (!text_ok(json_object_get(body, keys[i]), 8000, false)) {
			vfail(&v, "应为字符串（最多8000字节）",
			      "must be a string (at most 8000 bytes)");
			goto out;
		}
	}
	snprintf(v.path, sizeof(v.path), "body.command");
	if (json_object_get(body, "command") && !json_is_object(json_object_get(body, "command"))) {
		vfail(&v, "应为对象", "must be an object");
		goto out;
	}
	x = json_object_get(json_object_get(body, "grading"), "loss_yuan");
	if (x) {
		json_int_t a = json_integer_value(json_object_get(x, "I"));
		json_int_t b = json_integer_value(json_object_get(x, "II"));
		json_int_t d = json_integer_value(json_object_get(x, "III"));

		snprintf(v.path, sizeof(v.path), "body.grading.loss_yuan");
		if (!json_is_object(x) || d <= 0 || b < d || a < b) {
			vfail(&v, "应为 {I, II, III} 元，且 I ≥ II ≥ III > 0",
			      "must be {I, II, III} yuan with I >= II >= III > 0");
			goto out;
		}
	}
	if (check_warning_levels(&v, json_object_get(body, "warning_levels")))
		goto out;
	snprintf(v.path, sizeof(v.path), "body.chains");
	if (!json_is_array(chains) || !json_array_size(chains) || json_array_size(chains) > 16) {
		vfail(&v, "应为1–16条报告链", "must be an array of 1 to 16 chains");
		goto out;
	}
	json_array_foreach(chains, i, x)
	{
		static const char *const ckeys[] = {"code", "name", "basis", "duties", NULL};
		json_t *dseen;
		const char *code = json_string_value(json_object_get(x, "code"));

		snprintf(v.path, sizeof(v.path), "body.chains[%zu]", i);
		if (!json_is_object(x)) {
			vfail(&v, "应为对象", "must be an object");
			goto out;
		}
		if (only_keys(&v, x, ckeys))
			goto out;
		snprintf(v.path, sizeof(v.path), "body.chains[%zu].code", i);
		if (!code_ok(code) || json_object_get(seen, code)) {
			vfail(&v, "代码无效或重复", "code invalid or duplicate");
			goto out;
		}
		json_object_set_new(seen, code, json_true());
		snprintf(v.path, sizeof(v.path), "body.chains[%zu].name", i);
		if (!text_ok(json_object_get(x, "name"), 256, true)) {
			vfail(&v, "必填（最多256字节）", "is required (at most 256 bytes)");
			goto out;
		}
		snprintf(v.path, sizeof(v.path), "body.chains[%zu].duties", i);
		y = json_object_get(x, "duties");
		if (!json_is_array(y) || !json_array_size(y) || json_array_size(y) > 32) {
			vfail(&v, "应为1–32项报告义务", "must be an array of 1 to 32 duties");
			goto out;
		}
		dseen = json_object();
		for (j = 0; j < json_array_size(y); j++) {
			snprintf(v.path, sizeof(v.path), "body.chains[%zu].duties[%zu]", i, j);
			if (check_duty(&v, json_array_get(y, j), j == 0, dseen)) {
				json_decref(dseen);
				goto out;
			}
		}
		json_decref(dseen);
	}
	snprintf(v.path, sizeof(v.path), "body.chains_active");
	x = json_object_get(body, "chains_active");
	if (!json_is_array(x) || !json_array_size(x)) {
		vfail(&v, "应为启用的报告链代码数组", "must be an array of chain codes in use");
		goto out;
	}
	json_array_foreach(x, i, y)
	{
		if (!json_is_string(y) || !json_object_get(seen, json_string_value(y))) {
			vfail(&v, "预案中没有该报告链", "no chain of that code in the plan");
			goto out;
		}
	}
	json_object_clear(seen);
	snprintf(v.path, sizeof(v.path), "body.playbooks");
	x = json_object_get(body, "playbooks");
	if (x && (!json_is_array(x) || json_array_size(x) > 32)) {
		vfail(&v, "应为处置指南数组（最多32项）",
		      "must be an array of at most 32 playbooks");
		goto out;
	}
	json_array_foreach(x, i, y)
	{
		snprintf(v.path, sizeof(v.path), "body.playbooks[%zu]", i);
		if (check_playbook(&v, y, seen))
			goto out;
	}
	ret = 0;
out:
	json_decref(seen);
	return ret;
}

/* ---- templates ---- */

/* A shipped template by code ("leak", "cyber"), parsed; NULL if none. */
static json_t *template_load(const char *code)
{
	for (const char *const *p = template_paths; *p; p++) {
		size_t len;
		const char *text = data_file(*p, &len);
		json_t *t = text ? json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
		const char *tc = json_string_value(json_object_get(t, "template"));

		if (tc && !strcmp(tc, code))
			return t;
		json_decref(t);
	}
	return NULL;
}

void api_plan_templates(struct api_ctx *c)
{
	json_t *items = json_array();

	if (!api_require(c, PERM_BUSINESS)) {
		json_decref(items);
		return;
	}
	for (const char *const *p = template_paths; *p; p++) {
		size_t len, i;
		const char *text = data_file(*p, &len);
		json_t *t = text ? json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
		json_t *chains = json_array(), *ch;

		if (!t)
			continue;
		json_array_foreach(json_object_get(t, "chains"), i, ch)
		{
			json_array_append_new(
			    chains, json_pack("{sO sO sO}", "code", json_object_get(ch, "code"),
			                      "name", json_object_get(ch, "name"), "basis",
			                      json_object_get(ch, "basis")));
		}
		json_array_append_new(
		    items, json_pack("{sO sO sO so sO}", "code", json_object_get(t, "template"),
		                     "name", json_object_get(t, "name"), "kind",
		                     json_object_get(t, "kind"), "chains", chains, "chains_active",
		                     json_object_get(t, "chains_active")));
		json_decref(t);
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

/* ---- plans ---- */

static bool may_edit_plans(struct api_ctx *c)
{
	if (c->actor.roles & (ROLE_OFFICER | ROLE_COMMAND | ROLE_LEADER))
		return true;
	api_deny(c, "only officer, command or leader edit plans");
	return false;
}

static bool load_plan(struct api_ctx *c, struct plan_rec *p)
{
	enum store_err e = plan_get(c->db, c->id, p);

	if (e == STORE_OK)
		return true;
	if (e == STORE_NOTFOUND)
		api_error(c, 404, "not_found", "预案不存在", "no such plan", NULL);
	else
		api_store_error(c, e, NULL);
	return false;
}

static void plan_saved(struct api_ctx *c, struct plan_rec *p, const char *event, int status)
{
	enum store_err e = api_audit(c, event, "plan", p->id, AUDIT_SUCCESS,
	                             json_pack("{ss si ss}", "name", p->name, "version", p->version,
	                                       "status", plan_status_code(p->status)));

	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, status, plan_json(p, true));
}

void api_plans_list(struct api_ctx *c)
{
	const char *k = http_query(c->req, "kind"), *s = http_query(c->req, "status");
	enum plan_kind kind;
	enum plan_status st;
	json_t *items;
	int64_t total;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	if (k && plan_kind_parse(k, &kind)) {
		api_error(c, 400, "invalid_query", "应为 leak/cyber/other",
		          "must be leak, cyber or other", "kind");
		return;
	}
	if (s && plan_status_parse(s, &st)) {
		api_error(c, 400, "invalid_query", "应为 draft/approved/filed/retired",
		          "must be draft, approved, filed or retired", "status");
		return;
	}
	e = plan_list(c->db, k ? (int)kind : -1, s ? (int)st : -1, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

void api_plans_create(struct api_ctx *c)
{
	static const char *const allowed[] = {"template", "name", "kind", "body", NULL};
	struct plan_rec p;
	char tmpl[33] = "", kind[16] = "";
	json_t *t = NULL;
	int64_t now = bjtime_now_ms();
	enum store_err e;

	memset(&p, 0, sizeof(p));
	if (!api_require(c, PERM_BUSINESS) || !may_edit_plans(c) || api_only_fields(c, allowed) ||
	    api_field_str(c, "template", tmpl, sizeof(tmpl), false) ||
	    api_field_str(c, "name", p.name, sizeof(p.name), !tmpl[0]) ||
	    api_field_str(c, "kind", kind, sizeof(kind), !tmpl[0]))
		return;
	if (tmpl[0]) {
		t = template_load(tmpl);
		if (!t) {
			api_error(c, 400, "invalid_field", "没有该预案模板（leak 或 cyber）",
			          "no such template (leak or cyber)", "template");
			return;
		}
		if (!p.name[0])
			snprintf(p.name, sizeof(p.name), "%s",
			         json_string_value(json_object_get(t, "name")));
		if (!kind[0])
			snprintf(kind, sizeof(kind), "%s",
			         json_string_value(json_object_get(t, "kind")));
		snprintf(p.template_code, sizeof(p.template_code), "%s", tmpl);
		p.body = json_deep_copy(t);
		json_object_del(p.body, "template");
		json_object_del(p.body, "name");
		json_object_del(p.body, "kind");
		json_decref(t);
	}
	if (json_object_get(c->body, "body")) {
		json_decref(p.body);
		p.body = json_deep_copy(json_object_get(c->body, "body"));
	}
	if (plan_kind_parse(kind, &p.kind)) {
		api_error(c, 400, "invalid_field", "应为 leak/cyber/other",
		          "must be leak, cyber or other", "kind");
		goto out;
	}
	if (!p.body) {
		api_error(c, 400, "invalid_field", "必填（或给出 template）",
		          "is required (or give a template)", "body");
		goto out;
	}
	if (validate_body(c, p.body))
		goto out;
	p.unit_id = unit_home(c->db);
	p.status = PST_DRAFT;
	p.created_by = c->actor.account_id;
	p.created_at = p.updated_at = now;
	if (!api_tx_begin(c))
		goto out;
	p.version = plan_next_version(c->db, p.unit_id, p.name);
	e = plan_insert(c->db, &p);
	if (e)
		api_store_error(c, e, "name");
	else
		plan_saved(c, &p, "plan.create", 201);
out:
	plan_rec_release(&p);
}

void api_plans_get(struct api_ctx *c)
{
	struct plan_rec p;

	if (!api_require(c, PERM_BUSINESS) || !load_plan(c, &p))
		return;
	api_reply(c, 200, plan_json(&p, true));
	plan_rec_release(&p);
}

void api_plans_update(struct api_ctx *c)
{
	static const char *const allowed[] = {"name", "body", NULL};
	struct plan_rec p;
	json_t *body = json_object_get(c->body, "body");
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || !may_edit_plans(c) || api_only_fields(c, allowed) ||
	    !api_tx_begin(c) || !load_plan(c, &p))
		return;
	if (p.status != PST_DRAFT) {
		api_error(c, 409, "refused", plan_err_zh(PLAN_NOT_DRAFT),
		          plan_err_en(PLAN_NOT_DRAFT), NULL);
		goto out;
	}
	if (api_field_str(c, "name", p.name, sizeof(p.name), false))
		goto out;
	if (body) {
		if (validate_body(c, body))
			goto out;
		json_decref(p.body);
		p.body = json_deep_copy(body);
	}
	p.updated_at = bjtime_now_ms();
	e = plan_save(c->db, &p);
	if (e)
		api_store_error(c, e, "name");
	else
		plan_saved(c, &p, "plan.update", 200);
out:
	plan_rec_release(&p);
}

void api_plans_status(struct api_ctx *c)
{
	static const char *const allowed[] = {"status", "filed_with", NULL};
	struct plan_rec p;
	char status[16] = "";
	enum plan_status to;
	enum plan_err pe;
	int64_t now = bjtime_now_ms();
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) ||
	    api_field_str(c, "status", status, sizeof(status), true))
		return;
	if (plan_status_parse(status, &to)) {
		api_error(c, 400, "invalid_field", "应为 approved/filed/retired",
		          "must be approved, filed or retired", "status");
		return;
	}
	/* the leader in charge approves and retires; the officer files with the superior */
	if (!(c->actor.roles & ROLE_LEADER) &&
	    !(to == PST_FILED && (c->actor.roles & ROLE_OFFICER))) {
		api_deny(c, "plan approval and retirement need the leader in charge");
		return;
	}
	if (!api_tx_begin(c) || !load_plan(c, &p))
		return;
	pe = plan_check_status(p.status, to);
	if (pe) {
		api_error(c, 409, "refused", plan_err_zh(pe), plan_err_en(pe), "status");
		goto out;
	}
	if (to == PST_FILED) {
		if (api_field_str(c, "filed_with", p.filed_with, sizeof(p.filed_with), true))
			goto out;
		p.filed_at = now;
	}
	if (to == PST_APPROVED && p.created_by == c->actor.account_id) {
		api_error(c, 409, "refused", "起草人不能批准自己起草的预案",
		          "the one who drafted the plan cannot approve it", "status");
		goto out;
	}
	if (to == PST_APPROVED) {
		p.approved_by = c->actor.account_id;
		p.approved_at = now;
	}
	if (to == PST_RETIRED)
		p.retired_at = now;
	p.status = to;
	p.updated_at = now;
	e = plan_save(c->db, &p);
	if (e)
		api_store_error(c, e, NULL);
	else
		plan_saved(c, &p, "plan.status", 200);
out:
	plan_rec_release(&p);
}

void api_plans_revise(struct api_ctx *c)
{
	struct plan_rec p;
	int64_t now = bjtime_now_ms();
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || !may_edit_plans(c) || !api_tx_begin(c) ||
	    !load_plan(c, &p))
		return;
	p.version = plan_next_version(c->db, p.unit_id, p.name);
	p.status = PST_DRAFT;
	p.created_by = c->actor.account_id;
	p.created_at = p.updated_at = now;
	p.approved_by = p.approved_at = p.filed_at = p.retired_at = 0;
	p.filed_with[0] = '\0';
	e = plan_insert(c->db, &p);
	if (e)
		api_store_error(c, e, NULL);
	else
		plan_saved(c, &p, "plan.revise", 201);
	plan_rec_release(&p);
}

/* ---- warnings ---- */

static const char *const warn_texts[] = {"audience", "scope", "items", "measures", "issuer", NULL};
static const char *const no_bools[] = {NULL};

static bool may_warn(struct api_ctx *c)
{
	if (c->actor.roles & (ROLE_COMMAND | ROLE_LEADER))
		return true;
	api_deny(c, "only the emergency command or the leader issue warnings");
	return false;
}

/*
 * The rank of a level within the warning's scale: by the plan's code or
 * name (一级, 红色预警 ...) or by rank (1 the most severe); in the national
 * scale by I–IV, 1–4 or 特别重大 ...  0 when it is none of them.
 */
static int warn_level_parse(const json_t *scale, const char *s)
{
	enum inc_level l;
	size_t i;
	json_t *x;

	if (!scale)
		return inc_level_parse(s, &l) ? 0 : (int)l;
	json_array_foreach(scale, i, x)
	{
		if (!strcmp(s, json_str(x, "code")) || !strcmp(s, json_str(x, "name")))
			return (int)i + 1;
	}
	if (s[0] >= '1' && s[0] <= '4' && !s[1] && s[0] - '0' <= warn_scale_size(scale))
		return s[0] - '0';
	return 0;
}

static int bad_level(struct api_ctx *c, const json_t *scale)
{
	char zh[400] = "", en[400] = "", mz[480], me[480];
	size_t nz = 0, ne = 0;

	for (int i = 1; i <= warn_scale_size(scale); i++) {
		json_t *l = warn_level_json(scale, i);

		nz += (size_t)snprintf(zh + nz, sizeof(zh) - nz, "%s%s（%s）", i > 1 ? "、" : "",
		                       json_str(l, "zh"), json_str(l, "color_zh"));
		ne += (size_t)snprintf(en + ne, sizeof(en) - ne, "%s%s", i > 1 ? ", " : "",
		                       json_str(l, "code"));
		json_decref(l);
		if (nz >= sizeof(zh) || ne >= sizeof(en))
			break;
	}
	snprintf(mz, sizeof(mz), "预警级别应为本预案的级别之一：%s", zh);
	snprintf(me, sizeof(me), "level must be one of the plan's levels: %s", en);
	api_error(c, 400, "invalid_field", mz, me, "level");
	return -1;
}

/*
 * The accounts a warning reaches (发布对象 as data): {"all": true}, or
 * {"roles": [role codes], "departments": [department ids]}.  Normalised into
 * *out.
 */
static int audience_to_of(struct api_ctx *c, json_t *x, json_t **out)
{
	static const char *const keys[] = {"all", "roles", "departments", NULL};
	const char *key;
	json_t *v, *roles = json_array(), *depts = json_array();
	size_t i;
	bool all = false;

	*out = NULL;
	if (!json_is_object(x))
		goto bad;
	json_object_foreach(x, key, v)
	{
		bool known = false;

		for (const char *const *k = keys; *k; k++)
			known = known || !strcmp(*k, key);
		if (!known)
			goto bad;
	}
	v = json_object_get(x, "all");
	if (v && !json_is_boolean(v))
		goto bad;
	all = json_is_true(v);
	v = json_object_get(x, "roles");
	if (v && (!json_is_array(v) || json_array_size(v) > 16))
		goto bad;
	for (i = 0; i < json_array_size(v); i++) {
		uint32_t bit = role_parse(json_string_value(json_array_get(v, i)));

		if (!bit)
			goto bad;
		json_array_append_new(roles, json_string(role_code(bit)));
	}
	v = json_object_get(x, "departments");
	if (v && (!json_is_array(v) || json_array_size(v) > 64))
		goto bad;
	for (i = 0; i < json_array_size(v); i++) {
		json_t *d = json_array_get(v, i);

		if (!json_is_integer(d) || json_integer_value(d) < 1)
			goto bad;
		json_array_append(depts, d);
	}
	if (!all && !json_array_size(roles) && !json_array_size(depts))
		goto bad;
	*out = all ? json_pack("{sb}", "all", 1)
	           : json_pack("{so so}", "roles", roles, "departments", depts);
	if (all) {
		json_decref(roles);
		json_decref(depts);
	}
	return 0;
bad:
	json_decref(roles);
	json_decref(depts);
	api_error(c, 400, "invalid_field",
	          "应为 {\"all\": true} 或 {\"roles\": [角色代码], \"departments\": [部门编号]}",
	          "must be {all: true} or {roles: [role codes], departments: [department ids]}",
	          "audience_to");
	return -1;
}

/* Reads level, category, title, start_at, audience_to and the text fields of a warning. */
static int warn_fields(struct api_ctx *c, struct warn_rec *w, bool creating)
{
	static const char *const heads[] = {"level", "category",    "title",   "start_at",
	                                    "note",  "audience_to", "plan_id", NULL};
	json_t *texts = json_object(), *v, *to = NULL;
	const char *key;
	char lv[72] = "";
	int ret = -1;

	json_object_foreach(c->body, key, v)
	{
		bool head = false;

		for (const char *const *h = heads; *h; h++)
			if (!strcmp(*h, key))
				head = true;
		if (head && json_is_null(v)) {
			api_refuse_null(c, key);
			goto out;
		}
		if (!head)
			json_object_set(texts, key, v);
	}
	if (api_text_object(c, "", texts, warn_texts, no_bools) ||
	    api_field_str(c, "level", lv, sizeof(lv), creating) ||
	    api_field_str(c, "category", w->category, sizeof(w->category), creating) ||
	    api_field_str(c, "title", w->title, sizeof(w->title), creating))
		goto out;
	if (lv[0] && !(w->level = warn_level_parse(w->scale, lv))) {
		bad_level(c, w->scale);
		goto out;
	}
	if ((v = json_object_get(c->body, "start_at"))) {
		if (!json_is_string(v) || bjtime_parse_iso(json_string_value(v), &w->start_at)) {
			api_error(c, 400, "invalid_field", "应为北京时间 YYYY-MM-DDTHH:MM:SS",
			          "must be a Beijing time", "start_at");
			goto out;
		}
	}
	if ((v = json_object_get(c->body, "audience_to")) && audience_to_of(c, v, &to))
		goto out;
	if (!w->body)
		w->body = json_object();
	json_object_update(w->body, texts);
	if (to)
		json_object_set_new(w->body, "audience_to", to);
	else if (creating)
		json_object_set_new(w->body, "audience_to", json_pack("{sb}", "all", 1));
	ret = 0;
out:
	json_decref(texts);
	return ret;
}

/*
 * The plan a new warning is published under, whose scale it keeps: plan_id
 * if given (in force), else the unit's plan in force for the kind of the
 * category; none means the national scale I–IV.
 */
static int warn_plan(struct api_ctx *c, struct warn_rec *w)
{
	json_t *x = json_object_get(c->body, "plan_id");
	struct plan_rec p;
	enum inc_category cat;
	enum store_err e;

	memset(&p, 0, sizeof(p));
	if (x && !json_is_null(x)) {
		e = json_is_integer(x) ? plan_get(c->db, json_integer_value(x), &p)
		                       : STORE_NOTFOUND;
		if (e == STORE_NOTFOUND || (!e && !plan_in_force(p.status))) {
			plan_rec_release(&p);
			api_error(c, 400, "invalid_field", "应为已批准或已备案的应急预案",
			          "must be an approved or filed plan", "plan_id");
			return -1;
		}
	} else {
		e = plan_in_force_for(c->db, unit_home(c->db),
		                      inc_category_parse(json_str(c->body, "category"), &cat)
		                          ? IK_CYBER
		                          : inc_category_kind(cat),
		                      &p);
		if (e == STORE_NOTFOUND)
			e = STORE_OK;
	}
	if (e) {
		plan_rec_release(&p);
		api_store_error(c, e, NULL);
		return -1;
	}
	w->plan_id = p.id;
	snprintf(w->plan_name, sizeof(w->plan_name), "%s", p.name);
	if (json_is_array(json_object_get(p.body, "warning_levels")))
		w->scale = json_incref(json_object_get(p.body, "warning_levels"));
	plan_rec_release(&p);
	return 0;
}

/* Tells the warning's audience (发布对象) what happened to it, through the inbox. */
static enum store_err warn_tell(struct api_ctx *c, const struct warn_rec *w, const char *kind,
                                const char *what_zh, const char *what_en, int *n)
{
	json_t *l = warn_level_json(w->scale, w->level);
	char zh[512], en[512];

	snprintf(zh, sizeof(zh), "%s：%s（%s，%s）", what_zh, w->title, json_str(l, "zh"),
	         json_str(l, "color_zh"));
	snprintf(en, sizeof(en), "%s: %s (level %s, %s)", what_en, w->title, json_str(l, "code"),
	         json_str(l, "color"));
	json_decref(l);
	return warn_notify(c->db, w, c->actor.account_id, kind, zh, en, n);
}

void api_warnings_list(struct api_ctx *c)
{
	int64_t active = 0, total;
	json_t *items;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || api_query_int(c, "active", &active, 0, 1))
		return;
	e = warn_list(c->db, active == 1, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

/* The warning as answered after a change: with how many its audience reached. */
static json_t *warn_reply(const struct warn_rec *w, int notified)
{
	json_t *o = warn_json(w);

	json_object_set_new(o, "notified", json_integer(notified));
	return o;
}

void api_warnings_create(struct api_ctx *c)
{
	struct warn_rec w;
	int64_t now = bjtime_now_ms();
	enum store_err e;
	int notified = 0;

	memset(&w, 0, sizeof(w));
	if (!api_require(c, PERM_BUSINESS) || !may_warn(c) || !api_tx_begin(c))
		return;
	w.start_at = now;
	if (warn_plan(c, &w) || warn_fields(c, &w, true))
		goto out;
	w.unit_id = unit_home(c->db);
	w.state = WS_PUBLISHED;
	w.version = 1;
	w.created_by = c->actor.account_id;
	w.created_at = w.updated_at = now;
	e = warn_insert(c->db, &w);
	if (!e)
		e = warn_tell(c, &w, "warning.publish", "预警已发布", "Warning published",
		              &notified);
	if (!e)
		e = api_audit(c, "warning.publish", "warning", w.id, AUDIT_SUCCESS,
		              json_pack("{so ss si}", "level", warn_level_json(w.scale, w.level),
		                        "title", w.title, "notified", notified));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, 201, warn_reply(&w, notified));
out:
	warn_rec_release(&w);
}

void api_warnings_get(struct api_ctx *c)
{
	struct warn_rec w;
	json_t *o, *versions;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	e = warn_get(c->db, c->id, &w);
	if (e) {
		api_error(c, 404, "not_found", "预警不存在", "no such warning", NULL);
		return;
	}
	o = warn_json(&w);
	if (warn_versions(c->db, &w, &versions) == STORE_OK)
		json_object_set_new(o, "versions", versions);
	else
		json_decref(versions);
	api_reply(c, 200, o);
	warn_rec_release(&w);
}

static void warn_change(struct api_ctx *c, enum warn_state to)
{
	struct warn_rec w;
	int64_t now = bjtime_now_ms();
	char note[513] = "";
	enum store_err e;
	int notified = 0;

	if (!api_require(c, PERM_BUSINESS) || !may_warn(c) || !api_tx_begin(c))
		return;
	e = warn_get(c->db, c->id, &w);
	if (e) {
		if (e == STORE_NOTFOUND)
			api_error(c, 404, "not_found", "预警不存在", "no such warning", NULL);
		else
			api_store_error(c, e, NULL);
		return;
	}
	if (!warn_may_change(w.state, to)) {
		api_error(c, 409, "refused", "已解除的预警不能再调整或解除",
		          "a lifted warning cannot change", NULL);
		goto out;
	}
	if (to == WS_LIFTED) {
		static const char *const allowed[] = {"note", NULL};

		if (api_only_fields(c, allowed) ||
		    api_field_str(c, "note", note, sizeof(note), false))
			goto out;
		w.lifted_at = now;
		json_object_set_new(w.body, "lift_note", json_string(note));
	} else if (json_object_get(c->body, "plan_id")) {
		api_error(c, 400, "invalid_field", "预警发布后不能改换预案",
		          "a warning keeps the plan it was published under", "plan_id");
		goto out;
	} else if (warn_fields(c, &w, false)) {
		goto out;
	}
	w.state = to;
	w.version++;
	w.updated_at = now;
	e = warn_save(c->db, &w, c->actor.account_id);
	if (!e)
		e = to == WS_LIFTED ? warn_tell(c, &w, "warning.lift", "预警已解除",
		                                "Warning lifted", &notified)
		                    : warn_tell(c, &w, "warning.adjust", "预警已调整",
		                                "Warning adjusted", &notified);
	if (!e)
		e = api_audit(c, to == WS_LIFTED ? "warning.lift" : "warning.adjust", "warning",
		              w.id, AUDIT_SUCCESS,
		              json_pack("{so si si}", "level", warn_level_json(w.scale, w.level),
		                        "version", w.version, "notified", notified));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, 200, warn_reply(&w, notified));
out:
	warn_rec_release(&w);
}

void api_warnings_adjust(struct api_ctx *c)
{
	warn_change(c, WS_ADJUSTED);
}

void api_warnings_lift(struct api_ctx *c)
{
	warn_change(c, WS_LIFTED);
}

/* ---- the calendar ---- */

void api_calendar_get(struct api_ctx *c)
{
	struct calendar *cal = malloc(sizeof(*cal));
	const char *source = "";
	int64_t year = 0;
	json_t *years, *days;
	enum store_err e;

	if (!cal) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (!c->actor.admin && !api_require(c, PERM_BUSINESS))
		goto out;
	if (c->actor.admin && !api_require(c, PERM_CALENDAR))
		goto out;
	if (api_query_int(c, "year", &year, 2000, 2099))
		goto out;
	e = calendar_load(c->db, cal, &source);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (!year) {
		int y;
		unsigned m, d;

		bjtime_civil_from_days(
		    (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400), &y, &m, &d);
		year = y;
	}
	years = json_array();
	for (int i = 0; i < cal->nyears; i++)
		json_array_append_new(years, json_integer(cal->years[i]));
	days = json_array();
	for (int i = 0; i < cal->ndays; i++) {
		int y;
		unsigned m, d;
		char date[16];

		bjtime_civil_from_days(cal->days[i].day, &y, &m, &d);
		if (y != year)
			continue;
		snprintf(date, sizeof(date), "%04d-%02u-%02u", y, m % 100, d % 100);
		json_array_append_new(days,
		                      json_pack("{ss sb ss}", "date", date, "work",
		                                cal->days[i].work, "note", cal->days[i].note));
	}
	api_reply(c, 200,
	          json_pack("{ss so sI sb so}", "source", source, "years", years, "year",
	                    (json_int_t)year, "covered", cal_covers(cal, (int)year), "days", days));
out:
	free(cal);
}

void api_calendar_put(struct api_ctx *c)
{
	static const char *const allowed[] = {"text", NULL};
	struct calendar *cal;
	json_t *t = json_object_get(c->body, "text");
	enum cal_err ce;
	int line = 0;
	enum store_err e;

	if (!api_require(c, PERM_CALENDAR) || api_only_fields(c, allowed))
		return;
	if (!json_is_string(t) || strlen(json_string_value(t)) != json_string_length(t) ||
	    json_string_length(t) > 256 * 1024) {
		api_error(c, 400, "invalid_field", "应为日历文本（最多256KB）",
		          "must be the calendar text (at most 256 KB)", "text");
		return;
	}
	cal = malloc(sizeof(*cal));
	if (!cal) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	cal_init(cal);
	ce = json_string_length(t)
	         ? cal_parse(cal, json_string_value(t), json_string_length(t), &line)
	         : CAL_OK;
	if (ce) {
		char zh[160], en[160];

		snprintf(zh, sizeof(zh), "第%d行：%s", line, cal_err_zh(ce));
		snprintf(en, sizeof(en), "line %d: %s", line, cal_err_en(ce));
		api_error(c, 400, "invalid_calendar", zh, en, "text");
		goto out;
	}
	if (!api_tx_begin(c))
		goto out;
	e = calendar_save(c->db, json_string_value(t));
	if (!e)
		e = api_audit(c, "calendar.load", "calendar", 0, AUDIT_SUCCESS,
		              json_pack("{si si}", "years", cal->nyears, "days", cal->ndays));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, 200, json_pack("{si si}", "years", cal->nyears, "days", cal->ndays));
out:
	free(cal);
}
