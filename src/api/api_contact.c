/*
 * api_contact.c — the contact list (通讯录): the members of the command
 * and its groups, the outside bodies the reporting duties go to, whom to
 * call for each duty of an incident, and 附件一 (the list of members and
 * 联络员) as PDF and XLSX.  Only the command, the 保密员, the leader and the
 * duty officers read it: a list, search or export by anyone else is
 * refused with 403, one contact with the 404 of a missing one.
 */
#include "api_contact.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../export/doc.h"
#include "../store/store_contact.h"
#include "../store/store_incident.h"
#include "../util/bjtime.h"

#define CONTACT_HIDDEN_ZH "联系人不存在"
#define CONTACT_HIDDEN_EN "no such contact"

static bool may_read(struct api_ctx *c)
{
	if (contact_may_read(c->actor.admin, c->actor.roles))
		return true;
	api_deny(c, "the contact list is for the command, officer, leader and duty roles");
	return false;
}

static bool may_write(struct api_ctx *c)
{
	if (contact_may_write(c->actor.admin, c->actor.roles))
		return true;
	api_deny(c, "the contact list is kept by the officer and the command");
	return false;
}

void api_contact_duties(struct api_ctx *c, json_t *duties)
{
	size_t i;
	json_t *d;

	if (contact_may_read(c->actor.admin, c->actor.roles) &&
	    contact_annotate_duties(c->db, duties) == STORE_OK)
		return;
	json_array_foreach(duties, i, d) json_object_set_new(d, "contact", json_null());
}

void api_contact_callees(struct api_ctx *c, int64_t incident_id, char *out, size_t n)
{
	json_t *duties = NULL, *d, *seen = json_object();
	size_t i, len = 0;

	out[0] = '\0';
	if (!seen || !contact_may_read(c->actor.admin, c->actor.roles) ||
	    duty_list(c->db, incident_id, bjtime_now_ms(), &duties) ||
	    contact_annotate_duties(c->db, duties))
		goto out;
	json_array_foreach(duties, i, d)
	{
		json_t *k = json_object_get(d, "contact");
		const char *to = json_str(d, "to"), *name = json_str(k, "name");
		const char *person = json_str(k, "person");
		bool named = *person && strcmp(person, name); /* a body's contact person */
		int w;

		if (!json_is_object(k) || json_object_get(seen, to))
			continue;
		json_object_set_new(seen, to, json_true());
		w = snprintf(out + len, n - len, "%s%s：%s%s%s%s %s", len ? "\n" : "", to, name,
		             named ? "（" : "", named ? person : "", named ? "）" : "",
		             json_str(k, "phone"));
		if (w < 0 || (size_t)w >= n - len) {
			out[len] = '\0'; /* a line that does not fit is left out whole */
			break;
		}
		len += (size_t)w;
	}
out:
	json_decref(duties);
	json_decref(seen);
}

/* Digits and the marks a phone number is written with (0571-8700 1234 转 8012). */
static bool phone_ok(const char *s)
{
	for (; *s; s++) {
		if (!strncmp(s, "转", strlen("转"))) {
			s += strlen("转") - 1;
			continue;
		}
		if (!strchr("0123456789+-() ,;/", *s))
			return false;
	}
	return true;
}

struct text_field {
	const char *field, *column, *zh; /* zh: as the audit record names it */
	size_t cap;
};

static const struct text_field text_fields[] = {
    {"name", "name", "名称", 257},
    {"group", "grp", "工作组", 257},
    {"title", "title", "职务", 129},
    {"contact_person", "contact_person", "联系人", 129},
    {"office_phone", "office_phone", "办公电话", 65},
    {"mobile", "mobile", "手机", 65},
    {"address", "address", "地址", 513},
    {"notes", "notes", "备注", 2001},
};
#define NTEXT (sizeof(text_fields) / sizeof(text_fields[0]))

static char *rec_text(struct contact_rec *r, size_t i)
{
	char *const slots[NTEXT] = {r->name,         r->grp,    r->title,   r->contact_person,
	                            r->office_phone, r->mobile, r->address, r->notes};

	return slots[i];
}

/*
 * Reads the request's fields into r (absent fields keep r's value) and
 * marks in set[] which were given.  Returns -1 after answering 400.
 */
