/*
 * Working-day calendar and deadlines: every parse error with its line, the
 * shipped calendar day by day, working days across weekends, the Spring
 * Festival, make-up working days and uncovered years, and duty states.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/calendar.h"
#include "../../src/core/deadline.h"
#include "../../src/util/bjtime.h"

#ifndef BAOMI_SRC
#error "BAOMI_SRC (the source directory) must be defined"
#endif

/* Calendars are large: keep them out of the stack. */
static struct calendar cal, snap;

static int32_t day_of(const char *s)
{
	int32_t d = 0;

	assert_int_equal(bjtime_parse_date(s, &d), 0);
	return d;
}

static int64_t ms_of(const char *iso)
{
	int64_t ms = 0;

	assert_int_equal(bjtime_parse_iso(iso, &ms), 0);
	return ms;
}

static void assert_iso(int64_t ms, const char *want)
{
	char got[BJTIME_ISO_LEN];

	bjtime_format_iso(ms, got);
	assert_string_equal(got, want);
}

static enum cal_err parse_str(struct calendar *c, const char *text, int *line)
{
	return cal_parse(c, text, strlen(text), line);
}

static void load_cn(struct calendar *c)
{
	static char text[1 << 16];
	FILE *f = fopen(BAOMI_SRC "/data/calendar/cn.txt", "rb");
	size_t n;
	int line = -1;

	assert_non_null(f);
	n = fread(text, 1, sizeof(text), f);
	fclose(f);
	assert_true(n > 0 && n < sizeof(text));
	cal_init(c);
	assert_int_equal(cal_parse(c, text, n, &line), CAL_OK);
	assert_int_equal(line, 0);
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(cal_weekday(0), 4); /* 1970-01-01 Thursday */
	assert_int_equal(cal_weekday(-1), 3);
	assert_int_equal(cal_weekday(-7), 4);
	assert_int_equal(cal_weekday(day_of("2026-02-13")), 5);
	assert_int_equal(cal_weekday(day_of("2026-02-14")), 6);
	assert_int_equal(cal_weekday(day_of("2026-02-15")), 7);
	assert_int_equal(cal_weekday(day_of("2026-02-16")), 1);
	assert_int_equal(cal_weekday(day_of("2026-11-21")), 6);
}

static void test_parse_ok(void **state)
{
	/* BOM, CRLF, comments, blank lines, tabs, a range, a note with spaces, no final newline */
	static const char text[] = "\xef\xbb\xbf# 测试\r\n"
	                           "\r\n"
	                           "  year\t2026  # the notice\r\n"
	                           "2026-01-01..2026-01-03 off 元旦\r\n"
	                           "2026-01-04\twork   元旦 调休上班  \n"
	                           "2026-02-14 work\n"
	                           "2026-02-13 off";
	const struct cal_day *x;
	int line = -1;

	(void)state;
	cal_init(&cal);
	assert_int_equal(parse_str(&cal, text, &line), CAL_OK);
	assert_int_equal(line, 0);
	assert_int_equal(cal.nyears, 1);
	assert_int_equal(cal.years[0], 2026);
	assert_int_equal(cal.ndays, 6);
	for (int i = 1; i < cal.ndays; i++)
		assert_true(cal.days[i - 1].day < cal.days[i].day);
	x = cal_exception(&cal, day_of("2026-01-02"));
	assert_non_null(x);
	assert_false(x->work);
	assert_string_equal(x->note, "元旦");
	x = cal_exception(&cal, day_of("2026-01-04"));
	assert_non_null(x);
	assert_true(x->work);
	assert_string_equal(x->note, "元旦 调休上班");
	x = cal_exception(&cal, day_of("2026-02-14"));
	assert_non_null(x);
	assert_string_equal(x->note, "");
	assert_non_null(cal_exception(&cal, day_of("2026-02-13")));
	assert_null(cal_exception(&cal, day_of("2026-01-05")));
	assert_true(cal_covers(&cal, 2026));
	assert_false(cal_covers(&cal, 2025));
	/* a note of exactly CAL_NOTE_MAX bytes (16 Chinese characters) fits */
	cal_init(&cal);
	assert_int_equal(parse_str(&cal,
	                           "year 2026\n2026-03-02 off "
	                           "一二三四五六七八九十一二三四五六\n",
	                           &line),
	                 CAL_OK);
	assert_int_equal(strlen(cal.days[0].note), CAL_NOTE_MAX);
	/* an empty text adds nothing */
	cal_init(&cal);
	assert_int_equal(cal_parse(&cal, "", 0, &line), CAL_OK);
	assert_int_equal(cal.ndays, 0);
	/* line may be NULL */
	assert_int_equal(parse_str(&cal, "oops", NULL), CAL_BAD_SYNTAX);
}

