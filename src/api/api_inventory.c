/*
 * api_inventory — inventories with labels (清查盘点): the officer opens a
 * campaign over a scope, anyone scans label numbers into it, the officer
 * closes it (compare-and-set) and the result is frozen; the report lists the
 * differences; a missing carrier opens a leak incident; an emergency count
 * keeps a packing list.  Label sheets (PDF with QR codes) are printed from the
 * ledger and each print is audited with its re-print count.
 *
 * Need-to-know: a carrier the reader may not see shows its number and
 * status only, never its title or level.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/inventory.h"
#include "../export/doc.h"
#include "../export/labels.h"
#include "../store/store_inventory.h"
#include "../util/bjtime.h"
#include "api.h"

#define TYPES_MAX CT_COUNT

static bool officer(struct api_ctx *c)
{
	if (!api_require(c, PERM_BUSINESS))
		return false;
	if (!(c->actor.roles & ROLE_OFFICER)) {
		api_deny(c, "inventory: officer only");
		return false;
	}
	return true;
}

/* Loads the campaign of the route; 404 when there is none. */
static bool load(struct api_ctx *c, struct inv_rec *r)
{
	enum store_err e = inv_get(c->db, c->id, r);

	if (e == STORE_NOTFOUND) {
		api_error(c, 404, "not_found", "清查盘点不存在", "no such inventory", NULL);
		return false;
	}
	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	return true;
}

static json_t *types_json(uint32_t types)
{
	json_t *a = json_array();

	for (int t = 0; t < CT_COUNT; t++)
		if (types & (1u << t))
			json_array_append_new(a,
			                      json_string(carrier_type_code((enum carrier_type)t)));
	return a;
}

/* Beijing ISO time, or null for 0. */
static json_t *time_json(int64_t ms)
{
	char t[BJTIME_ISO_LEN];

	if (!ms)
		return json_null();
	bjtime_format_iso(ms, t);
	return json_string(t);
}

static json_t *inv_json(struct api_ctx *c, const struct inv_rec *r)
{
	struct department d;
	struct account a;
	bool dept = r->department_id && dept_get(c->db, r->department_id, &d) == STORE_OK;
	bool closer = r->closed_by && account_get(c->db, r->closed_by, &a) == STORE_OK;

	return json_pack("{sI ss ss ss so ss ss so ss so so so}", "id", (json_int_t)r->id, "name",
	                 r->name, "kind", inv_kind_code(r->kind), "kind_zh", inv_kind_zh(r->kind),
	                 "department_id",
	                 r->department_id ? json_integer(r->department_id) : json_null(),
	                 "department", dept ? d.name : "", "location", r->location, "types",
	                 types_json(r->types), "state", r->closed ? "closed" : "open", "opened_at",
	                 time_json(r->opened_at), "closed_at", time_json(r->closed_at), "closed_by",
	                 closer ? json_string(a.display_name) : json_null());
}

