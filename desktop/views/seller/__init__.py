"""The seller area: the Seller page (a tab per screen) and its screens.

    SellerPage         the tabs, each added by key, with a count badge; remembers the last tab
    FulfilmentPage     incoming orders: presets, mark preparing / shipped / delivered, cancel with refund
    QuestionsPage      buyers' questions, unanswered first, answered inline
"""
