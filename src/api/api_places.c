/*
 * api_places.c — 保密要害部门部位 (key departments and places).
 *
 *   GET/POST   /key-places                 the register; the officer registers
 *   GET/PATCH  /key-places/{id}            a place with the carriers kept there, its
 *                                          visits and the campaigns naming it
 *   POST       /key-places/{id}/visits     a visit request (来访, 维修维护)
 *   POST       /key-places/{id}/entries    an entry without approval, as the duty desk
 *                                          records it: a finding of the standing campaign
 *   GET        /place-visits               pending requests of the places one sees
 *   POST       /place-visits/{id}/decision one step of the place's approval chain
 *   POST       /place-visits/{id}/actions  the log: enter, leave; or cancel
 *   PUT        /campaigns/{id}/places      the places a self-inspection campaign targets
 *   GET/PUT    /incidents/{id}/places      the places an incident affects, with the
 *                                          phones of their responsible people
 *
 * Need-to-know: a place is seen by the officer, leaders, the duty desk and
 * its responsible people (place_may_see); to anyone else it does not exist
 * (api_hidden).  The carriers kept there are listed within the reader's
 * need-to-know on carriers.  Every change and every read of a place is
 * audited.
 */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store_inspect.h"
#include "../store/store_places.h"
#include "../util/bjtime.h"
#include "api_incident.h"

#define PLACE_DEFAULT_CHAIN "officer,leader"
#define PLACE_MEASURES_MAX 16

static const char hidden_zh[] = "要害部门部位不存在";
static const char hidden_en[] = "no such key place";

static int32_t today(void)
{
	return (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400);
}

static void viewer_of(struct api_ctx *c, struct place_viewer *v)
{
	v->roles = c->actor.roles;
	v->person_id = c->actor.person_id;
}

static bool is_responsible(const struct api_ctx *c, const struct place_rec *p)
{
	return c->actor.person_id &&
	       (c->actor.person_id == p->person_a || c->actor.person_id == p->person_b);
}

/* Loads place `id` the caller may see; anything else is 404 through api_hidden. */
static bool load_place(struct api_ctx *c, int64_t id, struct place_rec *p)
{
	struct place_viewer v;
	enum store_err e = place_get(c->db, id, p);

	viewer_of(c, &v);
	if (e == STORE_NOTFOUND || (!e && !place_may_see(p, &v))) {
		api_hidden(c, "key_place", id, hidden_zh, hidden_en);
		return false;
	}
	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	return true;
}

/* A person in post (在岗) for a responsible or escort field. */
static int person_field(struct api_ctx *c, const char *field, int64_t *out, bool nullable)
{
	struct person per;
	int64_t id = *out;
	enum store_err e;

	if ((nullable ? api_field_id_or_null(c, field, &id) : api_field_id(c, field, &id, false)))
		return -1;
	if (id == *out || !id) {
		*out = id;
		return 0;
	}
	e = person_get(c->db, id, &per);
	if (e == STORE_NOTFOUND || (!e && per.status != PERSON_ACTIVE)) {
		api_error(c, 400, "invalid_field", "须为在岗人员", "must be a person in post",
		          field);
		return -1;
	}
	if (e) {
		api_store_error(c, e, field);
		return -1;
	}
	*out = id;
	return 0;
}

/* measures: an array of known codes (门禁 …) and free text, each once. */
static int measures_field(struct api_ctx *c, char *out, size_t cap)
{
	json_t *a = json_object_get(c->body, "measures"), *v, *canon;
	size_t i;
	char *text;

	if (!a)
		return 0;
	if (!json_is_array(a) || json_array_size(a) > PLACE_MEASURES_MAX) {
		api_error(c, 400, "invalid_field", "应为防护措施数组（最多16项）",
		          "must be an array of at most 16 measures", "measures");
		return -1;
	}
	canon = json_array();
	json_array_foreach(a, i, v)
	{
		const char *s = json_string_value(v);
		enum place_measure m;
		size_t k;
		json_t *w;
		bool dup = false;

		if (!s || !*s || json_string_length(v) > 64 || strlen(s) != json_string_length(v)) {
			json_decref(canon);
			api_error(c, 400, "invalid_field", "每项防护措施应为1到64字节的文字",
			          "each measure is a text of 1 to 64 bytes", "measures");
			return -1;
		}
		if (place_measure_parse(s, &m) == 0)
			s = place_measure_code(m);
		json_array_foreach(canon, k, w) dup |= strcmp(json_string_value(w), s) == 0;
		if (!dup)
			json_array_append_new(canon, json_string(s));
	}
	text = json_dumps(canon, JSON_COMPACT);
	json_decref(canon);
	if (!text || strlen(text) >= cap) {
		free(text);
		api_error(c, 400, "invalid_field", "防护措施过长", "measures too long", "measures");
		return -1;
	}
	snprintf(out, cap, "%s", text);
	free(text);
	return 0;
}

