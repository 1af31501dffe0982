#!/bin/sh
# The carrier ledger: need-to-know on every read path (detail, history, list, search,
# counts, reminders, approval inbox) for a matrix of levels, clearances and scopes,
# and the lifecycle rules through the API.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')

DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"医政医管科","code":"YZK"}' | json id)

# person NAME CLASS DEPT -> id
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$3,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
# account USER PERSON ROLES -> token ready to use
account() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
P_OFF=$(person 保密办主任 core "$DA")
P_OFF2=$(person 保密员 core "$DA")
P_ALICE=$(person 艾丽 important "$DA")
P_BOB=$(person 鲍勃 important "$DB")
P_CAROL=$(person 卡萝 general "$DA")
P_DAVE=$(person 戴夫 none "$DB")
P_EVE=$(person 伊芙 core "$DB")
OFF=$(account off "$P_OFF" '"officer","staff"')
OFF2=$(account off2 "$P_OFF2" '"officer"')
ALICE=$(account alice "$P_ALICE" '"staff"')
BOB=$(account bob "$P_BOB" '"staff"')
CAROL=$(account carol "$P_CAROL" '"staff"')
DAVE=$(account dave "$P_DAVE" '"staff"')
EVE=$(account eve "$P_EVE" '"leader","staff"')
ok "fixture: 2 departments, 7 people, 7 business accounts"

as "$ALICE" POST /api/v1/carriers '{"type":"paper_doc","title":"x","level":"confidential"}' >/dev/null
expect 403 "only an officer registers carriers"
as "$SYS" GET /api/v1/carriers >/dev/null
expect 403 "the system administrator reads no ledger"
as "$AUD" GET /api/v1/carriers/stats >/dev/null
expect 403 "the auditor reads no ledger"

reg() { # reg JSON -> id
	as "$OFF" POST /api/v1/carriers "$1" >"$WORK/reg.json"
	[ "$STATUS" = 201 ] || die "register: HTTP $STATUS $(cat "$WORK/reg.json")"
	json id <"$WORK/reg.json"
}
C1=$(reg "{\"type\":\"paper_doc\",\"title\":\"甲号文件 关于保密检查的通知\",\"level\":\"confidential\",\"scope_people\":[$P_ALICE]}")
grep -q '"period_years":10' "$WORK/reg.json" && grep -q '"period_defaulted":true' "$WORK/reg.json" ||
	die "a missing period defaults to 10 years for 秘密, marked as default"
ok "missing period: the legal maximum, marked as defaulted"
grep -q '"number":"TEST-20[0-9][0-9]-WJ-000001"' "$WORK/reg.json" || die "number format: $(cat "$WORK/reg.json")"
ok "unit-scoped number 单位代码-年份-类别-序号"
SOON=$(bj_date +10)
C2=$(reg "{\"type\":\"usb\",\"title\":\"乙号U盘 网络拓扑资料\",\"level\":\"secret\",\"scope_departments\":[$DA],\"release_on\":\"$SOON\",\"serial\":\"SN-0001\"}")
C3=$(reg "{\"type\":\"paper_doc\",\"title\":\"丙号绝密件 应急预案\",\"level\":\"top_secret\",\"handler_id\":$P_OFF,\"scope_people\":[$P_EVE,$P_ALICE]}")
C4=$(reg '{"type":"printer","title":"丁号打印机","level":"internal","serial":"PR-77"}')
as "$OFF" POST /api/v1/carriers "{\"type\":\"paper_doc\",\"title\":\"x\",\"level\":\"top_secret\",\"scope_people\":[$P_EVE]}" >/dev/null
expect 400 "a 绝密 carrier needs a named handler"
grep -q handler_id "$WORK/resp" || die "the refusal names handler_id"
as "$OFF" POST /api/v1/carriers '{"type":"paper_doc","title":"x","level":"secret","period_years":25}' >/dev/null
expect 400 "a period over 20 years for 机密 without a basis"
as "$OFF" POST /api/v1/carriers '{"type":"paper_doc","title":"x","level":"secret","period_years":25,"period_basis":"上级批复"}' >/dev/null
expect 201 "a longer period with its basis recorded"
C5=$(json id <"$WORK/resp")
as "$OFF" POST /api/v1/carriers "{\"type\":\"paper_doc\",\"title\":\"x\",\"level\":\"secret\",\"custodian_id\":$P_CAROL}" >/dev/null
expect 400 "a custodian without the clearance is refused"

