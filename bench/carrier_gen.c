/*
 * carrier_gen — a ledger of N carriers for the benchmark (bench/run.sh):
 * 20 departments, 2,000 people of every class, carriers of every type and
 * level with knowledge scopes, titles from a vocabulary of office Chinese,
 * issued over the last five and a half years, the classified ones mostly
 * reviewed within the last year (one in 25 is late), and an API token for a
 * cleared non-officer (need-to-know applies) and for an officer, printed as
 * "viewer TOKEN" and "officer TOKEN".
 *
 *   carrier_gen DIR N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../src/store/store.h"
#include "../src/util/bjtime.h"

static const char *const words[] = {
    "关于", "涉密", "网络", "改造", "请示", "通知", "会议", "纪要", "保密", "检查", "整改",
    "报告", "应急", "预案", "演练", "方案", "人事", "档案", "财务", "预算", "采购", "合同",
    "医疗", "卫生", "疾控", "疫情", "防控", "数据", "统计", "年度", "总结", "计划", "专项",
    "督查", "审批", "材料", "技术", "规范", "标准", "培训", "教材", "项目", "验收", "评估",
};

static unsigned rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffff;
}

int main(int argc, char **argv)
{
	struct store_init_opts io = {
	    .unit_name = "基准测试单位", .unit_code = "BENCH", .init_password = "Bench-Pass-2026!"};
	struct actor a = {.account_id = 2, .username = "bench", .source = "bench"};
	char err[512], pw[ADMIN_ROLE_COUNT][40], tok[SESSION_TOKEN_LEN + 1];
	int64_t dept[20], people[2000];
	struct store *st;
	struct db *db;
	struct session ses;
	unsigned seed = 42;
	int32_t today = (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400);
	long n;

	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: carrier_gen DIR N\n");
		return 2;
	}
	if (sodium_init() < 0 || store_create(argv[1], &io, pw, err, sizeof(err)) ||
	    store_open(&st, argv[1], err, sizeof(err)) || db_open(&db, st)) {
		fprintf(stderr, "carrier_gen: %s\n", err);
		return 2;
	}
	sqlite3_exec(db->h, "PRAGMA synchronous=OFF", NULL, NULL, NULL);
	if (db_begin(db))
		return 2;
	for (int i = 0; i < 20; i++) {
		struct department d = {.unit_id = 1};

		snprintf(d.name, sizeof(d.name), "第%d科室", i + 1);
		snprintf(d.code, sizeof(d.code), "D%02d", i + 1);
		if (dept_insert(db, &d))
			return 2;
		dept[i] = d.id;
	}
	for (int i = 0; i < 2000; i++) {
		struct person p;

		person_init(&p);
		p.unit_id = 1;
		p.department_id = dept[i % 20];
		snprintf(p.name, sizeof(p.name), "人员%04d", i);
		p.staff_class = (enum staff_class)(i % 4);
		p.commitment_signed_on = 20000;
		if (person_insert(db, &p))
			return 2;
		people[i] = p.id;
	}
	/* the viewer: important (机密) staff of department 3; the officer: core */
	{
		struct account v = {.roles = ROLE_STAFF};
		struct account o = {.person_id = people[3], .roles = ROLE_OFFICER};

		v.person_id = people[42]; /* class 42 % 4 = 2 → important, dept 42 % 20 = 2 */
		strcpy(v.username, "viewer");
		strcpy(v.display_name, "viewer");
		strcpy(o.username, "officer");
		strcpy(o.display_name, "officer");
		if (account_insert(db, &v, "Bench-Pass-2026!") ||
		    account_insert(db, &o, "Bench-Pass-2026!"))
			return 2;
		sqlite3_exec(db->h, "UPDATE accounts SET must_change = 0", NULL, NULL, NULL);
		if (session_create(db, v.id, SESSION_API_TOKEN, "bench", 0, "bench", tok, &ses))
			return 2;
		printf("viewer %s\n", tok);
		if (session_create(db, o.id, SESSION_API_TOKEN, "bench", 0, "bench", tok, &ses))
			return 2;
		printf("officer %s\n", tok);
	}
	for (long i = 0; i < n; i++) {
		struct carrier_rec c;
		size_t len = 0;

		carrier_rec_init(&c);
		c.unit_id = 1;
		c.type = (enum carrier_type)(rnd(&seed) % CT_COUNT);
		c.level = (enum level)(rnd(&seed) % 5);
		for (int w = 0; w < 6; w++)
			len += (size_t)snprintf(
			    c.title + len, sizeof(c.title) - len, "%s",
			    words[rnd(&seed) % (sizeof(words) / sizeof(words[0]))]);
		c.issued_on = today - (int32_t)(rnd(&seed) % 2000);
		c.period_years = level_max_years(c.level);
		c.expires_on = c.period_years ? c.issued_on + c.period_years * 365 : 0;
		c.custodian_id = people[rnd(&seed) % 2000];
		c.nscope_people = 1 + rnd(&seed) % 3;
		for (size_t k = 0; k < c.nscope_people; k++)
			c.scope_people[k] = people[rnd(&seed) % 2000];
		if (rnd(&seed) % 4 == 0) {
			c.nscope_depts = 1;
			c.scope_depts[0] = dept[rnd(&seed) % 20];
		}
		if (c.level == LEVEL_TOP_SECRET)
			c.handler_id = c.custodian_id;
		if (level_is_classified(c.level) && today - c.issued_on > 365 && rnd(&seed) % 25)
			c.reviewed_on = today - (int32_t)(rnd(&seed) % 365);
		if (carrier_insert(db, &c, "BENCH")) {
			fprintf(stderr, "carrier_gen: %s\n", db->errmsg);
			return 2;
		}
		if (i % 20000 == 19999 && (db_commit(db) || db_begin(db)))
			return 2;
	}
	if (audit_append(db, &a, "bench.generate", "", "", AUDIT_SUCCESS, "{}") || db_commit(db))
		return 2;
	db_close(db);
	store_free(st);
	return 0;
}
