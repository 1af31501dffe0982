#include "inspect.h"

#include <string.h>

struct name2 {
	const char *code, *zh;
};

static int parse2(const struct name2 *t, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (t[i].code && (strcmp(s, t[i].code) == 0 || strcmp(s, t[i].zh) == 0))
			return i;
	return -1;
}

/* ---- names ---- */

static const struct name2 phase_names[INSP_PHASE_COUNT] = {
    [IP_FIND] = {"find", "查摆问题"},
    [IP_TARGETED] = {"targeted", "专项检查"},
    [IP_RECTIFY] = {"rectify", "整改落实"},
    [IP_SPOT] = {"spot", "上级督查"},
};

static const struct name2 result_names[INSP_RESULT_COUNT] = {
    [IR_NONE] = {"none", "未检查"},
    [IR_COMPLIANT] = {"compliant", "符合"},
    [IR_NONCOMPLIANT] = {"noncompliant", "不符合"},
    [IR_NOT_APPLICABLE] = {"na", "不适用"},
};

static const struct name2 severity_names[INSP_SEVERITY_COUNT] = {
    [IS_LOW] = {"low", "一般"},
    [IS_MEDIUM] = {"medium", "较重"},
    [IS_HIGH] = {"high", "严重"},
};

static const struct name2 rect_state_names[RECT_STATE_COUNT] = {
    [RS_OPEN] = {"open", "待整改"},
    [RS_IN_PROGRESS] = {"in_progress", "整改中"},
    [RS_DONE] = {"done", "已整改"},
    [RS_VERIFIED] = {"verified", "已验证"},
};

static const struct name2 rect_action_names[RECT_ACTION_COUNT] = {
    [RA_START] = {"start", "开始整改"},
    [RA_DONE] = {"done", "整改完成"},
    [RA_VERIFY] = {"verify", "验证通过"},
    [RA_REJECT] = {"reject", "退回整改"},
};

static const char *name_code(const struct name2 *t, int n, int v)
{
	return v >= 0 && v < n ? t[v].code : "";
}

static const char *name_zh(const struct name2 *t, int n, int v)
{
	return v >= 0 && v < n ? t[v].zh : "";
}

const char *insp_phase_code(enum insp_phase v)
{
	return name_code(phase_names, INSP_PHASE_COUNT, (int)v);
}

const char *insp_phase_zh(enum insp_phase v)
{
	return name_zh(phase_names, INSP_PHASE_COUNT, (int)v);
}

int insp_phase_parse(const char *s, enum insp_phase *out)
{
	int i = parse2(phase_names, INSP_PHASE_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum insp_phase)i;
	return 0;
}

const char *insp_result_code(enum insp_result v)
{
	return name_code(result_names, INSP_RESULT_COUNT, (int)v);
}

const char *insp_result_zh(enum insp_result v)
{
	return name_zh(result_names, INSP_RESULT_COUNT, (int)v);
}

int insp_result_parse(const char *s, enum insp_result *out)
{
	int i = parse2(result_names, INSP_RESULT_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum insp_result)i;
	return 0;
}

const char *insp_severity_code(enum insp_severity v)
{
	return name_code(severity_names, INSP_SEVERITY_COUNT, (int)v);
}

const char *insp_severity_zh(enum insp_severity v)
{
	return name_zh(severity_names, INSP_SEVERITY_COUNT, (int)v);
}

int insp_severity_parse(const char *s, enum insp_severity *out)
{
	int i = parse2(severity_names, INSP_SEVERITY_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum insp_severity)i;
	return 0;
}

const char *rect_state_code(enum rect_state v)
{
	return name_code(rect_state_names, RECT_STATE_COUNT, (int)v);
}

const char *rect_state_zh(enum rect_state v)
{
	return name_zh(rect_state_names, RECT_STATE_COUNT, (int)v);
}

int rect_state_parse(const char *s, enum rect_state *out)
{
	int i = parse2(rect_state_names, RECT_STATE_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum rect_state)i;
	return 0;
}

const char *rect_action_code(enum rect_action v)
{
	return name_code(rect_action_names, RECT_ACTION_COUNT, (int)v);
}

const char *rect_action_zh(enum rect_action v)
{
	return name_zh(rect_action_names, RECT_ACTION_COUNT, (int)v);
}

int rect_action_parse(const char *s, enum rect_action *out)
{
	int i = parse2(rect_action_names, RECT_ACTION_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum rect_action)i;
	return 0;
}

static const char *const err_zh[] = {
    [INSP_OK] = "成功",
    [INSP_BAD_STATE] = "整改任务当前状态不允许此操作",
    [INSP_NOT_PERMITTED] = "只有整改责任人或检查人员可以执行此操作",
    [INSP_SELF_VERIFY] = "整改完成人不能验证自己的整改",
    [INSP_MISSING_FIELD] = "缺少此步骤的必填项",
    [INSP_BAD_DATES] = "各阶段日期须按顺序排列，且结束日期不早于开始日期",
    [INSP_BAD_WEIGHT] = "检查项权重须为 1 至 100",
    [INSP_PHASE_CLOSED] = "只能在进行中的阶段登记检查结果",
};

