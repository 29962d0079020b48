"""`create_app()`: the FastAPI application, its pages, API and shipped assets."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from newsgraph.settings import Settings
from newsgraph.web import errors, filters, security
from newsgraph.web.access import StoreAccess
from newsgraph.web.analyzer import Analyzer
from newsgraph.web.guard import RequestGuard
from newsgraph.web.limits import BodyLimitMiddleware, DropEmptyQueryMiddleware
from newsgraph.web.options import WebOptions
from newsgraph.web.routes import (
    api_analyze, api_extractors, api_facts, api_store, docs, pages_analyze, pages_browse, pages_events, pages_map,
    pages_stats,
)

HERE = Path(__file__).parent

API_DESCRIPTION = """\
Analyse news articles and browse what the store holds: quotes with resolved speakers,
entities, counts of people killed, wounded, arrested...

Every offset (`span`, `spans`) indexes into the article's `text`.
Errors are `{"detail": "one line"}`: 404 for an unknown id; 413 when a request body is
over the size limit (`NEWSGRAPH_WEB_MAX_BODY`, default 2,000,000 bytes); 415 for a body
that is not JSON, text/plain or text/html; 422 for bad input, with the reason; 503 when
an analysis runs past `NEWSGRAPH_WEB_TIMEOUT` (default 60 s; it is stopped), too many
are waiting (`NEWSGRAPH_WEB_QUEUE`), or the store cannot be opened; 400 for a Host header
the server does not answer to, 403 for a write from another site's page (Origin/Referer),
401 for a store without the token when `NEWSGRAPH_API_TOKEN` is set, 414/431 for a URL
or headers over the limits.
"""


def create_app(store_url: str | None = None, settings: Settings | None = None, *,
               options: WebOptions | None = None, warm: bool = True) -> FastAPI:
    """The web app over the store at `store_url` (default: settings.db, i.e. NEWSGRAPH_DB).

    `warm` loads the spaCy pipeline in the background at start-up."""
    settings = settings or Settings.from_env()
    options = options or WebOptions.from_env()
    analyzer = Analyzer(settings, options.analyze_timeout, max_waiting=options.queue, workers=options.workers)
    stores = StoreAccess(store_url or settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm:
            analyzer.warm()
        try:
            yield
        finally:
            stores.close()
            analyzer.close()

    app = FastAPI(title="newsgraph", description=API_DESCRIPTION, version=_version(),
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.options = options
    app.state.analyzer = analyzer
    app.state.stores = stores
    app.state.templates = _templates()
    app.add_middleware(DropEmptyQueryMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=options.max_body_bytes)
    app.add_middleware(RequestGuard, options=options)  # added last: runs first
    errors.install(app)

    security.install(app)
    modules = (api_analyze, api_store, api_extractors, pages_analyze, pages_browse, pages_stats, pages_events,
               pages_map, docs)
    for module in modules:
        app.include_router(module.router)
    # GET /api/{name} of every other registered extractor, unless a hand-made route has it.
    taken = {getattr(r, "path", "") for m in modules for r in m.router.routes}
    app.include_router(api_facts.build_router(skip=taken))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    docs.mount_assets(app)
    return app


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    filters.install(templates.env)
    from newsgraph.web.routes.pages_map import outlines

    templates.env.globals["world_outlines"] = outlines
    return templates


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "0"
