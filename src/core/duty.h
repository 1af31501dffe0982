/*
 * duty — the duty roster (值班表), pure rules, no I/O.
 *
 * A unit keeps 7×24 duty in shifts: a day shift (白班) and a night shift
 * (夜班) on working days, one 24-hour shift (全天) on weekends, and a
 * holiday shift (节假日) on the public holidays of the working-day
 * calendar.  Each shift names the duty officer (值班员), the leader on call
 * (带班领导), an A role (A 角) and a B role (B 角) who stand in, and the
 * duty phone.  A shift covers [starts_at, ends_at): the night shift ends on
 * the next morning, and a moment at the end of one shift is in the next.
 *
 * Who takes a task a plan gives to a role is decided here (duty_pick): the
 * one on duty in that role, else the A role, else the B role — each only if
 * present (not marked absent on the shift) and able (the store says whether
 * the account is enabled).
 */
#ifndef BAOMI_DUTY_H
#define BAOMI_DUTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"

enum duty_kind {
	DK_DAY = 0,     /* 白班 */
	DK_NIGHT = 1,   /* 夜班 */
	DK_FULL = 2,    /* 全天 (24 h) */
	DK_HOLIDAY = 3, /* 节假日 (24 h on a public holiday) */
};
#define DUTY_KIND_COUNT 4

/* The people a shift names; a slot may be empty (0). */
enum duty_slot {
	DS_OFFICER = 0, /* 值班员 */
	DS_LEADER = 1,  /* 带班领导 */
	DS_A = 2,       /* A 角 */
	DS_B = 3,       /* B 角 */
};
#define DUTY_SLOT_COUNT 4

/* Shift times, in minutes after Beijing midnight. */
#define DUTY_DAY_START_MIN (8 * 60)    /* 08:00 */
#define DUTY_NIGHT_START_MIN (20 * 60) /* 20:00, to 08:00 the next morning */
#define DUTY_PHONE_MAX 32
#define DUTY_MAX_SHIFTS 200  /* one generation: two months of day and night shifts */
#define DUTY_MAX_ROTATION 32 /* people in one rotation list */
#define DUTY_MAX_DAYS 62     /* days one generation may span */

enum duty_err {
	DUTY_OK = 0,
	DUTY_BAD_RANGE,    /* from after to, or longer than DUTY_MAX_DAYS */
	DUTY_NO_OFFICERS,  /* the rotation names no duty officer */
	DUTY_TOO_MANY,     /* over DUTY_MAX_ROTATION people or DUTY_MAX_SHIFTS shifts */
	DUTY_BAD_TIMES,    /* a shift that ends before it starts or lasts over 48 h */
	DUTY_BAD_PATTERN,  /* not a known pattern */
	DUTY_SAME_PERSON,  /* the officer is also the A or B role of the same shift */
	DUTY_NOT_PERMITTED /* the roles do not allow it */
};

struct duty_shift {
	int64_t id;
	int64_t starts_at, ends_at; /* ms */
	enum duty_kind kind;
	int64_t who[DUTY_SLOT_COUNT]; /* account ids, 0 = nobody */
	unsigned absent;              /* bit (1 << slot): marked absent or on leave */
	char phone[DUTY_PHONE_MAX + 1];
};

/* How to lay shifts over days. */
enum duty_pattern {
	DP_STANDARD = 0, /* working days day + night; other days one 24 h shift */
	DP_FULL = 1,     /* every day one 24 h shift */
};

/*
 * A rotation: the people of each slot in order.  Officers take the shifts
 * in turn; the leader, A and B lists turn once per day.
 */
struct duty_rotation {
	int n[DUTY_SLOT_COUNT];
	int64_t who[DUTY_SLOT_COUNT][DUTY_MAX_ROTATION];
	enum duty_pattern pattern;
	char phone[DUTY_PHONE_MAX + 1];
};

const char *duty_kind_code(enum duty_kind k);
const char *duty_kind_zh(enum duty_kind k);
int duty_kind_parse(const char *s, enum duty_kind *out);
const char *duty_slot_code(enum duty_slot s);
const char *duty_slot_zh(enum duty_slot s);
int duty_slot_parse(const char *s, enum duty_slot *out);
int duty_pattern_parse(const char *s, enum duty_pattern *out);
const char *duty_err_zh(enum duty_err e);
const char *duty_err_en(enum duty_err e);

/* Epoch ms of a Beijing day's minute (day: days since 1970-01-01). */
int64_t duty_day_ms(int32_t day, int minute);
/* The Beijing day an instant falls on. */
int32_t duty_day_of(int64_t ms);
/* Is the day a public holiday (a day off the calendar names, not a weekend)? */
bool duty_is_holiday(const struct calendar *c, int32_t day);

/*
 * Lays the rotation over the Beijing days [from, to] (inclusive): *n
 * shifts into out (room for DUTY_MAX_SHIFTS), sorted by start.
 */
enum duty_err duty_generate(const struct duty_rotation *r, const struct calendar *c, int32_t from,
                            int32_t to, struct duty_shift *out, int *n);
/* Checks a single shift's times and people (edited by hand). */
enum duty_err duty_check_shift(const struct duty_shift *s);

/*
 * The shift on duty at `at`: of those with starts_at <= at < ends_at the
 * one that started last (an edited shift laid over a generated one wins;
 * equal starts: the higher id).  -1 when none covers it (a gap).
 */
int duty_on_at(const struct duty_shift *shifts, int n, int64_t at);

/*
 * The slot that answers for a business role bit: 值班员 → officer;
 * 分管领导 and 应急指挥 → the leader on call.  -1 for roles the roster does
 * not carry (保密员, 部门负责人, 涉密人员).
 */
int duty_slot_for_role(uint32_t role);

/* How duty_pick found its person. */
enum duty_how {
	DH_ON_DUTY = 0, /* the one on duty in the role */
	DH_A = 1,       /* the A role stood in */
	DH_B = 2,       /* the B role stood in */
	DH_NONE = 3,    /* nobody on the shift can take it */
};
const char *duty_how_code(enum duty_how h);
const char *duty_how_zh(enum duty_how h);

/*
 * Picks the slot that takes work for `slot` on shift s: that slot, else
 * A, else B.  A person is passed over when empty, marked absent in any
 * slot of the shift, or not able (able[i] false: the account is disabled).
 * Returns the slot picked, -1 with *how = DH_NONE when nobody can.
 */
int duty_pick(const struct duty_shift *s, enum duty_slot slot, const bool able[DUTY_SLOT_COUNT],
              enum duty_how *how);
/* Is the account marked absent on the shift (in any slot it holds)? */
bool duty_is_absent(const struct duty_shift *s, int64_t account);

#endif
