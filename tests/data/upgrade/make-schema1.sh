#!/bin/sh
# Makes tests/data/upgrade/schema1.tar.gz: a data directory written by the first released
# baomi (commit b384a1a, schema 1), kept so that t0017-upgrade.sh can open, migrate and verify
# it with today's binary.  Run from the source tree; needs the build dependencies.
#   sh tests/data/upgrade/make-schema1.sh          (OLD_BAOMI=PATH: a baomi built from b384a1a)
# The directory: `baomi demo` of that day (a unit, departments, people, accounts; every
# password Upgrade-Fixture-1!), then sysadmin logged in, changed its password to
# Upgrade-Admin-2!, and created the department UPG 升级测试科, all through the old API.
set -eu
SRC=$(cd "$(dirname "$0")/../../.." && pwd)
T=$(mktemp -d /tmp/baomi-schema1-XXXXXX)
trap 'kill $PID 2>/dev/null || true; rm -rf "$T"' EXIT
PID=""
BIN=${OLD_BAOMI:-}
if [ -z "$BIN" ]; then
	git -C "$SRC" archive b384a1a | tar -x -C "$T"
	cmake -S "$T" -B "$T/b" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$T/b" -j2 --target baomi >/dev/null
	BIN="$T/b/src/cli/baomi"
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BAOMI_INIT_PASSWORD='Upgrade-Fixture-1!' "$BIN" demo --data "$T/schema1" \
	--listen "127.0.0.1:$PORT" >"$T/log" 2>&1 &
PID=$!
B="http://127.0.0.1:$PORT/api/v1"
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.2; done
tok=$(curl -sf "$B/session" -H 'Content-Type: application/json' \
	-d '{"username":"sysadmin","password":"Upgrade-Fixture-1!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -sf -X PUT "$B/session/password" -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
	-d '{"old_password":"Upgrade-Fixture-1!","new_password":"Upgrade-Admin-2!"}' >/dev/null
tok=$(curl -sf "$B/session" -H 'Content-Type: application/json' \
	-d '{"username":"sysadmin","password":"Upgrade-Admin-2!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -sf "$B/departments" -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
	-d '{"code":"UPG","name":"升级测试科"}' >/dev/null
kill $PID
wait $PID || true
PID=""
[ "$(sqlite3 "$T/schema1/baomi.db" 'PRAGMA user_version')" = 1 ] || { echo "not schema 1" >&2; exit 1; }
sqlite3 "$T/schema1/baomi.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f "$T/schema1/baomi.db-wal" "$T/schema1/baomi.db-shm" "$T/schema1/baomi.lock"
tar -C "$T" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -czf \
	"$SRC/tests/data/upgrade/schema1.tar.gz" schema1
echo "wrote tests/data/upgrade/schema1.tar.gz"
