/*
 * api_drill.c — emergency drills (应急演练) over HTTP: the year's drill plan
 * with each plan's six-month rule, a drill from plan to run (an incident
 * marked drill = 1: the same countdowns and tasks, never reported upward),
 * end, findings (rectification tasks in the inspection tracker, optionally
 * opening a revision of the plan), summary (演练总结) and 通报, and the
 * 通报 as a printable form (PDF or HTML).
 *
 * Who: the 保密员 and the emergency command (应急办) plan and run drills
 * (DRILL_MANAGER_ROLES); they, the leader and the duty officers read them
 * (INC_WATCH_ROLES), and so do its participants and those responsible for
 * the rectification of one of its findings.  A
 * drill the caller may not read answers like one that does not exist.
 */
#include "api_incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../export/form.h"
#include "../store/store_drill.h"
#include "../store/store_inspect.h"
#include "../util/bjtime.h"

#define DRILL_HIDDEN_ZH "演练不存在"
#define DRILL_HIDDEN_EN "no such drill"
#define DRILL_TITLE_PREFIX "【演练】"

static int32_t today(void)
{
	return (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400);
}

static bool may_manage(struct api_ctx *c)
{
	if (c->actor.roles & DRILL_MANAGER_ROLES)
		return true;
	api_deny(c, "only the officer or the emergency command plan and run drills");
	return false;
}

static bool may_read(struct api_ctx *c, const struct drill_rec *d)
{
	return (c->actor.roles & INC_WATCH_ROLES) || drill_has_participant(d, c->actor.person_id) ||
	       drill_task_holder(c->db, d->id, c->actor.account_id);
}

/* Loads the drill of the route for a reader; anything else answers 404 (api_hidden). */
static bool load_drill(struct api_ctx *c, struct drill_rec *d)
{
	enum store_err e = drill_get(c->db, c->id, d);

	if (e && e != STORE_NOTFOUND) {
		drill_rec_release(d);
		api_store_error(c, e, NULL);
		return false;
	}
	if (!e && may_read(c, d))
		return true;
	drill_rec_release(d);
	api_hidden(c, "drill", c->id, DRILL_HIDDEN_ZH, DRILL_HIDDEN_EN);
	return false;
}

