#include "incident.h"

#include <stdio.h>
#include <string.h>

#include "role.h"
#include "../util/bjtime.h"

struct name2 {
	const char *code, *zh;
};

struct name3 {
	const char *code, *zh, *en;
};

static int parse2(const struct name2 *t, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (t[i].code && (strcmp(s, t[i].code) == 0 || strcmp(s, t[i].zh) == 0))
			return i;
	return -1;
}

static int parse3(const struct name3 *t, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (t[i].code && (strcmp(s, t[i].code) == 0 || strcmp(s, t[i].zh) == 0 ||
		                  strcmp(s, t[i].en) == 0))
			return i;
	return -1;
}

/* ---- kinds and categories ---- */

static const struct name2 kind_names[INC_KIND_COUNT] = {
    [IK_LEAK] = {"leak", "失泄密事件"},
    [IK_CYBER] = {"cyber", "网络与信息安全事件"},
};

static const struct name3 category_names[INC_CATEGORY_COUNT] = {
    [IC_MALWARE] = {"malware", "恶意程序事件", "Malware"},
    [IC_ATTACK] = {"attack", "网络攻击事件", "Network attack"},
    [IC_DATA] = {"data", "数据安全事件", "Data security"},
    [IC_CONTENT] = {"content", "信息内容安全事件", "Information content security"},
    [IC_FACILITY] = {"facility", "设备设施故障事件", "Equipment and facility failure"},
    [IC_VIOLATION] = {"violation", "违规操作事件", "Rule violation"},
    [IC_VULNERABILITY] = {"vulnerability", "安全隐患事件", "Security hazard"},
    [IC_ANOMALY] = {"anomaly", "异常行为事件", "Abnormal behaviour"},
    [IC_FORCE_MAJEURE] = {"force_majeure", "不可抗力事件", "Force majeure"},
    [IC_OTHER] = {"other", "其他事件", "Other"},
    [IC_LEAK] = {"leak", "失泄密事件", "Leak of secrets"},
};

/*
 * Subcategories after GB/T 20986-2023 (as far as the standard's list is
 * known here; the leak ones are ours).  Each category ends with "other".
 */
static const struct name2 sub_malware[] = {
    {"virus", "计算机病毒"},           {"worm", "网络蠕虫"},
    {"trojan", "特洛伊木马"},          {"botnet", "僵尸网络"},
    {"ransomware", "勒索软件"},        {"miner", "挖矿程序"},
    {"blended", "混合攻击程序"},       {"web_embedded", "网页内嵌恶意代码"},
    {"host_site", "恶意代码宿主站点"}, {"other", "其他"},
};
static const struct name2 sub_attack[] = {
    {"scan", "网络扫描探测"},
    {"phishing", "网络钓鱼"},
    {"exploit", "漏洞利用"},
    {"backdoor", "后门利用"},
    {"backdoor_implant", "后门植入"},
    {"credential", "凭据攻击"},
    {"dos", "拒绝服务"},
    {"defacement", "网页篡改"},
    {"dark_link", "暗链植入"},
    {"dns_hijack", "域名劫持"},
    {"dns_poison", "DNS污染"},
    {"traffic_hijack", "流量劫持"},
    {"bgp_hijack", "BGP劫持"},
    {"supply_chain", "供应链攻击"},
    {"apt", "APT攻击"},
    {"unauthorised", "非授权访问"},
    {"other", "其他"},
};
static const struct name2 sub_data[] = {
    {"tamper", "数据篡改"},   {"forge", "数据假冒"},
    {"leak", "数据泄露"},     {"social_engineering", "社会工程"},
    {"theft", "数据窃取"},    {"intercept", "数据拦截"},
    {"location", "位置检测"}, {"poisoning", "数据投毒"},
    {"abuse", "数据滥用"},    {"privacy", "隐私侵犯"},
    {"loss", "数据丢失"},     {"other", "其他"},
};
static const struct name2 sub_content[] = {
    {"illegal", "违法有害信息传播"},
    {"opinion", "网上敏感舆情炒作"},
    {"incitement", "组织串连、煽动集会游行"},
    {"other", "其他"},
};
static const struct name2 sub_facility[] = {
    {"fault", "软硬件技术故障"}, {"support", "配套设施故障"}, {"physical", "物理损害"},
    {"service", "辅助服务故障"}, {"other", "其他"},
};
static const struct name2 sub_violation[] = {
    {"privilege_abuse", "权限滥用"}, {"outbound", "违规外联"}, {"media", "违规使用移动存储介质"},
    {"misconfig", "违规配置"},       {"mistake", "误操作"},    {"other", "其他"},
};
static const struct name2 sub_vulnerability[] = {
    {"vuln", "安全漏洞"},        {"config_flaw", "配置缺陷"},
    {"weak_password", "弱口令"}, {"unpatched", "未及时更新补丁"},
    {"other", "其他"},
};
static const struct name2 sub_anomaly[] = {
    {"access", "访问异常"},    {"traffic", "流量异常"}, {"account", "账号异常"},
    {"operation", "操作异常"}, {"other", "其他"},
};
static const struct name2 sub_force_majeure[] = {
    {"natural", "自然灾害"},    {"accident", "事故灾难"}, {"health", "公共卫生事件"},
    {"social", "社会安全事件"}, {"other", "其他"},
};
static const struct name2 sub_other[] = {
    {"other", "其他"},
};
static const struct name2 sub_leak[] = {
    {"carrier_lost", "涉密载体丢失"}, {"carrier_stolen", "涉密载体被盗"}, {"network", "网络泄密"},
    {"storage", "违规存储传递"},      {"publication", "公开发布泄密"},    {"other", "其他"},
};

