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
# libarchive is opened when the first archive comes: where it cannot be, the
# archive is reported unreadable with the reason, and nothing else changes.
mkdir "$T/nolib" && : > "$T/nolib/libarchive.so.13"
rc=0; LD_LIBRARY_PATH="$T/nolib" "$BC" scan -k "$T/kw.txt" --format json "$T/c/plain.7z" \
	> "$T/nolib.json" || rc=$?
[ $rc = 3 ] && grep -q '"reason":"[^"]*libarchive cannot be loaded (not installed?): [^"]*libarchive.so.13' "$T/nolib.json" ||
	fail "archive without libarchive exit $rc: $(cat "$T/nolib.json")"
rc=0; "$BC" scan -k "$T/kw.txt" "$T/c/plain.7z" > /dev/null || rc=$?
[ $rc = 1 ] || fail "archive with libarchive exit $rc"
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
# A second operating system: Windows beside Kylin in the EFI partition, GRUB's
# os-prober section, the UEFI boot entries in NVRAM, the GPT of sda (a Microsoft
# reserved partition) and an MBR disk with an active NTFS partition; sdb is a
# removable disk and not read.
mkdir -p "$R/boot/efi/EFI/BOOT" "$R/boot/efi/EFI/kylin" "$R/boot/efi/EFI/Microsoft" "$R/boot/grub" \
	"$R/sys/firmware/efi/efivars" "$R/dev" "$R/sys/class/block/sdb"
printf 'NAME="Kylin"\nID=kylin\nID_LIKE=debian\n' > "$R/etc/os-release"
cat > "$R/boot/grub/grub.cfg" <<'GRUB'
### BEGIN /etc/grub.d/10_linux ###
menuentry 'Kylin V10 SP1' --class kylin --class gnu-linux $menuentry_id_option 'gnulinux-simple' {
	linux /vmlinuz root=UUID=1 ro
}
submenu 'Advanced options for Kylin V10 SP1' {
	menuentry 'Kylin V10 SP1, with Linux 5.10' {
		linux /vmlinuz-5.10 root=UUID=1 ro
	}
}
### END /etc/grub.d/10_linux ###
### BEGIN /etc/grub.d/30_os-prober ###
menuentry 'Windows Boot Manager (on /dev/sda1)' --class windows --class os $menuentry_id_option 'osprober-efi-1' {
	chainloader /EFI/Microsoft/Boot/bootmgfw.efi
}
### END /etc/grub.d/30_os-prober ###
GRUB
printf 'major minor  #blocks  name\n\n   8        0   1048576 sda\n   8        1      1024 sda1\n   8        2        16 sda2\n   8        3    102400 sda3\n   8       16    1048576 sdb\n 252       16    1048576 vdb\n  11        0    1048575 sr0\n   7        0      4096 loop0\n' \
	> "$R/proc/partitions"
echo 1 > "$R/sys/class/block/sdb/removable"
python3 - "$R" <<'PY'
import struct, sys, uuid
r = sys.argv[1]
def guid(s):
    return uuid.UUID(s).bytes_le
def u16(s):
    return s.encode('utf-16-le')
# sda: protective MBR, GPT header at LBA 1, 128 entries at LBA 2
ents = b''
for i, (t, name, first, last) in enumerate([
        ('C12A7328-F81F-11D2-BA4B-00A0C93EC93B', 'EFI system partition', 2048, 4095),
        ('E3C9E316-0B5C-4DB8-817D-F92DF00215AE', 'Microsoft reserved partition', 4096, 36863),
        ('EBD0A0A2-B9E5-4433-87C0-68B6B72699C7', 'Basic data partition', 36864, 241663),
        ('0FC63DAF-8483-4772-8E79-3D69D8477DE4', '', 241664, 2097151)]):
    ents += guid(t) + uuid.uuid4().bytes + struct.pack('<QQQ', first, last, 0) + u16(name).ljust(72, b'\0')
