/*
 * store_stats.c — the year's statistics: the table of figures, their
 * counts and their drill-down lists (see store_stats.h).
 */
#include "store_stats.h"

#include <string.h>

#include "../core/drill.h"
#include "../core/inspect.h"
#include "../core/level.h"
#include "../core/person.h"
#include "../util/buf.h"
#include "store_incident.h"
#include "store_int.h"
#include "store_training.h"

/* Whose visibility rule a figure's query takes on. */
enum stats_vis {
	SV_CARRIER,  /* the ledger's need-to-know on carriers c */
	SV_INCIDENT, /* the incidents' on incidents i */
	SV_UNIT,     /* the unit's records for the officer and the leader */
	SV_PUBREV,   /* a publication review's (pubrev_may_see), from the query's last
	                five columns: PUB_VIS_COLS */
};

/* How a record is sorted into a figure's parts, from the query's columns 3... */
enum stats_part {
	PK_LEVEL,    /* 3: level */
	PK_PERIOD,   /* 3: level, 4: period_years, 5: release_on, 6: condition, 7: defaulted */
	PK_PERSON,   /* 3: class, 4: status, 5: 脱密期 end, 6: created_at; by class, one flag */
	PK_CLOSED,   /* 3: closed */
	PK_SEVERITY, /* 3: severity */
	PK_RECT,     /* 3: has a task, 4: state, 5: deadline day, 6: done_at */
	PK_KIND,     /* 3: incident kind */
	PK_GRADE,    /* 4: confirmed level (3 is the kind) */
	PK_DUTY,     /* 3: anchor_at, 4: due_at, 5: met_at, 6: recorded_at */
	PK_VALUE,    /* 3: the index of the part in the figure's own names */
	PK_TRAINING, /* 3: training kind, 4: hours in tenths (summed into the figure's hours) */
	PK_BELOW,    /* 3: staff class, 4: the year's hours in tenths; those below target */
	PK_DRILL,    /* 3: drill state, 4: planned day */
};

/*
 * One figure.  The query's columns: 0 the id of the record a row opens,
 * 1 its label (number, title, name), 2 a detail (a carrier's title, a
 * finding, a duty), then the part inputs.  Parameters: :unit, :from/:to
 * (ms) and :dfrom/:dto (Beijing days) of the year; the visibility rule is
 * ANDed to the WHERE clause before `order`.
 */
struct figure {
	const char *key;
	const char *section;
	const char *zh, *en;
	/* what a record opens: carrier, incident, person, campaign, training (session), drill,
	   place, pubrev, inventory */
	const char *target;
	enum stats_vis vis;
	enum stats_part part;
	unsigned person_flag; /* PK_PERSON: the STATS_P_* the person must have */
	const char *sql;
	const char *order;
	const char *const (
	    *names)[3]; /* PK_VALUE, PK_TRAINING: each part's code, Chinese, English */
	int nnames;
};

/* What a record is judged against besides the year: now, and the training targets. */
struct stats_ctx {
	const struct stats_year *y;
	int64_t now_ms;
	struct training_targets targets;
};

#define FIG_CARRIER_COLS                                                                           \
	"c.id, c.number, c.title, c.level, c.period_years, c.release_on, "                         \
	"c.release_condition, c.period_defaulted"
#define CARRIER_EVENTS(actions)                                                                    \
	"SELECT " FIG_CARRIER_COLS                                                                 \
	" FROM carrier_events e JOIN carriers c ON c.id = e.carrier_id "                           \
	"WHERE e.action IN (" actions ") AND e.ts >= :from AND e.ts < :to AND c.unit_id = :unit"
/* 定密 decisions: classified carriers whose 定密日期 falls in the year; a copy
   inherits its original's decision and is not one of its own */
#define CLASSIFIED                                                                                 \
	"SELECT " FIG_CARRIER_COLS " FROM carriers c WHERE c.unit_id = :unit AND c.level >= 2 "    \
	"AND c.issued_on >= :dfrom AND c.issued_on < :dto AND NOT EXISTS (SELECT 1 FROM "          \
	"carrier_events x WHERE x.carrier_id = c.id AND x.action = 'register_copy')"
#define PEOPLE                                                                                     \
	"SELECT p.id, p.name, '', p.staff_class, p.status, p.declassify_until, p.created_at "      \
	"FROM people p WHERE p.unit_id = :unit AND p.staff_class > 0"
#define FINDINGS(cols)                                                                             \
	"SELECT k.id, k.name, f.title" cols " FROM findings f JOIN campaigns k ON "                \
	"k.id = f.campaign_id LEFT JOIN rect_tasks r ON r.finding_id = f.id WHERE "                \
	"k.unit_id = :unit AND f.created_at >= :from AND f.created_at < :to"