#define SUBS(a) a, (int)(sizeof(a) / sizeof(a[0]))
static const struct {
	const struct name2 *t;
	int n;
} subcategories[INC_CATEGORY_COUNT] = {
    [IC_MALWARE] = {SUBS(sub_malware)},
    [IC_ATTACK] = {SUBS(sub_attack)},
    [IC_DATA] = {SUBS(sub_data)},
    [IC_CONTENT] = {SUBS(sub_content)},
    [IC_FACILITY] = {SUBS(sub_facility)},
    [IC_VIOLATION] = {SUBS(sub_violation)},
    [IC_VULNERABILITY] = {SUBS(sub_vulnerability)},
    [IC_ANOMALY] = {SUBS(sub_anomaly)},
    [IC_FORCE_MAJEURE] = {SUBS(sub_force_majeure)},
    [IC_OTHER] = {SUBS(sub_other)},
    [IC_LEAK] = {SUBS(sub_leak)},
};

const char *inc_kind_code(enum inc_kind k)
{
	return (unsigned)k < INC_KIND_COUNT ? kind_names[k].code : "";
}

const char *inc_kind_zh(enum inc_kind k)
{
	return (unsigned)k < INC_KIND_COUNT ? kind_names[k].zh : "";
}

int inc_kind_parse(const char *s, enum inc_kind *out)
{
	int i = parse2(kind_names, INC_KIND_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum inc_kind)i;
	return 0;
}

const char *inc_category_code(enum inc_category c)
{
	return (unsigned)c < INC_CATEGORY_COUNT ? category_names[c].code : "";
}

const char *inc_category_zh(enum inc_category c)
{
	return (unsigned)c < INC_CATEGORY_COUNT ? category_names[c].zh : "";
}

const char *inc_category_en(enum inc_category c)
{
	return (unsigned)c < INC_CATEGORY_COUNT ? category_names[c].en : "";
}

/* Code, Chinese or English name; the Chinese name also without its 事件. */
int inc_category_parse(const char *s, enum inc_category *out)
{
	static const char suffix[] = "事件";
	int i = parse3(category_names, INC_CATEGORY_COUNT, s);

	for (int j = 0; i < 0 && s && j < INC_CATEGORY_COUNT; j++) {
		size_t n = strlen(s), zn = strlen(category_names[j].zh);

		if (n > 0 && n + sizeof(suffix) - 1 == zn &&
		    memcmp(s, category_names[j].zh, n) == 0 &&
		    strcmp(category_names[j].zh + n, suffix) == 0)
			i = j;
	}
	if (i < 0)
		return -1;
	*out = (enum inc_category)i;
	return 0;
}

enum inc_kind inc_category_kind(enum inc_category c)
{
	return c == IC_LEAK ? IK_LEAK : IK_CYBER;
}

int inc_subcategory_count(enum inc_category c)
{
	return (unsigned)c < INC_CATEGORY_COUNT ? subcategories[c].n : 0;
}

const char *inc_subcategory_code(enum inc_category c, int i)
{
	if (i < 0 || i >= inc_subcategory_count(c))
		return "";
	return subcategories[c].t[i].code;
}

const char *inc_subcategory_zh(enum inc_category c, int i)
{
	if (i < 0 || i >= inc_subcategory_count(c))
		return "";
	return subcategories[c].t[i].zh;
}

int inc_subcategory_parse(enum inc_category c, const char *s)
{
	if ((unsigned)c >= INC_CATEGORY_COUNT)
		return -1;
	return parse2(subcategories[c].t, subcategories[c].n, s);
}

