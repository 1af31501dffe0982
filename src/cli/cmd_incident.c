/*
 * cmd_incident.c — `baomi incident ...`: security incidents, their statutory
 * reporting deadlines and tasks from the command line.
 *
 * Like `baomi carrier`, a client of the running server's API (BAOMI_URL,
 * BAOMI_TOKEN; see client.h), so need-to-know, the workflow rules and the
 * audit are the server's.  Text output is for people (Chinese first, with
 * the countdown of every reporting duty); --format json prints the API's
 * answer for scripts.
 *
 *   baomi incident list [--kind K] [--state S] [--level L] [--open] [--overdue] [--q TEXT]
 *   baomi incident show ID | timeline ID | versions ID
 *   baomi incident report --json FILE|-             (fields as POST /api/v1/incidents)
 *   baomi incident ACTION ID [--json FILE|-] [--note TEXT]
 *       supplement, verify, handle, end_handling, close;
 *       dismiss --reason TEXT; grade --level L; activate --level L [--plan ID];
 *       summarise --json (附件三 fields); evaluate --json (assessment, penalties ...)
 *   baomi incident met DUTY_ID [--note TEXT] [--at TIME]
 *   baomi incident task ID --title T [--assignee ACCOUNT_ID] [--due TIME] [--note TEXT]
 *   baomi incident task-done TASK_ID [--note TEXT]
 *   baomi incident stats [--from DATE] [--to DATE]
 *   baomi incident form ID [--which report|result] [--format pdf|html] -o FILE
 *   baomi incident package ID -o FILE
 *
 * Exit codes: 0 done, 2 refused by the server or a usage/connection error
 * (the server's message is printed).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/incident.h"
#include "../util/bjtime.h"
#include "client.h"

/* Chinese labels of the report (附件二), result report (附件三) and evaluation fields. */
static const char *const report_labels[][2] = {
    {"unit_name", "单位名称"},
    {"reporter", "报告人"},
    {"phone", "联系电话"},
    {"address", "通信地址"},
    {"fax", "传真"},
    {"email", "电子邮件"},
    {"system_name", "信息系统名称"},
    {"system_use", "系统用途"},
    {"department", "责任部门"},
    {"department_head", "部门负责人"},
    {"description", "事件描述"},
    {"cause", "初步判定原因"},
    {"measures", "已采取的措施"},
    {"impact", "初步影响状况"},
    {"consequence", "造成的后果"},
    {"scope", "影响范围"},
    {"severity", "严重程度"},
    {"duty_phone", "值班电话"},
    {"duty_fax", "值班传真"},
    {"content", "泄露内容"},
    {"period", "保密期限"},
    {"knowledge_scope", "知悉范围"},
    {"leak_time", "泄露时间"},
    {"leak_channel", "泄露渠道"},
    {"leak_scope", "泄露范围"},
    {"suspects", "责任人或嫌疑人"},
    {"police_informed", "已通报公安机关"},
    {"state_security_informed", "已通报国家安全机关"},
    {NULL, NULL},
};
static const char *const summary_labels[][2] = {
    {"contact", "联系人"},
    {"phone", "联系电话"},
    {"address", "通信地址"},
    {"system_name", "信息系统名称"},
    {"security_measures", "安全保护措施"},
    {"final_cause", "最终判定原因"},
    {"after_impact", "事后影响"},
    {"consequence", "造成的后果"},
    {"scope", "影响范围"},
    {"severity", "严重程度"},
    {"process", "处理过程"},
    {"advice", "整改建议"},
    {"reporter_sign", "报告人"},
    {NULL, NULL},
};
static const char *const evaluation_labels[][2] = {
    {"assessment", "总结评估"},
    {"lessons", "经验教训"},
    {"rewards", "奖励"},
    {"penalties", "处罚"},
    {NULL, NULL},
};

