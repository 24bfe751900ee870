"""Whose files: an account's seller files (outbox, listings copy) belong to the account on a marketplace as
the marketplace identifies itself (``GET /marketplace``: a kept id), not to the URL's spelling.

    files = SellerFiles(paths.data, "http://127.0.0.1:51234")
    outbox = files.outbox("seller@demo.test")          # keyed by the identity last seen at this address
    result = files.identify("seller@demo.test", client.catalog.marketplace)   # worker: asks, adopts, counts
    if files.use(result): ...                          # GUI thread: another identity: reopen the files

* Each marketplace has one **home key** for its files: the URL key of the address it was first
  identified at (so the files an account already had there stay where they are), or, when that key is
  already another marketplace's home, ``marketplace:<id>``.
* **The same marketplace at a new address** (the demo's new port, a trailing slash, a host alias): the
  address is new, so the files open under the address's own (URL) key at first; once the marketplace
  answers, its home key names the files, and whatever the new URL key held (nobody's home) is carried
  over into them (:meth:`Outbox.adopt`: same Idempotency-Keys). The identity is remembered for the address.
* **Offline at start**: the identity last remembered for the address (none: the URL key, adopted later).
* **Another marketplace at a known address**: its own files; the other marketplace's pending changes stay
  in theirs, counted in ``Identified.elsewhere`` (the seller sees them, and may discard them); they are
  sent when the app is connected to that marketplace again, at any address.
* A marketplace that does not answer ``/marketplace`` (an older server): the URL key, as before.

``<data>/seller/marketplaces.json`` keeps ``{"addresses": {url: id}, "names": {id: name}, "homes": {id:
key}}`` (written atomically; an unreadable file is an empty one: the URL keys still work).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from desktop.api_client import ApiConnectionError, ApiError

from .listings import ListingsStore, account_file
from .outbox import Outbox

__all__ = ["Identified", "KeptElsewhere", "MarketplaceBook", "MarketplaceIdentity", "SellerFiles"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MarketplaceIdentity:
    id: str
    name: str


class _Answer(Protocol):  # what GET /marketplace gives (desktop.api_client.types.Marketplace)
    id: str
    name: str


@dataclass(frozen=True)
class KeptElsewhere:
    """Changes not sent of this account on another marketplace: kept in that marketplace's outbox."""

    marketplace: MarketplaceIdentity
    count: int


@dataclass(frozen=True)
class Identified:
    account: str
    #: who answers at the address (None: not known: offline and never seen there, or an older server)
    marketplace: MarketplaceIdentity | None
    #: the identity remembered at the address before (another id: the address serves another marketplace now)
    previous: MarketplaceIdentity | None
    #: the key the account's files are under from now on (the marketplace's home key, or the URL key)
    key: str
    #: entries carried over from the address's URL-keyed outbox
    adopted: int
    elsewhere: tuple[KeptElsewhere, ...]
    #: the marketplace could not be reached: who answers there is not confirmed (ask again when online)
    offline: bool = False

    @property
    def moved(self) -> bool:
        """The address answered as another marketplace than the one remembered there."""
        return self.previous is not None and self.marketplace is not None and self.previous.id != self.marketplace.id


def url_key(server_url: str) -> str:
    """The address as the files were keyed before identities (and still are while none is known)."""
    return server_url.strip().rstrip("/")


_PARTS = ("addresses", "names", "homes")


