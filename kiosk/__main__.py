"""Command line: `python -m kiosk run | screenshots | render-article | hash-pin | sideload PATH`.

`sideload PATH` hands the stick to the sync side (`python -m sync sideload PATH`, its own
process: the kiosk never imports sync).

Kivy's own command-line options and KIVY_*/KCFG_* variables are ignored: the environment is
locked before Kivy is imported (kiosk.environment).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import subprocess
import sys
import tempfile
from pathlib import Path

from kiosk.config import ConfigError, KioskConfig, load_config
from kiosk.environment import lock_environment

logger = logging.getLogger("kiosk")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kiosk", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="start the kiosk")
    shots = commands.add_parser("screenshots", help="render every screen to PNG")
    for sub in (run, shots):
        sub.add_argument("--config", type=Path, help="TOML file with a [kiosk] table")
        sub.add_argument("--embedded", type=Path, help="embedded catalog JSON")
        sub.add_argument("--data-dir", type=Path, help="folder for content.db, usage.db, media")
    run.add_argument("--orientation", choices=("portrait", "landscape"))
    run.add_argument(
        "--windowed", action="store_true", help="a window, with a cursor (development)"
    )
    run.add_argument(
        "--closable", action="store_true", help="the window closes when asked (development)"
    )
    run.add_argument(
        "--pending-update",
        type=Path,
        metavar="LINK",
        help="stop between sessions once this link exists (a new release waits to start)",
    )
    run.add_argument(
        "--health-file",
        type=Path,
        metavar="FILE",
        help="write the kiosk's health here after the first frame (the update's trial)",
    )
    shots.add_argument("--out", type=Path, required=True)
    shots.add_argument("--lang", action="append", help="only these languages (repeatable)")
    shots.add_argument("--orientation", action="append", choices=("portrait", "landscape"))
    shots.add_argument("--screen", action="append", help="only these screens (repeatable)")
    shots.add_argument(
        "--large-text", action="store_true", help="with the traveller's larger text on"
    )
    article = commands.add_parser(
        "render-article", help="draw one article screen to PNG (the hub's preview)"
    )
    article.add_argument("--catalog", type=Path, required=True, help="catalog JSON")
    article.add_argument("--article", required=True, help="the article's id")
    article.add_argument("--lang", required=True, help="language code, e.g. km")
    article.add_argument("--orientation", choices=("portrait", "landscape"), default="portrait")
    article.add_argument("--out", type=Path, required=True, help="the PNG to write")
    article.add_argument("--media", type=Path, help="folder of pictures named by their sha256")
    commands.add_parser("hash-pin", help="print the hash of a technician PIN for the config")
    sideload = commands.add_parser("sideload", help="update from a USB stick, usage onto it")
    sideload.add_argument("path", help="the stick's folder")
    return parser


def _config(args: argparse.Namespace, **extra: object) -> KioskConfig:
    return load_config(args.config, embedded_catalog=args.embedded, data_dir=args.data_dir, **extra)


def run(args: argparse.Namespace) -> int:
    from kiosk.startup import hold_gc

    hold_gc()  # until the first frame is drawn (kiosk.startup)
    # A wrong config value must not take the screen down: it is logged by name and left at its
    # default, and the kiosk goes on showing its content (kiosk.config_fallback).
    from kiosk.config_fallback import load_config_or_defaults, usage_limits_or_defaults

    extra = {"fullscreen": False, "show_cursor": True} if args.windowed else {}
    config, _problems = load_config_or_defaults(
        args.config, embedded_catalog=args.embedded, data_dir=args.data_dir, **extra
    )
    lock_environment(config.kivy_home)
    from kiosk.display import screen_size
    from kiosk.kivy_setup import apply_kivy_config, rotation_for

    apply_kivy_config(config, args.orientation, screen_size() if config.fullscreen else None)
    from kivy.core.window import Window

    from kiosk.app import KioskApp
    from kiosk.stores import open_stores

    Window.rotation = rotation_for(config, Window.system_size, args.orientation)
    from kiosk.signals import install_stop_handlers, stop_signal
    from kiosk.usage import open_recorder

    install_stop_handlers()  # the window exists: SIGTERM and SIGINT stop the kiosk cleanly

    content, state = open_stores(config)
    recorder = open_recorder(config.state_path, usage_limits_or_defaults(args.config))
    from kiosk.software_update import SoftwareUpdate

    update = SoftwareUpdate(args.pending_update, args.health_file)
    app = KioskApp(
        config, content, state=state, recorder=recorder, closable=args.closable, update=update
    )
    try:
        app.run()
    finally:
        recorder.close()  # writes what is still queued
    if stop_signal():
        logger.info("stopped by %s", stop_signal())
    return app.exit_code


def screenshots(args: argparse.Namespace) -> int:
    config = _config(args, fullscreen=False, show_cursor=True)
    lock_environment(Path(tempfile.mkdtemp(prefix="kiosk-shots-")))
    from kiosk.kivy_setup import apply_kivy_config

    apply_kivy_config(config)
    from kiosk.screenshots import SHOTS, render
    from kiosk.stores import open_stores

    content, state = open_stores(config)
    written = render(
        args.out,
        config,
        content,
        state,
        orientations=args.orientation or ("portrait", "landscape"),
        langs=args.lang,
        shots=args.screen or SHOTS,
        large_text=args.large_text,
    )
    print(f"{len(written)} screenshots in {args.out}")
    return 0


def render_article(args: argparse.Namespace) -> int:
    from kiosk.preview import ArticleShot, PreviewError
    from kiosk.preview import render_article as draw

    shot = ArticleShot(
        args.catalog, args.article, args.lang, args.orientation, args.out, args.media
    )
    try:
        draw(shot)
    except PreviewError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def hash_pin() -> int:
    from kiosk.service_access import hash_pin as make_hash

    pin = getpass.getpass("Technician PIN (digits): ")
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        print("A PIN is 4 to 12 digits.", file=sys.stderr)
        return 2
    if getpass.getpass("Again: ") != pin:
        print("The two PINs differ.", file=sys.stderr)
        return 2
    print(f'service_pin_hash = "{make_hash(pin)}"')
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        if args.command == "run":
            return run(args)
        if args.command == "screenshots":
            return screenshots(args)
        if args.command == "render-article":
            return render_article(args)
        if args.command == "sideload":
            command = [sys.executable, "-m", "sync", "sideload", args.path]
            return subprocess.run(command, check=False).returncode

        return hash_pin()
    except ConfigError as error:
        logger.error("%s", error)
        return 2


if __name__ == "__main__":
    sys.exit(main())
