#!/bin/sh
# Ledger files as the 保密员 uses them in the browser: the list fills the knowledge scope (one
# query for the page); the export (XLSX, CSV) follows the list's filters and need-to-know, with
# the screen's column names and 知悉人员/知悉部门 by name; the import checks a file without
# writing (dry_run: every bad row with its line and column, and the rows that would import),
# then stores all rows or none, from CSV and XLSX, with the screen's headers and the old ones;
# the carrier detail says which actions need an approval, through which chain, and when one
# is ready to use.
. "$(dirname "$0")/lib.sh"
init_data
start_server
SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"办公室","code":"BGS"}' | json id)
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$3,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
mk() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
PO=$(person 王保密 core "$DA")
PO2=$(person 陈保密 core "$DA")
PA=$(person 李科员 important "$DA")
PB=$(person 赵局外 important "$DB")
OFF=$(mk off "$PO" '"officer"')
OFF2=$(mk off2 "$PO2" '"officer"')
OUT=$(mk outsider "$PB" '"staff"')
TODAY=$(bj_date)
TOMORROW=$(bj_date +1)
ok "fixture: two officers, staff in two departments"

reg() {
	as "$OFF" POST /api/v1/carriers "$1" >"$WORK/reg.json"
	[ "$STATUS" = 201 ] || die "register: HTTP $STATUS $(cat "$WORK/reg.json")"
	json id <"$WORK/reg.json"
}
C1=$(reg "{\"type\":\"paper_doc\",\"title\":\"甲 涉密会议纪要\",\"level\":\"secret\",\"scope_people\":[$PA],\"scope_departments\":[$DA],\"location\":\"保密柜1\"}")
C2=$(reg "{\"type\":\"usb\",\"title\":\"乙 U盘\",\"level\":\"confidential\",\"scope_people\":[$PA,$PB]}")
reg '{"type":"printer","title":"丙 打印机","level":"internal"}' >/dev/null

# ---- the list fills the knowledge scope ----
as "$OFF" GET '/api/v1/carriers?limit=10' >"$WORK/list.json"
expect 200 "the officer's list"
python3 - "$WORK/list.json" "$C1" "$C2" "$PA" "$PB" "$DA" <<'PY' || die "list items carry their knowledge scope: $(cat "$WORK/list.json")"
import json, sys
items = {i["id"]: i for i in json.load(open(sys.argv[1]))["items"]}
c1, c2, pa, pb, da = map(int, sys.argv[2:])
assert items[c1]["scope_people"] == [pa] and items[c1]["scope_departments"] == [da], items[c1]
assert items[c2]["scope_people"] == [pa, pb] and items[c2]["scope_departments"] == [], items[c2]
PY
as "$OUT" GET '/api/v1/carriers?q=%E4%B9%99' >"$WORK/list.json"
[ "$(json items.0.scope_people <"$WORK/list.json")" = "[$PA, $PB]" ] || die "a search page fills the scope too: $(cat "$WORK/list.json")"
ok "list and search items carry scope_people and scope_departments"

# ---- export: the screen's columns, the scope by name, the list's filters ----
STATUS=$(curl -s -o "$WORK/all.csv" -w '%{http_code}' "$BASE/api/v1/carriers/export?format=csv" -H "Authorization: Bearer $OFF")
expect 200 "CSV export"
python3 - "$WORK/all.csv" <<'PY' || die "the CSV export has the screen's headers and 知悉范围 by name: $(cat "$WORK/all.csv")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
head = rows[0]
for want in ["编号", "名称", "密级", "定密日期", "保密期限届满", "知悉人员", "知悉部门", "保管人", "专人管理",
             "当前持有人", "归还期限", "存放位置", "超期依据"]:
    assert want in head, (want, head)
for old in ["起始日期", "届满日期", "责任人", "借用人", "知悉范围（人员）"]:
    assert old not in head, (old, head)