static const char *const err_en[] = {
    [INSP_OK] = "ok",
    [INSP_BAD_STATE] = "not allowed in the task's current state",
    [INSP_NOT_PERMITTED] = "only the responsible person or an inspector may do this",
    [INSP_SELF_VERIFY] = "whoever rectified it cannot verify it",
    [INSP_MISSING_FIELD] = "a field this step needs is missing",
    [INSP_BAD_DATES] = "phases must be in order and none may end before it starts",
    [INSP_BAD_WEIGHT] = "an item's weight must be 1 to 100",
    [INSP_PHASE_CLOSED] = "results are recorded only in an open phase",
};

const char *insp_err_zh(enum insp_err e)
{
	return (unsigned)e < sizeof(err_zh) / sizeof(err_zh[0]) ? err_zh[e] : "未知错误";
}

const char *insp_err_en(enum insp_err e)
{
	return (unsigned)e < sizeof(err_en) / sizeof(err_en[0]) ? err_en[e] : "unknown error";
}

/* ---- scoring ---- */

enum insp_err insp_check_weight(int weight)
{
	return weight >= INSP_WEIGHT_MIN && weight <= INSP_WEIGHT_MAX ? INSP_OK : INSP_BAD_WEIGHT;
}

void insp_tally_add(struct insp_tally *t, enum insp_result r, int weight)
{
	if (weight < 0)
		weight = 0;
	switch (r) {
	case IR_COMPLIANT:
		t->compliant++;
		t->compliant_weight += weight;
		break;
	case IR_NONCOMPLIANT:
		t->noncompliant++;
		t->noncompliant_weight += weight;
		break;
	case IR_NOT_APPLICABLE:
		t->not_applicable++;
		break;
	default:
		t->unchecked++;
		break;
	}
}

void insp_tally_merge(struct insp_tally *into, const struct insp_tally *t)
{
	into->compliant_weight += t->compliant_weight;
	into->noncompliant_weight += t->noncompliant_weight;
	into->compliant += t->compliant;
	into->noncompliant += t->noncompliant;
	into->not_applicable += t->not_applicable;
	into->unchecked += t->unchecked;
}

/* 10000 × c / (c + n), rounded half up, in integers: (20000 c + total) / (2 total). */
int insp_score_x100(const struct insp_tally *t)
{
	int64_t c = t->compliant_weight, total = t->compliant_weight + t->noncompliant_weight;

	if (c < 0 || t->noncompliant_weight < 0 || total <= 0)
		return -1;
	return (int)((20000 * c + total) / (2 * total));
}

/* ---- campaign phases ---- */

static const char *const phase_start_field[INSP_PHASE_COUNT] = {"find_start", "targeted_start",
                                                                "rectify_start", "spot_start"};
static const char *const phase_end_field[INSP_PHASE_COUNT] = {"find_end", "targeted_end",
                                                              "rectify_end", "spot_end"};

static enum insp_err refuse(enum insp_err e, const char *name, const char **field)
{
	if (field)
		*field = name;
	return e;
}

enum insp_err insp_check_phases(const struct insp_phase_dates *d, const char **field)
{
	int32_t prev_start = 0, prev_end = 0;

	if (field)
		*field = NULL;
	for (int i = 0; i < INSP_PHASE_COUNT; i++) {
		int32_t s = d->start[i], e = d->end[i];

		if (s < 0)
			return refuse(INSP_BAD_DATES, phase_start_field[i], field);
		if (e < 0)
			return refuse(INSP_BAD_DATES, phase_end_field[i], field);
		if (!s && (e || i == IP_FIND))
			return refuse(INSP_MISSING_FIELD, phase_start_field[i], field);
		if (!s)
			continue;
		if (e && e < s)
			return refuse(INSP_BAD_DATES, phase_end_field[i], field);
		/* a phase may begin on the day the one before it ends, not earlier */
		if (s < prev_start || (prev_end && s < prev_end))
			return refuse(INSP_BAD_DATES, phase_start_field[i], field);
		prev_start = s;
		prev_end = e;
	}
	return INSP_OK;
}

/*
 * Later phases win on a shared boundary day; a phase without an end runs
 * until the next phase that has dates starts (or for ever, if none does).
 */
int insp_phase_on(const struct insp_phase_dates *d, int32_t day)
{
	int32_t next_start = 0;

	for (int i = INSP_PHASE_COUNT - 1; i >= 0; i--) {
		int32_t s = d->start[i], e = d->end[i];

		if (s <= 0)
			continue;
		if (day >= s && (e ? day <= e : !next_start || day <= next_start))
			return i;
		next_start = s;
	}
	return -1;
}

/* ---- findings from baomi-check ---- */

/*
 * The system checks of baomi-check (check/src/sys.c) and the severity of
 * their failure on a classified and on an unclassified host.  On a
 * classified host anything that connects it to the outside (a route,
 * proxy, browser history, wireless, Bluetooth, wireless input) or mixes
 * its media with others is 严重; device and policy weaknesses are 较重;
 * informational checks 一般.  On an unclassified host internet use is
 * normal: only a classified medium on it is 严重, and the policies every
 * computer must keep (passwords, screen lock, antivirus) are 较重.
 */
