"""Who may talk to the server, checked before any route runs (docs/web.md, "How it stays safe").

* Host: the `Host` header must name the address the server is bound to, `localhost`,
  an IP literal, or a name in `allowed_hosts` (NEWSGRAPH_WEB_ALLOWED_HOSTS). A page on
  another site whose DNS name is rebound to 127.0.0.1 sends its own name, and is refused
  (400), so it cannot read the API from the victim's browser.
* Origin: a state-changing request (any method but GET, HEAD, OPTIONS) that carries an
  `Origin` (or, without one, a `Referer`) must come from the server's own origin or one
  in `allowed_origins`; a cross-site form or `fetch` POST is refused (403). Requests
  without either header (curl, scripts) are not browsers acting for someone else and
  pass; read-only requests stay open.
* Sizes: a request line longer than `max_url_bytes` gets 414, headers larger than
  `max_header_bytes` 431 (web/http.py answers the same before h11 would drop the
  connection).
* Token: `require_token` guards the routes that store, when `api_token`
  (NEWSGRAPH_API_TOKEN) is set.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from newsgraph.web.options import WebOptions

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class RequestGuard:
    def __init__(self, app: ASGIApp, options: WebOptions):
        self.app = app
        self.options = options
        self.hosts = options.hosts()
        self.origins = options.origins()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self.check(scope)
        if problem:
            from newsgraph.web.errors import error_response

            status, detail = problem
            response = error_response(scope.get("path", ""), status, detail, scope=scope)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def check(self, scope: Scope) -> tuple[int, str] | None:
        url_bytes = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string", b""))
        if url_bytes > self.options.max_url_bytes:
            return 414, (f"the URL is {url_bytes:,} bytes, over the {self.options.max_url_bytes:,} byte limit "
                         "(NEWSGRAPH_WEB_MAX_URL); send long input in a POST body")
        headers = scope.get("headers", [])
        header_bytes = sum(len(k) + len(v) + 4 for k, v in headers)
        if header_bytes > self.options.max_header_bytes:
            return 431, (f"the request headers are {header_bytes:,} bytes, over the "
                         f"{self.options.max_header_bytes:,} byte limit (NEWSGRAPH_WEB_MAX_HEADERS)")
        found = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers}
        host = found.get("host")
        if host is not None and not self.host_allowed(host, scope):
            return 400, (f"host {host!r} is not served here; valid: the server's address, localhost, an IP "
                         "address, or a name listed in NEWSGRAPH_WEB_ALLOWED_HOSTS")
        if scope.get("method", "GET").upper() not in SAFE_METHODS:
            origin = found.get("origin")
            source = origin if origin is not None else found.get("referer")
            if source is not None and not self.origin_allowed(source, host):
                what = "Origin" if origin is not None else "Referer"
                return 403, (f"a {scope.get('method')} from {what} {source!r} is refused: writes are accepted from "
                             "this server's own pages, or origins listed in NEWSGRAPH_WEB_ALLOWED_ORIGINS")
        return None

    def host_allowed(self, host: str, scope: Scope) -> bool:
        name = _hostname(host)
        if name is None:
            return False
        if "*" in self.hosts or name in self.hosts or name == "localhost" or name.endswith(".localhost"):
            return True
        try:
            ipaddress.ip_address(name)
            return True  # an IP address is not a DNS name that could be rebound
        except ValueError:
            pass
        bound = (scope.get("server") or ("", None))[0] or ""
        return name == bound.lower()

    def origin_allowed(self, source: str, host: str | None) -> bool:
        if source.strip().lower() == "null":  # sandboxed frames, file: pages, some redirects
            return False
        parts = urlsplit(source.strip())
        if not parts.scheme or not parts.netloc:
            return False
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        if origin in self.origins:
            return True
        return host is not None and parts.netloc.lower() == host.strip().lower()


def _hostname(host: str) -> str | None:
    """'Example.com:8000' -> 'example.com'; '[::1]:8000' -> '::1'; None when malformed."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        return host[1:end] if end > 0 else None
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return name or None


def require_token(request: Request, form_token: str | None = None) -> None:
    """401 unless the request carries the configured API token (no token configured: open).
    `Authorization: Bearer TOKEN`, `X-API-Token: TOKEN`, or (pages) a form field `token`."""
    expected = request.app.state.options.api_token
    if not expected:
        return
    given = request.headers.get("x-api-token")
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    given = given or form_token or ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "storing needs the API token: send `Authorization: Bearer TOKEN` "
                                 "(the server's NEWSGRAPH_API_TOKEN)", headers={"WWW-Authenticate": "Bearer"})
