#!/bin/sh
# 信息发布保密审查 (issue 15, "Done when"): a draft press release (a docx made
# here) holding the title of a ledger carrier its submitter may see and a
# keyword of the unit's list is caught by the upload's scan, with both hits
# shown in context; it cannot be approved until the officer clears each hit
# with a reason; the approved version is frozen by its SHA-256, and only that
# hash may be published; a new upload needs a new review.  Need-to-know: the
# submitter, and reviewers once it reaches them; a carrier's title is masked
# for a reviewer who may not see the carrier.  Two approvers on one step: one
# wins, the other 409, under background uploads.
. "$(dirname "$0")/lib.sh"
start_demo

CHEN=$(login_ready chenj 'Chen-Jing-Pass-1')
LIU=$(login_ready liuy 'Liu-Yang-Pass-1')
ZHANG=$(login_ready zhangw 'Zhang-Wei-Pass-1')
LI=$(login_ready lixy 'Li-Xiuying-Pass-1')
WANG=$(login_ready wangjg 'Wang-Jianguo-Pass-1')
ZHAO=$(login_ready zhaom 'Zhao-Min-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')

# the keyword list is the officer's
as "$CHEN" GET /api/v1/review-keywords >/dev/null
expect 403 "a submitter may not read the keyword list"
as "$ZHANG" POST /api/v1/review-keywords '{"word":"疫苗冷链调度方案","level":"secret","note":"测试"}' >/dev/null
expect 201 "the officer adds a keyword with its level"
as "$ZHANG" POST /api/v1/review-keywords '{"word":"疫苗冷链调度方案","level":"secret"}' >/dev/null
expect 409 "a keyword is on the list once"
as "$ZHANG" POST /api/v1/review-keywords '{"word":" 前后空格 ","level":"secret"}' >/dev/null
expect 400 "a keyword with surrounding spaces is refused naming the field"
as "$ZHANG" GET /api/v1/review-keywords | json items.0.level | grep -qx secret || die "keyword level"
ok "the list shows the keyword's level"
as "$SEC" GET /api/v1/publication-chain | json steps >"$WORK/chain"
grep -q '"dept_head", "officer", "leader"' "$WORK/chain" || die "default chain $(cat "$WORK/chain")"
as "$SEC" PUT /api/v1/publication-chain '{"steps":["dept_head","leader"]}' >/dev/null
expect 400 "a chain without the officer is refused"
as "$ZHANG" PUT /api/v1/publication-chain '{"steps":["dept_head","officer","leader"]}' >/dev/null
expect 403 "only the security administrator sets the chain"

# a carrier the submitter may see (classified, not declassified), and the draft naming it
as "$CHEN" GET '/api/v1/carriers?limit=200' >"$WORK/carriers.json"
python3 - "$WORK" <<'PY'
import hashlib, io, json, sys, zipfile
w = sys.argv[1]
items = json.load(open(w + "/carriers.json"))["items"]
c = [x for x in items if x["level"] in ("confidential", "secret") and x["state"] != "declassified"
     and len(x["title"]) >= 6][0]
def docx(paras, path):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        # the title split across two runs: the extractor joins runs
        body = "".join("<w:p>%s</w:p>" % "".join("<w:r><w:t>%s</w:t></w:r>" % r for r in p) for p in paras)
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body + "</w:body></w:document>")
    open(path, "wb").write(bio.getvalue())
    return hashlib.sha256(bio.getvalue()).hexdigest()
t = c["title"]
s1 = docx([["新闻稿：市卫健委召开专题会议"], ["会议学习了", t[:3], t[3:], "，并研究了疫苗冷链调度方案。"]], w + "/press.docx")
s2 = docx([["新闻稿：市卫健委召开专题会议（修改稿）"], ["会议研究了近期重点工作。"]], w + "/press2.docx")
open(w + "/carrier", "w").write("%d\n%s\n%s\n%s\n%s\n" % (c["id"], c["title"], c["number"], s1, s2))
PY
CID=$(sed -n 1p "$WORK/carrier")
CTITLE=$(sed -n 2p "$WORK/carrier")
SHA1=$(sed -n 4p "$WORK/carrier")
SHA2=$(sed -n 5p "$WORK/carrier")
Q='title=%E6%96%B0%E9%97%BB%E7%A8%BF&channel=website'
as "$CHEN" POST "/api/v1/publication-reviews?$Q&name=press.docx" "" \
	-H 'Content-Type: application/octet-stream' --data-binary @"$WORK/press.docx" >"$WORK/r.json"