static const struct {
	const char *id;
	enum insp_severity classified, unclassified;
} check_severity[] = {
    {"net.default_route", IS_HIGH, IS_LOW},
    {"net.interfaces", IS_LOW, IS_LOW},
    {"net.wireless", IS_HIGH, IS_LOW},
    {"net.bluetooth", IS_HIGH, IS_LOW},
    {"net.dns", IS_LOW, IS_LOW},
    {"net.proxy", IS_HIGH, IS_LOW},
    {"net.wifi_history", IS_HIGH, IS_LOW},
    {"net.vpn", IS_HIGH, IS_LOW},
    {"net.listening", IS_LOW, IS_LOW},
    {"net.shares", IS_HIGH, IS_LOW},
    {"software.remote_im_vm", IS_HIGH, IS_LOW},
    {"boot.other_os", IS_HIGH, IS_LOW},
    {"print.cups", IS_MEDIUM, IS_LOW},
    {"media.burning", IS_MEDIUM, IS_LOW},
    {"docs.recent", IS_LOW, IS_LOW},
    {"internet.browser_history", IS_HIGH, IS_LOW},
    {"usb.storage", IS_MEDIUM, IS_LOW},
    {"usb.devices", IS_HIGH, IS_LOW},
    {"usb.cross_use", IS_HIGH, IS_HIGH},
    {"devices.camera", IS_MEDIUM, IS_LOW},
    {"devices.microphone", IS_MEDIUM, IS_LOW},
    {"devices.wireless_input", IS_HIGH, IS_LOW},
    {"media.automount", IS_MEDIUM, IS_LOW},
    {"screen.lock", IS_MEDIUM, IS_MEDIUM},
    {"auth.password_policy", IS_MEDIUM, IS_MEDIUM},
    {"auth.empty_passwords", IS_HIGH, IS_MEDIUM},
    {"antivirus", IS_MEDIUM, IS_MEDIUM},
};
#define CHECK_COUNT (sizeof(check_severity) / sizeof(check_severity[0]))

static int check_find(const char *id)
{
	for (size_t i = 0; id && i < CHECK_COUNT; i++)
		if (strcmp(id, check_severity[i].id) == 0)
			return (int)i;
	return -1;
}

bool insp_check_known(const char *check_id)
{
	return check_find(check_id) >= 0;
}

enum insp_severity insp_check_severity(const char *check_id, bool classified_host)
{
	int i = check_find(check_id);

	if (i < 0)
		return IS_MEDIUM;
	return classified_host ? check_severity[i].classified : check_severity[i].unclassified;
}

enum insp_severity insp_hit_severity(bool classified_host)
{
	return classified_host ? IS_MEDIUM : IS_HIGH;
}

/* ---- rectification ---- */

enum insp_err rect_check(const struct rect_act *x, const char **field)
{
	bool responsible = x->actor_id != 0 && x->actor_id == x->responsible_id;

	if (field)
		*field = NULL;
	if ((unsigned)x->state >= RECT_STATE_COUNT || (unsigned)x->action >= RECT_ACTION_COUNT)
		return INSP_BAD_STATE;
	switch (x->action) {
	case RA_START:
		if (!responsible)
			return INSP_NOT_PERMITTED;
		return x->state == RS_OPEN ? INSP_OK : INSP_BAD_STATE;
	case RA_DONE:
		if (!responsible && !x->actor_inspector)
			return INSP_NOT_PERMITTED;
		if (x->state != RS_OPEN && x->state != RS_IN_PROGRESS)
			return INSP_BAD_STATE;
		return x->has_text ? INSP_OK : refuse(INSP_MISSING_FIELD, "measures", field);
	case RA_VERIFY:
		if (!x->actor_inspector)
			return INSP_NOT_PERMITTED;
		if (x->state != RS_DONE)
			return INSP_BAD_STATE;
		return x->done_by != 0 && x->actor_id == x->done_by ? INSP_SELF_VERIFY : INSP_OK;
	case RA_REJECT:
		if (!x->actor_inspector)
			return INSP_NOT_PERMITTED;
		if (x->state != RS_DONE)
			return INSP_BAD_STATE;
		return x->has_text ? INSP_OK : refuse(INSP_MISSING_FIELD, "reason", field);
	}
	return INSP_BAD_STATE;
}

enum rect_state rect_next_state(const struct rect_act *x)
{
	switch (x->action) {
	case RA_START:
	case RA_REJECT:
		return RS_IN_PROGRESS;
	case RA_DONE:
		return RS_DONE;
	case RA_VERIFY:
		return RS_VERIFIED;
	}
	return x->state;
}

bool rect_overdue(enum rect_state s, int32_t deadline_day, int32_t today)
{
	return deadline_day > 0 && today > deadline_day && (s == RS_OPEN || s == RS_IN_PROGRESS);
}
