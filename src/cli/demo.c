/*
 * demo.c — `baomi demo`: a city health commission that looks like a working
 * office.
 *
 * The people, accounts and the two approved plans are written straight
 * into the store.  Everything the office did since then (some 200 carriers
 * registered, reviewed, lent, taken out, repaired, destroyed and declassified
 * with their approvals; a closed leak with its reports and evaluation; an
 * open network incident with running countdowns and tasks; a self-inspection
 * campaign in 整改 with findings and rectification tasks; a warning) goes
 * through the API handlers in process (api_call_as), as the person who
 * would do it: every record obeys the domain rules and is audited like a
 * real action.  The few things that happened in the past (loans now
 * overdue) are judged by the core rules as of the day they happened.
 *
 * Dates are relative to today's Beijing date, so the demo always looks
 * current; everything else is fixed (a seeded pseudo-random sequence).
 */
#include "cli.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api/api.h"
#include "../store/store_incident.h"
#include "../util/bjtime.h"

/* ---- the unit: departments, people and accounts ---- */

struct demo_person {
	const char *name, *dept, *title, *cls, *status;
	const char *account; /* business account, or NULL */
	uint32_t roles;
};

enum { D_BGS, D_BMB, D_XXZX, D_YZK, D_JKK, D_YJB, D_COUNT };

static const char *const demo_depts[D_COUNT][2] = {
    {"BGS", "办公室"},     {"BMB", "保密办公室"},     {"XXZX", "信息中心"},
    {"YZK", "医政医管科"}, {"JKK", "疾病预防控制科"}, {"YJB", "卫生应急办公室"},
};

/* Indexes into demo_people, in its order. */
enum {
	P_WANGJG,
	P_LIXY,
	P_ZHANGW,
	P_LIUY,
	P_CHENJ,
	P_YANGF,
	P_ZHAOM,
	P_HUANGL,
	P_ZHOUT,
	P_WUQ,
	P_ZHENGL,
	P_SUNH,
	P_MAL,
	P_ZHUF,
	P_COUNT
};

static const struct demo_person demo_people[P_COUNT] = {
    {"王建国", "BGS", "分管副主任", "core", "active", "wangjg", ROLE_LEADER | ROLE_COMMAND},
    {"李秀英", "BMB", "保密办主任", "core", "active", "lixy", ROLE_OFFICER | ROLE_STAFF},
    {"张伟", "BMB", "保密员", "important", "active", "zhangw", ROLE_OFFICER | ROLE_STAFF},
    {"刘洋", "XXZX", "信息中心主任", "important", "active", "liuy", ROLE_DEPT_HEAD | ROLE_STAFF},
    {"陈静", "XXZX", "网络管理员", "general", "active", "chenj", ROLE_STAFF | ROLE_DUTY},
    {"杨帆", "XXZX", "运维工程师", "none", "active", NULL, 0},
    {"赵敏", "YZK", "科长", "important", "active", "zhaom", ROLE_DEPT_HEAD | ROLE_STAFF},
    {"黄磊", "YZK", "科员", "general", "active", NULL, 0},
    {"周婷", "JKK", "科长", "general", "active", NULL, 0},
    {"吴强", "JKK", "科员", "general", "leaving", NULL, 0},
    {"郑丽", "YJB", "应急办主任", "important", "active", "zhengl",
     ROLE_COMMAND | ROLE_DUTY | ROLE_STAFF},
    {"孙浩", "YJB", "值班员", "general", "active", "sunh", ROLE_DUTY},
    {"马兰", "BGS", "文书", "general", "active", NULL, 0},
    {"朱峰", "BGS", "原机要员", "important", "left", NULL, 0},
};

struct demo {
	struct store *st;
	struct api app;
	int32_t today; /* Beijing */
	int64_t now;   /* ms */
	uint32_t rng;
	int64_t dept[D_COUNT];
	int64_t person[P_COUNT];
	bool failed;
};

/* A fixed pseudo-random sequence (xorshift32): the same demo every time. */
static uint32_t demo_rand(struct demo *d, uint32_t n)
{
	d->rng ^= d->rng << 13;
	d->rng ^= d->rng >> 17;
	d->rng ^= d->rng << 5;
	return n ? d->rng % n : d->rng;
}

static const char *demo_day(int32_t day, char out[16])
{
	int y;
	unsigned m, dd;

	bjtime_civil_from_days(day, &y, &m, &dd);
	snprintf(out, 16, "%04d-%02u-%02u", y % 10000, m % 100, dd % 100);
	return out;
}

static int demo_year(int32_t day)
{
	int y;
	unsigned m, dd;

	bjtime_civil_from_days(day, &y, &m, &dd);
	return y;
}

/*
 * One API call as `user`; body is taken over.  Returns the answer (the
 * caller releases it) when the status is `want`; otherwise says what the
 * server answered, marks the demo failed and returns NULL.
 */
