#!/bin/sh
# Chromium: 信息发布保密审查 — submit, hits in context, clear, decide, publish (tests/ui/review.js).
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey review.js
finish
