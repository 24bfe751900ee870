"""The machine-wide policy an administrator sets: where the app reads it on each OS, and ONE mapping from
policy names to settings used by every reader (no Qt).

    policy name          setting                  Windows value type    MSI property (installer/)
    ServerUrl            server_url               REG_SZ                SERVERURL
    ProxyUrl             proxy_url                REG_SZ                PROXYURL
    ExtraCaBundle        extra_ca_bundle          REG_SZ                CABUNDLE
    Currency             currency                 REG_SZ                CURRENCY
    Language             language                 REG_SZ                LANGUAGE
    SyncIntervalMinutes  sync_interval_minutes    REG_DWORD             SYNCINTERVAL
    CacheMaxMb           cache_max_mb             REG_DWORD             CACHEMAXMB
    LowStockUnits        low_stock_units          REG_DWORD             LOWSTOCK
    SellerWatchFolder    seller_watch_folder      REG_SZ                WATCHFOLDER

Readers, each giving a `Policy` (managed = locked values, recommended = defaults the user may change):
- Windows: the registry, `HKLM\\Software\\Policies\\Bulkdesk` (managed) and its `Recommended` subkey
  (Group Policy: installer/admx/; the MSI's public properties write the same key);
- macOS: managed preferences, `/Library/Managed Preferences/<BUNDLE_ID>.plist` (an MDM profile's
  payload, installer/macos/bulkdesk.mobileconfig): its top-level keys are managed, its `Recommended`
  dictionary holds the recommended values;
- every OS: `policy.json` in the site config folder (`{"locked": {...}, "defaults": {...}}`, keys by
  policy name or by setting name).

A platform reader's values win over policy.json's for the same setting. The values are checked by
the settings' own rules afterwards (desktop/models/settings/rules.py); here only names are translated.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

APP_NAME = "Bulkdesk"
BUNDLE_ID = "eu.bulkdesk.Bulkdesk"
REGISTRY_KEY = r"Software\Policies\Bulkdesk"  # under HKEY_LOCAL_MACHINE
RECOMMENDED = "Recommended"
MANAGED_PREFERENCES = Path("/Library/Managed Preferences") / f"{BUNDLE_ID}.plist"

#: policy name → setting key: the one mapping (registry values, plist keys, ADMX, .mobileconfig)
POLICY_SETTINGS: dict[str, str] = {
    "ServerUrl": "server_url",
    "ProxyUrl": "proxy_url",
    "ExtraCaBundle": "extra_ca_bundle",
    "Currency": "currency",
    "Language": "language",
    "SyncIntervalMinutes": "sync_interval_minutes",
    "CacheMaxMb": "cache_max_mb",
    "LowStockUnits": "low_stock_units",
    "SellerWatchFolder": "seller_watch_folder",
}
SETTING_POLICIES: dict[str, str] = {setting: name for name, setting in POLICY_SETTINGS.items()}
#: the settings stored as numbers (REG_DWORD, <integer/> in plists)
NUMBER_POLICIES = frozenset({"SyncIntervalMinutes", "CacheMaxMb", "LowStockUnits"})
#: the MSI's public property for each policy; LOCK<property>=1 writes it as managed, else recommended
MSI_PROPERTIES: dict[str, str] = {
    "ServerUrl": "SERVERURL",
    "ProxyUrl": "PROXYURL",
    "ExtraCaBundle": "CABUNDLE",
    "Currency": "CURRENCY",
    "Language": "LANGUAGE",
    "SyncIntervalMinutes": "SYNCINTERVAL",
    "CacheMaxMb": "CACHEMAXMB",
    "LowStockUnits": "LOWSTOCK",
    "SellerWatchFolder": "WATCHFOLDER",
}


@dataclass
class Policy:
    """Settings the administrator set: `managed` ones are locked, `recommended` ones are defaults."""

    managed: dict[str, Any] = field(default_factory=dict)
    recommended: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: where each setting came from (for the settings dialog and the admin's checks)
    origins: dict[str, str] = field(default_factory=dict)

    def merged_over(self, lower: Policy) -> Policy:
        """This policy's values over `lower`'s, warnings of both."""
        return Policy(
            {**lower.managed, **self.managed},
            {**lower.recommended, **self.recommended},
            [*lower.warnings, *self.warnings],
            {**lower.origins, **self.origins},
        )


def translate(values: Mapping[str, Any], where: str, policy: Policy, target: dict[str, Any]) -> None:
    """Policy names (or, for policy.json, setting names) → setting keys into `target`; unknown names are
    warned about and skipped."""
    for name, value in values.items():
        setting = POLICY_SETTINGS.get(name) or (name if name in SETTING_POLICIES else None)
        if setting is None:
            policy.warnings.append(f"Unknown policy {name!r} in {where}; it is ignored.")
            continue
        target[setting] = value
        policy.origins[setting] = where


# -- Windows: the registry --------------------------------------------------------------------------
#: reads one key under HKLM: {value name: value} (int for REG_DWORD, str for REG_SZ), {} when absent
RegistryReader = Callable[[str], Mapping[str, Any]]


def read_registry(read_key: RegistryReader | None = None) -> Policy:
    """The policy in `HKLM\\Software\\Policies\\Bulkdesk` (managed) and `...\\Recommended`. `read_key`
    defaults to winreg (Windows); tests pass values read from wine's registry."""
    reader = read_key or _winreg_reader
    policy = Policy()
    for subkey, target in ((REGISTRY_KEY, policy.managed), (f"{REGISTRY_KEY}\\{RECOMMENDED}", policy.recommended)):
        try:
            values = reader(subkey)
        except OSError as exc:
            policy.warnings.append(f"The policy in HKLM\\{subkey} cannot be read and is ignored: {exc}")
            continue
        values = {k: v for k, v in values.items() if k}  # the key's (Default) value is no policy
        translate(values, f"HKLM\\{subkey}", policy, target)
    return policy


