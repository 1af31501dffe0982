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
 *       change_level, extend, archive, copy, review)
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

#include <curl/curl.h>
#include <jansson.h>

#include "../core/carrier.h"
#include "../util/buf.h"

struct http_result {
	long status;
	struct buf body;
};

static size_t on_data(char *p, size_t sz, size_t n, void *arg)
{
	struct buf *b = arg;

	return buf_append(b, p, sz * n) == BUF_OK ? sz * n : 0;
}

/* One request to the server; body may be NULL. Returns 0 when the request was made. */
static int call(const char *method, const char *path, const char *ctype, const void *body,
                size_t len, struct http_result *res)
{
	const char *base = getenv("BAOMI_URL");
	const char *token = getenv("BAOMI_TOKEN");
	struct curl_slist *h = NULL;
	char url[2048], auth[256], ct[128];
	CURL *c;
	CURLcode rc;

	buf_init(&res->body, (size_t)512 << 20);
	res->status = 0;
	if (!token || !*token) {
		cli_error(
		    "carrier: set BAOMI_TOKEN to an API token (我的令牌 / POST /api/v1/tokens)");
		return -1;
	}
	snprintf(url, sizeof(url), "%s%s", base && *base ? base : "http://127.0.0.1:8080", path);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	c = curl_easy_init();
	if (!c)
		return -1;
	h = curl_slist_append(h, auth);
	if (ctype) {
		snprintf(ct, sizeof(ct), "Content-Type: %s", ctype);
		h = curl_slist_append(h, ct);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &res->body);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 300L);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	}
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		cli_error("carrier: cannot reach %s: %s", url, curl_easy_strerror(rc));
		buf_release(&res->body);
		return -1;
	}
	return 0;
}

/* Prints the server's error (Chinese / English, field) and returns the exit code. */
static int report(struct http_result *r)
{
	json_t *j = json_loadb(r->body.ptr ? r->body.ptr : "", r->body.len, 0, NULL);
	json_t *e = json_object_get(j, "error");
	int rc = 0;

	if (r->status >= 400) {
		const char *field = json_string_value(json_object_get(e, "field"));

		fprintf(stderr, "baomi: %ld %s / %s%s%s\n", r->status,
		        json_string_value(json_object_get(e, "message")) ?: "",
		        json_string_value(json_object_get(e, "message_en")) ?: "",
		        field ? " — field " : "", field ? field : "");
		if (json_is_array(json_object_get(j, "errors"))) {
			size_t i;
			json_t *v;

			json_array_foreach(json_object_get(j, "errors"), i, v)
			    fprintf(stderr, "  line %lld, %s: %s\n",
			            (long long)json_integer_value(json_object_get(v, "line")),
			            json_string_value(json_object_get(v, "field")),
			            json_string_value(json_object_get(v, "message")));
		}
		rc = EXIT_USAGE;
	}
	json_decref(j);
	return rc;
}

static int print_json(struct http_result *r)
{
	json_t *j;
	int rc = report(r);

	if (rc)
		goto out;
	j = json_loadb(r->body.ptr ? r->body.ptr : "", r->body.len, 0, NULL);
	if (j) {
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		fputc('\n', stdout);
		json_decref(j);
	}
out:
	buf_release(&r->body);
	return rc;
}

static int print_list(struct http_result *r)
{
	json_t *j, *items, *v;
	size_t i;
	int rc = report(r);

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

static int read_all(const char *path, struct buf *b)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[65536];
	size_t n;

	buf_init(b, (size_t)256 << 20);
	if (!f)
		return cli_error("carrier: cannot read %s", path), -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(b, chunk, n) != BUF_OK) {
			if (f != stdin)
				fclose(f);
			return cli_error("carrier: %s is too large", path), -1;
		}
	if (f != stdin)
		fclose(f);
	return 0;
}

/* --json text: a file, "-" for stdin, or inline JSON */
static json_t *json_arg(const char *arg)
{
	json_error_t err;
	json_t *j;
	struct buf b;

	if (!arg)
		return json_object();
	if (arg[0] == '{')
		j = json_loads(arg, JSON_REJECT_DUPLICATES, &err);
	else {
		if (read_all(arg, &b))
			return NULL;
		j = json_loadb(b.ptr ? b.ptr : "", b.len, JSON_REJECT_DUPLICATES, &err);
		buf_release(&b);
	}
	if (!json_is_object(j)) {
		cli_error("carrier: --json: line %d: %s", err.line, j ? "not an object" : err.text);
		json_decref(j);
		return NULL;
	}
	return j;
}

static int post_json(const char *path, json_t *body, struct http_result *r)
{
	char *s = json_dumps(body, JSON_COMPACT);
	int rc;

	json_decref(body);
	if (!s)
		return -1;
	rc = call("POST", path, "application/json", s, strlen(s), r);
	free(s);
	return rc;
}

static int parse_id(const char *s, long long *id)
{
	char *end;

	*id = s ? strtoll(s, &end, 10) : 0;
	if (!s || *end || *id <= 0)
		return cli_error("carrier: '%s' is not a carrier id", s ? s : ""), -1;
	return 0;
}

