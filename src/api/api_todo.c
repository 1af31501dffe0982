/*
 * api_todo.c — GET /todo: what the signed-in account has to do today, one
 * list, most urgent first, with a count of each kind for the menu's badges.
 *
 * Each kind is read from the list its own page shows, with that page's
 * need-to-know, so an item is here only if its page opens for the caller:
 * the approval inbox (api_request_inbox), the tasks and running reporting
 * duties of the incidents the caller may see, the carrier reminders
 * (api_carrier_reminder: overdue loans the caller holds; for the officer,
 * yearly reviews and periods ending soon), the caller's rectification tasks
 * and unread notifications.  Nothing here decides again who may see or do
 * what.
 */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store_drill.h"
#include "../store/store_inspect.h"
#include "../util/bjtime.h"
#include "api_contact.h"
#include "api_duty.h"
#include "api_incident.h"

#define TODO_PER_KIND 100 /* items listed of each kind; counts count them all */
#define TODO_DAYS 30      /* officer reminders: due or ending within this many days */

/* The kinds, in the order items without a due time are listed. */
static const char *const todo_kinds[] = {
    "report_duty",      "incident_task",   "approval",     "overdue_loan",       "rect_task",
    "yearly_review",    "period_expiring", "notification", "place_review",       "visit_approval",
    "holiday_training", "duty_holiday",    "drill_due",    "publication_review",
};
enum todo_kind {
	TK_DUTY,
	TK_TASK,
	TK_APPROVAL,
	TK_LOAN,
	TK_RECT,
	TK_REVIEW,
	TK_EXPIRING,
	TK_NOTIFICATION,
	TK_PLACE_REVIEW,
	TK_VISIT_APPROVAL,
	TK_HOLIDAY_TRAINING,
	TK_HOLIDAY,
	TK_DRILL,
	TK_PUBREV,
	TK_COUNT
};

struct todo_item {
	json_t *o;
	bool overdue;
	int64_t due; /* ms; 0: none */
	enum todo_kind kind;
	size_t seq;
};

struct todo {
	struct todo_item *v;
	size_t n, cap;
	int64_t counts[TK_COUNT];
	int32_t today;
};

/* What an item says and where it is done. */
struct todo_entry {
	enum todo_kind kind;
	const char *zh, *en; /* title */
	const char *context; /* the incident, carrier number, department …; "" when none */
	int64_t due;         /* ms; 0: none */
	bool all_day;        /* due is the end of a day */
	bool overdue;
	const char *route; /* "#/carriers/12" */
};

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static int64_t id_of(json_t *o, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(o, key));
}

/* The last second of a Beijing day given as "YYYY-MM-DD"; 0 when absent. */
static int64_t day_end(json_t *o, const char *key, int32_t *day)
{
	int32_t d;

	if (bjtime_parse_date(str(o, key), &d))
		return 0;
	if (day)
		*day = d;
	return ((int64_t)(d + 1) * 86400 - BJTIME_OFFSET_S - 1) * 1000;
}

static int64_t time_of(json_t *o, const char *key)
{
	int64_t ms;

	return bjtime_parse_iso(str(o, key), &ms) ? 0 : ms;
}

static bool todo_add(struct todo *t, const struct todo_entry *x)
{
	char ts[BJTIME_ISO_LEN];
	json_t *o;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct todo_item *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return false;
		t->v = v;
		t->cap = cap;
	}
	if (x->due)
		bjtime_format_iso(x->due, ts);
	o = json_pack("{ss ss ss ss so sb sb ss}", "kind", todo_kinds[x->kind], "title", x->zh,
	              "title_en", x->en, "context", x->context, "due_at",
	              x->due ? json_string(ts) : json_null(), "all_day", x->all_day, "overdue",
	              x->overdue, "route", x->route);
	if (!o)
		return false;
	t->v[t->n] = (struct todo_item){o, x->overdue, x->due, x->kind, t->n};
	t->n++;
	return true;
}

