#!/bin/sh
# Reporting duties are the law, not an option of the plan: statutory duties
# with no plan in force, a plan that may shorten but never lengthen them,
# the result report meeting only its own recipient's duty, back-filled met
# times (补录) judged by their recording, closing over an unmet report to a
# superior only with a reason, and a leak's approved investigation result
# owing its report within 24 hours.  Times are Beijing times.
. "$(dirname "$0")/lib.sh"
init_data
BAOMI_SWEEP_SECONDS=1
export BAOMI_SWEEP_SECONDS
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"保密办","code":"BMB"}' | json id)
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"core\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
account() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
OFF=$(account off "$(person 保密办主任)" '"officer"')
CMD=$(account cmd "$(person 指挥长)" '"command"')
LEAD=$(account lead "$(person 分管领导)" '"leader"')
ok "fixture: officer, command, leader"

# Beijing time N minutes ago, whatever the machine's zone
bj_ago() {
	python3 -c 'import datetime as d,sys; print((d.datetime.now(d.timezone(d.timedelta(hours=8)))-d.timedelta(minutes=int(sys.argv[1]))).strftime("%Y-%m-%dT%H:%M:%S"))' "$1"
}
# duty CODE < incident json — the duty as JSON
duty() {
	python3 -c 'import json,sys; print(json.dumps([x for x in json.load(sys.stdin)["deadlines"] if x["code"] == sys.argv[1]][0]))' "$1"
}

# ---- a leak with no plan in force still owes the law's 24-hour report ----
as "$OFF" POST /api/v1/incidents "{\"kind\":\"leak\",\"title\":\"无预案时的泄密\",\"discovered_at\":\"$(bj_ago 5)\"}" >"$WORK/i.json"
expect 201 "a leak reported while no plan is in force"
python3 - "$WORK/i.json" <<'EOF' || die "statutory duties with no plan: $(cat "$WORK/i.json")"
import json, sys
d = json.load(open(sys.argv[1]))
dl = {x["code"]: x for x in d["deadlines"]}
assert set(dl) == {"law/leak-24h", "law/leak-investigation-24h"}, dl
w = dl["law/leak-24h"]
assert w["source"] == "statutory" and w["source_zh"] == "法定", w
assert "保守国家秘密法实施条例" in w["basis"], w
assert w["superior"] is True and w["recipient"] == "secrecy_admin", w
assert w["state"] == "open" and 23 * 3600 < w["remaining_s"] <= 24 * 3600, w
assert dl["law/leak-investigation-24h"]["state"] == "waiting", dl
assert "法定" in d["warning"], d["warning"]
EOF
ok "no plan: the written report to the 保密行政管理部门 is due 24 h after discovery (statutory)"

# ---- plans: the leak plan tries to lengthen the 24 h, the cyber plan shortens CAC 4 h ----
LEAKP=$(as "$OFF" POST /api/v1/plans '{"template":"leak"}' | json id)
CYBP=$(as "$OFF" POST /api/v1/plans '{"template":"cyber"}' | json id)
for plan in "$LEAKP" "$CYBP"; do
	as "$OFF" GET "/api/v1/plans/$plan" | python3 -c '
import json, sys
b = json.load(sys.stdin)["body"]
for c in b["chains"]:
    for x in c["duties"]:
        if x["code"] == "written-24h": x["amount"] = 48   # lengthen: refused by the law
        if x["code"] == "cac-4h": x["amount"] = 2          # shorten: allowed
print(json.dumps({"body": b}, ensure_ascii=False))' >"$WORK/body.json"
	as "$OFF" PATCH "/api/v1/plans/$plan" "$(cat "$WORK/body.json")" >/dev/null
	expect 200 "plan $plan edited"
	as "$LEAD" POST "/api/v1/plans/$plan/status" '{"status":"approved"}' >/dev/null
	expect 200 "plan $plan approved"
done

as "$OFF" POST /api/v1/incidents "{\"kind\":\"leak\",\"title\":\"涉密文件遗失\",\"discovered_at\":\"$(bj_ago 40)\"}" >"$WORK/i.json"
expect 201 "a leak reported 40 minutes after discovery, the plan in force"
INC=$(json id <"$WORK/i.json")
python3 - "$WORK/i.json" <<'EOF' || die "plan and statutory duties: $(cat "$WORK/i.json")"
import json, sys
dl = {x["code"]: x for x in json.load(open(sys.argv[1]))["deadlines"]}
assert set(dl) == {"leak-seed000/to-group", "leak-seed000/to-city", "law/leak-24h",
                   "law/leak-investigation-24h"}, dl