void api_inventories_list(struct api_ctx *c)
{
	int limit, offset;
	bool ok;
	json_t *items;
	int64_t total;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	api_paging(c, &limit, &offset, &ok);
	if (!ok)
		return;
	e = inv_list(c->db, limit, offset, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

static int parse_types(struct api_ctx *c, uint32_t *out)
{
	json_t *v = json_object_get(c->body, "types"), *t;
	size_t i;

	*out = 0;
	if (!v)
		return 0;
	if (!json_is_array(v) || json_array_size(v) > TYPES_MAX) {
		api_error(c, 400, "invalid_field", "应为载体类型列表",
		          "must be a list of carrier types", "types");
		return -1;
	}
	json_array_foreach(v, i, t)
	{
		enum carrier_type ct;

		if (!json_is_string(t) || carrier_type_parse(json_string_value(t), &ct)) {
			api_error(c, 400, "invalid_field", "载体类型不存在", "unknown carrier type",
			          "types");
			return -1;
		}
		*out |= 1u << ct;
	}
	return 0;
}

void api_inventories_create(struct api_ctx *c)
{
	static const char *const allowed[] = {"name",     "kind",  "department_id",
	                                      "location", "types", NULL};
	struct inv_rec r;
	struct department d;
	char kind[16] = "annual";
	int64_t n = 0;
	enum store_err e;
	json_t *o, *detail;

	memset(&r, 0, sizeof(r));
	if (!officer(c) || api_only_fields(c, allowed) ||
	    api_field_str(c, "name", r.name, sizeof(r.name), true) ||
	    api_field_str(c, "kind", kind, sizeof(kind), false) ||
	    api_field_id_or_null(c, "department_id", &r.department_id) ||
	    api_field_str(c, "location", r.location, sizeof(r.location), false) ||
	    parse_types(c, &r.types))
		return;
	if (inv_kind_parse(kind, &r.kind)) {
		api_error(c, 400, "invalid_field", "应为年度清查或应急清点",
		          "must be annual or emergency", "kind");
		return;
	}
	if (r.department_id && dept_get(c->db, r.department_id, &d)) {
		api_error(c, 400, "invalid_field", "部门不存在", "no such department",
		          "department_id");
		return;
	}
	r.unit_id = unit_home(c->db);
	r.opened_by = c->actor.account_id;
	r.opened_at = bjtime_now_ms();
	if (!api_tx_begin(c))
		return;
	e = inv_insert(c->db, &r, &n);
	if (e == STORE_INVALID) {
		api_error(c, 400, "invalid_field", "范围内载体过多，请缩小清查范围",
		          "too many carriers in scope: narrow it", "department_id");
		return;
	}
	detail = json_pack("{ss ss sI}", "name", r.name, "kind", inv_kind_code(r.kind), "expected",
	                   (json_int_t)n);
	if (!e)
		e = api_audit(c, "inventory.open", "inventory", r.id, AUDIT_SUCCESS, detail);
	else
		json_decref(detail);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!api_tx_commit(c))
		return;
	o = inv_json(c, &r);
	json_object_set_new(o, "expected", json_integer(n));
	api_reply(c, 201, o);
}

/* One result line as the reader may see it. */
static json_t *line_json(struct api_ctx *c, const struct carrier_viewer *v, int64_t inv_id,
                         int64_t carrier_id, const char *number, enum inv_status st,
                         const char *location, const char *place, int nscans)
{
	struct carrier_rec cr;
	struct carrier_access a;
	bool seen = false, have = false;
	int64_t incident = 0;
	json_t *o;

	if (carrier_id && carrier_get(c->db, carrier_id, &cr) == STORE_OK) {
		have = true;
		carrier_access_of(&cr, &a);
		seen = carrier_may_see(&a, v);
		if (!number || !number[0])
			number = cr.number;
		if (!location)
			location = cr.location;
	}
	if (carrier_id && st == INV_MISSING)
		inv_incident_get(c->db, inv_id, carrier_id, &incident);
	o = json_pack("{ss ss ss si ss ss sb}", "number", number ? number : "", "status",
	              inv_status_code(st), "status_zh", inv_status_zh(st), "scans", nscans,
	              "location", seen && location ? location : "", "place", place ? place : "",
	              "difference", inv_status_is_difference(st));
	json_object_set_new(o, "carrier_id", seen ? json_integer(carrier_id) : json_null());
	json_object_set_new(o, "title", seen ? json_string(cr.title) : json_null());
	json_object_set_new(o, "level", seen ? json_string(level_code(cr.level)) : json_null());
	json_object_set_new(o, "type_zh",
	                    seen ? json_string(carrier_type_zh(cr.type)) : json_null());
	json_object_set_new(o, "state_zh",
	                    seen && have ? json_string(carrier_state_zh(cr.state)) : json_null());
	json_object_set_new(o, "incident_id", incident ? json_integer(incident) : json_null());
	return o;
}

static json_t *tally_json(const struct inv_tally *t)
{
	json_t *o = json_pack("{sI sI}", "expected", (json_int_t)t->expected, "scans",
	                      (json_int_t)t->scans);

	for (int s = 0; s < INV_STATUS_COUNT; s++)
		json_object_set_new(o, inv_status_code((enum inv_status)s), json_integer(t->n[s]));
	return o;
}

/*
 * The campaign's lines and tally: live from the scans while it is open, the
 * frozen result once closed.
 */
static enum store_err lines_of(struct api_ctx *c, const struct inv_rec *r, json_t **lines,
                               struct inv_tally *t)
{
	struct carrier_viewer v;
	enum store_err e;

	api_carrier_viewer(c, &v);
	*lines = json_array();
	memset(t, 0, sizeof(*t));
	if (r->closed) {
		json_t *rows, *x;
		size_t i;

		e = inv_results(c->db, r->id, &rows);
		json_array_foreach(rows, i, x)
		{
			enum inv_status st =
			    (enum inv_status)json_integer_value(json_object_get(x, "status"));

			if ((unsigned)st >= INV_STATUS_COUNT)
				continue;
			t->n[st]++;
			if (st != INV_ELSEWHERE && st != INV_DISPOSED && st != INV_UNKNOWN)
				t->expected++;
			t->scans += json_integer_value(json_object_get(x, "scans"));
			json_array_append_new(
			    *lines,
			    line_json(c, &v, r->id,
			              json_integer_value(json_object_get(x, "carrier_id")),
			              json_str(x, "number"), st, json_str(x, "location"),
			              json_str(x, "place"),
			              (int)json_integer_value(json_object_get(x, "scans"))));
		}
		json_decref(rows);
		return e;
	}
	{
		struct inv_facts f;
		struct inv_line *out = NULL;
		size_t n = 0;

		e = inv_facts_load(c->db, r, &f);
		if (!e) {
			out = malloc((f.ne + f.ns + 1) * sizeof(*out));
			n = out ? inv_reconcile(f.expected, f.ne, f.scans, f.ns, out, t)
			        : (size_t)-1;
			if (n == (size_t)-1)
				e = STORE_IO;
		}
		for (size_t i = 0; !e && i < n; i++) {
			const struct inv_line *l = &out[i];

			json_array_append_new(
			    *lines, line_json(c, &v, r->id, l->carrier_id, l->number, l->status,
			                      i < f.ne ? f.expected[i].location : NULL,
			                      l->scan != SIZE_MAX ? f.scans[l->scan].where : "",
			                      l->nscans));
		}
		free(out);
		inv_facts_release(&f);
	}
	return e;
}

void api_inventories_get(struct api_ctx *c)
{
	struct inv_rec r;
	struct inv_tally t;
	json_t *o, *lines, *pack = NULL;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || !load(c, &r))
		return;
	e = lines_of(c, &r, &lines, &t);
	if (!e && r.kind == INV_EMERGENCY)
		e = inv_pack_list(c->db, r.id, &pack);
	if (e) {
		json_decref(lines);
		json_decref(pack);
		api_store_error(c, e, NULL);
		return;
	}
	o = inv_json(c, &r);
	json_object_set_new(o, "tally", tally_json(&t));
	json_object_set_new(o, "lines", lines);
	json_object_set_new(o, "packing", pack ? pack : json_array());
	api_reply(c, 200, o);
}

