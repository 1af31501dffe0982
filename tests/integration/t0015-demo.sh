#!/bin/sh
# `baomi demo` is a lived-in unit: about 200 carriers of every type, level and state (overdue loans,
# reviews due, periods expiring, destructions with witnesses and certificates, decided and pending
# approvals), a closed incident with its reports and evaluation, an open one with running
# countdowns and tasks, a self-inspection campaign in 整改 with findings and rectification tasks,
# a warning and notifications; all dated from today in Beijing, all audited, and quick to start.
. "$(dirname "$0")/lib.sh"

t0=$(date +%s%N)
start_demo
t1=$(date +%s%N)
grep -q 'demo:' "$WORK/server.log" && die "the demo reported a failure: $(grep 'demo:' "$WORK/server.log")"
ok "the demo seeds and serves in $(((t1 - t0) / 1000000)) ms"

LIXY=$(login_ready lixy 'Ready-Pass-2026')
TODAY=$(bj_date)

as "$LIXY" GET /api/v1/carriers/stats >"$WORK/stats.json"
expect 200 "ledger statistics"
python3 - "$WORK/stats.json" <<'EOF' || die "the ledger's make-up: $(cat "$WORK/stats.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert 180 <= s["total"] <= 220, s["total"]
for lv in ("top_secret", "secret", "confidential", "internal"):
    assert s["by_level"].get(lv, 0) >= 1, lv
for st in ("in_custody", "borrowed", "circulating", "taken_out", "in_repair", "returned",
           "destroyed", "declassified", "archived", "lost_or_leaked"):
    assert s["by_state"].get(st, 0) >= 1, st
assert s["by_state"]["in_custody"] >= 60, s["by_state"]
assert s["overdue"] >= 3 and s["expiring_30_days"] >= 3, s
EOF
ok "about 200 carriers of every level and state, some overdue, some expiring"

as "$LIXY" GET '/api/v1/carriers?limit=500' >"$WORK/all.json"
python3 - "$WORK/all.json" <<'EOF' || die "carrier types: $(head -c 300 "$WORK/all.json")"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
types = {c["type"] for c in items}
need = {"paper_doc", "electronic_doc", "computer", "usb", "hdd", "disc", "card", "tape",
        "printer", "copier", "scanner", "fax", "burner", "crypto"}
assert need <= types, need - types
assert len({c["title"] for c in items}) >= len(items) * 0.9, "titles repeat"
EOF
ok "carriers of every type, with distinct titles"

as "$LIXY" GET '/api/v1/carriers?overdue=1&limit=100' >"$WORK/overdue.json"
python3 - "$WORK/overdue.json" "$TODAY" <<'EOF' || die "overdue loans: $(head -c 400 "$WORK/overdue.json")"
import json, sys
items, today = json.load(open(sys.argv[1]))["items"], sys.argv[2]
lent = [c for c in items if c["state"] == "borrowed"]
assert len(lent) >= 3, len(items)
for c in lent:
    assert c["due_on"] < today and c["holder_id"], c
EOF
ok "borrowed carriers overdue, due before today ($TODAY) and held by someone"

as "$LIXY" GET /api/v1/carriers/reminders >"$WORK/rem.json"
python3 - "$WORK/rem.json" <<'EOF' || die "reminders: $(head -c 400 "$WORK/rem.json")"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["review_due_total"] >= 2 and r["expiring_total"] >= 3 and r["overdue_total"] >= 3, \
    {k: v for k, v in r.items() if k.endswith("_total")}
EOF
ok "reminders: yearly reviews due, periods expiring, loans overdue"

DESTROYED=$(as "$LIXY" GET '/api/v1/carriers?state=destroyed&limit=1' | json items.0.id)
as "$LIXY" GET "/api/v1/carriers/$DESTROYED/history" >"$WORK/h.json"
python3 - "$WORK/h.json" <<'EOF' || die "a destruction: $(cat "$WORK/h.json")"
import json, sys
h = json.load(open(sys.argv[1]))["items"]
acts = [e["action"] for e in h]
assert acts[0] == "register", acts
d = [e for e in h if e["action"] == "destroy"][0]["detail"]
assert len(d["witnesses"]) == 2 and d["certificate_no"] and d["place"], d
if "request" in acts:
    assert acts.index("request") < acts.index("approve") < acts.index("destroy"), acts
    assert "request_id" in d, d
EOF
ok "a destroyed carrier: registered, approved, destroyed with two witnesses and a certificate"

as "$LIXY" GET '/api/v1/carrier-requests?view=done&limit=200' >"$WORK/done.json"
python3 - "$WORK/done.json" <<'EOF' || die "decided requests: $(head -c 400 "$WORK/done.json")"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
st = {r["status"] for r in items}
acts = {r["action"] for r in items}
assert {"approved", "rejected"} <= st or {"used", "rejected"} <= st, st
assert {"take_out", "destroy", "declassify"} <= acts, acts
EOF
ok "requests decided by lixy: approved and rejected, for take-out, destruction, declassification"
WANG=$(login_ready wangjg 'Ready-Pass-2026')
as "$WANG" GET /api/v1/carrier-requests | python3 -c '
import json, sys; d = json.load(sys.stdin); assert d["total"] >= 1, d' ||
	die "requests wait for the leader: $(cat "$WORK/resp")"
ok "and destruction requests wait for the leader's decision"