static json_t *demo_call(struct demo *d, const char *user, const char *method, json_t *body,
                         int want, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static json_t *demo_call(struct demo *d, const char *user, const char *method, json_t *body,
                         int want, const char *fmt, ...)
{
	char path[256];
	json_t *out = NULL;
	va_list ap;
	int status;

	if (d->failed) {
		json_decref(body);
		return NULL;
	}
	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	status = api_call_as(&d->app, user, method, path, body, &out);
	json_decref(body);
	if (status != want) {
		json_t *err = json_object_get(out, "error");
		const char *m = json_string_value(json_object_get(err, "message"));
		const char *f = json_string_value(json_object_get(err, "field"));

		cli_error("demo: %s %s as %s: HTTP %d %s%s%s", method, path, user, status,
		          m ? m : "", f ? " / " : "", f ? f : "");
		json_decref(out);
		d->failed = true;
		return NULL;
	}
	return out ? out : json_object();
}

static int64_t demo_id(json_t *o)
{
	int64_t id = (int64_t)json_integer_value(json_object_get(o, "id"));

	json_decref(o);
	return id;
}

/* ---- the base: units, departments, people, accounts, plans (one transaction) ---- */

/*
 * The two shipped plans (seed 000 leak, seed 003 cyber), drafted by the
 * officer, approved by the leader and filed with the superior unit, so
 * that a first report shows its countdowns.
 */
static enum store_err demo_plans(struct db *db, const struct actor *demo, int64_t officer,
                                 int64_t leader)
{
	static const char *const paths[] = {"plans/leak.json", "plans/cyber.json"};
	int64_t now = bjtime_now_ms();
	enum store_err e = STORE_OK;

	for (size_t i = 0; !e && i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct plan_rec p;
		size_t len;
		const char *text = data_file(paths[i], &len);
		json_t *t = text ? json_loadb(text, len, 0, NULL) : NULL;
		char id[24];

		if (!t)
			return STORE_IO;
		memset(&p, 0, sizeof(p));
		p.unit_id = unit_home(db);
		snprintf(p.name, sizeof(p.name), "%s",
		         json_string_value(json_object_get(t, "name")));
		snprintf(p.template_code, sizeof(p.template_code), "%s",
		         json_string_value(json_object_get(t, "template")));
		if (plan_kind_parse(json_string_value(json_object_get(t, "kind")), &p.kind)) {
			json_decref(t);
			return STORE_IO;
		}
		json_object_del(t, "template");
		json_object_del(t, "name");
		json_object_del(t, "kind");
		p.body = t;
		p.version = plan_next_version(db, p.unit_id, p.name);
		p.status = PST_FILED;
		p.created_by = officer;
		p.approved_by = leader;
		p.created_at = p.updated_at = p.approved_at = p.filed_at = now;
		snprintf(p.filed_with, sizeof(p.filed_with), "某省卫生健康委员会");
		e = plan_insert(db, &p);
		if (!e)
			e = plan_save(db, &p); /* the approval and filing */
		snprintf(id, sizeof(id), "%lld", (long long)p.id);
		if (!e)
			e = audit_append(db, demo, "plan.create", "plan", id, AUDIT_SUCCESS, "{}");
		if (!e)
			e = audit_append(db, demo, "plan.status", "plan", id, AUDIT_SUCCESS,
			                 "{\"status\":\"filed\"}");
		plan_rec_release(&p);
	}
	return e;
}

/*
 * The person and their account, if any.  The accounts share the first
 * password: hashed once (into hash, "" before), each changes it at first login.
 */
static enum store_err demo_person_add(struct demo *d, struct db *db, const struct actor *demo,
                                      size_t i, int64_t home, int64_t *officer, int64_t *leader,
                                      char *hash, size_t hashlen)
{
	const struct demo_person *dp = &demo_people[i];
	struct person p;
	enum store_err e;
	char id[24];

	person_init(&p);
	p.unit_id = home;
	for (size_t k = 0; k < D_COUNT; k++)
		if (!strcmp(demo_depts[k][0], dp->dept))
			p.department_id = d->dept[k];
	snprintf(p.name, sizeof(p.name), "%s", dp->name);
	snprintf(p.title, sizeof(p.title), "%s", dp->title);
	snprintf(p.phone, sizeof(p.phone), "0571-8800%04zu", 1000 + i);
	staff_class_parse(dp->cls, &p.staff_class);
	person_status_parse(dp->status, &p.status);
	if (p.staff_class != STAFF_NONE)
		p.commitment_signed_on = d->today - 200 - (int32_t)i * 17;
	if (p.status == PERSON_LEAVING)
		p.declassify_until = d->today + 365;
	e = person_insert(db, &p);
	d->person[i] = p.id;
	snprintf(id, sizeof(id), "%lld", (long long)p.id);
	if (!e)
		e = audit_append(db, demo, "person.create", "person", id, AUDIT_SUCCESS, "{}");
	if (!e && dp->account) {
		struct account a;

		memset(&a, 0, sizeof(a));
		snprintf(a.username, sizeof(a.username), "%s", dp->account);
		snprintf(a.display_name, sizeof(a.display_name), "%s", dp->name);
		a.person_id = p.id;
		a.roles = dp->roles;
		a.must_change = true;
		if (hash[0]) {
			e = account_insert_hashed(db, &a, hash);
		} else {
			struct account first;

			e = account_insert(db, &a,
			                   getenv("BAOMI_INIT_PASSWORD")
			                       ? getenv("BAOMI_INIT_PASSWORD")
			                       : DEMO_PASSWORD);
			if (!e)
				e = account_get(db, a.id, &first);
			if (!e)
				snprintf(hash, hashlen, "%s", first.password_hash);
		}
		snprintf(id, sizeof(id), "%lld", (long long)a.id);
		if (!e)
			e = audit_append(db, demo, "account.create", "account", id, AUDIT_SUCCESS,
			                 "{}");
		if (!*officer && (a.roles & ROLE_OFFICER))
			*officer = a.id;
		if (!*leader && (a.roles & ROLE_LEADER))
			*leader = a.id;
	}
	return e;
}

static int demo_base(struct demo *d)
{
	struct actor demo = {.username = "baomi-demo", .source = "cli"};
	struct db *db = NULL;
	enum store_err e;
	int64_t home, officer = 0, leader = 0;
	char hash[sizeof(((struct account *)0)->password_hash)] = "";

	if (db_open(&db, d->st) || db_begin(db)) {
		db_close(db);
		return cli_error("demo: cannot open the database");
	}
	home = unit_home(db);
	{
		struct unit sup = {.parent_id = 0};

		snprintf(sup.name, sizeof(sup.name), "某省卫生健康委员会");
		snprintf(sup.code, sizeof(sup.code), "SWJW");
		e = unit_insert(db, &sup);
		if (!e && sqlite3_exec(db->h,
		                       "UPDATE units SET parent_id = (SELECT id FROM units "
		                       "WHERE code = 'SWJW') WHERE is_home = 1",
		                       NULL, NULL, NULL))
			e = STORE_IO;
	}
	for (size_t i = 0; !e && i < D_COUNT; i++) {
		struct department dep = {.unit_id = home};

		snprintf(dep.code, sizeof(dep.code), "%s", demo_depts[i][0]);
		snprintf(dep.name, sizeof(dep.name), "%s", demo_depts[i][1]);
		e = dept_insert(db, &dep);
		d->dept[i] = dep.id;
		if (!e)
			e = audit_append(db, &demo, "department.create", "department", dep.code,
			                 AUDIT_SUCCESS, "{}");
	}
	for (size_t i = 0; !e && i < P_COUNT; i++)
		e = demo_person_add(d, db, &demo, i, home, &officer, &leader, hash, sizeof(hash));
	if (!e)
		e = demo_plans(db, &demo, officer, leader);
	if (!e)
		e = db_commit(db);
	if (e) {
		cli_error("demo: seeding failed: %s", db->errmsg);
		db_rollback(db);
	}
	db_close(db);
	return e ? EXIT_USAGE : 0;
}

/* ---- the ledger ---- */

/* What becomes of a carrier after its registration. */
enum fate {
	F_CUSTODY,
	F_BORROW,
	F_OVERDUE, /* lent weeks ago, due back already */
	F_CIRCULATE,
	F_TAKE_OUT,
	F_TAKE_OUT_BACK, /* taken out with approval and brought back */
	F_REPAIR,
	F_RETURN_ISSUER,
	F_DESTROY,
	F_DECLASSIFY,
	F_ARCHIVE,
	F_REVIEW_DUE, /* the yearly review falls due soon, or is late */
	F_EXPIRING,   /* the security period ends within weeks */
	F_EXPIRED,    /* the period ended, nobody decided yet */
	F_PENDING,    /* a destruction request waits for a decision */
	F_REJECTED,   /* a take-out request was refused */
};

static const enum fate fate_cycle[] = {
    F_CUSTODY,  F_BORROW,    F_DESTROY,       F_CUSTODY,    F_OVERDUE, F_REPAIR,        F_ARCHIVE,
    F_TAKE_OUT, F_CUSTODY,   F_REVIEW_DUE,    F_DECLASSIFY, F_BORROW,  F_EXPIRING,      F_CUSTODY,
    F_DESTROY,  F_CIRCULATE, F_TAKE_OUT_BACK, F_PENDING,    F_CUSTODY, F_RETURN_ISSUER, F_EXPIRED,
    F_REJECTED, F_CUSTODY,   F_OVERDUE,       F_CUSTODY,
};

/* Types in ledger proportion; CT_COUNT takes the next of the rarer devices. */
static const enum carrier_type type_cycle[] = {
    CT_PAPER_DOC, CT_PAPER_DOC, CT_ELEC_DOC,  CT_PAPER_DOC, CT_USB,      CT_PAPER_DOC, CT_COMPUTER,
    CT_ELEC_DOC,  CT_PAPER_DOC, CT_HDD,       CT_PAPER_DOC, CT_DISC,     CT_ELEC_DOC,  CT_PAPER_DOC,
    CT_CARD,      CT_PRINTER,   CT_PAPER_DOC, CT_USB,       CT_ELEC_DOC, CT_COUNT,
};
static const enum carrier_type rare_devices[] = {CT_TAPE, CT_COPIER, CT_SCANNER,
                                                 CT_FAX,  CT_BURNER, CT_CRYPTO};

static const char *const topics[] = {
    "突发公共卫生事件应急处置", "传染病疫情监测",   "重大活动医疗保障",     "卫生应急物资储备",
    "生物安全实验室管理",       "疫苗冷链运输",     "医疗机构安全生产",     "公共卫生风险评估",
    "卫生应急队伍建设",         "院感防控督查",     "重点人群健康监测",     "核与辐射事件医学救援",
    "食品安全事故流行病学调查", "境外输入疫情防控", "医疗救治资源调度",     "发热门诊运行监测",
    "卫生健康信息系统安全",     "血液安全保障",     "精神卫生重点人员管理", "职业病危害专项治理",
};

/* Who keeps a department's carriers at each level, and who borrows them. */
static const int dept_custodian[D_COUNT] = {P_WANGJG, P_ZHANGW, P_LIUY,
                                            P_ZHAOM,  P_ZHANGW, P_ZHENGL};
static const int dept_readers[D_COUNT][2] = {
    {P_MAL, P_WANGJG},   {P_LIXY, P_ZHANGW}, {P_CHENJ, P_LIUY},
    {P_HUANGL, P_ZHAOM}, {P_ZHOUT, -1},      {P_SUNH, P_ZHENGL},
};

static enum level demo_clearance(int p)
{
	enum staff_class sc = STAFF_NONE;

	staff_class_parse(demo_people[p].cls, &sc);
	return staff_class_clearance(sc);
}

/* The department's people cleared for l (up to two), in post; returns how many. */
static int dept_cleared(int dept, enum level l, int out[2])
{
	int n = 0;

	for (int k = 0; k < 2; k++) {
		int p = dept_readers[dept][k];

		if (p >= 0 && level_cleared_for(demo_clearance(p), l))
			out[n++] = p;
	}
	return n;
}

struct demo_carrier {
	int64_t id;
	int n; /* its place in the ledger, 0-based */
	enum carrier_type type;
	enum level level;
	int dept;
	int custodian;
	enum fate fate;
	int32_t issued;
	bool received;
};

static void carrier_title(const struct demo_carrier *k, char *out, size_t n)
{
	const char *topic = topics[(size_t)k->n * 7 % (sizeof(topics) / sizeof(topics[0]))];
	const char *dept = demo_depts[k->dept][1];
	int y = demo_year(k->issued), no = k->n / 20 + 1;

	switch (k->type) {
	case CT_PAPER_DOC:
		switch (k->n % 5) {
		case 0:
			snprintf(out, n, "关于做好%s工作的通知（%d年第%d号）", topic, y, no);
			break;
		case 1:
			snprintf(out, n, "%s工作方案（%d年）", topic, y);
			break;
		case 2:
			snprintf(out, n, "%s情况报告（第%d期）", topic, k->n + 1);
			break;
		case 3:
			snprintf(out, n, "%s专题会议纪要（%d年第%d次）", topic, y, no);
			break;
		default:
			snprintf(out, n, "%s实施细则（征求意见稿%d）", topic, no);
			break;
		}
		break;
	case CT_ELEC_DOC:
		snprintf(out, n,
		         k->n % 2 ? "%s数据汇总表（%d年第%d批）" : "%s汇报材料（%d年第%d稿）",
		         topic, y, no);
		break;
	case CT_COMPUTER:
		snprintf(out, n, "%s涉密计算机（%d号）", dept, no);
		break;
	case CT_USB:
		snprintf(out, n, "%s涉密U盘（%d号）", dept, k->n + 1);
		break;
	case CT_HDD:
		snprintf(out, n, "%s涉密移动硬盘（%d号）", dept, no);
		break;
	case CT_DISC:
		snprintf(out, n, "%s资料光盘（%d年第%d张）", topic, y, no);
		break;
	case CT_CARD:
		snprintf(out, n, "%s涉密存储卡（%d号）", dept, no);
		break;
	case CT_TAPE:
		snprintf(out, n, "数据备份磁带（%d年第%d卷）", y, no);
		break;
	case CT_PRINTER:
		snprintf(out, n, "%s涉密打印机（%d号）", dept, no);
		break;
	case CT_COPIER:
		snprintf(out, n, "%s涉密复印机（%d号）", dept, no);
		break;
	case CT_SCANNER:
		snprintf(out, n, "%s涉密扫描仪（%d号）", dept, no);
		break;
	case CT_FAX:
		snprintf(out, n, "%s涉密传真机（%d号）", dept, no);
		break;
	case CT_BURNER:
		snprintf(out, n, "%s涉密光盘刻录机（%d号）", dept, no);
		break;
	default:
		snprintf(out, n, "普通密码设备（%d号）", no);
		break;
	}
}

static bool is_document(enum carrier_type t)
{
	return t == CT_PAPER_DOC || t == CT_ELEC_DOC;
}

static bool is_device(enum carrier_type t)
{
	return carrier_type_category(t) == CC_COMPUTER || carrier_type_category(t) == CC_DEVICE ||
	       t == CT_CRYPTO;
}

/* Fits the cycle's fate to what the carrier is: documents circulate, devices are repaired. */
static enum fate fate_fit(const struct demo_carrier *k, enum fate f)
{
	bool classified = level_is_classified(k->level);

	if (k->level == LEVEL_TOP_SECRET)
		return f == F_BORROW || f == F_REVIEW_DUE ? f : F_CUSTODY;
	switch (f) {
	case F_REPAIR:
		return is_device(k->type) ? f : F_CUSTODY;
	case F_CIRCULATE:
		return is_document(k->type) ? f : F_BORROW;
	case F_RETURN_ISSUER:
		return is_device(k->type) ? F_ARCHIVE : f;
	case F_DECLASSIFY:
	case F_REVIEW_DUE:
	case F_EXPIRING:
	case F_EXPIRED:
	case F_PENDING:
	case F_REJECTED:
		return classified ? f : F_ARCHIVE;
	case F_BORROW:
	case F_OVERDUE:
	case F_TAKE_OUT:
	case F_TAKE_OUT_BACK: {
		int who[2];

		return is_device(k->type) && k->type != CT_COMPUTER ? F_CUSTODY
		       : dept_cleared(k->dept, k->level, who)       ? f
		                                                    : F_CUSTODY;
	}
	default:
		return f;
	}
}

static void carrier_plan(struct demo *d, struct demo_carrier *k, int n)
{
	uint32_t r = demo_rand(d, 100);
	enum carrier_type t = type_cycle[n % (int)(sizeof(type_cycle) / sizeof(type_cycle[0]))];

	memset(k, 0, sizeof(*k));
	k->n = n;
	k->type = t == CT_COUNT ? rare_devices[(n / 20) % 6] : t;
	k->level = r < 4 && is_document(k->type) ? LEVEL_TOP_SECRET
	           : r < 38                      ? LEVEL_SECRET
	           : r < 86                      ? LEVEL_CONFIDENTIAL
	                                         : LEVEL_INTERNAL;
	if (k->type == CT_CRYPTO)
		k->level = LEVEL_SECRET;
	k->dept = (int)demo_rand(d, D_COUNT);
	k->custodian = k->level == LEVEL_TOP_SECRET ? P_LIXY : dept_custodian[k->dept];
	if (k->level == LEVEL_CONFIDENTIAL && k->dept == D_JKK)
		k->custodian = P_ZHOUT;
	k->fate = fate_fit(k, fate_cycle[n % (int)(sizeof(fate_cycle) / sizeof(fate_cycle[0]))]);
	k->received = k->fate == F_RETURN_ISSUER || (is_document(k->type) && n % 4 == 1);
	switch (k->fate) {
	case F_REVIEW_DUE: /* never reviewed: due within weeks, or already late */
		k->issued =
		    d->today - 365 +
		    (n % 2 ? 4 + (int32_t)demo_rand(d, 20) : -5 - (int32_t)demo_rand(d, 25));
		break;
	case F_EXPIRING: /* a two-year period that ends within weeks */
		k->issued = d->today - 730 + 5 + (int32_t)demo_rand(d, 20);
		break;
	case F_EXPIRED:
		k->issued = d->today - 730 - 10 - (int32_t)demo_rand(d, 30);
		break;
	default:
		k->issued = d->today - 45 - (int32_t)demo_rand(d, 1000);
		break;
	}
}

static json_t *ids1(int64_t a)
{
	return json_pack("[I]", (json_int_t)a);
}

/* Who handles the carrier: the 保密员, or the director for 绝密 (above his clearance). */
static const char *keeper(const struct demo_carrier *k)
{
	return k->level == LEVEL_TOP_SECRET ? "lixy" : "zhangw";
}

static void carrier_register(struct demo *d, struct demo_carrier *k)
{
	char title[256], day[16], buf[64];
	const char *user = k->n % 3 ? keeper(k) : "lixy";
	json_t *b;

	carrier_title(k, title, sizeof(title));
	b = json_pack("{ss ss ss ss ss sI so}", "type", carrier_type_code(k->type), "title", title,
	              "level", level_code(k->level), "issued_on", demo_day(k->issued, day),
	              "location", is_device(k->type) ? demo_depts[k->dept][1] : "保密室文件柜",
	              "custodian_id", (json_int_t)d->person[k->custodian], "scope_departments",
	              ids1(d->dept[k->dept]));
	if (level_is_classified(k->level)) {
		json_object_set_new(b, "classifier", json_string("王建国"));
		json_object_set_new(b, "classify_basis",
		                    json_string("卫生健康工作国家秘密范围的规定"));
	}
	if (k->fate == F_EXPIRING || k->fate == F_EXPIRED)
		json_object_set_new(b, "period_years", json_integer(2));
	if (k->level == LEVEL_TOP_SECRET) {
		json_object_set_new(b, "handler_id", json_integer(d->person[P_LIXY]));
		json_object_set_new(b, "scope_people", ids1(d->person[P_WANGJG]));
	}
	json_object_set_new(b, "origin", json_string(k->received ? "received" : "made"));
	if (k->received) {
		snprintf(buf, sizeof(buf), "省卫〔%d〕%d号", demo_year(k->issued), 10 + k->n);
		json_object_set_new(b, "sender", json_string("某省卫生健康委员会"));
		json_object_set_new(b, "doc_no", json_string(buf));
	}
	if (is_document(k->type)) {
		json_object_set_new(b, "copies", json_integer(1 + k->n % 3));
		if (k->type == CT_PAPER_DOC)
			json_object_set_new(b, "pages", json_integer(2 + k->n % 17));
	} else {
		snprintf(buf, sizeof(buf), "SN-%s-%04d",
		         carrier_category_code(carrier_type_category(k->type)), 3000 + k->n);
		json_object_set_new(b, "serial", json_string(buf));
		json_object_set_new(b, "classified_use", json_true());
		if (k->type == CT_USB || k->type == CT_HDD || k->type == CT_CARD)
			json_object_set_new(b, "capacity",
			                    json_string(k->type == CT_HDD ? "1TB" : "32GB"));
		if (k->type == CT_COMPUTER)
			json_object_set_new(b, "model", json_string("联想启天M437"));
	}
	k->id = demo_id(demo_call(d, user, "POST", b, 201, "/api/v1/carriers"));
}

static void carrier_act(struct demo *d, const char *user, int64_t id, json_t *body)
{
	json_decref(
	    demo_call(d, user, "POST", body, 200, "/api/v1/carriers/%lld/actions", (long long)id));
}

static const char *step_user(const char *role, const struct demo_carrier *k)
{
	if (!strcmp(role, "leader"))
		return "wangjg";
	if (!strcmp(role, "dept_head"))
		return k->dept == D_YZK ? "zhaom" : "liuy";
	return "lixy"; /* officer: zhangw asks, the director decides */
}

/*
 * zhangw asks for the action; the approvers decide steps until `stop_at`
 * steps are decided (-1: all) or one refuses (reject: the first step).
 */
static void carrier_request(struct demo *d, const struct demo_carrier *k, const char *action,
                            const char *reason, int stop_at, bool reject)
{
	json_t *q = demo_call(d, keeper(k), "POST",
	                      json_pack("{ss ss}", "action", action, "reason", reason), 201,
	                      "/api/v1/carriers/%lld/requests", (long long)k->id);
	int64_t rid;

	if (!q)
		return;
	rid = (int64_t)json_integer_value(json_object_get(q, "id"));
	for (int done = 0; q && !d->failed && done != stop_at &&
	                   !strcmp(json_string_value(json_object_get(q, "status")), "pending");
	     done++) {
		int step = (int)json_integer_value(json_object_get(q, "step"));
		const char *role =
		    json_string_value(json_array_get(json_object_get(q, "steps"), (size_t)step));
		const char *user = step_user(role ? role : "officer", k);

		json_decref(q);
		q = demo_call(d, user, "POST",
		              json_pack("{sb ss si}", "approve", !reject, "comment",
		                        reject ? "可携带非涉密摘要代替，不同意外携" : "同意",
		                        "step", step),
		              200, "/api/v1/carrier-requests/%lld/decision", (long long)rid);
	}
	json_decref(q);
}

/* An approval when the rules want one at this level, then the action. */
static void carrier_approved_act(struct demo *d, const struct demo_carrier *k, const char *action,
                                 const char *reason, json_t *body)
{
	char steps[128] = "";
	struct db *db = NULL;

	if (!db_open(&db, d->st)) {
		approval_steps(db, action, k->level, steps, sizeof(steps));
		db_close(db);
	}
	if (steps[0])
		carrier_request(d, k, action, reason, -1, false);
	json_object_set_new(body, "action", json_string(action));
	carrier_act(d, keeper(k), k->id, body);
}

/*
 * A loan made `ago` days ago and due back `late` days ago: judged by the
 * core rules as of the day it was made, written like the API writes it.
 */
static void carrier_lent_earlier(struct demo *d, const struct demo_carrier *k, int borrower,
                                 int32_t ago, int32_t late)
{
	struct actor a = {.username = "zhangw", .source = "demo", .roles = ROLE_OFFICER};
	struct carrier_viewer v = {.person_id = d->person[borrower],
	                           .clearance = demo_clearance(borrower)};
	struct carrier_access acc;
	struct carrier_rec r;
	struct carrier_act x;
	struct account acct;
	struct db *db = NULL;
	const char *field = NULL;
	char due[16], detail[256], id[24];
	enum store_err e;

	if (d->failed)
		return;
	if (db_open(&db, d->st) || db_begin(db)) {
		db_close(db);
		d->failed = true;
		return;
	}
	e = account_by_name(db, "zhangw", &acct);
	if (!e)
		e = carrier_get(db, k->id, &r);
	if (!e) {
		a.account_id = acct.id;
		a.person_id = acct.person_id;
		v.department_id = d->dept[k->dept];
		carrier_access_of(&r, &acc);
		memset(&x, 0, sizeof(x));
		x.action = CA_BORROW;
		x.level = r.level;
		x.state = r.state;
		x.handler_id = r.handler_id;
		x.actor_id = a.person_id;
		x.target_id = d->person[borrower];
		x.target_cleared = level_cleared_for(v.clearance, r.level);
		x.target_in_scope = carrier_in_scope(&acc, &v);
		x.today = d->today - ago;
		x.due_day = d->today - late;
		x.expiry_day = r.expires_on;
		if (carrier_check(&x, &field) != CARRIER_OK)
			e = STORE_CONFLICT;
	}
	if (!e) {
		r.state = carrier_next_state(&x);
		r.holder_id = x.target_id;
		r.due_on = x.due_day;
		snprintf(detail, sizeof(detail),
		         "{\"due_on\":\"%s\",\"person_id\":%lld,\"purpose\":\"工作查阅\"}",
		         demo_day(x.due_day, due), (long long)x.target_id);
		snprintf(id, sizeof(id), "%lld", (long long)r.id);
		e = carrier_save_lifecycle(db, &r);
		if (!e)
			e = carrier_event(db, &a, r.id, "borrow", detail);
		if (!e)
			e = audit_append(db, &a, "carrier.borrow", "carrier", id, AUDIT_SUCCESS,
			                 detail);
	}
	if (!e)
		e = db_commit(db);
	if (e) {
		cli_error("demo: the earlier loan of carrier %lld: %s", (long long)k->id,
		          field ? field : db->errmsg);
		db_rollback(db);
		d->failed = true;
	}
	db_close(db);
}

static void carrier_live(struct demo *d, struct demo_carrier *k)
{
	char day[16], buf[64];
	int who[2], nwho = dept_cleared(k->dept, k->level, who);
	int borrower = nwho ? who[k->n % nwho] : P_ZHANGW;

	/* whatever is over a year old had its yearly review */
	if (level_is_classified(k->level) && k->fate != F_REVIEW_DUE && k->issued < d->today - 300)
		carrier_act(d, keeper(k), k->id,
		            json_pack("{ss ss}", "action", "review", "notes",
		                      "经审查，定密依据未变，继续保密"));
	switch (k->fate) {
	case F_BORROW:
		carrier_approved_act(
		    d, k, "borrow", "工作需要查阅",
		    json_pack("{sI ss ss}", "person_id", (json_int_t)d->person[borrower], "due_on",
		              demo_day(d->today + 3 + (int32_t)demo_rand(d, 20), day), "purpose",
		              "工作查阅"));
		break;
	case F_OVERDUE:
		carrier_lent_earlier(d, k, borrower, 20 + (int32_t)demo_rand(d, 20),
		                     1 + (int32_t)demo_rand(d, 10));
		break;
	case F_CIRCULATE:
		if (nwho < 1)
			break;
		carrier_act(d, "zhangw", k->id,
		            json_pack("{ss s[I]}", "action", "circulate", "readers",
		                      (json_int_t)d->person[who[0]]));
		break;
	case F_TAKE_OUT:
	case F_TAKE_OUT_BACK:
		carrier_approved_act(
		    d, k, "take_out", "赴省卫生健康委员会汇报工作",
		    json_pack("{ss ss s[]}", "due_on",
		              demo_day(d->today + 2 + (int32_t)demo_rand(d, 5), day), "destination",
		              "某省卫生健康委员会", "companions"));
		if (k->fate == F_TAKE_OUT_BACK)
			carrier_act(d, "zhangw", k->id,
			            json_pack("{ss ss}", "action", "return", "condition",
			                      "完好，封条无损"));
		break;
	case F_REPAIR:
		carrier_approved_act(d, k, "repair", "设备故障，需现场维修",
		                     json_pack("{sb ss sI}", "on_site", 1, "vendor",
		                               "联想授权服务站", "supervisor_id",
		                               (json_int_t)d->person[P_LIUY]));
		break;
	case F_RETURN_ISSUER:
		carrier_act(d, "zhangw", k->id,
		            json_pack("{ss ss}", "action", "return_issuer", "recipient",
		                      "某省卫生健康委员会机要室"));
		break;
	case F_DESTROY:
		snprintf(buf, sizeof(buf), "XH-%d-%03d", demo_year(d->today), k->n + 1);
		carrier_approved_act(
		    d, k, "destroy", "已过使用期限，按规定销毁",
		    json_pack(
		        "{s[II] ss ss}", "witnesses", (json_int_t)d->person[P_LIXY],
		        (json_int_t)d->person[level_cleared_for(demo_clearance(P_LIUY), k->level)
		                                  ? P_LIUY
		                                  : P_WANGJG],
		        "place", "市保密局涉密载体销毁中心", "certificate_no", buf));
		break;
	case F_DECLASSIFY:
		carrier_approved_act(d, k, "declassify", "经审查已不再需要保密",
		                     json_pack("{ss}", "basis", "定密责任人审核，提前解密"));
		break;
	case F_ARCHIVE:
		snprintf(buf, sizeof(buf), "档案室%d号柜", 1 + k->n % 12);
		carrier_act(d, "zhangw", k->id,
		            json_pack("{ss ss}", "action", "archive", "location", buf));
		break;
	case F_PENDING:
		carrier_request(d, k, "destroy", "内容已过时，申请销毁", k->n % 2, false);
		break;
	case F_REJECTED:
		carrier_request(d, k, "take_out", "外出参加会议", -1, true);
		break;
	default:
		break;
	}
}

static int demo_ledger(struct demo *d, struct demo_carrier *ks, int n)
{
	for (int i = 0; i < n && !d->failed; i++) {
		carrier_plan(d, &ks[i], i);
		carrier_register(d, &ks[i]);
		carrier_live(d, &ks[i]);
	}
	return d->failed ? EXIT_USAGE : 0;
}

/* ---- incidents ---- */

static json_t *incident_act(struct demo *d, const char *user, int64_t id, json_t *body)
{
	return demo_call(d, user, "POST", body, 200, "/api/v1/incidents/%lld/actions",
	                 (long long)id);
}

/* Records up to `max` running duties of the incident as met at `at` (ms; 0 now). */
static void duties_met(struct demo *d, json_t *inc, int64_t at, size_t max)
{
	static const char note[] = "已电话报告并报送书面材料";
	json_t *dl = json_object_get(inc, "deadlines"), *x;
	size_t i, done = 0;
	char iso[BJTIME_ISO_LEN];

	json_array_foreach(dl, i, x)
	{
		const char *state = json_string_value(json_object_get(x, "state"));

		if (done == max || !state || (strcmp(state, "open") && strcmp(state, "overdue")))
			continue;
		bjtime_format_iso(at, iso);
		json_decref(demo_call(d, "lixy", "POST",
		                      at ? json_pack("{ss ss}", "at", iso, "note", note)
		                         : json_pack("{ss}", "note", note),
		                      200, "/api/v1/incident-deadlines/%lld/met",
		                      (long long)json_integer_value(json_object_get(x, "id"))));
		done++;
	}
}

static json_t *incident_get(struct demo *d, int64_t id)
{
	return demo_call(d, "lixy", "GET", NULL, 200, "/api/v1/incidents/%lld", (long long)id);
}

/* Marks the incident's first `n` open tasks done (n < 0: all). */
static void tasks_done(struct demo *d, json_t *inc, int n)
{
	json_t *x;
	size_t i;

	json_array_foreach(json_object_get(inc, "tasks"), i, x)
	{
		if (n >= 0 && (int)i >= n)
			break;
		json_decref(
		    demo_call(d, "lixy", "PATCH",
		              json_pack("{ss ss}", "status", "done", "note", "已按要求完成"), 204,
		              "/api/v1/incident-tasks/%lld",
		              (long long)json_integer_value(json_object_get(x, "id"))));
	}
}

/*
 * A lost 秘密 document five weeks ago: reported, verified, graded, reported
 * upward in time, handled, summed up, closed and evaluated.
 */
static void incident_closed(struct demo *d, int64_t carrier)
{
	int64_t disc = d->now - (int64_t)35 * 86400000 - 3 * 3600000, id;
	char iso[BJTIME_ISO_LEN];
	json_t *inc;

	bjtime_format_iso(disc, iso);
	id = demo_id(
	    demo_call(d, "zhangw", "POST",
	              json_pack("{ss ss ss ss ss s[I] s{ss sb}}", "kind", "leak", "title",
	                        "疾病预防控制科涉密文件遗失", "discovered_at", iso, "info_level",
	                        "confidential", "prelim_level", "IV", "carriers",
	                        (json_int_t)carrier, "report", "description",
	                        "周婷外出开会返回后发现随身携带的一份秘密级文件遗失，已立即报告。",
	                        "police_informed", 0),
	              201, "/api/v1/incidents"));
	if (d->failed)
		return;
	json_decref(incident_act(d, "lixy", id,
	                         json_pack("{ss ss}", "action", "verify", "note", "经核实属实")));
	json_decref(
	    incident_act(d, "zhengl", id, json_pack("{ss ss}", "action", "grade", "level", "IV")));
	inc = incident_get(d, id);
	duties_met(d, inc, disc + 20 * 60000, 8);
	json_decref(inc);
	json_decref(incident_act(d, "zhengl", id,
	                         json_pack("{ss ss}", "action", "activate", "level", "IV")));
	json_decref(incident_act(d, "lixy", id, json_pack("{ss}", "action", "handle")));
	inc = incident_get(d, id);
	tasks_done(d, inc, -1);
	duties_met(d, inc, disc + 20 * 3600000, 8);
	json_decref(inc);
	json_decref(incident_act(d, "zhengl", id, json_pack("{ss}", "action", "end_handling")));
	json_decref(incident_act(
	    d, "wangjg", id,
	    json_pack("{ss ss}", "action", "approve_investigation", "investigation",
	              "文件遗失于会场座位，当日由会务人员拾得交回，未被复制或拍照，未造成泄密。")));
	json_decref(
	    incident_act(d, "lixy", id,
	                 json_pack("{ss s{ss ss ss}}", "action", "summarise", "summary",
	                           "final_cause", "涉密文件携带外出未按规定专人专包保管", "process",
	                           "文件当日在会场找回，未发现泄露；已对相关人员进行保密教育",
	                           "advice", "严格执行涉密载体外出携带审批和专人保管制度")));
	inc = incident_get(d, id);
	duties_met(d, inc, 0, 8);
	json_decref(inc);
	json_decref(incident_act(d, "wangjg", id,
	                         json_pack("{ss ss}", "action", "close", "note", "同意结案")));
	json_decref(incident_act(d, "wangjg", id,
	                         json_pack("{ss s{ss ss}}", "action", "evaluate", "evaluation",
	                                   "assessment", "报告及时，处置得当", "penalties",
	                                   "对当事人进行批评教育")));
}

/* Ransomware found this morning: graded, the plan running, tasks half done. */
static void incident_open(struct demo *d)
{
	int64_t disc = d->now - 50 * 60000, id;
	char iso[BJTIME_ISO_LEN];
	json_t *inc;

	bjtime_format_iso(disc, iso);
	id = demo_id(demo_call(
	    d, "sunh", "POST",
	    json_pack("{ss ss ss ss ss s{ss}}", "kind", "cyber", "category", "malware",
	              "subcategory", "ransomware", "title", "医政医管科办公终端感染勒索病毒",
	              "discovered_at", iso, "report", "description",
	              "值班巡检发现医政医管科两台办公终端文件被加密，已断网隔离。"),
	    201, "/api/v1/incidents"));
	if (d->failed)
		return;
	json_decref(incident_act(d, "lixy", id,
	                         json_pack("{ss ss}", "action", "verify", "note", "已现场核实")));
	json_decref(
	    incident_act(d, "zhengl", id, json_pack("{ss ss}", "action", "grade", "level", "III")));
	json_decref(incident_act(d, "zhengl", id,
	                         json_pack("{ss ss}", "action", "activate", "level", "III")));
	inc = incident_get(d, id);
	duties_met(d, inc, disc + 25 * 60000, 1);
	tasks_done(d, inc, 2);
	json_decref(inc);
}

/* An orange warning in force and its adjustment. */
static void demo_warning(struct demo *d)
{
	json_decref(demo_call(
	    d, "zhengl", "POST",
	    json_pack("{ss ss ss ss ss ss ss ss}", "level", "III", "category", "malware", "title",
	              "勒索病毒传播风险预警", "audience", "全体干部职工", "scope", "委机关办公网",
	              "items", "勿打开来历不明的邮件附件，发现异常立即断网并报告", "measures",
	              "更新病毒库，关闭高危端口", "issuer", "市卫健委网络安全应急指挥部"),
	    201, "/api/v1/warnings"));
}

/* ---- the self-inspection campaign ---- */

static int64_t account_id_of(struct demo *d, const char *username)
{
	struct db *db = NULL;
	struct account a;
	int64_t id = 0;

	if (!db_open(&db, d->st)) {
		if (account_by_name(db, username, &a) == STORE_OK)
			id = a.id;
		db_close(db);
	}
	return id;
}

/*
 * This year's self-inspection: results filled in during 查摆问题, findings
 * from what was not compliant, rectification tasks assigned to the people
 * responsible; then the phases as planned put today in 整改.
 */
static void demo_campaign(struct demo *d)
{
	static const int depts[] = {D_XXZX, D_YZK, D_YJB, D_BGS};
	static const char *const heads[] = {"liuy", "zhaom", "zhengl", "wangjg"};
	char name[64], a[16], b[16], c2[16], e[16], f[16], g[16], h[16], i8[16];
	json_t *cl, *items, *camp, *findings, *x;
	int64_t clid, kid, insp = account_id_of(d, "zhangw");
	size_t i;

	cl = demo_call(d, "lixy", "POST", json_pack("{ss}", "template", "seed"), 201,
	               "/api/v1/checklists");
	if (!cl)
		return;
	clid = (int64_t)json_integer_value(json_object_get(cl, "id"));
	items = json_object_get(cl, "items");
	snprintf(name, sizeof(name), "%d年度保密工作自查自评", demo_year(d->today));
	camp = demo_call(d, "lixy", "POST",
	                 json_pack("{ss sI s{ss ss} s[IIII] s[I]}", "name", name, "checklist_id",
	                           (json_int_t)clid, "phases", "find_start",
	                           demo_day(d->today - 1, a), "find_end", demo_day(d->today + 1, b),
	                           "departments", (json_int_t)d->dept[D_XXZX],
	                           (json_int_t)d->dept[D_YZK], (json_int_t)d->dept[D_YJB],
	                           (json_int_t)d->dept[D_BGS], "inspectors", (json_int_t)insp),
	                 201, "/api/v1/campaigns");
	kid = demo_id(camp);
	for (size_t k = 0; k < sizeof(depts) / sizeof(depts[0]) && !d->failed; k++) {
		json_array_foreach(items, i, x)
		{
			bool bad = (i + k * 5) % 9 == 4;

			if (i >= 14)
				break;
			json_decref(demo_call(
			    d, "zhangw", "PUT",
			    json_pack("{sI sI ss ss}", "item_id",
			              (json_int_t)json_integer_value(json_object_get(x, "id")),
			              "department_id", (json_int_t)d->dept[depts[k]], "result",
			              bad ? "noncompliant" : "compliant", "note",
			              bad ? "现场检查发现问题" : "查阅台账，符合要求"),
			    204, "/api/v1/campaigns/%lld/results", (long long)kid));
		}
	}
	json_decref(cl);
	findings = demo_call(d, "lixy", "GET", NULL, 200, "/api/v1/campaigns/%lld/findings",
	                     (long long)kid);
	json_array_foreach(json_object_get(findings, "items"), i, x)
	{
		int64_t dep = (int64_t)json_integer_value(json_object_get(x, "department_id"));
		const char *who = "zhangw";
		json_t *t;

		for (size_t k = 0; k < sizeof(depts) / sizeof(depts[0]); k++)
			if (d->dept[depts[k]] == dep)
				who = heads[k];
		if (i % 4 == 3)
			continue; /* still waiting for someone to be made responsible */
		t = demo_call(d, "zhangw", "POST",
		              json_pack("{sI ss ss}", "responsible_id",
		                        (json_int_t)account_id_of(d, who), "deadline",
		                        demo_day(d->today + 10 + (int32_t)i * 2, a), "plan",
		                        "对照检查项逐条整改，完善制度并组织培训"),
		              201, "/api/v1/findings/%lld/task",
		              (long long)json_integer_value(json_object_get(x, "id")));
		if (t && i % 4 != 0) {
			int64_t tid = (int64_t)json_integer_value(json_object_get(t, "id"));

			json_decref(demo_call(d, who, "POST", json_pack("{ss}", "action", "start"),
			                      200, "/api/v1/rect-tasks/%lld/actions",
			                      (long long)tid));
			if (i % 4 == 2)
				json_decref(demo_call(
				    d, who, "POST",
				    json_pack("{ss ss}", "action", "done", "measures",
				              "已完成整改并建立长效机制"),
				    200, "/api/v1/rect-tasks/%lld/actions", (long long)tid));
		}
		json_decref(t);
	}
	json_decref(findings);
	json_decref(demo_call(
	    d, "lixy", "PATCH",
	    json_pack("{s{ss ss ss ss ss ss ss ss}}", "phases", "find_start",
	              demo_day(d->today - 40, a), "find_end", demo_day(d->today - 26, b),
	              "targeted_start", demo_day(d->today - 25, c2), "targeted_end",
	              demo_day(d->today - 16, e), "rectify_start", demo_day(d->today - 15, f),
	              "rectify_end", demo_day(d->today + 30, g), "spot_start",
	              demo_day(d->today + 31, h), "spot_end", demo_day(d->today + 50, i8)),
	    200, "/api/v1/campaigns/%lld", (long long)kid));
}

/* ---- contacts (通讯录) and rewards and penalties (奖惩) ---- */

/*
 * The command of the two plans with the people who hold its posts, and
 * the outside bodies the duties report to (fictional numbers).
 */
static void demo_contacts(struct demo *d)
{
	static const struct {
		const char *name, *group, *title, *ab, *office, *mobile;
		bool liaison;
	} members[] = {
	    {"王建国", "保密专项应急指挥部", "指挥长", "A", "0571-8709 2001", "139 0571 2001",
	     false},
	    {"郑丽", "保密专项应急指挥部", "副指挥长", "B", "0571-8709 2101", "139 0571 2101",
	     false},
	    {"李秀英", "保密应急领导小组", "成员（保密办）", "A", "0571-8709 2201", "138 0571 2201",
	     true},
	    {"张伟", "保密应急领导小组", "成员（保密办）", "B", "0571-8709 2202", "138 0571 2202",
	     false},
	    {"王建国", "信息安全应急指挥部", "总指挥", "A", "0571-8709 2001", "139 0571 2001",
	     false},
	    {"刘洋", "信息安全应急指挥部", "副总指挥（信息中心主任）", "B", "0571-8709 2301",
	     "137 0571 2301", false},
	    {"刘洋", "应急处置工作组（信息中心）", "信息安全负责人", "A", "0571-8709 2301",
	     "137 0571 2301", true},
	    {"陈静", "应急处置工作组（信息中心）", "信息安全负责人", "B", "0571-8709 2302",
	     "137 0571 2302", false},
	    {"孙浩", "应急处置工作组（信息中心）", "值班员", "A", "0571-8709 2000", "136 0571 2000",
	     false},
	};
	static const struct {
		const char *kind, *name, *person, *office, *mobile, *address, *trust;
		bool liaison;
	} bodies[] = {
	    {"secrecy_admin", "市国家保密局", "王科长", "0571-8705 1100", "135 7100 1100",
	     "市府路 18 号市行政中心 3 号楼", "high", false},
	    {"superior", "省卫生健康委员会保密办公室", "陈处长", "0571-8702 3300", "",
	     "庆春路 216 号", "high", false},
	    {"police", "市公安局网络安全保卫支队", "值班室", "0571-8728 0110", "",
	     "体育场路 288 号", "high", false},
	    {"state_security", "市国家安全局", "值班室", "0571-8761 2345", "", "（来访须预约）",
	     "high", false},
	    {"cac", "市委网信办网络安全应急指挥中心", "刘主任", "0571-8706 1200", "135 7100 1200",
	     "市府路 18 号市行政中心 2 号楼", "normal", false},
	    {"jiyao", "市委机要局", "赵科长", "0571-8705 1300", "", "市府路 18 号", "high", false},
	    {"info_office", "市信息化管理办公室", "孙主任", "0571-8706 1400", "", "解放东路 8 号",
	     "normal", false},
	    {"telecom", "中国电信市分公司政企客户部", "客户经理 周工", "0571-8700 1000",
	     "189 0571 1000", "环城北路 160 号", "normal", true},
	    {"power", "国网市供电公司调度中心", "值班调度", "0571-8700 9500", "", "解放路 59 号",
	     "low", false},
	    {"member_unit", "市疾病预防控制中心", "吴科长", "0571-8711 5000", "139 0571 5000",
	     "明石路 568 号", "normal", true},
	    {"member_unit", "市卫生监督所", "钱科长", "0571-8711 6000", "139 0571 6000",
	     "秋涛北路 12 号", "normal", true},
	    {"expert", "省保密技术检查中心 何工（保密技术专家）", "何工", "0571-8703 7000",
	     "133 0571 7000", "", "high", false},
	};

	for (size_t i = 0; i < sizeof(members) / sizeof(members[0]); i++)
		json_decref(demo_call(
		    d, "lixy", "POST",
		    json_pack("{ss ss ss ss ss ss ss sb si}", "kind", "internal", "name",
		              members[i].name, "group", members[i].group, "title", members[i].title,
		              "ab", members[i].ab, "office_phone", members[i].office, "mobile",
		              members[i].mobile, "liaison", members[i].liaison, "ord", (int)i + 1),
		    201, "/api/v1/contacts"));
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++)
		json_decref(
		    demo_call(d, "lixy", "POST",
		              json_pack("{ss ss ss ss ss ss ss sb}", "kind", bodies[i].kind, "name",
		                        bodies[i].name, "contact_person", bodies[i].person,
		                        "office_phone", bodies[i].office, "mobile",
		                        bodies[i].mobile, "address", bodies[i].address, "trust",
		                        bodies[i].trust, "liaison", bodies[i].liaison),
		              201, "/api/v1/contacts"));
}

