/*
 * Incidents: names, categories and subcategories, grading from the four
 * factors, every workflow transition and refusal, filing numbers, plan
 * status and warnings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/incident.h"
#include "../../src/core/role.h"
#include "../../src/util/bjtime.h"

static void test_names(void **state)
{
	enum inc_kind k;
	enum inc_category c;
	enum inc_state s;
	enum inc_action a;
	enum inc_impact im;
	enum plan_kind pk;
	enum plan_status ps;
	enum warn_state ws;

	(void)state;
	for (int i = 0; i < INC_KIND_COUNT; i++) {
		assert_int_equal(inc_kind_parse(inc_kind_code((enum inc_kind)i), &k), 0);
		assert_int_equal(k, i);
		assert_int_equal(inc_kind_parse(inc_kind_zh((enum inc_kind)i), &k), 0);
		assert_int_equal(k, i);
	}
	assert_string_equal(inc_kind_code(IK_LEAK), "leak");
	assert_string_equal(inc_kind_zh(IK_CYBER), "网络与信息安全事件");
	assert_int_equal(inc_kind_parse("fire", &k), -1);
	assert_int_equal(inc_kind_parse(NULL, &k), -1);

	for (int i = 0; i < INC_CATEGORY_COUNT; i++) {
		enum inc_category e = (enum inc_category)i;

		assert_int_equal(inc_category_parse(inc_category_code(e), &c), 0);
		assert_int_equal(c, i);
		assert_int_equal(inc_category_parse(inc_category_zh(e), &c), 0);
		assert_int_equal(c, i);
		assert_int_equal(inc_category_parse(inc_category_en(e), &c), 0);
		assert_int_equal(c, i);
		assert_int_equal(inc_category_kind(e), i == IC_LEAK ? IK_LEAK : IK_CYBER);
	}
	assert_string_equal(inc_category_code(IC_MALWARE), "malware");
	assert_string_equal(inc_category_zh(IC_MALWARE), "恶意程序事件");
	assert_string_equal(inc_category_zh(IC_FORCE_MAJEURE), "不可抗力事件");
	assert_string_equal(inc_category_en(IC_ATTACK), "Network attack");
	/* the Chinese name without its 事件, as the issue and the forms write it */
	assert_int_equal(inc_category_parse("恶意程序", &c), 0);
	assert_int_equal(c, IC_MALWARE);
	assert_int_equal(inc_category_parse("设备设施故障", &c), 0);
	assert_int_equal(c, IC_FACILITY);
	assert_int_equal(inc_category_parse("失泄密", &c), 0);
	assert_int_equal(c, IC_LEAK);
	assert_int_equal(inc_category_parse("事件", &c), -1);
	assert_int_equal(inc_category_parse("", &c), -1);
	assert_int_equal(inc_category_parse("恶意", &c), -1);
	assert_string_equal(inc_category_code((enum inc_category)INC_CATEGORY_COUNT), "");

	for (int i = 0; i < INC_STATE_COUNT; i++) {
		enum inc_state e = (enum inc_state)i;

		assert_int_equal(inc_state_parse(inc_state_code(e), &s), 0);
		assert_int_equal(s, i);
		assert_int_equal(inc_state_parse(inc_state_zh(e), &s), 0);
		assert_int_equal(s, i);
		assert_int_equal(inc_state_parse(inc_state_en(e), &s), 0);
		assert_int_equal(s, i);
		assert_int_equal(inc_state_final(e),
		                 e == IS_CLOSED || e == IS_EVALUATED || e == IS_DISMISSED);
	}
	assert_string_equal(inc_state_zh(IS_HANDLING), "处置中");
	assert_string_equal(inc_state_code(IS_SUMMARISED), "summarised");
	for (int i = 0; i < INC_ACTION_COUNT; i++) {
		assert_int_equal(inc_action_parse(inc_action_code((enum inc_action)i), &a), 0);
		assert_int_equal(a, i);
		assert_int_equal(inc_action_parse(inc_action_zh((enum inc_action)i), &a), 0);
		assert_int_equal(a, i);
	}
	assert_string_equal(inc_action_code(IA_END_HANDLING), "end_handling");
	assert_string_equal(inc_action_zh(IA_SUPPLEMENT), "续报");
	for (int i = 0; i < INC_IMPACT_COUNT; i++) {
		assert_int_equal(inc_impact_parse(inc_impact_code((enum inc_impact)i), &im), 0);
		assert_int_equal(im, i);
		assert_int_equal(inc_impact_parse(inc_impact_zh((enum inc_impact)i), &im), 0);
		assert_int_equal(im, i);
	}
	assert_string_equal(inc_impact_zh(IMPACT_EXTREME), "特别严重");
	for (int e = INC_OK; e <= INC_MISSING_FIELD; e++) {
		assert_true(strlen(inc_err_zh((enum inc_err)e)) > 0);
		assert_true(strlen(inc_err_en((enum inc_err)e)) > 0);
	}
	for (int i = 0; i < PLAN_KIND_COUNT; i++) {
		assert_int_equal(plan_kind_parse(plan_kind_code((enum plan_kind)i), &pk), 0);
		assert_int_equal(pk, i);
		assert_int_equal(plan_kind_parse(plan_kind_zh((enum plan_kind)i), &pk), 0);
		assert_int_equal(pk, i);
	}
	assert_string_equal(plan_kind_zh(PK_LEAK), "保密专项");
	for (int i = 0; i < PLAN_STATUS_COUNT; i++) {
		assert_int_equal(plan_status_parse(plan_status_code((enum plan_status)i), &ps), 0);
		assert_int_equal(ps, i);
		assert_int_equal(plan_status_parse(plan_status_zh((enum plan_status)i), &ps), 0);
		assert_int_equal(ps, i);
	}
	assert_string_equal(plan_status_zh(PST_FILED), "已备案");
	for (int e = PLAN_OK; e <= PLAN_BAD_FIELD; e++) {
		assert_true(strlen(plan_err_zh((enum plan_err)e)) > 0);
		assert_true(strlen(plan_err_en((enum plan_err)e)) > 0);
	}
	for (int i = 0; i < WARN_STATE_COUNT; i++) {
		assert_int_equal(warn_state_parse(warn_state_code((enum warn_state)i), &ws), 0);
		assert_int_equal(ws, i);
		assert_int_equal(warn_state_parse(warn_state_zh((enum warn_state)i), &ws), 0);
		assert_int_equal(ws, i);
	}
	assert_string_equal(warn_state_zh(WS_LIFTED), "已解除");
	assert_int_equal(warn_state_parse("cancelled", &ws), -1);
}

