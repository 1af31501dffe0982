#!/bin/sh
# Installs what the arm64 build (`make check`'s arm64 step and `make arm64`, scripts/arm64.sh)
# needs on an amd64 Debian 12 machine: the arm64 architecture (multiarch),
# crossbuild-essential-arm64, qemu-user and the :arm64 -dev packages of baomi's libraries.
# Only what is missing; scripts/setup-deps.sh runs it on amd64.
#   setup-deps-arm64.sh            install what is missing
#   setup-deps-arm64.sh --present  exit 0 when nothing is missing (or the machine is not amd64)
# libvectorscan-dev:arm64 is left out: it conflicts with the amd64 libhyperscan-dev, so the
# arm64 baomi-check uses its own Aho-Corasick matcher; libtesseract-dev:arm64 and
# libpoppler-glib-dev:arm64 too (each replaces its amd64 -dev package, which the amd64 build
# needs), so the arm64 baomi-check has no --ocr and is built without PDF text.
set -eu

PKGS="crossbuild-essential-arm64 qemu-user ninja-build libmicrohttpd-dev:arm64 \
libjansson-dev:arm64 libsqlite3-dev:arm64 libsodium-dev:arm64 libssl-dev:arm64 \
libcmocka-dev:arm64 libcurl4-openssl-dev:arm64 libxlsxwriter-dev:arm64 libexpat1-dev:arm64 \
zlib1g-dev:arm64 libcairo2-dev:arm64 libpango1.0-dev:arm64 libdeflate-dev:arm64 \
libqrencode-dev:arm64 libarchive-dev:arm64"

arch=$(dpkg --print-architecture 2>/dev/null || echo unknown)
if [ "${1:-}" = --present ] && [ "$arch" != amd64 ]; then
	exit 0
fi
[ "$arch" = amd64 ] || { echo "setup-deps-arm64: run on amd64" >&2; exit 2; }
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ "${1:-}" = --present ]; then
	[ -z "$missing" ]
	exit
fi
[ -n "$missing" ] || { echo "setup-deps-arm64: all packages present"; exit 0; }
echo "setup-deps-arm64: installing:$missing"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	$SUDO dpkg --add-architecture arm64
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
