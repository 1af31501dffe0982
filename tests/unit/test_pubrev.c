/*
 * Publication review (信息发布保密审查): the chain's rules, who holds a
 * step and who sees a submission, the state machine of decisions with its
 * compare-and-set refusal, approval blocked by uncleared hits, clearing by
 * the officer only, publication of the frozen hash only; and the upload
 * path's scan through baomi-check's library (a docx made here: a keyword
 * split across runs is found with its context).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "../../src/core/pubrev.h"
#include "../../src/core/role.h"
#include "../../src/io/pubscan.h"

static struct pubrev_sub sub_default(void)
{
	struct pubrev_sub s;

	memset(&s, 0, sizeof(s));
	assert_int_equal(pubrev_chain_parse(PUBREV_DEFAULT_CHAIN, &s.chain), PUBREV_OK);
	s.submitted_by = 10;
	s.department_id = 3;
	return s;
}

static void test_chain(void **state)
{
	struct pubrev_chain c, d;
	char buf[64];

	(void)state;
	assert_int_equal(pubrev_chain_parse("dept_head,officer,leader", &c), PUBREV_OK);
	assert_int_equal(c.n, 3);
	pubrev_chain_format(&c, buf, sizeof(buf));
	assert_string_equal(buf, "dept_head,officer,leader");
	assert_int_equal(pubrev_chain_parse("officer,leader", &c), PUBREV_OK);
	/* no officer, not ending with the leader, repeated, unknown, empty, too long */
	assert_int_equal(pubrev_chain_parse("dept_head,leader", &c), PUBREV_BAD_CHAIN);
	assert_int_equal(pubrev_chain_parse("leader,officer", &c), PUBREV_BAD_CHAIN);
	assert_int_equal(pubrev_chain_parse("officer,officer,leader", &c), PUBREV_BAD_CHAIN);
	assert_int_equal(pubrev_chain_parse("staff,officer,leader", &c), PUBREV_BAD_CHAIN);
	assert_int_equal(pubrev_chain_parse("", &c), PUBREV_BAD_CHAIN);
	assert_int_equal(pubrev_chain_parse("dept_head,officer,leader,leader", &c),
	                 PUBREV_BAD_CHAIN);
	/* a submitter in no department skips the department head */
	pubrev_chain_parse(PUBREV_DEFAULT_CHAIN, &c);
	pubrev_chain_for(&c, false, &d);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.steps[0], ROLE_OFFICER);
	pubrev_chain_for(&c, true, &d);
	assert_int_equal(d.n, 3);
}

static void test_see_and_hold(void **state)
{
	struct pubrev_sub s = sub_default();
	struct pubrev_who own = {10, ROLE_STAFF, 3}, head = {11, ROLE_DEPT_HEAD, 3},
	                  other_head = {12, ROLE_DEPT_HEAD, 4}, officer = {13, ROLE_OFFICER, 1},
	                  leader = {14, ROLE_LEADER, 2}, staff = {15, ROLE_STAFF, 3};

	(void)state;
	assert_true(pubrev_may_see(&s, &own));
	assert_true(pubrev_may_see(&s, &head));
	assert_false(pubrev_may_see(&s, &other_head));
	assert_false(pubrev_may_see(&s, &officer)); /* not reached yet */
	assert_false(pubrev_may_see(&s, &leader));
	assert_false(pubrev_may_see(&s, &staff));
	s.step = 1;
	assert_true(pubrev_may_see(&s, &officer));
	assert_false(pubrev_may_see(&s, &leader));
	assert_true(pubrev_may_see(&s, &head)); /* a step passed stays visible */
	s.step = 2;
	assert_true(pubrev_may_see(&s, &leader));
	/* the submitter never holds a step of their own draft, whatever their roles */
	own.roles = ROLE_DEPT_HEAD | ROLE_OFFICER | ROLE_LEADER;
	assert_false(pubrev_holds_step(&s, 0, &own));
	assert_false(pubrev_holds_step(&s, 1, &own));
	assert_false(pubrev_holds_step(&s, 2, &own));
}

