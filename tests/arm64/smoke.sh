#!/bin/sh
# The arm64 server under qemu-user: init, serve, login, register a carrier, audit verify.
#   BAOMI=<a wrapper that runs the arm64 baomi under qemu-aarch64> sh tests/arm64/smoke.sh
. "$(dirname "$0")/../integration/lib.sh"
# under qemu the start (the data directory, the first password hash) is slower: 60 s, not 10
START_TRIES=600

"$BAOMI" --version | grep -q '^baomi ' || die "arm64 baomi --version"
init_data
start_server
SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
ok "arm64: init, serve, first logins with the forced password change"
D=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"保密办公室","code":"BMB"}' | json id)
P=$(as "$SEC" POST /api/v1/people "{\"name\":\"保密员\",\"staff_class\":\"core\",\"department_id\":$D,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
A=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"off\",\"display_name\":\"off\",\"person_id\":$P,\"password\":\"First-Pass-2026\"}" | json id)
as "$SEC" PUT "/api/v1/accounts/$A/roles" '{"roles":["officer","staff"]}' >/dev/null
expect 200 "arm64: an officer account"
OFF=$(login_ready off 'Ready-Pass-2026' 'First-Pass-2026')
as "$OFF" POST /api/v1/carriers '{"type":"paper_doc","title":"关于保密检查的通知","level":"confidential"}' >"$WORK/reg.json"
expect 201 "arm64: the officer registers a carrier"
grep -q '"number":"TEST-20[0-9][0-9]-WJ-000001"' "$WORK/reg.json" || die "carrier number: $(cat "$WORK/reg.json")"
as "$OFF" GET "/api/v1/carriers?q=保密检查" | grep -q '关于保密检查的通知' || die "search finds it"
ok "arm64: the ledger's search finds the carrier"
stop_server
"$BAOMI" audit verify --data "$DATA" >"$WORK/verify" || die "arm64 audit verify: $(cat "$WORK/verify")"
ok "arm64: audit verify"
finish
