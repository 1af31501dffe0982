/*
 * sys — the system checks of `baomi-check system`.
 *
 * Each check reads files under a root (/ normally; a fake tree in tests),
 * never changes anything, and ends in one of four states with its evidence:
 * what was read and where.  A check that needs root and runs without it
 * says "could not check" with that reason instead of guessing.
 */
#ifndef BAOMI_CHECK_SYS_H
#define BAOMI_CHECK_SYS_H

#include <stddef.h>

#include "cbuf.h"

enum sys_status {
	SYS_PASS = 0,
	SYS_FAIL,
	SYS_NA,      /* not applicable on this host */
	SYS_UNKNOWN, /* could not check; detail says why */
};

struct sys_check {
	const char *id;
	const char *title_zh;
	const char *title_en;
	enum sys_status status;
	char *detail;   /* why this status, Chinese then English */
	char *evidence; /* what was read, where */
	char *items;    /* a JSON array of records (devices, histories), or NULL */
};

struct sys_report {
	struct sys_check *checks;
	size_t n, cap;
	int classified;
	unsigned failed;
	double elapsed;
};

void sys_report_init(struct sys_report *r);
void sys_report_release(struct sys_report *r);
/*
 * Runs every check.  root is the file-system root to read (NULL for /),
 * role "classified" or "unclassified" (NULL: unclassified), media the
 * registered-media list or NULL.  Returns 0, or 2 after a message on stderr
 * when the media list cannot be read.
 */
int sys_run(struct sys_report *r, const char *root, const char *role, const char *media);
enum cbuf_err sys_report_json(const struct sys_report *r, struct cbuf *out);
enum cbuf_err sys_report_text(const struct sys_report *r, struct cbuf *out);
const char *sys_status_name(enum sys_status s);

#endif
