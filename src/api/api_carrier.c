/*
 * api_carrier.c — the carrier ledger over HTTP: register, list and search,
 * detail, history, lifecycle actions, approval requests, reminders, stats.
 *
 * Need-to-know holds on every path: a carrier the caller may not see
 * answers 404 exactly like one that does not exist, and lists, counts and
 * searches are filtered in SQL by the same rule (carrier_may_see).
 */
#include "api.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/bjtime.h"

static int32_t today(void)
{
	return (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400);
}

/* "YYYY-MM-DD" of a day count, or null for 0. */
static json_t *day_json(int32_t day)
{
	int y;
	unsigned m, d;
	char buf[16];

	if (!day)
		return json_null();
	bjtime_civil_from_days(day, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02u-%02u", y % 10000, m % 100, d % 100);
	return json_string(buf);
}

/* The caller as need-to-know sees them: a person's clearance only while in post. */
void api_carrier_viewer(struct api_ctx *c, struct carrier_viewer *v)
{
	struct person p;

	memset(v, 0, sizeof(*v));
	v->clearance = LEVEL_NONE;
	v->officer = (c->actor.roles & ROLE_OFFICER) != 0;
	if (c->actor.person_id && person_get(c->db, c->actor.person_id, &p) == STORE_OK) {
		v->person_id = p.id;
		v->department_id = p.department_id;
		v->clearance = person_clearance(&p);
	}
}

static bool business(struct api_ctx *c)
{
	return api_require(c, PERM_BUSINESS);
}

/* Loads a carrier the caller may see; anything else is 404. */
static bool load_visible(struct api_ctx *c, const struct carrier_viewer *v, struct carrier_rec *r)
{
	struct carrier_access a;
	enum store_err e = carrier_get(c->db, c->id, r);

	if (!e) {
		carrier_access_of(r, &a);
		if (!carrier_may_see(&a, v))
			e = STORE_NOTFOUND;
	}
	if (e == STORE_NOTFOUND)
		api_hidden(c, "carrier", c->id, "载体不存在或不在您的知悉范围内",
		           "no such carrier, or outside your need-to-know");
	else if (e)
		api_store_error(c, e, NULL);
	return !e;
}

/* Whether the caller's person is in post and cleared for a level (an approver's standing). */
static bool approver_cleared(struct api_ctx *c, enum level l)
{
	struct person p;

	return c->actor.person_id && person_get(c->db, c->actor.person_id, &p) == STORE_OK &&
	       request_approver_cleared(p.status, p.staff_class, l);
}

/*
 * The right to decide: whoever holds the role of a pending request's current
 * step (in post, cleared for the level, not the requester) may see its
 * carrier's summary and decide, though the carrier is outside their
 * need-to-know.
 */
static bool may_decide_unseen(struct api_ctx *c, const struct carrier_request *q,
                              const struct carrier_rec *r)
{
	char step[32];

	request_step_role(q, step, sizeof(step));
	return strcmp(q->status, "pending") == 0 && (c->actor.roles & role_parse(step)) &&
	       q->requested_by != c->acct.id && approver_cleared(c, r->level);
}

/*
 * Loads a request on a carrier the caller may see, or may decide by right
 * (then *summary_only); anything else is 404, one text for both.
 */
static bool load_request(struct api_ctx *c, const struct carrier_viewer *v,
                         struct carrier_request *q, struct carrier_rec *r, bool *summary_only)
{
	struct carrier_access a;
	enum store_err e = request_get(c->db, c->id, q);

	if (!e)
		e = carrier_get(c->db, q->carrier_id, r);
	if (!e) {
		carrier_access_of(r, &a);
		*summary_only = !carrier_may_see(&a, v);
		if (*summary_only && !may_decide_unseen(c, q, r))
			e = STORE_NOTFOUND;
	}
	if (e == STORE_NOTFOUND)
		api_hidden(c, "carrier_request", c->id, "申请不存在或不在您的知悉范围内",
		           "no such request, or outside your need-to-know");
	else if (e)
		api_store_error(c, e, NULL);
	return !e;
}

static bool refuse(struct api_ctx *c, enum carrier_err ce, const char *field)
{
	api_error(c, ce == CARRIER_NEEDS_APPROVAL ? 409 : 400, "refused", carrier_err_zh(ce),
	          carrier_err_en(ce), field);
	return false;
}

/* A person's clearance for a level, and whether they are in the carrier's scope. */
static bool person_standing(struct api_ctx *c, const struct carrier_rec *r, int64_t pid,
                            bool *cleared, bool *in_scope)
{
	struct carrier_viewer v;
	struct carrier_access a;
	struct person p;

	if (person_get(c->db, pid, &p) != STORE_OK)
		return false;
	memset(&v, 0, sizeof(v));
	v.person_id = p.id;
	v.department_id = p.department_id;
	*cleared = level_cleared_for(person_clearance(&p), r->level);
	carrier_access_of(r, &a);
	*in_scope = carrier_in_scope(&a, &v);
	return true;
}

static int id_list(struct api_ctx *c, const char *field, int64_t *out, size_t max, size_t *n)
{
	json_t *a = json_object_get(c->body, field), *v;
	size_t i;
	char z[128], e[128];

	*n = 0;
	if (!a)
		return 0;
	if (json_is_null(a))
		return api_refuse_null(c, field);
	if (!json_is_array(a) || json_array_size(a) > max) {
		snprintf(z, sizeof(z), "字段 %s 应为人员或部门编号数组（最多%zu个）", field, max);
		snprintf(e, sizeof(e), "field %s must be an array of at most %zu ids", field, max);
		api_error(c, 400, "invalid_field", z, e, field);
		return -1;
	}
	json_array_foreach(a, i, v)
	{
		if (!json_is_integer(v) || json_integer_value(v) <= 0) {
			snprintf(z, sizeof(z), "字段 %s 第%zu项应为正整数编号", field, i + 1);
			snprintf(e, sizeof(e), "field %s item %zu must be a positive id", field,
			         i + 1);
			api_error(c, 400, "invalid_field", z, e, field);
			return -1;
		}
		out[(*n)++] = json_integer_value(v);
	}
	return 0;
}

/*
 * The facts the rules judge a named person on (witness, companion,
 * supervisor): whether they exist, are in post, and their class's clearance.
 */
static enum store_err people_facts(struct api_ctx *c, const int64_t *ids, size_t n,
                                   struct carrier_person *out)
{
	for (size_t i = 0; i < n; i++) {
		struct person p;
		enum store_err e = person_get(c->db, ids[i], &p);

		memset(&out[i], 0, sizeof(out[i]));
		out[i].id = ids[i];
		out[i].clearance = LEVEL_NONE;
		if (e == STORE_NOTFOUND)
			continue;
		if (e)
			return e;
		out[i].exists = true;
		out[i].active = p.status == PERSON_ACTIVE;
		out[i].clearance = staff_class_clearance(p.staff_class);
	}
	return STORE_OK;
}

static bool people_exist(struct api_ctx *c, const int64_t *ids, size_t n, const char *field)
{
	struct person p;

	for (size_t i = 0; i < n; i++)
		if (person_get(c->db, ids[i], &p) != STORE_OK) {
			api_error(c, 400, "invalid_field", "人员不存在", "no such person", field);
			return false;
		}
	return true;
}

static bool depts_exist(struct api_ctx *c, const int64_t *ids, size_t n, const char *field)
{
	struct department d;

	for (size_t i = 0; i < n; i++)
		if (dept_get(c->db, ids[i], &d) != STORE_OK) {
			api_error(c, 400, "invalid_field", "部门不存在", "no such department",
			          field);
			return false;
		}
	return true;
}

/* ---- list, detail, history, stats, reminders ---- */

static int parse_enum_query(struct api_ctx *c, const char *name, int *out,
                            int (*parse)(const char *, int *))
{
	const char *s = http_query(c->req, name);
	char z[96], e[96];

	*out = -1;
	if (!s)
		return 0;
	if (parse(s, out) == 0)
		return 0;
	snprintf(z, sizeof(z), "查询参数 %s 的取值无效", name);
	snprintf(e, sizeof(e), "query parameter %s has an unknown value", name);
	api_error(c, 400, "invalid_query", z, e, name);
	return -1;
}

static int parse_type(const char *s, int *out)
{
	enum carrier_type t;

	if (carrier_type_parse(s, &t))
		return -1;
	*out = t;
	return 0;
}

static int parse_level(const char *s, int *out)
{
	enum level l;

	if (level_parse(s, &l))
		return -1;
	*out = l;
	return 0;
}

static int parse_state(const char *s, int *out)
{
	enum carrier_state st;

	if (carrier_state_parse(s, &st))
		return -1;
	*out = st;
	return 0;
}

bool api_carrier_filter(struct api_ctx *c, struct carrier_filter *f)
{
	int64_t cust = 0, days = 0, overdue = 0, rdays = 0;

	if (parse_enum_query(c, "type", &f->type, parse_type) ||
	    parse_enum_query(c, "level", &f->level, parse_level) ||
	    parse_enum_query(c, "state", &f->state, parse_state) ||
	    api_query_int(c, "custodian_id", &cust, 1, INT64_MAX) ||
	    api_query_int(c, "expiring_days", &days, 1, 3650) ||
	    api_query_int(c, "overdue", &overdue, 0, 1) ||
	    api_query_int(c, "review_days", &rdays, 1, 3650))
		return false;
	f->custodian_id = cust;
	f->review_days = (int)rdays;
	f->expiring_days = (int)days;
	f->overdue = (int)overdue;
	f->today = today();
	f->q = http_query(c->req, "q");
	if (f->q && strlen(f->q) > 200) {
		api_error(c, 400, "invalid_query", "搜索词过长", "search text too long", "q");
		return false;
	}
	return true;
}

void api_carriers_list(struct api_ctx *c)
{
	struct carrier_filter f;
	struct carrier_viewer v;
	json_t *items;
	int64_t total;
	enum store_err e;
	bool ok;

	memset(&f, 0, sizeof(f));
	if (!business(c))
		return;
	api_paging(c, &f.limit, &f.offset, &ok);
	if (!ok || !api_carrier_filter(c, &f))
		return;
	api_carrier_viewer(c, &v);
	e = carrier_list(c->db, &v, &f, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, "q");
		return;
	}
	api_reply_list(c, items, total);
}

