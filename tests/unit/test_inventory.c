/*
 * Tests of the inventory rules (src/core/inventory.h): what a label scanner
 * types, which carriers a scope expects, and the reconciliation of scans
 * against the ledger.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/inventory.h"

static enum inv_scan_err parse(const char *in, char *out)
{
	return inv_scan_parse(in, strlen(in), out);
}

static void test_scan_parse(void **state)
{
	char n[INV_NUMBER_MAX + 1];
	char big[INV_SCAN_MAX + 2];

	(void)state;
	assert_int_equal(parse("SWJW-2026-WJ-000123", n), INV_SCAN_OK);
	assert_string_equal(n, "SWJW-2026-WJ-000123");
	/* a scanner's suffix and an AIM symbology prefix */
	assert_int_equal(parse("]Q1SWJW-2026-WJ-000123\r\n", n), INV_SCAN_OK);
	assert_string_equal(n, "SWJW-2026-WJ-000123");
	assert_int_equal(parse("\tswjw-2026-wj-000123\x1d", n), INV_SCAN_OK);
	assert_string_equal(n, "SWJW-2026-WJ-000123");
	/* a lead-in, full-width input, the ideographic space */
	assert_int_equal(parse("编号：SWJW-2026-WJ-000123", n), INV_SCAN_OK);
	assert_string_equal(n, "SWJW-2026-WJ-000123");
	assert_int_equal(parse("\xe3\x80\x80ＳＷＪＷ－２０２６\xe3\x80\x80", n), INV_SCAN_OK);
	assert_string_equal(n, "SWJW-2026");
	assert_int_equal(parse("NO=ab_1.2", n), INV_SCAN_OK);
	assert_string_equal(n, "AB_1.2");
	/* the last word counts */
	assert_int_equal(parse("载体 A-1", n), INV_SCAN_OK);
	assert_string_equal(n, "A-1");
	/* nothing, or only a prefix */
	assert_int_equal(parse("", n), INV_SCAN_EMPTY);
	assert_int_equal(parse(" \r\n\t ", n), INV_SCAN_EMPTY);
	assert_int_equal(parse("]Q1", n), INV_SCAN_EMPTY);
	assert_int_equal(parse("编号：", n), INV_SCAN_EMPTY);
	assert_string_equal(n, "");
	/* characters no number holds */
	assert_int_equal(parse("A/B", n), INV_SCAN_BAD);
	assert_int_equal(parse("载体", n), INV_SCAN_BAD);
	assert_int_equal(parse("---", n), INV_SCAN_BAD);
	assert_int_equal(parse("A\xff", n), INV_SCAN_BAD);
	assert_string_equal(n, "");
	/* overlong: the number, and the whole input */
	memset(big, 'A', sizeof(big));
	big[INV_NUMBER_MAX] = '\0';
	assert_int_equal(parse(big, n), INV_SCAN_OK);
	big[INV_NUMBER_MAX] = 'A';
	big[INV_NUMBER_MAX + 1] = '\0';
	assert_int_equal(parse(big, n), INV_SCAN_TOO_LONG);
	memset(big, ' ', sizeof(big));
	big[0] = 'A';
	big[INV_SCAN_MAX + 1] = '\0';
	assert_int_equal(parse(big, n), INV_SCAN_TOO_LONG);
	/* an embedded NUL is a separator, not an end */
	assert_int_equal(inv_scan_parse("X\0B-7", 5, n), INV_SCAN_OK);
	assert_string_equal(n, "B-7");
}