void api_inventories_scan(struct api_ctx *c)
{
	static const char *const allowed[] = {"code", "place", NULL};
	struct inv_rec r;
	struct carrier_viewer v;
	struct carrier_rec cr;
	struct carrier_access a;
	char place[129] = "", number[INV_NUMBER_MAX + 1];
	json_t *raw = json_object_get(c->body, "code");
	enum inv_scan_err pe;
	int64_t cid = 0, sid = 0;
	bool expected = false, seen = false;
	struct inv_carrier ex;
	struct inv_scan sc;
	struct inv_line line[2];
	struct inv_tally t;
	enum store_err e;
	json_t *o;

	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed))
		return;
	/* what the scanner typed, control characters and all: the parser reads it */
	if (!raw || !json_is_string(raw)) {
		api_error(c, 400, "invalid_field", "必填，应为扫描或输入的载体编号",
		          "required: the scanned or typed carrier number", "code");
		return;
	}
	if (api_field_str(c, "place", place, sizeof(place), false))
		return;
	pe = inv_scan_parse(json_string_value(raw), json_string_length(raw), number);
	if (pe) {
		api_error(c, 400, "invalid_field", inv_scan_err_zh(pe), inv_scan_err_en(pe),
		          "code");
		return;
	}
	if (!api_tx_begin(c))
		return;
	e = inv_get(c->db, c->id, &r);
	if (e == STORE_NOTFOUND) {
		api_error(c, 404, "not_found", "清查盘点不存在", "no such inventory", NULL);
		return;
	}
	if (!e && r.closed) {
		api_error(c, 409, "inventory_closed", "清查盘点已结束，不能再登记",
		          "the inventory is closed", NULL);
		return;
	}
	if (!e)
		e = inv_carrier_by_number(c->db, number, &cid);
	if (!e && cid)
		e = carrier_get(c->db, cid, &cr);
	if (!e && cid) {
		/* the carrier's own number, as the ledger writes it */
		snprintf(number, sizeof(number), "%s", cr.number);
		e = inv_is_expected(c->db, r.id, cid, &expected);
	}
	if (!e)
		e = inv_scan_insert(c->db, r.id, number, cid, place, c->actor.account_id,
		                    bjtime_now_ms(), &sid);
	if (!e)
		e = api_audit(c, "inventory.scan", "inventory", r.id, AUDIT_SUCCESS,
		              json_pack("{ss ss}", "number", number, "place", place));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!api_tx_commit(c))
		return;
	/* this scan alone, judged as the reconciliation will */
	if (cid) {
		ex = (struct inv_carrier){cid, cr.location, cr.state};
		api_carrier_viewer(c, &v);
		carrier_access_of(&cr, &a);
		seen = carrier_may_see(&a, &v);
	}
	sc =
	    (struct inv_scan){number, cid, expected,
	                      cid && cr.state != CS_IN_CUSTODY && !inv_away_state(cr.state), place};
	if (inv_reconcile(&ex, expected ? 1 : 0, &sc, 1, line, &t) == (size_t)-1) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	o = json_pack("{ss ss ss}", "number", number, "status", inv_status_code(line[0].status),
	              "status_zh", inv_status_zh(line[0].status));
	json_object_set_new(o, "title", seen ? json_string(cr.title) : json_null());
	json_object_set_new(o, "level", seen ? json_string(level_code(cr.level)) : json_null());
	json_object_set_new(o, "location", seen ? json_string(cr.location) : json_null());
	api_reply(c, 201, o);
}

