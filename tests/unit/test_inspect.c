/*
 * Self-inspection: names, scoring (rounding, the unit score as the weighted
 * mean of its departments), campaign phases, severities of baomi-check
 * failures, every rectification transition and refusal, overdue tasks, and
 * the shipped checklist template data/checklists/seed.json.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../src/core/inspect.h"
#include "../../src/util/bjtime.h"

#ifndef BAOMI_SRC
#error "BAOMI_SRC (the source directory) must be defined"
#endif

/* The system checks baomi-check runs (check/src/sys.c), written out independently. */
static const char *const check_ids[] = {
    "net.default_route",
    "net.interfaces",
    "net.wireless",
    "net.bluetooth",
    "net.dns",
    "net.proxy",
    "internet.browser_history",
    "usb.storage",
    "usb.cross_use",
    "devices.camera",
    "devices.microphone",
    "devices.wireless_input",
    "media.automount",
    "screen.lock",
    "auth.password_policy",
    "auth.empty_passwords",
    "antivirus",
    "boot.other_os",
    "media.burning",
};
#define NCHECK_IDS (sizeof(check_ids) / sizeof(check_ids[0]))

static void test_names(void **state)
{
	enum insp_phase p;
	enum insp_result r;
	enum insp_severity s;
	enum rect_state rs;
	enum rect_action ra;

	(void)state;
	for (int i = 0; i < INSP_PHASE_COUNT; i++) {
		assert_int_equal(insp_phase_parse(insp_phase_code((enum insp_phase)i), &p), 0);
		assert_int_equal(p, i);
		assert_int_equal(insp_phase_parse(insp_phase_zh((enum insp_phase)i), &p), 0);
		assert_int_equal(p, i);
	}
	assert_string_equal(insp_phase_code(IP_FIND), "find");
	assert_string_equal(insp_phase_code(IP_TARGETED), "targeted");
	assert_string_equal(insp_phase_code(IP_RECTIFY), "rectify");
	assert_string_equal(insp_phase_code(IP_SPOT), "spot");
	assert_string_equal(insp_phase_zh(IP_FIND), "查摆问题");
	assert_string_equal(insp_phase_zh(IP_TARGETED), "专项检查");
	assert_string_equal(insp_phase_zh(IP_RECTIFY), "整改落实");
	assert_string_equal(insp_phase_zh(IP_SPOT), "上级督查");
	assert_string_equal(insp_phase_code((enum insp_phase)INSP_PHASE_COUNT), "");
	assert_string_equal(insp_phase_zh((enum insp_phase) - 1), "");
	assert_int_equal(insp_phase_parse("audit", &p), -1);
	assert_int_equal(insp_phase_parse(NULL, &p), -1);

	for (int i = 0; i < INSP_RESULT_COUNT; i++) {
		assert_int_equal(insp_result_parse(insp_result_code((enum insp_result)i), &r), 0);
		assert_int_equal(r, i);
		assert_int_equal(insp_result_parse(insp_result_zh((enum insp_result)i), &r), 0);
		assert_int_equal(r, i);
	}
	assert_string_equal(insp_result_code(IR_NONE), "none");
	assert_string_equal(insp_result_code(IR_COMPLIANT), "compliant");
	assert_string_equal(insp_result_code(IR_NONCOMPLIANT), "noncompliant");
	assert_string_equal(insp_result_code(IR_NOT_APPLICABLE), "na");
	assert_string_equal(insp_result_zh(IR_COMPLIANT), "符合");
	assert_string_equal(insp_result_zh(IR_NONCOMPLIANT), "不符合");
	assert_string_equal(insp_result_zh(IR_NOT_APPLICABLE), "不适用");
	assert_int_equal(insp_result_parse("yes", &r), -1);

	for (int i = 0; i < INSP_SEVERITY_COUNT; i++) {
		assert_int_equal(insp_severity_parse(insp_severity_code((enum insp_severity)i), &s),
		                 0);
		assert_int_equal(s, i);
		assert_int_equal(insp_severity_parse(insp_severity_zh((enum insp_severity)i), &s),
		                 0);
		assert_int_equal(s, i);
	}
	assert_string_equal(insp_severity_code(IS_LOW), "low");
	assert_string_equal(insp_severity_code(IS_MEDIUM), "medium");
	assert_string_equal(insp_severity_code(IS_HIGH), "high");
	assert_string_equal(insp_severity_zh(IS_HIGH), "严重");
	assert_int_equal(insp_severity_parse("critical", &s), -1);

	for (int i = 0; i < RECT_STATE_COUNT; i++) {
		assert_int_equal(rect_state_parse(rect_state_code((enum rect_state)i), &rs), 0);
		assert_int_equal(rs, i);
		assert_int_equal(rect_state_parse(rect_state_zh((enum rect_state)i), &rs), 0);
		assert_int_equal(rs, i);
	}
	assert_string_equal(rect_state_code(RS_OPEN), "open");
	assert_string_equal(rect_state_code(RS_IN_PROGRESS), "in_progress");
	assert_string_equal(rect_state_code(RS_DONE), "done");
	assert_string_equal(rect_state_code(RS_VERIFIED), "verified");
	assert_string_equal(rect_state_zh(RS_OPEN), "待整改");
	/* overdue is derived, never a stored state */
	assert_int_equal(rect_state_parse("overdue", &rs), -1);

	for (int i = 0; i < RECT_ACTION_COUNT; i++) {
		assert_int_equal(rect_action_parse(rect_action_code((enum rect_action)i), &ra), 0);
		assert_int_equal(ra, i);
		assert_int_equal(rect_action_parse(rect_action_zh((enum rect_action)i), &ra), 0);
		assert_int_equal(ra, i);
	}
	assert_string_equal(rect_action_code(RA_START), "start");
	assert_string_equal(rect_action_code(RA_DONE), "done");
	assert_string_equal(rect_action_code(RA_VERIFY), "verify");
	assert_string_equal(rect_action_code(RA_REJECT), "reject");
	assert_string_equal(rect_action_code((enum rect_action)RECT_ACTION_COUNT), "");
	assert_int_equal(rect_action_parse("close", &ra), -1);

	for (int e = INSP_OK; e <= INSP_PHASE_CLOSED; e++) {
		assert_true(strlen(insp_err_zh((enum insp_err)e)) > 0);
		assert_true(strlen(insp_err_en((enum insp_err)e)) > 0);
	}
	assert_string_equal(insp_err_en((enum insp_err)99), "unknown error");
	assert_string_equal(insp_err_zh((enum insp_err)99), "未知错误");
}