static void test_levels(void **state)
{
	static const struct {
		const char *s;
		enum inc_level l;
	} ok[] = {
	    {"I", IL_I},        {"II", IL_II},   {"III", IL_III},    {"IV", IL_IV},
	    {"1", IL_I},        {"2", IL_II},    {"3", IL_III},      {"4", IL_IV},
	    {"特别重大", IL_I}, {"重大", IL_II}, {"较大", IL_III},   {"一般", IL_IV},
	    {"Ⅲ", IL_III},      {"Ⅳ级", IL_IV},  {"III级", IL_III},  {"一级", IL_I},
	    {"red", IL_I},      {"橙色", IL_II}, {"yellow", IL_III}, {"蓝色", IL_IV},
	};
	static const char *const bad[] = {"", "0", "5", "V", "i", "none", "未定级", "特别", " I"};
	enum inc_level l;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		l = IL_NONE;
		assert_int_equal(inc_level_parse(ok[i].s, &l), 0);
		assert_int_equal(l, ok[i].l);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(inc_level_parse(bad[i], &l), -1);
	assert_int_equal(inc_level_parse(NULL, &l), -1);
	assert_string_equal(inc_level_code(IL_III), "III");
	assert_string_equal(inc_level_zh(IL_I), "特别重大");
	assert_string_equal(inc_level_zh(IL_IV), "一般");
	assert_string_equal(inc_level_color(IL_II), "orange");
	assert_string_equal(inc_level_color_zh(IL_IV), "蓝色");
	assert_string_equal(inc_level_color_zh(IL_I), "红色");
	assert_string_equal(inc_level_zh(IL_NONE), "未定级");
	assert_string_equal(inc_level_color(IL_NONE), "");
	assert_string_equal(inc_level_code((enum inc_level)9), "");
}

static void test_subcategories(void **state)
{
	static const int counts[INC_CATEGORY_COUNT] = {
	    [IC_MALWARE] = 10,      [IC_ATTACK] = 17,   [IC_DATA] = 12,         [IC_CONTENT] = 4,
	    [IC_FACILITY] = 5,      [IC_VIOLATION] = 6, [IC_VULNERABILITY] = 5, [IC_ANOMALY] = 5,
	    [IC_FORCE_MAJEURE] = 5, [IC_OTHER] = 1,     [IC_LEAK] = 6,
	};
	const char *field = "x";

	(void)state;
	for (int ci = 0; ci < INC_CATEGORY_COUNT; ci++) {
		enum inc_category c = (enum inc_category)ci;
		int n = inc_subcategory_count(c);

		assert_int_equal(n, counts[ci]);
		/* each ends with "other" */
		assert_string_equal(inc_subcategory_code(c, n - 1), "other");
		assert_string_equal(inc_subcategory_zh(c, n - 1), "其他");
		for (int i = 0; i < n; i++) {
			const char *code = inc_subcategory_code(c, i);

			/* short ASCII codes, unique in the category, found by code and name */
			assert_true(strlen(code) > 0 && strlen(code) <= 24);
			for (const char *p = code; *p; p++)
				assert_true((*p >= 'a' && *p <= 'z') || *p == '_');
			assert_true(strlen(inc_subcategory_zh(c, i)) > 0);
			assert_int_equal(inc_subcategory_parse(c, code), i);
			assert_int_equal(inc_subcategory_parse(c, inc_subcategory_zh(c, i)), i);
			for (int j = 0; j < i; j++)
				assert_string_not_equal(code, inc_subcategory_code(c, j));
		}
		assert_string_equal(inc_subcategory_code(c, n), "");
		assert_string_equal(inc_subcategory_code(c, -1), "");
	}
	assert_int_equal(inc_subcategory_parse(IC_MALWARE, "virus"), 0);
	assert_int_equal(inc_subcategory_parse(IC_MALWARE, "勒索软件"), 4);
	assert_string_equal(inc_subcategory_zh(IC_MALWARE, 5), "挖矿程序");
	assert_string_equal(inc_subcategory_code(IC_ATTACK, 1), "phishing");
	assert_true(inc_subcategory_parse(IC_ATTACK, "拒绝服务") >= 0);
	assert_true(inc_subcategory_parse(IC_DATA, "数据泄露") >= 0);
	assert_string_equal(inc_subcategory_zh(IC_LEAK, 0), "涉密载体丢失");
	assert_int_equal(inc_subcategory_parse(IC_LEAK, "carrier_stolen"), 1);
	/* a subcategory of another category */
	assert_int_equal(inc_subcategory_parse(IC_ATTACK, "virus"), -1);
	assert_int_equal(inc_subcategory_parse(IC_MALWARE, "涉密载体丢失"), -1);
	assert_int_equal(inc_subcategory_parse(IC_MALWARE, NULL), -1);
	assert_int_equal(inc_subcategory_parse((enum inc_category)99, "other"), -1);
	assert_int_equal(inc_subcategory_count((enum inc_category)99), 0);

	/* category against kind, subcategory against category */
	assert_int_equal(inc_category_check(IK_CYBER, IC_MALWARE, 0, &field), INC_OK);
	assert_null(field);
	assert_int_equal(inc_category_check(IK_CYBER, IC_MALWARE, -1, &field), INC_OK);
	assert_int_equal(inc_category_check(IK_LEAK, IC_LEAK, 5, &field), INC_OK);
	assert_int_equal(inc_category_check(IK_LEAK, IC_MALWARE, 0, &field), INC_BAD_CATEGORY);
	assert_string_equal(field, "category");
	assert_int_equal(inc_category_check(IK_CYBER, IC_LEAK, 0, &field), INC_BAD_CATEGORY);
	assert_string_equal(field, "category");
	assert_int_equal(inc_category_check(IK_CYBER, IC_OTHER, 1, &field), INC_BAD_CATEGORY);
	assert_string_equal(field, "subcategory");
	assert_int_equal(inc_category_check(IK_CYBER, IC_DATA, -2, NULL), INC_BAD_CATEGORY);
}