# borrow C1 to alice, then make it overdue
as "$OFF" POST "/api/v1/carriers/$C1/actions" '{"action":"borrow","person_id":'"$P_ALICE"',"due_on":"'"$SOON"'"}' >/dev/null
expect 200 "lend 甲号 to a cleared person in scope"
stop_server
sqlite3 "$DATA/baomi.db" "UPDATE carriers SET due_on = due_on - 30 WHERE id = $C1"
start_server

# --- the matrix: who sees what (C5 is the officer's own, visible to officers only)
check_user() { # check_user NAME TOKEN "visible ids"
	name=$1
	tok=$2
	want=$3
	for cid in $C1 $C2 $C3 $C4; do
		case " $want " in *" $cid "*) code=200 ;; *) code=404 ;; esac
		as "$tok" GET "/api/v1/carriers/$cid" >/dev/null
		[ "$STATUS" = $code ] || die "$name detail of $cid: expected $code, got $STATUS"
		as "$tok" GET "/api/v1/carriers/$cid/history" >/dev/null
		[ "$STATUS" = $code ] || die "$name history of $cid: expected $code, got $STATUS"
	done
	got=$(as "$tok" GET '/api/v1/carriers?limit=500' | python3 -c 'import json,sys; print(" ".join(sorted(str(i["id"]) for i in json.load(sys.stdin)["items"])))')
	exp=$(echo $want | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$exp" ] || die "$name list: expected [$exp], got [$got]"
	n=$(as "$tok" GET /api/v1/carriers/stats | json total)
	[ "$n" = "$(echo $want | wc -w)" ] || die "$name stats total: expected $(echo $want | wc -w), got $n"
	# full-text search finds two-character words, only in what one may see
	for pair in "$C1:%E4%BF%9D%E5%AF%86" "$C2:%E6%8B%93%E6%89%91" "$C3:%E9%A2%84%E6%A1%88" "$C4:%E6%89%93%E5%8D%B0"; do
		cid=${pair%%:*}
		q=${pair#*:}
		hit=$(as "$tok" GET "/api/v1/carriers?q=$q" | python3 -c 'import json,sys; print(" ".join(str(i["id"]) for i in json.load(sys.stdin)["items"]))')
		case " $want " in
		*" $cid "*) [ "$hit" = "$cid" ] || die "$name search for $cid's word found [$hit]" ;;
		*) [ -z "$hit" ] || die "$name search leaked [$hit]" ;;
		esac
	done
	rem=$(as "$tok" GET '/api/v1/carriers/reminders?days=3650' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(sorted(str(i["id"]) for k in ("overdue","expiring","review_due","yearly_review") for i in d[k])))')
	for cid in $rem; do
		case " $want " in *" $cid "*) ;; *) die "$name reminders leaked $cid" ;; esac
	done
	# filtered lists and searches are the visible list filtered, totals included
	as "$tok" GET '/api/v1/carriers?limit=500' >"$WORK/all.json"
	for f in 'state=in_custody' 'state=borrowed' 'type=paper_doc' 'level=secret' \
		'state=in_custody&type=usb' 'level=internal&type=printer' 'overdue=1' 'expiring_days=30' \
		'review_days=3650' 'q=%E4%BF%9D%E5%AF%86&overdue=1' 'q=%E6%96%87%E4%BB%B6&state=in_custody' \
		"custodian_id=$P_OFF" "q=%E6%96%87%E4%BB%B6&custodian_id=$P_OFF"; do
		as "$tok" GET "/api/v1/carriers?limit=500&$f" >"$WORK/f.json"
		[ "$STATUS" = 200 ] || die "$name list ?$f: HTTP $STATUS $(cat "$WORK/f.json")"
		python3 - "$WORK/all.json" "$WORK/f.json" "$f" "$(bj_date)" <<'PY' || die "$name list ?$f differs from the visible list filtered"
