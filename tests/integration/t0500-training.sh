#!/bin/sh
# 保密教育培训 over the API on the demo:
#  - the officer records a session and signs people in, in bulk (by name ids and a whole
#    department), with test scores; the audit names who was signed in
#  - a person's record and yearly hours against the target of their class, which the security
#    administrator sets (and only they); the statistics by department and class with who is below
#  - need-to-know: a staff member sees their own record only, a department head their
#    department's people and attendees, the officer and leader all; others' records are 404
#  - confirming a person in a classified post needs 岗前 training and a signed 保密承诺书 (409
#    naming what is missing), and passes once both are there
#  - the statistics as real PDF and XLSX files
#  - 节前保密教育: the officer's to-do reminds of a holiday within two weeks until a 节前 session
#    is recorded (the holiday is put into the calendar relative to today, Beijing)
. "$(dirname "$0")/lib.sh"
start_demo

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
ZHANGW=$(login_ready zhangw 'Train-Pass-2026-1')
WANGJG=$(login_ready wangjg 'Train-Pass-2026-1')
LIUY=$(login_ready liuy 'Train-Pass-2026-1')
SUNH=$(login_ready sunh 'Train-Pass-2026-1')
SEC=$(login_ready secadmin 'Train-Pass-2026-1')
SYS=$(login_ready sysadmin 'Train-Pass-2026-1')
AUD=$(login_ready auditor 'Train-Pass-2026-1')
YEAR=$(TZ=Asia/Shanghai date +%Y)
pid() { # pid NAME — a person's id, as the officer sees the people list
	as "$ZHANGW" GET "/api/v1/people?limit=200" | $PY -c 'import json,sys
print([p["id"] for p in json.load(sys.stdin)["items"] if p["name"]==sys.argv[1]][0])' "$1"
}
dept() { # dept CODE — a department's id
	as "$ZHANGW" GET "/api/v1/departments?limit=200" | $PY -c 'import json,sys
print([d["id"] for d in json.load(sys.stdin)["items"] if d["code"]==sys.argv[1]][0])' "$1"
}
P_SUNH=$(pid 孙浩)
P_LIUY=$(pid 刘洋)
P_CHENJ=$(pid 陈静)
P_HUANGL=$(pid 黄磊)
P_YANGF=$(pid 杨帆)
D_YJB=$(dept YJB)
ok "fixture: demo people and departments"

# ---- the demo's sessions and records ----
as "$ZHANGW" GET "/api/v1/training/sessions?year=$YEAR" >"$WORK/list.json"
expect 200 "the officer lists this year's sessions"
$PY - "$WORK/list.json" <<'PY' || die "the demo's sessions"
import json, sys
d = json.load(open(sys.argv[1]))
kinds = {s["kind"] for s in d["items"]}
assert {"pre_post", "in_post", "topic", "holiday"} <= kinds, kinds
assert d["total"] >= 5 and all(s["attendees"] > 0 for s in d["items"]), d
PY
ok "the demo has 岗前, 在岗, 专题 and 节前 sessions this year, each attended"
as "$ZHANGW" GET "/api/v1/training/people/$P_YANGF" >"$WORK/yf.json"
expect 200 "the officer reads 杨帆's record"
$PY -c 'import json,sys; r=json.load(open(sys.argv[1]))
assert r["pre_post_done"] and r["commitment_signed"] and r["staff_class"]=="general", r
assert any(s["kind"]=="pre_post" and s["score"]==92 for s in r["sessions"]), r' "$WORK/yf.json" ||
	die "杨帆 was confirmed after 岗前 training: $(cat "$WORK/yf.json")"
ok "the demo 涉密人员 杨帆 has the 岗前 training (score 92) and is confirmed 一般涉密人员"

