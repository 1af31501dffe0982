/*
 * contact — the contact list (通讯录) and the register of rewards and
 * penalties (奖惩): their kinds, who may see and change them, and which
 * contact a reporting duty's recipient names.  Pure rules, no I/O.
 */
#ifndef BAOMI_CONTACT_H
#define BAOMI_CONTACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "role.h"

/* What a contact is: a member of the unit's own command, or a body outside it. */
enum contact_kind {
	CK_INTERNAL = 0,   /* 指挥部及工作组成员 */
	CK_SECRECY_ADMIN,  /* 保密行政管理部门 */
	CK_POLICE,         /* 公安机关 */
	CK_STATE_SECURITY, /* 国家安全机关 */
	CK_CAC,            /* 网信部门 */
	CK_JIYAO,          /* 机要部门 */
	CK_INFO_OFFICE,    /* 信息办 */
	CK_SUPERIOR,       /* 上级主管部门 */
	CK_TELECOM,        /* 电信运营商 */
	CK_POWER,          /* 电力公司 */
	CK_MEMBER_UNIT,    /* 成员单位 */
	CK_EXPERT,         /* 专家库 */
	CK_OTHER,          /* 其他 */
};
#define CONTACT_KIND_COUNT 13

/* How far an outside body may be trusted with what the unit tells it. */
enum contact_trust {
	CT_LOW = 0,    /* 低：只通报公开信息 */
	CT_NORMAL = 1, /* 中：工作联系 */
	CT_HIGH = 2,   /* 高：可报送涉密事项 */
};
#define CONTACT_TRUST_COUNT 3

const char *contact_kind_code(enum contact_kind k);
const char *contact_kind_zh(enum contact_kind k);
int contact_kind_parse(const char *s, enum contact_kind *out);
const char *contact_trust_code(enum contact_trust t);
const char *contact_trust_zh(enum contact_trust t);
int contact_trust_parse(const char *s, enum contact_trust *out);

/*
 * Who may read the contact list: the command, the 保密员, the leader and
 * the duty officers; no administrator.  Who may change it: the 保密员 and
 * the command.
 */
#define CONTACT_READ_ROLES (ROLE_COMMAND | ROLE_OFFICER | ROLE_LEADER | ROLE_DUTY)
#define CONTACT_WRITE_ROLES (ROLE_OFFICER | ROLE_COMMAND)
bool contact_may_read(enum admin_role admin, uint32_t roles);
bool contact_may_write(enum admin_role admin, uint32_t roles);

/*
 * The kind of outside body a reporting duty goes to.  `recipient` is the
 * duty's key ("secrecy_admin", "cac" for the statutory duties, or a plan's
 * text), `to` the recipient as the form names it ("同级保密行政管理部门和
 * 上级主管部门").  A known key decides; otherwise the body named first in
 * the text.  -1 when the text names no outside body (an internal group,
 * say).
 */
int contact_kind_for_duty(const char *recipient, const char *to);

/* One contact as the resolution weighs it. */
struct contact_cand {
	int64_t id;
	enum contact_kind kind;
	enum contact_trust trust;
	const char *group; /* CK_INTERNAL: the group it belongs to */
	char ab;           /* CK_INTERNAL: 'A', 'B' or 0 */
	int ord;           /* the list's own order, lower first */
};

/*
 * Picks the contact whom to call for a duty: of the kind
 * contact_kind_for_duty() finds, the most trusted (then the list's order,
 * then the lowest id); when the text names no outside body, a member of the
 * internal group the text names ("本单位保密应急领导小组" names the group
 * 保密应急领导小组), the A role before the B role.  Returns the index into
 * c, or -1 when no contact fits.
 */
int contact_pick(const struct contact_cand *c, size_t n, const char *recipient, const char *to);

/* ---- rewards and penalties (奖惩) ---- */

enum reward_kind {
	RK_COMMEND = 0,    /* 表彰 */
	RK_PRAISE = 1,     /* 通报表扬 */
	RK_CRITICISE = 2,  /* 通报批评 */
	RK_ADMONISH = 3,   /* 诫勉谈话 */
	RK_DISCIPLINE = 4, /* 处分建议 */
};
#define REWARD_KIND_COUNT 5

const char *reward_kind_code(enum reward_kind k);
const char *reward_kind_zh(enum reward_kind k);
int reward_kind_parse(const char *s, enum reward_kind *out);
/* 通报批评, 诫勉谈话 and 处分建议 are penalties; 表彰 and 通报表扬 rewards. */
bool reward_is_penalty(enum reward_kind k);

/*
 * Rewards are announced to the unit: every business account reads them.
 * Penalties are for the 保密员 and the leader only.  Both record the
 * register (no administrator).
 */
#define REWARD_PENALTY_ROLES (ROLE_OFFICER | ROLE_LEADER)
bool reward_may_read(enum admin_role admin, uint32_t roles, enum reward_kind k);
bool reward_may_read_penalties(enum admin_role admin, uint32_t roles);
bool reward_may_write(enum admin_role admin, uint32_t roles);

#endif