/* ---- scoring ---- */

static int score_of(int compliant_w, int noncompliant_w)
{
	struct insp_tally t = {0};

	insp_tally_add(&t, IR_COMPLIANT, compliant_w);
	insp_tally_add(&t, IR_NONCOMPLIANT, noncompliant_w);
	return insp_score_x100(&t);
}

static void test_score(void **state)
{
	struct insp_tally t = {0};

	(void)state;
	/* nothing applicable: no score */
	assert_int_equal(insp_score_x100(&t), -1);
	insp_tally_add(&t, IR_NOT_APPLICABLE, 10);
	insp_tally_add(&t, IR_NONE, 10);
	assert_int_equal(insp_score_x100(&t), -1);
	assert_int_equal(t.not_applicable, 1);
	assert_int_equal(t.unchecked, 1);
	assert_int_equal(t.compliant_weight + t.noncompliant_weight, 0);

	insp_tally_add(&t, IR_COMPLIANT, 3);
	assert_int_equal(insp_score_x100(&t), 10000);
	insp_tally_add(&t, IR_NONCOMPLIANT, 1);
	assert_int_equal(insp_score_x100(&t), 7500);
	assert_int_equal(t.compliant, 1);
	assert_int_equal(t.noncompliant, 1);
	assert_int_equal(t.compliant_weight, 3);
	assert_int_equal(t.noncompliant_weight, 1);
	/* not applicable and unchecked items count for nothing */
	insp_tally_add(&t, IR_NOT_APPLICABLE, 100);
	insp_tally_add(&t, IR_NONE, 100);
	assert_int_equal(insp_score_x100(&t), 7500);
	assert_int_equal(t.not_applicable, 2);
	assert_int_equal(t.unchecked, 2);

	assert_int_equal(score_of(0, 5), 0);
	assert_int_equal(score_of(5, 0), 10000);
	assert_int_equal(score_of(37, 63), 3700);
	/* rounding to hundredths, half up */
	assert_int_equal(score_of(2, 1), 6667);  /* 66.666… */
	assert_int_equal(score_of(1, 2), 3333);  /* 33.333… */
	assert_int_equal(score_of(1, 31), 313);  /* 3.125 */
	assert_int_equal(score_of(3, 29), 938);  /* 9.375 */
	assert_int_equal(score_of(31, 1), 9688); /* 96.875 */
	assert_int_equal(score_of(1, 159), 63);  /* 0.625 */
	assert_int_equal(score_of(1, 3999), 3);  /* 0.025 */
	assert_int_equal(score_of(1, 7), 1250);  /* 12.5 exactly */
	assert_int_equal(score_of(1, 6), 1429);  /* 14.2857… */
	assert_int_equal(score_of(1, 19999), 1); /* 0.005 */
	assert_int_equal(score_of(1, 20001), 0); /* 0.0049… */

	/* weights */
	assert_int_equal(insp_check_weight(0), INSP_BAD_WEIGHT);
	assert_int_equal(insp_check_weight(-3), INSP_BAD_WEIGHT);
	assert_int_equal(insp_check_weight(1), INSP_OK);
	assert_int_equal(insp_check_weight(100), INSP_OK);
	assert_int_equal(insp_check_weight(101), INSP_BAD_WEIGHT);
	/* a negative weight counts as nothing rather than turning the score around */
	memset(&t, 0, sizeof(t));
	insp_tally_add(&t, IR_NONCOMPLIANT, -5);
	assert_int_equal(insp_score_x100(&t), -1);
	insp_tally_add(&t, IR_COMPLIANT, 1);
	assert_int_equal(insp_score_x100(&t), 10000);
}

