"""The app's one store handle, opened on first use and closed at shutdown.

Opening lazily lets the Analyse page and POST /api/analyze work with no database at
all; the store-backed routes answer 503 with the reason when it cannot be opened.
"""

from __future__ import annotations

import threading

from fastapi import Request

from newsgraph.web.errors import StoreUnavailable


class StoreAccess:
    def __init__(self, url: str):
        self.url = url
        self._store = None
        self._lock = threading.Lock()

    def get(self):
        with self._lock:
            if self._store is None:
                try:
                    from newsgraph.store import Store, StoreError
                except ImportError as e:
                    raise StoreUnavailable(f"the store is not available in this installation: {e}") from None
                try:
                    self._store = Store.open(self.url)
                except StoreError as e:
                    raise StoreUnavailable(f"cannot open the store {self.url!r}: {e}") from None
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def get_store(request: Request):
    """FastAPI dependency: the app's open Store."""
    return request.app.state.stores.get()
