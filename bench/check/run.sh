#!/bin/sh
# bench/check/run.sh — baomi-check against its peers, side by side in one run.
#
#   sh bench/check/run.sh [BUILD_DIR]
#
# Generates (once) a corpus under $OUT (default /tmp/baomi-check-bench; never
# in the repository): ~$SIZE_MIB MiB of mixed UTF-8/GBK text with ~1% of files
# carrying keywords, $DOCX small docx files (1% with keywords, half of them
# split across runs) and 1,000 keywords.  Then, warm cache, $JOBS threads:
#   page-cache read (cat > /dev/null over every file)
#   baomi-check scan  vs  ripgrep -F -f (UTF-8 keyword forms: rg's best case)  on text
#   baomi-check scan  vs  ugrep -z -F -f                                         on docx
#   baomi-check system  vs  lynis audit system --quick
# and prints the figures.  Needs ripgrep, ugrep and lynis (check/deps.txt).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
OUT=${OUT:-/tmp/baomi-check-bench}
SIZE_MIB=${SIZE_MIB:-1024}
DOCX=${DOCX:-20000}
JOBS=${JOBS:-2}
BC=$BUILD/check/baomi-check
MK=$BUILD/check/tests/baomi-check-mkcorpus

if [ ! -x "$BC" ] || [ ! -x "$MK" ]; then
	cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
	cmake --build "$BUILD" -j "$JOBS" --target baomi-check baomi-check-mkcorpus > /dev/null
fi
for t in rg ugrep lynis; do
	command -v $t > /dev/null || echo "bench: $t 未安装 not installed, skipped (see check/deps.txt)"
done

C=$OUT/corpus
STAMP="$SIZE_MIB $DOCX"
if [ ! -f "$C/.done" ] || [ "$(cat "$C/.done")" != "$STAMP" ]; then
	echo "生成语料 generating corpus: $SIZE_MIB MiB text + $DOCX docx in $C ..."
	rm -rf "$C"
	mkdir -p "$OUT"
	"$MK" bench "$C" "$SIZE_MIB" "$DOCX"
	echo "$STAMP" > "$C/.done"
fi
KW=$C/keywords.txt
R=$OUT/results
mkdir -p "$R"

now() { date +%s%N; }
# secs START END
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", n / s / 1073741824 }'; }