/* The id of the first item of a list whose `key` holds `text`, 0 if none. */
static int64_t demo_find(json_t *list, const char *key, const char *text)
{
	json_t *x;
	size_t i;
	int64_t id = 0;

	json_array_foreach(json_object_get(list, "items"), i, x)
	{
		const char *v = json_string_value(json_object_get(x, key));

		if (!id && v && strstr(v, text))
			id = (int64_t)json_integer_value(json_object_get(x, "id"));
	}
	json_decref(list);
	return id;
}

/* A penalty for the lost file, a praise for the ransomware found early, a commendation. */
static void demo_rewards(struct demo *d)
{
	char day[16];
	int64_t lost =
	    demo_find(demo_call(d, "lixy", "GET", NULL, 200, "/api/v1/incidents"), "title", "遗失");
	int64_t ransom =
	    demo_find(demo_call(d, "lixy", "GET", NULL, 200, "/api/v1/incidents"), "title", "勒索");
	int64_t kid =
	    demo_find(demo_call(d, "lixy", "GET", NULL, 200, "/api/v1/campaigns"), "name", "自查");

	if (lost)
		json_decref(
		    demo_call(d, "lixy", "POST",
		              json_pack("{ss ss sI ss ss ss}", "kind", "criticise", "person",
		                        "周婷", "incident_id", (json_int_t)lost, "basis",
		                        "携带秘密级文件外出未按规定专人专包保管，致文件一度遗失",
		                        "decided_by", "单位保密委员会", "decided_on",
		                        demo_day(d->today - 20, day)),
		              201, "/api/v1/rewards"));
	if (ransom)
		json_decref(
		    demo_call(d, "lixy", "POST",
		              json_pack("{ss ss sI ss ss ss}", "kind", "praise", "person", "孙浩",
		                        "incident_id", (json_int_t)ransom, "basis",
		                        "值班中及时发现勒索病毒告警并按预案报告", "decided_by",
		                        "单位保密委员会", "decided_on", demo_day(d->today, day)),
		              201, "/api/v1/rewards"));
	if (kid)
		json_decref(demo_call(
		    d, "wangjg", "POST",
		    json_pack("{ss ss sI ss ss ss}", "kind", "commend", "department", "信息中心",
		              "campaign_id", (json_int_t)kid, "basis",
		              "年度保密自查中问题整改及时、全部通过验证", "decided_by",
		              "单位保密委员会", "decided_on", demo_day(d->today - 5, day)),
		    201, "/api/v1/rewards"));
}

