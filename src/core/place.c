#include "place.h"

#include <stdio.h>
#include <string.h>

#include "role.h"

static const char *const kind_codes[PLACE_KIND_COUNT] = {"department", "site"};
static const char *const kind_zh[PLACE_KIND_COUNT] = {"要害部门", "要害部位"};
static const char *const measure_codes[PLACE_MEASURE_COUNT] = {"access_control", "cctv", "alarm",
                                                               "safe"};
static const char *const measure_zh[PLACE_MEASURE_COUNT] = {"门禁", "监控", "报警", "保密柜"};
static const char *const vkind_codes[VISIT_KIND_COUNT] = {"visit", "maintenance"};
static const char *const vkind_zh[VISIT_KIND_COUNT] = {"来访", "维修维护"};
static const char *const vstate_codes[VISIT_STATE_COUNT] = {"pending",   "approved", "rejected",
                                                            "cancelled", "in",       "out"};
static const char *const vstate_zh[VISIT_STATE_COUNT] = {"待审批", "已批准", "未批准",
                                                         "已撤销", "在场",   "已离开"};
static const char *const vaction_codes[VISIT_ACTION_COUNT] = {"enter", "leave", "cancel"};

/* The index of s among codes (or Chinese names), -1 when none. */
static int pick(const char *s, const char *const *codes, const char *const *zh, int n)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, codes[i]) == 0 || (zh && strcmp(s, zh[i]) == 0))
			return i;
	return -1;
}

const char *place_kind_code(enum place_kind k)
{
	return (unsigned)k < PLACE_KIND_COUNT ? kind_codes[k] : "";
}

const char *place_kind_zh(enum place_kind k)
{
	return (unsigned)k < PLACE_KIND_COUNT ? kind_zh[k] : "";
}

int place_kind_parse(const char *s, enum place_kind *out)
{
	int i = pick(s, kind_codes, kind_zh, PLACE_KIND_COUNT);

	if (i < 0 && s && (strcmp(s, "部门") == 0 || strcmp(s, "部位") == 0))
		i = strcmp(s, "部门") == 0 ? PLACE_DEPT : PLACE_SITE;
	if (i < 0)
		return -1;
	*out = (enum place_kind)i;
	return 0;
}

const char *place_measure_code(enum place_measure m)
{
	return (unsigned)m < PLACE_MEASURE_COUNT ? measure_codes[m] : "";
}

const char *place_measure_zh(enum place_measure m)
{
	return (unsigned)m < PLACE_MEASURE_COUNT ? measure_zh[m] : "";
}

int place_measure_parse(const char *s, enum place_measure *out)
{
	int i = pick(s, measure_codes, measure_zh, PLACE_MEASURE_COUNT);

	if (i < 0)
		return -1;
	*out = (enum place_measure)i;
	return 0;
}

static uint32_t step_parse(const char *s)
{
	uint32_t bit;

	if (strcmp(s, "responsible") == 0 || strcmp(s, "责任人") == 0)
		return PLACE_STEP_RESPONSIBLE;
	bit = role_parse(s);
	/* a visit is decided by those who answer for the place, not by staff or the duty desk */
	return bit & (ROLE_OFFICER | ROLE_LEADER | ROLE_DEPT_HEAD) ? bit : 0;
}

enum place_err place_chain_parse(const char *s, uint32_t steps[PLACE_CHAIN_MAX], int *n,
                                 char *canon, size_t cap)
{
	char tok[64];
	size_t used = 0;

	*n = 0;
	if (canon && cap)
		canon[0] = '\0';
	while (s && *s) {
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		uint32_t st;

		if (len == 0 || len >= sizeof(tok) || *n == PLACE_CHAIN_MAX)
			return PLACE_BAD_CHAIN;
		memcpy(tok, s, len);
		tok[len] = '\0';
		st = step_parse(tok);
		if (!st)
			return PLACE_BAD_CHAIN;
		for (int i = 0; i < *n; i++)
			if (steps[i] == st)
				return PLACE_BAD_CHAIN; /* the same approver twice approves nothing
				                           more */
		steps[(*n)++] = st;
		if (canon) {
			int w = snprintf(canon + used, cap - used, "%s%s", used ? "," : "",
			                 place_step_code(st));

			if (w < 0 || (size_t)w >= cap - used)
				return PLACE_BAD_CHAIN;
			used += (size_t)w;
		}
		s = end ? end + 1 : s + len;
		if (end && !*s)
			return PLACE_BAD_CHAIN;
	}
	return *n ? PLACE_OK : PLACE_BAD_CHAIN;
}

const char *place_step_code(uint32_t step)
{
	return step == PLACE_STEP_RESPONSIBLE ? "responsible" : role_code(step);
}

const char *place_step_zh(uint32_t step)
{
	return step == PLACE_STEP_RESPONSIBLE ? "责任人" : role_zh(step);
}

const char *visit_kind_code(enum visit_kind k)
{
	return (unsigned)k < VISIT_KIND_COUNT ? vkind_codes[k] : "";
}

