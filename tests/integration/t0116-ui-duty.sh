#!/bin/sh
# A duty officer's shift in Chromium (tests/ui/duty.js): who is on duty now, a call in the duty
# log, an incident opened from it and linked both ways, the handover note; the 保密员 edits a shift.
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey duty.js
finish