/*
 * 保密要害部门部位: the server room, a 机要重地 (部位) whose visits the officer
 * and the leader approve, and the 保密办 (部门), its review overdue; one
 * maintenance visit approved and logged in and out, one request waiting
 * for the officer.
 */
static void demo_places(struct demo *d)
{
	char due[16], rev[16];
	int64_t room, v;

	room = demo_id(demo_call(
	    d, "lixy", "POST",
	    json_pack("{ss ss ss ss sI sI sI s[ssss] ss ss ss ss}", "name", "中心机房（机要重地）",
	              "kind", "site", "level", "secret", "location", "信息中心", "department_id",
	              (json_int_t)d->dept[D_XXZX], "person_a", (json_int_t)d->person[P_LIUY],
	              "person_b", (json_int_t)d->person[P_CHENJ], "measures", "access_control",
	              "cctv", "alarm", "safe", "chain", "officer,leader", "review_due",
	              demo_day(d->today + 90, due), "reviewed_on", demo_day(d->today - 275, rev),
	              "notes", "涉密服务器和网络设备所在地，非工作人员进入须经审批并全程陪同"),
	    201, "/api/v1/key-places"));
	json_decref(demo_call(
	    d, "lixy", "POST",
	    json_pack("{ss ss ss ss sI sI sI s[sss] ss ss ss}", "name", "保密办公室", "kind",
	              "department", "level", "secret", "location", "保密室", "department_id",
	              (json_int_t)d->dept[D_BMB], "person_a", (json_int_t)d->person[P_LIXY],
	              "person_b", (json_int_t)d->person[P_ZHANGW], "measures", "access_control",
	              "safe", "cctv", "chain", "leader", "review_due", demo_day(d->today - 5, due),
	              "reviewed_on", demo_day(d->today - 370, rev)),
	    201, "/api/v1/key-places"));
	if (d->failed)
		return;
	v = demo_id(
	    demo_call(d, "liuy", "POST",
	              json_pack("{ss ss ss ss ss}", "kind", "maintenance", "visitor", "王工",
	                        "organisation", "某信息技术有限公司", "id_no", "330106198805120035",
	                        "purpose", "更换涉密服务器故障硬盘，旧盘不带离现场"),
	              201, "/api/v1/key-places/%lld/visits", (long long)room));
	json_decref(demo_call(
	    d, "lixy", "POST",
	    json_pack("{sb ss si}", "approve", 1, "comment", "同意，旧盘交保密办", "step", 0), 200,
	    "/api/v1/place-visits/%lld/decision", (long long)v));
	json_decref(demo_call(d, "wangjg", "POST",
	                      json_pack("{sb ss si}", "approve", 1, "comment", "同意", "step", 1),
	                      200, "/api/v1/place-visits/%lld/decision", (long long)v));
	json_decref(demo_call(
	    d, "sunh", "POST",
	    json_pack("{ss sI}", "action", "enter", "escort_id", (json_int_t)d->person[P_CHENJ]),
	    200, "/api/v1/place-visits/%lld/actions", (long long)v));
	json_decref(
	    demo_call(d, "sunh", "POST",
	              json_pack("{ss ss}", "action", "leave", "note", "硬盘已更换，旧盘已交保密办"),
	              200, "/api/v1/place-visits/%lld/actions", (long long)v));
	json_decref(demo_call(d, "liuy", "POST",
	                      json_pack("{ss ss ss ss ss sI}", "kind", "maintenance", "visitor",
	                                "赵师傅", "organisation", "某空调维保公司", "id_no",
	                                "330102197912083317", "purpose", "机房精密空调季度维保",
	                                "escort_id", (json_int_t)d->person[P_CHENJ]),
	                      201, "/api/v1/key-places/%lld/visits", (long long)room));
}

