"""The verdict rules: every staff member sees the versions; an admin saves a new one."""

from __future__ import annotations

from dataclasses import fields
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hub.evidence.rules import RULE_NAMES, PolicyRules, RulesError
from hub.staff.messages import translator
from hub.staff.render import page
from hub.staff.security import Viewer, check_csrf, require_admin, require_viewer, staff, ui_lang

router = APIRouter(tags=["staff: rules"])
MAX_NOTE = 200


def _page(request: Request, status: int = 200, **extra: object) -> Response:
    lang = ui_lang(request)
    versions = staff(request).store.rules_versions()
    return page(
        request, "rules.html", status, title=translator(lang)("nav.rules"), versions=versions,
        names=RULE_NAMES, current=versions[0] if versions else None, **extra,
    )  # fmt: skip


@router.get("/rules", response_class=HTMLResponse)
def rules_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], saved: str = ""
) -> Response:
    return _page(request, saved=saved == "1")


@router.post("/rules", dependencies=[Depends(check_csrf)])
async def save_rules(
    request: Request, viewer: Annotated[Viewer, Depends(require_admin)]
) -> Response:
    form = await request.form()
    t = translator(ui_lang(request))
    values: dict[str, float] = {}
    for item in fields(PolicyRules):
        text = str(form.get(item.name, "")).strip().replace(",", ".")
        try:
            values[item.name] = float(text)
        except ValueError:
            return _page(request, 400, error=t("rules.bad_number", name=t(f"rule.{item.name}")))
    note = str(form.get("note", "")).strip()
    if len(note) > MAX_NOTE:
        return _page(request, 400, error=t("events.long_note", limit=MAX_NOTE))
    try:
        rules = PolicyRules(**values)
    except RulesError as error:
        return _page(request, 400, error=t("rules.refused", detail=str(error)))
    ctx = staff(request)
    ctx.store.save_rules(rules, viewer.user.username, note, ctx.now())
    ctx.reports.clear()
    return RedirectResponse("/rules?saved=1", status_code=303)
