#!/bin/sh
# Units, departments and tokens page with limit/offset (total counts all); the fields the
# spec requires are required (400 naming the field): unit_id of a department, department_id
# of a person (never stored null), expires_days of a token, every field of a PUT policy.
. "$(dirname "$0")/lib.sh"
init_data
start_server
SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')

field_is() { # FIELD WHAT
	[ "$(json error.field <"$WORK/resp")" = "$1" ] || die "$2: the error must name $1: $(cat "$WORK/resp")"
}
count_is() { # ITEMS TOTAL FIRST_ID WHAT
	[ "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["items"]), d["total"], d["items"][0]["id"] if d["items"] else "-")' <"$WORK/resp")" = "$1 $2 $3" ] ||
		die "$4: expected $1 items of $2 from id $3, got $(cat "$WORK/resp")"
	ok "$4"
}

# --- units
for i in 1 2 3; do
	as "$SYS" POST /api/v1/units "{\"name\":\"下级单位$i\",\"code\":\"SUB$i\",\"parent_id\":1}" >/dev/null
	expect 201 "unit $i created"
done
as "$SYS" GET '/api/v1/units?limit=1' >/dev/null
count_is 1 4 1 "GET /units?limit=1: one unit, total 4"
as "$SYS" GET '/api/v1/units?limit=2&offset=2' >/dev/null
count_is 2 4 3 "GET /units?limit=2&offset=2: the third and fourth"
as "$SYS" GET '/api/v1/units?limit=0' >/dev/null
expect 400 "units: limit 0 refused"
field_is limit "units limit 0"

# --- departments
as "$SYS" POST /api/v1/departments '{"name":"无单位","code":"NONE"}' >/dev/null
expect 400 "department without unit_id refused"
field_is unit_id "department without unit_id"
as "$SYS" POST /api/v1/departments '{"unit_id":null,"name":"无单位","code":"NONE"}' >/dev/null
expect 400 "department with unit_id null refused"
field_is unit_id "department with unit_id null"
for i in 1 2 3; do
	as "$SYS" POST /api/v1/departments "{\"unit_id\":1,\"name\":\"部门$i\",\"code\":\"D$i\"}" >"$WORK/d.json"
	expect 201 "department $i created"
done
DEPT=$(json id <"$WORK/d.json")
as "$SYS" GET '/api/v1/departments?limit=2' >/dev/null
count_is 2 3 1 "GET /departments?limit=2: two, total 3"
as "$SYS" GET '/api/v1/departments?limit=2&offset=2&unit_id=1' >/dev/null
count_is 1 3 3 "GET /departments?offset=2: the last one"
as "$SYS" GET '/api/v1/departments?offset=-1' >/dev/null
expect 400 "departments: negative offset refused"
field_is offset "departments offset -1"

# --- people
as "$SEC" POST /api/v1/people '{"name":"无部门","staff_class":"none"}' >/dev/null
expect 400 "person without department_id refused"
field_is department_id "person without department_id"
as "$SEC" POST /api/v1/people '{"name":"无部门","staff_class":"none","department_id":null}' >/dev/null
expect 400 "person with department_id null refused"
field_is department_id "person with department_id null"
as "$SEC" POST /api/v1/people "{\"name\":\"有部门\",\"staff_class\":\"none\",\"department_id\":$DEPT}" >"$WORK/p.json"
expect 201 "person with a department created"
P=$(json id <"$WORK/p.json")
as "$SEC" PATCH "/api/v1/people/$P" '{"department_id":null}' >/dev/null
expect 400 "a person's department cannot be set to null"
field_is department_id "department_id null on PATCH"
as "$SEC" GET "/api/v1/people/$P" >"$WORK/p.json"
[ "$(json department_id <"$WORK/p.json")" = "$DEPT" ] || die "the department must stay"
ok "the person keeps the department"
n=$(sqlite3 "$DATA/baomi.db" "SELECT count(*) FROM people WHERE department_id IS NULL")
[ "$n" = 0 ] || die "$n people stored without a department"
ok "no person stored without a department"

# --- tokens
as "$SEC" POST /api/v1/tokens '{"name":"no-expiry"}' >/dev/null
expect 400 "token without expires_days refused"
field_is expires_days "token without expires_days"
for i in 1 2 3; do
	as "$SEC" POST /api/v1/tokens "{\"name\":\"t$i\",\"expires_days\":30}" >"$WORK/t.json"
	expect 201 "token $i created"
done
T3=$(json id <"$WORK/t.json")
as "$SEC" GET '/api/v1/tokens?limit=1&offset=2' >/dev/null
count_is 1 3 "$T3" "GET /tokens?limit=1&offset=2: the third token, total 3"
as "$SEC" GET '/api/v1/tokens?limit=abc' >/dev/null
expect 400 "tokens: limit abc refused"

# --- policy: PUT replaces the whole policy
as "$SEC" PUT /api/v1/policy '{"lockout_minutes":30}' >/dev/null
expect 400 "a partial policy is refused"
field_is password_min_length "partial policy"
as "$SEC" PUT /api/v1/policy '{"password_min_length":12,"password_min_classes":3,"password_max_age_days":90,"lockout_threshold":5,"lockout_minutes":30}' >/dev/null
expect 400 "a policy without session_idle_seconds is refused"
field_is session_idle_seconds "policy without session_idle_seconds"
as "$SEC" GET /api/v1/policy >"$WORK/pol.json"
[ "$(json lockout_minutes <"$WORK/pol.json")" = 15 ] && [ "$(json password_min_length <"$WORK/pol.json")" = 10 ] ||
	die "a refused PUT must change nothing: $(cat "$WORK/pol.json")"
ok "refused policy changes nothing"
as "$SEC" PUT /api/v1/policy '{"password_min_length":12,"password_min_classes":3,"password_max_age_days":90,"lockout_threshold":5,"lockout_minutes":30,"session_idle_seconds":1800}' >/dev/null
expect 200 "a complete policy is stored"
[ "$(json lockout_minutes <"$WORK/resp")" = 30 ] || die "the stored policy is answered"
finish