# ---- recording a session with bulk attendance ----
TODAY=$(bj_date)
as "$ZHANGW" POST /api/v1/training/sessions "{\"kind\":\"in_post\",\"held_on\":\"$TODAY\",\"hours\":0,\"title\":\"x\",\"trainer\":\"张伟\"}" >/dev/null
expect 400 "hours of 0 are refused"
[ "$(json error.field <"$WORK/resp")" = hours ] || die "the error names hours"
as "$ZHANGW" POST /api/v1/training/sessions "{\"kind\":\"in_post\",\"held_on\":\"$TODAY\",\"hours\":1.25,\"title\":\"x\",\"trainer\":\"张伟\"}" >/dev/null
expect 400 "hours with two decimals are refused"
as "$ZHANGW" POST /api/v1/training/sessions "{\"kind\":\"weekly\",\"held_on\":\"$TODAY\",\"hours\":1,\"title\":\"x\",\"trainer\":\"张伟\"}" >/dev/null
expect 400 "an unknown kind is refused"
as "$LIUY" POST /api/v1/training/sessions "{\"kind\":\"topic\",\"held_on\":\"$TODAY\",\"hours\":1,\"title\":\"x\",\"trainer\":\"刘洋\"}" >/dev/null
expect 403 "a department head may not record sessions"
as "$ZHANGW" POST /api/v1/training/sessions "{\"kind\":\"topic\",\"held_on\":\"$TODAY\",\"hours\":2.5,\"title\":\"应急值守保密专题\",\"trainer\":\"张伟\",\"material\":\"值守保密须知.pdf\"}" >"$WORK/s.json"
expect 201 "the officer records a 专题 session of 2.5 hours"
SID=$(json id <"$WORK/s.json")
[ "$(json hours <"$WORK/s.json")" = 2.5 ] || die "hours kept as 2.5"
as "$SUNH" GET "/api/v1/training/people/$P_SUNH?year=$YEAR" >"$WORK/before.json"
expect 200 "孙浩 reads his own record"
BEFORE=$(json hours <"$WORK/before.json")
as "$ZHANGW" POST "/api/v1/training/sessions/$SID/attendance" "{\"person_ids\":[$P_LIUY,$P_CHENJ],\"department_ids\":[$D_YJB],\"scores\":[{\"person_id\":$P_SUNH,\"score\":90},{\"person_id\":$P_HUANGL,\"score\":null}]}" >"$WORK/att.json"
expect 200 "the officer signs in two people, the whole 应急办 and scores, in one request"
$PY - "$WORK/att.json" "$P_SUNH" "$P_HUANGL" <<'PY' || die "attendance: $(cat "$WORK/att.json")"
import json, sys
d = json.load(open(sys.argv[1]))
names = {a["name"]: a for a in d["attendee_list"]}
assert {"刘洋", "陈静", "郑丽", "孙浩", "黄磊"} <= set(names), names
assert names["孙浩"]["score"] == 90 and names["黄磊"]["score"] is None, names
assert d["attendees"] == len(d["attendee_list"]) and d["added"] == len(names), d
PY
ok "the list names everyone (郑丽 and 孙浩 through their department) with 孙浩's score"
as "$ZHANGW" POST "/api/v1/training/sessions/$SID/attendance" "{\"person_ids\":[$P_LIUY],\"remove\":[$P_HUANGL]}" >"$WORK/att2.json"
expect 200 "signing 刘洋 in again and taking 黄磊 off"
[ "$(json added <"$WORK/att2.json")" = 0 ] && [ "$(json removed <"$WORK/att2.json")" = 1 ] ||
	die "a second sign-in adds nobody, 黄磊 is removed: $(cat "$WORK/att2.json")"
ok "signing in twice counts once; a person is taken off the list"
as "$ZHANGW" POST "/api/v1/training/sessions/$SID/attendance" "{\"person_ids\":[999999]}" >/dev/null
expect 400 "an unknown person is refused"
as "$ZHANGW" POST "/api/v1/training/sessions/$SID/attendance" "{\"scores\":[{\"person_id\":$P_SUNH,\"score\":101}]}" >/dev/null
expect 400 "a score over 100 is refused"
as "$ZHANGW" POST "/api/v1/training/sessions/$SID/attendance" '{"scores":[5]}' >/dev/null
expect 400 "a score entry that is not an object is refused"
[ "$(json error.field <"$WORK/resp")" = scores ] || die "the error names scores"
as "$SUNH" GET "/api/v1/training/people/$P_SUNH?year=$YEAR" >"$WORK/after.json"
$PY -c 'import sys; assert abs(float(sys.argv[2]) - float(sys.argv[1]) - 2.5) < 1e-9' "$BEFORE" "$(json hours <"$WORK/after.json")" ||
	die "孙浩's hours rose by 2.5: $BEFORE -> $(cat "$WORK/after.json")"
ok "孙浩's yearly hours rose by the session's 2.5"
as "$AUD" GET "/api/v1/audit?event=training.attendance&limit=5" >"$WORK/audit.json"
expect 200 "the auditor searches attendance records"
grep -q 孙浩 "$WORK/audit.json" && grep -q 郑丽 "$WORK/audit.json" ||
	die "the audit record names who was signed in: $(cat "$WORK/audit.json")"
