#!/bin/sh
# Upgrades: a data directory written by the first released baomi (schema 1, commit b384a1a;
# tests/data/upgrade/make-schema1.sh made it) opens with today's binary, migrates to the
# newest schema, keeps its accounts and records, and its audit chain verifies.  That release
# wrote no audit.anchor (it came later the same day), so today's baomi reports the missing
# anchor and nothing else until `audit acknowledge-gap` records it (docs/operations.md).
. "$(dirname "$0")/lib.sh"

tar -C "$WORK" -xzf "$BAOMI_SRC/tests/data/upgrade/schema1.tar.gz"
DATA="$WORK/schema1"
chmod 0700 "$DATA"
[ "$(sqlite3 "$DATA/baomi.db" 'PRAGMA user_version')" = 1 ] || die "the fixture is schema 1"
n_audit=$(sqlite3 "$DATA/baomi.db" 'SELECT count(*) FROM audit')
ok "fixture: schema 1 with $n_audit audit records"

set +e
"$BAOMI" audit verify --data "$DATA" >"$WORK/verify" 2>&1
rc=$?
set -e
v=$(sqlite3 "$DATA/baomi.db" 'PRAGMA user_version')
[ "$v" -gt 1 ] || die "the directory was not migrated (user_version $v)"
[ $rc = 1 ] && grep -q "BROKEN at record $n_audit: audit.anchor is missing" "$WORK/verify" ||
	die "the old chain verifies up to its last record, only the anchor is missing: $(cat "$WORK/verify")"
ok "opened by today's baomi: migrated from schema 1 to $v; records 1-$((n_audit - 1)) chain, the pre-anchor release left no audit.anchor"

set +e
PORT=$(free_port)
"$BAOMI" serve --data "$DATA" --listen "127.0.0.1:$PORT" >"$WORK/refused" 2>&1
rc=$?
set -e
[ $rc = 1 ] && grep -q "acknowledge-gap" "$WORK/refused" || die "serve refuses until the missing anchor is recorded: $rc $(cat "$WORK/refused")"
"$BAOMI" audit acknowledge-gap --data "$DATA" --reason "升级自首个版本（无 audit.anchor）/ upgrade from the first release" >/dev/null ||
	die "acknowledge-gap"
"$BAOMI" audit verify --data "$DATA" >"$WORK/verify" 2>&1 || die "audit verify after acknowledge-gap: $(cat "$WORK/verify")"
ok "after acknowledge-gap the whole migrated chain verifies"

PORT=""
start_server
T=$(login sysadmin 'Upgrade-Admin-2!')
as "$T" GET /api/v1/departments >"$WORK/depts"
expect 200 "the first release's sysadmin logs in with the password set then"
grep -q '升级测试科' "$WORK/depts" || die "the department made by the old server is there: $(cat "$WORK/depts")"
ok "records written by the first release are served"
U=$(python3 -c 'import json,sys; d=json.load(sys.stdin); d=d.get("items", d); print(d[0]["unit_id"])' <"$WORK/depts")
as "$T" POST /api/v1/departments "{\"unit_id\":$U,\"code\":\"NEW\",\"name\":\"升级后新科\"}" >/dev/null
expect 201 "a change after the upgrade"
stop_server
"$BAOMI" audit verify --data "$DATA" >"$WORK/verify2" 2>&1 || die "audit verify after new records: $(cat "$WORK/verify2")"
[ "$(sqlite3 "$DATA/baomi.db" 'SELECT count(*) FROM audit')" -gt "$n_audit" ] || die "new audit records"
ok "old and new records form one verified audit chain"
finish