g = dl["leak-seed000/to-group"]
assert g["source"] == "plan" and g["amount"] == 30 and g["state"] == "overdue", g
w = dl["law/leak-24h"]
assert w["source"] == "statutory", w
assert w["plan_limit"]["code"] == "leak-seed000/written-24h" and w["plan_limit"]["amount"] == 48, w
# 24 h after discovery (40 minutes ago), not the plan's 48 h
assert 23 * 3600 - 2400 - 60 < w["remaining_s"] <= 24 * 3600 - 2400, w
EOF
ok "with the plan: 30 minutes to the group, and the law's 24 h the plan cannot lengthen to 48 h"

# ---- a back-filled met time (补录) counts late; the escalation stays ----
G=$(duty leak-seed000/to-group <"$WORK/i.json" | json id)
i=0
until as "$OFF" GET "/api/v1/incidents/$INC" | duty leak-seed000/to-group | grep -q '"escalated_at": "2'; do
	i=$((i + 1))
	[ $i -gt 50 ] && die "the sweeper escalated the overdue 30-minute duty"
	sleep 0.2
done
ok "the overdue 30-minute duty was escalated"
CLAIM=$(bj_ago 15) # within the 30 minutes, but entered now, long after
as "$OFF" POST "/api/v1/incident-deadlines/$G/met" "{\"at\":\"$CLAIM\",\"note\":\"补记电话报告\"}" >"$WORK/m.json"
expect 200 "the officer records the report with an earlier time"
duty leak-seed000/to-group <"$WORK/m.json" >"$WORK/g.json"
python3 - "$WORK/g.json" "$CLAIM" <<'EOF' || die "back-filled entry: $(cat "$WORK/g.json")"
import json, sys
g = json.load(open(sys.argv[1]))
assert g["met_at"].startswith(sys.argv[2]), g            # the claimed time is kept
assert g["recorded_at"] and g["recorded_at"] > g["met_at"], g
assert g["backfilled"] is True, g
assert g["state"] == "late", g                            # judged by the recording
assert g["escalated_at"], g                               # the escalation stays
EOF
ok "met at a claimed earlier time: kept, flagged 补录, judged late by its recording, escalation kept"
as "$OFF" GET "/api/v1/incidents/$INC/timeline" | python3 -c '
import json, sys
e = [x for x in json.load(sys.stdin)["items"] if x["action"] == "report_sent"]
assert e and e[-1]["detail"]["backfilled"] is True and e[-1]["detail"]["late"] is True, e
assert e[-1]["detail"]["escalated"] is True, e' || die "the timeline shows the 补录"
ok "the timeline entry says 补录, late, after escalation"
as "$OFF" GET "/api/v1/incidents/deadline-stats" >"$WORK/s.json"
expect 200 "on-time statistics"
python3 -c '
import json, sys
u = json.load(open(sys.argv[1]))["units"][0]
assert u["on_time"] == 0 and u["late"] == 1 and u["backfilled"] == 1, u' "$WORK/s.json" ||
	die "stats: $(cat "$WORK/s.json")"
ok "statistics count the back-filled duty late, and count 补录"

# ---- a leak's investigation result, once approved, owes its report in 24 h ----
act() { # act TOKEN INCIDENT JSON
	as "$1" POST "/api/v1/incidents/$2/actions" "$3" >"$WORK/a.json"
}
act "$OFF" "$INC" '{"action":"verify"}'
expect 200 "verified"
act "$CMD" "$INC" '{"action":"approve_investigation"}'
expect 400 "the approval needs the investigation result"
act "$OFF" "$INC" '{"action":"approve_investigation","investigation":"x"}'
expect 403 "the officer does not approve the investigation result"
act "$CMD" "$INC" '{"action":"approve_investigation","investigation":"遗失系保管不善，未扩散"}'
expect 200 "the command approves the investigation result"
duty law/leak-investigation-24h <"$WORK/a.json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["from"] == "investigated" and d["state"] == "open", d
assert 24 * 3600 - 120 < d["remaining_s"] <= 24 * 3600, d' || die "investigation duty: $(cat "$WORK/a.json")"
ok "the approved investigation result is due to the 保密行政管理部门 within 24 h"
act "$CMD" "$INC" '{"action":"approve_investigation","investigation":"again"}'
expect 409 "the investigation result is approved once"

# ---- cyber: the result report meets only its own recipient's duty; closing waits ----
as "$OFF" POST /api/v1/incidents "{\"kind\":\"cyber\",\"category\":\"malware\",\"title\":\"勒索病毒\",\"discovered_at\":\"$(bj_ago 10)\"}" >"$WORK/c.json"
expect 201 "a cyber incident"
CI=$(json id <"$WORK/c.json")
act "$OFF" "$CI" '{"action":"verify"}'
act "$CMD" "$CI" '{"action":"grade","level":"III"}'
expect 200 "graded III (较大)"
duty law/cac-report <"$WORK/a.json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["source"] == "statutory" and d["recipient"] == "cac", d
assert d["plan_limit"]["amount"] == 2, d
assert 2 * 3600 - 600 - 60 < d["remaining_s"] <= 2 * 3600 - 600, d' || die "CAC report: $(cat "$WORK/a.json")"
ok "较大: the CAC report (4 h for others) is shortened to the plan's 2 h"
act "$CMD" "$CI" '{"action":"activate","level":"III"}'
expect 200 "activated"
for t in $(python3 -c 'import json,sys; print(" ".join(str(x["id"]) for x in json.load(open(sys.argv[1]))["tasks"]))' "$WORK/a.json"); do
	as "$OFF" PATCH "/api/v1/incident-tasks/$t" '{"status":"done"}' >/dev/null
	[ "$STATUS" = 204 ] || die "task $t done: $STATUS"
