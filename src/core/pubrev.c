#include "pubrev.h"

#include <stdio.h>
#include <string.h>

#include "role.h"

static const char *const state_codes[PUBREV_STATE_COUNT] = {"reviewing", "approved", "rejected"};
static const char *const state_zh[PUBREV_STATE_COUNT] = {"审查中", "已批准", "已退回"};

const char *pubrev_state_code(enum pubrev_state s)
{
	return (unsigned)s < PUBREV_STATE_COUNT ? state_codes[s] : "";
}

const char *pubrev_state_zh(enum pubrev_state s)
{
	return (unsigned)s < PUBREV_STATE_COUNT ? state_zh[s] : "";
}

const char *pubrev_err_zh(enum pubrev_err e)
{
	switch (e) {
	case PUBREV_OK:
		return "成功";
	case PUBREV_BAD_CHAIN:
		return "审查流程应为部门负责人、保密员、分管领导中不重复的1到3步，须含保密员并以分"
		       "管领导结束";
	case PUBREV_CONFLICT:
		return "该审查已不在这一步（可能已由他人处理），请刷新后再试";
	case PUBREV_NOT_YOURS:
		return "您不是这一步的审查人";
	case PUBREV_HITS:
		return "尚有命中未经保密员核实无密，不能批准";
	case PUBREV_NO_REASON:
		return "请填写理由";
	case PUBREV_NOT_FROZEN:
		return "只有经批准并固化的版本（SHA-256 一致）才能发布";
	case PUBREV_NOT_OFFICER:
		return "只有保密员可以核实命中（本人提交的文稿由其他保密员核实）";
	case PUBREV_CLEARED:
		return "该命中已核实";
	}
	return "";
}

const char *pubrev_err_en(enum pubrev_err e)
{
	switch (e) {
	case PUBREV_OK:
		return "ok";
	case PUBREV_BAD_CHAIN:
		return "the chain must be 1 to 3 distinct steps among dept_head, officer and "
		       "leader, "
		       "hold the officer and end with the leader";
	case PUBREV_CONFLICT:
		return "the review is no longer at this step (someone may have decided it); reload";
	case PUBREV_NOT_YOURS:
		return "you do not review this step";
	case PUBREV_HITS:
		return "hits not yet cleared by the officer: cannot approve";
	case PUBREV_NO_REASON:
		return "a reason is required";
	case PUBREV_NOT_FROZEN:
		return "only the approved, frozen version (same SHA-256) may be published";
	case PUBREV_NOT_OFFICER:
		return "only an officer clears hits (another officer for their own draft)";
	case PUBREV_CLEARED:
		return "the hit is cleared already";
	}
	return "";
}

enum pubrev_err pubrev_chain_check(const struct pubrev_chain *c)
{
	bool officer = false;

	if (c->n < 1 || c->n > PUBREV_MAX_STEPS)
		return PUBREV_BAD_CHAIN;
	for (int i = 0; i < c->n; i++) {
		uint32_t r = c->steps[i];

		if (r != ROLE_DEPT_HEAD && r != ROLE_OFFICER && r != ROLE_LEADER)
			return PUBREV_BAD_CHAIN;
		for (int k = 0; k < i; k++)
			if (c->steps[k] == r)
				return PUBREV_BAD_CHAIN;
		officer = officer || r == ROLE_OFFICER;
	}
	return officer && c->steps[c->n - 1] == ROLE_LEADER ? PUBREV_OK : PUBREV_BAD_CHAIN;
}

enum pubrev_err pubrev_chain_parse(const char *csv, struct pubrev_chain *out)
{
	char buf[64];
	char *save = NULL;

	memset(out, 0, sizeof(*out));
	if (!csv || strlen(csv) >= sizeof(buf))
		return PUBREV_BAD_CHAIN;
	snprintf(buf, sizeof(buf), "%s", csv);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (out->n == PUBREV_MAX_STEPS)
			return PUBREV_BAD_CHAIN;
		out->steps[out->n++] = role_parse(t);
	}
	return pubrev_chain_check(out);
}

void pubrev_chain_format(const struct pubrev_chain *c, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < c->n && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? "," : "",
		                        role_code(c->steps[i]));
}

void pubrev_chain_for(const struct pubrev_chain *c, bool submitter_has_dept,
                      struct pubrev_chain *out)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < c->n; i++)
		if (submitter_has_dept || c->steps[i] != ROLE_DEPT_HEAD)
			out->steps[out->n++] = c->steps[i];
}

bool pubrev_holds_step(const struct pubrev_sub *s, int i, const struct pubrev_who *w)
{
	uint32_t r;

	if (i < 0 || i >= s->chain.n || w->account_id == s->submitted_by)
		return false;
	r = s->chain.steps[i];
	if (!(w->roles & r))
		return false;
	return r != ROLE_DEPT_HEAD || (w->department_id && w->department_id == s->department_id);
}

bool pubrev_may_see(const struct pubrev_sub *s, const struct pubrev_who *w)
{
	if (w->account_id && w->account_id == s->submitted_by)
		return true;
	for (int i = 0; i <= s->step && i < s->chain.n; i++)
		if (pubrev_holds_step(s, i, w))
			return true;
	return false;
}

enum pubrev_err pubrev_check_decision(const struct pubrev_sub *s, const struct pubrev_who *w,
                                      int expected_step, enum pubrev_decision d, const char *reason)
{
	if (s->state != PUBREV_REVIEWING || s->step != expected_step)
		return PUBREV_CONFLICT;
	if (!pubrev_holds_step(s, s->step, w))
		return PUBREV_NOT_YOURS;
	if (!reason || !*reason)
		return PUBREV_NO_REASON;
	if (d == PUBREV_APPROVE && s->uncleared > 0 &&
	    (s->chain.steps[s->step] == ROLE_OFFICER || s->step == s->chain.n - 1))
		return PUBREV_HITS;
	return PUBREV_OK;
}

void pubrev_apply_decision(struct pubrev_sub *s, enum pubrev_decision d)
{
	if (d == PUBREV_REJECT) {
		s->state = PUBREV_REJECTED;
		return;
	}
	s->step++;
	if (s->step >= s->chain.n)
		s->state = PUBREV_APPROVED;
}

enum pubrev_err pubrev_check_clear(const struct pubrev_sub *s, const struct pubrev_who *w,
                                   bool already_cleared, const char *reason)
{
	if (!(w->roles & ROLE_OFFICER) || w->account_id == s->submitted_by)
		return PUBREV_NOT_OFFICER;
	if (already_cleared)
		return PUBREV_CLEARED;
	if (!reason || !*reason)
		return PUBREV_NO_REASON;
	return PUBREV_OK;
}

enum pubrev_err pubrev_check_publish(enum pubrev_state s, const char *frozen, const char *sha)
{
	if (s != PUBREV_APPROVED || !frozen || strlen(frozen) != PUBREV_SHA_HEX || !sha ||
	    strcmp(frozen, sha) != 0)
		return PUBREV_NOT_FROZEN;
	return PUBREV_OK;
}
