#!/bin/sh
# The three administrators are separated; business roles come from secadmin.
. "$(dirname "$0")/lib.sh"
init_data
start_server

SYS=$(login_ready sysadmin 'Sys-Admin-Pass-1')
SEC=$(login_ready secadmin 'Sec-Admin-Pass-1')
AUD=$(login_ready auditor 'Aud-Itor-Pass-1')

# --- system administrator: org, accounts; refused people data, roles, policy writes, audit
as "$SYS" POST /api/v1/departments '{"unit_id":1,"name":"信息中心","code":"XXZX"}' >"$WORK/d.json"
expect 201 "sysadmin creates a department"
DEPT=$(json id <"$WORK/d.json")
as "$SYS" POST /api/v1/people '{"name":"张三","staff_class":"general"}' >/dev/null
expect 403 "sysadmin may not register people (clearances belong to secadmin)"
as "$SYS" GET /api/v1/audit >/dev/null
expect 403 "sysadmin may not read the audit log"
as "$SYS" PUT /api/v1/policy '{"lockout_threshold":3}' >/dev/null
expect 403 "sysadmin may not change the security policy"

# --- security administrator: people, roles, policy; refused accounts, org, audit
as "$SEC" POST /api/v1/people "{\"name\":\"张三\",\"department_id\":$DEPT,\"staff_class\":\"important\",\"commitment_signed_on\":\"2026-01-05\",\"title\":\"网络管理员\"}" >"$WORK/p.json"
expect 201 "secadmin registers a person"
PERSON=$(json id <"$WORK/p.json")
[ "$(json clearance <"$WORK/p.json")" = secret ] || die "important staff must be cleared for 机密 (secret)"
ok "clearance follows the staff class"
as "$SEC" POST /api/v1/people "{\"name\":\"李四\",\"staff_class\":\"core\",\"department_id\":$DEPT}" >/dev/null
expect 400 "classified person without a signed commitment refused"
grep -q commitment_signed_on "$WORK/resp" || die "error must name the field"
as "$SEC" POST /api/v1/accounts "{\"username\":\"zhangsan\",\"display_name\":\"张三\",\"password\":\"Zs-Initial-2026\"}" >/dev/null
expect 403 "secadmin may not create accounts"
as "$SEC" POST /api/v1/units '{"name":"x","code":"X"}' >/dev/null
expect 403 "secadmin may not change the organisation"
as "$SEC" GET /api/v1/audit >/dev/null
expect 403 "secadmin may not read the audit log"
as "$SEC" PUT /api/v1/policy '{"password_min_length":10,"password_min_classes":3,"password_max_age_days":90,"lockout_threshold":5,"lockout_minutes":15,"session_idle_seconds":1200}' >/dev/null
expect 200 "secadmin sets the policy"

# --- auditor: only the audit log
for path in /api/v1/people /api/v1/accounts /api/v1/policy /api/v1/units; do
	as "$AUD" GET "$path" >/dev/null
	expect 403 "auditor refused GET $path"
done
as "$AUD" POST /api/v1/departments '{"unit_id":1,"name":"x","code":"X"}' >/dev/null
expect 403 "auditor changes nothing"
as "$AUD" GET '/api/v1/audit?event=login&limit=100' >"$WORK/a.json"
expect 200 "auditor reads the audit log"
grep -q '"username":"sysadmin"' "$WORK/a.json" && grep -q '"username":"secadmin"' "$WORK/a.json" ||
	die "auditor must see the other administrators' records"
ok "auditor sees the other two administrators' logins"

