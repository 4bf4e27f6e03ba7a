"""The annual investment review as a printable PDF (HTML through WeasyPrint, Noto fonts for the
five scripts), in Vietnamese or English."""

from __future__ import annotations

import logging

from catalog import LANGUAGES
from hub.evidence.review import Review
from hub.reports.gates import GateDirectory
from hub.staff import answer_view
from hub.staff.messages import translator
from hub.staff.render import environment

logger = logging.getLogger(__name__)

LANGUAGE_NAMES = {
    "vi": "Tiếng Việt", "en": "English", "zh": "中文", "lo": "ພາສາລາວ", "km": "ភាសាខ្មែរ",
}  # fmt: skip
"""Each language named in its own script (the review carries all five)."""
TREND_HEIGHT = 90.0


def review_html(review: Review, gates: GateDirectory, lang: str) -> str:
    t = translator(lang)
    top = max(
        [p.reach.high or 0 for g in review.gates for p in g.trend] + [1.0]
    )  # one scale for every gate's trend, so gates compare at a glance
    return environment.get_template("review.html").render(
        review=review, gates=gates, lang=lang, t=t, languages=LANGUAGES,
        language_names=LANGUAGE_NAMES, reasons={
            g.row.gate: answer_view.reason_text(g.row.decision, lang, t) for g in review.gates
        },
        scale=TREND_HEIGHT / top, trend_height=TREND_HEIGHT, rules=review.card.rules,
        counts=answer_view.verdict_counts(review.card),
    )  # fmt: skip


def review_pdf(review: Review, gates: GateDirectory, lang: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only this needs

    logging.getLogger("fontTools").setLevel(logging.WARNING)
    return HTML(string=review_html(review, gates, lang)).write_pdf()
