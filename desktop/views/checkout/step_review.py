"""Step 5 — review everything with the totals in the chosen currency, then "Submit order".

The review shows exactly the body that will be sent (and kept with its Idempotency-Key)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop.models.cart import Quote, QuoteIssue
from desktop.models.money import Money
from desktop.views.locale.counts import counts
from desktop.views.locale.formatting import format_money, html_text
from desktop.views.locale.server_texts import shipping_method_name

__all__ = ["ReviewStep", "review_totals"]


def review_totals(quote: Quote | None, shipping: Mapping[str, Any]) -> tuple[Money | None, Money | None]:
    """(shipping total, grand total) for the chosen methods, in the quote's currency."""
    if quote is None:
        return None, None
    ship = Money(Decimal("0.00"), quote.currency)
    for group in quote.groups:
        method_id = str(shipping.get(str(group.warehouse_id), ""))
        method = next((m for m in group.shipping_methods if str(m.id) == method_id), None)
        if method is not None:
            ship = ship + method.price
    return ship, quote.total + ship



class ReviewStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QTextBrowser()
        self.summary.setObjectName("reviewSummary")
        self.summary.setAccessibleName(self.tr("Order summary"))
        self.summary.setOpenLinks(False)
        self.summary.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notice = QLabel()
        self.notice.setObjectName("reviewNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.summary, 1)

    def show_notice(self, text: str, *, error: bool) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet(
            "background: #fde7e9; border: 1px solid #b3261e; padding: 6px; border-radius: 4px;" if error
            else "background: #fff4ce; border: 1px solid #e0c060; padding: 6px; border-radius: 4px;")
        self.notice.setVisible(bool(text))

    def clear_notice(self) -> None:
        self.notice.hide()

    def show_body(self, body: Mapping[str, Any], quote: Quote | None, payment_label: str,
                  issues: list[QuoteIssue] | None = None,
                  issue_text: Callable[[QuoteIssue], str] | None = None) -> None:
        # lupdate cannot read tr() inside f-strings: the labels are looked up here
        _t = {
            'Shipping: %1': self.tr('Shipping: %1'),
            'Subtotal': self.tr('Subtotal'),
            'Lines': self.tr('Lines'),
            'Total': self.tr('Total'),
            'Goods': self.tr('Goods'),
            'Shipping': self.tr('Shipping'),
            'To pay': self.tr('To pay'),
            'Invoice to': self.tr('Invoice to'),
            'VAT': self.tr('VAT'),
            'Deliver to': self.tr('Deliver to'),
            'Payment': self.tr('Payment'),
            'Guest order; the confirmation goes to %1.': self.tr('Guest order; the confirmation goes to %1.'),
        }
        by_key = {}
        groups = []
        if quote is not None:
            for group in quote.groups:
                groups.append(group)
                for line in group.lines:
                    by_key[(line.offer_id, line.packaging_id)] = (group, line)
        problems = {}
        for issue in issues or ():
            problems.setdefault((issue.offer_id, issue.packaging_id), []).append(issue)
        html = ["<style>td{padding:2px 8px 2px 0;} .r{text-align:right;} .bad{color:#b3261e;}"
                " h3{margin:10px 0 4px 0;}</style>"]
        shipping = body.get("shipping") or {}
        if groups:
            for group in groups:
                method_id = str(shipping.get(str(group.warehouse_id), ""))
                method = next((m for m in group.shipping_methods if str(m.id) == method_id), None)
                place = ", ".join(filter(None, (group.warehouse_city, group.warehouse_country)))
                html.append(f"<h3>{html_text(group.seller_name)} — {html_text(place)}</h3><table width='98%'>")
                for line in group.lines:
                    html.append(
                        f"<tr><td>{html_text(line.title)}<br><small>{html_text(line.sku)}</small></td>"
                        f"<td class='r'>{html_text(counts().units(line.units or 0))}</td>"
                        f"<td class='r'>{format_money(line.unit_price)}</td>"
                        f"<td class='r'>{format_money(line.line_total)}</td></tr>")
                    for issue in problems.get((line.offer_id, line.packaging_id), ()):
                        text = issue_text(issue) if issue_text else issue.message
                        html.append(f"<tr><td colspan='4' class='bad'>⚠ {html_text(text)}</td></tr>")
                days = self.tr("%n day(s)", "", method.days) if method else ""
                ship_text = (f"{html_text(shipping_method_name(method.name))} ({days})"
                             if method else self.tr("not chosen"))
                html.append(f"<tr><td colspan='3'>{_t['Shipping: %1'].replace('%1', ship_text)}</td>"
                            f"<td class='r'>{format_money(method.price) if method else '—'}</td></tr>")
                html.append(f"<tr><td colspan='3'><b>{_t['Subtotal']}</b></td>"
                            f"<td class='r'><b>{format_money(group.subtotal)}</b></td></tr></table>")
        else:
            html.append(f"<h3>{_t['Lines']}</h3><ul>")
            for line in body.get("lines") or ():
                html.append(f"<li>#{line['offer_id']} × {line['quantity']}</li>")
            html.append("</ul>")
        unmatched = [i for k, lst in problems.items() if k not in by_key for i in lst]
        for issue in unmatched:
            text = issue_text(issue) if issue_text else issue.message
            html.append(f"<p class='bad'>⚠ {html_text(text)}</p>")
        ship_total, grand = review_totals(quote, shipping)
        if grand is not None:
            html.append(
                f"<h3>{_t['Total']}</h3><table><tr><td>{_t['Goods']}</td>"
                f"<td class='r'>{format_money(quote.total)}</td></tr>"
                f"<tr><td>{_t['Shipping']}</td><td class='r'>{format_money(ship_total)}</td></tr>"
                f"<tr><td><b>{_t['To pay']}</b></td><td class='r'><b>{format_money(grand)}</b></td></tr></table>")
        company = body.get("company") or {}
        delivery = body.get("delivery_address") or {}
        who = (body.get("guest") or {}).get("email")
        phone = "<br>" + html_text(delivery["phone"]) if delivery.get("phone") else ""
        html.append(f"<h3>{_t['Invoice to']}</h3><p>{html_text(company.get('name', ''))} · "
                    f"{_t['VAT']} {html_text(company.get('vat_number', ''))}<br>"
                    f"{html_text(company.get('address', ''))}</p>")
        html.append(
            f"<h3>{_t['Deliver to']}</h3><p>{html_text(delivery.get('name', ''))}"
            f"<br>{html_text(delivery.get('street', ''))}"
            f"<br>{html_text(delivery.get('postcode', ''))} {html_text(delivery.get('city', ''))}, "
            f"{html_text(delivery.get('country', ''))}{phone}</p>")
        html.append(f"<h3>{_t['Payment']}</h3><p>{html_text(payment_label)}</p>")
        if who:
            html.append(f"<p>{_t['Guest order; the confirmation goes to %1.'].replace('%1', html_text(who))}</p>")
        self.summary.setHtml("".join(html))
