"""``client.auth``: register, login, logout, me."""

from __future__ import annotations

from pydantic import SecretStr

from .._base import dump
from ..errors import ApiError
from ..types import AuthSession, CompanyIn, LoginRequest, RegisterRequest, User
from ._resource import ApiResource


class Auth(ApiResource):
    def register(
        self,
        email: str,
        password: SecretStr | str,
        company: CompanyIn | dict,
        role: str = "buyer",
        *,
        remember: bool = True,
    ) -> AuthSession:
        """Create an account and sign in with it (the token is stored when ``remember``)."""
        body = RegisterRequest(
            email=email,
            password=password if isinstance(password, SecretStr) else SecretStr(password),
            company=company if isinstance(company, CompanyIn) else CompanyIn.model_validate(company),
            role=role,  # type: ignore[arg-type]
        )
        response = self._client.request("POST", "/auth/register", json_body=dump(body), authenticated=False)
        session = self._client.parse(response, AuthSession)
        self._client.set_token(session.token, session.user.email, persist=remember)
        return session

    def login(self, email: str, password: SecretStr | str, *, remember: bool = True) -> AuthSession:
        """Sign in; the token is used from now on, and stored in the token store when ``remember``.

        Wrong credentials raise AuthenticationError (code ``invalid_credentials``), repeated failures
        ThrottledError (``too_many_attempts``).
        """
        body = LoginRequest(
            email=email, password=password if isinstance(password, SecretStr) else SecretStr(password)
        )
        response = self._client.request("POST", "/auth/login", json_body=dump(body), authenticated=False)
        session = self._client.parse(response, AuthSession)
        self._client.set_token(session.token, session.user.email, persist=remember)
        return session

    def logout(self) -> None:
        """Revoke the token on the server and forget it locally (locally even when the server fails)."""
        if not self._client.is_authenticated:
            return
        try:
            self._client.request("POST", "/auth/logout")
        except ApiError:
            self._client.clear_token()
            raise
        self._client.clear_token()

    def me(self) -> User:
        return self._get("/me", User)
