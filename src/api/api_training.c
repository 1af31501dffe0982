/*
 * api_training.c — 保密教育培训: sessions and bulk attendance, a person's
 * training record, yearly statistics (JSON, PDF, XLSX), the yearly targets
 * per staff class, the rule that confirms a person in a classified post,
 * and the 节前保密教育 reminder of the officer's to-do list.
 *
 * Need-to-know: the 保密员 and the 分管领导 see the whole unit; a 部门负责人
 * sees their department (its people's records, its attendees, its
 * statistics); anyone else sees their own record only.  Only the 保密员
 * records sessions and attendance; the security administrator sets the
 * targets (三员: a policy, not business content).
 */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../export/doc.h"
#include "../store/store_incident.h"
#include "../store/store_training.h"
#include "../util/bjtime.h"

#define TRAINING_BULK_MAX 500 /* people signed in or out by one request */

enum tr_view { TV_NONE, TV_OWN, TV_DEPT, TV_ALL };

static enum tr_view tr_view(const struct api_ctx *c)
{
	const struct actor *a = &c->actor;

	if (a->admin != ADMIN_NONE)
		return TV_NONE;
	if (a->roles & (ROLE_OFFICER | ROLE_LEADER))
		return TV_ALL;
	if ((a->roles & ROLE_DEPT_HEAD) && a->department_id)
		return TV_DEPT;
	return a->person_id ? TV_OWN : TV_NONE;
}

static int32_t today(void)
{
	return (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400);
}

static int this_year(void)
{
	int y;
	unsigned m, d;

	bjtime_civil_from_days(today(), &y, &m, &d);
	return y;
}

/* ?year=, this year when absent; false after a 400. */
static bool query_year(struct api_ctx *c, int *year)
{
	int64_t y = this_year();

	if (api_query_int(c, "year", &y, 2000, 2099))
		return false;
	*year = (int)y;
	return true;
}

/* Business users who may read sessions and statistics: the unit or a department. */
static bool may_read_unit(struct api_ctx *c, enum tr_view *v)
{
	if (!api_require(c, PERM_BUSINESS))
		return false;
	*v = tr_view(c);
	if (*v == TV_ALL || *v == TV_DEPT)
		return true;
	api_deny(c, "training: officer, leader or department head only");
	return false;
}

static bool may_write(struct api_ctx *c)
{
	if (!api_require(c, PERM_BUSINESS))
		return false;
	if (c->actor.roles & ROLE_OFFICER)
		return true;
	api_deny(c, "training: officer only");
	return false;
}

static void training_error(struct api_ctx *c, enum training_err e, const char *field)
{
	api_error(c, 400, "invalid_field", training_err_zh(e), training_err_en(e), field);
}

/* ---- sessions ---- */

static int session_fields(struct api_ctx *c, struct training_session *s, bool create)
{
	static const char *const fields[] = {"kind",    "held_on",  "hours", "title",
	                                     "trainer", "material", NULL};
	char kind[32] = "";
	json_t *h = json_object_get(c->body, "hours");
	const char *field = NULL;
	enum training_err te;

	if (api_only_fields(c, fields) || api_field_str(c, "kind", kind, sizeof(kind), create) ||
	    api_field_date(c, "held_on", &s->held_on, create) ||
	    api_field_str(c, "title", s->title, sizeof(s->title), create) ||
	    api_field_str(c, "trainer", s->trainer, sizeof(s->trainer), create) ||
	    api_field_str(c, "material", s->material, sizeof(s->material), false))
		return -1;
	if (*kind && training_kind_parse(kind, &s->kind)) {
		api_error(c, 400, "invalid_field",
		          "培训类别应为 pre_post（岗前）、in_post（在岗）、topic（专题）或 "
		          "holiday（节前教育）",
		          "kind must be pre_post, in_post, topic or holiday", "kind");
		return -1;
	}
	if (!h && create) {
		api_error(c, 400, "invalid_field", "字段 hours：必填", "field hours: is required",
		          "hours");
		return -1;
	}
	if (h && !json_is_number(h)) {
		api_error(c, 400, "invalid_field", "字段 hours：应为数字（如 1.5）",
		          "field hours: must be a number (such as 1.5)", "hours");
		return -1;
	}
	if (h && (te = training_hours_from(json_number_value(h), &s->hours))) {
		training_error(c, te, "hours");
		return -1;
	}
	if ((te = training_validate(s, &field))) {
		training_error(c, te, field);
		return -1;
	}
	return 0;
}

