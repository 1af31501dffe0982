#!/bin/sh
# `baomi inspect ...` and `baomi check ...` drive a whole self-inspection
# campaign through the server's API with API tokens: a checklist from the
# shipped template, a campaign, results and the scores table with its
# formula, an evidence file and its SHA-256, a REAL baomi-check report
# imported (unknown host, re-import says already imported, a tampered
# report exits 2 with the reason, then matched to the registered computer),
# findings with need-to-know on keyword hits, rectification assigned,
# started, done, rejected, verified, overdue escalation, a superior spot
# check, the report as PDF and XLSX, the media list that baomi-check
# --media accepts, and the HMAC key of keyed reports.
. "$(dirname "$0")/lib.sh"
init_data
BAOMI_SWEEP_SECONDS=1
export BAOMI_SWEEP_SECONDS
start_server
SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
DB=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"办公室","code":"BGS"}' | json id)
account() { # account USER NAME CLASS DEPT ROLE — prints an API token; ids in $WORK/{id,person}-USER
	pid=$(as "$SEC" POST /api/v1/people "{\"name\":\"$2\",\"staff_class\":\"$3\",\"department_id\":$4,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$2\",\"person_id\":$pid,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[\"$5\"]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	echo "$aid" >"$WORK/id-$1"
	echo "$pid" >"$WORK/person-$1"
	t=$(login_ready "$1" "Ready-Pass-2026" "First-Pass-2026")
	as "$t" POST /api/v1/tokens '{"name":"cli","expires_days":30}' | json token
}
OFF=$(account off 王保密 core "$DA" officer)
INSP=$(account insp 赵检查 important "$DB" staff)
HEADA=$(account heada 钱主任 important "$DA" dept_head)
RESP=$(account resp 孙网管 general "$DA" staff)
SECT=$(as "$SEC" POST /api/v1/tokens '{"name":"cli","expires_days":30}' | json token)
INSP_ID=$(cat "$WORK/id-insp")
RESP_ID=$(cat "$WORK/id-resp")
P_OFF=$(cat "$WORK/person-off")
export BAOMI_URL="$BASE"
b() { # b TOKEN ARGS... — the CLI as that account
	tok=$1
	shift
	BAOMI_TOKEN=$tok "$BAOMI" "$@"
}
fails() { # fails TOKEN ARGS... — must exit 1 when the server refused (401/403/404/409), else 2
	set +e
	b "$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	set -e
	want=2
	grep -Eq '^baomi: (401|403|404|409) ' "$WORK/err" && want=1
	[ $rc = $want ] || die "$* should exit $want, got $rc: $(cat "$WORK/out" "$WORK/err")"
}
has() { # has FILE TEXT...
	f=$1
	shift
	for t in "$@"; do
		grep -qF -- "$t" "$f" || die "'$t' missing from: $(cat "$f")"
	done
}
hasnt() { # hasnt FILE TEXT
	! grep -qF -- "$2" "$1" || die "'$2' should not be in: $(cat "$1")"
}
day() { python3 -c "import datetime as d; print((d.datetime.utcnow()+d.timedelta(hours=8)).date()+d.timedelta(days=$1))"; }
today=$(day 0)
ok "fixture: two departments, officer, inspector, department head, responsible person (API tokens)"

# ---- checklists ----
fails "$INSP" inspect checklist-create --template seed
has "$WORK/err" "403"
fails "$OFF" inspect checklist-create --template nope
has "$WORK/err" "没有该检查表模板" "template"
b "$OFF" inspect checklist-create --template seed >"$WORK/o" || die "checklist-create"
has "$WORK/o" "已创建检查表" "保密自查自评检查表"
CL=$(sed -n 's/.*checklist created: #\([0-9]*\).*/\1/p' "$WORK/o")
[ -n "$CL" ] || die "checklist id in: $(cat "$WORK/o")"
ok "baomi inspect checklist-create: only the officer, an unknown template exits 2"
b "$INSP" inspect checklists >"$WORK/o" || die "checklists"
has "$WORK/o" "seed" "共 1 个"
b "$INSP" inspect checklist "$CL" >"$WORK/o" || die "checklist"
has "$WORK/o" "检查表 #$CL" "内外网物理隔离" "net.default_route" "涉密与非涉密信息分类存储" "关键词命中" \
	"移动存储介质不交叉使用" "usb.cross_use"
b "$INSP" inspect checklist "$CL" --format json >"$WORK/cl.json"
python3 - "$WORK/cl.json" >"$WORK/items.env" <<'EOF' || die "checklist items"
import json, sys
d = json.load(open(sys.argv[1]))
items = {i["code"]: i for i in d["items"]}
assert len(items) >= 30, len(items)
print("I_NET=%d" % items["net-isolation"]["id"])
first = [i for i in d["items"] if i["code"] != "net-isolation"][:2]
print("I_A=%d W_A=%d I_B=%d W_B=%d" % (first[0]["id"], first[0]["weight"], first[1]["id"], first[1]["weight"]))
EOF
. "$WORK/items.env"
ok "baomi inspect checklists / checklist: items with the baomi-check ids that feed them"

# ---- campaigns ----
fails "$OFF" inspect create --json "{\"name\":\"x\",\"checklist_id\":$CL,\"phases\":{\"find_start\":\"$(day 5)\",\"find_end\":\"$(day 2)\"}}"
has "$WORK/err" "phases.find_end"
ok "a phase that ends before it starts exits 2 naming the date"
PH="{\"find_start\":\"$(day -3)\",\"find_end\":\"$(day 3)\",\"targeted_start\":\"$(day 4)\",\"targeted_end\":\"$(day 10)\",\"rectify_start\":\"$(day 11)\",\"rectify_end\":\"$(day 40)\",\"spot_start\":\"$(day 41)\",\"spot_end\":\"$(day 60)\"}"
printf '{"name":"2026年度保密自查","checklist_id":%s,"phases":%s,"departments":[%s,%s],"inspectors":[%s]}' \
	"$CL" "$PH" "$DA" "$DB" "$INSP_ID" | b "$OFF" inspect create --json - >"$WORK/o" || die "create"
has "$WORK/o" "已创建检查活动" "2026年度保密自查" "当前阶段 查摆问题"
C=$(sed -n 's/.*campaign created: #\([0-9]*\).*/\1/p' "$WORK/o")
[ -n "$C" ] || die "campaign id in: $(cat "$WORK/o")"
fails "$INSP" inspect create --json "{\"name\":\"x\",\"checklist_id\":$CL,\"phases\":$PH}"
has "$WORK/err" "403"
ok "baomi inspect create --json -: a campaign in four phases (officer only)"
b "$OFF" inspect campaigns >"$WORK/o" || die "campaigns"
has "$WORK/o" "2026年度保密自查" "查摆问题" "进行中" "共 1 个"
b "$OFF" inspect campaign "$C" >"$WORK/o" || die "campaign"
has "$WORK/o" "检查活动 #$C" "查摆问题" "专项检查" "整改落实" "上级督查" "$(day 4) 至 $(day 10)" \
	"信息中心、办公室" "#$INSP_ID"
b "$OFF" inspect edit "$C" --json '{"name":"2026年度保密自查（第一轮）"}' >"$WORK/o" || die "edit"
has "$WORK/o" "已保存检查活动" "第一轮"
fails "$INSP" inspect edit "$C" --json '{"name":"改名"}'
ok "baomi inspect campaigns / campaign / edit: phases with dates, departments by name"

# ---- results and scores ----
fails "$RESP" inspect result "$C" --item "$I_A" --department "$DA" --result compliant
has "$WORK/err" "404" "检查活动不存在"
fails "$INSP" inspect result "$C" --item "$I_A" --department "$DA" --result maybe
has "$WORK/err" "result"
fails "$INSP" inspect result "$C" --item "$I_A" --result compliant
has "$WORK/err" "usage"
b "$INSP" inspect result "$C" --item "$I_A" --department "$DA" --result compliant --note 抽查 >"$WORK/o" || die "result"
has "$WORK/o" "已记录" "符合"
b "$INSP" inspect result "$C" --item "$I_B" --department "$DA" --result noncompliant --note 屏保未设置 | grep -q "不符合" || die "noncompliant"
b "$INSP" inspect result "$C" --item "$I_NET" --department "$DA" --result na | grep -q "不适用" || die "na"
b "$INSP" inspect result "$C" --item "$I_A" --department "$DB" --result noncompliant >/dev/null || die "result DB"
ok "baomi inspect result: 符合 / 不符合 / 不适用 by the inspector; others refused (1), bad values exit 2"
b "$OFF" inspect results "$C" >"$WORK/o" || die "results"
has "$WORK/o" "信息中心" "办公室" "不符合" "不适用" "屏保未设置" "赵检查" "共 4 条"
b "$OFF" inspect results "$C" --department "$DB" | grep -q "共 1 条" || die "results --department"
b "$HEADA" inspect results "$C" >"$WORK/o" || die "results as head"
has "$WORK/o" "共 3 条"
ok "baomi inspect results [--department]: a department head sees their own department"
b "$OFF" inspect scores "$C" >"$WORK/o" || die "scores"
python3 - "$W_A" "$W_B" >"$WORK/sc.env" <<'EOF'
import sys
wa, wb = map(int, sys.argv[1:])
print("SA=%.2f SU=%.2f" % (100 * wa / (wa + wb), 100 * wa / (wa + wb + wa)))
EOF
. "$WORK/sc.env"
has "$WORK/o" "部门" "得分" "信息中心" "$SA" "办公室" "0.00" "全单位 / unit" "$SU" \
	"计分方法：部门得分 = 100 × 符合项权重之和" "unit score = 100 × compliant weight"
b "$OFF" inspect scores "$C" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["departments"]) == 2' ||
	die "scores --format json"
