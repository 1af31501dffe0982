#!/bin/sh
# The carrier ledger under parallel clients: an approval is used by exactly one
# action, an acknowledged destruction is never undone by a parallel review, a step
# is decided once (a rejection stands), and need-to-know refusals are 404 with one
# text, each audited as access.denied up to the per-minute cap.
. "$(dirname "$0")/lib.sh"
init_data
start_server

PYTHONPATH="$(dirname "$0")" python3 - "$BAOMI_INIT_PASSWORD" <<'PY' || die "carrier races"
import json, sys, threading, time
from apiclient import call

INIT = sys.argv[1]
ROUNDS, COPIERS = 5, 6


def must(want, got, what):
    st, body = got
    if st != want:
        sys.exit("FAIL: %s: expected HTTP %d, got %d %s" % (what, want, st, body))
    return body


def ready(user, old, new):
    tok = must(200, call(None, "POST", "/api/v1/session", {"username": user, "password": old}),
               "login " + user)["token"]
    must(204, call(tok, "PUT", "/api/v1/session/password",
                   {"old_password": old, "new_password": new}), "password change " + user)
    return tok


SYS = ready("sysadmin", INIT, "Sys-Admin-Pass-1")
SEC = ready("secadmin", INIT, "Sec-Admin-Pass-1")
AUD = ready("auditor", INIT, "Aud-Itor-Pass-1")
DA = must(201, call(SYS, "POST", "/api/v1/departments", {"unit_id": 1, "name": "信息中心", "code": "XXZX"}), "dept")["id"]
DB = must(201, call(SYS, "POST", "/api/v1/departments", {"unit_id": 1, "name": "办公室", "code": "BGS"}), "dept")["id"]
LOAD = []  # statuses of the background writes: password resets, registrations


def person(name, dept):
    return must(201, call(SEC, "POST", "/api/v1/people",
                          {"name": name, "staff_class": "core", "department_id": dept,
                           "commitment_signed_on": "2025-01-05"}), "person " + name)["id"]


def account(user, pid, roles):
    aid = must(201, call(SYS, "POST", "/api/v1/accounts",
                         {"username": user, "display_name": user, "person_id": pid,
                          "password": "First-Pass-2026"}), "account " + user)["id"]
    must(200, call(SEC, "PUT", "/api/v1/accounts/%d/roles" % aid, {"roles": roles}), "roles " + user)
    return ready(user, "First-Pass-2026", "Ready-Pass-2026")


P = {n: person(n, DA) for n in ("off", "off2", "off3", "head", "lead", "w1", "w2")}
P["out"] = person("out", DB)
OFF = account("off", P["off"], ["officer", "staff"])
OFF2 = account("off2", P["off2"], ["officer"])
OFF3 = account("off3", P["off3"], ["officer", "leader"])
HEAD = account("head", P["head"], ["dept_head"])
LEAD = account("lead", P["lead"], ["leader"])
OUT = account("out", P["out"], ["staff"])
# the target of the background password resets; it never logs in
DUMMY = must(201, call(SYS, "POST", "/api/v1/accounts",
                                   {"username": "dummy", "display_name": "dummy", "person_id": P["w1"],
                                    "password": "First-Pass-2026"}), "account dummy")["id"]


def register(title):
    return must(201, call(OFF, "POST", "/api/v1/carriers",
                          {"type": "paper_doc", "title": title, "level": "confidential",
                           "scope_departments": [DA]}), "register " + title)["id"]


def request(cid, action):
    return must(201, call(OFF, "POST", "/api/v1/carriers/%d/requests" % cid,
                          {"action": action, "reason": "竞争测试"}), "request " + action)["id"]


def decide(tok, rid, approve=True, step=None):
    body = {"approve": approve}
    if step is not None:
        body["step"] = step
    return call(tok, "POST", "/api/v1/carrier-requests/%d/decision" % rid, body)


def race(*fns):
    """Runs fns at once beside background writes; their results.

    A password reset (its slow hashing inside its write transaction) starts
    first, so the clients arrive while the writer is busy and queue for it
    together; registrations keep writing until they are done."""
    out = [None] * len(fns)
    gate = threading.Barrier(len(fns) + 1)
    stop = threading.Event()

    def load():
        LOAD.append(call(SYS, "POST", "/api/v1/accounts/%d/password-reset" % DUMMY,
                         {"password": "Reset-Pass-%dxYz" % len(LOAD)})[0])
        while not stop.is_set():
            LOAD.append(call(OFF, "POST", "/api/v1/carriers",
                             {"type": "usb", "title": "背景负载", "level": "internal"})[0])

    def run(k, fn):
        gate.wait()
        out[k] = fn()

    bg = threading.Thread(target=load)
    ths = [threading.Thread(target=run, args=(k, f)) for k, f in enumerate(fns)]
    for t in ths:
        t.start()
    bg.start()
    time.sleep(0.03)
    gate.wait()
    for t in ths:
        t.join()
    stop.set()
    bg.join()
    return out


