#!/bin/sh
# The web UI in headless Chromium against the demo: login, forced password change,
# people, English, tokens, audit, carriers, incidents, plans, warnings, self-inspection
# (tests/ui/ui-test.js).
# Screenshots land in $WORK/shots.
. "$(dirname "$0")/lib.sh"
start_demo
grep -q "http://127.0.0.1:$PORT/" "$WORK/server.log" || die "demo must print its URL"
grep -q "secadmin" "$WORK/server.log" || die "demo must print the logins"
ok "demo starts and prints the URL and logins"
sh "$BAOMI_SRC/tests/ui/run.sh" "$DATA" "$BASE" "$WORK/shots" || die "browser test failed (screenshots in $WORK/shots)"
ls "$WORK/shots"/*.png >/dev/null 2>&1 || die "no screenshots"
ok "browser test passed; screenshots in $WORK/shots"
finish
