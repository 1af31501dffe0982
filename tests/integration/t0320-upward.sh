#!/bin/sh
# Reporting upward: the report forms as PDF (rendered to PNG, not blank, real
# Chinese text) and HTML; the incident report as an SM2-signed package that
# the superior unit's baomi verifies and lists; a tampered package, an
# unknown signer and a re-sent package are refused.
. "$(dirname "$0")/lib.sh"
init_data
start_server
SUB_BASE=$BASE

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
	login_ready "$1" "Ready-Pass-2026" "First-Pass-2026"
}
OFF=$(account off "$(person 保密员 core)" '"officer","command"')
LEAD=$(account lead "$(person 领导 core)" '"leader"')
STAFF=$(account staff "$(person 干部 general)" '"staff"')

as "$OFF" POST /api/v1/plans '{"template":"cyber"}' >"$WORK/p.json"
P=$(json id <"$WORK/p.json")
as "$LEAD" POST "/api/v1/plans/$P/status" '{"status":"approved"}' >/dev/null
disc=$(python3 -c 'import datetime as d; print((d.datetime.utcnow()+d.timedelta(hours=8)-d.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%S"))')
as "$OFF" POST /api/v1/incidents "{\"kind\":\"cyber\",\"category\":\"attack\",\"title\":\"门户网站网页被篡改\",\"discovered_at\":\"$disc\",\"info_level\":\"internal\",\"report\":{\"unit_name\":\"测试市卫生健康委员会\",\"reporter\":\"保密员\",\"phone\":\"0871-1234567\",\"system_name\":\"门户网站\",\"system_use\":\"政务公开\",\"description\":\"首页被植入非法链接，已断网隔离。\",\"cause\":\"内容管理系统弱口令\",\"measures\":\"隔离服务器，保护现场\"}}" >"$WORK/i.json"
expect 201 "subordinate unit: incident reported"
INC=$(json id <"$WORK/i.json")

# ---- forms ----
as "$OFF" GET "/api/v1/incidents/$INC/form?which=report&format=pdf" >/dev/null
cp "$WORK/resp" "$WORK/r.pdf"
[ "$STATUS" = 200 ] || die "report form PDF: $STATUS"
head -c 5 "$WORK/r.pdf" | grep -q '%PDF-' || die "a PDF file"
pdftotext "$WORK/r.pdf" - | grep -q '重大信息安全事件报告表' || die "the PDF holds the Chinese title as text"
pdftotext "$WORK/r.pdf" - | grep -q '首页被植入非法链接' || die "and the report's description"
pdffonts "$WORK/r.pdf" | grep -q 'CJK.*yes' || die "with an embedded CJK font subset"
pdftoppm -gray -r 40 -f 1 -l 1 "$WORK/r.pdf" "$WORK/page"
python3 - "$WORK"/page*.pgm <<'EOF' || die "the rendered page is not blank"
import sys
data = open(sys.argv[1], "rb").read()
# binary PGM: P5\nW H\n255\n<pixels>
parts = data.split(b"\n", 3)
w, h = map(int, parts[1].split())
px = parts[3][: w * h]
dark = sum(1 for b in px if b < 128)
assert dark > w * h // 200, (dark, w * h)
EOF
ok "附件二 as PDF: Chinese text, embedded font, rendered page not blank"
as "$OFF" GET "/api/v1/incidents/$INC/form?which=report&format=html" >"$WORK/r.html"
expect 200 "附件二 as printable HTML"
grep -q '门户网站网页被篡改' "$WORK/r.html" || die "HTML holds the title"
as "$OFF" GET "/api/v1/incidents/$INC/form?which=result&format=pdf" >/dev/null
expect 409 "no result report form before the result is filed"
as "$OFF" GET "/api/v1/incidents/$INC/form?which=nonsense" >/dev/null
expect 400 "which must be report or result"
as "$STAFF" GET "/api/v1/incidents/$INC/form?which=report" >/dev/null
expect 404 "a form of an incident one may not see does not exist"

