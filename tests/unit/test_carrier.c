/* Carrier rules: numbering, periods, need-to-know, every lifecycle rule and refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/carrier.h"
#include "../../src/util/bjtime.h"

static void test_names_and_numbers(void **state)
{
	enum carrier_type t;
	enum carrier_state s;
	enum carrier_action a;
	char num[64];

	(void)state;
	assert_int_equal(carrier_type_parse("U盘", &t), 0);
	assert_int_equal(t, CT_USB);
	assert_int_equal(carrier_type_category(CT_USB), CC_MEDIUM);
	assert_int_equal(carrier_type_category(CT_PAPER_DOC), CC_DOCUMENT);
	assert_int_equal(carrier_type_category(CT_COPIER), CC_DEVICE);
	assert_int_equal(carrier_type_parse("floppy", &t), -1);
	assert_int_equal(carrier_state_parse("借阅中", &s), 0);
	assert_int_equal(s, CS_BORROWED);
	assert_int_equal(carrier_action_parse("destroy", &a), 0);
	assert_int_equal(a, CA_DESTROY);
	carrier_number_format(num, sizeof(num), "SWJW", 2026, CC_DOCUMENT, 123);
	assert_string_equal(num, "SWJW-2026-WJ-000123");
	carrier_number_format(num, sizeof(num), "SWJW", 2026, CC_COMPUTER, 7);
	assert_string_equal(num, "SWJW-2026-JSJ-000007");
	assert_true(carrier_state_final(CS_DESTROYED));
	assert_false(carrier_state_final(CS_BORROWED));
}

static void test_periods(void **state)
{
	struct carrier_period p;
	const char *field = NULL;
	int32_t issue, exp;

	(void)state;
	/* missing period: the legal maximum, marked as defaulted */
	memset(&p, 0, sizeof(p));
	assert_int_equal(carrier_period_normalise(LEVEL_SECRET, &p, &field), CARRIER_OK);
	assert_int_equal(p.years, 20);
	assert_true(p.defaulted);
	memset(&p, 0, sizeof(p));
	assert_int_equal(carrier_period_normalise(LEVEL_TOP_SECRET, &p, &field), CARRIER_OK);
	assert_int_equal(p.years, 30);
	/* over the maximum needs an override with its basis */
	memset(&p, 0, sizeof(p));
	p.years = 11;
	assert_int_equal(carrier_period_normalise(LEVEL_CONFIDENTIAL, &p, &field),
	                 CARRIER_PERIOD_TOO_LONG);
	assert_string_equal(field, "period_years");
	p.override = true;
	assert_int_equal(carrier_period_normalise(LEVEL_CONFIDENTIAL, &p, &field),
	                 CARRIER_PERIOD_TOO_LONG);
	p.override_basis = "国家保密局批复〔2026〕12号";
	assert_int_equal(carrier_period_normalise(LEVEL_CONFIDENTIAL, &p, &field), CARRIER_OK);
	assert_false(p.defaulted);
	/* only one of years, release date, condition */
	memset(&p, 0, sizeof(p));
	p.years = 5;
	p.condition = "项目验收后";
	assert_int_equal(carrier_period_normalise(LEVEL_SECRET, &p, &field),
	                 CARRIER_PERIOD_CONFLICT);
	/* unclassified: no period */
	memset(&p, 0, sizeof(p));
	assert_int_equal(carrier_period_normalise(LEVEL_INTERNAL, &p, &field), CARRIER_OK);
	assert_int_equal(p.years, 0);
	/* expiry runs from the issue date; 29 Feb lands on 28 Feb */
	assert_int_equal(bjtime_parse_date("2024-02-29", &issue), 0);
	memset(&p, 0, sizeof(p));
	p.years = 10;
	exp = carrier_period_expiry(&p, issue);
	assert_int_equal(exp, bjtime_days_from_civil(2034, 2, 28));
	p.years = 0;
	p.release_day = issue + 100;
	assert_int_equal(carrier_period_expiry(&p, issue), issue + 100);
	p.release_day = 0;
	p.condition = "任务完成";
	assert_int_equal(carrier_period_expiry(&p, issue), 0);
}

