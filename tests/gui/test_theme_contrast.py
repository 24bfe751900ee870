"""Text contrast (WCAG 1.4.3, EN 301 549 11.1.4.3): at least 4.5:1 between every text colour of the
theme and the backgrounds it is drawn on, computed from the palettes and style rules the app applies,
light and dark, normal and high contrast (issue 30)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette

from desktop.views.window import theme

R = QPalette.ColorRole
#: (text role, background role) pairs the Fusion style draws text with
PAIRS = [(R.WindowText, R.Window), (R.Text, R.Base), (R.Text, R.AlternateBase), (R.ButtonText, R.Button),
         (R.HighlightedText, R.Highlight), (R.ToolTipText, R.ToolTipBase), (R.Link, R.Base), (R.Link, R.Window),
         (R.PlaceholderText, R.Base)]
BACKGROUNDS = (R.Window, R.Base, R.AlternateBase, R.Button)
VARIANTS = [(False, False), (True, False), (False, True), (True, True)]


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _name(dark: bool, high: bool) -> str:
    return ("dark" if dark else "light") + (" high-contrast" if high else "")


def test_the_contrast_formula_matches_wcags_own_figures():
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)  # the classic miss


@pytest.mark.parametrize(("dark", "high"), VARIANTS, ids=[_name(*v) for v in VARIANTS])
def test_every_palette_text_colour_has_4_5_to_1_on_its_background(dark, high):
    palette = theme.make_palette(dark, high)
    low = {f"{fg.name}/{bg.name}": round(contrast(palette.color(fg), palette.color(bg)), 2) for fg, bg in PAIRS
           if contrast(palette.color(fg), palette.color(bg)) < 4.5}
    assert not low, f"{_name(dark, high)}: {low}"


@pytest.mark.parametrize(("dark", "high"), VARIANTS, ids=[_name(*v) for v in VARIANTS])
def test_every_style_rule_text_colour_has_4_5_to_1_on_the_backgrounds_it_is_drawn_on(dark, high):
    palette = theme.make_palette(dark, high)
    low: list[str] = []
    checked = 0
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", theme._stylesheet(dark, high)):
        colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        if colour is None:
            continue
        background = re.search(r"background:\s*(#[0-9a-fA-F]{6})", body)
        if background is None and selector.strip().startswith("#navList::item"):
            background = re.search(r"#navList \{ background: (#[0-9a-fA-F]{6})", theme._stylesheet(dark, high))
        grounds = [QColor(background.group(1))] if background else [palette.color(r) for r in BACKGROUNDS]
        for ground in grounds:
            checked += 1
            ratio = contrast(QColor(colour.group(1)), ground)
            if ratio < 4.5:
                low.append(f"{selector.strip()}: {colour.group(1)} on {ground.name()} = {ratio:.2f}")
    assert checked >= 20
    assert not low, f"{_name(dark, high)}:\n" + "\n".join(low)


def test_the_app_follows_the_platforms_high_contrast_preference(qapp):
    theme.apply_theme(qapp, dark=False, follow_os=False)
    assert qapp.property("bulkdeskHighContrast") is theme.is_high_contrast(qapp)
    assert theme.make_palette(False, True).color(R.Text) == QColor("#000000")
    assert theme.make_palette(True, True).color(R.Window) == QColor("#000000")


@pytest.mark.parametrize(("dark", "high"), VARIANTS, ids=[_name(*v) for v in VARIANTS])
def test_the_state_colours_of_the_tables_have_4_5_to_1_on_the_table_backgrounds(dark, high):
    """Promotion and refused red, low-stock and pending amber, sent green, out-of-stock grey."""
    palette = theme.make_palette(dark, high)
    low = [f"{kind} on {palette.color(ground).name()}: {contrast(colour, palette.color(ground)):.2f}"
           for kind in theme.STATUS_KINDS
           for colour in [theme.status_colour(kind, dark=dark, high_contrast=high)]
           for ground in (R.Base, R.AlternateBase, R.Window)
           if contrast(colour, palette.color(ground)) < 4.5]
    assert not low, f"{_name(dark, high)}: {low}"


def test_the_state_colours_follow_the_theme_the_app_applied(qapp):
    theme.apply_theme(qapp, dark=True, follow_os=False)
    try:
        assert theme.status_colour("error") == theme.status_colour("error", dark=True, high_contrast=False)
    finally:
        theme.apply_theme(qapp, dark=False, follow_os=False)
    assert theme.status_colour("error") == QColor("#b3261e")
