#!/bin/sh
# The year's statistics of the demo unit against a hand count: every figure and every part of
# GET /api/v1/stats (as the 保密员 zhangw) equals a count made directly in the demo database with
# sqlite3, from the figures' definitions written out again here; each figure's drill-down lists
# exactly as many records; the 分管领导 counts only the publication reviews they may open; the CLI
# prints the same totals; a role without the statistics gets 403.
. "$(dirname "$0")/lib.sh"
start_demo

ZW=$(login_ready zhangw 'Stats-Pass-2026x')
as "$ZW" GET /api/v1/stats >"$WORK/stats.json"
expect 200 "the officer reads the year's statistics"
YEAR=$(json year <"$WORK/stats.json")
[ "$YEAR" = "$(TZ=Asia/Shanghai date +%Y)" ] || die "the default year is Beijing's: $YEAR"

python3 - "$DATA/baomi.db" "$WORK/stats.json" <<'PY' || die "the demo's figures differ from the hand count"
import json, sqlite3, sys, datetime
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
got = json.load(open(sys.argv[2], encoding="utf-8"))
year = got["year"]
unit = got["unit"]["id"]
BJ = datetime.timezone(datetime.timedelta(hours=8))
t0 = int(datetime.datetime(year, 1, 1, tzinfo=BJ).timestamp() * 1000)
t1 = int(datetime.datetime(year + 1, 1, 1, tzinfo=BJ).timestamp() * 1000)
EPOCH = datetime.date(1970, 1, 1)
d0 = (datetime.date(year, 1, 1) - EPOCH).days
d1 = (datetime.date(year + 1, 1, 1) - EPOCH).days
now = int(datetime.datetime.now(datetime.timezone.utc).timestamp() * 1000)
today = (datetime.datetime.now(BJ).date() - EPOCH).days
def bjday(ms):
    return (datetime.datetime.fromtimestamp(ms / 1000, BJ).date() - EPOCH).days

# the reader: zhangw, the 保密员 (sees every carrier up to their clearance; watches incidents)
acc, cls, status = db.execute("SELECT a.id, p.staff_class, p.status FROM accounts a JOIN people p "
                              "ON p.id = a.person_id WHERE a.username = 'zhangw'").fetchone()
clear = {3: 4, 2: 3, 1: 2}.get(cls, -1) if status == 0 else -1
clear = max(clear, 1)

LEVELS = ["top_secret", "secret", "confidential", "internal", "public"]
LCODE = {4: "top_secret", 3: "secret", 2: "confidential", 1: "internal", 0: "public"}
def tally(codes, parts):
    out = {p: 0 for p in parts}
    for c in codes:
        out[c] += 1
    return out
def period(level, years, release, cond, defaulted):
    if level < 2: return "none"
    if defaulted: return "default"
    if years and years > 0:
        return "years_10" if years <= 10 else "years_20" if years <= 20 else "years_30" if years <= 30 else "years_more"
    if release and release > 0: return "date"
    if cond: return "condition"
    return "default"
PERIODS = ["default", "years_10", "years_20", "years_30", "years_more", "date", "condition", "none"]

expect = {}
def events(actions, extra=""):
    q = ("SELECT c.level, c.period_years, c.release_on, c.release_condition, c.period_defaulted "
         "FROM carrier_events e, carriers c WHERE c.id = e.carrier_id AND e.action IN (%s) "
         "AND e.ts >= ? AND e.ts < ? AND c.unit_id = ? AND c.level <= ? %s" % (actions, extra))
    return db.execute(q, (t0, t1, unit, clear)).fetchall()
expect["carriers_registered"] = tally([LCODE[r[0]] for r in events("'register','import'")], LEVELS)
expect["carriers_copied"] = tally([LCODE[r[0]] for r in events("'register_copy'")], LEVELS)
expect["carriers_destroyed"] = tally([LCODE[r[0]] for r in events("'destroy'")], LEVELS)
expect["carriers_declassified"] = tally([LCODE[r[0]] for r in events("'declassify'")], LEVELS)
for lv, name in ((4, "top_secret"), (3, "secret"), (2, "confidential")):
    expect["carriers_period_" + name] = tally([period(*r) for r in events("'register','import'", "AND c.level = %d" % lv)], PERIODS)
