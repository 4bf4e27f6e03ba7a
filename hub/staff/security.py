"""Who is asking, what they may see, and whether their form really came from our page.

- The session cookie (`hub_session`) is HttpOnly, SameSite=Strict, Secure over https.
- Every form carries a CSRF token: an HMAC of the session token (or, before login, of a random
  `hub_login` cookie) under the hub's secret. A POST without the right token is refused (403),
  and so is a POST whose Origin header names another site.
- Province analysts see only their province's gates: `Viewer.gates` is the set they may see
  (None: every gate), and `require_gate` / `require_province` refuse anything else with 403.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request

from hub.staff.accounts import User
from hub.staff.context import StaffContext

SESSION_COOKIE = "hub_session"
LOGIN_COOKIE = "hub_login"
LANG_COOKIE = "hub_lang"
UI_LANGUAGES = ("vi", "en")


class LoginRequiredError(Exception):
    """No live session: the browser is sent to the login page."""


class ForbiddenError(Exception):
    """Logged in, but not allowed to see or do this (wrong role or province)."""


class CsrfError(Exception):
    """A form arrived without the right CSRF token, or from another origin."""


class NotFoundError(Exception):
    """An unknown gate, province, user or device in a staff URL."""


@dataclass(frozen=True)
class Viewer:
    user: User
    session_token: str
    gates: frozenset[str] | None
    """Gates this viewer may see; None for every gate."""

    @property
    def province(self) -> str | None:
        return self.user.province


def staff(request: Request) -> StaffContext:
    return request.app.state.staff


def ui_lang(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in UI_LANGUAGES:
        return chosen
    accepted = request.headers.get("accept-language", "")
    return "en" if accepted.lower().startswith("en") else "vi"


def cookie_secure(request: Request) -> bool:
    setting = staff(request).settings.secure_cookies
    return request.url.scheme == "https" if setting is None else setting


def sign(ctx: StaffContext, purpose: str, value: str) -> str:
    return hmac.new(ctx.secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def current_viewer(request: Request) -> Viewer | None:
    cached = getattr(request.state, "viewer", None)
    if cached is not None:
        return cached
    ctx = staff(request)
    token = request.cookies.get(SESSION_COOKIE, "")
    live = ctx.sessions.resume(token) if token else None
    user = ctx.accounts.get(live.user_id) if live else None
    if user is None or not user.active:
        return None
    gates = None
    if user.province:
        gates = frozenset(ctx.gates.in_province(user.province))
    viewer = Viewer(user, token, gates)
    request.state.viewer = viewer
    return viewer


def require_viewer(request: Request) -> Viewer:
    viewer = current_viewer(request)
    if viewer is None:
        raise LoginRequiredError
    return viewer


def require_admin(request: Request) -> Viewer:
    viewer = require_viewer(request)
    if not viewer.user.is_admin:
        raise ForbiddenError
    return viewer


def require_gate(viewer: Viewer, gate: str) -> None:
    if viewer.gates is not None and gate not in viewer.gates:
        raise ForbiddenError


def require_province(viewer: Viewer, province: str) -> None:
    if viewer.province is not None and province != viewer.province:
        raise ForbiddenError


def csrf_token(request: Request) -> str:
    """The token this browser's forms must carry."""
    ctx = staff(request)
    viewer = current_viewer(request)
    if viewer is not None:
        return sign(ctx, "csrf", viewer.session_token)
    nonce = login_nonce(request)
    return sign(ctx, "login", nonce)


def login_nonce(request: Request) -> str:
    """The pre-login nonce, from the cookie or new (the response must then set the cookie)."""
    nonce = request.cookies.get(LOGIN_COOKIE) or getattr(request.state, "login_nonce", None)
    if not nonce or len(nonce) > 64:
        nonce = secrets.token_urlsafe(24)
        request.state.login_nonce = nonce
    return nonce


async def check_csrf(request: Request) -> None:
    """Dependency for every form POST."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
        raise CsrfError
    form = await request.form()
    sent = form.get("csrf_token")
    if not isinstance(sent, str) or not sent:
        raise CsrfError
    ctx = staff(request)
    viewer = current_viewer(request)
    if viewer is not None:
        expected = sign(ctx, "csrf", viewer.session_token)
    else:
        nonce = request.cookies.get(LOGIN_COOKIE)
        if not nonce:
            raise CsrfError
        expected = sign(ctx, "login", nonce)
    if not hmac.compare_digest(sent, expected):
        raise CsrfError


def safe_next(target: str | None) -> str:
    """A local path to go to after login or a language switch; never another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target[:500]