done
act "$OFF" "$CI" '{"action":"handle"}'
act "$CMD" "$CI" '{"action":"end_handling"}'
expect 200 "handling ended"
act "$OFF" "$CI" '{"action":"summarise","summary":{"final_cause":"未及时打补丁","process":"隔离、清除、恢复"}}'
expect 200 "the result report (附件三) filed"
python3 - "$WORK/a.json" <<'EOF' || die "summarise: $(cat "$WORK/a.json")"
import json, sys
dl = {x["code"]: x for x in json.load(open(sys.argv[1]))["deadlines"]}
assert dl["seed003/result-5wd"]["state"] == "met", dl["seed003/result-5wd"]
assert dl["law/cac-30d"]["met_at"] is None and dl["law/cac-30d"]["state"] == "open", dl["law/cac-30d"]
EOF
ok "the result report meets the duty to 信息办 only; the CAC 30-day summary stays open"

act "$CMD" "$CI" '{"action":"close"}'
expect 409 "closing is refused while reports to superiors are unmet"
grep -q '"field":"reason"' "$WORK/resp" || die "the refusal names the reason field"
act "$CMD" "$CI" '{"action":"close","reason":"网信部门总结报告在30日内另行报送"}'
expect 200 "closing with the command's recorded reason"
act "$LEAD" "$CI" '{"action":"evaluate","evaluation":{"assessment":"处置及时"}}'
expect 409 "evaluating is refused too without a reason"
act "$LEAD" "$CI" '{"action":"evaluate","evaluation":{"assessment":"处置及时"},"reason":"总结报告待报"}'
expect 200 "evaluation with a reason"
as "$OFF" GET "/api/v1/incidents/$CI/timeline" | python3 -c '
import json, sys
e = [x for x in json.load(sys.stdin)["items"] if x["action"] == "close"]
assert e and e[0]["detail"]["reason"] == "网信部门总结报告在30日内另行报送", e
assert "law/cac-30d" in e[0]["detail"]["open_duties"], e' || die "the reason is on the timeline"
ok "the reason and the unmet duties are on the timeline"
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')
as "$AUD" GET "/api/v1/audit?event=incident.close" | grep -q "网信部门总结报告" ||
	die "the close reason is audited: $(cat "$WORK/resp")"
ok "and in the audit log"

# ---- the demo ships with the seed plans approved and filed: a first leak shows its countdowns ----
stop_server
DATA="$WORK/demo"
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
"$BAOMI" demo --data "$DATA" --listen "127.0.0.1:$PORT" >>"$WORK/server.log" 2>&1 &
PID=$!
i=0
while ! curl -sf "$BASE/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 300 ] && die "demo server did not start"
	kill -0 "$PID" 2>/dev/null || die "demo server exited"
	sleep 0.1
done
LIXY=$(login_ready lixy 'Ready-Pass-2026')
as "$LIXY" GET "/api/v1/plans?status=filed" | python3 -c '
import json, sys
k = sorted(p["kind"] for p in json.load(sys.stdin)["items"])
assert k == ["cyber", "leak"], k' || die "the demo's filed plans: $(cat "$WORK/resp")"
ok "the demo has the leak and cyber plans approved and filed"
as "$LIXY" POST /api/v1/incidents "{\"kind\":\"leak\",\"title\":\"演示泄密\",\"discovered_at\":\"$(bj_ago 1)\"}" >"$WORK/i.json"
expect 201 "a newcomer's first leak report in the demo"
python3 - "$WORK/i.json" <<'EOF2' || die "demo countdowns: $(cat "$WORK/i.json")"
import json, sys
d = json.load(open(sys.argv[1]))
dl = {x["code"]: x for x in d["deadlines"]}
assert "warning" not in d, d["warning"]
g, w = dl["leak-seed000/to-group"], dl["law/leak-24h"]
assert g["state"] == "open" and 27 * 60 < g["remaining_s"] <= 29 * 60, g
assert w["state"] == "open" and 23 * 3600 < w["remaining_s"] <= 24 * 3600, w
EOF2
ok "it shows the 30-minute and the 24-hour countdowns"

finish
