#!/bin/sh
# A drill from plan to 通报 in Chromium (tests/ui/drills.js): the year's drill plan against the
# six-month rule, a drill planned with a participant picked by name, started as a drill incident
# marked 演练 (no upward package, left out of the incident list unless asked for), a finding with
# its rectification task and a plan revision, end, summary (演练总结) and 通报 (HTML and PDF), the
# finding in the rectification tracker.  Screenshots land in $WORK/shots.
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey drills.js
finish
