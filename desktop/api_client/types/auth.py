"""Accounts: register, login, the signed-in user."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field, SecretStr, field_serializer

from ._common import Id, RequestModel, Resource

Role = Literal["buyer", "seller", "admin"]


class Company(Resource):
    name: str
    country: str
    vat_number: str | None = None


class User(Resource):
    id: Id
    email: str
    role: Role
    company: Company
    #: the seller profile of a seller account
    seller_id: Id | None = None


class AuthSession(Resource):
    """What register and login answer. ``token`` is a SecretStr: it never shows in a repr."""

    token: SecretStr
    expires_at: datetime
    user: User


class CompanyIn(RequestModel):
    name: str
    country: str = Field(min_length=2, max_length=2)
    vat_number: str | None = None


class RegisterRequest(RequestModel):
    email: str
    password: SecretStr
    company: CompanyIn
    role: Literal["buyer", "seller"]

    @field_serializer("password", when_used="json")
    def _reveal(self, value: SecretStr) -> str:
        return value.get_secret_value()


class LoginRequest(RequestModel):
    email: str
    password: SecretStr

    @field_serializer("password", when_used="json")
    def _reveal(self, value: SecretStr) -> str:
        return value.get_secret_value()
