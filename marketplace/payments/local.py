"""A local Stripe for the demo and the tests: localstripe's aiohttp app, in-process, on loopback.

localstripe's own command line binds every interface and keeps its state in /tmp/localstripe.pickle,
shared by every run on the machine. Here it listens on 127.0.0.1 (a free port), in a thread with its
own event loop, and keeps its state in the server's data folder (or ``LOCALSTRIPE_STATE_DIR``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import secrets
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import httpx
import platformdirs

from ..config import APP_NAME, Config

log = logging.getLogger("marketplace.payments.local")

SECRET_KEY = "sk_test_bulkdesk_local"  # noqa: S105 - a fake key; localstripe accepts any "sk_..."
PUBLISHABLE_KEY = "pk_test_bulkdesk_local"
WEBHOOK_ID = "bulkdesk"


def state_dir() -> Path:
    folder = os.environ.get("LOCALSTRIPE_STATE_DIR")
    path = Path(folder) if folder else Path(platformdirs.user_data_dir(APP_NAME)) / "server"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _redirect_store(path: Path) -> None:
    """Point localstripe's store at ``path`` instead of the hard-wired /tmp/localstripe.pickle."""
    from localstripe import resources

    def dump_to_disk(self) -> None:
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            pickle.dump(dict(self), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def try_load_from_disk(self) -> None:
        try:
            with open(path, "rb") as f:
                old = pickle.load(f)  # noqa: S301 - our own file, written just above
        except FileNotFoundError:
            return
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            log.warning("local Stripe state in %s is unreadable; starting empty", path)
            return
        dict.clear(self)
        dict.update(self, old)

    resources.Store.dump_to_disk = dump_to_disk
    resources.Store.try_load_from_disk = try_load_from_disk


@dataclass
class LocalStripe:
    """A running localstripe; ``stop()`` shuts it down (also safe to call twice)."""

    base_url: str
    _loop: asyncio.AbstractEventLoop
    _thread: threading.Thread
    _stop: asyncio.Event

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread.is_alive():
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(timeout)


def start_local_stripe(config: Config) -> LocalStripe:
    """Start localstripe on 127.0.0.1:<free port> and point ``config``'s Stripe settings at it, with
    the webhook registered to this server (signed with ``config.stripe_webhook_secret``, or a fresh one)."""
    from aiohttp import web
    from localstripe import server as ls_server
    from localstripe.resources import store

    _redirect_store(state_dir() / "localstripe.pickle")
    store.try_load_from_disk()

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    base_url = f"http://127.0.0.1:{port}"

    loop = asyncio.new_event_loop()
    ready = threading.Event()
    failure: list[BaseException] = []
    stop_event = asyncio.Event()

    async def serve() -> None:
        runner = web.AppRunner(ls_server.app, access_log=None)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        ready.set()
        try:
            await stop_event.wait()
        finally:
            await runner.cleanup()

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(serve())
        except BaseException as exc:  # reported to the starting thread
            failure.append(exc)
            ready.set()
        finally:
            with contextlib.suppress(Exception):
                pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
                for task in pending:  # webhooks still waiting to be sent
                    task.cancel()
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    thread = threading.Thread(target=run, name="localstripe", daemon=True)
    thread.start()
    if not ready.wait(15) or failure:
        raise RuntimeError(f"local Stripe did not start: {failure[0] if failure else 'timeout'}")
    handle = LocalStripe(base_url=base_url, _loop=loop, _thread=thread, _stop=stop_event)

    # A preset STRIPE_WEBHOOK_SECRET is kept (tests sign their own events with it); else a random one.
    webhook_secret = config.stripe_webhook_secret or "whsec_" + secrets.token_hex(24)
    config.stripe_api_base = base_url
    config.stripe_js_url = f"{base_url}/js.stripe.com/v3/"
    config.stripe_secret_key = SECRET_KEY
    config.stripe_publishable_key = PUBLISHABLE_KEY
    config.stripe_webhook_secret = webhook_secret
    try:
        response = httpx.post(
            f"{base_url}/_config/webhooks/{WEBHOOK_ID}",
            data={"url": f"{config.public_url}/api/v1/webhooks/stripe", "secret": webhook_secret},
            timeout=10,
        )
        response.raise_for_status()
    except httpx.HTTPError:
        handle.stop()
        raise
    log.info("local Stripe (localstripe) at %s", base_url)
    return handle
