"""Enrolment on the device: spend a one-time code at the hub for a device id, a bearer token and
the trusted TUF root, and write them beside kiosk.toml (device.toml and root.json, mode 0600)."""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass
from pathlib import Path

import requests
from pydantic import BaseModel, ConfigDict, ValidationError

from sync.config import ConfigError, write_enrolment
from sync.http import CONNECT_TIMEOUT_S, READ_TIMEOUT_S, api_url, describe_refusal, hub_session

logger = logging.getLogger(__name__)


class EnrolError(RuntimeError):
    """Enrolment failed; the message says why and what to do."""

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable
        """True when the hub could not be reached or failed (try again later)."""


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    device_id: str
    token: str
    channel: str
    root_b64: str


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    channel: str
    config_dir: Path


def enrol(
    hub_url: str, code: str, config_dir: Path | str, session: requests.Session | None = None
) -> Enrolled:
    """Exchange the code and write the device configuration. Raises EnrolError."""
    session = session or hub_session(idempotent=False)
    try:
        response = session.post(
            api_url(hub_url, "enrol"),
            json={"code": code},
            timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
        )
    except requests.RequestException as error:
        message = f"cannot reach the hub at {hub_url}: {type(error).__name__}"
        raise EnrolError(message, unreachable=True) from error
    if response.status_code != 200:
        reason = describe_refusal(response)
        unreachable = response.status_code >= 500 and "no_trusted_root" not in reason
        raise EnrolError(f"the hub refused enrolment ({reason})", unreachable=unreachable)
    try:
        reply = _Reply.model_validate_json(response.content)
        root = base64.b64decode(reply.root_b64, validate=True)
    except (ValidationError, binascii.Error) as error:
        raise EnrolError("the hub's answer is not an enrolment reply; check the hub URL") from error
    try:
        write_enrolment(config_dir, reply.device_id, reply.token, reply.channel, hub_url, root)
    except (ConfigError, OSError) as error:
        raise EnrolError(f"cannot write the device configuration: {error}") from error
    return Enrolled(reply.device_id, reply.channel, Path(config_dir))