TEXT_BYTES=$(find "$C/text" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
TEXT_FILES=$(find "$C/text" -type f | wc -l)
# Files that carry at least one keyword (planted.txt: file, encoding or split/whole, keyword).
PLANT_TEXT=$(grep '^text/' "$C/planted.txt" | cut -f1 | sort -u | wc -l)
PLANT_TEXT_UTF8=$(grep '^text/' "$C/planted.txt" | grep '	utf-8	' | cut -f1 | sort -u | wc -l)
PLANT_DOCX=$(grep '^docx/' "$C/planted.txt" | cut -f1 | sort -u | wc -l)
PLANT_SPLIT=$(grep '^docx/' "$C/planted.txt" | grep '	split	' | cut -f1 | sort -u | wc -l)

# Warm the page cache, then time a plain read of every file.
find "$C" -type f -exec cat {} + > /dev/null
find "$C" -type f -exec cat {} + > /dev/null
t0=$(now); find "$C/text" -type f -exec cat {} + > /dev/null; t1=$(now)
CAT_S=$(secs "$t0" "$t1")

t0=$(now); "$BC" scan -k "$KW" -j "$JOBS" "$C/text" > "$R/bc-text.json" || true; t1=$(now)
BC_S=$(secs "$t0" "$t1")
BC_HITS=$(grep -o '"files_with_hits":[0-9]*' "$R/bc-text.json" | cut -d: -f2)

RG_S=- RG_HITS=-
if command -v rg > /dev/null; then
	t0=$(now); rg -F -f "$KW" -l -j "$JOBS" -uuu "$C/text" > "$R/rg-text.txt" || true; t1=$(now)
	RG_S=$(secs "$t0" "$t1")
	RG_HITS=$(wc -l < "$R/rg-text.txt")
fi

DOCX_N=$(find "$C/docx" -type f | wc -l)
t0=$(now); "$BC" scan -k "$KW" -j "$JOBS" "$C/docx" > "$R/bc-docx.json" || true; t1=$(now)
BCD_S=$(secs "$t0" "$t1")
BCD_HITS=$(grep -o '"files_with_hits":[0-9]*' "$R/bc-docx.json" | cut -d: -f2)
UG_S=- UG_HITS=-
if command -v ugrep > /dev/null; then
	t0=$(now); ugrep -z -F -f "$KW" -l -J "$JOBS" -r "$C/docx" > "$R/ug-docx.txt" || true; t1=$(now)
	UG_S=$(secs "$t0" "$t1")
	UG_HITS=$(wc -l < "$R/ug-docx.txt")
fi

t0=$(now); "$BC" system > "$R/bc-system.json" || true; t1=$(now)
SYS_S=$(secs "$t0" "$t1")
LY_S=-
if command -v lynis > /dev/null; then
	t0=$(now); lynis audit system --quick --no-colors > "$R/lynis.txt" 2>&1 || true; t1=$(now)
	LY_S=$(secs "$t0" "$t1")
fi

echo
echo "== baomi-check 基准 benchmark ($JOBS 线程 threads, 热缓存 warm cache, $(nproc) cores) =="
echo "纯文本 plain text: $TEXT_FILES files, $(awk -v b="$TEXT_BYTES" 'BEGIN{printf "%.2f", b/1073741824}') GiB, 1000 keywords; planted: $PLANT_TEXT files ($PLANT_TEXT_UTF8 UTF-8, rest GBK)"
printf '  %-34s %8s s  %6s GiB/s  %s\n' "page-cache read (cat)" "$CAT_S" "$(rate "$TEXT_BYTES" "$CAT_S")" ""
printf '  %-34s %8s s  %6s GiB/s  files with hits: %s\n' "baomi-check scan ($(grep -o '"engine":"[a-z-]*"' "$R/bc-text.json" | cut -d'"' -f4))" "$BC_S" "$(rate "$TEXT_BYTES" "$BC_S")" "$BC_HITS"
if [ "$RG_S" != - ]; then
	printf '  %-34s %8s s  %6s GiB/s  files with hits: %s (UTF-8 only)\n' "ripgrep -F -f" "$RG_S" "$(rate "$TEXT_BYTES" "$RG_S")" "$RG_HITS"
	awk -v a="$RG_S" -v b="$BC_S" -v c="$CAT_S" 'BEGIN { printf "  baomi-check / ripgrep = %.2fx   baomi-check / page-cache read = %.0f%%\n", a / b, 100 * c / b }'
fi
echo "docx: $DOCX_N files; planted: $PLANT_DOCX ($PLANT_SPLIT split across runs)"
printf '  %-34s %8s s  %8s docs/s/core  files with hits: %s\n' "baomi-check scan" "$BCD_S" "$(awk -v n="$DOCX_N" -v s="$BCD_S" -v j="$JOBS" 'BEGIN{printf "%.0f", n/s/j}')" "$BCD_HITS"
if [ "$UG_S" != - ]; then
	printf '  %-34s %8s s  %8s docs/s/core  files with hits: %s\n' "ugrep -z -F -f" "$UG_S" "$(awk -v n="$DOCX_N" -v s="$UG_S" -v j="$JOBS" 'BEGIN{printf "%.0f", n/s/j}')" "$UG_HITS"
	awk -v a="$UG_S" -v b="$BCD_S" 'BEGIN { printf "  baomi-check / ugrep = %.2fx\n", a / b }'
fi
echo "系统检查 system checks:"
printf '  %-34s %8s s\n' "baomi-check system" "$SYS_S"
printf '  %-34s %8s s\n' "lynis audit system --quick" "$LY_S"
echo "results: $R"
