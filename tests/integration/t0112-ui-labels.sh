#!/bin/sh
# Chromium: names, not ids; Chinese labels, not codes (tests/ui/labels.js).
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey labels.js
finish
