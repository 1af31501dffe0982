/*
 * api_incident.c — incidents over HTTP: report and supplement, the
 * workflow actions, tasks, reporting duties and their deadlines, and the
 * on-time statistics.
 *
 * Need-to-know: an incident the caller may not see (inc_may_see) answers
 * 404 exactly like one that does not exist, and lists and statistics are
 * filtered in SQL by the same rule.  Reads of incidents whose information
 * is 机密 or 绝密 are audited.
 */
#include "api_incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store_duty.h"
#include "../store/store_drill.h"
#include "../util/bjtime.h"
#include "api_contact.h"
#include "api_duty.h"

#define TEXT_MAX 8000 /* bytes of one report field */

/* Fields of the report form (附件二) and, for leaks, of the leak report. */
static const char *const report_texts[] = {
    "unit_name",   "reporter",   "phone",       "address",         "fax",         "email",
    "system_name", "system_use", "department",  "department_head", "description", "cause",
    "measures",    "impact",     "consequence", "scope",           "severity",    "duty_phone",
    "duty_fax",    "content",    "period",      "knowledge_scope", "leak_time",   "leak_channel",
    "leak_scope",  "suspects",   NULL};
static const char *const report_bools[] = {"police_informed", "state_security_informed", NULL};
/* The result report (附件三). */
static const char *const summary_texts[] = {
    "contact",     "phone",        "address",       "system_name", "security_measures",
    "final_cause", "after_impact", "consequence",   "scope",       "severity",
    "process",     "advice",       "reporter_sign", NULL};
static const char *const evaluation_texts[] = {"assessment", "lessons", "rewards", "penalties",
                                               NULL};
static const char *const no_names[] = {NULL};

void api_inc_viewer(struct api_ctx *c, struct inc_viewer *v)
{
	struct carrier_viewer cv;

	api_carrier_viewer(c, &cv);
	v->account_id = c->actor.account_id;
	v->roles = c->actor.roles;
	v->clearance = cv.clearance;
}

static bool in_list(const char *const *names, const char *key)
{
	for (; *names; names++)
		if (!strcmp(*names, key))
			return true;
	return false;
}

int api_text_object(struct api_ctx *c, const char *name, json_t *obj, const char *const *texts,
                    const char *const *bools)
{
	const char *key;
	json_t *v;
	char field[96];

	if (!json_is_object(obj)) {
		api_error(c, 400, "invalid_field", "应为对象", "must be an object", name);
		return -1;
	}
	json_object_foreach(obj, key, v)
	{
		snprintf(field, sizeof(field), "%s%s%.60s", name, *name ? "." : "", key);
		if (in_list(bools, key)) {
			if (!json_is_boolean(v) && !json_is_null(v)) {
				api_error(c, 400, "invalid_field", "应为 true 或 false",
				          "must be true or false", field);
				return -1;
			}
			continue;
		}
		if (!in_list(texts, key)) {
			api_error(c, 400, "invalid_field", "未知字段", "unknown field", field);
			return -1;
		}
		if (json_is_null(v))
			return api_refuse_null(c, field);
		if (!json_is_string(v)) {
			api_error(c, 400, "invalid_field", "应为字符串", "must be a string", field);
			return -1;
		}
		if (json_string_length(v) > TEXT_MAX ||
		    strlen(json_string_value(v)) != json_string_length(v)) {
			api_error(c, 400, "invalid_field", "过长（最多8000字节）或含NUL字符",
			          "too long (at most 8000 bytes) or contains NUL", field);
			return -1;
		}
		for (const unsigned char *p = (const unsigned char *)json_string_value(v); *p; p++)
			if (*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') {
				api_error(c, 400, "invalid_field", "含控制字符",
				          "contains a control character", field);
				return -1;
			}
	}
	return 0;
}

/* Merges the non-null fields of src into dst (a supplement adds to the report). */
static void merge_fields(json_t *dst, json_t *src)
{
	const char *key;
	json_t *v;

	json_object_foreach(src, key, v)
	{
		if (json_is_null(v))
			json_object_del(dst, key);
		else
			json_object_set(dst, key, v);
	}
}

/* ---- grading factors ---- */

/* name: "factors", or "" for the grade preview's body; errors name "factors.x" or "x". */
static int parse_factors(struct api_ctx *c, const char *name, json_t *obj, struct inc_factors *f)
{
	static const char *const names[] = {"info_level", "public_impact", "business_impact",
	                                    "loss_yuan", NULL};
	const char *key;
	json_t *v;

	memset(f, 0, sizeof(*f));
	f->info_level = LEVEL_NONE;
	if (!json_is_object(obj)) {
		api_error(c, 400, "invalid_field", "应为对象", "must be an object", name);
		return -1;
	}
	json_object_foreach(obj, key, v)
	{
		char field[64];
		enum inc_impact im;

		snprintf(field, sizeof(field), "%s%s%.40s", name, *name ? "." : "", key);
		if (!in_list(names, key)) {
			api_error(c, 400, "invalid_field", "未知字段", "unknown field", field);
			return -1;
		}
		if (json_is_null(v)) {
			if (!strcmp(key, "info_level"))
				continue; /* nullable: not known yet */
			return api_refuse_null(c, field);
		}
		if (!strcmp(key, "loss_yuan")) {
			if (!json_is_integer(v) || json_integer_value(v) < 0) {
				api_error(c, 400, "invalid_field", "应为非负整数（元）",
				          "must be a non-negative integer (yuan)", field);
				return -1;
			}
			f->loss_yuan = json_integer_value(v);
		} else if (!strcmp(key, "info_level")) {
			if (!json_is_string(v) ||
			    level_parse(json_string_value(v), &f->info_level)) {
				api_error(
				    c, 400, "invalid_field",
				    "应为 top_secret/secret/confidential/internal/public",
				    "must be top_secret, secret, confidential, internal or public",
				    field);
				return -1;
			}
		} else {
			if (!json_is_string(v) || inc_impact_parse(json_string_value(v), &im)) {
				api_error(c, 400, "invalid_field",
				          "应为 "
				          "none/minor/large/serious/extreme（无/一般/较大/严重/"
				          "特别严重）",
				          "must be none, minor, large, serious or extreme", field);
				return -1;
			}
			if (!strcmp(key, "public_impact"))
				f->public_impact = im;
			else
				f->business_impact = im;
		}
	}
	return 0;
}

/* What of a plan the grading reads: its status, kind and loss thresholds. */
static void plan_terms_of(const struct plan_rec *p, struct inc_plan_terms *t)
{
	json_t *l = json_object_get(json_object_get(p->body, "grading"), "loss_yuan");

	memset(t, 0, sizeof(*t));
	t->status = p->status;
	t->kind = p->kind;
	t->loss.level_i = json_integer_value(json_object_get(l, "I"));
	t->loss.level_ii = json_integer_value(json_object_get(l, "II"));
	t->loss.level_iii = json_integer_value(json_object_get(l, "III"));
}

/*
 * The proposed level of an incident of kind k by inc_grade_for: under the
 * plan it is handled by (plan_id, 0 for none) while that is in force,
 * otherwise under the unit's plan in force for the kind, otherwise the
 * built-in thresholds.  *used (may be NULL) gets the plan whose thresholds
 * applied (id 0: built-in); the caller releases it.
 */
static enum store_err grade_incident(struct api_ctx *c, int64_t plan_id, enum inc_kind k,
                                     const struct inc_factors *f, unsigned *decided,
                                     enum inc_level *out, struct plan_rec *used)
{
	struct plan_rec p;
	struct inc_plan_terms t;
	enum store_err e = STORE_NOTFOUND;
	bool applied = false;

	memset(&p, 0, sizeof(p));
	if (plan_id)
		e = plan_get(c->db, plan_id, &p);
	if (e == STORE_NOTFOUND || (!e && !plan_in_force(p.status))) {
		plan_rec_release(&p);
		e = plan_in_force_for(c->db, unit_home(c->db), k, &p);
	}
	if (e && e != STORE_NOTFOUND) {
		plan_rec_release(&p);
		return e;
	}
	plan_terms_of(&p, &t);
	*out = inc_grade_for(f, k, e ? NULL : &t, decided, &applied);
	if (!applied) {
		plan_rec_release(&p);
		memset(&p, 0, sizeof(p));
	}
	if (used)
		*used = p;
	else
		plan_rec_release(&p);
	return STORE_OK;
}