/*
 * The unit score is the mean of its departments' scores weighted by each
 * department's applicable weight, which equals 100 × Σ compliant / Σ
 * applicable over all the unit's results: not the plain mean of the
 * departments' (rounded) scores.
 */
static void test_unit_score(void **state)
{
	struct insp_tally a = {0}, b = {0}, unit = {0}, empty = {0};
	uint64_t seed = 0x9e3779b97f4a7c15u;

	(void)state;
	/* a: 1 of 1 compliant (100), b: 0 of 9 (0); plain mean 50, weighted 10 */
	insp_tally_add(&a, IR_COMPLIANT, 1);
	for (int i = 0; i < 9; i++)
		insp_tally_add(&b, IR_NONCOMPLIANT, 1);
	insp_tally_merge(&unit, &a);
	insp_tally_merge(&unit, &b);
	insp_tally_merge(&unit, &empty); /* a department without results changes nothing */
	assert_int_equal(insp_score_x100(&a), 10000);
	assert_int_equal(insp_score_x100(&b), 0);
	assert_int_equal(insp_score_x100(&empty), -1);
	assert_int_equal(insp_score_x100(&unit), 1000);
	assert_int_equal(unit.compliant, 1);
	assert_int_equal(unit.noncompliant, 9);

	for (int trial = 0; trial < 2000; trial++) {
		struct insp_tally dept[8], all = {0}, merged = {0};
		int ndept = 1 + trial % 8;
		long double num = 0, den = 0;

		for (int d = 0; d < ndept; d++) {
			int nitems;

			memset(&dept[d], 0, sizeof(dept[d]));
			seed = seed * 6364136223846793005u + 1442695040888963407u;
			nitems = (int)(seed >> 59); /* 0..31 */
			for (int i = 0; i < nitems; i++) {
				enum insp_result r;
				int w;

				seed = seed * 6364136223846793005u + 1442695040888963407u;
				r = (enum insp_result)((seed >> 33) % INSP_RESULT_COUNT);
				w = 1 + (int)((seed >> 40) % 100);
				insp_tally_add(&dept[d], r, w);
				insp_tally_add(&all, r, w);
			}
			insp_tally_merge(&merged, &dept[d]);
			if (insp_score_x100(&dept[d]) >= 0) {
				long double wd = (long double)(dept[d].compliant_weight +
				                               dept[d].noncompliant_weight);
				long double exact =
				    10000.0L * (long double)dept[d].compliant_weight / wd;

				num += exact * wd;
				den += wd;
			}
		}
		assert_memory_equal(&merged, &all, sizeof(all));
		if (den == 0) {
			assert_int_equal(insp_score_x100(&merged), -1);
			continue;
		}
		/* the weighted mean, rounded: within half a hundredth of the merged score */
		{
			long double mean = num / den, diff = mean - insp_score_x100(&merged);

			assert_true(diff <= 0.5L + 1e-9L && diff >= -0.5L - 1e-9L);
		}
	}
}

/* ---- phases ---- */

