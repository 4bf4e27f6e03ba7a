"""The publishing view (admins): check the authoring folder, publish, and see who runs which version."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from catalog import LANGUAGES
from hub.reports.publishing import CheckCache, role_statuses
from hub.sourcefile import ContentError
from hub.staff.context import StaffContext
from hub.staff.formatting import utc_moment
from hub.staff.messages import translator
from hub.staff.render import page, table_csv
from hub.staff.scorecard_view import Translate
from hub.staff.security import Viewer, check_csrf, require_admin, staff, ui_lang
from hub.staff.tables import Column, Table

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: publishing"])


def _checks(ctx: StaffContext) -> CheckCache:
    cache = getattr(ctx, "_check_cache", None)
    if cache is None or cache.content_dir != ctx.content_dir:
        cache = CheckCache(ctx.content_dir)
        ctx._check_cache = cache  # type: ignore[attr-defined]
    return cache


def _tables(ctx: StaffContext, lang: str) -> tuple[dict[str, Table], list[str]]:
    t = translator(lang)
    check = _checks(ctx).get()
    latest = ctx.content.latest()
    devices = [d for d in ctx.store.devices() if d.status == "active"]
    beats = ctx.store.latest_heartbeats()
    channels = Table(
        "channels", t("publish.channels"),
        [Column(t("col.channel")), Column(t("col.gate")), Column(t("col.articles"), "int"),
         Column(t("col.topics"), "int"), Column(t("col.offered")), Column(t("col.check")),
         Column(t("col.latest_version"), "int"), Column(t("col.kiosks_current"))],
    )  # fmt: skip
    problems = list(check.problems)
    for item in check.channels:
        problems.extend(item.problems)
        on_channel = [d for d in devices if d.gate == item.channel]
        version = latest.get(item.channel, (None, None))[0]
        current = sum(
            1
            for d in on_channel
            if d.id in beats and version is not None and beats[d.id].content_version == version
        )
        found = item.catalog
        channels.rows.append(
            [item.channel, ctx.gates.get(item.channel).short(lang),
             len(found.articles) if found else None, len(found.topics) if found else None,
             " ".join(o.code for o in found.languages) if found else None,
             t("publish.ok") if not item.problems else t("publish.problems", count=len(item.problems)),
             version, f"{current} / {len(on_channel)}"]
        )  # fmt: skip
    coverage = Table(
        "coverage",
        t("demand.coverage"),
        [Column(t("col.article")), *(Column(t(f"lang.{c}"), "bool") for c in LANGUAGES)],
    )
    merged: dict[str, dict[str, bool]] = {}
    for item in check.channels:
        for article, langs in item.coverage.items():
            merged.setdefault(article, langs)
    for article, langs in sorted(merged.items()):
        coverage.rows.append([article, *(langs.get(c, False) for c in LANGUAGES)])
    kiosks = Table(
        "kiosks", t("publish.kiosk_versions"),
        [Column(t("col.kiosk")), Column(t("col.gate")), Column(t("col.content_version"), "int"),
         Column(t("col.latest_version"), "int"), Column(t("col.last_heartbeat"), "time")],
    )  # fmt: skip
    for device in devices:
        beat = beats.get(device.id)
        kiosks.rows.append(
            [device.id, ctx.gates.get(device.gate).short(lang),
             beat.content_version if beat else None, latest.get(device.gate, (None, None))[0],
             beat.received_at if beat else None]
        )  # fmt: skip
    return {
        "channels": channels,
        "keys": _keys_table(ctx, t),
        "coverage": coverage,
        "kiosks": kiosks,
    }, problems


def _keys_table(ctx: StaffContext, t: Translate) -> Table:
    table = Table(
        "keys", t("publish.keys"),
        [Column(t("col.role")), Column(t("col.key_on_hub"), "bool"), Column(t("col.version"), "int"), Column(t("col.expires"), "time")],
        note=t("publish.keys_note"),
    )  # fmt: skip
    try:
        from hub.publishing.keys import DELEGATED_ROLE, ROLES, KeyStore
    except ImportError:
        return table
    keys = KeyStore(ctx.data_dir / "keys")
    roles = (*ROLES, DELEGATED_ROLE) if keys.exists(DELEGATED_ROLE) else ROLES
    for status in role_statuses(ctx.data_dir, roles, keys.exists):
        table.rows.append(
            [status.role, status.key_on_hub, status.version, utc_moment(status.expires)]
        )
    return table


@router.get("/publishing", response_class=HTMLResponse)
def publishing_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_admin)], done: str = ""
) -> Response:
    ctx = staff(request)
    lang = ui_lang(request)
    tables, problems = _tables(ctx, lang)
    return page(
        request, "publishing.html", title=translator(lang)("nav.publishing"), tables=tables,
        problems=problems[:500], content_dir=ctx.content_dir, done=done == "1",
    )  # fmt: skip


@router.get("/publishing.csv")
def publishing_csv(
    request: Request, viewer: Annotated[Viewer, Depends(require_admin)], table: str = "channels"
) -> Response:
    tables, _ = _tables(staff(request), ui_lang(request))
    return table_csv(tables, table, f"publishing-{table}")


@router.post("/publishing/publish", dependencies=[Depends(check_csrf)])
def publish(request: Request, viewer: Annotated[Viewer, Depends(require_admin)]) -> Response:
    ctx = staff(request)
    lang = ui_lang(request)
    try:
        from hub.publishing.keys import KeyStore
        from hub.publishing.publish import publish_content
    except ImportError:
        return _failed(request, translator(lang)("publish.unavailable"))
    try:
        report = publish_content(ctx.content_dir, ctx.data_dir, KeyStore(ctx.data_dir / "keys"))
    except ContentError as error:
        return _failed(request, "\n".join(error.problems[:50]))
    except Exception as error:  # signing keys missing, repository errors: say so, do not crash
        logger.exception("publish from the staff pages failed")
        return _failed(request, f"{type(error).__name__}: {error}")
    logger.info(
        "%s published: changed %s",
        viewer.user.username,
        ", ".join(report.changed_channels) or "nothing",
    )
    return RedirectResponse("/publishing?done=1", status_code=303)


def _failed(request: Request, message: str) -> Response:
    ctx = staff(request)
    lang = ui_lang(request)
    tables, problems = _tables(ctx, lang)
    return page(
        request, "publishing.html", 400, title=translator(lang)("nav.publishing"), tables=tables,
        problems=problems[:500], content_dir=ctx.content_dir, error=message,
    )  # fmt: skip