/* The Chinese name of a timeline action (workflow actions and the others). */
static const char *action_zh(const char *code)
{
	static const char *const other[][2] = {
	    {"report", "首报"},          {"report_sent", "登记报送"},   {"task", "布置任务"},
	    {"task_update", "更新任务"}, {"overdue", "逾期并逐级上报"}, {NULL, NULL},
	};
	enum inc_action a;

	if (code && inc_action_parse(code, &a) == 0)
		return inc_action_zh(a);
	for (int i = 0; code && other[i][0]; i++)
		if (!strcmp(other[i][0], code))
			return other[i][1];
	return code ? code : "";
}

/* ---- text output ---- */

/* "剩余 2小时05分", "逾期 10分", "报送 11-21 10:05" or "未开始" for one duty. */
static void duty_left(json_t *d, char *out, size_t n)
{
	const char *st = client_str(d, "state", "");
	json_t *left = json_object_get(d, "remaining_s");
	char span[48], t[20];

	if (json_is_integer(left)) {
		client_span(json_integer_value(left), span, sizeof(span));
		snprintf(out, n, "%s %s", json_integer_value(left) < 0 ? "逾期" : "剩余", span);
	} else if (!strcmp(st, "met") || !strcmp(st, "late")) {
		client_time(json_object_get(d, "met_at"), t);
		snprintf(out, n, "报送 %s%s", strlen(t) > 5 ? t + 5 : t,
		         json_is_true(json_object_get(d, "backfilled")) ? "（补录）" : "");
	} else {
		snprintf(out, n, "未开始");
	}
}

static void print_deadlines(json_t *items)
{
	size_t i;
	json_t *d;
	bool fallback = false;

	printf("报告时限 / reporting deadlines\n");
	if (!json_array_size(items)) {
		printf("  （无：法定时限与预案报告链均不适用）\n");
		return;
	}
	printf("  ");
	client_cell("ID", 5);
	client_cell("状态", 10);
	client_cell("剩余/逾期", 18);
	client_cell("截止时间", 16);
	client_cell("来源", 6);
	client_cell("时限", 24);
	printf("报告对象\n");
	json_array_foreach(items, i, d)
	{
		char id[24], left[80], due[20], limit[96];

		snprintf(id, sizeof(id), "%lld", client_int(d, "id"));
		duty_left(d, left, sizeof(left));
		snprintf(limit, sizeof(limit), "%lld%s·%s", client_int(d, "amount"),
		         client_str(d, "unit_zh", ""), client_str(d, "from_zh", ""));
		printf("  ");
		client_cell(id, 5);
		client_cell(client_str(d, "state_zh", ""), 10);
		client_cell(left, 18);
		client_cell(client_time(json_object_get(d, "due_at"), due), 16);
		client_cell(client_str(d, "source_zh", ""), 6);
		client_cell(limit, 24);
		printf("%s\n", client_str(d, "to", ""));
		if (json_is_true(json_object_get(d, "calendar_fallback")))
			fallback = true;
	}
	if (fallback)
		printf("  注意：截止日期所在年份没有节假日数据，按周一至周五计算工作日"
		       "（baomi calendar load）\n");
}

static void print_tasks(json_t *items)
{
	size_t i;
	json_t *t;

	printf("任务 / tasks\n");
	if (!json_array_size(items)) {
		printf("  （无）\n");
		return;
	}
	printf("  ");
	client_cell("ID", 5);
	client_cell("状态", 12);
	client_cell("截止时间", 16);
	client_cell("承办人", 10);
	printf("任务\n");
	json_array_foreach(items, i, t)
	{
		char id[24], st[48], due[20];

		snprintf(id, sizeof(id), "%lld", client_int(t, "id"));
		snprintf(st, sizeof(st), "%s%s", client_str(t, "status_zh", ""),
		         json_is_true(json_object_get(t, "overdue")) ? "·逾期" : "");
		printf("  ");
		client_cell(id, 5);
		client_cell(st, 12);
		client_cell(client_time(json_object_get(t, "due_at"), due), 16);
		client_cell(*client_str(t, "assignee", "") ? client_str(t, "assignee", "") : "—",
		            10);
		printf("%s\n", client_str(t, "title", ""));
	}
}

