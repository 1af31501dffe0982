/*
 * cli — the baomi command line: one file per command group, entry cmd_*().
 * Exit codes: 0 success; 1 refused, not found, or a check found problems;
 * 2 usage or input error.
 */
#ifndef BAOMI_CLI_H
#define BAOMI_CLI_H

#include "../store/store.h"

#define EXIT_PROBLEM 1
#define EXIT_USAGE 2

struct cli_opts {
	const char *data;
	const char *listen;
	const char *unit;
	const char *code;
	const char *format;
	const char *output;
	const char *json; /* request body file, "-" or inline JSON */
	const char *q, *level, *state, *type, *reason, *comment;
	/* incident, plan, warning, calendar, report */
	const char *kind, *plan, *note, *at, *title, *assignee, *due, *from, *to, *year;
	const char *with, *tmpl, *unit_code, *unit_name, *pem, *which;
	/* inspect, check */
	const char *campaign, *item, *department, *result, *responsible, *deadline, *measures,
	    *file;
	/* review */
	const char *channel, *place;
	bool open, overdue, active, mine;
	int threads;
	size_t max_body;
	int insecure_cookie;
	/* serve and backup; the config file (--config) fills what the command line left unset */
	const char *config, *tls_cert, *tls_key, *backup_dir;
	int backup_keep;
	bool help;           /* --help or -h: print the command's help instead */
	const char *args[4]; /* positional arguments */
	int nargs;
};

/* Parses common options; returns -1 after printing a usage error. */
int cli_parse(int argc, char **argv, struct cli_opts *o);
/* --data, BAOMI_DATA or the config file's data; prints an error and returns NULL when neither is
 * set. */
const char *cli_data_dir(const struct cli_opts *o);
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_init(struct cli_opts *o);
int cmd_serve(struct cli_opts *o);
int cmd_demo(struct cli_opts *o);
int cmd_backup(struct cli_opts *o);
int cmd_restore(struct cli_opts *o);
int cmd_audit(struct cli_opts *o);
int cmd_account(struct cli_opts *o);
int cmd_routes(struct cli_opts *o);
int cmd_carrier(struct cli_opts *o);
int cmd_incident(struct cli_opts *o);
int cmd_plan(struct cli_opts *o);
int cmd_warning(struct cli_opts *o);
int cmd_calendar(struct cli_opts *o);
int cmd_report(struct cli_opts *o);
int cmd_inspect(struct cli_opts *o);
int cmd_contact(struct cli_opts *o);
int cmd_reward(struct cli_opts *o);
int cmd_check(struct cli_opts *o);
int cmd_people(struct cli_opts *o);
int cmd_stats(struct cli_opts *o);
int cmd_place(struct cli_opts *o);
int cmd_training(struct cli_opts *o);
int cmd_inventory(struct cli_opts *o);
int cmd_duty(struct cli_opts *o);
int cmd_drill(struct cli_opts *o);
int cmd_review(struct cli_opts *o);

/* Shared by init and demo. */
int cli_init_store(const char *dir, const char *unit, const char *code, bool quiet_passwords);
/* The demo accounts' first password (BAOMI_INIT_PASSWORD overrides it). */
#define DEMO_PASSWORD "Baomi-Demo-2026"
/*
 * Seeds a freshly initialised data directory with the demo unit (demo.c):
 * its people and accounts, the approved plans, and months of daily work.
 */
int demo_seed(const char *dir);
/* Runs the server until SIGINT/SIGTERM. */
int cli_serve_dir(const char *dir, const struct cli_opts *o);

#endif