/* The need-to-know matrix: levels × clearances × in/out of scope × custodian/officer. */
static void test_need_to_know_matrix(void **state)
{
	const int64_t people[] = {11, 12};
	const int64_t depts[] = {5};
	const enum level levels[] = {LEVEL_INTERNAL, LEVEL_CONFIDENTIAL, LEVEL_SECRET,
	                             LEVEL_TOP_SECRET};
	const enum level clearances[] = {LEVEL_NONE, LEVEL_CONFIDENTIAL, LEVEL_SECRET,
	                                 LEVEL_TOP_SECRET};

	(void)state;
	for (size_t li = 0; li < 4; li++) {
		for (size_t ci = 0; ci < 4; ci++) {
			struct carrier_access c = {.level = levels[li],
			                           .custodian_id = 20,
			                           .scope_people = people,
			                           .nscope_people = 2,
			                           .scope_depts = depts,
			                           .nscope_depts = 1};
			bool cleared =
			    !level_is_classified(levels[li]) ||
			    (clearances[ci] != LEVEL_NONE && clearances[ci] >= levels[li]);
			struct carrier_viewer named = {
			    .person_id = 11, .department_id = 9, .clearance = clearances[ci]};
			struct carrier_viewer by_dept = {
			    .person_id = 30, .department_id = 5, .clearance = clearances[ci]};
			struct carrier_viewer outsider = {
			    .person_id = 31, .department_id = 6, .clearance = clearances[ci]};
			struct carrier_viewer custodian = {
			    .person_id = 20, .department_id = 6, .clearance = clearances[ci]};
			struct carrier_viewer officer = {.person_id = 40,
			                                 .department_id = 7,
			                                 .clearance = clearances[ci],
			                                 .officer = true};
			struct carrier_viewer nobody = {.clearance = clearances[ci]};

			assert_int_equal(carrier_may_see(&c, &named), cleared);
			assert_int_equal(carrier_may_see(&c, &by_dept), cleared);
			assert_int_equal(carrier_may_see(&c, &custodian), cleared);
			assert_int_equal(carrier_may_see(&c, &officer), cleared);
			assert_false(carrier_may_see(&c, &outsider));
			assert_false(carrier_may_see(&c, &nobody));
		}
	}
	/* unclassified equipment without a scope is visible to the unit */
	{
		struct carrier_access c = {.level = LEVEL_INTERNAL};
		struct carrier_viewer v = {.person_id = 99, .clearance = LEVEL_NONE};

		assert_true(carrier_may_see(&c, &v));
		c.level = LEVEL_CONFIDENTIAL;
		v.clearance = LEVEL_TOP_SECRET;
		assert_false(carrier_may_see(&c, &v)); /* classified: scope always needed */
	}
}

static struct carrier_act base(enum carrier_action a, enum level l)
{
	struct carrier_act x;

	memset(&x, 0, sizeof(x));
	x.action = a;
	x.level = l;
	x.state = CS_IN_CUSTODY;
	x.handler_id = 1;
	x.today = 20000;
	return x;
}

static enum carrier_err chk(const struct carrier_act *x)
{
	const char *f;

	return carrier_check(x, &f);
}

static void test_borrow_and_return(void **state)
{
	struct carrier_act x = base(CA_BORROW, LEVEL_SECRET);
	const char *field;

	(void)state;
	x.target_id = 11;
	x.due_day = 20010;
	assert_int_equal(carrier_check(&x, &field), CARRIER_NO_CLEARANCE);
	assert_string_equal(field, "person_id");
	x.target_cleared = true;
	assert_int_equal(chk(&x), CARRIER_OUT_OF_SCOPE);
	x.target_in_scope = true;
	assert_int_equal(chk(&x), CARRIER_OK);
	assert_int_equal(carrier_next_state(&x), CS_BORROWED);
	x.due_day = x.today;
	assert_int_equal(carrier_check(&x, &field), CARRIER_DUE_MISSING);
	assert_string_equal(field, "due_on");
	x.due_day = 20010;
	x.state = CS_BORROWED;
	assert_int_equal(chk(&x), CARRIER_BAD_STATE); /* cannot lend what is lent */
	/* 绝密 borrowing needs approval */
	x = base(CA_BORROW, LEVEL_TOP_SECRET);
	x.target_id = 11, x.target_cleared = x.target_in_scope = true, x.due_day = 20010;
	assert_int_equal(chk(&x), CARRIER_NEEDS_APPROVAL);
	x.approved = true;
	assert_int_equal(chk(&x), CARRIER_OK);
	x.handler_id = 0;
	assert_int_equal(chk(&x), CARRIER_NEEDS_HANDLER);
	/* return: only what is lent, only by (or for) the borrower */
	x = base(CA_RETURN, LEVEL_SECRET);
	assert_int_equal(chk(&x), CARRIER_BAD_STATE);
	x.state = CS_BORROWED;
	x.holder_id = 11;
	x.actor_id = 50;
	x.target_id = 12;
	assert_int_equal(chk(&x), CARRIER_NOT_BORROWER);
	x.target_id = 11;
	assert_int_equal(chk(&x), CARRIER_OK);
	assert_int_equal(carrier_next_state(&x), CS_IN_CUSTODY);
}

