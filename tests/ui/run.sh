#!/bin/sh
# Headless-Chromium test of the baomi web UI.
#
#   tests/ui/run.sh DATA_DIR BASE_URL SCREENSHOT_DIR [SCRIPT]
#
# SCRIPT is one of the journeys in this folder (default ui-test.js); the others are built on lib.js.
# Expects a running `baomi serve` at BASE_URL whose sysadmin/secadmin/auditor accounts still have
# the password in BAOMI_INIT_PASSWORD and must change it, and whose data holds people (demo or
# seeded). Changes those passwords to BAOMI_UI_NEWPASS (default Ui-Test-Pass-2026!).
# Uses the system chromium (CHROMIUM, default /usr/bin/chromium) through playwright-core; never
# downloads a browser. Needs the Debian packages nodejs, npm (for the first `npm ci`) and chromium.
# Exit 0 on pass, 1 on a failed check, 2 on usage errors.
set -eu

if [ $# -ne 3 ] && [ $# -ne 4 ]; then
	echo "usage: $0 DATA_DIR BASE_URL SCREENSHOT_DIR [SCRIPT]" >&2
	exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)

if ! command -v node >/dev/null 2>&1; then
	echo "ui-test: FAIL: node not found (install the Debian packages nodejs and npm)" >&2
	exit 1
fi
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
	echo "ui-test: FAIL: $CHROMIUM not found (install the Debian package chromium)" >&2
	exit 1
fi
export CHROMIUM

if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "ui-test: FAIL: node_modules missing and npm not found (install the Debian package npm)" >&2
		exit 1
	fi
	echo "ui-test: installing playwright-core with npm ci"
	# serialise concurrent first runs (e.g. two build trees); flock is in util-linux
	(
		if command -v flock >/dev/null 2>&1; then flock 9; fi
		if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
			cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --prefer-offline \
				--loglevel=error
		fi
	) 9>"${TMPDIR:-/tmp}/baomi-ui-npm.lock" || {
		echo "ui-test: FAIL: npm ci failed in $here" >&2
		exit 1
	}
fi

mkdir -p "$3"
script=${4:-ui-test.js}
if [ ! -f "$here/$script" ]; then
	echo "ui-test: no journey $here/$script" >&2
	exit 2
fi
exec node "$here/$script" "$1" "$2" "$3"
