"""Seed a hub data folder with a demo fleet: content, kiosks, heartbeats, usage, figures, accounts."""

from __future__ import annotations

import calendar
import logging
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from hub.compiler import CompiledChannel, compile_channel
from hub.demo.content import write_demo_content
from hub.demo.desk import seed_desk
from hub.demo.events import record_events
from hub.demo.gates import (
    BROKEN_KIOSK,
    FLAKY_GATE,
    GATES,
    LATE_GATE,
    LOW_DEMAND_GATE,
    MOVED_GATE,
    NEW_GATE,
    DemoGate,
)
from hub.demo.simulate import ArticleInfo, HourFacts, KioskPlan, Simulator
from hub.devices.enrolment import code_hash, exchange, new_code
from hub.reports.period import LOCAL, day_start
from hub.staff.accounts import Accounts
from hub.staff.context import HUB_DB, STAFF_DB, open_staff_db
from hub.staff.figures import GateFigures
from hub.staff.qr_opens import QrOpens
from hub.store import HubStore, backend
from hub.store.backend.postgres import holds_hub_data
from hub.store.records import Heartbeat, UsageRow

logger = logging.getLogger(__name__)

DEMO_USERS = (
    ("admin", "admin", None),
    ("analyst", "analyst", None),
    ("quang-ninh", "analyst", "quang-ninh"),
    ("tay-ninh", "analyst", "tay-ninh"),
)
"""(username, role, province): a national admin and analyst, and two province analysts."""


class DemoError(RuntimeError):
    """The demo cannot be seeded here (e.g. the data folder already holds a hub)."""


@dataclass
class DemoReport:
    data_dir: Path
    gates: int = 0
    kiosks: int = 0
    usage_rows: int = 0
    heartbeats: int = 0
    sessions: int = 0
    accounts: list[tuple[str, str, str | None]] = field(default_factory=list)
    published: bool = False


def seed_demo(
    data_dir: Path,
    password: str,
    days: int = 90,
    seed: int = 7,
    now: datetime | None = None,
    content_source: Path | None = None,
    gates: tuple[DemoGate, ...] = GATES,
    force: bool = False,
    publish: bool = True,
) -> DemoReport:
    data_dir = Path(data_dir)
    database = backend.route(data_dir / HUB_DB)
    if backend.is_postgresql(database) and holds_hub_data(str(database)):
        raise DemoError(
            f"the database {backend.DATABASE_URL_ENV} names holds hub data: the demo seeds only"
            " an empty one (--force never clears a database)"
        )
    for name in (HUB_DB, STAFF_DB):
        if (data_dir / name).exists():
            if not force:
                raise DemoError(f"{data_dir / name} exists: use an empty folder, or --force")
            for suffix in ("", "-wal", "-shm"):
                (data_dir / f"{name}{suffix}").unlink(missing_ok=True)
    now = (now or datetime.now(UTC)).replace(minute=0, second=0, microsecond=0)
    end = now
    start = end - timedelta(days=days)
    report = DemoReport(data_dir)
    content_dir = write_demo_content(data_dir / "content", content_source, gates)
    compiled = _compile_all(content_dir, gates)
    articles = _articles(compiled[0])
    latest = _publish(content_dir, data_dir, compiled) if publish else None
    report.published = latest is not None
    store = HubStore(data_dir / HUB_DB)
    staff_db = open_staff_db(data_dir)
    try:
        plans = _kiosks(store, gates, start, end)
        traffic = _figures(GateFigures(staff_db), gates, start, end, random.Random(seed + 2))
        for plan in plans:
            plan.traffic = traffic[plan.gate.id]
        report.gates, report.kiosks = len(gates), len(plans)
        simulator = Simulator(articles, seed)
        qr = QrOpens(staff_db)
        rng = random.Random(seed + 1)
        for plan in plans:
            beats: list[Heartbeat] = []
            rows: list[UsageRow] = []
            opens: list[tuple[str, str, str, str, int]] = []
            facts = None
            for facts in simulator.hours(plan, start, end):
                rows.extend(_rows(facts))
                opens.extend(
                    (plan.device_id, _hour(facts.hour), article, lang, count)
                    for (article, lang), count in facts.qr_opens.items()
                )
                report.sessions += sum(
                    entry[0] for (kind, _), entry in facts.rows.items() if kind == "session_end"
                )
                if facts.up:
                    beats.append(_heartbeat(plan, facts.hour, latest, rng, end))
            if facts is not None and facts.up:  # still running: a heartbeat minutes ago
                recent = datetime.now(UTC) - timedelta(seconds=rng.randint(20, 240))
                beats.append(_heartbeat(plan, recent, latest, rng, end, exact=True))
            store.load_usage(plan.device_id, rows)  # in bulk: one pass rolls it up
            store.record_heartbeats(beats)
            qr.add_many(opens)
            report.usage_rows += len(rows)
            report.heartbeats += len(beats)
        record_events(store, plans, start, end)
        accounts = Accounts(staff_db)
        for username, role, province in DEMO_USERS:
            accounts.add(username, password, role, province)
            report.accounts.append((username, role, province))
        for username, province in seed_desk(data_dir, content_dir, staff_db, password):
            report.accounts.append((username, "analyst", province))
    finally:
        store.close()
        staff_db.close()
    return report


