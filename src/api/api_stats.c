/*
 * api_stats.c — the year's statistics (年度统计): the figures of a unit's
 * Beijing year, the records behind each figure, the report as PDF and XLSX,
 * and the roll-up of the figures subordinate units sent as signed packages.
 *
 * Who reads them: the 保密员 (officer) and the 分管领导 (leader), the two who
 * answer for the unit's figures: the training, drills, key places and
 * inventories of the whole unit are theirs to see.  Each figure counts only the records its
 * reader may open (store_stats.h), so the drill-down list of a figure is
 * exactly as long as the figure, and no count betrays a record outside the
 * reader's need-to-know.  The package sent upward is made by the officer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/sm3.h"
#include "../export/doc.h"
#include "../store/store_stats.h"
#include "../util/bjtime.h"
#include "api_incident.h"

#define STATS_FORMAT "baomi-stats/1"
#define STATS_LIMIT_MAX 1000
#define STATS_SUBS_MAX 200 /* subordinate packages rolled up in one report */

static bool may_read(struct api_ctx *c)
{
	if (!api_require(c, PERM_BUSINESS))
		return false;
	if (c->actor.roles & (ROLE_OFFICER | ROLE_LEADER))
		return true;
	api_deny(c, "only the officer and the leader read the year's statistics");
	return false;
}

static void viewer_of(struct api_ctx *c, struct stats_viewer *v)
{
	api_carrier_viewer(c, &v->carrier);
	api_inc_viewer(c, &v->inc);
	v->pub.account_id = c->actor.account_id;
	v->pub.roles = c->actor.admin == ADMIN_NONE ? c->actor.roles : 0;
	v->pub.department_id = c->actor.department_id;
}

/* ?year= (the current Beijing year by default) and ?unit= (the home unit by default). */
static bool year_unit(struct api_ctx *c, struct stats_year *y, struct unit *u)
{
	int64_t year = stats_year_of_ms(bjtime_now_ms()), unit = 0;

	if (api_query_int(c, "year", &year, STATS_YEAR_MIN, STATS_YEAR_MAX) ||
	    api_query_int(c, "unit", &unit, 1, INT64_MAX))
		return false;
	stats_year_bounds((int)year, y);
	if (!unit)
		unit = unit_home(c->db);
	if (unit_get(c->db, unit, u)) {
		api_error(c, 404, "not_found", "单位不存在", "no such unit", "unit");
		return false;
	}
	return true;
}

/*
 * The unit's figures for the year; for the home unit also the newest
 * package of each subordinate unit and the totals (own + subordinates).
 */
static json_t *stats_build(struct api_ctx *c, const struct stats_year *y, const struct unit *u)
{
	struct stats_viewer v;
	json_t *figs = NULL, *subs = NULL, *totals, *o;
	char from[BJTIME_ISO_LEN], to[BJTIME_ISO_LEN];
	size_t i, j;
	json_t *f, *s;
	enum store_err e;

	viewer_of(c, &v);
	e = stats_figures(c->db, &v, u->id, y, bjtime_now_ms(), &figs);
	if (!e && u->id == unit_home(c->db))
		e = stats_recv_latest(c->db, y->year, &subs);
	if (e) {
		json_decref(figs);
		json_decref(subs);
		api_store_error(c, e, NULL);
		return NULL;
	}
	if (!subs)
		subs = json_array();
	totals = json_object();
	json_array_foreach(figs, i, f)
	{
		json_int_t n = json_integer_value(json_object_get(f, "total"));
		const char *key = json_str(f, "key");

		json_array_foreach(subs, j, s)
		{
			json_t *sf = json_object_get(json_object_get(s, "figures"), key);

			n += json_integer_value(json_object_get(sf, "total"));
		}
		json_object_set_new(totals, key, json_integer(n));
	}
	bjtime_format_iso(y->from_ms, from);
	bjtime_format_iso(y->to_ms, to);
	o = json_pack("{si s{sI ss ss} ss ss so so so}", "year", y->year, "unit", "id",
	              (json_int_t)u->id, "name", u->name, "code", u->code, "from", from, "to", to,
	              "figures", figs, "subordinates", subs, "totals", totals);
	return o;
}

