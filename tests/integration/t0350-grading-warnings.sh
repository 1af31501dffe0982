#!/bin/sh
# One grading for an incident, whatever asks (the report's proposed level,
# the preview, grading, activation): a plan in force with its own loss
# thresholds decides them.  Warnings keep the level scale of their plan and
# show its names (seed 000: 一级/二级/三级; seed 003: 红/橙/黄/蓝 I–IV) and
# notify their audience (发布对象) through the inbox when published,
# adjusted and lifted.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"财务处","code":"CWC"}' | json id)
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$3,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
account() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
OFF=$(account off "$(person 保密办主任 core "$DA")" '"officer"')
CMD=$(account cmd "$(person 指挥长 core "$DA")" '"command"')
LEAD=$(account lead "$(person 分管领导 core "$DA")" '"leader"')
STAFFA=$(account staffa "$(person 信息中心干部 general "$DA")" '"staff"')
STAFFB=$(account staffb "$(person 财务处干部 general "$DB")" '"staff"')
ok "fixture: officer, command, leader, a staff member in each of two departments"

# ---- one grading: the plan's own loss thresholds ----
# built-in: 100万 yuan and above is III, below it IV; the plan says 10万 is III, 50万 is II
LOSS=200000
as "$OFF" POST /api/v1/incidents/grade-preview "{\"kind\":\"leak\",\"loss_yuan\":$LOSS}" >"$WORK/p0.json"
expect 200 "preview without a plan in force"
[ "$(json proposed_level.code <"$WORK/p0.json")" = IV ] || die "built-in: 20万 is IV: $(cat "$WORK/p0.json")"
ok "without a plan the built-in thresholds grade 20万 yuan as IV"

LEAKP=$(as "$OFF" POST /api/v1/plans '{"template":"leak"}' | json id)
as "$OFF" GET "/api/v1/plans/$LEAKP" | python3 -c '
import json,sys; b=json.load(sys.stdin)["body"]
b["grading"]["loss_yuan"]={"I":5000000,"II":500000,"III":100000}
print(json.dumps({"body":b}, ensure_ascii=False))' >"$WORK/pb.json"
as "$OFF" PATCH "/api/v1/plans/$LEAKP" "$(cat "$WORK/pb.json")" >/dev/null
expect 200 "the plan sets its own thresholds"
as "$LEAD" POST "/api/v1/plans/$LEAKP/status" '{"status":"approved"}' >/dev/null
expect 200 "the leader approves the leak plan"

as "$OFF" POST /api/v1/incidents/grade-preview "{\"kind\":\"leak\",\"loss_yuan\":$LOSS}" >"$WORK/p1.json"
expect 200 "preview for a leak"
[ "$(json proposed_level.code <"$WORK/p1.json")" = III ] || die "preview under the plan: $(cat "$WORK/p1.json")"
[ "$(json plan.id <"$WORK/p1.json")" = "$LEAKP" ] || die "the preview names the plan: $(cat "$WORK/p1.json")"
as "$OFF" POST /api/v1/incidents/grade-preview "{\"kind\":\"cyber\",\"loss_yuan\":$LOSS}" >"$WORK/p2.json"
[ "$(json proposed_level.code <"$WORK/p2.json")" = IV ] || die "a leak plan does not grade cyber incidents: $(cat "$WORK/p2.json")"
ok "preview: the leak plan's thresholds make 20万 III for a leak, the built-in IV for a cyber incident"

as "$OFF" POST /api/v1/incidents "{\"kind\":\"leak\",\"title\":\"涉密文件丢失\",\"discovered_at\":\"$(TZ=Asia/Shanghai date +%Y-%m-%dT%H:%M:%S)\",\"factors\":{\"loss_yuan\":$LOSS}}" >"$WORK/i.json"
expect 201 "a leak reported"
I=$(json id <"$WORK/i.json")
[ "$(json proposed_level.code <"$WORK/i.json")" = III ] || die "report's proposed level: $(cat "$WORK/i.json")"
as "$OFF" POST /api/v1/incidents/grade-preview "{\"incident_id\":$I,\"loss_yuan\":$LOSS}" >"$WORK/p3.json"
[ "$(json proposed_level.code <"$WORK/p3.json")" = III ] || die "preview for the incident: $(cat "$WORK/p3.json")"
as "$OFF" POST "/api/v1/incidents/$I/actions" '{"action":"verify"}' >/dev/null
expect 200 "verified"
as "$CMD" POST "/api/v1/incidents/$I/actions" "{\"action\":\"grade\",\"level\":\"III\",\"factors\":{\"loss_yuan\":$LOSS}}" >"$WORK/g.json"
expect 200 "graded"
[ "$(json proposed_level.code <"$WORK/g.json")" = III ] || die "grade's proposed level: $(cat "$WORK/g.json")"
as "$CMD" POST "/api/v1/incidents/$I/actions" '{"action":"grade","level":"III"}' >"$WORK/g2.json"
[ "$(json proposed_level.code <"$WORK/g2.json")" = III ] || die "re-grading without factors: $(cat "$WORK/g2.json")"
as "$CMD" POST "/api/v1/incidents/$I/actions" '{"action":"activate","level":"III"}' >"$WORK/a.json"
expect 200 "activated"
[ "$(json proposed_level.code <"$WORK/a.json")" = III ] || die "activation's proposed level: $(cat "$WORK/a.json")"
ok "report, preview, grade and activation agree: III under the plan's thresholds"

