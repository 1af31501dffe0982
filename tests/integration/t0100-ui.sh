#!/bin/sh
# The web UI in headless Chromium against the demo: login, forced password change,
# people, English, tokens, audit, carriers, incidents, plans, warnings, self-inspection
# (tests/ui/ui-test.js).
# Screenshots land in $WORK/shots.
. "$(dirname "$0")/lib.sh"
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
"$BAOMI" demo --data "$DATA" --listen "127.0.0.1:$PORT" >>"$WORK/server.log" 2>&1 &
PID=$!
i=0
while ! curl -sf "$BASE/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 300 ] && die "demo server did not start"
	kill -0 "$PID" 2>/dev/null || die "demo server exited"
	sleep 0.1
done
grep -q "http://127.0.0.1:$PORT/" "$WORK/server.log" || die "demo must print its URL"
grep -q "secadmin" "$WORK/server.log" || die "demo must print the logins"
ok "demo starts and prints the URL and logins"
sh "$BAOMI_SRC/tests/ui/run.sh" "$DATA" "$BASE" "$WORK/shots" || die "browser test failed (screenshots in $WORK/shots)"
ls "$WORK/shots"/*.png >/dev/null 2>&1 || die "no screenshots"
ok "browser test passed; screenshots in $WORK/shots"
finish