/* Reads of 机密 and 绝密 details are audited: who read which carrier. */
static bool audit_read(struct api_ctx *c, const struct carrier_rec *r, const char *what)
{
	char id[24], d[160];
	enum store_err e;

	if (r->level < LEVEL_SECRET)
		return true;
	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	snprintf(d, sizeof(d), "{\"level\":\"%s\",\"number\":\"%s\"}", level_code(r->level),
	         r->number);
	e = audit_append_tx(c->db, &c->actor, what, "carrier", id, AUDIT_SUCCESS, d);
	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	return true;
}

static enum store_err actions_json(struct api_ctx *c, const struct carrier_rec *r, json_t **out);

/* Adds one person to `people` ({"ID": {name, department_id}}) unless there or unknown. */
static enum store_err people_add(struct api_ctx *c, json_t *people, int64_t id)
{
	char k[24];
	struct person p;
	enum store_err e;

	if (id <= 0)
		return STORE_OK;
	snprintf(k, sizeof(k), "%lld", (long long)id);
	if (json_object_get(people, k))
		return STORE_OK;
	e = person_get(c->db, id, &p);
	if (e == STORE_NOTFOUND)
		return STORE_OK;
	if (e)
		return e;
	json_object_set_new(
	    people, k,
	    json_pack("{ss so}", "name", p.name, "department_id",
	              p.department_id ? json_integer(p.department_id) : json_null()));
	return STORE_OK;
}

/*
 * The names of the people the carrier names (custodian, handler, holder, knowledge scope): a
 * reader who may not read the person directory (a 涉密人员 custodian) still picks a borrower
 * by name and reads the history with names, and learns no one the carrier does not name.
 */
static enum store_err people_json(struct api_ctx *c, const struct carrier_rec *r, json_t **out)
{
	json_t *people = json_object();
	enum store_err e;
	size_t i;

	e = people_add(c, people, r->custodian_id);
	if (!e)
		e = people_add(c, people, r->handler_id);
	if (!e)
		e = people_add(c, people, r->holder_id);
	for (i = 0; !e && i < r->nscope_people; i++)
		e = people_add(c, people, r->scope_people[i]);
	if (e) {
		json_decref(people);
		people = NULL;
	}
	*out = people;
	return e;
}

void api_carriers_get(struct api_ctx *c)
{
	struct carrier_viewer v;
	struct carrier_rec r;
	json_t *o, *actions, *people = NULL;
	enum store_err e;

	if (!business(c))
		return;
	api_carrier_viewer(c, &v);
	if (!load_visible(c, &v, &r) || !audit_read(c, &r, "carrier.read"))
		return;
	e = actions_json(c, &r, &actions);
	if (!e) {
		e = people_json(c, &r, &people);
		if (e)
			json_decref(actions);
	}
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	o = carrier_json(&r);
	json_object_set_new(o, "actions", actions);
	json_object_set_new(o, "people", people);
	api_reply(c, 200, o);
}

void api_carriers_history(struct api_ctx *c)
{
	struct carrier_viewer v;
	struct carrier_rec r;
	json_t *items;
	enum store_err e;

	if (!business(c))
		return;
	api_carrier_viewer(c, &v);
	if (!load_visible(c, &v, &r) || !audit_read(c, &r, "carrier.history"))
		return;
	e = carrier_history(c->db, r.id, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

void api_carriers_stats(struct api_ctx *c)
{
	struct carrier_viewer v;
	json_t *out;
	enum store_err e;

	if (!business(c))
		return;
	api_carrier_viewer(c, &v);
	e = carrier_stats(c->db, &v, today(), &out);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200, out);
}

enum store_err api_carrier_reminder(struct api_ctx *c, const struct carrier_viewer *v,
                                    enum api_reminder which, int days, int limit, int offset,
                                    json_t **items, int64_t *total)
{
	struct carrier_filter f;

	memset(&f, 0, sizeof(f));
	f.type = f.level = f.state = -1;
	f.today = today();
	f.limit = limit;
	f.offset = offset;
	if (which == API_REMIND_OVERDUE)
		f.overdue = 1; /* lent or taken out past the due day */
	else if (which == API_REMIND_EXPIRING)
		f.expiring_days = days; /* period ends within days */
	else if (which == API_REMIND_EXPIRED)
		f.expired = 1; /* period over: listed for declassification review */
	else
		f.review_days = days; /* yearly review due within days, or late */
	return carrier_list(c->db, v, &f, items, total);
}

void api_carriers_reminders(struct api_ctx *c)
{
	/* each list: the keys of the list and its total */
	static const char *const keys[][2] = {{"overdue", "overdue_total"},
	                                      {"expiring", "expiring_total"},
	                                      {"review_due", "review_due_total"},
	                                      {"yearly_review", "yearly_review_total"}};
	static const enum api_reminder which[] = {API_REMIND_OVERDUE, API_REMIND_EXPIRING,
	                                          API_REMIND_EXPIRED, API_REMIND_YEARLY};
	struct carrier_viewer v;
	json_t *out;
	int64_t days = 30;
	enum store_err e = STORE_OK;

	if (!business(c) || api_query_int(c, "days", &days, 1, 3650))
		return;
	api_carrier_viewer(c, &v);
	out = json_object();
	for (int i = 0; !e && i < 4; i++) {
		json_t *items;
		int64_t total;

		e = api_carrier_reminder(c, &v, which[i], (int)days, 500, 0, &items, &total);
		if (e) {
			json_decref(items);
			break;
		}
		json_object_set_new(out, keys[i][0], items);
		json_object_set_new(out, keys[i][1], json_integer(total));
	}
	if (e) {
		json_decref(out);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200, out);
}

/* ---- register ---- */

static bool staff_cleared(struct api_ctx *c, int64_t pid, enum level l, const char *field)
{
	struct person p;

	if (!pid)
		return true;
	if (person_get(c->db, pid, &p) != STORE_OK) {
		api_error(c, 400, "invalid_field", "人员不存在", "no such person", field);
		return false;
	}
	if (!level_cleared_for(person_clearance(&p), l))
		return refuse(c, CARRIER_NO_CLEARANCE, field);
	return true;
}

static int carrier_fields(struct api_ctx *c, struct carrier_rec *r, char *type, size_t tn,
                          char *level, size_t ln, int32_t *release)
{
	static const char *const fields[] = {"type",
	                                     "title",
	                                     "level",
	                                     "period_years",
	                                     "release_on",
	                                     "release_condition",
	                                     "period_basis",
	                                     "issued_on",
	                                     "classifier",
	                                     "classify_basis",
	                                     "custodian_id",
	                                     "handler_id",
	                                     "location",
	                                     "copies",
	                                     "copy_no",
	                                     "origin",
	                                     "sender",
	                                     "doc_no",
	                                     "pages",
	                                     "serial",
	                                     "asset_tag",
	                                     "model",
	                                     "capacity",
	                                     "classified_use",
	                                     "notes",
	                                     "scope_people",
	                                     "scope_departments",
	                                     NULL};
	int32_t issued = today();

	*release = 0;
	if (api_only_fields(c, fields) || api_field_str(c, "type", type, tn, true) ||
	    api_field_str(c, "title", r->title, sizeof(r->title), true) ||
	    api_field_str(c, "level", level, ln, true) ||
	    api_field_int(c, "period_years", &r->period_years, 1, 100, false) ||
	    api_field_date(c, "release_on", release, false) ||
	    api_field_str(c, "release_condition", r->release_condition,
	                  sizeof(r->release_condition), false) ||
	    api_field_str(c, "period_basis", r->period_basis, sizeof(r->period_basis), false) ||
	    api_field_date(c, "issued_on", &issued, false) ||
	    api_field_str(c, "classifier", r->classifier, sizeof(r->classifier), false) ||
	    api_field_str(c, "classify_basis", r->classify_basis, sizeof(r->classify_basis),
	                  false) ||
	    api_field_id(c, "custodian_id", &r->custodian_id, false) ||
	    api_field_id(c, "handler_id", &r->handler_id, false) ||
	    api_field_str(c, "location", r->location, sizeof(r->location), false) ||
	    api_field_int(c, "copies", &r->copies, 1, 10000, false) ||
	    api_field_str(c, "copy_no", r->copy_no, sizeof(r->copy_no), false) ||
	    api_field_str(c, "origin", r->origin, sizeof(r->origin), false) ||
	    api_field_str(c, "sender", r->sender, sizeof(r->sender), false) ||
	    api_field_str(c, "doc_no", r->doc_no, sizeof(r->doc_no), false) ||
	    api_field_int(c, "pages", &r->pages, 1, 1000000, false) ||
	    api_field_str(c, "serial", r->serial, sizeof(r->serial), false) ||
	    api_field_str(c, "asset_tag", r->asset_tag, sizeof(r->asset_tag), false) ||
	    api_field_str(c, "model", r->model, sizeof(r->model), false) ||
	    api_field_str(c, "capacity", r->capacity, sizeof(r->capacity), false) ||
	    api_field_bool(c, "classified_use", &r->classified_use, false) ||
	    api_field_str(c, "notes", r->notes, sizeof(r->notes), false) ||
	    id_list(c, "scope_people", r->scope_people, CARRIER_SCOPE_MAX, &r->nscope_people) ||
	    id_list(c, "scope_departments", r->scope_depts, CARRIER_SCOPE_MAX, &r->nscope_depts))
		return -1;
	r->issued_on = issued == PERSON_NO_DATE ? today() : issued;
	if (*release == PERSON_NO_DATE)
		*release = 0;
	if (carrier_issued_check(r->issued_on, today())) {
		refuse(c, CARRIER_FUTURE_DATE, "issued_on");
		return -1;
	}
	return 0;
}

void api_carriers_create(struct api_ctx *c)
{
	struct carrier_rec r;
	struct carrier_period per;
	char type[32] = "", level[32] = "";
	const char *field = NULL;
	struct unit u;
	int32_t release;
	enum carrier_err ce;
	enum store_err e;
	enum level lv;
	enum carrier_type ty;

	carrier_rec_init(&r);
	if (!business(c))
		return;
	if (!(c->actor.roles & ROLE_OFFICER)) {
		api_error(c, 403, "forbidden", "只有保密员登记载体",
		          "only a confidentiality officer "
		          "registers carriers",
		          NULL);
		return;
	}
	if (carrier_fields(c, &r, type, sizeof(type), level, sizeof(level), &release))
		return;
	if (carrier_type_parse(type, &ty)) {
		api_error(c, 400, "invalid_field", "未知的载体类型", "unknown carrier type",
		          "type");
		return;
	}
	if (level_parse(level, &lv)) {
		api_error(c, 400, "invalid_field",
		          "密级应为 top_secret/secret/confidential/internal/public",
		          "level must be top_secret, secret, confidential, internal or public",
		          "level");
		return;
	}
	r.type = ty;
	r.level = lv;
	if (strcmp(r.origin, "made") && strcmp(r.origin, "received")) {
		api_error(c, 400, "invalid_field", "来源应为 made（自制）或 received（收文）",
		          "origin must be made or received", "origin");
		return;
	}
	memset(&per, 0, sizeof(per));
	per.years = r.period_years;
	per.release_day = release;
	per.condition = r.release_condition;
	per.override = r.period_basis[0] != '\0';
	per.override_basis = r.period_basis;
	ce = carrier_period_normalise(lv, &per, &field);
	if (ce) {
		refuse(c, ce, field);
		return;
	}
	r.period_years = per.years;
	r.release_on = per.release_day;
	r.period_defaulted = per.defaulted;
	r.expires_on = level_is_classified(lv) ? carrier_period_expiry(&per, r.issued_on) : 0;
	if (lv == LEVEL_TOP_SECRET && !r.handler_id) {
		refuse(c, CARRIER_NEEDS_HANDLER, "handler_id");
		return;
	}
	if (!r.custodian_id)
		r.custodian_id = c->actor.person_id;
	/* the clearances checked are the ones in force when the carrier is written */
	if (!api_tx_begin(c))
		return;
	if (!staff_cleared(c, r.custodian_id, lv, "custodian_id") ||
	    !staff_cleared(c, r.handler_id, lv, "handler_id") ||
	    !people_exist(c, r.scope_people, r.nscope_people, "scope_people") ||
	    !depts_exist(c, r.scope_depts, r.nscope_depts, "scope_departments"))
		return;
	r.unit_id = unit_home(c->db);
	if (unit_get(c->db, r.unit_id, &u) != STORE_OK) {
		api_store_error(c, STORE_NOTFOUND, NULL);
		return;
	}
	e = carrier_insert(c->db, &r, u.code);
	if (!e)
		e = carrier_event(c->db, &c->actor, r.id, "register", "{}");
	if (!e)
		e = api_audit(
		    c, "carrier.register", "carrier", r.id, AUDIT_SUCCESS,
		    json_pack("{ss ss}", "number", r.number, "level", level_code(r.level)));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, carrier_json(&r));
}

