#!/bin/sh
# validate.py finds what it must: a log of made-up responses against docs/openapi.yaml, each bad
# one reported with its operation, status, JSON path and reason, the good ones passing.
#
#   tests/contract/selftest.sh TMPDIR
set -eu

here=$(cd "$(dirname "$0")" && pwd)
spec=$here/../../docs/openapi.yaml
tmp=${1:?usage: selftest.sh TMPDIR}
rm -rf "$tmp"
mkdir -p "$tmp/logs"
fails=0

# rec METHOD PATH STATUS CONTENT-TYPE [BODY] — appends one response to $log
rec() {
	printf '%s\t%s\t%s\t%s\t%s\n%s\n' "$1" "$2" "$3" "$4" "$(printf '%s' "${5:-}" | wc -c)" \
		"${5:-}" >>"$log"
}

# expect_out NAME WANT... — validate.py must fail and print each WANT line
expect_out() {
	name=$1
	shift
	if /usr/bin/python3 "$here/validate.py" "$spec" "$log" >"$tmp/out" 2>&1; then
		echo "FAIL: $name: validate.py passed" >&2
		fails=$((fails + 1))
		return
	fi
	for want in "$@"; do
		if ! grep -qF -- "$want" "$tmp/out"; then
			echo "FAIL: $name: no line with: $want" >&2
			cat "$tmp/out" >&2
			fails=$((fails + 1))
			return
		fi
	done
	echo "ok - $name"
}

log=$tmp/logs/good.log
rec GET /healthz 200 application/json '{"status":"ok","version":"0.1.0"}'
rec GET /api/v1/session 401 'application/json; charset=utf-8' \
	'{"error":{"code":"unauthenticated","message":"未登录","message_en":"not logged in"}}'
rec DELETE /api/v1/session 204 ''
rec GET /api/v1/audit/export?format=csv 200 'text/csv; charset=utf-8'
rec GET /api/v1/audit/export?format=json 200 application/json '[{"id":1,"time":"2026-12-05T09:00:00+08:00","account_id":null,"username":"","role":"","event":"system.init","object_type":"","object_id":"","result":"success","source":"cli","detail":"{}"}]'
rec GET /nowhere 404 application/json '{"error":{"code":"not_found","message":"无","message_en":"none"}}'
rec PATCH /api/v1/meta 405 application/json '{"error":{"code":"method_not_allowed","message":"无","message_en":"none"}}'
if /usr/bin/python3 "$here/validate.py" "$spec" "$log" >"$tmp/out" 2>&1; then
	echo "ok - documented responses pass"
else
	echo "FAIL: documented responses must pass:" >&2
	cat "$tmp/out" >&2
	fails=$((fails + 1))
fi

log=$tmp/logs/bad.log
rec GET /healthz 200 application/json '{"status":"fine","version":1,"extra":true}'
rec GET /api/v1/session 418 application/json '{}'
rec GET /api/v1/session 401 text/html '<p>no</p>'
rec DELETE /api/v1/session 204 application/json '{}'
rec GET /api/v1/audit/export?format=json 200 application/json '{"records":[]}'
rec GET /api/v1/audit/export?format=json 200 application/json '[{"id":0,"time":"x","account_id":null,"username":"","role":null,"event":"e","object_type":"","object_id":"","result":"maybe","source":"","detail":null}]'
rec GET /api/v1/audit?limit=1 200 application/json '{"items":[{"id":1,"time":"2026-12-05T09:00:00+08:00","account_id":"7","username":"u","role":"","event":"e","object_type":"","object_id":"","result":"success","source":"","detail":""}],"total":1}'
rec GET /nowhere 200 application/json '{}'
expect_out "wrong responses are reported" \
	'getHealth /healthz -> 200: $.status: "fine" not in enum ["ok"]' \
	'getHealth /healthz -> 200: $.version: expected string, got integer' \
	'getHealth /healthz -> 200: $.extra: property not in the schema' \
	'getSession /api/v1/session -> 418: $: status 418 not documented' \
	"getSession /api/v1/session -> 401: \$: Content-Type 'text/html', documented: application/json" \
	'logout /api/v1/session -> 204: $: a application/json body where the spec documents none' \
	'exportAudit /api/v1/audit/export?format=json -> 200: $: expected array, got object' \
	'exportAudit /api/v1/audit/export?format=json -> 200: $[0].id: 0 below minimum 1' \
	'exportAudit /api/v1/audit/export?format=json -> 200: $[0].result: "maybe" not in enum' \
	'exportAudit /api/v1/audit/export?format=json -> 200: $[0].time: "x" is not a date-time' \
	'searchAudit /api/v1/audit?limit=1 -> 200: $.items[0].account_id: matches none of the oneOf branches' \
	'searchAudit /api/v1/audit?limit=1 -> 200: $.items[0].account_id: expected integer, got string' \
	'(no operation) /nowhere -> 200: $: not in the spec: expected 404, got 200' \
	'(no operation) /nowhere -> 200: $: required property error missing'

log=$tmp/logs/torn.log
printf 'GET\t/healthz\t200\tapplication/json\t99\n{}\n' >"$log"
expect_out "a torn log is an error, not a pass" 'is not 99 bytes long'

[ $fails = 0 ] || exit 1
echo "validate.py self-test passed"
