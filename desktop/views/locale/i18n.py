"""Languages: English (the source), French; or the system's. Applied at start (a change needs a restart).

``install_translations(app, "fr")`` loads resources/translations/bulkdesk_fr.qm (built from the .ts by
scripts/build_translations.py) and Qt's own qtbase_fr, and sets the default QLocale, which the views
use to format money and dates.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.views.window.icons import resources_dir

__all__ = ["LANGUAGES", "SUPPORTED", "choose_locale", "install_translations", "resolve_language", "translations_dir"]

log = logging.getLogger(__name__)

# the setting's values; "system" follows the OS
LANGUAGES = ("system", "en", "fr")
SUPPORTED = ("en", "fr")


def translations_dir() -> Path:
    return resources_dir() / "translations"


def resolve_language(setting: str | None, system: QLocale | None = None) -> str:
    """The language code to use for a setting ("system", "en", "fr", or junk → English)."""
    if setting in SUPPORTED:
        return setting
    if setting in (None, "", "system"):
        lang = QLocale.languageToCode((system or QLocale.system()).language())
        return lang if lang in SUPPORTED else "en"
    return "en"


#: the formats of a language when the system has no locale (C/POSIX: LANG unset on a fresh machine, a
#: kiosk), which would give "2 12 2026" dates and "14.88€" money
FALLBACK_LOCALES = {"en": "en_GB", "fr": "fr_FR"}


def choose_locale(setting: str | None, system: QLocale | None = None) -> QLocale:
    """The QLocale that formats money and dates for ``setting``: the system's when the setting follows
    the system or speaks its language (keeping the user's region: fr_CH, en_IE); the chosen language's
    otherwise; and when the system has no locale (C/POSIX), the UI language's usual one."""
    system = system or QLocale.system()
    language = resolve_language(setting, system)
    if system.language() == QLocale.Language.C:
        return QLocale(FALLBACK_LOCALES.get(language, language))
    if setting in (None, "", "system") or QLocale.languageToCode(system.language()) == language:
        return system
    return QLocale(language)


def install_translations(app: QCoreApplication, setting: str | None) -> list[QTranslator]:
    """Install the translators for ``setting`` and set the default QLocale; returns them (keep them)."""
    language = resolve_language(setting)
    QLocale.setDefault(choose_locale(setting))
    installed: list[QTranslator] = []
    ours = QTranslator(app)  # English too: its file holds the plural forms ("1 order", "2 orders")
    if ours.load(f"bulkdesk_{language}", str(translations_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no compiled translation bulkdesk_%s.qm in %s (run scripts/build_translations.py)",
                    language, translations_dir())
    if language == "en":
        return installed
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed
