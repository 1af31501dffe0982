/*
 * api_inspect.c — self-inspection over HTTP: checklists from the shipped
 * template, campaigns with phases, departments and inspectors, results
 * and evidence files, scores, baomi-check report import, findings,
 * rectification tasks, superior spot checks, and the media list that
 * baomi-check --media reads.
 *
 * Who sees what: the unit's 保密员 and 分管领导 and the campaign's
 * inspectors see a whole campaign; a 部门负责人 sees the results and
 * findings of their own department; whoever is responsible for a
 * rectification task sees that task.  Keyword-hit contexts (which may
 * quote classified text) are shown only to the 保密员 and inspectors.
 */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "../core/drill.h"
#include "../io/checkreport.h"
#include "../store/store_incident.h"
#include "../store/store_inspect.h"
#include "../util/bjtime.h"

#define EVIDENCE_MAX (16u << 20)
#define CHECK_KEY_SETTING "check.hmac_key"

static int32_t today(void)
{
	return (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400);
}

static bool officer(struct api_ctx *c)
{
	return (c->actor.roles & ROLE_OFFICER) != 0;
}

#define CAMPAIGN_HIDDEN_ZH "检查活动不存在"
#define CAMPAIGN_HIDDEN_EN "no such campaign"
#define EVIDENCE_HIDDEN_ZH "证据文件不存在"
#define EVIDENCE_HIDDEN_EN "no such evidence file"
#define FINDING_HIDDEN_ZH "问题不存在"
#define FINDING_HIDDEN_EN "no such finding"
#define RTASK_HIDDEN_ZH "整改任务不存在"
#define RTASK_HIDDEN_EN "no such task"

/*
 * Loads campaign id for an object (otype oid: the campaign or something of
 * it) the caller asks for.  A missing object and a campaign the caller may
 * not read (campaign_may_read: the rule the list applies too) answer the
 * same 404 through api_hidden.  *dept as campaign_may_read; may be NULL.
 */
static bool load_readable(struct api_ctx *c, int64_t id, struct campaign_rec *k, int64_t *dept,
                          const char *otype, int64_t oid, const char *zh, const char *en)
{
	struct campaign_viewer v = {c->actor.account_id, c->actor.roles, c->actor.department_id};
	enum store_err e = campaign_get(c->db, id, k);

	if (e && e != STORE_NOTFOUND) {
		api_store_error(c, e, NULL);
		return false;
	}
	if (!e && campaign_may_read(k, &v, dept))
		return true;
	api_hidden(c, otype, oid, zh, en);
	return false;
}

/* A campaign the caller (a business account) may read. */
static bool load_campaign(struct api_ctx *c, int64_t id, struct campaign_rec *k, int64_t *dept)
{
	return api_require(c, PERM_BUSINESS) &&
	       load_readable(c, id, k, dept, "campaign", id, CAMPAIGN_HIDDEN_ZH,
	                     CAMPAIGN_HIDDEN_EN);
}

/* Of those who read the campaign, the officer and its inspectors record inspections. */
static bool may_inspect(struct api_ctx *c, const struct campaign_rec *k)
{
	if (officer(c) || campaign_has_inspector(k, c->actor.account_id))
		return true;
	api_deny(c, "only the officer or the campaign's inspectors record inspections");
	return false;
}

/* ---- checklists ---- */

void api_checklists_list(struct api_ctx *c)
{
	json_t *items;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	e = checklist_list(c->db, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

void api_checklists_create(struct api_ctx *c)
{
	static const char *const allowed[] = {"template", NULL};
	char tmpl[33] = "", path[64], why[160] = "";
	const char *text;
	size_t len;
	json_t *doc;
	int64_t id = 0;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) ||
	    api_field_str(c, "template", tmpl, sizeof(tmpl), true))
		return;
	if (!officer(c)) {
		api_deny(c, "only the officer creates checklists");
		return;
	}
	snprintf(path, sizeof(path), "checklists/%s.json", tmpl);
	text = strchr(tmpl, '/') || strchr(tmpl, '.') ? NULL : data_file(path, &len);
	doc = text ? json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
	if (!doc) {
		api_error(c, 400, "invalid_field", "没有该检查表模板（seed）",
		          "no such template (seed)", "template");
		return;
	}
	if (!api_tx_begin(c))
		goto out;
	e = checklist_create(c->db, unit_home(c->db), tmpl, doc, c->actor.account_id, &id, why,
	                     sizeof(why));
	if (!e)
		e = api_audit(c, "checklist.create", "checklist", id, AUDIT_SUCCESS,
		              json_pack("{ss}", "template", tmpl));
	if (e) {
		fprintf(stderr, "baomi: checklist %s: %s\n", tmpl, why);
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c)) {
		json_t *o = NULL;

		if (checklist_get(c->db, id, &o) == STORE_OK)
			api_reply(c, 201, o);
		else
			api_store_error(c, STORE_IO, NULL);
	}
out:
	json_decref(doc);
}

void api_checklists_get(struct api_ctx *c)
{
	json_t *o;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	e = checklist_get(c->db, c->id, &o);
	if (e == STORE_NOTFOUND)
		api_error(c, 404, "not_found", "检查表不存在", "no such checklist", NULL);
	else if (e)
		api_store_error(c, e, NULL);
	else
		api_reply(c, 200, o);
}

/* ---- campaigns ---- */

