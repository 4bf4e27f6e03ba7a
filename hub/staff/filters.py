"""The period, province and gate a report page shows, checked against what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Query, Request

from hub.reports import period as periods
from hub.reports.gates import GateInfo
from hub.reports.period import FuturePeriodError, Period, PeriodError
from hub.staff.context import StaffContext
from hub.staff.security import (
    NotFoundError,
    Viewer,
    require_gate,
    require_province,
    require_viewer,
    staff,
)

PRESET_DAYS = (7, 30, 90)

Days = Annotated[int | None, Query(ge=1, le=periods.MAX_DAYS)]
"""The `days` query parameter of report pages: the last N days, up to the longest period."""


class BadFilterError(ValueError):
    """A period or filter value that cannot be used (shown to the user, status 400)."""


def bad_period(error: PeriodError) -> BadFilterError:
    """A period refused: a date after today says so in the page's language."""
    return BadFilterError(FUTURE_MESSAGE if isinstance(error, FuturePeriodError) else str(error))


FUTURE_MESSAGE = "error.future_period"
"""The message key of a period in the future (error.html translates 'error.' keys)."""


@dataclass(frozen=True)
class Selection:
    period: Period
    province: str = ""
    gate: str = ""
    gates: frozenset[str] | None = None
    """Gates the page covers; None for all."""
    options: list[GateInfo] = field(default_factory=list)
    """Gates the viewer may pick from."""
    provinces: dict[str, dict[str, str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    def query(self, **overrides: object) -> str:
        values: dict[str, object] = {
            "since": self.period.first.isoformat(),
            "until": self.period.last.isoformat(),
            "province": self.province,
            "gate": self.gate,
            **self.extra,
        }
        values.update(overrides)
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})

    @property
    def scope(self) -> str:
        """The gate or province the page is narrowed to, else "all"."""
        return self.gate or self.province or "all"

    def file_name(self, *parts: str) -> str:
        """A download's name: the parts, then the period's first and last day."""
        return "-".join([*parts, self.period.first.isoformat(), self.period.last.isoformat()])

    def presets(self) -> list[tuple[int, str]]:
        shown = {k: v for k, v in (("province", self.province), ("gate", self.gate)) if v}
        return [(days, urlencode({"days": days, **shown, **self.extra})) for days in PRESET_DAYS]


def select(
    ctx: StaffContext,
    viewer: Viewer,
    since: str | None = None,
    until: str | None = None,
    province: str | None = None,
    gate: str | None = None,
    days: int | None = None,
    extra: dict[str, str] | None = None,
) -> Selection:
    try:
        if days is not None and not since and not until:
            if not 1 <= days <= periods.MAX_DAYS:
                raise PeriodError(f"days: 1 to {periods.MAX_DAYS}")
            period = periods.last_days(days, now=ctx.now())
        else:
            period = periods.parse(since, until, ctx.settings.default_days, ctx.now())
    except PeriodError as error:
        raise bad_period(error) from error
    province = (province or "").strip()
    gate = (gate or "").strip()
    gates = viewer.gates
    provinces = ctx.gates.provinces()
    if province:
        if province not in provinces:
            raise NotFoundError
        require_province(viewer, province)
        gates = frozenset(ctx.gates.in_province(province))
    if gate:
        if gate not in ctx.gates.all():
            raise NotFoundError
        require_gate(viewer, gate)
        gates = frozenset({gate}) if gates is None or gate in gates else frozenset()
    if viewer.province:
        provinces = {viewer.province: provinces.get(viewer.province, {})}
    options = [g for g in ctx.gates.visible(viewer.gates) if not province or g.province == province]
    return Selection(period, province, gate, gates, options, provinces, extra or {})


def selected(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    since: str | None = None,
    until: str | None = None,
    province: str | None = None,
    gate: str | None = None,
    days: Days = None,
) -> Selection:
    """The period, province and gate a report page was asked for, as a route dependency."""
    return select(staff(request), viewer, since, until, province, gate, days)


Selected = Annotated[Selection, Depends(selected)]
"""A report route's parameter for the filters: since, until, province, gate and days."""