ok "baomi inspect scores: a table per department and the unit ($SA, 0.00, $SU), with the formula"

printf 'screen-saver photo\n' >"$WORK/屏保设置.txt"
b "$INSP" inspect evidence "$C" --item "$I_A" --department "$DA" "$WORK/屏保设置.txt" >"$WORK/o" || die "evidence"
has "$WORK/o" "已上传证据" "屏保设置.txt" "$(sha256sum "$WORK/屏保设置.txt" | cut -d' ' -f1)"
as "$OFF" GET "/api/v1/campaigns/$C/evidence" | grep -q '屏保设置.txt' || die "stored under its name"
fails "$INSP" inspect evidence "$C" --item "$I_A" --department 99999 "$WORK/屏保设置.txt"
has "$WORK/err" "department_id"
ok "baomi inspect evidence: stored with its SHA-256; a department outside the campaign exits 2"

# ---- a real report of baomi-check from this machine ----
mkdir -p "$WORK/scan"
printf '这份文件提到了绝密工程的进度。\n' >"$WORK/scan/note.txt"
printf '绝密工程\n' >"$WORK/kw.txt"
HAVE_CHECK=""
if [ -n "${BAOMI_CHECK_BIN:-}" ] && [ -x "$BAOMI_CHECK_BIN" ]; then
	HAVE_CHECK=1
	"$BAOMI_CHECK_BIN" all --role classified --keywords "$WORK/kw.txt" -o "$WORK/report.json" "$WORK/scan" >/dev/null 2>&1 || true
	[ -s "$WORK/report.json" ] || die "baomi-check all wrote a report"
	ok "baomi-check all ran on this machine"
