/*
 * cmd_places.c — `baomi place ...`: 保密要害部门部位 from the command line,
 * a client of the running server (see client.h).
 *
 *   baomi place list | show ID | visits
 *   baomi place register --json FILE|-          (POST /api/v1/key-places; the officer)
 *   baomi place edit ID --json FILE|-           (PATCH /api/v1/key-places/ID)
 *   baomi place request ID --json FILE|-        a visit request
 *   baomi place entry ID --json FILE|-          an entry without approval (a finding)
 *   baomi place approve|reject VISIT_ID [--comment TEXT]
 *   baomi place enter VISIT_ID --json FILE|-    ({"escort_id": PERSON_ID}) | leave|cancel VISIT_ID
 *
 * --format json prints the API's answer.  Exit codes: 0 done, 1 refused or
 * not found, 2 a usage, input or connection error (the server's message is
 * printed).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "../core/level.h"
#include "../core/place.h"
#include "client.h"

static const char *kind_zh(const char *code)
{
	enum place_kind k;

	return place_kind_parse(code, &k) ? code : place_kind_zh(k);
}

static const char *level_text(const char *code)
{
	enum level l;

	return level_parse(code, &l) ? code : level_zh(l);
}

static const char *state_zh(const char *code)
{
	for (int s = 0; s < VISIT_STATE_COUNT; s++)
		if (!strcmp(code, visit_state_code((enum visit_state)s)))
			return visit_state_zh((enum visit_state)s);
	return code;
}

static void print_people(json_t *p)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(p, "people"), i, x)
	    printf("%s%s角 %s %s", i ? "，" : "", client_str(x, "role", ""),
	           client_str(x, "name", ""), client_str(x, "phone", ""));
}

static void print_places(json_t *j)
{
	size_t i;
	json_t *p;

	client_cell("ID", 5);
	client_cell("类别", 10);
	client_cell("密级", 6);
	client_cell("名称", 26);
	client_cell("下次复查", 12);
	printf("责任人\n");
	json_array_foreach(json_object_get(j, "items"), i, p)
	{
		char id[24];

		snprintf(id, sizeof(id), "%lld", client_int(p, "id"));
		client_cell(id, 5);
		client_cell(kind_zh(client_str(p, "kind", "")), 10);
		client_cell(level_text(client_str(p, "level", "")), 6);
		client_cell(client_str(p, "name", ""), 26);
		client_cell(client_str(p, "review_due", "—"), 12);
		print_people(p);
		printf("%s\n",
		       json_is_true(json_object_get(p, "review_overdue")) ? "（复查逾期）" : "");
	}
}

static void print_visit(json_t *v)
{
	printf("%lld  %s（%s） %s  %s  %s", client_int(v, "id"), client_str(v, "visitor", ""),
	       client_str(v, "organisation", ""), client_str(v, "id_no_masked", ""),
	       state_zh(client_str(v, "state", "")), client_str(v, "purpose", ""));
	if (json_is_true(json_object_get(v, "unapproved")))
		printf("  未经批准");
	if (*client_str(v, "entered_at", ""))
		printf("  进入 %s", client_str(v, "entered_at", ""));
	if (*client_str(v, "left_at", ""))
		printf("  离开 %s", client_str(v, "left_at", ""));
	printf("\n");
}

static void print_place(json_t *p)
{
	size_t i;
	json_t *x;

	printf("%s  %s  %s  位置：%s\n责任人：", client_str(p, "name", ""),
	       kind_zh(client_str(p, "kind", "")), level_text(client_str(p, "level", "")),
	       client_str(p, "location", ""));
	print_people(p);
	printf("\n审批流程：%s  下次复查：%s\n", client_str(p, "chain", ""),
	       client_str(p, "review_due", "—"));
	printf("存放的载体：\n");
	json_array_foreach(json_object_get(p, "carriers"), i, x)
	    printf("  %s  %s  %s\n", client_str(x, "number", ""),
	           level_text(client_str(x, "level", "")), client_str(x, "title", ""));
	printf("来访：\n");
	json_array_foreach(json_object_get(p, "visits"), i, x)
	{
		printf("  ");
		print_visit(x);
	}
}

static void print_visits(json_t *j)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(j, "items"), i, v)
	{
		printf("%s  ", client_str(v, "place_name", ""));
		print_visit(v);
	}
}

int cmd_place(struct cli_opts *o)
{
	const char *sub = o->nargs ? o->args[0] : NULL;
	char path[256];
	long long id = 0;
	bool json;

	if (!sub)
		return cli_error("usage: baomi place list|show|visits|register|edit|request|entry|"
		                 "approve|reject|enter|leave|cancel (see 'baomi help place')");
	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "list"))
		return client_get("/api/v1/key-places", json, print_places);
	if (!strcmp(sub, "visits"))
		return client_get("/api/v1/place-visits", json, print_visits);
	if (!strcmp(sub, "register")) {
		if (o->nargs != 1 || !o->json)
			return cli_error("usage: baomi place register --json FILE|-");
		return client_submit("POST", "/api/v1/key-places", client_json_arg(o->json), json,
		                     print_place);
	}
	if (o->nargs != 2 || client_parse_id(o->args[1], "place", &id))
		return cli_error("usage: baomi place %s ID", sub);
	if (!strcmp(sub, "show")) {
		snprintf(path, sizeof(path), "/api/v1/key-places/%lld", id);
		return client_get(path, json, print_place);
	}
	if (!strcmp(sub, "edit") || !strcmp(sub, "request") || !strcmp(sub, "entry")) {
		if (!o->json)
			return cli_error("usage: baomi place %s ID --json FILE|-", sub);
		snprintf(path, sizeof(path), "/api/v1/key-places/%lld%s", id,
		         !strcmp(sub, "request") ? "/visits"
		         : !strcmp(sub, "entry") ? "/entries"
		                                 : "");
		return client_submit(!strcmp(sub, "edit") ? "PATCH" : "POST", path,
		                     client_json_arg(o->json), json,
		                     !strcmp(sub, "edit") ? print_place : print_visit);
	}
	if (!strcmp(sub, "approve") || !strcmp(sub, "reject")) {
		json_t *b = json_pack("{sb}", "approve", !strcmp(sub, "approve"));

		if (b && o->comment)
			json_object_set_new(b, "comment", json_string(o->comment));
		snprintf(path, sizeof(path), "/api/v1/place-visits/%lld/decision", id);
		return client_submit("POST", path, b, json, print_visit);
	}
	if (!strcmp(sub, "enter") || !strcmp(sub, "leave") || !strcmp(sub, "cancel")) {
		json_t *b = o->json ? client_json_arg(o->json) : json_object();

		if (b)
			json_object_set_new(b, "action", json_string(sub));
		snprintf(path, sizeof(path), "/api/v1/place-visits/%lld/actions", id);
		return client_submit("POST", path, b, json, print_visit);
	}
	return cli_error("baomi place: unknown subcommand '%s'", sub);
}
