#!/bin/sh
# Self-inspection: a checklist from the shipped template, a campaign with
# phases, departments and inspectors, results and scoring, evidence files
# with their digest, a REAL report of `baomi-check all` from this machine
# imported (unknown host first, then matched to the registered computer),
# idempotent re-import, a tampered report refused, findings with need-to-
# know, rectification with every refusal, overdue escalation to the
# department head, a superior spot check, the campaign report as PDF and
# XLSX, and the media list that baomi-check --media reads.
. "$(dirname "$0")/lib.sh"
init_data
BAOMI_SWEEP_SECONDS=1
export BAOMI_SWEEP_SECONDS
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"办公室","code":"BGS"}' | json id)
person() { # person NAME CLASS DEPT
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$3,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
account() { # account USER PERSON ROLES -> token
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	echo "$aid" >"$WORK/id-$1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
P_OFF=$(person 保密办主任 core "$DA")
OFF=$(account off "$P_OFF" '"officer"')
INSP=$(account insp "$(person 检查员 important "$DB")" '"staff"')
HEADA=$(account heada "$(person 信息中心主任 important "$DA")" '"dept_head"')
HEADB=$(account headb "$(person 办公室主任 important "$DB")" '"dept_head"')
RESP=$(account resp "$(person 网管 general "$DA")" '"staff"')
INSP_ID=$(cat "$WORK/id-insp")
RESP_ID=$(cat "$WORK/id-resp")
ok "fixture: two departments, officer, inspector, two department heads, a responsible person"

# ---- checklist and campaign ----
as "$INSP" POST /api/v1/checklists '{"template":"seed"}' >/dev/null
expect 403 "only the officer creates checklists"
as "$OFF" POST /api/v1/checklists '{"template":"seed"}' >"$WORK/cl.json"
expect 201 "checklist from the shipped template (seeds 001/002)"
CL=$(json id <"$WORK/cl.json")
python3 - "$WORK/cl.json" >"$WORK/items.env" <<'EOF' || die "checklist items"
import json, sys
d = json.load(open(sys.argv[1]))
items = {i["code"]: i for i in d["items"]}
assert len(items) >= 30, len(items)
for need in ["net-isolation", "separate-storage", "internet-records"]:
    assert need in items, need
print("I_NET=%d W_NET=%d" % (items["net-isolation"]["id"], items["net-isolation"]["weight"]))
first = [i for i in d["items"] if i["code"] not in ("net-isolation",)][:2]
print("I_A=%d W_A=%d I_B=%d W_B=%d" % (first[0]["id"], first[0]["weight"], first[1]["id"], first[1]["weight"]))
EOF
. "$WORK/items.env"
ok "the template has the required items (network isolation, separate storage, internet records …)"
today=$(python3 -c 'import datetime as d; print((d.datetime.utcnow()+d.timedelta(hours=8)).date())')
day() { python3 -c "import datetime as d; print((d.datetime.utcnow()+d.timedelta(hours=8)).date()+d.timedelta(days=$1))"; }
as "$OFF" POST /api/v1/campaigns "{\"name\":\"2026年度保密自查\",\"checklist_id\":$CL,\"phases\":{\"find_start\":\"$(day 5)\",\"find_end\":\"$(day 2)\"},\"departments\":[$DA,$DB],\"inspectors\":[$INSP_ID]}" >/dev/null
expect 400 "a phase cannot end before it starts"
grep -q '"field":"phases.find_end"' "$WORK/resp" || die "names the phase date: $(cat "$WORK/resp")"
PH="{\"find_start\":\"$(day -3)\",\"find_end\":\"$(day 3)\",\"targeted_start\":\"$(day 4)\",\"targeted_end\":\"$(day 10)\",\"rectify_start\":\"$(day 11)\",\"rectify_end\":\"$(day 40)\",\"spot_start\":\"$(day 41)\",\"spot_end\":\"$(day 60)\"}"
as "$OFF" POST /api/v1/campaigns "{\"name\":\"2026年度保密自查\",\"checklist_id\":$CL,\"phases\":$PH,\"departments\":[$DA,$DB],\"inspectors\":[$INSP_ID]}" >"$WORK/c.json"
expect 201 "the officer starts a campaign in four phases"
C=$(json id <"$WORK/c.json")
json current_phase <"$WORK/c.json" | grep -qx find || die "current phase 查摆问题"
as "$OFF" GET "/api/v1/campaigns/$C" | grep -q "\"inspector_names\":{\"$INSP_ID\":\"insp\"}" ||
	die "a campaign names its inspectors: $(cat "$WORK/resp")"
ok "a campaign names its inspectors"

# ---- results and scores ----
res() { # res TOKEN ITEM DEPT RESULT
	as "$1" PUT "/api/v1/campaigns/$C/results" "{\"item_id\":$2,\"department_id\":$3,\"result\":\"$4\",\"note\":\"抽查\"}" >/dev/null
}
res "$RESP" "$I_A" "$DA" compliant
expect 404 "a non-inspector outside the campaign records no results (as if there were no campaign)"
res "$INSP" "$I_A" 99999 compliant
expect 400 "a department outside the campaign is refused"
res "$INSP" "$I_A" "$DA" compliant
expect 204 "the inspector records 符合"
res "$INSP" "$I_B" "$DA" noncompliant
expect 204 "… and 不符合 (which becomes a finding)"
res "$INSP" "$I_NET" "$DA" na
expect 204 "… and 不适用"
res "$INSP" "$I_A" "$DB" noncompliant
as "$OFF" GET "/api/v1/campaigns/$C/scores" >"$WORK/s.json"
expect 200 "scores"
python3 - "$WORK/s.json" "$DA" "$DB" "$W_A" "$W_B" <<'EOF' || die "scoring: $(cat "$WORK/s.json")"
import json, sys
s = json.load(open(sys.argv[1])); da, db, wa, wb = map(int, sys.argv[2:])
d = {x["department_id"]: x for x in s["departments"]}
assert abs(d[da]["score"] - round(100 * wa / (wa + wb), 2)) < 0.006, d[da]
assert d[da]["not_applicable"] == 1
assert d[db]["score"] == 0
assert abs(s["unit"]["score"] - round(100 * wa / (wa + wb + wa), 2)) < 0.006, s["unit"]
EOF
ok "scores: 100 × compliant weight ÷ applicable weight, per department and for the unit"

printf 'screen-saver photo\n' >"$WORK/ev.txt"
as "$INSP" POST "/api/v1/campaigns/$C/evidence?item_id=$I_A&department_id=$DA&name=ev.txt" "" \
	--data-binary "@$WORK/ev.txt" >"$WORK/e.json"
expect 201 "an evidence file is uploaded"
[ "$(json sha256 <"$WORK/e.json")" = "$(sha256sum "$WORK/ev.txt" | cut -d' ' -f1)" ] || die "stored with its SHA-256"
as "$HEADA" GET "/api/v1/evidence/$(json id <"$WORK/e.json")" >/dev/null
cmp -s "$WORK/resp" "$WORK/ev.txt" || die "the department head downloads the same bytes"
ok "evidence kept with its SHA-256 and read back intact"
as "$INSP" POST "/api/v1/campaigns/$C/evidence?item_id=$I_A&department_id=$DB&name=b.txt" "" \
	--data-binary "@$WORK/ev.txt" >"$WORK/eb.json"
as "$HEADA" GET "/api/v1/evidence/$(json id <"$WORK/eb.json")" >/dev/null
expect 404 "a department head cannot read another department's evidence"
as "$HEADA" GET "/api/v1/campaigns/$C/evidence" | python3 -c '
import json,sys; d=json.load(sys.stdin); assert d["total"] == 1 and d["items"][0]["name"] == "ev.txt", d' ||
	die "nor list it"
as "$HEADA" GET "/api/v1/campaigns/$C/scores" | python3 -c '
import json,sys; d=json.load(sys.stdin); assert len(d["departments"]) == 1 and d["unit"] is None, d' ||
	die "scores: own department only"
ok "a department head sees only their department's evidence and score"

# ---- a real report of baomi-check from this machine ----
mkdir -p "$WORK/scan"
printf '这份文件提到了绝密工程的进度。\n' >"$WORK/scan/note.txt"
printf '绝密工程\n' >"$WORK/kw.txt"
# a password-protected PDF (/Encrypt in its trailer): a finding of its own
printf '%%PDF-1.4\ntrailer\n<< /Size 1 /Encrypt 2 0 R >>\n%%%%EOF\n' >"$WORK/scan/locked.pdf"
# a zip holding the keyword in a member: the hit names the member, archive!member
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.writestr("docs/计划.txt", "绝密工程的计划"); z.close()' "$WORK/scan/archive.zip"
NENC=0
if [ -n "${BAOMI_CHECK_BIN:-}" ] && [ -x "$BAOMI_CHECK_BIN" ]; then
	"$BAOMI_CHECK_BIN" all --role classified --keywords "$WORK/kw.txt" -o "$WORK/report.json" "$WORK/scan" >/dev/null 2>&1 || true
	[ -s "$WORK/report.json" ] || die "baomi-check all wrote a report"
	ok "baomi-check all ran on this machine"
	KW=绝密工程
	NENC=1
else
	KW=绝密
	cp "$BAOMI_SRC/tests/data/checkreport/real.json" "$WORK/report.json"
	ok "baomi-check not built here: importing the committed real report"
fi
imp() { # imp CAMPAIGN FILE
	STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/campaigns/$1/check-reports" \
		-H "Authorization: Bearer $INSP" -H 'Content-Type: application/json' --data-binary "@$2")
	cat "$WORK/resp"
}
imp "$C" "$WORK/report.json" >"$WORK/i1.json"
expect 201 "the report is imported"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["unknown_host"] is True and d["findings_created"] >= 1 and d["encrypted_files"] == int(sys.argv[2]), d' "$WORK/i1.json" "$NENC" ||
	die "an unregistered host is reported as unknown: $(cat "$WORK/i1.json")"
ok "a host that is not a registered classified computer is reported as unknown"
imp "$C" "$WORK/report.json" >"$WORK/i2.json"
expect 200 "the same report again"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["already_imported"] and d["findings_created"] == 0, d' "$WORK/i2.json" ||
	die "re-import changes nothing"
ok "re-importing the same report changes nothing"
python3 - "$WORK/report.json" "$WORK/tampered.json" <<'EOF'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
i = b.index(b'"hostname"') + 12
b[i] = ord("X") if b[i] != ord("X") else ord("Y")
open(sys.argv[2], "wb").write(bytes(b))
EOF
imp "$C" "$WORK/tampered.json" >/dev/null
expect 400 "an edited report is refused"
grep -q 'digest\|摘要' "$WORK/resp" || die "because its digest no longer matches: $(cat "$WORK/resp")"

# register this machine as a classified computer in 信息中心, then a second campaign
MID=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["report"]["host"]["machine_id"])' "$WORK/report.json" 2>/dev/null ||
	python3 -c 'import json,re,sys; t=open(sys.argv[1]).read(); print(re.search(r"\"machine_id\":\"([0-9a-f]*)\"", t).group(1))' "$WORK/report.json")