/* The factors stored with an incident (as reported, supplemented or graded). */
static void stored_factors(const struct inc_rec *r, struct inc_factors *f)
{
	memset(f, 0, sizeof(*f));
	if (level_parse(json_str(r->factors, "info_level"), &f->info_level))
		f->info_level = r->info_level;
	if (inc_impact_parse(json_str(r->factors, "public_impact"), &f->public_impact))
		f->public_impact = IMPACT_NONE;
	if (inc_impact_parse(json_str(r->factors, "business_impact"), &f->business_impact))
		f->business_impact = IMPACT_NONE;
	f->loss_yuan = json_integer_value(json_object_get(r->factors, "loss_yuan"));
}

static json_t *factor_names(unsigned decided)
{
	static const char *const zh[] = {"信息密级", "公众影响", "业务影响", "资产损失"};
	json_t *a = json_array();

	for (int i = 0; i < 4; i++)
		if (decided & (1u << i))
			json_array_append_new(a, json_string(zh[i]));
	return a;
}

/* ---- loading with need-to-know ---- */

#define INC_HIDDEN_ZH "事件不存在或不在您的知悉范围内"
#define INC_HIDDEN_EN "no such incident, or outside your need-to-know"
#define TASK_HIDDEN_ZH "任务不存在或不在您的知悉范围内"
#define TASK_HIDDEN_EN "no such task, or outside your need-to-know"
#define DUTY_HIDDEN_ZH "报告时限不存在或不在您的知悉范围内"
#define DUTY_HIDDEN_EN "no such reporting duty, or outside your need-to-know"

/*
 * Loads the incident that an object (otype oid: the incident itself, a task
 * or a duty) belongs to.  A missing object and one the caller may not see
 * answer the same 404 through api_hidden.
 */
static bool load_visible(struct api_ctx *c, int64_t id, const struct inc_viewer *v,
                         struct inc_rec *r, const char *otype, int64_t oid, const char *zh,
                         const char *en)
{
	enum store_err e = inc_get(c->db, id, r);

	if (e && e != STORE_NOTFOUND) {
		api_store_error(c, e, NULL);
		return false;
	}
	if (!e && inc_may_see(v, r->info_level, r->reported_by,
	                      inc_is_assignee(c->db, r->id, v->account_id)))
		return true;
	if (!e)
		inc_rec_release(r);
	api_hidden(c, otype, oid, zh, en);
	return false;
}

bool api_inc_load(struct api_ctx *c, int64_t id, const struct inc_viewer *v, struct inc_rec *r)
{
	return load_visible(c, id, v, r, "incident", id, INC_HIDDEN_ZH, INC_HIDDEN_EN);
}

/* 机密 and 绝密 reads are recorded (in a transaction of their own). */
static bool audit_read(struct api_ctx *c, const struct inc_rec *r, const char *what)
{
	char id[24], d[96];
	enum store_err e;

	if (r->info_level < LEVEL_SECRET)
		return true;
	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	snprintf(d, sizeof(d), "{\"info_level\":\"%s\"}", level_code(r->info_level));
	e = audit_append_tx(c->db, &c->actor, what, "incident", id, AUDIT_SUCCESS, d);
	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	return true;
}

/* ---- duties from the plan's notification chains ---- */

static bool duty_applies(json_t *duty, enum inc_level lvl)
{
	json_t *levels = json_object_get(duty, "levels");
	size_t i;
	json_t *l;

	if (!json_array_size(levels))
		return true;
	if (lvl == IL_NONE)
		return false;
	json_array_foreach(levels, i, l)
	{
		if (json_is_string(l) && !strcmp(json_string_value(l), inc_level_code(lvl)))
			return true;
	}
	return false;
}

static bool chain_active(json_t *body, const char *code)
{
	size_t i;
	json_t *a;

	json_array_foreach(json_object_get(body, "chains_active"), i, a)
	{
		if (json_is_string(a) && !strcmp(json_string_value(a), code))
			return true;
	}
	return false;
}

/* The unit's operator class under the CAC rules (setting incident.cac_operator, default other). */
static enum inc_operator cac_operator(struct api_ctx *c)
{
	enum inc_operator op = IO_OTHER;
	char *v = NULL;

	if (setting_get(c->db, "incident.cac_operator", &v) == STORE_OK && v &&
	    inc_operator_parse(v, &op))
		op = IO_OTHER;
	free(v);
	return op;
}

/*
 * Adds the statutory duties of the incident at this level (IL_NONE: those
 * owed at any level) that are not there yet.  They come before any plan's.
 */
static enum store_err add_statutory(struct api_ctx *c, const struct inc_rec *r, enum inc_level lvl)
{
	struct inc_duty law[8];
	int n = inc_statutory_duties(r->kind, lvl, cac_operator(c), law, 8);

	for (int i = 0; i < n; i++) {
		struct duty_rec d;
		enum store_err e;

		if (duty_seq(c->db, r->id, law[i].code))
			continue;
		memset(&d, 0, sizeof(d));
		d.incident_id = r->id;
		d.source = DL_STATUTORY;
		d.superior = true;
		snprintf(d.code, sizeof(d.code), "%s", law[i].code);
		snprintf(d.to_whom, sizeof(d.to_whom), "%s", law[i].to);
		snprintf(d.what, sizeof(d.what), "%s", law[i].what);
		snprintf(d.basis, sizeof(d.basis), "%s", law[i].basis);
		snprintf(d.recipient, sizeof(d.recipient), "%s", law[i].recipient);
		snprintf(d.escalate_to, sizeof(d.escalate_to), "leader");
		d.amount = law[i].limit.amount;
		d.unit = law[i].limit.unit;
		d.anchor = law[i].anchor;
		e = duty_insert(c->db, &d);
		if (e)
			return e;
	}
	return STORE_OK;
}

/*
 * The id of the incident's statutory duty that a plan's duty is the same
 * report as and may still tighten, or 0.
 */
static int64_t statute_for(struct api_ctx *c, const struct inc_rec *r, json_t *duty,
                           enum dl_anchor a)
{
	struct inc_duty law[8];
	int n = inc_statutory_duties(r->kind, IL_I, cac_operator(c), law, 8);
	json_t *items = NULL;
	size_t i;
	json_t *d;
	int64_t id = 0;

	for (int k = 0; k < n && !id; k++) {
		if (!inc_duty_same_report(&law[k], json_str(duty, "recipient"),
		                          json_str(duty, "to"), a))
			continue;
		if (duty_list(c->db, r->id, 0, &items) == STORE_OK)
			json_array_foreach(items, i, d)
			{
				if (!strcmp(json_str(d, "code"), law[k].code) &&
				    json_is_null(json_object_get(d, "plan_limit")))
					id = json_integer_value(json_object_get(d, "id"));
			}
		json_decref(items);
		items = NULL;
	}
	return id;
}

/*
 * Adds the duties of the plan's active chains that apply at this level
 * (IL_NONE: those for every incident) and are not there yet.  Duty codes
 * are "chain/duty" so that two chains may use the same short code.
 */
static enum store_err add_duties(struct api_ctx *c, const struct inc_rec *r, json_t *body,
                                 enum inc_level lvl)
{
	size_t i, j;
	json_t *chain, *duty;

	json_array_foreach(json_object_get(body, "chains"), i, chain)
	{
		const char *ccode = json_string_value(json_object_get(chain, "code"));
		char prev[72] = "";

		if (!ccode || !chain_active(body, ccode))
			continue;
		json_array_foreach(json_object_get(chain, "duties"), j, duty)
		{
			struct duty_rec d;
			enum dl_unit u;
			enum dl_anchor a;
			char code[72];
			enum store_err e;
			int64_t law;

			snprintf(code, sizeof(code), "%s/%s", ccode, json_str(duty, "code"));
			if (!duty_applies(duty, lvl) || duty_seq(c->db, r->id, code)) {
				snprintf(prev, sizeof(prev), "%s", code);
				continue;
			}
			if (dl_unit_parse(json_str(duty, "unit"), &u) ||
			    dl_anchor_parse(json_str(duty, "from"), &a))
				continue; /* the plan was validated; nothing to add */
			law = statute_for(c, r, duty, a);
			if (law > 0) {
				/* the same report as the law's: the plan may only tighten it */
				struct dl_limit lim = {
				    (int)json_integer_value(json_object_get(duty, "amount")), u};

				e = duty_set_plan_limit(c->db, law, code, &lim);
				if (e)
					return e;
				snprintf(prev, sizeof(prev), "%s", code);
				continue;
			}
			memset(&d, 0, sizeof(d));
			d.incident_id = r->id;
			snprintf(d.code, sizeof(d.code), "%s", code);
			snprintf(d.to_whom, sizeof(d.to_whom), "%s", json_str(duty, "to"));
			snprintf(d.what, sizeof(d.what), "%s", json_str(duty, "what"));
			snprintf(d.escalate_to, sizeof(d.escalate_to), "%s",
			         json_str(duty, "escalate_to"));
			snprintf(d.recipient, sizeof(d.recipient), "%s",
			         json_str(duty, "recipient"));
			snprintf(d.basis, sizeof(d.basis), "%s", json_str(chain, "basis"));
			d.source = DL_PLAN;
			d.superior = json_is_true(json_object_get(duty, "superior"));
			d.amount = (int)json_integer_value(json_object_get(duty, "amount"));
			d.unit = u;
			d.anchor = a;
			if (a == DL_FROM_PREVIOUS)
				d.prev_seq = prev[0] ? duty_seq(c->db, r->id, prev) : 0;
			e = duty_insert(c->db, &d);
			if (e)
				return e;
			snprintf(prev, sizeof(prev), "%s", code);
		}
	}
	return STORE_OK;
}