/* Reads the register's fields into p (those present); create: the required ones too. */
static int place_fields(struct api_ctx *c, struct place_rec *p, bool create)
{
	char kind[32] = "", level[32] = "", chain[PLACE_CHAIN_TEXT * 2] = "";
	int32_t due = p->review_due ? p->review_due : PERSON_NO_DATE,
	        rev = p->reviewed_on ? p->reviewed_on : PERSON_NO_DATE;
	uint32_t steps[PLACE_CHAIN_MAX];
	int n;

	if (api_field_str(c, "name", p->name, sizeof(p->name), create) ||
	    api_field_str(c, "kind", kind, sizeof(kind), create) ||
	    api_field_str(c, "level", level, sizeof(level), create) ||
	    api_field_str(c, "location", p->location, sizeof(p->location), create) ||
	    api_field_str(c, "chain", chain, sizeof(chain), false) ||
	    api_field_str(c, "notes", p->notes, sizeof(p->notes), false) ||
	    api_field_date_or_null(c, "review_due", &due) ||
	    api_field_date_or_null(c, "reviewed_on", &rev) ||
	    measures_field(c, p->measures, sizeof(p->measures)))
		return -1;
	if (kind[0] && place_kind_parse(kind, &p->kind)) {
		api_error(c, 400, "invalid_field", "类别应为要害部门或要害部位",
		          "kind is department or site", "kind");
		return -1;
	}
	if (level[0] && (level_parse(level, &p->level) || !level_is_classified(p->level))) {
		api_error(c, 400, "invalid_field", "密级应为绝密、机密或秘密",
		          "level is top_secret, secret or confidential", "level");
		return -1;
	}
	if (chain[0] &&
	    place_chain_parse(chain, steps, &n, p->chain, sizeof(p->chain)) != PLACE_OK) {
		api_error(c, 400, "invalid_field", place_err_zh(PLACE_BAD_CHAIN),
		          place_err_en(PLACE_BAD_CHAIN), "chain");
		return -1;
	}
	if (!p->chain[0])
		snprintf(p->chain, sizeof(p->chain), "%s", PLACE_DEFAULT_CHAIN);
	p->review_due = due == PERSON_NO_DATE ? 0 : due;
	p->reviewed_on = rev == PERSON_NO_DATE ? 0 : rev;
	if (p->reviewed_on && p->reviewed_on > today()) {
		api_error(c, 400, "invalid_field", "复查日期不能晚于今天",
		          "the review day cannot be later than today", "reviewed_on");
		return -1;
	}
	if (person_field(c, "person_a", &p->person_a, false) ||
	    person_field(c, "person_b", &p->person_b, true))
		return -1;
	if (!p->person_a) {
		api_error(c, 400, "invalid_field", "须指定A角责任人",
		          "the responsible person (A) is required", "person_a");
		return -1;
	}
	if (p->person_a == p->person_b) {
		api_error(c, 400, "invalid_field", "A角与B角不能是同一人",
		          "A and B must be different people", "person_b");
		return -1;
	}
	if (api_field_id_or_null(c, "department_id", &p->department_id))
		return -1;
	if (p->department_id) {
		struct department d;
		enum store_err e = dept_get(c->db, p->department_id, &d);

		if (e) {
			if (e == STORE_NOTFOUND)
				api_error(c, 400, "invalid_field", "部门不存在",
				          "no such department", "department_id");
			else
				api_store_error(c, e, "department_id");
			return -1;
		}
	}
	return 0;
}