ok "the attendance audit record names the people signed in"

as "$ZHANGW" PATCH "/api/v1/training/sessions/$SID" '{"hours":3,"material":"值守保密须知（修订）.pdf"}' >"$WORK/patch.json"
expect 200 "the officer corrects the session's hours"
[ "$(json hours <"$WORK/patch.json")" = 3.0 ] && [ "$(json attendees <"$WORK/patch.json")" = 4 ] ||
	die "the correction keeps the attendees: $(cat "$WORK/patch.json")"
as "$SUNH" GET "/api/v1/training/people/$P_SUNH?year=$YEAR" >"$WORK/after2.json"
$PY -c 'import sys; assert abs(float(sys.argv[2]) - float(sys.argv[1]) - 3) < 1e-9' "$BEFORE" "$(json hours <"$WORK/after2.json")" ||
	die "孙浩's hours follow the correction"
ok "孙浩's yearly hours follow the corrected 3 hours"
as "$LIUY" PATCH "/api/v1/training/sessions/$SID" '{"hours":8}' >/dev/null
expect 403 "a department head may not correct a session"
as "$ZHANGW" PATCH "/api/v1/training/sessions/999999" '{"hours":8}' >/dev/null
expect 404 "a session that does not exist is 404"

# ---- need-to-know ----
as "$SUNH" GET "/api/v1/training/people/$P_LIUY" >/dev/null
expect 404 "a staff member does not see another's record"
as "$SUNH" GET "/api/v1/training/sessions" >/dev/null
expect 403 "a staff member does not list the sessions"
as "$LIUY" GET "/api/v1/training/people/$P_CHENJ" >/dev/null
expect 200 "the 信息中心 head sees 陈静 of the department"
as "$LIUY" GET "/api/v1/training/people/$P_SUNH" >/dev/null
expect 404 "the 信息中心 head does not see 孙浩 of 应急办"
as "$LIUY" GET "/api/v1/training/sessions/$SID" >"$WORK/dh.json"
expect 200 "the department head opens the session"
$PY -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert {a["name"] for a in d["attendee_list"]} == {"刘洋","陈静"}, d' "$WORK/dh.json" ||
	die "the department head sees the department's attendees only: $(cat "$WORK/dh.json")"
ok "the department head sees only the department's attendees"
as "$WANGJG" GET "/api/v1/training/people/$P_SUNH" >/dev/null
expect 200 "the leader sees everyone's record"
as "$SEC" GET "/api/v1/training/people/$P_SUNH" >/dev/null
expect 403 "the security administrator reads no business records"
as "$LIUY" GET "/api/v1/training/stats?year=$YEAR" >"$WORK/dstats.json"
expect 200 "the department head reads the statistics"
$PY -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert [x["department"] for x in d["by_department"]] == ["信息中心"], d' "$WORK/dstats.json" ||
	die "a department head's statistics cover the department: $(cat "$WORK/dstats.json")"
ok "a department head's statistics cover the department only"

# ---- targets and statistics ----
as "$ZHANGW" PUT /api/v1/training/targets '{"core":30}' >/dev/null
expect 403 "the officer may not set the targets"
as "$SEC" PUT /api/v1/training/targets '{"general":1.05}' >/dev/null
expect 400 "a target with two decimals is refused"
as "$SEC" PUT /api/v1/training/targets '{"general":300}' >/dev/null
expect 400 "a target over 200 hours is refused"
as "$ZHANGW" GET "/api/v1/training/stats?year=$YEAR" >"$WORK/st1.json"
expect 200 "the officer reads the statistics"
as "$SEC" PUT /api/v1/training/targets '{"general":100,"none":0}' >"$WORK/tg.json"
expect 200 "the security administrator raises the 一般涉密人员 target to 100 hours"
as "$ZHANGW" GET "/api/v1/training/stats?year=$YEAR" >"$WORK/st2.json"
$PY - "$WORK/st1.json" "$WORK/st2.json" <<'PY' || die "statistics follow the target"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
ga = [c for c in a["by_class"] if c["staff_class"] == "general"][0]
gb = [c for c in b["by_class"] if c["staff_class"] == "general"][0]
assert gb["target"] == 100 and gb["below_target"] == gb["people"] > ga["below_target"], (ga, gb)
assert a["below_target"] and all(p["hours"] < p["target"] for p in a["below_target"]), a
assert "王建国" in {p["name"] for p in a["below_target"]}, a["below_target"]
assert sum(d["people"] for d in a["by_department"]) == a["totals"]["people"], a
nb = [c for c in b["by_class"] if c["staff_class"] == "none"][0]
assert nb["below_target"] == 0, nb
PY
ok "with the target at 100 h every 一般涉密人员 is below it; the demo's 王建国 was below before"
as "$AUD" GET "/api/v1/audit?event=training.targets&limit=5" >"$WORK/audit2.json"
$PY -c 'import json,sys; r=json.load(open(sys.argv[1]))["items"][0]
d=json.loads(r["detail"]); assert d["general"]["from"] == 12 and d["general"]["to"] == 100, d' "$WORK/audit2.json" ||
	die "the target change is audited: $(cat "$WORK/audit2.json")"
