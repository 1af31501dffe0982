#!/bin/sh
# Inventory with labels (清查盘点): an inventory of a department finds a carrier missing and one
# out of place (and those registered elsewhere or not on the ledger); scans from a label
# scanner (prefix, CR LF) are read; a scan by someone outside the need-to-know is kept without
# the title; closing is compare-and-set; concurrent scans are all kept; the report lists the
# differences (PDF, XLSX); a missing carrier opens a leak incident, linked; labels are a real
# PDF whose QR codes hold the numbers, and every print is audited with its re-prints.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')

DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"办公室","code":"BGS"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"财务科","code":"CWK"}' | json id)
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$3,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
account() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
P_OFF=$(person 周保密 core "$DA")
P_OFF2=$(person 吴保密 core "$DA")
P_ALICE=$(person 艾丽 important "$DA")
P_BOB=$(person 鲍勃 important "$DB")
OFF=$(account off "$P_OFF" '"officer","staff"')
OFF2=$(account off2 "$P_OFF2" '"officer"')
ALICE=$(account alice "$P_ALICE" '"staff"')
BOB=$(account bob "$P_BOB" '"staff"')
ok "fixture: 2 departments, 4 people, officers and staff"

reg() { # reg JSON -> "id number"
	as "$OFF" POST /api/v1/carriers "$1" >"$WORK/reg.json"
	[ "$STATUS" = 201 ] || die "register: HTTP $STATUS $(cat "$WORK/reg.json")"
	echo "$(json id <"$WORK/reg.json") $(json number <"$WORK/reg.json")"
}
set -- $(reg "{\"type\":\"paper_doc\",\"title\":\"甲号文件 年度预算\",\"level\":\"secret\",\"custodian_id\":$P_ALICE,\"location\":\"办公室A柜\",\"scope_people\":[$P_ALICE]}")
C1=$1 N1=$2
set -- $(reg "{\"type\":\"usb\",\"title\":\"乙号U盘 会议纪要\",\"level\":\"confidential\",\"custodian_id\":$P_ALICE,\"location\":\"办公室A柜\"}")
C2=$1 N2=$2
set -- $(reg "{\"type\":\"paper_doc\",\"title\":\"丙号文件 人事档案\",\"level\":\"confidential\",\"custodian_id\":$P_OFF,\"location\":\"办公室B柜\"}")
C3=$1 N3=$2
set -- $(reg "{\"type\":\"paper_doc\",\"title\":\"丁号文件 财务报表\",\"level\":\"confidential\",\"custodian_id\":$P_BOB,\"location\":\"财务科柜\"}")
C4=$1 N4=$2
ok "four carriers: three kept in 办公室, one in 财务科"

as "$ALICE" POST /api/v1/inventories "{\"name\":\"2026年度清查\",\"department_id\":$DA}" >/dev/null
expect 403 "only an officer opens an inventory"
as "$OFF" POST /api/v1/inventories "{\"name\":\"2026年度清查\",\"kind\":\"annual\",\"department_id\":$DA}" >"$WORK/inv.json"
expect 201 "the officer opens an annual inventory of 办公室"
INV=$(json id <"$WORK/inv.json")
[ "$(json expected <"$WORK/inv.json")" = 3 ] || die "three carriers expected: $(cat "$WORK/inv.json")"
ok "the ledger expects the department's three carriers"

# scan CODE PLACE TOKEN -> the answer in $WORK/scan.json
scan() {
	body=$(python3 -c 'import json,sys; print(json.dumps({"code":sys.argv[1],"place":sys.argv[2]}))' "$1" "$2")
	as "$3" POST "/api/v1/inventories/$INV/scans" "$body" >"$WORK/scan.json"
}
scan "]Q1$N1
" 办公室A柜 "$ALICE"
expect 201 "a scanner's AIM prefix and CR LF are read as the number"
[ "$(json status <"$WORK/scan.json")" = found ] || die "甲 found: $(cat "$WORK/scan.json")"
[ "$(json title <"$WORK/scan.json")" = "甲号文件 年度预算" ] || die "alice sees the title"
ok "甲号 found in its place; its custodian sees its title"
scan "$(echo "$N2" | tr 'A-Z' 'a-z')" 会议室 "$ALICE"
[ "$(json status <"$WORK/scan.json")" = wrong_place ] || die "乙 out of place: $(cat "$WORK/scan.json")"
ok "乙号 scanned in lower case in 会议室: out of place"
scan "$N4" 办公室A柜 "$BOB"
expect 201 "a scan by someone outside the carrier's need-to-know is recorded"
[ "$(json status <"$WORK/scan.json")" = elsewhere ] || die "丁 registered elsewhere"
scan "$N1" 办公室A柜 "$BOB"
[ "$(json title <"$WORK/scan.json")" = None ] || die "bob must not see 甲's title: $(cat "$WORK/scan.json")"
grep -q 年度预算 "$WORK/scan.json" && die "the title leaked to bob"
ok "bob's scans are kept, without a title he may not see"
scan "编号：NOT-ON-LEDGER-9" 办公室A柜 "$OFF"
[ "$(json status <"$WORK/scan.json")" = unknown ] || die "an unknown number"
scan "	 " 办公室A柜 "$OFF"
expect 400 "blanks alone are no number"
grep -q '"field":"code"' "$WORK/resp" || die "the refusal names code"
scan "$(python3 -c 'print("X"*300)')" 办公室A柜 "$OFF"
expect 400 "an overlong scan is refused"

