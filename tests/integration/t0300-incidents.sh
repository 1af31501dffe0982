#!/bin/sh
# Emergency plans, incidents and statutory deadlines through the API: plans
# from the shipped templates (edit, approve, file, revise, retire), report →
# verify → grade → activate → handle → end → summarise (filing number) →
# close → evaluate with every refusal, reporting duties with countdown,
# meeting and overdue escalation by the sweeper, filing numbers under
# concurrency, need-to-know, warnings, the calendar and on-time statistics.
. "$(dirname "$0")/lib.sh"
init_data
BAOMI_SWEEP_SECONDS=1
export BAOMI_SWEEP_SECONDS
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
account() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
OFF=$(account off "$(person 保密办主任 core)" '"officer"')
CMD=$(account cmd "$(person 指挥长 core)" '"command"')
LEAD=$(account lead "$(person 分管领导 core)" '"leader"')
DUTY=$(account duty "$(person 值班员 general)" '"duty"')
STAFF=$(account staff "$(person 普通干部 general)" '"staff"')
OTHER=$(account other "$(person 其他干部 important)" '"staff"')
ok "fixture: officer, command, leader, duty (秘密 clearance), two staff"

# ---- plans ----
as "$STAFF" POST /api/v1/plans '{"template":"leak"}' >/dev/null
expect 403 "staff cannot write plans"
as "$OFF" GET /api/v1/plan-templates >"$WORK/t.json"
expect 200 "plan templates listed"
grep -q '"cac-other"' "$WORK/t.json" && grep -q '"leak-seed000"' "$WORK/t.json" ||
	die "templates carry the seed-000 chain and the CAC chains"
ok "the leak and cyber templates ship with their chains (incl. CAC 2025)"
as "$OFF" POST /api/v1/plans '{"template":"leak"}' >"$WORK/o.json"
expect 201 "leak plan created from the template"
LEAKP=$(json id <"$WORK/o.json")
CYBP=$(as "$OFF" POST /api/v1/plans '{"template":"cyber"}' | json id)
as "$OFF" GET "/api/v1/plans/$CYBP" >"$WORK/p.json"
grep -q '"status":"draft"' "$WORK/p.json" || die "a new plan is a draft"
grep -q '局域网中断紧急处置' "$WORK/p.json" || die "the eight playbooks of 附件四 are in the cyber plan"
ok "cyber plan is a draft with the eight self-handling playbooks"

as "$OFF" PATCH "/api/v1/plans/$CYBP" '{"body":{"chains":[{"code":"x","name":"x","duties":[{"code":"a","to":"x","amount":0,"unit":"hours","from":"discovered"}]}],"chains_active":["x"]}}' >/dev/null
expect 400 "a duty with amount 0 is refused"
grep -q '"field":"body.chains\[0\].duties\[0\].amount"' "$WORK/resp" || die "the error names the path: $(cat "$WORK/resp")"
ok "plan validation names the field path"
as "$OFF" PATCH "/api/v1/plans/$CYBP" '{"body":{"chains":[{"code":"x","name":"x","duties":[{"code":"a","to":"x","amount":1,"unit":"hours","from":"previous"}]}],"chains_active":["x"]}}' >/dev/null
expect 400 "the first duty of a chain cannot count from the previous one"

as "$OFF" POST "/api/v1/plans/$LEAKP/status" '{"status":"approved"}' >/dev/null
expect 403 "the officer cannot approve a plan"
as "$LEAD" POST "/api/v1/plans/$LEAKP/status" '{"status":"filed","filed_with":"市保密局"}' >/dev/null
expect 409 "a draft cannot be filed before approval"
as "$LEAD" POST "/api/v1/plans/$LEAKP/status" '{"status":"approved"}' >/dev/null
expect 200 "the leader approves the leak plan"
as "$OFF" PATCH "/api/v1/plans/$LEAKP" '{"name":"改名"}' >/dev/null
expect 409 "an approved plan is not edited in place"
as "$OFF" POST "/api/v1/plans/$LEAKP/status" '{"status":"filed"}' >/dev/null
expect 400 "filing names the superior unit"
as "$OFF" POST "/api/v1/plans/$LEAKP/status" '{"status":"filed","filed_with":"市国家保密局"}' >/dev/null
expect 200 "the officer files the plan with the superior (备案)"
as "$LEAD" POST "/api/v1/plans/$CYBP/status" '{"status":"approved"}' >/dev/null
expect 200 "the cyber plan approved"
as "$LEAD" POST /api/v1/plans '{"template":"cyber"}' >"$WORK/own.json"
as "$LEAD" POST "/api/v1/plans/$(json id <"$WORK/own.json")/status" '{"status":"approved"}' >/dev/null
expect 409 "a leader cannot approve the plan they drafted"
as "$OFF" POST "/api/v1/plans/$LEAKP/revise" >"$WORK/o.json"
expect 201 "revision: a new draft version"
REV=$(json id <"$WORK/o.json")
as "$OFF" GET "/api/v1/plans/$REV" | grep -q '"version":2' || die "revision has version 2"
ok "revised plan is version 2"

