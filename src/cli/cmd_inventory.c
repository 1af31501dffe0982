/*
 * cmd_inventory.c — `baomi inventory ...`: inventories with labels (清查盘点)
 * as a client of the running server (see client.h).
 *
 *   baomi inventory list | show ID
 *   baomi inventory open --json '{"name":"2026年度清查","department_id":3}'
 *   baomi inventory scan ID CODE [PLACE]       (CODE "-": one scan per line of stdin, so a USB
 *                                              scanner can type straight into the terminal)
 *   baomi inventory close ID
 *   baomi inventory report ID --format pdf|xlsx -o FILE
 *   baomi inventory labels --json '{"carriers":[1,2],"layout":"a4-3x8"}' -o FILE
 *
 * --format json prints the API's answer.  Exit codes: 0 done, 1 refused
 * (closed already, not allowed), 2 usage or input error.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "client.h"

static void print_list(json_t *j)
{
	size_t i;
	json_t *k;

	client_cell("ID", 5);
	client_cell("名称", 34);
	client_cell("类型", 10);
	client_cell("状态", 8);
	client_cell("应清点", 8);
	printf("扫描\n");
	json_array_foreach(json_object_get(j, "items"), i, k)
	{
		char id[24], n[24];

		snprintf(id, sizeof(id), "%lld", client_int(k, "id"));
		client_cell(id, 5);
		client_cell(client_str(k, "name", ""), 34);
		client_cell(client_str(k, "kind_zh", ""), 10);
		client_cell(strcmp(client_str(k, "state", ""), "open") ? "已结束" : "进行中", 8);
		snprintf(n, sizeof(n), "%lld", client_int(k, "expected"));
		client_cell(n, 8);
		printf("%lld\n", client_int(k, "scans"));
	}
	printf("共 %lld 个 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void print_one(json_t *j)
{
	json_t *t = json_object_get(j, "tally"), *l;
	size_t i;

	printf("%s（%s，%s）\n", client_str(j, "name", ""), client_str(j, "kind_zh", ""),
	       strcmp(client_str(j, "state", ""), "open") ? "已结束" : "进行中");
	printf("应清点 %lld  已清点 %lld  位置不符 %lld  缺失 %lld  在外 %lld  范围外 %lld  已注销 "
	       "%lld  台账外 %lld  扫描 %lld\n",
	       client_int(t, "expected"), client_int(t, "found"), client_int(t, "wrong_place"),
	       client_int(t, "missing"), client_int(t, "away"), client_int(t, "elsewhere"),
	       client_int(t, "disposed"), client_int(t, "unknown"), client_int(t, "scans"));
	json_array_foreach(json_object_get(j, "lines"), i, l)
	{
		if (!json_is_true(json_object_get(l, "difference")))
			continue;
		client_cell(client_str(l, "number", ""), 26);
		client_cell(client_str(l, "status_zh", ""), 14);
		client_cell(client_str(l, "title", "（不在知悉范围内）"), 36);
		printf("%s\n", client_str(l, "place", ""));
	}
}

static void print_scan(json_t *j)
{
	printf("%s  %s  %s\n", client_str(j, "number", ""), client_str(j, "status_zh", ""),
	       client_str(j, "title", ""));
}

static void print_closed(json_t *j)
{
	json_t *t = json_object_get(j, "tally");

	printf("baomi: 清查已结束 / closed: 已清点 %lld，位置不符 %lld，缺失 %lld\n",
	       client_int(t, "found"), client_int(t, "wrong_place"), client_int(t, "missing"));
}

static void print_opened(json_t *j)
{
	printf("baomi: 清查已开始 / opened: #%lld %s，应清点 %lld 件\n", client_int(j, "id"),
	       client_str(j, "name", ""), client_int(j, "expected"));
}

/* One scan per line of stdin; every line is tried, the worst exit code is returned. */
static int scan_stdin(const char *path, const char *place, bool json)
{
	char line[512];
	int worst = 0;

	while (fgets(line, sizeof(line), stdin)) {
		int rc;

		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0])
			continue;
		rc = client_submit("POST", path, json_pack("{ss ss}", "code", line, "place", place),
		                   json, print_scan);
		if (rc > worst)
			worst = rc;
	}
	return worst;
}

int cmd_inventory(struct cli_opts *o)
{
	const char *sub = o->nargs ? o->args[0] : NULL;
	char path[256];
	long long id = 0;
	bool json = false;
	struct client_reply r;

	if (!sub)
		return cli_error("usage: baomi inventory list|show|open|scan|close|report|labels "
		                 "(see 'baomi help')");
	if (strcmp(sub, "report") && strcmp(sub, "labels") && client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "list"))
		return client_get("/api/v1/inventories?limit=200", json, print_list);
	if (!strcmp(sub, "open"))
		return client_submit("POST", "/api/v1/inventories", client_json_arg(o->json), json,
		                     print_opened);
	if (!strcmp(sub, "labels")) {
		if (!o->output || !o->json)
			return cli_error(
			    "usage: baomi inventory labels --json '{\"carriers\":[ID,...],"
			    "\"layout\":\"a4-3x8\"}' -o FILE");
		if (client_send_json("POST", "/api/v1/labels", client_json_arg(o->json), &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	if (o->nargs < 2 || client_parse_id(o->args[1], "inventory", &id))
		return cli_error("usage: baomi inventory %s ID ...", sub);
	snprintf(path, sizeof(path), "/api/v1/inventories/%lld", id);
	if (!strcmp(sub, "show"))
		return client_get(path, json, print_one);
	if (!strcmp(sub, "close")) {
		snprintf(path, sizeof(path), "/api/v1/inventories/%lld/close", id);
		return client_submit("POST", path, json_object(), json, print_closed);
	}
	if (!strcmp(sub, "scan")) {
		const char *place = o->nargs > 3 ? o->args[3] : "";

		if (o->nargs < 3)
			return cli_error("usage: baomi inventory scan ID CODE|- [PLACE]");
		snprintf(path, sizeof(path), "/api/v1/inventories/%lld/scans", id);
		if (!strcmp(o->args[2], "-"))
			return scan_stdin(path, place, json);
		return client_submit("POST", path,
		                     json_pack("{ss ss}", "code", o->args[2], "place", place), json,
		                     print_scan);
	}
	if (!strcmp(sub, "report")) {
		if (!o->output)
			return cli_error(
			    "usage: baomi inventory report ID --format pdf|xlsx -o FILE");
		snprintf(path, sizeof(path), "/api/v1/inventories/%lld/report", id);
		client_add_query(path, sizeof(path), "format", o->format ? o->format : "pdf");
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	return cli_error("inventory: unknown subcommand '%s' (see 'baomi help')", sub);
}