struct bad_case {
	const char *text;
	enum cal_err err;
	int line;              /* on an empty calendar (0 with CAL_OK) */
	enum cal_err err_full; /* on a nearly full one */
	int line_full;
};

#define BAD(t, e, l)                                                                               \
	{                                                                                          \
		t, e, l, e, l                                                                      \
	}

/* 2095..2099: five years, 1826 days off, leaving room for 222 more. */
static void load_nearly_full(struct calendar *c)
{
	static const char text[] = "year 2095\nyear 2096\nyear 2097\nyear 2098\nyear 2099\n"
	                           "2095-01-01..2099-12-31 off 测试\n";
	int line;

	cal_init(c);
	assert_int_equal(parse_str(c, text, &line), CAL_OK);
	assert_int_equal(c->ndays, 1826);
}

static void test_parse_errors(void **state)
{
	static char many_years[65 * 12];
	static const char two_years[] = "year 2030\nyear 2031\n2030-01-01..2031-12-31 off\n";
	const struct bad_case cases[] = {
	    BAD("bogus\n", CAL_BAD_SYNTAX, 1),
	    BAD("# comment\nyear\n", CAL_BAD_SYNTAX, 2),
	    BAD("year 2026 2027\n", CAL_BAD_SYNTAX, 1),
	    BAD("year two\n", CAL_BAD_SYNTAX, 1),
	    BAD("yearly 2026\n", CAL_BAD_SYNTAX, 1),
	    BAD("year 2026\n2026-01-01 holiday\n", CAL_BAD_SYNTAX, 2),
	    BAD("year 2026\n2026-01-01\n", CAL_BAD_SYNTAX, 2),
	    BAD("year 2026\n2026-01-01..\toff\n", CAL_BAD_SYNTAX, 2),
	    BAD("year 2026\n..2026-01-01 off\n", CAL_BAD_SYNTAX, 2),
	    BAD("year 2026\n2026-01-01...2026-01-02 off\n", CAL_BAD_SYNTAX, 2),
	    BAD("year 2026\n2026/01/01 off\n", CAL_BAD_SYNTAX, 2),
	    BAD("year 2026\n2026-01-01 OFF\n", CAL_BAD_SYNTAX, 2),
	    BAD("year 1999\n", CAL_BAD_YEAR, 1),
	    BAD("year 2100\n", CAL_BAD_YEAR, 1),
	    BAD("year 02026\n", CAL_BAD_YEAR, 1),
	    BAD("year 99999999999999999999\n", CAL_BAD_YEAR, 1),
	    BAD("year 2026\n\n# x\n2026-02-30 off\n", CAL_BAD_DATE, 4),
	    BAD("year 2026\n2026-1-1 off\n", CAL_BAD_DATE, 2),
	    BAD("year 2026\n2026-13-01 off\n", CAL_BAD_DATE, 2),
	    BAD("year 2026\n2026-00-10 off\n", CAL_BAD_DATE, 2),
	    BAD("year 2026\n2026-01-03..2026-01-01 off\n", CAL_BAD_DATE, 2),
	    BAD("year 2026\n2026-01-01..2026-02-29 off\n", CAL_BAD_DATE, 2),
	    BAD("year 2026\n1999-12-31 off\n", CAL_BAD_YEAR, 2),
	    BAD("year 2026\n2026-12-31..2100-01-01 off\n", CAL_BAD_YEAR, 2),
	    BAD("year 2026\n2026-01-01 off\n2027-01-01 off\n", CAL_UNDECLARED, 3),
	    BAD("2026-01-01 off\nyear 2026\n", CAL_UNDECLARED, 1),
	    BAD("year 2026\n2025-12-31..2026-01-01 off\n", CAL_UNDECLARED, 2),
	    {"year 2099\n", CAL_OK, 0, CAL_DUPLICATE, 1}, /* already in the nearly full calendar */
	    BAD("year 2026\nyear 2026\n", CAL_DUPLICATE, 2),
	    BAD("year 2026\n2026-01-03 off\n2026-01-01..2026-01-05 off\n", CAL_DUPLICATE, 3),
	    BAD("year 2026\n2026-01-04 work\n2026-01-04 off\n", CAL_DUPLICATE, 3),
	    BAD("year 2026\n2026-01-05 work 调休\n", CAL_WORK_WEEKDAY, 2),
	    BAD("year 2026\n2026-02-14..2026-02-16 work\n", CAL_WORK_WEEKDAY, 2),
	    BAD("year 2026\n2026-01-01 off 一二三四五六七八九十一二三四五六七\n", CAL_BAD_NOTE, 2),
	    BAD("year 2026\n2026-01-01 off bad\xff\n", CAL_BAD_NOTE, 2),
	    BAD("year 2026\n2026-01-01 off \xe5\x85\n", CAL_BAD_NOTE, 2),
	    BAD("year 2026\n2026-01-01 off \xc0\xaf\n", CAL_BAD_NOTE, 2),
	    BAD("year 2026\n2026-01-01 off \xed\xa0\x80\n", CAL_BAD_NOTE, 2),
	    BAD("year 2026\n2026-01-01 off bell\a\n", CAL_BAD_NOTE, 2),
	    BAD("year 2026\n2026-01-01 off del\x7f\n", CAL_BAD_NOTE, 2),
	    BAD("year 2030\nyear 2031\nyear 2032\nyear 2033\nyear 2034\nyear 2035\n"
	        "2030-01-01..2035-12-31 off\n",
	        CAL_TOO_MANY, 7),
	    /* 64 years fit; with five there already, 59 */
	    {many_years, CAL_TOO_MANY, 65, CAL_TOO_MANY, 60},
	    /* 730 days fit an empty calendar, not one with 1826 */
	    {two_years, CAL_OK, 0, CAL_TOO_MANY, 3},
	};
	size_t n = 0;
	enum cal_err got;
	int line;

	(void)state;
	for (int y = 2000; y < 2065; y++)
		n += (size_t)snprintf(many_years + n, sizeof(many_years) - n, "year %d\n", y);
	cal_init(&cal);
	assert_int_equal(parse_str(&cal, two_years, &line), CAL_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (int full = 0; full < 2; full++) {
			enum cal_err err = full ? cases[i].err_full : cases[i].err;
			int want = full ? cases[i].line_full : cases[i].line;

			if (err == CAL_OK)
				continue; /* shown to parse above */
			if (full)
				load_nearly_full(&cal);
			else
				cal_init(&cal);
			memcpy(&snap, &cal, sizeof(cal));
			line = -1;
			got = parse_str(&cal, cases[i].text, &line);
			if (got != err || line != want)
				fail_msg(
				    "case %zu (%s): got \"%s\" at line %d, want \"%s\" at line %d",
				    i, full ? "full" : "empty", cal_err_en(got), line,
				    cal_err_en(err), want);
			/* nothing added, nothing changed */
			assert_memory_equal(&cal, &snap, sizeof(cal));
		}
	}
	/* every error has both messages */
	for (int e = CAL_OK; e <= CAL_BAD_NOTE; e++) {
		assert_true(strlen(cal_err_zh((enum cal_err)e)) > 0);
		assert_true(strlen(cal_err_en((enum cal_err)e)) > 0);
	}
}