void api_training_list(struct api_ctx *c)
{
	enum tr_view v;
	int year, limit, offset, kind = -1;
	int64_t total;
	json_t *items;
	const char *k;
	enum store_err e;
	bool ok;

	if (!may_read_unit(c, &v) || !query_year(c, &year))
		return;
	api_paging(c, &limit, &offset, &ok);
	if (!ok)
		return;
	if ((k = http_query(c->req, "kind")) && *k) {
		enum training_kind tk;

		if (training_kind_parse(k, &tk)) {
			api_error(c, 400, "invalid_query", "未知的培训类别", "unknown kind",
			          "kind");
			return;
		}
		kind = (int)tk;
	}
	e = training_list(c->db, year, kind, v == TV_DEPT ? c->actor.department_id : 0, limit,
	                  offset, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

/* The session with its attendees as the caller may see them. */
static json_t *session_detail(struct api_ctx *c, const struct training_session *s, enum tr_view v,
                              enum store_err *e)
{
	json_t *people, *o;

	*e = training_attendees(c->db, s->id, v == TV_DEPT ? c->actor.department_id : 0, &people);
	if (*e) {
		json_decref(people);
		return NULL;
	}
	o = training_json(s, (int64_t)json_array_size(people));
	json_object_set_new(o, "attendee_list", people);
	return o;
}

void api_training_create(struct api_ctx *c)
{
	struct training_session s;
	enum store_err e;
	json_t *o;

	training_session_init(&s);
	if (!may_write(c) || session_fields(c, &s, true))
		return;
	s.unit_id = unit_home(c->db);
	s.created_by = c->actor.account_id;
	if (!api_tx_begin(c))
		return;
	e = training_insert(c->db, &s);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	o = training_json(&s, 0);
	e = api_audit(c, "training.create", "training_session", s.id, AUDIT_SUCCESS,
	              json_pack("{ss ss sO}", "kind", training_kind_code(s.kind), "title", s.title,
	                        "held_on", json_object_get(o, "held_on")));
	if (e) {
		json_decref(o);
		api_store_error(c, e, NULL);
		return;
	}
	if (!api_tx_commit(c)) {
		json_decref(o);
		return;
	}
	json_object_set_new(o, "attendee_list", json_array());
	api_reply(c, 201, o);
}

void api_training_get(struct api_ctx *c)
{
	struct training_session s;
	enum tr_view v;
	enum store_err e;
	json_t *o;

	if (!may_read_unit(c, &v))
		return;
	if (training_get(c->db, c->id, &s)) {
		api_hidden(c, "training_session", c->id, "培训记录不存在",
		           "no such training session");
		return;
	}
	o = session_detail(c, &s, v, &e);
	if (!o) {
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200, o);
}

void api_training_update(struct api_ctx *c)
{
	struct training_session s, old;
	enum store_err e;
	json_t *o;

	if (!may_write(c) || !api_tx_begin(c))
		return;
	if (training_get(c->db, c->id, &s)) {
		api_hidden(c, "training_session", c->id, "培训记录不存在",
		           "no such training session");
		return;
	}
	old = s;
	if (session_fields(c, &s, false))
		return;
	e = training_update(c->db, &s);
	if (!e)
		e = api_audit(c, "training.update", "training_session", s.id, AUDIT_SUCCESS,
		              json_pack("{ss ss si si}", "title_from", old.title, "title_to",
		                        s.title, "hours_from", old.hours, "hours_to", s.hours));
	if (!e)
		e = training_get(c->db, s.id, &s);
	o = e ? NULL : session_detail(c, &s, TV_ALL, &e);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, o);
	else
		json_decref(o);
}

/* An array of person ids at `field` (absent: empty), each a registered person. */
static int id_array(struct api_ctx *c, const char *field, json_t **out)
{
	json_t *a = json_object_get(c->body, field), *x;
	size_t i;

	*out = a;
	if (!a)
		return 0;
	if (!json_is_array(a) || json_array_size(a) > TRAINING_BULK_MAX) {
		char z[160], en[160];

		snprintf(z, sizeof(z), "字段 %s：应为人员编号的数组（至多 %d 个）", field,
		         TRAINING_BULK_MAX);
		snprintf(en, sizeof(en), "field %s: must be an array of at most %d person ids",
		         field, TRAINING_BULK_MAX);
		api_error(c, 400, "invalid_field", z, en, field);
		return -1;
	}
	json_array_foreach(a, i, x)
	{
		if (!json_is_integer(x) || json_integer_value(x) <= 0) {
			char z[160], en[160];

			snprintf(z, sizeof(z), "字段 %s：应为人员编号的数组", field);
			snprintf(en, sizeof(en), "field %s: must be an array of person ids", field);
			api_error(c, 400, "invalid_field", z, en, field);
			return -1;
		}
	}
	return 0;
}

static bool person_known(struct api_ctx *c, int64_t id, const char *field)
{
	struct person p;

	if (person_get(c->db, id, &p) == STORE_OK)
		return true;
	{
		char z[160], en[160];

		snprintf(z, sizeof(z), "字段 %s：人员不存在（%lld）", field, (long long)id);
		snprintf(en, sizeof(en), "field %s: no such person (%lld)", field, (long long)id);
		api_error(c, 400, "invalid_field", z, en, field);
	}
	return false;
}

/* Signs in the people of one id array; appends who was new to `added`. */
static bool sign_in(struct api_ctx *c, int64_t session, json_t *ids, const char *field,
                    json_t *added)
{
	json_t *x;
	size_t i;

	json_array_foreach(ids, i, x)
	{
		int64_t pid = json_integer_value(x);
		bool isnew = false;
		enum store_err e;

		if (!person_known(c, pid, field))
			return false;
		e = training_attend(c->db, session, pid, false, 0, c->actor.account_id, &isnew);
		if (e) {
			api_store_error(c, e, field);
			return false;
		}
		if (isnew)
			json_array_append_new(added, json_integer(pid));
	}
	return true;
}

/*
 * POST /training/sessions/{id}/attendance: signs people in, in bulk
 * (person_ids, and every person in post of department_ids), takes people
 * off (remove) and records test scores (scores: [{person_id, score}], a
 * score of null clears it; scoring signs the person in).  One transaction,
 * one audit record naming who was added and removed.
 */
void api_training_attendance(struct api_ctx *c)
{
	static const char *const fields[] = {"person_ids", "department_ids", "remove", "scores",
	                                     NULL};
	static const char *const score_keys[] = {"person_id", "score", NULL};
	struct training_session s;
	json_t *ids, *depts, *remove, *scores, *x, *added = json_array(), *removed = json_array(),
	                                           *o = NULL;
	size_t i;
	enum store_err e;
	int scored = 0;

	if (!may_write(c) || api_only_fields(c, fields) || id_array(c, "person_ids", &ids) ||
	    id_array(c, "department_ids", &depts) || id_array(c, "remove", &remove))
		goto out;
	scores = json_object_get(c->body, "scores");
	if (scores && (!json_is_array(scores) || json_array_size(scores) > TRAINING_BULK_MAX)) {
		api_error(c, 400, "invalid_field", "字段 scores：应为 {person_id, score} 的数组",
		          "field scores: must be an array of {person_id, score}", "scores");
		goto out;
	}
	if (!api_tx_begin(c))
		goto out;
	if (training_get(c->db, c->id, &s)) {
		api_hidden(c, "training_session", c->id, "培训记录不存在",
		           "no such training session");
		goto out;
	}
	if (ids && !sign_in(c, s.id, ids, "person_ids", added))
		goto out;
	json_array_foreach(depts, i, x)
	{
		struct department d;
		json_t *people;
		bool ok;

		if (dept_get(c->db, json_integer_value(x), &d)) {
			api_error(c, 400, "invalid_field", "字段 department_ids：部门不存在",
			          "field department_ids: no such department", "department_ids");
			goto out;
		}
		e = training_dept_people(c->db, d.id, &people);
		ok = !e && sign_in(c, s.id, people, "department_ids", added);
		json_decref(people);
		if (e)
			api_store_error(c, e, NULL);
		if (!ok)
			goto out;
	}
	json_array_foreach(scores, i, x)
	{
		char path[32];
		json_t *sv = json_object_get(x, "score");
		int64_t pid = json_integer_value(json_object_get(x, "person_id"));
		int score = TRAINING_NO_SCORE;
		bool isnew = false;

		snprintf(path, sizeof(path), "scores[%zu]", i);
		if (json_is_object(x) && api_only_keys(c, x, path, score_keys))
			goto out;
		if (json_is_integer(sv) && json_integer_value(sv) >= 0 &&
		    json_integer_value(sv) <= 100)
			score = (int)json_integer_value(sv);
		if (pid <= 0 || !json_is_integer(json_object_get(x, "person_id")) ||
		    !(json_is_null(sv) || (json_is_integer(sv) && score != TRAINING_NO_SCORE))) {
			api_error(
			    c, 400, "invalid_field",
			    "字段 scores：每项应为 {person_id, score}，成绩为 0 到 100 或 null",
			    "field scores: each is {person_id, score}, a score 0 to 100 or null",
			    "scores");
			goto out;
		}
		if (!person_known(c, pid, "scores"))
			goto out;
		e = training_attend(c->db, s.id, pid, true, score, c->actor.account_id, &isnew);
		if (e) {
			api_store_error(c, e, "scores");
			goto out;
		}
		if (isnew)
			json_array_append_new(added, json_integer(pid));
		scored++;
	}
	json_array_foreach(remove, i, x)
	{
		e = training_unattend(c->db, s.id, json_integer_value(x));
		if (e == STORE_NOTFOUND)
			continue; /* not on the list: nothing to take off */
		if (e) {
			api_store_error(c, e, "remove");
			goto out;
		}
		json_array_append(removed, x);
	}
	e = api_audit(c, "training.attendance", "training_session", s.id, AUDIT_SUCCESS,
	              json_pack("{sO sO si ss}", "person_id", added, "removed", removed, "scored",
	                        scored, "title", s.title));
	if (!e)
		o = session_detail(c, &s, TV_ALL, &e);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (!api_tx_commit(c))
		goto out;
	json_object_set_new(o, "added", json_integer((json_int_t)json_array_size(added)));
	json_object_set_new(o, "removed", json_integer((json_int_t)json_array_size(removed)));
	api_reply(c, 200, o);
	o = NULL;
out:
	json_decref(o);
	json_decref(added);
	json_decref(removed);
}

/* ---- a person's record ---- */

static json_t *hours_json(int64_t tenths)
{
	return json_real((double)tenths / 10.0);
}

void api_training_person(struct api_ctx *c)
{
	struct training_targets t;
	struct department d;
	struct person p;
	enum tr_view v;
	json_t *sessions = NULL, *o;
	int64_t tenths = 0;
	bool pre = false;
	int year;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || !query_year(c, &year))
		return;
	v = tr_view(c);
	/* one's own record; a department head's department; the officer and leaders all */
	if (person_get(c->db, c->id, &p) ||
	    !(v == TV_ALL || p.id == c->actor.person_id ||
	      (v == TV_DEPT && p.department_id == c->actor.department_id))) {
		api_hidden(c, "person", c->id, "人员不存在", "no such person");
		return;
	}
	e = training_targets_load(c->db, &t);
	if (!e)
		e = training_record(c->db, p.id, year, &sessions, &tenths);
	if (!e)
		e = training_pre_post_done(c->db, p.id, today(), &pre);
	if (e) {
		json_decref(sessions);
		api_store_error(c, e, NULL);
		return;
	}
	if (!p.department_id || dept_get(c->db, p.department_id, &d))
		d.name[0] = '\0';
	o = json_pack("{sI ss ss ss ss ss so sb si so so sb so}", "person_id", (json_int_t)p.id,
	              "name", p.name, "department", d.name, "staff_class",
	              staff_class_code(p.staff_class), "staff_class_zh",
	              staff_class_zh(p.staff_class), "status_zh", person_status_zh(p.status),
	              "commitment_signed",
	              p.commitment_signed_on == PERSON_NO_DATE ? json_false() : json_true(),
	              "pre_post_done", pre, "year", year, "hours", hours_json(tenths), "target",
	              hours_json(t.tenths[p.staff_class]), "below_target",
	              training_below_target(&t, p.staff_class, tenths), "sessions", sessions);
	api_reply(c, 200, o);
}