else
	cp "$BAOMI_SRC/tests/data/checkreport/real.json" "$WORK/report.json"
	ok "baomi-check not built here: importing the committed real report"
fi
fails "$INSP" check import "$WORK/report.json"
has "$WORK/err" "usage: baomi check import REPORT.json --campaign ID"
fails "$RESP" check import "$WORK/report.json" --campaign "$C"
has "$WORK/err" "404" "检查活动不存在"
b "$INSP" check import "$WORK/report.json" --campaign "$C" >"$WORK/o" || die "check import: $(cat "$WORK/o")"
has "$WORK/o" "已导入 / imported" "主机 / host：" "未登记主机 / unknown host" "未通过检查 / failed checks：" \
	"关键词命中 / keyword hits：" "新增问题 / findings created："
grep -q '新增问题 / findings created：[1-9]' "$WORK/o" || die "findings created: $(cat "$WORK/o")"
ok "baomi check import: host, unknown host, failed checks, keyword hits, findings created"
b "$INSP" check import "$WORK/report.json" --campaign "$C" >"$WORK/o" || die "re-import"
has "$WORK/o" "已导入过" "already imported" "新增问题 0"
ok "re-importing the same report says 已导入过 and changes nothing"
python3 - "$WORK/report.json" "$WORK/tampered.json" <<'EOF'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
i = b.index(b'"hostname"') + 12
b[i] = ord("X") if b[i] != ord("X") else ord("Y")
open(sys.argv[2], "wb").write(bytes(b))
EOF
fails "$INSP" check import "$WORK/tampered.json" --campaign "$C"
has "$WORK/err" "400"
grep -q 'digest\|摘要' "$WORK/err" || die "the reason is the digest: $(cat "$WORK/err")"
[ "$(grep -o 'digest mismatch' "$WORK/err" | wc -l)" = 1 ] ||
	die "the English reason is said once: $(cat "$WORK/err")"
