/*
 * cmd_plan.c — `baomi plan ...`, `baomi warning ...` and `baomi calendar
 * ...`: emergency plans, warnings (预警) and the working-day calendar
 * from the command line, as clients of the running server (see client.h).
 *
 *   baomi plan list | templates | show ID
 *   baomi plan create --template leak|cyber | create --json FILE|-
 *   baomi plan edit ID --json FILE|-                 ({name, body} as PATCH /api/v1/plans/ID)
 *   baomi plan approve ID | retire ID | revise ID | file ID --with TEXT
 *
 *   baomi warning list [--active] | show ID
 *   baomi warning publish --json FILE|- | adjust ID --json FILE|- | lift ID [--note TEXT]
 *
 *   baomi calendar show [--year Y]
 *   baomi calendar load FILE                         (the whole calendar file; see
 *                                                     docs/operations.md; an empty file
 *                                                     goes back to the shipped calendar)
 *
 * --format json prints the API's answer.  Exit codes: 0 done, 2 refused by
 * the server or a usage/connection error (the server's message is printed).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/deadline.h"
#include "../core/incident.h"
#include "../util/bjtime.h"
#include "client.h"

/* ---- plans ---- */

static void print_plans(json_t *j)
{
	size_t i;
	json_t *p;

	client_cell("ID", 5);
	client_cell("版本", 4);
	client_cell("状态", 8);
	client_cell("种类", 14);
	client_cell("名称", 30);
	printf("备案单位\n");
	json_array_foreach(json_object_get(j, "items"), i, p)
	{
		char id[24], v[24];

		snprintf(id, sizeof(id), "%lld", client_int(p, "id"));
		snprintf(v, sizeof(v), "%lld", client_int(p, "version"));
		client_cell(id, 5);
		client_cell(v, 4);
		client_cell(client_str(p, "status_zh", ""), 8);
		client_cell(client_str(p, "kind_zh", ""), 14);
		client_cell(client_str(p, "name", ""), 30);
		printf("%s\n",
		       *client_str(p, "filed_with", "") ? client_str(p, "filed_with", "") : "—");
	}
	printf("共 %lld 个 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void print_templates(json_t *j)
{
	size_t i, k;
	json_t *t, *c;

	json_array_foreach(json_object_get(j, "items"), i, t)
	{
		printf("%s  %s（%s）\n", client_str(t, "code", ""), client_str(t, "name", ""),
		       client_str(t, "kind", ""));
		json_array_foreach(json_object_get(t, "chains"), k, c)
		{
			bool active = false;
			size_t n;
			json_t *a;

			json_array_foreach(json_object_get(t, "chains_active"), n, a)
			{
				if (!strcmp(json_string_value(a) ? json_string_value(a) : "",
				            client_str(c, "code", "")))
					active = true;
			}
			printf("  %s 报告链 %-12s %s\n", active ? "*" : " ",
			       client_str(c, "code", ""), client_str(c, "name", ""));
		}
	}
	printf("（* 默认启用的报告链；baomi plan create --template CODE）\n");
}

static void print_plan(json_t *p)
{
	json_t *body = json_object_get(p, "body"), *c, *d, *pb, *a;
	size_t i, k;
	char t[20];

	printf("预案 #%lld「%s」第%lld版\n", client_int(p, "id"), client_str(p, "name", ""),
	       client_int(p, "version"));
	printf("  种类：%s  状态：%s（%s）\n", client_str(p, "kind_zh", ""),
	       client_str(p, "status_zh", ""), client_str(p, "status", ""));
	if (json_string_value(json_object_get(p, "approved_at")))
		printf("  批准时间：%s\n", client_time(json_object_get(p, "approved_at"), t));
	if (*client_str(p, "filed_with", ""))
		printf("  备案：%s，%s\n", client_str(p, "filed_with", ""),
		       client_time(json_object_get(p, "filed_at"), t));
	printf("\n报告链 / notification chains（* 启用）\n");
	json_array_foreach(json_object_get(body, "chains"), i, c)
	{
		bool active = false;

		json_array_foreach(json_object_get(body, "chains_active"), k, a)
		{
			if (json_is_string(a) &&
			    !strcmp(json_string_value(a), client_str(c, "code", "")))
				active = true;
		}
		printf("  %s %s  %s\n", active ? "*" : " ", client_str(c, "code", ""),
		       client_str(c, "name", ""));
		json_array_foreach(json_object_get(c, "duties"), k, d)
		{
			char limit[64];
			size_t n;
			json_t *l;

			enum dl_unit u;
			enum dl_anchor from;

			snprintf(limit, sizeof(limit), "%lld%s·%s", client_int(d, "amount"),
			         dl_unit_parse(client_str(d, "unit", ""), &u)
			             ? client_str(d, "unit", "")
			             : dl_unit_zh(u),
			         dl_anchor_parse(client_str(d, "from", ""), &from)
			             ? client_str(d, "from", "")
			             : dl_anchor_zh(from));
			printf("      ");
			client_cell(client_str(d, "code", ""), 14);
			client_cell(limit, 26);
			printf("%s", client_str(d, "to", ""));
			if (json_array_size(json_object_get(d, "levels"))) {
				printf("（仅");
				json_array_foreach(json_object_get(d, "levels"), n, l)
				    printf("%s%s", n ? "/" : "", json_string_value(l));
				printf("级）");
			}
			printf("\n");
		}
	}
	printf("\n处置指南 / playbooks\n");
	json_array_foreach(json_object_get(body, "playbooks"), i, pb)
	{
		printf("  %s  %s（%zu 步）\n", client_str(pb, "code", ""),
		       client_str(pb, "name", ""), json_array_size(json_object_get(pb, "steps")));
	}
	printf("\n（完整内容：baomi plan show %lld --format json）\n", client_int(p, "id"));
}

static void plan_line(json_t *p)
{
	printf("baomi: 预案 #%lld「%s」第%lld版：%s（%s）\n", client_int(p, "id"),
	       client_str(p, "name", ""), client_int(p, "version"), client_str(p, "status_zh", ""),
	       client_str(p, "status", ""));
}

static json_t *plan_status(const char *status, const char *filed_with)
{
	json_t *j = json_pack("{ss}", "status", status);

	if (filed_with)
		json_object_set_new(j, "filed_with", json_string(filed_with));
	return j;
}

int cmd_plan(struct cli_opts *o)
{
	const char *sub = o->nargs ? o->args[0] : NULL;
	char path[256];
	long long id = 0;
	bool json;

	if (!sub)
		return cli_error("usage: baomi plan list|templates|show|create|edit|approve|file|"
		                 "retire|revise (see 'baomi help')");
	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "list"))
		return client_get("/api/v1/plans", json, print_plans);
	if (!strcmp(sub, "templates"))
		return client_get("/api/v1/plan-templates", json, print_templates);
	if (!strcmp(sub, "create")) {
		if (o->nargs != 1 || (!o->tmpl == !o->json))
			return cli_error("usage: baomi plan create --template leak|cyber | create "
			                 "--json FILE|-");
		return client_submit("POST", "/api/v1/plans",
		                     o->tmpl ? json_pack("{ss}", "template", o->tmpl)
		                             : client_json_arg(o->json),
		                     json, plan_line);
	}
	if (o->nargs != 2 || client_parse_id(o->args[1], "plan", &id))
		return cli_error("usage: baomi plan %s ID%s", sub,
		                 !strcmp(sub, "edit")   ? " --json FILE|-"
		                 : !strcmp(sub, "file") ? " --with TEXT"
		                                        : "");
	snprintf(path, sizeof(path), "/api/v1/plans/%lld", id);
	if (!strcmp(sub, "show"))
		return client_get(path, json, print_plan);
	if (!strcmp(sub, "edit")) {
		if (!o->json)
			return cli_error("usage: baomi plan edit ID --json FILE|- ({name, body})");
		return client_submit("PATCH", path, client_json_arg(o->json), json, plan_line);
	}
	if (!strcmp(sub, "revise")) {
		snprintf(path, sizeof(path), "/api/v1/plans/%lld/revise", id);
		return client_submit("POST", path, json_object(), json, plan_line);
	}
	snprintf(path, sizeof(path), "/api/v1/plans/%lld/status", id);
	if (!strcmp(sub, "approve"))
		return client_submit("POST", path, plan_status("approved", NULL), json, plan_line);
	if (!strcmp(sub, "retire"))
		return client_submit("POST", path, plan_status("retired", NULL), json, plan_line);
	if (!strcmp(sub, "file")) {
		if (!o->with)
			return cli_error(
			    "usage: baomi plan file ID --with TEXT (the superior unit)");
		return client_submit("POST", path, plan_status("filed", o->with), json, plan_line);
	}
	return cli_error("plan: unknown subcommand '%s' (see 'baomi help')", sub);
}