static void print_incident(json_t *d)
{
	char a[48], b[48], c[48], e[48], t1[20], t2[20];
	json_t *plan = json_object_get(d, "plan"), *v;
	size_t i;

	printf("事件 #%lld「%s」\n", client_int(d, "id"), client_str(d, "title", ""));
	printf("  种类：%s · %s%s%s\n", client_str(d, "kind_zh", ""),
	       client_str(d, "category_zh", ""), *client_str(d, "subcategory_zh", "") ? " · " : "",
	       client_str(d, "subcategory_zh", ""));
	printf("  状态：%s（%s）\n", client_str(d, "state_zh", ""), client_str(d, "state", ""));
	printf("  级别：初判 %s · 建议 %s · 确认 %s · 响应 %s\n",
	       client_level(json_object_get(d, "prelim_level"), a, sizeof(a), "—"),
	       client_level(json_object_get(d, "proposed_level"), b, sizeof(b), "—"),
	       client_level(json_object_get(d, "confirmed_level"), c, sizeof(c), "未定级"),
	       client_level(json_object_get(d, "response_level"), e, sizeof(e), "—"));
	if (json_string_value(json_object_get(d, "info_level"))) {
		enum level l;

		printf("  信息密级：%s\n", level_parse(client_str(d, "info_level", ""), &l) == 0
		                               ? level_zh(l)
		                               : client_str(d, "info_level", ""));
	}
	printf("  发现时间：%s  报告时间：%s\n",
	       client_time(json_object_get(d, "discovered_at"), t1),
	       client_time(json_object_get(d, "reported_at"), t2));
	if (json_is_object(plan))
		printf("  应急预案：#%lld %s 第%lld版（%s）\n", client_int(plan, "id"),
		       client_str(plan, "name", ""), client_int(plan, "version"),
		       client_str(plan, "status_zh", ""));
	else
		printf("  应急预案：无生效预案\n");
	if (json_string_value(json_object_get(d, "filing_number")))
		printf("  备案编号：%s\n", client_str(d, "filing_number", ""));
	printf("  报告版本：%lld\n", client_int(d, "version"));
	if (json_array_size(json_object_get(d, "carriers"))) {
		printf("  涉及载体：");
		json_array_foreach(json_object_get(d, "carriers"), i, v)
		    printf("%s#%lld", i ? " " : "", (long long)json_integer_value(v));
		printf("\n");
	}
	printf("\n报告内容 / report\n");
	client_print_fields(json_object_get(d, "report"), report_labels);
	if (json_object_size(json_object_get(d, "summary"))) {
		printf("\n处理结果 / result report\n");
		client_print_fields(json_object_get(d, "summary"), summary_labels);
	}
	if (json_object_size(json_object_get(d, "evaluation"))) {
		printf("\n总结评估 / evaluation\n");
		client_print_fields(json_object_get(d, "evaluation"), evaluation_labels);
	}
	printf("\n");
	print_deadlines(json_object_get(d, "deadlines"));
	printf("\n");
	print_tasks(json_object_get(d, "tasks"));
	printf("\n可执行操作 / actions:");
	json_array_foreach(json_object_get(d, "allowed_actions"), i, v)
	{
		enum inc_action act;

		if (inc_action_parse(json_string_value(v), &act) == 0)
			printf(" %s(%s)", inc_action_code(act), inc_action_zh(act));
	}
	printf("\n");
	if (json_string_value(json_object_get(d, "warning")))
		printf("注意：%s\n", client_str(d, "warning", ""));
}

