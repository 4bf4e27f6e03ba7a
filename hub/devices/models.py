"""The device API's documents, validated with pydantic. Every field has a type, a range and a cap.

See docs/usage-data.md for the protocol. The device's privacy scrubber guarantees that a search
query holds no digits, '@' or '<'; the hub refuses a query that does, as a second line of defence.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

from hub.store.records import Heartbeat, UsageRow
from hub.store.schema import HIST_BINS

MAX_BODY_BYTES = 1024 * 1024
MAX_ROWS = 2_000
MAX_DIMS = 8
MAX_COUNT = 10_000_000

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PERSONAL = re.compile(r"[\d@<]")


@functools.lru_cache(maxsize=8192)  # a batch holds few distinct hours; strptime is slow
def _hour(value: str) -> str:
    datetime.strptime(value, "%Y-%m-%dT%H:00:00Z")  # a real calendar date, or ValueError
    return value


def _timestamp(value: str) -> datetime:
    moment = datetime.fromisoformat(value)  # a real calendar date, or ValueError
    if moment.astimezone(UTC).year not in range(2020, 2100):
        raise ValueError("a timestamp lies between 2020 and 2099 (UTC)")
    return moment


def _plain_text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains control characters")
    return value


Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
DeviceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
_DATE = r"20[2-9][0-9]-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_HOUR = r"([01][0-9]|2[0-3])"
Hour = Annotated[
    str, StringConstraints(pattern=rf"^{_DATE}T{_HOUR}:00:00Z$"), AfterValidator(_hour)
]
Timestamp = Annotated[
    str,
    StringConstraints(
        pattern=rf"^{_DATE}T{_HOUR}:[0-5][0-9]:[0-5][0-9](\.[0-9]{{1,6}})?(Z|[+-]{_HOUR}:[0-5][0-9])$"
    ),
    AfterValidator(_timestamp),
]
"""An ISO 8601 time with its offset, 2020-2099, seconds at most to the microsecond."""
DimText = Annotated[str, StringConstraints(max_length=64, pattern=r"^[^\x00-\x1f\x7f]*$")]
DimValue = StrictBool | Annotated[StrictInt, Field(ge=-(2**53), le=2**53)] | DimText
Count = Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)]


class UsageRowIn(BaseModel):
    """One hourly aggregate with absolute values, as of the device's `revision` of it."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    hour: Hour
    kind: Name
    dims: Annotated[dict[Name, DimValue], Field(max_length=MAX_DIMS)]
    count: Annotated[StrictInt, Field(ge=1, le=MAX_COUNT)]
    seconds: Annotated[float, Field(ge=0, le=MAX_COUNT * 86_400.0, allow_inf_nan=False)] = 0.0
    hist: Annotated[list[Count], Field(max_length=HIST_BINS)] = []
    revision: Annotated[StrictInt, Field(ge=1, le=2**62)]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.hist and len(self.hist) != HIST_BINS:
            raise ValueError(f"hist has {HIST_BINS} bins, or none")
        if sum(self.hist) > self.count:
            raise ValueError("hist counts more events than count")
        query = self.dims.get("query")
        if isinstance(query, str) and _PERSONAL.search(query):
            raise ValueError("a search query may not hold digits, '@' or '<'")
        return self


class UsageUpload(BaseModel):
    """A batch of one device's aggregates. The hub upserts on (device, hour, kind, dims)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    device_id: DeviceId
    rows: Annotated[list[UsageRowIn], Field(min_length=1, max_length=MAX_ROWS)]

    @model_validator(mode="after")
    def _unique(self) -> Self:
        keys = {(row.hour, row.kind, tuple(sorted(row.dims.items()))) for row in self.rows}
        if len(keys) != len(self.rows):
            raise ValueError("the same (hour, kind, dims) appears twice")
        return self

    def usage_rows(self) -> list[UsageRow]:
        """The rows as the hub store keeps them."""
        return [
            UsageRow(r.hour, r.kind, r.dims, r.count, r.seconds, tuple(r.hist), r.revision)
            for r in self.rows
        ]


class UsageAccepted(BaseModel):
    accepted: int


class OutcomeIn(BaseModel):
    """The outcome of the last content sync or usage upload."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    at: Timestamp | None = None
    ok: StrictBool | None = None
    error: Annotated[str, StringConstraints(max_length=300), AfterValidator(_plain_text)] | None = (
        None
    )


class HeartbeatIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    device_id: DeviceId
    sent_at: Timestamp
    """The device's clock when it sent this; the hub compares it with its own."""
    uptime_s: Annotated[float, Field(ge=0, le=10 * 365 * 86_400.0, allow_inf_nan=False)]
    disk_free_bytes: Annotated[StrictInt, Field(ge=0, le=2**62)]
    content_version: Annotated[StrictInt, Field(ge=0, le=2**62)] | None = None
    last_sync: OutcomeIn | None = None
    last_upload: OutcomeIn | None = None
    errors: Annotated[dict[Name, Count], Field(max_length=16)] = {}
    """Recent error counts by source, e.g. {"usage_events": 2, "sync_failures": 1}."""
    pending_rows: Annotated[StrictInt, Field(ge=0, le=2**62)] | None = None

    def heartbeat(self, received_at: datetime) -> Heartbeat:
        """The heartbeat as the hub store keeps it, received at `received_at`."""
        sync, upload = self.last_sync, self.last_upload
        return Heartbeat(
            device_id=self.device_id,
            device_time=self.sent_at,
            uptime_s=self.uptime_s,
            disk_free_bytes=self.disk_free_bytes,
            content_version=self.content_version,
            last_sync_at=sync.at if sync else None,
            last_sync_ok=sync.ok if sync else None,
            last_sync_error=sync.error if sync else None,
            last_upload_at=upload.at if upload else None,
            last_upload_ok=upload.ok if upload else None,
            errors=self.errors,
            pending_rows=self.pending_rows,
            received_at=received_at,
        )


class HeartbeatAccepted(BaseModel):
    hub_time: datetime


class EnrolIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9 -]{1,40}$")]
    """As the technician typed it: letters and digits, dashes and spaces allowed."""


class EnrolOut(BaseModel):
    device_id: str
    token: str
    gate: str
    channel: str
    root_b64: str
    """The hub's current TUF root metadata, base64 of its exact bytes: the device's trust anchor."""
