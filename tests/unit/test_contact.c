/*
 * The contact list's rules: which outside body a reporting duty's recipient
 * names (the statutory keys, the body named first in the text, an internal
 * group), whom to call among several contacts (trust, then the list's
 * order; the A role before the B role), who reads the list, and which
 * records of the register are penalties and who reads them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/contact.h"

static void test_kind_for_duty(void **state)
{
	(void)state;
	/* the statutory duties' keys */
	assert_int_equal(
	    contact_kind_for_duty("secrecy_admin", "同级保密行政管理部门和上级主管部门"),
	    CK_SECRECY_ADMIN);
	assert_int_equal(contact_kind_for_duty("cac", "属地网信部门"), CK_CAC);
	/* a plan's text: the body named first */
	assert_int_equal(contact_kind_for_duty("", "市有关领导和上级保密行政管理部门"),
	                 CK_SECRECY_ADMIN);
	assert_int_equal(contact_kind_for_duty("", "同级保密行政管理部门和机要部门"),
	                 CK_SECRECY_ADMIN);
	assert_int_equal(contact_kind_for_duty("", "机要部门和同级保密行政管理部门"), CK_JIYAO);
	assert_int_equal(contact_kind_for_duty("", "保护工作部门和属地网信部门"), CK_CAC);
	assert_int_equal(contact_kind_for_duty("信息安全专项应急委办公室（信息办）",
	                                       "信息安全专项应急委办公室（信息办）"),
	                 CK_INFO_OFFICE);
	assert_int_equal(contact_kind_for_duty("", "国家安全机关"), CK_STATE_SECURITY);
	assert_int_equal(contact_kind_for_duty("", "县公安局网安大队"), CK_POLICE);
	assert_int_equal(contact_kind_for_duty("", "县电信局"), CK_TELECOM);
	assert_int_equal(contact_kind_for_duty("", "供电公司调度"), CK_POWER);
	/* the recipient's text when `to` names nobody */
	assert_int_equal(contact_kind_for_duty("上级保密局", "上级"), CK_SECRECY_ADMIN);
	/* an internal group, nothing, and the keys that name no body */
	assert_int_equal(contact_kind_for_duty("本单位保密应急领导小组", "本单位保密应急领导小组"),
	                 -1);
	assert_int_equal(contact_kind_for_duty(NULL, NULL), -1);
	assert_int_equal(contact_kind_for_duty("internal", "指挥部"), -1);
	assert_int_equal(contact_kind_for_duty("other", ""), -1);
}

static void test_pick(void **state)
{
	const struct contact_cand c[] = {
	    {1, CK_SECRECY_ADMIN, CT_NORMAL, "", 0, 0},
	    {2, CK_SECRECY_ADMIN, CT_HIGH, "", 0, 5},
	    {3, CK_SECRECY_ADMIN, CT_HIGH, "", 0, 2},
	    {4, CK_INTERNAL, CT_HIGH, "保密应急领导小组", 'B', 1},
	    {5, CK_INTERNAL, CT_HIGH, "保密应急领导小组", 'A', 9},
	    {6, CK_INTERNAL, CT_HIGH, "保密专项应急指挥部", 'A', 0},
	    {7, CK_CAC, CT_LOW, "", 0, 0},
	};
	const size_t n = sizeof(c) / sizeof(c[0]);

	(void)state;
	/* the most trusted, then the list's order */
	assert_int_equal(contact_pick(c, n, "secrecy_admin", "同级保密行政管理部门"), 2);
	/* the group named, its A role before its B role, whatever the order */
	assert_int_equal(contact_pick(c, n, "本单位保密应急领导小组", "本单位保密应急领导小组"), 4);
	assert_int_equal(contact_pick(c, 4, "本单位保密应急领导小组", "本单位保密应急领导小组"), 3);
	/* a low trust is still whom to call when it is the only one */
	assert_int_equal(contact_pick(c, n, "cac", "属地网信部门"), 6);
	/* nobody of the kind, no group named */
	assert_int_equal(contact_pick(c, n, "", "县公安局"), -1);
	assert_int_equal(contact_pick(c, n, "", "市有关领导"), -1);
	assert_int_equal(contact_pick(c, 0, "secrecy_admin", ""), -1);
}

static void test_who_reads(void **state)
{
	(void)state;
	assert_true(contact_may_read(ADMIN_NONE, ROLE_COMMAND));
	assert_true(contact_may_read(ADMIN_NONE, ROLE_OFFICER));
	assert_true(contact_may_read(ADMIN_NONE, ROLE_LEADER));
	assert_true(contact_may_read(ADMIN_NONE, ROLE_DUTY));
	assert_false(contact_may_read(ADMIN_NONE, ROLE_STAFF | ROLE_DEPT_HEAD));
	assert_false(contact_may_read(ADMIN_NONE, 0));
	assert_false(contact_may_read(ADMIN_SEC, 0));
	assert_true(contact_may_write(ADMIN_NONE, ROLE_OFFICER));
	assert_false(contact_may_write(ADMIN_NONE, ROLE_DUTY | ROLE_LEADER));
}

static void test_rewards(void **state)
{
	enum reward_kind k;

	(void)state;
	assert_false(reward_is_penalty(RK_COMMEND));
	assert_false(reward_is_penalty(RK_PRAISE));
	assert_true(reward_is_penalty(RK_CRITICISE));
	assert_true(reward_is_penalty(RK_ADMONISH));
	assert_true(reward_is_penalty(RK_DISCIPLINE));
	assert_true(reward_may_read(ADMIN_NONE, ROLE_STAFF, RK_PRAISE));
	assert_false(
	    reward_may_read(ADMIN_NONE, ROLE_STAFF | ROLE_DEPT_HEAD | ROLE_COMMAND, RK_CRITICISE));
	assert_true(reward_may_read(ADMIN_NONE, ROLE_LEADER, RK_DISCIPLINE));
	assert_false(reward_may_read(ADMIN_AUDIT, 0, RK_COMMEND));
	assert_int_equal(reward_kind_parse("诫勉谈话", &k), 0);
	assert_int_equal(k, RK_ADMONISH);
	assert_int_equal(reward_kind_parse("praise", &k), 0);
	assert_int_equal(k, RK_PRAISE);
	assert_int_equal(reward_kind_parse("记大过", &k), -1);
	assert_string_equal(reward_kind_zh(RK_DISCIPLINE), "处分建议");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kind_for_duty),
	    cmocka_unit_test(test_pick),
	    cmocka_unit_test(test_who_reads),
	    cmocka_unit_test(test_rewards),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
