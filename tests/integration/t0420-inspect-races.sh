#!/bin/sh
# Self-inspection under concurrent writers and need-to-know: GET /campaigns
# lists exactly the campaigns that GET /campaigns/{id} opens (one rule, the
# total counting the same set); an outsider's reads and writes on a campaign
# answer 404 with one text and are recorded as access.denied; a reader who
# is no inspector gets 403.  Per round, with background result recording:
# a rectification verified while it is rejected, marked done twice, and a
# campaign closed while it is renamed, re-phased and given inspectors.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"办公室","code":"BGS"}' | json id)
DC=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"财务处","code":"CWC"}' | json id)
account() { # account USER DEPT ROLE -> token; the account id in $WORK/id-USER
	pid=$(as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"important\",\"department_id\":$2,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$pid,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[\"$3\"]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	echo "$aid" >"$WORK/id-$1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
OFF=$(account off "$DA" officer)
INSP=$(account insp "$DB" staff)
HEADA=$(account heada "$DA" dept_head)
HEADC=$(account headc "$DC" dept_head)
RESP=$(account resp "$DA" staff)
OUT=$(account out "$DA" staff)
ok "fixture: three departments, officer, inspector, two department heads, a responsible person, an outsider"

CL=$(as "$OFF" POST /api/v1/checklists '{"template":"seed"}' | json id)
ITEM=$(as "$OFF" GET "/api/v1/checklists/$CL" | json items.0.id)
day() { bj_date "$1"; }
TODAY=$(day 0)
PH="{\"find_start\":\"$(day -3)\",\"find_end\":\"$(day 3)\",\"targeted_start\":\"$(day 4)\",\"targeted_end\":\"$(day 10)\",\"rectify_start\":\"$(day 11)\",\"rectify_end\":\"$(day 40)\",\"spot_start\":\"$(day 41)\",\"spot_end\":\"$(day 60)\"}"
as "$OFF" POST /api/v1/campaigns "{\"name\":\"年度自查\",\"checklist_id\":$CL,\"phases\":$PH,\"departments\":[$DA,$DB],\"inspectors\":[$(cat "$WORK/id-insp")]}" >"$WORK/c.json"
expect 201 "a campaign of two departments with an inspector"
C=$(json id <"$WORK/c.json")
as "$OFF" POST /api/v1/campaigns "{\"name\":\"专项检查\",\"checklist_id\":$CL,\"phases\":$PH,\"departments\":[$DB]}" >"$WORK/c.json"
expect 201 "a campaign of the other department only"
C2=$(json id <"$WORK/c.json")

# ---- one rule for the list and the detail ----
export BASE C C2
for who in OFF INSP HEADA HEADC RESP OUT; do
	eval tok=\$$who
	TOK=$tok PYTHONPATH="$(dirname "$0")" python3 - "$who" <<'EOF' || die "$who: list and detail disagree"
import os, sys
from apiclient import call
def get(path):
    return call(os.environ["TOK"], "GET", path)
st, lst = get("/api/v1/campaigns")
assert st == 200, lst
listed = {x["id"] for x in lst["items"]}
assert lst["total"] == len(listed), lst
for cid in (int(os.environ["C"]), int(os.environ["C2"])):
    st, _ = get("/api/v1/campaigns/%d" % cid)
    assert (st == 200) == (cid in listed), "%s: campaign %d listed=%s but GET answers %d" % (
        sys.argv[1], cid, cid in listed, st)
want = {"OFF": 2, "INSP": 1, "HEADA": 1, "HEADC": 0, "RESP": 0, "OUT": 0}[sys.argv[1]]
assert len(listed) == want, (sys.argv[1], listed)
EOF
done
ok "GET /campaigns lists exactly what GET /campaigns/{id} opens, for every role (outsiders: nothing)"

# ---- outsiders: 404 with one text, recorded; readers who are no inspector: 403 ----
as "$OUT" PUT "/api/v1/campaigns/$C/results" "{\"item_id\":$ITEM,\"department_id\":$DA,\"result\":\"compliant\"}" >"$WORK/hidden"
expect 404 "an outsider records no result (as if there were no campaign)"
as "$OUT" PUT "/api/v1/campaigns/999999/results" "{\"item_id\":$ITEM,\"department_id\":$DA,\"result\":\"compliant\"}" >"$WORK/missing"
cmp -s "$WORK/hidden" "$WORK/missing" || die "hidden and missing differ: $(cat "$WORK/hidden") / $(cat "$WORK/missing")"
ok "a hidden campaign and a missing one: the same answer"
as "$OUT" PATCH "/api/v1/campaigns/$C" '{"closed":true}' >/dev/null
expect 404 "an outsider cannot tell the campaign exists by changing it"
as "$OUT" POST "/api/v1/campaigns/$C/findings" "{\"item_id\":$ITEM,\"department_id\":$DA,\"severity\":\"low\",\"title\":\"x\"}" >/dev/null
expect 404 "an outsider records no finding"
as "$OUT" POST "/api/v1/campaigns/$C/spot-checks" '{"superior_unit":"市保密局","inspector":"x","passed":true}' >/dev/null
expect 404 "an outsider records no spot check"
as "$OUT" POST "/api/v1/campaigns/$C/check-reports" '{}' >/dev/null
expect 404 "an outsider imports no report"
as "$HEADC" GET "/api/v1/campaigns/$C/report?format=xlsx" >/dev/null
expect 404 "the head of a department outside the campaign reads no campaign report"
as "$HEADA" PUT "/api/v1/campaigns/$C/results" "{\"item_id\":$ITEM,\"department_id\":$DA,\"result\":\"compliant\"}" >/dev/null
expect 403 "a department head who reads the campaign, but is no inspector, records no result"
as "$HEADA" PATCH "/api/v1/campaigns/$C" '{"name":"x"}' >/dev/null
expect 403 "nor changes it"

printf 'evidence' >"$WORK/ev.txt"
as "$INSP" POST "/api/v1/campaigns/$C/evidence?item_id=$ITEM&department_id=$DB&name=ev.txt" "" --data-binary @"$WORK/ev.txt" >"$WORK/ev.json"
expect 201 "the inspector uploads evidence of the other department"
EV=$(json id <"$WORK/ev.json")
as "$HEADA" GET "/api/v1/evidence/$EV" >"$WORK/hidden"
expect 404 "the head of one department reads no evidence of another"
as "$HEADC" GET "/api/v1/evidence/$EV" >"$WORK/hidden2"
expect 404 "nor does the head of a department outside the campaign"
as "$HEADC" GET "/api/v1/evidence/999999" >"$WORK/missing"
cmp -s "$WORK/hidden" "$WORK/missing" && cmp -s "$WORK/hidden2" "$WORK/missing" ||
	die "evidence: one text for missing and hidden: $(cat "$WORK/hidden2") / $(cat "$WORK/missing")"
ok "evidence: missing, another department's and an unreadable campaign's answer alike"

as "$AUD" GET "/api/v1/audit?event=access.denied&limit=200" >"$WORK/a.json"
python3 - "$WORK/a.json" "$C" "$EV" <<'EOF' || die "access.denied records: $(cat "$WORK/a.json")"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
got = {(x["username"], x["object_type"], x["object_id"]) for x in items}
c, ev = sys.argv[2], sys.argv[3]
assert ("out", "campaign", c) in got and ("out", "campaign", "999999") in got, got
assert ("headc", "campaign", c) in got, got
assert ("headc", "evidence", ev) in got and ("heada", "evidence", ev) in got, got
EOF
ok "each hidden campaign or evidence file is an access.denied audit record"

# ---- races ----
export OFF INSP RESP ITEM DA DB TODAY PH
export INSP_ID="$(cat "$WORK/id-insp")" HEADA_ID="$(cat "$WORK/id-heada")" RESP_ID="$(cat "$WORK/id-resp")"
PYTHONPATH="$(dirname "$0")" python3 - <<'EOF' || die "races"
import json, os, threading
from apiclient import call, must, race
from datetime import date, timedelta

E = os.environ
OFF, INSP, RESP = E["OFF"], E["INSP"], E["RESP"]
C, ITEM, DA, DB = (int(E[k]) for k in ("C", "ITEM", "DA", "DB"))
INSP_ID, HEADA_ID, RESP_ID = (int(E[k]) for k in ("INSP_ID", "HEADA_ID", "RESP_ID"))
PH = json.loads(E["PH"])
ROUNDS = 4

def rtask(rnd, k, start=True):
    st, f = call(INSP, "POST", "/api/v1/campaigns/%d/findings" % C, {"item_id": ITEM,
                 "department_id": DA, "severity": "low", "title": "问题%d-%d" % (rnd, k)})
    must(st, 201, "finding", f)
    st, t = call(INSP, "POST", "/api/v1/findings/%d/task" % f["id"],
                 {"responsible_id": RESP_ID, "deadline": E["TODAY"]})
    must(st, 201, "task", t)
    if start:
        st, d = call(RESP, "POST", "/api/v1/rect-tasks/%d/actions" % t["id"], {"action": "start"})
        must(st, 200, "start", d)
    return t["id"]

def state_of(tid):
    st, d = call(OFF, "GET", "/api/v1/rect-tasks?campaign_id=%d" % C)
    return [x for x in d["items"] if x["id"] == tid][0]["state"]

def verify_vs_reject(rnd):
    """A finished rectification verified by one inspector while another rejects it: one wins."""
    tids = [rtask(rnd, k) for k in range(3)]
    for t in tids:
        st, d = call(RESP, "POST", "/api/v1/rect-tasks/%d/actions" % t, {"action": "done", "measures": "已整改"})
        must(st, 200, "done", d)
    calls = []
    for t in tids:
        calls.append((INSP, "POST", "/api/v1/rect-tasks/%d/actions" % t, {"action": "verify"}))
        calls.append((OFF, "POST", "/api/v1/rect-tasks/%d/actions" % t, {"action": "reject", "reason": "不彻底"}))
    res = race(*calls)
    for k, t in enumerate(tids):
        v, r = res[2 * k][0], res[2 * k + 1][0]
        assert sorted([v, r]) == [200, 409], "round %d: verified and rejected: %s" % (rnd, res[2 * k:2 * k + 2])
        want = "verified" if v == 200 else "in_progress"
        assert state_of(t) == want, "round %d: task %d is %s, the acknowledged outcome %s" % (
            rnd, t, state_of(t), want)

def done_twice(rnd):
    """A rectification marked done by the responsible person and an inspector at once: one 200."""
    tids = [rtask(rnd, 10 + k) for k in range(3)]
    calls = []
    for t in tids:
        calls.append((RESP, "POST", "/api/v1/rect-tasks/%d/actions" % t, {"action": "done", "measures": "本人整改"}))
        calls.append((INSP, "POST", "/api/v1/rect-tasks/%d/actions" % t, {"action": "done", "measures": "代为登记"}))
    res = race(*calls)
    for k in range(len(tids)):
        assert sorted([res[2 * k][0], res[2 * k + 1][0]]) == [200, 409], \
            "round %d: done twice: %s" % (rnd, res[2 * k:2 * k + 2])

def campaign_changes(rnd):
    """Closing, renaming, re-phasing and new inspectors at once: every acknowledged change kept."""
    ph = dict(PH)
    ph["rectify_end"] = str(date.fromisoformat(PH["rectify_end"]) - timedelta(days=1 + rnd))
    res = race((OFF, "PATCH", "/api/v1/campaigns/%d" % C, {"closed": True}),
               (OFF, "PATCH", "/api/v1/campaigns/%d" % C, {"name": "年度自查%d" % rnd}),
               (OFF, "PATCH", "/api/v1/campaigns/%d" % C, {"phases": ph}),
               (OFF, "PATCH", "/api/v1/campaigns/%d" % C, {"inspectors": [INSP_ID, HEADA_ID]}))
    assert all(s == 200 for s, _ in res), res
    st, k = call(OFF, "GET", "/api/v1/campaigns/%d" % C)
    assert k["closed"] is True, "round %d: a concurrent change reopened the campaign" % rnd
    assert k["name"] == "年度自查%d" % rnd, "round %d: the new name was lost: %s" % (rnd, k["name"])
    assert k["phases"]["rectify_end"] == ph["rectify_end"], "round %d: the phase change was lost" % rnd
    assert sorted(k["inspectors"]) == sorted([INSP_ID, HEADA_ID]), "round %d: inspectors lost: %s" % (rnd, k["inspectors"])
    st, d = call(OFF, "PATCH", "/api/v1/campaigns/%d" % C, {"closed": False, "phases": PH, "inspectors": [INSP_ID]})
    must(st, 200, "reopen", d)

stop = threading.Event()
def load():
    """Background writers: results of the campaign, recorded over and over."""
    n = 0
    while not stop.is_set():
        n += 1
        call(INSP, "PUT", "/api/v1/campaigns/%d/results" % C, {"item_id": ITEM, "department_id": DB,
             "result": "compliant" if n % 2 else "na", "note": "负载%d" % n})
loader = threading.Thread(target=load)
loader.start()
try:
    for rnd in range(ROUNDS):
        verify_vs_reject(rnd)
        done_twice(rnd)
        campaign_changes(rnd)
        print("ok - round %d: verify/reject, done twice, concurrent campaign changes" % rnd)
finally:
    stop.set()
    loader.join()
EOF
ok "every race ended with exactly the acknowledged outcome"
finish