/* ---- 保密教育培训 ---- */

/* A session of this year, `ago` days back (not before 1 January), with whole departments. */
static int64_t training_session(struct demo *d, const char *kind, int32_t ago, double hours,
                                const char *title, const char *trainer, const char *material,
                                const int *depts, size_t ndepts)
{
	int32_t jan1 = bjtime_days_from_civil(demo_year(d->today), 1, 1);
	int32_t day = d->today - ago < jan1 ? jan1 : d->today - ago;
	json_t *ids = json_array();
	char a[16];
	int64_t id = demo_id(demo_call(d, "zhangw", "POST",
	                               json_pack("{ss ss sf ss ss ss}", "kind", kind, "held_on",
	                                         demo_day(day, a), "hours", hours, "title", title,
	                                         "trainer", trainer, "material", material),
	                               201, "/api/v1/training/sessions"));

	for (size_t i = 0; i < ndepts; i++)
		json_array_append_new(ids, json_integer(d->dept[depts[i]]));
	if (id)
		json_decref(demo_call(d, "zhangw", "POST", json_pack("{so}", "department_ids", ids),
		                      200, "/api/v1/training/sessions/%lld/attendance",
		                      (long long)id));
	else
		json_decref(ids);
	return id;
}

/*
 * Five sessions this year: the 岗前 training of 杨帆, who is then confirmed
 * as 一般涉密人员 (the rule needs the training and the signed 保密承诺书),
 * the yearly 在岗 training with test scores, two 专题 and a 节前教育.  王建国
 * and 周婷 stay below their yearly targets.
 */