static enum store_err refresh_duties(struct api_ctx *c, const struct inc_rec *r)
{
	struct calendar *cal = malloc(sizeof(*cal));
	enum store_err e;

	if (!cal)
		return STORE_IO;
	e = calendar_load(c->db, cal, NULL);
	if (!e)
		e = duty_refresh(c->db, r, cal);
	free(cal);
	return e;
}

/* ---- the detail view ---- */

/* The actions this caller could take now (fields aside), for the UI's buttons. */
static json_t *allowed_actions(struct api_ctx *c, const struct inc_rec *r)
{
	json_t *a = json_array();
	struct inc_actor who = {c->actor.account_id, c->actor.roles,
	                        r->reported_by == c->actor.account_id};

	for (int i = 0; i < INC_ACTION_COUNT; i++) {
		struct inc_act x;
		const char *field;

		memset(&x, 0, sizeof(x));
		x.action = (enum inc_action)i;
		x.state = r->state;
		x.kind = r->kind;
		x.confirmed = r->confirmed_level;
		x.level = IL_IV;
		x.has_plan = x.plan_in_force = x.plan_covers_kind = true;
		x.has_reason = x.summary_complete = x.has_result = true;
		x.investigated = r->investigated_at != 0;
		x.summarised_by = r->summarised_by;
		if (inc_check(&x, &who, &field) == INC_OK)
			json_array_append_new(a, json_string(inc_action_code(x.action)));
	}
	return a;
}

static json_t *detail_json(struct api_ctx *c, const struct inc_rec *r)
{
	json_t *o = inc_json(r), *items;
	int64_t now = bjtime_now_ms();
	struct plan_rec p;

	if (duty_list(c->db, r->id, now, &items) == STORE_OK) {
		api_contact_duties(c, items);
		json_object_set_new(o, "deadlines", items);
	} else {
		json_decref(items);
	}
	if (task_list(c->db, r->id, now, &items) == STORE_OK)
		json_object_set_new(o, "tasks", items);
	else
		json_decref(items);
	if (inc_carriers(c->db, r->id, &items) == STORE_OK)
		json_object_set_new(o, "carriers", items);
	else
		json_decref(items);
	if (r->plan_id && plan_get(c->db, r->plan_id, &p) == STORE_OK) {
		json_object_set_new(o, "plan", plan_json(&p, false));
		plan_rec_release(&p);
	} else {
		json_object_set_new(o, "plan", json_null());
	}
	json_object_set_new(o, "allowed_actions", allowed_actions(c, r));
	items = dlog_of_incident(c->db, r->id);
	json_object_set_new(o, "duty_log", items ? items : json_null());
	if (r->drill) {
		int64_t d = drill_of_incident(c->db, r->id);

		json_object_set_new(o, "drill_id", d ? json_integer(d) : json_null());
	}
	return o;
}

/* ---- report ---- */

static int parse_time_field(struct api_ctx *c, const char *field, int64_t *out, bool required)
{
	json_t *v = json_object_get(c->body, field);

	if (!v) {
		if (required) {
			api_error(c, 400, "invalid_field", "必填", "is required", field);
			return -1;
		}
		return 0;
	}
	if (json_is_null(v))
		return api_refuse_null(c, field);
	if (!json_is_string(v) || bjtime_parse_iso(json_string_value(v), out)) {
		api_error(c, 400, "invalid_field", "应为北京时间 YYYY-MM-DDTHH:MM:SS",
		          "must be a Beijing time YYYY-MM-DDTHH:MM:SS", field);
		return -1;
	}
	/* a little clock skew between the reporter's machine and the server is fine */
	if (*out > bjtime_now_ms() + 5 * 60 * 1000) {
		api_error(c, 400, "invalid_field", "不能晚于当前时间", "must not be in the future",
		          field);
		return -1;
	}
	return 0;
}

static int parse_level_field(struct api_ctx *c, const char *field, enum inc_level *out)
{
	json_t *v = json_object_get(c->body, field);

	if (!v)
		return 0;
	if (json_is_null(v))
		return api_refuse_null(c, field);
	if (!json_is_string(v) || inc_level_parse(json_string_value(v), out) || *out == IL_NONE) {
		api_error(c, 400, "invalid_field", "应为 I/II/III/IV（特别重大/重大/较大/一般）",
		          "must be I, II, III or IV", field);
		return -1;
	}
	return 0;
}

static int parse_info_level(struct api_ctx *c, enum level *out)
{
	json_t *v = json_object_get(c->body, "info_level");

	if (!v)
		return 0;
	if (json_is_null(v))
		return api_refuse_null(c, "info_level");
	if (!json_is_string(v) || level_parse(json_string_value(v), out)) {
		api_error(
		    c, 400, "invalid_field", "应为 top_secret/secret/confidential/internal/public",
		    "must be top_secret, secret, confidential, internal or public", "info_level");
		return -1;
	}
	return 0;
}

/* Links the carriers of a leak; each must exist and be visible to the caller. */
static int link_carriers(struct api_ctx *c, const struct inc_rec *r, json_t *ids)
{
	struct carrier_viewer cv;
	size_t i;
	json_t *v;

	if (!ids)
		return 0;
	if (!json_is_array(ids) || json_array_size(ids) > 64) {
		api_error(c, 400, "invalid_field", "应为载体编号数组（最多64个）",
		          "must be an array of at most 64 carrier ids", "carriers");
		return -1;
	}
	api_carrier_viewer(c, &cv);
	json_array_foreach(ids, i, v)
	{
		struct carrier_rec cr;
		struct carrier_access a;

		if (!json_is_integer(v) || carrier_get(c->db, json_integer_value(v), &cr)) {
			api_error(c, 400, "invalid_field", "载体不存在", "no such carrier",
			          "carriers");
			return -1;
		}
		carrier_access_of(&cr, &a);
		if (!carrier_may_see(&a, &cv)) {
			api_error(c, 400, "invalid_field", "载体不存在", "no such carrier",
			          "carriers");
			return -1;
		}
		if (inc_link_carrier(c->db, r->id, cr.id)) {
			api_store_error(c, STORE_IO, NULL);
			return -1;
		}
	}
	return 0;
}

/* Whether an array of ids holds this one. */
static bool id_in_array(json_t *ids, json_t *id)
{
	json_t *v;
	size_t i;

	json_array_foreach(ids, i, v) if (json_equal(v, id)) return true;
	return false;
}

/*
 * A verified leak makes each carrier linked to it lost or leaked
 * (carrier_leak_state), in its history with the incident named and the
 * state it left, which the officer's restore returns to.  ids: the carriers
 * to mark; every carrier linked when NULL.  lost collects those marked.
 */
static enum store_err mark_leaked(struct api_ctx *c, const struct inc_rec *r, json_t *ids,
                                  json_t *lost)
{
	json_t *all = NULL, *v;
	enum store_err e = STORE_OK;
	size_t i;

	if (!ids) {
		e = inc_carriers(c->db, r->id, &all);
		ids = all;
	}
	json_array_foreach(ids, i, v)
	{
		struct carrier_rec cr;
		enum carrier_state to;
		json_t *d;
		char *ds;

		if (e)
			break;
		e = carrier_get(c->db, json_integer_value(v), &cr);
		if (e)
			break;
		to = carrier_leak_state(cr.state);
		d = json_pack("{sIss}", "incident_id", (json_int_t)r->id, "incident_title",
		              r->title);
		if (to != cr.state) {
			json_object_set_new(d, "state_before",
			                    json_string(carrier_state_code(cr.state)));
			cr.state = to;
			e = carrier_save_lifecycle(c->db, &cr);
			json_array_append_new(lost, json_integer(cr.id));
		}
		json_object_set_new(d, "state", json_string(carrier_state_code(cr.state)));
		ds = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
		if (!e)
			e = ds ? carrier_event(c->db, &c->actor, cr.id, "compromised", ds)
			       : STORE_IO;
		free(ds);
		if (!e)
			e = api_audit(c, "carrier.compromised", "carrier", cr.id, AUDIT_SUCCESS, d);
		else
			json_decref(d);
	}
	json_decref(all);
	return e;
}

