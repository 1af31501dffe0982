#!/bin/sh
# The API takes only what docs/openapi.yaml allows: a JSON null where the schema has no null
# is refused naming the field and nothing is stored (on a change too: null is not "no
# change"); unknown keys are refused inside nested objects as at the top; a query value that
# is empty, padded or holds a NUL is refused naming the parameter, on every list.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments "{\"name\":\"信息中心\",\"code\":\"XXZX\",\"unit_id\":1}" | json id)
P_OFF=$(as "$SEC" POST /api/v1/people "{\"name\":\"保密办主任\",\"staff_class\":\"core\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
OFF_ID=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"off\",\"display_name\":\"保密办\",\"person_id\":$P_OFF,\"password\":\"First-Pass-2026\"}" | json id)
as "$SEC" PUT "/api/v1/accounts/$OFF_ID/roles" '{"roles":["officer","command","staff"]}' >/dev/null
[ "$STATUS" = 200 ] || die "roles"
OFF=$(login_ready off "Ready-Pass-2026" "First-Pass-2026")
TODAY=$(bj_date)
NOW_BJ=$(TZ=Asia/Shanghai date -d '-40 min' +%Y-%m-%dT%H:%M:%S)
ok "fixture: a department, an officer with command and staff roles"

refused() { # refused FIELD WHAT: the last answer was 400 naming FIELD
	[ "$STATUS" = 400 ] || die "$2: expected 400, got $STATUS: $(cat "$WORK/resp")"
	grep -q "\"field\":\"$1\"" "$WORK/resp" || die "$2: must name $1: $(cat "$WORK/resp")"
	ok "$2"
}
total() { # total TOKEN PATH: the list's total
	as "$1" GET "$2" | json total
}
same() { # same BEFORE AFTER WHAT
	[ "$1" = "$2" ] || die "$3: was [$1], now [$2]"
	ok "$3"
}

# ---- null on create: refused, nothing stored
n=$(total "$SEC" /api/v1/people)
as "$SEC" POST /api/v1/people "{\"name\":\"x\",\"staff_class\":\"none\",\"department_id\":$DA,\"title\":null}" >/dev/null
refused title "person: null title"
same "$n" "$(total "$SEC" /api/v1/people)" "no person stored"

n=$(total "$OFF" /api/v1/carriers)
for f in serial notes custodian_id scope_people release_on; do
	as "$OFF" POST /api/v1/carriers "{\"type\":\"usb\",\"title\":\"x\",\"level\":\"confidential\",\"$f\":null}" >/dev/null
	refused "$f" "carrier: null $f"
done
same "$n" "$(total "$OFF" /api/v1/carriers)" "no carrier stored"

n=$(total "$OFF" /api/v1/plans)
as "$OFF" POST /api/v1/plans '{"template":"leak","name":null}' >/dev/null
refused name "plan: null name"
same "$n" "$(total "$OFF" /api/v1/plans)" "no plan stored"

n=$(total "$OFF" /api/v1/incidents)
inc() { # inc EXTRA-JSON-MEMBERS
	as "$OFF" POST /api/v1/incidents "{\"kind\":\"leak\",\"category\":\"leak\",\"title\":\"t\",\"discovered_at\":\"$NOW_BJ\",$1}" >/dev/null
}
inc '"report":{"unit_name":null}'
refused report.unit_name "incident: null inside report"
inc '"prelim_level":null'
refused prelim_level "incident: null prelim_level"
inc '"info_level":null'
refused info_level "incident: null info_level"
inc '"factors":{"public_impact":null}'
refused factors.public_impact "incident: null factor"
inc '"carriers":null'
refused carriers "incident: null carriers"
same "$n" "$(total "$OFF" /api/v1/incidents)" "no incident stored"
as "$OFF" POST /api/v1/incidents/grade-preview '{"public_impact":null}' >/dev/null
refused public_impact "grade preview: null impact"
as "$OFF" POST /api/v1/incidents/grade-preview '{"info_level":null,"public_impact":"minor"}' >/dev/null
expect 200 "grade preview: info_level is nullable (not known yet)"

n=$(total "$OFF" /api/v1/warnings)
for f in audience measures note start_at; do
	as "$OFF" POST /api/v1/warnings "{\"level\":\"III\",\"category\":\"malware\",\"title\":\"x\",\"$f\":null}" >/dev/null
	refused "$f" "warning: null $f"
done
same "$n" "$(total "$OFF" /api/v1/warnings)" "no warning stored"

# ---- null on a change is refused, not taken as "no change"; nullable fields clear
U=$(as "$SYS" POST /api/v1/units '{"name":"下级单位","code":"SUB1"}' | json id)
as "$SYS" PATCH "/api/v1/units/$U" '{"code":null}' >/dev/null
refused code "unit change: null code"
[ "$(as "$SYS" GET "/api/v1/units/$U" | json code)" = SUB1 ] || die "unit code kept"
as "$SYS" PATCH "/api/v1/departments/$DA" '{"name":null}' >/dev/null
refused name "department change: null name"
[ "$(as "$SYS" GET "/api/v1/departments/$DA" | json name)" = 信息中心 ] || die "department name kept"
as "$SEC" PATCH "/api/v1/people/$P_OFF" '{"phone":null}' >/dev/null
refused phone "person change: null phone"
as "$SYS" PATCH "/api/v1/accounts/$OFF_ID" '{"display_name":null}' >/dev/null
refused display_name "account change: null display_name"
[ "$(as "$SYS" GET "/api/v1/accounts/$OFF_ID" | json display_name)" = 保密办 ] || die "display name kept"
as "$SEC" PATCH "/api/v1/people/$P_OFF" '{"declassify_until":null}' >"$WORK/p.json"
expect 200 "person change: declassify_until is nullable"
[ "$(json declassify_until <"$WORK/p.json")" = None ] || die "null clears the date: $(cat "$WORK/p.json")"

