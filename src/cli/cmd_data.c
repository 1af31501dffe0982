/*
 * cmd_data.c — init, backup, restore, audit verify and acknowledge-gap, local account repair
 * and the route list.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "../api/api.h"

int cli_init_store(const char *dir, const char *unit, const char *code, bool quiet_passwords)
{
	struct store_init_opts io = {.unit_name = unit, .unit_code = code};
	char pw[ADMIN_ROLE_COUNT][40];
	char err[512];
	enum store_err e;

	io.init_password = getenv("BAOMI_INIT_PASSWORD");
	if (io.init_password && !*io.init_password)
		io.init_password = NULL;
	memset(pw, 0, sizeof(pw));
	e = store_create(dir, &io, pw, err, sizeof(err));
	if (e) {
		sodium_memzero(pw, sizeof(pw));
		return cli_error("init: %s", err);
	}
	printf("baomi: 已创建数据目录 / data directory created: %s (%s)\n", dir, unit);
	if (!io.init_password && !quiet_passwords) {
		printf("初始密码只显示这一次，首次登录时必须修改 / initial passwords, shown once, "
		       "must be changed at first login:\n");
		for (int r = ADMIN_SYS; r <= ADMIN_AUDIT; r++)
			printf("  %-9s %-20s (%s)\n", admin_role_code(r), pw[r], admin_role_zh(r));
	} else if (io.init_password) {
		printf("三员账户初始密码取自 BAOMI_INIT_PASSWORD / administrator passwords from "
		       "BAOMI_INIT_PASSWORD\n");
	}
	printf("审计密钥 / audit key: %s/%s — 请另行妥善备份 / back it up separately\n", dir,
	       STORE_KEY_FILE);
	sodium_memzero(pw, sizeof(pw));
	return 0;
}

int cmd_init(struct cli_opts *o)
{
	const char *dir = cli_data_dir(o);

	if (!dir)
		return EXIT_USAGE;
	if (!o->unit || !*o->unit)
		return cli_error("init: --unit NAME is required (the unit's full name)");
	if (strlen(o->unit) > 128)
		return cli_error("init: --unit is longer than 128 bytes");
	if (o->code && strlen(o->code) > 32)
		return cli_error("init: --code is longer than 32 bytes");
	return cli_init_store(dir, o->unit, o->code, false);
}

static int open_store(const struct cli_opts *o, struct store **st)
{
	char err[512];
	const char *dir = cli_data_dir(o);

	if (!dir)
		return EXIT_USAGE;
	if (store_open(st, dir, err, sizeof(err)))
		return cli_error("%s", err);
	return 0;
}

/* baomi-YYYYmmddTHHMMSSZ.db: the names --backup-dir writes and prunes, in time order */
static bool is_rotated_backup(const char *name)
{
	static const char pat[] = "baomi-DDDDDDDDTDDDDDDZ.db";

	if (strlen(name) != sizeof(pat) - 1)
		return false;
	for (size_t i = 0; pat[i]; i++)
		if (pat[i] == 'D' ? (name[i] < '0' || name[i] > '9') : name[i] != pat[i])
			return false;
	return true;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Deletes all but the newest `keep` rotated backups in dir. */
static int prune_backups(const char *dir, int keep)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!d)
		return cli_error("backup: cannot list %s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (!is_rotated_backup(e->d_name))
			continue;
		if (n == cap) {
			char **grown = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof(*names));

			if (!grown) {
				rc = cli_error("backup: out of memory");
				goto out;
			}
			names = grown;
		}
		names[n] = strdup(e->d_name);
		if (!names[n]) {
			rc = cli_error("backup: out of memory");
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i + (size_t)keep < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (unlink(path) != 0) {
			rc = cli_error("backup: cannot delete %s: %s", path, strerror(errno));
			goto out;
		}
		printf("baomi: 已删除旧备份 / old backup deleted: %s\n", path);
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

/*
 * `baomi backup --data DIR FILE`, or with --backup-dir (and the config
 * file's backup-dir) a timestamped file in that directory, keeping the
 * newest --backup-keep of them.
 */
int cmd_backup(struct cli_opts *o)
{
	struct store *st;
	char err[512], path[4096];
	const char *file = path;
	int rc;

	if (o->nargs == 1) {
		file = o->args[0];
	} else if (o->nargs == 0 && o->backup_dir) {
		time_t now = time(NULL);
		struct tm tm;
		char stamp[32];

		strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", gmtime_r(&now, &tm));
		snprintf(path, sizeof(path), "%s/baomi-%s.db", o->backup_dir, stamp);
		if (access(path, F_OK) == 0)
			return cli_error("backup: %s exists already", path);
	} else {
		return cli_error("usage: baomi backup --data DIR FILE | --backup-dir DIR "
		                 "[--backup-keep N]");
	}
	rc = open_store(o, &st);
	if (rc)
		return rc;
	if (store_backup(st, file, err, sizeof(err))) {
		store_free(st);
		return cli_error("backup: %s", err);
	}
	store_free(st);
	printf("baomi: 备份完成 / backup written: %s\n", file);
	if (file == path && o->backup_keep)
		return prune_backups(o->backup_dir, o->backup_keep);
	return 0;
}

int cmd_restore(struct cli_opts *o)
{
	struct store *st;
	char err[512];
	int rc;

	if (o->nargs != 1)
		return cli_error("usage: baomi restore --data DIR FILE");
	if (access(o->args[0], R_OK) != 0)
		return cli_error("restore: cannot read %s", o->args[0]);
	rc = open_store(o, &st);
	if (rc)
		return rc;
	if (store_restore(st, o->args[0], err, sizeof(err))) {
		store_free(st);
		return cli_error("restore: %s", err);
	}
	store_free(st);
	printf("baomi: 已从 %s 恢复 / restored from %s\n", o->args[0], o->args[0]);
	return 0;
}

/*
 * `baomi audit acknowledge-gap`: the operator's answer to a server that
 * refuses to start because the log fell behind audit.anchor.  Records the
 * gap with the reason, raises ids and numbers past the lost ones, and
 * moves the anchor on.  The server must be stopped (the directory lock).
 */
static int audit_acknowledge(struct cli_opts *o)
{
	struct audit_gap g;
	struct store *st;
	char err[512];
	int64_t raised;
	enum store_err e;
	int rc;

	if (!o->reason || !*o->reason)
		return cli_error("audit acknowledge-gap: --reason TEXT is required (why the data "
		                 "fell back / 为何数据回退)");
	if (strlen(o->reason) > 500)
		return cli_error("audit acknowledge-gap: --reason is longer than 500 bytes");
	rc = open_store(o, &st);
	if (rc)
		return rc;
	if (store_lock(st, err, sizeof(err))) {
		store_free(st);
		return cli_error("audit acknowledge-gap: %s", err);
	}
	e = audit_gap_acknowledge(st, o->reason, &g, &raised, err, sizeof(err));
	store_free(st);
	if (e == STORE_NOTFOUND) {
		printf("审计日志与锚点一致，无缺口可确认 / no gap: the log holds the anchored "
		       "record\n");
		return 0;
	}
	if (e)
		return cli_error("audit acknowledge-gap: %s", err);
	printf("baomi: 已记录审计缺口 / gap recorded (audit.gap_acknowledged): %s / %s\n"
	       "  锚点记录 / anchor record id %lld, 日志最新记录 / log's newest record id %lld",
	       audit_gap_zh(g.kind), audit_gap_en(g.kind), (long long)g.anchor_id,
	       (long long)g.head_id);
	if (g.missing)
		printf(", 缺少 / missing %lld", (long long)g.missing);
	printf("\n  编号已跳过 / ids raised by %lld; 服务现可启动 / the server may start\n",
	       (long long)raised);
	return 0;
}

int cmd_audit(struct cli_opts *o)
{
	struct audit_verify_result r;
	struct timespec t0, t1;
	struct store *st;
	double secs;
	int rc;

	if (o->nargs == 1 && !strcmp(o->args[0], "acknowledge-gap"))
		return audit_acknowledge(o);
	if (o->nargs != 1 || strcmp(o->args[0], "verify") != 0)
		return cli_error("usage: baomi audit verify --data DIR [--threads N]\n"
		                 "       baomi audit acknowledge-gap --data DIR --reason TEXT");
	rc = open_store(o, &st);
	if (rc)
		return rc;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (audit_verify(st, o->threads ? o->threads : 2, true, &r)) {
		store_free(st);
		return cli_error("audit verify: cannot read the audit log");
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	store_free(st);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (!r.ok) {
		printf("审计链已被破坏 / audit chain BROKEN at record %lld: %s\n",
		       (long long)r.first_bad_id, r.reason);
		return EXIT_PROBLEM;
	}
	printf(
	    "审计链完整 / audit chain intact: %lld records verified in %.3f s (%.0f records/s)\n",
	    (long long)r.records, secs, secs > 0 ? (double)r.records / secs : 0.0);
	return 0;
}

/* Repairs an account from the server's console, e.g. an administrator locked out. */
int cmd_account(struct cli_opts *o)
{
	struct actor cli = {.username = "console", .source = "cli"};
	char pw[POLICY_PASSWORD_MAX_BYTES + 2] = "";
	struct store *st = NULL;
	struct db *db = NULL;
	struct account a;
	struct policy pol;
	enum store_err e;
	const char *event;
	char id[24];
	int rc;

	if (o->nargs != 2 ||
	    (strcmp(o->args[0], "reset-password") != 0 && strcmp(o->args[0], "unlock") != 0))
		return cli_error("usage: baomi account reset-password|unlock --data DIR USER");
	rc = open_store(o, &st);
	if (rc)
		return rc;
	rc = EXIT_USAGE;
	if (db_open(&db, st) || policy_load(db, &pol)) {
		cli_error("cannot open the database");
		goto out;
	}
	if (account_by_name(db, o->args[1], &a)) {
		cli_error("account: no account named '%s'", o->args[1]);
		goto out;
	}
	if (!strcmp(o->args[0], "reset-password")) {
		const char *env = getenv("BAOMI_NEW_PASSWORD");
		enum policy_err pe;

		if (env) {
			snprintf(pw, sizeof(pw), "%s", env);
		} else {
			fprintf(stderr, "新密码 / new password for %s: ", a.username);
			if (!fgets(pw, sizeof(pw), stdin)) {
				cli_error("account: no password given");
				goto out;
			}
			pw[strcspn(pw, "\r\n")] = '\0';
		}
		pe = policy_check_password(&pol, a.username, NULL, pw);
		if (pe) {
			cli_error("account: %s / %s", policy_err_zh(pe), policy_err_en(pe));
			goto out;
		}
	}
	snprintf(id, sizeof(id), "%lld", (long long)a.id);
	e = db_begin(db);
	if (!e && *pw) {
		e = account_set_password(db, a.id, pw, true);
		if (!e)
			e = session_delete_others(db, a.id, 0);
		event = "account.password_reset";
	} else {
		if (!e)
			e = account_unlock(db, a.id);
		event = "account.unlock";
	}
	if (!e)
		e = audit_append(db, &cli, event, "account", id, AUDIT_SUCCESS,
		                 "{\"via\":\"cli\"}");
	if (!e)
		e = db_commit(db);
	if (e) {
		db_rollback(db);
		cli_error("account: %s", db->errmsg);
		goto out;
	}
	printf("baomi: %s %s — %s\n", event, a.username,
	       *pw ? "首次登录须修改密码 / must change at next login" : "已解锁 / unlocked");
	rc = 0;
out:
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(&a, sizeof(a));
	db_close(db);
	store_free(st);
	return rc;
}

int cmd_routes(struct cli_opts *o)
{
	(void)o;
	for (int i = 0; i < api_nroutes; i++)
		printf("%s %s\n", api_routes[i].method, api_routes[i].pattern);
	return 0;
}