static void test_parse_merge(void **state)
{
	int line;

	(void)state;
	load_cn(&cal);
	assert_int_equal(parse_str(&cal,
	                           "year 2027\n2027-01-01 off 元旦\n"
	                           "year 2024\n2024-10-01..2024-10-07 off 国庆节\n"
	                           "2024-09-29 work\n",
	                           &line),
	                 CAL_OK);
	assert_int_equal(cal.nyears, 4);
	for (int i = 1; i < cal.nyears; i++)
		assert_true(cal.years[i - 1] < cal.years[i]);
	for (int i = 1; i < cal.ndays; i++)
		assert_true(cal.days[i - 1].day < cal.days[i].day);
	assert_int_equal(cal.ndays, 72 + 1 + 7 + 1);
	assert_true(cal_exception(&cal, day_of("2024-09-29"))->work);
	assert_false(cal_is_workday(&cal, day_of("2027-01-01"), NULL));
	/* a year another text already holds */
	assert_int_equal(parse_str(&cal, "year 2026\n", &line), CAL_DUPLICATE);
	assert_int_equal(line, 1);
	/* a day needs its year declared in the same text */
	assert_int_equal(parse_str(&cal, "year 2028\n2026-03-02 off\n", &line), CAL_UNDECLARED);
	assert_int_equal(line, 2);
	assert_false(cal_covers(&cal, 2028));
}

