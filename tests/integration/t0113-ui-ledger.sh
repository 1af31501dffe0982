#!/bin/sh
# The 保密员's ledger files and corrections in Chromium (tests/ui/ledger.js): export XLSX and
# CSV, import with a preview (a bad row named by line and column, nothing stored), the fixed file
# imported, a correction with its reason in the history, the register form without a default
# level refusing a future 定密日期 on the field, the approval a take-out needs before its form.
# Screenshots (ledger, ledger-preview at three viewports) land in $WORK/shots.
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey ledger.js
finish