static int read_fields(struct api_ctx *c, struct contact_rec *r, bool *set, bool create)
{
	static const char *const allowed[] = {
	    "kind",           "name",         "group",  "title",   "ab",    "liaison", "trust",
	    "contact_person", "office_phone", "mobile", "address", "notes", "ord",     NULL};
	char code[32];

	if (api_only_fields(c, allowed))
		return -1;
	for (size_t i = 0; i < NTEXT; i++) {
		const char *f = text_fields[i].field;

		set[i] = json_object_get(c->body, f) != NULL;
		if (api_field_str(c, f, rec_text(r, i), text_fields[i].cap,
		                  create && !strcmp(f, "name")))
			return -1;
		if ((!strcmp(f, "office_phone") || !strcmp(f, "mobile")) &&
		    !phone_ok(rec_text(r, i))) {
			api_error(c, 400, "invalid_field",
			          "电话号码只能包含数字、空格和 + - ( ) 转",
			          "a phone number holds digits, spaces and + - ( ) only", f);
			return -1;
		}
	}
	if (set[0] && !r->name[0]) {
		api_error(c, 400, "invalid_field", "必填", "is required", "name");
		return -1;
	}
	code[0] = '\0';
	if (api_field_str(c, "kind", code, sizeof(code), create))
		return -1;
	if (code[0] && contact_kind_parse(code, &r->kind)) {
		api_error(c, 400, "invalid_field", "未知的联系人类别", "unknown kind of contact",
		          "kind");
		return -1;
	}
	code[0] = '\0';
	if (api_field_str(c, "trust", code, sizeof(code), false))
		return -1;
	if (code[0] && contact_trust_parse(code, &r->trust)) {
		api_error(c, 400, "invalid_field", "应为 low、normal 或 high",
		          "must be low, normal or high", "trust");
		return -1;
	}
	code[0] = '\0';
	if (json_object_get(c->body, "ab")) {
		if (api_field_str(c, "ab", code, sizeof(code), false))
			return -1;
		if (strcmp(code, "A") && strcmp(code, "B") && code[0]) {
			api_error(c, 400, "invalid_field", "应为 A、B 或空",
			          "must be A, B or empty", "ab");
			return -1;
		}
		snprintf(r->ab, sizeof(r->ab), "%s", code);
	}
	if (api_field_bool(c, "liaison", &r->liaison, false) ||
	    api_field_int(c, "ord", &r->ord, 0, 100000, false))
		return -1;
	return 0;
}

static void reply_changed(struct api_ctx *c, int status, const char *event, int64_t id,
                          json_t *detail)
{
	struct contact_rec r;
	enum store_err e = contact_get(c->db, id, &r);

	if (!e)
		e = api_audit(c, event, "contact", id, AUDIT_SUCCESS, detail);
	else
		json_decref(detail);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, status, contact_json(&r));
}

