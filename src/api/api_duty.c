/*
 * api_duty.c — the duty roster (值班): shifts of the unit, generated from a
 * rotation and edited one by one; who is on duty at an instant; handover
 * notes per shift; the duty log; the public holidays that still lack a
 * duty table.
 *
 * Need-to-know: the unit's staff read the table; the 保密员 and the 应急指挥
 * (who run the duty) edit it; those on duty (值班员, leaders, 保密员, 应急指挥)
 * write the log and handover notes.  Every change is audited.
 */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store_duty.h"
#include "../store/store_incident.h"
#include "../util/bjtime.h"
#include "api_duty.h"

#define DUTY_EDIT_ROLES (ROLE_OFFICER | ROLE_COMMAND)
#define DUTY_LOG_ROLES (ROLE_OFFICER | ROLE_COMMAND | ROLE_LEADER | ROLE_DUTY)
#define DUTY_NOTICE_DEFAULT 7 /* days before a holiday the officer is reminded */
#define DUTY_NOTICE_KEY "duty_holiday_notice_days"

static const char *const slot_fields[DUTY_SLOT_COUNT] = {"officer", "leader", "a", "b"};

static json_t *iso_json(int64_t ms)
{
	char ts[BJTIME_ISO_LEN];

	bjtime_format_iso(ms, ts);
	return json_string(ts);
}

/* May the caller read the unit's duty table?  Staff of the unit and the duty roles. */
static bool may_read(struct api_ctx *c)
{
	if (!api_require(c, PERM_BUSINESS))
		return false;
	if ((c->actor.roles & DUTY_LOG_ROLES) ||
	    (c->actor.person_id && duty_person_unit(c->db, c->actor.person_id) == unit_home(c->db)))
		return true;
	api_deny(c, "duty table: not staff of the unit");
	return false;
}

static bool may(struct api_ctx *c, uint32_t roles, const char *why)
{
	if (!api_require(c, PERM_BUSINESS))
		return false;
	if (c->actor.roles & roles)
		return true;
	api_deny(c, why);
	return false;
}

/* A Beijing day from the query ("from", "to"), or `dflt` when absent; false after a 400. */
static bool query_day(struct api_ctx *c, const char *name, int32_t dflt, int32_t *out)
{
	const char *s = http_query(c->req, name);

	*out = dflt;
	if (!s)
		return true;
	if (bjtime_parse_date(s, out)) {
		api_error(c, 400, "invalid_query", "应为日期 YYYY-MM-DD",
		          "must be a date YYYY-MM-DD", name);
		return false;
	}
	return true;
}

/* The first and last day of the Beijing month of `day`. */
static void month_of(int32_t day, int32_t *first, int32_t *last)
{
	int y;
	unsigned m, d;

	bjtime_civil_from_days(day, &y, &m, &d);
	*first = bjtime_days_from_civil(y, m, 1);
	*last =
	    (m == 12 ? bjtime_days_from_civil(y + 1, 1, 1) : bjtime_days_from_civil(y, m + 1, 1)) -
	    1;
}