as "$STAFFB" POST /api/v1/incidents/grade-preview "{\"incident_id\":$I,\"loss_yuan\":1}" >/dev/null
expect 404 "a preview for an incident one may not see is answered as missing"

# ---- warnings in their plan's own scale ----
# kinds of the notifications an account holds about warning W
inbox() {
	as "$1" GET /api/v1/notifications | python3 -c '
import json,sys; d=json.load(sys.stdin)
print(" ".join(n["kind"] for n in reversed(d["items"]) if n["object_type"] == "warning" and n["object_id"] == int(sys.argv[1])))' "$2"
}
as "$CMD" POST /api/v1/warnings '{"level":"IV","category":"leak","title":"x"}' >/dev/null
expect 400 "the leak plan (seed 000) warns in three levels: no fourth"
grep -q '一级（红色）、二级（橙色）、三级（黄色）' "$WORK/resp" || die "the refusal lists the plan's levels: $(cat "$WORK/resp")"
as "$CMD" POST /api/v1/warnings "{\"level\":\"三级\",\"category\":\"leak\",\"title\":\"涉密载体管理风险预警\",\"audience\":\"信息中心全体人员\",\"audience_to\":{\"departments\":[$DA]},\"measures\":\"清查涉密载体\"}" >"$WORK/w.json"
expect 201 "the command publishes a 三级 warning under the leak plan"
python3 - "$WORK/w.json" "$LEAKP" <<'PY' || die "stored in the plan's scale: $(cat "$WORK/w.json")"
import json,sys; w=json.load(open(sys.argv[1]))
assert w["level"]["rank"] == 3 and w["level"]["zh"] == "三级" and w["level"]["code"] == "3", w["level"]
assert "一般" in w["level"]["meaning"] and w["level"]["color"] == "yellow"
assert [l["zh"] for l in w["levels"]] == ["一级", "二级", "三级"]
assert w["plan"]["id"] == int(sys.argv[2]) and w["notified"] == 3
PY
ok "三级 is stored as the third of three levels and shown as 三级 (一般), not III 较大"
W=$(json id <"$WORK/w.json")
[ "$(inbox "$STAFFA" "$W")" = "warning.publish" ] || die "the department's staff is notified: $(inbox "$STAFFA" "$W")"
[ -z "$(inbox "$STAFFB" "$W")" ] || die "another department is not told"
[ -z "$(inbox "$CMD" "$W")" ] || die "the publisher is not told about their own warning"
ok "publishing notifies the audience's department (3 people), not others, not the publisher"

as "$CMD" PATCH "/api/v1/warnings/$W" '{"level":"二级","measures":"封存涉密计算机"}' >"$WORK/w2.json"
expect 200 "raised to 二级"
[ "$(json level.zh <"$WORK/w2.json")" = 二级 ] || die "adjusted level: $(cat "$WORK/w2.json")"
as "$CMD" PATCH "/api/v1/warnings/$W" '{"plan_id":1}' >/dev/null
expect 400 "a warning keeps its plan"
as "$CMD" POST "/api/v1/warnings/$W/lift" '{"note":"风险消除"}' >/dev/null
expect 200 "lifted"
[ "$(inbox "$STAFFA" "$W")" = "warning.publish warning.adjust warning.lift" ] || die "adjusting and lifting notify too: $(inbox "$STAFFA" "$W")"
as "$STAFFA" GET "/api/v1/warnings/$W" | python3 -c '
import json,sys; w=json.load(sys.stdin)
assert [v["level"]["zh"] for v in w["versions"]] == ["三级", "二级", "二级"], w["versions"]' || die "versions in the plan's names"
ok "adjusting and lifting notify the audience; the history shows the plan's names"

as "$CMD" POST /api/v1/warnings '{"level":"III","category":"malware","title":"勒索病毒预警","audience_to":{"roles":["leader"]}}' >"$WORK/w3.json"
expect 201 "a cyber warning with no cyber plan in force"
python3 -c 'import json,sys; w=json.load(open(sys.argv[1])); assert w["plan"] is None and w["level"]["zh"] == "较大" and w["level"]["code"] == "III" and len(w["levels"]) == 4, w' "$WORK/w3.json" ||
	die "the national scale I–IV: $(cat "$WORK/w3.json")"
W3=$(json id <"$WORK/w3.json")
[ "$(inbox "$LEAD" "$W3")" = "warning.publish" ] && [ -z "$(inbox "$STAFFA" "$W3")" ] || die "an audience by role"
ok "without a plan in force the national scale I–IV; an audience by role reaches the leader only"
as "$CMD" POST /api/v1/warnings '{"level":"IV","category":"malware","title":"钓鱼邮件预警"}' >"$WORK/w4.json"
W4=$(json id <"$WORK/w4.json")
[ "$(inbox "$STAFFB" "$W4")" = "warning.publish" ] || die "no audience_to: everyone"
as "$CMD" POST /api/v1/warnings '{"level":"IV","category":"malware","title":"x","audience_to":{"roles":["nobody"]}}' >/dev/null
expect 400 "an unknown role in the audience"
grep -q '"field":"audience_to"' "$WORK/resp" || die "names audience_to"
ok "a warning without audience_to reaches everyone; a bad audience is refused naming the field"
finish