void api_inventories_close(struct api_ctx *c)
{
	static const char *const allowed[] = {NULL};
	struct inv_rec r;
	struct inv_facts f;
	struct inv_line *out = NULL;
	struct inv_tally t;
	size_t n = 0;
	enum store_err e;
	json_t *o;

	memset(&f, 0, sizeof(f));
	if (!officer(c) || api_only_fields(c, allowed) || !api_tx_begin(c))
		return;
	e = inv_get(c->db, c->id, &r);
	if (e == STORE_NOTFOUND) {
		api_error(c, 404, "not_found", "清查盘点不存在", "no such inventory", NULL);
		return;
	}
	if (!e && r.closed) {
		api_error(c, 409, "inventory_closed", "清查盘点已由他人结束", "already closed",
		          NULL);
		return;
	}
	if (!e)
		e = inv_facts_load(c->db, &r, &f);
	if (!e) {
		out = malloc((f.ne + f.ns + 1) * sizeof(*out));
		n = out ? inv_reconcile(f.expected, f.ne, f.scans, f.ns, out, &t) : (size_t)-1;
		if (n == (size_t)-1)
			e = STORE_IO;
	}
	if (!e)
		e = inv_close(c->db, r.id, c->actor.account_id, bjtime_now_ms(), &f, out, n);
	if (!e)
		e = api_audit(
		    c, "inventory.close", "inventory", r.id, AUDIT_SUCCESS,
		    json_pack(
		        "{sI sI sI sI sI}", "expected", (json_int_t)t.expected, "found",
		        (json_int_t)t.n[INV_FOUND], "missing", (json_int_t)t.n[INV_MISSING],
		        "wrong_place", (json_int_t)t.n[INV_WRONG_PLACE], "unexpected",
		        (json_int_t)(t.n[INV_ELSEWHERE] + t.n[INV_DISPOSED] + t.n[INV_UNKNOWN])));
	free(out);
	inv_facts_release(&f);
	if (e == STORE_CONFLICT) {
		api_error(c, 409, "inventory_closed", "清查盘点已由他人结束", "already closed",
		          NULL);
		return;
	}
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!api_tx_commit(c) || inv_get(c->db, r.id, &r)) {
		if (!c->resp->status)
			api_store_error(c, STORE_IO, NULL);
		return;
	}
	o = inv_json(c, &r);
	json_object_set_new(o, "tally", tally_json(&t));
	api_reply(c, 200, o);
}

