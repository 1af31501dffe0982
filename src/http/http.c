#include "http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#if MHD_VERSION < 0x00097002
typedef int MHD_Result_t;
#else
typedef enum MHD_Result MHD_Result_t;
#endif

struct http_server {
	http_handler_fn fn;
	void *app;
	struct http_limits lim;
};

/* Per-request state, from the first callback to the completion notice. */
struct http_conn_state {
	struct buf body;
	bool too_big;
	bool answered;
};

void http_limits_defaults(struct http_limits *l)
{
	l->max_body = 1024 * 1024;
	l->connections = 256;
	l->per_ip = 64;
	l->timeout_s = 30;
	l->threads = 4;
	l->conn_memory = 64 * 1024;
	l->tls_cert_pem = l->tls_key_pem = NULL;
}

static const char *pair_find(const struct http_pair *p, int n, const char *name, bool ci)
{
	for (int i = 0; i < n; i++)
		if (ci ? strcasecmp(p[i].name, name) == 0 : strcmp(p[i].name, name) == 0)
			return p[i].value;
	return NULL;
}

const char *http_query(const struct http_request *r, const char *name)
{
	return pair_find(r->query, r->nquery, name, false);
}

const char *http_header(const struct http_request *r, const char *name)
{
	return pair_find(r->headers, r->nheaders, name, true);
}

const char *http_cookie(const struct http_request *r, const char *name)
{
	return pair_find(r->cookies, r->ncookies, name, false);
}

void http_response_init(struct http_response *resp, size_t max_body)
{
	memset(resp, 0, sizeof(*resp));
	resp->status = 500;
	resp->content_type = "application/json; charset=utf-8";
	buf_init(&resp->body, max_body);
}

void http_response_release(struct http_response *resp)
{
	buf_release(&resp->body);
	for (int i = 0; i < resp->nextra; i++) {
		free(resp->extra[i][0]);
		free(resp->extra[i][1]);
	}
	resp->nextra = 0;
}

void http_response_header(struct http_response *resp, const char *name, const char *value)
{
	if (resp->nextra >= HTTP_MAX_EXTRA_HEADERS)
		return;
	resp->extra[resp->nextra][0] = strdup(name);
	resp->extra[resp->nextra][1] = strdup(value);
	if (!resp->extra[resp->nextra][0] || !resp->extra[resp->nextra][1]) {
		free(resp->extra[resp->nextra][0]);
		free(resp->extra[resp->nextra][1]);
		return;
	}
	resp->nextra++;
}

struct collect {
	struct http_pair *p;
	int *n;
};

static MHD_Result_t collect_pair(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
	struct collect *c = cls;

	(void)kind;
	if (*c->n >= HTTP_MAX_PAIRS)
		return MHD_NO;
	c->p[*c->n].name = key;
	c->p[*c->n].value = value ? value : "";
	(*c->n)++;
	return MHD_YES;
}

/* Query arguments arrive decoded; "%00" would cut a value short, so it is marked instead. */
static MHD_Result_t collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                  size_t key_size, const char *value, size_t value_size)
{
	struct http_request *r = cls;

	if (collect_pair(&(struct collect){r->query, &r->nquery}, kind, key, value) != MHD_YES)
		return MHD_NO;
	if (!r->query_nul && (strlen(key) != key_size || (value && strlen(value) != value_size)))
		r->query_nul = key;
	return MHD_YES;
}

static void peer_address(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(out, n, "unknown");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET) {
		const struct sockaddr_in *a = (const struct sockaddr_in *)ci->client_addr;

		inet_ntop(AF_INET, &a->sin_addr, out, (socklen_t)n);
	} else if (ci->client_addr->sa_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ci->client_addr;

		inet_ntop(AF_INET6, &a->sin6_addr, out, (socklen_t)n);
	}
}

static void add_security_headers(struct MHD_Response *r, const char *content_type)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy",
	                        "camera=(), microphone=(), geolocation=()");
	MHD_add_response_header(r, "Content-Security-Policy",
	                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
	                        "base-uri 'none'; form-action 'self'; object-src 'none'");
	if (content_type && strncmp(content_type, "application/json", 16) == 0)
		MHD_add_response_header(r, "Cache-Control", "no-store");
}