enum store_err api_inc_duties(struct api_ctx *c, const struct inc_rec *r, json_t *plan_body)
{
	enum store_err e = add_statutory(c, r, IL_NONE);

	if (!e && plan_body)
		e = add_duties(c, r, plan_body, IL_NONE);
	if (!e)
		e = refresh_duties(c, r);
	return e;
}

void api_incidents_create(struct api_ctx *c)
{
	api_incidents_create_with(c, NULL, NULL);
}

void api_incidents_create_with(struct api_ctx *c, api_inc_hook hook, void *arg)
{
	static const char *const allowed[] = {
	    "kind",         "category", "subcategory", "title",    "discovered_at", "info_level",
	    "prelim_level", "factors",  "report",      "carriers", "duty_log_id",   NULL};
	struct inc_rec r;
	struct inc_factors f;
	struct plan_rec p;
	char kind[16] = "", cat[32] = "";
	unsigned decided = 0;
	bool have_plan = false;
	enum store_err e;
	int64_t now = bjtime_now_ms(), log_id = 0;
	json_t *report = json_object_get(c->body, "report");

	inc_rec_init(&r);
	memset(&p, 0, sizeof(p));
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) ||
	    api_field_str(c, "kind", kind, sizeof(kind), true) ||
	    api_field_str(c, "category", cat, sizeof(cat), false) ||
	    api_field_str(c, "subcategory", r.subcategory, sizeof(r.subcategory), false) ||
	    api_field_str(c, "title", r.title, sizeof(r.title), true) ||
	    parse_time_field(c, "discovered_at", &r.discovered_at, true) ||
	    api_field_id(c, "duty_log_id", &log_id, false) || parse_info_level(c, &r.info_level) ||
	    parse_level_field(c, "prelim_level", &r.prelim_level))
		goto out;
	if (inc_kind_parse(kind, &r.kind)) {
		api_error(c, 400, "invalid_field", "应为 leak（失泄密）或 cyber（网络与信息安全）",
		          "must be leak or cyber", "kind");
		goto out;
	}
	if (!cat[0] && r.kind == IK_LEAK)
		snprintf(cat, sizeof(cat), "%s", inc_category_code(IC_LEAK));
	if (inc_category_parse(cat, &r.category) || inc_category_kind(r.category) != r.kind) {
		api_error(c, 400, "invalid_field", "事件类别不属于该事件种类",
		          "category unknown or not of this kind", "category");
		goto out;
	}
	if (r.subcategory[0] && inc_subcategory_parse(r.category, r.subcategory) < 0) {
		api_error(c, 400, "invalid_field", "子类不属于该类别",
		          "subcategory not of this category", "subcategory");
		goto out;
	}
	r.report = report ? json_deep_copy(report) : json_object();
	if (api_text_object(c, "report", r.report, report_texts, report_bools))
		goto out;
	memset(&f, 0, sizeof(f));
	f.info_level = r.info_level;
	if (json_object_get(c->body, "factors") &&
	    parse_factors(c, "factors", json_object_get(c->body, "factors"), &f))
		goto out;
	if (f.info_level == LEVEL_NONE)
		f.info_level = r.info_level;
	r.unit_id = unit_home(c->db);
	if (plan_in_force_for(c->db, r.unit_id, r.kind, &p) == STORE_OK) {
		have_plan = true;
		r.plan_id = p.id;
	}
	e = grade_incident(c, r.plan_id, r.kind, &f, &decided, &r.proposed_level, NULL);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	r.factors = json_pack(
	    "{so so ss ss sI}", "info_level",
	    f.info_level == LEVEL_NONE ? json_null() : json_string(level_code(f.info_level)),
	    "decided_by", factor_names(decided), "public_impact", inc_impact_code(f.public_impact),
	    "business_impact", inc_impact_code(f.business_impact), "loss_yuan",
	    (json_int_t)f.loss_yuan);
	r.state = IS_REPORTED;
	r.reported_at = r.updated_at = now;
	r.reported_by = c->actor.account_id;
	if (!api_tx_begin(c))
		goto out;
	e = inc_insert(c->db, &r);
	if (!e && link_carriers(c, &r, json_object_get(c->body, "carriers")))
		goto out; /* answered; the transaction rolls back */
	if (!e && log_id && api_duty_link_incident(c, log_id, r.id, r.unit_id))
		goto out; /* answered; the transaction rolls back */
	if (!e && hook && hook(c, r.id, arg))
		goto out; /* answered; the transaction rolls back */
	if (!e)
		e = api_inc_duties(c, &r, have_plan ? p.body : NULL);
	if (!e)
		e = inc_event(c->db, r.id, c->actor.account_id, "report",
		              json_pack("{ss ss}", "title", r.title, "plan",
		                        have_plan ? p.name : "无生效预案"));
	if (!e)
		e = api_audit(c, "incident.report", "incident", r.id, AUDIT_SUCCESS,
		              json_pack("{ss ss}", "kind", inc_kind_code(r.kind), "category",
		                        inc_category_code(r.category)));
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c)) {
		json_t *o = detail_json(c, &r);

		if (!have_plan)
			json_object_set_new(
			    o, "warning",
			    json_string("本单位没有生效的应急预案：仅生成法定报告时限"));
		api_reply(c, 201, o);
	}
out:
	plan_rec_release(&p);
	inc_rec_release(&r);
}