ok "a tampered report exits 2 with the server's reason (digest mismatch)"

# register this machine as a classified computer in 信息中心 (serial = machine id)
MID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["report"]["host"]["machine_id"])' "$WORK/report.json")
KW=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["report"]["scan"]["hits"][0]["keyword"])' "$WORK/report.json")
[ -n "$MID" ] || die "the report names the machine id"
b "$OFF" carrier register --json "{\"type\":\"computer\",\"title\":\"信息中心涉密计算机\",\"level\":\"secret\",\"serial\":\"$MID\",\"classified_use\":true,\"custodian_id\":$P_OFF,\"scope_departments\":[$DA]}" >"$WORK/pc.json" ||
	die "register the computer"
PC=$(json id <"$WORK/pc.json")
PCNO=$(json number <"$WORK/pc.json")
C2=$(printf '{"name":"专项检查","checklist_id":%s,"phases":%s,"departments":[%s,%s],"inspectors":[%s]}' \
	"$CL" "$PH" "$DA" "$DB" "$INSP_ID" | b "$OFF" inspect create --json - --format json | json id)
b "$INSP" check import "$WORK/report.json" --campaign "$C2" >"$WORK/o" || die "import into C2"
has "$WORK/o" "已导入" "计算机 / computer：#$PC $PCNO（信息中心）"
hasnt "$WORK/o" "未登记主机"
ok "the host is matched to the registered computer ($PCNO) and its custodian's department"

# ---- findings ----
b "$OFF" inspect findings "$C2" >"$WORK/o" || die "findings"
has "$WORK/o" "严重程度" "终端检查" "未布置" "信息中心" "涉密与非涉密信息分类存储" "[$KW, "
b "$OFF" inspect findings "$C2" --format json >"$WORK/f.json"
python3 - "$WORK/f.json" >"$WORK/f.env" <<'EOF' || die "findings json"
import json, sys
f = json.load(open(sys.argv[1]))["items"]
hits = [x for x in f if x["item_code"] == "separate-storage"]
other = [x for x in f if x["item_code"] != "separate-storage"]
assert hits and other, f
print("F_HIT=%d F2=%d" % (hits[0]["id"], other[0]["id"]))
EOF
. "$WORK/f.env"
b "$HEADA" inspect findings "$C2" >"$WORK/o" || die "findings as head"
has "$WORK/o" "关键词命中详情仅保密员和检查人员可见"
hasnt "$WORK/o" "[$KW, "
fails "$RESP" inspect findings "$C2"
has "$WORK/err" "404"
b "$OFF" inspect findings "$C2" --department "$DB" | grep -q "共 0 项" || die "findings --department"
ok "baomi inspect findings: keyword contexts for the officer, withheld from the department head"
fails "$INSP" inspect finding-add "$C2" --json "{\"item_id\":$I_A,\"department_id\":$DB,\"severity\":\"grave\",\"title\":\"x\"}"
has "$WORK/err" "severity"
b "$INSP" inspect finding-add "$C2" --json "{\"item_id\":$I_A,\"department_id\":$DB,\"severity\":\"low\",\"title\":\"保密承诺书未更新\",\"evidence\":\"抽查3人\"}" >"$WORK/o" ||
	die "finding-add"
has "$WORK/o" "已登记问题" "保密承诺书未更新"
b "$OFF" inspect findings "$C2" --department "$DB" >"$WORK/o"
has "$WORK/o" "保密承诺书未更新" "一般" "检查记录" "抽查3人" "共 1 项"
ok "baomi inspect finding-add: a finding recorded by hand"

# ---- rectification ----
fails "$RESP" inspect assign "$F_HIT" --responsible "$RESP_ID" --deadline "$today"
has "$WORK/err" "404" "问题不存在"
fails "$INSP" inspect assign "$F_HIT" --responsible "$RESP_ID" --deadline "$(day -1)"
has "$WORK/err" "deadline"
b "$INSP" inspect assign "$F_HIT" --responsible "$RESP_ID" --deadline "$today" --plan 清理非涉密计算机上的涉密文件 >"$WORK/o" ||
	die "assign"