[ -n "$MID" ] || die "the report names the machine id"
as "$OFF" POST /api/v1/carriers "{\"type\":\"computer\",\"title\":\"信息中心涉密计算机\",\"level\":\"secret\",\"serial\":\"$MID\",\"classified_use\":true,\"custodian_id\":$P_OFF,\"scope_departments\":[$DA]}" >"$WORK/pc.json"
expect 201 "this machine registered as a classified computer (serial = machine id)"
PC=$(json id <"$WORK/pc.json")
as "$OFF" POST /api/v1/campaigns "{\"name\":\"专项检查\",\"checklist_id\":$CL,\"phases\":$PH,\"departments\":[$DA,$DB],\"inspectors\":[$INSP_ID]}" >"$WORK/c2.json"
C2=$(json id <"$WORK/c2.json")
imp "$C2" "$WORK/report.json" >"$WORK/i3.json"
expect 201 "imported into the second campaign"
python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
assert d["unknown_host"] is False and d["carrier_id"] == int(sys.argv[2]) and d["department_id"] == int(sys.argv[3]), d' \
	"$WORK/i3.json" "$PC" "$DA" || die "matched to the computer: $(cat "$WORK/i3.json")"
ok "the host is matched to the registered computer and its custodian's department"

as "$OFF" GET "/api/v1/campaigns/$C2/findings" >"$WORK/f.json"
python3 - "$WORK/f.json" "$DA" "$KW" "$NENC" >"$WORK/f.env" <<'EOF' || die "findings from the report: $(cat "$WORK/f.json")"
import json, sys
f = json.load(open(sys.argv[1]))["items"]
hits = [x for x in f if x["item_code"] == "separate-storage" and "加密文件" not in x["title"]]
assert hits and sys.argv[3] in hits[0]["evidence"] and hits[0]["department_id"] == int(sys.argv[2]), hits
# the encrypted files: one finding for the host, on the keyword-hit item, naming the file
enc = [x for x in f if "加密文件" in x["title"]]
assert len(enc) == int(sys.argv[4]), enc
assert all("locked.pdf [pdf]" in x["evidence"] and
           x["item_code"] == "separate-storage" for x in enc), enc
