/*
 * api_reward.c — the register of rewards and penalties (奖惩): each record
 * for a person or a department, caused by an incident (a drill is one) or
 * a self-inspection campaign.  Rewards are announced to the unit; penalties
 * are read by the 保密员 and the leader only, and to anyone else a penalty
 * does not exist.  The source's title shows only to whom may read the
 * incident or campaign.
 */
#include "api_contact.h"

#include <stdlib.h>
#include <string.h>

#include "../store/store_contact.h"
#include "../store/store_incident.h"
#include "../store/store_inspect.h"
#include "../util/bjtime.h"
#include "api_incident.h"

#define REWARD_HIDDEN_ZH "奖惩记录不存在"
#define REWARD_HIDDEN_EN "no such record"

/* Blanks the title of a source the caller may not read. */
static void screen_source(struct api_ctx *c, json_t *item)
{
	json_t *src = json_object_get(item, "source");
	int64_t id = json_integer_value(json_object_get(src, "id"));
	bool visible = false;

	if (!json_is_object(src))
		return;
	if (!strcmp(json_str(src, "type"), "campaign")) {
		struct campaign_viewer v = {c->actor.account_id, c->actor.roles,
		                            c->actor.department_id};
		struct campaign_rec *k = malloc(sizeof(*k));
		int64_t dept = 0;

		visible = k && !campaign_get(c->db, id, k) && campaign_may_read(k, &v, &dept);
		free(k);
	} else {
		struct inc_viewer v;
		struct inc_rec r;

		api_inc_viewer(c, &v);
		if (!inc_get(c->db, id, &r)) {
			visible = inc_may_see(&v, r.info_level, r.reported_by,
			                      inc_is_assignee(c->db, r.id, v.account_id));
			inc_rec_release(&r);
		}
	}
	if (!visible) {
		json_object_set_new(src, "id", json_null());
		json_object_set_new(src, "title", json_string(""));
	}
}

enum store_err api_rewards_of(struct api_ctx *c, int64_t incident_id, int64_t campaign_id,
                              json_t **items)
{
	struct reward_filter f = {0, incident_id, campaign_id,
	                          reward_may_read_penalties(c->actor.admin, c->actor.roles)};

	if (!reward_may_read(c->actor.admin, c->actor.roles, RK_COMMEND)) {
		*items = json_array();
		return STORE_OK;
	}
	return reward_list(c->db, &f, items);
}

