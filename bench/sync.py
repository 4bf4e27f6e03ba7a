"""Sync benchmarks: a first sync of 10,000 articles and 200 MB of assets against a plain HTTP
download of the same files; a 1% content change; a no-change cycle.

The hub here is a plain static web server (http.server) over the signed repository, which is
also how a CDN would serve it. The verdict is on the whole first sync, from a device with nothing
to content visible in its cache, against the plain download then one os.sync; the stages overlap,
so they are shown as spans, not as parts of a sum. The same first sync is then measured over a
simulated link, where the network sets the pace. The plain download and the first sync are
taken five times in turns and compared by their medians; the stages are those of the last run.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import urllib3

from bench._served import serving
from bench._sync_stages import recording
from bench.search import synthetic_catalog
from cache import StateStore, open_content
from catalog import Catalog
from catalog.model import Asset
from catalog.targets import database_target, manifest_target
from hub.publishing.keys import ROLES, KeyStore
from hub.publishing.publish import ChannelContent, publish_channels, repository_for
from sync.config import load_device_config, write_enrolment
from sync.refresh import Refresher
from sync.runner import refresh_locked

ARTICLES = 10_000
ASSETS = 400
ASSET_BYTES = 500_000  # 400 x 500 kB = 200 MB
CHANGED_FRACTION = 0.01
RATIO_BUDGET = 1.3
REPEATS = 5
LINK_BYTES_PER_SECOND = 50e6  # 400 Mbit/s: still faster than a border gate's uplink

Row = tuple[str, float, str]
FETCHED = ("assets.json", "content.db.zst")
"""The channel files a sync fetches (the packaged database and its asset list)."""
AUTHORED = ("catalog.json",)


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


def _first_sync(config_dir: Path, url: str, repository, catalog: Catalog):
    """A first sync on a new device, from nothing: lock, stores, TUF, catalog, images, apply."""
    config_dir.mkdir()
    (config_dir / "kiosk.toml").write_text(
        f"[sync]\ndata_dir = '{config_dir / 'data'}'\nbudget_seconds = 3600\n"
    )
    write_enrolment(config_dir, "bench", "b" * 32, catalog.channel, url, repository.root_bytes())
    config = load_device_config(config_dir / "kiosk.toml")
    with recording() as stages:
        first = refresh_locked(config)
        first_time = time.perf_counter() - stages.started
    assert first.outcome.label == "updated", first.detail
    return config, first, first_time, stages


def _over_a_link(root: Path, url: str, repository, catalog: Catalog) -> list[Row]:
    """The same first sync when the network, not the device, sets the pace."""
    paths = _served_paths(repository)
    _, plain = _plain_download(url, paths, root / "plain-link")
    _, _, first_time, _ = _first_sync(root / "kiosk-link", url, repository, catalog)
    mbit = LINK_BYTES_PER_SECOND * 8 / 1e6
    return [
        (f"over a shared {mbit:.0f} Mbit/s link: plain download then sync", plain, "s"),
        (f"over a shared {mbit:.0f} Mbit/s link: first sync, total", first_time, "s"),
        (f"over a shared {mbit:.0f} Mbit/s link: first sync / plain", first_time / plain, "x"),
    ]


def _served_paths(repository, channel_files: tuple[str, ...] = FETCHED) -> list[str]:
    """Where the targets a first sync fetches are served: the channel's files, then its assets."""
    targets = repository.targets().signed.targets
    paths = []
    for target in sorted(targets, key=lambda path: (not path.startswith("channels/"), path)):
        folder, _, name = target.rpartition("/")
        if target.startswith("channels/") and name not in channel_files:
            continue
        paths.append(f"/tuf/targets/{folder}/{targets[target].hashes['sha256']}.{name}")
    return paths


def published_site(root: Path, articles: int = ARTICLES, assets: int = ASSETS):
    """A hub under `root` that has published one synthetic channel (`articles` articles and
    `assets` images), and a site/ folder that serves its repository at /tuf."""
    keys = KeyStore(root / "hub/keys")
    for role in ROLES:
        keys.generate(role)
    repository = repository_for(root / "hub", keys)
    repository.init()
    files = _make_assets(root / "authoring", assets, seed=1)
    catalog = _with_assets(synthetic_catalog(articles), files)
    publish_channels([ChannelContent(catalog, files)], root / "hub", keys)
    site = root / "site"
    site.mkdir()
    (site / "tuf").symlink_to(repository.repo_dir)
    return site, repository, keys, catalog, files


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        site, repository, keys, catalog, files = published_site(root)
        with serving(site) as url:
            rows = _measure(root, url, repository, keys, catalog, files)
        with serving(site, LINK_BYTES_PER_SECOND) as url:
            rows += _over_a_link(root, url, repository, catalog)
        return rows