void api_contacts_list(struct api_ctx *c)
{
	const char *kind = http_query(c->req, "kind"), *q = http_query(c->req, "q");
	enum contact_kind k = CK_INTERNAL;
	json_t *items;
	enum store_err e;

	if (!may_read(c))
		return;
	if (kind && *kind && contact_kind_parse(kind, &k)) {
		api_error(c, 400, "invalid_query", "未知的联系人类别", "unknown kind of contact",
		          "kind");
		return;
	}
	if (q && strlen(q) > 256) {
		api_error(c, 400, "invalid_query", "过长（最多256字节）",
		          "too long (at most 256 bytes)", "q");
		return;
	}
	e = contact_list(c->db, kind && *kind ? (int)k : -1, q, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

void api_contacts_get(struct api_ctx *c)
{
	struct contact_rec r;

	if (!contact_may_read(c->actor.admin, c->actor.roles) || contact_get(c->db, c->id, &r)) {
		api_hidden(c, "contact", c->id, CONTACT_HIDDEN_ZH, CONTACT_HIDDEN_EN);
		return;
	}
	api_reply(c, 200, contact_json(&r));
}

void api_contacts_create(struct api_ctx *c)
{
	struct contact_rec r;
	bool set[NTEXT];
	int64_t now = bjtime_now_ms();
	enum store_err e;

	memset(&r, 0, sizeof(r));
	r.trust = CT_NORMAL;
	if (!may_write(c) || read_fields(c, &r, set, true) || !api_tx_begin(c))
		return;
	if (r.kind == CK_INTERNAL) {
		e = contact_link_by_name(c->db, r.name, &r.person_id, &r.account_id);
		if (e) {
			api_store_error(c, e, NULL);
			return;
		}
	}
	r.created_at = r.updated_at = now;
	e = contact_insert(c->db, &r);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	reply_changed(c, 201, "contact.create", r.id,
	              json_pack("{ss ss}", "name", r.name, "kind", contact_kind_zh(r.kind)));
}

/* The strings of a JSON array joined with 、 into out. */
static const char *joined(json_t *a, char *out, size_t n)
{
	size_t i, len = 0;
	json_t *v;

	out[0] = '\0';
	json_array_foreach(a, i, v)
	{
		int w = snprintf(out + len, n - len, "%s%s", i ? "、" : "", json_string_value(v));

		if (w < 0 || (size_t)w >= n - len) {
			out[len] = '\0'; /* a name that does not fit is left out whole */
			break;
		}
		len += (size_t)w;
	}
	return out;
}

void api_contacts_update(struct api_ctx *c)
{
	struct contact_rec r;
	bool set[NTEXT];
	json_t *changed = json_array();
	enum store_err e = STORE_OK;
	enum contact_kind kind0;
	enum contact_trust trust0;
	char note[400];
	bool liaison0;
	int ord0;
	char ab0[2];

	if (!may_write(c) || !api_tx_begin(c))
		goto out;
	if (contact_get(c->db, c->id, &r)) {
		api_hidden(c, "contact", c->id, CONTACT_HIDDEN_ZH, CONTACT_HIDDEN_EN);
		goto out;
	}
	kind0 = r.kind;
	trust0 = r.trust;
	liaison0 = r.liaison;
	ord0 = r.ord;
	memcpy(ab0, r.ab, sizeof(ab0));
	if (read_fields(c, &r, set, false))
		goto out;
	for (size_t i = 0; i < NTEXT && !e; i++)
		if (set[i]) {
			e = contact_set_text(c->db, r.id, text_fields[i].column, rec_text(&r, i));
			json_array_append_new(changed, json_string(text_fields[i].zh));
		}
#define SET_INT(zh, column, now, before)                                                           \
	if (!e && (now) != (before)) {                                                             \
		e = contact_set_int(c->db, r.id, column, (int64_t)(now));                          \
		json_array_append_new(changed, json_string(zh));                                   \
	}
	SET_INT("类别", "kind", r.kind, kind0)
	SET_INT("可信程度", "trust", r.trust, trust0)
	SET_INT("联络员", "liaison", r.liaison, liaison0)
	SET_INT("排序", "ord", r.ord, ord0)
#undef SET_INT
	if (!e && strcmp(ab0, r.ab)) {
		e = contact_set_text(c->db, r.id, "ab", r.ab);
		json_array_append_new(changed, json_string("A/B角"));
	}
	/* a member renamed is linked again to the person of the new name */
	if (!e && r.kind == CK_INTERNAL && (set[0] || r.kind != kind0)) {
		e = contact_link_by_name(c->db, r.name, &r.person_id, &r.account_id);
		if (!e)
			e = contact_set_int(c->db, r.id, "person_id", r.person_id);
		if (!e)
			e = contact_set_int(c->db, r.id, "account_id", r.account_id);
	}
	if (!e)
		e = contact_touch(c->db, r.id, bjtime_now_ms());
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	/* the fields changed, by their Chinese names, as the audit log's note */
	reply_changed(
	    c, 200, "contact.update", r.id,
	    json_pack("{ss ss}", "name", r.name, "note", joined(changed, note, sizeof(note))));
out:
	json_decref(changed);
}

void api_contacts_delete(struct api_ctx *c)
{
	struct contact_rec r;
	enum store_err e;

	if (!may_write(c) || !api_tx_begin(c))
		return;
	if (contact_get(c->db, c->id, &r)) {
		api_hidden(c, "contact", c->id, CONTACT_HIDDEN_ZH, CONTACT_HIDDEN_EN);
		return;
	}
	e = contact_delete(c->db, r.id);
	if (!e)
		e = api_audit(
		    c, "contact.delete", "contact", r.id, AUDIT_SUCCESS,
		    json_pack("{ss ss}", "name", r.name, "kind", contact_kind_zh(r.kind)));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_no_content(c);
}

/* Adds one member of a plan's command as an internal contact, unless already listed. */
static enum store_err import_member(struct api_ctx *c, json_t *m, const char *grp, int ord,
                                    int *added, int *skipped)
{
	struct contact_rec r;
	const char *ab = json_str(m, "ab");
	enum store_err e;

	memset(&r, 0, sizeof(r));
	snprintf(r.name, sizeof(r.name), "%s", json_str(m, "name"));
	if (!r.name[0])
		return STORE_OK; /* a post the plan leaves to be filled in */
	snprintf(r.grp, sizeof(r.grp), "%s", grp);
	snprintf(r.title, sizeof(r.title), "%s", json_str(m, "title"));
	if (contact_internal_exists(c->db, r.name, r.grp, r.title)) {
		(*skipped)++;
		return STORE_OK;
	}
	r.kind = CK_INTERNAL;
	r.trust = CT_HIGH;
	snprintf(r.ab, sizeof(r.ab), "%s", !strcmp(ab, "A") || !strcmp(ab, "B") ? ab : "");
	if (phone_ok(json_str(m, "phone")))
		snprintf(r.mobile, sizeof(r.mobile), "%s", json_str(m, "phone"));
	r.ord = ord;
	r.created_at = r.updated_at = bjtime_now_ms();
	e = contact_link_by_name(c->db, r.name, &r.person_id, &r.account_id);
	if (!e)
		e = contact_insert(c->db, &r);
	if (!e)
		(*added)++;
	return e;
}

void api_contacts_import_plan(struct api_ctx *c)
{
	static const char *const allowed[] = {"plan_id", NULL};
	int64_t plan_id = 0;
	struct plan_rec p;
	json_t *cmd, *groups, *g, *m;
	size_t i, j;
	int added = 0, skipped = 0;
	enum store_err e = STORE_OK;

	if (!may_write(c) || api_only_fields(c, allowed) ||
	    api_field_id(c, "plan_id", &plan_id, true) || !api_tx_begin(c))
		return;
	if (plan_get(c->db, plan_id, &p)) {
		api_error(c, 404, "not_found", "预案不存在", "no such plan", "plan_id");
		return;
	}
	cmd = json_object_get(p.body, "command");
	if (json_is_object(json_object_get(cmd, "commander")))
		e = import_member(c, json_object_get(cmd, "commander"), "指挥部", 0, &added,
		                  &skipped);
	groups = json_object_get(cmd, "groups");
	json_array_foreach(groups, i, g)
	{
		json_array_foreach(json_object_get(g, "members"), j, m)
		{
			if (!e && json_is_object(m))
				e = import_member(c, m, json_str(g, "name"), (int)(i * 100 + j + 1),
				                  &added, &skipped);
		}
	}
	if (!e)
		e = api_audit(c, "contact.import", "plan", p.id, AUDIT_SUCCESS,
		              json_pack("{ss si ss}", "name", p.name, "count", added, "note",
		                        skipped ? "部分成员已在通讯录中" : ""));
	plan_rec_release(&p);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, json_pack("{si si}", "added", added, "skipped", skipped));
}

/* ---- 附件一 ---- */

/* Cells of one table, owned by a JSON array of strings. */
struct cells {
	json_t *own;
	const char **v;
	size_t n, cap;
};

static void cell(struct cells *t, const char *s)
{
	json_t *j;

	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		const char **v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return;
		t->v = v;
		t->cap = cap;
	}
	j = json_string(s ? s : "");
	json_array_append_new(t->own, j);
	t->v[t->n++] = j ? json_string_value(j) : "";
}