/* ---- yearly statistics ---- */

struct tally {
	int64_t people, trained, below, tenths;
};

static void tally_add(struct tally *x, int64_t tenths, bool below)
{
	x->people++;
	x->trained += tenths > 0;
	x->below += below;
	x->tenths += tenths;
}

static json_t *tally_json(const struct tally *x)
{
	return json_pack("{sI sI sI so}", "people", (json_int_t)x->people, "trained",
	                 (json_int_t)x->trained, "below_target", (json_int_t)x->below, "hours",
	                 hours_json(x->tenths));
}

/* Puts a department's counts into its row. */
static void close_dept(json_t *row, const struct tally *x)
{
	json_t *t;

	if (!row)
		return;
	t = tally_json(x);
	json_object_update(row, t);
	json_decref(t);
}

/*
 * The statistics of `year` over the people in post of the whole unit (dept
 * 0) or one department: by department, by staff class, and who is below
 * their class's target.
 */
static enum store_err stats_build(struct api_ctx *c, int year, int64_t dept, json_t **out)
{
	struct training_targets t;
	struct tally cls[STAFF_CLASS_COUNT], all;
	json_t *rows, *r, *by_dept = json_array(), *by_class = json_array(), *below = json_array();
	json_t *cur = NULL;
	struct tally dt;
	int64_t cur_dept = -1;
	size_t i;
	enum store_err e = training_targets_load(c->db, &t);