static int ids_field(struct api_ctx *c, const char *field, int64_t *out, int max, int *n)
{
	json_t *a = json_object_get(c->body, field), *v;
	size_t i;

	if (!a)
		return 0;
	if (!json_is_array(a) || (int)json_array_size(a) > max) {
		api_error(c, 400, "invalid_field", "应为编号数组", "must be an array of ids",
		          field);
		return -1;
	}
	*n = 0;
	json_array_foreach(a, i, v)
	{
		if (!json_is_integer(v) || json_integer_value(v) <= 0) {
			api_error(c, 400, "invalid_field", "应为编号数组",
			          "must be an array of ids", field);
			return -1;
		}
		out[(*n)++] = json_integer_value(v);
	}
	return 0;
}

static int phases_field(struct api_ctx *c, struct insp_phase_dates *d)
{
	json_t *o = json_object_get(c->body, "phases");
	char names[INSP_PHASE_COUNT * 2][32];
	const char *keys[INSP_PHASE_COUNT * 2 + 1];
	const char *field = NULL;
	enum insp_err ie;

	if (!o)
		return 0;
	if (!json_is_object(o)) {
		api_error(c, 400, "invalid_field", "应为对象", "must be an object", "phases");
		return -1;
	}
	for (int i = 0; i < INSP_PHASE_COUNT * 2; i++) {
		snprintf(names[i], sizeof(names[i]), "%s_%s",
		         insp_phase_code((enum insp_phase)(i / 2)), i % 2 ? "end" : "start");
		keys[i] = names[i];
	}
	keys[INSP_PHASE_COUNT * 2] = NULL;
	if (api_only_keys(c, o, "phases", keys))
		return -1;
	for (int p = 0; p < INSP_PHASE_COUNT; p++)
		for (int end = 0; end < 2; end++) {
			char k[48], f[64];
			json_t *v;
			int32_t *day = end ? &d->end[p] : &d->start[p];

			snprintf(k, sizeof(k), "%s_%s", insp_phase_code((enum insp_phase)p),
			         end ? "end" : "start");
			v = json_object_get(o, k);
			if (!v)
				continue;
			*day = 0;
			if (json_is_null(v))
				continue;
			if (!json_is_string(v) || bjtime_parse_date(json_string_value(v), day)) {
				snprintf(f, sizeof(f), "phases.%s", k);
				api_error(c, 400, "invalid_field", "应为 YYYY-MM-DD",
				          "must be YYYY-MM-DD", f);
				return -1;
			}
		}
	ie = insp_check_phases(d, &field);
	if (ie) {
		char f[64];

		snprintf(f, sizeof(f), "phases.%s", field ? field : "");
		api_error(c, 400, "invalid_field", insp_err_zh(ie), insp_err_en(ie), f);
		return -1;
	}
	return 0;
}

/* Departments must exist; inspectors must be enabled business accounts. */
static int check_members(struct api_ctx *c, const struct campaign_rec *k)
{
	for (int i = 0; i < k->ndepts; i++) {
		struct department d;

		if (dept_get(c->db, k->depts[i], &d)) {
			api_error(c, 400, "invalid_field", "部门不存在", "no such department",
			          "departments");
			return -1;
		}
	}
	for (int i = 0; i < k->ninspectors; i++) {
		struct account a;

		if (account_get(c->db, k->inspectors[i], &a) || a.disabled || !a.roles) {
			api_error(c, 400, "invalid_field", "应为启用的业务账户",
			          "must be enabled business accounts", "inspectors");
			return -1;
		}
	}
	return 0;
}

/* One campaign, with its inspectors' names (the list leaves those out). */
static void campaign_reply(struct api_ctx *c, int status, const struct campaign_rec *k)
{
	json_t *o = campaign_json(k), *names;
	enum store_err e = campaign_inspector_names(c->db, k, &names);

	if (e) {
		json_decref(o);
		json_decref(names);
		api_store_error(c, e, NULL);
		return;
	}
	json_object_set_new(o, "inspector_names", names);
	api_reply(c, status, o);
}

void api_campaigns_list(struct api_ctx *c)
{
	struct campaign_viewer v = {c->actor.account_id, c->actor.roles, c->actor.department_id};
	json_t *items;
	int64_t total;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	e = campaign_list(c->db, &v, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

void api_campaigns_create(struct api_ctx *c)
{
	static const char *const allowed[] = {"name",        "checklist_id", "phases",
	                                      "departments", "inspectors",   NULL};
	struct campaign_rec *k = calloc(1, sizeof(*k));
	json_t *cl = NULL;
	enum store_err e;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed))
		goto out;
	if (!officer(c)) {
		api_deny(c, "only the officer starts a campaign");
		goto out;
	}
	if (api_field_str(c, "name", k->name, sizeof(k->name), true) ||
	    api_field_id(c, "checklist_id", &k->checklist_id, true) ||
	    phases_field(c, &k->phases) ||
	    ids_field(c, "departments", k->depts, CAMPAIGN_MAX_DEPTS, &k->ndepts) ||
	    ids_field(c, "inspectors", k->inspectors, CAMPAIGN_MAX_INSPECTORS, &k->ninspectors) ||
	    check_members(c, k))
		goto out;
	if (!json_object_get(c->body, "phases")) {
		api_error(c, 400, "invalid_field", "必填（至少 find_start）",
		          "is required (find_start at least)", "phases");
		goto out;
	}
	if (checklist_get(c->db, k->checklist_id, &cl)) {
		api_error(c, 400, "invalid_field", "检查表不存在", "no such checklist",
		          "checklist_id");
		goto out;
	}
	k->unit_id = unit_home(c->db);
	k->created_by = c->actor.account_id;
	k->created_at = k->updated_at = bjtime_now_ms();
	if (!api_tx_begin(c))
		goto out;
	e = campaign_insert(c->db, k);
	if (!e)
		e = api_audit(c, "campaign.create", "campaign", k->id, AUDIT_SUCCESS,
		              json_pack("{ss}", "name", k->name));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		campaign_reply(c, 201, k);
out:
	json_decref(cl);
	free(k);
}

