/*
 * carrier — classified carriers (涉密载体) and their lifecycle rules (pure C).
 *
 * A carrier is a document, computer, medium or device on the unit's ledger.
 * This module knows its types, numbering, security period, the states of
 * its lifecycle, which action is allowed from which state and for whom,
 * which actions need approval, and who may see it at all (need-to-know).
 * The store and the API ask these functions; they never decide themselves.
 */
#ifndef BAOMI_CARRIER_H
#define BAOMI_CARRIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "level.h"

enum carrier_type {
	CT_PAPER_DOC, /* 纸质文件资料 */
	CT_ELEC_DOC,  /* 电子文件 */
	CT_COMPUTER,  /* 涉密计算机 */
	CT_USB,       /* U盘 */
	CT_HDD,       /* 移动硬盘 */
	CT_DISC,      /* 光盘 */
	CT_CARD,      /* 存储卡 */
	CT_TAPE,      /* 磁带 */
	CT_PRINTER,   /* 打印机 */
	CT_COPIER,    /* 复印机 */
	CT_SCANNER,   /* 扫描仪 */
	CT_FAX,       /* 传真机 */
	CT_BURNER,    /* 刻录机 */
	CT_CRYPTO,    /* 密码设备 */
	CT_COUNT
};

/* Numbering categories: 单位代码-年份-类别-序号 */
enum carrier_category { CC_DOCUMENT, CC_COMPUTER, CC_MEDIUM, CC_DEVICE, CC_CRYPTO, CC_COUNT };

enum carrier_state {
	CS_IN_CUSTODY,   /* 在库 */
	CS_BORROWED,     /* 借阅中 */
	CS_CIRCULATING,  /* 传阅中 */
	CS_TAKEN_OUT,    /* 外携中 */
	CS_IN_REPAIR,    /* 维修中 */
	CS_RETURNED,     /* 已清退 */
	CS_DESTROYED,    /* 已销毁 */
	CS_DECLASSIFIED, /* 已解密 */
	CS_ARCHIVED,     /* 已归档 */
	CS_COMPROMISED,  /* 丢失/泄露: linked to a verified leak, until restored */
	CS_COUNT
};

enum carrier_action {
	CA_BORROW,        /* 借阅: to a cleared person in scope, with a due date */
	CA_RETURN,        /* 归还: borrowed or taken out back into custody, signed off */
	CA_CIRCULATE,     /* 传阅: an ordered list of readers */
	CA_SIGN,          /* 传阅签收: the next reader signs; the last sign ends circulation */
	CA_TAKE_OUT,      /* 外携: approval first, due back */
	CA_REPAIR,        /* 送修: supervised on site, or approved with sanitisation */
	CA_REPAIR_DONE,   /* 维修完毕 */
	CA_RETURN_ISSUER, /* 清退 */
	CA_DESTROY,       /* 销毁: approval, two witnesses, a certificate */
	CA_DECLASSIFY,    /* 解密 */
	CA_CHANGE_LEVEL,  /* 变更密级 */
	CA_EXTEND,        /* 延长保密期限, decided before expiry */
	CA_ARCHIVE,       /* 归档 */
	CA_COPY,    /* 复制/翻印/摘录: approval; new carriers inherit level, period, scope */
	CA_REVIEW,  /* 年度审查: the yearly review that the classification still holds */
	CA_RESTORE, /* 恢复: the officer decides a lost or leaked carrier is back, with a reason */
	CA_COUNT
};

