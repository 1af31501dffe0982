/* Route matching and in-process requests through api_handle(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "../../src/api/api.h"

static struct api app;
static struct store *st;
static char base[64];

static void test_route_match(void **state)
{
	int64_t id = 0;

	(void)state;
	assert_true(api_route_match("/api/v1/people/{id}", "/api/v1/people/42", &id));
	assert_int_equal(id, 42);
	assert_false(api_route_match("/api/v1/people/{id}", "/api/v1/people/0", &id));
	assert_false(api_route_match("/api/v1/people/{id}", "/api/v1/people/-1", &id));
	assert_false(api_route_match("/api/v1/people/{id}", "/api/v1/people/4x", &id));
	assert_false(api_route_match("/api/v1/people/{id}", "/api/v1/people/", &id));
	assert_false(
	    api_route_match("/api/v1/people/{id}", "/api/v1/people/1234567890123456789", &id));
	assert_true(
	    api_route_match("/api/v1/accounts/{id}/roles", "/api/v1/accounts/3/roles", &id));
	assert_false(
	    api_route_match("/api/v1/accounts/{id}/roles", "/api/v1/accounts/3/roles/", &id));
	/* every route in the table is unique */
	for (int i = 0; i < api_nroutes; i++)
		for (int j = i + 1; j < api_nroutes; j++)
			assert_false(!strcmp(api_routes[i].method, api_routes[j].method) &&
			             !strcmp(api_routes[i].pattern, api_routes[j].pattern));
}

static int call(const char *method, const char *path, const char *body, const char *auth,
                char **out)
{
	struct http_request req;
	struct http_response resp;
	int status;

	memset(&req, 0, sizeof(req));
	req.method = method;
	req.path = path;
	req.body = body ? body : "";
	req.body_len = body ? strlen(body) : 0;
	snprintf(req.client, sizeof(req.client), "127.0.0.1");
	if (auth) {
		req.headers[0].name = "Authorization";
		req.headers[0].value = auth;
		req.nheaders = 1;
	}
	http_response_init(&resp, 1 << 20);
	api_handle(&app, &req, &resp);
	status = resp.status;
	if (out)
		*out = strdup(resp.body.ptr ? resp.body.ptr : "");
	http_response_release(&resp);
	return status;
}

static void test_requests(void **state)
{
	char *out = NULL, auth[128];
	json_t *j;

	(void)state;
	assert_int_equal(call("GET", "/healthz", NULL, NULL, NULL), 200);
	assert_int_equal(call("GET", "/nope", NULL, NULL, NULL), 404);
	assert_int_equal(call("DELETE", "/healthz", NULL, NULL, NULL), 405);
	assert_int_equal(call("GET", "/api/v1/people", NULL, NULL, NULL), 401);
	assert_int_equal(call("POST", "/api/v1/session", "{\"username\":", NULL, &out), 400);
	assert_non_null(strstr(out, "bad_json"));
	free(out);
	assert_int_equal(call("POST", "/api/v1/session",
	                      "{\"username\":\"a\",\"username\":\"b\",\"password\":\"x\"}", NULL,
	                      &out),
	                 400); /* duplicate keys refused */
	free(out);
	assert_int_equal(call("POST", "/api/v1/session", "[1,2]", NULL, NULL), 400);
	assert_int_equal(
	    call("POST", "/api/v1/session",
	         "{\"username\":\"sysadmin\",\"password\":\"Init-Pass-2026!\",\"x\":1}", NULL,
	         &out),
	    400);
	assert_non_null(strstr(out, "\"field\":\"x\""));
	free(out);
	assert_int_equal(call("POST", "/api/v1/session",
	                      "{\"username\":\"sysadmin\",\"password\":\"Init-Pass-2026!\"}", NULL,
	                      &out),
	                 200);
	j = json_loads(out, 0, NULL);
	free(out);
	assert_non_null(j);
	snprintf(auth, sizeof(auth), "Bearer %s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
	/* before the forced password change nothing else is reachable */
	assert_int_equal(call("GET", "/api/v1/accounts", NULL, auth, &out), 403);
	assert_non_null(strstr(out, "password_change_required"));
	free(out);
	assert_int_equal(call("PUT", "/api/v1/session/password",
	                      "{\"old_password\":\"Init-Pass-2026!\",\"new_password\":\"short\"}",
	                      auth, &out),
	                 400);
	assert_non_null(strstr(out, "new_password"));
	free(out);
	assert_int_equal(
	    call("PUT", "/api/v1/session/password",
	         "{\"old_password\":\"Init-Pass-2026!\",\"new_password\":\"Sys-Admin-Pass-1\"}",
	         auth, NULL),
	    204);
	assert_int_equal(call("GET", "/api/v1/accounts", NULL, auth, NULL), 200);
	/* the system administrator reads no audit log and grants no roles */
	assert_int_equal(call("GET", "/api/v1/audit", NULL, auth, NULL), 403);
	assert_int_equal(
	    call("PUT", "/api/v1/accounts/1/roles", "{\"roles\":[\"officer\"]}", auth, NULL), 403);
	assert_int_equal(call("GET", "/api/v1/people/999", NULL, auth, NULL), 404);
}

static int setup(void **state)
{
	struct store_init_opts io = {.unit_name = "单位", .init_password = "Init-Pass-2026!"};
	char err[512], pw[ADMIN_ROLE_COUNT][40], dir[128];

	(void)state;
	snprintf(base, sizeof(base), "/tmp/baomi-test-api-XXXXXX");
	if (!mkdtemp(base))
		return -1;
	snprintf(dir, sizeof(dir), "%s/d", base);
	if (store_create(dir, &io, pw, err, sizeof(err)) || store_open(&st, dir, err, sizeof(err)))
		return -1;
	return api_init(&app, st, 2, true);
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	api_release(&app);
	store_free(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_route_match),
	    cmocka_unit_test(test_requests),
	};

	if (sodium_init() < 0)
		return 2;
	return cmocka_run_group_tests(tests, setup, teardown);
}