	*out = NULL;
	memset(cls, 0, sizeof(cls));
	memset(&all, 0, sizeof(all));
	memset(&dt, 0, sizeof(dt));
	if (!e)
		e = training_year_people(c->db, year, dept, &rows);
	else
		rows = NULL;
	json_array_foreach(rows, i, r)
	{
		enum staff_class sc =
		    (enum staff_class)json_integer_value(json_object_get(r, "staff_class"));
		int64_t tenths = json_integer_value(json_object_get(r, "tenths"));
		int64_t d = json_integer_value(json_object_get(r, "department_id"));
		bool low;

		if ((unsigned)sc >= STAFF_CLASS_COUNT)
			sc = STAFF_NONE;
		low = training_below_target(&t, sc, tenths);
		if (d != cur_dept) {
			close_dept(cur, &dt);
			cur = json_pack("{sI ss}", "department_id", (json_int_t)d, "department",
			                json_str(r, "department"));
			json_array_append_new(by_dept, cur);
			memset(&dt, 0, sizeof(dt));
			cur_dept = d;
		}
		tally_add(&dt, tenths, low);
		tally_add(&cls[sc], tenths, low);
		tally_add(&all, tenths, low);
		if (low)
			json_array_append_new(
			    below,
			    json_pack("{sO ss ss ss ss so so}", "person_id",
			              json_object_get(r, "person_id"), "name", json_str(r, "name"),
			              "department", json_str(r, "department"), "staff_class",
			              staff_class_code(sc), "staff_class_zh", staff_class_zh(sc),
			              "hours", hours_json(tenths), "target",
			              hours_json(t.tenths[sc])));
	}
	close_dept(cur, &dt);
	for (int k = STAFF_CLASS_COUNT - 1; k >= 0; k--) {
		json_t *x = tally_json(&cls[k]);

		json_object_set_new(x, "staff_class",
		                    json_string(staff_class_code((enum staff_class)k)));
		json_object_set_new(x, "staff_class_zh",
		                    json_string(staff_class_zh((enum staff_class)k)));
		json_object_set_new(x, "target", hours_json(t.tenths[k]));
		json_array_append_new(by_class, x);
	}
	json_decref(rows);
	if (e) {
		json_decref(by_dept);
		json_decref(by_class);
		json_decref(below);
		return e;
	}
	*out = json_pack("{si so so so so}", "year", year, "totals", tally_json(&all),
	                 "by_department", by_dept, "by_class", by_class, "below_target", below);
	return *out ? STORE_OK : STORE_IO;
}

