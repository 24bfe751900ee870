"""End to end: the app's checkout with a card. The app "opens the system browser" through
QDesktopServices; here http URLs are routed to headless Chromium (tests/support/browser.py), which pays
on the server's page against the demo's local Stripe. The app follows the order group and shows the
payment as received; a declined card shows the failure in the app, and "Try again" works."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest

from desktop.api_client import MemoryTokenStore
from desktop.views.checkout.wizard import CheckoutWizard
from tests.e2e.card_support import DECLINED_CARD, GOOD_CARD, NUMBER_INPUT, fill_card
from tests.support.browser import headless_chromium, screenshot
from tests.support.cart import close_env, make_env
from tests.support.checkout import fill_cart, submit, to_review

pytestmark = pytest.mark.browser


@pytest.fixture
def driver() -> Iterator:
    with headless_chromium() as d:
        yield d


@pytest.fixture
def app_folders(tmp_path):
    from desktop.models.infrastructure.paths import AppPaths

    return AppPaths(tmp_path / "config", tmp_path / "data", tmp_path / "cache").ensure()


@pytest.fixture
def env(qtbot, live_server, app_folders, monkeypatch):
    monkeypatch.setattr(CheckoutWizard, "poll_ms", 300)
    e = make_env(qtbot, live_server, MemoryTokenStore(), app_folders)
    yield e
    close_env(qtbot, e)


def pay(driver, url: str, card: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 30)
    driver.get(url)
    wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, NUMBER_INPUT)))
    fill_card(driver, card)
    driver.find_element(By.ID, "pay-button").click()
    if card == GOOD_CARD:
        wait.until(ec.visibility_of_element_located((By.ID, "done")))
    else:
        wait.until(ec.text_to_be_present_in_element((By.ID, "notice"), "declined"))


def test_card_paid_in_the_browser_shows_payment_received(qtbot, env, browser, driver):
    fill_cart(qtbot, env)
    wizard = to_review(qtbot, env, "card")
    result = submit(qtbot, wizard)
    assert browser.urls == [result.payment.checkout_url]
    with qtbot.waitSignal(wizard.paid, timeout=60_000):
        pay(driver, browser.urls[0], GOOD_CARD)
    assert wizard.stack.currentWidget() is wizard.confirmation
    assert wizard.confirmation.paid_label.text() == "Payment received."
    screenshot(driver, "checkout-card-paid-browser")


def test_a_declined_card_shows_failure_and_try_again_works(qtbot, env, browser, driver):
    fill_cart(qtbot, env)
    wizard = to_review(qtbot, env, "card")
    submit(qtbot, wizard)
    wait = wizard.card_wait
    pay(driver, browser.urls[0], DECLINED_CARD)
    qtbot.waitUntil(lambda: wait.status == "failed", timeout=60_000)
    assert wait.retry_button.isVisible()
    assert "Nothing was charged" in wait.failure.text()
    with qtbot.waitSignal(wait.status_changed, timeout=30_000):  # back to pending once retried
        wait.retry_button.click()
    qtbot.waitUntil(lambda: len(browser.urls) == 2, timeout=30_000)
    assert not wait.retry_button.isVisible()
    with qtbot.waitSignal(wizard.paid, timeout=60_000):
        pay(driver, browser.urls[1], GOOD_CARD)
    assert wizard.confirmation.paid_label.isVisible()
