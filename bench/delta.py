"""Small updates: bytes a kiosk moves for a change, against the bytes that changed.

A 10,000-article channel with 200 images; a kiosk syncs it whole, then the hub publishes changes
of 0.1%, 1% and 10% of the articles (every language's summary edited) and as many images
replaced (at least one), one version after another, then three 1% changes in a row that the
kiosk skips. After each, one refresh. "Changed" is what an author changed: the edited articles
(their JSON, all languages) and the new images. "Moved" is every byte the refresh received (TUF
metadata, the patch, the images). Each refresh is set against a plain HTTP download of the same
files, and the time to rebuild the database from the patch is shown. The hub's publishing time
for the 1% change covers packaging the database and making its patches.
"""

from __future__ import annotations

import hashlib
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import urllib3

import sync.refresh
from bench._served import serving
from bench.sync import _make_assets, published_site
from catalog import Catalog
from catalog.model import Asset
from catalog.targets import asset_target, patch_target
from hub.publishing.publish import ChannelContent, publish_channels
from sync.config import load_device_config, write_enrolment
from sync.runner import refresh_locked

ARTICLES = 10_000
ASSETS = 200
Row = tuple[str, float, str]


def _edited(
    catalog: Catalog, files: dict[str, Path], fraction: float, seed: int, folder: Path
) -> tuple[Catalog, dict[str, Path], int]:
    """`fraction` of the articles edited and of the images replaced; the bytes an author changed."""
    chance = random.Random(seed)
    articles = list(catalog.articles)
    picked = chance.sample(range(len(articles)), max(1, round(len(articles) * fraction)))
    changed = 0
    for index in picked:
        article = articles[index]
        translations = {
            lang: text.model_copy(update={"summary": f"{text.summary} (sửa {seed})"[:300]})
            for lang, text in article.translations.items()
        }
        articles[index] = article.model_copy(update={"translations": translations})
        changed += len(articles[index].model_dump_json())
    shas = sorted(files)
    replaced = chance.sample(shas, max(1, round(len(shas) * fraction)))
    fresh = _make_assets(folder / f"edit-{seed}", len(replaced), seed=1000 + seed)
    swap = dict(zip(replaced, sorted(fresh), strict=True))
    articles = [a.model_copy(update={"image": swap.get(a.image, a.image)}) for a in articles]
    new_files = {s: p for s, p in files.items() if s not in swap} | fresh
    assets = [
        Asset(sha256=s, media_type="image/png", size=p.stat().st_size)
        for s, p in sorted(new_files.items())
    ]
    changed += sum(path.stat().st_size for path in fresh.values())
    return catalog.model_copy(update={"articles": articles, "assets": assets}), new_files, changed


@contextmanager
def _apply_timer() -> Iterator[list[float]]:
    """Time spent rebuilding the database from patches, while the block runs."""
    spent: list[float] = []
    original = sync.refresh.apply_patch

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - started)

    sync.refresh.apply_patch = timed
    try:
        yield spent
    finally:
        sync.refresh.apply_patch = original


def _plain(url: str, paths: list[str]) -> tuple[int, float]:
    pool = urllib3.PoolManager()
    started, total = time.perf_counter(), 0
    for path in paths:
        total += len(pool.request("GET", url + path).data)
    return total, time.perf_counter() - started


def _served(repository, target: str) -> str:
    info = repository.content_targets().signed.targets[target]
    folder, _, name = target.rpartition("/")
    return f"/tuf/targets/{folder}/{info.hashes['sha256']}.{name}"


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        site, repository, keys, catalog, files = published_site(root, ARTICLES, ASSETS)
        with serving(site) as url:
            return _measure(root, url, repository, keys, catalog, files)


def _measure(root, url, repository, keys, catalog, files) -> list[Row]:
    config_dir = root / "kiosk"
    config_dir.mkdir()
    (config_dir / "kiosk.toml").write_text(
        f"[sync]\ndata_dir = '{config_dir / 'data'}'\nbudget_seconds = 3600\n"
    )
    write_enrolment(config_dir, "bench", "b" * 32, catalog.channel, url, repository.root_bytes())
    config = load_device_config(config_dir / "kiosk.toml")
    assert refresh_locked(config).outcome.label == "updated"
    full = repository.content_targets().signed.targets[f"channels/{catalog.channel}/content.db.zst"]
    rows: list[Row] = [("whole content database (for comparison)", full.length / 1e6, "MB")]
    version = 1
    plans = [("0.1% change", [0.001]), ("1% change", [0.01]), ("10% change", [0.1])]
    plans.append(("3 skipped versions (1% each)", [0.01, 0.01, 0.01]))
    for label, fractions in plans:
        base, changed, new_assets = version, 0, set()
        for fraction in fractions:
            started = time.perf_counter()
            catalog, new_files, edited = _edited(catalog, files, fraction, version, root)
            publish_channels([ChannelContent(catalog, new_files)], root / "hub", keys)
            if label == "1% change":
                rows.append(("hub: publishing a 1% change", time.perf_counter() - started, "s"))
            new_assets |= set(new_files) - set(files)
            files, changed, version = new_files, changed + edited, version + 1
        new_assets &= set(files)
        with _apply_timer() as spent:
            started = time.perf_counter()
            report = refresh_locked(config)
            took = time.perf_counter() - started
        assert report.outcome.label == "updated" and "patch from" in report.detail, report.detail
        paths = [_served(repository, patch_target(catalog.channel, base))]
        paths += [_served(repository, asset_target(sha)) for sha in sorted(new_assets)]
        plain_bytes, plain_time = _plain(url, paths)
        rows += [
            (f"{label}: bytes changed (articles as authored + new images)", changed / 1e6, "MB"),
            (f"{label}: bytes moved by the refresh", report.bytes_received / 1e6, "MB"),
            (f"{label}: moved / changed", report.bytes_received / changed, "x (goal <= 2x)"),
            (f"{label}: patch alone", plain_bytes / 1e6 - _size(files, new_assets), "MB"),
            (f"{label}: refresh, total", took, "s"),
            (f"{label}: plain HTTP download of the same files", plain_time, "s"),
            (f"{label}: refresh / plain download", took / plain_time, "x"),
            (f"{label}: time to rebuild the database from the patch", sum(spent), "s"),
        ]
    _check_media(config.media_dir)
    return rows


def _size(files: dict[str, Path], shas: set[str]) -> float:
    return sum(files[sha].stat().st_size for sha in shas) / 1e6


def _check_media(media: Path) -> None:
    for path in media.iterdir():
        if path.is_file() and len(path.name) == 64:
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name
