#!/bin/sh
# The year's statistics on a known dataset, built through the API under a fixed clock, against a
# hand count of every figure: the server runs under libfaketime at set Beijing times, so what
# happens at 23:50 on 31 December 2025 is 2025 and what happens at 00:30 on 1 January 2026
# (still 2025 in UTC) is 2026.  Then: the drill-down of each figure, need-to-know (a staff
# member's scope), drills counted apart, a late report never on time, and the roll-up of a
# subordinate unit's signed package.  Release tree only: libfaketime's LD_PRELOAD does not mix
# with ASan.
. "$(dirname "$0")/lib.sh"
FAKELIB=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -n 1)
if grep -q __asan_init "$BAOMI" 2>/dev/null || [ -z "$FAKELIB" ]; then
	echo "ok - skipped: needs libfaketime (the release tree runs it)"
	finish
	exit 0
fi
REAL_BAOMI=$BAOMI
export TZ=UTC
# the server itself under the fake clock (exec: stop_server's kill reaches it)
cat >"$WORK/baomi-at" <<EOS
#!/bin/sh
LD_PRELOAD="$FAKELIB" FAKETIME="@\$BAOMI_AT" FAKETIME_DONT_FAKE_MONOTONIC=1 exec "$REAL_BAOMI" "\$@"
EOS
chmod +x "$WORK/baomi-at"
BAOMI=$WORK/baomi-at
at() { # at 'YYYY-MM-DD HH:MM:SS' (UTC): restart the server at that time
	[ -n "${PID:-}" ] && stop_server
	export BAOMI_AT="$1"
	start_server
}
export BAOMI_AT="2025-12-31 15:40:00"
init_data

at "2025-12-31 15:50:00" # Beijing 2025-12-31 23:50
SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"办公室","code":"BGS"}' | json id)
person() { # person NAME CLASS DEPT
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$3,\"commitment_signed_on\":\"2025-12-01\"}" | json id
}
account() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026" >/dev/null
	echo "$aid"
}
P_OFF=$(person 保密员甲 core "$DA")
P_OFF2=$(person 保密员乙 core "$DA")
P_LEAD=$(person 分管领导 core "$DA")
P_CMD=$(person 指挥长 important "$DA")
P_W1=$(person 见证人一 important "$DA")
P_W2=$(person 见证人二 important "$DA")
P_GONE=$(person 离岗人员 general "$DB")
P_OLD=$(person 早年离岗 general "$DB")
P_STAFF=$(person 办公室干部 general "$DB")
A_OFF=$(account off "$P_OFF" '"officer"')
A_OFF2=$(account off2 "$P_OFF2" '"officer"')
account lead "$P_LEAD" '"leader"' >/dev/null
account cmd "$P_CMD" '"command"' >/dev/null
account staff "$P_STAFF" '"staff"' >/dev/null
tok() { login "$1" Ready-Pass-2026; }
OFF=$(tok off)
# one-step chains: a second officer approves
as "$SEC" PUT /api/v1/approval-rules '{"rules":[{"action":"borrow","min_level":"top_secret","steps":["leader"]},{"action":"copy","min_level":"confidential","steps":["officer"]},{"action":"declassify","min_level":"confidential","steps":["officer"]}]}' >/dev/null
expect 200 "fixture: people of three classes, officer, leader, command, staff; one-step chains"
reg() { # reg JSON — prints the id
	as "$OFF" POST /api/v1/carriers "$1" >"$WORK/reg.json"
	[ "$STATUS" = 201 ] || die "register: HTTP $STATUS $(cat "$WORK/reg.json")"
	json id <"$WORK/reg.json"
}
A1=$(reg '{"type":"paper_doc","title":"年末登记机密文件","level":"secret","period_years":10,"issued_on":"2025-12-20","classifier":"保密员甲","classify_basis":"定密目录第1项"}')
ok "2025-12-31 23:50 Beijing: one 机密 carrier registered (2025)"

