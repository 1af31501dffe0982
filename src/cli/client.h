/*
 * client — what the command groups that talk to a running server share:
 * one HTTP request with libcurl, the server's error printed for people,
 * request bodies from --json, and helpers for Chinese-first text output.
 *
 * The server is BAOMI_URL (default http://127.0.0.1:8080); the
 * caller authenticates with an API token from BAOMI_TOKEN (create one on
 * 我的令牌 or with POST /api/v1/tokens).  The same rules, need-to-know and
 * audit apply as in the web UI.  Every function that fails prints why and
 * returns EXIT_USAGE (or -1 where it says so).
 */
#ifndef BAOMI_CLI_CLIENT_H
#define BAOMI_CLI_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "../util/buf.h"

struct client_reply {
	long status;     /* HTTP status; 0 when no answer came */
	struct buf body; /* the answer's bytes; release with buf_release */
};

/*
 * One request; body may be NULL, ctype NULL for none.  Returns 0 when the
 * server answered (whatever the status), -1 after printing why not (no
 * token, server unreachable); r->body is released then.
 */
int client_call(const char *method, const char *path, const char *ctype, const void *body,
                size_t len, struct client_reply *r);
/* A JSON body (taken over and released) with method, as client_call. */
int client_send_json(const char *method, const char *path, json_t *body, struct client_reply *r);
/*
 * Prints the server's error (status, Chinese / English message, field, the
 * lines of a file refused) when the status is 400 or above and returns
 * EXIT_USAGE for a malformed or invalid request (400, 413, 415, 422) or
 * EXIT_PROBLEM for a refusal (401, 403, 404, 409, ...); returns 0 otherwise.  Leaves r->body alone.
 */
int client_report(struct client_reply *r);
/* client_report, then the answer as indented JSON on stdout; releases r->body. */
int client_print_json(struct client_reply *r);
/*
 * client_report, then the answer parsed into *out (NULL for an empty
 * answer); releases r->body.  Returns 0 or EXIT_USAGE.
 */
int client_take_json(struct client_reply *r, json_t **out);
/* Writes the answer's bytes to path after client_report; releases r->body. */
int client_save(struct client_reply *r, const char *path);
/*
 * The answer as indented JSON (json true) or through text (skipped for an
 * empty answer), after client_report; releases r->body.
 */
int client_show(struct client_reply *r, bool json, void (*text)(json_t *));
/* GET path, then client_show. */
int client_get(const char *path, bool json, void (*text)(json_t *));
/* A JSON body (taken over; NULL means it could not be made) with method, then client_show. */
int client_submit(const char *method, const char *path, json_t *body, bool json,
                  void (*text)(json_t *));

/* Reads a whole file ("-" for stdin) into b (at most 256 MiB); -1 after printing why. */
int client_read_file(const char *path, struct buf *b);
/* --json: a file, "-" for stdin, or inline JSON starting with '{'; NULL arg: {} */
json_t *client_json_arg(const char *arg);
/* A positive id; -1 after printing "'s' is not a valid WHAT id". */
int client_parse_id(const char *s, const char *what, long long *id);
/* Appends "?name=v" or "&name=v" (URL-escaped) to q when v is non-empty. */
void client_add_query(char *q, size_t n, const char *name, const char *v);
/* --format: true for json, false for text or none; -1 (after a message) for anything else. */
int client_want_json(const char *format, bool *json);

/* ---- text output ---- */

/* A string member, or dflt when absent, null or not a string. */
const char *client_str(json_t *o, const char *key, const char *dflt);
/* An integer member, or 0. */
long long client_int(json_t *o, const char *key);
/* Columns a UTF-8 string takes on a terminal (CJK and full-width count 2). */
int client_width(const char *s);
/* Prints s and pads it with spaces to width columns, then one space. */
void client_cell(const char *s, int width);
/* "2026-11-21 15:04" from an API time; "—" for null. out holds 20 bytes. */
const char *client_time(json_t *t, char *out);
/* A span of seconds (sign ignored) as 2天3小时, 1小时05分, 9分, 40秒. */
void client_span(long long s, char *out, size_t n);
/* The level object {code, zh, color} as "II 重大", or dflt for null. */
const char *client_level(json_t *lv, char *out, size_t n, const char *dflt);
/* Prints "  label：value" for each non-empty member, multi-line values indented. */
void client_print_fields(json_t *obj, const char *const (*labels)[2]);

#endif
