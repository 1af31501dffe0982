#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/person.h"

static void test_person_rules(void **state)
{
	struct person p;
	const char *field = NULL;
	enum person_status s;

	(void)state;
	person_init(&p);
	assert_int_equal(person_validate(&p, &field), PERSON_NAME_EMPTY);
	assert_string_equal(field, "name");
	strcpy(p.name, "李秀英");
	assert_int_equal(person_validate(&p, &field), PERSON_OK);
	p.staff_class = STAFF_CORE;
	assert_int_equal(person_validate(&p, &field), PERSON_COMMITMENT_MISSING);
	assert_string_equal(field, "commitment_signed_on");
	p.commitment_signed_on = 20000;
	assert_int_equal(person_validate(&p, &field), PERSON_OK);
	p.status = PERSON_LEAVING;
	assert_int_equal(person_validate(&p, &field), PERSON_DECLASSIFY_MISSING);
	assert_string_equal(field, "declassify_until");
	p.declassify_until = 20400;
	assert_int_equal(person_validate(&p, &field), PERSON_OK);
	p.status = PERSON_ACTIVE;
	assert_int_equal(person_validate(&p, &field), PERSON_DECLASSIFY_NOT_LEAVE);
	assert_int_equal(person_status_parse("脱密期", &s), 0);
	assert_int_equal(s, PERSON_LEAVING);
	assert_int_equal(person_status_parse("gone", &s), -1);
}

/* Nobody leaves post with a carrier in hand: 清退 first. */
static void test_status_change_holding(void **state)
{
	(void)state;
	assert_int_equal(person_status_change(PERSON_ACTIVE, PERSON_LEFT, 1),
	                 PERSON_HOLDS_CARRIERS);
	assert_int_equal(person_status_change(PERSON_ACTIVE, PERSON_LEAVING, 3),
	                 PERSON_HOLDS_CARRIERS);
	assert_int_equal(person_status_change(PERSON_LEAVING, PERSON_LEFT, 1),
	                 PERSON_HOLDS_CARRIERS);
	assert_int_equal(person_status_change(PERSON_ACTIVE, PERSON_LEFT, 0), PERSON_OK);
	assert_int_equal(person_status_change(PERSON_ACTIVE, PERSON_LEAVING, 0), PERSON_OK);
	/* staying in post, coming back, or an edit that keeps the status is not judged */
	assert_int_equal(person_status_change(PERSON_ACTIVE, PERSON_ACTIVE, 2), PERSON_OK);
	assert_int_equal(person_status_change(PERSON_LEAVING, PERSON_ACTIVE, 2), PERSON_OK);
	assert_int_equal(person_status_change(PERSON_LEFT, PERSON_LEFT, 2), PERSON_OK);
	assert_string_not_equal(person_err_zh(PERSON_HOLDS_CARRIERS), "");
	assert_string_not_equal(person_err_en(PERSON_HOLDS_CARRIERS), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_person_rules),
	    cmocka_unit_test(test_status_change_holding),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
