#!/bin/sh
# The contact list (通讯录) and the register of rewards and penalties (奖惩) on the demo unit:
# who reads the list (command, officer, leader, duty) and the 403/404 everyone else gets on every
# read path (list, search, one, export); changes validated and audited; the countdown rows of an
# incident name whom to call with the number; 附件一 as a real PDF and a real XLSX; penalties for
# the officer and leader only, rewards for the unit, sources screened by need-to-know.
. "$(dirname "$0")/lib.sh"
start_demo

LIXY=$(login_ready lixy 'Ready-Pass-2026')
SUNH=$(login_ready sunh 'Ready-Pass-2026')
LIUY=$(login_ready liuy 'Ready-Pass-2026')
WANG=$(login_ready wangjg 'Ready-Pass-2026')
SEC=$(login_ready secadmin 'Ready-Pass-2026')
AUD=$(login_ready auditor 'Ready-Pass-2026')

# ---- who reads the list ----
as "$LIXY" GET /api/v1/contacts >"$WORK/all.json"
expect 200 "the officer reads the contact list"
python3 - "$WORK/all.json" <<'PY' || die "the demo's contacts: $(cat "$WORK/all.json")"
import json, sys
d = json.load(open(sys.argv[1]))
kinds = {c["kind"] for c in d["items"]}
for k in ("internal", "secrecy_admin", "police", "state_security", "cac", "jiyao", "info_office",
          "telecom", "power", "member_unit", "expert"):
    assert k in kinds, k
wang = [c for c in d["items"] if c["name"] == "王建国" and c["group"] == "保密专项应急指挥部"][0]
assert wang["ab"] == "A" and wang["linked_person"] and wang["linked_account"], wang
assert wang["office_phone"] and wang["mobile"], wang
PY
ok "internal members with A/B roles linked to their people and accounts; every kind of outside body"
SEC_ID=$(as "$LIXY" GET '/api/v1/contacts?kind=secrecy_admin' | json items.0.id)
as "$SUNH" GET '/api/v1/contacts?q=%E4%BF%9D%E5%AF%86' >/dev/null
expect 200 "the duty officer searches the list"
for who in LIUY SEC AUD; do
	eval tok=\$$who
	as "$tok" GET /api/v1/contacts >/dev/null
	expect 403 "$who may not list contacts"
	as "$tok" GET '/api/v1/contacts?q=%E4%BF%9D%E5%AF%86' >/dev/null
	expect 403 "$who may not search contacts"
	as "$tok" GET /api/v1/contacts/roster >/dev/null
	expect 403 "$who may not export 附件一"
	as "$tok" GET "/api/v1/contacts/$SEC_ID" >/dev/null
	expect 404 "$who gets the 404 of a missing contact"
done
as "$LIXY" GET /api/v1/contacts/999999 >"$WORK/missing.json"
expect 404 "a missing contact"
as "$LIUY" GET "/api/v1/contacts/$SEC_ID" >"$WORK/hidden.json"
cmp -s "$WORK/missing.json" "$WORK/hidden.json" || die "hidden and missing differ"
ok "a hidden contact answers exactly like a missing one"

# ---- changes ----
as "$SUNH" POST /api/v1/contacts '{"kind":"police","name":"派出所"}' >/dev/null
expect 403 "the duty officer reads but does not change the list"
as "$LIXY" POST /api/v1/contacts '{"kind":"police","name":"派出所","office_phone":"call me"}' >"$WORK/e.json"
expect 400 "a phone number of words is refused"
[ "$(json error.field <"$WORK/e.json")" = office_phone ] || die "field: $(cat "$WORK/e.json")"
as "$LIXY" POST /api/v1/contacts '{"kind":"army","name":"某部"}' >"$WORK/e.json"
expect 400 "an unknown kind is refused"
[ "$(json error.field <"$WORK/e.json")" = kind ] || die "field: $(cat "$WORK/e.json")"
as "$LIXY" POST /api/v1/contacts '{"kind":"police","name":"城东派出所","office_phone":"0571-8700 0110 转 8","trust":"normal"}' >"$WORK/c.json"
expect 201 "the officer adds a police station"
CID=$(json id <"$WORK/c.json")
as "$WANG" PATCH "/api/v1/contacts/$CID" '{"mobile":"138 0000 0110","trust":"high"}' >"$WORK/c.json"
expect 200 "the command changes it"
[ "$(json mobile <"$WORK/c.json")/$(json trust <"$WORK/c.json")/$(json office_phone <"$WORK/c.json")" = "138 0000 0110/high/0571-8700 0110 转 8" ] ||
	die "only the given fields change: $(cat "$WORK/c.json")"
