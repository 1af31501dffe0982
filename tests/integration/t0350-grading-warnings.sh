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
finish
