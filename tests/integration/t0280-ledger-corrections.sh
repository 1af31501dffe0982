#!/bin/sh
# The ledger follows incidents and corrections: a carrier linked to a verified
# leak becomes 丢失/泄露 (its own state, in the history, in the counts), refuses
# every action until the officer's recorded restore returns its previous state;
# the officer corrects the description and the knowledge scope with a reason
# (old → new in the history and the audit), never the level or the period;
# a 定密日期 in the future is refused on registration, import and correction.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"医政医管科","code":"YZK"}' | json id)
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$3,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
account() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
P_OFF=$(person 保密办主任 core "$DA")
P_ALICE=$(person 艾丽 important "$DA")
P_BOB=$(person 鲍勃 important "$DB")
OFF=$(account off "$P_OFF" '"officer","staff"')
ALICE=$(account alice "$P_ALICE" '"staff"')
BOB=$(account bob "$P_BOB" '"staff"')
ok "fixture: officer, two staff in two departments"

# dates in Beijing, whatever the machine's clock zone
TODAY=$(TZ=Asia/Shanghai date +%F)
TOMORROW=$(TZ=Asia/Shanghai date -d tomorrow +%F)
DUE=$(TZ=Asia/Shanghai date -d '+10 days' +%F)

reg() { # reg JSON -> id
	as "$OFF" POST /api/v1/carriers "$1" >"$WORK/reg.json"
	[ "$STATUS" = 201 ] || die "register: HTTP $STATUS $(cat "$WORK/reg.json")"
	json id <"$WORK/reg.json"
}
state() { # state ID -> the carrier's state as the officer sees it
	as "$OFF" GET "/api/v1/carriers/$1" | json state
}
C1=$(reg "{\"type\":\"paper_doc\",\"title\":\"甲号 涉密会议纪要\",\"level\":\"secret\",\"scope_people\":[$P_ALICE]}")
C2=$(reg "{\"type\":\"usb\",\"title\":\"乙号 U盘\",\"level\":\"confidential\",\"scope_departments\":[$DA]}")
C3=$(reg '{"type":"paper_doc","title":"丙号 通知","level":"confidential"}')
C4=$(reg '{"type":"paper_doc","title":"丁号 原名称","level":"confidential","location":"保密柜1"}')
as "$OFF" POST "/api/v1/carriers/$C1/actions" "{\"action\":\"borrow\",\"person_id\":$P_ALICE,\"due_on\":\"$DUE\"}" >/dev/null
expect 200 "甲号 lent to alice"

# ---- a verified leak makes its carriers lost or leaked ----
disc=$(TZ=Asia/Shanghai date -d '-30 minutes' +%Y-%m-%dT%H:%M:%S)
as "$OFF" POST /api/v1/incidents "{\"kind\":\"leak\",\"title\":\"会议纪要疑似泄露\",\"discovered_at\":\"$disc\",\"info_level\":\"secret\",\"carriers\":[$C1,$C2]}" >"$WORK/i.json"
expect 201 "a leak reported with two carriers linked"
INC=$(json id <"$WORK/i.json")
[ "$(state "$C1")" = borrowed ] || die "reporting alone changes no carrier"
ok "a reported, unverified leak leaves its carriers as they are"
as "$OFF" POST "/api/v1/incidents/$INC/actions" '{"action":"verify","note":"核实属实"}' >"$WORK/v.json"
expect 200 "the officer verifies the leak"
[ "$(state "$C1")" = lost_or_leaked ] || die "甲号 must be lost_or_leaked after verification"
[ "$(state "$C2")" = lost_or_leaked ] || die "乙号 must be lost_or_leaked after verification"
[ "$(state "$C3")" = in_custody ] || die "an unlinked carrier stays in custody"
ok "every carrier linked to the verified leak is 丢失/泄露, no other"
as "$OFF" GET "/api/v1/carriers/$C1/history" >"$WORK/h.json"
python3 - "$WORK/h.json" "$INC" <<'EOF' || die "the history names the incident and the state left: $(cat "$WORK/h.json")"
import json, sys
ev = [e for e in json.load(open(sys.argv[1]))["items"] if e["action"] == "compromised"]
assert len(ev) == 1, ev
d = ev[0]["detail"]
assert d["incident_id"] == int(sys.argv[2]) and d["incident_title"] == "会议纪要疑似泄露", d
assert d["state_before"] == "borrowed" and d["state"] == "lost_or_leaked", d
EOF
ok "history: linked to the verified leak, naming it, with the state before"
[ "$(as "$AUD" GET "/api/v1/audit?event=carrier.compromised&object_id=$C2" | json total)" -ge 1 ] ||
	die "the change to lost/leaked is audited"
