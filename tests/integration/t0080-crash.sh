#!/bin/sh
# SIGKILL in the middle of a stream of writes: every acknowledged write survives,
# the database is intact and the audit chain is valid.
. "$(dirname "$0")/lib.sh"
init_data
start_server
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DEPT=$(as "$(login_ready sysadmin 'Sys-Admin-Pass-1')" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)

ACK="$WORK/acked"
: >"$ACK"
(
	i=0
	while [ $i -lt 400 ]; do
		i=$((i + 1))
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST "$BASE/api/v1/people" \
			-H "Authorization: Bearer $SEC" -H 'Content-Type: application/json' \
			--data-binary "{\"name\":\"崩溃测试$i\",\"staff_class\":\"none\",\"department_id\":$DEPT}") || true
		[ "$code" = 201 ] && echo "崩溃测试$i" >>"$ACK"
	done
) &
WRITER=$!
# let a good number of writes through, then kill the server without warning
while [ "$(wc -l <"$ACK")" -lt 40 ]; do sleep 0.05; done
kill -9 "$PID"
wait "$PID" 2>/dev/null || true
PID=""
wait $WRITER || true
n=$(wc -l <"$ACK")
[ "$n" -ge 40 ] && [ "$n" -lt 400 ] || die "the kill should land mid-stream (acknowledged $n)"
ok "server killed with SIGKILL after $n acknowledged writes"

start_server
while read -r name; do
	c=$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM people WHERE name = '$name'")
	[ "$c" = 1 ] || die "acknowledged write '$name' lost"
done <"$ACK"
ok "every acknowledged write is present"
stop_server
sqlite3 "$DATA/baomi.db" "PRAGMA integrity_check" | grep -qx ok || die "integrity_check"
ok "database passes integrity_check"
"$BAOMI" audit verify --data "$DATA" >"$WORK/v" || die "audit chain after crash: $(cat "$WORK/v")"
ok "audit chain valid after the crash"
ppl=$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM people")
aud=$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM audit WHERE event = 'person.create'")
[ "$ppl" = "$aud" ] || die "each write and its audit record commit together ($ppl people, $aud records)"
ok "each committed write has its audit record ($ppl)"
finish
