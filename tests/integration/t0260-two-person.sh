#!/bin/sh
# Two-person rules mean two real people: destruction witnesses (监销人) and 绝密
# take-out companions are distinct people who exist, are in post and cleared, and
# are not the one acting; on-site repair of a classified carrier names its cleared
# supervisor and off-site repair goes to the 分管领导; a department head approves
# requests on their own department's carriers only; nobody enters 脱密期 or leaves
# while holding a borrowed or taken-out carrier.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')

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
P_LEAD=$(person 分管副主任 core "$DA")
P_HA=$(person 信息中心主任 important "$DA")
P_HB=$(person 医政科科长 important "$DB")
P_W1=$(person 监销甲 core "$DA")
P_W2=$(person 监销乙 important "$DA")
P_GEN=$(person 一般涉密 general "$DA")
P_NONE=$(person 非涉密 none "$DB")
P_GONE=$(person 已离岗 core "$DA")
P_HOLD=$(person 借阅人 important "$DA")
as "$SEC" PATCH "/api/v1/people/$P_GONE" '{"status":"left"}' >/dev/null
expect 200 "fixture: a core person who has left"
OFF=$(account off "$P_OFF" '"officer","staff"')
OFF2=$(account off2 "$P_OFF2" '"officer"')
LEAD=$(account lead "$P_LEAD" '"leader"')
HA=$(account heada "$P_HA" '"dept_head"')
HB=$(account headb "$P_HB" '"dept_head"')
ok "fixture: 2 departments, 11 people, 5 business accounts"

SOON=$(TZ=Asia/Shanghai date -d '+10 days' +%F)

reg() { # reg JSON -> id
	as "$OFF" POST /api/v1/carriers "$1" >"$WORK/reg.json"
	[ "$STATUS" = 201 ] || die "register: HTTP $STATUS $(cat "$WORK/reg.json")"
	json id <"$WORK/reg.json"
}
# approve REQUEST-ID TOKEN... : each token decides the next step
approve() {
	rq=$1
	shift
	for t in "$@"; do
		as "$t" POST "/api/v1/carrier-requests/$rq/decision" '{"approve":true}' >/dev/null
		expect 200 "step of request $rq approved"
	done
}
# refused CARRIER BODY FIELD TEXT WHAT: 400 naming FIELD, the reason containing TEXT
refused() {
	as "$OFF" POST "/api/v1/carriers/$1/actions" "$2" >/dev/null
	expect 400 "$5"
	[ "$(json error.field <"$WORK/resp")" = "$3" ] || die "$5: the refusal names $3: $(cat "$WORK/resp")"
	grep -q "$4" "$WORK/resp" || die "$5: the reason says '$4': $(cat "$WORK/resp")"
}

# --- destruction witnesses (监销人).  Each refusal that needs no clearance is tried on
# its own 内部 carrier (destroyed without approval), so each would be accepted alone.
D='"action":"destroy","place":"市保密局销毁中心","certificate_no":"XH-2026-009"'
internal() { reg '{"type":"paper_doc","title":"内部资料","level":"internal"}'; }
refused "$(internal)" "{$D,\"witnesses\":[$P_W1,$P_W1]}" witnesses "$P_W1" \
	"one person named twice ([w,w]) is not two witnesses"
grep -q '重复' "$WORK/resp" || die "the reason says the person is listed twice"
refused "$(internal)" "{$D,\"witnesses\":[$P_OFF,$P_W1]}" witnesses "$P_OFF" \
	"the officer destroying it is not their own witness"
refused "$(internal)" "{$D,\"witnesses\":[$P_W1,$P_GONE]}" witnesses "$P_GONE" \
	"a witness who has left (离岗) is refused"
grep -q '离岗' "$WORK/resp" || die "the reason says the witness has left"
refused "$(internal)" "{$D,\"witnesses\":[$P_W1,99999]}" witnesses 99999 \
	"a witness who does not exist is refused"
