"""The demo's gates: sixteen international border gates on the China, Laos and Cambodia borders.

Provinces are named as after the 2025 merger of provinces (e.g. Thanh Thủy is in Tuyên Quang,
Cha Lo in Quảng Trị, Hoa Lư in Đồng Nai). Each gate has a traffic profile for the simulation.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoGate:
    id: str
    name_vi: str
    name_en: str
    province_vi: str
    province_en: str
    border: str
    kiosks: int
    rate: float
    """Sessions per kiosk per hour at the daily peak."""
    languages: dict[str, float] = field(default_factory=dict)
    """Share of sessions per language."""
    monthly_crossings: int = 0
    yearly_cost: int = 180_000_000
    """Đồng per kiosk per year."""


_CN = {"zh": 0.62, "vi": 0.16, "en": 0.16, "lo": 0.02, "km": 0.04}
_LA = {"lo": 0.48, "vi": 0.22, "en": 0.24, "zh": 0.04, "km": 0.02}
_KH = {"km": 0.55, "vi": 0.18, "en": 0.23, "zh": 0.03, "lo": 0.01}

GATES: tuple[DemoGate, ...] = (
    DemoGate("mong-cai", "Cửa khẩu quốc tế Móng Cái", "Mong Cai International Border Gate", "Quảng Ninh", "Quang Ninh", "CN", 4, 11.0, _CN, 420_000),
    DemoGate("huu-nghi", "Cửa khẩu quốc tế Hữu Nghị", "Huu Nghi International Border Gate", "Lạng Sơn", "Lang Son", "CN", 3, 9.0, _CN, 310_000),
    DemoGate("lao-cai", "Cửa khẩu quốc tế Lào Cai", "Lao Cai International Border Gate", "Lào Cai", "Lao Cai", "CN", 3, 10.0, _CN, 360_000),
    DemoGate("thanh-thuy", "Cửa khẩu quốc tế Thanh Thủy", "Thanh Thuy International Border Gate", "Tuyên Quang", "Tuyen Quang", "CN", 1, 4.0, _CN, 65_000),
    DemoGate("tay-trang", "Cửa khẩu quốc tế Tây Trang", "Tay Trang International Border Gate", "Điện Biên", "Dien Bien", "LA", 1, 3.5, _LA, 38_000),
    DemoGate("na-meo", "Cửa khẩu quốc tế Na Mèo", "Na Meo International Border Gate", "Thanh Hóa", "Thanh Hoa", "LA", 1, 2.0, _LA, 30_000),
    DemoGate("nam-can", "Cửa khẩu quốc tế Nậm Cắn", "Nam Can International Border Gate", "Nghệ An", "Nghe An", "LA", 1, 3.0, _LA, 42_000),
    DemoGate("cau-treo", "Cửa khẩu quốc tế Cầu Treo", "Cau Treo International Border Gate", "Hà Tĩnh", "Ha Tinh", "LA", 2, 5.5, _LA, 95_000),
    DemoGate("cha-lo", "Cửa khẩu quốc tế Cha Lo", "Cha Lo International Border Gate", "Quảng Trị", "Quang Tri", "LA", 2, 4.0, _LA, 60_000),
    DemoGate("lao-bao", "Cửa khẩu quốc tế Lao Bảo", "Lao Bao International Border Gate", "Quảng Trị", "Quang Tri", "LA", 2, 7.0, _LA, 150_000),
    DemoGate("bo-y", "Cửa khẩu quốc tế Bờ Y", "Bo Y International Border Gate", "Quảng Ngãi", "Quang Ngai", "LA", 1, 0.6, _LA, 45_000),
    DemoGate("le-thanh", "Cửa khẩu quốc tế Lệ Thanh", "Le Thanh International Border Gate", "Gia Lai", "Gia Lai", "KH", 1, 0.75, _KH, 35_000),
    DemoGate("hoa-lu", "Cửa khẩu quốc tế Hoa Lư", "Hoa Lu International Border Gate", "Đồng Nai", "Dong Nai", "KH", 1, 3.0, _KH, 40_000),
    DemoGate("xa-mat", "Cửa khẩu quốc tế Xa Mát", "Xa Mat International Border Gate", "Tây Ninh", "Tay Ninh", "KH", 2, 5.0, _KH, 90_000),
    DemoGate("moc-bai", "Cửa khẩu quốc tế Mộc Bài", "Moc Bai International Border Gate", "Tây Ninh", "Tay Ninh", "KH", 3, 10.0, _KH, 380_000),
    DemoGate("tinh-bien", "Cửa khẩu quốc tế Tịnh Biên", "Tinh Bien International Border Gate", "An Giang", "An Giang", "KH", 2, 6.0, _KH, 110_000),
)  # fmt: skip

LOW_DEMAND_GATE = "bo-y"
"""Works well, little used: the scorecard should say so."""
BROKEN_KIOSK = ("lao-bao", 1)
"""(gate, index): flaky for weeks, then silent for the last 11 days, with failing syncs."""
FLAKY_GATE = "na-meo"
"""Down a third of the time and little used: 'fix the device before judging demand'."""
LATE_GATE = "hoa-lu"
"""Its kiosk was installed 40 days before the end of the demo period."""
NEW_GATE = ("le-thanh", 10)
"""(gate, days): a kiosk installed that many days before the end, near the low-demand
threshold: "not enough data yet"."""
MOVED_GATE = ("cau-treo", 21, 1.5)
"""(gate, days before the end, factor): its kiosks moved to the arrival hall then, and were used
that much more per traveller from the next day on (an effect the before/after finds)."""
CAMPAIGN_GATE = ("xa-mat", 21)
"""(gate, days before the end): a content campaign with no effect on use."""

_LANG_NAMES = {
    "vi": "Tiếng Việt", "en": "English", "zh": "中文", "lo": "ພາສາລາວ", "km": "ភាសាខ្មែរ",
}  # fmt: skip


def gates_yaml(gates: tuple[DemoGate, ...] = GATES) -> str:
    """gates.yaml for the demo's authoring folder (the neighbour's language first)."""
    lines = ["# Demo gates written by `python -m hub demo`.", ""]
    for gate in gates:
        order = {"CN": ["zh", "vi", "en"], "LA": ["lo", "vi", "en"], "KH": ["km", "vi", "en"]}[
            gate.border
        ]
        order += [code for code in ("zh", "lo", "km") if code not in order]
        lines += [
            f"- id: {gate.id}",
            f'  name: {{vi: "{gate.name_vi}", en: "{gate.name_en}"}}',
            f'  province: {{vi: "Tỉnh {gate.province_vi}", en: "{gate.province_en} Province"}}',
            f"  neighbour_country: {gate.border}",
            "  timezone: Asia/Ho_Chi_Minh",
            "  languages:",
        ]
        for code in order:
            fallback = {"vi": ["en"], "en": ["vi"]}.get(code, ["en", "vi"])
            lines.append(f"    - {{code: {code}, fallback: [{', '.join(fallback)}]}}")
    return "\n".join(lines) + "\n"
