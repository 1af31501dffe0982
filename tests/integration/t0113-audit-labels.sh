#!/bin/sh
# Audit codes in words, and the audit search in Chinese.
#  - Every event code the sources write (a literal like "carrier.read" in src/api, src/store,
#    src/cli) has a Chinese label in GET /api/v1/meta (audit_events), so a new event cannot
#    reach the log without one; the object types of the records written here have labels too.
#  - A record that names people by id carries their names ("names"), as written, so the
#    auditor (who may not read the person directory) reads and finds them by name.
#  - GET /api/v1/audit?q= finds records by an event's Chinese label (查阅载体), a person's name,
#    a carrier number and a level's label (机密), and nothing for text no record holds.
. "$(dirname "$0")/lib.sh"
start_demo

req GET /api/v1/meta >"$WORK/meta.json"
expect 200 "meta"
# the event literals of the sources, less the dotted codes that are not audit events
python3 - "$BAOMI_SRC/src" "$WORK/meta.json" <<'PY' || die "event codes without a label"
import json, os, re, sys
src, meta = sys.argv[1], json.load(open(sys.argv[2]))
labels = {e["code"]: e for e in meta["audit_events"]}
not_events = {
    # notification kinds, settings keys, report field paths, plan JSON paths, check items
    "carrier.declassified", "carrier.level_changed", "carrier_request.approved",
    "carrier_request.pending", "carrier_request.rejected", "carrier_request.step_approved",
    "carrier_request.submitted", "incident.overdue", "rectification.overdue",
    "check.hmac_key", "incident.cac_operator", "incident.info_level", "incident.drill",
    "auth.empty_passwords", "auth.password_policy", "factors.x", "r.digest",
    "sign.key", "sign.pub", "styles.xml", "index.html",
}
found = set()
for d in ("api", "store", "cli"):
    for root, _, files in os.walk(os.path.join(src, d)):
        for f in files:
            if not f.endswith(".c"):
                continue
            text = open(os.path.join(root, f), encoding="utf-8").read()
            for m in re.finditer(r'"([a-z][a-z_]*\.[a-z_]+)"', text):
                code = m.group(1)
                if code.endswith(".h") or code.startswith(("body.", "report.", "net.", "usb.", "devices.", "media.", "screen.", "internet.", "scan.", "print.", "docs.", "software.")):
                    continue
                found.add(code)
found.add("logout")
missing = sorted(c for c in found - not_events if c not in labels)
if missing:
    print("no label for:", ", ".join(missing))
    sys.exit(1)
bad = [c for c, e in labels.items() if not re.search(r"[\u4e00-\u9fff]", e["zh"])]
if bad:
    print("labels without Chinese:", bad)
    sys.exit(1)
print(len(found - not_events), "event codes, each labelled")
PY
ok "every event code in the sources has a Chinese label (meta audit_events)"

OFF=$(login_ready zhangw 'Names-Pass-2026-1')
AUD=$(login_ready auditor 'Audit-Pass-2026-1')
LIU=$(as "$OFF" GET "/api/v1/people?q=%E5%88%98%E6%B4%8B" | python3 -c 'import json,sys; print([p["id"] for p in json.load(sys.stdin)["items"] if p["name"]=="刘洋"][0])')
as "$OFF" POST /api/v1/carriers "{\"type\":\"paper_doc\",\"title\":\"审计检索测试文件\",\"level\":\"secret\",\"period_years\":5,\"scope_people\":[$LIU]}" >"$WORK/c.json"
expect 201 "a 机密 carrier registered with 刘洋 in its scope"
CID=$(json id <"$WORK/c.json")
NUM=$(json number <"$WORK/c.json")
as "$OFF" GET "/api/v1/carriers/$CID" >/dev/null
expect 200 "the carrier read (a read of 机密 detail is audited)"
as "$OFF" POST "/api/v1/carriers/$CID/actions" "{\"action\":\"borrow\",\"person_id\":$LIU,\"due_on\":\"$(bj_date 5)\"}" >/dev/null
expect 200 "borrowed by 刘洋"

search() { # search TEXT -> the matching records, as JSON
	as "$AUD" GET "/api/v1/audit?limit=200&q=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1")"
}
has() { # has TEXT PYTHON-CONDITION-ON-r WHAT
	search "$1" >"$WORK/s.json"
	[ "$STATUS" = 200 ] || die "search $1: HTTP $STATUS $(cat "$WORK/s.json")"
	python3 - "$WORK/s.json" "$2" <<'PY' || die "$3"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
cond = sys.argv[2]
sys.exit(0 if any(eval(cond, {"r": r, "d": json.loads(r["detail"] or "{}")}) for r in items) else 1)
PY
	ok "$3"
}
has 查阅载体 "r['event']=='carrier.read' and r['object_id']=='$CID'" "查阅载体 finds the carrier.read record"
has 刘洋 "r['event']=='carrier.borrow' and r['object_id']=='$CID' and d['names']['person_id']=='刘洋'" \
	"刘洋 finds the loan, whose record carries the borrower's name as written"
has "$NUM" "r['event']=='carrier.register' and r['object_id']=='$CID'" "the carrier number finds its registration"
has 机密 "r['event']=='carrier.register' and r['object_id']=='$CID'" "机密 finds the record of a 机密 (secret) carrier"
has 载体 "r['object_type']=='carrier' and r['object_id']=='$CID'" "载体 (the object type's label) finds the carrier's records"

search 没有这样的记录文字 >"$WORK/s.json"
[ "$STATUS" = 200 ] && [ "$(json total <"$WORK/s.json")" = 0 ] || die "text no record holds finds nothing: $(cat "$WORK/s.json")"
ok "text no record holds finds nothing"
search "$(python3 -c 'print("长"*40)')" >/dev/null
expect 400 "a search over 100 bytes is refused"
as "$OFF" GET "/api/v1/audit?q=%E5%88%98%E6%B4%8B" >/dev/null
expect 403 "the officer may not search the audit log"

# the object types of every record written here have labels
as "$AUD" GET "/api/v1/audit?limit=200" >"$WORK/all.json"
python3 - "$WORK/all.json" "$WORK/meta.json" <<'PY' || die "object types without a label"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
meta = json.load(open(sys.argv[2]))
objs = {o["code"] for o in meta["audit_objects"]}
evs = {o["code"] for o in meta["audit_events"]}
bad = sorted({r["object_type"] for r in items if r["object_type"] and r["object_type"] not in objs} |
             {r["event"] for r in items if r["event"] not in evs})
if bad:
    print("unlabelled:", bad)
    sys.exit(1)
PY
ok "every event and object type in the log has a label"
finish
