"""Accounts: registration, sign-in, the signed-in user."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from .common import Email, Strict

Role = Literal["buyer", "seller", "admin"]


class CompanyIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    country: str = Field(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$")
    vat_number: str | None = Field(default=None, max_length=32)

    @field_validator("country")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()


class RegisterIn(Strict):
    email: Email
    password: str = Field(max_length=256)
    company: CompanyIn
    role: Literal["buyer", "seller"] = "buyer"

    @field_validator("password")
    @classmethod
    def _strong_enough(cls, v: str) -> str:
        if len(v) < 10:
            raise ValueError("weak_password: The password must have at least 10 characters.")
        return v


class LoginIn(Strict):
    email: str = Field(max_length=254)
    password: str = Field(max_length=256)


class CompanyOut(BaseModel):
    id: int
    name: str
    country: str
    vat_number: str | None


class UserOut(BaseModel):
    id: int
    email: str
    role: Role
    company: CompanyOut
    seller_id: int | None = Field(default=None, description="The seller profile of a seller account")
    created_at: datetime


class SessionOut(BaseModel):
    token: str = Field(description="Opaque bearer token; keep it secret")
    expires_at: datetime
    user: UserOut