void api_incidents_list(struct api_ctx *c)
{
	struct inc_viewer v;
	struct inc_filter f;
	json_t *items;
	int64_t total, n;
	const char *s;
	bool ok;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	memset(&f, 0, sizeof(f));
	f.kind = f.state = f.level = -1;
	api_paging(c, &f.limit, &f.offset, &ok);
	if (!ok)
		return;
	if ((s = http_query(c->req, "kind"))) {
		enum inc_kind k;

		if (inc_kind_parse(s, &k)) {
			api_error(c, 400, "invalid_query", "未知的事件种类", "unknown kind",
			          "kind");
			return;
		}
		f.kind = k;
	}
	if ((s = http_query(c->req, "state"))) {
		enum inc_state st;

		if (inc_state_parse(s, &st)) {
			api_error(c, 400, "invalid_query", "未知的状态", "unknown state", "state");
			return;
		}
		f.state = st;
	}
	if ((s = http_query(c->req, "level"))) {
		enum inc_level l;

		if (inc_level_parse(s, &l)) {
			api_error(c, 400, "invalid_query", "应为 I/II/III/IV", "must be I..IV",
			          "level");
			return;
		}
		f.level = l;
	}
	/* drills (应急演练) are counted apart: listed only when asked for */
	f.drill = 0;
	if ((s = http_query(c->req, "drill"))) {
		if (!strcmp(s, "all"))
			f.drill = -1;
		else if (!strcmp(s, "0") || !strcmp(s, "1"))
			f.drill = s[0] - '0';
		else {
			api_error(c, 400, "invalid_query",
			          "应为 0（真实事件）、1（演练）或 all（全部）",
			          "must be 0 (real incidents), 1 (drills) or all", "drill");
			return;
		}
	}
	if (api_query_int(c, "open", &n, 0, 1))
		return;
	f.open_only = n == 1;
	n = 0;
	if (api_query_int(c, "overdue", &n, 0, 1))
		return;
	f.overdue_only = n == 1;
	f.q = http_query(c->req, "q");
	if (f.q && strlen(f.q) > 256) {
		api_error(c, 400, "invalid_query", "检索词过长", "search text too long", "q");
		return;
	}
	api_inc_viewer(c, &v);
	e = inc_list(c->db, &v, &f, bjtime_now_ms(), &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

void api_incidents_get(struct api_ctx *c)
{
	struct inc_viewer v;
	struct inc_rec r;

	if (!api_require(c, PERM_BUSINESS))
		return;
	api_inc_viewer(c, &v);
	if (!api_inc_load(c, c->id, &v, &r))
		return;
	if (audit_read(c, &r, "incident.read"))
		api_reply(c, 200, detail_json(c, &r));
	inc_rec_release(&r);
}

void api_incidents_versions(struct api_ctx *c)
{
	struct inc_viewer v;
	struct inc_rec r;
	json_t *items;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	api_inc_viewer(c, &v);
	if (!api_inc_load(c, c->id, &v, &r))
		return;
	if (audit_read(c, &r, "incident.versions")) {
		e = inc_versions(c->db, r.id, &items);
		if (e) {
			json_decref(items);
			api_store_error(c, e, NULL);
		} else {
			api_reply_list(c, items, (int64_t)json_array_size(items));
		}
	}
	inc_rec_release(&r);
}

void api_incidents_timeline(struct api_ctx *c)
{
	struct inc_viewer v;
	struct inc_rec r;
	json_t *items;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	api_inc_viewer(c, &v);
	if (!api_inc_load(c, c->id, &v, &r))
		return;
	if (!audit_read(c, &r, "incident.timeline")) {
		inc_rec_release(&r);
		return;
	}
	e = inc_timeline(c->db, r.id, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
	} else {
		api_reply_list(c, items, (int64_t)json_array_size(items));
	}
	inc_rec_release(&r);
}

/*
 * The proposed level for factors, by the same grading as the report: give
 * kind (the unit's plan in force for it) or incident_id (the plan the
 * incident is handled by) to have a plan's own thresholds apply.
 */
void api_incidents_grade_preview(struct api_ctx *c)
{
	struct inc_factors f;
	struct inc_viewer v;
	struct inc_rec r;
	struct plan_rec used;
	unsigned decided = 0;
	enum inc_level l;
	enum inc_kind k = IK_LEAK;
	enum store_err e;
	int64_t plan_id = 0;
	bool have_kind = false;
	json_t *factors = json_deep_copy(c->body), *x;

	inc_rec_init(&r);
	memset(&used, 0, sizeof(used));
	if (!api_require(c, PERM_BUSINESS))
		goto out;
	json_object_del(factors, "kind");
	json_object_del(factors, "incident_id");
	if (parse_factors(c, "", factors, &f))
		goto out;
	if ((x = json_object_get(c->body, "incident_id")) && !json_is_null(x)) {
		if (!json_is_integer(x) || json_integer_value(x) < 1) {
			api_error(c, 400, "invalid_field", "应为事件编号", "must be an incident id",
			          "incident_id");
			goto out;
		}
		api_inc_viewer(c, &v);
		if (!api_inc_load(c, json_integer_value(x), &v, &r))
			goto out;
		k = r.kind;
		plan_id = r.plan_id;
		have_kind = true;
		if (f.info_level == LEVEL_NONE)
			f.info_level = r.info_level;
	} else if ((x = json_object_get(c->body, "kind")) && !json_is_null(x)) {
		if (!json_is_string(x) || inc_kind_parse(json_string_value(x), &k)) {
			api_error(c, 400, "invalid_field",
			          "应为 leak（失泄密）或 cyber（网络与信息安全）",
			          "must be leak or cyber", "kind");
			goto out;
		}
		have_kind = true;
	}
	if (have_kind) {
		e = grade_incident(c, plan_id, k, &f, &decided, &l, &used);
		if (e) {
			api_store_error(c, e, NULL);
			goto out;
		}
	} else {
		l = inc_grade_for(&f, k, NULL, &decided, NULL);
	}
	api_reply(
	    c, 200,
	    json_pack("{so so so}", "proposed_level",
	              l == IL_NONE ? json_null()
	                           : json_pack("{ss ss ss ss}", "code", inc_level_code(l), "zh",
	                                       inc_level_zh(l), "color", inc_level_color(l),
	                                       "color_zh", inc_level_color_zh(l)),
	              "decided_by", factor_names(decided), "plan",
	              used.id ? json_pack("{sI ss}", "id", (json_int_t)used.id, "name", used.name)
	                      : json_null()));
out:
	json_decref(factors);
	plan_rec_release(&used);
	inc_rec_release(&r);
}

/* ---- workflow actions ---- */

static const char *const action_fields[INC_ACTION_COUNT][9] = {
    [IA_SUPPLEMENT] = {"action", "report", "factors", "info_level", "prelim_level", "title",
                       "carriers", "note"},
    [IA_VERIFY] = {"action", "note"},
    [IA_DISMISS] = {"action", "reason"},
    [IA_GRADE] = {"action", "level", "factors", "note"},
    [IA_ACTIVATE] = {"action", "plan_id", "level", "playbooks", "note"},
    [IA_HANDLE] = {"action", "note"},
    [IA_END_HANDLING] = {"action", "note"},
    [IA_SUMMARISE] = {"action", "summary", "to"},
    [IA_CLOSE] = {"action", "note", "reason"},
    [IA_EVALUATE] = {"action", "evaluation", "reason"},
    [IA_INVESTIGATED] = {"action", "investigation", "note"},
};

static bool playbook_matches(json_t *pb, enum inc_category cat, json_t *codes)
{
	size_t i;
	json_t *v;

	if (codes) {
		json_array_foreach(codes, i, v)
		{
			if (!strcmp(json_string_value(v), json_str(pb, "code")))
				return true;
		}
		return false;
	}
	json_array_foreach(json_object_get(pb, "categories"), i, v)
	{
		const char *s = json_string_value(v);

		if (s && (!strcmp(s, "*") || !strcmp(s, inc_category_code(cat))))
			return true;
	}
	return false;
}

/* Tasks from the steps of the chosen playbooks (default: those of the category). */
static enum store_err add_tasks(struct api_ctx *c, const struct inc_rec *r, json_t *body,
                                json_t *codes, int64_t now, int *ntasks)
{
	size_t i, j;
	json_t *pb, *step;

	*ntasks = 0;
	json_array_foreach(json_object_get(body, "playbooks"), i, pb)
	{
		if (!playbook_matches(pb, r->category, codes))
			continue;
		json_array_foreach(json_object_get(pb, "steps"), j, step)
		{
			struct task_rec t;
			struct duty_taker dt;
			json_int_t due = json_integer_value(json_object_get(step, "due_minutes"));
			uint32_t role = role_parse(json_str(step, "role"));
			enum store_err e;

			memset(&t, 0, sizeof(t));
			t.incident_id = r->id;
			snprintf(t.step, sizeof(t.step), "%s", json_str(pb, "code"));
			snprintf(t.phase, sizeof(t.phase), "%s", json_str(step, "phase"));
			snprintf(t.title, sizeof(t.title), "%s", json_str(step, "title"));
			/* the one on duty in the role, else the A, else the B role (store_duty) */
			e = duty_taker(c->db, r->unit_id, role, now, &dt);
			if (e)
				return e;
			t.assignee_id = dt.account_id;
			snprintf(t.role, sizeof(t.role), "%s", role ? role_code(role) : "");
			t.due_at = due > 0 ? now + (int64_t)due * 60000 : 0;
			t.created_at = now;
			e = task_insert(c->db, &t);
			if (!e && (dt.by_role || dt.how != DH_ON_DUTY) && role) {
				json_t *d = json_pack("{sI ss}", "task", (json_int_t)t.id, "title",
				                      t.title);

				duty_taker_note(c->db, role, &dt, d);
				e = inc_event(c->db, r->id, c->actor.account_id, "task_assigned",
				              d);
			}
			if (!e)
				e = duty_notify_task(c->db, t.assignee_id, r->id, t.title);
			if (e)
				return e;
			(*ntasks)++;
		}
	}
	return STORE_OK;
}

/* Checks the playbook codes asked for exist in the plan. */
static int check_playbooks(struct api_ctx *c, json_t *body, json_t *codes)
{
	size_t i, j;
	json_t *v, *pb;

	if (!codes)
		return 0;
	if (!json_is_array(codes) || !json_array_size(codes)) {
		api_error(c, 400, "invalid_field", "应为处置指南代码的非空数组",
		          "must be a non-empty array of playbook codes", "playbooks");
		return -1;
	}
	json_array_foreach(codes, i, v)
	{
		bool found = false;

		json_array_foreach(json_object_get(body, "playbooks"), j, pb)
		{
			if (json_is_string(v) &&
			    !strcmp(json_string_value(v), json_str(pb, "code")))
				found = true;
		}
		if (!found) {
			api_error(c, 400, "invalid_field", "预案中没有该处置指南",
			          "the plan has no such playbook", "playbooks");
			return -1;
		}
	}
	return 0;
}

static bool refuse(struct api_ctx *c, enum inc_err ie, const char *field)
{
	if (ie == INC_NOT_PERMITTED) {
		api_deny(c, inc_err_en(ie));
		return false;
	}
	api_error(c,
	          ie == INC_TASKS_OPEN || ie == INC_BAD_STATE || ie == INC_DUTIES_OPEN ||
	                  ie == INC_LEAK_ONLY
	              ? 409
	              : 400,
	          "refused", inc_err_zh(ie), inc_err_en(ie), field);
	return false;
}

/*
 * The recipient the result report (附件三) goes to: the one asked for, or
 * the recipient of the first plan duty counted from the end of handling.
 * A statutory duty is never met by default: its report goes to an
 * authority of its own.
 */
static void result_recipient(json_t *duties, const char *asked, char *out, size_t n)
{
	size_t i;
	json_t *d;

	snprintf(out, n, "%s", asked);
	json_array_foreach(duties, i, d)
	{
		if (out[0])
			return;
		if (!strcmp(json_str(d, "from"), "handled") &&
		    !strcmp(json_str(d, "source"), "plan"))
			snprintf(out, n, "%s", json_str(d, "recipient"));
	}
}

/*
 * Meets the unmet duties counted from the end of handling whose recipient
 * (or its name on the form) is the one the result report goes to; the
 * others stay open until their own report is recorded.
 */
static enum store_err meet_result_duties(struct api_ctx *c, const struct inc_rec *r, int64_t now,
                                         const char *asked, json_t *detail)
{
	json_t *items, *met = json_array();
	size_t i;
	json_t *d;
	char to[257];
	enum store_err e = duty_list(c->db, r->id, now, &items);

	result_recipient(items, asked, to, sizeof(to));
	json_array_foreach(items, i, d)
	{
		struct duty_rec dr;

		if (e || !to[0] || strcmp(json_str(d, "from"), "handled") ||
		    !json_is_null(json_object_get(d, "met_at")) ||
		    (strcmp(json_str(d, "recipient"), to) && strcmp(json_str(d, "to"), to)))
			continue;
		e = duty_get(c->db, json_integer_value(json_object_get(d, "id")), &dr);
		if (!e) {
			dr.met_at = dr.recorded_at = now;
			dr.met_by = c->actor.account_id;
			snprintf(dr.note, sizeof(dr.note), "随处理结果报告报送");
			e = duty_save(c->db, &dr);
			json_array_append_new(met, json_string(dr.code));
		}
	}
	json_object_set_new(detail, "to", json_string(to));
	json_object_set_new(detail, "duties_met", met);
	json_decref(items);
	return e;
}

void api_incidents_action(struct api_ctx *c)
{
	struct inc_viewer v;
	struct inc_rec r;
	struct plan_rec p;
	struct inc_act x;
	struct inc_actor who;
	char action[32] = "", note[1025] = "";
	const char *field = NULL;
	enum inc_action act;
	enum inc_err ie;
	enum store_err e = STORE_OK;
	int64_t now = bjtime_now_ms(), plan_id = 0;
	json_t *detail = json_object(), *linked_before = NULL;
	bool loaded = false;

	memset(&p, 0, sizeof(p));
	if (!api_require(c, PERM_BUSINESS) ||
	    api_field_str(c, "action", action, sizeof(action), true))
		goto out;
	if (inc_action_parse(action, &act)) {
		api_error(c, 400, "invalid_field", "未知的操作", "unknown action", "action");
		goto out;
	}
	{
		const char *const *allowed = action_fields[act];
		const char *list[10];
		int n = 0;

		while (n < 9 && allowed[n]) {
			list[n] = allowed[n];
			n++;
		}
		list[n] = NULL;
		if (api_only_fields(c, list))
			goto out;
	}
	if (api_field_str(c, "note", note, sizeof(note), false))
		goto out;
	api_inc_viewer(c, &v);
	/* read, decide and write in one transaction: no action acts on a stale row */
	if (!api_tx_begin(c) || !api_inc_load(c, c->id, &v, &r))
		goto out;
	loaded = true;

	memset(&x, 0, sizeof(x));
	x.action = act;
	x.state = r.state;
	x.kind = r.kind;
	x.confirmed = r.confirmed_level;
	x.summarised_by = r.summarised_by;
	who.account_id = c->actor.account_id;
	who.roles = c->actor.roles;
	who.reporter = r.reported_by == c->actor.account_id;
	if (parse_level_field(c, "level", &x.level))
		goto out;
	if (act == IA_DISMISS) {
		char reason[1025] = "";

		if (api_field_str(c, "reason", reason, sizeof(reason), false))
			goto out;
		x.has_reason = reason[0] != '\0';
		json_object_set_new(detail, "reason", json_string(reason));
	}
	if (act == IA_ACTIVATE) {
		if (api_field_id(c, "plan_id", &plan_id, false))
			goto out;
		if (!plan_id)
			plan_id = r.plan_id;
		if (plan_id && plan_get(c->db, plan_id, &p) == STORE_OK && p.unit_id == r.unit_id) {
			x.has_plan = true;
			x.plan_in_force = plan_in_force(p.status);
			x.plan_covers_kind = plan_kind_covers(p.kind, r.kind);
		}
		if (x.has_plan && check_playbooks(c, p.body, json_object_get(c->body, "playbooks")))
			goto out;
	}
	if (act == IA_END_HANDLING)
		x.open_tasks = task_open_count(c->db, r.id);
	if (act == IA_SUMMARISE) {
		json_t *sm = json_object_get(c->body, "summary");

		if (sm && api_text_object(c, "summary", sm, summary_texts, no_names))
			goto out;
		x.summary_complete = sm && *json_str(sm, "final_cause") && *json_str(sm, "process");
	}
	if (act == IA_EVALUATE) {
		json_t *ev = json_object_get(c->body, "evaluation");

		if (!ev) {
			api_error(c, 400, "invalid_field", "必填", "is required", "evaluation");
			goto out;
		}
		if (api_text_object(c, "evaluation", ev, evaluation_texts, no_names))
			goto out;
	}
	if (act == IA_CLOSE || act == IA_EVALUATE) {
		char reason[1025] = "";
		json_t *open = json_array();

		if (api_field_str(c, "reason", reason, sizeof(reason), false)) {
			json_decref(open);
			goto out;
		}
		x.has_reason = reason[0] != '\0';
		x.open_superior_duties = duty_open_superior(c->db, r.id, open);
		/* closing over an unmet report to a superior: the reason goes on the record */
		if (x.open_superior_duties > 0)
			json_object_set_new(detail, "open_duties", open);
		else
			json_decref(open);
		if (reason[0])
			json_object_set_new(detail, "reason", json_string(reason));
	}
	if (act == IA_INVESTIGATED) {
		char *text = calloc(1, sizeof(r.investigation));

		if (!text ||
		    api_field_str(c, "investigation", text, sizeof(r.investigation), false)) {
			if (!text)
				api_store_error(c, STORE_IO, NULL);
			free(text);
			goto out;
		}
		x.investigated = r.investigated_at != 0;
		x.has_result = text[0] != '\0';
		snprintf(r.investigation, sizeof(r.investigation), "%s", text);
		free(text);
	}
	ie = inc_check(&x, &who, &field);
	if (ie) {
		refuse(c, ie, field);
		goto out;
	}
	if (act == IA_SUPPLEMENT) {
		enum level il = r.info_level;

		e = inc_carriers(c->db, r.id, &linked_before);
		if (e) {
			api_store_error(c, e, NULL);
			goto out;
		}

		/* lowering the classification of what was reported is a declassification;
		   refused and the denial recorded (api_deny rolls the transaction back) */
		if (parse_info_level(c, &il))
			goto out;
		if (il < r.info_level && !(c->actor.roles & (ROLE_OFFICER | ROLE_COMMAND))) {
			api_deny(c, "only the officer or the command lower an incident's level");
			goto out;
		}
		r.info_level = il;
	}

	switch (act) {
	case IA_SUPPLEMENT: {
		json_t *rep = json_object_get(c->body, "report"),
		       *fac = json_object_get(c->body, "factors");
		struct inc_factors f;
		unsigned decided = 0;

		if ((rep && api_text_object(c, "report", rep, report_texts, report_bools)) ||
		    parse_level_field(c, "prelim_level", &r.prelim_level) ||
		    api_field_str(c, "title", r.title, sizeof(r.title), false))
			goto out;
		if (rep)
			merge_fields(r.report, rep);
		if (fac) {
			if (parse_factors(c, "factors", fac, &f))
				goto out;
			if (f.info_level == LEVEL_NONE)
				f.info_level = r.info_level;
			e = grade_incident(c, r.plan_id, r.kind, &f, &decided, &r.proposed_level,
			                   NULL);
			if (e) {
				api_store_error(c, e, NULL);
				goto out;
			}
			json_decref(r.factors);
			r.factors = json_deep_copy(fac);
			json_object_set_new(r.factors, "decided_by", factor_names(decided));
		}
		r.version++;
		r.updated_at = now;
		e = inc_add_version(c->db, &r, c->actor.account_id);
		if (!e && link_carriers(c, &r, json_object_get(c->body, "carriers")))
			goto out;
		json_object_set_new(detail, "version", json_integer(r.version));
		break;
	}
	case IA_GRADE: {
		json_t *fac = json_object_get(c->body, "factors");
		struct inc_factors f;
		unsigned decided = 0;

		if (fac && parse_factors(c, "factors", fac, &f))
			goto out;
		if (!fac)
			stored_factors(&r, &f);
		else if (f.info_level == LEVEL_NONE)
			f.info_level = r.info_level;
		e = grade_incident(c, r.plan_id, r.kind, &f, &decided, &r.proposed_level, NULL);
		if (e) {
			api_store_error(c, e, NULL);
			goto out;
		}
		if (fac) {
			json_decref(r.factors);
			r.factors = json_deep_copy(fac);
		}
		json_object_set_new(r.factors, "decided_by", factor_names(decided));
		json_object_set_new(detail, "from", json_string(inc_level_code(r.confirmed_level)));
		r.confirmed_level = x.level;
		r.confirmed_by = c->actor.account_id;
		r.confirmed_at = now;
		json_object_set_new(detail, "level", json_string(inc_level_code(x.level)));
		e = add_statutory(c, &r, x.level);
		if (!e && r.plan_id && plan_get(c->db, r.plan_id, &p) == STORE_OK)
			e = add_duties(c, &r, p.body, x.level);
		break;
	}
	case IA_ACTIVATE: {
		int ntasks = 0;
		struct inc_factors f;
		unsigned decided = 0;

		/* the plan now in charge grades the reported factors by its own thresholds */
		r.plan_id = p.id;
		stored_factors(&r, &f);
		e = grade_incident(c, r.plan_id, r.kind, &f, &decided, &r.proposed_level, NULL);
		if (e) {
			api_store_error(c, e, NULL);
			goto out;
		}
		json_object_set_new(r.factors, "decided_by", factor_names(decided));
		r.response_level = x.level;
		r.activated_at = now;
		e = add_statutory(c, &r, r.confirmed_level);
		if (!e)
			e = add_duties(c, &r, p.body, IL_NONE);
		if (!e)
			e = add_duties(c, &r, p.body, r.confirmed_level);
		if (!e)
			e = add_tasks(c, &r, p.body, json_object_get(c->body, "playbooks"), now,
			              &ntasks);
		json_object_set_new(detail, "plan", json_string(p.name));
		json_object_set_new(detail, "level", json_string(inc_level_code(x.level)));
		json_object_set_new(detail, "tasks", json_integer(ntasks));
		break;
	}
	case IA_HANDLE:
		r.handling_at = now;
		break;
	case IA_END_HANDLING:
		r.handled_at = now;
		break;
	case IA_SUMMARISE: {
		char filing[96];
		char to[257] = "";

		if (api_field_str(c, "to", to, sizeof(to), false))
			goto out;
		json_decref(r.summary);
		r.summary = json_deep_copy(json_object_get(c->body, "summary"));
		r.summarised_at = now;
		r.summarised_by = c->actor.account_id;
		/* a drill takes no filing number: the numbers count real incidents */
		if (!r.drill)
			e = inc_file_number(c->db, r.unit_id, now, &r.filing_day, &r.filing_nth,
			                    &r.filing_total);
		if (!e)
			e = meet_result_duties(c, &r, now, to, detail);
		if (r.drill)
			snprintf(filing, sizeof(filing), "演练不编备案号");
		else
			inc_filing_format(filing, sizeof(filing), r.filing_day, r.filing_nth,
			                  r.filing_total);
		json_object_set_new(detail, "filing_number", json_string(filing));
		break;
	}
	case IA_CLOSE:
		r.closed_at = now;
		r.closed_by = c->actor.account_id;
		break;
	case IA_EVALUATE:
		json_decref(r.evaluation);
		r.evaluation = json_deep_copy(json_object_get(c->body, "evaluation"));
		r.evaluated_at = now;
		break;
	case IA_INVESTIGATED:
		/* the investigation result's report to the 保密行政管理部门 counts from now */
		r.investigated_at = now;
		r.investigated_by = c->actor.account_id;
		json_object_set_new(detail, "investigation", json_string(r.investigation));
		break;
	case IA_VERIFY:
	case IA_DISMISS:
		break;
	}
	if (note[0])
		json_object_set_new(detail, "note", json_string(note));
	r.state = inc_next_state(&x);
	r.updated_at = now;
	if (!e && r.kind == IK_LEAK && r.state != IS_REPORTED &&
	    (act == IA_VERIFY || act == IA_SUPPLEMENT)) {
		/* verified: every linked carrier; later supplements: the ones they link */
		json_t *lost = json_array(), *fresh = NULL;

		if (act == IA_SUPPLEMENT) {
			json_t *id;
			size_t i;

			fresh = json_array();
			json_array_foreach(json_object_get(c->body, "carriers"), i, id)
			{
				if (!id_in_array(linked_before, id) && !id_in_array(fresh, id))
					json_array_append(fresh, id);
			}
		}
		e = mark_leaked(c, &r, fresh, lost);
		if (json_array_size(lost))
			json_object_set_new(detail, "carriers_lost_or_leaked", json_incref(lost));
		json_decref(lost);
		json_decref(fresh);
	}
	if (!e)
		e = inc_save(c->db, &r);
	if (!e)
		e = refresh_duties(c, &r);
	if (!e)
		e = inc_event(c->db, r.id, c->actor.account_id, inc_action_code(act),
		              json_deep_copy(detail));
	if (!e) {
		char event[48];

		snprintf(event, sizeof(event), "incident.%s", inc_action_code(act));
		e = api_audit(c, event, "incident", r.id, AUDIT_SUCCESS, json_deep_copy(detail));
	}
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, detail_json(c, &r));
out:
	json_decref(detail);
	json_decref(linked_before);
	plan_rec_release(&p);
	if (loaded)
		inc_rec_release(&r);
}

/* ---- tasks ---- */

static bool may_direct(struct api_ctx *c)
{
	return (c->actor.roles & (ROLE_COMMAND | ROLE_LEADER | ROLE_OFFICER)) != 0;
}

/* A task's assignee; null (none) only where nullable (a change). */
static int parse_assignee(struct api_ctx *c, int64_t *id, bool nullable)
{
	struct account a;

	if (nullable ? api_field_id_or_null(c, "assignee_id", id)
	             : api_field_id(c, "assignee_id", id, false))
		return -1;
	if (*id && (account_get(c->db, *id, &a) || a.disabled || !a.roles)) {
		api_error(c, 400, "invalid_field", "应为启用的业务账户",
		          "must be an enabled business account", "assignee_id");
		return -1;
	}
	return 0;
}

/* A task's due time: a Beijing time, or null for none where nullable (a change); unchanged
 * when absent. */
static int parse_due(struct api_ctx *c, int64_t *due_at, bool nullable)
{
	json_t *due = json_object_get(c->body, "due_at");

	if (!due)
		return 0;
	if (json_is_null(due) && nullable) {
		*due_at = 0;
		return 0;
	}
	if (!json_is_string(due) || bjtime_parse_iso(json_string_value(due), due_at)) {
		api_error(c, 400, "invalid_field", "应为北京时间 YYYY-MM-DDTHH:MM:SS",
		          "must be a Beijing time", "due_at");
		return -1;
	}
	return 0;
}

void api_incidents_task_create(struct api_ctx *c)
{
	static const char *const allowed[] = {"title",  "phase", "assignee_id",
	                                      "due_at", "note",  NULL};
	struct inc_viewer v;
	struct inc_rec r;
	struct task_rec t;
	enum store_err e;

	memset(&t, 0, sizeof(t));
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed))
		return;
	api_inc_viewer(c, &v);
	if (!api_tx_begin(c) || !api_inc_load(c, c->id, &v, &r))
		return;
	if (!may_direct(c)) {
		api_deny(c, "only command, leader or officer assign incident tasks");
		goto out;
	}
	if (r.state < IS_ACTIVATED || inc_state_final(r.state) || r.state >= IS_HANDLED) {
		api_error(c, 409, "refused", "预案启动后、处置完毕前才能布置任务",
		          "tasks are assigned between activation and the end of handling", NULL);
		goto out;
	}
	if (api_field_str(c, "title", t.title, sizeof(t.title), true) ||
	    api_field_str(c, "phase", t.phase, sizeof(t.phase), false) ||
	    api_field_str(c, "note", t.note, sizeof(t.note), false) ||
	    parse_assignee(c, &t.assignee_id, false))
		goto out;
	if (parse_due(c, &t.due_at, false))
		goto out;
	t.incident_id = r.id;
	t.created_at = bjtime_now_ms();
	e = task_insert(c->db, &t);
	if (!e)
		e = inc_event(c->db, r.id, c->actor.account_id, "task",
		              json_pack("{sI ss sI}", "task", (json_int_t)t.id, "title", t.title,
		                        "assignee_id", (json_int_t)t.assignee_id));
	if (!e)
		e = api_audit(c, "incident.task", "incident", r.id, AUDIT_SUCCESS,
		              json_pack("{sI}", "task", (json_int_t)t.id));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, 201, json_pack("{sI ss}", "id", (json_int_t)t.id, "title", t.title));
