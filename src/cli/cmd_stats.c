/*
 * cmd_stats.c — `baomi stats ...`: the year's statistics (年度统计) as a
 * client of the running server (see client.h).
 *
 *   baomi stats [show] [--year Y] [--unit ID]           every figure with its parts
 *   baomi stats records FIGURE [PART] [--year Y] [--unit ID]   the records behind a figure
 *   baomi stats export --format pdf|xlsx -o FILE [--year Y] [--unit ID]
 *   baomi stats package -o FILE [--year Y]              signed package for the superior unit
 *   baomi stats receive FILE                            a subordinate unit's package
 *
 * --format json prints the API's answer (show, records, receive).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "client.h"

static void print_figures(json_t *j)
{
	const char *section = "";
	json_t *unit = json_object_get(j, "unit"), *subs = json_object_get(j, "subordinates");
	json_t *f, *p, *s;
	size_t i, k;

	printf("%s %lld年度保密工作统计（%s 至 %s）\n", client_str(unit, "name", ""),
	       client_int(j, "year"), client_str(j, "from", ""), client_str(j, "to", ""));
	json_array_foreach(json_object_get(j, "figures"), i, f)
	{
		json_t *rate = json_object_get(f, "on_time_permille");
		json_t *hours = json_object_get(f, "hours");
		int n = 0;

		if (strcmp(section, client_str(f, "section", ""))) {
			section = client_str(f, "section", "");
			printf("\n%s / %s\n", client_str(f, "section_zh", ""),
			       client_str(f, "section_en", ""));
		}
		printf("  ");
		client_cell(client_str(f, "zh", ""), 34);
		printf("%6lld ", client_int(f, "total"));
		json_array_foreach(json_object_get(f, "parts"), k, p) if (client_int(p, "n"))
		    printf("%s%s %lld", n++ ? "、" : " ", client_str(p, "zh", ""),
		           client_int(p, "n"));
		if (json_is_integer(rate))
			printf("%s按时率 %lld.%lld%%", n ? "；" : " ",
			       json_integer_value(rate) / 10, json_integer_value(rate) % 10);
		if (json_is_number(hours))
			printf("%s学时 %.1f", n ? "；" : " ", json_number_value(hours));
		printf("  [%s]\n", client_str(f, "key", ""));
	}
	if (json_array_size(subs)) {
		printf("\n下级单位上报 / subordinate units\n");
		json_array_foreach(subs, i, s)
		    printf("  %s（%s）签名时间 %s\n", client_str(s, "unit_name", ""),
		           client_str(s, "unit_code", ""), client_str(s, "signed_at", ""));
	}
}

static void print_records(json_t *j)
{
	size_t i;
	json_t *r;

	json_array_foreach(json_object_get(j, "items"), i, r)
	{
		printf("  ");
		client_cell(client_str(r, "part_zh", ""), 16);
		printf("%s #%lld %s", client_str(r, "target", ""), client_int(r, "id"),
		       client_str(r, "label", ""));
		if (*client_str(r, "detail", ""))
			printf("  %s", client_str(r, "detail", ""));
		printf("\n");
	}
	printf("共 %lld 条 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void received_line(json_t *r)
{
	printf("baomi: 已接收并验证签名 / received and verified: %s（%s）%lld年度统计\n",
	       client_str(r, "unit_name", ""), client_str(r, "unit_code", ""),
	       client_int(r, "year"));
}

int cmd_stats(struct cli_opts *o)
{
	const char *sub = o->nargs ? o->args[0] : "show";
	struct client_reply r;
	char path[512];
	bool json = false;

	snprintf(path, sizeof(path), "/api/v1/stats");
	if (!strcmp(sub, "export")) {
		const char *fmt = o->format ? o->format : "pdf";

		if (o->nargs != 1 || !o->output)
			return cli_error("usage: baomi stats export --format pdf|xlsx -o FILE "
			                 "[--year Y] [--unit ID]");
		snprintf(path, sizeof(path), "/api/v1/stats/export");
		client_add_query(path, sizeof(path), "format", fmt);
		client_add_query(path, sizeof(path), "year", o->year);
		client_add_query(path, sizeof(path), "unit", o->unit);
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	if (!strcmp(sub, "package")) {
		if (o->nargs != 1 || !o->output)
			return cli_error("usage: baomi stats package -o FILE [--year Y]");
		snprintf(path, sizeof(path), "/api/v1/stats/package");
		client_add_query(path, sizeof(path), "year", o->year);
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "receive")) {
		struct buf b;
		int rc;

		if (o->nargs != 2)
			return cli_error("usage: baomi stats receive FILE");
		if (client_read_file(o->args[1], &b))
			return EXIT_USAGE;
		/* the bytes exactly as signed: any change fails verification */
		rc = client_call("POST", "/api/v1/stats/received", "application/json",
		                 b.ptr ? b.ptr : "", b.len, &r);
		buf_release(&b);
		if (rc)
			return EXIT_USAGE;
		return client_show(&r, json, received_line);
	}
	if (!strcmp(sub, "records")) {
		if (o->nargs < 2 || o->nargs > 3)
			return cli_error(
			    "usage: baomi stats records FIGURE [PART] [--year Y] [--unit ID]");
		snprintf(path, sizeof(path), "/api/v1/stats/records");
		client_add_query(path, sizeof(path), "figure", o->args[1]);
		client_add_query(path, sizeof(path), "part", o->nargs == 3 ? o->args[2] : NULL);
		client_add_query(path, sizeof(path), "year", o->year);
		client_add_query(path, sizeof(path), "unit", o->unit);
		client_add_query(path, sizeof(path), "limit", "1000");
		return client_get(path, json, print_records);
	}
	if (strcmp(sub, "show") || o->nargs > 1)
		return cli_error("stats: unknown subcommand '%s' (see 'baomi help')", sub);
	client_add_query(path, sizeof(path), "year", o->year);
	client_add_query(path, sizeof(path), "unit", o->unit);
	return client_get(path, json, print_figures);
}
