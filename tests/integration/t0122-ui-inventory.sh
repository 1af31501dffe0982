#!/bin/sh
# 清查盘点 in Chromium (tests/ui/inventory.js): the demo's closed inventory with one carrier missing
# and one out of place, a new inventory scanned by typing numbers + Enter quickly into the input
# that keeps its focus, live tallies, closing, a leak incident from a missing line, and label
# sheets printed from the ledger. Screenshots land in $WORK/shots.
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey inventory.js
finish