enum inc_err inc_category_check(enum inc_kind k, enum inc_category c, int sub, const char **field)
{
	if (field)
		*field = NULL;
	if ((unsigned)k >= INC_KIND_COUNT || (unsigned)c >= INC_CATEGORY_COUNT ||
	    inc_category_kind(c) != k) {
		if (field)
			*field = "category";
		return INC_BAD_CATEGORY;
	}
	if (sub < -1 || sub >= inc_subcategory_count(c)) {
		if (field)
			*field = "subcategory";
		return INC_BAD_CATEGORY;
	}
	return INC_OK;
}

/* ---- levels ---- */

struct level_name {
	const char *code, *zh, *color, *color_zh;
};

static const struct level_name level_names[INC_LEVEL_COUNT] = {
    [IL_NONE] = {"", "未定级", "", ""},         [IL_I] = {"I", "特别重大", "red", "红色"},
    [IL_II] = {"II", "重大", "orange", "橙色"}, [IL_III] = {"III", "较大", "yellow", "黄色"},
    [IL_IV] = {"IV", "一般", "blue", "蓝色"},
};

const char *inc_level_code(enum inc_level l)
{
	return (unsigned)l < INC_LEVEL_COUNT ? level_names[l].code : "";
}

const char *inc_level_zh(enum inc_level l)
{
	return (unsigned)l < INC_LEVEL_COUNT ? level_names[l].zh : "";
}

const char *inc_level_color(enum inc_level l)
{
	return (unsigned)l < INC_LEVEL_COUNT ? level_names[l].color : "";
}

const char *inc_level_color_zh(enum inc_level l)
{
	return (unsigned)l < INC_LEVEL_COUNT ? level_names[l].color_zh : "";
}

/* The spellings of the levels in plans and forms: codes, digits, Ⅰ–Ⅳ, 一级, names, colours. */
int inc_level_parse(const char *s, enum inc_level *out)
{
	static const struct {
		const char *s;
		enum inc_level l;
	} alias[] = {
	    {"1", IL_I},   {"Ⅰ", IL_I},   {"I级", IL_I},     {"Ⅰ级", IL_I},   {"一级", IL_I},
	    {"2", IL_II},  {"Ⅱ", IL_II},  {"II级", IL_II},   {"Ⅱ级", IL_II},  {"二级", IL_II},
	    {"3", IL_III}, {"Ⅲ", IL_III}, {"III级", IL_III}, {"Ⅲ级", IL_III}, {"三级", IL_III},
	    {"4", IL_IV},  {"Ⅳ", IL_IV},  {"IV级", IL_IV},   {"Ⅳ级", IL_IV},  {"四级", IL_IV},
	};

	if (!s)
		return -1;
	for (int i = IL_I; i < INC_LEVEL_COUNT; i++) {
		const struct level_name *n = &level_names[i];

		if (strcmp(s, n->code) == 0 || strcmp(s, n->zh) == 0 || strcmp(s, n->color) == 0 ||
		    strcmp(s, n->color_zh) == 0) {
			*out = (enum inc_level)i;
			return 0;
		}
	}
	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++) {
		if (strcmp(s, alias[i].s) == 0) {
			*out = alias[i].l;
			return 0;
		}
	}
	return -1;
}

/* ---- states, actions, impacts ---- */

static const struct name3 state_names[INC_STATE_COUNT] = {
    [IS_REPORTED] = {"reported", "已报告", "Reported"},
    [IS_VERIFIED] = {"verified", "已核实", "Verified"},
    [IS_GRADED] = {"graded", "已定级", "Graded"},
    [IS_ACTIVATED] = {"activated", "已启动预案", "Plan activated"},
    [IS_HANDLING] = {"handling", "处置中", "Handling"},
    [IS_HANDLED] = {"handled", "处置完毕", "Handled"},
    [IS_SUMMARISED] = {"summarised", "已报送处理结果", "Result reported"},
    [IS_CLOSED] = {"closed", "已批准结案", "Closed"},
    [IS_EVALUATED] = {"evaluated", "已评估", "Evaluated"},
    [IS_DISMISSED] = {"dismissed", "核实不属实", "Dismissed"},
};

static const struct name2 action_names[INC_ACTION_COUNT] = {
    [IA_SUPPLEMENT] = {"supplement", "续报"},
    [IA_VERIFY] = {"verify", "核实"},
    [IA_DISMISS] = {"dismiss", "核实不属实"},
    [IA_GRADE] = {"grade", "定级"},
    [IA_ACTIVATE] = {"activate", "启动预案"},
    [IA_HANDLE] = {"handle", "开始处置"},
    [IA_END_HANDLING] = {"end_handling", "处置完毕"},
    [IA_SUMMARISE] = {"summarise", "报送处理结果"},
    [IA_CLOSE] = {"close", "批准结案"},
    [IA_EVALUATE] = {"evaluate", "总结评估"},
    [IA_INVESTIGATED] = {"approve_investigation", "批准调查结果"},
};

