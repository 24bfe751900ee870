"""The app-level session: who is signed in on this server, and the "sign in again" signal.

    session = Session(client, remember_account=last_accounts.set)
    session.changed.connect(window.update_account)     # sign in / out / guest / restored
    session.auth_expired.connect(app_shell.ask_sign_in)   # any 401 (AuthExpiredError) anywhere
    session.restore(window)                            # verify a kept token with GET /me, off the GUI thread

Signing in again after a 401 opens a dialog over whatever the user was doing; nothing is closed.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.api_client import ApiError, AuthenticationError, AuthExpiredError, OfflineError
from desktop.views.background.tasks import MutationOp, QueryOp

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.api_client.types.auth import AuthSession, User

__all__ = ["Session"]

log = logging.getLogger(__name__)


class Session(QObject):
    changed = Signal()
    auth_expired = Signal()

    def __init__(
        self,
        client: MarketplaceClient,
        remember_account: Callable[[str | None], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self._remember = remember_account
        self.user: User | None = None  # once verified
        self.guest = False
        self.verifying = False
        # the account whose kept token is being (or could not be) verified, e.g. while offline
        self.pending_account: str | None = client.account

    # -- state -------------------------------------------------------------------------------------
    @property
    def signed_in(self) -> bool:
        return self.user is not None

    @property
    def is_seller(self) -> bool:
        return self.user is not None and self.user.role == "seller"

    @property
    def email(self) -> str | None:
        if self.user is not None:
            return self.user.email
        return self.pending_account

    # -- transitions -------------------------------------------------------------------------------
    def restore(self, parent: QObject | None = None) -> QueryOp | None:
        """Check a kept token with ``GET /me`` in the background. None when there is no token."""
        if not self.client.is_authenticated:
            return None
        self.verifying = True
        self.changed.emit()
        op = QueryOp(parent, self.client.auth.me, self._restored, self._restore_failed)
        return op.run_in_background()

    def _restored(self, user: User) -> None:
        self.verifying = False
        self.set_user(user)

    def _restore_failed(self, exc: BaseException) -> None:
        self.verifying = False
        if isinstance(exc, AuthenticationError):  # the kept token expired or was revoked
            self.pending_account = None
            self._remember_account(None)
            self.changed.emit()
            self.auth_expired.emit()
        elif isinstance(exc, OfflineError):
            log.info("offline: the session of %s is kept unverified", self.pending_account)
            self.changed.emit()
            from desktop.views.errors import channel as errors

            errors.report_exception(exc)
        else:
            self.changed.emit()
            from desktop.views.errors import channel as errors

            errors.report_exception(exc)

    def set_user(self, user: User) -> None:
        self.user = user
        self.guest = False
        self.pending_account = user.email if user is not None else None
        self._remember_account(self.pending_account)
        self.changed.emit()

    def signed_in_with(self, auth_session: AuthSession) -> None:
        """After a successful login/register (the client already holds and stored the token)."""
        self.set_user(auth_session.user)

    def continue_as_guest(self) -> None:
        if self.signed_in:
            self.sign_out()
        self.user = None
        self.guest = True
        self.pending_account = None
        self.changed.emit()

    def sign_out(self, parent: QObject | None = None) -> None:
        """Forget the user now; revoke the token on the server in the background (best effort)."""
        self.user = None
        self.guest = False
        self.pending_account = None
        self._remember_account(None)
        self.changed.emit()
        if self.client.is_authenticated:
            def logout() -> None:
                try:
                    self.client.auth.logout()
                except ApiError as exc:  # the token is forgotten locally anyway
                    log.info("logout on the server failed: %s", exc)

            MutationOp(parent, logout, label="sign-out").run_in_background()

    def expire(self, exc: BaseException | None = None) -> None:
        """A 401 somewhere: the client has dropped the token; ask to sign in again (keep the UI)."""
        if isinstance(exc, AuthExpiredError) or exc is None:
            self.pending_account = self.email
            self.user = None
            self.changed.emit()
            self.auth_expired.emit()

    def _remember_account(self, account: str | None) -> None:
        if self._remember is not None:
            with contextlib.suppress(Exception):
                self._remember(account)
