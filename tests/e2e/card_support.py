"""The test cards and the card form of the server-hosted checkout page, for the end-to-end card tests."""

from __future__ import annotations

GOOD_CARD = "4242424242424242"
#: declined when charged, by Stripe and by localstripe alike (localstripe's 4000 0000 0000 0002 is
#: declined only when attached to a customer, which a one-off payment never does)
DECLINED_CARD = "4000000000000341"
NUMBER_INPUT = '#card-element input[placeholder="number"]'


def fill_card(driver, number: str) -> None:
    from selenium.webdriver.common.by import By

    for placeholder, value in (("number", number), ("exp_month", "12"), ("exp_year", "30"), ("cvc", "123"),
                               ("postal_code", "1000")):
        field = driver.find_element(By.CSS_SELECTOR, f'#card-element input[placeholder="{placeholder}"]')
        field.clear()
        field.send_keys(value)
