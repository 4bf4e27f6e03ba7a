"""The desk's share of the staff app: its store, who holds which desk role, and the publish step."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response

from hub.desk.evidence_store import EvidenceDrafts
from hub.desk.feed_store import FeedStore
from hub.desk.file_changes import FileChanges
from hub.desk.folder import import_folder
from hub.desk.preview_source import desk_preview
from hub.desk.roles import DeskPowers, DeskRoles
from hub.desk.store import DeskStore
from hub.desk.workflow import DeskForbiddenError
from hub.staff.context import HUB_DB, StaffContext
from hub.staff.render import page
from hub.staff.security import ForbiddenError, require_viewer

logger = logging.getLogger(__name__)


@dataclass
class DeskContext:
    store: DeskStore
    feeds: FeedStore
    roles: DeskRoles
    data_dir: Path
    content_dir: Path
    evidence: EvidenceDrafts
    changes: FileChanges

    def close(self) -> None:
        self.store.close()
        self.feeds.close()
        self.evidence.close()
        self.changes.close()

    def working(self, path: str) -> bytes | None:
        """A settings file or article file as editors see it: the newest proposal waiting
        for review, else as approved."""
        return self.changes.working(self.store, path)


def install_desk(app: FastAPI, staff_ctx: StaffContext) -> DeskContext:
    """Open the desk; a desk still empty starts from the authoring folder, if there is one."""
    from hub.desk import (
        routes_admin,
        routes_changes,
        routes_edit,
        routes_evidence,
        routes_feeds,
        routes_files,
        routes_items,
        routes_list,
        routes_preview,
    )

    ctx = DeskContext(
        DeskStore(staff_ctx.data_dir / HUB_DB),
        FeedStore(staff_ctx.data_dir / HUB_DB),
        DeskRoles(staff_ctx.db),
        staff_ctx.data_dir,
        staff_ctx.content_dir,
        EvidenceDrafts(staff_ctx.data_dir / HUB_DB),
        FileChanges(staff_ctx.data_dir / HUB_DB),
    )
    if not ctx.store.articles() and (ctx.content_dir / "gates.yaml").is_file():
        import_folder(ctx.store, ctx.content_dir, "import-folder")
    app.state.desk = ctx
    app.state.preview_source = lambda channel, article: desk_preview(
        ctx.store, ctx.changes, channel, article
    )
    for module in (
        routes_list,
        routes_files,
        routes_feeds,
        routes_evidence,
        routes_items,
        routes_changes,
        routes_edit,
        routes_admin,
        routes_preview,
    ):
        app.include_router(module.router)
    app.add_exception_handler(DeskForbiddenError, _forbidden_page)
    return ctx


async def _forbidden_page(request: Request, _: Exception) -> Response:
    return page(
        request, "error.html", 403, heading="error.forbidden", detail="error.forbidden_detail"
    )


def desk(request: Request) -> DeskContext:
    return request.app.state.desk


def require_powers(request: Request) -> DeskPowers:
    viewer = require_viewer(request)
    roles = desk(request).roles.of(viewer.user.id)
    return DeskPowers(viewer.user, roles, viewer.gates)


def require_role(powers: DeskPowers, role: str) -> None:
    if not powers.has(role):
        raise ForbiddenError
