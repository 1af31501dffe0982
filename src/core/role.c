#include "role.h"

#include <string.h>

struct name3 {
	const char *code, *zh, *en;
};

static const struct name3 admin_names[ADMIN_ROLE_COUNT] = {
    [ADMIN_NONE] = {"", "业务用户", "Business user"},
    [ADMIN_SYS] = {"sysadmin", "系统管理员", "System administrator"},
    [ADMIN_SEC] = {"secadmin", "安全保密管理员", "Security administrator"},
    [ADMIN_AUDIT] = {"auditor", "安全审计员", "Security auditor"},
};

static const struct name3 role_names[ROLE_COUNT] = {
    {"officer", "保密员", "Confidentiality officer"},
    {"dept_head", "部门负责人", "Department head"},
    {"leader", "分管领导", "Leader in charge"},
    {"staff", "涉密人员", "Classified staff"},
    {"command", "应急指挥", "Emergency command"},
    {"duty", "值班员", "Duty officer"},
};

const char *admin_role_code(enum admin_role r)
{
	return (unsigned)r < ADMIN_ROLE_COUNT ? admin_names[r].code : "";
}

const char *admin_role_zh(enum admin_role r)
{
	return (unsigned)r < ADMIN_ROLE_COUNT ? admin_names[r].zh : "";
}

const char *admin_role_en(enum admin_role r)
{
	return (unsigned)r < ADMIN_ROLE_COUNT ? admin_names[r].en : "";
}

int admin_role_parse(const char *s, enum admin_role *out)
{
	for (int i = 1; s && i < ADMIN_ROLE_COUNT; i++) {
		if (strcmp(s, admin_names[i].code) == 0 || strcmp(s, admin_names[i].zh) == 0) {
			*out = (enum admin_role)i;
			return 0;
		}
	}
	return -1;
}

uint32_t role_bit_at(int i)
{
	return (i >= 0 && i < ROLE_COUNT) ? 1u << i : 0;
}

static int role_index(uint32_t bit)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (bit == 1u << i)
			return i;
	return -1;
}

const char *role_code(uint32_t bit)
{
	int i = role_index(bit);

	return i < 0 ? "" : role_names[i].code;
}

const char *role_zh(uint32_t bit)
{
	int i = role_index(bit);

	return i < 0 ? "" : role_names[i].zh;
}

const char *role_en(uint32_t bit)
{
	int i = role_index(bit);

	return i < 0 ? "" : role_names[i].en;
}

uint32_t role_parse(const char *s)
{
	for (int i = 0; s && i < ROLE_COUNT; i++)
		if (strcmp(s, role_names[i].code) == 0 || strcmp(s, role_names[i].zh) == 0)
			return 1u << i;
	return 0;
}

/*
 * The permission table.  The three administrators split the system's own
 * administration and none of them reaches business content; business roles
 * reach business content and nothing of the administration.
 */
bool role_may(enum admin_role admin, uint32_t roles, enum perm p)
{
	switch (admin) {
	case ADMIN_SYS:
		return p == PERM_ORG_READ || p == PERM_ORG_WRITE || p == PERM_ACCOUNT_READ ||
		       p == PERM_ACCOUNT_WRITE || p == PERM_PEOPLE_NAMES || p == PERM_POLICY_READ ||
		       p == PERM_BACKUP || p == PERM_CALENDAR;
	case ADMIN_SEC:
		return p == PERM_ORG_READ || p == PERM_ACCOUNT_READ || p == PERM_ROLE_GRANT ||
		       p == PERM_PEOPLE_READ || p == PERM_PEOPLE_WRITE || p == PERM_PEOPLE_NAMES ||
		       p == PERM_POLICY_READ || p == PERM_POLICY_WRITE || p == PERM_TRUST;
	case ADMIN_AUDIT:
		return p == PERM_AUDIT_READ;
	case ADMIN_NONE:
		break;
	}
	switch (p) {
	case PERM_ORG_READ:
	case PERM_BUSINESS:
		return roles != 0;
	case PERM_PEOPLE_READ:
		return (roles & (ROLE_OFFICER | ROLE_LEADER | ROLE_DEPT_HEAD)) != 0;
	case PERM_DIRECTORY:
		return (roles & ROLE_ASSIGNS_WORK) != 0;
	default:
		return false;
	}
}

bool role_may_directory(enum admin_role admin, uint32_t roles, bool inspects_open_campaign)
{
	if (admin != ADMIN_NONE || !(roles & ROLE_ALL))
		return false;
	return role_may(admin, roles, PERM_DIRECTORY) || inspects_open_campaign;
}

enum role_err role_check_combination(enum admin_role admin, uint32_t roles)
{
	if ((unsigned)admin >= ADMIN_ROLE_COUNT || (roles & ~ROLE_ALL))
		return ROLE_UNKNOWN;
	if (admin != ADMIN_NONE && roles != 0)
		return ROLE_ADMIN_WITH_BUSINESS;
	return ROLE_OK;
}

const char *role_err_zh(enum role_err e)
{
	switch (e) {
	case ROLE_OK:
		return "成功";
	case ROLE_ADMIN_WITH_BUSINESS:
		return "三员账户不得兼任业务角色";
	case ROLE_UNKNOWN:
		return "未知角色";
	}
	return "";
}

const char *role_err_en(enum role_err e)
{
	switch (e) {
	case ROLE_OK:
		return "ok";
	case ROLE_ADMIN_WITH_BUSINESS:
		return "an administrator account may not hold a business role";
	case ROLE_UNKNOWN:
		return "unknown role";
	}
	return "";
}
