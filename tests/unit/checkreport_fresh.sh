#!/bin/sh
# Has the freshly built baomi-check write two reports over a planted
# directory (one plain, one keyed) and test_checkreport parse them.  The
# system checks may say could_not_check on this machine; only the shape of
# the report and the planted hit are asserted.
#   checkreport_fresh.sh BAOMI_CHECK TEST_CHECKREPORT TMPDIR
set -eu
CHECK=$1
TEST=$2
mkdir -p "$3"
T=$(mktemp -d "$3/crep-XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
mkdir corpus
printf '这份材料标注为绝密，仅限内部资料使用。\n第二行再次出现绝密字样。\n' >corpus/plan.txt
printf 'nothing here\n' >corpus/clean.txt
# a PDF with /Encrypt in its trailer: reported as encrypted, not as an error
printf '%%PDF-1.4\ntrailer\n<< /Size 1 /Encrypt 2 0 R >>\n%%%%EOF\n' >corpus/locked.pdf
printf '绝密\n内部资料\n' >kw.txt
printf 'fresh-key-%s\n' "$$" >key.txt

# exit 1 means violations or hits, which the planted file guarantees
run() {
	rc=0
	"$CHECK" "$@" 2>check.err || rc=$?
	if [ "$rc" -ne 1 ]; then
		echo "baomi-check $*: exit $rc" >&2
		cat check.err >&2
		exit 1
	fi
}
run all --role classified --keywords kw.txt -o plain.json corpus
run all --role unclassified --keywords kw.txt --hmac-key key.txt -o keyed.json corpus
"$TEST" plain.json
"$TEST" keyed.json key.txt
