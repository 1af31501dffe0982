#!/bin/sh
# A custodian who may not read the person directory (a 涉密人员 only) still picks a borrower and
# reads the history by name: GET /api/v1/carriers/{id} carries "people", the names of exactly
# the people the carrier names (custodian, holder, knowledge scope), and of no one else.
. "$(dirname "$0")/lib.sh"
start_demo
OFF=$(login_ready lixy 'People-Pass-2026-1')
SUN=$(login_ready sunh 'People-Pass-2026-2')
as "$SUN" GET /api/v1/people >/dev/null
expect 403 "sunh (涉密人员) may not read the person directory"
SP=$(as "$SUN" GET /api/v1/session | json account.person_id)
# two other people of the demo: one goes in the scope, one stays out
as "$OFF" GET "/api/v1/people?limit=500" >"$WORK/people.json"
IN=$(python3 -c 'import json,sys; print([p["id"] for p in json.load(open(sys.argv[1]))["items"] if p["name"]=="刘洋"][0])' "$WORK/people.json")
OUT=$(python3 -c 'import json,sys; print([p["id"] for p in json.load(open(sys.argv[1]))["items"] if p["name"]=="张伟"][0])' "$WORK/people.json")
as "$OFF" POST /api/v1/carriers "{\"type\":\"paper_doc\",\"title\":\"值班记录簿\",\"level\":\"confidential\",\"period_years\":5,\"custodian_id\":$SP,\"scope_people\":[$SP,$IN]}" >"$WORK/c.json"
expect 201 "a 秘密 carrier with sunh as custodian and 刘洋 in its scope"
CID=$(json id <"$WORK/c.json")
as "$SUN" GET "/api/v1/carriers/$CID" >"$WORK/d.json"
expect 200 "sunh reads his carrier"
python3 - "$WORK/d.json" "$SP" "$IN" "$OUT" <<'PY' || die "people of the carrier: $(cat "$WORK/d.json")"
import json, sys
d = json.load(open(sys.argv[1]))
sp, inn, out = sys.argv[2], sys.argv[3], sys.argv[4]
people = d["people"]
assert set(people) == {sp, inn}, people
assert people[inn]["name"] == "刘洋", people
assert out not in people
assert all(isinstance(v["department_id"], (int, type(None))) for v in people.values())
PY
ok "the detail names the custodian and the scope, and no one else"
finish
