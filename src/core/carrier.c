#include "carrier.h"

#include <stdio.h>
#include <string.h>

#include "../util/bjtime.h"

struct name3 {
	const char *code, *zh, *en;
};

static const struct name3 type_names[CT_COUNT] = {
    [CT_PAPER_DOC] = {"paper_doc", "纸质文件资料", "Paper document"},
    [CT_ELEC_DOC] = {"electronic_doc", "电子文件", "Electronic document"},
    [CT_COMPUTER] = {"computer", "涉密计算机", "Classified computer"},
    [CT_USB] = {"usb", "U盘", "USB drive"},
    [CT_HDD] = {"hdd", "移动硬盘", "Portable hard disk"},
    [CT_DISC] = {"disc", "光盘", "Optical disc"},
    [CT_CARD] = {"card", "存储卡", "Memory card"},
    [CT_TAPE] = {"tape", "磁带", "Tape"},
    [CT_PRINTER] = {"printer", "打印机", "Printer"},
    [CT_COPIER] = {"copier", "复印机", "Copier"},
    [CT_SCANNER] = {"scanner", "扫描仪", "Scanner"},
    [CT_FAX] = {"fax", "传真机", "Fax machine"},
    [CT_BURNER] = {"burner", "刻录机", "Disc burner"},
    [CT_CRYPTO] = {"crypto", "密码设备", "Crypto device"},
};

static const struct name3 state_names[CS_COUNT] = {
    [CS_IN_CUSTODY] = {"in_custody", "在库", "In custody"},
    [CS_BORROWED] = {"borrowed", "借阅中", "Borrowed"},
    [CS_CIRCULATING] = {"circulating", "传阅中", "Circulating"},
    [CS_TAKEN_OUT] = {"taken_out", "外携中", "Taken out"},
    [CS_IN_REPAIR] = {"in_repair", "维修中", "In repair"},
    [CS_RETURNED] = {"returned", "已清退", "Returned to issuer"},
    [CS_DESTROYED] = {"destroyed", "已销毁", "Destroyed"},
    [CS_DECLASSIFIED] = {"declassified", "已解密", "Declassified"},
    [CS_ARCHIVED] = {"archived", "已归档", "Archived"},
    [CS_COMPROMISED] = {"lost_or_leaked", "丢失/泄露", "Lost or leaked"},
};

static const struct name3 action_names[CA_COUNT] = {
    [CA_BORROW] = {"borrow", "借阅", "Borrow"},
    [CA_RETURN] = {"return", "归还", "Return"},
    [CA_CIRCULATE] = {"circulate", "传阅", "Circulate"},
    [CA_SIGN] = {"sign", "传阅签收", "Sign circulation"},
    [CA_TAKE_OUT] = {"take_out", "外携", "Take out"},
    [CA_REPAIR] = {"repair", "送修", "Send to repair"},
    [CA_REPAIR_DONE] = {"repair_done", "维修完毕", "Repair done"},
    [CA_RETURN_ISSUER] = {"return_issuer", "清退", "Return to issuer"},
    [CA_DESTROY] = {"destroy", "销毁", "Destroy"},
    [CA_DECLASSIFY] = {"declassify", "解密", "Declassify"},
    [CA_CHANGE_LEVEL] = {"change_level", "变更密级", "Change level"},
    [CA_EXTEND] = {"extend", "延长保密期限", "Extend period"},
    [CA_ARCHIVE] = {"archive", "归档", "Archive"},
    [CA_COPY] = {"copy", "复制", "Copy"},
    [CA_REVIEW] = {"review", "年度审查", "Yearly review"},
    [CA_RESTORE] = {"restore", "恢复", "Restore"},
};

static int parse3(const struct name3 *t, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (t[i].code && (strcmp(s, t[i].code) == 0 || strcmp(s, t[i].zh) == 0))
			return i;
	return -1;
}

#define NAME_FN(prefix, table, count, enumt)                                                       \
	const char *prefix##_code(enum enumt v)                                                    \
	{                                                                                          \
		return (unsigned)v < count ? table[v].code : "";                                   \
	}                                                                                          \
	const char *prefix##_zh(enum enumt v)                                                      \
	{                                                                                          \
		return (unsigned)v < count ? table[v].zh : "";                                     \
	}                                                                                          \
	const char *prefix##_en(enum enumt v)                                                      \
	{                                                                                          \
		return (unsigned)v < count ? table[v].en : "";                                     \
	}

