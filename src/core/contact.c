#include "contact.h"

#include <string.h>

struct name2 {
	const char *code, *zh;
};

static const struct name2 kind_names[CONTACT_KIND_COUNT] = {
    [CK_INTERNAL] = {"internal", "指挥部成员"},
    [CK_SECRECY_ADMIN] = {"secrecy_admin", "保密行政管理部门"},
    [CK_POLICE] = {"police", "公安机关"},
    [CK_STATE_SECURITY] = {"state_security", "国家安全机关"},
    [CK_CAC] = {"cac", "网信部门"},
    [CK_JIYAO] = {"jiyao", "机要部门"},
    [CK_INFO_OFFICE] = {"info_office", "信息办"},
    [CK_SUPERIOR] = {"superior", "上级主管部门"},
    [CK_TELECOM] = {"telecom", "电信运营商"},
    [CK_POWER] = {"power", "电力公司"},
    [CK_MEMBER_UNIT] = {"member_unit", "成员单位"},
    [CK_EXPERT] = {"expert", "专家"},
    [CK_OTHER] = {"other", "其他"},
};

static const struct name2 trust_names[CONTACT_TRUST_COUNT] = {
    [CT_LOW] = {"low", "低（只通报公开信息）"},
    [CT_NORMAL] = {"normal", "中（工作联系）"},
    [CT_HIGH] = {"high", "高（可报送涉密事项）"},
};

static int parse2(const struct name2 *t, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(s, t[i].code) || !strcmp(s, t[i].zh))
			return i;
	return -1;
}

const char *contact_kind_code(enum contact_kind k)
{
	return (unsigned)k < CONTACT_KIND_COUNT ? kind_names[k].code : "";
}

const char *contact_kind_zh(enum contact_kind k)
{
	return (unsigned)k < CONTACT_KIND_COUNT ? kind_names[k].zh : "";
}

int contact_kind_parse(const char *s, enum contact_kind *out)
{
	int i = parse2(kind_names, CONTACT_KIND_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum contact_kind)i;
	return 0;
}

const char *contact_trust_code(enum contact_trust t)
{
	return (unsigned)t < CONTACT_TRUST_COUNT ? trust_names[t].code : "";
}

const char *contact_trust_zh(enum contact_trust t)
{
	return (unsigned)t < CONTACT_TRUST_COUNT ? trust_names[t].zh : "";
}

int contact_trust_parse(const char *s, enum contact_trust *out)
{
	int i = parse2(trust_names, CONTACT_TRUST_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum contact_trust)i;
	return 0;
}

bool contact_may_read(enum admin_role admin, uint32_t roles)
{
	return admin == ADMIN_NONE && (roles & CONTACT_READ_ROLES);
}

bool contact_may_write(enum admin_role admin, uint32_t roles)
{
	return admin == ADMIN_NONE && (roles & CONTACT_WRITE_ROLES);
}

/* ---- which contact a duty names ---- */

/* The words by which a recipient's text names an outside body. */
static const struct {
	const char *word;
	enum contact_kind kind;
} kind_words[] = {
    {"保密行政管理部门", CK_SECRECY_ADMIN},
    {"保密局", CK_SECRECY_ADMIN},
    {"国家安全", CK_STATE_SECURITY},
    {"公安", CK_POLICE},
    {"网信", CK_CAC},
    {"机要", CK_JIYAO},
    {"信息办", CK_INFO_OFFICE},
    {"信息化管理办公室", CK_INFO_OFFICE},
    {"应急委办公室", CK_INFO_OFFICE},
    {"上级主管部门", CK_SUPERIOR},
    {"电信", CK_TELECOM},
    {"电力", CK_POWER},
    {"供电", CK_POWER},
    {"成员单位", CK_MEMBER_UNIT},
    {"专家", CK_EXPERT},
};

