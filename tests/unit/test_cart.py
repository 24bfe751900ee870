from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.models.cart import MAX_QUANTITY, CartLine, CartStore, local_check, validate_quantity
from desktop.models.money import Money
from tests.unit.conftest import NOW
from tests.unit.offer_factory import make_offer

SERVER = "http://127.0.0.1:8000"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path):
    with CartStore(tmp_path / "data" / "carts.sqlite3") as carts:
        yield carts


def test_add_merges_same_offer_and_packaging(store):
    cart = store.cart(SERVER, "user-1")
    cart.add(1, 11, 2)
    cart.add(2, 21, 1)
    cart.add(1, 11, 3)
    cart.add(1, 12, 1)
    assert cart.lines() == [CartLine(1, 11, 5), CartLine(2, 21, 1), CartLine(1, 12, 1)]
    assert len(cart) == 3


def test_set_quantity_remove_clear(store):
    cart = store.cart(SERVER, "user-1")
    cart.add(1, 11, 2)
    cart.add(2, 21, 1)
    assert cart.set_quantity(1, 11, 7) == CartLine(1, 11, 7)
    with pytest.raises(KeyError):
        cart.set_quantity(9, 99, 1)
    assert cart.remove(2, 21) is True
    assert cart.remove(2, 21) is False
    assert cart.lines() == [CartLine(1, 11, 7)]
    cart.clear()
    assert cart.lines() == []


@pytest.mark.parametrize("bad", [0, -1, MAX_QUANTITY + 1, 1.5, 2.0, "3", None, True])
def test_quantity_validation(store, bad):
    cart = store.cart(SERVER)
    with pytest.raises(ValueError, match="quantity"):
        cart.add(1, 11, bad)
    cart.add(1, 11, 1)
    with pytest.raises(ValueError, match="quantity"):
        cart.set_quantity(1, 11, bad)
    assert cart.lines() == [CartLine(1, 11, 1)]


def test_quantity_limits_and_messages():
    assert validate_quantity(1) == 1
    assert validate_quantity(MAX_QUANTITY) == MAX_QUANTITY
    with pytest.raises(ValueError, match=r"at most 1,000,000 packagings \(got 1,000,001\)"):
        validate_quantity(MAX_QUANTITY + 1)
    with pytest.raises(ValueError, match="at least 1"):
        validate_quantity(0)


def test_merging_past_the_maximum_is_refused(store):
    cart = store.cart(SERVER)
    cart.add(1, 11, MAX_QUANTITY - 1)
    with pytest.raises(ValueError, match="already holds 999,999"):
        cart.add(1, 11, 2)
    assert cart.lines() == [CartLine(1, 11, MAX_QUANTITY - 1)]


def test_bad_ids_are_refused(store):
    with pytest.raises(ValueError, match="offer_id"):
        store.cart(SERVER).add(0, 11, 1)
    with pytest.raises(ValueError, match="packaging_id"):
        store.cart(SERVER).add(1, "x", 1)  # type: ignore[arg-type]


def test_one_cart_per_server_and_account_and_a_guest_cart(store):
    store.cart(SERVER, "alice").add(1, 11, 1)
    store.cart(SERVER, "bob").add(2, 21, 1)
    store.cart(SERVER).add(3, 31, 1)
    store.cart("https://market.example.test", "alice").add(4, 41, 1)
    assert store.cart("HTTP://127.0.0.1:8000/", "alice").lines() == [CartLine(1, 11, 1)]
    assert store.cart(SERVER, "bob").lines() == [CartLine(2, 21, 1)]
    assert store.cart(SERVER, None).lines() == [CartLine(3, 31, 1)]
    assert store.cart(SERVER).account is None
    assert store.cart("https://market.example.test", "alice").lines() == [CartLine(4, 41, 1)]


