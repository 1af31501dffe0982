#!/bin/sh
# The home page as a to-do list in Chromium (tests/ui/home.js): the officer, the leader and the
# 应急办 see their items first, the reporting countdowns inside a 1280×720 screen, menu badges
# that match the inbox, items that open their pages, and 个人信息 with the account.
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey home.js
finish