out:
	inc_rec_release(&r);
}

void api_tasks_update(struct api_ctx *c)
{
	static const char *const allowed[] = {"status", "note", "assignee_id", "due_at", NULL};
	struct inc_viewer v;
	struct inc_rec r;
	struct task_rec t;
	char status[16] = "";
	enum store_err e;
	bool assignee;

	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) || !api_tx_begin(c))
		return;
	api_inc_viewer(c, &v);
	e = task_get(c->db, c->id, &t);
	if (e && e != STORE_NOTFOUND) {
		api_store_error(c, e, NULL);
		return;
	}
	if (e) {
		api_hidden(c, "incident_task", c->id, TASK_HIDDEN_ZH, TASK_HIDDEN_EN);
		return;
	}
	if (!load_visible(c, t.incident_id, &v, &r, "incident_task", c->id, TASK_HIDDEN_ZH,
	                  TASK_HIDDEN_EN))
		return;
	assignee = t.assignee_id == c->actor.account_id;
	if (!assignee && !may_direct(c)) {
		api_deny(c, "only the assignee, command, leader or officer update a task");
		goto out;
	}
	if (inc_state_final(r.state) || r.state >= IS_HANDLED) {
		api_error(c, 409, "refused", "处置已结束，任务不能再更改",
		          "handling has ended; tasks can no longer change", NULL);
		goto out;
	}
	if (api_field_str(c, "status", status, sizeof(status), false) ||
	    api_field_str(c, "note", t.note, sizeof(t.note), false))
		goto out;
	if (json_object_get(c->body, "assignee_id") || json_object_get(c->body, "due_at")) {
		if (!may_direct(c)) {
			api_deny(c, "only command, leader or officer reassign a task");
			goto out;
		}
		if (parse_assignee(c, &t.assignee_id, true) || parse_due(c, &t.due_at, true))
			goto out;
	}
	if (status[0]) {
		if (!strcmp(status, "done")) {
			t.status = TASK_DONE;
			t.done_at = bjtime_now_ms();
			t.done_by = c->actor.account_id;
		} else if (!strcmp(status, "cancelled")) {
			if (!may_direct(c)) {
				api_deny(c, "only command, leader or officer cancel a task");
				goto out;
			}
			t.status = TASK_CANCELLED;
		} else if (!strcmp(status, "open")) {
			if (t.status == TASK_CANCELLED && !may_direct(c)) {
				api_deny(c,
				         "only command, leader or officer reopen a cancelled task");
				goto out;
			}
			t.status = TASK_OPEN;
			t.done_at = t.done_by = 0;
		} else {
			api_error(c, 400, "invalid_field", "应为 open/done/cancelled",
			          "must be open, done or cancelled", "status");
			goto out;
		}
	}
	e = task_save(c->db, &t);
	if (!e)
		e = inc_event(c->db, r.id, c->actor.account_id, "task_update",
		              json_pack("{sI ss ss}", "task", (json_int_t)t.id, "title", t.title,
		                        "status", status[0] ? status : "updated"));
	if (!e)
		e = api_audit(c, "incident.task_update", "incident", r.id, AUDIT_SUCCESS,
		              json_pack("{sI ss}", "task", (json_int_t)t.id, "status", status));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_no_content(c);