void api_campaigns_get(struct api_ctx *c)
{
	struct campaign_rec *k = malloc(sizeof(*k));
	int64_t dept;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (load_campaign(c, c->id, k, &dept))
		campaign_reply(c, 200, k);
	free(k);
}

void api_campaigns_update(struct api_ctx *c)
{
	static const char *const allowed[] = {"name",       "phases", "departments",
	                                      "inspectors", "closed", NULL};
	struct campaign_rec *k = malloc(sizeof(*k));
	enum store_err e;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) || !api_tx_begin(c) ||
	    !load_campaign(c, c->id, k, NULL))
		goto out;
	if (!officer(c)) {
		api_deny(c, "only the officer changes a campaign");
		goto out;
	}
	if (api_field_str(c, "name", k->name, sizeof(k->name), false) ||
	    phases_field(c, &k->phases) ||
	    ids_field(c, "departments", k->depts, CAMPAIGN_MAX_DEPTS, &k->ndepts) ||
	    ids_field(c, "inspectors", k->inspectors, CAMPAIGN_MAX_INSPECTORS, &k->ninspectors) ||
	    api_field_bool(c, "closed", &k->closed, false) || check_members(c, k))
		goto out;
	k->updated_at = bjtime_now_ms();
	e = campaign_save(c->db, k);
	if (!e)
		e = api_audit(c, "campaign.update", "campaign", k->id, AUDIT_SUCCESS, NULL);
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		campaign_reply(c, 200, k);
out:
	free(k);
}

/* ---- results, evidence, scores ---- */

/* Answers a list of one campaign's rows to whoever may read the campaign. */
static void campaign_list_reply(struct api_ctx *c,
                                enum store_err (*list)(struct db *, int64_t, int64_t, json_t **))
{
	struct campaign_rec *k = malloc(sizeof(*k));
	int64_t dept;
	json_t *items;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (load_campaign(c, c->id, k, &dept)) {
		if (list(c->db, k->id, dept, &items)) {
			json_decref(items);
			api_store_error(c, STORE_IO, NULL);
		} else {
			api_reply_list(c, items, (int64_t)json_array_size(items));
		}
	}
	free(k);
}

/* The item must belong to the campaign's checklist and the department to its scope. */
static bool item_and_dept(struct api_ctx *c, const struct campaign_rec *k, int64_t item_id,
                          int64_t dept_id, struct item_rec *it)
{
	if (item_get(c->db, item_id, it) || it->checklist_id != k->checklist_id) {
		api_error(c, 400, "invalid_field", "检查项不属于本次活动的检查表",
		          "not an item of this campaign's checklist", "item_id");
		return false;
	}
	if (!campaign_has_dept(k, dept_id)) {
		api_error(c, 400, "invalid_field", "部门不在本次检查范围内",
		          "department not in the campaign's scope", "department_id");
		return false;
	}
	return true;
}

void api_campaigns_result(struct api_ctx *c)
{
	static const char *const allowed[] = {"item_id", "department_id", "result", "note", NULL};
	struct campaign_rec *k = malloc(sizeof(*k));
	struct item_rec it;
	int64_t item_id = 0, dept_id = 0;
	char res[24] = "", note[2049] = "";
	enum insp_result r;
	int phase;
	enum store_err e;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) || !api_tx_begin(c) ||
	    !load_campaign(c, c->id, k, NULL) || !may_inspect(c, k) ||
	    api_field_id(c, "item_id", &item_id, true) ||
	    api_field_id(c, "department_id", &dept_id, true) ||
	    api_field_str(c, "result", res, sizeof(res), true) ||
	    api_field_str(c, "note", note, sizeof(note), false) ||
	    !item_and_dept(c, k, item_id, dept_id, &it))
		goto out;
	if (insp_result_parse(res, &r) || r == IR_NONE) {
		api_error(c, 400, "invalid_field", "应为 compliant/noncompliant/na",
		          "must be compliant, noncompliant or na", "result");
		goto out;
	}
	phase = insp_phase_on(&k->phases, today());
	if (k->closed || phase < 0) {
		api_error(c, 409, "refused", insp_err_zh(INSP_PHASE_CLOSED),
		          insp_err_en(INSP_PHASE_CLOSED), NULL);
		goto out;
	}
	e = result_put(c->db, k->id, item_id, dept_id, r, note, phase, c->actor.account_id);
	if (!e && r == IR_NONCOMPLIANT) {
		/* a non-compliant result is a finding of its item and department */
		struct finding_rec f;
		bool created;

		memset(&f, 0, sizeof(f));
		f.campaign_id = k->id;
		f.item_id = item_id;
		f.department_id = dept_id;
		f.severity = IS_MEDIUM;
		snprintf(f.source, sizeof(f.source), "inspection");
		snprintf(f.source_key, sizeof(f.source_key), "%lld/%lld", (long long)item_id,
		         (long long)dept_id);
		snprintf(f.title, sizeof(f.title), "%.200s：不符合", it.title);
		snprintf(f.evidence, sizeof(f.evidence), "%s", note);
		f.created_by = c->actor.account_id;
		f.created_at = bjtime_now_ms();
		e = finding_insert(c->db, &f, &created);
	}
	if (!e)
		e = api_audit(c, "campaign.result", "campaign", k->id, AUDIT_SUCCESS,
		              json_pack("{sI sI ss}", "item_id", (json_int_t)item_id,
		                        "department_id", (json_int_t)dept_id, "result",
		                        insp_result_code(r)));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_no_content(c);
