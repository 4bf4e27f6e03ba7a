"""Events staff record per gate or kiosk (moved, new screen, content campaign, outage, new
language), each with its before/after comparison."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hub.evidence import before_after
from hub.evidence.storage import GateEvent
from hub.reports.period import today
from hub.staff.messages import translator
from hub.staff.render import page
from hub.staff.security import (
    NotFoundError,
    Viewer,
    check_csrf,
    require_gate,
    require_viewer,
    staff,
    ui_lang,
)
from hub.store.schema import EVENT_KINDS

router = APIRouter(tags=["staff: events"])

MAX_NOTE = 200
EARLIEST = date(2000, 1, 1)


class EventError(ValueError):
    """An event that cannot be recorded; its text is a message key."""


def _listing(request: Request, viewer: Viewer) -> list[before_after.Comparison]:
    ctx = staff(request)
    gates = [g.id for g in ctx.gates.visible(viewer.gates)]
    crossings = ctx.figures.crossings(gates)
    now = ctx.now()
    return [
        before_after.compare(ctx.store, crossings.get(event.gate, {}), event, now)
        for event in reversed(ctx.store.events(gates))
    ]


def _page(request: Request, viewer: Viewer, status: int = 200, **extra: object) -> Response:
    ctx = staff(request)
    lang = ui_lang(request)
    return page(
        request, "events.html", status, title=translator(lang)("nav.events"),
        comparisons=_listing(request, viewer), gates=ctx.gates.visible(viewer.gates),
        kinds=EVENT_KINDS, today=today(ctx.now()), weeks=before_after.DEFAULT_WEEKS,
        names={g.id: g.short(lang) for g in ctx.gates.visible(viewer.gates)}, **extra,
    )  # fmt: skip


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], saved: str = ""
) -> Response:
    return _page(request, viewer, saved=saved == "1")


@router.post("/events", dependencies=[Depends(check_csrf)])
def add_event(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    gate: Annotated[str, Form(max_length=64)],
    kind: Annotated[str, Form(max_length=32)],
    day: Annotated[str, Form(max_length=32)],
    device: Annotated[str, Form(max_length=64)] = "",
    note: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    ctx = staff(request)
    if gate not in ctx.gates.all():
        raise NotFoundError
    require_gate(viewer, gate)
    try:
        event = _checked(request, viewer, gate, kind, day, device.strip(), note.strip())
    except EventError as error:
        message = translator(ui_lang(request))(str(error), limit=MAX_NOTE)
        return _page(request, viewer, 400, error=message)
    ctx.store.add_event(event)
    ctx.reports.clear()
    return RedirectResponse("/events?saved=1", status_code=303)


def _checked(
    request: Request, viewer: Viewer, gate: str, kind: str, day: str, device: str, note: str
) -> GateEvent:
    ctx = staff(request)
    if kind not in EVENT_KINDS:
        raise EventError("events.bad_kind")
    try:
        when = date.fromisoformat(day)
    except ValueError as error:
        raise EventError("events.bad_day") from error
    if when > today(ctx.now()):
        raise EventError("events.future_day")
    if when < EARLIEST:
        raise EventError("events.bad_day")
    if device:
        found = ctx.store.device(device)
        if found is None or found.gate != gate:
            raise EventError("events.bad_device")
    if len(note) > MAX_NOTE:
        raise EventError("events.long_note")
    return GateEvent(0, gate, device or None, kind, when, note, ctx.now(), viewer.user.username)
