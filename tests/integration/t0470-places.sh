#!/bin/sh
# 保密要害部门部位: the officer's register, need-to-know (officer, leaders,
# duty desk and the responsible people; anyone else hears 404), the carriers
# kept there within the reader's need-to-know, a visit request through the
# place's chain (officer, then leader) with its log, an entry the duty desk
# records without approval becoming a finding, two approvers of one step
# racing (one wins, the other 409), the overdue review on the officer's
# to-do list, the places an incident affects with their people's phones, and
# the audit of it all.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\",\"phone\":\"$3\"}" | json id
}
account() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
P_OFF=$(person 保密办主任 core 0101)
P_OFF2=$(person 保密员 core 0102)
P_LEAD=$(person 分管领导 core 0103)
P_DUTY=$(person 值班员 general 0104)
P_RESP=$(person 机房管理员 important 13800000001)
P_RESPB=$(person 机房副管理员 important 13800000002)
P_OTHER=$(person 科员 important 0107)
OFF=$(account off "$P_OFF" '"officer","staff"')
OFF2=$(account off2 "$P_OFF2" '"officer"')
LEAD=$(account lead "$P_LEAD" '"leader","command"')
DUTY=$(account duty "$P_DUTY" '"duty"')
RESP=$(account resp "$P_RESP" '"staff"')
OTHER=$(account other "$P_OTHER" '"staff"')
ok "fixture: officer x2, leader, duty, the room's keeper, another staff member"

# ---- the register ----
PLACE="{\"name\":\"中心机房\",\"kind\":\"site\",\"level\":\"secret\",\"location\":\"主楼三层机房\",\"department_id\":$DA,\"person_a\":$P_RESP,\"person_b\":$P_RESPB,\"measures\":[\"access_control\",\"监控\",\"alarm\",\"防磁柜\"],\"chain\":\"officer,leader\",\"review_due\":\"$(bj_date -3)\"}"
as "$RESP" POST /api/v1/key-places "$PLACE" >/dev/null
expect 403 "only the officer registers a key place"
as "$OFF" POST /api/v1/key-places "$(echo "$PLACE" | sed 's/officer,leader/officer,duty/')" >/dev/null
expect 400 "the duty desk is no approver in a chain"
as "$OFF" POST /api/v1/key-places "$(echo "$PLACE" | sed "s/\"person_b\":$P_RESPB/\"person_b\":$P_RESP/")" >/dev/null
expect 400 "A and B are two people"
as "$OFF" POST /api/v1/key-places "$PLACE" >"$WORK/p.json"
expect 201 "the officer registers 中心机房 (部位, 机密)"
PID_=$(json id <"$WORK/p.json")
python3 - "$WORK/p.json" <<'EOF' || die "register answer: $(cat "$WORK/p.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["kind"] == "site" and d["level"] == "secret" and d["chain"] == "officer,leader", d
assert d["measures"] == ["access_control", "cctv", "alarm", "防磁柜"], d["measures"]
roles = {p["role"]: p for p in d["people"]}
assert roles["A"]["name"] == "机房管理员" and roles["A"]["phone"] == "13800000001", roles
assert roles["B"]["name"] == "机房副管理员", roles
assert d["review_overdue"] is True, d
EOF
ok "measures canonical (监控 → cctv, free text kept), A/B people with phones, review overdue"
as "$OFF" POST /api/v1/key-places "$PLACE" >/dev/null
expect 409 "a second place of the same name is refused"

# ---- need-to-know ----
as "$OTHER" GET "/api/v1/key-places/$PID_" >"$WORK/o.json"
expect 404 "a staff member who answers for nothing there hears 404"
as "$OTHER" GET "/api/v1/key-places/999999" >"$WORK/o2.json"
expect 404 "a missing place: 404 too"
cmp -s "$WORK/o.json" "$WORK/o2.json" || die "hidden and missing answer differently"
ok "hidden and missing answer the same text"
[ "$(as "$OTHER" GET /api/v1/key-places | json total)" = 0 ] || die "other lists places"
ok "the list shows them nothing"
for t in "$RESP" "$LEAD" "$DUTY" "$OFF2"; do
	as "$t" GET "/api/v1/key-places/$PID_" >/dev/null
	[ "$STATUS" = 200 ] || die "a reader with the right to know is refused: $STATUS"
