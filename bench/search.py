"""Search on a synthetic 10,000-article x 5-language catalog, against the bare SQL it issues.

The floor is the FTS5 statement `ContentStore.search` runs for the words as typed (no synonyms),
executed straight on a plain sqlite3 connection; the budget is search latency at most 1.5 x that
floor. The store's time includes folding, Traditional-to-Simplified, the synonym lookup and the
synonyms' extra alternatives. Typed queries (issue 19) are a pinyin, a Khmer and a Lao query as
the on-screen keyboards produce them, timed from the keyboard's text to the result cards. Also reported: the
time to import the catalog (validation excluded) and the size of content.db.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from cache import ContentStore, StateStore
from cache.fallback import fallback_chain
from cache.fold import query_tokens
from cache.search import TRIGRAM, fts_query, search_sql
from catalog import Catalog, dump, load

ARTICLES = 10_000
REPEATS = 7
RATIO_BUDGET = 1.5

WORDS = {
    "vi": "thủ tục nhập cảnh xuất cảnh hộ chiếu thị thực điện tử cửa khẩu hải quan khai báo "
    "tiền mặt đổi tiền ngân hàng đường bộ xe buýt xe khách bến xe bệnh viện cấp cứu công an "
    "biên phòng hành lý thuế miễn phí giờ mở cửa thời tiết khách sạn chợ đêm món ăn điện thoại "
    "thẻ sim internet bảo hiểm y tế tiêm chủng thú cưng hàng hóa nông sản giấy phép lái xe",
    "en": "entry exit passport visa electronic border gate customs declaration cash exchange "
    "bank road bus coach station hospital emergency police border guard luggage tax free "
    "opening hours weather hotel night market food phone card internet health insurance "
    "vaccination pets goods produce driving licence permit allowance duty ticket taxi",
    "zh": "入境 出境 护照 签证 电子 口岸 海关 申报 现金 换钱 银行 公路 公交 车站 医院 急救 警察 "
    "边防 行李 税 免费 开放 时间 天气 酒店 夜市 美食 电话 手机卡 网络 保险 疫苗 宠物 货物 "
    "农产品 驾照 许可证 出租车 车票 汇率",
    "lo": "ວີຊາ ໜັງສືຜ່ານແດນ ດ່ານ ພາສີ ເງິນ ທະນາຄານ ຖະໜົນ ລົດເມ ສະຖານີ ໂຮງໝໍ ສຸກເສີນ ຕຳຫຼວດ "
    "ກະເປົາ ອາກອນ ຟຣີ ເວລາ ອາກາດ ໂຮງແຮມ ຕະຫຼາດ ອາຫານ ໂທລະສັບ ອິນເຕີເນັດ ປະກັນ ວັກຊີນ ສິນຄ້າ",
    "km": "ទិដ្ឋាការ លិខិតឆ្លងដែន ច្រកព្រំដែន គយ ប្រាក់ ធនាគារ ផ្លូវ ឡានក្រុង ស្ថានីយ "
    "មន្ទីរពេទ្យ សង្គ្រោះបន្ទាន់ ប៉ូលីស ឥវ៉ាន់ ពន្ធ ឥតគិតថ្លៃ ម៉ោង អាកាសធាតុ សណ្ឋាគារ ផ្សារ "
    "អាហារ ទូរស័ព្ទ អ៊ីនធឺណិត ធានារ៉ាប់រង វ៉ាក់សាំង ទំនិញ",
}
JOINER = {"vi": " ", "en": " ", "zh": "", "lo": " ", "km": ""}
QUERIES = [
    ("hộ chiếu", "vi"), ("ho chieu", "vi"), ("duong bo xe buyt", "vi"), ("bảo hiểm y tế", "vi"),
    ("passport", "en"), ("night market", "en"), ("driving licence", "en"), ("taxi", "vi"),
    ("手机卡", "zh"), ("农产品", "zh"), ("许可证", "en"), ("出租车", "zh"),
    ("ໜັງສືຜ່ານແດນ", "lo"), ("ໂທລະສັບ", "lo"), ("ຕະຫຼາດ", "km"),
    ("ទិដ្ឋាការ", "km"), ("សង្គ្រោះបន្ទាន់", "km"), ("ឡានក្រុង", "lo"),
]  # fmt: skip
SHORT_QUERIES = [("签证", "zh"), ("海关", "en"), ("bus", "en")]
TYPED_QUERIES = [("chuzuche", "zh"), ("ឡានក្រុង", "km"), ("ໂທລະສັບ", "lo")]
SYNONYMS = {
    "zh": [["的士", "出租车", "计程车"], ["公安", "警察"]],
    "km": [["ឡានក្រុង", "រថយន្តក្រុង"], ["ប្តូរប្រាក់", "ដូរលុយ"]],
    "lo": [["ໂທລະສັບ", "ມືຖື"]],
    "en": [["taxi", "cab"]],
}


def synthetic_catalog(articles: int = ARTICLES, seed: int = 2) -> Catalog:
    chance = random.Random(seed)
    vocabulary = {lang: text.split() for lang, text in WORDS.items()}

    def text(lang: str, count: int) -> str:
        words = vocabulary[lang]
        weights = [1 / (rank + 1) for rank in range(len(words))]
        return JOINER[lang].join(chance.choices(words, weights, k=count))

    def translation(lang: str) -> dict[str, Any]:
        paragraphs = [{"kind": "paragraph", "spans": [{"text": text(lang, 18)}]}]
        return {
            "title": text(lang, 5),
            "summary": text(lang, 6),
            "body": paragraphs,
            "source": {"name": "Cổng thông tin tỉnh", "url": "https://example.gov.vn/"},
            "as_of": "2025-05-01",
        }

    topics = [{"id": f"topic-{n}", "order": n, "icon": "info", "title": {"en": f"Topic {n}"}}
              for n in range(20)]  # fmt: skip
    return Catalog.model_validate(
        {
            "channel": "bench",
            "content_version": 1,
            "generated_at": datetime.now(UTC).isoformat(),
            "gate": {
                "id": "bench",
                "name": {"vi": "Cửa khẩu", "en": "Gate"},
                "province": {"vi": "Tỉnh", "en": "Province"},
                "neighbour_country": "CN",
                "timezone": "Asia/Ho_Chi_Minh",
            },
            "languages": [
                {"code": "vi", "fallback": ["en"]},
                {"code": "en", "fallback": ["vi"]},
                {"code": "zh", "fallback": ["en"]},
                {"code": "lo", "fallback": ["en"]},
                {"code": "km", "fallback": ["en"]},
            ],
            "topics": topics,
            "synonyms": SYNONYMS,
            "articles": [
                {
                    "id": f"article-{n}",
                    "topic": f"topic-{n % 20}",
                    "priority": n % 1000,
                    "translations": {lang: translation(lang) for lang in WORDS},
                }
                for n in range(articles)
            ],
        }
    )


def median_seconds(action: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median wall time of `action()`; a cursor it returns is read to the end."""
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = action()
        if isinstance(result, sqlite3.Cursor):
            result.fetchall()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def compare(
    store: ContentStore, bare: sqlite3.Connection, queries: list[tuple[str, str]]
) -> tuple[float, float, float]:
    """(median store latency, median bare SQL latency, median per-query ratio)."""
    languages = bare.execute("SELECT languages FROM catalog_meta").fetchone()[0]
    ours, floors, ratios = [], [], []
    for query, lang in queries:
        words = [[token] for token in query_tokens(query)]
        sql, params = search_sql(words, fallback_chain(languages, lang), 20)
        assert store.search(query, lang), f"{query!r} should find something"
        floor = median_seconds(partial(bare.execute, sql, params))
        mine = median_seconds(partial(store.search, query, lang))
        ours.append(mine)
        floors.append(floor)
        ratios.append(mine / floor)
    return statistics.median(ours), statistics.median(floors), statistics.median(ratios)