/* Overdue first, then by due time (none last), then by kind, then as read. */
static int todo_cmp(const void *pa, const void *pb)
{
	const struct todo_item *a = pa, *b = pb;

	if (a->overdue != b->overdue)
		return a->overdue ? -1 : 1;
	if (!a->due != !b->due)
		return a->due ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * The inbox lists the caller's own requests too, to follow them; a step waits
 * for the caller on the others.  A carrier the caller may not see (a summary
 * shown by the right to decide) is not named here: the inbox shows it, and
 * audits that.
 */
static enum store_err add_approvals(struct api_ctx *c, struct todo *t)
{
	json_t *items, *it;
	int64_t total;
	size_t i;
	enum store_err e = api_request_inbox(c, false, &items, &total);

	json_array_foreach(items, i, it)
	{
		enum carrier_action a;
		const char *code = str(it, "action");
		char zh[640], en[640], act[32];
		bool hidden = json_is_true(json_object_get(it, "summary_only"));
		const char *title = hidden ? "" : str(it, "carrier_title");

		if (e)
			break;
		if (id_of(it, "requested_by") == c->acct.id || strcmp(str(it, "status"), "pending"))
			continue;
		if (t->counts[TK_APPROVAL]++ >= TODO_PER_KIND)
			continue;
		snprintf(act, sizeof(act), "%s", code);
		for (char *p = act; *p; p++)
			if (*p == '_')
				*p = ' ';
		snprintf(zh, sizeof(zh), "审批%s申请%s%s",
		         carrier_action_parse(code, &a) == 0 ? carrier_action_zh(a) : "",
		         hidden ? "" : "：", title);
		snprintf(en, sizeof(en), "Decide the %s request%s%s", act, hidden ? "" : ": ",
		         title);
		if (!todo_add(t, &(struct todo_entry){TK_APPROVAL, zh, en,
		                                      hidden ? "" : str(it, "carrier_number"), 0,
		                                      false, false, "#/carrier-requests"}))
			e = STORE_IO;
	}
	json_decref(items);
	return e;
}

static enum store_err add_incident_work(struct api_ctx *c, struct todo *t)
{
	struct inc_viewer v;
	json_t *items, *it;
	int64_t now = bjtime_now_ms();
	size_t i;
	enum store_err e;

	api_inc_viewer(c, &v);
	e = task_list_assigned(c->db, &v, now, TODO_PER_KIND, &items, &t->counts[TK_TASK]);
	json_array_foreach(items, i, it)
	{
		char zh[640], en[640], route[40];

		if (e)
			break;
		snprintf(zh, sizeof(zh), "事件任务：%s", str(it, "title"));
		snprintf(en, sizeof(en), "Incident task: %s", str(it, "title"));
		snprintf(route, sizeof(route), "#/incidents/%lld",
		         (long long)id_of(it, "incident_id"));
		if (!todo_add(t, &(struct todo_entry){TK_TASK, zh, en, str(it, "incident_title"),
		                                      time_of(it, "due_at"), false,
		                                      json_is_true(json_object_get(it, "overdue")),
		                                      route}))
			e = STORE_IO;
	}
	json_decref(items);
	if (e)
		return e;
	e = duty_list_running(c->db, &v, now, TODO_PER_KIND, &items, &t->counts[TK_DUTY]);
	if (!e)
		api_contact_duties(c, items); /* whom to call, for the list's readers */
	json_array_foreach(items, i, it)
	{
		char zh[1200], en[1200], route[40], call_zh[400] = "", call_en[400] = "";
		json_t *k = json_object_get(it, "contact");

		if (e)
			break;
		if (json_is_object(k)) {
			snprintf(call_zh, sizeof(call_zh), "（联系：%s %s）", str(k, "name"),
			         str(k, "phone"));
			snprintf(call_en, sizeof(call_en), " (call %s, %s)", str(k, "name"),
			         str(k, "phone"));
		}
		snprintf(zh, sizeof(zh), "向%s报告：%s%s", str(it, "to"), str(it, "what"), call_zh);
		snprintf(en, sizeof(en), "Report to %s: %s%s", str(it, "to"), str(it, "what"),
		         call_en);
		snprintf(route, sizeof(route), "#/incidents/%lld",
		         (long long)id_of(it, "incident_id"));
		if (!todo_add(t, &(struct todo_entry){TK_DUTY, zh, en, str(it, "incident_title"),
		                                      time_of(it, "due_at"), false,
		                                      json_is_true(json_object_get(it, "overdue")),
		                                      route}))
			e = STORE_IO;
	}
	json_decref(items);
	return e;
}

/* A carrier reminder item: title prefix, due day key, overdue when the day is past. */
static bool add_carrier(struct todo *t, enum todo_kind k, json_t *it, const char *zh_prefix,
                        const char *en_prefix, const char *day_key, bool overdue)
{
	char zh[400], en[400], route[40];
	int32_t day = 0;
	int64_t due = day_end(it, day_key, &day);

	snprintf(zh, sizeof(zh), "%s%s", zh_prefix, str(it, "title"));
	snprintf(en, sizeof(en), "%s%s", en_prefix, str(it, "title"));
	snprintf(route, sizeof(route), "#/carriers/%lld", (long long)id_of(it, "id"));
	return todo_add(t, &(struct todo_entry){k, zh, en, str(it, "number"), due, true,
	                                        overdue || (due && day < t->today), route});
}

static enum store_err add_carriers(struct api_ctx *c, struct todo *t)
{
	struct carrier_viewer v;
	json_t *items = NULL, *it;
	int64_t total = 0;
	size_t i;
	enum store_err e = STORE_OK;

	api_carrier_viewer(c, &v);
	/* overdue loans: the unit's overdue list as the caller may see it, those they hold */
	for (int offset = 0; !e && v.person_id && (offset == 0 || offset < total); offset += 500) {
		e = api_carrier_reminder(c, &v, API_REMIND_OVERDUE, 0, 500, offset, &items, &total);
		json_array_foreach(items, i, it)
		{
			if (e || id_of(it, "holder_id") != v.person_id)
				continue;
			if (t->counts[TK_LOAN]++ < TODO_PER_KIND &&
			    !add_carrier(t, TK_LOAN, it, "逾期未还：",
			                 "Overdue, not returned: ", "due_on", true))
				e = STORE_IO;
		}
		json_decref(items);
		items = NULL;
	}
	if (e || !(c->actor.roles & ROLE_OFFICER))
		return e;
	e = api_carrier_reminder(c, &v, API_REMIND_YEARLY, TODO_DAYS, TODO_PER_KIND, 0, &items,
	                         &t->counts[TK_REVIEW]);
	json_array_foreach(items, i, it)
	{
		if (!e && !add_carrier(t, TK_REVIEW, it, "年度审查：",
		                       "Yearly review: ", "review_due_on", false))
			e = STORE_IO;
	}
	json_decref(items);
	if (e)
		return e;
	e = api_carrier_reminder(c, &v, API_REMIND_EXPIRING, TODO_DAYS, TODO_PER_KIND, 0, &items,
	                         &t->counts[TK_EXPIRING]);
	json_array_foreach(items, i, it)
	{
		if (!e && !add_carrier(t, TK_EXPIRING, it, "保密期限将满：",
		                       "Security period ending: ", "expires_on", false))
			e = STORE_IO;
	}
	json_decref(items);
	return e;
}

static enum store_err add_rect_tasks(struct api_ctx *c, struct todo *t)
{
	json_t *items, *it;
	size_t i;
	enum store_err e;

	if (!c->actor.account_id)
		return STORE_OK;
	/* the tracker's "mine": the tasks the caller is responsible for, still to be done */
	e = rtask_list(c->db, 0, c->actor.account_id, false, t->today, &items);
	json_array_foreach(items, i, it)
	{
		const char *st = str(it, "state");
		char zh[400], en[400], route[64];
		int64_t due;

		if (e)
			break;
		if (strcmp(st, "open") != 0 && strcmp(st, "in_progress") != 0)
			continue;
		if (t->counts[TK_RECT]++ >= TODO_PER_KIND)
			continue;
		due = day_end(it, "deadline", NULL);
		snprintf(zh, sizeof(zh), "整改：%s", str(it, "finding"));
		snprintf(en, sizeof(en), "Rectify: %s", str(it, "finding"));
		if (id_of(it, "drill_id"))
			snprintf(route, sizeof(route), "#/drill/%lld",
			         (long long)id_of(it, "drill_id"));
		else
			snprintf(route, sizeof(route), "#/rect-tasks?campaign_id=%lld",
			         (long long)id_of(it, "campaign_id"));
		if (!todo_add(t, &(struct todo_entry){
		                     TK_RECT, zh, en, str(it, "department"), due, true,
		                     json_is_true(json_object_get(it, "overdue")), route}))
			e = STORE_IO;
	}
	json_decref(items);
	return e;
}

/*
 * For those who run drills (the officer, the emergency command): each plan
 * in force with no drill held in six months (drill_plan_overdue), and each
 * planned drill past its day, as the drill plan page shows them.
 */
static enum store_err add_drills(struct api_ctx *c, struct todo *t)
{
	json_t *plans = NULL, *items = NULL, *it;
	int y;
	unsigned m, d;
	size_t i;
	enum store_err e;

	if (!(c->actor.roles & DRILL_MANAGER_ROLES))
		return STORE_OK;
	bjtime_civil_from_days(t->today, &y, &m, &d);
	e = drill_plans(c->db, y, t->today, &plans);
	json_array_foreach(plans, i, it)
	{
		char zh[400], en[400];

		if (e)
			break;
		if (!json_is_true(json_object_get(it, "overdue")) ||
		    t->counts[TK_DRILL]++ >= TODO_PER_KIND)
			continue;
		snprintf(zh, sizeof(zh), "应急演练逾期：预案《%s》半年内未组织演练",
		         str(it, "name"));
		snprintf(en, sizeof(en), "Drill overdue: plan “%s” not exercised in six months",
		         str(it, "name"));
		if (!todo_add(t, &(struct todo_entry){TK_DRILL, zh, en, "",
		                                      day_end(it, "due_on", NULL), true, true,
		                                      "#/drills"}))
			e = STORE_IO;
	}
	if (!e)
		e = drill_list(c->db, 0, t->today, &items);
	json_array_foreach(items, i, it)
	{
		char zh[400], en[400], route[40];

		if (e)
			break;
		if (!json_is_true(json_object_get(it, "late")) ||
		    t->counts[TK_DRILL]++ >= TODO_PER_KIND)
			continue;
		snprintf(zh, sizeof(zh), "演练已过计划日期未开展：%s", str(it, "title"));
		snprintf(en, sizeof(en), "Drill past its planned day: %s", str(it, "title"));
		snprintf(route, sizeof(route), "#/drill/%lld", (long long)id_of(it, "id"));
		if (!todo_add(t, &(struct todo_entry){TK_DRILL, zh, en, str(it, "plan"),
		                                      day_end(it, "planned_on", NULL), true, true,
		                                      route}))
			e = STORE_IO;
	}
	json_decref(plans);
	json_decref(items);
	return e;
}

/* The page a notification's object opens. */
static void notification_route(json_t *n, char *out, size_t cap)
{
	const char *type = str(n, "object_type");
	long long id = (long long)id_of(n, "object_id");

	if (!strcmp(type, "carrier") && id)
		snprintf(out, cap, "#/carriers/%lld", id);
	else if (!strcmp(type, "incident") && id)
		snprintf(out, cap, "#/incidents/%lld", id);
	else if (!strcmp(type, "carrier_request"))
		snprintf(out, cap, "#/carrier-requests");
	else if (!strcmp(type, "warning"))
		snprintf(out, cap, "#/warnings");
	else if (!strcmp(type, "drill") && id)
		snprintf(out, cap, "#/drill/%lld", id);
	else if (!strcmp(type, "rect_task"))
		snprintf(out, cap, "#/rect-tasks");
	else
		snprintf(out, cap, "#/notifications");
}

static enum store_err add_notifications(struct api_ctx *c, struct todo *t)
{
	json_t *items, *it;
	int64_t total = 0;
	size_t i;
	enum store_err e;

	if (!c->actor.person_id)
		return STORE_OK; /* a notification belongs to a person */
	e = notification_list(c->db, c->actor.person_id, true, TODO_PER_KIND, 0, &items, &total,
	                      &t->counts[TK_NOTIFICATION]);
	json_array_foreach(items, i, it)
	{
		char route[40];

		if (e)
			break;
		notification_route(it, route, sizeof(route));
		if (!todo_add(t,
		              &(struct todo_entry){TK_NOTIFICATION, str(it, "text"),
		                                   str(it, "text_en"), "", 0, false, false, route}))
			e = STORE_IO;
	}
	json_decref(items);
	return e;
}

/* Overdue key-place reviews (the officer) and visit requests waiting for the caller. */
static enum store_err add_places(struct api_ctx *c, struct todo *t)
{
	json_t *items, *it;
	size_t i;
	enum store_err e = api_place_reminders(c, &items);

	json_array_foreach(items, i, it)
	{
		bool review = strcmp(str(it, "kind"), "place_review") == 0;
		enum todo_kind k = review ? TK_PLACE_REVIEW : TK_VISIT_APPROVAL;
		int64_t due = review ? day_end(it, "due_day", NULL) : 0;

		if (e)
			break;
		if (t->counts[k]++ >= TODO_PER_KIND)
			continue;
		if (!todo_add(t, &(struct todo_entry){k, str(it, "title"), str(it, "title_en"),
		                                      str(it, "context"), due, review, review,
		                                      str(it, "route")}))
			e = STORE_IO;
	}
	json_decref(items);
	return e;
}

/* The publication reviews waiting at a step the caller decides. */
static enum store_err add_pubrev(struct api_ctx *c, struct todo *t)
{
	json_t *items = NULL, *it;
	size_t i;
	enum store_err e = api_pubrev_pending(c, &items);

	json_array_foreach(items, i, it)
	{
		char zh[300], en[300], ctx[64], route[48];
		int64_t hits = id_of(it, "hits_open");

		if (e)
			break;
		if (t->counts[TK_PUBREV]++ >= TODO_PER_KIND)
			continue;
		snprintf(zh, sizeof(zh), "发布审查：%s", str(it, "title"));
		snprintf(en, sizeof(en), "Review before publication: %s", str(it, "title"));
		if (hits)
			snprintf(ctx, sizeof(ctx), "%lld处命中待核实", (long long)hits);
		else
			snprintf(ctx, sizeof(ctx), "%s", "");
		snprintf(route, sizeof(route), "#/pubrev/%lld", (long long)id_of(it, "id"));
		if (!todo_add(t,
		              &(struct todo_entry){TK_PUBREV, zh, en, ctx, 0, false, false, route}))
			e = STORE_IO;
	}
	json_decref(items);
	return e;
}

/*
 * The officer (保密员) and those who run duty (应急指挥): each public
 * holiday that starts within the notice days (a setting) and has no duty
 * table yet.
 */
static enum store_err add_duty_holidays(struct api_ctx *c, struct todo *t)
{
	json_t *items, *it;
	size_t i;
	enum store_err e;

	if (!(c->actor.roles & (ROLE_OFFICER | ROLE_COMMAND)))
		return STORE_OK;
	e = api_duty_holidays(c, t->today, t->today + api_duty_notice_days(c), &items);
	json_array_foreach(items, i, it)
	{
		char zh[300], en[300];
		int32_t first = 0;

		if (e || json_is_true(json_object_get(it, "covered")))
			continue;
		t->counts[TK_HOLIDAY]++;
		bjtime_parse_date(str(it, "from"), &first);
		snprintf(zh, sizeof(zh), "排定%s值班表（%s 至 %s）", str(it, "name"),
		         str(it, "from"), str(it, "to"));
		snprintf(en, sizeof(en), "Draw up the duty table for %s (%s to %s)",
		         str(it, "name"), str(it, "from"), str(it, "to"));
		/* due: the holiday's first morning, when its duty begins */
		if (!todo_add(
		        t, &(struct todo_entry){TK_HOLIDAY, zh, en, "",
		                                ((int64_t)first * 86400 - BJTIME_OFFSET_S) * 1000 +
		                                    8 * 3600 * 1000LL,
		                                false, false, "#/duty"}))
			e = STORE_IO;
	}
	json_decref(items);
	return e;
}

/* The officer: 节前保密教育 before a public holiday that has none recorded yet. */
static enum store_err add_holiday_training(struct api_ctx *c, struct todo *t)
{
	char name[CAL_NOTE_MAX + 1], zh[160], en[160];
	int32_t start;
	bool due;
	enum store_err e;

	if (!(c->actor.roles & ROLE_OFFICER))
		return STORE_OK;
	e = api_training_holiday_due(c, t->today, &start, name, sizeof(name), &due);
	if (e || !due)
		return e;
	t->counts[TK_HOLIDAY_TRAINING]++;
	snprintf(zh, sizeof(zh), "%s前保密教育：尚未登记", name);
	snprintf(en, sizeof(en), "Pre-holiday security education before %s: none recorded", name);
	/* due by the end of the last day before the holiday */
	if (!todo_add(t, &(struct todo_entry){TK_HOLIDAY_TRAINING, zh, en, name,
	                                      ((int64_t)start * 86400 - BJTIME_OFFSET_S - 1) * 1000,
	                                      true, false, "#/training"}))
		e = STORE_IO;
	return e;
}

void api_todo_list(struct api_ctx *c)
{
	struct todo t = {.today = (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400)};
	json_t *items, *counts;
	int64_t sum = 0;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	e = add_approvals(c, &t);
	if (!e)
		e = add_incident_work(c, &t);
	if (!e)
		e = add_carriers(c, &t);
	if (!e)
		e = add_rect_tasks(c, &t);
	if (!e)
		e = add_notifications(c, &t);
	if (!e)
		e = add_places(c, &t);
	if (!e)
		e = add_holiday_training(c, &t);
	if (!e)
		e = add_duty_holidays(c, &t);
	if (!e)
		e = add_drills(c, &t);
	if (!e)
		e = add_pubrev(c, &t);
	if (e) {
		for (size_t i = 0; i < t.n; i++)
			json_decref(t.v[i].o);
		free(t.v);
		api_store_error(c, e, NULL);
		return;
	}
	if (t.n) /* t.v is NULL when there is nothing to do */
		qsort(t.v, t.n, sizeof(*t.v), todo_cmp);
	items = json_array();
	for (size_t i = 0; i < t.n; i++)
		json_array_append_new(items, t.v[i].o);
	free(t.v);
	counts = json_object();
	for (int k = 0; k < TK_COUNT; k++) {
		json_object_set_new(counts, todo_kinds[k], json_integer(t.counts[k]));
		sum += t.counts[k];
	}
	api_reply(
	    c, 200,
	    json_pack("{so so sI}", "items", items, "counts", counts, "total", (json_int_t)sum));
}
