/*
 * incident — security incidents, their grading and workflow, emergency
 * plans and warnings (pure C, no I/O).
 *
 * Two kinds of incident: leaks (失泄密, seed 000) and network and
 * information security incidents (seed 003, categories of GB/T
 * 20986-2023).  An incident is reported, verified, graded I–IV from the
 * four factors of seed 003, handled under an activated plan, summarised
 * (result report, filed with a number), closed by approval and evaluated.
 * This module decides which step is allowed from which state and by whom;
 * the store and API ask it and never decide themselves.
 */
#ifndef BAOMI_INCIDENT_H
#define BAOMI_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deadline.h"
#include "level.h"
#include "role.h"

enum inc_kind {
	IK_LEAK = 0,  /* 失泄密事件 */
	IK_CYBER = 1, /* 网络与信息安全事件 */
};
#define INC_KIND_COUNT 2

/* GB/T 20986-2023 top-level categories. */
enum inc_category {
	IC_MALWARE = 0,       /* 恶意程序事件 */
	IC_ATTACK = 1,        /* 网络攻击事件 */
	IC_DATA = 2,          /* 数据安全事件 */
	IC_CONTENT = 3,       /* 信息内容安全事件 */
	IC_FACILITY = 4,      /* 设备设施故障事件 */
	IC_VIOLATION = 5,     /* 违规操作事件 */
	IC_VULNERABILITY = 6, /* 安全隐患事件 */
	IC_ANOMALY = 7,       /* 异常行为事件 */
	IC_FORCE_MAJEURE = 8, /* 不可抗力事件 */
	IC_OTHER = 9,         /* 其他事件 */
	IC_LEAK = 10,         /* 失泄密 (the leak kind has this one category) */
};
#define INC_CATEGORY_COUNT 11

/* Levels: I is the most severe.  IL_NONE = not graded. */
enum inc_level {
	IL_NONE = 0,
	IL_I = 1,   /* 特别重大, 红色 */
	IL_II = 2,  /* 重大, 橙色 */
	IL_III = 3, /* 较大, 黄色 */
	IL_IV = 4,  /* 一般, 蓝色 */
};
#define INC_LEVEL_COUNT 5

enum inc_state {
	IS_REPORTED = 0,   /* 已报告 */
	IS_VERIFIED = 1,   /* 已核实 */
	IS_GRADED = 2,     /* 已定级 */
	IS_ACTIVATED = 3,  /* 已启动预案 */
	IS_HANDLING = 4,   /* 处置中 */
	IS_HANDLED = 5,    /* 处置完毕, result report due */
	IS_SUMMARISED = 6, /* 已报送处理结果 (filed, has a filing number) */
	IS_CLOSED = 7,     /* 已批准结案 */
	IS_EVALUATED = 8,  /* 已评估 (rewards and penalties recorded) */
	IS_DISMISSED = 9,  /* 核实不属实 */
};
#define INC_STATE_COUNT 10

enum inc_action {
	IA_SUPPLEMENT = 0,    /* 续报: a new version of the report */
	IA_VERIFY = 1,        /* 核实 */
	IA_DISMISS = 2,       /* 核实不属实, with a reason */
	IA_GRADE = 3,         /* 定级: the command confirms a level (also re-grades later) */
	IA_ACTIVATE = 4,      /* 启动预案 at a response level */
	IA_HANDLE = 5,        /* 开始处置 */
	IA_END_HANDLING = 6,  /* 处置完毕: all tasks done or cancelled */
	IA_SUMMARISE = 7,     /* 报送处理结果 (附件三), gets the filing number */
	IA_CLOSE = 8,         /* 批准结案 */
	IA_EVALUATE = 9,      /* 总结评估, 奖惩 */
	IA_INVESTIGATED = 10, /* a leak's investigation result approved (调查结果经批准) */
};
#define INC_ACTION_COUNT 11