static void test_state_machine(void **state)
{
	struct pubrev_sub s = sub_default();
	struct pubrev_who head = {11, ROLE_DEPT_HEAD, 3}, officer = {13, ROLE_OFFICER, 1},
	                  leader = {14, ROLE_LEADER, 2};

	(void)state;
	assert_int_equal(pubrev_check_decision(&s, &officer, 0, PUBREV_APPROVE, "x"),
	                 PUBREV_NOT_YOURS);
	assert_int_equal(pubrev_check_decision(&s, &head, 0, PUBREV_APPROVE, ""), PUBREV_NO_REASON);
	assert_int_equal(pubrev_check_decision(&s, &head, 1, PUBREV_APPROVE, "x"), PUBREV_CONFLICT);
	assert_int_equal(pubrev_check_decision(&s, &head, 0, PUBREV_APPROVE, "ok"), PUBREV_OK);
	pubrev_apply_decision(&s, PUBREV_APPROVE);
	assert_int_equal(s.step, 1);
	assert_int_equal(s.state, PUBREV_REVIEWING);
	/* the same step again: the compare-and-set refuses it */
	assert_int_equal(pubrev_check_decision(&s, &head, 0, PUBREV_APPROVE, "ok"),
	                 PUBREV_CONFLICT);
	assert_int_equal(pubrev_check_decision(&s, &officer, 1, PUBREV_APPROVE, "ok"), PUBREV_OK);
	pubrev_apply_decision(&s, PUBREV_APPROVE);
	assert_int_equal(pubrev_check_decision(&s, &leader, 2, PUBREV_APPROVE, "ok"), PUBREV_OK);
	pubrev_apply_decision(&s, PUBREV_APPROVE);
	assert_int_equal(s.state, PUBREV_APPROVED);
	assert_int_equal(s.step, 3);
	assert_int_equal(pubrev_check_decision(&s, &leader, 2, PUBREV_APPROVE, "ok"),
	                 PUBREV_CONFLICT);
	/* a rejection ends the version's review at its step */
	s = sub_default();
	pubrev_apply_decision(&s, PUBREV_REJECT);
	assert_int_equal(s.state, PUBREV_REJECTED);
	assert_int_equal(s.step, 0);
	assert_int_equal(pubrev_check_decision(&s, &head, 0, PUBREV_APPROVE, "ok"),
	                 PUBREV_CONFLICT);
}

static void test_hits_block(void **state)
{
	struct pubrev_sub s = sub_default();
	struct pubrev_who head = {11, ROLE_DEPT_HEAD, 3}, officer = {13, ROLE_OFFICER, 1},
	                  leader = {14, ROLE_LEADER, 2}, staff = {15, ROLE_STAFF, 3};

	(void)state;
	s.uncleared = 2;
	/* the department head's step is not the officer's nor the last: it may pass */
	assert_int_equal(pubrev_check_decision(&s, &head, 0, PUBREV_APPROVE, "ok"), PUBREV_OK);
	s.step = 1;
	assert_int_equal(pubrev_check_decision(&s, &officer, 1, PUBREV_APPROVE, "ok"), PUBREV_HITS);
	/* rejecting is always possible */
	assert_int_equal(pubrev_check_decision(&s, &officer, 1, PUBREV_REJECT, "no"), PUBREV_OK);
	s.uncleared = 1;
	assert_int_equal(pubrev_check_decision(&s, &officer, 1, PUBREV_APPROVE, "ok"), PUBREV_HITS);
	s.uncleared = 0;
	assert_int_equal(pubrev_check_decision(&s, &officer, 1, PUBREV_APPROVE, "ok"), PUBREV_OK);
	s.step = 2;
	s.uncleared = 1; /* a new hit would block the last step too */
	assert_int_equal(pubrev_check_decision(&s, &leader, 2, PUBREV_APPROVE, "ok"), PUBREV_HITS);
	/* clearing: the officer, with a reason, once */
	assert_int_equal(pubrev_check_clear(&s, &staff, false, "r"), PUBREV_NOT_OFFICER);
	assert_int_equal(pubrev_check_clear(&s, &head, false, "r"), PUBREV_NOT_OFFICER);
	assert_int_equal(pubrev_check_clear(&s, &officer, false, ""), PUBREV_NO_REASON);
	assert_int_equal(pubrev_check_clear(&s, &officer, true, "r"), PUBREV_CLEARED);
	assert_int_equal(pubrev_check_clear(&s, &officer, false, "已核实无密"), PUBREV_OK);
	/* an officer's own draft is checked by another officer */
	s.submitted_by = officer.account_id;
	assert_int_equal(pubrev_check_clear(&s, &officer, false, "已核实无密"), PUBREV_NOT_OFFICER);
}

