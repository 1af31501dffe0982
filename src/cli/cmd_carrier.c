/*
 * cmd_carrier.c — `baomi carrier ...`: the ledger from the command line.
 *
 * The command is a client of the running server's API, so the same rules,
 * need-to-know and audit apply as in the web UI.  It finds the server in
 * --url or BAOMI_URL (default http://127.0.0.1:8080) and authenticates with
 * an API token from BAOMI_TOKEN (create one on 我的令牌 or POST /api/v1/tokens).
 *
 *   baomi carrier list [--q WORDS] [--level L] [--state S] [--type T] [--format json]
 *   baomi carrier show ID | history ID | stats | reminders
 *   baomi carrier register --json FILE|-            (fields as POST /api/v1/carriers)
 *   baomi carrier ACTION ID [--json FILE|-]         (borrow, return, circulate, sign,
 *       take_out, repair, repair_done, return_issuer, destroy, declassify,
 *       change_level, extend, archive, copy, review, restore)
 *   baomi carrier request ID ACTION --reason TEXT
 *   baomi carrier approve|reject REQUEST_ID [--comment TEXT]
 *   baomi carrier requests
 *   baomi carrier import FILE                        (CSV or XLSX)
 *   baomi carrier export [--format xlsx|csv] -o FILE
 *
 * Exit codes: 0 done, 2 refused by the server or a usage/connection error
 * (the server's message is printed).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/carrier.h"
#include "client.h"

static int print_list(struct client_reply *r)
{
	json_t *j, *items, *v;
	size_t i;
	int rc = client_report(r);

	if (rc)
		goto out;
	j = json_loadb(r->body.ptr ? r->body.ptr : "", r->body.len, 0, NULL);
	items = json_object_get(j, "items");
	printf("%-6s %-26s %-6s %-8s %s\n", "ID", "编号", "密级", "状态", "名称");
	json_array_foreach(items, i, v)
	{
		enum level l = LEVEL_NONE;
		enum carrier_state s = CS_IN_CUSTODY;

		level_parse(json_string_value(json_object_get(v, "level")), &l);
		carrier_state_parse(json_string_value(json_object_get(v, "state")), &s);
		printf("%-6lld %-24s %-4s %-6s %s\n",
		       (long long)json_integer_value(json_object_get(v, "id")),
		       json_string_value(json_object_get(v, "number")), level_zh(l),
		       carrier_state_zh(s), json_string_value(json_object_get(v, "title")));
	}
	printf("共 %lld 条 / %lld total\n",
	       (long long)json_integer_value(json_object_get(j, "total")),
	       (long long)json_integer_value(json_object_get(j, "total")));
	json_decref(j);
out:
	buf_release(&r->body);
	return rc;
}

int cmd_carrier(struct cli_opts *o)
{
	struct client_reply r;
	const char *sub = o->nargs ? o->args[0] : NULL;
	enum carrier_action a;
	char path[1024];
	long long id;

	if (!sub)
		return cli_error("usage: baomi carrier list|show|history|register|ACTION|request|"
		                 "approve|reject|requests|stats|reminders|import|export (see "
		                 "'baomi help')");
	if (!strcmp(sub, "list")) {
		snprintf(path, sizeof(path), "/api/v1/carriers?limit=500");
		client_add_query(path, sizeof(path), "q", o->q);
		client_add_query(path, sizeof(path), "level", o->level);
		client_add_query(path, sizeof(path), "state", o->state);
		client_add_query(path, sizeof(path), "type", o->type);
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return o->format && !strcmp(o->format, "json") ? client_print_json(&r)
		                                               : print_list(&r);
	}
	if (!strcmp(sub, "stats") || !strcmp(sub, "reminders") || !strcmp(sub, "requests")) {
		snprintf(path, sizeof(path), "%s",
		         !strcmp(sub, "requests") ? "/api/v1/carrier-requests"
		         : !strcmp(sub, "stats")  ? "/api/v1/carriers/stats"
		                                  : "/api/v1/carriers/reminders");
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_print_json(&r);
	}
	if (!strcmp(sub, "show") || !strcmp(sub, "history")) {
		if (o->nargs != 2 || client_parse_id(o->args[1], "carrier", &id))
			return cli_error("usage: baomi carrier %s ID", sub);
		snprintf(path, sizeof(path), "/api/v1/carriers/%lld%s", id,
		         !strcmp(sub, "history") ? "/history" : "");
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_print_json(&r);
	}
	if (!strcmp(sub, "register")) {
		json_t *j = client_json_arg(o->json);

		if (!j || client_send_json("POST", "/api/v1/carriers", j, &r))
			return EXIT_USAGE;
		return client_print_json(&r);
	}
	if (!strcmp(sub, "request")) {
		json_t *j;

		if (o->nargs != 3 || client_parse_id(o->args[1], "carrier", &id) || !o->reason)
			return cli_error("usage: baomi carrier request ID ACTION --reason TEXT");
		j = json_pack("{ss ss}", "action", o->args[2], "reason", o->reason);
		snprintf(path, sizeof(path), "/api/v1/carriers/%lld/requests", id);
		if (client_send_json("POST", path, j, &r))
			return EXIT_USAGE;
		return client_print_json(&r);
	}
	if (!strcmp(sub, "approve") || !strcmp(sub, "reject")) {
		json_t *j;

		if (o->nargs != 2 || client_parse_id(o->args[1], "carrier", &id))
			return cli_error("usage: baomi carrier %s REQUEST_ID [--comment TEXT]",
			                 sub);
		j = json_pack("{sb ss}", "approve", !strcmp(sub, "approve"), "comment",
		              o->comment ? o->comment : "");
		snprintf(path, sizeof(path), "/api/v1/carrier-requests/%lld/decision", id);
		if (client_send_json("POST", path, j, &r))
			return EXIT_USAGE;
		return client_print_json(&r);
	}
	if (!strcmp(sub, "import")) {
		struct buf b;
		int rc;

		if (o->nargs != 2 || client_read_file(o->args[1], &b))
			return cli_error("usage: baomi carrier import FILE (CSV or XLSX)");
		rc = client_call("POST", "/api/v1/carriers/import", NULL, b.ptr ? b.ptr : "", b.len,
		                 &r);
		buf_release(&b);
		if (rc)
			return EXIT_USAGE;
		return client_print_json(&r);
	}
	if (!strcmp(sub, "export")) {
		if (!o->output)
			return cli_error("usage: baomi carrier export [--format xlsx|csv] -o FILE");
		snprintf(path, sizeof(path), "/api/v1/carriers/export?format=%s",
		         o->format ? o->format : "xlsx");
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	if (carrier_action_parse(sub, &a) == 0) {
		json_t *j;

		if (o->nargs != 2 || client_parse_id(o->args[1], "carrier", &id))
			return cli_error("usage: baomi carrier %s ID [--json FILE|-|'{...}']", sub);
		j = client_json_arg(o->json);
		if (!j)
			return EXIT_USAGE;
		json_object_set_new(j, "action", json_string(carrier_action_code(a)));
		snprintf(path, sizeof(path), "/api/v1/carriers/%lld/actions", id);
		if (client_send_json("POST", path, j, &r))
			return EXIT_USAGE;
		return client_print_json(&r);
	}
	return cli_error("carrier: unknown subcommand '%s'", sub);
}