static const struct name2 impact_names[INC_IMPACT_COUNT] = {
    [IMPACT_NONE] = {"none", "无"},
    [IMPACT_MINOR] = {"minor", "一般"},
    [IMPACT_LARGE] = {"large", "较大"},
    [IMPACT_SERIOUS] = {"serious", "严重"},
    [IMPACT_EXTREME] = {"extreme", "特别严重"},
};

const char *inc_state_code(enum inc_state s)
{
	return (unsigned)s < INC_STATE_COUNT ? state_names[s].code : "";
}

const char *inc_state_zh(enum inc_state s)
{
	return (unsigned)s < INC_STATE_COUNT ? state_names[s].zh : "";
}

const char *inc_state_en(enum inc_state s)
{
	return (unsigned)s < INC_STATE_COUNT ? state_names[s].en : "";
}

int inc_state_parse(const char *s, enum inc_state *out)
{
	int i = parse3(state_names, INC_STATE_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum inc_state)i;
	return 0;
}

bool inc_state_final(enum inc_state s)
{
	return s == IS_CLOSED || s == IS_EVALUATED || s == IS_DISMISSED;
}

const char *inc_action_code(enum inc_action a)
{
	return (unsigned)a < INC_ACTION_COUNT ? action_names[a].code : "";
}

const char *inc_action_zh(enum inc_action a)
{
	return (unsigned)a < INC_ACTION_COUNT ? action_names[a].zh : "";
}

int inc_action_parse(const char *s, enum inc_action *out)
{
	int i = parse2(action_names, INC_ACTION_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum inc_action)i;
	return 0;
}

const char *inc_impact_code(enum inc_impact i)
{
	return (unsigned)i < INC_IMPACT_COUNT ? impact_names[i].code : "";
}

const char *inc_impact_zh(enum inc_impact i)
{
	return (unsigned)i < INC_IMPACT_COUNT ? impact_names[i].zh : "";
}

int inc_impact_parse(const char *s, enum inc_impact *out)
{
	int i = parse2(impact_names, INC_IMPACT_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum inc_impact)i;
	return 0;
}

static const char *const err_zh[] = {
    [INC_OK] = "成功",
    [INC_BAD_STATE] = "事件当前状态不允许此操作",
    [INC_NOT_PERMITTED] = "当前角色无权执行此操作",
    [INC_NOT_GRADED] = "须先确定事件级别",
    [INC_NO_PLAN] = "启动响应须选择应急预案",
    [INC_PLAN_NOT_IN_FORCE] = "该预案未生效（草稿或已废止）",
    [INC_PLAN_KIND] = "该预案不适用于此类事件",
    [INC_TASKS_OPEN] = "仍有未完成的处置任务，不能结束处置",
    [INC_SELF_APPROVAL] = "报送处理结果的人不能批准结案",
    [INC_BAD_LEVEL] = "事件级别须为 I 至 IV 级",
    [INC_BAD_CATEGORY] = "事件类别与事件种类不符，或子类不属于该类别",
    [INC_MISSING_FIELD] = "缺少此步骤的必填项",
    [INC_DUTIES_OPEN] = "仍有向上级的报告未报送：须说明理由（reason）",
    [INC_LEAK_ONLY] = "此步骤仅适用于失泄密事件",
};

static const char *const err_en[] = {
    [INC_OK] = "ok",
    [INC_BAD_STATE] = "not allowed in the incident's current state",
    [INC_NOT_PERMITTED] = "your roles do not allow this action",
    [INC_NOT_GRADED] = "the incident needs a confirmed level first",
    [INC_NO_PLAN] = "activation needs an emergency plan",
    [INC_PLAN_NOT_IN_FORCE] = "the plan is not in force (draft or retired)",
    [INC_PLAN_KIND] = "the plan does not cover this kind of incident",
    [INC_TASKS_OPEN] = "handling cannot end while tasks are open",
    [INC_SELF_APPROVAL] = "whoever filed the result report cannot approve closing",
    [INC_BAD_LEVEL] = "the level must be I to IV",
    [INC_BAD_CATEGORY] = "category not of this kind, or subcategory not of this category",
    [INC_MISSING_FIELD] = "a field this step needs is missing",
    [INC_DUTIES_OPEN] = "a report to a superior is still unmet: give a reason",
    [INC_LEAK_ONLY] = "this step is for leak incidents only",
};

const char *inc_err_zh(enum inc_err e)
{
	return (unsigned)e < sizeof(err_zh) / sizeof(err_zh[0]) ? err_zh[e] : "未知错误";
}