void api_duty_shifts_list(struct api_ctx *c)
{
	int32_t today = duty_day_of(bjtime_now_ms()), first, last, from, to;
	json_t *items;
	enum store_err e;

	if (!may_read(c))
		return;
	month_of(today, &first, &last);
	if (!query_day(c, "from", first, &from) || !query_day(c, "to", last, &to))
		return;
	if (to < from || to - from > 92) {
		api_error(c, 400, "invalid_query", "日期范围无效（至多 93 天）",
		          "invalid range (at most 93 days)", "to");
		return;
	}
	e = dshift_list(c->db, unit_home(c->db), duty_day_ms(from, 0), duty_day_ms(to + 1, 0),
	                &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

/*
 * A person field: an enabled business account id, or null (none).  Leaves
 * *out unchanged when absent.
 */
static int person_field(struct api_ctx *c, const char *field, int64_t *out)
{
	struct account a;
	int64_t id = *out;

	if (api_field_id_or_null(c, field, &id))
		return -1;
	if (id && id != *out && (account_get(c->db, id, &a) || a.disabled || a.admin)) {
		api_error(c, 400, "invalid_field", "不是可值班的在用账号",
		          "not an enabled business account", field);
		return -1;
	}
	*out = id;
	return 0;
}

static int time_field(struct api_ctx *c, const char *field, int64_t *out, bool required)
{
	json_t *v = json_object_get(c->body, field);

	if (!v) {
		if (required) {
			api_error(c, 400, "invalid_field", "必填", "is required", field);
			return -1;
		}
		return 0;
	}
	if (!json_is_string(v) || bjtime_parse_iso(json_string_value(v), out)) {
		api_error(c, 400, "invalid_field", "应为北京时间 YYYY-MM-DDTHH:MM:SS",
		          "must be a Beijing time YYYY-MM-DDTHH:MM:SS", field);
		return -1;
	}
	return 0;
}

/* The shift fields common to create and edit, over what r holds. */
static int shift_fields(struct api_ctx *c, struct dshift_rec *r, bool create)
{
	char kind[16] = "";
	json_t *absent = json_object_get(c->body, "absent");

	if (api_field_str(c, "kind", kind, sizeof(kind), create) ||
	    time_field(c, "starts_at", &r->s.starts_at, create) ||
	    time_field(c, "ends_at", &r->s.ends_at, create) ||
	    api_field_str(c, "phone", r->s.phone, sizeof(r->s.phone), false) ||
	    api_field_str(c, "note", r->note, sizeof(r->note), false))
		return -1;
	if (kind[0] && duty_kind_parse(kind, &r->s.kind)) {
		api_error(c, 400, "invalid_field", "应为 day、night、full 或 holiday",
		          "must be day, night, full or holiday", "kind");
		return -1;
	}
	for (int i = 0; i < DUTY_SLOT_COUNT; i++)
		if (person_field(c, slot_fields[i], &r->s.who[i]))
			return -1;
	if (absent) {
		size_t i;
		json_t *v;

		if (!json_is_array(absent)) {
			api_error(c, 400, "invalid_field", "应为岗位代码数组",
			          "must be an array of slot codes", "absent");
			return -1;
		}
		r->s.absent = 0;
		json_array_foreach(absent, i, v)
		{
			enum duty_slot sl;

			if (duty_slot_parse(json_string_value(v), &sl)) {
				api_error(c, 400, "invalid_field", "应为 officer、leader、a 或 b",
				          "must be officer, leader, a or b", "absent");
				return -1;
			}
			r->s.absent |= 1u << sl;
		}
	}
	return 0;
}

static bool shift_checked(struct api_ctx *c, const struct dshift_rec *r)
{
	enum duty_err de = duty_check_shift(&r->s);

	if (!de)
		return true;
	api_error(c, 400, "invalid_field", duty_err_zh(de), duty_err_en(de),
	          de == DUTY_SAME_PERSON ? "officer" : "ends_at");
	return false;
}

static const char *const shift_keys[] = {"kind",   "starts_at", "ends_at", "officer",
                                         "leader", "a",         "b",       "phone",
                                         "note",   "absent",    "version", NULL};

void api_duty_shifts_create(struct api_ctx *c)
{
	struct dshift_rec r;
	enum store_err e;

	memset(&r, 0, sizeof(r));
	if (!may(c, DUTY_EDIT_ROLES, "duty table: edit") || api_only_fields(c, shift_keys) ||
	    shift_fields(c, &r, true) || !shift_checked(c, &r))
		return;
	r.unit_id = unit_home(c->db);
	r.created_by = c->actor.account_id;
	r.updated_at = bjtime_now_ms();
	if (!api_tx_begin(c))
		return;
	e = dshift_insert(c->db, &r);
	if (!e)
		e = api_audit(c, "duty.shift_create", "duty_shift", r.s.id, AUDIT_SUCCESS,
		              json_pack("{ss so}", "kind", duty_kind_code(r.s.kind), "starts_at",
		                        json_integer(r.s.starts_at)));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, dshift_json(c->db, &r));
}

/* Reads a list of account ids for a rotation slot. */
static int rotation_field(struct api_ctx *c, const char *field, struct duty_rotation *rot,
                          enum duty_slot slot)
{
	json_t *v = json_object_get(c->body, field), *x;
	size_t i;

	if (!v)
		return 0;
	if (!json_is_array(v) || json_array_size(v) > DUTY_MAX_ROTATION) {
		api_error(c, 400, "invalid_field", "应为账号编号数组（至多 32 人）",
		          "must be an array of account ids (at most 32)", field);
		return -1;
	}
	json_array_foreach(v, i, x)
	{
		struct account a;
		int64_t id = json_integer_value(x);

		if (!json_is_integer(x) || account_get(c->db, id, &a) || a.disabled || a.admin) {
			api_error(c, 400, "invalid_field", "不是可值班的在用账号",
			          "not an enabled business account", field);
			return -1;
		}
		rot->who[slot][rot->n[slot]++] = id;
	}
	return 0;
}

void api_duty_generate(struct api_ctx *c)
{
	static const char *const keys[] = {"from", "to", "pattern", "officers", "leaders",
	                                   "a",    "b",  "phone",   "replace",  NULL};
	struct duty_shift *gen = NULL;
	struct duty_rotation rot;
	struct calendar *cal = NULL;
	char pattern[16] = "standard", a[11], b[11];
	int32_t from = 0, to = 0;
	bool replace = false;
	int n = 0, kept = 0;
	enum duty_err de;
	enum store_err e;
	int64_t unit;

	memset(&rot, 0, sizeof(rot));
	if (!may(c, DUTY_EDIT_ROLES, "duty table: generate") || api_only_fields(c, keys) ||
	    api_field_date(c, "from", &from, true) || api_field_date(c, "to", &to, true) ||
	    api_field_str(c, "pattern", pattern, sizeof(pattern), false) ||
	    api_field_str(c, "phone", rot.phone, sizeof(rot.phone), false) ||
	    api_field_bool(c, "replace", &replace, false) ||
	    rotation_field(c, "officers", &rot, DS_OFFICER) ||
	    rotation_field(c, "leaders", &rot, DS_LEADER) || rotation_field(c, "a", &rot, DS_A) ||
	    rotation_field(c, "b", &rot, DS_B))
		return;
	if (duty_pattern_parse(pattern, &rot.pattern)) {
		api_error(c, 400, "invalid_field", "应为 standard 或 full",
		          "must be standard or full", "pattern");
		return;
	}
	cal = malloc(sizeof(*cal));
	gen = calloc(DUTY_MAX_SHIFTS, sizeof(*gen));
	if (!cal || !gen) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	unit = unit_home(c->db);
	if (!api_tx_begin(c))
		goto out;
	e = calendar_load(c->db, cal, NULL);
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	de = duty_generate(&rot, cal, from, to, gen, &n);
	if (de) {
		api_error(c, 400, "invalid_field", duty_err_zh(de), duty_err_en(de),
		          de == DUTY_BAD_RANGE ? "to" : "officers");
		goto out;
	}
	e = dshift_clear(c->db, unit, duty_day_ms(from, 0), duty_day_ms(to + 1, 0), replace, &kept);
	if (e == STORE_CONFLICT) {
		api_error(c, 409, "conflict",
		          replace ? "期间内有已写交接班或值班日志的班次，不能重新生成，请逐班修改"
		                  : "期间内已有班次；要重新生成请选择替换",
		          replace
		              ? "shifts in the period have handovers or log entries: edit them one "
		                "by one"
		              : "the period already has shifts: ask to replace them",
		          replace ? "replace" : "from");
		goto out;
	}
	for (int i = 0; !e && i < n; i++) {
		struct dshift_rec r;

		memset(&r, 0, sizeof(r));
		r.s = gen[i];
		r.unit_id = unit;
		r.created_by = c->actor.account_id;
		r.updated_at = bjtime_now_ms();
		e = dshift_insert(c->db, &r);
	}
	bjtime_format_date(duty_day_ms(from, 12 * 60), a);
	bjtime_format_date(duty_day_ms(to, 12 * 60), b);
	if (!e)
		e = api_audit(c, "duty.generate", "duty_shift", 0, AUDIT_SUCCESS,
		              json_pack("{ss ss ss si sb}", "from", a, "to", b, "pattern", pattern,
		                        "shifts", n, "replace", replace));
	if (e) {
		api_store_error(c, e, NULL);
		goto out;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, json_pack("{si}", "created", n));
out:
	free(gen);
	free(cal);
}

void api_duty_shifts_update(struct api_ctx *c)
{
	struct dshift_rec r;
	unsigned absent_before;
	int version = 0, moved = 0;
	int64_t now = bjtime_now_ms();
	enum store_err e;
	json_t *changed;

	if (!may(c, DUTY_EDIT_ROLES, "duty table: edit") || api_only_fields(c, shift_keys) ||
	    api_field_int(c, "version", &version, 1, INT32_MAX, false) || !api_tx_begin(c))
		return;
	e = dshift_get(c->db, c->id, &r);
	if (e == STORE_NOTFOUND || (!e && r.unit_id != unit_home(c->db))) {
		api_hidden(c, "duty_shift", c->id, "班次不存在", "no such shift");
		return;
	}
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (version && version != r.version) {
		api_error(c, 409, "conflict", "班次已被他人修改，请刷新后重试",
		          "the shift was changed meanwhile: reload and retry", "version");
		return;
	}
	absent_before = r.s.absent;
	if (shift_fields(c, &r, false) || !shift_checked(c, &r))
		return;
	r.updated_at = now;
	e = dshift_update(c->db, &r);
	/* one newly marked absent on a shift now running: their open tasks go on */
	for (int i = 0; !e && i < DUTY_SLOT_COUNT; i++) {
		int n = 0;

		if (!(r.s.absent & ~absent_before & (1u << i)) || !r.s.who[i] ||
		    now < r.s.starts_at || now >= r.s.ends_at)
			continue;
		e = duty_reassign_tasks(c->db, r.s.who[i], now, c->actor.account_id,
		                        "absent_on_duty", &n);
		moved += n;
	}
	changed = json_object();
	for (const char *const *k = shift_keys; *k; k++)
		if (json_object_get(c->body, *k) && strcmp(*k, "version"))
			json_object_set_new(changed, *k, json_true());
	json_object_set_new(changed, "tasks_reassigned", json_integer(moved));
	if (!e)
		e = api_audit(c, "duty.shift_update", "duty_shift", r.s.id, AUDIT_SUCCESS, changed);
	else
		json_decref(changed);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c)) {
		json_t *o = dshift_json(c->db, &r);

		json_object_set_new(o, "tasks_reassigned", json_integer(moved));
		api_reply(c, 200, o);
	}
}

