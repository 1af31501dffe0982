#!/bin/sh
# Approvals reach their approver: the 分管领导 of a destruction chain, outside the
# carrier's knowledge scope, sees its summary in the inbox and decides (the read
# audited); a chain with a step nobody may decide is refused when requested; the
# requester and the approver due hear of the request, each decision and the outcome;
# decided requests stay in the 已办 list of those who took part, and of nobody else.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')

DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"委领导","code":"WLD"}' | json id)

# person NAME CLASS DEPT -> id
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$3,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
# account USER PERSON ROLES -> token ready to use
account() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$4\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
P_OFF=$(person 保密办主任 core "$DA")
P_OFF2=$(person 保密员 core "$DA")
P_W=$(person 监销员 core "$DA")
P_LOW=$(person 副职领导 general "$DB")
P_LEAD=$(person 分管副主任 core "$DB")
P_OUT=$(person 外人 core "$DB")
OFF=$(account off "$P_OFF" '"officer","staff"' 王保密)
OFF2=$(account off2 "$P_OFF2" '"officer"' 李保密)
LOW=$(account low "$P_LOW" '"leader"' 赵副职)
OUT=$(account out "$P_OUT" '"staff"' 钱外人)
ok "fixture: an officer, a second officer, a leader cleared only for 秘密, an outsider"

reg() { # reg JSON -> id
	as "$OFF" POST /api/v1/carriers "$1" >"$WORK/reg.json"
	[ "$STATUS" = 201 ] || die "register: HTTP $STATUS $(cat "$WORK/reg.json")"
	json id <"$WORK/reg.json"
}
C1=$(reg "{\"type\":\"paper_doc\",\"title\":\"网络改造方案\",\"level\":\"secret\",\"scope_departments\":[$DA]}")
NUM=$(json number <"$WORK/reg.json")
C2=$(reg "{\"type\":\"paper_doc\",\"title\":\"机房布线图\",\"level\":\"secret\",\"scope_departments\":[$DA]}")

# --- a step nobody may decide is refused when requested
as "$OFF" POST "/api/v1/carriers/$C1/requests" '{"action":"destroy","reason":"已过保存期"}' >/dev/null
expect 409 "destruction of a 机密 carrier with no leader cleared for 机密 is refused"
python3 - "$WORK/resp" <<'PY' || die "the refusal names the step and why: $(cat "$WORK/resp")"
import json, sys
d = json.load(open(sys.argv[1]))["error"]
assert d["code"] == "no_approver" and d["field"] == "action", d
for s in ("第2步", "分管领导", "机密", "在岗"):
    assert s in d["message"], (s, d["message"])
PY
ok "the refusal names the step (第2步 分管领导) and the clearance it needs"
as "$OFF" GET /api/v1/carrier-requests | grep -q '"carrier_id"' && die "a refused request is not filed"
ok "nothing is filed"

# the 分管领导 cleared for 机密, in another department: outside the carrier's scope
LEAD=$(account lead "$P_LEAD" '"leader"' 孙分管)
as "$LEAD" GET "/api/v1/carriers/$C1" >/dev/null
expect 404 "the leader may not read the carrier (need-to-know)"

inbox() { # inbox TOKEN -> "kind:object_id" of each notification about requests, newest first
	as "$1" GET /api/v1/notifications | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(n["kind"]+":"+str(n["object_id"]) for n in d["items"] if n["object_type"]=="carrier_request"))'
}
notes() { # notes TOKEN -> the texts of the notifications about requests
	as "$1" GET /api/v1/notifications | python3 -c 'import json,sys; d=json.load(sys.stdin); print("\n".join(n["text"] for n in d["items"] if n["object_type"]=="carrier_request"))'
}
has() { # has TOKEN VIEW REQUEST -> exit 0 when the list shows it
	as "$1" GET "/api/v1/carrier-requests$2" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if any(r["id"]==int(sys.argv[1]) for r in d["items"]) else 1)' "$3"
}