def history(cid):
    return [h["action"] for h in must(200, call(OFF, "GET", "/api/v1/carriers/%d/history" % cid),
                                      "history")["items"]]


T0 = time.time()
for rnd in range(ROUNDS):
    # 1. one approval, six parallel copies: one copy made, the others refused
    cid = register("复制竞争%d" % rnd)
    rid = request(cid, "copy")
    must(200, decide(HEAD, rid), "dept head approves the copy")
    must(200, decide(LEAD, rid), "leader approves the copy")
    res = race(*[lambda: call(OFF, "POST", "/api/v1/carriers/%d/actions" % cid,
                              {"action": "copy", "count": 1})] * COPIERS)
    codes = sorted(st for st, _ in res)
    if codes != [200] + [409] * (COPIERS - 1):
        sys.exit("FAIL: round %d: %d copies on one approval: %s" % (rnd, COPIERS, codes))
    items = must(200, call(OFF, "GET", "/api/v1/carriers?type=paper_doc&limit=500"), "list")["items"]
    copies = [c for c in items if c["parent_id"] == cid]
    orig = must(200, call(OFF, "GET", "/api/v1/carriers/%d" % cid), "original")
    if len(copies) != 1 or copies[0]["copy_no"] != "2" or orig["copies"] != 2:
        sys.exit("FAIL: round %d: the ledger holds %d copies (%s), the original says %d" %
                 (rnd, len(copies), [c["copy_no"] for c in copies], orig["copies"]))
    if history(cid).count("copy") != 1:
        sys.exit("FAIL: round %d: history records %s" % (rnd, history(cid)))

    # 2. an approved destruction raced by a review: destroyed stays destroyed
    cid = register("销毁竞争%d" % rnd)
    rid = request(cid, "destroy")
    must(200, decide(OFF2, rid), "officer approves the destruction")
    must(200, decide(LEAD, rid), "leader approves the destruction")
    d, v = race(lambda: call(OFF, "POST", "/api/v1/carriers/%d/actions" % cid,
                             {"action": "destroy", "witnesses": [P["w1"], P["w2"]],
                              "place": "销毁中心", "certificate_no": "XH-%d" % rnd}),
                lambda: call(OFF2, "POST", "/api/v1/carriers/%d/actions" % cid,
                             {"action": "review", "notes": "年度审查"}))
    fin = must(200, call(OFF, "GET", "/api/v1/carriers/%d" % cid), "carrier")["state"]
    h = history(cid)
    if d[0] != 200 or fin != "destroyed" or h[-1] != "destroy":
        sys.exit("FAIL: round %d: destroy %s, review %s, final %s, history %s" %
                 (rnd, d[0], v[0], fin, h))
    if v[0] not in (200, 400) or h.count("review") != (v[0] == 200):
        sys.exit("FAIL: round %d: review %s %s, history %s" % (rnd, v[0], v[1], h))
    must(400, call(OFF2, "POST", "/api/v1/carriers/%d/actions" % cid,
                   {"action": "review", "notes": "再审查"}), "review after destruction")

    # 3. two officers decide the same step, each saying which step they saw
    cid = register("审批竞争%d" % rnd)
    rid = request(cid, "destroy")
    rej, app = race(lambda: decide(OFF2, rid, False, 0), lambda: decide(OFF3, rid, True, 0))
    if sorted([rej[0], app[0]]) != [200, 409]:
        sys.exit("FAIL: round %d: reject %s, approve %s on one step" % (rnd, rej, app))
    lead = decide(LEAD, rid, True, 1)
    if rej[0] == 200 and lead[0] != 409:
        sys.exit("FAIL: round %d: the leader decided a rejected request: %s" % (rnd, lead))
    if app[0] == 200 and lead[0] != 200:
        sys.exit("FAIL: round %d: the leader could not decide step 2: %s" % (rnd, lead))
    decided = [x for x in history(cid) if x in ("approve", "reject")]
    if len(decided) != [rej[0], app[0], lead[0]].count(200):
        sys.exit("FAIL: round %d: history records the decisions %s" % (rnd, decided))

    # 4. the same without `step`: still one decision, and a rejection stands
    cid = register("无步审批竞争%d" % rnd)
    rid = request(cid, "destroy")
    rej, app = race(lambda: decide(OFF2, rid, False), lambda: decide(OFF3, rid, True))
    if [rej[0], app[0]].count(200) != 1 or not {rej[0], app[0]} <= {200, 403, 409}:
        sys.exit("FAIL: round %d (no step): reject %s, approve %s" % (rnd, rej, app))
    lead = decide(LEAD, rid)
    if rej[0] == 200 and lead[0] != 409:
        sys.exit("FAIL: round %d (no step): the leader overrode a rejection: %s" % (rnd, lead))