/* ---- warnings ---- */

/*
 * A warning's level by its plan's own name, with the colour unless the name
 * says it: 「三级（黄色）」, 「红色预警」, 「较大（黄色）」.
 */
static const char *warn_level(json_t *l, char *out, size_t n)
{
	const char *zh = client_str(l, "zh", ""), *color = client_str(l, "color_zh", "");

	if (!zh[0])
		snprintf(out, n, "—");
	else if (!color[0] || strstr(zh, color))
		snprintf(out, n, "%s", zh);
	else
		snprintf(out, n, "%s（%s）", zh, color);
	return out;
}

/* The Chinese name of a warning's category when it is a category code. */
static const char *warn_category(json_t *w)
{
	enum inc_category c;
	const char *s = client_str(w, "category", "");

	return inc_category_parse(s, &c) ? s : inc_category_zh(c);
}

static void print_warnings(json_t *j)
{
	size_t i;
	json_t *w;

	client_cell("ID", 5);
	client_cell("级别", 10);
	client_cell("状态", 8);
	client_cell("类别", 16);
	client_cell("开始时间", 16);
	printf("标题\n");
	json_array_foreach(json_object_get(j, "items"), i, w)
	{
		char id[24], lv[64], t[20];

		snprintf(id, sizeof(id), "%lld", client_int(w, "id"));
		client_cell(id, 5);
		client_cell(warn_level(json_object_get(w, "level"), lv, sizeof(lv)), 10);
		client_cell(client_str(w, "state_zh", ""), 8);
		client_cell(warn_category(w), 16);
		client_cell(client_time(json_object_get(w, "start_at"), t), 16);
		printf("%s\n", client_str(w, "title", ""));
	}
	printf("共 %lld 条 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static const char *const warning_labels[][2] = {
    {"audience", "发布范围"},
    {"scope", "可能影响范围"},
    {"items", "警示事项"},
    {"measures", "应采取的措施"},
    {"issuer", "发布机关"},
    {"lift_note", "解除说明"},
    {NULL, NULL},
};

static void print_warning(json_t *w)
{
	json_t *texts = json_object(), *v;
	size_t i;
	char t[20], lv[64];

	printf("预警 #%lld「%s」\n", client_int(w, "id"), client_str(w, "title", ""));
	printf("  级别：%s  状态：%s  版本：%lld\n",
	       warn_level(json_object_get(w, "level"), lv, sizeof(lv)),
	       client_str(w, "state_zh", ""), client_int(w, "version"));
	printf("  类别：%s  开始时间：%s\n", warn_category(w),
	       client_time(json_object_get(w, "start_at"), t));
	for (i = 0; warning_labels[i][0]; i++)
		if ((v = json_object_get(w, warning_labels[i][0])))
			json_object_set(texts, warning_labels[i][0], v);
	client_print_fields(texts, warning_labels);
	json_decref(texts);
	if (json_array_size(json_object_get(w, "versions"))) {
		printf("\n历次版本 / versions\n");
		json_array_foreach(json_object_get(w, "versions"), i, v)
		{
			char ver[24];

			snprintf(ver, sizeof(ver), "%lld", client_int(v, "version"));
			printf("  ");
			client_cell(ver, 3);
			client_cell(client_time(json_object_get(v, "at"), t), 16);
			client_cell(client_str(v, "state_zh", ""), 8);
			client_cell(warn_level(json_object_get(v, "level"), lv, sizeof(lv)), 10);
			printf("%s\n", client_str(v, "by", ""));
		}
	}
}

static void warning_line(json_t *w)
{
	char lv[64];

	printf("baomi: 预警 #%lld「%s」%s：%s（%s）\n", client_int(w, "id"),
	       client_str(w, "title", ""), warn_level(json_object_get(w, "level"), lv, sizeof(lv)),
	       client_str(w, "state_zh", ""), client_str(w, "state", ""));
}

int cmd_warning(struct cli_opts *o)
{
	const char *sub = o->nargs ? o->args[0] : NULL;
	char path[256];
	long long id = 0;
	bool json;

	if (!sub)
		return cli_error("usage: baomi warning list|show|publish|adjust|lift (see 'baomi "
		                 "help')");
	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "list"))
		return client_get(o->active ? "/api/v1/warnings?active=1" : "/api/v1/warnings",
		                  json, print_warnings);
	if (!strcmp(sub, "publish")) {
		if (o->nargs != 1 || !o->json)
			return cli_error("usage: baomi warning publish --json FILE|-");
		return client_submit("POST", "/api/v1/warnings", client_json_arg(o->json), json,
		                     warning_line);
	}
	if (o->nargs != 2 || client_parse_id(o->args[1], "warning", &id))
		return cli_error("usage: baomi warning %s ID%s", sub,
		                 !strcmp(sub, "adjust") ? " --json FILE|-"
		                 : !strcmp(sub, "lift") ? " [--note TEXT]"
		                                        : "");
	snprintf(path, sizeof(path), "/api/v1/warnings/%lld", id);
	if (!strcmp(sub, "show"))
		return client_get(path, json, print_warning);
	if (!strcmp(sub, "adjust")) {
		if (!o->json)
			return cli_error("usage: baomi warning adjust ID --json FILE|-");
		return client_submit("PATCH", path, client_json_arg(o->json), json, warning_line);
	}
	if (!strcmp(sub, "lift")) {
		json_t *j = json_object();

		if (o->note)
			json_object_set_new(j, "note", json_string(o->note));
		snprintf(path, sizeof(path), "/api/v1/warnings/%lld/lift", id);
		return client_submit("POST", path, j, json, warning_line);
	}
	return cli_error("warning: unknown subcommand '%s' (see 'baomi help')", sub);
}