static void test_circulation(void **state)
{
	struct carrier_act x = base(CA_CIRCULATE, LEVEL_CONFIDENTIAL);

	(void)state;
	assert_int_equal(chk(&x), CARRIER_BAD_FIELD);
	x.nreaders = 3;
	assert_int_equal(chk(&x), CARRIER_OUT_OF_SCOPE);
	x.readers_ok = true;
	assert_int_equal(chk(&x), CARRIER_OK);
	assert_int_equal(carrier_next_state(&x), CS_CIRCULATING);
	x = base(CA_SIGN, LEVEL_CONFIDENTIAL);
	x.state = CS_CIRCULATING;
	x.next_reader_id = 12;
	x.target_id = 13;
	x.nreaders = 2;
	assert_int_equal(chk(&x), CARRIER_NOT_NEXT_READER);
	x.target_id = 12;
	assert_int_equal(chk(&x), CARRIER_OK);
	assert_int_equal(carrier_next_state(&x), CS_CIRCULATING);
	x.nreaders = 1; /* the last reader signs: back in custody */
	assert_int_equal(carrier_next_state(&x), CS_IN_CUSTODY);
}

static void test_take_out_repair(void **state)
{
	struct carrier_act x = base(CA_TAKE_OUT, LEVEL_SECRET);
	const struct carrier_person companion = {
	    .id = 12, .exists = true, .active = true, .clearance = LEVEL_TOP_SECRET};
	const char *field;

	(void)state;
	assert_int_equal(chk(&x), CARRIER_DUE_MISSING);
	x.due_day = 20003;
	assert_int_equal(chk(&x), CARRIER_NEEDS_APPROVAL);
	x.approved = true;
	assert_int_equal(chk(&x), CARRIER_OK);
	assert_int_equal(carrier_next_state(&x), CS_TAKEN_OUT);
	x.level = LEVEL_TOP_SECRET;
	x.actor_id = 50;
	assert_int_equal(carrier_check(&x, &field), CARRIER_NEEDS_TWO_CARRIERS);
	assert_string_equal(field, "companions");
	x.companions = &companion;
	x.ncompanions = 1;
	assert_int_equal(chk(&x), CARRIER_OK);
	/* on site: no approval, but a supervisor; off site: sanitised and approved */
	x = base(CA_REPAIR, LEVEL_SECRET);
	x.on_site = true;
	x.supervisor = companion;
	assert_int_equal(chk(&x), CARRIER_OK);
	x.on_site = false;
	assert_int_equal(chk(&x), CARRIER_SANITISE_MISSING);
	x.sanitised = true;
	assert_int_equal(chk(&x), CARRIER_NEEDS_APPROVAL);
	x.approved = true;
	assert_int_equal(chk(&x), CARRIER_OK);
	assert_int_equal(carrier_next_state(&x), CS_IN_REPAIR);
	x = base(CA_REPAIR_DONE, LEVEL_SECRET);
	assert_int_equal(chk(&x), CARRIER_BAD_STATE);
	x.state = CS_IN_REPAIR;
	assert_int_equal(chk(&x), CARRIER_OK);
}