has "$WORK/o" "已布置整改任务" "问题 #$F_HIT" "待整改"
T=$(sed -n 's/.*rectification assigned: #\([0-9]*\).*/\1/p' "$WORK/o")
[ -n "$T" ] || die "task id in: $(cat "$WORK/o")"
fails "$INSP" inspect assign "$F_HIT" --responsible "$RESP_ID" --deadline "$today"
has "$WORK/err" "409" "该问题已有整改任务"
ok "baomi inspect assign: responsible person, deadline, plan; refusals exit 1 or 2"
b "$RESP" inspect tasks --mine >"$WORK/o" || die "tasks --mine"
has "$WORK/o" "待整改" "孙网管" "清理非涉密计算机上的涉密文件" "共 1 项"
fails "$INSP" inspect task "$T" start
has "$WORK/err" "403"
b "$RESP" inspect task "$T" start | grep -q "整改中" || die "start"
fails "$RESP" inspect task "$T" done
has "$WORK/err" "measures"
b "$RESP" inspect task "$T" done --measures 已删除并登记 | grep -q "已整改" || die "done"
fails "$RESP" inspect task "$T" verify
has "$WORK/err" "403"
fails "$INSP" inspect task "$T" reject
has "$WORK/err" "reason"
b "$INSP" inspect task "$T" reject --reason 回收站未清空 | grep -q "整改中" || die "reject"
b "$RESP" inspect task "$T" done --measures 已清空回收站 >/dev/null || die "done again"
b "$INSP" inspect task "$T" verify >"$WORK/o" || die "verify"
has "$WORK/o" "整改任务 #$T → 已验证（verified）"
fails "$INSP" inspect task "$T" reject --reason x
has "$WORK/err" "409"
fails "$INSP" inspect task "$T" finish
has "$WORK/err" "usage"
b "$OFF" inspect findings "$C2" | grep -q "#$T 已验证" || die "the finding shows its verified task"
ok "baomi inspect task start/done/reject/verify: each refusal exits 2 with the server's reason"

b "$INSP" inspect assign "$F2" --responsible "$RESP_ID" --deadline "$today" >"$WORK/o" || die "assign F2"
T2=$(sed -n 's/.*rectification assigned: #\([0-9]*\).*/\1/p' "$WORK/o")
sqlite3 "$DATA/baomi.db" "UPDATE rect_tasks SET deadline = deadline - 3 WHERE id = $T2" # three days pass
b "$RESP" inspect tasks --overdue >"$WORK/o" || die "tasks --overdue"
has "$WORK/o" "已逾期" "共 1 项"
i=0
until b "$OFF" inspect tasks --campaign "$C2" --overdue >"$WORK/o" && grep -q "已逾期上报部门负责人" "$WORK/o"; do
	i=$((i + 1))
	[ $i -gt 50 ] && die "the sweeper's escalation: $(cat "$WORK/o")"
	sleep 0.2
done
b "$OFF" inspect tasks --campaign "$C2" | grep -q "共 2 项" || die "tasks --campaign"
ok "baomi inspect tasks --overdue: the overdue task, escalated to the department head"

# ---- superior spot check, the report ----
b "$INSP" inspect spot "$C2" --json "{\"task_id\":$T,\"superior_unit\":\"市国家保密局\",\"inspector\":\"李督查\",\"passed\":true,\"note\":\"整改到位\"}" >"$WORK/o" ||
	die "spot"
has "$WORK/o" "已记录上级督查" "通过"
fails "$INSP" inspect spot "$C2" --json '{"superior_unit":"市国家保密局","inspector":"李督查"}'
has "$WORK/err" "passed"
b "$HEADA" inspect spots "$C2" >"$WORK/o" || die "spots"
has "$WORK/o" "市国家保密局" "李督查" "通过" "#$T" "整改到位" "共 1 次"
ok "baomi inspect spot / spots: the superior's spot check of a rectification"
b "$OFF" inspect report "$C2" --format pdf -o "$WORK/r.pdf" >"$WORK/o" || die "report pdf"
has "$WORK/o" "已保存"
[ "$(head -c 4 "$WORK/r.pdf")" = "%PDF" ] || die "a PDF"
pdftotext "$WORK/r.pdf" - >"$WORK/r.txt"
has "$WORK/r.txt" "自查工作报告" "发现问题及整改情况" "市国家保密局"
b "$OFF" inspect report "$C2" --format xlsx -o "$WORK/r.xlsx" >/dev/null || die "report xlsx"
unzip -l "$WORK/r.xlsx" | grep -q 'xl/worksheets/sheet2.xml' || die "an XLSX of several sheets"
fails "$OFF" inspect report "$C2" --format doc -o "$WORK/r.doc"
has "$WORK/err" "format"
[ ! -e "$WORK/r.doc" ] || die "nothing written on a refusal"
ok "baomi inspect report --format pdf|xlsx -o FILE"