assert all(x["source"] == "check" for x in f)
# a real report names the member of the zip that holds the keyword
assert sys.argv[4] == "0" or any("archive.zip!docs/计划.txt [" in x["evidence"] for x in hits), hits
print("F_HIT=%d" % hits[0]["id"])
EOF
. "$WORK/f.env"
ok "each failed check and the keyword hits became findings on their checklist items"
as "$HEADA" GET "/api/v1/campaigns/$C2/findings" >"$WORK/fa.json"
python3 -c '
import json,sys; f=json.load(open(sys.argv[1]))["items"]
assert f and all(x["department_id"] == int(sys.argv[2]) for x in f)
h=[x for x in f if x["item_code"] == "separate-storage" and "加密文件" not in x["title"]][0]
assert h["restricted"] and sys.argv[3] not in h["evidence"], h
assert all(x["restricted"] and "locked.pdf" not in x["evidence"] for x in f if "加密文件" in x["title"]), f' "$WORK/fa.json" "$DA" "$KW" || die "department head view"
ok "the department head sees their department's findings, without keyword contexts or encrypted file names"
as "$HEADB" GET "/api/v1/campaigns/$C2/findings" | python3 -c 'import json,sys; assert json.load(sys.stdin)["items"] == []' ||
	die "the other department's head sees none of them"
