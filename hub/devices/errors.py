"""The one JSON error shape of the device API.

    {"error": {"code": "invalid_token", "message": "...", "details": [{"loc": "...", "msg": "..."}]}}

`code` is stable and meant for programs; `message` is for people; `details` lists validation
problems (empty otherwise). Rate-limited answers (429) and answers given while the hub cannot
reach its database (503, `store_unavailable`) carry a Retry-After header.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError

from hub.store.backend.errors import StoreUnavailableError

logger = logging.getLogger(__name__)


class ErrorDetail(BaseModel):
    loc: str
    msg: str


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail]


class ErrorOut(BaseModel):
    """The one error document, as described in the OpenAPI document."""

    error: ErrorBody


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Sequence[Mapping[str, str]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = list(details)
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


def validation_error(error: ValidationError, limit: int = 20) -> ApiError:
    """A 422 naming each problem by its place in the document (values are never echoed)."""
    details = [
        {"loc": ".".join(str(part) for part in problem["loc"]) or "body", "msg": problem["msg"]}
        for problem in error.errors(include_url=False, include_input=False)[:limit]
    ]
    return ApiError(422, "invalid_payload", "the request body does not match the schema", details)


STORE_RETRY_AFTER_S = 30
"""What a kiosk is told to wait when the hub cannot reach its database."""


def store_unavailable(error: StoreUnavailableError) -> ApiError:
    """503 with Retry-After: the kiosk keeps its outbox and sends it again later."""
    logger.warning("answering 503: %s", error)
    return ApiError(
        503, "store_unavailable", "the hub cannot reach its database; try again later",
        headers={"Retry-After": str(STORE_RETRY_AFTER_S)},
    )  # fmt: skip


def install_error_handler(app: FastAPI) -> None:
    async def handle(request: Request, error: Exception) -> JSONResponse:
        if isinstance(error, StoreUnavailableError):
            error = store_unavailable(error)
        assert isinstance(error, ApiError)
        return JSONResponse(error.body(), status_code=error.status, headers=error.headers)

    app.add_exception_handler(ApiError, handle)
    app.add_exception_handler(StoreUnavailableError, handle)
