/*
 * api_carrier_io.c — the ledger as a file: export to XLSX or CSV (only what
 * the caller may see, with the columns a 保密办 files) and import from XLSX
 * or CSV (UTF-8 or GBK), validating every row first and importing all or
 * nothing.
 */
#include "api.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/table.h"
#include "../util/bjtime.h"

#define IO_MAX_ROWS 20000

enum io_col {
	COL_NUMBER,
	COL_TITLE,
	COL_TYPE,
	COL_LEVEL,
	COL_YEARS,
	COL_ISSUED,
	COL_EXPIRES,
	COL_RELEASE_ON,
	COL_CONDITION,
	COL_PERIOD_BASIS,
	COL_CLASSIFIER,
	COL_BASIS,
	COL_SCOPE_PEOPLE,
	COL_SCOPE_DEPTS,
	COL_CUSTODIAN,
	COL_HANDLER,
	COL_LOCATION,
	COL_COPIES,
	COL_COPY_NO,
	COL_ORIGIN,
	COL_SENDER,
	COL_DOC_NO,
	COL_PAGES,
	COL_SERIAL,
	COL_ASSET,
	COL_MODEL,
	COL_CAPACITY,
	COL_STATE,
	COL_HOLDER,
	COL_DUE,
	COL_NOTES,
	COL_COUNT
};

/*
 * Header names: the screen's label (what the export writes), the API field
 * name, and the label earlier exports wrote (still read, so their files
 * import).
 */
static const char *const col_names[COL_COUNT][3] = {
    [COL_NUMBER] = {"编号", "number", NULL},
    [COL_TITLE] = {"名称", "title", NULL},
    [COL_TYPE] = {"类型", "type", NULL},
    [COL_LEVEL] = {"密级", "level", NULL},
    [COL_YEARS] = {"保密期限（年）", "period_years", NULL},
    [COL_ISSUED] = {"定密日期", "issued_on", "起始日期"},
    [COL_EXPIRES] = {"保密期限届满", "expires_on", "届满日期"},
    [COL_RELEASE_ON] = {"解密时间", "release_on", NULL},
    [COL_CONDITION] = {"解密条件", "release_condition", NULL},
    [COL_PERIOD_BASIS] = {"超期依据", "period_basis", NULL},
    [COL_CLASSIFIER] = {"定密责任人", "classifier", NULL},
    [COL_BASIS] = {"定密依据", "classify_basis", NULL},
    [COL_SCOPE_PEOPLE] = {"知悉人员", "scope_people", "知悉范围（人员）"},
    [COL_SCOPE_DEPTS] = {"知悉部门", "scope_departments", "知悉范围（部门）"},
    [COL_CUSTODIAN] = {"保管人", "custodian", "责任人"},
    [COL_HANDLER] = {"专人管理", "handler", "专人"},
    [COL_LOCATION] = {"存放位置", "location", NULL},
    [COL_COPIES] = {"份数", "copies", NULL},
    [COL_COPY_NO] = {"份号", "copy_no", NULL},
    [COL_ORIGIN] = {"来源", "origin", NULL},
    [COL_SENDER] = {"来文单位", "sender", NULL},
    [COL_DOC_NO] = {"文号", "doc_no", NULL},
    [COL_PAGES] = {"页数", "pages", NULL},
    [COL_SERIAL] = {"序列号", "serial", NULL},
    [COL_ASSET] = {"资产编号", "asset_tag", NULL},
    [COL_MODEL] = {"型号", "model", NULL},
    [COL_CAPACITY] = {"容量", "capacity", NULL},
    [COL_STATE] = {"状态", "state", NULL},
    [COL_HOLDER] = {"当前持有人", "holder", "借用人"},
    [COL_DUE] = {"归还期限", "due_on", NULL},
    [COL_NOTES] = {"备注", "notes", NULL},
};

static int32_t io_today(void)
{
	return (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400);
}

/* ---- export ---- */

struct export_ctx {
	struct api_ctx *c;
	json_t *items;
	size_t next;
	json_t *people; /* person id → the name the import reads back */
	json_t *depts;  /* department id → name */
	char buf[COL_COUNT][512];
};

