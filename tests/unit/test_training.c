/*
 * test_training — 保密教育培训 rules: hours in tenths, yearly targets, the
 * confirmation of a classified post, and the holiday ahead of 节前教育.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/training.h"
#include "../../src/util/bjtime.h"

static void test_hours(void **state)
{
	int t = -1;
	char b[24];

	(void)state;
	assert_int_equal(training_hours_from(1.5, &t), TRAINING_OK);
	assert_int_equal(t, 15);
	assert_int_equal(training_hours_from(24, &t), TRAINING_OK);
	assert_int_equal(t, 240);
	assert_int_equal(training_hours_from(0.1, &t), TRAINING_OK);
	assert_int_equal(t, 1);
	assert_int_equal(training_hours_from(0, &t), TRAINING_HOURS_RANGE);
	assert_int_equal(training_hours_from(-1, &t), TRAINING_HOURS_RANGE);
	assert_int_equal(training_hours_from(24.1, &t), TRAINING_HOURS_RANGE);
	assert_int_equal(training_hours_from(1.25, &t), TRAINING_HOURS_STEP);
	assert_int_equal(training_hours_from(0.0 / 0.0, &t), TRAINING_HOURS_RANGE);
	training_hours_text(15, b, sizeof(b));
	assert_string_equal(b, "1.5");
	training_hours_text(20, b, sizeof(b));
	assert_string_equal(b, "2");
	training_hours_text(5, b, sizeof(b));
	assert_string_equal(b, "0.5");
	training_hours_text(1755, b, sizeof(b));
	assert_string_equal(b, "175.5");
}

static void test_targets(void **state)
{
	struct training_targets t;
	int x = -1;

	(void)state;
	training_targets_default(&t);
	assert_int_equal(t.tenths[STAFF_CORE], 200);
	assert_int_equal(t.tenths[STAFF_NONE], 40);
	/* below is strictly less: 19.9 h of 20 is below, 20 h is not */
	assert_true(training_below_target(&t, STAFF_CORE, 199));
	assert_false(training_below_target(&t, STAFF_CORE, 200));
	assert_true(training_below_target(&t, STAFF_GENERAL, 0));
	assert_false(training_below_target(&t, STAFF_GENERAL, 121));
	t.tenths[STAFF_NONE] = 0;
	assert_false(training_below_target(&t, STAFF_NONE, 0));
	assert_int_equal(training_target_from(0, &x), TRAINING_OK);
	assert_int_equal(x, 0);
	assert_int_equal(training_target_from(12.5, &x), TRAINING_OK);
	assert_int_equal(x, 125);
	assert_int_equal(training_target_from(200, &x), TRAINING_OK);
	assert_int_equal(training_target_from(200.1, &x), TRAINING_TARGET_RANGE);
	assert_int_equal(training_target_from(-0.5, &x), TRAINING_TARGET_RANGE);
	assert_int_equal(training_target_from(1.05, &x), TRAINING_HOURS_STEP);
}

static void test_session_validate(void **state)
{
	struct training_session s;
	const char *field = NULL;

	(void)state;
	training_session_init(&s);
	assert_int_equal(training_validate(&s, &field), TRAINING_TITLE_EMPTY);
	assert_string_equal(field, "title");
	strcpy(s.title, "岗前保密培训");
	strcpy(s.trainer, "  ");
	assert_int_equal(training_validate(&s, &field), TRAINING_TRAINER_EMPTY);
	strcpy(s.trainer, "李秀英");
	assert_int_equal(training_validate(&s, &field), TRAINING_DATE_MISSING);
	assert_string_equal(field, "held_on");
	s.held_on = 20000;
	assert_int_equal(training_validate(&s, &field), TRAINING_HOURS_RANGE);
	assert_string_equal(field, "hours");
	s.hours = 15;
	assert_int_equal(training_validate(&s, &field), TRAINING_OK);
}

static void test_kinds(void **state)
{
	enum training_kind k;

	(void)state;
	assert_int_equal(training_kind_parse("holiday", &k), 0);
	assert_int_equal(k, TRAINING_HOLIDAY);
	assert_int_equal(training_kind_parse("岗前培训", &k), 0);
	assert_int_equal(k, TRAINING_PRE_POST);
	assert_int_equal(training_kind_parse("weekly", &k), -1);
	for (int i = 0; i < TRAINING_KIND_COUNT; i++) {
		assert_string_not_equal(training_kind_zh((enum training_kind)i), "");
		assert_string_not_equal(training_kind_en((enum training_kind)i), "");
	}
}