expect 201 "the draft press release is submitted"
R=$(json id <"$WORK/r.json")
python3 - "$WORK/r.json" "$CID" "$CTITLE" "$SHA1" <<'PY' || die "hits of the draft"
import json, sys
r = json.load(open(sys.argv[1])); cid = int(sys.argv[2]); title = sys.argv[3]
assert r["sha256"] == sys.argv[4] and r["versions"][0]["format"] == "docx", r
kw = [h for h in r["hits"] if h["kind"] == "keyword"]
ca = [h for h in r["hits"] if h["kind"] == "carrier" and h["carrier"] and h["carrier"]["id"] == cid]
assert len(kw) == 1 and kw[0]["word"] == "疫苗冷链调度方案" and kw[0]["level"] == "secret", r["hits"]
assert "疫苗冷链调度方案" in kw[0]["context"] and "研究了" in kw[0]["context"], kw
assert len(ca) == 1 and ca[0]["carrier"]["title"] == title and title in ca[0]["context"], r["hits"]
assert "会议学习了" in ca[0]["context"] and not ca[0]["hidden"], ca
assert r["hits_open"] == len(r["hits"]) and r["state"] == "reviewing" and r["step"] == 0
PY
ok "both hits are shown in context: the keyword with its level, the carrier with its title"

# need-to-know: the submitter, and a reviewer once the submission reaches their step
for who in "$ZHAO:部门负责人 of another department" "$WANG:the leader before their step" \
	"$ZHANG:the officer before their step"; do
	as "${who%%:*}" GET "/api/v1/publication-reviews/$R" >/dev/null
	expect 404 "hidden from ${who#*:}"
done
as "$ZHAO" GET /api/v1/publication-reviews | json total | grep -qx 0 || die "list of another head"
ok "another department's head lists none"
as "$LIU" GET "/api/v1/publication-reviews/$R" >/dev/null
expect 200 "the submitter's department head sees it at their step"

as "$LIU" GET /api/v1/todo | json counts.publication_review | grep -qx 1 || die "head's to-do"
as "$ZHANG" GET /api/v1/todo | json counts.publication_review | grep -qx 1 || die "officer's to-do (the demo's)"
ok "the to-do list names the submission for the reviewer of its step"
as "$LIU" POST "/api/v1/publication-reviews/$R/decision" '{"step":0,"decision":"approve","reason":""}' >/dev/null
expect 400 "a decision needs a reason"
as "$CHEN" POST "/api/v1/publication-reviews/$R/decision" '{"step":0,"decision":"approve","reason":"自批"}' >/dev/null
expect 403 "the submitter may not decide"
as "$LIU" POST "/api/v1/publication-reviews/$R/decision" '{"step":0,"decision":"approve","reason":"内容属实，同意报保密办审查"}' >/dev/null
expect 200 "the department head approves step 1"
as "$ZHANG" POST "/api/v1/publication-reviews/$R/decision" '{"step":1,"decision":"approve","reason":"同意"}' >"$WORK/e.json"
expect 409 "the officer cannot approve while hits are uncleared"
json error.code <"$WORK/e.json" | grep -qx uncleared_hits || die "code $(cat "$WORK/e.json")"
as "$ZHANG" GET "/api/v1/publication-reviews/$R" >"$WORK/r.json"
expect 200 "the officer sees it at their step"
H1=$(json hits.0.id <"$WORK/r.json")
H2=$(json hits.1.id <"$WORK/r.json")
as "$CHEN" POST "/api/v1/publication-hits/$H1/clear" '{"reason":"无密"}' >/dev/null
expect 403 "only the officer clears a hit"
as "$ZHANG" POST "/api/v1/publication-hits/$H1/clear" '{}' >/dev/null
expect 400 "clearing needs a reason"
as "$ZHANG" POST "/api/v1/publication-hits/$H1/clear" '{"reason":"已核实：仅为公开会议名称"}' >/dev/null
expect 200 "the officer clears the first hit as 已核实无密"
as "$ZHANG" POST "/api/v1/publication-hits/$H1/clear" '{"reason":"再次"}' >/dev/null
expect 409 "a hit is cleared once"
as "$ZHANG" POST "/api/v1/publication-reviews/$R/decision" '{"step":1,"decision":"approve","reason":"同意"}' >/dev/null
expect 409 "one uncleared hit still blocks approval"
as "$ZHANG" POST "/api/v1/publication-hits/$H2/clear" '{"reason":"已核实：文中仅提及标题，不含内容"}' >/dev/null
expect 200 "the officer clears the second hit"
as "$ZHANG" POST "/api/v1/publication-reviews/$R/decision" '{"step":1,"decision":"approve","reason":"已核实无密，同意"}' >/dev/null
expect 200 "the officer approves once every hit is cleared"
as "$ZHANG" POST "/api/v1/publication-reviews/$R/decision" '{"step":1,"decision":"approve","reason":"再批"}' >/dev/null
expect 409 "the step has moved on: a second decision on it is a conflict"

