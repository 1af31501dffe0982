/*
 * fuzz_api — libFuzzer target for the request path: route matching, query
 * and header handling, authentication, CSRF and every JSON body handler,
 * against a real data directory.
 *
 * Input: "METHOD PATH[?QUERY]\n" then "Name: value\n" header lines, an empty
 * line, and the body.  The words TOKEN_SYS, TOKEN_SEC, TOKEN_AUD and
 * TOKEN_OFF are replaced with live bearer tokens of the three administrators
 * and a confidentiality officer (also command and leader), so the fuzzer
 * reaches the handlers behind the login.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "../src/api/api.h"

static struct api app;
static struct store *st;
static char tokens[4][SESSION_TOKEN_LEN + 1];
static const char *const token_names[4] = {"TOKEN_SYS", "TOKEN_SEC", "TOKEN_AUD", "TOKEN_OFF"};

static int setup_once(void)
{
	struct store_init_opts io = {.unit_name = "fuzz", .init_password = "Init-Pass-2026!"};
	char tmpl[] = "/tmp/baomi-fuzz-api-XXXXXX", dir[64], err[512], pw[ADMIN_ROLE_COUNT][40];
	struct db *db;
	struct account a;
	struct session s;

	if (sodium_init() < 0 || !mkdtemp(tmpl))
		return -1;
	snprintf(dir, sizeof(dir), "%s/d", tmpl);
	if (store_create(dir, &io, pw, err, sizeof(err)) || store_open(&st, dir, err, sizeof(err)))
		return -1;
	if (db_open(&db, st))
		return -1;
	memset(&a, 0, sizeof(a));
	{
		/* the officer is a person with a 绝密 clearance, so carrier paths open up */
		struct person p;

		person_init(&p);
		p.unit_id = 1;
		strcpy(p.name, "officer");
		p.staff_class = STAFF_CORE;
		p.commitment_signed_on = 20000;
		if (person_insert(db, &p))
			return -1;
		a.person_id = p.id;
	}
	strcpy(a.username, "officer");
	strcpy(a.display_name, "officer");
	a.roles = ROLE_OFFICER | ROLE_STAFF | ROLE_COMMAND | ROLE_LEADER;
	if (account_insert(db, &a, "Init-Pass-2026!"))
		return -1;
	for (int i = 0; i < 4; i++) {
		/* accounts 1-3 are the administrators, 4 the officer; skip the forced change */
		if (account_set_password(db, i + 1, "Fuzz-Pass-2026!", false) ||
		    session_create(db, i + 1, SESSION_LOGIN, "", 0, "fuzz", tokens[i], &s))
			return -1;
	}
	db_close(db);
	return api_init(&app, st, 1, true);
}

/* Copies src to dst replacing the token placeholders; returns the length. */
static size_t expand(const uint8_t *src, size_t n, char *dst, size_t cap)
{
	size_t o = 0;

	for (size_t i = 0; i < n && o + SESSION_TOKEN_LEN + 1 < cap;) {
		int hit = -1;

		for (int t = 0; t < 4; t++) {
			size_t l = strlen(token_names[t]);

			if (n - i >= l && memcmp(src + i, token_names[t], l) == 0) {
				hit = t;
				i += l;
				break;
			}
		}
		if (hit >= 0) {
			memcpy(dst + o, tokens[hit], SESSION_TOKEN_LEN);
			o += SESSION_TOKEN_LEN;
		} else {
			dst[o++] = (char)src[i++];
		}
	}
	dst[o] = '\0';
	return o;
}

static char *next_line(char **p, char *end)
{
	char *s = *p, *nl;

	if (s >= end)
		return NULL;
	nl = memchr(s, '\n', (size_t)(end - s));
	if (!nl)
		nl = end;
	*nl = '\0';
	*p = nl + 1;
	return s;
}

static void split_query(struct http_request *r, char *q)
{
	while (q && *q && r->nquery < HTTP_MAX_PAIRS) {
		char *amp = strchr(q, '&'), *eq;

		if (amp)
			*amp = '\0';
		eq = strchr(q, '=');
		if (eq)
			*eq = '\0';
		r->query[r->nquery].name = q;
		r->query[r->nquery].value = eq ? eq + 1 : "";
		r->nquery++;
		q = amp ? amp + 1 : NULL;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static char buf[1 << 17];
	struct http_request req;
	struct http_response resp;
	char *p, *end, *line, *sp, *q;
	size_t n;

	if (!ready) {
		if (setup_once() != 0)
			abort();
		ready = 1;
	}
	if (size > sizeof(buf) / 2)
		return 0;
	n = expand(data, size, buf, sizeof(buf));
	p = buf;
	end = buf + n;
	memset(&req, 0, sizeof(req));
	strcpy(req.client, "127.0.0.1");
	line = next_line(&p, end);
	if (!line || !(sp = strchr(line, ' ')))
		return 0;
	*sp = '\0';
	req.method = line;
	req.path = sp + 1;
	q = strchr(sp + 1, '?');
	if (q) {
		*q = '\0';
		split_query(&req, q + 1);
	}
	while ((line = next_line(&p, end)) && *line && req.nheaders < HTTP_MAX_PAIRS) {
		char *colon = strchr(line, ':');

		if (!colon)
			continue;
		*colon = '\0';
		colon++;
		while (*colon == ' ')
			colon++;
		if (strcasecmp(line, "Cookie") == 0 && req.ncookies < HTTP_MAX_PAIRS) {
			char *eq = strchr(colon, '=');

			if (eq) {
				*eq = '\0';
				req.cookies[req.ncookies].name = colon;
				req.cookies[req.ncookies++].value = eq + 1;
			}
			continue;
		}
		req.headers[req.nheaders].name = line;
		req.headers[req.nheaders++].value = colon;
	}
	req.body = p < end ? p : "";
	req.body_len = p < end ? (size_t)(end - p) : 0;
	http_response_init(&resp, 1 << 22);
	api_handle(&app, &req, &resp);
	if (resp.status < 200 || resp.status > 599)
		abort(); /* every request gets a real HTTP status */
	http_response_release(&resp);
	return 0;
}