static const char *id_key(int64_t id, char *key, size_t n)
{
	snprintf(key, n, "%lld", (long long)id);
	return key;
}

/*
 * The names people and departments are written under, read once: a person
 * by name, or as 姓名（部门） when two share the name (the import reads both).
 */
static enum store_err export_names(struct export_ctx *x)
{
	struct person_filter f = {.status = -1, .staff_class = -1, .limit = INT32_MAX};
	json_t *depts = NULL, *people = NULL, *count = json_object(), *v;
	int64_t total;
	enum store_err e;
	char key[24];
	size_t i;

	x->people = json_object();
	x->depts = json_object();
	e = dept_list(x->c->db, 0, &depts, &total);
	if (!e)
		e = person_list(x->c->db, &f, true, &people, &total);
	if (e)
		goto out;
	json_array_foreach(depts, i, v) json_object_set(
	    x->depts, id_key(json_integer_value(json_object_get(v, "id")), key, sizeof(key)),
	    json_object_get(v, "name"));
	json_array_foreach(people, i, v)
	{
		const char *name = json_str(v, "name");

		json_object_set_new(
		    count, name,
		    json_integer(json_integer_value(json_object_get(count, name)) + 1));
	}
	json_array_foreach(people, i, v)
	{
		const char *name = json_str(v, "name");
		const char *dept = json_string_value(json_object_get(
		    x->depts, id_key(json_integer_value(json_object_get(v, "department_id")), key,
		                     sizeof(key))));
		char shown[400];

		if (json_integer_value(json_object_get(count, name)) > 1 && dept)
			snprintf(shown, sizeof(shown), "%s（%s）", name, dept);
		else
			snprintf(shown, sizeof(shown), "%s", name);
		json_object_set_new(
		    x->people,
		    id_key(json_integer_value(json_object_get(v, "id")), key, sizeof(key)),
		    json_string(shown));
	}
out:
	json_decref(depts);
	json_decref(people);
	json_decref(count);
	return e;
}

static void person_name(struct export_ctx *x, int64_t id, char *out, size_t n)
{
	char key[24];
	const char *name =
	    json_string_value(json_object_get(x->people, id_key(id, key, sizeof(key))));

	snprintf(out, n, "%s", id && name ? name : "");
}