const char *inc_err_en(enum inc_err e)
{
	return (unsigned)e < sizeof(err_en) / sizeof(err_en[0]) ? err_en[e] : "unknown error";
}

/* ---- grading ---- */

const struct inc_loss_rule inc_loss_default = {
    .level_i = 100000000, /* 1亿 */
    .level_ii = 10000000, /* 1000万 */
    .level_iii = 1000000, /* 100万 */
};

static enum inc_level grade_info(enum level l)
{
	switch (l) {
	case LEVEL_TOP_SECRET:
		return IL_I;
	case LEVEL_SECRET:
		return IL_II;
	case LEVEL_CONFIDENTIAL:
		return IL_III;
	case LEVEL_INTERNAL:
		return IL_IV;
	default:
		return IL_NONE;
	}
}

static enum inc_level grade_impact(enum inc_impact i)
{
	switch (i) {
	case IMPACT_EXTREME:
		return IL_I;
	case IMPACT_SERIOUS:
		return IL_II;
	case IMPACT_LARGE:
		return IL_III;
	case IMPACT_MINOR:
		return IL_IV;
	default:
		return IL_NONE;
	}
}

/* A threshold of zero or less is not set; a loss at a threshold reaches its level (以上). */
static enum inc_level grade_loss(int64_t loss, const struct inc_loss_rule *r)
{
	if (loss <= 0)
		return IL_NONE;
	if (r->level_i > 0 && loss >= r->level_i)
		return IL_I;
	if (r->level_ii > 0 && loss >= r->level_ii)
		return IL_II;
	if (r->level_iii > 0 && loss >= r->level_iii)
		return IL_III;
	return IL_IV;
}

enum inc_level inc_grade(const struct inc_factors *f, const struct inc_loss_rule *r,
                         unsigned *decided)
{
	enum inc_level by[4];
	enum inc_level best = IL_NONE;
	unsigned bits = 0;

	if (!r)
		r = &inc_loss_default;
	by[IF_INFO] = grade_info(f->info_level);
	by[IF_PUBLIC] = grade_impact(f->public_impact);
	by[IF_BUSINESS] = grade_impact(f->business_impact);
	by[IF_LOSS] = grade_loss(f->loss_yuan, r);
	for (int i = 0; i < 4; i++)
		if (by[i] != IL_NONE && (best == IL_NONE || by[i] < best))
			best = by[i];
	for (int i = 0; best != IL_NONE && i < 4; i++)
		if (by[i] == best)
			bits |= 1u << i;
	if (decided)
		*decided = bits;
	return best;
}

enum inc_level inc_grade_for(const struct inc_factors *f, enum inc_kind k,
                             const struct inc_plan_terms *plan, unsigned *decided, bool *used_plan)
{
	struct inc_loss_rule r = inc_loss_default;
	bool use = plan && plan_in_force(plan->status) && plan_kind_covers(plan->kind, k);

	if (use) {
		if (plan->loss.level_i > 0)
			r.level_i = plan->loss.level_i;
		if (plan->loss.level_ii > 0)
			r.level_ii = plan->loss.level_ii;
		if (plan->loss.level_iii > 0)
			r.level_iii = plan->loss.level_iii;
	}
	if (used_plan)
		*used_plan = use;
	return inc_grade(f, &r, decided);
}

/* ---- workflow ---- */

static uint32_t action_roles(enum inc_action a)
{
	switch (a) {
	case IA_SUPPLEMENT:
		return ROLE_OFFICER | ROLE_DUTY | ROLE_COMMAND | ROLE_LEADER;
	case IA_VERIFY:
	case IA_DISMISS:
		return ROLE_OFFICER | ROLE_DUTY | ROLE_COMMAND;
	case IA_GRADE:
	case IA_ACTIVATE:
	case IA_END_HANDLING:
	case IA_CLOSE:
	case IA_EVALUATE:
	case IA_INVESTIGATED:
		return ROLE_COMMAND | ROLE_LEADER;
	case IA_HANDLE:
		return ROLE_COMMAND | ROLE_OFFICER | ROLE_DUTY;
	case IA_SUMMARISE:
		return ROLE_OFFICER | ROLE_COMMAND;
	default:
		return 0;
	}
}

static enum inc_err refuse(enum inc_err e, const char *name, const char **field)
{
	if (field)
		*field = name;
	return e;
}

static enum inc_err check_level(enum inc_level l, const char **field)
{
	if (l == IL_NONE)
		return refuse(INC_MISSING_FIELD, "level", field);
	if (l < IL_I || l > IL_IV)
		return refuse(INC_BAD_LEVEL, "level", field);
	return INC_OK;
}

