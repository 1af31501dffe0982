#include "level.h"

#include <stdio.h>
#include <string.h>

struct level_name {
	const char *code, *zh, *en;
	int max_years;
};

static const struct level_name level_names[LEVEL_COUNT] = {
    [LEVEL_PUBLIC] = {"public", "公开", "Public", 0},
    [LEVEL_INTERNAL] = {"internal", "内部", "Internal", 0},
    [LEVEL_CONFIDENTIAL] = {"confidential", "秘密", "Confidential", 10},
    [LEVEL_SECRET] = {"secret", "机密", "Secret", 20},
    [LEVEL_TOP_SECRET] = {"top_secret", "绝密", "Top secret", 30},
};

static const struct level_name *level_name(enum level l)
{
	if (l < LEVEL_PUBLIC || l > LEVEL_TOP_SECRET)
		return NULL;
	return &level_names[l];
}

const char *level_code(enum level l)
{
	const struct level_name *n = level_name(l);

	return n ? n->code : "";
}

const char *level_zh(enum level l)
{
	const struct level_name *n = level_name(l);

	return n ? n->zh : "无";
}

const char *level_en(enum level l)
{
	const struct level_name *n = level_name(l);

	return n ? n->en : "None";
}

int level_parse(const char *s, enum level *out)
{
	if (!s)
		return -1;
	for (int i = 0; i < LEVEL_COUNT; i++) {
		if (strcmp(s, level_names[i].code) == 0 || strcmp(s, level_names[i].zh) == 0) {
			*out = (enum level)i;
			return 0;
		}
	}
	return -1;
}

int level_max_years(enum level l)
{
	const struct level_name *n = level_name(l);

	return n ? n->max_years : 0;
}

bool level_is_classified(enum level l)
{
	return l >= LEVEL_CONFIDENTIAL;
}

void level_mark(enum level l, const char *period, char *out)
{
	const char *p = period ? period : "";
	size_t n, digits = 0;

	out[0] = '\0';
	if (!level_is_classified(l))
		return;
	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	while (digits < n && p[digits] >= '0' && p[digits] <= '9')
		digits++;
	/* 绝密 3 bytes + ★ 3 + period + 年 3 + NUL */
	if (n == 0 || n > LEVEL_MARK_LEN - 10)
		snprintf(out, LEVEL_MARK_LEN, "%s", level_zh(l));
	else
		snprintf(out, LEVEL_MARK_LEN, "%s★%.*s%s", level_zh(l), (int)n, p,
		         digits == n ? "年" : "");
}

struct class_name {
	const char *code, *zh, *en;
	enum level clearance;
};

static const struct class_name class_names[STAFF_CLASS_COUNT] = {
    [STAFF_NONE] = {"none", "非涉密人员", "Not cleared", LEVEL_NONE},
    [STAFF_GENERAL] = {"general", "一般涉密人员", "General classified staff", LEVEL_CONFIDENTIAL},
    [STAFF_IMPORTANT] = {"important", "重要涉密人员", "Important classified staff", LEVEL_SECRET},
    [STAFF_CORE] = {"core", "核心涉密人员", "Core classified staff", LEVEL_TOP_SECRET},
};

static const struct class_name *class_name(enum staff_class c)
{
	if ((int)c < 0 || c >= STAFF_CLASS_COUNT)
		return NULL;
	return &class_names[c];
}

const char *staff_class_code(enum staff_class c)
{
	const struct class_name *n = class_name(c);

	return n ? n->code : "";
}

const char *staff_class_zh(enum staff_class c)
{
	const struct class_name *n = class_name(c);

	return n ? n->zh : "";
}

const char *staff_class_en(enum staff_class c)
{
	const struct class_name *n = class_name(c);

	return n ? n->en : "";
}

int staff_class_parse(const char *s, enum staff_class *out)
{
	if (!s)
		return -1;
	for (int i = 0; i < STAFF_CLASS_COUNT; i++) {
		if (strcmp(s, class_names[i].code) == 0 || strcmp(s, class_names[i].zh) == 0) {
			*out = (enum staff_class)i;
			return 0;
		}
	}
	return -1;
}

enum level staff_class_clearance(enum staff_class c)
{
	const struct class_name *n = class_name(c);

	return n ? n->clearance : LEVEL_NONE;
}

bool level_cleared_for(enum level clearance, enum level item)
{
	if (!level_is_classified(item))
		return true;
	return clearance != LEVEL_NONE && clearance >= item;
}