static void names_of(struct export_ctx *x, json_t *ids, bool depts, char *out, size_t n)
{
	size_t i, len = 0;
	json_t *v;

	out[0] = '\0';
	json_array_foreach(ids, i, v)
	{
		char name[400] = "", key[24];
		int64_t id = json_integer_value(v);

		if (depts) {
			const char *d = json_string_value(
			    json_object_get(x->depts, id_key(id, key, sizeof(key))));

			snprintf(name, sizeof(name), "%s", d ? d : "");
		} else {
			person_name(x, id, name, sizeof(name));
		}
		if (!name[0])
			snprintf(name, sizeof(name), "#%lld", (long long)id);
		len +=
		    (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", i ? "、" : "", name);
		if (len >= n)
			break;
	}
}

static int export_row(void *arg, const char **cells)
{
	struct export_ctx *x = arg;
	json_t *o = json_array_get(x->items, x->next);
	enum carrier_type t;
	enum level l;
	enum carrier_state st;

	if (!o)
		return 0;
	x->next++;
	for (int i = 0; i < COL_COUNT; i++) {
		x->buf[i][0] = '\0';
		cells[i] = x->buf[i];
	}
	snprintf(x->buf[COL_NUMBER], 512, "%s", json_str(o, "number"));
	snprintf(x->buf[COL_TITLE], 512, "%s", json_str(o, "title"));
	if (!carrier_type_parse(json_str(o, "type"), &t))
		snprintf(x->buf[COL_TYPE], 512, "%s", carrier_type_zh(t));
	if (!level_parse(json_str(o, "level"), &l))
		snprintf(x->buf[COL_LEVEL], 512, "%s", level_zh(l));
	if (json_is_integer(json_object_get(o, "period_years")))
		snprintf(x->buf[COL_YEARS], 512, "%lld",
		         (long long)json_integer_value(json_object_get(o, "period_years")));
	snprintf(x->buf[COL_ISSUED], 512, "%s", json_str(o, "issued_on"));
	snprintf(x->buf[COL_EXPIRES], 512, "%s", json_str(o, "expires_on"));
	snprintf(x->buf[COL_RELEASE_ON], 512, "%s", json_str(o, "release_on"));
	snprintf(x->buf[COL_CONDITION], 512, "%s", json_str(o, "release_condition"));
	snprintf(x->buf[COL_PERIOD_BASIS], 512, "%s", json_str(o, "period_basis"));
	snprintf(x->buf[COL_CLASSIFIER], 512, "%s", json_str(o, "classifier"));
	snprintf(x->buf[COL_BASIS], 512, "%s", json_str(o, "classify_basis"));
	names_of(x, json_object_get(o, "scope_people"), false, x->buf[COL_SCOPE_PEOPLE], 512);
	names_of(x, json_object_get(o, "scope_departments"), true, x->buf[COL_SCOPE_DEPTS], 512);
	person_name(x, json_integer_value(json_object_get(o, "custodian_id")),
	            x->buf[COL_CUSTODIAN], 512);
	person_name(x, json_integer_value(json_object_get(o, "handler_id")), x->buf[COL_HANDLER],
	            512);
	snprintf(x->buf[COL_LOCATION], 512, "%s", json_str(o, "location"));
	snprintf(x->buf[COL_COPIES], 512, "%lld",
	         (long long)json_integer_value(json_object_get(o, "copies")));
	snprintf(x->buf[COL_COPY_NO], 512, "%s", json_str(o, "copy_no"));
	snprintf(x->buf[COL_ORIGIN], 512, "%s",
	         strcmp(json_str(o, "origin"), "received") == 0 ? "收文" : "自制");
	snprintf(x->buf[COL_SENDER], 512, "%s", json_str(o, "sender"));
	snprintf(x->buf[COL_DOC_NO], 512, "%s", json_str(o, "doc_no"));
	if (json_is_integer(json_object_get(o, "pages")))
		snprintf(x->buf[COL_PAGES], 512, "%lld",
		         (long long)json_integer_value(json_object_get(o, "pages")));
	snprintf(x->buf[COL_SERIAL], 512, "%s", json_str(o, "serial"));
	snprintf(x->buf[COL_ASSET], 512, "%s", json_str(o, "asset_tag"));
	snprintf(x->buf[COL_MODEL], 512, "%s", json_str(o, "model"));
	snprintf(x->buf[COL_CAPACITY], 512, "%s", json_str(o, "capacity"));
	if (!carrier_state_parse(json_str(o, "state"), &st))
		snprintf(x->buf[COL_STATE], 512, "%s", carrier_state_zh(st));
	person_name(x, json_integer_value(json_object_get(o, "holder_id")), x->buf[COL_HOLDER],
	            512);
	snprintf(x->buf[COL_DUE], 512, "%s", json_str(o, "due_on"));
	snprintf(x->buf[COL_NOTES], 512, "%s", json_str(o, "notes"));
	return 1;
}

void api_carriers_export(struct api_ctx *c)
{
	struct carrier_filter f;
	struct carrier_viewer v;
	struct export_ctx *x = NULL;
	const char *fmt = http_query(c->req, "format");
	const char *headers[COL_COUNT];
	void *out = NULL;
	size_t outlen = 0;
	int64_t total;
	enum table_err te;
	enum store_err e;
	bool xlsx;
	char disp[128], day[11], detail[96];

	if (!api_require(c, PERM_BUSINESS))
		return;
	if (fmt && strcmp(fmt, "xlsx") && strcmp(fmt, "csv")) {
		api_error(c, 400, "invalid_query", "format 应为 xlsx 或 csv",
		          "format must be xlsx or csv", "format");
		return;
	}
	xlsx = !fmt || !*fmt || strcmp(fmt, "xlsx") == 0;
	memset(&f, 0, sizeof(f));
	if (!api_carrier_filter(c, &f))
		return;
	f.limit = IO_MAX_ROWS;
	api_carrier_viewer(c, &v);
	x = calloc(1, sizeof(*x));
	if (!x) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	x->c = c;
	e = export_names(x);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	e = carrier_list(c->db, &v, &f, &x->items, &total);
	if (e) {
		api_store_error(c, e, "q");
		goto out;
	}
	if (total > IO_MAX_ROWS) {
		api_error(c, 413, "export_too_large", "导出超过20000条，请按条件分批导出",
		          "more than 20000 rows; export in parts with filters", NULL);
		goto out;
	}
	for (int i = 0; i < COL_COUNT; i++)
		headers[i] = col_names[i][0];
	te = xlsx ? table_xlsx_write("涉密载体台账", headers, COL_COUNT, export_row, x, &out,
	                             &outlen)
	          : table_csv_write(headers, COL_COUNT, export_row, x, &out, &outlen);
	if (te) {
		fprintf(stderr, "baomi: export: %s\n", table_strerror(te));
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	snprintf(detail, sizeof(detail), "{\"format\":\"%s\",\"rows\":%lld}", xlsx ? "xlsx" : "csv",
	         (long long)total);
	e = audit_append_tx(c->db, &c->actor, "carrier.export", "carrier", "", AUDIT_SUCCESS,
	                    detail);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	buf_reset(&c->resp->body);
	if (buf_append(&c->resp->body, out, outlen) != BUF_OK) {
		api_error(c, 413, "export_too_large", "导出文件过大", "export too large", NULL);
		goto out;
	}
	bjtime_format_date(bjtime_now_ms(), day);
	snprintf(disp, sizeof(disp), "attachment; filename=\"carriers-%s.%s\"", day,
	         xlsx ? "xlsx" : "csv");
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type =
	    xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	         : "text/csv; charset=utf-8";
	c->resp->status = 200;
out:
	free(out);
	if (x) {
		json_decref(x->items);
		json_decref(x->people);
		json_decref(x->depts);
	}
	free(x);
}

/* ---- import ---- */

struct import_ctx {
	struct api_ctx *c;
	int col[COL_COUNT]; /* header position of each column, -1 absent */
	bool header_seen;
	int nrows;
	json_t *errors; /* the first 500 of nerrors */
	int nerrors;
	struct carrier_rec *recs;
	int *lines;   /* each record's line in the file */
	bool *row_ok; /* each record passed every check */
	int cap;
};

static void row_error(struct import_ctx *x, int line, int col, const char *zh, const char *en)
{
	if (x->nerrors++ >= 500)
		return;
	json_array_append_new(x->errors, json_pack("{si ss ss ss}", "line", line, "field",
	                                           col >= 0 ? col_names[col][0] : "", "message", zh,
	                                           "message_en", en));
}

static const char *cell(const struct import_ctx *x, const struct table_row *r, int col)
{
	int i = x->col[col];

	return (i >= 0 && i < r->ncells) ? r->cells[i] : "";
}

/*
 * A person by name, unique within the unit, or as 姓名（部门） when two share
 * a name (the export writes plain names); "#id" from older files.
 */
static int64_t find_person(struct import_ctx *x, const char *text, int line, int col)
{
	struct person_filter f = {.status = -1, .staff_class = -1, .limit = 50};
	char name[160], dept[160] = "";
	const char *open = strstr(text, "（");
	size_t tl = strlen(text);
	json_t *items, *p;
	int64_t total, found = 0;
	size_t i;
	int hits = 0;

	if (text[0] == '#')
		return strtoll(text + 1, NULL, 10);
	snprintf(name, sizeof(name), "%s", text);
	if (open && tl > 3 && strcmp(text + tl - 3, "）") == 0) {
		snprintf(name, sizeof(name), "%.*s", (int)(open - text), text);
		snprintf(dept, sizeof(dept), "%.*s", (int)(tl - 3 - (size_t)(open + 3 - text)),
		         open + 3);
	}
	f.q = name;
	if (person_list(x->c->db, &f, true, &items, &total) != STORE_OK) {
		json_decref(items);
		return 0;
	}
	json_array_foreach(items, i, p)
	{
		struct department d;

		if (strcmp(json_str(p, "name"), name))
			continue;
		if (dept[0] &&
		    (dept_get(x->c->db, json_integer_value(json_object_get(p, "department_id")),
		              &d) != STORE_OK ||
		     strcmp(d.name, dept)))
			continue;
		found = json_integer_value(json_object_get(p, "id"));
		hits++;
	}
	json_decref(items);
	if (hits != 1) {
		char z[256], e[256];

		snprintf(z, sizeof(z), "人员“%.64s”%s", text,
		         hits ? "重名，请写成“姓名（部门）”" : "不存在");
		snprintf(e, sizeof(e), "person \"%.64s\" %s", text,
		         hits ? "is ambiguous; write name（department）" : "does not exist");
		row_error(x, line, col, z, e);
		return 0;
	}
	return found;
}

static int64_t find_dept(struct import_ctx *x, const char *name, int line, int col)
{
	json_t *items, *d;
	int64_t total, found = 0;
	size_t i;

	if (dept_list(x->c->db, 0, &items, &total) == STORE_OK)
		json_array_foreach(items, i, d) if (strcmp(json_str(d, "name"), name) == 0 ||
		                                    strcmp(json_str(d, "code"), name) == 0) found =
		    json_integer_value(json_object_get(d, "id"));
	json_decref(items);
	if (!found) {
		char z[256], e[256];

		snprintf(z, sizeof(z), "部门“%.64s”不存在", name);
		snprintf(e, sizeof(e), "department \"%.64s\" does not exist", name);
		row_error(x, line, col, z, e);
	}
	return found;
}

/* Splits a list cell on 、，,；; and spaces into people or department ids. */
static size_t id_cell(struct import_ctx *x, const char *s, bool depts, int64_t *out, size_t max,
                      int line, int col)
{
	char buf[2048];
	size_t n = 0, o = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && o + 1 < sizeof(buf);) {
		if ((p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x81) ||
		    (p[0] == 0xef && p[1] == 0xbc && (p[2] == 0x8c || p[2] == 0x9b))) {
			buf[o++] = ',';
			p += 3;
		} else if (*p == ';' || *p == ' ' || *p == '\t' || *p == '\n') {
			buf[o++] = ',';
			p++;
		} else {
			buf[o++] = (char)*p++;
		}
	}
	buf[o] = '\0';
	for (char *tok = buf; tok && *tok;) {
		char *comma = strchr(tok, ',');
		int64_t id;

		if (comma)
			*comma = '\0';
		if (*tok) {
			id = depts ? find_dept(x, tok, line, col) : find_person(x, tok, line, col);
			if (id && n < max)
				out[n++] = id;
			else if (id)
				row_error(x, line, col, "知悉范围人数过多",
				          "knowledge scope too long");
		}
		tok = comma ? comma + 1 : NULL;
	}
	return n;
}

static int parse_day(struct import_ctx *x, const char *s, int32_t *out, int line, int col)
{
	char d[16];

	*out = 0;
	if (!*s)
		return 0;
	/* Excel users write 2026/3/5 as often as 2026-03-05 */
	{
		int y, m, dd;

		if (sscanf(s, "%d%*[-/.年]%d%*[-/.月]%d", &y, &m, &dd) == 3) {
			snprintf(d, sizeof(d), "%04d-%02d-%02d", y % 10000, m % 100, dd % 100);
			if (bjtime_parse_date(d, out) == 0)
				return 0;
		}
	}
	row_error(x, line, col, "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
	return -1;
}

static int parse_int(struct import_ctx *x, const char *s, int *out, int lo, int hi, int line,
                     int col)
{
	char *end;
	long v;

	if (!*s)
		return 0;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi) {
		char z[96], e[96];

		snprintf(z, sizeof(z), "应为%d到%d之间的整数", lo, hi);
		snprintf(e, sizeof(e), "must be an integer from %d to %d", lo, hi);
		row_error(x, line, col, z, e);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static void copy_cell(char *dst, size_t n, const char *src, struct import_ctx *x, int line, int col)
{
	if (strlen(src) >= n) {
		row_error(x, line, col, "内容过长", "too long");
		return;
	}
	snprintf(dst, n, "%s", src);
}

static int import_header(struct import_ctx *x, const struct table_row *r)
{
	for (int k = 0; k < COL_COUNT; k++)
		x->col[k] = -1;
	for (int i = 0; i < r->ncells; i++)
		for (int k = 0; k < COL_COUNT; k++)
			for (int n = 0; n < 3; n++)
				if (col_names[k][n] && strcmp(r->cells[i], col_names[k][n]) == 0)
					x->col[k] = i;
	if (x->col[COL_TITLE] < 0 || x->col[COL_TYPE] < 0 || x->col[COL_LEVEL] < 0) {
		row_error(x, r->line, -1, "表头须包含“名称”“类型”“密级”三列",
		          "the header row needs the columns 名称, 类型 and 密级");
		return 1;
	}
	x->header_seen = true;
	return 0;
}

/* Validates one row into a carrier record; every problem becomes an error entry. */
static int import_row(const struct table_row *r, void *arg)
{
	struct import_ctx *x = arg;
	struct carrier_rec *c;
	struct carrier_period per;
	const char *field = NULL;
	int before = x->nerrors;
	int32_t release = 0, issued = 0;
	enum carrier_err ce;
	const char *s;
	int line = r->line;

	if (!x->header_seen)
		return import_header(x, r);
	if (x->nrows >= IO_MAX_ROWS) {
		row_error(x, line, -1, "一次最多导入20000行", "at most 20000 rows per import");
		return 1;
	}
	if (x->nrows == x->cap) {
		int ncap = x->cap ? x->cap * 2 : 64;
		struct carrier_rec *n = realloc(x->recs, (size_t)ncap * sizeof(*n));
		int *nl;
		bool *nok;

		if (!n)
			return 1;
		x->recs = n;
		nl = realloc(x->lines, (size_t)ncap * sizeof(*nl));
		if (!nl)
			return 1;
		x->lines = nl;
		nok = realloc(x->row_ok, (size_t)ncap * sizeof(*nok));
		if (!nok)
			return 1;
		x->row_ok = nok;
		x->cap = ncap;
	}
	c = &x->recs[x->nrows];
	carrier_rec_init(c);
	copy_cell(c->title, sizeof(c->title), cell(x, r, COL_TITLE), x, line, COL_TITLE);
	if (!c->title[0])
		row_error(x, line, COL_TITLE, "名称不能为空", "title must not be empty");
	if (carrier_type_parse(cell(x, r, COL_TYPE), &c->type))
		row_error(x, line, COL_TYPE, "未知的载体类型", "unknown carrier type");
	if (level_parse(cell(x, r, COL_LEVEL), &c->level))
		row_error(x, line, COL_LEVEL, "密级应为 绝密/机密/秘密/内部/公开",
		          "level must be 绝密, 机密, 秘密, 内部 or 公开");
	parse_int(x, cell(x, r, COL_YEARS), &c->period_years, 1, 100, line, COL_YEARS);
	parse_day(x, cell(x, r, COL_RELEASE_ON), &release, line, COL_RELEASE_ON);
	parse_day(x, cell(x, r, COL_ISSUED), &issued, line, COL_ISSUED);
	copy_cell(c->release_condition, sizeof(c->release_condition), cell(x, r, COL_CONDITION), x,
	          line, COL_CONDITION);
	copy_cell(c->period_basis, sizeof(c->period_basis), cell(x, r, COL_PERIOD_BASIS), x, line,
	          COL_PERIOD_BASIS);
	copy_cell(c->classifier, sizeof(c->classifier), cell(x, r, COL_CLASSIFIER), x, line,
	          COL_CLASSIFIER);
	copy_cell(c->classify_basis, sizeof(c->classify_basis), cell(x, r, COL_BASIS), x, line,
	          COL_BASIS);
	copy_cell(c->location, sizeof(c->location), cell(x, r, COL_LOCATION), x, line,
	          COL_LOCATION);
	parse_int(x, cell(x, r, COL_COPIES), &c->copies, 1, 10000, line, COL_COPIES);
	copy_cell(c->copy_no, sizeof(c->copy_no), cell(x, r, COL_COPY_NO), x, line, COL_COPY_NO);
	s = cell(x, r, COL_ORIGIN);
	if (strcmp(s, "收文") == 0 || strcmp(s, "received") == 0)
		snprintf(c->origin, sizeof(c->origin), "received");
	else if (*s && strcmp(s, "自制") && strcmp(s, "made"))
		row_error(x, line, COL_ORIGIN, "来源应为 自制 或 收文",
		          "origin must be 自制 or 收文");
	copy_cell(c->sender, sizeof(c->sender), cell(x, r, COL_SENDER), x, line, COL_SENDER);
	copy_cell(c->doc_no, sizeof(c->doc_no), cell(x, r, COL_DOC_NO), x, line, COL_DOC_NO);
	parse_int(x, cell(x, r, COL_PAGES), &c->pages, 1, 1000000, line, COL_PAGES);
	copy_cell(c->serial, sizeof(c->serial), cell(x, r, COL_SERIAL), x, line, COL_SERIAL);
	copy_cell(c->asset_tag, sizeof(c->asset_tag), cell(x, r, COL_ASSET), x, line, COL_ASSET);
	copy_cell(c->model, sizeof(c->model), cell(x, r, COL_MODEL), x, line, COL_MODEL);
	copy_cell(c->capacity, sizeof(c->capacity), cell(x, r, COL_CAPACITY), x, line,
	          COL_CAPACITY);
	copy_cell(c->notes, sizeof(c->notes), cell(x, r, COL_NOTES), x, line, COL_NOTES);
	if (*(s = cell(x, r, COL_CUSTODIAN)))
		c->custodian_id = find_person(x, s, line, COL_CUSTODIAN);
	else
		c->custodian_id = x->c->actor.person_id;
	if (*(s = cell(x, r, COL_HANDLER)))
		c->handler_id = find_person(x, s, line, COL_HANDLER);
	c->nscope_people = id_cell(x, cell(x, r, COL_SCOPE_PEOPLE), false, c->scope_people,
	                           CARRIER_SCOPE_MAX, line, COL_SCOPE_PEOPLE);
	c->nscope_depts = id_cell(x, cell(x, r, COL_SCOPE_DEPTS), true, c->scope_depts,
	                          CARRIER_SCOPE_MAX, line, COL_SCOPE_DEPTS);
	c->issued_on = issued ? issued : io_today();
	if (carrier_issued_check(c->issued_on, io_today()))
		row_error(x, line, COL_ISSUED, carrier_err_zh(CARRIER_FUTURE_DATE),
		          carrier_err_en(CARRIER_FUTURE_DATE));
	if (x->nerrors == before) {
		memset(&per, 0, sizeof(per));
		per.years = c->period_years;
		per.release_day = release;
		per.condition = c->release_condition;
		per.override = c->period_basis[0] != '\0';
		per.override_basis = c->period_basis;
		ce = carrier_period_normalise(c->level, &per, &field);
		if (ce) {
			row_error(x, line, COL_YEARS, carrier_err_zh(ce), carrier_err_en(ce));
		} else {
			c->period_years = per.years;
			c->release_on = per.release_day;
			c->period_defaulted = per.defaulted;
			c->expires_on = level_is_classified(c->level)
			                    ? carrier_period_expiry(&per, c->issued_on)
			                    : 0;
		}
		if (c->level == LEVEL_TOP_SECRET && !c->handler_id)
			row_error(x, line, COL_HANDLER, carrier_err_zh(CARRIER_NEEDS_HANDLER),
			          carrier_err_en(CARRIER_NEEDS_HANDLER));
	}
	x->lines[x->nrows] = line;
	x->row_ok[x->nrows] = x->nerrors == before;
	x->nrows++;
	return 0;
}

/* The preview of the rows that passed: line, title, type, level, 定密日期, custodian. */
static json_t *good_rows(const struct import_ctx *x, int *valid)
{
	json_t *rows = json_array();
	char day[16];
	unsigned m, d;
	int y;

	*valid = 0;
	for (int i = 0; i < x->nrows; i++) {
		const struct carrier_rec *r = &x->recs[i];

		if (!x->row_ok[i])
			continue;
		if ((*valid)++ >= 500)
			continue;
		bjtime_civil_from_days(r->issued_on, &y, &m, &d);
		snprintf(day, sizeof(day), "%04d-%02u-%02u", y % 10000, m % 100, d % 100);
		json_array_append_new(rows,
		                      json_pack("{si ss ss ss ss sI}", "line", x->lines[i], "title",
		                                r->title, "type", carrier_type_code(r->type),
		                                "level", level_code(r->level), "issued_on", day,
		                                "custodian_id", (json_int_t)r->custodian_id));
	}
	return rows;
}

void api_carriers_import(struct api_ctx *c)
{
	struct import_ctx x;
	struct table_error te;
	struct unit u;
	enum table_err t;
	enum store_err e = STORE_OK;
	const char *dr = http_query(c->req, "dry_run");
	json_t *numbers, *rows;
	char detail[128];
	bool dry_run;
	int valid;

	memset(&x, 0, sizeof(x));
	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!(c->actor.roles & ROLE_OFFICER)) {
		api_error(c, 403, "forbidden", "只有保密员导入台账",
		          "only a confidentiality officer "
		          "imports the ledger",
		          NULL);
		return;
	}
	if (dr && strcmp(dr, "true") && strcmp(dr, "false")) {
		api_error(c, 400, "invalid_query", "dry_run 应为 true 或 false",
		          "dry_run must be true or false", "dry_run");
		return;
	}
	dry_run = dr && strcmp(dr, "true") == 0;
	/* an import reads the people and departments it names in the transaction it writes in */
	if (!dry_run && !api_tx_begin(c))
		return;
	x.c = c;
	x.errors = json_array();
	memset(&te, 0, sizeof(te));
	t = table_read_auto(c->req->body, c->req->body_len, import_row, &x, &te);
	if (t && t != TABLE_STOPPED) {
		api_reply(c, 400,
		          json_pack("{s{ss ss ss si}}", "error", "code", "bad_file", "message",
		                    te.message, "message_en", te.message, "line", te.line));
		goto out;
	}
	if (!x.header_seen && !x.nerrors)
		row_error(&x, 0, -1, "文件为空或没有表头行",
		          "the file is empty or has no header row");
	if (dry_run) {
		/* the same checks, nothing written: every bad row and the rows that would import */
		rows = good_rows(&x, &valid);
		api_reply(c, 200,
		          json_pack("{sb si si so so}", "dry_run", 1, "total", x.nrows, "valid",
		                    valid, "rows", rows, "errors", x.errors));
		x.errors = NULL;
		goto out;
	}
	if (x.nerrors) {
		/* all or nothing: every bad row is reported and nothing is stored */
		api_reply(c, 400,
		          json_pack("{s{ss ss ss} so}", "error", "code", "invalid_rows", "message",
		                    "导入文件有错误，未导入任何记录", "message_en",
		                    "the file has errors; nothing was imported", "errors",
		                    x.errors));
		x.errors = NULL;
		goto out;
	}
	e = unit_get(c->db, unit_home(c->db), &u);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	numbers = json_array();
	for (int i = 0; !e && i < x.nrows; i++) {
		x.recs[i].unit_id = u.id;
		e = carrier_insert(c->db, &x.recs[i], u.code);
		if (!e)
			e = carrier_event(c->db, &c->actor, x.recs[i].id, "import", "{}");
		if (!e)
			json_array_append_new(numbers, json_string(x.recs[i].number));
	}
	snprintf(detail, sizeof(detail), "{\"rows\":%d}", x.nrows);
	if (!e)
		e = audit_append(c->db, &c->actor, "carrier.import", "carrier", "", AUDIT_SUCCESS,
		                 detail);
	if (e) {
		json_decref(numbers);
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, json_pack("{si so}", "imported", x.nrows, "numbers", numbers));
	else
		json_decref(numbers);
out:
	json_decref(x.errors);
	free(x.recs);
	free(x.lines);
	free(x.row_ok);
}