/* An optional free text of at most DRILL_TEXT_MAX bytes, malloc'ed into *out ("" if absent). */
static int text_field(struct api_ctx *c, const char *field, char **out, bool required)
{
	char *buf = malloc(DRILL_TEXT_MAX + 1);

	*out = NULL;
	if (!buf) {
		api_store_error(c, STORE_IO, NULL);
		return -1;
	}
	buf[0] = '\0';
	if (api_field_str(c, field, buf, DRILL_TEXT_MAX + 1, required)) {
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

/* ---- the year's plan ---- */

void api_drills_list(struct api_ctx *c)
{
	int y;
	unsigned m, dd;
	int64_t year;
	json_t *items = NULL, *plans = NULL;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!(c->actor.roles & INC_WATCH_ROLES)) {
		api_deny(c, "only officer, command, leader or duty read the drill plan");
		return;
	}
	bjtime_civil_from_days(today(), &y, &m, &dd);
	year = y;
	if (api_query_int(c, "year", &year, 2000, 2100))
		return;
	e = drill_list(c->db, (int)year, today(), &items);
	if (!e)
		e = drill_plans(c->db, (int)year, today(), &plans);
	if (e) {
		json_decref(items);
		json_decref(plans);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200,
	          json_pack("{si so sI so}", "year", (int)year, "items", items, "total",
	                    (json_int_t)json_array_size(items), "plans", plans));
}

/* Who may take part: the people on post by name, for those who plan drills. */
void api_drills_people(struct api_ctx *c)
{
	json_t *items = NULL;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || !may_manage(c))
		return;
	e = drill_people(c->db, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

/* The playbooks named (codes of the plan's playbooks) as [{code, name}]. */
static int playbooks_field(struct api_ctx *c, const struct plan_rec *p, json_t **out)
{
	json_t *codes = json_object_get(c->body, "playbooks"), *books, *code, *pb;
	size_t i, j;

	*out = json_array();
	if (!codes)
		return 0;
	books = json_object_get(p->body, "playbooks");
	if (!json_is_array(codes) || json_array_size(codes) > 32)
		goto bad;
	json_array_foreach(codes, i, code)
	{
		bool found = false;

		json_array_foreach(books, j, pb)
		{
			if (json_is_string(code) &&
			    !strcmp(json_str(pb, "code"), json_string_value(code))) {
				json_array_append_new(*out, json_pack("{ss ss}", "code",
				                                      json_str(pb, "code"), "name",
				                                      json_str(pb, "name")));
				found = true;
				break;
			}
		}
		if (!found)
			goto bad;
	}
	return 0;
bad:
	json_decref(*out);
	*out = NULL;
	api_error(c, 400, "invalid_field", "应为所选预案中的处置方案",
	          "must be playbooks of the chosen plan", "playbooks");
	return -1;
}

static int participants_field(struct api_ctx *c, struct drill_rec *d)
{
	json_t *ids = json_object_get(c->body, "participants"), *v;
	size_t i;

	if (!ids)
		return 0;
	if (!json_is_array(ids) || json_array_size(ids) > DRILL_MAX_PARTICIPANTS)
		goto bad;
	json_array_foreach(ids, i, v)
	{
		struct person p;

		if (!json_is_integer(v) || json_integer_value(v) <= 0 ||
		    person_get(c->db, json_integer_value(v), &p))
			goto bad;
		d->participants[d->nparticipants++] = json_integer_value(v);
	}
	return 0;
bad:
	api_error(c, 400, "invalid_field", "参演人员应为人员名册中的人员（至多100人）",
	          "must be people of the register (at most 100)", "participants");
	return -1;
}

void api_drills_create(struct api_ctx *c)
{
	static const char *const allowed[] = {"plan_id",   "title",      "scenario",     "kind",
	                                      "playbooks", "planned_on", "participants", NULL};
	struct drill_rec d;
	struct plan_rec p;
	char kind[32] = "";
	json_t *o;
	enum store_err e;

	memset(&d, 0, sizeof(d));
	memset(&p, 0, sizeof(p));
	if (!api_require(c, PERM_BUSINESS) || !may_manage(c) || api_only_fields(c, allowed) ||
	    api_field_id(c, "plan_id", &d.plan_id, true) ||
	    api_field_str(c, "title", d.title, sizeof(d.title), true) ||
	    text_field(c, "scenario", &d.scenario, true) ||
	    api_field_str(c, "kind", kind, sizeof(kind), true) ||
	    api_field_date(c, "planned_on", &d.planned_on, true))
		goto out;
	if (drill_kind_parse(kind, &d.kind)) {
		api_error(c, 400, "invalid_field", "应为 tabletop（桌面推演）或 live（实战演练）",
		          "must be tabletop or live", "kind");
		goto out;
	}
	if (!api_tx_begin(c))
		goto out;
	e = plan_get(c->db, d.plan_id, &p);
	if (e || !plan_in_force(p.status)) {
		api_error(c, 400, "invalid_field", "应为生效（已批准或已备案）的应急预案",
		          "must be a plan in force (approved or filed)", "plan_id");
		goto out;
	}
	if (playbooks_field(c, &p, &d.playbooks) || participants_field(c, &d))
		goto out;
	d.unit_id = p.unit_id;
	d.state = DS_PLANNED;
	d.created_by = c->actor.account_id;
	d.created_at = d.updated_at = bjtime_now_ms();
	e = drill_insert(c->db, &d);
	if (!e)
		e = drill_event(c->db, d.id, c->actor.account_id, "plan", d.title);
	if (!e)
		e = api_audit(c, "drill.plan", "drill", d.id, AUDIT_SUCCESS,
		              json_pack("{ss ss sI}", "title", d.title, "kind",
		                        drill_kind_code(d.kind), "plan", (json_int_t)d.plan_id));
	if (!e)
		e = drill_detail_json(c->db, &d, today(), &o);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, o);
	else
		json_decref(o);
out:
	plan_rec_release(&p);
	drill_rec_release(&d);
}

void api_drills_get(struct api_ctx *c)
{
	struct drill_rec d;
	json_t *o;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || !load_drill(c, &d))
		return;
	e = drill_detail_json(c->db, &d, today(), &o);
	if (e)
		api_store_error(c, e, NULL);
	else
		api_reply(c, 200, o);
	drill_rec_release(&d);
}

