/*
 * api_audit.c — the auditor's search, export and verification of the log.
 * The auditor's own use of the log is recorded in it too.
 */
#include "api.h"

#include <stdio.h>
#include <string.h>

#include "../util/bjtime.h"
#include "../util/utf8.h"

static bool parse_filter(struct api_ctx *c, struct audit_filter *f)
{
	const char *from = http_query(c->req, "from"), *to = http_query(c->req, "to");
	const char *res = http_query(c->req, "result");
	bool ok;

	memset(f, 0, sizeof(*f));
	f->result = -1;
	if (from && bjtime_parse_iso(from, &f->from_ms)) {
		api_error(c, 400, "invalid_query", "from 应为日期或时间（北京时间）",
		          "from must be a date or time (Beijing time)", "from");
		return false;
	}
	if (to) {
		if (bjtime_parse_iso(to, &f->to_ms)) {
			api_error(c, 400, "invalid_query", "to 应为日期或时间（北京时间）",
			          "to must be a date or time (Beijing time)", "to");
			return false;
		}
		if (strlen(to) == 10)
			f->to_ms += 86400 * 1000; /* a date includes its whole day */
	}
	if (res) {
		enum audit_result r;

		if (audit_result_parse(res, &r)) {
			api_error(c, 400, "invalid_query", "result 应为 success/denied/failed",
			          "result must be success, denied or failed", "result");
			return false;
		}
		f->result = r;
	}
	f->q = http_query(c->req, "q");
	if (f->q && (strlen(f->q) > AUDIT_Q_MAX ||
	             utf8_check((const unsigned char *)f->q, strlen(f->q)) != strlen(f->q))) {
		api_error(c, 400, "invalid_query", "关键词过长或含有无效字符",
		          "q is too long or holds invalid characters", "q");
		return false;
	}
	f->username = http_query(c->req, "username");
	f->event = http_query(c->req, "event");
	f->object_type = http_query(c->req, "object_type");
	f->object_id = http_query(c->req, "object_id");
	api_paging(c, &f->limit, &f->offset, &ok);
	return ok;
}

static bool audit_use(struct api_ctx *c, const char *event, const char *what)
{
	char d[160];
	enum store_err e;

	snprintf(d, sizeof(d), "{\"query\":\"%s\"}", what);
	e = audit_append_tx(c->db, &c->actor, event, "audit", "", AUDIT_SUCCESS, d);
	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	return true;
}

void api_audit_list(struct api_ctx *c)
{
	struct audit_filter f;
	json_t *items;
	int64_t total;
	enum store_err e;

	if (!api_require(c, PERM_AUDIT_READ) || !parse_filter(c, &f))
		return;
	if (!audit_use(c, "audit.search", "list"))
		return;
	e = audit_query(c->db, &f, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

/* CSV field: quoted when needed, and a leading = + - @ neutralised against formula injection. */
static void csv_field(struct buf *b, const char *s, bool last)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL || strchr("=+-@", s[0]) != NULL;

	if (quote)
		buf_puts(b, "\"");
	if (s[0] && strchr("=+-@", s[0]))
		buf_puts(b, "'");
	for (; *s; s++) {
		if (*s == '"')
			buf_puts(b, "\"\"");
		else
			buf_append(b, s, 1);
	}
	if (quote)
		buf_puts(b, "\"");
	buf_puts(b, last ? "\r\n" : ",");
}

struct export_state {
	struct buf *b;
	bool json;
	bool first;
	bool full;
};

static int export_row(const struct audit_rec *r, void *arg)
{
	struct export_state *x = arg;
	char ts[BJTIME_ISO_LEN], id[24], acc[24];

	bjtime_format_iso(r->ts_ms, ts);
	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	snprintf(acc, sizeof(acc), "%lld", (long long)r->account_id);
	if (x->json) {
		json_t *o = audit_rec_json(r);
		char *s = json_dumps(o, JSON_COMPACT);

		json_decref(o);
		if (!s || buf_puts(x->b, x->first ? "\n" : ",\n") || buf_puts(x->b, s)) {
			free(s);
			x->full = true;
			return 1;
		}
		free(s);
	} else {
		const char *f[] = {id,
		                   ts,
		                   acc,
		                   r->username,
		                   r->role,
		                   r->event,
		                   r->object_type,
		                   r->object_id,
		                   audit_result_code(r->result),
		                   r->source,
		                   r->detail};

		for (size_t i = 0; i < 11; i++)
			csv_field(x->b, f[i], i == 10);
		if (x->b->len + 8192 > x->b->max) {
			x->full = true;
			return 1;
		}
	}
	x->first = false;
	return 0;
}

void api_audit_export(struct api_ctx *c)
{
	struct audit_filter f;
	struct export_state x = {.b = &c->resp->body, .first = true};
	const char *fmt = http_query(c->req, "format");
	char disp[96], day[11];
	enum store_err e;

	if (!api_require(c, PERM_AUDIT_READ) || !parse_filter(c, &f))
		return;
	if (fmt && strcmp(fmt, "csv") && strcmp(fmt, "json")) {
		api_error(c, 400, "invalid_query", "format 应为 csv 或 json",
		          "format must be csv or json", "format");
		return;
	}
	x.json = fmt && strcmp(fmt, "json") == 0;
	if (!audit_use(c, "audit.export", x.json ? "json" : "csv"))
		return;
	buf_reset(x.b);
	if (x.json)
		buf_puts(x.b, "[");
	else
		buf_puts(x.b, "\xEF\xBB\xBF"
		              "id,time,account_id,username,role,event,object_type,object_id,"
		              "result,source,detail\r\n");
	e = audit_each(c->db, &f, export_row, &x);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (x.full) {
		api_error(c, 413, "export_too_large", "导出内容过大，请缩小时间范围",
		          "export too large; narrow the time range", "to");
		return;
	}
	if (x.json)
		buf_puts(x.b, "\n]\n");
	bjtime_format_date(bjtime_now_ms(), day);
	snprintf(disp, sizeof(disp), "attachment; filename=\"baomi-audit-%s.%s\"", day,
	         x.json ? "json" : "csv");
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type =
	    x.json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
	c->resp->status = 200;
}

void api_audit_verify(struct api_ctx *c)
{
	struct audit_verify_result r;
	enum store_err e;

	if (!api_require(c, PERM_AUDIT_READ))
		return;
	e = audit_verify(c->app->st, 2, true, &r);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!audit_use(c, "audit.verify", r.ok ? "intact" : "broken"))
		return;
	api_reply(c, 200,
	          json_pack("{sb sI so so}", "ok", r.ok, "records", (json_int_t)r.records,
	                    "first_bad_id", r.ok ? json_null() : json_integer(r.first_bad_id),
	                    "reason", r.ok ? json_null() : json_string(r.reason)));
}
