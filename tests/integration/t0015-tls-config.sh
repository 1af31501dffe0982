#!/bin/sh
# HTTPS through libmicrohttpd (a self-signed certificate made here), TLS 1.1 refused; the
# config file (--config) with command-line options over it; its errors name file:line;
# backup rotation from the config file's backup-dir and backup-keep.
. "$(dirname "$0")/lib.sh"

init_data
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3 \
	-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
	-keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null || die "openssl could not make a certificate"
PORT=$(free_port)
CONF="$WORK/baomi.conf"
cat >"$CONF" <<EOF
# test configuration
data = $DATA
listen = 127.0.0.1:$PORT
threads = 2
tls-cert = $WORK/tls.crt
tls-key  = $WORK/tls.key
backup-dir = $WORK/backups
backup-keep = 2
EOF

"$BAOMI" serve --config "$CONF" >>"$WORK/server.log" 2>&1 &
PID=$!
export BASE="https://127.0.0.1:$PORT"
# every curl of lib.sh (req, login) trusts the test's certificate
export CURL_CA_BUNDLE="$WORK/tls.crt"
i=0
while ! curl -sf "$BASE/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 100 ] && die "HTTPS server did not start"
	kill -0 "$PID" 2>/dev/null || die "server exited"
	sleep 0.1
done
grep -q "serving on https://127.0.0.1:$PORT/" "$WORK/server.log" || die "the server must say it serves https"
ok "serve --config: HTTPS on the config file's listen address, data directory from the file"

T=$(login_ready sysadmin 'Tls-Admin-Pass-1!')
as "$T" GET /api/v1/session >/dev/null
expect 200 "a session over HTTPS, certificate checked by curl --cacert"
BAOMI_URL=$BASE BAOMI_TOKEN=$T BAOMI_CACERT="$WORK/tls.crt" "$BAOMI" calendar show >"$WORK/cal" 2>&1 ||
	die "a client command over HTTPS with BAOMI_CACERT: $(cat "$WORK/cal")"
set +e
BAOMI_URL=$BASE BAOMI_TOKEN=$T "$BAOMI" calendar show >/dev/null 2>&1
rc=$?
set -e
[ $rc = 2 ] || die "without BAOMI_CACERT the self-signed server is not trusted (exit 2), got $rc"
ok "client commands trust the server's certificate through BAOMI_CACERT"

set +e
curl -s -o /dev/null --tlsv1.2 --tls-max 1.2 "$BASE/healthz"
rc12=$?
# the client allows TLS 1.1 (OpenSSL needs security level 0 for it): the server must refuse
curl -s -o /dev/null --ciphers 'DEFAULT@SECLEVEL=0' --tlsv1.1 --tls-max 1.1 "$BASE/healthz"
rc11=$?
curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"
rcplain=$?
curl -s -o /dev/null --cacert /dev/null --capath /nonexistent "$BASE/healthz"
rcuntrusted=$?
set -e
[ $rc12 = 0 ] || die "TLS 1.2 must be accepted (curl exit $rc12)"
[ $rc11 != 0 ] || die "TLS 1.1 must be refused"
[ $rcplain != 0 ] || die "plain HTTP on the HTTPS port must not be answered"
[ $rcuntrusted != 0 ] || die "curl without the certificate must not trust the server"
ok "TLS 1.2 accepted; TLS 1.1 and plain HTTP refused (curl exits $rc11, $rcplain)"
stop_server

# command-line options win over the file: another port, plain HTTP (no TLS in this file)
P2=$(free_port)
grep -v '^tls-' "$CONF" >"$WORK/plain.conf"
"$BAOMI" serve --config "$WORK/plain.conf" --listen "127.0.0.1:$P2" >>"$WORK/server.log" 2>&1 &
PID=$!
i=0
while ! curl -sf "http://127.0.0.1:$P2/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 100 ] && die "server on --listen did not start"
	kill -0 "$PID" 2>/dev/null || die "server exited"
	sleep 0.1
done
! curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 || die "the file's port must not be used"
ok "--listen on the command line overrides the config file"
stop_server

# config errors: exit 2, naming file:line and the key
bad() { # bad LINE EXPECTED-TEXT — a config whose line 2 is LINE is refused
	printf '# bad\n%s\n' "$1" >"$WORK/bad.conf"
	set +e
	"$BAOMI" serve --config "$WORK/bad.conf" --data "$DATA" >/dev/null 2>"$WORK/err"
	rc=$?
	set -e
	[ $rc = 2 ] || die "config line '$1' must exit 2, got $rc"
	grep -qF "$WORK/bad.conf:2: $2" "$WORK/err" || die "config line '$1': expected '$2' in: $(cat "$WORK/err")"
}
bad "listne = 127.0.0.1:1" "listne: 未知设置项 / unknown key"
bad "threads = 99" "threads: 须为 1 到 16 的整数"
bad "threads 4" "缺少 '=' / expected 'key = value'"
bad "tls-cert =" "tls-cert: 值为空 / empty value"
printf 'threads = 2\nthreads = 3\n' >"$WORK/twice.conf"
set +e
"$BAOMI" serve --config "$WORK/twice.conf" --data "$DATA" >/dev/null 2>"$WORK/err"
rc=$?
"$BAOMI" serve --config "$WORK/none.conf" --data "$DATA" >/dev/null 2>"$WORK/err2"
rc2=$?
"$BAOMI" serve --data "$DATA" --tls-cert "$WORK/tls.crt" >/dev/null 2>"$WORK/err3"
rc3=$?
"$BAOMI" serve --data "$DATA" --listen 127.0.0.1:$P2 --tls-cert "$WORK/tls.key" --tls-key "$WORK/tls.crt" >/dev/null 2>"$WORK/err4"
rc4=$?
set -e
[ $rc = 2 ] && grep -q "twice.conf:2: threads: 设置重复 / set twice" "$WORK/err" || die "a repeated key must be refused: $(cat "$WORK/err")"
[ $rc2 = 2 ] && grep -q "none.conf: 无法读取 / cannot read" "$WORK/err2" || die "a missing config file must be refused"
[ $rc3 = 2 ] && grep -q -- "--tls-key" "$WORK/err3" || die "--tls-cert alone must be refused"
[ $rc4 = 2 ] && grep -q "certificate or key" "$WORK/err4" || die "a swapped certificate and key must be refused: $(cat "$WORK/err4")"
ok "config errors name file:line and the key; TLS half-configured or unusable exits 2"

# backups from the config file: timestamped names, the newest backup-keep (2) kept
mkdir -p "$WORK/backups"
: >"$WORK/backups/baomi-20200101T000000Z.db"
: >"$WORK/backups/baomi-20200102T000000Z.db"
: >"$WORK/backups/keep-me.db"
"$BAOMI" backup --config "$CONF" >"$WORK/out" || die "backup from the config file"
ls "$WORK/backups" >"$WORK/ls"
[ "$(grep -c '^baomi-.*Z\.db$' "$WORK/ls")" = 2 ] || die "two rotated backups must remain: $(cat "$WORK/ls")"
! grep -q 20200101 "$WORK/ls" || die "the oldest backup must be deleted"
grep -q 20200102 "$WORK/ls" && grep -q keep-me.db "$WORK/ls" || die "the newer backup and other files stay"
new=$(grep -v '^baomi-2020\|keep-me' "$WORK/ls")
sqlite3 "$WORK/backups/$new" "PRAGMA integrity_check" | grep -qx ok || die "the new backup is a database"
ok "backup --config: a timestamped backup in backup-dir, the oldest beyond backup-keep deleted"
finish