/* ---- corrections ---- */

/* A correctable field's place in the record; ids for the knowledge scope. */
enum corr_kind { CORR_STR, CORR_INT, CORR_BOOL, CORR_DATE, CORR_PEOPLE, CORR_DEPTS };

static const struct {
	const char *field;
	enum corr_kind kind;
	size_t off, cap; /* CORR_STR: the char array; CORR_INT/BOOL/DATE: the member */
} corr_fields[] = {
#define MEMBER_SIZE(f) sizeof(((struct carrier_rec *)0)->f)
#define S(f) #f, CORR_STR, offsetof(struct carrier_rec, f), MEMBER_SIZE(f)
    {S(title)},
    {S(classifier)},
    {S(classify_basis)},
    {S(location)},
    {S(copy_no)},
    {S(origin)},
    {S(sender)},
    {S(doc_no)},
    {S(serial)},
    {S(asset_tag)},
    {S(model)},
    {S(capacity)},
    {S(notes)},
#undef S
#undef MEMBER_SIZE
    {"issued_on", CORR_DATE, offsetof(struct carrier_rec, issued_on), 0},
    {"pages", CORR_INT, offsetof(struct carrier_rec, pages), 0},
    {"classified_use", CORR_BOOL, offsetof(struct carrier_rec, classified_use), 0},
    {"scope_people", CORR_PEOPLE, 0, 0},
    {"scope_departments", CORR_DEPTS, 0, 0},
};

/* Reads one corrected field into n; -1 after answering 400 naming it. */
static int corr_read(struct api_ctx *c, size_t k, struct carrier_rec *n)
{
	char *p = (char *)n + corr_fields[k].off;
	const char *f = corr_fields[k].field;
	int32_t day = PERSON_NO_DATE;

	switch (corr_fields[k].kind) {
	case CORR_STR:
		return api_field_str(c, f, p, corr_fields[k].cap, false);
	case CORR_INT:
		if (json_is_null(json_object_get(c->body, f))) {
			*(int *)(void *)p = 0;
			return 0;
		}
		return api_field_int(c, f, (int *)(void *)p, 1, 1000000, false);
	case CORR_BOOL:
		return api_field_bool(c, f, (bool *)p, false);
	case CORR_DATE:
		if (api_field_date(c, f, &day, true))
			return -1;
		if (day == PERSON_NO_DATE) {
			api_error(c, 400, "invalid_field", "必填", "is required", f);
			return -1;
		}
		if (carrier_issued_check(day, today())) {
			refuse(c, CARRIER_FUTURE_DATE, f);
			return -1;
		}
		*(int32_t *)(void *)p = day;
		return 0;
	case CORR_PEOPLE:
		return id_list(c, f, n->scope_people, CARRIER_SCOPE_MAX, &n->nscope_people) ||
		       !people_exist(c, n->scope_people, n->nscope_people, f);
	case CORR_DEPTS:
		return id_list(c, f, n->scope_depts, CARRIER_SCOPE_MAX, &n->nscope_depts) ||
		       !depts_exist(c, n->scope_depts, n->nscope_depts, f);
	}
	return -1;
}

/*
 * PATCH /carriers/{id}: the officer corrects the description or the
 * knowledge scope of a registered carrier, with a reason.  The level and
 * the period are refused here: they change only by their own actions.
 * Only the fields whose value changes are written; the history keeps each
 * one's old and new value.
 */
void api_carriers_correct(struct api_ctx *c)
{
	const char *changed[sizeof(corr_fields) / sizeof(corr_fields[0])];
	struct carrier_viewer v;
	struct carrier_rec r, n;
	char reason[1025] = "";
	json_t *before = NULL, *after = NULL, *changes = NULL, *detail = NULL;
	const char *key;
	json_t *val;
	size_t nchanged = 0;
	enum store_err e;

	if (!business(c))
		return;
	if (!(c->actor.roles & ROLE_OFFICER)) {
		api_deny(c, "only the officer corrects a carrier");
		return;
	}
	json_object_foreach(c->body, key, val)
	{
		enum carrier_err ce = strcmp(key, "reason") ? carrier_correctable(key) : CARRIER_OK;

		if (ce) {
			refuse(c, ce, key);
			return;
		}
	}
	if (api_field_str(c, "reason", reason, sizeof(reason), false))
		return;
	if (!reason[0]) {
		refuse(c, CARRIER_REASON_MISSING, "reason");
		return;
	}
	/* read, decide and write in one transaction: the old values are the ones replaced */
	if (!api_tx_begin(c))
		return;
	api_carrier_viewer(c, &v);
	if (!load_visible(c, &v, &r))
		return;
	n = r;
	for (size_t k = 0; k < sizeof(corr_fields) / sizeof(corr_fields[0]); k++)
		if (json_object_get(c->body, corr_fields[k].field) && corr_read(c, k, &n))
			return;
	if (strcmp(n.origin, "made") && strcmp(n.origin, "received")) {
		api_error(c, 400, "invalid_field", "来源应为 made（自制）或 received（收文）",
		          "origin must be made or received", "origin");
		return;
	}
	if (!n.title[0]) {
		api_error(c, 400, "invalid_field", "名称不能为空", "title must not be empty",
		          "title");
		return;
	}
	if (n.issued_on != r.issued_on && level_is_classified(n.level)) {
		/* the period stays; its end follows the corrected 定密日期 */
		struct carrier_period per = {.years = n.period_years, .release_day = n.release_on};

		n.expires_on = carrier_period_expiry(&per, n.issued_on);
	}
	before = carrier_json(&r);
	after = carrier_json(&n);
	changes = json_object();
	for (size_t k = 0; k < sizeof(corr_fields) / sizeof(corr_fields[0]); k++) {
		const char *f = corr_fields[k].field;
		json_t *o = json_object_get(before, f), *w = json_object_get(after, f);

		if (json_equal(o, w))
			continue;
		changed[nchanged++] = f;
		json_object_set_new(changes, f, json_pack("{sOsO}", "from", o, "to", w));
	}
	val = json_object_get(before, "expires_on");
	if (!json_equal(val, json_object_get(after, "expires_on")))
		json_object_set_new(
		    changes, "expires_on",
		    json_pack("{sOsO}", "from", val, "to", json_object_get(after, "expires_on")));
	if (!nchanged) {
		refuse(c, CARRIER_NOTHING_CHANGED, NULL);
		goto out;
	}
	detail = json_pack("{sssO}", "reason", reason, "changes", changes);
	e = carrier_save_correction(c->db, &n, changed, nchanged);
	if (!e) {
		char *d = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);

		e = d ? carrier_event(c->db, &c->actor, r.id, "correct", d) : STORE_IO;
		free(d);
	}
	if (!e)
		e = api_audit(c, "carrier.correct", "carrier", r.id, AUDIT_SUCCESS,
		              json_deep_copy(detail));
	if (!e)
		e = carrier_get(c->db, r.id, &n);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, carrier_json(&n));
