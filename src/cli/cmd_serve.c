/*
 * cmd_serve.c — `baomi serve` and `baomi demo`.
 */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sodium.h>

#include "../api/api.h"
#include "../store/store_incident.h"
#include "../store/store_inspect.h"
#include "../util/bjtime.h"

static volatile sig_atomic_t stop_flag;

/*
 * The deadline sweeper: every few seconds it marks the reporting duties
 * that passed their time unmet, and the rectification tasks past their
 * deadline, as overdue and escalated, so that the next level up (the
 * department head for rectification) is told even when nobody is looking.
 * BAOMI_SWEEP_SECONDS sets the period (tests use 1).
 */
static void *sweeper(void *arg)
{
	struct store *st = arg;
	struct db *db = NULL;
	const char *env = getenv("BAOMI_SWEEP_SECONDS");
	int period = env ? atoi(env) : 15, ticks = 0;

	if (period < 1 || period > 3600)
		period = 15;
	if (db_open(&db, st))
		return NULL;
	while (!stop_flag) {
		struct timespec ts = {0, 100 * 1000 * 1000};
		int n = 0;

		if (ticks++ % (period * 10) == 0 && db_begin(db) == STORE_OK) {
			int64_t now = bjtime_now_ms();
			int32_t today = (int32_t)((now / 1000 + BJTIME_OFFSET_S) / 86400);
			int m = 0;

			if (duty_sweep(db, now, &n) == STORE_OK &&
			    rtask_sweep(db, today, &m) == STORE_OK && db_commit(db) == STORE_OK) {
				if (n)
					fprintf(stderr,
					        "baomi: %d reporting duties overdue, escalated\n",
					        n);
				if (m)
					fprintf(
					    stderr,
					    "baomi: %d rectification tasks overdue, escalated\n",
					    m);
			} else {
				db_rollback(db);
			}
		}
		nanosleep(&ts, NULL);
	}
	db_close(db);
	return NULL;
}

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/*
 * The log must reach the record audit.anchor names: otherwise the database
 * was rolled back (an older copy put back, a WAL cut short) and serving
 * would issue lost ids and numbers again and hide the loss by moving the
 * anchor on.  Refuses with both positions and the command that records the
 * gap; writes nothing.
 */
static int check_gap(struct store *st, const char *dir)
{
	struct audit_gap g;

	if (audit_gap_check(st, &g)) {
		cli_error("无法读取审计日志 / cannot read the audit log in %s", dir);
		return EXIT_PROBLEM;
	}
	if (g.kind == AUDIT_GAP_NONE)
		return 0;
	fprintf(stderr, "baomi: 拒绝启动 / refusing to start: %s / %s\n", audit_gap_zh(g.kind),
	        audit_gap_en(g.kind));
	if (g.missing)
		fprintf(stderr,
		        "  锚点记录 %lld，日志最新记录 %lld，缺少 %lld 条记录\n"
		        "  anchor record id %lld vs the log's newest record id %lld: %lld records "
		        "missing\n",
		        (long long)g.anchor_id, (long long)g.head_id, (long long)g.missing,
		        (long long)g.anchor_id, (long long)g.head_id, (long long)g.missing);
	else
		fprintf(stderr,
		        "  锚点记录 %lld（0 为未知），日志最新记录 %lld\n"
		        "  anchor record id %lld (0: unknown) vs the log's newest record id %lld\n",
		        (long long)g.anchor_id, (long long)g.head_id, (long long)g.anchor_id,
		        (long long)g.head_id);
	fprintf(
	    stderr,
	    "  先查明原因（docs/operations.md）；确认缺口将其记入审计日志后方可启动：\n"
	    "  find out why (docs/operations.md); to serve this database, record the gap in the "
	    "audit log:\n"
	    "    baomi audit acknowledge-gap --data %s --reason \"...\"\n",
	    dir);
	return EXIT_PROBLEM;
}

/*
 * Reads a PEM file for the HTTPS server (at most 1 MiB).  The caller wipes
 * and frees it: the key is a secret.
 */
static char *read_pem(const char *opt, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t n = 0, cap = 1 << 20;

	if (!f) {
		cli_error("%s %s: %s", opt, path, strerror(errno));
		return NULL;
	}
	text = malloc(cap + 1);
	if (text)
		n = fread(text, 1, cap + 1, f);
	if (!text || ferror(f) || n > cap || !n) {
		cli_error("%s %s: cannot read (empty, unreadable or larger than 1 MiB)", opt, path);
		free(text);
		text = NULL;
	} else {
		text[n] = '\0';
	}
	fclose(f);
	return text;
}

