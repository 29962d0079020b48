"""`newsgraph serve [--db URL] [--host H] [--port P]`: the web app and HTTP API."""

from __future__ import annotations

import argparse
import errno
import socket
import sys

from newsgraph.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the web app and HTTP API",
                       description="Serve the web pages (Analyse, Articles, People, Quotes, Counts, Network) "
                                   "and the JSON API (OpenAPI at /docs) over a store.")
    p.add_argument("--db", metavar="URL", default=None,
                   help="store URL: sqlite:///PATH or postgresql://USER@HOST/DB (default: NEWSGRAPH_DB or sqlite:///newsgraph.db)")
    p.add_argument("--host", default=None,
                   help="address to bind (default: NEWSGRAPH_WEB_HOST or 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=None, help="TCP port (default: NEWSGRAPH_WEB_PORT or 8000)")
    p.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from newsgraph.store import Store, StoreError
    from newsgraph.web import WebOptions, create_app

    try:
        settings = Settings.from_env(model=args.model, db=args.db)
        options = WebOptions.from_env(host=args.host, port=args.port)
    except ValueError as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    if not 0 < options.port < 65536:
        print(f"newsgraph: --port {options.port} is not valid; valid: 1-65535", file=sys.stderr)
        return 2
    try:  # fail here, in one line, rather than on the first page view
        Store.open(settings.db).close()
    except StoreError as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    problem = _cannot_bind(options.host, options.port)
    if problem:
        print(f"newsgraph: cannot serve at {options.host}:{options.port}: {problem}", file=sys.stderr)
        return 2
    if options.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"newsgraph: warning: listening on {options.host}: other machines can reach this server "
              "and every article it analyses" + ("" if options.api_token else
                                                 "; set NEWSGRAPH_API_TOKEN so that only you can store articles"),
              file=sys.stderr)
    host = f"[{options.host}]" if ":" in options.host else options.host
    print(f"newsgraph: serving {settings.db} at http://{host}:{options.port} (Ctrl-C to stop)", flush=True)
    from newsgraph.web.http import h11_buffer_size, protocol_class

    uvicorn.run(create_app(settings.db, settings, options=options), host=options.host, port=options.port,
                log_level="warning", timeout_graceful_shutdown=5,
                http=protocol_class(options.max_url_bytes, options.max_header_bytes),
                h11_max_incomplete_event_size=h11_buffer_size(options.max_url_bytes, options.max_header_bytes))
    return 0


def _cannot_bind(host: str, port: int) -> str | None:
    """Why the address cannot be bound, or None; uvicorn would only log it and exit."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        return f"unknown host ({e.strerror}); valid: an address of this machine such as 127.0.0.1"
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                return "the port is in use; valid: a free --port"
            return e.strerror or str(e)
    return None
