"""uvicorn's h11 protocol with request-head limits answered 414/431.

h11 keeps a request head in a buffer capped at `h11_max_incomplete_event_size`; past it
uvicorn answers 400 and closes while the client is still sending, which the client sees
as a reset connection. This protocol counts the head as it arrives and answers 414 (the
request line, i.e. the URL, is too long) or 431 (the headers are), then closes once the
client has had time to read the answer.
"""

from __future__ import annotations

import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

_CLOSE_AFTER_S = 1.0


class LimitedH11Protocol(H11Protocol):
    max_url_bytes = 8192
    max_header_bytes = 32768

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._head = bytearray()
        self._refused = False

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # drained, so closing later does not reset the connection under the answer
        if self.conn.their_state is h11.IDLE:
            self._head += data
            end = self._head.find(b"\r\n\r\n")
            if end >= 0:
                self._head.clear()
            else:
                line_end = self._head.find(b"\r\n")
                line = len(self._head) if line_end < 0 else line_end
                if line > self.max_url_bytes + 16:  # method, spaces and "HTTP/1.1" around the URL
                    return self._refuse(414, "URI Too Long", f"the URL is over the {self.max_url_bytes:,} byte limit "
                                        "(NEWSGRAPH_WEB_MAX_URL); send long input in a POST body")
                if len(self._head) > self.max_url_bytes + self.max_header_bytes + 16:
                    return self._refuse(431, "Request Header Fields Too Large",
                                        f"the request headers are over the {self.max_header_bytes:,} byte limit "
                                        "(NEWSGRAPH_WEB_MAX_HEADERS)")
        super().data_received(data)

    def _refuse(self, status: int, reason: str, detail: str) -> None:
        self._refused = True
        self._head.clear()
        body = json.dumps({"detail": detail}).encode()
        self.transport.write(
            f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
            "connection: close\r\n\r\n".encode("latin-1") + body)
        self.loop.call_later(_CLOSE_AFTER_S, self.transport.close)


def protocol_class(max_url_bytes: int, max_header_bytes: int) -> type[LimitedH11Protocol]:
    return type("NewsgraphH11Protocol", (LimitedH11Protocol,),
                {"max_url_bytes": max_url_bytes, "max_header_bytes": max_header_bytes})


def h11_buffer_size(max_url_bytes: int, max_header_bytes: int) -> int:
    """What uvicorn's h11 may buffer: above our limits, so ours answer first."""
    return max_url_bytes + max_header_bytes + 65536