static void test_freeze(void **state)
{
	const char *a = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	const char *b = "1123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	(void)state;
	assert_int_equal(pubrev_check_publish(PUBREV_APPROVED, a, a), PUBREV_OK);
	assert_int_equal(pubrev_check_publish(PUBREV_APPROVED, a, b), PUBREV_NOT_FROZEN);
	assert_int_equal(pubrev_check_publish(PUBREV_APPROVED, "", ""), PUBREV_NOT_FROZEN);
	assert_int_equal(pubrev_check_publish(PUBREV_REVIEWING, a, a), PUBREV_NOT_FROZEN);
	assert_int_equal(pubrev_check_publish(PUBREV_REJECTED, a, a), PUBREV_NOT_FROZEN);
	assert_int_equal(pubrev_check_publish(PUBREV_APPROVED, a, "0123"), PUBREV_NOT_FROZEN);
}

/* A stored (uncompressed) zip of one entry, enough for the extractor. */
static size_t zip_one(unsigned char *out, const char *name, const char *data)
{
	size_t nl = strlen(name), dl = strlen(data), p = 0, cd;
	uint32_t crc = (uint32_t)crc32(0, (const unsigned char *)data, (uInt)dl);
	unsigned char h[30] = {0x50, 0x4b, 3, 4, 20, 0};

#define LE16(b, o, v) ((b)[o] = (unsigned char)(v), (b)[(o) + 1] = (unsigned char)((v) >> 8))
#define LE32(b, o, v) (LE16(b, o, (v)&0xffff), LE16(b, (o) + 2, (v) >> 16))
	LE32(h, 14, crc);
	LE32(h, 18, (uint32_t)dl);
	LE32(h, 22, (uint32_t)dl);
	LE16(h, 26, nl);
	memcpy(out, h, 30);
	p = 30;
	memcpy(out + p, name, nl);
	p += nl;
	memcpy(out + p, data, dl);
	p += dl;
	cd = p;
	{
		unsigned char c[46] = {0x50, 0x4b, 1, 2, 20, 0, 20, 0};

		LE32(c, 16, crc);
		LE32(c, 20, (uint32_t)dl);
		LE32(c, 24, (uint32_t)dl);
		LE16(c, 28, nl);
		memcpy(out + p, c, 46);
		p += 46;
		memcpy(out + p, name, nl);
		p += nl;
	}
	{
		unsigned char e[22] = {0x50, 0x4b, 5, 6};

		LE16(e, 8, 1);
		LE16(e, 10, 1);
		LE32(e, 12, (uint32_t)(p - cd));
		LE32(e, 16, (uint32_t)cd);
		memcpy(out + p, e, 22);
		p += 22;
	}
	return p;
}

static void test_scan_docx(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>会议研究了方舱</w:t></w:r>"
	    "<w:r><w:t>选址方案和SWJW-2026-WJ-000001号文件</w:t></w:r></w:p></w:body></w:document>";
	const char *words[] = {"方舱选址方案", "SWJW-2026-WJ-000001", "不在文中", " bad "};
	unsigned char *zip = malloc(4096);
	struct pubscan_result r;
	int found = 0;

	(void)state;
	assert_non_null(zip);
	size_t n = zip_one(zip, "word/document.xml", doc);
	assert_int_equal(pubscan_run(words, 4, zip, n, 5.0, 64u << 20, &r), PUBSCAN_OK);
	assert_string_equal(r.format, "docx");
	assert_null(r.error);
	assert_int_equal(r.nhits, 2);
	for (size_t i = 0; i < r.nhits; i++) {
		assert_string_equal(r.hits[i].part, "body");
		assert_non_null(r.hits[i].context);
		if (!strcmp(r.hits[i].word, "方舱选址方案")) {
			assert_non_null(strstr(r.hits[i].context, "会议研究了方舱选址方案"));
			found++;
		} else if (!strcmp(r.hits[i].word, "SWJW-2026-WJ-000001")) {
			found++;
		}
	}
	assert_int_equal(found, 2);
	pubscan_result_release(&r);
	/* no word at all: the draft is still read (its format known), nothing matches */
	assert_int_equal(pubscan_run(NULL, 0, zip, n, 5.0, 64u << 20, &r), PUBSCAN_OK);
	assert_string_equal(r.format, "docx");
	assert_int_equal(r.nhits, 0);
	pubscan_result_release(&r);
	assert_false(pubscan_word_ok(" bad "));
	assert_false(pubscan_word_ok(""));
	assert_false(pubscan_word_ok("a\nb"));
	assert_true(pubscan_word_ok("方舱"));
	free(zip);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chain),         cmocka_unit_test(test_see_and_hold),
	    cmocka_unit_test(test_state_machine), cmocka_unit_test(test_hits_block),
	    cmocka_unit_test(test_freeze),        cmocka_unit_test(test_scan_docx),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