void api_rewards_list(struct api_ctx *c)
{
	struct reward_filter f = {0};
	json_t *items, *x;
	size_t i;
	enum store_err e;

	if (!reward_may_read(c->actor.admin, c->actor.roles, RK_COMMEND)) {
		api_deny(c, "the register of rewards is for business roles");
		return;
	}
	if (api_query_int(c, "incident_id", &f.incident_id, 1, INT64_MAX) ||
	    api_query_int(c, "campaign_id", &f.campaign_id, 1, INT64_MAX))
		return;
	f.penalties = reward_may_read_penalties(c->actor.admin, c->actor.roles);
	e = reward_list(c->db, &f, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	json_array_foreach(items, i, x) screen_source(c, x);
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

void api_rewards_get(struct api_ctx *c)
{
	struct reward_filter f = {c->id, 0, 0,
	                          reward_may_read_penalties(c->actor.admin, c->actor.roles)};
	json_t *items = NULL, *x;

	if (!reward_may_read(c->actor.admin, c->actor.roles, RK_COMMEND) ||
	    reward_list(c->db, &f, &items) || !json_array_size(items)) {
		json_decref(items);
		api_hidden(c, "reward", c->id, REWARD_HIDDEN_ZH, REWARD_HIDDEN_EN);
		return;
	}
	x = json_incref(json_array_get(items, 0));
	json_decref(items);
	screen_source(c, x);
	api_reply(c, 200, x);
}

/* The person or department named in the request; -1 after answering 400. */
static int read_subject(struct api_ctx *c, struct reward_rec *r)
{
	char name[129] = "";
	bool person = json_object_get(c->body, "person") != NULL;
	const char *field = person ? "person" : "department";
	enum store_err e;

	if (person == (json_object_get(c->body, "department") != NULL)) {
		api_error(c, 400, "invalid_field", "应填写人员或部门（二者选一）",
		          "give either a person or a department", "person");
		return -1;
	}
	if (api_field_str(c, field, name, sizeof(name), true))
		return -1;
	e = reward_subject_by_name(c->db, person, name, person ? &r->person_id : &r->department_id);
	if (e == STORE_NOTFOUND) {
		api_error(c, 400, "invalid_field", person ? "没有该姓名的人员" : "没有该名称的部门",
		          person ? "no person of that name" : "no department of that name", field);
		return -1;
	}
	if (e == STORE_CONFLICT) {
		api_error(c, 400, "invalid_field", "同名人员不止一位，请先在人员名单中区分",
		          "more than one person has that name", field);
		return -1;
	}
	if (e) {
		api_store_error(c, e, field);
		return -1;
	}
	return 0;
}

void api_rewards_create(struct api_ctx *c)
{
	static const char *const allowed[] = {"kind",        "person",      "department",
	                                      "incident_id", "campaign_id", "basis",
	                                      "decided_by",  "decided_on",  NULL};
	struct reward_rec r;
	struct reward_filter f = {0, 0, 0, true};
	char kind[32] = "";
	json_t *items = NULL;
	enum store_err e;

	memset(&r, 0, sizeof(r));
	if (!reward_may_write(c->actor.admin, c->actor.roles)) {
		api_deny(c,
		         "the register of rewards and penalties is kept by the officer and leader");
		return;
	}
	if (api_only_fields(c, allowed) || api_field_str(c, "kind", kind, sizeof(kind), true))
		return;
	if (reward_kind_parse(kind, &r.kind)) {
		api_error(c, 400, "invalid_field",
		          "应为表彰、通报表扬、通报批评、诫勉谈话或处分建议",
		          "must be commend, praise, criticise, admonish or discipline", "kind");
		return;
	}
	if (api_field_str(c, "basis", r.basis, sizeof(r.basis), true) ||
	    api_field_str(c, "decided_by", r.decided_by, sizeof(r.decided_by), true) ||
	    api_field_date(c, "decided_on", &r.decided_on, true) ||
	    api_field_id_or_null(c, "incident_id", &r.incident_id) ||
	    api_field_id_or_null(c, "campaign_id", &r.campaign_id))
		return;
	if (r.incident_id && r.campaign_id) {
		api_error(c, 400, "invalid_field", "只能关联一个事件或一次检查活动",
		          "link one incident or one campaign, not both", "campaign_id");
		return;
	}
	if (!api_tx_begin(c) || read_subject(c, &r))
		return;
	if (r.incident_id) {
		struct inc_viewer v;
		struct inc_rec ir;

		api_inc_viewer(c, &v);
		if (!api_inc_load(c, r.incident_id, &v, &ir))
			return;
		inc_rec_release(&ir);
	}
	if (r.campaign_id) {
		struct campaign_viewer v = {c->actor.account_id, c->actor.roles,
		                            c->actor.department_id};
		struct campaign_rec *k = malloc(sizeof(*k));
		int64_t dept = 0;
		bool ok =
		    k && !campaign_get(c->db, r.campaign_id, k) && campaign_may_read(k, &v, &dept);

		free(k);
		if (!ok) {
			api_hidden(c, "campaign", r.campaign_id, "检查活动不存在",
			           "no such campaign");
			return;
		}
	}
	r.created_by = c->actor.account_id;
	r.created_at = bjtime_now_ms();
	e = reward_insert(c->db, &r);
	if (!e)
		e = api_audit(c, "reward.create", "reward", r.id, AUDIT_SUCCESS,
		              json_pack("{ss}", "kind", reward_kind_zh(r.kind)));
	f.id = r.id;
	if (!e)
		e = reward_list(c->db, &f, &items);
	if (e || !json_array_size(items)) {
		json_decref(items);
		api_store_error(c, e ? e : STORE_IO, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, json_incref(json_array_get(items, 0)));
	json_decref(items);
}
