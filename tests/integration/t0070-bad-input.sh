#!/bin/sh
# Bad JSON, wrong types, oversized bodies and junk get 400/413/415 with the field named; no crash.
. "$(dirname "$0")/lib.sh"
init_data
start_server --max-body 65536
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')

as "$SEC" POST /api/v1/people '{"name": "x", ' >/dev/null
expect 400 "truncated JSON"
grep -q bad_json "$WORK/resp" && grep -q 'line 1' "$WORK/resp" || die "bad_json with position"
as "$SEC" POST /api/v1/people '{"name":"a","name":"b","staff_class":"none"}' >/dev/null
expect 400 "duplicate keys"
as "$SEC" POST /api/v1/people '["name"]' >/dev/null
expect 400 "array instead of object"
as "$SEC" POST /api/v1/people '{"name":123,"staff_class":"none"}' >/dev/null
expect 400 "number for a string field"
grep -q '"field":"name"' "$WORK/resp" || die "must name the field"
as "$SEC" POST /api/v1/people '{"name":"x","staff_class":"secret-agent"}' >/dev/null
expect 400 "unknown enum value"
grep -q '"field":"staff_class"' "$WORK/resp" || die "must name staff_class"
as "$SEC" POST /api/v1/people '{"name":"x","staff_class":"general","commitment_signed_on":"2026-02-30"}' >/dev/null
expect 400 "impossible date"
grep -q '"field":"commitment_signed_on"' "$WORK/resp" || die "must name the date field"
as "$SEC" POST /api/v1/people '{"name":"x","staff_class":"none","department_id":99999}' >/dev/null
expect 400 "missing department"
as "$SEC" POST /api/v1/people '{"name":"x","staff_class":"none","shoe_size":44}' >/dev/null
expect 400 "unknown field"
grep -q '"field":"shoe_size"' "$WORK/resp" || die "must name the unknown field"
printf '{"name":"\377\376","staff_class":"none"}' >"$WORK/badutf8.json"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/people" \
	-H "Authorization: Bearer $SEC" -H 'Content-Type: application/json' --data-binary @"$WORK/badutf8.json")
expect 400 "invalid UTF-8"
printf '{"name":"a\\u0000b","staff_class":"none"}' >"$WORK/nul.json"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/people" \
	-H "Authorization: Bearer $SEC" -H 'Content-Type: application/json' --data-binary @"$WORK/nul.json")
expect 400 "NUL inside a string"
as "$SEC" POST /api/v1/people "" -H 'Content-Type: text/plain' --data-binary '{"name":"x"}' >/dev/null
expect 415 "wrong content type"
as "$SEC" PUT /api/v1/policy "" -H 'Content-Type: text/plain' --data-binary '{}' >/dev/null
expect 415 "wrong content type on a PUT"
as "$SEC" GET '/api/v1/people?limit=100000' >/dev/null
expect 400 "limit out of range"
as "$SEC" GET '/api/v1/people?department_id=abc' >/dev/null
expect 400 "non-numeric query id"
as "$SEC" GET /api/v1/people/99999999999999999999 >/dev/null
expect 404 "absurd id"

head -c 200000 /dev/zero | tr '\0' 'a' >"$WORK/big.txt"
as "$SEC" POST /api/v1/people "" -H 'Content-Type: application/json' --data-binary @"$WORK/big.txt" >/dev/null
expect 413 "oversized body"
grep -q body_too_large "$WORK/resp" || die "413 must be JSON"
as "$SEC" PUT /api/v1/approval-rules "" -H 'Content-Type: application/json' \
	--data-binary @"$WORK/big.txt" >/dev/null
expect 413 "oversized body for the approval rules"
STATUS=$(curl -s -o "$WORK/resp" -w '%{http_code}' -X POST "$BASE/api/v1/people" \
	-H "Authorization: Bearer $SEC" -H 'Content-Type: application/json' \
	-H 'Transfer-Encoding: chunked' --data-binary @"$WORK/big.txt")
expect 413 "oversized chunked body"
as "$SEC" POST /api/v1/people "{\"a$(printf '字%.0s' $(seq 1 30))\":1}" >/dev/null
expect 400 "long multibyte unknown field name"
as "$SEC" POST /api/v1/people "{\"name\":\"$(head -c 300 /dev/zero | tr '\0' 'x')\",\"staff_class\":\"none\"}" >/dev/null
expect 400 "over-long field"
grep -q '"field":"name"' "$WORK/resp" || die "over-long field named"

# junk on the socket
printf 'GARBAGE\r\n\r\n' | curl -s --max-time 2 telnet://127.0.0.1:$PORT >/dev/null 2>&1 || true
printf 'GET /%s HTTP/1.1\r\nHost: x\r\n\r\n' "$(head -c 20000 /dev/zero | tr '\0' 'A')" |
	curl -s --max-time 2 telnet://127.0.0.1:$PORT >/dev/null 2>&1 || true
i=0
while [ $i -lt 8 ]; do
	i=$((i + 1))
	printf 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{"a"' |
		curl -s --max-time 0.3 telnet://127.0.0.1:$PORT >/dev/null 2>&1 || true
done &
wait $!
kill -0 "$PID" || die "server died on junk input"
curl -sf "$BASE/healthz" >/dev/null || die "server no longer answers"
ok "server survives junk, truncated and oversized requests"
as "$SEC" GET /api/v1/people >/dev/null
expect 200 "server still serves after bad input"
finish
