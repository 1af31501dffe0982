#!/bin/sh
# OCR recall and speed of `baomi-check scan --ocr` on rendered pages.
#
#   sh bench/check/ocr.sh [BAOMI_CHECK [MKOCR]]
#
# baomi-check-mkocr (check/tests/mkocr.c) draws A4 pages as a scanner gives
# them: a "绝密★启动前"-style mark, a title and four paragraphs (16 pt and
# 12 pt Noto CJK) with 绝密/机密/秘密/内部资料/涉密/国家秘密 planted in them.
# For each resolution (150, 200 and 300 dpi) two sets are read: "clean"
# (grey PNG) and "noisy" (turned by 1.2 degrees either way and saved as
# JPEG at quality 70).  Recall: of the planted occurrences of each keyword
# (国家秘密 holds 秘密 too), the share baomi-check reports with ocr:true;
# "extra" counts reported occurrences beyond the planted ones.  Speed:
# seconds per page with --jobs 1 (the elapsed time of the scan, the worker's
# start and the loading of the models included), and the processor time per
# page of baomi-check and its OCR worker (/usr/bin/time; the figure to read
# on a shared machine, where the elapsed time includes waiting for a core).
#
# Environment: PAGES (pages per set, default 6), DPIS (default "150 200 300").
set -eu

BC=${1:-build/check/baomi-check}
MK=${2:-build/check/tests/baomi-check-mkocr}
PAGES=${PAGES:-6}
DPIS=${DPIS:-150 200 300}
WORK=$(mktemp -d /tmp/baomi-check-ocrbench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

[ -x "$BC" ] || { echo "ocr.sh: no baomi-check at $BC (build it first)" >&2; exit 2; }
[ -x "$MK" ] || { echo "ocr.sh: no baomi-check-mkocr at $MK (build it first)" >&2; exit 2; }
printf '绝密\n机密\n秘密\n内部资料\n涉密\n国家秘密\n' > "$WORK/kw.txt"

printf '%-5s %-6s %6s %9s %6s %8s %9s\n' dpi set pages recall extra s/page cpu-s/page
TIME=""
[ -x /usr/bin/time ] && TIME=/usr/bin/time
for dpi in $DPIS; do
	for set in clean noisy; do
		dir="$WORK/$dpi-$set"
		mkdir -p "$dir"
		i=1
		while [ "$i" -le "$PAGES" ]; do
			seed=$((dpi * 100 + i))
			if [ "$set" = clean ]; then
				"$MK" page "$dir/p$i.png" "$dpi" "$seed" > "$dir/p$i.png.kw"
			else
				rot=1.2
				[ $((i % 2)) = 0 ] && rot=-1.2
				"$MK" page "$dir/p$i.jpg" "$dpi" "$seed" "$rot" 70 > "$dir/p$i.jpg.kw"
			fi
			i=$((i + 1))
		done
		echo "- -" > "$dir/cpu"
		${TIME:+$TIME -f '%U %S' -o "$dir/cpu"} "$BC" scan -k "$WORK/kw.txt" --ocr --jobs 1 \
			--file-timeout 3600 --file-memory 2G "$dir" > "$dir/out.json" || true
		python3 - "$dir" "$dpi" "$set" "$PAGES" <<'EOF'
import json, os, sys
d, dpi, name, pages = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
kws = ["绝密", "机密", "秘密", "内部资料", "涉密", "国家秘密"]
out = json.load(open(os.path.join(d, "out.json")))
found = {}
for h in out["hits"]:
    if h.get("ocr"):
        key = (os.path.basename(h["path"]), h["keyword"])
        found[key] = found.get(key, 0) + h["count"]
want = got = extra = 0
for f in os.listdir(d):
    if not f.endswith(".kw"):
        continue
    img = f[:-3]
    planted = open(os.path.join(d, f), encoding="utf-8").read().split()
    for k in kws:
        exp = sum(p.count(k) for p in planted)
        n = found.get((img, k), 0)
        want += exp
        got += min(n, exp)
        extra += max(0, n - exp)
errs = len(out["errors"])
cpu = open(os.path.join(d, "cpu")).read().strip().splitlines()[-1].split()
cpu = "%9.2f" % ((float(cpu[0]) + float(cpu[1])) / pages) if cpu[0] != "-" else "%9s" % "-"
print("%-5s %-6s %6d %8.1f%% %6d %8.2f %s%s" % (dpi, name, pages, 100.0 * got / want, extra,
      out["elapsed_seconds"] / pages, cpu, "  (%d errors)" % errs if errs else ""))
EOF
	done
done