enum carrier_err {
	CARRIER_OK = 0,
	CARRIER_BAD_STATE,          /* not allowed from the current state */
	CARRIER_NO_CLEARANCE,       /* the person's clearance is below the level */
	CARRIER_OUT_OF_SCOPE,       /* the person is outside the knowledge scope */
	CARRIER_NEEDS_APPROVAL,     /* the action needs an approved request first */
	CARRIER_NEEDS_WITNESSES,    /* destruction needs two witnesses */
	CARRIER_NEEDS_TWO_CARRIERS, /* 绝密 taken out needs two people */
	CARRIER_NEEDS_CONSENT,      /* 绝密 copy needs the classifier's consent */
	CARRIER_NEEDS_HANDLER,      /* 绝密 needs a named handler */
	CARRIER_DUE_MISSING,        /* a due date is required and must be in the future */
	CARRIER_PERIOD_TOO_LONG,    /* over 30/20/10 years without an override basis */
	CARRIER_PERIOD_CONFLICT,    /* more than one of years, release date, condition */
	CARRIER_EXPIRED,            /* extension after expiry */
	CARRIER_NOT_BORROWER,       /* returning what was not lent to that person */
	CARRIER_NOT_NEXT_READER,    /* signing out of circulation order */
	CARRIER_LEVEL_UNCHANGED,    /* a level change to the same level */
	CARRIER_NOT_CLASSIFIED,     /* declassifying what is not classified */
	CARRIER_SANITISE_MISSING,   /* off-site repair without sanitisation record */
	CARRIER_BAD_FIELD,          /* a field is missing or malformed */
	CARRIER_NO_REVIEW,          /* an unclassified carrier has no yearly review */
	CARRIER_COMPROMISED,        /* lost or leaked: only the officer's restore applies */
	CARRIER_REASON_MISSING,     /* a restore or a correction needs its reason */
	CARRIER_FUTURE_DATE,        /* 定密日期 after today */
	CARRIER_BY_ACTION,          /* level and period change only by their own actions */
	CARRIER_NOT_CORRECTABLE,    /* the field is not corrected after registration */
	CARRIER_NOTHING_CHANGED,    /* a correction that changes nothing */
	CARRIER_PERSON_MISSING,     /* a person named (witness, companion...) does not exist */
	CARRIER_PERSON_TWICE,       /* the same person named twice in one list */
	CARRIER_PERSON_IS_ACTOR,    /* the one acting named as their own witness or companion */
	CARRIER_PERSON_INACTIVE,    /* a person named is in 脱密期 or has left */
	CARRIER_NEEDS_SUPERVISOR,   /* classified on-site repair without its supervisor */
	CARRIER_OTHER_DEPARTMENT,   /* a department head deciding outside their department */
};

/* Security period: exactly one of years, release date or release condition. */
struct carrier_period {
	int years;             /* 0 = not given */
	int32_t release_day;   /* days since epoch, 0 = not given */
	const char *condition; /* NULL or "" = not given */
	bool override;         /* longer than the legal maximum, with a basis */
	const char *override_basis;
	bool defaulted; /* set by carrier_period_normalise */
};

/* Who asks, for need-to-know and for the rules of each action. */
struct carrier_viewer {
	int64_t person_id;     /* 0 when the account has no person */
	int64_t department_id; /* 0 when none */
	enum level clearance;  /* LEVEL_NONE when not cleared */
	bool officer;          /* 保密员 of the carrier's unit */
};

/* What need-to-know looks at on a carrier. */
struct carrier_access {
	enum level level;
	int64_t custodian_id;
	const int64_t *scope_people;
	size_t nscope_people;
	const int64_t *scope_depts;
	size_t nscope_depts;
};

/*
 * A person an action names besides its target (destruction witness, take-out
 * companion, repair supervisor), as the store found them.
 */
struct carrier_person {
	int64_t id;
	bool exists;
	bool active;          /* 在岗: neither in 脱密期 nor left */
	enum level clearance; /* their class's clearance, whatever their status */
};

/* The facts an action is judged on; fields unused by an action are ignored. */
struct carrier_act {
	enum carrier_action action;
	enum level level; /* the carrier's level */
	enum carrier_state state;
	int64_t handler_id; /* 绝密 named handler */
	int64_t holder_id;  /* who has it now (borrower, carrier out) */
	int64_t actor_id;   /* person performing the action */
	/* target person (borrower, next reader) with their standing */
	int64_t target_id;
	bool target_cleared;
	bool target_in_scope;
	/*
	 * circulation: every reader cleared and in scope; the next reader expected.
	 * For CA_CIRCULATE nreaders is the list's length; for CA_SIGN the readers
	 * still to sign, the signer included.
	 */
	int nreaders;
	bool readers_ok;
	int64_t next_reader_id;
	bool approved; /* an approved request exists */
	/* destruction: the witnesses (监销人), at least two distinct people besides the actor */
	const struct carrier_person *witnesses;
	size_t nwitnesses;
	/* take-out: who goes with the actor, who carries it (绝密: two people at least) */
	const struct carrier_person *companions;
	size_t ncompanions;
	struct carrier_person supervisor; /* repair on site; id 0 = none named */
	bool classifier_consent;
	int32_t due_day;      /* days since epoch, 0 = none */
	int32_t today;        /* days since epoch, Beijing */
	bool on_site;         /* repair supervised on site */
	bool sanitised;       /* media removed or wiped for off-site repair */
	enum level new_level; /* level change */
	int32_t expiry_day;   /* 0 = no fixed expiry */
	bool has_reason;      /* restore: the officer's reason */
	/* restore: the state before the verified leak, CS_COUNT when none is recorded */
	enum carrier_state prior_state;
};

