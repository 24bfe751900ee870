"""The look: Qt's Fusion style, a calm dense palette, dark when the OS is dark, high contrast when the OS
asks for it (its accessibility setting).

``apply_theme(app)`` once at start; it follows the OS when the colour scheme or the contrast preference
changes. Every text colour keeps 4.5:1 against its background (tests/gui/test_theme_contrast.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.views.window.icons import clear_icon_cache

__all__ = ["ACCENT", "STATUS_KINDS", "apply_style_sheet", "apply_theme", "is_dark", "is_high_contrast", "make_palette",
           "status_colour"]

ACCENT = "#2f6fb0"  # a muted steel blue
_LIGHT = {
    "window": "#f4f5f7", "base": "#ffffff", "alt": "#f7f8fa", "text": "#1f2933", "muted": "#5a6774",
    "button": "#eceef1", "border": "#cbd2d9", "highlight": ACCENT, "highlight_text": "#ffffff",
    "tooltip": "#1f2933", "tooltip_text": "#f4f5f7", "link": "#2a62a0",
    "banner": "#fff4d6", "banner_text": "#5c4400", "banner_border": "#e8cf8a", "nav": "#e9ecf0",
}  # fmt: skip
_DARK = {
    "window": "#1e2227", "base": "#16191d", "alt": "#1b1f23", "text": "#dde2e8", "muted": "#9aa5b1",
    "button": "#2a2f36", "border": "#3a414a", "highlight": "#3a74b8", "highlight_text": "#ffffff",
    "tooltip": "#dde2e8", "tooltip_text": "#1e2227", "link": "#7fb0e6",
    "banner": "#3d3318", "banner_text": "#f3dc9b", "banner_border": "#6b5a25", "nav": "#23282e",
}  # fmt: skip
#: high contrast (the OS's accessibility setting): black on white or white on black, strong borders
_HIGH = {
    False: {**_LIGHT, "window": "#ffffff", "alt": "#ffffff", "text": "#000000", "muted": "#000000",
            "button": "#ffffff", "border": "#000000", "highlight": "#00307a", "link": "#00307a",
            "banner": "#ffffff", "banner_text": "#000000", "banner_border": "#000000", "nav": "#ffffff"},
    True: {**_DARK, "window": "#000000", "base": "#000000", "alt": "#000000", "text": "#ffffff",
           "muted": "#ffffff", "button": "#000000", "border": "#ffffff", "highlight": "#ffd800",
           "highlight_text": "#000000", "link": "#8cc8ff", "banner": "#000000", "banner_text": "#ffffff",
           "banner_border": "#ffffff", "nav": "#000000"},
}  # fmt: skip


#: text colours that mark a state in tables (item models' ForegroundRole), each with 4.5:1 on the
#: palette's backgrounds; the state is always in the text too (a word, a glyph, bold), never colour alone
_STATUS = {
    False: {"error": "#b3261e", "warning": "#8a5300", "success": "#256b45", "muted": "#5a6774"},
    True: {"error": "#ff8a80", "warning": "#f0b64a", "success": "#7fd1a1", "muted": "#9aa5b1"},
}
STATUS_KINDS = tuple(_STATUS[False])


def status_colour(kind: str, app: QGuiApplication | None = None, *, dark: bool | None = None,
                  high_contrast: bool | None = None) -> QColor:
    """The colour of a state's text (``error``, ``warning``, ``success``, ``muted``) in the theme
    :func:`apply_theme` chose (or the one given); high contrast: the palette's text colour itself."""
    app = app or QGuiApplication.instance()
    use_dark = bool(app.property("bulkdeskDark")) if dark is None and app is not None else bool(dark)
    high = bool(app.property("bulkdeskHighContrast")) if high_contrast is None and app is not None else bool(
        high_contrast)
    if high:
        return QColor(_HIGH[use_dark]["text"])
    return QColor(_STATUS[use_dark][kind])


def _colours(dark: bool, high_contrast: bool = False) -> dict[str, str]:
    return _HIGH[dark] if high_contrast else (_DARK if dark else _LIGHT)


def is_high_contrast(app: QGuiApplication | None = None) -> bool:
    app = app or QGuiApplication.instance()
    if app is None:
        return False
    hints = app.styleHints()  # held: its accessibility() dies with a temporary QStyleHints wrapper
    return hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast


