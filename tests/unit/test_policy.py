"""The administrator's policy: one mapping for the registry, managed preferences and policy.json; the
settings the app then uses, and where each came from."""

from __future__ import annotations

import json
import plistlib

from desktop.models.settings import FIELDS, SettingsStore, policy


def registry(keys):
    """A registry reader over {subkey: {name: value}} (the shape winreg gives: int for REG_DWORD)."""
    return lambda subkey: keys.get(subkey, {})


MANAGED = policy.REGISTRY_KEY
RECOMMENDED = policy.REGISTRY_KEY + "\\Recommended"


def test_every_setting_has_one_policy_and_back():
    assert sorted(policy.POLICY_SETTINGS.values()) == sorted(FIELDS)
    assert {policy.SETTING_POLICIES[s] for s in FIELDS} == set(policy.POLICY_SETTINGS)
    assert set(policy.MSI_PROPERTIES) == set(policy.POLICY_SETTINGS)


def test_registry_managed_values_lock_and_recommended_ones_are_defaults(tmp_path):
    reader = registry({
        MANAGED: {"ServerUrl": "https://market.corp.example/", "SyncIntervalMinutes": 60, "": "(default)"},
        RECOMMENDED: {"Currency": "PLN", "ProxyUrl": "http://proxy.corp.example:3128"},
    })
    store = SettingsStore(tmp_path / "settings.json", tmp_path / "policy.json",
                          policy_readers=[lambda: policy.read_registry(reader)])
    settings = store.load()
    assert settings.server_url == "https://market.corp.example"
    assert settings.sync_interval_minutes == 60 and settings.currency == "PLN"
    assert settings.proxy_url == "http://proxy.corp.example:3128"
    assert store.locked_fields == {"server_url", "sync_interval_minutes"}
    assert [store.source(f) for f in ("server_url", "currency", "language")] == ["managed", "recommended", "default"]
    assert store.policy_origins["server_url"] == "HKLM\\" + MANAGED
    assert store.warnings == []
    # the user may change a recommended value, never a managed one
    assert store.set("currency", "GBP").currency == "GBP" and store.source("currency") == "user"
    try:
        store.set("server_url", "https://elsewhere.example")
    except ValueError as exc:
        assert "administrator" in str(exc)
    else:
        raise AssertionError("a managed value was changed")


def test_unknown_or_invalid_registry_values_are_skipped_with_a_message(tmp_path):
    reader = registry({MANAGED: {"ServerUrl": "ftp://nope", "Colour": "blue", "CacheMaxMb": 2000}})
    store = SettingsStore(tmp_path / "s.json", tmp_path / "p.json",
                          policy_readers=[lambda: policy.read_registry(reader)])
    settings = store.load()
    assert settings.cache_max_mb == 2000 and store.locked_fields == {"cache_max_mb"}
    assert settings.server_url == "http://127.0.0.1:8000"
    assert any("Colour" in w for w in store.warnings) and any("ftp://nope" in w for w in store.warnings)


def test_an_unreadable_registry_key_is_a_warning_not_a_crash(tmp_path):
    def broken(_subkey):
        raise PermissionError("access denied")

    store = SettingsStore(tmp_path / "s.json", tmp_path / "p.json",
                          policy_readers=[lambda: policy.read_registry(broken)])
    assert store.load().server_url == "http://127.0.0.1:8000"
    assert len(store.warnings) == 2 and "access denied" in store.warnings[0]


def test_managed_preferences_plist(tmp_path):
    plist = tmp_path / f"{policy.BUNDLE_ID}.plist"
    plist.write_bytes(plistlib.dumps({"ServerUrl": "https://m.corp.example", "CacheMaxMb": 1000,
                                      "PayloadUUID": "x", "Recommended": {"Language": "fr"}}))
    store = SettingsStore(tmp_path / "s.json", tmp_path / "p.json",
                          policy_readers=[lambda: policy.read_managed_preferences(plist)])
    settings = store.load()
    assert (settings.server_url, settings.cache_max_mb, settings.language) == ("https://m.corp.example", 1000, "fr")
    assert store.locked_fields == {"server_url", "cache_max_mb"} and store.source("language") == "recommended"
    assert store.warnings == []


def test_a_broken_plist_is_ignored_with_a_message(tmp_path):
    plist = tmp_path / "broken.plist"
    plist.write_bytes(b"<plist><dict><key>ServerUrl")
    result = policy.read_managed_preferences(plist)
    assert result.managed == {} and "cannot be read" in result.warnings[0]
    assert policy.read_managed_preferences(tmp_path / "absent.plist") == policy.Policy()


def test_policy_json_takes_policy_names_and_the_platform_store_wins(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"locked": {"ServerUrl": "https://json.example", "Language": "en"},
                                "defaults": {"cache_max_mb": 900}}))
    reader = registry({MANAGED: {"ServerUrl": "https://registry.example"}})
    store = SettingsStore(tmp_path / "s.json", path, policy_readers=[lambda: policy.read_registry(reader)])
    settings = store.load()
    assert (settings.server_url, settings.language, settings.cache_max_mb) == ("https://registry.example", "en", 900)
    assert store.policy_origins["language"].startswith(str(path))
    assert store.policy_origins["server_url"].startswith("HKLM")


def test_each_os_reads_its_own_store():
    assert policy.platform_readers("win32") == [policy.read_registry]
    assert policy.platform_readers("darwin") == [policy.read_managed_preferences]
    assert policy.platform_readers("linux") == []
