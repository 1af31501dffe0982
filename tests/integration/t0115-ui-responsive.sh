#!/bin/sh
# Small screens and keyboards in headless Chromium on the demo (tests/ui/responsive.js): every
# menu page of lixy, zhengl and auditor at 1440×900, 1280×720 and 390×844 without sideways
# scrolling, the phone menu, the skip link, Esc and Enter, and the demo's content.
. "$(dirname "$0")/lib.sh"
start_demo
ui_journey responsive.js
finish