NAME_FN(carrier_type, type_names, CT_COUNT, carrier_type)
NAME_FN(carrier_state, state_names, CS_COUNT, carrier_state)
NAME_FN(carrier_action, action_names, CA_COUNT, carrier_action)

int carrier_type_parse(const char *s, enum carrier_type *out)
{
	int i = parse3(type_names, CT_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum carrier_type)i;
	return 0;
}

int carrier_state_parse(const char *s, enum carrier_state *out)
{
	int i = parse3(state_names, CS_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum carrier_state)i;
	return 0;
}

int carrier_action_parse(const char *s, enum carrier_action *out)
{
	int i = parse3(action_names, CA_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum carrier_action)i;
	return 0;
}

enum carrier_category carrier_type_category(enum carrier_type t)
{
	switch (t) {
	case CT_PAPER_DOC:
	case CT_ELEC_DOC:
		return CC_DOCUMENT;
	case CT_COMPUTER:
		return CC_COMPUTER;
	case CT_USB:
	case CT_HDD:
	case CT_DISC:
	case CT_CARD:
	case CT_TAPE:
		return CC_MEDIUM;
	case CT_CRYPTO:
		return CC_CRYPTO;
	default:
		return CC_DEVICE;
	}
}

const char *carrier_category_code(enum carrier_category c)
{
	static const char *const codes[CC_COUNT] = {"WJ", "JSJ", "JZ", "SB", "MM"};

	return (unsigned)c < CC_COUNT ? codes[c] : "QT";
}

bool carrier_state_final(enum carrier_state s)
{
	return s == CS_RETURNED || s == CS_DESTROYED || s == CS_DECLASSIFIED || s == CS_ARCHIVED;
}

int carrier_number_format(char *out, size_t n, const char *unit_code, int year,
                          enum carrier_category c, int64_t seq)
{
	return snprintf(out, n, "%s-%04d-%s-%06lld", unit_code, year, carrier_category_code(c),
	                (long long)seq);
}

static const char *const err_zh[] = {
    [CARRIER_OK] = "成功",
    [CARRIER_BAD_STATE] = "载体当前状态不允许此操作",
    [CARRIER_NO_CLEARANCE] = "该人员的涉密等级低于载体密级",
    [CARRIER_OUT_OF_SCOPE] = "该人员不在载体的知悉范围内",
    [CARRIER_NEEDS_APPROVAL] = "此操作须先经审批",
    [CARRIER_NEEDS_WITNESSES] = "销毁须有两名以上不同的监销人",
    [CARRIER_NEEDS_TWO_CARRIERS] = "绝密载体外携须两人以上同行",
    [CARRIER_NEEDS_CONSENT] = "复制绝密载体须经原定密机关、单位同意",
    [CARRIER_NEEDS_HANDLER] = "绝密载体须指定专人管理",
    [CARRIER_DUE_MISSING] = "须填写晚于今天的归还期限",
    [CARRIER_PERIOD_TOO_LONG] =
        "保密期限超过法定最长期限（绝密30年、机密20年、秘密10年），须记录依据",
    [CARRIER_PERIOD_CONFLICT] = "保密期限、解密时间和解密条件只能填写一项",
    [CARRIER_EXPIRED] = "保密期限已届满，不能再延长",
    [CARRIER_NOT_BORROWER] = "归还人不是该载体的借用人",
    [CARRIER_NOT_NEXT_READER] = "未按传阅顺序签收",
    [CARRIER_LEVEL_UNCHANGED] = "新密级与原密级相同",
    [CARRIER_NOT_CLASSIFIED] = "非涉密载体无需解密",
    [CARRIER_SANITISE_MISSING] = "外送维修须先拆除或清除涉密存储部件并记录",
    [CARRIER_BAD_FIELD] = "字段缺失或格式错误",
    [CARRIER_NO_REVIEW] = "非涉密载体无需年度审查",
    [CARRIER_COMPROMISED] = "载体处于丢失/泄露状态，须由保密员作出恢复决定后才能办理",
    [CARRIER_REASON_MISSING] = "须填写理由",
    [CARRIER_FUTURE_DATE] = "定密日期不能晚于今天",
    [CARRIER_BY_ACTION] = "密级和保密期限不能更正，只能通过“变更密级”或“延长保密期限”办理",
    [CARRIER_NOT_CORRECTABLE] = "该字段登记后不能更正",
    [CARRIER_NOTHING_CHANGED] = "更正内容与现有登记相同",
    [CARRIER_PERSON_MISSING] = "所列人员不存在",
    [CARRIER_PERSON_TWICE] = "同一人员不能重复列出",
    [CARRIER_PERSON_IS_ACTOR] = "执行人本人不能兼任监销人或同行人",
    [CARRIER_PERSON_INACTIVE] = "所列人员处于脱密期或已离岗",
    [CARRIER_NEEDS_SUPERVISOR] = "现场维修涉密载体须指定在岗且具备相应涉密等级的监督人员",
    [CARRIER_OTHER_DEPARTMENT] = "部门负责人只能审批本部门（载体保管人所在部门）载体的申请",
};

