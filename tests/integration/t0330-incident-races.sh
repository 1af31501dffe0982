#!/bin/sh
# Incidents, plans and warnings under concurrent writers: every change reads,
# decides and writes in one transaction, so two clients racing on the same
# object end with exactly the outcome that was acknowledged to them.  Per
# round, with background write load (supplements, new incidents): a task
# completed while it is reassigned, a reporting duty marked met twice, an
# incident handled twice and supplemented while graded, a plan approved
# twice while renamed and revised, a warning lifted while adjusted.  Then
# need-to-know: 404s of incidents and their tasks and duties carry one text
# whether missing or hidden, and each is an access.denied audit record.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
account() { # account USER CLASS ROLES -> token; the account id in $WORK/id-USER
	pid=$(as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$pid,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	echo "$aid" >"$WORK/id-$1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
OFF=$(account off core '"officer"')
CMD=$(account cmd core '"command"')
LEAD=$(account lead core '"leader"')
STAFF=$(account staff general '"staff"')
ok "fixture: officer, command, leader, a staff member outside every incident"

as "$OFF" POST /api/v1/plans '{"template":"cyber"}' >"$WORK/p.json"
CYBP=$(json id <"$WORK/p.json")
as "$LEAD" POST "/api/v1/plans/$CYBP/status" '{"status":"approved"}' >/dev/null
expect 200 "the cyber plan in force"

export BASE OFF CMD LEAD STAFF CYBP
export CMD_ID="$(cat "$WORK/id-cmd")" LEAD_ID="$(cat "$WORK/id-lead")"
PYTHONPATH="$(dirname "$0")" python3 - <<'EOF' || die "races"
import json, os, threading
from apiclient import call, must, race
from datetime import datetime, timedelta, timezone

OFF, CMD, LEAD, STAFF = (os.environ[k] for k in ("OFF", "CMD", "LEAD", "STAFF"))
CYBP, CMD_ID, LEAD_ID = (int(os.environ[k]) for k in ("CYBP", "CMD_ID", "LEAD_ID"))
ROUNDS = 5
# in Beijing time, whatever the machine's clock zone
disc = (datetime.now(timezone.utc) + timedelta(hours=8) - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%S")

def incident(title):
    st, d = call(OFF, "POST", "/api/v1/incidents", {"kind": "cyber", "category": "facility",
                 "title": title, "discovered_at": disc})
    must(st, 201, "report", d)
    return d["id"]

def act(tok, inc, body):
    return call(tok, "POST", "/api/v1/incidents/%d/actions" % inc, body)

stop = threading.Event()
def load():
    """Background writers: new incidents and supplements to them."""
    n = 0
    while not stop.is_set():
        n += 1
        i = incident("背景负载%d" % n)
        for k in range(3):
            act(OFF, i, {"action": "supplement", "report": {"measures": "负载%d" % k}})
loaders = [threading.Thread(target=load) for _ in range(2)]
for t in loaders:
    t.start()
def supplement_vs_grade(rnd, inc):
    """A supplement racing the grading: neither loses the other's change."""
    (s1, b1), (s2, b2) = race((OFF, "POST", "/api/v1/incidents/%d/actions" % inc,
                               {"action": "supplement", "report": {"measures": "已断网%d" % rnd}}),
                              (CMD, "POST", "/api/v1/incidents/%d/actions" % inc,
                               {"action": "grade", "level": "IV"}))
    must(s1, 200, "supplement", b1)
    must(s2, 200, "grade", b2)
    st, d = call(OFF, "GET", "/api/v1/incidents/%d" % inc)
    assert d["report"].get("measures") == "已断网%d" % rnd and d["version"] == 2, \
        "round %d: the grading overwrote the supplement: %s" % (rnd, d["report"])
    assert (d["confirmed_level"] or {}).get("code") == "IV", \
        "round %d: the supplement overwrote the grading: %s" % (rnd, d["confirmed_level"])

def handle_twice(rnd, inc):
    """Handling starts once."""
    res = race((OFF, "POST", "/api/v1/incidents/%d/actions" % inc, {"action": "handle"}),
               (CMD, "POST", "/api/v1/incidents/%d/actions" % inc, {"action": "handle"}))
    assert sorted(s for s, _ in res) == [200, 409], "round %d: handle twice: %s" % (rnd, res)
    st, tl = call(OFF, "GET", "/api/v1/incidents/%d/timeline" % inc)
    assert [x["action"] for x in tl["items"]].count("handle") == 1, tl

def task_done_vs_reassign(rnd, inc, tasks):
    """Each task completed by one while another reassigns it: both acknowledged, both kept."""
    calls = []
    for t in tasks:
        calls.append((OFF, "PATCH", "/api/v1/incident-tasks/%d" % t, {"status": "done", "note": "完成"}))
        calls.append((LEAD, "PATCH", "/api/v1/incident-tasks/%d" % t, {"assignee_id": CMD_ID}))
    res = race(*calls)
    assert all(s == 204 for s, _ in res), res
    st, d = call(OFF, "GET", "/api/v1/incidents/%d" % inc)
    for t in d["tasks"]:
        assert t["status"] == "done" and t["assignee_id"] == CMD_ID, \
            "round %d: a task lost an acknowledged change: %s" % (rnd, t)

def duty_met_twice(rnd, inc, duties):
    """A duty marked met by two people at once: one 200, the other 409."""
    calls = []
    for x in duties:
        calls.append((OFF, "POST", "/api/v1/incident-deadlines/%d/met" % x, {"note": "电话报告"}))
        calls.append((CMD, "POST", "/api/v1/incident-deadlines/%d/met" % x, {"note": "书面报告"}))
    res = race(*calls)
    for k in range(0, len(res), 2):
        assert sorted([res[k][0], res[k + 1][0]]) == [200, 409], \
            "round %d: a duty met twice: %s" % (rnd, res[k:k + 2])
    st, tl = call(OFF, "GET", "/api/v1/incidents/%d/timeline" % inc)
    assert [x["action"] for x in tl["items"]].count("report_sent") == len(duties), tl

def plan_approve_vs_edit(rnd):
    """A plan approved twice while it is renamed and revised."""
    st, p = call(OFF, "POST", "/api/v1/plans", {"template": "cyber", "name": "竞争预案%d" % rnd})
    must(st, 201, "draft plan", p)
    pid = p["id"]
    res = race((LEAD, "POST", "/api/v1/plans/%d/status" % pid, {"status": "approved"}),
               (LEAD, "POST", "/api/v1/plans/%d/status" % pid, {"status": "approved"}),
               (OFF, "PATCH", "/api/v1/plans/%d" % pid, {"name": "竞争预案%d改" % rnd}),
               (OFF, "POST", "/api/v1/plans/%d/revise" % pid, None))
    assert sorted([res[0][0], res[1][0]]) == [200, 409], "round %d: approved twice: %s" % (rnd, res[:2])
    assert res[2][0] in (200, 409) and res[3][0] == 201, res[2:]
    st, p = call(OFF, "GET", "/api/v1/plans/%d" % pid)
    assert p["status"] == "approved", "round %d: an acknowledged approval was lost: %s" % (rnd, p["status"])
    assert (res[2][0] == 200) == p["name"].endswith("改"), (res[2], p["name"])
    assert res[3][1]["version"] > p["version"] and res[3][1]["status"] == "draft", res[3]

def warning_lift_vs_adjust(rnd):
    """A warning lifted while it is adjusted: a lifted warning stays lifted."""
    st, w = call(CMD, "POST", "/api/v1/warnings", {"level": "III", "category": "malware",
                                                 "title": "预警%d" % rnd})
    must(st, 201, "warning", w)
    wid = w["id"]
    res = race((CMD, "POST", "/api/v1/warnings/%d/lift" % wid, {"note": "解除"}),
               (LEAD, "PATCH", "/api/v1/warnings/%d" % wid, {"level": "II"}),
               (CMD, "PATCH", "/api/v1/warnings/%d" % wid, {"level": "I"}))
    must(res[0][0], 200, "lift", res[0][1])
    st, w = call(CMD, "GET", "/api/v1/warnings/%d" % wid)
    assert w["state"] == "lifted", "round %d: an adjustment undid the lifting: %s" % (rnd, w["state"])
    states = [v["state"] for v in w["versions"]]
    assert states[-1] == "lifted" and states.count("lifted") == 1, states
    assert [v["version"] for v in w["versions"]] == list(range(1, len(states) + 1)), w["versions"]
    assert len(states) == 1 + sum(1 for s, _ in res if s == 200), (states, res)
    st, d = call(CMD, "PATCH", "/api/v1/warnings/%d" % wid, {"level": "IV"})
    must(st, 409, "adjusting a lifted warning", d)

def one_round(rnd):
    inc = incident("并发%d" % rnd)
    st, d = act(OFF, inc, {"action": "verify"})
    must(st, 200, "verify", d)
    supplement_vs_grade(rnd, inc)
    st, d = act(CMD, inc, {"action": "activate", "level": "IV", "plan_id": CYBP, "playbooks": ["lan"]})
    must(st, 200, "activate", d)
    tasks = [t["id"] for t in d["tasks"]]
    duties = [x["id"] for x in d["deadlines"] if x["anchor_at"] is not None and x["met_at"] is None]
    assert len(tasks) == 3 and duties, d
    handle_twice(rnd, inc)
    task_done_vs_reassign(rnd, inc, tasks)
    duty_met_twice(rnd, inc, duties)
    plan_approve_vs_edit(rnd)
    warning_lift_vs_adjust(rnd)

try:
    for rnd in range(ROUNDS):
        one_round(rnd)
        print("ok - round %d: supplement/grade, handling, task, duty, plan and warning races" % rnd)
finally:
    stop.set()
    for t in loaders:
        t.join()
EOF
ok "every race ended with exactly the acknowledged outcome"

# ---- need-to-know: one 404, recorded ----
INC=$(as "$OFF" POST /api/v1/incidents "{\"kind\":\"cyber\",\"category\":\"facility\",\"title\":\"知悉范围\",\"discovered_at\":\"$(TZ=Asia/Shanghai date +%Y-%m-%dT%H:%M:%S)\"}" | json id)
as "$OFF" GET "/api/v1/incidents/$INC" >"$WORK/d.json"
TASK=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["deadlines"][0]["id"])' "$WORK/d.json")
for p in "/api/v1/incidents/$INC" "/api/v1/incidents/$INC/timeline" "/api/v1/incidents/$INC/versions" \
	"/api/v1/incidents/$INC/form"; do
	as "$STAFF" GET "$p" >/dev/null
	expect 404 "GET $p: outside need-to-know"
done
as "$STAFF" POST "/api/v1/incidents/$INC/actions" '{"action":"supplement","report":{"measures":"x"}}' >/dev/null
expect 404 "a supplement to an incident one may not see"
hidden=$(as "$STAFF" POST "/api/v1/incident-deadlines/$TASK/met" '{}')
[ "$STATUS" = 404 ] || die "a duty of a hidden incident: $STATUS $hidden"
missing=$(as "$STAFF" POST "/api/v1/incident-deadlines/999999/met" '{}')
[ "$STATUS" = 404 ] && [ "$hidden" = "$missing" ] ||
	die "a hidden duty and a missing one answer alike: $hidden / $missing"
ok "a duty of a hidden incident and a missing duty: the same 404"
missing=$(as "$STAFF" PATCH "/api/v1/incident-tasks/999999" '{"note":"x"}')
[ "$STATUS" = 404 ] && echo "$missing" | grep -q '不在您的知悉范围内' ||
	die "a missing task answers like a hidden one: $missing"
ok "a missing task: the need-to-know 404"
as "$AUD" GET "/api/v1/audit?event=access.denied&limit=200" >"$WORK/a.json"
python3 - "$WORK/a.json" "$INC" "$TASK" <<'EOF' || die "access.denied records: $(cat "$WORK/a.json")"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
inc, duty = sys.argv[2], sys.argv[3]
got = {(x["object_type"], x["object_id"]) for x in items if x["username"] == "staff"}
assert ("incident", inc) in got, got
assert ("incident_deadline", duty) in got and ("incident_deadline", "999999") in got, got
assert ("incident_task", "999999") in got, got
assert all(x["result"] == "denied" for x in items)
EOF
ok "each refusal is an access.denied audit record naming the object"
finish
