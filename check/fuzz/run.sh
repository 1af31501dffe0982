#!/bin/sh
# Runs one libFuzzer target for a bounded time, seeded with the planted corpus.
#   run.sh FUZZER MKCORPUS SECONDS
set -eu
FUZZER=$1
MK=$2
SECS=$3
T=$(mktemp -d /tmp/baomi-check-fuzz-XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/seeds" "$T/work"
"$MK" planted "$T/planted"
"$MK" formats "$T/planted/formats"
# Seeds: the small files of the planted corpus, and the XML inside the docx.
find "$T/planted" -type f -size -256k -exec cp {} "$T/seeds/" \;
printf '<w:p><w:r><w:t>绝</w:t></w:r><w:r><w:t>密&#23494;&amp;</w:t></w:r></w:p><![CDATA[x]]>' \
	> "$T/seeds/x.xml"
printf '<ofd:Page><ofd:TextObject Boundary="0 1 9 9" Size="4"><ofd:CGTransform><ofd:Glyphs>1 2</ofd:Glyphs></ofd:CGTransform><ofd:TextCode X="0" Y="2" DeltaX="g 2 3">涉&#23494;</ofd:TextCode></ofd:TextObject></ofd:Page>' \
	> "$T/seeds/page.xml"
rc=0
"$FUZZER" -max_total_time="$SECS" -rss_limit_mb=2048 -max_len=65536 -timeout=20 \
	-print_final_stats=1 "$T/work" "$T/seeds" || rc=$?
exit $rc
