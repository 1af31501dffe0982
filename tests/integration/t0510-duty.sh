#!/bin/sh
# Duty (值班): the roster API, and work a plan gives to a role going to those on duty.
#  - A rotation laid over 2026-09-28..10-08 (working days day + night, the National Day holiday
#    24 h shifts); a second generation over it is refused; who is on duty at shift edges (19:59:59
#    day, 20:00 night, 02:00 on a holiday), a gap; an edited night shift laid over the holiday's.
#  - The A/B fallback: the officer marked absent, the A role takes the duty officer's work.
#  - Need-to-know: an administrator may not read the table, a department head reads but does not
#    edit, write the log or handovers; a missing shift answers 404.
#  - A duty log entry opens an incident (linked both ways, once); a handover note on a shift.
#  - A public holiday within the notice days without a duty table is on the officer's to-do list
#    until a table covers it.
#  - Done when: the server's clock at 02:00 on 2 October 2026 (国庆节), an incident reported and
#    its plan activated puts the 值班员's tasks and notifications on 孙浩 (night duty) and the
#    leaders' on 王建国 (leader on call), not on the lowest-numbered account with the role; a task
#    for a role the roster does not carry is recorded as assigned by role; 附件二 prints the night
#    shift's duty phone; 孙浩 marked absent hands his open tasks to the A role, on the timeline,
#    and the A role's account disabled hands them on to the B role.
. "$(dirname "$0")/lib.sh"
start_demo

OFF=$(login_ready zhangw 'Duty-Pass-2026-1')
SUN=$(login_ready sunh 'Duty-Pass-2026-2')
WANG=$(login_ready wangjg 'Duty-Pass-2026-3')
LIXY=$(login_ready lixy 'Duty-Pass-2026-4')
ZL=$(login_ready zhengl 'Duty-Pass-2026-5')
LIU=$(login_ready liuy 'Duty-Pass-2026-6')
SYS=$(login_ready sysadmin 'Duty-Pass-2026-7')

# account ids by username (the account list is the system administrator's)
as "$SYS" GET "/api/v1/accounts?limit=500" >"$WORK/accounts.json"
expect 200 "accounts listed"
acct() {
	python3 -c 'import json,sys; print([a["id"] for a in json.load(open(sys.argv[1]))["items"] if a["username"]==sys.argv[2]][0])' "$WORK/accounts.json" "$1"
}
SUNH=$(acct sunh)
CHENJ=$(acct chenj)
ZHENGL=$(acct zhengl)
WANGJG=$(acct wangjg)

# ---- the demo's table, need-to-know ----
as "$SUN" GET /api/v1/duty/now >"$WORK/now.json"
expect 200 "who is on duty now"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["shift"] and d["duty"]["name"] and d["leader"]["name"]=="王建国", d' "$WORK/now.json" ||
	die "the demo's month of duty covers now, with 王建国 on call"
ok "the demo's table has a shift now, 王建国 the leader on call"
as "$SYS" GET /api/v1/duty/shifts >/dev/null
expect 403 "an administrator does not read the duty table"
as "$LIU" GET /api/v1/duty/shifts >"$WORK/month.json"
expect 200 "staff of the unit read the duty table"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["total"] >= 28' "$WORK/month.json" ||
	die "this month's table"
as "$LIU" POST /api/v1/duty/generate '{"from":"2026-09-28","to":"2026-10-08","officers":[1]}' >/dev/null
expect 403 "a department head does not edit the table"

# ---- generation and the edges ----
GEN="{\"from\":\"2026-09-28\",\"to\":\"2026-10-08\",\"pattern\":\"standard\",\"officers\":[$CHENJ,$SUNH],\"leaders\":[$WANGJG],\"a\":[$ZHENGL],\"b\":[$CHENJ],\"phone\":\"010-66010000\"}"
as "$OFF" POST /api/v1/duty/generate "$GEN" >"$WORK/gen.json"
expect 201 "the officer lays a rotation over the National Day period"
[ "$(json created <"$WORK/gen.json")" = 15 ] || die "3 working days × 2, 7 holiday days, 1 working day × 2: $(cat "$WORK/gen.json")"
ok "15 shifts: day and night on working days, one 24 h shift a holiday day"
as "$OFF" POST /api/v1/duty/generate "$GEN" >/dev/null
expect 409 "a second generation over the same days is refused"
as "$OFF" POST /api/v1/duty/generate '{"from":"2026-10-08","to":"2026-09-28","officers":[1]}' >/dev/null
expect 400 "a range that runs backwards is refused"

