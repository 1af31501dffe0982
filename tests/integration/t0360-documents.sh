#!/bin/sh
# The generated documents as a reader gets them: the HTML 附件二 is styled
# by a stylesheet the server's Content-Security-Policy allows (no inline
# style); the PDF and HTML forms carry the 密级★保密期限 mark at the top left
# of page 1 (GB/T 9704) and print times as 2026年12月6日 07:22, never as an
# ISO "T" time; a leak report leaves out the system fields and a cyber report
# has them; the campaign report counts a finding recorded in 查摆问题 under
# that phase and prints its times the same way.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DA=$(as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
person() {
	as "$SEC" POST /api/v1/people "{\"name\":\"$1\",\"staff_class\":\"$2\",\"department_id\":$DA,\"commitment_signed_on\":\"2026-01-05\"}" | json id
}
account() {
	aid=$(as "$SYS" POST /api/v1/accounts "{\"username\":\"$1\",\"display_name\":\"$1\",\"person_id\":$2,\"password\":\"First-Pass-2026\"}" | json id)
	as "$SEC" PUT "/api/v1/accounts/$aid/roles" "{\"roles\":[$3]}" >/dev/null
	[ "$STATUS" = 200 ] || die "roles for $1"
	echo "$aid" >"$WORK/id-$1"
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
OFF=$(account off "$(person 保密员 core)" '"officer","command"')
INSP=$(account insp "$(person 检查员 important)" '"staff"')
INSP_ID=$(cat "$WORK/id-insp")

bj() { python3 -c "import datetime as d; print((d.datetime.utcnow()+d.timedelta(hours=8)+d.timedelta(minutes=$1)).strftime('%Y-%m-%dT%H:%M:%S'))"; }
# a printed time: 2026年12月6日 07:22 (pdftotext may put a space or a line break around it)
CN_TIME='[0-9]\{4\}年[0-9]\{1,2\}月[0-9]\{1,2\}日 *[0-9]\{2\}:[0-9]\{2\}'
ISO_T='[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}T[0-9]'

as "$OFF" POST /api/v1/incidents "{\"kind\":\"leak\",\"title\":\"U盘丢失\",\"discovered_at\":\"$(bj -30)\",\"info_level\":\"secret\",\"report\":{\"unit_name\":\"测试市卫生健康委员会\",\"reporter\":\"保密员\",\"description\":\"外出途中丢失一个机密级U盘。\",\"period\":\"10\"}}" >"$WORK/leak.json"
expect 201 "a 机密 leak is reported (保密期限 10)"
LEAK=$(json id <"$WORK/leak.json")
as "$OFF" POST /api/v1/incidents "{\"kind\":\"cyber\",\"category\":\"attack\",\"title\":\"门户网站网页被篡改\",\"discovered_at\":\"$(bj -20)\",\"info_level\":\"internal\",\"report\":{\"system_name\":\"门户网站\",\"system_use\":\"政务公开\",\"description\":\"首页被植入非法链接。\"}}" >"$WORK/cyber.json"
expect 201 "a cyber incident is reported"
CYBER=$(json id <"$WORK/cyber.json")

# ---- the HTML 附件二: a stylesheet the CSP allows, no inline style ----
as "$OFF" GET "/api/v1/incidents/$LEAK/form?which=report&format=html" "" -D "$WORK/h.headers" >/dev/null
expect 200 "附件二 as HTML"
cp "$WORK/resp" "$WORK/leak.html"
csp=$(grep -i '^Content-Security-Policy:' "$WORK/h.headers" | tr -d '\r')
case $csp in
*"default-src 'self'"*) ;;
*) die "the form is served under the strict CSP: $csp" ;;
esac
case $csp in *unsafe-inline*) die "no unsafe-inline: $csp" ;; esac
grep -qi '<style' "$WORK/leak.html" && die "no inline <style> block (the CSP blocks it)"
grep -qi ' style=' "$WORK/leak.html" && die "no inline style attribute"
css=$(sed -n 's/.*<link rel="stylesheet" href="\([^"]*\)".*/\1/p' "$WORK/leak.html")
case $css in
/*) ;;
*) die "the page links one stylesheet on this server: '$css'" ;;
esac
cst=$(curl -s -o "$WORK/form.css" -w '%{http_code} %{content_type}' "$BASE$css")
[ "${cst%% *}" = 200 ] || die "the stylesheet $css answers 200: $cst"
case ${cst#* } in text/css*) ;; *) die "the stylesheet is text/css: $cst" ;; esac
grep -q '@media print' "$WORK/form.css" || die "the stylesheet keeps the page printable"
grep -q '\.mark' "$WORK/form.css" || die "the stylesheet places the 密级 mark"
ok "the HTML form links $css (200 text/css, printable) and has no inline style"
grep -q '<p class="mark">机密★10年</p>' "$WORK/leak.html" || die "HTML: the mark 机密★10年 at the top"
grep -q "打印时间 $CN_TIME" "$WORK/leak.html" || die "HTML: print time 2026年…日 07:22: $(grep foot "$WORK/leak.html")"
grep -q "$ISO_T" "$WORK/leak.html" && die "HTML: no ISO T time: $(grep -o "$ISO_T.\{0,20\}" "$WORK/leak.html")"
grep -q '网络与信息系统名称' "$WORK/leak.html" && die "HTML: a leak report has no system fields"
ok "HTML form: 机密★10年 at the top, printed time in Chinese, no system fields for a leak"

# ---- the PDF forms ----
pdf() { # pdf INCIDENT NAME — the report form as PDF, its text in $WORK/NAME.txt (page 1 in NAME.p1)
	as "$OFF" GET "/api/v1/incidents/$1/form?which=report&format=pdf" >/dev/null
	[ "$STATUS" = 200 ] || die "PDF form of $1: $STATUS"
	cp "$WORK/resp" "$WORK/$2.pdf"
	pdftotext -enc UTF-8 "$WORK/$2.pdf" "$WORK/$2.txt"
	pdftotext -enc UTF-8 -f 1 -l 1 "$WORK/$2.pdf" "$WORK/$2.p1"
	tr -d ' \n' <"$WORK/$2.txt" >"$WORK/$2.flat" # labels wrap in their narrow cells
}
pdf "$LEAK" leak
first=$(grep -v '^[[:space:]]*$' "$WORK/leak.p1" | head -n 1)
[ "$first" = "机密★10年" ] || die "PDF page 1 starts with the mark 机密★10年, got '$first'"
grep -q "报告时间：$CN_TIME" "$WORK/leak.txt" || die "PDF: 报告时间 in Chinese: $(grep 报告时间 "$WORK/leak.txt")"
grep -q "打印时间 *$CN_TIME" "$WORK/leak.txt" || die "PDF: 打印时间 in Chinese: $(grep -A1 打印时间 "$WORK/leak.txt")"
grep -q "$ISO_T" "$WORK/leak.txt" && die "PDF: no ISO T time: $(grep "$ISO_T" "$WORK/leak.txt")"
grep -q '网络与信息系统' "$WORK/leak.flat" && die "PDF: a leak report has no system fields"
grep -q '泄露渠道' "$WORK/leak.flat" || die "PDF: a leak report has the leak fields"
ok "leak PDF: 机密★10年 first on page 1, times as 2026年…日 07:22, leak fields, no system fields"
pdf "$CYBER" cyber
grep -q '★' "$WORK/cyber.p1" && die "an unclassified (内部) report has no 密级 mark"
grep -q '网络与信息系统' "$WORK/cyber.flat" || die "PDF: a cyber report has the system fields"
grep -q '门户网站' "$WORK/cyber.flat" || die "PDF: with the system's name"
grep -q '泄露渠道' "$WORK/cyber.flat" && die "PDF: a cyber report has no leak fields"
grep -q "$ISO_T" "$WORK/cyber.txt" && die "cyber PDF: no ISO T time"
ok "cyber PDF: system fields, no leak fields, no mark for 内部"

# ---- the campaign report: phases and times ----
as "$OFF" POST /api/v1/checklists '{"template":"seed"}' >"$WORK/cl.json"
expect 201 "checklist"
CL=$(json id <"$WORK/cl.json")
ITEM=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["id"])' "$WORK/cl.json")
day() { python3 -c "import datetime as d; print((d.datetime.utcnow()+d.timedelta(hours=8)).date()+d.timedelta(days=$1))"; }
PH="{\"find_start\":\"$(day -3)\",\"find_end\":\"$(day 3)\",\"targeted_start\":\"$(day 4)\",\"targeted_end\":\"$(day 10)\"}"
as "$OFF" POST /api/v1/campaigns "{\"name\":\"年度自查\",\"checklist_id\":$CL,\"phases\":$PH,\"departments\":[$DA],\"inspectors\":[$INSP_ID]}" >"$WORK/c.json"
expect 201 "a campaign in 查摆问题"
C=$(json id <"$WORK/c.json")
as "$INSP" PUT "/api/v1/campaigns/$C/results" "{\"item_id\":$ITEM,\"department_id\":$DA,\"result\":\"noncompliant\",\"note\":\"未登记\"}" >/dev/null
expect 204 "a finding recorded in 查摆问题"
as "$OFF" GET "/api/v1/campaigns/$C/report?format=pdf" >/dev/null
[ "$STATUS" = 200 ] || die "campaign report: $STATUS"
cp "$WORK/resp" "$WORK/c.pdf"
pdftotext -enc UTF-8 -layout "$WORK/c.pdf" "$WORK/c.txt"
grep -q '活动期外' "$WORK/c.txt" && die "the finding is not counted outside the campaign: $(grep -A3 按阶段 "$WORK/c.txt")"
grep -q '查摆问题 *1' "$WORK/c.txt" || die "the finding is counted under 查摆问题: $(grep -A4 按阶段 "$WORK/c.txt")"
grep -q "生成 *$CN_TIME" "$WORK/c.txt" || die "campaign report: generated time in Chinese: $(grep 生成 "$WORK/c.txt")"
grep -q "$ISO_T" "$WORK/c.txt" && die "campaign report: no ISO T time"
ok "campaign report: the finding under 查摆问题, times as 2026年…日 07:22"

finish