static void test_phases(void **state)
{
	int32_t d0 = bjtime_days_from_civil(2026, 5, 1);
	struct insp_phase_dates d = {
	    .start = {d0, d0 + 15, d0 + 31, d0 + 62},
	    .end = {d0 + 14, d0 + 30, d0 + 61, d0 + 92},
	};
	struct insp_phase_dates x;
	const char *field = "x";

	(void)state;
	assert_int_equal(insp_check_phases(&d, &field), INSP_OK);
	assert_null(field);
	assert_int_equal(insp_check_phases(&d, NULL), INSP_OK);
	assert_int_equal(insp_phase_on(&d, d0 - 1), -1);
	assert_int_equal(insp_phase_on(&d, d0), IP_FIND);
	assert_int_equal(insp_phase_on(&d, d0 + 14), IP_FIND);
	assert_int_equal(insp_phase_on(&d, d0 + 15), IP_TARGETED);
	assert_int_equal(insp_phase_on(&d, d0 + 30), IP_TARGETED);
	assert_int_equal(insp_phase_on(&d, d0 + 31), IP_RECTIFY);
	assert_int_equal(insp_phase_on(&d, d0 + 62), IP_SPOT);
	assert_int_equal(insp_phase_on(&d, d0 + 92), IP_SPOT);
	assert_int_equal(insp_phase_on(&d, d0 + 93), -1);

	/* a gap between phases belongs to none */
	x = d;
	x.start[IP_TARGETED] = d0 + 20;
	assert_int_equal(insp_check_phases(&x, &field), INSP_OK);
	assert_int_equal(insp_phase_on(&x, d0 + 17), -1);

	/* a phase may start on the day the one before ends; that day is the later phase's */
	x = d;
	x.start[IP_TARGETED] = d0 + 14;
	assert_int_equal(insp_check_phases(&x, &field), INSP_OK);
	assert_int_equal(insp_phase_on(&x, d0 + 14), IP_TARGETED);
	assert_int_equal(insp_phase_on(&x, d0 + 13), IP_FIND);
	/* a one-day phase */
	x = d;
	x.end[IP_FIND] = d0;
	assert_int_equal(insp_check_phases(&x, &field), INSP_OK);

	/* overlapping phases */
	x = d;
	x.start[IP_TARGETED] = d0 + 13;
	assert_int_equal(insp_check_phases(&x, &field), INSP_BAD_DATES);
	assert_string_equal(field, "targeted_start");
	x = d;
	x.start[IP_SPOT] = d0 + 40;
	assert_int_equal(insp_check_phases(&x, &field), INSP_BAD_DATES);
	assert_string_equal(field, "spot_start");
	/* ending before it starts */
	x = d;
	x.end[IP_RECTIFY] = d0 + 30;
	assert_int_equal(insp_check_phases(&x, &field), INSP_BAD_DATES);
	assert_string_equal(field, "rectify_end");
	x = d;
	x.end[IP_FIND] = d0 - 1;
	assert_int_equal(insp_check_phases(&x, &field), INSP_BAD_DATES);
	assert_string_equal(field, "find_end");
	/* out of order although each is well formed */
	x = d;
	x.start[IP_TARGETED] = d0 + 62;
	x.end[IP_TARGETED] = d0 + 70;
	assert_int_equal(insp_check_phases(&x, &field), INSP_BAD_DATES);
	assert_string_equal(field, "rectify_start");
	/* negative days */
	x = d;
	x.start[IP_FIND] = -5;
	assert_int_equal(insp_check_phases(&x, &field), INSP_BAD_DATES);
	assert_string_equal(field, "find_start");
	x = d;
	x.end[IP_SPOT] = -1;
	assert_int_equal(insp_check_phases(&x, &field), INSP_BAD_DATES);
	assert_string_equal(field, "spot_end");

	/* the first phase needs a start; an end needs its start */
	memset(&x, 0, sizeof(x));
	assert_int_equal(insp_check_phases(&x, &field), INSP_MISSING_FIELD);
	assert_string_equal(field, "find_start");
	assert_int_equal(insp_phase_on(&x, d0), -1);
	x = d;
	x.start[IP_RECTIFY] = 0;
	assert_int_equal(insp_check_phases(&x, &field), INSP_MISSING_FIELD);
	assert_string_equal(field, "rectify_start");

	/* later phases may be left out or left open */
	memset(&x, 0, sizeof(x));
	x.start[IP_FIND] = d0;
	assert_int_equal(insp_check_phases(&x, &field), INSP_OK);
	assert_int_equal(insp_phase_on(&x, d0 + 1000), IP_FIND);
	x.start[IP_RECTIFY] = d0 + 20; /* 专项检查 skipped */
	assert_int_equal(insp_check_phases(&x, &field), INSP_OK);
	assert_int_equal(insp_phase_on(&x, d0 + 19), IP_FIND);
	assert_int_equal(insp_phase_on(&x, d0 + 20), IP_RECTIFY);
	x.end[IP_RECTIFY] = d0 + 40;
	assert_int_equal(insp_phase_on(&x, d0 + 41), -1);
	/* an open phase still may not start before the previous one */
	x.start[IP_SPOT] = d0 + 10;
	assert_int_equal(insp_check_phases(&x, &field), INSP_BAD_DATES);
	assert_string_equal(field, "spot_start");
	x.start[IP_SPOT] = d0 + 40;
	assert_int_equal(insp_check_phases(&x, &field), INSP_OK);
	/* after an open phase, the next must not start before it */
	memset(&x, 0, sizeof(x));
	x.start[IP_FIND] = d0 + 5;
	x.start[IP_TARGETED] = d0 + 4;
	assert_int_equal(insp_check_phases(&x, &field), INSP_BAD_DATES);
	assert_string_equal(field, "targeted_start");
	x.start[IP_TARGETED] = d0 + 5;
	assert_int_equal(insp_check_phases(&x, &field), INSP_OK);
	assert_int_equal(insp_phase_on(&x, d0 + 5), IP_TARGETED);
}

