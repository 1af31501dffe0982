/*
 * level — classification levels, 涉密人员 classes and clearances.
 *
 * 绝密 > 机密 > 秘密 are the state-secret levels; 内部 and 公开 mark
 * unclassified items.  A person's class decides the highest level they may
 * be cleared for.  Pure rules: no I/O.
 */
#ifndef BAOMI_LEVEL_H
#define BAOMI_LEVEL_H

#include <stdbool.h>

enum level {
	LEVEL_NONE = -1, /* no level / no clearance */
	LEVEL_PUBLIC = 0,
	LEVEL_INTERNAL = 1,
	LEVEL_CONFIDENTIAL = 2, /* 秘密 */
	LEVEL_SECRET = 3,       /* 机密 */
	LEVEL_TOP_SECRET = 4,   /* 绝密 */
};

enum staff_class {
	STAFF_NONE = 0,      /* 非涉密人员 */
	STAFF_GENERAL = 1,   /* 一般涉密人员 */
	STAFF_IMPORTANT = 2, /* 重要涉密人员 */
	STAFF_CORE = 3,      /* 核心涉密人员 */
};

#define LEVEL_COUNT 5
#define STAFF_CLASS_COUNT 4

const char *level_code(enum level l);
const char *level_zh(enum level l);
const char *level_en(enum level l);
/* Returns 0 and sets *out, or -1 for an unknown code or Chinese name. */
int level_parse(const char *s, enum level *out);
/* Longest security period the law allows by default: 30 / 20 / 10 years, 0 otherwise. */
int level_max_years(enum level l);
bool level_is_classified(enum level l);

#define LEVEL_MARK_LEN 64
/*
 * The 密级 and 保密期限 mark GB/T 9704 prints at the top left of a
 * document's first page: "机密★10年", "机密★长期", or the level alone
 * when no period is given.  period is the period as written: blanks around
 * it are dropped and a bare number is years ("10" → 10年); a period longer
 * than fits the mark is left out (the document states it in full).  An
 * unclassified level (内部, 公开, none) has no mark: out is "".  out holds
 * LEVEL_MARK_LEN bytes.
 */
void level_mark(enum level l, const char *period, char *out);

const char *staff_class_code(enum staff_class c);
const char *staff_class_zh(enum staff_class c);
const char *staff_class_en(enum staff_class c);
int staff_class_parse(const char *s, enum staff_class *out);
/* 核心 → 绝密, 重要 → 机密, 一般 → 秘密, 非涉密 → none. */
enum level staff_class_clearance(enum staff_class c);

/*
 * The person may see details of something at `level` when their clearance
 * reaches it.  (Knowledge scope is checked separately by the caller.)
 */
bool level_cleared_for(enum level clearance, enum level item);

#endif