static const char *const err_en[] = {
    [CARRIER_OK] = "ok",
    [CARRIER_BAD_STATE] = "the carrier's current state does not allow this",
    [CARRIER_NO_CLEARANCE] = "the person's clearance is below the carrier's level",
    [CARRIER_OUT_OF_SCOPE] = "the person is outside the carrier's knowledge scope",
    [CARRIER_NEEDS_APPROVAL] = "this action needs an approved request first",
    [CARRIER_NEEDS_WITNESSES] = "destruction needs at least two distinct witnesses",
    [CARRIER_NEEDS_TWO_CARRIERS] = "a top-secret carrier is taken out by at least two people",
    [CARRIER_NEEDS_CONSENT] = "copying a top-secret carrier needs the classifier's consent",
    [CARRIER_NEEDS_HANDLER] = "a top-secret carrier needs a named handler",
    [CARRIER_DUE_MISSING] = "a due date after today is required",
    [CARRIER_PERIOD_TOO_LONG] =
        "security period longer than the legal maximum (30/20/10 years) needs a basis",
    [CARRIER_PERIOD_CONFLICT] = "give only one of period years, release date, release condition",
    [CARRIER_EXPIRED] = "the security period has expired; it can no longer be extended",
    [CARRIER_NOT_BORROWER] = "the person returning it is not the borrower",
    [CARRIER_NOT_NEXT_READER] = "not the next reader in the circulation order",
    [CARRIER_LEVEL_UNCHANGED] = "the new level equals the current one",
    [CARRIER_NOT_CLASSIFIED] = "an unclassified carrier needs no declassification",
    [CARRIER_SANITISE_MISSING] =
        "off-site repair needs the classified storage removed or wiped, recorded",
    [CARRIER_BAD_FIELD] = "a field is missing or malformed",
    [CARRIER_NO_REVIEW] = "an unclassified carrier has no yearly review",
    [CARRIER_COMPROMISED] =
        "the carrier is lost or leaked; only the officer's restore decision applies",
    [CARRIER_REASON_MISSING] = "a reason is required",
    [CARRIER_FUTURE_DATE] = "the classification date cannot be after today",
    [CARRIER_BY_ACTION] = "level and period change only by change_level or extend",
    [CARRIER_NOT_CORRECTABLE] = "this field cannot be corrected after registration",
    [CARRIER_NOTHING_CHANGED] = "the correction changes nothing",
    [CARRIER_PERSON_MISSING] = "a person listed does not exist",
    [CARRIER_PERSON_TWICE] = "the same person is listed twice",
    [CARRIER_PERSON_IS_ACTOR] =
        "the person performing the action cannot be their own witness or companion",
    [CARRIER_PERSON_INACTIVE] =
        "a person listed is in a declassification period (脱密期) or has left",
    [CARRIER_NEEDS_SUPERVISOR] =
        "on-site repair of a classified carrier names a supervising person, in post and cleared",
    [CARRIER_OTHER_DEPARTMENT] =
        "a department head approves only for their own department (the custodian's)",
};

const char *carrier_err_zh(enum carrier_err e)
{
	return (unsigned)e < sizeof(err_zh) / sizeof(err_zh[0]) ? err_zh[e] : "";
}

