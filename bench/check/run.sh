#!/bin/sh
# bench/check/run.sh — baomi-check against its peers, side by side in one run.
#
#   sh bench/check/run.sh [BUILD_DIR]
#
# Generates (once) a corpus under $OUT (default /tmp/baomi-check-bench; never
# in the repository): ~$SIZE_MIB MiB of mixed UTF-8/GBK text with ~1% of files
# carrying keywords, $DOCX small docx files (1% with keywords, half of them
# split across runs) and 1,000 keywords.  Then, warm cache, $JOBS threads:
#   page-cache read: cat > /dev/null over every file (one process), the same
#     with $JOBS cat processes (xargs -P), and $JOBS threads reading into a
#     reused buffer (baomi-check-ceiling read: the real page-cache rate)
#   the matcher alone on the text already in memory (baomi-check-ceiling
#     match): the most that any scan with this matcher can reach, as the scan
#     matches (UTF-8 windows get the smaller pattern set) and with every form
#     on every window
#   baomi-check scan  vs  ripgrep -F -f (UTF-8 keyword forms: rg's best case)  on text
#   baomi-check scan  vs  ugrep -z -F -f                                         on docx
#   baomi-check system  vs  lynis audit system --quick
# and prints the figures.  Every timing but lynis is the fastest of $REPS runs
# (the machine may be shared).  Needs ripgrep, ugrep and lynis (check/deps.txt).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
OUT=${OUT:-/tmp/baomi-check-bench}
SIZE_MIB=${SIZE_MIB:-1024}
DOCX=${DOCX:-20000}
JOBS=${JOBS:-2}
REPS=${REPS:-3}
LYNIS=${LYNIS:-lynis} # LYNIS=none skips it
BC=$BUILD/check/baomi-check
MK=$BUILD/check/tests/baomi-check-mkcorpus
CEIL=$BUILD/check/tests/baomi-check-ceiling

if [ ! -x "$BC" ] || [ ! -x "$MK" ] || [ ! -x "$CEIL" ]; then
	cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
	cmake --build "$BUILD" -j "$JOBS" --target baomi-check baomi-check-mkcorpus \
		baomi-check-ceiling > /dev/null
fi
for t in rg ugrep "$LYNIS"; do
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
rm -f "$R/ceiling.txt"

now() { date +%s%N; }
# secs START END
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", n / s / 1073741824 }'; }
# best 'COMMAND': the fastest wall time of $REPS runs of COMMAND (eval'd here)
best() {
	b=- i=0
	while [ "$i" -lt "$REPS" ]; do
		t0=$(now); eval "$1" || true; t1=$(now)
		b=$(awk -v a="$(secs "$t0" "$t1")" -v b="$b" 'BEGIN { print (b == "-" || a < b) ? a : b }')
		i=$((i + 1))
	done
	echo "$b"
}
# least FIELD 'COMMAND': the smallest second field of the line starting FIELD, over $REPS runs
least() {
	i=0
	while [ "$i" -lt "$REPS" ]; do
		eval "$2"
		i=$((i + 1))
	done | awk -v f="$1" '$1 == f && (m == "" || $2 < m) { m = $2 } END { print m }'
}

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
CAT_S=$(best 'find "$C/text" -type f -exec cat {} + > /dev/null')
# cat maps a fresh buffer for every file; $JOBS of them side by side, then a
# reader that reuses its buffer (the page cache's own rate).
CATJ_S=$(best 'find "$C/text" -type f -print0 | xargs -0 -P "$JOBS" -n 500 cat > /dev/null')
RD_S=$(least read '"$CEIL" read "$C/text" "$JOBS"')
# The matcher alone, text in memory: all keyword forms, and the UTF-8 forms rg gets.
least match_all '"$CEIL" match "$KW" "$C/text" "$JOBS" | tee -a "$R/ceiling.txt"' > /dev/null
MA_S=$(least match_all 'cat "$R/ceiling.txt"')
ME_S=$(least match_every_form 'cat "$R/ceiling.txt"')
MU_S=$(least match_utf8 'cat "$R/ceiling.txt"')

BC_S=$(best '"$BC" scan -k "$KW" -j "$JOBS" "$C/text" > "$R/bc-text.json"')
BC_HITS=$(grep -o '"files_with_hits":[0-9]*' "$R/bc-text.json" | cut -d: -f2)

