/*
 * cmd_review.c — `baomi review`: 信息发布保密审查 from the command line, a
 * client of the running server (see client.h) over /api/v1/publication-
 * reviews, /publication-hits, /publications and /review-keywords.
 *
 *   baomi review list|show ID|register
 *   baomi review submit FILE --title T --channel website|wechat|news|other
 *   baomi review upload ID FILE
 *   baomi review approve ID --reason T | reject ID --reason T
 *   baomi review clear HIT_ID --reason T
 *   baomi review publish ID --channel C --at YYYY-MM-DD [--place P] [--note T]
 *   baomi review keywords | keyword-add WORD --level L [--note T] | keyword-delete ID
 *   baomi review chain [--with dept_head,officer,leader]
 *
 * approve and reject decide the step the submission is at when the command
 * reads it: if another reviewer decides first the server answers 409.
 * publish registers the approved version's frozen SHA-256.
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
	json_t *v;

	client_cell("ID", 6);
	client_cell("状态 state", 12);
	client_cell("未核实 hits", 12);
	printf("标题 title\n");
	json_array_foreach(json_object_get(j, "items"), i, v)
	{
		char id[24], hits[24];

		snprintf(id, sizeof(id), "%lld", client_int(v, "id"));
		snprintf(hits, sizeof(hits), "%lld", client_int(v, "hits_open"));
		client_cell(id, 6);
		client_cell(client_str(v, "state", ""), 12);
		client_cell(hits, 12);
		printf("%s\n", client_str(v, "title", ""));
	}
}

static void print_review(json_t *r)
{
	size_t i;
	json_t *h;

	printf("%s\n  状态 state: %s  第%lld稿 version %lld  SHA-256 %s\n",
	       client_str(r, "title", ""), client_str(r, "state", ""), client_int(r, "version"),
	       client_int(r, "version"), client_str(r, "sha256", ""));
	if (json_is_string(json_object_get(r, "frozen_sha256")))
		printf("  批准固化 frozen: %s\n", client_str(r, "frozen_sha256", ""));
	json_array_foreach(json_object_get(r, "hits"), i, h)
	{
		json_t *c = json_object_get(h, "carrier");

		printf("  命中 hit %lld [%s]%s %s — %s\n", client_int(h, "id"),
		       client_str(h, "kind", ""),
		       json_is_true(json_object_get(h, "cleared")) ? " 已核实无密" : "",
		       c && json_is_object(c) ? client_str(c, "title", "")
		                              : client_str(h, "word", "■"),
		       client_str(h, "context", ""));
	}
}

static void print_register(json_t *j)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(j, "items"), i, v)
	    printf("%s  %s %s  %s  %.16s…\n", client_str(v, "published_on", ""),
	           client_str(v, "channel", ""), client_str(v, "place", ""),
	           client_str(v, "title", ""), client_str(v, "sha256", ""));
}

static void print_keywords(json_t *j)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(j, "items"), i, v)
	    printf("%lld  %s  %s  %s\n", client_int(v, "id"), client_str(v, "level", ""),
	           client_str(v, "word", ""), client_str(v, "note", ""));
}

static void print_chain(json_t *j)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(j, "steps"), i, v)
	    printf("%s%s", i ? " → " : "", json_string_value(v));
	printf("\n");
}

/* Uploads FILE to path (with name=FILE's base name added); prints the answer. */
static int upload(const char *path_base, const char *file, bool json)
{
	struct buf b;
	struct client_reply r;
	char path[1024];
	const char *base = strrchr(file, '/');
	int rc;

	snprintf(path, sizeof(path), "%s", path_base);
	client_add_query(path, sizeof(path), "name", base ? base + 1 : file);
	if (client_read_file(file, &b))
		return EXIT_USAGE;
	rc = client_call("POST", path, "application/octet-stream", b.ptr, b.len, &r);
	buf_release(&b);
	if (rc)
		return EXIT_USAGE;
	return client_show(&r, json, print_review);
}

/* The submission's current step, read before deciding it (-1 after a message). */
static int current_step(long long id)
{
	struct client_reply r;
	json_t *j = NULL;
	char path[128];
	int step;

	snprintf(path, sizeof(path), "/api/v1/publication-reviews/%lld", id);
	if (client_call("GET", path, NULL, NULL, 0, &r) || client_take_json(&r, &j) || !j)
		return -1;
	step = (int)client_int(j, "step");
	json_decref(j);
	return step;
}

static int need(const char *v, const char *opt)
{
	if (v && *v)
		return 0;
	cli_error("baomi review: %s is required", opt);
	return -1;
}

