/*
 * calendar — the Chinese working-day calendar (pure C, no I/O).
 *
 * Statutory time limits in working days (工作日) skip weekends and public
 * holidays and count make-up working days (调休上班).  Which days those are
 * is decided each year by a State Council notice, so it is data: a text
 * file (data/calendar/cn.txt, embedded in the program, replaceable by the
 * operator) that this module parses.  A year the data does not cover falls
 * back to Monday–Friday, and every answer that relied on the fallback says
 * so, so the UI can warn.
 *
 * File format, UTF-8, one statement per line, '#' starts a comment:
 *
 *     year 2026                          the notice for 2026 is in this file
 *     2026-01-01..2026-01-03 off 元旦    days off (a range or one date)
 *     2026-01-04 work 元旦调休上班        a make-up working day
 *
 * A day line must fall in a year declared earlier in the same text.  Days
 * are days since 1970-01-01 on the Beijing calendar (bjtime.h).
 */
#ifndef BAOMI_CALENDAR_H
#define BAOMI_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CAL_MAX_YEARS 64
#define CAL_MAX_DAYS 2048 /* exceptions (days off and make-up days) in all */
#define CAL_NOTE_MAX 48   /* bytes of a day's note (元旦, 春节调休 ...) */

enum cal_err {
	CAL_OK = 0,
	CAL_BAD_SYNTAX,   /* not "year Y" nor "DATE[..DATE] off|work [note]" */
	CAL_BAD_DATE,     /* not a real YYYY-MM-DD, or a range that runs backwards */
	CAL_BAD_YEAR,     /* year outside 2000..2099 */
	CAL_UNDECLARED,   /* a day in a year without a "year" line before it */
	CAL_DUPLICATE,    /* the same day (or the same "year" line) given twice */
	CAL_TOO_MANY,     /* over CAL_MAX_YEARS or CAL_MAX_DAYS */
	CAL_WORK_WEEKDAY, /* "work" on a Monday–Friday (make-up days are weekends) */
	CAL_BAD_NOTE, /* a note over CAL_NOTE_MAX bytes, not UTF-8, or with control characters */
};

struct cal_day {
	int32_t day;
	bool work; /* true: make-up working day; false: day off */
	char note[CAL_NOTE_MAX + 1];
};

struct calendar {
	int nyears;
	int16_t years[CAL_MAX_YEARS]; /* sorted */
	int ndays;
	struct cal_day days[CAL_MAX_DAYS]; /* sorted by day */
};

void cal_init(struct calendar *c);
/*
 * Adds the statements of one file to c.  On error nothing is added, *line
 * is the 1-based line at fault, and c is unchanged.
 */
enum cal_err cal_parse(struct calendar *c, const char *text, size_t len, int *line);
const char *cal_err_zh(enum cal_err e);
const char *cal_err_en(enum cal_err e);

/* Does the data cover this year (a "year" line was given)? */
bool cal_covers(const struct calendar *c, int year);
/*
 * Working day? Uncovered years: Monday–Friday, and *fallback is set (may be
 * NULL).  Here and below *fallback is only ever set to true, never cleared:
 * start it at false, and one flag can gather several calls.
 */
bool cal_is_workday(const struct calendar *c, int32_t day, bool *fallback);
/* The exception for that day, or NULL. */
const struct cal_day *cal_exception(const struct calendar *c, int32_t day);
/*
 * The n-th working day after `day` (n ≥ 1; `day` itself does not count).
 * *fallback is set when any day looked at lay in an uncovered year.
 */
int32_t cal_add_workdays(const struct calendar *c, int32_t day, int n, bool *fallback);
/* 1 = Monday … 7 = Sunday. */
int cal_weekday(int32_t day);

#endif