/* real incidents are drill = 0: a drill (应急演练) is counted in its own figure only */
#define INCIDENTS(where)                                                                           \
	"SELECT i.id, i.title, '', i.kind, i.confirmed_level FROM incidents i WHERE "              \
	"i.unit_id = :unit AND i.reported_at >= :from AND i.reported_at < :to AND " where

/* the training sessions of the unit held in the year */
#define SESSIONS(cols, from)                                                                       \
	"SELECT " cols " FROM " from " WHERE s.unit_id = :unit AND s.held_on >= :dfrom AND "       \
	"s.held_on < :dto"
/* a publication review's need-to-know columns (SV_PUBREV), and its unit: its submitter's */
#define PUB_VIS_COLS "r.submitted_by, r.department_id, r.state, r.steps, r.step"
#define PUB_UNIT                                                                                   \
	"r.submitted_by IN (SELECT a.id FROM accounts a JOIN people p ON p.id = a.person_id "      \
	"WHERE p.unit_id = :unit)"

#define NAMES(t) t, (int)(sizeof(t) / sizeof(t[0]))
#define NO_NAMES NULL, 0
static const char *const training_kinds[][3] = {
    {"pre_post", "岗前培训", "Pre-post training"},
    {"in_post", "在岗培训", "In-post training"},
    {"topic", "专题培训", "Topical training"},
    {"holiday", "节前保密教育", "Pre-holiday education"},
};
static const char *const place_kinds[][3] = {
    {"department", "要害部门", "Key department"},
    {"site", "要害部位", "Key site"},
};
/* a visit's outcome: the CASE of the visits figure's query, in this order */
static const char *const visit_outcomes[][3] = {
    {"approved", "经批准进入或待进入", "Approved"},
    {"rejected", "未批准", "Not approved"},
    {"pending", "待审批", "Awaiting approval"},
    {"cancelled", "已撤销", "Cancelled"},
    {"unapproved", "未经审批进入", "Entered without approval"},
};
static const char *const pub_states[][3] = {
    {"reviewing", "审查中", "Under review"},
    {"approved", "已批准", "Approved"},
    {"rejected", "已退回", "Returned"},
};
static const char *const pub_outcomes[][3] = {
    {"approved", "审查通过", "Approved"},
    {"rejected", "退回", "Returned"},
};
static const char *const pub_channels[][3] = {
    {"website", "门户网站", "Website"},
    {"wechat", "微信公众号", "WeChat account"},
    {"news", "新闻媒体", "News media"},
    {"other", "其他", "Other"},
};
static const char *const hit_kinds[][3] = {
    {"keyword", "关键词", "Keyword"},
    {"carrier", "台账载体", "Ledger carrier"},
    {"unreadable", "无法完整读取", "Not fully readable"},
};
static const char *const inventory_kinds[][3] = {
    {"annual", "年度清查", "Annual inventory"},
    {"emergency", "应急清点", "Emergency count"},
};