static bool officer(struct api_ctx *c, const char *what)
{
	if (!api_require(c, PERM_BUSINESS))
		return false;
	if (!(c->actor.roles & ROLE_OFFICER)) {
		api_deny(c, what);
		return false;
	}
	return true;
}

static const char *const place_keys[] = {
    "name",  "kind",       "level",       "location", "department_id", "person_a", "person_b",
    "chain", "review_due", "reviewed_on", "measures", "notes",         NULL};

void api_places_list(struct api_ctx *c)
{
	struct place_viewer v;
	json_t *items;
	int64_t total;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	viewer_of(c, &v);
	e = place_list(c->db, &v, today(), &items, &total);
	if (e)
		api_store_error(c, e, NULL);
	else
		api_reply_list(c, items, total);
}

static void reply_place(struct api_ctx *c, int status, const struct place_rec *p)
{
	json_t *o;
	enum store_err e = place_json(c->db, p, today(), &o);

	if (e)
		api_store_error(c, e, NULL);
	else
		api_reply(c, status, o);
}

/* Ends a register or edit: 409 on a name taken, else commits and answers the place. */
static void saved_place(struct api_ctx *c, enum store_err e, int status, const struct place_rec *p)
{
	if (e == STORE_CONFLICT)
		api_error(c, 409, "conflict", "已有同名要害部门部位",
		          "a key place of that name exists", "name");
	else if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		reply_place(c, status, p);
}

void api_places_create(struct api_ctx *c)
{
	struct place_rec *p = calloc(1, sizeof(*p));
	enum store_err e;

	if (!p) {
		api_error(c, 503, "unavailable", "服务繁忙", "out of memory", NULL);
		return;
	}
	if (!officer(c, "register key place") || api_only_fields(c, place_keys) ||
	    !api_tx_begin(c) || place_fields(c, p, true))
		goto out;
	p->unit_id = unit_home(c->db);
	p->created_by = c->actor.account_id;
	p->created_at = p->updated_at = bjtime_now_ms();
	e = place_insert(c->db, p);
	if (!e)
		e = api_audit(c, "key_place.create", "key_place", p->id, AUDIT_SUCCESS,
		              json_pack("{ss ss ss}", "name", p->name, "kind",
		                        place_kind_code(p->kind), "level", level_code(p->level)));
	saved_place(c, e, 201, p);
out:
	free(p);
}

void api_places_get(struct api_ctx *c)
{
	struct place_rec *p = calloc(1, sizeof(*p));
	struct carrier_viewer cv;
	json_t *o = NULL, *carriers = NULL, *visits = NULL, *campaigns = NULL;
	enum store_err e;

	if (!p || !api_require(c, PERM_BUSINESS) || !api_tx_begin(c) || !load_place(c, c->id, p))
		goto out;
	api_carrier_viewer(c, &cv);
	e = place_json(c->db, p, today(), &o);
	if (!e)
		e = place_carriers(c->db, p, &cv, &carriers);
	if (!e)
		e = visit_list(c->db, p->id, &visits);
	if (!e)
		e = place_campaigns(c->db, p->id, &campaigns);
	if (!e)
		e = api_audit(c, "key_place.read", "key_place", p->id, AUDIT_SUCCESS,
		              json_pack("{ss si}", "name", p->name, "carriers",
		                        (int)json_array_size(carriers)));
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	json_object_set_new(o, "carriers", carriers);
	json_object_set_new(o, "visits", visits);
	json_object_set_new(o, "campaigns", campaigns);
	json_object_set_new(o, "may_edit", json_boolean(c->actor.roles & ROLE_OFFICER));
	json_object_set_new(
	    o, "may_log",
	    json_boolean((c->actor.roles & (ROLE_OFFICER | ROLE_DUTY)) || is_responsible(c, p)));
	carriers = visits = campaigns = NULL;
	if (api_tx_commit(c)) {
		api_reply(c, 200, o);
		o = NULL;
	}
out:
	json_decref(o);
	json_decref(carriers);
	json_decref(visits);
	json_decref(campaigns);
	free(p);
}