/* ---- severities ---- */

static void test_severity(void **state)
{
	static const struct {
		const char *id;
		enum insp_severity classified, unclassified;
	} want[] = {
	    /* a classified host: any way to the outside or mixed media is 严重 */
	    {"net.default_route", IS_HIGH, IS_LOW},
	    {"net.wireless", IS_HIGH, IS_LOW},
	    {"net.bluetooth", IS_HIGH, IS_LOW},
	    {"net.proxy", IS_HIGH, IS_LOW},
	    {"internet.browser_history", IS_HIGH, IS_LOW},
	    {"devices.wireless_input", IS_HIGH, IS_LOW},
	    /* a second operating system escapes every control of the classified one */
	    {"boot.other_os", IS_HIGH, IS_LOW},
	    /* a classified medium on an unclassified host is as serious */
	    {"usb.cross_use", IS_HIGH, IS_HIGH},
	    {"auth.empty_passwords", IS_HIGH, IS_MEDIUM},
	    /* policy and device weaknesses */
	    {"usb.storage", IS_MEDIUM, IS_LOW},
	    {"devices.camera", IS_MEDIUM, IS_LOW},
	    {"devices.microphone", IS_MEDIUM, IS_LOW},
	    {"media.automount", IS_MEDIUM, IS_LOW},
	    {"screen.lock", IS_MEDIUM, IS_MEDIUM},
	    {"auth.password_policy", IS_MEDIUM, IS_MEDIUM},
	    {"antivirus", IS_MEDIUM, IS_MEDIUM},
	    /* burning discs is copying: allowed only registered and approved */
	    {"media.burning", IS_MEDIUM, IS_LOW},
	    /* informational */
	    {"net.interfaces", IS_LOW, IS_LOW},
	    {"net.dns", IS_LOW, IS_LOW},
	};

	(void)state;
	assert_int_equal(sizeof(want) / sizeof(want[0]), NCHECK_IDS);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_true(insp_check_known(want[i].id));
		assert_int_equal(insp_check_severity(want[i].id, true), want[i].classified);
		assert_int_equal(insp_check_severity(want[i].id, false), want[i].unclassified);
		/* never milder on a classified host */
		assert_true(want[i].classified >= want[i].unclassified);
	}
	for (size_t i = 0; i < NCHECK_IDS; i++)
		assert_true(insp_check_known(check_ids[i]));
	/* unknown ids are 较重 on either host */
	assert_false(insp_check_known("net.firewall"));
	assert_false(insp_check_known(""));
	assert_false(insp_check_known(NULL));
	assert_false(insp_check_known("antivirus "));
	assert_false(insp_check_known("Antivirus"));
	assert_int_equal(insp_check_severity("net.firewall", true), IS_MEDIUM);
	assert_int_equal(insp_check_severity("net.firewall", false), IS_MEDIUM);
	assert_int_equal(insp_check_severity(NULL, true), IS_MEDIUM);
	assert_int_equal(insp_check_severity("", false), IS_MEDIUM);
	/* keyword hits: classified text where it must not be is 严重 */
	assert_int_equal(insp_hit_severity(false), IS_HIGH);
	assert_int_equal(insp_hit_severity(true), IS_MEDIUM);
}

/* ---- rectification ---- */

enum who { RESP, INSPECTOR, OTHER, RESP_INSPECTOR, DONER_INSPECTOR, NOBODY };

static struct rect_act act(enum rect_action a, enum rect_state s, enum who w, bool text)
{
	struct rect_act x = {
	    .action = a,
	    .state = s,
	    .responsible_id = 10,
	    .done_by = s == RS_DONE || s == RS_VERIFIED ? 30 : 0,
	    .has_text = text,
	};

	switch (w) {
	case RESP:
		x.actor_id = 10;
		break;
	case INSPECTOR:
		x.actor_id = 20;
		x.actor_inspector = true;
		break;
	case OTHER:
		x.actor_id = 40;
		break;
	case RESP_INSPECTOR:
		x.actor_id = 10;
		x.actor_inspector = true;
		break;
	case DONER_INSPECTOR:
		x.actor_id = 30;
		x.actor_inspector = true;
		break;
	case NOBODY:
		x.actor_id = 0;
		x.responsible_id = 0;
		break;
	}
	return x;
}