ok "a change sets only the fields given"
as "$LIXY" POST /api/v1/contacts '{"kind":"internal","name":"张伟","group":"保密应急领导小组","title":"联络员","liaison":true}' >"$WORK/c2.json"
expect 201 "an internal member by name"
[ "$(json linked_account <"$WORK/c2.json")" = True ] || die "not linked: $(cat "$WORK/c2.json")"
ok "the member is linked to the person and account of that name"
as "$LIXY" DELETE "/api/v1/contacts/$CID" >/dev/null
expect 204 "the officer removes a contact"
as "$AUD" GET '/api/v1/audit?object_type=contact&limit=100' >"$WORK/audit.json"
expect 200 "the audit log"
python3 - "$WORK/audit.json" <<'PY' || die "audit: $(cat "$WORK/audit.json")"
import json, sys
ev = [a["event"] for a in json.load(open(sys.argv[1]))["items"]]
for e in ("contact.create", "contact.update", "contact.delete"):
    assert e in ev, (e, ev)
PY
ok "contact changes are audited"

# ---- the command from a plan ----
PLAN=$(as "$LIXY" POST /api/v1/plans '{"template":"leak"}' | json id)
as "$LIXY" GET "/api/v1/plans/$PLAN" | python3 -c '
import json, sys
b = json.load(sys.stdin)["body"]
g = b["command"]["groups"][1]
g["members"][0]["name"] = "赵敏"         # 组长: a person of the demo, with an account
g["members"][2]["name"] = "李秀英"       # 成员（保密办）: listed already
print(json.dumps({"body": b}, ensure_ascii=False))' >"$WORK/plan-body.json"
as "$LIXY" PATCH "/api/v1/plans/$PLAN" "$(cat "$WORK/plan-body.json")" >/dev/null
expect 200 "the draft plan names two members of its command"
as "$SUNH" POST /api/v1/contacts/import-plan "{\"plan_id\":$PLAN}" >/dev/null
expect 403 "the duty officer does not import"
as "$LIXY" POST /api/v1/contacts/import-plan "{\"plan_id\":$PLAN}" >"$WORK/imp.json"
expect 200 "the officer imports the plan's command"
[ "$(json added <"$WORK/imp.json")/$(json skipped <"$WORK/imp.json")" = 1/1 ] || die "import: $(cat "$WORK/imp.json")"
as "$LIXY" POST /api/v1/contacts/import-plan "{\"plan_id\":$PLAN}" >"$WORK/imp.json"
[ "$(json added <"$WORK/imp.json")/$(json skipped <"$WORK/imp.json")" = 0/2 ] || die "second import: $(cat "$WORK/imp.json")"
as "$LIXY" GET '/api/v1/contacts?q=%E8%B5%B5%E6%95%8F' >"$WORK/zm.json"
python3 -c '
import json, sys
c = json.load(sys.stdin)["items"][0]
assert c["group"] == "保密应急领导小组" and c["title"] == "组长（法定代表人）" and c["ab"] == "A", c
assert c["linked_person"] and c["linked_account"], c' <"$WORK/zm.json" || die "imported member: $(cat "$WORK/zm.json")"
ok "the named members come in once, with group, post and A/B role, linked by name"

# ---- whom to call ----
as "$LIXY" GET /api/v1/incidents >"$WORK/incs.json"
LEAK=$(python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin)["items"] if "遗失" in i["title"]][0])' <"$WORK/incs.json")
as "$LIXY" GET "/api/v1/incidents/$LEAK" >"$WORK/leak.json"
expect 200 "the closed leak"
python3 - "$WORK/leak.json" <<'PY' || die "countdown contacts: $(cat "$WORK/leak.json")"
import json, sys
d = json.load(open(sys.argv[1]))["deadlines"]
by = {x["to"]: x["contact"] for x in d}
s = by["同级保密行政管理部门和上级主管部门"]
assert s["name"] == "市国家保密局" and s["phone"] == "135 7100 1100", s
g = by["本单位保密应急领导小组"]
assert g["person"] == "李秀英" and g["phone"], g
PY
ok "each countdown row names whom to call and the number (保密行政管理部门, the group's A member)"
as "$LIUY" GET "/api/v1/incidents/$LEAK" >"$WORK/leak2.json"
if [ "$STATUS" = 200 ]; then
	python3 -c 'import json,sys; assert all(x["contact"] is None for x in json.load(sys.stdin)["deadlines"])' <"$WORK/leak2.json" ||
		die "contacts shown to a reader of the incident outside the list's roles"
	ok "a reader of the incident outside the list's roles sees no contact"
fi
as "$LIXY" GET /api/v1/todo >"$WORK/todo.json"
expect 200 "the officer's to-do list"
grep -q '联系：市委网信办网络安全应急指挥中心 135 7100 1200' "$WORK/todo.json" ||
	die "the to-do countdown rows name no one to call: $(cat "$WORK/todo.json")"
ok "the to-do list's countdown rows name whom to call and the number"
as "$LIXY" GET "/api/v1/incidents/$LEAK/form?which=report&format=html" >"$WORK/form.html"
expect 200 "the report form"
grep -q '135 7100 1100' "$WORK/form.html" || die "the form names no number: $(head -c 2000 "$WORK/form.html")"
ok "the report form shows whom to call and the number"