import datetime, json, sys, urllib.parse
allv = json.load(open(sys.argv[1]))["items"]
got = json.load(open(sys.argv[2]))
q = dict(urllib.parse.parse_qsl(sys.argv[3]))
today = sys.argv[4]  # the Beijing date, the server's
horizon = lambda n: (datetime.date.fromisoformat(today) + datetime.timedelta(days=int(n))).isoformat()
final = ("returned", "destroyed", "declassified", "archived")
def keep(c):
    if "state" in q and c["state"] != q["state"]: return False
    if "type" in q and c["type"] != q["type"]: return False
    if "level" in q and c["level"] != q["level"]: return False
    if "custodian_id" in q and c["custodian_id"] != int(q["custodian_id"]): return False
    if "overdue" in q and not (c["state"] in ("borrowed", "taken_out") and c["due_on"] and c["due_on"] < today): return False
    if "expiring_days" in q and not (c["expires_on"] and today <= c["expires_on"] <= horizon(q["expiring_days"]) and c["state"] not in final): return False
    if "review_days" in q and not (c["review_due_on"] and c["review_due_on"] <= horizon(q["review_days"])): return False
    if "q" in q and not any(q["q"] in c[k] for k in ("title", "notes", "number")): return False
    return True
want = [c["id"] for c in allv if keep(c)]
ids = [c["id"] for c in got["items"]]
assert ids == want and got["total"] == len(want), (ids, want, got["total"])
PY
	done
	ok "$name sees exactly [$exp] on detail, history, list, search, counts and reminders"
}
check_user alice "$ALICE" "$C1 $C2 $C4"
check_user bob "$BOB" "$C4"
check_user carol "$CAROL" "$C4"
check_user dave "$DAVE" "$C4"
check_user eve "$EVE" "$C3 $C4"
check_user off2 "$OFF2" "$C1 $C2 $C3 $C4 $C5"

rem=$(as "$OFF" GET /api/v1/carriers/reminders)
echo "$rem" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert [i["id"] for i in d["overdue"]]==['"$C1"'], d["overdue"]; assert '"$C2"' in [i["id"] for i in d["expiring"]]' ||
	die "reminders: overdue loan and expiring period"
ok "reminders list the overdue loan and the expiring period"

# reads of 机密 and 绝密 details are audited
n=$(as "$AUD" GET "/api/v1/audit?event=carrier.read&username=alice&object_id=$C2" | json total)
[ "$n" -ge 1 ] || die "alice's read of a 机密 carrier must be audited"
n=$(as "$AUD" GET "/api/v1/audit?event=carrier.read&username=alice&object_id=$C1" | json total)
[ "$n" = 0 ] || die "reads of 秘密 details are not audited"
ok "reads of 机密/绝密 details are audited, 秘密 not"

# --- lifecycle rules
as "$OFF" POST "/api/v1/carriers/$C2/actions" "{\"action\":\"borrow\",\"person_id\":$P_BOB,\"due_on\":\"$SOON\"}" >/dev/null
expect 400 "lending to someone outside the scope is refused"
grep -q '知悉范围' "$WORK/resp" || die "the refusal says why"
as "$OFF" POST "/api/v1/carriers/$C2/actions" "{\"action\":\"borrow\",\"person_id\":$P_CAROL,\"due_on\":\"$SOON\"}" >/dev/null
expect 400 "lending to someone without the clearance is refused"
as "$OFF" POST "/api/v1/carriers/$C2/actions" '{"action":"return"}' >/dev/null
expect 400 "returning what is not lent is refused"
as "$OFF" POST "/api/v1/carriers/$C1/actions" "{\"action\":\"return\",\"person_id\":$P_CAROL}" >/dev/null
expect 400 "returning on behalf of someone who did not borrow it is refused"
as "$OFF" POST "/api/v1/carriers/$C1/actions" "{\"action\":\"return\",\"person_id\":$P_ALICE,\"condition\":\"完好\"}" >/dev/null
expect 200 "the borrower's return is signed off"

