#!/bin/sh
# The account directory (GET /api/v1/account-directory): the roles that
# assign work (保密员, 应急指挥, 分管领导) and the inspectors of an open
# campaign find a colleague by part of a name, and get only id, name and
# department; administrators, disabled accounts and accounts without a
# business role are never listed; everyone else gets 403; bad input is
# answered 400 naming the field.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Audit-Pass-2026-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"保密办公室","code":"BMB"}' | json id)
person() { # person NAME DEPT
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"general\",\"department_id\":$2,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
newacct() { # newacct USER DISPLAY PERSON ROLES -> account id
	if [ -n "$3" ]; then pj=",\"person_id\":$3"; else pj=""; fi
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$2\",\"password\":\"First-Pass-2026\"$pj}" | json id)
	if [ -n "$4" ]; then
		as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$4]}" >/dev/null
		[ "$STATUS" = 200 ] || die "roles for $1"
	fi
	echo "$aid"
}
ready() { login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"; }

newacct lixy 李秀英 "$(person 李秀英 "$DB")" '"officer","staff"' >/dev/null
OFF=$(ready lixy)
newacct zhengl 郑丽 "$(person 郑丽 "$DA")" '"command"' >/dev/null
CMD=$(ready zhengl)
newacct wangjg 王建国 "$(person 王建国 "$DB")" '"leader"' >/dev/null
LEAD=$(ready wangjg)
newacct liuy 刘洋 "$(person 刘洋 "$DA")" '"dept_head","staff"' >/dev/null
HEAD=$(ready liuy)
newacct sunh 孙浩 "$(person 孙浩 "$DA")" '"duty"' >/dev/null
DUTY=$(ready sunh)
ZW=$(newacct zhangw 张伟 "$(person 张伟 "$DA")" '"staff"')
STAFF=$(ready zhangw)
ZWG=$(newacct zhangwg 张伟国 "" '"staff"')
ZWM=$(newacct zhangwm 张伟民 "$(person 张伟民 "$DB")" '"staff"')
NOROLE=$(newacct zhangwn 张伟宁 "$(person 张伟宁 "$DB")" "")
CJ=$(newacct chenj 'Chen Jing' "" '"duty"')
as "$SYS" PATCH "/api/v1/accounts/$ZWM" '{"disabled":true}' >/dev/null
expect 200 "fixture: 张伟民 disabled"
ok "fixture: officer, command, leader, department head, duty, staff; 张伟 (信息中心), 张伟国 (no person), 张伟民 (disabled), 张伟宁 (no role), Chen Jing"

# dir TOKEN QUERY-STRING — GET the directory; QUERY-STRING holds q and limit
dir() {
	as "$1" GET "/api/v1/account-directory$2"
}
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

# ---- who may ----
for who in OFF CMD LEAD; do
	eval "tok=\$$who"
	dir "$tok" "?q=$(enc 张伟)" >"$WORK/d-$who.json"
	expect 200 "$who looks colleagues up"
done
python3 - "$WORK/d-OFF.json" "$ZW" "$ZWG" "$DA" <<'EOF' || die "the officer finds 张伟: $(cat "$WORK/d-OFF.json")"
import json, sys
d = json.load(open(sys.argv[1])); zw, zwg = int(sys.argv[2]), int(sys.argv[3])
names = [x["display_name"] for x in d["items"]]
assert names == ["张伟", "张伟国"], names     # not the disabled 张伟民, not 张伟宁 without a role
assert d["total"] == 2, d
for x in d["items"]:
    assert set(x) == {"id", "display_name", "department"}, x   # nothing else
by = {x["id"]: x for x in d["items"]}
assert by[zw]["department"] == "信息中心", by
assert by[zwg]["department"] is None, by          # an account without a person
EOF
ok "张伟 found by part of the name: only id, display_name and department; the disabled and roleless are left out"
cmp -s "$WORK/d-OFF.json" "$WORK/d-CMD.json" && cmp -s "$WORK/d-OFF.json" "$WORK/d-LEAD.json" ||
	die "command and leader see the same: $(cat "$WORK/d-CMD.json") $(cat "$WORK/d-LEAD.json")"
ok "应急指挥 and 分管领导 find the same"

dir "$OFF" "?q=$(enc 伟国)" | grep -q "\"id\":$ZWG," || die "a middle part of the name: $(cat "$WORK/resp")"
ok "the middle or end of a Chinese name matches"
dir "$OFF" "?q=CHEN" | grep -q "\"id\":$CJ," || die "case-insensitive: $(cat "$WORK/resp")"
grep -q chenj "$WORK/resp" && die "the user name is not returned"
dir "$OFF" "?q=ZhangWG" | grep -q '"total":0' || die "user names are not searched: $(cat "$WORK/resp")"
ok "Latin letters match without regard to case; user names are neither searched nor returned"
dir "$OFF" "?q=$(enc ' 张伟 ')&limit=1" >"$WORK/d.json"
expect 200 "limit 1"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["items"]) == 1 and d["total"] == 2, d' "$WORK/d.json" ||
	die "limit=1 gives one of two: $(cat "$WORK/d.json")"