class MarketplaceBook:
    """The identity last seen at each address, each marketplace's name and the home key of its files."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        ok = isinstance(data, dict)
        return {part: {str(k): str(v) for k, v in (data.get(part) or {}).items()} if ok else {} for part in _PARTS}

    def at(self, server_url: str) -> MarketplaceIdentity | None:
        data = self._read()
        found = data["addresses"].get(url_key(server_url))
        return MarketplaceIdentity(found, data["names"].get(found, "")) if found else None

    def home(self, marketplace_id: str) -> str | None:
        return self._read()["homes"].get(marketplace_id)

    def homes(self) -> dict[str, str]:
        return self._read()["homes"]

    def known(self) -> list[MarketplaceIdentity]:
        return [MarketplaceIdentity(i, name) for i, name in self._read()["names"].items()]

    def remember(self, server_url: str, marketplace: MarketplaceIdentity) -> str:
        """``marketplace`` answers at ``server_url``; returns its home key (given now if it had none: this
        address's URL key, unless another marketplace's files live there)."""
        address = url_key(server_url)
        with self._lock:
            data: dict[str, Any] = self._read()
            home = data["homes"].get(marketplace.id)
            if home is None:
                home = address if address not in data["homes"].values() else f"marketplace:{marketplace.id}"
            if (data["addresses"].get(address), data["names"].get(marketplace.id), data["homes"].get(marketplace.id)) \
                    == (marketplace.id, marketplace.name, home):
                return home
            data["addresses"][address] = marketplace.id
            data["names"][marketplace.id] = marketplace.name
            data["homes"][marketplace.id] = home
            self._write(data)
            return home

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".marketplaces-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1, sort_keys=True)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class SellerFiles:
    """An address's seller files per account, keyed by the identity of the marketplace answering there."""

    def __init__(self, data_dir: str | os.PathLike[str], server_url: str) -> None:
        self.data_dir = Path(data_dir)
        self.server_url = url_key(server_url)
        self.book = MarketplaceBook(self.data_dir / "seller" / "marketplaces.json")
        remembered = self.book.at(self.server_url)
        #: the identity and the key the files open under now (GUI thread: see :meth:`use`)
        self.marketplace = remembered
        self.key = (self.book.home(remembered.id) if remembered else None) or self.server_url

    def _path(self, key: str, account: str, name: str) -> Path:
        return account_file(self.data_dir, key, account, name)

    def outbox(self, account: str) -> Outbox:
        return Outbox(self._path(self.key, account, "outbox"))

    def listings(self, account: str) -> ListingsStore:
        return ListingsStore(self._path(self.key, account, "listings"))

    # -- on a worker thread ---------------------------------------------------------------------------
    def identify(self, account: str, ask: Callable[[], _Answer]) -> Identified:
        """Ask the marketplace who it is (``ask``: ``client.catalog.marketplace``); remember it for the
        address; carry the address's URL-keyed outbox (nobody's home) over into its home; count this
        account's changes kept for other marketplaces. Offline (or an older server): the remembered
        identity, if any, and the key in use."""
        previous = self.book.at(self.server_url)
        found: MarketplaceIdentity | None = None
        offline = False
        try:
            answer = ask()
            found = MarketplaceIdentity(answer.id, answer.name)
        except ApiConnectionError:
            offline = True
        except ApiError as exc:  # an older server without GET /marketplace: the URL keys, as before
            log.info("the marketplace at %s gives no identity: %s", self.server_url, exc)
        if found is None:
            key = (self.book.home(previous.id) if previous else None) or self.server_url
            return Identified(account, previous, previous, key, 0, self._elsewhere(account, previous), offline)
        key = self.book.remember(self.server_url, found)
        adopted = 0
        if key != self.server_url and self.server_url not in self.book.homes().values():
            adopted = self._adopt(self._path(self.server_url, account, "outbox"), self._path(key, account, "outbox"))
        return Identified(account, found, previous, key, adopted, self._elsewhere(account, found))

    def _adopt(self, source: Path, target: Path) -> int:
        if not source.exists():
            return 0
        old, new = Outbox(source), Outbox(target)
        try:
            count = new.adopt(old)
        finally:
            old.close()
            new.close()
        if count:
            log.info("%d outbox entries carried over from %s to %s", count, source.name, target.name)
        return count

    def _elsewhere(self, account: str, current: MarketplaceIdentity | None) -> tuple[KeptElsewhere, ...]:
        kept = []
        homes = self.book.homes()
        for other in self.book.known():
            if (current is not None and other.id == current.id) or other.id not in homes:
                continue
            count = self._open_count(self._path(homes[other.id], account, "outbox"))
            if count:
                kept.append(KeptElsewhere(other, count))
        return tuple(kept)

    @staticmethod
    def _open_count(path: Path) -> int:
        if not path.exists():
            return 0
        outbox = Outbox(path)
        try:
            return outbox.open_count()
        finally:
            outbox.close()

    def discard_elsewhere(self, account: str, marketplace: MarketplaceIdentity) -> int:
        """The seller gave up this account's changes kept for ``marketplace`` (not the current one)."""
        home = self.book.home(marketplace.id)
        if home is None or home == self.key:
            return 0
        path = self._path(home, account, "outbox")
        if not path.exists():
            return 0
        outbox = Outbox(path)
        try:
            return outbox.discard_open()
        finally:
            outbox.close()

    # -- on the GUI thread ----------------------------------------------------------------------------
    def use(self, result: Identified) -> bool:
        """The files open under ``result``'s key from now on; True when that is another key than the one
        they were opened under (the caller reopens them)."""
        before = self.key
        self.marketplace, self.key = result.marketplace, result.key
        return before != result.key
