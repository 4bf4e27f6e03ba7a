"""When this software was built: no device clock can honestly read earlier than that.

The bundle step stamps it: `python -m sync.build_time stamp` writes the date of the newest commit
of the source tree (the build time if git is not there) to `build-time.txt` beside this module,
and the bundle ships that file. A source checkout without the stamp falls back to the
modification time of this module's own file. Either way the result is never earlier than
EARLIEST, the date this rule was written, so a file with a nonsense time (1980, from an archive)
cannot make every clock look sane.

Usage: python -m sync.build_time [show | stamp [SOURCE_DIR]]
"""

from __future__ import annotations

import logging
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)

STAMP_FILE = Path(__file__).with_name("build-time.txt")
EARLIEST = datetime(2026, 11, 1, tzinfo=UTC)


class BuildStampError(Exception):
    """The build time could not be stamped."""


def build_time(stamp: Path = STAMP_FILE, module: Path = Path(__file__)) -> datetime:
    """The stamped build time, else this module's modification time; never before EARLIEST."""
    found = _read_stamp(stamp)
    if found is None:
        try:
            found = datetime.fromtimestamp(module.stat().st_mtime, UTC)
        except OSError:  # frozen without the stamp: only the floor is known
            found = EARLIEST
    return max(found, EARLIEST)


def _read_stamp(stamp: Path) -> datetime | None:
    try:
        text = stamp.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        logger.warning("%s does not hold an ISO 8601 time: %r", stamp, text[:40])
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def write_stamp(source_dir: Path, stamp: Path = STAMP_FILE) -> datetime:
    """Stamp the newest commit's date of `source_dir` (now, when it is not a git checkout)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(source_dir), "log", "-1", "--format=%cI"],
            capture_output=True, text=True, check=True, timeout=30,
        )  # fmt: skip
        when = datetime.fromisoformat(result.stdout.strip()).astimezone(UTC)
    except (OSError, subprocess.SubprocessError, ValueError):
        logger.warning("%s: no git history; stamping the current time", source_dir)
        when = datetime.now(UTC).replace(microsecond=0)
    try:
        stamp.write_text(when.isoformat() + "\n", encoding="ascii")
    except OSError as error:
        raise BuildStampError(f"cannot write {stamp}: {error}") from error
    return when


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if argv[:1] == ["stamp"]:
        source = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1]
        when = write_stamp(source)
        sys.stdout.write(f"build time {when.isoformat()} written to {STAMP_FILE}\n")
        return 0
    if argv in ([], ["show"]):
        sys.stdout.write(f"{build_time().isoformat()}\n")
        return 0
    sys.stderr.write(__doc__.strip().splitlines()[-1] + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