static void free_pem(char *pem)
{
	if (pem) {
		sodium_memzero(pem, strlen(pem));
		free(pem);
	}
}

/* Opens the data directory and serves it until SIGINT/SIGTERM. */
static int serve_store(const char *dir, const struct cli_opts *o, const struct http_limits *lim)
{
	struct store *st = NULL;
	struct api app;
	struct sigaction sa;
	const char *listen = o->listen ? o->listen : "127.0.0.1:8080";
	char err[512];
	pthread_t sweep;
	bool swept = false;
	int rc;

	if (store_open(&st, dir, err, sizeof(err)))
		return cli_error("%s", err);
	if (store_lock(st, err, sizeof(err))) {
		store_free(st);
		return cli_error("%s", err);
	}
	rc = check_gap(st, dir);
	if (rc) {
		store_free(st);
		return rc;
	}
	if (api_init(&app, st, (int)lim->threads + 1, !o->insecure_cookie)) {
		store_free(st);
		return cli_error("cannot open database connections in %s", dir);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	printf("baomi: 服务已启动 / serving on %s://%s/  (data: %s)\n",
	       lim->tls_cert_pem ? "https" : "http", listen, dir);
	fflush(stdout);
	if (pthread_create(&sweep, NULL, sweeper, st) == 0)
		swept = true;
	rc = http_serve(listen, lim, api_handle, &app, &stop_flag, err, sizeof(err));
	stop_flag = 1;
	if (swept)
		pthread_join(sweep, NULL);
	api_release(&app);
	store_free(st);
	if (rc)
		return cli_error("serve: %s", err);
	printf("baomi: 服务已停止 / stopped\n");
	return 0;
}

int cli_serve_dir(const char *dir, const struct cli_opts *o)
{
	struct http_limits lim;
	int rc;

	http_limits_defaults(&lim);
	if (o->threads)
		lim.threads = (unsigned)o->threads;
	if (o->max_body)
		lim.max_body = o->max_body;
	if (!o->tls_cert != !o->tls_key)
		return cli_error("serve: HTTPS needs both --tls-cert FILE and --tls-key FILE");
	if (o->tls_cert) {
		lim.tls_cert_pem = read_pem("--tls-cert", o->tls_cert);
		lim.tls_key_pem = lim.tls_cert_pem ? read_pem("--tls-key", o->tls_key) : NULL;
		if (!lim.tls_key_pem) {
			free_pem((char *)lim.tls_cert_pem);
			return EXIT_USAGE;
		}
	}
	rc = serve_store(dir, o, &lim);
	free_pem((char *)lim.tls_cert_pem);
	free_pem((char *)lim.tls_key_pem);
	return rc;
}

int cmd_serve(struct cli_opts *o)
{
	const char *dir = cli_data_dir(o);

	if (!dir)
		return EXIT_USAGE;
	return cli_serve_dir(dir, o);
}

int cmd_demo(struct cli_opts *o)
{
	const char *dir = o->data ? o->data : getenv("BAOMI_DATA");
	struct stat sb;
	char path[4096];
	int rc;

	if (!dir || !*dir)
		dir = "demo-data";
	snprintf(path, sizeof(path), "%s/%s", dir, STORE_DB_FILE);
	if (stat(path, &sb) != 0) {
		if (!getenv("BAOMI_INIT_PASSWORD"))
			setenv("BAOMI_INIT_PASSWORD", DEMO_PASSWORD, 1);
		rc = cli_init_store(dir, "某市卫生健康委员会", "SWJW-SZ", true);
		if (!rc)
			rc = demo_seed(dir);
		if (rc)
			return rc;
	}
	printf("\n=== baomi 演示 / demo ===\n"
	       "  地址 / URL:  http://%s/\n"
	       "  三员 / administrators: sysadmin, secadmin, auditor\n"
	       "  业务 / business: lixy (保密办主任), zhangw (保密员), wangjg (分管领导),\n"
	       "                   liuy (信息中心主任), zhengl (应急办), sunh (值班员)\n"
	       "  初始密码 / initial password: %s  (首次登录须修改 / change at first login)\n\n",
	       o->listen ? o->listen : "127.0.0.1:8080",
	       getenv("BAOMI_INIT_PASSWORD") ? getenv("BAOMI_INIT_PASSWORD") : DEMO_PASSWORD);
	return cli_serve_dir(dir, o);
}