out:
	json_decref(before);
	json_decref(after);
	json_decref(changes);
	json_decref(detail);
}

/* ---- lifecycle actions ---- */

static const char *const action_fields[CA_COUNT][6] = {
    [CA_BORROW] = {"person_id", "due_on", "purpose"},
    [CA_RETURN] = {"person_id", "condition"},
    [CA_CIRCULATE] = {"readers"},
    [CA_SIGN] = {"person_id"},
    [CA_TAKE_OUT] = {"due_on", "companions", "destination"},
    [CA_REPAIR] = {"on_site", "sanitised", "vendor", "supervisor_id"},
    [CA_REPAIR_DONE] = {"notes"},
    [CA_RETURN_ISSUER] = {"recipient"},
    [CA_DESTROY] = {"witnesses", "place", "certificate_no"},
    [CA_DECLASSIFY] = {"basis"},
    [CA_CHANGE_LEVEL] = {"new_level", "basis"},
    [CA_EXTEND] = {"period_years", "release_on", "basis"},
    [CA_ARCHIVE] = {"location"},
    [CA_COPY] = {"count", "classifier_consent"},
    [CA_REVIEW] = {"notes"},
    [CA_RESTORE] = {"reason"},
};

static int action_only_fields(struct api_ctx *c, enum carrier_action a)
{
	const char *allowed[8] = {"action"};
	int n = 1;

	for (int i = 0; i < 6 && action_fields[a][i]; i++)
		allowed[n++] = action_fields[a][i];
	allowed[n] = NULL;
	return api_only_fields(c, allowed);
}

/* Who may perform an action: the officer; the custodian lends, takes back, circulates. */
static bool may_act(struct api_ctx *c, const struct carrier_rec *r, enum carrier_action a)
{
	if (c->actor.roles & ROLE_OFFICER)
		return true;
	if (c->actor.person_id && c->actor.person_id == r->custodian_id &&
	    (a == CA_BORROW || a == CA_RETURN || a == CA_CIRCULATE))
		return true;
	return a == CA_SIGN; /* a reader signs for themselves (checked below) */
}

/*
 * The actions the carrier's state allows and the caller may perform, each
 * with what it needs first: whether an approved request is required (for
 * 送修 only off site), the approval chain a request would follow, and
 * whether an approved request is waiting to be used.  The action forms say
 * so before anyone fills them in.
 */
static enum store_err actions_json(struct api_ctx *c, const struct carrier_rec *r, json_t **out)
{
	enum store_err e = STORE_OK;

	*out = json_array();
	for (int i = 0; !e && i < CA_COUNT; i++) {
		enum carrier_action a = (enum carrier_action)i;
		const char *code = carrier_action_code(a);
		bool off_site = a == CA_REPAIR && level_is_classified(r->level);
		bool needs = carrier_needs_approval(a, r->level) || off_site;
		struct carrier_request q;
		char steps[128] = "";
		json_t *st = json_array();

		if (!carrier_state_allows(a, r->state) || !may_act(c, r, a)) {
			json_decref(st);
			continue;
		}
		if (needs)
			e = approval_steps(c->db, code, r->level, steps, sizeof(steps));
		for (char *p = steps, *save = NULL, *tok; !e && (tok = strtok_r(p, ",", &save));
		     p = NULL)
			json_array_append_new(st, json_string(tok));
		if (!e && needs)
			e = request_find_approved(c->db, r->id, code, &q);
		json_array_append_new(*out,
		                      json_pack("{ss sb sb so sb}", "action", code,
		                                "needs_approval", needs, "off_site_only", off_site,
		                                "steps", st, "approved", needs && e == STORE_OK));
		if (e == STORE_NOTFOUND || !needs)
			e = STORE_OK;
	}
	if (e) {
		json_decref(*out);
		*out = NULL;
	}
	return e;
}

static bool id_listed(json_t *ids, int64_t id)
{
	json_t *v;
	size_t i;

	json_array_foreach(ids, i, v) if (json_integer_value(v) == id) return true;
	return false;
}

/* Adds a person to tell when they may see the carrier as it now is. */
static void recipient_add(struct api_ctx *c, const struct carrier_rec *r, int64_t pid, json_t *ids)
{
	struct carrier_viewer v;
	struct carrier_access a;
	struct person p;

	if (pid == c->actor.person_id || id_listed(ids, pid) ||
	    person_get(c->db, pid, &p) != STORE_OK)
		return;
	memset(&v, 0, sizeof(v));
	v.person_id = p.id;
	v.department_id = p.department_id;
	v.clearance = person_clearance(&p);
	carrier_access_of(r, &a);
	if (carrier_may_see(&a, &v))
		json_array_append_new(ids, json_integer(pid));
}

/*
 * Everyone to tell of a level change or declassification: the people of
 * the knowledge scope, by name and by department, and the custodian, who
 * may see the carrier after the change (the one acting knows already).
 */
static json_t *scope_recipients(struct api_ctx *c, const struct carrier_rec *r)
{
	json_t *ids = json_array();

	for (size_t i = 0; i < r->nscope_people; i++)
		recipient_add(c, r, r->scope_people[i], ids);
	if (r->custodian_id)
		recipient_add(c, r, r->custodian_id, ids);
	for (size_t i = 0; i < r->nscope_depts; i++) {
		struct person_filter f = {.department_id = r->scope_depts[i],
		                          .status = PERSON_ACTIVE,
		                          .staff_class = -1,
		                          .limit = 500};
		size_t got;

		do {
			json_t *items, *p;
			int64_t total;
			size_t k;

			got = 0;
			if (person_list(c->db, &f, true, &items, &total) == STORE_OK) {
				got = json_array_size(items);
				json_array_foreach(items, k, p) recipient_add(
				    c, r, json_integer_value(json_object_get(p, "id")), ids);
			}
			json_decref(items);
			f.offset += f.limit;
		} while (got == (size_t)f.limit);
	}
	return ids;
}

/* Tells each of ids that the carrier was declassified or changed level. */
static enum store_err notify_change(struct api_ctx *c, const struct carrier_rec *r,
                                    enum carrier_action a, enum level from, const char *basis,
                                    json_t *ids)
{
	struct notification n = {.object_type = "carrier", .object_id = r->id};
	char zh[1200], en[1200];
	enum store_err e = STORE_OK;
	json_t *v;
	size_t i;

	if (a == CA_DECLASSIFY) {
		n.kind = "carrier.declassified";
		snprintf(zh, sizeof(zh), "载体 %s《%s》已解密。依据：%s", r->number, r->title,
		         basis);
		snprintf(en, sizeof(en), "Carrier %s \"%s\" was declassified. Basis: %s", r->number,
		         r->title, basis);
	} else {
		n.kind = "carrier.level_changed";
		snprintf(zh, sizeof(zh), "载体 %s《%s》的密级已由%s变更为%s。依据：%s", r->number,
		         r->title, level_zh(from), level_zh(r->level), basis);
		snprintf(en, sizeof(en),
		         "The level of carrier %s \"%s\" changed from %s to %s. Basis: %s",
		         r->number, r->title, level_en(from), level_en(r->level), basis);
	}
	n.text_zh = zh;
	n.text_en = en;
	json_array_foreach(ids, i, v)
	{
		n.person_id = json_integer_value(v);
		e = notification_add(c->db, &n);
		if (e)
			break;
	}
	return e;
}

/* At most this many witnesses or companions are named. */
#define NAMED_MAX 8

struct act_args {
	int64_t person_id;
	int32_t due;
	int64_t ids[CARRIER_SCOPE_MAX];
	size_t nids;
	bool on_site, sanitised, consent;
	char text1[257], text2[257];
	char new_level[32];
	int years;
	int32_t release;
	int count;
};

static int parse_args(struct api_ctx *c, enum carrier_action a, struct act_args *g)
{
	memset(g, 0, sizeof(*g));
	g->count = 1;
	switch (a) {
	case CA_BORROW:
		return api_field_id(c, "person_id", &g->person_id, true) ||
		       api_field_date(c, "due_on", &g->due, true) ||
		       api_field_str(c, "purpose", g->text1, sizeof(g->text1), false);
	case CA_RETURN:
	case CA_SIGN:
		return api_field_id(c, "person_id", &g->person_id, false) ||
		       api_field_str(c, "condition", g->text1, sizeof(g->text1), false);
	case CA_CIRCULATE:
		return id_list(c, "readers", g->ids, CARRIER_READERS_MAX, &g->nids);
	case CA_TAKE_OUT:
		return api_field_date(c, "due_on", &g->due, true) ||
		       id_list(c, "companions", g->ids, NAMED_MAX, &g->nids) ||
		       api_field_str(c, "destination", g->text1, sizeof(g->text1), true);
	case CA_REPAIR:
		return api_field_bool(c, "on_site", &g->on_site, true) ||
		       api_field_bool(c, "sanitised", &g->sanitised, false) ||
		       api_field_str(c, "vendor", g->text1, sizeof(g->text1), false) ||
		       api_field_id(c, "supervisor_id", &g->person_id, false);
	case CA_REPAIR_DONE:
	case CA_REVIEW:
		return api_field_str(c, "notes", g->text1, sizeof(g->text1), false);
	case CA_RETURN_ISSUER:
		return api_field_str(c, "recipient", g->text1, sizeof(g->text1), true);
	case CA_RESTORE:
		return api_field_str(c, "reason", g->text1, sizeof(g->text1), false);
	case CA_DESTROY:
		return id_list(c, "witnesses", g->ids, NAMED_MAX, &g->nids) ||
		       api_field_str(c, "place", g->text1, sizeof(g->text1), true) ||
		       api_field_str(c, "certificate_no", g->text2, sizeof(g->text2), true);
	case CA_DECLASSIFY:
		return api_field_str(c, "basis", g->text1, sizeof(g->text1), true);
	case CA_CHANGE_LEVEL:
		return api_field_str(c, "new_level", g->new_level, sizeof(g->new_level), true) ||
		       api_field_str(c, "basis", g->text1, sizeof(g->text1), true);
	case CA_EXTEND:
		return api_field_int(c, "period_years", &g->years, 1, 100, false) ||
		       api_field_date(c, "release_on", &g->release, false) ||
		       api_field_str(c, "basis", g->text1, sizeof(g->text1), true);
	case CA_ARCHIVE:
		return api_field_str(c, "location", g->text1, sizeof(g->text1), false);
	case CA_COPY:
		return api_field_int(c, "count", &g->count, 1, 100, true) ||
		       api_field_bool(c, "classifier_consent", &g->consent, false);
	case CA_COUNT:
		break;
	}
	return 0;
}