ok "audited: carrier.compromised"

as "$OFF" GET /api/v1/carriers/stats >"$WORK/s.json"
[ "$(json by_state.lost_or_leaked <"$WORK/s.json")" = 2 ] || die "stats count 2 lost/leaked: $(cat "$WORK/s.json")"
as "$ALICE" GET /api/v1/carriers/stats >"$WORK/s.json"
[ "$(json by_state.lost_or_leaked <"$WORK/s.json")" = 2 ] || die "alice's stats count the 2 she may see: $(cat "$WORK/s.json")"
as "$BOB" GET /api/v1/carriers/stats >"$WORK/s.json"
grep -q lost_or_leaked "$WORK/s.json" && die "bob sees neither lost carrier: $(cat "$WORK/s.json")"
[ "$(as "$OFF" GET '/api/v1/carriers?state=lost_or_leaked' | json total)" = 2 ] || die "the list filters by lost_or_leaked"
[ "$(as "$ALICE" GET '/api/v1/carriers?state=lost_or_leaked' | json total)" = 2 ] || die "alice's filtered list"
ok "counted in the statistics and the lists, each viewer their own share"
as "$OFF" GET '/api/v1/carriers/reminders?days=3650' >"$WORK/rem.json"
python3 - "$WORK/rem.json" "$C1" "$C2" "$C3" <<'EOF' || die "no yearly review is due on a lost carrier: $(cat "$WORK/rem.json")"
import json, sys
ids = {c["id"] for c in json.load(open(sys.argv[1]))["yearly_review"]}
assert int(sys.argv[2]) not in ids and int(sys.argv[3]) not in ids and int(sys.argv[4]) in ids, ids
EOF
ok "a lost carrier leaves the yearly-review reminders"

as "$OFF" POST "/api/v1/carriers/$C2/actions" "{\"action\":\"borrow\",\"person_id\":$P_ALICE,\"due_on\":\"$DUE\"}" >/dev/null
expect 400 "a lost carrier is not lent"
grep -q '丢失/泄露' "$WORK/resp" || die "the refusal says why: $(cat "$WORK/resp")"
as "$OFF" POST "/api/v1/carriers/$C1/actions" '{"action":"return"}' >/dev/null
expect 400 "a lost carrier is not returned as if nothing happened"
as "$OFF" POST "/api/v1/carriers/$C2/actions" '{"action":"review"}' >/dev/null
expect 400 "no yearly review of a lost carrier"
as "$OFF" POST "/api/v1/carriers/$C2/requests" '{"action":"destroy","reason":"清理"}' >/dev/null
expect 400 "no request to destroy a lost carrier"