/* ---- the closing report ---- */

/* A copy of a string kept in arr (freed with it); "" when out of memory. */
static const char *keep(json_t *arr, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	json_t *s;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	s = json_string(tmp);
	if (!s || json_array_append_new(arr, s))
		return "";
	return json_string_value(s);
}

void api_inventories_report(struct api_ctx *c)
{
	static const char *const headers[] = {"序号", "载体编号", "名称",     "密级",
	                                      "结果", "登记位置", "发现位置", "扫描次数"};
	static const double widths[] = {0.6, 2.8, 2.4, 0.8, 1.4, 1.2, 1.2, 0.8};
	struct inv_rec r;
	struct inv_tally t;
	json_t *lines = NULL, *hold = json_array(), *x;
	const char **cells = NULL;
	struct doc_table tab;
	struct doc_block blocks[6];
	struct doc d;
	char fmt[8] = "pdf", disp[96], stamp[BJTIME_CN_LEN];
	const char *q;
	size_t i, nrows = 0;
	bool pdf;
	enum store_err e;
	enum doc_err de;

	if (!api_require(c, PERM_BUSINESS) || !load(c, &r))
		goto out;
	q = http_query(c->req, "format");
	if (q)
		snprintf(fmt, sizeof(fmt), "%s", q);
	if (strcmp(fmt, "pdf") != 0 && strcmp(fmt, "xlsx") != 0) {
		api_error(c, 400, "invalid_field", "应为 pdf 或 xlsx", "must be pdf or xlsx",
		          "format");
		goto out;
	}
	pdf = fmt[0] == 'p';
	e = lines_of(c, &r, &lines, &t);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	cells = calloc(8 * (json_array_size(lines) + 1), sizeof(*cells));
	if (!cells) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	json_array_foreach(lines, i, x)
	{
		const char **row;
		const char *lv = json_str(x, "level");
		enum level l;

		if (!json_is_true(json_object_get(x, "difference")))
			continue;
		row = cells + 8 * nrows++;
		row[0] = keep(hold, "%zu", nrows);
		row[1] = json_str(x, "number");
		row[2] = json_is_string(json_object_get(x, "title")) ? json_str(x, "title")
		                                                     : "（不在知悉范围内）";
		row[3] = lv[0] && !level_parse(lv, &l) ? level_zh(l) : "";
		row[4] = json_str(x, "status_zh");
		row[5] = json_str(x, "location");
		row[6] = json_str(x, "place");
		row[7] =
		    keep(hold, "%lld", (long long)json_integer_value(json_object_get(x, "scans")));
	}
	tab = (struct doc_table){headers, 8, widths, cells, nrows};
	blocks[0] = (struct doc_block){DOC_HEADING, "一、清点概况", NULL};
	blocks[1] = (struct doc_block){
	    DOC_PARAGRAPH,
	    keep(hold,
	         "应清点载体 %lld 件：已清点 %lld 件，位置不符 %lld 件，缺失 %lld "
	         "件，在外（有登记）%lld "
	         "件。范围外或台账外发现 %lld 件（登记在范围外 %lld，已注销仍在 %lld，台账无此载体 "
	         "%lld）。共扫描 %lld 次。",
	         (long long)t.expected, (long long)t.n[INV_FOUND], (long long)t.n[INV_WRONG_PLACE],
	         (long long)t.n[INV_MISSING], (long long)t.n[INV_AWAY],
	         (long long)(t.n[INV_ELSEWHERE] + t.n[INV_DISPOSED] + t.n[INV_UNKNOWN]),
	         (long long)t.n[INV_ELSEWHERE], (long long)t.n[INV_DISPOSED],
	         (long long)t.n[INV_UNKNOWN], (long long)t.scans),
	    NULL};
	blocks[2] = (struct doc_block){DOC_HEADING, "二、差异清单", NULL};
	blocks[3] = (struct doc_block){DOC_TABLE, NULL, &tab};
	bjtime_format_cn(bjtime_now_ms(), stamp);
	memset(&d, 0, sizeof(d));
	d.title = keep(hold, "%s 清查盘点报告", r.name);
	d.subtitle = keep(hold, "%s%s%s%s", inv_kind_zh(r.kind),
	                  r.closed ? "（已结束）" : "（进行中，结果为当前情况）",
	                  r.location[0] ? "  范围位置：" : "", r.location);
	d.blocks = blocks;
	d.nblocks = 4;
	d.footer = keep(hold, "baomi 生成  %s", stamp);
	if (audit_append_tx(c->db, &c->actor, "inventory.report", "inventory",
	                    keep(hold, "%lld", (long long)r.id), AUDIT_SUCCESS,
	                    pdf ? "{\"format\":\"pdf\"}" : "{\"format\":\"xlsx\"}")) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	buf_reset(&c->resp->body);
	de = pdf ? doc_pdf(&d, &c->resp->body) : doc_xlsx(&d, &c->resp->body);
	if (de) {
		buf_reset(&c->resp->body);
		api_error(c, de == DOC_TOO_BIG ? 413 : 500, "report_failed", "报告生成失败",
		          doc_err_en(de), NULL);
		goto out;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"inventory-%lld.%s\"", (long long)r.id,
	         fmt);
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type =
	    pdf ? "application/pdf"
	        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	c->resp->status = 200;
out:
	free(cells);
	json_decref(lines);
	json_decref(hold);
}

