/*
 * inspect — self-inspection campaigns (保密自查), findings and
 * rectification (pure C, no I/O).
 *
 * Seed 001 describes a campaign in four phases — 查摆问题, 专项检查,
 * 整改落实, 上级督查 — over a checklist whose items carry a requirement,
 * the way to check it, the evidence expected and a weight.  Inspectors
 * record per item and department a result; non-compliance and the
 * failures found by baomi-check become findings, each with a
 * rectification task that has an owner and a deadline.
 *
 * Scoring (documented for users in README):
 *   department score = 100 × Σ weight(compliant) / Σ weight(compliant + non-compliant)
 *   over the items that department has a result for; not-applicable items
 *   and items without a result count for nothing.  A department with no
 *   applicable result has no score.
 *   unit score = the mean of its departments' scores weighted by each
 *   department's applicable weight (so it equals 100 × Σ compliant / Σ applicable
 *   over all results of the unit).
 */
#ifndef BAOMI_INSPECT_H
#define BAOMI_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum insp_phase {
	IP_FIND = 0,     /* 查摆问题 */
	IP_TARGETED = 1, /* 专项检查 */
	IP_RECTIFY = 2,  /* 整改落实 */
	IP_SPOT = 3,     /* 上级督查 */
};
#define INSP_PHASE_COUNT 4

enum insp_result {
	IR_NONE = 0,          /* not yet checked */
	IR_COMPLIANT = 1,     /* 符合 */
	IR_NONCOMPLIANT = 2,  /* 不符合 */
	IR_NOT_APPLICABLE = 3 /* 不适用 */
};
#define INSP_RESULT_COUNT 4

enum insp_severity {
	IS_LOW = 0,    /* 一般 */
	IS_MEDIUM = 1, /* 较重 */
	IS_HIGH = 2,   /* 严重 */
};
#define INSP_SEVERITY_COUNT 3

/* Rectification task states; "overdue" is derived, not stored (insp_task_overdue). */
enum rect_state {
	RS_OPEN = 0,        /* 待整改 */
	RS_IN_PROGRESS = 1, /* 整改中 */
	RS_DONE = 2,        /* 已整改 (awaiting verification) */
	RS_VERIFIED = 3,    /* 已验证 */
};
#define RECT_STATE_COUNT 4

enum rect_action {
	RA_START = 0,  /* open → in progress (the responsible person) */
	RA_DONE = 1,   /* open / in progress → done, with the measures taken */
	RA_VERIFY = 2, /* done → verified (an inspector, not the one who did it) */
	RA_REJECT = 3, /* done → in progress: verification failed, with a reason */
};
#define RECT_ACTION_COUNT 4

enum insp_err {
	INSP_OK = 0,
	INSP_BAD_STATE,     /* not allowed from the current state */
	INSP_NOT_PERMITTED, /* not the responsible person / not an inspector */
	INSP_SELF_VERIFY,   /* the one who rectified cannot verify it */
	INSP_MISSING_FIELD, /* measures, reason, deadline ... */
	INSP_BAD_DATES,     /* phases out of order or ending before they start */
	INSP_BAD_WEIGHT,    /* weight outside 1..100 */
	INSP_PHASE_CLOSED,  /* results are recorded only in an open phase */
};

const char *insp_phase_code(enum insp_phase p); /* find, targeted, rectify, spot */
const char *insp_phase_zh(enum insp_phase p);
int insp_phase_parse(const char *s, enum insp_phase *out);
const char *insp_result_code(enum insp_result r); /* none, compliant, noncompliant, na */
const char *insp_result_zh(enum insp_result r);
int insp_result_parse(const char *s, enum insp_result *out);
const char *insp_severity_code(enum insp_severity s); /* low, medium, high */
const char *insp_severity_zh(enum insp_severity s);
int insp_severity_parse(const char *s, enum insp_severity *out);
const char *rect_state_code(enum rect_state s); /* open, in_progress, done, verified */
const char *rect_state_zh(enum rect_state s);
int rect_state_parse(const char *s, enum rect_state *out);
const char *rect_action_code(enum rect_action a); /* start, done, verify, reject */
const char *rect_action_zh(enum rect_action a);
int rect_action_parse(const char *s, enum rect_action *out);
const char *insp_err_zh(enum insp_err e);
const char *insp_err_en(enum insp_err e);

/* ---- scoring ---- */

struct insp_tally {
	int64_t compliant_weight;
	int64_t noncompliant_weight;
	int compliant, noncompliant, not_applicable, unchecked;
};
#define INSP_WEIGHT_MIN 1
#define INSP_WEIGHT_MAX 100
/* INSP_OK for a weight in INSP_WEIGHT_MIN..INSP_WEIGHT_MAX, else INSP_BAD_WEIGHT. */
enum insp_err insp_check_weight(int weight);
void insp_tally_add(struct insp_tally *t, enum insp_result r, int weight);
/* Adds t into into: the unit's tally is the merge of its departments' tallies. */
void insp_tally_merge(struct insp_tally *into, const struct insp_tally *t);
/* Score 0..100 (two decimals as hundredths: 9250 = 92.50); -1 when nothing applicable. */
int insp_score_x100(const struct insp_tally *t);

/* ---- campaign phases ---- */

/* Days since epoch (Beijing), 0 = not set; phases in order, each end ≥ its start. */
struct insp_phase_dates {
	int32_t start[INSP_PHASE_COUNT];
	int32_t end[INSP_PHASE_COUNT];
};
/*
 * The first phase (查摆问题) needs a start; a later phase may be left out
 * (start and end 0) or given a start without an end (open).  A phase may
 * start on the day the phase before it ends, not earlier.  field names the
 * date at fault: "find_start", "targeted_end", ...
 */
enum insp_err insp_check_phases(const struct insp_phase_dates *d, const char **field);
/*
 * The phase a day falls in, or -1 outside every phase.  On a day shared by
 * two phases the later one; an open phase runs until the next one starts.
 */
int insp_phase_on(const struct insp_phase_dates *d, int32_t day);

/* ---- findings from baomi-check ---- */

/*
 * Severity of a failed baomi-check system check on a host of this role
 * ("classified" or "unclassified"): internet traces, cross-used media and
 * wireless on a classified host are high; policy weaknesses medium; the
 * rest low.  Unknown ids are medium.
 */
enum insp_severity insp_check_severity(const char *check_id, bool classified_host);
/* Whether check_id is one of the system checks baomi-check runs. */
bool insp_check_known(const char *check_id);
/* Severity of keyword hits: high on an unclassified host, medium on a classified one. */
enum insp_severity insp_hit_severity(bool classified_host);

/* ---- rectification ---- */

struct rect_act {
	enum rect_action action;
	enum rect_state state;
	int64_t actor_id;       /* account */
	bool actor_inspector;   /* an inspector of the campaign, or the unit's officer */
	int64_t responsible_id; /* account responsible for the task */
	int64_t done_by;        /* account that marked it done */
	bool has_text;          /* measures (done) or reason (reject) given */
};
enum insp_err rect_check(const struct rect_act *x, const char **field);
enum rect_state rect_next_state(const struct rect_act *x);
/* Overdue: past its deadline (day, Beijing; 0 = none) and neither done nor verified. */
bool rect_overdue(enum rect_state s, int32_t deadline_day, int32_t today);

#endif
