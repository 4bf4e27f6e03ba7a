"""Sync benchmarks: a first sync of 10,000 articles and 200 MB of assets against a plain HTTP
download of the same files; a 1% content change; a no-change cycle.

The hub here is a plain static web server (http.server) over the signed repository, which is
also how a CDN would serve it. Figures are ratios, measured once.
"""

from __future__ import annotations

import hashlib
import os
import random
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import urllib3

from bench.search import synthetic_catalog
from cache import ContentStore, StateStore, open_content
from catalog import Catalog
from catalog.model import Asset
from catalog.targets import asset_target, catalog_target
from hub.keys import ROLES, KeyStore
from hub.publish import ChannelContent, publish_channels, repository_for
from sync import refresh as refresh_module
from sync.config import load_device_config, write_enrolment
from sync.refresh import Refresher

ARTICLES = 10_000
ASSETS = 400
ASSET_BYTES = 500_000  # 400 x 500 kB = 200 MB
CHANGED_FRACTION = 0.01
RATIO_BUDGET = 1.3

Row = tuple[str, float, str]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass


def _make_assets(folder: Path, count: int, seed: int) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    chance = random.Random(seed)
    for _ in range(count):
        data = b"\x89PNG\r\n\x1a\n" + chance.randbytes(ASSET_BYTES - 8)
        sha = hashlib.sha256(data).hexdigest()
        (folder / sha).write_bytes(data)
        files[sha] = folder / sha
    return files


def _with_assets(catalog: Catalog, files: dict[str, Path]) -> Catalog:
    shas = sorted(files)
    assets = [Asset(sha256=s, media_type="image/png", size=files[s].stat().st_size) for s in shas]
    articles = [
        article.model_copy(update={"image": shas[index % len(shas)]})
        for index, article in enumerate(catalog.articles)
    ]
    return catalog.model_copy(update={"assets": assets, "articles": articles})


def _changed(catalog: Catalog, files: dict[str, Path], folder: Path) -> tuple[Catalog, dict, int]:
    """1% of articles edited and 1% of assets replaced; returns the new catalog, files, new bytes."""
    shas = sorted(files)
    replaced = shas[: int(len(shas) * CHANGED_FRACTION)]
    fresh = _make_assets(folder, len(replaced), seed=99)
    new_files = {s: p for s, p in files.items() if s not in replaced} | fresh
    swap = dict(zip(replaced, sorted(fresh), strict=True))
    step = int(1 / CHANGED_FRACTION)
    articles = []
    for index, article in enumerate(catalog.articles):
        update: dict = {"image": swap.get(article.image, article.image)}
        if index % step == 0:
            update["priority"] = (article.priority + 1) % 1000
        articles.append(article.model_copy(update=update))
    assets = [
        Asset(sha256=s, media_type="image/png", size=new_files[s].stat().st_size)
        for s in sorted(new_files)
    ]
    changed = catalog.model_copy(update={"articles": articles, "assets": assets})
    return changed, new_files, sum(p.stat().st_size for p in fresh.values())


def _plain_download(base: str, paths: list[str], into: Path) -> tuple[float, float]:
    pool = urllib3.PoolManager()
    into.mkdir()
    started = time.perf_counter()
    for index, path in enumerate(paths):
        response = pool.request("GET", base + path, preload_content=False)
        with (into / str(index)).open("wb") as out:
            for chunk in response.stream(256 * 1024):
                out.write(chunk)
        response.release_conn()
    downloaded = time.perf_counter() - started
    os.sync()  # the kiosk must write durably; a fair baseline does too
    return downloaded, time.perf_counter() - started


def _served_paths(repository, files: dict[str, Path], channel: str) -> list[str]:
    targets = repository.targets().signed.targets
    paths = []
    for target in [catalog_target(channel), *(asset_target(s) for s in sorted(files))]:
        folder, _, name = target.rpartition("/")
        paths.append(f"/tuf/targets/{folder}/{targets[target].hashes['sha256']}.{name}")
    return paths


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        keys = KeyStore(root / "hub/keys")
        for role in ROLES:
            keys.generate(role)
        repository = repository_for(root / "hub", keys)
        repository.init()
        files = _make_assets(root / "authoring", ASSETS, seed=1)
        catalog = _with_assets(synthetic_catalog(ARTICLES), files)
        publish_channels([ChannelContent(catalog, files)], root / "hub", keys)
        site = root / "site"
        site.mkdir()
        (site / "tuf").symlink_to(repository.repo_dir)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}"
        try:
            return _measure(root, url, repository, keys, catalog, files)
        finally:
            server.shutdown()
            server.server_close()