/* ---- the working-day calendar ---- */

static void print_calendar(json_t *c)
{
	static const char *const wd[] = {"日", "一", "二", "三", "四", "五", "六"};
	size_t i;
	json_t *d, *y;

	printf("%lld年工作日日历（来源：%s）\n", client_int(c, "year"),
	       !strcmp(client_str(c, "source", ""), "operator") ? "运维载入 operator"
	                                                        : "内置 shipped");
	printf("  已有数据的年份：");
	json_array_foreach(json_object_get(c, "years"), i, y)
	    printf("%s%lld", i ? " " : "", (long long)json_integer_value(y));
	printf("\n");
	if (!json_is_true(json_object_get(c, "covered"))) {
		printf("  注意：%lld年没有节假日数据，按周一至周五计算工作日；请载入国务院办公厅的"
		       "节假日安排（baomi calendar load FILE）\n",
		       client_int(c, "year"));
		return;
	}
	json_array_foreach(json_object_get(c, "days"), i, d)
	{
		int32_t day;
		const char *date = client_str(d, "date", "");

		printf("  %s 周%s  %s  %s\n", date,
		       bjtime_parse_date(date, &day) ? "?" : wd[((day % 7) + 11) % 7],
		       json_is_true(json_object_get(d, "work")) ? "调休上班" : "放假    ",
		       client_str(d, "note", ""));
	}
}

