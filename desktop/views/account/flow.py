"""The account flow: sign in, create an account, sign in again after a 401, and the account the window shows.

Made by the shell; it reaches the client and the session through the shell's getters (both exist once
stage 2 is done: before, an action waits for it through ``when_ready``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.api_client.types import AuthSession
    from desktop.views.account.dialogs import CreateAccountDialog, SignInDialog
    from desktop.views.account.session import Session
    from desktop.views.window.main_window import MainWindow

__all__ = ["AccountFlow"]


class AccountFlow(QObject):
    def __init__(
        self,
        window: MainWindow,
        server_url: str,
        *,
        client: Callable[[], MarketplaceClient | None],
        session: Callable[[], Session | None],
        is_ready: Callable[[], bool],
        when_ready: Callable[[Callable[[], object]], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._server_url = server_url
        self._client = client
        self._session = session
        self._is_ready = is_ready
        self._when_ready = when_ready
        self.sign_in_dialog: SignInDialog | None = None

    def wire_session(self) -> None:
        """Stage 2: the session's changes to the window; a 401 asks to sign in again."""
        s = self._session()
        assert s is not None
        s.changed.connect(self._session_changed)
        s.auth_expired.connect(self.sign_in_again)
        self._session_changed()

    def _session_changed(self) -> None:
        s = self._session()
        if s is not None:
            self._window.set_account(s.email, guest=s.guest, seller=s.is_seller, verifying=s.verifying)

    def sign_in(self, reason: str = "") -> SignInDialog | None:
        """Open (or raise) the sign-in dialog over the window; nothing behind it is closed. Before stage
        2 it opens once the client is there (None now)."""
        if not self._is_ready():
            self._when_ready(lambda: self.sign_in(reason))
            return None
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.raise_()
            self.sign_in_dialog.activateWindow()
            return self.sign_in_dialog
        from desktop.views.account.dialogs import SignInDialog

        session, client = self._session(), self._client()
        assert session is not None and client is not None  # stage 2 is done
        dialog = SignInDialog(
            lambda email, password: client.auth.login(email, password),
            self._window, email=session.email or "", server=_host(self._server_url), reason=reason,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(session.signed_in_with)
        dialog.create_account_requested.connect(self.create_account)
        dialog.guest_requested.connect(session.continue_as_guest)
        dialog.finished.connect(self._sign_in_closed)
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    def _sign_in_closed(self, *_: object) -> None:
        self.sign_in_dialog = None
        # the keyboard back to the window (without a window manager X gave it to nobody, and Orca then
        # announced nothing and keys went nowhere: tests/gui/test_atspi.py)
        self._window.activateWindow()

    def sign_in_again(self) -> None:
        self.sign_in(QCoreApplication.translate(
            "app", "Your session has expired. Sign in again to continue where you were."
        ))

    def create_account(self) -> CreateAccountDialog | None:
        """The create-account dialog (before stage 2: once the client is there, None now)."""
        if not self._is_ready():
            self._when_ready(self.create_account)
            return None
        from desktop.views.account.dialogs import CreateAccountDialog

        session, client = self._session(), self._client()
        assert session is not None and client is not None  # stage 2 is done

        def register(email: str, password: str, company: dict[str, str], role: str) -> AuthSession:
            return client.auth.register(email, password, company, role)

        dialog = CreateAccountDialog(register, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(session.signed_in_with)
        dialog.open()
        return dialog


def _host(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")
