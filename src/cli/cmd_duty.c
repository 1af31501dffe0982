/*
 * cmd_duty.c — `baomi duty`: the duty roster from the command line, a
 * client of the running server (see client.h).
 *
 *   baomi duty now [--at TIME]                        who is on duty (now or at TIME)
 *   baomi duty shifts [--from DATE] [--to DATE]       the table (this month by default)
 *   baomi duty generate --json FILE|-                 lay a rotation over days
 *   baomi duty log [--from DATE] [--to DATE]          the duty log
 *   baomi duty log-add --title TEXT [--kind call|event|other]   write a log entry
 *
 * Every form takes --format json.  Exit codes: 0 done, 2 refused by the
 * server or a usage/connection error (the server's message is printed).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "client.h"

static const char *person(json_t *o, const char *key)
{
	return client_str(json_object_get(o, key), "name", "—");
}

static void print_now(json_t *j)
{
	json_t *s = json_object_get(j, "shift");
	char a[40], b[40];

	if (!json_is_object(s)) {
		printf("此时没有值班班次 / no shift at this time\n");
		return;
	}
	printf("班次 shift:        %s  %s — %s\n", client_str(s, "kind_zh", ""),
	       client_time(json_object_get(s, "starts_at"), a),
	       client_time(json_object_get(s, "ends_at"), b));
	printf("值班员 officer:    %s\n", person(s, "officer"));
	printf("带班领导 leader:   %s\n", person(s, "leader"));
	printf("A 角 / B 角:       %s / %s\n", person(s, "a"), person(s, "b"));
	printf("值班电话 phone:    %s\n", client_str(s, "phone", "—"));
	printf("承办值班工作 duty: %s（%s）\n", person(j, "duty"),
	       client_str(json_object_get(j, "duty"), "how_zh", "—"));
}

static void print_shifts(json_t *j)
{
	size_t i;
	json_t *s;
	char a[40], b[40];

	client_cell("开始 start", 20);
	client_cell("结束 end", 20);
	client_cell("班次", 8);
	client_cell("值班员", 10);
	client_cell("带班领导", 10);
	printf("值班电话\n");
	json_array_foreach(json_object_get(j, "items"), i, s)
	{
		client_cell(client_time(json_object_get(s, "starts_at"), a), 20);
		client_cell(client_time(json_object_get(s, "ends_at"), b), 20);
		client_cell(client_str(s, "kind_zh", ""), 8);
		client_cell(person(s, "officer"), 10);
		client_cell(person(s, "leader"), 10);
		printf("%s\n", client_str(s, "phone", ""));
	}
}

static void print_log(json_t *j)
{
	size_t i;
	json_t *e;
	char a[40];

	json_array_foreach(json_object_get(j, "items"), i, e)
	{
		printf("%s  %s  %s  %s%s\n", client_time(json_object_get(e, "at"), a),
		       client_str(e, "kind_zh", ""), client_str(e, "caller", ""),
		       client_str(e, "text", ""),
		       json_is_integer(json_object_get(e, "incident_id")) ? "  [已报告事件]" : "");
	}
}

static void print_created(json_t *j)
{
	if (json_object_get(j, "created"))
		printf("已生成 %lld 个班次 / %lld shifts made\n", client_int(j, "created"),
		       client_int(j, "created"));
	else
		printf("已记录 / recorded\n");
}

int cmd_duty(struct cli_opts *o)
{
	char path[512];
	bool json;
	const char *sub = o->nargs ? o->args[0] : "";

	if (o->nargs != 1)
		goto usage;
	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "now")) {
		snprintf(path, sizeof(path), "/api/v1/duty/now");
		if (o->at)
			client_add_query(path, sizeof(path), "at", o->at);
		return client_get(path, json, print_now);
	}
	if (!strcmp(sub, "shifts") || !strcmp(sub, "log")) {
		snprintf(path, sizeof(path), "/api/v1/duty/%s", sub);
		if (o->from)
			client_add_query(path, sizeof(path), "from", o->from);
		if (o->to)
			client_add_query(path, sizeof(path), "to", o->to);
		return client_get(path, json, !strcmp(sub, "log") ? print_log : print_shifts);
	}
	if (!strcmp(sub, "generate"))
		return client_submit("POST", "/api/v1/duty/generate", client_json_arg(o->json),
		                     json, print_created);
	if (!strcmp(sub, "log-add") && o->title)
		return client_submit(
		    "POST", "/api/v1/duty/log",
		    json_pack("{ss ss}", "kind", o->kind ? o->kind : "call", "text", o->title),
		    json, print_created);
usage:
	return cli_error("usage: baomi duty now [--at TIME] | shifts|log [--from DATE] [--to DATE] "
	                 "| generate --json FILE | log-add --title TEXT [--kind call|event|other]");
}
