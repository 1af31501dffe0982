/*
 * The ledger's lists against the rule itself: a random ledger of carriers,
 * people, departments and scopes, changed after registration, and for many
 * viewers (officers, people of every class and status, an account without
 * a person) and filters, carrier_list() and carrier_stats() must give
 * exactly what carrier_may_see() and the filter give when every carrier is
 * judged one by one: the same ids in the same order, the same totals.
 * Each check runs under the default plan choices and under tiny ones, so
 * every plan (tally, table scan, row filters, FTS5 in one pass and in two)
 * is compared.  Last, approval requests: a step is decided once, an
 * approval used once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/store/store.h"
#include "../../src/util/bjtime.h"

#define NDEPT 5
#define NPEOPLE 40
#define NCARRIERS 2600

static const char *const words[] = {"保密", "检查", "会议", "纪要", "应急", "预案",
                                    "网络", "改造", "人事", "档案", "财务", "审批"};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static char base[256];
static struct store *st;
static struct db *db;
static int64_t dept[NDEPT];
static struct person people[NPEOPLE];
static struct carrier_rec *recs; /* as stored, by index; id = recs[i].id */
static int32_t today;
static unsigned seed = 7;

static unsigned rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return ((seed >> 8) & 0xffffff) % n;
}

static void random_carrier(struct carrier_rec *c)
{
	size_t len = 0;

	carrier_rec_init(c);
	c->unit_id = 1;
	c->type = (enum carrier_type)rnd(CT_COUNT);
	c->level = (enum level)rnd(LEVEL_COUNT);
	/* mostly in custody, so that the commonest state is most of the ledger */
	c->state = rnd(10) < 7 ? CS_IN_CUSTODY : (enum carrier_state)rnd(CS_COUNT);
	for (int w = 0; w < 3; w++)
		len += (size_t)snprintf(c->title + len, sizeof(c->title) - len, "%s",
		                        words[rnd(NWORDS)]);
	if (rnd(3) == 0)
		snprintf(c->notes, sizeof(c->notes), "备注%s", words[rnd(NWORDS)]);
	c->issued_on = today - 800 + (int32_t)rnd(800);
	c->expires_on = rnd(4) ? today - 400 + (int32_t)rnd(800) : 0;
	c->reviewed_on = rnd(2) ? today - 420 + (int32_t)rnd(400) : 0;
	if (c->state == CS_BORROWED || c->state == CS_TAKEN_OUT)
		c->due_on = today - 20 + (int32_t)rnd(40);
	c->custodian_id = rnd(5) ? people[rnd(NPEOPLE)].id : 0;
	c->nscope_people = rnd(4);
	for (size_t k = 0; k < c->nscope_people; k++)
		c->scope_people[k] = people[rnd(NPEOPLE)].id; /* repeats allowed */
	c->nscope_depts = rnd(5) == 0 ? 1 + rnd(2) : 0;
	for (size_t k = 0; k < c->nscope_depts; k++)
		c->scope_depts[k] = dept[rnd(NDEPT)];
}