cl = db.execute("SELECT level, period_years, release_on, release_condition, period_defaulted, classifier, "
                "classify_basis, id FROM carriers WHERE unit_id = ? AND level >= 2 AND level <= ? "
                "AND issued_on >= ? AND issued_on < ?", (unit, clear, d0, d1)).fetchall()
copies = {r[0] for r in db.execute("SELECT carrier_id FROM carrier_events WHERE action = 'register_copy'")}
cl = [r for r in cl if r[7] not in copies]
expect["classify_by_level"] = tally([LCODE[r[0]] for r in cl], LEVELS)
expect["classify_by_period"] = tally([period(*r[:5]) for r in cl], PERIODS)
expect["classify_no_basis"] = tally([LCODE[r[0]] for r in cl if not r[5] or not r[6]], LEVELS)

CLASSES = {3: "core", 2: "important", 1: "general"}
people = db.execute("SELECT staff_class, status, declassify_until, created_at FROM people "
                    "WHERE unit_id = ? AND staff_class > 0", (unit,)).fetchall()
roll, new, decl, left = [], [], [], []
for c, st, until, created in people:
    cday = bjday(created)
    if cday >= d1: continue
    gone = st != 0 and until is not None
    if not (gone and until < d0): roll.append(CLASSES[c])
    if cday >= d0: new.append(CLASSES[c])
    if gone and until >= d0: decl.append(CLASSES[c])
    if gone and d0 <= until < d1 and until <= today: left.append(CLASSES[c])
for k, v in (("roll", roll), ("new", new), ("declassifying", decl), ("left", left)):
    expect["people_" + k] = tally(v, ["core", "important", "general"])

camps = db.execute("SELECT closed FROM campaigns WHERE unit_id = ? AND created_at >= ? AND created_at < ?", (unit, t0, t1)).fetchall()
expect["inspect_campaigns"] = tally(["closed" if c[0] else "open" for c in camps], ["closed", "open"])
fs = db.execute("SELECT f.severity, r.id, r.state, r.deadline, r.done_at FROM findings f JOIN campaigns k ON k.id = f.campaign_id "
                "LEFT JOIN rect_tasks r ON r.finding_id = f.id WHERE k.unit_id = ? AND f.created_at >= ? AND f.created_at < ?", (unit, t0, t1)).fetchall()
expect["inspect_findings"] = tally([{2: "high", 1: "medium", 0: "low"}[f[0]] for f in fs], ["high", "medium", "low"])
def rect(task, state, deadline, done):
    if task is None: return "no_task"
    if state in (2, 3):
        return "done_late" if deadline and done and bjday(done) > deadline else "done"
    return "overdue" if deadline and today > deadline else "open"
expect["inspect_rectification"] = tally([rect(*f[1:]) for f in fs], ["done", "done_late", "overdue", "open", "no_task"])

VIS = "(i.info_level < 2 OR i.info_level <= %d OR i.reported_by = %d)" % (clear, acc)
def incidents(where):
    return db.execute("SELECT i.kind, i.confirmed_level FROM incidents i WHERE i.unit_id = ? AND i.reported_at >= ? "
                      "AND i.reported_at < ? AND %s AND %s" % (where, VIS), (unit, t0, t1)).fetchall()
KINDS = ["leak", "cyber"]
real = incidents("i.drill = 0 AND i.state <> 9")
expect["incidents_by_kind"] = tally([KINDS[k] for k, _ in real], KINDS)
expect["incidents_by_level"] = tally([["none", "I", "II", "III", "IV"][g] for _, g in real], ["I", "II", "III", "IV", "none"])
expect["incidents_dismissed"] = tally([KINDS[k] for k, _ in incidents("i.drill = 0 AND i.state = 9")], KINDS)
expect["drills"] = tally([KINDS[k] for k, _ in incidents("i.drill = 1")], KINDS)
duties = db.execute("SELECT d.anchor_at, d.due_at, d.met_at, d.recorded_at FROM incident_deadlines d JOIN incidents i "
                    "ON i.id = d.incident_id WHERE i.unit_id = ? AND i.drill = 0 AND i.reported_at >= ? AND i.reported_at < ? AND %s" % VIS,
                    (unit, t0, t1)).fetchall()
