#!/bin/sh
# A database that fell behind audit.anchor (an older copy put back, a WAL cut short after
# SIGKILL) is refused at start with both positions; `baomi audit acknowledge-gap` records
# the gap in the log, and ids and carrier numbers issued before are never issued again.
. "$(dirname "$0")/lib.sh"
init_data
start_server
SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DEPT=$(as "$SYS" POST /api/v1/departments '{"name":"保密办公室","code":"BMB"}' | json id)
P=$(as "$SEC" POST /api/v1/people "{\"name\":\"保密员\",\"staff_class\":\"core\",\"department_id\":$DEPT,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
AID=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"off\",\"display_name\":\"off\",\"person_id\":$P,\"password\":\"First-Pass-2026\"}" | json id)
as "$SEC" PUT "/api/v1/accounts/$AID/roles" '{"roles":["officer","staff"]}' >/dev/null
expect 200 "fixture: an officer"
OFF=$(login_ready off 'Ready-Pass-2026' 'First-Pass-2026')

# reg TITLE -> "id seq" of a new carrier (seq: the number's serial)
reg() {
	as "$OFF" POST /api/v1/carriers "{\"type\":\"paper_doc\",\"title\":\"$1\",\"level\":\"confidential\"}" >"$WORK/reg.json"
	[ "$STATUS" = 201 ] || die "register $1: HTTP $STATUS $(cat "$WORK/reg.json")"
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], int(d["number"].rsplit("-",1)[1]))' <"$WORK/reg.json"
}
for i in 1 2 3; do reg "备份前$i" >/dev/null; done
"$BAOMI" backup --data "$DATA" "$WORK/old.db" >/dev/null || die "backup"
for i in 1 2 3 4 5; do reg "备份后$i" >>"$WORK/issued"; done
as "$SEC" POST /api/v1/people '{"name":"备份后人员","staff_class":"none"}' >"$WORK/p.json"
expect 201 "writes after the backup: 5 carriers, a person"
P_MAX=$(json id <"$WORK/p.json")
stop_server

# refused SCENARIO: serve (and demo) exit 1 naming the anchor and the log head; nothing is written
refused() {
	anchor=$(sed -n 2p "$DATA/audit.anchor" | awk '{print $1}')
	head=$(sqlite3 "$DATA/baomi.db" "SELECT last_id FROM audit_head")
	[ "$anchor" -gt "$head" ] || die "$1: the fixture must leave the log behind ($anchor vs $head)"
	cp "$DATA/audit.anchor" "$WORK/anchor.before"
	set +e
	timeout 20 "$BAOMI" serve --data "$DATA" --listen "127.0.0.1:$(free_port)" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	set -e
	[ $rc = 1 ] || die "$1: serve must refuse with exit 1, got $rc: $(cat "$WORK/err")"
	grep -q "anchor record id $anchor vs the log's newest record id $head: $((anchor - head)) records missing" "$WORK/err" ||
		die "$1: the message must name both positions: $(cat "$WORK/err")"
	grep -q "锚点记录 $anchor，日志最新记录 $head" "$WORK/err" || die "$1: Chinese message: $(cat "$WORK/err")"
	grep -q "baomi audit acknowledge-gap --data $DATA --reason" "$WORK/err" || die "$1: the command to run"
	cmp -s "$DATA/audit.anchor" "$WORK/anchor.before" || die "$1: the anchor must stay untouched"
	[ "$(sqlite3 "$DATA/baomi.db" "SELECT last_id FROM audit_head")" = "$head" ] || die "$1: nothing written"
	ok "$1: serve refuses (exit 1): anchor $anchor vs log head $head, anchor untouched"
	set +e
	"$BAOMI" audit verify --data "$DATA" >"$WORK/v" 2>&1
	rc=$?
	set -e
	[ $rc = 1 ] || die "$1: verify must still fail after the refusal: $(cat "$WORK/v")"
	ok "$1: audit verify still reports the rollback"
}

# acknowledged SCENARIO ANCHOR HEAD: the gap is recorded, the server starts, the chain verifies
acknowledged() {
	set +e
	"$BAOMI" audit acknowledge-gap --data "$DATA" >"$WORK/out" 2>&1
	rc=$?
	set -e
	[ $rc = 2 ] || die "$1: acknowledge-gap without --reason must exit 2, got $rc"
	"$BAOMI" audit acknowledge-gap --data "$DATA" --reason "测试：$1" >"$WORK/out" 2>&1 ||
		die "$1: acknowledge-gap: $(cat "$WORK/out")"
	sqlite3 "$DATA/baomi.db" "SELECT username, object_id, detail FROM audit WHERE event = 'audit.gap_acknowledged' ORDER BY id DESC LIMIT 1" >"$WORK/gap"
	python3 - "$WORK/gap" "$2" "$3" "测试：$1" <<'EOF' || die "$1: the gap record: $(cat "$WORK/gap")"
import json, sys
user, oid, detail = open(sys.argv[1]).read().strip().split("|", 2)
d = json.loads(detail)
anchor, head = int(sys.argv[2]), int(sys.argv[3])
assert user == "console" and oid == str(anchor), (user, oid)
assert d["gap"] == "behind" and d["anchor_id"] == anchor and d["log_head_id"] == head, d
assert d["missing"] == anchor - head and d["reason"] == sys.argv[4] and d["operator"] == "cli", d
EOF
	ok "$1: the gap is in the log (anchor $2, head $3, reason, operator cli)"
	"$BAOMI" audit verify --data "$DATA" >"$WORK/v" || die "$1: verify after acknowledging: $(cat "$WORK/v")"
	ok "$1: audit verify reports intact after the acknowledgement"
	"$BAOMI" audit acknowledge-gap --data "$DATA" --reason again >"$WORK/out" || die "$1: no gap left"
	[ "$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM audit WHERE event = 'audit.gap_acknowledged'")" = "$4" ] ||
		die "$1: acknowledging without a gap must write nothing"
	ok "$1: a second acknowledge-gap finds no gap and writes nothing"
	start_server
}

