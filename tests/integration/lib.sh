# Shared helpers for integration tests: each test starts its own baomi
# server on a free loopback port with its own data directory.
set -eu

: "${BAOMI:?BAOMI must point at the baomi binary}"
: "${BAOMI_TMP:=/tmp/baomi-it}"
export BAOMI_INIT_PASSWORD='Init-Pass-2026!'
T=$(basename "$0" .sh)
WORK="$BAOMI_TMP/$T"
rm -rf "$WORK"
mkdir -p "$WORK"
DATA="$WORK/data"
PID=""
FAILS=0
PASSES=0
# BAOMI_CONTRACT=1: every response `req` gets is checked against docs/openapi.yaml when the
# test ends (tests/contract/validate.py); a mismatch fails the test
if [ -n "${BAOMI_CONTRACT:-}" ]; then
	: "${BAOMI_SRC:?BAOMI_SRC must point at the source tree for the contract check}"
fi

cleanup() {
	if [ -n "$PID" ]; then
		kill "$PID" 2>/dev/null || true
		wait "$PID" 2>/dev/null || true
	fi
	if [ -n "${BAOMI_CONTRACT:-}" ] && [ -s "$WORK/contract.log" ]; then
		/usr/bin/python3 "$BAOMI_SRC/tests/contract/validate.py" "$BAOMI_SRC/docs/openapi.yaml" \
			"$WORK/contract.log" >&2 || {
			echo "FAIL: responses differ from docs/openapi.yaml (log: $WORK/contract.log)" >&2
			exit 1
		}
	fi
}
trap cleanup EXIT

die() {
	echo "FAIL: $*" >&2
	[ -f "$WORK/server.log" ] && tail -20 "$WORK/server.log" >&2
	exit 1
}

ok() {
	PASSES=$((PASSES + 1))
	echo "ok - $*"
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
		echo $((20000 + $$ % 20000))
}

start_server() {
	PORT=${PORT:-$(free_port)}
	export BASE="http://127.0.0.1:$PORT"
	"$BAOMI" serve --data "$DATA" --listen "127.0.0.1:$PORT" "$@" >>"$WORK/server.log" 2>&1 &
	PID=$!
	i=0
	while ! curl -sf "$BASE/healthz" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -gt "${START_TRIES:-100}" ] && die "server did not start"
		kill -0 "$PID" 2>/dev/null || die "server exited"
		sleep 0.1
	done
}

# start_demo — `baomi demo` (seeded unit, every account on BAOMI_INIT_PASSWORD) on a free port
start_demo() {
	PORT=${PORT:-$(free_port)}
	export BASE="http://127.0.0.1:$PORT"
	"$BAOMI" demo --data "$DATA" --listen "127.0.0.1:$PORT" >>"$WORK/server.log" 2>&1 &
	PID=$!
	i=0
	while ! curl -sf "$BASE/healthz" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -gt 300 ] && die "demo server did not start"
		kill -0 "$PID" 2>/dev/null || die "demo server exited"
		sleep 0.1
	done
}

# ui_journey SCRIPT — runs tests/ui/SCRIPT (a Chromium journey on tests/ui/lib.js) against the
# running server; screenshots land in $WORK/shots
ui_journey() {
	sh "$BAOMI_SRC/tests/ui/run.sh" "$DATA" "$BASE" "$WORK/shots" "$1" ||
		die "browser journey $1 failed (screenshots in $WORK/shots)"
	ok "browser journey $1 passed; screenshots in $WORK/shots"
}

stop_server() {
	kill "$PID"
	wait "$PID" || true
	PID=""
}

init_data() {
	"$BAOMI" init --data "$DATA" --unit "测试市卫生健康委员会" --code TEST >/dev/null
}

# contract_log METHOD PATH SIZE CONTENT-TYPE — prints the response in $WORK/resp and, for the
# contract check, appends it to $WORK/contract.log: a header line (method, path, status,
# Content-Type, body size, tab-separated), the JSON body, a newline. Builtins and one tee, so
# timing-sensitive tests stay fast.
contract_log() {
	if [ -z "${BAOMI_CONTRACT:-}" ]; then
		cat "$WORK/resp"
		return 0
	fi
	case $4 in
	application/json*)
		printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$STATUS" "$4" "$3" >>"$WORK/contract.log"
		tee -a "$WORK/contract.log" <"$WORK/resp"
		printf '\n' >>"$WORK/contract.log"
		;;
	*)
		printf '%s\t%s\t%s\t%s\t0\n\n' "$1" "$2" "$STATUS" "$4" >>"$WORK/contract.log"
		cat "$WORK/resp"
		;;
	esac
}

# req METHOD PATH [BODY] [extra curl args...] — prints the body, sets $STATUS
req() {
	m=$1
	p=$2
	shift 2
	b=""
	if [ $# -gt 0 ]; then
		b=$1
		shift
	fi
	if [ -n "$b" ]; then
		_out=$(curl -s -o "$WORK/resp" -w '%{http_code} %{size_download} %{content_type}' \
			-X "$m" "$BASE$p" -H 'Content-Type: application/json' --data-binary "$b" "$@")
	else
		_out=$(curl -s -o "$WORK/resp" -w '%{http_code} %{size_download} %{content_type}' \
			-X "$m" "$BASE$p" "$@")
	fi
	STATUS=${_out%% *}
	_out=${_out#* }
	contract_log "$m" "$p" "${_out%% *}" "${_out#* }"
}

# as TOKEN METHOD PATH [BODY [curl args...]] — a request with a bearer token
as() {
	tok=$1
	m=$2
	p=$3
	shift 3
	b=""
	if [ $# -gt 0 ]; then
		b=$1
		shift
	fi
	req "$m" "$p" "$b" -H "Authorization: Bearer $tok" "$@"
}

expect() {
	[ "$STATUS" = "$1" ] || die "$2: expected HTTP $1, got $STATUS: $(cat "$WORK/resp")"
	ok "$2"
}

json() {
	python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."):
    d = d[int(k)] if isinstance(d, list) else d[k]
print(d if not isinstance(d,(dict,list)) else json.dumps(d, ensure_ascii=False))' "$1"
}

# login USER PASSWORD — prints a bearer token
login() {
	req POST /api/v1/session "{\"username\":\"$1\",\"password\":\"$2\"}" >"$WORK/login.json"
	[ "$STATUS" = 200 ] || die "login $1: HTTP $STATUS $(cat "$WORK/login.json")"
	json token <"$WORK/login.json"
}

# login_ready USER NEWPASS [OLDPASS] — first login (init password by default),
# the forced change, and the token that is then ready to use
login_ready() {
	old=${3:-$BAOMI_INIT_PASSWORD}
	t=$(login "$1" "$old")
	as "$t" PUT /api/v1/session/password \
		"{\"old_password\":\"$old\",\"new_password\":\"$2\"}" >/dev/null
	[ "$STATUS" = 204 ] || die "password change for $1: HTTP $STATUS"
	echo "$t"
}

# bj_date [DAYS] — the Beijing date (YYYY-MM-DD) today, or DAYS (+N/-N) from today.  The
# server's day is Beijing's; the machine's local day differs from it for 8 hours a day.
# Tests never use their local date (date.today(), plain `date`): this, or TZ=Asia/Shanghai.
bj_date() {
	TZ=Asia/Shanghai date -d "${1:-0} days" +%F
}

finish() {
	echo "$PASSES passed, 0 failed"
}