out:
	free(k);
}

void api_campaigns_results(struct api_ctx *c)
{
	struct campaign_rec *k = malloc(sizeof(*k));
	int64_t dept, q = 0;
	json_t *items;
	enum store_err e;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (!load_campaign(c, c->id, k, &dept) ||
	    api_query_int(c, "department_id", &q, 0, INT64_MAX))
		goto out;
	e = result_list(c->db, k->id, dept ? dept : q, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
	} else {
		api_reply_list(c, items, (int64_t)json_array_size(items));
	}
out:
	free(k);
}

static void hex(const unsigned char *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

void api_campaigns_evidence(struct api_ctx *c)
{
	struct campaign_rec *k = malloc(sizeof(*k));
	struct item_rec it;
	int64_t item_id = 0, dept_id = 0, id = 0;
	const char *name = http_query(c->req, "name");
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char sha[2 * EVP_MAX_MD_SIZE + 1];
	enum store_err e;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (!api_require(c, PERM_BUSINESS) || !api_tx_begin(c) ||
	    !load_campaign(c, c->id, k, NULL) || !may_inspect(c, k) ||
	    api_query_int(c, "item_id", &item_id, 1, INT64_MAX) ||
	    api_query_int(c, "department_id", &dept_id, 1, INT64_MAX) ||
	    !item_and_dept(c, k, item_id, dept_id, &it))
		goto out;
	if (!name || !*name || strlen(name) > 200 || strpbrk(name, "/\\\r\n")) {
		api_error(c, 400, "invalid_query", "应为文件名（不含路径，最多200字节）",
		          "must be a file name (no path, at most 200 bytes)", "name");
		goto out;
	}
	if (!c->req->body_len || c->req->body_len > EVIDENCE_MAX) {
		api_error(c, 400, "invalid_body", "证据文件为空或超过16MB",
		          "the evidence file is empty or over 16 MB", NULL);
		goto out;
	}
	if (!EVP_Digest(c->req->body, c->req->body_len, md, &mdlen, EVP_sha256(), NULL)) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	hex(md, mdlen, sha);
	e = evidence_insert(c->db, k->id, item_id, dept_id, name, c->req->body, c->req->body_len,
	                    sha, c->actor.account_id, &id);
	if (!e)
		e = api_audit(c, "campaign.evidence", "campaign", k->id, AUDIT_SUCCESS,
		              json_pack("{sI ss}", "file", (json_int_t)id, "sha256", sha));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, 201,
		          json_pack("{sI ss sI ss}", "id", (json_int_t)id, "name", name, "size",
		                    (json_int_t)c->req->body_len, "sha256", sha));
out:
	free(k);
}

void api_evidence_get(struct api_ctx *c)
{
	struct campaign_rec *k = malloc(sizeof(*k));
	int64_t campaign_id = 0, dept, file_dept = 0;
	char name[256], disp[320];
	void *data = NULL;
	size_t len = 0;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (!api_require(c, PERM_BUSINESS))
		goto out;
	/* a missing file, an unreadable campaign and another department's file: one answer */
	if (evidence_get(c->db, c->id, &campaign_id, &file_dept, name, sizeof(name), &data, &len)) {
		api_hidden(c, "evidence", c->id, EVIDENCE_HIDDEN_ZH, EVIDENCE_HIDDEN_EN);
		goto out;
	}
	if (!load_readable(c, campaign_id, k, &dept, "evidence", c->id, EVIDENCE_HIDDEN_ZH,
	                   EVIDENCE_HIDDEN_EN))
		goto out;
	if (dept && dept != file_dept) {
		api_hidden(c, "evidence", c->id, EVIDENCE_HIDDEN_ZH, EVIDENCE_HIDDEN_EN);
		goto out;
	}
	buf_reset(&c->resp->body);
	if (buf_append(&c->resp->body, data, len) != BUF_OK) {
		api_error(c, 413, "too_large", "文件过大", "file too large", NULL);
		goto out;
	}
	/* the name is the uploader's: only plain ASCII goes into the header */
	for (char *p = name; *p; p++)
		if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			*p = '_';
	snprintf(disp, sizeof(disp), "attachment; filename=\"evidence-%lld-%s\"", (long long)c->id,
	         name);
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type = "application/octet-stream";
	c->resp->status = 200;
out:
	free(data);
	free(k);
}

void api_campaigns_evidence_list(struct api_ctx *c)
{
	campaign_list_reply(c, evidence_list);
}

void api_campaigns_scores(struct api_ctx *c)
{
	struct campaign_rec *k = malloc(sizeof(*k));
	int64_t dept;
	json_t *o;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (load_campaign(c, c->id, k, &dept)) {
		if (campaign_scores(c->db, k, dept, &o))
			api_store_error(c, STORE_IO, NULL);
		else
			api_reply(c, 200, o);
	}
	free(k);
}

/* ---- baomi-check reports ---- */

/* The HMAC key for keyed reports, from the settings (set by the security administrator). */
static char *check_key(struct api_ctx *c, size_t *len)
{
	char *key = NULL;

	*len = 0;
	if (setting_get(c->db, CHECK_KEY_SETTING, &key) == STORE_OK && key)
		*len = strlen(key);
	if (key && !*len) {
		free(key);
		key = NULL;
	}
	return key;
}

/*
 * The item that encrypted files feed: the one fed by the check "scan.encrypted",
 * else the keyword-scan item (a file that cannot be read may hide anything).
 */
static enum store_err item_for_encrypted(struct db *db, int64_t checklist_id, struct item_rec *it)
{
	enum store_err e = item_for_check(db, checklist_id, "scan.encrypted", it);

