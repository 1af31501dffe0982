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

#include "../util/conf.h"

/*
 * Every command the program dispatches, with its help: `baomi help`,
 * `baomi help COMMAND` and `baomi COMMAND [SUBCOMMAND] --help` print from
 * here, and man/baomi.1.scd documents the same list (tests/integration/
 * t0012-cli-help.sh keeps the three in step).
 */
struct command {
	const char *name;
	int (*run)(struct cli_opts *o);
	bool client; /* talks to a running server (BAOMI_URL, BAOMI_TOKEN) */
	const char *help;
};

static const struct command commands[] = {
    {"init", cmd_init, false,
     "  init    --data DIR --unit NAME [--code CODE]   创建数据目录 / create a data directory\n"},
    {"serve", cmd_serve, false,
     "  serve   --data DIR [--listen ADDR:PORT]        启动服务 / run the server\n"
     "      [--config FILE] [--threads N] [--max-body BYTES] [--insecure-cookie]\n"
     "      [--tls-cert FILE --tls-key FILE]           HTTPS（TLS 1.2+）/ serve HTTPS\n"},
    {"demo", cmd_demo, false,
     "  demo    [--data DIR] [--listen ADDR:PORT]      演示单位并启动 / demo unit + server\n"},
    {"backup", cmd_backup, false,
     "  backup  --data DIR FILE                        在线备份 / online backup\n"
     "  backup  --data DIR --backup-dir DIR [--backup-keep N]\n"
     "                                                 带时间戳的备份并只保留最新 N 份 /\n"
     "                                                 timestamped backup, keep the newest N\n"},
    {"restore", cmd_restore, false,
     "  restore --data DIR FILE                        恢复备份（服务须停止）/ restore (server "
     "stopped)\n"},
    {"audit", cmd_audit, false,
     "  audit verify --data DIR [--threads N]          校验审计链 / verify the audit chain\n"
     "  audit acknowledge-gap --data DIR --reason TEXT 记录数据回退缺口，服务方可启动 /\n"
     "                                                 record a rollback gap so the server "
     "starts\n"},
    {"account", cmd_account, false,
     "  account reset-password --data DIR USER         本地重置密码 / reset a password locally\n"
     "  account unlock --data DIR USER                 本地解锁 / unlock an account locally\n"},
    {"routes", cmd_routes, false,
     "  routes                                         列出 API 路由 / list API routes\n"},
    {"carrier", cmd_carrier, true,
     "  carrier list [--q TEXT] [--state S] [--type T] [--level L]   涉密载体台账 / ledger\n"
     "  carrier show|history ID | stats | reminders | requests\n"
     "  carrier register --json FILE|-                 登记载体 / register a carrier\n"
     "  carrier ACTION ID [--json FILE|-]              状态变更 / lifecycle action: borrow\n"
     "      return circulate sign take_out repair repair_done return_issuer destroy\n"
     "      declassify change_level extend archive copy review restore\n"
     "  carrier request ID ACTION --reason TEXT        申请审批 / ask for approval\n"
     "  carrier approve|reject REQUEST_ID [--comment T]  审批 / decide a request\n"
     "  carrier import FILE | export [--format xlsx|csv] -o FILE   导入导出 / files\n"},
    {"people", cmd_people, true,
     "  people find NAME                               按姓名查账户编号 / account ids by name\n"},
    {"duty", cmd_duty, true,
     "  duty now [--at TIME] | shifts|log [--from DATE] [--to DATE]   值班 / who is on duty\n"
     "  duty generate --json FILE|- | log-add --title TEXT [--kind call|event|other]\n"},
    {"incident", cmd_incident, true,
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
     "  incident package ID -o FILE                     签名上报包 / signed package\n"},
    {"plan", cmd_plan, true,
     "  plan list|templates|show ID|create --template leak|cyber|create --json FILE\n"
     "  plan edit ID --json FILE|approve ID|file ID --with TEXT|retire ID|revise ID\n"},
    {"warning", cmd_warning, true,
     "  warning list [--active]|show ID|publish --json FILE|adjust ID --json FILE|lift ID\n"},
    {"calendar", cmd_calendar, true,
     "  calendar show [--year Y] | load FILE            工作日日历 / working-day calendar\n"},
    {"report", cmd_report, true,
     "  report key|trust --unit-code C --unit-name N --pem FILE|trusted|untrust ID\n"
     "  report receive FILE|received|show-received ID   下级上报 / reports from below\n"},
    {"check", cmd_check, true,
     "  check import REPORT.json --campaign ID          导入 baomi-check 报告 / import a report\n"
     "  check media-list -o FILE                        载体清单（baomi-check --media）/ media "
     "list\n"
     "  check key --file KEYFILE                        报告 HMAC 密钥（安全保密管理员）/ check "
     "key\n"},
    {"review", cmd_review, true,
     "  review list|show ID|submit FILE --title T --channel website|wechat|news|other\n"
     "  review upload ID FILE                           修改稿（重新审查）/ edited draft\n"
     "  review approve ID --reason T|reject ID --reason T   审查意见 / decide the current step\n"
     "  review clear HIT_ID --reason T                  核实命中无密（保密员）/ clear a hit\n"
     "  review publish ID --channel C --at YYYY-MM-DD [--place P] [--note T]   登记发布\n"
     "  review register                                 发布登记 / publication register\n"
     "  review keywords|keyword-add WORD --level L [--note T]|keyword-delete ID   关键词\n"
     "  review chain [--with dept_head,officer,leader]  审查流程 / review chain\n"},
    {"inspect", cmd_inspect, true,
     "  inspect checklists|checklist ID|checklist-create [--template seed]   检查表 / "
     "checklists\n"
     "  inspect campaigns|campaign ID|create --json FILE|edit ID --json FILE   自查活动 / "
     "campaigns\n"
     "  inspect result CAMPAIGN --item ID --department ID --result compliant|noncompliant|na\n"
     "      [--note T]                                  记录检查结果 / record a result\n"
     "  inspect results CAMPAIGN [--department ID]|scores CAMPAIGN   结果、得分 / results, "
     "scores\n"
     "  inspect evidence CAMPAIGN --item ID --department ID FILE     上传证据 / evidence file\n"
     "  inspect findings CAMPAIGN [--department ID]|finding-add CAMPAIGN --json FILE   问题\n"
     "  inspect assign FINDING --responsible ACCOUNT_ID --deadline YYYY-MM-DD [--plan T]\n"
     "  inspect tasks [--campaign ID] [--overdue] [--mine]           整改任务 / rectification\n"
     "  inspect task TASK_ID start|done|verify|reject [--measures T] [--reason T]\n"
     "  inspect spot CAMPAIGN --json FILE|spots CAMPAIGN             上级督查 / spot checks\n"
     "  inspect report CAMPAIGN --format pdf|xlsx -o FILE            自查工作报告 / report\n"},
    {"contact", cmd_contact, true,
     "  contact list [--q TEXT] [--kind K] | show ID     通讯录 / contact list\n"
     "  contact add --json FILE | edit ID --json FILE | remove ID\n"
     "  contact import-plan PLAN_ID                      导入预案指挥部成员 / from a plan\n"
     "  contact roster --format pdf|xlsx -o FILE         附件一 / members and liaisons\n"},
    {"reward", cmd_reward, true,
     "  reward list [--campaign ID] | show ID | add --json FILE   奖惩 / rewards, penalties\n"},
    {"stats", cmd_stats, true,
     "  stats [show] [--year Y] [--unit ID]             年度统计 / the year's statistics\n"
     "  stats records FIGURE [PART] [--year Y] [--unit ID]   统计项明细 / a figure's records\n"
     "  stats export --format pdf|xlsx -o FILE [--year Y] [--unit ID]   统计报表 / report\n"
     "  stats package -o FILE [--year Y]|receive FILE   上报与接收 / upward packages\n"},
    {"place", cmd_place, true,
     "  place list|show ID|visits                      要害部门部位、待审批来访 / key places\n"
     "  place register --json FILE|edit ID --json FILE 登记、修改（保密员）/ register, edit\n"
     "  place request|entry ID --json FILE             来访申请、未经批准进入 / visit, entry\n"
     "  place approve|reject VISIT_ID [--comment T]    审批来访 / decide a visit\n"
     "  place enter VISIT_ID --json FILE|leave|cancel VISIT_ID   来访登记 / visit log\n"},
    {"training", cmd_training, true,
     "  training sessions [--year Y] [--kind K] | show SESSION   教育培训 / training sessions\n"
     "  training add --json FILE|-                     登记培训 / record a session\n"
     "  training sign SESSION --json FILE|-            批量签到 / sign attendance in bulk\n"
     "  training record PERSON_ID [--year Y]           个人培训档案 / a person's record\n"
     "  training stats [--year Y]                      年度统计 / yearly statistics\n"
     "  training report [--year Y] --format pdf|xlsx -o FILE   统计报表 / statistics file\n"
     "  training targets [--json FILE|-]               年度学时要求 / yearly targets\n"},
    {"inventory", cmd_inventory, true,
     "  inventory list|show ID|open --json FILE|close ID             清查盘点 / inventories\n"
     "  inventory scan ID CODE|- [PLACE]        扫描登记（- 逐行读标准输入）/ scan labels\n"
     "  inventory report ID --format pdf|xlsx -o FILE                清查报告 / report\n"
     "  inventory labels --json '{\"carriers\":[ID,...],\"layout\":\"a4-3x8\"}' -o FILE   "
     "载体标签 / labels\n"},
    {"drill", cmd_drill, true,
     "  drill list [--year Y]|show ID|plan --json FILE  应急演练计划 / drill plan\n"
     "  drill start|end ID|summarise|notify|cancel ID --note TEXT   演练 / run a drill\n"
     "  drill finding ID --json FILE                    发现问题与整改 / finding\n"
     "  drill notice ID [--format pdf|html] -o FILE     演练通报 / the notice\n"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char usage_notes[] =
    "\n"
    "  --data may come from BAOMI_DATA or the config file (--config FILE).\n"
    "  Client commands print text; --format json prints the API's answer.\n"
    "  baomi help COMMAND, baomi COMMAND --help: one command; baomi --version.\n"
    "  退出码 / exit codes: 0 成功 success; 1 被拒绝、未找到或发现问题 refused, not found\n"
    "  or problems found; 2 用法或输入错误 usage or input error.  man baomi\n";

static void print_usage(FILE *f)
{
	fputs("用法 / usage: baomi COMMAND [options]\n\n", f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!commands[i].client)
			fputs(commands[i].help, f);
	fputs("\n客户端命令（连接运行中的服务，BAOMI_URL、BAOMI_TOKEN）/ client commands "
	      "(BAOMI_URL, BAOMI_TOKEN):\n",
	      f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (commands[i].client)
			fputs(commands[i].help, f);
	fputs(usage_notes, f);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void print_command_help(const struct command *c)
{
	printf("用法 / usage:\n%s", c->help);
	if (c->client)
		fputs("\n  连接 BAOMI_URL 的服务，以 BAOMI_TOKEN 认证 / talks to the server at "
		      "BAOMI_URL "
		      "with BAOMI_TOKEN\n",
		      stdout);
	fputs(usage_notes, stdout);
}

/* `baomi help [COMMAND]` */
static int help(int argc, char **argv)
{
	const struct command *c;

	if (argc < 3) {
		print_usage(stdout);
		return 0;
	}
	c = find_command(argv[2]);
	if (!c)
		return cli_error("help: unknown command '%s' (see 'baomi help')", argv[2]);
	print_command_help(c);
	return 0;
}

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
		else if (!strcmp(a, "--channel"))
			target = &o->channel;
		else if (!strcmp(a, "--place"))
			target = &o->place;
		else if (!strcmp(a, "--config"))
			target = &o->config;
		else if (!strcmp(a, "--tls-cert"))
			target = &o->tls_cert;
		else if (!strcmp(a, "--tls-key"))
			target = &o->tls_key;
		else if (!strcmp(a, "--backup-dir"))
			target = &o->backup_dir;
		else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			o->help = true;
			return 0;
		} else if (!strcmp(a, "--open")) {
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
		} else if (!strcmp(a, "--threads") || !strcmp(a, "--max-body") ||
		           !strcmp(a, "--backup-keep")) {
			if (i + 1 >= argc)
				return cli_error("%s needs a value", a), -1;
			if (!strcmp(a, "--threads")) {
				if (parse_num(a, argv[++i], 1, 16, &n))
					return -1;
				o->threads = (int)n;
			} else if (!strcmp(a, "--backup-keep")) {
				if (parse_num(a, argv[++i], 1, 3650, &n))
					return -1;
				o->backup_keep = (int)n;
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

/*
 * The config file fills what the command line left unset; for the data
 * directory BAOMI_DATA comes before the file.  Its strings live until exit.
 */
static int apply_config(struct cli_opts *o)
{
	static struct conf cf;
	char err[512];

	if (!o->config)
		return 0;
	conf_init(&cf);
	if (conf_load(&cf, o->config, err, sizeof(err)) != CONF_OK)
		return cli_error("%s", err);
	if (!o->data && !getenv("BAOMI_DATA"))
		o->data = cf.data;
	if (!o->listen)
		o->listen = cf.listen;
	if (!o->tls_cert)
		o->tls_cert = cf.tls_cert;
	if (!o->tls_key)
		o->tls_key = cf.tls_key;
	if (!o->backup_dir)
		o->backup_dir = cf.backup_dir;
	if (!o->threads)
		o->threads = cf.threads;
	if (!o->max_body)
		o->max_body = (size_t)cf.max_body;
	if (!o->backup_keep)
		o->backup_keep = cf.backup_keep;
	if (!o->insecure_cookie && cf.insecure_cookie > 0)
		o->insecure_cookie = 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct cli_opts o;
	const struct command *c;

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
	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help"))
		return help(argc, argv);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		print_usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("baomi %s\n", BAOMI_VERSION);
		return 0;
	}
	c = find_command(argv[1]);
	if (!c) {
		cli_error("unknown command '%s'", argv[1]);
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (cli_parse(argc - 2, argv + 2, &o))
		return EXIT_USAGE;
	if (o.help) {
		print_command_help(c);
		return 0;
	}
	if (apply_config(&o))
		return EXIT_USAGE;
	return c->run(&o);
}