static void test_destroy_declassify_copy(void **state)
{
	struct carrier_act x = base(CA_DESTROY, LEVEL_SECRET);
	const struct carrier_person two[] = {
	    {.id = 12, .exists = true, .active = true, .clearance = LEVEL_SECRET},
	    {.id = 13, .exists = true, .active = true, .clearance = LEVEL_TOP_SECRET}};

	(void)state;
	assert_int_equal(chk(&x), CARRIER_NEEDS_WITNESSES);
	x.witnesses = two;
	x.nwitnesses = 1;
	assert_int_equal(chk(&x), CARRIER_NEEDS_WITNESSES);
	x.nwitnesses = 2;
	assert_int_equal(chk(&x), CARRIER_NEEDS_APPROVAL); /* no destruction without approval */
	x.approved = true;
	assert_int_equal(chk(&x), CARRIER_OK);
	assert_int_equal(carrier_next_state(&x), CS_DESTROYED);
	x.state = CS_DESTROYED;
	assert_int_equal(chk(&x), CARRIER_BAD_STATE);
	x = base(CA_DECLASSIFY, LEVEL_INTERNAL);
	assert_int_equal(chk(&x), CARRIER_NOT_CLASSIFIED);
	x.level = LEVEL_CONFIDENTIAL;
	assert_int_equal(chk(&x), CARRIER_NEEDS_APPROVAL);
	x.approved = true;
	assert_int_equal(chk(&x), CARRIER_OK);
	assert_int_equal(carrier_next_state(&x), CS_DECLASSIFIED);
	x = base(CA_CHANGE_LEVEL, LEVEL_SECRET);
	x.new_level = LEVEL_SECRET;
	x.approved = true;
	assert_int_equal(chk(&x), CARRIER_LEVEL_UNCHANGED);
	x.new_level = LEVEL_CONFIDENTIAL;
	assert_int_equal(chk(&x), CARRIER_OK);
	x = base(CA_COPY, LEVEL_TOP_SECRET);
	x.approved = true;
	assert_int_equal(chk(&x), CARRIER_NEEDS_CONSENT);
	x.classifier_consent = true;
	assert_int_equal(chk(&x), CARRIER_OK);
	assert_int_equal(carrier_next_state(&x), CS_IN_CUSTODY);
	x = base(CA_COPY, LEVEL_SECRET);
	assert_int_equal(chk(&x), CARRIER_NEEDS_APPROVAL);
}

static void test_extend_return_archive(void **state)
{
	struct carrier_act x = base(CA_EXTEND, LEVEL_SECRET);

	(void)state;
	x.approved = true;
	x.expiry_day = x.today + 30;
	assert_int_equal(chk(&x), CARRIER_OK);
	x.expiry_day = x.today - 1;
	assert_int_equal(chk(&x), CARRIER_EXPIRED); /* decided before expiry, not after */
	x = base(CA_RETURN_ISSUER, LEVEL_SECRET);
	assert_int_equal(chk(&x), CARRIER_OK);
	assert_int_equal(carrier_next_state(&x), CS_RETURNED);
	x.state = CS_BORROWED;
	assert_int_equal(chk(&x), CARRIER_BAD_STATE);
	x = base(CA_ARCHIVE, LEVEL_CONFIDENTIAL);
	assert_int_equal(carrier_next_state(&x), CS_ARCHIVED);
	assert_int_equal(chk(&x), CARRIER_OK);
	/* nothing happens to a final carrier */
	for (int a = 0; a < CA_COUNT; a++) {
		x = base((enum carrier_action)a, LEVEL_CONFIDENTIAL);
		x.state = CS_ARCHIVED;
		assert_int_equal(chk(&x), CARRIER_BAD_STATE);
	}
}