/* Makes `count` copies that inherit level, period and scope, each with its copy number. */
static enum store_err make_copies(struct api_ctx *c, struct carrier_rec *orig, int count,
                                  json_t *made)
{
	struct unit u;
	enum store_err e = unit_get(c->db, orig->unit_id, &u);

	for (int i = 0; !e && i < count; i++) {
		struct carrier_rec k = *orig;

		k.id = 0;
		k.parent_id = orig->id;
		k.state = CS_IN_CUSTODY;
		k.holder_id = 0;
		k.due_on = 0;
		k.nreaders = 0;
		k.copies = 1;
		snprintf(k.copy_no, sizeof(k.copy_no), "%d", orig->copies + i + 1);
		e = carrier_insert(c->db, &k, u.code);
		if (!e)
			e = carrier_event(c->db, &c->actor, k.id, "register_copy", "{}");
		if (!e)
			json_array_append_new(made,
			                      json_pack("{sI ss ss}", "id", (json_int_t)k.id,
			                                "number", k.number, "copy_no", k.copy_no));
	}
	orig->copies += count;
	return e;
}

/*
 * A refusal; when it is about one of the people the action names (a
 * witness, a companion, the supervisor), it says which one.
 */
static void refuse_named(struct api_ctx *c, const struct carrier_act *x, enum carrier_err ce,
                         const char *field)
{
	const struct carrier_person *p = NULL;
	size_t n = 0, at = 0;
	int64_t who = 0;
	char z[384], en[384];

	if (ce == CARRIER_PERSON_MISSING || ce == CARRIER_PERSON_TWICE ||
	    ce == CARRIER_PERSON_IS_ACTOR || ce == CARRIER_PERSON_INACTIVE ||
	    ce == CARRIER_NO_CLEARANCE) {
		if (field && strcmp(field, "witnesses") == 0)
			p = x->witnesses, n = x->nwitnesses;
		else if (field && strcmp(field, "companions") == 0)
			p = x->companions, n = x->ncompanions;
		else if (field && strcmp(field, "supervisor_id") == 0)
			who = x->supervisor.id;
		if (p && carrier_people_check(p, n, x->level, x->actor_id, &at))
			who = p[at].id;
	}
	if (!who) {
		refuse(c, ce, field);
		return;
	}
	snprintf(z, sizeof(z), "%s（%s：人员编号 %lld）", carrier_err_zh(ce), field,
	         (long long)who);
	snprintf(en, sizeof(en), "%s (%s: person %lld)", carrier_err_en(ce), field, (long long)who);
	api_error(c, 400, "refused", z, en, field);
}

void api_carriers_action(struct api_ctx *c)
{
	struct carrier_viewer v;
	struct carrier_rec r;
	struct carrier_request req;
	struct carrier_act x;
	struct act_args g;
	char action[32] = "";
	const char *field = NULL;
	enum carrier_action a;
	enum carrier_err ce;
	enum store_err e;
	enum level new_level = LEVEL_NONE, old_level;
	struct carrier_person named[NAMED_MAX];
	json_t *detail, *made = NULL, *notified = NULL;
	bool have_req;

	if (!business(c) || api_field_str(c, "action", action, sizeof(action), true))
		return;
	if (carrier_action_parse(action, &a)) {
		api_error(c, 400, "invalid_field", "未知的操作", "unknown action", "action");
		return;
	}
	/*
	 * Everything from here reads, decides and writes in one transaction: the
	 * state checked and the approval used are the ones the change is made on.
	 */
	if (!api_tx_begin(c))
		return;
	api_carrier_viewer(c, &v);
	if (!load_visible(c, &v, &r) || action_only_fields(c, a) || parse_args(c, a, &g))
		return;
	if (!may_act(c, &r, a)) {
		api_deny(c, "carrier action");
		return;
	}
	memset(&x, 0, sizeof(x));
	x.action = a;
	x.level = r.level;
	x.state = r.state;
	x.handler_id = r.handler_id;
	x.holder_id = r.holder_id;
	x.actor_id = c->actor.person_id;
	x.today = today();
	x.expiry_day = r.expires_on;
	e = request_find_approved(c->db, r.id, carrier_action_code(a), &req);
	if (e && e != STORE_NOTFOUND) {
		api_store_error(c, e, NULL);
		return;
	}
	have_req = !e;
	x.approved = have_req;
	e = STORE_OK;
	x.due_day = g.due == PERSON_NO_DATE ? 0 : g.due;
	switch (a) {
	case CA_BORROW:
		x.target_id = g.person_id;
		if (!person_standing(c, &r, g.person_id, &x.target_cleared, &x.target_in_scope)) {
			api_error(c, 400, "invalid_field", "人员不存在", "no such person",
			          "person_id");
			return;
		}
		break;
	case CA_RETURN:
		x.target_id = g.person_id ? g.person_id : r.holder_id;
		break;
	case CA_CIRCULATE:
		x.nreaders = (int)g.nids;
		x.readers_ok = true;
		for (size_t i = 0; i < g.nids; i++) {
			bool cl, sc;

			if (!person_standing(c, &r, g.ids[i], &cl, &sc) || !cl || !sc)
				x.readers_ok = false;
		}
		break;
	case CA_SIGN:
		x.target_id = g.person_id ? g.person_id : c->actor.person_id;
		x.next_reader_id = r.nreaders ? r.readers[0] : 0;
		x.nreaders = r.nreaders;
		if (!(c->actor.roles & ROLE_OFFICER) && x.target_id != c->actor.person_id) {
			refuse(c, CARRIER_NOT_NEXT_READER, "person_id");
			return;
		}
		break;
	case CA_TAKE_OUT:
		e = people_facts(c, g.ids, g.nids, named);
		x.companions = named;
		x.ncompanions = g.nids;
		break;
	case CA_REPAIR:
		x.on_site = g.on_site;
		x.sanitised = g.sanitised;
		e = g.person_id ? people_facts(c, &g.person_id, 1, &x.supervisor) : STORE_OK;
		break;
	case CA_DESTROY:
		e = people_facts(c, g.ids, g.nids, named);
		x.witnesses = named;
		x.nwitnesses = g.nids;
		break;
	case CA_CHANGE_LEVEL:
		if (level_parse(g.new_level, &new_level)) {
			api_error(c, 400, "invalid_field", "未知密级", "unknown level",
			          "new_level");
			return;
		}
		x.new_level = new_level;
		break;
	case CA_COPY:
		x.classifier_consent = g.consent;
		break;
	case CA_RESTORE:
		x.has_reason = g.text1[0] != '\0';
		e = carrier_state_before_leak(c->db, r.id, &x.prior_state);
		if (e) {
			api_store_error(c, e, NULL);
			return;
		}
		break;
	default:
		break;
	}
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	ce = carrier_check(&x, &field);
	if (ce) {
		refuse_named(c, &x, ce, field);
		return;
	}
	/* apply */
	detail = json_object();
	old_level = r.level;
	r.state = carrier_next_state(&x);
	switch (a) {
	case CA_BORROW:
		r.holder_id = g.person_id;
		r.due_on = x.due_day;
		json_object_set_new(detail, "person_id", json_integer(g.person_id));
		json_object_set_new(
		    detail, "due_on",
		    json_string(json_string_value(json_object_get(c->body, "due_on"))));
		json_object_set_new(detail, "purpose", json_string(g.text1));
		break;
	case CA_TAKE_OUT:
		r.holder_id = c->actor.person_id;
		r.due_on = x.due_day;
		json_object_set_new(detail, "destination", json_string(g.text1));
		json_object_set_new(detail, "companions",
		                    json_deep_copy(json_object_get(c->body, "companions")));
		break;
	case CA_RETURN:
		json_object_set_new(detail, "returned_by", json_integer(x.target_id));
		json_object_set_new(detail, "condition", json_string(g.text1));
		r.holder_id = 0;
		r.due_on = 0;
		break;
	case CA_CIRCULATE:
		r.nreaders = (int)g.nids;
		memcpy(r.readers, g.ids, g.nids * sizeof(g.ids[0]));
		json_object_set_new(detail, "readers",
		                    json_deep_copy(json_object_get(c->body, "readers")));
		break;
	case CA_SIGN:
		json_object_set_new(detail, "reader", json_integer(x.target_id));
		memmove(r.readers, r.readers + 1, (size_t)(r.nreaders - 1) * sizeof(r.readers[0]));
		r.nreaders--;
		break;
	case CA_REPAIR:
		json_object_set_new(detail, "on_site", json_boolean(g.on_site));
		json_object_set_new(detail, "sanitised", json_boolean(g.sanitised));
		json_object_set_new(detail, "vendor", json_string(g.text1));
		if (g.person_id)
			json_object_set_new(detail, "supervisor_id", json_integer(g.person_id));
		break;
	case CA_REPAIR_DONE:
	case CA_ARCHIVE:
		json_object_set_new(detail, "notes", json_string(g.text1));
		if (a == CA_ARCHIVE && g.text1[0])
			snprintf(r.location, sizeof(r.location), "%s", g.text1);
		break;
	case CA_RETURN_ISSUER:
		json_object_set_new(detail, "recipient", json_string(g.text1));
		break;
	case CA_DESTROY:
		json_object_set_new(detail, "witnesses",
		                    json_deep_copy(json_object_get(c->body, "witnesses")));
		json_object_set_new(detail, "place", json_string(g.text1));
		json_object_set_new(detail, "certificate_no", json_string(g.text2));
		break;
	case CA_DECLASSIFY:
	case CA_CHANGE_LEVEL:
		json_object_set_new(detail, "basis", json_string(g.text1));
		json_object_set_new(detail, "from", json_string(level_code(r.level)));
		if (a == CA_CHANGE_LEVEL) {
			struct carrier_period per = {.years = 0};

			r.level = new_level;
			/* the period follows the new level's default unless one was decided */
			if (r.period_defaulted && level_is_classified(new_level)) {
				per.years = 0;
				carrier_period_normalise(new_level, &per, &field);
				r.period_years = per.years;
				r.expires_on = carrier_period_expiry(&per, r.issued_on);
			}
		}
		json_object_set_new(
		    detail, "to",
		    json_string(level_code(a == CA_DECLASSIFY ? LEVEL_PUBLIC : r.level)));
		notified = scope_recipients(c, &r);
		json_object_set_new(detail, "notified", json_incref(notified));
		break;
	case CA_EXTEND:
		if ((g.years > 0) == (g.release > 0 && g.release != PERSON_NO_DATE)) {
			json_decref(detail);
			refuse(c, CARRIER_PERIOD_CONFLICT, "period_years");
			return;
		}
		{
			int y;
			unsigned m, dd;
			char from[16] = "";

			if (r.expires_on) {
				bjtime_civil_from_days(r.expires_on, &y, &m, &dd);
				snprintf(from, sizeof(from), "%04d-%02u-%02u", y % 10000, m % 100,
				         dd % 100);
			}
			json_object_set_new(detail, "from", json_string(from));
		}
		if (g.years > 0) {
			r.period_years = g.years;
			r.release_on = 0;
		} else {
			r.release_on = g.release;
			r.period_years = 0;
		}
		r.period_defaulted = false;
		{
			struct carrier_period per = {.years = r.period_years,
			                             .release_day = r.release_on};

			r.expires_on = carrier_period_expiry(&per, r.issued_on);
		}
		json_object_set_new(detail, "basis", json_string(g.text1));
		break;
	case CA_RESTORE:
		json_object_set_new(detail, "reason", json_string(g.text1));
		json_object_set_new(detail, "from", json_string(carrier_state_code(x.state)));
		json_object_set_new(detail, "to", json_string(carrier_state_code(r.state)));
		break;
	case CA_COPY:
		json_object_set_new(detail, "count", json_integer(g.count));
		json_object_set_new(detail, "classifier_consent", json_boolean(g.consent));
		break;
	case CA_REVIEW:
		/* the classification still holds: the next review is a year from today */
		json_object_set_new(detail, "notes", json_string(g.text1));
		json_object_set_new(detail, "was_due_on", day_json(r.review_due));
		r.reviewed_on = x.today;
		r.review_due = carrier_review_due(r.level, r.state, r.issued_on, r.reviewed_on);
		json_object_set_new(detail, "next_due_on", day_json(r.review_due));
		break;
	case CA_COUNT:
		break;
	}
	if (have_req)
		json_object_set_new(detail, "request_id", json_integer(req.id));
	e = STORE_OK;
	if (a == CA_COPY) {
		made = json_array();
		e = make_copies(c, &r, g.count, made);
		json_object_set(detail, "copies", made);
	}
	if (!e)
		e = carrier_save_lifecycle(c->db, &r);
	if (!e && have_req)
		e = request_use(c->db, req.id);
	if (!e && notified)
		e = notify_change(c, &r, a, old_level, g.text1, notified);
	json_decref(notified);
	if (!e) {
		char *d = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);

		e = carrier_event(c->db, &c->actor, r.id, action, d ? d : "{}");
		free(d);
	}
	if (!e) {
		char ev[48];

		snprintf(ev, sizeof(ev), "carrier.%s", action);
		e = api_audit(c, ev, "carrier", r.id, AUDIT_SUCCESS, json_deep_copy(detail));
	}
	json_decref(detail);
	if (e) {
		json_decref(made);
		api_store_error(c, e, NULL);
		return;
	}
	if (!api_tx_commit(c)) {
		json_decref(made);
		return;
	}
	detail = carrier_json(&r);
	if (made)
		json_object_set_new(detail, "copies_made", made);
	api_reply(c, 200, detail);
}

