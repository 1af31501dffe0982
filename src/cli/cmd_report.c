/*
 * cmd_report.c — `baomi report ...`: reporting incidents upward with
 * SM2-signed packages, as a client of the running server (see client.h).
 *
 * At the subordinate unit:  `baomi report key` shows this installation's
 * public key to hand over; `baomi incident package ID -o FILE` makes a
 * package.  At the superior unit: the security administrator trusts the
 * subordinate's key once (`trust`), and the packages received are verified
 * and listed (`receive`, `received`, `show-received`).
 *
 *   baomi report key
 *   baomi report trust --unit-code C --unit-name N --pem FILE
 *   baomi report trusted | untrust ID
 *   baomi report receive FILE                (the package file exactly as sent)
 *   baomi report received | show-received ID
 *
 * --format json prints the API's answer.  Exit codes: 0 done, 2 refused by
 * the server (a tampered package, an unknown signer ...) or a usage or
 * connection error (the server's message is printed).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/level.h"
#include "client.h"

static void print_key(json_t *k)
{
	printf("本单位签名公钥 / this installation's SM2 public key\n");
	printf("  单位：%s（%s）\n", client_str(k, "unit_name", ""),
	       client_str(k, "unit_code", ""));
	printf("  指纹：%s\n", client_str(k, "fingerprint", ""));
	printf("%s", client_str(k, "pem", ""));
}

static void print_trusted(json_t *j)
{
	size_t i;
	json_t *k;

	client_cell("ID", 5);
	client_cell("单位代码", 12);
	client_cell("单位名称", 28);
	client_cell("添加时间", 16);
	printf("指纹\n");
	json_array_foreach(json_object_get(j, "items"), i, k)
	{
		char id[24], t[20];

		snprintf(id, sizeof(id), "%lld", client_int(k, "id"));
		client_cell(id, 5);
		client_cell(client_str(k, "unit_code", ""), 12);
		client_cell(client_str(k, "unit_name", ""), 28);
		client_cell(client_time(json_object_get(k, "added_at"), t), 16);
		printf("%s\n", client_str(k, "fingerprint", ""));
	}
	printf("共 %lld 个 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void trusted_line(json_t *k)
{
	printf("baomi: 已信任 / trusted: #%lld %s（%s）指纹 %s\n", client_int(k, "id"),
	       client_str(k, "unit_name", ""), client_str(k, "unit_code", ""),
	       client_str(k, "fingerprint", ""));
}

/* "II 重大" and "机密" of a received report. */
static void levels(json_t *r, char *lv, size_t n, const char **info)
{
	enum level l;
	const char *s = client_level(json_object_get(r, "level"), lv, n, "未定级");

	if (s != lv)
		snprintf(lv, n, "%s", s);
	*info = level_parse(client_str(r, "info_level", ""), &l) == 0 ? level_zh(l) : "—";
}