void api_training_stats(struct api_ctx *c)
{
	enum tr_view v;
	int year;
	json_t *o;
	enum store_err e;

	if (!may_read_unit(c, &v) || !query_year(c, &year))
		return;
	e = stats_build(c, year, v == TV_DEPT ? c->actor.department_id : 0, &o);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200, o);
}

/* Strings a report's cells point at, freed together. */
struct cells {
	const char **v;
	size_t n, cap;
	json_t *own; /* the strings */
};

static bool cell(struct cells *k, const char *s)
{
	json_t *j;

	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 64;
		const char **v = realloc(k->v, cap * sizeof(*v));

		if (!v)
			return false;
		k->v = v;
		k->cap = cap;
	}
	j = json_string(s ? s : "");
	if (!j || json_array_append_new(k->own, j))
		return false;
	k->v[k->n++] = json_string_value(j);
	return true;
}

static bool cell_hours(struct cells *k, json_t *h)
{
	char b[24];

	training_hours_text((int64_t)(json_number_value(h) * 10.0 + 0.5), b, sizeof(b));
	return cell(k, b);
}

static bool cell_int(struct cells *k, json_t *n)
{
	char b[24];

	snprintf(b, sizeof(b), "%lld", (long long)json_integer_value(n));
	return cell(k, b);
}

