"""Small catalogs for kiosk tests, with real text in all five languages."""

from __future__ import annotations

from typing import Any

from catalog.model import Catalog
from tests.factories import article, catalog_document, translation

TOPIC_TITLES = {
    "customs": {"vi": "Hải quan", "en": "Customs", "zh": "海关", "lo": "ພາສີ", "km": "គយ"},
    "money": {
        "vi": "Tiền tệ và thanh toán",
        "en": "Money and payment",
        "zh": "货币与支付",
        "lo": "ເງິນ ແລະ ການຊຳລະ",
        "km": "រូបិយប័ណ្ណ និងការទូទាត់",
    },
}


def kiosk_document(**overrides: Any) -> dict[str, Any]:
    document = catalog_document()
    document["topics"] += [
        {"id": topic, "order": 20 + i, "icon": icon, "title": titles}
        for i, (topic, icon, titles) in enumerate(
            (
                ("customs", "customs", TOPIC_TITLES["customs"]),
                ("money", "money", TOPIC_TITLES["money"]),
            )
        )
    ]
    visa = article("e-visa", featured=True, priority=5)
    visa["translations"]["en"] = translation(
        "en",
        title="Apply for an e-visa before you travel",
        summary="The e-visa is valid for up to 90 days.",
        body=[
            {"kind": "heading", "spans": [{"text": "Who needs a visa"}]},
            {
                "kind": "paragraph",
                "spans": [
                    {"text": "Most visitors need a visa. "},
                    {"text": "Apply online", "bold": True},
                ],
            },
            {"kind": "item", "spans": [{"text": "Passport valid for six months"}]},
        ],
        takeaway_url="https://evisa.gov.vn",
    )
    money = article("exchange-money", langs=("vi", "en"), topic="money", featured=True)
    money["translations"]["vi"] = translation(
        "vi", title="Đổi tiền ở đâu", summary="Đổi tiền tại ngân hàng được cấp phép."
    )
    money["translations"]["en"] = translation(
        "en", title="Where to change money", summary="Change money at licensed banks."
    )
    duty = article("duty-free", langs=("vi", "en", "zh"), topic="customs")
    document["articles"] = [article(featured=True), visa, money, duty]
    document["contacts"] += [
        {
            "id": "hospital",
            "kind": "hospital",
            "number": "0203 3881 133",
            "name": {"vi": "Bệnh viện Đa khoa Móng Cái", "en": "Mong Cai General Hospital"},
            "address": {"en": "Tue Tinh street, Mong Cai"},
        },
        {
            "id": "border-post",
            "kind": "police-post",
            "number": "0203 3881 234",
            "name": {"vi": "Đồn Biên phòng Cửa khẩu Móng Cái", "en": "Mong Cai Border Guard Post"},
            "note": {"en": "At the gate, next to the passenger hall."},
        },
    ]
    document.update(overrides)
    return document


def kiosk_catalog(**overrides: Any) -> Catalog:
    return Catalog.model_validate(kiosk_document(**overrides))


HOSTILE = "[b]bold[/b] [color=ff0000]red[/color] [ref=x]link[/ref] & [size=200]big[/size]"


def hostile_catalog() -> Catalog:
    """Markup characters in titles, summaries and bodies: they must show as plain text."""
    document = kiosk_document()
    english = document["articles"][0]["translations"]["en"]
    english["title"] = HOSTILE
    english["summary"] = HOSTILE
    english["body"] = [{"kind": "paragraph", "spans": [{"text": HOSTILE}]}]
    document["topics"][0]["title"]["en"] = "[i]Entry[/i] [font=x]"
    return Catalog.model_validate(document)
