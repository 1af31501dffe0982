/*
 * baomi — confidentiality management and security-incident response.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

static const char usage[] =
    "用法 / usage: baomi COMMAND [options]\n"
    "\n"
    "  init    --data DIR --unit NAME [--code CODE]   创建数据目录 / create a data directory\n"
    "  serve   --data DIR [--listen ADDR:PORT]        启动服务 / run the server\n"
    "  demo    [--data DIR] [--listen ADDR:PORT]      演示单位并启动 / demo unit + server\n"
    "  backup  --data DIR FILE                        在线备份 / online backup\n"
    "  restore --data DIR FILE                        恢复备份（服务须停止）/ restore (server "
    "stopped)\n"
    "  audit verify --data DIR [--threads N]          校验审计链 / verify the audit chain\n"
    "  audit acknowledge-gap --data DIR --reason TEXT 记录数据回退缺口，服务方可启动 /\n"
    "                                                 record a rollback gap so the server starts\n"
    "  account reset-password --data DIR USER         本地重置密码 / reset a password locally\n"
    "  account unlock --data DIR USER                 本地解锁 / unlock an account locally\n"
    "  routes                                         列出 API 路由 / list API routes\n"
    "\n"
    "客户端命令（连接运行中的服务，BAOMI_URL、BAOMI_TOKEN）/ client commands (BAOMI_URL, "
    "BAOMI_TOKEN):\n"
    "  carrier list|show|register|ACTION|request|approve|import|export ...  涉密载体台账\n"
    "  people find NAME                                按姓名查账户编号 / account ids by name\n"
    "  incident list [--kind K] [--state S] [--level L] [--open] [--overdue] [--q TEXT]\n"
    "  incident show|timeline|versions ID              事件详情、报告时限倒计时 / detail\n"
    "  incident report --json FILE|-                   报告事件 / report an incident\n"
    "  incident ACTION ID [--json FILE|-] [--note T]   supplement verify dismiss(--reason)\n"
    "      grade(--level) activate(--level [--plan ID]) handle end_handling\n"
    "      summarise(--json 附件三) close evaluate(--json)\n"
    "  incident met DUTY_ID [--note T] [--at TIME]     登记已报送 / record a report sent\n"
    "  incident task ID --title T [--assignee ACCOUNT_ID] [--due TIME] | task-done TASK_ID\n"
    "  incident stats [--from DATE] [--to DATE]        按时报告率 / on-time rate\n"
    "  incident form ID --which report|result --format pdf|html -o FILE   附件二/三\n"
    "  incident package ID -o FILE                     签名上报包 / signed package\n"
    "  plan list|templates|show ID|create --template leak|cyber|create --json FILE\n"
    "  plan edit ID --json FILE|approve ID|file ID --with TEXT|retire ID|revise ID\n"
    "  warning list [--active]|show ID|publish --json FILE|adjust ID --json FILE|lift ID\n"
    "  calendar show [--year Y] | load FILE            工作日日历 / working-day calendar\n"
    "  report key|trust --unit-code C --unit-name N --pem FILE|trusted|untrust ID\n"
    "  report receive FILE|received|show-received ID   下级上报 / reports from below\n"
    "  check import REPORT.json --campaign ID          导入 baomi-check 报告 / import a report\n"
    "  check media-list -o FILE                        载体清单（baomi-check --media）/ media "
    "list\n"
    "  check key --file KEYFILE                        报告 HMAC 密钥（安全保密管理员）/ check "
    "key\n"
    "  inspect checklists|checklist ID|checklist-create [--template seed]   检查表 / checklists\n"
    "  inspect campaigns|campaign ID|create --json FILE|edit ID --json FILE   自查活动 / "
    "campaigns\n"
    "  inspect result CAMPAIGN --item ID --department ID --result compliant|noncompliant|na\n"
    "      [--note T]                                  记录检查结果 / record a result\n"
    "  inspect results CAMPAIGN [--department ID]|scores CAMPAIGN   结果、得分 / results, scores\n"
    "  inspect evidence CAMPAIGN --item ID --department ID FILE     上传证据 / evidence file\n"
    "  inspect findings CAMPAIGN [--department ID]|finding-add CAMPAIGN --json FILE   问题\n"
    "  inspect assign FINDING --responsible ACCOUNT_ID --deadline YYYY-MM-DD [--plan T]\n"
    "  inspect tasks [--campaign ID] [--overdue] [--mine]           整改任务 / rectification\n"
    "  inspect task TASK_ID start|done|verify|reject [--measures T] [--reason T]\n"
    "  inspect spot CAMPAIGN --json FILE|spots CAMPAIGN             上级督查 / spot checks\n"
    "  inspect report CAMPAIGN --format pdf|xlsx -o FILE            自查工作报告 / report\n"
    "  Text output by default; --format json prints the API's answer.\n"
    "\n"
    "  --data may come from BAOMI_DATA. serve options: --threads N, --max-body BYTES,\n"
    "  --insecure-cookie (omit the cookie's Secure flag behind plain-HTTP proxies).\n"
    "  Exit codes: 0 success, 1 check found problems, 2 usage or input error.\n";

int cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("baomi: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

static int parse_num(const char *opt, const char *v, long long lo, long long hi, long long *out)
{
	char *end;
	long long n = strtoll(v, &end, 10);

	if (!*v || *end || n < lo || n > hi) {
		cli_error("%s %s: expected a number from %lld to %lld", opt, v, lo, hi);
		return -1;
	}
	*out = n;
	return 0;
}

int cli_parse(int argc, char **argv, struct cli_opts *o)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **target = NULL;
		long long n;

		if (!strcmp(a, "--data"))
			target = &o->data;
		else if (!strcmp(a, "--listen"))
			target = &o->listen;
		else if (!strcmp(a, "--unit"))
			target = &o->unit;
		else if (!strcmp(a, "--code"))
			target = &o->code;
		else if (!strcmp(a, "--format"))
			target = &o->format;
		else if (!strcmp(a, "-o") || !strcmp(a, "--output"))
			target = &o->output;
		else if (!strcmp(a, "--json"))
			target = &o->json;
		else if (!strcmp(a, "--q"))
			target = &o->q;
		else if (!strcmp(a, "--level"))
			target = &o->level;
		else if (!strcmp(a, "--state"))
			target = &o->state;
		else if (!strcmp(a, "--type"))
			target = &o->type;
		else if (!strcmp(a, "--reason"))
			target = &o->reason;
		else if (!strcmp(a, "--comment"))
			target = &o->comment;
		else if (!strcmp(a, "--kind"))
			target = &o->kind;
		else if (!strcmp(a, "--plan"))
			target = &o->plan;
		else if (!strcmp(a, "--note"))
			target = &o->note;
		else if (!strcmp(a, "--at"))
			target = &o->at;
		else if (!strcmp(a, "--title"))
			target = &o->title;
		else if (!strcmp(a, "--assignee"))
			target = &o->assignee;
		else if (!strcmp(a, "--due"))
			target = &o->due;
		else if (!strcmp(a, "--from"))
			target = &o->from;
		else if (!strcmp(a, "--to"))
			target = &o->to;
		else if (!strcmp(a, "--year"))
			target = &o->year;
		else if (!strcmp(a, "--with"))
			target = &o->with;
		else if (!strcmp(a, "--template"))
			target = &o->tmpl;
		else if (!strcmp(a, "--unit-code"))
			target = &o->unit_code;
		else if (!strcmp(a, "--unit-name"))
			target = &o->unit_name;
		else if (!strcmp(a, "--pem"))
			target = &o->pem;
		else if (!strcmp(a, "--which"))
			target = &o->which;
		else if (!strcmp(a, "--campaign"))
			target = &o->campaign;
		else if (!strcmp(a, "--item"))
			target = &o->item;
		else if (!strcmp(a, "--department"))
			target = &o->department;
		else if (!strcmp(a, "--result"))
			target = &o->result;
		else if (!strcmp(a, "--responsible"))
			target = &o->responsible;
		else if (!strcmp(a, "--deadline"))
			target = &o->deadline;
		else if (!strcmp(a, "--measures"))
			target = &o->measures;
		else if (!strcmp(a, "--file"))
			target = &o->file;
		else if (!strcmp(a, "--open")) {
			o->open = true;
			continue;
		} else if (!strcmp(a, "--overdue")) {
			o->overdue = true;
			continue;
		} else if (!strcmp(a, "--active")) {
			o->active = true;
			continue;
		} else if (!strcmp(a, "--mine")) {
			o->mine = true;
			continue;
		} else if (!strcmp(a, "--insecure-cookie")) {
			o->insecure_cookie = 1;
			continue;
		} else if (!strcmp(a, "--threads") || !strcmp(a, "--max-body")) {
			if (i + 1 >= argc)
				return cli_error("%s needs a value", a), -1;
			if (!strcmp(a, "--threads")) {
				if (parse_num(a, argv[++i], 1, 16, &n))
					return -1;
				o->threads = (int)n;
			} else {
				if (parse_num(a, argv[++i], 1024, 256LL << 20, &n))
					return -1;
				o->max_body = (size_t)n;
			}
			continue;
		} else if (a[0] == '-' && a[1]) {
			return cli_error("unknown option %s (see 'baomi help')", a), -1;
		} else {
			if (o->nargs >= 4)
				return cli_error("too many arguments at '%s'", a), -1;
			o->args[o->nargs++] = a;
			continue;
		}
		if (i + 1 >= argc)
			return cli_error("%s needs a value", a), -1;
		*target = argv[++i];
	}
	return 0;
}

const char *cli_data_dir(const struct cli_opts *o)
{
	const char *d = o->data ? o->data : getenv("BAOMI_DATA");

	if (!d || !*d) {
		cli_error("no data directory: give --data DIR or set BAOMI_DATA");
		return NULL;
	}
	return d;
}

int main(int argc, char **argv)
{
	struct cli_opts o;
	const char *cmd;

	/*
	 * Everything baomi writes (the database and its -wal/-shm, a restored
	 * database, keys, exports) holds secrets: owner only.
	 */
	umask(077);
	if (sodium_init() < 0) {
		fprintf(stderr, "baomi: libsodium failed to initialise\n");
		return EXIT_USAGE;
	}
	memset(&o, 0, sizeof(o));
	int skip = 2;

	if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : 0;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		puts("baomi 0.1.0");
		return 0;
	}

	if (cli_parse(argc - skip, argv + skip, &o))
		return EXIT_USAGE;
	if (!strcmp(cmd, "init"))
		return cmd_init(&o);
	if (!strcmp(cmd, "serve"))
		return cmd_serve(&o);
	if (!strcmp(cmd, "demo"))
		return cmd_demo(&o);
	if (!strcmp(cmd, "backup"))
		return cmd_backup(&o);
	if (!strcmp(cmd, "restore"))
		return cmd_restore(&o);
	if (!strcmp(cmd, "audit"))
		return cmd_audit(&o);
	if (!strcmp(cmd, "account"))
		return cmd_account(&o);
	if (!strcmp(cmd, "routes"))
		return cmd_routes(&o);
	if (!strcmp(cmd, "carrier"))
		return cmd_carrier(&o);
	if (!strcmp(cmd, "incident"))
		return cmd_incident(&o);
	if (!strcmp(cmd, "plan"))
		return cmd_plan(&o);
	if (!strcmp(cmd, "warning"))
		return cmd_warning(&o);
	if (!strcmp(cmd, "calendar"))
		return cmd_calendar(&o);
	if (!strcmp(cmd, "report"))
		return cmd_report(&o);
	if (!strcmp(cmd, "inspect"))
		return cmd_inspect(&o);
	if (!strcmp(cmd, "check"))
		return cmd_check(&o);
	if (!strcmp(cmd, "people"))
		return cmd_people(&o);
	cli_error("unknown command '%s'", cmd);
	fputs(usage, stderr);
	return EXIT_USAGE;
}