static void test_rect_path(void **state)
{
	struct rect_act x;
	const char *field = "x";
	enum rect_state s = RS_OPEN;

	(void)state;
	/* open → in progress → done → rejected → done → verified */
	x = act(RA_START, s, RESP, false);
	assert_int_equal(rect_check(&x, &field), INSP_OK);
	assert_null(field);
	s = rect_next_state(&x);
	assert_int_equal(s, RS_IN_PROGRESS);
	x = act(RA_DONE, s, RESP, true);
	assert_int_equal(rect_check(&x, &field), INSP_OK);
	s = rect_next_state(&x);
	assert_int_equal(s, RS_DONE);
	x = act(RA_REJECT, s, INSPECTOR, true);
	assert_int_equal(rect_check(&x, &field), INSP_OK);
	s = rect_next_state(&x);
	assert_int_equal(s, RS_IN_PROGRESS);
	x = act(RA_DONE, s, RESP, true);
	assert_int_equal(rect_check(&x, NULL), INSP_OK);
	s = rect_next_state(&x);
	x = act(RA_VERIFY, s, INSPECTOR, false);
	assert_int_equal(rect_check(&x, &field), INSP_OK);
	s = rect_next_state(&x);
	assert_int_equal(s, RS_VERIFIED);

	/* straight from open to done, by an inspector who fixed it on the spot */
	x = act(RA_DONE, RS_OPEN, INSPECTOR, true);
	assert_int_equal(rect_check(&x, &field), INSP_OK);
	assert_int_equal(rect_next_state(&x), RS_DONE);
}

/*
 * Every action from every state by every kind of actor, with and without
 * text: the expected answer written out per action.
 */