as "$BOB" GET "/api/v1/inventories/$INV" >"$WORK/bob.json"
expect 200 "bob reads the campaign"
grep -q 年度预算 "$WORK/bob.json" && die "bob's view shows 甲's title"
ok "the campaign view honours bob's need-to-know"

as "$OFF" GET "/api/v1/inventories/$INV" >"$WORK/live.json"
python3 - "$WORK/live.json" "$N1" "$N2" "$N3" "$N4" <<'EOF' || die "live reconciliation: $(cat "$WORK/live.json")"
import json, sys
d = json.load(open(sys.argv[1]))
by = {l["number"]: l["status"] for l in d["lines"]}
n1, n2, n3, n4 = sys.argv[2:6]
assert by[n1] == "found", by
assert by[n2] == "wrong_place", by
assert by[n3] == "missing", by
assert by[n4] == "elsewhere", by
assert by["NOT-ON-LEDGER-9"] == "unknown", by
t = d["tally"]
assert t["found"] == 1 and t["wrong_place"] == 1 and t["missing"] == 1 and t["elsewhere"] == 1 \
    and t["unknown"] == 1 and t["expected"] == 3 and t["scans"] == 5, t
EOF
ok "Done when: the inventory of 办公室 finds 丙号 missing and 乙号 out of place"

