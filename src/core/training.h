/*
 * training — 保密教育培训: sessions, hours against a yearly target per
 * staff class, the rule that confirms a person in a classified post, and the
 * 节前保密教育 due before each public holiday (pure rules, no I/O).
 *
 * Hours are kept in tenths (1.5 h = 15) so that sums are exact.
 */
#ifndef BAOMI_TRAINING_H
#define BAOMI_TRAINING_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"
#include "level.h"
#include "person.h"

enum training_kind {
	TRAINING_PRE_POST = 0, /* 岗前培训 */
	TRAINING_IN_POST = 1,  /* 在岗培训 (岗中) */
	TRAINING_TOPIC = 2,    /* 专题培训 */
	TRAINING_HOLIDAY = 3,  /* 节前保密教育 */
};
#define TRAINING_KIND_COUNT 4

#define TRAINING_TITLE_MAX 200
#define TRAINING_TEXT_MAX 400
#define TRAINING_MAX_TENTHS 240  /* one session lasts at most 24 hours */
#define TRAINING_TARGET_MAX 2000 /* a yearly target of at most 200 hours */
#define TRAINING_NO_SCORE (-1)
/* 节前教育 is reminded this many days before a holiday begins ... */
#define TRAINING_HOLIDAY_LEAD 14
/* ... and a 节前 session held this many days before it (up to its first day) counts for it. */
#define TRAINING_HOLIDAY_WINDOW 30

struct training_session {
	int64_t id;
	int64_t unit_id;
	enum training_kind kind;
	int32_t held_on; /* days since epoch (Beijing) */
	int hours;       /* tenths of an hour */
	char title[TRAINING_TITLE_MAX + 1];
	char trainer[PERSON_NAME_MAX * 2 + 1];
	char material[TRAINING_TEXT_MAX + 1]; /* text or the name of the attached file */
	int64_t created_by;                   /* account */
	int64_t created_at, updated_at;       /* ms, set by the store */
};

/* Yearly hours (tenths) each staff class is to reach; set by the security administrator. */
struct training_targets {
	int tenths[STAFF_CLASS_COUNT];
};

enum training_err {
	TRAINING_OK = 0,
	TRAINING_TITLE_EMPTY,
	TRAINING_TRAINER_EMPTY,
	TRAINING_DATE_MISSING,
	TRAINING_HOURS_RANGE,  /* not above 0 and at most 24 */
	TRAINING_HOURS_STEP,   /* more than one decimal place */
	TRAINING_TARGET_RANGE, /* a target outside 0..200 hours */
	/* confirming a person in a classified post (涉密岗位) */
	TRAINING_POST_NO_PRE_POST,   /* no 岗前 training attended */
	TRAINING_POST_NO_COMMITMENT, /* no signed 保密承诺书 */
	TRAINING_POST_NO_BOTH,       /* neither */
};

const char *training_kind_code(enum training_kind k);
const char *training_kind_zh(enum training_kind k);
const char *training_kind_en(enum training_kind k);
/* Accepts the code (pre_post) or the Chinese name (岗前培训); 0 or -1. */
int training_kind_parse(const char *s, enum training_kind *out);

/* Hours as a number (1.5) to tenths; TRAINING_HOURS_RANGE or _STEP when not a valid length. */
enum training_err training_hours_from(double hours, int *tenths);
/* Tenths as text: "1.5", "2", "0.5"; out holds at least 24 bytes. */
void training_hours_text(int64_t tenths, char *out, size_t cap);

void training_session_init(struct training_session *s);
/* Checks a session; on error *field names the JSON field at fault. */
enum training_err training_validate(const struct training_session *s, const char **field);

/* The default targets: 核心 20 h, 重要 16 h, 一般 12 h, 非涉密 4 h a year. */
void training_targets_default(struct training_targets *t);
/* A yearly target in hours (0 to 200, one decimal at most) to tenths. */
enum training_err training_target_from(double hours, int *tenths);
/* Below the yearly target of the class? */
bool training_below_target(const struct training_targets *t, enum staff_class c, int64_t tenths);

/*
 * A person enters a classified post (涉密岗位) when a change makes them an
 * active 涉密人员 (a class other than 非涉密, status 在岗) who was not one
 * before: given a class, or back in post.  That confirmation needs a 岗前
 * training attended (pre_post_done) and a signed 保密承诺书 (the commitment
 * date); the error says which is missing.  A change that keeps a person in
 * post, or takes them out of it, is not judged here.  `old` is the person
 * before the change.
 */
enum training_err training_post_confirm(const struct person *old, const struct person *p,
                                        bool pre_post_done);

/*
 * The next public holiday that begins after `today` and within
 * TRAINING_HOLIDAY_LEAD days: its first day off in *start and its name (the
 * calendar's note, 国庆节) in name (cap bytes).  A holiday is a run of days
 * off with the same note; weekends are no holiday.  false when none.
 */
bool training_holiday_ahead(const struct calendar *c, int32_t today, int32_t *start, char *name,
                            size_t cap);

const char *training_err_zh(enum training_err e);
const char *training_err_en(enum training_err e);

#endif
