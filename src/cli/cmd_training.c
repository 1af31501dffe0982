/*
 * cmd_training.c — `baomi training ...`: 保密教育培训 from the command line.
 * A client of the running server (BAOMI_URL, BAOMI_TOKEN; see client.h):
 * who may record and read what, need-to-know and the audit are the server's.
 *
 *   baomi training sessions [--year Y] [--kind pre_post|in_post|topic|holiday]
 *   baomi training show SESSION
 *   baomi training add --json FILE|-          (kind, held_on, hours, title, trainer, material)
 *   baomi training sign SESSION --json FILE|- (person_ids, department_ids, remove, scores)
 *   baomi training record PERSON_ID [--year Y]
 *   baomi training stats [--year Y]
 *   baomi training report [--year Y] --format pdf|xlsx -o FILE
 *   baomi training targets [--json FILE|-]    (the security administrator sets them)
 *
 * Exit codes: 0 done, 1 refused or not found, 2 usage or input error.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "client.h"

static void hours_cell(json_t *o, const char *key, int width)
{
	char b[32];

	snprintf(b, sizeof(b), "%g", json_number_value(json_object_get(o, key)));
	client_cell(b, width);
}

static void print_sessions(json_t *j)
{
	size_t i;
	json_t *s;

	client_cell("ID", 6);
	client_cell("日期 date", 12);
	client_cell("类别 kind", 12);
	client_cell("学时 h", 8);
	client_cell("人数 n", 8);
	printf("主题 title\n");
	json_array_foreach(json_object_get(j, "items"), i, s)
	{
		char id[24], n[24];

		snprintf(id, sizeof(id), "%lld", client_int(s, "id"));
		snprintf(n, sizeof(n), "%lld", client_int(s, "attendees"));
		client_cell(id, 6);
		client_cell(client_str(s, "held_on", ""), 12);
		client_cell(client_str(s, "kind_zh", ""), 12);
		hours_cell(s, "hours", 8);
		client_cell(n, 8);
		printf("%s\n", client_str(s, "title", ""));
	}
}

static void print_session(json_t *s)
{
	size_t i;
	json_t *a;

	printf("%s（%s）\n", client_str(s, "title", ""), client_str(s, "kind_zh", ""));
	printf("日期 date: %s  学时 hours: %g  授课人 trainer: %s\n", client_str(s, "held_on", ""),
	       json_number_value(json_object_get(s, "hours")), client_str(s, "trainer", ""));
	if (*client_str(s, "material", ""))
		printf("材料 material: %s\n", client_str(s, "material", ""));
	printf("参训人员 attendees: %lld\n", client_int(s, "attendees"));
	json_array_foreach(json_object_get(s, "attendee_list"), i, a)
	{
		json_t *score = json_object_get(a, "score");
		char sc[24] = "—";

		if (json_is_integer(score))
			snprintf(sc, sizeof(sc), "%lld", (long long)json_integer_value(score));
		printf("  ");
		client_cell(client_str(a, "name", ""), 12);
		client_cell(client_str(a, "department", ""), 20);
		client_cell(client_str(a, "staff_class_zh", ""), 16);
		printf("%s\n", sc);
	}
}

static void print_record(json_t *r)
{
	size_t i;
	json_t *s;

	printf("%s  %s  %s  %s\n", client_str(r, "name", ""), client_str(r, "department", ""),
	       client_str(r, "staff_class_zh", ""), client_str(r, "status_zh", ""));
	printf("%lld 年学时 hours: %g / 要求 target %g%s\n", client_int(r, "year"),
	       json_number_value(json_object_get(r, "hours")),
	       json_number_value(json_object_get(r, "target")),
	       json_is_true(json_object_get(r, "below_target")) ? "  未达标 below target" : "");
	printf("岗前培训 pre-post training: %s  保密承诺书 commitment: %s\n",
	       json_is_true(json_object_get(r, "pre_post_done")) ? "已完成 done" : "无 none",
	       json_is_true(json_object_get(r, "commitment_signed")) ? "已签订 signed" : "无 none");
	json_array_foreach(json_object_get(r, "sessions"), i, s)
	{
		printf("  ");
		client_cell(client_str(s, "held_on", ""), 12);
		client_cell(client_str(s, "kind_zh", ""), 12);
		hours_cell(s, "hours", 6);
		printf("%s\n", client_str(s, "title", ""));
	}
}

static void print_tally_row(json_t *x, const char *label)
{
	char n[3][24];

	snprintf(n[0], sizeof(n[0]), "%lld", client_int(x, "people"));
	snprintf(n[1], sizeof(n[1]), "%lld", client_int(x, "trained"));
	snprintf(n[2], sizeof(n[2]), "%lld", client_int(x, "below_target"));
	printf("  ");
	client_cell(label, 20);
	client_cell(n[0], 8);
	client_cell(n[1], 8);
	hours_cell(x, "hours", 10);
	printf("%s\n", n[2]);
}

static void print_stats(json_t *j)
{
	size_t i;
	json_t *x;

	printf("%lld 年度保密教育培训统计 / training statistics\n", client_int(j, "year"));
	printf("  ");
	client_cell("", 20);
	client_cell("人数", 8);
	client_cell("参训", 8);
	client_cell("学时", 10);
	printf("未达标\n");
	print_tally_row(json_object_get(j, "totals"), "合计 total");
	json_array_foreach(json_object_get(j, "by_department"), i, x)
	    print_tally_row(x, client_str(x, "department", ""));
	json_array_foreach(json_object_get(j, "by_class"), i, x)
	    print_tally_row(x, client_str(x, "staff_class_zh", ""));
	if (json_array_size(json_object_get(j, "below_target")))
		printf("未达到年度学时要求 / below target:\n");
	json_array_foreach(json_object_get(j, "below_target"), i, x) printf(
	    "  %s  %s  %s  %g / %g\n", client_str(x, "name", ""), client_str(x, "department", ""),
	    client_str(x, "staff_class_zh", ""), json_number_value(json_object_get(x, "hours")),
	    json_number_value(json_object_get(x, "target")));
}

static void print_targets(json_t *j)
{
	size_t i;
	json_t *x;

	printf("年度培训学时要求 / yearly training targets\n");
	json_array_foreach(json_object_get(j, "items"), i, x)
	{
		printf("  ");
		client_cell(client_str(x, "staff_class_zh", ""), 20);
		printf("%g\n", json_number_value(json_object_get(x, "hours")));
	}
}

int cmd_training(struct cli_opts *o)
{
	const char *sub = o->nargs ? o->args[0] : "";
	char path[256];
	long long id = 0;
	bool json;

	if (strcmp(sub, "report") && client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "sessions")) {
		snprintf(path, sizeof(path), "/api/v1/training/sessions?limit=500");
		client_add_query(path, sizeof(path), "year", o->year);
		client_add_query(path, sizeof(path), "kind", o->kind);
		return client_get(path, json, print_sessions);
	}
	if (!strcmp(sub, "show")) {
		if (o->nargs != 2 || client_parse_id(o->args[1], "session", &id))
			return cli_error("usage: baomi training show SESSION");
		snprintf(path, sizeof(path), "/api/v1/training/sessions/%lld", id);
		return client_get(path, json, print_session);
	}
	if (!strcmp(sub, "add")) {
		if (!o->json)
			return cli_error("usage: baomi training add --json FILE|-");
		return client_submit("POST", "/api/v1/training/sessions", client_json_arg(o->json),
		                     json, print_session);
	}
	if (!strcmp(sub, "sign")) {
		if (o->nargs != 2 || !o->json || client_parse_id(o->args[1], "session", &id))
			return cli_error("usage: baomi training sign SESSION --json FILE|-");
		snprintf(path, sizeof(path), "/api/v1/training/sessions/%lld/attendance", id);
		return client_submit("POST", path, client_json_arg(o->json), json, print_session);
	}
	if (!strcmp(sub, "record")) {
		if (o->nargs != 2 || client_parse_id(o->args[1], "person", &id))
			return cli_error("usage: baomi training record PERSON_ID [--year Y]");
		snprintf(path, sizeof(path), "/api/v1/training/people/%lld", id);
		client_add_query(path, sizeof(path), "year", o->year);
		return client_get(path, json, print_record);
	}
	if (!strcmp(sub, "stats")) {
		snprintf(path, sizeof(path), "/api/v1/training/stats");
		client_add_query(path, sizeof(path), "year", o->year);
		return client_get(path, json, print_stats);
	}
	if (!strcmp(sub, "report")) {
		struct client_reply r;

		if (!o->output)
			return cli_error(
			    "usage: baomi training report [--year Y] --format pdf|xlsx -o "
			    "FILE");
		snprintf(path, sizeof(path), "/api/v1/training/stats/report");
		client_add_query(path, sizeof(path), "year", o->year);
		client_add_query(path, sizeof(path), "format", o->format ? o->format : "pdf");
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	if (!strcmp(sub, "targets")) {
		if (o->json)
			return client_submit("PUT", "/api/v1/training/targets",
			                     client_json_arg(o->json), json, print_targets);
		return client_get("/api/v1/training/targets", json, print_targets);
	}
	return cli_error("training: unknown subcommand '%s' (see 'baomi help training')", sub);
}
