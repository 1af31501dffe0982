#!/bin/sh
# Account changes made at the same time keep each other's effect: a revoked role stays
# revoked, a disabled account stays disabled, a lockout counts every failure. The sysadmin
# cannot unlock the other administrators; a person holds one enabled business account;
# the database files are owner-only.
. "$(dirname "$0")/lib.sh"
umask 022 # what an operator's shell usually has: baomi must not rely on it

mode_is() { # FILE MODE WHAT
	[ "$(stat -c %a "$1")" = "$2" ] || die "$3: $1 is mode $(stat -c %a "$1"), expected $2"
}

init_data
mode_is "$DATA/baomi.db" 600 "database after init"
ok "baomi init creates baomi.db 0600"
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')

# --- the other administrators' lockouts are lifted on the console only
for name in secadmin auditor; do
	id=$(sqlite3 "$DATA/baomi.db" "SELECT id FROM accounts WHERE username = '$name'")
	as "$SYS" POST "/api/v1/accounts/$id/unlock" >/dev/null
	expect 403 "sysadmin may not unlock $name over the API"
done
n=$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM audit WHERE event = 'account.unlock'")
[ "$n" = 0 ] || die "a refused unlock must not be recorded as an unlock"
n=$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM audit WHERE event = 'account.denied'")
[ "$n" = 2 ] || die "each refused unlock is recorded as account.denied, found $n"
ok "refused unlocks recorded as account.denied"

# --- people and accounts for the races
DEPT=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"none\",\"department_id\":$DEPT}" | json id
}
account() { # USERNAME PERSON_ID — prints the id
	as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"Init-Pass-2026x\"}" >"$WORK/acc.json"
	[ "$STATUS" = 201 ] || die "create account $1: HTTP $STATUS $(cat "$WORK/acc.json")"
	json id <"$WORK/acc.json"
}
P1=$(person 甲)
P3=$(person 丙)
P5=$(person 戊)
ROLES=$(account racer1 "$P1")
LOCK=$(account racer3 "$P3")

# --- one enabled business account per person
as "$SYS" POST /api/v1/accounts "{\"username\":\"racer1b\",\"display_name\":\"甲2\",\"person_id\":$P1,\"password\":\"Init-Pass-2026x\"}" >/dev/null
expect 409 "a second account for a person with an enabled account is refused"
[ "$(json error.field <"$WORK/resp")" = person_id ] || die "the 409 must name person_id"
ok "the 409 names person_id"
SPARE=$(account spare "$P5")
as "$SYS" PATCH "/api/v1/accounts/$SPARE" "{\"person_id\":$P1}" >/dev/null
expect 409 "linking an enabled account to a person who has one is refused"
as "$SYS" PATCH "/api/v1/accounts/$SPARE" '{"disabled":true}' >/dev/null
expect 200 "disable the spare account"
as "$SYS" PATCH "/api/v1/accounts/$SPARE" "{\"person_id\":$P1}" >/dev/null
expect 200 "a disabled account may be linked to the person"
as "$SYS" PATCH "/api/v1/accounts/$SPARE" '{"disabled":false}' >/dev/null
expect 409 "enabling a second account of the person is refused"
[ "$(json error.field <"$WORK/resp")" = person_id ] || die "the 409 must name person_id"
as "$SYS" PATCH "/api/v1/accounts/$ROLES" '{"disabled":true}' >/dev/null
as "$SYS" PATCH "/api/v1/accounts/$SPARE" '{"disabled":false}' >/dev/null
expect 200 "once the first is disabled, the other may be enabled"
as "$SYS" PATCH "/api/v1/accounts/$ROLES" '{"disabled":false}' >/dev/null
expect 409 "and the first may then not be enabled again"
as "$SYS" PATCH "/api/v1/accounts/$SPARE" '{"disabled":true}' >/dev/null
as "$SYS" PATCH "/api/v1/accounts/$ROLES" '{"disabled":false}' >/dev/null
expect 200 "re-enable the first account"

# --- the races. A second process (a console command, a backup) holding the database's write
# lock for a moment makes the requests queue, so a handler that read the account before its
# transaction would write back a stale copy in every round; people are registered meanwhile
# as background write load.
cat >"$WORK/race.py" <<'EOF'
import http.client, json, sqlite3, sys, threading, time

port, sys_tok, sec_tok, db_path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
roles_id, lock_id, dept = map(int, sys.argv[5:8])
disable_id = roles_id
PW = "Init-Pass-2026x"

def call(tok, method, path, body=None, src="127.0.0.1"):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(src, 0))
    h = {"Content-Type": "application/json"}
    if tok:
        h["Authorization"] = "Bearer " + tok
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
    r = c.getresponse()
    d = r.read()
    c.close()
    return r.status, (json.loads(d) if d else None)

