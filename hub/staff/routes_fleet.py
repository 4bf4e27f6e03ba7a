"""The fleet page: every kiosk's heartbeat, content version and health, and the alert list."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from hub.desk.access import desk
from hub.desk.alerts import overdue_alert_rows
from hub.desk.store import DeskStore
from hub.reports.fleet import Alert, FleetRules, KioskStatus, alerts, kiosk_statuses
from hub.staff.context import StaffContext
from hub.staff.filters import Selection, select
from hub.staff.messages import translate, translator
from hub.staff.render import page, table_csv
from hub.staff.security import Viewer, require_viewer, staff, ui_lang
from hub.staff.tables import Column, Table

router = APIRouter(tags=["staff: fleet"])

OfflineHours = Annotated[float | None, Query(ge=0.25, le=24 * 90)]


def _tables(
    ctx: StaffContext,
    sel: Selection,
    lang: str,
    offline_hours: float | None,
    desk_store: DeskStore | None = None,
) -> tuple[dict[str, Table], list[KioskStatus], list[Alert]]:
    rules = ctx.settings.fleet
    if offline_hours is not None:
        rules = replace(rules, offline_alert_hours=offline_hours)
    now = datetime.now(UTC)
    devices = ctx.store.devices(sel.gates)
    beats = ctx.store.latest_heartbeats(sel.gates)
    statuses = kiosk_statuses(devices, beats, ctx.content.latest(), now, rules)
    found = alerts(statuses, now, rules)
    tables = _kiosk_table(ctx, statuses, lang, now) | _alert_table(ctx, found, lang, rules)
    tables["alerts"].rows.extend(overdue_alert_rows(desk_store, sel.gates, translator(lang)))
    return (
        tables,
        statuses,
        found,
    )


def _kiosk_table(
    ctx: StaffContext, statuses: list[KioskStatus], lang: str, now: datetime
) -> dict[str, Table]:
    t = translator(lang)
    table = Table(
        "kiosks",
        t("fleet.kiosks"),
        [
            Column(t("col.kiosk")), Column(t("col.gate")), Column(t("col.province")),
            Column(t("col.state")), Column(t("col.last_heartbeat"), "time"),
            Column(t("col.content_version"), "int"), Column(t("col.latest_version"), "int"),
            Column(t("col.last_sync_error")), Column(t("col.free_disk"), "size"),
            Column(t("col.clock_skew_s"), "num", 0), Column(t("col.errors"), "int"),
        ],
    )  # fmt: skip
    for status in statuses:
        gate = ctx.gates.get(status.device.gate)
        beat = status.heartbeat
        state = (
            "revoked"
            if status.device.status == "revoked"
            else ("online" if status.online else "offline")
        )
        table.links[len(table.rows)] = f"/gates/{gate.id}"
        table.rows.append(
            [
                status.device.id, gate.short(lang), gate.province_label(lang), t(f"state.{state}"),
                status.last_seen, status.content_version, status.latest_version,
                status.last_error, beat.disk_free_bytes if beat else None,
                beat.clock_skew_s if beat else None, status.error_count,
            ]
        )  # fmt: skip
    return {"kiosks": table}


def _alert_table(
    ctx: StaffContext, found: list[Alert], lang: str, rules: FleetRules
) -> dict[str, Table]:
    t = translator(lang)
    table = Table(
        "alerts",
        t("fleet.alerts"),
        [Column(t("col.alert")), Column(t("col.kiosk")), Column(t("col.gate")), Column(t("col.detail")), Column(t("col.since"), "time")],
        note=t("fleet.alerts_note", hours=f"{rules.offline_alert_hours:g}", stale=f"{rules.stale_alert_hours:g}", errors=rules.error_alert_count),
    )  # fmt: skip
    for alert in found:
        table.rows.append(
            [
                t(f"alert.{alert.kind}"),
                alert.device_id,
                ctx.gates.get(alert.gate).short(lang),
                alert.detail,
                alert.since,
            ]
        )
    return {"alerts": table}


@router.get("/fleet", response_class=HTMLResponse)
def fleet_page(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    province: str | None = None,
    gate: str | None = None,
    offline_hours: OfflineHours = None,
) -> Response:
    ctx = staff(request)
    sel = select(ctx, viewer, province=province, gate=gate)
    lang = ui_lang(request)
    tables, statuses, found = _tables(ctx, sel, lang, offline_hours, desk(request).store)
    summary = {
        "kiosks": len(statuses),
        "online": sum(s.online for s in statuses),
        "offline": sum(not s.online and s.device.status == "active" for s in statuses),
        "alerts": len(found),
    }
    return page(
        request, "fleet.html", title=translate("nav.fleet", lang), sel=sel, tables=tables,
        summary=summary, offline_hours=f"{offline_hours or ctx.settings.fleet.offline_alert_hours:g}",
    )  # fmt: skip


@router.get("/fleet.csv")
def fleet_csv(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    table: str = "kiosks",
    province: str | None = None,
    gate: str | None = None,
    offline_hours: OfflineHours = None,
) -> Response:
    ctx = staff(request)
    sel = select(ctx, viewer, province=province, gate=gate)
    tables, _, _ = _tables(ctx, sel, ui_lang(request), offline_hours, desk(request).store)
    return table_csv(tables, table, f"fleet-{table}")
