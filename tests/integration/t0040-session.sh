#!/bin/sh
# Sessions: idle expiry, logout, cookie + CSRF, API tokens.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
DEPT=$(as "$(login_ready sysadmin 'Sys-Admin-Pass-1')" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' | json id)
as "$SEC" PUT /api/v1/policy '{"password_min_length":10,"password_min_classes":3,"password_max_age_days":90,"lockout_threshold":5,"lockout_minutes":15,"session_idle_seconds":4}' >/dev/null
expect 200 "secadmin shortens the idle timeout to 4 s"

T=$(login secadmin 'Sec-Admin-Pass-1')
as "$T" GET /api/v1/session >/dev/null
expect 200 "fresh session works"
sleep 6
as "$T" GET /api/v1/session >"$WORK/e.json"
expect 401 "session ends after the idle timeout"
grep -q session_expired "$WORK/e.json" || die "expiry must say so"
as "$T" GET /api/v1/session >/dev/null
expect 401 "an expired session stays dead"

# a fresh login may itself idle out on a loaded machine (ASan, parallel tests) before its PUT
for _ in 1 2 3 4 5; do
	as "$(login secadmin 'Sec-Admin-Pass-1')" PUT /api/v1/policy '{"password_min_length":10,"password_min_classes":3,"password_max_age_days":90,"lockout_threshold":5,"lockout_minutes":15,"session_idle_seconds":1800}' >/dev/null
	[ "$STATUS" = 401 ] || break
done
expect 200 "idle timeout restored"

# logout really ends the session
T=$(login secadmin 'Sec-Admin-Pass-1')
as "$T" DELETE /api/v1/session >/dev/null
expect 204 "logout"
as "$T" GET /api/v1/session >/dev/null
expect 401 "token unusable after logout"

# cookie sessions need the CSRF header for changes
req POST /api/v1/session '{"username":"secadmin","password":"Sec-Admin-Pass-1"}' \
	-c "$WORK/jar" -D "$WORK/headers" >"$WORK/login.json"
expect 200 "cookie login"
grep -qi '^Set-Cookie: baomi_session=.*HttpOnly' "$WORK/headers" || die "cookie must be HttpOnly"
grep -qi '^Set-Cookie: baomi_session=.*SameSite=Strict' "$WORK/headers" || die "cookie must be SameSite"
grep -qi '^Set-Cookie: baomi_session=.*Secure' "$WORK/headers" || die "cookie must be Secure"
ok "session cookie is Secure, HttpOnly, SameSite=Strict"
grep -qi '^Content-Security-Policy:' "$WORK/headers" || die "CSP header missing"
grep -qi '^X-Frame-Options: DENY' "$WORK/headers" || die "X-Frame-Options missing"
ok "security headers present"
CSRF=$(json csrf_token <"$WORK/login.json")
# curl does not send Secure cookies over http; send it explicitly as a browser on localhost does
COOKIE=$(awk '$6=="baomi_session"{print $7}' "$WORK/jar")
req GET /api/v1/people "" -H "Cookie: baomi_session=$COOKIE" >/dev/null
expect 200 "cookie authenticates a GET"
req POST /api/v1/people "{\"name\":\"王五\",\"staff_class\":\"none\",\"department_id\":$DEPT}" -H "Cookie: baomi_session=$COOKIE" >/dev/null
expect 403 "cookie POST without CSRF token refused"
grep -q csrf_failed "$WORK/resp" || die "csrf error code"
req POST /api/v1/people "{\"name\":\"王五\",\"staff_class\":\"none\",\"department_id\":$DEPT}" -H "Cookie: baomi_session=$COOKIE" -H "X-CSRF-Token: wrong" >/dev/null
expect 403 "cookie POST with a wrong CSRF token refused"
req POST /api/v1/people "{\"name\":\"王五\",\"staff_class\":\"none\",\"department_id\":$DEPT}" -H "Cookie: baomi_session=$COOKIE" -H "X-CSRF-Token: $CSRF" >/dev/null
expect 201 "cookie POST with the CSRF token accepted"

# API tokens: created once, used as bearer, listed without the secret, revoked
as "$SEC" POST /api/v1/tokens '{"name":"nightly-export","expires_days":30}' >"$WORK/tok.json"
expect 201 "token created"
TOK=$(json token <"$WORK/tok.json")
TID=$(json id <"$WORK/tok.json")
as "$TOK" GET /api/v1/people >/dev/null
expect 200 "token works as bearer"
as "$SEC" GET /api/v1/tokens >"$WORK/list.json"
grep -q "$TOK" "$WORK/list.json" && die "token list must not contain the secret"
ok "token list hides the secret"
req GET /api/v1/people "" -H "Cookie: baomi_session=$TOK" >/dev/null
expect 401 "API token refused as a cookie"
as "$SEC" DELETE "/api/v1/tokens/$TID" >/dev/null
expect 204 "token revoked"
as "$TOK" GET /api/v1/people >/dev/null
expect 401 "revoked token refused"

# a password change ends other sessions and tokens, keeps the current one
as "$SEC" POST /api/v1/tokens '{"name":"other","expires_days":30}' >"$WORK/tok2.json"
TOK2=$(json token <"$WORK/tok2.json")
OTHER=$(login secadmin 'Sec-Admin-Pass-1')
as "$SEC" PUT /api/v1/session/password '{"old_password":"Sec-Admin-Pass-1","new_password":"Sec-Admin-Pass-2"}' >/dev/null
expect 204 "password changed"
as "$SEC" GET /api/v1/session >/dev/null
expect 200 "the session that changed it stays"
as "$OTHER" GET /api/v1/session >/dev/null
expect 401 "other sessions end with a password change"
as "$TOK2" GET /api/v1/session >/dev/null
expect 401 "API tokens end with a password change"

# guessing the old password counts toward the lockout
i=0
while [ $i -lt 4 ]; do
	i=$((i + 1))
	as "$SEC" PUT /api/v1/session/password '{"old_password":"guess-guess-1","new_password":"Whatever-Pass-9"}' >/dev/null
	expect 400 "wrong old password $i"
done
as "$SEC" PUT /api/v1/session/password '{"old_password":"guess-guess-1","new_password":"Whatever-Pass-9"}' >/dev/null
expect 423 "the fifth wrong old password locks the account"
as "$SEC" GET /api/v1/session >/dev/null
expect 401 "the lock ends the session"
finish