/* ---- approval requests ---- */

#define REQUEST_APPROVERS_MAX 50

/* Steps in a request's chain. */
static int request_nsteps(const struct carrier_request *q)
{
	int n = 1;

	for (const char *p = q->steps; *p; p++)
		n += *p == ',';
	return n;
}

/* 409 naming the step (index i, role bit) nobody may decide, and who could. */
static void no_approver(struct api_ctx *c, int i, uint32_t bit, enum level l)
{
	char z[320], en[320];

	if (level_is_classified(l)) {
		snprintf(z, sizeof(z),
		         "没有可审批第%d步的%s（须为在岗且具备%s及以上"
		         "密级资格的启用账户，且不是申请人）",
		         i + 1, role_zh(bit), level_zh(l));
		snprintf(
		    en, sizeof(en),
		    "nobody may decide step %d (%s): it needs an enabled account of a person in "
		    "post cleared for %s, other than the requester",
		    i + 1, role_en(bit), level_en(l));
	} else {
		snprintf(z, sizeof(z),
		         "没有可审批第%d步的%s（须为本人在岗的启用账户，且不是申请人）", i + 1,
		         role_zh(bit));
		snprintf(
		    en, sizeof(en),
		    "nobody may decide step %d (%s): it needs an enabled account of a person in "
		    "post, other than the requester",
		    i + 1, role_en(bit));
	}
	api_error(c, 409, "no_approver", z, en, "action");
}

/* The carrier's department (carrier_department): its custodian's, else its handler's; 0 none. */
static int64_t department_of(struct api_ctx *c, const struct carrier_rec *r)
{
	struct person p;
	int64_t custodian_dept = 0, handler_dept = 0;

	if (r->custodian_id && person_get(c->db, r->custodian_id, &p) == STORE_OK)
		custodian_dept = p.department_id;
	if (r->handler_id && person_get(c->db, r->handler_id, &p) == STORE_OK)
		handler_dept = p.department_id;
	return carrier_department(custodian_dept, handler_dept);
}

/* Whom a step of `role` may reach: a 部门负责人 step, the carrier's department only (-1: none). */
static int64_t step_department(struct api_ctx *c, uint32_t role, const struct carrier_rec *r)
{
	int64_t d;

	if (role != ROLE_DEPT_HEAD)
		return 0;
	d = department_of(c, r);
	return d ? d : -1;
}

/*
 * Refuses (409) a chain with a step nobody may decide: no enabled account
 * holding its role whose person is in post, cleared for the level and not
 * the requester (and, for a 部门负责人 step, of the carrier's department).
 * Such a request would wait in 审批中 for good.
 */
static bool approvers_exist(struct api_ctx *c, const struct carrier_request *q,
                            const struct carrier_rec *r)
{
	enum level l = r->level;
	struct request_approver one;
	const char *p = q->steps;
	int i = 0;

	while (*p) {
		size_t len = strcspn(p, ","), n = 0;
		char role[32];
		uint32_t bit;
		enum store_err e;

		snprintf(role, sizeof(role), "%.*s", (int)len, p);
		bit = role_parse(role);
		e = bit ? request_approvers(c->db, bit, l, step_department(c, bit, r), c->acct.id,
		                            &one, 1, &n)
		        : STORE_OK;
		if (e) {
			api_store_error(c, e, NULL);
			return false;
		}
		if (!n) {
			no_approver(c, i, bit, l);
			return false;
		}
		p += len + (p[len] == ',');
		i++;
	}
	return true;
}

/* Whether the account already decided a step of this request. */
static bool decided_by(const struct carrier_request *q, const char *username)
{
	json_t *dec = json_loads(q->decisions, 0, NULL), *d;
	bool found = false;
	size_t i;

	json_array_foreach(dec, i, d)
	{
		if (strcmp(json_str(d, "username"), username) == 0)
			found = true;
	}
	json_decref(dec);
	return found;
}

/*
 * Tells the requester where their request stands and the approvers of the
 * step now due that it waits for them.  Approvers hear the carrier's
 * summary (number, title, level) only: not the reason nor any detail.
 * `decided` is the step the caller just decided, with `comment`; -1 for a new request.
 */
