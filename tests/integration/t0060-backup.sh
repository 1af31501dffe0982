#!/bin/sh
# An online backup taken while writes go on holds every committed record; restore puts it back.
. "$(dirname "$0")/lib.sh"
init_data
start_server
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DEPT=$(as "$(login_ready sysadmin 'Sys-Admin-Pass-1')" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)

i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	as "$SEC" POST /api/v1/people "{\"name\":\"备份前$i\",\"staff_class\":\"none\",\"department_id\":$DEPT}" >/dev/null
	[ "$STATUS" = 201 ] || die "write $i"
done
# writes continue in the background while the backup runs
(
	j=0
	while [ $j -lt 30 ]; do
		j=$((j + 1))
		curl -s -o /dev/null -X POST "$BASE/api/v1/people" -H "Authorization: Bearer $SEC" \
			-H 'Content-Type: application/json' --data-binary "{\"name\":\"并发$j\",\"staff_class\":\"none\",\"department_id\":$DEPT}"
	done
) &
WRITER=$!
"$BAOMI" backup --data "$DATA" "$WORK/backup.db" >/dev/null || die "online backup failed"
wait $WRITER
ok "online backup while the server writes"

n_backup=$(sqlite3 "$WORK/backup.db" "SELECT count(*) FROM people")
[ "$n_backup" -ge 20 ] || die "backup must hold the 20 committed people, has $n_backup"
ok "backup holds every record committed before it ($n_backup people)"
sqlite3 "$WORK/backup.db" "PRAGMA integrity_check" | grep -qx ok || die "backup integrity"
ok "backup passes integrity_check"
[ "$(stat -c %a "$WORK/backup.db")" = 600 ] || die "backup file must be readable by the owner only"
ok "backup file is mode 0600"

set +e
"$BAOMI" restore --data "$DATA" "$WORK/backup.db" >/dev/null 2>"$WORK/err"
rc=$?
set -e
[ $rc = 2 ] && grep -q "in use" "$WORK/err" || die "restore under a running server must be refused"
ok "restore refused while the server runs"

stop_server
as_people_before=$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM people")
max_person=$(sqlite3 "$DATA/baomi.db" "SELECT max(id) FROM people")
[ "$as_people_before" = 50 ] || die "all 50 writes should be in the live database, found $as_people_before"
"$BAOMI" restore --data "$DATA" "$WORK/backup.db" >/dev/null || die "restore failed"
[ "$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM people")" = "$n_backup" ] || die "restore content"
ok "restore returns the database to the backup"
[ "$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM sessions")" = 0 ] || die "sessions survive a restore"
ok "restore ends every session and token"
sqlite3 "$DATA/baomi.db" "SELECT event FROM audit ORDER BY id DESC LIMIT 1" | grep -qx system.restore ||
	die "the restore must be recorded in the audit log"
ok "the restore is recorded in the audit log"
"$BAOMI" audit verify --data "$DATA" >/dev/null || die "chain after restore"
ok "audit chain verifies after restore"

echo "garbage" >"$WORK/bad.db"
set +e
"$BAOMI" restore --data "$DATA" "$WORK/bad.db" >/dev/null 2>"$WORK/err"
rc=$?
set -e
[ $rc = 2 ] || die "restoring garbage must exit 2"
[ "$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM people")" = "$n_backup" ] || die "failed restore must not touch data"
ok "garbage refused, data untouched: $(head -c 120 "$WORK/err")"
start_server
SEC=$(login secadmin 'Sec-Admin-Pass-1')
ok "server runs on the restored data"
sqlite3 "$DATA/baomi.db" "SELECT detail FROM audit WHERE event = 'system.restore'" |
	grep -q "\"records_after_backup\":[1-9]" || die "the restore must say how many records the backup lacks"
as "$SEC" POST /api/v1/people "{\"name\":\"恢复后\",\"staff_class\":\"none\",\"department_id\":$DEPT}" >"$WORK/p.json"
[ "$(json id <"$WORK/p.json")" -gt "$max_person" ] || die "ids issued before the restore must not come back"
ok "after the restore a new person's id passes every id issued before it ($max_person)"
finish