/* The person who takes `slot`'s work on the shift, with how; null when nobody. */
static json_t *taker_json(struct api_ctx *c, const struct dshift_rec *r, enum duty_slot slot)
{
	bool able[DUTY_SLOT_COUNT];
	enum duty_how how;
	struct account a;
	int picked;

	for (int i = 0; i < DUTY_SLOT_COUNT; i++)
		able[i] =
		    r->s.who[i] && account_get(c->db, r->s.who[i], &a) == STORE_OK && !a.disabled;
	picked = duty_pick(&r->s, slot, able, &how);
	if (picked < 0 || account_get(c->db, r->s.who[picked], &a))
		return json_null();
	return json_pack("{sI ss ss ss ss}", "id", (json_int_t)a.id, "name",
	                 a.display_name[0] ? a.display_name : a.username, "slot",
	                 duty_slot_code((enum duty_slot)picked), "how", duty_how_code(how),
	                 "how_zh", duty_how_zh(how));
}

void api_duty_now(struct api_ctx *c)
{
	const char *s = http_query(c->req, "at");
	int64_t at = bjtime_now_ms();
	struct dshift_rec r;
	enum store_err e;

	if (!may_read(c))
		return;
	if (s && bjtime_parse_iso(s, &at)) {
		api_error(c, 400, "invalid_query", "应为北京时间 YYYY-MM-DDTHH:MM:SS",
		          "must be a Beijing time YYYY-MM-DDTHH:MM:SS", "at");
		return;
	}
	e = dshift_at(c->db, unit_home(c->db), at, &r);
	if (e == STORE_NOTFOUND) {
		api_reply(c, 200,
		          json_pack("{so so so so}", "at", iso_json(at), "shift", json_null(),
		                    "duty", json_null(), "leader", json_null()));
		return;
	}
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	api_reply(c, 200,
	          json_pack("{so so so so}", "at", iso_json(at), "shift", dshift_json(c->db, &r),
	                    "duty", taker_json(c, &r, DS_OFFICER), "leader",
	                    taker_json(c, &r, DS_LEADER)));
}