/* A tally row's numbers: 人数, 参训人数, 总学时, 未达标. */
static bool cells_tally(struct cells *k, json_t *x)
{
	return cell_int(k, json_object_get(x, "people")) &&
	       cell_int(k, json_object_get(x, "trained")) &&
	       cell_hours(k, json_object_get(x, "hours")) &&
	       cell_int(k, json_object_get(x, "below_target"));
}

/* GET /training/stats/report?year=&format=pdf|xlsx: the statistics as a document. */
void api_training_report(struct api_ctx *c)
{
	static const char *const dept_h[] = {"部门", "人数", "参训人数", "总学时", "未达标人数"};
	static const char *const class_h[] = {"人员类别", "年度学时要求", "人数",
	                                      "参训人数", "总学时",       "未达标人数"};
	static const char *const below_h[] = {"姓名", "部门", "人员类别", "已完成学时", "年度要求"};
	const char *fmt = http_query(c->req, "format");
	bool pdf = !fmt || !strcmp(fmt, "pdf");
	struct cells dk = {0}, ck = {0}, bk = {0};
	struct doc_table dt, ct, bt;
	struct doc_block blocks[7];
	struct doc d;
	enum tr_view v;
	json_t *st = NULL, *x, *own = json_array();
	char title[64], sub[160], foot[96], stamp[BJTIME_CN_LEN], disp[96], det[48];
	size_t i, nb = 0;
	int year;
	bool ok = true;
	enum store_err e;
	enum doc_err de;

	dk.own = ck.own = bk.own = own;
	if (!pdf && strcmp(fmt, "xlsx")) {
		api_error(c, 400, "invalid_query", "应为 pdf 或 xlsx", "must be pdf or xlsx",
		          "format");
		goto out;
	}
	if (!may_read_unit(c, &v) || !query_year(c, &year))
		goto out;
	e = stats_build(c, year, v == TV_DEPT ? c->actor.department_id : 0, &st);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	json_array_foreach(json_object_get(st, "by_department"), i, x) ok =
	    ok &&
	    cell(&dk, *json_str(x, "department") ? json_str(x, "department") : "（未分部门）") &&
	    cells_tally(&dk, x);
	json_array_foreach(json_object_get(st, "by_class"), i, x) ok =
	    ok && cell(&ck, json_str(x, "staff_class_zh")) &&
	    cell_hours(&ck, json_object_get(x, "target")) && cells_tally(&ck, x);
	json_array_foreach(json_object_get(st, "below_target"), i, x) ok =
	    ok && cell(&bk, json_str(x, "name")) && cell(&bk, json_str(x, "department")) &&
	    cell(&bk, json_str(x, "staff_class_zh")) &&
	    cell_hours(&bk, json_object_get(x, "hours")) &&
	    cell_hours(&bk, json_object_get(x, "target"));
	if (!ok) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	dt = (struct doc_table){dept_h, 5, NULL, dk.v, dk.n / 5};
	ct = (struct doc_table){class_h, 6, NULL, ck.v, ck.n / 6};
	bt = (struct doc_table){below_h, 5, NULL, bk.v, bk.n / 5};
	x = json_object_get(st, "totals");
	training_hours_text((int64_t)(json_number_value(json_object_get(x, "hours")) * 10.0 + 0.5),
	                    det, sizeof(det));
	snprintf(sub, sizeof(sub), "%s在岗人员 %lld 人，参训 %lld 人，总学时 %s，未达标 %lld 人",
	         v == TV_DEPT ? "本部门" : "全单位",
	         (long long)json_integer_value(json_object_get(x, "people")),
	         (long long)json_integer_value(json_object_get(x, "trained")), det,
	         (long long)json_integer_value(json_object_get(x, "below_target")));
	blocks[nb++] = (struct doc_block){DOC_HEADING, "按部门统计", NULL};
	blocks[nb++] = (struct doc_block){DOC_TABLE, NULL, &dt};
	blocks[nb++] = (struct doc_block){DOC_HEADING, "按人员类别统计", NULL};
	blocks[nb++] = (struct doc_block){DOC_TABLE, NULL, &ct};
	blocks[nb++] = (struct doc_block){DOC_HEADING, "未达到年度学时要求人员", NULL};
	blocks[nb++] = bt.nrows ? (struct doc_block){DOC_TABLE, NULL, &bt}
	                        : (struct doc_block){DOC_PARAGRAPH, "无。", NULL};
	snprintf(title, sizeof(title), "%d年度保密教育培训统计", year);
	bjtime_format_cn(bjtime_now_ms(), stamp);
	snprintf(foot, sizeof(foot), "baomi 生成  %s", stamp);
	memset(&d, 0, sizeof(d));
	d.title = title;
	d.subtitle = sub;
	d.blocks = blocks;
	d.nblocks = nb;
	d.footer = foot;
	snprintf(det, sizeof(det), "{\"format\":\"%s\",\"year\":%d}", pdf ? "pdf" : "xlsx", year);
	if (audit_append_tx(c->db, &c->actor, "training.report", "training_session", "",
	                    AUDIT_SUCCESS, det)) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	buf_reset(&c->resp->body);
	de = pdf ? doc_pdf(&d, &c->resp->body) : doc_xlsx(&d, &c->resp->body);
	if (de) {
		buf_reset(&c->resp->body);
		fprintf(stderr, "baomi: training report: %s\n", doc_err_en(de));
		api_error(c, de == DOC_TOO_BIG ? 413 : 500, "report_failed", "报告生成失败",
		          doc_err_en(de), NULL);
		goto out;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"training-%d.%s\"", year,
	         pdf ? "pdf" : "xlsx");
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type =
	    pdf ? "application/pdf"
	        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	c->resp->status = 200;
out:
	free(dk.v);
	free(ck.v);
	free(bk.v);
	json_decref(own);
	json_decref(st);
}

