/*
 * api_report.c — reporting upward: the report forms (附件二, 附件三) as
 * PDF and printable HTML, the incident report as an SM2-signed package,
 * this installation's signing key, the subordinate units' trusted keys,
 * and the reports received from them.
 */
#include "api_contact.h"
#include "api_incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/sm3.h"
#include "../export/form.h"
#include "../io/package.h"
#include "../store/store_duty.h"
#include "../util/bjtime.h"

#define PAYLOAD_FORMAT "baomi-incident-report/1"
/* printed at the top of every form of a drill incident */
#define DRILL_LINE "※ 应急演练用表（演练），非真实事件，不作为事件报告上报 ※"
#define FORM_FIELDS_MAX 40

/* ---- forms ---- */

struct form_build {
	struct form_field f[FORM_FIELDS_MAX];
	size_t n;
	char strs[8][BJTIME_CN_LEN]; /* times this file formats itself */
	int nstrs;
};

static void add(struct form_build *b, const char *label, const char *value, bool wide)
{
	if (b->n < FORM_FIELDS_MAX) {
		b->f[b->n].label = label;
		b->f[b->n].value = value ? value : "";
		b->f[b->n].wide = wide;
		b->n++;
	}
}

/* 2026年11月21日 15:04 (Beijing) into a slot of b; "" for no time. */
static const char *cn_time(struct form_build *b, int64_t ms)
{
	char *s = b->strs[b->nstrs < 7 ? b->nstrs++ : 7];

	if (!ms)
		return "";
	bjtime_format_cn(ms, s);
	return s;
}

/* duty_phone: of the shift on duty when the incident was reported, "" when none */
static void report_form(struct form_build *b, const struct inc_rec *r, struct form *f,
                        char *subtitle, size_t n, const char *duty_phone)
{
	json_t *p = r->report;

	snprintf(subtitle, n, "%s报告时间：%s", r->drill ? DRILL_LINE "\n" : "",
	         cn_time(b, r->reported_at));
	if (r->drill)
		f->title = r->kind == IK_LEAK ? "【演练】失泄密事件报告表"
		                              : "【演练】重大信息安全事件报告表";
	else
		f->title = r->kind == IK_LEAK ? "失泄密事件报告表" : "重大信息安全事件报告表";
	add(b, "单位名称", json_str(p, "unit_name"), false);
	add(b, "报告人", json_str(p, "reporter"), false);
	add(b, "联系电话", json_str(p, "phone"), false);
	add(b, "通讯地址", json_str(p, "address"), false);
	add(b, "传真", json_str(p, "fax"), false);
	add(b, "电子邮件", json_str(p, "email"), false);
	add(b, "事件名称", r->title, true);
	add(b, "事件类别", inc_category_zh(r->category), false);
	add(b, "发现时间", cn_time(b, r->discovered_at), false);
	if (r->kind == IK_CYBER) {
		add(b, "网络与信息系统名称", json_str(p, "system_name"), false);
		add(b, "系统用途", json_str(p, "system_use"), false);
	}
	add(b, "负责部门", json_str(p, "department"), false);
	add(b, "负责人", json_str(p, "department_head"), false);
	add(b, "事件的简要描述（如以前出现过类似情况也应加以说明）", json_str(p, "description"),
	    true);
	add(b, "初步判定的事故原因", json_str(p, "cause"), true);
	add(b, "当前采取的应对措施", json_str(p, "measures"), true);
	add(b, "本次事件的初步影响状况", json_str(p, "impact"), true);
	add(b, "事件后果", json_str(p, "consequence"), true);
	add(b, "影响范围", json_str(p, "scope"), false);
	add(b, "严重程度", json_str(p, "severity"), false);
	if (r->kind == IK_LEAK) {
		add(b, "涉及信息密级", r->info_level == LEVEL_NONE ? "" : level_zh(r->info_level),
		    false);
		add(b, "保密期限", json_str(p, "period"), false);
		add(b, "泄露内容", json_str(p, "content"), true);
		add(b, "知悉范围", json_str(p, "knowledge_scope"), true);
		add(b, "泄露时间", json_str(p, "leak_time"), false);
		add(b, "泄露渠道", json_str(p, "leak_channel"), false);
		add(b, "泄露范围", json_str(p, "leak_scope"), true);
		add(b, "责任人或嫌疑人", json_str(p, "suspects"), true);
		add(b, "是否已报告公安机关",
		    json_is_true(json_object_get(p, "police_informed")) ? "是" : "否", false);
		add(b, "是否已报告国家安全机关",
		    json_is_true(json_object_get(p, "state_security_informed")) ? "是" : "否",
		    false);
	}
	add(b, "初判级别", r->prelim_level ? inc_level_zh(r->prelim_level) : "", false);
	add(b, "确认级别", r->confirmed_level ? inc_level_zh(r->confirmed_level) : "", false);
	/* the number the reporter gave, else the duty phone of the shift (值班表) */
	add(b, "值班电话", *json_str(p, "duty_phone") ? json_str(p, "duty_phone") : duty_phone,
	    false);
	add(b, "传真", json_str(p, "duty_fax"), false);
}

