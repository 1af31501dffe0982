#!/bin/sh
# `make arm64`: on an amd64 Debian machine, cross-build baomi and baomi-check for arm64 with
# Debian multiarch, run the unit tests and a server smoke test (tests/arm64/smoke.sh: init,
# serve, login, register a carrier, audit verify) under qemu-user, and build the arm64 .debs.
#   arm64.sh [BUILD_DIR] [OUT_DIR]
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
B=${1:-build-arm64}
OUT=${2:-dist}
cd "$SRC"
sh scripts/setup-deps-arm64.sh
cmake -S . -B "$B" -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/aarch64-linux-gnu.cmake" \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo -DBAOMI_CHECK_HYPERSCAN=OFF -DBAOMI_CHECK_PDF=OFF >/dev/null
cmake --build "$B" -j "${JOBS:-2}"
file "$B/src/cli/baomi" | grep -q 'ARM aarch64' || { echo "arm64: $B/src/cli/baomi is not arm64" >&2; exit 1; }
# the unit tests (ctest runs them through CMAKE_CROSSCOMPILING_EMULATOR, qemu-aarch64);
# checkreport_fresh runs the binaries from a shell script, which needs binfmt_misc
ctest --test-dir "$B" -R '^unit_' -E checkreport_fresh --output-on-failure -j "${JOBS:-2}"
B=$(cd "$B" && pwd)
printf '#!/bin/sh\nexec qemu-aarch64 %s/src/cli/baomi "$@"\n' "$B" >"$B/baomi-qemu"
chmod 0755 "$B/baomi-qemu"
BAOMI="$B/baomi-qemu" BAOMI_SRC="$SRC" BAOMI_TMP="$B/it-tmp" sh tests/arm64/smoke.sh
sh scripts/mkdeb.sh "$B" "$OUT" arm64