/* The State Council notices for 2025 and 2026, as the issue lists them. */
struct span {
	const char *from, *to;
};

static const struct span cn_off[] = {
    {"2025-01-01", "2025-01-01"}, {"2025-01-28", "2025-02-04"}, {"2025-04-04", "2025-04-06"},
    {"2025-05-01", "2025-05-05"}, {"2025-05-31", "2025-06-02"}, {"2025-10-01", "2025-10-08"},
    {"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"}, {"2026-04-04", "2026-04-06"},
    {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"},
    {"2026-10-01", "2026-10-07"},
};

static const char *const cn_work[] = {
    "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04",
    "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
};

static void test_cn_file(void **state)
{
	int n = 0;
	bool fb = false;

	(void)state;
	load_cn(&cal);
	assert_int_equal(cal.nyears, 2);
	assert_int_equal(cal.years[0], 2025);
	assert_int_equal(cal.years[1], 2026);
	for (size_t i = 0; i < sizeof(cn_off) / sizeof(cn_off[0]); i++) {
		for (int32_t d = day_of(cn_off[i].from); d <= day_of(cn_off[i].to); d++) {
			const struct cal_day *x = cal_exception(&cal, d);

			assert_non_null(x);
			assert_false(x->work);
			assert_true(strlen(x->note) > 0);
			assert_false(cal_is_workday(&cal, d, &fb));
			n++;
		}
	}
	for (size_t i = 0; i < sizeof(cn_work) / sizeof(cn_work[0]); i++) {
		int32_t d = day_of(cn_work[i]);
		const struct cal_day *x = cal_exception(&cal, d);

		assert_non_null(x);
		assert_true(x->work);
		assert_non_null(strstr(x->note, "调休上班"));
		assert_true(cal_weekday(d) >= 6);
		assert_true(cal_is_workday(&cal, d, &fb));
		n++;
	}
	/* nothing else is listed */
	assert_int_equal(cal.ndays, n);
	assert_int_equal(n, 72);
	assert_false(fb);
	/* ordinary days follow the week */
	assert_true(cal_is_workday(&cal, day_of("2026-02-24"), &fb));
	assert_false(cal_is_workday(&cal, day_of("2026-03-07"), &fb));
	assert_true(cal_is_workday(&cal, day_of("2025-10-09"), &fb));
	assert_false(fb);
	assert_string_equal(cal_exception(&cal, day_of("2026-02-17"))->note, "春节");
	assert_string_equal(cal_exception(&cal, day_of("2025-10-06"))->note, "国庆节、中秋节");
}

/* One day at a time, for comparison. */
static int32_t naive_add(const struct calendar *c, int32_t day, int n, bool *fb)
{
	while (n > 0) {
		day++;
		if (cal_is_workday(c, day, fb))
			n--;
	}
	return day;
}

static void test_add_workdays(void **state)
{
	bool fb = false;

	(void)state;
	load_cn(&cal);
	/* across a weekend */
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-03-06"), 1, &fb),
	                 day_of("2026-03-09"));
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-03-07"), 1, &fb),
	                 day_of("2026-03-09"));
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-03-02"), 10, &fb),
	                 day_of("2026-03-16"));
	/* across the 2026 Spring Festival, counting the make-up Saturday 2/14 */
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-02-13"), 1, &fb),
	                 day_of("2026-02-14"));
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-02-13"), 2, &fb),
	                 day_of("2026-02-24"));
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-02-13"), 5, &fb),
	                 day_of("2026-02-27"));
	/* the make-up Saturday 2/28 counts, Sunday 3/1 does not */
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-02-27"), 1, &fb),
	                 day_of("2026-02-28"));
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-02-28"), 1, &fb),
	                 day_of("2026-03-02"));
	/* the National Day week, and 2025's Spring Festival with its make-up Sunday */
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-09-30"), 1, &fb),
	                 day_of("2026-10-08"));
	assert_int_equal(cal_add_workdays(&cal, day_of("2025-01-24"), 1, &fb),
	                 day_of("2025-01-26"));
	assert_int_equal(cal_add_workdays(&cal, day_of("2025-01-27"), 1, &fb),
	                 day_of("2025-02-05"));
	/* n ≤ 0: the day itself */
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-02-15"), 0, &fb),
	                 day_of("2026-02-15"));
	assert_false(fb);
	/* a year without data falls back to Monday–Friday and says so */
	assert_int_equal(cal_add_workdays(&cal, day_of("2027-02-05"), 1, &fb),
	                 day_of("2027-02-08"));
	assert_true(fb);
	fb = false;
	assert_int_equal(cal_add_workdays(&cal, day_of("2026-12-30"), 3, &fb),
	                 day_of("2027-01-04"));
	assert_true(fb);
	fb = false;
	assert_false(cal_is_workday(&cal, day_of("2027-01-02"), &fb));
	assert_true(fb);
	assert_true(cal_is_workday(&cal, day_of("2024-10-01"), NULL)); /* NULL is allowed */
	/* the week-skipping walk agrees with a day-by-day one, fallback included */
	for (int32_t d = day_of("2024-11-01"); d <= day_of("2027-02-01"); d += 3) {
		for (int n = 1; n <= 70; n += 4) {
			bool fb1 = false, fb2 = false;

			assert_int_equal(cal_add_workdays(&cal, d, n, &fb1),
			                 naive_add(&cal, d, n, &fb2));
			assert_int_equal(fb1, fb2);
		}
	}
}