static void add_query(char *q, size_t n, const char *name, const char *v)
{
	char *esc;
	CURL *c;

	if (!v || !*v)
		return;
	c = curl_easy_init();
	esc = c ? curl_easy_escape(c, v, 0) : NULL;
	if (esc)
		snprintf(q + strlen(q), n - strlen(q), "%s%s=%s", strchr(q, '?') ? "&" : "?", name,
		         esc);
	curl_free(esc);
	curl_easy_cleanup(c);
}

int cmd_carrier(struct cli_opts *o)
{
	struct http_result r;
	const char *sub = o->nargs ? o->args[0] : NULL;
	enum carrier_action a;
	char path[1024];
	long long id;

	if (!sub)
		return cli_error("usage: baomi carrier list|show|history|register|ACTION|request|"
		                 "approve|reject|requests|stats|reminders|import|export (see "
		                 "'baomi help')");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (!strcmp(sub, "list")) {
		snprintf(path, sizeof(path), "/api/v1/carriers?limit=500");
		add_query(path, sizeof(path), "q", o->q);
		add_query(path, sizeof(path), "level", o->level);
		add_query(path, sizeof(path), "state", o->state);
		add_query(path, sizeof(path), "type", o->type);
		if (call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return o->format && !strcmp(o->format, "json") ? print_json(&r) : print_list(&r);
	}
	if (!strcmp(sub, "stats") || !strcmp(sub, "reminders") || !strcmp(sub, "requests")) {
		snprintf(path, sizeof(path), "%s",
		         !strcmp(sub, "requests") ? "/api/v1/carrier-requests"
		         : !strcmp(sub, "stats")  ? "/api/v1/carriers/stats"
		                                  : "/api/v1/carriers/reminders");
		if (call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return print_json(&r);
	}
	if (!strcmp(sub, "show") || !strcmp(sub, "history")) {
		if (o->nargs != 2 || parse_id(o->args[1], &id))
			return cli_error("usage: baomi carrier %s ID", sub);
		snprintf(path, sizeof(path), "/api/v1/carriers/%lld%s", id,
		         !strcmp(sub, "history") ? "/history" : "");
		if (call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return print_json(&r);
	}
	if (!strcmp(sub, "register")) {
		json_t *j = json_arg(o->json);

		if (!j || post_json("/api/v1/carriers", j, &r))
			return EXIT_USAGE;
		return print_json(&r);
	}
	if (!strcmp(sub, "request")) {
		json_t *j;

		if (o->nargs != 3 || parse_id(o->args[1], &id) || !o->reason)
			return cli_error("usage: baomi carrier request ID ACTION --reason TEXT");
		j = json_pack("{ss ss}", "action", o->args[2], "reason", o->reason);
		snprintf(path, sizeof(path), "/api/v1/carriers/%lld/requests", id);
		if (post_json(path, j, &r))
			return EXIT_USAGE;
		return print_json(&r);
	}
	if (!strcmp(sub, "approve") || !strcmp(sub, "reject")) {
		json_t *j;

		if (o->nargs != 2 || parse_id(o->args[1], &id))
			return cli_error("usage: baomi carrier %s REQUEST_ID [--comment TEXT]",
			                 sub);
		j = json_pack("{sb ss}", "approve", !strcmp(sub, "approve"), "comment",
		              o->comment ? o->comment : "");
		snprintf(path, sizeof(path), "/api/v1/carrier-requests/%lld/decision", id);
		if (post_json(path, j, &r))
			return EXIT_USAGE;
		return print_json(&r);
	}
	if (!strcmp(sub, "import")) {
		struct buf b;
		int rc;

		if (o->nargs != 2 || read_all(o->args[1], &b))
			return cli_error("usage: baomi carrier import FILE (CSV or XLSX)");
		rc = call("POST", "/api/v1/carriers/import", NULL, b.ptr ? b.ptr : "", b.len, &r);
		buf_release(&b);
		if (rc)
			return EXIT_USAGE;
		return print_json(&r);
	}
	if (!strcmp(sub, "export")) {
		FILE *f;
		int rc;

		if (!o->output)
			return cli_error("usage: baomi carrier export [--format xlsx|csv] -o FILE");
		snprintf(path, sizeof(path), "/api/v1/carriers/export?format=%s",
		         o->format ? o->format : "xlsx");
		if (call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		rc = report(&r);
		if (!rc) {
			f = fopen(o->output, "wb");
			if (!f || fwrite(r.body.ptr, 1, r.body.len, f) != r.body.len) {
				rc = cli_error("carrier: cannot write %s", o->output);
			}
			if (f && fclose(f) != 0)
				rc = EXIT_USAGE;
			if (!rc)
				printf("baomi: 已导出 / exported %zu bytes to %s\n", r.body.len,
				       o->output);
		}
		buf_release(&r.body);
		return rc;
	}
	if (carrier_action_parse(sub, &a) == 0) {
		json_t *j;

		if (o->nargs != 2 || parse_id(o->args[1], &id))
			return cli_error("usage: baomi carrier %s ID [--json FILE|-|'{...}']", sub);
		j = json_arg(o->json);
		if (!j)
			return EXIT_USAGE;
		json_object_set_new(j, "action", json_string(carrier_action_code(a)));
		snprintf(path, sizeof(path), "/api/v1/carriers/%lld/actions", id);
		if (post_json(path, j, &r))
			return EXIT_USAGE;
		return print_json(&r);
	}
	return cli_error("carrier: unknown subcommand '%s'", sub);
}
