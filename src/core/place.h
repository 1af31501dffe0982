/*
 * place — 保密要害部门部位 (key departments and places): their kinds and
 * protective measures, the approval chain a visit request runs through,
 * the visit's states, and the masking of a visitor's ID number.  Pure
 * rules: no I/O.
 *
 * A visit (non-staff entry, maintenance) is requested, decided step by step
 * by the chain the place names (officer, leader, dept_head, or the place's
 * responsible people), then logged when the visitor enters and leaves.  An
 * entry the duty officer records without an approved request is an
 * unapproved entry: it starts in the place, marked unapproved.
 */
#ifndef BAOMI_PLACE_H
#define BAOMI_PLACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum place_kind {
	PLACE_DEPT = 0, /* 要害部门 */
	PLACE_SITE = 1, /* 要害部位 */
};
#define PLACE_KIND_COUNT 2

/* The protective measures baomi knows by code; others are free text. */
enum place_measure {
	PM_ACCESS = 0, /* 门禁 */
	PM_CCTV = 1,   /* 监控 */
	PM_ALARM = 2,  /* 报警 */
	PM_SAFE = 3,   /* 保密柜 */
};
#define PLACE_MEASURE_COUNT 4

/* A chain step: one business role bit, or the place's responsible people. */
#define PLACE_STEP_RESPONSIBLE (1u << 31)
#define PLACE_CHAIN_MAX 4
#define PLACE_CHAIN_TEXT 96

enum visit_kind {
	VK_VISIT = 0,       /* 来访 */
	VK_MAINTENANCE = 1, /* 维修维护 */
};
#define VISIT_KIND_COUNT 2

enum visit_state {
	VS_PENDING = 0,   /* 待审批 */
	VS_APPROVED = 1,  /* 已批准 */
	VS_REJECTED = 2,  /* 未批准 */
	VS_CANCELLED = 3, /* 已撤销 */
	VS_IN = 4,        /* 在场 */
	VS_OUT = 5,       /* 已离开 */
};
#define VISIT_STATE_COUNT 6

enum visit_action {
	VA_ENTER = 0,  /* 进入: an approved visit begins */
	VA_LEAVE = 1,  /* 离开: the visitor is out */
	VA_CANCEL = 2, /* 撤销: a request not yet used */
};
#define VISIT_ACTION_COUNT 3

enum place_err {
	PLACE_OK = 0,
	PLACE_BAD_CHAIN,       /* a chain step is not a known approver */
	PLACE_NOT_PENDING,     /* the request is already decided */
	PLACE_STEP_MOVED,      /* the step the approver saw was decided meanwhile */
	PLACE_NOT_APPROVER,    /* the step is not the caller's */
	PLACE_OWN_REQUEST,     /* nobody approves their own request */
	PLACE_ALREADY_DECIDED, /* one approver decides one step of a request */
	PLACE_BAD_STATE,       /* the action does not apply in the visit's state */
};

const char *place_kind_code(enum place_kind k);
const char *place_kind_zh(enum place_kind k);
int place_kind_parse(const char *s, enum place_kind *out);
const char *place_measure_code(enum place_measure m);
const char *place_measure_zh(enum place_measure m);
/* A known measure's code or Chinese name; -1 for free text. */
int place_measure_parse(const char *s, enum place_measure *out);

/*
 * Parses a chain "officer,leader" (role codes or Chinese names, and
 * "responsible" / 责任人) into steps; an empty chain is refused: every
 * visit is approved by someone.  Writes the canonical text (codes) into
 * canon when it is not NULL.
 */
enum place_err place_chain_parse(const char *s, uint32_t steps[PLACE_CHAIN_MAX], int *n,
                                 char *canon, size_t cap);
const char *place_step_code(uint32_t step);
const char *place_step_zh(uint32_t step);

const char *visit_kind_code(enum visit_kind k);
const char *visit_kind_zh(enum visit_kind k);
int visit_kind_parse(const char *s, enum visit_kind *out);
const char *visit_state_code(enum visit_state s);
const char *visit_state_zh(enum visit_state s);
const char *visit_action_code(enum visit_action a);
int visit_action_parse(const char *s, enum visit_action *out);

/* Who decides, judged against a visit request's current step. */
struct visit_decider {
	uint32_t roles;   /* business role bits */
	bool responsible; /* one of the place's responsible people */
	bool requester;   /* asked for the visit */
	bool decided;     /* already decided a step of it */
};
/*
 * One decision on a request at `step` of `nsteps` whose approver saw step
 * `seen` (-1: not said).  On PLACE_OK *state and *step are the request's
 * next: a rejection ends it, the last approval approves it.
 */
enum place_err visit_decide(enum visit_state *state, int *step, int nsteps,
                            const uint32_t steps[PLACE_CHAIN_MAX], int seen,
                            const struct visit_decider *d, bool approve);
/* The state after an action, or PLACE_BAD_STATE. */
enum place_err visit_next(enum visit_state s, enum visit_action a, enum visit_state *out);

/*
 * An identity number as shown: the first 3 and last 4 characters kept and
 * the rest starred ("110***********1234"); a short one keeps only its last
 * 2 characters.  out holds at least strlen(id) + 1 bytes (cap).
 */
void place_mask_id(const char *id, char *out, size_t cap);
/* The place's review is overdue when its due day (0: none) is before today. */
bool place_review_overdue(int32_t review_due, int32_t today);

const char *place_err_zh(enum place_err e);
const char *place_err_en(enum place_err e);

#endif