static const struct figure figures[] = {
    /* 涉密载体 */
    {"carriers_registered", "carriers", "登记涉密载体", "Carriers registered", "carrier",
     SV_CARRIER, PK_LEVEL, 0, CARRIER_EVENTS("'register', 'import'"), " ORDER BY e.id", NO_NAMES},
    {"carriers_copied", "carriers", "复制（翻印）形成的载体", "Copies made", "carrier", SV_CARRIER,
     PK_LEVEL, 0, CARRIER_EVENTS("'register_copy'"), " ORDER BY e.id", NO_NAMES},
    {"carriers_destroyed", "carriers", "销毁涉密载体", "Carriers destroyed", "carrier", SV_CARRIER,
     PK_LEVEL, 0, CARRIER_EVENTS("'destroy'"), " ORDER BY e.id", NO_NAMES},
    {"carriers_declassified", "carriers", "解密涉密载体", "Carriers declassified", "carrier",
     SV_CARRIER, PK_LEVEL, 0, CARRIER_EVENTS("'declassify'"), " ORDER BY e.id", NO_NAMES},
    {"carriers_period_top_secret", "carriers", "年内登记的绝密载体保密期限",
     "Periods of top secret carriers registered", "carrier", SV_CARRIER, PK_PERIOD, 0,
     CARRIER_EVENTS("'register', 'import'") " AND c.level = 4", " ORDER BY e.id", NO_NAMES},
    {"carriers_period_secret", "carriers", "年内登记的机密载体保密期限",
     "Periods of secret carriers registered", "carrier", SV_CARRIER, PK_PERIOD, 0,
     CARRIER_EVENTS("'register', 'import'") " AND c.level = 3", " ORDER BY e.id", NO_NAMES},
    {"carriers_period_confidential", "carriers", "年内登记的秘密载体保密期限",
     "Periods of confidential carriers registered", "carrier", SV_CARRIER, PK_PERIOD, 0,
     CARRIER_EVENTS("'register', 'import'") " AND c.level = 2", " ORDER BY e.id", NO_NAMES},
    /* 定密 */
    {"classify_by_level", "classify", "定密事项（按密级）", "Classification decisions by level",
     "carrier", SV_CARRIER, PK_LEVEL, 0, CLASSIFIED, " ORDER BY c.id", NO_NAMES},
    {"classify_by_period", "classify", "定密事项（按保密期限）",
     "Classification decisions by period", "carrier", SV_CARRIER, PK_PERIOD, 0, CLASSIFIED,
     " ORDER BY c.id", NO_NAMES},
    {"classify_no_basis", "classify", "未记录定密责任人或定密依据",
     "Decisions without classifier or basis", "carrier", SV_CARRIER, PK_LEVEL, 0,
     CLASSIFIED " AND (c.classifier = '' OR c.classify_basis = '')", " ORDER BY c.id", NO_NAMES},
    /* 涉密人员 */
    {"people_roll", "people", "在册涉密人员", "Classified staff on the roll", "person", SV_UNIT,
     PK_PERSON, STATS_P_ROLL, PEOPLE, " ORDER BY p.id", NO_NAMES},
    {"people_new", "people", "新增涉密人员", "Classified staff added", "person", SV_UNIT, PK_PERSON,
     STATS_P_NEW, PEOPLE, " ORDER BY p.id", NO_NAMES},
    {"people_declassifying", "people", "处于脱密期的人员", "Staff in their declassification period",
     "person", SV_UNIT, PK_PERSON, STATS_P_DECLASS, PEOPLE, " ORDER BY p.id", NO_NAMES},
    {"people_left", "people", "脱密期满离岗人员", "Staff who left (period over)", "person", SV_UNIT,
     PK_PERSON, STATS_P_LEFT, PEOPLE, " ORDER BY p.id", NO_NAMES},
    /* 保密自查 */
    {"inspect_campaigns", "inspect", "保密自查（检查活动）", "Self-inspection campaigns",
     "campaign", SV_UNIT, PK_CLOSED, 0,
     "SELECT k.id, k.name, '', k.closed FROM campaigns k WHERE k.unit_id = :unit "
     "AND k.created_at >= :from AND k.created_at < :to",
     " ORDER BY k.id", NO_NAMES},
    {"inspect_findings", "inspect", "发现问题", "Findings", "campaign", SV_UNIT, PK_SEVERITY, 0,
     FINDINGS(", f.severity"), " ORDER BY f.id", NO_NAMES},
    {"inspect_rectification", "inspect", "问题整改", "Rectification of findings", "campaign",
     SV_UNIT, PK_RECT, 0, FINDINGS(", r.id IS NOT NULL, r.state, r.deadline, r.done_at"),
     " ORDER BY f.id", NO_NAMES},
    /* 事件 */
    {"incidents_by_kind", "incidents", "事件（按类别）", "Incidents by kind", "incident",
     SV_INCIDENT, PK_KIND, 0, INCIDENTS("i.drill = 0 AND i.state <> 9"), " ORDER BY i.id",
     NO_NAMES},
    {"incidents_by_level", "incidents", "事件（按级别）", "Incidents by level", "incident",
     SV_INCIDENT, PK_GRADE, 0, INCIDENTS("i.drill = 0 AND i.state <> 9"), " ORDER BY i.id",
     NO_NAMES},
    {"incidents_dismissed", "incidents", "经核实不属实的报告", "Reports found untrue", "incident",
     SV_INCIDENT, PK_KIND, 0, INCIDENTS("i.drill = 0 AND i.state = 9"), " ORDER BY i.id", NO_NAMES},
    {"incidents_reporting", "incidents", "报告时限执行情况", "Reporting on time", "incident",
     SV_INCIDENT, PK_DUTY, 0,
     "SELECT i.id, i.title, d.what, d.anchor_at, d.due_at, d.met_at, d.recorded_at FROM "
     "incident_deadlines d JOIN incidents i ON i.id = d.incident_id WHERE i.unit_id = :unit "
     "AND i.drill = 0 AND i.reported_at >= :from AND i.reported_at < :to",
     " ORDER BY d.id", NO_NAMES},
    /* 应急演练 */
    {"drills", "drills", "应急演练", "Drills", "incident", SV_INCIDENT, PK_KIND, 0,
     INCIDENTS("i.drill = 1"), " ORDER BY i.id", NO_NAMES},
    {"drills_planned", "drills", "计划的演练（按执行情况）", "Drills planned, by outcome", "drill",
     SV_UNIT, PK_DRILL, 0,
     "SELECT d.id, d.title, '', d.state, d.planned_on FROM drills d WHERE d.unit_id = :unit "
     "AND d.planned_on >= :dfrom AND d.planned_on < :dto",
     " ORDER BY d.planned_on, d.id", NO_NAMES},
    /* 保密教育培训 */
    {"training_sessions", "training", "举办保密教育培训（按类别）", "Training sessions held",
     "training", SV_UNIT, PK_TRAINING, 0,
     SESSIONS("s.id, s.title, s.trainer, s.kind, s.hours", "training_sessions s"),
     " ORDER BY s.held_on, s.id", NAMES(training_kinds)},
    {"training_attendance", "training", "参训人次（按培训类别）", "Attendances (person-times)",
     "training", SV_UNIT, PK_TRAINING, 0,
     SESSIONS("s.id, s.title, p.name, s.kind, s.hours",
              "training_attendance a JOIN training_sessions s ON s.id = a.session_id JOIN "
              "people p ON p.id = a.person_id"),
     " ORDER BY s.held_on, s.id, p.id", NAMES(training_kinds)},
    {"training_below_target", "training", "在岗人员年度学时未达标",
     "Staff below their yearly hours", "person", SV_UNIT, PK_BELOW, 0,
     "SELECT p.id, p.name, '', p.staff_class, coalesce(sum(s.hours), 0) FROM people p "
     "LEFT JOIN training_attendance a ON a.person_id = p.id LEFT JOIN training_sessions s ON "
     "s.id = a.session_id AND s.held_on >= :dfrom AND s.held_on < :dto WHERE "
     "p.unit_id = :unit AND p.status = 0 AND p.created_at < :to",
     " GROUP BY p.id ORDER BY p.id", NO_NAMES},
    /* 保密要害部门部位 */
    {"places_registered", "places", "登记的要害部门部位", "Key places registered", "place", SV_UNIT,
     PK_VALUE, 0,
     "SELECT k.id, k.name, k.location, k.kind FROM key_places k WHERE k.unit_id = :unit "
     "AND k.created_at < :to",
     " ORDER BY k.id", NAMES(place_kinds)},
    {"places_visits", "places", "进入要害部门部位（按审批）", "Visits to key places", "place",
     SV_UNIT, PK_VALUE, 0,
     "SELECT k.id, k.name, v.visitor, CASE WHEN v.unapproved THEN 4 WHEN v.state IN (1, 4, 5) "
     "THEN 0 WHEN v.state = 2 THEN 1 WHEN v.state = 0 THEN 2 ELSE 3 END FROM place_visits v "
     "JOIN key_places k ON k.id = v.place_id WHERE k.unit_id = :unit AND "
     "v.requested_at >= :from AND v.requested_at < :to",
     " ORDER BY v.id", NAMES(visit_outcomes)},
    /* 信息发布保密审查 */
    {"pubrev_submitted", "pubrev", "提交保密审查的信息（按当前状态）",
     "Texts submitted for review, by state", "pubrev", SV_PUBREV, PK_VALUE, 0,
     "SELECT r.id, r.title, '', r.state, " PUB_VIS_COLS " FROM pub_reviews r WHERE "
     "r.created_at >= :from AND r.created_at < :to AND " PUB_UNIT,
     " ORDER BY r.id", NAMES(pub_states)},
    /* a review ends with the approval of its chain's last step, or with a rejection */
    {"pubrev_outcomes", "pubrev", "审查结论", "Review outcomes", "pubrev", SV_PUBREV, PK_VALUE, 0,
     "SELECT r.id, r.title, d.reason, d.decision <> 'approve', " PUB_VIS_COLS
     " FROM pub_decisions d JOIN pub_reviews r ON r.id = d.review_id WHERE d.at >= :from AND "
     "d.at < :to AND (d.decision = 'reject' OR d.step = length(r.steps) - "
     "length(replace(r.steps, ',', ''))) AND " PUB_UNIT,
     " ORDER BY d.id", NAMES(pub_outcomes)},
    {"pubrev_published", "pubrev", "发布登记（按渠道）", "Publications registered, by channel",
     "pubrev", SV_PUBREV, PK_VALUE, 0,
     "SELECT r.id, r.title, x.place, CASE x.channel WHEN 'website' THEN 0 WHEN 'wechat' THEN 1 "
     "WHEN 'news' THEN 2 ELSE 3 END, " PUB_VIS_COLS " FROM pub_publications x JOIN pub_reviews "
     "r ON r.id = x.review_id WHERE x.published_on >= :dfrom AND x.published_on < :dto "
     "AND " PUB_UNIT,
     " ORDER BY x.id", NAMES(pub_channels)},
    {"pubrev_hits_cleared", "pubrev", "核实无密的扫描命中", "Scan hits cleared as not classified",
     "pubrev", SV_PUBREV, PK_VALUE, 0,
     "SELECT r.id, r.title, h.clear_reason, h.kind, " PUB_VIS_COLS " FROM pub_hits h JOIN "
     "pub_reviews r ON r.id = h.review_id WHERE h.cleared_at >= :from AND h.cleared_at < :to "
     "AND " PUB_UNIT,
     " ORDER BY h.id", NAMES(hit_kinds)},
    /* 清查盘点: a missing carrier shows its number only, as the inventory page does */
    {"inventories_closed", "inventory", "完成的清查盘点", "Inventories closed", "inventory",
     SV_UNIT, PK_VALUE, 0,
     "SELECT n.id, n.name, '', n.kind FROM inventories n WHERE n.unit_id = :unit AND "
     "n.state = 1 AND n.closed_at >= :from AND n.closed_at < :to",
     " ORDER BY n.id", NAMES(inventory_kinds)},
    {"inventory_missing", "inventory", "清查中缺失的载体", "Carriers found missing", "inventory",
     SV_UNIT, PK_VALUE, 0,
     "SELECT n.id, x.number, n.name, n.kind FROM inventory_results x JOIN inventories n ON "
     "n.id = x.inventory_id WHERE n.unit_id = :unit AND n.state = 1 AND n.closed_at >= :from "
     "AND n.closed_at < :to AND x.status = 2", /* INV_MISSING */
     " ORDER BY n.id, x.seq", NAMES(inventory_kinds)},
};
#define NFIGURES (sizeof(figures) / sizeof(figures[0]))