void api_stats_get(struct api_ctx *c)
{
	struct stats_year y;
	struct unit u;
	json_t *o;

	if (!may_read(c) || !year_unit(c, &y, &u))
		return;
	o = stats_build(c, &y, &u);
	if (o)
		api_reply(c, 200, o);
}

void api_stats_records(struct api_ctx *c)
{
	const char *key = http_query(c->req, "figure"), *part = http_query(c->req, "part");
	struct stats_viewer v;
	struct stats_year y;
	struct unit u;
	int64_t limit = 200, total;
	json_t *items;
	enum store_err e;

	if (!may_read(c) || !year_unit(c, &y, &u) ||
	    api_query_int(c, "limit", &limit, 1, STATS_LIMIT_MAX))
		return;
	if (!key || !stats_figure_known(key)) {
		api_error(c, 400, "invalid_query", "未知的统计项", "unknown figure", "figure");
		return;
	}
	viewer_of(c, &v);
	e = stats_records(c->db, &v, u.id, &y, bjtime_now_ms(), key, part, (int)limit, &items,
	                  &total);
	if (e == STORE_NOTFOUND) {
		json_decref(items);
		api_error(c, 400, "invalid_query", "该统计项没有这一分项",
		          "no such part of the figure", "part");
		return;
	}
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

/* ---- the report (PDF, XLSX) ---- */

/* Strings the report keeps until it is rendered. */
struct strs {
	json_t *own;
};

static const char *keep(struct strs *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static const char *keep(struct strs *s, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	json_t *v;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	v = json_string(buf);
	if (!v)
		return "";
	json_array_append_new(s->own, v);
	return json_string_value(v);
}

/* "机密 3、秘密 2" of the parts that are not zero; "" when all are. */
static const char *parts_text(struct strs *s, json_t *parts)
{
	char line[1024] = "";
	size_t i, n = 0;
	json_t *p;

	json_array_foreach(parts, i, p)
	{
		json_int_t k = json_integer_value(json_object_get(p, "n"));

		if (k && n < sizeof(line))
			n += (size_t)snprintf(line + n, sizeof(line) - n, "%s%s %lld",
			                      n ? "、" : "", json_str(p, "zh"), (long long)k);
	}
	return keep(s, "%s", line);
}

#define SECTIONS_MAX 16
#define REPORT_COLS 3
#define ROLLUP_COLS 3

void api_stats_export(struct api_ctx *c)
{
	static const char *const headers[REPORT_COLS] = {"项目", "合计", "分项"};
	static const double widths[REPORT_COLS] = {3, 1, 5};
	static const char *const roll_headers[ROLLUP_COLS] = {"项目", "单位", "数量"};
	static const double roll_widths[ROLLUP_COLS] = {3, 3, 1};
	const char *fmt = http_query(c->req, "format");
	struct doc_table tables[SECTIONS_MAX + 1];
	struct doc_block blocks[2 * SECTIONS_MAX + 4];
	const char **cells = NULL, **roll = NULL;
	struct strs s = {json_array()};
	struct stats_year y;
	struct unit u;
	struct doc d;
	json_t *o = NULL, *figs, *subs, *f, *sub;
	size_t nb = 0, nt = 0, i, j, row = 0, nroll = 0, first = 0;
	char stamp[BJTIME_CN_LEN], disp[128];
	bool pdf;
	enum doc_err de;

	if (!may_read(c) || !year_unit(c, &y, &u))
		goto out;
	if (!fmt || (strcmp(fmt, "pdf") && strcmp(fmt, "xlsx"))) {
		api_error(c, 400, "invalid_query", "format 应为 pdf 或 xlsx",
		          "format must be pdf or xlsx", "format");
		goto out;
	}
	pdf = !strcmp(fmt, "pdf");
	o = stats_build(c, &y, &u);
	if (!o)
		goto out;
	figs = json_object_get(o, "figures");
	subs = json_object_get(o, "subordinates");
	cells = calloc(REPORT_COLS * json_array_size(figs) + 1, sizeof(*cells));
	roll = calloc(ROLLUP_COLS * json_array_size(figs) * (json_array_size(subs) + 2) + 1,
	              sizeof(*roll));
	if (!cells || !roll || json_array_size(subs) > STATS_SUBS_MAX) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	/* one table per section, in the figures' order */
	json_array_foreach(figs, i, f)
	{
		const char **r = cells + REPORT_COLS * i;
		json_t *next = json_array_get(figs, i + 1);
		json_t *rate = json_object_get(f, "on_time_permille");
		json_t *hours = json_object_get(f, "hours");

		r[0] = keep(&s, "%s", json_str(f, "zh"));
		r[1] = keep(&s, "%lld", (long long)json_integer_value(json_object_get(f, "total")));
		r[2] = parts_text(&s, json_object_get(f, "parts"));
		if (json_is_integer(rate))
			r[2] = keep(&s, "%s%s按时率 %lld.%lld%%", r[2], *r[2] ? "；" : "",
			            (long long)json_integer_value(rate) / 10,
			            (long long)json_integer_value(rate) % 10);
		if (json_is_number(hours))
			r[2] = keep(&s, "%s%s学时 %.1f", r[2], *r[2] ? "；" : "",
			            json_number_value(hours));
		row++;
		if (next && !strcmp(json_str(next, "section"), json_str(f, "section")))
			continue;
		if (nt >= SECTIONS_MAX)
			break;
		blocks[nb++] = (struct doc_block){
		    DOC_HEADING, keep(&s, "%zu、%s", nt + 1, json_str(f, "section_zh")), NULL};
		tables[nt] = (struct doc_table){headers, REPORT_COLS, widths,
		                                cells + REPORT_COLS * first, row - first};
		blocks[nb++] = (struct doc_block){DOC_TABLE, NULL, &tables[nt++]};
		first = row;
	}
	if (json_array_size(subs)) {
		json_array_foreach(figs, i, f)
		{
			const char *key = json_str(f, "key");
			const char **r = roll + ROLLUP_COLS * nroll;

			r[0] = keep(&s, "%s", json_str(f, "zh"));
			r[1] = keep(&s, "%s（本单位）", u.name);
			r[2] = keep(&s, "%lld",
			            (long long)json_integer_value(json_object_get(f, "total")));
			nroll++;
			json_array_foreach(subs, j, sub)
			{
				json_t *sf = json_object_get(json_object_get(sub, "figures"), key);

				r = roll + ROLLUP_COLS * nroll++;
				r[0] = keep(&s, "%s", json_str(f, "zh"));
				r[1] = keep(&s, "%s", json_str(sub, "unit_name"));
				r[2] = sf ? keep(&s, "%lld",
				                 (long long)json_integer_value(
				                     json_object_get(sf, "total")))
				          : "未报";
			}
			r = roll + ROLLUP_COLS * nroll++;
			r[0] = keep(&s, "%s", json_str(f, "zh"));
			r[1] = "合计";
			r[2] = keep(&s, "%lld",
			            (long long)json_integer_value(
			                json_object_get(json_object_get(o, "totals"), key)));
		}
		blocks[nb++] = (struct doc_block){
		    DOC_HEADING, keep(&s, "%zu、汇总（含下级单位上报）", nt + 1), NULL};
		tables[nt] =
		    (struct doc_table){roll_headers, ROLLUP_COLS, roll_widths, roll, nroll};
		blocks[nb++] = (struct doc_block){DOC_TABLE, NULL, &tables[nt++]};
	}
	bjtime_format_cn(bjtime_now_ms(), stamp);
	memset(&d, 0, sizeof(d));
	d.title = keep(&s, "%s %d年度保密工作统计", u.name, y.year);
	d.subtitle =
	    keep(&s,
	         "统计期间：%d年1月1日至%d年12月31日（北京时间）\n"
	         "载体、事件与发布审查只计入制表人知悉范围内的记录；下级单位数据以其签名上报为准",
	         y.year, y.year);
	d.blocks = blocks;
	d.nblocks = nb;
	d.footer = keep(&s, "baomi 生成  %s", stamp);
	if (audit_append_tx(c->db, &c->actor, "stats.export", "stats", "", AUDIT_SUCCESS,
	                    keep(&s, "{\"format\":\"%s\",\"year\":%d,\"unit\":%lld}", fmt, y.year,
	                         (long long)u.id))) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	buf_reset(&c->resp->body);
	de = pdf ? doc_pdf(&d, &c->resp->body) : doc_xlsx(&d, &c->resp->body);
	if (de) {
		buf_reset(&c->resp->body);
		fprintf(stderr, "baomi: statistics report: %s\n", doc_err_en(de));
		api_error(c, de == DOC_TOO_BIG ? 413 : 500, "report_failed", "报告生成失败",
		          doc_err_en(de), NULL);
		goto out;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"stats-%s-%d.%s\"", u.code, y.year,
	         pdf ? "pdf" : "xlsx");
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type =
	    pdf ? "application/pdf"
	        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	c->resp->status = 200;
out:
	free(cells);
	free(roll);
	json_decref(o);
	json_decref(s.own);
}

/* ---- reporting upward ---- */

/* {key: {total, parts: {code: n}}} of the figures, as signed and as received. */
static json_t *figures_payload(json_t *figs)
{
	json_t *out = json_object(), *f, *p;
	size_t i, j;

	json_array_foreach(figs, i, f)
	{
		json_t *parts = json_object();

		json_array_foreach(json_object_get(f, "parts"), j, p)
		    json_object_set(parts, json_str(p, "code"), json_object_get(p, "n"));
		json_object_set_new(
		    out, json_str(f, "key"),
		    json_pack("{sO so}", "total", json_object_get(f, "total"), "parts", parts));
	}
	return out;
}

void api_stats_package(struct api_ctx *c)
{
	struct stats_viewer v;
	struct stats_year y;
	struct unit u;
	json_t *figs = NULL, *payload = NULL;
	char *text = NULL, disp[128], detail[64];
	int64_t year = stats_year_of_ms(bjtime_now_ms());
	enum store_err e;
	enum pkg_err pe;

	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!(c->actor.roles & ROLE_OFFICER)) {
		api_deny(c, "only the officer reports the year's statistics upward");
		return;
	}
	if (api_query_int(c, "year", &year, STATS_YEAR_MIN, STATS_YEAR_MAX))
		return;
	stats_year_bounds((int)year, &y);
	if (unit_get(c->db, unit_home(c->db), &u)) {
		api_store_error(c, STORE_NOTFOUND, NULL);
		return;
	}
	viewer_of(c, &v);
	e = stats_figures(c->db, &v, u.id, &y, bjtime_now_ms(), &figs);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	payload = json_pack("{ss s{ss ss} si so}", "format", STATS_FORMAT, "unit", "code", u.code,
	                    "name", u.name, "year", y.year, "figures", figures_payload(figs));
	text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
	snprintf(detail, sizeof(detail), "{\"year\":%d}", y.year);
	if (!text || audit_append_tx(c->db, &c->actor, "stats.package", "stats", "", AUDIT_SUCCESS,
	                             detail)) {
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
		api_error(c, pe == PKG_TOO_BIG ? 413 : 500, "package_failed", pkg_err_zh(pe),
		          pkg_err_en(pe), NULL);
		goto out;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"stats-%s-%d.baomi.json\"", u.code,
	         y.year);
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type = "application/json";
	c->resp->status = 200;
out:
	free(text);
	json_decref(payload);
	json_decref(figs);
}

/* The figures of a received payload, checked: {key: {total >= 0, parts: {code: n >= 0}}}. */
static bool figures_valid(json_t *figs)
{
	const char *key, *code;
	json_t *f, *n;

	if (!json_is_object(figs) || json_object_size(figs) > 1000)
		return false;
	json_object_foreach(figs, key, f)
	{
		json_t *parts = json_object_get(f, "parts");

		if (!*key || strlen(key) > 64 || !json_is_object(f) ||
		    !json_is_integer(json_object_get(f, "total")) ||
		    json_integer_value(json_object_get(f, "total")) < 0 ||
		    (parts && !json_is_object(parts)))
			return false;
		json_object_foreach(parts, code, n) if (!json_is_integer(n) ||
		                                        json_integer_value(n) < 0) return false;
	}
	return true;
}

void api_stats_received_create(struct api_ctx *c)
{
	struct api_trust_arg t = {c->db, ""};
	struct pkg_info info;
	struct stats_recv r;
	char why[512], *text = NULL, *figs_text = NULL;
	uint8_t dg[SM3_DIGEST_LEN];
	json_t *payload = NULL, *figs, *year;
	enum pkg_err pe;
	enum store_err e;

	memset(&info, 0, sizeof(info));
	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!(c->actor.roles & (ROLE_OFFICER | ROLE_LEADER))) {
		api_deny(c, "only the officer and the leader receive subordinates' statistics");
		return;
	}
	pe = pkg_verify(c->req->body, c->req->body_len, api_trust_lookup, &t, &info, why,
	                sizeof(why));
	if (pe) {
		api_error(c, pe == PKG_UNKNOWN_SIGNER ? 403 : 400, "package_refused", why,
		          pkg_err_en(pe), NULL);
		audit_append_tx(c->db, &c->actor, "stats.receive", "stats", "", AUDIT_FAILED,
		                pe == PKG_UNKNOWN_SIGNER ? "{\"why\":\"unknown signer\"}"
		                                         : "{\"why\":\"bad package\"}");
		goto out;
	}
	payload =
	    json_loadb((const char *)info.payload, info.payload_len, JSON_REJECT_DUPLICATES, NULL);
	figs = json_object_get(payload, "figures");
	year = json_object_get(payload, "year");
	if (!payload || strcmp(json_str(payload, "format"), STATS_FORMAT) ||
	    !json_is_integer(year) || json_integer_value(year) < STATS_YEAR_MIN ||
	    json_integer_value(year) > STATS_YEAR_MAX || !figures_valid(figs)) {
		api_error(c, 400, "package_refused", "签名有效，但内容不是 baomi 年度统计",
		          "signed, but not a baomi year's statistics", NULL);
		goto out;
	}
	memset(&r, 0, sizeof(r));
	snprintf(r.signer, sizeof(r.signer), "%s", info.signer);
	snprintf(r.unit_code, sizeof(r.unit_code), "%s", info.unit_code);
	snprintf(r.unit_name, sizeof(r.unit_name), "%s", t.unit_name);
	snprintf(r.signed_at, sizeof(r.signed_at), "%s", info.created_at);
	r.year = (int)json_integer_value(year);
	r.received_by = c->actor.account_id;
	r.received_at = bjtime_now_ms();
	sm3_digest(c->req->body, c->req->body_len, dg);
	for (int i = 0; i < SM3_DIGEST_LEN; i++)
		snprintf(r.digest + 2 * i, 3, "%02x", dg[i]);
	text = strndup(c->req->body, c->req->body_len);
	figs_text = json_dumps(figs, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text || !figs_text) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	if (!api_tx_begin(c))
		goto out;
	e = stats_recv_insert(c->db, &r, figs_text, text);
	if (e == STORE_CONFLICT) {
		api_error(c, 409, "duplicate", "该统计数据包已接收过",
		          "this statistics package was received before", NULL);
		goto out;
	}
	if (!e)
		e = api_audit(c, "stats.receive", "stats", r.id, AUDIT_SUCCESS,
		              json_pack("{ss si}", "unit_code", r.unit_code, "year", r.year));
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 201,
		          json_pack("{sI ss ss si ss}", "id", (json_int_t)r.id, "unit_code",
		                    r.unit_code, "unit_name", r.unit_name, "year", r.year,
		                    "signed_at", r.signed_at));
out:
	free(text);
	free(figs_text);
	json_decref(payload);
	pkg_info_release(&info);
}
