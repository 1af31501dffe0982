#!/bin/sh
# Installs the Debian packages baomi needs to build and test, only those missing.
# Idempotent: running it again on a ready machine installs nothing.
set -eu

PKGS="build-essential cmake pkg-config clang-14 libclang-rt-14-dev clang-format \
libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libsodium-dev libssl-dev \
libcmocka-dev libcurl4-openssl-dev libxlsxwriter-dev libexpat1-dev zlib1g-dev curl python3 python3-yaml bc chromium fonts-noto-cjk ca-certificates \
libcairo2-dev libpango1.0-dev libqrencode-dev poppler-utils zbar-tools faketime \
scdoc openssl lintian systemd adduser man-db"

# Packages the endpoint checker (check/) adds; kept in one list. Hyperscan is
# amd64-only; arm64 has the vectorscan fork; other architectures use baomi's
# own Aho-Corasick matcher.
arch=$(dpkg --print-architecture 2>/dev/null || echo unknown)
if [ -f "$(dirname "$0")/../check/deps.txt" ]; then
	for p in $(grep -v '^#' "$(dirname "$0")/../check/deps.txt"); do
		if [ "$p" = libhyperscan-dev ]; then
			case "$arch" in
			amd64) ;;
			arm64) p=libvectorscan-dev ;;
			*) continue ;;
			esac
		fi
		# The arm64 cross compiler and qemu test the NEON path from amd64 only.
		case "$p" in
		gcc-aarch64-linux-gnu | libc6-dev-arm64-cross | qemu-user)
			[ "$arch" = amd64 ] || continue ;;
		esac
		PKGS="$PKGS $p"
	done
fi

# The browser test runs on Node.js; a machine that already has node keeps it.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	PKGS="$PKGS nodejs npm"
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

# On amd64, `make check` also cross-builds for arm64 and tests it under qemu-user: the arm64
# architecture and its -dev packages (multiarch), after the native ones.
arm64_deps() {
	[ "$arch" != amd64 ] || sh "$(dirname "$0")/setup-deps-arm64.sh"
}

if [ -z "$missing" ]; then
	echo "setup-deps: all packages present"
	arm64_deps
	exit 0
fi

echo "setup-deps: installing:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
arm64_deps