def _winreg_reader(subkey: str) -> dict[str, Any]:  # pragma: no cover - Windows only
    import winreg

    values: dict[str, Any] = {}
    try:
        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, subkey, 0, winreg.KEY_READ)
    except FileNotFoundError:
        return values
    with key:
        index = 0
        while True:
            try:
                name, value, _kind = winreg.EnumValue(key, index)
            except OSError:
                return values
            values[name] = value
            index += 1


# -- macOS: managed preferences -----------------------------------------------------------------------
def read_managed_preferences(path: Path = MANAGED_PREFERENCES) -> Policy:
    """The MDM payload for BUNDLE_ID: top-level keys managed, the `Recommended` dictionary recommended."""
    import plistlib  # only on macOS, and only here: the start-up does not pay for it elsewhere
    from xml.parsers.expat import ExpatError

    policy = Policy()
    try:
        with path.open("rb") as handle:
            content = plistlib.load(handle)
    except FileNotFoundError:
        return policy
    except (OSError, plistlib.InvalidFileException, ExpatError, ValueError) as exc:
        policy.warnings.append(f"The managed preferences {path} cannot be read and are ignored: {exc}")
        return policy
    if not isinstance(content, dict):
        policy.warnings.append(f"The managed preferences {path} are not a dictionary and are ignored.")
        return policy
    recommended = content.pop(RECOMMENDED, {})
    for key in [k for k in content if k.startswith(("PayloadUUID", "PayloadIdentifier"))]:
        content.pop(key)  # added by some MDMs beside the keys they were given
    translate(content, str(path), policy, policy.managed)
    if isinstance(recommended, dict):
        translate(recommended, f"{path} ({RECOMMENDED})", policy, policy.recommended)
    else:
        policy.warnings.append(f"{RECOMMENDED} in {path} is not a dictionary; it is ignored.")
    return policy


# -- every OS: policy.json ------------------------------------------------------------------------------
def read_policy_json(path: Path) -> Policy:
    """`{"locked": {...}, "defaults": {...}}`, keys by policy name or setting name."""
    policy = Policy()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return policy
    except (OSError, UnicodeDecodeError) as exc:
        policy.warnings.append(f"The administrator policy {path} cannot be read and is ignored: {exc}")
        return policy
    try:
        content = json.loads(text)
    except json.JSONDecodeError as exc:
        policy.warnings.append(f"The administrator policy {path} is not valid JSON and is ignored: {exc}")
        return policy
    if not isinstance(content, dict):
        policy.warnings.append(f"The administrator policy {path} is not a JSON object and is ignored.")
        return policy
    for key in content.keys() - {"defaults", "locked"}:
        policy.warnings.append(f"The administrator policy has an unknown section {key!r}; it is ignored.")
    for section, target in (("defaults", policy.recommended), ("locked", policy.managed)):
        values = content.get(section, {})
        if not isinstance(values, dict):
            policy.warnings.append(f"The administrator policy's {section!r} is not an object; it is ignored.")
            continue
        translate(values, f"{path} ({section})", policy, target)
    return policy


def platform_readers(platform: str = sys.platform) -> list[Callable[[], Policy]]:
    """The OS's own policy store, if it has one (read after policy.json, so it wins)."""
    if platform == "win32":
        return [read_registry]
    if platform == "darwin":
        return [read_managed_preferences]
    return []


def read_all(policy_json: Path, readers: list[Callable[[], Policy]] | None = None) -> Policy:
    """policy.json, then each platform reader over it."""
    policy = read_policy_json(policy_json)
    for reader in platform_readers() if readers is None else readers:
        policy = reader().merged_over(policy)
    return policy