/* ---- a missing carrier's leak incident ---- */

struct inv_link {
	int64_t inventory_id, carrier_id;
	const char *number;
};

/*
 * Inside the new incident's transaction: the link on the campaign, unless
 * another request linked one first (409, and that incident is not made).
 */
static int inv_link_hook(struct api_ctx *c, int64_t incident_id, void *arg)
{
	const struct inv_link *l = arg;
	int64_t other = 0;
	enum store_err e = inv_incident_get(c->db, l->inventory_id, l->carrier_id, &other);

	if (!e && other) {
		api_error(c, 409, "incident_exists", "已为该载体立案", "an incident already exists",
		          "carrier_id");
		return -1;
	}
	if (!e)
		e = inv_incident_link(c->db, l->inventory_id, l->carrier_id, incident_id);
	if (!e)
		e = api_audit(c, "inventory.incident", "inventory", l->inventory_id, AUDIT_SUCCESS,
		              json_pack("{ss sI}", "number", l->number, "incident_id",
		                        (json_int_t)incident_id));
	if (e) {
		api_store_error(c, e, NULL);
		return -1;
	}
	return 0;
}

/*
 * Opens a leak incident (失泄密) for a carrier the campaign found missing,
 * prefilled from the inventory and linked to the carrier, through the
 * incident API itself; the link on the campaign is written in the same
 * transaction, so there is never an incident without it nor two for one line.
 */
