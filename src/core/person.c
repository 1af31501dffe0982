#include "person.h"

#include <string.h>

void person_init(struct person *p)
{
	memset(p, 0, sizeof(*p));
	p->staff_class = STAFF_NONE;
	p->commitment_signed_on = PERSON_NO_DATE;
	p->status = PERSON_ACTIVE;
	p->declassify_until = PERSON_NO_DATE;
}

enum level person_clearance(const struct person *p)
{
	return p->status == PERSON_ACTIVE ? staff_class_clearance(p->staff_class) : LEVEL_NONE;
}

enum person_err person_validate(const struct person *p, const char **field)
{
	const char *s = p->name;

	while (*s == ' ')
		s++;
	if (*s == '\0') {
		*field = "name";
		return PERSON_NAME_EMPTY;
	}
	if (p->staff_class != STAFF_NONE && p->status == PERSON_ACTIVE &&
	    p->commitment_signed_on == PERSON_NO_DATE) {
		*field = "commitment_signed_on";
		return PERSON_COMMITMENT_MISSING;
	}
	if (p->status == PERSON_LEAVING && p->declassify_until == PERSON_NO_DATE) {
		*field = "declassify_until";
		return PERSON_DECLASSIFY_MISSING;
	}
	if (p->status == PERSON_ACTIVE && p->declassify_until != PERSON_NO_DATE) {
		*field = "declassify_until";
		return PERSON_DECLASSIFY_NOT_LEAVE;
	}
	return PERSON_OK;
}

enum person_err person_status_change(enum person_status from, enum person_status to, int held)
{
	if (to != from && to != PERSON_ACTIVE && held > 0)
		return PERSON_HOLDS_CARRIERS;
	return PERSON_OK;
}

const char *person_err_zh(enum person_err e)
{
	switch (e) {
	case PERSON_OK:
		return "成功";
	case PERSON_NAME_EMPTY:
		return "姓名不能为空";
	case PERSON_DECLASSIFY_MISSING:
		return "进入脱密期须填写脱密期截止日期";
	case PERSON_COMMITMENT_MISSING:
		return "在岗涉密人员须填写保密承诺书签订日期";
	case PERSON_DECLASSIFY_NOT_LEAVE:
		return "在岗人员不能设置脱密期";
	case PERSON_HOLDS_CARRIERS:
		return "该人员尚有借阅或外携的涉密载体未归还，须先清退，才能进入脱密期或离岗";
	}
	return "";
}

const char *person_err_en(enum person_err e)
{
	switch (e) {
	case PERSON_OK:
		return "ok";
	case PERSON_NAME_EMPTY:
		return "name must not be empty";
	case PERSON_DECLASSIFY_MISSING:
		return "a person in the declassification period needs its end date";
	case PERSON_COMMITMENT_MISSING:
		return "active classified staff need the date of their signed commitment";
	case PERSON_DECLASSIFY_NOT_LEAVE:
		return "an active person has no declassification period";
	case PERSON_HOLDS_CARRIERS:
		return "the person still holds borrowed or taken-out carriers; they are returned "
		       "before the person enters the declassification period or leaves";
	}
	return "";
}

static const char *const status_names[PERSON_STATUS_COUNT][3] = {
    {"active", "在岗", "Active"},
    {"leaving", "脱密期", "Declassification period"},
    {"left", "已离岗", "Left"},
};

const char *person_status_code(enum person_status s)
{
	return (unsigned)s < PERSON_STATUS_COUNT ? status_names[s][0] : "";
}

const char *person_status_zh(enum person_status s)
{
	return (unsigned)s < PERSON_STATUS_COUNT ? status_names[s][1] : "";
}

const char *person_status_en(enum person_status s)
{
	return (unsigned)s < PERSON_STATUS_COUNT ? status_names[s][2] : "";
}

int person_status_parse(const char *s, enum person_status *out)
{
	for (int i = 0; s && i < PERSON_STATUS_COUNT; i++)
		if (strcmp(s, status_names[i][0]) == 0 || strcmp(s, status_names[i][1]) == 0) {
			*out = (enum person_status)i;
			return 0;
		}
	return -1;
}