static enum inc_level grade(enum level info, enum inc_impact pub, enum inc_impact bus, int64_t loss,
                            unsigned *decided)
{
	struct inc_factors f = {
	    .info_level = info, .public_impact = pub, .business_impact = bus, .loss_yuan = loss};

	return inc_grade(&f, &inc_loss_default, decided);
}

static void test_grade(void **state)
{
	static const struct {
		enum level info;
		enum inc_level want;
	} info[] = {
	    {LEVEL_NONE, IL_NONE},        {LEVEL_PUBLIC, IL_NONE}, {LEVEL_INTERNAL, IL_IV},
	    {LEVEL_CONFIDENTIAL, IL_III}, {LEVEL_SECRET, IL_II},   {LEVEL_TOP_SECRET, IL_I},
	};
	static const struct {
		enum inc_impact i;
		enum inc_level want;
	} impact[] = {
	    {IMPACT_NONE, IL_NONE},  {IMPACT_MINOR, IL_IV},  {IMPACT_LARGE, IL_III},
	    {IMPACT_SERIOUS, IL_II}, {IMPACT_EXTREME, IL_I},
	};
	static const struct {
		int64_t yuan;
		enum inc_level want;
	} loss[] = {
	    {-5, IL_NONE},     {0, IL_NONE},      {1, IL_IV},        {999999, IL_IV},
	    {1000000, IL_III}, {9999999, IL_III}, {10000000, IL_II}, {99999999, IL_II},
	    {100000000, IL_I}, {INT64_MAX, IL_I},
	};
	unsigned d;

	(void)state;
	/* each factor alone */
	for (size_t i = 0; i < sizeof(info) / sizeof(info[0]); i++) {
		d = 99;
		assert_int_equal(grade(info[i].info, IMPACT_NONE, IMPACT_NONE, 0, &d),
		                 info[i].want);
		assert_int_equal(d, info[i].want == IL_NONE ? 0u : 1u << IF_INFO);
	}
	for (size_t i = 0; i < sizeof(impact) / sizeof(impact[0]); i++) {
		d = 99;
		assert_int_equal(grade(LEVEL_NONE, impact[i].i, IMPACT_NONE, 0, &d),
		                 impact[i].want);
		assert_int_equal(d, impact[i].want == IL_NONE ? 0u : 1u << IF_PUBLIC);
		d = 99;
		assert_int_equal(grade(LEVEL_NONE, IMPACT_NONE, impact[i].i, 0, &d),
		                 impact[i].want);
		assert_int_equal(d, impact[i].want == IL_NONE ? 0u : 1u << IF_BUSINESS);
	}
	for (size_t i = 0; i < sizeof(loss) / sizeof(loss[0]); i++) {
		d = 99;
		assert_int_equal(grade(LEVEL_NONE, IMPACT_NONE, IMPACT_NONE, loss[i].yuan, &d),
		                 loss[i].want);
		assert_int_equal(d, loss[i].want == IL_NONE ? 0u : 1u << IF_LOSS);
	}
	/* the most severe factor decides */
	assert_int_equal(grade(LEVEL_CONFIDENTIAL, IMPACT_SERIOUS, IMPACT_MINOR, 5, &d), IL_II);
	assert_int_equal(d, 1u << IF_PUBLIC);
	assert_int_equal(grade(LEVEL_INTERNAL, IMPACT_MINOR, IMPACT_LARGE, 200000000, &d), IL_I);
	assert_int_equal(d, 1u << IF_LOSS);
	/* ties: every deciding factor is named */
	assert_int_equal(grade(LEVEL_SECRET, IMPACT_SERIOUS, IMPACT_MINOR, 0, &d), IL_II);
	assert_int_equal(d, (1u << IF_INFO) | (1u << IF_PUBLIC));
	assert_int_equal(grade(LEVEL_CONFIDENTIAL, IMPACT_LARGE, IMPACT_LARGE, 1000000, &d),
	                 IL_III);
	assert_int_equal(d, 0xfu);
	assert_int_equal(grade(LEVEL_TOP_SECRET, IMPACT_EXTREME, IMPACT_NONE, 0, NULL), IL_I);
	/* a unit's own thresholds; NULL rule means the default */
	{
		const struct inc_loss_rule r = {.level_i = 1000, .level_ii = 100, .level_iii = 10};
		struct inc_factors f = {.info_level = LEVEL_NONE, .loss_yuan = 100};

		assert_int_equal(inc_grade(&f, &r, &d), IL_II);
		f.loss_yuan = 9;
		assert_int_equal(inc_grade(&f, &r, &d), IL_IV);
		f.loss_yuan = 1000;
		assert_int_equal(inc_grade(&f, &r, &d), IL_I);
		assert_int_equal(inc_grade(&f, NULL, &d), IL_IV);
		f.loss_yuan = 10000000;
		assert_int_equal(inc_grade(&f, NULL, &d), IL_II);
	}
	assert_int_equal(inc_loss_default.level_i, 100000000);
	assert_int_equal(inc_loss_default.level_ii, 10000000);
	assert_int_equal(inc_loss_default.level_iii, 1000000);
}