as "$RESP" GET "/api/v1/campaigns/$C2/findings" >/dev/null
expect 404 "staff read no campaign findings (as if there were no campaign)"

# ---- rectification ----
as "$RESP" POST "/api/v1/findings/$F_HIT/task" "{\"responsible_id\":$RESP_ID,\"deadline\":\"$today\"}" >/dev/null
expect 404 "staff outside the campaign assign no tasks (as if there were no finding)"
as "$INSP" POST "/api/v1/findings/$F_HIT/task" "{\"responsible_id\":$RESP_ID,\"deadline\":\"$(day -1)\"}" >/dev/null
expect 400 "a deadline in the past is refused"
as "$INSP" POST "/api/v1/findings/$F_HIT/task" "{\"responsible_id\":$RESP_ID,\"deadline\":\"$today\",\"plan\":\"清理非涉密计算机上的涉密文件\"}" >"$WORK/t.json"
expect 201 "the inspector assigns the rectification"
T=$(json id <"$WORK/t.json")
ra() { as "$1" POST "/api/v1/rect-tasks/$T/actions" "$2" >/dev/null; }
ra "$HEADB" '{"action":"start"}'
expect 403 "only the responsible person starts"
ra "$RESP" '{"action":"verify"}'
expect 403 "the responsible person cannot verify"
ra "$RESP" '{"action":"start"}'
expect 200 "整改中"
ra "$RESP" '{"action":"done"}'
expect 400 "done needs the measures taken"
ra "$RESP" '{"action":"done","measures":"已删除并登记"}'
expect 200 "已整改"
ra "$INSP" '{"action":"reject"}'
expect 400 "a rejection needs a reason"
ra "$INSP" '{"action":"reject","reason":"回收站未清空"}'
expect 200 "verification failed: back to 整改中"
ra "$RESP" '{"action":"done","measures":"已清空回收站"}'
as "$OFF" GET "/api/v1/rect-tasks" >"$WORK/rt.json"
python3 - "$WORK/rt.json" "$T" "$RESP_ID" <<'EOF2' || die "the task list names who recorded it done: $(cat "$WORK/rt.json")"
import json, sys
t = [x for x in json.load(open(sys.argv[1]))["items"] if x["id"] == int(sys.argv[2])][0]
assert t["done_by"] == int(sys.argv[3]) and t["done_at"], t
EOF2
ok "the task list names who recorded it done, and when (the page offers them no verify)"
ra "$INSP" '{"action":"verify"}'
expect 200 "the inspector verifies"
ra "$INSP" '{"action":"reject","reason":"x"}'
expect 409 "nothing follows verification"

# an overdue task escalates to the head of its department
F2=$(python3 -c 'import json,sys; print([x["id"] for x in json.load(open(sys.argv[1]))["items"] if x["item_code"] != "separate-storage"][0])' "$WORK/f.json")
as "$INSP" POST "/api/v1/findings/$F2/task" "{\"responsible_id\":$RESP_ID,\"deadline\":\"$today\"}" >"$WORK/t2.json"
T2=$(json id <"$WORK/t2.json")
sqlite3 "$DATA/baomi.db" "UPDATE rect_tasks SET deadline = deadline - 3 WHERE id = $T2" # three days pass
as "$RESP" GET "/api/v1/rect-tasks?overdue=1" | grep -q "\"id\":$T2" || die "the overdue task is in the reminders"
ok "an overdue task is in the responsible person's reminders"
i=0
until as "$HEADA" GET /api/v1/notifications | grep -q 'rectification.overdue'; do
	i=$((i + 1))
	[ $i -gt 50 ] && die "the department head was told"
	sleep 0.2
