#!/bin/sh
# Lints the OpenAPI description with Redocly CLI (recommended rules, tests/contract/redocly.yaml).
#
#   tests/contract/lint.sh [SPEC]      (default: docs/openapi.yaml of this tree)
#
# Installs the pinned @redocly/cli (package-lock.json) with `npm ci` on the first run; needs the
# Debian packages nodejs and npm. Exit 0 when the linter reports no error, 1 otherwise.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
spec=${1:-$here/../../docs/openapi.yaml}

if ! command -v node >/dev/null 2>&1; then
	echo "contract-lint: FAIL: node not found (install the Debian packages nodejs and npm)" >&2
	exit 1
fi
# @redocly/cli 2 runs on Node.js 20.19 or later
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
	echo "contract-lint: FAIL: node $(node --version) is too old; @redocly/cli needs 20.19 or later" >&2
	exit 1
fi
if [ ! -f "$here/node_modules/@redocly/cli/package.json" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "contract-lint: FAIL: node_modules missing and npm not found (install the Debian package npm)" >&2
		exit 1
	fi
	echo "contract-lint: installing @redocly/cli with npm ci"
	# serialise concurrent first runs; flock is in util-linux
	(
		if command -v flock >/dev/null 2>&1; then flock 9; fi
		if [ ! -f "$here/node_modules/@redocly/cli/package.json" ]; then
			cd "$here" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error
		fi
	) 9>"${TMPDIR:-/tmp}/baomi-contract-npm.lock" || {
		echo "contract-lint: FAIL: npm ci failed in $here" >&2
		exit 1
	}
fi

# no telemetry, no update check
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
exec node "$here/node_modules/@redocly/cli/bin/cli.js" lint --config "$here/redocly.yaml" \
	--format stylish "$spec"
