#!/bin/sh
# The yearly review (年度审查) and the notification inbox: reviews fall due a year after the
# issue day or the last review and are listed in the reminders within need-to-know; a level
# change or a declassification tells everyone in the knowledge scope who may see the carrier.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
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
P_OFF2=$(person 保密员 core "$DA")
P_LEAD=$(person 分管领导 core "$DA")
P_NAMED=$(person 点名人员 important "$DB")
P_LOW=$(person 一般人员 general "$DB")
P_MEMBER=$(person 部门成员 important "$DA")
P_OUT=$(person 范围外 core "$DB")
OFF=$(account off "$P_OFF" '"officer","staff"')
OFF2=$(account off2 "$P_OFF2" '"officer"')
LEAD=$(account lead "$P_LEAD" '"leader"')
NAMED=$(account named "$P_NAMED" '"staff"')
LOW=$(account low "$P_LOW" '"staff"')
MEMBER=$(account member "$P_MEMBER" '"staff"')
OUT=$(account out "$P_OUT" '"staff"')
ok "fixture: 7 people, 7 accounts"

reg() {
	as "$OFF" POST /api/v1/carriers "$1" >"$WORK/reg.json"
	[ "$STATUS" = 201 ] || die "register: HTTP $STATUS $(cat "$WORK/reg.json")"
	json id <"$WORK/reg.json"
}

# --- the yearly review
ISSUED=$(bj_date -400)
C1=$(reg "{\"type\":\"paper_doc\",\"title\":\"年度审查样本\",\"level\":\"secret\",\"issued_on\":\"$ISSUED\",\"scope_people\":[$P_NAMED]}")
[ "$(json review_due_on <"$WORK/reg.json")" = "$(python3 -c "import datetime;d=datetime.date.fromisoformat('$ISSUED');print(d.replace(year=d.year+1).isoformat())")" ] ||
	die "a review falls due a year after the issue day: $(cat "$WORK/reg.json")"
[ "$(json reviewed_on <"$WORK/reg.json")" = None ] || die "never reviewed yet"
ok "a new carrier's review falls due a year after its issue day"
C2=$(reg '{"type":"printer","title":"非涉密打印机","level":"internal"}')
[ "$(json review_due_on <"$WORK/reg.json")" = None ] || die "unclassified carriers have no yearly review"
C3=$(reg "{\"type\":\"paper_doc\",\"title\":\"新近文件\",\"level\":\"confidential\",\"scope_people\":[$P_NAMED]}")
ok "an unclassified carrier has no yearly review"

rem_ids() { # rem_ids TOKEN KEY [DAYS]
	as "$1" GET "/api/v1/carriers/reminders?days=${3:-30}" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(str(i["id"]) for i in d[sys.argv[1]]), d[sys.argv[1]+"_total"])' "$2"
}
[ "$(rem_ids "$OFF" yearly_review)" = "$C1 1" ] || die "officer's yearly reviews: $(rem_ids "$OFF" yearly_review)"
[ "$(rem_ids "$NAMED" yearly_review)" = "$C1 1" ] || die "named person's yearly reviews"
[ "$(rem_ids "$OUT" yearly_review)" = " 0" ] || die "no review reminder outside need-to-know: $(rem_ids "$OUT" yearly_review)"
[ "$(rem_ids "$OFF" yearly_review 400)" = "$C3 $C1 2" ] || die "a longer horizon lists the later review too"
ok "the reminders list reviews due or late, within need-to-know"
as "$OFF" GET '/api/v1/carriers?review_days=30' | grep -q "\"id\":$C1" || die "the list filters on review_days"
ok "the ledger list filters by review due"

as "$NAMED" POST "/api/v1/carriers/$C1/actions" '{"action":"review","notes":"仍需保密"}' >/dev/null
expect 403 "only an officer records a review"
as "$OFF" POST "/api/v1/carriers/$C2/actions" '{"action":"review"}' >/dev/null
expect 400 "an unclassified carrier is not reviewed"
grep -q '年度审查' "$WORK/resp" || die "the refusal says why"
as "$OFF" POST "/api/v1/carriers/$C1/actions" '{"action":"review","unknown":1}' >/dev/null
expect 400 "a review takes only notes"
as "$OFF" POST "/api/v1/carriers/$C1/actions" '{"action":"review","notes":"密级和期限仍然适当"}' >"$WORK/rv.json"
expect 200 "the officer records the yearly review"
python3 - "$WORK/rv.json" "$(bj_date)" <<'PY' || die "a review moves the next one a year on: $(cat "$WORK/rv.json")"
import datetime, json, sys
c = json.load(open(sys.argv[1]))
t = datetime.date.fromisoformat(sys.argv[2])  # the Beijing date, the server's
assert c["reviewed_on"] == t.isoformat(), c["reviewed_on"]
nxt = t.replace(year=t.year + 1) if not (t.month == 2 and t.day == 29) else t.replace(year=t.year + 1, day=28)
assert c["review_due_on"] == nxt.isoformat(), c["review_due_on"]
assert c["state"] == "in_custody"
PY
ok "after the review the next one is due a year from today"
[ "$(rem_ids "$OFF" yearly_review)" = " 0" ] || die "a reviewed carrier leaves the reminders"
as "$OFF" GET "/api/v1/carriers/$C1/history" | grep -q '"action":"review"' || die "the timeline shows the review"
ok "the review leaves the reminders and enters the timeline"