static void calendar_line(json_t *j)
{
	if (!client_int(j, "years") && !client_int(j, "days")) {
		printf("baomi: 已恢复内置日历 / back to the shipped calendar\n");
		return;
	}
	printf("baomi: 已载入日历 / calendar loaded: %lld 个年份，%lld 个节假日和调休上班日\n",
	       client_int(j, "years"), client_int(j, "days"));
}

int cmd_calendar(struct cli_opts *o)
{
	const char *sub = o->nargs ? o->args[0] : NULL;
	char path[128];
	bool json;

	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (sub && !strcmp(sub, "show") && o->nargs == 1) {
		snprintf(path, sizeof(path), "/api/v1/calendar");
		client_add_query(path, sizeof(path), "year", o->year);
		return client_get(path, json, print_calendar);
	}
	if (sub && !strcmp(sub, "load") && o->nargs == 2) {
		struct buf b;
		json_t *j;

		if (client_read_file(o->args[1], &b))
			return EXIT_USAGE;
		j = json_stringn(b.ptr ? b.ptr : "", b.len);
		buf_release(&b);
		if (!j)
			return cli_error("calendar: %s is not UTF-8 text", o->args[1]);
		return client_submit("PUT", "/api/v1/calendar", json_pack("{so}", "text", j), json,
		                     calendar_line);
	}
	return cli_error("usage: baomi calendar show [--year Y] | load FILE");
}
