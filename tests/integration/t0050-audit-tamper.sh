#!/bin/sh
# `baomi audit verify` catches edited, deleted and reordered rows in the database file.
. "$(dirname "$0")/lib.sh"
init_data
start_server
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DEPT=$(as "$(login_ready sysadmin 'Sys-Admin-Pass-1')" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
for i in 1 2 3 4 5 6 7 8; do
	as "$SEC" POST /api/v1/people "{\"name\":\"人员$i\",\"staff_class\":\"none\",\"department_id\":$DEPT}" >/dev/null
	expect 201 "change $i"
done
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')
as "$AUD" GET /api/v1/audit/verify >"$WORK/v.json"
expect 200 "auditor verifies over the API"
[ "$(json ok <"$WORK/v.json")" = True ] || die "chain must be intact: $(cat "$WORK/v.json")"
as "$AUD" GET '/api/v1/audit/export?format=csv' "" -D "$WORK/h" >"$WORK/audit.csv"
expect 200 "auditor exports CSV"
grep -q 'person.create' "$WORK/audit.csv" || die "export lacks records"
grep -qi 'Content-Disposition: attachment' "$WORK/h" || die "export must be a download"
as "$AUD" GET '/api/v1/audit/export?format=json' >"$WORK/audit.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert isinstance(d, list) and len(d) > 10, "a bare array of records"
assert d[0]["account_id"] is None and d[0]["event"] == "system.init", d[0]' "$WORK/audit.json" ||
	die "JSON export: $(head -c 300 "$WORK/audit.json")"
ok "auditor exports JSON: an array of AuditRecord, no account is null"
stop_server
cp "$DATA/baomi.db" "$WORK/pristine.db"

check_bad() {
	set +e
	"$BAOMI" audit verify --data "$DATA" >"$WORK/out" 2>&1
	rc=$?
	set -e
	[ $rc = 1 ] || die "$1: verify must exit 1, got $rc: $(cat "$WORK/out")"
	grep -q "record $2" "$WORK/out" || die "$1: must name record $2: $(cat "$WORK/out")"
	ok "$1 detected at record $2"
	cp "$WORK/pristine.db" "$DATA/baomi.db"
}

sqlite3 "$DATA/baomi.db" "UPDATE audit SET username = 'someone' WHERE id = 9"
check_bad "edited row" 9
sqlite3 "$DATA/baomi.db" "DELETE FROM audit WHERE id = 7"
check_bad "deleted row" 7
sqlite3 "$DATA/baomi.db" "UPDATE audit SET id = -5 WHERE id = 5; UPDATE audit SET id = 5 WHERE id = 6; UPDATE audit SET id = 6 WHERE id = -5;"
check_bad "reordered rows" 5
sqlite3 "$DATA/baomi.db" "UPDATE audit SET username = CAST(username AS BLOB) WHERE id = 8"
check_bad "recast value" 8

check_bad_any() {
	set +e
	"$BAOMI" audit verify --data "$DATA" >"$WORK/out" 2>&1
	rc=$?
	set -e
	[ $rc = 1 ] || die "$1: verify must exit 1, got $rc: $(cat "$WORK/out")"
	ok "$1 detected: $(cat "$WORK/out")"
	cp "$WORK/pristine.db" "$DATA/baomi.db"
}
sqlite3 "$DATA/baomi.db" "DELETE FROM audit; DELETE FROM audit_head;"
check_bad_any "emptied log"
# roll back: keep an old copy, let the log grow, then put the old copy back
cp "$WORK/pristine.db" "$WORK/old.db"
start_server
AUD=$(login auditor 'Aud-Itor-Pass-1')
as "$AUD" GET /api/v1/audit >/dev/null
stop_server
cp "$DATA/baomi.db" "$WORK/pristine.db"
cp "$WORK/old.db" "$DATA/baomi.db"
check_bad_any "rolled-back log"

cp "$WORK/pristine.db" "$DATA/baomi.db"
"$BAOMI" audit verify --data "$DATA" >/dev/null || die "pristine copy must verify"
ok "untouched database verifies"
finish