def is_dark(app: QGuiApplication | None = None) -> bool:
    app = app or QGuiApplication.instance()
    if app is None:
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def make_palette(dark: bool, high_contrast: bool = False) -> QPalette:
    c = _colours(dark, high_contrast)
    p = QPalette()
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "window"), (role.WindowText, "text"), (role.Base, "base"),
        (role.AlternateBase, "alt"), (role.Text, "text"), (role.Button, "button"),
        (role.ButtonText, "text"), (role.Highlight, "highlight"), (role.HighlightedText, "highlight_text"),
        (role.ToolTipBase, "tooltip"), (role.ToolTipText, "tooltip_text"), (role.Link, "link"),
        (role.PlaceholderText, "muted"), (role.Mid, "border"),
    ):  # fmt: skip
        p.setColor(r, QColor(c[key]))
    p.setColor(role.BrightText, QColor("#ff6b6b"))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(c["muted"]))
    return p


def _stylesheet(dark: bool, high_contrast: bool = False) -> str:
    c = _colours(dark, high_contrast)
    error = ("#ff8a80" if dark else "#b3261e") if not high_contrast else ("#ffb4ab" if dark else "#8c1d18")
    return f"""
#offlineBanner {{ background: {c["banner"]}; border-bottom: 1px solid {c["banner_border"]}; }}
#offlineBannerText {{ color: {c["banner_text"]}; font-weight: 600; }}
#navList {{ background: {c["nav"]}; border: none; outline: none; padding: 6px 0; }}
#navList::item {{ padding: 7px 10px; border-radius: 4px; margin: 1px 6px; color: {c["text"]}; }}
#navList::item:selected {{ background: {c["highlight"]}; color: {c["highlight_text"]}; }}
#navList::item:hover:!selected {{ background: {c["button"]}; }}
#emptyStateTitle {{ font-size: 15pt; font-weight: 600; }}
#emptyStateText, #fieldError, #formHint {{ color: {c["muted"]}; }}
QLabel#fieldError {{ color: {error}; }}
QLabel#formError {{ color: {error}; font-weight: 600; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{ border: 1px solid {error}; }}
QToolButton#accountButton {{ padding: 2px 8px; margin-right: 6px; }}
QToolButton#accountButton::menu-indicator {{ image: none; width: 0; }}
QStatusBar QLabel {{ color: {c["muted"]}; padding: 0 4px; }}
QToolTip {{ color: {c["tooltip_text"]}; background: {c["tooltip"]}; border: none; padding: 4px; }}
#offerTitle {{ font-size: 12.5pt; font-weight: 600; }}
#mutedText, #resultCount {{ color: palette(placeholder-text); }}
#offerPromotion {{ color: {error}; font-weight: 600; }}
#lineTotal {{ font-weight: 600; }}
QTabBar#collectionTabs::tab {{ padding: 5px 14px; }}
"""


def apply_theme(
    app: QApplication, *, dark: bool | None = None, follow_os: bool = True, style_sheet: bool = True
) -> None:
    """Fusion + palette + a few style rules. ``dark=None`` follows the OS colour scheme.

    ``style_sheet=False`` leaves the rules for :func:`apply_style_sheet`: the app's start-up builds its
    window first (widgets put together under a style sheet are re-styled at every step) and applies
    the rules before showing it."""
    app.setStyle("Fusion")
    use_dark = is_dark(app) if dark is None else dark
    high_contrast = is_high_contrast(app)
    app.setPalette(make_palette(use_dark, high_contrast))
    app.setProperty("bulkdeskDark", use_dark)
    app.setProperty("bulkdeskHighContrast", high_contrast)
    if style_sheet:
        apply_style_sheet(app)
    clear_icon_cache()
    if dark is None and follow_os and not app.property("bulkdeskFollowsScheme"):
        app.setProperty("bulkdeskFollowsScheme", True)
        hints = app.styleHints()
        hints.colorSchemeChanged.connect(lambda _scheme: apply_theme(app, follow_os=False))
        hints.accessibility().contrastPreferenceChanged.connect(lambda _preference: apply_theme(app, follow_os=False))


def apply_style_sheet(app: QApplication) -> None:
    """The style rules of the palette :func:`apply_theme` chose (it applies them itself by default)."""
    app.setStyleSheet(_stylesheet(bool(app.property("bulkdeskDark")), bool(app.property("bulkdeskHighContrast"))))
