/*
 * api_org.c — units, departments and people.
 */
#include "api.h"

#include <stdio.h>
#include <string.h>

#include "../util/bjtime.h"

static void changed(struct api_ctx *c, int status, const char *event, const char *otype, int64_t id,
                    json_t *obj)
{
	enum store_err e = api_audit(c, event, otype, id, AUDIT_SUCCESS, json_deep_copy(obj));

	if (e) {
		json_decref(obj);
		api_store_error(c, e, NULL);
		return;
	}
	if (!api_tx_commit(c)) {
		json_decref(obj);
		return;
	}
	api_reply(c, status, obj);
}

/* ---- units ---- */

static int unit_fields(struct api_ctx *c, struct unit *u, bool create)
{
	static const char *const fields[] = {"name", "code", "parent_id", NULL};

	if (api_only_fields(c, fields) ||
	    api_field_str(c, "name", u->name, sizeof(u->name), create) ||
	    api_field_str(c, "code", u->code, sizeof(u->code), create) ||
	    api_field_id_or_null(c, "parent_id", &u->parent_id))
		return -1;
	return 0;
}

void api_units_list(struct api_ctx *c)
{
	json_t *items;
	int64_t total;
	int limit, offset;
	bool ok;
	enum store_err e;

	if (!api_require(c, PERM_ORG_READ))
		return;
	api_paging(c, &limit, &offset, &ok);
	if (!ok)
		return;
	e = unit_list(c->db, limit, offset, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

void api_units_get(struct api_ctx *c)
{
	struct unit u;
	enum store_err e;

	if (!api_require(c, PERM_ORG_READ))
		return;
	e = unit_get(c->db, c->id, &u);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200, unit_json(&u));
}

void api_units_create(struct api_ctx *c)
{
	struct unit u;
	enum store_err e;

	memset(&u, 0, sizeof(u));
	if (!api_require(c, PERM_ORG_WRITE) || unit_fields(c, &u, true))
		return;
	if (!api_tx_begin(c))
		return;
	e = unit_insert(c->db, &u);
	if (e) {
		api_store_error(c, e, e == STORE_CONFLICT ? "code" : "parent_id");
		return;
	}
	changed(c, 201, "unit.create", "unit", u.id, unit_json(&u));
}

void api_units_update(struct api_ctx *c)
{
	struct unit u;
	enum store_err e;

	if (!api_require(c, PERM_ORG_WRITE))
		return;
	if (!api_tx_begin(c))
		return;
	e = unit_get(c->db, c->id, &u);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (unit_fields(c, &u, false))
		return;
	if (unit_parent_cycles(c->db, u.id, u.parent_id)) {
		api_error(c, 400, "invalid_field", "上级单位不能是本单位或其下级",
		          "a unit cannot be its own superior or below itself", "parent_id");
		return;
	}
	e = unit_update(c->db, &u);
	if (e) {
		api_store_error(c, e, e == STORE_CONFLICT ? "code" : "parent_id");
		return;
	}
	changed(c, 200, "unit.update", "unit", u.id, unit_json(&u));
}

/* ---- departments ---- */

void api_depts_list(struct api_ctx *c)
{
	json_t *items;
	int64_t total, unit = 0;
	int limit, offset;
	bool ok;
	enum store_err e;

	if (!api_require(c, PERM_ORG_READ))
		return;
	api_paging(c, &limit, &offset, &ok);
	if (!ok || api_query_int(c, "unit_id", &unit, 1, INT64_MAX) != 0)
		return;
	e = dept_list_page(c->db, unit, limit, offset, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

void api_depts_get(struct api_ctx *c)
{
	struct department d;
	enum store_err e;

	if (!api_require(c, PERM_ORG_READ))
		return;
	e = dept_get(c->db, c->id, &d);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200, dept_json(&d));
}

void api_depts_create(struct api_ctx *c)
{
	static const char *const fields[] = {"unit_id", "name", "code", NULL};
	struct department d;
	enum store_err e;

	memset(&d, 0, sizeof(d));
	if (!api_require(c, PERM_ORG_WRITE) || api_only_fields(c, fields) ||
	    api_field_id(c, "unit_id", &d.unit_id, true) ||
	    api_field_str(c, "name", d.name, sizeof(d.name), true) ||
	    api_field_str(c, "code", d.code, sizeof(d.code), true))
		return;
	if (!api_tx_begin(c))
		return;
	e = dept_insert(c->db, &d);
	if (e) {
		api_store_error(c, e, e == STORE_CONFLICT ? "code" : "unit_id");
		return;
	}
	changed(c, 201, "department.create", "department", d.id, dept_json(&d));
}

void api_depts_update(struct api_ctx *c)
{
	static const char *const fields[] = {"name", "code", NULL};
	struct department d;
	enum store_err e;

	if (!api_require(c, PERM_ORG_WRITE) || !api_tx_begin(c))
		return;
	e = dept_get(c->db, c->id, &d);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_only_fields(c, fields) || api_field_str(c, "name", d.name, sizeof(d.name), false) ||
	    api_field_str(c, "code", d.code, sizeof(d.code), false))
		return;
	e = dept_update(c->db, &d);
	if (e) {
		api_store_error(c, e, "code");
		return;
	}
	changed(c, 200, "department.update", "department", d.id, dept_json(&d));
}

/* ---- people ---- */

/*
 * Who sees which people: the security administrator, confidentiality
 * officers and leaders see everyone with classes and clearances; a
 * department head sees their own department; the system administrator sees
 * names only (to link accounts).  Everyone else sees nobody.
 */
enum people_view { VIEW_NONE, VIEW_NAMES, VIEW_DEPT, VIEW_ALL };

static enum people_view people_view(struct api_ctx *c)
{
	const struct actor *a = &c->actor;

	if (a->admin == ADMIN_SEC ||
	    (a->admin == ADMIN_NONE && (a->roles & (ROLE_OFFICER | ROLE_LEADER))))
		return VIEW_ALL;
	if (a->admin == ADMIN_NONE && (a->roles & ROLE_DEPT_HEAD) && a->department_id)
		return VIEW_DEPT;
	if (role_may(a->admin, a->roles, PERM_PEOPLE_NAMES))
		return VIEW_NAMES;
	return VIEW_NONE; /* a department head without a department sees nobody */
}

void api_people_list(struct api_ctx *c)
{
	struct person_filter f = {.status = -1, .staff_class = -1};
	enum people_view v = people_view(c);
	const char *s;
	json_t *items;
	int64_t total, dept = 0;
	enum store_err e;
	bool ok;

	if (v == VIEW_NONE) {
		api_require(c, PERM_PEOPLE_READ);
		return;
	}
	api_paging(c, &f.limit, &f.offset, &ok);
	if (!ok || api_query_int(c, "department_id", &dept, 1, INT64_MAX))
		return;
	f.department_id = dept;
	if ((s = http_query(c->req, "status")) && *s) {
		enum person_status st;

		if (person_status_parse(s, &st)) {
			api_error(c, 400, "invalid_query", "未知的人员状态", "unknown status",
			          "status");
			return;
		}
		f.status = st;
	}
	if ((s = http_query(c->req, "staff_class")) && *s) {
		enum staff_class sc;

		if (staff_class_parse(s, &sc)) {
			api_error(c, 400, "invalid_query", "未知的涉密人员类别",
			          "unknown staff class", "staff_class");
			return;
		}
		f.staff_class = sc;
	}
	f.q = http_query(c->req, "q");
	if (f.q && strlen(f.q) > 128) {
		api_error(c, 400, "invalid_query", "搜索词过长", "search text too long", "q");
		return;
	}
	if (v == VIEW_NAMES)
		f.staff_class = -1; /* the names view must not reveal classes through filters */
	if (v == VIEW_DEPT) {
		if (f.department_id && f.department_id != c->actor.department_id) {
			api_reply_list(c, json_array(), 0);
			return;
		}
		f.department_id = c->actor.department_id;
	}
	e = person_list(c->db, &f, v == VIEW_NAMES, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

void api_people_get(struct api_ctx *c)
{
	enum people_view v = people_view(c);
	struct person p;
	enum store_err e;

	if (v == VIEW_NONE) {
		api_require(c, PERM_PEOPLE_READ);
		return;
	}
	e = person_get(c->db, c->id, &p);
	if (!e && v == VIEW_DEPT && p.department_id != c->actor.department_id)
		e = STORE_NOTFOUND; /* outside one's view behaves as if absent */
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200, person_json(&p, v == VIEW_NAMES));
}

static int person_fields(struct api_ctx *c, struct person *p, bool create)
{
	static const char *const fields[] = {"unit_id",
	                                     "department_id",
	                                     "name",
	                                     "title",
	                                     "phone",
	                                     "staff_class",
	                                     "commitment_signed_on",
	                                     "status",
	                                     "declassify_until",
	                                     NULL};
	char cls[32] = "", status[32] = "";

	if (api_only_fields(c, fields) || api_field_id(c, "unit_id", &p->unit_id, false) ||
	    api_field_str(c, "name", p->name, sizeof(p->name), create) ||
	    api_field_str(c, "title", p->title, sizeof(p->title), false) ||
	    api_field_str(c, "phone", p->phone, sizeof(p->phone), false) ||
	    api_field_str(c, "staff_class", cls, sizeof(cls), create) ||
	    api_field_str(c, "status", status, sizeof(status), false) ||
	    api_field_date_or_null(c, "commitment_signed_on", &p->commitment_signed_on) ||
	    api_field_date_or_null(c, "declassify_until", &p->declassify_until))
		return -1;
	if (*cls && staff_class_parse(cls, &p->staff_class)) {
		api_error(c, 400, "invalid_field", "涉密人员类别应为 core/important/general/none",
		          "staff_class must be core, important, general or none", "staff_class");
		return -1;
	}
	if (*status && person_status_parse(status, &p->status)) {
		api_error(c, 400, "invalid_field", "人员状态应为 active/leaving/left",
		          "status must be active, leaving or left", "status");
		return -1;
	}
	return api_field_id(c, "department_id", &p->department_id, create);
}

static bool person_check(struct api_ctx *c, const struct person *p)
{
	const char *field = NULL;
	enum person_err pe = person_validate(p, &field);
	struct department d;

	if (pe) {
		api_error(c, 400, "invalid_field", person_err_zh(pe), person_err_en(pe), field);
		return false;
	}
	/* every person belongs to a department: need-to-know and the registers go by it */
	if (!p->department_id) {
		api_error(c, 400, "invalid_field", "字段 department_id：必填",
		          "field department_id: is required", "department_id");
		return false;
	}
	if (dept_get(c->db, p->department_id, &d) != STORE_OK) {
		api_error(c, 400, "invalid_field", "部门不存在", "no such department",
		          "department_id");
		return false;
	}
	if (d.unit_id != p->unit_id) {
		api_error(c, 400, "invalid_field", "部门不属于该单位",
		          "department belongs to another unit", "department_id");
		return false;
	}
	return true;
}

void api_people_create(struct api_ctx *c)
{
	struct person p;
	enum store_err e;

	person_init(&p);
	if (!api_require(c, PERM_PEOPLE_WRITE) || person_fields(c, &p, true))
		return;
	if (!p.unit_id)
		p.unit_id = unit_home(c->db);
	if (!api_tx_begin(c) || !person_check(c, &p))
		return;
	e = person_insert(c->db, &p);
	if (e) {
		api_store_error(c, e, "unit_id");
		return;
	}
	changed(c, 201, "person.create", "person", p.id, person_json(&p, false));
}

/*
 * Nobody leaves post (脱密期, left) holding a borrowed or taken-out carrier
 * (person_status_change): the refusal, 409 naming status, lists the numbers
 * of the carriers to return (清退) first.  Numbers only: whoever edits
 * people need not be cleared to read the carriers' titles.
 */
static bool nothing_in_hand(struct api_ctx *c, const struct person *old, const struct person *p)
{
	char list[1400] = "", z[1700], en[1700];
	size_t len = 0, i;
	json_t *numbers, *n;
	int64_t total;
	enum person_err pe;
	enum store_err e = carrier_held_by(c->db, p->id, &numbers, &total);

	if (e) {
		json_decref(numbers);
		api_store_error(c, e, NULL);
		return false;
	}
	pe = person_status_change(old->status, p->status,
	                          total > INT32_MAX ? INT32_MAX : (int)total);
	json_array_foreach(numbers, i, n)
	{
		if (len < sizeof(list))
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
			                        i ? ", " : "", json_string_value(n));
	}
	json_decref(numbers);
	if (!pe)
		return true;
	snprintf(z, sizeof(z), "%s。共%lld件：%s%s", person_err_zh(pe), (long long)total, list,
	         total > (int64_t)i ? " 等" : "");
	snprintf(en, sizeof(en), "%s. %lld in hand: %s%s", person_err_en(pe), (long long)total,
	         list, total > (int64_t)i ? " and more" : "");
	api_error(c, 409, "conflict", z, en, "status");
	return false;
}

void api_people_update(struct api_ctx *c)
{
	struct person p, old;
	enum store_err e;
	json_t *detail;

	if (!api_require(c, PERM_PEOPLE_WRITE) || !api_tx_begin(c))
		return;
	e = person_get(c->db, c->id, &p);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	old = p;
	/* confirming a classified post is checked first: its error names all that is missing */
	if (person_fields(c, &p, false) || !api_training_post_check(c, &old, &p) ||
	    !person_check(c, &p) || !nothing_in_hand(c, &old, &p))
		return;
	e = person_update(c->db, &p);
	if (!e)
		e = person_get(c->db, p.id, &p);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	/* The audit detail says what changed in class and status, the fields that matter. */
	detail =
	    json_pack("{ss ss ss ss}", "staff_class_from", staff_class_code(old.staff_class),
	              "staff_class_to", staff_class_code(p.staff_class), "status_from",
	              person_status_code(old.status), "status_to", person_status_code(p.status));
	e = api_audit(c, "person.update", "person", p.id, AUDIT_SUCCESS, detail);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, person_json(&p, false));
}