static void result_form(struct form_build *b, const struct inc_rec *r, struct form *f,
                        char *subtitle, size_t n)
{
	json_t *p = r->report, *s = r->summary;
	char filing[96] = "";

	if (r->filing_total)
		inc_filing_format(filing, sizeof(filing), r->filing_day, r->filing_nth,
		                  r->filing_total);
	snprintf(subtitle, n, "%s原事件报告时间：%s\n备案编号：%s", r->drill ? DRILL_LINE "\n" : "",
	         cn_time(b, r->reported_at), r->drill ? "演练不编备案号" : filing);
	f->title =
	    r->drill ? "【演练】重大信息安全事件处理结果报告表" : "重大信息安全事件处理结果报告表";
	add(b, "单位名称", json_str(p, "unit_name"), false);
	add(b, "联系人", json_str(s, "contact"), false);
	add(b, "联系电话", json_str(s, "phone"), false);
	add(b, "通讯地址", json_str(s, "address"), false);
	if (r->kind == IK_CYBER) /* as 附件二: a leak names no network system */
		add(b, "网络或信息系统名称及用途", json_str(s, "system_name"), true);
	add(b, "已采用的安全措施", json_str(s, "security_measures"), true);
	add(b, "事件的补充描述及最后判定的事故原因", json_str(s, "final_cause"), true);
	add(b, "对本次事件的事后影响状况", json_str(s, "after_impact"), true);
	add(b, "事件后果", json_str(s, "consequence"), false);
	add(b, "影响范围", json_str(s, "scope"), false);
	add(b, "严重程度", json_str(s, "severity"), false);
	add(b, "本次事件的主要处理过程及结果", json_str(s, "process"), true);
	add(b, "针对此类事件应采取的保障网络与信息系统安全的措施和建议", json_str(s, "advice"),
	    true);
	add(b, "报告人签名", json_str(s, "reporter_sign"), false);
}