/* The kind of the body named first in text (the longer word at one place); -1 if none. */
static int kind_in_text(const char *text)
{
	const char *best = NULL;
	size_t best_len = 0;
	int kind = -1;

	if (!text)
		return -1;
	for (size_t i = 0; i < sizeof(kind_words) / sizeof(kind_words[0]); i++) {
		const char *p = strstr(text, kind_words[i].word);
		size_t len = strlen(kind_words[i].word);

		if (p && (!best || p < best || (p == best && len > best_len))) {
			best = p;
			best_len = len;
			kind = (int)kind_words[i].kind;
		}
	}
	return kind;
}

int contact_kind_for_duty(const char *recipient, const char *to)
{
	enum contact_kind k;
	int found;

	/* the statutory duties' keys; "internal" and "other" name no body */
	if (recipient && !contact_kind_parse(recipient, &k) && k != CK_INTERNAL && k != CK_OTHER)
		return (int)k;
	found = kind_in_text(to);
	return found >= 0 ? found : kind_in_text(recipient);
}

/* Is a better than b as whom to call? */
static bool better(const struct contact_cand *a, const struct contact_cand *b, bool internal)
{
	if (internal) {
		int ra = a->ab == 'A' ? 0 : a->ab == 'B' ? 1 : 2;
		int rb = b->ab == 'A' ? 0 : b->ab == 'B' ? 1 : 2;

		if (ra != rb)
			return ra < rb;
	} else if (a->trust != b->trust) {
		return a->trust > b->trust;
	}
	if (a->ord != b->ord)
		return a->ord < b->ord;
	return a->id < b->id;
}

static bool names_group(const char *group, const char *recipient, const char *to)
{
	if (!group || !*group)
		return false;
	return (to && strstr(to, group)) || (recipient && strstr(recipient, group));
}

int contact_pick(const struct contact_cand *c, size_t n, const char *recipient, const char *to)
{
	int kind = contact_kind_for_duty(recipient, to);
	int best = -1;

	for (size_t i = 0; i < n; i++) {
		bool fits =
		    kind >= 0 ? (int)c[i].kind == kind
		              : c[i].kind == CK_INTERNAL && names_group(c[i].group, recipient, to);

		if (fits && (best < 0 || better(&c[i], &c[best], kind < 0)))
			best = (int)i;
	}
	return best;
}

/* ---- rewards and penalties ---- */

static const struct name2 reward_names[REWARD_KIND_COUNT] = {
    [RK_COMMEND] = {"commend", "表彰"},           [RK_PRAISE] = {"praise", "通报表扬"},
    [RK_CRITICISE] = {"criticise", "通报批评"},   [RK_ADMONISH] = {"admonish", "诫勉谈话"},
    [RK_DISCIPLINE] = {"discipline", "处分建议"},
};

const char *reward_kind_code(enum reward_kind k)
{
	return (unsigned)k < REWARD_KIND_COUNT ? reward_names[k].code : "";
}

const char *reward_kind_zh(enum reward_kind k)
{
	return (unsigned)k < REWARD_KIND_COUNT ? reward_names[k].zh : "";
}

int reward_kind_parse(const char *s, enum reward_kind *out)
{
	int i = parse2(reward_names, REWARD_KIND_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum reward_kind)i;
	return 0;
}

bool reward_is_penalty(enum reward_kind k)
{
	return k == RK_CRITICISE || k == RK_ADMONISH || k == RK_DISCIPLINE;
}

bool reward_may_read_penalties(enum admin_role admin, uint32_t roles)
{
	return admin == ADMIN_NONE && (roles & REWARD_PENALTY_ROLES);
}

bool reward_may_read(enum admin_role admin, uint32_t roles, enum reward_kind k)
{
	if (admin != ADMIN_NONE || !(roles & ROLE_ALL))
		return false;
	return !reward_is_penalty(k) || reward_may_read_penalties(admin, roles);
}

bool reward_may_write(enum admin_role admin, uint32_t roles)
{
	return admin == ADMIN_NONE && (roles & REWARD_PENALTY_ROLES);
}
