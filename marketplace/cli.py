"""`bulkdesk-server`: run the reference marketplace server."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time

#: on SIGTERM, how long requests under way may take before uvicorn cancels them (below serving.py's wait)
GRACEFUL_TIMEOUT_S = 20.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bulkdesk-server", description="Run the Bulkdesk marketplace API server.",
                                     epilog="`bulkdesk-server migrate [--check]` upgrades the database's schema "
                                     "and exits (see `bulkdesk-server migrate --help`)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a SQLite file in the user data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="seed demo data into an empty database and start a local Stripe (localstripe)")
    parser.add_argument("--public-url", help="the URL clients reach this server at, used in payment links "
                        "(default: http://<host>:<port>); its host name is always allowed")
    parser.add_argument("--allowed-hosts", default=os.environ.get("BULKDESK_ALLOWED_HOSTS"),
                        help="comma-separated Host header names to answer besides loopback and the public "
                        "URL's (e.g. market.example.com,*.example.com); any other Host gets 400")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BULKDESK_WORKERS", "1")),
                        help="worker processes (uvicorn --workers); in production use about one per CPU, "
                        "with PostgreSQL (--database postgresql://...) as the database")
    parser.add_argument("--forwarded-allow-ips", default=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
                        help="addresses of the reverse proxies whose X-Forwarded-For is trusted as the client "
                        "address (sign-in throttling per address); default 127.0.0.1")
    parser.add_argument("--schema", choices=("upgrade", "check"), default=os.environ.get("BULKDESK_SCHEMA", "upgrade"),
                        help="upgrade: bring the schema up to date at start (default; one instance at a time); "
                        "check: refuse to start unless it is current (run `bulkdesk-server migrate` first)")
    parser.add_argument("--graceful-timeout", type=float, metavar="SECONDS",
                        default=float(os.environ.get("BULKDESK_GRACEFUL_TIMEOUT", GRACEFUL_TIMEOUT_S)),
                        help="on SIGTERM, how long requests under way may take to finish before they are "
                        f"cancelled (default {GRACEFUL_TIMEOUT_S:.0f})")
    parser.add_argument("--log-level", default=os.environ.get("BULKDESK_LOG_LEVEL", "info"))
    parser.add_argument("--ssl-certfile", metavar="PEM", help="serve HTTPS with this certificate (chain)")
    parser.add_argument("--ssl-keyfile", metavar="PEM", help="the private key of --ssl-certfile")
    parser.add_argument("--exit-with-parent", type=int, metavar="PID",
                        help="stop when process PID (the app that started this server) is gone")
    return parser.parse_args(argv)


def watch_parent(pid: int, interval_s: float = 1.0) -> threading.Thread:
    """Send ourselves SIGTERM (a clean uvicorn shutdown) once `pid` no longer runs."""

    def alive() -> bool:
        if os.getppid() != pid:  # re-parented: the app is gone (POSIX); a check that works on Windows too
            try:
                os.kill(pid, 0)
            except OSError:
                return False
        return True

    def run() -> None:
        while alive():
            time.sleep(interval_s)
        logging.getLogger("marketplace").warning("the app that started this server is gone; stopping")
        os.kill(os.getpid(), signal.SIGTERM)

    thread = threading.Thread(target=run, name="exit-with-parent", daemon=True)
    thread.start()
    return thread


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["migrate"]:
        from .migrate import main as migrate

        return migrate(argv[1:])
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    import uvicorn

    from . import serving
    from .asgi import build
    from .config import Config, split_hosts
    from .db import Database
    from .schema_setup import SchemaNotCurrent, ensure_schema, require_current

    scheme = "https" if args.ssl_certfile else "http"
    public_url = args.public_url or (
        f"{scheme}://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}")  # noqa: S104
    hosts = (*split_hosts(args.allowed_hosts or ""), *([args.host] if args.host not in ("0.0.0.0", "::") else []))  # noqa: S104
    config = Config.from_env(database_url=args.database, public_url=public_url.rstrip("/"), allowed_hosts=hosts,
                             demo=args.demo or None, schema=args.schema)
    db = Database(config.database_url)
    if args.schema == "check":
        try:
            require_current(db)
        except SchemaNotCurrent as exc:
            logging.getLogger("marketplace").error("%s", exc)
            db.dispose()
            return 2
    else:
        ensure_schema(db)
    stripe_stack = None
    if args.demo:
        from .demo.seed import seed_if_empty
        from .payments.local import start_local_stripe

        seed_if_empty(db)
        stripe_stack = start_local_stripe(config)
    if args.exit_with_parent:
        watch_parent(args.exit_with_parent)
    options = dict(host=args.host, port=args.port, log_level="warning", access_log=False,
                   forwarded_allow_ips=args.forwarded_allow_ips, timeout_graceful_shutdown=args.graceful_timeout,
                   ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile)
    try:
        if args.workers > 1:
            # Each worker builds its app from the environment (marketplace/asgi.py); the schema, the
            # demo data and the local Stripe were made once, here.
            db.dispose()
            os.environ.update(config.to_env())
            if serving.available(args.port):  # a listening socket per worker: see serving.py
                return serving.run("marketplace.asgi:create", args.workers, options)
            uvicorn.run("marketplace.asgi:create", factory=True, workers=args.workers, **options)
        else:
            uvicorn.run(build(config, db), **options)
    finally:
        if stripe_stack is not None:
            stripe_stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
