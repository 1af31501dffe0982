#!/bin/sh
# 保密要害部门部位 in Chromium (tests/ui/places.js): the officer's to-do and register, the server
# room with its carriers and masked ID numbers, a maintenance request approved by the officer and
# the leader, logged in and out by the duty desk, an unapproved entry marked as such, and a
# department head who sees no place.  Screenshots land in $WORK/shots.
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey places.js
finish
