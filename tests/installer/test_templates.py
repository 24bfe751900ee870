"""The administrator's templates (Group Policy ADMX/ADML, the macOS profile, policy.json) and the macOS
packaging files: each parses, and every policy maps to a real setting and back, through the app's own
readers (no policy the app ignores, no setting an administrator cannot preset)."""

from __future__ import annotations

import json
import plistlib
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.models.settings import FIELDS, SettingsStore, check_field, policy

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}


def _admx():
    return ET.parse(INSTALLER / "admx" / "bulkdesk.admx").getroot()


def test_every_setting_has_a_managed_and_a_recommended_group_policy():
    found: dict[str, set[str]] = {}
    for item in _admx().iterfind(".//p:policy", NS):
        assert item.get("class") == "Machine"
        (element,) = list(item.find("p:elements", NS))
        found.setdefault(item.get("key"), set()).add(element.get("valueName"))
        name = element.get("valueName")
        setting = policy.POLICY_SETTINGS[name]
        if element.tag.endswith("decimal"):  # the range is the setting's own rule
            assert name in policy.NUMBER_POLICIES
            low, high = int(element.get("minValue")), int(element.get("maxValue"))
            assert check_field(setting, low) == low and check_field(setting, high) == high
            for outside in (low - 1, high + 1):
                with pytest.raises(ValueError):
                    check_field(setting, outside)
        elif element.tag.endswith("enum"):
            choices = [v.text for v in element.iterfind(".//p:string", NS)]
            for choice in choices:
                assert check_field(setting, choice) == choice
            with pytest.raises(ValueError):
                check_field(setting, "xx")
        else:
            assert element.tag.endswith("text") and name not in policy.NUMBER_POLICIES
    assert found == {policy.REGISTRY_KEY: set(policy.POLICY_SETTINGS),
                     policy.REGISTRY_KEY + "\\Recommended": set(policy.POLICY_SETTINGS)}
    assert {policy.POLICY_SETTINGS[n] for n in found[policy.REGISTRY_KEY]} == set(FIELDS)


@pytest.mark.parametrize("language", ["en-US", "fr-FR"])
def test_the_adml_names_every_string_and_presentation_the_admx_uses(language):
    admx_text = (INSTALLER / "admx" / "bulkdesk.admx").read_text(encoding="utf-8")
    adml = ET.parse(INSTALLER / "admx" / language / "bulkdesk.adml").getroot()
    strings = {s.get("id"): s.text for s in adml.iterfind(".//p:string", NS)}
    presentations = {p.get("id") for p in adml.iterfind(".//p:presentation", NS)}
    assert set(re.findall(r"\$\(string\.(\w+)\)", admx_text)) <= set(strings)
    assert set(re.findall(r"\$\(presentation\.(\w+)\)", admx_text)) == presentations
    assert all(text and text.strip() for text in strings.values())
    if language == "fr-FR":
        assert strings["ServerUrl"] == "Adresse du serveur de la place de marché"


def test_the_mobileconfig_example_sets_every_setting_through_the_managed_preferences_reader(tmp_path):
    with (INSTALLER / "macos" / "bulkdesk.mobileconfig").open("rb") as handle:
        profile = plistlib.load(handle)
    (payload,) = profile["PayloadContent"]
    assert payload["PayloadType"] == policy.BUNDLE_ID
    managed_preferences = {k: v for k, v in payload.items() if not k.startswith("Payload")}
    plist = tmp_path / f"{policy.BUNDLE_ID}.plist"
    plist.write_bytes(plistlib.dumps(managed_preferences))
    store = SettingsStore(tmp_path / "s.json", tmp_path / "none.json",
                          policy_readers=[lambda: policy.read_managed_preferences(plist)])
    store.load()
    assert store.warnings == []
    assert {f for f in FIELDS if store.source(f) in ("managed", "recommended")} == set(FIELDS)
    assert store.locked_fields == {"server_url", "extra_ca_bundle"}


def test_the_policy_json_example_sets_every_setting(tmp_path):
    example = INSTALLER / "policy" / "policy.json"
    store = SettingsStore(tmp_path / "s.json", example, policy_readers=[])
    settings = store.load()
    assert store.warnings == []
    assert {f for f in FIELDS if store.source(f) in ("managed", "recommended")} == set(FIELDS)
    assert settings.server_url == json.loads(example.read_text())["locked"]["ServerUrl"]


