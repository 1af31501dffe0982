/* Levels, clearances, the three administrators, roles and the password policy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/level.h"
#include "../../src/core/policy.h"
#include "../../src/core/role.h"

/* the GB/T 9704 mark at the top left of a document's first page */
static void test_level_mark(void **state)
{
	char m[LEVEL_MARK_LEN];
	char longp[80];

	(void)state;
	level_mark(LEVEL_SECRET, "10年", m);
	assert_string_equal(m, "机密★10年");
	level_mark(LEVEL_SECRET, " 10 ", m); /* a bare number is years */
	assert_string_equal(m, "机密★10年");
	level_mark(LEVEL_TOP_SECRET, "长期", m);
	assert_string_equal(m, "绝密★长期");
	level_mark(LEVEL_CONFIDENTIAL, "", m);
	assert_string_equal(m, "秘密");
	level_mark(LEVEL_CONFIDENTIAL, NULL, m);
	assert_string_equal(m, "秘密");
	memset(longp, 'x', sizeof(longp) - 1);
	longp[sizeof(longp) - 1] = '\0';
	level_mark(LEVEL_SECRET, longp, m); /* too long for a mark: the level alone */
	assert_string_equal(m, "机密");
	level_mark(LEVEL_INTERNAL, "10年", m); /* not a state secret: no mark */
	assert_string_equal(m, "");
	level_mark(LEVEL_NONE, "10年", m);
	assert_string_equal(m, "");
}

static void test_levels(void **state)
{
	enum level l;

	(void)state;
	assert_int_equal(level_max_years(LEVEL_TOP_SECRET), 30);
	assert_int_equal(level_max_years(LEVEL_SECRET), 20);
	assert_int_equal(level_max_years(LEVEL_CONFIDENTIAL), 10);
	assert_int_equal(level_max_years(LEVEL_INTERNAL), 0);
	assert_int_equal(level_parse("机密", &l), 0);
	assert_int_equal(l, LEVEL_SECRET);
	assert_int_equal(level_parse("top_secret", &l), 0);
	assert_int_equal(l, LEVEL_TOP_SECRET);
	assert_int_equal(level_parse("SECRET", &l), -1);
	assert_string_equal(level_zh(LEVEL_CONFIDENTIAL), "秘密");
	test_level_mark(state);
}

static void test_clearances(void **state)
{
	(void)state;
	assert_int_equal(staff_class_clearance(STAFF_CORE), LEVEL_TOP_SECRET);
	assert_int_equal(staff_class_clearance(STAFF_IMPORTANT), LEVEL_SECRET);
	assert_int_equal(staff_class_clearance(STAFF_GENERAL), LEVEL_CONFIDENTIAL);
	assert_int_equal(staff_class_clearance(STAFF_NONE), LEVEL_NONE);
	assert_true(level_cleared_for(LEVEL_SECRET, LEVEL_SECRET));
	assert_true(level_cleared_for(LEVEL_SECRET, LEVEL_CONFIDENTIAL));
	assert_false(level_cleared_for(LEVEL_SECRET, LEVEL_TOP_SECRET));
	assert_false(level_cleared_for(LEVEL_NONE, LEVEL_CONFIDENTIAL));
	assert_true(level_cleared_for(LEVEL_NONE, LEVEL_INTERNAL));
}

/* Each administrator is refused what belongs to the other two. */
static void test_three_admins_separated(void **state)
{
	const enum perm sys_only[] = {PERM_ORG_WRITE, PERM_ACCOUNT_WRITE, PERM_BACKUP};
	const enum perm sec_only[] = {PERM_ROLE_GRANT, PERM_PEOPLE_WRITE, PERM_POLICY_WRITE,
	                              PERM_PEOPLE_READ};
	const enum perm audit_only[] = {PERM_AUDIT_READ};

	(void)state;
	for (size_t i = 0; i < sizeof(sys_only) / sizeof(sys_only[0]); i++) {
		assert_true(role_may(ADMIN_SYS, 0, sys_only[i]));
		assert_false(role_may(ADMIN_SEC, 0, sys_only[i]));
		assert_false(role_may(ADMIN_AUDIT, 0, sys_only[i]));
	}
	for (size_t i = 0; i < sizeof(sec_only) / sizeof(sec_only[0]); i++) {
		assert_true(role_may(ADMIN_SEC, 0, sec_only[i]));
		assert_false(role_may(ADMIN_SYS, 0, sec_only[i]));
		assert_false(role_may(ADMIN_AUDIT, 0, sec_only[i]));
	}
	for (size_t i = 0; i < sizeof(audit_only) / sizeof(audit_only[0]); i++) {
		assert_true(role_may(ADMIN_AUDIT, 0, audit_only[i]));
		assert_false(role_may(ADMIN_SYS, 0, audit_only[i]));
		assert_false(role_may(ADMIN_SEC, 0, audit_only[i]));
	}
	/* none of the three reads business content; business roles do */
	for (int a = ADMIN_SYS; a <= ADMIN_AUDIT; a++)
		assert_false(role_may((enum admin_role)a, 0, PERM_BUSINESS));
	assert_true(role_may(ADMIN_NONE, ROLE_STAFF, PERM_BUSINESS));
	/* business roles reach no administration */
	assert_false(role_may(ADMIN_NONE, ROLE_ALL, PERM_AUDIT_READ));
	assert_false(role_may(ADMIN_NONE, ROLE_ALL, PERM_ACCOUNT_WRITE));
	assert_false(role_may(ADMIN_NONE, ROLE_ALL, PERM_ROLE_GRANT));
	/* an account without roles reaches nothing */
	assert_false(role_may(ADMIN_NONE, 0, PERM_ORG_READ));
}