def duty(anchor, due, met, recorded):
    if met:
        judged = recorded if recorded and recorded - met > 600000 else met
        return "on_time" if not anchor or judged <= due else "late"
    if not anchor: return "open"
    return "overdue" if now > due else "open"
expect["incidents_reporting"] = tally([duty(*d) for d in duties], ["on_time", "late", "overdue", "open"])

# 应急演练 planned in the year: held, planned (not yet due), overdue, cancelled
def drill(state, planned):
    if state == 5: return "cancelled"
    if state != 0: return "held"
    return "overdue" if planned and planned < today else "planned"
expect["drills_planned"] = tally([drill(*r) for r in db.execute(
    "SELECT state, planned_on FROM drills WHERE unit_id = ? AND planned_on >= ? AND planned_on < ?", (unit, d0, d1))], ["held", "planned", "overdue", "cancelled"])

# 保密教育培训: sessions held in the year (hours), attendances (person-hours), staff in post below target
TKINDS = ["pre_post", "in_post", "topic", "holiday"]
sess = db.execute("SELECT kind, hours FROM training_sessions WHERE unit_id = ? AND held_on >= ? AND held_on < ?", (unit, d0, d1)).fetchall()
att = db.execute("SELECT s.kind, s.hours FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id "
                 "WHERE s.unit_id = ? AND s.held_on >= ? AND s.held_on < ?", (unit, d0, d1)).fetchall()
expect["training_sessions"] = tally([TKINDS[k] for k, _ in sess], TKINDS)
expect["training_attendance"] = tally([TKINDS[k] for k, _ in att], TKINDS)
hours = {"training_sessions": sum(h for _, h in sess), "training_attendance": sum(h for _, h in att)}
row = db.execute("SELECT value FROM settings WHERE key = 'training.targets'").fetchone()
targets = {"core": 200, "important": 160, "general": 120, "none": 40}
if row: targets.update(json.loads(row[0]))
below = []
for c, tenths in db.execute("SELECT p.staff_class, (SELECT coalesce(sum(s.hours), 0) FROM training_attendance a JOIN training_sessions s "
                            "ON s.id = a.session_id WHERE a.person_id = p.id AND s.held_on >= ? AND s.held_on < ?) FROM people p "
                            "WHERE p.unit_id = ? AND p.status = 0 AND p.created_at < ?", (d0, d1, unit, t1)):
    code = {3: "core", 2: "important", 1: "general", 0: "none"}[c]
    if tenths < targets[code]: below.append(code)
expect["training_below_target"] = tally(below, ["core", "important", "general", "none"])

# 保密要害部门部位: the register at the year's end by kind; visits requested in the year by outcome
expect["places_registered"] = tally([["department", "site"][k] for (k,) in db.execute(
    "SELECT kind FROM key_places WHERE unit_id = ? AND created_at < ?", (unit, t1))], ["department", "site"])
def visit(state, unapproved):
    if unapproved: return "unapproved"
    return {1: "approved", 4: "approved", 5: "approved", 2: "rejected", 0: "pending"}.get(state, "cancelled")
expect["places_visits"] = tally([visit(*r) for r in db.execute(
    "SELECT v.state, v.unapproved FROM place_visits v JOIN key_places k ON k.id = v.place_id WHERE k.unit_id = ? "
    "AND v.requested_at >= ? AND v.requested_at < ?", (unit, t0, t1))], ["approved", "rejected", "pending", "cancelled", "unapproved"])

# 信息发布保密审查, of the unit's submitters, only the reviews zhangw may open: their own, or one that
# reached a step of the chain they hold (a 部门负责人 step only for their department)
ROLEBIT = {"dept_head": 2, "officer": 1, "leader": 4}
roles, dept = db.execute("SELECT a.roles, p.department_id FROM accounts a JOIN people p ON p.id = a.person_id WHERE a.id = ?", (acc,)).fetchone()
def may_open(by, rdept, steps, step):
    if by == acc: return True
    chain = steps.split(",")
    for i in range(min(step + 1, len(chain))):
        if roles & ROLEBIT[chain[i]] and (chain[i] != "dept_head" or (dept and dept == rdept)):
            return True
    return False
UNITS = "r.submitted_by IN (SELECT a.id FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.unit_id = %d)" % unit
RV = "r.submitted_by, r.department_id, r.steps, r.step"
def reviews(sql, args):
    return [r[0] for r in db.execute(sql % (RV, UNITS), args) if may_open(*r[1:])]