static const char *const section_names[][3] = {
    {"carriers", "涉密载体", "Classified carriers"},
    {"classify", "定密", "Classification"},
    {"people", "涉密人员", "Classified staff"},
    {"inspect", "保密自查", "Self-inspection"},
    {"incidents", "失泄密及安全事件", "Incidents"},
    {"drills", "应急演练", "Drills"},
    {"training", "保密教育培训", "Training"},
    {"places", "保密要害部门部位", "Key places"},
    {"pubrev", "信息发布保密审查", "Publication review"},
    {"inventory", "清查盘点", "Inventories"},
};

static const char *section_name(const char *code, int lang)
{
	for (size_t i = 0; i < sizeof(section_names) / sizeof(section_names[0]); i++)
		if (!strcmp(section_names[i][0], code))
			return section_names[i][lang];
	return "";
}

/* ---- parts ---- */

static const char *const kind_en[INC_KIND_COUNT] = {"Leak", "Information security"};
static const char *const grade_en[INC_LEVEL_COUNT] = {
    "Not graded", "I (extremely serious)", "II (serious)", "III (major)", "IV (general)"};
static const char *const severity_en[INSP_SEVERITY_COUNT] = {"Minor", "Serious", "Grave"};

/* a planned drill's outcome: the order of PK_DRILL's parts */
static const char *const drill_outcomes[][3] = {
    {"held", "已举行", "Held"},
    {"planned", "计划中（未到期）", "Planned, not yet due"},
    {"overdue", "逾期未举行", "Overdue, not held"},
    {"cancelled", "已取消", "Cancelled"},
};

