"""Images download several at a time while the catalog is written, and the new catalog becomes
visible only once every image it refers to is in place."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler

import sync.refresh
from sync.outcome import Outcome

GUARD_SECONDS = 60  # generous bound on each wait; never reached when things work


class InFlight:
    """A hub fault that holds each image request until `needed` are open at once."""

    def __init__(self, hub, needed: int) -> None:
        self.hub = hub
        self.needed = needed
        self.open = 0
        self.most = 0
        self.changed = threading.Condition()

    def __call__(self, handler: BaseHTTPRequestHandler) -> bool:
        with self.changed:
            self.open += 1
            self.most = max(self.most, self.open)
            self.changed.notify_all()
            self.changed.wait_for(lambda: self.most >= self.needed, GUARD_SECONDS)
        try:
            self.hub.serve_file(handler)
        finally:
            with self.changed:
                self.open -= 1
        return True


def test_images_download_several_at_a_time(publisher, device, hub):
    published = publisher.publish(assets=4)
    in_flight = InFlight(hub, needed=2)
    hub.faults["/assets/"] = in_flight
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert in_flight.most >= 2
    assert device.content.asset_ids() == {a.sha256 for a in published.assets}


def test_new_content_stays_invisible_until_its_images_are_in_place(
    publisher, device, hub, monkeypatch
):
    first = publisher.publish(assets=1)
    assert device.refresh().outcome is Outcome.UPDATED
    second = publisher.publish(assets=1)
    written, release = threading.Event(), threading.Event()
    real_fetch = sync.refresh.Refresher._fetch_database

    def fetch_then_tell(*args, **kwargs):  # by patch or whole
        real_fetch(*args, **kwargs)
        written.set()

    def held_image(handler: BaseHTTPRequestHandler) -> bool:
        release.wait(GUARD_SECONDS)
        return False  # then served as usual

    monkeypatch.setattr(sync.refresh.Refresher, "_fetch_database", fetch_then_tell)
    hub.faults["/assets/"] = held_image
    reports = []
    refresh = threading.Thread(target=lambda: reports.append(device.refresh()))
    refresh.start()
    try:
        assert written.wait(GUARD_SECONDS), "the content database never arrived"
        # arrived but not installed: a reader (this thread) still sees the first edition whole
        assert device.content.content_version() == first.content_version
        assert device.content.asset_ids() == {a.sha256 for a in first.assets}
        assert not (device.config.media_dir / second.assets[0].sha256).exists()
    finally:
        release.set()
        refresh.join(GUARD_SECONDS)
    assert reports and reports[0].outcome is Outcome.UPDATED, reports
    assert device.content.content_version() == second.content_version
    assert (device.config.media_dir / second.assets[0].sha256).exists()