/* ---- handovers ---- */

static bool shift_visible(struct api_ctx *c, struct dshift_rec *r)
{
	enum store_err e = dshift_get(c->db, c->id, r);

	if (e == STORE_NOTFOUND || (!e && r->unit_id != unit_home(c->db))) {
		api_hidden(c, "duty_shift", c->id, "班次不存在", "no such shift");
		return false;
	}
	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	return true;
}

void api_duty_handovers_list(struct api_ctx *c)
{
	struct dshift_rec r;
	json_t *items;
	enum store_err e;

	if (!may_read(c) || !shift_visible(c, &r))
		return;
	e = dhandover_list(c->db, r.s.id, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

void api_duty_handovers_create(struct api_ctx *c)
{
	static const char *const keys[] = {"text", "pending", NULL};
	char text[DUTY_TEXT_MAX + 1] = "", pending[DUTY_TEXT_MAX + 1] = "";
	struct dshift_rec r;
	int64_t id = 0, now = bjtime_now_ms();
	enum store_err e;
	json_t *items;

	if (!may(c, DUTY_LOG_ROLES, "duty handover: not on duty") || api_only_fields(c, keys) ||
	    api_field_str(c, "text", text, sizeof(text), true) ||
	    api_field_str(c, "pending", pending, sizeof(pending), false))
		return;
	if (!text[0]) {
		api_error(c, 400, "invalid_field", "必填", "is required", "text");
		return;
	}
	if (!api_tx_begin(c) || !shift_visible(c, &r))
		return;
	e = dhandover_add(c->db, r.s.id, c->actor.account_id, text, pending, now, &id);
	if (!e)
		e = api_audit(c, "duty.handover", "duty_shift", r.s.id, AUDIT_SUCCESS,
		              json_pack("{sI}", "handover", (json_int_t)id));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!api_tx_commit(c))
		return;
	if (dhandover_list(c->db, r.s.id, &items) == STORE_OK) {
		json_t *last = json_array_get(items, json_array_size(items) - 1);

		api_reply(c, 201, json_incref(last));
	} else {
		api_reply(c, 201, json_pack("{sI}", "id", (json_int_t)id));
	}
	json_decref(items);
}

/* ---- the duty log ---- */

void api_duty_log_list(struct api_ctx *c)
{
	int32_t today = duty_day_of(bjtime_now_ms()), first, last, from, to;
	int64_t limit = 200, total;
	json_t *items;
	enum store_err e;

	if (!may_read(c))
		return;
	month_of(today, &first, &last);
	if (!query_day(c, "from", first, &from) || !query_day(c, "to", last, &to) ||
	    api_query_int(c, "limit", &limit, 1, 500))
		return;
	e = dlog_list(c->db, unit_home(c->db), duty_day_ms(from, 0), duty_day_ms(to + 1, 0),
	              (int)limit, &items, &total);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, total);
}

