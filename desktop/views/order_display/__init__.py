"""How an order is shown, shared by the buyer's Orders area and the seller's fulfilment (not an area of
its own: both import it, it imports neither).

    orders_model    OrdersTableModel (ids, rows read on demand from an OrdersCache), its columns and the
                    status words (payment_text, shipping_text); orders_table() sets up its view
    order_text      an order's texts: subtitle, lines, timeline, tracking link, seller; rich_label
    links           open_url: the system browser
"""
