#include "deadline.h"

#include <string.h>

#include "../util/bjtime.h"

#define DL_DAY_MS ((int64_t)86400 * 1000)
#define DL_OFFSET_MS ((int64_t)BJTIME_OFFSET_S * 1000)

struct dl_name {
	const char *code, *zh;
};

static const struct dl_name unit_names[DL_UNIT_COUNT] = {
    [DL_MINUTES] = {"minutes", "分钟"},
    [DL_HOURS] = {"hours", "小时"},
    [DL_DAYS] = {"days", "日"},
    [DL_WORKDAYS] = {"workdays", "个工作日"},
};

static const struct dl_name anchor_names[DL_ANCHOR_COUNT] = {
    [DL_FROM_DISCOVERED] = {"discovered", "发现事件"},
    [DL_FROM_REPORTED] = {"reported", "接报"},
    [DL_FROM_PREVIOUS] = {"previous", "收到上一环节报告"},
    [DL_FROM_GRADED] = {"graded", "确定事件级别"},
    [DL_FROM_HANDLED] = {"handled", "处置完毕"},
    [DL_FROM_INVESTIGATED] = {"investigated", "调查结果经批准"},
};

static const struct dl_name source_names[DL_SOURCE_COUNT] = {
    [DL_STATUTORY] = {"statutory", "法定"},
    [DL_PLAN] = {"plan", "预案"},
};

#define DL_STATE_COUNT 5
static const struct dl_name state_names[DL_STATE_COUNT] = {
    [DL_WAITING] = {"waiting", "未开始计时"}, [DL_OPEN] = {"open", "计时中"},
    [DL_MET] = {"met", "按时完成"},           [DL_LATE] = {"late", "逾期完成"},
    [DL_OVERDUE] = {"overdue", "已逾期"},
};

static int dl_parse(const struct dl_name *t, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, t[i].code) == 0 || strcmp(s, t[i].zh) == 0)
			return i;
	return -1;
}

const char *dl_unit_code(enum dl_unit u)
{
	return (unsigned)u < DL_UNIT_COUNT ? unit_names[u].code : "";
}

const char *dl_unit_zh(enum dl_unit u)
{
	return (unsigned)u < DL_UNIT_COUNT ? unit_names[u].zh : "";
}

int dl_unit_parse(const char *s, enum dl_unit *out)
{
	int i = dl_parse(unit_names, DL_UNIT_COUNT, s);

	/* "工作日" reads as naturally as "个工作日" */
	if (i < 0 && s && strcmp(s, "工作日") == 0)
		i = DL_WORKDAYS;
	if (i < 0)
		return -1;
	*out = (enum dl_unit)i;
	return 0;
}

const char *dl_anchor_code(enum dl_anchor a)
{
	return (unsigned)a < DL_ANCHOR_COUNT ? anchor_names[a].code : "";
}

const char *dl_anchor_zh(enum dl_anchor a)
{
	return (unsigned)a < DL_ANCHOR_COUNT ? anchor_names[a].zh : "";
}

int dl_anchor_parse(const char *s, enum dl_anchor *out)
{
	int i = dl_parse(anchor_names, DL_ANCHOR_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum dl_anchor)i;
	return 0;
}

const char *dl_source_code(enum dl_source s)
{
	return (unsigned)s < DL_SOURCE_COUNT ? source_names[s].code : "";
}

const char *dl_source_zh(enum dl_source s)
{
	return (unsigned)s < DL_SOURCE_COUNT ? source_names[s].zh : "";
}

const char *dl_state_code(enum dl_state s)
{
	return (unsigned)s < DL_STATE_COUNT ? state_names[s].code : "";
}

const char *dl_state_zh(enum dl_state s)
{
	return (unsigned)s < DL_STATE_COUNT ? state_names[s].zh : "";
}

int dl_amount_max(enum dl_unit u)
{
	switch (u) {
	case DL_MINUTES:
		return 7 * 24 * 60; /* a week */
	case DL_HOURS:
		return 30 * 24; /* 30 days */
	case DL_DAYS:
		return 90;
	case DL_WORKDAYS:
		return 60; /* about three months */
	default:
		return 0;
	}
}

static int64_t dl_floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if (a % b != 0 && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Start (00:00 Beijing) of a Beijing day, in epoch ms. */
static int64_t dl_day_start_ms(int32_t day)
{
	return (int64_t)day * DL_DAY_MS - DL_OFFSET_MS;
}

int64_t dl_due(const struct calendar *c, enum dl_unit u, int amount, int64_t anchor_ms,
               bool *fallback)
{
	int32_t day;
	int max = dl_amount_max(u);

	if (amount < 0)
		amount = 0;
	if (amount > max)
		amount = max;
	day = (int32_t)dl_floor_div(anchor_ms + DL_OFFSET_MS, DL_DAY_MS);
	switch (u) {
	case DL_MINUTES:
		return anchor_ms + (int64_t)amount * 60 * 1000;
	case DL_HOURS:
		return anchor_ms + (int64_t)amount * 3600 * 1000;
	case DL_DAYS:
		return dl_day_start_ms(day + amount + 1);
	case DL_WORKDAYS:
		return dl_day_start_ms(cal_add_workdays(c, day, amount, fallback) + 1);
	default:
		return anchor_ms;
	}
}

int64_t dl_due_effective(const struct calendar *c, const struct dl_limit *statutory,
                         const struct dl_limit *plan, int64_t anchor_ms, bool *fallback)
{
	int64_t due = dl_due(c, statutory->unit, statutory->amount, anchor_ms, fallback);

	if (plan) {
		int64_t p = dl_due(c, plan->unit, plan->amount, anchor_ms, fallback);

		if (p < due)
			due = p;
	}
	return due;
}

bool dl_backfilled(int64_t met_ms, int64_t recorded_ms)
{
	return met_ms != 0 && recorded_ms != 0 && recorded_ms - met_ms > DL_BACKFILL_MS;
}

int64_t dl_judged_ms(int64_t met_ms, int64_t recorded_ms)
{
	return dl_backfilled(met_ms, recorded_ms) ? recorded_ms : met_ms;
}

enum dl_state dl_state_at(int64_t anchor_ms, int64_t due_ms, int64_t met_ms, int64_t recorded_ms,
                          int64_t now_ms)
{
	if (met_ms != 0) {
		if (anchor_ms == 0 || dl_judged_ms(met_ms, recorded_ms) <= due_ms)
			return DL_MET;
		return DL_LATE;
	}
	if (anchor_ms == 0)
		return DL_WAITING;
	return now_ms > due_ms ? DL_OVERDUE : DL_OPEN;
}
