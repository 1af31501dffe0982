/*
 * Key places (保密要害部门部位): the approval chain, the visit state machine,
 * the masking of ID numbers, and an unapproved entry recorded as a finding
 * of the standing campaign.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/place.h"
#include "../../src/core/role.h"
#include "../../src/store/store_inspect.h"
#include "../../src/store/store_places.h"
#include "../../src/util/bjtime.h"

static char base[256];

static void test_chain_parse(void **state)
{
	uint32_t steps[PLACE_CHAIN_MAX];
	char canon[PLACE_CHAIN_TEXT];
	int n;

	(void)state;
	assert_int_equal(place_chain_parse("保密员,分管领导", steps, &n, canon, sizeof(canon)),
	                 PLACE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(steps[0], ROLE_OFFICER);
	assert_int_equal(steps[1], ROLE_LEADER);
	assert_string_equal(canon, "officer,leader");
	assert_int_equal(place_chain_parse("responsible,officer", steps, &n, NULL, 0), PLACE_OK);
	assert_int_equal(steps[0], PLACE_STEP_RESPONSIBLE);
	/* refused: empty, unknown, the duty desk or staff, twice the same, a dangling comma, too
	 * long */
	assert_int_equal(place_chain_parse("", steps, &n, NULL, 0), PLACE_BAD_CHAIN);
	assert_int_equal(place_chain_parse("boss", steps, &n, NULL, 0), PLACE_BAD_CHAIN);
	assert_int_equal(place_chain_parse("officer,duty", steps, &n, NULL, 0), PLACE_BAD_CHAIN);
	assert_int_equal(place_chain_parse("staff", steps, &n, NULL, 0), PLACE_BAD_CHAIN);
	assert_int_equal(place_chain_parse("officer,officer", steps, &n, NULL, 0), PLACE_BAD_CHAIN);
	assert_int_equal(place_chain_parse("officer,", steps, &n, NULL, 0), PLACE_BAD_CHAIN);
	assert_int_equal(place_chain_parse(",officer", steps, &n, NULL, 0), PLACE_BAD_CHAIN);
	assert_int_equal(
	    place_chain_parse("officer,leader,dept_head,responsible,officer", steps, &n, NULL, 0),
	    PLACE_BAD_CHAIN);
}

static void test_decide_chain(void **state)
{
	uint32_t steps[PLACE_CHAIN_MAX] = {ROLE_OFFICER, PLACE_STEP_RESPONSIBLE};
	struct visit_decider off = {.roles = ROLE_OFFICER}, lead = {.roles = ROLE_LEADER},
	                     keeper = {.roles = ROLE_STAFF, .responsible = true};
	enum visit_state s = VS_PENDING;
	int step = 0;

	(void)state;
	/* the leader holds no step of this chain */
	assert_int_equal(visit_decide(&s, &step, 2, steps, -1, &lead, true), PLACE_NOT_APPROVER);
	/* the keeper's step comes second */
	assert_int_equal(visit_decide(&s, &step, 2, steps, -1, &keeper, true), PLACE_NOT_APPROVER);
	off.requester = true;
	assert_int_equal(visit_decide(&s, &step, 2, steps, -1, &off, true), PLACE_OWN_REQUEST);
	off.requester = false;
	assert_int_equal(visit_decide(&s, &step, 2, steps, 0, &off, true), PLACE_OK);
	assert_int_equal(s, VS_PENDING);
	assert_int_equal(step, 1);
	/* a second approver who saw step 0 is too late; one who decided decides no more */
	assert_int_equal(visit_decide(&s, &step, 2, steps, 0, &keeper, true), PLACE_STEP_MOVED);
	keeper.decided = true;
	assert_int_equal(visit_decide(&s, &step, 2, steps, 1, &keeper, true),
	                 PLACE_ALREADY_DECIDED);
	keeper.decided = false;
	assert_int_equal(visit_decide(&s, &step, 2, steps, 1, &keeper, true), PLACE_OK);
	assert_int_equal(s, VS_APPROVED);
	assert_int_equal(visit_decide(&s, &step, 2, steps, -1, &off, true), PLACE_NOT_PENDING);

	/* a rejection at the first step ends the request there */
	s = VS_PENDING;
	step = 0;
	assert_int_equal(visit_decide(&s, &step, 2, steps, -1, &off, false), PLACE_OK);
	assert_int_equal(s, VS_REJECTED);
	assert_int_equal(step, 0);
	assert_int_equal(visit_decide(&s, &step, 2, steps, -1, &keeper, true), PLACE_NOT_PENDING);
}