static void print_received(json_t *j)
{
	size_t i;
	json_t *r;

	client_cell("ID", 5);
	client_cell("报送单位", 24);
	client_cell("级别", 10);
	client_cell("密级", 6);
	client_cell("接收时间", 16);
	printf("标题\n");
	json_array_foreach(json_object_get(j, "items"), i, r)
	{
		char id[24], lv[48], t[20];
		const char *info;

		snprintf(id, sizeof(id), "%lld", client_int(r, "id"));
		levels(r, lv, sizeof(lv), &info);
		client_cell(id, 5);
		client_cell(client_str(r, "unit_name", ""), 24);
		client_cell(lv, 10);
		client_cell(info, 6);
		client_cell(client_time(json_object_get(r, "received_at"), t), 16);
		printf("%s\n", client_str(r, "title", ""));
	}
	printf("共 %lld 份 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void print_one(json_t *r)
{
	char lv[48], t[20];
	const char *info;
	json_t *payload = json_object_get(r, "payload");

	levels(r, lv, sizeof(lv), &info);
	printf("下级报告 #%lld「%s」（已验证签名 / signature verified）\n", client_int(r, "id"),
	       client_str(r, "title", ""));
	printf("  报送单位：%s（%s）\n", client_str(r, "unit_name", ""),
	       client_str(r, "unit_code", ""));
	printf("  对方事件：#%lld 第%lld版  状态：%s\n", client_int(r, "source_id"),
	       client_int(r, "source_version"), client_str(r, "state", ""));
	printf("  级别：%s  信息密级：%s\n", lv, info);
	printf("  签名时间：%s  接收时间：%s\n", client_str(r, "signed_at", ""),
	       client_time(json_object_get(r, "received_at"), t));
	printf("  签名公钥指纹：%s\n", client_str(r, "signer", ""));
	if (payload) {
		printf("\n报告内容 / payload\n");
		json_dumpf(payload, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		printf("\n");
	}
}

static void received_line(json_t *r)
{
	printf("baomi: 已接收并验证签名 / received and verified: #%lld %s「%s」\n",
	       client_int(r, "id"), client_str(r, "unit_name", ""), client_str(r, "title", ""));
}

int cmd_report(struct cli_opts *o)
{
	struct client_reply r;
	const char *sub = o->nargs ? o->args[0] : NULL;
	char path[128];
	long long id;
	bool json;

	if (!sub)
		return cli_error("usage: baomi report key|trust|trusted|untrust|receive|received|"
		                 "show-received (see 'baomi help')");
	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "key") || !strcmp(sub, "trusted") || !strcmp(sub, "received")) {
		if (client_call("GET",
		                !strcmp(sub, "key")       ? "/api/v1/signing-key"
		                : !strcmp(sub, "trusted") ? "/api/v1/trusted-keys"
		                                          : "/api/v1/received-reports",
		                NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_show(&r, json,
		                   !strcmp(sub, "key")       ? print_key
		                   : !strcmp(sub, "trusted") ? print_trusted
		                                             : print_received);
	}
	if (!strcmp(sub, "trust")) {
		struct buf b;
		json_t *j;

		if (o->nargs != 1 || !o->unit_code || !o->unit_name || !o->pem)
			return cli_error("usage: baomi report trust --unit-code C --unit-name N "
			                 "--pem FILE");
		if (client_read_file(o->pem, &b))
			return EXIT_USAGE;
		j = json_pack("{ss ss s:s%}", "unit_code", o->unit_code, "unit_name", o->unit_name,
		              "pem", b.ptr ? b.ptr : "", b.len);
		buf_release(&b);
		if (!j)
			return cli_error("report: %s is not a PEM text file", o->pem);
		if (client_send_json("POST", "/api/v1/trusted-keys", j, &r))
			return EXIT_USAGE;
		return client_show(&r, json, trusted_line);
	}
	if (!strcmp(sub, "receive")) {
		struct buf b;
		int rc;

		if (o->nargs != 2)
			return cli_error("usage: baomi report receive FILE");
		if (client_read_file(o->args[1], &b))
			return EXIT_USAGE;
		/* the bytes exactly as signed: any change fails verification */
		rc = client_call("POST", "/api/v1/received-reports", "application/json",
		                 b.ptr ? b.ptr : "", b.len, &r);
		buf_release(&b);
		if (rc)
			return EXIT_USAGE;
		return client_show(&r, json, received_line);
	}
	if (!strcmp(sub, "untrust") || !strcmp(sub, "show-received")) {
		if (o->nargs != 2 ||
		    client_parse_id(o->args[1],
		                    !strcmp(sub, "untrust") ? "trusted key" : "received report",
		                    &id))
			return cli_error("usage: baomi report %s ID", sub);
		if (!strcmp(sub, "show-received")) {
			snprintf(path, sizeof(path), "/api/v1/received-reports/%lld", id);
			if (client_call("GET", path, NULL, NULL, 0, &r))
				return EXIT_USAGE;
			return client_show(&r, json, print_one);
		}
		snprintf(path, sizeof(path), "/api/v1/trusted-keys/%lld", id);
		if (client_call("DELETE", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		if (json)
			return client_print_json(&r);
		{
			json_t *j;
			int rc = client_take_json(&r, &j);

			json_decref(j);
			if (!rc)
				printf("baomi: 已取消信任 / no longer trusted: #%lld\n", id);
			return rc;
		}
	}
	return cli_error("report: unknown subcommand '%s' (see 'baomi help')", sub);
}
