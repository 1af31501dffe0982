#!/bin/sh
# Emergency drills (应急演练) through the API: the year's plan against the
# six-month rule, a drill planned against a plan in force, who reads it,
# the run as a drill incident (same duties, marked 演练, left out of the
# incident list and the reporting statistics, refused as an upward
# package, forms printed 演练, no filing number), a finding that becomes a
# rectification task in the tracker and opens a plan revision, the
# responsible person's and the verifier's actions on it, end, summary,
# 通报 (HTML and PDF), the overdue reminder on the to-do list, and audit.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
person() { # person NAME CLASS
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
account() { # account USER PERSON ROLES -> token
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	echo "$aid" >"$WORK/id-$1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
OFF=$(account off "$(person 保密办主任 core)" '"officer"')
LEAD=$(account lead "$(person 分管领导 core)" '"leader"')
CMD=$(account cmd "$(person 应急办主任 important)" '"command"')
P_PART=$(person 参演员 general)
PART=$(account part "$P_PART" '"staff"')
OUT=$(account outsider "$(person 局外人 general)" '"staff"')
RESP=$(account resp "$(person 网管 general)" '"staff"')
RESP_ID=$(cat "$WORK/id-resp")
ok "fixture: officer, leader, emergency command, a participant, an outsider, a responsible person"

PLAN=$(as "$OFF" POST /api/v1/plans '{"template":"leak"}' | json id)
as "$LEAD" POST "/api/v1/plans/$PLAN/status" '{"status":"approved"}' >/dev/null
expect 200 "the leak plan is in force"
PB=$(as "$OFF" GET "/api/v1/plans/$PLAN" | json body.playbooks.0.code)
YEAR=$(TZ=Asia/Shanghai date +%Y)

# ---- the year's plan ----
as "$CMD" GET /api/v1/drills >"$WORK/y.json"
expect 200 "the emergency command reads the year's drill plan"
python3 - "$WORK/y.json" "$PLAN" "$YEAR" <<'EOF' || die "the plan in the year's view: $(cat "$WORK/y.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["year"] == int(sys.argv[3])
p = [x for x in d["plans"] if x["plan_id"] == int(sys.argv[2])][0]
assert p["halves"] == [0, 0] and p["last_held"] is None and p["overdue"] is False, p
assert p["due_on"] > p["in_force_since"], p
EOF
ok "a plan just in force is listed, not yet overdue, due six months on"
as "$OUT" GET /api/v1/drills >/dev/null
expect 403 "staff do not read the drill plan"

# ---- planning ----
NEW="{\"plan_id\":$PLAN,\"title\":\"涉密U盘遗失处置演练\",\"scenario\":\"模拟涉密U盘在会议室遗失\",\"kind\":\"tabletop\",\"playbooks\":[\"$PB\"],\"planned_on\":\"$(bj_date 3)\",\"participants\":[$P_PART]}"
as "$OUT" POST /api/v1/drills "$NEW" >/dev/null
expect 403 "staff do not plan drills"
as "$OFF" POST /api/v1/drills "$(echo "$NEW" | sed 's/tabletop/parade/')" >/dev/null
expect 400 "an unknown kind is refused"
grep -q '"field":"kind"' "$WORK/resp" || die "names the field: $(cat "$WORK/resp")"
as "$OFF" POST /api/v1/drills "$(echo "$NEW" | sed "s/\"$PB\"/\"no-such-playbook\"/")" >/dev/null
expect 400 "a playbook not of the plan is refused"
as "$OFF" POST /api/v1/drills "$NEW" >"$WORK/d.json"
expect 201 "the officer plans a tabletop drill of the plan"
D=$(json id <"$WORK/d.json")
[ "$(json state_zh <"$WORK/d.json")" = "已计划" ] || die "planned: $(cat "$WORK/d.json")"
[ "$(json participants.0.name <"$WORK/d.json")" = "参演员" ] || die "participant by name"
as "$OUT" GET "/api/v1/drills/$D" >/dev/null
expect 404 "someone outside the drill does not see it (as if it did not exist)"
as "$PART" GET "/api/v1/drills/$D" >/dev/null
expect 200 "a participant reads their drill"
as "$OFF" POST "/api/v1/drills/$D/findings" "{\"title\":\"x\",\"severity\":\"low\",\"responsible_id\":$RESP_ID,\"deadline\":\"$(bj_date 10)\"}" >/dev/null
expect 409 "no findings before the drill starts"

# ---- a real incident and the statistics before the drill ----
disc=$(TZ=Asia/Shanghai date -d '-30 minutes' +%Y-%m-%dT%H:%M:%S)
REAL=$(as "$OFF" POST /api/v1/incidents "{\"kind\":\"leak\",\"title\":\"真实事件\",\"discovered_at\":\"$disc\"}" | json id)
as "$OFF" GET /api/v1/incidents/deadline-stats | json units.0.duties >"$WORK/duties0"

# ---- running ----
as "$PART" POST "/api/v1/drills/$D/actions" '{"action":"start"}' >/dev/null
expect 403 "a participant does not start the drill"
as "$CMD" POST "/api/v1/drills/$D/actions" '{"action":"start"}' >"$WORK/d.json"
expect 200 "the emergency command starts the drill"
INC=$(json incident_id <"$WORK/d.json")
as "$OFF" GET "/api/v1/incidents/$INC" >"$WORK/i.json"
expect 200 "the drill incident opens like an incident"
python3 - "$WORK/i.json" "$D" <<'EOF' || die "drill incident: $(cat "$WORK/i.json")"
import json, sys
i = json.load(open(sys.argv[1]))
assert i["drill"] is True and i["drill_id"] == int(sys.argv[2])
assert i["title"].startswith("【演练】"), i["title"]
assert i["deadlines"], "the same statutory countdowns"
assert all(d["what"].startswith("【演练】") for d in i["deadlines"]), i["deadlines"]
EOF
ok "the drill incident is marked 演练, with the same countdowns, each marked 演练"
as "$OFF" GET /api/v1/incidents >"$WORK/l.json"
python3 - "$WORK/l.json" "$INC" "$REAL" <<'EOF' || die "list: $(cat "$WORK/l.json")"
import json, sys
l = json.load(open(sys.argv[1]))
ids = [x["id"] for x in l["items"]]
assert int(sys.argv[2]) not in ids and int(sys.argv[3]) in ids and l["total"] == 1, ids
EOF
ok "the incident list counts real incidents only"
as "$OFF" GET "/api/v1/incidents?drill=1" | json items.0.id | grep -qx "$INC" || die "drill=1 lists drills"
[ "$(as "$OFF" GET '/api/v1/incidents?drill=all' | json total)" = 2 ] || die "drill=all lists both"
ok "asked for, the list shows drills (drill=1) or both (drill=all)"
as "$OFF" GET "/api/v1/incidents?drill=yes" >/dev/null
expect 400 "an unknown drill filter is refused"
[ "$(as "$OFF" GET /api/v1/incidents/deadline-stats | json units.0.duties)" = "$(cat "$WORK/duties0")" ] ||
	die "the drill's duties counted in the reporting statistics"
ok "the reporting statistics do not count the drill's duties"
as "$OFF" GET "/api/v1/incidents/$INC/package" >/dev/null
expect 409 "a drill incident is never packaged for the superior unit"
grep -q '"code":"drill"' "$WORK/resp" || die "says why: $(cat "$WORK/resp")"
as "$OFF" GET "/api/v1/incidents/$REAL/package" >/dev/null
expect 200 "a real incident still is"
as "$OFF" GET "/api/v1/incidents/$INC/form?format=html" >/dev/null
expect 200 "the drill incident's report form"
grep -q "【演练】失泄密事件报告表" "$WORK/resp" && grep -q "应急演练用表" "$WORK/resp" ||
	die "the form says 演练 prominently"
ok "the form is titled 【演练】 and says it is a drill"

# ---- findings into the tracker, one opening a plan revision ----
as "$OFF" POST "/api/v1/drills/$D/findings" "{\"title\":\"值班电话无人接听\",\"severity\":\"medium\",\"responsible_id\":$RESP_ID,\"deadline\":\"$(bj_date 10)\",\"plan\":\"调整值班安排\",\"revise_plan\":true}" >"$WORK/d.json"
expect 201 "a finding of the drill with its rectification task"
python3 - "$WORK/d.json" <<'EOF' || die "finding: $(cat "$WORK/d.json")"
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"][0]
assert f["title"] == "值班电话无人接听" and f["task"]["responsible"] == "resp", f
assert f["task"]["state"] == "open" and "修订" in f["note"], f
EOF
ok "the finding names its responsible person and says it opened a plan revision"
as "$OFF" GET /api/v1/plans >"$WORK/p.json"
python3 - "$WORK/p.json" <<'EOF' || die "revision: $(cat "$WORK/p.json")"
import json, sys
p = json.load(open(sys.argv[1]))["items"]
assert any(x["version"] == 2 and x["status"] == "draft" for x in p), p
EOF
ok "the plan has a new draft version"
as "$OFF" POST "/api/v1/drills/$D/findings" "{\"title\":\"通讯录未更新\",\"severity\":\"low\",\"responsible_id\":$RESP_ID,\"deadline\":\"$(bj_date 20)\",\"revise_plan\":true}" >"$WORK/d.json"
expect 201 "a second finding"
grep -q "修订稿已在起草中" "$WORK/d.json" || die "no second draft: $(cat "$WORK/d.json")"
[ "$(as "$OFF" GET /api/v1/plans | python3 -c 'import json,sys; print(sum(1 for x in json.load(sys.stdin)["items"] if x["status"]=="draft"))')" = 1 ] ||
	die "one draft only"
ok "a second revision request does not open another draft"
as "$RESP" GET "/api/v1/rect-tasks?mine=1" >"$WORK/t.json"
python3 - "$WORK/t.json" "$D" <<'EOF' || die "tracker: $(cat "$WORK/t.json")"
import json, sys
t = json.load(open(sys.argv[1]))["items"]
mine = [x for x in t if x["drill_id"] == int(sys.argv[2])]
assert len(mine) == 2 and all(x["campaign_id"] is None for x in mine), t
assert mine[0]["drill"] == "涉密U盘遗失处置演练", mine
print(mine[0]["id"])
EOF
T=$(python3 -c 'import json,sys; print([x for x in json.load(open(sys.argv[1]))["items"] if x["finding"]=="值班电话无人接听"][0]["id"])' "$WORK/t.json")
ok "the responsible person finds both in the rectification tracker"
as "$RESP" GET /api/v1/todo | grep -q "\"route\":\"#/drill/$D\"" || die "to-do opens the drill"
ok "their to-do list names the task and opens the drill"
as "$OUT" POST "/api/v1/rect-tasks/$T/actions" '{"action":"start"}' >/dev/null
expect 404 "someone else does not see the drill's task"
as "$RESP" POST "/api/v1/rect-tasks/$T/actions" '{"action":"done","measures":"设置A/B角值班"}' >/dev/null
expect 200 "the responsible person rectifies"
as "$RESP" POST "/api/v1/rect-tasks/$T/actions" '{"action":"verify"}' >/dev/null
expect 403 "they do not verify their own work"
as "$CMD" POST "/api/v1/rect-tasks/$T/actions" '{"action":"verify"}' >/dev/null
expect 200 "the emergency command verifies it"

# ---- end, summary, 通报 ----
as "$OFF" POST "/api/v1/drills/$D/actions" '{"action":"summarise","text":"x"}' >/dev/null
expect 409 "no summary while the drill runs"
as "$OFF" POST "/api/v1/drills/$D/actions" '{"action":"end"}' >"$WORK/d.json"
expect 200 "the drill ends"
[ "$(as "$OFF" GET "/api/v1/incidents/$INC" | json state)" = closed ] || die "the drill incident is closed"
as "$OFF" GET /api/v1/todo | grep -q "【演练】" && die "the ended drill still waits on the officer's to-do"
ok "its incident is closed with it and leaves the to-do lists"
as "$OFF" POST "/api/v1/drills/$D/actions" '{"action":"summarise"}' >/dev/null
expect 400 "a summary needs its text"
grep -q '"field":"text"' "$WORK/resp" || die "names the field"
as "$OFF" POST "/api/v1/drills/$D/actions" '{"action":"summarise","text":"演练检验了报告流程，暴露值班问题。"}' >/dev/null
expect 200 "the summary (演练总结)"
as "$OFF" GET "/api/v1/drills/$D/notice?format=html" >/dev/null
expect 409 "no 通报 before it is issued"
as "$OFF" POST "/api/v1/drills/$D/actions" '{"action":"notify","text":"现将本次演练情况通报如下。"}' >"$WORK/d.json"
expect 200 "the 通报 is issued"
[ "$(json state_zh <"$WORK/d.json")" = "已通报" ] || die "notified"
as "$PART" GET "/api/v1/drills/$D/notice?format=html" >/dev/null
expect 200 "the participant prints the 通报"
for s in 关于应急演练情况的通报 值班电话无人接听 演练检验了报告流程 参演员 桌面推演 非真实事件; do
	grep -q "$s" "$WORK/resp" || die "the 通报 lacks $s"
done
ok "the 通报 names the drill, participants, findings, summary, and says it was a drill"
as "$OFF" GET "/api/v1/drills/$D/notice" >/dev/null
expect 200 "the 通报 as PDF"
head -c 5 "$WORK/resp" | grep -q '%PDF' || die "a PDF"
as "$CMD" GET "/api/v1/drills?year=$YEAR" >"$WORK/y.json"
python3 - "$WORK/y.json" "$PLAN" "$(bj_date)" <<'EOF' || die "the year after the drill: $(cat "$WORK/y.json")"
import json, sys
d = json.load(open(sys.argv[1]))
p = [x for x in d["plans"] if x["plan_id"] == int(sys.argv[2])][0]
assert p["last_held"] == sys.argv[3] and sum(p["halves"]) == 1, p
assert d["items"][0]["findings"] == 2 and d["items"][0]["state"] == "notified", d["items"]
EOF
ok "the year's plan counts the drill held today"

# ---- reminders ----
as "$OFF" POST /api/v1/drills "{\"plan_id\":$PLAN,\"title\":\"迟到的演练\",\"scenario\":\"s\",\"kind\":\"live\",\"planned_on\":\"$(bj_date -2)\"}" >"$WORK/d2.json"
D2=$(json id <"$WORK/d2.json")
as "$CMD" GET /api/v1/todo >"$WORK/todo.json"
python3 - "$WORK/todo.json" "$D2" <<'EOF' || die "to-do: $(cat "$WORK/todo.json")"
import json, sys
t = json.load(open(sys.argv[1]))
it = [x for x in t["items"] if x["kind"] == "drill_due"]
assert t["counts"]["drill_due"] == 1 and it[0]["route"] == "#/drill/" + sys.argv[2], it
assert it[0]["overdue"] and "迟到的演练" in it[0]["title"], it
EOF
ok "a planned drill past its day is on the emergency command's to-do list"
as "$RESP" GET /api/v1/todo | json counts.drill_due | grep -qx 0 || die "not on staff's"
as "$OFF" POST "/api/v1/drills/$D2/actions" '{"action":"cancel"}' >/dev/null
expect 400 "a cancellation needs a reason"
as "$OFF" POST "/api/v1/drills/$D2/actions" '{"action":"cancel","text":"并入下半年演练"}' >/dev/null
expect 200 "the late drill is cancelled with a reason"
[ "$(as "$CMD" GET /api/v1/todo | json counts.drill_due)" = 0 ] || die "a cancelled drill is no reminder"
ok "and leaves the to-do list"

# ---- people to pick from, the command line ----
as "$CMD" GET /api/v1/drill-people | grep -q '"name":"参演员"' || die "the command picks participants by name"
as "$OUT" GET /api/v1/drill-people >/dev/null
expect 403 "staff do not list the people to pick from"
export BAOMI_URL="$BASE"
BAOMI_TOKEN=$CMD "$BAOMI" drill list --year "$YEAR" >"$WORK/cli.txt" || die "baomi drill list"
grep -q "涉密U盘遗失处置演练" "$WORK/cli.txt" && grep -q "已通报" "$WORK/cli.txt" || die "the CLI lists the drill: $(cat "$WORK/cli.txt")"
BAOMI_TOKEN=$CMD "$BAOMI" drill show "$D" | grep -q "值班电话无人接听" || die "the CLI shows the findings"
BAOMI_TOKEN=$CMD "$BAOMI" drill notice "$D" --format html -o "$WORK/notice.html" >/dev/null || die "baomi drill notice"
grep -q "关于应急演练情况的通报" "$WORK/notice.html" || die "the CLI saves the 通报"
ok "baomi drill list, show and notice"

# ---- audit ----
as "$AUD" GET '/api/v1/audit?limit=500' >"$WORK/a.json"
for ev in drill.plan drill.action drill.finding drill.notice rectification.assign plan.revise; do
	grep -q "\"event\":\"$ev\"" "$WORK/a.json" || die "audit lacks $ev"
done
ok "every step of the drill is audited"
finish