ok "the target change is audited with the old and new hours"

# ---- the statistics as files ----
curl -s -o "$WORK/stats.pdf" -w '%{http_code}' -H "Authorization: Bearer $ZHANGW" \
	"$BASE/api/v1/training/stats/report?year=$YEAR&format=pdf" >"$WORK/code"
[ "$(cat "$WORK/code")" = 200 ] && head -c 5 "$WORK/stats.pdf" | grep -q '%PDF-' ||
	die "the statistics as PDF"
if command -v pdftotext >/dev/null; then
	pdftotext "$WORK/stats.pdf" - | grep -q 保密教育培训统计 || die "the PDF's title"
	pdftotext "$WORK/stats.pdf" - | grep -q 王建国 || die "the PDF names who is below the target"
fi
ok "the statistics as a PDF file with the title and who is below the target"
curl -s -o "$WORK/stats.xlsx" -w '%{http_code}' -H "Authorization: Bearer $WANGJG" \
	"$BASE/api/v1/training/stats/report?year=$YEAR&format=xlsx" >"$WORK/code"
[ "$(cat "$WORK/code")" = 200 ] || die "the statistics as XLSX: $(cat "$WORK/code")"
$PY - "$WORK/stats.xlsx" <<'PY' || die "the XLSX"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
assert "按部门统计" in text and "信息中心" in text and "未达标人数" in text, "content"
PY
ok "the statistics as an XLSX workbook with the department sheet"
as "$ZHANGW" GET "/api/v1/training/stats/report?format=doc" >/dev/null
expect 400 "an unknown format is refused"
as "$SUNH" GET "/api/v1/training/stats/report?format=pdf" >/dev/null
expect 403 "a staff member gets no statistics"

# ---- confirming a classified post ----
as "$SEC" POST /api/v1/people "{\"name\":\"钱新\",\"department_id\":$D_YJB,\"staff_class\":\"none\"}" >"$WORK/new.json"
expect 201 "the security administrator registers 钱新, not yet in a classified post"
NEW=$(json id <"$WORK/new.json")
as "$SEC" PATCH "/api/v1/people/$NEW" '{"staff_class":"general"}' >/dev/null
expect 409 "confirming 钱新 as 一般涉密人员 without training or commitment is refused"
grep -q 岗前 "$WORK/resp" && grep -q 保密承诺书 "$WORK/resp" || die "the error names both: $(cat "$WORK/resp")"
ok "the refusal names the missing 岗前 training and 保密承诺书"
as "$SEC" PATCH "/api/v1/people/$NEW" "{\"staff_class\":\"general\",\"commitment_signed_on\":\"$TODAY\"}" >/dev/null
expect 409 "with the commitment signed but no 岗前 training it is still refused"
grep -q 岗前 "$WORK/resp" && ! grep -q 两者 "$WORK/resp" || die "the error names the training only: $(cat "$WORK/resp")"
as "$ZHANGW" POST /api/v1/training/sessions "{\"kind\":\"pre_post\",\"held_on\":\"$TODAY\",\"hours\":4,\"title\":\"岗前保密培训\",\"trainer\":\"李秀英\"}" >"$WORK/pp.json"
expect 201 "a 岗前 session"
as "$ZHANGW" POST "/api/v1/training/sessions/$(json id <"$WORK/pp.json")/attendance" "{\"person_ids\":[$NEW]}" >/dev/null
expect 200 "钱新 attends it"
as "$SEC" PATCH "/api/v1/people/$NEW" '{"staff_class":"general"}' >/dev/null
expect 409 "with the training but no commitment it is refused"
[ "$(json error.field <"$WORK/resp")" = commitment_signed_on ] || die "the error names the commitment"
as "$SEC" PATCH "/api/v1/people/$NEW" "{\"staff_class\":\"general\",\"commitment_signed_on\":\"$TODAY\"}" >/dev/null
expect 200 "with both, 钱新 is confirmed as 一般涉密人员"