/* The yearly review: due a year after the last review (or the issue day), classified only. */
static void test_yearly_review(void **state)
{
	struct carrier_act x = base(CA_REVIEW, LEVEL_SECRET);
	enum carrier_action a;
	int32_t issued = bjtime_days_from_civil(2024, 3, 15);
	int32_t leap = bjtime_days_from_civil(2024, 2, 29);

	(void)state;
	assert_int_equal(carrier_action_parse("review", &a), 0);
	assert_int_equal(a, CA_REVIEW);
	assert_int_equal(carrier_action_parse("年度审查", &a), 0);
	/* never reviewed: a year after the issue day; reviewed: a year after the review */
	assert_int_equal(carrier_review_due(LEVEL_CONFIDENTIAL, CS_IN_CUSTODY, issued, 0),
	                 bjtime_days_from_civil(2025, 3, 15));
	assert_int_equal(carrier_review_due(LEVEL_TOP_SECRET, CS_BORROWED, issued,
	                                    bjtime_days_from_civil(2025, 6, 1)),
	                 bjtime_days_from_civil(2026, 6, 1));
	/* 29 February gives 28 February of the next year */
	assert_int_equal(carrier_review_due(LEVEL_SECRET, CS_IN_CUSTODY, leap, 0),
	                 bjtime_days_from_civil(2025, 2, 28));
	/* none for unclassified or finished carriers */
	assert_int_equal(carrier_review_due(LEVEL_INTERNAL, CS_IN_CUSTODY, issued, 0), 0);
	assert_int_equal(carrier_review_due(LEVEL_PUBLIC, CS_IN_CUSTODY, issued, 0), 0);
	for (int s = CS_RETURNED; s <= CS_ARCHIVED; s++)
		assert_int_equal(carrier_review_due(LEVEL_SECRET, (enum carrier_state)s, issued, 0),
		                 0);
	/* any state but a final one or lost/leaked; the state stays */
	for (int s = 0; s < CS_COUNT; s++) {
		x.state = (enum carrier_state)s;
		assert_int_equal(chk(&x), carrier_state_final(x.state) ? CARRIER_BAD_STATE
		                          : x.state == CS_COMPROMISED  ? CARRIER_COMPROMISED
		                                                       : CARRIER_OK);
		if (!carrier_state_final(x.state) && x.state != CS_COMPROMISED)
			assert_int_equal(carrier_next_state(&x), x.state);
	}
	/* no approval needed; a 绝密 carrier is reviewed even while its handler is missing */
	x = base(CA_REVIEW, LEVEL_TOP_SECRET);
	assert_false(carrier_needs_approval(CA_REVIEW, LEVEL_TOP_SECRET));
	x.handler_id = 0;
	assert_int_equal(chk(&x), CARRIER_OK);
	/* unclassified carriers have no yearly review */
	x = base(CA_REVIEW, LEVEL_INTERNAL);
	assert_int_equal(chk(&x), CARRIER_NO_REVIEW);
	assert_string_not_equal(carrier_err_zh(CARRIER_NO_REVIEW), "");
	assert_string_not_equal(carrier_err_en(CARRIER_NO_REVIEW), "");
}

/* Destruction witnesses (监销人): two distinct real people, in post, cleared, not the destroyer. */
static void test_witnesses(void **state)
{
	struct carrier_act x = base(CA_DESTROY, LEVEL_SECRET);
	struct carrier_person w[3] = {
	    {.id = 12, .exists = true, .active = true, .clearance = LEVEL_SECRET},
	    {.id = 13, .exists = true, .active = true, .clearance = LEVEL_TOP_SECRET},
	    {.id = 14, .exists = true, .active = true, .clearance = LEVEL_SECRET}};
	const char *field;
	size_t at = 99;

	(void)state;
	x.approved = true;
	x.actor_id = 50;
	x.witnesses = w;
	x.nwitnesses = 2;
	assert_int_equal(chk(&x), CARRIER_OK);
	/* [12,12]: one person named twice is one witness */
	w[1].id = 12;
	assert_int_equal(carrier_check(&x, &field), CARRIER_PERSON_TWICE);
	assert_string_equal(field, "witnesses");
	assert_int_equal(carrier_people_check(w, 2, x.level, x.actor_id, &at),
	                 CARRIER_PERSON_TWICE);
	assert_int_equal(at, 1);
	/* the one destroying is not their own witness */
	w[1].id = 50;
	assert_int_equal(carrier_check(&x, &field), CARRIER_PERSON_IS_ACTOR);
	assert_string_equal(field, "witnesses");
	w[1].id = 13;
	/* a person who does not exist */
	w[0].exists = false;
	assert_int_equal(carrier_check(&x, &field), CARRIER_PERSON_MISSING);
	assert_string_equal(field, "witnesses");
	w[0].exists = true;
	/* in 脱密期 or left, whatever their class */
	w[1].active = false;
	assert_int_equal(carrier_check(&x, &field), CARRIER_PERSON_INACTIVE);
	assert_string_equal(field, "witnesses");
	assert_int_equal(carrier_people_check(w, 2, x.level, x.actor_id, &at),
	                 CARRIER_PERSON_INACTIVE);
	assert_int_equal(at, 1);
	w[1].active = true;
	/* not cleared for the level: a 秘密-cleared person cannot witness a 机密 destruction */
	w[0].clearance = LEVEL_CONFIDENTIAL;
	assert_int_equal(carrier_check(&x, &field), CARRIER_NO_CLEARANCE);
	assert_string_equal(field, "witnesses");
	w[0].clearance = LEVEL_NONE; /* 非涉密人员 */
	assert_int_equal(chk(&x), CARRIER_NO_CLEARANCE);
	/* a third witness may stand in: the list is judged whole */
	x.witnesses = w + 1;
	assert_int_equal(chk(&x), CARRIER_OK);
	x.witnesses = w;
	x.nwitnesses = 3;
	assert_int_equal(chk(&x), CARRIER_NO_CLEARANCE);
	/* an unclassified carrier's witnesses need no clearance, but are real and in post */
	x.level = LEVEL_INTERNAL;
	assert_int_equal(chk(&x), CARRIER_OK);
	w[2].active = false;
	assert_int_equal(chk(&x), CARRIER_PERSON_INACTIVE);
	/* with no person behind the account, nobody is excluded as the actor */
	assert_int_equal(carrier_people_check(w, 2, LEVEL_INTERNAL, 0, &at), CARRIER_OK);
	for (int e = CARRIER_PERSON_MISSING; e <= CARRIER_OTHER_DEPARTMENT; e++) {
		assert_string_not_equal(carrier_err_zh((enum carrier_err)e), "");
		assert_string_not_equal(carrier_err_en((enum carrier_err)e), "");
	}
}