def _alternating(root: Path, url: str, repository, catalog: Catalog):
    """Plain downloads and first syncs, taken in turns; the median of each.

    Other work on a shared machine comes and goes; taking turns lets it weigh on both sides.
    """
    paths, authored = _served_paths(repository), _served_paths(repository, AUTHORED)
    plains, plains_durable, authored_durable, firsts = [], [], [], []
    for run in range(REPEATS):
        plain, durable = _plain_download(url, paths, root / f"plain-{run}")
        plains.append(plain)
        plains_durable.append(durable)
        authored_durable.append(_plain_download(url, authored, root / f"authored-{run}")[1])
        config, first, first_time, stages = _first_sync(
            root / f"kiosk-{run}", url, repository, catalog
        )
        firsts.append(first_time)
        if run < REPEATS - 1:
            shutil.rmtree(root / f"kiosk-{run}")
        shutil.rmtree(root / f"authored-{run}")
    medians = [statistics.median(v) for v in (plains, plains_durable, authored_durable, firsts)]
    return (*medians, config, first, stages, root / "plain-0")


def _measure(root, url, repository, keys, catalog, files) -> list[Row]:
    plain, plain_durable, authored_durable, first_time, config, first, stages, plain_dir = (
        _alternating(root, url, repository, catalog)
    )
    state = StateStore(config.usage_db)
    content = open_content(config.content_db, state)
    try:
        changed, new_files, changed_asset_bytes = _changed(catalog, files, root / "authoring")
        publish_channels([ChannelContent(changed, new_files)], root / "hub", keys)
        second = Refresher(config, state, content).run()
        assert second.outcome.label == "updated", second.detail
        signed = repository.targets().signed.targets
        package_bytes = sum(
            signed[t(catalog.channel)].length for t in (database_target, manifest_target)
        )
        metadata_bytes = second.bytes_received - package_bytes - changed_asset_bytes

        idle = Refresher(config, state, content).run()
        assert idle.outcome.label == "current", idle.detail
    finally:
        content.close()
        state.close()
    total_bytes = sum(p.stat().st_size for p in plain_dir.iterdir())
    ratio = first_time / plain_durable
    verdict = "within" if ratio <= RATIO_BUDGET else "OVER"
    database_start = stages.spans["download and unpack the database"][0][0]
    downloads = stages.length("image downloads")
    return [
        ("files a first sync fetches (database, asset list, assets)", total_bytes / 1e6, "MB"),
        (f"plain HTTP download of the same files (median of {REPEATS})", plain, "s"),
        ("plain HTTP download, then one os.sync", plain_durable, "s"),
        (
            f"first sync, total, from nothing to content visible (median of {REPEATS})",
            first_time,
            "s",
        ),
        ("first sync total / plain download then sync", ratio, f"x ({verdict} {RATIO_BUDGET}x)"),
        (
            "first sync total / plain download of catalog and assets, then sync",
            first_time / authored_durable,
            "x",
        ),
        ("  stage: TUF metadata and the asset list", database_start, "s"),
        (
            "  stage: database download, unpacked and hash-checked",
            stages.length("download and unpack the database"),
            "s",
        ),
        ("  stage: database check (SQLite quick_check)", stages.length("check the database"), "s"),
        ("  stage: image downloads, verified and stored (overlapped)", downloads, "s"),
        ("  stage: waiting for images before the swap", stages.length("wait for images"), "s"),
        (
            "  stage: swap, prune, record",
            first_time - stages.ends("wait for images"),
            "s",
        ),
        ("image downloads / plain download then sync", downloads / plain_durable, "x"),
        ("first sync requests", first.requests, "requests"),
        ("1% change: bytes transferred", second.bytes_received / 1e6, "MB"),
        ("1% change: asset bytes that changed", changed_asset_bytes / 1e6, "MB"),
        ("1% change: database and asset list (re-sent whole)", package_bytes / 1e6, "MB"),
        ("1% change: TUF metadata overhead", metadata_bytes / 1e3, "kB"),
        (
            "1% change: transferred / changed (assets + database)",
            second.bytes_received / (changed_asset_bytes + package_bytes),
            "x",
        ),
        ("no-change cycle: requests", idle.requests, "requests"),
        ("no-change cycle: bytes", idle.bytes_received, "bytes"),
    ]