as "$ALICE" POST "/api/v1/carriers/$C1/actions" '{"action":"restore","reason":"找回"}' >/dev/null
expect 403 "only the officer restores"
as "$OFF" POST "/api/v1/carriers/$C1/actions" '{"action":"restore"}' >/dev/null
expect 400 "a restore needs the reason"
grep -q '"field":"reason"' "$WORK/resp" || die "the refusal names reason"
as "$OFF" POST "/api/v1/carriers/$C3/actions" '{"action":"restore","reason":"x"}' >/dev/null
expect 400 "only a lost carrier is restored"
as "$OFF" POST "/api/v1/carriers/$C1/actions" '{"action":"restore","reason":"经核查原件已追回，未扩散"}' >"$WORK/r.json"
expect 200 "the officer restores 甲号 with a reason"
[ "$(json state <"$WORK/r.json")" = borrowed ] || die "甲号 returns to borrowed: $(cat "$WORK/r.json")"
[ "$(json holder_id <"$WORK/r.json")" = "$P_ALICE" ] || die "still held by alice"
as "$OFF" POST "/api/v1/carriers/$C2/actions" '{"action":"restore","reason":"已追回"}' >/dev/null
expect 200 "the officer restores 乙号"
[ "$(state "$C2")" = in_custody ] || die "乙号 returns to custody"
ok "restore returns each carrier to its state before the leak"
as "$OFF" GET "/api/v1/carriers/$C1/history" >"$WORK/h.json"
python3 - "$WORK/h.json" <<'EOF' || die "the restore is in the history with its reason: $(cat "$WORK/h.json")"
import json, sys
ev = [e for e in json.load(open(sys.argv[1]))["items"] if e["action"] == "restore"]
assert len(ev) == 1 and ev[0]["username"] == "off", ev
d = ev[0]["detail"]
assert d["reason"] == "经核查原件已追回，未扩散" and d["from"] == "lost_or_leaked" and d["to"] == "borrowed", d
EOF
[ "$(as "$AUD" GET "/api/v1/audit?event=carrier.restore&object_id=$C1" | json total)" = 1 ] || die "the restore is audited"
ok "the officer's decision is in the history and the audit"
as "$OFF" POST "/api/v1/carriers/$C1/actions" '{"action":"return"}' >/dev/null
expect 200 "after the restore the lifecycle goes on"

# a carrier linked by a later supplement to the verified leak is lost too
as "$OFF" POST "/api/v1/incidents/$INC/actions" "{\"action\":\"supplement\",\"carriers\":[$C3]}" >/dev/null
expect 200 "a supplement links 丙号 to the verified leak"
[ "$(state "$C3")" = lost_or_leaked ] || die "丙号 must be lost_or_leaked once linked to the verified leak"
[ "$(state "$C1")" = in_custody ] || die "a supplement does not mark again what was linked before"
ok "linked after verification: lost/leaked as well; earlier links untouched"

# ---- corrections ----
as "$ALICE" GET "/api/v1/carriers/$C4" >/dev/null
expect 404 "丁号 is outside alice's scope"
as "$OFF" PATCH "/api/v1/carriers/$C4" "{\"title\":\"丁号 更正名称\",\"scope_people\":[$P_ALICE],\"reason\":\"登记时名称录错，漏登知悉人\"}" >"$WORK/c.json"
expect 200 "the officer corrects title and scope with a reason"
[ "$(json title <"$WORK/c.json")" = "丁号 更正名称" ] || die "the title is corrected"
[ "$(json location <"$WORK/c.json")" = "保密柜1" ] || die "an unnamed field keeps its value"
as "$OFF" GET "/api/v1/carriers/$C4/history" >"$WORK/h.json"
python3 - "$WORK/h.json" "$P_ALICE" <<'EOF' || die "the correction is in the history, old → new: $(cat "$WORK/h.json")"
import json, sys
ev = [e for e in json.load(open(sys.argv[1]))["items"] if e["action"] == "correct"]
assert len(ev) == 1, ev
d = ev[0]["detail"]
assert d["reason"] == "登记时名称录错，漏登知悉人", d
ch = d["changes"]
assert ch["title"] == {"from": "丁号 原名称", "to": "丁号 更正名称"}, ch
assert ch["scope_people"] == {"from": [], "to": [int(sys.argv[2])]}, ch
assert set(ch) == {"title", "scope_people"}, ch
EOF
ok "history: each corrected field old → new, with the reason"
[ "$(as "$AUD" GET "/api/v1/audit?event=carrier.correct&object_id=$C4" | json total)" = 1 ] || die "the correction is audited"
ok "audited: carrier.correct"
as "$ALICE" GET "/api/v1/carriers/$C4" >/dev/null
expect 200 "the corrected scope lets alice see 丁号"
[ "$(as "$ALICE" GET '/api/v1/carriers?q=%E6%9B%B4%E6%AD%A3%E5%90%8D%E7%A7%B0' | json total)" = 1 ] ||
	die "search finds the corrected title (alice, through her scope)"
