#!/bin/sh
# Ledger export (XLSX, CSV; only what the caller may see) and import (CSV in UTF-8 and
# GBK, XLSX; every bad row reported with its line and field; all or nothing).
. "$(dirname "$0")/lib.sh"
init_data
start_server
SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"办公室","code":"BGS"}' | json id)
PO=$(as "$SEC" POST /api/v1/people "{\"name\":\"王保密\",\"staff_class\":\"core\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
PA=$(as "$SEC" POST /api/v1/people "{\"name\":\"李科员\",\"staff_class\":\"important\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
PB=$(as "$SEC" POST /api/v1/people "{\"name\":\"赵局外\",\"staff_class\":\"important\",\"department_id\":$DB,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
mk() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
OFF=$(mk off "$PO" '"officer"')
OUT=$(mk outsider "$PB" '"staff"')

printf '名称,类型,密级,保密期限（年）,起始日期,知悉范围（人员）,责任人,存放位置,备注\n关于涉密网络的报告,纸质文件资料,机密,,2026-03-01,李科员,王保密,保密柜1,第一行\n坏行,软盘,机密,,2026/13/40,张不存在,,保密柜2,\n超期,纸质文件资料,秘密,15,,李科员,,保密柜3,\n' >"$WORK/bad.csv"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import" \
	-H "Authorization: Bearer $OFF" -H 'Content-Type: text/csv' --data-binary @"$WORK/bad.csv")
expect 400 "a file with bad rows is refused"
python3 - "$WORK/resp" <<'PY' || die "every bad row is reported with its line and field: $(cat "$WORK/resp")"
import json, sys
errs = json.load(open(sys.argv[1]))["errors"]
got = {(e["line"], e["field"]) for e in errs}
for want in [(3, "类型"), (3, "定密日期"), (3, "知悉人员"), (4, "保密期限（年）")]:
    assert want in got, (want, got)
assert all(e["line"] != 2 for e in errs), errs
PY
ok "every bad row reported with line and field"
[ "$(as "$OFF" GET /api/v1/carriers | json total)" = 0 ] || die "nothing may be imported from a bad file"
ok "all or nothing: no record from the bad file"

# the same good rows in GBK
printf '名称,类型,密级,知悉范围（人员）,责任人,来源,来文单位,文号\n关于涉密网络的报告,纸质文件资料,机密,李科员,王保密,收文,市保密局,市保〔2026〕3号\n打印机,打印机,内部,,,自制,,\n' |
	iconv -f UTF-8 -t GBK >"$WORK/good-gbk.csv"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import" \
	-H "Authorization: Bearer $OFF" -H 'Content-Type: text/csv' --data-binary @"$WORK/good-gbk.csv")
expect 201 "a GBK CSV imports"
[ "$(json imported <"$WORK/resp")" = 2 ] || die "two rows imported"
as "$OFF" GET '/api/v1/carriers?q=%E7%BD%91%E7%BB%9C' >"$WORK/s.json"
[ "$(json total <"$WORK/s.json")" = 1 ] || die "the imported title is searchable"
[ "$(json items.0.sender <"$WORK/s.json")" = "市保密局" ] || die "GBK text decoded"
ok "imported rows are searchable and decoded from GBK"

STATUS=$(curl -s -o "$WORK/ledger.xlsx" -w '%{http_code}' "$BASE/api/v1/carriers/export?format=xlsx" -H "Authorization: Bearer $OFF")
expect 200 "XLSX export"
python3 - "$WORK/ledger.xlsx" <<'PY' || die "the XLSX export is a real workbook with the ledger"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert "xl/workbook.xml" in names, names
text = "".join(z.read(n).decode("utf-8") for n in names if n.endswith(".xml"))
assert "关于涉密网络的报告" in text and "编号" in text and "机密" in text
PY
ok "the XLSX export opens as a workbook with the ledger columns"
# re-import of our own export works (all or nothing, new numbers)
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import" \
	-H "Authorization: Bearer $OFF" --data-binary @"$WORK/ledger.xlsx")
expect 201 "the XLSX export imports back"
STATUS=$(curl -s -o "$WORK/ledger.csv" -w '%{http_code}' "$BASE/api/v1/carriers/export?format=csv" -H "Authorization: Bearer $OFF")
expect 200 "CSV export"
[ "$(grep -c '关于涉密网络的报告' "$WORK/ledger.csv")" = 2 ] || die "CSV export holds both reports"
STATUS=$(curl -s -o "$WORK/out.csv" -w '%{http_code}' "$BASE/api/v1/carriers/export?format=csv" -H "Authorization: Bearer $OUT")
expect 200 "an outsider's export"
grep -q '关于涉密网络的报告' "$WORK/out.csv" && die "the export leaks carriers outside the caller's need-to-know"
grep -q '打印机' "$WORK/out.csv" || die "unscoped internal equipment is in everyone's export"
ok "exports hold only what the caller may see"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import" \
	-H "Authorization: Bearer $OUT" --data-binary @"$WORK/good-gbk.csv")
expect 403 "only an officer imports"
printf 'not,a,ledger\n1,2,3\n' >"$WORK/nohead.csv"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/carriers/import" \
	-H "Authorization: Bearer $OFF" --data-binary @"$WORK/nohead.csv")
expect 400 "a file without the required header is refused"
finish