# ---- unknown keys inside nested objects
as "$SEC" PUT /api/v1/approval-rules '{"rules":[{"action":"destroy","min_level":"secret","steps":["officer"]}]}' >/dev/null
expect 200 "approval rules set"
as "$SEC" GET /api/v1/approval-rules >"$WORK/rules0.json"
for k in id __proto__ admin_role ''; do
	as "$SEC" PUT /api/v1/approval-rules "{\"rules\":[{\"action\":\"copy\",\"min_level\":\"confidential\",\"steps\":[\"officer\"],\"$k\":1}]}" >/dev/null
	refused "rules\\[0\\]\\.$k" "approval rule: unknown key '$k'"
done
as "$SEC" GET /api/v1/approval-rules >"$WORK/rules1.json"
cmp -s "$WORK/rules0.json" "$WORK/rules1.json" || die "the rules are unchanged: $(cat "$WORK/rules1.json")"
ok "refused rules leave the rules as they were"

CL=$(as "$OFF" POST /api/v1/checklists '{"template":"seed"}' | json id)
n=$(total "$OFF" /api/v1/campaigns)
camp() { # camp PHASES-JSON
	as "$OFF" POST /api/v1/campaigns "{\"name\":\"自查\",\"checklist_id\":$CL,\"phases\":$1,\"departments\":[$DA],\"inspectors\":[$OFF_ID]}" >/dev/null
}
camp "{\"find_start\":\"$TODAY\",\"id\":1}"
refused phases.id "campaign: unknown key in phases"
camp "{\"find_start\":\"$TODAY\",\"__proto__\":{}}"
refused phases.__proto__ "campaign: __proto__ in phases"
same "$n" "$(total "$OFF" /api/v1/campaigns)" "no campaign stored"
camp "{\"find_start\":\"$TODAY\",\"find_end\":null}"
expect 201 "campaign: phase dates are nullable"
K=$(json id <"$WORK/resp")
as "$OFF" PATCH "/api/v1/campaigns/$K" '{"name":null}' >/dev/null
refused name "campaign change: null name"
as "$OFF" PATCH "/api/v1/campaigns/$K" '{"phases":{"spot_end":null,"admin_role":"x"}}' >/dev/null
refused phases.admin_role "campaign change: unknown key in phases"
[ "$(as "$OFF" GET "/api/v1/campaigns/$K" | json name)" = 自查 ] || die "campaign name kept"
as "$OFF" POST "/api/v1/campaigns/$K/findings" "{\"item_id\":1,\"department_id\":$DA,\"severity\":\"minor\",\"title\":\"x\",\"evidence\":null}" >/dev/null
refused evidence "finding: null evidence"
[ "$(total "$OFF" "/api/v1/campaigns/$K/findings")" = 0 ] || die "no finding stored"

# ---- query values: empty, NUL, padded, signed
bad_query() { # bad_query TOKEN PATH PARAM VALUE...
	tok=$1 path=$2 param=$3
	shift 3
	for v in "$@"; do
		case $path in *\?*) sep='&' ;; *) sep='?' ;; esac
		as "$tok" GET "$path$sep$param=$v" >/dev/null
		[ "$STATUS" = 400 ] && grep -q '"code":"invalid_query"' "$WORK/resp" &&
			grep -q "\"field\":\"$param\"" "$WORK/resp" ||
			die "$path $param=$v: expected 400 invalid_query naming $param, got $STATUS $(cat "$WORK/resp")"
	done
	ok "$path: $param=$* refused"
}
for l in "$SEC /api/v1/people" "$SYS /api/v1/accounts" "$AUD /api/v1/audit" "$OFF /api/v1/carriers" \
	"$OFF /api/v1/incidents" "$OFF /api/v1/notifications"; do
	set -- $l
	bad_query "$1" "$2" limit '' '%00' '%201' '1%20' '%2B1' '1%000'
	bad_query "$1" "$2" offset '' '%00' '%200'
done
bad_query "$OFF" "/api/v1/account-directory?q=ab" limit '' '%00' '%201'
bad_query "$OFF" /api/v1/carriers level '' '%00' 'secret%00'
bad_query "$OFF" /api/v1/carriers type '' '%00'
bad_query "$OFF" /api/v1/carriers state ''
bad_query "$OFF" /api/v1/carriers expiring_days '' '%2030'
bad_query "$OFF" /api/v1/carriers q 'a%00b'
bad_query "$OFF" /api/v1/carriers/reminders days '' '%00'
bad_query "$OFF" /api/v1/carriers/export format '' '%00'
bad_query "$OFF" /api/v1/incidents kind '' '%00'
bad_query "$OFF" /api/v1/incidents state ''
bad_query "$OFF" /api/v1/incidents level '' '%00'
bad_query "$OFF" /api/v1/incidents open '' '%201'
bad_query "$OFF" /api/v1/incidents/deadline-stats from '' '%00'
bad_query "$OFF" /api/v1/plans kind '' '%00'
bad_query "$OFF" /api/v1/plans status ''
bad_query "$OFF" /api/v1/warnings active '' '1%20'
bad_query "$OFF" /api/v1/calendar year '' '%202026'
bad_query "$OFF" /api/v1/rect-tasks mine '' '%00'
bad_query "$OFF" /api/v1/notifications unread ''
bad_query "$AUD" /api/v1/audit result '' '%00'
bad_query "$AUD" /api/v1/audit from ''
bad_query "$AUD" /api/v1/audit/export format ''
as "$OFF" GET '/api/v1/carriers?limit=5&offset=0&level=secret' >/dev/null
expect 200 "well-formed query values still work"
finish