static enum store_err request_notify(struct api_ctx *c, const struct carrier_request *q,
                                     const struct carrier_rec *r, int decided, const char *comment)
{
	struct notification n = {.object_type = "carrier_request", .object_id = q->id};
	struct request_approver ap[REQUEST_APPROVERS_MAX];
	struct account req;
	enum carrier_action a;
	char what[700], what_en[700], step[32], done[32], zh[1600], en[1600], note[600] = "";
	const char *act = q->action, *act_en = q->action, *decider = c->acct.display_name;
	int at = request_step_role(q, step, sizeof(step)), nsteps = request_nsteps(q);
	uint32_t bit = role_parse(step);
	size_t napp = 0;
	enum store_err e;

	if (carrier_action_parse(q->action, &a) == 0) {
		act = carrier_action_zh(a);
		act_en = carrier_action_en(a);
	}
	snprintf(what, sizeof(what), "载体 %s《%s》（%s）的%s申请", r->number, r->title,
	         level_zh(r->level), act);
	snprintf(what_en, sizeof(what_en), "\"%s\" request on carrier %s \"%s\" (%s)", act_en,
	         r->number, r->title, level_en(r->level));
	if (comment && *comment)
		snprintf(note, sizeof(note), "意见：%s", comment);
	e = account_get(c->db, q->requested_by, &req);
	if (e)
		return e;
	if (req.person_id) {
		n.person_id = req.person_id;
		if (decided < 0) {
			n.kind = "carrier_request.submitted";
			snprintf(zh, sizeof(zh), "您提出的%s已提交，待第1步（%s）审批。", what,
			         role_zh(bit));
			snprintf(en, sizeof(en), "Your %s was submitted; step 1 (%s) decides next.",
			         what_en, role_en(bit));
		} else {
			struct carrier_request dq = *q;

			dq.step = decided;
			request_step_role(&dq, done, sizeof(done));
			if (strcmp(q->status, "pending") == 0) {
				n.kind = "carrier_request.step_approved";
				snprintf(zh, sizeof(zh),
				         "您提出的%s第%d步已由%s（%s）同意，待第%d步（%s）审批。%s",
				         what, decided + 1, decider, role_zh(role_parse(done)),
				         at + 1, role_zh(bit), note);
				snprintf(en, sizeof(en),
				         "Step %d of your %s was approved by %s; step %d (%s) "
				         "decides next.",
				         decided + 1, what_en, decider, at + 1, role_en(bit));
			} else if (strcmp(q->status, "approved") == 0) {
				n.kind = "carrier_request.approved";
				snprintf(zh, sizeof(zh),
				         "您提出的%s已批准（第%d步由%s（%s）同意），可以办理。%s",
				         what, decided + 1, decider, role_zh(role_parse(done)),
				         note);
				snprintf(
				    en, sizeof(en),
				    "Your %s was approved (step %d by %s); it may be carried out.",
				    what_en, decided + 1, decider);
			} else {
				n.kind = "carrier_request.rejected";
				snprintf(zh, sizeof(zh),
				         "您提出的%s已被驳回（第%d步由%s（%s）驳回）。%s", what,
				         decided + 1, decider, role_zh(role_parse(done)), note);
				snprintf(en, sizeof(en), "Your %s was rejected (step %d by %s).",
				         what_en, decided + 1, decider);
			}
		}
		n.text_zh = zh;
		n.text_en = en;
		e = notification_add(c->db, &n);
		if (e)
			return e;
	}
	if (strcmp(q->status, "pending") != 0 || !bit)
		return STORE_OK;
	e = request_approvers(c->db, bit, r->level, step_department(c, bit, r), q->requested_by, ap,
	                      REQUEST_APPROVERS_MAX, &napp);
	if (e)
		return e;
	n.kind = "carrier_request.pending";
	snprintf(zh, sizeof(zh), "待您审批：%s，申请人 %s，第%d步（共%d步，%s）。", what,
	         req.display_name, at + 1, nsteps, role_zh(bit));
	snprintf(en, sizeof(en), "Awaiting your decision: %s by %s, step %d of %d (%s).", what_en,
	         req.display_name, at + 1, nsteps, role_en(bit));
	n.text_zh = zh;
	n.text_en = en;
	for (size_t i = 0; i < napp && !e; i++) {
		struct account who;

		/* one who decided an earlier step may not decide this one */
		if (account_get(c->db, ap[i].account_id, &who) == STORE_OK &&
		    decided_by(q, who.username))
			continue;
		n.person_id = ap[i].person_id;
		e = notification_add(c->db, &n);
	}
	return e;
}

void api_carriers_request(struct api_ctx *c)
{
	static const char *const fields[] = {"action", "reason", NULL};
	struct carrier_viewer v;
	struct carrier_rec r;
	struct carrier_request q, existing;
	char action[32] = "";
	enum carrier_action a;
	enum store_err e;

	memset(&q, 0, sizeof(q));
	if (!business(c) || api_only_fields(c, fields) ||
	    api_field_str(c, "action", action, sizeof(action), true) ||
	    api_field_str(c, "reason", q.reason, sizeof(q.reason), true))
		return;
	if (carrier_action_parse(action, &a)) {
		api_error(c, 400, "invalid_field", "未知的操作", "unknown action", "action");
		return;
	}
	/* the state, the rule and the waiting approval checked are those the request is filed on */
	if (!api_tx_begin(c))
		return;
	api_carrier_viewer(c, &v);
	if (!load_visible(c, &v, &r))
		return;
	if (carrier_state_final(r.state) || r.state == CS_COMPROMISED) {
		refuse(c, r.state == CS_COMPROMISED ? CARRIER_COMPROMISED : CARRIER_BAD_STATE,
		       "action");
		return;
	}
	snprintf(q.action, sizeof(q.action), "%s", carrier_action_code(a));
	e = approval_steps(c->db, q.action, r.level, q.steps, sizeof(q.steps));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!q.steps[0]) {
		api_error(c, 400, "invalid_field", "该密级的此项操作无需审批",
		          "this action needs no approval at this level", "action");
		return;
	}
	if (!approvers_exist(c, &q, &r))
		return;
	e = request_find_approved(c->db, r.id, q.action, &existing);
	if (!e) {
		api_error(c, 409, "conflict", "已有一份获批未用的同类申请",
		          "an approved request for this action is waiting to be used", "action");
		return;
	}
	if (e != STORE_NOTFOUND) {
		api_store_error(c, e, NULL);
		return;
	}
	q.carrier_id = r.id;
	q.requested_by = c->acct.id;
	snprintf(q.status, sizeof(q.status), "pending");
	e = request_insert(c->db, &q);
	if (!e) {
		json_t *d = json_pack("{sI ss ss ss}", "request_id", (json_int_t)q.id, "action",
		                      q.action, "reason", q.reason, "steps", q.steps);
		char *ds = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);

		e = carrier_event(c->db, &c->actor, r.id, "request", ds ? ds : "{}");
		free(ds);
		json_decref(d);
	}
	if (!e)
		e = api_audit(
		    c, "carrier.request", "carrier_request", q.id, AUDIT_SUCCESS,
		    json_pack("{sI ss}", "carrier_id", (json_int_t)r.id, "action", q.action));
	if (!e)
		e = request_notify(c, &q, &r, -1, NULL);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, request_json(&q));
}

/* Records that the caller read carrier summaries by the right to decide (summary_only items). */
static void audit_summary_reads(struct api_ctx *c, json_t *items, const char *view)
{
	json_t *ids = json_array(), *it, *d;
	char *ds;
	size_t i;

	json_array_foreach(items, i, it) if (json_is_true(json_object_get(it, "summary_only")))
	    json_array_append(ids, json_object_get(it, "id"));
	if (!json_array_size(ids)) {
		json_decref(ids);
		return;
	}
	d = json_pack("{so ss}", "requests", ids, "view", view);
	ds = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
	audit_append_tx(c->db, &c->actor, "carrier_request.summary_read", "carrier_request", "",
	                AUDIT_SUCCESS, ds ? ds : "{}");
	free(ds);
	json_decref(d);
}

/* The caller as an approver: account, roles, and whether their person is in post. */
static void approver_query(struct api_ctx *c, struct request_query *q)
{
	struct person p;

	q->account_id = c->acct.id;
	q->username = c->acct.username;
	q->roles = c->actor.roles;
	q->in_post = c->actor.person_id && person_get(c->db, c->actor.person_id, &p) == STORE_OK &&
	             p.status == PERSON_ACTIVE;
}

enum store_err api_request_inbox(struct api_ctx *c, bool audit_summaries, json_t **items,
                                 int64_t *total)
{
	struct carrier_viewer v;
	struct request_query q = {.view = REQUEST_VIEW_PENDING};
	enum store_err e;

	api_carrier_viewer(c, &v);
	approver_query(c, &q);
	e = request_list(c->db, &v, &q, items, total);
	if (!e && audit_summaries)
		audit_summary_reads(c, *items, "pending");
	return e;
}

/*
 * GET /carrier-requests: the pending inbox (待办), or with view=done the
 * decided ones (已办) a page at a time.
 */