static int part_count(const struct figure *f)
{
	switch (f->part) {
	case PK_LEVEL:
		return LEVEL_COUNT;
	case PK_PERIOD:
		return STATS_PERIOD_COUNT;
	case PK_PERSON:
		return 3;
	case PK_CLOSED:
		return 2;
	case PK_SEVERITY:
		return INSP_SEVERITY_COUNT;
	case PK_RECT:
		return STATS_RECT_COUNT;
	case PK_KIND:
		return INC_KIND_COUNT;
	case PK_GRADE:
		return INC_LEVEL_COUNT;
	case PK_DUTY:
		return STATS_DUTY_COUNT;
	case PK_VALUE:
	case PK_TRAINING:
		return f->nnames;
	case PK_BELOW:
		return STAFF_CORE + 1;
	case PK_DRILL:
		return (int)(sizeof(drill_outcomes) / sizeof(drill_outcomes[0]));
	}
	return 0;
}

/* Part i's code, Chinese and English name (lang 0, 1, 2); parts run from most to least severe. */
static const char *part_name(const struct figure *f, int i, int lang)
{
	enum level l = (enum level)(LEVEL_TOP_SECRET - i);
	enum staff_class sc = (enum staff_class)(STAFF_CORE - i);
	enum insp_severity sv = (enum insp_severity)(IS_HIGH - i);
	enum inc_level g = (enum inc_level)(i + 1 < INC_LEVEL_COUNT ? i + 1 : IL_NONE);
	static const char *const closed[2][3] = {{"closed", "已结束", "Closed"},
	                                         {"open", "进行中", "Running"}};

	switch (f->part) {
	case PK_LEVEL:
		return lang == 0 ? level_code(l) : lang == 1 ? level_zh(l) : level_en(l);
	case PK_PERIOD:
		return lang == 0   ? stats_period_code((enum stats_period)i)
		       : lang == 1 ? stats_period_zh((enum stats_period)i)
		                   : stats_period_en((enum stats_period)i);
	case PK_PERSON:
	case PK_BELOW:
		return lang == 0   ? staff_class_code(sc)
		       : lang == 1 ? staff_class_zh(sc)
		                   : staff_class_en(sc);
	case PK_CLOSED:
		return closed[i][lang];
	case PK_SEVERITY:
		return lang == 0   ? insp_severity_code(sv)
		       : lang == 1 ? insp_severity_zh(sv)
		                   : severity_en[sv];
	case PK_RECT:
		return lang == 0   ? stats_rect_code((enum stats_rect)i)
		       : lang == 1 ? stats_rect_zh((enum stats_rect)i)
		                   : stats_rect_en((enum stats_rect)i);
	case PK_KIND:
		return lang == 0   ? inc_kind_code((enum inc_kind)i)
		       : lang == 1 ? inc_kind_zh((enum inc_kind)i)
		                   : kind_en[i];
	case PK_GRADE:
		if (g == IL_NONE)
			return lang == 0 ? "none" : lang == 1 ? "未定级" : grade_en[0];
		return lang == 0 ? inc_level_code(g) : lang == 1 ? inc_level_zh(g) : grade_en[g];
	case PK_DUTY:
		return lang == 0   ? stats_duty_code((enum stats_duty)i)
		       : lang == 1 ? stats_duty_zh((enum stats_duty)i)
		                   : stats_duty_en((enum stats_duty)i);
	case PK_VALUE:
	case PK_TRAINING:
		return f->names[i][lang];
	case PK_DRILL:
		return drill_outcomes[i][lang];
	}
	return "";
}