# ---- a leak incident, reported 40 minutes after discovery ----
disc=$(python3 -c 'import datetime as d; print((d.datetime.utcnow()+d.timedelta(hours=8)-d.timedelta(minutes=40)).strftime("%Y-%m-%dT%H:%M:%S"))')
as "$STAFF" POST /api/v1/incidents "{\"kind\":\"leak\",\"title\":\"涉密U盘遗失\",\"discovered_at\":\"$disc\",\"info_level\":\"secret\",\"prelim_level\":\"III\",\"factors\":{\"public_impact\":\"minor\"},\"report\":{\"description\":\"第一行\\n第二行\",\"police_informed\":false}}" >"$WORK/i.json"
expect 201 "staff reports a leak (机密 information)"
INC=$(json id <"$WORK/i.json")
python3 - "$WORK/i.json" <<'EOF' || die "duties of the leak chain"
import json, sys
d = json.load(open(sys.argv[1]))
dl = {x["code"]: x for x in d["deadlines"]}
assert d["proposed_level"]["code"] == "II", d["proposed_level"]      # 机密 → II
assert d["prelim_level"]["code"] == "III"
assert set(dl) == {"leak-seed000/to-group", "leak-seed000/to-city", "law/leak-24h",
                   "law/leak-investigation-24h"}, dl
assert dl["law/leak-24h"]["plan_limit"]["code"] == "leak-seed000/written-24h", dl
assert dl["leak-seed000/to-group"]["state"] == "overdue", dl          # 30 min, 40 min ago
assert dl["leak-seed000/to-group"]["remaining_s"] < 0
assert dl["leak-seed000/to-city"]["state"] == "waiting"              # counts from the previous
assert dl["law/leak-24h"]["state"] == "open"
assert 22 * 3600 < dl["law/leak-24h"]["remaining_s"] < 24 * 3600
EOF
ok "report: proposed level II from 机密, duties of seed 000 with countdowns, 30-minute duty already overdue"

as "$OTHER" GET "/api/v1/incidents/$INC" >/dev/null
expect 404 "another staff member does not see the incident"
as "$DUTY" GET "/api/v1/incidents/$INC" >/dev/null
expect 404 "the duty officer with 秘密 clearance does not see a 机密 leak"
as "$DUTY" GET /api/v1/incidents | grep -q '"total":0' || die "nor in the list"
ok "need-to-know also in the list"
as "$STAFF" GET "/api/v1/incidents/$INC" >/dev/null
expect 200 "the reporter sees what they reported"
as "$OFF" GET "/api/v1/incidents?overdue=1" | grep -q "\"id\":$INC" || die "overdue filter lists it"
ok "list filter: overdue"

i=0
until as "$OFF" GET "/api/v1/incidents/$INC/timeline" | grep -q '"action":"overdue"'; do
	i=$((i + 1))
	[ $i -gt 50 ] && die "the sweeper escalated the overdue duty"
	sleep 0.2
done
grep -q '"escalate_to":"leader"' "$WORK/resp" || die "escalation names the next level up"
ok "the sweeper marked the overdue duty and escalated it to the leader"
as "$LEAD" GET /api/v1/notifications >"$WORK/n.json"
python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
n=[x for x in d["items"] if x["kind"] == "incident.overdue"]
assert n and n[0]["object_id"] == int(sys.argv[2]) and "逾期" in n[0]["text"], d' "$WORK/n.json" "$INC" ||
	die "the leader's inbox: $(cat "$WORK/n.json")"
ok "the leader is told in their notification inbox"