enum inc_err {
	INC_OK = 0,
	INC_BAD_STATE,         /* not allowed from the current state */
	INC_NOT_PERMITTED,     /* the actor's roles do not allow it */
	INC_NOT_GRADED,        /* needs a confirmed level first */
	INC_NO_PLAN,           /* activation needs a plan */
	INC_PLAN_NOT_IN_FORCE, /* the plan is a draft or retired */
	INC_PLAN_KIND,         /* the plan does not cover this kind of incident */
	INC_TASKS_OPEN,        /* handling cannot end while tasks are open */
	INC_SELF_APPROVAL,     /* the one who filed the summary cannot approve closing */
	INC_BAD_LEVEL,         /* not a level I–IV */
	INC_BAD_CATEGORY,      /* category not of this kind, or subcategory not of category */
	INC_MISSING_FIELD,     /* a field the step needs is missing */
	INC_DUTIES_OPEN,       /* a report to a superior is unmet and no reason was given */
	INC_LEAK_ONLY,         /* the step is for leaks (失泄密) only */
};

/* Who acts, as the workflow sees them (role bits of role.h). */
struct inc_actor {
	int64_t account_id;
	uint32_t roles;
	bool reporter; /* reported this incident */
};

/* What an action is judged on. */
struct inc_act {
	enum inc_action action;
	enum inc_state state;
	enum inc_kind kind;
	enum inc_level confirmed; /* IL_NONE while not graded */
	enum inc_level level;     /* the level asked for by IA_GRADE / IA_ACTIVATE */
	bool has_plan;
	bool plan_in_force; /* approved or filed */
	bool plan_covers_kind;
	int open_tasks;
	int64_t summarised_by;    /* account that filed the summary */
	bool has_reason;          /* dismiss, close, evaluate: a reason was given */
	bool summary_complete;    /* summarise: the 附件三 fields that must be there are */
	int open_superior_duties; /* close, evaluate: running duties to a superior not met */
	bool investigated;        /* the investigation result was approved already */
	bool has_result;          /* investigated: the result was given */
};

/* The four grading factors of seed 003. */
enum inc_impact {
	IMPACT_NONE = 0,
	IMPACT_MINOR = 1,   /* 一般 */
	IMPACT_LARGE = 2,   /* 较大 */
	IMPACT_SERIOUS = 3, /* 严重 */
	IMPACT_EXTREME = 4, /* 特别严重 */
};
#define INC_IMPACT_COUNT 5

struct inc_factors {
	enum level info_level; /* 信息密级 of the information involved, LEVEL_NONE if none */
	enum inc_impact public_impact;   /* 公众影响 */
	enum inc_impact business_impact; /* 业务影响 */
	int64_t loss_yuan;               /* 资产损失, in yuan */
};

/* Asset-loss thresholds (yuan) for I, II, III; any loss above zero is at least IV. */
struct inc_loss_rule {
	int64_t level_i;
	int64_t level_ii;
	int64_t level_iii;
};
/* Defaults: 1亿 / 1000万 / 100万 yuan. */
extern const struct inc_loss_rule inc_loss_default;

/* Which factors decided the proposed level (bits 1 << factor). */
enum inc_factor { IF_INFO = 0, IF_PUBLIC = 1, IF_BUSINESS = 2, IF_LOSS = 3 };

const char *inc_kind_code(enum inc_kind k); /* leak, cyber */
const char *inc_kind_zh(enum inc_kind k);
int inc_kind_parse(const char *s, enum inc_kind *out);

const char *inc_category_code(enum inc_category c); /* malware, attack, ... */
const char *inc_category_zh(enum inc_category c);
const char *inc_category_en(enum inc_category c);
int inc_category_parse(const char *s, enum inc_category *out);
enum inc_kind inc_category_kind(enum inc_category c);
/* Subcategories of a category: count, and code/Chinese name by index. */
int inc_subcategory_count(enum inc_category c);
const char *inc_subcategory_code(enum inc_category c, int i);
const char *inc_subcategory_zh(enum inc_category c, int i);
/* Index of a subcategory code within its category, or -1. */
int inc_subcategory_parse(enum inc_category c, const char *s);
/*
 * INC_BAD_CATEGORY (*field "category" or "subcategory") unless the category
 * belongs to the kind and sub is one of its subcategories (-1: none given).
 */
enum inc_err inc_category_check(enum inc_kind k, enum inc_category c, int sub, const char **field);