static int64_t col(sqlite3_stmt *s, int i)
{
	return sqlite3_column_int64(s, i);
}

/* The part a row falls in, or -1 when the figure does not count it. */
static int part_of(const struct figure *f, sqlite3_stmt *s, const struct stats_ctx *x)
{
	const struct stats_year *y = x->y;
	int64_t now_ms = x->now_ms;
	int32_t today = stats_day_of_ms(now_ms);
	int v = (int)col(s, 3);

	switch (f->part) {
	case PK_LEVEL:
		return v >= 0 && v < LEVEL_COUNT ? LEVEL_TOP_SECRET - v : -1;
	case PK_PERIOD:
		return (int)stats_period_kind(
		    level_is_classified((enum level)v), (int)col(s, 4),
		    sqlite3_column_type(s, 5) == SQLITE_NULL ? 0 : (int32_t)col(s, 5),
		    store_col_text(s, 6), col(s, 7) != 0);
	case PK_PERSON: {
		int32_t until =
		    sqlite3_column_type(s, 5) == SQLITE_NULL ? PERSON_NO_DATE : (int32_t)col(s, 5);

		if (v < STAFF_GENERAL || v > STAFF_CORE ||
		    !(stats_person_flags((int)col(s, 4), until, col(s, 6), y, today) &
		      f->person_flag))
			return -1;
		return STAFF_CORE - v;
	}
	case PK_CLOSED:
		return v ? 0 : 1;
	case PK_SEVERITY:
		return v >= 0 && v < INSP_SEVERITY_COUNT ? IS_HIGH - v : -1;
	case PK_RECT:
		return (int)stats_rect_outcome(v != 0, (int)col(s, 4), (int32_t)col(s, 5),
		                               col(s, 6), today);
	case PK_KIND:
		return v >= 0 && v < INC_KIND_COUNT ? v : -1;
	case PK_GRADE:
		v = (int)col(s, 4);
		return v >= 1 && v < INC_LEVEL_COUNT ? v - 1 : INC_LEVEL_COUNT - 1;
	case PK_DUTY:
		return (int)stats_duty_outcome(col(s, 3), col(s, 4), col(s, 5), col(s, 6), now_ms);
	case PK_VALUE:
	case PK_TRAINING:
		return v >= 0 && v < f->nnames ? v : -1;
	case PK_BELOW:
		if (v < STAFF_NONE || v > STAFF_CORE ||
		    !training_below_target(&x->targets, (enum staff_class)v, col(s, 4)))
			return -1;
		return STAFF_CORE - v;
	case PK_DRILL:
		if (v == DS_CANCELLED)
			return 3;
		if (v != DS_PLANNED)
			return 0;
		return drill_late((enum drill_state)v, (int32_t)col(s, 4), today) ? 2 : 1;
	}
	return -1;
}