# the leader: a carrier they may not see is masked in the hit
as "$WANG" GET "/api/v1/carriers/$CID" >/dev/null
WANG_SEES=$STATUS
as "$WANG" GET "/api/v1/publication-reviews/$R" >"$WORK/w.json"
expect 200 "the leader sees it at their step"
python3 - "$WORK/w.json" "$CTITLE" "$WANG_SEES" <<'PY' || die "carrier hit for the leader"
import json, sys
raw = open(sys.argv[1]).read(); r = json.loads(raw); title = sys.argv[2]
ca = [h for h in r["hits"] if h["kind"] == "carrier"]
if sys.argv[3] == "200":
    assert ca and ca[0]["carrier"]["title"] == title
else:
    assert ca and ca[0]["hidden"] and ca[0]["carrier"] is None and ca[0]["word"] is None, ca
    assert title not in raw, "the title leaks to a reader who may not see the carrier"
PY
ok "a carrier hit shows the title only to a reader who may see the carrier (leader: $WANG_SEES)"
as "$WANG" POST "/api/v1/publication-reviews/$R/decision" '{"step":2,"decision":"approve","reason":"同意发布"}' >"$WORK/r.json"
expect 200 "the leader approves the last step"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["state"]=="approved" and r["frozen_sha256"]==sys.argv[2], r' \
	"$WORK/r.json" "$SHA1" || die "frozen hash"
ok "the approved version is frozen by its SHA-256"

as "$CHEN" POST "/api/v1/publication-reviews/$R/publications" "{\"sha256\":\"$SHA2\",\"channel\":\"website\",\"published_on\":\"$(bj_date)\"}" >"$WORK/e.json"
expect 409 "publishing another hash is refused"
json error.code <"$WORK/e.json" | grep -qx not_frozen || die "code $(cat "$WORK/e.json")"
as "$CHEN" POST "/api/v1/publication-reviews/$R/publications" "{\"sha256\":\"$SHA1\",\"channel\":\"website\",\"place\":\"门户网站·工作动态\",\"published_on\":\"$(bj_date)\"}" >/dev/null
expect 201 "the frozen version is published and registered"
as "$CHEN" GET /api/v1/publications >"$WORK/p.json"
python3 -c 'import json,sys; p=[x for x in json.load(open(sys.argv[1]))["items"] if x["review_id"]==int(sys.argv[3])]; assert len(p)==1 and p[0]["sha256"]==sys.argv[2] and p[0]["place"]=="门户网站·工作动态", p' \
	"$WORK/p.json" "$SHA1" "$R" || die "register"
ok "the register shows what was published where and when"
as "$ZHAO" GET /api/v1/publications | json total | grep -qx 0 || die "register of an outsider"
ok "the register follows need-to-know"

# a later edit needs a new review; the old frozen hash may no longer be published
as "$LIU" POST "/api/v1/publication-reviews/$R/versions?name=press2.docx" "" \
	-H 'Content-Type: application/octet-stream' --data-binary @"$WORK/press2.docx" >/dev/null
expect 403 "only the submitter uploads a new version"
as "$CHEN" POST "/api/v1/publication-reviews/$R/versions?name=press2.docx" "" \
	-H 'Content-Type: application/octet-stream' --data-binary @"$WORK/press2.docx" >"$WORK/r.json"