static void test_dl_names(void **state)
{
	enum dl_unit u;
	enum dl_anchor a;

	(void)state;
	for (int i = 0; i < DL_UNIT_COUNT; i++) {
		assert_int_equal(dl_unit_parse(dl_unit_code((enum dl_unit)i), &u), 0);
		assert_int_equal(u, i);
		assert_int_equal(dl_unit_parse(dl_unit_zh((enum dl_unit)i), &u), 0);
		assert_int_equal(u, i);
		assert_true(dl_amount_max((enum dl_unit)i) > 0);
	}
	assert_string_equal(dl_unit_code(DL_WORKDAYS), "workdays");
	assert_string_equal(dl_unit_zh(DL_WORKDAYS), "个工作日");
	assert_int_equal(dl_unit_parse("工作日", &u), 0);
	assert_int_equal(u, DL_WORKDAYS);
	assert_int_equal(dl_unit_parse("weeks", &u), -1);
	assert_int_equal(dl_unit_parse(NULL, &u), -1);
	for (int i = 0; i < DL_ANCHOR_COUNT; i++) {
		assert_int_equal(dl_anchor_parse(dl_anchor_code((enum dl_anchor)i), &a), 0);
		assert_int_equal(a, i);
		assert_true(strlen(dl_anchor_zh((enum dl_anchor)i)) > 0);
	}
	assert_string_equal(dl_anchor_code(DL_FROM_PREVIOUS), "previous");
	assert_int_equal(dl_anchor_parse("yesterday", &a), -1);
	assert_string_equal(dl_state_code(DL_OVERDUE), "overdue");
	assert_string_equal(dl_state_code(DL_WAITING), "waiting");
	assert_true(strlen(dl_state_zh(DL_LATE)) > 0);
	assert_string_equal(dl_unit_code((enum dl_unit)9), "");
	assert_int_equal(dl_amount_max(DL_MINUTES), 7 * 24 * 60);
}

