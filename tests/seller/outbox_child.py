"""A real app process for the crash tests: it queues edits in the outbox, then dies by SIGKILL.

    python -m tests.seller.outbox_child <mode> <folder> <server_url> <offer_id>...   (token in BULKDESK_TEST_TOKEN)

``queue``: one price edit and one +7 stock delta per offer are committed, then SIGKILL before anything
is sent. ``commit``: the same, then the sender sends the first entry and SIGKILL strikes once the
server has committed it and answered, before the answer is recorded (a lost response).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from desktop.api_client import ClientConfig, MarketplaceClient
from desktop.models.seller import Edit, ListingsStore, OfferHandlers, Outbox, Sender, queue_edits


def main() -> None:
    mode, folder, url, *ids = sys.argv[1:]
    folder_path = Path(folder)
    listings = ListingsStore(folder_path / "listings.sqlite3")
    outbox = Outbox(folder_path / "outbox.sqlite3")
    edits = []
    for i, offer_id in enumerate(map(int, ids)):
        edits.append(Edit(offer_id, {"unit_price": f"{100 + i}.25"}))
        edits.append(Edit(offer_id, {}, stock_delta=7))
    queue_edits(outbox, listings, edits)
    sys.stdout.write("queued\n")
    sys.stdout.flush()
    if mode == "commit":
        client = MarketplaceClient(ClientConfig(server_url=url), token=os.environ["BULKDESK_TEST_TOKEN"])
        sender = Sender(outbox, client)
        handlers = OfferHandlers(listings)
        handlers.install(sender)

        def die_after_commit(client, entry):
            handlers.edit(client, entry)  # the server committed and answered
            os.kill(os.getpid(), signal.SIGKILL)  # … and the answer is never recorded

        sender.register("offer_edit", die_after_commit)
        sender.drain()
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main()