/* the plan's own thresholds apply only when the plan is in force and covers the kind */
static void test_grade_for_plan(void **state)
{
	struct inc_plan_terms p = {
	    PST_APPROVED, PK_LEAK, {.level_i = 1000000, .level_ii = 100000, .level_iii = 10000}};
	struct inc_factors f = {.info_level = LEVEL_NONE, .loss_yuan = 200000};
	unsigned d = 0;
	bool used = false;

	(void)state;
	/* 20万 yuan: II under the plan's thresholds, IV under the built-in ones */
	assert_int_equal(inc_grade_for(&f, IK_LEAK, &p, &d, &used), IL_II);
	assert_true(used);
	assert_int_equal(d, 1u << IF_LOSS);
	assert_int_equal(inc_grade_for(&f, IK_LEAK, NULL, &d, &used), IL_IV);
	assert_false(used);
	assert_int_equal(inc_grade_for(&f, IK_CYBER, &p, &d, &used), IL_IV);
	assert_false(used);
	p.status = PST_FILED;
	assert_int_equal(inc_grade_for(&f, IK_LEAK, &p, &d, NULL), IL_II);
	p.status = PST_DRAFT;
	assert_int_equal(inc_grade_for(&f, IK_LEAK, &p, &d, NULL), IL_IV);
	p.status = PST_RETIRED;
	assert_int_equal(inc_grade_for(&f, IK_LEAK, &p, &d, NULL), IL_IV);
	/* a plan of kind "other" covers both kinds; a threshold it leaves unset is built-in */
	p.status = PST_APPROVED;
	p.kind = PK_OTHER;
	p.loss.level_ii = 0;
	assert_int_equal(inc_grade_for(&f, IK_CYBER, &p, &d, &used), IL_III);
	assert_true(used);
	f.loss_yuan = 20000000;
	assert_int_equal(inc_grade_for(&f, IK_CYBER, &p, &d, NULL), IL_I);
}

/* ---- workflow ---- */

#define ME 7
#define OTHER 8

/* An action with everything it could need, in the state it starts from. */
static struct inc_act ready(enum inc_action a)
{
	static const enum inc_state from[INC_ACTION_COUNT] = {
	    [IA_SUPPLEMENT] = IS_REPORTED,   [IA_VERIFY] = IS_REPORTED,
	    [IA_DISMISS] = IS_REPORTED,      [IA_GRADE] = IS_VERIFIED,
	    [IA_ACTIVATE] = IS_GRADED,       [IA_HANDLE] = IS_ACTIVATED,
	    [IA_END_HANDLING] = IS_HANDLING, [IA_SUMMARISE] = IS_HANDLED,
	    [IA_CLOSE] = IS_SUMMARISED,      [IA_EVALUATE] = IS_CLOSED,
	    [IA_INVESTIGATED] = IS_VERIFIED,
	};
	struct inc_act x = {.action = a,
	                    .state = from[a],
	                    .kind = a == IA_INVESTIGATED ? IK_LEAK : IK_CYBER,
	                    .has_result = true,
	                    .confirmed = a >= IA_ACTIVATE ? IL_II : IL_NONE,
	                    .level = IL_II,
	                    .has_plan = true,
	                    .plan_in_force = true,
	                    .plan_covers_kind = true,
	                    .summarised_by = OTHER,
	                    .has_reason = true,
	                    .summary_complete = true};

	return x;
}

static struct inc_actor actor(uint32_t roles)
{
	struct inc_actor w = {.account_id = ME, .roles = roles};

	return w;
}

static enum inc_err chk(const struct inc_act *x, const struct inc_actor *w)
{
	const char *field = "stale";
	enum inc_err e = inc_check(x, w, &field);

	if (e == INC_OK || e == INC_BAD_STATE || e == INC_NOT_PERMITTED || e == INC_TASKS_OPEN ||
	    e == INC_SELF_APPROVAL || e == INC_LEAK_ONLY)
		assert_null(field);
	return e;
}

