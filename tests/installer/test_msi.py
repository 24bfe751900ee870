"""The Windows installer built here with Debian's wixl and read back with msiinfo: per machine, major
upgrades under a stable UpgradeCode, the public properties written to the policy keys the app reads;
installed for real in wine (opt-in, BULKDESK_TEST_WINE=1: the prefix takes ~20 s to make) and read back
through the app's own registry mapping; Authenticode signing with a self-signed certificate."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.models.settings import SettingsStore, policy

ROOT = Path(__file__).resolve().parents[2]
UPGRADE_CODE = "{3B0C5D1E-8A43-4C8B-9F6E-2A7D54E1B9C0}"  # never changes: major upgrades rely on it
needs_msitools = pytest.mark.skipif(shutil.which("wixl") is None, reason="wixl (apt: wixl msitools) missing")


def _table(msi: Path, table: str) -> list[list[str]]:
    out = subprocess.run(["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines()[3:]]


@pytest.fixture(scope="module")
def msi(tmp_path_factory) -> Path:
    """The MSI around a stand-in payload (the real one is the frozen app: tests/installer/test_freeze.py
    builds that; here the package itself is under test, not its 200 MB of files)."""
    work = tmp_path_factory.mktemp("msi")
    payload = work / "Bulkdesk"
    (payload / "_internal" / "resources" / "translations").mkdir(parents=True)
    (payload / "Bulkdesk.exe").write_bytes(b"MZ stand-in")
    (payload / "_internal" / "resources" / "translations" / "bulkdesk_fr.qm").write_bytes(b"qm")
    sys.path.insert(0, str(ROOT / "installer"))
    from make_icons import make_icons

    icons = make_icons(work / "icons")
    done = subprocess.run([sys.executable, str(ROOT / "installer" / "windows" / "build_msi.py"), str(payload),
                           str(work / "out" / "bulkdesk.msi"), "--icon", str(icons["ico"])],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return work / "out" / "bulkdesk.msi"


@needs_msitools
def test_per_machine_with_a_stable_upgrade_code_and_a_start_menu_shortcut(msi):
    properties = dict(row[:2] for row in _table(msi, "Property"))
    assert properties["ALLUSERS"] == "1"
    assert properties["UpgradeCode"] == UPGRADE_CODE
    assert properties["ProductVersion"] == "0.1.0"
    secure = set(properties["SecureCustomProperties"].split(";"))
    for prop in policy.MSI_PROPERTIES.values():
        assert {prop, f"LOCK{prop}"} <= secure
    upgrades = _table(msi, "Upgrade")
    assert {row[0] for row in upgrades} == {UPGRADE_CODE}
    assert "WIX_UPGRADE_DETECTED" in {row[-1] for row in upgrades}  # older versions are removed
    assert "RemoveExistingProducts" in {row[0] for row in _table(msi, "InstallExecuteSequence")}
    shortcuts = _table(msi, "Shortcut")
    assert [(r[1], r[2], r[4]) for r in shortcuts] == [("ProgramMenuFolder", "Bulkdesk", "[INSTALLDIR]Bulkdesk.exe")]
    directories = {row[0]: row for row in _table(msi, "Directory")}
    assert directories["INSTALLDIR"][1] == "ProgramFiles64Folder"


@needs_msitools
def test_each_public_property_writes_its_policy_managed_or_recommended(msi):
    registry = {(row[2], row[3]): (row[0 + 1], row[4], row[5]) for row in _table(msi, "Registry")}
    conditions = {row[0]: row[4] for row in _table(msi, "Component")}
    attributes = {row[0]: int(row[3]) for row in _table(msi, "Component")}
    for name, prop in policy.MSI_PROPERTIES.items():
        value = f"#[{prop}]" if name in policy.NUMBER_POLICIES else f"[{prop}]"
        for key, locked in ((policy.REGISTRY_KEY, True), (policy.REGISTRY_KEY + "\\Recommended", False)):
            root, written, component = registry[(key, name)]
            assert root == "2" and written == value  # 2: HKEY_LOCAL_MACHINE
            assert attributes[component] & 256  # 64-bit: not under WOW6432Node
            expected = f'{prop} AND LOCK{prop} = "1"' if locked else f'{prop} AND NOT (LOCK{prop} = "1")'
            assert conditions[component] == expected
    policy_names = {name for (key, name) in registry if key.startswith(policy.REGISTRY_KEY)} - {"-"}
    assert policy_names == set(policy.POLICY_SETTINGS)
    # "-": the whole key goes on uninstall, by a component with no condition
    root, _value, component = registry[(policy.REGISTRY_KEY, "-")]
    assert root == "2" and conditions[component] == ""


# -- signing -----------------------------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("osslsigncode") is None, reason="osslsigncode (apt) missing")
def test_the_msi_is_signed_with_the_given_certificate_and_verifies(msi, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=Bulkdesk test signing", "-addext",
                    "extendedKeyUsage=codeSigning"], check=True, capture_output=True)
    target = tmp_path / "bulkdesk.msi"
    shutil.copy(msi, target)
    sign = ROOT / "installer" / "windows" / "sign.sh"
    unsigned = subprocess.run(["bash", str(sign), str(target)], capture_output=True, text=True,
                              env={k: v for k, v in os.environ.items() if not k.startswith("BULKDESK_SIGN")})
    assert unsigned.returncode == 0 and "left unsigned" in unsigned.stdout
    before = subprocess.run(["osslsigncode", "verify", "-CAfile", str(cert), "-in", str(target)],
                            capture_output=True, text=True)
    assert before.returncode != 0
    done = subprocess.run(["bash", str(sign), str(target)], capture_output=True, text=True,
                          env={**os.environ, "BULKDESK_SIGN_CERT": str(cert), "BULKDESK_SIGN_KEY": str(key)})
    assert done.returncode == 0, done.stdout + done.stderr
    verified = subprocess.run(["osslsigncode", "verify", "-CAfile", str(cert), "-in", str(target)],
                              capture_output=True, text=True)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "Bulkdesk test signing" in verified.stdout and "Signature verification: ok" in verified.stdout
    assert _table(target, "Property")  # still an MSI the installer can read


# -- wine: install, read the policy back through the app, uninstall -------------------------------
def _reg_query(env: dict[str, str], key: str) -> dict[str, object]:
    """HKLM\\<key>'s values as `wine reg query` prints them (REG_DWORD as int), {} when absent."""
    done = subprocess.run(["wine", "reg", "query", f"HKLM\\{key}"], env=env, capture_output=True, text=True)
    values: dict[str, object] = {}
    if done.returncode != 0:
        return values
    for line in done.stdout.splitlines():
        found = re.match(r"^\s{4}(\S+)\s+(REG_SZ|REG_DWORD)\s+(.*?)\s*$", line)
        if found:
            name, kind, value = found.groups()
            values[name] = int(value, 16) if kind == "REG_DWORD" else value
    return values