at() {
	as "$SUN" GET "/api/v1/duty/now?at=$1" >"$WORK/at.json"
	expect 200 "on duty at $1" >&2
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["shift"]; print(s["kind"] if s else "gap", (d["duty"] or {}).get("id", 0), (d["leader"] or {}).get("id", 0), (d["duty"] or {}).get("how", "-"))' "$WORK/at.json"
}
[ "$(at 2026-09-30T19:59:59)" = "day $CHENJ $WANGJG on_duty" ] || die "19:59:59 is the day shift: $(cat "$WORK/at.json")"
[ "$(at 2026-09-30T20:00:00)" = "night $SUNH $WANGJG on_duty" ] || die "20:00 is the night shift: $(cat "$WORK/at.json")"
[ "$(at 2026-10-01T07:59:59 | cut -d' ' -f1)" = night ] || die "the night shift runs past midnight"
[ "$(at 2026-10-02T02:00:00 | cut -d' ' -f1)" = holiday ] || die "02:00 on 2 October: the holiday's 24 h shift"
[ "$(at 2026-09-28T07:59:59)" = "gap 0 0 -" ] || die "before the first shift: a gap"
ok "on duty at shift edges: day to 19:59:59, night from 20:00 past midnight, holiday 24 h, gaps"

# an edited night shift laid over the holiday's
as "$OFF" POST /api/v1/duty/shifts "{\"kind\":\"night\",\"starts_at\":\"2026-10-01T20:00:00\",\"ends_at\":\"2026-10-02T08:00:00\",\"officer\":$SUNH,\"leader\":$WANGJG,\"a\":$ZHENGL,\"b\":$CHENJ,\"phone\":\"010-66018888\"}" >"$WORK/night.json"
expect 201 "a night shift for 孙浩 with 王建国 on call"
NIGHT=$(json id <"$WORK/night.json")
[ "$(at 2026-10-02T02:00:00)" = "night $SUNH $WANGJG on_duty" ] || die "the edited night shift wins: $(cat "$WORK/at.json")"
[ "$(at 2026-10-01T19:00:00 | cut -d' ' -f1)" = holiday ] || die "before it, the holiday shift"
ok "02:00 on the holiday: 孙浩 on night duty, 王建国 on call"
as "$OFF" POST /api/v1/duty/shifts "{\"kind\":\"night\",\"starts_at\":\"2026-10-01T20:00:00\",\"ends_at\":\"2026-10-01T19:00:00\"}" >/dev/null
expect 400 "a shift ending before it starts is refused"
as "$OFF" POST /api/v1/duty/shifts "{\"kind\":\"night\",\"starts_at\":\"2026-10-01T20:00:00\",\"ends_at\":\"2026-10-02T08:00:00\",\"officer\":$SUNH,\"a\":$SUNH}" >/dev/null
expect 400 "the officer cannot be the shift's own A role"

# A/B fallback
as "$OFF" PATCH "/api/v1/duty/shifts/$NIGHT" '{"absent":["officer"]}' >/dev/null
expect 200 "孙浩 marked absent"
[ "$(at 2026-10-02T02:00:00)" = "night $ZHENGL $WANGJG a_role" ] || die "the A role stands in: $(cat "$WORK/at.json")"
as "$OFF" PATCH "/api/v1/duty/shifts/$NIGHT" '{"absent":["officer","a"]}' >/dev/null
[ "$(at 2026-10-02T02:00:00)" = "night $CHENJ $WANGJG b_role" ] || die "then the B role: $(cat "$WORK/at.json")"
as "$OFF" PATCH "/api/v1/duty/shifts/$NIGHT" '{"absent":[]}' >/dev/null
expect 200 "孙浩 back"
ok "A/B fallback: the A role when the officer is absent, the B role when A is too"
as "$SYS" PATCH "/api/v1/duty/shifts/$NIGHT" '{"phone":"1"}' >/dev/null
expect 403 "an administrator does not edit shifts"
as "$OFF" PATCH /api/v1/duty/shifts/999999 '{"phone":"1"}' >/dev/null
expect 404 "a missing shift"
as "$OFF" PATCH "/api/v1/duty/shifts/$NIGHT" '{"version":1,"phone":"1"}' >/dev/null
expect 409 "a stale version is refused"