static void test_workflow_path(void **state)
{
	struct inc_actor duty = actor(ROLE_DUTY), command = actor(ROLE_COMMAND);
	struct inc_actor leader = actor(ROLE_LEADER), officer = actor(ROLE_OFFICER);
	struct inc_act x;
	enum inc_state s = IS_REPORTED;

	(void)state;
	/* reported → verified → graded → activated → handling → handled → summarised →
	 * closed → evaluated, each by someone allowed */
	x = ready(IA_SUPPLEMENT);
	x.state = s;
	assert_int_equal(chk(&x, &duty), INC_OK);
	assert_int_equal(inc_next_state(&x), IS_REPORTED);
	x = ready(IA_VERIFY);
	assert_int_equal(chk(&x, &duty), INC_OK);
	s = inc_next_state(&x);
	assert_int_equal(s, IS_VERIFIED);
	x = ready(IA_GRADE);
	x.state = s;
	assert_int_equal(chk(&x, &command), INC_OK);
	s = inc_next_state(&x);
	assert_int_equal(s, IS_GRADED);
	x = ready(IA_ACTIVATE);
	x.state = s;
	assert_int_equal(chk(&x, &leader), INC_OK);
	s = inc_next_state(&x);
	assert_int_equal(s, IS_ACTIVATED);
	x = ready(IA_HANDLE);
	x.state = s;
	assert_int_equal(chk(&x, &officer), INC_OK);
	s = inc_next_state(&x);
	assert_int_equal(s, IS_HANDLING);
	x = ready(IA_END_HANDLING);
	x.state = s;
	assert_int_equal(chk(&x, &command), INC_OK);
	s = inc_next_state(&x);
	assert_int_equal(s, IS_HANDLED);
	x = ready(IA_SUMMARISE);
	x.state = s;
	assert_int_equal(chk(&x, &officer), INC_OK);
	s = inc_next_state(&x);
	assert_int_equal(s, IS_SUMMARISED);
	x = ready(IA_CLOSE);
	x.state = s;
	assert_int_equal(chk(&x, &leader), INC_OK);
	s = inc_next_state(&x);
	assert_int_equal(s, IS_CLOSED);
	x = ready(IA_EVALUATE);
	x.state = s;
	assert_int_equal(chk(&x, &leader), INC_OK);
	assert_int_equal(inc_next_state(&x), IS_EVALUATED);
	/* or dismissed after the check */
	x = ready(IA_DISMISS);
	assert_int_equal(chk(&x, &command), INC_OK);
	assert_int_equal(inc_next_state(&x), IS_DISMISSED);
}

/* Which roles may take which action (the reporter may only supplement). */
static void test_workflow_roles(void **state)
{
	static const uint32_t may[INC_ACTION_COUNT] = {
	    [IA_SUPPLEMENT] = ROLE_OFFICER | ROLE_DUTY | ROLE_COMMAND | ROLE_LEADER,
	    [IA_VERIFY] = ROLE_OFFICER | ROLE_DUTY | ROLE_COMMAND,
	    [IA_DISMISS] = ROLE_OFFICER | ROLE_DUTY | ROLE_COMMAND,
	    [IA_GRADE] = ROLE_COMMAND | ROLE_LEADER,
	    [IA_ACTIVATE] = ROLE_COMMAND | ROLE_LEADER,
	    [IA_HANDLE] = ROLE_COMMAND | ROLE_OFFICER | ROLE_DUTY,
	    [IA_END_HANDLING] = ROLE_COMMAND | ROLE_LEADER,
	    [IA_SUMMARISE] = ROLE_OFFICER | ROLE_COMMAND,
	    [IA_CLOSE] = ROLE_LEADER | ROLE_COMMAND,
	    [IA_EVALUATE] = ROLE_LEADER | ROLE_COMMAND,
	    [IA_INVESTIGATED] = ROLE_LEADER | ROLE_COMMAND,
	};

	(void)state;
	for (int a = 0; a < INC_ACTION_COUNT; a++) {
		struct inc_act x = ready((enum inc_action)a);
		struct inc_actor reporter = actor(0);
		struct inc_actor nobody = actor(0);

		for (int r = 0; r < ROLE_COUNT; r++) {
			uint32_t bit = role_bit_at(r);
			struct inc_actor w = actor(bit);
			struct inc_act wrong = x;

			assert_int_equal(chk(&x, &w), (may[a] & bit) ? INC_OK : INC_NOT_PERMITTED);
			/* roles are judged before the state */
			wrong.state = a == IA_EVALUATE ? IS_REPORTED : IS_EVALUATED;
			assert_int_equal(chk(&wrong, &w),
			                 (may[a] & bit) ? INC_BAD_STATE : INC_NOT_PERMITTED);
		}
		/* several roles: one that allows is enough */
		{
			struct inc_actor w = actor(ROLE_STAFF | ROLE_DEPT_HEAD | ROLE_COMMAND);

			assert_int_equal(chk(&x, &w), INC_OK);
		}
		reporter.reporter = true;
		assert_int_equal(chk(&x, &reporter),
		                 a == IA_SUPPLEMENT ? INC_OK : INC_NOT_PERMITTED);
		assert_int_equal(chk(&x, &nobody), INC_NOT_PERMITTED);
		assert_int_equal(inc_check(&x, NULL, NULL), INC_NOT_PERMITTED);
	}
}