const char *carrier_err_en(enum carrier_err e)
{
	return (unsigned)e < sizeof(err_en) / sizeof(err_en[0]) ? err_en[e] : "";
}

enum carrier_err carrier_period_normalise(enum level l, struct carrier_period *p,
                                          const char **field)
{
	int given = (p->years > 0) + (p->release_day > 0) + (p->condition && *p->condition);
	int max = level_max_years(l);

	p->defaulted = false;
	if (p->years < 0) {
		*field = "period_years";
		return CARRIER_BAD_FIELD;
	}
	if (given > 1) {
		*field = "period_years";
		return CARRIER_PERIOD_CONFLICT;
	}
	if (!level_is_classified(l))
		return CARRIER_OK; /* 内部/公开: no security period */
	if (given == 0) {
		p->years = max;
		p->defaulted = true;
		return CARRIER_OK;
	}
	if (p->years > max && !(p->override && p->override_basis && *p->override_basis)) {
		*field = "period_years";
		return CARRIER_PERIOD_TOO_LONG;
	}
	return CARRIER_OK;
}

/* Adds whole years to a civil day, keeping month and day (29 Feb → 28 Feb). */
static int32_t add_years(int32_t day, int years)
{
	int y;
	unsigned m, d;

	bjtime_civil_from_days(day, &y, &m, &d);
	y += years;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		d = 28;
	return bjtime_days_from_civil(y, m, d);
}

int32_t carrier_period_expiry(const struct carrier_period *p, int32_t issue_day)
{
	if (p->release_day > 0)
		return p->release_day;
	if (p->years > 0)
		return add_years(issue_day, p->years);
	return 0;
}

int32_t carrier_review_due(enum level l, enum carrier_state s, int32_t issued_on,
                           int32_t reviewed_on)
{
	if (!level_is_classified(l) || carrier_state_final(s) || s == CS_COMPROMISED)
		return 0;
	return add_years(reviewed_on > 0 ? reviewed_on : issued_on, 1);
}