by = {r[head.index("名称")]: r for r in rows[1:]}
c1 = by["甲 涉密会议纪要"]
assert c1[head.index("知悉人员")] == "李科员", c1
assert c1[head.index("知悉部门")] == "信息中心", c1
assert c1[head.index("保管人")] == "王保密", c1
assert by["乙 U盘"][head.index("知悉人员")] == "李科员、赵局外", by["乙 U盘"]
assert len(rows) == 4, rows
PY
ok "CSV export: the screen's column names, 知悉人员 and 知悉部门 filled by name"
STATUS=$(curl -s -o "$WORK/secret.csv" -w '%{http_code}' "$BASE/api/v1/carriers/export?format=csv&level=secret" -H "Authorization: Bearer $OFF")
expect 200 "CSV export filtered by level"
grep -q '甲 涉密会议纪要' "$WORK/secret.csv" || die "the 机密 carrier is in the 机密 export"
grep -q '乙 U盘' "$WORK/secret.csv" && die "the export ignores the level filter"
STATUS=$(curl -s -o "$WORK/q.csv" -w '%{http_code}' "$BASE/api/v1/carriers/export?format=csv&type=usb" -H "Authorization: Bearer $OFF")
[ "$(grep -c 'U盘' "$WORK/q.csv")" = 1 ] && ! grep -q '甲 涉密' "$WORK/q.csv" || die "the export ignores the type filter"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' "$BASE/api/v1/carriers/export?format=csv&level=nope" -H "Authorization: Bearer $OFF")
expect 400 "an unknown filter value is refused, as in the list"
ok "the export follows the list's filters"
STATUS=$(curl -s -o "$WORK/out.csv" -w '%{http_code}' "$BASE/api/v1/carriers/export?format=csv" -H "Authorization: Bearer $OUT")
expect 200 "an outsider's export"
grep -q '甲 涉密会议纪要' "$WORK/out.csv" && die "the export leaks a carrier outside the caller's need-to-know"
grep -q '乙 U盘' "$WORK/out.csv" || die "the outsider's export holds what they may see"
ok "need-to-know holds in the export"
STATUS=$(curl -s -o "$WORK/all.xlsx" -w '%{http_code}' "$BASE/api/v1/carriers/export?format=xlsx" -H "Authorization: Bearer $OFF")
expect 200 "XLSX export"
python3 - "$WORK/all.xlsx" <<'PY' || die "the XLSX export is a workbook with the screen's headers and the scope"
import sys, zipfile
raw = open(sys.argv[1], "rb").read()
assert raw[:2] == b"PK", raw[:4]
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
for want in ["定密日期", "保管人", "当前持有人", "知悉人员", "李科员、赵局外", "信息中心"]:
    assert want in text, want
assert "起始日期" not in text and "借用人" not in text
PY
ok "XLSX export: a real workbook, the screen's headers, 知悉范围 filled"

count() { as "$OFF" GET '/api/v1/carriers?limit=1' | json total; }
BEFORE=$(count)

# ---- dry run: the preview, nothing stored ----
printf '名称,类型,密级,定密日期,知悉人员,保管人,存放位置\n导入甲,纸质文件资料,秘密,2026-03-01,李科员,王保密,柜1\n导入乙,纸质文件资料,机蜜,%s,,,柜2\n导入丙,U盘,内部,,,,柜3\n' "$TOMORROW" >"$WORK/bad.csv"
# through `as`, so that the contract check sees the preview
as "$OFF" POST '/api/v1/carriers/import?dry_run=true' '' -H 'Content-Type: text/csv' --data-binary @"$WORK/bad.csv" >/dev/null
expect 200 "a dry run answers the preview, even for a file with a bad row"
python3 - "$WORK/resp" "$PO" <<'PY' || die "the preview names each bad row's line and column, and the good rows: $(cat "$WORK/resp")"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["dry_run"] is True and r["total"] == 3 and r["valid"] == 2, r
got = {(e["line"], e["field"]) for e in r["errors"]}
assert got == {(3, "密级"), (3, "定密日期")}, got
assert all(e["message"] and e["message_en"] for e in r["errors"]), r["errors"]
assert [x["line"] for x in r["rows"]] == [2, 4], r["rows"]
first = r["rows"][0]
assert first["title"] == "导入甲" and first["level"] == "confidential" and first["type"] == "paper_doc", first
assert first["issued_on"] == "2026-03-01" and first["custodian_id"] == int(sys.argv[2]), first
PY
[ "$(count)" = "$BEFORE" ] || die "a dry run stores nothing"
ok "dry run: every bad row with its line and screen column, the good rows, nothing stored"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import" \
	-H "Authorization: Bearer $OFF" -H 'Content-Type: text/csv' --data-binary @"$WORK/bad.csv")
expect 400 "the real import of the same file is refused"
[ "$(json error.code <"$WORK/resp")" = invalid_rows ] || die "invalid_rows"
[ "$(count)" = "$BEFORE" ] || die "all or nothing: the two good rows are not stored"
ok "all or nothing (CSV): a file with a bad row stores no row"
sed "s/机蜜,$TOMORROW/机密,$TODAY/" "$WORK/bad.csv" >"$WORK/good.csv"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import?dry_run=true" \
	-H "Authorization: Bearer $OFF" -H 'Content-Type: text/csv' --data-binary @"$WORK/good.csv")
