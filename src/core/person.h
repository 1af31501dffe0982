/*
 * person — people of a unit, their 涉密人员 class and status (pure rules).
 *
 * A person leaving classified work enters a 脱密期 (declassification
 * period): status "leaving" needs its end date; "left" follows it.
 */
#ifndef BAOMI_PERSON_H
#define BAOMI_PERSON_H

#include <stdint.h>

#include "level.h"

enum person_status {
	PERSON_ACTIVE = 0,  /* 在岗 */
	PERSON_LEAVING = 1, /* 脱密期 */
	PERSON_LEFT = 2,    /* 已离岗 */
};
#define PERSON_STATUS_COUNT 3

#define PERSON_NAME_MAX 64
#define PERSON_TEXT_MAX 128
#define PERSON_NO_DATE INT32_MIN

struct person {
	int64_t id;
	int64_t unit_id;
	int64_t department_id; /* 0 = none */
	char name[PERSON_NAME_MAX + 1];
	char title[PERSON_TEXT_MAX + 1];
	char phone[PERSON_TEXT_MAX + 1];
	enum staff_class staff_class;
	int32_t commitment_signed_on; /* days since epoch, or PERSON_NO_DATE */
	enum person_status status;
	int32_t declassify_until; /* days since epoch, or PERSON_NO_DATE */
	int64_t created_at;       /* ms, set by the store */
	int64_t updated_at;
};

enum person_err {
	PERSON_OK = 0,
	PERSON_NAME_EMPTY,
	PERSON_DECLASSIFY_MISSING,   /* leaving without a 脱密期 end */
	PERSON_COMMITMENT_MISSING,   /* classified staff without a signed 保密承诺书 */
	PERSON_DECLASSIFY_NOT_LEAVE, /* 脱密期 set while active */
	PERSON_HOLDS_CARRIERS,       /* leaving post with borrowed or taken-out carriers in hand */
};

void person_init(struct person *p);
/* The clearance a person holds now: their class's, and none outside active duty (脱密期, left). */
enum level person_clearance(const struct person *p);
/* Checks the rules; on error *field names the JSON field at fault. */
enum person_err person_validate(const struct person *p, const char **field);
/*
 * A move out of post (into the 脱密期, or left) while the person holds
 * `held` borrowed or taken-out carriers is refused: they are returned
 * (清退) first.  Other changes, and a status kept, are not judged here.
 */
enum person_err person_status_change(enum person_status from, enum person_status to, int held);
const char *person_err_zh(enum person_err e);
const char *person_err_en(enum person_err e);

const char *person_status_code(enum person_status s);
const char *person_status_zh(enum person_status s);
const char *person_status_en(enum person_status s);
int person_status_parse(const char *s, enum person_status *out);

#endif