void api_inventories_incident(struct api_ctx *c)
{
	static const char *const allowed[] = {"carrier_id", NULL};
	struct inv_rec r;
	struct inv_tally t;
	struct carrier_rec cr;
	struct inv_link link;
	int64_t cid = 0, inc = 0;
	json_t *lines = NULL, *x, *body, *saved, *ans;
	char when[BJTIME_ISO_LEN], title[320], desc[600];
	bool missing = false;
	size_t i;
	enum store_err e;

	if (!officer(c) || api_only_fields(c, allowed) ||
	    api_field_id(c, "carrier_id", &cid, true) || !load(c, &r))
		return;
	e = lines_of(c, &r, &lines, &t);
	json_array_foreach(lines, i, x)
	{
		if (json_integer_value(json_object_get(x, "carrier_id")) == cid &&
		    strcmp(json_str(x, "status"), "missing") == 0) {
			missing = true;
			if (json_is_integer(json_object_get(x, "incident_id")))
				inc = json_integer_value(json_object_get(x, "incident_id"));
		}
	}
	json_decref(lines);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!missing || carrier_get(c->db, cid, &cr)) {
		api_error(c, 400, "invalid_field", "该载体不是本次清查的缺失载体",
		          "not a missing carrier of this inventory", "carrier_id");
		return;
	}
	if (inc) {
		api_error(c, 409, "incident_exists", "已为该载体立案", "an incident already exists",
		          "carrier_id");
		return;
	}
	bjtime_format_iso(r.closed ? r.closed_at : bjtime_now_ms(), when);
	snprintf(title, sizeof(title), "清查发现载体缺失：%s", cr.number);
	snprintf(desc, sizeof(desc), "%s（%s）中未清点到载体 %s，登记位置：%s。", r.name,
	         inv_kind_zh(r.kind), cr.number, cr.location[0] ? cr.location : "未登记");
	body = json_pack("{ss ss ss ss s[I] s{ss}}", "kind", "leak", "title", title,
	                 "discovered_at", when, "info_level", level_code(cr.level), "carriers",
	                 (json_int_t)cid, "report", "description", desc);
	if (!level_is_classified(cr.level))
		json_object_del(body, "info_level");
	link = (struct inv_link){r.id, cid, cr.number};
	saved = c->body;
	c->body = body;
	api_incidents_create_with(c, inv_link_hook, &link);
	c->body = saved;
	json_decref(body);
	if (c->resp->status != 201)
		return; /* the incident API answered */
	ans = json_loadb(c->resp->body.ptr, c->resp->body.len, 0, NULL);
	inc = json_integer_value(json_object_get(ans, "id"));
	json_decref(ans);
	api_reply(
	    c, 201,
	    json_pack("{sI sI}", "incident_id", (json_int_t)inc, "carrier_id", (json_int_t)cid));
}

/* ---- emergency packing ---- */

static int person_field(struct api_ctx *c, const char *field, int64_t *id)
{
	struct person p;

	if (api_field_id_or_null(c, field, id))
		return -1;
	if (*id && person_get(c->db, *id, &p)) {
		api_error(c, 400, "invalid_field", "人员不存在", "no such person", field);
		return -1;
	}
	return 0;
}

void api_inventories_pack(struct api_ctx *c)
{
	static const char *const allowed[] = {"carrier_id", "packed_by", "box", "taken_by", NULL};
	struct inv_rec r;
	struct inv_pack p;
	bool in = false;
	enum store_err e;
	json_t *items;

	memset(&p, 0, sizeof(p));
	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!(c->actor.roles & (ROLE_OFFICER | ROLE_COMMAND))) {
		api_deny(c, "inventory packing: officer or command");
		return;
	}
	if (api_only_fields(c, allowed) || api_field_id(c, "carrier_id", &p.carrier_id, true) ||
	    person_field(c, "packed_by", &p.packed_by) ||
	    api_field_str(c, "box", p.box, sizeof(p.box), false) ||
	    person_field(c, "taken_by", &p.taken_by) || !api_tx_begin(c))
		return;
	e = inv_get(c->db, c->id, &r);
	if (e == STORE_NOTFOUND) {
		api_error(c, 404, "not_found", "清查盘点不存在", "no such inventory", NULL);
		return;
	}
	if (!e && (r.kind != INV_EMERGENCY || r.closed)) {
		api_error(c, 409, "not_emergency", "只有进行中的应急清点可登记装箱转移",
		          "only an open emergency count keeps a packing list", NULL);
		return;
	}
	if (!e)
		e = inv_is_expected(c->db, r.id, p.carrier_id, &in);
	if (!e) {
		if (!in) {
			api_error(c, 400, "invalid_field", "载体不在本次清点范围内",
			          "not a carrier of this count", "carrier_id");
			return;
		}
	}
	if (!e)
		e = inv_pack_put(c->db, r.id, &p, c->actor.account_id, bjtime_now_ms());
	if (!e)
		e = api_audit(c, "inventory.pack", "inventory", r.id, AUDIT_SUCCESS,
		              json_pack("{sI ss sI sI}", "carrier_id", (json_int_t)p.carrier_id,
		                        "box", p.box, "packed_by", (json_int_t)p.packed_by,
		                        "taken_by", (json_int_t)p.taken_by));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!api_tx_commit(c))
		return;
	e = inv_pack_list(c->db, r.id, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

/* ---- labels ---- */

void api_label_layouts(struct api_ctx *c)
{
	size_t n;
	const struct labels_layout *l = labels_layouts(&n);
	json_t *items = json_array();

	if (!api_require(c, PERM_BUSINESS)) {
		json_decref(items);
		return;
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{ss ss si}", "code", l[i].code, "name",
		                                       l[i].zh, "per_page", l[i].cols * l[i].rows));
	api_reply_list(c, items, (int64_t)n);
}

