"""Qt's X11 platform plugin finds every library it links, and scripts/bootstrap.sh installs each of
them: every test runs offscreen, so without this a missing one shows only on a user's real display
("no Qt platform plugin could be initialized")."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# always there on Debian (Essential, or needed by Python itself): not the app's to install
BASE_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6"}

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 plugin is Linux's")


def _qt_dir() -> Path:
    spec = importlib.util.find_spec("PySide6")  # found, not imported: no Qt in the unit tests
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def _xcb_libraries() -> list[Path]:
    qt = _qt_dir()
    files = [qt / "plugins" / "platforms" / "libqxcb.so", *sorted((qt / "lib").glob("libQt6XcbQpa.so.*"))[:1],
             *sorted((qt / "plugins" / "xcbglintegrations").glob("*.so"))]
    assert all(f.exists() for f in files), files
    return files


def _app_packages() -> set[str]:
    text = (ROOT / "scripts" / "bootstrap.sh").read_text()
    match = re.search(r"^APP_PACKAGES=\(([^)]*)\)", text, re.MULTILINE)
    assert match, "APP_PACKAGES not found in scripts/bootstrap.sh"
    return set(match.group(1).split())


@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_the_x11_plugin_and_its_qt_libraries_find_every_library_they_link():
    missing = {}
    for library in _xcb_libraries():
        out = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=True).stdout
        absent = [line.split()[0] for line in out.splitlines() if "not found" in line]
        if absent:
            missing[library.name] = absent
    assert not missing, f"libraries not found (add their Debian packages to APP_PACKAGES): {missing}"


@pytest.mark.skipif(shutil.which("dpkg") is None or shutil.which("readelf") is None, reason="needs Debian")
def test_bootstrap_installs_the_package_of_every_library_the_x11_plugin_links():
    needed: set[str] = set()
    for library in _xcb_libraries():
        out = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True, check=True).stdout
        needed |= {m.group(1) for m in re.finditer(r"\(NEEDED\).*\[(.+)\]", out)}
    needed = {name for name in needed if not name.startswith("libQt6")}  # shipped in the wheel
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths, unresolved = {}, []
    for name in sorted(needed):
        found = [line.split("=> ", 1)[1].strip() for line in cache.splitlines()
                 if line.strip().startswith(name + " ") and "=> " in line]
        if found:
            paths[name] = {found[0], str(Path(found[0]).resolve())}
        else:
            unresolved.append(name)
    # one dpkg call (each costs a read of its database): "libxcb1:amd64: /usr/lib/…/libxcb.so.1"
    out = subprocess.run(["dpkg", "-S", *sorted(set().union(*paths.values()))], capture_output=True, text=True).stdout
    owners = {}
    for line in out.splitlines():
        package, _, path = line.partition(": ")
        owners[path.strip()] = package.split(":", 1)[0]
    packages = {name: next((owners[p] for p in candidates if p in owners), None) for name, candidates in paths.items()}
    assert not unresolved, f"not installed here (a package missing from APP_PACKAGES?): {unresolved}"
    wanted = _app_packages()
    absent = {name: pkg for name, pkg in packages.items() if pkg not in wanted and pkg not in BASE_PACKAGES}
    assert not absent, f"APP_PACKAGES in scripts/bootstrap.sh lacks the package of: {absent}"
