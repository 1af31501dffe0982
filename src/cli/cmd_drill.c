/*
 * cmd_drill.c — `baomi drill ...`: emergency drills (应急演练) from the
 * command line, as a client of the running server (see client.h).
 *
 *   baomi drill list [--year Y]                 the year's drills and each plan's six-month rule
 *   baomi drill show ID
 *   baomi drill plan --json FILE|-              (as POST /api/v1/drills)
 *   baomi drill start ID | end ID
 *   baomi drill summarise ID --note TEXT | notify ID --note TEXT | cancel ID --note TEXT
 *   baomi drill finding ID --json FILE|-        (as POST /api/v1/drills/ID/findings)
 *   baomi drill notice ID [--format pdf|html] -o FILE   the 通报
 *
 * --format json prints the API's answer.  Exit codes: 0 done, 2 refused by
 * the server or a usage/connection error (the server's message is printed).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "client.h"

static void print_list(json_t *j)
{
	size_t i;
	json_t *x;

	printf("%lld年度演练计划\n\n各预案（每半年至少演练一次）\n", client_int(j, "year"));
	json_array_foreach(json_object_get(j, "plans"), i, x)
	{
		json_t *h = json_object_get(x, "halves");

		printf(
		    "  %s（第%lld版）  上半年 %lld 次  下半年 %lld 次  最近一次：%s  最迟：%s%s\n",
		    client_str(x, "name", ""), client_int(x, "version"),
		    (long long)json_integer_value(json_array_get(h, 0)),
		    (long long)json_integer_value(json_array_get(h, 1)),
		    client_str(x, "last_held", "尚未演练"), client_str(x, "due_on", ""),
		    json_is_true(json_object_get(x, "overdue")) ? "  【逾期】" : "");
	}
	printf("\n");
	client_cell("ID", 5);
	client_cell("计划日期", 12);
	client_cell("形式", 10);
	client_cell("状态", 18);
	printf("名称\n");
	json_array_foreach(json_object_get(j, "items"), i, x)
	{
		char id[24];

		snprintf(id, sizeof(id), "%lld", client_int(x, "id"));
		client_cell(id, 5);
		client_cell(client_str(x, "planned_on", ""), 12);
		client_cell(client_str(x, "kind_zh", ""), 10);
		client_cell(client_str(x, "state_zh", ""), 18);
		printf("%s%s\n", client_str(x, "title", ""),
		       json_is_true(json_object_get(x, "late")) ? "  【已过计划日期】" : "");
	}
	printf("共 %lld 次 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void print_drill(json_t *d)
{
	size_t i;
	json_t *x;

	printf("演练 #%lld「%s」（演练，非真实事件）\n", client_int(d, "id"),
	       client_str(d, "title", ""));
	printf("  预案：%s  形式：%s  状态：%s\n", client_str(d, "plan", ""),
	       client_str(d, "kind_zh", ""), client_str(d, "state_zh", ""));
	printf("  计划日期：%s", client_str(d, "planned_on", ""));
	if (client_int(d, "incident_id"))
		printf("  演练事件：#%lld", client_int(d, "incident_id"));
	printf("\n  参演人员：");
	json_array_foreach(json_object_get(d, "participants"), i, x)
	    printf("%s%s", i ? "、" : "", client_str(x, "name", ""));
	printf("\n  情景：%s\n", client_str(d, "scenario", ""));
	printf("\n发现的问题\n");
	json_array_foreach(json_object_get(d, "findings"), i, x)
	{
		json_t *t = json_object_get(x, "task");

		printf("  %zu. %s（%s）", i + 1, client_str(x, "title", ""),
		       client_str(x, "severity_zh", ""));
		if (json_is_object(t))
			printf("  整改：%s，期限 %s，%s", client_str(t, "responsible", ""),
			       client_str(t, "deadline", ""), client_str(t, "state_zh", ""));
		printf("\n");
	}
	if (*client_str(d, "summary", ""))
		printf("\n演练总结\n  %s\n", client_str(d, "summary", ""));
	if (*client_str(d, "notice", ""))
		printf("\n通报\n  %s\n", client_str(d, "notice", ""));
}

static void drill_line(json_t *d)
{
	printf("baomi: 演练 #%lld「%s」：%s\n", client_int(d, "id"), client_str(d, "title", ""),
	       client_str(d, "state_zh", ""));
}

int cmd_drill(struct cli_opts *o)
{
	const char *sub = o->nargs ? o->args[0] : NULL;
	char path[256];
	long long id = 0;
	bool json = false;

	if (!sub)
		return cli_error(
		    "usage: baomi drill list|show|plan|start|end|summarise|notify|cancel|"
		    "finding|notice (see 'baomi help drill')");
	if (strcmp(sub, "notice") && client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "list")) {
		snprintf(path, sizeof(path), "/api/v1/drills");
		client_add_query(path, sizeof(path), "year", o->year);
		return client_get(path, json, print_list);
	}
	if (!strcmp(sub, "plan")) {
		if (o->nargs != 1 || !o->json)
			return cli_error("usage: baomi drill plan --json FILE|-");
		return client_submit("POST", "/api/v1/drills", client_json_arg(o->json), json,
		                     drill_line);
	}
	if (o->nargs != 2 || client_parse_id(o->args[1], "drill", &id))
		return cli_error("usage: baomi drill %s ID", sub);
	if (!strcmp(sub, "show")) {
		snprintf(path, sizeof(path), "/api/v1/drills/%lld", id);
		return client_get(path, json, print_drill);
	}
	if (!strcmp(sub, "start") || !strcmp(sub, "end") || !strcmp(sub, "summarise") ||
	    !strcmp(sub, "notify") || !strcmp(sub, "cancel")) {
		json_t *body = json_pack("{ss}", "action", sub);

		if (o->note)
			json_object_set_new(body, "text", json_string(o->note));
		snprintf(path, sizeof(path), "/api/v1/drills/%lld/actions", id);
		return client_submit("POST", path, body, json, drill_line);
	}
	if (!strcmp(sub, "finding")) {
		if (!o->json)
			return cli_error("usage: baomi drill finding ID --json FILE|-");
		snprintf(path, sizeof(path), "/api/v1/drills/%lld/findings", id);
		return client_submit("POST", path, client_json_arg(o->json), json, drill_line);
	}
	if (!strcmp(sub, "notice")) {
		struct client_reply r;

		if (!o->output)
			return cli_error(
			    "usage: baomi drill notice ID [--format pdf|html] -o FILE");
		snprintf(path, sizeof(path), "/api/v1/drills/%lld/notice", id);
		client_add_query(path, sizeof(path), "format", o->format ? o->format : "pdf");
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	return cli_error("baomi drill: unknown subcommand %s", sub);
}