/* From which states each action is allowed, for an actor holding every role. */
static void test_workflow_states(void **state)
{
	static const struct {
		enum inc_action a;
		unsigned states; /* bits 1 << state */
	} allowed[] = {
	    {IA_SUPPLEMENT, (1u << IS_REPORTED) | (1u << IS_VERIFIED) | (1u << IS_GRADED) |
	                        (1u << IS_ACTIVATED) | (1u << IS_HANDLING) | (1u << IS_HANDLED) |
	                        (1u << IS_SUMMARISED)},
	    {IA_VERIFY, 1u << IS_REPORTED},
	    {IA_DISMISS, 1u << IS_REPORTED},
	    {IA_GRADE, (1u << IS_VERIFIED) | (1u << IS_GRADED) | (1u << IS_ACTIVATED) |
	                   (1u << IS_HANDLING) | (1u << IS_HANDLED)},
	    {IA_ACTIVATE, 1u << IS_GRADED},
	    {IA_HANDLE, 1u << IS_ACTIVATED},
	    {IA_END_HANDLING, 1u << IS_HANDLING},
	    {IA_SUMMARISE, 1u << IS_HANDLED},
	    {IA_CLOSE, 1u << IS_SUMMARISED},
	    {IA_EVALUATE, 1u << IS_CLOSED},
	    {IA_INVESTIGATED, (1u << IS_VERIFIED) | (1u << IS_GRADED) | (1u << IS_ACTIVATED) |
	                          (1u << IS_HANDLING) | (1u << IS_HANDLED) | (1u << IS_SUMMARISED)},
	};
	struct inc_actor all = actor(ROLE_ALL);

	(void)state;
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		for (int s = 0; s < INC_STATE_COUNT; s++) {
			struct inc_act x = ready(allowed[i].a);
			bool ok = (allowed[i].states >> s) & 1u;

			x.state = (enum inc_state)s;
			x.confirmed = IL_II;
			assert_int_equal(chk(&x, &all), ok ? INC_OK : INC_BAD_STATE);
			if (!ok)
				continue;
			/* supplementing and re-grading keep the state; grading first moves it */
			if (allowed[i].a == IA_SUPPLEMENT ||
			    (allowed[i].a == IA_GRADE && s != IS_VERIFIED))
				assert_int_equal(inc_next_state(&x), s);
		}
	}
	/* nothing at all in a final state, except evaluating a closed incident */
	for (int a = 0; a < INC_ACTION_COUNT; a++) {
		struct inc_act x = ready((enum inc_action)a);

		x.state = IS_DISMISSED;
		assert_int_equal(chk(&x, &all), INC_BAD_STATE);
		x.state = IS_EVALUATED;
		assert_int_equal(chk(&x, &all), INC_BAD_STATE);
		x.state = IS_CLOSED;
		assert_int_equal(chk(&x, &all), a == IA_EVALUATE ? INC_OK : INC_BAD_STATE);
		x.state = (enum inc_state)INC_STATE_COUNT;
		assert_int_equal(chk(&x, &all), INC_BAD_STATE);
	}
	{
		struct inc_act x = ready(IA_GRADE);

		x.state = IS_HANDLED;
		assert_int_equal(inc_next_state(&x), IS_HANDLED);
		x.state = IS_VERIFIED;
		assert_int_equal(inc_next_state(&x), IS_GRADED);
	}
}

/* Statutory duties exist whatever the plans say; plans only match them to tighten them. */
static void test_statutory(void **state)
{
	struct inc_duty d[8];
	int n;

	(void)state;
	/* a leak owes its written report within 24 h of discovery at any level */
	n = inc_statutory_duties(IK_LEAK, IL_NONE, IO_OTHER, d, 8);
	assert_int_equal(n, 2);
	assert_string_equal(d[0].code, "law/leak-24h");
	assert_int_equal(d[0].limit.amount, 24);
	assert_int_equal(d[0].limit.unit, DL_HOURS);
	assert_int_equal(d[0].anchor, DL_FROM_DISCOVERED);
	assert_string_equal(d[0].recipient, "secrecy_admin");
	assert_non_null(strstr(d[0].basis, "保守国家秘密法实施条例"));
	/* and its approved investigation result within 24 h of the approval */
	assert_int_equal(d[1].anchor, DL_FROM_INVESTIGATED);
	assert_int_equal(d[1].limit.amount, 24);
	assert_int_equal(inc_statutory_duties(IK_LEAK, IL_IV, IO_CII, d, 8), 2);
	assert_int_equal(inc_statutory_duties(IK_LEAK, IL_NONE, IO_OTHER, d, 1), 1);
	/* cyber: 一般 (IV) and ungraded owe nothing under the CAC rules */
	assert_int_equal(inc_statutory_duties(IK_CYBER, IL_NONE, IO_OTHER, d, 8), 0);
	assert_int_equal(inc_statutory_duties(IK_CYBER, IL_IV, IO_OTHER, d, 8), 0);
	/* 较大 and above: 4 h for others, 1 h for CII, 2 h for central organs; 30-day summary */
	for (enum inc_level l = IL_I; l <= IL_III; l++) {
		n = inc_statutory_duties(IK_CYBER, l, IO_OTHER, d, 8);
		assert_int_equal(n, 2);
		assert_string_equal(d[0].code, "law/cac-report");
		assert_int_equal(d[0].limit.amount, 4);
		assert_int_equal(d[0].limit.unit, DL_HOURS);
		assert_string_equal(d[0].to, "属地网信部门");
		assert_string_equal(d[1].code, "law/cac-30d");
		assert_int_equal(d[1].limit.amount, 30);
		assert_int_equal(d[1].limit.unit, DL_DAYS);
		assert_int_equal(d[1].anchor, DL_FROM_HANDLED);
		assert_string_equal(d[1].recipient, "cac");
	}
	assert_int_equal(inc_statutory_duties(IK_CYBER, IL_III, IO_CII, d, 8), 2);
	assert_int_equal(d[0].limit.amount, 1);
	assert_int_equal(inc_statutory_duties(IK_CYBER, IL_II, IO_CENTRAL, d, 8), 2);
	assert_int_equal(d[0].limit.amount, 2);
	/* same report: same anchor, and the recipient code or the recipient's name */
	n = inc_statutory_duties(IK_LEAK, IL_NONE, IO_OTHER, d, 8);
	assert_true(inc_duty_same_report(&d[0], "", "同级保密行政管理部门和上级主管部门",
	                                 DL_FROM_DISCOVERED));
	assert_true(inc_duty_same_report(&d[0], "secrecy_admin", "市保密局", DL_FROM_DISCOVERED));
	assert_false(inc_duty_same_report(&d[0], "secrecy_admin", "", DL_FROM_HANDLED));
	assert_false(inc_duty_same_report(&d[0], "", "本单位保密应急领导小组", DL_FROM_DISCOVERED));
	assert_false(inc_duty_same_report(&d[0], "group", "同级保密行政管理部门和上级主管部门",
	                                  DL_FROM_DISCOVERED));
	{
		enum inc_operator o;

		assert_int_equal(inc_operator_parse("central", &o), 0);
		assert_int_equal(o, IO_CENTRAL);
		assert_string_equal(inc_operator_code(IO_CII), "cii");
		assert_int_equal(inc_operator_parse("bank", &o), -1);
	}
}