int cmd_review(struct cli_opts *o)
{
	const char *sub = o->nargs ? o->args[0] : "";
	char path[1024];
	long long id = 0;
	bool json;

	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "list") && o->nargs == 1)
		return client_get("/api/v1/publication-reviews", json, print_list);
	if (!strcmp(sub, "register") && o->nargs == 1)
		return client_get("/api/v1/publications", json, print_register);
	if (!strcmp(sub, "keywords") && o->nargs == 1)
		return client_get("/api/v1/review-keywords", json, print_keywords);
	if (!strcmp(sub, "chain") && o->nargs == 1) {
		json_t *steps;
		char buf[128], *save = NULL;

		if (!o->with)
			return client_get("/api/v1/publication-chain", json, print_chain);
		steps = json_array();
		snprintf(buf, sizeof(buf), "%s", o->with);
		for (char *s = strtok_r(buf, ",", &save); s; s = strtok_r(NULL, ",", &save))
			json_array_append_new(steps, json_string(s));
		return client_submit("PUT", "/api/v1/publication-chain",
		                     json_pack("{so}", "steps", steps), json, print_chain);
	}
	if (!strcmp(sub, "keyword-add") && o->nargs == 2) {
		if (need(o->level, "--level"))
			return EXIT_USAGE;
		return client_submit("POST", "/api/v1/review-keywords",
		                     json_pack("{ss ss ss}", "word", o->args[1], "level", o->level,
		                               "note", o->note ? o->note : ""),
		                     json, NULL);
	}
	if (!strcmp(sub, "submit") && o->nargs == 2) {
		if (need(o->title, "--title") || need(o->channel, "--channel"))
			return EXIT_USAGE;
		snprintf(path, sizeof(path), "/api/v1/publication-reviews");
		client_add_query(path, sizeof(path), "title", o->title);
		client_add_query(path, sizeof(path), "channel", o->channel);
		return upload(path, o->args[1], json);
	}
	if (o->nargs < 2 || client_parse_id(o->args[1], "review", &id))
		return cli_error(
		    "usage: baomi review list|show ID|submit FILE|upload ID FILE|approve "
		    "ID|reject ID|clear HIT_ID|publish ID|register|keywords|keyword-add "
		    "WORD|keyword-delete ID|chain (baomi help review)");
	snprintf(path, sizeof(path), "/api/v1/publication-reviews/%lld", id);
	if (!strcmp(sub, "show") && o->nargs == 2)
		return client_get(path, json, print_review);
	if (!strcmp(sub, "keyword-delete") && o->nargs == 2) {
		snprintf(path, sizeof(path), "/api/v1/review-keywords/%lld", id);
		return client_submit("DELETE", path, NULL, json, NULL);
	}
	if (!strcmp(sub, "upload") && o->nargs == 3) {
		snprintf(path, sizeof(path), "/api/v1/publication-reviews/%lld/versions", id);
		return upload(path, o->args[2], json);
	}
	if ((!strcmp(sub, "approve") || !strcmp(sub, "reject")) && o->nargs == 2) {
		int step;

		if (need(o->reason, "--reason"))
			return EXIT_USAGE;
		step = current_step(id);
		if (step < 0)
			return EXIT_PROBLEM;
		snprintf(path, sizeof(path), "/api/v1/publication-reviews/%lld/decision", id);
		return client_submit("POST", path,
		                     json_pack("{si ss ss}", "step", step, "decision",
		                               !strcmp(sub, "approve") ? "approve" : "reject",
		                               "reason", o->reason),
		                     json, print_review);
	}
	if (!strcmp(sub, "clear") && o->nargs == 2) {
		if (need(o->reason, "--reason"))
			return EXIT_USAGE;
		snprintf(path, sizeof(path), "/api/v1/publication-hits/%lld/clear", id);
		return client_submit("POST", path, json_pack("{ss}", "reason", o->reason), json,
		                     print_review);
	}
	if (!strcmp(sub, "publish") && o->nargs == 2) {
		struct client_reply r;
		json_t *j = NULL, *body;
		int rc;

		if (need(o->channel, "--channel") || need(o->at, "--at"))
			return EXIT_USAGE;
		if (client_call("GET", path, NULL, NULL, 0, &r) || client_take_json(&r, &j) || !j)
			return EXIT_PROBLEM;
		body = json_pack("{ss ss ss ss ss}", "sha256", client_str(j, "frozen_sha256", ""),
		                 "channel", o->channel, "published_on", o->at, "place",
		                 o->place ? o->place : "", "note", o->note ? o->note : "");
		json_decref(j);
		snprintf(path, sizeof(path), "/api/v1/publication-reviews/%lld/publications", id);
		rc = client_submit("POST", path, body, json, print_review);
		return rc;
	}
	return cli_error("baomi review: unknown or incomplete command (baomi help review)");
}
