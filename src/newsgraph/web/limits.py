"""Request-size cap: a body over `max_body_bytes` gets 413 before it is read into memory.

Declared sizes (Content-Length) are refused at once; chunked bodies are counted as
they stream and refused when they pass the cap.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    def __init__(self, limit: int):
        super().__init__(f"request body is larger than {limit} bytes (the limit, NEWSGRAPH_WEB_MAX_BODY)")
        self.limit = limit


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
    from newsgraph.web.errors import error_response

    response = error_response(scope.get("path", ""), 413, str(BodyTooLarge(limit)), scope=scope)
    await response(scope, _drain, send)


async def _drain() -> Message:
    return {"type": "http.disconnect"}