const char *inc_level_code(enum inc_level l);            /* I, II, III, IV */
const char *inc_level_zh(enum inc_level l);              /* 特别重大 ... 一般 */
const char *inc_level_color(enum inc_level l);           /* red, orange, yellow, blue */
const char *inc_level_color_zh(enum inc_level l);        /* 红色 ... 蓝色 */
int inc_level_parse(const char *s, enum inc_level *out); /* "I".."IV", "1".."4", 特别重大 ... */

const char *inc_state_code(enum inc_state s);
const char *inc_state_zh(enum inc_state s);
const char *inc_state_en(enum inc_state s);
int inc_state_parse(const char *s, enum inc_state *out);
bool inc_state_final(enum inc_state s); /* closed, evaluated, dismissed */

const char *inc_action_code(enum inc_action a);
const char *inc_action_zh(enum inc_action a);
int inc_action_parse(const char *s, enum inc_action *out);

const char *inc_impact_code(enum inc_impact i); /* none, minor, large, serious, extreme */
const char *inc_impact_zh(enum inc_impact i);
int inc_impact_parse(const char *s, enum inc_impact *out);

const char *inc_err_zh(enum inc_err e);
const char *inc_err_en(enum inc_err e);

/*
 * Proposed level from the four factors: the most severe level any factor
 * reaches (绝密/机密/秘密/内部 → I/II/III/IV; impact 特别严重/严重/较大/一般
 * → I/II/III/IV; loss by the thresholds).  IL_NONE when no factor
 * applies.  *decided (may be NULL) gets the bits of the deciding factors.
 */
enum inc_level inc_grade(const struct inc_factors *f, const struct inc_loss_rule *r,
                         unsigned *decided);
/*
 * Judges an action by an actor; on refusal *field names the field at fault,
 * if any.  Roles are judged first (INC_NOT_PERMITTED), then the state
 * (INC_BAD_STATE; nothing is allowed in a final state except evaluating a
 * closed incident), then the step's own needs.  A level not given
 * (IL_NONE) is INC_MISSING_FIELD, one outside I–IV is INC_BAD_LEVEL.
 */
enum inc_err inc_check(const struct inc_act *x, const struct inc_actor *who, const char **field);
/* The state after an allowed action (supplement and re-grading keep it). */
enum inc_state inc_next_state(const struct inc_act *x);

/*
 * Filing number 「2026年11月21日第3号总第128号」 for the day (Beijing
 * days since epoch), that day's ordinal and the unit's running total.
 * Returns snprintf's length.
 */
int inc_filing_format(char *out, size_t n, int32_t day, int64_t nth_of_day, int64_t total);

/* ---- statutory reporting duties ---- */

/* Whom the 2025 CAC rules make the unit report to, and how fast (configured per unit). */
enum inc_operator {
	IO_OTHER = 0,   /* 其他网络运营者: 4 hours */
	IO_CII = 1,     /* 关键信息基础设施运营者: 1 hour */
	IO_CENTRAL = 2, /* 中央和国家机关: 2 hours */
};
#define INC_OPERATOR_COUNT 3
const char *inc_operator_code(enum inc_operator o); /* other, cii, central */
int inc_operator_parse(const char *s, enum inc_operator *out);

/* A reporting duty the law sets for every incident, whatever the plans say. */
struct inc_duty {
	const char *code;      /* "law/..." */
	const char *recipient; /* who receives it, the key a plan's duty or a report meets */
	const char *to;        /* the recipient as the form names it */
	const char *what;
	const char *basis; /* the legal basis */
	struct dl_limit limit;
	enum dl_anchor anchor;
};

/*
 * The statutory duties of an incident of this kind at this level (IL_NONE:
 * those owed whatever the level): a leak's written report within 24 hours
 * of discovery and its investigation result within 24 hours of approval;
 * for a network-security incident of level III (较大) or above the CAC
 * report within 1/2/4 hours by operator and the summary within 30 days of
 * the end of handling.  Fills up to max entries, returns how many.
 */
int inc_statutory_duties(enum inc_kind k, enum inc_level lvl, enum inc_operator op,
                         struct inc_duty *out, int max);