ents = ents.ljust(128 * 128, b'\0')
mbr = bytearray(512)
mbr[446:462] = bytes([0, 0, 2, 0, 0xEE, 0xff, 0xff, 0xff]) + struct.pack('<II', 1, 0xffffffff)
mbr[510:512] = b'\x55\xaa'
hdr = b'EFI PART' + struct.pack('<IIIIQQQQ', 0x10000, 92, 0, 0, 1, 2097151, 34, 2097118)
hdr += uuid.uuid4().bytes + struct.pack('<QIII', 2, 128, 128, 0)
open(r + '/dev/sda', 'wb').write(bytes(mbr) + hdr.ljust(512, b'\0') + ents)
fat = bytearray(8192); fat[82:90] = b'FAT32   '; fat[510:512] = b'\x55\xaa'
open(r + '/dev/sda1', 'wb').write(bytes(fat))
ntfs = bytearray(8192); ntfs[3:11] = b'NTFS    '; ntfs[510:512] = b'\x55\xaa'
open(r + '/dev/sda3', 'wb').write(bytes(ntfs))
open(r + '/dev/sdb', 'wb').write(bytes(ntfs))
# vdb: an MBR disk with an active NTFS partition and a Linux one
mbr = bytearray(512)
mbr[446:462] = bytes([0x80, 0, 0, 0, 0x07, 0, 0, 0]) + struct.pack('<II', 2048, 409600)
mbr[462:478] = bytes([0, 0, 0, 0, 0x83, 0, 0, 0]) + struct.pack('<II', 411648, 1636352)
mbr[510:512] = b'\x55\xaa'
open(r + '/dev/vdb', 'wb').write(bytes(mbr))
# NVRAM boot entries: attributes, EFI_LOAD_OPTION (description, device path)
g = '8be4df61-93ca-11d2-aa0d-00e098032b8c'
def opt(desc, path, part):
    hd = struct.pack('<BBHIQQ', 4, 1, 42, part, 2048, 4096) + bytes(16) + bytes([2, 2])
    fp = u16(path) + b'\0\0'
    fnode = struct.pack('<BBH', 4, 4, 4 + len(fp)) + fp
    dp = hd + fnode + struct.pack('<BBH', 0x7f, 0xff, 4)
    return struct.pack('<I', 7) + struct.pack('<IH', 1, len(dp)) + u16(desc) + b'\0\0' + dp
ev = r + '/sys/firmware/efi/efivars/'
open(ev + 'Boot0000-' + g, 'wb').write(opt('Windows Boot Manager', '\\EFI\\Microsoft\\Boot\\bootmgfw.efi', 1))
open(ev + 'Boot0001-' + g, 'wb').write(opt('Kylin 麒麟', '\\EFI\\kylin\\shimx64.efi', 1))
open(ev + 'BootCurrent-' + g, 'wb').write(struct.pack('<IH', 6, 1))
PY
printf 'UUID=1 / ext4 defaults 0 1\nUUID=2 /mnt/win ntfs-3g defaults 0 0\n' > "$R/etc/fstab"
# Burning: Brasero installed (its library is not a burner), xorriso, the Kylin
# burner's desktop file, Brasero's log and a saved project, a DVD writer.
printf '\nPackage: brasero\nStatus: install ok installed\n\nPackage: libbrasero-media3-1\nStatus: install ok installed\n' \
	>> "$R/var/lib/dpkg/status"
mkdir -p "$R/usr/bin" "$R/usr/share/applications" "$R/home/alice/.cache/brasero" "$R/home/alice/Desktop" \
	"$R/proc/sys/dev/cdrom" "$R/sys/class/block/sr0/device"
: > "$R/usr/bin/xorriso"
printf '[Desktop Entry]\nName=麒麟刻录\n' > "$R/usr/share/applications/kylin-burner.desktop"
echo 'BraseroBurnSession started' > "$R/home/alice/.cache/brasero/brasero-session.log"
touch -d '2026-11-20 10:00:00 UTC' "$R/home/alice/.cache/brasero/brasero-session.log"
echo '<braseroproject/>' > "$R/home/alice/Desktop/备份.brasero"
touch -d '2026-11-21 08:00:00 UTC' "$R/home/alice/Desktop/备份.brasero"
printf 'CD-ROM information, Id: cdrom.c 3.20 2003/12/17\n\ndrive name:\t\tsr0\ndrive speed:\t\t24\nCan write CD-R:\t\t1\nCan write CD-RW:\t\t1\nCan write DVD-R:\t\t1\nCan write DVD-RAM:\t\t0\n' \
	> "$R/proc/sys/dev/cdrom/info"
echo 'HL-DT-ST' > "$R/sys/class/block/sr0/device/vendor"
echo 'DVDRAM GP65NB60 ' > "$R/sys/class/block/sr0/device/model"
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
# A second operating system, each trace with where it was found, decoded for people.
grep -q '"id":"boot.other_os".*"status":"fail"' "$T/sys.json" || fail "other OS"
grep -qF '{"record":"efi_directory","os":"Windows","entry":"Microsoft","source":"'"$R"'/boot/efi/EFI/Microsoft","other_os":true}' \
	"$T/sys.json" || fail "Windows in the EFI partition"
grep -qF '"entry":"kylin","source":"'"$R"'/boot/efi/EFI/kylin","other_os":false}' "$T/sys.json" ||
	fail "the host's own EFI directory"
grep -qF '{"record":"uefi_boot_entry","os":"Windows","entry":"Boot0000「Windows Boot Manager」\\EFI\\Microsoft\\Boot\\bootmgfw.efi 分区 partition 1",' \
	"$T/sys.json" || fail "the Windows NVRAM boot entry decoded"
grep -qF '"entry":"Boot0001「Kylin 麒麟」\\EFI\\kylin\\shimx64.efi 分区 partition 1 当前启动 booted now",' "$T/sys.json" ||
	fail "the booted NVRAM entry"
