/*
 * Emergency drills: the six-month rule (month ends, leap years, year
 * turns), when a plan is overdue and when a planned drill is late, the
 * half of the year, every state transition and refusal, and the names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/drill.h"
#include "../../src/util/bjtime.h"

static int32_t D(int y, unsigned m, unsigned d)
{
	return bjtime_days_from_civil(y, m, d);
}

static void test_add_months(void **state)
{
	(void)state;
	assert_int_equal(drill_add_months(D(2026, 1, 15), 6), D(2026, 7, 15));
	assert_int_equal(drill_add_months(D(2026, 8, 31), 6), D(2027, 2, 28));
	assert_int_equal(drill_add_months(D(2027, 8, 31), 6), D(2028, 2, 29)); /* leap year */
	assert_int_equal(drill_add_months(D(2026, 12, 31), 6), D(2027, 6, 30));
	assert_int_equal(drill_add_months(D(2026, 7, 1), 6), D(2027, 1, 1));
	assert_int_equal(drill_add_months(D(2026, 3, 31), -1), D(2026, 2, 28));
	assert_int_equal(drill_add_months(D(2026, 1, 10), -1), D(2025, 12, 10));
	assert_int_equal(drill_add_months(D(2026, 1, 10), -13), D(2024, 12, 10));
}

static void test_six_month_rule(void **state)
{
	int32_t since = D(2026, 1, 10);

	(void)state;
	/* no drill yet: six months from coming into force */
	assert_int_equal(drill_due_day(0, since), D(2026, 7, 10));
	assert_false(drill_plan_overdue(0, since, D(2026, 7, 10)));
	assert_true(drill_plan_overdue(0, since, D(2026, 7, 11)));
	/* a drill held resets the clock */
	assert_int_equal(drill_due_day(D(2026, 5, 20), since), D(2026, 11, 20));
	assert_false(drill_plan_overdue(D(2026, 5, 20), since, D(2026, 11, 20)));
	assert_true(drill_plan_overdue(D(2026, 5, 20), since, D(2026, 11, 21)));
	/* a drill held before a revision came into force: the revision's day counts */
	assert_int_equal(drill_due_day(D(2025, 12, 1), since), D(2026, 7, 10));
	/* held on 31 August: due on the last day of February */
	assert_false(drill_plan_overdue(D(2026, 8, 31), since, D(2027, 2, 28)));
	assert_true(drill_plan_overdue(D(2026, 8, 31), since, D(2027, 3, 1)));
}

static void test_late(void **state)
{
	int32_t day = D(2026, 12, 6);

	(void)state;
	assert_false(drill_late(DS_PLANNED, day, day)); /* its day is not yet late */
	assert_true(drill_late(DS_PLANNED, day, day + 1));
	assert_false(drill_late(DS_RUNNING, day, day + 1));
	assert_false(drill_late(DS_CANCELLED, day, day + 30));
	assert_false(drill_late(DS_NOTIFIED, day, day + 30));
	assert_int_equal(drill_half(D(2026, 6, 30)), 0);
	assert_int_equal(drill_half(D(2026, 7, 1)), 1);
	assert_int_equal(drill_half(D(2026, 1, 1)), 0);
	assert_int_equal(drill_half(D(2026, 12, 31)), 1);
}

static void test_transitions(void **state)
{
	enum drill_state next = DS_PLANNED;

	(void)state;
	assert_int_equal(drill_check(DS_PLANNED, DA_START, false, &next), DRILL_OK);
	assert_int_equal(next, DS_RUNNING);
	assert_int_equal(drill_check(DS_RUNNING, DA_END, false, &next), DRILL_OK);
	assert_int_equal(next, DS_ENDED);
	assert_int_equal(drill_check(DS_ENDED, DA_SUMMARISE, false, &next), DRILL_MISSING_TEXT);
	assert_int_equal(drill_check(DS_ENDED, DA_SUMMARISE, true, &next), DRILL_OK);
	assert_int_equal(next, DS_SUMMARISED);
	assert_int_equal(drill_check(DS_SUMMARISED, DA_NOTIFY, false, &next), DRILL_MISSING_TEXT);
	assert_int_equal(drill_check(DS_SUMMARISED, DA_NOTIFY, true, &next), DRILL_OK);
	assert_int_equal(next, DS_NOTIFIED);
	assert_int_equal(drill_check(DS_PLANNED, DA_CANCEL, false, &next), DRILL_MISSING_TEXT);
	assert_int_equal(drill_check(DS_PLANNED, DA_CANCEL, true, &next), DRILL_OK);
	assert_int_equal(next, DS_CANCELLED);
	/* out of order */
	assert_int_equal(drill_check(DS_PLANNED, DA_END, false, &next), DRILL_BAD_STATE);
	assert_int_equal(drill_check(DS_RUNNING, DA_SUMMARISE, true, &next), DRILL_BAD_STATE);
	assert_int_equal(drill_check(DS_ENDED, DA_NOTIFY, true, &next), DRILL_BAD_STATE);
	assert_int_equal(drill_check(DS_RUNNING, DA_CANCEL, true, &next), DRILL_BAD_STATE);
	assert_int_equal(drill_check(DS_NOTIFIED, DA_START, false, &next), DRILL_BAD_STATE);
	assert_int_equal(drill_check(DS_CANCELLED, DA_START, false, &next), DRILL_BAD_STATE);
	assert_false(drill_takes_findings(DS_PLANNED));
	assert_true(drill_takes_findings(DS_RUNNING));
	assert_true(drill_takes_findings(DS_ENDED));
	assert_true(drill_takes_findings(DS_SUMMARISED));
	assert_false(drill_takes_findings(DS_NOTIFIED));
	assert_false(drill_takes_findings(DS_CANCELLED));
}

static void test_names(void **state)
{
	enum drill_kind k;
	enum drill_action a;

	(void)state;
	assert_int_equal(drill_kind_parse("tabletop", &k), 0);
	assert_int_equal(k, DK_TABLETOP);
	assert_int_equal(drill_kind_parse("实战演练", &k), 0);
	assert_int_equal(k, DK_LIVE);
	assert_int_equal(drill_kind_parse("parade", &k), -1);
	assert_string_equal(drill_kind_zh(DK_TABLETOP), "桌面推演");
	for (int s = 0; s < DRILL_STATE_COUNT; s++)
		assert_true(strlen(drill_state_zh((enum drill_state)s)) > 0);
	for (int i = 0; i < DRILL_ACTION_COUNT; i++) {
		assert_int_equal(drill_action_parse(drill_action_code((enum drill_action)i), &a),
		                 0);
		assert_int_equal(a, i);
		assert_string_not_equal(drill_event_zh(drill_action_code(a)), "其他");
	}
	assert_string_equal(drill_event_zh("finding"), "登记发现的问题");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_add_months), cmocka_unit_test(test_six_month_rule),
	    cmocka_unit_test(test_late),       cmocka_unit_test(test_transitions),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
