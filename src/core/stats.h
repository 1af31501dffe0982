/*
 * stats — the year's statistics (年度统计): the pure rules behind the
 * figures the 保密行政管理部门 asks each unit for once a year (no I/O).
 *
 * A statistics year is a Beijing year: from 1 January 00:00 +08:00 up to,
 * not including, the next 1 January 00:00 +08:00.  The store counts records
 * against these bounds and sorts each one into the part of its figure
 * (level, class, period kind, reporting outcome ...) with the functions
 * here, so what a figure counts is decided in one tested place.
 */
#ifndef BAOMI_STATS_H
#define BAOMI_STATS_H

#include <stdbool.h>
#include <stdint.h>

#define STATS_YEAR_MIN 2000
#define STATS_YEAR_MAX 2100

struct stats_year {
	int year;
	int64_t from_ms;  /* 1 Jan 00:00 +08:00, inclusive */
	int64_t to_ms;    /* next 1 Jan 00:00 +08:00, exclusive */
	int32_t from_day; /* days since epoch of 1 Jan (day columns are Beijing days) */
	int32_t to_day;   /* of the next 1 Jan, exclusive */
};

/* Bounds of a Beijing year; -1 outside STATS_YEAR_MIN..STATS_YEAR_MAX. */
int stats_year_bounds(int year, struct stats_year *out);
/* The Beijing year a time (ms since epoch) falls in. */
int stats_year_of_ms(int64_t ms);
/* The Beijing day (days since epoch) a time falls on. */
int32_t stats_day_of_ms(int64_t ms);

/* How a carrier's security period (保密期限) was given. */
enum stats_period {
	SP_DEFAULT,    /* none decided: the level's legal longest period applies (默认) */
	SP_YEARS_10,   /* a number of years, up to 10 */
	SP_YEARS_20,   /* 11 to 20 years */
	SP_YEARS_30,   /* 21 to 30 years */
	SP_YEARS_MORE, /* over 30 years (with an override basis) */
	SP_DATE,       /* a release date (解密日期) */
	SP_CONDITION,  /* a release condition (解密条件) */
	SP_NONE,       /* unclassified: no period */
};
#define STATS_PERIOD_COUNT 8
enum stats_period stats_period_kind(bool classified, int years, int32_t release_day,
                                    const char *condition, bool defaulted);

/*
 * A reporting duty of an incident, judged as the deadline rules judge it
 * (dl_state_at): met at or before its due time is on time; met after it is
 * late, however it was recorded later; not met and past due is overdue; the
 * rest is still open.  Only on-time duties count as on time.
 */
enum stats_duty { SD_ON_TIME, SD_LATE, SD_OVERDUE, SD_OPEN };
#define STATS_DUTY_COUNT 4
enum stats_duty stats_duty_outcome(int64_t anchor_ms, int64_t due_ms, int64_t met_ms,
                                   int64_t recorded_ms, int64_t now_ms);

/*
 * The rectification of a finding: done (or verified) by its deadline; done
 * after it; not done and past the deadline (overdue); not done, deadline
 * not passed; no task assigned yet.  deadline_day and today are Beijing
 * days; done_ms 0 when not done.
 */
enum stats_rect { SR_DONE, SR_DONE_LATE, SR_OVERDUE, SR_OPEN, SR_NO_TASK };
#define STATS_RECT_COUNT 5
enum stats_rect stats_rect_outcome(bool has_task, int state, int32_t deadline_day, int64_t done_ms,
                                   int32_t today);

/*
 * Where a 涉密人员 stands in a year.  status is enum person_status,
 * until_day the end of their 脱密期 (PERSON_NO_DATE when none), created_ms
 * when they were entered.  The start of a 脱密期 is not recorded: a
 * 脱密期 that reaches into the year counts for the year.
 *   STATS_P_ROLL     on the roll in the year: entered before its end, and
 *                    not gone (脱密期 over) before it began
 *   STATS_P_NEW      entered in the year
 *   STATS_P_DECLASS  in 脱密期 during the year (leaving or left, 脱密期 ending
 *                    in the year or later)
 *   STATS_P_LEFT     left: the 脱密期 ended in the year, by today
 */
enum {
	STATS_P_ROLL = 1,
	STATS_P_NEW = 2,
	STATS_P_DECLASS = 4,
	STATS_P_LEFT = 8,
};
unsigned stats_person_flags(int status, int32_t until_day, int64_t created_ms,
                            const struct stats_year *y, int32_t today);

/*
 * On-time rate in per mille of the duties decided (on time + late +
 * overdue); -1 when none was decided yet.  Open duties are not decided.
 */
int stats_on_time_permille(int64_t on_time, int64_t late, int64_t overdue);

const char *stats_period_code(enum stats_period p);
const char *stats_period_zh(enum stats_period p);
const char *stats_period_en(enum stats_period p);
const char *stats_duty_code(enum stats_duty d);
const char *stats_duty_zh(enum stats_duty d);
const char *stats_duty_en(enum stats_duty d);
const char *stats_rect_code(enum stats_rect r);
const char *stats_rect_zh(enum stats_rect r);
const char *stats_rect_en(enum stats_rect r);

#endif