def minimal_match(bare: sqlite3.Connection, queries: list[tuple[str, str]]) -> float:
    """Median latency of the least a ranked FTS5 search can do: MATCH, bm25 order, 20 rowids."""
    sql = (
        "SELECT rowid FROM translations_fts WHERE translations_fts MATCH ? "
        "ORDER BY bm25(translations_fts) LIMIT 20"
    )
    indexed = [
        [token for token in query_tokens(query) if len(token) >= TRIGRAM] for query, _ in queries
    ]
    matches = [[fts_query([[token] for token in tokens])] for tokens in indexed if tokens]
    return statistics.median(median_seconds(partial(bare.execute, sql, match)) for match in matches)


def run() -> list[tuple[str, float, str]]:
    document = dump(synthetic_catalog())
    started = time.perf_counter()
    catalog = load(document)
    validated = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        state = StateStore(Path(folder) / "usage.db")
        store = ContentStore(Path(folder) / "content.db", state)
        started = time.perf_counter()
        store.replace_content(catalog)
        imported = time.perf_counter() - started
        size = sum(path.stat().st_size for path in Path(folder).glob("content.db*"))
        bare = sqlite3.connect(Path(folder) / "content.db")
        mine, floor, ratio = compare(store, bare, QUERIES)
        least = minimal_match(bare, QUERIES)
        short_mine, short_floor, short_ratio = compare(store, bare, SHORT_QUERIES)
        typed = {lang: compare(store, bare, [(query, lang)]) for query, lang in TYPED_QUERIES}
        bare.close()
        store.close()
        state.close()
    verdict = "within" if ratio <= RATIO_BUDGET else "OVER"
    return [
        ("catalog document size", len(document) / 1e6, "MB"),
        ("catalog load (parse and validate)", validated, "s"),
        ("import 10,000 x 5 into content.db", imported, "s"),
        ("content.db size after import", size / 1e6, "MB"),
        ("search, median latency", mine * 1e3, "ms"),
        ("bare FTS5 SQL, median latency", floor * 1e3, "ms (floor)"),
        ("search / bare SQL", ratio, f"x, median per query ({verdict} {RATIO_BUDGET}x budget)"),
        ("minimal FTS5 MATCH + bm25, median", least * 1e3, "ms (no language order, no cards)"),
        ("short-word search (LIKE), median", short_mine * 1e3, "ms"),
        ("short-word search / bare SQL", short_ratio, f"x (floor {short_floor * 1e3:.1f} ms)"),
        *(
            (f"typed {lang} query ({query}) / bare FTS5", typed[lang][2],
             f"x ({typed[lang][0] * 1e3:.1f} ms; floor {typed[lang][1] * 1e3:.1f} ms; "
             f"{'within' if typed[lang][2] <= RATIO_BUDGET else 'OVER'} {RATIO_BUDGET}x)")
            for query, lang in TYPED_QUERIES
        ),
    ]  # fmt: skip
