#!/bin/sh
# Five failed logins lock an account for the policy's minutes; every step is audited.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')

for i in 1 2 3 4; do
	req POST /api/v1/session '{"username":"secadmin","password":"wrong-password"}' >/dev/null
	expect 401 "failed login $i answered 401"
done
req POST /api/v1/session '{"username":"secadmin","password":"wrong-password"}' >"$WORK/l.json"
expect 423 "fifth failure locks the account"
grep -q locked_until "$WORK/l.json" || die "423 must say until when"
req POST /api/v1/session "{\"username\":\"secadmin\",\"password\":\"$BAOMI_INIT_PASSWORD\"}" >/dev/null
expect 423 "the right password is refused while locked"
req POST /api/v1/session '{"username":"nobody","password":"whatever-1"}' >/dev/null
expect 401 "unknown user answered like a wrong password"

as "$AUD" GET '/api/v1/audit?event=login.lockout' >"$WORK/a.json"
[ "$(json total <"$WORK/a.json")" = 1 ] || die "lockout must be audited once"
ok "lockout audited"
as "$AUD" GET '/api/v1/audit?event=login.failure&username=secadmin' >"$WORK/a.json"
[ "$(json total <"$WORK/a.json")" = 5 ] || die "five failures must be audited"
ok "each failure audited"
as "$AUD" GET '/api/v1/audit?event=login.locked' >"$WORK/a.json"
[ "$(json total <"$WORK/a.json")" -ge 1 ] || die "attempt while locked must be audited"
ok "attempt while locked audited"

as "$SYS" POST /api/v1/accounts/2/unlock >/dev/null
expect 403 "sysadmin may not lift another administrator's lockout"
req POST /api/v1/session "{\"username\":\"secadmin\",\"password\":\"$BAOMI_INIT_PASSWORD\"}" >/dev/null
expect 423 "still locked after the refused unlock"
"$BAOMI" account unlock --data "$DATA" secadmin >/dev/null || die "console unlock"
SEC=$(login "secadmin" "$BAOMI_INIT_PASSWORD")
[ -n "$SEC" ] || die "login after unlock"
ok "login works after the console unlock"

# the lock also ends by itself: a 1-minute lock, with the clock moved by editing locked_until
for i in 1 2 3 4 5; do
	req POST /api/v1/session '{"username":"secadmin","password":"wrong-password"}' >/dev/null
done
expect 423 "locked again"
stop_server
sqlite3 "$DATA/baomi.db" "UPDATE accounts SET locked_until = 1 WHERE username = 'secadmin'"
start_server
login secadmin "$BAOMI_INIT_PASSWORD" >/dev/null
ok "lock expires at locked_until"
# parallel wrong passwords cannot outrun the lock
stop_server
sqlite3 "$DATA/baomi.db" "UPDATE accounts SET locked_until = 0, failed_logins = 0 WHERE username = 'secadmin'"
start_server
pids=""
i=0
while [ $i -lt 12 ]; do
	i=$((i + 1))
	curl -s -o /dev/null -X POST "$BASE/api/v1/session" -H 'Content-Type: application/json' \
		--data-binary '{"username":"secadmin","password":"parallel-wrong"}' &
	pids="$pids $!"
done
for j in $pids; do wait "$j" || true; done
req POST /api/v1/session "{\"username\":\"secadmin\",\"password\":\"$BAOMI_INIT_PASSWORD\"}" >/dev/null
expect 423 "after 12 parallel failures the right password is refused"
n=$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM audit WHERE event = 'login.failure' AND username = 'secadmin' AND id > (SELECT max(id) FROM audit WHERE event = 'login.success' AND username = 'secadmin')")
[ "$n" -le 5 ] || die "the lock must hold after 5 failures, $n failures were counted"
ok "parallel failures stop at the threshold ($n counted, the rest refused as locked)"

# one address may not try passwords without limit
stop_server
start_server
got=""
i=0
while [ $i -lt 25 ]; do
	i=$((i + 1))
	req POST /api/v1/session '{"username":"nobody","password":"Guess-1234-x"}' >/dev/null
	if [ "$STATUS" = 429 ]; then got=$i; break; fi
done
[ -n "$got" ] || die "login attempts from one address must be rate-limited"
ok "login attempts rate-limited (429 at attempt $got)"
finish