as "$OFF" POST "/api/v1/carriers/$C2/actions" '{"action":"circulate","readers":['"$P_ALICE,$P_OFF"']}' >/dev/null
expect 200 "circulate to two readers in scope"
as "$OFF2" POST "/api/v1/carriers/$C2/actions" "{\"action\":\"sign\",\"person_id\":$P_OFF}" >/dev/null
expect 400 "signing out of order is refused"
as "$ALICE" POST "/api/v1/carriers/$C2/actions" '{"action":"sign"}' >/dev/null
expect 200 "the first reader signs"
as "$OFF" POST "/api/v1/carriers/$C2/actions" '{"action":"sign"}' >"$WORK/s.json"
expect 200 "the last reader signs"
grep -q '"state":"in_custody"' "$WORK/s.json" || die "circulation ends back in custody"

# destruction of a 绝密 carrier: request → officer → leader → two witnesses
as "$OFF" POST "/api/v1/carriers/$C3/actions" "{\"action\":\"destroy\",\"witnesses\":[$P_OFF2,$P_EVE],\"place\":\"市保密局销毁中心\",\"certificate_no\":\"XH-2026-001\"}" >/dev/null
expect 409 "destruction without approval is refused"
as "$OFF" POST "/api/v1/carriers/$C3/requests" '{"action":"destroy","reason":"已过保存期"}' >"$WORK/rq.json"
expect 201 "destruction requested"
RQ=$(json id <"$WORK/rq.json")
as "$BOB" GET /api/v1/carrier-requests | grep -q "\"id\":$RQ" && die "bob's inbox must not show a request on a carrier he may not see"
as "$EVE" POST "/api/v1/carrier-requests/$RQ/decision" '{"approve":true}' >/dev/null
expect 403 "the leader cannot decide the officer's step"
as "$OFF" POST "/api/v1/carrier-requests/$RQ/decision" '{"approve":true}' >/dev/null
expect 403 "the requester cannot approve their own request"
as "$OFF2" GET /api/v1/carrier-requests | grep -q "\"id\":$RQ" || die "the second officer's inbox shows the request"
as "$OFF2" POST "/api/v1/carrier-requests/$RQ/decision" '{"approve":true,"comment":"同意"}' >/dev/null
expect 200 "officer approves step 1"
as "$EVE" POST "/api/v1/carrier-requests/$RQ/decision" '{"approve":true,"comment":"同意销毁"}' >"$WORK/rq2.json"
expect 200 "leader approves step 2"
grep -q '"status":"approved"' "$WORK/rq2.json" || die "approved after the last step"
as "$OFF" POST "/api/v1/carriers/$C3/actions" "{\"action\":\"destroy\",\"witnesses\":[$P_OFF2],\"place\":\"市保密局销毁中心\",\"certificate_no\":\"XH-2026-001\"}" >/dev/null
expect 400 "destruction with one witness is refused"
as "$OFF" POST "/api/v1/carriers/$C3/actions" "{\"action\":\"destroy\",\"witnesses\":[$P_OFF2,$P_EVE],\"place\":\"市保密局销毁中心\",\"certificate_no\":\"XH-2026-001\"}" >"$WORK/d.json"
expect 200 "destroyed with two witnesses and a certificate"
grep -q '"state":"destroyed"' "$WORK/d.json" || die "state destroyed"
as "$OFF" POST "/api/v1/carriers/$C3/actions" '{"action":"archive"}' >/dev/null
expect 400 "nothing happens to a destroyed carrier"
as "$OFF" POST "/api/v1/carriers/$C3/requests" '{"action":"destroy","reason":"again"}' >/dev/null
expect 400 "no request on a destroyed carrier"
as "$OFF" GET "/api/v1/carriers/$C3/history" | grep -q '"action":"destroy"' || die "the timeline shows the destruction"
ok "the timeline records the destruction"