/* Closing or evaluating with a report to a superior unmet needs a reason. */
static void test_close_with_duties(void **state)
{
	struct inc_actor leader = actor(ROLE_LEADER);
	const char *field = NULL;

	(void)state;
	for (int a = IA_CLOSE; a <= IA_EVALUATE; a++) {
		struct inc_act x = ready((enum inc_action)a);

		x.has_reason = false;
		assert_int_equal(chk(&x, &leader), INC_OK);
		x.open_superior_duties = 1;
		assert_int_equal(inc_check(&x, &leader, &field), INC_DUTIES_OPEN);
		assert_string_equal(field, "reason");
		x.has_reason = true;
		assert_int_equal(chk(&x, &leader), INC_OK);
	}
	/* the investigation result: leaks only, once, with the result */
	{
		struct inc_act x = ready(IA_INVESTIGATED);

		assert_int_equal(chk(&x, &leader), INC_OK);
		assert_int_equal(inc_next_state(&x), IS_VERIFIED);
		x.investigated = true;
		assert_int_equal(chk(&x, &leader), INC_BAD_STATE);
		x = ready(IA_INVESTIGATED);
		x.has_result = false;
		assert_int_equal(inc_check(&x, &leader, &field), INC_MISSING_FIELD);
		assert_string_equal(field, "investigation");
		x = ready(IA_INVESTIGATED);
		x.kind = IK_CYBER;
		assert_int_equal(chk(&x, &leader), INC_LEAK_ONLY);
	}
}

static void test_workflow_refusals(void **state)
{
	struct inc_actor command = actor(ROLE_COMMAND), officer = actor(ROLE_OFFICER);
	struct inc_actor leader = actor(ROLE_LEADER);
	struct inc_act x;
	const char *field;

	(void)state;
	/* dismiss needs a reason */
	x = ready(IA_DISMISS);
	x.has_reason = false;
	assert_int_equal(inc_check(&x, &officer, &field), INC_MISSING_FIELD);
	assert_string_equal(field, "reason");
	assert_int_equal(inc_check(&x, &officer, NULL), INC_MISSING_FIELD);

	/* grade needs a level I–IV */
	x = ready(IA_GRADE);
	x.level = IL_NONE;
	assert_int_equal(inc_check(&x, &command, &field), INC_MISSING_FIELD);
	assert_string_equal(field, "level");
	x.level = (enum inc_level)5;
	assert_int_equal(inc_check(&x, &command, &field), INC_BAD_LEVEL);
	assert_string_equal(field, "level");
	x.level = (enum inc_level) - 1;
	assert_int_equal(inc_check(&x, &command, &field), INC_BAD_LEVEL);
	for (int l = IL_I; l <= IL_IV; l++) {
		x.level = (enum inc_level)l;
		assert_int_equal(inc_check(&x, &command, &field), INC_OK);
		assert_null(field);
	}
	/* re-grading while handling still checks the level */
	x.state = IS_HANDLING;
	x.level = IL_NONE;
	assert_int_equal(inc_check(&x, &leader, &field), INC_MISSING_FIELD);
	/* grading before verification */
	x = ready(IA_GRADE);
	x.state = IS_REPORTED;
	assert_int_equal(chk(&x, &command), INC_BAD_STATE);

	/* activation: confirmed level, plan, plan in force, plan of the kind, response level */
	x = ready(IA_ACTIVATE);
	x.confirmed = IL_NONE;
	assert_int_equal(inc_check(&x, &command, &field), INC_NOT_GRADED);
	assert_string_equal(field, "level");
	x = ready(IA_ACTIVATE);
	x.has_plan = false;
	x.plan_in_force = false;
	x.plan_covers_kind = false;
	assert_int_equal(inc_check(&x, &command, &field), INC_NO_PLAN);
	assert_string_equal(field, "plan_id");
	x = ready(IA_ACTIVATE);
	x.plan_in_force = false;
	assert_int_equal(inc_check(&x, &leader, &field), INC_PLAN_NOT_IN_FORCE);
	assert_string_equal(field, "plan_id");
	x = ready(IA_ACTIVATE);
	x.plan_covers_kind = false;
	assert_int_equal(inc_check(&x, &leader, &field), INC_PLAN_KIND);
	assert_string_equal(field, "plan_id");
	x = ready(IA_ACTIVATE);
	x.level = IL_NONE;
	assert_int_equal(inc_check(&x, &leader, &field), INC_MISSING_FIELD);
	assert_string_equal(field, "level");
	x.level = (enum inc_level)7;
	assert_int_equal(inc_check(&x, &leader, &field), INC_BAD_LEVEL);
	assert_string_equal(field, "level");
	/* the response level may differ from the confirmed one */
	x.level = IL_I;
	assert_int_equal(inc_check(&x, &leader, &field), INC_OK);
	/* activation from verified (not graded yet) is a state error */
	x = ready(IA_ACTIVATE);
	x.state = IS_VERIFIED;
	x.confirmed = IL_NONE;
	assert_int_equal(chk(&x, &command), INC_BAD_STATE);

	/* handling cannot end while tasks are open */
	x = ready(IA_END_HANDLING);
	x.open_tasks = 2;
	assert_int_equal(chk(&x, &command), INC_TASKS_OPEN);
	x.open_tasks = 1;
	assert_int_equal(chk(&x, &leader), INC_TASKS_OPEN);
	x.open_tasks = 0;
	assert_int_equal(chk(&x, &leader), INC_OK);

	/* the result report needs its fields */
	x = ready(IA_SUMMARISE);
	x.summary_complete = false;
	assert_int_equal(inc_check(&x, &officer, &field), INC_MISSING_FIELD);
	assert_string_equal(field, "summary");

	/* whoever filed the result report cannot approve closing */
	x = ready(IA_CLOSE);
	x.summarised_by = ME;
	assert_int_equal(chk(&x, &command), INC_SELF_APPROVAL);
	assert_int_equal(chk(&x, &leader), INC_SELF_APPROVAL);
	x.summarised_by = OTHER;
	assert_int_equal(chk(&x, &leader), INC_OK);

	/* the reporter supplements; others without a role may not */
	x = ready(IA_SUPPLEMENT);
	x.state = IS_HANDLING;
	{
		struct inc_actor rep = actor(ROLE_STAFF);

		rep.reporter = true;
		assert_int_equal(chk(&x, &rep), INC_OK);
		assert_int_equal(inc_next_state(&x), IS_HANDLING);
		rep.reporter = false;
		assert_int_equal(chk(&x, &rep), INC_NOT_PERMITTED);
		rep.reporter = true;
		x.state = IS_CLOSED;
		assert_int_equal(chk(&x, &rep), INC_BAD_STATE);
	}
}