# ---- 附件一 ----
curl -s -o "$WORK/roster.pdf" -w '%{http_code}' -H "Authorization: Bearer $LIXY" "$BASE/api/v1/contacts/roster?format=pdf" >"$WORK/st"
[ "$(cat "$WORK/st")" = 200 ] || die "roster pdf: $(cat "$WORK/st")"
[ "$(head -c 4 "$WORK/roster.pdf")" = "%PDF" ] || die "not a PDF"
ok "附件一 as PDF"
curl -s -o "$WORK/roster.xlsx" -w '%{http_code}' -H "Authorization: Bearer $SUNH" "$BASE/api/v1/contacts/roster?format=xlsx" >"$WORK/st"
[ "$(cat "$WORK/st")" = 200 ] || die "roster xlsx: $(cat "$WORK/st")"
python3 - "$WORK/roster.xlsx" <<'PY' || die "the XLSX"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
sheets = [n for n in names if n.startswith("xl/worksheets/sheet")]
assert len(sheets) >= 4, names
text = "".join(z.read(n).decode() for n in names if n.endswith(".xml"))
for want in ("王建国", "市疾病预防控制中心", "市国家保密局", "保密专项应急指挥部"):
    assert want in text, want
PY
ok "附件一 as XLSX: a workbook with the command, member units, 联络员 and outside bodies"

# ---- rewards and penalties ----
as "$LIXY" GET /api/v1/rewards >"$WORK/rw.json"
expect 200 "the officer reads the register"
PEN=$(python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin)["items"] if r["penalty"]][0])' <"$WORK/rw.json")
as "$LIUY" GET /api/v1/rewards >"$WORK/rw2.json"
expect 200 "a department head reads the rewards"
python3 - "$WORK/rw.json" "$WORK/rw2.json" <<'PY' || die "penalties leak: $(cat "$WORK/rw2.json")"
import json, sys
a = json.load(open(sys.argv[1]))["items"]
b = json.load(open(sys.argv[2]))["items"]
assert any(r["penalty"] for r in a) and any(not r["penalty"] for r in a), a
assert b and not any(r["penalty"] for r in b), b
assert len(b) == len([r for r in a if not r["penalty"]])
PY
ok "penalties are listed to the officer only; rewards to the unit"
as "$LIUY" GET "/api/v1/rewards/$PEN" >"$WORK/h.json"
expect 404 "a penalty is missing to a department head"
as "$LIXY" GET /api/v1/rewards/999999 >"$WORK/m.json"
cmp -s "$WORK/h.json" "$WORK/m.json" || die "hidden and missing penalty differ"
as "$WANG" GET "/api/v1/rewards/$PEN" >/dev/null
expect 200 "the leader reads a penalty"
as "$AUD" GET /api/v1/rewards >/dev/null
expect 403 "administrators do not read the register"
as "$LIUY" POST /api/v1/rewards '{"kind":"commend","person":"刘洋","basis":"x","decided_by":"y","decided_on":"2026-01-01"}' >/dev/null
expect 403 "a department head does not record"
as "$LIXY" POST /api/v1/rewards "{\"kind\":\"admonish\",\"person\":\"无此人\",\"basis\":\"x\",\"decided_by\":\"y\",\"decided_on\":\"$(bj_date)\"}" >"$WORK/e.json"
expect 400 "an unknown person is refused"
[ "$(json error.field <"$WORK/e.json")" = person ] || die "field: $(cat "$WORK/e.json")"
as "$LIXY" POST /api/v1/rewards "{\"kind\":\"admonish\",\"person\":\"黄磊\",\"department\":\"信息中心\",\"basis\":\"x\",\"decided_by\":\"y\",\"decided_on\":\"$(bj_date)\"}" >/dev/null
expect 400 "a person and a department at once is refused"
as "$LIXY" POST /api/v1/rewards "{\"kind\":\"admonish\",\"person\":\"黄磊\",\"incident_id\":$LEAK,\"basis\":\"未及时报告\",\"decided_by\":\"单位保密委员会\",\"decided_on\":\"$(bj_date)\"}" >"$WORK/r.json"
expect 201 "the officer records an admonition for the leak"
[ "$(json source.id <"$WORK/r.json")/$(json kind_zh <"$WORK/r.json")" = "$LEAK/诫勉谈话" ] || die "record: $(cat "$WORK/r.json")"
as "$WANG" GET "/api/v1/rewards?incident_id=$LEAK" >"$WORK/ri.json"
expect 200 "the incident's records"
[ "$(json total <"$WORK/ri.json")" = 2 ] || die "the leak's records: $(cat "$WORK/ri.json")"
ok "the incident's evaluation lists its two penalties"
KID=$(as "$LIXY" GET /api/v1/campaigns | json items.0.id)
curl -s -o "$WORK/camp.xlsx" -H "Authorization: Bearer $LIXY" "$BASE/api/v1/campaigns/$KID/report?format=xlsx"
python3 - "$WORK/camp.xlsx" <<'PY' || die "the campaign report lists no rewards"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
assert "六、奖惩情况" in text and "表彰" in text and "年度保密自查中问题整改及时" in text
PY
ok "the campaign report lists the commendation it led to"
as "$AUD" GET '/api/v1/audit?event=reward.create&limit=10' >"$WORK/a.json"
[ "$(json total <"$WORK/a.json")" -ge 4 ] || die "reward.create audit: $(cat "$WORK/a.json")"
ok "records are audited"
finish