at "2025-12-31 16:30:00" # Beijing 2026-01-01 00:30, UTC still 2025
OFF=$(tok off)
SEC=$(login secadmin 'Sec-Admin-Pass-1')
B1=$(reg '{"type":"paper_doc","title":"新年秘密文件","level":"confidential","issued_on":"2026-01-01","classifier":"保密员甲","classify_basis":"定密目录第3项"}')
B2=$(reg '{"type":"paper_doc","title":"未记依据的机密文件","level":"secret","period_years":15,"issued_on":"2026-01-01"}')
B3=$(reg '{"type":"printer","title":"内部打印机","level":"internal","issued_on":"2026-01-01"}')
B4=$(reg "{\"type\":\"paper_doc\",\"title\":\"去年定密今年登记\",\"level\":\"confidential\",\"release_on\":\"2030-01-01\",\"issued_on\":\"2025-11-01\",\"classifier\":\"保密员乙\",\"classify_basis\":\"定密目录第2项\",\"scope_people\":[$P_STAFF]}")
act() { # act CARRIER JSON
	as "$OFF" POST "/api/v1/carriers/$1/actions" "$2" >"$WORK/act.json"
	[ "$STATUS" = 200 ] || die "action on $1: HTTP $STATUS $(cat "$WORK/act.json")"
}
approved() { # approved CARRIER ACTION: a request the second officer approves
	as "$OFF" POST "/api/v1/carriers/$1/requests" "{\"action\":\"$2\",\"reason\":\"工作需要\"}" >"$WORK/rq.json"
	[ "$STATUS" = 201 ] || die "request $2: HTTP $STATUS $(cat "$WORK/rq.json")"
	as "$OFF2" POST "/api/v1/carrier-requests/$(json id <"$WORK/rq.json")/decision" '{"approve":true}' >/dev/null
	[ "$STATUS" = 200 ] || die "approve $2: HTTP $STATUS $(cat "$WORK/resp")"
}
OFF2=$(tok off2)
approved "$B1" copy
act "$B1" '{"action":"copy","count":1}'
approved "$A1" declassify
act "$B3" "{\"action\":\"destroy\",\"witnesses\":[$P_W1,$P_W2],\"place\":\"销毁室\",\"certificate_no\":\"XH-1\"}"
act "$A1" '{"action":"declassify","basis":"事项已公开"}'
P_NEW=$(person 新进人员 general "$DB")
as "$SEC" PATCH "/api/v1/people/$P_W2" '{"status":"leaving","declassify_until":"2026-06-30"}' >/dev/null
expect 200 "a person enters the 脱密期 until 2026-06-30"
as "$SEC" PATCH "/api/v1/people/$P_GONE" '{"status":"left","declassify_until":"2026-01-01"}' >/dev/null
expect 200 "a person's 脱密期 ended today"
as "$SEC" PATCH "/api/v1/people/$P_OLD" '{"status":"left","declassify_until":"2025-06-01"}' >/dev/null
expect 200 "a person whose 脱密期 ended in 2025"

