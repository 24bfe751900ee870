"""The seller's listings and outbox screens. The Seller page (seller_page.py, another area) adds them
as tabs; each widget takes its collaborators:

    runner = OutboxRunner(outbox, sender, connectivity, parent=page)
    tabs.addTab(ListingsPage(client, listings, runner), tr("Listings"))
    tabs.addTab(PendingChangesView(runner, listings), tr("Pending changes"))
"""
