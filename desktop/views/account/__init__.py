"""Who is signed in: the session, the sign-in and create-account dialogs, and the account flow that joins them to the
window.
"""