void api_requests_list(struct api_ctx *c)
{
	struct carrier_viewer v;
	struct request_query q = {.view = REQUEST_VIEW_PENDING};
	const char *view = http_query(c->req, "view");
	json_t *items;
	int64_t total;
	bool ok = true;
	enum store_err e;

	if (!business(c))
		return;
	if (view && strcmp(view, "pending") != 0) {
		if (strcmp(view, "done") != 0) {
			api_error(c, 400, "invalid_query",
			          "查询参数 view 的取值无效（pending 或 done）",
			          "query parameter view is pending or done", "view");
			return;
		}
		q.view = REQUEST_VIEW_DONE;
	}
	api_paging(c, &q.limit, &q.offset, &ok); /* the done view pages; the inbox holds 500 */
	if (!ok)
		return;
	if (q.view == REQUEST_VIEW_PENDING) {
		e = api_request_inbox(c, true, &items, &total);
	} else {
		api_carrier_viewer(c, &v);
		approver_query(c, &q);
		e = request_list(c->db, &v, &q, &items, &total);
		if (!e)
			audit_summary_reads(c, items, "done");
	}
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

/*
 * A department head decides a step only for a carrier of their own
 * department (carrier_department: its custodian's, else its handler's);
 * otherwise 403 saying so, and the refusal is audited.
 */
static bool own_department(struct api_ctx *c, const struct carrier_viewer *v,
                           const struct carrier_request *q, const struct carrier_rec *r)
{
	enum carrier_err ce = carrier_dept_head_check(v->department_id, department_of(c, r));
	char id[24], d[96];

	if (!ce)
		return true;
	snprintf(id, sizeof(id), "%lld", (long long)q->id);
	snprintf(d, sizeof(d), "{\"carrier_id\":%lld,\"why\":\"other department\"}",
	         (long long)r->id);
	db_rollback(c->db); /* the refusal's record is its own transaction */
	audit_append_tx(c->db, &c->actor, "carrier.decide", "carrier_request", id, AUDIT_DENIED, d);
	api_error(c, 403, "forbidden", carrier_err_zh(ce), carrier_err_en(ce), NULL);
	return false;
}

/*
 * One approver's decision on the current step.  The request is read,
 * checked and written in one transaction, so a decided request or step is
 * never decided again: a rejection stands, and of two approvers of one step
 * the second hears 409.  `step` in the body is the step the approver saw;
 * if the request has moved on since, that is 409 too.
 */
void api_requests_decide(struct api_ctx *c)
{
	static const char *const fields[] = {"approve", "comment", "step", NULL};
	struct carrier_viewer v;
	struct carrier_request q;
	struct carrier_rec r;
	char comment[513] = "", step[32], ts[BJTIME_ISO_LEN];
	bool approve = false, summary_only = false;
	int nsteps, i, seen = -1;
	json_t *dec;
	char *ds;
	enum store_err e;

	if (!business(c) || api_only_fields(c, fields) ||
	    api_field_bool(c, "approve", &approve, true) ||
	    api_field_str(c, "comment", comment, sizeof(comment), false) ||
	    api_field_int(c, "step", &seen, 0, 3, false))
		return;
	if (!api_tx_begin(c))
		return;
	api_carrier_viewer(c, &v);
	if (!load_request(c, &v, &q, &r, &summary_only))
		return;
	if (strcmp(q.status, "pending") != 0) {
		api_error(c, 409, "conflict", "该申请已处理", "the request is already decided",
		          NULL);
		return;
	}
	if (seen >= 0 && seen != q.step) {
		api_error(c, 409, "conflict", "此步已审批", "this step is already decided", "step");
		return;
	}
	if (decided_by(&q, c->acct.username)) {
		/* a repeated click never decides the next step; each step has its own approver */
		api_error(c, 409, "conflict", "您已审批过此申请，其余步骤须由他人审批",
		          "you already decided a step of this request; others decide the rest",
		          NULL);
		return;
	}
	i = request_step_role(&q, step, sizeof(step));
	nsteps = request_nsteps(&q);
	if (!(c->actor.roles & role_parse(step)) || q.requested_by == c->acct.id) {
		char z[160], en[160];

		snprintf(z, sizeof(z), "此步须由%s审批，且申请人不能审批自己的申请",
		         role_zh(role_parse(step)));
		snprintf(en, sizeof(en),
		         "this step is approved by the %s, and never by the requester",
		         role_en(role_parse(step)));
		db_rollback(c->db); /* the refusal's record is its own transaction */
		audit_append_tx(c->db, &c->actor, "carrier.decide", "carrier_request", "",
		                AUDIT_DENIED, "{}");
		api_error(c, 403, "forbidden", z, en, NULL);
		return;
	}
	if (role_parse(step) == ROLE_DEPT_HEAD && !own_department(c, &v, &q, &r))
		return;
	bjtime_format_iso(bjtime_now_ms(), ts);
	dec = json_loads(q.decisions, 0, NULL);
	if (!json_is_array(dec)) {
		json_decref(dec);
		dec = json_array();
	}
	json_array_append_new(dec,
	                      json_pack("{si ss ss ss sb ss ss}", "step", q.step, "role", step,
	                                "username", c->acct.username, "name", c->acct.display_name,
	                                "approve", approve, "comment", comment, "time", ts));
	ds = json_dumps(dec, JSON_COMPACT);
	json_decref(dec);
	if (!ds || strlen(ds) >= sizeof(q.decisions)) {
		free(ds);
		api_error(c, 400, "invalid_field", "审批意见过长", "comment too long", "comment");
		return;
	}
	snprintf(q.decisions, sizeof(q.decisions), "%s", ds);
	free(ds);
	if (!approve)
		snprintf(q.status, sizeof(q.status), "rejected");
	else if (++q.step >= nsteps)
		snprintf(q.status, sizeof(q.status), "approved");
	e = request_decide(c->db, &q, i);
	if (!e) {
		json_t *d = json_pack("{sI ss si ss ss ss}", "request_id", (json_int_t)q.id,
		                      "action", q.action, "step", i, "role", step, "comment",
		                      comment, "status", q.status);
		char *evd = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);

		e = carrier_event(c->db, &c->actor, r.id, approve ? "approve" : "reject",
		                  evd ? evd : "{}");
		free(evd);
		json_decref(d);
	}
	if (!e)
		e = api_audit(c, approve ? "carrier.approve" : "carrier.reject", "carrier_request",
		              q.id, AUDIT_SUCCESS,
		              json_pack("{ss si sb}", "action", q.action, "step", i, "summary_only",
		                        summary_only));
	if (!e)
		e = request_notify(c, &q, &r, i, comment);
	if (e == STORE_CONFLICT)
		api_error(c, 409, "conflict", "该申请已处理", "the request is already decided",
		          NULL);
	else if (e)
		api_store_error(c, e, NULL);
	if (e)
		return;
	if (api_tx_commit(c))
		api_reply(c, 200, request_json(&q));
}

/* ---- approval rules (who approves which action at which level) ---- */

void api_rules_get(struct api_ctx *c)
{
	sqlite3_stmt *s;
	json_t *items;
	int rc;

	/* the security administrator sets them; business users see how requests will run */
	if (!(c->actor.admin == ADMIN_SEC || (c->actor.admin == ADMIN_NONE && c->actor.roles))) {
		api_deny(c, "approval rules");
		return;
	}
	rc = sqlite3_prepare_v2(c->db->h,
	                        "SELECT action, min_level, steps FROM approval_rules "
	                        "ORDER BY action, min_level",
	                        -1, &s, NULL);
	if (rc != SQLITE_OK) {
		api_store_error(c, db_fail(c->db, rc), NULL);
		return;
	}
	items = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *steps = json_array();
		char buf[128];
		char *save = NULL;

		snprintf(buf, sizeof(buf), "%s", (const char *)sqlite3_column_text(s, 2));
		for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
			json_array_append_new(steps, json_string(t));
		json_array_append_new(
		    items,
		    json_pack("{ss ss so}", "action", (const char *)sqlite3_column_text(s, 0),
		              "min_level", level_code(sqlite3_column_int(s, 1)), "steps", steps));
	}
	sqlite3_finalize(s);
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

void api_rules_put(struct api_ctx *c)
{
	static const char *const fields[] = {"rules", NULL};
	static const char *const rule_keys[] = {"action", "min_level", "steps", NULL};
	json_t *rules, *r, *st, *v;
	sqlite3_stmt *ins = NULL;
	size_t i, k;
	enum store_err e = STORE_OK;

	if (!api_require(c, PERM_POLICY_WRITE) || api_only_fields(c, fields))
		return;
	rules = json_object_get(c->body, "rules");
	if (!json_is_array(rules) || json_array_size(rules) > 100) {
		api_error(c, 400, "invalid_field", "rules 应为规则数组（最多100条）",
		          "rules must be an array of at most 100 rules", "rules");
		return;
	}
	/* validate every rule before anything changes */
	json_array_foreach(rules, i, r)
	{
		enum carrier_action a;
		enum level l;
		char path[32];

		snprintf(path, sizeof(path), "rules[%zu]", i);
		if (json_is_object(r) && api_only_keys(c, r, path, rule_keys))
			return;
		st = json_object_get(r, "steps");
		if (!json_is_object(r) ||
		    carrier_action_parse(json_string_value(json_object_get(r, "action")), &a) ||
		    level_parse(json_string_value(json_object_get(r, "min_level")), &l) ||
		    !json_is_array(st) || json_array_size(st) < 1 || json_array_size(st) > 4) {
			char z[128], en[128];

			snprintf(z, sizeof(z),
			         "第%zu条规则：须有 action、min_level 和1到4个审批角色", i + 1);
			snprintf(en, sizeof(en),
			         "rule %zu: needs action, min_level and 1 to 4 steps", i + 1);
			api_error(c, 400, "invalid_field", z, en, "rules");
			return;
		}
		json_array_foreach(st, k,
		                   v) if (!json_is_string(v) || !role_parse(json_string_value(v)))
		{
			char z[128], en[128];

			snprintf(z, sizeof(z), "第%zu条规则第%zu步：未知业务角色", i + 1, k + 1);
			snprintf(en, sizeof(en), "rule %zu step %zu: unknown business role", i + 1,
			         k + 1);
			api_error(c, 400, "invalid_field", z, en, "rules");
			return;
		}
	}
	if (!api_tx_begin(c))
		return;
	if (sqlite3_exec(c->db->h, "DELETE FROM approval_rules", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(
	        c->db->h, "INSERT INTO approval_rules(action, min_level, steps) VALUES (?,?,?)", -1,
	        &ins, NULL) != SQLITE_OK)
		e = db_fail(c->db, SQLITE_ERROR);
	json_array_foreach(rules, i, r)
	{
		enum carrier_action a;
		enum level l;
		char steps[128] = "";
		size_t len = 0;

		if (e)
			break;
		carrier_action_parse(json_string_value(json_object_get(r, "action")), &a);
		level_parse(json_string_value(json_object_get(r, "min_level")), &l);
		json_array_foreach(json_object_get(r, "steps"), k, v) len +=
		    (size_t)snprintf(steps + len, sizeof(steps) - len, "%s%s", k ? "," : "",
		                     role_code(role_parse(json_string_value(v))));
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, carrier_action_code(a), -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 2, l);
		sqlite3_bind_text(ins, 3, steps, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			e = db_fail(c->db, SQLITE_CONSTRAINT);
	}
	sqlite3_finalize(ins);
	if (e) {
		api_error(c, 400, "invalid_field", "规则重复（同一操作同一密级只能有一条）",
		          "duplicate rule (one per action and level)", "rules");
		return;
	}
	e = api_audit(c, "policy.approval_rules", "policy", 0, AUDIT_SUCCESS,
	              json_pack("{sO}", "rules", rules));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_rules_get(c);
}