CI=$(internal)
refused "$CI" "{$D,\"witnesses\":[$P_W1]}" witnesses '两名' "one witness is not enough"
as "$OFF" POST "/api/v1/carriers/$CI/actions" "{$D,\"witnesses\":[$P_W2,$P_NONE]}" >/dev/null
expect 200 "an unclassified carrier's witnesses need no clearance, only to be real and in post"
# a 机密 document: its witnesses are cleared for 机密
CS=$(reg "{\"type\":\"paper_doc\",\"title\":\"机密文件 待销毁\",\"level\":\"secret\",\"scope_people\":[$P_LEAD]}")
RQ=$(as "$OFF" POST "/api/v1/carriers/$CS/requests" '{"action":"destroy","reason":"已过保存期"}' | json id)
approve "$RQ" "$OFF2" "$LEAD"
refused "$CS" "{$D,\"witnesses\":[$P_GEN,$P_W1]}" witnesses "$P_GEN" \
	"a witness cleared only for 秘密 cannot witness a 机密 destruction"
refused "$CS" "{$D,\"witnesses\":[$P_W1,$P_NONE]}" witnesses "$P_NONE" \
	"a non-classified person (非涉密) cannot witness"
as "$OFF" GET "/api/v1/carriers/$CS" | grep -q '"state":"in_custody"' || die "still in custody after the refusals"
as "$OFF" POST "/api/v1/carriers/$CS/actions" "{$D,\"witnesses\":[$P_W1,$P_W2]}" >/dev/null
expect 200 "two distinct cleared witnesses in post besides the destroyer: destroyed"

# --- 绝密 taken out: the one taking it and companions, real, in post, cleared
CT=$(reg "{\"type\":\"paper_doc\",\"title\":\"绝密文件 外出汇报\",\"level\":\"top_secret\",\"handler_id\":$P_OFF,\"scope_people\":[$P_LEAD]}")
RQ=$(as "$OFF" POST "/api/v1/carriers/$CT/requests" '{"action":"take_out","reason":"赴省委汇报"}' | json id)
approve "$RQ" "$OFF2" "$LEAD"
T='"action":"take_out","due_on":"'"$SOON"'","destination":"省委机要室"'
refused "$CT" "{$T,\"companions\":[99999]}" companions 99999 "a companion who does not exist is refused"
refused "$CT" "{$T,\"companions\":[$P_GONE]}" companions "$P_GONE" "a companion who has left is refused"
refused "$CT" "{$T,\"companions\":[$P_W2]}" companions "$P_W2" \
	"a companion cleared only for 机密 cannot carry a 绝密 carrier"
refused "$CT" "{$T,\"companions\":[$P_OFF]}" companions "$P_OFF" \
	"the one taking it out is not also their own companion"
as "$OFF" POST "/api/v1/carriers/$CT/actions" "{$T,\"companions\":[$P_W1]}" >/dev/null
expect 200 "taken out by the officer with a cleared companion in post"

# --- repair of a classified computer
CC=$(reg '{"type":"computer","title":"涉密计算机 财务科","level":"secret","serial":"PC-01"}')
refused "$CC" '{"action":"repair","on_site":true,"vendor":"某维修公司"}' supervisor_id '监督' \
	"on-site repair of a classified computer without a supervisor is refused"
refused "$CC" "{\"action\":\"repair\",\"on_site\":true,\"supervisor_id\":$P_GEN}" supervisor_id "$P_GEN" \
	"a supervisor not cleared for 机密 is refused"
refused "$CC" "{\"action\":\"repair\",\"on_site\":true,\"supervisor_id\":$P_GONE}" supervisor_id "$P_GONE" \
	"a supervisor who has left is refused"
