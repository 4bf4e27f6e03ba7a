"""The catalog: the one JSON document per gate channel that the hub signs and the kiosk shows.

This module is the contract between hub and device. Both ends validate with it, so a field
added here is a field both ends understand. Every text field has a size cap; every asset is
referenced by sha256 with its media type and byte size.

The format is described for authors and integrators in docs/catalog-format.md.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import CoreSchema, core_schema

FORMAT_VERSION = 1

LANGUAGES: tuple[str, ...] = ("vi", "en", "zh", "lo", "km")
"""Every language the product speaks, as BCP 47 primary tags."""

Lang = Literal["vi", "en", "zh", "lo", "km"]

SEGMENTED_LANGUAGES: frozenset[str] = frozenset({"km", "lo", "zh"})
"""Languages written without spaces between words; their text carries break opportunities."""

# Size caps. They bound what a hostile or broken catalog can make a kiosk hold or draw.
MAX_CATALOG_BYTES = 32 * 1024 * 1024
MAX_NAME = 120
MAX_TITLE = 200
MAX_SUMMARY = 600
MAX_SPAN = 4_000
MAX_BLOCKS = 200
MAX_BODY_CHARS = 20_000
MAX_URL = 500
MAX_NOTE = 1_000
MAX_ARTICLES = 20_000
MAX_TOPICS = 64
MAX_CONTACTS = 64
MAX_ASSETS = 50_000
MAX_ASSET_BYTES = 8 * 1024 * 1024
MAX_SYNONYM_GROUPS = 500
"""Synonym groups per language."""
MAX_SYNONYM_TERMS = 12
MAX_TERM = 40

_SLUG = r"^[a-z0-9][a-z0-9-]{0,62}$"
_CONTROL = "\\x00-\\x08\\x0b-\\x1f\\x7f"
"""Control characters refused in text (tab and newline are allowed), as a regex class body."""


class _NoControlChars:
    """Refuses control characters with "Value error, contains control characters".

    The check runs inside pydantic-core (a regex, no Python call per string): a catalog holds
    hundreds of thousands of strings, and a Python validator on each was a third of the time
    a kiosk spends validating a large catalog.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.chain_schema(
            [
                handler(source),
                core_schema.custom_error_schema(
                    core_schema.str_schema(pattern=f"^[^{_CONTROL}]*$"),
                    custom_error_type="value_error",
                    custom_error_context={"error": "contains control characters"},
                ),
            ]
        )


def _text(max_length: int, min_length: int = 1) -> object:
    return Annotated[
        str,
        StringConstraints(min_length=min_length, max_length=max_length),
        _NoControlChars,
    ]


