"""A buyer pays a card order on the server-hosted checkout page, in headless Chromium, against the
demo's local Stripe: a declined card first (a clear message, the order group `failed`), then a good
card on the same page (the order group `paid`)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.card_support import DECLINED_CARD, GOOD_CARD, NUMBER_INPUT, fill_card
from tests.server import orders_kit
from tests.support.browser import headless_chromium, screenshot
from tests.support.wait import wait_for

pytestmark = pytest.mark.browser


@pytest.fixture
def driver() -> Iterator:
    with headless_chromium() as d:
        yield d


@pytest.fixture
def card_order(live_server) -> dict:
    buyer, body = orders_kit.card_order(live_server.api, live_server.database_url)
    return {"ref": body["order_group"]["ref"], "url": body["payment"]["checkout_url"],
            "total": body["order_group"]["total"], "headers": buyer.headers}


def payment_status(live_server, order: dict) -> str:
    r = httpx.get(f"{live_server.api}/order-groups/{order['ref']}", headers=order["headers"], timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["payment_status"]


def test_a_declined_card_then_a_good_card_on_the_same_page(live_server, driver, card_order):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 30)
    driver.get(card_order["url"])
    wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, NUMBER_INPUT)))
    assert card_order["ref"] in driver.find_element(By.ID, "group-ref").text
    total = driver.find_element(By.ID, "total").text
    assert total.endswith(card_order["total"]["currency"])
    assert card_order["total"]["amount"] in total.replace(",", "")
    screenshot(driver, "payment-page")

    fill_card(driver, DECLINED_CARD)
    driver.find_element(By.ID, "pay-button").click()
    wait.until(ec.text_to_be_present_in_element((By.ID, "notice"), "declined"))
    notice = driver.find_element(By.ID, "notice").text
    assert "Your card was declined. Check the details or use another card." in notice
    assert driver.find_element(By.ID, "pay-form").is_displayed()  # the buyer can try again right here
    assert driver.find_element(By.ID, "pay-button").is_enabled()
    screenshot(driver, "payment-declined")
    wait_for(lambda: payment_status(live_server, card_order) == "failed", what="the group to be failed")

    fill_card(driver, GOOD_CARD)
    driver.find_element(By.ID, "pay-button").click()
    wait.until(ec.visibility_of_element_located((By.ID, "done")))
    assert "Payment received — you can return to Bulkdesk" in driver.find_element(By.ID, "done").text
    assert not driver.find_element(By.ID, "pay-form").is_displayed()
    assert not driver.find_element(By.ID, "notice").is_displayed()
    screenshot(driver, "payment-success")
    wait_for(lambda: payment_status(live_server, card_order) == "paid", what="the group to be paid")

    # Opening the link again says it is paid, with no card form.
    driver.get(card_order["url"])
    wait.until(ec.visibility_of_element_located((By.ID, "done")))
    assert not driver.find_element(By.ID, "pay-form").is_displayed()
    assert payment_status(live_server, card_order) == "paid"


def test_a_good_card_first_time(live_server, driver, card_order):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 30)
    driver.get(card_order["url"])
    wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, NUMBER_INPUT)))
    fill_card(driver, GOOD_CARD)
    driver.find_element(By.ID, "pay-button").click()
    wait.until(ec.text_to_be_present_in_element((By.ID, "done"), "Payment received"))
    wait_for(lambda: payment_status(live_server, card_order) == "paid", what="the group to be paid")