# incidents: a leak under an approved plan (its reporting duties), a cyber one, one found untrue,
# and one that becomes a drill
LEAD=$(tok lead)
CMD=$(tok cmd)
LP=$(as "$OFF" POST /api/v1/plans '{"template":"leak"}' | json id)
as "$LEAD" POST "/api/v1/plans/$LP/status" '{"status":"approved"}' >/dev/null
expect 200 "the leak plan is approved"
incident() { # incident JSON — prints the id
	as "$OFF" POST /api/v1/incidents "$1" >"$WORK/inc.json"
	[ "$STATUS" = 201 ] || die "incident: HTTP $STATUS $(cat "$WORK/inc.json")"
	json id <"$WORK/inc.json"
}
L1=$(incident '{"kind":"leak","title":"文件遗失","discovered_at":"2026-01-01T00:10:00+08:00","info_level":"internal"}')
C1=$(incident '{"kind":"cyber","category":"malware","title":"病毒告警","discovered_at":"2026-01-01T00:20:00+08:00"}')
D1=$(incident '{"kind":"cyber","category":"malware","title":"误报告警","discovered_at":"2026-01-01T00:20:00+08:00"}')
R1=$(incident '{"kind":"cyber","category":"malware","title":"演练：勒索病毒","discovered_at":"2026-01-01T00:25:00+08:00"}')
as "$OFF" POST "/api/v1/incidents/$C1/actions" '{"action":"verify","note":"属实"}' >/dev/null
expect 200 "the cyber incident is verified"
as "$CMD" POST "/api/v1/incidents/$C1/actions" '{"action":"grade","level":"III"}' >/dev/null
expect 200 "and graded III"
as "$OFF" POST "/api/v1/incidents/$D1/actions" '{"action":"dismiss","reason":"核实为误报"}' >/dev/null
expect 200 "a report found untrue is dismissed"
as "$OFF" GET "/api/v1/incidents/$L1" >"$WORK/l1.json"
FIRST=$(python3 -c 'import json,sys; d=[x for x in json.load(open(sys.argv[1]))["deadlines"] if x["state"]=="open"]; print(d[0]["id"], d[1]["id"] if len(d)>1 else "")' "$WORK/l1.json")
DUTY_ON=${FIRST%% *}
DUTY_LATE=${FIRST#* }
[ -n "$DUTY_LATE" ] || die "the leak has two running duties: $(cat "$WORK/l1.json")"
as "$OFF" POST "/api/v1/incident-deadlines/$DUTY_ON/met" '{}' >/dev/null
expect 200 "one duty met at once"

# self-inspection: five findings, their rectification set up to end five ways
as "$OFF" POST /api/v1/checklists '{"template":"seed"}' >"$WORK/cl.json"
CL=$(json id <"$WORK/cl.json")
ITEM=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["id"])' "$WORK/cl.json")
as "$OFF" POST /api/v1/campaigns "{\"name\":\"2026年度保密自查\",\"checklist_id\":$CL,\"phases\":{\"find_start\":\"2026-01-01\",\"find_end\":\"2026-01-10\",\"targeted_start\":\"2026-01-11\",\"targeted_end\":\"2026-01-20\",\"rectify_start\":\"2026-01-21\",\"rectify_end\":\"2026-02-20\",\"spot_start\":\"2026-02-21\",\"spot_end\":\"2026-03-01\"},\"departments\":[$DA],\"inspectors\":[$A_OFF]}" >"$WORK/c.json"
expect 201 "a campaign is opened"
CAMP=$(json id <"$WORK/c.json")
finding() { # finding SEVERITY TITLE — prints the id
	as "$OFF" POST "/api/v1/campaigns/$CAMP/findings" "{\"item_id\":$ITEM,\"department_id\":$DA,\"severity\":\"$1\",\"title\":\"$2\"}" >"$WORK/f.json"
	[ "$STATUS" = 201 ] || die "finding: HTTP $STATUS $(cat "$WORK/f.json")"
	json id <"$WORK/f.json"
}
task() { # task FINDING DEADLINE — prints the task id
	as "$OFF" POST "/api/v1/findings/$1/task" "{\"responsible_id\":$A_OFF2,\"deadline\":\"$2\"}" >"$WORK/t.json"
	[ "$STATUS" = 201 ] || die "task: HTTP $STATUS $(cat "$WORK/t.json")"
	json id <"$WORK/t.json"
}
T_OVER=$(task "$(finding high 问题一)" 2026-01-02)
T_DONE=$(task "$(finding medium 问题二)" 2026-01-05)
T_LATE=$(task "$(finding medium 问题三)" 2026-01-02)
finding low 问题四 >/dev/null
task "$(finding low 问题五)" 2026-01-10 >/dev/null
ok "2026-01-01 00:30 Beijing: carriers, a copy, a destruction, a declassification, people, incidents, findings"