	return e == STORE_NOTFOUND ? item_for_check(db, checklist_id, NULL, it) : e;
}

/*
 * A finding per failed check, one for the keyword hits and one for the
 * encrypted files of the host, on the items that they feed.
 */
static enum store_err report_findings(struct api_ctx *c, const struct campaign_rec *k,
                                      const struct crep *r, const struct check_report_rec *cr,
                                      int *created_n)
{
	enum store_err e = STORE_OK;
	struct finding_rec *f = calloc(1, sizeof(*f));
	struct item_rec it;

	*created_n = 0;
	if (!f)
		return STORE_IO;
	for (size_t i = 0; i <= r->nchecks + 1 && !e; i++) {
		bool created, hits = i == r->nchecks, enc = i == r->nchecks + 1;

		if (enc    ? r->nencrypted == 0
		    : hits ? r->nhits == 0
		           : r->checks[i].status != CREP_FAIL)
			continue;
		if (enc ? item_for_encrypted(c->db, k->checklist_id, &it)
		        : item_for_check(c->db, k->checklist_id, hits ? NULL : r->checks[i].id,
		                         &it))
			continue; /* the checklist has no item fed by this check */
		memset(f, 0, sizeof(*f));
		f->campaign_id = k->id;
		f->item_id = it.id;
		f->department_id = cr->department_id;
		f->report_id = cr->id;
		f->created_by = c->actor.account_id;
		f->created_at = bjtime_now_ms();
		snprintf(f->source, sizeof(f->source), "check");
		if (enc) {
			struct buf b;

			/* file names may tell what the files are: as restricted as hits */
			f->severity = insp_hit_severity(r->classified);
			f->restricted = true;
			snprintf(f->source_key, sizeof(f->source_key), "%s/encrypted", cr->digest);
			snprintf(f->title, sizeof(f->title),
			         "%.120s：发现加密文件 %zu 个，内容无法检查（主机 %.60s）",
			         it.title, r->nencrypted, r->hostname);
			buf_init(&b, sizeof(f->evidence) - 1);
			for (size_t h = 0; h < r->nencrypted && h < 50; h++)
				if (buf_printf(&b, "%s [%s]\n", r->encrypted[h].path,
				               r->encrypted[h].format))
					break;
			snprintf(f->evidence, sizeof(f->evidence), "%s", b.ptr ? b.ptr : "");
			buf_release(&b);
		} else if (hits) {
			struct buf b;

			f->severity = insp_hit_severity(r->classified);
			f->restricted = true;
			snprintf(f->source_key, sizeof(f->source_key), "%s/keywords", cr->digest);
			snprintf(f->title, sizeof(f->title),
			         "%.120s：发现含关键词文件 %zu 处（主机 %.60s）", it.title,
			         r->nhits, r->hostname);
			buf_init(&b, sizeof(f->evidence) - 1);
			for (size_t h = 0; h < r->nhits && h < 50; h++) {
				char ocr[48] = "";

				/* on which page; read by OCR from a picture of it */
				if (r->hits[h].page)
					snprintf(ocr, sizeof(ocr), ", %s第 %lld 页",
					         r->hits[h].ocr ? "OCR " : "",
					         (long long)r->hits[h].page);
				if (buf_printf(&b, "%s [%s, %s, %s%s] ×%lld：%s\n", r->hits[h].path,
				               r->hits[h].keyword, r->hits[h].encoding,
				               r->hits[h].part, ocr, (long long)r->hits[h].count,
				               r->hits[h].context ? r->hits[h].context : ""))
					break;
			}
			snprintf(f->evidence, sizeof(f->evidence), "%s", b.ptr ? b.ptr : "");
			buf_release(&b);
		} else {
			const struct crep_check *ck = &r->checks[i];

			f->severity = insp_check_severity(ck->id, r->classified);
			snprintf(f->source_key, sizeof(f->source_key), "%s/%s", cr->digest, ck->id);
			snprintf(f->title, sizeof(f->title), "%.100s：%.80s（主机 %.40s）",
			         it.title, ck->title_zh && *ck->title_zh ? ck->title_zh : ck->title,
			         r->hostname);
			snprintf(f->evidence, sizeof(f->evidence), "%s\n%s",
			         ck->detail ? ck->detail : "", ck->evidence ? ck->evidence : "");
		}
		e = finding_insert(c->db, f, &created);
		if (!e && created)
			(*created_n)++;
	}
	free(f);
	return e;
}