/* ---- running ---- */

/* The drill incident: the plan's kind, a title that says 演练, the duties as a real one. */
static enum store_err open_incident(struct api_ctx *c, struct drill_rec *d, int64_t now)
{
	struct inc_rec r;
	struct plan_rec p;
	enum store_err e;

	inc_rec_init(&r);
	memset(&p, 0, sizeof(p));
	e = plan_get(c->db, d->plan_id, &p);
	if (e)
		goto out;
	r.kind = p.kind == PK_CYBER ? IK_CYBER : IK_LEAK;
	r.category = r.kind == IK_CYBER ? IC_OTHER : IC_LEAK;
	snprintf(r.title, sizeof(r.title), "%s%.240s", DRILL_TITLE_PREFIX, d->title);
	r.report = json_pack("{ss}", "description", d->scenario);
	r.factors = json_object();
	r.state = IS_REPORTED;
	r.discovered_at = r.reported_at = r.updated_at = now;
	r.reported_by = c->actor.account_id;
	r.unit_id = d->unit_id;
	r.plan_id = d->plan_id;
	r.drill = true;
	e = inc_insert(c->db, &r);
	if (!e)
		e = api_inc_duties(c, &r, p.body);
	if (!e)
		e = inc_event(c->db, r.id, c->actor.account_id, "report",
		              json_pack("{ss ss}", "title", r.title, "plan", p.name));
	if (!e)
		e = api_audit(c, "incident.report", "incident", r.id, AUDIT_SUCCESS,
		              json_pack("{ss ss sb sI}", "kind", inc_kind_code(r.kind), "category",
		                        inc_category_code(r.category), "drill", true, "drill_id",
		                        (json_int_t)d->id));
	d->incident_id = r.id;
out:
	plan_rec_release(&p);
	inc_rec_release(&r);
	return e;
}

void api_drills_action(struct api_ctx *c)
{
	static const char *const allowed[] = {"action", "text", NULL};
	struct drill_rec d;
	char action[16] = "", *text = NULL;
	enum drill_action a;
	enum drill_state next;
	enum drill_err de;
	enum store_err e;
	int64_t now = bjtime_now_ms();
	json_t *o;

	memset(&d, 0, sizeof(d));
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) ||
	    api_field_str(c, "action", action, sizeof(action), true) ||
	    text_field(c, "text", &text, false))
		goto out;
	if (drill_action_parse(action, &a)) {
		api_error(c, 400, "invalid_field", "应为 start/end/summarise/notify/cancel",
		          "must be start, end, summarise, notify or cancel", "action");
		goto out;
	}
	if (!api_tx_begin(c) || !load_drill(c, &d) || !may_manage(c))
		goto out;
	de = drill_check(d.state, a, text[0] != '\0', &next);
	if (de) {
		api_error(c, de == DRILL_BAD_STATE ? 409 : 400, "refused", drill_err_zh(de),
		          drill_err_en(de), de == DRILL_MISSING_TEXT ? "text" : "action");
		goto out;
	}
	e = STORE_OK;
	switch (a) {
	case DA_START:
		d.started_at = now;
		e = open_incident(c, &d, now);
		break;
	case DA_END:
		d.ended_at = now;
		e = drill_close_incident(c->db, d.incident_id, c->actor.account_id, now);
		break;
	case DA_SUMMARISE:
		free(d.summary);
		d.summary = text;
		text = NULL;
		d.summarised_at = now;
		break;
	case DA_NOTIFY:
		free(d.notice);
		d.notice = text;
		text = NULL;
		d.notified_at = now;
		break;
	case DA_CANCEL:
		snprintf(d.reason, sizeof(d.reason), "%.1000s", text);
		break;
	}
	d.state = next;
	d.updated_at = now;
	if (!e)
		e = drill_save_state(c->db, &d);
	if (!e)
		e = drill_event(c->db, d.id, c->actor.account_id, drill_action_code(a),
		                a == DA_CANCEL ? d.reason : "");
	if (!e)
		e = api_audit(c, "drill.action", "drill", d.id, AUDIT_SUCCESS,
		              json_pack("{ss ss}", "action", drill_action_code(a), "state",
		                        drill_state_code(d.state)));
	if (!e)
		e = drill_detail_json(c->db, &d, today(), &o);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, o);
	else
		json_decref(o);
