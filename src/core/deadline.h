/*
 * deadline — statutory time limits of reporting duties (pure C, no I/O).
 *
 * A duty ("tell the leadership group within 30 minutes", "result report
 * within 5 working days of the end of handling") has an amount, a unit and
 * an anchor event.  Once the anchor has happened the duty has a due time;
 * meeting it records the actual time; past due it is overdue and the next
 * level up is told.  All times are epoch milliseconds (UTC); day
 * arithmetic is on the Beijing calendar.
 */
#ifndef BAOMI_DEADLINE_H
#define BAOMI_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"

enum dl_unit {
	DL_MINUTES = 0,
	DL_HOURS = 1,
	DL_DAYS = 2,     /* calendar days: to the end (24:00 Beijing) of the n-th day after */
	DL_WORKDAYS = 3, /* to the end (24:00 Beijing) of the n-th working day after */
};
#define DL_UNIT_COUNT 4

/* What a duty's time limit is counted from. */
enum dl_anchor {
	DL_FROM_DISCOVERED = 0, /* the incident was discovered (发现) */
	DL_FROM_REPORTED = 1,   /* the first report reached the system (接报) */
	DL_FROM_PREVIOUS = 2,   /* the duty before it in the chain was met (收到报告后) */
	DL_FROM_GRADED = 3,     /* the level was confirmed */
	DL_FROM_HANDLED = 4,    /* handling ended (处理完毕) */
	DL_FROM_INVESTIGATED = 5, /* a leak's investigation result was approved (调查结果经批准) */
};
#define DL_ANCHOR_COUNT 6

/* Where a duty comes from: the law applies to every incident, a plan adds its own. */
enum dl_source {
	DL_STATUTORY = 0, /* 法定 */
	DL_PLAN = 1,      /* 预案 */
};
#define DL_SOURCE_COUNT 2

/* A time limit: an amount of a unit. */
struct dl_limit {
	int amount;
	enum dl_unit unit;
};

/*
 * A met time more than this before the moment it was recorded is a 补录
 * (back-filled entry): its claimed time is kept but not believed for the
 * on-time judgement.
 */
#define DL_BACKFILL_MS ((int64_t)10 * 60 * 1000)

enum dl_state {
	DL_WAITING = 0, /* the anchor has not happened yet */
	DL_OPEN = 1,    /* running, not yet due */
	DL_MET = 2,     /* met on time */
	DL_LATE = 3,    /* met, but after the due time */
	DL_OVERDUE = 4, /* due time passed, not met */
};

const char *dl_unit_code(enum dl_unit u); /* minutes, hours, days, workdays */
const char *dl_unit_zh(enum dl_unit u);   /* 分钟, 小时, 日, 个工作日 */
int dl_unit_parse(const char *s, enum dl_unit *out);
const char *dl_anchor_code(enum dl_anchor a); /* discovered, reported, previous, graded, handled */
const char *dl_anchor_zh(enum dl_anchor a);
int dl_anchor_parse(const char *s, enum dl_anchor *out);
const char *dl_source_code(enum dl_source s); /* statutory, plan */
const char *dl_source_zh(enum dl_source s);   /* 法定, 预案 */
const char *dl_state_code(enum dl_state s);
const char *dl_state_zh(enum dl_state s);

/* The longest amount accepted per unit (a week of minutes, 90 days ...). */
int dl_amount_max(enum dl_unit u);
/*
 * Due time for a limit counted from anchor_ms.  Minutes and hours add
 * exactly.  Days and working days run to 24:00 Beijing time of the n-th
 * (working) day after the anchor's Beijing day.  *fallback (may be NULL)
 * is set to true (never cleared) when the calendar had no data for a year
 * it needed.  amount is clamped to 0..dl_amount_max(u).
 */
int64_t dl_due(const struct calendar *c, enum dl_unit u, int amount, int64_t anchor_ms,
               bool *fallback);
/*
 * Due time of a statutory limit that a plan may tighten (plan NULL: none):
 * the earlier of the two, both counted from anchor_ms.  A plan can shorten
 * the law's limit, never lengthen it.
 */
int64_t dl_due_effective(const struct calendar *c, const struct dl_limit *statutory,
                         const struct dl_limit *plan, int64_t anchor_ms, bool *fallback);
/* True when met_ms lies more than DL_BACKFILL_MS before recorded_ms (0: not recorded). */
bool dl_backfilled(int64_t met_ms, int64_t recorded_ms);
/*
 * The time a met duty is judged by: the claimed met time, or for a
 * back-filled entry the recording time (the earliest time the record
 * proves the report was sent).
 */
int64_t dl_judged_ms(int64_t met_ms, int64_t recorded_ms);
/*
 * State of a duty: anchor_ms/met_ms are 0 when not happened, recorded_ms
 * when the met time was entered (0: taken as met_ms).  Judged at
 * dl_judged_ms, at or before due_ms is on time; open until now_ms passes
 * due_ms.  A duty met before its anchor was recorded counts as met.
 */
enum dl_state dl_state_at(int64_t anchor_ms, int64_t due_ms, int64_t met_ms, int64_t recorded_ms,
                          int64_t now_ms);

#endif
