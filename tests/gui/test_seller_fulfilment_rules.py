"""Issue 29, bug 2: the fulfilment screen offers only the shipping changes an order's payment allows
(the server's rule, told in each order's ``allowed_shipping``), against the real server: a refunded
order offered Mark preparing, Mark shipped and Cancel order, and the server took the shipping change."""

from __future__ import annotations

import pytest

from desktop.models.seller import fulfilment
from marketplace.db import Database
from tests.api_client.live import create_offer, place_order, register_buyer, signed_in
from tests.gui.fulfilment_support import desk, seller, synced  # noqa: F401 (fixtures)
from tests.server.orders_kit import set_order


@pytest.fixture
def by_payment(live_server, seller):  # noqa: F811
    """A new order to the demo seller for each payment status (failed and refunded set in its database,
    as a declined card or a refund by the payment provider leaves them)."""
    buyer, _email = register_buyer(live_server.url)
    admin = signed_in(live_server.url, "admin@demo.test")
    offer = create_offer(seller)
    refs = {}
    database = Database(live_server.database_url)
    try:
        for payment in ("paid", "pending", "failed", "refunded"):
            group = place_order(buyer, offer, 1).order_group
            refs[payment] = group.orders[0].ref
            if payment == "paid":
                admin.request("POST", f"/admin/payment-groups/{group.ref}/received")
            elif payment != "pending":
                set_order(database, refs[payment], payment_status=payment)
    finally:
        database.dispose()
        admin.close()
    yield refs
    buyer.close()


def buttons(f) -> dict[str, bool]:
    return {"preparing": f.preparing_button.isEnabled(), "shipped": f.shipped_button.isEnabled(),
            "delivered": f.delivered_button.isEnabled(), "cancelled": f.cancel_button.isEnabled()}


def offered(f) -> list[str]:
    return [name for name, enabled in buttons(f).items() if enabled]


def test_the_actions_shown_follow_the_payment_status(qtbot, desk, seller, by_payment):  # noqa: F811
    f = desk.fulfilment
    synced(qtbot, desk)
    f.set_preset("all")
    for payment, ref in by_payment.items():
        f.select_refs([ref])
        assert f.cache.order(ref)["payment_status"] == payment
        # what is offered is what the server says the order allows
        assert offered(f) == f.cache.order(ref)["allowed_shipping"], payment
    f.select_refs([by_payment["refunded"]])
    assert offered(f) == []  # nothing: not prepared, not shipped, not cancelled
    f.select_refs([by_payment["failed"]])
    assert offered(f) == ["cancelled"]
    f.select_refs([by_payment["pending"]])
    assert offered(f) == ["preparing", "cancelled"]  # a transfer not yet received is not shipped
    f.select_refs([by_payment["paid"]])
    assert offered(f) == ["preparing", "shipped", "cancelled"]

    # a selection marks only the orders that may take the step
    f.select_refs(list(by_payment.values()))
    assert f._eligible("shipped", None) == [by_payment["paid"]]
    with qtbot.waitSignal(f.applied, timeout=30_000) as blocker:
        f.preparing_button.click()
    assert sorted(o.key for o in blocker.args[0] if o.ok) == sorted([by_payment["paid"], by_payment["pending"]])
    assert len(blocker.args[0]) == 2
    f.select_refs([by_payment["pending"]])
    assert offered(f) == ["cancelled"]  # prepared, but still not paid: not shipped

    # the server refuses what the screen would not offer, and the refusal is shown, not a success
    with qtbot.waitSignal(f.applied, timeout=30_000) as blocker:
        f.send("shipping", [fulfilment.shipping_payload(by_payment["refunded"], "shipped", carrier="DHL",
                                                        tracking_number="JD014600009")])
    [refused] = blocker.args[0]
    assert (refused.ok, refused.status, refused.code) == (False, 409, "shipping_not_allowed")
    assert f"{by_payment['refunded']} not changed: {refused.message}" in f.result_label.text()
    assert "refunded" in refused.message and "Orders updated" not in f.result_label.text()
    ref = by_payment["refunded"]
    assert next(o for o in seller.seller.orders(q=ref) if o.ref == ref).shipping_status == "awaiting_preparation"


def test_the_apps_rule_is_the_servers_for_every_order(seller):  # noqa: F811
    """The buttons of an order with queued writes (which the server has not seen) follow the app's copy of
    the rule: it must say what the server says, for every order the demo seller has."""
    orders = list(seller.seller.orders(limit=500))
    assert {o.payment_status for o in orders} >= {"paid", "pending", "failed", "refunded"}
    for o in orders:
        assert fulfilment.next_steps(o.shipping_status, o.payment_status) == o.allowed_shipping, o.ref