static bool id_in(int64_t id, const int64_t *ids, size_t n)
{
	for (size_t i = 0; id && i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

bool carrier_in_scope(const struct carrier_access *c, const struct carrier_viewer *v)
{
	if (v->person_id && v->person_id == c->custodian_id)
		return true;
	return id_in(v->person_id, c->scope_people, c->nscope_people) ||
	       id_in(v->department_id, c->scope_depts, c->nscope_depts);
}

bool carrier_may_see(const struct carrier_access *c, const struct carrier_viewer *v)
{
	if (!level_cleared_for(v->clearance, c->level))
		return false;
	if (v->officer || carrier_in_scope(c, v))
		return true;
	/* unclassified registered equipment with no scope is the unit's common knowledge */
	return !level_is_classified(c->level) && c->nscope_people == 0 && c->nscope_depts == 0;
}

bool carrier_needs_approval(enum carrier_action a, enum level l)
{
	switch (a) {
	case CA_TAKE_OUT:
	case CA_DESTROY:
	case CA_DECLASSIFY:
	case CA_CHANGE_LEVEL:
	case CA_EXTEND:
	case CA_COPY:
		return level_is_classified(l);
	case CA_REPAIR:
		return false; /* off-site repair is judged in carrier_check */
	case CA_BORROW:
		return l == LEVEL_TOP_SECRET;
	default:
		return false;
	}
}

/* Which states each action may start from. */
bool carrier_state_allows(enum carrier_action a, enum carrier_state s)
{
	switch (a) {
	case CA_BORROW:
	case CA_CIRCULATE:
	case CA_TAKE_OUT:
	case CA_REPAIR:
	case CA_RETURN_ISSUER:
	case CA_DESTROY:
	case CA_DECLASSIFY:
	case CA_CHANGE_LEVEL:
	case CA_ARCHIVE:
	case CA_COPY:
		return s == CS_IN_CUSTODY;
	case CA_RETURN:
		return s == CS_BORROWED || s == CS_TAKEN_OUT;
	case CA_SIGN:
		return s == CS_CIRCULATING;
	case CA_REPAIR_DONE:
		return s == CS_IN_REPAIR;
	case CA_EXTEND:
	case CA_REVIEW:
		return !carrier_state_final(s) && s != CS_COMPROMISED;
	case CA_RESTORE:
		return s == CS_COMPROMISED;
	case CA_COUNT:
		break;
	}
	return false;
}

enum carrier_err carrier_people_check(const struct carrier_person *p, size_t n, enum level l,
                                      int64_t actor_id, size_t *at)
{
	for (size_t i = 0; i < n; i++) {
		*at = i;
		if (!p[i].exists)
			return CARRIER_PERSON_MISSING;
		for (size_t k = 0; k < i; k++)
			if (p[k].id == p[i].id)
				return CARRIER_PERSON_TWICE;
		if (actor_id && p[i].id == actor_id)
			return CARRIER_PERSON_IS_ACTOR;
		if (!p[i].active)
			return CARRIER_PERSON_INACTIVE;
		if (!level_cleared_for(p[i].clearance, l))
			return CARRIER_NO_CLEARANCE;
	}
	return CARRIER_OK;
}

enum carrier_err carrier_check(const struct carrier_act *x, const char **field)
{
	enum carrier_err e;
	size_t at;
	bool top = x->level == LEVEL_TOP_SECRET;

	*field = NULL;
	if ((unsigned)x->action >= CA_COUNT)
		return CARRIER_BAD_FIELD;
	if (!carrier_state_allows(x->action, x->state))
		return x->state == CS_COMPROMISED ? CARRIER_COMPROMISED : CARRIER_BAD_STATE;
	if (top && x->handler_id == 0 && x->action != CA_DECLASSIFY &&
	    x->action != CA_CHANGE_LEVEL && x->action != CA_DESTROY && x->action != CA_REVIEW &&
	    x->action != CA_RESTORE)
		return CARRIER_NEEDS_HANDLER;
	switch (x->action) {
	case CA_BORROW:
		*field = "person_id";
		if (!x->target_id)
			return CARRIER_BAD_FIELD;
		if (!x->target_cleared)
			return CARRIER_NO_CLEARANCE;
		if (!x->target_in_scope)
			return CARRIER_OUT_OF_SCOPE;
		*field = "due_on";
		if (x->due_day <= x->today)
			return CARRIER_DUE_MISSING;
		break;
	case CA_RETURN:
		*field = "person_id";
		if (x->state == CS_BORROWED && x->actor_id != x->holder_id &&
		    x->target_id != x->holder_id)
			return CARRIER_NOT_BORROWER;
		break;
	case CA_CIRCULATE:
		*field = "readers";
		if (x->nreaders < 1)
			return CARRIER_BAD_FIELD;
		if (!x->readers_ok)
			return CARRIER_OUT_OF_SCOPE;
		break;
	case CA_SIGN:
		*field = "person_id";
		if (x->target_id != x->next_reader_id)
			return CARRIER_NOT_NEXT_READER;
		break;
	case CA_TAKE_OUT:
		*field = "due_on";
		if (x->due_day <= x->today)
			return CARRIER_DUE_MISSING;
		*field = "companions";
		e = carrier_people_check(x->companions, x->ncompanions, x->level, x->actor_id, &at);
		if (e)
			return e;
		/* the one taking it out carries it, with each companion */
		if (top && (x->actor_id != 0) + x->ncompanions < 2)
			return CARRIER_NEEDS_TWO_CARRIERS;
		break;
	case CA_REPAIR:
		/* on site, a cleared person in post watches the repair (may be the one acting) */
		*field = "supervisor_id";
		if (x->supervisor.id) {
			e = carrier_people_check(&x->supervisor, 1, x->level, 0, &at);
			if (e)
				return e;
		} else if (x->on_site && level_is_classified(x->level)) {
			return CARRIER_NEEDS_SUPERVISOR;
		}
		*field = "sanitised";
		if (!x->on_site && level_is_classified(x->level) && !x->sanitised)
			return CARRIER_SANITISE_MISSING;
		if (!x->on_site && level_is_classified(x->level) && !x->approved) {
			*field = NULL;
			return CARRIER_NEEDS_APPROVAL;
		}
		break;
	case CA_DESTROY:
		*field = "witnesses";
		if (x->nwitnesses < 2)
			return CARRIER_NEEDS_WITNESSES;
		e = carrier_people_check(x->witnesses, x->nwitnesses, x->level, x->actor_id, &at);
		if (e)
			return e;
		break;
	case CA_DECLASSIFY:
		if (!level_is_classified(x->level))
			return CARRIER_NOT_CLASSIFIED;
		break;
	case CA_CHANGE_LEVEL:
		*field = "new_level";
		if (x->new_level == x->level)
			return CARRIER_LEVEL_UNCHANGED;
		if (x->new_level == LEVEL_TOP_SECRET && x->handler_id == 0)
			return CARRIER_NEEDS_HANDLER;
		break;
	case CA_EXTEND:
		*field = "period_years";
		if (x->expiry_day && x->expiry_day < x->today)
			return CARRIER_EXPIRED;
		break;
	case CA_COPY:
		*field = "classifier_consent";
		if (top && !x->classifier_consent)
			return CARRIER_NEEDS_CONSENT;
		break;
	case CA_REVIEW:
		if (!level_is_classified(x->level))
			return CARRIER_NO_REVIEW;
		break;
	case CA_RESTORE:
		*field = "reason";
		if (!x->has_reason)
			return CARRIER_REASON_MISSING;
		break;
	default:
		break;
	}
	*field = NULL;
	if (carrier_needs_approval(x->action, x->level) && !x->approved)
		return CARRIER_NEEDS_APPROVAL;
	return CARRIER_OK;
}

int64_t carrier_department(int64_t custodian_dept, int64_t handler_dept)
{
	return custodian_dept ? custodian_dept : handler_dept;
}

enum carrier_err carrier_dept_head_check(int64_t approver_dept, int64_t carrier_dept)
{
	return carrier_dept && approver_dept == carrier_dept ? CARRIER_OK
	                                                     : CARRIER_OTHER_DEPARTMENT;
}

enum carrier_state carrier_next_state(const struct carrier_act *x)
{
	switch (x->action) {
	case CA_BORROW:
		return CS_BORROWED;
	case CA_RETURN:
	case CA_REPAIR_DONE:
		return CS_IN_CUSTODY;
	case CA_CIRCULATE:
		return CS_CIRCULATING;
	case CA_SIGN:
		return x->nreaders <= 1 ? CS_IN_CUSTODY : CS_CIRCULATING;
	case CA_TAKE_OUT:
		return CS_TAKEN_OUT;
	case CA_REPAIR:
		return CS_IN_REPAIR;
	case CA_RETURN_ISSUER:
		return CS_RETURNED;
	case CA_DESTROY:
		return CS_DESTROYED;
	case CA_DECLASSIFY:
		return CS_DECLASSIFIED;
	case CA_ARCHIVE:
		return CS_ARCHIVED;
	case CA_RESTORE:
		/* back to where it was; in custody when nothing was recorded */
		if ((unsigned)x->prior_state >= CS_COUNT || x->prior_state == CS_COMPROMISED ||
		    carrier_state_final(x->prior_state))
			return CS_IN_CUSTODY;
		return x->prior_state;
	default:
		return x->state; /* change_level, extend, copy, review keep the state */
	}
}

enum carrier_state carrier_leak_state(enum carrier_state s)
{
	return carrier_state_final(s) ? s : CS_COMPROMISED;
}

enum carrier_err carrier_issued_check(int32_t issued_on, int32_t today)
{
	return issued_on > today ? CARRIER_FUTURE_DATE : CARRIER_OK;
}

enum carrier_err carrier_correctable(const char *field)
{
	static const char *const described[] = {
	    "title",          "issued_on",    "classifier",
	    "classify_basis", "location",     "copy_no",
	    "origin",         "sender",       "doc_no",
	    "pages",          "serial",       "asset_tag",
	    "model",          "capacity",     "classified_use",
	    "notes",          "scope_people", "scope_departments"};
	static const char *const by_action[] = {"level", "period_years", "release_on",
	                                        "release_condition", "period_basis"};

	for (size_t i = 0; field && i < sizeof(described) / sizeof(described[0]); i++)
		if (!strcmp(field, described[i]))
			return CARRIER_OK;
	for (size_t i = 0; field && i < sizeof(by_action) / sizeof(by_action[0]); i++)
		if (!strcmp(field, by_action[i]))
			return CARRIER_BY_ACTION;
	return CARRIER_NOT_CORRECTABLE;
}
