/*
 * Duty roster: generation from a rotation over working days, weekends and
 * public holidays; who is on duty at the edges of shifts (the night shift
 * over midnight, 24 h shifts, holiday edges, gaps, an edited shift laid
 * over a generated one); the A/B fallback when the one on duty is absent
 * or disabled.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/duty.h"
#include "../../src/core/role.h"
#include "../../src/util/bjtime.h"

static struct calendar cal;
static struct duty_shift shifts[DUTY_MAX_SHIFTS];

static int32_t day_of(const char *s)
{
	int32_t d = 0;

	assert_int_equal(bjtime_parse_date(s, &d), 0);
	return d;
}

static int64_t ms_of(const char *iso)
{
	int64_t ms = 0;

	assert_int_equal(bjtime_parse_iso(iso, &ms), 0);
	return ms;
}

static void load_cal(void)
{
	static const char text[] = "year 2026\n"
	                           "2026-10-01..2026-10-07 off 国庆节\n"
	                           "2026-10-10 work 国庆节调休上班\n";
	int line = 0;

	cal_init(&cal);
	assert_int_equal(cal_parse(&cal, text, strlen(text), &line), CAL_OK);
}

static void rotation(struct duty_rotation *r, enum duty_pattern p)
{
	memset(r, 0, sizeof(*r));
	r->pattern = p;
	r->n[DS_OFFICER] = 3;
	r->who[DS_OFFICER][0] = 11;
	r->who[DS_OFFICER][1] = 12;
	r->who[DS_OFFICER][2] = 13;
	r->n[DS_LEADER] = 2;
	r->who[DS_LEADER][0] = 21;
	r->who[DS_LEADER][1] = 22;
	r->n[DS_A] = 2;
	r->who[DS_A][0] = 11;
	r->who[DS_A][1] = 31;
	r->n[DS_B] = 1;
	r->who[DS_B][0] = 41;
	strcpy(r->phone, "010-12345678");
}

static void test_generate_standard(void **state)
{
	struct duty_rotation r;
	int n = 0;

	(void)state;
	load_cal();
	rotation(&r, DP_STANDARD);
	/* Wed 2026-09-30 (working), 10-01..10-07 holiday, Thu 10-08, Fri 10-09, Sat 10-10 make-up
	   working day, Sun 10-11 weekend */
	assert_int_equal(
	    duty_generate(&r, &cal, day_of("2026-09-30"), day_of("2026-10-11"), shifts, &n),
	    DUTY_OK);
	/* 4 working days × 2 + 7 holiday days + 1 weekend day */
	assert_int_equal(n, 16);
	assert_int_equal(shifts[0].kind, DK_DAY);
	assert_int_equal(shifts[0].starts_at, ms_of("2026-09-30T08:00:00+08:00"));
	assert_int_equal(shifts[0].ends_at, ms_of("2026-09-30T20:00:00+08:00"));
	assert_int_equal(shifts[1].kind, DK_NIGHT);
	assert_int_equal(shifts[1].starts_at, ms_of("2026-09-30T20:00:00+08:00"));
	assert_int_equal(shifts[1].ends_at, ms_of("2026-10-01T08:00:00+08:00"));
	assert_int_equal(shifts[2].kind, DK_HOLIDAY);
	assert_int_equal(shifts[2].starts_at, ms_of("2026-10-01T08:00:00+08:00"));
	assert_int_equal(shifts[2].ends_at, ms_of("2026-10-02T08:00:00+08:00"));
	assert_int_equal(shifts[8].kind, DK_HOLIDAY); /* 10-07 */
	assert_int_equal(shifts[9].kind, DK_DAY);     /* 10-08 */
	assert_int_equal(shifts[13].kind, DK_DAY);    /* 10-10: a make-up working day */
	assert_int_equal(shifts[14].kind, DK_NIGHT);
	assert_int_equal(shifts[15].kind, DK_FULL); /* Sunday 10-11 */
	/* officers turn per shift, leaders per day */
	assert_int_equal(shifts[0].who[DS_OFFICER], 11);
	assert_int_equal(shifts[1].who[DS_OFFICER], 12);
	assert_int_equal(shifts[2].who[DS_OFFICER], 13);
	assert_int_equal(shifts[3].who[DS_OFFICER], 11);
	assert_int_equal(shifts[0].who[DS_LEADER], 21);
	assert_int_equal(shifts[1].who[DS_LEADER], 21);
	assert_int_equal(shifts[2].who[DS_LEADER], 22);
	assert_int_equal(shifts[3].who[DS_LEADER], 21);
	/* day 0: A would be 11, the officer himself: the next in the A list stands in */
	assert_int_equal(shifts[0].who[DS_A], 31);
	assert_int_equal(shifts[1].who[DS_A], 11);
	assert_int_equal(shifts[0].who[DS_B], 41);
	assert_string_equal(shifts[5].phone, "010-12345678");
	for (int i = 0; i + 1 < n; i++)
		assert_int_equal(shifts[i].ends_at,
		                 shifts[i + 1].starts_at); /* no gap, no overlap */
	for (int i = 0; i < n; i++)
		assert_int_equal(duty_check_shift(&shifts[i]), DUTY_OK);
}