/* Whether the reader may see the row's record, where the SQL did not decide it. */
static bool row_visible(const struct figure *f, sqlite3_stmt *s, const struct stats_viewer *v)
{
	struct pubrev_sub sub;
	int k = sqlite3_column_count(s) - 5;

	if (f->vis != SV_PUBREV)
		return true;
	memset(&sub, 0, sizeof(sub));
	sub.submitted_by = col(s, k);
	sub.department_id = col(s, k + 1);
	sub.state = (enum pubrev_state)col(s, k + 2);
	if (pubrev_chain_parse(store_col_text(s, k + 3), &sub.chain))
		return false;
	sub.step = (int)col(s, k + 4);
	return pubrev_may_see(&sub, &v->pub);
}

/* ---- queries ---- */

static void bind_named(sqlite3_stmt *s, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i)
		sqlite3_bind_int64(s, i, v);
}

static enum store_err figure_open(struct db *db, const struct figure *f,
                                  const struct stats_viewer *v, int64_t unit_id,
                                  const struct stats_year *y, sqlite3_stmt **s)
{
	struct buf sql;
	enum buf_err be;
	enum store_err ret;

	buf_init(&sql, 8192);
	be = buf_puts(&sql, f->sql);
	if (!be && f->vis == SV_CARRIER) {
		be = buf_puts(&sql, " AND ");
		store_visible_pred(&sql, &v->carrier);
	} else if (!be && f->vis == SV_INCIDENT) {
		be = buf_puts(&sql, " AND " INC_VISIBLE(":acc", ":watch", ":iclear"));
	}
	if (!be)
		be = buf_puts(&sql, f->order);
	ret = be ? STORE_IO : store_prepare(db, sql.ptr, s);
	buf_release(&sql);
	if (ret)
		return ret;
	bind_named(*s, ":unit", unit_id);
	bind_named(*s, ":from", y->from_ms);
	bind_named(*s, ":to", y->to_ms);
	bind_named(*s, ":dfrom", y->from_day);
	bind_named(*s, ":dto", y->to_day);
	if (f->vis == SV_CARRIER)
		store_visible_bind(*s, &v->carrier);
	if (f->vis == SV_INCIDENT) {
		bind_named(*s, ":acc", v->inc.account_id);
		bind_named(*s, ":watch", (v->inc.roles & INC_WATCH_ROLES) ? 1 : 0);
		bind_named(*s, ":iclear", v->inc.clearance);
	}
	return STORE_OK;
}

static const struct figure *figure_find(const char *key)
{
	for (size_t i = 0; key && i < NFIGURES; i++)
		if (!strcmp(figures[i].key, key))
			return &figures[i];
	return NULL;
}

bool stats_figure_known(const char *key)
{
	return figure_find(key) != NULL;
}

static enum store_err figure_count(struct db *db, const struct figure *f,
                                   const struct stats_viewer *v, int64_t unit_id,
                                   const struct stats_ctx *x, json_t **out)
{
	int64_t n[16] = {0}, total = 0, tenths = 0;
	int np = part_count(f), rc;
	sqlite3_stmt *s;
	json_t *parts;
	enum store_err ret = figure_open(db, f, v, unit_id, x->y, &s);

	if (ret)
		return ret;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int p = part_of(f, s, x);

		if (p >= 0 && p < np && row_visible(f, s, v)) {
			n[p]++;
			total++;
			if (f->part == PK_TRAINING)
				tenths += col(s, 4);
		}
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	parts = json_array();
	for (int i = 0; i < np; i++)
		json_array_append_new(parts, json_pack("{ss ss ss sI}", "code", part_name(f, i, 0),
		                                       "zh", part_name(f, i, 1), "en",
		                                       part_name(f, i, 2), "n", (json_int_t)n[i]));
	*out = json_pack("{ss ss ss ss ss ss ss sI so}", "key", f->key, "section", f->section,
	                 "section_zh", section_name(f->section, 1), "section_en",
	                 section_name(f->section, 2), "zh", f->zh, "en", f->en, "target", f->target,
	                 "total", (json_int_t)total, "parts", parts);
	if (f->part == PK_DUTY) {
		int pm = stats_on_time_permille(n[SD_ON_TIME], n[SD_LATE], n[SD_OVERDUE]);

		json_object_set_new(*out, "on_time_permille",
		                    pm < 0 ? json_null() : json_integer(pm));
	}
	/* sessions: their hours; attendances: person-hours */
	if (f->part == PK_TRAINING)
		json_object_set_new(*out, "hours", json_real((double)tenths / 10));
	return STORE_OK;
}