static void print_list(json_t *j)
{
	int64_t now = bjtime_now_ms();
	size_t i;
	json_t *v;

	client_cell("ID", 6);
	client_cell("级别", 10);
	client_cell("状态", 14);
	client_cell("时限", 18);
	client_cell("类别", 18);
	printf("标题\n");
	json_array_foreach(json_object_get(j, "items"), i, v)
	{
		char id[24], lv[48], due[64], span[48];
		int64_t at;

		snprintf(id, sizeof(id), "%lld", client_int(v, "id"));
		if (client_int(v, "overdue") > 0)
			snprintf(due, sizeof(due), "已逾期 %lld项", client_int(v, "overdue"));
		else if (!bjtime_parse_iso(client_str(v, "next_due", ""), &at)) {
			client_span((at - now) / 1000, span, sizeof(span));
			snprintf(due, sizeof(due), "剩余 %s", span);
		} else
			snprintf(due, sizeof(due), "—");
		client_cell(id, 6);
		client_cell(
		    client_level(json_object_get(v, "confirmed_level"), lv, sizeof(lv), "未定级"),
		    10);
		client_cell(client_str(v, "state_zh", ""), 14);
		client_cell(due, 18);
		client_cell(client_str(v, "category_zh", ""), 18);
		printf("%s\n", client_str(v, "title", ""));
	}
	printf("共 %lld 条 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void print_timeline(json_t *j)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(j, "items"), i, v)
	{
		char t[20], *detail;

		client_time(json_object_get(v, "at"), t);
		detail =
		    json_object_size(json_object_get(v, "detail"))
		        ? json_dumps(json_object_get(v, "detail"), JSON_COMPACT | JSON_SORT_KEYS)
		        : NULL;
		client_cell(t, 16);
		client_cell(client_str(v, "by", ""), 10);
		client_cell(action_zh(client_str(v, "action", "")), 14);
		printf("%s\n", detail ? detail : "");
		free(detail);
	}
}

static void print_versions(json_t *j)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(j, "items"), i, v)
	{
		char t[20];

		printf("%s第%lld版  %s  %s\n", i ? "\n" : "", client_int(v, "version"),
		       client_time(json_object_get(v, "at"), t), client_str(v, "by_name", ""));
		client_print_fields(json_object_get(v, "report"), report_labels);
	}
}

static void print_stats(json_t *j)
{
	size_t i;
	json_t *u;

	client_cell("单位", 28);
	client_cell("时限", 6);
	client_cell("按时", 6);
	client_cell("逾期完成", 8);
	client_cell("逾期未报", 8);
	client_cell("计时中", 6);
	printf("按时率\n");
	json_array_foreach(json_object_get(j, "units"), i, u)
	{
		char n[5][24], rate[24];
		const char *keys[5] = {"duties", "on_time", "late", "overdue", "open"};
		const int w[5] = {6, 6, 8, 8, 6};
		json_t *r = json_object_get(u, "on_time_rate");

		client_cell(client_str(u, "unit", ""), 28);
		for (int k = 0; k < 5; k++) {
			snprintf(n[k], sizeof(n[k]), "%lld", client_int(u, keys[k]));
			client_cell(n[k], w[k]);
		}
		if (json_is_number(r))
			snprintf(rate, sizeof(rate), "%.1f%%", json_number_value(r) * 100);
		else
			snprintf(rate, sizeof(rate), "—");
		printf("%s\n", rate);
	}
	if (!json_array_size(json_object_get(j, "units")))
		printf("（该期间没有到期的报告时限）\n");
}

/*
 * After a workflow action (act, or -1 for a report sent): one line saying
 * where the incident now stands, and the deadlines when they changed.
 */
static int after_action(struct client_reply *r, bool json, int act)
{
	json_t *d;
	int rc;

	if (json)
		return client_print_json(r);
	rc = client_take_json(r, &d);
	if (rc || !d)
		return rc;
	printf("baomi: 事件 #%lld「%s」%s → %s（%s）", client_int(d, "id"),
	       client_str(d, "title", ""),
	       act < 0 ? "登记报送" : inc_action_zh((enum inc_action)act),
	       client_str(d, "state_zh", ""), client_str(d, "state", ""));
	if (act == IA_SUMMARISE)
		printf("，备案编号 %s", client_str(d, "filing_number", "—"));
	if (act == IA_ACTIVATE)
		printf("，任务 %zu 项", json_array_size(json_object_get(d, "tasks")));
	printf("\n");
	if (act < 0 || act == IA_GRADE || act == IA_END_HANDLING) {
		printf("\n");
		print_deadlines(json_object_get(d, "deadlines"));
	}
	json_decref(d);
	return 0;
}