static void test_rect_table(void **state)
{
	static const struct {
		enum rect_action a;
		enum rect_state s;
		enum who w;
		bool text;
		enum insp_err want;
		const char *field;
		enum rect_state next;
	} cases[] = {
	    /* start: only the responsible person, only from open */
	    {RA_START, RS_OPEN, RESP, false, INSP_OK, NULL, RS_IN_PROGRESS},
	    {RA_START, RS_OPEN, RESP_INSPECTOR, false, INSP_OK, NULL, RS_IN_PROGRESS},
	    {RA_START, RS_OPEN, INSPECTOR, false, INSP_NOT_PERMITTED, NULL, 0},
	    {RA_START, RS_OPEN, OTHER, false, INSP_NOT_PERMITTED, NULL, 0},
	    {RA_START, RS_OPEN, NOBODY, false, INSP_NOT_PERMITTED, NULL, 0},
	    {RA_START, RS_IN_PROGRESS, RESP, false, INSP_BAD_STATE, NULL, 0},
	    {RA_START, RS_DONE, RESP, false, INSP_BAD_STATE, NULL, 0},
	    {RA_START, RS_VERIFIED, RESP, false, INSP_BAD_STATE, NULL, 0},
	    /* done: responsible or inspector, from open or in progress, with measures */
	    {RA_DONE, RS_OPEN, RESP, true, INSP_OK, NULL, RS_DONE},
	    {RA_DONE, RS_IN_PROGRESS, RESP, true, INSP_OK, NULL, RS_DONE},
	    {RA_DONE, RS_IN_PROGRESS, INSPECTOR, true, INSP_OK, NULL, RS_DONE},
	    {RA_DONE, RS_OPEN, INSPECTOR, true, INSP_OK, NULL, RS_DONE},
	    {RA_DONE, RS_IN_PROGRESS, RESP, false, INSP_MISSING_FIELD, "measures", 0},
	    {RA_DONE, RS_OPEN, INSPECTOR, false, INSP_MISSING_FIELD, "measures", 0},
	    {RA_DONE, RS_IN_PROGRESS, OTHER, true, INSP_NOT_PERMITTED, NULL, 0},
	    {RA_DONE, RS_IN_PROGRESS, NOBODY, true, INSP_NOT_PERMITTED, NULL, 0},
	    {RA_DONE, RS_DONE, RESP, true, INSP_BAD_STATE, NULL, 0},
	    {RA_DONE, RS_VERIFIED, INSPECTOR, true, INSP_BAD_STATE, NULL, 0},
	    /* verify: an inspector, from done, not the one who did it */
	    {RA_VERIFY, RS_DONE, INSPECTOR, false, INSP_OK, NULL, RS_VERIFIED},
	    {RA_VERIFY, RS_DONE, RESP_INSPECTOR, false, INSP_OK, NULL, RS_VERIFIED},
	    {RA_VERIFY, RS_DONE, DONER_INSPECTOR, false, INSP_SELF_VERIFY, NULL, 0},
	    {RA_VERIFY, RS_DONE, RESP, false, INSP_NOT_PERMITTED, NULL, 0},
	    {RA_VERIFY, RS_DONE, OTHER, false, INSP_NOT_PERMITTED, NULL, 0},
	    {RA_VERIFY, RS_OPEN, INSPECTOR, false, INSP_BAD_STATE, NULL, 0},
	    {RA_VERIFY, RS_IN_PROGRESS, INSPECTOR, false, INSP_BAD_STATE, NULL, 0},
	    {RA_VERIFY, RS_VERIFIED, INSPECTOR, false, INSP_BAD_STATE, NULL, 0},
	    /* reject: an inspector, from done, with a reason; back to in progress */
	    {RA_REJECT, RS_DONE, INSPECTOR, true, INSP_OK, NULL, RS_IN_PROGRESS},
	    {RA_REJECT, RS_DONE, DONER_INSPECTOR, true, INSP_OK, NULL, RS_IN_PROGRESS},
	    {RA_REJECT, RS_DONE, INSPECTOR, false, INSP_MISSING_FIELD, "reason", 0},
	    {RA_REJECT, RS_DONE, RESP, true, INSP_NOT_PERMITTED, NULL, 0},
	    {RA_REJECT, RS_DONE, OTHER, true, INSP_NOT_PERMITTED, NULL, 0},
	    {RA_REJECT, RS_OPEN, INSPECTOR, true, INSP_BAD_STATE, NULL, 0},
	    {RA_REJECT, RS_IN_PROGRESS, INSPECTOR, true, INSP_BAD_STATE, NULL, 0},
	    {RA_REJECT, RS_VERIFIED, INSPECTOR, true, INSP_BAD_STATE, NULL, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rect_act x = act(cases[i].a, cases[i].s, cases[i].w, cases[i].text);
		const char *field = "unset";
		enum insp_err e = rect_check(&x, &field);

		if (e != cases[i].want)
			fail_msg("case %zu (%s from %s): %d, want %d", i,
			         rect_action_code(cases[i].a), rect_state_code(cases[i].s), e,
			         cases[i].want);
		if (cases[i].field)
			assert_string_equal(field, cases[i].field);
		else
			assert_null(field);
		if (cases[i].want == INSP_OK)
			assert_int_equal(rect_next_state(&x), cases[i].next);
	}
}

static void test_rect_final(void **state)
{
	static const enum who everyone[] = {RESP,           INSPECTOR,       OTHER,
	                                    RESP_INSPECTOR, DONER_INSPECTOR, NOBODY};

	(void)state;
	/* verified is final: nothing, by anyone, with or without text */
	for (int a = 0; a < RECT_ACTION_COUNT; a++)
		for (size_t w = 0; w < sizeof(everyone) / sizeof(everyone[0]); w++)
			for (int t = 0; t < 2; t++) {
				struct rect_act x =
				    act((enum rect_action)a, RS_VERIFIED, everyone[w], t);
				enum insp_err e = rect_check(&x, NULL);

				assert_true(e == INSP_BAD_STATE || e == INSP_NOT_PERMITTED);
			}
	/* no action is allowed from an unknown state, and unknown actions do nothing */
	{
		struct rect_act x = act(RA_DONE, (enum rect_state)7, RESP_INSPECTOR, true);

		assert_int_equal(rect_check(&x, NULL), INSP_BAD_STATE);
		x = act((enum rect_action)9, RS_OPEN, RESP_INSPECTOR, true);
		assert_int_equal(rect_check(&x, NULL), INSP_BAD_STATE);
		assert_int_equal(rect_next_state(&x), RS_OPEN);
	}
	/* done_by unknown (0): any inspector may verify */
	{
		struct rect_act x = act(RA_VERIFY, RS_DONE, INSPECTOR, false);

		x.done_by = 0;
		assert_int_equal(rect_check(&x, NULL), INSP_OK);
	}
}

static void test_overdue(void **state)
{
	int32_t dl = bjtime_days_from_civil(2026, 6, 30);

	(void)state;
	/* the deadline day itself is still in time */
	assert_false(rect_overdue(RS_OPEN, dl, dl));
	assert_false(rect_overdue(RS_OPEN, dl, dl - 1));
	assert_true(rect_overdue(RS_OPEN, dl, dl + 1));
	assert_true(rect_overdue(RS_IN_PROGRESS, dl, dl + 100));
	/* done (awaiting verification) and verified tasks are not overdue */
	assert_false(rect_overdue(RS_DONE, dl, dl + 1));
	assert_false(rect_overdue(RS_VERIFIED, dl, dl + 1));
	/* no deadline, no overdue */
	assert_false(rect_overdue(RS_OPEN, 0, dl));
	assert_false(rect_overdue((enum rect_state)9, dl, dl + 1));
}

/* ---- the shipped checklist template ---- */

static bool known_id(const char *id)
{
	for (size_t i = 0; i < NCHECK_IDS; i++)
		if (strcmp(id, check_ids[i]) == 0)
			return true;
	return false;
}

static void assert_text(json_t *item, const char *key)
{
	json_t *v = json_object_get(item, key);

	if (!json_is_string(v) || json_string_length(v) == 0)
		fail_msg("item %s: %s missing or empty",
		         json_string_value(json_object_get(item, "code")), key);
}

static void test_checklist(void **state)
{
	json_error_t err;
	json_t *root, *items, *item;
	size_t i, nhits = 0;
	bool id_used[NCHECK_IDS] = {false};
	char *codes[256];
	const char *const must_have[] = {
	    "net-isolation",      "computer-custodian", "boot-screen-password",
	    "doc-encryption",     "media-no-cross-use", "separate-storage",
	    "antivirus-firewall", "computer-marking",   "internet-records",
	    "carrier-register",   "borrow-signoff",     "destruction-record",
	    "pledge-signed",      "training-coverage",
	};

	(void)state;
	root = json_load_file(BAOMI_SRC "/data/checklists/seed.json", JSON_REJECT_DUPLICATES, &err);
	if (!root)
		fail_msg("seed.json line %d: %s", err.line, err.text);
	assert_string_equal(json_string_value(json_object_get(root, "template")), "seed");
	assert_true(json_string_length(json_object_get(root, "name")) > 0);
	assert_int_equal(json_integer_value(json_object_get(root, "version")), 1);
	items = json_object_get(root, "items");
	assert_true(json_is_array(items));
	assert_in_range(json_array_size(items), 30, 45);
	json_array_foreach(items, i, item)
	{
		json_t *w = json_object_get(item, "weight"),
		       *ids = json_object_get(item, "check_ids");
		json_t *kh = json_object_get(item, "keyword_hits"), *id;
		const char *code = json_string_value(json_object_get(item, "code"));
		size_t j;

		const char *key;
		json_t *v;

		assert_true(json_is_object(item));
		json_object_foreach(item, key, v)
		{
			static const char *const keys[] = {
			    "code",     "category", "title",     "requirement",  "method",
			    "evidence", "weight",   "check_ids", "keyword_hits",
			};
			size_t k = 0;

			while (k < sizeof(keys) / sizeof(keys[0]) && strcmp(keys[k], key) != 0)
				k++;
			if (k == sizeof(keys) / sizeof(keys[0]))
				fail_msg("item %zu: unknown key %s", i, key);
		}
		assert_non_null(code);
		/* codes: ASCII, lowercase words joined by '-', unique */
		assert_true(strlen(code) > 0 && strlen(code) < 48);
		assert_int_equal(strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789-"),
		                 strlen(code));
		for (j = 0; j < i; j++)
			if (strcmp(codes[j], code) == 0)
				fail_msg("code %s twice", code);
		codes[i] = (char *)code;
		assert_text(item, "category");
		assert_text(item, "title");
		assert_text(item, "requirement");
		assert_text(item, "method");
		assert_text(item, "evidence");
		assert_true(json_is_integer(w));
		assert_in_range(json_integer_value(w), 1, 10);
		assert_int_equal(insp_check_weight((int)json_integer_value(w)), INSP_OK);
		assert_true(json_is_array(ids));
		json_array_foreach(ids, j, id)
		{
			assert_true(json_is_string(id));
			if (!known_id(json_string_value(id)))
				fail_msg("item %s: unknown check id %s", code,
				         json_string_value(id));
			assert_true(insp_check_known(json_string_value(id)));
			/* one item per check, so a failure becomes one finding */
			for (size_t k = 0; k < NCHECK_IDS; k++)
				if (strcmp(check_ids[k], json_string_value(id)) == 0) {
					if (id_used[k])
						fail_msg("check %s feeds two items", check_ids[k]);
					id_used[k] = true;
				}
		}
		assert_true(kh == NULL || json_is_boolean(kh));
		if (json_is_true(kh))
			nhits++;
	}
	/* keyword hits feed at least one item */
	assert_true(nhits >= 1);
	/* every system check feeds some item, so no failure is left without one */
	for (i = 0; i < NCHECK_IDS; i++)
		if (!id_used[i])
			fail_msg("check %s feeds no item", check_ids[i]);
	for (i = 0; i < sizeof(must_have) / sizeof(must_have[0]); i++) {
		size_t j;

		for (j = 0; j < json_array_size(items); j++)
			if (strcmp(codes[j], must_have[i]) == 0)
				break;
		if (j == json_array_size(items))
			fail_msg("item %s missing", must_have[i]);
	}
	json_decref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),      cmocka_unit_test(test_score),
	    cmocka_unit_test(test_unit_score), cmocka_unit_test(test_phases),
	    cmocka_unit_test(test_severity),   cmocka_unit_test(test_rect_path),
	    cmocka_unit_test(test_rect_table), cmocka_unit_test(test_rect_final),
	    cmocka_unit_test(test_overdue),    cmocka_unit_test(test_checklist),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
