"""Refusing request bodies over a size limit (413), before they are read into memory."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException

from .errors import error_body


class BodyTooLarge(HTTPException):
    """Raised while the body is read; an HTTPException so FastAPI passes it on as a 413."""

    def __init__(self, message: str):
        super().__init__(413, message)


class BodySizeLimit:
    """Pure ASGI middleware: a declared Content-Length over the limit is refused at once;
    a body without one (chunked) is counted as it arrives and refused when it passes it."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers") or ():
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await self._refuse(send, 400, "bad_request", "Content-Length is not a number")
                    return
                if declared > self.max_bytes:
                    await self._refuse(send, 413, "body_too_large", self._message())
                    return
        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self._message())
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send, 413, "body_too_large", self._message())

    def _message(self) -> str:
        return f"request body is larger than the limit of {self.max_bytes:,} bytes (the server's --max-body)"

    async def _refuse(self, send, status: int, kind: str, message: str) -> None:
        body = json.dumps(error_body(status, message, kind)).encode("utf-8")
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