static void demo_training(struct demo *d)
{
	static const int all[] = {D_BGS, D_BMB, D_XXZX, D_YZK, D_JKK, D_YJB};
	static const int most[] = {D_BGS, D_BMB, D_XXZX, D_YZK, D_YJB};
	static const int it[] = {D_BMB, D_XXZX};
	static const int carriers[] = {D_BGS, D_BMB, D_YZK};
	static const int law[] = {D_BMB};
	char a[16];
	int64_t s;

	s = training_session(d, "pre_post", 150, 4, "新任涉密人员岗前保密培训", "李秀英",
	                     "《保密法》及实施条例、本单位保密管理制度汇编", NULL, 0);
	json_decref(demo_call(
	    d, "zhangw", "POST",
	    json_pack("{s[III] s[{sIsi}{sIsi}]}", "person_ids", (json_int_t)d->person[P_YANGF],
	              (json_int_t)d->person[P_SUNH], (json_int_t)d->person[P_CHENJ], "scores",
	              "person_id", (json_int_t)d->person[P_YANGF], "score", 92, "person_id",
	              (json_int_t)d->person[P_SUNH], "score", 85),
	    200, "/api/v1/training/sessions/%lld/attendance", (long long)s));
	json_decref(demo_call(d, "secadmin", "PATCH",
	                      json_pack("{ss ss}", "staff_class", "general", "commitment_signed_on",
	                                demo_day(d->today - 140, a)),
	                      200, "/api/v1/people/%lld", (long long)d->person[P_YANGF]));
	s = training_session(d, "in_post", 120, 8, "年度涉密人员在岗保密培训", "某省保密局讲师",
	                     "培训课件《新形势下的保密工作》", most, 5);
	json_decref(demo_call(d, "zhangw", "POST",
	                      json_pack("{s[{sIsi}{sIsi}{sIsn}]}", "scores", "person_id",
	                                (json_int_t)d->person[P_LIUY], "score", 95, "person_id",
	                                (json_int_t)d->person[P_CHENJ], "score", 88, "person_id",
	                                (json_int_t)d->person[P_HUANGL], "score"),
	                      200, "/api/v1/training/sessions/%lld/attendance", (long long)s));
	training_session(d, "topic", 90, 3.5, "涉密计算机及网络安全专题培训", "刘洋",
	                 "《涉密信息系统分级保护管理办法》解读", it, 2);
	training_session(d, "topic", 60, 6, "涉密载体管理专题培训", "张伟",
	                 "涉密载体全生命周期管理要点", carriers, 3);
	training_session(d, "topic", 45, 2, "保密法律法规学习", "李秀英",
	                 "《中华人民共和国保守国家秘密法》", law, 1);
	training_session(d, "holiday", 30, 1.5, "节前保密提醒教育", "张伟", "节日期间保密注意事项",
	                 all, 6);
}