RG_S=- RG_HITS=-
if command -v rg > /dev/null; then
	# -j: its threads; -uuu: every file, hidden or binary; reads, not maps (faster here).
	RG_S=$(best 'rg -F -f "$KW" -l -j "$JOBS" -uuu "$C/text" > "$R/rg-text.txt"')
	RG_HITS=$(wc -l < "$R/rg-text.txt")
fi

DOCX_N=$(find "$C/docx" -type f | wc -l)
BCD_S=$(best '"$BC" scan -k "$KW" -j "$JOBS" "$C/docx" > "$R/bc-docx.json"')
BCD_HITS=$(grep -o '"files_with_hits":[0-9]*' "$R/bc-docx.json" | cut -d: -f2)
UG_S=- UG_HITS=-
if command -v ugrep > /dev/null; then
	UG_S=$(best 'ugrep -z -F -f "$KW" -l -J "$JOBS" -r "$C/docx" > "$R/ug-docx.txt"')
	UG_HITS=$(wc -l < "$R/ug-docx.txt")
fi

SYS_S=$(best '"$BC" system > "$R/bc-system.json"')
LY_S=-
if command -v "$LYNIS" > /dev/null; then
	t0=$(now); "$LYNIS" audit system --quick --no-colors > "$R/lynis.txt" 2>&1 || true; t1=$(now)
	LY_S=$(secs "$t0" "$t1")
fi

echo
echo "== baomi-check 基准 benchmark ($JOBS 线程 threads, 热缓存 warm cache, $(nproc) cores) =="
echo "纯文本 plain text: $TEXT_FILES files, $(awk -v b="$TEXT_BYTES" 'BEGIN{printf "%.2f", b/1073741824}') GiB, 1000 keywords; planted: $PLANT_TEXT files ($PLANT_TEXT_UTF8 UTF-8, rest GBK)"
printf '  %-34s %8s s  %6s GiB/s  %s\n' "page-cache read (cat)" "$CAT_S" "$(rate "$TEXT_BYTES" "$CAT_S")" "one process"
printf '  %-34s %8s s  %6s GiB/s  %s\n' "page-cache read (cat x $JOBS)" "$CATJ_S" "$(rate "$TEXT_BYTES" "$CATJ_S")" "xargs -P $JOBS"
printf '  %-34s %8s s  %6s GiB/s  %s\n' "page-cache read ($JOBS threads)" "$RD_S" "$(rate "$TEXT_BYTES" "$RD_S")" "reused 1 MiB buffer"
printf '  %-34s %8s s  %6s GiB/s  %s\n' "matcher alone, in memory" "$MA_S" "$(rate "$TEXT_BYTES" "$MA_S")" "all forms as the scan does: the ceiling"
printf '  %-34s %8s s  %6s GiB/s  %s\n' "matcher alone, every form always" "$ME_S" "$(rate "$TEXT_BYTES" "$ME_S")" "no UTF-8 windows (before)"
printf '  %-34s %8s s  %6s GiB/s  %s\n' "matcher alone, UTF-8 forms only" "$MU_S" "$(rate "$TEXT_BYTES" "$MU_S")" "rg's pattern set"
printf '  %-34s %8s s  %6s GiB/s  files with hits: %s\n' "baomi-check scan ($(grep -o '"engine":"[a-z-]*"' "$R/bc-text.json" | cut -d'"' -f4))" "$BC_S" "$(rate "$TEXT_BYTES" "$BC_S")" "$BC_HITS"
if [ "$RG_S" != - ]; then
	printf '  %-34s %8s s  %6s GiB/s  files with hits: %s (UTF-8 only)\n' "ripgrep -F -f" "$RG_S" "$(rate "$TEXT_BYTES" "$RG_S")" "$RG_HITS"
	awk -v a="$RG_S" -v b="$BC_S" -v m="$MA_S" 'BEGIN { printf "  baomi-check / ripgrep = %.2fx   (ceiling: matcher alone / ripgrep = %.2fx)\n", a / b, a / m }'
fi
awk -v b="$BC_S" -v c="$CAT_S" -v j="$CATJ_S" -v r="$RD_S" -v n="$JOBS" 'BEGIN { printf "  baomi-check / page-cache read = %.0f%% (cat), %.0f%% (cat x %d), %.0f%% (%d threads)\n", 100 * c / b, 100 * j / b, n, 100 * r / b, n }'
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