/* The context of a count: the year, now and the training targets in force. */
static enum store_err ctx_init(struct db *db, const struct stats_year *y, int64_t now_ms,
                               struct stats_ctx *x)
{
	x->y = y;
	x->now_ms = now_ms;
	return training_targets_load(db, &x->targets);
}

enum store_err stats_figures(struct db *db, const struct stats_viewer *v, int64_t unit_id,
                             const struct stats_year *y, int64_t now_ms, json_t **out)
{
	struct stats_ctx x;
	enum store_err ret;
	bool own = sqlite3_get_autocommit(db->h) &&
	           sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;

	/* one read snapshot: the figures add up with each other */
	*out = json_array();
	ret = ctx_init(db, y, now_ms, &x);
	for (size_t i = 0; !ret && i < NFIGURES; i++) {
		json_t *o = NULL;

		ret = figure_count(db, &figures[i], v, unit_id, &x, &o);
		if (!ret)
			json_array_append_new(*out, o);
	}
	if (own)
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	return ret;
}

enum store_err stats_records(struct db *db, const struct stats_viewer *v, int64_t unit_id,
                             const struct stats_year *y, int64_t now_ms, const char *key,
                             const char *part, int limit, json_t **items, int64_t *total)
{
	const struct figure *f = figure_find(key);
	int want = -1, np, rc;
	struct stats_ctx x;
	sqlite3_stmt *s;
	enum store_err ret;

	*items = json_array();
	*total = 0;
	if (!f)
		return STORE_NOTFOUND;
	np = part_count(f);
	if (part && *part) {
		for (int i = 0; i < np; i++)
			if (!strcmp(part_name(f, i, 0), part))
				want = i;
		if (want < 0)
			return STORE_NOTFOUND;
	}
	ret = ctx_init(db, y, now_ms, &x);
	if (!ret)
		ret = figure_open(db, f, v, unit_id, y, &s);
	if (ret)
		return ret;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int p = part_of(f, s, &x);

		if (p < 0 || p >= np || (want >= 0 && p != want) || !row_visible(f, s, v))
			continue;
		if ((*total)++ >= limit)
			continue;
		json_array_append_new(
		    *items, json_pack("{ss sI ss ss ss ss}", "target", f->target, "id",
		                      (json_int_t)col(s, 0), "label", store_col_text(s, 1),
		                      "detail", store_col_text(s, 2), "part", part_name(f, p, 0),
		                      "part_zh", part_name(f, p, 1)));
	}
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

/* ---- figures received from subordinate units ---- */

enum store_err stats_recv_insert(struct db *db, struct stats_recv *r, const char *figs,
                                 const char *package)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(
	    db,
	    "INSERT INTO stats_received(signer, unit_code, unit_name, year, figures, signed_at, "
	    "package, received_by, received_at, digest) VALUES (?,?,?,?,?,?,?,?,?,?)",
	    &s);
	int rc;

	if (ret)
		return ret;
	sqlite3_bind_text(s, 1, r->signer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->unit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->unit_name, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, r->year);
	sqlite3_bind_text(s, 5, figs, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, r->signed_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, package, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, r->received_by);
	sqlite3_bind_int64(s, 9, r->received_at);
	sqlite3_bind_text(s, 10, r->digest, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc == SQLITE_CONSTRAINT)
		return STORE_CONFLICT;
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	r->id = sqlite3_last_insert_rowid(db->h);
	return STORE_OK;
}

enum store_err stats_recv_latest(struct db *db, int year, json_t **out)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*out = json_array();
	/* the newest signature of each unit; the id breaks a tie */
	ret = store_prepare(db,
	                    "SELECT id, unit_code, unit_name, signed_at, received_at, figures FROM "
	                    "stats_received r WHERE year = ? AND NOT EXISTS (SELECT 1 FROM "
	                    "stats_received n WHERE n.year = r.year AND n.unit_code = r.unit_code "
	                    "AND (n.signed_at > r.signed_at OR (n.signed_at = r.signed_at AND "
	                    "n.id > r.id))) ORDER BY unit_code",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int(s, 1, year);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
		    *out, json_pack("{sI ss ss ss so so}", "id", (json_int_t)col(s, 0), "unit_code",
		                    store_col_text(s, 1), "unit_name", store_col_text(s, 2),
		                    "signed_at", store_col_text(s, 3), "received_at",
		                    store_time_json(col(s, 4)), "figures", store_json_col(s, 5)));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}