# copying: approval, then copies inherit level, period and scope with their own numbers
as "$SEC" PUT "/api/v1/accounts/$(as "$SYS" GET /api/v1/accounts?limit=500 | python3 -c 'import json,sys; print([a["id"] for a in json.load(sys.stdin)["items"] if a["username"]=="off2"][0])')/roles" '{"roles":["officer","dept_head"]}' >/dev/null
OFF2=$(login off2 Ready-Pass-2026)
as "$OFF" POST "/api/v1/carriers/$C2/requests" '{"action":"copy","reason":"会议需要"}' | json id >"$WORK/cq"
CQ=$(cat "$WORK/cq")
as "$OFF2" POST "/api/v1/carrier-requests/$CQ/decision" '{"approve":true}' >/dev/null
expect 200 "department head approves the copy"
as "$BOB" POST "/api/v1/carrier-requests/$CQ/decision" '{"approve":true}' >/dev/null
expect 404 "someone outside the carrier's need-to-know who does not decide its step cannot see the request"
P_LEAD=$(person 分管副主任 core "$DA")
LEAD=$(account lead "$P_LEAD" '"leader"')
as "$LEAD" POST "/api/v1/carrier-requests/$CQ/decision" '{"approve":true}' >/dev/null
expect 200 "the leader in charge, within the scope, approves the copy"
as "$OFF" POST "/api/v1/carriers/$C2/actions" '{"action":"copy","count":2}' >"$WORK/cp.json"
expect 200 "two copies made"
python3 - "$WORK/cp.json" <<'PY' || die "copies must inherit level, period and scope"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["copies"] == 3, d["copies"]
assert len(d["copies_made"]) == 2
PY
K=$(json copies_made.0.id <"$WORK/cp.json")
as "$OFF" GET "/api/v1/carriers/$K" >"$WORK/k.json"
python3 - "$WORK/k.json" "$C2" "$DA" <<'PY' || die "a copy inherits level, period and scope"
import json, sys
k = json.load(open(sys.argv[1]))
assert k["level"] == "secret" and k["parent_id"] == int(sys.argv[2]), k
assert k["scope_departments"] == [int(sys.argv[3])], k
assert k["expires_on"] is not None and k["copy_no"] == "2", k
PY
ok "a copy inherits level, period and scope, with its own number and copy number"
as "$ALICE" GET "/api/v1/carriers/$K" >/dev/null
expect 200 "the copy's scope lets alice see it"
as "$BOB" GET "/api/v1/carriers/$K" >/dev/null
expect 404 "and keeps bob out"

# approval chains are configurable: the security administrator sets them
as "$SEC" GET /api/v1/approval-rules >"$WORK/rules.json"
expect 200 "secadmin reads the approval rules"
grep -q '"action":"destroy"' "$WORK/rules.json" || die "default rules present"
as "$SYS" PUT /api/v1/approval-rules '{"rules":[]}' >/dev/null
expect 403 "sysadmin may not change approval rules"
as "$SEC" PUT /api/v1/approval-rules '{"rules":[{"action":"destroy","min_level":"confidential","steps":["janitor"]}]}' >/dev/null
expect 400 "an unknown role in a rule is refused"
as "$SEC" GET /api/v1/approval-rules | grep -q '"action":"copy"' || die "a refused change leaves the rules as they were"
as "$SEC" PUT /api/v1/approval-rules '{"rules":[{"action":"destroy","min_level":"confidential","steps":["officer"]},{"action":"destroy","min_level":"top_secret","steps":["officer","leader"]}]}' >/dev/null
expect 200 "secadmin sets a one-step destruction chain below 绝密"
as "$OFF" POST "/api/v1/carriers/$C1/requests" '{"action":"destroy","reason":"过期"}' >"$WORK/r1.json"
expect 201 "a request under the new rules"
[ "$(json steps <"$WORK/r1.json")" = '["officer"]' ] || die "the request follows the configured chain: $(cat "$WORK/r1.json")"
ok "requests follow the configured chain"
as "$OFF" POST "/api/v1/carriers/$C2/requests" '{"action":"copy","reason":"x"}' >/dev/null
expect 400 "an action without a rule needs no approval"

stop_server
"$BAOMI" audit verify --data "$DATA" >/dev/null || die "audit chain after the ledger work"
ok "audit chain intact"
finish