stop_server
sqlite3 "$DATA/baomi.db" "UPDATE incidents SET drill = 1 WHERE id = $R1" || die "mark the drill"
at "2026-01-03 02:00:00" # Beijing 2026-01-03 10:00
OFF=$(tok off)
OFF2=$(tok off2)
as "$OFF" POST "/api/v1/incident-deadlines/$DUTY_LATE/met" '{}' >/dev/null
expect 200 "the second duty met two days later"
rtask() { # rtask TASK ACTION
	as "$OFF2" POST "/api/v1/rect-tasks/$1/actions" "{\"action\":\"$2\",\"measures\":\"已整改\"}" >/dev/null
	[ "$STATUS" = 200 ] || die "task $1 $2: HTTP $STATUS $(cat "$WORK/resp")"
}
rtask "$T_DONE" start
rtask "$T_DONE" done
rtask "$T_LATE" start
rtask "$T_LATE" done
ok "2026-01-03 Beijing: a late report, one rectification in time and one late"

figures() { # figures TOKEN YEAR — the figures as KEY PART=N ... lines in $WORK/f-YEAR.txt
	as "$1" GET "/api/v1/stats?year=$2" >"$WORK/s.json"
	[ "$STATUS" = 200 ] || die "stats $2: HTTP $STATUS $(cat "$WORK/s.json")"
	python3 - "$WORK/s.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for f in d["figures"]:
    parts = " ".join(f"{p['code']}={p['n']}" for p in f["parts"] if p["n"])
    print(f"{f['key']} {f['total']}" + (" " + parts if parts else "") +
          (f" rate={f['on_time_permille']}" if "on_time_permille" in f else ""))
PY
}
# the duties of the real incidents as their pages judge them: met→on time, late, overdue, the rest
# open (the drill's are not counted)
for i in "$L1" "$C1" "$D1"; do
	as "$OFF" GET "/api/v1/incidents/$i" >"$WORK/i-$i.json"
done
DUTIES=$(python3 - "$DUTY_ON" "$DUTY_LATE" "$WORK/i-$L1.json" "$WORK/i-$C1.json" "$WORK/i-$D1.json" <<'PY'
import json, sys
by = {}
for path in sys.argv[3:]:
    for x in json.load(open(path))["deadlines"]:
        by[x["id"]] = x["state"]
assert by[int(sys.argv[1])] == "met" and by[int(sys.argv[2])] == "late", by
n = {"on_time": 0, "late": 0, "overdue": 0, "open": 0}
for s in by.values():
    n[{"met": "on_time", "late": "late", "overdue": "overdue"}.get(s, "open")] += 1
decided = n["on_time"] + n["late"] + n["overdue"]
parts = " ".join(f"{k}={v}" for k, v in n.items() if v)
print(f"incidents_reporting {len(by)} {parts} rate={n['on_time'] * 1000 // decided}")
PY
) || die "the leak's duties: one met at once, one late"

figures "$OFF" 2026 >"$WORK/got-2026.txt"
cat >"$WORK/want-2026.txt" <<EOF2
carriers_registered 4 secret=1 confidential=2 internal=1
carriers_copied 1 confidential=1
carriers_destroyed 1 internal=1
carriers_declassified 1 secret=1
carriers_period_top_secret 0
carriers_period_secret 1 years_20=1
carriers_period_confidential 2 default=1 date=1
classify_by_level 2 secret=1 confidential=1
classify_by_period 2 default=1 years_20=1
classify_no_basis 1 secret=1
people_roll 9 core=3 important=3 general=3
people_new 1 general=1
people_declassifying 2 important=1 general=1
people_left 1 general=1
inspect_campaigns 1 open=1
inspect_findings 5 high=1 medium=2 low=2
inspect_rectification 5 done=1 done_late=1 overdue=1 open=1 no_task=1
incidents_by_kind 2 leak=1 cyber=1
incidents_by_level 2 III=1 none=1
incidents_dismissed 1 cyber=1
$DUTIES
drills 1 cyber=1
drills_planned 0
training_sessions 0
training_attendance 0
training_below_target 7 core=3 important=2 general=2
places_registered 0
places_visits 0
pubrev_submitted 0
pubrev_outcomes 0
pubrev_published 0
pubrev_hits_cleared 0
inventories_closed 0
inventory_missing 0
EOF2
diff "$WORK/want-2026.txt" "$WORK/got-2026.txt" >&2 || die "2026: the figures differ from the hand count (< hand count, > API)"
ok "2026 (Beijing): every figure equals the hand count, the 00:30 events included, the drill apart"