static int do_report(struct cli_opts *o, bool json)
{
	struct client_reply r;
	json_t *j, *d;
	char lv[48];
	int rc;

	if (!o->json)
		return cli_error("usage: baomi incident report --json FILE|-|'{...}'");
	j = client_json_arg(o->json);
	if (!j || client_send_json("POST", "/api/v1/incidents", j, &r))
		return EXIT_USAGE;
	if (json)
		return client_print_json(&r);
	rc = client_take_json(&r, &d);
	if (rc || !d)
		return rc;
	printf("baomi: 已报告 / reported: 事件 #%lld「%s」（%s），建议级别 %s\n",
	       client_int(d, "id"), client_str(d, "title", ""), client_str(d, "state_zh", ""),
	       client_level(json_object_get(d, "proposed_level"), lv, sizeof(lv), "未能确定"));
	if (json_string_value(json_object_get(d, "warning")))
		printf("注意：%s\n", client_str(d, "warning", ""));
	printf("\n");
	print_deadlines(json_object_get(d, "deadlines"));
	json_decref(d);
	return 0;
}

/* The request body of a workflow action from --json and the options. */
static json_t *action_body(struct cli_opts *o, enum inc_action a)
{
	json_t *j = client_json_arg(o->json);
	const char *wrap = a == IA_SUMMARISE ? "summary" : a == IA_EVALUATE ? "evaluation" : NULL;
	long long plan;

	if (!j)
		return NULL;
	/* summarise and evaluate take the 附件三 / evaluation fields themselves */
	if (wrap && !json_object_get(j, wrap) && !json_object_get(j, "action"))
		j = json_pack("{so}", wrap, j);
	json_object_set_new(j, "action", json_string(inc_action_code(a)));
	if (o->note)
		json_object_set_new(j, "note", json_string(o->note));
	if (o->reason)
		json_object_set_new(j, "reason", json_string(o->reason));
	if (o->level)
		json_object_set_new(j, "level", json_string(o->level));
	if (o->plan) {
		if (client_parse_id(o->plan, "plan", &plan)) {
			json_decref(j);
			return NULL;
		}
		json_object_set_new(j, "plan_id", json_integer(plan));
	}
	return j;
}

