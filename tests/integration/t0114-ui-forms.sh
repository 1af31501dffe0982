#!/bin/sh
# Chromium journey tests/ui/forms.js: the leak and cyber report forms ask what each needs and fold,
# and the HTML 附件二 renders styled under the CSP (see the journey's header).
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey forms.js
finish
