#!/bin/sh
# The arm64 build, cross-built on an amd64 Debian machine with Debian multiarch
# (scripts/setup-deps-arm64.sh, cmake/aarch64-linux-gnu.cmake) and tested under qemu-user:
#   arm64.sh check [BUILD_DIR]          `make check`'s arm64 step: builds only baomi, its unit
#                                       tests and baomi-check's scanner and format tests,
#                                       runs them under qemu-aarch64 and the server smoke test
#                                       (tests/arm64/smoke.sh: init, serve, login, register a
#                                       carrier, audit verify)
#   arm64.sh deb [BUILD_DIR] [OUT_DIR]  `make arm64`: the same, then the whole tree and the arm64
#                                       .debs in OUT_DIR
# Any build or test failure exits non-zero.
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
MODE=${1:-deb}
B=${2:-build-arm64}
OUT=${3:-dist}
JOBS=${JOBS:-2}
case $MODE in
check | deb) ;;
*) echo "usage: arm64.sh check|deb [BUILD_DIR] [OUT_DIR]" >&2; exit 2 ;;
esac
cd "$SRC"
if [ "$MODE" = check ] && [ "$(dpkg --print-architecture)" != amd64 ]; then
	echo "arm64: not an amd64 machine, left out (the native tests ran on this architecture)"
	exit 0
fi
sh scripts/setup-deps-arm64.sh
# Ninja builds the listed targets side by side (the Makefile generator one after another).
# RelWithDebInfo without -g: the same optimisation and NDEBUG as the release tree, less to
# compile (the packages are stripped anyway).  No fuzz targets (gcc, no sanitizer).
# No Hyperscan (libvectorscan-dev:arm64 conflicts with the amd64 libhyperscan-dev), no
# --ocr and no PDF text (libtesseract-dev:arm64 and libpoppler-glib-dev:arm64 likewise):
# scripts/setup-deps-arm64.sh.
if [ -f "$B/CMakeCache.txt" ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$B/CMakeCache.txt"; then
	rm -rf "$B"
fi
cmake -G Ninja -S . -B "$B" -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/aarch64-linux-gnu.cmake" \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" \
	-DBAOMI_CHECK_HYPERSCAN=OFF -DBAOMI_CHECK_PDF=OFF >/dev/null
# the unit tests of tests/CMakeLists.txt, as ctest knows them
UNITS=$(ctest --test-dir "$B" -N -R '^unit_' | sed -n 's/^ *Test *#[0-9]*: unit_\([a-z0-9_]*\)$/\1/p')
[ -n "$UNITS" ] || { echo "arm64: no unit tests found in $B" >&2; exit 1; }
CHECKS="scan units formats arch enc"
TARGETS="baomi baomi-check"
for t in $CHECKS; do
	TARGETS="$TARGETS check_test_$t"
done
for u in $UNITS; do
	[ "$u" = checkreport_fresh ] || TARGETS="$TARGETS test_$u"
done
# shellcheck disable=SC2086
cmake --build "$B" -j "$JOBS" --target $TARGETS
aarch64-linux-gnu-readelf -h "$B/src/cli/baomi" | grep -q 'Machine: *AArch64' ||
	{ echo "arm64: $B/src/cli/baomi is not arm64" >&2; exit 1; }
# the unit tests through CMAKE_CROSSCOMPILING_EMULATOR (qemu-aarch64), the longest first;
# checkreport_fresh runs the binaries from a shell script, which needs binfmt_misc; the
# baomi-check tests whose binaries are built here (check_budget measures time, which qemu
# distorts, and memory, whose limit qemu-user does not set)
ctest --test-dir "$B" -R "^(unit_|check_($(echo "$CHECKS" | tr ' ' '|'))\$)" \
	-E '^unit_checkreport_fresh$' \
	--output-on-failure -j "$JOBS" --timeout 1800
B=$(cd "$B" && pwd)
printf '#!/bin/sh\nexec qemu-aarch64 %s/src/cli/baomi "$@"\n' "$B" >"$B/baomi-qemu"
chmod 0755 "$B/baomi-qemu"
qemu-aarch64 "$B/check/baomi-check" --version | grep -q '^baomi-check ' ||
	{ echo "arm64: baomi-check --version" >&2; exit 1; }
BAOMI="$B/baomi-qemu" BAOMI_SRC="$SRC" BAOMI_TMP="$B/it-tmp" sh tests/arm64/smoke.sh
[ "$MODE" = deb ] || exit 0
cmake --build "$B" -j "$JOBS"
sh scripts/mkdeb.sh "$B" "$OUT" arm64
