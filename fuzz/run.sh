#!/bin/sh
# Runs a libFuzzer target for a bounded time from its seed folder.
#   run.sh FUZZER SEED_DIR SECONDS
set -eu
T=$(mktemp -d /tmp/baomi-fuzz-XXXXXX)
trap 'rm -rf "$T"' EXIT
"$1" -max_total_time="$3" -rss_limit_mb=4096 -max_len=8192 -timeout=30 -print_final_stats=1 \
	"$T" "$2"
