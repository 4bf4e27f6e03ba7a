"""The demo's authoring folder: the sample content, sixteen gates, and articles if it has none."""

from __future__ import annotations

import shutil
from pathlib import Path

from hub.demo.articles import CONTACTS, write_articles
from hub.demo.gates import GATES, DemoGate, gates_yaml

SAMPLE_CONTENT = Path(__file__).resolve().parents[2] / "assets" / "content"

_TOPICS = """\
- {id: entry-visa, order: 10, icon: passport, title: {vi: Nhập cảnh và thị thực, en: Entry and visas}}
- {id: customs, order: 20, icon: customs, title: {vi: Hải quan, en: Customs}}
- {id: money, order: 30, icon: money, title: {vi: Tiền tệ và thanh toán, en: Money and payment}}
- {id: connectivity, order: 40, icon: sim, title: {vi: SIM và Internet, en: SIM cards and internet}}
- {id: transport, order: 50, icon: bus, title: {vi: Đi lại, en: Onward transport}}
- {id: health, order: 60, icon: health, title: {vi: Y tế, en: Health}}
- {id: emergency, order: 70, icon: emergency, title: {vi: Khẩn cấp, en: Emergency numbers}}
- {id: tourist-help, order: 80, icon: help, title: {vi: Hỗ trợ du khách, en: Help for tourists}}
- {id: discover, order: 90, icon: discover, title: {vi: Khám phá Việt Nam, en: Discover Viet Nam}}
"""


def write_demo_content(
    target: Path, source: Path | None = None, gates: tuple[DemoGate, ...] = GATES
) -> Path:
    """Copy `source` (default: the sample content) to `target`, with the demo's gates.yaml."""
    source = source or SAMPLE_CONTENT
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("topics.yaml", "contacts.yaml"):
        if (source / name).is_file():
            shutil.copy2(source / name, target / name)
    for folder in ("articles", "images"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    if not (target / "topics.yaml").exists():
        (target / "topics.yaml").write_text(_TOPICS, encoding="utf-8")
    if not (target / "contacts.yaml").exists():
        (target / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    if not (target / "articles").is_dir() or not any((target / "articles").iterdir()):
        write_articles(target)
    (target / "gates.yaml").write_text(gates_yaml(gates), encoding="utf-8")
    return target