void api_places_update(struct api_ctx *c)
{
	struct place_rec *p = calloc(1, sizeof(*p));
	json_t *changed;
	const char *k;
	json_t *v;
	enum store_err e;

	if (!p || !officer(c, "edit key place") || api_only_fields(c, place_keys) ||
	    !api_tx_begin(c) || !load_place(c, c->id, p) || place_fields(c, p, false))
		goto out;
	p->updated_at = bjtime_now_ms();
	e = place_save(c->db, p);
	changed = json_array();
	json_object_foreach(c->body, k, v) json_array_append_new(changed, json_string(k));
	if (!e)
		e = api_audit(c, "key_place.update", "key_place", p->id, AUDIT_SUCCESS,
		              json_pack("{ss so}", "name", p->name, "fields", changed));
	else
		json_decref(changed);
	saved_place(c, e, 200, p);
out:
	free(p);
}

/* The visitor's fields; an ID number is letters, digits and '-' only. */
static int visitor_fields(struct api_ctx *c, struct visit_rec *v, bool entry)
{
	char kind[32] = "", expected[40] = "";

	if (api_field_str(c, "kind", kind, sizeof(kind), false) ||
	    api_field_str(c, "visitor", v->visitor, sizeof(v->visitor), true) ||
	    api_field_str(c, "organisation", v->organisation, sizeof(v->organisation), true) ||
	    api_field_str(c, "id_no", v->id_no, sizeof(v->id_no), true) ||
	    api_field_str(c, "purpose", v->purpose, sizeof(v->purpose), true) ||
	    api_field_str(c, "note", v->note, sizeof(v->note), false) ||
	    (!entry && api_field_str(c, "expected_at", expected, sizeof(expected), false)) ||
	    person_field(c, "escort_id", &v->escort_id, false))
		return -1;
	if (kind[0] && visit_kind_parse(kind, &v->kind)) {
		api_error(c, 400, "invalid_field", "类别应为来访或维修维护",
		          "kind is visit or maintenance", "kind");
		return -1;
	}
	for (const char *s = v->id_no; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= 'a' && *s <= 'z') || *s == '-')) {
			api_error(c, 400, "invalid_field", "证件号码只能包含字母、数字和连字符",
			          "an ID number holds letters, digits and '-' only", "id_no");
			return -1;
		}
	if (expected[0] && bjtime_parse_iso(expected, &v->expected_at)) {
		api_error(c, 400, "invalid_field", "应为日期时间", "must be a date and time",
		          "expected_at");
		return -1;
	}
	return 0;
}

static void reply_visit(struct api_ctx *c, int status, const struct visit_rec *v)
{
	json_t *o;
	enum store_err e = visit_json(c->db, v, &o);

	if (e)
		api_store_error(c, e, NULL);
	else
		api_reply(c, status, o);
}

static const char *const visitor_keys[] = {"kind", "visitor",   "organisation", "id_no", "purpose",
                                           "note", "escort_id", "expected_at",  NULL};

void api_places_visit_create(struct api_ctx *c)
{
	struct place_rec *p = calloc(1, sizeof(*p));
	struct visit_rec *v = calloc(1, sizeof(*v));
	enum store_err e;

	if (!p || !v || !api_require(c, PERM_BUSINESS) || api_only_fields(c, visitor_keys) ||
	    !api_tx_begin(c) || !load_place(c, c->id, p) || visitor_fields(c, v, false))
		goto out;
	v->place_id = p->id;
	snprintf(v->chain, sizeof(v->chain), "%s", p->chain);
	v->state = VS_PENDING;
	v->requested_by = c->actor.account_id;
	v->requested_at = bjtime_now_ms();
	e = visit_insert(c->db, v);
	if (!e)
		e = api_audit(c, "place_visit.request", "place_visit", v->id, AUDIT_SUCCESS,
		              json_pack("{ss ss ss}", "place", p->name, "kind",
		                        visit_kind_code(v->kind), "visitor", v->visitor));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		reply_visit(c, 201, v);
out:
	free(v);
	free(p);
}

/* May the caller keep the visit log of the place (the duty desk, the officer, its people)? */
static bool may_log(struct api_ctx *c, const struct place_rec *p)
{
	return (c->actor.roles & (ROLE_OFFICER | ROLE_DUTY)) || is_responsible(c, p);
}

