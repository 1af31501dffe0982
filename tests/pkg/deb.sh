#!/bin/sh
# The Debian packages, on the machine itself (root): build them (scripts/mkdeb.sh), lintian
# with no errors, install, check files, modes, the baomi user and the generated TLS pair,
# `systemd-analyze verify` on the units, run the installed binary as the service would (HTTPS
# from /etc/baomi/baomi.conf) against a scratch data directory, a backup with retention,
# then remove (config and data stay) and purge (config goes, data stays unless told).
#   deb.sh BUILD_DIR WORK_DIR
# Exits 77 (skipped) when not root, or when baomi is already installed here: a real
# installation is never touched.  Leaves the machine as it found it.
set -eu

BUILD=$1
WORK=$2
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PASSES=0
die() {
	echo "FAIL: $*" >&2
	exit 1
}
ok() {
	PASSES=$((PASSES + 1))
	echo "ok - $*"
}

[ "$(id -u)" = 0 ] || { echo "skip: the package test installs packages (needs root)"; exit 77; }
command -v dpkg-deb >/dev/null && command -v lintian >/dev/null && command -v systemd-analyze >/dev/null ||
	{ echo "skip: dpkg-deb, lintian or systemd-analyze missing (scripts/setup-deps.sh)"; exit 77; }
# one package test at a time on a machine
exec 9>/run/lock/baomi-pkgtest.lock
flock 9
if dpkg-query -W -f='${Status}' baomi 2>/dev/null | grep -q installed ||
	dpkg-query -W -f='${Status}' baomi-check 2>/dev/null | grep -q installed || [ -e /var/lib/baomi ] ||
	[ -e /etc/baomi ]; then
	echo "skip: baomi is installed on this machine (or its files are there); not touching it"
	exit 77
fi
had_user=no
getent passwd baomi >/dev/null && had_user=yes
PID=""
SCRATCH=""
cleanup() {
	[ -z "$SCRATCH" ] || rm -rf "$SCRATCH"
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	dpkg --purge baomi baomi-check >/dev/null 2>&1 || true
	rm -rf /var/lib/baomi /var/backups/baomi /etc/baomi
	[ $had_user = yes ] || { userdel baomi 2>/dev/null || true; groupdel baomi 2>/dev/null || true; }
}
trap cleanup EXIT
rm -rf "$WORK"
mkdir -p "$WORK"