/* ---- yearly targets per staff class ---- */

static json_t *targets_json(const struct training_targets *t)
{
	json_t *items = json_array();

	for (int k = STAFF_CLASS_COUNT - 1; k >= 0; k--)
		json_array_append_new(items, json_pack("{ss ss so}", "staff_class",
		                                       staff_class_code((enum staff_class)k),
		                                       "staff_class_zh",
		                                       staff_class_zh((enum staff_class)k), "hours",
		                                       hours_json(t->tenths[k])));
	return json_pack("{so}", "items", items);
}

void api_training_targets_get(struct api_ctx *c)
{
	struct training_targets t;
	enum store_err e;

	if (!api_require(c, c->actor.admin ? PERM_POLICY_WRITE : PERM_BUSINESS))
		return;
	e = training_targets_load(c->db, &t);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200, targets_json(&t));
}

/*
 * PUT /training/targets {"core": 20, "important": 16, "general": 12,
 * "none": 4}: the security administrator sets the yearly hours each class is
 * to reach; a class left out keeps its target.
 */
void api_training_targets_put(struct api_ctx *c)
{
	static const char *const fields[] = {"core", "important", "general", "none", NULL};
	struct training_targets t, old;
	json_t *detail;
	enum training_err te;
	enum store_err e;

	if (!api_require(c, PERM_POLICY_WRITE) || api_only_fields(c, fields) || !api_tx_begin(c))
		return;
	e = training_targets_load(c->db, &t);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	old = t;
	for (int k = 0; k < STAFF_CLASS_COUNT; k++) {
		const char *f = staff_class_code((enum staff_class)k);
		json_t *h = json_object_get(c->body, f);
		int tenths = 0;

		if (!h)
			continue;
		if (!json_is_number(h)) {
			char z[128], en[128];

			snprintf(z, sizeof(z), "字段 %s：应为学时数（如 12 或 1.5）", f);
			snprintf(en, sizeof(en), "field %s: must be a number of hours (12, 1.5)",
			         f);
			api_error(c, 400, "invalid_field", z, en, f);
			return;
		}
		te = training_target_from(json_number_value(h), &tenths);
		if (te) {
			training_error(c, te, f);
			return;
		}
		t.tenths[k] = tenths;
	}
	e = training_targets_save(c->db, &t);
	detail = json_object();
	for (int k = 0; k < STAFF_CLASS_COUNT; k++)
		if (old.tenths[k] != t.tenths[k])
			json_object_set_new(detail, staff_class_code((enum staff_class)k),
			                    json_pack("{so so}", "from", hours_json(old.tenths[k]),
			                              "to", hours_json(t.tenths[k])));
	if (!e)
		e = api_audit(c, "training.targets", "training_targets", 0, AUDIT_SUCCESS, detail);
	else
		json_decref(detail);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, targets_json(&t));
}

/* ---- rules other parts ask ---- */

bool api_training_post_check(struct api_ctx *c, const struct person *old, const struct person *p)
{
	bool pre = false;
	enum training_err te;
	enum store_err e = training_pre_post_done(c->db, p->id, today(), &pre);

	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	te = training_post_confirm(old, p, pre);
	if (te == TRAINING_OK)
		return true;
	api_error(c, 409, "conflict", training_err_zh(te), training_err_en(te),
	          te == TRAINING_POST_NO_COMMITMENT ? "commitment_signed_on" : "staff_class");
	return false;
}

enum store_err api_training_holiday_due(struct api_ctx *c, int32_t day, int32_t *start, char *name,
                                        size_t cap, bool *due)
{
	struct calendar *cal = malloc(sizeof(*cal));
	bool held = false;
	enum store_err e;

	*due = false;
	if (!cal)
		return STORE_IO;
	e = calendar_load(c->db, cal, NULL);
	if (!e && training_holiday_ahead(cal, day, start, name, cap)) {
		e = training_holiday_held(c->db, *start - TRAINING_HOLIDAY_WINDOW, *start, &held);
		*due = !e && !held;
	}
	free(cal);
	return e;
}
