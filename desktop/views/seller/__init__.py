"""The seller area: the Seller page (a tab per screen) and its screens.

    SellerPage          the tabs, each added by key, with a count badge; remembers the last tab
    ListingsPage        the seller's offers: inline and bulk edits, paste, low stock, new offer, delete
    PendingChangesView  the outbox: waiting, sent, conflict, refused; Retry, Discard, the conflict view
    ImportPage          CSV import (dry run, report, confirm) and export
    FulfilmentPage      incoming orders: presets, mark preparing / shipped / delivered, cancel with refund
    QuestionsPage       buyers' questions, unanswered first, answered inline

Writes go through the durable outbox (OutboxRunner: queued first, then sent in order when online).
"""
