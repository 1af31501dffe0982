#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/audit.h"
#include "../../src/core/audit_label.h"
#include "../../src/core/carrier.h"
#include "../../src/core/incident.h"

static struct hmac_sm3 key;

static void rec_init(struct audit_rec *r, int64_t id)
{
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->ts_ms = 1795221000000 + id;
	r->account_id = 7;
	r->username = "secadmin";
	r->role = "secadmin";
	r->event = "person.update";
	r->object_type = "person";
	r->object_id = "12";
	r->result = AUDIT_SUCCESS;
	r->source = "127.0.0.1";
	r->detail = "{}";
}

static void test_mac_covers_every_field(void **state)
{
	struct audit_rec r;
	uint8_t prev[AUDIT_MAC_LEN] = {0}, base[AUDIT_MAC_LEN], m[AUDIT_MAC_LEN];

	(void)state;
	rec_init(&r, 1);
	audit_mac(&key, &r, prev, base);
#define CHANGED(stmt)                                                                              \
	do {                                                                                       \
		rec_init(&r, 1);                                                                   \
		stmt;                                                                              \
		audit_mac(&key, &r, prev, m);                                                      \
		assert_memory_not_equal(base, m, AUDIT_MAC_LEN);                                   \
	} while (0)
	CHANGED(r.id = 2);
	CHANGED(r.ts_ms++);
	CHANGED(r.account_id = 8);
	CHANGED(r.username = "sysadmin");
	CHANGED(r.role = "auditor");
	CHANGED(r.event = "person.create");
	CHANGED(r.object_type = "account");
	CHANGED(r.object_id = "13");
	CHANGED(r.result = AUDIT_DENIED);
	CHANGED(r.source = "10.0.0.1");
	CHANGED(r.detail = "{\"a\":1}");
	/* moving a byte between adjacent fields changes the MAC (length prefixes) */
	CHANGED((r.object_type = "person1", r.object_id = "2"));
	CHANGED(prev[0] = 1);
#undef CHANGED
}

static void build_chain(struct audit_rec *r, uint8_t macs[][AUDIT_MAC_LEN], int n)
{
	uint8_t prev[AUDIT_MAC_LEN] = {0};

	for (int i = 0; i < n; i++) {
		rec_init(&r[i], i + 1);
		audit_mac(&key, &r[i], prev, macs[i]);
		memcpy(prev, macs[i], AUDIT_MAC_LEN);
	}
}

static int64_t verify(struct audit_rec *r, uint8_t macs[][AUDIT_MAC_LEN], const int *order, int n,
                      const char **reason)
{
	struct audit_verifier v;
	uint8_t zero[AUDIT_MAC_LEN] = {0};

	audit_verifier_init(&v, &key, 1, zero);
	for (int i = 0; i < n; i++)
		if (!audit_verifier_step(&v, &r[order[i]], macs[order[i]], AUDIT_MAC_LEN))
			break;
	*reason = v.reason;
	return v.bad_id;
}

static void test_verifier_detects(void **state)
{
	struct audit_rec r[6];
	uint8_t macs[6][AUDIT_MAC_LEN];
	const int intact[] = {0, 1, 2, 3, 4, 5};
	const int deleted[] = {0, 1, 3, 4, 5};
	const int swapped[] = {0, 1, 3, 2, 4, 5};
	const char *why;

	(void)state;
	build_chain(r, macs, 6);
	assert_int_equal(verify(r, macs, intact, 6, &why), 0);
	assert_null(why);
	assert_int_equal(verify(r, macs, deleted, 5, &why), 3);
	assert_non_null(strstr(why, "missing"));
	assert_int_equal(verify(r, macs, swapped, 6, &why), 3);
	/* an edited row breaks at itself */
	r[4].detail = "{\"edited\":true}";
	assert_int_equal(verify(r, macs, intact, 6, &why), 5);
	assert_non_null(strstr(why, "MAC"));
	/* swapping contents but keeping ids in order breaks the MAC */
	build_chain(r, macs, 6);
	r[2].event = "login.success";
	r[3].event = "person.update";
	r[2].id = 3;
	assert_int_equal(verify(r, macs, intact, 6, &why), 3);
	/* a wrong-length MAC is reported, not read past */
	{
		struct audit_verifier v;
		uint8_t zero[AUDIT_MAC_LEN] = {0};

		build_chain(r, macs, 6);
		audit_verifier_init(&v, &key, 1, zero);
		assert_false(audit_verifier_step(&v, &r[0], macs[0], 5));
		assert_int_equal(v.bad_id, 1);
	}
}

static void test_head_mac(void **state)
{
	uint8_t last[AUDIT_MAC_LEN] = {1}, a[AUDIT_MAC_LEN], b[AUDIT_MAC_LEN];

	(void)state;
	audit_head_mac(&key, 10, last, a);
	audit_head_mac(&key, 9, last, b);
	assert_memory_not_equal(a, b, AUDIT_MAC_LEN);
}

static void test_other_key_fails(void **state)
{
	struct audit_rec r[2];
	uint8_t macs[2][AUDIT_MAC_LEN];
	struct hmac_sm3 other;
	struct audit_verifier v;
	uint8_t zero[AUDIT_MAC_LEN] = {0};
	uint8_t k2[AUDIT_KEY_LEN] = {9};

	(void)state;
	build_chain(r, macs, 2);
	hmac_sm3_init(&other, k2, sizeof(k2));
	audit_verifier_init(&v, &other, 1, zero);
	assert_false(audit_verifier_step(&v, &r[0], macs[0], AUDIT_MAC_LEN));
}

/* The events the server writes from the action tables ("carrier.<action>", "incident.<action>")
 * each have a Chinese label; the table has no code twice and no empty label. */
static void test_event_labels_complete(void **state)
{
	char ev[64];

	(void)state;
	for (int a = 0; a < CA_COUNT; a++) {
		snprintf(ev, sizeof(ev), "carrier.%s", carrier_action_code((enum carrier_action)a));
		if (!audit_event_label(ev))
			fail_msg("no label for %s", ev);
	}
	for (int a = 0; a < INC_ACTION_COUNT; a++) {
		snprintf(ev, sizeof(ev), "incident.%s", inc_action_code((enum inc_action)a));
		if (!audit_event_label(ev))
			fail_msg("no label for %s", ev);
	}
	for (size_t i = 0; i < audit_event_count(); i++) {
		const struct audit_label *l = audit_event_at(i);

		assert_true(l->zh[0] && l->en[0]);
		assert_ptr_equal(audit_event_label(l->code), l);
	}
	for (size_t i = 0; i < audit_object_count(); i++)
		assert_ptr_equal(audit_object_label(audit_object_at(i)->code), audit_object_at(i));
	assert_string_equal(audit_event_label("carrier.read")->zh, "查阅载体");
	assert_null(audit_event_label("carrier.no_such_thing"));
}

int main(void)
{
	uint8_t k[AUDIT_KEY_LEN];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mac_covers_every_field),
	    cmocka_unit_test(test_verifier_detects),
	    cmocka_unit_test(test_head_mac),
	    cmocka_unit_test(test_other_key_fails),
	    cmocka_unit_test(test_event_labels_complete),
	};

	for (int i = 0; i < AUDIT_KEY_LEN; i++)
		k[i] = (uint8_t)i;
	hmac_sm3_init(&key, k, sizeof(k));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