static int setup(void **state)
{
	struct store_init_opts io = {
	    .unit_name = "测试单位", .unit_code = "T", .init_password = "Init-Pass-2026!"};
	char dir[300], err[512], pw[ADMIN_ROLE_COUNT][40];

	(void)state;
	today = (int32_t)((time(NULL) + BJTIME_OFFSET_S) / 86400); /* the Beijing day */
	snprintf(base, sizeof(base), "/tmp/baomi-test-ledger-XXXXXX");
	if (!mkdtemp(base))
		return -1;
	snprintf(dir, sizeof(dir), "%s/data", base);
	if (store_create(dir, &io, pw, err, sizeof(err)) ||
	    store_open(&st, dir, err, sizeof(err)) || db_open(&db, st) || db_begin(db))
		return -1;
	for (int i = 0; i < NDEPT; i++) {
		struct department d = {.unit_id = 1};

		snprintf(d.name, sizeof(d.name), "部门%d", i);
		snprintf(d.code, sizeof(d.code), "D%d", i);
		if (dept_insert(db, &d))
			return -1;
		dept[i] = d.id;
	}
	for (int i = 0; i < NPEOPLE; i++) {
		struct person *p = &people[i];

		person_init(p);
		p->unit_id = 1;
		p->department_id = rnd(6) ? dept[rnd(NDEPT)] : 0;
		snprintf(p->name, sizeof(p->name), "人员%d", i);
		p->staff_class = (enum staff_class)rnd(4);
		p->commitment_signed_on = today - 100;
		p->status = rnd(5) ? PERSON_ACTIVE : (enum person_status)(1 + rnd(2));
		if (person_insert(db, p))
			return -1;
	}
	recs = calloc(NCARRIERS, sizeof(*recs));
	if (!recs)
		return -1;
	for (int i = 0; i < NCARRIERS; i++) {
		random_carrier(&recs[i]);
		if (carrier_insert(db, &recs[i], "T"))
			return -1;
	}
	/* changes after registration: level, state, scope, custodian, text */
	for (int i = 0; i < NCARRIERS / 5; i++) {
		struct carrier_rec *c = &recs[rnd(NCARRIERS)], n;
		int64_t id = c->id;

		random_carrier(&n);
		n.id = id;
		memcpy(n.number, c->number, sizeof(n.number));
		*c = n;
		if (carrier_save(db, c))
			return -1;
	}
	/* lifecycle actions on what is stored: level, state, holder, review */
	for (int i = 0; i < NCARRIERS / 10; i++) {
		struct carrier_rec *c = &recs[rnd(NCARRIERS)];

		if (carrier_get(db, c->id, c))
			return -1;
		c->level = (enum level)rnd(LEVEL_COUNT);
		c->state = (enum carrier_state)rnd(CS_COUNT);
		c->holder_id = rnd(2) ? people[rnd(NPEOPLE)].id : 0;
		c->due_on = c->holder_id ? today - 20 + (int32_t)rnd(40) : 0;
		c->reviewed_on = rnd(2) ? today - (int32_t)rnd(400) : c->reviewed_on;
		if (carrier_save_lifecycle(db, c))
			return -1;
	}
	if (db_commit(db))
		return -1;
	/* the stored form: scope deduplicated, review due computed */
	for (int i = 0; i < NCARRIERS; i++)
		if (carrier_get(db, recs[i].id, &recs[i]))
			return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	free(recs);
	db_close(db);
	store_free(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	return system(cmd) == 0 ? 0 : -1;
}

/* Does a word occur in the carrier's text?  Chinese words as substrings (each
 * is a phrase of bigrams); ASCII words as a whole dash-separated part of the
 * number, any case (the only ASCII text here): never an acl token. */
static bool word_in(const struct carrier_rec *c, const char *w)
{
	char num[64], *save = NULL;

	if ((unsigned char)w[0] >= 0x80)
		return strstr(c->title, w) || strstr(c->notes, w) || strstr(c->number, w);
	snprintf(num, sizeof(num), "%s", c->number);
	for (char *part = strtok_r(num, "-", &save); part; part = strtok_r(NULL, "-", &save))
		if (strcasecmp(part, w) == 0)
			return true;
	return false;
}

static bool matches(const struct carrier_rec *c, const struct carrier_filter *f)
{
	bool final = carrier_state_final(c->state);

	if ((f->type >= 0 && (int)c->type != f->type) ||
	    (f->level >= 0 && (int)c->level != f->level) ||
	    (f->state >= 0 && (int)c->state != f->state) ||
	    (f->custodian_id && c->custodian_id != f->custodian_id))
		return false;
	if (f->expiring_days > 0 && !(c->expires_on && c->expires_on >= f->today &&
	                              c->expires_on <= f->today + f->expiring_days && !final))
		return false;
	if (f->expired && !(c->expires_on && c->expires_on < f->today && !final))
		return false;
	if (f->overdue && !((c->state == CS_BORROWED || c->state == CS_TAKEN_OUT) && c->due_on &&
	                    c->due_on < f->today))
		return false;
	if (f->review_days > 0 && !(c->review_due && c->review_due <= f->today + f->review_days))
		return false;
	if (f->q && *f->q) {
		char q[128], *save = NULL;

		snprintf(q, sizeof(q), "%s", f->q);
		for (char *w = strtok_r(q, " ", &save); w; w = strtok_r(NULL, " ", &save))
			if (!word_in(c, w))
				return false;
	}
	return true;
}

/* Compares one list call with the rule applied carrier by carrier. */
static void check_list(const struct carrier_viewer *v, const struct carrier_filter *f,
                       const char *what)
{
	json_t *items;
	int64_t total, want_total = 0;
	int64_t *want = calloc(NCARRIERS, sizeof(*want));
	size_t n = 0;

	assert_non_null(want);
	/* newest first */
	for (int i = NCARRIERS - 1; i >= 0; i--) {
		struct carrier_access a;

		carrier_access_of(&recs[i], &a);
		if (carrier_may_see(&a, v) && matches(&recs[i], f)) {
			if (want_total >= f->offset && (int64_t)n < f->limit)
				want[n++] = recs[i].id;
			want_total++;
		}
	}
	assert_int_equal(carrier_list(db, v, f, &items, &total), STORE_OK);
	if (total != want_total || json_array_size(items) != n)
		fail_msg("%s (person %lld, officer %d): total %lld, want %lld; %zu items, want %zu",
		         what, (long long)v->person_id, v->officer, (long long)total,
		         (long long)want_total, json_array_size(items), n);
	for (size_t i = 0; i < n; i++) {
		int64_t got = json_integer_value(json_object_get(json_array_get(items, i), "id"));

		if (got != want[i])
			fail_msg("%s (person %lld): item %zu is %lld, want %lld", what,
			         (long long)v->person_id, i, (long long)got, (long long)want[i]);
	}
	json_decref(items);
	free(want);
}

static void check_stats(const struct carrier_viewer *v)
{
	int64_t by_level[LEVEL_COUNT] = {0}, by_state[CS_COUNT] = {0}, total = 0;
	json_t *out;

	for (int i = 0; i < NCARRIERS; i++) {
		struct carrier_access a;

		carrier_access_of(&recs[i], &a);
		if (carrier_may_see(&a, v)) {
			by_level[recs[i].level]++;
			by_state[recs[i].state]++;
			total++;
		}
	}
	assert_int_equal(carrier_stats(db, v, today, &out), STORE_OK);
	assert_int_equal(json_integer_value(json_object_get(out, "total")), total);
	for (int l = 0; l < LEVEL_COUNT; l++)
		assert_int_equal(json_integer_value(json_object_get(
		                     json_object_get(out, "by_level"), level_code((enum level)l))),
		                 by_level[l]);
	for (int s = 0; s < CS_COUNT; s++)
		assert_int_equal(
		    json_integer_value(json_object_get(json_object_get(out, "by_state"),
		                                       carrier_state_code((enum carrier_state)s))),
		    by_state[s]);
	json_decref(out);
}

static void viewer_of(int i, bool officer, struct carrier_viewer *v)
{
	memset(v, 0, sizeof(*v));
	v->clearance = LEVEL_NONE;
	v->officer = officer;
	if (i >= 0) {
		v->person_id = people[i].id;
		v->department_id = people[i].department_id;
		v->clearance = person_clearance(&people[i]);
	}
}

static void random_filter(struct carrier_filter *f)
{
	static char q[64];

	memset(f, 0, sizeof(*f));
	f->type = rnd(3) ? -1 : (int)rnd(CT_COUNT);
	f->level = rnd(3) ? -1 : (int)rnd(LEVEL_COUNT);
	f->state = rnd(3) ? -1 : (rnd(2) ? CS_IN_CUSTODY : (int)rnd(CS_COUNT));
	f->today = today;
	f->limit = rnd(2) ? 50 : 1 + (int)rnd(7);
	f->offset = rnd(3) ? 0 : (int)rnd(40);
	switch (rnd(10)) {
	case 0:
		f->custodian_id = people[rnd(NPEOPLE)].id;
		break;
	case 1:
		f->expiring_days = 1 + (int)rnd(300);
		break;
	case 2:
		f->expired = 1;
		break;
	case 3:
		f->overdue = 1;
		break;
	case 4:
		f->review_days = 1 + (int)rnd(60);
		break;
	default:
		break;
	}
	if (rnd(3) == 0) {
		/* ASCII words: parts of numbers, and the shapes of acl tokens, which no text has */
		static const char *const ascii[] = {"WJ", "jz", "SB",  "t3",
		                                    "l2", "s0", "ox1", "p5x2"};

		if (rnd(5) == 0)
			snprintf(q, sizeof(q), "%s", ascii[rnd(sizeof(ascii) / sizeof(ascii[0]))]);
		else if (rnd(3))
			snprintf(q, sizeof(q), "%s", words[rnd(NWORDS)]);
		else
			snprintf(q, sizeof(q), "%s %s", words[rnd(NWORDS)],
			         rnd(4) ? words[rnd(NWORDS)] : "wj");
		f->q = q;
	}
}

static void run_checks(int rounds)
{
	struct carrier_viewer v;
	struct carrier_filter f;
	char what[256];

	/* every person as a viewer, an officer of every clearance, an account without a person */
	for (int i = -1; i < NPEOPLE; i++) {
		viewer_of(i, false, &v);
		memset(&f, 0, sizeof(f));
		f.type = f.level = f.state = -1;
		f.today = today;
		f.limit = 500;
		check_list(&v, &f, "everything visible");
		check_stats(&v);
	}
	for (int i = 0; i < 4; i++) {
		viewer_of(i, true, &v);
		check_stats(&v);
	}
	for (int r = 0; r < rounds; r++) {
		int who = (int)rnd(NPEOPLE + 1) - 1;

		viewer_of(who, rnd(4) == 0, &v);
		random_filter(&f);
		snprintf(
		    what, sizeof(what),
		    "round %d: type %d level %d state %d q %s cust %lld exp %d/%d over %d rev %d",
		    r, f.type, f.level, f.state, f.q ? f.q : "-", (long long)f.custodian_id,
		    f.expiring_days, f.expired, f.overdue, f.review_days);
		check_list(&v, &f, what);
	}
}

static void test_lists_follow_the_rule(void **state)
{
	(void)state;
	run_checks(600);
}

static void test_every_plan_gives_the_same(void **state)
{
	struct carrier_list_tuning saved = carrier_list_tuning;

	(void)state;
	/* table scans give way to the index, one-pass counts to two passes, row filters to FTS5 */
	carrier_list_tuning.scan_rows = 10;
	carrier_list_tuning.row_probe = 3;
	carrier_list_tuning.collect_viewer = 5;
	carrier_list_tuning.collect_officer = 5;
	run_checks(600);
	carrier_list_tuning = saved;
}

/* A step is decided once and an approval used once, whatever a caller read before. */
static void test_requests_decided_and_used_once(void **state)
{
	struct carrier_request q, late, got;

	(void)state;
	memset(&q, 0, sizeof(q));
	q.carrier_id = recs[0].id;
	q.requested_by = 1;
	snprintf(q.action, sizeof(q.action), "copy");
	snprintf(q.reason, sizeof(q.reason), "会议需要");
	snprintf(q.steps, sizeof(q.steps), "dept_head,leader");
	snprintf(q.status, sizeof(q.status), "pending");
	snprintf(q.decisions, sizeof(q.decisions), "[]");
	assert_int_equal(db_begin(db), STORE_OK);
	assert_int_equal(request_insert(db, &q), STORE_OK);
	late = q; /* a second approver of step 0, who read the request before the first decided */
	q.step = 1;
	assert_int_equal(request_decide(db, &q, 0), STORE_OK);
	snprintf(late.status, sizeof(late.status), "rejected");
	assert_int_equal(request_decide(db, &late, 0), STORE_CONFLICT);
	q.step = 2;
	snprintf(q.status, sizeof(q.status), "approved");
	assert_int_equal(request_decide(db, &q, 1), STORE_OK);
	assert_int_equal(request_decide(db, &late, 1), STORE_CONFLICT); /* no longer pending */
	assert_int_equal(request_use(db, q.id), STORE_OK);
	assert_int_equal(request_use(db, q.id), STORE_CONFLICT);
	assert_int_equal(request_get(db, q.id, &got), STORE_OK);
	assert_string_equal(got.status, "used");
	assert_int_equal(got.step, 2);
	db_rollback(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lists_follow_the_rule),
	    cmocka_unit_test(test_every_plan_gives_the_same),
	    cmocka_unit_test(test_requests_decided_and_used_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