expect 201 "the submitter uploads an edited version"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["state"]=="reviewing" and r["step"]==0 and r["version"]==2 and r["frozen_sha256"] is None and r["sha256"]==sys.argv[2] and r["hits"]==[], r' \
	"$WORK/r.json" "$SHA2" || die "new version"
ok "the edit starts a new review with no frozen version"
as "$CHEN" POST "/api/v1/publication-reviews/$R/publications" "{\"sha256\":\"$SHA1\",\"channel\":\"wechat\",\"published_on\":\"$(bj_date)\"}" >/dev/null
expect 409 "the formerly approved hash may not be published after an edit"

# every step audited
for ev in review.keyword_add review.submit review.approve review.hit_clear review.freeze \
	review.publish review.upload; do
	as "$AUD" GET "/api/v1/audit?event=$ev&limit=5" | json total | grep -qvx 0 || die "no $ev record"
done
ok "submission, decisions, clearing, freezing, publication and upload are audited"

# the command line: the same rules through `baomi review`
cli() { tok=$1; shift; BAOMI_URL="$BASE" BAOMI_TOKEN="$tok" "$BAOMI" review "$@"; }
cli "$ZHANG" keywords | grep -q 疫苗冷链调度方案 || die "review keywords"
cli "$CHEN" submit "$WORK/press.docx" --title CLI稿件 --channel news --format json >"$WORK/c.json" ||
	die "review submit"
CR=$(json id <"$WORK/c.json")
json hits_open <"$WORK/c.json" | grep -qx 2 || die "the CLI submission has both hits"
cli "$CHEN" show "$CR" | grep -q 疫苗冷链调度方案 || die "review show prints the hits"
cli "$LIU" approve "$CR" --reason 同意 >/dev/null || die "review approve"
set +e
cli "$LIU" approve "$CR" --reason 再批 >/dev/null 2>&1; rc=$?
cli "$ZHANG" approve "$CR" --reason 同意 >/dev/null 2>&1; rc2=$?
set -e
[ "$rc$rc2" = 11 ] || die "refusals exit 1 (got $rc $rc2)"
ok "baomi review: keywords, submit with hits, show, approve; a refused decision exits 1"

# concurrency: two officers approve the same step; one wins, the other 409
PYTHONPATH="$(dirname "$0")" CHEN="$CHEN" LIU="$LIU" ZHANG="$ZHANG" LI="$LI" W="$WORK" python3 - <<'PY' || die "decision race"
import os, threading, urllib.request
from apiclient import BASE, call, must, race
chen, liu, zhang, li, w = (os.environ[k] for k in ("CHEN", "LIU", "ZHANG", "LI", "W"))
draft = open(w + "/press2.docx", "rb").read()
def upload(name):
    rq = urllib.request.Request(BASE + "/api/v1/publication-reviews?title=%E7%A8%BF&channel=news&name=" + name,
                                data=draft, method="POST")
    rq.add_header("Authorization", "Bearer " + chen)
    with urllib.request.urlopen(rq, timeout=60) as r:
        import json
        return json.loads(r.read())["id"]
stop = threading.Event()
def load():
    while not stop.is_set():
        upload("load.docx")
bg = threading.Thread(target=load); bg.start()
try:
    for rnd in range(4):
        rid = upload("race.docx")
        st, b = call(liu, "POST", "/api/v1/publication-reviews/%d/decision" % rid,
                     {"step": 0, "decision": "approve", "reason": "同意"})
        must(st, 200, "department head", b)
        res = race((zhang, "POST", "/api/v1/publication-reviews/%d/decision" % rid,
                    {"step": 1, "decision": "approve", "reason": "同意 A"}),
                   (li, "POST", "/api/v1/publication-reviews/%d/decision" % rid,
                    {"step": 1, "decision": "reject", "reason": "退回 B"}))
        codes = sorted(s for s, _ in res)
        assert codes == [200, 409], (rnd, res)
        st, b = call(chen, "GET", "/api/v1/publication-reviews/%d" % rid)
        ds = [d for d in b["decisions"] if d["step"] == 1]
        assert len(ds) == 1, b["decisions"]
        win = [r for s, r in res if s == 200][0]
        assert b["state"] == win["state"] and b["step"] == win["step"], (b, win)
finally:
    stop.set(); bg.join()
PY
ok "parallel decisions on one step: one wins, the other gets 409, one decision recorded"
finish
