"""The app's settings: one object (`SettingsStore`) reads the user's file under the administrator's
policy, checks every value by its field's rule, saves, and tells its listeners what a save changed.

- `rules`: the fields, their built-in defaults and rules, and `Settings`, the checked value of them all;
- `store`: `SettingsStore` (files, policy precedence, `subscribe`), `atomic_write_text`;
- `accounts`: `LastAccounts`, the last account per server (the sign-in hint; never a token).
"""

from desktop.models.settings.accounts import LastAccounts
from desktop.models.settings.rules import (
    CHECKS,
    DEFAULTS,
    FIELDS,
    CurrencyCode,
    Language,
    Settings,
    check_field,
)
from desktop.models.settings.store import (
    APP_NAME,
    FILE_VERSION,
    Listener,
    SettingsStore,
    atomic_write_text,
    default_policy_path,
    default_settings_path,
)

__all__ = [
    "APP_NAME", "CHECKS", "DEFAULTS", "FIELDS", "FILE_VERSION", "CurrencyCode", "Language", "LastAccounts",
    "Listener", "Settings", "SettingsStore", "atomic_write_text", "check_field", "default_policy_path",
    "default_settings_path",
]
