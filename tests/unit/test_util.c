#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/util/bjtime.h"
#include "../../src/util/buf.h"

static void test_bjtime_format_is_beijing(void **state)
{
	char iso[BJTIME_ISO_LEN], day[11];

	(void)state;
	/* 2026-11-21T00:30:00Z is 08:30 in Beijing, whatever TZ says */
	bjtime_format_iso(INT64_C(1795221000) * 1000, iso);
	assert_string_equal(iso, "2026-11-21T08:30:00+08:00");
	/* 2026-11-20T17:00:00Z is already the 21st in Beijing */
	bjtime_format_date(INT64_C(1795194000) * 1000, day);
	assert_string_equal(day, "2026-11-21");
}

/* printed documents read 2026年12月6日 07:22 in Beijing time, never an ISO "T" time */
static void test_bjtime_format_cn(void **state)
{
	char cn[BJTIME_CN_LEN];

	(void)state;
	/* 2026-12-05T23:22:01Z is the 6th, 07:22 in Beijing; seconds are not printed */
	bjtime_format_cn(INT64_C(1796512921) * 1000 + 999, cn);
	assert_string_equal(cn, "2026年12月6日 07:22");
	/* single-digit month and day unpadded, the hour and minute padded */
	bjtime_format_cn(INT64_C(1767283559) * 1000, cn);
	assert_string_equal(cn, "2026年1月2日 00:05");
	/* the last second of a year stays in that year */
	bjtime_format_cn((INT64_C(1798732800) - 1) * 1000, cn);
	assert_string_equal(cn, "2026年12月31日 23:59");
}

static void test_bjtime_parse(void **state)
{
	int32_t d;
	int64_t ms;

	(void)state;
	assert_int_equal(bjtime_parse_date("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(bjtime_parse_date("2024-02-29", &d), 0);
	assert_int_equal(bjtime_parse_date("2026-02-29", &d), -1);
	assert_int_equal(bjtime_parse_date("2026-13-01", &d), -1);
	assert_int_equal(bjtime_parse_date("2026-1-01", &d), -1);
	assert_int_equal(bjtime_parse_date("2026-01-01x", &d), -1);
	assert_int_equal(bjtime_parse_iso("2026-11-21T08:30:00+08:00", &ms), 0);
	assert_int_equal(ms, INT64_C(1795221000) * 1000);
	assert_int_equal(bjtime_parse_iso("2026-11-21T00:30:00Z", &ms), 0);
	assert_int_equal(ms, INT64_C(1795221000) * 1000);
	assert_int_equal(bjtime_parse_iso("2026-11-21T25:00:00", &ms), -1);
	for (int32_t z = -1000; z < 30000; z += 37) {
		int y;
		unsigned m, dd;

		bjtime_civil_from_days(z, &y, &m, &dd);
		assert_int_equal(bjtime_days_from_civil(y, m, dd), z);
	}
}

static void test_buf_cap(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	assert_int_equal(buf_puts(&b, "12345"), BUF_OK);
	assert_int_equal(buf_printf(&b, "%d", 6789), BUF_OK);
	assert_string_equal(b.ptr, "123456789");
	assert_int_equal(buf_puts(&b, "ab"), BUF_TOO_BIG);
	assert_string_equal(b.ptr, "123456789"); /* unchanged after a refused append */
	assert_int_equal(buf_puts(&b, "a"), BUF_OK);
	assert_int_equal(b.len, 10);
	buf_release(&b);
	assert_null(b.ptr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bjtime_format_is_beijing),
	    cmocka_unit_test(test_bjtime_format_cn),
	    cmocka_unit_test(test_bjtime_parse),
	    cmocka_unit_test(test_buf_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