# (a) an older copy of the database put back over the live one
rm -f "$DATA/baomi.db-wal" "$DATA/baomi.db-shm"
cp "$WORK/old.db" "$DATA/baomi.db"
refused "older copy"
A_ANCHOR=$anchor
A_HEAD=$head
set +e
BAOMI_INIT_PASSWORD= timeout 20 "$BAOMI" demo --data "$DATA" --listen "127.0.0.1:$(free_port)" >/dev/null 2>"$WORK/err"
rc=$?
set -e
[ $rc = 1 ] && grep -q "records missing" "$WORK/err" || die "demo on the directory must refuse too (rc $rc)"
ok "older copy: demo refuses the same directory"
acknowledged "older copy" "$A_ANCHOR" "$A_HEAD" 1

# no carrier id nor number issued after the backup comes back
max_id=$(awk '{print $1}' "$WORK/issued" | sort -n | tail -1)
max_seq=$(awk '{print $2}' "$WORK/issued" | sort -n | tail -1)
set -- $(reg "回退后")
[ "$1" -gt "$max_id" ] && [ "$2" -gt "$max_seq" ] ||
	die "a new carrier (id $1, serial $2) must pass every issued before the rollback (id $max_id, serial $max_seq)"
ok "older copy: new carrier id $1 > $max_id, number serial $2 > $max_seq"
as "$SEC" POST /api/v1/people '{"name":"回退后人员","staff_class":"none"}' >"$WORK/p.json"
[ "$(json id <"$WORK/p.json")" -gt "$P_MAX" ] || die "a new person must get an id past $P_MAX: $(cat "$WORK/p.json")"
ok "older copy: new person id $(json id <"$WORK/p.json") > $P_MAX"

# (c) SIGKILL during a stream of registrations, then the WAL cut to nothing
stop_server # a clean stop checkpoints: everything so far is in the database file
start_server
ACK="$WORK/acked"
: >"$ACK"
(
	i=0
	while [ $i -lt 300 ]; do
		i=$((i + 1))
		curl -s -o "$WORK/s.json" -w '%{http_code}' --max-time 5 -X POST "$BASE/api/v1/carriers" \
			-H "Authorization: Bearer $OFF" -H 'Content-Type: application/json' \
			--data-binary "{\"type\":\"paper_doc\",\"title\":\"崩溃$i\",\"level\":\"confidential\"}" >"$WORK/code" || true
		[ "$(cat "$WORK/code")" = 201 ] &&
			echo "$(sed -n 's/^{"id":\([0-9]*\),"number":"[^"]*-0*\([0-9]*\)".*/\1 \2/p' "$WORK/s.json")" >>"$ACK"
	done
) &
WRITER=$!
# few enough that SQLite's automatic checkpoint (1000 pages) has not moved them into the
# database file: they are in the WAL only
while [ "$(wc -l <"$ACK")" -lt 8 ]; do
	kill -0 $WRITER 2>/dev/null || die "registrations failed: $(cat "$WORK/s.json")"
	sleep 0.05
done
kill -9 "$PID"
wait "$PID" 2>/dev/null || true
PID=""
wait $WRITER || true
[ -s "$DATA/baomi.db-wal" ] || die "the registrations must be in the WAL"
ok "server killed after $(wc -l <"$ACK") acknowledged registrations"
: >"$DATA/baomi.db-wal"
refused "truncated WAL"
acknowledged "truncated WAL" "$anchor" "$head" 2
max_id=$(awk '{print $1}' "$ACK" | sort -n | tail -1)
max_seq=$(awk '{print $2}' "$ACK" | sort -n | tail -1)
set -- $(reg "截断后")
[ "$1" -gt "$max_id" ] && [ "$2" -gt "$max_seq" ] ||
	die "a new carrier (id $1, serial $2) must pass every acknowledged one (id $max_id, serial $max_seq)"
ok "truncated WAL: new carrier id $1 > $max_id, number serial $2 > $max_seq"
stop_server
"$BAOMI" audit verify --data "$DATA" >/dev/null || die "chain after both gaps"
ok "the chain verifies with both gaps acknowledged in it"
finish