expect 200 "dry run of the fixed file"
[ "$(json valid <"$WORK/resp")" = 3 ] && [ "$(json errors <"$WORK/resp")" = "[]" ] || die "the fixed file is clean: $(cat "$WORK/resp")"
[ "$(count)" = "$BEFORE" ] || die "a clean dry run stores nothing either"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import?dry_run=maybe" \
	-H "Authorization: Bearer $OFF" -H 'Content-Type: text/csv' --data-binary @"$WORK/good.csv")
expect 400 "dry_run is true or false"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import?dry_run=true" \
	-H "Authorization: Bearer $OUT" -H 'Content-Type: text/csv' --data-binary @"$WORK/good.csv")
expect 403 "only the officer checks an import"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import" \
	-H "Authorization: Bearer $OFF" -H 'Content-Type: text/csv' --data-binary @"$WORK/good.csv")
expect 201 "the fixed file imports"
[ "$(json imported <"$WORK/resp")" = 3 ] && [ "$(count)" = $((BEFORE + 3)) ] || die "three rows stored"
as "$OFF" GET '/api/v1/carriers?q=%E5%AF%BC%E5%85%A5%E7%94%B2' >"$WORK/s.json"
[ "$(json items.0.scope_people <"$WORK/s.json")" = "[$PA]" ] || die "the imported scope is stored: $(cat "$WORK/s.json")"
ok "the fixed CSV imports all its rows, with their scope"

# ---- XLSX, all or nothing ----
xlsx() { # xlsx OUT ROW... (cells separated by |)
	python3 - "$@" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
out, rows = sys.argv[1], [r.split("|") for r in sys.argv[2:]]
def col(i):
    return chr(ord("A") + i)
sheet = "".join(
    '<row r="%d">%s</row>' % (n + 1, "".join(
        '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(i), n + 1, escape(v))
        for i, v in enumerate(r) if v))
    for n, r in enumerate(rows))
files = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % sheet,
}
with zipfile.ZipFile(out, "w") as z:
    for name, text in files.items():
        z.writestr(name, text)
PY
}
BEFORE=$(count)
xlsx "$WORK/bad.xlsx" '名称|类型|密级|保管人|知悉部门' 'X表一|纸质文件资料|秘密|王保密|信息中心' 'X表二|纸质文件资料|秘密|查无此人|' 'X表三|光盘|机密||不存在的部门'
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import?dry_run=true" \
	-H "Authorization: Bearer $OFF" --data-binary @"$WORK/bad.xlsx")
expect 200 "dry run of an XLSX"
python3 - "$WORK/resp" <<'PY' || die "the XLSX preview: $(cat "$WORK/resp")"
import json, sys
r = json.load(open(sys.argv[1]))
got = {(e["line"], e["field"]) for e in r["errors"]}
assert got == {(3, "保管人"), (4, "知悉部门")}, got
assert [x["line"] for x in r["rows"]] == [2] and r["valid"] == 1, r
PY
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import" \
	-H "Authorization: Bearer $OFF" --data-binary @"$WORK/bad.xlsx")
expect 400 "an XLSX with bad rows is refused"
[ "$(count)" = "$BEFORE" ] || die "all or nothing (XLSX): no row stored"
ok "all or nothing (XLSX): bad rows named, nothing stored"
xlsx "$WORK/good.xlsx" '名称|类型|密级|保管人|知悉部门' 'X表一|纸质文件资料|秘密|王保密|信息中心' 'X表二|纸质文件资料|秘密|李科员|' 'X表三|光盘|机密||办公室'
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import" \
	-H "Authorization: Bearer $OFF" --data-binary @"$WORK/good.xlsx")
expect 201 "the fixed XLSX imports"
[ "$(count)" = $((BEFORE + 3)) ] || die "the three XLSX rows are stored"
ok "the fixed XLSX imports all its rows"

# ---- headers: the export imports back; the old headers still import; homonyms by department ----
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import?dry_run=true" \
	-H "Authorization: Bearer $OFF" --data-binary @"$WORK/all.csv")
expect 200 "dry run of our own export"
[ "$(json valid <"$WORK/resp")" = 3 ] && [ "$(json errors <"$WORK/resp")" = "[]" ] || die "the export's headers import back: $(cat "$WORK/resp")"
printf '名称,类型,密级,起始日期,知悉范围（人员）,知悉范围（部门）,责任人,专人\n旧表头,纸质文件资料,秘密,2026-02-01,李科员,办公室,王保密,\n' >"$WORK/old.csv"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import?dry_run=true" \
	-H "Authorization: Bearer $OFF" --data-binary @"$WORK/old.csv")
