/*
 * test_stats.c — the rules of the year's statistics (src/core/stats.c):
 * Beijing year bounds, period kinds, reporting and rectification outcomes,
 * where a person stands in a year.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/person.h"
#include "../../src/core/stats.h"
#include "../../src/util/bjtime.h"

#define HOUR ((int64_t)3600 * 1000)
#define DAY (24 * HOUR)

/* ms of a Beijing wall-clock time */
static int64_t bj(int y, unsigned m, unsigned d, int hh, int mm, int ss)
{
	return ((int64_t)bjtime_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss -
	        BJTIME_OFFSET_S) *
	       1000;
}

static void test_year_bounds_are_beijing(void **state)
{
	struct stats_year y;

	(void)state;
	assert_int_equal(stats_year_bounds(2026, &y), 0);
	/* 2026-01-01 00:00 +08:00 is 2025-12-31 16:00 UTC */
	assert_int_equal(y.from_ms, (int64_t)1767196800 * 1000);
	assert_int_equal(y.to_ms, bj(2027, 1, 1, 0, 0, 0));
	assert_int_equal(y.from_day, bjtime_days_from_civil(2026, 1, 1));
	assert_int_equal(y.to_day - y.from_day, 365);
	assert_int_equal(stats_year_bounds(2024, &y), 0);
	assert_int_equal(y.to_day - y.from_day, 366);
	assert_int_equal(stats_year_bounds(1999, &y), -1);
	assert_int_equal(stats_year_bounds(2101, &y), -1);
	/* a second before Beijing's new year is the old year, in UTC already the new day's eve */
	assert_int_equal(stats_year_of_ms(bj(2026, 12, 31, 23, 59, 59)), 2026);
	assert_int_equal(stats_year_of_ms(bj(2027, 1, 1, 0, 0, 0)), 2027);
	/* 2026-12-31 16:30 UTC is 2027 in Beijing */
	assert_int_equal(stats_year_of_ms(((int64_t)1798734600) * 1000), 2027);
	assert_int_equal(stats_day_of_ms(bj(2026, 3, 1, 0, 0, 0)),
	                 bjtime_days_from_civil(2026, 3, 1));
	assert_int_equal(stats_day_of_ms(bj(2026, 3, 1, 0, 0, 0) - 1),
	                 bjtime_days_from_civil(2026, 2, 28));
}

static void test_period_kinds(void **state)
{
	(void)state;
	assert_int_equal(stats_period_kind(false, 10, 0, "", false), SP_NONE);
	assert_int_equal(stats_period_kind(true, 10, 0, "", true), SP_DEFAULT);
	assert_int_equal(stats_period_kind(true, 0, 0, NULL, false), SP_DEFAULT);
	assert_int_equal(stats_period_kind(true, 1, 0, "", false), SP_YEARS_10);
	assert_int_equal(stats_period_kind(true, 10, 0, "", false), SP_YEARS_10);
	assert_int_equal(stats_period_kind(true, 11, 0, "", false), SP_YEARS_20);
	assert_int_equal(stats_period_kind(true, 20, 0, "", false), SP_YEARS_20);
	assert_int_equal(stats_period_kind(true, 30, 0, "", false), SP_YEARS_30);
	assert_int_equal(stats_period_kind(true, 31, 0, "", false), SP_YEARS_MORE);
	assert_int_equal(stats_period_kind(true, 0, 21000, "", false), SP_DATE);
	assert_int_equal(stats_period_kind(true, 0, 0, "项目验收后", false), SP_CONDITION);
	assert_string_equal(stats_period_code(SP_YEARS_20), "years_20");
	assert_string_equal(stats_period_zh(SP_CONDITION), "解密条件");
}