if 204 not in LOAD or set(LOAD) - {201, 204}:
    sys.exit("FAIL: background writes: %s" % LOAD)
print("ok - %d rounds in %.1f s beside %d background writes: one copy per approval, destroyed "
      "stays destroyed, one decision per step" % (ROUNDS, time.time() - T0, len(LOAD)))

# a decided request and a decided step answer 409, whoever asks
cid = register("审批顺序")
rid = request(cid, "destroy")
must(200, decide(OFF2, rid, False), "officer rejects")
must(409, decide(OFF3, rid, True), "a rejected request is not approved afterwards")
must(409, decide(LEAD, rid, True), "nor by the leader")
rid = request(cid, "destroy")
must(200, decide(OFF3, rid, True, 0), "officer approves step 1")
must(409, decide(OFF2, rid, True, 0), "a second approval of step 1")
must(409, decide(OFF3, rid, True), "an officer who is also a leader never decides the next step too")
must(200, decide(LEAD, rid, True, 1), "leader approves step 2")
must(409, decide(OFF2, rid, False, 1), "an approved request is not rejected afterwards")
print("ok - decided requests and steps answer 409")

# need-to-know: 404 with one text for missing and hidden, each refusal audited
hid = register("知悉范围外")
hrq = request(hid, "destroy")
probes = [("GET", "/api/v1/carriers/%d" % hid, None),
          ("GET", "/api/v1/carriers/%d/history" % hid, None),
          ("POST", "/api/v1/carriers/%d/actions" % hid, {"action": "review", "notes": "x"}),
          ("POST", "/api/v1/carriers/%d/requests" % hid, {"action": "destroy", "reason": "x"})]
texts = set()
for m, p, b in probes + [("GET", "/api/v1/carriers/99999999", None)]:
    texts.add(must(404, call(OUT, m, p, b), "outsider %s %s" % (m, p))["error"]["message"])
if len(texts) != 1:
    sys.exit("FAIL: missing and hidden carriers answer different texts: %s" % texts)
rtexts = {must(404, decide(OUT, hrq), "outsider decides a hidden request")["error"]["message"],
          must(404, decide(OUT, 99999999), "a missing request")["error"]["message"]}
if len(rtexts) != 1:
    sys.exit("FAIL: missing and hidden requests answer different texts: %s" % rtexts)


def denied(otype, oid=None):
    q = "/api/v1/audit?event=access.denied&username=out&object_type=%s&limit=500" % otype
    if oid:
        q += "&object_id=%d" % oid
    return must(200, call(AUD, "GET", q), "audit query")["items"]


paths = sorted(json.loads(r["detail"])["path"] for r in denied("carrier", hid))
if paths != sorted(p for _, p, _ in probes):
    sys.exit("FAIL: access.denied records of the carrier probes: %s" % paths)
if len(denied("carrier_request", hrq)) != 1:
    sys.exit("FAIL: the hidden decision is not audited")
print("ok - outside need-to-know: 404 with one text, each refusal audited as access.denied")

for i in range(25):
    must(404, call(OUT, "GET", "/api/v1/carriers/%d" % hid), "probe %d" % i)
n = len(denied("carrier"))
if not 5 <= n <= 10:
    sys.exit("FAIL: %d access.denied records for 30 refusals within a minute (cap 10)" % n)
print("ok - 30 refusals within a minute leave %d records (cap 10)" % n)
PY
ok "carrier races and need-to-know refusals"

stop_server
"$BAOMI" audit verify --data "$DATA" >/dev/null || die "audit chain after the races"
ok "audit chain intact"
finish
