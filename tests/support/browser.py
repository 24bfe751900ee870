"""Headless Chromium for end-to-end tests (Selenium 4, the system's chromium and chromedriver),
a bounded wait helper, and screenshots for the docs."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

CHROMIUM = Path(os.environ.get("BULKDESK_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("BULKDESK_CHROMEDRIVER", "/usr/bin/chromedriver"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1000,900",
)

T = TypeVar("T")


def require_chromium() -> None:
    """Skip the calling test, saying why, unless headless Chromium can be driven here."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    for path, what in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromedriver")):
        if not path.exists():
            pytest.skip(f"{what} not found at {path} (apt-get install chromium chromium-driver, or set "
                        f"BULKDESK_{what.upper()})")


@contextmanager
def headless_chromium() -> Iterator:
    """A Selenium WebDriver on a throw-away profile; quit (and the profile removed) on exit."""
    require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="bulkdesk-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(driver, name: str) -> Path | None:
    """Save docs/screenshots/<name>.png when BULKDESK_SCREENSHOTS=1; otherwise do nothing."""
    if os.environ.get("BULKDESK_SCREENSHOTS") != "1":
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