def _hour(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:00:00Z")


def _compile_all(content_dir: Path, gates: tuple[DemoGate, ...]) -> list[CompiledChannel]:
    return [compile_channel(content_dir, gate.id) for gate in gates]


def _articles(compiled: CompiledChannel) -> list[ArticleInfo]:
    rng = random.Random(3)
    ordered = sorted(
        compiled.catalog.articles, key=lambda a: (a.topic != "entry-visa", a.priority, a.id)
    )
    return [
        ArticleInfo(a.id, a.topic, frozenset(a.translations), rng.uniform(0.55, 0.92))
        for a in ordered
    ]


def _publish(
    content_dir: Path, data_dir: Path, compiled: list[CompiledChannel]
) -> dict[str, int] | None:
    """Sign and publish every channel twice (a small edit in between), if this hub can publish."""
    try:
        from hub.publishing.keys import ROLES, KeyStore
        from hub.publishing.publish import ChannelContent, publish_channels, repository_for
    except ImportError:
        logger.info("no publishing on this hub: the demo shows content straight from the folder")
        return None
    keys = KeyStore(data_dir / "keys")
    for role in ROLES:
        if not keys.exists(role):
            keys.generate(role)
    repository = repository_for(data_dir, keys)
    if not (data_dir / "repository").exists() or not any((data_dir / "repository").iterdir()):
        repository.init()
    publish_channels(
        [ChannelContent(c.catalog, dict(c.asset_files)) for c in compiled], data_dir, keys
    )
    # a small edit (the last tile moves by one), made in the folder and in the compiled catalogs
    # alike, so every channel gets a second version without compiling everything again
    topics_file = content_dir / "topics.yaml"
    topics = yaml.safe_load(topics_file.read_text(encoding="utf-8"))
    last = max(topics, key=lambda topic: topic["order"])
    last["order"] += 1
    topics_file.write_text(
        yaml.safe_dump(topics, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    edited = []
    for channel in compiled:
        moved = [
            t.model_copy(update={"order": t.order + 1}) if t.id == last["id"] else t
            for t in channel.catalog.topics
        ]
        edited.append(
            ChannelContent(
                channel.catalog.model_copy(update={"topics": moved}), dict(channel.asset_files)
            )
        )
    report = publish_channels(edited, data_dir, keys)
    return dict(report.content_versions)


def _kiosks(
    store: HubStore, gates: tuple[DemoGate, ...], start: datetime, end: datetime
) -> list[KioskPlan]:
    plans = []
    for gate in gates:
        for index in range(gate.kiosks):
            device_id = f"{gate.id}-{index + 1}"
            installed = end - timedelta(days=40) if gate.id == LATE_GATE else start
            if gate.id == NEW_GATE[0]:
                installed = max(start, end - timedelta(days=NEW_GATE[1]))
            code = new_code()
            expires = installed + timedelta(days=7)
            store.create_device(device_id, gate.id, code_hash(code), expires, now=installed)
            exchange(store, code, now=installed)
            plan = KioskPlan(device_id, gate, installed)
            if gate.id == FLAKY_GATE:
                plan.uptime = 0.6
            if (gate.id, index) == BROKEN_KIOSK:
                plan.uptime, plan.errors = 0.8, True
                plan.silent_from = end - min(timedelta(days=11, hours=5), (end - start) * 0.4)
            if gate.id == "lao-cai":
                plan.zero_rate = 0.45
            if gate.id == LOW_DEMAND_GATE:
                plan.qr_rate = 0.04
            if gate.id == MOVED_GATE[0]:
                moved = (end - timedelta(days=MOVED_GATE[1])).astimezone(LOCAL).date()
                plan.boost_from = day_start(moved + timedelta(days=1))
                plan.boost = MOVED_GATE[2]
            plans.append(plan)
    return plans


def _rows(facts: HourFacts) -> list[UsageRow]:
    hour = _hour(facts.hour)
    return [
        UsageRow(hour, kind, dict(dims), entry[0], round(entry[1], 3), tuple(entry[2]))
        for (kind, dims), entry in facts.rows.items()
    ]


def _heartbeat(
    plan: KioskPlan,
    hour: datetime,
    latest: dict[str, int] | None,
    rng: random.Random,
    end: datetime,
    exact: bool = False,
) -> Heartbeat:
    received = (
        hour if exact else hour + timedelta(minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
    )
    version = (latest or {}).get(plan.gate.id)
    skew = rng.uniform(-2, 2)
    disk = 18 * 1024**3 + rng.randint(0, 2 * 1024**3)
    sync_ok, error, errors = True, None, {}
    if plan.errors:
        sync_ok, error, errors = (
            False,
            "hub unreachable: timed out after 30 s",
            {"sync": 7, "upload": 3},
        )
    if plan.device_id == "cau-treo-2" and version:
        version -= 1
        sync_ok, error = False, "signature check failed: snapshot expired"
    if plan.device_id == "tinh-bien-2":
        skew = 412.0
    if plan.device_id == "cha-lo-2":
        disk = 350 * 1024**2
    last_sync = received - timedelta(minutes=rng.randint(1, 55))
    return Heartbeat(
        device_id=plan.device_id,
        device_time=received + timedelta(seconds=skew),
        uptime_s=float((received - plan.start).total_seconds() % (14 * 86400)),
        disk_free_bytes=disk,
        content_version=version,
        last_sync_at=last_sync,
        last_sync_ok=sync_ok,
        last_sync_error=error,
        last_upload_at=last_sync,
        last_upload_ok=sync_ok,
        errors=errors,
        pending_rows=0,
        received_at=received,
    )


def _figures(
    figures: GateFigures,
    gates: tuple[DemoGate, ...],
    start: datetime,
    end: datetime,
    rng: random.Random,
) -> dict[str, dict[str, float]]:
    """Enter the monthly crossings and the yearly costs; returns {gate: {'YYYY-MM': traffic}},
    each month's crossings per day against the gate's usual, so use follows traffic."""
    traffic: dict[str, dict[str, float]] = {gate.id: {} for gate in gates}
    last = end.astimezone(LOCAL).date()
    month = (min(start.astimezone(LOCAL).date(), last - timedelta(days=365))).replace(day=1)
    while month <= last:
        for gate in gates:
            season = 1.0 + 0.12 * ((month.month in (1, 2, 7, 8)) - 0.3)
            crossings = round(gate.monthly_crossings * season * rng.uniform(0.93, 1.07))
            figures.set_crossings(gate.id, month.strftime("%Y-%m"), crossings, "demo")
            days = calendar.monthrange(month.year, month.month)[1]
            usual = gate.monthly_crossings * 12 / 365
            traffic[gate.id][month.strftime("%Y-%m")] = crossings / days / usual
        month = (month + timedelta(days=32)).replace(day=1)
    for gate in gates:
        figures.set_yearly_cost(gate.id, gate.yearly_cost, "demo")
    return traffic
