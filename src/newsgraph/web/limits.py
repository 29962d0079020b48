"""Request shaping before the routes: the body-size cap (413), empty form fields dropped.

A body over `max_body_bytes` gets 413 before it is read into memory.

Declared sizes (Content-Length) are refused at once; chunked bodies are counted as
they stream and refused when they pass the cap.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.web.errors import BodyTooLarge, error_response


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _refuse(scope, send, self.max_bytes)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)  # the app's handler turns it into 413
            return message

        await self.app(scope, counted, send)


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    response = error_response(scope.get("path", ""), 413, str(BodyTooLarge(limit)), scope=scope)
    await response(scope, _drain, send)


async def _drain() -> Message:
    return {"type": "http.disconnect"}


class DropEmptyQueryMiddleware:
    """HTML forms send every field, filled or not (`?q=&since=`); on pages an empty field
    means "no filter", so it is dropped before validation. The API keeps what it is sent."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string") and not scope["path"].startswith("/api/"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip()]
            if len(kept) != len(pairs):
                scope = dict(scope, query_string=urlencode(kept).encode("ascii"))
        await self.app(scope, receive, send)