Slug = Annotated[str, StringConstraints(pattern=_SLUG)]
Name = _text(MAX_NAME)
Title = _text(MAX_TITLE)
Summary = _text(MAX_SUMMARY, min_length=0)
SpanText = _text(MAX_SPAN)
Note = _text(MAX_NOTE)
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
HttpsUrl = Annotated[
    str, StringConstraints(max_length=MAX_URL, pattern=r"^https?://[^\s<>\"'\[\]]+$")
]
Breaks = Annotated[list[int], Field(max_length=MAX_BODY_CHARS)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_breaks(breaks: list[int], text: str, where: str) -> None:
    """Break opportunities are strictly increasing offsets strictly inside the text."""
    previous = 0
    length = len(text)
    for offset in breaks:
        if offset <= previous or offset >= length:
            raise ValueError(f"{where}: break offset {offset} is out of order or out of range")
        previous = offset


class Gate(_Strict):
    """The border gate this channel serves."""

    id: Slug
    name: dict[Lang, Name]
    province: dict[Lang, Name]
    neighbour_country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    timezone: Annotated[str, StringConstraints(max_length=64)]

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("name", "province")
    @classmethod
    def _has_english_and_vietnamese(cls, value: dict[str, str]) -> dict[str, str]:
        missing = [lang for lang in ("vi", "en") if lang not in value]
        if missing:
            raise ValueError(f"missing languages: {', '.join(missing)}")
        return value


class LanguageOffer(_Strict):
    """A language the kiosk offers, and where it falls back when a translation is missing."""

    code: Lang
    fallback: Annotated[list[Lang], Field(max_length=4)] = []


class Topic(_Strict):
    id: Slug
    order: Annotated[int, Field(ge=0, le=10_000)]
    icon: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{1,40}$")]
    """Name of one of the kiosk's built-in icons (assets/icons/<icon>.png)."""
    title: dict[Lang, Title]


class Span(_Strict):
    """A run of text with one style. `text` is plain text: never markup."""

    text: SpanText
    bold: bool = False
    href: HttpsUrl | None = None


class Block(_Strict):
    """One block of an article body: a heading, a paragraph or a list item.

    `breaks` holds the line-break opportunities inside the block's plain text (the spans' texts
    joined), as offsets, for languages written without spaces between words.
    """

    kind: Literal["heading", "paragraph", "item"]
    spans: Annotated[list[Span], Field(min_length=1, max_length=200)]
    breaks: Breaks = []

    @property
    def plain_text(self) -> str:
        return "".join(span.text for span in self.spans)

    @model_validator(mode="after")
    def _breaks_inside_text(self) -> Block:
        if self.breaks:
            _check_breaks(self.breaks, self.plain_text, "body")
        return self


class Source(_Strict):
    name: Name
    url: HttpsUrl


class Translation(_Strict):
    title: Title
    title_breaks: Breaks = []
    summary: Summary = ""
    summary_breaks: Breaks = []
    body: Annotated[list[Block], Field(max_length=MAX_BLOCKS)]
    source: Source
    as_of: date
    takeaway_url: HttpsUrl | None = None

    @property
    def body_text(self) -> str:
        return "\n".join(block.plain_text for block in self.body)

    @model_validator(mode="after")
    def _caps_and_breaks(self) -> Translation:
        total = 0
        for block in self.body:
            for span in block.spans:
                total += len(span.text)
        if total > MAX_BODY_CHARS:
            raise ValueError(f"body has {total} characters; at most {MAX_BODY_CHARS} allowed")
        if self.title_breaks:
            _check_breaks(self.title_breaks, self.title, "title")
        if self.summary_breaks:
            _check_breaks(self.summary_breaks, self.summary, "summary")
        return self


class Article(_Strict):
    id: Slug
    topic: Slug
    priority: Annotated[int, Field(ge=0, le=1000)] = 100
    """Lower comes first."""
    featured: bool = False
    image: Sha256 | None = None
    translations: Annotated[dict[Lang, Translation], Field(min_length=1)]


ContactKind = Literal[
    "police", "ambulance", "fire", "hospital", "police-post", "border-office",
    "tourist-help", "consulate", "other",
]  # fmt: skip


class Contact(_Strict):
    id: Slug
    kind: ContactKind
    number: Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ]{1,30}$")]
    name: dict[Lang, Name]
    address: dict[Lang, Note] = {}
    note: dict[Lang, Note] = {}
    """What to say, or when to call."""


class Asset(_Strict):
    sha256: Sha256
    media_type: Literal["image/png", "image/jpeg"]
    size: Annotated[int, Field(ge=1, le=MAX_ASSET_BYTES)]


SearchTerm = _text(MAX_TERM)
SynonymGroup = Annotated[list[SearchTerm], Field(min_length=2, max_length=MAX_SYNONYM_TERMS)]
"""Words a traveller may type for the same thing (公安, 警察): searching one finds all."""
Synonyms = dict[Lang, Annotated[list[SynonymGroup], Field(max_length=MAX_SYNONYM_GROUPS)]]


class Catalog(_Strict):
    format: Literal[1] = FORMAT_VERSION
    channel: Slug
    content_version: Annotated[int, Field(ge=1)]
    generated_at: datetime
    gate: Gate
    languages: Annotated[list[LanguageOffer], Field(min_length=1, max_length=len(LANGUAGES))]
    topics: Annotated[list[Topic], Field(max_length=MAX_TOPICS)]
    articles: Annotated[list[Article], Field(max_length=MAX_ARTICLES)]
    contacts: Annotated[list[Contact], Field(max_length=MAX_CONTACTS)] = []
    assets: Annotated[list[Asset], Field(max_length=MAX_ASSETS)] = []
    synonyms: Synonyms = {}

    @model_validator(mode="after")
    def _references_resolve(self) -> Catalog:
        offered = [offer.code for offer in self.languages]
        _unique(offered, "languages")
        for offer in self.languages:
            for lang in offer.fallback:
                if lang not in offered or lang == offer.code:
                    raise ValueError(
                        f"languages: fallback {lang!r} of {offer.code!r} is not another offered language"
                    )
        topic_ids = [topic.id for topic in self.topics]
        _unique(topic_ids, "topics")
        _unique([article.id for article in self.articles], "articles")
        _unique([contact.id for contact in self.contacts], "contacts")
        asset_ids = {asset.sha256 for asset in self.assets}
        known_topics = set(topic_ids)
        for article in self.articles:
            if article.topic not in known_topics:
                raise ValueError(f"article {article.id!r}: unknown topic {article.topic!r}")
            if article.image is not None and article.image not in asset_ids:
                raise ValueError(f"article {article.id!r}: image {article.image} is not in assets")
        return self

    def language(self, code: str) -> LanguageOffer | None:
        return next((offer for offer in self.languages if offer.code == code), None)


def _unique(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{where}: duplicate id {item!r}")
        seen.add(item)