void api_campaigns_import(struct api_ctx *c)
{
	struct campaign_rec *k = malloc(sizeof(*k));
	struct check_report_rec cr;
	struct crep r;
	char why[512], *key = NULL, *body = NULL;
	size_t keylen = 0;
	int64_t existing = 0;
	int nfind = 0;
	enum crep_err ce;
	enum store_err e;

	memset(&r, 0, sizeof(r));
	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (!api_require(c, PERM_BUSINESS) || !load_campaign(c, c->id, k, NULL) ||
	    !may_inspect(c, k))
		goto out;
	key = check_key(c, &keylen);
	ce = crep_parse(c->req->body, c->req->body_len, (const unsigned char *)key,
	                crep_key_trim((const unsigned char *)key, keylen), &r, why, sizeof(why));
	if (ce) {
		/* why is "中文 / English": each half in its own member. */
		char *en = strstr(why, " / ");

		if (en) {
			*en = '\0';
			en += 3;
		}
		api_error(c, ce == CREP_TOO_BIG ? 413 : 400, "report_refused", why,
		          en ? en : crep_err_en(ce), NULL);
		audit_append_tx(c->db, &c->actor, "check.import", "campaign", "", AUDIT_FAILED,
		                "{\"why\":\"report refused\"}");
		goto out;
	}
	body = strndup(c->req->body, c->req->body_len);
	if (!body) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	/* whether it is new, and the findings it brings, are decided in the transaction */
	if (!api_tx_begin(c))
		goto out;
	if (check_report_find(c->db, k->id, r.digest, &existing) == STORE_OK) {
		/* the same report again changes nothing */
		api_reply(c, 200,
		          json_pack("{sI sb si}", "report_id", (json_int_t)existing,
		                    "already_imported", true, "findings_created", 0));
		goto out;
	}
	memset(&cr, 0, sizeof(cr));
	cr.campaign_id = k->id;
	snprintf(cr.digest, sizeof(cr.digest), "%s", r.digest);
	snprintf(cr.hostname, sizeof(cr.hostname), "%s", r.hostname);
	snprintf(cr.machine_id, sizeof(cr.machine_id), "%s", r.machine_id);
	snprintf(cr.role, sizeof(cr.role), "%s", r.role);
	snprintf(cr.operator_name, sizeof(cr.operator_name), "%s", r.operator_name);
	cr.report_time = r.time_ms;
	cr.nfailed = (int)r.nfailed;
	cr.nhits = (int)r.nhits;
	cr.imported_by = c->actor.account_id;
	cr.imported_at = bjtime_now_ms();
	e = match_computer(c->db, r.machine_id, r.disks, r.ndisks, &cr.carrier_id,
	                   &cr.department_id);
	if (e && e != STORE_NOTFOUND) {
		api_store_error(c, e, NULL);
		goto out;
	}
	e = check_report_insert(c->db, &cr, body);
	if (!e)
		e = report_findings(c, k, &r, &cr, &nfind);
	if (!e)
		e = api_audit(c, "check.import", "campaign", k->id, AUDIT_SUCCESS,
		              json_pack("{ss ss sb si}", "digest", cr.digest, "host", cr.hostname,
		                        "unknown_host", cr.carrier_id == 0, "findings", nfind));
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 201,
		          json_pack("{sI sb ss so so sb si si si si}", "report_id",
		                    (json_int_t)cr.id, "already_imported", false, "hostname",
		                    cr.hostname, "carrier_id",
		                    cr.carrier_id ? json_integer(cr.carrier_id) : json_null(),
		                    "department_id",
		                    cr.department_id ? json_integer(cr.department_id) : json_null(),
		                    "unknown_host", cr.carrier_id == 0, "failed_checks", cr.nfailed,
		                    "keyword_hits", cr.nhits, "encrypted_files", (int)r.nencrypted,
		                    "findings_created", nfind));
out:
	if (key) {
		memset(key, 0, keylen);
		free(key);
	}
	free(body);
	crep_release(&r);
	free(k);
}

void api_campaigns_reports(struct api_ctx *c)
{
	campaign_list_reply(c, check_report_list);
}

void api_check_key_put(struct api_ctx *c)
{
	static const char *const allowed[] = {"key", NULL};
	json_t *v = json_object_get(c->body, "key");
	enum store_err e;

	if (!api_require(c, PERM_TRUST) || api_only_fields(c, allowed))
		return;
	if (!json_is_string(v) || json_string_length(v) > 1024 ||
	    (json_string_length(v) && json_string_length(v) < 16)) {
		api_error(c, 400, "invalid_field", "应为16–1024字节的密钥（空串表示不用密钥）",
		          "must be a key of 16 to 1024 bytes (empty: no key)", "key");
		return;
	}
	if (!api_tx_begin(c))
		return;
	e = setting_put(c->db, CHECK_KEY_SETTING, json_string_value(v));
	if (!e)
		e = api_audit(c, "check.key", "setting", 0, AUDIT_SUCCESS,
		              json_pack("{sb}", "set", json_string_length(v) > 0));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_no_content(c);
}

/* ---- findings and rectification ---- */

void api_campaigns_findings(struct api_ctx *c)
{
	struct campaign_rec *k = malloc(sizeof(*k));
	int64_t dept, q = 0;
	json_t *items;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (load_campaign(c, c->id, k, &dept) &&
	    !api_query_int(c, "department_id", &q, 0, INT64_MAX)) {
		bool full = officer(c) || campaign_has_inspector(k, c->actor.account_id);

		if (finding_list(c->db, k->id, dept ? dept : q, full, today(), &items)) {
			json_decref(items);
			api_store_error(c, STORE_IO, NULL);
		} else {
			api_reply_list(c, items, (int64_t)json_array_size(items));
		}
	}
	free(k);
}

void api_campaigns_finding_create(struct api_ctx *c)
{
	static const char *const allowed[] = {"item_id", "department_id", "severity",
	                                      "title",   "evidence",      NULL};
	struct campaign_rec *k = malloc(sizeof(*k));
	struct finding_rec *f = calloc(1, sizeof(*f));
	struct item_rec it;
	char sev[16] = "";
	bool created;
	enum store_err e;

	if (!k || !f) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) || !api_tx_begin(c) ||
	    !load_campaign(c, c->id, k, NULL) || !may_inspect(c, k) ||
	    api_field_id(c, "item_id", &f->item_id, true) ||
	    api_field_id(c, "department_id", &f->department_id, true) ||
	    api_field_str(c, "severity", sev, sizeof(sev), true) ||
	    api_field_str(c, "title", f->title, sizeof(f->title), true) ||
	    api_field_str(c, "evidence", f->evidence, sizeof(f->evidence), false) ||
	    !item_and_dept(c, k, f->item_id, f->department_id, &it))
		goto out;
	if (insp_severity_parse(sev, &f->severity)) {
		api_error(c, 400, "invalid_field", "应为 low/medium/high（一般/较重/严重）",
		          "must be low, medium or high", "severity");
		goto out;
	}
	f->campaign_id = k->id;
	f->created_by = c->actor.account_id;
	f->created_at = bjtime_now_ms();
	snprintf(f->source, sizeof(f->source), "inspection");
	snprintf(f->source_key, sizeof(f->source_key), "manual/%lld/%lld", (long long)f->created_at,
	         (long long)c->actor.account_id);
	e = finding_insert(c->db, f, &created);
	if (!e)
		e = api_audit(c, "finding.create", "finding", f->id, AUDIT_SUCCESS,
		              json_pack("{sI ss}", "campaign", (json_int_t)k->id, "severity", sev));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, 201, json_pack("{sI ss}", "id", (json_int_t)f->id, "title", f->title));