def test_merge_guest_cart_after_sign_in(store):
    guest = store.cart(SERVER)
    guest.add(1, 11, 2)
    guest.add(5, 51, 1)
    store.cart(SERVER, "alice").add(1, 11, 3)
    merged = store.merge_guest_cart(SERVER, "alice")
    assert merged.lines() == [CartLine(1, 11, 5), CartLine(5, 51, 1)]
    assert store.cart(SERVER).lines() == []


def test_persists_across_reopen(tmp_path):
    path = tmp_path / "carts.sqlite3"
    with CartStore(path) as store:
        store.cart(SERVER, "alice").add(1, 11, 4)
        store.cart(SERVER, "alice").set_pending_checkout("key-1", {"lines": [1]})
    with CartStore(path) as store:
        cart = store.cart(SERVER, "alice")
        assert cart.lines() == [CartLine(1, 11, 4)]
        assert cart.pending_checkout().idempotency_key == "key-1"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_lines_survive_sigkill(tmp_path):
    path = tmp_path / "carts.sqlite3"
    script = textwrap.dedent(
        f"""
        import os, signal
        from desktop.models.cart import CartStore
        store = CartStore({str(path)!r})
        cart = store.cart({SERVER!r}, "alice")
        cart.add(1, 11, 2)
        cart.add(2, 21, 5)
        cart.set_quantity(1, 11, 3)
        cart.set_pending_checkout("key-after-kill", {{"currency": "EUR"}})
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    with CartStore(path) as store:
        cart = store.cart(SERVER, "alice")
        assert cart.lines() == [CartLine(1, 11, 3), CartLine(2, 21, 5)]
        assert cart.pending_checkout().body == {"currency": "EUR"}


def test_pending_checkout_set_get_clear(store):
    cart = store.cart(SERVER, "alice")
    assert cart.pending_checkout() is None
    body = {"currency": "EUR", "lines": [{"offer_id": 1, "packaging_id": 11, "quantity": 2}]}
    cart.set_pending_checkout("3f1c…uuid", body)
    pending = cart.pending_checkout()
    assert (pending.idempotency_key, pending.body) == ("3f1c…uuid", body)
    assert store.cart(SERVER, "bob").pending_checkout() is None
    cart.clear_pending_checkout()
    assert cart.pending_checkout() is None
    cart.add(1, 11, 1)
    cart.set_pending_checkout("k2", body)
    cart.complete_checkout()
    assert cart.lines() == [] and cart.pending_checkout() is None
    with pytest.raises(ValueError):
        cart.set_pending_checkout("", body)


def test_newer_cart_file_is_refused_not_destroyed(tmp_path):
    import sqlite3

    path = tmp_path / "carts.sqlite3"
    with CartStore(path) as store:
        store.cart(SERVER).add(1, 11, 1)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(RuntimeError, match="newer Bulkdesk"):
        CartStore(path)
    assert path.exists()


# -- local_check ------------------------------------------------------------------------------------


def offers() -> dict[int, dict]:
    pack = lambda oid, units: [{"id": oid * 10 + 1, "label": "unit", "units": 1},  # noqa: E731
                               {"id": oid * 10 + 2, "label": "carton", "units": units}]  # fmt: skip
    return {
        1: make_offer(1, unit_price="2.00", stock_units=100, moq_units=10, packagings=pack(1, 12),
                      seller_id=1, warehouse_id=100, min_order_value="50.00"),
        2: make_offer(2, unit_price="1.00", stock_units=0, packagings=pack(2, 6),
                      seller_id=1, warehouse_id=100, min_order_value="50.00"),
        3: make_offer(3, unit_price="10.00", stock_units=1000, moq_units=1, packagings=pack(3, 10),
                      seller_id=2, warehouse_id=200, min_order_value="20.00",
                      promotion={"discount_percent": 15, "ends_at": "2030-01-01T00:00:00Z"}),
    }  # fmt: skip


def issue_codes(quote) -> list[tuple]:
    return sorted((i.code, i.offer_id) for i in quote.all_issues)


def test_clean_cart_groups_per_warehouse_and_totals():
    lines = [CartLine(1, 12, 1), CartLine(3, 32, 1)]  # 12 units × 2.00; 10 units × 8.50
    quote = local_check(lines, offers(), NOW)
    assert quote.local
    assert [i.code for i in quote.all_issues] == ["below_min_order_value"]  # only warehouse 100's minimum
    assert [g.warehouse_id for g in quote.groups] == [100, 200]
    first, second = quote.groups
    assert (first.lines[0].units, first.lines[0].line_total) == (12, Money(Decimal("24.00"), "EUR"))
    assert first.issues[0].code == "below_min_order_value"  # 24 < 50
    assert second.lines[0].unit_price == Money(Decimal("8.50"), "EUR")
    assert second.subtotal == Money(Decimal("85.00"), "EUR")
    assert quote.total == Money(Decimal("109.00"), "EUR")


def test_every_issue_is_reported_at_once():
    lines = [
        CartLine(1, 11, 5),  # 5 units < MOQ 10
        CartLine(2, 21, 1),  # out of stock
        CartLine(3, 31, 1001),  # insufficient stock: 1000 available
        CartLine(3, 99, 1),  # unknown packaging
        CartLine(404, 1, 1),  # offer not found
    ]
    quote = local_check(lines, offers(), NOW)
    codes = issue_codes(quote)
    assert ("below_moq", 1) in codes
    assert ("out_of_stock", 2) in codes
    assert ("insufficient_stock", 3) in codes
    assert ("unknown_packaging", 3) in codes
    assert quote.issues[0].code == "offer_not_found" and quote.issues[0].offer_id == 404
    by_code = {i.code: i for i in quote.all_issues}
    assert by_code["below_moq"].moq_units == 10
    assert by_code["insufficient_stock"].available_units == 1000
    below = by_code["below_min_order_value"]
    assert below.minimum == Money(Decimal("50.00"), "EUR")
    assert below.shortfall == Money(Decimal("50.00") - Decimal("11.00"), "EUR")  # 5×2.00 + 1×1.00
    unknown = next(ln for g in quote.groups for ln in g.lines if ln.packaging_id == 99)
    assert unknown.units is None and unknown.line_total is None


def test_stock_and_moq_count_all_lines_of_an_offer():
    # 6 units + 1 carton of 12 = 18 ≥ MOQ 10; each line alone would be below it
    quote = local_check([CartLine(1, 11, 6), CartLine(1, 12, 1)], offers(), NOW)
    assert not any(i.code == "below_moq" for i in quote.all_issues)
    # 60 + 5×12 = 120 > 100 in stock: both lines carry the issue
    quote = local_check([CartLine(1, 11, 60), CartLine(1, 12, 5)], offers(), NOW)
    assert [i.code for g in quote.groups for ln in g.lines for i in ln.issues] == ["insufficient_stock"] * 2


def test_prices_in_display_currency():
    rates = {"USD": Decimal("1.085")}
    quote = local_check([CartLine(3, 32, 1)], offers(), NOW, currency="USD", rates=rates)
    line = quote.groups[0].lines[0]
    assert line.unit_price == Money(Decimal("9.22"), "USD")  # 8.50 × 1.085 = 9.2225
    assert line.line_total == Money(Decimal("92.20"), "USD")  # converted unit price × units
    assert quote.groups[0].min_order_value == Money(Decimal("21.70"), "USD")
    assert local_check([CartLine(3, 32, 1)], offers(), NOW, currency="SEK", rates=rates).currency == "EUR"


def test_expired_promotion_is_not_applied():
    from datetime import UTC, datetime

    later = datetime(2031, 1, 1, tzinfo=UTC)
    quote = local_check([CartLine(3, 32, 1)], offers(), later)
    assert quote.groups[0].lines[0].unit_price == Money(Decimal("10.00"), "EUR")


def test_empty_cart():
    quote = local_check([], {}, NOW, currency="EUR")
    assert quote.groups == () and quote.total == Money(Decimal(0), "EUR") and quote.ok
