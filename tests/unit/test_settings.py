from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from desktop.models.settings import Settings, SettingsStore, atomic_write_text


@pytest.fixture
def paths(tmp_path):
    return tmp_path / "user" / "settings.json", tmp_path / "site" / "policy.json"


def make_store(paths) -> SettingsStore:
    return SettingsStore(*paths)


def write_policy(path, policy) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(policy if isinstance(policy, str) else json.dumps(policy), encoding="utf-8")


def test_defaults_without_files(paths):
    store = make_store(paths)
    settings = store.load()
    assert settings == Settings()
    assert settings.server_url == "http://127.0.0.1:8000"
    assert (settings.currency, settings.language, settings.sync_interval_minutes) == ("EUR", "system", 15)
    assert settings.cache_max_mb == 500
    assert store.warnings == [] and not store.settings_file_was_corrupt
    assert not paths[0].exists()


def test_save_and_load_round_trip_writes_only_changes(paths):
    store = make_store(paths)
    store.load()
    saved = store.save(Settings(currency="CHF", language="fr", proxy_url="http://proxy.corp:3128"))
    assert saved.currency == "CHF"
    on_disk = json.loads(paths[0].read_text())
    assert on_disk == {
        "version": 1,
        "currency": "CHF",
        "language": "fr",
        "proxy_url": "http://proxy.corp:3128",
    }
    again = make_store(paths).load()
    assert again == saved
    assert [p.name for p in paths[0].parent.iterdir()] == ["settings.json"]  # no temporary file left


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "settings.json"
    atomic_write_text(target, "old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


@pytest.mark.parametrize("garbage", [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b""])
def test_corrupt_settings_file_gives_defaults_and_is_kept_aside(paths, garbage):
    paths[0].parent.mkdir(parents=True)
    paths[0].write_bytes(garbage)
    store = make_store(paths)
    assert store.load() == Settings()
    assert store.settings_file_was_corrupt
    assert store.corrupt_file_moved_to.read_bytes() == garbage
    assert not paths[0].exists()
    assert any("damaged" in w for w in store.warnings)
    store.save(Settings(currency="USD"))  # saving works again
    assert make_store(paths).load().currency == "USD"


def test_invalid_values_in_settings_file_are_dropped_one_by_one(paths):
    paths[0].parent.mkdir(parents=True)
    paths[0].write_text(json.dumps({
        "currency": "XYZ", "language": "fr", "sync_interval_minutes": 0, "server_url": "ftp://x",
        "cache_max_mb": "lots", "future_option": True,
    }))  # fmt: skip
    store = make_store(paths)
    settings = store.load()
    assert settings.language == "fr"
    assert (settings.currency, settings.sync_interval_minutes) == ("EUR", 15)
    assert settings.server_url == "http://127.0.0.1:8000"
    assert len(store.warnings) == 4
    assert not store.settings_file_was_corrupt
    store.save(settings)  # unknown keys of a newer version survive a save
    assert json.loads(paths[0].read_text())["future_option"] is True


def test_policy_defaults_apply_to_values_the_user_has_not_set(paths):
    write_policy(paths[1], {"defaults": {"currency": "PLN", "sync_interval_minutes": 60}})
    store = make_store(paths)
    store.load()
    store.save(Settings(currency="PLN", sync_interval_minutes=5, language="en"))
    settings = make_store(paths).load()
    assert (settings.currency, settings.sync_interval_minutes, settings.language) == ("PLN", 5, "en")
    # the user never chose PLN (it was the default), so a new policy default reaches them
    write_policy(paths[1], {"defaults": {"currency": "CZK", "sync_interval_minutes": 60}})
    settings = make_store(paths).load()
    assert (settings.currency, settings.sync_interval_minutes) == ("CZK", 5)
    assert store.is_locked("currency") is False


def test_locked_values_override_and_are_reported(paths):
    write_policy(paths[1], {"locked": {"server_url": "https://market.corp.example", "proxy_url": None}})
    paths[0].parent.mkdir(parents=True)
    paths[0].write_text(json.dumps({"server_url": "http://evil.example", "proxy_url": "http://p:1"}))
    store = make_store(paths)
    settings = store.load()
    assert settings.server_url == "https://market.corp.example"
    assert settings.proxy_url is None
    assert store.is_locked("server_url") and store.is_locked("proxy_url")
    assert not store.is_locked("currency")
    assert store.locked_fields == {"server_url", "proxy_url"}
    saved = store.save(dataclasses.replace(settings, server_url="http://other", currency="GBP"))
    assert saved.server_url == "https://market.corp.example" and saved.currency == "GBP"
    assert "server_url" not in json.loads(paths[0].read_text())


@pytest.mark.parametrize(
    "policy",
    [
        "{broken",
        "[]",
        {"locked": "everything"},
        {"defaults": {"colour": "blue", "currency": "BTC", "cache_max_mb": -5}, "locked": {"language": "de"}},
        {"sections": {}},
    ],
)
def test_bad_policy_never_crashes(paths, policy):
    write_policy(paths[1], policy)
    store = make_store(paths)
    assert store.load() == Settings()
    assert store.warnings
    assert store.locked_fields == frozenset()


def test_valid_parts_of_a_partly_bad_policy_still_apply(paths):
    write_policy(
        paths[1], {"defaults": {"currency": "BTC", "language": "fr"}, "locked": {"cache_max_mb": 2000}}
    )
    store = make_store(paths)
    settings = store.load()
    assert (settings.currency, settings.language, settings.cache_max_mb) == ("EUR", "fr", 2000)
    assert len(store.warnings) == 1 and "BTC" in store.warnings[0]
    assert store.defaults().cache_max_mb == 2000


def test_settings_validation():
    with pytest.raises(ValueError):
        Settings(currency="BTC")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Settings(extra_ca_bundle="relative/ca.pem")
    with pytest.raises(TypeError):  # a field that does not exist: a programming error
        Settings(unknown=1)  # type: ignore[call-arg]
    assert Settings(server_url="https://m.example/").server_url == "https://m.example"
    assert Settings(proxy_url="").proxy_url is None
    assert Settings(proxy_url="socks5://127.0.0.1:1080").proxy_url == "socks5://127.0.0.1:1080"


def test_default_paths_use_platformdirs(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *a, **k: str(tmp_path / "cfg"))
    monkeypatch.setattr(platformdirs, "site_config_dir", lambda *a, **k: str(tmp_path / "site"))
    store = SettingsStore()
    assert store.path == tmp_path / "cfg" / "settings.json"
    assert store.policy_path == tmp_path / "site" / "policy.json"


def test_get_and_set_one_field(paths):
    write_policy(paths[1], {"locked": {"language": "en"}})
    store = make_store(paths)
    assert store.get("currency") == "EUR"
    store.set("currency", "SEK")
    assert make_store(paths).get("currency") == "SEK"
    with pytest.raises(ValueError, match="administrator"):
        store.set("language", "fr")
    with pytest.raises(ValueError, match="Invalid value"):
        store.set("sync_interval_minutes", 0)
    with pytest.raises(KeyError):
        store.get("colour")


REFUSED = object()
RULES = [
    ("server_url", "https://m.example/", "https://m.example"), ("server_url", " https://m.example", "https://m.example"),
    ("server_url", "ftp://x", REFUSED), ("server_url", "https://", REFUSED),
    ("server_url", "https://märkt.example", "https://märkt.example"), ("server_url", 42, REFUSED),
    ("currency", "CHF", "CHF"), ("currency", "chf", REFUSED), ("currency", " CHF", REFUSED),
    ("currency", "BTC", REFUSED), ("currency", None, REFUSED),
    ("language", "fr", "fr"), ("language", "de", REFUSED), ("language", "system", "system"),
    ("sync_interval_minutes", 5, 5), ("sync_interval_minutes", 0, REFUSED), ("sync_interval_minutes", 1440, 1440),
    ("sync_interval_minutes", 1441, REFUSED), ("sync_interval_minutes", True, REFUSED),
    ("sync_interval_minutes", "5", REFUSED), ("sync_interval_minutes", 5.0, REFUSED),
    ("cache_max_mb", 50, 50), ("cache_max_mb", 49, REFUSED), ("cache_max_mb", 100_000, 100_000),
    ("proxy_url", None, None), ("proxy_url", "", None), ("proxy_url", "socks5h://p:1080", "socks5h://p:1080"),
    ("proxy_url", "file:///x", REFUSED), ("proxy_url", " http://p:3128 ", "http://p:3128"),
    ("extra_ca_bundle", "/etc/ssl/ca.pem", "/etc/ssl/ca.pem"), ("extra_ca_bundle", "ca.pem", REFUSED),
    ("extra_ca_bundle", "~/ca.pem", "~/ca.pem"), ("extra_ca_bundle", "", None),
    ("extra_ca_bundle", "/home/josé/ca.pem", "/home/josé/ca.pem"),
]  # fmt: skip


@pytest.mark.parametrize(("field", "value", "kept"), RULES)
def test_each_field_keeps_a_valid_value_and_refuses_others_by_name(field, value, kept):
    if kept is REFUSED:
        with pytest.raises(ValueError, match=field):
            Settings.of({field: value})
        return
    assert getattr(Settings.of({field: value}), field) == kept


def test_an_unknown_field_is_refused():
    with pytest.raises(ValueError, match="colour"):
        Settings.of({"colour": "blue"})


def test_reading_plain_files_needs_no_pydantic(paths):
    import subprocess
    import sys

    write_policy(paths[1], {"defaults": {"currency": "PLN"}, "locked": {"sync_interval_minutes": 30}})
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    paths[0].write_text(json.dumps({"version": 1, "language": "fr", "server_url": "https://m.example/"}))
    code = (
        "import sys\n"
        "from desktop.models.settings import SettingsStore\n"
        f"store = SettingsStore({str(paths[0])!r}, {str(paths[1])!r})\n"
        "store.read()\n"
        "print([store.get(k) for k in ('currency', 'language', 'server_url', 'sync_interval_minutes')],"
        " sorted(store.locked_fields), 'pydantic' in sys.modules)\n"
    )
    repo = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['PLN', 'fr', 'https://m.example', 30] ['sync_interval_minutes'] False"
    store = make_store(paths)
    assert store.load() == Settings(currency="PLN", language="fr", server_url="https://m.example",
                                    sync_interval_minutes=30)


def test_listeners_hear_what_a_save_changed_once_per_save(paths):
    write_policy(paths[1], {"locked": {"sync_interval_minutes": 30}})
    store = make_store(paths)
    store.read()
    heard: list[frozenset[str]] = []
    unsubscribe = store.subscribe(heard.append)
    problems = store.update({"currency": "PLN", "language": "fr", "sync_interval_minutes": 5, "colour": "red"})
    assert heard == [frozenset({"currency", "language"})]  # one write, one notification
    assert len(problems) == 2 and "administrator" in problems[0] and "colour" in problems[1]
    assert SettingsStore(*paths).load().currency == "PLN"  # on disk before the listeners heard it
    store.update({"currency": "PLN"})  # the same value: nothing changed, nobody is told
    store.set("cache_max_mb", 800)
    assert heard[1:] == [frozenset({"cache_max_mb"})]
    unsubscribe()
    store.set("currency", "SEK")
    assert len(heard) == 2


def test_a_failing_listener_does_not_stop_the_others(paths):
    store = make_store(paths)
    heard: list[frozenset[str]] = []

    def broken(_changed):
        raise RuntimeError("boom")

    store.subscribe(broken)
    store.subscribe(heard.append)
    store.set("currency", "CHF")
    assert heard == [frozenset({"currency"})] and store.get("currency") == "CHF"