out:
	free(text);
	drill_rec_release(&d);
}

/* ---- findings ---- */

/* A new draft version of the drill's plan, unless one is being drafted; its name into out. */
static enum store_err open_revision(struct api_ctx *c, const struct drill_rec *d, char *out,
                                    size_t n)
{
	struct plan_rec p;
	int64_t draft = 0;
	enum store_err e;

	memset(&p, 0, sizeof(p));
	e = plan_get(c->db, d->plan_id, &p);
	if (!e)
		e = drill_plan_draft(c->db, &p, &draft);
	if (e || draft) {
		snprintf(out, n, "《%s》修订稿已在起草中", p.name);
		goto out;
	}
	p.version = plan_next_version(c->db, p.unit_id, p.name);
	p.status = PST_DRAFT;
	p.created_by = c->actor.account_id;
	p.created_at = p.updated_at = bjtime_now_ms();
	p.approved_by = p.approved_at = p.filed_at = p.retired_at = 0;
	p.filed_with[0] = '\0';
	e = plan_insert(c->db, &p);
	if (!e)
		e = api_audit(c, "plan.revise", "plan", p.id, AUDIT_SUCCESS,
		              json_pack("{ss si ss sI}", "name", p.name, "version", p.version,
		                        "status", plan_status_code(p.status), "drill",
		                        (json_int_t)d->id));
	snprintf(out, n, "已据此启动预案修订：《%s》第%d版（草稿）", p.name, p.version);
out:
	plan_rec_release(&p);
	return e;
}