DG=$(as "$OFF" GET "/api/v1/incidents/$INC" | python3 -c 'import json,sys; print([x["id"] for x in json.load(sys.stdin)["deadlines"] if x["code"].endswith("to-group")][0])')
as "$STAFF" POST "/api/v1/incident-deadlines/$DG/met" '{}' >/dev/null
expect 403 "staff cannot record a report as sent"
as "$OFF" POST "/api/v1/incident-deadlines/$DG/met" '{"note":"电话报告组长"}' >"$WORK/m.json"
expect 200 "the officer records the report to the leadership group"
python3 - "$WORK/m.json" <<'EOF' || die "met late, and the next duty starts counting"
import json, sys
dl = {x["code"]: x for x in json.load(open(sys.argv[1]))["deadlines"]}
assert dl["leak-seed000/to-group"]["state"] == "late", dl
assert dl["leak-seed000/to-city"]["state"] == "open", dl
assert 500 < dl["leak-seed000/to-city"]["remaining_s"] <= 600
EOF
ok "met after the limit: late; the 10-minute duty now counts from it"
as "$OFF" POST "/api/v1/incident-deadlines/$DG/met" '{}' >/dev/null
expect 409 "a duty is met once"

act() { # act TOKEN JSON
	as "$1" POST "/api/v1/incidents/$INC/actions" "$2" >/dev/null
}
act "$STAFF" '{"action":"verify"}'
expect 403 "staff cannot verify"
act "$OFF" '{"action":"grade","level":"II"}'
expect 403 "the officer cannot grade"
act "$CMD" '{"action":"grade","level":"II"}'
expect 409 "grading needs verification first"
act "$OFF" '{"action":"dismiss"}'
expect 400 "dismissal needs a reason"
act "$OFF" '{"action":"verify","note":"核实属实"}'
expect 200 "the officer verifies"
act "$CMD" '{"action":"activate","level":"II"}'
expect 409 "activation needs a confirmed level"
act "$CMD" '{"action":"grade","level":"V"}'
expect 400 "level must be I..IV"
act "$CMD" '{"action":"grade","level":"II","factors":{"info_level":"secret"}}'
expect 200 "the command confirms level II"
act "$STAFF" '{"action":"supplement","report":{"measures":"已封存相关柜子"}}'
expect 200 "the reporter supplements the report"
act "$STAFF" '{"action":"supplement","info_level":"internal"}'
expect 403 "the reporter cannot lower the incident's classification"
as "$OFF" GET "/api/v1/incidents/$INC/versions" | python3 -c '
import json,sys; v=json.load(sys.stdin)["items"]
assert [x["version"] for x in v] == [1, 2], v
assert "measures" not in v[0]["report"] and v[1]["report"]["measures"] == "已封存相关柜子"
assert v[1]["report"]["description"] == "第一行\n第二行"' || die "every version kept"
ok "every version of the report is kept"
act "$CMD" "{\"action\":\"activate\",\"level\":\"II\",\"plan_id\":$CYBP}"
expect 400 "a cyber plan does not cover a leak"
act "$CMD" "{\"action\":\"activate\",\"level\":\"II\",\"plan_id\":$REV}"
expect 400 "a draft plan cannot be activated"
act "$CMD" '{"action":"activate","level":"II"}'
expect 200 "the command activates the plan in force at level II"
as "$OFF" GET "/api/v1/incidents/$INC" >"$WORK/d.json"
NT=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tasks"]))' "$WORK/d.json")
[ "$NT" = 7 ] || die "tasks from the leak playbook's seven steps, got $NT"
ok "activation: seven tasks from the plan's steps (scene, trace, recover, limit scope, police, take-down, accountability)"
act "$OFF" '{"action":"handle"}'
expect 200 "handling starts"
act "$CMD" '{"action":"end_handling"}'
expect 409 "handling cannot end with open tasks"
for t in $(python3 -c 'import json,sys; print(" ".join(str(x["id"]) for x in json.load(open(sys.argv[1]))["tasks"]))' "$WORK/d.json"); do
	as "$OFF" PATCH "/api/v1/incident-tasks/$t" '{"status":"done","note":"已完成"}' >/dev/null
	[ "$STATUS" = 204 ] || die "task $t done: $STATUS $(cat "$WORK/resp")"
done
ok "all tasks done"
act "$CMD" '{"action":"end_handling"}'
expect 200 "handling ends"
act "$OFF" '{"action":"summarise","summary":{"process":"x"}}'
expect 400 "the result report needs the final cause and the process"
act "$OFF" '{"action":"summarise","summary":{"final_cause":"保管不善","process":"已追回","advice":"加强管理"}}'
expect 200 "the officer files the result report"
as "$OFF" GET "/api/v1/incidents/$INC" >"$WORK/d.json"
python3 - "$WORK/d.json" <<'EOF' || die "filing number"
import json, re, sys
d = json.load(open(sys.argv[1]))
assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日第1号总第1号", d["filing_number"]), d["filing_number"]
assert d["state"] == "summarised"
EOF
ok "filing number 「YYYY年M月D日第1号总第1号」, as the seed form writes it"
act "$OFF" '{"action":"close"}'
expect 403 "the officer cannot approve closing"
act "$CMD" '{"action":"close","note":"同意结案","reason":"书面报告已另行报送"}'
expect 200 "the command approves closing (with a reason: the statutory report is unmet)"
act "$STAFF" '{"action":"supplement","report":{"measures":"y"}}'
expect 409 "a closed incident takes no supplement"
act "$LEAD" '{"action":"evaluate","reason":"书面报告已另行报送","evaluation":{"assessment":"处置及时","penalties":"通报批评"}}'
expect 200 "the leader records the evaluation, rewards and penalties"
as "$OFF" GET "/api/v1/incidents/$INC/timeline" | python3 -c '
import json,sys; a=[x["action"] for x in json.load(sys.stdin)["items"]]
for s in ["report","report_sent","verify","grade","supplement","activate","handle","task_update","end_handling","summarise","close","evaluate","overdue"]:
    assert s in a, (s, a)' || die "timeline"
