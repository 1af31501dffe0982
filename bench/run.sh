#!/bin/sh
# baomi benchmarks — one command: `make bench` (or sh bench/run.sh [BUILD_DIR]).
#
# Audit chain verification: 1,000,000 records, `baomi audit verify` with 1 and 2
# threads, beside OpenSSL hashing the same database file once with SM3 (the
# floor for any verifier that reads every byte through OpenSSL's SM3).
# The endpoint-checker benchmark is bench/check/run.sh.
set -eu
BUILD=${1:-build}
N=${BAOMI_BENCH_RECORDS:-1000000}
OUT=${BAOMI_BENCH_DIR:-/tmp/baomi-bench}
BAOMI="$BUILD/src/cli/baomi"
[ -x "$BAOMI" ] || { echo "build first: make" >&2; exit 2; }

rm -rf "$OUT"
mkdir -p "$OUT"
echo "生成 / generating $N audit records ..."
t0=$(date +%s.%N)
"$BUILD/bench/audit_gen" "$OUT/data" "$N"
t1=$(date +%s.%N)
size=$(stat -c %s "$OUT/data/baomi.db")
printf 'generated %d records (%.1f MB database) in %.1f s\n' "$N" "$(echo "$size / 1048576" | bc -l)" \
	"$(echo "$t1 - $t0" | bc -l)"

# warm the page cache
cat "$OUT/data/baomi.db" >/dev/null

best() { # best of three wall-clock seconds of a command
	b=""
	for i in 1 2 3; do
		s=$(date +%s.%N)
		"$@" >/dev/null
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc -l)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}

v1=$(best "$BAOMI" audit verify --data "$OUT/data" --threads 1)
v2=$(best "$BAOMI" audit verify --data "$OUT/data" --threads 2)
sm3=$(best openssl dgst -sm3 "$OUT/data/baomi.db")
total=$(sqlite3 "$OUT/data/baomi.db" "SELECT count(*) FROM audit")

echo
echo "| what | seconds | records/s |"
echo "|---|---|---|"
printf '| baomi audit verify, 1 thread | %.3f | %.0f |\n' "$v1" "$(echo "$total / $v1" | bc -l)"
printf '| baomi audit verify, 2 threads | %.3f | %.0f |\n' "$v2" "$(echo "$total / $v2" | bc -l)"
printf '| openssl dgst -sm3 over the database file (reference) | %.3f | (%.0f MB/s) |\n' "$sm3" \
	"$(echo "$size / 1048576 / $sm3" | bc -l)"
echo
echo "records: $total; target ≥ 1,000,000 records/s"
rm -rf "$OUT"