figures "$OFF" 2025 >"$WORK/got-2025.txt"
cat >"$WORK/want-2025.txt" <<'EOF2'
carriers_registered 1 secret=1
carriers_copied 0
carriers_destroyed 0
carriers_declassified 0
carriers_period_top_secret 0
carriers_period_secret 1 years_10=1
carriers_period_confidential 0
classify_by_level 2 secret=1 confidential=1
classify_by_period 2 years_10=1 date=1
classify_no_basis 0
people_roll 9 core=3 important=3 general=3
people_new 9 core=3 important=3 general=3
people_declassifying 3 important=1 general=2
people_left 1 general=1
inspect_campaigns 0
inspect_findings 0
inspect_rectification 0
incidents_by_kind 0
incidents_by_level 0
incidents_dismissed 0
incidents_reporting 0 rate=None
drills 0
drills_planned 0
training_sessions 0
training_attendance 0
training_below_target 6 core=3 important=2 general=1
places_registered 0
places_visits 0
pubrev_submitted 0
pubrev_outcomes 0
pubrev_published 0
pubrev_hits_cleared 0
inventories_closed 0
inventory_missing 0
EOF2
sed -i 's/rate=null/rate=None/' "$WORK/got-2025.txt"
diff "$WORK/want-2025.txt" "$WORK/got-2025.txt" >&2 || die "2025: the figures differ from the hand count (< hand count, > API)"
ok "2025 (Beijing): only the 23:50 registration, the 2025 定密 decisions and the people then"

# the drill-down: the late report is the leak's, the drill is only among the drills
recs() { # recs TOKEN FIGURE [PART] — "TOTAL id id ..." of the records
	as "$1" GET "/api/v1/stats/records?year=2026&figure=$2&part=${3:-}&limit=1000" >/dev/null
	[ "$STATUS" = 200 ] || die "records $2: HTTP $STATUS $(cat "$WORK/resp")"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["total"], *[i["id"] for i in d["items"]])' "$WORK/resp"
}
[ "$(recs "$OFF" incidents_reporting late)" = "1 $L1" ] || die "the late report is the leak's: $(recs "$OFF" incidents_reporting late)"
[ "$(recs "$OFF" incidents_reporting on_time)" = "1 $L1" ] || die "the report met at once is on time"
[ "$(recs "$OFF" drills)" = "1 $R1" ] || die "the drill is listed among the drills"
case " $(recs "$OFF" incidents_by_kind) " in *" $R1 "*) die "a drill is not an incident" ;; esac
[ "$(recs "$OFF" carriers_copied confidential)" = "1 $((B4 + 1))" ] || die "the copy is the carrier made after $B4: $(recs "$OFF" carriers_copied)"
[ "$(recs "$OFF" classify_no_basis)" = "1 $B2" ] || die "the decision without basis is $B2"
ok "each figure's records: the late report, the on-time one, the drill apart, the copy, the decision without basis"