def test_info_plist_and_entitlements():
    with (INSTALLER / "macos" / "Info.plist").open("rb") as handle:
        info = plistlib.load(handle)
    assert info["CFBundleIdentifier"] == policy.BUNDLE_ID
    major, minor = (int(x) for x in info["LSMinimumSystemVersion"].split("."))
    assert (major, minor) >= (11, 0)
    spec = (INSTALLER / "bulkdesk.spec").read_text()
    assert "CFBundleShortVersionString=VERSION" in spec  # pyproject's version replaces the placeholder
    with (INSTALLER / "macos" / "entitlements.plist").open("rb") as handle:
        entitlements = plistlib.load(handle)
    assert entitlements["com.apple.security.cs.allow-unsigned-executable-memory"] is True
    assert "com.apple.security.cs.allow-jit" not in entitlements
    assert all(isinstance(v, bool) for v in entitlements.values())


def test_dmgbuild_settings_are_valid_python_with_the_app_and_an_applications_link():
    namespace = {"defines": {"app": "dist/Bulkdesk.app"}, "__file__": "dmg_settings.py"}
    code = (INSTALLER / "macos" / "dmg_settings.py").read_text()
    exec(compile(code, "dmg_settings.py", "exec"), namespace)
    assert namespace["files"] == ["dist/Bulkdesk.app"]
    assert namespace["symlinks"] == {"Applications": "/Applications"}
    assert set(namespace["icon_locations"]) == {"Bulkdesk.app", "Applications"}
    assert namespace["format"] == "UDZO"
    # every name the file sets is one of dmgbuild's own settings (its defaults in build_dmg; dmgbuild
    # imports only on macOS, so its source is read, not imported)
    import ast
    import importlib.util

    core = Path(importlib.util.find_spec("dmgbuild").origin).with_name("core.py")
    tree = ast.parse(core.read_text())
    known = next({k.value for k in node.value.keys if isinstance(k, ast.Constant)} for node in ast.walk(tree)
                 if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "options"
                 and isinstance(node.value, ast.Dict))
    ours = {k for k in namespace if not k.startswith("_") and k not in ("defines", "os", "application", "appname")}
    assert ours <= known, ours - known


def test_the_macos_signing_script_dry_run_prints_the_exact_commands_and_hides_the_password():
    env = {"PATH": "/usr/bin:/bin", "BULKDESK_MACOS_IDENTITY": "Developer ID Application: Example (TEAM123456)",
           "BULKDESK_NOTARY_APPLE_ID": "release@example.com", "BULKDESK_NOTARY_TEAM_ID": "TEAM123456",
           "BULKDESK_NOTARY_PASSWORD": "app-specific-secret"}
    done = subprocess.run(["bash", str(INSTALLER / "macos" / "sign_and_notarize.sh"), "--dry-run", "dist/Bulkdesk.app",
                           "build/Bulkdesk.dmg"], env=env, capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    entitlements = str(INSTALLER / "macos" / "entitlements.plist")
    assert lines[1] == ("codesign --force --timestamp --options runtime --entitlements " + entitlements +
                        r" --sign Developer\ ID\ Application:\ Example\ \(TEAM123456\) dist/Bulkdesk.app")
    assert [line.split()[0:2] for line in lines] == [
        ["find", "dist/Bulkdesk.app/Contents"], ["codesign", "--force"], ["codesign", "--verify"],
        ["dmgbuild", "-s"], ["codesign", "--force"], ["xcrun", "notarytool"], ["xcrun", "stapler"],
        ["xcrun", "stapler"], ["spctl", "--assess"]]
    assert lines[5] == ("xcrun notarytool submit build/Bulkdesk.dmg --apple-id release@example.com "
                        "--team-id TEAM123456 --password *** --wait")
    assert "app-specific-secret" not in done.stdout + done.stderr
    unsigned = subprocess.run(["bash", str(INSTALLER / "macos" / "sign_and_notarize.sh"), "--dry-run",
                               "dist/Bulkdesk.app", "build/Bulkdesk.dmg"], env={"PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True, check=True)
    assert "stay unsigned" in unsigned.stdout and "codesign" not in unsigned.stdout
    assert unsigned.stdout.splitlines()[-1].startswith("dmgbuild -s")