/*
 * Two drills (应急演练): one of the leak plan held today — run as a drill
 * incident, ended, with two findings in the rectification tracker (one of
 * them opening a revision of the plan), summarised and made known in a
 * 通报 — and one of the cyber plan planned for the second half of the
 * six months.
 */
static void demo_drills(struct demo *d)
{
	json_t *plans = demo_call(d, "zhengl", "GET", NULL, 200, "/api/v1/plans"), *p, *dr;
	int64_t leak = 0, cyber = 0, id, liuy = account_id_of(d, "liuy");
	char a[16], b[16];
	size_t i;

	json_array_foreach(json_object_get(plans, "items"), i, p)
	{
		const char *k = json_string_value(json_object_get(p, "kind"));
		int64_t pid = (int64_t)json_integer_value(json_object_get(p, "id"));

		if (k && !strcmp(k, "leak") && !leak)
			leak = pid;
		else if (k && !strcmp(k, "cyber") && !cyber)
			cyber = pid;
	}
	json_decref(plans);
	if (!leak || !cyber)
		return;
	dr = demo_call(
	    d, "zhengl", "POST",
	    json_pack("{sI ss ss ss s[s] ss s[IIII]}", "plan_id", (json_int_t)leak, "title",
	              "涉密文件遗失应急处置桌面推演", "scenario",
	              "模拟机要交通途中一份机密级文件遗失：发现人报告值班室，值班员按预案通知"
	              "保密办和分管领导，启动失泄密事件处置流程。",
	              "kind", "tabletop", "playbooks", "leak-general", "planned_on",
	              demo_day(d->today, a), "participants", (json_int_t)d->person[P_ZHENGL],
	              (json_int_t)d->person[P_SUNH], (json_int_t)d->person[P_LIXY],
	              (json_int_t)d->person[P_LIUY]),
	    201, "/api/v1/drills");
	id = demo_id(dr);
	if (!id)
		return;
	json_decref(demo_call(d, "zhengl", "POST", json_pack("{ss}", "action", "start"), 200,
	                      "/api/v1/drills/%lld/actions", (long long)id));
	json_decref(demo_call(d, "zhengl", "POST",
	                      json_pack("{ss ss sI ss ss sb}", "title",
	                                "夜间值班电话转接不畅，首报延误", "severity", "medium",
	                                "responsible_id", (json_int_t)account_id_of(d, "sunh"),
	                                "deadline", demo_day(d->today + 15, a), "plan",
	                                "值班电话设置呼叫转移，明确A/B角", "revise_plan", 1),
	                      201, "/api/v1/drills/%lld/findings", (long long)id));
	json_decref(demo_call(d, "zhengl", "POST",
	                      json_pack("{ss ss sI sI ss}", "title", "信息中心未及时提供终端日志",
	                                "severity", "low", "department_id",
	                                (json_int_t)d->dept[D_XXZX], "responsible_id",
	                                (json_int_t)liuy, "deadline", demo_day(d->today + 30, b)),
	                      201, "/api/v1/drills/%lld/findings", (long long)id));
	json_decref(demo_call(d, "zhengl", "POST", json_pack("{ss}", "action", "end"), 200,
	                      "/api/v1/drills/%lld/actions", (long long)id));
	json_decref(demo_call(
	    d, "zhengl", "POST",
	    json_pack("{ss ss}", "action", "summarise", "text",
	              "本次推演检验了失泄密事件的报告、通报和处置流程，各环节基本衔接顺畅；暴露出"
	              "夜间值班电话转接和技术支撑响应不及时的问题，已列入整改。"),
	    200, "/api/v1/drills/%lld/actions", (long long)id));
	json_decref(demo_call(
	    d, "zhengl", "POST",
	    json_pack("{ss ss}", "action", "notify", "text",
	              "现将本次应急演练情况通报如下：各参演部门按预案履行职责，总体达到预期目的。"
	              "请相关部门按期完成整改，保密办跟踪落实。"),
	    200, "/api/v1/drills/%lld/actions", (long long)id));
	json_decref(demo_call(
	    d, "zhengl", "POST",
	    json_pack("{sI ss ss ss s[] ss s[III]}", "plan_id", (json_int_t)cyber, "title",
	              "勒索病毒攻击应急处置实战演练", "scenario",
	              "模拟内网一台终端感染勒索病毒并向文件服务器扩散，检验断网隔离、研判、报告"
	              "和恢复流程。",
	              "kind", "live", "playbooks", "planned_on", demo_day(d->today + 20, a),
	              "participants", (json_int_t)d->person[P_LIUY], (json_int_t)d->person[P_CHENJ],
	              (json_int_t)d->person[P_ZHENGL]),
	    201, "/api/v1/drills"));
}

/* ---- 信息发布保密审查 ---- */

/* An upload as `user` (the draft is the raw body); the answer when the status is 201. */
static json_t *demo_upload(struct demo *d, const char *user, const char *path, const char *text)
{
	json_t *out = NULL;
	int status;

	if (d->failed)
		return NULL;
	status = api_call_raw_as(&d->app, user, "POST", path, NULL, text, strlen(text), &out);
	if (status != 201) {
		cli_error("demo: POST %s as %s: HTTP %d", path, user, status);
		json_decref(out);
		d->failed = true;
		return NULL;
	}
	return out;
}

static void pubrev_decide(struct demo *d, const char *user, int64_t id, int step,
                          const char *reason)
{
	json_decref(demo_call(
	    d, user, "POST",
	    json_pack("{si ss ss}", "step", step, "decision", "approve", "reason", reason), 200,
	    "/api/v1/publication-reviews/%lld/decision", (long long)id));
}

/*
 * The officer's keyword list; a news item reviewed along the whole chain and
 * published on the website; and a press release still under review whose
 * scan found a keyword and the title of a ledger document its author may
 * see, waiting for the officer to check the hits.
 */
