#!/bin/bash
# Builds the Debian packages and tries them as an operator would, in a clean
# Debian 12 root (debootstrap, minbase): install outpost-central and outpost
# with apt (so their Depends must be right), start the service the way its
# systemd unit says (the unit's ExecStart, the config file, its own user),
# create a site, register a device with the installed `outpost`, then upgrade
# (reinstall), remove and purge: the data must still be there each time.
#
#   tools/packaging/package-test.sh [BUILD_DIR]      (default: build)
#
# Needs root (chroot, mount) and the network to Debian's mirror (as
# apt-get does). The root is cached in $OUTPOST_TEST_ROOT_CACHE
# (default /var/cache/outpost/bookworm-minbase.tar) so a second run skips
# debootstrap. Exit 0 only when every step passed.
set -eu
cd "$(dirname "$0")/../.."
BUILD="${1:-build}"
PORT="${OUTPOST_PACKAGE_TEST_PORT:-18643}"
CACHE="${OUTPOST_TEST_ROOT_CACHE:-/var/cache/outpost/bookworm-minbase.tar}"
MIRROR="${OUTPOST_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

step() { echo "== package test $(date +%T): $*"; }
fail() { echo "package test FAILED: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "package test skipped: run as root (it needs chroot and mount)"; exit 77; }
command -v debootstrap >/dev/null || { echo "package test skipped: debootstrap is missing (tools/setup-debian.sh installs it)"; exit 77; }

step "cpack -G DEB in $BUILD"
rm -f "$BUILD"/outpost*.deb
(cd "$BUILD" && cpack -G DEB >/dev/null) || fail "cpack failed (see $BUILD/_CPack_Packages)"
CENTRAL_DEB=$(ls "$BUILD"/outpost-central_*.deb)
APP_DEB=$(ls "$BUILD"/outpost_*.deb)
for deb in "$CENTRAL_DEB" "$APP_DEB"; do
    echo "  $(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"
done
central_files=$(dpkg-deb -c "$CENTRAL_DEB")
app_files=$(dpkg-deb -c "$APP_DEB")
has() { echo "$1" | grep -q " \./$2\$"; }
has "$central_files" usr/lib/systemd/system/outpost-central.service || fail "no systemd unit in $CENTRAL_DEB"
has "$central_files" etc/outpost/central.conf || fail "no config file in $CENTRAL_DEB"
dpkg-deb -I "$CENTRAL_DEB" conffiles | grep -qx /etc/outpost/central.conf || fail "central.conf is not a conffile"
has "$app_files" usr/share/locale/fr/LC_MESSAGES/outpost.mo || fail "no French catalogue in $APP_DEB"
has "$app_files" usr/share/applications/outpost.desktop || fail "no .desktop entry in $APP_DEB"
has "$app_files" usr/share/xsessions/outpost-kiosk.desktop || fail "no kiosk session in $APP_DEB"

ROOT=$(mktemp -d /tmp/outpost-root.XXXXXX)
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    sleep 1
    umount "$ROOT/proc" 2>/dev/null || true
    umount "$ROOT/dev" 2>/dev/null || true
    rm -rf "$ROOT"
}
trap cleanup EXIT INT TERM

if [ -f "$CACHE" ]; then
    step "clean Debian 12 root from $CACHE"
    tar -C "$ROOT" -xf "$CACHE"
else
    step "debootstrap --variant=minbase bookworm (cached afterwards in $CACHE)"
    debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >/tmp/outpost-debootstrap.log 2>&1 \
        || { tail -20 /tmp/outpost-debootstrap.log; fail "debootstrap failed"; }
    mkdir -p "$(dirname "$CACHE")"
    tar -C "$ROOT" -cf "$CACHE" .
fi
# mktemp (and so the cached tar) makes / 0700: the service user could not reach it.
chmod 755 "$ROOT"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount -t proc proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"
cp "$CENTRAL_DEB" "$APP_DEB" "$ROOT/tmp/"
in_root() { chroot "$ROOT" "$@"; }
as_service() { chroot --userspec=outpost-central:outpost-central "$ROOT" "$@"; }

step "apt-get install outpost-central outpost (dependencies from the mirror)"
in_root apt-get update -qq 2>&1 | grep -v "unsandboxed as root" || true
DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$CENTRAL_DEB")" "/tmp/$(basename "$APP_DEB")" >/tmp/outpost-apt.log 2>&1 \
    || { tail -30 /tmp/outpost-apt.log; fail "apt-get install of the packages failed"; }
