#!/bin/sh
# Builds the Debian packages baomi_VERSION_ARCH.deb and baomi-check_VERSION_ARCH.deb from a
# CMake build tree with dpkg-deb; Depends come from dpkg-shlibdeps (Debian's library packages,
# nothing bundled).  packaging/ holds the units, the config file, the maintainer scripts.
#   mkdeb.sh BUILD_DIR OUT_DIR [ARCH]     (ARCH: amd64 by default, or arm64 for a cross tree)
set -eu

BUILD=$1
OUT=$2
ARCH=${3:-$(dpkg --print-architecture)}
SRC=$(cd "$(dirname "$0")/.." && pwd)
PKG="$SRC/packaging"
VERSION=$(sed -n 's/^project(baomi VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[ -n "$VERSION" ] || { echo "mkdeb: no version in CMakeLists.txt" >&2; exit 2; }
case $ARCH in
amd64) STRIP=strip ;;
arm64) STRIP=aarch64-linux-gnu-strip ;;
*) echo "mkdeb: unsupported architecture $ARCH" >&2; exit 2 ;;
esac
for f in "$BUILD/src/cli/baomi" "$BUILD/check/baomi-check"; do
	[ -x "$f" ] || { echo "mkdeb: $f is not built" >&2; exit 2; }
done
command -v scdoc >/dev/null || { echo "mkdeb: scdoc is needed for the man pages" >&2; exit 2; }
MAINT="baomi maintainers <maintainers@users.noreply.h-seed-c02c4dd6.example>"
# reproducible: file times and gzip headers from the last commit, else a fixed date
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$SRC" log -1 --format=%ct 2>/dev/null || echo 1764979200)}
export SOURCE_DATE_EPOCH

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d /tmp/baomi-mkdeb-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# man PAGE SECTION DESTROOT — scdoc source to a gzipped page
man_page() {
	mkdir -p "$3/usr/share/man/man$2"
	scdoc <"$SRC/man/$1.$2.scd" | gzip -9n >"$3/usr/share/man/man$2/$1.$2.gz"
}

# docs PACKAGE ROOT — copyright and changelog
docs() {
	d="$2/usr/share/doc/$1"
	mkdir -p "$d"
	cat >"$d/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: baomi
Comment: Built from the baomi source tree by scripts/mkdeb.sh.

Files: *
Copyright: 2026 the baomi authors
License: custom
 The baomi authors keep all rights; use within the deploying organisation is permitted.
EOF
	printf '%s (%s) unstable; urgency=medium\n\n  * Package built from the source tree.\n\n -- %s  %s\n' \
		"$1" "$VERSION" "$MAINT" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")" | gzip -9n >"$d/changelog.gz"
}

# control PACKAGE ROOT BINARY EXTRA-FIELDS DESCRIPTION — DEBIAN/control with shlib Depends
control() {
	mkdir -p "$WORK/shlib/debian" "$2/DEBIAN"
	printf 'Source: baomi\n\nPackage: %s\nArchitecture: %s\n' "$1" "$ARCH" >"$WORK/shlib/debian/control"
	(cd "$WORK/shlib" && DEB_HOST_ARCH=$ARCH dpkg-shlibdeps -O --ignore-missing-info "$2/$3") >"$WORK/shlibs"
	deps=$(sed -n 's/^shlibs:Depends=//p' "$WORK/shlibs")
	{
		printf 'Package: %s\nVersion: %s\nArchitecture: %s\nMaintainer: %s\n' "$1" "$VERSION" "$ARCH" "$MAINT"
		printf 'Installed-Size: %s\n' "$(du -sk --exclude=DEBIAN "$2" | cut -f1)"
		printf 'Depends: %s%s\n' "$deps" "$4"
		printf '%s\n' "$5"
	} >"$2/DEBIAN/control"
}

# ---- baomi: the server and its command line ----
R="$WORK/baomi"
install -D -m 0755 "$BUILD/src/cli/baomi" "$R/usr/bin/baomi"
$STRIP --strip-unneeded --remove-section=.comment --remove-section=.note "$R/usr/bin/baomi"
install -D -m 0644 "$PKG/baomi.conf" "$R/etc/baomi/baomi.conf"
for u in baomi.service baomi-backup.service baomi-backup.timer; do
	install -D -m 0644 "$PKG/$u" "$R/lib/systemd/system/$u"
done
install -D -m 0644 "$PKG/baomi.bash-completion" "$R/usr/share/bash-completion/completions/baomi"
man_page baomi 1 "$R"
man_page baomi.conf 5 "$R"
docs baomi "$R"
install -m 0644 "$SRC/docs/operations.md" "$R/usr/share/doc/baomi/operations.md"
gzip -9n "$R/usr/share/doc/baomi/operations.md"
control baomi "$R" usr/bin/baomi ", adduser, openssl" "Recommends: fonts-noto-cjk
Suggests: baomi-check
Section: admin
Priority: optional
Homepage: https://example.invalid/baomi
Description: confidentiality management and security-incident response server
 baomi (保密) keeps a unit's classified-carrier ledger, its security incidents
 with their reporting deadlines, emergency plans, self-inspection campaigns
 and a tamper-evident audit log, behind a JSON API and a Chinese web
 interface.
 .
 This package installs the server as the systemd service baomi.service
 (HTTPS through libmicrohttpd, data in /var/lib/baomi), a daily online backup
 timer and the baomi command line."
for s in postinst prerm postrm; do
	install -m 0755 "$PKG/baomi.$s" "$R/DEBIAN/$s"
done
echo /etc/baomi/baomi.conf >"$R/DEBIAN/conffiles"
chmod 0644 "$R/DEBIAN/conffiles" "$R/DEBIAN/control"
find "$R" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$R" "$OUT/baomi_${VERSION}_${ARCH}.deb" >/dev/null

# ---- baomi-check: the small endpoint inspector, PDF text optional ----
R="$WORK/baomi-check"
install -D -m 0755 "$BUILD/check/baomi-check" "$R/usr/bin/baomi-check"
$STRIP --strip-unneeded --remove-section=.comment --remove-section=.note "$R/usr/bin/baomi-check"
man_page baomi-check 1 "$R"
docs baomi-check "$R"
control baomi-check "$R" usr/bin/baomi-check ", libarchive13" "Recommends: libpoppler-glib8
Suggests: libtesseract5, tesseract-ocr-chi-sim, tesseract-ocr-eng
Section: admin
Priority: optional
Homepage: https://example.invalid/baomi
Description: endpoint inspector and keyword scanner for baomi
 baomi-check runs on every computer of a unit: it checks the host (network,
 wireless, USB storage history, browser history, screen lock, antivirus) and
 scans documents for keywords in UTF-8, GBK and UTF-16, then writes one
 signed report that the baomi server imports.
 .
 PDF text is read through libpoppler-glib8 when it is installed; with
 --ocr, text in images and scanned PDF pages through Tesseract
 (libtesseract5 with the tesseract-ocr-chi-sim and -eng models)."
chmod 0644 "$R/DEBIAN/control"
find "$R" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$R" "$OUT/baomi-check_${VERSION}_${ARCH}.deb" >/dev/null

echo "mkdeb: $OUT/baomi_${VERSION}_${ARCH}.deb $OUT/baomi-check_${VERSION}_${ARCH}.deb"
