"""Languages: English (the source), French; or the system's. Applied at start (a change needs a restart).

``install_translations(app, "fr")`` loads resources/translations/bulkdesk_fr.qm (built from the .ts by
scripts/build_translations.py) and Qt's own qtbase_fr, and sets the default QLocale, which the views
use to format money and dates.

Qt's own catalogue lags behind its widgets: Qt 6's file dialog asks for "&Look in:" and "Files of
&type:", which qtbase_fr.qm has only without the "&" (so a French file dialog showed English labels,
issue 29). ``QtAccelFallback`` answers those from the same catalogue, the accelerator on the first letter.
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


class QtAccelFallback(QTranslator):
    """For Qt's own classes (contexts "Q…"): a label with an accelerator that ``qt_own`` lacks is looked
    up without it. Answers None (not found: the next translator is asked) for everything else."""

    def __init__(self, qt_own: QTranslator, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self.qt_own = qt_own

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        if "&" not in source or not context.startswith("Q") or self.qt_own.translate(context, source,
                                                                                         disambiguation, n):
            return None
        found = self.qt_own.translate(context, source.replace("&", ""), disambiguation, n)
        return "&" + found if found else None

    def isEmpty(self) -> bool:
        return False


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
        fallback = QtAccelFallback(qt_own, app)
        app.installTranslator(fallback)
        installed.append(fallback)
    else:
        log.warning("no qtbase_%s.qm in Qt's translations folder: Qt's own dialogs stay in English", language)
    return installed
