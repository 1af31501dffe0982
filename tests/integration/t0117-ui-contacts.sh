#!/bin/sh
# The contact list and the register of rewards and penalties in Chromium (tests/ui/contacts.js):
# the officer sees the command and the outside bodies with their numbers, adds and finds a body,
# and reads whom to call on the countdown rows of the open incident; a department head cannot
# reach the page (no menu entry, 403) and sees rewards but no penalty.
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey contacts.js
finish