void api_incidents_form(struct api_ctx *c)
{
	const char *which = http_query(c->req, "which"), *fmt = http_query(c->req, "format");
	struct inc_viewer v;
	struct inc_rec r;
	struct form_build *b;
	struct form f;
	char subtitle[400], footer[256], disp[128], stamp[BJTIME_CN_LEN], mark[LEVEL_MARK_LEN];
	char callees[2048];
	char duty_phone[DUTY_PHONE_MAX + 1];
	bool result, pdf;
	enum form_err fe;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	result = which && !strcmp(which, "result");
	if (which && strcmp(which, "report") && !result) {
		api_error(c, 400, "invalid_query", "应为 report（附件二）或 result（附件三）",
		          "must be report or result", "which");
		return;
	}
	pdf = !fmt || !strcmp(fmt, "pdf");
	if (!pdf && strcmp(fmt, "html")) {
		api_error(c, 400, "invalid_query", "应为 pdf 或 html", "must be pdf or html",
		          "format");
		return;
	}
	api_inc_viewer(c, &v);
	if (!api_inc_load(c, c->id, &v, &r))
		return;
	b = calloc(1, sizeof(*b));
	if (!b) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	if (result && !r.summarised_at) {
		api_error(c, 409, "refused", "尚未报送处理结果", "no result report filed yet",
		          "which");
		goto out;
	}
	memset(&f, 0, sizeof(f));
	if (result)
		result_form(b, &r, &f, subtitle, sizeof(subtitle));
	else {
		duty_phone_at(c->db, r.unit_id, r.reported_at, duty_phone, sizeof(duty_phone));
		report_form(b, &r, &f, subtitle, sizeof(subtitle), duty_phone);
	}
	/* whom to call for each report, from the contact list (its readers only) */
	api_contact_callees(c, r.id, callees, sizeof(callees));
	if (callees[0])
		add(b, "报送对象及联系电话", callees, true);
	/* the leak report states the period of the information; a cyber report has none */
	level_mark(r.info_level, r.kind == IK_LEAK ? json_str(r.report, "period") : NULL, mark);
	bjtime_format_cn(bjtime_now_ms(), stamp);
	snprintf(footer, sizeof(footer), "%s%s事件编号 %lld  第%d版  打印时间 %s", mark,
	         mark[0] ? "  " : "", (long long)r.id, r.version, stamp);
	f.mark = mark;
	f.subtitle = subtitle;
	f.fields = b->f;
	f.nfields = b->n;
	f.footer = footer;
	snprintf(disp, sizeof(disp), "%lld", (long long)r.id);
	e = audit_append_tx(c->db, &c->actor, "incident.form", "incident", disp, AUDIT_SUCCESS,
	                    result ? "{\"form\":\"result\"}" : "{\"form\":\"report\"}");
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	buf_reset(&c->resp->body);
	fe = pdf ? form_pdf(&f, &c->resp->body) : form_html(&f, &c->resp->body);
	if (fe) {
		buf_reset(&c->resp->body);
		fprintf(stderr, "baomi: form: %s\n", form_err_en(fe));
		api_error(c, fe == FORM_TOO_BIG ? 413 : 500, "form_failed", "报告表生成失败",
		          form_err_en(fe), NULL);
		goto out;
	}
	snprintf(disp, sizeof(disp), "%s; filename=\"incident-%lld-%s.%s\"",
	         pdf ? "attachment" : "inline", (long long)r.id, result ? "result" : "report",
	         pdf ? "pdf" : "html");
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type = pdf ? "application/pdf" : "text/html; charset=utf-8";
	c->resp->status = 200;
out:
	free(b);
	inc_rec_release(&r);
}

/* ---- signing key and packages ---- */

void api_signing_key(struct api_ctx *c)
{
	struct buf pem;
	char fpr[PKG_FPR_LEN + 1];
	struct unit u;
	enum pkg_err pe;

	if (!(c->actor.admin == ADMIN_SEC || (c->actor.roles & INC_WATCH_ROLES))) {
		api_deny(c, "the signing key is for the security administrator and incident roles");
		return;
	}
	buf_init(&pem, PKG_PEM_MAX);
	pe = pkg_key_ensure(c->app->st->dir);
	if (!pe)
		pe = pkg_key_public(c->app->st->dir, &pem, fpr);
	if (pe || unit_get(c->db, unit_home(c->db), &u)) {
		fprintf(stderr, "baomi: signing key: %s\n", pkg_err_en(pe));
		api_store_error(c, STORE_IO, NULL);
	} else {
		api_reply(c, 200,
		          json_pack("{ss ss ss ss}", "unit_code", u.code, "unit_name", u.name,
		                    "fingerprint", fpr, "pem", pem.ptr));
	}
	buf_release(&pem);
}