[ "$STATUS" = 200 ] && [ "$(json valid <"$WORK/resp")" = 1 ] && [ "$(json rows.0.issued_on <"$WORK/resp")" = 2026-02-01 ] ||
	die "a file with the old headers still imports: $(cat "$WORK/resp")"
ok "the export's own headers and the old headers both import"
person 李科员 important "$DB" >/dev/null
printf '名称,类型,密级,保管人\n重名甲,纸质文件资料,秘密,李科员\n重名乙,纸质文件资料,秘密,李科员（办公室）\n' >"$WORK/twin.csv"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import?dry_run=true" \
	-H "Authorization: Bearer $OFF" --data-binary @"$WORK/twin.csv")
python3 - "$WORK/resp" <<'PY' || die "two people of one name are told apart by department: $(cat "$WORK/resp")"
import json, sys
r = json.load(open(sys.argv[1]))
assert [(e["line"], e["field"]) for e in r["errors"]] == [(2, "保管人")], r["errors"]
assert "姓名（部门）" in r["errors"][0]["message"] and "#" not in r["errors"][0]["message"], r["errors"]
assert [x["line"] for x in r["rows"]] == [3], r["rows"]
PY
ok "a name two people share is refused; 姓名（部门） picks one"
STATUS=$(curl -s -o "$WORK/twins.csv" -w '%{http_code}' "$BASE/api/v1/carriers/export?format=csv&level=secret" -H "Authorization: Bearer $OFF")
expect 200 "export with two people of one name"
grep -q '李科员（信息中心）' "$WORK/twins.csv" || die "the export writes a shared name with its department: $(cat "$WORK/twins.csv")"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import?dry_run=true" \
	-H "Authorization: Bearer $OFF" --data-binary @"$WORK/twins.csv")
[ "$STATUS" = 200 ] && [ "$(json errors <"$WORK/resp")" = "[]" ] || die "that export imports back: $(cat "$WORK/resp")"
ok "the export names a shared name with its department, and imports back"

# ---- the detail says what needs an approval, through which chain, and when one is ready ----
as "$OFF" GET /api/v1/approval-rules >"$WORK/rules.json"
as "$OFF" GET "/api/v1/carriers/$C2" >"$WORK/c2.json"
expect 200 "the officer reads 乙"
python3 - "$WORK/c2.json" "$WORK/rules.json" <<'PY' || die "the detail lists the actions with their approval: $(cat "$WORK/c2.json")"
import json, sys
c = json.load(open(sys.argv[1]))
acts = {a["action"]: a for a in c["actions"]}
rules = [r for r in json.load(open(sys.argv[2]))["items"] if r["action"] == "take_out" and r["min_level"] == "confidential"]
assert acts["take_out"]["needs_approval"] and not acts["take_out"]["approved"], acts["take_out"]
assert acts["take_out"]["steps"] == rules[0]["steps"], (acts["take_out"], rules)
assert not acts["borrow"]["needs_approval"] and acts["borrow"]["steps"] == [], acts["borrow"]
assert acts["repair"]["needs_approval"] and acts["repair"]["off_site_only"], acts["repair"]
assert "return" not in acts and "sign" not in acts, "only what the state allows"
PY
as "$OUT" GET "/api/v1/carriers/$C2" >"$WORK/c2o.json"
python3 - "$WORK/c2o.json" <<'PY' || die "a staff member sees only the actions they may do: $(cat "$WORK/c2o.json")"
import json, sys
assert [a["action"] for a in json.load(open(sys.argv[1]))["actions"]] == [], "staff, not custodian: nothing"
PY
ok "the detail lists what the caller may do, each with its approval chain"
as "$OFF" POST "/api/v1/carriers/$C2/requests" '{"action":"take_out","reason":"赴省厅汇报"}' >"$WORK/rq.json"
expect 201 "the officer requests a take-out"
RQ=$(json id <"$WORK/rq.json")
as "$OFF2" POST "/api/v1/carrier-requests/$RQ/decision" '{"approve":true,"step":0}' >/dev/null
expect 200 "the other officer approves"
as "$OFF" GET "/api/v1/carriers/$C2" >"$WORK/c2.json"
python3 - "$WORK/c2.json" <<'PY' || die "the approved take-out is ready: $(cat "$WORK/c2.json")"
import json, sys
acts = {a["action"]: a for a in json.load(open(sys.argv[1]))["actions"]}
assert acts["take_out"]["approved"] is True, acts["take_out"]
assert acts["destroy"]["approved"] is False, acts["destroy"]
PY
ok "an approved request shows as ready to use"
finish
