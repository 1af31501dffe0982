/*
 * cmd_inspect.c — `baomi inspect ...` and `baomi check ...`: self-inspection
 * campaigns (保密自查) and the baomi-check reports that feed them, from the
 * command line.
 *
 * Like `baomi carrier` and `baomi incident`, a client of the running
 * server's API (BAOMI_URL, BAOMI_TOKEN; see client.h), so who may record,
 * read and verify what, need-to-know on keyword hits and the audit are the
 * server's.  Text output is for people (Chinese first); --format json
 * prints the API's answer for scripts.
 *
 *   baomi check import REPORT.json --campaign ID    (the report file exactly as written)
 *   baomi check media-list -o FILE                  (for baomi-check --media)
 *   baomi check key --file KEYFILE                  (HMAC key of keyed reports; secadmin)
 *
 *   baomi inspect checklists | checklist ID | checklist-create [--template seed]
 *   baomi inspect campaigns | campaign ID | create --json FILE|- | edit ID --json FILE|-
 *   baomi inspect result CAMPAIGN --item ID --department ID
 *                        --result compliant|noncompliant|na [--note TEXT]
 *   baomi inspect results CAMPAIGN [--department ID] | scores CAMPAIGN
 *   baomi inspect evidence CAMPAIGN --item ID --department ID FILE
 *   baomi inspect findings CAMPAIGN [--department ID] | finding-add CAMPAIGN --json FILE|-
 *   baomi inspect assign FINDING --responsible ACCOUNT_ID --deadline YYYY-MM-DD [--plan TEXT]
 *   baomi inspect tasks [--campaign ID] [--overdue] [--mine]
 *   baomi inspect task TASK_ID start|done|verify|reject [--measures TEXT] [--reason TEXT]
 *   baomi inspect spot CAMPAIGN --json FILE|- | spots CAMPAIGN
 *   baomi inspect report CAMPAIGN --format pdf|xlsx -o FILE
 *
 * Exit codes: 0 done, 2 refused by the server (a changed report, a step
 * the rules forbid ...) or a usage/connection error, with the server's
 * message.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "../core/inspect.h"
#include "client.h"

#define CHECK_KEY_MIN 16
#define CHECK_KEY_MAX 1024

/* ---- small helpers ---- */

/*
 * GET path for a detail that is nice to show but not needed (a department's
 * name, a computer's number): NULL, silently, when it cannot be had.
 */
static json_t *quiet_get(const char *path)
{
	struct client_reply r;
	json_t *j = NULL;

	if (client_call("GET", path, NULL, NULL, 0, &r))
		return NULL;
	if (r.status == 200 && r.body.len)
		j = json_loadb(r.body.ptr, r.body.len, 0, NULL);
	buf_release(&r.body);
	return j;
}

/* Department names by id ("3" → "信息中心"), or an empty object. */
static json_t *dept_names(void)
{
	json_t *list = quiet_get("/api/v1/departments?limit=500"), *names = json_object(), *d;
	size_t i;

	json_array_foreach(json_object_get(list, "items"), i, d)
	{
		char key[24];

		snprintf(key, sizeof(key), "%lld", client_int(d, "id"));
		json_object_set_new(names, key, json_string(client_str(d, "name", "")));
	}
	json_decref(list);
	return names;
}

/* "信息中心" for a department id, "#7" when its name is unknown, "—" for none. */
static const char *dept_label(json_t *names, json_t *id, char *out, size_t n)
{
	char key[24];

	if (!json_is_integer(id))
		return "—";
	snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(id));
	if (json_string_value(json_object_get(names, key)))
		return json_string_value(json_object_get(names, key));
	snprintf(out, n, "#%s", key);
	return out;
}

static const char *phase_zh(const char *code)
{
	enum insp_phase p;

	return code && insp_phase_parse(code, &p) == 0 ? insp_phase_zh(p) : "—";
}

/* A campaign id from args[i]; prints the usage line and returns -1 when absent or bad. */
static int campaign_arg(const struct cli_opts *o, int i, long long *id, const char *usage)
{
	if (o->nargs <= i || client_parse_id(o->args[i], "campaign", id)) {
		cli_error("usage: %s", usage);
		return -1;
	}
	return 0;
}

/* ---- checklists ---- */

