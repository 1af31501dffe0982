/*
 * role — the three administrators (三员) and the business roles, and what
 * each may do.  Pure rules: the HTTP handlers ask role_may() before they
 * touch storage, and the account store asks role_check_grant() before it
 * writes a role change.
 */
#ifndef BAOMI_ROLE_H
#define BAOMI_ROLE_H

#include <stdbool.h>
#include <stdint.h>

enum admin_role {
	ADMIN_NONE = 0,
	ADMIN_SYS = 1,   /* 系统管理员: accounts, configuration, backup */
	ADMIN_SEC = 2,   /* 安全保密管理员: clearances, roles, scopes, policies */
	ADMIN_AUDIT = 3, /* 安全审计员: reads and verifies the audit log */
};
#define ADMIN_ROLE_COUNT 4

/* Business roles, a bit each; an account may hold several. */
enum role_bit {
	ROLE_OFFICER = 1u << 0,   /* 保密员 */
	ROLE_DEPT_HEAD = 1u << 1, /* 部门负责人 */
	ROLE_LEADER = 1u << 2,    /* 分管领导 */
	ROLE_STAFF = 1u << 3,     /* 涉密人员 */
	ROLE_COMMAND = 1u << 4,   /* 应急指挥 */
	ROLE_DUTY = 1u << 5,      /* 值班员 */
};
#define ROLE_COUNT 6
#define ROLE_ALL ((1u << ROLE_COUNT) - 1)
/*
 * The roles that assign work to named people: 应急指挥, 分管领导 and 保密员
 * assign incident tasks; the 保密员 starts campaigns with their inspectors
 * and assigns rectification tasks.
 */
#define ROLE_ASSIGNS_WORK (ROLE_OFFICER | ROLE_LEADER | ROLE_COMMAND)

enum perm {
	PERM_ORG_READ,      /* unit and department names */
	PERM_ORG_WRITE,     /* create and edit units, departments */
	PERM_ACCOUNT_READ,  /* list accounts */
	PERM_ACCOUNT_WRITE, /* create, disable, unlock, reset business accounts */
	PERM_ROLE_GRANT,    /* grant and revoke business roles */
	PERM_PEOPLE_READ,   /* people with their classes and clearances */
	PERM_PEOPLE_WRITE,  /* register people, set classes, commitments, status */
	PERM_PEOPLE_NAMES,  /* people's names and departments only (to link accounts) */
	PERM_POLICY_READ,
	PERM_POLICY_WRITE, /* password, lockout and session policy */
	PERM_AUDIT_READ,   /* search, export and verify the audit log */
	PERM_BACKUP,       /* take backups */
	PERM_BUSINESS,     /* business content of later capabilities */
	PERM_CALENDAR,     /* load the working-day calendar (configuration) */
	PERM_TRUST,        /* trust the signing keys of subordinate units */
	PERM_DIRECTORY,    /* look colleagues up by name to assign work (account directory) */
};

enum role_err {
	ROLE_OK = 0,
	ROLE_ADMIN_WITH_BUSINESS, /* an administrator account may hold no business role */
	ROLE_UNKNOWN,             /* not a known role */
};

const char *admin_role_code(enum admin_role r);
const char *admin_role_zh(enum admin_role r);
const char *admin_role_en(enum admin_role r);
int admin_role_parse(const char *s, enum admin_role *out);

/* Index 0..ROLE_COUNT-1 to the role's bit and names. */
uint32_t role_bit_at(int i);
const char *role_code(uint32_t bit);
const char *role_zh(uint32_t bit);
const char *role_en(uint32_t bit);
/* Returns the bit for a code ("officer") or Chinese name (保密员), 0 if unknown. */
uint32_t role_parse(const char *s);

bool role_may(enum admin_role admin, uint32_t roles, enum perm p);
/*
 * May the account look colleagues up in the account directory?  The roles
 * that assign work hold PERM_DIRECTORY.  A campaign's inspector, whatever
 * business role they hold, names the person responsible for a
 * rectification task, so may too while a campaign naming them is open
 * (inspects_open_campaign).  No administrator may: no work is assigned to
 * or by them.
 */
bool role_may_directory(enum admin_role admin, uint32_t roles, bool inspects_open_campaign);
/* May these roles be held together by one account? */
enum role_err role_check_combination(enum admin_role admin, uint32_t roles);
const char *role_err_zh(enum role_err e);
const char *role_err_en(enum role_err e);

#endif