static void test_visit_states(void **state)
{
	enum visit_state to;

	(void)state;
	assert_int_equal(visit_next(VS_PENDING, VA_ENTER, &to), PLACE_BAD_STATE);
	assert_int_equal(visit_next(VS_REJECTED, VA_ENTER, &to), PLACE_BAD_STATE);
	assert_int_equal(visit_next(VS_APPROVED, VA_LEAVE, &to), PLACE_BAD_STATE);
	assert_int_equal(visit_next(VS_APPROVED, VA_ENTER, &to), PLACE_OK);
	assert_int_equal(to, VS_IN);
	assert_int_equal(visit_next(VS_IN, VA_CANCEL, &to), PLACE_BAD_STATE);
	assert_int_equal(visit_next(VS_IN, VA_LEAVE, &to), PLACE_OK);
	assert_int_equal(to, VS_OUT);
	assert_int_equal(visit_next(VS_OUT, VA_LEAVE, &to), PLACE_BAD_STATE);
	assert_int_equal(visit_next(VS_PENDING, VA_CANCEL, &to), PLACE_OK);
	assert_int_equal(to, VS_CANCELLED);
	assert_int_equal(visit_next(VS_APPROVED, VA_CANCEL, &to), PLACE_OK);
	assert_int_equal(visit_next(VS_CANCELLED, VA_CANCEL, &to), PLACE_BAD_STATE);
}

static void test_mask(void **state)
{
	char out[40];

	(void)state;
	place_mask_id("110101199001011234", out, sizeof(out));
	assert_string_equal(out, "110***********1234");
	place_mask_id("E1234567", out, sizeof(out));
	assert_string_equal(out, "E12*4567");
	place_mask_id("A12", out, sizeof(out));
	assert_string_equal(out, "*12");
	place_mask_id("", out, sizeof(out));
	assert_string_equal(out, "");
	assert_true(place_review_overdue(100, 101));
	assert_false(place_review_overdue(101, 101));
	assert_false(place_review_overdue(0, 101));
}

/* An unapproved entry is a high finding of the standing campaign, made once and then reused. */
static void test_entry_finding(void **state)
{
	struct store_init_opts io = {
	    .unit_name = "测试单位", .unit_code = "T", .init_password = "Init-Pass-2026!"};
	char dir[300], err[512], pw[ADMIN_ROLE_COUNT][40];
	struct store *st;
	struct db *db;
	struct person per;
	struct place_rec p;
	struct visit_rec v1, v2;
	struct finding_rec f;
	int64_t k1 = 0, k2 = 0;
	json_t *items;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/s", base);
	assert_int_equal(store_create(dir, &io, pw, err, sizeof(err)), STORE_OK);
	assert_int_equal(store_open(&st, dir, err, sizeof(err)), STORE_OK);
	assert_int_equal(db_open(&db, st), STORE_OK);
	assert_int_equal(db_begin(db), STORE_OK);
	person_init(&per);
	per.unit_id = unit_home(db);
	snprintf(per.name, sizeof(per.name), "机房管理员");
	assert_int_equal(person_insert(db, &per), STORE_OK);
	memset(&p, 0, sizeof(p));
	p.unit_id = unit_home(db);
	snprintf(p.name, sizeof(p.name), "中心机房");
	p.kind = PLACE_SITE;
	p.level = LEVEL_SECRET;
	snprintf(p.location, sizeof(p.location), "主楼");
	snprintf(p.chain, sizeof(p.chain), "officer,leader");
	p.person_a = per.id;
	p.created_by = 1;
	p.created_at = p.updated_at = bjtime_now_ms();
	assert_int_equal(place_insert(db, &p), STORE_OK);
	for (int i = 0; i < 2; i++) {
		struct visit_rec *v = i ? &v2 : &v1;

		memset(v, 0, sizeof(*v));
		v->place_id = p.id;
		snprintf(v->visitor, sizeof(v->visitor), "访客%d", i);
		snprintf(v->organisation, sizeof(v->organisation), "外单位");
		snprintf(v->id_no, sizeof(v->id_no), "X%d", i);
		snprintf(v->purpose, sizeof(v->purpose), "送货");
		snprintf(v->chain, sizeof(v->chain), "%s", p.chain);
		v->state = VS_IN;
		v->unapproved = true;
		v->requested_by = v->recorded_by = 1;
		v->requested_at = v->entered_at = bjtime_now_ms();
		assert_int_equal(visit_insert(db, v), STORE_OK);
		assert_int_equal(place_entry_finding(db, &p, v, 1, i ? &k2 : &k1), STORE_OK);
		assert_true(v->finding_id > 0);
	}
	assert_true(k1 > 0);
	assert_int_equal(k1, k2);
	assert_true(v1.finding_id != v2.finding_id);
	assert_int_equal(finding_get(db, v1.finding_id, &f), STORE_OK);
	assert_int_equal(f.campaign_id, k1);
	assert_int_equal(f.severity, IS_HIGH);
	assert_non_null(strstr(f.title, "未经批准进入中心机房"));
	/* the visit keeps its finding, and the campaign names the place */
	assert_int_equal(visit_get(db, v2.id, &v1), STORE_OK);
	assert_int_equal(v1.finding_id, v2.finding_id);
	assert_int_equal(place_campaigns(db, p.id, &items), STORE_OK);
	assert_int_equal(json_array_size(items), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), k1);
	json_decref(items);
	db_rollback(db);
	db_close(db);
	store_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chain_parse),   cmocka_unit_test(test_decide_chain),
	    cmocka_unit_test(test_visit_states),  cmocka_unit_test(test_mask),
	    cmocka_unit_test(test_entry_finding),
	};
	int rc;
	char cmd[300];

	snprintf(base, sizeof(base), "/tmp/baomi-test-places-XXXXXX");
	if (!mkdtemp(base))
		return 2;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd) != 0)
		return 2;
	return rc;
}
