"""A small catalog with real text in all five languages."""

from __future__ import annotations

from typing import Any

from catalog import Catalog

SOURCE = {"name": "Cổng thông tin tỉnh Quảng Ninh", "url": "https://www.quangninh.gov.vn/"}
IMAGE = "ab" * 32


def translation(title: str, body: str, summary: str = "") -> dict[str, Any]:
    return {
        "title": title,
        "summary": summary,
        "body": [{"kind": "paragraph", "spans": [{"text": body}]}],
        "source": SOURCE,
        "as_of": "2025-05-01",
    }


ARTICLES: list[dict[str, Any]] = [
    {
        "id": "e-visa",
        "topic": "entry-visa",
        "priority": 10,
        "featured": True,
        "image": IMAGE,
        "translations": {
            "vi": translation(
                "Thủ tục xin thị thực điện tử",
                "Bạn có thể xin thị thực trực tuyến trước khi đến cửa khẩu.",
            ),
            "en": translation(
                "How to apply for an e-visa",
                "Apply online before you travel. It is valid for 90 days.",
                summary="Online, before you travel.",
            ),
            "zh": translation("如何申请电子签证", "出发前请在网上申请电子签证，有效期为九十天。"),
            "lo": translation("ວິທີຂໍວີຊາເອເລັກໂຕຣນິກ", "ທ່ານສາມາດຂໍວີຊາທາງອອນລາຍກ່ອນເດີນທາງ."),
            "km": translation(
                "របៀបស្នើសុំទិដ្ឋាការអេឡិចត្រូនិក",
                "អ្នកអាចស្នើសុំទិដ្ឋាការតាមអ៊ីនធឺណិតមុនពេលធ្វើដំណើរ។",
            ),
        },
    },
    {
        "id": "road-to-town",
        "topic": "transport",
        "priority": 20,
        "featured": True,
        "translations": {
            "vi": translation(
                "Đường bộ từ cửa khẩu về thành phố", "Xe buýt chạy mỗi ba mươi phút."
            ),
            "en": translation("Getting to town by road", "Buses leave every thirty minutes."),
            "zh": translation("从口岸到市区的交通", "公交车每三十分钟一班。"),
            "lo": translation("ການເດີນທາງໄປຕົວເມືອງ", "ລົດເມອອກທຸກໆສາມສິບນາທີ."),
            "km": translation("ការធ្វើដំណើរទៅទីក្រុង", "ឡានក្រុងចេញរៀងរាល់សាមសិបនាទី។"),
        },
    },
    {
        "id": "money-exchange",
        "topic": "money",
        "priority": 30,
        "translations": {
            "vi": translation("Đổi tiền tại cửa khẩu", "Quầy đổi tiền nhận thẻ Visa và tiền mặt."),
            "en": translation("Changing money", "Exchange desks take cards and cash."),
        },
    },
    {
        "id": "cash-declaration",
        "topic": "customs",
        "priority": 40,
        "translations": {
            "vi": translation("Khai báo hải quan", "Khai báo khi mang trên 5.000 đô la Mỹ."),
            "en": translation("Declaring at customs", "Declare more than USD 5,000 in cash."),
        },
    },
    {
        "id": "lao-market",
        "topic": "money",
        "priority": 50,
        "translations": {
            "lo": translation("ຕະຫຼາດຊາຍແດນ", "ຕະຫຼາດເປີດທຸກມື້."),
            "km": translation("ផ្សារព្រំដែន", "ផ្សារបើករាល់ថ្ងៃ។"),
        },
    },
]

TOPICS = [
    {
        "id": "entry-visa",
        "order": 10,
        "icon": "passport",
        "title": {
            "vi": "Nhập cảnh và thị thực",
            "en": "Entry and visas",
            "zh": "入境与签证",
            "lo": "ການເຂົ້າເມືອງ ແລະ ວີຊາ",
            "km": "ការចូលប្រទេស និងទិដ្ឋាការ",
        },
    },
    {"id": "money", "order": 30, "icon": "money", "title": {"vi": "Tiền tệ", "en": "Money"}},
    {"id": "customs", "order": 20, "icon": "customs", "title": {"vi": "Hải quan", "zh": "海关"}},
    {"id": "transport", "order": 40, "icon": "bus", "title": {"en": "Transport"}},
]

CONTACTS = [
    {
        "id": "police",
        "kind": "police",
        "number": "113",
        "name": {"vi": "Công an", "en": "Police", "zh": "警察", "lo": "ຕຳຫຼວດ", "km": "ប៉ូលីស"},
        "note": {"en": "Say where you are."},
    },
    {"id": "border-office", "kind": "border-office", "number": "+84 203 388 1234",
     "name": {"vi": "Đồn biên phòng", "en": "Border guard post"}},
]  # fmt: skip


def catalog_document(
    version: int = 1, articles: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "channel": "mong-cai",
        "content_version": version,
        "generated_at": "2025-05-02T08:00:00+07:00",
        "gate": {
            "id": "mong-cai",
            "name": {"vi": "Cửa khẩu quốc tế Móng Cái", "en": "Mong Cai International Border Gate"},
            "province": {"vi": "Quảng Ninh", "en": "Quang Ninh Province"},
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
        "topics": TOPICS,
        "articles": ARTICLES if articles is None else articles,
        "contacts": CONTACTS,
        "assets": [{"sha256": IMAGE, "media_type": "image/png", "size": 1234}],
    }


def make_catalog(version: int = 1, articles: list[dict[str, Any]] | None = None) -> Catalog:
    return Catalog.model_validate(catalog_document(version, articles))
