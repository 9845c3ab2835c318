"""Request heads (request line + headers) over a size limit are refused with 431, as they arrive.

uvicorn's httptools protocol (its default, and the fastest) reads a head of any size whole
before the app sees it, so an ASGI middleware would act too late. `HeaderLimitedProtocol`
counts the head in the protocol layer instead, reusing uvicorn's own setting for this limit,
`h11_max_incomplete_event_size` (which only its slower h11 protocol honours), so the limit
travels with the uvicorn config into every `--workers` process. It is enforced twice:

- while a head streams in: once the chunks read for a still-incomplete head pass the limit,
  431 is written and the connection closed, so memory and time stay bounded. The chunk in
  which a head begins is not counted (it may hold the end of a pipelined request), so this
  guard fires within one socket read (at most 256 KiB) past the limit;
- when a head is complete: its exact size (target + header lines) over the limit is answered
  431 by the app-free response below, instead of the app.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from zentrik_server.config import DEFAULT_MAX_HEADER_BYTES, Settings
from zentrik_server.errors import error_response

# ": " and CRLF around each header line.
_HEADER_LINE_OVERHEAD = 4


def _too_large_response(limit: int) -> Response:
    response = error_response(
        431,
        "request_header_fields_too_large",
        f"The request line and headers are larger than {limit} bytes",
    )
    response.headers["connection"] = "close"
    return response


class HeaderLimitedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, refusing heads over `config.h11_max_incomplete_event_size`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        configured = self.config.h11_max_incomplete_event_size
        self.max_head_bytes = DEFAULT_MAX_HEADER_BYTES if configured is None else configured
        self._head_open = False  # between a message's first byte and its last header
        self._head_began_in_chunk = False
        self._head_bytes = 0  # exact: target and header lines parsed so far
        self._streamed_bytes = 0  # chunks read while the head stayed open

    def data_received(self, data: bytes) -> None:
        self._head_began_in_chunk = False
        super().data_received(data)
        if not self._head_open or self._head_began_in_chunk:
            return
        self._streamed_bytes += len(data)
        if self._streamed_bytes > self.max_head_bytes and not self.transport.is_closing():
            self._refuse_mid_head()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_open, self._head_began_in_chunk = True, True
        self._head_bytes = self._streamed_bytes = 0

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        self._head_bytes += len(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        self._head_bytes += len(name) + len(value) + _HEADER_LINE_OVERHEAD

    def on_headers_complete(self) -> None:
        self._head_open = False
        if self._head_bytes > self.max_head_bytes:
            # The parser goes on with this chunk (the body), so answer as uvicorn answers
            # requests over its concurrency limit: through a stand-in app for this request;
            # its `connection: close` ends the connection after it.
            self.app = _too_large_response(self.max_head_bytes)
        super().on_headers_complete()

    def _refuse_mid_head(self) -> None:
        response = _too_large_response(self.max_head_bytes)
        headers = [*self.server_state.default_headers, *response.raw_headers]
        head = b"".join(name + b": " + value + b"\r\n" for name, value in headers)
        self.transport.write(STATUS_LINE[431] + head + b"\r\n" + response.body)
        self.transport.close()


def uvicorn_http_options(settings: Settings) -> dict[str, Any]:
    """The `uvicorn.run` / `uvicorn.Config` options that put the head limit in force."""
    return {
        "http": HeaderLimitedProtocol,
        "h11_max_incomplete_event_size": settings.max_header_bytes,
    }