# need-to-know: the leader is not in any carrier's scope; their figures count only what they see
LEAD=$(tok lead)
as "$LEAD" GET "/api/v1/carriers/$B2" >/dev/null
expect 404 "the leader may not open the 机密 carrier outside their scope"
LREG=$(recs "$LEAD" carriers_registered)
case " $LREG " in *" $B2 "*) die "the leader's records list a carrier they may not see: $LREG" ;; esac
as "$LEAD" GET "/api/v1/stats?year=2026" >"$WORK/ls.json"
python3 - "$WORK/ls.json" "${LREG%% *}" <<'PY' || die "the leader's count is the length of their list, below the officer's"
import json, sys
f = {x["key"]: x for x in json.load(open(sys.argv[1]))["figures"]}
assert f["carriers_registered"]["total"] == int(sys.argv[2]) < 4, (f["carriers_registered"], sys.argv[2])
PY
grep -q '未记依据的机密文件' "$WORK/resp" "$WORK/ls.json" && die "the title of an unseen carrier leaks"
STAFF=$(tok staff)
as "$STAFF" GET "/api/v1/stats?year=2026"
expect 403 "staff have no year's statistics"
ok "need-to-know: the leader's figures and records hold only the carriers they may open"

# roll-up: this unit's signed package received back as a subordinate's (its key trusted for it)
as "$OFF" GET "/api/v1/stats/package?year=2026" >/dev/null
[ "$STATUS" = 200 ] || die "the officer makes the package: $STATUS"
cp "$WORK/resp" "$WORK/pkg.json"
as "$LEAD" GET "/api/v1/stats/package?year=2026"
expect 403 "only the officer reports upward"
as "$OFF" GET /api/v1/signing-key >"$WORK/key.json"
PEM=$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["pem"]))' "$WORK/key.json")
SEC=$(login secadmin 'Sec-Admin-Pass-1')
as "$SEC" POST /api/v1/trusted-keys "{\"unit_code\":\"TEST\",\"unit_name\":\"下级测试单位\",\"pem\":$PEM}" >/dev/null
expect 201 "the key is trusted for the unit code"
recv() { # recv FILE — the bytes exactly as signed
	STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/stats/received" \
		-H "Authorization: Bearer $OFF" -H 'Content-Type: application/json' --data-binary "@$1")
}
sed 's/"created_at":"2/"created_at":"1/' "$WORK/pkg.json" >"$WORK/bad.json"
recv "$WORK/bad.json"
[ "$STATUS" = 400 ] || die "a changed package is refused: $STATUS $(cat "$WORK/resp")"
recv "$WORK/pkg.json"
[ "$STATUS" = 201 ] || die "the package is received: $STATUS $(cat "$WORK/resp")"
recv "$WORK/pkg.json"
[ "$STATUS" = 409 ] || die "the same package twice is 409: $STATUS"
as "$OFF" GET "/api/v1/stats?year=2026" >"$WORK/r.json"
python3 - "$WORK/r.json" <<'PY' || die "the totals are own plus the subordinate's"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["subordinates"]) == 1 and d["subordinates"][0]["unit_name"] == "下级测试单位", d["subordinates"]
sub = d["subordinates"][0]["figures"]
for f in d["figures"]:
    assert sub[f["key"]]["total"] == f["total"], f["key"]
    assert d["totals"][f["key"]] == 2 * f["total"], f["key"]
assert sub["carriers_registered"]["parts"]["confidential"] == 2
PY
as "$OFF" GET "/api/v1/stats?year=2025" >"$WORK/r.json"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["subordinates"] == []' "$WORK/r.json" ||
	die "a 2026 package is not rolled into 2025"
as "$OFF" GET "/api/v1/stats/export?year=2026&format=pdf"
pdftotext "$WORK/resp" - | grep -q "下级测试单位" || die "the report's roll-up names the subordinate unit"
ok "roll-up: a signed package is verified, received once, added to the year's totals and the report"
stop_server
"$REAL_BAOMI" audit verify --data "$DATA" >/dev/null || die "audit chain after the statistics"
ok "audit chain intact"
finish
