"""Languages and formats: the translations, QLocale formatting of money, numbers and dates, counted phrases, the
server's English names.
"""
