/*
 * cmd_contact.c — `baomi contact ...` and `baomi reward ...`: the contact
 * list (通讯录) and the register of rewards and penalties (奖惩) from the
 * command line, as a client of the running server (BAOMI_URL,
 * BAOMI_TOKEN; see client.h): who may read and change what is the
 * server's rule.
 *
 *   baomi contact list [--q TEXT] [--kind K] | show ID
 *   baomi contact add --json FILE|- | edit ID --json FILE|- | remove ID
 *   baomi contact import-plan PLAN_ID
 *   baomi contact roster --format pdf|xlsx -o FILE      (附件一)
 *   baomi reward list [--campaign ID] | show ID | add --json FILE|-
 *
 * Exit codes: 0 done, 1 refused or not found, 2 usage, input or
 * connection error, with the server's message.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "client.h"

static void print_contact_row(json_t *v)
{
	const char *mobile = client_str(v, "mobile", "");
	const char *phone = *mobile ? mobile : client_str(v, "office_phone", "");
	char id[24];

	snprintf(id, sizeof(id), "%lld", client_int(v, "id"));
	client_cell(id, 6);
	client_cell(client_str(v, "kind_zh", ""), 18);
	client_cell(client_str(v, "name", ""), 30);
	if (!strcmp(client_str(v, "kind", ""), "internal")) {
		char post[300];

		snprintf(post, sizeof(post), "%s %s%s%s", client_str(v, "group", ""),
		         client_str(v, "title", ""), *client_str(v, "ab", "") ? " " : "",
		         client_str(v, "ab", ""));
		client_cell(post, 40);
	} else {
		client_cell(client_str(v, "contact_person", ""), 40);
	}
	printf("%s\n", *phone ? phone : "—");
}

static void print_contacts(json_t *j)
{
	size_t i;
	json_t *v;

	client_cell("ID", 6);
	client_cell("类别 kind", 18);
	client_cell("名称 name", 30);
	client_cell("工作组/联系人 group/contact", 40);
	printf("电话 phone\n");
	json_array_foreach(json_object_get(j, "items"), i, v) print_contact_row(v);
	printf("（共 %lld 条 / %lld in all）\n", client_int(j, "total"), client_int(j, "total"));
}

static void print_contact(json_t *v)
{
	static const char *const labels[][2] = {
	    {"kind_zh", "类别 kind"},
	    {"name", "名称 name"},
	    {"group", "工作组 group"},
	    {"title", "职务 post"},
	    {"ab", "A/B 角 role"},
	    {"contact_person", "联系人 contact"},
	    {"office_phone", "办公电话 office"},
	    {"mobile", "手机 mobile"},
	    {"address", "地址 address"},
	    {"trust_zh", "可信程度 trust"},
	    {"notes", "备注 notes"},
	    {NULL, NULL},
	};

	printf("联系人 contact %lld%s\n", client_int(v, "id"),
	       json_is_true(json_object_get(v, "liaison")) ? "（联络员 liaison）" : "");
	client_print_fields(v, labels);
}

static void print_import(json_t *v)
{
	printf("已导入 %lld 人，%lld 人已在通讯录中 / %lld added, %lld already listed\n",
	       client_int(v, "added"), client_int(v, "skipped"), client_int(v, "added"),
	       client_int(v, "skipped"));
}

int cmd_contact(struct cli_opts *o)
{
	struct client_reply r;
	const char *sub = o->nargs ? o->args[0] : NULL;
	char path[512];
	long long id;
	bool json = false;

	if (!sub)
		return cli_error(
		    "usage: baomi contact list|show|add|edit|remove|import-plan|roster "
		    "(see 'baomi help contact')");
	if (strcmp(sub, "roster") && client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "list")) {
		if (o->nargs != 1)
			return cli_error("usage: baomi contact list [--q TEXT] [--kind K]");
		snprintf(path, sizeof(path), "/api/v1/contacts");
		client_add_query(path, sizeof(path), "q", o->q);
		client_add_query(path, sizeof(path), "kind", o->kind);
		return client_get(path, json, print_contacts);
	}
	if (!strcmp(sub, "add")) {
		if (o->nargs != 1 || !o->json)
			return cli_error("usage: baomi contact add --json FILE|-|'{...}'");
		return client_submit("POST", "/api/v1/contacts", client_json_arg(o->json), json,
		                     print_contact);
	}
	if (!strcmp(sub, "import-plan")) {
		if (o->nargs != 2 || client_parse_id(o->args[1], "plan", &id))
			return cli_error("usage: baomi contact import-plan PLAN_ID");
		return client_submit("POST", "/api/v1/contacts/import-plan",
		                     json_pack("{sI}", "plan_id", (json_int_t)id), json,
		                     print_import);
	}
	if (!strcmp(sub, "roster")) {
		if (o->nargs != 1 || !o->output)
			return cli_error("usage: baomi contact roster --format pdf|xlsx -o FILE");
		snprintf(path, sizeof(path), "/api/v1/contacts/roster");
		client_add_query(path, sizeof(path), "format", o->format ? o->format : "pdf");
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	if (strcmp(sub, "show") && strcmp(sub, "edit") && strcmp(sub, "remove"))
		return cli_error("contact: unknown subcommand '%s' (see 'baomi help contact')",
		                 sub);
	if (o->nargs != 2 || client_parse_id(o->args[1], "contact", &id))
		return cli_error("usage: baomi contact %s ID%s", sub,
		                 !strcmp(sub, "edit") ? " --json FILE|-" : "");
	snprintf(path, sizeof(path), "/api/v1/contacts/%lld", id);
	if (!strcmp(sub, "show"))
		return client_get(path, json, print_contact);
	if (!strcmp(sub, "edit")) {
		if (!o->json)
			return cli_error("usage: baomi contact edit ID --json FILE|-|'{...}'");
		return client_submit("PATCH", path, client_json_arg(o->json), json, print_contact);
	}
	if (client_call("DELETE", path, NULL, NULL, 0, &r))
		return EXIT_USAGE;
	return client_show(&r, json, NULL);
}

static void print_reward(json_t *v)
{
	json_t *src = json_object_get(v, "source");
	const char *dept = client_str(v, "department", "");

	printf("%s  %s  %s", client_str(v, "decided_on", ""), client_str(v, "kind_zh", ""),
	       client_str(v, "subject", ""));
	if (!strcmp(client_str(v, "subject_type", ""), "person") && *dept)
		printf("（%s）", dept);
	printf("  %s — %s\n", client_str(v, "basis", ""), client_str(v, "decided_by", ""));
	if (json_is_object(src))
		printf("    关联 source: %s\n", *client_str(src, "title", "")
		                                    ? client_str(src, "title", "")
		                                    : "（无权查看 not visible）");
}

static void print_rewards(json_t *j)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(j, "items"), i, v) print_reward(v);
	printf("（共 %lld 条 / %lld in all）\n", client_int(j, "total"), client_int(j, "total"));
}

int cmd_reward(struct cli_opts *o)
{
	const char *sub = o->nargs ? o->args[0] : NULL;
	char path[256];
	long long id;
	bool json = false;

	if (!sub)
		return cli_error("usage: baomi reward list|show|add (see 'baomi help reward')");
	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "list")) {
		if (o->nargs != 1)
			return cli_error("usage: baomi reward list [--campaign ID]");
		snprintf(path, sizeof(path), "/api/v1/rewards");
		client_add_query(path, sizeof(path), "campaign_id", o->campaign);
		return client_get(path, json, print_rewards);
	}
	if (!strcmp(sub, "show")) {
		if (o->nargs != 2 || client_parse_id(o->args[1], "record", &id))
			return cli_error("usage: baomi reward show ID");
		snprintf(path, sizeof(path), "/api/v1/rewards/%lld", id);
		return client_get(path, json, print_reward);
	}
	if (!strcmp(sub, "add")) {
		if (o->nargs != 1 || !o->json)
			return cli_error("usage: baomi reward add --json FILE|-|'{...}'");
		return client_submit("POST", "/api/v1/rewards", client_json_arg(o->json), json,
		                     print_reward);
	}
	return cli_error("reward: unknown subcommand '%s' (see 'baomi help reward')", sub);
}
