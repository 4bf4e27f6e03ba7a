"""Emergency: the national numbers (113, 114, 115), the gate's own contacts, what to say, and
the nearest hospital and police post. Reachable from every screen in one tap."""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.i18n import N_, _
from kiosk.screens.base import KioskScreen, load_kv

NATIONAL = (
    ("police", "113", N_("Police")),
    ("fire", "114", N_("Fire and rescue")),
    ("ambulance", "115", N_("Ambulance")),
)
NATIONAL_KINDS = frozenset(kind for kind, _number, _name in NATIONAL)
ORDER = ("police", "fire", "ambulance", "hospital", "police-post", "border-office",
         "tourist-help", "consulate", "other")  # fmt: skip


class ContactCard(BoxLayout):
    number = StringProperty("")
    name = StringProperty("")
    name_lang = StringProperty("en")
    details = StringProperty("")
    urgent = BooleanProperty(True)


class EmergencyScreen(KioskScreen):
    def show(self, **_params: Any) -> None:
        app = self.kiosk
        lang = app.ui.lang
        cards = [
            (contact.kind, ContactCard(
                number=contact.number,
                name=contact.name,
                name_lang=contact.lang,
                details="\n".join(t for t in (contact.address, contact.note) if t),
                urgent=contact.kind in NATIONAL_KINDS,
            ))
            for contact in app.content.store.contacts(lang)
        ]  # fmt: skip
        present = {kind for kind, _card in cards}
        for kind, number, name in NATIONAL:
            if kind not in present:  # the national numbers are shown even without content
                cards.append((kind, ContactCard(number=number, name=_(name, lang), name_lang=lang)))
        cards.sort(key=lambda pair: ORDER.index(pair[0]) if pair[0] in ORDER else len(ORDER))
        box = self.ids.contacts
        box.clear_widgets()
        for _kind, card in cards:
            box.add_widget(card)


SCREEN = EmergencyScreen
load_kv(__file__)