void api_drills_finding(struct api_ctx *c)
{
	static const char *const allowed[] = {"title",          "severity", "department_id",
	                                      "responsible_id", "deadline", "plan",
	                                      "revise_plan",    NULL};
	struct drill_rec d;
	struct finding_rec *f = calloc(1, sizeof(*f));
	struct rtask_rec t;
	struct account acc;
	char sev[16] = "";
	bool revise = false, created;
	int32_t dl = 0;
	enum store_err e;
	json_t *o;

	memset(&d, 0, sizeof(d));
	memset(&t, 0, sizeof(t));
	if (!f) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) ||
	    api_field_str(c, "title", f->title, sizeof(f->title), true) ||
	    api_field_str(c, "severity", sev, sizeof(sev), true) ||
	    api_field_id(c, "department_id", &f->department_id, false) ||
	    api_field_id(c, "responsible_id", &t.responsible_id, true) ||
	    api_field_date(c, "deadline", &dl, true) ||
	    api_field_str(c, "plan", t.plan, sizeof(t.plan), false) ||
	    api_field_bool(c, "revise_plan", &revise, false))
		goto out;
	if (insp_severity_parse(sev, &f->severity)) {
		api_error(c, 400, "invalid_field", "应为 low/medium/high（一般/较重/严重）",
		          "must be low, medium or high", "severity");
		goto out;
	}
	if (dl < today()) {
		api_error(c, 400, "invalid_field", "整改期限不能早于今天",
		          "the deadline cannot be in the past", "deadline");
		goto out;
	}
	if (!api_tx_begin(c) || !load_drill(c, &d) || !may_manage(c))
		goto out;
	if (!drill_takes_findings(d.state)) {
		api_error(c, 409, "refused", drill_err_zh(DRILL_NO_FINDINGS),
		          drill_err_en(DRILL_NO_FINDINGS), NULL);
		goto out;
	}
	if (account_get(c->db, t.responsible_id, &acc) || acc.disabled || !acc.roles) {
		api_error(c, 400, "invalid_field", "应为启用的业务账户",
		          "must be an enabled business account", "responsible_id");
		goto out;
	}
	if (f->department_id) {
		struct department dep;

		if (dept_get(c->db, f->department_id, &dep)) {
			api_error(c, 400, "invalid_field", "部门不存在", "no such department",
			          "department_id");
			goto out;
		}
	}
	f->drill_id = d.id;
	f->created_by = c->actor.account_id;
	f->created_at = bjtime_now_ms();
	snprintf(f->source, sizeof(f->source), "drill");
	snprintf(f->source_key, sizeof(f->source_key), "drill/%lld/%lld", (long long)d.id,
	         (long long)f->created_at);
	e = revise ? open_revision(c, &d, f->evidence, sizeof(f->evidence)) : STORE_OK;
	if (!e)
		e = finding_insert(c->db, f, &created);
	if (!e && !created)
		e = STORE_CONFLICT;
	if (!e) {
		t.finding_id = f->id;
		t.department_id = f->department_id;
		t.deadline = dl;
		t.state = RS_OPEN;
		t.created_by = c->actor.account_id;
		t.created_at = f->created_at;
		e = rtask_insert(c->db, &t);
	}
	if (!e)
		e = drill_event(c->db, d.id, c->actor.account_id, "finding", f->title);
	if (!e)
		e = api_audit(c, "drill.finding", "drill", d.id, AUDIT_SUCCESS,
		              json_pack("{sI ss sb}", "finding", (json_int_t)f->id, "severity", sev,
		                        "revise_plan", revise));
	if (!e)
		e = api_audit(c, "rectification.assign", "rect_task", t.id, AUDIT_SUCCESS,
		              json_pack("{sI sI}", "finding", (json_int_t)f->id, "responsible",
		                        (json_int_t)t.responsible_id));
	if (!e)
		e = drill_detail_json(c->db, &d, today(), &o);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, o);
	else
		json_decref(o);
out:
	drill_rec_release(&d);
	free(f);
}

/* ---- the 通报 ---- */

struct notice_text {
	struct buf people, findings, timeline;
	char when[2][BJTIME_CN_LEN], planned[16];
};

static void notice_release(struct notice_text *n)
{
	buf_release(&n->people);
	buf_release(&n->findings);
	buf_release(&n->timeline);
}

/* The detail's lists as the form's texts. */
static bool notice_texts(json_t *o, struct notice_text *n)
{
	json_t *x;
	size_t i;
	int bad = 0;

	json_array_foreach(json_object_get(o, "participants"), i, x) bad |=
	    buf_printf(&n->people, "%s%s%s%s%s", i ? "、" : "", json_str(x, "name"),
	               *json_str(x, "department") ? "（" : "", json_str(x, "department"),
	               *json_str(x, "department") ? "）" : "");
	json_array_foreach(json_object_get(o, "findings"), i, x)
	{
		json_t *t = json_object_get(x, "task");

		bad |= buf_printf(&n->findings, "%s%zu. %s（%s）", i ? "\n" : "", i + 1,
		                  json_str(x, "title"), json_str(x, "severity_zh"));
		if (json_is_object(t))
			bad |= buf_printf(&n->findings, "；整改责任人：%s，期限：%s，%s",
			                  json_str(t, "responsible"), json_str(t, "deadline"),
			                  json_str(t, "state_zh"));
		if (*json_str(x, "note"))
			bad |= buf_printf(&n->findings, "；%s", json_str(x, "note"));
	}
	json_array_foreach(json_object_get(o, "timeline"), i, x)
	{
		int64_t ms = 0;
		char when[BJTIME_CN_LEN] = "";

		if (!bjtime_parse_iso(json_str(x, "at"), &ms))
			bjtime_format_cn(ms, when);
		bad |= buf_printf(&n->timeline, "%s%s %s %s%s%s", i ? "\n" : "", when,
		                  json_str(x, "by"), drill_event_zh(json_str(x, "action")),
		                  *json_str(x, "detail") ? "：" : "", json_str(x, "detail"));
	}
	return !bad;
}

