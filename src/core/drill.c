#include "drill.h"

#include <string.h>

#include "../util/bjtime.h"

static const char *const kind_codes[DRILL_KIND_COUNT] = {"tabletop", "live"};
static const char *const kind_zh[DRILL_KIND_COUNT] = {"桌面推演", "实战演练"};
static const char *const state_codes[DRILL_STATE_COUNT] = {"planned",    "running",  "ended",
                                                           "summarised", "notified", "cancelled"};
static const char *const state_zh[DRILL_STATE_COUNT] = {
    "已计划", "演练中", "已结束（待总结）", "已总结（待通报）", "已通报", "已取消"};
static const char *const action_codes[DRILL_ACTION_COUNT] = {"start", "end", "summarise", "notify",
                                                             "cancel"};

const char *drill_kind_code(enum drill_kind k)
{
	return (unsigned)k < DRILL_KIND_COUNT ? kind_codes[k] : "";
}

const char *drill_kind_zh(enum drill_kind k)
{
	return (unsigned)k < DRILL_KIND_COUNT ? kind_zh[k] : "";
}

int drill_kind_parse(const char *s, enum drill_kind *out)
{
	for (int i = 0; s && i < DRILL_KIND_COUNT; i++)
		if (!strcmp(s, kind_codes[i]) || !strcmp(s, kind_zh[i])) {
			*out = (enum drill_kind)i;
			return 0;
		}
	return -1;
}

const char *drill_state_code(enum drill_state s)
{
	return (unsigned)s < DRILL_STATE_COUNT ? state_codes[s] : "";
}

const char *drill_state_zh(enum drill_state s)
{
	return (unsigned)s < DRILL_STATE_COUNT ? state_zh[s] : "";
}

const char *drill_action_code(enum drill_action a)
{
	return (unsigned)a < DRILL_ACTION_COUNT ? action_codes[a] : "";
}

int drill_action_parse(const char *s, enum drill_action *out)
{
	for (int i = 0; s && i < DRILL_ACTION_COUNT; i++)
		if (!strcmp(s, action_codes[i])) {
			*out = (enum drill_action)i;
			return 0;
		}
	return -1;
}

const char *drill_event_zh(const char *action)
{
	static const char *const events[][2] = {
	    {"plan", "制定演练计划"},      {"start", "开始演练"},  {"end", "结束演练"},
	    {"summarise", "形成演练总结"}, {"notify", "发布通报"}, {"cancel", "取消演练"},
	    {"finding", "登记发现的问题"},
	};

	for (size_t i = 0; action && i < sizeof(events) / sizeof(events[0]); i++)
		if (!strcmp(action, events[i][0]))
			return events[i][1];
	return "其他";
}

const char *drill_err_zh(enum drill_err e)
{
	switch (e) {
	case DRILL_OK:
		return "成功";
	case DRILL_BAD_STATE:
		return "演练当前状态不允许此操作";
	case DRILL_MISSING_TEXT:
		return "请填写内容";
	case DRILL_NO_FINDINGS:
		return "演练开始后、通报前才能登记发现的问题";
	}
	return "未知错误";
}

const char *drill_err_en(enum drill_err e)
{
	switch (e) {
	case DRILL_OK:
		return "ok";
	case DRILL_BAD_STATE:
		return "not allowed in the drill's current state";
	case DRILL_MISSING_TEXT:
		return "the text is required";
	case DRILL_NO_FINDINGS:
		return "findings are recorded from the start of the drill until its notice";
	}
	return "unknown error";
}

enum drill_err drill_check(enum drill_state s, enum drill_action a, bool has_text,
                           enum drill_state *next)
{
	static const struct {
		enum drill_state from, to;
		bool needs_text;
	} rules[DRILL_ACTION_COUNT] = {
	    [DA_START] = {DS_PLANNED, DS_RUNNING, false},
	    [DA_END] = {DS_RUNNING, DS_ENDED, false},
	    [DA_SUMMARISE] = {DS_ENDED, DS_SUMMARISED, true},
	    [DA_NOTIFY] = {DS_SUMMARISED, DS_NOTIFIED, true},
	    [DA_CANCEL] = {DS_PLANNED, DS_CANCELLED, true},
	};

	if ((unsigned)a >= DRILL_ACTION_COUNT || s != rules[a].from)
		return DRILL_BAD_STATE;
	if (rules[a].needs_text && !has_text)
		return DRILL_MISSING_TEXT;
	*next = rules[a].to;
	return DRILL_OK;
}

bool drill_takes_findings(enum drill_state s)
{
	return s == DS_RUNNING || s == DS_ENDED || s == DS_SUMMARISED;
}

static unsigned month_days(int y, unsigned m)
{
	static const unsigned days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

int32_t drill_add_months(int32_t day, int months)
{
	int y, mi;
	unsigned m, d;

	bjtime_civil_from_days(day, &y, &m, &d);
	mi = (int)m - 1 + months;
	y += mi >= 0 ? mi / 12 : -((11 - mi) / 12);
	m = (unsigned)(((mi % 12) + 12) % 12) + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return bjtime_days_from_civil(y, m, d);
}

int32_t drill_due_day(int32_t last_held, int32_t in_force_since)
{
	int32_t from = last_held > in_force_since ? last_held : in_force_since;

	return drill_add_months(from, DRILL_INTERVAL_MONTHS);
}

bool drill_plan_overdue(int32_t last_held, int32_t in_force_since, int32_t today)
{
	return today > drill_due_day(last_held, in_force_since);
}

bool drill_late(enum drill_state s, int32_t planned_on, int32_t today)
{
	return s == DS_PLANNED && planned_on && planned_on < today;
}

int drill_half(int32_t day)
{
	int y;
	unsigned m, d;

	bjtime_civil_from_days(day, &y, &m, &d);
	return m <= 6 ? 0 : 1;
}
