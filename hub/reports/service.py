"""When a gate had a kiosk in service: crossings count only then (a gate's travellers before its
first kiosk arrived, or after its last one left, were never within reach)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from hub.store.records import Device


def service_spans(
    devices: Iterable[Device], since: datetime, until: datetime
) -> dict[str, tuple[datetime, datetime]]:
    """{gate: (first enrolment, last revocation or `until`)} within [since, until); gates whose
    kiosks were not in service then are left out."""
    spans: dict[str, tuple[datetime, datetime]] = {}
    for device in devices:
        if device.enrolled_at is None:
            continue
        start = max(since, device.enrolled_at)
        end = min(until, device.revoked_at or until)
        if end <= start:
            continue
        known = spans.get(device.gate)
        spans[device.gate] = (
            (start, end) if known is None else (min(known[0], start), max(known[1], end))
        )
    return spans