# ---- the signed package ----
as "$STAFF" GET "/api/v1/incidents/$INC/package" >/dev/null
expect 403 "staff do not report upward"
as "$OFF" GET "/api/v1/incidents/$INC/package" >/dev/null
cp "$WORK/resp" "$WORK/pkg.json"
[ "$STATUS" = 200 ] || die "package: $STATUS"
grep -q '"format":"baomi-package/1"' "$WORK/pkg.json" || die "package format"
ok "the incident report exported as an SM2-signed package"
as "$OFF" GET /api/v1/signing-key >"$WORK/key.json"
expect 200 "the subordinate's public signing key"
[ "$(stat -c %a "$DATA/sign.key")" = 600 ] || die "the private key file is 0600"
ok "private key kept 0600 in the data directory"

# a second key that nobody trusts signs the same report
OTHER="$WORK/other"
"$BAOMI" init --data "$OTHER" --unit "冒充单位" --code TEST >/dev/null

# ---- the superior unit ----
SUP_DATA="$WORK/sup"
"$BAOMI" init --data "$SUP_DATA" --unit "测试省卫生健康委员会" --code SUP >/dev/null
SUP_PORT=$(free_port)
"$BAOMI" serve --data "$SUP_DATA" --listen "127.0.0.1:$SUP_PORT" >>"$WORK/sup.log" 2>&1 &
SUP_PID=$!
trap 'kill $SUP_PID 2>/dev/null || true; cleanup' EXIT
BASE="http://127.0.0.1:$SUP_PORT"
i=0
while ! curl -sf "$BASE/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 100 ] && die "superior server did not start"
	sleep 0.1
done
SYS2=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC2=$(login_ready secadmin 'Sec-Admin-Pass-1')
DB2=$(as "$SYS2" POST /api/v1/departments '{"unit_id":1,"name":"保密办","code":"BMB"}' | json id)
pid=$(as "$SEC2" POST /api/v1/people "{\"name\":\"省保密员\",\"staff_class\":\"important\",\"department_id\":$DB2,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
aid=$(as "$SYS2" POST /api/v1/accounts "{\"username\":\"soff\",\"display_name\":\"省保密员\",\"person_id\":$pid,\"password\":\"First-Pass-2026\"}" | json id)
as "$SEC2" PUT "/api/v1/accounts/$aid/roles" '{"roles":["officer"]}' >/dev/null
SOFF=$(login_ready soff "Ready-Pass-2026" "First-Pass-2026")

recv() { # recv FILE
	STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/received-reports" \
		-H "Authorization: Bearer $SOFF" -H 'Content-Type: application/json' --data-binary "@$1")
	cat "$WORK/resp"
}
recv "$WORK/pkg.json" >/dev/null
expect 403 "a package from a unit whose key is not trusted is refused"
PEM=$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["pem"]))' "$WORK/key.json")
as "$SOFF" POST /api/v1/trusted-keys "{\"unit_code\":\"TEST\",\"unit_name\":\"测试市卫生健康委员会\",\"pem\":$PEM}" >/dev/null
expect 403 "a business user cannot trust keys"
as "$SEC2" POST /api/v1/trusted-keys '{"unit_code":"TEST","unit_name":"x","pem":"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"}' >/dev/null
expect 400 "a PEM that is not an SM2 key is refused"
as "$SEC2" POST /api/v1/trusted-keys "{\"unit_code\":\"TEST\",\"unit_name\":\"测试市卫生健康委员会\",\"pem\":$PEM}" >"$WORK/tk.json"
expect 201 "the security administrator trusts the subordinate's key"
python3 -c 'import json, re, sys
t, k = (json.load(open(f)) for f in sys.argv[1:])
assert t["pem"] == k["pem"] and re.match(r"^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$", t["added_at"])' \
	"$WORK/tk.json" "$WORK/key.json" || die "the trusted key comes back whole, with pem and added_at: $(cat "$WORK/tk.json")"
