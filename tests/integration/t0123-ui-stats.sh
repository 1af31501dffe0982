#!/bin/sh
# Chromium: the year's statistics page (tests/ui/stats.js).
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey stats.js
finish