as "$LIXY" GET /api/v1/incidents >"$WORK/inc.json"
CLOSED=$(python3 -c 'import json,sys; print([i["id"] for i in json.load(open(sys.argv[1]))["items"] if i["state"] in ("closed","evaluated")][0])' "$WORK/inc.json")
OPEN=$(python3 -c 'import json,sys; print([i["id"] for i in json.load(open(sys.argv[1]))["items"] if i["state"] not in ("closed","evaluated","dismissed")][0])' "$WORK/inc.json")
as "$LIXY" GET "/api/v1/incidents/$CLOSED" >"$WORK/closed.json"
python3 - "$WORK/closed.json" <<'EOF' || die "the closed incident: $(head -c 600 "$WORK/closed.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["state"] == "evaluated" and d["kind"] == "leak", d["state"]
assert d["evaluation"]["assessment"] and d["summary"]["final_cause"], d
assert d["filing_number"], d
# reports recorded as made weeks ago are 补录 (back-filled): the rules judge them late
assert d["deadlines"] and all(x["met_at"] for x in d["deadlines"]), d["deadlines"]
assert d["tasks"] and all(t["status"] == "done" for t in d["tasks"]), d["tasks"]
assert d["carriers"], d
EOF
ok "a closed leak: every report made, tasks done, summed up, evaluated, its carrier linked"
as "$LIXY" GET "/api/v1/incidents/$CLOSED/form" >/dev/null
expect 200 "its report form"

as "$LIXY" GET "/api/v1/incidents/$OPEN" >"$WORK/open.json"
python3 - "$WORK/open.json" <<'EOF' || die "the open incident: $(head -c 600 "$WORK/open.json")"
import json, sys
d = json.load(open(sys.argv[1]))
running = [x for x in d["deadlines"] if x["state"] == "open" and x["remaining_s"] > 0]
assert running, d["deadlines"]
assert any(x["state"] in ("met", "late") for x in d["deadlines"]), d["deadlines"]
st = {t["status"] for t in d["tasks"]}
assert {"open", "done"} <= st, st
EOF
ok "an open incident with running countdowns, a report made, tasks open and done"

as "$LIXY" GET /api/v1/campaigns >"$WORK/camp.json"
python3 - "$WORK/camp.json" <<'EOF' || die "the campaign: $(cat "$WORK/camp.json")"
import json, sys
k = json.load(open(sys.argv[1]))["items"]
assert any(c["current_phase"] == "rectify" for c in k), k
EOF
K=$(json items.0.id <"$WORK/camp.json")
as "$LIXY" GET "/api/v1/campaigns/$K/findings" | python3 -c '
import json, sys; d = json.load(sys.stdin); assert d["total"] >= 3, d' || die "findings: $(cat "$WORK/resp")"
as "$LIXY" GET "/api/v1/rect-tasks?campaign_id=$K" >"$WORK/rt.json"
python3 - "$WORK/rt.json" <<'EOF' || die "rectification tasks: $(cat "$WORK/rt.json")"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
assert len(items) >= 3 and len({t["state"] for t in items}) >= 2, items
EOF
ok "a self-inspection campaign in 整改 with findings and rectification tasks in several states"

as "$LIXY" GET /api/v1/warnings | python3 -c '
import json, sys; d = json.load(sys.stdin); assert any(w["state"] in ("published", "adjusted") for w in d["items"]), d' ||
	die "warnings: $(cat "$WORK/resp")"
ok "a warning in force"
ZHANGW=$(login_ready zhangw 'Ready-Pass-2026')
as "$ZHANGW" GET /api/v1/notifications | python3 -c '
import json, sys; d = json.load(sys.stdin); assert d["total"] >= 3 and d["unread"] >= 1, d' ||
	die "notifications: $(cat "$WORK/resp")"
ok "notifications, some unread"

AUD=$(login_ready auditor 'Aud-Itor-Pass-1')
as "$AUD" GET '/api/v1/audit?event=carrier.register&limit=1' | python3 -c '
import json, sys; d = json.load(sys.stdin); assert d["total"] >= 180, d["total"]' ||
	die "audited registrations: $(head -c 300 "$WORK/resp")"
ok "every registration is in the audit log"

# deterministic: a second demo made now holds the same ledger, request for request
PORT2=$(free_port)
"$BAOMI" demo --data "$WORK/data2" --listen "127.0.0.1:$PORT2" >"$WORK/server2.log" 2>&1 &
PID2=$!
i=0
while ! curl -sf "http://127.0.0.1:$PORT2/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 600 ] && break
	kill -0 "$PID2" 2>/dev/null || break
	sleep 0.1
done
T2=$(curl -s "http://127.0.0.1:$PORT2/api/v1/session" -H 'Content-Type: application/json' \
	-d "{\"username\":\"lixy\",\"password\":\"$BAOMI_INIT_PASSWORD\"}" | json token)
curl -s -X PUT "http://127.0.0.1:$PORT2/api/v1/session/password" -H "Authorization: Bearer $T2" \
	-H 'Content-Type: application/json' \
	-d "{\"old_password\":\"$BAOMI_INIT_PASSWORD\",\"new_password\":\"Ready-Pass-2026\"}" >/dev/null
curl -s "http://127.0.0.1:$PORT2/api/v1/carriers?limit=500" -H "Authorization: Bearer $T2" >"$WORK/all2.json"
kill "$PID2"
wait "$PID2" 2>/dev/null || true
python3 - "$WORK/all.json" "$WORK/all2.json" <<'EOF' || die "a second demo differs"
import json, sys
key = lambda c: (c["number"], c["type"], c["title"], c["level"], c["state"], c["issued_on"], c["due_on"])
a, b = (sorted(map(key, json.load(open(f))["items"])) for f in sys.argv[1:3])
assert a == b, [x for x in zip(a, b) if x[0] != x[1]][:3]
EOF
ok "a second demo made now holds the same ledger"
stop_server
"$BAOMI" audit verify --data "$DATA" >"$WORK/verify.txt" 2>&1 || die "audit chain: $(cat "$WORK/verify.txt")"
ok "and the audit chain verifies"

finish