/* Closing or evaluating with a report to a superior unmet needs the command's reason. */
static enum inc_err duties_open(const struct inc_act *x, const char **field)
{
	if (x->open_superior_duties > 0 && !x->has_reason)
		return refuse(INC_DUTIES_OPEN, "reason", field);
	return INC_OK;
}

enum inc_err inc_check(const struct inc_act *x, const struct inc_actor *who, const char **field)
{
	uint32_t roles = who ? who->roles : 0;
	bool may = (roles & action_roles(x->action)) != 0;

	if (field)
		*field = NULL;
	if (x->action == IA_SUPPLEMENT && who && who->reporter)
		may = true;
	if (!may)
		return INC_NOT_PERMITTED;
	if ((unsigned)x->state >= INC_STATE_COUNT)
		return INC_BAD_STATE;
	/* closed is final for everything but the evaluation that follows it */
	if (inc_state_final(x->state) && !(x->action == IA_EVALUATE && x->state == IS_CLOSED))
		return INC_BAD_STATE;
	switch (x->action) {
	case IA_SUPPLEMENT:
		return INC_OK;
	case IA_VERIFY:
		return x->state == IS_REPORTED ? INC_OK : INC_BAD_STATE;
	case IA_DISMISS:
		if (x->state != IS_REPORTED)
			return INC_BAD_STATE;
		if (!x->has_reason)
			return refuse(INC_MISSING_FIELD, "reason", field);
		return INC_OK;
	case IA_GRADE:
		if (x->state != IS_VERIFIED && x->state != IS_GRADED && x->state != IS_ACTIVATED &&
		    x->state != IS_HANDLING && x->state != IS_HANDLED)
			return INC_BAD_STATE;
		return check_level(x->level, field);
	case IA_ACTIVATE:
		if (x->state != IS_GRADED)
			return INC_BAD_STATE;
		if (x->confirmed < IL_I || x->confirmed > IL_IV)
			return refuse(INC_NOT_GRADED, "level", field);
		if (!x->has_plan)
			return refuse(INC_NO_PLAN, "plan_id", field);
		if (!x->plan_in_force)
			return refuse(INC_PLAN_NOT_IN_FORCE, "plan_id", field);
		if (!x->plan_covers_kind)
			return refuse(INC_PLAN_KIND, "plan_id", field);
		return check_level(x->level, field);
	case IA_HANDLE:
		return x->state == IS_ACTIVATED ? INC_OK : INC_BAD_STATE;
	case IA_END_HANDLING:
		if (x->state != IS_HANDLING)
			return INC_BAD_STATE;
		return x->open_tasks > 0 ? INC_TASKS_OPEN : INC_OK;
	case IA_SUMMARISE:
		if (x->state != IS_HANDLED)
			return INC_BAD_STATE;
		if (!x->summary_complete)
			return refuse(INC_MISSING_FIELD, "summary", field);
		return INC_OK;
	case IA_CLOSE:
		if (x->state != IS_SUMMARISED)
			return INC_BAD_STATE;
		if (who->account_id == x->summarised_by)
			return INC_SELF_APPROVAL;
		return duties_open(x, field);
	case IA_EVALUATE:
		if (x->state != IS_CLOSED)
			return INC_BAD_STATE;
		return duties_open(x, field);
	case IA_INVESTIGATED:
		if (x->kind != IK_LEAK)
			return INC_LEAK_ONLY;
		if (x->state == IS_REPORTED || x->investigated)
			return INC_BAD_STATE;
		if (!x->has_result)
			return refuse(INC_MISSING_FIELD, "investigation", field);
		return INC_OK;
	default:
		return INC_BAD_STATE;
	}
}

enum inc_state inc_next_state(const struct inc_act *x)
{
	switch (x->action) {
	case IA_VERIFY:
		return IS_VERIFIED;
	case IA_DISMISS:
		return IS_DISMISSED;
	case IA_GRADE:
		return x->state == IS_VERIFIED ? IS_GRADED : x->state;
	case IA_ACTIVATE:
		return IS_ACTIVATED;
	case IA_HANDLE:
		return IS_HANDLING;
	case IA_END_HANDLING:
		return IS_HANDLED;
	case IA_SUMMARISE:
		return IS_SUMMARISED;
	case IA_CLOSE:
		return IS_CLOSED;
	case IA_EVALUATE:
		return IS_EVALUATED;
	case IA_SUPPLEMENT:
	default:
		return x->state;
	}
}

int inc_filing_format(char *out, size_t n, int32_t day, int64_t nth_of_day, int64_t total)
{
	int y;
	unsigned m, d;

	bjtime_civil_from_days(day, &y, &m, &d);
	return snprintf(out, n, "%d年%u月%u日第%lld号总第%lld号", y, m, d, (long long)nth_of_day,
	                (long long)total);
}

