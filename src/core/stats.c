#include "stats.h"

#include <stddef.h>

#include "../util/bjtime.h"
#include "deadline.h"
#include "person.h"

int stats_year_bounds(int year, struct stats_year *out)
{
	if (year < STATS_YEAR_MIN || year > STATS_YEAR_MAX)
		return -1;
	out->year = year;
	out->from_day = bjtime_days_from_civil(year, 1, 1);
	out->to_day = bjtime_days_from_civil(year + 1, 1, 1);
	out->from_ms = ((int64_t)out->from_day * 86400 - BJTIME_OFFSET_S) * 1000;
	out->to_ms = ((int64_t)out->to_day * 86400 - BJTIME_OFFSET_S) * 1000;
	return 0;
}

int32_t stats_day_of_ms(int64_t ms)
{
	int64_t s = ms / 1000 - (ms % 1000 < 0) + BJTIME_OFFSET_S;

	return (int32_t)(s / 86400 - (s % 86400 < 0));
}

int stats_year_of_ms(int64_t ms)
{
	int y;
	unsigned m, d;

	bjtime_civil_from_days(stats_day_of_ms(ms), &y, &m, &d);
	return y;
}

enum stats_period stats_period_kind(bool classified, int years, int32_t release_day,
                                    const char *condition, bool defaulted)
{
	if (!classified)
		return SP_NONE;
	if (defaulted)
		return SP_DEFAULT;
	if (years > 0)
		return years <= 10   ? SP_YEARS_10
		       : years <= 20 ? SP_YEARS_20
		       : years <= 30 ? SP_YEARS_30
		                     : SP_YEARS_MORE;
	if (release_day > 0)
		return SP_DATE;
	if (condition && *condition)
		return SP_CONDITION;
	return SP_DEFAULT;
}

enum stats_duty stats_duty_outcome(int64_t anchor_ms, int64_t due_ms, int64_t met_ms,
                                   int64_t recorded_ms, int64_t now_ms)
{
	switch (dl_state_at(anchor_ms, due_ms, met_ms, recorded_ms, now_ms)) {
	case DL_MET:
		return SD_ON_TIME;
	case DL_LATE:
		return SD_LATE;
	case DL_OVERDUE:
		return SD_OVERDUE;
	case DL_WAITING:
	case DL_OPEN:
		break;
	}
	return SD_OPEN;
}

enum stats_rect stats_rect_outcome(bool has_task, int state, int32_t deadline_day, int64_t done_ms,
                                   int32_t today)
{
	if (!has_task)
		return SR_NO_TASK;
	if (state == 2 || state == 3) { /* RS_DONE, RS_VERIFIED */
		if (deadline_day > 0 && done_ms && stats_day_of_ms(done_ms) > deadline_day)
			return SR_DONE_LATE;
		return SR_DONE;
	}
	return deadline_day > 0 && today > deadline_day ? SR_OVERDUE : SR_OPEN;
}

unsigned stats_person_flags(int status, int32_t until_day, int64_t created_ms,
                            const struct stats_year *y, int32_t today)
{
	int32_t created = stats_day_of_ms(created_ms);
	bool gone = status != PERSON_ACTIVE && until_day != PERSON_NO_DATE;
	unsigned f = 0;

	if (created >= y->to_day)
		return 0;
	if (!(gone && until_day < y->from_day))
		f |= STATS_P_ROLL;
	if (created >= y->from_day)
		f |= STATS_P_NEW;
	if (gone && until_day >= y->from_day)
		f |= STATS_P_DECLASS;
	if (gone && until_day >= y->from_day && until_day < y->to_day && until_day <= today)
		f |= STATS_P_LEFT;
	return f;
}

int stats_on_time_permille(int64_t on_time, int64_t late, int64_t overdue)
{
	int64_t decided = on_time + late + overdue;

	if (decided <= 0)
		return -1;
	return (int)(on_time * 1000 / decided);
}

static const char *const period_names[STATS_PERIOD_COUNT][3] = {
    [SP_DEFAULT] = {"default", "法定最长期限（未另定）", "Legal longest (not decided)"},
    [SP_YEARS_10] = {"years_10", "10年以内", "Up to 10 years"},
    [SP_YEARS_20] = {"years_20", "11至20年", "11 to 20 years"},
    [SP_YEARS_30] = {"years_30", "21至30年", "21 to 30 years"},
    [SP_YEARS_MORE] = {"years_more", "30年以上", "Over 30 years"},
    [SP_DATE] = {"date", "解密日期", "Release date"},
    [SP_CONDITION] = {"condition", "解密条件", "Release condition"},
    [SP_NONE] = {"none", "非涉密（无期限）", "Unclassified (no period)"},
};

static const char *const duty_names[STATS_DUTY_COUNT][3] = {
    [SD_ON_TIME] = {"on_time", "按时报告", "On time"},
    [SD_LATE] = {"late", "迟报", "Late"},
    [SD_OVERDUE] = {"overdue", "逾期未报", "Overdue, not reported"},
    [SD_OPEN] = {"open", "未到期", "Not yet due"},
};

static const char *const rect_names[STATS_RECT_COUNT][3] = {
    [SR_DONE] = {"done", "按期整改", "Rectified in time"},
    [SR_DONE_LATE] = {"done_late", "逾期整改", "Rectified late"},
    [SR_OVERDUE] = {"overdue", "逾期未整改", "Overdue, not rectified"},
    [SR_OPEN] = {"open", "整改中（未到期）", "In progress (not yet due)"},
    [SR_NO_TASK] = {"no_task", "未布置整改", "No rectification task"},
};

#define NAME(tab, n, v, i) ((unsigned)(v) < (n) ? tab[v][i] : "")

const char *stats_period_code(enum stats_period p)
{
	return NAME(period_names, STATS_PERIOD_COUNT, p, 0);
}
const char *stats_period_zh(enum stats_period p)
{
	return NAME(period_names, STATS_PERIOD_COUNT, p, 1);
}
const char *stats_period_en(enum stats_period p)
{
	return NAME(period_names, STATS_PERIOD_COUNT, p, 2);
}
const char *stats_duty_code(enum stats_duty d)
{
	return NAME(duty_names, STATS_DUTY_COUNT, d, 0);
}
const char *stats_duty_zh(enum stats_duty d)
{
	return NAME(duty_names, STATS_DUTY_COUNT, d, 1);
}
const char *stats_duty_en(enum stats_duty d)
{
	return NAME(duty_names, STATS_DUTY_COUNT, d, 2);
}
const char *stats_rect_code(enum stats_rect r)
{
	return NAME(rect_names, STATS_RECT_COUNT, r, 0);
}
const char *stats_rect_zh(enum stats_rect r)
{
	return NAME(rect_names, STATS_RECT_COUNT, r, 1);
}
const char *stats_rect_en(enum stats_rect r)
{
	return NAME(rect_names, STATS_RECT_COUNT, r, 2);
}
