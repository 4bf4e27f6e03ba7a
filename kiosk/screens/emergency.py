"""Emergency: the national numbers (113, 114, 115), the gate's own contacts, what to say, and
the nearest hospital and police post. Reachable from every screen in one tap.

The three national numbers stand in a row under the title, in sight without scrolling in every
orientation and text size; the cards with what to say, and the gate's contacts, scroll under it."""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.anchorlayout import AnchorLayout
from kivy.uix.boxlayout import BoxLayout

from kiosk.i18n import N_, _
from kiosk.reuse import refill
from kiosk.screens.base import KioskScreen, load_kv
from kiosk.widgets.even import EvenRows  # noqa: F401  (used in emergency.kv)

NATIONAL = (
    ("police", "113", N_("Police")),
    ("fire", "114", N_("Fire and rescue")),
    ("ambulance", "115", N_("Ambulance")),
)
NATIONAL_KINDS = frozenset(kind for kind, _number, _name in NATIONAL)
ORDER = ("police", "fire", "ambulance", "hospital", "police-post", "border-office",
         "tourist-help", "consulate", "other")  # fmt: skip


class _Numbered:
    """What a contact card and a number tile show, and their height in a row (widgets.even)."""

    natural_height = NumericProperty(0)
    """The height its texts need."""
    row_height = NumericProperty(0)
    """The height of its row in a grid (widgets.even): cards side by side are equally tall."""
    number = StringProperty("")
    name = StringProperty("")
    name_lang = StringProperty("en")


class ContactCard(_Numbered, BoxLayout):
    details = StringProperty("")
    urgent = BooleanProperty(True)


class NumberTile(_Numbered, AnchorLayout):
    """A national number and whom it calls, always in sight."""


class EmergencyScreen(KioskScreen):
    def show(self, **_params: Any) -> None:
        app = self.kiosk
        lang = app.ui.lang
        cards = [
            {
                "kind": contact.kind,
                "number": contact.number,
                "name": contact.name,
                "name_lang": contact.lang,
                "details": "\n".join(t for t in (contact.address, contact.note) if t),
                "urgent": contact.kind in NATIONAL_KINDS,
            }
            for contact in app.content.reader.contacts(lang)
        ]
        present = {card["kind"] for card in cards}
        for kind, number, name in NATIONAL:
            if kind not in present:  # the national numbers are shown even without content
                cards.append(
                    {"kind": kind, "number": number, "name": _(name, lang), "name_lang": lang}
                )
        cards.sort(
            key=lambda card: ORDER.index(card["kind"]) if card["kind"] in ORDER else len(ORDER)
        )
        refill(self.ids.contacts, cards, ContactCard, ContactCard, _fill)
        national = [next(c for c in cards if c["kind"] == kind) for kind, _n, _name in NATIONAL]
        refill(self.ids.numbers, national, NumberTile, NumberTile, _fill_tile)


def _fill(card: ContactCard, values: dict[str, Any]) -> None:
    _fill_tile(card, values)
    card.details = values.get("details", "")
    card.urgent = values.get("urgent", True)


def _fill_tile(tile: _Numbered, values: dict[str, Any]) -> None:
    tile.number, tile.name, tile.name_lang = values["number"], values["name"], values["name_lang"]


SCREEN = EmergencyScreen
load_kv(__file__)
