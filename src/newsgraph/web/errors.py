"""One shape for every error: JSON `{"detail": "one line"}` under /api, an HTML page elsewhere."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from markupsafe import escape
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from newsgraph.nlp import PipelineError
from newsgraph.web.analyzer import AnalysisTimeout


class BodyTooLarge(Exception):
    """Raised by web.limits' middleware; answered with 413."""

    def __init__(self, limit: int):
        super().__init__(f"request body is larger than {limit} bytes (the limit, NEWSGRAPH_WEB_MAX_BODY)")
        self.limit = limit


class StoreUnavailable(Exception):
    """The store cannot be opened; `str()` says why and what would work."""


def error_response(path: str, status: int, detail: str, *, scope=None, extra: dict | None = None) -> Response:
    if path.startswith("/api/") or path in ("/api", "/openapi.json"):
        return JSONResponse({"detail": detail, **(extra or {})}, status_code=status)
    templates = None
    app = (scope or {}).get("app")
    if app is not None:
        templates = getattr(app.state, "templates", None)
    if templates is None:
        return HTMLResponse(f"<!doctype html><title>{status}</title><p>{escape(detail)}</p>", status_code=status)
    return templates.TemplateResponse(
        request=Request(scope), name="error.html", context={"status": status, "detail": detail},
        status_code=status,
    )


def validation_reason(errors: list[dict]) -> str:
    """Pydantic's error list as one line: `query parameter 'limit': Input should be ...`."""
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ())]
        where = {"query": "query parameter", "path": "path parameter", "body": "body field"}.get(loc[0] if loc else "", "")
        name = ".".join(loc[1:]) if len(loc) > 1 else (loc[0] if loc else "input")
        parts.append(f"{where} {name!r}: {e.get('msg', 'invalid')}".strip() if where else f"{name}: {e.get('msg')}")
    return "; ".join(parts) or "invalid input"


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        response = error_response(request.url.path, exc.status_code, str(exc.detail), scope=request.scope)
        response.headers.update(getattr(exc, "headers", None) or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        return error_response(request.url.path, 422, validation_reason(errors), scope=request.scope,
                              extra={"errors": _jsonable(errors)})

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge):
        return error_response(request.url.path, 413, str(exc), scope=request.scope)

    @app.exception_handler(AnalysisTimeout)
    async def too_slow(request: Request, exc: AnalysisTimeout):
        return error_response(request.url.path, 503, str(exc), scope=request.scope)

    @app.exception_handler(StoreUnavailable)
    async def no_store(request: Request, exc: StoreUnavailable):
        return error_response(request.url.path, 503, str(exc), scope=request.scope)

    try:
        from newsgraph.store import StoreError
    except ImportError:  # an installation without the store still serves the Analyse page
        StoreError = None
    if StoreError is not None:
        @app.exception_handler(StoreError)
        async def store_failed(request: Request, exc: Exception):
            return error_response(request.url.path, 503, str(exc), scope=request.scope)

    @app.exception_handler(PipelineError)
    async def no_model(request: Request, exc: PipelineError):
        return error_response(request.url.path, 503, str(exc), scope=request.scope)


def _jsonable(errors: list[dict]) -> list[dict]:
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
