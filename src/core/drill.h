/*
 * drill — emergency drills (应急演练): their kinds, states and the rule of
 * how often a plan must be exercised (pure C, no I/O).
 *
 * Seed 003 asks for a drill of each emergency plan at least every six
 * months (每半年组织一次 … 应急演练).  A drill is planned against a plan in
 * force, run as an incident marked 演练 (the same countdowns and tasks,
 * never reported upward as real), ended, summarised (演练总结) and made
 * known in a 通报.  Its findings become rectification tasks.
 *
 * Days are days since the epoch in Beijing (bjtime), 0 = none.
 */
#ifndef BAOMI_DRILL_H
#define BAOMI_DRILL_H

#include <stdbool.h>
#include <stdint.h>

#include "role.h"

enum drill_kind {
	DK_TABLETOP = 0, /* 桌面推演 */
	DK_LIVE = 1,     /* 实战演练 */
};
#define DRILL_KIND_COUNT 2

enum drill_state {
	DS_PLANNED = 0,    /* 已计划 */
	DS_RUNNING = 1,    /* 演练中 */
	DS_ENDED = 2,      /* 已结束（待总结） */
	DS_SUMMARISED = 3, /* 已总结（待通报） */
	DS_NOTIFIED = 4,   /* 已通报 */
	DS_CANCELLED = 5,  /* 已取消 */
};
#define DRILL_STATE_COUNT 6

enum drill_action {
	DA_START = 0,     /* planned → running: opens the drill incident */
	DA_END = 1,       /* running → ended */
	DA_SUMMARISE = 2, /* ended → summarised, with the summary */
	DA_NOTIFY = 3,    /* summarised → notified, with the 通报 text */
	DA_CANCEL = 4,    /* planned → cancelled, with a reason */
};
#define DRILL_ACTION_COUNT 5

enum drill_err {
	DRILL_OK = 0,
	DRILL_BAD_STATE,    /* not allowed from the current state */
	DRILL_MISSING_TEXT, /* the summary, the 通报 or the reason is empty */
	DRILL_NO_FINDINGS,  /* findings are recorded while running, ended or summarised */
};

/*
 * Who plans and runs drills and verifies the rectification of their
 * findings: the 保密员 and the emergency command (应急办).
 */
#define DRILL_MANAGER_ROLES (ROLE_OFFICER | ROLE_COMMAND)

/* Months between drills of one plan (seed 003: 每半年). */
#define DRILL_INTERVAL_MONTHS 6

const char *drill_kind_code(enum drill_kind k); /* tabletop, live */
const char *drill_kind_zh(enum drill_kind k);
int drill_kind_parse(const char *s, enum drill_kind *out);
const char *drill_state_code(enum drill_state s); /* planned, running, ended, ... */
const char *drill_state_zh(enum drill_state s);
const char *drill_action_code(enum drill_action a); /* start, end, summarise, notify, cancel */
int drill_action_parse(const char *s, enum drill_action *out);
/* A timeline entry's action (plan, start, end, summarise, notify, cancel, finding) in Chinese. */
const char *drill_event_zh(const char *action);
const char *drill_err_zh(enum drill_err e);
const char *drill_err_en(enum drill_err e);

/*
 * Whether the action is allowed in the state; has_text says whether the
 * summary (summarise), the 通报 (notify) or the reason (cancel) was given.
 * *next gets the state after it.
 */
enum drill_err drill_check(enum drill_state s, enum drill_action a, bool has_text,
                           enum drill_state *next);
/* Findings are recorded from the start until the 通报 is issued. */
bool drill_takes_findings(enum drill_state s);

/*
 * The day six months (DRILL_INTERVAL_MONTHS) after day: the same day of
 * the month, or the month's last day when it has fewer days (31 Aug →
 * 28/29 Feb).
 */
int32_t drill_add_months(int32_t day, int months);
/*
 * The day by which the plan's next drill is due: six months after the
 * later of the last drill held (its start day, 0: none) and the day the
 * plan came into force.
 */
int32_t drill_due_day(int32_t last_held, int32_t in_force_since);
/* A plan is overdue for a drill when today is past its due day. */
bool drill_plan_overdue(int32_t last_held, int32_t in_force_since, int32_t today);
/* A planned drill whose day has passed and that has not been started. */
bool drill_late(enum drill_state s, int32_t planned_on, int32_t today);
/* The half of the year a day falls in: 0 January–June, 1 July–December. */
int drill_half(int32_t day);

#endif