# ---- the duty log opens an incident; handover ----
as "$SUN" POST /api/v1/duty/log '{"kind":"call","caller":"医政医管科 赵敏","text":"来电：科室一份秘密级文件找不到了"}' >"$WORK/log.json"
expect 201 "孙浩 writes a call in the duty log"
LOG=$(json id <"$WORK/log.json")
as "$LIU" POST /api/v1/duty/log '{"text":"x"}' >/dev/null
expect 403 "a department head does not write the duty log"
DISC=$(TZ=Asia/Shanghai date -d '-10 minutes' +%Y-%m-%dT%H:%M:%S)
INC_BODY="{\"kind\":\"leak\",\"title\":\"值班来电：秘密级文件找不到\",\"discovered_at\":\"$DISC\",\"duty_log_id\":$LOG}"
as "$SUN" POST /api/v1/incidents "$INC_BODY" >"$WORK/inc.json"
expect 201 "an incident opened from the log entry"
INC=$(json id <"$WORK/inc.json")
[ "$(json duty_log.id <"$WORK/inc.json")" = "$LOG" ] || die "the incident shows the log entry"
as "$SUN" GET /api/v1/duty/log >"$WORK/logs.json"
python3 -c 'import json,sys; assert [e for e in json.load(open(sys.argv[1]))["items"] if e["id"]==int(sys.argv[2]) and e["incident_id"]==int(sys.argv[3])]' "$WORK/logs.json" "$LOG" "$INC" ||
	die "the log entry names its incident"
as "$SUN" GET "/api/v1/incidents/$INC/timeline" >"$WORK/tl.json"
grep -q '"from_duty_log"' "$WORK/tl.json" || die "the timeline says it came from the duty log"
as "$SUN" POST /api/v1/incidents "$INC_BODY" >/dev/null
expect 409 "a log entry opens one incident"
ok "the log entry and the incident are linked both ways"
# racing: six clients open an incident from one fresh entry at once, three rounds; exactly one wins
for round in 1 2 3; do
	as "$SUN" POST /api/v1/duty/log "{\"text\":\"并发来电 $round\"}" >"$WORK/log.json"
	expect 201 "entry $round"
	python3 - "$BASE" "$SUN" "$(json id <"$WORK/log.json")" "$DISC" <<'PY' || die "one incident per log entry under racing clients"