def _installed_versions(env: dict[str, str]) -> list[str]:
    """The DisplayVersion of every installed product named Bulkdesk (Apps and features)."""
    key = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
    out = subprocess.run(["wine", "reg", "query", key, "/s"], env=env, capture_output=True, text=True).stdout
    versions = []
    for block in out.split("\n\n"):
        if re.search(r"DisplayName\s+REG_SZ\s+Bulkdesk\s*$", block, re.M):
            versions += re.findall(r"DisplayVersion\s+REG_SZ\s+(\S+)", block)
    return versions


@pytest.mark.wine
@pytest.mark.skipif(os.environ.get("BULKDESK_TEST_WINE") != "1" or shutil.which("wine") is None,
                    reason="opt-in: BULKDESK_TEST_WINE=1 and Debian's wine")
def test_wine_install_writes_the_policy_the_app_obeys_and_uninstall_removes_it(msi, tmp_path):
    env = {**os.environ, "WINEPREFIX": str(tmp_path / "prefix"), "WINEDEBUG": "-all",
           "WINEDLLOVERRIDES": "mscoree,mshtml="}  # no Mono or Gecko prompts
    subprocess.run(["wineboot", "--init"], env=env, check=True, capture_output=True, timeout=180)
    install = subprocess.run(
        ["wine", "msiexec", "/i", str(msi), "/qn", "SERVERURL=https://market.corp.example", "LOCKSERVERURL=1",
         "PROXYURL=http://proxy.corp.example:3128", "CABUNDLE=C:\\corp\\ca.pem", "LOCKCABUNDLE=1",
         "CURRENCY=CHF", "SYNCINTERVAL=60", "LOCKSYNCINTERVAL=1"],
        env=env, capture_output=True, text=True, timeout=180)
    assert install.returncode == 0, install.stdout + install.stderr
    program = tmp_path / "prefix" / "drive_c" / "Program Files" / "Bulkdesk" / "Bulkdesk.exe"
    assert program.is_file()
    keys = {key: _reg_query(env, key) for key in (policy.REGISTRY_KEY, policy.REGISTRY_KEY + "\\Recommended")}
    print(f"\nwine registry after install: {keys}")
    assert keys[policy.REGISTRY_KEY] == {"ServerUrl": "https://market.corp.example",
                                         "ExtraCaBundle": "C:\\corp\\ca.pem", "SyncIntervalMinutes": 60}
    assert keys[policy.REGISTRY_KEY + "\\Recommended"] == {"ProxyUrl": "http://proxy.corp.example:3128",
                                                            "Currency": "CHF"}

    store = SettingsStore(tmp_path / "settings.json", tmp_path / "policy.json",
                          policy_readers=[lambda: policy.read_registry(lambda key: keys.get(key, {}))])
    settings = store.load()
    assert settings.server_url == "https://market.corp.example" and settings.sync_interval_minutes == 60
    assert settings.currency == "CHF" and settings.proxy_url == "http://proxy.corp.example:3128"
    assert store.locked_fields == {"server_url", "sync_interval_minutes"}
    # C:\corp\ca.pem is absolute on Windows only: here the rule refuses it, and says so
    assert any("ca.pem" in w for w in store.warnings)

    # a newer version replaces this one (major upgrade); an older one is refused
    work = msi.parent.parent
    newer = work / "newer" / "bulkdesk.msi"
    build_msi = ROOT / "installer" / "windows" / "build_msi.py"
    built = subprocess.run([sys.executable, str(build_msi), str(work / "Bulkdesk"), str(newer), "--icon",
                            str(work / "icons" / "bulkdesk.ico"), "--version", "0.2.0"], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    upgrade = subprocess.run(["wine", "msiexec", "/i", str(newer), "/qn", "SERVERURL=https://two.corp.example",
                              "LOCKSERVERURL=1"], env=env, capture_output=True, text=True, timeout=180)
    assert upgrade.returncode == 0, upgrade.stdout + upgrade.stderr
    assert _reg_query(env, policy.REGISTRY_KEY) == {"ServerUrl": "https://two.corp.example"}
    assert _installed_versions(env) == ["0.2.0"]
    downgrade = subprocess.run(["wine", "msiexec", "/i", str(msi), "/qn"], env=env, capture_output=True, text=True,
                               timeout=180)
    assert downgrade.returncode != 0 and _installed_versions(env) == ["0.2.0"]
    msi = newer

    user_data = tmp_path / "prefix" / "drive_c" / "users" / os.environ.get("USER", "root") / "AppData" / "Roaming"
    (user_data / "Bulkdesk").mkdir(parents=True, exist_ok=True)
    (user_data / "Bulkdesk" / "settings.json").write_text('{"version": 1}')
    remove = subprocess.run(["wine", "msiexec", "/x", str(msi), "/qn"], env=env, capture_output=True, text=True,
                            timeout=180)
    assert remove.returncode == 0, remove.stdout + remove.stderr
    subprocess.run(["wineserver", "-w"], env=env, timeout=60)
    assert not program.exists()
    assert _reg_query(env, policy.REGISTRY_KEY) == {} and _reg_query(env, policy.REGISTRY_KEY + "\\Recommended") == {}
    assert (user_data / "Bulkdesk" / "settings.json").is_file()  # the user's data stays
