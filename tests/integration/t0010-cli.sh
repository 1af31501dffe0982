#!/bin/sh
# The command line: init, usage errors and exit codes, audit verify.
. "$(dirname "$0")/lib.sh"

set +e
"$BAOMI" init --unit x >/dev/null 2>"$WORK/err"; rc=$?
set -e
[ $rc = 2 ] && grep -q "BAOMI_DATA" "$WORK/err" || die "init without --data must exit 2 naming BAOMI_DATA"
ok "init without a data directory exits 2"

set +e
"$BAOMI" init --data "$DATA" >/dev/null 2>"$WORK/err"; rc=$?
set -e
[ $rc = 2 ] && grep -q -- "--unit" "$WORK/err" || die "init without --unit must exit 2"
ok "init without --unit exits 2"

BAOMI_DATA="$DATA" "$BAOMI" init --unit "测试单位" >"$WORK/out"
[ -f "$DATA/baomi.db" ] && [ -f "$DATA/audit.key" ] || die "init did not create the files"
[ "$(stat -c %a "$DATA/audit.key")" = 400 ] || die "audit.key must be mode 0400"
[ "$(stat -c %a "$DATA")" = 700 ] || die "data directory must be mode 0700"
ok "init from BAOMI_DATA creates database and key with tight modes"

set +e
"$BAOMI" init --data "$DATA" --unit again >/dev/null 2>"$WORK/err"; rc=$?
set -e
[ $rc = 2 ] && grep -q "already initialised" "$WORK/err" || die "second init must be refused"
ok "second init refused"

# generated passwords are printed once when BAOMI_INIT_PASSWORD is not set
env -u BAOMI_INIT_PASSWORD "$BAOMI" init --data "$WORK/gen" --unit g >"$WORK/gen.out"
for u in sysadmin secadmin auditor; do
	grep -q "^  $u " "$WORK/gen.out" || die "generated password for $u not printed"
done
ok "generated initial passwords printed for the three administrators"

"$BAOMI" audit verify --data "$DATA" >"$WORK/out" || die "fresh chain must verify"
grep -q "intact" "$WORK/out" || die "verify output"
ok "audit verify exits 0 on an intact chain"

set +e
"$BAOMI" audit verify >/dev/null 2>&1; rc1=$?
"$BAOMI" audit frobnicate --data "$DATA" >/dev/null 2>&1; rc2=$?
"$BAOMI" serve --data "$DATA" --listen nonsense >/dev/null 2>&1; rc3=$?
"$BAOMI" nosuchcommand >/dev/null 2>&1; rc4=$?
"$BAOMI" serve --data "$WORK/missing" >/dev/null 2>&1; rc5=$?
set -e
[ "$rc1$rc2$rc3$rc4$rc5" = 22222 ] || die "usage errors must exit 2 (got $rc1 $rc2 $rc3 $rc4 $rc5)"
ok "usage errors exit 2"

"$BAOMI" routes | grep -q "^GET /api/v1/audit/verify$" || die "routes"
ok "routes lists the API"
finish