out:
	free(f);
	free(k);
}

void api_findings_task(struct api_ctx *c)
{
	static const char *const allowed[] = {"responsible_id", "deadline", "plan", "department_id",
	                                      NULL};
	struct campaign_rec *k = malloc(sizeof(*k));
	struct finding_rec *f = malloc(sizeof(*f));
	struct rtask_rec t;
	struct account a;
	int32_t dl = 0;
	enum store_err e;

	memset(&t, 0, sizeof(t));
	if (!k || !f) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) || !api_tx_begin(c))
		goto out;
	if (finding_get(c->db, c->id, f)) {
		api_hidden(c, "finding", c->id, FINDING_HIDDEN_ZH, FINDING_HIDDEN_EN);
		goto out;
	}
	if (!load_readable(c, f->campaign_id, k, NULL, "finding", c->id, FINDING_HIDDEN_ZH,
	                   FINDING_HIDDEN_EN) ||
	    !may_inspect(c, k) || api_field_id(c, "responsible_id", &t.responsible_id, true) ||
	    api_field_date(c, "deadline", &dl, true) ||
	    api_field_str(c, "plan", t.plan, sizeof(t.plan), false) ||
	    api_field_id(c, "department_id", &t.department_id, false))
		goto out;
	if (account_get(c->db, t.responsible_id, &a) || a.disabled || !a.roles) {
		api_error(c, 400, "invalid_field", "应为启用的业务账户",
		          "must be an enabled business account", "responsible_id");
		goto out;
	}
	if (dl < today()) {
		api_error(c, 400, "invalid_field", "整改期限不能早于今天",
		          "the deadline cannot be in the past", "deadline");
		goto out;
	}
	if (!t.department_id)
		t.department_id = f->department_id;
	if (t.department_id && !campaign_has_dept(k, t.department_id)) {
		api_error(c, 400, "invalid_field", "部门不在本次检查范围内",
		          "department not in the campaign's scope", "department_id");
		goto out;
	}
	t.finding_id = f->id;
	t.deadline = dl;
	t.state = RS_OPEN;
	t.created_by = c->actor.account_id;
	t.created_at = bjtime_now_ms();
	e = rtask_insert(c->db, &t);
	if (e == STORE_CONFLICT) {
		api_error(c, 409, "conflict", "该问题已有整改任务",
		          "the finding already has a task", NULL);
		goto out;
	}
	if (!e)
		e = api_audit(c, "rectification.assign", "rect_task", t.id, AUDIT_SUCCESS,
		              json_pack("{sI sI}", "finding", (json_int_t)f->id, "responsible",
		                        (json_int_t)t.responsible_id));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, 201,
		          json_pack("{sI sI ss}", "id", (json_int_t)t.id, "finding_id",
		                    (json_int_t)f->id, "state", rect_state_code(t.state)));
out:
	free(f);
	free(k);
}

