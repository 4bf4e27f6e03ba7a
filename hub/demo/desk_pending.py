"""The demo desk's work beyond translations: settings and a picture waiting for a second
person, and articles written from unanswered searches (one published, one still a draft)."""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from hub.desk.evidence_store import EvidenceDrafts
from hub.desk.file_changes import FileChanges
from hub.desk.roles import DeskPowers
from hub.desk.shared_items import entry, with_entry
from hub.desk.store import DeskStore
from hub.desk.texts import Draft
from hub.desk.workflow import article_info, save_draft
from hub.staff.context import HUB_DB
from hub.store.records import time_text

logger = logging.getLogger(__name__)

PUBLISHED_DAYS_AGO = 21


def seed_pending(data_dir: Path, store: DeskStore, author: DeskPowers) -> None:
    changes = FileChanges(Path(data_dir) / HUB_DB)
    evidence = EvidenceDrafts(Path(data_dir) / HUB_DB)
    try:
        _contact_change(store, changes)
        _picture(store, changes)
        _from_searches(store, evidence, author)
    finally:
        changes.close()
        evidence.close()


def _contact_change(store: DeskStore, changes: FileChanges) -> None:
    """The ambulance contact's English note, changed through the contact form's own path."""
    ambulance = entry(store.file, "contacts.yaml", "ambulance")
    if ambulance is None:
        return
    note = dict(ambulance.get("note") or {}, en="Free call, 24 hours. Say where you are.")
    text = with_entry(store.file, "contacts.yaml", "ambulance", {**ambulance, "note": note})
    changes.propose("contacts.yaml", text.encode(), "bien-tap", "contact ambulance")


def _picture(store: DeskStore, changes: FileChanges) -> None:
    """A drawn picture (a gate and a road) proposed for the first article."""
    articles = sorted(store.articles())
    if not articles:
        return
    image = Image.new("RGB", (800, 450), (214, 232, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 300, 800, 450), fill=(120, 160, 90))
    draw.polygon([(340, 450), (460, 450), (420, 300), (380, 300)], fill=(90, 90, 90))
    draw.rectangle((250, 150, 550, 300), fill=(200, 60, 50))
    draw.rectangle((330, 210, 470, 300), fill=(240, 230, 210))
    out = io.BytesIO()
    image.save(out, "PNG")
    from hub.desk.images import check_image

    checked = check_image(out.getvalue(), "image/png", "gate.png")
    path = f"images/{checked.sha256[:16]}{checked.suffix}"
    store.put_file(path, checked.data, "bien-tap", "image file")
    meta_path = f"articles/{articles[0]}/article.yaml"
    meta = (store.file(meta_path) or b"").decode("utf-8").rstrip("\n")
    changes.propose(meta_path, f"{meta}\nimage: {path}\n".encode(), "bien-tap", f"picture {path}")


def _from_searches(store: DeskStore, evidence: EvidenceDrafts, author: DeskPowers) -> None:
    """'lost passport' is answered by a published article; 'train to hanoi' is a new draft."""
    published = datetime.now(UTC) - timedelta(days=PUBLISHED_DAYS_AGO)
    if "lost-passport" in store.articles():
        evidence.note("lost-passport", "lost passport", "en", "", "bien-tap")
        evidence.published(["lost-passport"], time_text(published))
    if "train-to-hanoi" in store.articles() or "transport" not in _topics(store):
        return
    store.add_article(
        "train-to-hanoi", "en", b"topic: transport\ngates: all\n", author.user.username
    )
    evidence.note("train-to-hanoi", "train to hanoi", "en", "", author.user.username)
    info = article_info(store, "train-to-hanoi")
    draft = Draft(
        {"title": "Train to Ha Noi", "summary": "Where to buy tickets near the gate.",
         "source": "Vietnam Railways", "source_url": "https://dsvn.vn", "as_of": "2026-12-01",
         "review_by": "2027-06-01", "takeaway_url": ""},
        "Tickets are sold at the station and online.",
    )  # fmt: skip
    if info is not None:
        save_draft(store, author, info, "en", draft, 0)


def _topics(store: DeskStore) -> str:
    return (store.file("topics.yaml") or b"").decode("utf-8", "replace")
