"""A dead, hung or broken hub: the refresh fails cleanly, in time, and old content stays."""

from __future__ import annotations

import threading

from sync.outcome import Outcome
from tests.sync.hubkit import free_port, hanging_server, reply

GUARD_SECONDS = 60  # generous: the refresh's own budget is what ends it


def _with_content(publisher, device):
    published = publisher.publish()
    assert device.refresh().outcome is Outcome.UPDATED
    return published


def _kept(device, published):
    assert device.content.content_version() == published.content_version
    assert device.state.last_sync().consecutive_failures >= 1


def test_hub_down_is_reported_unreachable(publisher, device):
    published = _with_content(publisher, device)
    device.reconfigure(hub_url=f"http://127.0.0.1:{free_port()}")
    report = device.refresh()
    assert report.outcome is Outcome.HUB_UNREACHABLE, report.detail
    _kept(device, published)
    assert device.state.last_sync().last_error.startswith("hub-unreachable")


def test_hub_that_accepts_tcp_but_never_answers_ends_within_budget(publisher, device):
    published = _with_content(publisher, device)
    listener, url = hanging_server()
    device.reconfigure(hub_url=url, budget_seconds=1.5, socket_timeout_seconds=30)
    result = []
    worker = threading.Thread(target=lambda: result.append(device.refresh()), daemon=True)
    try:
        worker.start()
        worker.join(GUARD_SECONDS)
    finally:
        listener.close()
    assert result, "the refresh did not end"
    assert result[0].outcome is Outcome.BUDGET_EXCEEDED, result[0].detail
    _kept(device, published)


def test_http_500_is_reported_and_old_content_kept(publisher, device, hub):
    published = _with_content(publisher, device)
    hub.faults["/tuf/metadata/"] = reply(500, b"Internal Server Error", "text/plain")
    report = device.refresh()
    assert report.outcome is Outcome.HUB_UNREACHABLE and "500" in report.detail
    _kept(device, published)


def test_html_error_page_is_rejected_and_old_content_kept(publisher, device, hub):
    published = _with_content(publisher, device)
    page = b"<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>"
    hub.faults["timestamp.json"] = reply(200, page, "text/html")
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    _kept(device, published)


def test_truncated_json_is_rejected_and_old_content_kept(publisher, device, hub):
    published = _with_content(publisher, device)
    publisher.publish()
    timestamp = (publisher.repository_dir / "metadata/timestamp.json").read_bytes()
    hub.faults["timestamp.json"] = reply(200, timestamp[: len(timestamp) // 2])
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    _kept(device, published)