/* ---- statutory reporting duties ---- */

static const char *const operator_codes[INC_OPERATOR_COUNT] = {
    [IO_OTHER] = "other", [IO_CII] = "cii", [IO_CENTRAL] = "central"};

const char *inc_operator_code(enum inc_operator o)
{
	return (unsigned)o < INC_OPERATOR_COUNT ? operator_codes[o] : "";
}

int inc_operator_parse(const char *s, enum inc_operator *out)
{
	for (int i = 0; s && i < INC_OPERATOR_COUNT; i++)
		if (!strcmp(s, operator_codes[i])) {
			*out = (enum inc_operator)i;
			return 0;
		}
	return -1;
}

#define LAW_SECRECY "《中华人民共和国保守国家秘密法实施条例》第六十一条"
#define LAW_CAC "《网络安全事件报告管理办法》（国家互联网信息办公室，2025）"

static const struct inc_duty leak_duties[] = {
    {"law/leak-24h",
     "secrecy_admin",
     "同级保密行政管理部门和上级主管部门",
     "书面报告（密级、内容、知悉范围、泄露时间渠道范围、责任人、补救措施）",
     LAW_SECRECY "：发现泄密后24小时内书面报告",
     {24, DL_HOURS},
     DL_FROM_DISCOVERED},
    {"law/leak-investigation-24h",
     "secrecy_admin",
     "同级保密行政管理部门和机要部门",
     "调查结果报告（泄密内容、密级、范围、原因、情节、责任者、补救措施）",
     LAW_SECRECY "；调查结果经批准后24小时内报送（seed 000 篇三 六（五））",
     {24, DL_HOURS},
     DL_FROM_INVESTIGATED},
};

/* The first report's recipient and limit by operator (CAC 2025: 1 h / 2 h / 4 h). */
static const struct {
	const char *to;
	int hours;
} cac_first[INC_OPERATOR_COUNT] = {
    [IO_OTHER] = {"属地网信部门", 4},
    [IO_CII] = {"保护工作部门和属地网信部门", 1},
    [IO_CENTRAL] = {"本部门网络安全工作机构和属地网信部门", 2},
};

int inc_statutory_duties(enum inc_kind k, enum inc_level lvl, enum inc_operator op,
                         struct inc_duty *out, int max)
{
	int n = 0;

	if ((unsigned)op >= INC_OPERATOR_COUNT)
		op = IO_OTHER;
	if (k == IK_LEAK) {
		for (size_t i = 0; i < sizeof(leak_duties) / sizeof(leak_duties[0]) && n < max; i++)
			out[n++] = leak_duties[i];
		return n;
	}
	/* 较大 (III) and above */
	if (k != IK_CYBER || lvl < IL_I || lvl > IL_III)
		return 0;
	if (n < max)
		out[n++] = (struct inc_duty){"law/cac-report",
		                             "cac",
		                             cac_first[op].to,
		                             "较大及以上网络安全事件报告",
		                             LAW_CAC "：较大及以上事件发现后按时限报告",
		                             {cac_first[op].hours, DL_HOURS},
		                             DL_FROM_DISCOVERED};
	if (n < max)
		out[n++] = (struct inc_duty){"law/cac-30d",
		                             "cac",
		                             cac_first[op].to,
		                             "事件总结报告（原因、处置、损失、整改）",
		                             LAW_CAC "：处置结束后30日内报送总结报告",
		                             {30, DL_DAYS},
		                             DL_FROM_HANDLED};
	return n;
}

bool inc_duty_same_report(const struct inc_duty *law, const char *plan_recipient,
                          const char *plan_to, enum dl_anchor plan_anchor)
{
	if (plan_anchor != law->anchor)
		return false;
	if (plan_recipient && *plan_recipient)
		return !strcmp(plan_recipient, law->recipient);
	return plan_to && !strcmp(plan_to, law->to);
}

/* ---- plans ---- */

static const struct name2 plan_kind_names[PLAN_KIND_COUNT] = {
    [PK_LEAK] = {"leak", "保密专项"},
    [PK_CYBER] = {"cyber", "网络与信息安全"},
    [PK_OTHER] = {"other", "其他"},
};

static const struct name2 plan_status_names[PLAN_STATUS_COUNT] = {
    [PST_DRAFT] = {"draft", "草稿"},
    [PST_APPROVED] = {"approved", "已批准"},
    [PST_FILED] = {"filed", "已备案"},
    [PST_RETIRED] = {"retired", "已废止"},
};

const char *plan_kind_code(enum plan_kind k)
{
	return (unsigned)k < PLAN_KIND_COUNT ? plan_kind_names[k].code : "";
}