void api_places_entry(struct api_ctx *c)
{
	struct place_rec *p = calloc(1, sizeof(*p));
	struct visit_rec *v = calloc(1, sizeof(*v));
	int64_t campaign = 0;
	enum store_err e;

	if (!p || !v || !api_require(c, PERM_BUSINESS) || api_only_fields(c, visitor_keys) ||
	    !api_tx_begin(c) || !load_place(c, c->id, p))
		goto out;
	if (!may_log(c, p)) {
		api_deny(c, "record key place entry");
		goto out;
	}
	if (visitor_fields(c, v, true))
		goto out;
	v->place_id = p->id;
	snprintf(v->chain, sizeof(v->chain), "%s", p->chain);
	v->state = VS_IN;
	v->unapproved = true;
	v->requested_by = v->recorded_by = c->actor.account_id;
	v->requested_at = v->entered_at = bjtime_now_ms();
	e = visit_insert(c->db, v);
	if (!e)
		e = place_entry_finding(c->db, p, v, c->actor.account_id, &campaign);
	if (!e)
		e = api_audit(c, "place_visit.unapproved_entry", "place_visit", v->id,
		              AUDIT_SUCCESS,
		              json_pack("{ss ss sI}", "place", p->name, "visitor", v->visitor,
		                        "finding", (json_int_t)v->finding_id));
	if (!e)
		e = api_audit(c, "finding.create", "finding", v->finding_id, AUDIT_SUCCESS,
		              json_pack("{sI ss}", "campaign", (json_int_t)campaign, "severity",
		                        insp_severity_code(IS_HIGH)));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		reply_visit(c, 201, v);
out:
	free(v);
	free(p);
}

void api_visits_pending(struct api_ctx *c)
{
	struct place_viewer v;
	json_t *items;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	viewer_of(c, &v);
	e = visit_pending(c->db, &v, &items);
	if (e)
		api_store_error(c, e, NULL);
	else
		api_reply_list(c, items, (int64_t)json_array_size(items));
}

/* Loads a visit of a place the caller may see: *p and *v; else 404. */
static bool load_visit(struct api_ctx *c, struct visit_rec *v, struct place_rec *p)
{
	struct place_viewer pv;
	enum store_err e = visit_get(c->db, c->id, v);

	if (!e)
		e = place_get(c->db, v->place_id, p);
	viewer_of(c, &pv);
	if (e == STORE_NOTFOUND || (!e && !place_may_see(p, &pv))) {
		api_hidden(c, "place_visit", c->id, "来访记录不存在", "no such visit");
		return false;
	}
	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	return true;
}

static bool decided_in(const json_t *decisions, const char *username)
{
	json_t *d;
	size_t i;
	bool found = false;

	json_array_foreach(decisions, i, d) found |= strcmp(json_str(d, "username"), username) == 0;
	return found;
}

static bool decided_by(const char *decisions, const char *username)
{
	json_t *a = json_loads(decisions, 0, NULL);
	bool found = decided_in(a, username);

	json_decref(a);
	return found;
}

/* Appends the decision to v->decisions; false after answering 400 when it does not fit. */
static bool add_decision(struct api_ctx *c, struct visit_rec *v, int step, uint32_t role,
                         bool approve, const char *comment)
{
	char ts[BJTIME_ISO_LEN], *ds;
	json_t *a = json_loads(v->decisions, 0, NULL);

	if (!json_is_array(a)) {
		json_decref(a);
		a = json_array();
	}
	bjtime_format_iso(bjtime_now_ms(), ts);
	json_array_append_new(a, json_pack("{si ss ss ss sb ss ss}", "step", step, "role",
	                                   place_step_code(role), "username", c->acct.username,
	                                   "name", c->acct.display_name, "approve", approve,
	                                   "comment", comment, "time", ts));
	ds = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	if (!ds || strlen(ds) >= sizeof(v->decisions)) {
		free(ds);
		api_error(c, 400, "invalid_field", "审批意见过长", "comment too long", "comment");
		return false;
	}
	snprintf(v->decisions, sizeof(v->decisions), "%s", ds);
	free(ds);
	return true;
}

/*
 * One step of the place's chain, read, judged and written in one
 * transaction: of two approvers deciding the same step the second hears
 * 409, and so does one who saw a step (`step`) that has moved on since.
 */