/* 绝密 taken out: the one taking it and at least one companion, each real, in post, cleared. */
static void test_companions(void **state)
{
	struct carrier_act x = base(CA_TAKE_OUT, LEVEL_TOP_SECRET);
	struct carrier_person p[2] = {
	    {.id = 12, .exists = true, .active = true, .clearance = LEVEL_TOP_SECRET},
	    {.id = 13, .exists = true, .active = true, .clearance = LEVEL_TOP_SECRET}};
	const char *field;

	(void)state;
	x.approved = true;
	x.due_day = 20003;
	x.actor_id = 50;
	x.companions = p;
	x.ncompanions = 1;
	assert_int_equal(chk(&x), CARRIER_OK);
	/* companions [99999]: nobody */
	p[0].exists = false;
	assert_int_equal(carrier_check(&x, &field), CARRIER_PERSON_MISSING);
	assert_string_equal(field, "companions");
	p[0].exists = true;
	p[0].active = false;
	assert_int_equal(carrier_check(&x, &field), CARRIER_PERSON_INACTIVE);
	assert_string_equal(field, "companions");
	p[0].active = true;
	p[0].clearance = LEVEL_SECRET;
	assert_int_equal(carrier_check(&x, &field), CARRIER_NO_CLEARANCE);
	assert_string_equal(field, "companions");
	p[0].clearance = LEVEL_TOP_SECRET;
	/* the one taking it out is not also their own companion */
	p[0].id = 50;
	assert_int_equal(chk(&x), CARRIER_PERSON_IS_ACTOR);
	p[0].id = 12;
	/* an account without a person counts as nobody: two companions are needed */
	x.actor_id = 0;
	assert_int_equal(chk(&x), CARRIER_NEEDS_TWO_CARRIERS);
	x.ncompanions = 2;
	assert_int_equal(chk(&x), CARRIER_OK);
	p[1].id = 12;
	assert_int_equal(chk(&x), CARRIER_PERSON_TWICE);
	/* below 绝密 no companion is needed, but one named is judged the same */
	x = base(CA_TAKE_OUT, LEVEL_SECRET);
	x.approved = true;
	x.due_day = 20003;
	assert_int_equal(chk(&x), CARRIER_OK);
	p[1].id = 13;
	p[1].exists = false;
	x.companions = p + 1;
	x.ncompanions = 1;
	assert_int_equal(chk(&x), CARRIER_PERSON_MISSING);
}