void api_incidents_package(struct api_ctx *c)
{
	struct inc_viewer v;
	struct inc_rec r;
	struct unit u;
	json_t *payload = NULL, *items;
	char *text = NULL, disp[96];
	enum pkg_err pe;
	int64_t now = bjtime_now_ms();

	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!(c->actor.roles & (ROLE_OFFICER | ROLE_COMMAND | ROLE_LEADER))) {
		api_deny(c, "only officer, command or leader report upward");
		return;
	}
	api_inc_viewer(c, &v);
	if (!api_inc_load(c, c->id, &v, &r))
		return;
	if (r.drill) {
		/* a drill is never reported upward as real */
		snprintf(disp, sizeof(disp), "%lld", (long long)r.id);
		if (audit_append_tx(c->db, &c->actor, "incident.package", "incident", disp,
		                    AUDIT_DENIED, "{\"reason\":\"drill\"}"))
			api_store_error(c, STORE_IO, NULL);
		else
			api_error(c, 409, "drill", "演练事件不向上级报送",
			          "a drill is not reported upward", NULL);
		goto out;
	}
	if (unit_get(c->db, r.unit_id, &u)) {
		api_store_error(c, STORE_NOTFOUND, NULL);
		goto out;
	}
	payload = json_pack("{ss s{ss ss} so}", "format", PAYLOAD_FORMAT, "unit", "code", u.code,
	                    "name", u.name, "incident", inc_json(&r));
	if (duty_list(c->db, r.id, now, &items) == STORE_OK)
		json_object_set_new(payload, "deadlines", items);
	else
		json_decref(items);
	if (inc_versions(c->db, r.id, &items) == STORE_OK)
		json_object_set_new(payload, "versions", items);
	else
		json_decref(items);
	text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
	snprintf(disp, sizeof(disp), "%lld", (long long)r.id);
	if (!text || audit_append_tx(c->db, &c->actor, "incident.package", "incident", disp,
	                             AUDIT_SUCCESS, "{}")) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	buf_reset(&c->resp->body);
	pe = pkg_key_ensure(c->app->st->dir);
	if (!pe)
		pe = pkg_sign(c->app->st->dir, u.code, (const unsigned char *)text, strlen(text),
		              &c->resp->body);
	if (pe) {
		buf_reset(&c->resp->body);
		fprintf(stderr, "baomi: package: %s\n", pkg_err_en(pe));
		api_error(c, pe == PKG_TOO_BIG ? 413 : 500, "package_failed", pkg_err_zh(pe),
		          pkg_err_en(pe), NULL);
		goto out;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"incident-%lld-v%d.baomi.json\"",
	         (long long)r.id, r.version);
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type = "application/json";
	c->resp->status = 200;
out:
	free(text);
	json_decref(payload);
	inc_rec_release(&r);
}

/* ---- trusted keys ---- */

