#!/bin/sh
# faketime.sh 'YYYY-MM-DD HH:MM:SS' SCRIPT — runs an integration test with every process
# (the script, curl, python3 and the server it starts) seeing the clock start at that UTC
# time and run on, and with the machine's zone UTC: at 23:30 UTC Beijing (the server's
# day) is already tomorrow, at 15:59:59 UTC its day ends a second into the test.  Such
# runs catch a test that takes "today" from the local clock.
# An offset rather than an absolute start: libfaketime reads an absolute time in each
# process's own zone and restarts it in each new process; monotonic clocks stay real so
# timeouts behave.
set -eu

[ $# -eq 2 ] || {
	echo "usage: faketime.sh 'YYYY-MM-DD HH:MM:SS' SCRIPT" >&2
	exit 2
}
command -v faketime >/dev/null || {
	echo "faketime.sh: the faketime package is missing (make deps)" >&2
	exit 1
}
target=$(date -u -d "$1" +%s)
offset=$((target - $(date -u +%s)))
case $offset in -*) spec="${offset}s" ;; *) spec="+${offset}s" ;; esac
export TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1
seen=$(faketime -f "$spec" date -u +%s)
[ $((seen - target)) -ge 0 ] && [ $((seen - target)) -lt 30 ] || {
	echo "faketime.sh: the fake clock does not work here (wanted $target, saw $seen)" >&2
	exit 1
}
exec faketime -f "$spec" sh "$2"
