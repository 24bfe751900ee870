"""Server configuration, read once from the command line and the environment."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "Bulkdesk"


def default_database_url() -> str:
    folder = Path(platformdirs.user_data_dir(APP_NAME)) / "server"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'marketplace.sqlite3'}"


@dataclass
class Config:
    database_url: str = field(default_factory=default_database_url)
    public_url: str = "http://127.0.0.1:8000"
    #: signs checkout-page links; random per process unless set, so links die with the server
    secret_key: str = field(default_factory=lambda: os.environ.get("BULKDESK_SECRET_KEY") or secrets.token_hex(32))
    token_ttl_hours: int = 24 * 14
    guest_token_ttl_hours: int = 24 * 60
    login_max_failures: int = 5
    login_window_s: int = 15 * 60
    max_body_bytes: int = 1 * 1024 * 1024
    max_csv_bytes: int = 20 * 1024 * 1024
    stripe_secret_key: str | None = None
    stripe_publishable_key: str | None = None
    stripe_webhook_secret: str | None = None
    stripe_api_base: str | None = None
    stripe_js_url: str | None = None

    @classmethod
    def from_env(cls, **overrides) -> Config:
        env = os.environ
        values = dict(
            stripe_secret_key=env.get("STRIPE_SECRET_KEY"),
            stripe_publishable_key=env.get("STRIPE_PUBLISHABLE_KEY"),
            stripe_webhook_secret=env.get("STRIPE_WEBHOOK_SECRET"),
            stripe_api_base=env.get("STRIPE_API_BASE"),
            stripe_js_url=env.get("STRIPE_JS_URL"),
        )
        if env.get("BULKDESK_DATABASE_URL"):
            values["database_url"] = env["BULKDESK_DATABASE_URL"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