const char *carrier_type_code(enum carrier_type t);
const char *carrier_type_zh(enum carrier_type t);
const char *carrier_type_en(enum carrier_type t);
int carrier_type_parse(const char *s, enum carrier_type *out);
enum carrier_category carrier_type_category(enum carrier_type t);
const char *carrier_category_code(enum carrier_category c); /* WJ, JSJ, JZ, SB, MM */

const char *carrier_state_code(enum carrier_state s);
const char *carrier_state_zh(enum carrier_state s);
const char *carrier_state_en(enum carrier_state s);
int carrier_state_parse(const char *s, enum carrier_state *out);
bool carrier_state_final(enum carrier_state s);

const char *carrier_action_code(enum carrier_action a);
const char *carrier_action_zh(enum carrier_action a);
const char *carrier_action_en(enum carrier_action a);
int carrier_action_parse(const char *s, enum carrier_action *out);

const char *carrier_err_zh(enum carrier_err e);
const char *carrier_err_en(enum carrier_err e);

/* 单位代码-年份-类别-序号, e.g. "SWJW-2026-WJ-000123"; returns snprintf's length. */
int carrier_number_format(char *out, size_t n, const char *unit_code, int year,
                          enum carrier_category c, int64_t seq);

/*
 * Checks a period against the level and fills in the default (the legal
 * maximum, marked defaulted) when none is given.  On error *field names
 * the JSON field.
 */
enum carrier_err carrier_period_normalise(enum level l, struct carrier_period *p,
                                          const char **field);
/* The day the period ends (issue day + years, or the release day); 0 if by condition. */
int32_t carrier_period_expiry(const struct carrier_period *p, int32_t issue_day);

/*
 * The day a classified carrier's yearly review falls due: a year after its
 * last review, or after its issue day when never reviewed (29 Feb → 28 Feb).
 * 0 when it has none: unclassified, or returned, destroyed, declassified,
 * archived, or lost or leaked (until restored).
 */
int32_t carrier_review_due(enum level l, enum carrier_state s, int32_t issued_on,
                           int32_t reviewed_on);

/* In the knowledge scope by name or department, or the custodian (clearance aside). */
bool carrier_in_scope(const struct carrier_access *c, const struct carrier_viewer *v);
/* Need-to-know: clearance ≥ level AND (in scope, custodian, or the unit's officer). */
bool carrier_may_see(const struct carrier_access *c, const struct carrier_viewer *v);

/* Whether an action may start from a state (whoever asks). */
bool carrier_state_allows(enum carrier_action a, enum carrier_state s);
/* Does this action at this level need an approved request (default rules)? */
bool carrier_needs_approval(enum carrier_action a, enum level l);
/*
 * Judges a list of people named in an action at a carrier's level: each
 * exists, is named once, is not actor_id (0: no such exclusion), is in post
 * and cleared for the level.  On refusal *at is the index of the first at
 * fault.
 */
enum carrier_err carrier_people_check(const struct carrier_person *p, size_t n, enum level l,
                                      int64_t actor_id, size_t *at);
/* Judges an action; on refusal *field names the JSON field at fault, if any. */
enum carrier_err carrier_check(const struct carrier_act *x, const char **field);
/*
 * A department head (部门负责人) decides a step for their own department
 * only: the carrier's department is its custodian's (保管人), or its
 * handler's when the custodian belongs to none; 0 when neither does.
 */
int64_t carrier_department(int64_t custodian_dept, int64_t handler_dept);
enum carrier_err carrier_dept_head_check(int64_t approver_dept, int64_t carrier_dept);
/* The state after an allowed action (CA_SIGN: stays circulating unless last). */
enum carrier_state carrier_next_state(const struct carrier_act *x);

/*
 * The state a carrier linked to a verified leak moves to: 丢失/泄露 from
 * any state in use; one already returned, destroyed, declassified,
 * archived or lost keeps its state (the link is recorded all the same).
 */
enum carrier_state carrier_leak_state(enum carrier_state s);

/* A 定密日期 (days since epoch) against today in Beijing: CARRIER_FUTURE_DATE when later. */
enum carrier_err carrier_issued_check(int32_t issued_on, int32_t today);

/*
 * Whether a registered carrier's field (its JSON name) may be corrected by
 * the officer: CARRIER_OK for the description and the knowledge scope;
 * CARRIER_BY_ACTION for the level and the period, which change only by
 * 变更密级 and 延长保密期限; CARRIER_NOT_CORRECTABLE for anything else.
 */
enum carrier_err carrier_correctable(const char *field);

#endif