# --- the demo-like destruction chain: officer, then the leader
as "$OFF" POST "/api/v1/carriers/$C1/requests" '{"action":"destroy","reason":"已过保存期"}' >"$WORK/rq.json"
expect 201 "destruction requested now that a leader may decide step 2"
RQ=$(json id <"$WORK/rq.json")
[ "$(inbox "$OFF")" = "carrier_request.submitted:$RQ" ] || die "the requester is told it was filed: $(inbox "$OFF")"
[ "$(inbox "$OFF2")" = "carrier_request.pending:$RQ" ] || die "the officer of step 1 is told: $(inbox "$OFF2")"
[ -z "$(inbox "$LEAD")" ] || die "the leader is not told before step 2 is due: $(inbox "$LEAD")"
ok "a new request: the requester and the step-1 officer are told, nobody else yet"
has "$LEAD" "" "$RQ" && die "step 1 is not the leader's to decide"
as "$OFF2" POST "/api/v1/carrier-requests/$RQ/decision" '{"approve":true,"comment":"同意"}' >/dev/null
expect 200 "the second officer approves step 1"
[ "$(inbox "$OFF")" = "carrier_request.step_approved:$RQ carrier_request.submitted:$RQ" ] || die "the requester hears of step 1: $(inbox "$OFF")"
[ "$(inbox "$LEAD")" = "carrier_request.pending:$RQ" ] || die "the leader is told step 2 waits: $(inbox "$LEAD")"
[ -z "$(inbox "$LOW")" ] || die "a leader not cleared for 机密 is not told: $(inbox "$LOW")"
[ -z "$(inbox "$OUT")" ] || die "the outsider is not told"
notes "$LEAD" >"$WORK/lead-notes.txt"
python3 - "$WORK/lead-notes.txt" "$NUM" <<'PY' || die "the leader's notification holds the summary and no more: $(cat "$WORK/lead-notes.txt")"
import sys
t = open(sys.argv[1], encoding="utf-8").read()
for s in (sys.argv[2], "网络改造方案", "机密", "销毁", "王保密"):
    assert s in t, s
assert "已过保存期" not in t, "the reason is not part of the summary"
PY
ok "step 1 decided: the requester hears, the leader is told with number, title and level only"

as "$LEAD" GET /api/v1/carrier-requests >"$WORK/lin.json"
expect 200 "the leader's inbox"
python3 - "$WORK/lin.json" "$RQ" "$NUM" <<'PY' || die "the leader's inbox shows the request's summary: $(cat "$WORK/lin.json")"
import json, sys
d = json.load(open(sys.argv[1]))
r = [r for r in d["items"] if r["id"] == int(sys.argv[2])]
assert len(r) == 1, d
r = r[0]
assert r["carrier_number"] == sys.argv[3] and r["carrier_title"] == "网络改造方案", r
assert r["carrier_level"] == "secret" and r["summary_only"] is True, r
assert r["step"] == 1 and r["steps"] == ["officer", "leader"], r
assert r["requested_by_name"] == "王保密", r
PY
ok "the leader outside the scope sees number, title and level in the inbox"
has "$LOW" "" "$RQ" && die "a leader not cleared for 机密 has no right to see it"
has "$OUT" "" "$RQ" && die "the outsider's inbox does not show it"
ok "not to a leader not cleared for 机密, nor to an outsider"
as "$AUD" GET "/api/v1/audit?event=carrier_request.summary_read&username=lead&limit=50" >"$WORK/au.json"
python3 - "$WORK/au.json" "$RQ" <<'PY' || die "the summary read is audited: $(cat "$WORK/au.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert any(int(sys.argv[2]) in json.loads(e["detail"])["requests"] for e in d["items"]), d
PY
ok "the leader's read of the summary is in the audit"
as "$LOW" POST "/api/v1/carrier-requests/$RQ/decision" '{"approve":true}' >/dev/null
expect 404 "a leader not cleared for 机密 cannot decide"
as "$LEAD" POST "/api/v1/carrier-requests/$RQ/decision" '{"approve":true,"comment":"同意销毁","step":1}' >"$WORK/rq2.json"
expect 200 "the leader approves step 2"
[ "$(json status <"$WORK/rq2.json")" = approved ] || die "approved after the last step"
as "$LEAD" GET "/api/v1/carriers/$C1" >/dev/null
expect 404 "deciding gives no read of the carrier"
[ "$(inbox "$OFF" | cut -d' ' -f1)" = "carrier_request.approved:$RQ" ] || die "the requester hears the outcome: $(inbox "$OFF")"
notes "$OFF" | head -1 | grep -q "已批准" || die "the outcome says 已批准: $(notes "$OFF")"
ok "the requester is told it was approved"
as "$OFF" POST "/api/v1/carriers/$C1/actions" "{\"action\":\"destroy\",\"witnesses\":[$P_OFF2,$P_W],\"place\":\"市保密局销毁中心\",\"certificate_no\":\"XH-2026-101\"}" >"$WORK/d.json"
expect 200 "the approved destruction is carried out"
[ "$(json state <"$WORK/d.json")" = destroyed ] || die "destroyed"