/*
 * True when a plan's duty (its recipient, or failing that its "to", and
 * its anchor) is the same report as a statutory one: the plan may then
 * only tighten the statutory limit.
 */
bool inc_duty_same_report(const struct inc_duty *law, const char *plan_recipient,
                          const char *plan_to, enum dl_anchor plan_anchor);

/* ---- need-to-know ---- */

/* The roles that see every incident of their unit. */
#define INC_WATCH_ROLES (ROLE_OFFICER | ROLE_COMMAND | ROLE_LEADER | ROLE_DUTY)

struct inc_viewer {
	int64_t account_id;
	uint32_t roles;
	enum level clearance; /* LEVEL_NONE when not cleared */
};

/*
 * Officers, command, leaders and duty officers see the unit's incidents;
 * anyone else only those they reported or hold a task of.  An incident
 * whose information is classified (秘密 and above) further needs clearance
 * of that level, except for the one who reported it.
 */
bool inc_may_see(const struct inc_viewer *v, enum level info_level, int64_t reported_by,
                 bool assignee);

/* ---- plans ---- */

enum plan_kind {
	PK_LEAK = 0,  /* 保密专项 */
	PK_CYBER = 1, /* 网络与信息安全 */
	PK_OTHER = 2, /* 其他 (covers both kinds) */
};
#define PLAN_KIND_COUNT 3

enum plan_status {
	PST_DRAFT = 0,    /* 草稿: editable */
	PST_APPROVED = 1, /* 已批准 */
	PST_FILED = 2,    /* 已备案 with the superior unit */
	PST_RETIRED = 3,  /* 已废止 */
};
#define PLAN_STATUS_COUNT 4

enum plan_err {
	PLAN_OK = 0,
	PLAN_BAD_STATUS, /* draft → approved → filed → retired (approved → retired too) */
	PLAN_NOT_DRAFT,  /* only a draft may be edited */
	PLAN_BAD_FIELD,  /* a field is missing or malformed */
};

const char *plan_kind_code(enum plan_kind k); /* leak, cyber, other */
const char *plan_kind_zh(enum plan_kind k);
int plan_kind_parse(const char *s, enum plan_kind *out);
bool plan_kind_covers(enum plan_kind p, enum inc_kind k);
const char *plan_status_code(enum plan_status s);
const char *plan_status_zh(enum plan_status s);
int plan_status_parse(const char *s, enum plan_status *out);
bool plan_in_force(enum plan_status s); /* approved or filed */
enum plan_err plan_check_status(enum plan_status from, enum plan_status to);
const char *plan_err_zh(enum plan_err e);
const char *plan_err_en(enum plan_err e);

/* What of a plan the grading reads. */
struct inc_plan_terms {
	enum plan_status status;
	enum plan_kind kind;
	struct inc_loss_rule loss; /* the plan's thresholds; zero where it sets none */
};

/*
 * The one grading of an incident of kind k, for the report's proposed
 * level, the preview, grading and activation alike: inc_grade with the
 * plan's loss thresholds when plan (may be NULL) is in force and covers k,
 * the built-in ones otherwise (and for any threshold the plan leaves unset).
 * *used_plan (may be NULL) tells whether the plan's thresholds applied.
 */
enum inc_level inc_grade_for(const struct inc_factors *f, enum inc_kind k,
                             const struct inc_plan_terms *plan, unsigned *decided, bool *used_plan);

/* ---- warnings (预警) ---- */

enum warn_state {
	WS_PUBLISHED = 0, /* 已发布 */
	WS_ADJUSTED = 1,  /* 已调整 */
	WS_LIFTED = 2,    /* 已解除 */
};
#define WARN_STATE_COUNT 3
const char *warn_state_code(enum warn_state s);
const char *warn_state_zh(enum warn_state s);
int warn_state_parse(const char *s, enum warn_state *out);
/* publish → adjust (any number of times) → lift; nothing after lift. */
bool warn_may_change(enum warn_state from, enum warn_state to);
/*
 * Warning colours are those of the levels I–IV: red, orange, yellow, blue.
 * The Chinese name of one (红色 ...), NULL when s is not such a colour.
 */
const char *warn_color_zh(const char *s);

#endif
