# Shared by scripts/demo and scripts/test: system packages, the virtual environment, translations.
# Sourced, not run. Idempotent: a second run only checks.

BULKDESK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$BULKDESK_ROOT/.venv"

# Debian packages: Qt's runtime libraries for the app; the rest only for the tests.
# From libxcb-cursor0 to libx11-xcb1: what Qt's X11 platform plugin links (plugins/platforms/libqxcb.so,
# lib/libQt6XcbQpa.so.6, plugins/xcbglintegrations/*.so: `readelf -d` NEEDED, `dpkg -S` of each);
# tests/unit/test_qt_libraries.py fails when one of them is missing.
APP_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
              libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
              libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
              libxcb-glx0 libxcb1 libx11-6 libx11-xcb1 fonts-dejavu-core)
# xvfb and xdotool: the test that starts the app on a real X display (tests/gui/test_x11.py)
TEST_PACKAGES=(chromium chromium-driver postgresql gnome-keyring dbus libsecret-tools xvfb xdotool)

bulkdesk_apt() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "==> Installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

bulkdesk_venv() {
    local python="${PYTHON:-python3}"
    if [ ! -x "$VENV/bin/python" ]; then
        echo "==> Creating the virtual environment in .venv"
        "$python" -m venv "$VENV"
    fi
    local stamp="$VENV/.installed-$(sha1sum "$BULKDESK_ROOT/pyproject.toml" | cut -c1-12)"
    if [ ! -f "$stamp" ]; then
        echo "==> Installing Bulkdesk and its dependencies"
        "$VENV/bin/python" -m pip install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
        "$VENV/bin/python" -m pip install -q -e "$BULKDESK_ROOT[test]" 2>&1 | grep -v "is ignored" || true
        "$VENV/bin/python" -c "import desktop, marketplace, PySide6" || return 1
        touch "$stamp"
    fi
    echo "==> Building translations"
    "$VENV/bin/python" "$BULKDESK_ROOT/scripts/build_translations.py" --release
}