static void test_dl_due(void **state)
{
	int64_t t = ms_of("2026-02-13T10:00:00+08:00");
	bool fb = false;

	(void)state;
	load_cn(&cal);
	/* minutes and hours add exactly, whatever the calendar says */
	assert_int_equal(dl_due(&cal, DL_MINUTES, 30, t, &fb), t + 30 * 60 * 1000);
	assert_int_equal(dl_due(&cal, DL_MINUTES, 10, t + 123, &fb), t + 123 + 10 * 60 * 1000);
	assert_int_equal(dl_due(&cal, DL_HOURS, 24, t, &fb), t + (int64_t)24 * 3600 * 1000);
	assert_iso(dl_due(&cal, DL_HOURS, 1, ms_of("2026-02-15T23:30:00+08:00"), &fb),
	           "2026-02-16T00:30:00+08:00");
	/* calendar days run to 24:00 Beijing of the n-th day after */
	assert_iso(dl_due(&cal, DL_DAYS, 1, t, &fb), "2026-02-15T00:00:00+08:00");
	assert_iso(dl_due(&cal, DL_DAYS, 30, t, &fb), "2026-03-16T00:00:00+08:00");
	/* the Beijing day, not the UTC day: 23:59 and 00:30 Beijing */
	assert_iso(dl_due(&cal, DL_DAYS, 1, ms_of("2026-02-13T15:59:00Z"), &fb),
	           "2026-02-15T00:00:00+08:00");
	assert_iso(dl_due(&cal, DL_DAYS, 1, ms_of("2026-02-13T16:30:00Z"), &fb),
	           "2026-02-16T00:00:00+08:00");
	/* working days: 5 from Friday 2026-02-13 10:00 — 2/14 (make-up), 2/24, 2/25, 2/26, 2/27 */
	assert_iso(dl_due(&cal, DL_WORKDAYS, 5, t, &fb), "2026-02-28T00:00:00+08:00");
	assert_int_equal(dl_due(&cal, DL_WORKDAYS, 5, t, &fb), ms_of("2026-02-27T16:00:00Z"));
	/* a make-up Saturday counts */
	assert_iso(dl_due(&cal, DL_WORKDAYS, 1, t, &fb), "2026-02-15T00:00:00+08:00");
	assert_iso(dl_due(&cal, DL_WORKDAYS, 1, ms_of("2026-02-27T09:00:00+08:00"), &fb),
	           "2026-03-01T00:00:00+08:00");
	/* across a weekend: Friday evening → end of Monday */
	assert_iso(dl_due(&cal, DL_WORKDAYS, 1, ms_of("2026-03-06T17:00:00+08:00"), &fb),
	           "2026-03-10T00:00:00+08:00");
	/* reported on a holiday: the holiday itself is not counted either */
	assert_iso(dl_due(&cal, DL_WORKDAYS, 1, ms_of("2026-10-03T08:00:00+08:00"), &fb),
	           "2026-10-09T00:00:00+08:00");
	assert_false(fb);
	/* a year without data: Monday–Friday, flagged */
	assert_iso(dl_due(&cal, DL_WORKDAYS, 1, ms_of("2027-03-05T12:00:00+08:00"), &fb),
	           "2027-03-09T00:00:00+08:00");
	assert_true(fb);
	fb = false;
	assert_iso(dl_due(&cal, DL_WORKDAYS, 5, ms_of("2026-12-29T12:00:00+08:00"), &fb),
	           "2027-01-06T00:00:00+08:00");
	assert_true(fb);
	/* the fallback pointer may be NULL */
	assert_iso(dl_due(&cal, DL_WORKDAYS, 1, ms_of("2027-03-05T12:00:00+08:00"), NULL),
	           "2027-03-09T00:00:00+08:00");
	/* amounts are clamped to 0..max */
	assert_int_equal(dl_due(&cal, DL_MINUTES, -5, t, NULL), t);
	assert_int_equal(dl_due(&cal, DL_MINUTES, 1 << 30, t, NULL),
	                 t + (int64_t)dl_amount_max(DL_MINUTES) * 60 * 1000);
	assert_iso(dl_due(&cal, DL_DAYS, 0, t, NULL), "2026-02-14T00:00:00+08:00");
}