as "$OFF" POST "/api/v1/carriers/$CC/actions" "{\"action\":\"repair\",\"on_site\":true,\"supervisor_id\":$P_W1,\"vendor\":\"某维修公司\"}" >/dev/null
expect 200 "on-site repair watched by a cleared person in post"
as "$OFF" GET "/api/v1/carriers/$CC/history" | grep -q "\"supervisor_id\":$P_W1" || die "the history names the supervisor"
as "$OFF" POST "/api/v1/carriers/$CC/actions" '{"action":"repair_done"}' >/dev/null
expect 200 "repair done"
as "$OFF" POST "/api/v1/carriers/$CC/requests" '{"action":"repair","reason":"硬盘已拆除，外送维修主板"}' >"$WORK/rr.json"
expect 201 "off-site repair requested"
[ "$(json steps <"$WORK/rr.json")" = '["officer", "leader"]' ] ||
	die "off-site repair is approved by the officer and the 分管领导: $(cat "$WORK/rr.json")"
ok "off-site repair's default chain: officer, then the 分管领导"

# --- a department head approves copies of their own department's carriers only
CP=$(reg "{\"type\":\"paper_doc\",\"title\":\"机密文件 信息中心\",\"level\":\"secret\",\"custodian_id\":$P_W1,\"scope_departments\":[$DA,$DB]}")
RQ=$(as "$OFF" POST "/api/v1/carriers/$CP/requests" '{"action":"copy","reason":"会议需要"}' | json id)
inbox_has() { as "$1" GET /api/v1/carrier-requests | python3 -c 'import json,sys; sys.exit(0 if any(i["id"] == int(sys.argv[1]) for i in json.load(sys.stdin)["items"]) else 1)' "$RQ"; }
inbox_has "$HA" || die "the copy request waits in the inbox of the custodian's department head"
inbox_has "$HB" && die "the head of another department does not find the copy request in the inbox"
ok "the copy request waits only in the inbox of the head of the carrier's department"
as "$HB" POST "/api/v1/carrier-requests/$RQ/decision" '{"approve":true}' >/dev/null
expect 403 "the head of another department cannot approve the copy"
grep -q '本部门' "$WORK/resp" || die "the refusal says why: $(cat "$WORK/resp")"
as "$OFF" GET "/api/v1/carriers/$CP/history" | grep -q '"action":"approve"' && die "the refused decision is not in the history"
as "$HA" POST "/api/v1/carrier-requests/$RQ/decision" '{"approve":true}' >/dev/null
expect 200 "the head of the custodian's department approves"

# --- nobody leaves with a carrier in hand: 清退 first
CH=$(reg "{\"type\":\"paper_doc\",\"title\":\"机密文件 借阅中\",\"level\":\"secret\",\"scope_people\":[$P_HOLD]}")
NUM=$(json number <"$WORK/reg.json")
as "$OFF" POST "/api/v1/carriers/$CH/actions" "{\"action\":\"borrow\",\"person_id\":$P_HOLD,\"due_on\":\"$SOON\"}" >/dev/null
expect 200 "lent to the holder"
as "$SEC" PATCH "/api/v1/people/$P_HOLD" '{"status":"left"}' >/dev/null
expect 409 "a person holding a borrowed carrier cannot leave (离岗)"
[ "$(json error.field <"$WORK/resp")" = status ] || die "the refusal names status: $(cat "$WORK/resp")"
grep -q "$NUM" "$WORK/resp" || die "the refusal lists the carrier to return: $(cat "$WORK/resp")"
as "$SEC" PATCH "/api/v1/people/$P_HOLD" "{\"status\":\"leaving\",\"declassify_until\":\"$SOON\"}" >/dev/null
expect 409 "nor enter the 脱密期"
as "$SEC" GET "/api/v1/people/$P_HOLD" | grep -q '"status":"active"' || die "the person is still in post"
as "$OFF" POST "/api/v1/carriers/$CH/actions" "{\"action\":\"return\",\"person_id\":$P_HOLD}" >/dev/null
expect 200 "the carrier is returned"
as "$SEC" PATCH "/api/v1/people/$P_HOLD" "{\"status\":\"leaving\",\"declassify_until\":\"$SOON\"}" >/dev/null
expect 200 "with nothing in hand the person enters the 脱密期"

stop_server
"$BAOMI" audit verify --data "$DATA" >/dev/null || die "audit chain"
ok "audit chain intact"
finish