void api_visits_decide(struct api_ctx *c)
{
	static const char *const keys[] = {"approve", "comment", "step", NULL};
	struct place_rec *p = calloc(1, sizeof(*p));
	struct visit_rec *v = calloc(1, sizeof(*v));
	char comment[513] = "";
	bool approve = false;
	int seen = -1, nsteps, at;
	uint32_t steps[PLACE_CHAIN_MAX];
	struct visit_decider d;
	enum place_err pe;
	enum store_err e;

	if (!p || !v || !api_require(c, PERM_BUSINESS) || api_only_fields(c, keys) ||
	    api_field_bool(c, "approve", &approve, true) ||
	    api_field_str(c, "comment", comment, sizeof(comment), false) ||
	    api_field_int(c, "step", &seen, 0, PLACE_CHAIN_MAX - 1, false) || !api_tx_begin(c) ||
	    !load_visit(c, v, p))
		goto out;
	if (place_chain_parse(v->chain, steps, &nsteps, NULL, 0)) {
		api_error(c, 500, "internal", "审批流程无效", "invalid approval chain", NULL);
		goto out;
	}
	d.roles = c->actor.roles;
	d.responsible = is_responsible(c, p);
	d.requester = v->requested_by == c->actor.account_id;
	d.decided = decided_by(v->decisions, c->acct.username);
	at = v->step;
	pe = visit_decide(&v->state, &v->step, nsteps, steps, seen, &d, approve);
	if (pe == PLACE_NOT_APPROVER || pe == PLACE_OWN_REQUEST) {
		db_rollback(c->db); /* the refusal's record is its own transaction */
		audit_append_tx(c->db, &c->actor, "place_visit.decide", "place_visit", "",
		                AUDIT_DENIED, "{}");
		api_error(c, 403, "forbidden", place_err_zh(pe), place_err_en(pe), NULL);
		goto out;
	}
	if (pe) {
		api_error(c, 409, "conflict", place_err_zh(pe), place_err_en(pe),
		          pe == PLACE_STEP_MOVED ? "step" : NULL);
		goto out;
	}
	if (!add_decision(c, v, at, steps[at], approve, comment))
		goto out;
	e = visit_save_decision(c->db, v, at);
	if (!e)
		e = api_audit(c, approve ? "place_visit.approve" : "place_visit.reject",
		              "place_visit", v->id, AUDIT_SUCCESS,
		              json_pack("{ss si ss ss}", "place", p->name, "step", at, "role",
		                        place_step_code(steps[at]), "state",
		                        visit_state_code(v->state)));
	if (e == STORE_CONFLICT)
		api_error(c, 409, "conflict", place_err_zh(PLACE_NOT_PENDING),
		          place_err_en(PLACE_NOT_PENDING), NULL);
	else if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		reply_visit(c, 200, v);
out:
	free(v);
	free(p);
}

void api_visits_action(struct api_ctx *c)
{
	static const char *const keys[] = {"action", "escort_id", "note", NULL};
	struct place_rec *p = calloc(1, sizeof(*p));
	struct visit_rec *v = calloc(1, sizeof(*v));
	char action[16] = "", event[48];
	enum visit_action a;
	enum visit_state from, to;
	enum store_err e;
	bool allowed;

	if (!p || !v || !api_require(c, PERM_BUSINESS) || api_only_fields(c, keys) ||
	    api_field_str(c, "action", action, sizeof(action), true))
		goto out;
	if (visit_action_parse(action, &a)) {
		api_error(c, 400, "invalid_field", "操作应为进入、离开或撤销",
		          "action is enter, leave or cancel", "action");
		goto out;
	}
	if (!api_tx_begin(c) || !load_visit(c, v, p))
		goto out;
	allowed = a == VA_CANCEL
	              ? v->requested_by == c->actor.account_id || (c->actor.roles & ROLE_OFFICER)
	              : may_log(c, p);
	if (!allowed) {
		api_deny(c, "key place visit log");
		goto out;
	}
	from = v->state;
	if (visit_next(from, a, &to)) {
		api_error(c, 409, "conflict", place_err_zh(PLACE_BAD_STATE),
		          place_err_en(PLACE_BAD_STATE), "action");
		goto out;
	}
	if (api_field_str(c, "note", v->note, sizeof(v->note), false) ||
	    person_field(c, "escort_id", &v->escort_id, false))
		goto out;
	if (a == VA_ENTER && !v->escort_id) {
		api_error(c, 400, "invalid_field", "进入要害部门部位须有陪同人员",
		          "an escort is required to enter", "escort_id");
		goto out;
	}
	v->state = to;
	if (a == VA_ENTER)
		v->entered_at = bjtime_now_ms();
	else if (a == VA_LEAVE)
		v->left_at = bjtime_now_ms();
	if (a != VA_CANCEL)
		v->recorded_by = c->actor.account_id;
	e = visit_save_log(c->db, v, from);
	snprintf(event, sizeof(event), "place_visit.%s", visit_action_code(a));
	if (!e)
		e = api_audit(c, event, "place_visit", v->id, AUDIT_SUCCESS,
		              json_pack("{ss ss}", "place", p->name, "visitor", v->visitor));
	if (e == STORE_CONFLICT)
		api_error(c, 409, "conflict", place_err_zh(PLACE_BAD_STATE),
		          place_err_en(PLACE_BAD_STATE), "action");
	else if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		reply_visit(c, 200, v);
out:
	free(v);
	free(p);
}