import json, sys, threading, urllib.request, urllib.error
base, tok, log, disc = sys.argv[1:5]
codes = []
def go(i):
    body = json.dumps({"kind": "leak", "title": "并发 %d" % i, "discovered_at": disc, "duty_log_id": int(log)}).encode()
    r = urllib.request.Request(base + "/api/v1/incidents", data=body, method="POST",
        headers={"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
    try:
        codes.append(urllib.request.urlopen(r, timeout=30).status)
    except urllib.error.HTTPError as e:
        codes.append(e.code)
ts = [threading.Thread(target=go, args=(i,)) for i in range(6)]
[t.start() for t in ts]
[t.join() for t in ts]
assert sorted(codes) == [201] + [409] * 5, codes
PY
done
ok "racing clients: one incident per duty log entry, the others 409"
SHIFT_NOW=$(as "$SUN" GET /api/v1/duty/now | json shift.id)
as "$SUN" POST "/api/v1/duty/shifts/$SHIFT_NOW/handovers" '{"text":"本班接报文件遗失一起，已报告。","pending":"等待保密办核实"}' >/dev/null
expect 201 "孙浩 writes the handover"
as "$LIU" GET "/api/v1/duty/shifts/$SHIFT_NOW/handovers" >"$WORK/ho.json"
expect 200 "the unit's staff read the handover"
python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["items"]; assert h[-1]["by_name"]=="孙浩" and h[-1]["pending"]' "$WORK/ho.json" || die "the handover note"
as "$SUN" POST "/api/v1/duty/shifts/$SHIFT_NOW/handovers" '{"text":""}' >/dev/null
expect 400 "an empty handover is refused"

# ---- the command line ----
BAOMI_URL="$BASE" BAOMI_TOKEN=$SUN "$BAOMI" duty now --at 2026-10-02T02:00:00 >"$WORK/cli.txt" ||
	die "baomi duty now"
grep -q '孙浩' "$WORK/cli.txt" && grep -q '王建国' "$WORK/cli.txt" && grep -q '010-66018888' "$WORK/cli.txt" ||
	die "baomi duty now names the night shift: $(cat "$WORK/cli.txt")"
BAOMI_URL="$BASE" BAOMI_TOKEN=$SUN "$BAOMI" duty shifts --from 2026-10-01 --to 2026-10-01 --format json >"$WORK/cli.json" ||
	die "baomi duty shifts"
[ "$(json total <"$WORK/cli.json")" = 3 ] || die "1 October: the holiday shift, the night shift over it, the night before"
BAOMI_URL="$BASE" BAOMI_TOKEN=$LIU "$BAOMI" duty log-add --title 'x' >/dev/null 2>&1 && die "a department head writes no log from the CLI either"
ok "baomi duty now / shifts from the command line, refusals as over the API"

# ---- a holiday without a duty table is reminded ----
HOL=$(bj_date 25)
HOLY=${HOL%%-*}
as "$SYS" GET "/api/v1/calendar" >/dev/null
{
	cat "$BAOMI_SRC/data/calendar/cn.txt"
	grep -q "^year $HOLY" "$BAOMI_SRC/data/calendar/cn.txt" || echo "year $HOLY"
	echo "$HOL off 测试假日"
} >"$WORK/cal.txt"
CAL=$(python3 -c 'import json,sys; print(json.dumps({"text": open(sys.argv[1]).read()}))' "$WORK/cal.txt")
as "$SYS" PUT /api/v1/calendar "$CAL" >/dev/null
[ "$STATUS" = 200 ] || [ "$STATUS" = 204 ] || die "calendar with a holiday in 25 days: $STATUS $(cat "$WORK/resp")"
todo_holidays() {
	as "$OFF" GET /api/v1/todo | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["counts"]["duty_holiday"], len([i for i in d["items"] if i["kind"]=="duty_holiday" and "测试假日" in i["title"]]))'
}
[ "$(todo_holidays)" = "0 0" ] || die "25 days ahead is beyond the default 7 days' notice"
as "$OFF" PUT /api/v1/duty/settings '{"holiday_notice_days":30}' >/dev/null
expect 200 "the notice set to 30 days"
[ "$(todo_holidays)" = "1 1" ] || die "the holiday without a table is on the officer's to-do list"
as "$OFF" POST /api/v1/duty/generate "{\"from\":\"$HOL\",\"to\":\"$HOL\",\"officers\":[$SUNH],\"leaders\":[$WANGJG]}" >/dev/null
expect 201 "the holiday's table drawn up"
[ "$(todo_holidays)" = "0 0" ] || die "a covered holiday is no longer reminded"
ok "a public holiday within the notice days without a table is reminded until one covers it"

# ---- Done when: 02:00 on a holiday, under a fake clock (libfaketime; not with ASan) ----
if ! command -v faketime >/dev/null || grep -q __asan_init "$BAOMI"; then
	echo "# skipped the 02:00 holiday run: no libfaketime here, or an ASan build"
	finish
	exit 0
fi
stop_server
REAL_BAOMI=$BAOMI
SPEC="$(($(date -u -d '2026-10-01 18:00:00' +%s) - $(date -u +%s)))s"
cat >"$WORK/baomi-at-0200" <<EOF
#!/bin/sh
FAKETIME_DONT_FAKE_MONOTONIC=1 exec faketime -f "$SPEC" "$REAL_BAOMI" "\$@"
EOF
chmod +x "$WORK/baomi-at-0200"
BAOMI="$WORK/baomi-at-0200"
start_server
OFF=$(login zhangw 'Duty-Pass-2026-1')
SUN=$(login sunh 'Duty-Pass-2026-2')
WANG=$(login wangjg 'Duty-Pass-2026-3')
LIXY=$(login lixy 'Duty-Pass-2026-4')
ZL=$(login zhengl 'Duty-Pass-2026-5')
as "$SUN" POST /api/v1/incidents '{"kind":"cyber","category":"facility","title":"节日夜间机房设备故障导致网络中断","discovered_at":"2026-10-02T01:50:00"}' >"$WORK/inc2.json"
expect 201 "an incident reported at 02:00 on 2 October"
INC2=$(json id <"$WORK/inc2.json")
case $(json reported_at <"$WORK/inc2.json") in 2026-10-02T02:0*) ;; *) die "the server's clock is not at 02:00: $(json reported_at <"$WORK/inc2.json")" ;; esac
as "$LIXY" POST "/api/v1/incidents/$INC2/actions" '{"action":"verify","note":"属实"}' >/dev/null
expect 200 "verified"
as "$ZL" POST "/api/v1/incidents/$INC2/actions" '{"action":"grade","level":"IV"}' >/dev/null
expect 200 "graded"
as "$ZL" POST "/api/v1/incidents/$INC2/actions" '{"action":"activate","level":"IV"}' >/dev/null
expect 200 "the plan activated"
as "$SUN" GET "/api/v1/incidents/$INC2" >"$WORK/inc2.json"
python3 - "$WORK/inc2.json" "$SUNH" "$WANGJG" "$CHENJ" <<'PY' || die "tasks on those on duty: $(cat "$WORK/inc2.json")"
import json, sys
d = json.load(open(sys.argv[1]))
sunh, wangjg, chenj = (int(x) for x in sys.argv[2:5])
who = [t["assignee_id"] for t in d["tasks"]]
assert who, "no tasks"
assert sunh in who, "no task for 孙浩 on night duty"
assert wangjg in who, "no task for 王建国 on call"
assert chenj not in who, "a task went to 陈静, the lowest-numbered 值班员, not on duty"
PY
ok "the 值班员's tasks went to 孙浩 on night duty, the leaders' to 王建国 on call"
for u in SUN WANG; do
	eval tok=\$$u
	as "$tok" GET "/api/v1/notifications?unread=1" >"$WORK/n.json"
	python3 -c 'import json,sys; assert [n for n in json.load(open(sys.argv[1]))["items"] if n["kind"]=="incident.task" and n["object_id"]==int(sys.argv[2])]' "$WORK/n.json" "$INC2" ||
		die "$u is notified of the tasks"
