#!/bin/sh
# Installs what Outpost needs on Debian 12, only what is missing, and copies
# the DejaVu fonts into fonts/. Safe to run any number of times. Uses sudo
# when not run as root. With --fuzz, also clang and its libFuzzer runtime
# (for the fuzz targets in tests/fuzz; not needed to build or test).
# cairo and pango draw the label PDFs (app/print); poppler-utils is a test
# dependency (tests/print reads the PDFs back with pdftotext and pdftoppm).
set -eu
cd "$(dirname "$0")/.."
PACKAGES="build-essential cmake pkg-config libimgui-dev libglfw3-dev libsqlite3-dev \
libcpp-httplib-dev nlohmann-json3-dev catch2 libsodium-dev libstb-dev zlib1g-dev libicu-dev \
xvfb xauth fonts-dejavu-core openssl debootstrap libcairo2-dev libpango1.0-dev poppler-utils \
libargon2-dev libjs-chart.js chromium chromium-driver gettext libavahi-client-dev libpq-dev postgresql-15"
[ "${1:-}" = "--fuzz" ] && PACKAGES="$PACKAGES clang libclang-rt-14-dev"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup: installing$missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
else
    echo "setup: all Debian packages present"
fi
for f in DejaVuSans.ttf DejaVuSans-Bold.ttf DejaVuSansMono.ttf; do
    src="/usr/share/fonts/truetype/dejavu/$f"
    [ -f "fonts/$f" ] || { [ -f "$src" ] && cp "$src" "fonts/$f"; } || true
done
