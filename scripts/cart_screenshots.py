"""Screenshots of the cart and the checkout into docs/screenshots/cart-*-<lang>.png and
checkout-*-<lang>.png, rendered offscreen against a running demo server.

    bulkdesk-server --demo --port 8765 &
    python scripts/cart_screenshots.py --server http://127.0.0.1:8765 en
    python scripts/cart_screenshots.py --server http://127.0.0.1:8765 fr
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QObject, QTranslator, QUrl, Slot  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from shot_support import install_french  # noqa: E402

from desktop.api_client import ClientConfig, MarketplaceClient, MemoryTokenStore  # noqa: E402
from desktop.models.cart import CartStore  # noqa: E402
from desktop.views.account.session import Session  # noqa: E402
from desktop.views.cart import CartPage  # noqa: E402
from desktop.views.checkout.wizard import CheckoutWizard  # noqa: E402
from desktop.views.errors.channel import ErrorChannel  # noqa: E402
from desktop.views.locale.i18n import install_translations  # noqa: E402
from desktop.views.window.theme import apply_theme  # noqa: E402

OUT = REPO / "docs" / "screenshots"
DETAILS = {
    "company_name": "Acme Distribuição Lda", "vat_number": "PT500000000",
    "company_address": "Rua Augusta 100, 1100-053 Lisboa", "delivery_name": "Ana Silva",
    "street": "Avenida da Liberdade 200", "postcode": "1250-147", "city": "Lisboa", "country": "PT",
    "phone": "+351 912 345 678",
}  # fmt: skip


class _ApiOffers:
    """The read side of the catalog cache the cart uses, from the server (a script, not the app)."""

    def __init__(self, client: MarketplaceClient) -> None:
        self.client = client
        self.memo: dict[int, dict] = {}

    def offers(self, ids):
        for i in ids:
            if i not in self.memo:
                with contextlib.suppress(Exception):  # a vanished offer: no packaging label
                    self.memo[i] = self.client.catalog.offer(i).model_dump(mode="json")
        return {i: self.memo[i] for i in ids if i in self.memo}

    def rates(self):
        return {}

    def last_synced_at(self):
        return datetime(2026, 3, 2, 8, 45, tzinfo=UTC)

    def offer_ids_by_sku(self, skus):
        return {s: [] for s in skus}


class _NoBrowser(QObject):
    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        print("would open", url.toString())


def settle(app: QApplication, until: Callable[[], bool] | None = None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        app.processEvents()
        if until is None or until():
            break
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not settle")
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, name: str, lang: str) -> None:
    path = OUT / f"{name}-{lang}.png"
    widget.grab().save(str(path))
    print(path.relative_to(REPO))


def cart_translator(app: QApplication, lang: str) -> QTranslator | None:
    return install_french(app) if lang == "fr" else None

def pick_offers(client: MarketplaceClient) -> dict:
    offers = [o.model_dump(mode="json") for o in client.catalog.offers(in_stock=True, limit=200)]
    by_wh: dict[int, list] = {}
    for o in offers:
        by_wh.setdefault(o["warehouse"]["id"], []).append(o)
    whs = sorted(by_wh, key=lambda w: -len(by_wh[w]))
    return {"a": by_wh[whs[0]], "b": by_wh[whs[1]]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", default="http://127.0.0.1:8765")
    parser.add_argument("lang", nargs="?", default="en")
    args = parser.parse_args(argv)
    lang = args.lang
    app = QApplication([sys.argv[0]])
    apply_theme(app, dark=False, follow_os=False)
    translators = install_translations(app, lang)
    extra = cart_translator(app, lang)
    OUT.mkdir(parents=True, exist_ok=True)
    channel = ErrorChannel()
    channel.install()
    browser = _NoBrowser()
    QDesktopServices.setUrlHandler("http", browser, "open")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        tokens = MemoryTokenStore()
        client = MarketplaceClient(ClientConfig(args.server), token_store=tokens)
        session = Session(client)
        store = CartStore(root / "cart.sqlite3")
        page = CartPage(store, client, session, server_url=args.server, cache=_ApiOffers(client),
                        token_store=tokens, details_path=root / "details.json")
        page.resize(1040, 720)
        page.show()
        settle(app)
        save(page, "cart-empty", lang)

        # a buyer of its own
        email = f"screens-{uuid.uuid4().hex[:8]}@example.com"
        auth = client.auth.register(email, "long-enough-password",
                                    {"name": "Acme Distribuição Lda", "country": "PT", "vat_number": "PT500000000"},
                                    "buyer")
        picked = pick_offers(client)
        a1, a2 = picked["a"][0], picked["a"][1]
        b1 = picked["b"][0]
        cart = page.cart()

        def smallest(o):
            return min(o["packagings"], key=lambda p: p["units"])

        cart.add(a1["id"], smallest(a1)["id"], 1)  # below MOQ (most demo offers)
        big = max(a2["packagings"], key=lambda p: p["units"])
        cart.add(a2["id"], big["id"], max(1, a2["stock_units"] // big["units"] + 2))  # more than in stock
        cart.add(b1["id"], smallest(b1)["id"], 1)
        page.reload(immediately=True)
        settle(app, lambda: page.quoter.quote is not None and not page.quoter.quote.local
               and not page.quoter.pending)
        save(page, "cart-issues", lang)

        # the same cart offline: the local check with the sync time
        page._online = lambda: False
        page.reload(immediately=True)
        settle(app, lambda: page.quoter.quote is not None and page.quoter.quote.local)
        save(page, "cart-offline", lang)
        page._online = lambda: True

        # the who step, as a guest
        page.reload(immediately=True)
        settle(app, lambda: page.quoter.quote is not None and not page.quoter.quote.local
               and not page.quoter.pending)
        for row in list(page.rows.values()):  # one-click fixes until the cart is clean
            for button in row.fix_buttons:
                button.click()
                settle(app, lambda: not page.quoter.pending)
                break
        settle(app, lambda: not page.quoter.pending)
        # raise each group to its minimum order value
        for _ in range(6):
            quote = page.quoter.quote
            if quote.ok:
                break
            for group in quote.groups:
                for line in group.lines:
                    for issue in line.issues:
                        if issue.code == "below_moq" and issue.moq_units:
                            per = line.units // line.quantity
                            page.set_quantity(line.offer_id, line.packaging_id, -(-issue.moq_units // per))
                short = next((i.shortfall for i in group.issues if i.code == "below_min_order_value"), None)
                if short is not None:
                    line = group.lines[0]
                    unit = line.line_total.amount / line.quantity
                    extra_packs = int(short.amount / unit) + 1
                    page.set_quantity(line.offer_id, line.packaging_id, line.quantity + extra_packs)
            page.reload(immediately=True)
            settle(app, lambda: page.quoter.quote is not None and not page.quoter.quote.local
                   and not page.quoter.pending)
        save(page, "cart-ready", lang)

        wizard = CheckoutWizard(page)
        page.wizard = wizard
        wizard.show()
        settle(app)
        save(wizard, "checkout-1-who", lang)
        wizard.close()
        page.wizard = None
        client.set_token(auth.token, auth.user.email, persist=True)
        session.set_user(auth.user)
        settle(app, lambda: page.quoter.quote is not None and not page.quoter.pending)

        def wizard_to_review(method: str) -> CheckoutWizard:
            w = CheckoutWizard(page)
            page.wizard = w
            w.show()
            for name, value in DETAILS.items():
                w.details.fields[name].setText(value)
            settle(app)
            yield_shots = method == "card"
            if yield_shots:
                save(w, "checkout-2-details", lang)
            w.next()
            settle(app)
            if yield_shots:
                save(w, "checkout-3-shipping", lang)
            w.next()
            w.payment.radios[method].setChecked(True)
            settle(app)
            if yield_shots:
                save(w, "checkout-4-payment", lang)
            w.next()
            settle(app)
            if yield_shots:
                save(w, "checkout-5-review", lang)
            return w

        lines = [(ln.offer_id, ln.packaging_id, ln.quantity) for ln in page.cart().lines()]
        w = wizard_to_review("card")
        w.next()
        settle(app, lambda: w.card_wait is not None and w.card_wait.status == "pending"
               and not w.card_wait._op.is_running)
        save(w, "checkout-6-waiting", lang)
        w.card_wait.stop()
        w.close()
        page.wizard = None
        for offer_id, packaging_id, quantity in lines:  # the same cart again, paid by transfer
            page.cart().add(offer_id, packaging_id, quantity)
        page.reload(immediately=True)
        settle(app, lambda: page.quoter.quote is not None and not page.quoter.quote.local
               and not page.quoter.pending)
        w = wizard_to_review("bank_transfer")
        w.next()
        settle(app, lambda: w.confirmation is not None)
        save(w, "checkout-7-confirmation", lang)
        w.close()
        for offer_id, packaging_id, quantity in lines:
            page.cart().add(offer_id, packaging_id, quantity)
        page.reload(immediately=True)
        settle(app, lambda: page.quoter.quote is not None and not page.quoter.pending)
        w = wizard_to_review("multibanco")
        w.next()
        settle(app, lambda: w.confirmation is not None)
        save(w, "checkout-8-multibanco", lang)
        w.close()
        page.quoter.stop()
        page.close()
        settle(app)
        from desktop.views.background import tasks

        tasks.wait_all(10_000)
        store.close()
        client.close()
    QDesktopServices.unsetUrlHandler("http")
    channel.uninstall()
    del translators, extra
    return 0


if __name__ == "__main__":
    sys.exit(main())