static void demo_pubrev(struct demo *d)
{
	static const char *const kws[][3] = {
	    {"方舱选址方案", "secret", "突发公共卫生事件处置中的选址信息"},
	    {"应急物资储备点", "confidential", "储备点位置与数量"},
	    {"核心机房拓扑", "confidential", "网络与信息系统结构"},
	};
	char path[512], day[16], text[1024];
	const char *title = NULL;
	json_t *r, *list;
	int64_t id;
	size_t i;

	for (i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
		json_decref(demo_call(d, "zhangw", "POST",
		                      json_pack("{ss ss ss}", "word", kws[i][0], "level", kws[i][1],
		                                "note", kws[i][2]),
		                      201, "/api/v1/review-keywords"));
	/* reviewed, approved and published */
	r = demo_upload(d, "chenj",
	                "/api/v1/publication-reviews?title=网络安全宣传周活动报道&channel=website"
	                "&name=宣传周报道.txt",
	                "网络安全宣传周活动报道\n本周，我委组织开展网络安全宣传周活动，"
	                "邀请专家讲解个人信息保护和防范电信网络诈骗知识，干部职工三百余人参加。\n");
	id = demo_id(json_incref(r));
	pubrev_decide(d, "liuy", id, 0, "内容属实，同意报保密办审查");
	pubrev_decide(d, "zhangw", id, 1, "未发现涉密内容，同意");
	pubrev_decide(d, "wangjg", id, 2, "同意在门户网站发布");
	json_decref(demo_call(d, "chenj", "POST",
	                      json_pack("{ss ss ss ss}", "sha256",
	                                json_string_value(json_object_get(r, "sha256")), "channel",
	                                "website", "place", "门户网站·工作动态", "published_on",
	                                demo_day(d->today - 1, day)),
	                      201, "/api/v1/publication-reviews/%lld/publications", (long long)id));
	json_decref(r);
	/* under review with hits: a ledger document the author may see, and a keyword */
	list = demo_call(d, "chenj", "GET", NULL, 200, "/api/v1/carriers?limit=100");
	for (i = 0; list && i < json_array_size(json_object_get(list, "items")); i++) {
		json_t *c = json_array_get(json_object_get(list, "items"), i);
		const char *lv = json_string_value(json_object_get(c, "level"));
		const char *st = json_string_value(json_object_get(c, "state"));
		const char *t = json_string_value(json_object_get(c, "title"));
		const char *ty = json_string_value(json_object_get(c, "type"));

		if (lv && st && t && ty && strcmp(st, "declassified") && strstr(ty, "doc") &&
		    (!strcmp(lv, "confidential") || !strcmp(lv, "secret"))) {
			title = t;
			break;
		}
	}
	snprintf(text, sizeof(text),
	         "关于做好防汛救灾卫生应急工作的新闻稿\n近日，我委召开专题会议，传达学习%s精神，"
	         "部署全市防汛救灾卫生应急工作，并通报了各区应急物资储备点的调整情况。\n",
	         title ? title : "上级有关文件");
	snprintf(path, sizeof(path), "%s",
	         "/api/v1/publication-reviews?title=防汛救灾卫生应急工作新闻稿&channel=news"
	         "&name=防汛新闻稿.txt");
	r = demo_upload(d, "chenj", path, text);
	id = demo_id(r);
	pubrev_decide(d, "liuy", id, 0, "同意报保密办审查");
	json_decref(list);
}

#define DEMO_CARRIERS 200

/* ---- inventories (清查盘点) ---- */

/*
 * Scans every expected carrier of inventory `inv` at its registered place as
 * `user`, except the first in custody (left missing, when miss) and the second
 * (found in the meeting room, when misplace); at most `max` scans.
 */
static void inventory_scan_all(struct demo *d, int64_t inv, const char *user, bool miss,
                               bool misplace, size_t max)
{
	json_t *o =
	    demo_call(d, "lixy", "GET", NULL, 200, "/api/v1/inventories/%lld", (long long)inv);
	json_t *l;
	size_t i, done = 0;
	int custody = 0;

	json_array_foreach(json_object_get(o, "lines"), i, l)
	{
		const char *place = json_str(l, "location");

		if (done >= max || strcmp(json_str(l, "status"), "missing") != 0)
			continue; /* those lent out are away on record */
		custody++;
		if (miss && custody == 1)
			continue;
		if (misplace && custody == 2)
			place = "第二会议室";
		json_decref(
		    demo_call(d, user, "POST",
		              json_pack("{ss ss}", "code", json_str(l, "number"), "place", place),
		              201, "/api/v1/inventories/%lld/scans", (long long)inv));
		done++;
	}
	json_decref(o);
}

/*
 * A closed annual inventory of 办公室 with its differences (one carrier
 * missing, one found out of place, one label not on the ledger) and an open
 * emergency count of 信息中心 half done, with a packing row.
 */
static void demo_inventory(struct demo *d)
{
	char name[64];
	int64_t inv, em;
	json_t *o, *l;
	size_t i;

	snprintf(name, sizeof(name), "%d年度涉密载体清查（办公室）", demo_year(d->today));
	inv = demo_id(demo_call(d, "lixy", "POST",
	                        json_pack("{ss ss sI}", "name", name, "kind", "annual",
	                                  "department_id", (json_int_t)d->dept[D_BGS]),
	                        201, "/api/v1/inventories"));
	inventory_scan_all(d, inv, "zhangw", true, true, 1000);
	json_decref(
	    demo_call(d, "zhangw", "POST",
	              json_pack("{ss ss}", "code", "]Q1BGS-2019-0042\r\n", "place", "档案室"), 201,
	              "/api/v1/inventories/%lld/scans", (long long)inv));
	json_decref(demo_call(d, "lixy", "POST", json_object(), 200,
	                      "/api/v1/inventories/%lld/close", (long long)inv));

	em = demo_id(demo_call(d, "lixy", "POST",
	                       json_pack("{ss ss sI}", "name", "应急清点（信息中心机房）", "kind",
	                                 "emergency", "department_id", (json_int_t)d->dept[D_XXZX]),
	                       201, "/api/v1/inventories"));
	inventory_scan_all(d, em, "liuy", false, false, 2);
	o = demo_call(d, "lixy", "GET", NULL, 200, "/api/v1/inventories/%lld", (long long)em);
	json_array_foreach(json_object_get(o, "lines"), i, l)
	{
		if (strcmp(json_str(l, "status"), "found") != 0)
			continue;
		json_decref(demo_call(
		    d, "zhengl", "PUT",
		    json_pack("{sO ss sI sI}", "carrier_id", json_object_get(l, "carrier_id"),
		              "box", "1号转移箱", "packed_by", (json_int_t)d->person[P_CHENJ],
		              "taken_by", (json_int_t)d->person[P_LIUY]),
		    200, "/api/v1/inventories/%lld/packing", (long long)em));
		break;
	}
	json_decref(o);
}

/*
 * A month of duty around today (值班表): day and night shifts on working
 * days, 24 h on weekends and holidays, from a rotation of the three duty
 * officers with 王建国 as the leader on call; the next night shift is 孙浩's.
 * A handover note on the last shift and a call in the duty log.
 */
static void demo_duty(struct demo *d)
{
	int64_t sunh = account_id_of(d, "sunh"), chenj = account_id_of(d, "chenj");
	int64_t zhengl = account_id_of(d, "zhengl"), wangjg = account_id_of(d, "wangjg");
	char from[16], to[16], iso[BJTIME_ISO_LEN];
	json_t *list, *x, *now;
	size_t i;

	json_decref(
	    demo_call(d, "zhangw", "POST",
	              json_pack("{ss ss ss s[I I I] s[I] s[I I] s[I I] ss}", "from",
	                        demo_day(d->today - 14, from), "to", demo_day(d->today + 20, to),
	                        "pattern", "standard", "officers", (json_int_t)sunh,
	                        (json_int_t)chenj, (json_int_t)zhengl, "leaders",
	                        (json_int_t)wangjg, "a", (json_int_t)zhengl, (json_int_t)chenj, "b",
	                        (json_int_t)chenj, (json_int_t)zhengl, "phone", "010-66012345"),
	              201, "/api/v1/duty/generate"));
	list = demo_call(d, "zhangw", "GET", NULL, 200, "/api/v1/duty/shifts?from=%s&to=%s",
	                 demo_day(d->today, from), demo_day(d->today + 7, to));
	json_array_foreach(json_object_get(list, "items"), i, x)
	{
		if (strcmp(json_str(x, "kind"), "night"))
			continue;
		json_decref(demo_call(d, "zhangw", "PATCH",
		                      json_pack("{sI sI sI sI}", "officer", (json_int_t)sunh,
		                                "leader", (json_int_t)wangjg, "a",
		                                (json_int_t)zhengl, "b", (json_int_t)chenj),
		                      200, "/api/v1/duty/shifts/%lld",
		                      (long long)json_integer_value(json_object_get(x, "id"))));
		break;
	}
	json_decref(list);
	/* the shift before this one hands over */
	bjtime_format_iso(d->now - 13 * 3600000LL, iso);
	now = demo_call(d, "chenj", "GET", NULL, 200, "/api/v1/duty/now?at=%s", iso);
	x = json_object_get(now, "shift");
	if (json_is_object(x))
		json_decref(
		    demo_call(d, "chenj", "POST",
		              json_pack("{ss ss}", "text", "本班无异常。机房空调告警一次，已报修。",
		                        "pending", "空调维修结果待确认"),
		              201, "/api/v1/duty/shifts/%lld/handovers",
		              (long long)json_integer_value(json_object_get(x, "id"))));
	json_decref(now);
	bjtime_format_iso(d->now - 40 * 60000LL, iso);
	json_decref(demo_call(d, "sunh", "POST",
	                      json_pack("{ss ss ss ss}", "kind", "call", "at", iso, "caller",
	                                "信息中心 刘洋", "text",
	                                "来电：机房门禁夜间告警，已派人查看，无人员进入。"),
	                      201, "/api/v1/duty/log"));
}

int demo_seed(const char *dir)
{
	static const char *const readers[] = {"lixy", "zhangw", "wangjg"};
	struct demo d;
	struct demo_carrier *ks = calloc(DEMO_CARRIERS, sizeof(*ks));
	char err[512];
	int rc;

	memset(&d, 0, sizeof(d));
	d.now = bjtime_now_ms();
	d.today = (int32_t)((d.now / 1000 + BJTIME_OFFSET_S) / 86400);
	d.rng = 20261206u;
	if (!ks)
		return cli_error("demo: out of memory");
	if (store_open(&d.st, dir, err, sizeof(err))) {
		free(ks);
		return cli_error("%s", err);
	}
	store_bulk_begin(d.st);
	rc = demo_base(&d);
	if (!rc && api_init(&d.app, d.st, 1, false))
		rc = cli_error("demo: cannot open database connections in %s", dir);
	else if (!rc) {
		rc = demo_ledger(&d, ks, DEMO_CARRIERS);
		/* the approvers have long read the news of requests they decided */
		for (size_t i = 0; !rc && i < sizeof(readers) / sizeof(readers[0]); i++)
			json_decref(demo_call(&d, readers[i], "POST", NULL, 200,
			                      "/api/v1/notifications/read-all"));
		if (!rc) {
			int64_t lost = 0;

			for (int i = 0; i < DEMO_CARRIERS && !lost; i++)
				if (ks[i].fate == F_CUSTODY && ks[i].level == LEVEL_CONFIDENTIAL &&
				    ks[i].type == CT_PAPER_DOC)
					lost = ks[i].id;
			demo_duty(&d); /* before the incidents: their tasks go to those on duty */
			incident_closed(&d, lost);
			incident_open(&d);
			demo_warning(&d);
			demo_campaign(&d);
			demo_contacts(&d);
			demo_rewards(&d);
			demo_places(&d);
			demo_training(&d);
			demo_inventory(&d);
			demo_drills(&d);
			demo_pubrev(&d);
			rc = d.failed ? EXIT_USAGE : 0;
		}
		api_release(&d.app);
	}
	if (store_bulk_end(d.st) && !rc)
		rc = cli_error("demo: cannot write the demo data to disk in %s", dir);
	store_free(d.st);
	free(ks);
	return rc;
}
