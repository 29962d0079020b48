"""The web app and HTTP API: `create_app()` builds it; `newsgraph serve` runs it.

Thin over `newsgraph.analyze` and `newsgraph.store`: no SQL and no extraction here.
"""

from newsgraph.web.app import create_app
from newsgraph.web.options import WebOptions

__all__ = ["create_app", "WebOptions"]