[ "$(as "$OFF" GET '/api/v1/carriers?q=%E5%8E%9F%E5%90%8D%E7%A7%B0' | json total)" = 0 ] || die "the old title is no longer found"
ok "search and need-to-know follow the correction"

as "$ALICE" PATCH "/api/v1/carriers/$C4" '{"title":"x","reason":"y"}' >/dev/null
expect 403 "only the officer corrects"
as "$OFF" PATCH "/api/v1/carriers/$C4" '{"level":"secret","reason":"录错"}' >/dev/null
expect 400 "the level is not corrected"
grep -q '"field":"level"' "$WORK/resp" && grep -q '变更密级' "$WORK/resp" || die "the refusal names level and the action to use: $(cat "$WORK/resp")"
as "$OFF" PATCH "/api/v1/carriers/$C4" '{"period_years":5,"reason":"录错"}' >/dev/null
expect 400 "the period is not corrected"
grep -q '"field":"period_years"' "$WORK/resp" || die "the refusal names period_years"
as "$OFF" PATCH "/api/v1/carriers/$C4" '{"number":"X-1","reason":"录错"}' >/dev/null
expect 400 "the number is never corrected"
as "$OFF" PATCH "/api/v1/carriers/$C4" '{"title":"丁号 再改"}' >/dev/null
expect 400 "a correction needs its reason"
grep -q '"field":"reason"' "$WORK/resp" || die "the refusal names reason"
as "$OFF" PATCH "/api/v1/carriers/$C4" '{"title":"丁号 更正名称","reason":"重复"}' >/dev/null
expect 400 "a correction that changes nothing is refused"
[ "$(as "$OFF" GET "/api/v1/carriers/$C4" | json title)" = "丁号 更正名称" ] || die "refused corrections change nothing"

# ---- no 定密日期 in the future ----
as "$OFF" POST /api/v1/carriers "{\"type\":\"paper_doc\",\"title\":\"x\",\"level\":\"secret\",\"issued_on\":\"$TOMORROW\"}" >/dev/null
expect 400 "registration refuses a 定密日期 after today"
grep -q '"field":"issued_on"' "$WORK/resp" || die "the refusal names issued_on: $(cat "$WORK/resp")"
as "$OFF" POST /api/v1/carriers "{\"type\":\"paper_doc\",\"title\":\"今日定密\",\"level\":\"secret\",\"issued_on\":\"$TODAY\"}" >/dev/null
expect 201 "today's 定密日期 (Beijing) is accepted"
as "$OFF" PATCH "/api/v1/carriers/$C4" "{\"issued_on\":\"$TOMORROW\",\"reason\":\"录错\"}" >/dev/null
expect 400 "a correction refuses a 定密日期 after today"
grep -q '"field":"issued_on"' "$WORK/resp" || die "the refusal names issued_on"
as "$OFF" PATCH "/api/v1/carriers/$C4" '{"issued_on":"2025-03-01","reason":"定密日期录错"}' >"$WORK/c.json"
expect 200 "a past 定密日期 is corrected"
[ "$(json expires_on <"$WORK/c.json")" = 2035-03-01 ] || die "the period's end follows the 定密日期: $(cat "$WORK/c.json")"
ok "the period (10 years) stays; its end follows the corrected date"
printf '名称,类型,密级,起始日期\n未来文件,纸质文件资料,秘密,%s\n' "$TOMORROW" >"$WORK/future.csv"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import" \
	-H "Authorization: Bearer $OFF" -H 'Content-Type: text/csv' --data-binary @"$WORK/future.csv")
expect 400 "import refuses a 定密日期 after today"
python3 - "$WORK/resp" <<'EOF' || die "the import names the row and the field: $(cat "$WORK/resp")"
import json, sys
errs = json.load(open(sys.argv[1]))["errors"]
assert any(e["line"] == 2 and e["field"] == "定密日期" and "定密日期" in e["message"] for e in errs), errs
EOF
ok "import: the row and the column named"
finish