ok "the new trusted key comes back with its pem and added_at"
as "$SOFF" GET /api/v1/trusted-keys >"$WORK/tks.json"
expect 200 "the confidentiality officer (an incident role) reads the trusted keys"
[ "$(json items.0.added_at <"$WORK/tks.json")" = "$(json added_at <"$WORK/tk.json")" ] ||
	die "the list shows the same added_at: $(cat "$WORK/tks.json")"

python3 - "$WORK/pkg.json" "$WORK/tampered.json" <<'EOF'
import base64, json, sys
raw = open(sys.argv[1], "rb").read()
d = json.loads(raw)
p = base64.b64decode(d["payload"]).replace("门户网站网页被篡改".encode(), "无事发生无事发生无事".encode())
t = raw.replace(d["payload"].encode(), base64.b64encode(p))
open(sys.argv[2], "wb").write(t)
EOF
recv "$WORK/tampered.json" >/dev/null
expect 400 "a package whose content was changed is refused"
grep -q 'signature\|签名' "$WORK/resp" || die "with a clear reason: $(cat "$WORK/resp")"

recv "$WORK/pkg.json" >"$WORK/rr.json"
expect 201 "the superior receives and verifies the report"
RR=$(json id <"$WORK/rr.json")
recv "$WORK/pkg.json" >/dev/null
expect 409 "the same package twice is refused"
as "$SOFF" GET /api/v1/received-reports >"$WORK/list.json"
python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
assert d["total"] == 1 and d["items"][0]["unit_code"] == "TEST"
assert d["items"][0]["title"] == "门户网站网页被篡改"' "$WORK/list.json" || die "list of subordinate reports"
ok "the report shows in the superior's list of subordinate reports"
as "$SOFF" GET "/api/v1/received-reports/$RR" | python3 -c '
import json,sys; d=json.load(sys.stdin)
assert d["payload"]["incident"]["report"]["cause"] == "内容管理系统弱口令"
assert any(x["code"] == "seed003/first-report" for x in d["payload"]["deadlines"])' || die "received detail"
ok "received detail carries the report and its deadlines"

# forge: a package signed by the untrusted installation but claiming unit TEST
BASE=$SUB_BASE
kill "$PID"
wait "$PID" 2>/dev/null || true
PID=""
"$BAOMI" serve --data "$OTHER" --listen "127.0.0.1:$PORT" >>"$WORK/server.log" 2>&1 &
PID=$!
i=0
while ! curl -sf "$BASE/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 100 ] && die "other server did not start"
	sleep 0.1
done
SYS3=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC3=$(login_ready secadmin 'Sec-Admin-Pass-1')
D3=$(as "$SYS3" POST /api/v1/departments '{"unit_id":1,"name":"x","code":"X"}' | json id)
p3=$(as "$SEC3" POST /api/v1/people "{\"name\":\"x\",\"staff_class\":\"core\",\"department_id\":$D3,\"commitment_signed_on\":\"2026-01-05\"}" | json id)
a3=$(as "$SYS3" POST /api/v1/accounts "{\"username\":\"xx\",\"display_name\":\"xx\",\"person_id\":$p3,\"password\":\"First-Pass-2026\"}" | json id)
as "$SEC3" PUT "/api/v1/accounts/$a3/roles" '{"roles":["officer","command"]}' >/dev/null
X3=$(login_ready xx "Ready-Pass-2026" "First-Pass-2026")
as "$X3" POST /api/v1/incidents "{\"kind\":\"cyber\",\"category\":\"attack\",\"title\":\"伪造\",\"discovered_at\":\"$disc\"}" >"$WORK/x.json"
XI=$(json id <"$WORK/x.json")
as "$X3" GET "/api/v1/incidents/$XI/package" >/dev/null
cp "$WORK/resp" "$WORK/forged.json"
[ "$STATUS" = 200 ] || die "forged package made"
BASE="http://127.0.0.1:$SUP_PORT"
recv "$WORK/forged.json" >/dev/null
expect 403 "a package signed by another key under the same unit code is refused"
finish
