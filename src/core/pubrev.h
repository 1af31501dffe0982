/*
 * pubrev — 信息发布保密审查, the review of a text before publication (pure C).
 *
 * A draft meant for a website, the news or any outside audience is
 * submitted, scanned (keywords of the unit, titles and numbers of ledger
 * carriers) and reviewed along a chain of business roles that the security
 * administrator configures (部门负责人 → 保密员 → 分管领导 by default).
 * Each step approves or rejects with a reason; the version the last step
 * approves is frozen by its SHA-256 and is the only one that may be
 * published.  A new upload starts a new review.  A hit found by the scan
 * blocks approval until the 保密员 marks it 已核实无密 with a reason.
 * This module decides; the store and the API ask it.
 */
#ifndef BAOMI_PUBREV_H
#define BAOMI_PUBREV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PUBREV_MAX_STEPS 3
#define PUBREV_SHA_HEX 64
#define PUBREV_DEFAULT_CHAIN "dept_head,officer,leader"

enum pubrev_state {
	PUBREV_REVIEWING = 0, /* 审查中 */
	PUBREV_APPROVED = 1,  /* 已批准 (frozen) */
	PUBREV_REJECTED = 2,  /* 已退回 */
	PUBREV_STATE_COUNT
};

enum pubrev_err {
	PUBREV_OK = 0,
	PUBREV_BAD_CHAIN, /* steps not among 部门负责人/保密员/分管领导, repeated, or no 保密员/领导
	                   */
	PUBREV_CONFLICT,    /* not under review, or the step has moved on (compare-and-set) */
	PUBREV_NOT_YOURS,   /* the caller does not hold this step (role, department, own draft) */
	PUBREV_HITS,        /* hits not yet marked 已核实无密 */
	PUBREV_NO_REASON,   /* a decision or a clearance needs a reason */
	PUBREV_NOT_FROZEN,  /* publication of a hash that is not the approved version's */
	PUBREV_NOT_OFFICER, /* only a 保密员 clears hits, not on their own draft */
	PUBREV_CLEARED,     /* the hit is cleared already */
};

enum pubrev_decision { PUBREV_APPROVE, PUBREV_REJECT };

/* A chain: the role bits (role.h) of its steps, in order. */
struct pubrev_chain {
	uint32_t steps[PUBREV_MAX_STEPS];
	int n;
};

const char *pubrev_state_code(enum pubrev_state s); /* reviewing, approved, rejected */
const char *pubrev_state_zh(enum pubrev_state s);
const char *pubrev_err_zh(enum pubrev_err e);
const char *pubrev_err_en(enum pubrev_err e);

/* Parses "dept_head,officer,leader"; checks it as pubrev_chain_check. */
enum pubrev_err pubrev_chain_parse(const char *csv, struct pubrev_chain *out);
/*
 * A chain is 1 to PUBREV_MAX_STEPS distinct roles among 部门负责人, 保密员
 * and 分管领导, holding the 保密员 (who clears hits) and ending with the
 * 分管领导 (a leader approves what goes out).
 */
enum pubrev_err pubrev_chain_check(const struct pubrev_chain *c);
/* "dept_head,officer,leader" into out (at least 64 bytes). */
void pubrev_chain_format(const struct pubrev_chain *c, char *out, size_t n);
/*
 * The chain one submission runs: a submitter in no department has no
 * 部门负责人, so that step is left out.
 */
void pubrev_chain_for(const struct pubrev_chain *c, bool submitter_has_dept,
                      struct pubrev_chain *out);

/* Who asks, and about which submission. */
struct pubrev_who {
	int64_t account_id;
	uint32_t roles;
	int64_t department_id; /* 0: none */
};

struct pubrev_sub {
	enum pubrev_state state;
	struct pubrev_chain chain;
	int step; /* index of the step to decide; chain.n once approved */
	int64_t submitted_by;
	int64_t department_id; /* the submitter's, 0 when none */
	int uncleared;         /* hits of the current version not yet cleared */
};

/*
 * Whether the caller holds step i: the step's role, not their own draft,
 * and a 部门负责人 only for their own department.
 */
bool pubrev_holds_step(const struct pubrev_sub *s, int i, const struct pubrev_who *w);
/*
 * Need-to-know: the submitter sees their own; a reviewer sees a submission
 * once it has reached a step they hold (step <= current).
 */
bool pubrev_may_see(const struct pubrev_sub *s, const struct pubrev_who *w);
/*
 * Judges a decision on step expected_step.  An approval is refused while
 * hits are uncleared at the 保密员's step and at the last step.
 */
enum pubrev_err pubrev_check_decision(const struct pubrev_sub *s, const struct pubrev_who *w,
                                      int expected_step, enum pubrev_decision d,
                                      const char *reason);
/* The state and step after an allowed decision. */
void pubrev_apply_decision(struct pubrev_sub *s, enum pubrev_decision d);
/*
 * Only a 保密员 clears, with a reason, a hit not yet cleared, and not on a
 * draft of their own (another officer checks it).
 */
enum pubrev_err pubrev_check_clear(const struct pubrev_sub *s, const struct pubrev_who *w,
                                   bool already_cleared, const char *reason);
/*
 * Only the approved version's SHA-256 (lowercase hex) may be published:
 * frozen is the hash the last approval froze ("" when none).
 */
enum pubrev_err pubrev_check_publish(enum pubrev_state s, const char *frozen, const char *sha);

#endif