void api_rtasks_list(struct api_ctx *c)
{
	int64_t campaign = 0, overdue = 0, mine = 0;
	json_t *items;

	if (!api_require(c, PERM_BUSINESS) ||
	    api_query_int(c, "campaign_id", &campaign, 0, INT64_MAX) ||
	    api_query_int(c, "overdue", &overdue, 0, 1) || api_query_int(c, "mine", &mine, 0, 1))
		return;
	/* the officer and the leader see every task; anyone else their own */
	if (!officer(c) && !(c->actor.roles & ROLE_LEADER))
		mine = 1;
	if (rtask_list(c->db, campaign, mine ? c->actor.account_id : 0, overdue == 1, today(),
	               &items)) {
		json_decref(items);
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

void api_rtasks_action(struct api_ctx *c)
{
	static const char *const allowed[] = {"action", "measures", "reason", NULL};
	struct campaign_rec *k = malloc(sizeof(*k));
	struct finding_rec *f = malloc(sizeof(*f));
	struct rtask_rec t;
	struct rect_act x;
	char action[24] = "", text[2049] = "";
	const char *field = NULL;
	enum rect_action ra;
	enum insp_err ie;
	enum store_err e;

	if (!k || !f) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) ||
	    api_field_str(c, "action", action, sizeof(action), true))
		goto out;
	if (rect_action_parse(action, &ra)) {
		api_error(c, 400, "invalid_field", "应为 start/done/verify/reject",
		          "must be start, done, verify or reject", "action");
		goto out;
	}
	/* the task's state is read and changed in one transaction; it is visible to
	   whoever is responsible for it and to the campaign's readers, and anything
	   else answers like a task that does not exist */
	if (!api_tx_begin(c))
		goto out;
	if (rtask_get(c->db, c->id, &t) || finding_get(c->db, t.finding_id, f) ||
	    (!f->drill_id && campaign_get(c->db, f->campaign_id, k))) {
		api_hidden(c, "rect_task", c->id, RTASK_HIDDEN_ZH, RTASK_HIDDEN_EN);
		goto out;
	}
	/* a drill's finding: those who run drills stand where a campaign's inspectors do */
	if (f->drill_id && t.responsible_id != c->actor.account_id &&
	    !(c->actor.roles & DRILL_MANAGER_ROLES) && !(c->actor.roles & ROLE_LEADER)) {
		api_hidden(c, "rect_task", c->id, RTASK_HIDDEN_ZH, RTASK_HIDDEN_EN);
		goto out;
	}
	if (!f->drill_id && t.responsible_id != c->actor.account_id &&
	    !load_readable(c, f->campaign_id, k, NULL, "rect_task", c->id, RTASK_HIDDEN_ZH,
	                   RTASK_HIDDEN_EN))
		goto out;
	if (api_field_str(c, ra == RA_REJECT ? "reason" : "measures", text, sizeof(text), false))
		goto out;
	memset(&x, 0, sizeof(x));
	x.action = ra;
	x.state = t.state;
	x.actor_id = c->actor.account_id;
	x.actor_inspector = f->drill_id
	                        ? (c->actor.roles & DRILL_MANAGER_ROLES) != 0
	                        : officer(c) || campaign_has_inspector(k, c->actor.account_id);
	x.responsible_id = t.responsible_id;
	x.done_by = t.done_by;
	x.has_text = text[0] != '\0';
	ie = rect_check(&x, &field);
	if (ie == INSP_NOT_PERMITTED) {
		api_deny(c, insp_err_en(ie));
		goto out;
	}
	if (ie) {
		api_error(c, ie == INSP_BAD_STATE ? 409 : 400, "refused", insp_err_zh(ie),
		          insp_err_en(ie), field);
		goto out;
	}
	t.state = rect_next_state(&x);
	if (ra == RA_DONE) {
		snprintf(t.measures, sizeof(t.measures), "%s", text);
		t.done_by = c->actor.account_id;
		t.done_at = bjtime_now_ms();
	} else if (ra == RA_VERIFY) {
		t.verified_by = c->actor.account_id;
		t.verified_at = bjtime_now_ms();
	} else if (ra == RA_REJECT) {
		snprintf(t.reason, sizeof(t.reason), "%.1000s", text);
	}
	e = rtask_save(c->db, &t);
	if (!e)
		e = api_audit(c, "rectification.action", "rect_task", t.id, AUDIT_SUCCESS,
		              json_pack("{ss ss}", "action", rect_action_code(ra), "state",
		                        rect_state_code(t.state)));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, 200,
		          json_pack("{sI ss ss}", "id", (json_int_t)t.id, "state",
		                    rect_state_code(t.state), "state_zh", rect_state_zh(t.state)));
out:
	free(f);
	free(k);
}

/* ---- spot checks ---- */

void api_campaigns_spot(struct api_ctx *c)
{
	static const char *const allowed[] = {"task_id", "superior_unit", "inspector",
	                                      "passed",  "note",          NULL};
	struct campaign_rec *k = malloc(sizeof(*k));
	char unit[257] = "", who[129] = "", note[2049] = "";
	int64_t task_id = 0, id = 0;
	bool passed = false;
	enum store_err e;

	if (!k) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) || !api_tx_begin(c) ||
	    !load_campaign(c, c->id, k, NULL) || !may_inspect(c, k) ||
	    api_field_id(c, "task_id", &task_id, false) ||
	    api_field_str(c, "superior_unit", unit, sizeof(unit), true) ||
	    api_field_str(c, "inspector", who, sizeof(who), true) ||
	    api_field_bool(c, "passed", &passed, true) ||
	    api_field_str(c, "note", note, sizeof(note), false))
		goto out;
	if (task_id) {
		struct rtask_rec t;
		struct finding_rec *f = malloc(sizeof(*f));
		bool ok = f && rtask_get(c->db, task_id, &t) == STORE_OK &&
		          finding_get(c->db, t.finding_id, f) == STORE_OK &&
		          f->campaign_id == k->id;

		free(f);
		if (!ok) {
			api_error(c, 400, "invalid_field", "不是本次活动的整改任务",
			          "not a rectification task of this campaign", "task_id");
			goto out;
		}
	}
	e = spot_insert(c->db, k->id, task_id, unit, who, passed, note, c->actor.account_id, &id);
	if (!e)
		e = api_audit(c, "campaign.spot_check", "campaign", k->id, AUDIT_SUCCESS,
		              json_pack("{ss sb}", "superior_unit", unit, "passed", passed));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_reply(c, 201, json_pack("{sI sb}", "id", (json_int_t)id, "passed", passed));
out:
	free(k);
}

void api_campaigns_spots(struct api_ctx *c)
{
	campaign_list_reply(c, spot_list);
}

/* ---- the media list for baomi-check --media ---- */

void api_media_list(struct api_ctx *c)
{
	char *text = NULL;
	size_t len = 0;

	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!officer(c)) {
		api_deny(c, "only the officer exports the media list");
		return;
	}
	if (media_list_text(c->db, &text, &len) ||
	    audit_append_tx(c->db, &c->actor, "carrier.media_list", "carrier", "", AUDIT_SUCCESS,
	                    "{}")) {
		free(text);
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	buf_reset(&c->resp->body);
	if (buf_append(&c->resp->body, text, len) != BUF_OK)
		api_error(c, 413, "too_large", "清单过大", "list too large", NULL);
	else {
		http_response_header(c->resp, "Content-Disposition",
		                     "attachment; filename=\"media.txt\"");
		c->resp->content_type = "text/plain; charset=utf-8";
		c->resp->status = 200;
	}
	free(text);
}
