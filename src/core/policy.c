#include "policy.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

void policy_defaults(struct policy *p)
{
	p->password_min_length = 10;
	p->password_min_classes = 3;
	p->password_max_age_days = 90;
	p->lockout_threshold = 5;
	p->lockout_minutes = 15;
	p->session_idle_seconds = 30 * 60;
}

enum policy_err policy_validate(const struct policy *p, const char **field)
{
	struct {
		const char *name;
		int v, lo, hi;
	} f[] = {
	    {"password_min_length", p->password_min_length, 8, 64},
	    {"password_min_classes", p->password_min_classes, 1, 4},
	    {"password_max_age_days", p->password_max_age_days, 0, 3650},
	    {"lockout_threshold", p->lockout_threshold, 1, 100},
	    {"lockout_minutes", p->lockout_minutes, 1, 24 * 60},
	    {"session_idle_seconds", p->session_idle_seconds, 1, 24 * 3600},
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (f[i].v < f[i].lo || f[i].v > f[i].hi) {
			*field = f[i].name;
			return POLICY_OUT_OF_RANGE;
		}
	}
	return POLICY_OK;
}

/* Counts UTF-8 code points; -1 when the bytes are not valid UTF-8. */
static int utf8_count(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = 0;

	while (*p) {
		int extra;

		if (*p < 0x80)
			extra = 0;
		else if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
			extra = 1;
		else if ((*p & 0xf0) == 0xe0)
			extra = 2;
		else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
			extra = 3;
		else
			return -1;
		p++;
		for (int i = 0; i < extra; i++, p++)
			if ((*p & 0xc0) != 0x80)
				return -1;
		n++;
	}
	return n;
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n < 3)
		return false;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

enum policy_err policy_check_password(const struct policy *p, const char *username,
                                      const char *old_password, const char *password)
{
	int n, classes = 0;
	bool lower = false, upper = false, digit = false, other = false;

	if (strlen(password) > POLICY_PASSWORD_MAX_BYTES)
		return POLICY_TOO_LONG;
	n = utf8_count(password);
	if (n < 0)
		return POLICY_BAD_UTF8;
	if (n < p->password_min_length)
		return POLICY_TOO_SHORT;
	for (const unsigned char *c = (const unsigned char *)password; *c; c++) {
		if (islower(*c))
			lower = true;
		else if (isupper(*c))
			upper = true;
		else if (isdigit(*c))
			digit = true;
		else
			other = true;
	}
	classes = lower + upper + digit + other;
	if (classes < p->password_min_classes)
		return POLICY_FEW_CLASSES;
	if (username && contains_ci(password, username))
		return POLICY_CONTAINS_USERNAME;
	if (old_password && strcmp(old_password, password) == 0)
		return POLICY_SAME_AS_OLD;
	return POLICY_OK;
}

const char *policy_err_zh(enum policy_err e)
{
	switch (e) {
	case POLICY_OK:
		return "符合要求";
	case POLICY_TOO_SHORT:
		return "密码长度不足";
	case POLICY_TOO_LONG:
		return "密码过长（最多256字节）";
	case POLICY_FEW_CLASSES:
		return "密码须包含更多种类的字符（小写字母、大写字母、数字、符号）";
	case POLICY_CONTAINS_USERNAME:
		return "密码不得包含用户名";
	case POLICY_SAME_AS_OLD:
		return "新密码不得与原密码相同";
	case POLICY_BAD_UTF8:
		return "密码不是有效的UTF-8文本";
	case POLICY_OUT_OF_RANGE:
		return "策略取值超出允许范围";
	}
	return "";
}

const char *policy_err_en(enum policy_err e)
{
	switch (e) {
	case POLICY_OK:
		return "acceptable";
	case POLICY_TOO_SHORT:
		return "password too short";
	case POLICY_TOO_LONG:
		return "password too long (256 bytes at most)";
	case POLICY_FEW_CLASSES:
		return "password needs more character classes (lower, upper, digit, symbol)";
	case POLICY_CONTAINS_USERNAME:
		return "password must not contain the user name";
	case POLICY_SAME_AS_OLD:
		return "new password must differ from the old one";
	case POLICY_BAD_UTF8:
		return "password is not valid UTF-8";
	case POLICY_OUT_OF_RANGE:
		return "policy value out of range";
	}
	return "";
}

bool policy_should_lock(const struct policy *p, int failed_count)
{
	return failed_count >= p->lockout_threshold;
}

int64_t policy_lock_until(const struct policy *p, int64_t now_ms)
{
	return now_ms + (int64_t)p->lockout_minutes * 60 * 1000;
}

bool policy_password_expired(const struct policy *p, int64_t changed_ms, int64_t now_ms)
{
	if (p->password_max_age_days <= 0)
		return false;
	return now_ms - changed_ms > (int64_t)p->password_max_age_days * 86400 * 1000;
}

bool policy_session_idle(const struct policy *p, int64_t last_seen_ms, int64_t now_ms)
{
	return now_ms - last_seen_ms > (int64_t)p->session_idle_seconds * 1000;
}