out:
	inc_rec_release(&r);
}

/* ---- reporting duties ---- */

void api_deadlines_meet(struct api_ctx *c)
{
	static const char *const allowed[] = {"at", "note", NULL};
	struct inc_viewer v;
	struct inc_rec r;
	struct duty_rec d;
	enum store_err e;
	int64_t now = bjtime_now_ms(), at = now;
	char met_iso[40], rec_iso[40];
	bool backfilled;

	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) || !api_tx_begin(c))
		return;
	api_inc_viewer(c, &v);
	e = duty_get(c->db, c->id, &d);
	if (e && e != STORE_NOTFOUND) {
		api_store_error(c, e, NULL);
		return;
	}
	if (e) {
		api_hidden(c, "incident_deadline", c->id, DUTY_HIDDEN_ZH, DUTY_HIDDEN_EN);
		return;
	}
	if (!load_visible(c, d.incident_id, &v, &r, "incident_deadline", c->id, DUTY_HIDDEN_ZH,
	                  DUTY_HIDDEN_EN))
		return;
	if (!(c->actor.roles & INC_WATCH_ROLES)) {
		api_deny(c, "only officer, command, leader or duty record a report sent");
		goto out;
	}
	if (d.met_at) {
		api_error(c, 409, "refused", "该报告已登记报送",
		          "this report was already recorded as sent", NULL);
		goto out;
	}
	if (!d.anchor_at) {
		api_error(c, 409, "refused", "时限尚未开始计算（起算事件未发生）",
		          "the time limit has not started (its starting event has not happened)",
		          NULL);
		goto out;
	}
	if (parse_time_field(c, "at", &at, false) ||
	    api_field_str(c, "note", d.note, sizeof(d.note), false))
		goto out;
	if (at < d.anchor_at) {
		api_error(c, 400, "invalid_field", "报送时间不能早于起算时间",
		          "must not be before the time the limit counts from", "at");
		goto out;
	}
	/* the claimed time is kept; the recording time says whether it is a 补录 */
	d.met_at = at;
	d.recorded_at = now;
	d.met_by = c->actor.account_id;
	backfilled = dl_backfilled(at, now);
	bjtime_format_iso(at, met_iso);
	bjtime_format_iso(now, rec_iso);
	e = duty_save(c->db, &d);
	if (!e)
		e = refresh_duties(c, &r);
	if (!e)
		e = inc_event(c->db, r.id, c->actor.account_id, "report_sent",
		              json_pack("{ss ss ss sb sb ss ss sb}", "duty", d.code, "to",
		                        d.to_whom, "source", dl_source_code(d.source), "late",
		                        d.due_at && dl_judged_ms(at, now) > d.due_at, "backfilled",
		                        backfilled, "met_at", met_iso, "recorded_at", rec_iso,
		                        "escalated", d.escalated_at != 0));
	if (!e)
		e = api_audit(c, "incident.report_sent", "incident", r.id, AUDIT_SUCCESS,
		              json_pack("{ss sb}", "duty", d.code, "backfilled", backfilled));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, 200, detail_json(c, &r));
