"""Command-line verbs for keys, publishing and serving: `keys init`, `keys rotate`,
`keys delegate`, `keys revoke-delegation`, `publish`, `publish-software`, `timestamp`, `prune`, `export-update`
and `serve`.
hub/__main__.py adds them beside the authoring commands."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from hub.lock import repository_lock
from hub.publishing.delegation import delegate, revoke
from hub.publishing.keys import ROLES, KeyStore, SigningKeyError
from hub.publishing.publish import PublishError, publish_content, repository_for
from hub.publishing.repository import RepositoryError
from hub.publishing.timestamp_job import resign_timestamp
from hub.settings import HubSettings
from hub.sourcefile import ContentError
from hub.store.heartbeat_retention import DEFAULT_RETENTION_DAYS, DEFAULT_ROLLUP_RETENTION_DAYS
from hub.store.prune import prune
from hub.store.usage_retention import DEFAULT_USAGE_RETENTION_DAYS

logger = logging.getLogger(__name__)

DEFAULT_DATA_DIR = os.environ.get("HUB_DATA_DIR", "var/hub")
DEFAULT_KEEP = 3
_JOB_INTERVALS = (
    ("resign-timestamp", 60.0, "re-sign the timestamp when it nears expiry"),
    ("prune", 60.0, "prune heartbeats (and hourly usage, if asked) past their retentions"),
    ("poll-feeds", 60.0, "read the official feeds into the desk's queue"),
)


def add_commands(commands: argparse._SubParsersAction) -> None:
    keys = commands.add_parser("keys", help="create or rotate the repository's signing keys")
    key_commands = keys.add_subparsers(dest="keys_command", required=True)
    init = key_commands.add_parser("init", help="create all keys and an empty signed repository")
    _common(init)
    init.set_defaults(handler=_keys_init, repository_verb=True)
    rotate = key_commands.add_parser("rotate", help="replace one role's key; kiosks follow")
    rotate.add_argument("--role", required=True, choices=ROLES)
    _common(rotate)
    rotate.set_defaults(handler=_keys_rotate, repository_verb=True)
    delegate = key_commands.add_parser(
        "delegate", help="let the hub publish with its own key (again: rotate that key)"
    )
    _common(delegate)
    delegate.set_defaults(handler=_keys_delegate, repository_verb=True)
    revoke = key_commands.add_parser(
        "revoke-delegation", help="take publishing back to the offline targets key"
    )
    _common(revoke)
    revoke.set_defaults(handler=_keys_revoke, repository_verb=True)

    publish = commands.add_parser("publish", help="build every channel and sign it for the kiosks")
    publish.add_argument("content_dir", type=Path, help="the authoring folder")
    publish.add_argument("--force", action="store_true", help="re-sign even if nothing changed")
    _common(publish)
    publish.set_defaults(handler=_publish, repository_verb=True)

    software = commands.add_parser(
        "publish-software", help="sign a kiosk bundle tarball for the devices to install"
    )
    software.add_argument("tarball", type=Path, help="the tarball `make bundle` writes")
    _common(software)
    software.set_defaults(handler=_publish_software, repository_verb=True)

    timestamp = commands.add_parser("timestamp", help="re-sign the timestamp if it nears expiry")
    timestamp.add_argument("--force", action="store_true", help="re-sign now")
    _common(timestamp, offline=False)
    timestamp.set_defaults(handler=_timestamp, repository_verb=True)

    prune = commands.add_parser(
        "prune", help="remove old metadata versions and files no kiosk can still ask for"
    )
    prune.add_argument(
        "--keep",
        type=int,
        default=DEFAULT_KEEP,
        metavar="N",
        help=f"also keep the N snapshots before the current one (default: {DEFAULT_KEEP})",
    )
    prune.add_argument("--dry-run", action="store_true", help="list what would go; remove nothing")
    _common(prune, offline=False)
    prune.set_defaults(handler=_prune, repository_verb=True)

    export = commands.add_parser(
        "export-update", help="write a channel's signed update to a folder (a USB stick)"
    )
    export.add_argument("--channel", required=True, help="gate channel id, e.g. mong-cai")
    export.add_argument("--out", type=Path, required=True, help="the folder (the stick's root)")
    export.add_argument(
        "--from-version",
        type=int,
        metavar="N",
        help="only the patch from content version N instead of the whole database",
    )
    _common(export, offline=False)
    export.set_defaults(handler=_export_update, repository_verb=True)

    serve = commands.add_parser("serve", help="run the hub web service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes sharing the port; jobs still run once per interval (default: 1)",
    )
    serve.add_argument(
        "--heartbeat-retention-days",
        type=float,
        default=DEFAULT_RETENTION_DAYS,
        help="prune raw heartbeats older than this every hour; 0 keeps them (default: 30)",
    )
    serve.add_argument(
        "--heartbeat-rollup-retention-days",
        type=float,
        default=DEFAULT_ROLLUP_RETENTION_DAYS,
        help="prune the hourly roll-up of heartbeats older than this every hour; 0 keeps it"
        " (default: 400)",
    )
    serve.add_argument(
        "--usage-retention-days",
        type=float,
        default=DEFAULT_USAGE_RETENTION_DAYS,
        help="prune hourly usage of days older than this every hour (the daily roll-ups stay);"
        " 0 keeps it (default: 0)",
    )
    for job, default, what in _JOB_INTERVALS:
        serve.add_argument(
            f"--{job}-every-minutes",
            type=float,
            default=default,
            metavar="M",
            help=f"{what} every M minutes; 0: never (default: {default:g})",
        )
    _common(serve, offline=False)
    serve.set_defaults(handler=_serve, repository_verb=True)


def _common(parser: argparse.ArgumentParser, *, offline: bool = True) -> None:
    parser.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))
    if offline:
        parser.add_argument(
            "--offline-keys",
            type=Path,
            default=None,
            help="folder holding the root, targets and snapshot keys (default: <data-dir>/keys)",
        )


def _keystore(args: argparse.Namespace) -> KeyStore:
    return KeyStore(args.data_dir / "keys", args.offline_keys)


def _keys_init(args: argparse.Namespace) -> int:
    keys = _keystore(args)
    for role in ROLES:
        keys.generate(role)
    repository = repository_for(args.data_dir, keys)
    repository.init()
    _say(f"keys and repository created in {args.data_dir}")
    _say(f"move {', '.join(str(keys.path(r)) for r in ROLES[:3])} to offline media")
    return 0


def _keys_rotate(args: argparse.Namespace) -> int:
    with repository_lock(args.data_dir):
        keyid = repository_for(args.data_dir, _keystore(args)).rotate(args.role)
    _say(f"{args.role} key rotated; new key id {keyid}")
    return 0


def _keys_delegate(args: argparse.Namespace) -> int:
    with repository_lock(args.data_dir):
        keyid = delegate(repository_for(args.data_dir, _keystore(args)))
    _say(f"the hub publishes with its delegated key {keyid}; root and targets stay offline")
    return 0


def _keys_revoke(args: argparse.Namespace) -> int:
    with repository_lock(args.data_dir):
        revoke(repository_for(args.data_dir, _keystore(args)))
    _say("delegation revoked: publishing needs the offline targets key again")
    return 0


def _publish(args: argparse.Namespace) -> int:
    report = publish_content(args.content_dir, args.data_dir, _keystore(args))
    for channel, version in sorted(report.content_versions.items()):
        mark = " (new)" if channel in report.changed_channels else ""
        _say(f"{channel}: content version {version}{mark}")
    _say("signed and published" if report.signed else "nothing changed; nothing signed")
    return 0


def _publish_software(args: argparse.Namespace) -> int:
    from hub.publishing.software import publish_software

    repository = repository_for(args.data_dir, _keystore(args))
    release = publish_software(repository, args.data_dir, args.tarball)
    _say(
        f"software {release.version} signed and published "
        f"({release.length / 1e6:.1f} MB, sha256 {release.sha256[:12]}...)"
    )
    return 0


def _prune(args: argparse.Namespace) -> int:
    if args.keep < 0:
        raise RepositoryError("--keep must be 0 or more")
    repository = repository_for(args.data_dir, KeyStore(args.data_dir / "keys"))
    report = prune(repository, args.keep, dry_run=args.dry_run)
    verb = "would remove" if args.dry_run else "removed"
    for path in report.removed:
        _say(f"{verb} {path.relative_to(repository.repo_dir)}")
    kept = ", ".join(str(version) for version in report.kept_snapshots)
    _say(
        f"{verb} {len(report.removed)} files ({report.bytes_freed / 1e6:.1f} MB); "
        f"kept snapshot versions {kept} and what they name"
    )
    return 0


def _export_update(args: argparse.Namespace) -> int:
    from hub.publishing.stick import export_update

    repository = repository_for(args.data_dir, KeyStore(args.data_dir / "keys"))
    try:
        report = export_update(repository, args.data_dir, args.channel, args.out, args.from_version)
    except OSError as error:
        raise RepositoryError(f"cannot write to {args.out}: {error}") from error
    _say(
        f"{report.channel}: content version {report.content_version} written to {args.out} "
        f"({report.files} files, {report.bytes / 1e6:.1f} MB)"
    )
    return 0


def _timestamp(args: argparse.Namespace) -> int:
    done = resign_timestamp(HubSettings(args.data_dir), force=args.force)
    _say("timestamp re-signed" if done else "timestamp still fresh")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from hub.serving.run import ServeError, serve

    settings = HubSettings(
        args.data_dir,
        heartbeat_retention_days=args.heartbeat_retention_days,
        heartbeat_rollup_retention_days=args.heartbeat_rollup_retention_days,
        usage_retention_days=args.usage_retention_days,
        resign_timestamp_every_minutes=args.resign_timestamp_every_minutes,
        prune_every_minutes=args.prune_every_minutes,
        poll_feeds_every_minutes=args.poll_feeds_every_minutes,
    )
    try:
        serve(settings, args.host, args.port, args.workers)
    except ServeError as error:
        sys.stderr.write(f"error: {error}\n")
        return 1
    return 0


def run(args: argparse.Namespace) -> int:
    """Run a repository verb, turning known failures into a one-line message and exit code 1."""
    try:
        return args.handler(args)
    except ContentError as error:
        for problem in error.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(f"{len(error.problems)} problem(s); nothing published.\n")
        return 1
    except (SigningKeyError, RepositoryError, PublishError) as error:
        logger.error("%s", error)
        sys.stderr.write(f"error: {error}\n")
        return 1


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