# ---- the command line ----
export BAOMI_URL="$BASE"
CLI_TOK=$(as "$ZHANGW" POST /api/v1/tokens '{"name":"cli","expires_days":30}' | json token)
SEC_TOK=$(as "$SEC" POST /api/v1/tokens '{"name":"cli","expires_days":30}' | json token)
BAOMI_TOKEN=$CLI_TOK "$BAOMI" training stats --year "$YEAR" >"$WORK/cli-stats.txt" || die "training stats"
grep -q 王建国 "$WORK/cli-stats.txt" && grep -q 信息中心 "$WORK/cli-stats.txt" || die "the CLI statistics: $(cat "$WORK/cli-stats.txt")"
BAOMI_TOKEN=$CLI_TOK "$BAOMI" training record "$P_SUNH" >"$WORK/cli-rec.txt" || die "training record"
grep -q 应急值守保密专题 "$WORK/cli-rec.txt" || die "the CLI record lists the session: $(cat "$WORK/cli-rec.txt")"
BAOMI_TOKEN=$CLI_TOK "$BAOMI" training report --format xlsx -o "$WORK/cli.xlsx" || die "training report"
head -c 2 "$WORK/cli.xlsx" | grep -q PK || die "the CLI saves the XLSX"
echo '{"person_ids":['"$P_HUANGL"']}' | BAOMI_TOKEN=$CLI_TOK "$BAOMI" training sign "$SID" --json - >"$WORK/cli-sign.txt" ||
	die "training sign"
grep -q 黄磊 "$WORK/cli-sign.txt" || die "the CLI signs 黄磊 in: $(cat "$WORK/cli-sign.txt")"
set +e
BAOMI_TOKEN=$CLI_TOK "$BAOMI" training targets --json '{"core":25}' >/dev/null 2>&1
rc=$?
set -e
[ "$rc" = 1 ] || die "the officer's CLI may not set targets (exit $rc)"
BAOMI_TOKEN=$SEC_TOK "$BAOMI" training targets --json '{"core":25}' >"$WORK/cli-tg.txt" || die "training targets"
grep -q 25 "$WORK/cli-tg.txt" || die "the CLI shows the new target"
ok "the command line: statistics, a record, the XLSX, bulk sign-in, targets (secadmin only)"

# ---- 节前保密教育 on the officer's to-do ----
H1=$(bj_date 5)
H2=$(bj_date 6)
Y1=${H1%%-*}
Y2=${H2%%-*}
YEARS="year $Y1"
[ "$Y1" = "$Y2" ] || YEARS="$YEARS
year $Y2"
CAL=$($PY -c 'import json,sys; print(json.dumps({"text": sys.argv[1]}))' "$YEARS
$H1..$H2 off 测试节")
as "$SYS" PUT /api/v1/calendar "$CAL" >/dev/null
expect 200 "a holiday 测试节 five days from today is in the calendar"
todo_has() { # todo_has TOKEN — is the 测试节 reminder on the list?
	as "$1" GET /api/v1/todo | $PY -c 'import json,sys
d = json.load(sys.stdin)
sys.exit(0 if any(i["kind"]=="holiday_training" and "测试节" in i["title"] for i in d["items"]) else 1)'
}
todo_has "$ZHANGW" || die "the officer is reminded of 节前保密教育 before 测试节"
ok "the officer's to-do reminds of 节前保密教育 before 测试节"
! todo_has "$WANGJG" || die "the leader gets no such reminder"
ok "the leader's to-do has no such reminder"
as "$ZHANGW" POST /api/v1/training/sessions "{\"kind\":\"holiday\",\"held_on\":\"$TODAY\",\"hours\":1,\"title\":\"测试节前保密教育\",\"trainer\":\"张伟\"}" >/dev/null
expect 201 "the officer records the 节前 session"
! todo_has "$ZHANGW" || die "the reminder goes once the session is recorded"
ok "the reminder is gone once a 节前 session is recorded"
finish