static void test_dl_state(void **state)
{
	const int64_t anchor = ms_of("2026-02-13T10:00:00+08:00");
	const int64_t due = anchor + 30 * 60 * 1000;

	(void)state;
	assert_int_equal(dl_state_at(0, 0, 0, 0, anchor), DL_WAITING);
	assert_int_equal(dl_state_at(anchor, due, 0, 0, anchor + 1), DL_OPEN);
	assert_int_equal(dl_state_at(anchor, due, 0, 0, due), DL_OPEN);
	assert_int_equal(dl_state_at(anchor, due, 0, 0, due + 1), DL_OVERDUE);
	assert_int_equal(dl_state_at(anchor, due, anchor + 60000, 0, due + 1), DL_MET);
	assert_int_equal(dl_state_at(anchor, due, due, 0, due + 99999), DL_MET);
	assert_int_equal(dl_state_at(anchor, due, due + 1, 0, due + 2), DL_LATE);
	/* told before the anchor was even recorded */
	assert_int_equal(dl_state_at(0, 0, anchor, 0, anchor + 1), DL_MET);
}

/* A met time claimed long before it was entered is a 补录 and judged by its recording. */
static void test_dl_backfill(void **state)
{
	const int64_t anchor = ms_of("2026-02-13T06:30:00+08:00");
	const int64_t due = anchor + 30 * 60 * 1000; /* 07:00 */
	const int64_t claimed = ms_of("2026-02-13T06:55:00+08:00");
	const int64_t min = 60 * 1000;

	(void)state;
	assert_false(dl_backfilled(claimed, claimed));
	assert_false(dl_backfilled(claimed, claimed + 10 * min)); /* a few minutes is typing */
	assert_true(dl_backfilled(claimed, claimed + 10 * min + 1));
	assert_false(dl_backfilled(claimed, 0)); /* no recording time: nothing to compare */
	assert_false(dl_backfilled(0, claimed));
	assert_int_equal(dl_judged_ms(claimed, claimed + 5 * min), claimed);
	assert_int_equal(dl_judged_ms(claimed, claimed + 95 * min), claimed + 95 * min);
	/* "met at 06:55" entered at 08:30: late, though the claim is before 07:00 */
	assert_int_equal(dl_state_at(anchor, due, claimed, claimed + 95 * min, claimed + 95 * min),
	                 DL_LATE);
	/* entered at 07:04: within the grace, judged by the claim */
	assert_int_equal(dl_state_at(anchor, due, claimed, claimed + 9 * min, claimed + 9 * min),
	                 DL_MET);
	/* back-filled but still recorded before the due time: on time */
	assert_int_equal(dl_state_at(anchor, anchor + 15 * min, anchor, anchor + 11 * min, due),
	                 DL_MET);
	assert_int_equal(dl_state_at(anchor, anchor + 9 * min, anchor, anchor + 11 * min, due),
	                 DL_LATE);
}

/* A plan shortens a statutory limit, never lengthens it. */
static void test_dl_effective(void **state)
{
	const int64_t t = ms_of("2026-02-13T10:00:00+08:00");
	const struct dl_limit law = {24, DL_HOURS}, shorter = {12, DL_HOURS}, longer = {2, DL_DAYS};
	const struct dl_limit minutes = {30, DL_MINUTES};

	(void)state;
	cal_init(&cal);
	assert_int_equal(dl_due_effective(&cal, &law, NULL, t, NULL), t + 24 * 3600000LL);
	assert_int_equal(dl_due_effective(&cal, &law, &shorter, t, NULL), t + 12 * 3600000LL);
	assert_int_equal(dl_due_effective(&cal, &law, &longer, t, NULL), t + 24 * 3600000LL);
	assert_int_equal(dl_due_effective(&cal, &law, &minutes, t, NULL), t + 30 * 60000LL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_weekday),      cmocka_unit_test(test_parse_ok),
	    cmocka_unit_test(test_parse_errors), cmocka_unit_test(test_parse_merge),
	    cmocka_unit_test(test_cn_file),      cmocka_unit_test(test_add_workdays),
	    cmocka_unit_test(test_dl_names),     cmocka_unit_test(test_dl_due),
	    cmocka_unit_test(test_dl_state),     cmocka_unit_test(test_dl_backfill),
	    cmocka_unit_test(test_dl_effective),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