expect["pubrev_submitted"] = tally([["reviewing", "approved", "rejected"][s] for s in reviews(
    "SELECT r.state, %s FROM pub_reviews r WHERE r.created_at >= ? AND r.created_at < ? AND %s", (t0, t1))], ["reviewing", "approved", "rejected"])
expect["pubrev_outcomes"] = tally([d for d in reviews(
    "SELECT CASE WHEN d.decision = 'approve' THEN 'approved' ELSE 'rejected' END, %s FROM pub_decisions d JOIN pub_reviews r ON r.id = d.review_id "
    "WHERE d.at >= ? AND d.at < ? AND (d.decision = 'reject' OR d.step = length(r.steps) - length(replace(r.steps, ',', ''))) AND %s",
    (t0, t1))], ["approved", "rejected"])
expect["pubrev_published"] = tally([c if c in ("website", "wechat", "news") else "other" for c in reviews(
    "SELECT x.channel, %s FROM pub_publications x JOIN pub_reviews r ON r.id = x.review_id WHERE x.published_on >= ? AND x.published_on < ? AND %s",
    (d0, d1))], ["website", "wechat", "news", "other"])
expect["pubrev_hits_cleared"] = tally([["keyword", "carrier", "unreadable"][k] for k in reviews(
    "SELECT h.kind, %s FROM pub_hits h JOIN pub_reviews r ON r.id = h.review_id WHERE h.cleared_at >= ? AND h.cleared_at < ? AND %s",
    (t0, t1))], ["keyword", "carrier", "unreadable"])

# 清查盘点: inventories closed in the year, and the carriers they found missing (status 2), by kind
IKINDS = ["annual", "emergency"]
expect["inventories_closed"] = tally([IKINDS[k] for (k,) in db.execute(
    "SELECT kind FROM inventories WHERE unit_id = ? AND state = 1 AND closed_at >= ? AND closed_at < ?", (unit, t0, t1))], IKINDS)
expect["inventory_missing"] = tally([IKINDS[k] for (k,) in db.execute(
    "SELECT n.kind FROM inventory_results x JOIN inventories n ON n.id = x.inventory_id WHERE n.unit_id = ? AND n.state = 1 "
    "AND n.closed_at >= ? AND n.closed_at < ? AND x.status = 2", (unit, t0, t1))], IKINDS)

figs = {f["key"]: f for f in got["figures"]}
bad = []
assert set(figs) == set(expect), sorted(set(figs) ^ set(expect))
for key, parts in expect.items():
    f = figs[key]
    have = {p["code"]: p["n"] for p in f["parts"]}
    if have != parts: bad.append(f"{key}: API {have} hand count {parts}")
    if f["total"] != sum(parts.values()): bad.append(f"{key}: total {f['total']} != {sum(parts.values())}")
r = expect["incidents_reporting"]
decided = r["on_time"] + r["late"] + r["overdue"]
rate = None if not decided else r["on_time"] * 1000 // decided
if figs["incidents_reporting"]["on_time_permille"] != rate:
    bad.append(f"on-time rate {figs['incidents_reporting']['on_time_permille']} != {rate}")
for key, tenths in hours.items():
    if round(figs[key]["hours"] * 10) != tenths: bad.append(f"{key}: hours {figs[key]['hours']} != {tenths / 10}")
# the demo is lived-in: the figures are not all zero
for key in ("carriers_registered", "carriers_destroyed", "classify_by_level", "people_roll", "inspect_findings",
            "incidents_by_kind", "incidents_reporting", "drills_planned", "training_sessions", "training_attendance",
            "places_registered", "places_visits", "pubrev_submitted", "pubrev_outcomes", "pubrev_published",
            "inventories_closed", "inventory_missing"):
    if not figs[key]["total"]: bad.append(f"{key}: the demo has none")
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
print(f"{len(expect)} figures match the hand count")
PY
ok "every figure of the demo unit equals the hand count in sqlite3 (parts, totals, on-time rate)"

# each figure's drill-down lists as many records as it counts; a part lists its part
python3 - "$WORK/stats.json" >"$WORK/keys" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1], encoding="utf-8"))["figures"]:
    part = next((p for p in f["parts"] if p["n"]), None)
    print(f["key"], f["total"], part["code"] if part else "-", part["n"] if part else 0)