grep -qF '{"record":"grub_menu_entry","os":"Windows","entry":"Windows Boot Manager (on /dev/sda1)","source":"'"$R"'/boot/grub/grub.cfg","other_os":true}' \
	"$T/sys.json" || fail "GRUB os-prober entry"
grep -qF '"entry":"Kylin V10 SP1, with Linux 5.10","source":"'"$R"'/boot/grub/grub.cfg","other_os":false}' "$T/sys.json" ||
	fail "GRUB entry of the host"
grep -qF '"entry":"/dev/sda2: Microsoft 保留分区 Microsoft reserved「Microsoft reserved partition」, 16 MB","source":"'"$R"'/dev/sda","other_os":true}' \
	"$T/sys.json" || fail "Microsoft reserved partition in the GPT"
grep -qF '"entry":"/dev/sda3: 基本数据分区 basic data (Windows, FAT, exFAT)「Basic data partition」, NTFS, 100 MB",' "$T/sys.json" ||
	fail "NTFS on a GPT partition"
grep -qF '"entry":"/dev/sda1: EFI 系统分区 EFI system「EFI system partition」, FAT32, 1 MB",' "$T/sys.json" ||
	fail "EFI system partition"
grep -qF '"entry":"/dev/vdb1: NTFS/exFAT（Windows） 可启动 active, 200 MB","source":"'"$R"'/dev/vdb","other_os":true}' \
	"$T/sys.json" || fail "active NTFS partition of an MBR disk"
grep -qF '{"record":"fstab","os":"Windows","entry":"UUID=2 → /mnt/win (ntfs-3g)",' "$T/sys.json" || fail "NTFS in fstab"
grep -q '/dev/sdb' "$T/sys.json" && fail "a removable disk read for the other-OS check"
# Optical burning: programs, the log with its time, the project, the drive.
grep -q '"id":"media.burning".*"status":"fail".*最近 2026-11-21T08:00:00Z' "$T/sys.json" || fail "burning"
grep -qF '{"record":"tool","tool":"Brasero","source":"'"$R"'/var/lib/dpkg/status"}' "$T/sys.json" || fail "Brasero package"
grep -qF '{"record":"tool","tool":"xorriso","source":"'"$R"'/usr/bin/xorriso"}' "$T/sys.json" || fail "xorriso program"
grep -qF '{"record":"tool","tool":"麒麟刻录 kylin-burner","source":"'"$R"'/usr/share/applications/kylin-burner.desktop"}' \
	"$T/sys.json" || fail "Kylin burner desktop file"
grep -q 'libbrasero' "$T/sys.json" && fail "a library listed as a burner"
grep -qF '{"record":"log","tool":"Brasero","user":"alice","path":"'"$R"'/home/alice/.cache/brasero/brasero-session.log","modified":"2026-11-20T10:00:00Z"}' \
	"$T/sys.json" || fail "Brasero log"
grep -qF '{"record":"project","tool":"Brasero","user":"alice","path":"'"$R"'/home/alice/Desktop/备份.brasero","modified":"2026-11-21T08:00:00Z"}' \
	"$T/sys.json" || fail "Brasero project"
grep -qF '{"record":"drive","drive":"sr0","model":"HL-DT-ST DVDRAM GP65NB60","writes":"CD-R,CD-RW,DVD-R"}' \
	"$T/sys.json" || fail "optical drive"
"$BC" system --root "$R" --role classified --format text > "$T/sys.txt" || true
grep -q '^\[不通过 fail\] boot.other_os 另一操作系统' "$T/sys.txt" &&
	grep -qF 'Boot0000「Windows Boot Manager」\EFI\Microsoft\Boot\bootmgfw.efi 分区 partition 1（Windows）' "$T/sys.txt" ||
	fail "other OS in the text output"
grep -q '^\[不通过 fail\] media.burning 光盘刻录软件与刻录记录' "$T/sys.txt" &&
	grep -q 'alice: Brasero 1 个记录 files, 最近 last 2026-11-20T10:00:00Z' "$T/sys.txt" || fail "burning in the text output"
# A Linux-only host: its own boot entries are no finding.
C="$T/clean"
mkdir -p "$C/etc" "$C/boot/efi/EFI/ubuntu" "$C/boot/efi/EFI/BOOT" "$C/boot/grub"
printf 'ID=linuxmint\nID_LIKE="ubuntu debian"\n' > "$C/etc/os-release"
printf "menuentry 'Linux Mint 21' {\n\tlinux /vmlinuz\n}\nmenuentry 'UEFI Firmware Settings' {\n\tfwsetup\n}\n" \
	> "$C/boot/grub/grub.cfg"
"$BC" system --root "$C" --role classified > "$T/clean.json" || true
grep -q '"id":"boot.other_os".*"status":"pass"' "$T/clean.json" || fail "own boot entries taken for another OS"
grep -q '"id":"media.burning".*"status":"pass"' "$T/clean.json" || fail "burning on a clean host"
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