# --- notifications of a level change: request, two approvals, the change
as "$MEMBER" GET /api/v1/notifications >"$WORK/n0.json"
expect 200 "an empty inbox"
[ "$(json total <"$WORK/n0.json")" = 0 ] && [ "$(json unread <"$WORK/n0.json")" = 0 ] || die "nothing yet"
as "$SYS" GET /api/v1/notifications >/dev/null
expect 403 "administrators have no business inbox"

C4=$(reg "{\"type\":\"paper_doc\",\"title\":\"调整密级文件\",\"level\":\"confidential\",\"custodian_id\":$P_OFF2,\"scope_people\":[$P_NAMED,$P_LOW,$P_LEAD],\"scope_departments\":[$DA]}")
NUM=$(json number <"$WORK/reg.json")
approve() { # approve CARRIER ACTION
	as "$OFF" POST "/api/v1/carriers/$1/requests" "{\"action\":\"$2\",\"reason\":\"定密审查\"}" >"$WORK/rq.json"
	[ "$STATUS" = 201 ] || die "request $2: HTTP $STATUS $(cat "$WORK/rq.json")"
	rq=$(json id <"$WORK/rq.json")
	as "$OFF2" POST "/api/v1/carrier-requests/$rq/decision" '{"approve":true}' >/dev/null
	[ "$STATUS" = 200 ] || die "officer approves $2: HTTP $STATUS $(cat "$WORK/resp")"
	as "$LEAD" POST "/api/v1/carrier-requests/$rq/decision" '{"approve":true}' >/dev/null
	[ "$STATUS" = 200 ] || die "leader approves $2: HTTP $STATUS $(cat "$WORK/resp")"
}
approve "$C4" change_level
as "$OFF" POST "/api/v1/carriers/$C4/actions" '{"action":"change_level","new_level":"secret","basis":"内容涉及机密事项"}' >"$WORK/cl.json"
expect 200 "the level goes up from 秘密 to 机密"

inbox() { # inbox TOKEN -> "kind object_id" of each notification about carriers, newest first
	as "$1" GET /api/v1/notifications | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(n["kind"]+":"+str(n["object_id"]) for n in d["items"] if n["object_type"]=="carrier"))'
}
for who in NAMED LEAD MEMBER OFF2; do
	eval tok=\$$who
	[ "$(inbox "$tok")" = "carrier.level_changed:$C4" ] || die "$who must be told of the level change: $(inbox "$tok")"
done
ok "the named people, the department's members and the custodian cleared for 机密 are told"
[ -z "$(inbox "$LOW")" ] || die "someone in scope no longer cleared for 机密 is not told its title"
[ -z "$(inbox "$OUT")" ] || die "nobody outside the scope is told"
[ -z "$(inbox "$OFF")" ] || die "the officer who made the change is not told"
ok "nobody outside the scope, nobody no longer cleared, not the one acting"
as "$NAMED" GET /api/v1/notifications >"$WORK/n1.json"
python3 - "$WORK/n1.json" "$NUM" <<'PY' || die "the notification says what happened: $(cat "$WORK/n1.json")"
import json, sys
d = json.load(open(sys.argv[1]))
n = d["items"][0]
assert d["unread"] == 1 and d["total"] == 1
assert n["object_type"] == "carrier" and n["read_at"] is None
assert sys.argv[2] in n["text"] and "机密" in n["text"] and "秘密" in n["text"], n["text"]
assert sys.argv[2] in n["text_en"] and "Secret" in n["text_en"], n["text_en"]
PY
ok "the notification names the carrier and both levels, in Chinese and English"
grep -q '"notified":\[' "$WORK/cl.json" || as "$OFF" GET "/api/v1/carriers/$C4/history" | grep -q '"notified"' || die "the event lists who was told"

NID=$(json items.0.id <"$WORK/n1.json")
as "$MEMBER" POST "/api/v1/notifications/$NID/read" >/dev/null
expect 404 "one cannot mark another's notification read"
as "$NAMED" POST "/api/v1/notifications/$NID/read" >"$WORK/r.json"
expect 200 "marked read"
[ "$(json read_at <"$WORK/r.json")" != None ] || die "read_at is set"
[ "$(as "$NAMED" GET /api/v1/notifications | json unread)" = 0 ] || die "nothing unread after reading"
[ "$(as "$NAMED" GET '/api/v1/notifications?unread=1' | json total)" = 0 ] || die "unread filter"
[ "$(as "$NAMED" GET /api/v1/notifications | json total)" = 1 ] || die "read notifications stay in the inbox"
ok "one's own notification is marked read; unread counts follow"

# --- declassification: everyone who may see it is told, then all read at once
approve "$C4" declassify
as "$OFF" POST "/api/v1/carriers/$C4/actions" '{"action":"declassify","basis":"事项已公开"}' >/dev/null
expect 200 "declassified"
[ "$(inbox "$NAMED")" = "carrier.declassified:$C4 carrier.level_changed:$C4" ] || die "declassification told, newest first: $(inbox "$NAMED")"
[ "$(as "$MEMBER" GET /api/v1/notifications | json unread)" = 2 ] || die "two unread for the member"
as "$MEMBER" POST /api/v1/notifications/read-all >"$WORK/ra.json"
expect 200 "all marked read"
[ "$(json read <"$WORK/ra.json")" = 2 ] && [ "$(as "$MEMBER" GET /api/v1/notifications | json unread)" = 0 ] ||
	die "read-all marks both"
ok "declassification told; read-all empties the unread count"
stop_server
"$BAOMI" audit verify --data "$DATA" >/dev/null || die "audit chain after reviews and notifications"
ok "audit chain intact"
finish