done
ok "孙浩 and 王建国 are notified of their tasks"
as "$SUN" GET "/api/v1/incidents/$INC2/timeline" >"$WORK/tl2.json"
python3 -c 'import json,sys; assert [e for e in json.load(open(sys.argv[1]))["items"] if e["action"]=="task_assigned" and e["detail"]["how"]=="by_role" and e["detail"]["role"]=="officer"]' "$WORK/tl2.json" ||
	die "a 保密员 task (not on the roster) is recorded as assigned by role"
ok "a task for a role the roster does not carry is recorded on the timeline"
curl -s -H "Authorization: Bearer $SUN" "$BASE/api/v1/incidents/$INC2/form?format=html" >"$WORK/form.html"
grep -q '010-66018888' "$WORK/form.html" || die "附件二 prints the night shift's duty phone"
ok "附件二 prints the night shift's duty phone (值班电话)"
as "$OFF" PATCH "/api/v1/duty/shifts/$NIGHT" '{"absent":["officer"]}' >"$WORK/abs.json"
expect 200 "孙浩 marked absent during his shift"
[ "$(json tasks_reassigned <"$WORK/abs.json")" -ge 1 ] || die "his open tasks are handed on"
as "$SUN" GET "/api/v1/incidents/$INC2" >"$WORK/inc2.json"
python3 -c 'import json,sys; w=[t["assignee_id"] for t in json.load(open(sys.argv[1]))["tasks"] if t["status"]=="open"]; assert int(sys.argv[2]) not in w and int(sys.argv[3]) in w, w' "$WORK/inc2.json" "$SUNH" "$ZHENGL" ||
	die "the A role (郑丽) holds 孙浩's tasks now"
as "$SUN" GET "/api/v1/incidents/$INC2/timeline" >"$WORK/tl2.json"
python3 -c 'import json,sys; assert [e for e in json.load(open(sys.argv[1]))["items"] if e["action"]=="task_reassigned" and e["detail"]["how"]=="a_role"]' "$WORK/tl2.json" ||
	die "the reassignment is on the timeline"
ok "孙浩 marked absent: his open tasks go to the A role, recorded on the timeline"
SYS=$(login sysadmin 'Duty-Pass-2026-7')
as "$SYS" PATCH "/api/v1/accounts/$ZHENGL" '{"disabled":true}' >/dev/null
expect 200 "郑丽's account disabled"
as "$SUN" GET "/api/v1/incidents/$INC2" >"$WORK/inc2.json"
python3 -c 'import json,sys; w=[t["assignee_id"] for t in json.load(open(sys.argv[1]))["tasks"] if t["status"]=="open"]; assert int(sys.argv[2]) not in w and int(sys.argv[3]) in w, w' "$WORK/inc2.json" "$ZHENGL" "$CHENJ" ||
	die "a disabled A role's tasks go to the B role (陈静)"
ok "a disabled account's open tasks go on to the B role"
finish
