/*
 * client.c — the HTTP client of the command groups (carrier, incident,
 * plan, warning, calendar, report) and their text-output helpers.
 */
#include "client.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#define REPLY_MAX ((size_t)512 << 20) /* bytes of one answer (exports, PDF forms) */
#define FILE_MAX ((size_t)256 << 20)  /* bytes of one file sent */

static size_t on_data(char *p, size_t sz, size_t n, void *arg)
{
	struct buf *b = arg;

	return buf_append(b, p, sz * n) == BUF_OK ? sz * n : 0;
}

int client_call(const char *method, const char *path, const char *ctype, const void *body,
                size_t len, struct client_reply *r)
{
	static bool inited;
	const char *base = getenv("BAOMI_URL");
	const char *token = getenv("BAOMI_TOKEN");
	struct curl_slist *h = NULL;
	char url[2048], auth[256], ct[128];
	CURL *c;
	CURLcode rc;

	buf_init(&r->body, REPLY_MAX);
	r->status = 0;
	if (!token || !*token) {
		cli_error("set BAOMI_TOKEN to an API token (我的令牌 / POST /api/v1/tokens)");
		return -1;
	}
	if (!inited) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		inited = true;
	}
	snprintf(url, sizeof(url), "%s%s", base && *base ? base : "http://127.0.0.1:8080", path);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	c = curl_easy_init();
	if (!c)
		return cli_error("cannot start libcurl"), -1;
	h = curl_slist_append(h, auth);
	if (ctype) {
		snprintf(ct, sizeof(ct), "Content-Type: %s", ctype);
		h = curl_slist_append(h, ct);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 300L);
	/* a server with its own (self-signed) certificate: BAOMI_CACERT=/etc/baomi/tls/baomi.crt */
	if (getenv("BAOMI_CACERT") && *getenv("BAOMI_CACERT"))
		curl_easy_setopt(c, CURLOPT_CAINFO, getenv("BAOMI_CACERT"));
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	}
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		cli_error("cannot reach %s: %s", url, curl_easy_strerror(rc));
		buf_release(&r->body);
		return -1;
	}
	return 0;
}

int client_send_json(const char *method, const char *path, json_t *body, struct client_reply *r)
{
	char *s = json_dumps(body, JSON_COMPACT);
	int rc;

	json_decref(body);
	if (!s)
		return cli_error("out of memory"), -1;
	rc = client_call(method, path, "application/json", s, strlen(s), r);
	free(s);
	return rc;
}

int client_report(struct client_reply *r)
{
	json_t *j, *e;
	int rc = 0;

	if (r->status < 400)
		return 0;
	j = json_loadb(r->body.ptr ? r->body.ptr : "", r->body.len, 0, NULL);
	e = json_object_get(j, "error");
	{
		const char *field = client_str(e, "field", NULL);

		fprintf(stderr, "baomi: %ld %s / %s%s%s\n", r->status, client_str(e, "message", ""),
		        client_str(e, "message_en", ""), field ? " — field " : "",
		        field ? field : "");
		if (json_is_array(json_object_get(j, "errors"))) {
			size_t i;
			json_t *v;

			json_array_foreach(json_object_get(j, "errors"), i, v)
			    fprintf(stderr, "  line %lld, %s: %s\n",
			            (long long)json_integer_value(json_object_get(v, "line")),
			            client_str(v, "field", ""), client_str(v, "message", ""));
		}
		/* the request was malformed or invalid: 2; refused, not found, conflict: 1 */
		rc = r->status == 400 || r->status == 413 || r->status == 415 || r->status == 422
		         ? EXIT_USAGE
		         : EXIT_PROBLEM;
	}
	json_decref(j);
	return rc;
}

int client_print_json(struct client_reply *r)
{
	json_t *j = NULL;
	int rc = client_take_json(r, &j);

	if (!rc && j) {
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		fputc('\n', stdout);
	}
	json_decref(j);
	return rc;
}

int client_take_json(struct client_reply *r, json_t **out)
{
	json_error_t err;
	int rc = client_report(r);

	*out = NULL;
	if (!rc && r->body.len) {
		*out = json_loadb(r->body.ptr, r->body.len, 0, &err);
		if (!*out)
			rc = cli_error("the server's answer is not JSON: %s", err.text);
	}
	buf_release(&r->body);
	return rc;
}

int client_save(struct client_reply *r, const char *path)
{
	int rc = client_report(r);
	FILE *f;

	if (!rc) {
		f = fopen(path, "wb");
		if (!f || fwrite(r->body.ptr ? r->body.ptr : "", 1, r->body.len, f) != r->body.len)
			rc = cli_error("cannot write %s", path);
		if (f && fclose(f) != 0 && !rc)
			rc = cli_error("cannot write %s", path);
		if (!rc)
			printf("baomi: 已保存 / saved %zu bytes to %s\n", r->body.len, path);
	}
	buf_release(&r->body);
	return rc;
}

int client_show(struct client_reply *r, bool json, void (*text)(json_t *))
{
	json_t *j;
	int rc;

	if (json)
		return client_print_json(r);
	rc = client_take_json(r, &j);
	if (!rc && j)
		text(j);
	json_decref(j);
	return rc;
}