done
ok "officer, leader, duty desk and the responsible person read the place"
as "$AUD" GET "/api/v1/audit?event=access.denied&limit=50" | grep -q key_place ||
	die "the refusal is not audited"
ok "the refusal is audited (access.denied on key_place)"

# ---- the carriers kept there, within need-to-know ----
reg() {
	as "$OFF" POST /api/v1/carriers "$1" >"$WORK/c.json"
	[ "$STATUS" = 201 ] || die "register carrier: $(cat "$WORK/c.json")"
	json number <"$WORK/c.json"
}
C_OPEN=$(reg "{\"type\":\"computer\",\"title\":\"机房涉密服务器\",\"level\":\"secret\",\"serial\":\"SRV-1\",\"location\":\"主楼三层机房 A柜\",\"scope_people\":[$P_RESP]}")
C_HIDDEN=$(reg "{\"type\":\"hdd\",\"title\":\"机房备份硬盘\",\"level\":\"secret\",\"serial\":\"HDD-1\",\"location\":\"主楼三层机房 B柜\",\"scope_people\":[$P_OFF]}")
C_ELSE=$(reg "{\"type\":\"paper_doc\",\"title\":\"别处文件\",\"level\":\"confidential\",\"location\":\"保密室\"}")
as "$OFF" GET "/api/v1/key-places/$PID_" | python3 -c '
import json, sys
d = json.load(sys.stdin); n = [c["number"] for c in d["carriers"]]
assert sys.argv[1] in n and sys.argv[2] in n and sys.argv[3] not in n, n' "$C_OPEN" "$C_HIDDEN" "$C_ELSE" ||
	die "the officer sees the carriers kept at the location"
ok "the carriers whose location begins with the place's are listed; another place's are not"
as "$RESP" GET "/api/v1/key-places/$PID_" | python3 -c '
import json, sys
d = json.load(sys.stdin); n = [c["number"] for c in d["carriers"]]
assert n == [sys.argv[1]], n' "$C_OPEN" || die "the keeper sees a carrier outside their need-to-know"
ok "the keeper sees only the carriers they may know of"

# ---- a visit: requested, officer then leader, enter, leave ----
VISIT='{"kind":"maintenance","visitor":"王师傅","organisation":"某网络公司","id_no":"110101199001011234","purpose":"更换交换机","expected_at":"2026-12-20T09:00:00"}'
as "$OTHER" POST "/api/v1/key-places/$PID_/visits" "$VISIT" >/dev/null
expect 404 "who cannot see the place cannot ask to visit it"
as "$RESP" POST "/api/v1/key-places/$PID_/visits" "$VISIT" >"$WORK/v.json"
expect 201 "the keeper requests a maintenance visit"
V=$(json id <"$WORK/v.json")
grep -q 110101199001011234 "$WORK/v.json" && die "the ID number is shown in full"
[ "$(json id_no_masked <"$WORK/v.json")" = "110***********1234" ] || die "mask: $(cat "$WORK/v.json")"
ok "the ID number is masked (110***********1234)"
as "$LEAD" POST "/api/v1/place-visits/$V/decision" '{"approve":true,"step":0}' >/dev/null
expect 403 "the leader cannot decide the officer's step"
as "$DUTY" GET /api/v1/place-visits | python3 -c 'import json,sys; assert json.load(sys.stdin)["total"] >= 1' ||
	die "pending visits"
as "$OFF" POST "/api/v1/place-visits/$V/decision" '{"approve":true,"step":0,"comment":"同意"}' >"$WORK/d.json"
expect 200 "the officer approves step 1"
[ "$(json state <"$WORK/d.json")" = pending ] && [ "$(json step_role <"$WORK/d.json")" = leader ] ||
	die "after the officer: $(cat "$WORK/d.json")"
