#include "duty.h"

#include <stdio.h>
#include <string.h>

#include "../util/bjtime.h"
#include "role.h"

static const char *const kind_codes[DUTY_KIND_COUNT] = {"day", "night", "full", "holiday"};
static const char *const kind_zh[DUTY_KIND_COUNT] = {"白班", "夜班", "全天", "节假日"};
static const char *const slot_codes[DUTY_SLOT_COUNT] = {"officer", "leader", "a", "b"};
static const char *const slot_zh[DUTY_SLOT_COUNT] = {"值班员", "带班领导", "A 角", "B 角"};
static const char *const how_codes[] = {"on_duty", "a_role", "b_role", "none"};
static const char *const how_zh[] = {"值班人员", "A 角替岗", "B 角替岗", "无人值班"};

#define HOUR_MS (3600 * 1000LL)
#define MINUTE_MS (60 * 1000LL)

const char *duty_kind_code(enum duty_kind k)
{
	return (unsigned)k < DUTY_KIND_COUNT ? kind_codes[k] : "";
}

const char *duty_kind_zh(enum duty_kind k)
{
	return (unsigned)k < DUTY_KIND_COUNT ? kind_zh[k] : "";
}

int duty_kind_parse(const char *s, enum duty_kind *out)
{
	for (int i = 0; s && i < DUTY_KIND_COUNT; i++)
		if (!strcmp(s, kind_codes[i])) {
			*out = (enum duty_kind)i;
			return 0;
		}
	return -1;
}

const char *duty_slot_code(enum duty_slot s)
{
	return (unsigned)s < DUTY_SLOT_COUNT ? slot_codes[s] : "";
}

const char *duty_slot_zh(enum duty_slot s)
{
	return (unsigned)s < DUTY_SLOT_COUNT ? slot_zh[s] : "";
}

int duty_slot_parse(const char *s, enum duty_slot *out)
{
	for (int i = 0; s && i < DUTY_SLOT_COUNT; i++)
		if (!strcmp(s, slot_codes[i])) {
			*out = (enum duty_slot)i;
			return 0;
		}
	return -1;
}

int duty_pattern_parse(const char *s, enum duty_pattern *out)
{
	if (s && !strcmp(s, "standard"))
		*out = DP_STANDARD;
	else if (s && !strcmp(s, "full"))
		*out = DP_FULL;
	else
		return -1;
	return 0;
}

const char *duty_how_code(enum duty_how h)
{
	return (unsigned)h <= DH_NONE ? how_codes[h] : "";
}

const char *duty_how_zh(enum duty_how h)
{
	return (unsigned)h <= DH_NONE ? how_zh[h] : "";
}

const char *duty_err_zh(enum duty_err e)
{
	switch (e) {
	case DUTY_OK:
		return "成功";
	case DUTY_BAD_RANGE:
		return "起止日期无效（开始晚于结束，或超过 62 天）";
	case DUTY_NO_OFFICERS:
		return "轮值名单中没有值班员";
	case DUTY_TOO_MANY:
		return "人数或班次过多";
	case DUTY_BAD_TIMES:
		return "班次结束时间须晚于开始时间，且不超过 48 小时";
	case DUTY_BAD_PATTERN:
		return "未知的排班方式";
	case DUTY_SAME_PERSON:
		return "值班员不能同时担任本班 A 角或 B 角";
	case DUTY_NOT_PERMITTED:
		return "无权操作值班表";
	}
	return "未知错误";
}

const char *duty_err_en(enum duty_err e)
{
	switch (e) {
	case DUTY_OK:
		return "ok";
	case DUTY_BAD_RANGE:
		return "invalid dates (from after to, or over 62 days)";
	case DUTY_NO_OFFICERS:
		return "the rotation names no duty officer";
	case DUTY_TOO_MANY:
		return "too many people or shifts";
	case DUTY_BAD_TIMES:
		return "a shift must end after it starts, within 48 hours";
	case DUTY_BAD_PATTERN:
		return "unknown pattern";
	case DUTY_SAME_PERSON:
		return "the duty officer cannot also be the shift's A or B role";
	case DUTY_NOT_PERMITTED:
		return "not permitted to change the duty table";
	}
	return "unknown error";
}

int64_t duty_day_ms(int32_t day, int minute)
{
	return (int64_t)day * 24 * HOUR_MS + (int64_t)minute * MINUTE_MS -
	       (int64_t)BJTIME_OFFSET_S * 1000;
}

int32_t duty_day_of(int64_t ms)
{
	int64_t local = ms + (int64_t)BJTIME_OFFSET_S * 1000;
	int64_t day = local / (24 * HOUR_MS);

	if (local < 0 && local % (24 * HOUR_MS))
		day--;
	return (int32_t)day;
}

bool duty_is_holiday(const struct calendar *c, int32_t day)
{
	const struct cal_day *x = cal_exception(c, day);

	return x && !x->work;
}

