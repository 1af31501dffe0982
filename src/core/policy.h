/*
 * policy — password, lockout and session rules (pure: no I/O).
 *
 * Defaults follow common 等保 practice: at least 10 characters from at
 * least 3 of 4 classes, 90-day maximum age, lockout for 15 minutes after 5
 * failed logins, sessions end after 30 idle minutes.
 */
#ifndef BAOMI_POLICY_H
#define BAOMI_POLICY_H

#include <stdbool.h>
#include <stdint.h>

struct policy {
	int password_min_length;   /* characters (UTF-8 code points) */
	int password_min_classes;  /* of lower, upper, digit, other */
	int password_max_age_days; /* 0 = no maximum */
	int lockout_threshold;     /* failed logins before lockout */
	int lockout_minutes;
	int session_idle_seconds;
};

enum policy_err {
	POLICY_OK = 0,
	POLICY_TOO_SHORT,
	POLICY_TOO_LONG,
	POLICY_FEW_CLASSES,
	POLICY_CONTAINS_USERNAME,
	POLICY_SAME_AS_OLD,
	POLICY_BAD_UTF8,
	POLICY_OUT_OF_RANGE, /* a policy field itself is out of range */
};

#define POLICY_PASSWORD_MAX_BYTES 256

void policy_defaults(struct policy *p);
/* Checks a policy's own fields; on error *field names the bad one. */
enum policy_err policy_validate(const struct policy *p, const char **field);
enum policy_err policy_check_password(const struct policy *p, const char *username,
                                      const char *old_password, const char *password);
const char *policy_err_zh(enum policy_err e);
const char *policy_err_en(enum policy_err e);

/* Lockout: after a failure, should the account lock, and until when? */
bool policy_should_lock(const struct policy *p, int failed_count);
int64_t policy_lock_until(const struct policy *p, int64_t now_ms);
bool policy_password_expired(const struct policy *p, int64_t changed_ms, int64_t now_ms);
bool policy_session_idle(const struct policy *p, int64_t last_seen_ms, int64_t now_ms);

#endif