static void test_duty_late_is_never_on_time(void **state)
{
	int64_t anchor = bj(2026, 5, 1, 9, 0, 0), due = anchor + 2 * HOUR;

	(void)state;
	assert_int_equal(stats_duty_outcome(anchor, due, due, due, due + DAY), SD_ON_TIME);
	assert_int_equal(stats_duty_outcome(anchor, due, due + 1, due + 1, due + DAY), SD_LATE);
	/* a met time entered later and claimed on time, but recorded long after: judged by the
	   recording, so late */
	assert_int_equal(stats_duty_outcome(anchor, due, due - HOUR, due + DAY, due + 2 * DAY),
	                 SD_LATE);
	assert_int_equal(stats_duty_outcome(anchor, due, 0, 0, due + 1), SD_OVERDUE);
	assert_int_equal(stats_duty_outcome(anchor, due, 0, 0, due), SD_OPEN);
	assert_int_equal(stats_duty_outcome(0, 0, 0, 0, due), SD_OPEN);
	/* on-time rate: open duties are not decided, late and overdue count against */
	assert_int_equal(stats_on_time_permille(2, 3, 0), 400);
	assert_int_equal(stats_on_time_permille(1, 1, 1), 333);
	assert_int_equal(stats_on_time_permille(0, 0, 0), -1);
	assert_int_equal(stats_on_time_permille(4, 0, 0), 1000);
}

static void test_rect_outcomes(void **state)
{
	int32_t deadline = bjtime_days_from_civil(2026, 6, 30);

	(void)state;
	assert_int_equal(stats_rect_outcome(false, 0, 0, 0, deadline), SR_NO_TASK);
	/* done on the deadline's last minute (Beijing) is in time; a minute later is late */
	assert_int_equal(
	    stats_rect_outcome(true, 2, deadline, bj(2026, 6, 30, 23, 59, 0), deadline + 5),
	    SR_DONE);
	assert_int_equal(
	    stats_rect_outcome(true, 3, deadline, bj(2026, 7, 1, 0, 1, 0), deadline + 5),
	    SR_DONE_LATE);
	assert_int_equal(stats_rect_outcome(true, 1, deadline, 0, deadline), SR_OPEN);
	assert_int_equal(stats_rect_outcome(true, 0, deadline, 0, deadline + 1), SR_OVERDUE);
}

static void test_person_in_year(void **state)
{
	struct stats_year y;
	int32_t today;
	int64_t before = bj(2025, 3, 1, 9, 0, 0), within = bj(2026, 3, 1, 9, 0, 0);

	(void)state;
	stats_year_bounds(2026, &y);
	today = bjtime_days_from_civil(2026, 12, 6);
	/* in post all year, entered before it */
	assert_int_equal(stats_person_flags(PERSON_ACTIVE, PERSON_NO_DATE, before, &y, today),
	                 STATS_P_ROLL);
	/* entered on 1 January 00:00 Beijing: new in the year */
	assert_int_equal(
	    stats_person_flags(PERSON_ACTIVE, PERSON_NO_DATE, bj(2026, 1, 1, 0, 0, 0), &y, today),
	    STATS_P_ROLL | STATS_P_NEW);
	/* a second earlier: the year before */
	assert_int_equal(stats_person_flags(PERSON_ACTIVE, PERSON_NO_DATE,
	                                    bj(2026, 1, 1, 0, 0, 0) - 1000, &y, today),
	                 STATS_P_ROLL);
	/* entered after the year: not counted */
	assert_int_equal(
	    stats_person_flags(PERSON_ACTIVE, PERSON_NO_DATE, bj(2027, 1, 1, 0, 0, 0), &y, today),
	    0);
	/* in 脱密期 until next year: on the roll, in 脱密期, not left yet */
	assert_int_equal(stats_person_flags(PERSON_LEAVING, bjtime_days_from_civil(2027, 3, 1),
	                                    within, &y, today),
	                 STATS_P_ROLL | STATS_P_NEW | STATS_P_DECLASS);
	/* 脱密期 ended in the year, by today: left */
	assert_int_equal(
	    stats_person_flags(PERSON_LEFT, bjtime_days_from_civil(2026, 9, 1), before, &y, today),
	    STATS_P_ROLL | STATS_P_DECLASS | STATS_P_LEFT);
	/* 脱密期 ends later this year, after today: not left yet */
	assert_int_equal(stats_person_flags(PERSON_LEAVING, bjtime_days_from_civil(2026, 12, 20),
	                                    before, &y, today),
	                 STATS_P_ROLL | STATS_P_DECLASS);
	/* gone before the year began: not in it at all */
	assert_int_equal(stats_person_flags(PERSON_LEFT, bjtime_days_from_civil(2025, 12, 31),
	                                    before, &y, today),
	                 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_year_bounds_are_beijing),
	    cmocka_unit_test(test_period_kinds),
	    cmocka_unit_test(test_duty_late_is_never_on_time),
	    cmocka_unit_test(test_rect_outcomes),
	    cmocka_unit_test(test_person_in_year),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