def locked_while(hold, *timed):
    """Holds the write lock for `hold` seconds; runs each (delay, fn) in a thread meanwhile."""
    con = sqlite3.connect(db_path, timeout=30, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    ts = []
    for delay, fn in timed:
        t = threading.Thread(target=lambda d=delay, f=fn: (time.sleep(d), f()))
        t.start()
        ts.append(t)
    time.sleep(hold)
    con.execute("ROLLBACK")
    con.close()
    for t in ts:
        t.join()

stop = threading.Event()
def background():
    n = 0
    while not stop.is_set():
        n += 1
        call(sec_tok, "POST", "/api/v1/people",
             {"name": "负载%d" % n, "staff_class": "none", "department_id": dept})
        time.sleep(0.02)
bg = threading.Thread(target=background)
bg.start()

def get(aid):
    st, a = call(sys_tok, "GET", "/api/v1/accounts/%d" % aid)
    assert st == 200, (st, a)
    return a

bad = []
try:
    # 1. secadmin revokes the roles while sysadmin renames the account
    for i in range(8):
        st, _ = call(sec_tok, "PUT", "/api/v1/accounts/%d/roles" % roles_id, {"roles": ["officer"]})
        assert st == 200, st
        res = {}
        def rename():
            res["rename"] = call(sys_tok, "PATCH", "/api/v1/accounts/%d" % roles_id,
                                 {"display_name": "改名%d" % i})[0]
        def revoke():
            res["revoke"] = call(sec_tok, "PUT", "/api/v1/accounts/%d/roles" % roles_id,
                                 {"roles": []})[0]
        locked_while(0.4, (0, rename), (0, revoke))
        a = get(roles_id)
        if res != {"rename": 200, "revoke": 200} or a["roles"] or a["display_name"] != "改名%d" % i:
            bad.append("roles round %d: %s roles=%s name=%s" % (i, res, a["roles"], a["display_name"]))

    # 2. sysadmin disables the account while it is renamed
    for i in range(8):
        st, _ = call(sys_tok, "PATCH", "/api/v1/accounts/%d" % disable_id, {"disabled": False})
        assert st == 200, st
        res = {}
        def disable():
            res["disable"] = call(sys_tok, "PATCH", "/api/v1/accounts/%d" % disable_id,
                                  {"disabled": True})[0]
        def rename():
            res["rename"] = call(sys_tok, "PATCH", "/api/v1/accounts/%d" % disable_id,
                                 {"display_name": "停用%d" % i})[0]
        locked_while(0.4, (0, disable), (0, rename))
        a = get(disable_id)
        if res != {"disable": 200, "rename": 200} or not a["disabled"] or a["display_name"] != "停用%d" % i:
            bad.append("disable round %d: %s disabled=%s name=%s" % (i, res, a["disabled"], a["display_name"]))

    # 3. the fifth wrong password (the policy's threshold) while the account is renamed
    for i in range(4):
        st, _ = call(sys_tok, "POST", "/api/v1/accounts/%d/unlock" % lock_id)
        assert st == 204, st
        src = "127.0.0.%d" % (10 + i)  # a fresh address: the login rate limit is per address
        codes = []
        def guess():
            codes.append(call(None, "POST", "/api/v1/session",
                              {"username": "racer3", "password": "Wrong-%d" % len(codes)}, src)[0])
        t0 = time.time()
        for k in range(4):
            guess()
        d = (time.time() - t0) / 4  # what a login takes on this machine now (the hash)
        def rename(k):
            return lambda: call(sys_tok, "PATCH", "/api/v1/accounts/%d" % lock_id,
                                {"display_name": "锁%d-%d" % (i, k)})
        # renames read the account while the fifth failure waits for the lock
        hold = 3 * d + 0.5
        locked_while(hold, (0, guess),
                     *[(1.5 * d + k * (hold - 1.5 * d - 0.1) / 5, rename(k)) for k in range(6)])
        st, _ = call(None, "POST", "/api/v1/session", {"username": "racer3", "password": PW}, src)
        if codes != [401, 401, 401, 401, 423] or st != 423:
            bad.append("lockout round %d: wrong passwords %s, then the right one %d" % (i, codes, st))
finally:
    stop.set()
    bg.join()

for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF
python3 "$WORK/race.py" "$PORT" "$SYS" "$SEC" "$DATA/baomi.db" "$ROLES" "$LOCK" "$DEPT" \
	>"$WORK/race.out" 2>&1 || die "lost updates:
$(cat "$WORK/race.out")"
n=$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM people WHERE name LIKE '负载%'")
[ "$n" -gt 0 ] || die "the background load wrote nothing"
ok "8 rounds, $n people registered meanwhile: a revoked role stays revoked and the parallel rename is kept"
ok "8 rounds: a disabled account stays disabled and the parallel rename is kept"
ok "4 rounds: five wrong passwords lock the account although it is renamed meanwhile"

# --- file modes once the server has written (WAL and shared memory) and after a restore
for f in baomi.db baomi.db-wal baomi.db-shm; do
	[ -e "$DATA/$f" ] || die "$f missing while the server runs"
	mode_is "$DATA/$f" 600 "while serving"
done
ok "baomi.db, -wal and -shm are 0600 while the server writes"
"$BAOMI" backup --data "$DATA" "$WORK/backup.db" >/dev/null || die "backup"
mode_is "$WORK/backup.db" 600 "backup"
stop_server
chmod 644 "$DATA/baomi.db" # as an installation from before this fix left it
"$BAOMI" restore --data "$DATA" "$WORK/backup.db" >/dev/null || die "restore"
for f in baomi.db baomi.db-wal baomi.db-shm; do
	[ ! -e "$DATA/$f" ] || mode_is "$DATA/$f" 600 "after restore"
done
ok "the restored database is 0600"
finish