static void test_filing(void **state)
{
	char out[96], small[16];
	int n;

	(void)state;
	n = inc_filing_format(out, sizeof(out), bjtime_days_from_civil(2026, 11, 21), 3, 128);
	assert_string_equal(out, "2026年11月21日第3号总第128号");
	assert_int_equal(n, (int)strlen(out));
	inc_filing_format(out, sizeof(out), bjtime_days_from_civil(2026, 1, 5), 1, 1);
	assert_string_equal(out, "2026年1月5日第1号总第1号");
	inc_filing_format(out, sizeof(out), bjtime_days_from_civil(2025, 12, 31), 12,
	                  INT64_C(1234567890123));
	assert_string_equal(out, "2025年12月31日第12号总第1234567890123号");
	/* a short buffer is cut, and the length says how much was needed */
	n = inc_filing_format(small, sizeof(small), bjtime_days_from_civil(2026, 11, 21), 3, 128);
	assert_int_equal(n, (int)strlen("2026年11月21日第3号总第128号"));
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_memory_equal(small, "2026年11月21", 14);
}

static void test_plans(void **state)
{
	/* ok[from][to] */
	static const bool ok[PLAN_STATUS_COUNT][PLAN_STATUS_COUNT] = {
	    [PST_DRAFT] = {[PST_APPROVED] = true, [PST_RETIRED] = true},
	    [PST_APPROVED] = {[PST_FILED] = true, [PST_RETIRED] = true},
	    [PST_FILED] = {[PST_RETIRED] = true},
	    [PST_RETIRED] = {false},
	};

	(void)state;
	for (int f = 0; f < PLAN_STATUS_COUNT; f++)
		for (int t = 0; t < PLAN_STATUS_COUNT; t++)
			assert_int_equal(
			    plan_check_status((enum plan_status)f, (enum plan_status)t),
			    ok[f][t] ? PLAN_OK : PLAN_BAD_STATUS);
	assert_int_equal(plan_check_status((enum plan_status)9, PST_RETIRED), PLAN_BAD_STATUS);
	assert_int_equal(plan_check_status(PST_DRAFT, (enum plan_status)9), PLAN_BAD_STATUS);
	assert_false(plan_in_force(PST_DRAFT));
	assert_true(plan_in_force(PST_APPROVED));
	assert_true(plan_in_force(PST_FILED));
	assert_false(plan_in_force(PST_RETIRED));
	assert_true(plan_kind_covers(PK_LEAK, IK_LEAK));
	assert_false(plan_kind_covers(PK_LEAK, IK_CYBER));
	assert_true(plan_kind_covers(PK_CYBER, IK_CYBER));
	assert_false(plan_kind_covers(PK_CYBER, IK_LEAK));
	assert_true(plan_kind_covers(PK_OTHER, IK_LEAK));
	assert_true(plan_kind_covers(PK_OTHER, IK_CYBER));
	assert_false(plan_kind_covers((enum plan_kind)5, IK_CYBER));
}

static void test_warnings(void **state)
{
	static const bool ok[WARN_STATE_COUNT][WARN_STATE_COUNT] = {
	    [WS_PUBLISHED] = {[WS_ADJUSTED] = true, [WS_LIFTED] = true},
	    [WS_ADJUSTED] = {[WS_ADJUSTED] = true, [WS_LIFTED] = true},
	    [WS_LIFTED] = {false},
	};

	(void)state;
	for (int f = 0; f < WARN_STATE_COUNT; f++)
		for (int t = 0; t < WARN_STATE_COUNT; t++)
			assert_int_equal(warn_may_change((enum warn_state)f, (enum warn_state)t),
			                 ok[f][t]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_levels),
	    cmocka_unit_test(test_subcategories),
	    cmocka_unit_test(test_grade),
	    cmocka_unit_test(test_grade_for_plan),
	    cmocka_unit_test(test_workflow_path),
	    cmocka_unit_test(test_workflow_roles),
	    cmocka_unit_test(test_workflow_states),
	    cmocka_unit_test(test_workflow_refusals),
	    cmocka_unit_test(test_filing),
	    cmocka_unit_test(test_plans),
	    cmocka_unit_test(test_warnings),
	    cmocka_unit_test(test_statutory),
	    cmocka_unit_test(test_close_with_duties),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