const char *visit_kind_zh(enum visit_kind k)
{
	return (unsigned)k < VISIT_KIND_COUNT ? vkind_zh[k] : "";
}

int visit_kind_parse(const char *s, enum visit_kind *out)
{
	int i = pick(s, vkind_codes, vkind_zh, VISIT_KIND_COUNT);

	if (i < 0)
		return -1;
	*out = (enum visit_kind)i;
	return 0;
}

const char *visit_state_code(enum visit_state s)
{
	return (unsigned)s < VISIT_STATE_COUNT ? vstate_codes[s] : "";
}

const char *visit_state_zh(enum visit_state s)
{
	return (unsigned)s < VISIT_STATE_COUNT ? vstate_zh[s] : "";
}

const char *visit_action_code(enum visit_action a)
{
	return (unsigned)a < VISIT_ACTION_COUNT ? vaction_codes[a] : "";
}

int visit_action_parse(const char *s, enum visit_action *out)
{
	int i = pick(s, vaction_codes, NULL, VISIT_ACTION_COUNT);

	if (i < 0)
		return -1;
	*out = (enum visit_action)i;
	return 0;
}

enum place_err visit_decide(enum visit_state *state, int *step, int nsteps,
                            const uint32_t steps[PLACE_CHAIN_MAX], int seen,
                            const struct visit_decider *d, bool approve)
{
	uint32_t want;
	bool may;

	if (*state != VS_PENDING || *step < 0 || *step >= nsteps)
		return PLACE_NOT_PENDING;
	if (seen >= 0 && seen != *step)
		return PLACE_STEP_MOVED;
	if (d->decided)
		return PLACE_ALREADY_DECIDED;
	want = steps[*step];
	may = want == PLACE_STEP_RESPONSIBLE ? d->responsible : (d->roles & want) != 0;
	if (!may)
		return PLACE_NOT_APPROVER;
	if (d->requester)
		return PLACE_OWN_REQUEST;
	if (!approve)
		*state = VS_REJECTED;
	else if (++*step >= nsteps)
		*state = VS_APPROVED;
	return PLACE_OK;
}

enum place_err visit_next(enum visit_state s, enum visit_action a, enum visit_state *out)
{
	switch (a) {
	case VA_ENTER:
		if (s != VS_APPROVED)
			return PLACE_BAD_STATE;
		*out = VS_IN;
		return PLACE_OK;
	case VA_LEAVE:
		if (s != VS_IN)
			return PLACE_BAD_STATE;
		*out = VS_OUT;
		return PLACE_OK;
	case VA_CANCEL:
		if (s != VS_PENDING && s != VS_APPROVED)
			return PLACE_BAD_STATE;
		*out = VS_CANCELLED;
		return PLACE_OK;
	}
	return PLACE_BAD_STATE;
}

void place_mask_id(const char *id, char *out, size_t cap)
{
	size_t n = strlen(id), keep_head = n >= 8 ? 3 : 0, keep_tail = n >= 8 ? 4 : 2;

	if (!cap)
		return;
	if (n + 1 > cap)
		n = cap - 1;
	if (keep_tail > n)
		keep_tail = n;
	for (size_t i = 0; i < n; i++)
		out[i] = i < keep_head || i >= n - keep_tail ? id[i] : '*';
	out[n] = '\0';
}

bool place_review_overdue(int32_t review_due, int32_t today)
{
	return review_due != 0 && review_due < today;
}

const char *place_err_zh(enum place_err e)
{
	switch (e) {
	case PLACE_OK:
		return "成功";
	case PLACE_BAD_CHAIN:
		return "审批流程须由保密员、分管领导、部门负责人或责任人组成，且不重复";
	case PLACE_NOT_PENDING:
		return "该申请已处理";
	case PLACE_STEP_MOVED:
		return "此步已审批";
	case PLACE_NOT_APPROVER:
		return "此步不由您审批";
	case PLACE_OWN_REQUEST:
		return "申请人不能审批自己的申请";
	case PLACE_ALREADY_DECIDED:
		return "您已审批过此申请，其余步骤须由他人审批";
	case PLACE_BAD_STATE:
		return "该来访当前状态下不能进行此操作";
	}
	return "";
}

const char *place_err_en(enum place_err e)
{
	switch (e) {
	case PLACE_OK:
		return "ok";
	case PLACE_BAD_CHAIN:
		return "the approval chain takes officer, leader, dept_head or responsible, each "
		       "once";
	case PLACE_NOT_PENDING:
		return "the request is already decided";
	case PLACE_STEP_MOVED:
		return "this step is already decided";
	case PLACE_NOT_APPROVER:
		return "this step is not yours to decide";
	case PLACE_OWN_REQUEST:
		return "nobody approves their own request";
	case PLACE_ALREADY_DECIDED:
		return "you already decided a step of this request; others decide the rest";
	case PLACE_BAD_STATE:
		return "the visit's state does not allow this action";
	}
	return "";
}
