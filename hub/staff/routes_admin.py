"""Admin pages: staff accounts, and kiosks (enrolment codes, revocation)."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hub.staff.accounts import ROLES, AccountError
from hub.staff.formatting import utc_moment
from hub.staff.messages import translator
from hub.staff.render import csv_download, page
from hub.staff.security import NotFoundError, Viewer, check_csrf, require_admin, staff, ui_lang
from hub.staff.tables import Column, Table

logger = logging.getLogger(__name__)

router = APIRouter(tags=["staff: admin"])
Admin = Annotated[Viewer, Depends(require_admin)]


def _users_table(request: Request) -> Table:
    ctx = staff(request)
    t = translator(ui_lang(request))
    provinces = ctx.gates.provinces()
    lang = ui_lang(request)
    table = Table(
        "users", t("users.table"),
        [Column(t("col.username")), Column(t("col.role")), Column(t("col.province")),
         Column(t("col.active"), "bool"), Column(t("col.created"), "time"),
         Column(t("col.last_login"), "time")],
    )  # fmt: skip
    for user in ctx.accounts.all():
        province = provinces.get(user.province or "", {}).get(lang) or user.province
        table.rows.append(
            [user.username, t(f"role.{user.role}"), province or t("all"), user.active,
             utc_moment(user.created_at), utc_moment(user.last_login_at)]
        )  # fmt: skip
    return table


def _users_page(request: Request, status: int = 200, **extra: object) -> Response:
    ctx = staff(request)
    return page(
        request, "users.html", status, title=translator(ui_lang(request))("nav.users"),
        table=_users_table(request), users=ctx.accounts.all(), roles=ROLES,
        provinces=ctx.gates.provinces(), **extra,
    )  # fmt: skip


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, viewer: Admin, saved: str = "") -> Response:
    return _users_page(request, saved=saved == "1")


@router.get("/users.csv")
def users_csv(request: Request, viewer: Admin) -> Response:
    return csv_download(_users_table(request), "users")


@router.post("/users", dependencies=[Depends(check_csrf)])
def add_user(
    request: Request,
    viewer: Admin,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    role: Annotated[str, Form(max_length=16)],
    province: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    ctx = staff(request)
    if province and province not in ctx.gates.provinces():
        return _users_page(request, 400, error=f"unknown province {province!r}")
    try:
        ctx.accounts.add(username, password, role, province or None)
    except AccountError as error:
        return _users_page(request, 400, error=str(error))
    logger.info("%s created account %s", viewer.user.username, username)
    return RedirectResponse("/users?saved=1", status_code=303)


@router.post("/users/{user_id}/active", dependencies=[Depends(check_csrf)])
def set_active(
    request: Request, user_id: int, viewer: Admin, active: Annotated[bool, Form()]
) -> Response:
    ctx = staff(request)
    user = ctx.accounts.get(user_id)
    if user is None:
        raise NotFoundError
    if not active and user.id == viewer.user.id:
        return _users_page(request, 400, error=translator(ui_lang(request))("users.not_self"))
    ctx.accounts.set_active(user_id, active)
    logger.info("%s set %s active=%s", viewer.user.username, user.username, active)
    return RedirectResponse("/users?saved=1", status_code=303)


@router.post("/users/{user_id}/password", dependencies=[Depends(check_csrf)])
def set_password(
    request: Request, user_id: int, viewer: Admin, password: Annotated[str, Form(max_length=256)]
) -> Response:
    ctx = staff(request)
    if ctx.accounts.get(user_id) is None:
        raise NotFoundError
    try:
        ctx.accounts.set_password(user_id, password)
    except AccountError as error:
        return _users_page(request, 400, error=str(error))
    return RedirectResponse("/users?saved=1", status_code=303)


# -- kiosks ---------------------------------------------------------------------------------


def _devices_table(request: Request) -> Table:
    ctx = staff(request)
    lang = ui_lang(request)
    t = translator(lang)
    table = Table(
        "devices", t("devices.table"),
        [Column(t("col.kiosk")), Column(t("col.gate")), Column(t("col.state")),
         Column(t("col.created"), "time"), Column(t("col.enrolled"), "time"), Column(t("col.revoked"), "time")],
    )  # fmt: skip
    for device in ctx.store.devices():
        table.rows.append(
            [device.id, ctx.gates.get(device.gate).short(lang), t(f"device.{device.status}"),
             device.created_at, device.enrolled_at, device.revoked_at]
        )  # fmt: skip
    return table


def _devices_page(request: Request, status: int = 200, **extra: object) -> Response:
    ctx = staff(request)
    return page(
        request, "devices.html", status, title=translator(ui_lang(request))("nav.devices"),
        table=_devices_table(request), devices=ctx.store.devices(),
        gates=list(ctx.gates.all().values()), **extra,
    )  # fmt: skip


@router.get("/devices", response_class=HTMLResponse)
def devices_page(request: Request, viewer: Admin) -> Response:
    return _devices_page(request)


@router.get("/devices.csv")
def devices_csv(request: Request, viewer: Admin) -> Response:
    return csv_download(_devices_table(request), "kiosks")


@router.post("/devices", dependencies=[Depends(check_csrf)])
def issue_code(
    request: Request, viewer: Admin, gate: Annotated[str, Form(max_length=64)]
) -> Response:
    from hub.devices.enrolment import EnrolmentError, issue_device

    ctx = staff(request)
    if gate not in ctx.gates.all():
        return _devices_page(request, 400, error=f"unknown gate {gate!r}")
    try:
        device, code = issue_device(ctx.store, gate)
    except EnrolmentError as error:
        return _devices_page(request, 400, error=str(error))
    logger.info("%s issued an enrolment code for %s (%s)", viewer.user.username, device.id, gate)
    return _devices_page(request, issued=(device.id, code))


@router.post("/devices/{device_id}/revoke", dependencies=[Depends(check_csrf)])
def revoke(request: Request, device_id: str, viewer: Admin) -> Response:
    ctx = staff(request)
    if ctx.store.device(device_id) is None:
        raise NotFoundError
    ctx.store.revoke(device_id)
    logger.info("%s revoked kiosk %s", viewer.user.username, device_id)
    return RedirectResponse("/devices", status_code=303)