ok "limit cuts the list, total counts every match (spaces around q dropped)"

# administrators are never listed, whatever the text
for q in admin sysadmin auditor $(enc 管理员) $(enc 审计员); do
	dir "$OFF" "?q=$q&limit=50" >"$WORK/d.json"
	expect 200 "look up $q"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["items"] == [] and d["total"] == 0, d' "$WORK/d.json" ||
		die "no administrator for q=$q: $(cat "$WORK/d.json")"
done
ok "the three administrators are not listed"

# ---- who may not ----
for who in AUD SYS SEC HEAD DUTY STAFF; do
	eval "tok=\$$who"
	dir "$tok" "?q=$(enc 张伟)" >/dev/null
	expect 403 "$who may not look colleagues up"
done
dir "$AUD" "" >/dev/null
expect 403 "the auditor is refused before the input is read"
as "$AUD" GET "/api/v1/audit?event=access.denied&username=liuy" >"$WORK/a.json"
grep -q 'account-directory' "$WORK/a.json" || die "the refusal is audited: $(cat "$WORK/a.json")"
ok "a refusal is in the audit log"

# ---- an inspector of an open campaign, whatever their role ----
CL=$(as "$OFF" POST /api/v1/checklists '{"template":"seed"}' | json id)
today=$(python3 -c 'import datetime as d; print((d.datetime.utcnow()+d.timedelta(hours=8)).date())')
as "$OFF" POST /api/v1/campaigns "{\"name\":\"自查\",\"checklist_id\":$CL,\"phases\":{\"find_start\":\"$today\"},\"departments\":[$DA],\"inspectors\":[$ZW]}" >"$WORK/c.json"
expect 201 "a campaign names 张伟 (staff) its inspector"
C=$(json id <"$WORK/c.json")
dir "$STAFF" "?q=$(enc 刘)" >/dev/null
expect 200 "an inspector of an open campaign looks colleagues up"
grep -q '"display_name":"刘洋"' "$WORK/resp" || die "the inspector finds 刘洋: $(cat "$WORK/resp")"
as "$OFF" PATCH "/api/v1/campaigns/$C" '{"closed":true}' >/dev/null
expect 200 "the campaign closes"
dir "$STAFF" "?q=$(enc 刘)" >/dev/null
expect 403 "once it is closed, the inspector may no longer"

# ---- bad input ----
bad() { # bad QUERY FIELD WHAT
	dir "$OFF" "$1" >/dev/null
	[ "$STATUS" = 400 ] || die "$3: expected 400, got $STATUS: $(cat "$WORK/resp")"
	grep -q "\"field\":\"$2\"" "$WORK/resp" || die "$3 names $2: $(cat "$WORK/resp")"
	grep -q '"code":"invalid_query"' "$WORK/resp" || die "$3: code invalid_query"
	ok "$3: 400 naming $2"
}
bad "" q "missing q"
bad "?q=" q "empty q"
bad "?q=%20%20" q "q of spaces only"
bad "?q=$(python3 -c 'print("a" * 65)')" q "q longer than 64 bytes"
bad "?q=%FF%FE" q "q not UTF-8"
bad "?q=a%0Ab" q "q with a control character"
bad "?q=$(enc 张)&limit=0" limit "limit=0"
bad "?q=$(enc 张)&limit=51" limit "limit=51"
bad "?q=$(enc 张)&limit=ten" limit "limit not a number"
dir "$OFF" "?q=$(python3 -c 'print("a" * 64)')" >/dev/null
expect 200 "q of exactly 64 bytes"
dir "$OFF" "?q=$(enc 张)&limit=50" >/dev/null
expect 200 "limit=50"

# ---- the command line: baomi people find ----
export BAOMI_URL="$BASE"
BAOMI_TOKEN=$OFF "$BAOMI" people find 张伟 >"$WORK/out" || die "people find: $(cat "$WORK/out")"
grep -q "^$ZW  *张伟  *信息中心" "$WORK/out" || die "people find lists id, name, department: $(cat "$WORK/out")"
grep -q 张伟民 "$WORK/out" && die "people find leaves the disabled out"
rc=0
BAOMI_TOKEN=$AUD "$BAOMI" people find 张伟 >"$WORK/out" 2>"$WORK/err" || rc=$?
[ $rc = 1 ] && grep -q 403 "$WORK/err" || die "the auditor is refused (exit $rc): $(cat "$WORK/err")"
ok "baomi people find: id, name and department; the auditor gets exit 2 with the server's 403"
finish