# ---- the media list for baomi-check --media ----
b "$OFF" carrier register --json '{"type":"usb","title":"涉密U盘","level":"secret","serial":"USB-SN-0001","classified_use":true}' >/dev/null ||
	die "register a USB drive"
fails "$RESP" check media-list -o "$WORK/m.txt"
has "$WORK/err" "403"
b "$OFF" check media-list -o "$WORK/media.txt" | grep -q "已保存" || die "media-list"
grep -q '^USB-SN-0001 机密' "$WORK/media.txt" || die "media list: $(cat "$WORK/media.txt")"
grep -v '^#' "$WORK/media.txt" | grep -v '^[^ #][^ #]* [^ ]' && die "every line is SERIAL LEVEL"
ok "baomi check media-list -o FILE: SERIAL LEVEL lines"
if [ -n "$HAVE_CHECK" ]; then
	set +e
	"$BAOMI_CHECK_BIN" system --role classified --media "$WORK/media.txt" >"$WORK/mc.out" 2>"$WORK/mc.err"
	rc=$?
	set -e
	[ $rc = 0 ] || [ $rc = 1 ] || die "baomi-check --media refused the list ($rc): $(cat "$WORK/mc.err")"
	ok "baomi-check system --media accepts the list (exit $rc)"
fi

# ---- the HMAC key of keyed reports ----
printf 'short\n' >"$WORK/short.key"
fails "$SECT" check key --file "$WORK/short.key"
has "$WORK/err" "16 to 1024"
if [ -n "$HAVE_CHECK" ]; then
	python3 -c 'import secrets; print(secrets.token_hex(32))' >"$WORK/check.key"
	"$BAOMI_CHECK_BIN" all --role classified --keywords "$WORK/kw.txt" --hmac-key "$WORK/check.key" \
		-o "$WORK/keyed.json" "$WORK/scan" >/dev/null 2>&1 || true
else
	cp "$BAOMI_SRC/tests/data/checkreport/hmac.key" "$WORK/check.key"
	cp "$BAOMI_SRC/tests/data/checkreport/real-hmac.json" "$WORK/keyed.json"
fi
grep -q '"digest_alg":"hmac-sm3"' "$WORK/keyed.json" || die "a keyed report"
fails "$OFF" check key --file "$WORK/check.key"
has "$WORK/err" "403"
b "$SECT" check key --file "$WORK/check.key" >"$WORK/o" || die "check key"
has "$WORK/o" "已设置"
C3=$(printf '{"name":"抽查","checklist_id":%s,"phases":%s,"departments":[%s],"inspectors":[%s]}' \
	"$CL" "$PH" "$DA" "$INSP_ID" | b "$OFF" inspect create --json - --format json | json id)
fails "$INSP" check import "$WORK/report.json" --campaign "$C3"
has "$WORK/err" "SHA-256"
b "$INSP" check import "$WORK/keyed.json" --campaign "$C3" --format json >"$WORK/k.json" || die "keyed import"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["already_imported"] is False and d["report_id"] > 0, d' "$WORK/k.json" ||
	die "keyed report imported: $(cat "$WORK/k.json")"
ok "baomi check key --file: with a key set, the keyed report is imported and an unkeyed one refused"
: >"$WORK/empty.key"
b "$SECT" check key --file "$WORK/empty.key" | grep -q "已取消" || die "remove the key"
fails "$INSP" check import "$WORK/keyed.json" --campaign "$C3"
has "$WORK/err" "key"
ok "an empty key file removes the key; keyed reports are refused again"

fails "$OFF" inspect frobnicate
fails "$OFF" check
ok "unknown subcommands exit 2"
finish