int client_get(const char *path, bool json, void (*text)(json_t *))
{
	struct client_reply r;

	if (client_call("GET", path, NULL, NULL, 0, &r))
		return EXIT_USAGE;
	return client_show(&r, json, text);
}

int client_submit(const char *method, const char *path, json_t *body, bool json,
                  void (*text)(json_t *))
{
	struct client_reply r;

	if (!body || client_send_json(method, path, body, &r))
		return EXIT_USAGE;
	return client_show(&r, json, text);
}

int client_read_file(const char *path, struct buf *b)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int rc = 0;

	buf_init(b, FILE_MAX);
	if (!f)
		return cli_error("cannot read %s", path), -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(b, chunk, n) != BUF_OK) {
			rc = cli_error("%s is too large", path);
			break;
		}
	if (!rc && ferror(f))
		rc = cli_error("cannot read %s", path);
	if (f != stdin)
		fclose(f);
	if (rc) {
		buf_release(b);
		return -1;
	}
	return 0;
}

json_t *client_json_arg(const char *arg)
{
	json_error_t err;
	json_t *j;
	struct buf b;

	if (!arg)
		return json_object();
	if (arg[0] == '{')
		j = json_loads(arg, JSON_REJECT_DUPLICATES, &err);
	else {
		if (client_read_file(arg, &b))
			return NULL;
		j = json_loadb(b.ptr ? b.ptr : "", b.len, JSON_REJECT_DUPLICATES, &err);
		buf_release(&b);
	}
	if (!json_is_object(j)) {
		cli_error("--json: line %d: %s", j ? 1 : err.line, j ? "not an object" : err.text);
		json_decref(j);
		return NULL;
	}
	return j;
}

int client_parse_id(const char *s, const char *what, long long *id)
{
	char *end;

	*id = s ? strtoll(s, &end, 10) : 0;
	if (!s || *end || *id <= 0)
		return cli_error("'%s' is not a valid %s id", s ? s : "", what), -1;
	return 0;
}

void client_add_query(char *q, size_t n, const char *name, const char *v)
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

int client_want_json(const char *format, bool *json)
{
	*json = format && !strcmp(format, "json");
	if (format && !*json && strcmp(format, "text"))
		return cli_error("--format %s: expected json or text", format), -1;
	return 0;
}

/* ---- text output ---- */

const char *client_str(json_t *o, const char *key, const char *dflt)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : dflt;
}

long long client_int(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

/* Is this code point shown two columns wide (CJK, Hangul, full-width forms)? */
static bool wide(unsigned long cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

int client_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;

	while (p && *p) {
		unsigned long cp = *p;
		int more = 0;

		if (cp >= 0xf0)
			cp &= 0x07, more = 3;
		else if (cp >= 0xe0)
			cp &= 0x0f, more = 2;
		else if (cp >= 0xc0)
			cp &= 0x1f, more = 1;
		p++;
		while (more-- > 0 && (*p & 0xc0) == 0x80)
			cp = (cp << 6) | (*p++ & 0x3f);
		if (cp >= 0x20)
			w += wide(cp) ? 2 : 1;
	}
	return w;
}

void client_cell(const char *s, int width)
{
	int w = client_width(s);

	fputs(s ? s : "", stdout);
	for (; w < width; w++)
		fputc(' ', stdout);
	fputc(' ', stdout);
}

const char *client_time(json_t *t, char *out)
{
	const char *s = json_string_value(t);

	if (!s || strlen(s) < 16) {
		snprintf(out, 20, "%s", s && *s ? s : "—");
		return out;
	}
	snprintf(out, 20, "%.10s %.5s", s, s + 11);
	return out;
}

void client_span(long long s, char *out, size_t n)
{
	if (s < 0)
		s = -s;
	if (s >= 86400)
		snprintf(out, n, "%lld天%lld小时", s / 86400, s % 86400 / 3600);
	else if (s >= 3600)
		snprintf(out, n, "%lld小时%02lld分", s / 3600, s % 3600 / 60);
	else if (s >= 60)
		snprintf(out, n, "%lld分", s / 60);
	else
		snprintf(out, n, "%lld秒", s);
}

const char *client_level(json_t *lv, char *out, size_t n, const char *dflt)
{
	if (!json_is_object(lv))
		return dflt;
	snprintf(out, n, "%s %s", client_str(lv, "code", ""), client_str(lv, "zh", ""));
	return out;
}

void client_print_fields(json_t *obj, const char *const (*labels)[2])
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		const char *label = key, *s;

		for (const char *const(*l)[2] = labels; l && (*l)[0]; l++)
			if (!strcmp((*l)[0], key))
				label = (*l)[1];
		if (json_is_boolean(v)) {
			printf("  %s：%s\n", label, json_is_true(v) ? "是" : "否");
			continue;
		}
		s = json_string_value(v);
		if (!s || !*s)
			continue;
		printf("  %s：", label);
		for (; *s; s++) {
			fputc(*s, stdout);
			if (*s == '\n' && s[1])
				fputs("    ", stdout);
		}
		fputc('\n', stdout);
	}
}