const char *plan_kind_zh(enum plan_kind k)
{
	return (unsigned)k < PLAN_KIND_COUNT ? plan_kind_names[k].zh : "";
}

int plan_kind_parse(const char *s, enum plan_kind *out)
{
	int i = parse2(plan_kind_names, PLAN_KIND_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum plan_kind)i;
	return 0;
}

bool plan_kind_covers(enum plan_kind p, enum inc_kind k)
{
	switch (p) {
	case PK_LEAK:
		return k == IK_LEAK;
	case PK_CYBER:
		return k == IK_CYBER;
	case PK_OTHER:
		return k == IK_LEAK || k == IK_CYBER;
	default:
		return false;
	}
}

const char *plan_status_code(enum plan_status s)
{
	return (unsigned)s < PLAN_STATUS_COUNT ? plan_status_names[s].code : "";
}

const char *plan_status_zh(enum plan_status s)
{
	return (unsigned)s < PLAN_STATUS_COUNT ? plan_status_names[s].zh : "";
}

int plan_status_parse(const char *s, enum plan_status *out)
{
	int i = parse2(plan_status_names, PLAN_STATUS_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum plan_status)i;
	return 0;
}

bool plan_in_force(enum plan_status s)
{
	return s == PST_APPROVED || s == PST_FILED;
}

enum plan_err plan_check_status(enum plan_status from, enum plan_status to)
{
	switch (from) {
	case PST_DRAFT:
		return to == PST_APPROVED || to == PST_RETIRED ? PLAN_OK : PLAN_BAD_STATUS;
	case PST_APPROVED:
		return to == PST_FILED || to == PST_RETIRED ? PLAN_OK : PLAN_BAD_STATUS;
	case PST_FILED:
		return to == PST_RETIRED ? PLAN_OK : PLAN_BAD_STATUS;
	default:
		return PLAN_BAD_STATUS;
	}
}

static const char *const plan_err_zh_names[] = {
    [PLAN_OK] = "成功",
    [PLAN_BAD_STATUS] = "预案状态只能按 草稿→已批准→已备案→已废止 变更",
    [PLAN_NOT_DRAFT] = "只有草稿状态的预案可以修改",
    [PLAN_BAD_FIELD] = "预案的必填项缺失或格式不正确",
};

static const char *const plan_err_en_names[] = {
    [PLAN_OK] = "ok",
    [PLAN_BAD_STATUS] = "a plan goes draft → approved → filed → retired only",
    [PLAN_NOT_DRAFT] = "only a draft plan may be edited",
    [PLAN_BAD_FIELD] = "a field of the plan is missing or malformed",
};

const char *plan_err_zh(enum plan_err e)
{
	return (unsigned)e < sizeof(plan_err_zh_names) / sizeof(plan_err_zh_names[0])
	           ? plan_err_zh_names[e]
	           : "未知错误";
}

const char *plan_err_en(enum plan_err e)
{
	return (unsigned)e < sizeof(plan_err_en_names) / sizeof(plan_err_en_names[0])
	           ? plan_err_en_names[e]
	           : "unknown error";
}

/* ---- warnings ---- */

static const struct name2 warn_names[WARN_STATE_COUNT] = {
    [WS_PUBLISHED] = {"published", "已发布"},
    [WS_ADJUSTED] = {"adjusted", "已调整"},
    [WS_LIFTED] = {"lifted", "已解除"},
};

const char *warn_state_code(enum warn_state s)
{
	return (unsigned)s < WARN_STATE_COUNT ? warn_names[s].code : "";
}

const char *warn_state_zh(enum warn_state s)
{
	return (unsigned)s < WARN_STATE_COUNT ? warn_names[s].zh : "";
}

int warn_state_parse(const char *s, enum warn_state *out)
{
	int i = parse2(warn_names, WARN_STATE_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum warn_state)i;
	return 0;
}

const char *warn_color_zh(const char *s)
{
	for (enum inc_level l = IL_I; s && l <= IL_IV; l++)
		if (!strcmp(s, inc_level_color(l)))
			return inc_level_color_zh(l);
	return NULL;
}

bool warn_may_change(enum warn_state from, enum warn_state to)
{
	if (from != WS_PUBLISHED && from != WS_ADJUSTED)
		return false;
	return to == WS_ADJUSTED || to == WS_LIFTED;
}

bool inc_may_see(const struct inc_viewer *v, enum level info_level, int64_t reported_by,
                 bool assignee)
{
	bool reporter = v->account_id && v->account_id == reported_by;

	if (!(v->roles & INC_WATCH_ROLES) && !reporter && !assignee)
		return false;
	return !level_is_classified(info_level) || reporter ||
	       level_cleared_for(v->clearance, info_level);
}
