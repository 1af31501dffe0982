#!/bin/sh
# `baomi carrier ...` drives the ledger through the server's API with a token.
. "$(dirname "$0")/lib.sh"
init_data
start_server
SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"保密办","code":"BMB"}' | json id)
PO=$(as "$SEC" POST /api/v1/people "{\"name\":\"王保密\",\"staff_class\":\"core\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
PA=$(as "$SEC" POST /api/v1/people "{\"name\":\"李科员\",\"staff_class\":\"important\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"off\",\"display_name\":\"王保密\",\"person_id\":$PO,\"password\":\"First-Pass-2026\"}" | json id)
as "$SEC" PUT "/api/v1/accounts/$aid/roles" '{"roles":["officer"]}' >/dev/null
OFF=$(login_ready off "Ready-Pass-2026" "First-Pass-2026")
export BAOMI_URL="$BASE"
export BAOMI_TOKEN=$(as "$OFF" POST /api/v1/tokens '{"name":"cli","expires_days":30}' | json token)

"$BAOMI" carrier register --json "{\"type\":\"usb\",\"title\":\"涉密U盘一号\",\"level\":\"secret\",\"serial\":\"U-001\",\"scope_people\":[$PA]}" >"$WORK/reg.json" ||
	die "carrier register"
ID=$(json id <"$WORK/reg.json")
ok "baomi carrier register"
"$BAOMI" carrier list --q 涉密 >"$WORK/list.txt" || die "carrier list"
grep -q "涉密U盘一号" "$WORK/list.txt" && grep -q "机密" "$WORK/list.txt" || die "list output: $(cat "$WORK/list.txt")"
ok "baomi carrier list --q finds a two-character word"
"$BAOMI" carrier borrow "$ID" --json "{\"person_id\":$PA,\"due_on\":\"2099-01-01\"}" >/dev/null || die "borrow"
"$BAOMI" carrier show "$ID" | grep -q '"state": "borrowed"' || die "show after borrow"
ok "baomi carrier borrow / show"
set +e
"$BAOMI" carrier destroy "$ID" --json '{"witnesses":[1,2],"place":"x","certificate_no":"y"}' >/dev/null 2>"$WORK/err"
rc=$?
set -e
[ $rc = 2 ] && grep -q "^baomi: 400 载体当前状态不允许此操作" "$WORK/err" || die "an action the state does not allow (400) exits 2 with the server's reason: $rc $(cat "$WORK/err")"
ok "an action the state does not allow (400) exits 2 with the reason"
"$BAOMI" carrier return "$ID" >/dev/null || die "return"
"$BAOMI" carrier history "$ID" | grep -q '"action": "return"' || die "history"
ok "baomi carrier return / history"
"$BAOMI" carrier export --format csv -o "$WORK/l.csv" >/dev/null || die "export"
grep -q "涉密U盘一号" "$WORK/l.csv" || die "export content"
ok "baomi carrier export"
set +e
BAOMI_TOKEN=nonsense "$BAOMI" carrier list >/dev/null 2>&1
rc=$?
set -e
[ $rc = 1 ] || die "a bad token exits 1 (refused)"
ok "a bad token exits 1 (refused)"
finish