ok "every action is on the incident's timeline"

# ---- a classified officer and dismissal ----
as "$DUTY" POST /api/v1/incidents "{\"kind\":\"cyber\",\"category\":\"malware\",\"subcategory\":\"ransomware\",\"title\":\"勒索病毒\",\"discovered_at\":\"$disc\"}" >"$WORK/o.json"
expect 201 "the duty officer reports a cyber incident"
X=$(json id <"$WORK/o.json")
as "$DUTY" POST /api/v1/incidents "{\"kind\":\"cyber\",\"category\":\"leak\",\"title\":\"x\",\"discovered_at\":\"$disc\"}" >/dev/null
expect 400 "category must belong to the kind"
as "$DUTY" POST /api/v1/incidents "{\"kind\":\"cyber\",\"category\":\"malware\",\"title\":\"x\",\"discovered_at\":\"2099-01-01T00:00:00\"}" >/dev/null
expect 400 "discovery cannot be in the future"
as "$DUTY" POST /api/v1/incidents "{\"kind\":\"cyber\",\"category\":\"malware\",\"title\":\"x\",\"discovered_at\":\"$disc\",\"report\":{\"bogus\":1}}" >/dev/null
expect 400 "unknown report fields are refused"
grep -q '"field":"report.bogus"' "$WORK/resp" || die "names report.bogus"
as "$OFF" POST "/api/v1/incidents/$X/actions" '{"action":"dismiss","reason":"误报"}' >/dev/null
expect 200 "a false report is dismissed"
as "$OFF" POST "/api/v1/incidents/$X/actions" '{"action":"verify"}' >/dev/null
expect 409 "nothing follows a dismissal"

# ---- filing numbers under concurrency ----
mk() {
	id=$(as "$OFF" POST /api/v1/incidents "{\"kind\":\"cyber\",\"category\":\"facility\",\"title\":\"局域网中断$1\",\"discovered_at\":\"$disc\"}" | json id)
	for a in '{"action":"verify"}' '{"action":"grade","level":"IV"}' \
		"{\"action\":\"activate\",\"level\":\"IV\",\"plan_id\":$CYBP,\"playbooks\":[\"lan\"]}" \
		'{"action":"handle"}'; do
		tok=$OFF
		case $a in *grade* | *activate*) tok=$CMD ;; esac
		as "$tok" POST "/api/v1/incidents/$id/actions" "$a" >/dev/null
		[ "$STATUS" = 200 ] || die "$a: $STATUS $(cat "$WORK/resp")"
	done
	for t in $(as "$OFF" GET "/api/v1/incidents/$id" | python3 -c 'import json,sys; print(" ".join(str(x["id"]) for x in json.load(sys.stdin)["tasks"]))'); do
		as "$OFF" PATCH "/api/v1/incident-tasks/$t" '{"status":"cancelled"}' >/dev/null
	done
	as "$CMD" POST "/api/v1/incidents/$id/actions" '{"action":"end_handling"}' >/dev/null
	[ "$STATUS" = 200 ] || die "end: $STATUS $(cat "$WORK/resp")"
	echo "$id"
}
IDS=""
for n in 1 2 3 4 5 6 7 8; do IDS="$IDS $(mk $n)"; done
ok "eight cyber incidents handled under the cyber plan"
PIDS=""
for id in $IDS; do
	curl -s -o /dev/null -X POST "$BASE/api/v1/incidents/$id/actions" -H "Authorization: Bearer $OFF" \
		-H 'Content-Type: application/json' \
		--data-binary '{"action":"summarise","summary":{"final_cause":"交换机故障","process":"更换备用设备"}}' &
	PIDS="$PIDS $!"
