/*
 * api_notify.c — the caller's notification inbox: list, mark one or all read.
 * A notification belongs to a person; an account without one has none.
 */
#include "api.h"

#include <stdio.h>

void api_notifications_list(struct api_ctx *c)
{
	json_t *items;
	int64_t total = 0, unread = 0, only = 0;
	int limit, offset;
	enum store_err e;
	bool ok;

	if (!api_require(c, PERM_BUSINESS))
		return;
	api_paging(c, &limit, &offset, &ok);
	if (!ok || api_query_int(c, "unread", &only, 0, 1))
		return;
	if (!c->actor.person_id) {
		api_reply(c, 200,
		          json_pack("{so sI sI}", "items", json_array(), "total", (json_int_t)0,
		                    "unread", (json_int_t)0));
		return;
	}
	e = notification_list(c->db, c->actor.person_id, only != 0, limit, offset, &items, &total,
	                      &unread);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200,
	          json_pack("{so sI sI}", "items", items, "total", (json_int_t)total, "unread",
	                    (json_int_t)unread));
}

void api_notifications_read(struct api_ctx *c)
{
	json_t *n = NULL;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!c->actor.person_id) {
		api_error(c, 404, "not_found", "通知不存在", "no such notification", NULL);
		return;
	}
	if (!api_tx_begin(c))
		return;
	e = notification_read(c->db, c->actor.person_id, c->id, &n);
	if (!e)
		e = api_audit(c, "notification.read", "notification", c->id, AUDIT_SUCCESS, NULL);
	if (e == STORE_NOTFOUND) {
		api_error(c, 404, "not_found", "通知不存在", "no such notification", NULL);
		return;
	}
	if (e) {
		json_decref(n);
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, n);
	else
		json_decref(n);
}

void api_notifications_read_all(struct api_ctx *c)
{
	int64_t n = 0;
	enum store_err e = STORE_OK;

	if (!api_require(c, PERM_BUSINESS))
		return;
	if (c->actor.person_id) {
		if (!api_tx_begin(c))
			return;
		e = notification_read_all(c->db, c->actor.person_id, &n);
		if (!e && n)
			e = api_audit(c, "notification.read_all", "notification", 0, AUDIT_SUCCESS,
			              json_pack("{sI}", "count", (json_int_t)n));
		if (e) {
			api_store_error(c, e, NULL);
			return;
		}
		if (!api_tx_commit(c))
			return;
	}
	api_reply(c, 200, json_pack("{sI}", "read", (json_int_t)n));
}
