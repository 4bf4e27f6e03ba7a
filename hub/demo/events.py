"""The demo's events: the kiosks moved at one gate (an effect to find), a content campaign with
no effect at another, the broken kiosk's outage, and a new language where nothing changed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from hub.demo.gates import BROKEN_KIOSK, CAMPAIGN_GATE, MOVED_GATE
from hub.demo.simulate import KioskPlan
from hub.evidence.storage import GateEvent
from hub.reports.period import LOCAL
from hub.store import HubStore


def record_events(
    store: HubStore, plans: Sequence[KioskPlan], start: datetime, end: datetime
) -> int:
    """Record the events of the gates in the demo (notes in Vietnamese, as staff write
    them); returns how many."""
    gates = {plan.gate.id for plan in plans}

    def day(days_before_end: float) -> datetime:
        return end - timedelta(days=days_before_end)

    wanted: list[tuple[str, str | None, str, datetime, str]] = [
        (MOVED_GATE[0], None, "moved", day(MOVED_GATE[1]), "Chuyển ra sảnh nhập cảnh"),
        (CAMPAIGN_GATE[0], None, "campaign", day(CAMPAIGN_GATE[1]), "Chiến dịch thị thực"),
        ("mong-cai", None, "new_language", day(35), "Thêm tiếng Hàn vào nội dung"),
    ]
    broken = next((p for p in plans if _is_broken(p)), None)
    if broken is not None and broken.silent_from is not None:
        wanted.append((broken.gate.id, broken.device_id, "outage", broken.silent_from, "Mất điện"))
    recorded = 0
    for gate, device, kind, moment, note in wanted:
        if gate not in gates or moment < start:
            continue
        when = moment.astimezone(LOCAL).date()
        store.add_event(GateEvent(0, gate, device, kind, when, note, start, "demo"))
        recorded += 1
    return recorded


def _is_broken(plan: KioskPlan) -> bool:
    gate, index = BROKEN_KIOSK
    return plan.device_id == f"{gate}-{index + 1}"