# --- a rejection is an outcome too; a pending request is nobody's 已办 yet
as "$OFF" POST "/api/v1/carriers/$C2/requests" '{"action":"destroy","reason":"重复"}' >"$WORK/rq3.json"
expect 201 "a second request"
RQ3=$(json id <"$WORK/rq3.json")
has "$OFF" "?view=done" "$RQ3" && die "a pending request is not in the requester's 已办"
as "$OFF2" POST "/api/v1/carrier-requests/$RQ3/decision" '{"approve":false,"comment":"仍需保留"}' >/dev/null
expect 200 "the officer rejects it"
[ "$(inbox "$OFF" | cut -d' ' -f1)" = "carrier_request.rejected:$RQ3" ] || die "the requester hears of the rejection: $(inbox "$OFF")"
notes "$OFF" | head -1 | grep -q "驳回.*仍需保留" || die "the rejection gives the comment: $(notes "$OFF")"
[ "$(inbox "$LEAD")" = "carrier_request.pending:$RQ" ] || die "a rejected request never reaches the leader: $(inbox "$LEAD")"
ok "a rejection: the requester is told with the comment, the leader never"

# --- 已办: decided requests stay findable
for who in OFF OFF2 LEAD; do
	eval tok=\$$who
	has "$tok" "?view=done" "$RQ" || die "$who finds the decided request in 已办"
done
has "$OFF" "?view=done" "$RQ3" && has "$OFF2" "?view=done" "$RQ3" || die "the rejected request is in 已办 of its requester and decider"
has "$LEAD" "?view=done" "$RQ3" && die "the leader took no part in the rejected request"
for who in OUT LOW; do
	eval tok=\$$who
	has "$tok" "?view=done" "$RQ" && die "$who took no part: not in their 已办"
done
ok "已办 lists the decided requests of the deciders and the requester, not of outsiders"
as "$LEAD" GET "/api/v1/carrier-requests?view=done" >"$WORK/done.json"
python3 - "$WORK/done.json" "$RQ" <<'PY' || die "the leader's 已办 shows the summary only: $(cat "$WORK/done.json")"
import json, sys
d = json.load(open(sys.argv[1]))
r = [r for r in d["items"] if r["id"] == int(sys.argv[2])][0]
assert r["status"] == "used" and r["summary_only"] is True and r["carrier_title"] == "网络改造方案", r
PY
as "$OFF" GET "/api/v1/carrier-requests?view=done&limit=1" >"$WORK/page.json"
expect 200 "the requester's 已办, a page of one"
python3 - "$WORK/page.json" "$RQ3" <<'PY' || die "paging: $(cat "$WORK/page.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 2 and len(d["items"]) == 1 and d["items"][0]["id"] == int(sys.argv[2]), d
assert d["items"][0]["summary_only"] is False, d
PY
as "$OFF" GET "/api/v1/carrier-requests?view=done&limit=1&offset=1" | grep -q "\"id\":$RQ," || die "the second page holds the older request"
ok "已办 pages newest first, with the total"
for v in later '' 'done%00'; do
	as "$OFF" GET "/api/v1/carrier-requests?view=$v" >/dev/null
	[ "$STATUS" = 400 ] && grep -q '"field":"view"' "$WORK/resp" || die "view=$v: expected 400 naming view, got $STATUS $(cat "$WORK/resp")"
done
ok "an unknown or empty view is refused, naming it"
has "$OFF" "" "$RQ" || die "the default inbox still shows the requester's own requests"
ok "the default inbox is unchanged"

stop_server
"$BAOMI" audit verify --data "$DATA" >/dev/null || die "audit chain after the approvals"
ok "audit chain intact"
finish