static void add_shift(const struct duty_rotation *r, struct duty_shift *s, enum duty_kind k,
                      int64_t start, int64_t end, int officer_turn, int day_turn)
{
	memset(s, 0, sizeof(*s));
	s->kind = k;
	s->starts_at = start;
	s->ends_at = end;
	s->who[DS_OFFICER] = r->who[DS_OFFICER][officer_turn % r->n[DS_OFFICER]];
	for (int slot = DS_LEADER; slot < DUTY_SLOT_COUNT; slot++)
		if (r->n[slot])
			s->who[slot] = r->who[slot][day_turn % r->n[slot]];
	/* the officer never stands in for themself: the next in the A/B list does */
	for (int slot = DS_A; slot <= DS_B; slot++)
		if (r->n[slot] > 1 && s->who[slot] == s->who[DS_OFFICER])
			s->who[slot] = r->who[slot][(day_turn + 1) % r->n[slot]];
		else if (s->who[slot] == s->who[DS_OFFICER])
			s->who[slot] = 0;
	snprintf(s->phone, sizeof(s->phone), "%s", r->phone);
}

enum duty_err duty_generate(const struct duty_rotation *r, const struct calendar *c, int32_t from,
                            int32_t to, struct duty_shift *out, int *n)
{
	int turn = 0;

	*n = 0;
	if (from > to || to - from >= DUTY_MAX_DAYS)
		return DUTY_BAD_RANGE;
	if (r->n[DS_OFFICER] <= 0)
		return DUTY_NO_OFFICERS;
	for (int slot = 0; slot < DUTY_SLOT_COUNT; slot++)
		if (r->n[slot] < 0 || r->n[slot] > DUTY_MAX_ROTATION)
			return DUTY_TOO_MANY;
	if (r->pattern != DP_STANDARD && r->pattern != DP_FULL)
		return DUTY_BAD_PATTERN;
	for (int32_t day = from; day <= to; day++) {
		int64_t morning = duty_day_ms(day, DUTY_DAY_START_MIN);
		int64_t next_morning = duty_day_ms(day + 1, DUTY_DAY_START_MIN);
		int day_turn = day - from;

		if (*n + 2 > DUTY_MAX_SHIFTS)
			return DUTY_TOO_MANY;
		if (duty_is_holiday(c, day)) {
			add_shift(r, &out[(*n)++], DK_HOLIDAY, morning, next_morning, turn++,
			          day_turn);
		} else if (r->pattern == DP_FULL || !cal_is_workday(c, day, NULL)) {
			add_shift(r, &out[(*n)++], DK_FULL, morning, next_morning, turn++,
			          day_turn);
		} else {
			int64_t evening = duty_day_ms(day, DUTY_NIGHT_START_MIN);

			add_shift(r, &out[(*n)++], DK_DAY, morning, evening, turn++, day_turn);
			add_shift(r, &out[(*n)++], DK_NIGHT, evening, next_morning, turn++,
			          day_turn);
		}
	}
	return DUTY_OK;
}

enum duty_err duty_check_shift(const struct duty_shift *s)
{
	if (s->ends_at <= s->starts_at || s->ends_at - s->starts_at > 48 * HOUR_MS)
		return DUTY_BAD_TIMES;
	if ((unsigned)s->kind >= DUTY_KIND_COUNT)
		return DUTY_BAD_PATTERN;
	if (s->who[DS_OFFICER] &&
	    (s->who[DS_A] == s->who[DS_OFFICER] || s->who[DS_B] == s->who[DS_OFFICER]))
		return DUTY_SAME_PERSON;
	return DUTY_OK;
}

int duty_on_at(const struct duty_shift *shifts, int n, int64_t at)
{
	int best = -1;

	for (int i = 0; i < n; i++) {
		const struct duty_shift *s = &shifts[i];

		if (s->starts_at > at || at >= s->ends_at)
			continue;
		if (best < 0 || s->starts_at > shifts[best].starts_at ||
		    (s->starts_at == shifts[best].starts_at && s->id > shifts[best].id))
			best = i;
	}
	return best;
}

int duty_slot_for_role(uint32_t role)
{
	if (role == ROLE_DUTY)
		return DS_OFFICER;
	if (role == ROLE_LEADER || role == ROLE_COMMAND)
		return DS_LEADER;
	return -1;
}

bool duty_is_absent(const struct duty_shift *s, int64_t account)
{
	for (int i = 0; account && i < DUTY_SLOT_COUNT; i++)
		if (s->who[i] == account && (s->absent & (1u << i)))
			return true;
	return false;
}

static bool can_take(const struct duty_shift *s, int slot, const bool able[DUTY_SLOT_COUNT])
{
	return s->who[slot] && able[slot] && !duty_is_absent(s, s->who[slot]);
}

int duty_pick(const struct duty_shift *s, enum duty_slot slot, const bool able[DUTY_SLOT_COUNT],
              enum duty_how *how)
{
	if ((unsigned)slot < DUTY_SLOT_COUNT && can_take(s, slot, able)) {
		*how = DH_ON_DUTY;
		return slot;
	}
	if (can_take(s, DS_A, able)) {
		*how = DH_A;
		return DS_A;
	}
	if (can_take(s, DS_B, able)) {
		*how = DH_B;
		return DS_B;
	}
	*how = DH_NONE;
	return -1;
}