void api_contacts_roster(struct api_ctx *c)
{
	static const char *const h_cmd[] = {"工作组", "职务", "姓名", "A/B角", "办公电话", "手机"};
	static const char *const h_units[] = {"成员单位", "联络员", "办公电话", "手机", "地址"};
	static const char *const h_liaison[] = {"联络员", "所在单位或工作组", "办公电话", "手机"};
	static const char *const h_ext[] = {"类别", "名称", "联系人", "电话", "地址", "可信程度"};
	const char *fmt = http_query(c->req, "format");
	bool pdf = !fmt || !strcmp(fmt, "pdf");
	struct cells t[4];
	struct doc_table tables[4];
	struct doc_block blocks[8];
	struct doc d;
	struct unit u;
	json_t *items = NULL, *x, *own = json_array();
	size_t i;
	char title[400], footer[160], stamp[BJTIME_CN_LEN], disp[96];
	enum doc_err de;
	enum store_err e;

	memset(t, 0, sizeof(t));
	if (!may_read(c))
		goto out;
	if (!pdf && strcmp(fmt, "xlsx")) {
		api_error(c, 400, "invalid_query", "应为 pdf 或 xlsx", "must be pdf or xlsx",
		          "format");
		goto out;
	}
	e = contact_list(c->db, -1, NULL, &items);
	if (e || !own) {
		api_store_error(c, e ? e : STORE_IO, NULL);
		goto out;
	}
	for (int k = 0; k < 4; k++)
		t[k].own = own;
	json_array_foreach(items, i, x)
	{
		enum contact_kind k = CK_OTHER;

		contact_kind_parse(json_str(x, "kind"), &k);
		if (k == CK_INTERNAL) {
			cell(&t[0], json_str(x, "group"));
			cell(&t[0], json_str(x, "title"));
			cell(&t[0], json_str(x, "name"));
			cell(&t[0], *json_str(x, "ab") ? json_str(x, "ab") : "—");
			cell(&t[0], json_str(x, "office_phone"));
			cell(&t[0], json_str(x, "mobile"));
		} else if (k == CK_MEMBER_UNIT) {
			cell(&t[1], json_str(x, "name"));
			cell(&t[1], json_str(x, "contact_person"));
			cell(&t[1], json_str(x, "office_phone"));
			cell(&t[1], json_str(x, "mobile"));
			cell(&t[1], json_str(x, "address"));
		} else {
			cell(&t[3], json_str(x, "kind_zh"));
			cell(&t[3], json_str(x, "name"));
			cell(&t[3], json_str(x, "contact_person"));
			cell(&t[3], *json_str(x, "mobile") ? json_str(x, "mobile")
			                                   : json_str(x, "office_phone"));
			cell(&t[3], json_str(x, "address"));
			cell(&t[3], json_str(x, "trust_zh"));
		}
		if (json_is_true(json_object_get(x, "liaison"))) {
			bool internal = k == CK_INTERNAL;

			cell(&t[2], internal ? json_str(x, "name") : json_str(x, "contact_person"));
			cell(&t[2], internal ? json_str(x, "group") : json_str(x, "name"));
			cell(&t[2], json_str(x, "office_phone"));
			cell(&t[2], json_str(x, "mobile"));
		}
	}
	tables[0] = (struct doc_table){h_cmd, 6, NULL, t[0].v, t[0].n / 6};
	tables[1] = (struct doc_table){h_units, 5, NULL, t[1].v, t[1].n / 5};
	tables[2] = (struct doc_table){h_liaison, 4, NULL, t[2].v, t[2].n / 4};
	tables[3] = (struct doc_table){h_ext, 6, NULL, t[3].v, t[3].n / 6};
	blocks[0] = (struct doc_block){DOC_HEADING, "一、应急指挥部及工作组", NULL};
	blocks[1] = (struct doc_block){DOC_TABLE, NULL, &tables[0]};
	blocks[2] = (struct doc_block){DOC_HEADING, "二、成员单位", NULL};
	blocks[3] = (struct doc_block){DOC_TABLE, NULL, &tables[1]};
	blocks[4] = (struct doc_block){DOC_HEADING, "三、联络员", NULL};
	blocks[5] = (struct doc_block){DOC_TABLE, NULL, &tables[2]};
	blocks[6] = (struct doc_block){DOC_HEADING, "四、外部联系单位", NULL};
	blocks[7] = (struct doc_block){DOC_TABLE, NULL, &tables[3]};
	if (unit_get(c->db, unit_home(c->db), &u))
		snprintf(u.name, sizeof(u.name), "%s", "");
	snprintf(title, sizeof(title), "%s应急处理组织机构及联络员名单", u.name);
	bjtime_format_cn(bjtime_now_ms(), stamp);
	snprintf(footer, sizeof(footer), "附件一  baomi 生成  %s  内部资料，注意保管", stamp);
	memset(&d, 0, sizeof(d));
	d.title = title;
	d.subtitle = "附件一";
	d.blocks = blocks;
	d.nblocks = 8;
	d.footer = footer;
	if (audit_append_tx(c->db, &c->actor, "contact.export", "contact", "", AUDIT_SUCCESS,
	                    pdf ? "{\"format\":\"pdf\"}" : "{\"format\":\"xlsx\"}")) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	buf_reset(&c->resp->body);
	de = pdf ? doc_pdf(&d, &c->resp->body) : doc_xlsx(&d, &c->resp->body);
	if (de) {
		buf_reset(&c->resp->body);
		fprintf(stderr, "baomi: contact roster: %s\n", doc_err_en(de));
		api_error(c, de == DOC_TOO_BIG ? 413 : 500, "report_failed", "名单生成失败",
		          doc_err_en(de), NULL);
		goto out;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"contacts.%s\"", pdf ? "pdf" : "xlsx");
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type =
	    pdf ? "application/pdf"
	        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	c->resp->status = 200;
out:
	for (int k = 0; k < 4; k++)
		free(t[k].v);
	json_decref(items);
	json_decref(own);
}