static void test_scope(void **state)
{
	struct inv_scope any = {0, NULL, 0};
	struct inv_scope dept = {7, "", 0};
	struct inv_scope place = {0, "机要室", 0};
	struct inv_scope types = {0, NULL, (1u << CT_USB) | (1u << CT_HDD)};

	(void)state;
	assert_true(inv_expected(&any, 0, "", CT_PAPER_DOC, CS_IN_CUSTODY));
	assert_true(inv_expected(&any, 0, "", CT_PAPER_DOC, CS_BORROWED));
	assert_true(inv_expected(&any, 0, "", CT_PAPER_DOC, CS_IN_REPAIR));
	assert_false(inv_expected(&any, 0, "", CT_PAPER_DOC, CS_DESTROYED));
	assert_false(inv_expected(&any, 0, "", CT_PAPER_DOC, CS_COMPROMISED));
	assert_false(inv_expected(&any, 0, "", CT_PAPER_DOC, CS_ARCHIVED));
	assert_true(inv_expected(&dept, 7, "", CT_PAPER_DOC, CS_IN_CUSTODY));
	assert_false(inv_expected(&dept, 8, "", CT_PAPER_DOC, CS_IN_CUSTODY));
	assert_false(inv_expected(&dept, 0, "", CT_PAPER_DOC, CS_IN_CUSTODY));
	assert_true(inv_expected(&place, 0, "机要室2号柜", CT_PAPER_DOC, CS_IN_CUSTODY));
	assert_false(inv_expected(&place, 0, "档案室", CT_PAPER_DOC, CS_IN_CUSTODY));
	assert_false(inv_expected(&place, 0, NULL, CT_PAPER_DOC, CS_IN_CUSTODY));
	assert_true(inv_expected(&types, 0, "", CT_USB, CS_IN_CUSTODY));
	assert_false(inv_expected(&types, 0, "", CT_PAPER_DOC, CS_IN_CUSTODY));
}

static void test_reconcile(void **state)
{
	/* expected: 1 found in place, 2 found elsewhere in the building, 3 missing, 4 lent out
	 * and not seen, 5 lent out but found */
	const struct inv_carrier ex[] = {
	    {1, "A柜", CS_IN_CUSTODY}, {2, "A柜", CS_IN_CUSTODY}, {3, "B柜", CS_IN_CUSTODY},
	    {4, "B柜", CS_BORROWED},   {5, "", CS_TAKEN_OUT},
	};
	const struct inv_scan sc[] = {
	    {"N1", 1, true, false, "A柜"},
	    {"N2", 2, true, false, "会议室"},
	    {"N9", 9, false, false, "A柜"},  /* registered in another department */
	    {"X-1", 0, false, false, "A柜"}, /* not on the ledger */
	    {"N1", 1, true, false, " A柜 "}, /* again, blanks aside the same place */
	    {"N8", 8, false, true, "A柜"},   /* destroyed on record */
	    {"X-1", 0, false, false, ""},
	    {"N5", 5, true, false, "会议室"}, /* no place on record: nothing to compare */
	    {"N9", 9, false, false, "B柜"},
	    {"X-2", 0, false, false, ""},
	};
	struct inv_line out[16];
	struct inv_tally t;
	size_t n;

	(void)state;
	n = inv_reconcile(ex, 5, sc, 10, out, &t);
	assert_int_equal(n, 9);
	assert_int_equal(out[0].status, INV_FOUND);
	assert_int_equal(out[0].nscans, 2);
	assert_int_equal(out[0].scan, 4);
	assert_int_equal(out[1].status, INV_WRONG_PLACE);
	assert_int_equal(out[2].status, INV_MISSING);
	assert_int_equal(out[2].scan, SIZE_MAX);
	assert_null(out[2].number);
	assert_int_equal(out[3].status, INV_AWAY);
	assert_int_equal(out[4].status, INV_FOUND);
	/* the unexpected, in order of first scan, one line each */
	assert_int_equal(out[5].status, INV_ELSEWHERE);
	assert_int_equal(out[5].carrier_id, 9);
	assert_int_equal(out[5].nscans, 2);
	assert_int_equal(out[5].scan, 8);
	assert_int_equal(out[6].status, INV_UNKNOWN);
	assert_string_equal(out[6].number, "X-1");
	assert_int_equal(out[6].nscans, 2);
	assert_int_equal(out[7].status, INV_DISPOSED);
	assert_int_equal(out[7].carrier_id, 8);
	assert_int_equal(out[8].status, INV_UNKNOWN);
	assert_string_equal(out[8].number, "X-2");

	assert_int_equal(t.expected, 5);
	assert_int_equal(t.scans, 10);
	assert_int_equal(t.n[INV_FOUND], 2);
	assert_int_equal(t.n[INV_WRONG_PLACE], 1);
	assert_int_equal(t.n[INV_MISSING], 1);
	assert_int_equal(t.n[INV_AWAY], 1);
	assert_int_equal(t.n[INV_ELSEWHERE], 1);
	assert_int_equal(t.n[INV_DISPOSED], 1);
	assert_int_equal(t.n[INV_UNKNOWN], 2);
	assert_true(inv_status_is_difference(INV_MISSING));
	assert_true(inv_status_is_difference(INV_WRONG_PLACE));
	assert_false(inv_status_is_difference(INV_FOUND));
	assert_false(inv_status_is_difference(INV_AWAY));
}