/* place_ids: up to PLACE_LINKS_MAX places the caller may see, each once. */
static int place_ids_field(struct api_ctx *c, int64_t *ids, size_t *n)
{
	json_t *a = json_object_get(c->body, "place_ids"), *x;
	struct place_viewer pv;
	struct place_rec *p = malloc(sizeof(*p));
	size_t i;
	int rc = -1;

	*n = 0;
	viewer_of(c, &pv);
	if (!p)
		api_error(c, 503, "unavailable", "服务繁忙", "out of memory", NULL);
	else if (!json_is_array(a) || json_array_size(a) > PLACE_LINKS_MAX)
		api_error(c, 400, "invalid_field", "应为要害部门部位编号数组（最多32个）",
		          "must be an array of at most 32 key place ids", "place_ids");
	else
		rc = 0;
	json_array_foreach(a, i, x)
	{
		int64_t id = json_integer_value(x);

		if (rc)
			break;
		if (!json_is_integer(x) || id <= 0 || place_get(c->db, id, p) ||
		    !place_may_see(p, &pv)) {
			api_error(c, 400, "invalid_field", "要害部门部位不存在",
			          "no such key place", "place_ids");
			rc = -1;
			break;
		}
		for (size_t k = 0; k < *n; k++)
			if (ids[k] == id)
				id = 0;
		if (id)
			ids[(*n)++] = id;
	}
	free(p);
	return rc;
}

void api_campaign_places_put(struct api_ctx *c)
{
	static const char *const keys[] = {"place_ids", NULL};
	struct campaign_rec *k = calloc(1, sizeof(*k));
	int64_t ids[PLACE_LINKS_MAX];
	size_t n;
	enum store_err e;

	if (!k || !officer(c, "campaign places") || api_only_fields(c, keys) || !api_tx_begin(c))
		goto out;
	e = campaign_get(c->db, c->id, k);
	if (e == STORE_NOTFOUND) {
		api_hidden(c, "campaign", c->id, "自查活动不存在", "no such campaign");
		goto out;
	}
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (place_ids_field(c, ids, &n))
		goto out;
	e = campaign_places_set(c->db, k->id, ids, n);
	if (!e)
		e = api_audit(c, "campaign.places", "campaign", k->id, AUDIT_SUCCESS,
		              json_pack("{ss si}", "name", k->name, "places", (int)n));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_no_content(c);
out:
	free(k);
}