void api_duty_log_create(struct api_ctx *c)
{
	static const char *const keys[] = {"kind", "at", "caller", "text", NULL};
	struct dlog_rec r;
	struct dshift_rec sh;
	char kind[16] = "call";
	int64_t now = bjtime_now_ms();
	enum store_err e;

	memset(&r, 0, sizeof(r));
	r.at = now;
	if (!may(c, DUTY_LOG_ROLES, "duty log: not on duty") || api_only_fields(c, keys) ||
	    api_field_str(c, "kind", kind, sizeof(kind), false) ||
	    time_field(c, "at", &r.at, false) ||
	    api_field_str(c, "caller", r.caller, sizeof(r.caller), false) ||
	    api_field_str(c, "text", r.text, sizeof(r.text), true))
		return;
	if (dlog_kind_parse(kind, &r.kind)) {
		api_error(c, 400, "invalid_field", "应为 call、event 或 other",
		          "must be call, event or other", "kind");
		return;
	}
	if (!r.text[0]) {
		api_error(c, 400, "invalid_field", "必填", "is required", "text");
		return;
	}
	if (r.at > now + 5 * 60 * 1000) {
		api_error(c, 400, "invalid_field", "不能晚于当前时间", "must not be in the future",
		          "at");
		return;
	}
	r.unit_id = unit_home(c->db);
	r.by_account = c->actor.account_id;
	r.created_at = now;
	if (!api_tx_begin(c))
		return;
	if (dshift_at(c->db, r.unit_id, r.at, &sh) == STORE_OK)
		r.shift_id = sh.s.id;
	e = dlog_insert(c->db, &r);
	if (!e)
		e = api_audit(c, "duty.log", "duty_log", r.id, AUDIT_SUCCESS,
		              json_pack("{ss}", "kind", dlog_kind_code(r.kind)));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 201, dlog_json(c->db, &r));
}

int api_duty_link_incident(struct api_ctx *c, int64_t log_id, int64_t incident_id, int64_t unit_id)
{
	struct dlog_rec r;
	enum store_err e = dlog_get(c->db, log_id, &r);

	if (e == STORE_NOTFOUND || (!e && r.unit_id != unit_id)) {
		api_error(c, 400, "invalid_field", "值班日志不存在", "no such duty log entry",
		          "duty_log_id");
		return -1;
	}
	if (!(c->actor.roles & DUTY_LOG_ROLES)) {
		api_error(c, 400, "invalid_field", "只有值班人员可从值班日志报告事件",
		          "only those on duty open an incident from the duty log", "duty_log_id");
		return -1;
	}
	if (!e)
		e = dlog_link(c->db, log_id, incident_id);
	if (e == STORE_CONFLICT) {
		api_error(c, 409, "conflict", "该值班日志已报告过事件",
		          "an incident was already opened from this entry", "duty_log_id");
		return -1;
	}
	if (!e)
		e = inc_event(c->db, incident_id, c->actor.account_id, "from_duty_log",
		              json_pack("{sI so ss ss}", "duty_log", (json_int_t)log_id, "at",
		                        iso_json(r.at), "kind_zh", dlog_kind_zh(r.kind), "text",
		                        r.text));
	if (e) {
		api_store_error(c, e, NULL);
		return -1;
	}
	return 0;
}