# --- accounts and business roles
as "$SYS" POST /api/v1/accounts "{\"username\":\"zhangsan\",\"display_name\":\"张三\",\"person_id\":$PERSON,\"password\":\"Zs-Initial-2026\"}" >"$WORK/acc.json"
expect 201 "sysadmin creates a business account"
ACC=$(json id <"$WORK/acc.json")
as "$SYS" PUT "/api/v1/accounts/$ACC/roles" '{"roles":["officer"]}' >/dev/null
expect 403 "sysadmin may not grant roles"
as "$SEC" PUT "/api/v1/accounts/$ACC/roles" '{"roles":["officer","staff"]}' >"$WORK/r.json"
expect 200 "secadmin grants business roles"
as "$SEC" PUT "/api/v1/accounts/$ACC/roles" '{"roles":["sysadmin"]}' >/dev/null
expect 400 "administrator roles cannot be granted"
as "$SEC" PUT /api/v1/accounts/1/roles '{"roles":["officer"]}' >/dev/null
expect 403 "an administrator account cannot take a business role"
as "$SYS" POST /api/v1/accounts/3/password-reset '{"password":"Taken-Over-2026"}' >/dev/null
expect 403 "sysadmin cannot reset the auditor's password"
as "$SYS" PATCH /api/v1/accounts/3 '{"disabled":true}' >/dev/null
expect 403 "sysadmin cannot disable the auditor"

ZS=$(login_ready zhangsan 'Zhang-San-Pass-9' 'Zs-Initial-2026')
as "$ZS" POST /api/v1/tokens '{"name":"script","expires_days":30}' >"$WORK/zt.json"
ZTOK=$(json token <"$WORK/zt.json")
as "$ZS" GET /api/v1/people >/dev/null
expect 200 "a confidentiality officer reads people"
as "$ZS" GET /api/v1/audit >/dev/null
expect 403 "business roles do not read the audit log"
as "$ZS" GET /api/v1/accounts >/dev/null
expect 403 "business roles do not read accounts"

# sysadmin cannot take over a business account: a reset ends sessions and tokens and drops roles
as "$SYS" PATCH "/api/v1/accounts/$ACC" '{"person_id":null}' >/dev/null
expect 403 "sysadmin may not relink the person of an account with roles"
as "$SYS" POST "/api/v1/accounts/$ACC/password-reset" '{"password":"Reset-By-Sys-2026"}' >/dev/null
expect 204 "sysadmin resets a business account's password"
as "$ZTOK" GET /api/v1/people >/dev/null
expect 401 "the reset revokes the account's API tokens"
as "$SEC" GET "/api/v1/accounts/$ACC" >"$WORK/acc2.json"
[ "$(json roles <"$WORK/acc2.json")" = "[]" ] || die "a reset must drop the business roles"
ok "a reset drops the business roles until secadmin grants them again"
ZS2=$(login_ready zhangsan 'Zhang-San-Pass-10' 'Reset-By-Sys-2026')
as "$ZS2" GET /api/v1/people >/dev/null
expect 403 "after a reset the account reads nothing until roles are granted again"

# sysadmin sees names only
as "$SYS" GET "/api/v1/people/$PERSON" >"$WORK/pn.json"
expect 200 "sysadmin may look up a person to link an account"
grep -q staff_class "$WORK/pn.json" && die "sysadmin must not see staff classes"
ok "sysadmin's view of people has no classes or clearances"
as "$SEC" GET '/api/v1/people?staff_class=important' >"$WORK/f1.json"
as "$SYS" GET '/api/v1/people?staff_class=core' >"$WORK/f2.json"
[ "$(json total <"$WORK/f2.json")" = "$(as "$SYS" GET /api/v1/people | json total)" ] ||
	die "the staff_class filter must not narrow sysadmin's names view"
ok "sysadmin cannot find classes through the staff_class filter"
as "$SYS" GET '/api/v1/people?q=%E7%BD%91%E7%BB%9C%E7%AE%A1%E7%90%86%E5%91%98' >"$WORK/f3.json"
[ "$(json total <"$WORK/f3.json")" = 0 ] || die "sysadmin's search must not match titles"
ok "sysadmin's search matches names only"

# every denial above is in the audit log
as "$AUD" GET '/api/v1/audit?result=denied&limit=500' >"$WORK/den.json"
n=$(json total <"$WORK/den.json")
[ "$n" -ge 10 ] || die "denials must be audited (found $n)"
ok "denials are audited ($n)"
finish