/* The account directory: the roles that assign work, and inspectors while a campaign is open. */
static void test_directory(void **state)
{
	(void)state;
	assert_true(role_may(ADMIN_NONE, ROLE_OFFICER, PERM_DIRECTORY));
	assert_true(role_may(ADMIN_NONE, ROLE_COMMAND, PERM_DIRECTORY));
	assert_true(role_may(ADMIN_NONE, ROLE_LEADER | ROLE_STAFF, PERM_DIRECTORY));
	assert_false(role_may(ADMIN_NONE, ROLE_DEPT_HEAD | ROLE_STAFF | ROLE_DUTY, PERM_DIRECTORY));
	assert_false(role_may(ADMIN_NONE, 0, PERM_DIRECTORY));
	for (int a = ADMIN_SYS; a <= ADMIN_AUDIT; a++) {
		assert_false(role_may((enum admin_role)a, 0, PERM_DIRECTORY));
		assert_false(role_may_directory((enum admin_role)a, 0, true));
	}
	assert_true(role_may_directory(ADMIN_NONE, ROLE_OFFICER, false));
	assert_false(role_may_directory(ADMIN_NONE, ROLE_STAFF, false));
	/* a staff member named inspector of an open campaign assigns rectification */
	assert_true(role_may_directory(ADMIN_NONE, ROLE_STAFF, true));
	assert_true(role_may_directory(ADMIN_NONE, ROLE_DUTY, true));
	/* an account without a business role reaches nothing */
	assert_false(role_may_directory(ADMIN_NONE, 0, true));
}

static void test_role_combinations(void **state)
{
	(void)state;
	assert_int_equal(role_check_combination(ADMIN_NONE, ROLE_OFFICER | ROLE_STAFF), ROLE_OK);
	assert_int_equal(role_check_combination(ADMIN_SEC, ROLE_OFFICER), ROLE_ADMIN_WITH_BUSINESS);
	assert_int_equal(role_check_combination(ADMIN_NONE, 1u << 20), ROLE_UNKNOWN);
	assert_int_equal(role_parse("保密员"), ROLE_OFFICER);
	assert_int_equal(role_parse("duty"), ROLE_DUTY);
	assert_int_equal(role_parse("sysadmin"), 0); /* administrator roles are not grantable */
}

static void test_password_policy(void **state)
{
	struct policy p;
	const char *field = NULL;

	(void)state;
	policy_defaults(&p);
	assert_int_equal(policy_check_password(&p, "lixy", NULL, "Abc-12345"), POLICY_TOO_SHORT);
	assert_int_equal(policy_check_password(&p, "lixy", NULL, "abcdefghijk"),
	                 POLICY_FEW_CLASSES);
	assert_int_equal(policy_check_password(&p, "lixy", NULL, "Lixy-2026-abc"),
	                 POLICY_CONTAINS_USERNAME);
	assert_int_equal(policy_check_password(&p, "lixy", "Good-Pass-2026", "Good-Pass-2026"),
	                 POLICY_SAME_AS_OLD);
	assert_int_equal(policy_check_password(&p, "lixy", NULL, "Good-Pass-2026"), POLICY_OK);
	/* Chinese characters count as characters, not bytes */
	assert_int_equal(policy_check_password(&p, "lixy", NULL, "保密保密保密Ab1!"), POLICY_OK);
	assert_int_equal(policy_check_password(&p, "lixy", NULL, "保密Ab1!"), POLICY_TOO_SHORT);
	assert_int_equal(policy_check_password(&p, "lixy", NULL, "\xff\xfe-Abcdefgh1"),
	                 POLICY_BAD_UTF8);
	assert_int_equal(policy_validate(&p, &field), POLICY_OK);
	p.lockout_threshold = 0;
	assert_int_equal(policy_validate(&p, &field), POLICY_OUT_OF_RANGE);
	assert_string_equal(field, "lockout_threshold");
}

static void test_lockout_and_idle(void **state)
{
	struct policy p;

	(void)state;
	policy_defaults(&p);
	assert_false(policy_should_lock(&p, 4));
	assert_true(policy_should_lock(&p, 5));
	assert_int_equal(policy_lock_until(&p, 1000), 1000 + 15 * 60 * 1000);
	assert_false(policy_session_idle(&p, 0, 30 * 60 * 1000));
	assert_true(policy_session_idle(&p, 0, 30 * 60 * 1000 + 1));
	assert_false(policy_password_expired(&p, 0, INT64_C(90) * 86400 * 1000));
	assert_true(policy_password_expired(&p, 0, INT64_C(91) * 86400 * 1000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_levels),
	    cmocka_unit_test(test_clearances),
	    cmocka_unit_test(test_three_admins_separated),
	    cmocka_unit_test(test_directory),
	    cmocka_unit_test(test_role_combinations),
	    cmocka_unit_test(test_password_policy),
	    cmocka_unit_test(test_lockout_and_idle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
