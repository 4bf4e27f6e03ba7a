"""The health report that decides whether new kiosk software is kept: it names what would stop
the kiosk from serving a traveller."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kiosk.health_report import report_health
from kiosk.text.fonts import font_file

AT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


class Store:
    def __init__(self, version: int | None = 3, error: Exception | None = None) -> None:
        self.version, self.error = version, error

    def content_version(self) -> int | None:
        if self.error:
            raise self.error
        return self.version


def report(path: Path) -> dict:
    return json.loads(path.read_text())


def test_a_kiosk_with_content_and_fonts_is_healthy(tmp_path: Path, font_dir: Path) -> None:
    path = tmp_path / "health" / "ui.json"
    assert report_health(path, Store(), font_file, lambda: AT)
    assert report(path)["ok"] is True and report(path)["at"] == AT.isoformat()


def test_no_content_or_an_unreadable_cache_is_unhealthy(tmp_path: Path, font_dir: Path) -> None:
    path = tmp_path / "ui.json"
    assert not report_health(path, Store(version=None), font_file, lambda: AT)
    assert report(path)["problems"] == ["the content cache holds no content version"]
    assert not report_health(path, Store(error=OSError("disk I/O error")), font_file)
    assert report(path)["problems"] == ["the content cache cannot be read: disk I/O error"]


def test_a_missing_or_empty_font_is_unhealthy(tmp_path: Path, font_dir: Path) -> None:
    empty = tmp_path / "empty.ttf"
    empty.write_bytes(b"")

    def broken_khmer(lang: str) -> Path:
        return empty if lang == "km" else font_file(lang)

    path = tmp_path / "ui.json"
    assert not report_health(path, Store(), broken_khmer)
    assert report(path)["ok"] is False
    assert [p for p in report(path)["problems"] if "Khmr" in p]


def test_a_report_that_cannot_be_written_does_not_stop_the_kiosk(
    tmp_path: Path, font_dir: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert report_health(blocked / "ui.json", Store(), font_file) is True
