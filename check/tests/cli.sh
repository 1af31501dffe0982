#!/bin/sh
# check_cli: the baomi-check command line on the planted corpus — exit codes,
# JSON and text output, both engines giving the same hits, system checks on a
# fake root, and the signed report of `all` detecting an edit.
set -eu
BC=$1
MK=$2
SHIM=${3:-} # hs_fail_shim.so, when the build has Hyperscan and no sanitizers
T=$(mktemp -d /tmp/baomi-check-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$MK" planted "$T/c"
printf '绝密\n涉密\nTOPSECRET\n内部资料\n' > "$T/kw.txt"

# Exit codes: 1 with hits, 0 without, 2 for usage and input errors.
rc=0; "$BC" scan -k "$T/kw.txt" "$T/c" > "$T/ac.json" || rc=$?
[ $rc = 1 ] || fail "scan with hits exit $rc"
rc=0; "$BC" scan -k "$T/kw.txt" "$T/c/clean.txt" > /dev/null || rc=$?
[ $rc = 0 ] || fail "scan without hits exit $rc"
rc=0; "$BC" scan -k "$T/kw.txt" "$T/c/enc_rc4.xls" > /dev/null || rc=$?
[ $rc = 1 ] || fail "scan of an encrypted file exit $rc"
rc=0; "$BC" scan -k "$T/kw.txt" "$T/c/corrupt.docx" > /dev/null || rc=$?
[ $rc = 3 ] || fail "scan of an unreadable file only exit $rc"
rc=0; "$BC" scan -k "$T/kw.txt" "$T/missing" 2> "$T/err" || rc=$?
[ $rc = 2 ] && grep -q missing "$T/err" || fail "missing path exit $rc"
rc=0; "$BC" scan -k "$T/nokw.txt" "$T/c" 2> "$T/err" || rc=$?
[ $rc = 2 ] && grep -q nokw.txt "$T/err" || fail "missing keywords file exit $rc"
printf 'ok\n\377bad\n' > "$T/badkw.txt"
rc=0; "$BC" scan -k "$T/badkw.txt" "$T/c" 2> "$T/err" || rc=$?
[ $rc = 2 ] && grep -q 'badkw.txt:2' "$T/err" || fail "bad keyword line exit $rc"
rc=0; "$BC" scan --bogus 2> /dev/null || rc=$?
[ $rc = 2 ] || fail "unknown option exit $rc"
for bad in "--file-timeout 0" "--file-timeout x" "--file-memory 1M" "--file-memory 12Q" \
	"--file-memory -5"; do
	# shellcheck disable=SC2086
	rc=0; "$BC" scan -k "$T/kw.txt" $bad "$T/c" 2> "$T/err" > /dev/null || rc=$?
	[ $rc = 2 ] && grep -q -e "${bad%% *}" "$T/err" || fail "$bad exit $rc"
done
"$BC" --help | grep -q -- '--file-timeout SECONDS' || fail "--help without --file-timeout"

# The per-file budget: a 4 GiB gzip bomb is cut off by --file-timeout with the
# reason "timeout", and the hits of the other file are reported.
mkdir "$T/b"
python3 -c 'import gzip, sys; sys.stdout.buffer.write(gzip.compress(bytes(16 << 20), 1) * 256)' \
	> "$T/b/bomb.gz"
printf '绝密\n' > "$T/b/hit.txt"
rc=0; "$BC" scan -k "$T/kw.txt" --file-timeout 0.5 --file-memory 64M "$T/b" > "$T/b.json" || rc=$?
[ $rc = 1 ] || fail "budget scan exit $rc"
grep -q '"path":"[^"]*bomb.gz","format":"gzip","reason":"timeout: ' "$T/b.json" ||
	fail "gzip bomb not cut off: $(cat "$T/b.json")"
grep -q 'hit.txt","format":"text","encoding":"utf-8","part":"body","keyword":"绝密"' "$T/b.json" ||
	fail "hit beside the bomb"

# JSON: every hit line names path, format, encoding, keyword, count, context.
grep -q '"version":1' "$T/ac.json" || fail "no version"
grep -q '"files_scanned":31' "$T/ac.json" || fail "files_scanned"
grep -q 'split.docx","format":"docx","encoding":"utf-8","part":"body","keyword":"绝密","count":1,"context":"[^"]*绝密' \
	"$T/ac.json" || fail "split docx hit"
grep -q 'meta.docx","format":"docx","encoding":"utf-8","part":"metadata","keyword":"绝密"' \
	"$T/ac.json" || fail "metadata part"
# Encrypted files: listed with their format and counted, not as errors.
grep -q '"files_encrypted":8' "$T/ac.json" || fail "files_encrypted"
grep -q '{"path":"[^"]*/enc_rc4.xls","format":"xls"}' "$T/ac.json" || fail "encrypted xls"
grep -q '"path":"[^"]*/enc[^"]*","format":"[a-z0-9]*","reason"' "$T/ac.json" &&
	fail "an encrypted file reported as an error"
grep -q 'gbk_decoy' "$T/ac.json" && fail "GBK decoy reported"
grep -q 'corrupt.docx' "$T/ac.json" || fail "corrupt file not reported"

# Both engines, the same hits (elapsed time and engine name aside).
if "$BC" --version | grep -q hyperscan; then
	"$BC" scan -k "$T/kw.txt" --engine ac -j 1 "$T/c" > "$T/a.json" || true
	"$BC" scan -k "$T/kw.txt" --engine hs -j 2 "$T/c" > "$T/h.json" || true
	grep -v -e elapsed -e engine -e '"jobs"' "$T/a.json" > "$T/a2"
	grep -v -e elapsed -e engine -e '"jobs"' "$T/h.json" > "$T/h2"
	cmp "$T/a2" "$T/h2" || fail "engines differ"
fi

# The full database, built when a GBK window first needs it, cannot be built:
# the scan says so and exits 2 rather than reporting the file clean.
if [ -n "$SHIM" ]; then
	rc=0; LD_PRELOAD="$SHIM" "$BC" scan -k "$T/kw.txt" --engine hs -j 1 "$T/c/gbk.txt" \
		> /dev/null 2> "$T/err" || rc=$?
	[ $rc = 2 ] && grep -q 'cannot build the matcher' "$T/err" ||
		fail "late matcher failure exit $rc: $(cat "$T/err")"
fi

# Text output.
rc=0; "$BC" scan -k "$T/kw.txt" --format text "$T/c" > "$T/out.txt" || rc=$?
[ $rc = 1 ] && grep -q '命中 HIT' "$T/out.txt" && grep -q 'Scanned 31 files' "$T/out.txt" ||
	fail "text output"
grep -q '加密 ENCRYPTED .*/enc_rc4.doc \[doc\]' "$T/out.txt" && grep -q '8 files encrypted' "$T/out.txt" ||
	fail "text output: encrypted"

# System checks on a fake root: a classified host with wireless, a default
# route, and a USB stick in kern.log that is registered as unclassified.
R="$T/root"
mkdir -p "$R/proc/net" "$R/sys/class/net/wlan0/wireless" "$R/var/log" "$R/etc" "$R/home"
printf 'Iface\tDestination\tGateway\tFlags\nwlan0\t00000000\t0101A8C0\t0003\n' > "$R/proc/net/route"
echo up > "$R/sys/class/net/wlan0/operstate"
cat > "$R/var/log/kern.log" <<'LOG'
Nov 20 09:00:01 pc kernel: [  10.1] usb 1-2: New USB device found, idVendor=0781, idProduct=5581, bcdDevice= 1.00
Nov 20 09:00:01 pc kernel: [  10.1] usb 1-2: Product: Ultra
Nov 20 09:00:01 pc kernel: [  10.1] usb 1-2: Manufacturer: SanDisk
Nov 20 09:00:01 pc kernel: [  10.1] usb 1-2: SerialNumber: 4C530001
Nov 20 09:00:02 pc kernel: [  10.2] usb-storage 1-2:1.0: USB Mass Storage device detected
Nov 21 10:00:01 pc kernel: [  20.1] usb 1-3: New USB device found, idVendor=2717, idProduct=ff48, bcdDevice= 4.04
Nov 21 10:00:01 pc kernel: [  20.1] usb 1-3: Product: Mi 10
Nov 21 10:00:01 pc kernel: [  20.1] usb 1-3: Manufacturer: Xiaomi
Nov 21 10:00:01 pc kernel: [  20.1] usb 1-3: SerialNumber: 8a7c55
Nov 21 10:00:02 pc kernel: [  20.2] rndis_host 1-3:1.0 usb0: register 'rndis_host' at usb-0000:00:14.0-3, RNDIS device, 0a:1b:2c:3d:4e:5f
Nov 21 10:05:00 pc kernel: [ 320.1] usb 1-4: New USB device found, idVendor=0bda, idProduct=8179, bcdDevice= 0.00
Nov 21 10:05:00 pc kernel: [ 320.1] usb 1-4: Product: 802.11n NIC
Nov 21 10:05:01 pc kernel: [ 320.2] r8188eu 1-4:1.0 wlx00e04c: renamed from wlan0
Nov 22 11:00:00 pc kernel: [  30.1] usb 1-3: New USB device found, idVendor=2717, idProduct=ff48, bcdDevice= 4.04
Nov 22 11:00:00 pc kernel: [  30.1] usb 1-3: SerialNumber: 8a7c55
LOG
# Wi-Fi networks joined (NetworkManager, wpa_supplicant) and VPN profiles.
mkdir -p "$R/etc/NetworkManager/system-connections" "$R/etc/wireguard"
printf '[connection]\nid=Office\ntype=wifi\ntimestamp=1763600000\n\n[wifi]\nmode=infrastructure\nssid=CMCC-5G-办公\n' \
	> "$R/etc/NetworkManager/system-connections/Office.nmconnection"
printf '[connection]\nid=公司VPN\ntype=vpn\n\n[vpn]\nservice-type=org.freedesktop.NetworkManager.openvpn\n' \
	> "$R/etc/NetworkManager/system-connections/vpn.nmconnection"
printf 'ctrl_interface=/run/wpa_supplicant\nnetwork={\n\tssid="HomeNet"\n\tscan_ssid=1\n\tpsk="x"\n}\n' > "$R/etc/wpa_supplicant.conf"
printf '[Interface]\nPrivateKey=x\n' > "$R/etc/wireguard/wg0.conf"
# Services, shares, software, printers and recent documents.
mkdir -p "$R/etc/samba" "$R/var/lib/dpkg" "$R/opt/sunlogin" "$R/etc/cups" "$R/var/log/cups" \
	"$R/home/alice/.local/share"
printf '  sl  local_address rem_address   st\n   0: 0100007F:0277 00000000:0000 0A\n   1: 00000000:01BD 00000000:0000 0A\n   2: 0F02000A:D1A2 2E01A8C0:01BB 01\n' > "$R/proc/net/tcp"
printf '[global]\n   workgroup = WG\n[共享资料]\n   path = /srv/share\n[printers]\n' > "$R/etc/samba/smb.conf"
printf '# exports\n/srv/data 192.168.0.0/24(rw)\n' > "$R/etc/exports"
printf 'Package: bash\nStatus: install ok installed\n\nPackage: todesk\nStatus: install ok installed\nVersion: 4.7\n\nPackage: linuxqq\nStatus: deinstall ok config-files\n' > "$R/var/lib/dpkg/status"
printf '<DefaultPrinter HP-M404>\nDeviceURI socket://192.168.1.50:9100\n</DefaultPrinter>\n<Printer Local>\nDeviceURI usb://Brother/HL?serial=1\n</Printer>\n' > "$R/etc/cups/printers.conf"
printf 'HP-M404 alice 12 [20/Nov/2026:09:30:00 +0800] total 3 - localhost report.pdf - -\n' > "$R/var/log/cups/page_log"
printf '<?xml version="1.0"?>\n<xbel><bookmark href="file:///home/alice/%%E8%%AE%%A1%%E5%%88%%92.docx" added="2026-11-20T08:00:00Z" modified="2026-11-20T08:05:00Z" visited="2026-11-20T08:05:00Z"></bookmark></xbel>\n' \
	> "$R/home/alice/.local/share/recently-used.xbel"
mkdir -p "$R/home/alice/.config/libreoffice/4/user"
printf '<oor:items><item oor:path="/org.openoffice.Office.Histories/Histories/org.openoffice.Office.Histories:HistoryInfo['"'"'PickList'"'"']/ItemList"><node oor:name="file:///home/alice/old.odt" oor:op="replace"><prop oor:name="Title"><value>old.odt</value></prop></node></item></oor:items>\n' \
	> "$R/home/alice/.config/libreoffice/4/user/registrymodifications.xcu"
printf '# serial level\n4C530001 unclassified\n' > "$R/media.txt"
rc=0; "$BC" system --root "$R" --role classified --media "$R/media.txt" > "$T/sys.json" || rc=$?
[ $rc = 1 ] || fail "system exit $rc"
grep -q '"id":"net.default_route".*"status":"fail"' "$T/sys.json" || fail "default route"
grep -q 'gateway 192.168.1.1' "$T/sys.json" || fail "the gateway decoded for people"
grep -q '"id":"net.wireless".*"status":"fail"' "$T/sys.json" || fail "wireless"
grep -q '"id":"net.wifi_history".*"status":"fail"' "$T/sys.json" || fail "wifi history"
grep -q '{"ssid":"CMCC-5G-办公","last_used":"2025-11-20T00:53:20Z"' "$T/sys.json" || fail "NetworkManager Wi-Fi profile"
grep -q '{"ssid":"HomeNet","last_used":""' "$T/sys.json" || fail "wpa_supplicant network"
grep -q '"id":"net.vpn".*"status":"fail"' "$T/sys.json" || fail "vpn"
grep -q '"id":"net.listening".*{"address":"0.0.0.0","port":445}' "$T/sys.json" || fail "listening service"
grep -q '"address":"127.0.0.1"' "$T/sys.json" && fail "loopback listed as listening"
grep -q '"id":"net.shares".*"status":"fail".*{"share":"共享资料","kind":"samba"},{"share":"/srv/data","kind":"nfs"}]' \
	"$T/sys.json" || fail "shares"
grep -q '"id":"software.remote_im_vm".*"status":"fail"' "$T/sys.json" || fail "software"
grep -q '{"name":"todesk","kind":"remote"' "$T/sys.json" && grep -q '{"name":"sunlogin","kind":"remote"' "$T/sys.json" ||
	fail "remote-control software"
grep -q '"name":"linuxqq"' "$T/sys.json" && fail "a removed package listed"
grep -q '"id":"print.cups".*"status":"fail"' "$T/sys.json" || fail "network printer"
grep -q '{"record":"job","printer":"HP-M404","user":"alice","job":"12","time":"20/Nov/2026:09:30:00 +0800"}' \
	"$T/sys.json" || fail "print history"
grep -q '{"user":"alice","from":"desktop","document":"file:///home/alice/%E8%AE%A1%E5%88%92.docx","modified":"2026-11-20T08:05:00Z"}' \
	"$T/sys.json" || fail "recent documents"
grep -q '{"user":"alice","from":"libreoffice","document":"file:///home/alice/old.odt","modified":""}' \
	"$T/sys.json" || fail "LibreOffice recent documents"
grep -q '{"name":"公司VPN","type":"org.freedesktop.NetworkManager.openvpn"' "$T/sys.json" || fail "NetworkManager VPN"
grep -q '{"name":"wg0.conf","type":"wireguard"' "$T/sys.json" || fail "WireGuard profile"
grep -q '"id":"usb.cross_use".*"status":"fail"' "$T/sys.json" || fail "cross use"
grep -q '"serial":"4C530001"' "$T/sys.json" || fail "usb history"
# USB devices of every class: a phone tethering (RNDIS) seen twice, a Wi-Fi dongle
grep -q '"id":"usb.devices".*"status":"fail"' "$T/sys.json" || fail "usb devices"
grep -q '{"class":"phone,network","vendor_id":"2717","product_id":"ff48","vendor":"Xiaomi","product":"Mi 10","serial":"8a7c55","first_seen":"Nov 21 10:00:01","last_seen":"Nov 22 11:00:00","times_seen":2' \
	"$T/sys.json" || fail "tethering phone with first and last seen"
grep -q '{"class":"wifi","vendor_id":"0bda","product_id":"8179"' "$T/sys.json" || fail "wifi dongle"
grep -q '{"class":"storage","vendor_id":"0781"' "$T/sys.json" || fail "the stick among usb devices"
printf '4C530001 bogus\n' > "$T/badmedia.txt"
rc=0; "$BC" system --root "$R" --media "$T/badmedia.txt" 2> "$T/err" > /dev/null || rc=$?
[ $rc = 2 ] && grep -q 'badmedia.txt:1' "$T/err" || fail "bad media list exit $rc"

# The report of `all`: verifies, and an edit is detected.
rc=0; "$BC" all --root "$R" --role classified -k "$T/kw.txt" -o "$T/rep.json" "$T/c" 2> /dev/null ||
	rc=$?
[ $rc = 1 ] || fail "all exit $rc"
"$BC" verify "$T/rep.json" > /dev/null || fail "verify"
sed 's/"files_with_hits":[0-9]*/"files_with_hits":0/' "$T/rep.json" > "$T/rep2.json"
rc=0; "$BC" verify "$T/rep2.json" > /dev/null || rc=$?
[ $rc = 1 ] || fail "tampered report verified (exit $rc)"
printf 'secret-key\n' > "$T/key"
"$BC" all --root "$R" --role unclassified -k "$T/kw.txt" --hmac-key "$T/key" -o "$T/rep3.json" \
	"$T/c/clean.txt" 2> /dev/null || true
grep -q '"digest_alg":"hmac-sm3"' "$T/rep3.json" || fail "hmac-sm3"
"$BC" verify --hmac-key "$T/key" "$T/rep3.json" > /dev/null || fail "verify hmac"
printf 'other\n' > "$T/key2"
rc=0; "$BC" verify --hmac-key "$T/key2" "$T/rep3.json" > /dev/null || rc=$?
[ $rc = 1 ] || fail "wrong key verified (exit $rc)"
echo "check_cli: all passed"
