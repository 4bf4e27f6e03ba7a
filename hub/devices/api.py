"""The device API: enrolment, usage upload and heartbeat (POST /api/v1/...).

Every request body is size-capped before it is parsed and validated with pydantic. Usage and
heartbeats need the device's bearer token; a device writes only its own rows. Each device has
a rate limit, and so has each client address on enrolment. Errors share one JSON shape
(hub.devices.errors). Blocking work (hashing, SQLite) runs in the thread pool, off the event loop.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from fastapi import APIRouter, Request
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from hub.devices.enrolment import EnrolmentError, exchange, token_hash
from hub.devices.errors import ApiError, validation_error
from hub.devices.models import (
    MAX_BODY_BYTES,
    EnrolIn,
    EnrolOut,
    HeartbeatAccepted,
    HeartbeatIn,
    UsageAccepted,
    UsageUpload,
)
from hub.devices.openapi import json_body
from hub.rate_limit import RateLimiter
from hub.store import EnrolmentRefusedError, HubStore
from hub.store.records import Device, utc_now

logger = logging.getLogger(__name__)
DEVICE_ERRORS = (400, 401, 403, 413, 415, 422, 429, 503)

M = TypeVar("M", bound=BaseModel)


class NoTrustedRootError(RuntimeError):
    """The hub has no TUF root to hand out yet (nothing published)."""


@dataclass(frozen=True)
class ApiLimits:
    device_per_second: float = 1.0
    device_burst: int = 60
    enrol_per_second: float = 0.2
    enrol_burst: int = 5
    max_body_bytes: int = MAX_BODY_BYTES


def device_router(
    store: HubStore, trusted_root: Callable[[], bytes], limits: ApiLimits | None = None
) -> APIRouter:
    limits = limits or ApiLimits()
    per_device = RateLimiter(limits.device_per_second, limits.device_burst)
    per_client = RateLimiter(limits.enrol_per_second, limits.enrol_burst)
    router = APIRouter(prefix="/api/v1", tags=["devices"])

    def authenticate(header: str | None) -> Device:
        scheme, _, token = (header or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "missing_token", "send 'Authorization: Bearer <device token>'")
        device = store.device_by_token(token_hash(token.strip()))
        if device is None:
            raise ApiError(401, "invalid_token", "the device token is not valid")
        if device.status != "active":
            raise ApiError(403, "device_revoked", f"device {device.id} was revoked; re-enrol it")
        retry = per_device.take(device.id)
        if retry:
            raise _too_many(retry)
        return device

    @router.post(
        "/enrol",
        response_model=EnrolOut,
        openapi_extra=json_body(EnrolIn, (400, 403, 413, 415, 422, 429, 503), token=False),
    )
    async def enrol(request: Request) -> EnrolOut:
        retry = per_client.take(request.client.host if request.client else "unknown")
        if retry:
            raise _too_many(retry)
        body = await read_body(request, limits.max_body_bytes)
        return await run_in_threadpool(_enrol, store, trusted_root, body)

    @router.post(
        "/usage",
        response_model=UsageAccepted,
        openapi_extra=json_body(UsageUpload, DEVICE_ERRORS),
    )
    async def usage(request: Request) -> UsageAccepted:
        device = await run_in_threadpool(authenticate, request.headers.get("authorization"))
        body = await read_body(request, limits.max_body_bytes)
        return await run_in_threadpool(_store_usage, store, device, body)

    @router.post(
        "/heartbeat",
        response_model=HeartbeatAccepted,
        openapi_extra=json_body(HeartbeatIn, DEVICE_ERRORS),
    )
    async def heartbeat(request: Request) -> HeartbeatAccepted:
        device = await run_in_threadpool(authenticate, request.headers.get("authorization"))
        body = await read_body(request, limits.max_body_bytes)
        return await run_in_threadpool(_store_heartbeat, store, device, body)

    return router


async def read_body(request: Request, cap: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed `cap` bytes."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type != "application/json":
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")
    declared = request.headers.get("content-length", "")
    if declared and (not declared.isdigit() or int(declared) > cap):
        raise ApiError(413, "payload_too_large", f"the body may be at most {cap} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise ApiError(413, "payload_too_large", f"the body may be at most {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse(model: type[M], body: bytes) -> M:
    try:
        return model.model_validate_json(body)
    except ValidationError as error:
        if any(problem["type"] == "json_invalid" for problem in error.errors()):
            raise ApiError(400, "malformed_json", "the body is not valid JSON") from error
        raise validation_error(error) from error


def _enrol(store: HubStore, trusted_root: Callable[[], bytes], body: bytes) -> EnrolOut:
    request = parse(EnrolIn, body)
    try:
        root = trusted_root()  # before the code is spent: no root, no enrolment
    except NoTrustedRootError as error:
        raise ApiError(503, "no_trusted_root", str(error)) from error
    try:
        device, token = exchange(store, request.code)
    except (EnrolmentError, EnrolmentRefusedError) as error:
        raise ApiError(403, "invalid_code", f"enrolment refused: {error}") from error
    logger.info("device %s enrolled for gate %s", device.id, device.gate)
    return EnrolOut(
        device_id=device.id,
        token=token,
        gate=device.gate,
        channel=device.gate,
        root_b64=base64.b64encode(root).decode("ascii"),
    )


def _store_usage(store: HubStore, device: Device, body: bytes) -> UsageAccepted:
    upload = parse(UsageUpload, body)
    if upload.device_id != device.id:
        raise ApiError(403, "wrong_device", "a device may upload only its own rows")
    return UsageAccepted(accepted=store.upsert_usage(device.id, upload.usage_rows()))


def _store_heartbeat(store: HubStore, device: Device, body: bytes) -> HeartbeatAccepted:
    beat = parse(HeartbeatIn, body)
    if beat.device_id != device.id:
        raise ApiError(403, "wrong_device", "a device may report only for itself")
    now = utc_now()
    store.record_heartbeat(beat.heartbeat(received_at=now))
    return HeartbeatAccepted(hub_time=now)


def _too_many(retry_after: float) -> ApiError:
    seconds = max(1, int(retry_after + 0.999))
    return ApiError(
        429,
        "rate_limited",
        f"too many requests from this device; retry in {seconds} s",
        headers={"Retry-After": str(seconds)},
    )
