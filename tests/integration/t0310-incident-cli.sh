#!/bin/sh
# `baomi plan|incident|warning|calendar ...` drive plans, incidents with their
# statutory deadlines, warnings and the calendar through the server's API
# with API tokens: Chinese text output with the countdown, refusals exit 1 (401/403/404/409), bad input 2
# with the server's reason, --format json for scripts.
. "$(dirname "$0")/lib.sh"
init_data
BAOMI_SWEEP_SECONDS=1
export BAOMI_SWEEP_SECONDS
start_server
SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"保密办","code":"BMB"}' | json id)
account() { # account USER NAME ROLE — prints an API token of a new business account
	pid=$(as "$SEC" POST /api/v1/people "{\"name\":\"$2\",\"staff_class\":\"core\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$2\",\"person_id\":$pid,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[\"$3\"]}" >/dev/null
	t=$(login_ready "$1" "Ready-Pass-2026" "First-Pass-2026")
	as "$t" POST /api/v1/tokens '{"name":"cli","expires_days":30}' | json token
}
OFF=$(account off 王保密 officer)
CMD=$(account cmd 张指挥 command)
LEAD=$(account lead 李领导 leader)
SYST=$(as "$SYS" POST /api/v1/tokens '{"name":"cli","expires_days":30}' | json token)
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

# ---- plans ----
b "$OFF" plan templates >"$WORK/o" || die "plan templates"
has "$WORK/o" leak-seed000 cac-other
ok "baomi plan templates lists the seed chains and the CAC chains"
b "$OFF" plan create --template leak >"$WORK/o" || die "plan create"
has "$WORK/o" "保密专项应急预案" "草稿"
LEAKP=$(sed -n 's/^baomi: 预案 #\([0-9]*\).*/\1/p' "$WORK/o")
[ -n "$LEAKP" ] || die "plan id in: $(cat "$WORK/o")"
CYBP=$(b "$OFF" plan create --template cyber --format json | json id)
ok "baomi plan create --template leak|cyber makes drafts"
fails "$OFF" plan approve "$LEAKP"
has "$WORK/err" "无权执行此操作"
ok "the officer cannot approve: refused with the server's reason"
b "$LEAD" plan approve "$LEAKP" | grep -q "已批准" || die "plan approve"
b "$LEAD" plan approve "$CYBP" >/dev/null || die "approve cyber"
b "$OFF" plan file "$LEAKP" --with 市国家保密局 | grep -q "已备案" || die "plan file"
ok "baomi plan approve / file --with"
fails "$OFF" plan edit "$LEAKP" --json '{"name":"改名"}'
has "$WORK/err" "只有草稿状态的预案可以修改"
ok "an approved plan is not edited in place (refused)"
REV=$(b "$OFF" plan revise "$LEAKP" --format json | json id)
b "$OFF" plan edit "$REV" --json '{"name":"保密专项应急预案（修订）"}' | grep -q "修订" || die "edit draft"
b "$OFF" plan list >"$WORK/o" || die "plan list"
has "$WORK/o" "已备案" "市国家保密局" "修订" "草稿"
b "$OFF" plan show "$LEAKP" >"$WORK/o" || die "plan show"
has "$WORK/o" "leak-seed000" "本单位保密应急领导小组" "leak-general"
ok "baomi plan revise / edit / list / show"

# ---- an incident reported 40 minutes after discovery ----
disc=$(python3 -c 'import datetime as d; print((d.datetime.utcnow()+d.timedelta(hours=8)-d.timedelta(minutes=40)).strftime("%Y-%m-%dT%H:%M:%S"))')
printf '{"kind":"leak","title":"涉密U盘遗失","discovered_at":"%s","info_level":"secret","prelim_level":"III","report":{"description":"第一行\\n第二行"}}' "$disc" |
	b "$OFF" incident report --json - >"$WORK/o" || die "incident report"
has "$WORK/o" "已报告" "建议级别 II 重大" "报告时限" "已逾期" "计时中" "未开始计时" "剩余 2"
INC=$(sed -n 's/.*事件 #\([0-9]*\).*/\1/p' "$WORK/o" | head -1)
[ -n "$INC" ] || die "incident id in: $(cat "$WORK/o")"
ok "baomi incident report: proposed level and the duties of seed 000 with countdowns"

b "$OFF" incident list >"$WORK/o" || die "incident list"
has "$WORK/o" "涉密U盘遗失" "已报告" "已逾期 1项" "未定级"
b "$OFF" incident list --overdue --open --kind leak --q U盘 | grep -q "涉密U盘遗失" || die "list filters"
b "$OFF" incident list --state closed | grep -q "共 0 条" || die "state filter"
fails "$OFF" incident list --level V
has "$WORK/err" "level"
ok "baomi incident list: Chinese state and countdown, filters, a bad filter exits 2"

b "$OFF" incident show "$INC" >"$WORK/o" || die "incident show"
has "$WORK/o" "事件 #$INC「涉密U盘遗失」" "状态：已报告" "初判 III 较大" "建议 II 重大" \
	"信息密级：机密" "事件描述：第一行" "    第二行" "已逾期" "逾期 1" "剩余 2" "未开始" \
	"本单位保密应急领导小组" "可执行操作" "verify(核实)"
ok "baomi incident show: levels, report, deadlines as a table with remaining time and overdue"

i=0
until b "$OFF" incident timeline "$INC" >"$WORK/o" && grep -q "逾期并逐级上报" "$WORK/o"; do
	i=$((i + 1))
	[ $i -gt 50 ] && die "the sweeper's escalation on the timeline: $(cat "$WORK/o")"
	sleep 0.2
done
has "$WORK/o" "系统" '"escalate_to":"leader"'
ok "the sweeper's escalation of the overdue duty shows on baomi incident timeline"

b "$OFF" incident show "$INC" --format json >"$WORK/d.json"
DG=$(python3 -c 'import json,sys; print([x["id"] for x in json.load(open(sys.argv[1]))["deadlines"] if x["code"].endswith("to-group")][0])' "$WORK/d.json")
b "$OFF" incident met "$DG" --note 电话报告组长 >"$WORK/o" || die "met"
has "$WORK/o" "登记报送" "逾期完成" "计时中"
fails "$OFF" incident met "$DG"
has "$WORK/err" "该报告已登记报送"
ok "baomi incident met: late, the next duty starts counting; a second time exits 2"

fails "$OFF" incident grade "$INC" --level II
has "$WORK/err" "无权执行此操作"
fails "$OFF" incident dismiss "$INC"
has "$WORK/err" "reason"
b "$OFF" incident verify "$INC" --note 核实属实 | grep -q "核实 → 已核实" || die "verify"
b "$CMD" incident grade "$INC" --level II >"$WORK/o" || die "grade"
has "$WORK/o" "已定级" "报告时限"
b "$OFF" incident supplement "$INC" --json '{"report":{"measures":"已封存相关柜子"}}' >/dev/null || die "supplement"
b "$OFF" incident versions "$INC" >"$WORK/o" || die "versions"
has "$WORK/o" "第1版" "第2版" "已采取的措施：已封存相关柜子"
fails "$CMD" incident activate "$INC" --level II --plan "$CYBP"
has "$WORK/err" "该预案不适用于此类事件"
b "$CMD" incident activate "$INC" --level II >"$WORK/o" || die "activate"
has "$WORK/o" "已启动预案" "任务 7 项"
b "$OFF" incident handle "$INC" | grep -q "处置中" || die "handle"
ok "baomi incident verify / grade / supplement / versions / activate / handle (refusals exit 1 or 2)"

b "$CMD" incident task "$INC" --title 追加核查 --due 2099-01-01T00:00:00 | grep -q "已布置任务" || die "task"
fails "$CMD" incident end_handling "$INC"
has "$WORK/err" "仍有未完成的处置任务"
b "$OFF" incident show "$INC" --format json >"$WORK/d.json"
for t in $(python3 -c 'import json,sys; print(" ".join(str(x["id"]) for x in json.load(open(sys.argv[1]))["tasks"]))' "$WORK/d.json"); do
	b "$OFF" incident task-done "$t" --note 已完成 | grep -q "已完成" || die "task-done $t"
done
b "$OFF" incident show "$INC" | grep -q "追加核查" || die "tasks in show"
b "$CMD" incident end_handling "$INC" | grep -q "处置完毕" || die "end_handling"
ok "baomi incident task / task-done; handling cannot end with open tasks"

fails "$OFF" incident summarise "$INC" --json '{"process":"x"}'
has "$WORK/err" "summary"
b "$OFF" incident summarise "$INC" --json '{"final_cause":"保管不善","process":"已追回"}' >"$WORK/o" || die "summarise"
grep -q "备案编号 [0-9]*年[0-9]*月[0-9]*日第1号总第1号" "$WORK/o" || die "filing number: $(cat "$WORK/o")"
b "$OFF" incident show "$INC" | grep -q "法定" || die "show marks the statutory duties"
fails "$CMD" incident close "$INC" --note 同意结案
has "$WORK/err" "向上级的报告未报送" "reason"
b "$CMD" incident close "$INC" --note 同意结案 --reason 书面报告已另行报送 | grep -q "已批准结案" || die "close"
b "$LEAD" incident evaluate "$INC" --reason 书面报告已另行报送 --json '{"assessment":"处置及时","penalties":"通报批评"}' | grep -q "已评估" || die "evaluate"
b "$OFF" incident show "$INC" >"$WORK/o"
has "$WORK/o" "最终判定原因：保管不善" "处罚：通报批评" "备案编号："
ok "baomi incident summarise (filing number) / close (refused over unmet statutory reports, then with --reason) / evaluate"

b "$OFF" incident timeline "$INC" >"$WORK/o" || die "timeline"
has "$WORK/o" "首报" "逾期并逐级上报" "系统" "登记报送" "核实" "定级" "续报" "启动预案" \
	"布置任务" "更新任务" "处置完毕" "报送处理结果" "批准结案" "总结评估"
ok "baomi incident timeline: every step and the sweeper's escalation"

X=$(printf '{"kind":"cyber","category":"malware","subcategory":"ransomware","title":"勒索病毒","discovered_at":"%s"}' "$disc" |
	b "$OFF" incident report --json - --format json | json id)
b "$OFF" incident dismiss "$X" --reason 误报 | grep -q "核实不属实" || die "dismiss"
fails "$OFF" incident verify "$X"
has "$WORK/err" "事件当前状态不允许此操作"
ok "baomi incident dismiss --reason; nothing follows a dismissal"

b "$OFF" incident stats >"$WORK/o" || die "stats"
has "$WORK/o" "测试市卫生健康委员会" "按时率" "%"
b "$OFF" incident stats --from 2000-01-01 --to 2000-12-31 | grep -q "没有到期" || die "empty period"
fails "$OFF" incident stats --from 2026-13-01
has "$WORK/err" "from"
ok "baomi incident stats [--from --to]"

# ---- warnings ----
fails "$OFF" warning publish --json '{"level":"III","category":"malware","title":"x"}'
b "$CMD" warning publish --json '{"level":"III","category":"malware","title":"勒索病毒预警","audience":"全体干部","measures":"更新病毒库"}' >"$WORK/o" || die "publish"
has "$WORK/o" "勒索病毒预警" "」黄色预警：已发布" "已发布"
W=$(sed -n 's/^baomi: 预警 #\([0-9]*\).*/\1/p' "$WORK/o")
b "$OFF" warning list --active | grep -q "勒索病毒预警" || die "active list"
b "$CMD" warning adjust "$W" --json '{"level":"II","measures":"断开外网"}' | grep -q "」橙色预警：已调整" || die "adjust (the cyber plan names its levels)"
b "$CMD" warning lift "$W" --note 威胁解除 | grep -q "已解除" || die "lift"
fails "$CMD" warning adjust "$W" --json '{"level":"I"}'
has "$WORK/err" "已解除的预警不能再调整或解除"
b "$OFF" warning list --active | grep -q "共 0 条" || die "lifted is not active"
b "$OFF" warning show "$W" >"$WORK/o" || die "warning show"
has "$WORK/o" "级别：橙色预警" "恶意程序事件" "应采取的措施：断开外网" "解除说明：威胁解除" "已发布" "黄色预警" "已调整" "已解除"
ok "baomi warning publish / list --active / adjust / lift / show (refusals exit 1 or 2)"

# ---- calendar ----
b "$OFF" calendar show --year 2026 >"$WORK/o" || die "calendar show"
has "$WORK/o" "内置" "2026-02-14 周六  调休上班" "2026-02-17 周二  放假" "春节"
printf 'year 2027\n2027-13-01 off x\n' >"$WORK/bad.txt"
fails "$SYST" calendar load "$WORK/bad.txt"
has "$WORK/err" "第2行" "line 2"
fails "$OFF" calendar load "$WORK/bad.txt"
has "$WORK/err" "无权执行此操作"
b "$OFF" calendar show --year 2026 | grep -q "内置" || die "a refused file changes nothing"
ok "baomi calendar load: a bad file exits 2 naming the line, nothing changes"
{
	cat "$BAOMI_SRC/data/calendar/cn.txt"
	printf '\nyear 2027\n2027-01-01..2027-01-03 off 元旦\n2027-01-04 work 调休上班\n'
} >"$WORK/cal.txt"
fails "$SYST" calendar load "$WORK/cal.txt"
has "$WORK/err" "调休上班日须为周六或周日" "line $(wc -l <"$WORK/cal.txt")"
sed -i 's/^2027-01-04 work/2027-02-20 work/' "$WORK/cal.txt"
b "$SYST" calendar load "$WORK/cal.txt" | grep -q "已载入日历" || die "calendar load"
b "$OFF" calendar show --year 2027 >"$WORK/o"
has "$WORK/o" "运维载入" "2025 2026 2027" "2027-01-01 周五  放假" "2027-02-20 周六  调休上班"
b "$OFF" calendar show --year 2028 | grep -q "2028年没有节假日数据" || die "uncovered year"
ok "baomi calendar load / show: next year's notice appended, an uncovered year says so"

# ---- forms and upward reporting (this installation trusts its own key, as a superior would) ----
b "$OFF" incident form "$INC" --which report --format pdf -o "$WORK/f.pdf" >/dev/null || die "incident form"
head -c 5 "$WORK/f.pdf" | grep -q '%PDF-' || die "the form is a PDF"
b "$OFF" incident package "$INC" -o "$WORK/pkg.json" >/dev/null || die "incident package"
grep -q '"format":"baomi-package/1"' "$WORK/pkg.json" || die "a signed package"
b "$OFF" report key --format json | json pem >"$WORK/pub.pem"
grep -q 'BEGIN PUBLIC KEY' "$WORK/pub.pem" || die "report key"
fails "$OFF" report receive "$WORK/pkg.json"
has "$WORK/err" "签名"
b "$SEC" report trust --unit-code TEST --unit-name 本单位 --pem "$WORK/pub.pem" >/dev/null || die "report trust"
b "$OFF" report receive "$WORK/pkg.json" >/dev/null || die "report receive"
fails "$OFF" report receive "$WORK/pkg.json"
b "$OFF" report received >"$WORK/o"
has "$WORK/o" "本单位" "涉密U盘遗失"
ok "baomi incident form/package and baomi report key/trust/receive/received"

# ---- scripts and errors ----
b "$OFF" incident list --format json | json total | grep -q '^2$' || die "--format json"
fails "$OFF" incident list --format yaml
fails "$OFF" incident frobnicate 1
fails "$OFF" incident show abc
has "$WORK/err" "not a valid incident id"
fails nonsense incident list
ok "--format json for scripts; bad usage exits 2, a bad token 1"
finish
