"""A real hub for sync tests: a signed repository on disk, served over HTTP on 127.0.0.1.

`StaticHub` serves the repository folder like any static web server or CDN would, with hooks
to misbehave (faults). `Publisher` signs content into it with the hub's own publishing code.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cache import ContentStore, StateStore, open_content
from catalog import Catalog
from catalog.targets import database_target, manifest_target
from hub.publishing.keys import ROLES, KeyStore
from hub.publishing.online import publish_channel_online
from hub.publishing.publish import ChannelContent, publish_channels, repository_for
from hub.publishing.repository import TargetSource
from sync.config import DeviceConfig, load_device_config, write_enrolment
from sync.outcome import RefreshReport
from sync.refresh import Refresher
from tests.factories import article, catalog_document

Fault = Callable[[BaseHTTPRequestHandler], bool]
"""Handles the request itself and returns True, or returns False to serve normally."""


def reply(status: int, body: bytes, content_type: str = "application/json") -> Fault:
    """A fault that answers with `status` and `body` instead of the file."""

    def fault(handler: BaseHTTPRequestHandler) -> bool:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        return True

    return fault


class StaticHub:
    def __init__(self, repository_dir: Path) -> None:
        self.repository_dir = repository_dir
        self.faults: dict[str, Fault] = {}
        self.throttle: dict[str, float] = {}
        self.requests: list[str] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hub.requests.append(self.path)
                for needle, fault in list(hub.faults.items()):
                    if needle in self.path and fault(self):
                        return
                hub.serve_file(self)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def serve_file(self, handler: BaseHTTPRequestHandler) -> None:
        if not handler.path.startswith("/tuf/") or ".." in handler.path:
            handler.send_error(404)
            return
        path = self.repository_dir / handler.path[len("/tuf/") :]
        if not path.is_file():
            handler.send_error(404)
            return
        data = path.read_bytes()
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        delay = next((d for needle, d in self.throttle.items() if needle in handler.path), 0.0)
        step = 64 * 1024 if delay else len(data) or 1
        try:
            for start in range(0, len(data), step):
                handler.wfile.write(data[start : start + step])
                if delay:
                    time.sleep(delay)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def __enter__(self) -> StaticHub:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class Publisher:
    """Signs catalogs for one channel into a hub data folder, as `python -m hub publish` does."""

    def __init__(self, data_dir: Path, channel: str = "mong-cai") -> None:
        self.data_dir = data_dir
        self.channel = channel
        self.keys = KeyStore(data_dir / "keys")
        self.assets_dir = data_dir / "authoring-images"
        self.assets_dir.mkdir(parents=True)
        for role in ROLES:
            self.keys.generate(role)
        self.repository = repository_for(data_dir, self.keys)
        self.repository.init()
        self.edition = 0

    @property
    def repository_dir(self) -> Path:
        return self.repository.repo_dir

    def make_asset(self, size: int, seed: str) -> tuple[str, Path]:
        data = b"\x89PNG\r\n\x1a\n" + hashlib.sha256(seed.encode()).digest() * (size // 32 + 1)
        data = data[:size]
        sha = hashlib.sha256(data).hexdigest()
        path = self.assets_dir / sha
        path.write_bytes(data)
        return sha, path

    def publish(self, articles: int = 3, assets: int = 2, asset_size: int = 20_000) -> Catalog:
        """Publish a new edition: different text, so a new content version."""
        catalog, images = self.next_edition(articles, assets, asset_size)
        report = publish_channels([ChannelContent(catalog, images)], self.data_dir, self.keys)
        version = report.content_versions[self.channel]
        return catalog.model_copy(update={"content_version": version})

    def publish_online(self, actor: str = "publisher@hub") -> Catalog:
        """Publish a new edition as the content desk does: with the keys in the hub's folder."""
        catalog, images = self.next_edition()
        result = publish_channel_online(self.data_dir, catalog, actor=actor, asset_files=images)
        return catalog.model_copy(update={"content_version": result.content_version})

    def next_edition(
        self, articles: int = 3, assets: int = 2, asset_size: int = 20_000
    ) -> tuple[Catalog, dict[str, Path]]:
        """A new edition's catalog (different text) and its image files (sha256 -> path)."""
        self.edition += 1
        images = [self.make_asset(asset_size, f"{self.edition}-{i}") for i in range(assets)]
        document = catalog_document(
            channel=self.channel,
            articles=[
                article(
                    f"article-{i}",
                    image=images[i % len(images)][0] if images else None,
                    priority=self.edition % 1000,
                )
                for i in range(articles)
            ],
            assets=[
                {"sha256": sha, "media_type": "image/png", "size": path.stat().st_size}
                for sha, path in images
            ],
        )
        document["gate"]["id"] = self.channel
        return Catalog.model_validate(document), dict(images)

    def republish(self, change: Callable[[dict[str, TargetSource]], None]) -> None:
        """Sign the current target set again after `change` edits it (target path -> source)."""
        targets = self.repository.content_targets().signed.targets
        files = {}
        for target_path, info in targets.items():
            folder, _, name = target_path.rpartition("/")
            digest = info.hashes["sha256"]
            stored = self.repository_dir / "targets" / folder / f"{digest}.{name}"
            files[target_path] = TargetSource(
                path=stored, sha256=digest, custom=info.custom or None
            )
        change(files)
        self.repository.publish(files, force=True)

    def without_database(self) -> None:
        """Serve the catalog only, as a hub that packages no content database does."""

        def drop(files: dict[str, TargetSource]) -> None:
            for target_path in (database_target(self.channel), manifest_target(self.channel)):
                del files[target_path]

        self.republish(drop)

    def snapshot_repository(self, where: Path) -> Path:
        shutil.copytree(self.repository_dir, where)
        return where


def enrol_device(config_dir: Path, hub_url: str, root_bytes: bytes, **sync: object) -> Path:
    """Write kiosk.toml and the enrolment files; return the kiosk.toml path."""
    config_dir.mkdir(parents=True, exist_ok=True)
    settings = {"data_dir": str(config_dir / "data"), "budget_seconds": 30, **sync}
    lines = ["[sync]"] + [f"{key} = {_toml(value)}" for key, value in settings.items()]
    (config_dir / "kiosk.toml").write_text("\n".join(lines) + "\n")
    write_enrolment(config_dir, "test-kiosk", "t" * 32, "mong-cai", hub_url, root_bytes)
    return config_dir / "kiosk.toml"


def _toml(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) else str(value)


def hanging_server() -> tuple[socket.socket, str]:
    """Accepts TCP connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    return listener, f"http://127.0.0.1:{listener.getsockname()[1]}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def device_config(path: Path):
    return load_device_config(path)


def media_is_sound(media_dir: Path) -> bool:
    """Every file named by a sha256 really has that hash."""
    for entry in os.scandir(media_dir):
        named = entry.is_file() and len(entry.name) == 64
        if named and hashlib.sha256(Path(entry.path).read_bytes()).hexdigest() != entry.name:
            return False
    return True


class Device:
    """A kiosk's sync side, in this process: its config, its stores, and a refresh."""

    def __init__(self, config_path: Path) -> None:
        self.config_path = config_path
        self.config: DeviceConfig = load_device_config(config_path)
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        self.state = StateStore(self.config.usage_db)
        self.content: ContentStore = open_content(self.config.content_db, self.state)

    def refresh(self, **kwargs: object) -> RefreshReport:
        return Refresher(self.config, self.state, self.content, **kwargs).run()

    def reconfigure(self, **changes: object) -> None:
        self.config = self.config.model_copy(update=changes)

    def close(self) -> None:
        self.content.close()
        self.state.close()
