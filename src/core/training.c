#include "training.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[TRAINING_KIND_COUNT][3] = {
    {"pre_post", "岗前培训", "Pre-post training"},
    {"in_post", "在岗培训", "In-post training"},
    {"topic", "专题培训", "Topical training"},
    {"holiday", "节前教育", "Pre-holiday education"},
};

const char *training_kind_code(enum training_kind k)
{
	return (unsigned)k < TRAINING_KIND_COUNT ? kind_names[k][0] : "";
}

const char *training_kind_zh(enum training_kind k)
{
	return (unsigned)k < TRAINING_KIND_COUNT ? kind_names[k][1] : "";
}

const char *training_kind_en(enum training_kind k)
{
	return (unsigned)k < TRAINING_KIND_COUNT ? kind_names[k][2] : "";
}

int training_kind_parse(const char *s, enum training_kind *out)
{
	for (int i = 0; s && i < TRAINING_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i][0]) == 0 || strcmp(s, kind_names[i][1]) == 0) {
			*out = (enum training_kind)i;
			return 0;
		}
	return -1;
}

enum training_err training_hours_from(double hours, int *tenths)
{
	double t = hours * 10.0;

	if (!isfinite(hours) || hours <= 0 || t > TRAINING_MAX_TENTHS + 1e-9)
		return TRAINING_HOURS_RANGE;
	if (fabs(t - round(t)) > 1e-6)
		return TRAINING_HOURS_STEP;
	*tenths = (int)round(t);
	return TRAINING_OK;
}

void training_hours_text(int64_t tenths, char *out, size_t cap)
{
	if (tenths % 10)
		snprintf(out, cap, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10));
	else
		snprintf(out, cap, "%lld", (long long)(tenths / 10));
}

void training_session_init(struct training_session *s)
{
	memset(s, 0, sizeof(*s));
	s->kind = TRAINING_IN_POST;
	s->held_on = PERSON_NO_DATE;
}

static bool blank(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == '\0';
}

enum training_err training_validate(const struct training_session *s, const char **field)
{
	if (blank(s->title)) {
		*field = "title";
		return TRAINING_TITLE_EMPTY;
	}
	if (blank(s->trainer)) {
		*field = "trainer";
		return TRAINING_TRAINER_EMPTY;
	}
	if (s->held_on == PERSON_NO_DATE) {
		*field = "held_on";
		return TRAINING_DATE_MISSING;
	}
	if (s->hours <= 0 || s->hours > TRAINING_MAX_TENTHS) {
		*field = "hours";
		return TRAINING_HOURS_RANGE;
	}
	return TRAINING_OK;
}

void training_targets_default(struct training_targets *t)
{
	t->tenths[STAFF_CORE] = 200;
	t->tenths[STAFF_IMPORTANT] = 160;
	t->tenths[STAFF_GENERAL] = 120;
	t->tenths[STAFF_NONE] = 40;
}

enum training_err training_target_from(double hours, int *tenths)
{
	double t = hours * 10.0;

	if (!isfinite(hours) || hours < 0 || t > TRAINING_TARGET_MAX + 1e-9)
		return TRAINING_TARGET_RANGE;
	if (fabs(t - round(t)) > 1e-6)
		return TRAINING_HOURS_STEP;
	*tenths = (int)round(t);
	return TRAINING_OK;
}

bool training_below_target(const struct training_targets *t, enum staff_class c, int64_t tenths)
{
	return (unsigned)c < STAFF_CLASS_COUNT && tenths < t->tenths[c];
}

static bool in_classified_post(const struct person *p)
{
	return p->staff_class != STAFF_NONE && p->status == PERSON_ACTIVE;
}

enum training_err training_post_confirm(const struct person *old, const struct person *p,
                                        bool pre_post_done)
{
	bool signed_on = p->commitment_signed_on != PERSON_NO_DATE;

	if (!in_classified_post(p) || in_classified_post(old))
		return TRAINING_OK;
	if (!pre_post_done && !signed_on)
		return TRAINING_POST_NO_BOTH;
	if (!pre_post_done)
		return TRAINING_POST_NO_PRE_POST;
	return signed_on ? TRAINING_OK : TRAINING_POST_NO_COMMITMENT;
}

static bool off_named(const struct cal_day *d, const char *name)
{
	return d && !d->work && strcmp(d->note, name) == 0;
}

bool training_holiday_ahead(const struct calendar *c, int32_t today, int32_t *start, char *name,
                            size_t cap)
{
	for (int i = 0; i < c->ndays; i++) {
		const struct cal_day *d = &c->days[i];

		if (d->day <= today || d->work)
			continue;
		if (d->day - today > TRAINING_HOLIDAY_LEAD)
			break;
		/* the first day of its run: the day before is not the same holiday */
		if (off_named(cal_exception(c, d->day - 1), d->note))
			continue;
		*start = d->day;
		snprintf(name, cap, "%s", d->note);
		return true;
	}
	return false;
}

const char *training_err_zh(enum training_err e)
{
	switch (e) {
	case TRAINING_OK:
		return "成功";
	case TRAINING_TITLE_EMPTY:
		return "培训主题不能为空";
	case TRAINING_TRAINER_EMPTY:
		return "授课人不能为空";
	case TRAINING_DATE_MISSING:
		return "须填写培训日期";
	case TRAINING_HOURS_RANGE:
		return "学时应大于 0 且不超过 24";
	case TRAINING_HOURS_STEP:
		return "学时最多保留一位小数";
	case TRAINING_TARGET_RANGE:
		return "年度学时要求应在 0 到 200 之间";
	case TRAINING_POST_NO_PRE_POST:
		return "确认涉密岗位前须完成岗前保密培训：缺少岗前培训记录";
	case TRAINING_POST_NO_COMMITMENT:
		return "确认涉密岗位前须签订保密承诺书：缺少保密承诺书签订日期";
	case TRAINING_POST_NO_BOTH:
		return "确认涉密岗位前须完成岗前保密培训并签订保密承诺书：两者均缺";
	}
	return "";
}

const char *training_err_en(enum training_err e)
{
	switch (e) {
	case TRAINING_OK:
		return "ok";
	case TRAINING_TITLE_EMPTY:
		return "the title must not be empty";
	case TRAINING_TRAINER_EMPTY:
		return "the trainer must not be empty";
	case TRAINING_DATE_MISSING:
		return "the date of the session is required";
	case TRAINING_HOURS_RANGE:
		return "hours must be above 0 and at most 24";
	case TRAINING_HOURS_STEP:
		return "hours take at most one decimal place";
	case TRAINING_TARGET_RANGE:
		return "a yearly target is between 0 and 200 hours";
	case TRAINING_POST_NO_PRE_POST:
		return "confirming a classified post needs pre-post training: none is recorded";
	case TRAINING_POST_NO_COMMITMENT:
		return "confirming a classified post needs a signed confidentiality commitment: "
		       "its date is missing";
	case TRAINING_POST_NO_BOTH:
		return "confirming a classified post needs pre-post training and a signed "
		       "confidentiality commitment: both are missing";
	}
	return "";
}