static void test_generate_full_and_errors(void **state)
{
	struct duty_rotation r;
	int n = 0;

	(void)state;
	load_cal();
	rotation(&r, DP_FULL);
	assert_int_equal(
	    duty_generate(&r, &cal, day_of("2026-11-01"), day_of("2026-11-30"), shifts, &n),
	    DUTY_OK);
	assert_int_equal(n, 30);
	for (int i = 0; i < n; i++)
		assert_int_equal(shifts[i].kind, DK_FULL);
	assert_int_equal(
	    duty_generate(&r, &cal, day_of("2026-11-02"), day_of("2026-11-01"), shifts, &n),
	    DUTY_BAD_RANGE);
	assert_int_equal(
	    duty_generate(&r, &cal, day_of("2026-01-01"), day_of("2026-12-31"), shifts, &n),
	    DUTY_BAD_RANGE);
	r.n[DS_OFFICER] = 0;
	assert_int_equal(
	    duty_generate(&r, &cal, day_of("2026-11-01"), day_of("2026-11-02"), shifts, &n),
	    DUTY_NO_OFFICERS);
	rotation(&r, DP_FULL);
	r.n[DS_B] = DUTY_MAX_ROTATION + 1;
	assert_int_equal(
	    duty_generate(&r, &cal, day_of("2026-11-01"), day_of("2026-11-02"), shifts, &n),
	    DUTY_TOO_MANY);
	rotation(&r, DP_FULL);
	r.pattern = (enum duty_pattern)7;
	assert_int_equal(
	    duty_generate(&r, &cal, day_of("2026-11-01"), day_of("2026-11-02"), shifts, &n),
	    DUTY_BAD_PATTERN);
}

static void test_on_duty_edges(void **state)
{
	struct duty_rotation r;
	int n = 0;

	(void)state;
	load_cal();
	rotation(&r, DP_STANDARD);
	assert_int_equal(
	    duty_generate(&r, &cal, day_of("2026-09-30"), day_of("2026-10-01"), shifts, &n),
	    DUTY_OK);
	assert_int_equal(n, 3);
	for (int i = 0; i < n; i++)
		shifts[i].id = i + 1;
	/* the night shift crosses midnight */
	assert_int_equal(duty_on_at(shifts, n, ms_of("2026-09-30T19:59:59+08:00")), 0);
	assert_int_equal(duty_on_at(shifts, n, ms_of("2026-09-30T20:00:00+08:00")), 1);
	assert_int_equal(duty_on_at(shifts, n, ms_of("2026-09-30T23:59:59+08:00")), 1);
	assert_int_equal(duty_on_at(shifts, n, ms_of("2026-10-01T00:00:00+08:00")), 1);
	assert_int_equal(duty_on_at(shifts, n, ms_of("2026-10-01T07:59:59+08:00")), 1);
	/* the holiday's 24 h shift starts at 08:00 and ends the next morning */
	assert_int_equal(duty_on_at(shifts, n, ms_of("2026-10-01T08:00:00+08:00")), 2);
	assert_int_equal(duty_on_at(shifts, n, ms_of("2026-10-02T02:00:00+08:00")), 2);
	assert_int_equal(duty_on_at(shifts, n, ms_of("2026-10-02T07:59:59+08:00")), 2);
	/* gaps: before the first and after the last shift */
	assert_int_equal(duty_on_at(shifts, n, ms_of("2026-10-02T08:00:00+08:00")), -1);
	assert_int_equal(duty_on_at(shifts, n, ms_of("2026-09-30T07:59:59+08:00")), -1);
	assert_int_equal(duty_on_at(shifts, 0, ms_of("2026-09-30T12:00:00+08:00")), -1);
	/* a shift laid over part of another (edited by hand) wins while it runs */
	shifts[3] = shifts[2];
	shifts[3].id = 9;
	shifts[3].starts_at = ms_of("2026-10-01T12:00:00+08:00");
	shifts[3].ends_at = ms_of("2026-10-01T18:00:00+08:00");
	shifts[3].who[DS_OFFICER] = 99;
	assert_int_equal(duty_on_at(shifts, 4, ms_of("2026-10-01T11:59:59+08:00")), 2);
	assert_int_equal(duty_on_at(shifts, 4, ms_of("2026-10-01T12:00:00+08:00")), 3);
	assert_int_equal(duty_on_at(shifts, 4, ms_of("2026-10-01T18:00:00+08:00")), 2);
	/* the same start: the higher id (the later edit) */
	shifts[3].starts_at = shifts[2].starts_at;
	assert_int_equal(duty_on_at(shifts, 4, ms_of("2026-10-01T09:00:00+08:00")), 3);
	/* Beijing days of instants around midnight UTC+8 */
	assert_int_equal(duty_day_of(ms_of("2026-10-01T23:59:59+08:00")), day_of("2026-10-01"));
	assert_int_equal(duty_day_of(ms_of("2026-10-02T00:00:00+08:00")), day_of("2026-10-02"));
	assert_true(duty_is_holiday(&cal, day_of("2026-10-03")));  /* a Saturday in the holiday */
	assert_false(duty_is_holiday(&cal, day_of("2026-10-10"))); /* make-up working day */
	assert_false(duty_is_holiday(&cal, day_of("2026-10-11"))); /* a plain Sunday */
}