as "$OFF" POST "/api/v1/place-visits/$V/decision" '{"approve":true}' >/dev/null
expect 409 "one approver decides one step of a request"
as "$OFF2" POST "/api/v1/place-visits/$V/decision" '{"approve":true}' >/dev/null
expect 403 "another officer cannot decide the leader's step"
as "$LEAD" POST "/api/v1/place-visits/$V/decision" '{"approve":true,"step":0}' >/dev/null
expect 409 "a stale step is refused"
as "$LEAD" POST "/api/v1/place-visits/$V/decision" '{"approve":true,"step":1}' >"$WORK/d.json"
expect 200 "the leader approves"
[ "$(json state <"$WORK/d.json")" = approved ] || die "not approved: $(cat "$WORK/d.json")"
as "$LEAD" POST "/api/v1/place-visits/$V/decision" '{"approve":true}' >/dev/null
expect 409 "an approved visit is decided no more"
as "$OTHER" POST "/api/v1/place-visits/$V/actions" '{"action":"enter"}' >/dev/null
expect 404 "who cannot see the place does not see its visits"
as "$LEAD" POST "/api/v1/place-visits/$V/actions" "{\"action\":\"enter\",\"escort_id\":$P_RESP}" >/dev/null
expect 403 "the leader does not keep the visit log"
as "$DUTY" POST "/api/v1/place-visits/$V/actions" '{"action":"enter"}' >/dev/null
expect 400 "no entry without an escort"
as "$DUTY" POST "/api/v1/place-visits/$V/actions" "{\"action\":\"enter\",\"escort_id\":$P_RESP}" >"$WORK/e.json"
expect 200 "the duty desk logs the entry with the escort"
[ "$(json state <"$WORK/e.json")" = in ] && [ "$(json escort <"$WORK/e.json")" = 机房管理员 ] ||
	die "entry: $(cat "$WORK/e.json")"
as "$DUTY" POST "/api/v1/place-visits/$V/actions" '{"action":"cancel"}' >/dev/null
expect 403 "the duty desk cannot cancel another's request"
as "$DUTY" POST "/api/v1/place-visits/$V/actions" '{"action":"leave","note":"已更换完毕"}' >"$WORK/e.json"
expect 200 "the duty desk logs the exit"
python3 - "$WORK/e.json" <<'EOF' || die "log: $(cat "$WORK/e.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["state"] == "out" and d["entered_at"] and d["left_at"] and d["left_at"] >= d["entered_at"], d
assert [x["role"] for x in d["decisions"]] == ["officer", "leader"], d["decisions"]
assert d["unapproved"] is False and d["finding_id"] is None, d
EOF
ok "the log has time in and out, the decisions officer then leader"
as "$DUTY" POST "/api/v1/place-visits/$V/actions" '{"action":"leave"}' >/dev/null
expect 409 "a visit ends once"

# a rejection ends a request
as "$RESP" POST "/api/v1/key-places/$PID_/visits" "$VISIT" >"$WORK/v.json"
V2=$(json id <"$WORK/v.json")
as "$OFF" POST "/api/v1/place-visits/$V2/decision" '{"approve":false,"comment":"时间不合适"}' >"$WORK/d.json"
[ "$(json state <"$WORK/d.json")" = rejected ] || die "reject: $(cat "$WORK/d.json")"
as "$DUTY" POST "/api/v1/place-visits/$V2/actions" "{\"action\":\"enter\",\"escort_id\":$P_RESP}" >/dev/null
expect 409 "a rejected visit never enters"

