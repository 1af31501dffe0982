/*
 * cmd_people.c — `baomi people find NAME`: look a colleague up by part of
 * their name, to get the account id that `incident task --assignee` and
 * `inspect assign --responsible` take.  A client of the running server (see
 * client.h) over GET /api/v1/account-directory, which only the roles that
 * assign work (and inspectors of an open campaign) may use.
 *
 *   baomi people find NAME [--format json]
 *
 * Exit codes: 0 done (also when nobody matches), 2 refused by the server or
 * a usage/connection error (the server's message is printed).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "client.h"

static void print_people(json_t *j)
{
	size_t i;
	json_t *v;

	client_cell("ID", 8);
	client_cell("姓名 name", 24);
	printf("部门 department\n");
	json_array_foreach(json_object_get(j, "items"), i, v)
	{
		char id[24];

		snprintf(id, sizeof(id), "%lld", client_int(v, "id"));
		client_cell(id, 8);
		client_cell(client_str(v, "display_name", ""), 24);
		printf("%s\n", client_str(v, "department", "—"));
	}
	if (client_int(j, "total") > (long long)json_array_size(json_object_get(j, "items")))
		printf(
		    "（共 %lld 人，请输入更多字缩小范围 / %lld in all: type more of the name）\n",
		    client_int(j, "total"), client_int(j, "total"));
}

int cmd_people(struct cli_opts *o)
{
	char path[512];
	bool json;

	if (o->nargs != 2 || strcmp(o->args[0], "find") != 0)
		return cli_error("usage: baomi people find NAME [--format json]");
	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	snprintf(path, sizeof(path), "/api/v1/account-directory?limit=50");
	client_add_query(path, sizeof(path), "q", o->args[1]);
	return client_get(path, json, print_people);
}
