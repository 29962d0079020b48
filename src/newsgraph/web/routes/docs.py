"""OpenAPI at /docs: Swagger UI 5 (it reads OpenAPI 3.1, which FastAPI writes) from the
assets that the fastapi-offline package ships, served by this app: no CDN."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles

ASSETS = Path(fastapi_offline.__file__).parent / "static"
router = APIRouter(include_in_schema=False)


@router.get("/docs")
def swagger():
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="newsgraph API",
        swagger_js_url="/docs/assets/swagger-ui-bundle.js",
        swagger_css_url="/docs/assets/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
        # The default validator badge asks validator.swagger.io: nothing may leave the machine.
        swagger_ui_parameters={"validatorUrl": None},
    )


def mount_assets(app: FastAPI) -> None:
    app.mount("/docs/assets", StaticFiles(directory=ASSETS), name="swagger-assets")