# ---- an entry without approval is a finding ----
as "$OTHER" POST "/api/v1/key-places/$PID_/entries" '{"visitor":"李某","organisation":"外单位","id_no":"X1234567","purpose":"送货"}' >/dev/null
expect 404 "who cannot see the place records nothing there"
as "$LEAD" POST "/api/v1/key-places/$PID_/entries" '{"visitor":"李某","organisation":"外单位","id_no":"X1234567","purpose":"送货"}' >/dev/null
expect 403 "the leader does not keep the log"
as "$DUTY" POST "/api/v1/key-places/$PID_/entries" "{\"visitor\":\"李某\",\"organisation\":\"外单位\",\"id_no\":\"X1234567\",\"purpose\":\"送货\",\"escort_id\":$P_RESP}" >"$WORK/u.json"
expect 201 "the duty desk records an entry without approval"
F=$(json finding_id <"$WORK/u.json")
[ "$(json unapproved <"$WORK/u.json")" = True ] && [ "$(json state <"$WORK/u.json")" = in ] || die "entry: $(cat "$WORK/u.json")"
as "$OFF" GET "/api/v1/key-places/$PID_" >"$WORK/p.json"
K=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["campaigns"][0]["id"])' "$WORK/p.json")
as "$OFF" GET "/api/v1/campaigns/$K/findings" | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
f = [x for x in items if x["id"] == int(sys.argv[1])]
assert f and "未经批准进入中心机房" in f[0]["title"] and "李某" in f[0]["title"], items
assert f[0]["severity"] == "high", f' "$F" || die "the finding is not in the standing campaign"
ok "the unapproved entry is a high finding of the standing campaign, which names the place"
as "$DUTY" POST "/api/v1/key-places/$PID_/entries" '{"visitor":"张某","organisation":"外单位","id_no":"Y7654321","purpose":"抄表"}' >"$WORK/u2.json"
[ "$(json finding_id <"$WORK/u2.json")" != "$F" ] || die "a second entry reuses the finding"
[ "$(as "$OFF" GET "/api/v1/campaigns/$K/findings" | json items | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 2 ] ||
	die "the second entry went elsewhere"
ok "a second unapproved entry is a second finding of the same campaign"

# ---- two approvers of one step: one wins, the other hears 409 (with write load) ----
python3 - "$BASE" "$OFF" "$OFF2" "$RESP" "$PID_" <<'EOF' || die "race"
import json, sys, threading, urllib.request
base, off, off2, resp, pid = sys.argv[1:]
def call(tok, method, path, body=None):
    r = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                               headers={"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(r) as a:
            return a.status, json.load(a)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)
visit = {"visitor": "并发", "organisation": "测试", "id_no": "Z1", "purpose": "测试"}
stop = False
def load():
    while not stop:
        call(resp, "POST", "/api/v1/key-places/%s/visits" % pid, visit)
bg = threading.Thread(target=load); bg.start()
try:
    for rnd in range(6):
        s, v = call(resp, "POST", "/api/v1/key-places/%s/visits" % pid, visit)
        assert s == 201, (s, v)
        out = []
        def decide(tok):
            out.append(call(tok, "POST", "/api/v1/place-visits/%d/decision" % v["id"], {"approve": True, "step": 0}))
        ts = [threading.Thread(target=decide, args=(t,)) for t in (off, off2)]
        [t.start() for t in ts]; [t.join() for t in ts]
        codes = sorted(s for s, _ in out)
        assert codes == [200, 409], (rnd, out)
        s, d = call(off, "GET", "/api/v1/key-places/%s" % pid)
        row = [x for x in d["visits"] if x["id"] == v["id"]][0]
        assert row["step"] == 1 and len(row["decisions"]) == 1, row
finally:
    stop = True; bg.join()
EOF
ok "6 rounds: two officers decide one step at once; one 200, one 409, one decision recorded"

# ---- the review: overdue on the officer's to-do list, cleared by recording it ----
as "$OFF" GET /api/v1/todo | grep -q '"place_review"' || die "no review reminder for the officer"
as "$OTHER" GET /api/v1/todo | grep -q '中心机房' && die "another sees the place on their to-do"
ok "the overdue review is on the officer's to-do list only"
as "$OFF" PATCH "/api/v1/key-places/$PID_" "{\"reviewed_on\":\"$(bj_date)\",\"review_due\":\"$(bj_date +365)\"}" >"$WORK/p.json"
expect 200 "the officer records the review"
as "$OFF" GET /api/v1/todo | python3 -c 'import json,sys; assert not [x for x in json.load(sys.stdin)["items"] if x["kind"] == "place_review"]' ||
	die "the reminder stays after the review"
ok "the reminder goes once reviewed"
as "$RESP" PATCH "/api/v1/key-places/$PID_" '{"notes":"x"}' >/dev/null
expect 403 "only the officer edits the register"

# ---- an incident names the place: its people with their phones ----
disc=$(TZ=Asia/Shanghai date +%Y-%m-%dT%H:%M:%S)
INC=$(as "$LEAD" POST /api/v1/incidents "{\"kind\":\"leak\",\"title\":\"机房疑似泄密\",\"discovered_at\":\"$disc\"}" | json id)
as "$RESP" PUT "/api/v1/incidents/$INC/places" "{\"place_ids\":[$PID_]}" >/dev/null
expect 403 "a staff member does not name the places of an incident"
as "$LEAD" PUT "/api/v1/incidents/$INC/places" "{\"place_ids\":[$PID_]}" >/dev/null
expect 204 "the commander names the place affected"
as "$LEAD" GET "/api/v1/incidents/$INC/places" | python3 -c '
import json, sys
d = json.load(sys.stdin)["items"]
assert d[0]["name"] == "中心机房", d
ph = {p["role"]: p["phone"] for p in d[0]["people"]}
assert ph == {"A": "13800000001", "B": "13800000002"}, ph' || die "incident places"
ok "the emergency view lists the place's responsible people with their phones"

# ---- a campaign targets the place ----
as "$OFF" PUT "/api/v1/campaigns/$K/places" "{\"place_ids\":[$PID_, 999999]}" >/dev/null
expect 400 "an unknown place is refused"
as "$OFF" PUT "/api/v1/campaigns/$K/places" "{\"place_ids\":[$PID_]}" >/dev/null
expect 204 "the officer sets the places a campaign targets"

# ---- the command line ----
export BAOMI_URL="$BASE"
BAOMI_TOKEN=$(as "$OFF" POST /api/v1/tokens '{"name":"cli","expires_days":30}' | json token)
export BAOMI_TOKEN
"$BAOMI" place list >"$WORK/cli.txt" || die "place list"
grep -q "中心机房" "$WORK/cli.txt" && grep -q "要害部位" "$WORK/cli.txt" && grep -q "机密" "$WORK/cli.txt" ||
	die "place list: $(cat "$WORK/cli.txt")"
"$BAOMI" place show "$PID_" >"$WORK/cli.txt" || die "place show"
grep -q "110\*\*\*\*\*\*\*\*\*\*\*1234" "$WORK/cli.txt" && ! grep -q 110101199001011234 "$WORK/cli.txt" ||
	die "place show: $(cat "$WORK/cli.txt")"
ok "baomi place list / show: Chinese labels, the ID number masked"
echo "$VISIT" >"$WORK/visit.json"
BAOMI_TOKEN=$(as "$RESP" POST /api/v1/tokens '{"name":"cli","expires_days":30}' | json token) \
	"$BAOMI" place request "$PID_" --json "$WORK/visit.json" --format json >"$WORK/cv.json" || die "place request"
CV=$(json id <"$WORK/cv.json")
"$BAOMI" place approve "$CV" --comment 同意 >"$WORK/cli.txt" || die "place approve"
grep -q "待审批" "$WORK/cli.txt" || die "after the officer's step: $(cat "$WORK/cli.txt")"
"$BAOMI" place approve "$CV" >/dev/null 2>&1 && die "a second step by the same officer"
ok "baomi place request / approve through the chain; a second step by the same approver is refused"

# ---- audit ----
for ev in key_place.create key_place.read key_place.update place_visit.request place_visit.approve \
	place_visit.reject place_visit.enter place_visit.leave place_visit.unapproved_entry \
	finding.create incident.places campaign.places; do
	as "$AUD" GET "/api/v1/audit?event=$ev&limit=1" | python3 -c 'import json,sys; assert json.load(sys.stdin)["total"] >= 1' ||
		die "no audit record of $ev"
done
ok "every change (and the reads of a place) is in the audit log"
finish
