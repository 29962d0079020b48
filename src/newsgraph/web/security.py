"""Response headers that keep article text inert even if escaping were ever missed.

The pages load only the app's own scripts and styles (no inline script, no CDN), so
a strict Content-Security-Policy costs nothing. /docs (Swagger UI) starts itself with
an inline script and keeps its own default.
"""

from __future__ import annotations

from fastapi import FastAPI, Request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def install(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.url.path.startswith("/docs"):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response