/* The places an incident names: seen by whoever may see the incident and its places. */
void api_incident_places_get(struct api_ctx *c)
{
	struct inc_viewer iv;
	struct inc_rec *r = calloc(1, sizeof(*r));
	json_t *items = NULL;
	enum store_err e;

	if (!r || !api_require(c, PERM_BUSINESS))
		goto out;
	api_inc_viewer(c, &iv);
	if (!api_inc_load(c, c->id, &iv, r))
		goto out;
	e = incident_places_list(c->db, c->id, &items);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (!(c->actor.roles & (ROLE_OFFICER | ROLE_LEADER | ROLE_DUTY | ROLE_COMMAND))) {
		/* only the places the caller answers for */
		json_t *keep = json_array(), *it;
		size_t i;

		json_array_foreach(items, i, it)
		{
			json_t *pp;
			size_t k;
			bool mine = false;

			json_array_foreach(json_object_get(it, "people"), k, pp) mine |=
			    c->actor.person_id &&
			    json_integer_value(json_object_get(pp, "person_id")) ==
			        c->actor.person_id;
			if (mine)
				json_array_append(keep, it);
		}
		json_decref(items);
		items = keep;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
	items = NULL;
out:
	json_decref(items);
	free(r);
}

void api_incident_places_put(struct api_ctx *c)
{
	static const char *const keys[] = {"place_ids", NULL};
	struct inc_viewer iv;
	struct inc_rec *r = calloc(1, sizeof(*r));
	int64_t ids[PLACE_LINKS_MAX];
	size_t n;
	enum store_err e;

	if (!r || !api_require(c, PERM_BUSINESS) || api_only_fields(c, keys))
		goto out;
	if (!(c->actor.roles & (ROLE_OFFICER | ROLE_COMMAND | ROLE_DUTY))) {
		api_deny(c, "incident places");
		goto out;
	}
	if (!api_tx_begin(c))
		goto out;
	api_inc_viewer(c, &iv);
	if (!api_inc_load(c, c->id, &iv, r) || place_ids_field(c, ids, &n))
		goto out;
	e = incident_places_set(c->db, c->id, ids, n);
	if (!e)
		e = api_audit(c, "incident.places", "incident", c->id, AUDIT_SUCCESS,
		              json_pack("{si}", "places", (int)n));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		api_no_content(c);
out:
	free(r);
}

/* Does the caller decide the pending visit's current step now? */
static bool my_step(struct api_ctx *c, json_t *it)
{
	uint32_t steps[PLACE_CHAIN_MAX];
	int n;

	if ((int64_t)json_integer_value(json_object_get(it, "requested_by")) ==
	        c->actor.account_id ||
	    place_chain_parse(json_str(it, "step_role"), steps, &n, NULL, 0) ||
	    decided_in(json_object_get(it, "decisions"), c->acct.username))
		return false;
	return steps[0] == PLACE_STEP_RESPONSIBLE
	           ? json_is_true(json_object_get(it, "place_responsible"))
	           : (c->actor.roles & steps[0]) != 0;
}

enum store_err api_place_reminders(struct api_ctx *c, json_t **items)
{
	struct place_viewer pv;
	json_t *list = NULL, *it;
	size_t i;
	enum store_err e = STORE_OK;

	*items = json_array();
	if (c->actor.roles & ROLE_OFFICER) {
		e = place_reviews_overdue(c->db, today(), &list);
		json_array_foreach(list, i, it)
		{
			char route[48];

			if (e)
				break;
			snprintf(route, sizeof(route), "#/key-places/%lld",
			         (long long)json_integer_value(json_object_get(it, "id")));
			json_array_append_new(
			    *items, json_pack("{ss ss ss ss sO ss}", "kind", "place_review",
			                      "title", "要害部门部位复查逾期", "title_en",
			                      "Key place review overdue", "context",
			                      json_str(it, "name"), "due_day",
			                      json_object_get(it, "review_due"), "route", route));
		}
		json_decref(list);
		list = NULL;
	}
	viewer_of(c, &pv);
	if (!e)
		e = visit_pending(c->db, &pv, &list);
	json_array_foreach(list, i, it)
	{
		char route[48], zh[320], en[320];

		if (e)
			break;
		if (!my_step(c, it))
			continue;
		snprintf(route, sizeof(route), "#/key-places/%lld",
		         (long long)json_integer_value(json_object_get(it, "place_id")));
		snprintf(zh, sizeof(zh), "审批进入要害部门部位申请：%s", json_str(it, "visitor"));
		snprintf(en, sizeof(en), "Decide the key place visit: %s", json_str(it, "visitor"));
		json_array_append_new(*items, json_pack("{ss ss ss ss sn ss}", "kind",
		                                        "visit_approval", "title", zh, "title_en",
		                                        en, "context", json_str(it, "place_name"),
		                                        "due_day", "route", route));
	}
	json_decref(list);
	return e;
}