sh "$SRC/scripts/mkdeb.sh" "$BUILD" "$WORK/dist" >/dev/null || die "mkdeb"
V=$(sed -n 's/^project(baomi VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
A=$(dpkg --print-architecture)
DEB="$WORK/dist/baomi_${V}_$A.deb"
CDEB="$WORK/dist/baomi-check_${V}_$A.deb"
[ -f "$DEB" ] && [ -f "$CDEB" ] || die "mkdeb did not write baomi_${V}_$A.deb and baomi-check_${V}_$A.deb"
dpkg-deb -f "$DEB" Depends | grep -q 'libmicrohttpd12' || die "Depends must name the library packages"
dpkg-deb -f "$CDEB" Depends >"$WORK/cdeps"
! grep -Eq 'poppler|cairo|pango|microhttpd|curl' "$WORK/cdeps" || die "baomi-check must stay small: $(cat "$WORK/cdeps")"
dpkg-deb -f "$CDEB" Recommends | grep -q libpoppler-glib || die "baomi-check recommends poppler for PDF text"
# libarchive is opened with dlopen, which dpkg-shlibdeps cannot see: named by hand.
grep -q 'libarchive13' "$WORK/cdeps" || die "baomi-check must depend on libarchive13: $(cat "$WORK/cdeps")"
ok "make deb: baomi and baomi-check for $A, Depends from dpkg-shlibdeps, baomi-check without PDF Depends"

lintian --fail-on error --tag-display-limit 0 "$DEB" "$CDEB" >"$WORK/lintian" 2>&1 ||
	die "lintian reports errors: $(grep '^E:' "$WORK/lintian")"
ok "lintian: no errors ($(grep -c '^W:' "$WORK/lintian" || true) warnings)"

dpkg -i "$DEB" "$CDEB" >"$WORK/install.log" 2>&1 || die "dpkg -i: $(tail -5 "$WORK/install.log")"
getent passwd baomi | awk -F: '{ exit !($3 < 1000 && $7 == "/usr/sbin/nologin") }' ||
	die "baomi must be a system user without a login shell: $(getent passwd baomi)"
mode() { stat -c '%a %U:%G' "$1"; }
[ "$(mode /usr/bin/baomi)" = "755 root:root" ] || die "/usr/bin/baomi: $(mode /usr/bin/baomi)"
[ "$(mode /usr/bin/baomi-check)" = "755 root:root" ] || die "/usr/bin/baomi-check"
[ "$(mode /var/lib/baomi)" = "700 baomi:baomi" ] || die "/var/lib/baomi: $(mode /var/lib/baomi)"
[ "$(mode /var/backups/baomi)" = "700 baomi:baomi" ] || die "/var/backups/baomi: $(mode /var/backups/baomi)"
[ "$(mode /etc/baomi/baomi.conf)" = "644 root:root" ] || die "baomi.conf: $(mode /etc/baomi/baomi.conf)"
[ "$(mode /etc/baomi/tls/baomi.key)" = "640 root:baomi" ] || die "TLS key: $(mode /etc/baomi/tls/baomi.key)"
dpkg-query --showformat='${Conffiles}\n' --show baomi | grep -q /etc/baomi/baomi.conf || die "baomi.conf is a conffile"
for f in /lib/systemd/system/baomi.service /lib/systemd/system/baomi-backup.timer \
	/usr/share/man/man1/baomi.1.gz /usr/share/man/man5/baomi.conf.5.gz \
	/usr/share/man/man1/baomi-check.1.gz /usr/share/bash-completion/completions/baomi \
	/usr/share/doc/baomi/copyright; do
	[ -f "$f" ] || die "$f not installed"
done
man -w baomi.conf >/dev/null 2>&1 || [ ! -x /usr/bin/man ] || die "man baomi.conf finds no page"
ok "installed: files, modes, the baomi system user, conffile, a TLS pair readable by baomi only"

# the units: systemd's own checker, and the hardening the issue asks for
systemd-analyze verify /lib/systemd/system/baomi.service /lib/systemd/system/baomi-backup.service \
	/lib/systemd/system/baomi-backup.timer >"$WORK/verify" 2>&1 || die "systemd-analyze verify: $(cat "$WORK/verify")"
! grep -i baomi "$WORK/verify" || die "systemd-analyze has remarks on the units: $(cat "$WORK/verify")"
for k in NoNewPrivileges=yes ProtectSystem=strict ReadWritePaths=/var/lib/baomi PrivateTmp=yes \
	User=baomi "ExecStart=/usr/bin/baomi serve --config /etc/baomi/baomi.conf"; do
	grep -qx "$k" /lib/systemd/system/baomi.service || die "baomi.service lacks $k"
done
grep -q '^ExecStart=/usr/bin/baomi backup --config /etc/baomi/baomi.conf$' /lib/systemd/system/baomi-backup.service ||
	die "baomi-backup.service runs baomi backup --config"
ok "systemd-analyze verify passes baomi.service, baomi-backup.service and .timer; hardened"

# the installed binary as the service runs it, on a scratch data directory (in /tmp, where the
# baomi user can reach it) and port
SCRATCH=$(mktemp -d /tmp/baomi-pkgtest-XXXXXX)
chmod 0755 "$SCRATCH"
D="$SCRATCH/data"
install -d -o baomi -g baomi -m 0700 "$D"
as_baomi() { setpriv --reuid=baomi --regid=baomi --init-groups env BAOMI_INIT_PASSWORD='Pkg-Test-Pass-1!' "$@"; }
as_baomi /usr/bin/baomi init --data "$D" --unit "包测试单位" >/dev/null || die "installed baomi init"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# a simple command, not the function: $! must be the server itself (setpriv and env exec)
setpriv --reuid=baomi --regid=baomi --init-groups /usr/bin/baomi serve --config /etc/baomi/baomi.conf \
	--data "$D" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
PID=$!
i=0
while ! curl -sf --cacert /etc/baomi/tls/baomi.crt "https://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 100 ] && die "installed server did not answer HTTPS: $(cat "$WORK/server.log")"
	kill -0 "$PID" 2>/dev/null || die "installed server exited: $(cat "$WORK/server.log")"
	sleep 0.1
done
curl -s --cacert /etc/baomi/tls/baomi.crt -o "$WORK/login" -w '%{http_code}' \
	-H 'Content-Type: application/json' --data '{"username":"sysadmin","password":"Pkg-Test-Pass-1!"}' \
	"https://127.0.0.1:$PORT/api/v1/session" >"$WORK/code"
[ "$(cat "$WORK/code")" = 200 ] || die "login over HTTPS with the package's certificate: $(cat "$WORK/code")"
kill "$PID"
wait "$PID" || true
PID=""
! pgrep -u baomi >/dev/null || die "the server left a process behind"
as_baomi /usr/bin/baomi audit verify --data "$D" >/dev/null || die "installed baomi audit verify"
ok "installed baomi: init, serve HTTPS from /etc/baomi/baomi.conf (generated certificate), login, audit verify"

for i in 1 2 3; do
	as_baomi /usr/bin/baomi backup --config /etc/baomi/baomi.conf --data "$D" --backup-keep 2 >/dev/null ||
		die "backup into /var/backups/baomi"
	[ $i = 3 ] || sleep 1.1
done
[ "$(ls /var/backups/baomi | grep -c '^baomi-.*Z\.db$')" = 2 ] || die "backup-keep 2: $(ls /var/backups/baomi)"
ok "baomi backup --config writes into /var/backups/baomi and keeps the newest"

printf '\n# changed by the admin\n' >>/etc/baomi/baomi.conf
dpkg -r baomi >/dev/null 2>&1 || die "dpkg -r baomi"
[ ! -e /usr/bin/baomi ] || die "remove must delete /usr/bin/baomi"
grep -q 'changed by the admin' /etc/baomi/baomi.conf || die "remove keeps the changed conffile"
[ -d /var/lib/baomi ] && [ -d /var/backups/baomi ] && getent passwd baomi >/dev/null ||
	die "remove keeps the data, the backups and the user"
ok "dpkg -r: binary gone; config, data directory, backups and user stay"

dpkg -P baomi >/dev/null 2>&1 || die "dpkg -P baomi"
[ ! -e /etc/baomi ] || die "purge deletes /etc/baomi: $(find /etc/baomi)"
[ -d /var/lib/baomi ] && [ -d /var/backups/baomi ] || die "purge keeps the data directory and backups"
dpkg -i "$DEB" >/dev/null 2>&1 || die "reinstall"
[ "$(mode /var/lib/baomi)" = "700 baomi:baomi" ] || die "reinstall keeps /var/lib/baomi"
BAOMI_PURGE_DATA=yes dpkg -P baomi >/dev/null 2>&1 || die "dpkg -P with BAOMI_PURGE_DATA=yes"
[ ! -e /var/lib/baomi ] && [ ! -e /var/backups/baomi ] || die "BAOMI_PURGE_DATA=yes purges the data"
dpkg -P baomi-check >/dev/null 2>&1 || die "dpkg -P baomi-check"
[ ! -e /usr/bin/baomi-check ] || die "baomi-check purged"
ok "dpkg -P: config and TLS pair gone, data kept; BAOMI_PURGE_DATA=yes deletes it too"
echo "$PASSES passed, 0 failed"