static void test_pick_fallback(void **state)
{
	struct duty_shift s;
	bool able[DUTY_SLOT_COUNT] = {true, true, true, true};
	enum duty_how how;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.who[DS_OFFICER] = 11;
	s.who[DS_LEADER] = 21;
	s.who[DS_A] = 31;
	s.who[DS_B] = 41;
	assert_int_equal(duty_slot_for_role(ROLE_DUTY), DS_OFFICER);
	assert_int_equal(duty_slot_for_role(ROLE_LEADER), DS_LEADER);
	assert_int_equal(duty_slot_for_role(ROLE_COMMAND), DS_LEADER);
	assert_int_equal(duty_slot_for_role(ROLE_OFFICER), -1);
	assert_int_equal(duty_slot_for_role(ROLE_STAFF), -1);

	assert_int_equal(duty_pick(&s, DS_OFFICER, able, &how), DS_OFFICER);
	assert_int_equal(how, DH_ON_DUTY);
	assert_int_equal(duty_pick(&s, DS_LEADER, able, &how), DS_LEADER);
	/* the officer absent: the A role */
	s.absent = 1u << DS_OFFICER;
	assert_true(duty_is_absent(&s, 11));
	assert_false(duty_is_absent(&s, 21));
	assert_int_equal(duty_pick(&s, DS_OFFICER, able, &how), DS_A);
	assert_int_equal(how, DH_A);
	/* the leader is still there */
	assert_int_equal(duty_pick(&s, DS_LEADER, able, &how), DS_LEADER);
	/* the A role disabled too: the B role */
	able[DS_A] = false;
	assert_int_equal(duty_pick(&s, DS_OFFICER, able, &how), DS_B);
	assert_int_equal(how, DH_B);
	/* nobody */
	s.absent |= 1u << DS_B;
	assert_int_equal(duty_pick(&s, DS_OFFICER, able, &how), -1);
	assert_int_equal(how, DH_NONE);
	/* absent in one slot is absent in every slot the person holds */
	able[DS_A] = true;
	s.absent = 1u << DS_LEADER;
	s.who[DS_A] = 21;
	assert_int_equal(duty_pick(&s, DS_LEADER, able, &how), DS_B);
	/* an empty slot is passed over */
	s.absent = 0;
	s.who[DS_LEADER] = 0;
	s.who[DS_A] = 0;
	assert_int_equal(duty_pick(&s, DS_LEADER, able, &how), DS_B);
	/* the officer cannot be their own A or B role */
	s.who[DS_A] = 11;
	assert_int_equal(duty_check_shift(&(struct duty_shift){
	                     .starts_at = 1, .ends_at = 2, .who = {11, 0, 11, 0}}),
	                 DUTY_SAME_PERSON);
	assert_int_equal(duty_check_shift(&(struct duty_shift){.starts_at = 2, .ends_at = 2}),
	                 DUTY_BAD_TIMES);
	assert_int_equal(
	    duty_check_shift(&(struct duty_shift){.starts_at = 0, .ends_at = 49 * 3600 * 1000LL}),
	    DUTY_BAD_TIMES);
}

static void test_codes(void **state)
{
	enum duty_kind k;
	enum duty_slot sl;
	enum duty_pattern p;

	(void)state;
	for (int i = 0; i < DUTY_KIND_COUNT; i++) {
		assert_int_equal(duty_kind_parse(duty_kind_code((enum duty_kind)i), &k), 0);
		assert_int_equal(k, i);
		assert_true(duty_kind_zh((enum duty_kind)i)[0] != '\0');
	}
	for (int i = 0; i < DUTY_SLOT_COUNT; i++) {
		assert_int_equal(duty_slot_parse(duty_slot_code((enum duty_slot)i), &sl), 0);
		assert_int_equal(sl, i);
	}
	assert_int_equal(duty_kind_parse("evening", &k), -1);
	assert_int_equal(duty_pattern_parse("standard", &p), 0);
	assert_int_equal(duty_pattern_parse("weekly", &p), -1);
	assert_string_equal(duty_how_code(DH_A), "a_role");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_generate_standard),
	    cmocka_unit_test(test_generate_full_and_errors),
	    cmocka_unit_test(test_on_duty_edges),
	    cmocka_unit_test(test_pick_fallback),
	    cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