/* ---- holidays and the setting ---- */

int api_duty_notice_days(struct api_ctx *c)
{
	char *v = NULL;
	int n = DUTY_NOTICE_DEFAULT;

	if (setting_get(c->db, DUTY_NOTICE_KEY, &v) == STORE_OK && v)
		n = atoi(v);
	free(v);
	return n >= 1 && n <= 60 ? n : DUTY_NOTICE_DEFAULT;
}

/* Does some shift of the unit cover the holiday's first morning? */
static bool holiday_covered(struct api_ctx *c, int32_t first)
{
	struct dshift_rec r;

	return dshift_at(c->db, unit_home(c->db), duty_day_ms(first, 12 * 60), &r) == STORE_OK;
}

enum store_err api_duty_holidays(struct api_ctx *c, int32_t from, int32_t to, json_t **items)
{
	struct calendar *cal = malloc(sizeof(*cal));
	enum store_err e;

	*items = json_array();
	if (!cal)
		return STORE_IO;
	e = calendar_load(c->db, cal, NULL);
	for (int i = 0; !e && i < cal->ndays; i++) {
		const struct cal_day *d = &cal->days[i];
		int32_t last = d->day;
		char a[11], b[11];

		/* a holiday period: consecutive days off with one name */
		if (d->work || d->day < from || d->day > to ||
		    (i > 0 && !cal->days[i - 1].work && cal->days[i - 1].day == d->day - 1 &&
		     !strcmp(cal->days[i - 1].note, d->note)))
			continue;
		for (int j = i + 1;
		     j < cal->ndays && !cal->days[j].work && cal->days[j].day == last + 1 &&
		     !strcmp(cal->days[j].note, d->note);
		     j++)
			last = cal->days[j].day;
		bjtime_format_date(duty_day_ms(d->day, 12 * 60), a);
		bjtime_format_date(duty_day_ms(last, 12 * 60), b);
		json_array_append_new(*items,
		                      json_pack("{ss ss ss sb}", "name", d->note, "from", a, "to",
		                                b, "covered", holiday_covered(c, d->day)));
	}
	free(cal);
	return e;
}

void api_duty_holidays_list(struct api_ctx *c)
{
	int32_t today = duty_day_of(bjtime_now_ms()), from, to;
	json_t *items;
	enum store_err e;
	int y;
	unsigned m, d;

	if (!may_read(c))
		return;
	bjtime_civil_from_days(today, &y, &m, &d);
	if (!query_day(c, "from", bjtime_days_from_civil(y, 1, 1), &from) ||
	    !query_day(c, "to", bjtime_days_from_civil(y + 1, 12, 31), &to))
		return;
	e = api_duty_holidays(c, from, to, &items);
	if (e) {
		json_decref(items);
		api_store_error(c, e, NULL);
		return;
	}
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

void api_duty_settings_get(struct api_ctx *c)
{
	if (!may_read(c))
		return;
	api_reply(c, 200, json_pack("{si}", "holiday_notice_days", api_duty_notice_days(c)));
}

void api_duty_settings_put(struct api_ctx *c)
{
	static const char *const keys[] = {"holiday_notice_days", NULL};
	int n = 0;
	char v[16];
	enum store_err e;

	if (!may(c, DUTY_EDIT_ROLES, "duty settings") || api_only_fields(c, keys) ||
	    api_field_int(c, "holiday_notice_days", &n, 1, 60, true) || !api_tx_begin(c))
		return;
	snprintf(v, sizeof(v), "%d", n);
	e = setting_put(c->db, DUTY_NOTICE_KEY, v);
	if (!e)
		e = api_audit(c, "duty.settings", "setting", 0, AUDIT_SUCCESS,
		              json_pack("{si}", "holiday_notice_days", n));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, json_pack("{si}", "holiday_notice_days", n));
}