static MHD_Result_t queue(struct MHD_Connection *conn, struct http_response *resp)
{
	struct MHD_Response *r;
	MHD_Result_t ret;

	r = MHD_create_response_from_buffer(resp->body.len, resp->body.ptr ? resp->body.ptr : "",
	                                    MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	if (resp->content_type && resp->status != 204)
		MHD_add_response_header(r, "Content-Type", resp->content_type);
	add_security_headers(r, resp->content_type);
	for (int i = 0; i < resp->nextra; i++)
		MHD_add_response_header(r, resp->extra[i][0], resp->extra[i][1]);
	ret = MHD_queue_response(conn, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

static MHD_Result_t queue_simple(struct MHD_Connection *conn, int status, const char *json)
{
	struct http_response resp;
	MHD_Result_t ret;

	http_response_init(&resp, 4096);
	resp.status = status;
	buf_puts(&resp.body, json);
	ret = queue(conn, &resp);
	http_response_release(&resp);
	return ret;
}

static const char too_big_json[] =
    "{\"error\":{\"code\":\"body_too_large\",\"message\":\"请求体过大\","
    "\"message_en\":\"request body too large\"}}";
static const char too_many_json[] =
    "{\"error\":{\"code\":\"bad_request\",\"message\":\"请求头或参数过多\","
    "\"message_en\":\"too many headers, cookies or query arguments\"}}";

static MHD_Result_t on_request(void *cls, struct MHD_Connection *conn, const char *url,
                               const char *method, const char *version, const char *upload_data,
                               size_t *upload_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct http_conn_state *cs = *con_cls;
	struct http_request req;
	struct http_response resp;
	struct collect c;
	MHD_Result_t ret;

	(void)version;
	if (!cs) {
		/* First call: headers only. Never answer here (it costs a round trip). */
		cs = calloc(1, sizeof(*cs));
		if (!cs)
			return MHD_NO;
		buf_init(&cs->body, srv->lim.max_body);
		*con_cls = cs;
		/* An announced oversized body is refused before it is sent (no 100-continue). */
		{
			const char *cl = MHD_lookup_connection_value(
			    conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);

			if (cl && strtoull(cl, NULL, 10) > srv->lim.max_body) {
				cs->answered = true;
				return queue_simple(conn, 413, too_big_json);
			}
		}
		return MHD_YES;
	}
	if (cs->answered)
		return MHD_YES;
	if (*upload_size) {
		/* Past the cap the rest is read and dropped; the 413 goes out at the end. */
		if (!cs->too_big && buf_append(&cs->body, upload_data, *upload_size) != BUF_OK)
			cs->too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (cs->too_big) {
		cs->answered = true;
		return queue_simple(conn, 413, too_big_json);
	}

	memset(&req, 0, sizeof(req));
	req.method = method;
	req.path = url;
	req.body = cs->body.ptr ? cs->body.ptr : "";
	req.body_len = cs->body.len;
	peer_address(conn, req.client, sizeof(req.client));
	MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect_query, &req);
	c.p = req.headers, c.n = &req.nheaders;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_pair, &c);
	c.p = req.cookies, c.n = &req.ncookies;
	MHD_get_connection_values(conn, MHD_COOKIE_KIND, collect_pair, &c);
	cs->answered = true;
	if (req.nquery >= HTTP_MAX_PAIRS || req.nheaders >= HTTP_MAX_PAIRS ||
	    req.ncookies >= HTTP_MAX_PAIRS)
		return queue_simple(conn, 400, too_many_json);

	http_response_init(&resp, 64 * 1024 * 1024);
	srv->fn(srv->app, &req, &resp);
	ret = queue(conn, &resp);
	http_response_release(&resp);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct http_conn_state *cs = *con_cls;

	(void)cls, (void)conn, (void)toe;
	if (!cs)
		return;
	buf_release_secret(&cs->body); /* bodies carry passwords */
	free(cs);
	*con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, char *err, size_t errlen)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof(host)) {
		snprintf(err, errlen, "--listen %s: expected ADDRESS:PORT, e.g. 127.0.0.1:8080",
		         listen);
		return -1;
	}
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535) {
		snprintf(err, errlen, "--listen %s: port must be 1-65535", listen);
		return -1;
	}
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
		snprintf(err, errlen, "--listen %s: '%s' is not an IPv4 address", listen, host);
		return -1;
	}
	sa->sin_port = htons((uint16_t)port);
	return 0;
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("baomi: http: ", stderr);
	vfprintf(stderr, fmt, ap);
}

int http_serve(const char *listen, const struct http_limits *lim, http_handler_fn fn, void *app,
               volatile sig_atomic_t *stop, char *err, size_t errlen)
{
	struct http_server srv = {.fn = fn, .app = app, .lim = *lim};
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	bool tls = lim->tls_cert_pem && lim->tls_key_pem;
	struct MHD_OptionItem tls_opts[] = {
	    {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)lim->tls_cert_pem},
	    {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)lim->tls_key_pem},
	    {MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)HTTP_TLS_PRIORITIES},
	    {MHD_OPTION_END, 0, NULL},
	};

	if (parse_listen(listen, &sa, err, errlen))
		return -1;
	if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		snprintf(err, errlen, "this libmicrohttpd was built without TLS");
		return -1;
	}
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
	                         (tls ? MHD_USE_TLS : 0),
	                     0, NULL, NULL, on_request, &srv, MHD_OPTION_EXTERNAL_LOGGER, log_mhd,
	                     NULL, MHD_OPTION_ARRAY, tls ? tls_opts : tls_opts + 3,
	                     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	                     MHD_OPTION_THREAD_POOL_SIZE, lim->threads, MHD_OPTION_CONNECTION_LIMIT,
	                     lim->connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT, lim->per_ip,
	                     MHD_OPTION_CONNECTION_TIMEOUT, lim->timeout_s,
	                     MHD_OPTION_CONNECTION_MEMORY_LIMIT, lim->conn_memory,
	                     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (!d) {
		snprintf(err, errlen,
		         tls ? "cannot serve HTTPS on %s (address in use, or the certificate or "
		               "key is not usable PEM)"
		             : "cannot listen on %s (address in use or not permitted)",
		         listen);
		return -1;
	}
	while (!*stop)
		usleep(100 * 1000);
	MHD_stop_daemon(d);
	return 0;
}
