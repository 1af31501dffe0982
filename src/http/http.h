/*
 * http — one adapter over libmicrohttpd.
 *
 * Handlers never see libmicrohttpd: they get a struct http_request holding
 * the route, decoded query arguments, headers, cookies and the complete body
 * (capped at http_limits.max_body; a larger body is answered 413 without
 * reaching a handler), and fill a struct http_response.
 */
#ifndef BAOMI_HTTP_H
#define BAOMI_HTTP_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "../util/buf.h"

#define HTTP_MAX_PAIRS 64
#define HTTP_MAX_EXTRA_HEADERS 8

struct http_pair {
	const char *name;
	const char *value;
};

struct http_request {
	const char *method;
	const char *path;
	const char *body; /* NUL-terminated; may contain NULs before body_len */
	size_t body_len;
	char client[64]; /* peer address */
	struct http_pair query[HTTP_MAX_PAIRS];
	int nquery;
	const char *query_nul; /* the first query argument holding a NUL, or NULL */
	struct http_pair headers[HTTP_MAX_PAIRS];
	int nheaders;
	struct http_pair cookies[HTTP_MAX_PAIRS];
	int ncookies;
};

struct http_response {
	int status;
	const char *content_type;
	struct buf body;
	int nextra;
	char *extra[HTTP_MAX_EXTRA_HEADERS][2]; /* owned copies */
};

struct http_limits {
	size_t max_body;      /* bytes */
	unsigned connections; /* total */
	unsigned per_ip;      /* connections from one address */
	unsigned timeout_s;   /* idle connection timeout */
	unsigned threads;     /* worker threads */
	size_t conn_memory;   /* per-connection memory for headers */
	/* PEM text of the certificate (chain) and its key: HTTPS when both set */
	const char *tls_cert_pem, *tls_key_pem;
};

typedef void (*http_handler_fn)(void *app, const struct http_request *req,
                                struct http_response *resp);

void http_limits_defaults(struct http_limits *l);
/* Lookups are case-insensitive for headers, exact for query and cookies. */
const char *http_query(const struct http_request *r, const char *name);
const char *http_header(const struct http_request *r, const char *name);
const char *http_cookie(const struct http_request *r, const char *name);

void http_response_init(struct http_response *resp, size_t max_body);
void http_response_release(struct http_response *resp);
/* Adds a header (copied); silently ignored past HTTP_MAX_EXTRA_HEADERS. */
void http_response_header(struct http_response *resp, const char *name, const char *value);

/* The GnuTLS priority string of the HTTPS server: TLS 1.2 and 1.3, AEAD ciphers, ECDHE. */
#define HTTP_TLS_PRIORITIES                                                                        \
	"NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:"        \
	"+CHACHA20-POLY1305:-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:%SERVER_PRECEDENCE"

/*
 * Serves on "ADDR:PORT" until *stop becomes non-zero.  Returns 0 on a clean
 * stop, -1 (with a message in err) when the address cannot be used.
 */
int http_serve(const char *listen, const struct http_limits *lim, http_handler_fn fn, void *app,
               volatile sig_atomic_t *stop, char *err, size_t errlen);

#endif