/* the last scan decides the place: found elsewhere, then brought back */
static void test_reconcile_last_scan(void **state)
{
	const struct inv_carrier ex[] = {{1, "A柜", CS_IN_CUSTODY}};
	const struct inv_scan sc[] = {{"N1", 1, true, false, "会议室"},
	                              {"N1", 1, true, false, "A柜"}};
	struct inv_line out[3];
	struct inv_tally t;

	(void)state;
	assert_int_equal(inv_reconcile(ex, 1, sc, 1, out, &t), 1);
	assert_int_equal(out[0].status, INV_WRONG_PLACE);
	assert_int_equal(inv_reconcile(ex, 1, sc, 2, out, &t), 1);
	assert_int_equal(out[0].status, INV_FOUND);
	/* nothing expected, nothing scanned */
	assert_int_equal(inv_reconcile(NULL, 0, NULL, 0, out, &t), 0);
	assert_int_equal(t.expected, 0);
}

/* many scans of many carriers: every expected one found once, in the given order */
static void test_reconcile_many(void **state)
{
	enum { N = 3000 };
	struct inv_carrier *ex = calloc(N, sizeof(*ex));
	struct inv_scan *sc = calloc(2 * N, sizeof(*sc));
	struct inv_line *out = calloc(3 * N, sizeof(*out));
	struct inv_tally t;

	(void)state;
	assert_non_null(ex);
	assert_non_null(sc);
	assert_non_null(out);
	for (int i = 0; i < N; i++)
		ex[i] = (struct inv_carrier){(int64_t)(N - i) * 7, "A", CS_IN_CUSTODY};
	for (int i = 0; i < 2 * N; i++) /* each twice, and every scan an unknown number's half */
		sc[i] = i % 2 ? (struct inv_scan){"U", 0, false, false, ""}
		              : (struct inv_scan){"N", (int64_t)(i / 2 + 1) * 7, true, false, "A"};
	assert_int_equal(inv_reconcile(ex, N, sc, 2 * N, out, &t), N + 1);
	assert_int_equal(t.n[INV_FOUND], N);
	assert_int_equal(t.n[INV_UNKNOWN], 1);
	assert_int_equal(out[N].nscans, N);
	for (int i = 0; i < N; i++)
		assert_int_equal(out[i].carrier_id, (int64_t)(N - i) * 7);
	free(ex);
	free(sc);
	free(out);
}

static void test_names(void **state)
{
	enum inv_kind k;

	(void)state;
	assert_int_equal(inv_kind_parse("emergency", &k), 0);
	assert_int_equal(k, INV_EMERGENCY);
	assert_int_equal(inv_kind_parse("年度清查", &k), 0);
	assert_int_equal(k, INV_ANNUAL);
	assert_int_equal(inv_kind_parse("weekly", &k), -1);
	for (int s = 0; s < INV_STATUS_COUNT; s++) {
		assert_true(inv_status_code((enum inv_status)s)[0]);
		assert_true((unsigned char)inv_status_zh((enum inv_status)s)[0] >= 0x80);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scan_parse),     cmocka_unit_test(test_scope),
	    cmocka_unit_test(test_reconcile),      cmocka_unit_test(test_reconcile_last_scan),
	    cmocka_unit_test(test_reconcile_many), cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