# concurrent scans from several clients, all kept; the close is compare-and-set
python3 - "$BASE" "$INV" "$OFF" "$ALICE" "$BOB" "$N1" <<'EOF' || die "concurrent scans"
import json, sys, threading, urllib.request
base, inv, toks, num = sys.argv[1], sys.argv[2], sys.argv[3:6], sys.argv[6]
errs = []
def client(tok, k):
    for i in range(15):
        body = json.dumps({"code": num, "place": "办公室A柜"}).encode()
        r = urllib.request.Request(f"{base}/api/v1/inventories/{inv}/scans", body, method="POST",
            headers={"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(r) as resp:
                if resp.status != 201: errs.append(resp.status)
        except Exception as e:
            errs.append(str(e))
ts = [threading.Thread(target=client, args=(t, k)) for k, t in enumerate(toks * 2)]
[t.start() for t in ts]; [t.join() for t in ts]
assert not errs, errs
EOF
as "$OFF" GET "/api/v1/inventories/$INV" >"$WORK/live.json"
[ "$(json tally.scans <"$WORK/live.json")" = 95 ] || die "6 clients x 15 scans + 5 kept: $(json tally <"$WORK/live.json")"
ok "90 scans from 6 parallel clients are all kept"
[ "$(json tally.found <"$WORK/live.json")" = 1 ] && [ "$(json tally.wrong_place <"$WORK/live.json")" = 1 ] ||
	die "甲 still found, 乙 still out of place: $(json tally <"$WORK/live.json")"

python3 - "$BASE" "$INV" "$OFF" "$OFF2" <<'EOF' >"$WORK/close.txt" || die "concurrent close"
import json, sys, threading, urllib.request, urllib.error
base, inv, toks = sys.argv[1], sys.argv[2], sys.argv[3:5]
st = []
def close(tok):
    r = urllib.request.Request(f"{base}/api/v1/inventories/{inv}/close", b"{}", method="POST",
        headers={"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(r) as resp: st.append(resp.status)
    except urllib.error.HTTPError as e: st.append(e.code)
ts = [threading.Thread(target=close, args=(t,)) for t in toks]
[t.start() for t in ts]; [t.join() for t in ts]
print(sorted(st))
EOF
[ "$(cat "$WORK/close.txt")" = "[200, 409]" ] || die "one close wins, the other is 409: $(cat "$WORK/close.txt")"
ok "two officers close at once: one 200, one 409"
scan "$N3" 办公室B柜 "$OFF"
expect 409 "no scan into a closed inventory"
as "$OFF" GET "/api/v1/inventories/$INV" >"$WORK/closed.json"
python3 - "$WORK/closed.json" "$N3" <<'EOF' || die "frozen result: $(cat "$WORK/closed.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["state"] == "closed" and d["closed_by"]
by = {l["number"]: l for l in d["lines"]}
assert by[sys.argv[2]]["status"] == "missing"
t = d["tally"]
assert t["missing"] == 1 and t["found"] == 1 and t["wrong_place"] == 1 and t["unknown"] == 1, t
EOF
ok "the closed result is frozen: 丙号 missing"

as "$OFF" GET "/api/v1/inventories/$INV/report?format=pdf" >"$WORK/report.pdf"
expect 200 "the closing report as PDF"
head -c 5 "$WORK/report.pdf" | grep -q '%PDF-' || die "not a PDF"
# pdftotext drops a hyphen where a number wraps: compare without them
pdftotext "$WORK/report.pdf" - | tr -d ' \n-' >"$WORK/report.txt"
grep -q "$(echo "$N3" | tr -d -)" "$WORK/report.txt" && grep -q 缺失 "$WORK/report.txt" && grep -q 位置不符 "$WORK/report.txt" ||
	die "the report lists the differences: $(cat "$WORK/report.txt")"
grep -q "$(echo "$N1" | tr -d -)" "$WORK/report.txt" && die "a carrier found in place is no difference"
ok "the PDF report lists 丙号 missing and the other differences, not 甲号"
as "$OFF" GET "/api/v1/inventories/$INV/report?format=xlsx" >"$WORK/report.xlsx"
expect 200 "the closing report as XLSX"
head -c 2 "$WORK/report.xlsx" | grep -q PK || die "not an XLSX"
as "$BOB" GET "/api/v1/inventories/$INV/report?format=pdf" >"$WORK/bob.pdf"
pdftotext "$WORK/bob.pdf" - | tr -d ' \n' | grep -q 年度预算 && die "bob's report shows a title he may not see"
ok "the report honours the reader's need-to-know"

as "$ALICE" POST "/api/v1/inventories/$INV/incident" "{\"carrier_id\":$C3}" >/dev/null
expect 403 "only the officer opens an incident from the inventory"
as "$OFF" POST "/api/v1/inventories/$INV/incident" "{\"carrier_id\":$C1}" >/dev/null
expect 400 "a carrier found is no missing carrier"
# two officers open it at once: one incident, linked; the other hears 409
python3 - "$BASE" "$INV" "$C3" "$OFF" "$OFF2" "$WORK/inc.json" <<'EOF' >"$WORK/inc-race.txt" || die "concurrent incident"
import json, sys, threading, urllib.request, urllib.error
base, inv, cid, toks, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:6], sys.argv[6]
st = []
def post(tok):
    r = urllib.request.Request(f"{base}/api/v1/inventories/{inv}/incident",
        json.dumps({"carrier_id": int(cid)}).encode(), method="POST",
        headers={"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(r) as resp:
            st.append(resp.status); open(out, "wb").write(resp.read())
    except urllib.error.HTTPError as e: st.append(e.code)
ts = [threading.Thread(target=post, args=(t,)) for t in toks]
[t.start() for t in ts]; [t.join() for t in ts]
print(sorted(st))
EOF
[ "$(cat "$WORK/inc-race.txt")" = "[201, 409]" ] || die "one incident wins, the other is 409: $(cat "$WORK/inc-race.txt")"
INC=$(json incident_id <"$WORK/inc.json")
as "$OFF" GET "/api/v1/incidents?limit=100" >"$WORK/incs.json"
[ "$(grep -o "清查发现载体缺失：$N3" "$WORK/incs.json" | wc -l)" = 1 ] ||
	die "exactly one incident for the missing carrier: $(cat "$WORK/incs.json")"
ok "the missing 丙号 opens one leak incident, even when two officers ask at once"
as "$OFF" GET "/api/v1/incidents/$INC" >"$WORK/incident.json"
[ "$(json kind <"$WORK/incident.json")" = leak ] || die "a leak incident"
grep -q "$N3" "$WORK/incident.json" || die "the incident names the carrier: $(cat "$WORK/incident.json")"
ok "the incident is prefilled (失泄密, the carrier's number) and linked"
as "$OFF" GET "/api/v1/inventories/$INV" | grep -q "\"incident_id\":$INC" || die "the line links the incident"
as "$OFF" POST "/api/v1/inventories/$INV/incident" "{\"carrier_id\":$C3}" >/dev/null
expect 409 "one incident per missing carrier"

# emergency count: the packing checklist
as "$OFF" POST /api/v1/inventories "{\"name\":\"应急清点\",\"kind\":\"emergency\",\"location\":\"办公室\"}" >"$WORK/em.json"
expect 201 "an emergency count over the 办公室 cabinets"
EM=$(json id <"$WORK/em.json")
as "$OFF" PUT "/api/v1/inventories/$EM/packing" "{\"carrier_id\":$C1,\"packed_by\":$P_ALICE,\"box\":\"1号箱\",\"taken_by\":$P_OFF}" >"$WORK/pack.json"
expect 200 "who packed 甲号 into which box, who took it"
[ "$(json items.0.box <"$WORK/pack.json")" = 1号箱 ] && [ "$(json items.0.taken_by_name <"$WORK/pack.json")" = 周保密 ] ||
	die "packing list: $(cat "$WORK/pack.json")"
as "$OFF" PUT "/api/v1/inventories/$EM/packing" "{\"carrier_id\":$C4,\"box\":\"2号箱\"}" >/dev/null
expect 400 "a carrier outside the count is not packed"
as "$OFF" PUT "/api/v1/inventories/$INV/packing" "{\"carrier_id\":$C1,\"box\":\"1号箱\"}" >/dev/null
expect 409 "an annual inventory keeps no packing list"
ok "emergency packing checklist"

# the command line: a USB scanner typing into the terminal, one label per line
export BAOMI_URL="$BASE"
printf '%s\r\n\n]Q1%s\n' "$N2" "$N3" | BAOMI_TOKEN=$OFF "$BAOMI" inventory scan "$EM" - >"$WORK/cli.txt" ||
	die "baomi inventory scan -: $(cat "$WORK/cli.txt")"
[ "$(grep -c 已清点 "$WORK/cli.txt")" = 2 ] || die "two lines, two scans: $(cat "$WORK/cli.txt")"
BAOMI_TOKEN=$OFF "$BAOMI" inventory show "$EM" >"$WORK/cli.txt" || die "inventory show"
grep -q "已清点 2" "$WORK/cli.txt" || die "the tally on the command line: $(cat "$WORK/cli.txt")"
BAOMI_TOKEN=$OFF "$BAOMI" inventory close "$INV" >"$WORK/cli.txt" 2>&1 && die "closing twice from the CLI"
BAOMI_TOKEN=$OFF "$BAOMI" inventory report "$INV" --format xlsx -o "$WORK/cli.xlsx" || die "inventory report"
head -c 2 "$WORK/cli.xlsx" | grep -q PK || die "the CLI's report is an XLSX"
ok "CLI: scans from stdin, show, a second close refused, the report"

# labels
as "$OFF" GET /api/v1/label-layouts >"$WORK/layouts.json"
expect 200 "label layouts"
grep -q a4-3x8 "$WORK/layouts.json" && grep -q a4-2x7 "$WORK/layouts.json" || die "layouts"
ids="$C1,$C2,$C3,$C4"
many="$ids,$ids,$ids,$ids,$ids,$ids,$ids"
as "$OFF" POST /api/v1/labels "{\"carriers\":[$many],\"layout\":\"a4-3x8\"}" >"$WORK/labels.pdf"
expect 200 "28 labels on 3x8 sheets"
head -c 5 "$WORK/labels.pdf" | grep -q '%PDF-' || die "labels: not a PDF"
[ "$(pdfinfo "$WORK/labels.pdf" | sed -n 's/^Pages: *//p')" = 2 ] || die "28 labels fill 2 pages of 24"
pdftotext "$WORK/labels.pdf" - | grep -q 年度预算 && die "a label carries a title"
pdftotext "$WORK/labels.pdf" - | grep -q "机密★20年" || die "the level mark on the label"
ok "labels: a real PDF, 2 pages, the level mark, no title"
if command -v zbarimg >/dev/null 2>&1; then
	as "$OFF" POST /api/v1/labels "{\"carriers\":[$C1,$C3],\"layout\":\"a4-4x10\"}" >"$WORK/two.pdf"
	pdftoppm -r 200 -gray -png "$WORK/two.pdf" "$WORK/two"
	zbarimg -q --raw "$WORK"/two*.png | sort >"$WORK/qr.txt"
	printf '%s\n%s\n' "$N1" "$N3" | sort | cmp -s - "$WORK/qr.txt" || die "QR codes decode to the numbers: $(cat "$WORK/qr.txt")"
	ok "the QR codes decode to the carriers' numbers only"
fi
as "$BOB" POST /api/v1/labels "{\"carriers\":[$C1]}" >/dev/null
expect 400 "no label for a carrier outside the need-to-know"
as "$AUD" GET "/api/v1/audit?event=carrier.label_print" >"$WORK/audit.json"
python3 - "$WORK/audit.json" <<'EOF' || die "label prints audited: $(cat "$WORK/audit.json")"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
assert len(items) >= 2, items
first = [i for i in items if json.loads(i["detail"]) ["labels"] == 28][0]
d = json.loads(first["detail"])
assert d["reprints"] == 0 and d["layout"] == "a4-3x8" and len(d["numbers"]) == 28, d
last = [i for i in items if json.loads(i["detail"])["labels"] == 2][0]
assert json.loads(last["detail"])["reprints"] == 2
assert last["username"] == "off"
EOF
ok "each print is audited: which carriers, who, when, and how many were re-prints"
finish