def _measure(root, url, repository, keys, catalog, files) -> list[Row]:
    paths = _served_paths(repository, files, catalog.channel)
    plain, plain_durable = _plain_download(url, paths, root / "plain")
    config_dir = root / "kiosk"
    config_dir.mkdir()
    (config_dir / "kiosk.toml").write_text(
        f"[sync]\ndata_dir = '{config_dir / 'data'}'\nbudget_seconds = 3600\n"
    )
    write_enrolment(config_dir, "bench", "b" * 32, catalog.channel, url, repository.root_bytes())
    config = load_device_config(config_dir / "kiosk.toml")
    config.data_dir.mkdir()
    state = StateStore(config.usage_db)
    content = open_content(config.content_db, state)
    applied: list[float] = []
    validated: list[float] = []
    original = ContentStore.replace_content
    original_load = refresh_module.catalog.load

    def timed_load(data):
        started = time.perf_counter()
        document = original_load(data)
        validated.append(time.perf_counter() - started)
        return document

    refresh_module.catalog.load = timed_load

    def timed_apply(self, document):
        started = time.perf_counter()
        original(self, document)
        applied.append(time.perf_counter() - started)

    ContentStore.replace_content = timed_apply
    try:
        started = time.perf_counter()
        first = Refresher(config, state, content).run()
        first_time = time.perf_counter() - started
        assert first.outcome.label == "updated", first.detail
        transfer_time = first_time - applied[0]

        changed, new_files, changed_asset_bytes = _changed(catalog, files, root / "authoring")
        publish_channels([ChannelContent(changed, new_files)], root / "hub", keys)
        second = Refresher(config, state, content).run()
        assert second.outcome.label == "updated", second.detail
        catalog_bytes = repository.targets().signed.targets[catalog_target(catalog.channel)].length
        metadata_bytes = second.bytes_received - catalog_bytes - changed_asset_bytes

        idle = Refresher(config, state, content).run()
        assert idle.outcome.label == "current", idle.detail
    finally:
        ContentStore.replace_content = original
        refresh_module.catalog.load = original_load
        content.close()
        state.close()
    total_bytes = sum(p.stat().st_size for p in (root / "plain").iterdir())
    transfer = transfer_time - validated[0]
    ratio = transfer / plain_durable
    verdict = "within" if ratio <= RATIO_BUDGET else "OVER"
    return [
        ("content served (catalog + assets)", total_bytes / 1e6, "MB"),
        ("plain HTTP download of the same files", plain, "s"),
        ("plain HTTP download, then one os.sync", plain_durable, "s"),
        ("first sync, total", first_time, "s"),
        ("  of which applying 10,000 articles to SQLite", applied[0], "s"),
        ("  of which validating the catalog", validated[0], "s"),
        ("  the rest: fetch, verify, store durably", transfer, "s"),
        ("that rest / plain download then sync", ratio, f"x ({verdict} {RATIO_BUDGET}x)"),
        ("first sync total / plain download then sync", first_time / plain_durable, "x"),
        ("first sync requests", first.requests, "requests"),
        ("1% change: bytes transferred", second.bytes_received / 1e6, "MB"),
        ("1% change: asset bytes that changed", changed_asset_bytes / 1e6, "MB"),
        ("1% change: catalog (one file, re-sent whole)", catalog_bytes / 1e6, "MB"),
        ("1% change: TUF metadata overhead", metadata_bytes / 1e3, "kB"),
        (
            "1% change: transferred / changed (assets + catalog)",
            second.bytes_received / (changed_asset_bytes + catalog_bytes),
            "x",
        ),
        ("no-change cycle: requests", idle.requests, "requests"),
        ("no-change cycle: bytes", idle.bytes_received, "bytes"),
    ]
