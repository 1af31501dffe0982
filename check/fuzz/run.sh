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
# Inputs that once found a bug (check/fuzz/seeds/), kept so that it stays fixed.
cp "$(dirname "$0")"/seeds/* "$T/seeds/"
printf '<w:p><w:r><w:t>绝</w:t></w:r><w:r><w:t>密&#23494;&amp;</w:t></w:r></w:p><![CDATA[x]]>' \
	> "$T/seeds/x.xml"
printf '<ofd:Page><ofd:TextObject Boundary="0 1 9 9" Size="4"><ofd:CGTransform><ofd:Glyphs>1 2</ofd:Glyphs></ofd:CGTransform><ofd:TextCode X="0" Y="2" DeltaX="g 2 3">涉&#23494;</ofd:TextCode></ofd:TextObject></ofd:Page>' \
	> "$T/seeds/page.xml"
# Mail: an .eml with encoded words, QP, base64 and an attachment; an mbox of two; a tar.
printf 'From: =?utf-8?Q?=E7=BB=9D?=\r\nSubject: =?gbk?B?vvjD3A==?=\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html; charset=gb2312\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=BE=F8=C3=DC=\r\nx\r\n--b\r\nContent-Disposition: attachment; filename*=UTF-8'"''"'%%E7%%BB%%9D.txt\r\nContent-Transfer-Encoding: base64\r\n\r\n57ud5a+G\r\n--b--\r\n' \
	> "$T/seeds/m.eml"
printf 'From - Mon\nFrom: a\nSubject: s\n\nbody\n\nFrom - Tue\nFrom: b\nSubject: t\n\n\347\273\235\345\257\206\n' > "$T/seeds/b.mbox"
(cd "$T/seeds" && tar -cf t.tar m.eml b.mbox 2> /dev/null) || true
# Legacy encodings (lenc): EUC-TW with a plane-2 character, Johab, and the ISO-2022 ones.
for e in EUC-TW JOHAB ISO-2022-JP ISO-2022-KR ISO-2022-CN; do
	printf '根據保密工作要求，机密文件\n이 문서는 비밀 문서\n' | iconv -c -t "$e" > "$T/seeds/enc-$e.txt" 2> /dev/null || true
done
# A PNG BLIP record (.ppt Pictures), then the same in an Excel MsoDrawingGroup record.
printf '\000\156\036\360\041\000\000\000AAAAAAAAAAAAAAAA\377\211PNG\r\n\032\n\000\000\000\015IHDR\353\000\051\000\000\156\036\360\041\000\000\000AAAAAAAAAAAAAAAA\377\211PNG\r\n\032\n\000\000\000\015IHDR' \
	> "$T/seeds/blip.bin"
rc=0
"$FUZZER" -max_total_time="$SECS" -rss_limit_mb=2048 -max_len=65536 -timeout=20 \
	-print_final_stats=1 "$T/work" "$T/seeds" || rc=$?
exit $rc