void api_drills_notice(struct api_ctx *c)
{
	const char *fmt = http_query(c->req, "format");
	struct drill_rec d;
	struct notice_text n;
	struct form_field fl[12];
	struct form f;
	char footer[200], disp[128], stamp[BJTIME_CN_LEN], subtitle[200];
	json_t *o = NULL;
	bool pdf;
	size_t k = 0;
	enum form_err fe;
	enum store_err e;

	pdf = !fmt || !strcmp(fmt, "pdf");
	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!pdf && strcmp(fmt, "html")) {
		api_error(c, 400, "invalid_query", "应为 pdf 或 html", "must be pdf or html",
		          "format");
		return;
	}
	if (!load_drill(c, &d))
		return;
	buf_init(&n.people, 64 << 10);
	buf_init(&n.findings, 256 << 10);
	buf_init(&n.timeline, 128 << 10);
	if (d.state != DS_NOTIFIED) {
		api_error(c, 409, "refused", "演练尚未通报", "the drill has no notice yet", NULL);
		goto out;
	}
	e = drill_detail_json(c->db, &d, today(), &o);
	if (e || !notice_texts(o, &n)) {
		api_store_error(c, e ? e : STORE_IO, NULL);
		goto out;
	}
	bjtime_format_cn(d.started_at, n.when[0]);
	bjtime_format_cn(d.ended_at, n.when[1]);
	fl[k++] = (struct form_field){"演练名称", d.title, true};
	fl[k++] = (struct form_field){"演练形式", drill_kind_zh(d.kind), false};
	fl[k++] = (struct form_field){"所依预案", json_str(o, "plan"), false};
	fl[k++] = (struct form_field){"开始时间", n.when[0], false};
	fl[k++] = (struct form_field){"结束时间", n.when[1], false};
	fl[k++] = (struct form_field){"参演人员", n.people.len ? n.people.ptr : "", true};
	fl[k++] = (struct form_field){"演练情景", d.scenario, true};
	fl[k++] = (struct form_field){"演练经过", n.timeline.len ? n.timeline.ptr : "", true};
	fl[k++] =
	    (struct form_field){"发现的问题及整改", n.findings.len ? n.findings.ptr : "无", true};
	fl[k++] = (struct form_field){"演练总结", d.summary, true};
	fl[k++] = (struct form_field){"通报", d.notice, true};
	bjtime_format_cn(d.notified_at, stamp);
	snprintf(subtitle, sizeof(subtitle), "应急演练（演练，非真实事件）\n通报时间：%s", stamp);
	bjtime_format_cn(bjtime_now_ms(), stamp);
	snprintf(footer, sizeof(footer), "应急演练通报  打印时间 %s", stamp);
	memset(&f, 0, sizeof(f));
	f.title = "关于应急演练情况的通报";
	f.subtitle = subtitle;
	f.fields = fl;
	f.nfields = k;
	f.footer = footer;
	snprintf(disp, sizeof(disp), "%lld", (long long)d.id);
	e = audit_append_tx(c->db, &c->actor, "drill.notice", "drill", disp, AUDIT_SUCCESS,
	                    pdf ? "{\"format\":\"pdf\"}" : "{\"format\":\"html\"}");
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	buf_reset(&c->resp->body);
	fe = pdf ? form_pdf(&f, &c->resp->body) : form_html(&f, &c->resp->body);
	if (fe) {
		buf_reset(&c->resp->body);
		fprintf(stderr, "baomi: drill notice: %s\n", form_err_en(fe));
		api_error(c, fe == FORM_TOO_BIG ? 413 : 500, "form_failed", "通报生成失败",
		          form_err_en(fe), NULL);
		goto out;
	}
	snprintf(disp, sizeof(disp), "%s; filename=\"drill-%lld-notice.%s\"",
	         pdf ? "attachment" : "inline", (long long)d.id, pdf ? "pdf" : "html");
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type = pdf ? "application/pdf" : "text/html; charset=utf-8";
	c->resp->status = 200;
out:
	json_decref(o);
	notice_release(&n);
	drill_rec_release(&d);
}