done
for p in $PIDS; do wait "$p"; done
NUMS=""
for id in $IDS; do
	NUMS="$NUMS
$(as "$OFF" GET "/api/v1/incidents/$id" | json filing_number)"
done
echo "$NUMS" | python3 -c '
import re, sys
nums = [l for l in sys.stdin.read().splitlines() if l.strip()]
assert len(nums) == 8, nums
day = sorted(int(re.search(r"日第(\d+)号", n).group(1)) for n in nums)
tot = sorted(int(re.search(r"总第(\d+)号", n).group(1)) for n in nums)
assert day == list(range(2, 10)) and tot == list(range(2, 10)), (day, tot)' || die "filing numbers unique and gap-free: $NUMS"
ok "eight concurrent filings: numbers 2..9 of the day and in total, unique, no gaps"
as "$OFF" GET "/api/v1/incidents/$(echo $IDS | cut -d' ' -f1)" >"$WORK/d.json"
python3 -c 'import json,sys; d={x["code"]:x for x in json.load(open(sys.argv[1]))["deadlines"]}; assert d["seed003/result-5wd"]["state"] == "met", d' "$WORK/d.json" ||
	die "the result report meets the 5-working-day duty"
ok "filing the result report meets the 5-working-day duty"

# ---- statistics, warnings, calendar ----
as "$OFF" GET "/api/v1/incidents/deadline-stats" >"$WORK/s.json"
expect 200 "on-time statistics"
python3 -c 'import json,sys; u=json.load(open(sys.argv[1]))["units"][0]; assert u["duties"] > 0 and 0 <= u["on_time_rate"] <= 1 and u["late"] >= 1, u' "$WORK/s.json" ||
	die "stats: $(cat "$WORK/s.json")"
ok "statistics count on-time, late and overdue duties per unit"
as "$STAFF" GET "/api/v1/incidents/deadline-stats" >/dev/null
expect 403 "staff read no statistics"

as "$STAFF" POST /api/v1/warnings '{"level":"II","category":"malware","title":"x"}' >/dev/null
expect 403 "staff cannot publish warnings"
as "$CMD" POST /api/v1/warnings '{"level":"III","category":"malware","title":"勒索病毒预警","audience":"全体干部","scope":"办公网","items":"勿打开陌生附件","measures":"更新病毒库","issuer":"应急指挥部"}' >"$WORK/o.json"
expect 201 "the command publishes a yellow warning"
W=$(json id <"$WORK/o.json")
as "$CMD" PATCH "/api/v1/warnings/$W" '{"level":"II","measures":"断开外网"}' >/dev/null
expect 200 "the warning is raised to orange"
as "$CMD" POST "/api/v1/warnings/$W/lift" '{"note":"威胁解除"}' >/dev/null
expect 200 "the warning is lifted"
as "$CMD" PATCH "/api/v1/warnings/$W" '{"level":"I"}' >/dev/null
expect 409 "a lifted warning cannot change"
as "$STAFF" GET "/api/v1/warnings/$W" | python3 -c '
import json,sys; w=json.load(sys.stdin)
assert w["state"] == "lifted" and w["level"]["code"] == "II" and w["level"]["color"] == "orange"
assert [v["state"] for v in w["versions"]] == ["published", "adjusted", "lifted"]' || die "warning versions"
ok "warning history: published, adjusted, lifted"

as "$OFF" GET "/api/v1/calendar?year=2026" >"$WORK/c.json"
python3 -c '
import json,sys; c=json.load(open(sys.argv[1])); d={x["date"]:x for x in c["days"]}
assert c["source"] == "shipped" and c["covered"]
assert d["2026-02-14"]["work"] and not d["2026-02-17"]["work"]' "$WORK/c.json" || die "calendar 2026"
ok "the shipped calendar: 2026 Spring Festival off, 2月14日 a make-up working day"
as "$OFF" PUT /api/v1/calendar '{"text":"year 2027\n"}' >/dev/null
expect 403 "business users do not load calendars"
as "$SYS" PUT /api/v1/calendar '{"text":"year 2027\n2027-13-01 off x\n"}' >/dev/null
expect 400 "a bad date is refused"
grep -q '第2行' "$WORK/resp" || die "the error names the line: $(cat "$WORK/resp")"
ok "calendar errors name the line"
as "$SYS" PUT /api/v1/calendar '{"text":"year 2027\n2027-01-01 off 元旦\n"}' >/dev/null
expect 200 "the system administrator loads a calendar"
as "$OFF" GET "/api/v1/calendar?year=2026" | grep -q '"covered":false' || die "2026 is no longer covered by the operator's file"
ok "the operator's calendar replaces the shipped one"
finish