static void print_checklists(json_t *j)
{
	size_t i;
	json_t *c;

	client_cell("ID", 5);
	client_cell("模板", 8);
	client_cell("项数", 4);
	client_cell("创建时间", 16);
	printf("名称\n");
	json_array_foreach(json_object_get(j, "items"), i, c)
	{
		char id[24], n[24], t[20];

		snprintf(id, sizeof(id), "%lld", client_int(c, "id"));
		snprintf(n, sizeof(n), "%lld", client_int(c, "items"));
		client_cell(id, 5);
		client_cell(client_str(c, "template", ""), 8);
		client_cell(n, 4);
		client_cell(client_time(json_object_get(c, "created_at"), t), 16);
		printf("%s\n", client_str(c, "name", ""));
	}
	printf("共 %lld 个 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void print_checklist(json_t *j)
{
	json_t *items = json_object_get(j, "items"), *it, *v;
	size_t i, k;

	printf("检查表 #%lld「%s」（模板 %s，%zu 项）\n", client_int(j, "id"),
	       client_str(j, "name", ""), client_str(j, "template", ""), json_array_size(items));
	client_cell("ID", 5);
	client_cell("类别", 14);
	client_cell("权重", 4);
	client_cell("检查项", 30);
	printf("自动发现 / fed by baomi-check\n");
	json_array_foreach(items, i, it)
	{
		char id[24], w[24];

		snprintf(id, sizeof(id), "%lld", client_int(it, "id"));
		snprintf(w, sizeof(w), "%lld", client_int(it, "weight"));
		client_cell(id, 5);
		client_cell(client_str(it, "category", ""), 14);
		client_cell(w, 4);
		client_cell(client_str(it, "title", ""), 30);
		json_array_foreach(json_object_get(it, "check_ids"), k, v)
		    printf("%s%s", k ? " " : "", json_string_value(v) ? json_string_value(v) : "");
		if (json_is_true(json_object_get(it, "keyword_hits")))
			printf("%s关键词命中",
			       json_array_size(json_object_get(it, "check_ids")) ? " " : "");
		printf("\n");
	}
}

static void checklist_created(json_t *j)
{
	printf("baomi: 已创建检查表 / checklist created: #%lld「%s」，%zu 项\n",
	       client_int(j, "id"), client_str(j, "name", ""),
	       json_array_size(json_object_get(j, "items")));
}

/* ---- campaigns ---- */

static void print_campaigns(json_t *j)
{
	size_t i;
	json_t *c;

	client_cell("ID", 5);
	client_cell("当前阶段", 10);
	client_cell("状态", 6);
	client_cell("部门", 4);
	client_cell("检查表", 6);
	printf("名称\n");
	json_array_foreach(json_object_get(j, "items"), i, c)
	{
		char id[24], nd[24], cl[24];

		snprintf(id, sizeof(id), "%lld", client_int(c, "id"));
		snprintf(nd, sizeof(nd), "%zu", json_array_size(json_object_get(c, "departments")));
		snprintf(cl, sizeof(cl), "#%lld", client_int(c, "checklist_id"));
		client_cell(id, 5);
		client_cell(phase_zh(client_str(c, "current_phase", NULL)), 10);
		client_cell(json_is_true(json_object_get(c, "closed")) ? "已结束" : "进行中", 6);
		client_cell(nd, 4);
		client_cell(cl, 6);
		printf("%s\n", client_str(c, "name", ""));
	}
	printf("共 %lld 个 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void print_campaign(json_t *c)
{
	static const char *const codes[INSP_PHASE_COUNT] = {"find", "targeted", "rectify", "spot"};
	json_t *phases = json_object_get(c, "phases"), *names = dept_names(), *v;
	size_t i;

	printf("检查活动 #%lld「%s」\n", client_int(c, "id"), client_str(c, "name", ""));
	printf("  检查表：#%lld\n", client_int(c, "checklist_id"));
	printf("  状态：%s  当前阶段：%s\n",
	       json_is_true(json_object_get(c, "closed")) ? "已结束" : "进行中",
	       phase_zh(client_str(c, "current_phase", NULL)));
	printf("  阶段 / phases\n");
	for (int p = 0; p < INSP_PHASE_COUNT; p++) {
		char k1[32], k2[32];

		snprintf(k1, sizeof(k1), "%s_start", codes[p]);
		snprintf(k2, sizeof(k2), "%s_end", codes[p]);
		printf("    ");
		client_cell(phase_zh(codes[p]), 8);
		printf("%s 至 %s\n", client_str(phases, k1, "—"), client_str(phases, k2, "—"));
	}
	printf("  检查部门：");
	json_array_foreach(json_object_get(c, "departments"), i, v)
	{
		char b[32];

		printf("%s%s", i ? "、" : "", dept_label(names, v, b, sizeof(b)));
	}
	printf("%s\n  检查人员（账户）：",
	       json_array_size(json_object_get(c, "departments")) ? "" : "（无）");
	json_array_foreach(json_object_get(c, "inspectors"), i, v)
	    printf("%s#%lld", i ? " " : "", (long long)json_integer_value(v));
	printf("%s\n", json_array_size(json_object_get(c, "inspectors")) ? "" : "（无）");
	json_decref(names);
}

static void campaign_created(json_t *c)
{
	printf("baomi: 已创建检查活动 / campaign created: #%lld「%s」，当前阶段 %s\n",
	       client_int(c, "id"), client_str(c, "name", ""),
	       phase_zh(client_str(c, "current_phase", NULL)));
}

static void campaign_saved(json_t *c)
{
	printf("baomi: 已保存检查活动 / campaign saved: #%lld「%s」，当前阶段 %s%s\n",
	       client_int(c, "id"), client_str(c, "name", ""),
	       phase_zh(client_str(c, "current_phase", NULL)),
	       json_is_true(json_object_get(c, "closed")) ? "（已结束）" : "");
}

/* ---- results and scores ---- */

static void print_results(json_t *j)
{
	json_t *names = dept_names(), *r;
	size_t i;

	client_cell("部门", 12);
	client_cell("检查项", 30);
	client_cell("结果", 6);
	client_cell("阶段", 8);
	client_cell("检查人", 10);
	client_cell("时间", 16);
	client_cell("证据", 4);
	printf("说明\n");
	json_array_foreach(json_object_get(j, "items"), i, r)
	{
		char d[32], t[20], ev[24], item[96];

		snprintf(item, sizeof(item), "#%lld %s", client_int(r, "item_id"),
		         client_str(r, "code", ""));
		snprintf(ev, sizeof(ev), "%lld", client_int(r, "evidence_files"));
		client_cell(dept_label(names, json_object_get(r, "department_id"), d, sizeof(d)),
		            12);
		client_cell(item, 30);
		client_cell(client_str(r, "result_zh", ""), 6);
		client_cell(phase_zh(client_str(r, "phase", NULL)), 8);
		client_cell(client_str(r, "inspector", ""), 10);
		client_cell(client_time(json_object_get(r, "at"), t), 16);
		client_cell(ev, 4);
		printf("%s\n", client_str(r, "note", ""));
	}
	printf("共 %lld 条 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
	json_decref(names);
}

static void score_row(const char *name, json_t *t)
{
	json_t *s = json_object_get(t, "score");
	char sc[24], n[4][24];
	const char *keys[4] = {"compliant", "noncompliant", "not_applicable", NULL};

	if (json_is_number(s))
		snprintf(sc, sizeof(sc), "%.2f", json_number_value(s));
	else
		snprintf(sc, sizeof(sc), "—");
	client_cell(name, 16);
	client_cell(sc, 7);
	for (int k = 0; keys[k]; k++) {
		snprintf(n[k], sizeof(n[k]), "%lld", client_int(t, keys[k]));
		client_cell(n[k], 6);
	}
	printf("%lld/%lld\n", client_int(t, "compliant_weight"),
	       client_int(t, "compliant_weight") + client_int(t, "noncompliant_weight"));
}

static void print_scores(json_t *j)
{
	json_t *d, *formula = json_object_get(j, "formula");
	size_t i;

	client_cell("部门", 16);
	client_cell("得分", 7);
	client_cell("符合", 6);
	client_cell("不符合", 6);
	client_cell("不适用", 6);
	printf("符合权重/适用权重\n");
	json_array_foreach(json_object_get(j, "departments"), i, d)
	    score_row(client_str(d, "department", ""), d);
	score_row("全单位 / unit", json_object_get(j, "unit"));
	printf("计分方法：%s\n", json_string_value(json_array_get(formula, 0))
	                             ? json_string_value(json_array_get(formula, 0))
	                             : "");
	if (json_string_value(json_array_get(formula, 1)))
		printf("          %s\n", json_string_value(json_array_get(formula, 1)));
}

static void evidence_stored(json_t *e)
{
	printf("baomi: 已上传证据 / evidence stored: #%lld %s（%lld 字节）\n  SHA-256 %s\n",
	       client_int(e, "id"), client_str(e, "name", ""), client_int(e, "size"),
	       client_str(e, "sha256", ""));
}

/* ---- findings and rectification ---- */

/* Up to max lines of text, each indented; a count of the rest. */
static void print_indented(const char *s, int max)
{
	int line = 0;

	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		if (n) {
			if (line == max) {
				int rest = 0;

				for (; *s; s++)
					rest += *s == '\n';
				printf("      …（另有约 %d 行，--format json 查看全部）\n",
				       rest + 1);
				return;
			}
			printf("      %.*s\n", (int)n, s);
			line++;
		}
		s += n + (e ? 1 : 0);
	}
}

static void print_findings(json_t *j)
{
	size_t i;
	json_t *f;

	client_cell("ID", 5);
	client_cell("严重程度", 8);
	client_cell("部门", 12);
	client_cell("来源", 8);
	client_cell("整改", 16);
	printf("问题\n");
	json_array_foreach(json_object_get(j, "items"), i, f)
	{
		json_t *t = json_object_get(f, "task");
		char id[24], st[64];

		snprintf(id, sizeof(id), "%lld", client_int(f, "id"));
		if (json_is_object(t))
			snprintf(st, sizeof(st), "#%lld %s%s", client_int(t, "id"),
			         client_str(t, "state_zh", ""),
			         json_is_true(json_object_get(t, "overdue")) ? "·逾期" : "");
		else
			snprintf(st, sizeof(st), "未布置");
		client_cell(id, 5);
		client_cell(client_str(f, "severity_zh", ""), 8);
		client_cell(
		    *client_str(f, "department", "") ? client_str(f, "department", "") : "—", 12);
		client_cell(!strcmp(client_str(f, "source", ""), "check") ? "终端检查" : "检查记录",
		            8);
		client_cell(st, 16);
		printf("%s\n", client_str(f, "title", ""));
		printf("      检查项：%s（%s）\n", client_str(f, "item_title", ""),
		       client_str(f, "category", ""));
		print_indented(client_str(f, "evidence", ""), 6);
	}
	printf("共 %lld 项 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void finding_created(json_t *f)
{
	printf("baomi: 已登记问题 / finding recorded: #%lld「%s」\n", client_int(f, "id"),
	       client_str(f, "title", ""));
}

static const char *state_zh(const char *code)
{
	enum rect_state s;

	return code && rect_state_parse(code, &s) == 0 ? rect_state_zh(s) : "";
}

static void task_assigned(json_t *t)
{
	printf("baomi: 已布置整改任务 / rectification assigned: #%lld（问题 #%lld），%s\n",
	       client_int(t, "id"), client_int(t, "finding_id"),
	       state_zh(client_str(t, "state", NULL)));
}

static void print_tasks(json_t *j)
{
	size_t i;
	json_t *t;

	client_cell("ID", 5);
	client_cell("状态", 14);
	client_cell("整改期限", 10);
	client_cell("责任人", 10);
	client_cell("部门", 12);
	client_cell("活动", 4);
	printf("问题\n");
	json_array_foreach(json_object_get(j, "items"), i, t)
	{
		char id[24], st[64], cp[24];

		snprintf(id, sizeof(id), "%lld", client_int(t, "id"));
		snprintf(st, sizeof(st), "%s%s", client_str(t, "state_zh", ""),
		         json_is_true(json_object_get(t, "overdue")) ? "·已逾期" : "");
		snprintf(cp, sizeof(cp), "#%lld", client_int(t, "campaign_id"));
		client_cell(id, 5);
		client_cell(st, 14);
		client_cell(client_str(t, "deadline", "—"), 10);
		client_cell(client_str(t, "responsible", ""), 10);
		client_cell(
		    *client_str(t, "department", "") ? client_str(t, "department", "") : "—", 12);
		client_cell(cp, 4);
		printf("%s\n", client_str(t, "finding", ""));
		if (*client_str(t, "plan", ""))
			printf("      整改措施计划：%s\n", client_str(t, "plan", ""));
		if (*client_str(t, "measures", ""))
			printf("      已采取措施：%s\n", client_str(t, "measures", ""));
		if (*client_str(t, "reason", ""))
			printf("      曾退回重改：%s\n", client_str(t, "reason", ""));
		if (json_string_value(json_object_get(t, "escalated_at")))
			printf("      已逾期上报部门负责人\n");
	}
	printf("共 %lld 项 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

static void task_moved(json_t *t)
{
	printf("baomi: 整改任务 #%lld → %s（%s）\n", client_int(t, "id"),
	       client_str(t, "state_zh", ""), client_str(t, "state", ""));
}

/* ---- spot checks ---- */

static void spot_recorded(json_t *s)
{
	printf("baomi: 已记录上级督查 / spot check recorded: #%lld（%s）\n", client_int(s, "id"),
	       json_is_true(json_object_get(s, "passed")) ? "通过" : "未通过");
}

static void print_spots(json_t *j)
{
	size_t i;
	json_t *s;

	client_cell("ID", 5);
	client_cell("督查单位", 20);
	client_cell("督查人", 10);
	client_cell("结果", 6);
	client_cell("整改任务", 8);
	client_cell("时间", 16);
	printf("说明\n");
	json_array_foreach(json_object_get(j, "items"), i, s)
	{
		char id[24], task[24], t[20];

		snprintf(id, sizeof(id), "%lld", client_int(s, "id"));
		if (json_is_integer(json_object_get(s, "task_id")))
			snprintf(task, sizeof(task), "#%lld", client_int(s, "task_id"));
		else
			snprintf(task, sizeof(task), "—");
		client_cell(id, 5);
		client_cell(client_str(s, "superior_unit", ""), 20);
		client_cell(client_str(s, "inspector", ""), 10);
		client_cell(json_is_true(json_object_get(s, "passed")) ? "通过" : "未通过", 6);
		client_cell(task, 8);
		client_cell(client_time(json_object_get(s, "at"), t), 16);
		printf("%s\n", client_str(s, "note", ""));
	}
	printf("共 %lld 次 / %lld total\n", client_int(j, "total"), client_int(j, "total"));
}

/* ---- baomi check ... ---- */

/*
 * The matched computer as "#ID 编号（部门）" from the campaign's list of
 * imported reports and the department; the bare ids when those cannot be
 * read.
 */
static void matched_computer(long long campaign, json_t *d, char *out, size_t n)
{
	char path[128], db[32];
	json_t *reports, *names, *x;
	const char *number = "";
	size_t i;

	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld/check-reports", campaign);
	reports = quiet_get(path);
	json_array_foreach(json_object_get(reports, "items"), i, x)
	{
		if (client_int(x, "id") == client_int(d, "report_id"))
			number = client_str(x, "carrier_number", "");
	}
	names = dept_names();
	snprintf(out, n, "#%lld %s（%s）", client_int(d, "carrier_id"), number,
	         dept_label(names, json_object_get(d, "department_id"), db, sizeof(db)));
	json_decref(names);
	json_decref(reports);
}

static int check_import(struct cli_opts *o, bool json)
{
	struct client_reply r;
	struct buf b;
	char path[128], computer[512];
	long long campaign;
	json_t *d;
	int rc;

	if (o->nargs != 2 || !o->campaign || client_parse_id(o->campaign, "campaign", &campaign))
		return cli_error("usage: baomi check import REPORT.json --campaign ID");
	if (client_read_file(o->args[1], &b))
		return EXIT_USAGE;
	/* the bytes exactly as baomi-check wrote them: the digest covers them */
	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld/check-reports", campaign);
	rc = client_call("POST", path, "application/json", b.ptr ? b.ptr : "", b.len, &r);
	buf_release(&b);
	if (rc)
		return EXIT_USAGE;
	if (json)
		return client_print_json(&r);
	rc = client_take_json(&r, &d);
	if (rc || !d)
		return rc;
	if (json_is_true(json_object_get(d, "already_imported"))) {
		printf(
		    "baomi: 已导入过 / already imported: 报告 #%lld，本次未作改动（新增问题 0）\n",
		    client_int(d, "report_id"));
		json_decref(d);
		return 0;
	}
	printf("baomi: 已导入 / imported: 报告 #%lld\n", client_int(d, "report_id"));
	printf("  主机 / host：%s\n", client_str(d, "hostname", ""));
	if (json_is_true(json_object_get(d, "unknown_host"))) {
		printf("  计算机 / computer：未登记主机 / unknown host"
		       "（台账中没有与之对应的涉密计算机：登记时序列号填其 /etc/machine-id "
		       "或硬盘序列号）\n");
	} else {
		matched_computer(campaign, d, computer, sizeof(computer));
		printf("  计算机 / computer：%s\n", computer);
	}
	printf("  未通过检查 / failed checks：%lld\n", client_int(d, "failed_checks"));
	printf("  关键词命中 / keyword hits：%lld\n", client_int(d, "keyword_hits"));
	printf("  新增问题 / findings created：%lld\n", client_int(d, "findings_created"));
	json_decref(d);
	return 0;
}

/*
 * The key file as baomi-check reads it (trailing CR/LF removed), sent as
 * {"key": ...}; an empty file removes the key.  Every copy we hold is wiped.
 */
static int check_key(struct cli_opts *o)
{
	struct client_reply r;
	struct buf b;
	json_t *j = NULL, *k = NULL;
	char *s = NULL;
	size_t len;
	int rc = EXIT_USAGE;

	if (o->nargs != 1 || !o->file)
		return cli_error(
		    "usage: baomi check key --file KEYFILE   (an empty file removes the key)");
	if (client_read_file(o->file, &b))
		return EXIT_USAGE;
	len = b.len;
	while (len && (b.ptr[len - 1] == '\n' || b.ptr[len - 1] == '\r'))
		len--;
	if (len && (len < CHECK_KEY_MIN || len > CHECK_KEY_MAX)) {
		cli_error("%s: the key must be %d to %d bytes (it has %zu)", o->file, CHECK_KEY_MIN,
		          CHECK_KEY_MAX, len);
		goto out;
	}
	if (len && memchr(b.ptr, '\0', len)) {
		cli_error("%s: the key must be text without NUL bytes (e.g. openssl rand -hex 32)",
		          o->file);
		goto out;
	}
	k = json_stringn(len ? b.ptr : "", len);
	if (!k) {
		cli_error("%s: the key must be UTF-8 text (e.g. openssl rand -hex 32)", o->file);
		goto out;
	}
	j = json_pack("{sO}", "key", k);
	s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	if (!s) {
		cli_error("out of memory");
		goto out;
	}
	if (client_call("PUT", "/api/v1/check-key", "application/json", s, strlen(s), &r))
		goto out;
	rc = client_report(&r);
	buf_release(&r.body);
	if (!rc && len)
		printf("baomi: 已设置 baomi-check 报告密钥 / check key set (HMAC-SM3, %zu 字节)\n",
		       len);
	else if (!rc)
		printf("baomi: 已取消 baomi-check 报告密钥 / check key removed\n");
out:
	if (s) {
		sodium_memzero(s, strlen(s));
		free(s);
	}
	json_decref(j);
	json_decref(k);
	if (b.ptr)
		sodium_memzero(b.ptr, b.len);
	buf_release(&b);
	return rc;
}

int cmd_check(struct cli_opts *o)
{
	struct client_reply r;
	const char *sub = o->nargs ? o->args[0] : NULL;
	bool json;

	if (!sub)
		return cli_error("usage: baomi check import|media-list|key (see 'baomi help')");
	if (client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "import"))
		return check_import(o, json);
	if (!strcmp(sub, "media-list")) {
		if (o->nargs != 1 || !o->output)
			return cli_error("usage: baomi check media-list -o FILE");
		if (client_call("GET", "/api/v1/carrier-media-list", NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	if (!strcmp(sub, "key"))
		return check_key(o);
	return cli_error("check: unknown subcommand '%s' (see 'baomi help')", sub);
}

/* ---- baomi inspect ... ---- */

static int do_result(struct cli_opts *o, long long campaign, bool json)
{
	struct client_reply r;
	char path[128];
	long long item, dept;
	enum insp_result res;
	json_t *j;
	int rc;

	if (o->nargs != 2 || !o->item || !o->department || !o->result ||
	    client_parse_id(o->item, "checklist item", &item) ||
	    client_parse_id(o->department, "department", &dept))
		return cli_error("usage: baomi inspect result CAMPAIGN --item ID --department ID "
		                 "--result compliant|noncompliant|na [--note TEXT]");
	j = json_pack("{sI sI ss}", "item_id", (json_int_t)item, "department_id", (json_int_t)dept,
	              "result", o->result);
	if (j && o->note)
		json_object_set_new(j, "note", json_string(o->note));
	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld/results", campaign);
	if (!j || client_send_json("PUT", path, j, &r))
		return EXIT_USAGE;
	if (json)
		return client_print_json(&r);
	rc = client_take_json(&r, &j);
	json_decref(j);
	if (!rc)
		printf("baomi: 已记录 / recorded: 检查项 #%lld · 部门 #%lld：%s\n", item, dept,
		       insp_result_parse(o->result, &res) == 0 ? insp_result_zh(res) : o->result);
	return rc;
}

static int do_evidence(struct cli_opts *o, long long campaign, bool json)
{
	struct client_reply r;
	struct buf b;
	char path[1024];
	const char *name;
	long long item, dept;
	int rc;

	if (o->nargs != 3 || !o->item || !o->department ||
	    client_parse_id(o->item, "checklist item", &item) ||
	    client_parse_id(o->department, "department", &dept))
		return cli_error(
		    "usage: baomi inspect evidence CAMPAIGN --item ID --department ID FILE");
	name = strrchr(o->args[2], '/') ? strrchr(o->args[2], '/') + 1 : o->args[2];
	if (!*name || !strcmp(o->args[2], "-"))
		return cli_error("inspect evidence: '%s' is not a file name", o->args[2]);
	if (client_read_file(o->args[2], &b))
		return EXIT_USAGE;
	snprintf(path, sizeof(path),
	         "/api/v1/campaigns/%lld/evidence?item_id=%lld&department_id=%lld", campaign, item,
	         dept);
	client_add_query(path, sizeof(path), "name", name);
	rc = client_call("POST", path, "application/octet-stream", b.ptr ? b.ptr : "", b.len, &r);
	buf_release(&b);
	if (rc)
		return EXIT_USAGE;
	return client_show(&r, json, evidence_stored);
}

static int do_assign(struct cli_opts *o, bool json)
{
	char path[128];
	long long finding, who;
	json_t *j;

	if (o->nargs != 2 || !o->responsible || !o->deadline ||
	    client_parse_id(o->args[1], "finding", &finding) ||
	    client_parse_id(o->responsible, "account", &who))
		return cli_error("usage: baomi inspect assign FINDING --responsible ACCOUNT_ID "
		                 "--deadline YYYY-MM-DD [--plan TEXT] [--department ID]");
	j = json_pack("{sI ss}", "responsible_id", (json_int_t)who, "deadline", o->deadline);
	if (j && o->plan)
		json_object_set_new(j, "plan", json_string(o->plan));
	if (j && o->department) {
		long long dept;

		if (client_parse_id(o->department, "department", &dept)) {
			json_decref(j);
			return EXIT_USAGE;
		}
		json_object_set_new(j, "department_id", json_integer(dept));
	}
	snprintf(path, sizeof(path), "/api/v1/findings/%lld/task", finding);
	return client_submit("POST", path, j, json, task_assigned);
}

static int do_task(struct cli_opts *o, bool json)
{
	enum rect_action a;
	char path[128];
	long long id;
	json_t *j;

	if (o->nargs != 3 || client_parse_id(o->args[1], "rectification task", &id) ||
	    rect_action_parse(o->args[2], &a))
		return cli_error("usage: baomi inspect task TASK_ID start|done|verify|reject "
		                 "[--measures TEXT] [--reason TEXT]");
	j = json_pack("{ss}", "action", rect_action_code(a));
	if (j && o->measures)
		json_object_set_new(j, "measures", json_string(o->measures));
	if (j && o->reason)
		json_object_set_new(j, "reason", json_string(o->reason));
	snprintf(path, sizeof(path), "/api/v1/rect-tasks/%lld/actions", id);
	return client_submit("POST", path, j, json, task_moved);
}

/* GET /api/v1/campaigns/ID/WHAT[?department_id=D] shown by text. */
static int campaign_get(struct cli_opts *o, const char *what, bool dept, bool json,
                        void (*text)(json_t *))
{
	char path[256], usage[128];
	long long id, d;

	snprintf(usage, sizeof(usage), "baomi inspect %s CAMPAIGN%s", o->args[0],
	         dept ? " [--department ID]" : "");
	if (o->nargs != 2)
		return cli_error("usage: %s", usage);
	if (campaign_arg(o, 1, &id, usage))
		return EXIT_USAGE;
	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld%s%s", id, *what ? "/" : "", what);
	if (dept && o->department) {
		if (client_parse_id(o->department, "department", &d))
			return EXIT_USAGE;
		snprintf(path + strlen(path), sizeof(path) - strlen(path), "?department_id=%lld",
		         d);
	}
	return client_get(path, json, text);
}

int cmd_inspect(struct cli_opts *o)
{
	struct client_reply r;
	const char *sub = o->nargs ? o->args[0] : NULL;
	char path[256];
	long long id;
	bool json = false;

	if (!sub)
		return cli_error(
		    "usage: baomi inspect checklists|checklist|checklist-create|campaigns|"
		    "campaign|create|edit|result|results|scores|evidence|findings|"
		    "finding-add|assign|tasks|task|spot|spots|report (see 'baomi help')");
	if (strcmp(sub, "report") && client_want_json(o->format, &json))
		return EXIT_USAGE;
	if (!strcmp(sub, "checklists") || !strcmp(sub, "campaigns")) {
		if (o->nargs != 1)
			return cli_error("usage: baomi inspect %s", sub);
		return client_get(
		    !strcmp(sub, "checklists") ? "/api/v1/checklists" : "/api/v1/campaigns", json,
		    !strcmp(sub, "checklists") ? print_checklists : print_campaigns);
	}
	if (!strcmp(sub, "checklist")) {
		if (o->nargs != 2 || client_parse_id(o->args[1], "checklist", &id))
			return cli_error("usage: baomi inspect checklist ID");
		snprintf(path, sizeof(path), "/api/v1/checklists/%lld", id);
		return client_get(path, json, print_checklist);
	}
	if (!strcmp(sub, "checklist-create")) {
		if (o->nargs != 1)
			return cli_error("usage: baomi inspect checklist-create [--template seed]");
		return client_submit("POST", "/api/v1/checklists",
		                     json_pack("{ss}", "template", o->tmpl ? o->tmpl : "seed"),
		                     json, checklist_created);
	}
	if (!strcmp(sub, "campaign"))
		return campaign_get(o, "", false, json, print_campaign);
	if (!strcmp(sub, "create")) {
		if (o->nargs != 1 || !o->json)
			return cli_error("usage: baomi inspect create --json FILE|-|'{...}'");
		return client_submit("POST", "/api/v1/campaigns", client_json_arg(o->json), json,
		                     campaign_created);
	}
	if (!strcmp(sub, "edit")) {
		if (o->nargs != 2 || !o->json || client_parse_id(o->args[1], "campaign", &id))
			return cli_error("usage: baomi inspect edit ID --json FILE|-|'{...}'");
		snprintf(path, sizeof(path), "/api/v1/campaigns/%lld", id);
		return client_submit("PATCH", path, client_json_arg(o->json), json, campaign_saved);
	}
	if (!strcmp(sub, "results"))
		return campaign_get(o, "results", true, json, print_results);
	if (!strcmp(sub, "scores"))
		return campaign_get(o, "scores", false, json, print_scores);
	if (!strcmp(sub, "findings"))
		return campaign_get(o, "findings", true, json, print_findings);
	if (!strcmp(sub, "spots"))
		return campaign_get(o, "spot-checks", false, json, print_spots);
	if (!strcmp(sub, "result") || !strcmp(sub, "evidence")) {
		if (campaign_arg(
		        o, 1, &id,
		        !strcmp(sub, "result")
		            ? "baomi inspect result CAMPAIGN --item ID --department ID "
		              "--result compliant|noncompliant|na [--note TEXT]"
		            : "baomi inspect evidence CAMPAIGN --item ID --department ID FILE"))
			return EXIT_USAGE;
		return !strcmp(sub, "result") ? do_result(o, id, json) : do_evidence(o, id, json);
	}
	if (!strcmp(sub, "finding-add") || !strcmp(sub, "spot")) {
		bool spot = !strcmp(sub, "spot");

		if (o->nargs != 2 || !o->json || client_parse_id(o->args[1], "campaign", &id))
			return cli_error("usage: baomi inspect %s CAMPAIGN --json FILE|-|'{...}'",
			                 sub);
		snprintf(path, sizeof(path), "/api/v1/campaigns/%lld/%s", id,
		         spot ? "spot-checks" : "findings");
		return client_submit("POST", path, client_json_arg(o->json), json,
		                     spot ? spot_recorded : finding_created);
	}
	if (!strcmp(sub, "assign"))
		return do_assign(o, json);
	if (!strcmp(sub, "tasks")) {
		long long c = 0;

		if (o->nargs != 1 || (o->campaign && client_parse_id(o->campaign, "campaign", &c)))
			return cli_error(
			    "usage: baomi inspect tasks [--campaign ID] [--overdue] [--mine]");
		snprintf(path, sizeof(path), "/api/v1/rect-tasks");
		client_add_query(path, sizeof(path), "campaign_id", o->campaign);
		client_add_query(path, sizeof(path), "overdue", o->overdue ? "1" : NULL);
		client_add_query(path, sizeof(path), "mine", o->mine ? "1" : NULL);
		return client_get(path, json, print_tasks);
	}
	if (!strcmp(sub, "task"))
		return do_task(o, json);
	if (!strcmp(sub, "report")) {
		const char *fmt = o->format ? o->format : "pdf";

		if (o->nargs != 2 || !o->output || client_parse_id(o->args[1], "campaign", &id))
			return cli_error(
			    "usage: baomi inspect report CAMPAIGN --format pdf|xlsx -o FILE");
		snprintf(path, sizeof(path), "/api/v1/campaigns/%lld/report", id);
		client_add_query(path, sizeof(path), "format", fmt);
		if (client_call("GET", path, NULL, NULL, 0, &r))
			return EXIT_USAGE;
		return client_save(&r, o->output);
	}
	return cli_error("inspect: unknown subcommand '%s' (see 'baomi help')", sub);
}
