"""The device API's OpenAPI document, served at GET /api/v1/openapi.json.

The handlers read their bodies themselves (size cap first, then pydantic), so FastAPI cannot see
them; each route names its body model in `openapi_extra` and this module adds those models, and
the one error shape, to the document's components.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from hub.devices.errors import ErrorOut
from hub.devices.models import EnrolIn, HeartbeatIn, UsageUpload

PREFIX = "/api/v1"
DOCUMENT_PATH = f"{PREFIX}/openapi.json"
BODY_MODELS: tuple[type[BaseModel], ...] = (EnrolIn, UsageUpload, HeartbeatIn, ErrorOut)
_REF = "#/components/schemas/{model}"
ERROR_STATUSES = {
    400: "The body is not JSON",
    401: "No valid device token",
    403: "Refused: revoked device, another device's rows, or an unknown enrolment code",
    413: "The body is too large",
    415: "The body is not sent as application/json",
    422: "The body does not match the schema",
    429: "Too many requests; see Retry-After",
    503: "The hub cannot reach its database, or has nothing published yet; see Retry-After",
}


def json_body(
    model: type[BaseModel], errors: tuple[int, ...], token: bool = True
) -> dict[str, Any]:
    """`openapi_extra` for a route whose JSON body is `model` and which answers `errors`."""
    error = {"application/json": {"schema": {"$ref": _REF.format(model="ErrorOut")}}}
    return {
        "security": [{"deviceToken": []}] if token else [],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": _REF.format(model=model.__name__)}}
            },
        },
        "responses": {
            str(status): {"description": ERROR_STATUSES[status], "content": error}
            for status in errors
        },
    }


def body_schemas() -> dict[str, Any]:
    """The JSON schemas of the body models and everything they refer to, keyed by name."""
    schemas: dict[str, Any] = {}
    for model in BODY_MODELS:
        schema = model.model_json_schema(ref_template=_REF, mode="validation")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    return schemas


def with_body_schemas(document: dict[str, Any]) -> dict[str, Any]:
    components = document.setdefault("components", {})
    components.setdefault("schemas", {}).update(body_schemas())
    components.setdefault("securitySchemes", {})["deviceToken"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "The token the device received at enrolment",
    }
    return document


def device_document(router: APIRouter) -> dict[str, Any]:
    """The OpenAPI document of the device API alone (the staff pages are not part of it)."""
    document = get_openapi(
        title="Border-gate kiosk hub: device API",
        version="1",
        description="Enrolment, usage upload and heartbeat. See docs/usage-data.md.",
        routes=router.routes,
    )
    return with_body_schemas(document)


def whole_document(app: FastAPI) -> dict[str, Any]:
    """Every route's OpenAPI description (for the test suite's fuzzer; not served)."""
    document = get_openapi(title=app.title, version=app.version, routes=app.routes)
    return with_body_schemas(document)


def install_openapi(app: FastAPI, router: APIRouter) -> None:
    """Serve the device document and make app.openapi() describe the device bodies too."""
    cached: dict[str, Any] = {}

    async def openapi_document() -> dict[str, Any]:
        if not cached:
            cached.update(device_document(router))
        return cached

    app.add_api_route(DOCUMENT_PATH, openapi_document, methods=["GET"], include_in_schema=False)
    app.openapi = lambda: whole_document(app)  # type: ignore[method-assign]