PY
while read -r key total part n; do
	as "$ZW" GET "/api/v1/stats/records?figure=$key&limit=1000"
	[ "$STATUS" = 200 ] && [ "$(json total <"$WORK/resp")" = "$total" ] || die "$key: the drill-down counts $total: $(head -c 300 "$WORK/resp")"
	if [ "$part" != - ]; then
		as "$ZW" GET "/api/v1/stats/records?figure=$key&part=$part&limit=1000"
		[ "$(json total <"$WORK/resp")" = "$n" ] || die "$key/$part: $n records"
	fi
done <"$WORK/keys"
ok "every figure's drill-down lists exactly the records it counts"

# a publication review counts for the 分管领导 only once it has reached the leader's step of its
# chain (or is their own): the demo's draft still with the 保密员 counts for zhangw, not for wangjg
WJ=$(login_ready wangjg 'Stats-Pass-2026x')
as "$WJ" GET "/api/v1/stats/records?figure=pubrev_submitted&limit=1000"
expect 200 "the leader reads the reviews' figure"
python3 - "$DATA/baomi.db" "$WORK/resp" "$WORK/stats.json" <<'PY' || die "the leader's review figure is not their need-to-know"
import json, sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
got = sorted(x["id"] for x in json.load(open(sys.argv[2], encoding="utf-8"))["items"])
officer = next(f for f in json.load(open(sys.argv[3], encoding="utf-8"))["figures"] if f["key"] == "pubrev_submitted")
acc = db.execute("SELECT id FROM accounts WHERE username = 'wangjg'").fetchone()[0]
want = sorted(i for i, by, steps, step in db.execute("SELECT id, submitted_by, steps, step FROM pub_reviews")
              if by == acc or ("leader" in steps.split(",") and step >= steps.split(",").index("leader")))
assert got == want, (got, want)
assert len(want) < officer["total"], "the demo has a review the leader may not open yet"
PY
ok "the leader counts only the publication reviews that reached them"

as "$ZW" GET "/api/v1/stats/records?figure=no.such"
expect 400 "an unknown figure is refused"
as "$ZW" GET "/api/v1/stats/records?figure=drills&part=secret"
expect 400 "a part the figure does not have is refused"
as "$ZW" GET "/api/v1/stats?year=1999"
expect 400 "a year out of range is refused"
as "$ZW" GET "/api/v1/stats?unit=999"
expect 404 "an unknown unit is 404"

SUN=$(login_ready sunh 'Stats-Pass-2026x')
as "$SUN" GET /api/v1/stats
expect 403 "the duty officer has no year's statistics"
as "$SUN" GET "/api/v1/stats/records?figure=carriers_registered"
expect 403 "nor their records"

reg=$(python3 -c 'import json,sys; print(next(f["total"] for f in json.load(open(sys.argv[1]))["figures"] if f["key"]=="carriers_registered"))' "$WORK/stats.json")
BAOMI_URL="$BASE" BAOMI_TOKEN="$ZW" "$BAOMI" stats >"$WORK/cli.txt" || die "baomi stats"
grep -q "登记涉密载体 *$reg " "$WORK/cli.txt" || die "the CLI prints the registered total $reg: $(head -5 "$WORK/cli.txt")"
grep -q "参训人次.*学时 [0-9]" "$WORK/cli.txt" || die "the CLI prints the person-hours: $(grep 参训 "$WORK/cli.txt")"
BAOMI_URL="$BASE" BAOMI_TOKEN="$ZW" "$BAOMI" stats export --format xlsx -o "$WORK/s.xlsx" || die "baomi stats export"
[ "$(head -c 2 "$WORK/s.xlsx")" = PK ] || die "the XLSX report is a workbook"
as "$ZW" GET "/api/v1/stats/export?format=pdf"
[ "$STATUS" = 200 ] && [ "$(head -c 5 "$WORK/resp")" = "%PDF-" ] || die "the PDF report"
pdftotext "$WORK/resp" - | grep -q "年度保密工作统计" || die "the PDF is the year's statistics"
pdftotext "$WORK/resp" - | grep -q "登记涉密载体" || die "the PDF lists the figures"
ok "the CLI prints the same totals; the report downloads as XLSX and PDF"
finish