done
ok "the sweeper escalated it to the head of 信息中心"
as "$HEADB" GET /api/v1/notifications | grep -q 'rectification.overdue' && die "not to the other department's head"
ok "… and to no one else"

# ---- superior spot check, the report, the media list ----
as "$INSP" POST "/api/v1/campaigns/$C2/spot-checks" "{\"task_id\":$T,\"superior_unit\":\"市国家保密局\",\"inspector\":\"李督查\",\"passed\":true,\"note\":\"整改到位\"}" >/dev/null
expect 201 "a superior spot check is recorded on a rectification"
as "$OFF" GET "/api/v1/campaigns/$C2/report?format=pdf" >/dev/null
cp "$WORK/resp" "$WORK/r.pdf"
[ "$STATUS" = 200 ] || die "campaign report PDF: $STATUS"
pdftotext "$WORK/r.pdf" - >"$WORK/r.txt"
grep -q '自查工作报告' "$WORK/r.txt" && grep -q '发现问题及整改情况' "$WORK/r.txt" && grep -q '市国家保密局' "$WORK/r.txt" ||
	die "the PDF holds the sections"
grep -q "$KW" "$WORK/r.txt" && die "keyword contexts stay out of the report"
grep -q '活动期外' "$WORK/r.txt" && die "findings of the 查摆问题 phase are filed under it, not 活动期外"
ok "the campaign report as a Chinese PDF (sections, findings, spot checks; no keyword contexts)"
as "$OFF" GET "/api/v1/campaigns/$C2/report?format=xlsx" >/dev/null
cp "$WORK/resp" "$WORK/r.xlsx"
unzip -l "$WORK/r.xlsx" | grep -q 'xl/worksheets/sheet2.xml' || die "an XLSX workbook of several sheets"
ok "… and as XLSX"

as "$OFF" POST /api/v1/carriers '{"type":"usb","title":"涉密U盘","level":"secret","serial":"USB-SN-0001","classified_use":true}' >/dev/null
expect 201 "a classified USB drive registered"
as "$OFF" GET /api/v1/carrier-media-list >/dev/null
grep -q '^USB-SN-0001 机密' "$WORK/resp" || die "media list: $(cat "$WORK/resp")"
ok "the media list for baomi-check --media names the registered drive and its level"
as "$RESP" GET /api/v1/carrier-media-list >/dev/null
expect 403 "only the officer exports the media list"
# ---- a second operating system and disc burning become findings in Chinese ----
if [ -n "${BAOMI_CHECK_BIN:-}" ] && [ -x "$BAOMI_CHECK_BIN" ]; then
	P="$WORK/planted"
	mkdir -p "$P/etc" "$P/boot/efi/EFI/kylin" "$P/boot/efi/EFI/Microsoft" "$P/var/lib/dpkg"
	printf 'ID=kylin\n' >"$P/etc/os-release"
	printf 'Package: brasero\nStatus: install ok installed\n' >"$P/var/lib/dpkg/status"
	"$BAOMI_CHECK_BIN" all --root "$P" --role classified --keywords "$WORK/kw.txt" -o "$WORK/planted.json" \
		"$WORK/scan/note.txt" >/dev/null 2>&1 || true
	imp "$C" "$WORK/planted.json" >/dev/null
	expect 201 "the report of a host with Windows beside Kylin and a burner is imported"
	as "$OFF" GET "/api/v1/campaigns/$C/findings" >"$WORK/fo.json"
	python3 - "$WORK/fo.json" <<'EOF3' || die "other-OS and burning findings: $(cat "$WORK/fo.json")"
import json, sys
f = json.load(open(sys.argv[1]))["items"]
os_ = [x for x in f if x["title"].startswith("软件安装管理：另一操作系统（其他可启动分区与引导项）（主机 ")]
burn = [x for x in f if x["title"].startswith("复制和印制管理：光盘刻录软件与刻录记录（主机 ")]
assert len(os_) == 1 and os_[0]["item_code"] == "software-control" and os_[0]["severity"] == "high", os_
assert "EFI/Microsoft: Microsoft（Windows）" in os_[0]["evidence"], os_[0]["evidence"]
assert len(burn) == 1 and burn[0]["item_code"] == "copy-control" and burn[0]["severity"] == "medium", burn
assert "Brasero" in burn[0]["evidence"], burn[0]["evidence"]
EOF3
	ok "a second operating system and a disc burner are findings with Chinese titles and their evidence"
fi
finish
