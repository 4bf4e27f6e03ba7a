"""Tiny catalog documents for tests: real text in all five languages, easy to break on purpose."""

from __future__ import annotations

import copy
from typing import Any

_TEXTS = {
    "vi": ("Thủ tục nhập cảnh", "Đường đến cửa khẩu và thủ tục hải quan."),
    "en": ("Entry procedure", "How to pass immigration and customs at the gate."),
    "zh": ("入境手续", "如何在口岸办理移民和海关手续。"),
    "lo": ("ຂັ້ນຕອນການເຂົ້າເມືອງ", "ວິທີຜ່ານດ່ານກວດຄົນເຂົ້າເມືອງ ແລະ ພາສີ."),
    "km": ("នីតិវិធីចូលប្រទេស", "របៀបឆ្លងកាត់អន្តោប្រវេសន៍ និងគយនៅច្រកព្រំដែន។"),
}


def translation(lang: str = "en", **overrides: Any) -> dict[str, Any]:
    title, body = _TEXTS[lang]
    value: dict[str, Any] = {
        "title": title,
        "summary": body,
        "body": [{"kind": "paragraph", "spans": [{"text": body}]}],
        "source": {"name": "Viet Nam Immigration Department", "url": "https://xuatnhapcanh.gov.vn"},
        "as_of": "2026-11-01",
    }
    value.update(overrides)
    return value


def article(
    article_id: str = "entry-procedure",
    langs: tuple[str, ...] = ("vi", "en", "zh", "lo", "km"),
    **overrides: Any,
) -> dict[str, Any]:
    value: dict[str, Any] = {
        "id": article_id,
        "topic": "entry-visa",
        "priority": 10,
        "translations": {lang: translation(lang) for lang in langs},
    }
    value.update(overrides)
    return value


_DOCUMENT: dict[str, Any] = {
    "channel": "mong-cai",
    "content_version": 1,
    "generated_at": "2026-11-26T00:00:00+00:00",
    "gate": {
        "id": "mong-cai",
        "name": {"vi": "Cửa khẩu Móng Cái", "en": "Mong Cai Border Gate", "zh": "芒街口岸"},
        "province": {"vi": "Quảng Ninh", "en": "Quang Ninh"},
        "neighbour_country": "CN",
        "timezone": "Asia/Ho_Chi_Minh",
    },
    "languages": [
        {"code": "zh", "fallback": ["en", "vi"]},
        {"code": "vi", "fallback": ["en"]},
        {"code": "en", "fallback": ["vi"]},
        {"code": "lo", "fallback": ["en", "vi"]},
        {"code": "km", "fallback": ["en", "vi"]},
    ],
    "topics": [
        {
            "id": "entry-visa",
            "order": 10,
            "icon": "passport",
            "title": {
                "vi": "Nhập cảnh",
                "en": "Entry",
                "zh": "入境",
                "lo": "ເຂົ້າເມືອງ",
                "km": "ការចូលប្រទេស",
            },
        }
    ],
    "articles": [],
    "contacts": [
        {
            "id": "police",
            "kind": "police",
            "number": "113",
            "name": {"vi": "Công an", "en": "Police"},
        }
    ],
    "assets": [],
}


def catalog_document(**overrides: Any) -> dict[str, Any]:
    """A valid catalog document with one article in five languages; override any top-level key."""
    document = copy.deepcopy(_DOCUMENT)
    document["articles"] = [article()]
    document.update(overrides)
    return document
