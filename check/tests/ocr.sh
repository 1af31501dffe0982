#!/bin/sh
# check_ocr: `baomi-check scan --ocr` on pictures of text made by mkocr — a
# PNG, a BMP, a TIFF and a PDF whose second pages are pictures, with 机密 —
# found with ocr:true and the page; nothing found and no error without
# --ocr; a huge image cut off by its memory budget and by a tiny
# --file-timeout while the scan goes on; a missing language model reported
# once with what to install; `all --ocr` in the signed report; pictures
# inside documents (docx, OFD, BLIPs of .ppt, .doc, .xls) as entries of their own,
# 200 of them cut off by one file's budget; --ocr-lang and its errors.
set -eu
BC=$1
MK=$2
T=$(mktemp -d /tmp/baomi-check-ocr-XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# Time enough for the small pictures on a busy machine (sanitizers, other tests).
SLOW="--file-timeout 120"

mkdir "$T/c"
"$MK" small "$T/c/scan.png"
"$MK" pdf "$T/c/scan.pdf"
"$MK" small "$T/c/scan.bmp"
"$MK" small "$T/c/scan.tif"
printf '机密\n公开\n' > "$T/kw.txt"
printf '机密\n' > "$T/kw1.txt"

# Without --ocr: pictures are bytes as before, nothing found, nothing unreadable.
rc=0; "$BC" scan -k "$T/kw1.txt" "$T/c" > "$T/plain.json" 2> "$T/err" || rc=$?
[ $rc = 0 ] || fail "scan without --ocr exit $rc"
grep -q '"hits":\[\]' "$T/plain.json" || fail "hits without --ocr: $(cat "$T/plain.json")"
grep -q '"errors":\[\]' "$T/plain.json" || fail "errors without --ocr: $(cat "$T/plain.json")"
[ ! -s "$T/err" ] || fail "stderr without --ocr: $(cat "$T/err")"

# With --ocr: the PNG's 机密 on page 1, the PDF's on page 2 (the image-only
# page) and 公开 from page 1's text layer without ocr.
rc=0; "$BC" scan -k "$T/kw.txt" --ocr $SLOW "$T/c" > "$T/ocr.json" || rc=$?
[ $rc = 1 ] || fail "scan --ocr exit $rc: $(cat "$T/ocr.json")"
python3 - "$T/ocr.json" <<'EOF' || fail "scan --ocr hits: $(cat "$T/ocr.json")"
import json, sys
r = json.load(open(sys.argv[1]))
hits = {(h["path"].rsplit("/", 1)[1], h["keyword"], h.get("ocr", False), h.get("page")):
        h for h in r["hits"]}
assert ("scan.png", "机密", True, 1) in hits, hits
assert hits[("scan.png", "机密", True, 1)]["format"] == "png"
assert ("scan.pdf", "机密", True, 2) in hits, hits
assert hits[("scan.bmp", "机密", True, 1)]["format"] == "bmp"
# the second page of a two-page TIFF
assert hits[("scan.tif", "机密", True, 2)]["format"] == "tiff"
assert hits[("scan.pdf", "机密", True, 2)]["format"] == "pdf"
assert "机密文件" in hits[("scan.pdf", "机密", True, 2)]["context"]
# page 1 has a text layer: matched as text, not read by OCR
assert ("scan.pdf", "公开", False, None) in hits, hits
assert not [h for h in r["hits"] if h["keyword"] == "机密" and h.get("page") == 1
            and h["path"].endswith(".pdf")], hits
assert r["errors"] == [], r["errors"]
EOF
"$BC" scan -k "$T/kw.txt" --ocr --ocr-dpi 150 $SLOW --format text "$T/c/scan.pdf" > "$T/ocr.txt" || true
grep -q 'scan.pdf \[pdf, utf-8, body, OCR 第 2 页 page 2\] 关键词 keyword「机密」' "$T/ocr.txt" ||
	fail "text output: $(cat "$T/ocr.txt")"

# Pictures pasted into documents: read by OCR only with --ocr, each an entry
# "document!where" (the zip member, or the stream and number of a BLIP).
mkdir "$T/d" "$T/m"
"$MK" docs "$T/d"
mv "$T/d/many.docx" "$T/m/"
rc=0; "$BC" scan -k "$T/kw1.txt" "$T/d" > "$T/plain.json" || rc=$?
[ $rc = 0 ] && grep -q '"hits":\[\]' "$T/plain.json" && grep -q '"errors":\[\]' "$T/plain.json" ||
	fail "documents without --ocr exit $rc: $(cat "$T/plain.json")"
rc=0; "$BC" scan -k "$T/kw1.txt" --ocr $SLOW "$T/d" > "$T/docs.json" || rc=$?
[ $rc = 1 ] || fail "documents --ocr exit $rc: $(cat "$T/docs.json")"
python3 - "$T/docs.json" <<'EOF' || fail "documents --ocr hits: $(cat "$T/docs.json")"
import json, sys
r = json.load(open(sys.argv[1]))
got = {(h["path"].rsplit("/d/", 1)[1], h["format"]) for h in r["hits"]
       if h["keyword"] == "机密" and h.get("ocr") is True and h.get("page") == 1}
want = {("scan.docx!word/media/image1.png", "png"), ("scan.ofd!Doc_0/Res/image_1.png", "png"),
        ("scan.ppt!Pictures/1.png", "png"), ("scan.doc!Data/1.bmp", "bmp"),
        ("scan.doc!WordDocument/1.jpeg", "jpeg"), ("scan.xls!Workbook/1.png", "png")}
assert got == want, got
assert len(r["hits"]) == len(want), r["hits"]
assert r["errors"] == [], r["errors"]
EOF
# 200 pictures in one document: cut off at the file's budget, not 200 times a picture's.
start=$(date +%s)
rc=0; "$BC" scan -k "$T/kw1.txt" --ocr --jobs 1 --file-timeout 3 "$T/m" > "$T/many.json" || rc=$?
[ $(($(date +%s) - start)) -lt 60 ] || fail "many pictures not cut off in time"
python3 - "$T/many.json" <<'EOF' || fail "many pictures: $(cat "$T/many.json")"
import json, sys
r = json.load(open(sys.argv[1]))
errs = {e["path"].rsplit("/", 1)[1]: e for e in r["errors"]}
assert errs["many.docx"]["reason"].startswith("timeout:"), errs
EOF

# --ocr-lang: the models to read with; each must be there, named when it is not.
rc=0; "$BC" scan -k "$T/kw1.txt" --ocr --ocr-lang chi_sim+xyz "$T/c/scan.png" > /dev/null \
	2> "$T/err" || rc=$?
[ $rc = 2 ] && grep -q -- '--ocr-lang chi_sim+xyz: .*xyz.traineddata' "$T/err" &&
	[ "$(wc -l < "$T/err")" = 1 ] || fail "--ocr-lang chi_sim+xyz exit $rc: $(cat "$T/err")"
for bad in '../eng' 'eng+' 'chi sim'; do
	rc=0; "$BC" scan -k "$T/kw1.txt" --ocr --ocr-lang "$bad" "$T/c" 2> "$T/err" > /dev/null || rc=$?
	[ $rc = 2 ] && grep -q -- '--ocr-lang' "$T/err" || fail "--ocr-lang '$bad' exit $rc"
done
rc=0; "$BC" scan -k "$T/kw1.txt" --ocr-lang eng "$T/c" 2> "$T/err" > /dev/null || rc=$?
[ $rc = 2 ] && grep -q -- '--ocr-lang.*--ocr' "$T/err" || fail "--ocr-lang without --ocr exit $rc"
# English alone reads no Chinese: the option is what Tesseract gets.
rc=0; "$BC" scan -k "$T/kw1.txt" --ocr --ocr-lang eng $SLOW "$T/c/scan.png" > "$T/eng.json" || rc=$?
[ $rc = 0 ] && grep -q '"hits":\[\]' "$T/eng.json" || fail "--ocr-lang eng exit $rc"

# Options: --ocr-dpi needs --ocr and a sane value.
rc=0; "$BC" scan -k "$T/kw.txt" --ocr-dpi 200 "$T/c" 2> "$T/err" > /dev/null || rc=$?
[ $rc = 2 ] && grep -q -- '--ocr-dpi' "$T/err" || fail "--ocr-dpi without --ocr exit $rc"
rc=0; "$BC" scan -k "$T/kw.txt" --ocr --ocr-dpi 10 "$T/c" 2> "$T/err" > /dev/null || rc=$?
[ $rc = 2 ] && grep -q -- '--ocr-dpi' "$T/err" || fail "--ocr-dpi 10 exit $rc"

# Without the Chinese model: one clear message and exit 2, not an error per image.
mkdir "$T/nodata"
rc=0; TESSDATA_PREFIX="$T/nodata" "$BC" scan -k "$T/kw.txt" --ocr "$T/c" > /dev/null \
	2> "$T/err" || rc=$?
[ $rc = 2 ] && grep -q 'tesseract-ocr-chi-sim' "$T/err" && [ "$(wc -l < "$T/err")" = 1 ] ||
	fail "missing model exit $rc: $(cat "$T/err")"

# A huge image: over the default 256 MiB budget before it is decoded; with
# memory enough, over a tiny time budget.  The other files are still read.
mkdir "$T/h"
"$MK" huge "$T/h/huge.png" 12000 12000
cp "$T/c/scan.png" "$T/h/"
rc=0; "$BC" scan -k "$T/kw.txt" --ocr --jobs 1 $SLOW "$T/h" > "$T/huge.json" || rc=$?
python3 - "$T/huge.json" memory <<'EOF' || fail "huge image, memory: $(cat "$T/huge.json")"
import json, sys
r = json.load(open(sys.argv[1]))
errs = {e["path"].rsplit("/", 1)[1]: e for e in r["errors"]}
assert errs["huge.png"]["reason"].startswith(sys.argv[2] + ":"), errs
assert errs["huge.png"]["format"] == "png"
assert [h for h in r["hits"] if h["path"].endswith("scan.png") and h.get("ocr")], r["hits"]
EOF
start=$(date +%s)
rc=0; "$BC" scan -k "$T/kw.txt" --ocr --jobs 1 --file-memory 4G --file-timeout 0.5 \
	"$T/h/huge.png" "$T/c/scan.png" > "$T/huge.json" || rc=$?
[ $(($(date +%s) - start)) -lt 60 ] || fail "huge image not cut off in time"
python3 - "$T/huge.json" timeout <<'EOF' || fail "huge image, timeout: $(cat "$T/huge.json")"
import json, sys
r = json.load(open(sys.argv[1]))
errs = {e["path"].rsplit("/", 1)[1]: e for e in r["errors"]}
assert errs["huge.png"]["reason"].startswith(sys.argv[2] + ":"), errs
EOF

# `all --ocr`: the hit with its page in the signed report.
mkdir -p "$T/root/etc"
rc=0; "$BC" all --root "$T/root" --role classified -k "$T/kw.txt" --ocr $SLOW -o "$T/rep.json" \
	"$T/c" 2> /dev/null || rc=$?
[ $rc = 1 ] || fail "all --ocr exit $rc"
grep -q '"keyword":"机密","ocr":true,"page":2' "$T/rep.json" || fail "all --ocr report"
"$BC" verify "$T/rep.json" > /dev/null || fail "all --ocr report does not verify"
echo "check_ocr: ok"