/* On-site repair of a classified carrier is watched by a named person, in post and cleared. */
static void test_repair_supervisor(void **state)
{
	struct carrier_act x = base(CA_REPAIR, LEVEL_SECRET);
	const char *field;

	(void)state;
	x.on_site = true;
	x.actor_id = 50;
	assert_int_equal(carrier_check(&x, &field), CARRIER_NEEDS_SUPERVISOR);
	assert_string_equal(field, "supervisor_id");
	x.supervisor = (struct carrier_person){
	    .id = 12, .exists = false, .active = true, .clearance = LEVEL_SECRET};
	assert_int_equal(carrier_check(&x, &field), CARRIER_PERSON_MISSING);
	assert_string_equal(field, "supervisor_id");
	x.supervisor.exists = true;
	x.supervisor.active = false;
	assert_int_equal(chk(&x), CARRIER_PERSON_INACTIVE);
	x.supervisor.active = true;
	x.supervisor.clearance = LEVEL_CONFIDENTIAL;
	assert_int_equal(carrier_check(&x, &field), CARRIER_NO_CLEARANCE);
	assert_string_equal(field, "supervisor_id");
	x.supervisor.clearance = LEVEL_SECRET;
	assert_int_equal(chk(&x), CARRIER_OK);
	/* the officer recording it may watch it themselves */
	x.supervisor.id = 50;
	assert_int_equal(chk(&x), CARRIER_OK);
	/* unclassified equipment needs no supervisor */
	x = base(CA_REPAIR, LEVEL_INTERNAL);
	x.on_site = true;
	assert_int_equal(chk(&x), CARRIER_OK);
	/* off site: sanitised and approved; no supervisor on site to name */
	x = base(CA_REPAIR, LEVEL_CONFIDENTIAL);
	x.sanitised = x.approved = true;
	assert_int_equal(chk(&x), CARRIER_OK);
}

/* A department head decides for the carrier's department: its custodian's, else its handler's. */
static void test_dept_head(void **state)
{
	(void)state;
	assert_int_equal(carrier_department(3, 4), 3);
	assert_int_equal(carrier_department(0, 4), 4);
	assert_int_equal(carrier_department(0, 0), 0);
	assert_int_equal(carrier_dept_head_check(3, carrier_department(3, 4)), CARRIER_OK);
	assert_int_equal(carrier_dept_head_check(4, carrier_department(3, 4)),
	                 CARRIER_OTHER_DEPARTMENT);
	assert_int_equal(carrier_dept_head_check(4, carrier_department(0, 4)), CARRIER_OK);
	/* no department on either side: nobody is "their own" */
	assert_int_equal(carrier_dept_head_check(0, 0), CARRIER_OTHER_DEPARTMENT);
	assert_int_equal(carrier_dept_head_check(3, 0), CARRIER_OTHER_DEPARTMENT);
	assert_int_equal(carrier_dept_head_check(0, 3), CARRIER_OTHER_DEPARTMENT);
}