void api_tkeys_list(struct api_ctx *c)
{
	json_t *items;
	enum store_err e;

	if (!(c->actor.admin == ADMIN_SEC || (c->actor.roles & INC_WATCH_ROLES))) {
		api_deny(c, "trusted keys are for the security administrator and incident roles");
		return;
	}
	e = tkey_list(c->db, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

void api_tkeys_create(struct api_ctx *c)
{
	static const char *const allowed[] = {"unit_code", "unit_name", "pem", NULL};
	char code[PKG_UNIT_MAX + 1] = "", name[129] = "", fpr[PKG_FPR_LEN + 1];
	char added[BJTIME_ISO_LEN];
	json_t *pem = json_object_get(c->body, "pem");
	int64_t id = 0, now = bjtime_now_ms();
	enum store_err e;

	if (!api_require(c, PERM_TRUST) || api_only_fields(c, allowed) ||
	    api_field_str(c, "unit_code", code, sizeof(code), true) ||
	    api_field_str(c, "unit_name", name, sizeof(name), true))
		return;
	if (!json_is_string(pem) || json_string_length(pem) > PKG_PEM_MAX ||
	    pkg_pub_fingerprint(json_string_value(pem), json_string_length(pem), fpr)) {
		api_error(c, 400, "invalid_field", "应为下级单位的 SM2 公钥（PEM）",
		          "must be the subordinate unit's SM2 public key (PEM)", "pem");
		return;
	}
	if (!api_tx_begin(c))
		return;
	e = tkey_insert(c->db, code, name, fpr, json_string_value(pem), c->actor.account_id, now,
	                &id);
	if (!e)
		e = api_audit(c, "key.trust", "key", id, AUDIT_SUCCESS,
		              json_pack("{ss ss}", "unit_code", code, "fingerprint", fpr));
	if (e) {
		api_store_error(c, e, "pem");
		return;
	}
	bjtime_format_iso(now, added);
	if (api_tx_commit(c))
		api_reply(c, 201,
		          json_pack("{sI ss ss ss sO ss}", "id", (json_int_t)id, "unit_code", code,
		                    "unit_name", name, "fingerprint", fpr, "pem", pem, "added_at",
		                    added));
}

void api_tkeys_delete(struct api_ctx *c)
{
	enum store_err e;

	if (!api_require(c, PERM_TRUST) || !api_tx_begin(c))
		return;
	e = tkey_delete(c->db, c->id);
	if (!e)
		e = api_audit(c, "key.untrust", "key", c->id, AUDIT_SUCCESS, NULL);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_no_content(c);
}

/* ---- received reports ---- */

/* The trusted key of that fingerprint, and only for the unit it was trusted for. */
enum pkg_err api_trust_lookup(void *arg, const char *fpr, const char *unit_code, struct buf *pem)
{
	struct api_trust_arg *t = arg;
	json_t *items;
	size_t i;
	json_t *k;
	enum pkg_err ret = PKG_UNKNOWN_SIGNER;

	if (tkey_list(t->db, &items)) {
		json_decref(items);
		return PKG_IO;
	}
	json_array_foreach(items, i, k)
	{
		if (strcmp(json_str(k, "fingerprint"), fpr) ||
		    strcmp(json_str(k, "unit_code"), unit_code))
			continue;
		snprintf(t->unit_name, sizeof(t->unit_name), "%s", json_str(k, "unit_name"));
		ret = buf_puts(pem, json_str(k, "pem")) == BUF_OK ? PKG_OK : PKG_NOMEM;
	}
	json_decref(items);
	return ret;
}

static bool may_read_received(struct api_ctx *c)
{
	if (!api_require(c, PERM_BUSINESS))
		return false;
	if (c->actor.roles & INC_WATCH_ROLES)
		return true;
	api_deny(c, "only officer, command, leader or duty read subordinate reports");
	return false;
}

void api_received_create(struct api_ctx *c)
{
	struct api_trust_arg t = {c->db, ""};
	struct pkg_info info;
	struct recv_rec r;
	struct inc_viewer v;
	char why[512], *text = NULL;
	uint8_t dg[SM3_DIGEST_LEN];
	json_t *payload = NULL, *inc;
	enum inc_level lv = IL_NONE;
	enum inc_kind kind;
	enum pkg_err pe;
	enum store_err e;

	memset(&info, 0, sizeof(info));
	if (!may_read_received(c))
		return;
	pe = pkg_verify(c->req->body, c->req->body_len, api_trust_lookup, &t, &info, why,
	                sizeof(why));
	if (pe) {
		api_error(c, pe == PKG_UNKNOWN_SIGNER ? 403 : 400, "package_refused", why,
		          pkg_err_en(pe), NULL);
		audit_append_tx(c->db, &c->actor, "report.receive", "report", "", AUDIT_FAILED,
		                pe == PKG_UNKNOWN_SIGNER ? "{\"why\":\"unknown signer\"}"
		                                         : "{\"why\":\"bad package\"}");
		goto out;
	}
	payload =
	    json_loadb((const char *)info.payload, info.payload_len, JSON_REJECT_DUPLICATES, NULL);
	inc = json_object_get(payload, "incident");
	if (!payload || strcmp(json_str(payload, "format"), PAYLOAD_FORMAT) ||
	    !json_is_object(inc) || !json_is_integer(json_object_get(inc, "id")) ||
	    inc_kind_parse(json_str(inc, "kind"), &kind) || !*json_str(inc, "title")) {
		api_error(c, 400, "package_refused", "签名有效，但内容不是 baomi 事件报告",
		          "signed, but not a baomi incident report", NULL);
		goto out;
	}
	if (json_is_true(json_object_get(inc, "drill"))) {
		/* a subordinate's drill is no incident to receive as real */
		api_error(c, 409, "drill", "该报告是演练事件，不作为真实事件接收",
		          "the report is of a drill, not a real incident", "incident.drill");
		audit_append_tx(c->db, &c->actor, "report.receive", "report", "", AUDIT_DENIED,
		                "{\"why\":\"drill\"}");
		goto out;
	}
	memset(&r, 0, sizeof(r));
	snprintf(r.signer, sizeof(r.signer), "%s", info.signer);
	snprintf(r.unit_code, sizeof(r.unit_code), "%s", info.unit_code);
	snprintf(r.unit_name, sizeof(r.unit_name), "%s", t.unit_name);
	snprintf(r.title, sizeof(r.title), "%s", json_str(inc, "title"));
	snprintf(r.state, sizeof(r.state), "%s", json_str(inc, "state"));
	snprintf(r.signed_at, sizeof(r.signed_at), "%s", info.created_at);
	r.source_id = json_integer_value(json_object_get(inc, "id"));
	r.source_version = (int)json_integer_value(json_object_get(inc, "version"));
	r.kind = kind;
	/* fail closed: the level must be there, null (none) or one this version knows */
	r.info_level = LEVEL_NONE;
	if (!json_object_get(inc, "info_level") ||
	    (!json_is_null(json_object_get(inc, "info_level")) &&
	     level_parse(json_str(inc, "info_level"), &r.info_level))) {
		api_error(c, 400, "package_refused", "报告未注明或注明了未知的信息密级",
		          "the report's information level is missing or unknown",
		          "incident.info_level");
		goto out;
	}
	if (json_is_object(json_object_get(inc, "confirmed_level")))
		inc_level_parse(json_str(json_object_get(inc, "confirmed_level"), "code"), &lv);
	r.level = lv;
	r.received_by = c->actor.account_id;
	r.received_at = bjtime_now_ms();
	sm3_digest(c->req->body, c->req->body_len, dg);
	for (int i = 0; i < SM3_DIGEST_LEN; i++)
		snprintf(r.digest + 2 * i, 3, "%02x", dg[i]);
	/* the receiver must be cleared for what it receives */
	api_inc_viewer(c, &v);
	if (!level_cleared_for(v.clearance, r.info_level)) {
		api_deny(c, "receiver not cleared for the report's level");
		goto out;
	}
	text = strndup(c->req->body, c->req->body_len);
	if (!text || !api_tx_begin(c))
		goto out;
	e = recv_insert(c->db, &r, (const char *)info.payload, text);
	if (e == STORE_CONFLICT) {
		api_error(c, 409, "duplicate", "该报告已接收过", "this report was received before",
		          NULL);
		goto out;
	}
	if (!e)
		e = api_audit(c, "report.receive", "report", r.id, AUDIT_SUCCESS,
		              json_pack("{ss sI si}", "unit_code", r.unit_code, "source_id",
		                        (json_int_t)r.source_id, "version", r.source_version));
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, recv_json(&r));
out:
	free(text);
	json_decref(payload);
	pkg_info_release(&info);
}

void api_received_list(struct api_ctx *c)
{
	struct inc_viewer v;
	json_t *items;
	int64_t total;
	enum store_err e;

	if (!may_read_received(c))
		return;
	api_inc_viewer(c, &v);
	e = recv_list(c->db, v.clearance, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

void api_received_get(struct api_ctx *c)
{
	struct inc_viewer v;
	struct recv_rec r;
	json_t *payload, *o;
	enum store_err e;

	if (!may_read_received(c))
		return;
	api_inc_viewer(c, &v);
	e = recv_get(c->db, c->id, &r, &payload);
	if (e || !level_cleared_for(v.clearance, r.info_level)) {
		json_decref(payload);
		api_error(c, 404, "not_found", "报告不存在或不在您的知悉范围内",
		          "no such report, or outside your need-to-know", NULL);
		return;
	}
	if (r.info_level >= LEVEL_SECRET) {
		char id[24], d[64];

		snprintf(id, sizeof(id), "%lld", (long long)r.id);
		snprintf(d, sizeof(d), "{\"info_level\":\"%s\"}", level_code(r.info_level));
		if (audit_append_tx(c->db, &c->actor, "report.read", "report", id, AUDIT_SUCCESS,
		                    d)) {
			json_decref(payload);
			api_store_error(c, STORE_IO, NULL);
			return;
		}
	}
	o = recv_json(&r);
	json_object_set_new(o, "payload", payload);
	api_reply(c, 200, o);
}