out:
	inc_rec_release(&r);
}

void api_deadlines_stats(struct api_ctx *c)
{
	struct inc_viewer v;
	const char *from = http_query(c->req, "from"), *to = http_query(c->req, "to");
	int32_t d0, d1;
	int64_t now = bjtime_now_ms();
	json_t *out;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!(c->actor.roles & INC_WATCH_ROLES)) {
		api_deny(c, "only officer, command, leader or duty read reporting statistics");
		return;
	}
	d1 = (int32_t)((now / 1000 + BJTIME_OFFSET_S) / 86400) + 1;
	d0 = d1 - 365;
	if ((from && bjtime_parse_date(from, &d0)) || (to && bjtime_parse_date(to, &d1))) {
		api_error(c, 400, "invalid_query", "日期应为 YYYY-MM-DD",
		          "dates must be YYYY-MM-DD",
		          from && bjtime_parse_date(from, &d0) ? "from" : "to");
		return;
	}
	if (to)
		d1++; /* the last day counts whole */
	api_inc_viewer(c, &v);
	e = duty_stats(c->db, &v, ((int64_t)d0 * 86400 - BJTIME_OFFSET_S) * 1000,
	               ((int64_t)d1 * 86400 - BJTIME_OFFSET_S) * 1000, now, &out);
	if (e) {
		json_decref(out);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200, json_pack("{so}", "units", out));
}