/* A verified leak: 丢失/泄露 until the officer's restore, which returns the state before. */
static void test_lost_or_leaked(void **state)
{
	enum carrier_state s;
	enum carrier_action a;
	struct carrier_act x;
	const char *field;

	(void)state;
	assert_int_equal(carrier_state_parse("lost_or_leaked", &s), 0);
	assert_int_equal(s, CS_COMPROMISED);
	assert_int_equal(carrier_state_parse("丢失/泄露", &s), 0);
	assert_string_equal(carrier_state_zh(CS_COMPROMISED), "丢失/泄露");
	assert_false(carrier_state_final(CS_COMPROMISED));
	assert_int_equal(carrier_action_parse("restore", &a), 0);
	assert_int_equal(a, CA_RESTORE);
	/* every state in use becomes lost/leaked; finished ones and lost ones stay */
	for (int i = 0; i < CS_COUNT; i++) {
		enum carrier_state from = (enum carrier_state)i;

		assert_int_equal(carrier_leak_state(from),
		                 carrier_state_final(from) ? from : CS_COMPROMISED);
	}
	/* no yearly review falls due while lost; it is due again once restored */
	assert_int_equal(carrier_review_due(LEVEL_SECRET, CS_COMPROMISED, 20000, 0), 0);
	assert_int_not_equal(carrier_review_due(LEVEL_SECRET, CS_BORROWED, 20000, 0), 0);
	/* while lost or leaked, every action but restore is refused, with its own reason */
	for (int i = 0; i < CA_COUNT; i++) {
		x = base((enum carrier_action)i, LEVEL_SECRET);
		x.state = CS_COMPROMISED;
		x.approved = true;
		x.nwitnesses = 2;
		x.has_reason = true;
		assert_int_equal(chk(&x), i == CA_RESTORE ? CARRIER_OK : CARRIER_COMPROMISED);
	}
	/* restore applies only to a lost/leaked carrier, needs a reason, no approval */
	x = base(CA_RESTORE, LEVEL_TOP_SECRET);
	x.has_reason = true;
	assert_int_equal(chk(&x), CARRIER_BAD_STATE);
	x.state = CS_COMPROMISED;
	x.handler_id = 0;
	assert_int_equal(chk(&x), CARRIER_OK);
	x.has_reason = false;
	assert_int_equal(carrier_check(&x, &field), CARRIER_REASON_MISSING);
	assert_string_equal(field, "reason");
	assert_false(carrier_needs_approval(CA_RESTORE, LEVEL_TOP_SECRET));
	/* back to the state before the leak; in custody when none is recorded */
	x.prior_state = CS_BORROWED;
	assert_int_equal(carrier_next_state(&x), CS_BORROWED);
	x.prior_state = CS_TAKEN_OUT;
	assert_int_equal(carrier_next_state(&x), CS_TAKEN_OUT);
	x.prior_state = CS_COUNT;
	assert_int_equal(carrier_next_state(&x), CS_IN_CUSTODY);
	x.prior_state = CS_COMPROMISED;
	assert_int_equal(carrier_next_state(&x), CS_IN_CUSTODY);
	assert_string_not_equal(carrier_err_zh(CARRIER_COMPROMISED), "");
	assert_string_not_equal(carrier_err_en(CARRIER_REASON_MISSING), "");
}

/* Corrections: the description and scope, never the level or period; no future 定密日期. */
static void test_corrections(void **state)
{
	int32_t today = bjtime_days_from_civil(2026, 12, 6);

	(void)state;
	assert_int_equal(carrier_issued_check(today, today), CARRIER_OK);
	assert_int_equal(carrier_issued_check(today - 400, today), CARRIER_OK);
	assert_int_equal(carrier_issued_check(today + 1, today), CARRIER_FUTURE_DATE);
	assert_string_equal(carrier_err_zh(CARRIER_FUTURE_DATE), "定密日期不能晚于今天");
	assert_int_equal(carrier_correctable("title"), CARRIER_OK);
	assert_int_equal(carrier_correctable("scope_people"), CARRIER_OK);
	assert_int_equal(carrier_correctable("scope_departments"), CARRIER_OK);
	assert_int_equal(carrier_correctable("classify_basis"), CARRIER_OK);
	assert_int_equal(carrier_correctable("issued_on"), CARRIER_OK);
	assert_int_equal(carrier_correctable("level"), CARRIER_BY_ACTION);
	assert_int_equal(carrier_correctable("period_years"), CARRIER_BY_ACTION);
	assert_int_equal(carrier_correctable("release_on"), CARRIER_BY_ACTION);
	assert_int_equal(carrier_correctable("release_condition"), CARRIER_BY_ACTION);
	assert_int_equal(carrier_correctable("number"), CARRIER_NOT_CORRECTABLE);
	assert_int_equal(carrier_correctable("state"), CARRIER_NOT_CORRECTABLE);
	assert_int_equal(carrier_correctable("type"), CARRIER_NOT_CORRECTABLE);
	assert_int_equal(carrier_correctable(NULL), CARRIER_NOT_CORRECTABLE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names_and_numbers),
	    cmocka_unit_test(test_periods),
	    cmocka_unit_test(test_need_to_know_matrix),
	    cmocka_unit_test(test_borrow_and_return),
	    cmocka_unit_test(test_circulation),
	    cmocka_unit_test(test_take_out_repair),
	    cmocka_unit_test(test_destroy_declassify_copy),
	    cmocka_unit_test(test_extend_return_archive),
	    cmocka_unit_test(test_yearly_review),
	    cmocka_unit_test(test_witnesses),
	    cmocka_unit_test(test_companions),
	    cmocka_unit_test(test_repair_supervisor),
	    cmocka_unit_test(test_dept_head),
	    cmocka_unit_test(test_lost_or_leaked),
	    cmocka_unit_test(test_corrections),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
