#!/bin/sh
# 保密教育培训 in Chromium (tests/ui/training.js): the officer records a session with bulk
# attendance (a person picked by name and a whole department), a test score, the person's record
# and the statistics with their PDF and XLSX; a staff member sees their own record only.
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey training.js
finish
