"""Tracking upload by CSV: rows of (order ref, carrier, tracking number) checked against the seller's
orders before anything is sent, then applied as "shipped" updates.

    report = check_tracking(client.seller, data)        # reads the file and the seller's orders
    result = apply_tracking(report.updates, send=shipping_sender(client.seller))

``apply_tracking`` takes the sending step as a callable, so the fulfilment screen can pass its outbox
(offline shipping updates go through it like edits) instead of sending at once. The file is read as
:mod:`.csv_files` reads offers (any encoding, delimiter); the header may use the column names
(``order_ref``, ``carrier``, ``tracking_number``) or the words the app itself shows for them, in English
or French (:data:`HEADERS`: "Order", "Référence", "Tracking number", "N° de suivi", "Transporteur"…;
case, accents and the ° of "N°" do not matter). The carriers the marketplace links to a tracking page
are :data:`CARRIERS` (another carrier is allowed: the buyer then sees the number without a link). A
number a spreadsheet turned into scientific notation is refused, and so is a number not in its
carrier's format where that is known (:mod:`.tracking_numbers`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.api_client import ApiConnectionError, ApiStatusError, new_idempotency_key

from .csv_files import ReadProblem, UnreadableFile, column_name, read_table
from .tracking_numbers import number_problem

if TYPE_CHECKING:
    from desktop.api_client.resources.seller import Seller
    from desktop.api_client.types import Order

__all__ = ["CARRIERS", "HEADERS", "TrackingReport", "TrackingResult", "TrackingUpdate", "apply_tracking",
           "check_tracking", "header_key", "parse_tracking", "shipping_sender"]

#: the carriers whose tracking page the marketplace links for the buyer (its tracking_url rules)
CARRIERS = ("DHL", "UPS", "DPD", "GLS", "Colissimo", "FedEx", "TNT", "PostNL")
#: the headers each column may have: its name, and the words the app shows for it (the fulfilment
#: table's and the Mark shipped dialog's, in English and in French), with their usual short forms
HEADERS = {
    "order_ref": ("order_ref", "order", "ref", "order ref", "order reference", "reference", "commande",
                  "référence", "réf", "référence commande", "réf commande", "n° de commande",
                  "numéro de commande"),
    "carrier": ("carrier", "shipper", "transporteur"),
    "tracking_number": ("tracking_number", "tracking", "number", "tracking no", "tracking no.", "tracking #",
                        "suivi", "numéro de suivi", "n° de suivi", "nº de suivi", "no de suivi", "n° suivi"),
}  # fmt: skip


def header_key(cell: str) -> str:
    """A header cell folded so that its spellings meet: "N° de suivi", "n°_de_suivi", "No de suivi" and
    "Numero de suivi" → "numero_de_suivi"."""
    text = unicodedata.normalize("NFKD", cell.replace("°", "o ").replace("º", "o ").replace("#", " no "))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", text)
    return "_".join({"n": "numero", "no": "numero", "num": "numero", "nr": "numero", "ref": "reference"}.get(w, w)
                    for w in words)


_ALIASES = {header_key(h): column for column, headers in HEADERS.items() for h in headers}
#: the header names as :mod:`.csv_files` spells them, to tell the delimiter
_KNOWN = tuple(column_name(h)[0] for headers in HEADERS.values() for h in headers)
SHIPPABLE = ("awaiting_preparation", "preparing")
MAX_CARRIER = 60


@dataclass(frozen=True, slots=True)
class TrackingUpdate:
    row: int
    order_ref: str
    carrier: str | None
    tracking_number: str


@dataclass(slots=True)
class TrackingReport:
    name: str = ""
    updates: list[TrackingUpdate] = field(default_factory=list)
    #: rows that stop the upload (nothing is sent while there is one)
    problems: list[ReadProblem] = field(default_factory=list)
    #: rows that are sent anyway (a carrier without a tracking page)
    warnings: list[ReadProblem] = field(default_factory=list)
    #: orders already shipped with this very number: nothing to do
    unchanged: int = 0
    unreadable: bool = False

    @property
    def clean(self) -> bool:
        return not self.unreadable and not self.problems


@dataclass(slots=True)
class TrackingResult:
    shipped: list[TrackingUpdate] = field(default_factory=list)
    #: (update, the server's message): refused one by one (e.g. the order was cancelled meanwhile)
    refused: list[tuple[TrackingUpdate, str]] = field(default_factory=list)
    #: not sent because the connection went away (send them again later)
    not_sent: list[TrackingUpdate] = field(default_factory=list)


def carrier_name(text: str) -> str:
    """"DHL" for "dhl " (the marketplace's spelling when it knows the carrier), else the text as given."""
    folded = text.strip().lower().replace(" ", "")
    return next((c for c in CARRIERS if c.lower() == folded), text.strip())


def parse_tracking(data: bytes, orders: Mapping[str, Order], name: str = "") -> TrackingReport:
    """Check every row against ``orders`` (ref → an order with ``shipping_status`` and ``tracking``)."""
    report = TrackingReport(name)
    try:
        table = read_table(data, _KNOWN, required=())
    except UnreadableFile as exc:
        report.unreadable, report.problems = True, [exc.problem]
        return report
    table.names = [_ALIASES.get(header_key(n), n) for n in table.names]
    for column in ("order_ref", "tracking_number"):
        if column not in table.names:
            report.unreadable = True
            report.problems = [ReadProblem(1, column, "no_header", "order_ref, carrier, tracking_number")]
            return report
    at = {n: i for i, n in reversed(list(enumerate(table.names)))}
    seen: dict[str, int] = {}
    for row, record in enumerate(table.records, start=2):
        cell = {n: (record[i].strip() if i < len(record) else "") for n, i in at.items()}
        if not any(cell.values()):
            continue
        ref, number, carrier = cell["order_ref"], cell["tracking_number"], cell.get("carrier", "")
        problems = report.problems
        if not ref:
            problems.append(ReadProblem(row, "order_ref", "missing_order"))
            continue
        order = orders.get(ref)
        if order is None:
            problems.append(ReadProblem(row, "order_ref", "unknown_order", ref, ref))
        elif ref in seen:
            problems.append(ReadProblem(row, "order_ref", "duplicate_order", f"{ref}|{seen[ref]}", ref))
        if not number:
            problems.append(ReadProblem(row, "tracking_number", "missing_tracking_number", "", ref))
        if len(carrier) > MAX_CARRIER:
            problems.append(ReadProblem(row, "carrier", "too_long", carrier[:20] + "…", ref))
        wrong = number_problem(number, carrier_name(carrier) or None) if number else None
        if wrong is not None:  # scientific_notation | carrier_format
            problems.append(ReadProblem(row, "tracking_number", wrong, f"{number}|{carrier_name(carrier)}", ref))
        if order is None or ref in seen or not number or len(carrier) > MAX_CARRIER or wrong is not None:
            seen.setdefault(ref, row)
            continue
        seen[ref] = row
        tracking = order.tracking
        if order.shipping_status in ("shipped", "delivered") and tracking is not None and tracking.number == number:
            report.unchanged += 1
            continue
        if order.shipping_status not in SHIPPABLE:
            status = order.shipping_status.replace("_", " ")
            problems.append(ReadProblem(row, "order_ref", "order_not_shippable", f"{ref}|{status}", ref))
            continue
        if carrier and carrier_name(carrier) not in CARRIERS:
            report.warnings.append(ReadProblem(row, "carrier", "unknown_carrier", carrier, ref))
        report.updates.append(TrackingUpdate(row, ref, carrier_name(carrier) or None, number))
    return report


def check_tracking(seller: Seller, data: bytes, name: str = "") -> TrackingReport:
    """The seller's orders from the server, then :func:`parse_tracking` (run off the GUI thread)."""
    return parse_tracking(data, {order.ref: order for order in seller.orders()}, name)


def shipping_sender(seller: Seller) -> Callable[[TrackingUpdate], Order]:
    """Send one update now, with an Idempotency-Key of its own (the same on the client's retries)."""
    def send(update: TrackingUpdate) -> Order:
        return seller.update_shipping(update.order_ref, "shipped", carrier=update.carrier,
                                      tracking_number=update.tracking_number, idempotency_key=new_idempotency_key())
    return send


def apply_tracking(updates: Iterable[TrackingUpdate], send: Callable[[TrackingUpdate], object]) -> TrackingResult:
    """Send each update in file order; a refusal is kept with its message and the others go on; when
    the connection goes away the rest is returned as not sent."""
    result = TrackingResult()
    pending = list(updates)
    for index, update in enumerate(pending):
        try:
            send(update)
        except ApiStatusError as exc:
            result.refused.append((update, exc.detail or exc.message))
        except ApiConnectionError:
            result.not_sent = pending[index:]
            break
        else:
            result.shipped.append(update)
    return result