int cmd_incident(struct cli_opts *o)
{
	struct client_reply r;
	const char *sub = o->nargs ? o->args[0] : NULL;
	enum inc_action a;
	char path[1024];
	long long id;
	bool json;

	if (!sub)
		return cli_error(
		    "usage: baomi incident list|show|report|ACTION|met|timeline|versions|"
		    "task|task-done|stats|form|package (see 'baomi help')");
	if (strcmp(sub, "form") && client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "list")) {
		snprintf(path, sizeof(path), "/api/v1/incidents?limit=500");
		client_add_query(path, sizeof(path), "kind", o->kind);
		client_add_query(path, sizeof(path), "state", o->state);
		client_add_query(path, sizeof(path), "level", o->level);
		client_add_query(path, sizeof(path), "q", o->q);
		client_add_query(path, sizeof(path), "open", o->open ? "1" : NULL);
		client_add_query(path, sizeof(path), "overdue", o->overdue ? "1" : NULL);
		return client_get(path, json, print_list);
	}
	if (!strcmp(sub, "stats")) {
		snprintf(path, sizeof(path), "/api/v1/incidents/deadline-stats");
		client_add_query(path, sizeof(path), "from", o->from);
		client_add_query(path, sizeof(path), "to", o->to);
		return client_get(path, json, print_stats);
	}
	if (!strcmp(sub, "report"))
		return do_report(o, json);
	if (!strcmp(sub, "show") || !strcmp(sub, "timeline") || !strcmp(sub, "versions")) {
		if (o->nargs != 2 || client_parse_id(o->args[1], "incident", &id))
			return cli_error("usage: baomi incident %s ID", sub);
		snprintf(path, sizeof(path), "/api/v1/incidents/%lld%s%s", id,
		         strcmp(sub, "show") ? "/" : "", strcmp(sub, "show") ? sub : "");
		return client_get(path, json,
		                  !strcmp(sub, "show")       ? print_incident
		                  : !strcmp(sub, "timeline") ? print_timeline
		                                             : print_versions);
	}
	if (!strcmp(sub, "met")) {
		json_t *j = json_object();

		if (o->nargs != 2 || client_parse_id(o->args[1], "reporting duty", &id)) {
			json_decref(j);
			return cli_error(
			    "usage: baomi incident met DUTY_ID [--note TEXT] [--at TIME]");
		}
		if (o->note)
			json_object_set_new(j, "note", json_string(o->note));
		if (o->at)
			json_object_set_new(j, "at", json_string(o->at));
		snprintf(path, sizeof(path), "/api/v1/incident-deadlines/%lld/met", id);
		if (client_send_json("POST", path, j, &r))
			return EXIT_USAGE;
		return after_action(&r, json, -1);
	}
	if (!strcmp(sub, "task")) {
		json_t *j;
		long long who = 0;

		if (o->nargs != 2 || client_parse_id(o->args[1], "incident", &id) || !o->title ||
		    (o->assignee && client_parse_id(o->assignee, "account", &who)))
			return cli_error("usage: baomi incident task ID --title T [--assignee "
			                 "ACCOUNT_ID] [--due TIME] [--note TEXT]");
		j = json_pack("{ss}", "title", o->title);
		if (who)
			json_object_set_new(j, "assignee_id", json_integer(who));
		if (o->due)
			json_object_set_new(j, "due_at", json_string(o->due));
		if (o->note)
			json_object_set_new(j, "note", json_string(o->note));
		snprintf(path, sizeof(path), "/api/v1/incidents/%lld/tasks", id);
		if (client_send_json("POST", path, j, &r))
			return EXIT_USAGE;
		if (json)
			return client_print_json(&r);
		if (client_take_json(&r, &j))
			return EXIT_USAGE;
		printf("baomi: 已布置任务 / task assigned: #%lld「%s」\n", client_int(j, "id"),
		       client_str(j, "title", ""));
		json_decref(j);
		return 0;
	}
	if (!strcmp(sub, "task-done")) {
		json_t *j;
		int rc;

		if (o->nargs != 2 || client_parse_id(o->args[1], "task", &id))
			return cli_error("usage: baomi incident task-done TASK_ID [--note TEXT]");
		j = json_pack("{ss}", "status", "done");
		if (o->note)
			json_object_set_new(j, "note", json_string(o->note));
		snprintf(path, sizeof(path), "/api/v1/incident-tasks/%lld", id);
		if (client_send_json("PATCH", path, j, &r))
			return EXIT_USAGE;
		rc = client_take_json(&r, &j);
		json_decref(j);
		if (!rc)
			printf("baomi: 任务 #%lld 已完成 / done\n", id);
		return rc;
	}
	if (!strcmp(sub, "form")) {
		const char *which = o->which ? o->which : "report";
		const char *fmt = o->format ? o->format : "pdf";

		if (o->nargs != 2 || client_parse_id(o->args[1], "incident", &id) || !o->output)
			return cli_error("usage: baomi incident form ID [--which report|result] "
			                 "[--format pdf|html] -o FILE");
		snprintf(path, sizeof(path), "/api/v1/incidents/%lld/form", id);
		client_add_query(path, sizeof(path), "which", which);
		client_add_query(path, sizeof(path), "format", fmt);
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	if (!strcmp(sub, "package")) {
		if (o->nargs != 2 || client_parse_id(o->args[1], "incident", &id) || !o->output)
			return cli_error("usage: baomi incident package ID -o FILE");
		snprintf(path, sizeof(path), "/api/v1/incidents/%lld/package", id);
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	if (inc_action_parse(sub, &a) == 0) {
		json_t *j;

		if (o->nargs != 2 || client_parse_id(o->args[1], "incident", &id))
			return cli_error("usage: baomi incident %s ID [--json FILE|-|'{...}'] "
			                 "[--note TEXT]",
			                 sub);
		j = action_body(o, a);
		if (!j)
			return EXIT_USAGE;
		snprintf(path, sizeof(path), "/api/v1/incidents/%lld/actions", id);
		if (client_send_json("POST", path, j, &r))
			return EXIT_USAGE;
		return after_action(&r, json, (int)a);
	}
	return cli_error("incident: unknown subcommand '%s' (see 'baomi help')", sub);
}