/* The label's mark: 密级★保密期限, or the level's name when unclassified. */
static const char *label_mark(json_t *hold, const struct carrier_rec *r)
{
	char mark[LEVEL_MARK_LEN], period[16] = "";

	if (r->period_years > 0)
		snprintf(period, sizeof(period), "%d", r->period_years);
	level_mark(r->level, period[0] ? period : NULL, mark);
	return keep(hold, "%s", mark[0] ? mark : level_zh(r->level));
}

void api_labels_print(struct api_ctx *c)
{
	static const char *const allowed[] = {"carriers", "layout", NULL};
	char layout[16] = "a4-3x8";
	const struct labels_layout *lay;
	json_t *ids = json_object_get(c->body, "carriers"), *v, *hold = json_array(), *numbers;
	struct labels_item *items = NULL;
	struct carrier_viewer cv;
	int64_t reprints = 0;
	size_t i, n;
	enum store_err e = STORE_OK;
	enum labels_err le;
	int64_t now = bjtime_now_ms();

	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, allowed) ||
	    api_field_str(c, "layout", layout, sizeof(layout), false))
		goto out;
	lay = labels_layout_find(layout);
	if (!lay) {
		api_error(c, 400, "invalid_field", "不支持的标签规格", "unknown label layout",
		          "layout");
		goto out;
	}
	n = json_array_size(ids);
	if (!json_is_array(ids) || n == 0 || n > LABELS_MAX) {
		api_error(c, 400, "invalid_field", "应为 1 至 2000 个载体",
		          "must list 1 to 2000 carriers", "carriers");
		goto out;
	}
	items = calloc(n, sizeof(*items));
	numbers = json_array();
	json_array_append_new(hold, numbers);
	if (!items || !api_tx_begin(c)) {
		if (!items)
			api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	api_carrier_viewer(c, &cv);
	json_array_foreach(ids, i, v)
	{
		struct carrier_rec cr;
		struct carrier_access a;
		int64_t before = 0;

		if (!json_is_integer(v) || carrier_get(c->db, json_integer_value(v), &cr)) {
			api_error(c, 400, "invalid_field", "载体不存在", "no such carrier",
			          "carriers");
			goto out;
		}
		carrier_access_of(&cr, &a);
		if (!carrier_may_see(&a, &cv)) {
			api_error(c, 400, "invalid_field", "载体不存在", "no such carrier",
			          "carriers");
			goto out;
		}
		items[i].number = keep(hold, "%s", cr.number);
		items[i].mark = label_mark(hold, &cr);
		json_array_append_new(numbers, json_string(cr.number));
		/* a re-print: a label of this carrier was printed before this sheet */
		e = label_print_count(c->db, cr.id, &before);
		if (e)
			break;
		if (before)
			reprints++;
	}
	json_array_foreach(ids, i, v)
	{
		if (!e)
			e = label_print_insert(c->db, json_integer_value(v), lay->code,
			                       c->actor.account_id, now);
	}
	if (!e)
		e = api_audit(c, "carrier.label_print", "carrier", 0, AUDIT_SUCCESS,
		              json_pack("{sO ss sI sI}", "numbers", numbers, "layout", lay->code,
		                        "labels", (json_int_t)n, "reprints", (json_int_t)reprints));
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	buf_reset(&c->resp->body);
	le = labels_pdf(lay, items, n, &c->resp->body);
	if (le) {
		buf_reset(&c->resp->body);
		api_error(c, le == LABELS_TOO_BIG ? 413 : 500, "labels_failed", "标签生成失败",
		          labels_err_en(le), NULL);
		goto out;
	}
	/* the print is recorded only with the sheet made (a failed commit answers in its place) */
	if (!api_tx_commit(c))
		goto out;
	http_response_header(c->resp, "Content-Disposition",
	                     "attachment; filename=\"carrier-labels.pdf\"");
	c->resp->content_type = "application/pdf";
	c->resp->status = 200;
out:
	free(items);
	json_decref(hold);
}
