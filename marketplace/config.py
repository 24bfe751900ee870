"""Server configuration, read once from the command line and the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP_NAME = "Bulkdesk"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def host_name(host: str) -> str:
    """The name in a Host header value, without its port: "[::1]:8000" → "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def split_hosts(text: str) -> tuple[str, ...]:
    return tuple(h.strip() for h in text.split(",") if h.strip())


def default_database_url() -> str:
    folder = Path(platformdirs.user_data_dir(APP_NAME)) / "server"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'marketplace.sqlite3'}"


@dataclass
class Config:
    database_url: str = field(default_factory=default_database_url)
    public_url: str = "http://127.0.0.1:8000"
    #: signs checkout-page links: BULKDESK_SECRET_KEY, else one made once and kept in the database
    #: (services/server_secrets.py, loaded at start-up), so links outlive a restart
    secret_key: str | None = field(default_factory=lambda: os.environ.get("BULKDESK_SECRET_KEY") or None)
    token_ttl_hours: int = 24 * 14
    guest_token_ttl_hours: int = 24 * 60
    login_window_s: int = 15 * 60
    max_body_bytes: int = 1 * 1024 * 1024
    max_csv_bytes: int = 20 * 1024 * 1024
    stripe_secret_key: str | None = None
    stripe_publishable_key: str | None = None
    stripe_webhook_secret: str | None = None
    stripe_api_base: str | None = None
    stripe_js_url: str | None = None
    #: the Host header values the server answers (others get 400 `invalid_host`): loopback, the public
    #: URL's host and what --allowed-hosts / BULKDESK_ALLOWED_HOSTS add ("*.example.com" for subdomains)
    allowed_hosts: tuple[str, ...] = ()
    #: where stored offer pictures live (BULKDESK_MEDIA_DIR; marketplace/media.py); none: no pictures
    media_dir: str | None = None
    #: `--demo`: the demo's generated pictures answer the media route (BULKDESK_DEMO=1 for workers)
    demo: bool = False
    #: `--schema` (BULKDESK_SCHEMA): "upgrade" the schema at start (under a lock: schema_setup.py), or
    #: "check" it and refuse to start unless it is current (migrations run as their own step)
    schema: str = "upgrade"
    #: the name `GET /marketplace` gives (BULKDESK_MARKETPLACE_NAME); none: a default (services/identity.py)
    name: str | None = None

    def host_allowed(self, host: str) -> bool:
        name = host_name(host)
        for pattern in (*LOOPBACK_HOSTS, host_name(urlsplit(self.public_url).netloc), *self.allowed_hosts):
            pattern = pattern.lower()
            if pattern == "*" or name == pattern or (pattern.startswith("*.") and name.endswith(pattern[1:])):
                return True
        return False

    def to_env(self) -> dict[str, str]:
        """The environment `from_env` reads this configuration back from (for worker processes)."""
        pairs = {
            "BULKDESK_DATABASE_URL": self.database_url, "BULKDESK_PUBLIC_URL": self.public_url,
            "BULKDESK_ALLOWED_HOSTS": ",".join(self.allowed_hosts), "BULKDESK_SECRET_KEY": self.secret_key,
            "STRIPE_SECRET_KEY": self.stripe_secret_key, "STRIPE_PUBLISHABLE_KEY": self.stripe_publishable_key,
            "STRIPE_WEBHOOK_SECRET": self.stripe_webhook_secret, "STRIPE_API_BASE": self.stripe_api_base,
            "STRIPE_JS_URL": self.stripe_js_url, "BULKDESK_MEDIA_DIR": self.media_dir,
            "BULKDESK_DEMO": "1" if self.demo else None, "BULKDESK_MARKETPLACE_NAME": self.name,
            "BULKDESK_SCHEMA": self.schema,
        }
        return {k: v for k, v in pairs.items() if v}

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
        if env.get("BULKDESK_PUBLIC_URL"):
            values["public_url"] = env["BULKDESK_PUBLIC_URL"]
        if env.get("BULKDESK_ALLOWED_HOSTS"):
            values["allowed_hosts"] = split_hosts(env["BULKDESK_ALLOWED_HOSTS"])
        if env.get("BULKDESK_MEDIA_DIR"):
            values["media_dir"] = env["BULKDESK_MEDIA_DIR"]
        if env.get("BULKDESK_DEMO") == "1":
            values["demo"] = True
        if env.get("BULKDESK_SCHEMA"):
            values["schema"] = env["BULKDESK_SCHEMA"]
        if env.get("BULKDESK_MARKETPLACE_NAME"):
            values["name"] = env["BULKDESK_MARKETPLACE_NAME"]
        if env.get("BULKDESK_DATABASE_URL"):
            values["database_url"] = env["BULKDESK_DATABASE_URL"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