in_root getent passwd outpost-central >/dev/null || fail "postinst made no outpost-central user"
[ "$(in_root stat -c %U /var/lib/outpost-central)" = outpost-central ] || fail "/var/lib/outpost-central is not the service's"
in_root outpost --version >/dev/null || fail "the installed outpost does not start (missing library?)"
if command -v systemd-analyze >/dev/null; then
    # The unit's syntax and hardening options, read by the host's systemd (252
    # on Debian 12), with its paths pointed into the root.
    mkdir -p "$ROOT/tmp/unit"
    sed -e "s#/usr/bin/outpost-central#$ROOT/usr/bin/outpost-central#" -e "s#/etc/outpost/#$ROOT/etc/outpost/#" \
        "$ROOT/usr/lib/systemd/system/outpost-central.service" >"$ROOT/tmp/unit/outpost-central.service"
    systemd-analyze verify "$ROOT/tmp/unit/outpost-central.service" || fail "systemd-analyze verify refuses the unit"
fi

DB=/var/lib/outpost-central/central.db
start_service() {
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        fail "port $PORT is already taken (an earlier run's server?); set OUTPOST_PACKAGE_TEST_PORT"
    fi
    # The unit's own ExecStart, with the config file's values, as its user.
    exec_start=$(sed -n 's/^ExecStart=//p' "$ROOT/usr/lib/systemd/system/outpost-central.service")
    # shellcheck disable=SC1091
    . "$ROOT/etc/outpost/central.conf"
    OUTPOST_CENTRAL_LISTEN="127.0.0.1:$PORT"
    cmd=$(echo "$exec_start" | sed -e "s#\${OUTPOST_CENTRAL_DB}#$OUTPOST_CENTRAL_DB#" \
        -e "s#\${OUTPOST_CENTRAL_LISTEN}#$OUTPOST_CENTRAL_LISTEN#" -e "s#\$OUTPOST_CENTRAL_OPTIONS#$OUTPOST_CENTRAL_OPTIONS#")
    # Straight chroot, not the as_service function: a function run with & is a
    # subshell, and killing it would leave the server running.
    # shellcheck disable=SC2086
    chroot --userspec=outpost-central:outpost-central "$ROOT" $cmd >/tmp/outpost-central-service.log 2>&1 &
    SERVER_PID=$!
    i=0
    until as_service outpost-central sites --db "$DB" >/dev/null 2>&1 && \
          (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 50 ] || { cat /tmp/outpost-central-service.log; fail "the service did not start"; }
        sleep 0.2
    done
}
stop_service() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

step "create a site as the service user and register a device with the installed outpost"
as_service outpost-central site create --db "$DB" --code HC01 --name "Mbala Health Centre" >/dev/null
start_service
CODE=$(as_service outpost-central code --db "$DB" --site HC01 | grep -o '[A-Z0-9]\{3\}-[A-Z0-9]\{3\}-[A-Z0-9]\{3\}' | head -1)
[ -n "$CODE" ] || fail "no registration code printed"
in_root outpost register --db /root/device.db --central "http://127.0.0.1:$PORT" --code "$CODE" --device-name "test kiosk" \
    || fail "registering a device against the installed service failed"
in_root outpost sync --db /root/device.db || fail "the registered device's sync failed"
as_service outpost-central sites --db "$DB" | grep -q "test kiosk" || fail "central does not list the registered device"
stop_service

step "upgrade (reinstall), remove and purge leave the data in place"
DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -qq --reinstall "/tmp/$(basename "$CENTRAL_DEB")" >/dev/null 2>&1 \
    || fail "reinstall (upgrade path) failed"
as_service outpost-central sites --db "$DB" | grep -q "test kiosk" || fail "the data did not survive the upgrade"
DEBIAN_FRONTEND=noninteractive in_root apt-get remove -y -qq outpost-central >/dev/null 2>&1 || fail "remove failed"
[ -f "$ROOT$DB" ] || fail "remove deleted $DB"
DEBIAN_FRONTEND=noninteractive in_root apt-get purge -y -qq outpost-central >/dev/null 2>&1 || fail "purge failed"
[ -f "$ROOT$DB" ] || fail "purge deleted $DB"
DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -qq "/tmp/$(basename "$CENTRAL_DEB")" >/dev/null 2>&1 \
    || fail "install after purge failed"
start_service
as_service outpost-central sites --db "$DB" | grep -q "test kiosk" || fail "the data is not served after reinstalling"
stop_service
step "passed"