/*
 * A person is confirmed in a classified post only with 岗前 training and a
 * signed 保密承诺书; the error names what is missing.
 */
static void test_post_confirm(void **state)
{
	struct person old, p;

	(void)state;
	person_init(&old);
	strcpy(old.name, "钱新");
	p = old;
	p.staff_class = STAFF_GENERAL;
	assert_int_equal(training_post_confirm(&old, &p, false), TRAINING_POST_NO_BOTH);
	assert_int_equal(training_post_confirm(&old, &p, true), TRAINING_POST_NO_COMMITMENT);
	p.commitment_signed_on = 20000;
	assert_int_equal(training_post_confirm(&old, &p, false), TRAINING_POST_NO_PRE_POST);
	assert_int_equal(training_post_confirm(&old, &p, true), TRAINING_OK);
	/* back in post from the 脱密期 is a confirmation too */
	old = p;
	old.status = PERSON_LEAVING;
	assert_int_equal(training_post_confirm(&old, &p, false), TRAINING_POST_NO_PRE_POST);
	/* someone already in post is not judged again (a class raised, a phone changed) */
	old = p;
	old.commitment_signed_on = PERSON_NO_DATE;
	p.staff_class = STAFF_CORE;
	assert_int_equal(training_post_confirm(&old, &p, false), TRAINING_OK);
	/* leaving post, or staying 非涉密, is not a confirmation */
	old = p;
	p.status = PERSON_LEAVING;
	assert_int_equal(training_post_confirm(&old, &p, false), TRAINING_OK);
	person_init(&old);
	person_init(&p);
	assert_int_equal(training_post_confirm(&old, &p, false), TRAINING_OK);
	assert_true(strstr(training_err_zh(TRAINING_POST_NO_BOTH), "岗前") != NULL);
	assert_true(strstr(training_err_zh(TRAINING_POST_NO_BOTH), "保密承诺书") != NULL);
	assert_true(strstr(training_err_zh(TRAINING_POST_NO_PRE_POST), "岗前") != NULL);
	assert_true(strstr(training_err_zh(TRAINING_POST_NO_COMMITMENT), "保密承诺书") != NULL);
}

static int32_t day(int y, unsigned m, unsigned d)
{
	return bjtime_days_from_civil(y, m, d);
}

static void test_holiday_ahead(void **state)
{
	static const char text[] = "year 2026\n"
	                           "2026-09-20 work 国庆节调休上班\n"
	                           "2026-09-25..2026-09-27 off 中秋节\n"
	                           "2026-10-01..2026-10-07 off 国庆节\n";
	struct calendar *c = malloc(sizeof(*c));
	char name[CAL_NOTE_MAX + 1];
	int32_t start = 0;
	int line = 0;

	(void)state;
	assert_non_null(c);
	cal_init(c);
	assert_int_equal(cal_parse(c, text, strlen(text), &line), CAL_OK);
	/* 14 days before 中秋节 it is ahead; 15 days before it is not yet */
	assert_true(training_holiday_ahead(c, day(2026, 9, 11), &start, name, sizeof(name)));
	assert_int_equal(start, day(2026, 9, 25));
	assert_string_equal(name, "中秋节");
	assert_false(training_holiday_ahead(c, day(2026, 9, 10), &start, name, sizeof(name)));
	/* the make-up working day is no holiday */
	assert_true(training_holiday_ahead(c, day(2026, 9, 19), &start, name, sizeof(name)));
	assert_int_equal(start, day(2026, 9, 25));
	/* on its first day the holiday has begun: the next one is 国庆节, from its first day */
	assert_true(training_holiday_ahead(c, day(2026, 9, 25), &start, name, sizeof(name)));
	assert_int_equal(start, day(2026, 10, 1));
	assert_string_equal(name, "国庆节");
	/* inside 国庆节 its later days are not a new holiday */
	assert_false(training_holiday_ahead(c, day(2026, 10, 2), &start, name, sizeof(name)));
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hours),
	    cmocka_unit_test(test_targets),
	    cmocka_unit_test(test_session_validate),
	    cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_post_confirm),
	    cmocka_unit_test(test_holiday_ahead),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
